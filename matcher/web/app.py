"""The workbench's Flask application: one session, its routes registered by part of the page.

Every call into the rest of matcher goes through ``matcher.web.engine``. The routes are in
``matcher.web.routes`` (guards, opening and settings, solving and planning, board, result),
what the templates show in ``matcher.web.page``, the settings form in ``matcher.web.forms``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from matcher.app import Overrides
from matcher.labels import Lang
from matcher.outputs.staging import restore_missing
from matcher.web.forms import FIELDS
from matcher.web.page import DOWNLOADS, SELECTION_PRIORITIES, TEAM_PRIORITIES, open_given
from matcher.web.routes import (
    register_board_routes,
    register_guards,
    register_open_routes,
    register_result_routes,
    register_run_routes,
    register_settings_routes,
)
from matcher.web.state import Workbench

__all__ = [
    "DOWNLOADS",
    "FIELDS",
    "MAX_FORM_PARTS",
    "MAX_UPLOAD",
    "SELECTION_PRIORITIES",
    "TEAM_PRIORITIES",
    "create_app",
]

#: Uploads above this are refused with a message (contract §10).
MAX_UPLOAD = 20 * 1024 * 1024
#: The most files and fields one request may hold (Werkzeug's default, named): a cohort is
#: a handful of files. More is refused with its own message (it said "larger than 20 MB"
#: for 1,500 files of a few bytes).
MAX_FORM_PARTS = 1000


def create_app(
    instance_path: Path | None,
    out_dir: Path,
    lang: Lang = "en",
    *,
    listen: tuple[str, int] = ("127.0.0.1", 8765),
    explain: bool = True,
    settings_file: Path | None = None,
    overrides: Overrides | None = None,
) -> Flask:
    """The workbench for one director: ``instance_path`` opened at start (if given), results
    saved into ``out_dir``, pages in ``lang``; ``listen`` is the address served (the Host
    and Origin checks accept it and ``localhost``). ``explain`` false: a run does not
    explain every wish afterwards (the why panel explains on demand). ``settings_file`` and
    ``overrides``: ``matcher serve --settings --time-limit --seed --workers``, applied to
    every cohort opened, as the other commands apply them."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    app.config["MAX_FORM_PARTS"] = MAX_FORM_PARTS
    bench = Workbench(
        out_dir=out_dir,
        lang=lang,
        given_path=instance_path,
        explain_after_run=explain,
        settings_file=settings_file,
        overrides=overrides,
    )
    app.extensions["workbench"] = bench
    # A result folder left missing by a run killed as it replaced it: put back once, at
    # start, so that the page can offer it (``saved_result.holds_result``).
    restore_missing(out_dir)
    if instance_path is not None:
        open_given(bench)

    register_guards(app, bench, listen)
    register_open_routes(app, bench)
    register_settings_routes(app, bench)
    register_run_routes(app, bench)
    register_board_routes(app, bench)
    register_result_routes(app, bench)
    return app
