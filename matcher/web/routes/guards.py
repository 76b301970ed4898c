"""The laptop-safety checks (Host, Origin), the upload limit's page, the templates' globals."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from matcher.errors import os_reason, shown_problems, shown_warnings
from matcher.labels import Lang, decimal, label, priority_label, worded
from matcher.web.forms import field_words
from matcher.web.page import forbidden, in_page, words
from matcher.web.state import Workbench
from matcher.web.upload_names import uploaded_in

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
#: An Origin without a port is its scheme's default one: ``http://localhost`` is another
#: server than ``http://localhost:8765`` (it was taken for this one). The workbench speaks
#: http only: an Origin of another scheme (``https://127.0.0.1:8765``, probe s32a) is
#: another site, whatever its host and port.
_HTTP_DEFAULT_PORT = 80
#: The page sends the board revision it shows and its tab's own id with every request
#: (``workbench.js``); the answers to state-changing requests carry the new revision.
BOARD_HEADER = "X-Matcher-Board"
TAB_HEADER = "X-Matcher-Tab"
LANG_HEADER = "X-Matcher-Lang"
#: Marks, between the refusal and ``_whole_if_other_language``, a tab refused for a restart.
_RESTART_HEADER = "X-Matcher-Restarted"
#: Requests acting on the board or the settings shown (refused from a tab that missed a
#: change: another cohort opened there, its settings applied).
_BOARD_ROUTES = frozenset(
    {"/move", "/undo", "/redo", "/pin", "/reoptimise", "/plan", "/save", "/whatif"}
    | {"/whatif/accept", "/settings", "/selection/include", "/selection/exclude"}
    | {"/selection/free", "/open/result", "/assign"}
)
#: Reads answered on the board shown (refused from a tab that missed a change too).
_BOARD_READS = ("/explain",)  # /explain?student= and /explain/<id>


def register_guards(app: Flask, bench: Workbench, listen: tuple[str, int]) -> None:
    """The Host and Origin checks, the upload limit's page, the templates' globals."""
    host, port = listen
    # The address it listens on, and localhost (contract §10): not another loopback address
    # (probe s25: [::1] was served while listening on 127.0.0.1), but both when listening on
    # the name localhost, which may be either.
    listening = host.lower()
    allowed_hosts = {f"[{listening}]" if ":" in listening else listening, "localhost"}
    if listening == "localhost":
        allowed_hosts |= {"127.0.0.1", "[::1]"}

    def _host_ok(value: str, default_port: int | None = None) -> bool:
        """Whether ``value`` (a Host header, an origin's host[:port]) is this workbench:
        a Host without port is taken as ours (a client may leave out http's :80); an
        Origin without port is http's default port (``default_port``), another server's.
        An empty ``value`` (no Host sent) is refused."""
        parts = urlsplit("//" + value)
        try:
            value_port = parts.port or default_port
        except ValueError:
            return False
        name = (parts.hostname or "").lower()
        if ":" in name:
            name = f"[{name}]"
        return name in allowed_hosts and value_port in (None, port)

    def _origin_ok(origin: str) -> bool:
        parts = urlsplit(origin)
        return parts.scheme == "http" and _host_ok(parts.netloc, _HTTP_DEFAULT_PORT)

    @app.before_request
    def _guard() -> Response | None:
        # The Host header as sent: a request without one is refused as an empty one is
        # (probe s32a: Werkzeug's ``request.host`` falls back to the address listened on,
        # so a request without Host, HTTP/1.0 or 1.1, was served).
        if not _host_ok(request.headers.get("Host", "")):
            return forbidden(bench)
        if request.method not in _SAFE_METHODS:
            origin = request.headers.get("Origin")
            if origin is not None and not _origin_ok(origin):
                return forbidden(bench)
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                return forbidden(bench)
        return None

    @app.before_request
    def _same_board() -> Response | None:
        """A state-changing request holds the workbench for its whole course, so that the
        changes it makes are its tab's; one from a tab that missed a change made elsewhere
        (another tab, the run) is refused: it would act on a board it does not show."""

        def refused_if_stale() -> Response | None:
            """409 when the request's tab missed a change made elsewhere since the board
            it shows (call under ``bench.lock``, the changes noted)."""
            seen, tab = request.headers.get(BOARD_HEADER), request.headers.get(TAB_HEADER, "")
            shown = int(seen) if seen is not None and seen.isdigit() else 0
            if seen is None or not bench.stale(shown, tab):
                return None
            return _stale_refused(bench, shown)

        if request.method in _SAFE_METHODS:
            if request.path == "/":  # the page shows the revision it was made from
                with bench.lock:
                    bench.note_changes(None)  # made outside any request: the run's worker
            elif request.path.startswith(_BOARD_READS):
                # A why panel answers on the board shown now: not from a tab showing
                # another one (probe s25: it explained the other tab's board).
                with bench.lock:
                    bench.note_changes(None)
                    return refused_if_stale()
            return None
        bench.lock.acquire()
        g.holding = True
        bench.note_changes(None)
        return refused_if_stale() if request.path in _BOARD_ROUTES else None

    @app.after_request
    def _revision(response: Response) -> Response:
        if request.path == "/":
            # Never kept by the browser: Back then Forward (or Back from report.html opened
            # in the tab) showed the board as the page first came, moves and undo gone,
            # while the server held another one (its next press refused as from a stale tab).
            response.headers["Cache-Control"] = "no-store"
        holding = bool(g.get("holding"))
        if holding:
            bench.note_changes(request.headers.get(TAB_HEADER, ""))
            if response.status_code < 400:
                response.headers[BOARD_HEADER] = str(bench.revision)
        if response.status_code < 400:
            _said_once(bench, request.method, request.path, holding)
        _whole_if_other_language(bench, response)
        return response

    @app.teardown_request
    def _release(_: BaseException | None) -> None:
        if g.pop("holding", False):
            bench.lock.release()

    _register_answers(app, bench)


#: Requests that are no action of the director's on the board: the what-if's own, the
#: settings form's live check, a change of language (the page shown again rewords the
#: message), and what the page fetches by itself (the progress, every 400 ms: probe s31d,
#: a refusal gone 56 ms after it came while explanations were computed).
_NOT_ACTIONS = ("/whatif", "/settings/check", "/lang/", "/progress", "/static")


def _acted(method: str, path: str) -> bool:
    """Whether a request done is the director acting elsewhere (:func:`_said_once`): the
    page shown (``/``), a card's why panel, or any change but those of ``_NOT_ACTIONS``."""
    if path.startswith(_NOT_ACTIONS):
        return False
    return path == "/" or path.startswith("/explain") or method not in _SAFE_METHODS


def _stale_refused(bench: Workbench, shown: int) -> Response:
    """Why a tab showing revision ``shown`` is refused (409): another tab changed the board,
    or (no other tab, probe s35f) the workbench was started again since."""
    if not bench.restarted_since(shown):
        return Response(words(bench)["stale_tab"], status=409, mimetype="text/plain")
    # In the tab's language (probe s37c: a French tab refused by a workbench started again
    # in English was drawn again whole, in English, without this sentence).
    spoken = request.headers.get(LANG_HEADER)
    lang: Lang = "fr" if spoken == "fr" else "en" if spoken == "en" else bench.lang
    refused = Response(label("web_restarted", lang), status=409, mimetype="text/plain")
    refused.headers[_RESTART_HEADER] = "1"
    return refused


def _whole_if_other_language(bench: Workbench, response: Response) -> None:
    """A page speaking another language than the workbench's (switched in another tab) is
    drawn again whole, in the language in force (probe s34d: its parts came in English into
    the French page)."""
    spoken = request.headers.get(LANG_HEADER)
    if response.headers.get(_RESTART_HEADER):
        del response.headers[_RESTART_HEADER]
        return  # « started again: reload the page » is said first, in the tab's language
    if spoken and spoken != bench.lang and not request.path.startswith("/lang/"):
        response.headers["HX-Refresh"] = "true"


#: Where a message is shown once, gone after any action: a what-if's refusal, and what
#: Apply said (probe s36c: « Paramètres appliqués » shown again on every page, in a tab
#: whose own Apply was refused too).
_SAID_ONCE = ("whatif", "settings")


def _said_once(bench: Workbench, method: str, path: str, holding: bool) -> None:
    """After a request done: a what-if's refusal is shown once, gone after the page showing
    it (a reload, another tab) or any other action (:func:`_acted`; probe s31a: « K01 s'est
    retirée … » stayed in red after moves, a save, a reload and in a new tab, as if K01 had
    withdrawn). The page shown after a change of language rewords it (probe s31g: gone
    after switching twice). The page's script takes it off the page shown
    (``workbench.js``). ``holding``: the request holds ``bench.lock``."""
    with bench.lock:
        if holding:
            bench.reworded = path.startswith("/lang/")
        elif path == "/" and bench.reworded:
            bench.reworded = False
            return
        if _acted(method, path) and bench.message_at in _SAID_ONCE:
            bench.message = ""


#: The forms that upload files, and where the problems of their files are shown.
_UPLOADS_PROBLEMS = {"/upload": "open", "/whatif": "whatif"}


def _register_answers(app: Flask, bench: Workbench) -> None:
    """The pages' answers in the page's language: a refused request's sentence, the
    templates' globals and the ``worded`` filter."""

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_: Exception) -> tuple[str, int]:
        # Within the size cap, the request was refused for its number of parts (or a text
        # field over Werkzeug's MAX_FORM_MEMORY_SIZE, 500 KB, which the page never sends).
        small = (request.content_length or 0) <= (app.config["MAX_CONTENT_LENGTH"] or 0)
        # The problems an earlier upload of that form found are about files this one replaced:
        # not shown again under the refusal (probe s24: a what-if's table stayed).
        if bench.problems_at == _UPLOADS_PROBLEMS.get(request.path):
            bench.problems = []
        return words(bench)["too_many_parts" if small else "too_large"], 413

    @app.errorhandler(OSError)
    def _system_refused(error: OSError) -> Response:
        """A file the workbench could not read or write (a disk removed or full): said in
        the page's language with the system's reason, never the bare error 500 (nor a
        traceback on the terminal)."""
        said = label("web_os_error", bench.lang, reason=worded(os_reason(error), bench.lang))
        return Response(said, status=500, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def _refused(error: HTTPException) -> Response:
        """A refused request answers one sentence in the page's language (the page shows
        it), never the web server's own English page."""
        t = words(bench)
        key = f"http_{error.code}"
        return Response(
            t.get(key, t["http_other"]), status=error.code or 500, mimetype="text/plain"
        )

    @app.context_processor
    def _globals() -> dict[str, Any]:
        def catalogue(key: str, **values: Any) -> str:
            """A sentence of ``matcher.labels`` (e.g. the stage-3 columns) in the page's
            language."""
            return label(key, bench.lang, **values)

        return {
            "t": words(bench),
            "bench": bench,
            "lang": bench.lang,
            "L": catalogue,
            "P": lambda name: priority_label(name, bench.lang),
            # A number for people: "2,5" in French (``matcher.labels.decimal``).
            "D": lambda value, digits=1: decimal(value, bench.lang, digits),
            "F": lambda column: field_words(column, words(bench)),  # a form key as named
            # The first problems to list, and the sentence counting the others.
            "problems_shown": shown_problems,
            # A problem's file as named in the page (an upload's: in its language).
            "problem_file": lambda name: uploaded_in(name, bench.lang),
            "warnings_shown": shown_warnings,
        }

    @app.template_filter("worded")
    def _worded(message: Any) -> str:
        """An engine message (a ``Text`` or a plain string) in the page's language and its
        words (its fields, not settings.toml's keys)."""
        return worded(in_page(message), bench.lang, page=True)
