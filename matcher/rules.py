"""The arithmetic of the team rules, written once for the engine, the verifier and the outputs.

Team sizes default to floor(N/K)..ceil(N/K); every balanced value is spread the same way;
a team outside its fair share of a value counts one violation per student too many or too
few. ``models/`` keeps its own CP-SAT linearisation of the same formula (it cannot import
``matcher``); tests hold the two together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from matcher.labels import Text, counted
from matcher.schemas import Instance, Settings, Student, Supervisor, TeamSettings

__all__ = [
    "balance_value",
    "balance_violation",
    "close_pairs_needed",
    "default_size_bounds",
    "fair_share",
    "students_by_value",
    "supervisor_places",
    "team_size_bounds",
    "together_groups",
]


def fair_share(count: int, num_teams: int) -> tuple[int, int]:
    """floor and ceil of ``count / num_teams``: what each of the teams should hold."""
    return count // num_teams, -(-count // num_teams)


def balance_violation(count: int, low: int, high: int) -> int:
    """Students a team holds beyond ``high`` or short of ``low`` (0 inside the share)."""
    return max(0, count - high, low - count)


def default_size_bounds(
    num_students: int, num_teams: int, settings: TeamSettings
) -> tuple[int, int]:
    """Cohort-wide team sizes: ``[teams] min_size``/``max_size``, else the fair share."""
    low, high = fair_share(num_students, num_teams)
    return (
        low if settings.min_size is None else settings.min_size,
        high if settings.max_size is None else settings.max_size,
    )


def team_size_bounds(
    instance: Instance, commission_ids: Sequence[str]
) -> dict[str, tuple[int, int]]:
    """Commission id → (min, max) team size.

    The cohort-wide bounds are ``[teams] min_size``/``max_size`` when set, else
    floor(N/K) and ceil(N/K); a commission's own ``min_size``/``max_size`` narrow them.
    """
    num_teams = max(len(commission_ids), 1)
    low, high = default_size_bounds(len(instance.students), num_teams, instance.settings.teams)
    by_id = {c.id: c for c in instance.commissions}
    bounds: dict[str, tuple[int, int]] = {}
    for commission_id in commission_ids:
        commission = by_id.get(commission_id)
        team_low, team_high = low, high
        if commission is not None and commission.min_size is not None:
            team_low = max(team_low, commission.min_size)
        if commission is not None and commission.max_size is not None:
            team_high = min(team_high, commission.max_size)
        bounds[commission_id] = (team_low, team_high)
    return bounds


def balance_value(student: Student, attribute: str) -> bool | str | None:
    """A student's value for a balanced attribute: a flag or a category; ``None`` when not
    recorded (such a student counts in no group of that attribute)."""
    value = getattr(student, attribute, None)
    return value if isinstance(value, bool | str) else None


def students_by_value(
    attributes: Iterable[str], students: Sequence[Student]
) -> dict[tuple[str, Any], list[int]]:
    """(attribute, value) → indices in ``students`` of those holding it, for values held.

    Only flags and categories group students (an unknown value, ``None``, joins no group);
    groups come attribute by attribute, values in order of first appearance.
    """
    groups: dict[tuple[str, Any], list[int]] = {}
    for attribute in attributes:
        for index, student in enumerate(students):
            value = balance_value(student, attribute)
            if value is not None:
                groups.setdefault((attribute, value), []).append(index)
    return groups


def together_where(instance: Instance, group: Sequence[str]) -> Text | str:
    """Where the together pairs tying ``group`` are written, in parentheses after a
    space: pairs.csv as named on disk, its spreadsheet rows and its two student columns
    as written ("" for a cohort not read from files)."""
    members = set(group)
    rows = sorted({row for a, b, row in instance.pair_rows if a in members and b in members})
    if not rows:
        return ""
    first, second = instance.pair_headers
    return counted(
        "where_pair_rows",
        len(rows),
        file=instance.pairs_file,
        rows=", ".join(map(str, rows)),
        a=first,
        b=second,
    )


def together_groups(instance: Instance) -> list[list[str]]:
    """Students tied by ``together`` pairs, directly or through others: groups of two or
    more student ids, each in students.csv order, groups by their first member."""
    order = {s.id: i for i, s in enumerate(instance.students)}
    parent = {sid: sid for sid in order}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    for pair in instance.pairs:
        if pair.relation == "together" and pair.student_a in order and pair.student_b in order:
            parent[root(pair.student_a)] = root(pair.student_b)
    groups: dict[str, list[str]] = {}
    for sid in order:
        groups.setdefault(root(sid), []).append(sid)
    return [group for group in groups.values() if len(group) > 1]


def supervisor_capacity(
    supervisors: Sequence[Supervisor], num_teams: int, settings: Settings
) -> list[int]:
    """Each supervisor's most teams: their ``max_teams``, else ``[supervision] max_teams``,
    else ``ceil(K / number of supervisors)`` (contract §11: every supervisor of the file
    counts, one on leave this year too; the diagnosis of a plan this makes impossible says
    so, probe s28a)."""
    default = settings.supervision.max_teams or -(-num_teams // max(len(supervisors), 1))
    return [s.max_teams if s.max_teams is not None else default for s in supervisors]


def supervisor_places(
    supervisors: Sequence[Supervisor], num_teams: int, settings: Settings
) -> list[int]:
    """Each supervisor's most teams (``supervisor_capacity``), 0 for one who can take none
    (unavailable on the visit slot or on every oral slot, ``CalendarSettings.takes_teams``)."""
    limits = supervisor_capacity(supervisors, num_teams, settings)
    able = (settings.calendar.takes_teams(s.unavailable) for s in supervisors)
    return [n if ok else 0 for n, ok in zip(limits, able, strict=True)]


def close_pairs_needed(instance: Instance, count: int) -> tuple[np.ndarray, int] | None:
    """Where a visit morning holds two visits only for teams of one town (two 80-minute
    visits 15 minutes apart fit 09:00-12:00, 45 minutes apart do not) and never three: per
    proposal its town's index (``-1``: unknown), and how many pairs of selected proposals
    of one town a plan needs at least (the teams beyond one visit per supervisor free on
    the visit slot); ``None`` when that regime does not hold or one visit each suffices.
    A necessary condition the selection keeps (``SelectionData.close_pairs``): the cuts
    alone may need thousands of selections to learn it."""
    from matcher.text import fold_name

    calendar = instance.settings.calendar
    if instance.settings.selection.max_per_institution > 1:
        return None  # two teams of one institution need no travel, town known or not
    begin, end = calendar.visit_range
    longest = end - begin - 2 * calendar.visit_minutes
    third = 3 * calendar.visit_minutes + 2 * calendar.same_town_minutes
    if not calendar.same_town_minutes <= longest < calendar.travel_minutes or third <= end - begin:
        return None
    # One visit each for the supervisors free that morning (``takes_teams`` asks the visit).
    places = supervisor_places(instance.supervisors or (), count, instance.settings)
    needed = count - sum(1 for n in places if n >= 1)
    if needed <= 0:
        return None
    towns: dict[str, int] = {}
    close = [
        towns.setdefault(fold_name(c.town), len(towns)) if c.town else -1
        for c in instance.commissions
    ]
    return np.array(close, dtype=np.int64), needed
