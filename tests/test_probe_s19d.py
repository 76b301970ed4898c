"""What a probe of the workbench's uploads, as a director gives files, found (session 19, d).

Hand-written cohorts (French headers, ``;`` and Windows-1252, files named as Windows and
Excel save them: ``Commandes - Copie.csv``, ``étudiants (1).csv``, ``accompagnateurs.xlsx``,
one workbook ``Cohorte 2026 (1).xlsx`` holding every sheet, with and without
settings.toml), uploaded through the file picker of ``matcher serve --out DIR`` in headless
Chromium and with Flask's test client, in French and English: wrong files (PDF, PNG,
.docx, .xls, .ods, a workbook named .csv, a CSV named .xlsx, UTF-16), two students files,
students missing, an empty file, 28 MB, a mistake on row 17 then corrected, an upload
during a run, language switched, reload, a second tab; then settings edited, run, a move,
save, and ``matcher check`` on the director's own files.

1. Files a system writes beside the director's, picked with the rest when hidden files are
   shown (Excel's lock file ``~$Commandes.xlsx`` while the workbook is open, a Mac's
   ``._étudiants (1).csv`` on a USB key, ``.DS_Store``): the folder skips them, the upload
   read them under a name of its own (``__Commandes.xlsx``: "not read: Commandes -
   Copie.csv is"; ``_étudiants (1).csv``: "two files hold the students", refused) or
   refused the whole upload naming ``DS_Store``. They are skipped as in a folder now.
2. A name as Windows allows it (``étudiants #2.csv``, ``Étudiants [2026].csv``,
   ``Commandes – 2026.csv``) was named in the page with ``_`` for ``#``, ``[``, ``]``,
   ``–``: not the file as the director named it (contract §7). Only what no file
   system holds (``<>:"/\\|?*``, control characters) is replaced now.
3. Files uploaded while a run computed teams were refused with "a run is in progress:
   wait for its teams", right; but the sentence stayed in the page once the run had
   ended, across reloads, saying a run was still going. It goes when the run's board
   arrives, as a change refused on the board during the run does.
4. Saved after settings edited in the page, the save panel says the command that checks
   the result: ``matcher check INSTANCE --result C:\\Users\\Marie Dupont\\résultats
   --settings …``, each path as is; a folder holding a space (most on Windows) split the
   command, and an uploaded workbook was ``INSTANCE``. Paths are in double quotes when
   they hold a space now, and an uploaded workbook is named as uploaded.
5. Two tabs: tab 2 opened on cohort A (its settings.toml: 5 commissions), tab 1 uploads
   cohort B (150 students, 10 commissions); tab 2, not reloaded, presses "Apply the
   settings": A's form was applied to B without a word (B now selects 5, with A's dates
   and ids forced in or out); a proposal forced in from tab 2 likewise. The cohort open
   and its settings count in the revision a tab must have seen now, and "Apply the
   settings" and forcing a proposal from a tab that missed them are refused ("reload").
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from flask.testing import FlaskClient

import matcher.web.engine as engine
from matcher.labels import label
from matcher.results import RunOutcome
from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _client(tmp_path: Path, lang: str = "fr") -> tuple[FlaskClient, Workbench]:
    app = create_app(None, tmp_path / "out", lang, explain=False)  # type: ignore[arg-type]
    return app.test_client(), app.extensions["workbench"]


def _upload(client: FlaskClient, files: list[tuple[str, bytes]]) -> str:
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    answer = client.post("/upload", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    return unescape(answer.get_data(as_text=True))


def _demo(
    commissions: str = "Commandes - Copie.csv", students: str = "étudiants (1).csv"
) -> list[tuple[str, bytes]]:
    return [
        (commissions, (DEMO / "commissions.csv").read_bytes()),
        (students, (DEMO / "students.csv").read_bytes()),
    ]


@pytest.mark.parametrize(
    "system",
    [
        # Excel's lock file of a workbook open (its owner's name, padded): hidden on Windows,
        # picked with the rest when hidden files are shown.
        ("~$Commandes.xlsx", b"\x05Marie" + b" " * 160),
        # A Mac's metadata of a file copied to a USB key or a shared drive.
        ("._étudiants (1).csv", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "),
        ("._Commandes - Copie.csv", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "),
        (".DS_Store", b"\x00\x00\x00\x01Bud1" + b"\x00" * 40),
    ],
)
def test_system_files_among_the_uploads_are_skipped_as_in_a_folder(
    tmp_path: Path, system: tuple[str, bytes]
) -> None:
    """``matcher validate FOLDER`` skips these files (``sources.SYSTEM_PREFIXES``): the
    director never wrote them, so uploading the folder's files opens the cohort too, with
    no word about a file the page would name otherwise than on disk (``__Commandes.xlsx``,
    ``_étudiants (1).csv``, ``DS_Store``)."""
    client, bench = _client(tmp_path)
    html = _upload(client, [*_demo(), system])
    assert bench.instance is not None, html
    assert len(bench.instance.students) == 60
    assert "__Commandes" not in html and "_étudiants" not in html and "DS_Store" not in html
    assert bench.instance.warnings == [] or all(
        "Commandes.xlsx" not in str(w) for w in bench.instance.warnings
    )
    bench.drop_upload()


@pytest.mark.parametrize(
    "name", ["étudiants #2.csv", "Étudiants [2026].csv", "Étudiants – 2026.csv", "liste!.csv"]
)
def test_an_upload_is_named_as_the_director_named_it(tmp_path: Path, name: str) -> None:
    """A students file under a name Windows allows but the loader does not take for the
    students: the missing file's problem lists the files found, each as named on disk
    (contract §7), not with ``_`` for ``#``, ``[``, ``]``, ``–`` or ``!``."""
    client, bench = _client(tmp_path)
    html = _upload(client, _demo(students=name))
    assert bench.instance is None
    assert re.search(r'<tr data-row="[^"]*">', html), html
    assert name in html, html
    bench.drop_upload()


