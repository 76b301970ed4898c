"""Stage 2: form one team per selected commission (contract §5).

``form_teams`` turns the cohort into index-based ``models.teams.TeamData``, checks the
rules that obviously contradict each other (and says so in the cohort's terms), solves the
priorities lexicographically, and answers in ids. When the rules admit no assignment, the
diagnosis names the students, commissions and rules that conflict.

What-if support: ``previous`` (student id → commission id of their team before the
change) adds the priority ``moves`` when asked for in ``extra_priorities_first`` and hints
the search with the previous teams.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from matcher.results import StageResult, Status, TeamResult
from matcher.schemas import Instance, Student
from matcher.text import fold_name
from matcher.verify.teams import matches_condition, team_violations
from models.solve import SolveParams
from models.teams import (
    TEAM_PRIORITIES,
    RuleRef,
    StudentGroup,
    TeamData,
    explain_teams,
    solve_teams,
)

#: Seconds at most per solve of the diagnosis (it runs once the rules proved infeasible).
_DIAGNOSIS_TIME = 20.0


def team_size_bounds(
    instance: Instance, commission_ids: Sequence[str]
) -> dict[str, tuple[int, int]]:
    """Commission id → (min, max) team size.

    The cohort-wide bounds are ``[teams] min_size``/``max_size`` when set, else
    floor(N/K) and ceil(N/K); a commission's own ``min_size``/``max_size`` narrow them.
    """
    num_teams = max(len(commission_ids), 1)
    num_students = len(instance.students)
    settings = instance.settings.teams
    low = num_students // num_teams if settings.min_size is None else settings.min_size
    high = -(-num_students // num_teams) if settings.max_size is None else settings.max_size
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


def _who(student: Student) -> str:
    return f"{student.id} ({student.name})" if student.name else student.id


class _Cohort:
    """Index maps and derived facts shared by the data builder and the diagnosis."""

    def __init__(self, instance: Instance, commission_ids: Sequence[str]) -> None:
        self.instance = instance
        self.commission_ids = tuple(commission_ids)
        self.students = instance.students
        self.student2idx = {s.id: i for i, s in enumerate(self.students)}
        self.commission2idx = {cid: t for t, cid in enumerate(self.commission_ids)}
        by_id = {c.id: c for c in instance.commissions}
        self.institutions = [
            by_id[cid].institution if cid in by_id else "" for cid in self.commission_ids
        ]
        self.bounds = team_size_bounds(instance, self.commission_ids)
        self.conflict = self._conflict_matrix()
        self.apart = self._pairs("apart")
        self.together = self._pairs("together")
        self.groups = self._together_groups()

    def _conflict_matrix(self) -> np.ndarray:
        """(N, K) True where the student's employer is the commission's institution."""
        num_students, num_teams = len(self.students), len(self.commission_ids)
        conflict = np.zeros((num_students, num_teams), dtype=bool)
        if not self.instance.settings.teams.conflict_of_interest:
            return conflict
        folded = [fold_name(name) for name in self.institutions]
        for i, student in enumerate(self.students):
            if student.employer:
                employer = fold_name(student.employer)
                conflict[i] = [employer == name for name in folded]
        return conflict

    def _pairs(self, relation: str) -> tuple[tuple[int, int], ...]:
        pairs = []
        for pair in self.instance.pairs:
            a, b = self.student2idx.get(pair.student_a), self.student2idx.get(pair.student_b)
            if pair.relation == relation and a is not None and b is not None and a != b:
                pairs.append((a, b))
        return tuple(pairs)

    def _together_groups(self) -> list[list[int]]:
        """Students tied together, directly or through others (groups of two or more)."""
        parent = list(range(len(self.students)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in self.together:
            parent[root(a)] = root(b)
        groups: dict[int, list[int]] = {}
        for i in range(len(self.students)):
            groups.setdefault(root(i), []).append(i)
        return [g for g in groups.values() if len(g) > 1]

    def names(self, idcs: Sequence[int]) -> str:
        return ",".join(self.students[i].id for i in idcs)


def _ranks(cohort: _Cohort) -> np.ndarray:
    """(N, K) choice ranks (contract §5), 0 for students without choices."""
    num_teams = len(cohort.commission_ids)
    ranks = np.zeros((len(cohort.students), num_teams), dtype=np.int64)
    for i, student in enumerate(cohort.students):
        if not student.choices:
            continue
        listed: list[int] = []
        for choice in student.choices:
            t = cohort.commission2idx.get(choice)
            if t is not None and t not in listed:
                listed.append(t)
        ranks[i, :] = len(listed) + 1
        for position, t in enumerate(listed):
            ranks[i, t] = position + 1
    return ranks


def _experience(students: Sequence[Student]) -> np.ndarray:
    """(N,) experience in tenths of years; unknown = mean of the known (both rounded half up)."""
    known = [int(s.experience_years * 10 + 0.5) for s in students if s.experience_years is not None]
    if not known:
        return np.zeros(len(students), dtype=np.int64)
    mean = (sum(known) + len(known) // 2) // len(known)
    return np.array(
        [
            mean if s.experience_years is None else int(s.experience_years * 10 + 0.5)
            for s in students
        ],
        dtype=np.int64,
    )


def _balance_groups(cohort: _Cohort) -> tuple[StudentGroup, ...]:
    num_teams = max(len(cohort.commission_ids), 1)
    groups = []
    for attribute in cohort.instance.balanced_attributes():
        values: dict[object, list[int]] = {}
        for i, student in enumerate(cohort.students):
            value = getattr(student, attribute, None)
            if isinstance(value, bool | str):
                values.setdefault(value, []).append(i)
        for value, members in values.items():
            label = f"{attribute}={value}"
            count = len(members)
            groups.append(
                StudentGroup(
                    label,
                    tuple(members),
                    count // num_teams,
                    -(-count // num_teams),
                    attribute=attribute,
                )
            )
    return tuple(groups)


def _isolation_groups(cohort: _Cohort) -> tuple[StudentGroup, ...]:
    return tuple(
        StudentGroup(
            condition,
            tuple(i for i, s in enumerate(cohort.students) if matches_condition(s, condition)),
        )
        for condition in cohort.instance.settings.teams.no_isolation
    )


def _priorities(instance: Instance, extra_first: Sequence[str]) -> tuple[str, ...]:
    ordered: list[str] = []
    for name in (*extra_first, *instance.settings.teams.priorities):
        if name not in TEAM_PRIORITIES:
            raise ValueError(f"unknown team priority {name!r}")
        if name not in ordered:
            ordered.append(name)
    return tuple(ordered)


def team_data(
    instance: Instance,
    commission_ids: Sequence[str],
    *,
    previous: Mapping[str, str] | None = None,
    extra_priorities_first: Sequence[str] = (),
) -> TeamData:
    """The cohort in indices (students in file order, teams in ``commission_ids`` order)."""
    return _team_data(_Cohort(instance, commission_ids), previous, extra_priorities_first)


def _team_data(
    cohort: _Cohort, previous: Mapping[str, str] | None, extra_first: Sequence[str]
) -> TeamData:
    size_min = np.array([cohort.bounds[c][0] for c in cohort.commission_ids], dtype=np.int64)
    size_max = np.array([cohort.bounds[c][1] for c in cohort.commission_ids], dtype=np.int64)
    pinned = np.array(
        [cohort.commission2idx.get(s.pinned, -1) if s.pinned else -1 for s in cohort.students],
        dtype=np.int64,
    )
    previous = previous or {}
    previous_idx = np.array(
        [cohort.commission2idx.get(previous.get(s.id, ""), -1) for s in cohort.students],
        dtype=np.int64,
    )
    return TeamData(
        size_min=size_min,
        size_max=size_max,
        conflict=cohort.conflict,
        ranks=_ranks(cohort),
        balance_groups=_balance_groups(cohort),
        isolation_groups=_isolation_groups(cohort),
        apart=cohort.apart,
        together=cohort.together,
        pinned=pinned,
        experience=_experience(cohort.students),
        previous=previous_idx,
        priorities=_priorities(cohort.instance, extra_first),
    )


# -- diagnosis ---------------------------------------------------------------------------


def _size_sentences(cohort: _Cohort) -> list[str]:
    """Size bounds that no assignment can meet, whatever the other rules."""
    sentences = []
    instance = cohort.instance
    by_id = {c.id: c for c in instance.commissions}
    settings = instance.settings.teams
    num_students, num_teams = len(cohort.students), len(cohort.commission_ids)
    if num_teams == 0:
        return [f"no commission is selected for the {num_students} students"]
    cohort_low = num_students // num_teams if settings.min_size is None else settings.min_size
    cohort_high = -(-num_students // num_teams) if settings.max_size is None else settings.max_size
    for cid, (low, high) in cohort.bounds.items():
        if low > high:
            commission = by_id.get(cid)
            own = []
            if commission is not None and commission.min_size is not None:
                own.append(f"at least {commission.min_size}")
            if commission is not None and commission.max_size is not None:
                own.append(f"at most {commission.max_size}")
            sentences.append(
                f"team sizes: {cid} asks for {' and '.join(own) or 'other sizes'} students, "
                f"but teams hold {cohort_low} to {cohort_high}"
            )
    if sentences:
        return sentences
    highs = [high for _, high in cohort.bounds.values()]
    lows = [low for low, _ in cohort.bounds.values()]
    if sum(highs) < num_students:
        limit = (
            f"of at most {highs[0]}" if len(set(highs)) == 1 else f"holding at most {sum(highs)}"
        )
        sentences.append(
            f"team sizes: {num_students} students cannot fit {num_teams} teams {limit}"
        )
    if sum(lows) > num_students:
        limit = f"of at least {lows[0]}" if len(set(lows)) == 1 else f"needing {sum(lows)}"
        sentences.append(
            f"team sizes: {num_students} students cannot fill {num_teams} teams {limit}"
        )
    return sentences


def _obvious_conflicts(cohort: _Cohort) -> list[str]:
    """Contradictions visible without a solver, in the cohort's terms."""
    sentences = _size_sentences(cohort)
    students, selected = cohort.students, cohort.commission2idx
    for i, student in enumerate(students):
        if student.pinned is None:
            continue
        if student.pinned not in selected:
            sentences.append(
                f"{_who(student)} is pinned to {student.pinned}, which is not a selected commission"
            )
        elif cohort.conflict[i, selected[student.pinned]]:
            sentences.append(
                f"{_who(student)} is pinned to {student.pinned} whose institution is their "
                f"employer ({cohort.institutions[selected[student.pinned]]})"
            )
    together = {frozenset(p) for p in cohort.together}
    group_of = {i: g for g in cohort.groups for i in g}
    for a, b in cohort.apart:
        name_a, name_b = students[a].id, students[b].id
        if frozenset((a, b)) in together:
            sentences.append(f"{name_a} and {name_b} must be together and apart")
        elif a in group_of and b in group_of[a]:
            sentences.append(
                f"{name_a} and {name_b} must be apart but are tied together through "
                f"together-group {cohort.names(group_of[a])}"
            )
        pin_a, pin_b = students[a].pinned, students[b].pinned
        if pin_a is not None and pin_a == pin_b:
            sentences.append(f"{name_a} and {name_b} must be apart but are both pinned to {pin_a}")
    max_high = max((high for _, high in cohort.bounds.values()), default=0)
    for group in cohort.groups:
        members = cohort.names(group)
        pins = {students[i].pinned for i in group if students[i].pinned in selected}
        if len(pins) > 1:
            who = ", ".join(
                f"{students[i].id} to {students[i].pinned}"
                for i in group
                if students[i].pinned in selected
            )
            sentences.append(f"together-group {members} is pinned to several commissions ({who})")
        elif pins:
            (pin,) = pins
            high = cohort.bounds[str(pin)][1]
            if len(group) > high:
                sentences.append(
                    f"together-group {members} ({len(group)}) exceeds max size {high} of {pin}"
                )
            for i in group:
                if cohort.conflict[i, selected[str(pin)]] and students[i].pinned != pin:
                    sentences.append(
                        f"{_who(students[i])} must be together with together-group {members} "
                        f"pinned to {pin}, whose institution is their employer "
                        f"({cohort.institutions[selected[str(pin)]]})"
                    )
        elif len(group) > max_high:
            sentences.append(
                f"together-group {members} ({len(group)}) exceeds the largest team size {max_high}"
            )
        if cohort.conflict[group].any(axis=0).all():
            sentences.append(
                f"together-group {members}: every selected commission is the employer "
                "of one of them"
            )
    for i, student in enumerate(students):
        if i not in group_of and cohort.conflict[i].all():
            sentences.append(
                f"{_who(student)} works for the institution of every selected commission "
                f"({student.employer})"
            )
    for condition in cohort.instance.settings.teams.no_isolation:
        matching = [s for s in students if matches_condition(s, condition)]
        if len(matching) == 1:
            sentences.append(
                f"no_isolation {condition}: {_who(matching[0])} is the only such student, "
                "so their team cannot hold two"
            )
    return sentences


