"""Explanations with one process against ``workers`` processes (issue 14), side by side.

For each result folder (from ``matcher run --no-explain``), ``matcher.explain.explain``
is run in a fresh process with ``workers=1`` and with ``workers=W`` (``--workers``),
alternating ``--repeat`` times so that both see the same load, as ``matcher run`` does
with ``[solver] workers = W`` (wishes split round-robin over W processes, one
``WishSession`` each). Prints a Markdown table: wall seconds and CPU seconds (this
process and its children: the worker processes' CP-SAT included) of each, the best of
the repeats, their ratios, and whether the answers are identical. Usage::

    python benchmarks/explain_workers.py --workers 2 --repeat 2 INSTANCE=RESULT_DIR ...
    python benchmarks/explain_workers.py --students 40 /tmp/g200=/tmp/g200-res

``--src DIR`` times another source tree (e.g. an unpacked ``git archive``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from matcher.explain import explain
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams
instance_dir, result = Path(sys.argv[1]), Path(sys.argv[2])
students, workers = int(sys.argv[3]), int(sys.argv[4])
instance = load_instance(instance_dir)
_, rows = read_selection(result / "selection.csv", instance)
ids = tuple(row.id for row in rows if row.selected)
assignment = read_teams(result / "teams.csv", instance)
summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
solver = instance.settings.solver
params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
who = [s.id for s in instance.students][:students] if students else None

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

start_cpu, start = cpu(), time.perf_counter()
found = explain(instance, ids, assignment, params, students=who, workers=workers,
                optimal=summary["teams"]["status"] == "OPTIMAL")
wall, used = time.perf_counter() - start, cpu() - start_cpu
print(json.dumps({"wall": wall, "cpu": used, "answers": [
    [e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced] for e in found]}))
"""


def _time(
    instance: str, result: str, students: int, workers: int, src: str | None
) -> dict[str, object]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.path.abspath(src)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, instance, result, str(students), str(workers)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=os.path.abspath(src) if src is not None else None,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cohorts", nargs="+", help="INSTANCE=RESULT_DIR")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--students", type=int, default=0)
    parser.add_argument("--src", help="source tree to time (default: the installed one)")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    w = args.workers
    print(
        f"| cohort | wishes | wall 1 (s) | wall {w} (s) | wall ratio | CPU 1 (s) | CPU {w} (s) "
        "| CPU ratio | same answers |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for cohort in args.cohorts:
        instance, result = (os.path.abspath(p) for p in cohort.split("="))
        wall = {1: float("inf"), w: float("inf")}
        cpu = {1: float("inf"), w: float("inf")}
        answers: dict[int, object] = {}
        for _ in range(args.repeat):
            for workers in (1, w):
                found = _time(instance, result, args.students, workers, args.src)
                wall[workers] = min(wall[workers], float(found["wall"]))  # type: ignore[arg-type]
                cpu[workers] = min(cpu[workers], float(found["cpu"]))  # type: ignore[arg-type]
                answers[workers] = found["answers"]
        first = answers[1]
        assert isinstance(first, list)
        print(
            f"| {cohort.split('=')[0]} | {len(first)} | {wall[1]:.2f} | {wall[w]:.2f} | "
            f"{wall[w] / wall[1]:.2f} | {cpu[1]:.2f} | {cpu[w]:.2f} | {cpu[w] / cpu[1]:.2f} | "
            f"{'yes' if answers[1] == answers[w] else 'NO'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
