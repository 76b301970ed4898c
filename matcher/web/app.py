"""The workbench's Flask application: pages, fragments and the laptop-safety checks.

Every call into the rest of matcher goes through ``matcher.web.engine``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, render_template, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

import matcher.web.engine as engine
from matcher.errors import InputError, Problem, UsageError
from matcher.labels import Lang, worded
from matcher.results import Status
from matcher.schemas import BALANCEABLE
from matcher.web.labels import LABELS, schema_words
from matcher.web.state import Workbench

#: Uploads above this are refused with a message (contract §10).
MAX_UPLOAD = 20 * 1024 * 1024
#: The files a download button may fetch from --out (never a name sent by the browser).
DOWNLOADS = (
    "result.xlsx",
    "report.html",
    "selection.csv",
    "teams.csv",
    "summary.json",
    "changes.csv",
)
TEAM_PRIORITIES = ("worst_choice", "balance", "choices", "experience")
SELECTION_PRIORITIES = ("sectors", "problem_types", "sector_spread", "priority")
#: Settings form fields → the settings key each one sets (problems are shown beside them).
FIELDS = {
    "count": "selection.count",
    "max_per_institution": "selection.max_per_institution",
    "time_limit": "solver.time_limit",
    "required_slots": "selection.required_slots",
    "any_slots": "selection.any_slots",
    "include": "selection.include",
    "exclude": "selection.exclude",
    "selection_priority": "selection.priorities",
    "min_size": "teams.min_size",
    "max_size": "teams.max_size",
    "balance": "teams.balance",
    "no_isolation": "teams.no_isolation",
    "priority": "teams.priorities",
}
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def create_app(
    instance_path: Path | None,
    out_dir: Path,
    lang: Lang = "en",
    *,
    listen: tuple[str, int] = ("127.0.0.1", 8765),
) -> Flask:
    """The workbench for one director: ``instance_path`` opened at start (if given), results
    saved into ``out_dir``, pages in ``lang``; ``listen`` is the address served (the Host
    and Origin checks accept it and ``localhost``)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    bench = Workbench(out_dir=out_dir, lang=lang, given_path=instance_path)
    app.extensions["workbench"] = bench
    if instance_path is not None:
        _open_given(bench)

    _register_guards(app, bench, listen)
    _register_open_routes(app, bench)
    _register_settings_routes(app, bench)
    _register_run_routes(app, bench)
    _register_board_routes(app, bench)
    _register_result_routes(app, bench)
    return app


# --- Routes --------------------------------------------------------------------------------


def _register_guards(app: Flask, bench: Workbench, listen: tuple[str, int]) -> None:
    """The Host and Origin checks, the upload limit's page, the templates' globals."""
    host, port = listen
    allowed_hosts = {host.lower(), "localhost", "127.0.0.1", "[::1]"}

    def _host_ok(value: str) -> bool:
        parts = urlsplit("//" + value)
        try:
            value_port = parts.port
        except ValueError:
            return False
        name = (parts.hostname or "").lower()
        if ":" in name:
            name = f"[{name}]"
        return name in allowed_hosts and value_port in (None, port)

    @app.before_request
    def _guard() -> Response | None:
        if not _host_ok(request.host):
            return _forbidden(bench)
        if request.method not in _SAFE_METHODS:
            origin = request.headers.get("Origin")
            if origin is not None and (origin == "null" or not _host_ok(urlsplit(origin).netloc)):
                return _forbidden(bench)
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                return _forbidden(bench)
        return None

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_: Exception) -> tuple[str, int]:
        return _t(bench)["too_large"], 413

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"t": _t(bench), "bench": bench, "lang": bench.lang}

    @app.template_filter("worded")
    def _worded(message: Any) -> str:
        """An engine message (a ``Text`` or a plain string) in the page's language."""
        return schema_words(worded(message, bench.lang), bench.lang)


