"""Several ``matcher`` installations timed side by side, runs interleaved (issues 11 and 17).

On a shared machine only a comparison made under the same load means anything: each
round runs every command of every installation once, one after the other, so that a
burst of load falls on all of them alike. Wall and CPU time (user + sys, ``os.wait4``) of
each fresh process; the median over the rounds, and each installation's ratio to the
first one given. Usage::

    python benchmarks/side_by_side.py --rounds 5 \\
        before=/work/venvs/before/bin/matcher main=/work/venv/bin/matcher \\
        new=/work/venvs/engine/bin/matcher [--cohorts demo,2014-2015] [--out FILE.md] \\
        [--tf-problems DIR]

Every command runs in a fresh temporary ``--out`` folder; ``matcher run`` is run as a
programme director types it (default settings, terminal output discarded), and again
with ``--no-explain`` for installations that know that option. ``--tf-problems DIR``
adds the HBS team-formation peer to each round (``peers/tf_adapter.py`` in
``benchmarks/.venv-tf``) on the problems ``run.py --keep-work --methods matcher,tf`` left in
``DIR`` (``COHORT.tf.problem.json``): the same students and team sizes as our run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_measured  # noqa: E402


def cohort_path(name: str, root: Path = ROOT) -> Path:
    """``demo`` or a historical cohort's name, as a folder of the checkout ``root``."""
    return root / "instances" / name if name == "demo" else root / "instances/historical" / name


def knows_no_explain(executable: str) -> bool:
    """Whether this installation's ``matcher run`` has ``--no-explain``."""
    shown = subprocess.run([executable, "run", "--help"], capture_output=True, text=True)
    return "--no-explain" in shown.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "installs",
        nargs="+",
        help="LABEL=PATH of a matcher executable; LABEL=PATH@CHECKOUT runs the instances of "
        "that checkout (an older version that rejects today's files)",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cohorts", default="demo,2014-2015,2019-2020,2024-2025")
    parser.add_argument("--out", type=Path, default=None, help="markdown file to write")
    parser.add_argument("--tf-problems", type=Path, default=None, help="run.py's work folder")
    args = parser.parse_args()
    installs: list[tuple[str, str]] = []
    roots: dict[str, Path] = {}
    for item in args.installs:
        label, path = item.split("=", 1)
        path, _, checkout = path.partition("@")
        installs.append((label, path))
        roots[label] = Path(checkout) if checkout else ROOT
    commands: list[tuple[str, list[str], bool]] = []  # (case, arguments, writes --out)
    commands.append(("--version", ["--version"], False))
    for name in args.cohorts.split(","):
        commands.append((f"run {name}", ["run", name], True))
        commands.append((f"run {name} --no-explain", ["run", name], True))
    explainable = {label: knows_no_explain(path) for label, path in installs}
    tf_python = Path(__file__).resolve().parent / ".venv-tf" / "bin" / "python"
    tf_script = Path(__file__).resolve().parent / "peers" / "tf_adapter.py"
    peer_cases: dict[str, Path] = {}
    if args.tf_problems is not None:
        for name in args.cohorts.split(","):
            problem = args.tf_problems / f"{name}.tf.problem.json"
            if problem.exists() and tf_python.exists():
                peer_cases[f"run {name}"] = problem
    times: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    failures: list[str] = []
    loads = [os.getloadavg()[0]]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        for round_idx in range(args.rounds):
            for case, arguments, writes in commands:
                for label, path in installs:
                    if case.endswith("--no-explain") and not explainable[label]:
                        continue
                    command = [path, *arguments]
                    if arguments[0] == "run":
                        command[2] = str(cohort_path(arguments[1], roots[label]))
                    if case.endswith("--no-explain"):
                        command.append("--no-explain")
                    if writes:
                        command += ["--out", str(Path(tmp) / f"{label}-{round_idx}-{len(times)}")]
                    measured = run_measured(command, timeout=600, cwd=ROOT, env=env)
                    if measured.exit_code != 0:
                        failures.append(f"{label} {case}: exit {measured.exit_code}")
                    times[(case, label)].append((measured.wall_s, measured.cpu_s))
                if case in peer_cases:
                    result = Path(tmp) / f"tf-{round_idx}-{len(times)}.json"
                    command = [str(tf_python), str(tf_script), str(peer_cases[case]), str(result)]
                    measured = run_measured(command, timeout=600, cwd=ROOT, env=env)
                    if measured.exit_code != 0:
                        failures.append(f"team-formation {case}: exit {measured.exit_code}")
                    times[(case, "team-formation")].append((measured.wall_s, measured.cpu_s))
            loads.append(os.getloadavg()[0])
            print(
                f"round {round_idx + 1}/{args.rounds} done, load {loads[-1]:.1f}", file=sys.stderr
            )
    labels = [label for label, _ in installs] + (["team-formation"] if peer_cases else [])
    first = labels[0]
    lines = [
        f"Side by side, {started:%Y-%m-%d %H:%M} UTC, {args.rounds} rounds, runs interleaved; "
        f"1-minute load average {min(loads):.1f}–{max(loads):.1f} (2 cores).",
        "",
        "Median wall s / median CPU s per installation; ratio = median wall ÷ that of "
        f"`{first}` (or of the first installation that ran the command).",
        "",
        "| command | " + " | ".join(f"{label} wall / CPU" for label in labels) + " | ratios |",
        "| --- | " + " | ".join("---:" for _ in labels) + " | --- |",
    ]
    for case, _, _ in commands:
        cells, walls = [], {}
        for label in labels:
            runs = times.get((case, label))
            if not runs:
                cells.append("–")
                continue
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            walls[label] = wall
            cells.append(f"{wall:.3f} / {cpu:.3f}")
        base = walls.get(first) or next(iter(walls.values()))
        ratios = ", ".join(f"{label} ×{wall / base:.2f}" for label, wall in walls.items())
        lines.append(f"| `matcher {case}` | " + " | ".join(cells) + f" | {ratios} |")
    if failures:
        lines += ["", "Failures: " + "; ".join(failures)]
    lines += [
        "",
        "Installations: "
        + ", ".join(
            f"`{label}` = `{path}`"
            + ("" if roots[label] == ROOT else f" (instances of `{roots[label]}`)")
            for label, path in installs
        ),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
