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

from matcher.loading.cells import distinct_choices
from matcher.results import StageResult, Status, TeamResult
from matcher.rules import default_size_bounds, fair_share, students_by_value, team_size_bounds
from matcher.schemas import Instance, Student
from matcher.stages import TEAMS
from matcher.text import fold_name
from matcher.verify.teams import matches_condition, team_violations
from models.solve import SolveParams
from models.teams import (
    RuleRef,
    StudentGroup,
    TeamData,
    explain_teams,
    solve_teams,
)

#: Seconds at most per solve of the diagnosis (it runs once the rules proved infeasible).
_DIAGNOSIS_TIME = 20.0


def _who(student: Student) -> str:
    return f"{student.id} ({student.name})" if student.name else student.id


class _TeamFacts:
    """A cohort on its selected commissions in indices: maps, conflicts, pairs, groups.

    Shared by the data builder and the diagnosis.
    """

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


def _ranks(facts: _TeamFacts) -> np.ndarray:
    """(N, K) choice ranks (contract §5), 0 for students without choices."""
    num_teams = len(facts.commission_ids)
    ranks = np.zeros((len(facts.students), num_teams), dtype=np.int64)
    for i, student in enumerate(facts.students):
        if not student.choices:
            continue
        listed = [
            facts.commission2idx[choice]
            for choice in distinct_choices(student.choices, facts.commission2idx)
        ]
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


def _balance_groups(facts: _TeamFacts) -> tuple[StudentGroup, ...]:
    num_teams = max(len(facts.commission_ids), 1)
    attributes = facts.instance.balanced_attributes()
    return tuple(
        StudentGroup(
            f"{attribute}={value}",
            tuple(members),
            *fair_share(len(members), num_teams),
            attribute=attribute,
        )
        for (attribute, value), members in students_by_value(attributes, facts.students).items()
    )


def _isolation_groups(facts: _TeamFacts) -> tuple[StudentGroup, ...]:
    return tuple(
        StudentGroup(
            condition,
            tuple(i for i, s in enumerate(facts.students) if matches_condition(s, condition)),
        )
        for condition in facts.instance.settings.teams.no_isolation
    )


def _priorities(instance: Instance, extra_first: Sequence[str]) -> tuple[str, ...]:
    ordered: list[str] = []
    for name in (*extra_first, *instance.settings.teams.priorities):
        if name not in TEAMS.names:
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
    return _team_data(_TeamFacts(instance, commission_ids), previous, extra_priorities_first)


def _team_data(
    facts: _TeamFacts, previous: Mapping[str, str] | None, extra_first: Sequence[str]
) -> TeamData:
    size_min = np.array([facts.bounds[c][0] for c in facts.commission_ids], dtype=np.int64)
    size_max = np.array([facts.bounds[c][1] for c in facts.commission_ids], dtype=np.int64)
    pinned = np.array(
        [facts.commission2idx.get(s.pinned, -1) if s.pinned else -1 for s in facts.students],
        dtype=np.int64,
    )
    previous = previous or {}
    previous_idx = np.array(
        [facts.commission2idx.get(previous.get(s.id, ""), -1) for s in facts.students],
        dtype=np.int64,
    )
    return TeamData(
        size_min=size_min,
        size_max=size_max,
        conflict=facts.conflict,
        ranks=_ranks(facts),
        balance_groups=_balance_groups(facts),
        isolation_groups=_isolation_groups(facts),
        apart=facts.apart,
        together=facts.together,
        pinned=pinned,
        experience=_experience(facts.students),
        previous=previous_idx,
        priorities=_priorities(facts.instance, extra_first),
    )


# -- diagnosis ---------------------------------------------------------------------------


def _size_sentences(facts: _TeamFacts) -> list[str]:
    """Size bounds that no assignment can meet, whatever the other rules."""
    sentences = []
    instance = facts.instance
    by_id = {c.id: c for c in instance.commissions}
    num_students, num_teams = len(facts.students), len(facts.commission_ids)
    if num_teams == 0:
        return [f"no commission is selected for the {num_students} students"]
    cohort_low, cohort_high = default_size_bounds(num_students, num_teams, instance.settings.teams)
    for cid, (low, high) in facts.bounds.items():
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
    highs = [high for _, high in facts.bounds.values()]
    lows = [low for low, _ in facts.bounds.values()]
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


