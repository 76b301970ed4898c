"""The cohort's files opened by the workbench: the instance given on the command line, or
files uploaded from the browser into a temporary folder of our own (never a path the
browser sends), loaded by ``matcher.app``."""

from __future__ import annotations

import atexit
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from matcher import app
from matcher.errors import InputError, Problem
from matcher.labels import Text, text
from matcher.schemas import Instance
from matcher.web.upload_names import BOOK_SETTINGS, beside_books, safe_name, system_file

#: File names the loaders recognise, by kind (the upload form keeps only these).
UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_REQUIRED = ("commissions", "students")
_SETTINGS = "settings.toml"


def load_folder(
    path: Path, settings_file: Path | None = None, overrides: app.Overrides | None = None
) -> Instance:
    """The instance folder or workbook given on the command line (``app.load``), with
    ``matcher serve``'s ``--settings`` and overrides when given."""
    return _load(path, settings_file, overrides)


def _load(path: Path, settings_file: Path | None, overrides: app.Overrides | None) -> Instance:
    """``app.load`` as the workbench needs it: students.csv too, unless the cohort has no
    file that could be it (no other table at all): then a run is the selection alone
    (``matcher select``), the spring step of the season (probe s26: the page refused such
    a cohort). A file not taken for students.csv (``étudiants #2.csv``) keeps the problem
    listing it, rather than a cohort without students."""
    try:
        return app.load(path, settings_file, overrides, require=_REQUIRED, default_count=False)
    except InputError as error:
        missing = [p for p in error.problems if isinstance(p.message, Text)]
        if len(error.problems) != 1 or len(missing) != 1:
            raise
        message = missing[0].message
        assert isinstance(message, Text)
        if message.values.get("name") != "students.csv" or not (
            message.key == "ld_missing_file"
            or (message.key == "ld_missing_file_found" and _only_results(message))
        ):
            raise
    return app.load(path, settings_file, overrides, require=_REQUIRED[:1], default_count=False)


def load_uploads(
    files: Sequence[tuple[str, bytes]],
    name: str = "cohort",
    settings_file: Path | None = None,
    overrides: app.Overrides | None = None,
) -> tuple[Instance, Path]:
    """An instance from uploaded files, written to a fresh temporary folder of our own.

    Only the base name of each upload is kept, stripped of anything but letters, digits,
    dots, dashes, spaces, parentheses, apostrophes, ``&``, ``+`` and commas: no path sent by
    the browser is used. A single workbook is
    loaded as a workbook instance; CSV files as a folder, named ``name`` (the cohort's
    name in the page and in summary.json, never a temporary folder's). A ``settings.toml``
    uploaded beside them is the cohort's settings (contract §1), as in a folder.

    Returns the instance and the folder holding the copies (the instance folder for
    ``save``); its parent, a temporary folder of ours, is the caller's to remove
    (``drop_upload``) once the cohort is replaced or the workbench stops. Refused files
    leave nothing behind. Raises ``InputError`` with file, row, column of every problem.
    """
    root = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    _live_uploads.add(root)
    try:
        return _load_uploads(root, files, name, settings_file, overrides)
    except BaseException:
        drop_upload(root)
        raise


#: The name of every temporary folder holding uploads starts with it.
UPLOAD_PREFIX = "matcher-upload-"


def drop_upload(root: Path) -> None:
    """Remove the temporary folder of an upload (``load_uploads``'s folder's parent)."""
    import shutil

    if root.name.startswith(UPLOAD_PREFIX):  # never anything but a folder of ours
        shutil.rmtree(root, ignore_errors=True)
    _live_uploads.discard(root)


#: The upload folders not removed yet: whatever ends the process normally removes them
#: (``matcher serve`` closes its workbench itself too).
_live_uploads: set[Path] = set()


@atexit.register
def _drop_live_uploads() -> None:
    for root in list(_live_uploads):
        drop_upload(root)


