"""The workbench's loose ends: a cancelled run saved says so, uploads leave no folder
behind, whole seconds without ".0", menu links that lead somewhere before a run."""

from __future__ import annotations

import io
import json
import re
import tempfile
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from webrun import cancelled_workbench

import matcher.web.engine as engine
from matcher import app
from matcher.cli import main
from matcher.labels import decimal, label
from matcher.web import create_app
from matcher.web.routes.solving import _work
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def test_a_cancelled_run_saved_says_interrupted(tmp_path: Path) -> None:
    """Cancel during the team stage, then save: as after Ctrl-C on the command line,
    summary.json has ``"interrupted": true`` with the teams FEASIBLE (stopped at their
    first solution, nothing proven), and the report and the workbook say "interrompu"
    rather than "limite de temps atteinte" (a limit the director never hit). Before, the
    saved summary had no ``interrupted`` and the outputs blamed the time limit."""
    app, _ = cancelled_workbench(DEMO, tmp_path / "out")
    client = app.test_client()
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary.get("interrupted") is True
    assert summary["teams"]["status"] == "FEASIBLE"
    said = label("status_interrupted", "fr")
    report = unescape((out / "report.html").read_text(encoding="utf-8"))
    assert said in report and label("status_FEASIBLE", "fr") not in report
    book = openpyxl.load_workbook(out / "result.xlsx", read_only=True)
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    cells = [str(cell) for row in rows for cell in row]
    assert said in cells and not any("FEASIBLE" in cell for cell in cells)


def test_a_run_not_cancelled_is_not_interrupted(tmp_path: Path) -> None:
    """The twin: the same run left to finish saves no ``interrupted`` key."""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    bench: Workbench = app.extensions["workbench"]
    assert bench.instance is not None
    progress = engine.Progress()
    _work(bench, bench.instance, progress)
    app.test_client().post("/save")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "interrupted" not in summary


def _solver_column(instance_dir: Path, result: Path) -> dict[tuple[str, str], int | None]:
    """What ``check`` (and ``report``) show as the solver's value of each priority."""
    instance = app.load(instance_dir)
    checked = app.check(instance, result)
    return {(stage, name): solver for stage, name, _, solver in checked.priorities}


def test_the_solvers_values_survive_an_edit_saved_then_reported(tmp_path: Path) -> None:
    """A board moved in the workbench and saved, then re-rendered by ``report`` twice:
    ``check`` of each folder shows the solver's values (those of the run), never the
    edited ones that the saved summary holds. Before, the first folder's "solver"
    column repeated the edited values (the moved student's balance, not 0)."""
    demo = engine.load_folder(DEMO)
    solved = engine.run(demo, engine.Progress())
    assert solved.teams is not None
    solver = {("teams", o.name): o.value for o in solved.teams.stage.objectives}
    app_ = create_app(DEMO, tmp_path / "saved", "en", explain=False)
    bench: Workbench = app_.extensions["workbench"]
    bench.start_board(solved)
    client = app_.test_client()
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in solved.teams.commission_ids if c != team)
    client.post("/move", data={"student": student, "team": other})
    client.post("/save")
    saved = tmp_path / "saved"
    edited = json.loads((saved / "summary.json").read_text(encoding="utf-8"))
    balance_now = next(
        p["value"] for p in edited["priorities"] if (p["stage"], p["name"]) == ("teams", "balance")
    )
    assert balance_now != solver[("teams", "balance")]  # the edit shows in its priorities
    folders = [saved]
    for step in ("once", "twice"):
        out = tmp_path / step
        app.write_outputs(out, app.report(demo, folders[-1]), instance_dir=DEMO)
        folders.append(out)
    for folder in folders:
        column = _solver_column(DEMO, folder)
        for key, value in solver.items():
            assert column[key] == value, (folder.name, key)


def test_no_solver_value_is_shown_when_none_was_recorded(tmp_path: Path) -> None:
    """A result without summary.json re-rendered by ``report``: the new folder's check
    shows no solver value (``None``) rather than the result's own values as the solver's
    (this held before the carry-forward too: it guards it)."""
    demo = engine.load_folder(DEMO)
    solved = engine.run(demo, engine.Progress())
    first = tmp_path / "first"
    app.write_outputs(first, solved, instance_dir=DEMO)
    (first / "summary.json").unlink()
    out = tmp_path / "reported"
    app.write_outputs(out, app.report(demo, first), instance_dir=DEMO)
    column = _solver_column(DEMO, out)
    assert column and all(value is None for value in column.values())


