"""What a probe of the workbench (contract §10) in a real browser found in session 14 (g).

Hand-written cohorts (40, 180 and 1,000 students, French headers, ``;`` and Windows-1252,
choices in ``Choix 1…3`` columns; CSV files and one-workbook copies, with errors then
fixed), driven in Debian's Chromium in French and English: uploads without an instance,
language switched mid-session, keyboard moves, two tabs, saves into a folder gone or
broken, long runs cancelled, the 403 and 413 rules.

1. Cancel pressed as a person presses it (button down, ~150 ms, button up) while a run
   goes: one press in two was lost. The progress poll replaced the whole progress part,
   cancel button included, every 400 ms; a press whose release fell on the new button was
   no click. Only the live part (stage and table) is polled and replaced now; the button
   stays the same element (and above the table, which grows).
2. Save into an output folder holding a folder named ``settings.toml`` (or a
   ``settings.toml`` that cannot be written): the outputs were replaced, then writing the
   saved settings failed: a traceback on the terminal and "the workbench could not answer"
   in the page, the new outputs beside the old settings. The settings are written in the
   outputs' own one step now (``write_outputs(texts=…)``): all or nothing.
3. Files with problems uploaded while a cohort was open: the problems table, under the line
   "Cohort open: … · 40 students", and nothing else; Run then ran the cohort opened
   before, as if the new files had been taken. The page says now that these files were
   not opened and that the cohort open is still the one above.
4. A run started (in this tab or another) while a board is shown: the board stays, and
   moves, locks, undo and redo on it were taken, then silently replaced by the run's
   teams when it ended. They are refused now while the run computes its board ("wait for
   its teams, or cancel the run: nothing was done"), the dropped card goes back.
5. The language switched with the why panel open: every word switched, but the panel was
   back to "click a card", the director had to find the student again. It shows the same
   student's explanation in the new language now.
6. Keyboard alone: a student moves with ← → (s8), but the priority lists of the settings
   were reordered by drag and drop only. ↑ ↓ on a priority's box move it now (said beside
   the lists, "drag, or ↑ ↓ on a box, to reorder"). Those boxes had no name (their words
   beside them, in no label): named now; the lock buttons name their student.
7. One list of problems for the whole page: a save refused (the output folder became a
   file) or an arrivals file refused in a what-if was shown, at the next reload or
   language switch, under "Open" as "problems found in the files" of the cohort, and in
   the what-if panel. Each list is shown where it arose now (open, what-if, save).
8. A board of 150-200 students is taller than the window: the why panel, under the
   board, showed the explanation of a card clicked at the top out of sight (nothing
   seemed to happen). It stays at the window's foot while the board scrolls now.
9. Keyboard alone: Enter on Undo, Redo, Re-optimise or a lock redrew the board and the
   focus fell to the page; Tab then went on after the whole board (Undo twice meant
   Shift+Tab back through every card). The control pressed keeps the focus now (ids
   htmx restores; the last undo hands it to Redo); Run and Cancel hand it to each other.
10. Three → pressed quicker than the answers came moved the student one team on, not
    three (each press read the card's team from the page, not yet redrawn). Presses add
    up now: each move is sent once the one before is answered, from the team it leads to.

Browser tests are skipped (with the reason) when /usr/bin/chromium or Playwright is
missing, as ``test_web_browser``'s.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from cohortfiles import invoke, write_cohort
from webrun import solved_workbench

import matcher.web.engine as engine

CHROMIUM = Path("/usr/bin/chromium")


def _cohort(folder: Path, students: int = 8) -> Path:
    """Three proposals, two selected; ``students`` students (French headers, ``;``)."""
    return write_cohort(
        folder,
        {
            "commissions.csv": "Code;Organisme;Secteur;Problématique;Priorité\n"
            "K1;CPAS de Namur;CPAS;évaluation;2\n"
            "K2;AMO Le Cercle;aide à la jeunesse;diagnostic;1\n"
            "K3;SAJ de Huy;handicap;diagnostic;0\n",
            "students.csv": "Matricule;Nom;Formation initiale;Genre;Choix 1;Choix 2\n"
            + "".join(
                f"E{i};Étudiant {i};éducateur;{'FM'[i % 2]};K{1 + i % 2};K{2 - i % 2}\n"
                for i in range(students)
            ),
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )


def test_save_writes_its_settings_in_the_outputs_one_step(tmp_path: Path) -> None:
    # §10: "Saving writes the section 3 outputs into DIR, so `matcher check INSTANCE
    # --result DIR` accepts what the director saved"; §2: "outputs are written completely
    # or not at all", "Never a Python traceback".
    cohort = _cohort(tmp_path / "cohort")
    out = tmp_path / "out"
    client, _ = solved_workbench(cohort, out, lang="fr")
    assert client.post("/save").status_code == 200
    (out / "settings.toml").unlink()
    (out / "settings.toml").mkdir()  # e.g. left there by hand
    answer = client.post("/save")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200, html
    assert 'data-role="saved"' in html, html
    assert (out / "settings.toml").is_file()
    code, output = invoke(
        ["check", str(cohort), "--result", str(out), "--settings", str(out / "settings.toml")]
    )
    assert code == 0, output


def test_progress_poll_replaces_its_live_part_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # §10: "run with live progress and a cancel button": the poll leaves the cancel button
    # as it is (a press across a poll is a click); once the run ended, the whole part.
    gate = threading.Event()
    solve = engine.run

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(timeout=60)
        return solve(*args, **kwargs)

    monkeypatch.setattr(engine, "run", held)
    from matcher.web import create_app

    app = create_app(_cohort(tmp_path / "cohort"), tmp_path / "out", "en", explain=False)
    bench = app.extensions["workbench"]
    client = app.test_client()
    try:
        started = client.post("/run").get_data(as_text=True)
        assert 'data-action="cancel"' in started and "live=1" in started
        polled = client.get("/progress?board=0&live=1")
        html = polled.get_data(as_text=True)
        assert 'id="progress-live"' in html and 'data-action="cancel"' not in html, html
    finally:
        gate.set()
    bench.worker.join(timeout=120)
    # A page showing the board when the run ends (its explanations, say) gets the whole part.
    ended = client.get("/progress?board=1&live=1")
    assert ended.headers.get("HX-Retarget") == "#progress"
    assert 'data-action="run"' in ended.get_data(as_text=True)


def test_a_refused_upload_says_the_cohort_open_is_still_the_one_before(tmp_path: Path) -> None:
    # §10: "open an instance (the one given, or files uploaded: CSV or XLSX, as in section
    # 1), show validation problems (file, row, column)"; a director who uploads files with
    # problems while a cohort is open is told that nothing was opened and a run runs the
    # cohort open (the line above still names it).
    import io

    from matcher.web import create_app

    cohort = _cohort(tmp_path / "cohort")
    app = create_app(None, tmp_path / "out", "fr")
    client = app.test_client()

    def upload(students: str) -> str:
        files = [
            (io.BytesIO((cohort / "commissions.csv").read_bytes()), "commissions.csv"),
            (io.BytesIO(students.encode("cp1252")), "students.csv"),
        ]
        answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
        return answer.get_data(as_text=True)

    good = (cohort / "students.csv").read_text(encoding="utf-8")
    bad = good.replace("E3;Étudiant 3;éducateur;M;K2;K1", "E3;Étudiant 3;éducateur;M;K2;K7")
    first = upload(bad)  # nothing open yet: the problems alone
    assert "<td>students.csv</td><td>5</td><td>Choix 2</td>" in first, first
    assert "n'ont pas été ouverts" not in first
    assert 'data-role="instance"' in upload(good)
    html = upload(bad)
    assert "<td>students.csv</td><td>5</td><td>Choix 2</td>" in html, html
    assert "Ces fichiers n&#39;ont pas été ouverts" in html, html
    app.extensions["workbench"].lang = "en"
    assert "These files were not opened" in client.get("/").get_data(as_text=True)
    assert "not opened" not in upload(good)  # said once: the fixed files are open


def test_the_board_is_not_changed_while_a_run_computes_the_board_that_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # §10: "move a student by drag and drop …, undo and redo, lock students"; the board
    # shown while a run computes new teams is replaced by the run's when it ends: a move or
    # a lock made meanwhile would be lost unsaid, so it is refused, said in the page.
    cohort = _cohort(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out", lang="fr")
    student = "E0"
    before = bench.assignment[student]
    other = next(t for t in bench.outcome.teams.commission_ids if t != before)  # type: ignore[union-attr]
    assert client.post("/move", data={"student": student, "team": other}).status_code == 200
    gate = threading.Event()
    solve = engine.run

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(timeout=60)
        return solve(*args, **kwargs)

    monkeypatch.setattr(engine, "run", held)
    try:
        assert client.post("/run").status_code == 200
        moved = client.post("/move", data={"student": student, "team": before})
        html = moved.get_data(as_text=True)
        assert "Un calcul prépare de nouvelles équipes" in html, html
        assert f'data-student="{student}"' in html  # its column as it is: the card goes back
        assert bench.assignment[student] == other
        for route, data in (("/pin", {"student": student}), ("/undo", {}), ("/redo", {})):
            answer = client.post(route, data=data).get_data(as_text=True)
            assert "Rien n&#39;a été fait" in answer, (route, answer)
        assert bench.assignment[student] == other and not bench.pins
    finally:
        gate.set()
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    client.get("/progress")
    page = client.get("/").get_data(as_text=True)
    assert "Un calcul prépare" not in page  # said about the board before only
    assert client.post("/move", data={"student": student, "team": other}).status_code == 200
    assert bench.assignment[student] == other


def _section(html: str, name: str) -> str:
    start = html.index(f'<section id="{name}"')
    return html[start : html.index("</section>", start)]


def test_problems_are_shown_where_they_arose(tmp_path: Path) -> None:
    # §10: "show validation problems (file, row, column)" — of the files opened; §2: "A
    # `--out` that cannot be written is a usage error naming it": said where the director
    # saved, not, after a reload or a language switch, as a problem of the cohort's files
    # in "Open" (and in the what-if panel).
    import io

    out = tmp_path / "out"
    client, _ = solved_workbench(_cohort(tmp_path / "cohort"), out, lang="fr")
    out.write_text("not a folder", encoding="utf-8")
    saved = client.post("/save").get_data(as_text=True)
    assert 'data-role="problems"' in saved and "n&#39;est pas un dossier" in saved, saved
    page = client.get("/").get_data(as_text=True)
    assert 'data-role="problems"' not in _section(page, "open")
    assert 'data-role="problems"' not in _section(page, "whatif")
    out.unlink()
    twice = b"id,background\nS99,AS\nS99,AS\n"
    client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(twice), "arrivees.csv")},
        content_type="multipart/form-data",
    )
    page = client.get("/").get_data(as_text=True)
    assert "<td>arrivees.csv</td><td>3</td><td>id</td>" in _section(page, "whatif"), page
    assert 'data-role="problems"' not in _section(page, "open")


# --- in the browser -------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"
)


@needs_browser
def test_every_press_on_cancel_is_a_click(
    context: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # §10: "run with live progress and a cancel button"; §2: "the search stops within 2 s".
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    solve = engine.run

    def long(instance: Any, progress: engine.Progress) -> Any:
        # A long run whose progress table changes at every poll, until cancelled.
        begun = time.monotonic()
        while not progress.cancelled and time.monotonic() - begun < 60:
            progress.callback("worst_choice", 3, 1, time.monotonic() - begun)
            time.sleep(0.05)
        return solve(instance, progress)

    monkeypatch.setattr(engine, "run", long)
    server = Server(_cohort(tmp_path / "cohort"), tmp_path / "out", "fr")
    bench = server.app.extensions["workbench"]
    bench.explain_after_run = False
    presses: list[str] = []
    try:
        page = context.new_page()
        # Each press reaching the server is counted, and answered with nothing (the run
        # goes on, its poll too), so that the next press meets the same polling page.
        page.route("**/cancel", lambda route: (presses.append("x"), route.fulfill(status=204)))
        page.goto(server.url)
        page.click('[data-action="run"]')
        page.wait_for_selector('[data-action="cancel"]')
        # Presses of 150 ms (a person's) to 450 ms (a trackpad held: across a poll, surely).
        for held in (150, 450, 200, 450, 300, 450):
            box = page.locator('[data-action="cancel"]').bounding_box()
            page.mouse.move(box["x"] + 10, box["y"] + 5)
            page.mouse.down()
            page.wait_for_timeout(held)
            page.mouse.up()
            page.wait_for_timeout(100)
        page.wait_for_timeout(300)
        assert len(presses) == 6
    finally:
        if bench.progress is not None:
            bench.progress.cancel()
        if bench.worker is not None:
            bench.worker.join(timeout=60)
        server.stop()


@needs_browser
def test_the_why_panel_stays_open_when_the_language_is_switched(
    context: Any, tmp_path: Path
) -> None:
    # §10: "show each student's explanation (section 9) … French and English, switchable
    # in the page": switched with the panel open, the panel shows the same student's
    # explanation in the other language, not the prompt to click a card again.
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    server = Server(_cohort(tmp_path / "cohort"), tmp_path / "out", "en")
    server.app.extensions["workbench"].explain_after_run = False
    try:
        page = context.new_page()
        page.goto(server.url)
        page.click('[data-action="run"]')
        page.wait_for_selector('[data-team] [data-student="E3"]')
        page.click('[data-student="E3"] .name')
        page.wait_for_selector('#explain h3:has-text("Why this team? E3")')
        page.click('[data-action="lang-fr"]')
        page.wait_for_selector('html[lang="fr"] [data-action="lang-fr"].on')
        page.wait_for_selector('#explain h3:has-text("E3")', timeout=5_000)
        panel = page.inner_text("#explain")
        assert "Pourquoi cette équipe ?" in panel and "Why" not in panel, panel
        page.reload()  # said once: a reload shows the prompt again
        page.wait_for_selector("html[lang=fr] #explain")
        assert page.locator("#explain [data-explained]").count() == 0
    finally:
        server.stop()


@needs_browser
def test_priorities_reordered_without_a_mouse(context: Any, tmp_path: Path) -> None:
    # §10: "edit the settings" in the page; §4: "priorities = [...]" optimised in the order
    # given. Reordering was drag and drop only: a director on the keyboard alone could not.
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    server = Server(_cohort(tmp_path / "cohort"), tmp_path / "out", "fr")
    bench = server.app.extensions["workbench"]
    try:
        page = context.new_page()
        page.goto(server.url)
        order = '[data-role="priority-order"]'
        assert "↑ ↓ sur une case" in page.inner_text("#settings")
        # Each box is named (its priority), as the board's lock buttons are (their student).
        assert page.get_by_role("checkbox", name="écarts d'équilibre").count() == 1
        page.focus(f'{order} input[value="balance"]')
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # balance: third
        names = page.locator(f"{order} li").evaluate_all(
            "items => items.map(i => i.getAttribute('data-priority-name'))"
        )
        assert names[:3] == ["worst_choice", "choices", "balance"], names
        assert page.evaluate("document.activeElement.value") == "balance"
        page.click('[data-action="settings"]')
        page.wait_for_selector('#settings [data-role="message"]')
        chosen = bench.instance.settings.teams.priorities
        assert chosen[:3] == ("worst_choice", "choices", "balance"), chosen
        page.click('[data-action="run"]')
        page.wait_for_selector('[data-team] [data-student="E1"]')
        assert page.get_by_role("button", name="Verrouiller E1 Étudiant 1").count() == 1
    finally:
        server.stop()


@needs_browser
def test_a_card_clicked_atop_a_tall_board_is_explained_in_sight(
    context: Any, tmp_path: Path
) -> None:
    # §10: "show each student's explanation (section 9)"; §9 for cohorts up to 200
    # students: on a board taller than the window, the explanation of a card clicked at
    # its top is shown in the window, not below the board.
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    server = Server(_cohort(tmp_path / "cohort", students=120), tmp_path / "out", "en")
    server.app.extensions["workbench"].explain_after_run = False
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(server.url)
        page.click('[data-action="run"]')
        page.wait_for_selector('[data-team] [data-student="E3"]')
        page.locator('[data-student="E3"] .name').scroll_into_view_if_needed()
        page.click('[data-student="E3"] .name')
        page.wait_for_selector('#explain h3:has-text("E3")')
        box = page.locator("#explain").bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800 + 1, box
    finally:
        server.stop()


@needs_browser
def test_the_focus_stays_on_the_board_buttons_pressed_with_the_keyboard(
    context: Any, tmp_path: Path
) -> None:
    # §10: "move a student …, undo and redo, lock students" — with the keyboard alone: the
    # control pressed keeps the focus once the board is redrawn, so that Undo pressed twice
    # is Enter twice (the focus fell to the page, and Tab went on after the whole board).
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    server = Server(_cohort(tmp_path / "cohort"), tmp_path / "out", "en")
    server.app.extensions["workbench"].explain_after_run = False

    def focused() -> str:
        return str(
            page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.getAttribute('data-action') || e.tagName) + ' '"
                " + (e.closest('[data-student]') ? e.closest('[data-student]')"
                ".getAttribute('data-student') : ''); }"
            )
        ).strip()

    try:
        page = context.new_page()
        page.goto(server.url)
        page.focus('[data-action="run"]')
        page.keyboard.press("Enter")
        page.wait_for_selector('[data-team] [data-student="E3"]')
        bench = server.app.extensions["workbench"]
        for student in ("E3", "E4"):
            first = bench.assignment[student] == bench.outcome.teams.commission_ids[0]
            page.focus(f'[data-student="{student}"]')
            page.keyboard.press("ArrowRight" if first else "ArrowLeft")
            page.wait_for_function(
                f"document.activeElement.getAttribute('data-student') === '{student}'"
            )
            page.wait_for_timeout(300)
        assert len(bench.history) == 3, bench.history
        page.focus('[data-action="undo"]')
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
        assert focused() == "undo"
        page.keyboard.press("Enter")  # the last undo: Undo is disabled, Redo takes the focus
        page.wait_for_timeout(800)
        assert focused() == "redo"
        page.focus('[data-student="E5"] [data-action="pin"]')
        page.keyboard.press("Enter")
        page.wait_for_selector('[data-student="E5"].pinned')
        assert focused() == "pin E5"
    finally:
        server.stop()


@needs_browser
def test_quick_arrow_presses_add_up(context: Any, tmp_path: Path) -> None:
    # §10: "move a student … with every rule re-checked at once" — with the keyboard (the
    # page's help: "← → to move the student to the previous or next team"): three presses
    # quicker than the answers move three teams on, not one.
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    proposals = "".join(f"K{i};Institution {i};secteur {i};type {i};1\n" for i in range(1, 6))
    folder = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "Code;Organisme;Secteur;Problématique;Priorité\n" + proposals,
            "students.csv": "Matricule;Formation initiale;Choix 1\n"
            + "".join(f"E{i};AS;K{1 + i % 5}\n" for i in range(10)),
            "settings.toml": "[selection]\ncount = 5\n",
        },
    )
    server = Server(folder, tmp_path / "out", "en")
    bench = server.app.extensions["workbench"]
    bench.explain_after_run = False
    try:
        page = context.new_page()
        page.goto(server.url)
        page.click('[data-action="run"]')
        page.wait_for_selector('[data-team] [data-student="E0"]')
        columns = page.locator("ul.cards[data-team]").evaluate_all(
            "lists => lists.map(l => l.getAttribute('data-team'))"
        )
        student = page.locator(f'ul.cards[data-team="{columns[0]}"] [data-student]').first
        name = str(student.get_attribute("data-student"))
        student.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f'document.querySelector(\'ul.cards[data-team="{columns[3]}"] '
            f'[data-student="{name}"]\') !== null',
            timeout=10_000,
        )
        page.wait_for_timeout(500)
        assert bench.assignment[name] == columns[3]
        assert len(bench.history) == 4  # three moves, each checked and undoable
    finally:
        server.stop()
