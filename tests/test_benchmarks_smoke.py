"""The benchmark protocol runs on one tiny cohort, and its peers keep the rules they claim to.

Benchmarks are not part of the package; their modules live in ``benchmarks/`` and are
imported from there. Nothing here needs a benchmark-only dependency except the plot test,
which is skipped when matplotlib is missing.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from matcher.schemas import Commission, Instance, Pair, Student
from matcher.verify.teams import team_violations

BENCH_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH_DIR))

from heuristics import Strategy, assign  # noqa: E402
from score import problem_metrics, score  # noqa: E402
from team_problem import build_team_problem  # noqa: E402


def _tiny_instance() -> tuple[Instance, list[str]]:
    """12 students, 4 commissions (sizes exactly 3), one conflict, one apart, one together pair."""
    commissions = tuple(
        Commission(id=f"C{i}", institution=f"Institution {i}", sector=f"s{i}", problem_type="p")
        for i in range(4)
    )
    students = tuple(
        Student(
            id=f"S{j:02d}",
            background=("AS", "EDUC", "GRH")[j % 3],
            vae=j % 4 == 0,
            gender="FM"[j % 2],
            employer="institution 0" if j == 5 else None,
            choices=(f"C{j % 4}", f"C{(j + 1) % 4}"),
        )
        for j in range(12)
    )
    pairs = (
        Pair(student_a="S00", student_b="S04", relation="apart"),
        Pair(student_a="S01", student_b="S02", relation="together"),
    )
    instance = Instance(
        name="tiny",
        commissions=commissions,
        students=students,
        pairs=pairs,
        student_columns=frozenset({"vae", "gender", "employer", "choices"}),
    )
    return instance, [c.id for c in commissions]


@pytest.mark.parametrize("strategy", ["random", "greedy"])
def test_naive_peers_keep_every_rule_on_an_easy_cohort(strategy: Strategy) -> None:
    instance, selected = _tiny_instance()
    problem = build_team_problem(instance, selected)
    for seed in range(10):
        teams = assign(problem, strategy, seed=seed)
        by_id = {problem.student_ids[s]: problem.commission_ids[t] for s, t in enumerate(teams)}
        assert team_violations(instance, selected, by_id) == []
        assert problem_metrics(problem, teams)["rule_violations"] == 0


def test_benchmark_scorer_agrees_with_the_engine_validator() -> None:
    instance, selected = _tiny_instance()
    problem = build_team_problem(instance, selected)
    for seed in range(5):
        metrics = score(instance, problem, assign(problem, "random", seed=seed))
        assert metrics["scorer"] == "matcher.verify.teams"
        assert metrics["scorer_disagrees"] == ""


def test_greedy_serves_choices_better_than_random() -> None:
    # Same cohort, same seeds: choosing by rank must beat choosing at random on the sum of
    # ranks over a few orders (12 students with 2 listed choices each).
    instance, selected = _tiny_instance()
    problem = build_team_problem(instance, selected)
    total: dict[Strategy, int] = {"random": 0, "greedy": 0}
    for strategy in total:
        for seed in range(5):
            teams = assign(problem, strategy, seed=seed)
            total[strategy] += problem_metrics(problem, teams)["choices"]
    assert total["greedy"] < total["random"]


def test_protocol_runs_on_one_tiny_cohort(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    generated = subprocess.run(
        [
            sys.executable,
            "-m",
            "matcher",
            "generate",
            "--seed",
            "1",
            "--students",
            "20",
            "--out",
            str(cohort),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr
    out = tmp_path / "bench"
    completed = subprocess.run(
        [
            sys.executable,
            str(BENCH_DIR / "run.py"),
            "--out",
            str(out),
            "--instances",
            str(cohort),
            "--sizes",
            "",
            "--no-target",
            "--methods",
            "matcher,random,greedy",
            "--time-limit",
            "1",
            "--workers",
            "1",
            "--no-plot",
            "--startup-runs",
            "0",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    with (out / "results.csv").open(encoding="utf-8") as handle:
        rows = {row["method"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"matcher", "random", "greedy"}
    assert rows["matcher"]["status"] in ("OPTIMAL", "FEASIBLE"), rows["matcher"]["note"]
    assert rows["matcher"]["rule_violations"] == "0"
    assert float(rows["matcher"]["wall_s"]) > 0
    assert rows["greedy"]["worst_choice"] != ""
    report = (out / "results.md").read_text(encoding="utf-8")
    assert "## Targets" in report and "greedy choice-first" in report
    assert not (out / "work").exists()


def test_explain_overhead_runs_each_source_tree_own_code(tmp_path: Path) -> None:
    """``explain_overhead.py --src DIR`` runs DIR's matcher even when started from the
    repository: ``python -c`` puts the working directory before ``PYTHONPATH`` on
    ``sys.path``, so both trees of a before/after comparison once ran the repository's
    code (the same answers and times, whatever the change). A fake tree whose CLI only
    prints a word must be the one that runs."""
    from explain_overhead import _command

    fake = tmp_path / "tree"
    (fake / "matcher").mkdir(parents=True)
    (fake / "matcher" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "matcher" / "cli.py").write_text("def main():\n    print('fake tree')\n", "utf-8")
    command, env, cwd = _command(str(fake))
    repository = BENCH_DIR.parent
    if cwd is None:  # the fix runs from the tree; without it, from where the benchmark runs
        cwd = str(repository)
    done = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "fake tree", done.stderr[-500:]


def test_plot_draws_time_and_gap_against_size(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from report import write_plot

    rows = [
        {
            "case": f"gen-{n}",
            "kind": "generated",
            "students": n,
            "method": m,
            "status": "OPTIMAL",
            "wall_s": n / 100,
            "solve_s": n / 200,
            "gap": 0.0,
            "time_limit": 60,
        }
        for n in (60, 250)
        for m in ("matcher", "greedy")
    ]
    assert write_plot(tmp_path / "plot.png", rows)
    assert (tmp_path / "plot.png").stat().st_size > 1000
