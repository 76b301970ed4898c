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
from ortools.sat.python import cp_model

from models.solve import (
    LexResult,
    Objective,
    SolveParams,
    Status,
    explain_infeasibility,
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

    def profile(self, proposal_idx: int) -> tuple[int, ...]:
        """What makes two proposals interchangeable for every rule and priority."""
        return (
            int(self.sector_idcs[proposal_idx]),
            int(self.problem_type_idcs[proposal_idx]),
            int(self.institution_idcs[proposal_idx]),
            int(self.priority[proposal_idx]),
            int(bool(self.eligible[proposal_idx])),
            int(proposal_idx in self.include_idcs),
        )


def better_key(data: SelectionData, vector: Vector) -> tuple[int, ...]:
    """A key under which a larger tuple is a better priority vector."""
    return tuple(
        v if PRIORITIES[n] == "max" else -v for n, v in zip(data.priorities, vector, strict=True)
    )


class SelectionModel:
    """CP-SAT model of stage 1: one Boolean per proposal, one method per rule.

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
        self.select_vars = [
            self.model.new_bool_var(f"select[{data.label(p)}]") for p in range(data.num_proposals)
        ]
        self.add_constraints()

    # -- rules --------------------------------------------------------------------------

    def add_constraints(self) -> None:
        """Every rule of stage 1 (contract §5)."""
        self.add_availability()
        self.add_count()
        self.add_institution_cap()
        self.add_includes()
        self.add_interchangeable_in_file_order()

    def _family(self, name: str) -> list[cp_model.IntVar]:
        """Enforcement literals of a rule family (none when families are not in use)."""
        if not self._with_families:
            return []
        if name not in self.family_vars:
            self.family_vars[name] = self.model.new_bool_var(f"rule[{name}]")
        return [self.family_vars[name]]

    def add_availability(self) -> None:
        """A proposal not available on the required dates, or excluded, is not selected."""
        for p in np.flatnonzero(~self.data.eligible):
            literals = self._family(FAMILY_AVAILABILITY)
            self.model.add(self.select_vars[p] == 0).only_enforce_if(literals)

    def add_count(self) -> None:
        """Exactly ``count`` proposals are selected."""
        literals = self._family(FAMILY_COUNT)
        self.model.add(sum(self.select_vars) == self.data.count).only_enforce_if(literals)

    def add_institution_cap(self) -> None:
        """At most ``max_per_institution`` proposals of one institution are selected."""
        for proposal_idcs in self._groups(self.data.institution_idcs):
            if len(proposal_idcs) <= self.data.max_per_institution:
                continue
            literals = self._family(FAMILY_CAP)
            chosen = sum(self.select_vars[p] for p in proposal_idcs)
            self.model.add(chosen <= self.data.max_per_institution).only_enforce_if(literals)

    def add_includes(self) -> None:
        """Every proposal in ``include`` is selected."""
        for p in self.data.include_idcs:
            literals = self._family(f"{FAMILY_INCLUDE}{p}")
            self.model.add(self.select_vars[p] == 1).only_enforce_if(literals)

    def add_interchangeable_in_file_order(self) -> None:
        """Of proposals alike in every rule and priority, the earlier in the file goes first.

        This changes no priority value; it removes symmetric solutions (faster proofs)
        and makes the choice among equals reproducible.
        """
        profiles: dict[tuple[int, ...], list[int]] = {}
        for p in range(self.data.num_proposals):
            profiles.setdefault(self.data.profile(p), []).append(p)
        for proposal_idcs in profiles.values():
            for earlier, later in itertools.pairwise(proposal_idcs):
                self.model.add_implication(self.select_vars[later], self.select_vars[earlier])

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

    def _distinct(self, category_idcs: IntArray, kind: str) -> cp_model.LinearExprT:
        covered_vars = []
        for category, proposal_idcs in enumerate(self._groups(category_idcs, keep_empty=True)):
            covered = self.model.new_bool_var(f"{kind}_covered[{category}]")
            self.model.add(covered <= sum(self.select_vars[p] for p in proposal_idcs))
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
        for proposal_idcs in self._groups(self.data.sector_idcs):
            self.model.add(largest >= sum(self.select_vars[p] for p in proposal_idcs))
        return largest

    def total_priority(self) -> cp_model.LinearExprT:
        """Sum of the priority of the selected proposals (to maximise)."""
        return sum(
            int(self.data.priority[p]) * self.select_vars[p]
            for p in range(self.data.num_proposals)
            if self.data.priority[p]
        )

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _groups(category_idcs: IntArray, *, keep_empty: bool = False) -> list[list[int]]:
        size = int(category_idcs.max()) + 1 if len(category_idcs) else 0
        groups: list[list[int]] = [[] for _ in range(size)]
        for p, category in enumerate(category_idcs):
            groups[int(category)].append(p)
        return groups if keep_empty else [g for g in groups if g]

    def require_one_of(self, proposal_idcs: Sequence[int]) -> None:
        """At least one of these proposals is selected (for reserve evaluation)."""
        self.model.add_bool_or([self.select_vars[p] for p in proposal_idcs])

    def hint(self, selected: BoolArray) -> None:
        """Suggest a selection to start the search from."""
        for p, var in enumerate(self.select_vars):
            self.model.add_hint(var, bool(selected[p]))


@dataclass
class SelectionSolution:
    """Outcome of stage 1 in indices."""

    status: Status
    time_s: float
    lex: LexResult | None = None
    #: Per proposal: selected or not (empty when unsolved).
    selected: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: Independent conflicts between rule families (INFEASIBLE), ``None`` when not found.
    conflicts: list[list[str]] | None = None

    @property
    def vector(self) -> Vector:
        """Values of the configured priorities reached."""
        return tuple(o.value for o in self.lex.objectives) if self.lex else ()


def solve_selection(data: SelectionData, params: SolveParams) -> SelectionSolution:
    """Optimise the configured priorities lexicographically under every rule.

    When no selection exists, the conflicting rule families are searched with the time
    left (``conflict``); when the time limit hits first, the status is UNKNOWN.
    """
    start = time.perf_counter()
    selection = SelectionModel(data)
    lex = solve_lexicographic(selection.model, selection.objectives(), params)
    if lex.solution is not None:
        chosen = np.array([lex.solution.bool(v) for v in selection.select_vars], dtype=bool)
        return SelectionSolution(lex.status, time.perf_counter() - start, lex, chosen)
    conflicts = None
    if lex.status == Status.INFEASIBLE:
        remaining = max(params.time_limit - (time.perf_counter() - start), 1.0)
        conflicts = diagnose(data, replace(params, time_limit=remaining, progress=None))
    return SelectionSolution(lex.status, time.perf_counter() - start, conflicts=conflicts)


def diagnose(
    data: SelectionData, params: SolveParams, max_conflicts: int = 5
) -> list[list[str]] | None:
    """Independent conflicts between rule families (see ``FAMILY_*``), smallest found first.

    After each conflict is found its families are switched off and the search repeats, so
    that one run reports, say, both an unavailable include and an over-full institution.
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
            selection.model, remaining_families, replace(params, time_limit=left)
        )
        if not core:
            break
        conflicts.append(core)
        for name in core:
            del remaining_families[name]
    return conflicts or None


