"""The terminal's streams when they can no longer be written (a reader gone, a full disk)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from typing import TextIO

__all__ = ["readers_may_leave", "said_unless_gone", "silence"]

#: Whether stdout's reader left after Ctrl-C, the result written (``said_unless_gone``).
_gone = [False]


def silence(*streams: TextIO) -> None:
    """Point each stream's file descriptor at /dev/null: the interpreter's last flush of
    it, which would fail again (a closed pipe, ``2>/dev/full``), goes nowhere."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in streams:
            os.dup2(devnull, stream.fileno())


def said_unless_gone(say: Callable[[], None]) -> None:
    """``say()``, a line on stdout. Ctrl-C in ``matcher run … | tee run.log`` stops tee too:
    once the interrupted result is written, stdout's reader gone is no failure, the rest of
    the summary is dropped and the command ends as Ctrl-C once does, exit 0, said on stderr
    (probe s34c: exit 141, the line saying the result was written lost)."""
    if _gone[0]:
        return
    try:
        say()
    except BrokenPipeError:
        from matcher import interrupt

        if not (interrupt.interrupted() and interrupt.is_written()):
            raise
        _gone[0] = True
        silence(sys.stdout)


class _ReaderMayLeave(io.TextIOWrapper):
    """The terminal's stdout or stderr, whose reader may leave (``matcher validate … | head
    -1``, or ``2>&1 | head``): the lines after go nowhere and the command goes on, so that
    its messages on the other stream and its exit status are the contract's (probe s37a:
    exit 141 and the rules that conflict never said, where ``validate`` exits 3; probe
    s38e: with ``2>&1``, a warning on stderr still met the closed pipe and ended 141)."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            silence(self)
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            silence(self)
            with contextlib.suppress(OSError, ValueError):
                super().flush()


def readers_may_leave() -> None:
    """Make the process's own stdout and stderr streams whose reader may leave
    (:class:`_ReaderMayLeave`); a stream replaced already (a test's runner) is left as it is."""
    sys.stdout = _may_leave(sys.stdout, sys.__stdout__)
    sys.stderr = _may_leave(sys.stderr, sys.__stderr__)


def _may_leave(stream: TextIO | None, own: TextIO | None) -> TextIO | None:
    """``stream`` as a :class:`_ReaderMayLeave` when it is the process's ``own``."""
    if stream is None or stream is not own or not isinstance(stream, io.TextIOWrapper):
        return stream
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.flush()
        return _ReaderMayLeave(
            stream.buffer,
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=stream.line_buffering,
            write_through=stream.write_through,
        )
    return stream
