"""When the command began: the moment ``--time-limit`` is counted from (issue 17).

A programme director times ``matcher run`` from the moment they press Enter, so the limit
covers the interpreter's start-up, the imports and the loading too, not only the stages:
on a loaded two-core machine the first two alone took 1-2 s of a 30 s limit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

__all__ = ["command_started", "own_process", "process_started"]

#: When ``matcher.cli`` was first imported: the fallback where the process's own start
#: time cannot be read (not Linux).
_IMPORTED = time.perf_counter()
#: Beyond this age the start time read is not believed (a clock that jumped).
_MAX_AGE = 600.0
#: More than this between the process's start and ``matcher.cli``'s import: the process
#: did something else first (a shell that ``exec``-ed matcher after its own work), and
#: the command is taken to begin at the import.
_MAX_START_TO_IMPORT = 10.0


def command_started() -> float:
    """The ``time.perf_counter()`` value the command's time limit counts from.

    The process's start (``process_started``) when this process is the ``matcher``
    command (its script, or ``python -m matcher``); otherwise now: a command invoked
    within a longer-lived process (a test's ``CliRunner``) begins when it is invoked.
    """
    return process_started() if own_process() else time.perf_counter()


def own_process() -> bool:
    """Whether this process is the ``matcher`` command (its script, or ``python -m
    matcher``), not a longer-lived process that invokes it (a test's ``CliRunner``)."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.stem == "matcher" or (
        program.name == "__main__.py" and program.parent.name == "matcher"
    )


def process_started() -> float:
    """The ``time.perf_counter()`` value of the moment this process began.

    Linux: the process's start time (``/proc/self/stat``, clock ticks since boot) against
    ``CLOCK_BOOTTIME``, the same clock; elsewhere, if that cannot be read, or if the
    process began long before it imported ``matcher.cli`` (``_MAX_START_TO_IMPORT``),
    the moment of that import (after the interpreter's start-up).
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # The command name (field 2) may hold spaces: split after its closing ')'.
            fields = stat.read().rsplit(")", 1)[1].split()
        began = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        # Both clocks read together: a pause between them would age the process.
        age, now = time.clock_gettime(time.CLOCK_BOOTTIME) - began, time.perf_counter()
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORTED
    began_at = now - age
    if not 0.0 <= age <= _MAX_AGE or not 0.0 <= _IMPORTED - began_at <= _MAX_START_TO_IMPORT:
        return _IMPORTED
    return began_at
