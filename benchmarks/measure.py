"""Wall time and peak memory of one child process, measured from the outside."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """What one command did: exit status, wall and CPU seconds, peak memory, its output."""

    exit_code: int
    wall_s: float
    #: Peak resident set size of the process (and the children it waited for), in MiB.
    peak_mb: float
    stdout: str
    stderr: str
    timed_out: bool = False
    #: User + system CPU seconds of the process (and the children it waited for).
    cpu_s: float = 0.0


def run_measured(
    command: list[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run ``command`` to completion (or ``timeout`` seconds), measuring it alone.

    ``os.wait4`` gives the resource usage of exactly this child, unlike
    ``getrusage(RUSAGE_CHILDREN)``, which is a running maximum over every child so far.
    Output goes to temporary files so a chatty child can never block on a full pipe.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=out, stderr=err, cwd=cwd, env=env, start_new_session=True
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid != 0:
                break
            elapsed = time.perf_counter() - start
            if elapsed > timeout:
                # The whole session: a solver's worker threads or helper processes too.
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                timed_out = True
                break
            # Fine polling while short runs (the 1 s target) need it, coarse afterwards.
            time.sleep(0.002 if elapsed < 2 else 0.05)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            exit_code=process.returncode,
            wall_s=wall,
            # Linux reports ru_maxrss in KiB.
            peak_mb=usage.ru_maxrss / 1024,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out,
            cpu_s=usage.ru_utime + usage.ru_stime,
        )
