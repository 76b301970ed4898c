"""Cross-file checks: references between files, ids, spellings made one.

Every reference (a choice, a pin, a pair, ``include``/``exclude``) must name an id of the file
it points to; one matching exactly one id up to case and accents is that id (:class:`IdIndex`).
Names that fold equal (:func:`matcher.text.category_key`) take the spelling of their first
appearance. Problems and warnings go to the ``InstanceDraft`` being checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from matcher.eligibility import eligibility
from matcher.errors import Problem
from matcher.labels import Text, counted, text
from matcher.loading.cells import distinct_choices
from matcher.loading.dated_ids import DatedIds
from matcher.loading.id_index import (
    JOINING,
    IdIndex,
    alike_ids,
    by_institution,
    with_suggestion,
)
from matcher.loading.records import InstanceDraft, ParsedTable, present_student_columns
from matcher.schemas import Commission, Pair, Settings, Student
from matcher.text import NameIndex, category_key, fold_name, name_words


def canonical_spelling(names: Iterable[str]) -> dict[str, str]:
    """Folded name (:func:`matcher.text.category_key`) → the first spelling met."""
    spelling: dict[str, str] = {}
    for name in names:
        spelling.setdefault(category_key(name), name)
    return spelling


#: Warnings of one kind shown one by one before they are summed up.
MAX_PER_KIND = 10


def preview(items: list[str], limit: int = 8) -> str | Text:
    """The first ``limit`` items, and how many there are in all when more."""
    shown = ", ".join(items[:limit])
    return text("ld_list_more", shown=shown, n=len(items)) if len(items) > limit else shown


def warn_ids_alike(draft: InstanceDraft, parsed: ParsedTable) -> None:
    """Ids of one table that differ only by case, accents or spaces (``C01`` and ``c01``):
    distinct, as the contract asks, but a reference written another way names neither
    (:class:`IdIndex`), so a warning names both rows."""
    rows = ((record.id, number) for number, record in parsed.records)
    for ident, number, other, first in alike_ids(rows):
        draft.warnings.append(
            text(
                "ld_ids_alike",
                file=parsed.label,
                row=number,
                id=ident,
                other=other,
                first=first,
            )
        )


def unify_commissions(draft: InstanceDraft) -> list[Commission]:
    """Institutions, sectors and problem types spelled in several ways take the spelling of
    their first proposal (``évaluation`` and ``Evaluation.`` are one problem type)."""
    assert draft.commissions is not None
    commissions = [c for _, c in draft.commissions.records]
    fields = ("institution", "sector", "problem_type")
    spellings = {f: canonical_spelling(getattr(c, f) for c in commissions) for f in fields}
    _warn_institutions_alike(draft, list(spellings["institution"].values()))
    return [
        c.model_copy(update={f: spellings[f][category_key(getattr(c, f))] for f in fields})
        for c in commissions
    ]


def _warn_institutions_alike(draft: InstanceDraft, institutions: list[str]) -> None:
    """Institutions one of whose names holds the other as whole words (« AMO Le Cercle »,
    « AMO Le Cercle (Liège) »): maybe one, written two ways, and counted as two by
    ``max_per_institution`` (probe s40f: both selected under a cap of 1, without a word),
    where an employer so written is read as the institution (contract §7)."""
    assert draft.commissions is not None
    index = NameIndex(institutions)
    pairs = [
        (name, other)
        for name in institutions
        for other in index.fitting(name)
        if other != name and len(name_words(other)) < len(name_words(name))
    ]
    for name, other in pairs[:MAX_PER_KIND]:
        draft.warnings.append(
            text("ld_institutions_alike", short=other, long=name, file=draft.commissions.label)
        )
    if len(pairs) > MAX_PER_KIND:
        draft.warnings.append(counted("ld_institutions_alike_more", len(pairs) - MAX_PER_KIND))


def _not_a_proposal(
    label: str,
    ref: str,
    number: int,
    column: str,
    index: IdIndex | None,
    source: str,
    *,
    listed: str = "",
) -> Problem:
    """A reference naming no proposal. ``listed``: ``"cell"`` for a choice of a list cell,
    where ids separated otherwise than by ``;`` (``C01 / C02``, a space) are told how to
    write; ``"columns"`` for a choice of a numbered column (``Choix 1``), where several ids
    (``C01;C02``) are told to take one column each."""
    message = text("ld_not_a_proposal", ref=ref, file=source)
    several = _ids_run_together(ref, index, listed == "columns") if listed else None
    if several is not None and listed == "columns":
        message = text("ld_ids_one_per_column", message=message, ids=", ".join(several))
    elif several is not None:
        message = text("ld_ids_not_separated", message=message, ids=";".join(several))
    else:
        message = with_suggestion(message, ref, index)
    return Problem(label, message, row=number, column=column)


#: Words and signs people put between two ids (« C02 et C03 », « C03 (sinon C01) »).
#: What people put between ids instead of ``;``: a slash, a dash between spaces, spaces.
_OTHER_SEPARATORS = re.compile(r"\s*/\s*|\s*[-–—]\s*|\s+")
#: The same, and the separators of a list cell (in a numbered choice column).
_ANY_SEPARATOR = re.compile(r"\s*[/;|,]\s*|\s+-\s+|\s+")


def _ids_run_together(ref: str, index: IdIndex | None, any_separator: bool) -> list[str] | None:
    """The ids ``ref`` lists when it is several known ids separated by something other
    than ``;`` (``C01 / C02``, ``C01 C02``), or by anything (``any_separator``), else
    ``None``."""
    separators = _ANY_SEPARATOR if any_separator else _OTHER_SEPARATORS
    # Joined by a word or a sign too (``C02 et C03``, ``C03 + C01``, ``C03 (sinon C01)``;
    # probe s36g: « did you mean C02? », the second choice lost).
    words = [part.strip("()[]") for part in separators.split(ref) if part]
    parts = [part for part in words if part and part.casefold() not in JOINING]
    if index is None or len(parts) < 2:
        return None
    ids = [index.resolve(part) for part in parts]
    return [i for i in ids if i is not None] if all(ids) else None


def _student_spellings(
    commissions: list[Commission], records: list[tuple[int, Any]]
) -> dict[str, dict[str, str]]:
    """Attribute → folded value → the spelling that counts (first met; employers after the
    institutions of commissions.csv, so that a conflict of interest is seen)."""
    employer_spelling = canonical_spelling(c.institution for c in commissions)
    for _, s in records:
        if s.employer:
            employer_spelling.setdefault(category_key(s.employer), s.employer)
    return {
        "background": canonical_spelling(s.background for _, s in records),
        "gender": canonical_spelling(s.gender for _, s in records if s.gender),
        "employer": employer_spelling,
    }


def _say_employers_taken(
    draft: InstanceDraft, taken: Mapping[str, tuple[str, list[str]]], source: str
) -> None:
    """A warning per employer as written (→ the institution it is taken for, the students
    who wrote it), naming both spellings (contract §7)."""
    # With the rule off, nothing keeps them off it: the warning does not say it does
    # (probe s33a: « cet étudiant ne rejoint pas sa commande », and he did).
    key = "ld_employer_taken" if draft.settings.teams.conflict_of_interest else "ld_employer_seen"
    for written, (institution, who) in taken.items():
        said = counted(
            key, len(who), written=written, who=preview(who), institution=institution, file=source
        )
        draft.warnings.append(said)


def employers_as_institutions(
    draft: InstanceDraft,
    students: list[Student],
    institutions: Iterable[str],
    source: str,
) -> list[Student]:
    """Employers that name an institution in other words are read as that institution.

    An employer that is no institution's name once folded but contains one, or is
    contained in one, as whole words (``AMO Le Cercle`` and ``AMO Le Cercle (Liège)``)
    counts as that institution for conflicts of interest (contract §7): the safe side, so
    the student never joins its commission. The employer takes the institution's
    spelling, once, here: the engine, the checker and what-if then compare names only.
    A warning names both spellings. Of several institutions that fit, the one fitting
    most closely is taken (``NameIndex.closest``: ``AMO Le Cercle (Liège)`` is ``AMO Le
    Cercle`` even beside ``Le Cercle``); an employer that several fit alike is left as
    written and the student kept off each of their commissions (``employer_also``), with
    a warning.
    """
    names = list(canonical_spelling(institutions).values())
    exact = {fold_name(n) for n in names}
    index = NameIndex(names)
    fitting: dict[str, list[str]] = {}
    taken: dict[str, tuple[str, list[str]]] = {}
    ambiguous: dict[str, tuple[list[str], list[str]]] = {}
    resolved: list[Student] = []
    for student in students:
        employer = student.employer
        if employer is None or fold_name(employer) in exact:
            resolved.append(student)
            continue
        if employer not in fitting:
            fitting[employer] = index.closest(employer)
        fits = fitting[employer]
        if len(fits) == 1:
            taken.setdefault(employer, (fits[0], []))[1].append(student.id)
            student = student.model_copy(update={"employer": fits[0]})
        elif fits:
            ambiguous.setdefault(employer, (fits, []))[1].append(student.id)
            student = student.model_copy(update={"employer_also": tuple(fits)})
        resolved.append(student)
    _say_employers_taken(draft, taken, source)
    for written, (fits, who) in ambiguous.items():
        draft.warnings.append(
            text(
                "ld_employer_ambiguous",
                written=written,
                who=preview(who),
                institutions=", ".join(fits),
                file=source,
            )
        )
    return resolved


def _listed(parsed: ParsedTable) -> str:
    """How students.csv lists choices, for :func:`_not_a_proposal`."""
    return "columns" if parsed.columns.choice_idcs else "cell"


def _resolve_student(
    draft: InstanceDraft,
    parsed: ParsedTable,
    number: int,
    student: Student,
    index: IdIndex | None,
    repeated: list[str],
    source: str,
    dated: DatedIds,
) -> dict[str, Any]:
    """Choices (each once) and pin of one student as proposal ids (a date a spreadsheet
    made of one read back, noted in ``dated``); problems go to ``draft``."""
    pin_header = parsed.columns.header.get("pinned", "pinned")
    listed = _listed(parsed)
    resolved: list[str] = []
    for position, ref in enumerate(student.choices):
        header = parsed.choice_header(number, position)
        id_ = ref if index is None else dated.resolve(index, ref, number, header)
        if id_ is None:
            draft.problems.append(
                _not_a_proposal(parsed.label, ref, number, header, index, source, listed=listed)
            )
        else:
            resolved.append(id_)
    repeats: list[str] = []
    choices = distinct_choices(resolved, repeats=repeats)
    repeated.extend(f"{student.id} ({id_})" for id_ in dict.fromkeys(repeats))
    pinned = student.pinned
    if pinned is not None and index is not None:
        pinned = dated.resolve(index, pinned, number, pin_header)
        if pinned is None:
            assert student.pinned is not None
            draft.problems.append(
                _not_a_proposal(parsed.label, student.pinned, number, pin_header, index, source)
            )
    written = tuple(resolved) if repeats else None
    return {"choices": tuple(choices), "pinned": pinned, "written_choices": written}


def _warn_about_choices(
    draft: InstanceDraft,
    parsed: ParsedTable,
    students: list[Student],
    repeated: list[str],
    cohort_choices: bool,
) -> None:
    """Choices listed twice, students without choices, or no choices at all (in arrivals
    joining a cohort with choices, ``cohort_choices``: the arrivals have none)."""
    if repeated:
        draft.warnings.append(text("ld_choice_twice", who=preview(repeated)))
    if parsed.choice_gaps:
        _, empty, after = parsed.choice_gaps[0]
        gapped = preview([student_id for student_id, _, _ in parsed.choice_gaps])
        draft.warnings.append(text("ld_choice_gap", who=gapped, empty=empty, after=after))
    if "choices" in present_student_columns(parsed.columns):
        without = [s.id for s in students if not s.choices]
        if without:
            draft.warnings.append(counted("ld_no_choices_some", len(without), who=preview(without)))
    elif students and cohort_choices:
        who = [s.id for s in students]
        draft.warnings.append(
            counted("ld_arrivals_no_choices", len(who), file=parsed.label, who=preview(who))
        )
    elif students:
        draft.warnings.append(text("ld_no_choices_column", file=parsed.label))


def no_choices_now(
    warnings: Sequence[str | Text], students: Iterable[Student]
) -> tuple[str | Text, ...]:
    """``warnings`` whose first one naming the students who gave no choices (students.csv's)
    names those of ``students`` instead: a what-if's cohort, without the students who left
    and with those who arrived; dropped when none of them is without choices. The later
    ones (about arrivals of earlier what-ifs, chained on the workbench's board) are
    dropped: the first names their students now. None (every student of students.csv wrote
    choices): one is added when students who arrived since gave none (students.csv without
    a choices column says so about everyone)."""
    without = [s.id for s in students if not s.choices]
    kept: list[str | Text] = []
    recounted = False
    for warning in warnings:
        if isinstance(warning, Text) and warning.key == "ld_no_choices_some":
            if without and not recounted:
                kept.append(counted("ld_no_choices_some", len(without), who=preview(without)))
            recounted = True
        else:
            kept.append(warning)
    no_column = any(isinstance(w, Text) and w.key == "ld_no_choices_column" for w in warnings)
    if without and not recounted and not no_column:
        kept.append(counted("ld_no_choices_some", len(without), who=preview(without)))
    return tuple(kept)


def check_students(
    draft: InstanceDraft,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    students_parsed: ParsedTable,
    commissions_file: str | None = None,
    cohort_choices: bool = False,
) -> list[Student]:
    """Resolve choices and pins, unify spellings, read employers as institutions, warn about
    repeated or missing choices. ``commissions_file``: the proposals' file as named on disk
    when ``draft`` has none (a what-if's arrivals); ``cohort_choices``: the students read
    are arrivals joining a cohort where some students list choices."""
    index = (
        IdIndex(commission_ids, by_institution(commissions)) if commission_ids is not None else None
    )
    source = commissions_file or (
        draft.commissions.label if draft.commissions is not None else "commissions.csv"
    )
    records = students_parsed.records
    spellings = _student_spellings(commissions, records)
    dated = DatedIds(students_parsed.label)
    if index is not None:
        # Rows with problems of their own still have their references checked.
        pin_header = students_parsed.columns.header.get("pinned", "pinned")
        for number, refs, pin in students_parsed.broken_refs:
            choice_headers = [students_parsed.choice_header(number, i) for i in range(len(refs))]
            refs_and_headers = [*zip(refs, choice_headers, strict=True), (pin, pin_header)]
            for position, (ref, header) in enumerate(refs_and_headers):
                if ref and dated.resolve(index, ref, number, header) is None:
                    listed = _listed(students_parsed) if position < len(refs) else ""
                    draft.problems.append(
                        _not_a_proposal(
                            students_parsed.label, ref, number, header, index, source, listed=listed
                        )
                    )
    students: list[Student] = []
    repeated: list[str] = []
    institutions = {fold_name(c.institution) for c in commissions}
    # An employer read as an institution written otherwise than by case and accents (« St
    # Gilles » for « St.Gilles »): said, naming both (contract §7; probe s35b: since the
    # dots of an abbreviation were dropped, taken without a word).
    unified: dict[str, tuple[str, list[str]]] = {}
    for number, student in records:
        update = _resolve_student(
            draft, students_parsed, number, student, index, repeated, source, dated
        )
        for attribute, spelling in spellings.items():
            value = getattr(student, attribute)
            if value:
                update[attribute] = spelling[category_key(value)]
        taken = update.get("employer")
        if (
            taken
            and fold_name(taken) in institutions
            and fold_name(taken) != fold_name(student.employer or "")
        ):
            unified.setdefault(student.employer or "", (taken, []))[1].append(student.id)
        students.append(student.model_copy(update=update))
    _say_employers_taken(draft, unified, source)
    _warn_about_choices(draft, students_parsed, students, repeated, cohort_choices)
    draft.warnings += dated.warnings()
    return employers_as_institutions(draft, students, (c.institution for c in commissions), source)


def check_pairs(draft: InstanceDraft, student_ids: set[str] | None) -> list[tuple[int, Pair]]:
    """Pairs must name two different students of students.csv; each with its row."""
    assert draft.pairs is not None
    label = draft.pairs.label
    header = draft.pairs.columns.header
    source = draft.students.label if draft.students is not None else "students.csv"
    index = IdIndex(student_ids) if student_ids is not None else None
    pairs: list[tuple[int, Pair]] = []
    seen: dict[frozenset[str], tuple[int, str]] = {}
    dated = DatedIds(label)
    for number, pair in draft.pairs.records:
        ends = []
        for column in ("student_a", "student_b"):
            ref = getattr(pair, column)
            resolved = ref if index is None else dated.resolve(index, ref, number, header[column])
            if resolved is None:
                message = text("ld_not_a_student", ref=ref, file=source)
                draft.problems.append(
                    Problem(
                        label,
                        with_suggestion(message, ref, index),
                        row=number,
                        column=header[column],
                    )
                )
            ends.append(resolved)
        a, b = ends
        if a is None or b is None:
            continue
        if a == b:
            self_pair = text("ld_paired_self", id=a)
            draft.problems.append(Problem(label, self_pair, row=number, column=header["student_b"]))
            continue
        key = frozenset((a, b))
        if key in seen:
            first_row, first_relation = seen[key]
            kind = (
                "ld_pair_repeated" if first_relation == pair.relation else "ld_pair_contradiction"
            )
            draft.warnings.append(text(kind, file=label, row=number, a=a, b=b, first=first_row))
        else:
            seen[key] = (number, pair.relation)
        pairs.append((number, Pair(student_a=a, student_b=b, relation=pair.relation)))
    draft.warnings += dated.warnings()
    return pairs


def warn_unusable_choices(
    draft: InstanceDraft, commissions: list[Commission], students: list[Student], settings: Settings
) -> None:
    """Choices and pins naming proposals that can never be selected count for nothing."""
    fate = {c.id: eligibility(c, settings.selection, settings.calendar) for c in commissions}
    chosen_by: defaultdict[str, list[str]] = defaultdict(list)
    for student in students:
        for id_ in student.choices:
            if not fate[id_].eligible:
                chosen_by[id_].append(student.id)
        if student.pinned is not None and not fate[student.pinned].eligible:
            draft.warnings.append(
                text(
                    "ld_pinned_unselectable",
                    student=student.id,
                    pin=student.pinned,
                    reason=fate[student.pinned].reason,
                )
            )
    # Most-chosen first; a big draft would otherwise drown the other warnings.
    ranked = sorted(chosen_by.items(), key=lambda item: -len(item[1]))
    # One more is named like the others rather than counted ("1 more proposals").
    named = MAX_PER_KIND if len(ranked) > MAX_PER_KIND + 1 else len(ranked)
    for id_, who in ranked[:named]:
        draft.warnings.append(
            counted(
                "ld_choice_unselectable",
                len(who),
                id=id_,
                reason=fate[id_].reason,
                who=preview(who),
            )
        )
    if len(ranked) > named:
        rest = ranked[named:]
        draft.warnings.append(
            counted(
                "ld_more_unselectable",
                len({s for _, who in rest for s in who}),
                more=len(rest),
            )
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
                text(
                    "ld_pinned_employer",
                    student=student.id,
                    pin=student.pinned,
                    institution=institutions[fold_name(student.employer)],
                )
            )


def by_file_and_row(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in the order files were read), then by row."""
    file_order: dict[str, int] = {}
    for problem in problems:
        file_order.setdefault(problem.file, len(file_order))
    return sorted(problems, key=lambda p: (file_order[p.file], p.row or 0))
