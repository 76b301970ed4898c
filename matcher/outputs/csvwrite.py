"""The one way matcher writes CSV files: UTF-8, comma-separated, ``\\n`` line ends, yes/no."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def yes_no(flag: bool) -> str:
    """A boolean as written in every CSV file matcher produces."""
    return "yes" if flag else "no"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows; the same bytes on every platform."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
