"""Folding of names and headers so that people's spellings compare equal."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """Remove diacritics (``é`` → ``e``) while keeping the base letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # cohorts repeat the same few hundred names many times
def fold_name(text: str) -> str:
    """Fold an institution name: case, accents and runs of spaces do not matter."""
    return _SPACES.sub(" ", strip_accents(text).casefold()).strip()


@lru_cache(maxsize=4096)
def fold_header(text: str) -> str:
    """Fold a column header: case, accents, spacing, ``_`` and ``-`` do not matter."""
    return _NON_WORD.sub("_", strip_accents(text).casefold()).strip("_")


#: First characters that make a spreadsheet read a cell as a formula (contract §8): matcher
#: writes such a cell with a leading ``'`` (:func:`matcher.outputs.csvwrite.neutralise`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_formula_guard(cell: str) -> str:
    """A cell read back from a CSV file matcher wrote: the ``'`` put before a cell that a
    spreadsheet would take for a formula (``'=SUM(A1)``, ``'-3``) is removed; any other cell
    is returned as it is."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell
