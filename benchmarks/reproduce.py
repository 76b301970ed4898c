"""``matcher run`` with a time limit's work budget and a wider wall-clock safety net (issue 17).

A run stopped by its work budget must give the same teams whatever the machine's speed;
a run cut by the wall clock need not. On a shared, loaded machine a 1,000-student run
with a 60 s limit is cut by the clock, so this harness runs ``app.run`` with the work
budget of ``--time-limit`` (``WORK_PER_SECOND`` units per second, as ``matcher run``)
and the wall-clock safety net of ``--wall`` seconds, writes the outputs as ``matcher
run`` does, and prints the CPU and wall seconds and what stopped the team stage::

    python benchmarks/reproduce.py INSTANCE OUT [--time-limit 60] [--wall 3000] [--workers 1]

Its ``teams.csv`` is what ``matcher run INSTANCE --time-limit 60`` writes on a machine
fast enough that the budget, not the clock, ends that run (one worker).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--wall", type=float, default=3000.0)
    parser.add_argument("--workers", type=int, default=1)
    opts = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()

    import matcher.app.solve as solve
    import matcher.teams
    from matcher import app
    from models.outcome import SolveParams

    limit_params = solve.solve_params

    def budgeted(*args: Any, **kwargs: Any) -> SolveParams:
        params = limit_params(*args, **kwargs)
        # The limit's work budget, the wider clock only as the safety net.
        budget = replace(params, time_limit=opts.time_limit).work()
        return replace(params, time_limit=opts.wall, work_limit=budget)

    stopped: list[str | None] = []
    engine = matcher.teams.solve_teams

    def recorded(*args: Any, **kwargs: Any) -> Any:
        result = engine(*args, **kwargs)
        stopped.append(result.stopped_by)
        return result

    solve.solve_params = budgeted  # type: ignore[assignment]
    matcher.teams.solve_teams = recorded  # type: ignore[assignment]
    instance = app.load(opts.instance, overrides=app.Overrides(workers=opts.workers))
    outcome = app.run(instance, stage3=False)
    app.write_outputs(opts.out, outcome, instance_dir=opts.instance)
    summary = json.loads((opts.out / "summary.json").read_text(encoding="utf-8"))
    print(
        json.dumps(
            {
                "instance": str(opts.instance),
                "time_limit": opts.time_limit,
                "teams": summary["teams"]["status"],
                "objectives": [
                    (o["name"], o["value"], o["bound"]) for o in summary["teams"]["objectives"]
                ],
                "stopped_by": stopped[-1] if stopped else None,
                "cpu_s": round(time.process_time() - cpu, 1),
                "wall_s": round(time.perf_counter() - wall, 1),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
