"""Raw tables from files as people produce them: CSV in any usual encoding and delimiter, or
the sheets of an ``.xlsx`` workbook.

This layer only turns bytes into rows of trimmed strings located by spreadsheet row number;
it knows nothing of column meanings (those are :mod:`matcher.loading.columns` and
:mod:`matcher.loading.records`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem

#: Delimiters a spreadsheet may write; the most frequent one in the header line wins.
DELIMITERS = (",", ";", "\t")

_SEP_DIRECTIVE = re.compile(r"\Asep=([,;\t|])[ \t]*\r?\n", re.IGNORECASE)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls
# Bytes that never occur in text files people produce (NUL and most C0 controls).
_BINARY_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}


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


def decode_text(data: bytes, label: str) -> str:
    """Decode a CSV file's bytes: UTF-8 (with or without BOM), otherwise Windows-1252.

    Raises
    ------
    InputError
        When the bytes are a workbook, a legacy ``.xls`` or binary garbage.
    """
    if data.startswith(_ZIP_MAGIC):
        raise InputError(
            Problem(
                label,
                "this is a workbook (.xlsx), not a CSV file: save it as CSV, "
                "or give the .xlsx workbook itself as the instance",
            )
        )
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            Problem(label, "this is an old Excel .xls file: save it as .xlsx or as CSV")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                Problem(label, "unreadable UTF-16 text: expected a CSV file")
            ) from None
    head = data[:65536]
    if head and sum(b in _BINARY_BYTES for b in head) > len(head) // 200:
        raise InputError(
            Problem(label, "this is not a text file (binary content): expected a CSV file")
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; map them rather than fail on one stray byte.
        return data.decode("cp1252", errors="replace")


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
    """The delimiter of a CSV text: the most frequent of ``,`` ``;`` tab in its header line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: _count_outside_quotes(first, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the earlier one (",")
    return best if counts[best] > 0 else ","


def _is_blank(cells: list[str]) -> bool:
    return all(not c for c in cells)


def table_from_cells(label: str, records: list[tuple[int, list[str]]]) -> RawTable:
    """Build a :class:`RawTable` from numbered records (header first), checking its shape.

    Raises
    ------
    InputError
        When there is no header, or when rows hold filled cells beyond the header's width.
    """
    records = [(n, cells) for n, cells in records if not _is_blank(cells)]
    if not records:
        raise InputError(Problem(label, "the file is empty: expected a header row and data rows"))
    header_cells = records[0][1]
    while header_cells and not header_cells[-1]:
        header_cells = header_cells[:-1]
    width = len(header_cells)
    problems: list[Problem] = []
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in records[1:]:
        extra = [c for c in cells[width:] if c]
        if extra:
            problems.append(
                Problem(
                    label,
                    f"the row has {width + len(extra)} or more cells but the header has "
                    f"{width} columns (a missing header, or a delimiter inside an unquoted "
                    "cell?)",
                    row=number,
                )
            )
            continue
        padded = (cells + [""] * width)[:width]
        rows.append((number, tuple(padded)))
    if problems:
        raise InputError(problems)
    return RawTable(label, tuple(header_cells), tuple(rows))


def read_csv_text(text: str, label: str) -> RawTable:
    """Parse decoded CSV text into a :class:`RawTable` (delimiter detected, cells trimmed).

    A first line ``sep=;`` (which Excel writes and honours, and hides) sets the delimiter.
    """
    directive = _SEP_DIRECTIVE.match(text)
    if directive:
        text = text[directive.end() :]
        delimiter = directive.group(1)
    else:
        delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        # A spreadsheet numbers records, not physical lines (a quoted cell may span lines).
        for number, cells in enumerate(reader, start=1):
            records.append((number, [c.strip().replace("\x00", "") for c in cells]))
    except csv.Error as error:
        raise InputError(Problem(label, f"unreadable CSV: {error}")) from None
    return table_from_cells(label, records)


def read_csv(path: Path, label: str | None = None) -> RawTable:
    """Read one CSV file as people produce it (see :func:`decode_text`, :func:`detect_delimiter`).

    Raises
    ------
    InputError
        When the file cannot be read, is empty, binary, or ragged.
    """
    label = label or path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(Problem(label, f"cannot be read: {error.strerror or error}")) from None
    # Old DOS and Windows tools end text files with Ctrl-Z.
    data = data.rstrip(b"\x1a")
    if not data.strip():
        raise InputError(Problem(label, "the file is empty: expected a header row and data rows"))
    return read_csv_text(decode_text(data, label), label)


def workbook_cell_text(value: Any) -> str:
    """A cell read from an ``.xlsx`` workbook as the text a person sees.

    ``12345`` not ``12345.0``; dates ISO; booleans yes/no. (Not
    :func:`matcher.outputs.workbook.cell_text`, which fits text written into result.xlsx.)
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


Records = list[tuple[int, list[str]]]


def read_workbook(path: Path) -> dict[str, Records]:
    """The cells of every sheet of an ``.xlsx`` workbook, by sheet name (as written).

    Sheets become tables only when the loader needs them (:func:`table_from_cells`), so a
    stray notes sheet never causes an error.

    Raises
    ------
    InputError
        When the file is not a readable ``.xlsx`` workbook.
    """
    import openpyxl  # imported here: only workbook users pay for it

    label = path.name
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types on malformed parts
        raise InputError(
            Problem(label, f"not a readable .xlsx workbook ({type(error).__name__})")
        ) from None
    sheets: dict[str, Records] = {}
    try:
        for sheet in book.worksheets:
            sheets[sheet.title] = [
                (number, [workbook_cell_text(v) for v in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
    except Exception as error:
        raise InputError(
            Problem(label, f"not a readable .xlsx workbook ({type(error).__name__})")
        ) from None
    finally:
        book.close()
    return sheets
