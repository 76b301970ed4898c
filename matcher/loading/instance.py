"""Reading a whole instance, and students arriving late: the entry points of loading.

:func:`load_instance` locates the tables (:mod:`~matcher.loading.sources`), reads each into
records (:mod:`~matcher.loading.records`), reads the settings
(:mod:`~matcher.loading.settings`), then runs the cross-file checks
(:mod:`~matcher.loading.crossrefs`) even when a table has broken rows, so that one run
reports every problem of every file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from matcher.errors import InputError, Problem
from matcher.labels import Listing, Text, counted, text
from matcher.loading.columns import (
    COMMISSION_COLUMNS,
    PAIR_COLUMNS,
    STUDENT_COLUMNS,
    near_misses,
)
from matcher.loading.crossrefs import (
    by_file_and_row,
    canonical_spelling,
    check_pairs,
    check_students,
    unify_commissions,
    warn_ids_alike,
    warn_unusable_choices,
)
from matcher.loading.file_bytes import open_in_spreadsheet
from matcher.loading.id_index import IdIndex
from matcher.loading.records import (
    InstanceDraft,
    ParsedTable,
    line_breaks_said,
    parse_commissions,
    parse_pairs,
    parse_students,
    present_student_columns,
    shift_noted,
)
from matcher.loading.settings import check_settings, conditions_no_one_meets, load_settings
from matcher.loading.sources import (
    InstanceSources,
    arrivals_table,
    locate_sources,
    lookalike_kind,
    table_kind,
)
from matcher.loading.tables import FILE_KINDS, RawTable, read_csv
from matcher.schemas import Commission, Instance, Pair, Settings, Student, Supervisor
from matcher.text import (
    category_key,
    control_characters,
    drop_control_characters,
    has_control_characters,
    printable,
)

#: Cells of one table whose line breaks are said one by one; then how many more.
_MAX_LINE_WARNINGS = 5

#: Each table of an instance, in the order read, and its parser.
#: Each table's columns, for a header one slip away from a column it lacks (``near_misses``).
_SPECS = {"commissions": COMMISSION_COLUMNS, "students": STUDENT_COLUMNS, "pairs": PAIR_COLUMNS}
_PARSERS: dict[str, Callable[[RawTable, list[Problem]], ParsedTable]] = {
    "commissions": parse_commissions,
    "students": parse_students,
    "pairs": parse_pairs,
}


def _ids_if_complete(parsed: ParsedTable | None) -> set[str] | None:
    """Ids of a table that could be read (``None``: absent or unreadable, skip id checks)."""
    return parsed.ids if parsed is not None and parsed.complete else None


def _accepted_names(path: Path, kind: str) -> str:
    suffix = "" if path.is_file() else ".csv"
    return ", ".join(f"{name}{suffix}" for name in FILE_KINDS[kind])


def _table_named(path: Path, kind: str) -> str | Text:
    """A table as messages name it: a folder's file (``students.csv``), or a workbook's sheet
    in the reader's words (« étudiants », not "students": probe s29h)."""
    return text(f"table_{kind}") if path.is_file() else f"{kind}.csv"


def _missing_table(path: Path, kind: str, sources: InstanceSources) -> Problem:
    """A table the command needs is absent: the names accepted for it and the files (sheets)
    found that hold no table (a file renamed by hand is visibly not one of them), and a hint
    when a workbook that is not one of the tables (``commissions.xlsx``) lies in the
    folder."""
    unread = sources.unread
    accepted = _accepted_names(path, kind)
    key = "ld_missing_sheet" if path.is_file() else "ld_missing_file"
    table = _table_named(path, kind)
    if unread:
        found = Listing(tuple(text("quoted", value=name) for name in unread), last=None)
        message = text(f"{key}_found", name=table, accepted=accepted, found=found)
    else:
        message = text(key, name=table, accepted=accepted)
    if path.is_dir():
        read = set(sources.labels.values())
        books = sorted(p.name for p in path.glob("*.xlsx") if p.name not in read)
        if books:
            message = text("ld_workbook_hint", message=message, book=books[0])
    return Problem(str(path), message)


