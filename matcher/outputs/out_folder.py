"""The output folder (``--out``) checked before any work is done, and the folders made for it.

Folders are compared as the disk has them, not as their paths are written: a symbolic
link, a bind mount or another spelling on a case-insensitive disk naming the instance
folder is the instance folder. A path no file system can take (a name over 255 bytes, a
path over 4096, a link that loops) and the root of a disk are refused by name, before the
search runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from matcher.errors import RequestError, RequestPart, os_reason
from matcher.labels import text

__all__ = [
    "check_not_working_folder",
    "check_out_dir",
    "check_writable",
    "made_folders",
    "out_path",
    "remove_made",
    "unwritable",
]

#: The longest name of one file or folder (bytes) on the file systems of Linux, macOS and
#: Windows alike, and the longest path a system call takes (Linux's PATH_MAX).
NAME_MAX = 255
PATH_MAX = 4096
#: What the output folder's path may take of ``PATH_MAX``: the staging folder beside it
#: (``.matcher-<pid>-old-…/previous``) and the files in it (``explanations.csv``) add to it.
_ROOM = 64
#: A path named in a message is shortened to this many characters (its start and end kept).
_SHOWN = 160


def unwritable(out_dir: Path, error: OSError) -> RequestError:
    """The usage error for an output folder that cannot be written (``{out}`` named)."""
    return RequestError(text("out_unwritable"), out_dir=out_dir, reason=os_reason(error))


def _shown(path: Path | str) -> str:
    """``path`` as a message names it: a path of thousands of characters by its start and
    end, so that the sentence around it stays readable."""
    said = str(path)
    if len(said) <= _SHOWN:
        return said
    half = _SHOWN // 2
    return f"{said[:half]}…{said[-half:]}"


def out_path(out_dir: Path) -> Path:
    """``out_dir`` resolved (links followed), refused when no file system can hold it.

    Raises
    ------
    RequestError
        Worded with ``{out}``: one of its names longer than 255 bytes, a path longer than
        a file system takes, a symbolic link on the way that loops.
    """
    for part in out_dir.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            said = text("out_name_too_long", name=_shown(part), n=size, most=NAME_MAX)
            raise RequestError(said, out_dir=_shown(out_dir))
    try:
        resolved = out_dir.resolve()
    except RuntimeError:  # Python before 3.13: "Symlink loop from …"
        raise RequestError(text("out_link_loop"), out_dir=_shown(out_dir)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RequestError(text("out_link_loop"), out_dir=_shown(out_dir)) from None
        raise unwritable(Path(_shown(out_dir)), error) from error
    length = len(os.fsencode(str(resolved)))
    if length + _ROOM > PATH_MAX:
        raise RequestError(
            text("out_path_too_long", n=length, most=PATH_MAX - _ROOM), out_dir=_shown(out_dir)
        )
    return resolved


def _same(one: Path, other: Path) -> bool:
    """Whether two resolved paths are one folder on disk: the same path, or the same folder
    reached another way (a bind mount, another case on a case-insensitive disk)."""
    if one == other:
        return True
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _inside(inner: Path, outer: Path) -> bool:
    """Whether the folder ``outer`` holds ``inner`` (both resolved), as the disk has them."""
    return any(_same(parent, outer) for parent in inner.parents)


def check_out_dir(
    out_dir: Path,
    instance_dir: Path,
    *,
    inputs: Sequence[tuple[str, Path]] = (),
    kept: Sequence[tuple[str, Path]] = (),
    whole: bool = True,
) -> None:
    """Refuse an output folder that is the instance folder or another input folder.

    Parameters
    ----------
    out_dir
        The output folder.
    instance_dir
        The instance folder, or its workbook (then the folder holding it).
    inputs
        Other folders the command reads and must never modify, with the name of the part
        of the request naming them, e.g. ``[("from_dir", previous_dir)]`` for a what-if.
    kept
        Result folders given as folders (``whatif --from``, ``--result DIR``), named the
        same way: ``--out`` may not lie inside one either (a folder holding a file given,
        a selection or a workbook, may be any folder of the director's: not refused).
    whole
        Whether the command replaces the folder as a whole (every command but ``explain``,
        which writes its one file into it): then it may not hold an input, nor the folder
        the command runs in, nor be a disk's root (``check_not_working_folder``).

    Raises
    ------
    RequestError
        Worded with ``{out}`` and the names of ``inputs`` as placeholders.
    """
    out = out_path(out_dir)
    source = instance_dir.resolve()
    if source.is_file():
        source = source.parent
    if _same(out, source):
        raise RequestError(text("out_is_instance"), out_dir=out_dir)
    for option, folder in inputs:
        if _same(out, folder.resolve()):
            raise RequestError(text("out_is_input"), out_dir=out_dir, input=RequestPart(option))
    for option, folder in kept:
        # A folder inside it would add a folder (and a staging folder) to a result kept as
        # is (whatif's --from, report's, plan's and explain's --result alike).
        if _inside(out, folder.resolve()):
            raise RequestError(text("out_inside_input"), out_dir=out_dir, input=RequestPart(option))
    if whole:
        # The folder replaced as a whole may hold no input (it would be copied, then the
        # old one removed), nor be the folder the command runs in (the shell would be left
        # in a folder that no longer exists): `--out .` or `--out ..` from a cohort's
        # folder. A command writing its one file into it (``explain``) may write there.
        if _inside(source, out):
            raise RequestError(text("out_holds_instance"), out_dir=out_dir, folder=instance_dir)
        for option, folder in inputs:
            if _inside(folder.resolve(), out):
                part = RequestPart(option)
                raise RequestError(text("out_holds_input"), out_dir=out_dir, input=part)
        check_not_working_folder(out_dir)
    if out.exists() and not out.is_dir():
        raise RequestError(text("out_not_folder"), out_dir=out_dir)
    check_writable(out_dir)


def check_not_working_folder(out_dir: Path) -> None:
    """Refuse an output folder replaced as a whole that is the folder the command runs in,
    or holds it: the shell would be left in a folder that no longer exists (``--out .``,
    ``--out ..``, an empty ``--out``); or that is the root of a disk (``/``, a USB
    stick's): its staging folder would be made on another disk, or outside any folder, and
    the root can be neither moved nor replaced; or that is the home folder, or holds it.

    Raises
    ------
    RequestError
        Worded with ``{out}``.
    """
    out = out_path(out_dir)
    if out.is_dir() and os.path.ismount(out):
        raise RequestError(text("out_disk_root"), out_dir=out_dir)
    # The home folder: every file of the person's would be copied, then the folder they
    # are logged in with moved aside (``--out ~``, the folder's name forgotten).
    with contextlib.suppress(RuntimeError, OSError):  # no home folder known
        home = Path.home().resolve()
        if out.is_dir() and (_same(out, home) or _inside(home, out)):
            raise RequestError(text("out_holds_home"), out_dir=out_dir)
    try:
        here = Path.cwd().resolve()
    except OSError:  # the folder the shell is in was removed: nothing of it to replace
        return
    if _same(out, here) or _inside(here, out):
        raise RequestError(text("out_holds_working_folder"), out_dir=out_dir)


def check_writable(out_dir: Path) -> None:
    """Refuse an output folder that cannot be made or written, before any work is done.

    Raises
    ------
    RequestError
        Worded with ``{out}``: a parent that is a file, or a place where no folder can be
        made (no permission, /proc, a read-only file system), or a path no file system
        takes (``out_path``).
    """
    out = out_path(out_dir)
    # The folder that will hold the staging folder (or the first of its parents that exists)
    # must take a new folder: try one, rather than trust permission bits (root, /proc, a
    # read-only file system).
    existing = out.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise RequestError(text("out_parent_not_folder"), out_dir=out_dir, existing=existing)
    # An existing folder too: it is replaced by a rename (Linux wants a folder writable to
    # move it), and `explain` writes into it; found out now, not after the search.
    probed = [existing, *([out] if out.is_dir() else [])]
    for folder in probed:
        try:
            os.rmdir(tempfile.mkdtemp(prefix=f".matcher-{os.getpid()}-", dir=folder))
        except OSError as error:
            if folder == out:
                raise unwritable(out_dir, error) from error
            # The folder to check is the one holding it (`--out` itself may be writable).
            raise RequestError(
                text("out_folder_unwritable"), out_dir=out_dir, folder=folder,
                reason=os_reason(error),
            ) from error  # fmt: skip


def made_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the folders made, outermost first (for
    ``remove_made`` when the command then writes nothing).

    Raises
    ------
    OSError
        As ``Path.mkdir``; what it made before failing is removed.
    """
    missing: list[Path] = []
    step = folder
    while not (step.exists() or step.is_symlink()) and step != step.parent:
        missing.append(step)
        step = step.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, never removed
        except OSError:
            remove_made(made)
            raise
        made.append(path)
    return made


def remove_made(made: Sequence[Path]) -> None:
    """Remove the folders of ``made_folders``, innermost first, each only if empty (a file
    someone put there meanwhile keeps it, and those holding it)."""
    for path in reversed(made):
        try:
            path.rmdir()
        except OSError:
            return
