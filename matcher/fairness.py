"""Fairness figures of a team result (contract §9): swap pairs and the rank distribution.

Only the validator's arithmetic (``matcher.verify.teams``): no engine, so that the
writers, ``check`` and the report may use them cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matcher.schemas import Instance, Student
from matcher.verify.teams import team_objectives, team_violations

__all__ = ["SwapPair", "rank_distribution", "swap_pairs", "written_rank"]


def written_rank(student: Student, commission_id: str) -> int | None:
    """Position of ``commission_id`` in the student's choices as written (1 = first)."""
    for position, choice in enumerate(student.choices, start=1):
        if choice == commission_id:
            return position
    return None


@dataclass(frozen=True)
class SwapPair:
    """Two students who both wrote the other's team better than their own."""

    student_a: str
    commission_a: str
    student_b: str
    commission_b: str
    #: First priority (settings' order) the swap would worsen, or "none".
    priority: str
    value: int | None = None
    value_if: int | None = None


def swap_pairs(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> list[SwapPair]:
    """Pairs who both wrote the other's team better than their own and whose swap keeps
    every rule, each with the first priority (settings' order) the swap worsens or "none".

    Written positions compare; a team not listed is worse than any listed one. Pairs come
    in students.csv order of their first student.
    """
    students = [s for s in instance.students if s.choices and s.id in assignment]
    priorities = list(instance.settings.teams.priorities)
    before: dict[str, int] | None = None
    pairs = []
    unlisted = float("inf")

    def position(student: Student, commission_id: str) -> float:
        rank = written_rank(student, commission_id)
        return unlisted if rank is None else rank

    for a_idx, a in enumerate(students):
        team_a = assignment[a.id]
        own_a = position(a, team_a)
        for b in students[a_idx + 1 :]:
            team_b = assignment[b.id]
            if team_a == team_b:
                continue
            if not (position(a, team_b) < own_a and position(b, team_a) < position(b, team_b)):
                continue
            swapped = {**assignment, a.id: team_b, b.id: team_a}
            if team_violations(instance, commission_ids, swapped):
                continue
            if before is None:
                before = team_objectives(instance, commission_ids, assignment)
            after = team_objectives(instance, commission_ids, swapped)
            worse = next((p for p in priorities if after[p] > before[p]), None)
            pairs.append(
                SwapPair(
                    a.id,
                    team_a,
                    b.id,
                    team_b,
                    worse or "none",
                    None if worse is None else before[worse],
                    None if worse is None else after[worse],
                )
            )
    return pairs


def rank_distribution(instance: Instance, assignment: Mapping[str, str]) -> dict[str, int]:
    """Students per written position of their team: "1", "2", …, "unlisted", "no_choices".

    Positions in increasing order, then ``unlisted`` and ``no_choices`` (always present).
    """
    counts: dict[int, int] = {}
    unlisted = no_choices = 0
    for student in instance.students:
        if not student.choices:
            no_choices += 1
            continue
        rank = written_rank(student, assignment.get(student.id, ""))
        if rank is None:
            unlisted += 1
        else:
            counts[rank] = counts.get(rank, 0) + 1
    result = {str(rank): counts[rank] for rank in sorted(counts)}
    result["unlisted"] = unlisted
    result["no_choices"] = no_choices
    return result