def test_an_unsafe_name_is_still_reduced() -> None:
    """What no file system holds (Windows' ``<>:"|?*``, control characters, a path) is
    still replaced: the name written is ours, never a path sent by the browser."""
    from matcher.web.upload_names import safe_name

    assert safe_name('C:\\Users\\x\\a<b>:"c|d?*.csv') == "a_b___c_d__.csv"
    assert safe_name("../../etc/students.csv") == "students.csv"
    assert safe_name("é\u202etudiants\x07.csv") == "é_tudiants_.csv"
    assert safe_name("..") == ""


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[FlaskClient, Workbench]]:
    """The demo open in a workbench while a run computes teams (a worker that waits)."""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)  # type: ignore[arg-type]
    bench: Workbench = app.extensions["workbench"]
    release = threading.Event()
    bench.worker = threading.Thread(target=release.wait, daemon=True)
    bench.worker.start()
    bench.progress = engine.Progress()
    bench.progress.stage = "teams"
    try:
        yield app.test_client(), bench
    finally:
        release.set()
        bench.worker.join()


def test_the_busy_sentence_goes_when_the_runs_board_arrives(
    running: tuple[FlaskClient, Workbench],
) -> None:
    """Files uploaded during the run are refused with "a run is in progress: wait for its
    teams" (right then); once the run's board is shown (``start_board``, what the worker
    does when the teams are ready) no run is in progress: the page, reloaded, must not
    say one still is."""
    client, bench = running
    busy = label("web_open_busy", "fr")
    assert busy in _upload(client, _demo())
    outcome: RunOutcome = engine.run(engine.load_folder(DEMO), engine.Progress())
    with bench.lock:
        bench.start_board(outcome, "", undoable=True)
        bench.progress.board_ready = True  # type: ignore[union-attr]
    assert busy not in unescape(client.get("/").get_data(as_text=True))


@pytest.fixture(scope="module")
def demo_outcome() -> RunOutcome:
    """The demo solved once for the module's boards."""
    return engine.run(engine.load_folder(DEMO), engine.Progress())


def _saved_note(client: FlaskClient) -> str:
    html = unescape(client.post("/save").get_data(as_text=True))
    found = re.search(r"matcher check .*?(?=</li>)", html)
    assert found is not None, html
    return found.group(0)


