"""`matcher select` end to end: outputs, exit statuses, reruns byte-identical."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["select", *args])
    return result.exit_code, result.stdout, result.stderr


def test_select_writes_outputs_and_reruns_identically(tmp_path: Path) -> None:
    folder = TINY / "selection-include"
    first, second = tmp_path / "a", tmp_path / "b"
    code, out, _ = run(str(folder), "--out", str(first), "--seed", "3", "--time-limit", "20")
    assert code == 0
    assert "selection" in out
    assert run(str(folder), "--out", str(second), "--seed", "3", "--quiet")[0] == 0
    text = (first / "selection.csv").read_text(encoding="utf-8-sig")
    assert text == (second / "selection.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == (
        "id,institution,sector,problem_type,eligible,selected,reserve_rank,reason"
    )
    summary = json.loads((first / "summary.json").read_text(encoding="utf-8"))
    assert summary["selection"]["status"] == "OPTIMAL"
    assert [(o["name"], o["value"], o["bound"]) for o in summary["selection"]["objectives"]] == [
        ("sectors", 2, 2),
        ("problem_types", 2, 2),
        ("sector_spread", 1, 1),
        ("priority", 5, 5),
    ]


def test_no_solution_exits_3_with_diagnosis_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run(str(TINY / "selection-slots-infeasible"), "--out", str(out))
    assert code == 3
    assert "C03 lacks only visit" in err
    assert "3 are needed" in err
    assert "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_unknown_include_is_invalid_input(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(TINY / "selection-include", folder)
    (folder / "settings.toml").write_text('[selection]\ncount = 2\ninclude = ["C99"]\n')
    code, _, err = run(str(folder), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "C99" in err


def test_out_may_not_be_the_instance_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(TINY / "selection-sectors", folder)
    before = sorted(p.name for p in folder.iterdir())
    code, _, _ = run(str(folder), "--out", str(folder))
    assert code == 2
    assert sorted(p.name for p in folder.iterdir()) == before


def test_select_as_a_subprocess(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "matcher",
            "select",
            str(TINY / "selection-sectors"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    assert (tmp_path / "out" / "selection.csv").exists()
