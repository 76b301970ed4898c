"""`matcher assign` and `matcher run` on the tiny team instances (CliRunner and subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main

TINY = Path(__file__).resolve().parent.parent / "instances" / "tiny"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_run_reaches_the_proven_optimum(tmp_path: Path) -> None:
    code, output = _invoke("run", str(TINY / "teams-choices"), "--out", str(tmp_path), "--quiet")
    assert code == 0, output
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["teams"]["status"] == "OPTIMAL"
    values = {o["name"]: o["value"] for o in summary["teams"]["objectives"]}
    assert values == {"worst_choice": 2, "balance": 0, "choices": 9, "experience": 0}
    assert (tmp_path / "teams.csv").read_text(encoding="utf-8").count("\n") == 7


def test_assign_uses_the_selection_file(tmp_path: Path) -> None:
    first, second = tmp_path / "select", tmp_path / "assign"
    code, output = _invoke("select", str(TINY / "teams-choices"), "--out", str(first), "--quiet")
    assert code == 0, output
    code, output = _invoke(
        "assign",
        str(TINY / "teams-choices"),
        "--selection",
        str(first / "selection.csv"),
        "--out",
        str(second),
        "--quiet",
    )
    assert code == 0, output
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["teams"]["worst_choice"] == 2


def test_infeasible_pin_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _invoke("run", str(TINY / "teams-pinned-employer"), "--out", str(out))
    assert code == 3
    assert "S1 (Marie Dupont) is pinned to C1" in output
    assert not out.exists()


def test_model_diagnosis_as_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "matcher", "run", str(TINY / "teams-apart-triangle")]
    done = subprocess.run(
        [*command, "--out", str(out), "--quiet"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    # The solver's conflict (the three apart pairs), said as the count it is (s14j).
    assert "S1, S2 and S3 must all be kept apart from one another" in done.stderr
    assert "only 2 teams" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
