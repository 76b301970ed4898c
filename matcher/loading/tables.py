"""Raw tables from files as people produce them: CSV in any usual encoding and delimiter, or
the sheets of an ``.xlsx`` workbook.

This layer only turns bytes into rows of trimmed strings located by spreadsheet row number;
it knows nothing of column meanings (those are :mod:`matcher.loading.columns` and
:mod:`matcher.loading.records`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.encodings import decode_mixed, has_utf8_sequences, legacy_encoding, mostly_utf8
from matcher.errors import InputError, Problem
from matcher.labels import Text, counted, listing, text
from matcher.labels import text as _words  # for read_csv_text, whose argument is `text`
from matcher.loading.cell_controls import (
    UnsavedFormula,
    clean_cells,
    column_letter,
    column_name,
    control_warnings,
)
from matcher.loading.file_bytes import read_file_bytes
from matcher.loading.quotes import refuse_swallowed_rows
from matcher.loading.totals import note_lines, total_lines
from matcher.text import (
    fold_header,
    is_spreadsheet_error,
    strip_formula_guard,
)

#: Delimiters a spreadsheet may write; the most frequent one in the header line wins.
DELIMITERS = (",", ";", "\t")

_SEP_DIRECTIVE = re.compile(r"\Asep=([,;\t|])[ \t]*\r?\n", re.IGNORECASE)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
#: The stream an .xlsx encrypted with a password is kept in, named (in UTF-16) in the
#: directory of the OLE container Excel wraps it in, as it wraps an old .xls.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# Bytes that never occur in text files people produce (NUL and most C0 controls).
_BINARY_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}
#: Control bytes a text file may hold (pasted by mistake) without being taken for binary.
_STRAY_CONTROLS = 4

#: The most characters a cell may hold (README, "Input"): a name, a title or a list
#: of choices is far shorter; a longer cell is a file pasted into a cell, or garbage.
MAX_CELL_CHARS = 10_000
#: The most filled rows a table (a CSV file, a workbook sheet) may hold: ten times the
#: largest cohort measured (10,000 students, README "Scale"). Reading stops at the first
#: row over it (a million-row file took 65 s and 3.4 GB before anything was said).
MAX_TABLE_ROWS = 100_000
#: The most columns a CSV table may fill: a cohort's widest, students with one column per
#: choice, holds a few dozen. Beyond it the file is refused at that row (probe s27: a
#: header of 10^6 columns took 25 s of mapping headers before anything was said); empty
#: cells past it (a spreadsheet's trailing separators) are dropped.
MAX_TABLE_COLUMNS = 1_000

# The csv module refuses fields over 131,072 characters without saying where; the whole
# file is in memory anyway, so let it read any field and check cells here (MAX_CELL_CHARS),
# with the row and column.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


@dataclass(frozen=True)
class RawTable:
    """A table of trimmed strings, as read from one CSV file or one workbook sheet.

    Parameters
    ----------
    label
        How the user knows the source (``students.csv``, or ``students`` for a sheet).
    header
        The header cells as written (trimmed).
    rows
        ``(spreadsheet row number, cells)`` for every non-blank data row; the header is
        row 1. Rows are padded with empty cells to the header's width.
    """

    label: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    #: Cells whose control characters were dropped (escape sequences, bell, NUL …).
    warnings: tuple[Problem, ...] = ()
    #: The spreadsheet row of the header: 1, unless blank or title lines lie above it.
    header_row: int = 1
    #: Rows of a CSV file with more cells than its header, those beyond it empty
    #: (``_wider_rows``): a problem in one says its cells may be shifted.
    wider_rows: frozenset[int] = frozenset()
    #: The headers as the sheet writes them, when ``header`` renames them as the CSV file
    #: does (result.xlsx's « Retenue » read as ``selected``): messages name these.
    written: tuple[str, ...] | None = None


def decode_text(data: bytes, label: str) -> str:
    """Decode a CSV file's bytes: UTF-8 (with or without BOM), otherwise Windows-1252 (or
    Mac Roman when it reads as far more French text).

    Raises
    ------
    InputError
        When the bytes are a workbook, a legacy ``.xls`` or binary garbage.
    """
    return decode_noted(data, label)[0]


def decode_noted(data: bytes, label: str) -> tuple[str, Problem | None]:
    """``decode_text``, and a warning when the bytes mix encodings (``_decoded``)."""
    if data.startswith(ZIP_MAGIC):
        ods = b"opendocument.spreadsheet" in data[:100]  # its "mimetype", stored first
        raise InputError(Problem(label, text("tb_ods" if ods else "tb_workbook_not_csv")))
    if data.startswith(OLE_MAGIC):
        raise InputError(Problem(label, text(ole_kind(data))))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise InputError(Problem(label, text("tb_bad_utf16"))) from None
    head = data[:65536]
    if head and _looks_binary(head):
        raise InputError(Problem(label, text("tb_binary")))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return _decoded(data, label)


def _decoded(data: bytes, label: str) -> tuple[str, Problem | None]:
    """``decode_text`` after its checks, with a warning when the bytes mix encodings."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mixed = Problem(label, text("warn_mixed_encoding"))
    if mostly_utf8(data):
        # UTF-8 with a few bytes of Windows-1252 (a cell pasted from another file): each
        # part read as written, rather than every "é" of the UTF-8 made "Ã©".
        return decode_mixed(data), mixed
    # Windows-1252 leaves five bytes undefined; map them rather than fail on one stray
    # byte (each cell holding one is named, ``clean_cells``). Excel for Mac's "CSV
    # (Macintosh)" is Mac Roman (legacy_encoding).
    encoding = legacy_encoding(data)
    if not has_utf8_sequences(data, likely=True):
        return data.decode(encoding, errors="replace"), None
    # Mostly Windows-1252 with some UTF-8 (a row appended by another program, a cell pasted
    # in): each part read as written, as the warning says (probe s31e: « Fanny GÃ©rard »
    # reached the calendar from a UTF-8 row of a Windows-1252 supervisors.csv).
    return decode_mixed(data, encoding, likely=True), mixed


