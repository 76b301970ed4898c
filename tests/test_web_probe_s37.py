"""Session 37's findings on the workbench, through Flask's test client."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import DEMO
from test_web_probe_s34 import _two_vae_wanting_c1
from webrun import solved_workbench


def test_a_tab_of_another_language_is_told_of_the_restart_in_its_own(tmp_path: Path) -> None:
    """Probe s37c: a French tab left open while a workbench speaking English was started
    again: its move was refused (409) but drawn again whole in English (``HX-Refresh``, the
    page's language not the workbench's), « started again: reload » never shown. The
    refusal is said in the tab's language, and the page is not redrawn under it."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    _, old = solved_workbench(cohort, tmp_path / "out", lang="en")
    shown_by_old = str(old.revision)
    time.sleep(0.01)  # another start time, as a restart's
    client, bench = solved_workbench(cohort, tmp_path / "out2", lang="en")
    stale = {"X-Matcher-Tab": "old", "X-Matcher-Board": shown_by_old, "X-Matcher-Lang": "fr"}
    refused = client.post("/move", data={"student": "S3", "team": "C1"}, headers=stale)
    assert refused.status_code == 409
    assert refused.get_data(as_text=True).startswith("L'atelier a été redémarré"), refused
    assert "HX-Refresh" not in refused.headers
    assert "X-Matcher-Restarted" not in refused.headers
    # A tab of another language acting on the board it shows is still drawn again whole.
    fresh = {"X-Matcher-Tab": "new", "X-Matcher-Board": str(bench.revision), "X-Matcher-Lang": "fr"}
    moved = client.post("/move", data={"student": "S3", "team": "C1"}, headers=fresh)
    assert moved.status_code == 200
    assert moved.headers.get("HX-Refresh") == "true"


def test_a_supervisors_whatif_lists_no_earlier_unreplaced_commission(tmp_path: Path) -> None:
    """Probe s37e: in the workbench, C01 withdrawn without replacement and accepted, then a
    supervisor withdrawn and accepted: the saved report and workbook listed C01 « Withdrawn,
    not replaced » again as the supervisor's what-if's own. The command line lists none."""
    client, bench = solved_workbench(DEMO, tmp_path / "out", lang="en")
    assert client.post("/whatif", data={"commission": "C01", "no_replace": "1"}).status_code == 200
    assert client.post("/whatif/accept").status_code == 200
    assert bench.outcome is not None and bench.outcome.changes is not None
    assert bench.outcome.changes.unreplaced_now == ("C01",)
    leaving = bench.outcome.plan.supervision[0][1] if bench.outcome.plan else ""
    assert client.post("/whatif", data={"supervisor": leaving}).status_code == 200
    assert client.post("/whatif/accept").status_code == 200
    assert bench.outcome.changes is not None
    assert bench.outcome.changes.unreplaced_now == ()
    assert bench.outcome.changes.unreplaced == ("C01",)
