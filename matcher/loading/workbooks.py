"""The sheets of an ``.xlsx`` workbook as raw records (:mod:`matcher.loading.tables` makes
tables of them): each cell as the text a person sees, merged cells filled, formulas by
their saved values (openpyxl, imported only when a workbook is read).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem
from matcher.labels import Number, text
from matcher.loading.cell_controls import UnsavedFormula
from matcher.loading.columns import STUDENT_COLUMNS
from matcher.loading.file_bytes import read_file_bytes
from matcher.loading.tables import (
    MAX_TABLE_ROWS,
    OLE_MAGIC,
    ZIP_MAGIC,
    ole_kind,
    text_named_xlsx,
    too_many_rows,
    unguarded,
)
from matcher.text import fold_header

# openpyxl's own warnings (« Cell H5 is marked as a date but the serial value 3000000 is
# outside the limits », a data validation it cannot read) reached the director's terminal
# raw, in English (probe s40k); what matters in a cell is said by the reading itself.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")

__all__ = ["Records", "hidden_rows", "hidden_sheets", "read_workbook", "workbook_cell_text"]


def workbook_cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell read from an ``.xlsx`` workbook as the text a person sees (formula guard removed).

    ``12345`` not ``12345.0``, to 15 significant digits as shown; dates ISO; booleans
    yes/no; a whole number in a cell formatted with leading zeros (``00000``, Excel's
    "Code postal") as shown: ``00341``.
    (Not :func:`matcher.outputs.workbook.cell_text`, which fits text written into
    result.xlsx.)
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        # Spreadsheets show (and Excel keeps) 15 significant digits: a computed
        # 7.999999999999999 is the 8 the cell shows, 0.1 + 0.2 is 0.3.
        value = float(f"{value:.15g}")
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
        elif value.is_integer():
            # As a spreadsheet shows it: 1E+308, not its 309 digits (probe s26).
            return f"{value:.15g}".upper()
    # The format's first section shows positive numbers (``00000;-00000``).
    zeros = _ZEROS.fullmatch(number_format.split(";")[0]) if number_format else None
    if isinstance(value, int) and value >= 0 and zeros:
        return str(value).zfill(len(zeros[0]))
    prefixed = _PREFIXED.fullmatch(number_format.split(";")[0]) if number_format else None
    if isinstance(value, int) and value >= 0 and prefixed:
        # A code shown with its letters (``"C"00``: C01; probe s34b: read 1, every choice
        # « C01 » refused). A suffix is left out: ``0" ans"`` shows a number of years.
        literal = "".join(part[1:-1] if part[0] == '"' else part[1] for part in
                          _LITERAL_PARTS.findall(prefixed[1]))  # fmt: skip
        # A code's letters (``C``, ``PROP-``), not words before a quantity (``"max "0``
        # shows « max 3 » in a column of numbers; probe s34f: refused since).
        if _CODE_PREFIX.fullmatch(literal):
            return literal + str(value).zfill(len(prefixed[2]))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) or _date_only(number_format):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    # Text pasted from a CSV file matcher wrote keeps its formula guard (``'=Dupont``).
    return unguarded(_xml_unescaped(str(value)))


#: How a workbook's XML stores a character XML cannot hold (a carriage return ``_x000D_``,
#: ESC ``_x001B_``; ``_x005F_`` an underscore that would start one): Excel and LibreOffice
#: read them back as the characters, which openpyxl leaves as written (probe s26: a choices
#: cell on Windows line endings read « 102_x000D_ », an ESC reached the outputs as text).
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xml_unescaped(text: str) -> str:
    """``text`` with the ``_xHHHH_`` escapes of OOXML decoded, left to right (so
    ``_x005F_x000D_`` is the text ``_x000D_``)."""
    if "_x" not in text:
        return text
    return _XML_ESCAPE.sub(lambda found: chr(int(found[1], 16)), text)


Records = list[tuple[int, list[str]]]

#: What a number format shows literally (quoted text, ``[colour]``, ``\x``), set aside to
#: find its date and time codes.
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _date_only(number_format: str | None) -> bool:
    """Whether a date cell's number format shows the day only (``dd/mm/yyyy``): a time of
    day stored with it (a date pasted from an export) is not shown, so not read."""
    if not number_format:
        return False
    codes = _LITERALS.sub("", number_format).casefold()
    return any(c in codes for c in "dy") and not any(c in codes for c in "hs")


#: The headers of a choices list, folded.
_CHOICES_HEADERS = frozenset(map(fold_header, STUDENT_COLUMNS["choices"]))

#: A number format of zeros only: whole numbers shown with leading zeros to its width.
_ZEROS = re.compile(r"0{2,}")
#: A number format of text then zeros (``"C"00``, ``\C000``): codes shown with letters.
_PREFIXED = re.compile(r'((?:"[^"]*"|\\.)+)(0+)')
_LITERAL_PARTS = re.compile(r'"[^"]*"|\\.')
#: The letters of a code before its number (``C``, ``PROP-``, ``E/``): a letter, no space.
_CODE_PREFIX = re.compile(r"(?=[-_/.\w]*[^\W\d_])[-_/.\w]+")

#: The most a workbook's parts may hold once unzipped (README, "Input"): a cohort's
#: workbook unzips to a few MB (10,000 students: about 10 MB); a zip bomb (a sheet of
#: 600 MB of spaces zipped to 600 KB) took 1.3 GB of memory before; 100 MB of them take
#: 300 MB. Read from the zip's directory, which bounds what Python's zipfile will unzip,
#: before any part is read.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


def read_workbook(path: Path, label: str | None = None) -> dict[str, Records]:
    """The cells of every sheet of an ``.xlsx`` workbook, by sheet name (as written);
    ``label``: the workbook as its messages name it, else its name.

    Sheets become tables only when the loader needs them (:func:`table_from_cells`), so a
    stray notes sheet never causes an error.

    Raises
    ------
    InputError
        When the file is not a readable ``.xlsx`` workbook.
    """
    import openpyxl  # imported here: only workbook users pay for it

    label = label or path.name
    # Read through read_file_bytes: a FIFO or a folder named *.xlsx is refused, unopened.
    data = read_file_bytes(path, label)
    if data.startswith(ZIP_MAGIC) and b"opendocument.spreadsheet" in data[:100]:
        raise InputError(Problem(label, text("tb_ods")))
    if data.startswith(OLE_MAGIC):  # an old .xls renamed .xlsx, or a password on it
        raise InputError(Problem(label, text(ole_kind(data))))
    if path.name.startswith("~$") and not data.startswith(ZIP_MAGIC):
        # Excel's lock file, beside the workbook while it is open: not the workbook.
        raise InputError(Problem(label, text("tb_lock_file", book=path.name[2:])))
    if not data:
        raise InputError(Problem(label, text("tb_empty_xlsx")))
    if text_named_xlsx(data):  # a CSV file renamed .xlsx
        raise InputError(Problem(label, text("tb_text_as_xlsx")))
    last = _LAST_READ[0] if _LAST_READ else None
    if last is not None and last[0] == data:
        return _copied(last[1])
    _check_unzipped_size(data, label)
    _check_not_strict(data, label)
    formulas: dict[str, set[tuple[int, int]]] = {}
    try:
        sheets = _workbook_cells(openpyxl, data, formulas, label)
        if any(formulas.values()):
            # Formulas read as their saved values, from a second reading of the file.
            _saved_values(openpyxl, data, formulas, sheets)
        _fill_merged(openpyxl, data, sheets)
        _drop_total_rows(openpyxl, data, sheets)
    except InputError:
        raise
    except Exception:  # openpyxl raises many types on malformed parts (BadZipFile when
        # not a zip or one cut short, ParseError, KeyError, OSError): no Python word for it
        raise InputError(Problem(label, text("tb_damaged_xlsx"))) from None
    _LAST_READ[:] = [(data, sheets)]
    return _copied(sheets)


#: The last workbook read (its bytes, its cells): ``report`` on a result.xlsx read it twice,
#: its Selection and Students sheets, then its Calendar (10,000 students: 2 x 23 s).
_LAST_READ: list[tuple[bytes, dict[str, Records]]] = []


def _copied(sheets: dict[str, Records]) -> dict[str, Records]:
    """Cells the caller may change without changing the kept reading."""
    return {title: [(row, list(cells)) for row, cells in rows] for title, rows in sheets.items()}


def hidden_sheets(path: Path) -> set[str]:
    """The titles of the hidden sheets of the workbook at ``path`` (read again: only said
    when a message names a sheet the director may not see); none if it cannot be read."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    except Exception:  # it was read a moment ago; say nothing more rather than fail
        return set()
    try:
        return {sheet.title for sheet in book.worksheets if sheet.sheet_state != "visible"}
    finally:
        book.close()


