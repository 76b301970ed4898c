"""The HiGHS peer's objectives are the engine's priorities: its values equal the validator's.

Runs only where the benchmark environment exists (``bash benchmarks/setup.sh`` creates
``benchmarks/.venv-highs``); skipped otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matcher.schemas import Commission, Instance, Pair, Student
from matcher.verify.teams import team_objectives, team_violations

BENCH_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
HIGHS_PYTHON = BENCH_DIR / ".venv-highs" / "bin" / "python"
sys.path.insert(0, str(BENCH_DIR))

from team_problem import build_team_problem  # noqa: E402


def _cohort() -> tuple[Instance, list[str]]:
    """9 students on 3 commissions of exactly 3, with experience, pairs and a conflict."""
    commissions = tuple(
        Commission(id=f"C{i}", institution=f"Institution {i}", sector=f"s{i}", problem_type="p")
        for i in range(3)
    )
    students = tuple(
        Student(
            id=f"S{j}",
            background=("AS", "EDUC", "GRH")[j % 3],
            vae=j in (0, 4),
            gender="FM"[j % 2],
            employer="Institution 2" if j == 8 else None,
            experience_years=float(j % 4) * 1.5 if j != 3 else None,
            choices=(f"C{j % 3}", f"C{(j + 1) % 3}"),
        )
        for j in range(9)
    )
    pairs = (
        Pair(student_a="S0", student_b="S3", relation="apart"),
        Pair(student_a="S1", student_b="S5", relation="together"),
    )
    instance = Instance(
        name="peers",
        commissions=commissions,
        students=students,
        pairs=pairs,
        student_columns=frozenset({"vae", "gender", "employer", "experience_years", "choices"}),
    )
    return instance, [c.id for c in commissions]


@pytest.mark.skipif(not HIGHS_PYTHON.exists(), reason="benchmarks/.venv-highs not set up")
def test_highs_twin_reports_the_validators_values(tmp_path: Path) -> None:
    instance, selected = _cohort()
    problem = build_team_problem(instance, selected)
    problem.to_json(tmp_path / "p.json", time_limit=20, workers=1, seed=0, team_sizes=[])
    subprocess.run(
        [
            str(HIGHS_PYTHON),
            str(BENCH_DIR / "peers" / "highs_team.py"),
            str(tmp_path / "p.json"),
            str(tmp_path / "r.json"),
        ],
        check=True,
        timeout=60,
    )
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result["status"] == "OPTIMAL"
    teams = result["assignment"]
    by_id = {problem.student_ids[s]: problem.commission_ids[t] for s, t in enumerate(teams)}
    assert team_violations(instance, selected, by_id) == []
    recomputed = team_objectives(instance, selected, by_id)
    for objective in result["objectives"]:
        assert objective["value"] == recomputed[objective["name"]], objective["name"]
