"""Stage 1 formulation: choose ``count`` proposals under the programme's rules.

Everything here is index-based: proposals, sectors, problem types and institutions are
integers; ``matcher.selection`` maps ids and names to indices and back.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from models.cpsat import cp_model
from models.solve import (
    LexResult,
    Objective,
    ObjectiveResult,
    Solution,
    SolveParams,
    Status,
    explain_infeasibility,
    family_literals,
    solve_lexicographic,
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Every selection priority and its sense, in the default order (contract §5).
PRIORITIES: dict[str, Literal["min", "max"]] = {
    "sectors": "max",
    "problem_types": "max",
    "sector_spread": "min",
    "priority": "max",
}

#: Eligible proposals up to which the last tie-break is exactly the earliest in the file.
EXACT_EARLIEST_MAX = 200

#: Names of the rule families a diagnosis can blame (``include:<index>`` per forced proposal).
FAMILY_COUNT = "count"
FAMILY_CAP = "institution_cap"
FAMILY_AVAILABILITY = "availability"
FAMILY_INCLUDE = "include:"

#: A priority vector: the value of every configured priority, in the configured order.
Vector = tuple[int, ...]


@dataclass(frozen=True)
class SelectionData:
    """Index-based stage-1 problem.

    Parameters
    ----------
    sector_idcs, problem_type_idcs, institution_idcs
        Per proposal: index of its sector, problem type and (folded) institution.
    priority
        Per proposal: the staff's rating (higher is better).
    eligible
        Per proposal: available on the required dates and not excluded.
    count
        Number of proposals to select.
    max_per_institution
        Most proposals selected from one institution.
    include_idcs
        Proposals forced into the selection.
    priorities
        Names of the priorities to optimise, most important first (keys of ``PRIORITIES``).
    labels
        Per proposal: a readable name for CP-SAT variables (the id).
    plan_key
        Per proposal, when supervisors plan the teams: proposals with one key are alike for
        every rule of the plan (``matcher.selection_plan``); ``None``: no plan considered.
    no_goods
        Sets of proposals no supervision plan can hold together: never all selected (with
        ``plan_key``, any proposals alike them count as them).
    close_idcs, close_pairs
        Per proposal, its group of close institutions (one town; ``-1``: none), and how many
        disjoint pairs of selected proposals of one group a plan needs at least (a morning
        holding two visits only for close teams): a necessary condition, with ``plan_key``.
    """

    sector_idcs: IntArray
    problem_type_idcs: IntArray
    institution_idcs: IntArray
    priority: IntArray
    eligible: BoolArray
    count: int
    max_per_institution: int
    include_idcs: tuple[int, ...] = ()
    priorities: tuple[str, ...] = tuple(PRIORITIES)
    labels: tuple[str, ...] = ()
    plan_key: IntArray | None = None
    no_goods: tuple[tuple[int, ...], ...] = ()
    close_idcs: IntArray | None = None
    close_pairs: int = 0
    #: Per proposal, the (min, max) size of the team it would host, and the students the
    #: selected teams share: their sizes must be able to hold them all (``None``: no rule).
    team_sizes: IntArray | None = None
    num_students: int = 0
    #: Proposals never grouped with others alike (``interchangeable_groups``): those of a
    #: selection ``run`` forbids because its teams cannot be formed, where alike proposals
    #: (other institutions, other students' choices) may have teams (``no_goods`` then
    #: forbids that selection exactly).
    single: frozenset[int] = frozenset()

    @property
    def num_proposals(self) -> int:
        """Number of proposals received (eligible or not)."""
        return len(self.sector_idcs)

    @property
    def num_sectors(self) -> int:
        """Number of distinct sectors among all proposals."""
        return int(self.sector_idcs.max()) + 1 if self.num_proposals else 0

    @property
    def num_problem_types(self) -> int:
        """Number of distinct problem types among all proposals."""
        return int(self.problem_type_idcs.max()) + 1 if self.num_proposals else 0

    @property
    def num_institutions(self) -> int:
        """Number of distinct (folded) institutions among all proposals."""
        return int(self.institution_idcs.max()) + 1 if self.num_proposals else 0

    def label(self, proposal_idx: int) -> str:
        """Readable name of a proposal for variable names."""
        return self.labels[proposal_idx] if self.labels else str(proposal_idx)

    def interchangeable_groups(self) -> list[list[int]]:
        """Proposals alike for every rule and priority, each group in file order.

        A proposal is alike another when both share sector, problem type, priority and
        eligibility, neither is an include, and either both come from one institution or
        both come from institutions whose proposals can never fill the cap (so the cap
        never binds on them). Selecting any ``k`` of a group gives the same priorities.
        """
        per_institution = np.bincount(self.institution_idcs, minlength=self.num_institutions)
        groups: dict[tuple[int, ...], list[int]] = {}
        for p in range(self.num_proposals):
            institution = int(self.institution_idcs[p])
            key = (
                int(self.sector_idcs[p]),
                int(self.problem_type_idcs[p]),
                int(self.priority[p]),
                int(bool(self.eligible[p])),
                institution if per_institution[institution] > self.max_per_institution else -1,
                p if p in self.include_idcs or p in self.single else -1,
                -1 if self.plan_key is None else int(self.plan_key[p]),
                *(() if self.team_sizes is None else (int(v) for v in self.team_sizes[p])),
            )
            groups.setdefault(key, []).append(p)
        return sorted(groups.values())


def better_key(data: SelectionData, vector: Vector) -> tuple[int, ...]:
    """A key under which a larger tuple is a better priority vector."""
    return tuple(
        v if PRIORITIES[n] == "max" else -v for n, v in zip(data.priorities, vector, strict=True)
    )


class SelectionModel:
    """CP-SAT model of stage 1, one method per rule.

    Interchangeable proposals (``SelectionData.interchangeable_groups``) share one integer
    variable: how many of the group are selected, the earliest in the file first. On a
    cohort of thousands of proposals this turns thousands of Booleans into a few hundred
    counts, and it makes the choice among equals reproducible.

    Parameters
    ----------
    data
        The problem.
    with_families
        Enforce each rule family through a named literal (for diagnoses) instead of
        unconditionally.
    """

    def __init__(self, data: SelectionData, *, with_families: bool = False) -> None:
        self.data = data
        self.model = cp_model.CpModel()
        self.family_vars: dict[str, cp_model.IntVar] = {}
        self._with_families = with_families
        self.groups = data.interchangeable_groups()
        self.group_of = np.zeros(data.num_proposals, dtype=np.int64)
        for g, members in enumerate(self.groups):
            self.group_of[members] = g
        self.count_vars = [
            self.model.new_int_var(0, len(members), f"selected[{self._group_label(members)}]")
            for members in self.groups
        ]
        self.add_constraints()

    def _group_label(self, members: Sequence[int]) -> str:
        first = self.data.label(members[0])
        return first if len(members) == 1 else f"{first}+{len(members) - 1} alike"

    # -- rules --------------------------------------------------------------------------

    def add_constraints(self) -> None:
        """Every rule of stage 1 (contract §5)."""
        self.add_availability()
        self.add_count()
        self.add_institution_cap()
        self.add_includes()
        self.add_no_goods()
        self.add_close_pairs()
        self.add_team_sizes()

    def add_team_sizes(self) -> None:
        """The selected teams' sizes can hold the students: sum of mins ≤ N ≤ sum of maxes."""
        sizes = self.data.team_sizes
        if sizes is None:
            return
        firsts = [members[0] for members in self.groups]
        lows = sum(int(sizes[p][0]) * self.count_vars[g] for g, p in enumerate(firsts))
        highs = sum(int(sizes[p][1]) * self.count_vars[g] for g, p in enumerate(firsts))
        self.model.add(lows <= self.data.num_students)
        self.model.add(highs >= self.data.num_students)

    def _family(self, name: str) -> list[cp_model.IntVar]:
        """Enforcement literals of a rule family (none when families are not in use)."""
        return family_literals(self.model, self.family_vars, name, self._with_families)

    def add_availability(self) -> None:
        """A proposal not available on the required dates, or excluded, is not selected."""
        for g, members in enumerate(self.groups):
            if not self.data.eligible[members[0]]:
                literals = self._family(FAMILY_AVAILABILITY)
                self.model.add(self.count_vars[g] == 0).only_enforce_if(literals)

    def add_count(self) -> None:
        """Exactly ``count`` proposals are selected."""
        literals = self._family(FAMILY_COUNT)
        self.model.add(sum(self.count_vars) == self.data.count).only_enforce_if(literals)

    def add_institution_cap(self) -> None:
        """At most ``max_per_institution`` proposals of one institution are selected."""
        per_institution = np.bincount(
            self.data.institution_idcs, minlength=self.data.num_institutions
        )
        for institution in np.flatnonzero(per_institution > self.data.max_per_institution):
            group_idcs = sorted(
                {
                    int(self.group_of[p])
                    for p in np.flatnonzero(self.data.institution_idcs == institution)
                }
            )
            literals = self._family(FAMILY_CAP)
            chosen = sum(self.count_vars[g] for g in group_idcs)
            self.model.add(chosen <= self.data.max_per_institution).only_enforce_if(literals)

    def add_includes(self) -> None:
        """Every proposal in ``include`` is selected."""
        for p in self.data.include_idcs:
            literals = self._family(f"{FAMILY_INCLUDE}{p}")
            self.model.add(self.count_vars[self.group_of[p]] == 1).only_enforce_if(literals)

    def add_no_goods(self) -> None:
        """No set of ``no_goods`` is selected whole: for each, some group of its members
        has fewer selected than the set holds of it."""
        for n, cut in enumerate(self.data.no_goods):
            need: dict[int, int] = {}
            for p in cut:
                g = int(self.group_of[p])
                need[g] = need.get(g, 0) + 1
            reached = []
            for g, m in sorted(need.items()):
                full = self.model.new_bool_var(f"no_good[{n}][{g}]")
                self.model.add(self.count_vars[g] <= m - 1).only_enforce_if(full.Not())
                reached.append(full)
            self.model.add(sum(reached) <= len(reached) - 1)

    def add_close_pairs(self) -> None:
        """At least ``close_pairs`` disjoint pairs of selected proposals of one close group."""
        close = self.data.close_idcs
        if close is None or self.data.close_pairs <= 0:
            return
        pairs = []
        for c in sorted({int(c) for c in close if c >= 0}):
            members = np.flatnonzero(close == c)
            groups = sorted({int(self.group_of[p]) for p in members})
            pair = self.model.new_int_var(0, len(members) // 2, f"pairs[{c}]")
            self.model.add(2 * pair <= sum(self.count_vars[g] for g in groups))
            pairs.append(pair)
        self.model.add(sum(pairs) >= self.data.close_pairs)

    # -- priorities ---------------------------------------------------------------------

    def objectives(self) -> list[Objective]:
        """The configured priorities, most important first."""
        build = {
            "sectors": self.distinct_sectors,
            "problem_types": self.distinct_problem_types,
            "sector_spread": self.sector_spread,
            "priority": self.total_priority,
        }
        return [Objective(name, build[name](), PRIORITIES[name]) for name in self.data.priorities]

    def _per_category(self, category_idcs: IntArray) -> list[list[int]]:
        """Groups of each category (sector or problem type), every category listed."""
        size = int(category_idcs.max()) + 1 if len(category_idcs) else 0
        per_category: list[list[int]] = [[] for _ in range(size)]
        for g, members in enumerate(self.groups):
            per_category[int(category_idcs[members[0]])].append(g)
        return per_category

    def _distinct(self, category_idcs: IntArray, kind: str) -> cp_model.LinearExprT:
        covered_vars = []
        for category, group_idcs in enumerate(self._per_category(category_idcs)):
            covered = self.model.new_bool_var(f"{kind}_covered[{category}]")
            self.model.add(covered <= sum(self.count_vars[g] for g in group_idcs))
            covered_vars.append(covered)
        return sum(covered_vars)

    def distinct_sectors(self) -> cp_model.LinearExprT:
        """Number of distinct sectors selected (to maximise)."""
        return self._distinct(self.data.sector_idcs, "sector")

    def distinct_problem_types(self) -> cp_model.LinearExprT:
        """Number of distinct problem types selected (to maximise)."""
        return self._distinct(self.data.problem_type_idcs, "problem_type")

    def sector_spread(self) -> cp_model.LinearExprT:
        """Largest number of selected proposals sharing a sector (to minimise)."""
        largest = self.model.new_int_var(0, max(self.data.count, 0), "largest_sector")
        for group_idcs in self._per_category(self.data.sector_idcs):
            if group_idcs:
                self.model.add(largest >= sum(self.count_vars[g] for g in group_idcs))
        return largest

    def total_priority(self) -> cp_model.LinearExprT:
        """Sum of the priority of the selected proposals (to maximise)."""
        return sum(
            int(self.data.priority[members[0]]) * self.count_vars[g]
            for g, members in enumerate(self.groups)
            if self.data.priority[members[0]]
        )

    # -- helpers ------------------------------------------------------------------------

    def require_group_of(self, proposal_idx: int) -> None:
        """At least one proposal alike ``proposal_idx`` is selected (reserve evaluation).

        Any selection holding one of the group can swap it for ``proposal_idx`` without
        changing a rule or priority, so this is "``proposal_idx`` is selected" up to
        the order among equals.
        """
        self.model.add(self.count_vars[self.group_of[proposal_idx]] >= 1)

    def hint(self, selected: BoolArray) -> None:
        """Suggest a selection to start the search from."""
        for g, members in enumerate(self.groups):
            self.model.add_hint(self.count_vars[g], int(selected[members].sum()))

    def earliest_objectives(self) -> list[Objective]:
        """Tie-break after the priorities: the selection taking proposals earliest in the file.

        Up to ``EXACT_EARLIEST_MAX`` eligible proposals, lexicographically in file order,
        each selected if it can be: the k-th proposal of a group is selected when the
        group's count reaches k (a Boolean per proposal, ``taken``). The weights 2^i are
        packed into sums below 2^50, one stage each. Past it, those stages cost about 1.5 s
        each (84 of them, some 40 s, at 10,000 students and 4,168 proposals): one stage
        instead, the least sum of positions in the file (``positions_stage``).
        """
        taken: list[tuple[int, cp_model.IntVar]] = []
        for g, members in enumerate(self.groups):
            if not self.data.eligible[members[0]]:
                continue
            steps = [self.model.new_bool_var(f"earliest[{p}]") for p in members]
            self.model.add(self.count_vars[g] == sum(steps))
            for before, after in itertools.pairwise(steps):
                self.model.add_implication(after, before)
            taken += zip(members, steps, strict=True)
        taken.sort(key=lambda pair: pair[0])
        if self.positions_stage:
            weights = range(len(taken), 0, -1)
            positions = sum(w * var for w, (_, var) in zip(weights, taken, strict=True))
            return [Objective("earliest", positions, "max")]
        chunks = [taken[i : i + 50] for i in range(0, len(taken), 50)]
        return [
            Objective(
                f"earliest[{i}]",
                sum(2 ** (len(chunk) - 1 - j) * var for j, (_, var) in enumerate(chunk)),
                "max",
            )
            for i, chunk in enumerate(chunks)
        ]

    @property
    def positions_stage(self) -> bool:
        """Whether the tie-break is the one stage of least positions: then it runs on one
        worker from no hint with seed 0, so that the same input gives the same selection
        whatever ``--workers`` and ``--seed`` (its optimum may not be unique, unlike the
        exact stages')."""
        return int(self.data.eligible.sum()) > EXACT_EARLIEST_MAX

    def decode(self, solution: Solution) -> BoolArray:
        """The selection of a solution: in each group, the earliest proposals in the file."""
        selected = np.zeros(self.data.num_proposals, dtype=bool)
        for g, members in enumerate(self.groups):
            selected[members[: solution.value(self.count_vars[g])]] = True
        return selected


def tuned(params: SolveParams) -> SolveParams:
    """Solver parameters for this formulation.

    CP-SAT's presolve spends tens of seconds on large cohorts (thousands of proposals,
    many institutions with two or three proposals: dominance and clique detection over
    hundreds of thousands of clauses) and then stalls; without it the same model is
    solved to optimality in seconds. Without presolve, the full linear relaxation
    (linearization level 2) is what proves quickly that too few proposals can be
    selected (infeasibility, diagnoses). Small cohorts are solved instantly either way.
    """
    return replace(
        params,
        cp_sat_parameters={
            "cp_model_presolve": False,
            "linearization_level": 2,
            **params.cp_sat_parameters,
        },
    )


def vector_of(data: SelectionData, selected: BoolArray) -> Vector:
    """Value of every configured priority for a selection (a mask over proposals)."""
    chosen = np.flatnonzero(selected)
    sector_count = np.bincount(data.sector_idcs[chosen], minlength=data.num_sectors)
    values = {
        "sectors": int((sector_count > 0).sum()),
        "problem_types": len(set(data.problem_type_idcs[chosen].tolist())),
        "sector_spread": int(sector_count.max()) if len(chosen) else 0,
        "priority": int(data.priority[chosen].sum()),
    }
    return tuple(values[name] for name in data.priorities)


def trivial_bound(data: SelectionData, name: str) -> int:
    """A bound on a priority that needs no search (reported when time ran out before it)."""
    eligible = np.flatnonzero(data.eligible)
    if name == "sectors":
        return min(data.count, len(set(data.sector_idcs[eligible].tolist())))
    if name == "problem_types":
        return min(data.count, len(set(data.problem_type_idcs[eligible].tolist())))
    if name == "sector_spread":
        num_sectors = len(set(data.sector_idcs[eligible].tolist()))
        return -(-data.count // num_sectors) if num_sectors else 0
    return int(np.sort(data.priority[eligible])[::-1][: data.count].sum())


@dataclass
class SelectionSolution:
    """Outcome of stage 1 in indices."""

    status: Status
    time_s: float
    #: Every configured priority, in order, with its value and bound (empty when unsolved).
    objectives: list[ObjectiveResult] = field(default_factory=list)
    #: Per proposal: selected or not (empty when unsolved).
    selected: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: Independent conflicts between rule families (INFEASIBLE), ``None`` when not found.
    conflicts: list[list[str]] | None = None
    #: Work units spent (``models.budget``: CP-SAT's deterministic time).
    work: float = 0.0

    @property
    def solved(self) -> bool:
        """Whether a selection is available."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def vector(self) -> Vector:
        """Values of the configured priorities reached."""
        return tuple(o.value for o in self.objectives)


def _complete(data: SelectionData, lex: LexResult, selected: BoolArray) -> list[ObjectiveResult]:
    """The lexicographic results, with priorities the time limit cut off evaluated too.
    Every value is the selection's own: a stage the clock cut holds its model's value, which
    may fall short of it (probe s29f: problem types 0 reported, the selection having 5)."""
    values = dict(zip(data.priorities, vector_of(data, selected), strict=True))
    objectives = [replace(o, value=values[o.name]) for o in lex.objectives]
    for name in data.priorities[len(objectives) :]:
        objectives.append(
            ObjectiveResult(name, values[name], trivial_bound(data, name), PRIORITIES[name])
        )
    return objectives


def solve_selection(data: SelectionData, params: SolveParams) -> SelectionSolution:
    """Optimise the configured priorities lexicographically under every rule.

    The search stops on ``params.work()`` units of CP-SAT's deterministic time (the same
    on every machine), the time limit only as a safety net. When no selection exists, the
    conflicting rule families are searched with the time left (``conflicts``); when the
    limit hits first, the status is UNKNOWN.
    """
    start = time.perf_counter()
    work = params.work()
    selection = SelectionModel(data)
    lex = solve_lexicographic(
        selection.model, selection.objectives(), tuned(replace(params, work_limit=work))
    )
    spent = lex.work
    if lex.solution is not None:
        solution = lex.solution
        if lex.status == Status.OPTIMAL:
            # Among selections equally good on every priority, the earliest in the file:
            # the same answer whatever the workers and their timing (README promise).
            left = params.time_limit - (time.perf_counter() - start)
            tie_break = selection.earliest_objectives()
            alone = selection.positions_stage
            if alone:
                selection.model.clear_hints()
            earliest = solve_lexicographic(
                selection.model,
                tie_break,
                tuned(
                    replace(
                        params,
                        time_limit=max(left, 0.001),
                        work_limit=max(work - spent, 0.001),
                        progress=None,
                        workers=1 if alone else params.workers,
                        seed=0 if alone else params.seed,
                    )
                ),
                hint=None if alone else solution.values,
            )
            spent += earliest.work
            if earliest.solution is not None:
                solution = earliest.solution
        chosen = selection.decode(solution)
        objectives = _complete(data, lex, chosen)
        elapsed = time.perf_counter() - start
        return SelectionSolution(lex.status, elapsed, objectives, chosen, work=spent)
    conflicts = None
    if lex.status == Status.INFEASIBLE:
        remaining = max(params.time_limit - (time.perf_counter() - start), 1.0)
        conflicts = diagnose(data, replace(params, time_limit=remaining, progress=None))
    elapsed = time.perf_counter() - start
    return SelectionSolution(lex.status, elapsed, conflicts=conflicts, work=spent)


def diagnose(
    data: SelectionData, params: SolveParams, max_conflicts: int = 10
) -> list[list[str]] | None:
    """Independent conflicts between rule families (see ``FAMILY_*``), smallest found first.

    After each conflict is found its includes (or, without any, all its families) are
    switched off and the search repeats, so that one run reports, say, an unavailable
    include, includes sharing an institution and too few eligible proposals.
    Returns ``None`` when not even one conflict is isolated within the time limit.
    """
    start = time.perf_counter()
    selection = SelectionModel(data, with_families=True)
    remaining_families = dict(selection.family_vars)
    conflicts: list[list[str]] = []
    while remaining_families and len(conflicts) < max_conflicts:
        left = params.time_limit - (time.perf_counter() - start)
        if left <= 0:
            break
        # Families left out of the mapping are free literals: the solver switches them off.
        core = explain_infeasibility(
            selection.model, remaining_families, tuned(replace(params, time_limit=left))
        )
        if not core:
            break
        conflicts.append(core)
        # An include is the narrow culprit of its conflict: switching it off alone lets
        # the broad rules (count, availability, cap) show their own conflicts next.
        narrow = [name for name in core if name.startswith(FAMILY_INCLUDE)]
        for name in narrow or core:
            del remaining_families[name]
    return conflicts or None
