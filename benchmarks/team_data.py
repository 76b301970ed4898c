"""Stage 2's input (``TeamData``) of a ``shapes.py`` cohort, pickled, for engine probes.

Generates the cohort, runs the selection once and pickles the ``TeamData`` that
``matcher.teams.form_teams`` would solve, so that ``models.teams.solve_teams`` can be
timed (CPU, CP-SAT deterministic time) on it again and again without the rest of a run::

    python benchmarks/team_data.py SHAPE STUDENTS SEED OUT.pkl
    python benchmarks/team_data.py --solve OUT.pkl [--time-limit 60] [--work-limit 60]
"""

from __future__ import annotations

import argparse
import pickle
import resource
import sys
import time
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


def solve(path: Path, time_limit: float, work_limit: float | None, workers: int) -> None:
    """Solve the pickled data once; print values, bounds, wall, CPU and work."""
    from models.solve import SolveParams
    from models.teams import solve_teams

    data = pickle.loads(path.read_bytes())
    params = SolveParams(time_limit=time_limit, seed=0, workers=workers, work_limit=work_limit)
    wall, cpu = time.perf_counter(), time.process_time()
    result = solve_teams(data, params)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = " ".join(f"{o.name}={o.value}/{o.bound}" for o in result.objectives)
    print(
        f"{path.name} {result.status.name} {found} wall={wall:.1f} cpu={cpu:.1f} "
        f"work={result.work:.1f} stopped_by={result.stopped_by} peak={peak:.0f}MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="+")
    parser.add_argument("--solve", action="store_true")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--work-limit", type=float, default=None)
    parser.add_argument("--workers", type=int, default=1)
    opts = parser.parse_args()
    if opts.solve:
        for name in opts.args:
            solve(Path(name), opts.time_limit, opts.work_limit, opts.workers)
    else:
        shape, students, seed, out = opts.args
        dump(shape, int(students), int(seed), Path(out))


if __name__ == "__main__":
    main()
