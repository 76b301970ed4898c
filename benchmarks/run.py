"""Benchmark protocol: historical cohorts, a scaling series, and peers on the same teams.

One command reproduces a dated results folder (see benchmarks/README.md)::

    python benchmarks/run.py --out benchmarks/results/2026-11-22
    python benchmarks/run.py --quick --out /tmp/bench      # 60 and 250 students, 10 s limits

For every case (a historical instance, or a cohort written by ``matcher generate``):

1. ``matcher run`` as a subprocess: exit status, wall time, peak memory, and from
   summary.json the status, time, values and bounds of each stage;
2. on the commissions that run selected, the peers: ``random`` and ``greedy`` (in process),
   ``highs`` (HiGHS MIP, own venv) and ``tf`` (HBS team-formation, own venv), each scored
   with the engine's validator (``matcher.verify.teams``) like our own teams.

Results are rewritten after every case (results.csv, results.json, results.md, plot.png),
so an interrupted run still leaves everything measured so far.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from heuristics import assign
from measure import Measured, run_measured
from score import METRICS, score
from team_problem import TeamProblem, build_team_problem, team_sizes

from matcher.loading import load_instance
from matcher.outputs.settings_file import toml_value
from matcher.schemas import Instance

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PEER_DIR = BENCH_DIR / "peers"
#: Virtual environments of the peers that cannot live next to matcher (see README).
VENVS = {"highs": BENCH_DIR / ".venv-highs", "tf": BENCH_DIR / ".venv-tf"}
PEER_SCRIPTS = {"highs": PEER_DIR / "highs_team.py", "tf": PEER_DIR / "tf_adapter.py"}

ALL_METHODS = ("matcher", "random", "greedy", "highs", "tf")
FULL_SIZES = (60, 250, 1000, 2000, 5000, 10000)
QUICK_SIZES = (60, 250)


@dataclass(frozen=True)
class Case:
    """One cohort to benchmark."""

    name: str
    kind: str  # "historical", "generated" or "target"
    path: Path
    students: int
    time_limit: float
    settings: Path | None = None


def default_time_limit(students: int) -> float:
    """Seconds granted to each method on a cohort of this size (the whole run, both stages)."""
    if students <= 1000:
        return 60.0
    return 120.0


def matcher_command() -> list[str]:
    """The installed ``matcher`` entry point, else the module next to this interpreter."""
    found = shutil.which("matcher")
    return [found] if found else [sys.executable, "-m", "matcher"]


# ---------------------------------------------------------------------------------- cases


def is_instance(path: Path) -> bool:
    """A workbook, or a folder holding CSV tables (any of the accepted file names)."""
    if path.suffix.lower() == ".xlsx":
        return True
    return path.is_dir() and any(p.suffix.lower() == ".csv" for p in path.iterdir())


def historical_cases(paths: list[Path], time_limit: float | None) -> list[Case]:
    """Each instance folder or workbook given, or found under instances/historical."""
    found: list[Path] = []
    for path in paths:
        if is_instance(path):
            found.append(path)
        elif path.is_dir():
            found += sorted(p for p in path.iterdir() if is_instance(p))
    cases = []
    for path in found:
        instance = load_instance(path)
        students = len(instance.students)
        limit = time_limit or default_time_limit(students)
        cases.append(Case(path.stem, "historical", path, students, limit))
    return cases


def write_settings(path: Path, settings: dict[str, dict[str, Any]]) -> None:
    """A settings.toml of plain sections (the only shape the contract uses)."""
    lines = []
    for section, values in settings.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def generate(work: Path, name: str, students: int, seed: int) -> tuple[Path, Measured]:
    """A synthetic cohort written by ``matcher generate`` into ``work/name``."""
    target = work / name
    if target.exists():
        shutil.rmtree(target)
    measured = run_measured(
        [
            *matcher_command(),
            "generate",
            "--seed",
            str(seed),
            "--students",
            str(students),
            "--out",
            str(target),
        ],
        timeout=600,
    )
    if measured.exit_code != 0:
        raise RuntimeError(f"matcher generate failed for {name}: {measured.stderr.strip()}")
    return target, measured


def generated_cases(
    work: Path, sizes: list[int], seed: int, time_limit: float | None, target: bool
) -> list[Case]:
    """The scaling series (K = count chosen by the generator) and the 1,000 × 100 target."""
    cases = []
    for students in sizes:
        path, _ = generate(work, f"gen-{students}", students, seed)
        limit = time_limit or default_time_limit(students)
        cases.append(Case(f"gen-{students}", "generated", path, students, limit))
    if target:
        # The team-formation issue's target: 1,000 students on 100 commissions, with choices:
        # the generated 1,000-student cohort with [selection] count = 100.
        path = work / "gen-1000"
        if 1000 not in sizes:
            path, _ = generate(work, "gen-1000", 1000, seed)
        settings_file = path / "settings.toml"
        settings: dict[str, dict[str, Any]] = {}
        if settings_file.exists():
            settings = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        settings.setdefault("selection", {})["count"] = 100
        custom = work / "target-1000x100.settings.toml"
        write_settings(custom, settings)
        cases.append(Case("target-1000x100", "target", path, 1000, time_limit or 60.0, custom))
    # Smallest first, the target right after its 1,000-student sibling: an interrupted run
    # has then measured what matters most.
    cases.sort(key=lambda case: case.students)
    return cases


# ------------------------------------------------------------------------------- methods


def _objectives_text(objectives: list[dict[str, Any]]) -> str:
    return "; ".join(f"{o['name']}={o['value']}/{o['bound']}" for o in objectives)


def first_gap(objectives: list[dict[str, Any]]) -> tuple[str, float | None]:
    """The first priority not proven optimal, and its relative gap |value−bound|/max(1,|value|).

    Later priorities are optimised within the earlier ones' values, so the first unproven
    priority is where the lexicographic proof stops; ``("", 0.0)`` when all are proven.
    """
    for objective in objectives:
        value, bound = objective.get("value"), objective.get("bound")
        if value is None or bound is None:
            return objective["name"], None
        if value != bound:
            return objective["name"], round(abs(value - bound) / max(1, abs(value)), 4)
    return "", 0.0


def _metric_columns(metrics: dict[str, Any]) -> dict[str, Any]:
    keys = (*METRICS, "scorer", "scorer_disagrees")
    return {key: metrics.get(key) for key in keys}


def read_assignment(teams_csv: Path) -> dict[str, str]:
    """student id → commission id from a teams.csv written by ``matcher``."""
    with teams_csv.open(encoding="utf-8-sig", newline="") as handle:
        return {row["student_id"]: row["commission_id"] for row in csv.DictReader(handle)}


def read_selected(selection_csv: Path) -> list[str]:
    """Ids marked selected in a selection.csv written by ``matcher``, in file order."""
    with selection_csv.open(encoding="utf-8-sig", newline="") as handle:
        return [row["id"] for row in csv.DictReader(handle) if row["selected"] == "yes"]


@dataclass
class OurRun:
    """Our run of a case, and what peers need from it."""

    row: dict[str, Any]
    selected: list[str] | None
    assignment: dict[str, str] | None


def _matcher_command_for(verb: str, case: Case, out: Path, workers: int, seed: int) -> list[str]:
    """The ``matcher`` command line of one case: same limit, workers and seed for every verb."""
    command = [
        *matcher_command(),
        verb,
        str(case.path),
        "--out",
        str(out),
        "--time-limit",
        f"{case.time_limit:g}",
        "--workers",
        str(workers),
        "--seed",
        str(seed),
        "--quiet",
    ]
    if case.settings is not None:
        command += ["--settings", str(case.settings)]
    return command


def select_only(case: Case, work: Path, workers: int, seed: int) -> list[str] | None:
    """Selected ids from ``matcher select`` alone, or ``None`` if it fails too."""
    out = work / f"select-{case.name}"
    shutil.rmtree(out, ignore_errors=True)
    command = _matcher_command_for("select", case, out, workers, seed)
    measured = run_measured(command, timeout=case.time_limit * 2 + 120)
    if measured.exit_code != 0 or not (out / "selection.csv").exists():
        return None
    return read_selected(out / "selection.csv")


def run_matcher(case: Case, work: Path, workers: int, seed: int) -> OurRun:
    """``matcher run`` on the case, measured from outside, then its teams rescored."""
    out = work / f"out-{case.name}"
    if out.exists():
        shutil.rmtree(out)
    command = _matcher_command_for("run", case, out, workers, seed)
    # Grace beyond the time limit: loading, the diagnosis, writing the report and workbook.
    measured = run_measured(command, timeout=case.time_limit * 2 + 120)
    row: dict[str, Any] = {
        "method": "matcher",
        "exit_code": measured.exit_code,
        "wall_s": round(measured.wall_s, 3),
        "peak_mb": round(measured.peak_mb, 1),
        "time_limit": case.time_limit,
    }
    summary_file = out / "summary.json"
    if measured.exit_code != 0 or not summary_file.exists():
        reason = "killed after the grace period" if measured.timed_out else measured.stderr.strip()
        row["status"] = {3: "INFEASIBLE", 4: "UNKNOWN"}.get(measured.exit_code, "ERROR")
        row["note"] = " ".join(reason.split())[:300]
        # A failed run writes nothing; the peers still deserve the same commissions.
        selected = select_only(case, work, workers, seed) if measured.exit_code == 4 else None
        if selected is not None:
            row["note"] += " (peers use the selection of a separate `matcher select`)"
        return OurRun(row, selected, None)
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    selection = summary.get("selection") or {}
    teams = summary.get("teams") or {}
    objectives = list(selection.get("objectives", [])) + list(teams.get("objectives", []))
    unproven, gap = first_gap(objectives)
    row |= {
        "status": teams.get("status") or selection.get("status"),
        "solve_s": round(float(selection.get("time_s", 0)) + float(teams.get("time_s", 0)), 3),
        "selection_status": selection.get("status"),
        "selection_time_s": selection.get("time_s"),
        "teams_status": teams.get("status"),
        "teams_time_s": teams.get("time_s"),
        "objectives": _objectives_text(objectives),
        "unproven": unproven,
        "gap": gap,
        "students": (summary.get("metrics", {}).get("teams") or {}).get("students"),
    }
    selected = read_selected(out / "selection.csv")
    assignment = read_assignment(out / "teams.csv") if (out / "teams.csv").exists() else None
    return OurRun(row, selected, assignment)


def map_teams_to_commissions(problem: TeamProblem, teams: list[int]) -> list[int]:
    """Commission index of each student, given anonymous team numbers (team-formation's).

    A team-formation team is a set of students, not a commission; give each team the
    commission that suits it best (fewest students on their employer's commission or off
    their pin, then the smallest sum of choice ranks, within size bounds) by an optimal
    assignment, so the peer is not penalised for an arbitrary numbering.
    """
    from scipy.optimize import linear_sum_assignment

    num_teams = problem.num_teams
    members: list[list[int]] = [[] for _ in range(num_teams)]
    for s, team in enumerate(teams):
        members[team].append(s)
    cost = [[0.0] * num_teams for _ in range(num_teams)]
    for team in range(num_teams):
        for t in range(num_teams):
            if not problem.size_lo[t] <= len(members[team]) <= problem.size_hi[t]:
                cost[team][t] = 1e12
                continue
            breaches = sum(1 for s in members[team] if t not in problem.allowed[s])
            ranks = sum(r[t] for s in members[team] if (r := problem.ranks[s]) is not None)
            cost[team][t] = 1e6 * breaches + ranks
    rows, cols = linear_sum_assignment(cost)
    commission_of_team = dict(zip(rows.tolist(), cols.tolist(), strict=True))
    return [commission_of_team[team] for team in teams]


def run_heuristic(
    case: Case, instance: Instance, problem: TeamProblem, method: str, seed: int
) -> dict[str, Any]:
    """The random or greedy peer, timed in process and scored."""
    start = time.perf_counter()
    assignment = assign(problem, "random" if method == "random" else "greedy", seed)
    elapsed = time.perf_counter() - start
    metrics = score(instance, problem, assignment)
    return {
        "method": method,
        "status": "HEURISTIC",
        "wall_s": round(elapsed, 5),
        "solve_s": round(elapsed, 5),
        "time_limit": case.time_limit,
    } | _metric_columns(metrics)


def run_peer_process(
    case: Case,
    instance: Instance,
    problem: TeamProblem,
    method: str,
    work: Path,
    workers: int,
    seed: int,
    sizes: list[int],
) -> dict[str, Any]:
    """HiGHS or team-formation in its own venv, measured from outside and scored."""
    python = VENVS[method] / "bin" / "python"
    row: dict[str, Any] = {"method": method, "time_limit": case.time_limit}
    if not python.exists():
        return row | {"status": "SKIPPED", "note": f"{python} missing: run benchmarks/setup.sh"}
    problem_file = work / f"{case.name}.{method}.problem.json"
    result_file = work / f"{case.name}.{method}.result.json"
    result_file.unlink(missing_ok=True)
    problem.to_json(
        problem_file, time_limit=case.time_limit, workers=workers, seed=seed, team_sizes=sizes
    )
    # The time limit binds the solver only; model building (slow in team-formation, which
    # creates a variable per student, team and attribute value) gets a bounded grace.
    measured = run_measured(
        [str(python), str(PEER_SCRIPTS[method]), str(problem_file), str(result_file)],
        timeout=case.time_limit * 1.5 + 60,
    )
    row |= {
        "exit_code": measured.exit_code,
        "wall_s": round(measured.wall_s, 3),
        "peak_mb": round(measured.peak_mb, 1),
    }
    if measured.exit_code != 0 or not result_file.exists():
        tail = measured.stderr.strip().splitlines()[-1:] or ["no output"]
        reason = (
            f"killed after {measured.wall_s:.0f} s (time limit × 1.5 + 60 s)"
            if measured.timed_out
            else tail[0]
        )
        return row | {"status": "ERROR", "note": reason[:300]}
    result = json.loads(result_file.read_text(encoding="utf-8"))
    unproven, gap = first_gap(result.get("objectives", []))
    row |= {
        "status": result["status"],
        "solve_s": result.get("time_s"),
        "teams_status": result["status"],
        "teams_time_s": result.get("time_s"),
        "objectives": _objectives_text(result.get("objectives", [])),
        "unproven": unproven,
        "gap": gap,
        "note": f"{result.get('solver', '')}; {result.get('num_vars', '?')} variables; "
        f"model built in {result.get('build_s', '?')} s",
    }
    if result.get("skipped_priorities"):
        row["note"] += "; not modelled: " + ",".join(result["skipped_priorities"])
    if result.get("assignment") is None:
        return row
    teams = result["assignment"]
    if method == "tf":
        teams = map_teams_to_commissions(problem, teams)
    return row | _metric_columns(score(instance, problem, teams))


# -------------------------------------------------------------------------------- driver


def startup_floor(runs: int) -> float | None:
    """The floor under any `matcher` wall time: the best of ``runs`` `matcher --version`.

    Interpreter start and imports (OR-Tools imports pandas) are paid by every command.
    """
    if runs <= 0:
        return None
    walls = [
        run_measured([*matcher_command(), "--version"], timeout=60).wall_s for _ in range(runs)
    ]
    return round(min(walls), 3)


def machine_facts() -> dict[str, Any]:
    """What the numbers were measured on."""
    facts: dict[str, Any] = {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
    }
    try:
        facts["cpu_model"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        facts["memory_gib"] = round(mem_kb / 1024**2, 1)
    except (OSError, StopIteration, ValueError, IndexError):
        pass
    with contextlib.suppress(OSError):
        facts["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    from importlib import metadata

    for package in ("matcher", "ortools"):
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = "missing"
    return facts


def run_case(
    case: Case, methods: list[str], work: Path, workers: int, seed: int, peer_max: int
) -> list[dict[str, Any]]:
    """Every method on one case; rows carry the case's columns."""
    # The 1-minute load average when the case starts: the 2 cores are shared, so this says
    # how much other work competed with the measurement.
    base = {
        "case": case.name,
        "kind": case.kind,
        "students": case.students,
        "load": round(os.getloadavg()[0], 2),
    }
    rows: list[dict[str, Any]] = []
    print(f"[{case.name}] matcher run (limit {case.time_limit:g} s) ...", flush=True)
    ours = run_matcher(case, work, workers, seed)
    if ours.selected is None:
        return [base | ours.row]
    instance = load_instance(case.path, settings_path=case.settings)
    problem = build_team_problem(instance, ours.selected)
    base["teams"] = problem.num_teams
    if ours.assignment is not None:
        student2idx = {sid: i for i, sid in enumerate(problem.student_ids)}
        commission2idx = {cid: t for t, cid in enumerate(problem.commission_ids)}
        our_teams = [0] * problem.num_students
        for sid, cid in ours.assignment.items():
            our_teams[student2idx[sid]] = commission2idx[cid]
        ours.row |= _metric_columns(score(instance, problem, our_teams))
        sizes = team_sizes(problem, our_teams)
    else:
        sizes = team_sizes(problem)
    rows.append(base | ours.row)
    for method in methods:
        if method == "matcher":
            continue
        if method in ("random", "greedy"):
            row = run_heuristic(case, instance, problem, method, seed)
        elif case.students > peer_max:
            row = {
                "method": method,
                "status": "SKIPPED",
                "note": f"more than --peer-max-students {peer_max}",
            }
        else:
            print(f"[{case.name}] {method} ...", flush=True)
            row = run_peer_process(case, instance, problem, method, work, workers, seed, sizes)
        rows.append(base | row)
    return rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark matcher on historical cohorts and a scaling series, with peers."
    )
    parser.add_argument("--out", type=Path, required=True, help="Results folder (created).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="60 and 250 students only, 10 s limits, no 1,000 × 100 target case.",
    )
    parser.add_argument(
        "--instances",
        type=Path,
        nargs="*",
        default=None,
        help="Historical instances or folders of them (default instances/historical).",
    )
    parser.add_argument(
        "--sizes",
        type=str,
        default=None,
        help="Comma-separated cohort sizes to generate ('' for none).",
    )
    parser.add_argument("--no-target", action="store_true", help="Skip the 1,000 × 100 case.")
    parser.add_argument(
        "--methods",
        type=str,
        default=",".join(ALL_METHODS),
        help=f"Comma-separated subset of {','.join(ALL_METHODS)}.",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="Seconds per method and case (default: 60 up to 1,000 students, 120 beyond).",
    )
    parser.add_argument("--workers", type=int, default=2, help="Solver threads (default 2).")
    parser.add_argument("--seed", type=int, default=0, help="Seed of generators and solvers.")
    parser.add_argument(
        "--peer-max-students",
        type=int,
        default=1000,
        help="Largest cohort given to the HiGHS and team-formation peers.",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="Scratch folder for generated cohorts and outputs (default OUT/work, "
        "deleted at the end unless --keep-work).",
    )
    parser.add_argument("--keep-work", action="store_true", help="Keep the scratch folder.")
    parser.add_argument("--no-plot", action="store_true", help="Do not draw plot.png.")
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=3,
        help="Runs of `matcher --version` whose best wall time is the start-up floor (0: skip).",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from report import write_all

    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = sorted(set(methods) - set(ALL_METHODS))
    if unknown or "matcher" not in methods:
        print(f"error: --methods must include matcher and only {ALL_METHODS}", file=sys.stderr)
        return 2
    if args.sizes is not None:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    else:
        sizes = list(QUICK_SIZES if args.quick else FULL_SIZES)
    time_limit = args.time_limit or (10.0 if args.quick else None)
    instances = args.instances
    if instances is None:
        instances = [REPO_DIR / "instances" / "historical"]
    random.seed(args.seed)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    work: Path = args.work or out / "work"
    work.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()
    facts["methods"] = methods
    facts["workers"] = args.workers
    facts["seed"] = args.seed
    facts["startup_s"] = startup_floor(args.startup_runs)

    started = time.perf_counter()
    cases = historical_cases([p for p in instances if p.exists()], time_limit)
    cases += generated_cases(
        work, sizes, args.seed, time_limit, target=not (args.quick or args.no_target)
    )
    rows: list[dict[str, Any]] = []
    peers = sum(m in ("highs", "tf") for m in methods)
    budget = sum(
        case.time_limit * (1 + (peers if case.students <= args.peer_max_students else 0))
        for case in cases
    )
    print(f"{len(cases)} cases; at most about {budget / 60:.0f} min of solver time", flush=True)
    for case in cases:
        print(f"t={time.perf_counter() - started:.0f} s", end=" ", flush=True)
        rows += run_case(case, methods, work, args.workers, args.seed, args.peer_max_students)
        facts["total_wall_s"] = round(time.perf_counter() - started, 1)
        write_all(out, rows, facts, plot=not args.no_plot)
    if not args.keep_work and args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(rows)} rows in {out} ({facts.get('total_wall_s', 0)} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
