"""Stage 3 formulation: one supervisor per team, and the time of every visit and oral.

Per team ``t``: ``x[t, s]`` (supervisor ``s`` guides ``t``), ``y[t, o]`` (oral in slot
``o``), the intervals of its visit and oral. A supervisor is in one place at a time: two
events of one supervisor on one slot are apart by the travel time (``PlanData.gap``).

The ``travel`` priority needs *consecutive* events: per slot, an arc literal
``next[t, u]`` says that ``u`` is the next event after ``t`` of the same supervisor. Arcs go
forward in time, every event has at most one arc in and one out, and a slot holds exactly
(events − supervisors present) arcs: since one supervisor's events can carry at most
(their events − 1) forward arcs with those degrees, each supervisor's events form exactly
one chain in time order, so the arcs are the consecutive pairs and the travel is exact.
``PlanData`` and the independent evaluation live in ``models.plan_data`` (no OR-Tools).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

import numpy as np

from models import interrupt, plan_flow
from models.budget import StoppedBy
from models.cpsat import cp_model
from models.outcome import WORK_PER_SECOND
from models.plan_data import (
    FAMILY_CAPACITY,
    FAMILY_ONE_PLACE,
    FAMILY_ORAL_SLOTS,
    FAMILY_TIES,
    FAMILY_UNAVAILABLE,
    PRIORITIES,
    VISIT_SLOT,
    Plan,
    PlanData,
    PlanSolution,
    counted_conflict,
    family_index,
    start_values,
)
from models.plan_diagnose import FamiliesModel, evident_conflict
from models.plan_grouped import GROUPED_PARAMETERS, GroupedPlanModel, groupable
from models.plan_patterns import PatternPlanModel, pattern_params, pattern_plan, visit_families
from models.solve import (
    Objective,
    Solution,
    SolveParams,
    Status,
    family_literals,
    solve_lexicographic,
)

__all__ = [
    "FAMILY_CAPACITY",
    "FAMILY_ONE_PLACE",
    "FAMILY_ORAL_SLOTS",
    "FAMILY_TIES",
    "FAMILY_UNAVAILABLE",
    "PRIORITIES",
    "Plan",
    "PlanData",
    "PlanModel",
    "PlanSolution",
    "family_index",
    "solve_plan",
]

#: From this many teams a min-cost flow settles expertise and load first (``plan_flow``).
FLOW_FROM_TEAMS = 30
#: Above this many (team, supervisor) pairs the model is not built: its construction alone
#: outgrows any time limit and the memory (1,000 teams × 1,000 supervisors: 2.4 GB and
#: minutes before CP-SAT starts), so the greedy plan stands in, FEASIBLE with trivial bounds.
#: 300 × 150 (45,000 pairs) builds and solves within 30 s (benchmarks/plan_speed.py).
EXACT_PAIRS_LIMIT = 60_000

#: Pairs built and first solved per second of time limit; with less, the greedy plan (100 x
#: 100: 1.5 CPU s, 8 s at load 7 on a 0.05 s limit; ``results/2026-12-01/scale.md``).
BUILD_PAIRS_PER_SECOND = 5_000

#: Work units (about a reference CPU second each) a unit of CP-SAT's deterministic time
#: costs on stage 3's models: 2.9-3.7 CPU s on the grouped model of 30-100 teams, 3.2 with
#: times (30 teams), session 19. With 4, a search stopped by its budget ends at about three
#: quarters of the limit on a quiet machine: its counted work, not the clock, stops it.
PLAN_WORK_PER_DTIME = 4.0

#: The share of the work budget the model of sets (``plan_patterns``) may spend deciding
#: whether a plan exists when no rule of thumb found one.
SETS_SHARE = 0.25


class PlanModel:
    """CP-SAT model of stage 3, one method per rule.

    Parameters
    ----------
    data
        The problem.
    with_families
        Enforce each rule family through a named literal (for diagnoses) instead of
        unconditionally; the one-place rule is then stated per supervisor (heavier), and
        no objective is built.
    """

    def __init__(self, data: PlanData, *, with_families: bool = False) -> None:
        self.data = data
        self.model = cp_model.CpModel()
        self.family_vars: dict[str, cp_model.IntVar] = {}
        self._with_families = with_families
        K, S, num_orals = data.num_teams, data.num_supervisors, data.num_orals
        m = self.model
        # Without families, ties are not variables at all; with them, every pair exists.
        self.pairs = [
            (t, s) for t in range(K) for s in range(S) if with_families or data.allowed[t, s]
        ]
        self.x = {
            (t, s): m.new_bool_var(f"x[{data.team_label(t)},{data.supervisor_label(s)}]")
            for t, s in self.pairs
        }
        self.y = {
            (t, o): m.new_bool_var(f"y[{data.team_label(t)},{data.slot_label(1 + o)}]")
            for t in range(K)
            for o in range(num_orals)
        }
        visits, orals = (cp_model.Domain.from_values(s) for s in start_values(data))
        self.visit = [m.new_int_var_from_domain(visits, f"visit[{t}]") for t in range(K)]
        self.oral = [m.new_int_var_from_domain(orals, f"oral[{t}]") for t in range(K)]
        self.sup = [m.new_int_var(0, max(S - 1, 0), f"sup[{t}]") for t in range(K)]
        self.of_team: list[list[int]] = [[] for _ in range(K)]
        self.of_supervisor: list[list[int]] = [[] for _ in range(S)]
        for t, s in self.pairs:
            self.of_team[t].append(s)
            self.of_supervisor[s].append(t)
        # Pairs of teams that can share a supervisor, and "they do".
        self.share: dict[tuple[int, int], cp_model.IntVar] = {}
        self.add_constraints()

    # -- rules --------------------------------------------------------------------------

    def _family(self, name: str) -> list[cp_model.IntVar]:
        """Enforcement literals of a rule family (none when families are not in use)."""
        return family_literals(self.model, self.family_vars, name, self._with_families)

    def add_constraints(self) -> None:
        """Every rule of stage 3 (contract §11)."""
        self.add_one_supervisor()
        self.add_one_oral_slot()
        self.add_capacity()
        self.add_ties()
        self.add_unavailability()
        self.add_oral_slots()
        self.add_one_place()

    def add_one_supervisor(self) -> None:
        """Every team has exactly one supervisor (``sup[t]`` is their index)."""
        for t in range(self.data.num_teams):
            self.model.add_exactly_one(self.x[t, s] for s in self.of_team[t])
            self.model.add(self.sup[t] == sum(s * self.x[t, s] for s in self.of_team[t]))

    def add_one_oral_slot(self) -> None:
        """Every team defends in exactly one oral slot."""
        for t in range(self.data.num_teams):
            self.model.add_exactly_one(self.y[t, o] for o in range(self.data.num_orals))

    def add_capacity(self) -> None:
        """A supervisor has at most ``capacity`` teams."""
        for s in range(self.data.num_supervisors):
            members = self.of_supervisor[s]
            if len(members) > self.data.capacity[s]:
                literals = self._family(f"{FAMILY_CAPACITY}{s}")
                total = sum(self.x[t, s] for t in members)
                self.model.add(total <= int(self.data.capacity[s])).only_enforce_if(literals)

    def add_ties(self) -> None:
        """Never a team whose institution the supervisor is tied to."""
        if not self._with_families:
            return  # such pairs have no variable
        for t, s in self.pairs:
            if not self.data.allowed[t, s]:
                self.model.add(self.x[t, s] == 0).only_enforce_if(self._family(f"{FAMILY_TIES}{s}"))

    def add_unavailability(self) -> None:
        """A supervisor attends no event on a slot they are unavailable."""
        data = self.data
        for t, s in self.pairs:
            if data.unavailable[s, VISIT_SLOT]:
                literals = self._family(f"{FAMILY_UNAVAILABLE}{s}")
                self.model.add(self.x[t, s] == 0).only_enforce_if(literals)
            for o in range(data.num_orals):
                if data.unavailable[s, 1 + o]:
                    literals = self._family(f"{FAMILY_UNAVAILABLE}{s}")
                    self.model.add_bool_or(
                        [self.x[t, s].Not(), self.y[t, o].Not()]
                    ).only_enforce_if(literals)

    def add_oral_slots(self) -> None:
        """A team's oral is in a slot its institution offers."""
        for t in range(self.data.num_teams):
            for o in range(self.data.num_orals):
                if not self.data.oral_allowed[t, o]:
                    literals = self._family(f"{FAMILY_ORAL_SLOTS}{t}")
                    self.model.add(self.y[t, o] == 0).only_enforce_if(literals)

    def _apart(
        self,
        first: cp_model.IntVar,
        second: cp_model.IntVar,
        length: int,
        gap: int,
        guard: list[cp_model.IntVar],
        order: cp_model.IntVar,
    ) -> None:
        """Under ``guard``: one event ends and ``gap`` passes before the other starts."""
        m = self.model
        m.add(first + length + gap <= second).only_enforce_if([*guard, order])
        m.add(second + length + gap <= first).only_enforce_if([*guard, order.Not()])

    def add_one_place(self) -> None:
        """A supervisor is in one place at a time and leaves the travel time between events."""
        data = self.data
        m = self.model
        K = data.num_teams
        gaps = data.gaps()
        for t in range(K):
            common_t = set(self.of_team[t])
            for u in range(t + 1, K):
                common = sorted(common_t.intersection(self.of_team[u]))
                if not common:
                    continue
                gap = int(gaps[t, u])
                visit_order = m.new_bool_var(f"visit_before[{t},{u}]")
                oral_order = m.new_bool_var(f"oral_before[{t},{u}]")
                if self._with_families:
                    for s in common:
                        both = [self.x[t, s], self.x[u, s]]
                        fam = self._family(f"{FAMILY_ONE_PLACE}{s}:{VISIT_SLOT}")
                        self._apart(
                            self.visit[t],
                            self.visit[u],
                            data.visit_minutes,
                            gap,
                            both + fam,
                            visit_order,
                        )
                        for o in range(data.num_orals):
                            fam = self._family(f"{FAMILY_ONE_PLACE}{s}:{1 + o}")
                            guard = [*both, self.y[t, o], self.y[u, o], *fam]
                            self._apart(
                                self.oral[t],
                                self.oral[u],
                                data.oral_minutes,
                                gap,
                                guard,
                                oral_order,
                            )
                    continue
                share = m.new_bool_var(f"share[{t},{u}]")
                self.share[t, u] = share
                m.add(self.sup[t] != self.sup[u]).only_enforce_if(share.Not())
                m.add(self.sup[t] == self.sup[u]).only_enforce_if(share)
                self._apart(
                    self.visit[t], self.visit[u], data.visit_minutes, gap, [share], visit_order
                )
                for o in range(data.num_orals):
                    guard = [share, self.y[t, o], self.y[u, o]]
                    self._apart(
                        self.oral[t], self.oral[u], data.oral_minutes, gap, guard, oral_order
                    )
        if not self._with_families:
            self._add_visit_bound()
            self._add_redundant_no_overlap()

    def _add_redundant_no_overlap(self) -> None:
        """Implied: each supervisor's visits (and orals per slot) never overlap (propagation)."""
        data = self.data
        m = self.model
        for s in range(data.num_supervisors):
            members = self.of_supervisor[s]
            if len(members) < 2:
                continue
            m.add_no_overlap(
                m.new_optional_fixed_size_interval_var(
                    self.visit[t], data.visit_minutes, self.x[t, s], f"visit_iv[{t},{s}]"
                )
                for t in members
            )

    def _add_visit_bound(self) -> None:
        """Implied: no supervisor makes more visits than fit in the morning (a cut)."""
        data = self.data
        K = data.num_teams
        gaps = data.gaps() + np.eye(K, dtype=np.int64) * 10**6
        smallest = int(gaps.min()) if K > 1 else 0
        length = data.visit_window[1] - data.visit_window[0]
        most = (length + smallest) // (data.visit_minutes + smallest)
        for s in range(data.num_supervisors):
            members = self.of_supervisor[s]
            if len(members) > most:
                self.model.add(sum(self.x[t, s] for t in members) <= most)

    # -- priorities ---------------------------------------------------------------------

    def build(self, name: str) -> Objective:
        """The objective of priority ``name`` (its variables are built now)."""
        build = {
            "expertise": self.expertise,
            "load": self.load,
            "travel": self.travel,
            "supervisor_changes": self.supervisor_changes,
            "event_moves": self.event_moves,
        }
        return Objective(name, build[name](), PRIORITIES[name])

    def objectives(self) -> list[Objective]:
        """The configured priorities, most important first."""
        return [self.build(name) for name in self.data.priorities]

    def expertise(self) -> cp_model.LinearExprT:
        """Teams whose sector is among their supervisor's sectors (to maximise)."""
        expert = self.data.expert
        return sum(self.x[t, s] for t, s in self.pairs if expert[t, s])

    def load(self) -> cp_model.LinearExprT:
        """Teams of the busiest supervisor (to minimise)."""
        data = self.data
        lower = -(-data.num_teams // max(data.num_supervisors, 1))
        busiest = self.model.new_int_var(lower, max(data.num_teams, lower), "busiest")
        for s in range(data.num_supervisors):
            if self.of_supervisor[s]:
                self.model.add(busiest >= sum(self.x[t, s] for t in self.of_supervisor[s]))
        return busiest

    def supervisor_changes(self) -> cp_model.LinearExprT:
        """Teams whose supervisor differs from the previous plan's (to minimise)."""
        before = self.data.previous
        if before is None:
            return 0
        terms: list[cp_model.LinearExprT] = []
        for t in range(self.data.num_teams):
            s = before.supervisor[t]
            if s < 0:
                continue  # a new team had no supervisor
            keep = self.x.get((t, s))
            terms.append(1 if keep is None else 1 - keep)
        return sum(terms)

    def event_moves(self) -> cp_model.LinearExprT:
        """Visits and orals whose slot or start differs from the previous plan's (to minimise)."""
        before = self.data.previous
        if before is None:
            return 0
        m = self.model
        terms: list[cp_model.LinearExprT] = []
        for t in range(self.data.num_teams):
            if before.visit_start[t] >= 0:
                same = m.new_bool_var(f"visit_kept[{t}]")
                m.add(self.visit[t] == before.visit_start[t]).only_enforce_if(same)
                terms.append(1 - same)
            o = before.oral_slot[t]
            if before.oral_start[t] >= 0:
                if (t, o) not in self.y:
                    terms.append(1)
                    continue
                same = m.new_bool_var(f"oral_kept[{t}]")
                m.add_implication(same, self.y[t, o])
                m.add(self.oral[t] == before.oral_start[t]).only_enforce_if(same)
                terms.append(1 - same)
        return sum(terms)

    def travel(self) -> cp_model.LinearExprT:
        """Total travel between consecutive events of each supervisor (to minimise)."""
        data = self.data
        m = self.model
        K, S = data.num_teams, data.num_supervisors
        gaps = data.gaps()
        terms: list[cp_model.LinearExprT] = []
        for slot in range(1 + data.num_orals):
            # present[t]: the event of team t is in this slot; here[s]: s has one in it.
            if slot == VISIT_SLOT:
                present: list[cp_model.LinearExprT] = [1] * K
                start, length = self.visit, data.visit_minutes
                of = {(t, s): self.x[t, s] for t, s in self.pairs}
            else:
                o = slot - 1
                present = [self.y[t, o] for t in range(K)]
                start, length = self.oral, data.oral_minutes
                of = {}
                for t, s in self.pairs:
                    both = m.new_bool_var(f"attends[{t},{s},{slot}]")
                    m.add_implication(both, self.x[t, s])
                    m.add_implication(both, self.y[t, o])
                    m.add_bool_or([both, self.x[t, s].Not(), self.y[t, o].Not()])
                    of[t, s] = both
            here = []
            for s in range(S):
                members = self.of_supervisor[s]
                if not members:
                    continue
                active = m.new_bool_var(f"here[{s},{slot}]")
                for t in members:
                    m.add_implication(of[t, s], active)
                m.add(active <= sum(of[t, s] for t in members))
                here.append(active)
            arcs_out: list[list[cp_model.IntVar]] = [[] for _ in range(K)]
            arcs_in: list[list[cp_model.IntVar]] = [[] for _ in range(K)]
            arcs = []
            for (t, u), share in self.share.items():
                for a, b in ((t, u), (u, t)):
                    arc = m.new_bool_var(f"next[{a},{b},{slot}]")
                    m.add_implication(arc, share)
                    if slot != VISIT_SLOT:
                        m.add_implication(arc, present[a])  # type: ignore[arg-type]
                        m.add_implication(arc, present[b])  # type: ignore[arg-type]
                    gap = int(gaps[a, b])
                    m.add(start[a] + length + gap <= start[b]).only_enforce_if(arc)
                    arcs_out[a].append(arc)
                    arcs_in[b].append(arc)
                    arcs.append(arc)
                    if gap:
                        terms.append(gap * arc)
            for t in range(K):
                if arcs_out[t]:
                    m.add_at_most_one(arcs_out[t])
                if arcs_in[t]:
                    m.add_at_most_one(arcs_in[t])
            events: cp_model.LinearExprT = (
                K if slot == VISIT_SLOT else sum(self.y[t, slot - 1] for t in range(K))
            )
            m.add(sum(arcs) + sum(here) == events)
        return sum(terms)

    # -- reading a solution -------------------------------------------------------------

    def hint(self, plan: Plan) -> None:
        """Suggest a plan to start the search from (CP-SAT completes the other variables)."""
        m = self.model
        for (t, s), var in self.x.items():
            m.add_hint(var, int(plan.supervisor[t] == s))
        for (t, o), var in self.y.items():
            m.add_hint(var, int(plan.oral_slot[t] == o))
        for t in range(self.data.num_teams):
            m.add_hint(self.visit[t], plan.visit_start[t])
            m.add_hint(self.oral[t], plan.oral_start[t])
            m.add_hint(self.sup[t], plan.supervisor[t])

    def decode(self, solution: Solution) -> Plan:
        """The plan of a solution."""
        data = self.data
        K = data.num_teams
        return Plan(
            supervisor=tuple(
                next(s for s in self.of_team[t] if solution.bool(self.x[t, s])) for t in range(K)
            ),
            visit_start=tuple(solution.value(v) for v in self.visit),
            oral_slot=tuple(
                next(o for o in range(data.num_orals) if solution.bool(self.y[t, o]))
                for t in range(K)
            ),
            oral_start=tuple(solution.value(v) for v in self.oral),
        )


def solve_plan(data: PlanData, params: SolveParams) -> PlanSolution:
    """Optimise the configured priorities lexicographically under every rule of §11.

    When the travel gaps nest (``models.plan_grouped.groupable``), the model without times
    (``GroupedPlanModel``) is solved instead: exact, far smaller, proven in seconds with its
    full LP relaxation (``GROUPED_PARAMETERS``). Each priority's variables are built only when its
    turn comes (the travel arcs are most of the model on large cohorts), each stage starting
    from the previous stage's plan, the first from a greedy plan. The work budget
    (``SolveParams.work``) is shared by all stages, the time limit being a safety net;
    ``stopped_by`` says which ended an unproven plan. A stage that finds nothing better in
    the budget left keeps the earlier plan (status FEASIBLE, the rest evaluated with
    trivial bounds); if even the first finds nothing, the greedy plan is returned the same
    way. When no plan exists, a minimal conflict between rule families is searched with the
    time left (``models.plan_diagnose``); when the time limit hits first, the status is
    UNKNOWN. After a stop (Ctrl-C) or without the budget to build a model:
    ``plan_flow.quick_plan``.
    """
    start = time.perf_counter()
    if data.num_supervisors == 0 and data.num_teams:
        return PlanSolution(Status.INFEASIBLE, 0.0, conflict=[])
    if (counted := counted_conflict(data)) is not None:
        return PlanSolution(Status.INFEASIBLE, time.perf_counter() - start, conflict=counted)
    work = params.work()  # where the search stops: the same on every machine (issue 17)
    params = plan_flow.stage_progress(data, params, start)
    params = replace(params, work_per_dtime=PLAN_WORK_PER_DTIME)
    # Too little budget to build the model, or a stop: a quick plan.
    pairs = data.num_teams * data.num_supervisors
    build = pairs / BUILD_PAIRS_PER_SECOND
    stopped_by: StoppedBy | None = None
    if interrupt.should_stop():
        stopped_by = "interrupt"
    elif pairs > EXACT_PAIRS_LIMIT or work / WORK_PER_SECOND < build:
        stopped_by = "work"
    elif params.time_limit < build:
        stopped_by = "wall"
    large = data.num_teams >= FLOW_FROM_TEAMS
    if stopped_by is not None:
        quick, settled = plan_flow.quick_plan(data)
        if quick is not None:
            return plan_flow.unsolved(data, quick, settled, start, 0.0, stopped_by)
    built = GroupedPlanModel(data) if groupable(data) else PlanModel(data)
    if isinstance(built, GroupedPlanModel):
        tuned = {**GROUPED_PARAMETERS, **params.cp_sat_parameters}
        params = replace(params, cp_sat_parameters=tuned)
    # From FLOW_FROM_TEAMS teams the flow settles expertise and load (plan_flow.settle).
    start_from, results = plan_flow.settle(data, built, large, params.progress, start)
    if start_from is None and not results:
        # No rule of thumb found a plan: the model of sets decides whether one exists (a
        # packing the other models prove only by search, probe s31e), else gives a start.
        exists, start_from, charged = pattern_plan(data, params, work * SETS_SHARE)
        work -= charged
        if exists is False:
            on_sets = partial(PatternPlanModel, data)
            within = visit_families(data)
            return _infeasible(data, pattern_params(params), start, on_sets, charged, within)
        if start_from is not None:
            built.hint(start_from)
    best: list[int] | None = None
    proven = True
    status = Status.UNKNOWN
    spent = 0.0
    for name in data.priorities[len(results) :] or (("",) if not results else ()):
        left = params.time_limit - (time.perf_counter() - start)
        if (left <= 0 or spent >= work) and (best is not None or results):
            proven = False
            stopped_by = stopped_by or ("wall" if left <= 0 else "work")
            break
        stage = [built.build(name)] if name else []
        budget = replace(params, time_limit=max(left, 0.01), work_limit=max(work - spent, 0.001))
        lex = solve_lexicographic(built.model, stage, budget, hint=best)
        spent += lex.work
        if lex.status in (Status.FEASIBLE, Status.UNKNOWN) and stopped_by is None:
            stopped_by = (
                "interrupt" if interrupt.should_stop() else "wall" if lex.on_clock else "work"
            )
        if lex.solution is None:
            status = lex.status
            proven = False
            break
        best = list(lex.solution.values)
        results += lex.objectives
        proven = proven and lex.status == Status.OPTIMAL
    plan = built.decode(Solution(best)) if best is not None else None
    if plan is None and (status == Status.UNKNOWN or results) and start_from is not None:
        plan = start_from  # CP-SAT found nothing in the time left
    results = [replace(r, bound=plan_flow.within_trivial(data, r.name, r.bound)) for r in results]
    if plan is not None:
        if not proven:
            return plan_flow.unsolved(data, plan, results, start, spent, stopped_by)
        return PlanSolution(Status.OPTIMAL, time.perf_counter() - start, results, plan, work=spent)
    if status == Status.INFEASIBLE:
        families = partial(PlanModel, data, with_families=True)
        return _infeasible(data, params, start, families, spent, stopped_by=stopped_by)
    conflict = None
    if status == Status.UNKNOWN and (evident := evident_conflict(data)) is not None:
        status, conflict = Status.INFEASIBLE, evident  # no need of the time that ran out
    elapsed = time.perf_counter() - start
    return PlanSolution(status, elapsed, conflict=conflict, work=spent, stopped_by=stopped_by)


def _infeasible(
    data: PlanData,
    params: SolveParams,
    start: float,
    families: Callable[[], FamiliesModel],
    spent: float,
    within: Sequence[str] = (),
    stopped_by: StoppedBy | None = None,
) -> PlanSolution:
    """No plan (``spent`` work units to prove it): a minimal conflict between rule families
    searched in the time left, on the model ``families`` builds, first ``within`` these
    (``plan_diagnose``)."""
    from models.plan_diagnose import diagnose_plan

    left = max(params.time_limit - (time.perf_counter() - start), 1.0)
    diagnosed = replace(params, time_limit=left, progress=None)
    conflict, witness = diagnose_plan(data, diagnosed, families, within)
    elapsed = time.perf_counter() - start
    return PlanSolution(
        Status.INFEASIBLE,
        elapsed,
        conflict=conflict,
        witness=witness,
        work=spent,
        stopped_by=stopped_by,
    )