def _register_open_routes(app: Flask, bench: Workbench) -> None:
    """The page, its language, opening an instance (given or uploaded)."""

    @app.get("/")
    def index() -> str:
        return render_template("index.html", **_page(bench))

    @app.post("/lang/<code>")
    def set_lang(code: str) -> Response:
        if code not in LABELS:
            abort(404)
        bench.lang = code
        return _refresh()

    @app.post("/open")
    def reopen() -> Response:
        with bench.lock:
            if bench.given_path is not None:
                _open_given(bench)
        return _refresh()

    @app.post("/upload")
    def upload() -> str:
        files = [(f.filename or "", f.read()) for f in request.files.getlist("files") if f.filename]
        with bench.lock:
            try:
                instance, folder = engine.load_uploads(files)
            except (InputError, UsageError) as error:
                bench.problems = engine.problems_of(error)
            else:
                bench.instance, bench.instance_dir = instance, folder
                bench.problems = []
                bench.outcome, bench.history, bench.cursor = None, [], -1
        return render_template("main.html", **_page(bench))


def _register_settings_routes(app: Flask, bench: Workbench) -> None:
    """The settings form, checked live, and the proposals forced in or out."""

    @app.post("/settings")
    def settings() -> str:
        with bench.lock:
            if bench.instance is None:
                abort(409)
            try:
                bench.instance = engine.update_settings(bench.instance, _settings_form())
            except InputError as error:
                bench.problems = engine.problems_of(error)
                bench.message = ""
            else:
                bench.problems = []
                bench.message = _t(bench)["settings_saved"]
        return render_template("main.html", **_page(bench))

    @app.post("/settings/check")
    def settings_check() -> str:
        """Live validation: the form's values checked, nothing applied; each problem is sent
        beside its field (htmx out-of-band swaps of the ``#problem-<field>`` spans)."""
        with bench.lock:
            if bench.instance is None:
                abort(409)
            try:
                engine.update_settings(bench.instance, _settings_form())
                problems: list[Problem] = []
            except InputError as error:
                problems = engine.problems_of(error)
        by_field: dict[str, list[str]] = {name: [] for name in FIELDS}
        other: list[str] = []
        for problem in problems:
            name = _field_of(problem.column)
            (by_field[name] if name else other).append(problem.message)  # type: ignore[arg-type]
        return render_template("settings_check.html", by_field=by_field, other=other)

    @app.post("/selection/<what>")
    def include_exclude(what: str) -> str:
        """Force a proposal in (``include``), out (``exclude``), or back to free (``free``);
        takes effect at the next run."""
        proposal = request.form.get("id", "")
        with bench.lock:
            if bench.instance is None or what not in ("include", "exclude", "free"):
                abort(404)
            if proposal not in {c.id for c in bench.instance.commissions}:
                abort(400)
            chosen = bench.instance.settings.selection
            include = [i for i in chosen.include if i != proposal]
            exclude = [i for i in chosen.exclude if i != proposal]
            if what == "include":
                include.append(proposal)
            elif what == "exclude":
                exclude.append(proposal)
            try:
                bench.instance = engine.update_settings(
                    bench.instance,
                    {"selection.include": include, "selection.exclude": exclude},
                )
            except InputError as error:
                bench.problems = engine.problems_of(error)
            else:
                bench.problems = []
                bench.message = _t(bench)["rerun_needed"]
        return render_template("main.html", **_page(bench))


def _register_run_routes(app: Flask, bench: Workbench) -> None:
    """A solve in a worker thread: start, progress, cancel."""

    @app.post("/run")
    def run() -> str:
        with bench.lock:
            if bench.instance is None:
                abort(409)
            if bench.solving:
                return render_template("progress.html", **_page(bench), busy=True)
            progress = engine.Progress()
            instance = bench.instance
            bench.progress, bench.solve_error, bench.message = progress, "", ""

            def work() -> None:
                try:
                    outcome = engine.run(instance, progress)
                except engine.SolveFailed as error:
                    bench.solve_error = (
                        _t(bench)["cancelled"]
                        if progress.cancelled
                        else engine.failure(error, bench.lang)
                    )
                    return
                except Exception as error:  # shown in the page, never a traceback
                    bench.solve_error = f"{type(error).__name__}: {error}"
                    return
                with bench.lock:
                    bench.start_board(outcome)
                    if progress.cancelled:
                        bench.message = _t(bench)["cancelled_kept"]

            bench.worker = threading.Thread(target=work, name="matcher-solve", daemon=True)
            bench.worker.start()
        return render_template("progress.html", **_page(bench))

    @app.get("/progress")
    def progress() -> Response | str:
        if not bench.solving and bench.progress is not None:
            return _refresh()
        if bench.progress is not None and bench.progress.cancelled:
            # Again: a search that started since the cancel stops too.
            bench.progress.cancel()
        return render_template("progress.html", **_page(bench))

    @app.post("/cancel")
    def cancel() -> str:
        if bench.progress is not None and bench.solving:
            bench.progress.cancel()
        return render_template("progress.html", **_page(bench))