def ole_kind(data: bytes) -> str:
    """The message key for an OLE file (``data`` starts with :data:`OLE_MAGIC`): a
    workbook protected by a password, or an old Excel ``.xls``."""
    return "tb_encrypted_xlsx" if _ENCRYPTED_PACKAGE in data else "tb_old_xls"


def text_named_xlsx(data: bytes) -> bool:
    """Whether ``data``, given as an ``.xlsx`` workbook, is a text file instead (a CSV file
    renamed): neither a zip nor an OLE file, and not binary."""
    head = data[:65536]
    return (
        bool(head)
        and not data.startswith((ZIP_MAGIC, OLE_MAGIC))
        and (head.startswith((b"\xff\xfe", b"\xfe\xff")) or not _looks_binary(head))
    )


def _looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file are not text (a photo, a PDF, a file of zeros).

    Control bytes pasted into cells (NUL, bell, escape sequences) leave a file text: they
    are dropped later with a warning (contract §2), however many cells hold them, as long
    as the rest is UTF-8 (controls are valid UTF-8; random bytes almost never are) or
    reads as a Windows-1252 text (few bytes above 127). Binary: more than a quarter of
    control bytes, or more than a few strays (1 in 200) in bytes that are not UTF-8 and of
    which more than a tenth lie above 127."""
    controls = sum(b in _BINARY_BYTES for b in head)
    if controls > len(head) // 4:
        return True
    if controls <= max(_STRAY_CONTROLS, len(head) // 200):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not only a character cut by the 64 KB head
            return sum(b > 127 for b in head) > len(head) // 10
    return False


def _count_outside_quotes(line: str, char: str) -> int:
    count = 0
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def detect_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the most frequent of ``,`` ``;`` tab in its header line,
    its first record but for title lines typed above it by hand (a title holding commas,
    « Liste des inscrits, promotion 2026 », was taken for the header of a ``;`` file,
    every row refused; sessions 33, 34), a quoted cell on several lines read whole (« "N°⏎
    matricule";Nom », probe s34f)."""
    lines = _records(text)[: _MOST_TITLE_LINES + 1]
    at = 0
    while at + 1 < len(lines) and _title_typed(lines[at], lines[at + 1]):
        at += 1
    counts = {d: _count_outside_quotes(lines[at], d) for d in DELIMITERS} if lines else {}
    best = max(DELIMITERS, key=lambda d: counts.get(d, 0))  # ties: the earlier one (",")
    return best if counts.get(best, 0) > 0 else ","


