"""The cells of a raw table as read: control and invisible characters dropped (and said),
unread workbook formulas marked, columns named by their spreadsheet letter
(:mod:`matcher.loading.tables`)."""

from __future__ import annotations

import re

from matcher.errors import Problem
from matcher.labels import text
from matcher.text import (
    INVISIBLE_AT_ENDS,
    control_characters,
    drop_control_characters,
    has_control_characters,
    without_invisible,
)

#: Cells with control characters warned about one by one, per table; the rest are counted.
_MAX_CONTROL_WARNINGS = 5


class UnsavedFormula(str):
    """A workbook cell without a value to read, refused once its sheet is a table: a formula
    never computed (empty; not by Excel, LibreOffice) or an error shown (``#N/A``)."""

    __slots__ = ()


def column_name(header: list[str], idx: int) -> str:
    """How a problem names column ``idx``: its header, else its spreadsheet letter."""
    if idx < len(header) and header[idx]:
        return header[idx]
    return column_letter(idx)


def column_letter(idx: int) -> str:
    """The spreadsheet letter of column ``idx`` (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    idx += 1
    while idx:
        idx, rest = divmod(idx - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_INVISIBLE = re.compile(f"[{INVISIBLE_AT_ENDS}]")


def clean_cells(
    records: list[tuple[int, list[str]]],
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, int, str]]]:
    """Every cell without control characters (tab and line breaks kept, CR LF and lone CR
    made LF) and without the characters that show nothing (zero-width spaces, soft hyphens:
    :func:`matcher.text.without_invisible`, silently, as spaces are trimmed); where control
    characters were dropped: (row, column index, the characters), and, with the
    characters ``"\ufffd"``, each cell holding an unreadable character (kept)."""
    cleaned: list[tuple[int, list[str]]] = []
    flagged: list[tuple[int, int, str]] = []
    for number, cells in records:
        joined = "".join(cells)
        if "\ufffd" in joined:
            # A byte no encoding defines (or a file mixing encodings): kept as shown, the
            # cell named so that the director checks it.
            flagged += [
                (number, idx, "\ufffd") for idx, cell in enumerate(cells) if "\ufffd" in cell
            ]
        if not has_control_characters(joined) and not _INVISIBLE.search(joined):
            cleaned.append((number, cells))  # nearly every row: nothing to do
            continue
        row: list[str] = []
        for idx, cell in enumerate(cells):
            if isinstance(cell, UnsavedFormula):
                row.append(cell)
                continue
            cell = cell.replace("\r\n", "\n").replace("\r", "\n")
            found = control_characters(cell)
            if found:
                flagged.append((number, idx, found))
                cell = drop_control_characters(cell).strip()
            row.append(without_invisible(cell))
        cleaned.append((number, row))
    return cleaned, flagged


def control_warnings(
    label: str, header: list[str], flagged: list[tuple[int, int, str]]
) -> tuple[Problem, ...]:
    """One warning per cell whose control characters were dropped, or that holds an
    unreadable character (``clean_cells``), the first few."""
    warnings = [
        Problem(
            label,
            text("warn_unreadable_character")
            if chars == "\ufffd"
            else text("warn_control_characters", chars=chars),
            row=number,
            column=column_name(header, idx),
        )
        for number, idx, chars in flagged[:_MAX_CONTROL_WARNINGS]
    ]
    if len(flagged) > _MAX_CONTROL_WARNINGS:
        more = len(flagged) - _MAX_CONTROL_WARNINGS
        warnings.append(Problem(label, text("warn_control_characters_more", n=more)))
    return tuple(warnings)
