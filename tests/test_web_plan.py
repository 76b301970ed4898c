"""The workbench's stage 3 and the run's explanations, through Flask's test client.

A run in the page plans supervisors and the calendar when the cohort has supervisors.csv
(as ``matcher run`` does), shows them, re-plans on demand, withdraws a supervisor in a
what-if, and saves the plan files; the run's explanations answer the why panel without a
further solve and are saved when they are of the board.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from csvrows import read_rows
from flask import Flask
from flask.testing import FlaskClient

from matcher.web import create_app

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
PLAN_FILES = ("supervision.csv", "schedule.csv", "calendar.ics")


def _bench(app: Flask):  # type: ignore[no-untyped-def]
    return app.extensions["workbench"]


def _solved(
    instance: Path, out: Path, *, lang: str = "en", explain: bool = False
) -> tuple[Flask, FlaskClient]:
    """``instance`` opened and run in the page (the worker thread joined)."""
    app = create_app(instance, out, lang, explain=explain)  # type: ignore[arg-type]
    client = app.test_client()
    assert client.post("/run").status_code == 200
    bench = _bench(app)
    bench.worker.join(timeout=600)
    assert bench.outcome is not None, bench.solve_error
    return app, client


def _check(instance: Path, result: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "matcher", "check", str(instance), "--result", str(result)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _cohort(tmp_path: Path, *, supervisors: str | None) -> Path:
    """A copy of the demo; ``supervisors``: the text of its supervisors.csv (``None``:
    without one)."""
    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    if supervisors is None:
        (folder / "supervisors.csv").unlink()
    else:
        (folder / "supervisors.csv").write_text(supervisors, encoding="utf-8")
    return folder


def test_run_plans_and_the_page_shows_every_teams_supervisor(tmp_path: Path) -> None:
    """After a run on the demo, the plan section lists each team once with its supervisor,
    as the plan holds it; the plan's values are those ``matcher.verify.plan`` recomputes
    from the rows (the independent check), and the same as ``matcher run``'s plan."""
    from matcher import app as api
    from matcher.verify.plan import plan_objectives

    app, client = _solved(DEMO, tmp_path / "out")
    bench = _bench(app)
    plan = bench.outcome.plan
    assert plan is not None and bench.plan_error == ""
    html = client.get("/").get_data(as_text=True)
    assert 'data-role="plan"' in html and 'data-action="plan"' in html
    table = re.search(r'data-role="supervision".*?</table>', html, re.S)
    assert table is not None
    shown = dict(re.findall(r'data-plan-team="(\w+)" data-supervisor="(\w+)"', table.group(0)))
    assert shown == {cid: sid for cid, sid, _ in plan.supervision}
    assert set(shown) == set(bench.outcome.teams.commission_ids)
    recomputed = plan_objectives(bench.outcome.instance, plan)
    assert {o.name: o.value for o in plan.stage.objectives} == {
        name: recomputed[name] for name in bench.outcome.instance.settings.supervision.priorities
    }
    # Same teams and supervisors as the command line's run: the same plan values.
    cli = api.run(api.load(DEMO))
    assert cli.plan is not None
    assert [o.value for o in cli.plan.stage.objectives] == [o.value for o in plan.stage.objectives]
    # The schedule day by day: a visit and an oral per team.
    assert html.count('data-event="visit"') == len(shown) == html.count('data-event="oral"')


def test_plan_section_in_french(tmp_path: Path) -> None:
    """The plan's words in French: heading, columns, yes/no of expertise."""
    app, client = _solved(DEMO, tmp_path / "out", lang="fr")
    html = client.get("/").get_data(as_text=True)
    assert "Accompagnement et calendrier" in html
    assert "Qui accompagne quelle équipe" in html and "Accompagnateur·rice" in html
    assert "Planifier à nouveau" in html
    expert = [e for _, _, e in _bench(app).outcome.plan.supervision]
    cells = re.findall(r'data-expertise="(yes|no)"', html)
    assert cells == ["yes" if e else "no" for e in expert]
    assert (">oui<" in html) == any(expert) and (">non<" in html) == (not all(expert))
    # French typography: a space before the colon of each value shown (the plan's and the
    # board's priorities), as in the report and at the terminal.
    values = re.findall(r"(\S) ?: <b>", html)
    assert values and re.search(r"\S: <b>", html) is None, re.findall(r".{20}\S: <b>", html)


def test_replan_button_plans_again(tmp_path: Path) -> None:
    """``POST /plan`` plans the board's teams afresh: same teams, a plan of the same value
    (the plan is proven optimal both times), answered as the plan fragment."""
    app, client = _solved(DEMO, tmp_path / "out")
    bench = _bench(app)
    before = [o.value for o in bench.outcome.plan.stage.objectives]
    answer = client.post("/plan")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert 'data-role="plan"' in html
    after = bench.outcome.plan
    assert [o.value for o in after.stage.objectives] == before
    assert {cid for cid, _, _ in after.supervision} == set(bench.outcome.teams.commission_ids)


