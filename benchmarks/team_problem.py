"""The team-formation stage of one cohort as plain, index-based data that peers can read.

Every peer of the benchmark (random, greedy, HiGHS, the HBS ``team-formation`` package) solves
the *same* stage 2 problem: the cohort's students on the commissions our own run selected.
This module turns a loaded :class:`matcher.schemas.Instance` plus those commission ids into a
JSON-serialisable :class:`TeamProblem`, so peers running in their own virtual environments
(where ``matcher`` and OR-Tools are not importable) get exactly the rules we solve.

Rules follow the contract (§5): each student in exactly one team, team sizes within bounds,
no student on the commission of their employer (``conflict_of_interest``), pins, pairs kept
apart or together, ``no_isolation`` conditions; balance bounds floor/ceil(N_v / K).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from matcher.rules import fair_share, team_size_bounds
from matcher.schemas import Instance, Student
from matcher.text import fold_name
from matcher.verify.teams import experience_tenths as engine_tenths
from matcher.verify.teams import matches_condition


@dataclass
class TeamProblem:
    """Stage 2 of one cohort in indices: students 0..N-1, teams 0..K-1 (selected commissions)."""

    commission_ids: list[str]
    student_ids: list[str]
    #: Size bounds of each team (same order as ``commission_ids``).
    size_lo: list[int]
    size_hi: list[int]
    #: Teams each student may join (conflict of interest and pins applied), sorted.
    allowed: list[list[int]]
    #: Choice rank of each student on each team (contract §5), or ``None`` without choices.
    ranks: list[list[int] | None]
    #: Balanced attribute → value of each student (``None`` when the cell is empty).
    attributes: dict[str, list[str | None]]
    #: Balanced (attribute, value) → (floor(N_v/K), ceil(N_v/K)).
    balance_bounds: list[tuple[str, str, int, int]]
    #: Student index pairs kept apart / together.
    apart: list[tuple[int, int]] = field(default_factory=list)
    together: list[tuple[int, int]] = field(default_factory=list)
    #: Per ``no_isolation`` condition, the students meeting it: 0 or at least 2 per team.
    no_isolation: list[list[int]] = field(default_factory=list)
    #: Experience of each student in tenths of years, unknown values imputed (README).
    experience: list[int] = field(default_factory=list)
    #: How the engine aggregates the teams' experience gaps |N·E_t − n_t·E| (README: the
    #: largest gap). tests/test_benchmarks_peers.py checks HiGHS's values against the
    #: validator's, so a change of definition there shows up as a failing test.
    experience_measure: str = "max"
    #: Team priorities in force, most important first.
    priorities: list[str] = field(default_factory=list)

    @property
    def num_students(self) -> int:
        return len(self.student_ids)

    @property
    def num_teams(self) -> int:
        return len(self.commission_ids)

    def to_json(self, path: Path, **extra: Any) -> None:
        """Write the problem (plus run options such as ``time_limit``) for a peer process."""
        payload = asdict(self) | extra
        path.write_text(json.dumps(payload), encoding="utf-8")


def attribute_value(student: Student, attribute: str) -> str | None:
    """Value of a balanced attribute as a label (booleans as yes/no)."""
    raw = getattr(student, attribute, None)
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    return str(raw)


def meets_condition(student: Student, condition: str) -> bool:
    """Whether a student meets an ``attr=value`` condition, as the engine's validator reads it."""
    return bool(matches_condition(student, condition))


def experience_tenths(instance: Instance) -> list[int]:
    """Experience per student in tenths of years, as the engine's validator imputes it."""
    tenths = engine_tenths(instance)
    return [tenths[s.id] for s in instance.students]


def size_bounds(instance: Instance, commission_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Size bounds per commission, exactly the engine's."""
    return {
        cid: (int(lo), int(hi))
        for cid, (lo, hi) in team_size_bounds(instance, commission_ids).items()
    }


def choice_ranks(student: Student, commission_ids: list[str]) -> list[int] | None:
    """Rank of each team for a student (contract §5), ``None`` when they gave no choices."""
    if not student.choices:
        return None
    selected = set(commission_ids)
    listed = [c for c in dict.fromkeys(student.choices) if c in selected]
    position = {cid: k + 1 for k, cid in enumerate(listed)}
    unlisted = len(listed) + 1
    return [position.get(cid, unlisted) for cid in commission_ids]


def build_team_problem(instance: Instance, commission_ids: list[str]) -> TeamProblem:
    """The stage 2 problem of ``instance`` on the commissions ``commission_ids``."""
    students = list(instance.students)
    student2idx = {s.id: i for i, s in enumerate(students)}
    commission2idx = {cid: t for t, cid in enumerate(commission_ids)}
    institution = {c.id: fold_name(c.institution) for c in instance.commissions}
    bounds = size_bounds(instance, commission_ids)
    teams = instance.settings.teams

    allowed: list[list[int]] = []
    for student in students:
        if student.pinned is not None and student.pinned in commission2idx:
            allowed.append([commission2idx[student.pinned]])
            continue
        employer = fold_name(student.employer) if student.employer else None
        allowed.append(
            [
                t
                for t, cid in enumerate(commission_ids)
                if not (teams.conflict_of_interest and employer and institution[cid] == employer)
            ]
        )

    attributes = {
        a: [attribute_value(s, a) for s in students] for a in instance.balanced_attributes()
    }
    num_teams = len(commission_ids)
    balance_bounds: list[tuple[str, str, int, int]] = []
    for attribute, values in attributes.items():
        counts: dict[str, int] = {}
        for value in values:
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
        for value, count in sorted(counts.items()):
            balance_bounds.append((attribute, value, *fair_share(count, num_teams)))

    apart: list[tuple[int, int]] = []
    together: list[tuple[int, int]] = []
    for pair in instance.pairs:
        a, b = student2idx[pair.student_a], student2idx[pair.student_b]
        (apart if pair.relation == "apart" else together).append((a, b))

    no_isolation = [
        [i for i, s in enumerate(students) if meets_condition(s, condition)]
        for condition in teams.no_isolation
    ]

    return TeamProblem(
        commission_ids=list(commission_ids),
        student_ids=[s.id for s in students],
        size_lo=[bounds[cid][0] for cid in commission_ids],
        size_hi=[bounds[cid][1] for cid in commission_ids],
        allowed=allowed,
        ranks=[choice_ranks(s, commission_ids) for s in students],
        attributes=attributes,
        balance_bounds=balance_bounds,
        apart=apart,
        together=together,
        no_isolation=no_isolation,
        experience=experience_tenths(instance),
        priorities=list(teams.priorities),
    )


def team_sizes(problem: TeamProblem, assignment: list[int] | None = None) -> list[int]:
    """Size of each team: from an assignment, else a split of N within the bounds."""
    if assignment is not None:
        sizes = [0] * problem.num_teams
        for t in assignment:
            sizes[t] += 1
        return sizes
    sizes = list(problem.size_lo)
    spare = problem.num_students - sum(sizes)
    # Round-robin so the extra students spread evenly, as floor/ceil bounds intend.
    while spare > 0:
        grown = False
        for t in range(problem.num_teams):
            if spare > 0 and sizes[t] < problem.size_hi[t]:
                sizes[t] += 1
                spare -= 1
                grown = True
        if not grown:
            break
    return sizes
