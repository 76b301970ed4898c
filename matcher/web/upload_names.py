"""The name an upload is kept under in the workbench's folder: its base name only (no path
the browser sends is used), reduced to safe characters and cut to what a file system holds.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_name"]

#: Anything but letters (accented too: ``étudiants.csv`` is a name of students.csv), digits,
#: ``_``, dots, dashes and spaces is replaced.
_SAFE_NAME = re.compile(r"[^\w. ()'’&+,-]")
#: The most bytes (UTF-8) of an upload's name as kept, and of the suffix it keeps when cut.
_MAX_NAME_BYTES = 200
_MAX_SUFFIX = 8


def safe_name(raw_name: str) -> str:
    """The base name of an upload, reduced to letters, digits, dots, dashes, spaces and
    ``()'’&+,`` (``students (1).csv``, ``liste d'étudiants.csv`` named as uploaded; composed
    first: a browser may send ``é`` as ``e`` and a combining accent)."""
    base = unicodedata.normalize("NFC", raw_name).replace("\\", "/").rsplit("/", 1)[-1]
    safe = _SAFE_NAME.sub("_", base).strip(" .")
    if len(safe.encode()) <= _MAX_NAME_BYTES:
        return safe
    # A name longer than a file system holds (255 bytes) failed to be written: an internal
    # error. Its start is kept, and its suffix, which says what it holds.
    stem, dot, suffix = safe.rpartition(".")
    suffix = f".{suffix}" if dot and len(suffix) <= _MAX_SUFFIX else ""
    stem = stem if suffix else safe
    room = _MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore").rstrip(" .") + suffix
