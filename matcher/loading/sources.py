"""Where the tables of an instance come from: the files of a folder or the sheets of a workbook.

File names and sheet names are matched against :data:`~matcher.loading.tables.FILE_KINDS`
case-insensitively (French names accepted); a workbook's settings are
``<workbook stem>.settings.toml`` beside it, else ``settings.toml`` beside it. Tables are
read only when asked for (a stray notes sheet never causes an error). A file that bears
a table's name is that table even when it cannot be read (a folder, a link to nowhere, a
FIFO): reading it then fails naming it, so that no rule is ever dropped silently.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from matcher.errors import InputError, Problem, os_reason
from matcher.labels import Listing, Text, counted, listing, text
from matcher.loading.columns import (
    COMMISSION_COLUMNS,
    PAIR_COLUMNS,
    STUDENT_COLUMNS,
    alias_index,
    choice_rank,
    column_named,
)
from matcher.loading.file_bytes import open_in_spreadsheet, present
from matcher.loading.supervisors import SUPERVISOR_COLUMNS
from matcher.loading.tables import (
    FILE_KINDS,
    RawTable,
    read_csv,
    table_from_cells,
)
from matcher.loading.workbooks import hidden_rows, hidden_sheets, read_workbook
from matcher.text import fold_header


@dataclass
class InstanceSources:
    """Where each table of an instance comes from, and the default settings file."""

    readers: dict[str, Callable[[], RawTable]]
    labels: dict[str, str]
    settings: Path | None
    #: CSV files of the folder (sheets of the workbook) that hold no table, as named.
    unread: list[str] = field(default_factory=list)
    #: Warnings about the files chosen (a workbook beside the CSV file of its table).
    warnings: list[Text] = field(default_factory=list)


def _singular(folded: str) -> str:
    """A folded name without its plural, nor its inclusive ending (« Étudiant·es »,
    « Accompagnateur·rice·s », « accompagnateurs·rices »: probe s29h)."""
    return _INCLUSIVE.sub("", folded).removesuffix("s")


#: Inclusive writing's endings once folded (``·`` and ``.`` become ``_``).
_INCLUSIVE = re.compile(r"s?_(?:e|es|e_s|rice|rices|rice_s|trice|trices|trice_s)$")


#: What a browser or a file manager adds to a file's name when it keeps a second copy:
#: ``students (1)``, ``students(2)``, ``students - Copie``, ``students - Copy (2)``.
_COPY_MARK = re.compile(r"\s*(\(\d+\)|-\s*cop(y|ie)(\s*\(\d+\))?)\s*$", re.IGNORECASE)


def table_kind(name: str) -> str | None:
    """The kind of table the file ``name`` holds by its name (``students.xlsx``: students)."""
    return _kind_of(Path(name).stem)


def cohort_files(path: Path) -> list[Path]:
    """The files reading the cohort ``path`` (a folder, or a workbook) takes: its tables
    and its settings (the workbench watches them, ``web.state.files_signature``)."""
    if not path.is_dir():
        return [path, path.with_name(f"{path.stem}.settings.toml"), path.with_name("settings.toml")]
    found = []
    for entry in sorted(path.iterdir()):
        name = entry.name.lower()
        if entry.name.startswith(SYSTEM_PREFIXES):
            continue
        book = entry.suffix.lower() in (*TEXT_SUFFIXES, *BOOK_SUFFIXES)
        if name in ("settings.toml", "settings.toml.txt") or (book and _kind_of(entry.stem)):
            found.append(entry)
    return found


def _kind_of(stem: str) -> str | None:
    """The kind of table a file stem or sheet name holds (``None``: not an instance table).

    Case, accents and a plural ``s`` do not matter: ``Étudiant``, ``etudiants`` and
    ``STUDENTS`` are the students table; nor does a copy's mark (``étudiants (1)``, as a
    browser saves a file downloaded twice).
    """
    folded = _singular(fold_header(_COPY_MARK.sub("", stem)).removesuffix("_csv"))
    return next(
        (
            kind
            for kind, names in FILE_KINDS.items()
            if folded in (_singular(fold_header(name)) for name in names)
        ),
        None,
    )


#: How alike a file's name and a table's name must be for the file to be taken for a
#: misspelt table (``comissions``, ``etudaints``): difflib's ratio.
_LOOKALIKE = 0.85


def lookalike_kind(name: str) -> str | None:
    """The table a file or sheet that holds none seems meant for (``Étudiants 2026``,
    ``liste_binomes``, ``comissions``), ``None`` when it resembles none (``notes``)."""
    folded = fold_header(Path(name).stem if name.lower().endswith((".csv", ".tsv")) else name)
    words = {_singular(word) for word in folded.split("_")}
    for kind, names in FILE_KINDS.items():
        for accepted in (_singular(fold_header(n)) for n in names):
            if accepted in words:
                return kind
            if difflib.SequenceMatcher(None, _singular(folded), accepted).ratio() >= _LOOKALIKE:
                return kind
    return None


#: Files of a folder read as a table when named like one: CSV files, and the text files
#: Excel's "Save as" also writes ("Texte Unicode", "Texte (séparateur : tabulation)": .txt).
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: Workbooks: a folder's ``students.xlsx`` is the students table (its sheet of that name,
#: else its only sheet holding anything), as a spreadsheet saves one table per file.
BOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Spreadsheets not read, each with what to do: a folder's ``students.ods`` is refused
#: naming it (never taken as absent), as is an instance ``cohorte.ods``.
UNREAD_BOOKS = {".ods": "tb_ods", ".xls": "tb_old_xls"}


def header_read(kind: str) -> Callable[[str], bool]:
    """Whether a header of an instance table of ``kind`` (``FILE_KINDS``) is read: an
    accepted name of one of its columns, or a numbered choice column of the students'.
    The others are ignored (contract §1), errors shown in their cells too."""
    specs = {"commissions": COMMISSION_COLUMNS, "students": STUDENT_COLUMNS}
    spec = SUPERVISOR_COLUMNS if kind == "supervisors" else specs.get(kind, PAIR_COLUMNS)
    index = alias_index(spec)

    def read(header: str) -> bool:
        if not header:
            return False
        if column_named(header, index) is not None:
            return True
        return kind == "students" and choice_rank(header) is not None

    return read


def _refused(label: str, key: str) -> RawTable:
    raise InputError(Problem(label, text(key)))


def _book_table(path: Path, kind: str, several: str, file: str | None = None) -> RawTable:
    """The ``kind`` table of the workbook ``path``: its sheet of that name, else its only
    sheet holding anything (``Feuil1`` beside two empty ones); ``several``: what is said
    when several sheets could be it; ``file``: the workbook as named (else its name)."""
    file = file or path.name
    sheets = read_workbook(path, file)
    titles = [t for t in sheets if _kind_of(t) == kind]
    if not titles:
        titles = [t for t, records in sheets.items() if any(any(c) for _, c in records)]
        titles = titles or list(sheets)
    if len(titles) != 1:
        listed = Listing(tuple(text("quoted", value=t) for t in titles), last=None)
        words = text(several, sheets=listed, kind=text(f"tb_kind_{kind}"))
        raise InputError(Problem(file, words))
    label = f"{file} [{titles[0]}]"
    return table_from_cells(label, sheets[titles[0]], workbook=True, read=header_read(kind))


def arrivals_table(path: Path, label: str | None = None) -> RawTable:
    """The rows of an arrivals file (``whatif --add-students``, the workbench's "Students
    arriving"): a CSV file, or a workbook's only sheet (or its students sheet); ``label``:
    the file as its messages name it (the path typed), else its name."""
    if path.suffix.lower() not in BOOK_SUFFIXES:
        return read_csv(path, label, read=header_read("students"))
    return _book_table(path, "students", "ld_arrivals_sheets", label)


def _workbook_sources(path: Path) -> InstanceSources:
    """The sheets of a workbook that hold instance tables, and the settings beside it."""
    sheets = read_workbook(path)
    readers: dict[str, Callable[[], RawTable]] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    unread: list[str] = []
    for title, records in sheets.items():
        kind = _kind_of(title)
        if kind is None:
            unread.append(title)
            continue
        if kind in readers:
            pair = (labels[kind], title)
            unseen = hidden_sheets(path)  # a hidden sheet: not seen on screen
            hidden = [t for t in pair if t in unseen]
            words = dict(kind=text(f"tb_kind_{kind}"), first=pair[0], second=pair[1])
            if hidden:
                words["hidden"] = hidden[0]
            key = "ld_two_sheets_hidden" if hidden else "ld_two_sheets"
            problems.append(Problem(path.name, text(key, **words)))
            continue
        sheet_label = f"{path.name} [{title}]"
        readers[kind] = functools.partial(
            table_from_cells, sheet_label, records, workbook=True, read=header_read(kind)
        )
        labels[kind] = title
    if problems:
        raise InputError(problems)
    beside = [path.with_name(f"{path.stem}.settings.toml"), path.with_name("settings.toml")]
    settings = next((p for p in beside if present(p)), None)
    sheet_labels = {k: f"{path.name} [{v}]" for k, v in labels.items()}
    opened = open_in_spreadsheet(path)
    warnings: list[Text] = [opened] if opened is not None else []
    # Rows hidden by hand or by a filter are read like the others, but the director may
    # have hidden a withdrawn proposal to leave it out (probe s33d): said.
    masked = hidden_rows(path)
    for kind, title in labels.items():
        filled = {number for number, cells in sheets[title] if any(cells)}
        if rows := [n for n in masked.get(title, []) if n in filled]:
            shown = listing([str(n) for n in rows], most=8)
            warnings.append(
                counted("ld_hidden_rows", len(rows), sheet=sheet_labels[kind], rows=shown)
            )
    warnings += [
        text(
            "ld_settings_sheet_unread",
            sheet=text("quoted", value=title),
            book=path.name,
            toml=f"{path.stem}.settings.toml",
        )
        for title in unread
        if _settings_like(title) and any(any(cells) for _, cells in sheets[title])
    ]
    return InstanceSources(readers, sheet_labels, settings, unread, warnings)


#: Sheet names a director gives the settings (folded): such a sheet is not read, and its
#: rules would be dropped without a word (probe s26: count and exclude in a "settings"
#: sheet, and validate selected ten as if it were not there).
_SETTINGS_SHEETS = frozenset(
    {"settings", "setting", "parametres", "parametre", "reglages", "configuration", "config"}
)


def _settings_like(title: str) -> bool:
    from matcher.text import fold_name

    return fold_name(title).removesuffix(".toml").strip() in _SETTINGS_SHEETS


#: Files a system writes beside the director's, never theirs: a Mac's ``._students.csv``
#: (its metadata, on a USB key or a shared drive), Excel's ``~$students.xlsx`` and
#: LibreOffice's ``.~lock.students.xlsx#`` while the file is open, hidden files.
SYSTEM_PREFIXES = (".", "~$")


def _folder_sources(path: Path) -> InstanceSources:
    """The CSV files of a folder that hold instance tables, and its settings.toml."""
    readers: dict[str, Callable[[], RawTable]] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    unread: list[str] = []
    warnings: list[Text] = []
    settings = as_text = None
    try:
        entries = sorted(path.iterdir())
    except OSError as error:
        why = text("why_no_permission") if isinstance(error, PermissionError) else None
        reason = why or text("why_os_error", reason=os_reason(error))
        raise InputError(Problem(str(path), text("err_unreadable_file", why=reason))) from None
    for entry in entries:
        if entry.name.startswith(SYSTEM_PREFIXES):
            continue
        # Not only regular files: a folder or a dangling link named students.csv is
        # students.csv, refused when read.
        if entry.name.lower() == "settings.toml":
            settings = entry
            continue
        if entry.name.lower() == "settings.toml.txt":
            # Notepad's "settings.toml" saved as a text document; Windows hides the .txt.
            as_text = entry
            continue
        suffix = entry.suffix.lower()
        if suffix not in (*TEXT_SUFFIXES, *BOOK_SUFFIXES, *UNREAD_BOOKS):
            continue
        kind = _kind_of(entry.stem)
        if kind is None:
            if suffix in (".csv", ".tsv"):
                unread.append(entry.name)
            continue
        if kind in readers:
            first = labels[kind]
            if (suffix in TEXT_SUFFIXES) != first.lower().endswith(TEXT_SUFFIXES):
                # A CSV file and a workbook of one table (commissions.xlsx as received,
                # commissions.csv exported from it): the CSV file wins, as in a result.
                text_wins = suffix in TEXT_SUFFIXES
                book, csv_file = (first, entry.name) if text_wins else (entry.name, first)
                warnings.append(text("ld_book_beside_csv", book=book, csv=csv_file))
                if not text_wins:
                    continue
            else:
                two = text("tb_two_files", kind=text(f"tb_kind_{kind}"), first=first,
                           second=entry.name)  # fmt: skip
                problems.append(Problem(str(path), two))
                continue
        if suffix in UNREAD_BOOKS:
            readers[kind] = functools.partial(_refused, entry.name, UNREAD_BOOKS[suffix])
        elif suffix in BOOK_SUFFIXES:
            readers[kind] = functools.partial(_book_table, entry, kind, "ld_book_sheets")
        else:
            readers[kind] = functools.partial(read_csv, entry, read=header_read(kind))
        labels[kind] = entry.name
    if problems:
        raise InputError(problems)
    # A file open in LibreOffice or Excel may hold changes not saved yet (its lock file).
    warnings += [w for name in labels.values() if (w := open_in_spreadsheet(path / name))]
    if as_text is not None:
        # Its rules are never dropped silently: read when it is the only settings file.
        key = "ld_settings_txt_unread" if settings is not None else "ld_settings_txt_read"
        warnings.append(text(key, file=as_text.name))
        settings = settings or as_text
    return InstanceSources(readers, labels, settings, unread, warnings)


def locate_sources(path: Path) -> InstanceSources:
    """The tables of the instance folder or workbook ``path``, and its settings file.

    Raises
    ------
    InputError
        No such path, a file that is not a workbook, or two files (sheets) of one kind.
    """
    label = str(path)
    if not present(path):
        raise InputError(Problem(label, text("ld_no_such_instance")))
    if path.is_dir():
        return _folder_sources(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        # Read (and refused if it is not a readable file) by read_workbook.
        return _workbook_sources(path)
    if path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".txt", ".toml"):
        # `matcher validate cohorte/students.csv`: the instance is the folder holding it.
        raise InputError(Problem(label, text("why_not_instance_file", folder=path.parent)))
    # Another file, a FIFO, a device or a link to nowhere: never opened.
    key = UNREAD_BOOKS.get(path.suffix.lower(), "why_not_instance")
    raise InputError(Problem(label, text(key)))