def _rule_sentence(cohort: _Cohort, data: TeamData, ref: RuleRef) -> str:
    """A rule instance named by the model, in the cohort's terms."""
    kind, index = ref
    students = cohort.students
    if kind == "size":
        if index < 0:
            return "team sizes: " + ", ".join(
                f"{cid} {low}-{high}" for cid, (low, high) in cohort.bounds.items()
            )
        cid = cohort.commission_ids[index]
        low, high = cohort.bounds[cid]
        return f"team size of {cid}: {low} to {high} students"
    if kind == "conflict":
        if index < 0:
            return "conflicts of interest (no student on their employer's commission)"
        where = [cohort.commission_ids[t] for t in np.nonzero(data.conflict[index])[0]]
        return (
            f"{_who(students[index])} may not join {', '.join(where)} "
            f"(their employer, {students[index].employer})"
        )
    if kind == "pin":
        if index < 0:
            return "pinned students"
        return f"{_who(students[index])} is pinned to {students[index].pinned}"
    if kind in ("apart", "together"):
        pairs = data.apart if kind == "apart" else data.together
        if index < 0:
            return f"pairs to keep {kind}" if kind == "apart" else "pairs to keep together"
        a, b = pairs[index]
        return f"{students[a].id} and {students[b].id} must be {kind}"
    if kind == "isolation":
        if index < 0:
            return "no_isolation conditions"
        group = data.isolation_groups[index]
        return (
            f"no_isolation {group.label}: its {len(group.member_idcs)} students "
            f"({cohort.names(group.member_idcs)}) must be 0 or at least 2 per team"
        )
    return kind


