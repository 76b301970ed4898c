"""Ctrl-C and SIGTERM while the ``matcher`` command starts, before ``matcher.interrupt``
takes them (contract §2, "Faults and hostile input").

Starting takes up to a second on a loaded machine (the imports, click parsing the command
line, a command's module). Python's own handling of Ctrl-C there printed a traceback
(``KeyboardInterrupt`` inside an import) or click's ``Aborted!``, with status 1 or -2.
Imported before anything else by :mod:`matcher.cli`, this module, in the ``matcher``
process only (never in a process that invokes the command, such as a test's
``CliRunner``), makes:

- a first Ctrl-C remembered: the command ends as soon as it begins (:func:`settle`, called
  by ``matcher.cli.common``), writing nothing, with exit 130 and the usual sentence;
- a second Ctrl-C, or SIGTERM: the process ends at once, writing nothing (130 / 143).

Nothing heavy is imported here: the earlier the handler is in place, the smaller the
window left to Python's default.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

from matcher.cli.started import own_process

__all__ = ["explicit_lang", "settle"]

#: The signals received while starting (a first Ctrl-C waits for the command to begin).
_received: list[int] = []
#: Whether the handlers below were installed (the ``matcher`` process).
_installed: list[bool] = [False]


def _say_stopped(signum: int) -> None:
    """The usual sentence, when the catalogue is already loaded (else nothing: the status
    says it); a signal handler must not import."""
    try:
        labels = sys.modules.get("matcher.labels")
        if labels is None:
            return
        lang = labels.resolve_lang(explicit_lang(sys.argv[1:]))
        key = "terminated_nothing" if signum == signal.SIGTERM else "interrupted_nothing"
        message = labels.label("err_prefix", lang, message=labels.label(key, lang))
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except Exception:  # a module half imported, a stream closed: say nothing
        pass


def explicit_lang(args: Sequence[str]) -> str | None:
    """A command line's ``--lang`` (``--lang fr``, ``--lang=fr``) wherever it is, as
    typed; ``None`` without one. Words after ``--`` are arguments, not options. Here, with
    nothing imported, so that a signal while starting speaks it too (probe s26: a SIGTERM
    said "terminated" in English to ``matcher --lang fr run …``)."""
    explicit = None
    for idx, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and idx + 1 < len(args):
            explicit = args[idx + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    return explicit


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if signum == signal.SIGINT and not _received:
        _received.append(signum)
        return
    _say_stopped(signum)
    os._exit(128 + signum)


def settle(*, restore: bool = True) -> bool:
    """Whether a Ctrl-C came while the command started; with ``restore``, Ctrl-C and SIGTERM
    go back to Python's defaults (a command that handles them itself), else they stay with
    whoever took them since (``matcher.interrupt.handling``)."""
    if not _installed[0]:
        return False
    _installed[0] = False
    if restore:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    return bool(_received)


def _install() -> None:
    if not own_process():
        return
    try:
        signal.signal(signal.SIGINT, _on_signal)
        signal.signal(signal.SIGTERM, _on_signal)
    except ValueError:  # not the main thread
        return
    _installed[0] = True


_install()
