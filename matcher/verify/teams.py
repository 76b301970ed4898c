"""Independent check of a team assignment: rules, metrics and priorities recomputed from ids.

Nothing here uses the solver or ``models/``: every number is recomputed in plain Python
from the instance, the selected commission ids and the assignment (student id → commission
id), so that a bug in the formulation shows up as a disagreement in the tests, and so that
``matcher check`` can judge a result edited by hand.

Definitions (contract §5, README)
---------------------------------
- choice rank: position of the team among the student's choices that were selected
  (1 = first); a team not listed counts as (number of listed selected + 1); ``None`` for a
  student without choices.
- ``worst_choice`` objective: largest rank, 0 when nobody has choices (the metric is then
  ``None``, as are the shares).
- ``balance``: Σ over balanced attributes a, values v (held by N_v ≥ 1 students), teams t of
  max(0, c(t,v) − ceil(N_v/K), floor(N_v/K) − c(t,v)). Students without a value (no gender)
  count for no value of that attribute.
- ``experience``: max_t |N·E_t − n_t·E|, with e_i the student's experience in tenths of
  years (round half up), unknown experience counted as the cohort's mean known experience
  (in tenths, round half up), E_t = Σ e_i over team t, n_t its size, E = Σ e_i, N students.
  0 when nobody's experience is known. It is N times the largest distance between a team's
  total experience and its fair share n_t·E/N (divide by 10·N for years).
- ``moves``: students with a previous team (that still exists) who are in another team now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from matcher.labels import Text, counted, text
from matcher.loading.cells import (
    condition_attribute,
    distinct_choices,
    parse_condition,
    value_meets,
)
from matcher.rules import balance_violation, fair_share, students_by_value, team_size_bounds
from matcher.schemas import Instance, Student
from matcher.text import fold_name

#: Student attributes a no-isolation condition may name.
CONDITION_ATTRIBUTES = ("background", "vae", "employed", "gender", "employer")


def choice_rank(student: Student, commission_id: str, selected_ids: Collection[str]) -> int | None:
    """Rank of ``commission_id`` among the student's selected choices (contract §5)."""
    if not student.choices:
        return None
    # Callers ranking a whole cohort pass a set once rather than a sequence per student.
    selected = selected_ids if isinstance(selected_ids, set | frozenset) else set(selected_ids)
    listed = distinct_choices(student.choices, selected)
    if commission_id in listed:
        return listed.index(commission_id) + 1
    return len(listed) + 1


def written_rank(student: Student, commission_id: str) -> int | None:
    """Position of ``commission_id`` in the student's choices as written (1 = first written;
    a choice repeated before it counted: K3;K3;K2 puts K2 third, probe s34a).

    ``None`` when the student did not list it, or gave no choices (contract §3 ``choice_rank``).
    """
    try:
        return student.as_written.index(commission_id) + 1
    except ValueError:
        return None


def matches_condition(student: Student, condition: str) -> bool:
    """Whether a student meets a no-isolation condition such as ``vae=yes`` or ``gender=M``.

    Conditions are read as settings validation reads them (:mod:`matcher.loading.cells`):
    flags through the one truth table, categories after folding case, accents and spaces.
    A condition without ``=`` or naming an unknown attribute matches nobody.
    """
    parsed = parse_condition(condition)
    if parsed is None:
        return False
    attribute = condition_attribute(parsed[0])
    if attribute not in CONDITION_ATTRIBUTES:
        return False
    return value_meets(getattr(student, attribute), parsed[1])


def balance_values(instance: Instance) -> dict[tuple[str, Any], list[str]]:
    """(balanced attribute, value) → ids of the students holding it, for values held."""
    students = instance.students
    groups = students_by_value(instance.balanced_attributes(), students)
    return {key: [students[i].id for i in members] for key, members in groups.items()}


