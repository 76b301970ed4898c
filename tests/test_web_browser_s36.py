"""Session 36's fixes of the workbench, in a real browser: a settings field is read with the
problem said beside it, and marked invalid while it has one.

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

from test_web_browser import Server  # noqa: E402
from test_web_probe_s34 import _two_vae_wanting_c1  # noqa: E402


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    served = Server(_two_vae_wanting_c1(tmp_path / "cohort"), tmp_path / "out", "fr")
    yield served
    served.stop()


def test_a_settings_field_is_read_with_its_problem(context: Any, server: Server) -> None:
    """Probe s36c: the problem said beside a settings field (a count above the proposals)
    was not tied to it: no aria-describedby, no aria-invalid, so a screen reader on the
    field read nothing of it. Tied now, and the mark gone once the value is right."""
    page = context.new_page()
    page.goto(server.url)
    field = page.locator('form[data-role=settings] input[name="count"]')
    field.fill("9")
    field.dispatch_event("change")
    page.wait_for_selector("#problem-count:not(:empty)")
    page.wait_for_function(
        "document.querySelector('input[name=count]').getAttribute('aria-invalid') === 'true'"
    )
    assert field.get_attribute("aria-describedby") == "problem-count"
    field.fill("2")
    field.dispatch_event("change")
    page.wait_for_function(
        "!document.querySelector('input[name=count]').hasAttribute('aria-invalid')"
    )
