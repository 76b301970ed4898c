"""An input file's bytes, read as safely as a director's folder needs: never blocking on a
FIFO, refusing folders, special files, links to nowhere and files too large to be a
cohort's, each named; and whether a spreadsheet has the file open.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from matcher.errors import InputError, Problem, os_reason
from matcher.labels import Number, Text, text

#: The largest input file read (README, "Input"): a cohort's CSV file or workbook is well
#: under 1 MB (10,000 students: 1 MB); a larger one is not a cohort's and would only fill a
#: laptop's memory before being refused. Refused unread, naming the file.
MAX_FILE_BYTES = 50 * 1024 * 1024

# --- Reading a file's bytes ---------------------------------------------------------------


def present(path: Path) -> bool:
    """Whether anything is at ``path``, even a folder or a link to nowhere.

    A file that is there but cannot be read is not absent: it is read (and refused, naming
    it, by :func:`read_file_bytes`), so that no rule is ever dropped silently.
    """
    return os.path.lexists(path)


#: The lock files a spreadsheet writes beside a file it has open (``{}`` its name):
#: LibreOffice's ``.~lock.teams.csv#``, Excel's ``~$teams.csv``.
_LOCK_FILES = (".~lock.{}#", "~${}")


def open_in_spreadsheet(path: Path) -> Text | None:
    """A warning when a spreadsheet's lock file lies beside ``path``: the file is open in
    LibreOffice or Excel, perhaps with changes not saved yet, which reading it does not
    see (a lock file left by a spreadsheet that crashed says the same: "perhaps")."""
    path = Path(path)
    for pattern in _LOCK_FILES:
        lock = pattern.format(path.name)
        if os.path.lexists(path.with_name(lock)):
            return text("tb_open_in_spreadsheet", file=path.name, lock=lock)
    return None


def _unreadable(label: str, why: Text) -> InputError:
    return InputError(Problem(label, text("err_unreadable_file", why=why)))


def read_file_bytes(path: Path, label: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, never blocking (a FIFO is refused unopened).

    Raises
    ------
    InputError
        Naming the file (``label``, else its name) when it is absent, or there but not a
        readable file: a folder, a link to nowhere or to itself, no permission, a device,
        FIFO or socket.
    """
    path = Path(path)
    label = label or path.name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        # O_NONBLOCK: opening a FIFO returns at once; it is refused below without a read.
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise _unreadable(label, text("why_dangling_link", target=target)) from None
        raise InputError(Problem(label, text("err_no_such_file"))) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _unreadable(label, text("why_looping_link")) from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise _unreadable(label, text("why_no_permission")) from None
        if error.errno == errno.ENXIO:  # a socket
            raise _unreadable(label, text("why_special_file")) from None
        if error.errno == errno.EISDIR:  # Windows: a folder cannot be opened
            raise _unreadable(label, text("why_folder")) from None
        raise _unreadable(label, text("why_os_error", reason=os_reason(error))) from None
    status = os.fstat(descriptor)
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        why = "why_folder" if stat.S_ISDIR(mode) else "why_special_file"
        raise _unreadable(label, text(why))
    if status.st_size > MAX_FILE_BYTES:
        os.close(descriptor)
        size = Number(status.st_size / 2**20)
        limit = MAX_FILE_BYTES // 2**20
        raise InputError(Problem(label, text("err_file_too_large", size=size, limit=limit)))
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read()
        except OSError as error:
            raise _unreadable(label, text("why_os_error", reason=os_reason(error))) from None