def experience_tenths(instance: Instance) -> dict[str, int]:
    """Student id → experience in tenths of years, unknown values imputed (see module doc)."""
    known = {
        s.id: int(s.experience_years * 10 + 0.5)
        for s in instance.students
        if s.experience_years is not None
    }
    if not known:
        return {s.id: 0 for s in instance.students}
    mean = (sum(known.values()) + len(known) // 2) // len(known)
    return {s.id: known.get(s.id, mean) for s in instance.students}


def _teams(commission_ids: Sequence[str], assignment: Mapping[str, str]) -> dict[str, list[str]]:
    teams: dict[str, list[str]] = {cid: [] for cid in commission_ids}
    for student_id, commission_id in assignment.items():
        if commission_id in teams:
            teams[commission_id].append(student_id)
    return teams


def _balance_violations(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> int:
    num_teams = len(commission_ids)
    if num_teams == 0:
        return 0
    total = 0
    for ids in balance_values(instance).values():
        low, high = fair_share(len(ids), num_teams)
        counts = Counter(assignment.get(i) for i in ids)
        for commission_id in commission_ids:
            total += balance_violation(counts.get(commission_id, 0), low, high)
    return total


def _ranks(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> list[int]:
    ranks = []
    selected = frozenset(commission_ids)
    for student in instance.students:
        commission_id = assignment.get(student.id)
        if commission_id is None or not student.choices:
            continue
        rank = choice_rank(student, commission_id, selected)
        if rank is not None:
            ranks.append(rank)
    return ranks


def _conflicts(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> list[tuple[Student, str]]:
    # On a commission not selected too (an edited teams.csv): both rules are broken (probe
    # s30a: the conflict was neither counted nor said there).
    institutions = {c.id: fold_name(c.institution) for c in instance.commissions}
    found = []
    for student in instance.students:
        commission_id = assignment.get(student.id)
        if student.employer is None or commission_id is None:
            continue
        if institutions.get(commission_id) in student.employers():
            found.append((student, commission_id))
    return found


class _Named:
    """Each student as a broken rule names them: ``E051 (Marie Dupont)``, the id alone when
    the cohort gives no name (probe s32e: « E051 n'a pas d'équipe » beside « E031 (Élodie
    Lemaire) est dans … »). Read from the cohort at the first rule broken: a result that
    keeps every rule (each move checked in the workbench) pays nothing."""

    def __init__(self, instance: Instance) -> None:
        self._instance = instance
        self._by_id: dict[str, str] | None = None

    def __getitem__(self, student_id: str) -> str:
        if self._by_id is None:
            self._by_id = {
                s.id: f"{s.id} ({s.name})" if s.name and s.name != s.id else s.id
                for s in self._instance.students
            }
        return self._by_id.get(student_id, student_id)


def _broken_pairs(
    assignment: Mapping[str, str], instance: Instance, who: _Named | None = None
) -> list[Text]:
    broken = []
    who = _Named(instance) if who is None else who
    for pair in instance.pairs:
        team_a, team_b = assignment.get(pair.student_a), assignment.get(pair.student_b)
        apart = pair.relation == "apart" and team_a is not None and team_a == team_b
        if not apart and not (pair.relation == "together" and team_a != team_b):
            continue
        a, b = who[pair.student_a], who[pair.student_b]
        if apart:
            broken.append(text("v_apart", a=a, b=b, team=team_a))
        elif team_a is None or team_b is None:
            alone = pair.student_a if team_a is None else pair.student_b
            broken.append(text("v_together_no_team", a=a, b=b, alone=alone))
        else:
            broken.append(text("v_together", a=a, b=b, team_a=team_a, team_b=team_b))
    return broken


def experience_gap(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> int:
    """The ``experience`` priority: max_t |N·E_t − n_t·E| in tenths of years (module doc)."""
    tenths = experience_tenths(instance)
    total = sum(tenths.values())
    num_students = len(instance.students)
    gap = 0
    for members in _teams(commission_ids, assignment).values():
        team_total = sum(tenths.get(i, 0) for i in members)
        gap = max(gap, abs(num_students * team_total - len(members) * total))
    return gap


def moves(assignment: Mapping[str, str], previous: Mapping[str, str] | None) -> int:
    """The ``moves`` priority: students with a previous team now in another team."""
    if not previous:
        return 0
    return sum(1 for i, team in previous.items() if i in assignment and assignment[i] != team)


def _written_figures(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> dict[str, Any]:
    """The choice figures shown to people, about what students wrote (contract §5).

    Over the students with choices: placed on their first written choice, on the best of
    their choices that was selected, on one of their first three written choices, on any
    commission they listed; how many were placed on one they did not list, and how many wrote
    a first choice that was not selected.
    """
    selected = frozenset(commission_ids)
    counted = placed = first = best = top3 = listed = first_unavailable = 0
    for student in instance.students:
        if not student.choices:
            continue
        # A student with choices whom a result edited by hand leaves without a team counts
        # in the shares as placed on none of them (probe s27: left out, the shares
        # overstated what the students got).
        counted += 1
        first_unavailable += student.choices[0] not in selected
        commission_id = assignment.get(student.id)
        if commission_id is None or commission_id not in selected:
            # On a commission that is not selected (withdrawn, edited in by hand: a broken
            # rule) they are in no team: no choice of theirs is granted (probe s33e).
            continue
        placed += 1
        rank = written_rank(student, commission_id)
        available = [c for c in student.choices if c in selected]
        first += rank == 1
        best += bool(available) and available[0] == commission_id
        top3 += rank is not None and rank <= 3
        listed += rank is not None

    def share(count: int) -> float | None:
        return round(count / counted, 4) if counted else None

    return {
        "first_choice_share": share(first),
        "best_available_share": share(best),
        "top3_share": share(top3),
        "listed_share": share(listed),
        "unlisted": placed - listed,
        "first_choice_unavailable": first_unavailable,
    }


def team_metrics(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> dict[str, Any]:
    """The ``metrics.teams`` block of summary.json (contract §3), recomputed from ids.

    ``worst_choice`` is the solver's available rank; every share is about written choices.
    """
    sizes = [len(m) for m in _teams(commission_ids, assignment).values()]
    ranks = _ranks(instance, commission_ids, assignment)
    pairs = _broken_pairs(assignment, instance)
    return {
        "students": len(instance.students),
        "size_min": min(sizes, default=0),
        "size_max": max(sizes, default=0),
        "balance_violations": _balance_violations(instance, commission_ids, assignment),
        "worst_choice": max(ranks) if ranks else None,
        **_written_figures(instance, commission_ids, assignment),
        "conflicts_of_interest": len(_conflicts(instance, commission_ids, assignment)),
        "pair_violations": len(pairs),
    }


def team_objectives(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Every team priority on the model's integer scale (``previous`` only for ``moves``)."""
    ranks = _ranks(instance, commission_ids, assignment)
    return {
        "moves": moves(assignment, previous),
        "worst_choice": max(ranks, default=0),
        "balance": _balance_violations(instance, commission_ids, assignment),
        "choices": sum(ranks),
        "experience": experience_gap(instance, commission_ids, assignment),
    }


def team_violations(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> list[Text]:
    """Every broken rule as a sentence naming students and commissions (empty: all kept)."""
    selected = set(commission_ids)
    who = _Named(instance)
    problems: list[Text] = []
    for student in instance.students:
        commission_id = assignment.get(student.id)
        if commission_id is None:
            problems.append(text("v_no_team_for", student=who[student.id]))
        elif commission_id not in selected:
            problems.append(text("v_not_selected_team", student=student.id, team=commission_id))
    known = {s.id for s in instance.students}
    problems += [text("v_unknown_student", student=i) for i in assignment if i not in known]
    teams = _teams(commission_ids, assignment)
    for commission_id, (low, high) in team_size_bounds(instance, commission_ids).items():
        size = len(teams[commission_id])
        if not low <= size <= high:
            if low == high:
                # "expected 6 to 6" reads as a slip: one size is expected.
                # counted: "1 student", "0 étudiant" (a team emptied by hand).
                problems.append(counted("v_team_size_exact", size, team=commission_id, low=low))
            else:
                # low > high ([teams] min_size above the default ceil(N/K)): "expected 4 to
                # 3" read as a slip; said as the contradiction it is.
                key = "v_team_size_none" if low > high else "v_team_size"
                problems.append(counted(key, size, team=commission_id, low=low, high=high))
    if instance.settings.teams.conflict_of_interest:
        by_id = {c.id: c for c in instance.commissions}
        for student, commission_id in _conflicts(instance, commission_ids, assignment):
            institution = by_id[commission_id].institution
            # An employer several institutions fit alike (``employer_also``) may be this
            # one: said as written, never as this institution.
            employer = student.employer or ""
            ambiguous = fold_name(employer) != fold_name(institution)
            problems.append(
                text(
                    "v_conflict_may" if ambiguous else "v_conflict",
                    student=who[student.id],
                    team=commission_id,
                    institution=institution,
                    employer=employer,
                )
            )
    problems += _broken_pairs(assignment, instance, who)
    for student in instance.students:
        if student.pinned is not None and assignment.get(student.id) != student.pinned:
            team = assignment.get(student.id)
            if team is None:
                said = text("v_pinned_no_team", student=who[student.id], pinned=student.pinned)
                problems.append(said)
            else:
                problems.append(
                    text("v_pinned", student=who[student.id], pinned=student.pinned, team=team)
                )
    team_of = {i: cid for cid, team in teams.items() for i in team}
    for condition in instance.settings.teams.no_isolation:
        # One pass over the cohort per condition, grouped by team (students.csv order).
        matching_by_team: dict[str, list[str]] = {cid: [] for cid in teams}
        for s in instance.students:
            if s.id in team_of and matches_condition(s, condition):
                matching_by_team[team_of[s.id]].append(s.id)
        for commission_id, matching in matching_by_team.items():
            if len(matching) == 1:
                alone = who[matching[0]]
                problems.append(
                    text("v_isolated", student=alone, condition=condition, team=commission_id)
                )
    return problems
