"""A sheet of result.xlsx as plain data: the ``Table`` (values, named styles, widths, row
heights, frozen header, filter, drop-down lists), the styles by name, and the helpers that
fill one (fitted columns, long texts wrapped) and name it (Excel's rules for sheet names).

``matcher.outputs.workbook`` describes every sheet with these and writes them with
XlsxWriter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from matcher.labels import Lang, label

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates,
#: U+FFFE/U+FFFF): dropped from text rather than failing the run.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Longest text a cell holds (Excel's limit; longer text is cut, as openpyxl does).
MAX_CELL_TEXT = 32767


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    # Excel also refuses a leading or trailing apostrophe and the reserved name "History".
    cleaned = _FORBIDDEN.sub("-", _ILLEGAL_XML.sub("", text))
    base = excel_cut(cleaned, 31).strip().strip("'").strip() or "Sheet"
    if base.casefold() == "history":
        base = "History (team)"
    name, suffix = base, 2
    while name.casefold() in taken:
        tail = f" ({suffix})"
        name = excel_cut(base, 31 - len(tail)) + tail
        suffix += 1
    taken.add(name.casefold())
    return name


def names_in_a_set(book: Any) -> None:
    """Make ``book`` tell a sheet name already taken through a set: XlsxWriter compares a
    new name with every sheet's, lowered, one by one (1,672 sheets at 10,000 students: 1.4
    million comparisons). Its other checks of the name are its own, unchanged."""
    from xlsxwriter.exceptions import DuplicateWorksheetName

    check, taken = book._check_sheetname, set()

    def checked(name: str | None, is_chartsheet: bool = False) -> str:
        sheets, book.worksheets_objs = book.worksheets_objs, []  # none for it to compare
        try:
            name = check(name, is_chartsheet)
        finally:
            book.worksheets_objs = sheets
        assert name is not None
        if name.lower() in taken:
            raise DuplicateWorksheetName(f"Sheetname '{name}', case ignored, is already in use.")
        taken.add(name.lower())
        return name

    book._check_sheetname = checked


def excel_cut(text: str, limit: int) -> str:
    """The longest start of ``text`` that Excel counts as at most ``limit`` characters:
    Excel counts UTF-16 units, two for a character beyond U+FFFF (an emoji)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def word_cut(text: str, limit: int) -> str:
    """``text`` as it fits in ``limit`` Excel characters: whole, else cut after its last
    whole word that fits, with "…" (« … (Tournai) » not « … (Tour »); a first word longer
    than the limit is cut within it."""
    if excel_cut(text, limit) == text:
        return text
    start = excel_cut(text, limit - 1)
    space = start.rfind(" ")
    cut = start[:space] if space > 0 and text[len(start)] != " " else start
    return cut.rstrip(" ,;:—–-·") + "…"


#: Cell styles by name: (font, fill colour, alignment, wrapping, number format) each may
#: set; a later style of a cell overrides what an earlier one set. Bold headings, the fills
#: of selected rows and of off-target counts, long texts wrapped (their rows read from the
#: top), percentages (built-in number format 9, "0%"; in French "33 %", with the space
#: French puts before %), and days as people read them ("Friday 9 October 2026",
#: « vendredi 9 octobre 2026 »: the format names its language, en-GB 809 or fr-BE 80C, so
#: that any spreadsheet shows the words of the workbook's language, not its own).
STYLES: dict[str, dict[str, Any]] = {
    "bold": {"bold": True},
    "selected": {"fill": "EEF5FC"},
    "off": {"fill": "FDE7E5"},
    "percent": {"number_format": 9},
    "wrap": {"wrap": True},
    # A column of ids kept as text where a cell has a style of its own (probe s40i: a
    # wrapped row's id cells were General, « 01 » typed there became 1).
    "text": {"number_format": "@"},
    "top": {"top": True},
    "percent_fr": {"number_format": "0 %"},
    # Left-aligned like the text around them (a day in words is not read as a number).
    "date": {"number_format": "[$-809]dddd d mmmm yyyy", "align": "left"},
    "date_fr": {"number_format": "[$-80C]dddd d mmmm yyyy", "align": "left"},
    # Years of experience as numbers a spreadsheet sums and sorts, one to six decimals
    # (probe s32e: « 14,1 » and « 9,6 ans » were text, "number stored as text").
    **{
        f"years{digits}{suffix}": {"number_format": f"0.{'0' * digits}{unit}"}
        for digits in range(1, 7)
        for suffix, unit in (
            ("", ' "years"'),
            ("_fr", ' "ans"'),
            # Below two years French says « an » (``labels.years``): « 0,8 an ».
            ("_one", ' "years"'),
            ("_one_fr", ' "an"'),
            ("_bare", ""),
            ("_bare_fr", ""),
        )
    },
}


