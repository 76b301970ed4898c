"""The workbench used as a French-speaking director would, third round (Flask's test
client): supervisors withdrawn stay withdrawn, the why panel never shows an explanation of
a board that is gone, the menu follows the cohort uploaded, a run's conflict reads as a
list."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import matcher.web.engine as engine
from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _solved(out: Path, lang: str = "fr") -> tuple[Flask, FlaskClient, Workbench]:
    """The demo (with its supervisors.csv) opened and run in the page, worker joined."""
    app = create_app(DEMO, out, lang, explain=False)  # type: ignore[arg-type]
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    assert client.post("/run").status_code == 200
    assert bench.worker is not None
    bench.worker.join(timeout=600)
    assert bench.outcome is not None and bench.outcome.plan is not None, bench.solve_error
    return app, client, bench


def _supervisors(html: str) -> dict[str, str]:
    """Team → supervisor id, from the plan section's supervision table."""
    return dict(re.findall(r'<tr data-plan-team="([^"]+)" data-supervisor="([^"]+)"', html))


@pytest.fixture(scope="module")
def withdrawn_a01(tmp_path_factory: pytest.TempPathFactory) -> tuple[FlaskClient, Workbench]:
    """The demo run, then A01 (who supervises a team: C05 on the demo) withdrawn in a
    what-if that the director accepted."""
    _, client, bench = _solved(tmp_path_factory.mktemp("out"))
    assert bench.outcome is not None and bench.outcome.plan is not None
    before = {cid: sid for cid, sid, _ in bench.outcome.plan.supervision}
    assert "A01" in before.values()
    assert client.post("/whatif", data={"supervisor": "A01"}).status_code == 200
    assert client.post("/whatif/accept").status_code == 200
    assert "A01" not in _supervisors(client.get("/").get_data(as_text=True)).values()
    return client, bench


def test_replanning_keeps_a_withdrawn_supervisor_out(
    withdrawn_a01: tuple[FlaskClient, Workbench],
) -> None:
    """"Planifier à nouveau" after A01 withdrew: A01 is ill, not available again. The
    re-plan goes without A01 (the demo's A01 came back on C05 before the fix) and the page
    still lists A01 as withdrawn."""
    client, _ = withdrawn_a01
    html = client.post("/plan").get_data(as_text=True)
    assert "A01" not in _supervisors(html).values()
    assert 'data-role="plan-withdrawn"' in html and "A01" in html.split("plan-withdrawn")[1][:200]


def test_a_later_whatif_keeps_a_withdrawn_supervisor_out(
    withdrawn_a01: tuple[FlaskClient, Workbench],
) -> None:
    """After A01 withdrew, the director withdraws a commission too: the new plan goes
    without A01, and after a re-plan (which had no plan before to carry A01's absence)
    still without A01."""
    client, bench = withdrawn_a01
    assert client.post("/plan").status_code == 200
    team = bench.outcome.teams.commission_ids[0]  # type: ignore[union-attr]
    html = client.post("/whatif", data={"commission": team}).get_data(as_text=True)
    assert 'data-role="changes"' in html
    assert bench.pending is not None and bench.pending.plan is not None
    assert "A01" not in {sid for _, sid, _ in bench.pending.plan.supervision}
    client.post("/whatif/accept")
    assert "A01" not in _supervisors(client.post("/plan").get_data(as_text=True)).values()


def _why_panel(html: str) -> str:
    """The why panel sent out of band in an answer ("" when none is sent)."""
    found = re.search(r'<aside id="explain"[^>]*hx-swap-oob="true"[^>]*>(.*?)</aside>', html, re.S)
    return found.group(1) if found else ""


