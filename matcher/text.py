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
