"""Shared pieces of the workbench's Flask-client tests: a workbench solved through its own
routes, one cancelled during its team stage, and the small cohort of the lock tests."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

import matcher.web.engine as engine
from matcher.web import create_app
from matcher.web.routes.solving import _work
from matcher.web.state import Workbench


def solved_workbench(
    folder: Path, out: Path, *, lang: str = "fr", explain: bool = False
) -> tuple[FlaskClient, Workbench]:
    """The workbench of ``folder`` after a run asked as the page asks it (``POST /run``),
    waited for, and the board taken by the page (``GET /progress``)."""
    app = create_app(folder, out, lang, explain=explain)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    assert client.post("/run").status_code == 200
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None and bench.outcome.teams is not None, bench.solve_error
    client.get("/progress")  # the page takes the board
    return client, bench


class CancelAtTeams(engine.Progress):
    """A director pressing cancel as soon as the team stage reports its first teams."""

    def callback(self, name: str, best: float, bound: float, elapsed: float) -> None:
        super().callback(name, best, bound, elapsed)
        if self.stage == "teams":
            self.cancel()


def cancelled_workbench(folder: Path, out: Path) -> tuple[Flask, Workbench]:
    """The workbench of ``folder`` (French, no explanations) whose run the director cancelled
    as soon as the team stage reported its first teams; the run kept what it had."""
    app = create_app(folder, out, "fr", explain=False)
    bench: Workbench = app.extensions["workbench"]
    assert bench.instance is not None
    progress = CancelAtTeams()
    bench.progress = progress
    _work(bench, bench.instance, progress)
    assert progress.cancelled and bench.outcome is not None
    return app, bench


def locks_cohort(folder: Path, *, pins: dict[str, str] | None = None, plan: bool = False) -> Path:
    """Two commissions C1, C2 selected (C3, of lower priority, their reserve), seven
    students of one background: S1…S5 write "C1;C2", S6 and S7 "C2;C1"; sizes 3 to 4.
    ``pins``: students.csv's pinned column; ``plan``: with two supervisors and the
    calendar's dates (stage 3)."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type,priority\n"
        "C1,CPAS de Namur,CPAS,évaluation,1\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,1\n"
        "C3,SAJ de Huy,handicap,diagnostic,0\n",
        encoding="utf-8",
    )
    pins = pins or {}
    choices = {f"S{i}": "C1;C2" for i in range(1, 6)} | {"S6": "C2;C1", "S7": "C2;C1"}
    rows = [f"{s},AS,{c},{pins.get(s, '')}" for s, c in choices.items()]
    (folder / "students.csv").write_text(
        "id,background,choices,pinned\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    settings = "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n"
    if plan:
        (folder / "supervisors.csv").write_text("id,name\nA1,Anne\nA2,Marc\n", encoding="utf-8")
        settings += '[calendar]\ndates = { visit = "2026-11-19", oral_thu = "2027-05-20" }\n'
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder
