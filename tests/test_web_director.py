"""The workbench used as a French-speaking director would (Flask's test client): the cards'
choice ranks as written, every word in French, sensible answers when a request cannot be
done (a run in progress, everyone locked, a stale request), uploads named as in a folder."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import matcher.web.engine as engine
from matcher.labels import label
from matcher.results import RunOutcome
from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
HISTORICAL = DEMO.parent / "historical" / "2024-2025"


@pytest.fixture(scope="module")
def demo_outcome() -> RunOutcome:
    """The demo solved once (both stages, no plan) for the module's boards."""
    instance = engine.load_folder(DEMO)
    return engine.run(instance, engine.Progress())


def _board(
    tmp_path: Path, outcome: RunOutcome, lang: str = "fr"
) -> tuple[Flask, FlaskClient, Workbench]:
    """A workbench on the demo showing ``outcome``'s board, pages in ``lang``."""
    app = create_app(DEMO, tmp_path / "out", lang, explain=False)  # type: ignore[arg-type]
    bench: Workbench = app.extensions["workbench"]
    bench.start_board(outcome)
    return app, app.test_client(), bench


@pytest.fixture
def running(tmp_path: Path, demo_outcome: RunOutcome) -> Iterator[tuple[FlaskClient, Workbench]]:
    """A board shown while a run computes new teams: a worker that waits (deterministic,
    no solve), its progress in the team stage."""
    _, client, bench = _board(tmp_path, demo_outcome)
    release = threading.Event()
    bench.worker = threading.Thread(target=release.wait, daemon=True)
    bench.worker.start()
    bench.progress = engine.Progress()
    bench.progress.stage = "teams"
    try:
        yield client, bench
    finally:
        release.set()
        bench.worker.join()


def _cards(html: str) -> dict[str, str]:
    """Student id → the text of their card's choice-rank chip."""
    found = re.findall(
        r'data-student="([^"]+)".*?<span class="chip rank[^"]*"[^>]*>(.*?)</span>', html, re.S
    )
    return {student: chip.strip() for student, chip in found}