def _records(text: str) -> list[str]:
    """The first non-blank records of ``text``, a quoted cell's line breaks inside them."""
    records: list[str] = []
    pending = ""
    for line in text.splitlines()[:200]:
        pending = f"{pending}\n{line}" if pending else line
        if pending.count('"') % 2 == 0:
            if pending.strip():
                records.append(pending)
            pending = ""
    return records + ([pending] if pending.strip() else [])


def _title_typed(line: str, below: str) -> bool:
    """Whether ``line`` is a title typed by hand above the header ``below``: its first cell a
    title (``_is_title``: « Liste des inscrits », « Étudiants »), and no delimiter, or only
    delimiters the line below has none of while it has as many of its own (« Master, Liège,
    2026 » above « id;nom;… »)."""
    cell = re.split("[,;\t]", line, maxsplit=1)[0].strip().strip('"')
    if not _is_title(cell):
        return False
    counts = {d: _count_outside_quotes(line, d) for d in DELIMITERS}
    if max(counts.values()) == 0:
        return True
    # A two-column header has one delimiter too, and so has the row below it (probe s34g:
    # « Formation initiale;Matricule » was taken for a title).
    under = {d: _count_outside_quotes(below, d) for d in DELIMITERS}
    used = [d for d in DELIMITERS if counts[d]]
    return all(under[d] == 0 for d in used) and max(under.values()) >= max(counts.values())


def _is_blank(cells: list[str]) -> bool:
    return all(not c and not isinstance(c, UnsavedFormula) for c in cells)


def _cell_problems(
    label: str,
    header: list[str],
    records: list[tuple[int, list[str]]],
    read: Callable[[str], bool] | None = None,
) -> tuple[list[Problem], tuple[Problem, ...]]:
    """Cells too large, and workbook formulas without a saved value or showing an error;
    and the warnings on the latter in columns no reader reads (``read`` says which headers
    are read, an instance table's: a failed lookup in a helper column, « #N/A », refused a
    whole cohort, probe s34b; contract §1: unknown columns are ignored). Those cells are
    emptied in ``records``."""
    problems: list[Problem] = []
    unread: dict[int, list[int]] = {}
    for number, cells in records:
        for idx, cell in enumerate(cells):
            error = isinstance(cell, UnsavedFormula) or is_spreadsheet_error(cell)
            # No reader reads a column without a header either (probe s38a: refused).
            unheaded = idx >= len(header) or not header[idx]
            if error and (unheaded or (read is not None and not read(header[idx]))):
                unread.setdefault(idx, []).append(number)
                cells[idx] = ""
                continue
            if error:
                key = "err_formula_error" if cell else "err_unsaved_formula"
                message = text(key, error=str(cell))
            elif len(cell) > MAX_CELL_CHARS:
                message = text("err_cell_too_large", size=len(cell), limit=MAX_CELL_CHARS)
            else:
                continue
            problems.append(Problem(label, message, row=number, column=column_name(header, idx)))
    warnings = tuple(
        Problem(
            label,
            counted("tb_errors_unread", len(numbers), rows=listing(map(str, numbers), most=5)),
            column=column_name(header, idx),
        )
        for idx, numbers in sorted(unread.items())
    )
    return problems, warnings