def lang_style(name: str, lang: Lang) -> str:
    """The style ``name`` as ``lang`` writes it (``percent_fr`` in French, when there is
    one)."""
    return f"{name}_fr" if lang == "fr" and f"{name}_fr" in STYLES else name


class Table:
    """The content of one sheet, independent of how it is written.

    Cells hold their value and the names of their styles (``STYLES``); a cell may hold
    ``None`` (written only when styled, as openpyxl does).
    """

    def __init__(self, title: str, heading: str = "") -> None:
        self.title = title
        #: What each printed page says at its top left (the sheet's full name: a sheet name
        #: holds 31 characters, and a spreadsheet does not print it).
        self.heading = heading or title
        #: (row, column) → value, both 1-based.
        self.values: dict[tuple[int, int], Any] = {}
        #: (row, column) → style names, in the order they were applied.
        self.styles: dict[tuple[int, int], tuple[str, ...]] = {}
        #: column (1-based) → width in characters.
        self.widths: dict[int, float] = {}
        #: row (1-based) → height in points, for rows of wrapped text (a spreadsheet does
        #: not always grow a row to show its wrapped lines).
        self.heights: dict[int, float] = {}
        self.freeze = False
        #: Last row (1-based) of the table under an autofilter from row 1; 0: no filter.
        self.filter_rows = 0
        #: column (1-based) → (allowed values, last row): a drop-down list below the header.
        self.validation: dict[int, tuple[tuple[str, ...], int]] = {}
        #: Columns (1-based) formatted as text, rows a person adds included: an id typed
        #: there stays as typed (``01``, not the number 1 a spreadsheet would make of it).
        self.text_columns: set[int] = set()
        self.num_rows = 0

    def append(self, values: Sequence[Any]) -> None:
        """Add a row below the last one (every value becomes a cell, ``None`` too)."""
        self.num_rows += 1
        for column, value in enumerate(values, start=1):
            self.values[(self.num_rows, column)] = value

    def set(self, row: int, column: int, value: Any) -> None:
        """Give one cell a value."""
        self.values[(row, column)] = value
        self.num_rows = max(self.num_rows, row)

    def style(self, row: int, column: int, name: str) -> None:
        """Apply a named style to one cell (creating it, empty, if needed)."""
        self.values.setdefault((row, column), None)
        self.styles[(row, column)] = (*self.styles.get((row, column), ()), name)


def fill_sheet(
    sheet: Table, header: Sequence[str], rows: Sequence[Sequence[Any]], *, freeze: bool = True
) -> None:
    """Write a table with a bold header, fitted column widths and a frozen header row."""
    sheet.append(list(header))
    for column in range(1, len(header) + 1):
        sheet.style(1, column, "bold")
    for row in rows:
        sheet.append(list(row))
    for index, title in enumerate(header, start=1):
        values = [str(title)] + [str(r[index - 1]) for r in rows if r[index - 1] is not None]
        width = min(max(len(v) for v in values) + 2, 60)
        sheet.widths[index] = width
    if freeze:
        sheet.freeze = True


def yes_no(flag: bool, lang: Lang) -> str:
    """The word "yes" or "no" in ``lang``."""
    return label("yes" if flag else "no", lang)


def wrap_columns(sheet: Table, widths: dict[int, int]) -> None:
    """Narrow each column of ``widths`` (column → characters) to at most that width, and wrap
    its longer texts within it, each such row as tall as its lines: the sheet then prints one
    page wide at a legible size, no text cut or run across the page."""
    for (row, column), value in sheet.values.items():
        width = widths.get(column)
        if width is None or row == 1 or len(str(value or "")) <= width:
            continue
        sheet.style(row, column, "wrap")
        lines = math.ceil(len(str(value)) / (width - 2))
        sheet.heights[row] = max(sheet.heights.get(row, 15), 15 * lines)
    for column, width in widths.items():
        sheet.widths[column] = min(sheet.widths.get(column, width), width)
    # A row of several lines reads from its top, every cell of it.
    last = max((column for _, column in sheet.values), default=1)
    for row in sheet.heights:
        for column in range(1, last + 1):
            sheet.style(row, column, "top")


def cell_text(value: str) -> str:
    """Text as the cell shows it: characters XML cannot hold dropped, carriage returns made
    line feeds (a spreadsheet's line break), cut at Excel's limit."""
    text = _ILLEGAL_XML.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return text[:MAX_CELL_TEXT]
