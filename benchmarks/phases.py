"""Where a `matcher run` spends wall time, CPU time and memory, phase by phase (issue 17).

Runs what `matcher run INSTANCE --out OUT --no-explain` runs (``app.run``, its stages
timed one by one), and
prints one line per phase: wall s, CPU s (this process, every thread) and the peak
resident memory *within* the phase (Linux: the high-water mark is reset between phases
through /proc/self/clear_refs). Each output file is its own phase.

    python benchmarks/phases.py INSTANCE --out OUT --time-limit 120
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

_T0 = time.perf_counter()


def _hwm_mib() -> float:
    with open("/proc/self/status") as status:
        match = re.search(r"VmHWM:\s+(\d+)", status.read())
    return int(match.group(1)) / 1024 if match else float("nan")


def _reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Phases:
    """Times each phase and keeps its peak memory."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float]] = []
        self.wall = time.perf_counter()
        self.cpu = _cpu()

    def end(self, name: str) -> None:
        wall, cpu = time.perf_counter(), _cpu()
        self.rows.append((name, wall - self.wall, cpu - self.cpu, _hwm_mib()))
        print(
            f"{name:24} {wall - self.wall:8.2f} s wall {cpu - self.cpu:8.2f} s CPU "
            f"{_hwm_mib():8.0f} MiB peak",
            file=sys.stderr,
            flush=True,
        )
        _reset_hwm()
        self.wall, self.cpu = time.perf_counter(), _cpu()


def _timed(module: Any, name: str, phases: Phases, phase: str) -> None:
    """Make ``module.name`` end the phase ``phase`` when it returns."""
    function = getattr(module, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        phases.end("(before " + phase + ")")
        result = function(*args, **kwargs)
        phases.end(phase)
        return result

    setattr(module, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("instance", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--time-limit", type=float, default=60)
    args = parser.parse_args()
    phases = Phases()
    phases.wall = _T0
    from matcher import app
    from matcher.app.common import Overrides
    from matcher.outputs.writers import _writers

    phases.end("start-up (imports)")
    overrides = Overrides(time_limit=args.time_limit)
    instance = app.load(args.instance, None, overrides, {"commissions", "students"})
    phases.end("loading")
    import matcher.app.solve
    import matcher.selection
    import matcher.teams

    _timed(matcher.selection, "select_commissions", phases, "selection")
    _timed(matcher.teams, "form_teams", phases, "teams")
    _timed(matcher.app.solve, "_stage3", phases, "plan")
    begun = time.perf_counter()
    outcome = app.run(instance, None, "en")
    solved = time.perf_counter() - begun
    for name, stage in (
        ("selection", outcome.selection),
        ("teams", outcome.teams),
        ("plan", outcome.plan),
    ):
        if stage is not None:
            print(
                f"  {name}: {stage.stage.status} time_s {stage.stage.time_s:.2f}", file=sys.stderr
            )
    staging = args.out
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, writer in _writers(outcome).items():
        writer(staging / name, outcome, "en")
        phases.end(f"write {name}")
    total = time.perf_counter() - _T0
    print(
        f"total {total:.2f} s wall, solve {solved:.2f} s, overshoot "
        f"{(total - args.time_limit) / args.time_limit:+.1%}, "
        f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
