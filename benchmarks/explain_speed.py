"""Time of the explanations (issue 14) on the demo, historical cohorts and a generated one.

For each cohort: ``matcher run --quiet`` into a temporary folder (its wall time is shown for
scale), then, in this process, ``matcher.explain.explain`` on that result with one worker
and the cohort's settings (time limit per solve as in ``[solver]``), timed in wall and CPU
time. The table lists the students, the wishes (student x better choice), the verdicts and
the seconds per wish. Targets (issue 14): +2 s at most on a 60-student run, 200 students
within 20 s. Usage::

    python benchmarks/explain_speed.py [--generated-students 200] [--workers 1]
        [--out benchmarks/results/DATE/explain-speed.md] COHORT ...
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(instance: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, CP-SAT threads included) of one matcher run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "matcher",
            "run",
            str(instance),
            "--out",
            str(out),
            "--quiet",
            *extra,
        ],
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _explain(instance_dir: Path, result: Path, workers: int, optimal: bool) -> dict[str, object]:
    from matcher.explain import explain
    from matcher.loading import load_instance, read_selection, read_teams
    from models.outcome import SolveParams

    instance = load_instance(instance_dir)
    _, rows = read_selection(result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    assignment = read_teams(result / "teams.csv", instance)
    solver = instance.settings.solver
    params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    proven = optimal and summary["teams"]["status"] == "OPTIMAL"
    explanations = explain(instance, ids, assignment, params, workers=workers, optimal=proven)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    verdicts = Counter(e.verdict for e in explanations)
    return {
        "students": len(instance.students),
        "teams": len(ids),
        "explained": len({e.student_id for e in explanations}),
        "wishes": len(explanations),
        "verdicts": verdicts,
        "optimal": proven,
        "wall": wall,
        "cpu": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cohorts", nargs="*", type=Path)
    parser.add_argument("--generated-students", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--optimal",
        action="store_true",
        help="tell explain when the run's teams are proven optimal (as matcher explain does)",
    )
    args = parser.parse_args()
    cohorts: list[tuple[str, Path]] = [(str(c), c) for c in args.cohorts]
    with tempfile.TemporaryDirectory() as tmp:
        if args.generated_students:
            generated = Path(tmp) / f"generated-{args.generated_students}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "matcher",
                    "generate",
                    "--seed",
                    "1",
                    "--students",
                    str(args.generated_students),
                    "--out",
                    str(generated),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            cohorts.append((f"generate --seed 1 --students {args.generated_students}", generated))
        lines = [
            f"load average at start: {os.getloadavg()[0]:.1f}",
            "",
            "| cohort | students x teams | run CPU (s) | run --no-explain CPU (s) | run wall (s) "
            "| wishes | impossible / free / costs / unknown (run) | optimal path "
            "| explain() CPU (s) | explain() wall (s) | impossible / free / costs / unknown |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, folder in cohorts:
            bare = Path(tmp) / f"bare-{len(lines)}"
            result = Path(tmp) / f"result-{len(lines)}"
            _, bare_cpu = _run(folder, bare, "--no-explain")
            run_wall, run_cpu = _run(folder, result)
            in_run = (
                Counter(
                    row["verdict"]
                    for row in csv.DictReader((result / "explanations.csv").open(encoding="utf-8"))
                )
                if (result / "explanations.csv").is_file()
                else Counter()
            )
            m = _explain(folder, result, args.workers, args.optimal)
            v = m["verdicts"]
            assert isinstance(v, Counter)
            line = (
                f"| {name} | {m['students']} x {m['teams']} | {run_cpu:.2f} | {bare_cpu:.2f} | "
                f"{run_wall:.2f} | {m['wishes']} | {in_run['impossible']} / {in_run['free']} / "
                f"{in_run['costs']} / {in_run['unknown']} | {'yes' if m['optimal'] else 'no'} | "
                f"{m['cpu']:.2f} | {m['wall']:.2f} | {v['impossible']} / {v['free']} / "
                f"{v['costs']} / {v['unknown']} |"
            )
            lines.append(line)
            print(line, flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
