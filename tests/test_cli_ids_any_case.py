"""Ids typed on the command line are read as ids in the files are (contract §7: one way
of naming things): ``c07`` names C07, ``s001`` S001, ``a02`` A02. Before, the files'
ids matched whatever their case but ``--withdraw-commission c01`` was refused with
"did you mean C01?"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _selected(result: Path) -> list[str]:
    return [r["id"] for r in read_rows(result / "selection.csv") if r["selected"] == "yes"]


def test_whatif_reads_withdrawn_ids_in_any_case(demo_result: Path, tmp_path: Path) -> None:
    commission = _selected(demo_result)[0]
    student = read_rows(demo_result / "teams.csv")[0]["student_id"]
    out = tmp_path / "after"
    args = [
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out), "--quiet",
        "--withdraw-commission", commission.lower(),
        "--withdraw-student", student.lower(),
        "--withdraw-supervisor", "a02",
    ]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # The commission withdrawn is named as the files name it, and really left.
    assert commission in summary["changes"]["replaced"]
    assert commission not in _selected(out)
    assert student not in {r["student_id"] for r in read_rows(out / "teams.csv")}
    assert "A02" not in {r["supervisor_id"] for r in read_rows(out / "supervision.csv")}


def test_explain_reads_student_ids_in_any_case(demo_result: Path) -> None:
    wished = read_rows(demo_result / "explanations.csv")[0]["student_id"]
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "en"]
    lower = CliRunner().invoke(main, [*args, "--student", wished.lower()])
    exact = CliRunner().invoke(main, [*args, "--student", wished])
    assert lower.exit_code == 0, lower.output
    assert lower.output == exact.output
    assert wished in lower.output


def test_an_id_naming_nobody_is_still_refused_with_the_nearest(demo_result: Path) -> None:
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--student", "S9999"])
    assert result.exit_code == 2
    assert "S9999" in result.output