def _register_board_routes(app: Flask, bench: Workbench) -> None:
    """The board: move, undo, redo, pin, re-optimise."""

    @app.post("/move")
    def move() -> str:
        student, team = request.form.get("student", ""), request.form.get("team", "")
        with bench.lock:
            _need_board(bench)
            teams = bench.outcome.teams  # type: ignore[union-attr]
            if student not in bench.assignment or team not in teams.commission_ids:  # type: ignore[union-attr]
                abort(400)
            source = bench.assignment[student]
            if source == team:
                return render_template("board.html", **_page(bench))
            shown = bench.shown_broken
            bench.push({**bench.assignment, student: team})
            page = _page(bench)
            # Out-of-band answer: the two columns, the columns whose broken marks changed,
            # the toolbar, the rules and the priorities; the rest of the board stays.
            board = page["board"]
            changed = {source, team} | _columns_of(
                shown ^ bench.shown_broken, bench.assignment, board
            )
            columns = [col for col in board["columns"] if col["id"] in changed]
            return render_template("board_delta.html", **page, changed_columns=columns)

    @app.post("/undo")
    def undo() -> str:
        with bench.lock:
            _need_board(bench)
            bench.cursor = max(bench.cursor - 1, 0)
            return render_template("board.html", **_page(bench))

    @app.post("/redo")
    def redo() -> str:
        with bench.lock:
            _need_board(bench)
            bench.cursor = min(bench.cursor + 1, len(bench.history) - 1)
            return render_template("board.html", **_page(bench))

    @app.post("/pin")
    def pin() -> str:
        student = request.form.get("student", "")
        with bench.lock:
            _need_board(bench)
            if student not in bench.assignment:
                abort(400)
            if student in bench.pins:
                del bench.pins[student]
            else:
                bench.pins[student] = bench.assignment[student]
            return render_template("board.html", **_page(bench))

    @app.post("/reoptimise")
    def reoptimise() -> str:
        with bench.lock:
            _need_board(bench)
            if bench.solving:
                abort(409)
            try:
                result = engine.reoptimise(bench.outcome, bench.assignment, bench.pins)  # type: ignore[arg-type]
            except engine.SolveFailed as error:
                bench.message = engine.failure(error, bench.lang)
            else:
                assert result.teams is not None
                bench.push(dict(result.teams.assignment))
                bench.message = ""
            return render_template("board.html", **_page(bench))