def _obvious_conflicts(facts: _TeamFacts) -> list[str]:
    """Contradictions visible without a solver, in the cohort's terms."""
    sentences = _size_sentences(facts)
    students, selected = facts.students, facts.commission2idx
    for i, student in enumerate(students):
        if student.pinned is None:
            continue
        if student.pinned not in selected:
            sentences.append(
                f"{_who(student)} is pinned to {student.pinned}, which is not a selected commission"
            )
        elif facts.conflict[i, selected[student.pinned]]:
            sentences.append(
                f"{_who(student)} is pinned to {student.pinned} whose institution is their "
                f"employer ({facts.institutions[selected[student.pinned]]})"
            )
    together = {frozenset(p) for p in facts.together}
    group_of = {i: g for g in facts.groups for i in g}
    for a, b in facts.apart:
        name_a, name_b = students[a].id, students[b].id
        if frozenset((a, b)) in together:
            sentences.append(f"{name_a} and {name_b} must be together and apart")
        elif a in group_of and b in group_of[a]:
            sentences.append(
                f"{name_a} and {name_b} must be apart but are tied together through "
                f"together-group {facts.names(group_of[a])}"
            )
        pin_a, pin_b = students[a].pinned, students[b].pinned
        if pin_a is not None and pin_a == pin_b:
            sentences.append(f"{name_a} and {name_b} must be apart but are both pinned to {pin_a}")
    max_high = max((high for _, high in facts.bounds.values()), default=0)
    for group in facts.groups:
        members = facts.names(group)
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
            high = facts.bounds[str(pin)][1]
            if len(group) > high:
                sentences.append(
                    f"together-group {members} ({len(group)}) exceeds max size {high} of {pin}"
                )
            for i in group:
                if facts.conflict[i, selected[str(pin)]] and students[i].pinned != pin:
                    sentences.append(
                        f"{_who(students[i])} must be together with together-group {members} "
                        f"pinned to {pin}, whose institution is their employer "
                        f"({facts.institutions[selected[str(pin)]]})"
                    )
        elif len(group) > max_high:
            sentences.append(
                f"together-group {members} ({len(group)}) exceeds the largest team size {max_high}"
            )
        if facts.conflict[group].any(axis=0).all():
            sentences.append(
                f"together-group {members}: every selected commission is the employer "
                "of one of them"
            )
    for i, student in enumerate(students):
        if i not in group_of and facts.conflict[i].all():
            sentences.append(
                f"{_who(student)} works for the institution of every selected commission "
                f"({student.employer})"
            )
    for condition in facts.instance.settings.teams.no_isolation:
        matching = [s for s in students if matches_condition(s, condition)]
        if len(matching) == 1:
            sentences.append(
                f"no_isolation {condition}: {_who(matching[0])} is the only such student, "
                "so their team cannot hold two"
            )
    return sentences


def _rule_sentence(facts: _TeamFacts, data: TeamData, ref: RuleRef) -> str:
    """A rule instance named by the model, in the cohort's terms."""
    kind, index = ref
    students = facts.students
    if kind == "size":
        if index < 0:
            return "team sizes: " + ", ".join(
                f"{cid} {low}-{high}" for cid, (low, high) in facts.bounds.items()
            )
        cid = facts.commission_ids[index]
        low, high = facts.bounds[cid]
        return f"team size of {cid}: {low} to {high} students"
    if kind == "conflict":
        if index < 0:
            return "conflicts of interest (no student on their employer's commission)"
        where = [facts.commission_ids[t] for t in np.nonzero(data.conflict[index])[0]]
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
            f"({facts.names(group.member_idcs)}) must be 0 or at least 2 per team"
        )
    return kind


def _diagnose(facts: _TeamFacts, data: TeamData, params: SolveParams) -> tuple[str, ...]:
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
        *(_rule_sentence(facts, data, r) for r in refs),
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
    facts = _TeamFacts(instance, commission_ids)
    ids = facts.commission_ids
    obvious = _obvious_conflicts(facts)
    if obvious:
        stage = StageResult(
            Status.INFEASIBLE, time.perf_counter() - start, diagnosis=tuple(obvious)
        )
        return TeamResult(stage, ids)
    data = _team_data(facts, previous, extra_priorities_first)
    solved = solve_teams(data, params)
    if solved.team_of is not None and solved.from_start:
        # CP-SAT found nothing in time; the start assignment stands in only if the
        # independent validator agrees that it keeps every rule.
        fallback = {s.id: ids[int(t)] for s, t in zip(facts.students, solved.team_of, strict=True)}
        if team_violations(instance, ids, fallback):
            solved = replace(solved, status=Status.UNKNOWN, objectives=[], team_of=None)
    if solved.team_of is None:
        if solved.status == Status.INFEASIBLE:
            diagnosis = _diagnose(facts, data, params)
        else:
            diagnosis = (f"no team assignment found within {params.time_limit:g} s",)
        stage = StageResult(solved.status, time.perf_counter() - start, diagnosis=diagnosis)
        return TeamResult(stage, ids)
    assignment = {s.id: ids[int(t)] for s, t in zip(facts.students, solved.team_of, strict=True)}
    stage = StageResult(solved.status, time.perf_counter() - start, tuple(solved.objectives))
    return TeamResult(stage, ids, assignment)