def _load_uploads(
    root: Path,
    files: Sequence[tuple[str, bytes]],
    name: str,
    settings_file: Path | None,
    overrides: app.Overrides | None,
) -> tuple[Instance, Path]:
    """``load_uploads`` into the temporary folder ``root``."""
    folder = root / (safe_name(name) or "cohort")
    folder.mkdir()
    kept: list[Path] = []
    seen: set[str] = set()
    skipped: list[str] = []
    given = {safe_name(raw).lower() for raw, _ in files}
    for raw_name, data in files:
        if system_file(raw_name):
            continue  # as in a folder: Excel's lock file, a Mac's ._ file, .DS_Store
        safe = _downloaded_again(safe_name(raw_name), given)
        if safe and safe.lower() in seen:
            # The second one replaced the first without a word (two folders' students.csv).
            raise InputError(Problem(safe, text("up_twice")))
        seen.add(safe.lower())
        if safe.lower() == _SETTINGS:
            (folder / _SETTINGS).write_bytes(data)
            continue
        if safe.lower() in _RESULT_OUTPUTS:
            # A saved result's folder uploaded whole (probe s28f: refused as a whole for its
            # summary.json): the record of its solve is read with it, the renderings are
            # made again when it is saved.
            if safe.lower() == "summary.json":
                (folder / "summary.json").write_bytes(data)
            else:
                skipped.append(safe)
            continue
        if not safe or not safe.lower().endswith((*UPLOAD_SUFFIXES, BOOK_SETTINGS)):
            why = "up_settings_named" if safe.lower().endswith(".toml") else "up_not_a_table"
            raise InputError(Problem(safe or "?", text(why)))
        target = folder / safe
        target.write_bytes(data)
        kept.append(target)
    kept = beside_books(kept)
    if not kept and (folder / _SETTINGS).exists():
        # settings.toml uploaded alone (probe s27: "no file received", no file named).
        raise InputError(Problem(_SETTINGS, text("up_settings_alone")))
    if not kept:
        raise InputError(Problem("", text("up_nothing")))
    workbooks = [p for p in kept if p.suffix.lower() in (".xlsx", ".xlsm")]
    path = workbooks[0] if len(workbooks) == 1 and len(kept) == 1 else folder
    try:
        instance = _load(path, settings_file, overrides)
    except InputError as error:
        raise InputError([_as_uploaded(p, folder) for p in error.problems]) from None
    if skipped:
        said = text("up_outputs_skipped", files=", ".join(skipped))
        instance = instance.model_copy(update={"warnings": (*instance.warnings, said)})
    return instance, folder


def _as_uploaded(problem: Problem, folder: Path) -> Problem:
    """A problem of an upload named as the director knows it: never our temporary folder
    (a file missing from the uploads is the uploaded cohort's, by its name in the page; a
    workbook is its own name), and what to do in the page's terms."""
    message = problem.message
    if isinstance(message, Text) and message.key == "ld_workbook_hint":
        # The command line's advice ("give the workbook itself as the instance") in the
        # page's own words: upload the workbook alone.
        problem = replace(problem, message=text("web_upload_workbook_hint", **message.values))
    if problem.file == str(folder):
        return replace(problem, file=folder.name)
    prefix = str(folder) + os.sep
    if problem.file.startswith(prefix):
        return replace(problem, file=problem.file.removeprefix(prefix))
    return problem


#: A result's files, the teams' first (``saved_result`` reads them): uploaded with the
#: cohort's, never its students.
RESULT_FILES = ("teams.csv", "selection.csv", "result.xlsx")
_RESULT_NAMES = frozenset(RESULT_FILES)

#: A saved result's outputs: its summary.json (read with the result: a what-if's changes)
#: and what is made again from it (the report, the calendar).
_RESULT_OUTPUTS = frozenset({"summary.json", "report.html", "calendar.ics"})

#: ``result (1).xlsx``: a browser's name for a file downloaded a second time.
_AGAIN = re.compile(r"^(?P<stem>[^()]+?) ?\(\d+\)(?P<suffix>\.\w+)$")


def _downloaded_again(name: str, given: set[str]) -> str:
    """A result's file as the workbench offered it for download, ``result (1).xlsx`` when
    downloaded twice, is that file (``result.xlsx``) unless the upload holds that one too:
    it was refused as a table and the board not shown (probe s28f)."""
    found = _AGAIN.match(name)
    if found is None:
        return name
    original = found["stem"] + found["suffix"]
    return original if original.lower() in _RESULT_NAMES and original.lower() not in given else name


def _only_results(message: Text) -> bool:
    """Whether the files a missing students.csv's problem lists as found are a result's
    only (selection.csv uploaded with commissions.csv: the spring selection, probe s26)."""
    found = message.values.get("found")
    items = getattr(found, "items", ())
    names = [i.values.get("value") if isinstance(i, Text) else i for i in items]
    return bool(names) and all(str(n).lower() in _RESULT_NAMES for n in names)
