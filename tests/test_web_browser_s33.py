"""Probe s33's findings on the workbench in a real browser: settings typed but not applied
survive a language switch, the supervision table fits an 800-pixel window, and the files
offered for download after Undo are said to be the last saved board's.

Skipped (with the reason) when /usr/bin/chromium or Playwright is missing, as
``test_web_browser``, whose server these tests share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
PROBE = Path(__file__).resolve().parent / "data" / "probe-fr-cp1252"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")

from test_web_browser import Server  # noqa: E402

from matcher.labels import label  # noqa: E402


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """The workbench on the hand-written French cohort (slots named by their day,
    supervisors), in French, its runs explaining nothing."""
    served = Server(PROBE, tmp_path / "out", "fr")
    served.app.extensions["workbench"].explain_after_run = False
    yield served
    served.stop()


def _run(page: Any, url: str) -> None:
    page.goto(url)
    page.click('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")


def test_settings_typed_survive_the_language_switch(context: Any, server: Server) -> None:
    """Settings typed but not applied (a count, a no-isolation rule, a box unticked, the
    team priorities reordered, a time limit with a decimal comma): switched to English, the
    form still holds them (the decimal mark English's), checked again beside their fields,
    and the page says they are kept, not applied (probe s33: dropped without a word)."""
    page = context.new_page()
    page.goto(server.url)
    page.fill('input[name="count"]', "4")
    page.fill('textarea[name="no_isolation"]', "vae=oui\ngenre=F")
    page.uncheck('input[name="conflict_of_interest"]')
    page.fill('input[name="time_limit"]', "7,5")
    # The first team priority dragged last (as a drop does it, then its check).
    moved = page.locator('ol[data-role="priority-order"] li').first.get_attribute(
        "data-priority-name"
    )
    page.evaluate(
        "() => { const list = document.querySelector('ol[data-role=\"priority-order\"]');"
        " list.appendChild(list.firstElementChild);"
        " htmx.trigger(list.closest('form'), 'priorities-sorted'); }"
    )
    page.fill('input[name="visit_minutes"]', "600")
    page.click('[data-action="lang-en"]')
    page.wait_for_selector('html[lang="en"]')
    page.wait_for_selector('[data-role="settings-typed-kept"]')
    assert page.input_value('input[name="count"]') == "4"
    assert page.input_value('textarea[name="no_isolation"]') == "vae=oui\ngenre=F"
    assert not page.is_checked('input[name="conflict_of_interest"]')
    assert page.input_value('input[name="time_limit"]') == "7.5"
    order = page.locator('ol[data-role="priority-order"] li').evaluate_all(
        "els => els.map(e => e.getAttribute('data-priority-name'))"
    )
    assert order[-1] == moved
    said = page.locator('[data-role="settings-typed-kept"]').inner_text()
    assert said == label("web_settings_typed_kept", "en")
    # Checked again in English, beside its field, as the page labels the fields.
    problem = page.locator("#problem-visit_minutes")
    problem.filter(has_text="Length of a visit").wait_for()
    assert "visit_window" not in problem.inner_text()
    # Nothing was applied.
    bench = server.app.extensions["workbench"]
    assert bench.instance.settings.selection.count == 5
    assert bench.instance.settings.teams.conflict_of_interest is True
    # Applied, in English: the values typed in French are those in force.
    page.fill('input[name="visit_minutes"]', "90")
    page.click('[data-action="settings"]')
    page.wait_for_selector("text=Settings applied")
    assert bench.instance.settings.selection.count == 4
    assert bench.instance.settings.solver.time_limit == 7.5
    assert bench.instance.settings.teams.no_isolation == ("vae=oui", "genre=F")


def test_a_switch_without_typing_keeps_the_form_as_applied(context: Any, server: Server) -> None:
    """Nothing typed: the switch says nothing of settings kept."""
    page = context.new_page()
    page.goto(server.url)
    page.click('[data-action="lang-en"]')
    page.wait_for_selector('html[lang="en"]')
    page.wait_for_load_state("networkidle")
    assert page.locator('[data-role="settings-typed-kept"]').count() == 0


def test_the_plan_fits_an_800_pixel_window(browser: Any, server: Server) -> None:
    """At 800 pixels the supervision table and the schedule fit their section, the oral
    column in sight (probe s33: cut off); a slot named by its day heads its schedule once
    (« Visite : 1/10/2026 », not « … (01/10/2026) »)."""
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    context.set_default_timeout(60_000)
    try:
        page = context.new_page()
        _run(page, server.url)
        page.wait_for_selector('[data-role="supervision"]')
        sizes = page.evaluate(
            "() => { const s = document.querySelector('#plan');"
            " const t = document.querySelector('[data-role=supervision]');"
            " const inner = s.getBoundingClientRect().right"
            "   - parseFloat(getComputedStyle(s).paddingRight) - s.clientLeft;"
            " return [s.scrollWidth, s.clientWidth, t.getBoundingClientRect().right, inner]; }"
        )
        scroll, width, right, inner = sizes
        assert scroll <= width, sizes
        assert right <= inner + 0.5, sizes
        headings = page.locator("#plan h4").all_inner_texts()
        assert "Visite : 1/10/2026" in headings, headings
        assert not any("(" in h for h in headings), headings
    finally:
        context.close()


def test_downloads_after_undo_are_the_last_saved_boards(context: Any, server: Server) -> None:
    """Saved, then Undo: the save panel's files are said to be the last saved board's
    (probe s33: offered as the board shown's); Redo back to the board saved, its own."""
    page = context.new_page()
    _run(page, server.url)
    team = page.locator("div.team[data-team]").nth(1).get_attribute("data-team")
    student = page.locator("div.team[data-team]").first.locator("[data-student]").first
    sid = student.get_attribute("data-student")
    bench = server.app.extensions["workbench"]
    with page.expect_response("**/move"):
        page.evaluate(
            "([s, t]) => htmx.ajax('POST', '/move', {target: '#board', swap: 'none',"
            " values: {student: s, team: t}})",
            [sid, team],
        )
    assert bench.assignment[sid] == team
    page.click('[data-action="save"]')
    page.wait_for_selector('[data-role="saved"]')
    older = page.locator('[data-role="downloads-older"]')
    assert older.count() == 0
    assert page.locator('#downloads [data-action="download"]').count() > 0
    page.click('[data-action="undo"]')
    older.wait_for()
    assert older.inner_text() == label("web_downloads_older", "fr")
    page.click('[data-action="redo"]')
    older.wait_for(state="detached")
    assert page.locator('#downloads [data-action="download"]').count() > 0
