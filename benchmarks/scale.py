"""``matcher run`` over shape × size × seed × workers, on cohorts of ``shapes.py`` (issue 17).

Each case is one ``matcher run`` subprocess measured from outside
(``measure.run_measured``: wall, CPU, peak RSS); its ``summary.json`` gives each stage's
status and each priority's value and bound. Rows are appended to
``OUT/scale.csv`` as soon as a case ends, and ``OUT/scale.md`` is rewritten from the CSV,
so an interrupted run resumes where it stopped (cases already in the CSV are skipped
unless ``--redo``). Usage::

    python benchmarks/scale.py --sizes 60,1000 --seeds 0,1 --workers 1 \\
        [--shapes all-proposals,skewed] [--time-limit 60] [--out benchmarks/results/DATE]

Sizes name ``SIZES``' entries: ``60`` (10 of 25), ``1000`` (100 of 160), ``2000``
(200 of 320), ``10000`` (1,000 of 1,600). Default time limit: 10 s at 60 students,
60 s up to 1,000, 120 s beyond.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_measured
from run import matcher_command
from shapes import SHAPES, default_count, default_proposals, generate

BENCH_DIR = Path(__file__).resolve().parent
#: students → (proposals, count)
SIZES = {
    n: (default_proposals(default_count(n)), default_count(n)) for n in (60, 1000, 2000, 10000)
}
PRIORITIES = ("worst_choice", "balance", "choices", "experience")
COLUMNS = [
    "shape", "students", "proposals", "count", "seed", "workers", "time_limit", "exit",
    "selection_status", "selection_s", "teams_status", "teams_s",
    *(f"{p}_{k}" for p in PRIORITIES for k in ("value", "bound", "gap")),
    "unproven", "wall_s", "cpu_s", "overshoot_pct", "peak_mb", "load", "note", "finished",
]  # fmt: skip


def default_time_limit(students: int) -> float:
    return 10.0 if students <= 100 else 60.0 if students <= 1000 else 120.0


def gap(value: Any, bound: Any) -> float | None:
    """|value − bound| / max(1, |value|), as ``run.first_gap``."""
    if value is None or bound is None:
        return None
    return round(abs(value - bound) / max(1, abs(value)), 4)


def key(row: dict[str, Any]) -> tuple[str, int, int, int]:
    return (str(row["shape"]), int(row["students"]), int(row["seed"]), int(row["workers"]))


def read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_case(
    work: Path,
    shape: str,
    students: int,
    seed: int,
    workers: int,
    limit: float,
    net: float | None = None,
) -> dict[str, Any]:
    """Generate the cohort, run ``matcher run`` on it, read its summary.

    With ``net`` (seconds), ``reproduce.py`` runs instead: the work budget of ``limit``,
    the wall-clock safety net at ``net`` (a loaded machine would cut the run at
    ``limit``); what stopped the team stage goes to the row's note."""
    proposals, count = SIZES[students]
    instance = work / f"{shape}-{students}-s{seed}"
    if not (instance / "settings.toml").exists():
        generate(instance, shape=shape, students=students, seed=seed)
    out = work / f"out-{shape}-{students}-s{seed}-w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        *matcher_command(), "run", str(instance), "--out", str(out),
        "--time-limit", f"{limit:g}", "--workers", str(workers), "--seed", "0", "--quiet",
    ]  # fmt: skip
    if net is not None:
        command = [
            sys.executable, str(BENCH_DIR / "reproduce.py"), str(instance), str(out),
            "--time-limit", f"{limit:g}", "--wall", f"{net:g}", "--workers", str(workers),
        ]  # fmt: skip
    measured = run_measured(command, timeout=max(limit, net or 0) * 3 + 120)
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    row |= {
        "shape": shape,
        "students": students,
        "proposals": proposals,
        "count": count,
        "seed": seed,
        "workers": workers,
        "time_limit": f"{limit:g}",
        "exit": measured.exit_code,
        "wall_s": round(measured.wall_s, 2),
        "cpu_s": round(measured.cpu_s, 2),
        "overshoot_pct": round(100 * (measured.wall_s - limit) / limit, 1),
        "peak_mb": round(measured.peak_mb),
        "load": round(os.getloadavg()[0], 2),
        "finished": datetime.now(UTC).strftime("%H:%M:%S"),
    }
    if net is not None and measured.exit_code == 0:
        printed = json.loads(measured.stdout.strip().splitlines()[-1])
        row["note"] = f"safety net {net:g} s; team stage stopped by {printed['stopped_by']}"
    summary_path = out / "summary.json"
    if measured.exit_code != 0 or not summary_path.exists():
        why = "killed after the grace period" if measured.timed_out else measured.stderr
        row["note"] = " ".join(why.split())[:200]
        return row
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    selection, teams = summary.get("selection") or {}, summary.get("teams") or {}
    row |= {
        "selection_status": selection.get("status", ""),
        "selection_s": selection.get("time_s", ""),
        "teams_status": teams.get("status", ""),
        "teams_s": teams.get("time_s", ""),
    }
    for objective in teams.get("objectives", []):
        name = objective["name"]
        if name in PRIORITIES:
            row[f"{name}_value"] = objective.get("value")
            row[f"{name}_bound"] = objective.get("bound")
            row[f"{name}_gap"] = gap(objective.get("value"), objective.get("bound"))
    for objective in [*selection.get("objectives", []), *teams.get("objectives", [])]:
        if objective.get("value") != objective.get("bound"):
            row["unproven"] = objective["name"]
            break
    # Keep only the large outputs' absence of value: the cohort stays, the outputs go.
    shutil.rmtree(out, ignore_errors=True)
    return row


