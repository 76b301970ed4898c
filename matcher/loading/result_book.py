"""The sheets of result.xlsx read as a result's tables (contract §8): its Selection /
Sélection sheet and its Students / Étudiants sheet, found by name in either language, or,
when a director renamed or copied one, by the columns it holds.
:mod:`matcher.loading.results` reads them as selection.csv and teams.csv.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path

from matcher.errors import InputError, Problem
from matcher.labels import Text, counted, listing, text
from matcher.loading.cell_controls import column_letter
from matcher.loading.columns import (
    SCHEDULE_COLUMNS,
    SELECTION_COLUMNS,
    TEAM_LIST_COLUMNS,
    alias_index,
    column_named,
    header_reader,
)
from matcher.loading.tables import RawTable, table_from_cells
from matcher.loading.workbooks import merged_ranges, read_workbook
from matcher.schemas import Commission, Instance
from matcher.text import SHEET_LOOKALIKES, fold_header

#: Sheet names of result.xlsx (folded, both languages: matcher.labels sheet_students, …).
STUDENT_SHEETS = ("students", "etudiants")
SELECTION_SHEETS = ("selection",)
#: Headers of the Selection sheet as result.xlsx words them (folded, both languages) → the
#: column of selection.csv they hold; the Students sheet carries teams.csv's own headers.
_SELECTION_SHEET_HEADERS = {
    "code": "id",
    "retenue": "selected",
    "eligible": "eligible",
    "rang_de_reserve": "reserve_rank",
    "reserve_rank": "reserve_rank",
    "motif": "reason",
    "problematique": "problem_type",
    "problem_type": "problem_type",
    "secteur": "sector",
}


#: The Schedule sheet of a plan (folded, both languages: matcher.labels) and its headers that
#: schedule.csv words otherwise (the French "Commande" is its ``commission_id``).
SCHEDULE_SHEETS = ("schedule", "calendrier")
_SCHEDULE_SHEET_HEADERS = {"commande": "commission_id"}


def _sheet(sheets: dict[str, list[tuple[int, list[str]]]], names: tuple[str, ...]) -> str | None:
    """The first sheet whose folded name is one of ``names``."""
    return next((title for title in sheets if fold_header(title) in names), None)


def _headed(table: RawTable, headers: dict[str, str]) -> RawTable:
    """``table`` with the headers the workbook words its own way (folded, ``headers``)
    renamed as the CSV file words them."""
    header = tuple(headers.get(fold_header(h), h) for h in table.header)
    return RawTable(
        table.label, header, table.rows, table.warnings, table.header_row, written=table.header
    )


def schedule_table(book: Path, warnings: list[Text] | None = None) -> RawTable | None:
    """The Schedule (Calendrier) sheet of result.xlsx as schedule.csv's table, labelled
    ``result.xlsx (Calendrier)``; ``None`` when the workbook has none. A sheet renamed by
    the director (« Planning 2026 ») is the one holding its columns, said in ``warnings``
    when given (probe s39d: the plan, edits and all, was taken as absent, « no plan »).

    Raises
    ------
    InputError
        No sheet named so, and several hold its columns.
    """
    sheets = read_workbook(book)
    title = _sheet(sheets, SCHEDULE_SHEETS)
    if title is not None and warnings is not None:
        warnings += _copies(book, sheets, SCHEDULE_SHEETS, title)
    if title is None:
        title = _renamed_sheet(book, sheets, SCHEDULE_SHEETS)
        if title is not None and warnings is not None:
            warnings.append(text(_SHEET_WORDS[SCHEDULE_SHEETS][0], book=book.name, sheet=title))
    if title is None:
        return None
    read = header_reader(SCHEDULE_COLUMNS, _SCHEDULE_SHEET_HEADERS)
    table = table_from_cells(f"{book.name} ({title})", sheets[title], workbook=True, read=read)
    return _headed(table, _SCHEDULE_SHEET_HEADERS)


#: Columns (folded, as the sheet's header maps them) by which a sheet renamed by a person
#: is still known as the Selection or the Students sheet.
_SHEET_COLUMNS = {
    SELECTION_SHEETS: ("id", "selected"),
    STUDENT_SHEETS: ("student_id", "commission_id"),
    SCHEDULE_SHEETS: ("event", "commission_id", "start", "end"),
}
#: The columns read in each sheet (their headers as the workbook words them, or the CSV's).
_SHEET_READS = {
    SELECTION_SHEETS: header_reader(SELECTION_COLUMNS, _SELECTION_SHEET_HEADERS),
    STUDENT_SHEETS: header_reader(TEAM_LIST_COLUMNS),
}
#: What is said of such a sheet: (found under another name, several such sheets).
_SHEET_WORDS = {
    SELECTION_SHEETS: ("result_sheet_selection", "result_sheets_several_selection"),
    STUDENT_SHEETS: ("result_sheet_students", "result_sheets_several_students"),
    SCHEDULE_SHEETS: ("result_sheet_schedule", "result_sheets_several_schedule"),
}
#: The Schedule sheet's headers as any accepted name of schedule.csv's columns words them
#: (``Événement``, ``Commande``, ``Début``: the sheet is in the reader's language).
_SCHEDULE_NAMES = alias_index(SCHEDULE_COLUMNS)


def _column_of(header: str, names: tuple[str, ...]) -> str:
    """The column of the ``names`` sheet a header of it names (folded when none)."""
    if names is SCHEDULE_SHEETS:
        return column_named(header, _SCHEDULE_NAMES) or fold_header(header)
    return _SELECTION_SHEET_HEADERS.get(fold_header(header), fold_header(header))


def _sheets_with_columns(
    sheets: dict[str, list[tuple[int, list[str]]]], names: tuple[str, ...]
) -> list[str]:
    """The sheets whose header holds the columns of the ``names`` sheet."""
    wanted = set(_SHEET_COLUMNS[names])
    holding = []
    for title, records in sheets.items():
        first = next((cells for _, cells in records if any(c.strip() for c in cells)), [])
        header = {_column_of(c, names) for c in first}
        if wanted <= header:
            holding.append(title)
    return holding


#: What is said of copies of a sheet beside it, read from it: the teams, the selection or
#: the plan.
_COPIES_WORDS = {
    SELECTION_SHEETS: "result_selection_copies",
    STUDENT_SHEETS: "result_sheet_copies",
    SCHEDULE_SHEETS: "result_plan_copies",
}


def _copies(
    book: Path, sheets: dict[str, list[tuple[int, list[str]]]], names: tuple[str, ...], title: str
) -> list[Text]:
    """Said of the copies of the sheet ``title`` the director may have edited instead
    (« Étudiants (2) », and since session 40 « Calendrier (2) » and « Sélection (2) »,
    read as nothing without a word): they are not read."""
    others = [t for t in _sheets_with_columns(sheets, names) if t != title]
    if not others:
        return []
    # « the sheet Étudiants (2) also has », one copy (probe s36b: « the sheets »).
    quoted = listing([text("quoted", value=t) for t in others])
    values = {"book": book.name, "sheet": title}
    return [counted(_COPIES_WORDS[names], len(others), others=quoted, **values)]


def _renamed_sheet(
    book: Path, sheets: dict[str, list[tuple[int, list[str]]]], names: tuple[str, ...]
) -> str | None:
    """The sheet holding the columns of the ``names`` sheet when none bears its name (a
    director renamed or copied it: "Étudiants (2)"), rather than reading no teams at all;
    ``None`` when no sheet holds them.

    Raises
    ------
    InputError
        When several sheets hold them: which one is the director's is not guessed.
    """
    holding = _sheets_with_columns(sheets, names)
    if len(holding) > 1:
        several = _SHEET_WORDS[names][1]
        raise InputError(Problem(book.name, text(several, sheets=", ".join(holding))))
    return holding[0] if holding else None


#: The students each other sheet of result.xlsx lists: sheet title → column A's ids from
#: row 2 down to a blank cell (a team sheet's members).
Members = dict[str, tuple[str, ...]]


def _members(sheets: dict[str, list[tuple[int, list[str]]]]) -> Members:
    listed: Members = {}
    for title, records in sheets.items():
        ids: list[str] = []
        for _, cells in records[1:]:
            if not cells or not cells[0].strip():
                break
            ids.append(cells[0].strip())
        listed[title] = tuple(ids)
    return listed


def book_tables(
    book: Path,
) -> tuple[RawTable | None, RawTable | None, dict[tuple[str, ...], list[Text]], Members]:
    """(Selection sheet, Students sheet) of result.xlsx as tables (``None`` when absent),
    the warnings about each (found under another name, copies left unread), to be said
    when that part is read from the workbook, and the students each sheet lists.

    Tables are labelled ``result.xlsx (Étudiants)`` so that a problem names the sheet too;
    rows are numbered as the spreadsheet shows them.
    """
    sheets = read_workbook(book)
    merged = merged_ranges(book)
    found: list[RawTable | None] = []
    said: dict[tuple[str, ...], list[Text]] = {SELECTION_SHEETS: [], STUDENT_SHEETS: []}
    for names in (SELECTION_SHEETS, STUDENT_SHEETS):
        warnings = said[names]
        title = _sheet(sheets, names)
        if title is not None:
            warnings += _copies(book, sheets, names, title)
        if title is None:
            title = _renamed_sheet(book, sheets, names)
            if title is not None:
                warnings.append(text(_SHEET_WORDS[names][0], book=book.name, sheet=title))
        if title is None:
            found.append(None)
            continue
        # A spreadsheet error in a column the director added is said, not refused.
        read = _SHEET_READS[names]
        table = table_from_cells(f"{book.name} ({title})", sheets[title], workbook=True, read=read)
        _no_rows_merged(merged.get(title, []), table)
        if names is SELECTION_SHEETS:
            table = _headed(table, _SELECTION_SHEET_HEADERS)
        found.append(table)
    return found[0], found[1], said, _members(sheets)


def _no_rows_merged(merged: list[tuple[int, int, int, int]], table: RawTable) -> None:
    """Refuses cells of the Selection or Students sheet merged over its rows: read as an
    instance file reads them (the value on each row), one retyped commission moved every
    student below it (probe s31f: C14:C15 merged moved E014 to P02, unsaid); merged across
    a row's columns, the team left empty was said « S001 has no team » (probe s31g). Not
    merges in the heading, or in columns beyond the table's (a director's notes). ``merged``:
    the sheet's merged cells (``merged_ranges``)."""
    for first_col, first_row, last_col, last_row in merged:
        if last_row <= table.header_row or first_col > len(table.header):
            continue
        cells = f"{column_letter(first_col - 1)}{first_row}:{column_letter(last_col - 1)}{last_row}"
        column = table.header[first_col - 1] if first_col - 1 < len(table.header) else None
        message = text("result_merged_rows", cells=cells)
        raise InputError(Problem(table.label, message, row=max(first_row, 2), column=column))


