"""Staging folders left by killed runs (``write_outputs``): found by the process id in their
name, removed by the next run, an output folder they held put back first."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

__all__ = ["recover", "remove_stale_staging", "restore_missing", "take_back"]

#: Staging folders are named ``.matcher-<pid>-…`` so a later run can tell a dead run's.
_STAGING = re.compile(r"^\.matcher-(\d+)-")
#: When this process loaded the writers: staging folders of dead runs older than it go.
_STARTED = time.time()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _of_dead_runs(parent: Path) -> list[Path]:
    """The staging folders in ``parent`` named by a process that is no longer alive (never
    this one's); none when ``parent`` cannot be listed."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    pids = {entry: _STAGING.match(entry.name) for entry in entries}
    return [
        entry
        for entry, match in pids.items()
        if match is not None and int(match[1]) != os.getpid() and not _alive(int(match[1]))
    ]


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove staging folders in ``parent`` left by runs that were killed; the ones removed.

    A staging folder is stale when the process named in it is no longer alive and it is
    older than the current run.
    """
    removed: list[Path] = []
    for entry in _of_dead_runs(parent):
        try:
            if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < _STARTED:
                _put_back(entry, parent)
                shutil.rmtree(entry)
                removed.append(entry)
        except OSError:
            continue
    return removed


def recover(out_dir: Path) -> None:
    """Before a command writing ``out_dir`` does anything that can fail: the folder put
    back when a run killed as it replaced it left it missing, and the staging folders of
    dead runs beside it (and, for ``generate``'s, in it) removed. Until then only a run
    that reached the writing did so: one ending in invalid input or exit 3 left the
    result missing and both staging folders behind (probe s32b, contract §2: "a stale
    one left by a killed run is removed by the next run"). Runs still alive keep theirs;
    a folder that cannot be looked at is left for the command to report."""
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        folder = out_dir.resolve()  # as the writer will reach it (``nothere/..``)
        restore_missing(folder)
        remove_stale_staging(folder.parent)
        if folder.is_dir():
            remove_stale_staging(folder)


def restore_missing(folder: Path) -> bool:
    """Put back the output folder ``folder`` when a run killed between moving it aside and
    moving its new one in left it missing (``_put_back``); whether it did. Called by the
    commands that read a result (``--result``, ``--from``): until then only a run writing
    beside it put it back, and check, report and whatif said it did not exist (probe s26,
    ``kill -9`` between the two renames)."""
    if folder.exists() or folder.is_symlink():
        return False
    parent = folder.parent
    for entry in _of_dead_runs(parent):
        try:
            named = entry / "name"
            if named.is_file() and named.read_text(encoding="utf-8") == folder.name:
                _put_back(entry, parent)
                if folder.exists():
                    shutil.rmtree(entry, ignore_errors=True)
                    return True
        except OSError:
            continue
    return False


def _put_back(holder: Path, parent: Path) -> None:
    """A run killed between moving the old output folder aside (into ``holder``) and moving
    the new one in left the folder missing: the old one goes back to its place, unless
    something took that place since."""
    previous, named = holder / "previous", holder / "name"
    if not (previous.is_dir() and named.is_file()):
        return
    name = named.read_text(encoding="utf-8")
    target = parent / name
    if Path(name).name == name and not (target.exists() or target.is_symlink()):
        previous.rename(target)


def take_back(staging: Path, target: Path, holder: Path | None) -> None:
    """Undo ``write_outputs`` when the process is stopped at once (second Ctrl-C, SIGTERM)
    before its outputs are said written: the staging folder goes, even if the main thread
    has just moved it in as ``target``, and the earlier folder, moved aside into
    ``holder``, is put back."""
    # Renamed away first: the main thread, still writing, can add no file to it by its
    # path (it did, between rmtree's listing and its last step, and the folder stayed).
    doomed = staging.with_name(staging.name + "-stopped")
    try:
        staging.rename(doomed)
    except FileNotFoundError:
        # The main thread moved it in, but has not said ``written``: taken back out.
        with contextlib.suppress(OSError):
            target.rename(doomed)
    except OSError:
        doomed = staging
    shutil.rmtree(doomed, ignore_errors=True)
    if holder is None:
        return
    if not target.exists():
        with contextlib.suppress(OSError):  # the main thread may be putting it back too
            (holder / "previous").rename(target)
    if target.exists():
        shutil.rmtree(holder, ignore_errors=True)
