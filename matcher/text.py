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


# Control characters: C0 but tab and line feed, DEL, C1. Escape sequences (ESC), bell,
# NUL and carriage returns can clear a terminal, retitle its window or hide text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_IN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control character other than tab and line feed."""
    return _CONTROL.search(text) is not None


def control_characters(text: str) -> str:
    """The control characters of ``text`` (tab and line feed apart), each once, escaped
    (``\\x1b, \\x07``); empty when there are none."""
    found = dict.fromkeys(_CONTROL.findall(text))
    return ", ".join(_escaped(ch) for ch in found)


def drop_control_characters(text: str) -> str:
    """``text`` without its control characters (tab and line feed kept)."""
    return _CONTROL.sub("", text)


def printable(line: str) -> str:
    """A line fit for a terminal: every control character but tab shown escaped
    (``\\x1b``), line breaks too, so that data can neither drive the terminal nor forge
    a line."""
    return _CONTROL_IN_LINE.sub(lambda m: _escaped(m.group()), line)


def _escaped(ch: str) -> str:
    return f"\\x{ord(ch):02x}"
