"""The one way matcher writes CSV files: UTF-8 with a BOM, comma-separated, ``\\n`` line ends,
yes/no, and no cell a spreadsheet would run as a formula.

The BOM makes Excel (French locale included) open the file as UTF-8 rather than mojibake; a
cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is written with a
leading ``'`` (formula injection, contract §8), which the readers of results strip back
(:func:`matcher.text.strip_formula_guard`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from matcher.text import FORMULA_STARTS


def yes_no(flag: bool) -> str:
    """A boolean as written in every CSV file matcher produces."""
    return "yes" if flag else "no"


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula, with a leading ``'``; numbers and
    other text as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    spreadsheet: bool = True,
) -> None:
    """Write a header and rows; the same bytes on every platform.

    ``spreadsheet`` (outputs): a BOM first, formula-like cells guarded by ``'``. Without it
    (the cohorts ``generate`` writes, read back as instances), plain UTF-8, cells as they are.
    """
    encoding = "utf-8-sig" if spreadsheet else "utf-8"
    guard = neutralise if spreadsheet else (lambda value: value)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([guard(h) for h in header])
        writer.writerows([guard(v) for v in row] for row in rows)
