"""The laptop-safety checks (Host, Origin), the upload limit's page, the templates' globals."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from matcher.labels import decimal, label, priority_label, worded
from matcher.web.page import forbidden, words
from matcher.web.state import Workbench

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def register_guards(app: Flask, bench: Workbench, listen: tuple[str, int]) -> None:
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
            return forbidden(bench)
        if request.method not in _SAFE_METHODS:
            origin = request.headers.get("Origin")
            if origin is not None and (origin == "null" or not _host_ok(urlsplit(origin).netloc)):
                return forbidden(bench)
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                return forbidden(bench)
        return None

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_: Exception) -> tuple[str, int]:
        return words(bench)["too_large"], 413

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
        }

    @app.template_filter("worded")
    def _worded(message: Any) -> str:
        """An engine message (a ``Text`` or a plain string) in the page's language."""
        return worded(message, bench.lang)