def _diagnose(cohort: _Cohort, data: TeamData, params: SolveParams) -> tuple[str, ...]:
    budget = SolveParams(
        time_limit=min(max(params.time_limit, 1.0), _DIAGNOSIS_TIME),
        seed=params.seed,
        workers=params.workers,
    )
    refs = explain_teams(data, budget)
    if refs is None:
        return ("the rules cannot all hold together (the diagnosis ran out of time)",)
    return (
        "these rules cannot all hold together:",
        *(_rule_sentence(cohort, data, r) for r in refs),
    )


def form_teams(
    instance: Instance,
    commission_ids: Sequence[str],
    params: SolveParams,
    *,
    previous: Mapping[str, str] | None = None,
    extra_priorities_first: Sequence[str] = (),
) -> TeamResult:
    """One team per selected commission, optimised in the configured priority order.

    Parameters
    ----------
    instance
        The cohort; ``instance.commissions`` holds at least the selected commissions
        (institution for conflicts of interest, min/max sizes).
    commission_ids
        The selected commissions, one team each, in the order teams are reported.
    params
        Time limit (for everything, diagnosis included), seed, workers.
    previous
        What-if: student id → commission id of their team before the change; students
        absent, or whose team is not in ``commission_ids``, have no previous team.
    extra_priorities_first
        Priorities placed before the settings' ones, e.g. ``("moves",)`` for what-if.

    Returns
    -------
    TeamResult
        Status OPTIMAL (every priority proven), FEASIBLE (time limit, a solution),
        INFEASIBLE (``stage.diagnosis`` names the conflicting rules) or UNKNOWN.
    """
    start = time.perf_counter()
    cohort = _Cohort(instance, commission_ids)
    ids = cohort.commission_ids
    obvious = _obvious_conflicts(cohort)
    if obvious:
        stage = StageResult(
            Status.INFEASIBLE, time.perf_counter() - start, diagnosis=tuple(obvious)
        )
        return TeamResult(stage, ids)
    data = _team_data(cohort, previous, extra_priorities_first)
    solved = solve_teams(data, params)
    if solved.team_of is not None and solved.from_start:
        # CP-SAT found nothing in time; the start assignment stands in only if the
        # independent validator agrees that it keeps every rule.
        fallback = {s.id: ids[int(t)] for s, t in zip(cohort.students, solved.team_of, strict=True)}
        if team_violations(instance, ids, fallback):
            solved = replace(solved, status=Status.UNKNOWN, objectives=[], team_of=None)
    if solved.team_of is None:
        if solved.status == Status.INFEASIBLE:
            diagnosis = _diagnose(cohort, data, params)
        else:
            diagnosis = (f"no team assignment found within {params.time_limit:g} s",)
        stage = StageResult(solved.status, time.perf_counter() - start, diagnosis=diagnosis)
        return TeamResult(stage, ids)
    assignment = {s.id: ids[int(t)] for s, t in zip(cohort.students, solved.team_of, strict=True)}
    stage = StageResult(solved.status, time.perf_counter() - start, tuple(solved.objectives))
    return TeamResult(stage, ids, assignment)