def best_vector_with(
    data: SelectionData,
    proposal_idcs: Sequence[int],
    params: SolveParams,
    hint: BoolArray | None = None,
) -> Vector | None:
    """Best priority vector of a selection holding one of ``proposal_idcs``.

    Returns ``None`` when no such selection exists or none is found in the time limit.
    """
    selection = SelectionModel(data)
    selection.require_one_of(proposal_idcs)
    if hint is not None:
        selection.hint(hint)
    lex = solve_lexicographic(selection.model, selection.objectives(), params)
    if lex.solution is None:
        return None
    return tuple(o.value for o in lex.objectives)


def swap_vectors(
    data: SelectionData, selected: BoolArray, candidate_idcs: Sequence[int]
) -> list[tuple[Vector, int] | None]:
    """For each candidate, the best vector reached by swapping it for one selected proposal.

    A swap keeps every rule: the removed proposal is not an include and the institution
    cap holds afterwards. This is a lower bound on ``best_vector_with`` computed without
    a solver (vectorised over the selected proposals), so it scales to thousands of
    proposals. Each entry is ``(vector, removed proposal index)`` or ``None``.
    """
    sel_idcs = np.flatnonzero(selected)
    sector_count = np.bincount(data.sector_idcs[sel_idcs], minlength=data.num_sectors)
    type_count = np.bincount(data.problem_type_idcs[sel_idcs], minlength=data.num_problem_types)
    inst_count = np.bincount(data.institution_idcs[sel_idcs], minlength=data.num_institutions)
    largest = int(sector_count.max()) if len(sel_idcs) else 0
    num_largest = int((sector_count == largest).sum())
    total = int(data.priority[sel_idcs].sum())
    num_sectors = int((sector_count > 0).sum())
    num_types = int((type_count > 0).sum())

    includes = np.zeros(data.num_proposals, dtype=bool)
    includes[list(data.include_idcs)] = True
    removable = sel_idcs[~includes[sel_idcs]]
    q_sector = data.sector_idcs[removable]
    q_type = data.problem_type_idcs[removable]
    q_inst = data.institution_idcs[removable]
    q_prio = data.priority[removable]
    # Largest sector count after removing q alone.
    q_largest = np.where(
        (sector_count[q_sector] == largest) & (num_largest == 1), largest - 1, largest
    )

    results: list[tuple[Vector, int] | None] = []
    for p in candidate_idcs:
        s, t, i, r = (
            int(data.sector_idcs[p]),
            int(data.problem_type_idcs[p]),
            int(data.institution_idcs[p]),
            int(data.priority[p]),
        )
        feasible = inst_count[i] + 1 - (q_inst == i) <= data.max_per_institution
        if not feasible.any():
            results.append(None)
            continue
        same_sector = q_sector == s
        same_type = q_type == t
        values = {
            "sectors": num_sectors
            - ((sector_count[q_sector] == 1) & ~same_sector)
            + int(sector_count[s] == 0) * ~same_sector,
            "problem_types": num_types
            - ((type_count[q_type] == 1) & ~same_type)
            + int(type_count[t] == 0) * ~same_type,
            "sector_spread": np.where(
                same_sector, largest, np.maximum(q_largest, sector_count[s] + 1)
            ),
            "priority": total - q_prio + r,
        }
        keep = np.flatnonzero(feasible)
        for name in data.priorities:
            column = np.asarray(values[name])[keep]
            best = column.max() if PRIORITIES[name] == "max" else column.min()
            keep = keep[column == best]
        q = int(keep[0])
        vector = tuple(int(np.broadcast_to(values[n], feasible.shape)[q]) for n in data.priorities)
        results.append((vector, int(removable[q])))
    return results
