"""The name an upload is kept under in the workbench's folder: its base name only (no path
the browser sends is used), without what a file system refuses, cut to what one holds.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from matcher.errors import InputError, Problem, os_reason
from matcher.labels import Lang, Text, label, text
from matcher.loading.sources import BOOK_SUFFIXES, SYSTEM_PREFIXES

__all__ = [
    "BOOK_SETTINGS",
    "beside_books",
    "safe_name",
    "system_file",
    "unkept",
    "uploaded_in",
]

#: A workbook's own settings beside it, as the command line reads them
#: (``Cohorte 2026.xlsx`` and ``Cohorte 2026.settings.toml``).
BOOK_SETTINGS = ".settings.toml"

#: What no file system holds in a name (Windows' ``<>:"/\\|?*``) is replaced; so is any
#: control or format character (``unicodedata`` category C: escapes, bidi overrides).
#: The rest is kept: the director's name as on disk (``étudiants #2.csv``, ``Étudiants
#: [2026].csv``, ``Commandes – 2026.csv``), which the page says in its problems.
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*]')
#: The most bytes (UTF-8) of an upload's name as kept, and of the suffix it keeps when cut.
_MAX_NAME_BYTES = 200
_MAX_SUFFIX = 8


def safe_name(raw_name: str) -> str:
    """The base name of an upload, without what no file system holds and without control
    characters (``students (1).csv``, ``étudiants #2.csv`` named as uploaded; composed
    first: a browser may send ``é`` as ``e`` and a combining accent)."""
    base = unicodedata.normalize("NFC", raw_name).replace("\\", "/").rsplit("/", 1)[-1]
    kept = (
        "_" if _UNSAFE_CHARS.match(c) or unicodedata.category(c).startswith("C") else c
        for c in base
    )
    safe = "".join(kept).strip(" .")
    if len(safe.encode()) <= _MAX_NAME_BYTES:
        return safe
    # A name longer than a file system holds (255 bytes) failed to be written: an internal
    # error. Its start is kept, and its suffix, which says what it holds.
    stem, dot, suffix = safe.rpartition(".")
    suffix = f".{suffix}" if dot and len(suffix) <= _MAX_SUFFIX else ""
    stem = stem if suffix else safe
    room = _MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore").rstrip(" .") + suffix


def system_file(raw_name: str) -> bool:
    """Whether an upload is a file a system writes beside the director's, by its base name
    as sent: Excel's lock file ``~$…``, a Mac's ``._…``, ``.DS_Store`` (skipped, as an
    instance folder skips them: ``sources.SYSTEM_PREFIXES``)."""
    base = raw_name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.startswith(SYSTEM_PREFIXES)


def beside_books(kept: list[Path]) -> list[Path]:
    """The uploads kept but a workbook's own settings (``<workbook>.settings.toml``, read by
    the loader beside it, as on the command line); one that is no uploaded workbook's is
    refused naming it, as any file that holds no table."""
    books = {p.stem.casefold() for p in kept if p.suffix.lower() in BOOK_SUFFIXES}
    tables = []
    for path in kept:
        if not path.name.lower().endswith(BOOK_SETTINGS):
            tables.append(path)
        elif path.name[: -len(BOOK_SETTINGS)].casefold() not in books:
            # Named for a workbook that is not here (probe s29c: « cohorte.settings.toml »
            # beside « cohorte-cassee.xlsx » was told a table was expected).
            book = path.name[: -len(BOOK_SETTINGS)] + ".xlsx"
            raise InputError(Problem(path.name, text("up_book_settings_alone", book=book)))
    return tables


def unkept(error: OSError) -> Text:
    """The files the browser sent could not be kept in the temporary folder (the disk that
    holds it full, failing, or not ours to write): what the page says, in its language,
    with what to do, never the web server's error 500."""
    import tempfile

    try:
        folder = tempfile.gettempdir()
    except OSError:  # none usable at all ("No usable temporary directory found")
        folder = os.environ.get("TMPDIR") or os.environ.get("TEMP") or "TMPDIR"
    return text("web_upload_unkept", folder=folder, reason=os_reason(error))


def uploaded_in(name: str, lang: Lang) -> str:
    """``name`` in ``lang`` when it is the name an uploaded cohort is given
    (``web_uploaded_cohort``, in the page's language at the upload), else ``name``: the
    problems table's « File » cell follows the page switched to another language (probe
    s40e: « uploaded cohort » in the French page, « cohorte déposée » in the English one)."""
    given = {label("web_uploaded_cohort", other) for other in ("en", "fr")}
    return label("web_uploaded_cohort", lang) if name in given else name
