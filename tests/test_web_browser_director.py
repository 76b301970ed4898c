"""The workbench in a real browser as a French-speaking director uses it (session 8): two
tabs on one workbench, the board worked with the keyboard alone.

Skipped (with the reason) when /usr/bin/chromium or Playwright is missing, as
``test_web_browser``, whose server and drag helpers these tests share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")

from test_web_browser import Server, _drag  # noqa: E402


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A browser window tall enough to hold the whole board; its tabs share the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 4500})
    context.set_default_timeout(30_000)
    yield context
    context.close()


def _team_of(page: Any, student: str) -> str:
    return str(
        page.locator(f'[data-student="{student}"]')
        .locator("xpath=ancestor::ul[@data-team]")
        .get_attribute("data-team")
    )


def _teams(page: Any) -> list[str]:
    """The board's team ids, in column order."""
    return list(
        page.locator("div.team[data-team]").evaluate_all(
            "els => els.map(e => e.getAttribute('data-team'))"
        )
    )


def _quiet(instance: Path, out: Path) -> Server:
    """The workbench on ``instance``, its runs explaining nothing (the why panel explains on
    demand): these tests do not wait for explanations."""
    server = Server(instance, out, "fr")
    server.app.extensions["workbench"].explain_after_run = False
    return server


def _run(page: Any, url: str) -> None:
    page.goto(url)
    page.click('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")


def test_a_tab_that_missed_a_change_cannot_save_it(context: Any, tmp_path: Path) -> None:
    """Two tabs on one workbench: tab B moves S007, then tab A (which still shows S007 in
    its old team and every rule kept) presses save. Saving would write B's board, which A
    does not show ("saved, but it breaks rules" about a board that looks fine): A is told
    in French that the board changed elsewhere and nothing is written. Reloaded, A shows
    B's move and saves it."""
    server = _quiet(DEMO, tmp_path / "out")
    try:
        a = context.new_page()
        _run(a, server.url)
        b = context.new_page()
        b.goto(server.url)
        b.wait_for_selector("[data-team] [data-student]")
        teams = _teams(a)
        student = a.locator(f'div.team[data-team="{teams[0]}"] [data-student]').first
        sid = student.get_attribute("data-student")
        _drag(b, sid, teams[1])
        b.wait_for_selector(f'div.team.broken[data-team="{teams[1]}"]')
        assert _team_of(a, sid) == teams[0]

        # A window of a laptop's height: Save, at the bottom, is scrolled to; the refusal is
        # in the window where it was pressed, and announced (probe s27: under the page's
        # header, thousands of pixels above).
        a.set_viewport_size({"width": 1280, "height": 800})
        a.click('[data-action="save"]')
        refused = a.locator('[data-role="error"]')
        refused.wait_for()
        assert "autre onglet" in refused.inner_text()
        box = refused.evaluate("e => e.getBoundingClientRect().toJSON()")
        assert a.evaluate("() => window.scrollY") > 1000
        assert box["top"] >= 0 and box["bottom"] <= 800, box
        assert refused.get_attribute("role") == "alert"
        a.set_viewport_size({"width": 1280, "height": 4500})
        assert not (tmp_path / "out" / "teams.csv").exists()
        # A move from A is refused too (it would be checked against B's board).
        other = a.locator(f'div.team[data-team="{teams[2]}"] [data-student]').first
        _drag(a, str(other.get_attribute("data-student")), teams[3])
        a.wait_for_function(
            "() => document.querySelector('[data-role=\"error\"]')"
            " && document.querySelector('[data-role=\"error\"]').textContent.includes('onglet')"
        )
        assert server.app.extensions["workbench"].assignment[sid] == teams[1]
        assert "Règles enfreintes (2)" in b.locator('[data-role="broken-rules"]').inner_text()

        a.reload()
        a.wait_for_selector("[data-team] [data-student]")
        assert _team_of(a, sid) == teams[1]
        a.click('[data-action="save"]')
        a.wait_for_selector('[data-role="saved"]')
        saved = (tmp_path / "out" / "teams.csv").read_text(encoding="utf-8-sig")
        assert f"{sid}," in saved and any(
            line.startswith(f"{sid},") and f",{teams[1]}," in line for line in saved.splitlines()
        )
        # B, which made the change, goes on working: its own moves are not refused.
        b.click('[data-action="undo"]')
        b.wait_for_function("() => !document.querySelector('div.team.broken')")
    finally:
        server.stop()


def test_a_move_without_a_mouse(context: Any, tmp_path: Path) -> None:
    """A director who does not use a mouse: Tab reaches a student's card (its focus plainly
    marked), the right arrow moves the student to the next team (checked as a drop is: the
    size rule broken, listed in French), the card keeps the focus, the left arrow brings
    them back (every rule kept), Enter opens why they are there. Before, no card could take
    the focus: moving a student needed a mouse."""
    server = _quiet(DEMO, tmp_path / "out")
    try:
        page = context.new_page()
        _run(page, server.url)
        teams = _teams(page)
        card = page.locator(f'div.team[data-team="{teams[0]}"] [data-student]').first
        sid = str(card.get_attribute("data-student"))
        # Tab from the undo/redo/re-optimise toolbar reaches the first card.
        page.focus('[data-action="reoptimise"]')
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.getAttribute('data-student')")
        assert focused == sid
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")

        page.keyboard.press("ArrowRight")
        page.wait_for_selector(f'div.team.broken[data-team="{teams[1]}"]')
        assert _team_of(page, sid) == teams[1]
        broken = page.locator('[data-role="broken-rules"]').inner_text()
        assert f"l'équipe {teams[1]} compte 7 étudiants" in broken
        page.wait_for_function(
            f"() => document.activeElement.getAttribute('data-student') === '{sid}'"
        )
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("() => !document.querySelector('div.team.broken')")
        assert _team_of(page, sid) == teams[0]
        page.wait_for_function(
            f"() => document.activeElement.getAttribute('data-student') === '{sid}'"
        )
        page.keyboard.press("Enter")
        page.wait_for_selector(f'#explain h3:has-text("{sid}")')
        # Moved again, then Enter on Re-optimise: the board is repaired and the focus stays
        # on Re-optimise, which disabled itself while it worked (probe s25: it went to Undo).
        page.locator(f'[data-student="{sid}"]').focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(f'div.team.broken[data-team="{teams[1]}"]')
        page.focus('[data-action="reoptimise"]')
        page.keyboard.press("Enter")
        page.wait_for_function("() => !document.querySelector('div.team.broken')")
        page.wait_for_function(
            "() => document.activeElement.getAttribute('data-action') === 'reoptimise'"
        )
    finally:
        server.stop()


def test_a_saved_result_is_opened_again_after_the_workbench_restarts(
    context: Any, tmp_path: Path
) -> None:
    """October: the director runs, moves S011 by hand, saves, stops the workbench. January:
    the workbench started again on the same --out showed no board and no word of the saved
    teams, and its next save replaced them (probe s26). The page now says the folder holds
    a saved result; « Reprendre » shows its teams as saved, S011 where the director put
    them, with the broken size rule listed as `matcher check` lists it."""
    out = tmp_path / "out"
    server = _quiet(DEMO, out)
    try:
        page = context.new_page()
        _run(page, server.url)
        teams = _teams(page)
        before = _team_of(page, "S011")
        target = next(t for t in teams if t != before)
        page.locator('[data-student="S011"]').focus()
        while _team_of(page, "S011") != target:  # the arrows, as the director's keyboard
            page.keyboard.press(
                "ArrowRight" if teams.index(target) > teams.index(before) else "ArrowLeft"
            )
            page.wait_for_timeout(300)
        page.click('[data-action="save"]')
        page.wait_for_selector('[data-role="save-notes"]')
    finally:
        server.stop()
    server = Server(DEMO, out, "fr")
    try:
        page = context.new_page()
        page.goto(server.url)
        note = page.locator('[data-role="saved-result"]').inner_text()
        assert "contient un résultat enregistré" in note and str(out) in note
        assert page.locator("[data-team] [data-student]").count() == 0
        page.click('[data-action="open-result"]')
        page.wait_for_selector("[data-team] [data-student]")
        assert _team_of(page, "S011") == target
        assert "Résultat enregistré repris" in page.locator('[data-role="message"]').inner_text()
        broken = page.locator('[data-role="broken-rules"]').inner_text()
        assert f"l'équipe {target} compte 7 étudiants" in broken
        assert page.locator('[data-role="saved-result"]').count() == 0
        # The button gone with its answer, the focus goes to Run, not to the top of the
        # page (probe s37c: a keyboard user started again from the page's first link).
        page.wait_for_function("document.activeElement.id === 'run-control'", timeout=5000)
    finally:
        server.stop()


def test_spring_the_commissions_are_chosen_before_the_students_exist(
    context: Any, tmp_path: Path
) -> None:
    """The season's spring step in the page: commissions.csv and settings.toml only. The
    page refused the cohort for its missing students.csv (probe s26). It now says a run is
    the selection alone; « Choisir les commandes » shows the ten selected and the reserves,
    and « Enregistrer » writes selection.csv (no teams.csv). In autumn, the whole cohort
    opened on that folder, « Reprendre » then « Former les équipes de cette sélection »
    gives one team per commission selected in spring."""
    import shutil

    spring = tmp_path / "spring"
    spring.mkdir()
    for name in ("commissions.csv", "settings.toml"):
        shutil.copy(DEMO / name, spring / name)
    out = tmp_path / "out"
    server = Server(spring, out, "fr")
    try:
        page = context.new_page()
        page.goto(server.url)
        assert "Pas encore d'étudiants" in page.locator('[data-role="no-students"]').inner_text()
        page.click('[data-action="run"]')
        page.wait_for_selector("tr.selected[data-commission]")
        assert page.locator("tr.selected[data-commission]").count() == 10
        assert page.locator("tr.reserve[data-commission]").count() > 0
        page.click('[data-action="save"]')
        page.wait_for_selector('[data-role="saved"]')
        assert (out / "selection.csv").is_file() and not (out / "teams.csv").exists()
        selected = set(
            page.locator("tr.selected[data-commission]").evaluate_all(
                "els => els.map(e => e.getAttribute('data-commission'))"
            )
        )
    finally:
        server.stop()
    # Autumn: the whole cohort, the spring selection reopened, its teams formed.
    server = _quiet(DEMO, out)
    try:
        page = context.new_page()
        page.goto(server.url)
        page.click('[data-action="open-result"]')
        page.wait_for_selector('[data-action="assign"]')
        page.click('[data-action="assign"]')
        page.wait_for_selector("[data-team] [data-student]")
        assert set(_teams(page)) == selected
    finally:
        server.stop()


def test_students_who_arrived_since_the_result_are_placed_from_their_column(
    context: Any, tmp_path: Path
) -> None:
    """A result saved in October; S061 and S062 added to students.csv since. Reopened, the
    board showed no card of theirs (probe s26, left alone). They are in a first column
    « Sans équipe »: S061 dragged with the mouse into a team, S062 sent into the first team
    with the right arrow; the column is then gone and the two are in their teams. A card
    dragged onto that column stays where it was (it takes no student)."""
    from csvrows import result_then_late_students

    cohort, out = result_then_late_students(DEMO, tmp_path, "S061", "S062")
    server = _quiet(cohort, out)
    try:
        page = context.new_page()
        page.goto(server.url)
        page.click('[data-action="open-result"]')
        page.wait_for_selector('ul.cards.unplaced [data-student="S061"]')
        assert "Sans équipe" in page.locator("div.team.unplaced h3").inner_text()
        teams = [t for t in _teams(page) if t]
        # a student of a team dragged onto the column without a team: refused by the page
        other = page.locator(f'ul.cards[data-team="{teams[0]}"] [data-student]').first
        sid = str(other.get_attribute("data-student"))
        _drag(page, sid, "")
        page.wait_for_timeout(500)
        assert _team_of(page, sid) == teams[0]
        _drag(page, "S061", teams[2])
        page.wait_for_function(
            "() => !document.querySelector('ul.cards.unplaced [data-student=\"S061\"]')"
        )
        assert _team_of(page, "S061") == teams[2]
        page.locator('[data-student="S062"]').focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(f'ul.cards[data-team="{teams[0]}"] [data-student="S062"]')
        page.reload()
        page.wait_for_selector("[data-team] [data-student]")
        assert page.locator("div.team.unplaced").count() == 0
        assert (_team_of(page, "S061"), _team_of(page, "S062")) == (teams[2], teams[0])
    finally:
        server.stop()
