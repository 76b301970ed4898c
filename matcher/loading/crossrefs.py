"""Cross-file checks: references between files, ids, spellings made one.

Every reference (a choice, a pin, a pair, ``include``/``exclude``) must name an id of the
file it points to; one that matches no id exactly but exactly one id up to case and accents
is read as that id (:class:`IdIndex`). Names that fold equal (:func:`matcher.text.fold_name`)
take the spelling of their first appearance (:func:`canonical_spelling`). Problems and
warnings go to the :class:`~matcher.loading.records.InstanceDraft` being checked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from matcher.eligibility import eligibility
from matcher.errors import Problem
from matcher.loading.cells import distinct_choices
from matcher.loading.records import InstanceDraft, ParsedTable, present_student_columns
from matcher.schemas import Commission, Pair, Settings, Student
from matcher.text import fold_name


class IdIndex:
    """Resolve references to ids: exactly, else by a unique case- and accent-free match."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = set(ids)
        folded: defaultdict[str, list[str]] = defaultdict(list)
        for id_ in self.ids:
            folded[fold_name(id_)].append(id_)
        self.folded = folded

    def resolve(self, ref: str) -> str | None:
        """The id ``ref`` names, or ``None`` when it names none (or several)."""
        if ref in self.ids:
            return ref
        candidates = self.folded.get(fold_name(ref), [])
        return candidates[0] if len(candidates) == 1 else None


def canonical_spelling(names: Iterable[str]) -> dict[str, str]:
    """Folded name → the first spelling met."""
    spelling: dict[str, str] = {}
    for name in names:
        spelling.setdefault(fold_name(name), name)
    return spelling


#: Warnings of one kind shown one by one before they are summed up.
MAX_PER_KIND = 10


def preview(items: list[str], limit: int = 8) -> str:
    """The first ``limit`` items, and how many there are in all when more."""
    shown = ", ".join(items[:limit])
    return shown + (f", … ({len(items)} in all)" if len(items) > limit else "")


def unify_commissions(draft: InstanceDraft) -> list[Commission]:
    """Institutions spelled in several ways take the spelling of their first proposal."""
    assert draft.commissions is not None
    commissions = [c for _, c in draft.commissions.records]
    spelling = canonical_spelling(c.institution for c in commissions)
    return [
        c.model_copy(update={"institution": spelling[fold_name(c.institution)]})
        for c in commissions
    ]


def _not_a_proposal(label: str, ref: str, number: int, column: str) -> Problem:
    return Problem(
        label, f"'{ref}' is not a proposal id of commissions.csv", row=number, column=column
    )


def _student_spellings(
    commissions: list[Commission], records: list[tuple[int, Any]]
) -> dict[str, dict[str, str]]:
    """Attribute → folded value → the spelling that counts (first met; employers after the
    institutions of commissions.csv, so that a conflict of interest is seen)."""
    employer_spelling = canonical_spelling(c.institution for c in commissions)
    for _, s in records:
        if s.employer:
            employer_spelling.setdefault(fold_name(s.employer), s.employer)
    return {
        "background": canonical_spelling(s.background for _, s in records),
        "gender": canonical_spelling(s.gender for _, s in records if s.gender),
        "employer": employer_spelling,
    }


def _resolve_student(
    draft: InstanceDraft,
    parsed: ParsedTable,
    number: int,
    student: Student,
    index: IdIndex | None,
    repeated: list[str],
) -> dict[str, Any]:
    """Choices (each once) and pin of one student as proposal ids; problems go to ``draft``."""
    choice_header = parsed.columns.header.get("choices", "choices")
    pin_header = parsed.columns.header.get("pinned", "pinned")
    resolved: list[str] = []
    for ref in student.choices:
        id_ = ref if index is None else index.resolve(ref)
        if id_ is None:
            draft.problems.append(_not_a_proposal(parsed.label, ref, number, choice_header))
        else:
            resolved.append(id_)
    repeats: list[str] = []
    choices = distinct_choices(resolved, repeats=repeats)
    repeated.extend(f"{student.id} ({id_})" for id_ in repeats)
    pinned = student.pinned
    if pinned is not None and index is not None:
        pinned = index.resolve(pinned)
        if pinned is None:
            assert student.pinned is not None
            draft.problems.append(_not_a_proposal(parsed.label, student.pinned, number, pin_header))
    return {"choices": tuple(choices), "pinned": pinned}


def _warn_about_choices(
    draft: InstanceDraft, parsed: ParsedTable, students: list[Student], repeated: list[str]
) -> None:
    """Choices listed twice, students without choices, or no choices at all."""
    if repeated:
        draft.warnings.append(
            "a choice is listed twice (only the first counts) by: " + preview(repeated)
        )
    if "choices" in present_student_columns(parsed.columns):
        without = [s.id for s in students if not s.choices]
        if without:
            draft.warnings.append(
                f"{len(without)} student(s) gave no choices (placed wherever balance is best): "
                + preview(without)
            )
    elif students:
        draft.warnings.append("students.csv has no choices: choices play no part in the teams")


