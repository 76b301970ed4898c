"""The workbench's loose ends: a cancelled run saved says so, uploads leave no folder
behind, whole seconds without ".0", menu links that lead somewhere before a run."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import openpyxl

import matcher.web.engine as engine
from matcher.labels import label
from matcher.web import create_app
from matcher.web.routes.solving import _work
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


class _CancelAtTeams(engine.Progress):
    """A director pressing cancel as soon as the team stage reports its first teams."""

    def callback(self, name: str, best: float, bound: float, elapsed: float) -> None:
        super().callback(name, best, bound, elapsed)
        if self.stage == "teams":
            self.cancel()


def test_a_cancelled_run_saved_says_interrupted(tmp_path: Path) -> None:
    """Cancel during the team stage, then save: as after Ctrl-C on the command line,
    summary.json has ``"interrupted": true`` with the teams FEASIBLE (stopped at their
    first solution, nothing proven), and the report and the workbook say "interrompu"
    rather than "limite de temps atteinte" (a limit the director never hit). Before, the
    saved summary had no ``interrupted`` and the outputs blamed the time limit."""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    bench: Workbench = app.extensions["workbench"]
    assert bench.instance is not None
    progress = _CancelAtTeams()
    bench.progress = progress
    _work(bench, bench.instance, progress)
    assert progress.cancelled and bench.outcome is not None
    client = app.test_client()
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary.get("interrupted") is True
    assert summary["teams"]["status"] == "FEASIBLE"
    said = label("status_interrupted", "fr")
    report = unescape((out / "report.html").read_text(encoding="utf-8"))
    assert said in report and label("status_FEASIBLE", "fr") not in report
    book = openpyxl.load_workbook(out / "result.xlsx", read_only=True)
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    cells = [str(cell) for row in rows for cell in row]
    assert f"FEASIBLE ({said})" in cells


def test_a_run_not_cancelled_is_not_interrupted(tmp_path: Path) -> None:
    """The twin: the same run left to finish saves no ``interrupted`` key."""
    app = create_app(DEMO, tmp_path / "out", "fr", explain=False)
    bench: Workbench = app.extensions["workbench"]
    assert bench.instance is not None
    progress = engine.Progress()
    _work(bench, bench.instance, progress)
    app.test_client().post("/save")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert "interrupted" not in summary