def _lookalike_warnings(
    path: Path, sources: InstanceSources, require: Collection[str]
) -> list[Text]:
    """A file (sheet) that holds no table but whose name looks like one (``Étudiants
    2026.csv``, ``liste binômes``): said, since its rules are not read (a table the command
    needs and lacks says it in its own error). Said too when the table is there under its
    own name (probe s35d: a stale hidden sheet « Étudiants » read, the cohort's « Étudiants
    2026-2027 » not, nor a header-only pairs.csv beside « binômes-final.csv », unsaid)."""
    warnings: list[Text] = []
    for name in sources.unread:
        kind = lookalike_kind(name)
        if kind is None or (kind in require and kind not in sources.readers):
            continue
        key = "ld_unread_lookalike_beside" if kind in sources.readers else "ld_unread_lookalike"
        if kind in sources.readers and sources.labels.get(kind) == f"{kind}.csv":
            key = "ld_unread_lookalike_file"  # not « « pairs.csv » l'est (pairs.csv) »
        message = text(
            key,
            name=name,
            table=_table_named(path, kind),
            accepted=_accepted_names(path, kind),
            read=sources.labels.get(kind, ""),
        )
        warnings.append(Problem(path.name if path.is_file() else str(path), message).as_text())
    return warnings


def _workbook_beside_warnings(path: Path, sources: InstanceSources) -> list[Text]:
    """A workbook lying beside the CSV files of an instance folder is not read (the folder's
    CSV files are): said, since the director may have kept the cohort up to date in it."""
    if not path.is_dir() or not sources.readers:
        return []
    try:
        names = [p.name for p in path.iterdir()]
    except OSError:  # listed a moment ago, when its files were found
        return []
    # A workbook named as a table (students.xlsx) is read, or said beside its CSV file.
    books = sorted(
        n
        for n in names
        if Path(n).suffix.lower() in (".xlsx", ".xlsm")
        and not n.startswith("~$")
        and table_kind(n) is None
    )
    # The folder by its name (the workbench's is a temporary folder, probe s28f).
    return [
        Problem(path.name, text("ld_workbook_beside_csv", book=book)).as_text() for book in books
    ]


def _read_draft(
    path: Path, sources: InstanceSources, settings_path: Path | None, require: Collection[str]
) -> InstanceDraft:
    """Every table and the settings, each read on its own (problems collected)."""
    draft = InstanceDraft()
    draft.warnings.extend(sources.warnings)
    draft.warnings.extend(_lookalike_warnings(path, sources, require))
    draft.warnings.extend(_workbook_beside_warnings(path, sources))
    for kind, parse in _PARSERS.items():
        reader = sources.readers.get(kind)
        if reader is None:
            if kind in require:
                draft.problems.append(_missing_table(path, kind, sources))
            continue
        try:
            table = reader()
        except InputError as error:
            draft.problems.extend(error.problems)
            continue
        draft.warnings.extend(warning.as_text() for warning in table.warnings)
        with line_breaks_said() as said:
            setattr(draft, kind, parse(table, draft.problems))
        if table.wider_rows:
            draft.wider_rows[table.label] = (table.wider_rows, len(table.header))
        draft.warnings.extend(near_misses(table, _SPECS[kind], getattr(draft, kind).columns))
        draft.warnings.extend(warning.as_text() for warning in said[:_MAX_LINE_WARNINGS])
        if len(said) > _MAX_LINE_WARNINGS:
            more = len(said) - _MAX_LINE_WARNINGS
            draft.warnings.append(text("warn_line_breaks_more", file=table.label, n=more))
    settings_file = settings_path if settings_path is not None else sources.settings
    if settings_file is None and path.suffix.lower() in (".xlsx", ".xlsm"):
        # No settings beside a workbook: the file to write is its own (probe s33d: « dans
        # settings.toml », which would apply to every workbook of the folder).
        draft.settings_label = f"{path.stem}.settings.toml"
    if settings_file is not None:
        # A file given (--settings) is named as typed, its control characters escaped:
        # « autre/settings.toml » is not the instance's settings.toml, nor « /dev/zero » a
        # « zero » (probe s40d D5).
        named = printable(str(settings_file)) if settings_path is not None else settings_file.name
        draft.settings_label = named
        try:
            draft.settings = load_settings(settings_file, draft.warnings, named)
        except InputError as error:
            draft.problems.extend(error.problems)
    return draft


