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
from matcher.labels import Listing, Text, counted, listing, text
from matcher.loading.cells import distinct_choices
from matcher.loading.dated_ids import DatedIds
from matcher.loading.records import InstanceDraft, ParsedTable, present_student_columns
from matcher.schemas import Commission, Pair, Settings, Student
from matcher.text import NameIndex, category_key, fold_name, not_latin, typing_slips


def _spaceless(ident: str) -> str:
    """An id folded (:func:`matcher.text.fold_name`) and without its spaces: ``C 02`` is
    ``c02`` (probe s31b: ``C 02`` beside ``C02`` had no warning, and named neither)."""
    return fold_name(ident).replace(" ", "")


class IdIndex:
    """Resolve references to ids: exactly, else by a unique case-, accent- and space-free
    match, else by a unique match with the leading zeros of numbers set aside."""

    def __init__(self, ids: Iterable[str], names: Mapping[str, list[str]] | None = None) -> None:
        self.ids = set(ids)
        #: Folded institution name → the ids of its proposals: an institution written
        #: where an id is meant suggests them (probe s33d: « CPAS de Namur » in « Choix 1 »).
        self.names = names or {}
        folded: defaultdict[str, list[str]] = defaultdict(list)
        unpadded: defaultdict[str, list[str]] = defaultdict(list)
        for id_ in self.ids:
            folded[_spaceless(id_)].append(id_)
            unpadded[_unpadded_digits(_spaceless(id_))].append(id_)
        self.folded = folded
        self.unpadded = unpadded

    def resolve(self, ref: str) -> str | None:
        """The id ``ref`` names, or ``None`` when it names none (or several).

        ``1`` names ``01`` when no other id unpads to ``1``: a spreadsheet opening a CSV
        file makes numbers of such cells, and saves them without their zeros.
        """
        if ref.strip() in self.ids:  # ids are trimmed: "s1 " (pasted) is s1, not S1 or s1
            return ref.strip()
        candidates = self.folded.get(_spaceless(ref), [])
        if not candidates:
            candidates = self.unpadded.get(_unpadded_digits(_spaceless(ref)), [])
        return candidates[0] if len(candidates) == 1 else None

    def nearest(self, ref: str) -> str | None:
        """The known id ``ref`` was most likely meant to be (for "did you mean …?").

        First a typing slip between look-alike characters (letter O and zero, letter l or I
        and one, S and five, B and eight, Z and two: ``C1O`` for ``C10``, ``C2S`` for
        ``C25``), then the same number written with or without
        leading zeros (``E1`` for ``E01``), then the closest id by :mod:`difflib` (of
        close ids, the fewest typing slips away); ``None`` when nothing is close.
        """
        candidates = self._candidates(ref)
        return candidates[0] if candidates else None

    def suggestion(self, ref: str) -> str | Listing | None:
        """What "did you mean …?" proposes for ``ref``: :meth:`nearest`, or, when several
        ids are as few typing slips away (``C71``: ``C01``, ``C11``, ``C21`` and ``C17``),
        up to four of them ("C01, C11, C17 or C21"): picking one would be a guess."""
        named = self.names.get(fold_name(ref), [])
        candidates = sorted(named) if named else self._candidates(ref)
        if len(candidates) > 1:
            return listing(candidates[:_MOST_SUGGESTED], last="word_or")
        return candidates[0] if candidates else None

    def _candidates(self, ref: str) -> list[str]:
        """The one id a look-alike or a zero names (:meth:`nearest`), else the closest ids,
        tied, in sorted order."""
        for key in (_lookalike, _unpadded):
            wanted = key(ref)
            same = [i for i in self.ids if key(i) == wanted]
            if len(same) == 1:
                return same
        if ref.strip().isdigit():
            # The number alone (``8`` for ``C08``: a form asking for the number of the
            # commission): the one id holding that number.
            same = [i for i in self.ids if _number_in(i) == str(int(ref))]
            if len(same) == 1:
                return same
        return self._closest(ref)

    def _closest(self, ref: str) -> list[str]:
        """The close ids (:mod:`difflib`) the fewest typing slips away, in sorted order
        (difflib rates E01, E04 and E20 alike for E40 and would take the last)."""
        import difflib  # only when an id is wrong: not on the way of a valid run

        # Compared folded (case, accents, look-alikes) as ids are resolved: ``e99`` is as
        # close to E09 as ``E99`` is.
        folded = {i: _lookalike(i) for i in sorted(self.ids)}
        keys = sorted(set(folded.values()))
        wanted = _lookalike(ref)
        near = set(difflib.get_close_matches(wanted, keys, n=max(len(keys), 1), cutoff=0.6))
        if len(wanted) >= 2:
            # One slip in an id of two characters (``A9`` for supervisors A1…A3; ``C9`` for
            # C01…C05 once unpadded, probe s29d) is below difflib's cutoff, yet near.
            bare = _unpadded_digits(wanted)
            near.update(
                k
                for k in keys
                if 1 in (typing_slips(wanted, k), typing_slips(bare, _unpadded_digits(k)))
            )
        close = [i for i, key in folded.items() if key in near]
        slips = {i: typing_slips(wanted, folded[i]) for i in close}
        fewest = min(slips.values(), default=0)
        return sorted(i for i in close if slips[i] == fewest)


