"""A process-wide request to stop searching, checked by every solve loop.

The command line sets it on the first Ctrl-C (``matcher.interrupt``). Every CP-SAT solver
made by ``models.solve.make_solver`` is registered here while it may run, so a request
stops a search in progress (``StopSearch``: the solver keeps its best solution) and any
solver made afterwards gets no time, so later stages end at once with what they have.
No OR-Tools import: the flag is read by layers that never solve.

A front end that runs several solves in one process (the workbench) stops one of them
with a ``StopToken`` instead: ``with stopping(token):`` around the solve, in the thread
that solves, makes ``make_solver`` register its solvers with the token too, and
``token.stop()`` then stops those searches alone (best solution kept, as for Ctrl-C).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = [
    "StopToken",
    "Stopped",
    "abandonable",
    "checkpoint",
    "current_token",
    "register",
    "request_stop",
    "reset",
    "searching",
    "seconds_left",
    "should_stop",
    "solving_started",
    "stop_requested",
    "stopping",
]

_stop = threading.Event()
_started = threading.Event()
_lock = threading.Lock()
_solvers: weakref.WeakSet[Any] = weakref.WeakSet()


def stop_requested() -> bool:
    """Whether a stop was asked for (by Ctrl-C) since the last ``reset``."""
    return _stop.is_set()


def seconds_left(deadline: float) -> float:
    """Seconds before ``deadline`` (a ``time.perf_counter()`` value); none once a stop was
    asked for, so that every heuristic loop watching a deadline also stops on Ctrl-C."""
    return 0.0 if should_stop() else max(deadline - time.perf_counter(), 0.0)


def solving_started() -> bool:
    """Whether a solver was made since the last ``reset`` (a search may hold a result)."""
    return _started.is_set()


def searching() -> None:
    """A search that holds answers before any solver is made has begun (the explanations:
    their pre-checks settle wishes without CP-SAT): Ctrl-C from now on keeps them."""
    _started.set()


def register(solver: Any) -> None:
    """Track ``solver`` (a ``CpSolver``) so that ``request_stop`` can stop its search, and
    the current thread's ``StopToken`` (if any) too."""
    with _lock:
        _started.set()
        _solvers.add(solver)
    token = current_token()
    if token is not None:
        token.register(solver)


def request_stop() -> None:
    """Ask every running and later search to stop; safe from any thread."""
    with _lock:
        _stop.set()
        solvers = list(_solvers)
    for solver in solvers:
        solver.stop_search()


def reset() -> None:
    """Forget any earlier request (start of a command; tests)."""
    with _lock:
        _stop.clear()
        _started.clear()
        _solvers.clear()


class StopToken:
    """A stop for the searches of one caller, not the whole process (the workbench's cancel).

    ``stop()`` may be called from any thread, and again: a search registered but not yet
    started when the first call came is stopped by the next one.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._solvers: weakref.WeakSet[Any] = weakref.WeakSet()

    @property
    def stopped(self) -> bool:
        """Whether ``stop`` was called."""
        return self._event.is_set()

    def register(self, solver: Any) -> None:
        """Track ``solver`` so that ``stop`` stops its search."""
        with self._lock:
            self._solvers.add(solver)

    def stop(self) -> None:
        """Stop every search registered with this token; later ones get no time."""
        self._event.set()
        with self._lock:
            solvers = list(self._solvers)
        for solver in solvers:
            solver.stop_search()


_local = threading.local()


def current_token() -> StopToken | None:
    """The token the current thread solves under (``stopping``), if any."""
    token: StopToken | None = getattr(_local, "token", None)
    return token


@contextmanager
def stopping(token: StopToken) -> Iterator[StopToken]:
    """Solves made in this thread while the block runs obey ``token``."""
    previous = current_token()
    _local.token = token
    try:
        yield token
    finally:
        _local.token = previous


def should_stop() -> bool:
    """Whether the searches of the current thread must stop: Ctrl-C, or its token."""
    token = current_token()
    return _stop.is_set() or (token is not None and token.stopped)


class Stopped(Exception):
    """Raised by ``checkpoint`` inside ``abandonable``: the work under way is dropped."""


@contextmanager
def abandonable() -> Iterator[None]:
    """Work in this block that calls ``checkpoint`` (a model's build) may be dropped on a
    stop by raising ``Stopped``: for work whose caller has a plain answer without it (an
    explanation left ``unknown``), so that Ctrl-C is not kept waiting seconds for a model
    that will never be solved. Outside such a block ``checkpoint`` does nothing."""
    previous = getattr(_local, "abandonable", False)
    _local.abandonable = True
    try:
        yield
    finally:
        _local.abandonable = previous


def checkpoint() -> None:
    """Inside ``abandonable``, raise ``Stopped`` once a stop was asked for."""
    if getattr(_local, "abandonable", False) and should_stop():
        raise Stopped
