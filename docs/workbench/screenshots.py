"""Screenshots of the workbench's main screens (1280 px wide), English and French.

Run from the repository root in the project's venv: ``python docs/workbench/screenshots.py``.
Drives Debian's Chromium (/usr/bin/chromium) through Playwright, like the browser tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_web_browser import DEMO, Server, _drag, _first_card  # noqa: E402

HERE = Path(__file__).resolve().parent


def shoot(lang: str) -> None:
    """Every main screen in one language."""
    tmp = Path(tempfile.mkdtemp())
    server = Server(DEMO, tmp / "out", lang)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 4000})
        page.goto(server.url)
        page.screenshot(
            path=HERE / f"open-settings-{lang}.png",
            clip={"x": 0, "y": 0, "width": 1280, "height": 1100},
        )
        page.click('[data-action="run"]')
        page.wait_for_selector("[data-team] [data-student]")
        page.locator("#selection").screenshot(path=HERE / f"selection-{lang}.png")
        page.wait_for_selector('[data-role="plan"] tr[data-plan-team]')
        page.locator("#plan").screenshot(path=HERE / f"plan-{lang}.png")
        # The run's explanations (the why panel then answers at once).
        page.wait_for_selector('[data-role="explained-ready"]', timeout=300_000)
        page.evaluate("window.scrollTo(0, 0)")
        student, _, other = _first_card(page)
        _drag(page, student, other)
        page.wait_for_selector(f'div.team.broken[data-team="{other}"]')
        page.click(f'[data-student="{student}"]')
        page.wait_for_selector('[data-role="not-computed"]')
        page.locator("#teams").screenshot(path=HERE / f"board-broken-rule-{lang}.png")
        page.click('[data-action="undo"]')
        page.wait_for_function("() => !document.querySelector('div.team.broken')")
        page.click(".card:has(.chip.rank.off)")
        page.wait_for_selector('[data-role="why"]')
        page.locator("#explain").screenshot(path=HERE / f"why-{lang}.png")
        commission = page.locator("div.team[data-team]").first.get_attribute("data-team")
        page.select_option('select[name="commission"]', commission)
        page.click('[data-action="withdraw"]')
        page.wait_for_selector('[data-role="changes"]')
        page.locator("#whatif").screenshot(path=HERE / f"whatif-{lang}.png")
        browser.close()
    server.stop()


if __name__ == "__main__":
    for code in ("en", "fr"):
        shoot(code)
