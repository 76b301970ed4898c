"""Session 35's fixes of the workbench, in a real browser: a student whose id is ``..``
explained in the why panel, a language switched in one tab not mixed into another, and
the focus kept on « Relire les fichiers de la cohorte » after it reloads the page.

Skipped (with the reason) when /usr/bin/chromium or Playwright is missing, as
``test_web_browser``, whose server these tests share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")

from cohortfiles import TWO_COMMISSIONS  # noqa: E402
from test_web_browser import Server  # noqa: E402
from test_web_browser_s33 import _run  # noqa: E402


def _dots_cohort(folder: Path) -> Path:
    """Two commissions of two; ``..`` wants C1 first but C1 is its employer's (a conflict of
    interest), so it is on C2 and its why panel has one line: C1 impossible."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(TWO_COMMISSIONS, encoding="utf-8")
    (folder / "students.csv").write_text(
        "id,background,employer,choices\n"
        "..,AS,CPAS de Namur,C1;C2\n"
        "S2,AS,,C1;C2\n"
        "S3,AS,,C2;C1\n"
        "S4,AS,,C1;C2\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[teams]\nbalance = []\n[solver]\ntime_limit = 20\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    served = Server(_dots_cohort(tmp_path / "cohort"), tmp_path / "out", "fr")
    yield served
    served.stop()


def test_an_id_of_two_dots_is_explained_in_the_why_panel(context: Any, server: Server) -> None:
    """The card of ``..`` clicked: the why panel names its employer's commission C1 as
    impossible (probe s34d: the browser folded ``/explain/..`` into ``/``, and the panel
    showed the page itself)."""
    page = context.new_page()
    _run(page, server.url)
    page.click('li.card[data-student=".."]')
    panel = page.locator("#explain [data-explained]")
    panel.wait_for()
    assert panel.get_attribute("data-explained") == ".."
    said = page.locator("#explain").inner_text()
    assert "C1" in said and "CPAS de Namur" in said, said
    # Not the page drawn inside the panel.
    assert page.locator("#explain #open").count() == 0


def test_a_language_switched_in_one_tab_is_not_mixed_into_another(
    context: Any, server: Server
) -> None:
    """Two tabs in French; English chosen in the second. The first tab's next request (a
    card's why panel) draws it again whole in English (probe s34d: the panel came in English
    into the French page)."""
    first = context.new_page()
    _run(first, server.url)
    second = context.new_page()
    second.goto(server.url)
    second.click('[data-action="lang-en"]')
    second.wait_for_selector('html[lang="en"]')
    assert first.locator("html").get_attribute("lang") == "fr"
    first.click('li.card[data-student="S2"]')
    first.wait_for_selector('html[lang="en"]')
    first.wait_for_selector("[data-team] [data-student]")
    # The whole page speaks English: the language buttons say so.
    assert first.locator("#lang-en").get_attribute("aria-pressed") == "true"


def test_the_focus_stays_on_reload_files_after_it(context: Any, server: Server) -> None:
    """« Relire les fichiers de la cohorte » pressed from the keyboard reloads the page;
    the focus is back on it, not at the top of the page (probe s34d)."""
    page = context.new_page()
    page.goto(server.url)
    button = page.locator("#reload-files")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'reload-files'")


def test_run_with_settings_typed_not_applied_is_not_sent(context: Any, server: Server) -> None:
    """A count typed, Apply not pressed, then Run: the run would select under the settings
    before and the field be drawn again without the typed value (probe s35c: 5 selected,
    the 4 typed gone, no word). Not sent; said beside Run; the value typed stays. Applied,
    Run goes."""
    page = context.new_page()
    page.goto(server.url)
    page.fill('input[name="count"]', "1")
    page.click('[data-action="run"]')
    note = page.locator('[data-role="typed-not-applied"]')
    note.wait_for()
    assert "Appliquer les paramètres" in note.inner_text()
    bench = server.app.extensions["workbench"]
    assert bench.worker is None and bench.outcome is None
    assert page.input_value('input[name="count"]') == "1"
    page.fill('input[name="count"]', "2")  # as the files say: nothing typed any more
    page.click('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")


def test_the_focus_stays_on_apply_and_on_a_selection_row(context: Any, server: Server) -> None:
    """Pressed from the keyboard, « Appliquer les paramètres » and a proposal's « toujours »
    draw their part of the page again: the focus is back on Apply, then on the row's first
    button still enabled (its « toujours » is now disabled), not at the top of the page
    (probe s35c: Tab then went through the menu again)."""
    page = context.new_page()
    _run(page, server.url)  # the selection's table and its buttons
    apply = page.locator('[data-action="settings"]')
    apply.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Paramètres appliqués")
    page.wait_for_function(
        "document.activeElement"
        " && document.activeElement.getAttribute('data-action') === 'settings'"
    )
    include = page.locator('[data-action="include"][hx-vals*="C1"]')
    include.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector('[data-action="include"][hx-vals*="C1"][disabled]')
    page.wait_for_function(
        "document.activeElement && document.activeElement.getAttribute('data-action') !== null"
        " && (document.activeElement.getAttribute('hx-vals') || '').indexOf('C1') >= 0"
    )
