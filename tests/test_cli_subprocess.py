"""The installed command line, run as a person would: a separate process, real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_writers_sample import write_instance

MODULE = [sys.executable, "-m", "matcher"]


def _run(command: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _commands() -> list[list[str]]:
    found = shutil.which("matcher")
    return [MODULE, [found]] if found else [MODULE]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: Path(c[-1]).name)
def test_help_answers(command: list[str]) -> None:
    result = _run(command, "check", "--help")
    assert result.returncode == 0 and "--result" in result.stdout


def test_run_then_check_then_rerun_identically(tmp_path: Path) -> None:
    instance = write_instance(tmp_path / "instance")
    inputs = {p.name: p.read_bytes() for p in instance.iterdir()}
    first, second = tmp_path / "first", tmp_path / "second"
    common = ["--seed", "3", "--workers", "1", "--time-limit", "30"]
    result = _run(MODULE, "run", str(instance), "--out", str(first), *common)
    assert result.returncode == 0, result.stderr
    assert "optimality proven" in result.stdout
    quiet = _run(MODULE, "run", str(instance), "--out", str(second), *common, "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    names = sorted(p.name for p in first.iterdir())
    assert names == [
        "explanations.csv",
        "report.html",
        "result.xlsx",
        "selection.csv",
        "summary.json",
        "teams.csv",
    ]
    for name in names:
        if name != "summary.json":
            assert (first / name).read_bytes() == (second / name).read_bytes(), name

    def timeless(path: Path) -> dict[str, object]:
        summary = json.loads(path.read_text(encoding="utf-8"))
        for stage in ("selection", "teams"):
            summary[stage].pop("time_s")
        return summary

    assert timeless(first / "summary.json") == timeless(second / "summary.json")
    assert {p.name: p.read_bytes() for p in instance.iterdir()} == inputs

    checked = _run(MODULE, "check", str(instance), "--result", str(first))
    assert checked.returncode == 0, checked.stderr
    assert "holds every rule" in checked.stdout


def test_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    instance = write_instance(tmp_path / "instance")
    (instance / "students.csv").write_text("id,name\nS1,Ann\n", encoding="utf-8")
    result = _run(MODULE, "check", str(instance), "--result", str(tmp_path))
    assert result.returncode == 2
    assert "students.csv" in result.stderr and "Traceback" not in result.stderr
    result = _run(MODULE, "run", str(instance), "--out", str(instance))
    assert result.returncode == 2 and "Traceback" not in result.stderr
