"""Stage 2's input (``TeamData``) of a ``shapes.py`` cohort, pickled, for engine probes.

Generates the cohort, runs the selection once and pickles the ``TeamData`` that
``matcher.teams.form_teams`` would solve, so that ``models.teams.solve_teams`` can be
timed (CPU, CP-SAT deterministic time) on it again and again without the rest of a run::

    python benchmarks/team_data.py SHAPE STUDENTS SEED OUT.pkl
    python benchmarks/team_data.py --solve OUT.pkl [--time-limit 60] [--work-limit 60]
        [--workers 2] [--without-experience]

Each solve prints the values and bounds, then per stage its value/bound, work units
and CPU seconds (session 6: ``benchmarks/results/2026-12-01/scale.md``).
"""

from __future__ import annotations

import argparse
import pickle
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def dump(shape: str, students: int, seed: int, out: Path) -> None:
    """Generate, select and pickle the team data."""
    from shapes import generate

    from matcher import app
    from matcher.teams import _team_data, _TeamFacts

    work = out.with_suffix("")
    generate(work, shape=shape, students=students, seed=seed)
    instance = app.load(work)
    outcome = app.select(instance)
    assert outcome.selection is not None
    ids = [row.id for row in outcome.selection.rows if row.selected]
    facts = _TeamFacts(outcome.instance, ids)
    data = _team_data(facts, None, ())
    out.write_bytes(pickle.dumps(data))


def solve(
    path: Path,
    time_limit: float,
    work_limit: float | None,
    workers: int,
    without_experience: bool = False,
) -> None:
    """Solve the pickled data once; print values, bounds, per-stage units, wall, CPU, work."""
    from dataclasses import replace

    import models.teams.solve as engine
    from models.solve import SolveParams

    data = pickle.loads(path.read_bytes())
    if without_experience:
        data = replace(data, priorities=tuple(p for p in data.priorities if p != "experience"))
    stages: list[str] = []
    stage = engine._Run.solve_stage

    def timed(run: engine._Run, name: str, remaining: Sequence[str]) -> object:
        spent, cpu = run.budget.spent, time.process_time()
        out = stage(run, name, remaining)
        found = [r for r in run.results if r.name == name]
        value = f"{found[-1].value}/{found[-1].bound}" if found else "-"
        units, cpu = run.budget.spent - spent, time.process_time() - cpu
        stages.append(f"{name}={value}({units:.2f}u,{cpu:.1f}s)")
        return out

    engine._Run.solve_stage = timed  # type: ignore[method-assign]
    params = SolveParams(time_limit=time_limit, seed=0, workers=workers, work_limit=work_limit)
    wall, cpu = time.perf_counter(), time.process_time()
    result = engine.solve_teams(data, params)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    engine._Run.solve_stage = stage  # type: ignore[method-assign]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = " ".join(f"{o.name}={o.value}/{o.bound}" for o in result.objectives)
    print(
        f"{path.name} w{workers} {result.status.name} {found} | {' '.join(stages)} | "
        f"wall={wall:.1f} cpu={cpu:.1f} work={result.work:.1f} "
        f"stopped_by={result.stopped_by} peak={peak:.0f}MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--solve", action="store_true")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--work-limit", type=float, default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--without-experience", action="store_true")
    opts = parser.parse_args()
    if opts.solve:
        for name in opts.args:
            solve(
                Path(name), opts.time_limit, opts.work_limit, opts.workers, opts.without_experience
            )
    else:
        shape, students, seed, out = opts.args
        dump(shape, int(students), int(seed), Path(out))


if __name__ == "__main__":
    main()
