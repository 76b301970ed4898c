"""A what-if from a result that breaks rules (edited by hand) says so: the re-solve repairs
the broken rules and counts the students it moves for them among the moves, which the
director would otherwise read as the cost of the change alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from csvrows import read_rows, write_rows

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _whatif(source: Path, out: Path, lang: str) -> tuple[int, str]:
    args = ["whatif", str(DEMO), "--from", str(source), "--out", str(out), "--lang", lang]
    result = CliRunner().invoke(main, [*args, "--withdraw-student", "S060"])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "teams.csv: the result this what-if starts from breaks 1 rule ("),
        ("fr", "teams.csv : le résultat de départ enfreint 1 règle ("),
    ],
)
def test_a_broken_start_is_said(demo_result: Path, tmp_path: Path, lang: str, said: str) -> None:
    """S059 swapped by hand into the team of S028, whom the demo's pairs.csv keeps apart
    from S059: one rule broken (sizes kept). The what-if from it warns, on the terminal and
    in summary.json; the what-if from the unedited result does not."""
    edited = Path(shutil.copytree(demo_result, tmp_path / "edited"))
    (edited / "result.xlsx").unlink()  # teams.csv is the edited result
    rows = read_rows(edited / "teams.csv")
    team = {r["student_id"]: r for r in rows}
    # The demo's pairs.csv keeps S028 and S059 apart: swap S059 with a member of S028's team.
    mate = next(
        r for r in rows
        if r["commission_id"] == team["S028"]["commission_id"] and r["student_id"] != "S028"
    )
    assert team["S059"]["commission_id"] != team["S028"]["commission_id"]
    mate["commission_id"], team["S059"]["commission_id"] = (
        team["S059"]["commission_id"],
        mate["commission_id"],
    )
    write_rows(edited / "teams.csv", rows)
    code, output = _whatif(edited, tmp_path / "out", lang)
    assert code == 0, output
    assert said in output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert any(said in w for w in summary["warnings"])
    code, output = _whatif(demo_result, tmp_path / "plain", lang)
    assert code == 0, output
    assert said.split(" 1 ")[0] not in output
