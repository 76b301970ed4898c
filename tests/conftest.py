"""Shared test configuration: hypothesis runs the same examples on every machine.

``derandomize`` draws examples from a fixed seed derived from each test, and no example
database carries failures from one run to the next, so a CI run is repeatable: a property
that fails fails again on the next run, on any machine. Tests may still set their own
``max_examples`` or ``deadline``; they inherit this profile for the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import settings

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"

settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")

# Tests read English unless they ask otherwise: a French locale on the machine running them
# must not change what the commands print (contract §7 resolves MATCHER_LANG first).
os.environ.setdefault("MATCHER_LANG", "en")


@pytest.fixture(scope="session")
def demo_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`matcher run` on the demo (supervisors.csv and a dated [calendar], so a plan too;
    explanations written), one worker, run once for the whole session.

    Shared by every test module that asks for it: read it, give it as ``--from`` or
    ``--result``, or copy it before editing; never write into it.
    """
    out = tmp_path_factory.mktemp("demo") / "run"
    args = ["run", str(DEMO), "--out", str(out), "--quiet", "--workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for a browser test module (driven by Playwright; those
    modules skip themselves when /usr/bin/chromium or playwright is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A browser window tall enough to hold the whole board (1280 x 3000); its tabs share
    the server. A module needing another size defines its own ``context``."""
    context = browser.new_context(viewport={"width": 1280, "height": 3000})
    context.set_default_timeout(30_000)
    yield context
    context.close()