def load_instance(
    path: Path,
    *,
    settings_path: Path | None = None,
    require: Collection[str] = (),
) -> Instance:
    """Read and check a whole instance (folder or ``.xlsx`` workbook).

    Parameters
    ----------
    path
        The instance folder, or a workbook whose sheets are named like the files.
    settings_path
        settings.toml to use instead of the instance's own (``--settings``).
    require
        Tables that must be present: a subset of ``{"commissions", "students"}``.

    Returns
    -------
    Instance
        Validated records, the settings in force, and warnings.

    Raises
    ------
    InputError
        With every problem found in every file, when anything is invalid.
    """
    path = Path(path)
    sources = locate_sources(path)
    draft = _read_draft(path, sources, settings_path, require)
    supervisors = _read_supervisors(sources, draft.problems, draft.warnings)
    # Cross-file checks run even when a table has broken rows, so that one run reports
    # everything; ids of broken rows still count as known, to avoid echoing their problems.
    commission_ids = _ids_if_complete(draft.commissions)
    commissions = unify_commissions(draft) if draft.commissions is not None else []
    students: list[Student] = []
    student_columns: frozenset[str] | None = None
    if draft.students is not None and draft.students.complete:
        students = check_students(draft, commission_ids, commissions, draft.students)
        student_columns = present_student_columns(draft.students.columns)
    pairs: list[tuple[int, Pair]] = []
    if draft.pairs is not None:
        pairs = check_pairs(draft, _ids_if_complete(draft.students))
        if draft.students is None and pairs:
            # Their students cannot be checked: said, not « les données sont valides »
            # alone (probe s33d: pairs of unknown students, then `run` refused them).
            draft.warnings.append(text("ld_pairs_unchecked", file=draft.pairs.label))
    settings = check_settings(draft, commission_ids, commissions, student_columns)
    if draft.problems:
        raise InputError(by_file_and_row(shift_noted(draft.problems, draft)))
    for parsed in (draft.commissions, draft.students):
        if parsed is not None:
            warn_ids_alike(draft, parsed)
    if draft.commissions is not None and draft.students is not None:
        warn_unusable_choices(draft, commissions, students, settings)
    if draft.students is not None:
        draft.warnings += conditions_no_one_meets(settings, students, draft.students.label)
    draft.warnings += _day_warnings(draft, sources, supervisors, commissions, settings)
    name = path.stem if path.is_file() else path.resolve().name
    if has_control_characters(name):
        # The name titles the report, the workbook and the calendar: never raw there.
        chars = control_characters(name)
        name = drop_control_characters(name)
        draft.warnings.append(text("ld_name_control_characters", name=name, chars=chars))
    return Instance(
        name=name,
        commissions=tuple(commissions),
        students=tuple(students),
        pairs=tuple(pair for _, pair in pairs),
        commissions_file=sources.labels.get("commissions", "commissions.csv"),
        students_file=sources.labels.get("students", "students.csv"),
        pairs_file=draft.pairs.label if draft.pairs is not None else "pairs.csv",
        pair_headers=_pair_headers(draft.pairs),
        pair_rows=tuple((p.student_a, p.student_b, row) for row, p in pairs),
        settings_file=draft.settings_label,
        settings=settings,
        has_slots=draft.commissions is not None and draft.commissions.columns.has("slots"),
        slots_header=(
            draft.commissions.columns.header.get("slots", "slots")
            if draft.commissions is not None
            else "slots"
        ),
        student_columns=student_columns or frozenset(),
        student_headers=(dict(draft.students.columns.header) if draft.students is not None else {}),
        warnings=tuple(draft.warnings),
        supervisors=supervisors,
        supervisors_file=sources.labels.get("supervisors", "supervisors.csv"),
    )


def _day_warnings(
    draft: InstanceDraft,
    sources: InstanceSources,
    supervisors: tuple[Supervisor, ...] | None,
    commissions: list[Commission],
    settings: Settings,
) -> list[str | Text]:
    """Stage 3's references that hold nothing back (``unmatched_references``) and days
    written with a day of the week not their own (``weekday_slips``)."""
    from matcher.loading.supervisors import unmatched_references, weekday_slips

    files = (
        sources.labels.get("supervisors", "supervisors.csv"),
        sources.labels.get("commissions", "commissions.csv"),
    )
    found: list[str | Text] = []
    if supervisors is not None:
        found += unmatched_references(supervisors, commissions, settings.calendar, files)
    if draft.commissions is not None:
        header = draft.commissions.columns.header.get("slots", "slots")
        commissions_file = draft.commissions.label
        found += weekday_slips(
            draft.commissions.records,
            supervisors or (),
            (files[0], commissions_file),
            header,
            _settings_days(settings),
        )
    return found