def test_cards_show_the_rank_as_written(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """Each card's rank is the team's position in the student's choices as written (as
    teams.csv), "hors liste" for a team they did not list: never the solver's available
    rank, which calls an unlisted team "choix 2" when one listed choice was selected
    (S007 wrote C06;C23;C17;C25;C16 and the demo places him outside that list)."""
    _, client, bench = _board(tmp_path, demo_outcome)
    cards = _cards(client.get("/").get_data(as_text=True))
    students = {s.id: s for s in bench.instance.students}
    assert len(cards) == 60
    unlisted = 0
    for sid, chip in cards.items():
        choices = list(dict.fromkeys(students[sid].choices))
        team = bench.assignment[sid]
        if not choices:
            assert chip == "sans choix"
        elif team in choices:
            assert chip.startswith(f"choix {choices.index(team) + 1}"), (sid, chip)
        else:
            unlisted += 1
            assert chip.startswith("hors liste"), (sid, chip)
    assert bench.assignment["S007"] not in students["S007"].choices
    assert cards["S007"].startswith("hors liste") and unlisted >= 1


def test_french_page_names_priorities_status_and_attributes(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """In French the run's progress table names each priority in words (not its settings
    key), the status is "optimal" (not OPTIMAL), the balance boxes say Formation, En
    emploi, Genre, "Langue :" takes the French colon, and the selection's status column
    is headed "État"."""
    _, client, bench = _board(tmp_path, demo_outcome)
    bench.progress = engine.Progress()
    bench.progress.callback("worst_choice", 2, 2, 0.1)
    bench.progress.callback("sectors", 8, 8, 0.0)
    html = client.get("/").get_data(as_text=True)
    progress = re.search(r'<table class="progress">.*?</table>', html, re.S)
    assert progress is not None
    assert "pire rang parmi les choix retenus" in progress.group(0)
    assert ">worst_choice<" not in progress.group(0) and ">sectors<" not in progress.group(0)
    assert re.search(r'data-status="OPTIMAL">optimal<', html)
    for word in ("Formation", "En emploi", "Genre"):
        assert f"> {word}</label>" in html
    assert "> background</label>" not in html and "> employed</label>" not in html
    assert "Langue : " in html
    # The selection table's status column has a heading.
    assert "<th>État</th>" in html and "<th></th>" not in html


def test_reoptimise_with_everyone_locked_says_so(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """Everyone locked: re-optimising could move nobody; the board says so instead of
    answering the same board without a word."""
    _, client, bench = _board(tmp_path, demo_outcome)
    for student in list(bench.assignment):
        client.post("/pin", data={"student": student})
    html = client.post("/reoptimise").get_data(as_text=True)
    assert label("web_all_locked", "fr") in html
    assert len(bench.history) == 1


def test_reoptimise_during_a_run_answers_in_words(
    running: tuple[FlaskClient, Workbench],
) -> None:
    """A run computing new teams: re-optimise answers the board with "a solve is already
    running" in French, not an HTTP 409 page in English."""
    client, bench = running
    answer = client.post("/reoptimise")
    assert answer.status_code == 200
    assert label("web_busy", "fr") in answer.get_data(as_text=True)
    assert len(bench.history) == 1


def test_save_during_a_run_is_refused_with_a_message(
    running: tuple[FlaskClient, Workbench], tmp_path: Path
) -> None:
    """Save while a run computes new teams: refused with a sentence (the board shown is
    about to be replaced), nothing written."""
    client, _ = running
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="save-busy"' in html and label("web_save_busy", "fr") in html
    assert not (tmp_path / "out" / "teams.csv").exists()


def test_save_during_the_runs_explanations_saves(
    running: tuple[FlaskClient, Workbench], tmp_path: Path
) -> None:
    """Once the run's board is shown (its explanations going on), save writes it."""
    client, bench = running
    assert bench.progress is not None
    bench.progress.board_ready = True
    bench.progress.stage = "explanations"
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="saved"' in html
    assert (tmp_path / "out" / "teams.csv").is_file()


def test_whatif_during_a_run_waits(running: tuple[FlaskClient, Workbench]) -> None:
    """A what-if asked while a run computes new teams says a solve is running."""
    client, bench = running
    html = client.post("/whatif", data={"student": "S001"}).get_data(as_text=True)
    assert 'data-role="whatif-busy"' in html and bench.pending is None


def test_refused_requests_answer_a_french_sentence(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """A stale or impossible request (unknown student, nothing solved yet, unknown page)
    answers one sentence in the page's language, not the web server's English page."""
    app = create_app(None, tmp_path / "out", "fr")
    client = app.test_client()
    answer = client.post("/run")
    assert answer.status_code == 409
    assert answer.get_data(as_text=True) == label("web_http_409", "fr")
    assert client.get("/nowhere").get_data(as_text=True) == label("web_http_404", "fr")
    _, client, _ = _board(tmp_path, demo_outcome)
    answer = client.post("/move", data={"student": "S999", "team": "C01"})
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert text == label("web_http_400", "fr") and "Bad Request" not in text


def test_upload_french_names_and_settings_toml(tmp_path: Path) -> None:
    """étudiants.csv (a name contract §1 accepts) keeps its accent when uploaded, a
    settings.toml uploaded beside it is the cohort's settings, and the cohort is named
    "cohorte déposée", not after a temporary folder."""
    app = create_app(None, tmp_path / "out", "fr")
    client = app.test_client()
    files = [
        (io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv"),
        (io.BytesIO((DEMO / "students.csv").read_bytes()), "étudiants.csv"),
        (io.BytesIO(b"[selection]\ncount = 8\n"), "settings.toml"),
        (io.BytesIO((DEMO / "pairs.csv").read_bytes()), "pairs.csv"),
    ]
    html = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    bench = app.extensions["workbench"]
    assert bench.problems == [], html.get_data(as_text=True)
    assert len(bench.instance.students) == 60
    assert bench.instance.settings.selection.count == 8
    assert bench.instance.name == "cohorte déposée"
    assert "matcher-upload" not in html.get_data(as_text=True)
    # Every file read is named beside the cohort (probe s25: pairs and settings were not).
    said = "(commissions.csv, étudiants.csv, pairs.csv, settings.toml)"
    assert said in client.get("/").get_data(as_text=True)


def test_upload_of_a_decomposed_accent_name(tmp_path: Path) -> None:
    """A browser sending é as e + combining accent (macOS): the name is composed first."""
    app = create_app(None, tmp_path / "out", "en")
    client = app.test_client()
    files = [
        (io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv"),
        (io.BytesIO((DEMO / "students.csv").read_bytes()), "e\u0301tudiants.csv"),
    ]
    client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    bench = app.extensions["workbench"]
    assert bench.problems == [] and len(bench.instance.students) == 60


def test_whatif_arrivals_count_moves_not_rows(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """Two students arriving: the changes list them, and the heading counts 0 students
    moved (arrivals are not moves), worded "étudiants déplacés : 0" rather than
    "0 changements" above a table of two rows."""
    _, client, bench = _board(tmp_path, demo_outcome)
    arrivals = (
        "id,name,background,vae,employed,gender,choices\n"
        "S901,Nouvelle Arrivée,GRH,no,yes,F,C01;C02\n"
        "S902,Autre Arrivé,éducateur,yes,no,M,C04\n"
    ).encode()
    html = client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(arrivals), "arrivees.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert bench.pending is not None, html
    assert "<td>S901</td>" in html and "<td>S902</td>" in html
    assert re.search(r'data-role="moves" data-value="0">étudiants déplacés : 0<', html)


def test_language_switch_rewords_messages_and_diagnoses(tmp_path: Path) -> None:
    """A run refused in French (teams of at least 7 for 60 students in 10 teams), then
    the page switched to English: the diagnosis and the "settings applied" line are
    English too, not kept in the language they were first shown in; and back in French.
    (The "settings applied" line is said once since session 36, by Apply's answer.)"""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    answer = client.post("/settings", data={"min_size": "7"}).get_data(as_text=True)
    assert bench.problems == []
    french_saved = label("web_settings_saved", "fr")
    # Said once, by Apply's answer (probe s36c: then on every page shown after).
    assert french_saved in answer
    assert french_saved not in client.get("/").get_data(as_text=True)
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.solve_error and bench.outcome is None
    french = client.get("/").get_data(as_text=True)
    error = re.search(r'data-role="solve-error">(.*?)</p>', french, re.S)
    assert error is not None and "Aucune solution" in error.group(1)
    client.post("/lang/en")
    english = client.get("/").get_data(as_text=True)
    error = re.search(r'data-role="solve-error">(.*?)</p>', english, re.S)
    assert error is not None and error.group(1).startswith("No solution")
    assert "équipe" not in error.group(1), error.group(1)
    client.post("/lang/fr")
    french = client.get("/").get_data(as_text=True)
    error = re.search(r'data-role="solve-error">(.*?)</p>', french, re.S)
    assert error is not None and "Aucune solution" in error.group(1)


def test_cancelled_run_status_says_cancelled(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """A run cancelled with a board kept (status FEASIBLE): the page says "annulé", not
    "limite de temps atteinte", which would blame a time limit the director never hit; a
    later result (here the same teams shown afresh) is said as its status."""
    from dataclasses import replace

    from matcher.results import Status

    teams = demo_outcome.teams
    assert teams is not None
    kept = replace(teams, stage=replace(teams.stage, status=Status.FEASIBLE))
    _, client, bench = _board(tmp_path, replace(demo_outcome, teams=kept))
    bench.progress = engine.Progress()
    bench.progress.kept = kept
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'data-status="FEASIBLE">annulé \(', html)
    assert label("status_FEASIBLE", "fr") not in html
    bench.start_board(replace(demo_outcome, teams=replace(kept)))
    html = client.get("/").get_data(as_text=True)
    assert f'data-status="FEASIBLE">{label("status_FEASIBLE", "fr")}<' in html


def test_explanation_refused_is_worded_in_french(
    tmp_path: Path, demo_outcome: RunOutcome, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The why panel's refusal (a UsageError from the application) is shown in the page's
    language, not as str()'s English."""
    from matcher.errors import UsageError
    from matcher.labels import text

    _, client, _ = _board(tmp_path, demo_outcome)

    def refused(*_: object, **__: object) -> None:
        raise UsageError(text("app_board_unknown_student", student="S001"))

    monkeypatch.setattr(engine, "explain", refused)
    html = client.get("/explain/S001").get_data(as_text=True)
    french = label("app_board_unknown_student", "fr", student="S001")
    assert french != label("app_board_unknown_student", "en", student="S001")
    assert f'<p class="error">{french}</p>' in html.replace("&#39;", "'")


def test_a_stage_without_result_in_time_is_said_in_words() -> None:
    """A stage that found nothing within the time limit (UNKNOWN, no diagnosis) reads as
    a sentence in the page's language telling what to do, never the bare word UNKNOWN."""
    from matcher.results import StageResult, Status

    error = engine.SolveFailed("teams", StageResult(Status.UNKNOWN, 1.0))
    french = engine.failure(error, "fr")
    assert french == label("web_nothing_in_time", "fr") and "UNKNOWN" not in french
    assert engine.failure_lines(error, "en") == [label("web_nothing_in_time", "en")]
    infeasible = engine.SolveFailed("teams", StageResult(Status.INFEASIBLE, 1.0))
    assert engine.failure(infeasible, "fr") == "aucune solution"


def test_a_locked_student_dragged_keeps_the_lock_where_put(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """Lock a student, then drag them to another team: the lock goes with them (no rule
    "pinned to their old team" broken by the director's own move), and re-optimising keeps
    them where they were put while the others repair the sizes."""
    _, client, bench = _board(tmp_path, demo_outcome)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in demo_outcome.teams.commission_ids if c != team)  # type: ignore[union-attr]
    client.post("/pin", data={"student": student})
    html = client.post("/move", data={"student": student, "team": other}).get_data(as_text=True)
    assert "imposé" not in html
    client.post("/reoptimise")
    assert bench.assignment[student] == other
    html = client.get("/").get_data(as_text=True)
    assert "Toutes les règles sont respectées." in html
    assert re.search(rf'class="card[^"]*pinned[^"]*" data-student="{student}"', html)


@pytest.mark.parametrize("cohort", [HISTORICAL, DEMO], ids=["teams", "plan"])
def test_progress_table_ends_with_the_proven_bounds(tmp_path: Path, cohort: Path) -> None:
    """After the run, each priority of the progress table shows the run's final value
    and proven bound, never the last improvement's (a cohort without supervisors showed
    sector_spread 2 with bound 0 beside "optimal"; the demo's plan, travel 180 with bound
    120)."""
    app = create_app(cohort, tmp_path / "out", "en", explain=False)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None and bench.progress is not None
    final = {
        o.name: (o.value, o.bound)
        for result in (bench.outcome.selection, bench.outcome.teams, bench.outcome.plan)
        if result is not None
        for o in result.stage.objectives
    }
    shown = bench.progress.priorities
    assert shown and set(shown) <= set(final)
    for name, (best, bound, _) in shown.items():
        assert (best, bound) == final[name], name


def test_settings_edited_in_the_page_are_saved_beside_the_result(tmp_path: Path) -> None:
    """Settings edited in the page (9 commissions, teams of 5 to 8, no isolated VAE
    student) then run and saved: the folder holds settings.toml with them, the page says
    how to check it, and ``matcher check demo --result DIR --settings DIR/settings.toml``
    accepts it (exit 0; with the demo's own settings it would say 9 are selected where 10
    are needed)."""
    import subprocess
    import sys

    out = tmp_path / "out"
    app = create_app(DEMO, out, "fr", explain=False)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    client.post(
        "/settings",
        data={"count": "9", "min_size": "5", "max_size": "8", "no_isolation": "vae=oui"},
    )
    assert bench.problems == [] and bench.instance.settings.selection.count == 9
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None, bench.solve_error
    html = client.post("/save").get_data(as_text=True)
    # Since session 34 check reads the settings.toml saved beside the result itself.
    assert "settings.toml" in html and "--settings" not in html
    saved = (out / "settings.toml").read_text(encoding="utf-8")
    assert "count = 9" in saved and "min_size = 5" in saved and '"vae=oui"' in saved
    done = subprocess.run(
        [
            *(sys.executable, "-m", "matcher", "check", str(DEMO), "--result", str(out)),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_settings_file_round_trips(tmp_path: Path) -> None:
    """The demo's settings (calendar dates, slot groups, priorities) written as TOML read
    back equal, through the loader the commands use."""
    from matcher.loading.settings import load_settings
    from matcher.outputs.settings_file import settings_toml

    settings = engine.load_folder(DEMO).settings
    path = tmp_path / "settings.toml"
    path.write_text(settings_toml(settings), encoding="utf-8")
    assert load_settings(path) == settings


def test_opening_files_during_a_run_waits(running: tuple[FlaskClient, Workbench]) -> None:
    """Files uploaded (or the given folder reloaded) while a run computes teams: refused
    with a sentence, the cohort kept; else the run would end by showing the old cohort's
    60 students under the new cohort's name (and saving them with its files)."""
    client, bench = running
    before = bench.instance
    files = [(io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv")]
    html = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert label("web_open_busy", "fr") in unescape(html.get_data(as_text=True))
    assert bench.instance is before and bench.problems == []
    client.post("/open")
    assert bench.instance is before and bench.history


def test_opening_a_cohort_drops_what_was_shown(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """A cohort uploaded after a run: the run's progress table, status, messages and
    locks of the cohort before are not shown with it."""
    _, client, bench = _board(tmp_path, demo_outcome)
    bench.progress = engine.Progress()
    bench.progress.callback("worst_choice", 2, 2, 0.1)
    bench.solve_error = "ancien diagnostic"
    bench.pins = {"S001": "C01"}
    files = [
        (io.BytesIO((DEMO / name).read_bytes()), name)
        for name in ("commissions.csv", "students.csv")
    ]
    html = client.post(
        "/upload", data={"files": files}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert bench.instance.name == "cohorte déposée"
    assert 'class="progress"' not in html and "ancien diagnostic" not in html
    assert bench.pins == {} and bench.outcome is None


def test_a_broken_board_saved_lists_its_broken_rules(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """A board saved on purpose with a student moved (two teams' sizes broken): as
    ``matcher report`` renders an edited result, summary.json lists the broken rules and
    each priority's value beside the solver's, and report.html says the rules first; before,
    nothing in the saved folder said it breaks rules."""
    import json

    _, client, bench = _board(tmp_path, demo_outcome)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in demo_outcome.teams.commission_ids if c != team)  # type: ignore[union-attr]
    client.post("/move", data={"student": student, "team": other})
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="saved"' in html
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    broken = summary["broken_rules"]
    assert f"l'équipe {other} compte 7 étudiants, il en faut 6" in broken
    assert f"l'équipe {team} compte 5 étudiants, il en faut 6" in broken and len(broken) == 2
    by_name = {(p["stage"], p["name"]): p for p in summary["priorities"]}
    balance = by_name[("teams", "balance")]
    assert balance["solver"] == 0 and balance["value"] > 0
    report = unescape((out / "report.html").read_text(encoding="utf-8"))
    assert f"l'équipe {other} compte 7 étudiants, il en faut 6" in report


def test_an_unmoved_board_saved_is_the_solvers(tmp_path: Path, demo_outcome: RunOutcome) -> None:
    """Saved as solved (no move): no edit recorded, status as the solver's."""
    import json

    _, client, _ = _board(tmp_path, demo_outcome)
    client.post("/save")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "broken_rules" not in summary and summary["teams"]["status"] == "OPTIMAL"


def test_no_plan_tab_without_supervisors(tmp_path: Path) -> None:
    """A cohort without supervisors.csv has no supervision and calendar section: the
    page's menu offers no link to it (the demo, which has one, does)."""
    without = create_app(HISTORICAL, tmp_path / "a", "fr").test_client().get("/")
    assert 'href="#plan"' not in without.get_data(as_text=True)
    with_plan = create_app(DEMO, tmp_path / "b", "fr").test_client().get("/")
    assert 'href="#plan"' in with_plan.get_data(as_text=True)


def test_live_progress_counts_the_questions_explained(
    running: tuple[FlaskClient, Workbench],
) -> None:
    """While the run explains (the board shown), the live progress says how many questions
    are answered of how many, in the page's language; none before the first count."""
    client, bench = running
    assert bench.progress is not None
    bench.progress.board_ready = True
    bench.progress.begin("explanations")
    html = client.get("/progress?board=1&live=1").get_data(as_text=True)
    assert 'data-stage="explanations"' in html and 'data-role="questions"' not in html
    bench.progress.answered(7, 40)
    html = client.get("/progress?board=1&live=1").get_data(as_text=True)
    assert '<span data-role="questions">questions traitées : 7 sur 40.</span>' in html