def _register_result_routes(app: Flask, bench: Workbench) -> None:
    """What-if, saving, downloads and explanations of the result on the board."""

    @app.post("/whatif")
    def whatif() -> str:
        commission = request.form.get("commission", "")
        student = request.form.get("student", "")
        upload = request.files.get("arrivals")
        arrivals = (upload.filename, upload.read()) if upload and upload.filename else None
        with bench.lock:
            _need_board(bench)
            try:
                pending = engine.whatif(
                    bench.outcome,  # type: ignore[arg-type]
                    bench.assignment,
                    withdraw_commissions=[commission] if commission else [],
                    withdraw_students=[student] if student else [],
                    arrivals=arrivals,
                    replace_withdrawn=not request.form.get("no_replace"),
                )
            except (InputError, UsageError) as error:
                bench.problems = engine.problems_of(error)
                bench.pending = None
            except engine.SolveFailed as error:
                bench.problems = []
                bench.pending = None
                bench.message = engine.failure(error, bench.lang)
            else:
                bench.problems = []
                bench.pending = pending
            return render_template("whatif.html", **_page(bench))

    @app.post("/whatif/accept")
    def whatif_accept() -> Response:
        with bench.lock:
            if bench.pending is not None:
                bench.start_board(bench.pending)
        return _refresh()

    @app.post("/whatif/discard")
    def whatif_discard() -> str:
        with bench.lock:
            bench.pending = None
            return render_template("whatif.html", **_page(bench))

    @app.post("/save")
    def save() -> str:
        with bench.lock:
            _need_board(bench)
            outcome = engine.edited_outcome(bench.outcome, bench.assignment)  # type: ignore[arg-type]
            assert bench.instance_dir is not None
            try:
                engine.save(bench.out_dir, outcome, bench.instance_dir, bench.lang)
            except (InputError, UsageError) as error:
                bench.problems = engine.problems_of(error)
                return render_template("saved.html", **_page(bench), saved=False)
            bench.problems = []
            return render_template("saved.html", **_page(bench), saved=True)

    @app.get("/download/<name>")
    def download(name: str) -> Response:
        if name not in DOWNLOADS:
            abort(404)
        path = bench.out_dir / name
        if not path.is_file():
            abort(404)
        return send_file(path.resolve(), as_attachment=True, download_name=name)

    @app.get("/explain/<student>")
    def explain(student: str) -> str:
        """The student's explanation (``matcher explain``): one line per better choice."""
        with bench.lock:
            _need_board(bench)
            if student not in bench.assignment:
                abort(404)
            page = _page(bench)
            if bench.solving:
                return render_template("explain.html", **page, student=student, busy=True)
            if page["board"]["violations"]:
                return render_template("explain.html", **page, student=student, broken=True)
            try:
                wishes = engine.explain(bench.outcome, bench.assignment, student, bench.lang)  # type: ignore[arg-type]
            except (InputError, UsageError, ValueError) as error:
                return render_template("explain.html", **page, student=student, error=str(error))
            return render_template("explain.html", **page, student=student, wishes=wishes)


def _settings_form() -> dict[str, Any]:
    """The settings form as dotted keys → values (the schema checks them). A field the
    form does not send keeps its value; the checkbox lists are sent by the page as a
    whole (its ``lists`` marker), since an unticked box sends nothing."""
    form = request.form
    lists = "lists" in form
    readers: dict[str, Any] = {
        "count": lambda v: v,
        "max_per_institution": lambda v: v,
        "time_limit": lambda v: v,
        "required_slots": _lines,
        "any_slots": lambda v: [_ids(line) for line in _lines(v) if _ids(line)],
        "include": _ids,
        "exclude": _ids,
        "min_size": lambda v: v.strip() or None,
        "max_size": lambda v: v.strip() or None,
        "no_isolation": _lines,
    }
    changes = {FIELDS[name]: read(form[name]) for name, read in readers.items() if name in form}
    if lists or "selection_priority" in form:
        changes["selection.priorities"] = [p for p in form.getlist("selection_priority") if p]
    if lists or "priority" in form:
        changes["teams.priorities"] = [p for p in form.getlist("priority") if p]
    if lists or any(f"balance_{a}" in form for a in BALANCEABLE):
        changes["teams.balance"] = [a for a in BALANCEABLE if form.get(f"balance_{a}")]
    return changes


# --- Helpers -------------------------------------------------------------------------------


def _t(bench: Workbench) -> dict[str, str]:
    return LABELS[bench.lang]


def _forbidden(bench: Workbench) -> Response:
    return Response(_t(bench)["forbidden"], status=403, mimetype="text/plain")


def _refresh() -> Response:
    """An htmx answer reloading the whole page."""
    response = Response("", status=200)
    response.headers["HX-Refresh"] = "true"
    return response


def _need_board(bench: Workbench) -> None:
    if bench.outcome is None or bench.outcome.teams is None or not bench.history:
        abort(409)


def _field_of(column: str | None) -> str | None:
    """The form field setting the dotted key ``column`` (e.g. ``teams.min_size``)."""
    for name, key in FIELDS.items():
        if column == key:
            return name
    return None