#: Instance files: kind → accepted file stems / sheet names (compared with fold_header).
FILE_KINDS: dict[str, tuple[str, ...]] = {
    "commissions": ("commissions", "propositions", "commandes"),
    "students": ("students", "étudiants", "inscrits"),
    "pairs": ("pairs", "paires", "binômes"),
    "supervisors": ("supervisors", "accompagnateurs", "accompagnatrices", "accompagnateurs·rices"),
}
#: Table names as a one-word title says them (folded, without a plural ``s``): « Étudiants ».
_TABLE_TITLES = frozenset(
    fold_header(name).removesuffix("s") for names in FILE_KINDS.values() for name in names
)

#: The most title or label-value lines set aside above a header.
_MOST_TITLE_LINES = 4
#: The most characters of a title line quoted in its warning.
_TITLE_SHOWN = 60


def _is_title(cell: str) -> bool:
    """Whether a line's only cell is a title: several words, or a table's name, not ``id``."""
    return " " in cell.strip() or fold_header(cell).removesuffix("s") in _TABLE_TITLES


def _filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell or isinstance(cell, UnsavedFormula))


def _title_lines(
    label: str, records: list[tuple[int, list[str]]]
) -> tuple[list[tuple[int, list[str]]], tuple[Problem, ...]]:
    """Records without the title lines a spreadsheet user writes above the headers.

    A line whose only filled cell is its first and of several words (« Liste des étudiants
    2026-2027 ») or a table's name (« Étudiants »), above a line of two or more filled
    cells, is a title, not the header: it is set aside with a warning, rows keep their
    spreadsheet numbers. Without this the header would be one column wide and every row
    refused. Another one-word cell (``id``) is kept as the header: rows wider than it are
    refused as before (a delimiter problem).
    """
    # Title lines and label-value lines (« Promotion » | « 2026-2027 ») above the header,
    # several of them too (probe s33d: a title and a subtitle); the header is the lowest
    # line above which every line is one, two or more filled cells wide, four or more
    # when a label-value line is set aside (two-column tables keep their header).
    kinds: list[str] = []
    for _, cells in records[: _MOST_TITLE_LINES + 1]:
        if cells and _is_title(cells[0]) and _filled(cells) == 1:
            kinds.append("title")
        elif _filled(cells) == 2 and bool(cells[0]):
            kinds.append("label")
        else:
            kinds.append("")
    count = 0
    for above in range(1, min(len(records), _MOST_TITLE_LINES + 1)):
        if not kinds[above - 1]:
            break
        wide = 4 if "label" in kinds[:above] else 2
        if _filled(records[above][1]) >= wide:
            count = above
    header_row = records[count][0]
    skipped: list[Problem] = []
    for number, cells in records[:count]:
        line = " ".join(cell for cell in cells if cell)
        title = line if len(line) <= _TITLE_SHOWN else line[:_TITLE_SHOWN] + "…"
        skipped.append(
            Problem(label, text("tb_title_line", title=title, header=header_row), row=number)
        )
    records = records[count:]
    return records, tuple(skipped)


