"""``plan --result`` carries the teams stage the result's summary.json proved, when the teams
read back are still those it was solved for (probe s14e: the plan's summary.json said the
teams were given, FEASIBLE without objectives, after a run that proved them optimal)."""

from __future__ import annotations

import json
from pathlib import Path

from cohortfiles import invoke

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _teams_stage(folder: Path) -> dict[str, object]:
    stage = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["teams"]
    assert isinstance(stage, dict)
    return stage


def test_plan_carries_the_proven_teams_and_not_an_edited_result(tmp_path: Path) -> None:
    result, planned = tmp_path / "result", tmp_path / "planned"
    code, output = invoke(["run", str(DEMO), "--out", str(result), "--no-explain", "--quiet"])
    assert code == 0, output
    solved = _teams_stage(result)
    assert solved["status"] == "OPTIMAL"
    code, output = invoke(["plan", str(DEMO), "--result", str(result), "--out", str(planned)])
    assert code == 0, output
    carried = _teams_stage(planned)
    assert (carried["status"], carried["given"]) == ("OPTIMAL", False)
    assert carried["objectives"] == solved["objectives"]
    # Other [teams] settings (balance on the background alone): the proof was about other
    # rules, so the teams are given, as before.
    settings = tmp_path / "other.toml"
    text = (DEMO / "settings.toml").read_text(encoding="utf-8")
    settings.write_text(text + '\n[teams]\nbalance = ["background"]\n', encoding="utf-8")
    other = tmp_path / "other"
    code, output = invoke(
        ["plan", str(DEMO), "--result", str(result), "--out", str(other), "--settings",
         str(settings), "--quiet"]
    )  # fmt: skip
    assert code == 0, output
    stage = _teams_stage(other)
    assert (stage["status"], stage["given"], stage["objectives"]) == ("FEASIBLE", True, [])