def _settings_days(settings: Settings) -> frozenset[str]:
    """The days (ISO) the settings name: slot labels that are days, and ``[calendar]
    dates``, so that a proposal's day read month first may be recognised (probe s19e)."""
    from matcher.text import day_of

    selection, calendar = settings.selection, settings.calendar
    labels = [*selection.required_slots, *(s for group in selection.any_slots for s in group)]
    labels += [calendar.visit_slot, *calendar.oral_slots, *calendar.dates_by_day.values()]
    return frozenset(day for label in labels if (day := day_of(label)) is not None)


def _pair_headers(table: ParsedTable | None) -> tuple[str, str]:
    """pairs.csv's two student columns as written in the file."""
    if table is None:
        return ("student_a", "student_b")
    header = table.columns.header
    return (header["student_a"], header["student_b"])


def _read_supervisors(
    sources: InstanceSources, problems: list[Problem], warnings: list[str | Text]
) -> tuple[Supervisor, ...] | None:
    """The instance's supervisors (stage 3), ``None`` without such a table; the table's
    warnings (control characters dropped from a cell) join ``warnings``."""
    from matcher.loading.supervisors import supervisors_from_table

    reader = sources.readers.get("supervisors")
    if reader is None:
        return None
    try:
        table = reader()
        warnings.extend(warning.as_text() for warning in table.warnings)
        return supervisors_from_table(table)
    except InputError as error:
        problems.extend(error.problems)
        return None


def read_students(path: Path) -> tuple[Student, ...]:
    """Read a students.csv-like file (e.g. arrivals for ``whatif --add-students``).

    Same rules as the instance's students.csv; references to commissions and other students
    are checked by the caller.

    Raises
    ------
    InputError
        With every problem of the file.
    """
    path = Path(path)
    problems: list[Problem] = []
    parsed = parse_students(read_csv(path), problems)
    if problems:
        raise InputError(problems)
    return tuple(student for _, student in parsed.records)


def read_arrivals(
    path: Path,
    instance: Instance,
    warnings: list[str | Text] | None = None,
    label: str | None = None,
) -> tuple[Student, ...]:
    """Read students arriving late (``whatif --add-students``: a CSV file, or a workbook's
    only sheet or its students sheet), checked against the cohort.

    Same rules as the instance's students.csv (``warnings``, when given, receives the
    file's: control characters dropped, an employer taken for an institution, choices
    written twice, …); besides, an id may not be one of the cohort's,
    and choices and pins must name proposals of commissions.csv. Backgrounds, genders and
    employers that fold equal to the cohort's take the cohort's spelling, so
    that they count as the same value. ``label``: the file as messages name it (the path
    typed on the command line: « arrivees/students.csv » is not the cohort's students.csv;
    probe s40d), else its name.

    Raises
    ------
    InputError
        With every problem of the file (file, row, column, what was expected).
    """
    path = Path(path)
    problems: list[Problem] = []
    table = arrivals_table(path, label)
    if warnings is not None:
        opened = open_in_spreadsheet(path)  # changes not saved yet are not read
        warnings.extend([opened] if opened is not None else [])
        warnings.extend(warning.as_text() for warning in table.warnings)
    parsed = parse_students(table, problems)
    if not parsed.complete:
        raise InputError(problems)
    draft = InstanceDraft(students=parsed, problems=problems)
    warn_ids_alike(draft, parsed)  # S20 and s20 among the arrivals (probe s36g: no word)
    commission_ids = {c.id for c in instance.commissions} if instance.commissions else None
    arrivals = check_students(
        draft,
        commission_ids,
        list(instance.commissions),
        parsed,
        instance.commissions_file,
        cohort_choices=any(s.choices for s in instance.students),
    )
    known = IdIndex(s.id for s in instance.students)
    id_header = parsed.columns.header["id"]
    for (number, _), student in zip(parsed.records, arrivals, strict=True):
        clash = known.resolve(student.id)
        if clash is not None:
            problems.append(
                Problem(
                    parsed.label,
                    text("ld_already_in_cohort", id=student.id, clash=clash),
                    row=number,
                    column=id_header,
                )
            )
    if problems:
        raise InputError(by_file_and_row(problems))
    if warnings is not None:
        warnings.extend(draft.warnings)
    spelling = _cohort_spelling(instance, arrivals)
    aside = _set_aside(instance, parsed, warnings)
    unified = []
    for student in arrivals:
        update = {
            attribute: names[category_key(value)]
            for attribute, names in spelling.items()
            if (value := getattr(student, attribute))
        }
        unified.append(student.model_copy(update={**update, **aside}))
    return tuple(unified)