def test_the_check_command_shown_after_a_save_can_be_typed(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """An output folder with a space (``Mes résultats``): the command the page gives must
    run as typed (copied into cmd, PowerShell or a terminal), so each path holding a space
    is in double quotes; unquoted, ``matcher check`` would take ``résultats`` for an
    extra argument (usage error)."""
    out = tmp_path / "Mes résultats"
    app = create_app(DEMO, out, "fr", explain=False)  # type: ignore[arg-type]
    bench: Workbench = app.extensions["workbench"]
    bench.start_board(demo_outcome)
    bench.file_settings = engine.update_settings(bench.instance, {"selection.count": 9}).settings  # type: ignore[arg-type]
    note = _saved_note(app.test_client())
    # Since session 34 check reads the settings.toml saved beside the result itself.
    assert f'--result "{out}" lit' in note, note
    assert note.startswith(f"matcher check {DEMO} "), note


def test_the_check_command_names_an_uploaded_workbook(
    tmp_path: Path, demo_outcome: RunOutcome
) -> None:
    """A cohort uploaded as one workbook (``Cohorte 2026 (1).xlsx``, no settings.toml)
    and saved under settings other than its defaults: the command names the workbook as
    uploaded, the director's own file, not a metavar, in quotes (it holds spaces)."""
    client, bench = _client(tmp_path)
    _upload(client, [("Cohorte 2026 (1).xlsx", _demo_book())])
    assert bench.instance is not None
    bench.start_board(demo_outcome)
    note = _saved_note(client)
    assert note.startswith('matcher check "Cohorte 2026 (1).xlsx" --result'), note
    bench.drop_upload()


def _tab(client: FlaskClient, tab: str, path: str, seen: str, **form: str) -> tuple[int, str]:
    """A request as ``workbench.js`` sends it from ``tab`` showing revision ``seen``."""
    headers = {"X-Matcher-Tab": tab, "X-Matcher-Board": seen}
    answer = client.post(path, data=form, headers=headers)
    return answer.status_code, answer.headers.get("X-Matcher-Board", seen)


def test_a_tab_that_missed_another_cohort_does_not_apply_its_settings_to_it(
    tmp_path: Path,
) -> None:
    """Tab 2 shows cohort A; tab 1 then uploads cohort B. Tab 2's "Apply the settings"
    sends A's form (count 9): applied to B, B's settings would be A's without the director
    seeing B at all (the form shown is A's). Refused as from a stale tab (409, reload),
    B's settings kept; a proposal forced in from tab 2 likewise. Tab 1, which opened B,
    applies its settings."""
    client, bench = _client(tmp_path)
    first = _demo()
    files = {"files": [(io.BytesIO(content), name) for name, content in first]}
    headers = {"X-Matcher-Tab": "one", "X-Matcher-Board": "0"}
    answer = client.post("/upload", data=files, content_type="multipart/form-data", headers=headers)
    seen_by_two = answer.headers.get("X-Matcher-Board", "0")  # tab 2 opens on cohort A
    files = {"files": [(io.BytesIO(content), name) for name, content in _demo()]}
    headers = {"X-Matcher-Tab": "one", "X-Matcher-Board": seen_by_two}
    answer = client.post("/upload", data=files, content_type="multipart/form-data", headers=headers)
    seen_by_one = answer.headers.get("X-Matcher-Board", seen_by_two)
    opened = bench.instance
    assert opened is not None
    status, _ = _tab(client, "two", "/settings", seen_by_two, count="9")
    assert status == 409 and bench.instance is opened
    assert bench.instance.settings.selection.count != 9
    status, _ = _tab(client, "two", "/selection/include", seen_by_two, id="C01")
    assert status == 409 and not bench.instance.settings.selection.include
    status, _ = _tab(client, "one", "/settings", seen_by_one, count="9")
    assert status == 200 and bench.instance.settings.selection.count == 9
    bench.drop_upload()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_upload_pressed_without_files_says_to_choose_them(tmp_path: Path, lang: str) -> None:
    """The button pressed with no file chosen (the browser sends the field empty): no
    problem of a file (there is none, so no ``?`` file), no "these files were not opened";
    one sentence saying to choose the files, in the page's language; the cohort open and
    the problems shown before stay."""
    client, bench = _client(tmp_path, lang)
    _upload(client, _demo())
    opened = bench.instance
    data = {"files": [(io.BytesIO(b""), "")]}
    html = unescape(
        client.post("/upload", data=data, content_type="multipart/form-data").get_data(as_text=True)
    )
    assert bench.instance is opened and bench.problems == []
    assert label("web_upload_choose", lang) in html
    assert label("web_upload_not_opened", lang) not in html
    assert '<tr data-row="">' not in html
    bench.drop_upload()


def test_the_cohort_line_names_the_files_uploaded(tmp_path: Path) -> None:
    """One cohort's files uploaded, then another's: the cohort line must say which are
    open (the director cannot tell two "uploaded cohort"s apart by their name alone)."""
    client, bench = _client(tmp_path, "en")

    def line(html: str) -> str:
        found = re.search(r'data-role="instance">(.*?)</p>', html, re.S)
        assert found is not None, html
        return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())

    first = line(_upload(client, _demo("commissions.csv", "Students (2).csv")))
    assert "uploaded cohort (commissions.csv, Students (2).csv)" in first, first
    second = line(_upload(client, _demo()))
    assert "(Commandes - Copie.csv, étudiants (1).csv)" in second, second
    bench.drop_upload()


def _demo_book() -> bytes:
    """The demo's proposals and students as one workbook (sheets named after the tables)."""
    import openpyxl

    book = openpyxl.Workbook()
    for sheet, name in ((book.active, "commissions"), (book.create_sheet(), "students")):
        assert sheet is not None
        sheet.title = name
        for line in (DEMO / f"{name}.csv").read_text(encoding="utf-8").splitlines():
            sheet.append(line.split(","))
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def test_a_workbook_uploaded_with_its_own_settings_file(tmp_path: Path) -> None:
    """``matcher validate "Cohorte 2026.xlsx"`` reads ``Cohorte 2026.settings.toml`` beside
    it (instances/README.md): uploading the two files the director keeps together must
    open the cohort under those settings (count 7 here, not the default), not refuse the
    settings file as "not a table"."""
    client, bench = _client(tmp_path)
    settings = b"[selection]\ncount = 7\n"
    _upload(
        client,
        [("Cohorte 2026.settings.toml", settings), ("Cohorte 2026.xlsx", _demo_book())],
    )
    opened = bench.instance
    assert opened is not None and opened.settings.selection.count == 7
    _upload(client, [*_demo(), ("Cohorte 2026.settings.toml", settings)])
    assert bench.instance is opened
    assert [p.file for p in bench.problems] == ["Cohorte 2026.settings.toml"]
    bench.drop_upload()