def test_no_supervisors_no_plan_section_nor_files(tmp_path: Path) -> None:
    """A cohort without supervisors.csv: no plan section, ``/plan`` is 404, saving writes
    no plan file and ``matcher check`` accepts the folder."""
    cohort = _cohort(tmp_path, supervisors=None)
    _, client = _solved(cohort, tmp_path / "out")
    html = client.get("/").get_data(as_text=True)
    assert 'data-role="plan"' not in html
    assert client.post("/plan").status_code == 404
    client.post("/save")
    assert not any((tmp_path / "out" / name).exists() for name in PLAN_FILES)
    assert _check(cohort, tmp_path / "out").returncode == 0


def test_no_plan_is_shown_in_the_cohorts_terms_not_as_an_error(tmp_path: Path) -> None:
    """Seven supervisors with one team each for ten teams: the board is shown, the plan
    section names the one-team limits (in English, then in French after re-planning), and
    saving writes the teams without the plan files (``matcher check``: exit 0)."""
    lines = (DEMO / "supervisors.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        fields = line.split(",")
        fields[2] = "1"
        rows.append(",".join(fields))
    cohort = _cohort(tmp_path, supervisors="\n".join(rows) + "\n")
    app, client = _solved(cohort, tmp_path / "out")
    bench = _bench(app)
    assert bench.outcome.plan is None and bench.outcome.teams is not None
    html = client.get("/").get_data(as_text=True)
    problem = re.search(r'data-role="plan-problem">(.*?)</p>', html, re.S)
    assert problem is not None
    assert "No plan of supervisors and calendar satisfies the rules" in problem.group(1)
    # The diagnosis of ``matcher plan``: the supervisors' one-team limits.
    assert "takes at most 1 team" in problem.group(1), problem.group(1)
    assert "data-team=" in html
    saved = client.post("/save").get_data(as_text=True)
    assert "without supervision.csv" in saved
    assert not any((tmp_path / "out" / name).exists() for name in PLAN_FILES)
    assert _check(cohort, tmp_path / "out").returncode == 0
    client.post("/lang/fr")
    html = client.post("/plan").get_data(as_text=True)
    assert "Aucun planning des accompagnateur·rice·s et du calendrier" in html
    assert "prend au plus 1 équipe" in html


def test_withdraw_a_supervisor_in_the_whatif_panel(tmp_path: Path) -> None:
    """A supervisor withdrawn: nobody moves, their teams change supervisor (listed before
    accepting), the accepted plan no longer names them, and the saved summary records the
    withdrawal; ``matcher check`` accepts the saved folder."""
    app, client = _solved(DEMO, tmp_path / "out")
    bench = _bench(app)
    _, leaving, _ = bench.outcome.plan.supervision[0]
    theirs = {cid for cid, sid, _ in bench.outcome.plan.supervision if sid == leaving}
    html = client.post("/whatif", data={"supervisor": leaving}).get_data(as_text=True)
    changes = re.search(r'data-role="supervisor-changes".*?</table>', html, re.S)
    assert changes is not None, html
    assert set(re.findall(r'data-plan-team="(\w+)"', changes.group(0))) >= theirs
    assert bench.pending.changes.moves == 0
    # The visits and orals the new plan moves are listed before accepting, one item each,
    # the same count the accepted plan records (probe s25: said only once accepted).
    moved = bench.pending.plan.moved
    items = re.search(r'data-role="moved-events".*?</ul>', html, re.S)
    if moved:
        assert items is not None and items.group(0).count("<li>") == len(moved), html
    else:
        assert items is None
    client.post("/whatif/accept")
    plan = bench.outcome.plan
    assert len(plan.moved) == len(moved)
    assert plan is not None and leaving in plan.withdrawn
    assert all(sid != leaving for _, sid, _ in plan.supervision)
    assert bench.assignment == bench.outcome.teams.assignment
    client.post("/save")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["withdrawn_supervisors"] == [leaving]
    supervision = read_rows(tmp_path / "out" / "supervision.csv")
    assert all(r["supervisor_id"] != leaving for r in supervision)
    done = _check(DEMO, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr


def test_whatif_withdrawing_a_commission_replans(tmp_path: Path) -> None:
    """A commission withdrawn (replaced by a reserve): the pending plan covers the new
    teams, so the replacement has a supervisor before accepting."""
    app, client = _solved(DEMO, tmp_path / "out")
    bench = _bench(app)
    gone = bench.outcome.teams.commission_ids[0]
    client.post("/whatif", data={"commission": gone})
    pending = bench.pending
    assert pending is not None and pending.plan is not None
    planned = {cid for cid, _, _ in pending.plan.supervision}
    assert planned == set(pending.teams.commission_ids) and gone not in planned


def test_run_explanations_answer_the_why_panel_without_a_solve(tmp_path: Path) -> None:
    """With the explain step, the run's explanations answer ``/explain`` (marked as the
    run's) with the verdicts ``matcher run`` writes; saving writes explanations.csv, the
    same rows as the command line's."""
    from matcher import app as api

    app, client = _solved(DEMO, tmp_path / "out", explain=True)
    bench = _bench(app)
    explanations = bench.outcome.explanations
    assert explanations, "the demo has students off their best choice"
    student = explanations[0].student_id
    html = client.get(f"/explain/{student}").get_data(as_text=True)
    assert 'data-role="from-run"' in html
    verdicts = re.findall(r'data-wanted="(\w+)" data-verdict="(\w+)"', html)
    assert verdicts == [(e.wanted, e.verdict) for e in explanations if e.student_id == student]
    page = client.get("/").get_data(as_text=True)
    assert 'data-role="explained"' in page
    saved = client.post("/save").get_data(as_text=True)
    assert "explanations.csv written" in saved
    cli = api.explain_step(api.run(api.load(DEMO)))
    assert cli.explanations is not None
    rows = read_rows(tmp_path / "out" / "explanations.csv")
    assert [(r["student_id"], r["wanted"], r["verdict"]) for r in rows] == [
        (e.student_id, e.wanted, e.verdict) for e in cli.explanations
    ]


def test_moved_board_saves_the_plan_but_not_the_runs_explanations(tmp_path: Path) -> None:
    """After a move, the why panel no longer uses the run's explanations, and saving
    writes the plan (moving students does not change it) but no explanations.csv, saying
    so; ``matcher check`` accepts the folder with its plan files."""
    app, client = _solved(DEMO, tmp_path / "out", explain=True)
    bench = _bench(app)
    teams = bench.outcome.teams.commission_ids
    # Two students of different teams swap: sizes hold, every rule may still hold.
    first = next(s for s, t in bench.assignment.items() if t == teams[0])
    second = next(s for s, t in bench.assignment.items() if t == teams[1])
    client.post("/move", data={"student": first, "team": teams[1]})
    client.post("/move", data={"student": second, "team": teams[0]})
    html = client.get(f"/explain/{first}").get_data(as_text=True)
    assert 'data-role="from-run"' not in html
    saved = client.post("/save").get_data(as_text=True)
    assert "explanations.csv not written" in saved and "does not change the plan" in saved
    out = tmp_path / "out"
    assert not (out / "explanations.csv").exists()
    assert all((out / name).is_file() for name in PLAN_FILES)
    supervised = [r["commission_id"] for r in read_rows(out / "supervision.csv")]
    assert "\n".join(supervised) == "\n".join(teams)
    # Exit 0 when the swapped board keeps every rule, 3 when the page showed a broken one.
    broken = re.search(r"Broken rules \((\d+)\)", client.get("/").get_data(as_text=True))
    assert broken is not None
    done = _check(DEMO, out)
    assert done.returncode == (3 if int(broken.group(1)) else 0), done.stdout + done.stderr


def test_cancelled_explanations_are_dropped() -> None:
    """A cancelled explain step returns the outcome unexplained (no ``unknown`` verdicts
    passed off as the run's): the why panel then explains on demand."""
    import matcher.web.engine as engine
    from matcher import app as api

    outcome = api.run(api.load(DEMO), stage3=False)
    progress = engine.Progress()
    progress.cancel()
    now = time.perf_counter()
    assert engine.explain_all(outcome, progress, now) is outcome
    assert engine.explain_all(outcome, engine.Progress(), now).explanations is not None


def test_explanations_after_a_run_get_what_its_time_limit_leaves() -> None:
    """Probe s28c: a 20 s run in the workbench took 40 s, its explanations given the whole
    limit again after the teams. They now get what the limit leaves since the run began,
    as on the command line: a run that used it all leaves every question unknown (the why
    panel answers them on demand)."""
    import matcher.web.engine as engine
    from matcher import app as api

    outcome = api.run(api.load(DEMO), stage3=False)
    limit = outcome.instance.settings.solver.time_limit
    late = time.perf_counter() - limit - 1  # the run began more than the limit ago
    explained = engine.explain_all(outcome, engine.Progress(), late)
    assert explained.explanations is not None
    assert {e.verdict for e in explained.explanations} == {"unknown"}