#: The students' attributes an arrivals file may give that the cohort's file may lack, and
#: the value of a student without it.
_COHORT_ATTRIBUTES: dict[str, object] = {
    "vae": False,
    "employed": False,
    "gender": None,
    "experience_years": None,
}


def _set_aside(
    instance: Instance, parsed: ParsedTable, warnings: list[str | Text] | None
) -> dict[str, object]:
    """The attributes an arrivals file gives whose column the cohort's students file lacks,
    as a student without them has them: set aside, said (probe s35f: a VAE column among the
    arrivals had every student of the cohort written « no », known of none of them)."""
    if not instance.students:
        return {}
    given = present_student_columns(parsed.columns)
    aside = {
        name: empty
        for name, empty in _COHORT_ATTRIBUTES.items()
        if name in given and name not in instance.student_columns
    }
    lacking = [
        name
        for name in _COHORT_ATTRIBUTES
        if name in instance.student_columns and name not in given
    ]
    if lacking and warnings is not None:
        # Probe s36g: an arrivals file without the VAE and employment columns had its
        # students balanced as « no » for both without a word.
        warnings.append(
            counted(
                "ld_arrivals_column_lacking",
                len(lacking),
                file=parsed.label,
                columns=Listing(
                    tuple(
                        text("quoted", value=instance.student_headers.get(name) or text(name))
                        for name in lacking
                    )
                ),
                students=instance.students_file,
                how=Listing(tuple(text(f"ld_arrivals_lacking_{name}") for name in lacking)),
            )
        )
    if aside and warnings is not None:
        columns = Listing(
            tuple(text("quoted", value=parsed.columns.header[name]) for name in aside)
        )
        warnings.append(
            counted(
                "ld_arrivals_column_aside",
                len(aside),
                file=parsed.label,
                columns=columns,
                students=instance.students_file,
            )
        )
    return aside


def _cohort_spelling(
    instance: Instance, arrivals: tuple[Student, ...] | list[Student]
) -> dict[str, dict[str, str]]:
    """Attribute → folded value → the spelling of the cohort (first met; arrivals after)."""
    return {
        "background": canonical_spelling(
            [s.background for s in instance.students] + [s.background for s in arrivals]
        ),
        "gender": canonical_spelling(
            [s.gender for s in (*instance.students, *arrivals) if s.gender]
        ),
        "employer": canonical_spelling(
            [c.institution for c in instance.commissions]
            + [s.employer for s in (*instance.students, *arrivals) if s.employer]
        ),
    }


#: The warnings about choices and pins of proposals that can never be selected.
_UNUSABLE_CHOICES = ("ld_choice_unselectable", "ld_more_unselectable", "ld_pinned_unselectable")


def unusable_choices_now(instance: Instance) -> tuple[str | Text, ...]:
    """``instance``'s warnings with those about choices and pins of proposals that can never
    be selected made again for its students: a what-if's cohort names neither the students
    who withdrew nor counts them, and names those who arrived (in place of the first)."""
    draft = InstanceDraft(settings=instance.settings)
    if instance.commissions and instance.students:
        commissions, students = list(instance.commissions), list(instance.students)
        warn_unusable_choices(draft, commissions, students, instance.settings)
    said = [isinstance(w, Text) and w.key in _UNUSABLE_CHOICES for w in instance.warnings]
    kept = [w for w, old in zip(instance.warnings, said, strict=True) if not old]
    at = said.index(True) if True in said else len(kept)
    return (*kept[:at], *draft.warnings, *kept[at:])