def check_students(
    draft: InstanceDraft,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    students_parsed: ParsedTable,
) -> list[Student]:
    """Resolve choices and pins, unify spellings, warn about repeated or missing choices."""
    index = IdIndex(commission_ids) if commission_ids is not None else None
    records = students_parsed.records
    spellings = _student_spellings(commissions, records)
    if index is not None:
        # Rows with problems of their own still have their references checked.
        choice_header = students_parsed.columns.header.get("choices", "choices")
        pin_header = students_parsed.columns.header.get("pinned", "pinned")
        for number, refs, pin in students_parsed.broken_refs:
            for ref, header in [*((r, choice_header) for r in refs), (pin, pin_header)]:
                if ref and index.resolve(ref) is None:
                    draft.problems.append(
                        _not_a_proposal(students_parsed.label, ref, number, header)
                    )
    students: list[Student] = []
    repeated: list[str] = []
    for number, student in records:
        update = _resolve_student(draft, students_parsed, number, student, index, repeated)
        for attribute, spelling in spellings.items():
            value = getattr(student, attribute)
            if value:
                update[attribute] = spelling[fold_name(value)]
        students.append(student.model_copy(update=update))
    _warn_about_choices(draft, students_parsed, students, repeated)
    return students


def check_pairs(draft: InstanceDraft, student_ids: set[str] | None) -> list[Pair]:
    """Pairs must name two different students of students.csv."""
    assert draft.pairs is not None
    label = draft.pairs.label
    header = draft.pairs.columns.header
    index = IdIndex(student_ids) if student_ids is not None else None
    pairs: list[Pair] = []
    seen: dict[frozenset[str], tuple[int, str]] = {}
    for number, pair in draft.pairs.records:
        ends = []
        for column in ("student_a", "student_b"):
            ref = getattr(pair, column)
            resolved = ref if index is None else index.resolve(ref)
            if resolved is None:
                draft.problems.append(
                    Problem(
                        label,
                        f"'{ref}' is not a student id of students.csv",
                        row=number,
                        column=header[column],
                    )
                )
            ends.append(resolved)
        a, b = ends
        if a is None or b is None:
            continue
        if a == b:
            draft.problems.append(
                Problem(
                    label,
                    f"student '{a}' is paired with themself: expected two different students",
                    row=number,
                    column=header["student_b"],
                )
            )
            continue
        key = frozenset((a, b))
        if key in seen:
            first_row, first_relation = seen[key]
            if first_relation == pair.relation:
                draft.warnings.append(
                    f"{label} row {number}: {a} and {b} are already paired on row {first_row}"
                )
            else:
                draft.warnings.append(
                    f"{label} row {number}: {a} and {b} are to be kept both apart and "
                    f"together (row {first_row}): no teams can honour both"
                )
        else:
            seen[key] = (number, pair.relation)
        pairs.append(Pair(student_a=a, student_b=b, relation=pair.relation))
    return pairs


def warn_unusable_choices(
    draft: InstanceDraft, commissions: list[Commission], students: list[Student], settings: Settings
) -> None:
    """Choices and pins naming proposals that can never be selected count for nothing."""
    fate = {c.id: eligibility(c, settings.selection) for c in commissions}
    chosen_by: defaultdict[str, list[str]] = defaultdict(list)
    for student in students:
        for id_ in student.choices:
            if not fate[id_].eligible:
                chosen_by[id_].append(student.id)
        if student.pinned is not None and not fate[student.pinned].eligible:
            draft.warnings.append(
                f"{student.id} is pinned to {student.pinned}, which cannot be selected "
                f"({fate[student.pinned].reason})"
            )
    # Most-chosen first; a big draft would otherwise drown the other warnings.
    ranked = sorted(chosen_by.items(), key=lambda item: -len(item[1]))
    for id_, who in ranked[:MAX_PER_KIND]:
        draft.warnings.append(
            f"{id_} cannot be selected ({fate[id_].reason}) but is among the choices of "
            f"{len(who)} student(s): {preview(who)}"
        )
    if len(ranked) > MAX_PER_KIND:
        rest = ranked[MAX_PER_KIND:]
        draft.warnings.append(
            f"{len(rest)} more proposals that cannot be selected are among the choices of "
            f"{len({s for _, who in rest for s in who})} student(s)"
        )
    institutions = {fold_name(c.institution): c.institution for c in commissions}
    by_id = {c.id: c for c in commissions}
    for student in students:
        if (
            student.pinned is not None
            and student.employer is not None
            and fold_name(student.employer) == fold_name(by_id[student.pinned].institution)
            and settings.teams.conflict_of_interest
        ):
            draft.warnings.append(
                f"{student.id} is pinned to {student.pinned} of their employer "
                f"{institutions[fold_name(student.employer)]} (conflict of interest)"
            )


def by_file_and_row(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in the order files were read), then by row."""
    file_order: dict[str, int] = {}
    for problem in problems:
        file_order.setdefault(problem.file, len(file_order))
    return sorted(problems, key=lambda p: (file_order[p.file], p.row or 0))
