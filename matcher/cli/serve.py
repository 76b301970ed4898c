"""`matcher serve`: the directors' workbench in the browser (contract §10)."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import Literal

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, common_options, guarded_server, path_arg
from matcher.errors import UsageError, os_reason
from matcher.interrupt import EXIT_SIGTERM
from matcher.labels import label, text


@main.command("serve")
@click.argument("instance", required=False, type=path_arg(exists=True))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=path_arg(file_okay=False),
    help="Folder where the workbench saves the result (the files of matcher run).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option("--no-open", is_flag=True, help="Do not open a browser.")
@common_options
@guarded_server
def serve_command(
    instance: Path | None,
    out_dir: Path,
    host: str,
    port: int,
    no_open: bool,
    opts: CommonOptions,
) -> None:
    """Open the workbench for INSTANCE (or for files uploaded in the page) in the browser.

    Listens on 127.0.0.1 only unless --host says otherwise; Ctrl-C stops it. --settings,
    --time-limit, --seed and --workers apply to every cohort opened in the page (as to the
    other commands); --lang is the page's language at start (switchable in the page).
    """
    from werkzeug.serving import WSGIRequestHandler, make_server

    from matcher.web import create_app

    class QuietHandler(WSGIRequestHandler):
        """No line per request on the director's terminal ('"GET / HTTP/1.1" 200': English
        and technical, contract §7); errors are still logged."""

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            return

    from matcher.cli.paths import none_replaced
    from matcher.outputs.out_folder import check_not_working_folder, check_out_dir, check_writable
    from matcher.outputs.writers import OUTPUT_FILES
    from matcher.saved_settings import SAVED_SETTINGS_FILE

    # Saving writes there: a folder that saving would refuse (the instance folder, one
    # holding it, the folder the command runs in) or cannot write is said now, not at the
    # first save.
    if instance is not None:
        check_out_dir(out_dir, instance)
    # A save writes every output and settings.toml there: not over a file given (probe
    # s35f: --settings OUT/settings.toml was overwritten by the first save).
    none_replaced(out_dir, opts.given(), (*OUTPUT_FILES, SAVED_SETTINGS_FILE))
    check_not_working_folder(out_dir)
    check_writable(out_dir)
    # Like every command (contract §7): its --lang, else the group's (``matcher --lang fr
    # serve``), else MATCHER_LANG, else the locale.
    page_lang: Literal["en", "fr"] = opts.lang
    # The socket is bound here, not by werkzeug: on a port in use or an unknown host it
    # prints English words of its own and exits 1; this is a usage error (exit 2), worded.
    listener = _listening(host, port)
    real_port = int(listener.getsockname()[1])  # the one chosen for --port 0
    try:
        server = make_server(
            host,
            port,
            None,  # type: ignore[arg-type]
            threaded=True,
            request_handler=QuietHandler,
            fd=listener.fileno(),
        )
    finally:
        listener.close()  # the server holds its own copy of the socket
    workbench = create_app(
        instance,
        out_dir,
        page_lang,
        listen=(host, real_port),
        settings_file=opts.settings_file,
        overrides=opts.overrides,
    )
    server.app = workbench
    url = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{real_port}/"
    # SIGTERM (a service manager, `kill`) stops it as Ctrl-C does, then exits 143 (contract
    # §2): by default it killed the process, leaving uploads in the temp folder.
    terminated = _on_sigterm()
    try:
        opts.say(label("cli_serving", page_lang, url=url))
        if not no_open:
            import webbrowser

            webbrowser.open(url)
        server.serve_forever()  # werkzeug's returns on Ctrl-C (it takes KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    except _Terminated:
        terminated = True
    finally:
        server.server_close()
        # A run still going is cancelled and waited for; no upload left in the temp folder.
        workbench.extensions["workbench"].close()
    opts.say(label("cli_stopped", page_lang))
    if terminated:
        sys.exit(EXIT_SIGTERM)


class _Terminated(Exception):
    """SIGTERM reached ``serve`` (raised in the main thread, out of ``serve_forever``)."""


def _on_sigterm() -> bool:
    """Make SIGTERM raise ``_Terminated`` (in the main thread only; elsewhere a no-op); False."""

    def terminate(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one ends it at once
        raise _Terminated

    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, terminate)
    return False


def _listening(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` and listening, or the usage error saying why not."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
    except OSError as error:
        reason = text("os_unknown_host") if isinstance(error, socket.gaierror) else os_reason(error)
        raise UsageError(text("cli_cannot_listen", host=host, port=port, reason=reason)) from None
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen()
    except OSError as error:
        listener.close()
        raise UsageError(
            text("cli_cannot_listen", host=host, port=port, reason=os_reason(error))
        ) from None
    return listener
