"""What the fourth acceptance probe of session 11 found wrong, each case checked against
the contract's words (§2 faults, §9 explanations, §10 the workbench, §11 the plan)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from matcher.web import create_app

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def test_whatif_on_a_board_without_plan_lists_no_supervisor_changes(tmp_path: Path) -> None:
    """The run's plan failed (five supervisors, ``[supervision] max_teams = 1``, ten
    teams), so the board has no supervisors; the director then allows more teams each and
    withdraws a student in a what-if. The what-if plans stage 3 anew, but no team
    *changes* supervisor: none had one. The page listed all ten teams under "teams that
    change supervisor", each "from" nothing (as ``matcher whatif`` does, a change is a team
    that had a supervisor and gets another)."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    (cohort / "supervisors.csv").write_text(
        "id,name\nA1,Anne\nA2,Bruno\nA3,Chloé\nA4,Denis\nA5,Emma\n", encoding="utf-8"
    )
    settings = cohort / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\n[supervision]\nmax_teams = 1\n",
        encoding="utf-8",
    )
    app = create_app(cohort, tmp_path / "out", "fr")
    client = app.test_client()
    assert client.post("/run").status_code == 200
    bench = app.extensions["workbench"]
    bench.worker.join(timeout=600)
    # The board is there, without a plan (10 teams, 5 supervisors taking 1 each).
    assert bench.outcome is not None and bench.outcome.plan is None and bench.plan_error
    assert client.post("/settings", data={"max_teams": "0"}).status_code == 200
    student = next(iter(bench.outcome.teams.assignment))
    html = client.post("/whatif", data={"student": student}).get_data(as_text=True)
    # The what-if did plan (the pending result has a supervisor per team) ...
    assert bench.pending is not None and bench.pending.plan is not None
    # ... and lists no team as changing supervisor.
    assert re.findall(r'data-plan-team="([^"]+)"', html) == []
