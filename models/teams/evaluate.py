"""An assignment's value and validity, read from the arrays alone (no solver).

``objective_values`` is every priority's value, ``keeps_hard_rules`` whether a start may
stand in for CP-SAT, ``lexicographic_best`` the best of a few candidates.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.teams.data import IntArray, TeamData


def window_gaps(counts: IntArray, floor: IntArray | int, ceil: IntArray | int) -> IntArray:
    """How far each count lies outside its balance window [floor, ceil] (0 inside)."""
    return np.asarray(np.maximum(0, np.maximum(counts - ceil, floor - counts)), dtype=np.int64)


def team_violations(data: TeamData, team_of: IntArray) -> IntArray:
    """(K,) balance violations of each team."""
    per_team = np.zeros(data.num_teams, dtype=np.int64)
    for group in data.balance_groups:
        counts = np.bincount(team_of[list(group.member_idcs)], minlength=data.num_teams)
        per_team += window_gaps(counts, group.floor, group.ceil)
    return per_team


def objective_values(data: TeamData, team_of: IntArray) -> dict[str, int]:
    """Every priority's value for an assignment (student → team index), from the arrays."""
    num_students, num_teams = data.num_students, data.num_teams
    students = np.arange(num_students)
    ranks = data.ranks[students, team_of]
    sizes = np.bincount(team_of, minlength=num_teams)
    experience = data.experience_or_zero()
    totals = np.bincount(team_of, weights=experience, minlength=num_teams).astype(np.int64)
    gaps = np.abs(num_students * totals - sizes * int(experience.sum()))
    previous = data.previous_or_none()
    had = previous >= 0
    return {
        "moves": int((team_of[had] != previous[had]).sum()),
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


def lexicographic_best(data: TeamData, candidates: Sequence[IntArray]) -> IntArray | None:
    """The candidate with the best priorities in order (swaps for balance may cost ranks)."""
    if not candidates:
        return None

    def key(team_of: IntArray) -> list[int]:
        values = objective_values(data, team_of)
        return [values[name] for name in data.priorities]

    return min(candidates, key=key)
