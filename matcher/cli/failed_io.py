"""A file the command could not read or write outside the checks of its own.

Each command checks what it reads and writes (invalid input, ``--out`` that cannot be
written); what is left is mostly its own output sent to a full disk (``matcher run … >
log.txt``). Before, that was "internal error: OSError: [Errno 28] No space left on
device … nothing was written", also beside a result written whole.
"""

from __future__ import annotations

import sys

from matcher.cli.streams import silence
from matcher.errors import os_reason
from matcher.labels import Lang, label, text, worded

__all__ = ["os_failure"]


def os_failure(error: OSError, lang: Lang) -> tuple[int, list[str]]:
    """The exit status and the lines said on stderr for ``error``: the file (or the
    command's output) and the system's reason in the director's words. Exit 2, nothing
    written; or 0 when the outputs were in place before it (they are complete: only what
    the command prints after them is missing)."""
    from matcher import interrupt

    reason = os_reason(error)
    if error.filename is None:  # what it prints: the interpreter's last flush goes nowhere
        silence(sys.stdout)
        failed = text("cli_os_error_output", reason=reason)
    else:
        failed = text("cli_os_error_file", file=error.filename, reason=reason)
    said = label("err_prefix", lang, message=worded(failed, lang))
    if interrupt.is_written():
        return 0, [said, label("cli_os_error_written", lang)]
    return 2, [said, label("cli_os_error_nothing", lang)]
