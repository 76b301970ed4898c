"""Stage 2 in indices: the problem (``TeamData``), its student groups and the result.

Nothing here knows files, ids or names, nor OR-Tools: the model, the flows and the
checks all read these arrays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from models.solve import ObjectiveResult, Status

#: Every priority the model knows, in no particular order (the settings give the order).
TEAM_PRIORITIES = ("moves", "worst_choice", "balance", "choices", "experience")

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

#: A rule instance that diagnosis may switch off: (kind, index) with kinds
#: "size" (team), "conflict" (student), "pin" (student), "apart" / "together" (pair index),
#: "isolation" (group index).
RuleRef = tuple[str, int]


@dataclass(frozen=True)
class StudentGroup:
    """Students sharing a value (of a balanced attribute, or of a no-isolation condition)."""

    label: str
    member_idcs: tuple[int, ...]
    #: Balance window of this value: floor(N_v/K) and ceil(N_v/K) (unused for isolation).
    floor: int = 0
    ceil: int = 0
    #: The balanced attribute this value belongs to (groups of one attribute are disjoint);
    #: empty when unknown, and then the group is bounded on its own.
    attribute: str = ""


@dataclass(frozen=True)
class TeamData:
    """Stage 2 in indices: N students, K teams.

    Parameters
    ----------
    size_min, size_max
        (K,) bounds on each team's size.
    conflict
        (N, K) True where the student's employer is the team's institution (forbidden).
    ranks
        (N, K) choice rank of each student for each team; 0 for students without choices.
    balance_groups
        One group per (balanced attribute, value) held by at least one student.
    isolation_groups
        One group per no-isolation condition: 0 or at least 2 members per team.
    apart, together
        Pairs of student indices.
    pinned
        (N,) team index a student must join, or -1.
    experience
        (N,) experience in tenths of years, unknown values already imputed.
    previous
        (N,) team index in the previous assignment, or -1 (what-if).
    base
        (N,) team index before a what-if whose result is explained, or -1: its ``moves``
        (contract §6), the explanation's first priority ``whatif_moves`` (``previous`` is
        then the result explained, for the fewest students displaced).
    priorities
        Names from ``TEAM_PRIORITIES``, most important first.
    """

    size_min: IntArray
    size_max: IntArray
    conflict: BoolArray
    ranks: IntArray
    balance_groups: tuple[StudentGroup, ...] = ()
    isolation_groups: tuple[StudentGroup, ...] = ()
    apart: tuple[tuple[int, int], ...] = ()
    together: tuple[tuple[int, int], ...] = ()
    pinned: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    experience: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    previous: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    priorities: tuple[str, ...] = ("worst_choice", "balance", "choices", "experience")
    base: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def num_students(self) -> int:
        return int(self.conflict.shape[0])

    @property
    def num_teams(self) -> int:
        return int(self.conflict.shape[1])

    def pinned_or_none(self) -> IntArray:
        """(N,) pins, -1 when absent (tolerates an empty default)."""
        if self.pinned.size == self.num_students:
            return self.pinned
        return np.full(self.num_students, -1, dtype=np.int64)

    def previous_or_none(self) -> IntArray:
        """(N,) previous teams, -1 when absent (tolerates an empty default)."""
        if self.previous.size == self.num_students:
            return self.previous
        return np.full(self.num_students, -1, dtype=np.int64)

    def base_or_none(self) -> IntArray:
        """(N,) teams before the what-if explained, -1 when absent."""
        if self.base.size == self.num_students:
            return self.base
        return np.full(self.num_students, -1, dtype=np.int64)

    def experience_or_zero(self) -> IntArray:
        """(N,) experience in tenths of years (zeros when unknown for everyone)."""
        if self.experience.size == self.num_students:
            return self.experience
        return np.zeros(self.num_students, dtype=np.int64)

    def allowed_pairs(self, max_rank: int | None = None) -> BoolArray:
        """(N, K) whether a student may join a team: conflicts, pins and a rank limit applied."""
        pinned = self.pinned_or_none()
        allowed = ~self.conflict
        pinned_rows = np.nonzero(pinned >= 0)[0]
        allowed[pinned_rows] = False
        allowed[pinned_rows, pinned[pinned_rows]] = ~self.conflict[pinned_rows, pinned[pinned_rows]]
        if max_rank is not None:
            allowed &= self.ranks <= max_rank
        return np.asarray(allowed)

    def unlisted_rank(self) -> IntArray:
        """(N,) the rank a student gives every team they did not list (their row's worst),
        for students who may join any team (no conflict of interest, pin or previous
        team); -1 for the others. Those students are alike for every unlisted team, which
        the flows use to share one node per rank (``flows``)."""
        ranks = self.ranks
        worst = ranks.max(axis=1) if ranks.size else np.zeros(self.num_students, np.int64)
        free = ~self.conflict.any(axis=1)
        free &= (self.pinned_or_none() < 0) & (self.previous_or_none() < 0)
        return np.where(free, worst, -1).astype(np.int64)

    def movable(self) -> BoolArray:
        """(N,) students local search may move: not pinned, paired or previously placed."""
        movable = (self.pinned_or_none() < 0) & (self.previous_or_none() < 0)
        for first, second in (*self.apart, *self.together):
            movable[first] = movable[second] = False
        return np.asarray(movable)

    def groups_by_attribute(self) -> dict[str, list[StudentGroup]]:
        """Balance groups per attribute (a group without one stands on its own)."""
        by_attribute: dict[str, list[StudentGroup]] = {}
        for g_idx, group in enumerate(self.balance_groups):
            by_attribute.setdefault(group.attribute or f"#{g_idx}", []).append(group)
        return by_attribute

    def profiles(self) -> list[tuple[int, ...]]:
        """(N,) each student's profile: the indices of the balance, then isolation, groups
        they belong to (isolation indices offset by the number of balance groups)."""
        member_lists: list[list[int]] = [[] for _ in range(self.num_students)]
        for g_idx, group in enumerate((*self.balance_groups, *self.isolation_groups)):
            for i in group.member_idcs:
                member_lists[i].append(g_idx)
        return [tuple(m) for m in member_lists]


@dataclass
class TeamSolveResult:
    """Outcome of ``solve_teams``: status, per-priority values, and each student's team."""

    status: Status
    time_s: float
    objectives: list[ObjectiveResult]
    #: (N,) team index of each student, or None without a solution.
    team_of: IntArray | None
    #: Whether ``team_of`` is the start assignment because CP-SAT found nothing in time.
    from_start: bool = False
    #: Work units spent (``models.budget``: CP-SAT's deterministic time and counted work).
    work: float = 0.0
    #: What ended an unproven run early: its work budget, the wall clock (the safety net:
    #: such a result may depend on the machine's speed) or Ctrl-C; None otherwise.
    stopped_by: str | None = None


def joined_groups(num: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The indices below ``num`` tied by ``links``, directly or through others: each group
    of two or more, sorted, in the order of its first link (a link of an index to itself
    ties nothing)."""
    links = list(links)
    parent = list(range(num))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for first, second in links:
        parent[root(first)] = root(second)
    groups: dict[int, list[int]] = {}
    for first, second in links:
        for i in (first, second):
            members = groups.setdefault(root(i), [])
            if i not in members:
                members.append(i)
    return [sorted(members) for members in groups.values() if len(members) > 1]