def hidden_rows(path: Path) -> dict[str, list[int]]:
    """The hidden rows of each sheet of the workbook at ``path`` (hidden by hand or by a
    filter), by sheet title; none if it cannot be read. Read from the sheets' XML: openpyxl
    reads row attributes only outside read-only mode, which holds every cell in memory."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    found: dict[str, list[int]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            book = ET.fromstring(archive.read("xl/workbook.xml"))
            links = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {link.get("Id"): link.get("Target", "") for link in links}
            for sheet in book.iter(f"{main}sheet"):
                target = targets.get(sheet.get(rel), "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                rows = []
                for tag in re.findall(rb"<(?:\w+:)?row\b[^>]*>", archive.read(part)):
                    number = re.search(rb'\sr="(\d+)"', tag)
                    if number and re.search(rb'\shidden="(?:1|true)"', tag):
                        rows.append(int(number.group(1)))
                if rows:
                    found[sheet.get("name", "")] = rows
    except Exception:  # it was read a moment ago; say nothing more rather than fail
        return {}
    return found


def _check_unzipped_size(data: bytes, label: str) -> None:
    """Refuse a workbook whose parts would unzip to more than :data:`MAX_UNZIPPED_BYTES`
    (a file that is no zip is left to openpyxl's refusal)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if unzipped > MAX_UNZIPPED_BYTES:
        size = Number(unzipped / 2**20, 0)
        limit = MAX_UNZIPPED_BYTES // 2**20
        raise InputError(Problem(label, text("err_workbook_too_large", size=size, limit=limit)))


#: The namespace of Excel's "Strict Open XML Spreadsheet" (a save-as choice), which
#: openpyxl does not read: it found no sheet at all in such a workbook.
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/spreadsheetml/main"


def _check_not_strict(data: bytes, label: str) -> None:
    """Refuse a workbook saved as "Strict Open XML Spreadsheet", saying how to save it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            strict = any(
                name.endswith("workbook.xml") and _STRICT_NAMESPACE in archive.read(name)
                for name in archive.namelist()
            )
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if strict:
        raise InputError(Problem(label, text("tb_strict_xlsx")))


def _workbook_cells(
    openpyxl: Any, data: bytes, formulas: dict[str, set[tuple[int, int]]], label: str
) -> dict[str, Records]:
    """The cells of every sheet as text; where formulas are (row, column index) per sheet.

    A sheet of more than :data:`MAX_TABLE_ROWS` filled rows is refused, naming it as the
    loader does (``cohorte.xlsx [students]``), even a sheet no table comes from."""
    from openpyxl.reader.excel import ExcelReader  # what load_workbook does, parser kept

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
    reader.read()
    book = reader.wb
    # A sheet the workbook lists but whose part is missing (a damaged file) is skipped by
    # openpyxl without a word: its table would be taken as absent, its rules dropped.
    lost = [sheet.name for sheet, _ in reader.parser.find_sheets()
            if sheet.name not in book.sheetnames]  # fmt: skip
    if lost:
        book.close()
        raise InputError(Problem(f"{label} [{lost[0]}]", text("tb_damaged_xlsx")))
    sheets: dict[str, Records] = {}
    try:
        for sheet in book.worksheets:
            records: Records = []
            found = formulas.setdefault(sheet.title, set())
            # A read-only sheet stops at the rows and columns its <dimension> claims: some
            # programs write a wrong one (``A1``), and rows were dropped without a word.
            sheet.reset_dimensions()
            filled = 0
            for number, row in enumerate(sheet.iter_rows(), start=1):
                formulas_before = len(found)
                cells = []
                for idx, cell in enumerate(row):
                    kind = getattr(cell, "data_type", None)
                    if kind == "f":
                        found.add((number, idx))
                        cells.append("")
                    elif kind == "e":  # an error typed or pasted as a value: #N/A
                        cells.append(UnsavedFormula(str(cell.value)))
                    else:
                        shown = getattr(cell, "number_format", None)
                        cells.append(workbook_cell_text(cell.value, shown))
                if any(cells) or len(found) > formulas_before:
                    # Blank rows are not kept (they are skipped as tables are made, their
                    # numbers kept): a sheet saved with a million formatted empty rows
                    # below its table held them all in memory.
                    records.append((number, cells))
                filled += any(cells)
                if filled > MAX_TABLE_ROWS + 1:  # the header and MAX_TABLE_ROWS rows
                    raise too_many_rows(f"{label} [{sheet.title}]", number)
            sheets[sheet.title] = records
    finally:
        book.close()
    return sheets


def _has_merged_cells(data: bytes) -> bool:
    """Whether any sheet of the workbook ``data`` holds merged cells (read from its parts:
    a read-only workbook does not give them)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            name.startswith("xl/worksheets/") and b"<mergeCell " in archive.read(name)
            for name in archive.namelist()
        )


