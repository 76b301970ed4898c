"""Ctrl-C and SIGTERM for the command line (contract §2, "Faults and hostile input").

While a command runs, SIGINT and SIGTERM are taken by a watcher thread, from the bytes
the interpreter's C handler writes for them (``signal.set_wakeup_fd``), so they are seen
even while CP-SAT, or a min-cost flow holding the GIL, holds the main thread in C++, and
two Ctrl-Cs are always two:

- the first Ctrl-C during a search asks every search to stop (``models.interrupt``); the
  command then writes the best result found so far (``"interrupted": true``) and exits 0,
  or, with nothing found yet, writes nothing and exits 130;
- a Ctrl-C before any search, a second Ctrl-C, or SIGTERM: the cleanups registered (the
  staging folder of ``write_outputs``) run and the process exits at once (130 / 143);
- a first Ctrl-C once the search is over (``search_over``: the outputs are being written)
  stops nothing and changes nothing written: the result is the one the search ended with,
  interrupted or not, and the terminal says so; a second one stops at once;
- once the outputs are in place (``written``), a signal that stops at once ends with exit 0
  saying the result was written: "nothing was written" and 130 / 143 would be untrue.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import click

from matcher.labels import Lang, label
from models import interrupt as _flag

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _forked_child())

#: The language of the messages printed on a signal (set by ``handling``).
_lang: list[Lang] = ["en"]

__all__ = [
    "EXIT_SIGINT",
    "EXIT_SIGTERM",
    "cleanup",
    "explaining",
    "handling",
    "hold",
    "interrupted",
    "is_written",
    "search_over",
    "stopping_at_once",
    "written",
]

EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM
_SIGNALS = {signal.SIGINT, signal.SIGTERM}

_lock = threading.Lock()
#: Held while the watcher may not end: the main thread signals it under this lock.
_ending = threading.Lock()
_cleanups: dict[int, Callable[[], None]] = {}
#: Whether ``handling`` is taking the signals (read in a process forked meanwhile).
_active = [False]
#: Set once the process is being ended at once (``_stop_now``).
_ending_now = threading.Event()
#: ``[search over, Ctrl-C pressed since]``: set by ``search_over``, cleared by ``handling``.
_writing = [False, False]
#: Set once the outputs are in place (``written``), cleared by ``handling``.
_written = threading.Event()
#: Set while the explanations run (``explaining``), cleared by ``handling``.
_explaining = threading.Event()


def interrupted() -> bool:
    """Whether Ctrl-C asked the search to stop (the result is the best found so far)."""
    return _flag.stop_requested()


def search_over() -> None:
    """The command's search is over and its outputs are being written: a first Ctrl-C from
    now on no longer makes the result "interrupted" (before, one pressed while result.xlsx
    was written had the terminal say ``"interrupted": true`` of a summary.json without it,
    and one pressed before summary.json marked a search that had ended on its own)."""
    with _lock:
        _writing[0] = True


def explaining() -> None:
    """The search is over and its result is being explained: a first Ctrl-C from now on
    says it stops the explanations (before, it said it stopped "the search", keeping "the
    best result found so far", of a result already proven)."""
    _explaining.set()


def written() -> None:
    """The outputs are in place, whole: a signal from now on stops the process at once with
    exit 0, saying so, since the result is written. (Before, a SIGTERM while the summary was
    printed said "nothing was written" and exited 143 beside a complete new result.) Called
    by the main thread; when the process is already being ended at once, its cleanups take
    the outputs back out (``write_outputs``), and it waits for that end."""
    with _lock:
        if not _ending_now.is_set():
            _written.set()
            return
    hold()


def is_written() -> bool:
    """Whether ``written`` was called (for the cleanups of ``write_outputs``)."""
    return _written.is_set()


@contextmanager
def cleanup(action: Callable[[], None]) -> Iterator[None]:
    """Run ``action`` if the process is stopped at once (second Ctrl-C, SIGTERM) meanwhile."""
    key = id(action)
    with _lock:
        _cleanups[key] = action
    try:
        yield
    finally:
        with _lock:
            _cleanups.pop(key, None)


def _say(message: str) -> None:
    # No stderr (closed when the command began, `matcher run … 2>&-`): say nothing. (Before,
    # writing to None raised here, in the watcher, so SIGTERM and Ctrl-C did nothing.)
    with contextlib.suppress(OSError, ValueError):
        click.echo(message, err=True)


def stopping_at_once() -> bool:
    """Whether the process is being ended at once (second Ctrl-C, SIGTERM): its cleanups
    run, then it exits; what the main thread still does meanwhile must not be reported."""
    return _ending_now.is_set()


def hold() -> None:
    """Wait for the end ``stopping_at_once`` announces (the main thread, which must neither
    report an error nor exit with another status meanwhile)."""
    threading.Event().wait()


def _stop_now(code: int, message: str) -> None:
    with _lock:  # decided with ``written``: the outputs are either in place or taken back
        _ending_now.set()
        if _written.is_set():
            code, message = 0, label("stopped_written", _lang[0])
        actions = list(_cleanups.values())
    for action in actions:
        with contextlib.suppress(Exception):  # nothing may keep the process from ending
            action()
    _say(message)
    os._exit(code)


def _on_signal(signum: int) -> None:
    if signum == signal.SIGTERM:
        _stop_now(EXIT_SIGTERM, _error("terminated_nothing"))
    elif _flag.stop_requested() or not _flag.solving_started() or _writing[1]:
        _stop_now(EXIT_SIGINT, _error("interrupted_nothing"))
    elif _writing[0]:
        _writing[1] = True
        _say(label("interrupted_writing", _lang[0]))
    else:
        said = "interrupted_explaining" if _explaining.is_set() else "interrupted_stopping"
        _say(label(said, _lang[0]))
        _flag.request_stop()


def _watch(read_fd: int, done: threading.Event) -> None:
    while True:
        try:
            received = os.read(read_fd, 64)
        except InterruptedError:
            continue
        except OSError:
            return
        for signum in received:
            if signum in _SIGNALS:
                _on_signal(signum)
        with _ending:
            if done.is_set() or not received:
                return


def _after_written(signum: int, frame: FrameType | None) -> None:
    """A signal once the command is over, its outputs written: it ends at once, exit 0."""
    _say(label("stopped_written", _lang[0]))
    os._exit(0)


def _noted(signum: int, frame: FrameType | None) -> None:
    """The signal is taken by the watcher, from the byte the interpreter wrote for it."""


def _forked_child() -> None:
    """A process forked meanwhile (the explanations' workers) leaves Ctrl-C to this one: its
    bytes would count as more Ctrl-Cs here."""
    if _active[0]:
        with contextlib.suppress(ValueError, OSError):
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _error(key: str) -> str:
    lang = _lang[0]
    return label("err_prefix", lang, message=label(key, lang))


@contextmanager
def handling(lang: Lang = "en") -> Iterator[None]:
    """Take Ctrl-C and SIGTERM as the module says while the block runs (main thread only);
    what is printed on a signal is in ``lang``."""
    _lang[0] = lang
    _flag.reset()
    _writing[:] = [False, False]
    _written.clear()
    _explaining.clear()
    if threading.current_thread() is not threading.main_thread() or sys.platform == "win32":
        yield
        return
    # The interpreter's own C handler writes each signal's number to a pipe at once, in
    # whichever thread receives it, without waiting for the main thread or the GIL: a
    # second Ctrl-C is never merged with the first. (Session 8: with the signals blocked
    # and taken by ``sigtimedwait``, two Ctrl-Cs 0.3 s apart while a min-cost flow held the
    # GIL for 3.6 s were one signal, and the run went on for 73 s, writing its result.)
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    handlers = {signum: signal.signal(signum, _noted) for signum in _SIGNALS}
    previous_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    _active[0] = True
    done = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(read_fd, done), name="matcher-signals", daemon=True
    )
    watcher.start()
    try:
        yield
    finally:
        # Under ``_ending`` the watcher cannot have ended: a signal reaches a live thread.
        with _ending:
            done.set()
            with contextlib.suppress(OSError):
                os.write(write_fd, b"\0")  # not a signal: wakes the watcher
        watcher.join()
        _active[0] = False
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in handlers.items():
            # The outputs written, a signal until the process ends must not say "nothing".
            signal.signal(signum, _after_written if _written.is_set() else handler)
        os.close(read_fd)
        os.close(write_fd)
