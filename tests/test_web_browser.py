"""The workbench in a real browser: Debian's Chromium driven headless by Playwright.

Skipped (with the reason) when /usr/bin/chromium or Playwright is missing; ``.ci/run``
installs Chromium with apt-get when it can. Playwright's own browser download is never used.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")


class Server:
    """The workbench served on a free port in a background thread."""

    def __init__(self, instance: Path | None, out_dir: Path, lang: str = "en") -> None:
        from werkzeug.serving import make_server

        from matcher.web import create_app

        self.server = make_server("127.0.0.1", 0, None, threaded=True)  # type: ignore[arg-type]
        port = self.server.server_port
        self.app = create_app(instance, out_dir, lang, listen=("127.0.0.1", port))  # type: ignore[arg-type]
        self.server.app = self.app
        self.url = f"http://127.0.0.1:{port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 1280-pixel-wide page, tall enough to hold the whole board (no scrolling
    while dragging)."""
    context = browser.new_context(viewport={"width": 1280, "height": 3000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _run_demo(page: Any, server: Server) -> None:
    page.goto(server.url)
    page.click('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")


def _drag(page: Any, student: str, team: str) -> None:
    """Drag a card onto the first card of another team (mouse events, as SortableJS's
    fallback mode reads them)."""
    card = page.locator(f'[data-student="{student}"]')
    first = page.locator(f'ul.cards[data-team="{team}"] [data-student]').first
    placed = page.locator(f'ul.cards[data-team="{team}"] .sortable-ghost[data-student="{student}"]')
    box = card.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 8)
    page.mouse.down()
    # The board reflows while the card travels (SortableJS moves it through the lists it
    # crosses): aim again at the target until the card sits in it.
    for _ in range(6):
        tbox = first.bounding_box()
        x, y = tbox["x"] + tbox["width"] / 2, tbox["y"] + tbox["height"] * 0.3
        page.mouse.move(x, y, steps=8)
        if placed.count():
            break
    page.mouse.up()


def _first_card(page: Any) -> tuple[str, str, str]:
    """(student, their team, another team) from the board."""
    teams = page.locator("div.team[data-team]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-team'))"
    )
    student = page.locator(f'div.team[data-team="{teams[0]}"] [data-student]').first
    return student.get_attribute("data-student"), teams[0], teams[-1]


def test_whole_season_in_the_browser(page: Any, tmp_path: Path) -> None:
    """Open, run, drag (a broken rule appears), undo (cleared), lock + re-optimise,
    a what-if, save; matcher check on the saved folder exits 0."""
    server = Server(DEMO, tmp_path / "out")
    try:
        _run_demo(page, server)
        broken = page.locator('[data-role="broken-rules"]')
        assert "0" in broken.inner_text()
        student, team, other = _first_card(page)
        _drag(page, student, other)
        page.wait_for_selector(f'div.team.broken[data-team="{other}"]')
        assert f"team {other} has 7 students" in broken.inner_text()
        assert page.locator(f'ul.cards[data-team="{other}"] [data-student="{student}"]').count()
        page.click('[data-action="undo"]')
        page.wait_for_function("() => !document.querySelector('div.team.broken')")
        assert "Every rule holds." in page.locator('[data-role="broken-rules"]').inner_text()
        # Lock a moved student, then let the others repair the sizes.
        _drag(page, student, other)
        page.wait_for_selector(f'div.team.broken[data-team="{other}"]')
        page.click(f'[data-student="{student}"] [data-action="pin"]')
        page.wait_for_selector(f'[data-student="{student}"].pinned')
        page.click('[data-action="reoptimise"]')
        page.wait_for_function("() => !document.querySelector('div.team.broken')")
        assert page.locator(f'ul.cards[data-team="{other}"] [data-student="{student}"]').count()
        moves = page.locator('[data-priority="moves"]').get_attribute("data-value")
        assert moves == "2"
        # What-if: a student withdraws; the changes are shown before accepting.
        leaving = page.locator(f'ul.cards[data-team="{team}"] [data-student]').first
        leaver = leaving.get_attribute("data-student")
        page.select_option('select[name="student"]', leaver)
        page.click('[data-action="withdraw"]')
        page.wait_for_selector('[data-role="changes"]')
        assert leaver in page.locator('[data-role="changes"]').inner_text()
        page.click('[data-action="accept"]')
        page.wait_for_load_state()
        page.wait_for_selector("[data-team] [data-student]")
        assert page.locator(f'[data-student="{leaver}"]').count() == 0
        page.click('[data-action="save"]')
        page.wait_for_selector('[data-role="saved"]')
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "matcher",
                "check",
                str(DEMO),
                "--result",
                str(tmp_path / "out"),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    finally:
        server.stop()


def test_french_page_and_upload_error_row(page: Any, tmp_path: Path) -> None:
    """The page switches to French; a students.csv with a bad flag shows its row."""
    server = Server(None, tmp_path / "out")
    try:
        page.goto(server.url)
        page.click('[data-action="lang-fr"]')
        page.wait_for_selector("text=Déposez commissions.csv")
        lines = (DEMO / "students.csv").read_text(encoding="utf-8").splitlines()
        fields = lines[4].split(",")
        fields[3] = "peut-être"
        lines[4] = ",".join(fields)
        bad = tmp_path / "students.csv"
        bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
        page.set_input_files('input[name="files"]', [str(DEMO / "commissions.csv"), str(bad)])
        page.click('[data-action="upload"]')
        row = page.locator('[data-role="problems"] tr[data-row="5"]')
        row.wait_for()
        text = row.inner_text()
        assert "students.csv" in text and re.search("vae", text, re.I)
        assert "Problèmes" in page.locator('[data-role="problems"]').inner_text()
    finally:
        server.stop()