#: At most this many ids tied as nearest are proposed (``C71``: C01, C11, C21 or C17).
_MOST_SUGGESTED = 4


_LOOKALIKES = str.maketrans("olisbz", "011582")


def _number_in(id_: str) -> str | None:
    """The one number an id holds, without its leading zeros (``C08`` → ``8``)."""
    numbers = re.findall(r"\d+", id_)
    return str(int(numbers[0])) if len(numbers) == 1 else None


def _lookalike(text: str) -> str:
    """``text`` with characters people confuse made one (O/0, l/I/1, S/5, B/8, Z/2), folded."""
    return fold_name(text).translate(_LOOKALIKES)


def _unpadded(text: str) -> str:
    """``text`` folded like :func:`_lookalike`, each run of digits without its leading zeros
    (``E01`` and ``E1`` are one)."""
    return _unpadded_digits(_lookalike(text))


def _unpadded_digits(text: str) -> str:
    """``text`` with each run of digits without its leading zeros (``007`` → ``7``); by
    text, not ``int()``, which refuses more than 4,300 digits (a cell may hold 10,000)."""
    return re.sub(r"\d+", lambda m: m.group().lstrip("0") or "0", text)


def with_suggestion(message: Text, ref: str, index: IdIndex | None) -> Text:
    """``message``, then "did you mean X?" when ``index`` knows an id close to ``ref``, naming
    the letters of ``ref`` that only look Latin (``С23``, its С Cyrillic: probe s28b)."""
    near = index.suggestion(ref) if index is not None else None
    if near is not None and (letters := not_latin(ref)):
        return text("ld_with_suggestion_script", message=message, near=near, letters=letters)
    return message if near is None else text("ld_with_suggestion", message=message, near=near)


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
    first: dict[str, tuple[str, int]] = {}
    for number, record in parsed.records:
        other = first.setdefault(_spaceless(record.id), (record.id, number))
        if other[0] != record.id:
            draft.warnings.append(
                text(
                    "ld_ids_alike",
                    file=parsed.label,
                    row=number,
                    id=record.id,
                    other=other[0],
                    first=other[1],
                )
            )


def unify_commissions(draft: InstanceDraft) -> list[Commission]:
    """Institutions, sectors and problem types spelled in several ways take the spelling of
    their first proposal (``évaluation`` and ``Evaluation.`` are one problem type)."""
    assert draft.commissions is not None
    commissions = [c for _, c in draft.commissions.records]
    fields = ("institution", "sector", "problem_type")
    spellings = {f: canonical_spelling(getattr(c, f) for c in commissions) for f in fields}
    return [
        c.model_copy(update={f: spellings[f][category_key(getattr(c, f))] for f in fields})
        for c in commissions
    ]


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


#: What people put between ids instead of ``;``: a slash, a dash between spaces, spaces.
_OTHER_SEPARATORS = re.compile(r"\s*/\s*|\s+-\s+|\s+")
#: The same, and the separators of a list cell (in a numbered choice column).
_ANY_SEPARATOR = re.compile(r"\s*[/;|,]\s*|\s+-\s+|\s+")


def _ids_run_together(ref: str, index: IdIndex | None, any_separator: bool) -> list[str] | None:
    """The ids ``ref`` lists when it is several known ids separated by something other
    than ``;`` (``C01 / C02``, ``C01 C02``), or by anything (``any_separator``), else
    ``None``."""
    separators = _ANY_SEPARATOR if any_separator else _OTHER_SEPARATORS
    parts = [part for part in separators.split(ref) if part]
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
    # With the rule off, nothing keeps them off it: the warning does not say it does
    # (probe s33a: « cet étudiant ne rejoint pas sa commande », and he did).
    key = "ld_employer_taken" if draft.settings.teams.conflict_of_interest else "ld_employer_seen"
    for written, (institution, who) in taken.items():
        draft.warnings.append(
            counted(
                key,
                len(who),
                written=written,
                who=preview(who),
                institution=institution,
                file=source,
            )
        )
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
    return {"choices": tuple(choices), "pinned": pinned}


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
    institutions: dict[str, list[str]] = {}
    for commission in commissions:
        institutions.setdefault(fold_name(commission.institution), []).append(commission.id)
    index = IdIndex(commission_ids, institutions) if commission_ids is not None else None
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
    for number, student in records:
        update = _resolve_student(
            draft, students_parsed, number, student, index, repeated, source, dated
        )
        for attribute, spelling in spellings.items():
            value = getattr(student, attribute)
            if value:
                update[attribute] = spelling[category_key(value)]
        students.append(student.model_copy(update=update))
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
