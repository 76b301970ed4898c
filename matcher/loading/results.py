"""Reading a result: selection.csv, teams.csv and result.xlsx, in one place.

A result is what ``run``, ``select``, ``assign``, ``whatif`` or ``report`` wrote
(:mod:`matcher.outputs.writers`), possibly edited by hand in a spreadsheet: selection.csv
and teams.csv are read with the same tolerance as the instance's files (column aliases, any
usual CSV dialect, ids up to case and accents, the ``'`` that guards a formula-like cell
removed) and checked against the instance. The director may edit result.xlsx instead
(contract §8): its ``Students``/``Étudiants`` sheet gives the teams (``commission_id``
column) and its ``Selection``/``Sélection`` sheet the selection (``selected`` in the
workbook's language: oui/non, yes/no). :func:`read_result` takes a result folder or the
workbook itself; in a folder, a CSV file wins over the workbook, with a warning when both
give different teams. summary.json is read by :mod:`matcher.loading.summary`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from matcher.eligibility import eligibility
from matcher.errors import InputError, Problem, UsageError
from matcher.labels import Text, counted, listing, text
from matcher.loading.agreeing import agreeing_rows
from matcher.loading.columns import (
    SELECTION_COLUMNS,
    TEAM_LIST_COLUMNS,
    MappedColumns,
    header_reader,
    map_columns,
)
from matcher.loading.crossrefs import preview
from matcher.loading.dated_ids import DatedIds
from matcher.loading.file_bytes import open_in_spreadsheet, present, read_file_bytes
from matcher.loading.id_index import IdIndex
from matcher.loading.other_cohort import refuse_another_cohort
from matcher.loading.reasons import reason_read_back
from matcher.loading.records import RowReader, report_duplicate_ids, row_readers, validated
from matcher.loading.result_book import (
    SELECTION_SHEETS,
    STUDENT_SHEETS,
    Members,
    book_tables,
    cohort_books,
    no_student_sheet,
    other_books,
    sheet_teams,
    team_sheets_moved,
    unread_books,
)
from matcher.loading.tables import (
    RawTable,
    read_csv,
    unreadable_cells,
)
from matcher.loading.team_list import not_a_proposal, teams_from_table
from matcher.results import SelectionRow
from matcher.schemas import Commission, Instance
from matcher.text import strip_formula_guard

#: The files of a result folder read here.
SELECTION_CSV = "selection.csv"
TEAMS_CSV = "teams.csv"
RESULT_BOOK = "result.xlsx"

# --- selection.csv ------------------------------------------------------------------------


def _selection_row(
    row: RowReader,
    columns: MappedColumns,
    index: IdIndex | None,
    by_id: dict[str, Commission],
    instance: Instance,
    ids: list[tuple[int, str]],
    gone: list[str],
    dated: DatedIds,
) -> SelectionRow | None:
    """One row of selection.csv (``None`` when it has problems, recorded on ``row``, or
    when it is a proposal not selected that commissions.csv no longer has: added to
    ``gone``).

    Without an instance's commissions.csv (``index`` is ``None``), the row describes its
    proposal, which is added to ``by_id``.
    """
    settings, file = instance.settings.selection, instance.commissions_file
    ref = row.required("id", "ld_what_proposal_id")
    id_ = ref if index is None else dated.resolve(index, ref, row.number, columns.header["id"])
    selected = row.boolean("selected")
    if id_ is None and ref and row.ok and not selected:
        # A proposal withdrawn from commissions.csv since the result, which it did not
        # select: the result stands without it (one reserve fewer), with a warning.
        gone.append(ref)
        return None
    if id_ is None:
        row.problem("id", not_a_proposal(ref, index, file))
        return None
    ids.append((row.number, id_))
    reserve_rank = row.integer("reserve_rank", minimum=1)
    if index is None:
        values = {
            "id": id_,
            "institution": row.required("institution", "ld_what_institution"),
            "sector": row.required("sector", "ld_what_sector"),
            "problem_type": row.required("problem_type", "ld_what_problem_type"),
        }
        commission = validated(row, Commission, values)
        if commission is not None:
            by_id[id_] = commission
    written = row.boolean("eligible") if columns.has("eligible") else None
    reason = reason_read_back(row.text("reason"), by_id.get(id_), instance.settings)
    if index is not None and id_ in by_id:
        # As the cohort's files and settings say now, not as the file was written (probe
        # s35a: a proposal no longer available kept « eligible yes, reserve 1 », one now
        # available « not available: visit », and a what-if passed it over).
        fate = eligibility(by_id[id_], settings, instance.settings.calendar)
        eligible = fate.eligible
        if not eligible and not selected:
            reason, reserve_rank = fate.reason, None
        elif eligible and written is False and not selected:
            # A reserve now, ranked after the others (the selection did not rank it).
            reason = text("reason_reserve", rank=0, why=text("why_eligible_since"))
            reserve_rank = None
    else:
        eligible = True if written is None else written
    if not row.ok:
        return None
    return SelectionRow(
        id=id_,
        eligible=eligible,
        selected=selected,
        reserve_rank=None if selected else reserve_rank,
        reason=reason,
    )


def read_selection(
    path: Path, instance: Instance, warnings: list[Text] | None = None
) -> tuple[tuple[Commission, ...], tuple[SelectionRow, ...]]:
    """Read a selection.csv (as written by ``select``, possibly edited in a spreadsheet).

    Returns
    -------
    commissions, rows
        Every commission (the instance's when it has commissions.csv, else rebuilt from the
        file's id/institution/sector/problem_type columns) and one row per proposal of the
        file, in file order; proposals of the instance absent from the file follow, not
        selected.

    A workbook (``.xlsx``, e.g. an edited result.xlsx) is read from its Selection sheet
    (``Sélection`` in French), as ``check`` and ``whatif --from`` read it; what is said
    about that sheet (read under another name) is added to ``warnings`` when given.

    Raises
    ------
    InputError
        Unknown or duplicate id, missing column, a cell that is not yes/no, no proposal
        marked selected, or a workbook without a Selection sheet.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet, _, said, _ = book_tables(path)
        if sheet is None:
            raise InputError([Problem(path.name, text("res_book_no_selection"))])
        read = selection_from_table(sheet, instance, warnings)
        if warnings is not None:
            warnings += said.get(SELECTION_SHEETS, [])
        return read
    return selection_from_table(result_csv(path, SELECTION_COLUMNS), instance, warnings)


def selection_from_table(
    table: RawTable, instance: Instance, warnings: list[Text] | None = None
) -> tuple[tuple[Commission, ...], tuple[SelectionRow, ...]]:
    """:func:`read_selection` of a table already read (a CSV file or a workbook sheet);
    proposals it lists, not selected, that commissions.csv no longer has are left out, said
    in ``warnings`` when given."""
    problems: list[Problem] = []
    known = instance.commissions
    required = (
        ("id", "selected") if known else ("id", "institution", "sector", "problem_type", "selected")
    )
    columns = map_columns(table, SELECTION_COLUMNS, required, problems)
    if problems:
        raise InputError(problems)
    index = IdIndex(c.id for c in known) if known else None
    by_id = {c.id: c for c in known}
    settings = instance.settings.selection
    rows: list[SelectionRow] = []
    ids: list[tuple[int, str]] = []
    gone: list[str] = []
    dated = DatedIds(table.label)
    for row in row_readers(table, columns, problems):
        selection_row = _selection_row(row, columns, index, by_id, instance, ids, gone, dated)
        if selection_row is not None:
            rows.append(selection_row)
    if warnings is not None:
        # Notes typed beside the rows, control characters dropped (tables.table_from_cells).
        warnings += [warning.as_text() for warning in table.warnings] + dated.warnings()
    if gone and warnings is not None:
        warnings.append(
            counted("res_proposals_gone", len(gone), ids=preview(gone), file=table.label)
        )
    report_duplicate_ids(table.label, ids, columns.header["id"], problems)
    if not problems and not any(r.selected for r in rows):
        problems.append(
            Problem(
                table.label,
                text("res_none_selected"),
                column=columns.header["selected"],
            )
        )
    if problems:
        raise InputError(problems)
    # Without commissions.csv, the proposals are those the file describes (in file order).
    commissions = tuple(known) if known else tuple(by_id.values())
    listed = {r.id for r in rows}
    for commission in commissions:
        if commission.id not in listed:
            fate = eligibility(commission, settings, instance.settings.calendar)
            # Not eligible: why, as the cohort says (probe s35a: « absent from choix.csv »).
            absent: str | Text = fate.reason
            if fate.eligible:
                absent = text(
                    "reason_reserve", rank=0, why=text("why_absent_from_file", file=table.label)
                )
            rows.append(SelectionRow(commission.id, fate.eligible, False, None, absent))
    return commissions, agreeing_rows(instance, commissions, rows)


# --- teams.csv ----------------------------------------------------------------------------


def read_teams(
    path: Path,
    instance: Instance,
    warnings: list[Text] | None = None,
    before: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Read a teams.csv (as written by ``assign``, possibly edited): student id → commission id.

    A student of the cohort absent from the file, or a row with an empty commission, is not
    an error here: ``check`` reports the student as unassigned.

    Raises
    ------
    InputError
        Missing column, unknown student, a student listed twice, or a commission id absent
        from the instance's commissions.csv.
    """
    return teams_from_table(result_csv(Path(path), TEAM_LIST_COLUMNS), instance, warnings, before)


# --- A result: a folder, or the workbook itself -------------------------------------------


def result_csv(path: Path, columns: Mapping[str, tuple[str, ...]] | None = None) -> RawTable:
    """A CSV file of a result, with the ``'`` that guards formula-like cells removed. With
    ``columns`` (its spec), a spreadsheet error in a column it does not read (one a director
    added) is said, not refused (probe s34f: the whole result was refused)."""
    table = read_csv(path, read=None if columns is None else header_reader(columns))
    rows = tuple((n, tuple(strip_formula_guard(c) for c in cells)) for n, cells in table.rows)
    header = tuple(strip_formula_guard(c) for c in table.header)
    return RawTable(table.label, header, rows, table.warnings, table.header_row)


@dataclass(frozen=True)
class ResultFiles:
    """Where a result's parts are: a folder (CSV files, result.xlsx), or a workbook alone."""

    #: The folder of the result (the workbook's folder when the workbook is given): its
    #: summary.json records the solver's values and a what-if's changes.
    folder: Path
    selection_csv: Path | None
    teams_csv: Path | None
    book: Path | None
    #: The workbook was given itself (``--from res/result.xlsx``): its sheets are the
    #: result, the CSV files beside it are not read.
    book_given: bool = False

    @property
    def has_selection(self) -> bool:
        """Whether a selection can be read (selection.csv, or a workbook to look in)."""
        return self.selection_csv is not None or self.book is not None

    @property
    def has_teams(self) -> bool:
        """Whether teams can be read (teams.csv, or a workbook to look in)."""
        return self.teams_csv is not None or self.book is not None


def holds_teams(files: ResultFiles) -> bool:
    """Whether the result has teams: a teams.csv, or a Students sheet in its workbook
    (``select`` writes a result.xlsx without one: its teams do not exist yet). A workbook
    that cannot be read counts as holding them, so that reading it says why."""
    if files.teams_csv is not None:
        return True
    if files.book is None:
        return False
    try:
        return book_tables(files.book)[1] is not None
    except InputError:
        return True


#: Files of a result folder (or such text files) that are not the result itself.
_ONE_FILE_OF_A_RESULT = frozenset({".csv", ".tsv", ".txt", ".json", ".html", ".htm", ".ics"})


def result_files(path: Path) -> ResultFiles:
    """The parts of the result at ``path``: a result folder, or a result.xlsx file."""
    from matcher.outputs.staging import restore_missing

    path = Path(path)
    restore_missing(path)  # a run killed as it replaced this folder: the old one back
    if path.is_file() and path.suffix.casefold() in _ONE_FILE_OF_A_RESULT:
        # `--result res/teams.csv`: read as a workbook, it was "not a readable .xlsx
        # workbook (BadZipFile)"; the result is its folder.
        raise UsageError(text("result_one_file", file=path, folder=path.parent))
    # A FIFO or a device given as the workbook is no folder: read as the workbook, and
    # refused as unreadable, rather than searched for selection.csv.
    if path.is_file() or (path.exists() and not path.is_dir()):
        return ResultFiles(path.parent, None, None, path, book_given=True)
    selection = path / SELECTION_CSV
    teams = path / TEAMS_CSV
    book = path / RESULT_BOOK
    # Anything of those names counts, even a folder or a link to nowhere: it is read and
    # refused, naming it, rather than taken as absent (no rule dropped silently).
    return ResultFiles(
        path,
        selection if present(selection) else None,
        teams if present(teams) else None,
        book if present(book) else None,
    )


@dataclass(frozen=True)
class ResultRead:
    """A result as read: its selection and teams (``None`` when it has none), the file each
    came from (to name it in messages) and warnings about what was chosen."""

    folder: Path
    selection: tuple[tuple[Commission, ...], tuple[SelectionRow, ...]] | None = None
    selection_source: Path | None = None
    assignment: dict[str, str] | None = None
    teams_source: Path | None = None
    warnings: tuple[Text, ...] = ()


def _differing(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """Students placed differently by two team lists (a student absent counts as ``—``)."""
    return sorted(s for s in set(first) | set(second) if first.get(s) != second.get(s))


def _selections_differ(
    selection: tuple[tuple[Commission, ...], tuple[SelectionRow, ...]],
    book_table: RawTable,
    instance: Instance,
    csv: Path,
    book: Path,
    option: str,
) -> list[Text]:
    """A warning when the workbook's Selection sheet selects other commissions than
    selection.csv, which wins (as teams.csv wins over the Students sheet): a director who
    edited the workbook's selection learns that it was not read."""
    try:
        _, book_rows = selection_from_table(book_table, instance)
    except InputError as error:
        return [book_unread(book, error)]
    in_csv = [r.id for r in selection[1] if r.selected]
    in_book = [r.id for r in book_rows if r.selected]
    added = [i for i in in_book if i not in in_csv]
    removed = [i for i in in_csv if i not in in_book]
    if not added and not removed:
        return []
    if added and removed:
        why = text(
            "result_selection_instead",
            book=book.name,
            added=listing(added),
            removed=listing(removed),
        )
    elif added:
        why = text("result_selection_also", book=book.name, added=listing(added))
    else:
        why = text("result_selection_not", book=book.name, removed=listing(removed))
    said = text("result_selection_differ", csv=csv.name, book=book.name, why=why, option=option)
    return [said]


def book_unread(book: Path, error: InputError) -> Text:
    """The warning that the workbook ``book`` beside the CSV files is not read, naming the
    first problem of ``error`` (probe s38a: an unknown id typed in its Students sheet, a
    start of « 25:00 » in its Schedule sheet, said « could not be read » with no cell)."""
    if not error.problems:
        return text("result_book_unread", book=book.name)
    first = error.problems[0].as_text()
    if error.problems[0].row is None:  # the file itself (not a workbook, damaged)
        return text("result_book_unread_why", book=book.name, first=first)
    if len(error.problems) == 1:
        return text("result_book_unread_cell", book=book.name, first=first)
    return text("result_book_unread_cells", book=book.name, first=first, n=len(error.problems))


def _book_unread(error: InputError, book: Path, needed: bool) -> Text:
    """The warning on a workbook beside the CSV files that could not be read, or ``error``
    raised: when the result needs it (``needed``), when it names cells (a formula without
    a saved value, #N/A, a cell too large: probe s37a, « could not be read », the edit it
    held dropped), or when the file itself cannot be read (a folder, a link to nowhere, no
    permission, a FIFO: contract §2, it may hold the director's edits). One that opens but
    is no workbook only gets the warning, the CSV files being what the result is read from."""
    if needed or unreadable_cells(error):
        raise error
    read_file_bytes(book, book.name)
    return book_unread(book, error)


def read_result(
    path: Path, instance: Instance, *, teams: bool = True, option: str = "--result"
) -> ResultRead:
    """The selection and teams of the result at ``path`` (a folder, or result.xlsx itself).

    In a folder, selection.csv and teams.csv are read when present; a part without its CSV
    file comes from result.xlsx (Selection / Students sheet) when the folder holds one. When
    teams.csv and the workbook's Students sheet both exist and give different teams, teams.csv
    wins and a warning names both files and a student who differs. ``teams=False`` reads the
    selection only. ``instance`` is the cohort of the result
    (:func:`matcher.whatif.cohort_of_result`); ``option`` the command's option that names
    the result (``--from`` for ``whatif``), which the warnings advise.

    Raises
    ------
    InputError
        A part that cannot be read as a selection or a team list of ``instance`` (or a
        workbook that cannot be read when a part must come from it).
    """
    files = result_files(path)
    # The director's edits saved in another workbook would be ignored without a word.
    warnings: list[Text] = unread_books(path, files.book, cohort_books(instance))
    # A file open in LibreOffice or Excel may hold changes not saved yet (its lock file).
    parts = (files.selection_csv, files.teams_csv if teams else None, files.book)
    warnings += [w for p in parts if p is not None and (w := open_in_spreadsheet(p))]
    book_selection: RawTable | None = None
    book_teams: RawTable | None = None
    said: dict[tuple[str, ...], list[Text]] = {}
    members: Members = {}
    book = files.book.name if files.book is not None else RESULT_BOOK
    if files.book is not None:
        need_book = files.selection_csv is None or (teams and files.teams_csv is None)
        try:
            book_selection, book_teams, said, members = book_tables(files.book)
        except InputError as error:
            warnings.append(_book_unread(error, files.book, need_book))
    selection = None
    selection_source = None
    if files.selection_csv is not None:
        table = _of_the_cohort(files.selection_csv, instance, path, teams=False)
        selection = selection_from_table(table, instance, warnings)
        selection_source = files.selection_csv
        if book_selection is not None and files.book is not None:
            warnings += _selections_differ(
                selection, book_selection, instance, files.selection_csv, files.book, option
            )
    elif book_selection is not None and files.book is not None:
        refuse_another_cohort(book_selection, instance, path, teams=False)
        selection = selection_from_table(book_selection, instance, warnings)
        selection_source = files.book
        warnings += said.get(SELECTION_SHEETS, [])
    if selection is not None and not instance.commissions:
        # No commissions.csv in the instance: the selection describes the proposals.
        instance = instance.model_copy(update={"commissions": selection[0]})
    assignment = None
    teams_source = None
    if teams and files.teams_csv is not None:
        # The team sheets of the workbook beside it, as written before the edit: a row
        # whose commission_id alone was changed is the documented edit (probe s33e).
        table = _of_the_cohort(files.teams_csv, instance, path, teams=True)
        before = _sheets_before(members, instance, files.teams_csv)
        assignment = teams_from_table(table, instance, warnings, before)
        teams_source = files.teams_csv
        if book_teams is not None and files.book is not None:
            try:
                edited = teams_from_table(book_teams, instance)
            except InputError as error:
                if unreadable_cells(error):
                    raise
                warnings.append(book_unread(files.book, error))
            else:
                differing = _differing(assignment, edited)
                moved = None if differing else team_sheets_moved(book, members, assignment)
                warnings += [moved] if moved is not None else []
                if differing:
                    student = differing[0]
                    warnings.append(
                        counted(
                            "result_teams_differ",
                            len(differing),
                            csv=files.teams_csv.name,
                            book=files.book.name,
                            student=student,
                            in_csv=assignment.get(student, "—"),
                            in_book=edited.get(student, "—"),
                            option=option,
                        )
                    )
    elif teams and book_teams is not None and files.book is not None:
        refuse_another_cohort(book_teams, instance, path, teams=True)
        assignment = _book_teams(book_teams, instance, book, members, warnings)
        teams_source = files.book
        warnings += said.get(STUDENT_SHEETS, [])
    elif teams and selection is not None:
        _teams_lost(files, members, selection[0], cohort_books(instance))
    return ResultRead(
        files.folder, selection, selection_source, assignment, teams_source, tuple(warnings)
    )


def _of_the_cohort(csv: Path, instance: Instance, result: Path, *, teams: bool) -> RawTable:
    """The result's teams.csv (``teams``) or selection.csv, read as a table, refused when it
    is another cohort's: said once, naming the folder (probe s40c: one « did you mean » per
    row, the folder never named)."""
    table = result_csv(csv, TEAM_LIST_COLUMNS if teams else SELECTION_COLUMNS)
    refuse_another_cohort(table, instance, result, teams=teams)
    return table


def _teams_lost(
    files: ResultFiles, members: Members, commissions: Sequence[Commission], cohort: frozenset[str]
) -> None:
    """Refuses a result without teams whose teams exist: its workbook lost the sheet they are
    read from (``no_student_sheet``), or a folder holding neither teams.csv nor result.xlsx
    while its summary.json records teams (probe s36b: read as a selection alone, ``check``
    said every rule held, ``report`` dropped the teams; the edits saved as result.ods)."""
    from matcher.loading.summary import recorded_team_ids

    folder = files.folder
    if files.book is not None:
        no_student_sheet(files.book, folder, members, commissions)
    elif recorded_team_ids(folder) is not None:
        # A workbook beside it, named (probe s39d: teams.xlsx, teams.csv kept as Excel).
        books = other_books(folder, None, cohort)
        said = (
            counted(
                "result_teams_missing_books",
                len(books),
                teams=TEAMS_CSV,
                book=RESULT_BOOK,
                books=listing(books),
            )
            if books
            else text("result_teams_missing", teams=TEAMS_CSV, book=RESULT_BOOK)
        )
        raise InputError(Problem(str(folder), said))


def _book_teams(
    table: RawTable, instance: Instance, book: str, members: Members, warnings: list[Text]
) -> dict[str, str]:
    """The teams of result.xlsx read without teams.csv: its Students sheet. A student whose
    row there was edited (commission_id changed, its institution cell still their team
    sheet's) is the documented edit; one whose row was left as it was while a team sheet
    lists them elsewhere was moved on the team sheets, which are not read: said (probe
    s27)."""
    # The Students sheet as read first, quietly, to tell apart titles cut alike.
    placed = teams_from_table(table, instance) if members else None
    before = sheet_teams(members, (c.id for c in instance.commissions), placed)
    edited: set[str] = set()
    assignment = teams_from_table(table, instance, warnings, before, edited)
    moved = team_sheets_moved(book, members, assignment, edited)
    warnings += [moved] if moved is not None else []
    return assignment


def _sheets_before(members: Members, instance: Instance, teams_csv: Path) -> dict[str, str] | None:
    """The team each team sheet of result.xlsx lists a student in (``sheet_teams``), teams.csv
    read first, quietly, to tell apart titles cut alike; ``None`` without team sheets."""
    if not members:
        return None
    placed = read_teams(teams_csv, instance)
    return sheet_teams(members, (c.id for c in instance.commissions), placed)