def merged_ranges(path: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """The merged cells of each sheet holding some, as (first column, first row, last
    column, last row), numbered from 1: one reading for every sheet, none without merged
    cells."""
    data = path.read_bytes()
    if not _has_merged_cells(data):
        return {}
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    try:
        return {s.title: [m.bounds for m in s.merged_cells.ranges] for s in book.worksheets}
    finally:
        book.close()


def _fill_merged(openpyxl: Any, data: bytes, sheets: dict[str, Records]) -> None:
    """Cells merged over several rows read, on each of those rows, as the merged cell's
    value, as the director sees it (``CPAS`` merged over the sector of two proposals is the
    sector of both), rather than as empty cells below the first. Merges within one row
    (a title spread over the columns) are left as they are."""
    if not _has_merged_cells(data):
        return
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        for sheet in book.worksheets:
            rows = dict(sheets.get(sheet.title, ()))
            bounds = [merged.bounds for merged in sheet.merged_cells.ranges]
            joined = _join_header_rows(rows, bounds)
            if joined:
                sheets[sheet.title] = [r for r in sheets[sheet.title] if r[0] not in joined]
                for number in joined:
                    del rows[number]
            for merged in sheet.merged_cells.ranges:
                first_col, first_row, last_col, last_row = merged.bounds
                if first_row in rows:
                    _number_choices(rows[first_row], first_col, last_col)
                if first_row == last_row or first_row not in rows:
                    continue
                top = rows[first_row]
                value = top[first_col - 1] if first_col - 1 < len(top) else ""
                for number in range(first_row + 1, last_row + 1):
                    cells = rows.get(number)
                    if cells is None:
                        continue
                    cells.extend([""] * (last_col - len(cells)))
                    for idx in range(first_col - 1, last_col):
                        cells[idx] = value
    finally:
        book.close()


def _join_header_rows(
    rows: dict[int, list[str]], bounds: list[tuple[int, int, int, int]]
) -> set[int]:
    """A header written on several rows, its cells merged down over them (``Matricule``
    over rows 1 and 2, beside ``Choix`` over three columns with 1, 2, 3 beneath): the rows
    below its first are header, not data. Their cells join the first row's (a heading
    under a group reads as itself; under ``Choix``, as ``Choix 1``, ``Choix 2``, …), and
    their numbers are returned, to be dropped. Only the first filled row, or the one below
    a title (a row of one cell), may start such a header: a merge over data rows (a sector
    over two proposals) is no header."""
    filled = sorted(rows)[:2]
    if len(filled) == 2 and sum(map(bool, rows[filled[0]])) > 1:
        filled = filled[:1]
    for first in filled:
        end = max((b[3] for b in bounds if b[1] == first and b[3] > first), default=first)
        if end == first and _group_headings(rows[first], bounds, first):
            end = first + 1  # headings of column groups, the header beneath them
        if end > first:
            break
    else:
        return set()
    header = rows[first]
    groups: dict[int, tuple[str, int]] = {}  # column → (group heading, position in it)
    for col1, row1, col2, _ in bounds:
        if row1 == first and col1 - 1 < len(header):
            for idx in range(col1 - 1, col2):
                groups[idx] = (header[col1 - 1], idx - col1 + 2)
    below = [number for number in rows if first < number <= end]
    for number in below:
        for idx, value in enumerate(rows[number]):
            covered = any(b[1] <= number <= b[3] and b[0] - 1 <= idx < b[2] for b in bounds
                          if b[1] == first)  # fmt: skip
            if not value or covered:
                continue
            header.extend([""] * (idx + 1 - len(header)))
            group, position = groups.get(idx, (header[idx], 1))
            choices = fold_header(group) in _CHOICES_HEADERS
            header[idx] = f"{group} {position}" if choices else value
    return set(below)


def _group_headings(cells: list[str], bounds: list[tuple[int, int, int, int]], row: int) -> bool:
    """Whether the row's filled cells are two or more headings each merged across columns
    (``Identité`` over A:B, ``Parcours`` over C:H): groups above the header's row."""
    starts = {b[0] - 1 for b in bounds if b[1] == b[3] == row and b[2] > b[0]}
    filled = {idx for idx, value in enumerate(cells) if value}
    return len(filled) >= 2 and filled <= starts


def _drop_total_rows(openpyxl: Any, data: bytes, sheets: dict[str, Records]) -> None:
    """The totals row of an Excel table ("Total Row" ticked: counts and sums, marked as
    the table's ``totalsRowCount`` last rows) is not read: it is no student or proposal."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(
            name.startswith("xl/tables/") and b"totalsRowCount" in archive.read(name)
            for name in archive.namelist()
        ):
            return
    from openpyxl.utils.cell import range_boundaries

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        for sheet in book.worksheets:
            totals: set[int] = set()
            for table in sheet.tables.values():
                count = table.totalsRowCount or 0
                last = range_boundaries(table.ref)[3]
                totals.update(range(last - count + 1, last + 1))
            if totals and sheet.title in sheets:
                sheets[sheet.title] = [r for r in sheets[sheet.title] if r[0] not in totals]
    finally:
        book.close()


def _number_choices(cells: list[str], first_col: int, last_col: int) -> None:
    """A ``Choix`` header merged over several columns of its row, one choice per column
    beneath it, is read as ``Choix 1``, ``Choix 2``, … (numbered choice columns), as the
    director reads it, rather than as one list column beside unread notes."""
    value = cells[first_col - 1] if first_col - 1 < len(cells) else ""
    if fold_header(value) not in _CHOICES_HEADERS:
        return
    cells.extend([""] * (last_col - len(cells)))
    for number, idx in enumerate(range(first_col - 1, last_col), start=1):
        cells[idx] = f"{value} {number}"


#: The workbook's calculation properties asking for every formula to be computed on load.
_FULL_CALC = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')


def _computed_on_load(data: bytes) -> bool:
    """Whether the workbook asks to be computed when opened (``<calcPr fullCalcOnLoad="1">``,
    as XlsxWriter and openpyxl write it), its formulas' stored values placeholders.
    Read from the part itself: openpyxl takes a missing attribute for true."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        parts = [n for n in book.namelist() if n.lower().endswith("workbook.xml")]
        return any(_FULL_CALC.search(book.read(name)) for name in parts[:1])


def _saved_values(
    openpyxl: Any,
    data: bytes,
    formulas: dict[str, set[tuple[int, int]]],
    sheets: dict[str, Records],
) -> None:
    """Put each formula's saved value in its cell, or :class:`UnsavedFormula` if none."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # A workbook asking to be computed when opened (``fullCalcOnLoad``: XlsxWriter and
    # openpyxl write it) may hold a placeholder 0 for a formula never computed (probe s37f:
    # a priority =2+3 read as 0, another proposal selected without a word).
    placeholders = _computed_on_load(data)
    try:
        for sheet in book.worksheets:
            found = formulas.get(sheet.title)
            if not found:
                continue
            cells = {number: row for number, row in sheets[sheet.title]}
            sheet.reset_dimensions()
            for number, row in enumerate(sheet.iter_rows(), start=1):
                for idx, cell in enumerate(row):
                    if (number, idx) in found:
                        value = cell.value
                        kind = getattr(cell, "data_type", None)
                        if kind == "str" and value is None:
                            # Saved as empty text (``=IFERROR(VLOOKUP(…);"")``): t="str"
                            # with an empty value, as Excel and LibreOffice save it.
                            value = ""
                        # XlsxWriter's placeholder: 0, never computed (another value
                        # was computed by whoever wrote it, as a test of ours does).
                        placeholder = placeholders and kind != "e" and value == 0
                        error = kind == "e" or value is None or placeholder
                        value = "" if placeholder else value
                        shown = getattr(cell, "number_format", None)
                        saved = (
                            UnsavedFormula(value or "")
                            if error
                            else workbook_cell_text(value, shown)
                        )
                        cells[number][idx] = saved
    finally:
        book.close()
