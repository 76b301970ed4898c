"""A workbench solved through its own routes, for the Flask-client tests of the workbench."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

import matcher.web.engine as engine
from matcher.web import create_app
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
