"""An assignment's value and validity, read from the arrays alone (no solver).

``objective_values`` is every priority's value, ``keeps_hard_rules`` whether a start may
stand in for CP-SAT, ``lexicographic_best`` the best of a few candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.teams.data import IntArray, StudentGroup, TeamData


def window_gaps(counts: IntArray, floor: IntArray | int, ceil: IntArray | int) -> IntArray:
    """How far each count lies outside its balance window [floor, ceil] (0 inside)."""
    return np.asarray(np.maximum(0, np.maximum(counts - ceil, floor - counts)), dtype=np.int64)


#: The balance groups as flat arrays (members, their group's index, windows), for the
#: last few ``balance_groups`` tuples seen: ``team_violations`` is called hundreds of times
#: per run on the same groups (explanations, local search), and a loop over the groups
#: cost more than the counting itself. Keyed by ``id``; the tuple is kept with its arrays
#: so that its ``id`` cannot be reused while cached.
_FLAT_GROUPS: dict[
    int, tuple[tuple[StudentGroup, ...], IntArray, IntArray, IntArray, IntArray]
] = {}


def _flat_groups(
    groups: tuple[StudentGroup, ...],
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """(members, group index of each, floors (G, 1), ceils (G, 1)) of ``groups``."""
    cached = _FLAT_GROUPS.get(id(groups))
    if cached is not None and cached[0] is groups:
        return cached[1:]
    members = np.fromiter((i for group in groups for i in group.member_idcs), dtype=np.int64)
    group_of = np.repeat(
        np.arange(len(groups), dtype=np.int64), [len(group.member_idcs) for group in groups]
    )
    floors = np.array([group.floor for group in groups], dtype=np.int64).reshape(-1, 1)
    ceils = np.array([group.ceil for group in groups], dtype=np.int64).reshape(-1, 1)
    if len(_FLAT_GROUPS) >= 8:
        _FLAT_GROUPS.clear()
    _FLAT_GROUPS[id(groups)] = (groups, members, group_of, floors, ceils)
    return members, group_of, floors, ceils


def team_violations(data: TeamData, team_of: IntArray) -> IntArray:
    """(K,) balance violations of each team: one count of every (group, team) at once."""
    groups = data.balance_groups
    num_teams = data.num_teams
    if not groups:
        return np.zeros(num_teams, dtype=np.int64)
    members, group_of, floors, ceils = _flat_groups(groups)
    counts = np.bincount(
        group_of * num_teams + team_of[members], minlength=len(groups) * num_teams
    ).reshape(len(groups), num_teams)
    return np.asarray(window_gaps(counts, floors, ceils).sum(axis=0), dtype=np.int64)


def objective_values(data: TeamData, team_of: IntArray) -> dict[str, int]:
    """Every priority's value for an assignment (student → team index), from the arrays."""
    num_students, num_teams = data.num_students, data.num_teams
    students = np.arange(num_students)
    ranks = data.ranks[students, team_of]
    sizes = np.bincount(team_of, minlength=num_teams)
    experience = data.experience_or_zero()
    totals = np.bincount(team_of, weights=experience, minlength=num_teams).astype(np.int64)
    gaps = np.abs(num_students * totals - sizes * int(experience.sum()))
    previous, base = data.previous_or_none(), data.base_or_none()
    had, based = previous >= 0, base >= 0
    return {
        "moves": int((team_of[had] != previous[had]).sum()),
        "whatif_moves": int((team_of[based] != base[based]).sum()),
        "worst_choice": int(ranks.max(initial=0)),
        "balance": int(team_violations(data, team_of).sum()),
        "choices": int(ranks.sum()),
        "experience": int(gaps.max(initial=0)) if experience.sum() > 0 else 0,
    }


def keeps_hard_rules(data: TeamData, team_of: IntArray) -> bool:
    """Whether an assignment keeps every hard rule: sizes, conflicts, pins, pairs, no-isolation.

    Checked from the arrays alone, so that a start assignment can stand in for CP-SAT
    when the time limit leaves it without any solution.
    """
    num_students, num_teams = data.num_students, data.num_teams
    if team_of.shape != (num_students,) or num_teams == 0:
        return False
    if ((team_of < 0) | (team_of >= num_teams)).any():
        return False
    sizes = np.bincount(team_of, minlength=num_teams)
    if ((sizes < data.size_min) | (sizes > data.size_max)).any():
        return False
    if data.conflict[np.arange(num_students), team_of].any():
        return False
    pinned = data.pinned_or_none()
    if ((pinned >= 0) & (team_of != pinned)).any():
        return False
    if not keeps_pairs(data, team_of):
        return False
    for group in data.isolation_groups:
        counts = np.bincount(team_of[list(group.member_idcs)], minlength=num_teams)
        if (counts == 1).any():
            return False
    return True


def keeps_pairs(data: TeamData, team_of: IntArray) -> bool:
    """Whether an assignment keeps every apart and together pair."""
    return all(team_of[a] != team_of[b] for a, b in data.apart) and all(
        team_of[a] == team_of[b] for a, b in data.together
    )


def within_ranks(data: TeamData, team_of: IntArray, max_rank: int | None) -> bool:
    """Whether an assignment keeps pairs and ranks up to ``max_rank`` (flows ignore pairs)."""
    ranks = data.ranks[np.arange(data.num_students), team_of]
    return (max_rank is None or int(ranks.max(initial=0)) <= max_rank) and keeps_pairs(
        data, team_of
    )


def balance_before_choices(data: TeamData) -> bool:
    """Whether a start should trade ranks for balance (the priorities say so)."""
    priorities = list(data.priorities)
    if "balance" not in priorities:
        return False
    return "choices" not in priorities or priorities.index("balance") < priorities.index("choices")


def lexicographic_best(data: TeamData, candidates: Sequence[IntArray]) -> IntArray | None:
    """The candidate with the best priorities in order (swaps for balance may cost ranks)."""
    if not candidates:
        return None

    def key(team_of: IntArray) -> list[int]:
        values = objective_values(data, team_of)
        return [values[name] for name in data.priorities]

    return min(candidates, key=key)