def no_student_sheet(
    book: Path, folder: Path, members: Members, commissions: Iterable[Commission]
) -> None:
    """Refuses a result whose teams exist but whose workbook ``book`` lost the sheet they
    are read from: team sheets listing students, or a summary.json in ``folder`` recording
    teams (probe s30a: the Students sheet deleted, or renamed with its commission_id header
    retyped, was read as a selection alone: ``check`` passed, ``report`` dropped every team,
    nothing said)."""
    from matcher.loading.summary import recorded_team_ids

    listed = sheet_teams(members, (c.id for c in commissions))
    if listed or recorded_team_ids(folder) is not None:
        raise InputError(Problem(book.name, text("result_no_student_sheet")))


def sheet_teams(
    members: Members, teams: Iterable[str], placed: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Student → the team whose sheet of result.xlsx lists them (the first such sheet);
    ``placed`` (student → team, as the result read says): a title cut to 31 characters
    that begins several long ids is the team of most of its students (probe s34g: with a
    commission_id edited as documented, the team sheets were said edited)."""
    names = _SheetNames(set(teams))
    found: dict[str, str] = {}
    for title, students in members.items():
        on = Counter((placed or {}).get(s, "") for s in students)
        team = names.team(title, on.__getitem__ if placed else None)
        if team is None or fold_header(title) in STUDENT_SHEETS + SELECTION_SHEETS:
            continue
        for student in students:
            found.setdefault(student, team)
    return found


def team_sheets_moved(
    book: str, members: Members, assignment: dict[str, str], edited: Collection[str] = ()
) -> Text | None:
    """A warning when a team sheet of result.xlsx (titled ``<commission id> <institution>``)
    lists a student whom ``assignment`` (the Students sheet) places elsewhere: a director
    who moved a row from one team sheet to another learns that team sheets are not read.
    ``edited``: students whose commission_id the Students sheet shows edited (their team
    sheet is then merely the one before the edit), not said."""
    teams = _SheetNames(set(assignment.values()))
    moved: list[tuple[str, str, str]] = []
    for title, students in members.items():
        # A title cut to 31 characters may begin several long ids (probe s34b: « PROPOSITION-
        # 2026-AIDE-JEUNE (2) »): the team of most of its students among them.
        on = Counter(assignment.get(s, "") for s in students)
        team = teams.team(title, on.__getitem__)
        if team is None or fold_header(title) in STUDENT_SHEETS + SELECTION_SHEETS:
            continue
        moved += [
            (title, s, assignment[s])
            for s in students
            if assignment.get(s, team) != team and s not in edited
        ]
    if not moved:
        return None
    sheet, student, placed = moved[0]
    return counted(
        "result_team_sheets", len(moved), book=book, sheet=sheet, student=student, placed=placed
    )


class _SheetNames:
    """The teams by the name a sheet gives them (``D／1`` for ``D/1``), indexed once: each
    title was compared with every team (at 10,000 students, 1,672 sheets x 1,667 teams:
    15 s of every ``check``, ``report`` and ``explain``)."""

    def __init__(self, teams: set[str]) -> None:
        #: Each team's place in ``teams``' order (the first of the longest wins a tie).
        self.order = {team: n for n, team in enumerate(teams)}
        self.shown: dict[str, list[str]] = {}
        for team in teams:
            self.shown.setdefault(team.translate(SHEET_LOOKALIKES), []).append(team)
        self.longest_first = sorted(self.shown.items(), key=lambda item: -len(item[0]))

    def team(self, title: str, weight: Callable[[str], int] | None = None) -> str | None:
        """The team whose sheet ``title`` is: the longest id that, as a sheet name writes it
        (spaces kept: ``+32 prov``), is the title or begins it before a space, or, cut to
        Excel's 31 characters, begins with the title (without a ``(2)``)."""
        heads = [title] + [title[:at] for at, char in enumerate(title) if char == " "]
        fitting = [team for head in heads for team in self.shown.get(head, ())]
        if len(title) >= 29:
            bare = re.sub(r" \(\d+\)$", "", title)
            for shown, named in self.longest_first:
                if len(shown) <= len(bare):
                    break
                if shown.startswith(bare):
                    fitting += named
        fitting.sort(key=self.order.__getitem__)
        if weight is not None and len(set(fitting)) > 1:
            # A cut title: the id of most of its students, the longest on a tie (probe s34f:
            # « …-JEUNESSE- » of -1, -2 and -10 was taken for -10, the longest).
            return max(fitting, key=lambda team: (weight(team), len(team)), default=None)
        return max(fitting, key=len, default=None)


#: Spreadsheets a director may have saved an edited result as, which are not read.
_BOOK_SUFFIXES = (".ods", ".xls", ".xlsx", ".xlsm", ".xlsb", ".numbers")


def cohort_books(instance: Instance) -> frozenset[str]:
    """The file names of the cohort's own tables (``cohorte.xlsx`` of ``cohorte.xlsx
    [étudiants]``): a workbook of the cohort beside the result (files uploaded together to
    the workbench) is read, as the cohort, and is no result left unread."""
    labels = (
        instance.students_file,
        instance.commissions_file,
        instance.supervisors_file,
        instance.pairs_file,
    )
    return frozenset(re.sub(r" \[[^\[\]]*\]$", "", label) for label in labels)


def other_books(path: Path, book: Path | None, cohort: Collection[str] = ()) -> list[str]:
    """The spreadsheets in the result folder ``path`` not read as its result: any .ods
    (LibreOffice saves an edited result.xlsx as result.ods unless told to keep the format),
    and any other workbook, whatever its name (``result (1).xlsx`` downloaded twice,
    ``result.xls`` saved as Excel 97-2003, probe s27; ``teams.xlsx``, teams.csv kept in
    Excel format, « résultat modifié.xlsx », probe s39d: ignored without a word); not
    result.xlsx, which matcher writes and reads, nor the cohort's own workbook (``cohort``:
    ``cohort_books``), a spreadsheet's lock file (``~$result.xlsx``) or a hidden file; none
    when ``path`` is the workbook itself."""
    folder = Path(path)
    if not folder.is_dir():
        return []
    found = []
    for item in sorted(folder.iterdir()):
        name = item.name.lower()
        if (book is not None and item.name == book.name) or item.name in cohort:
            continue
        if name.startswith(("~$", ".")) or not name.endswith(_BOOK_SUFFIXES):
            continue
        found.append(item.name)
    return found


def unread_books(path: Path, book: Path | None, cohort: Collection[str] = ()) -> list[Text]:
    """A warning for each workbook of ``other_books``: LibreOffice saves an edited
    result.xlsx as result.ods unless told to keep the format."""
    return [
        text(
            "result_ods_unread" if name.lower().endswith(".ods") else "result_book_other", book=name
        )
        for name in other_books(path, book, cohort)
    ]


def no_result(folder: Path, instance: Instance | None = None) -> Text:
    """A folder holding no result's file: which files are read, and the spreadsheets it
    holds instead (probe s27: a folder of result.ods alone was "holds neither selection.csv
    nor teams.csv", the workbook not named), not those of the cohort ``instance``."""
    books = other_books(folder, None, cohort_books(instance) if instance is not None else ())
    if books:
        return counted(
            "check_no_result_files_books", len(books), folder=folder, books=listing(books)
        )
    return text("check_no_result_files", folder=folder)