def _columns_of(ids: set[str], assignment: dict[str, str], board: dict[str, Any]) -> set[str]:
    """The board columns holding these student or commission ids."""
    teams = {col["id"] for col in board["columns"]}
    return {i for i in ids if i in teams} | {assignment[i] for i in ids if i in assignment}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _open_given(bench: Workbench) -> None:
    assert bench.given_path is not None
    try:
        bench.instance = engine.load_folder(bench.given_path)
    except (InputError, UsageError) as error:
        bench.instance, bench.problems = None, engine.problems_of(error)
    else:
        bench.problems = []
        bench.instance_dir = bench.given_path
        bench.outcome, bench.history, bench.cursor, bench.pins = None, [], -1, {}


def _page(bench: Workbench) -> dict[str, Any]:
    """Everything the templates show, computed from the session state."""
    page: dict[str, Any] = {"board": None, "selection_rows": [], "pending_rows": []}
    outcome = bench.outcome
    instance = bench.instance
    if instance is not None:
        settings = instance.settings
        order = list(settings.teams.priorities) + [
            p for p in TEAM_PRIORITIES if p not in settings.teams.priorities
        ]
        page["priority_order"] = [(p, p in settings.teams.priorities) for p in order]
        chosen = settings.selection.priorities
        unchosen = [p for p in SELECTION_PRIORITIES if p not in chosen]
        page["selection_order"] = [(p, p in chosen) for p in [*chosen, *unchosen]]
        page["fields"] = FIELDS
        page["balanced"] = set(instance.balanced_attributes())
        page["balanceable"] = BALANCEABLE
    if outcome is not None and outcome.selection is not None:
        by_id = {c.id: c for c in outcome.instance.commissions}
        page["selection_rows"] = [(row, by_id.get(row.id)) for row in outcome.selection.rows]
    if outcome is not None and outcome.teams is not None and bench.history:
        page["board"] = _board(bench)
    if bench.pending is not None and bench.pending.changes is not None:
        page["pending_rows"] = bench.pending.changes.rows
        page["pending_moves"] = bench.pending.changes.moves
        page["pending_replaced"] = bench.pending.changes.replaced
        before = outcome.changes.unreplaced if outcome is not None and outcome.changes else ()
        page["pending_unreplaced"] = [
            c for c in bench.pending.changes.unreplaced if c not in before
        ]
    if bench.progress is not None:
        page["progress_rows"] = sorted(bench.progress.priorities.items())
    page["downloads"] = [n for n in DOWNLOADS if (bench.out_dir / n).is_file()]
    page["status_ok"] = Status.OPTIMAL
    return page


def _board(bench: Workbench) -> dict[str, Any]:
    """The teams board: columns, cards, broken rules and priorities of the current state."""
    outcome = bench.outcome
    assert outcome is not None and outcome.teams is not None
    instance = outcome.instance
    teams = outcome.teams
    assignment = bench.assignment
    ids = teams.commission_ids
    # Moves count against the board the solver (or the last what-if) gave: its optimum is 0.
    check = engine.check_assignment(
        instance, ids, assignment, previous=bench.history[0], locked=bench.pins
    )
    broken = set().union(*check.where) if check.where else set()
    bench.shown_broken = broken
    ranks = engine.choice_ranks(instance, ids, assignment)
    by_id = {c.id: c for c in instance.commissions}
    columns: dict[str, list[dict[str, Any]]] = {cid: [] for cid in ids}
    for student in instance.students:
        team = assignment.get(student.id)
        if team not in columns:
            continue
        rank = ranks.get(student.id)
        columns[team].append(
            {
                "s": student,
                "rank": rank,
                "broken": student.id in broken,
                "pinned": student.id in bench.pins,
            }
        )
    optimum = {o.name: o.value for o in teams.stage.objectives}
    optimum["moves"] = 0
    priorities = [
        (name, check.objectives[name], optimum.get(name))
        for name in ("moves", *instance.settings.teams.priorities)
    ]
    return {
        "columns": [
            {
                "id": cid,
                "commission": by_id.get(cid),
                "cards": columns[cid],
                "bounds": check.sizes.get(cid),
                "broken": cid in broken,
            }
            for cid in ids
        ],
        "violations": [worded(v, bench.lang) for v in check.violations],
        "priorities": priorities,
        "can_undo": bench.cursor > 0,
        "can_redo": bench.cursor < len(bench.history) - 1,
    }
