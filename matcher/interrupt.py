"""Ctrl-C and SIGTERM for the command line (contract §2, "Faults and hostile input").

While a command runs, SIGINT and SIGTERM are blocked in the main thread and taken by a
watcher thread (``sigtimedwait``), so they are seen even while CP-SAT holds the main thread
in C++:

- the first Ctrl-C during a search asks every search to stop (``models.interrupt``); the
  command then writes the best result found so far (``"interrupted": true``) and exits 0,
  or, with nothing found yet, writes nothing and exits 130;
- a Ctrl-C before any search, a second Ctrl-C, or SIGTERM: the cleanups registered (the
  staging folder of ``write_outputs``) run and the process exits at once (130 / 143).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from matcher.labels import Lang, label
from models import interrupt as _flag

#: The language of the messages printed on a signal (set by ``handling``).
_lang: list[Lang] = ["en"]

__all__ = ["EXIT_SIGINT", "EXIT_SIGTERM", "cleanup", "handling", "interrupted"]

EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
#: Sent by the main thread to the watcher when the command is done, so that it ends at
#: once rather than at its next tenth of a second (a tenth of a 60-student run's wall
#: time, on an idle machine, was spent waiting for it).
_WAKE = getattr(signal, "SIGUSR1", None)

_lock = threading.Lock()
#: Held while the watcher may not end: the main thread signals it under this lock.
_ending = threading.Lock()
_cleanups: dict[int, Callable[[], None]] = {}


def interrupted() -> bool:
    """Whether Ctrl-C asked the search to stop (the result is the best found so far)."""
    return _flag.stop_requested()


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
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _stop_now(code: int, message: str) -> None:
    with _lock:
        actions = list(_cleanups.values())
    for action in actions:
        with contextlib.suppress(Exception):  # nothing may keep the process from ending
            action()
    _say(message)
    os._exit(code)


def _on_signal(signum: int) -> None:
    if signum == signal.SIGTERM:
        _stop_now(EXIT_SIGTERM, _error("terminated_nothing"))
    elif _flag.stop_requested() or not _flag.solving_started():
        _stop_now(EXIT_SIGINT, _error("interrupted_nothing"))
    else:
        _say(label("interrupted_stopping", _lang[0]))
        _flag.request_stop()


def _watch(done: threading.Event, waited: set[signal.Signals]) -> None:
    while True:
        info = signal.sigtimedwait(waited, 0.1)
        if info is not None and info.si_signo in _SIGNALS:
            _on_signal(info.si_signo)
        with _ending:
            if done.is_set():
                return


def _error(key: str) -> str:
    lang = _lang[0]
    return label("err_prefix", lang, message=label(key, lang))


@contextmanager
def handling(lang: Lang = "en") -> Iterator[None]:
    """Take Ctrl-C and SIGTERM as the module says while the block runs (main thread only);
    what is printed on a signal is in ``lang``."""
    _lang[0] = lang
    _flag.reset()
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    waited = _SIGNALS | ({_WAKE} if _WAKE is not None else set())
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, waited)
    done = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(done, waited), name="matcher-signals", daemon=True
    )
    watcher.start()
    try:
        yield
    finally:
        # Under ``_ending`` the watcher cannot have ended: the signal reaches a live thread.
        with _ending:
            done.set()
            if _WAKE is not None and watcher.ident is not None:
                signal.pthread_kill(watcher.ident, _WAKE)
        watcher.join()
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
