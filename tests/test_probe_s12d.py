"""What the fourth acceptance probe of session 12 found wrong, a French director using the
workbench in a real browser on cohorts written by hand (a `;` Windows-1252 CSV cohort, a
workbook): each case checked through the page's own routes (the Flask client), as the
browser asks them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from webrun import cancelled_workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_cancelled_run_is_said_cancelled_not_time_limit_reached(tmp_path: Path) -> None:
    """The demo's run cancelled during the team stage: its status reads « annulé (le
    meilleur trouvé jusque-là…) ». Before, the run's section said both « Annulé : le
    meilleur résultat … est gardé » and « Résolu : limite de temps atteinte », blaming a
    time limit the director never reached (the kept teams were recorded only for a run
    after what-ifs)."""
    app, bench = cancelled_workbench(DEMO, tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.teams is not None
    assert bench.outcome.teams.stage.status.value == "FEASIBLE"
    html = app.test_client().get("/").get_data(as_text=True)
    run = html.split('<section id="run">')[1].split("</section>")[0]
    assert re.search(r'data-status="FEASIBLE">annulé \(', run), _plain(run)
    assert "limite de temps atteinte" not in _plain(run)
