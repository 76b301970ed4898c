"""A quote opened in a CSV cell and closed only much later, or never (probe s28b).

Python's CSV reader, lenient as people's files need it to be, reads every line up to the
next quote (or to the end of the file) into the cell a stray quote opens: rows after it
were lost with no word but a warning about line breaks. ``read_csv_text`` refuses that
cell, naming its row and column.
"""

from __future__ import annotations

from collections import Counter

from matcher.errors import InputError, Problem
from matcher.labels import counted

__all__ = ["refuse_swallowed_rows"]


def refuse_swallowed_rows(label: str, records: list[tuple[int, list[str]]], delimiter: str) -> None:
    """Refuse a cell holding lines that look like rows of the table: a quote opened and
    not closed where it should have been (``"assistant social,no,…``) reads every line up to
    the next quote, or to the end of the file, into that cell, and the students after it
    were lost without a word but a warning about line breaks (probe s28b). A line counts
    as a row when it holds as many delimiters as the table's usual row."""
    widths = Counter(len(cells) for _, cells in records if len(cells) > 1)
    if not widths:
        return
    least = max(2, widths.most_common(1)[0][0] - 1)
    header = next((cells for _, cells in records if len(cells) > 1), [])
    for number, cells in records:
        for index, cell in enumerate(cells):
            if "\n" not in cell:
                continue
            lines = cell.splitlines()[1:]
            if any(line.count(delimiter) >= least for line in lines):
                column = header[index] if index < len(header) and header[index] else None
                said = counted("tb_quote_not_closed", len(lines))
                raise InputError(Problem(label, said, row=number, column=column))