def test_the_why_panel_is_cleared_when_the_board_changes(tmp_path: Path) -> None:
    """The director reads why S007 is where he is (the run's explanation), then moves a
    student, undoes, re-optimises: each answer sends the why panel back to its prompt,
    saying the board changed, instead of leaving the explanation of a board that is gone
    on screen (before, it stayed: "Tiré des explications du calcul" beside a moved board,
    and "the board breaks a rule" after the undo that repaired it)."""
    _, client, bench = _solved(tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.teams is not None
    teams = bench.outcome.teams.commission_ids
    assert client.get("/explain/S007").status_code == 200
    student = next(s for s, c in bench.assignment.items() if c == teams[0])
    moved = client.post("/move", data={"student": student, "team": teams[1]})
    assert "Le tableau a changé" in _why_panel(moved.get_data(as_text=True))
    undone = client.post("/undo").get_data(as_text=True)
    assert "Le tableau a changé" in _why_panel(undone)
    client.post("/move", data={"student": student, "team": teams[1]})
    client.post("/pin", data={"student": student})
    again = client.post("/reoptimise").get_data(as_text=True)
    assert "Le tableau a changé" in _why_panel(again)
    # Locking changes no team, but the why panel answers on the board as locked: the
    # answer shown was of the locks before, so the panel goes back to its prompt (not
    # saying the board changed).
    locked = _why_panel(client.post("/pin", data={"student": student}).get_data(as_text=True))
    assert "Cliquez une carte" in locked and "Le tableau a changé" not in locked


def _menu(html: str) -> str:
    """The menu sent out of band in an answer ("" when none is sent)."""
    found = re.search(r'<nav id="menu" hx-swap-oob="true">(.*?)</nav>', html, re.S)
    return found.group(1) if found else ""


def test_the_menu_follows_the_cohort_uploaded(tmp_path: Path) -> None:
    """Upload answers replace the page's main part only; the menu above it kept its links
    of the cohort before: no "Accompagnement et calendrier" link after uploading a cohort
    with accompagnateurs.csv (until a reload), a dead one after uploading one without."""
    app = create_app(None, tmp_path / "out", "fr")  # type: ignore[arg-type]
    client = app.test_client()
    names = {"commissions.csv": "commandes.csv", "students.csv": "étudiants.csv"}

    def files(**extra: str) -> list[tuple[io.BytesIO, str]]:
        chosen = {**names, **extra}
        return [(io.BytesIO((DEMO / n).read_bytes()), name) for n, name in chosen.items()]

    with_plan = client.post(
        "/upload",
        data={"files": files(**{"supervisors.csv": "accompagnateurs.csv"})},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert 'data-role="instance"' in with_plan
    assert 'href="#plan"' in _menu(with_plan) and "Accompagnement" in _menu(with_plan)
    without = client.post(
        "/upload", data={"files": files()}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert 'href="#teams"' in _menu(without) and 'href="#plan"' not in _menu(without)


TINY_FR = DEMO.parent / "tiny" / "loading-fr-cp1252"


def test_a_runs_conflict_reads_rule_by_rule(tmp_path: Path) -> None:
    """The tiny French export has no teams (P2's size, E1 and E2 apart, E3 and E4
    together): the page's run error listed the rules run together, "taille de l'équipe P2
    : 2 étudiants E1 et E2 doivent être séparés E3 et E4…" (as if E1 and E2 were the two
    students). Each rule is now its own clause."""
    app = create_app(TINY_FR, tmp_path / "out", "fr", explain=False)  # type: ignore[arg-type]
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=600)
    html = client.get("/").get_data(as_text=True)
    error = re.search(r'data-role="solve-error">(.*?)</p>', html, re.S)
    assert error is not None
    said = unescape(error.group(1))
    clauses = "taille de l'équipe P2 : 2 étudiants ; E1 et E2 doivent être séparé·e·s ; "
    assert f"ensemble : {clauses}" in said


def test_sentences_join_a_diagnosis() -> None:
    """The plan's diagnosis too (it read "… ensemble :; …")."""
    from matcher.web.engine import sentences

    lines = ["these rules cannot all hold together:", "A01 takes at most 1 team", "", "x"]
    said = "these rules cannot all hold together: A01 takes at most 1 team; x"
    assert sentences(lines, "en") == said
    assert sentences(["ces règles :", "a", "b"], "fr") == "ces règles : a ; b"


def _undo_enabled(html: str) -> bool:
    button = re.search(r'<button data-action="undo"[^>]*>', html)
    assert button is not None
    return "disabled" not in button.group(0)


def test_undo_goes_back_across_a_whatif_accepted(tmp_path: Path) -> None:
    """A director moves S007, then accepts a what-if (S001 withdraws) and regrets it: undo
    was disabled (accepting wiped the history). Now undo goes back to the board before the
    what-if as it was left (S001 there, S007 where he was moved), again to the run's
    board, and redo comes back to the what-if's board (no S001); saved, ``matcher check``
    accepts it and changes.csv records the withdrawal."""
    _, client, bench = _solved(tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.teams is not None
    run_board = dict(bench.assignment)
    teams = bench.outcome.teams.commission_ids
    elsewhere = next(t for t in teams if t != run_board["S007"])
    client.post("/move", data={"student": "S007", "team": elsewhere})
    client.post("/whatif", data={"student": "S001"})
    client.post("/whatif/accept")
    html = client.get("/").get_data(as_text=True)
    assert 'data-student="S001"' not in html
    assert _undo_enabled(html)

    assert client.post("/undo").headers.get("HX-Refresh") == "true"
    html = client.get("/").get_data(as_text=True)
    assert 'data-student="S001"' in html
    assert bench.assignment["S007"] == elsewhere and bench.pending is None
    client.post("/undo")
    assert bench.assignment == run_board
    assert not _undo_enabled(client.get("/").get_data(as_text=True))

    client.post("/redo")
    assert client.post("/redo").headers.get("HX-Refresh") == "true"
    assert "S001" not in bench.assignment and bench.assignment["S007"] == elsewhere
    assert client.post("/save").status_code == 200
    saved = (tmp_path / "out" / "teams.csv").read_text(encoding="utf-8-sig")
    assert "S001," not in saved
    assert "S001" in (tmp_path / "out" / "summary.json").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "check", str(DEMO), "--result", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_move_after_undoing_a_whatif_forgets_it(tmp_path: Path) -> None:
    """Undo back across a what-if, then move a student: as after any undo and move, redo
    has nothing left (the what-if undone is forgotten, not replayed over the new move)."""
    _, client, bench = _solved(tmp_path / "out")
    client.post("/whatif", data={"student": "S001"})
    client.post("/whatif/accept")
    client.post("/undo")
    assert "S001" in bench.assignment
    teams = bench.outcome.teams.commission_ids  # type: ignore[union-attr]
    client.post("/move", data={"student": "S007", "team": teams[-1]})
    assert not bench.can_redo
    client.post("/redo")
    assert "S001" in bench.assignment


def test_a_commission_withdrawn_unreplaced_is_not_a_settings_edit(tmp_path: Path) -> None:
    """C01 withdrawn without replacement, accepted, saved: the result holds 9 commissions,
    which ``matcher check INSTANCE --result DIR`` rebuilds from summary.json's changes
    (exit 0, no --settings). The save said "the settings were changed in the page: check
    it with --settings …", which the director never did."""
    _, client, bench = _solved(tmp_path / "out")
    client.post("/whatif", data={"commission": "C01", "no_replace": "1"})
    client.post("/whatif/accept")
    assert bench.outcome is not None and bench.outcome.settings.selection.count == 9
    saved = unescape(client.post("/save").get_data(as_text=True))
    assert 'data-role="saved"' in saved
    assert "Les paramètres ont été modifiés" not in saved
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "check", str(DEMO), "--result", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _problems(html: str) -> list[list[str]]:
    """The problems table's rows: file, row, column, message."""
    rows = re.findall(r"<tr data-row=[^>]*>(.*?)</tr>", html, re.S)
    return [[unescape(c).strip() for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in rows]


def test_a_file_missing_from_an_upload_is_named_as_the_director_knows_it(
    tmp_path: Path,
) -> None:
    """Only étudiants.csv uploaded, then a workbook without a students sheet: the problem's
    file was our temporary folder ("/tmp/matcher-upload-…/cohorte déposée", and
    "/tmp/…/cohorte-sans.xlsx"), a path the director never saw. It is the uploaded
    cohort's name, and the workbook's."""
    import openpyxl

    client = create_app(None, tmp_path / "out", "fr").test_client()  # type: ignore[arg-type]
    students = io.BytesIO((DEMO / "students.csv").read_bytes())
    html = client.post(
        "/upload", data={"files": [(students, "étudiants.csv")]}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    [(file, _, _, message)] = _problems(html)
    assert file == "cohorte déposée" and "commissions.csv" in message
    assert "/tmp" not in html.split('data-role="problems"')[1]

    workbook = openpyxl.Workbook()
    workbook.active.title = "commandes"
    workbook.active.append(["id", "institution", "secteur", "problématique"])
    workbook.active.append(["C01", "CPAS de Namur", "CPAS", "évaluation"])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    html = client.post(
        "/upload", data={"files": [(data, "cohorte-sans.xlsx")]}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    [(file, _, _, message)] = _problems(html)
    assert file == "cohorte-sans.xlsx" and "étudiants" in message


def test_stopping_the_workbench_cancels_a_run_and_waits_for_it(tmp_path: Path) -> None:
    """Ctrl-C on ``matcher serve`` during a run: the process ended with the solver still
    searching in the run's thread, and the solver's library aborted it ("terminate called
    after throwing an instance of 'std::bad_function_call'", exit -6, measured on a
    200-student cohort). Closing the workbench now cancels the run and waits for its
    thread. Here the run's thread is a stand-in that searches until cancelled."""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)  # type: ignore[arg-type]
    bench: Workbench = app.extensions["workbench"]
    progress = engine.Progress()
    bench.progress = progress
    bench.worker = threading.Thread(
        target=lambda: progress.token._event.wait(timeout=60), daemon=True
    )
    bench.worker.start()
    bench.close()
    assert progress.cancelled and not bench.worker.is_alive()


def test_ctrl_c_on_serve_during_a_run_stops_cleanly(tmp_path: Path) -> None:
    """``matcher serve`` on a 200-student cohort, a run started in the page, Ctrl-C while
    the teams are searched: the process was aborted by CP-SAT's own SIGINT handler
    ("terminate called after throwing an instance of 'std::bad_function_call'", status
    -6), and never said "arrêté" even when idle (werkzeug's server swallows the Ctrl-C).
    Now the run is cancelled, the server says "arrêté" and exits 0."""
    import signal
    import time
    import urllib.request

    cohort = tmp_path / "cohort"
    generate = [sys.executable, "-m", "matcher", "generate", "--seed", "5", "--students", "200"]
    subprocess.run([*generate, "--out", str(cohort)], check=True, capture_output=True)
    serve = [sys.executable, "-m", "matcher", "serve", str(cohort), "--out", str(tmp_path / "out")]
    server = subprocess.Popen(
        [*serve, "--no-open", "--port", "0", "--lang", "fr"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = re.search(r"http://\S+/", server.stdout.readline())
        assert url is not None
        base = url.group(0).replace("localhost", "127.0.0.1")
        urllib.request.urlopen(urllib.request.Request(base + "run", method="POST", data=b""))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            progress = urllib.request.urlopen(base + "progress").read().decode()
            if 'data-stage="teams"' in progress:
                break
            time.sleep(0.2)
        assert 'data-stage="teams"' in progress
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert "terminate called" not in err
    assert server.returncode == 0, err[-500:]
    assert "arrêté" in out
