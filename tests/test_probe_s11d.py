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


def _visits_cohort(folder: Path, *, num_teams: int, num_supervisors: int) -> Path:
    """``num_teams`` commissions of distinct institutions with no town (45 minutes between
    any two), two students each, ``num_supervisors`` supervisors without limits of their
    own; the default calendar: a 09:00–13:00 visit morning, 90-minute visits."""
    folder.mkdir()
    commissions = ["id;organisme;secteur;problématique;créneaux"] + [
        f'C{k:02d};Institution {k};secteur {k % 4};type {k % 3};"visit;oral_thu"'
        for k in range(1, num_teams + 1)
    ]
    students = ["matricule;formation"] + [
        f"S{i:03d};AS" for i in range(1, 2 * num_teams + 1)
    ]
    supervisors = ["identifiant;nom"] + [
        f"A{s};Accompagnant {s}" for s in range(1, num_supervisors + 1)
    ]
    for name, rows in (
        ("commissions.csv", commissions),
        ("students.csv", students),
        ("supervisors.csv", supervisors),
    ):
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "settings.toml").write_text(
        f"[selection]\ncount = {num_teams}\n", encoding="utf-8"
    )
    return folder


def test_plan_with_too_few_visit_mornings_names_them(tmp_path: Path) -> None:
    """Twenty-four teams, eight supervisors: each may take ceil(24/8) = 3 teams, but a
    09:00–13:00 morning holds at most 2 visits of 90 minutes with 45 minutes between
    institutions (90 + 45 + 90 = 225 <= 240 < 360), so 16 visits for 24 teams. ``plan``
    answered exit 3 with "no conflict could be isolated within the time limit": the
    conflict search did not finish on 24 x 8 (contract §11: exit 3 naming the conflicting
    rules in the cohort's terms). The count is arithmetic; it is said without a solve."""
    from click.testing import CliRunner

    from matcher.cli import main

    cohort = _visits_cohort(tmp_path / "cohort", num_teams=24, num_supervisors=8)
    # The teams first, without supervisors (a run with them would end in the same exit 3).
    supervisors = (cohort / "supervisors.csv").read_text(encoding="utf-8")
    (cohort / "supervisors.csv").unlink()
    runner = CliRunner()
    common = ["--workers", "1", "--lang", "fr"]
    ran = runner.invoke(
        main, ["run", str(cohort), "--out", str(tmp_path / "r"), "--no-explain", *common]
    )
    assert ran.exit_code == 0, ran.output
    (cohort / "supervisors.csv").write_text(supervisors, encoding="utf-8")
    planned = runner.invoke(
        main,
        ["plan", str(cohort), "--result", str(tmp_path / "r"), "--out", str(tmp_path / "p"),
         "--time-limit", "4", *common],
    )
    assert planned.exit_code == 3
    said = planned.output
    assert "isolé" not in said, said
    # The morning's count: 16 visits at most (2 each) against 24 teams.
    assert "au plus 16" in said and "2 chacun·e" in said and "24 équipes" in said, said
