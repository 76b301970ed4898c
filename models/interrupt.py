"""A process-wide request to stop searching, checked by every solve loop.

The command line sets it on the first Ctrl-C (``matcher.interrupt``). Every CP-SAT solver
made by ``models.solve.make_solver`` is registered here while it may run, so a request
stops a search in progress (``StopSearch``: the solver keeps its best solution) and any
solver made afterwards gets no time, so later stages end at once with what they have.
No OR-Tools import: the flag is read by layers that never solve.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any

__all__ = [
    "register",
    "request_stop",
    "reset",
    "seconds_left",
    "solving_started",
    "stop_requested",
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
    return 0.0 if _stop.is_set() else max(deadline - time.perf_counter(), 0.0)


def solving_started() -> bool:
    """Whether a solver was made since the last ``reset`` (a search may hold a result)."""
    return _started.is_set()


def register(solver: Any) -> None:
    """Track ``solver`` (a ``CpSolver``) so that ``request_stop`` can stop its search."""
    with _lock:
        _started.set()
        _solvers.add(solver)


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
