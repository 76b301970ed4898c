"""What the fourth acceptance probe of session 12 found wrong, a French director using the
workbench in a real browser on cohorts written by hand (a `;` Windows-1252 CSV cohort, a
workbook): each case checked through the page's own routes (the Flask client), as the
browser asks them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from webrun import cancelled_workbench, locks_cohort, solved_workbench

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


def test_a_failed_what_if_is_not_said_again_by_the_next_one(tmp_path: Path) -> None:
    """C2 withdraws and no reserve fits (C3 is of C1's institution; C1 hosts 4 at most):
    the what-if panel says why there is no solution. Then S7 withdraws, which works: the
    panel shows S7's changes alone. Before, the first what-if's « Aucune solution … »
    stayed above every later what-if, accepted ones too, as if they had failed."""
    cohort = locks_cohort(tmp_path / "cohort")
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type,priority,max_size\n"
        "C1,CPAS de Namur,CPAS,évaluation,1,4\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,1,4\n"
        "C3,CPAS de Namur,handicap,diagnostic,0,4\n",
        encoding="utf-8",
    )
    client, _ = solved_workbench(cohort, tmp_path / "out")
    failed = _plain(client.post("/whatif", data={"commission": "C2"}).get_data(as_text=True))
    said = "C1 demande au plus 4"
    assert said in failed, failed
    panel = _plain(client.post("/whatif", data={"student": "S7"}).get_data(as_text=True))
    assert "S7" in panel and said not in panel, panel
    client.post("/whatif/accept")
    assert said not in _plain(client.get("/").get_data(as_text=True))
