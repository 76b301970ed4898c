"""Explanations before/after a change, side by side (issue 14): ``explain()`` CPU per cohort.

For each result folder (from ``matcher run --no-explain``), ``matcher.explain.explain`` is
timed in a fresh process for each source tree given (``--src``, e.g. an unpacked
``git archive`` of the commit before the change, and the worktree), alternating between
them ``--repeat`` times so that both see the same load. One CP-SAT worker, the cohort's
time limit per solve, the proven-optimal path when ``summary.json`` says OPTIMAL (as
``matcher run`` does). ``--students K`` explains only the first K students (for the
200-student cohorts). Prints a Markdown table: CPU seconds per source (the best of the
repeats), their ratio, and whether the answers (verdict, priority, value_if, displaced)
are identical (the rows that differ are printed below the table row). Usage::

    git archive REF | tar -x -C /tmp/before
    python benchmarks/explain_compare.py --src /tmp/before --src . \\
        INSTANCE=RESULT_DIR ...
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

_CHILD = r"""
import json, sys, time
from pathlib import Path
from matcher.explain import explain
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams
instance_dir, result, students = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
instance = load_instance(instance_dir)
_, rows = read_selection(result / "selection.csv", instance)
ids = tuple(row.id for row in rows if row.selected)
assignment = read_teams(result / "teams.csv", instance)
summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
solver = instance.settings.solver
params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
who = [s.id for s in instance.students][:students] if students else None
start = time.process_time()
found = explain(instance, ids, assignment, params, students=who,
                optimal=summary["teams"]["status"] == "OPTIMAL")
cpu = time.process_time() - start
print(json.dumps({"cpu": cpu, "answers": [
    [e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced] for e in found]}))
"""


def _time(src: str, instance: str, result: str, students: int) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=os.path.abspath(src))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, instance, result, str(students)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=os.path.abspath(src),
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cohorts", nargs="+", help="INSTANCE=RESULT_DIR")
    parser.add_argument("--src", action="append", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--students", type=int, default=0)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    heads = " | ".join(f"CPU {k + 1} (s)" for k in range(len(args.src)))
    print(f"| cohort | wishes | {heads} | ratio last/first | same answers | verdicts (last) |")
    print("| --- | --- |" + " --- |" * (len(args.src) + 3))
    for cohort in args.cohorts:
        instance, result = cohort.split("=")
        best: list[float] = [float("inf")] * len(args.src)
        answers: list[object] = [None] * len(args.src)
        for _ in range(args.repeat):
            for k, src in enumerate(args.src):
                found = _time(
                    src, os.path.abspath(instance), os.path.abspath(result), args.students
                )
                best[k] = min(best[k], float(found["cpu"]))  # type: ignore[arg-type]
                answers[k] = found["answers"]
        last = answers[-1]
        assert isinstance(last, list)
        counts: dict[str, int] = {}
        for row in last:
            counts[row[2]] = counts.get(row[2], 0) + 1
        same = all(a == answers[0] for a in answers)
        cpus = " | ".join(f"{c:.2f}" for c in best)
        print(
            f"| {instance} | {len(last)} | {cpus} | {best[-1] / best[0]:.2f} | "
            f"{'yes' if same else 'NO'} | {counts} |",
            flush=True,
        )
        if not same:
            first = answers[0]
            assert isinstance(first, list)
            for before, after in zip(first, last, strict=False):
                if before != after:
                    print(f"    differs: {before} -> {after}", flush=True)


if __name__ == "__main__":
    main()
