"""Stage 3 as sets: every set of teams one supervisor can attend on one slot, enumerated.

An exact model of §11's rules (no priority) whose linear relaxation sees packing. The model
with times (``models.plan``) and the grouped one prove "these visits cannot fit these
mornings" only by search: twelve teams, five supervisors each fitting two 75-minute visits
in a four-hour morning (three only with the two teams of one institution and a third of its
town) ran to the time limit and ended "no plan within the time limit", exit 4 (probe s31e).
Here each supervisor takes one of the sets of teams that fit a slot's window; the
relaxation sees at once that the one set of three holds a team only one supervisor can
guide: 5 × 2 + 1 < 12.

Exact when the travel gaps nest (``plan_grouped.groupable``): a set fits its window if and
only if ``n · length`` plus its least travel (``plan_grouped``'s formula) is at most the
window, and a set that fits still fits without one of its teams, so the sets are grown from
sets that fit. ``solve_plan`` asks it only when no rule of thumb found a plan, and only when
the sets are few (``MOST_SETS``); each rule family is behind its literal, as in
``PlanModel(with_families=True)``, so a conflict it proves is diagnosed on it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from models.cpsat import cp_model
from models.outcome import SolveParams
from models.plan_data import (
    FAMILY_CAPACITY,
    FAMILY_ONE_PLACE,
    FAMILY_ORAL_SLOTS,
    FAMILY_TIES,
    FAMILY_UNAVAILABLE,
    VISIT_SLOT,
    Plan,
    PlanData,
)
from models.plan_grouped import groupable, grouped_times
from models.solve import Solution, charged, family_literals, make_solver

__all__ = [
    "MOST_SETS",
    "PATTERN_PARAMETERS",
    "PatternPlanModel",
    "fitting_sets",
    "most_visits",
    "pattern_params",
    "pattern_plan",
    "visit_families",
]

#: The most set variables (supervisors × sets over every slot) the model is built with: 12
#: teams, 6 supervisors and two oral slots make about 10,000, solved in a tenth of a second.
MOST_SETS = 60_000


def _least_travel(data: PlanData, teams: Sequence[int]) -> int:
    """The least travel between consecutive events of ``teams`` on one slot, over every order
    (gaps nesting: ``travel · (T − 1) + same_town · (I − T)``, see ``plan_grouped``)."""
    towns = len({int(data.town[t]) for t in teams})
    places = len({int(data.institution[t]) for t in teams})
    return data.travel_minutes * (towns - 1) + data.same_town_minutes * (places - towns)


def fitting_sets(
    data: PlanData, length: int, window: int, most: int
) -> list[tuple[int, ...]] | None:
    """Every non-empty set of teams whose events of ``length`` minutes one supervisor can
    attend within ``window`` minutes (``None``: more than ``most`` of them). The gaps must
    nest (``groupable``): a set that fits still fits without one of its teams, so only sets
    that fit are grown."""
    found: list[tuple[int, ...]] = []
    stack: list[tuple[int, ...]] = [(t,) for t in reversed(range(data.num_teams))]
    while stack:
        teams = stack.pop()
        if len(teams) * length + _least_travel(data, teams) > window:
            continue
        found.append(teams)
        if len(found) > most:
            return None
        stack.extend((*teams, u) for u in reversed(range(teams[-1] + 1, data.num_teams)))
    return found


class PatternPlanModel:
    """The rules of §11 over sets of teams, every rule family behind its literal.

    ``sets`` is ``None`` when the gaps do not nest or there are more than ``MOST_SETS`` set
    variables; the model is then empty and must not be solved.
    """

    def __init__(self, data: PlanData, *, with_families: bool = True) -> None:
        self.data = data
        self._with_families = with_families
        self.model = cp_model.CpModel()
        self.family_vars: dict[str, cp_model.IntVar] = {}
        K, S, num_orals = data.num_teams, data.num_supervisors, data.num_orals
        self.sets: dict[int, list[tuple[int, ...]]] | None = None
        if not _nests(data) or K == 0 or S == 0 or num_orals == 0:
            return
        visit = fitting_sets(data, data.visit_minutes, _span(data.visit_window), MOST_SETS)
        oral = fitting_sets(data, data.oral_minutes, _span(data.oral_window), MOST_SETS)
        if visit is None or oral is None or S * (len(visit) + num_orals * len(oral)) > MOST_SETS:
            return
        self.sets = {VISIT_SLOT: visit, **{1 + o: oral for o in range(num_orals)}}
        m = self.model
        self.a = {(t, s): m.new_bool_var(f"a[{t},{s}]") for t in range(K) for s in range(S)}
        self.y = {(t, o): m.new_bool_var(f"y[{t},{o}]") for t in range(K) for o in range(num_orals)}
        for t in range(K):
            m.add_exactly_one(self.a[t, s] for s in range(S))
            m.add_exactly_one(self.y[t, o] for o in range(num_orals))
        # z[t, s, o]: s attends t's oral in slot o.
        self.z: dict[tuple[int, int, int], cp_model.IntVar] = {}
        for t in range(K):
            for s in range(S):
                for o in range(num_orals):
                    z = m.new_bool_var(f"z[{t},{s},{o}]")
                    m.add_implication(z, self.a[t, s])
                    m.add_implication(z, self.y[t, o])
                    m.add_bool_or([self.a[t, s].Not(), self.y[t, o].Not(), z])
                    self.z[t, s, o] = z
            # The orals of t are attended in exactly one slot (redundant, for the relaxation).
            m.add(sum(self.z[t, s, o] for s in range(S) for o in range(num_orals)) == 1)
        self._rules()

    def _family(self, name: str) -> list[cp_model.IntVar]:
        return family_literals(self.model, self.family_vars, name, self._with_families)

    def attends(self, t: int, s: int, slot: int) -> cp_model.IntVar:
        """The literal "``s`` attends the event of team ``t`` on ``slot``"."""
        return self.a[t, s] if slot == VISIT_SLOT else self.z[t, s, slot - 1]

    def _rules(self) -> None:
        data, m = self.data, self.model
        assert self.sets is not None
        K, S, num_orals = data.num_teams, data.num_supervisors, data.num_orals
        for s in range(S):
            if data.capacity[s] < K:
                total = sum(self.a[t, s] for t in range(K))
                m.add(total <= int(data.capacity[s])).only_enforce_if(
                    self._family(f"{FAMILY_CAPACITY}{s}")
                )
            for tied in np.flatnonzero(~data.allowed[:, s]):
                ties = self._family(f"{FAMILY_TIES}{s}")
                m.add(self.a[int(tied), s] == 0).only_enforce_if(ties)
            for slot in range(1 + num_orals):
                if data.unavailable[s, slot]:
                    off = self._family(f"{FAMILY_UNAVAILABLE}{s}")
                    for t in range(K):
                        m.add(self.attends(t, s, slot) == 0).only_enforce_if(off)
        for t in range(K):
            for closed in np.flatnonzero(~data.oral_allowed[t]):
                m.add(self.y[t, int(closed)] == 0).only_enforce_if(
                    self._family(f"{FAMILY_ORAL_SLOTS}{t}")
                )
        # One place at a time: the teams s attends on a slot are one of the sets that fit.
        for slot, sets in self.sets.items():
            holding: list[list[int]] = [[] for _ in range(K)]
            for i, teams in enumerate(sets):
                for t in teams:
                    holding[t].append(i)
            for s in range(S):
                chosen = [m.new_bool_var(f"x[{s},{slot},{i}]") for i in range(len(sets))]
                m.add_at_most_one(chosen)
                literals = self._family(f"{FAMILY_ONE_PLACE}{s}:{slot}")
                for t in range(K):
                    held = sum(chosen[i] for i in holding[t])
                    m.add(held == self.attends(t, s, slot)).only_enforce_if(literals)

    def decode(self, solution: Solution) -> Plan:
        """The plan of ``solution``: its supervisors and oral slots, timed as ``grouped_times``
        times them."""
        values = solution.values
        data = self.data
        supervisor = tuple(
            next(s for s in range(data.num_supervisors) if values[self.a[t, s].index])
            for t in range(data.num_teams)
        )
        oral_slot = tuple(
            next(o for o in range(data.num_orals) if values[self.y[t, o].index])
            for t in range(data.num_teams)
        )
        return grouped_times(data, supervisor, oral_slot)


def visit_families(data: PlanData) -> list[str]:
    """The rule families of the visit slot (every one but the orals'): where a conflict the
    sets model proves is looked for first, a morning too short for the visits being the
    conflict it is there for."""
    return [
        f"{family}{s}"
        for s in range(data.num_supervisors)
        for family in (FAMILY_CAPACITY, FAMILY_TIES, FAMILY_UNAVAILABLE)
    ] + [f"{FAMILY_ONE_PLACE}{s}:{VISIT_SLOT}" for s in range(data.num_supervisors)]


def _nests(data: PlanData) -> bool:
    """Whether the gaps nest (``groupable`` but for the priorities: a what-if's
    ``event_moves`` needs times in the grouped model, not in this one, which has none;
    probe s32i: ``whatif --withdraw-supervisor`` said « 9 together: 3 each » where 7 fit)."""
    return groupable(replace(data, priorities=()))


def _span(window: tuple[int, int]) -> int:
    return window[1] - window[0]


#: CP-SAT parameters for this model: its proofs are its linear relaxation's (sets chosen at
#: most once per supervisor, every team covered once), which only level 2 holds whole; the
#: presolve makes the rules unconditional once the families are fixed. On probe s31e's
#: cohort: level 2 0.12 units of deterministic time, level 1 1.4, without presolve 0.16.
PATTERN_PARAMETERS: dict[str, object] = {"linearization_level": 2, "cp_model_presolve": True}


def pattern_params(params: SolveParams) -> SolveParams:
    """``params`` with this model's CP-SAT parameters (``PATTERN_PARAMETERS``), for its
    decision and for a diagnosis on it."""
    return replace(params, cp_sat_parameters={**params.cp_sat_parameters, **PATTERN_PARAMETERS})


def pattern_plan(
    data: PlanData, params: SolveParams, work: float
) -> tuple[bool | None, Plan | None, float]:
    """Whether a plan exists, decided on the sets model within ``work`` units: ``False``
    proven none, ``True`` with the plan found, ``None`` undecided (too many sets, gaps that
    do not nest, or the budget spent); and the units spent."""
    built = PatternPlanModel(data, with_families=False)
    if built.sets is None:
        return None, None, 0.0
    tuned = pattern_params(params)
    solver = make_solver(tuned, params.time_limit, work)
    status = solver.solve(built.model)
    spent = charged(tuned, solver)
    if status == cp_model.INFEASIBLE:
        return False, None, spent
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True, built.decode(Solution(list(solver.response_proto.solution))), spent
    return None, None, spent


#: Work units ``most_visits`` may spend (a diagnosis's sentence, not a result).
MOST_VISITS_WORK = 2.0


def most_visits(
    data: PlanData, supervisors: Sequence[int], caps: Sequence[int]
) -> tuple[int, list[tuple[int, ...]]] | None:
    """The most visits ``supervisors`` can make together, each at most their ``caps`` (an
    upper bound when the budget ends first), and the largest sets of teams one of them can
    visit in a morning; ``None`` without sets (too many, or gaps that do not nest)."""
    if not _nests(data):
        return None
    sets = fitting_sets(data, data.visit_minutes, _span(data.visit_window), MOST_SETS)
    if not sets or len(sets) * len(supervisors) > MOST_SETS:
        return None
    model = cp_model.CpModel()
    holding: list[list[cp_model.IntVar]] = [[] for _ in range(data.num_teams)]
    for s, cap in zip(supervisors, caps, strict=True):
        # The sets within the supervisor's limit only.
        chosen = [
            (teams, model.new_bool_var(f"x[{s},{i}]"))
            for i, teams in enumerate(sets)
            if len(teams) <= cap
        ]
        model.add_at_most_one(x for _, x in chosen)
        for teams, x in chosen:
            for t in teams:
                holding[t].append(x)
    for held in holding:
        model.add(sum(held) <= 1)
    model.maximize(sum(sum(held) for held in holding))
    params = SolveParams(time_limit=10.0, cp_sat_parameters=PATTERN_PARAMETERS)
    solver = make_solver(params, params.time_limit, MOST_VISITS_WORK)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    largest = max(len(teams) for teams in sets)
    return int(solver.best_objective_bound), [teams for teams in sets if len(teams) == largest]