def write_markdown(path: Path, rows: list[dict[str, Any]], command: str) -> None:
    def cell(row: dict[str, Any], name: str) -> str:
        value, bound = row.get(f"{name}_value", ""), row.get(f"{name}_bound", "")
        if value in ("", None):
            return "–"
        mark = "" if str(value) == str(bound) else f" (gap {float(row[f'{name}_gap']):.1%})"
        return f"{value}/{bound}{mark}"

    lines = [
        "# matcher run over shape × size × seed (issue 17)",
        "",
        f"Last written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `{command}`; rows accumulate",
        "over invocations (each row's limit is in `scale.csv`). One row per",
        "`matcher run` (both stages share the limit; solver seed 0). Priorities as",
        "`value/bound`, with the relative gap |value − bound| / max(1, |value|) when unproven.",
        "`overshoot` = (wall − limit) / limit; `load`: the 1-minute load average after the",
        "run (2 cores shared with other work: CPU s far below wall s means the run got only",
        "part of a core). Raw rows: `scale.csv`.",
        "",
        "| shape | N × K | seed | w | selection | teams | worst_choice | balance | choices"
        " | experience | wall s | CPU s | overshoot | peak MiB | load |",
        "|" + " --- |" * 15,
    ]
    for row in sorted(rows, key=lambda r: (int(r["students"]), r["shape"], int(r["seed"]))):
        teams = row.get("teams_status") or f"exit {row['exit']}"
        lines.append(
            f"| {row['shape']} | {row['students']} × {row['count']} ({row['proposals']}) "
            f"| {row['seed']} | {row['workers']} | {row.get('selection_status') or '–'} "
            f"| {teams} | {cell(row, 'worst_choice')} | {cell(row, 'balance')} "
            f"| {cell(row, 'choices')} | {cell(row, 'experience')} "
            f"| {row['wall_s']} | {row['cpu_s']} "
            f"| {float(row['overshoot_pct']):+.1f} % | {row['peak_mb']} | {row['load']} |"
        )
    failing = [
        row
        for row in rows
        if any(
            str(row.get(f"{p}_value")) != str(row.get(f"{p}_bound"))
            for p in ("worst_choice", "balance", "choices")
        )
    ]
    lines += ["", "## Not proven through choices", ""]
    if not failing:
        lines.append("Every run proved `worst_choice`, `balance` and `choices`.")
    for row in failing:
        lines.append(
            f"- {row['shape']} {row['students']} seed {row['seed']} workers {row['workers']}: "
            f"first unproven `{row.get('unproven') or '?'}`; "
            + ", ".join(f"{p} {cell(row, p)}" for p in ("worst_choice", "balance", "choices"))
            + (f" — {row['note']}" if row.get("note") else "")
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="60,1000", help=f"Among {', '.join(map(str, SIZES))}.")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--workers", default="1", help="Comma-separated, e.g. 1,2.")
    parser.add_argument("--time-limit", type=float, default=None, help="Seconds, every case.")
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH_DIR / "results" / datetime.now(UTC).strftime("%Y-%m-%d"),
    )
    parser.add_argument("--work", type=Path, default=None, help="Cohorts (default OUT/work).")
    parser.add_argument("--redo", action="store_true", help="Run cases already in the CSV.")
    parser.add_argument(
        "--net",
        type=float,
        default=None,
        help="Wall-clock safety net in seconds (benchmarks/reproduce.py: the limit's work "
        "budget, this clock), for a machine too loaded for the limit itself.",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; among {list(SIZES)}")
    shapes = [s for s in args.shapes.split(",") if s]
    seeds = [int(s) for s in args.seeds.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.work or Path("/tmp") / "matcher-scale-work"
    work.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = args.out / "scale.csv", args.out / "scale.md"
    rows = read_rows(csv_path)
    done = {key(r) for r in rows}
    command = "python benchmarks/scale.py " + " ".join(argv if argv is not None else sys.argv[1:])
    for students in sizes:
        limit = args.time_limit or default_time_limit(students)
        for shape in shapes:
            for seed in seeds:
                for w in workers:
                    if (shape, students, seed, w) in done and not args.redo:
                        continue
                    print(
                        f"{datetime.now(UTC):%H:%M:%S} {shape} {students} s{seed} w{w}", flush=True
                    )
                    row = run_case(work, shape, students, seed, w, limit, args.net)
                    print(row, flush=True)
                    rows = [r for r in rows if key(r) != key(row)] + [row]
                    with csv_path.open("w", encoding="utf-8", newline="") as handle:
                        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                        writer.writeheader()
                        writer.writerows(rows)
                    write_markdown(md_path, rows, command)
    print(f"wrote {csv_path} and {md_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