def table_from_cells(
    label: str,
    records: list[tuple[int, list[str]]],
    *,
    workbook: bool = False,
    read: Callable[[str], bool] | None = None,
) -> RawTable:
    """Build a :class:`RawTable` from numbered records (header first), checking its shape.

    This is where every cell of every table passes (CSV files and workbook sheets alike):
    control characters are dropped here, with a warning naming the cell. In a workbook
    sheet (``workbook``), cells right of the header (a note typed beside a row) are not
    read, with a warning naming their column and rows; so in a CSV file whose header line
    reaches as far (a spreadsheet saved it: it pads every line to the sheet's width). In a
    CSV file whose header line is shorter than a row they are refused, naming the column
    of the first: a delimiter inside an unquoted cell, which shifted the row's cells.

    Raises
    ------
    InputError
        When there is no header, when rows hold filled cells beyond the header's width, a
        cell holds more than :data:`MAX_CELL_CHARS` characters, or a workbook cell holds a
        formula without a saved value or showing an error (in a column ``read`` says is
        read, when it is given: an instance table's).
    """
    records, flagged = clean_cells(records)
    records = [(n, cells) for n, cells in records if not _is_blank(cells)]
    if not records:
        raise InputError(Problem(label, text("ld_empty_sheet" if workbook else "ld_empty_file")))
    records, titles = _title_lines(label, records)
    records, below = note_lines(label, records)
    records, totals = total_lines(label, records)
    totals = tuple(sorted(totals + below, key=lambda said: said.row or 0))  # by row
    # A header typed on two lines (Alt+Enter: « N°⏎matricule ») is one line of words, as the
    # messages name it (probe s34b: « N°\x0amatricule »).
    header_cells = [" ".join(c.split()) if "\n" in c else c for c in records[0][1]]
    # A spreadsheet saving a CSV file pads every line, the header's too, to the width of
    # the sheet's used area: a header line reaching as far as a row's last cell says that
    # the cells beyond its headers were typed beside the table (a note), not shifted there.
    sheet_width = len(header_cells)
    while header_cells and not header_cells[-1]:
        header_cells = header_cells[:-1]
    width = len(header_cells)
    problems, unread = _cell_problems(label, header_cells, records, read)
    if problems:
        raise InputError(problems)
    rows: list[tuple[int, tuple[str, ...]]] = []
    beside: dict[int, list[int]] = {}
    wider = _wider_rows(records[1:], sheet_width) if not workbook else []
    for number, cells in records[1:]:
        extra = [idx for idx in range(width, len(cells)) if cells[idx]]
        if extra and (workbook or len(cells) <= sheet_width):
            for idx in extra:
                beside.setdefault(idx, []).append(number)
        elif extra:
            problems.append(
                Problem(
                    label,
                    counted("tb_extra_cells", width, cells=width + len(extra), width=width),
                    row=number,
                    column=column_letter(extra[0]),
                )
            )
            continue
        padded = (cells + [""] * width)[:width]
        rows.append((number, tuple(padded)))
    if problems:
        raise InputError(problems)
    notes = tuple(
        Problem(label, counted("tb_notes_beside", len(numbers),
                               rows=listing(map(str, numbers), most=5)),
                column=column_letter(idx))
        for idx, numbers in sorted(beside.items())
    )  # fmt: skip
    if wider:
        shifted = counted(
            "tb_wider_rows", len(wider), rows=listing(map(str, wider), most=5), width=width
        )
        notes += (Problem(label, shifted, column=column_letter(sheet_width)),)
    warnings = titles + totals + notes + unread + control_warnings(label, header_cells, flagged)
    return RawTable(
        label, tuple(header_cells), tuple(rows), warnings, records[0][0], frozenset(wider)
    )


#: A cell no reader can read: a formula without a saved value, an error shown, too long.
UNREADABLE_CELL = frozenset({"err_formula_error", "err_unsaved_formula", "err_cell_too_large"})


def unreadable_cells(error: InputError) -> bool:
    """Whether ``error`` names cells that cannot be read (:data:`UNREADABLE_CELL`): a
    workbook beside the CSV files of a result holding them is refused, naming them, not
    said « could not be read » (probes s37a, s37h: the edit it held dropped)."""
    return any(
        isinstance(p.message, Text) and p.message.key in UNREADABLE_CELL for p in error.problems
    )


def _wider_rows(rows: list[tuple[int, list[str]]], width: int) -> list[int]:
    """The rows of a CSV file with more cells than its header line, those beyond it empty,
    when not every row has them: a trailing delimiter, or a delimiter typed inside an
    unquoted cell, which shifted the cells after it (probe s36d: « Eval; accueil; » read
    the title « Eval » and the slots « accueil », without a word). A spreadsheet pads every
    line alike, the header's too."""
    wider = [number for number, cells in rows if len(cells) > width]
    if not rows or len(wider) < len(rows):
        return wider
    # Every row ends in the delimiter: those wider than most (probe s36j: « Eval; accueil »
    # unsaid among rows all padded so).
    common = Counter(len(cells) for _, cells in rows).most_common(1)[0][0]
    return [number for number, cells in rows if len(cells) > common]


