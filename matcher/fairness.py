"""Fairness figures of a team result (contract §9): swap pairs and the rank distribution.

Only the validator's arithmetic (``matcher.verify.teams``): no engine, so that the
writers, ``check`` and the report may use them cheaply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matcher.rules import balance_violation, fair_share
from matcher.schemas import Instance, Student
from matcher.text import fold_name
from matcher.verify.teams import (
    balance_values,
    choice_rank,
    experience_tenths,
    matches_condition,
    team_objectives,
    team_violations,
    written_rank,
)
from matcher.verify.teams import moves as count_moves

__all__ = ["SwapPair", "rank_distribution", "swap_pairs", "written_rank"]


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
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> list[SwapPair]:
    """Pairs who both wrote the other's team better than their own and whose swap keeps
    every rule, each with the first priority (settings' order) the swap worsens or "none".

    ``previous`` (a what-if's result): each student's team before the what-if, where that
    team still exists (``matcher.whatif.previous_teams_after``). ``moves`` is then the
    first priority (contract §6): a swap taking a student away from that team worsens it.

    Written positions compare; a team not listed is worse than any listed one. Pairs come
    in students.csv order of their first student, then of their second.

    Only pairs that want each other's teams are looked at (an index of who in each team
    wants which other team), and a swap of a result that keeps every rule is judged by what
    it changes (:class:`_SwapJudge`): linear in the cohort rather than quadratic times the
    cohort, 10,000 students in about a second. A result that breaks rules (edited by hand)
    is judged by re-checking the whole swapped result, as the definition says.
    """
    students = [s for s in instance.students if s.choices and s.id in assignment]
    candidates = _wanting_pairs(students, assignment)
    if not candidates:
        return []
    if team_violations(instance, commission_ids, assignment):
        judge: _Judge = _WholeJudge(instance, commission_ids, assignment)
    else:
        judge = _SwapJudge(instance, commission_ids, assignment)
    moves = count_moves(assignment, previous)
    pairs = []
    for a, b in candidates:
        team_a, team_b = assignment[a.id], assignment[b.id]
        verdict = judge.judge(a, b)
        if verdict is None:
            continue
        more = _more_moves(previous, a.id, team_a, b.id, team_b)
        if more > 0:
            verdict = ("moves", moves, moves + more)
        worse, value, value_if = verdict
        pairs.append(SwapPair(a.id, team_a, b.id, team_b, worse, value, value_if))
    return pairs


def _more_moves(
    previous: Mapping[str, str] | None, a: str, team_a: str, b: str, team_b: str
) -> int:
    """How many more students the swap of ``a`` (in ``team_a``) and ``b`` (in ``team_b``)
    takes away from their team before the what-if (fewer: negative)."""
    if not previous:
        return 0
    change = 0
    for student, now, then in ((a, team_a, team_b), (b, team_b, team_a)):
        before = previous.get(student)
        if before is not None:
            change += int(then != before) - int(now != before)
    return change


def _wanting_pairs(
    students: Sequence[Student], assignment: Mapping[str, str]
) -> list[tuple[Student, Student]]:
    """(a, b) in students' order, in different teams, each having written the other's team
    before their own (a team not listed comes after every listed one)."""
    wants: dict[tuple[str, str], list[int]] = {}
    better: list[list[str]] = []
    for index, student in enumerate(students):
        own = assignment[student.id]
        rank = written_rank(student, own)
        ahead = student.choices if rank is None else student.choices[: rank - 1]
        teams = list(dict.fromkeys(c for c in ahead if c != own))
        better.append(teams)
        for team in teams:
            wants.setdefault((own, team), []).append(index)
    found = []
    for index, student in enumerate(students):
        own = assignment[student.id]
        partners = sorted(
            {j for team in better[index] for j in wants.get((team, own), ()) if j > index}
        )
        found += [(student, students[j]) for j in partners]
    return found


class _Judge:
    """Whether swapping two students keeps every rule, and the first priority it worsens:
    ``None`` (a rule broken) or (priority or "none", value, value_if)."""

    def judge(self, a: Student, b: Student) -> tuple[str, int | None, int | None] | None:
        raise NotImplementedError


class _WholeJudge(_Judge):
    """By the definition: every rule and priority recomputed on the swapped result."""

    def __init__(
        self, instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
    ) -> None:
        self.instance, self.ids, self.assignment = instance, commission_ids, assignment
        self.before = team_objectives(instance, commission_ids, assignment)

    def judge(self, a: Student, b: Student) -> tuple[str, int | None, int | None] | None:
        team_a, team_b = self.assignment[a.id], self.assignment[b.id]
        swapped = {**self.assignment, a.id: team_b, b.id: team_a}
        if team_violations(self.instance, self.ids, swapped):
            return None
        after = team_objectives(self.instance, self.ids, swapped)
        for name in self.instance.settings.teams.priorities:
            if after[name] > self.before[name]:
                return name, self.before[name], after[name]
        return "none", None, None


class _SwapJudge(_Judge):
    """On a result that keeps every rule, a swap changes only its two students and their
    two teams: sizes stay, so the rules it can break are the two students' pins, conflicts
    of interest and pairs, and no-isolation in the two teams; and each priority changes by
    what the two students bring or take (tests/test_swap_pairs.py: the twin of _WholeJudge).
    """

    def __init__(
        self, instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
    ) -> None:
        self.instance, self.assignment = instance, assignment
        self.selected = frozenset(commission_ids)
        self.before = team_objectives(instance, commission_ids, assignment)
        self._rules(instance, commission_ids, assignment)
        self._priorities(instance, commission_ids, assignment)

    def _rules(
        self, instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
    ) -> None:
        self.institution = {c.id: fold_name(c.institution) for c in instance.commissions}
        self.conflicts = instance.settings.teams.conflict_of_interest
        self.partners: dict[str, list[tuple[str, str]]] = {}
        for pair in instance.pairs:
            self.partners.setdefault(pair.student_a, []).append((pair.student_b, pair.relation))
            self.partners.setdefault(pair.student_b, []).append((pair.student_a, pair.relation))
        self.conditions = list(instance.settings.teams.no_isolation)
        self.matching = {
            s.id: tuple(matches_condition(s, c) for c in self.conditions)
            for s in instance.students
        }
        self.condition_counts: dict[tuple[str, int], int] = Counter(
            (assignment[s.id], k)
            for s in instance.students
            if s.id in assignment
            for k, hit in enumerate(self.matching[s.id])
            if hit
        )

    def _priorities(
        self, instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
    ) -> None:
        self.ranks = Counter(
            choice_rank(s, assignment[s.id], self.selected)
            for s in instance.students
            if s.choices and s.id in assignment
        )
        num_teams = len(commission_ids)
        self.groups_of: dict[str, list[tuple[str, Any]]] = {}
        self.share: dict[tuple[str, Any], tuple[int, int]] = {}
        self.counts: dict[tuple[str, Any], Counter[str | None]] = {}
        for key, ids in balance_values(instance).items():
            self.share[key] = fair_share(len(ids), num_teams)
            self.counts[key] = Counter(assignment.get(i) for i in ids)
            for i in ids:
                self.groups_of.setdefault(i, []).append(key)
        self.tenths = experience_tenths(instance)
        total, n = sum(self.tenths.values()), len(instance.students)
        members = Counter(assignment.values())
        sums: Counter[str] = Counter()
        for i, team in assignment.items():
            sums[team] += self.tenths.get(i, 0)
        self.team_gap = {t: abs(n * sums[t] - members[t] * total) for t in commission_ids}
        self.team_sum, self.team_size, self.total, self.n = sums, members, total, n
        self.top = sorted(self.team_gap.items(), key=lambda kv: -kv[1])[:3]

    def judge(self, a: Student, b: Student) -> tuple[str, int | None, int | None] | None:
        if self._breaks_a_rule(a, b):
            return None
        after = self._after(a, b)
        for name in self.instance.settings.teams.priorities:
            if after[name] > self.before[name]:
                return name, self.before[name], after[name]
        return "none", None, None

    def _breaks_a_rule(self, a: Student, b: Student) -> bool:
        team_a, team_b = self.assignment[a.id], self.assignment[b.id]
        for mover, other, new_team in ((a, b, team_b), (b, a, team_a)):
            if mover.pinned is not None:
                return True
            if self.conflicts and self.institution.get(new_team) in mover.employers():
                return True
            for partner, relation in self.partners.get(mover.id, ()):
                if partner == other.id:
                    continue
                if relation == "together" or self.assignment.get(partner) == new_team:
                    return True
        for k in range(len(self.conditions)):
            change = int(self.matching[b.id][k]) - int(self.matching[a.id][k])
            if change and (
                self.condition_counts[(team_a, k)] + change == 1
                or self.condition_counts[(team_b, k)] - change == 1
            ):
                return True
        return False

    def _after(self, a: Student, b: Student) -> dict[str, int]:
        team_a, team_b = self.assignment[a.id], self.assignment[b.id]
        old = [choice_rank(a, team_a, self.selected), choice_rank(b, team_b, self.selected)]
        new = [choice_rank(a, team_b, self.selected), choice_rank(b, team_a, self.selected)]
        ranks = self.ranks.copy()
        ranks.subtract(old)
        ranks.update(new)
        worst = max((r for r, count in ranks.items() if count > 0 and r is not None), default=0)
        return {
            "moves": 0,
            "worst_choice": worst,
            "balance": self.before["balance"] + self._balance_change(a, b, team_a, team_b),
            "choices": self.before["choices"] + sum(new) - sum(old),  # type: ignore[arg-type]
            "experience": self._experience_after(a, b, team_a, team_b),
        }

    def _balance_change(self, a: Student, b: Student, team_a: str, team_b: str) -> int:
        change = 0
        moves: Counter[tuple[tuple[str, Any], str]] = Counter()  # (group, team) → gained
        for key in self.groups_of.get(a.id, ()):
            moves[(key, team_a)] -= 1
            moves[(key, team_b)] += 1
        for key in self.groups_of.get(b.id, ()):
            moves[(key, team_b)] -= 1
            moves[(key, team_a)] += 1
        for (key, team), gained in moves.items():
            if gained:
                low, high = self.share[key]
                count = self.counts[key].get(team, 0)
                change += balance_violation(count + gained, low, high)
                change -= balance_violation(count, low, high)
        return change

    def _experience_after(self, a: Student, b: Student, team_a: str, team_b: str) -> int:
        shift = self.tenths.get(b.id, 0) - self.tenths.get(a.id, 0)
        gap = max((g for t, g in self.top if t not in (team_a, team_b)), default=0)
        for team, delta in ((team_a, shift), (team_b, -shift)):
            value = self.n * (self.team_sum[team] + delta) - self.team_size[team] * self.total
            gap = max(gap, abs(value))
        return gap


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