def _upload(client: FlaskClient, students: bytes = b"") -> None:
    """The demo's two files uploaded in the page (``students`` replaces students.csv)."""
    files = [
        (io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv"),
        (io.BytesIO(students or (DEMO / "students.csv").read_bytes()), "students.csv"),
    ]
    client.post("/upload", data={"files": files}, content_type="multipart/form-data")


class _Server:
    """``make_server``'s stand-in: serving is a browser session uploading the demo twice
    and a refused file, then Ctrl-C."""

    server_port = 8765
    app: Flask

    def serve_forever(self) -> None:
        client = self.app.test_client()
        _upload(client)
        _upload(client)
        _upload(client, students=b"id;name\n")  # refused: its problems are shown
        bench: Workbench = self.app.extensions["workbench"]
        assert bench.instance is not None and bench.upload_root is not None
        assert len(list(Path(tempfile.gettempdir()).iterdir())) == 1  # the cohort open
        raise KeyboardInterrupt

    def server_close(self) -> None:
        """Nothing to close."""


def test_uploads_leave_nothing_in_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``matcher serve``, a session that uploads twice (and once a file refused), then
    Ctrl-C: the upload replaced was removed at once, the refused one left nothing, and the
    one open was removed when the server stopped. Before, each upload left its folder."""
    import werkzeug.serving

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(werkzeug.serving, "make_server", lambda *args, **kwargs: _Server())
    result = CliRunner().invoke(
        main, ["serve", "--out", str(tmp_path / "out"), "--no-open", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert list(temp.iterdir()) == []


def test_the_time_limit_shows_as_written(tmp_path: Path) -> None:
    """The demo's time limit (60 s by default) shows as "60", not "60.0"; a fractional one
    typed "7,5" in the French page is 7.5 s, shown "7,5" (and "7.5" in English)."""
    flask_app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    client = flask_app.test_client()
    assert re.search(r'name="time_limit"[^>]*value="60"', client.get("/").get_data(as_text=True))
    client.post("/settings", data={"time_limit": "7,5"})
    bench: Workbench = flask_app.extensions["workbench"]
    assert bench.problems == [] and bench.instance is not None
    assert bench.instance.settings.solver.time_limit == 7.5
    assert 'value="7,5"' in client.get("/").get_data(as_text=True)
    client.post("/lang/en")
    assert 'value="7.5"' in client.get("/").get_data(as_text=True)


def test_whole_seconds_print_without_a_decimal_part() -> None:
    """A whole number of seconds is "60" for people: the report's settings in force
    (``time_limit = 60``) and any number worded as short as it goes (a million seconds
    was "1e+06")."""
    from matcher.outputs.report import render_report

    outcome = engine.run(engine.load_folder(DEMO), engine.Progress())
    html = render_report(outcome, "fr")
    assert "time_limit = 60\n" in html and "time_limit = 60.0" not in html  # TOML (s38e)
    assert decimal(1_000_000.0, "fr", None) == "1000000"
    assert decimal(0.75 * 10, "fr", None) == "7,5" and decimal(45.0, "en", None) == "45"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_menu_link_leads_somewhere(tmp_path: Path, lang: str) -> None:
    """Before a cohort is open, and before a run, each link of the menu leads to its
    section: the ones that appear after a run (selection, teams, plan, what-if, save) say
    so in the page's language, those that need a cohort say that. After a run they are
    the real sections. Before, #selection, #teams, #plan, #whatif and #save led nowhere."""

    def targets(html: str) -> dict[str, str]:
        nav = html[html.index("<nav") : html.index("</nav>")]
        found = {}
        for anchor in re.findall(r'href="#([\w-]+)"', nav):
            match = re.search(rf'<section id="{anchor}"[^>]*>(.*?)</section>', html, re.S)
            assert match, anchor
            found[anchor] = match.group(1)
        return found

    after_run, after_open = label("web_after_run", lang), label("web_after_open", lang)
    nothing = create_app(None, tmp_path / "a", lang).test_client().get("/")  # type: ignore[arg-type]
    sections = targets(nothing.get_data(as_text=True))
    assert after_open in sections["settings"] and after_open in sections["run"]
    assert after_run in sections["teams"]
    flask_app = create_app(DEMO, tmp_path / "b", lang, explain=False)  # type: ignore[arg-type]
    client = flask_app.test_client()
    sections = targets(client.get("/").get_data(as_text=True))
    later = {name for name, body in sections.items() if after_run in body}
    assert later == {"selection", "teams", "plan", "whatif", "save"}
    bench: Workbench = flask_app.extensions["workbench"]
    bench.start_board(engine.run(engine.load_folder(DEMO), engine.Progress()))
    sections = targets(client.get("/").get_data(as_text=True))
    assert "plan" in sections and not any(after_run in body for body in sections.values())


def test_the_progress_table_seconds_have_a_french_comma(tmp_path: Path) -> None:
    """The progress table's elapsed seconds are written with the page's decimal mark:
    "2,5" in French (it printed "2.5" whatever the language)."""
    flask_app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    bench: Workbench = flask_app.extensions["workbench"]
    bench.progress = engine.Progress()
    bench.progress.priorities["sectors"] = (9, 9, 2.5)
    html = flask_app.test_client().get("/").get_data(as_text=True)
    assert re.search(r'data-priority-name="sectors">.*?<td>2,5</td>', html, re.S)