def too_many_rows(label: str, number: int) -> InputError:
    """The refusal of a table whose spreadsheet row ``number`` is one too many."""
    return InputError(Problem(label, text("err_too_many_rows", limit=MAX_TABLE_ROWS), row=number))


#: A CSV cell written as a formula of a text (``="01"``), how exports keep leading zeros:
#: a spreadsheet opening the file shows ``01``.
_TEXT_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def unguarded(cell: str) -> str:
    """A CSV cell trimmed, without the ``'`` matcher puts before a formula-like cell, and
    ``="01"`` read ``01`` as a spreadsheet shows it (probe s34b: every choice « 01 » was
    refused, « vouliez-vous dire ="01" ? »)."""
    cell = cell.strip()
    text_formula = _TEXT_FORMULA.fullmatch(cell)
    if text_formula:
        return text_formula[1].replace('""', '"').strip()
    return strip_formula_guard(cell).strip()


def read_csv_text(text: str, label: str, read: Callable[[str], bool] | None = None) -> RawTable:
    """Parse decoded CSV text into a :class:`RawTable` (delimiter detected, cells trimmed).

    A first line ``sep=;`` (which Excel writes and honours, and hides) sets the delimiter.
    """
    directive = _SEP_DIRECTIVE.match(text)
    if directive:
        text = text[directive.end() :]
        delimiter = directive.group(1)
    else:
        delimiter = detect_delimiter(text)
    # Lines of nothing but delimiters at the end (a spreadsheet exporting its sheet's whole
    # height: a million « ;;;; ») are no rows: cut unparsed (probe s35d: 24 s and 513 MB).
    # The last row keeps its own trailing delimiters (probe s36h: cut, its extra empty cell
    # unseen, every other row was said wider than the header).
    last = len(text.rstrip(delimiter + " \t\r\n"))
    # The end of that row's line, however lines end (CR alone: Excel for Mac; probe s36k).
    ends = [at for at in (text.find("\n", last), text.find("\r", last)) if at >= 0]
    text = (text[: min(ends)] if ends else text) + "\n"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        # A spreadsheet numbers records, not physical lines (a quoted cell may span lines).
        filled = 0
        for number, cells in enumerate(reader, start=1):
            if len(cells) > MAX_TABLE_COLUMNS:
                if any(c.strip() for c in cells[MAX_TABLE_COLUMNS:]):
                    said = _words("err_too_many_columns", limit=MAX_TABLE_COLUMNS)
                    raise InputError(Problem(label, said, row=number))
                cells = cells[:MAX_TABLE_COLUMNS]
            # A cell matcher guarded against formulas (``'=Dupont``, contract §8) reads as
            # it was before: results, and rows of results pasted into an instance.
            records.append((number, [unguarded(c) for c in cells]))
            filled += any(cells)
            if filled > MAX_TABLE_ROWS + 1:  # the header and MAX_TABLE_ROWS rows
                raise too_many_rows(label, number)
    except csv.Error:
        row = len(records) + 1
        raise InputError(Problem(label, _words("tb_unreadable_csv"), row=row)) from None
    refuse_swallowed_rows(label, records, delimiter)
    return table_from_cells(label, records, read=read)


def read_csv(
    path: Path, label: str | None = None, read: Callable[[str], bool] | None = None
) -> RawTable:
    """Read one CSV file as people produce it (see :func:`decode_text`, :func:`detect_delimiter`).

    Raises
    ------
    InputError
        When the file cannot be read, is empty, binary, or ragged.
    """
    label = label or path.name
    data = read_file_bytes(path, label)
    # Old DOS and Windows tools end text files with Ctrl-Z.
    data = data.rstrip(b"\x1a")
    if not data.strip():
        raise InputError(Problem(label, text("ld_empty_file")))
    decoded, mixed = decode_noted(data, label)
    table = read_csv_text(decoded, label, read)
    return table if mixed is None else replace(table, warnings=(mixed, *table.warnings))
