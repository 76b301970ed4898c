"""The explanations' worker processes (``matcher explain --workers N``, and ``run``,
``assign``, ``whatif`` with ``workers`` > 1), ended with the command.

Ctrl-C is the main process's to handle (``matcher.interrupt``: the workers ignore it), so a
stop reaches the workers from here: on a stop request (Ctrl-C, the workbench's cancel) the
results stop at once and the workers are killed, their wishes left unsettled; and when the
process is ended at once (a second Ctrl-C, SIGTERM), the workers are killed first. Before
session 16, a first Ctrl-C waited for every wish already sent to them (up to the time
limit), and a second one, or a SIGTERM to the main process, left them behind for ever.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from matcher.interrupt import cleanup
from models.interrupt import should_stop

__all__ = ["in_workers"]

T = TypeVar("T")
R = TypeVar("R")

#: Seconds between two looks at the stop request while a worker answers.
_POLL = 0.1


def in_workers(
    function: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    initializer: Callable[..., object],
    initargs: tuple[object, ...],
) -> Iterator[R]:
    """``function(item)`` for each of ``items``, in order, computed in ``workers`` processes
    (each takes the next item as soon as it is done with one); the results end early, the
    workers killed, once a stop is requested (``models.interrupt.should_stop``)."""
    processes = max(min(workers, usable_cores()), 1)
    pool = ProcessPoolExecutor(processes, initializer=initializer, initargs=initargs)
    done = False
    try:
        with cleanup(lambda: _kill(pool)):
            futures = [pool.submit(function, item) for item in items]
            for future in futures:
                result = _waited(future)
                if result is None:
                    return
                yield result[0]
            done = True
    finally:
        if not done:
            # Stopped, or the caller gave up (a closed pipe as it printed the count): the
            # wishes under way are dropped. Before shutdown, which forgets the processes.
            _kill(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _waited(future: Future[R]) -> tuple[R] | None:
    """The result of ``future`` (in a tuple), or None once a stop is requested first."""
    while not should_stop():
        try:
            return (future.result(timeout=_POLL),)
        except FutureTimeout:
            continue
    return None


def _kill(pool: ProcessPoolExecutor) -> None:
    """Kill the worker processes of ``pool`` (their work is dropped)."""
    # ``_processes``: the pool's own record of its workers (None once it has shut down).
    for process in list((pool._processes or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()
