"""`matcher serve`: the directors' workbench in the browser (contract §10)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click

from matcher.cli import main
from matcher.cli.common import guarded_server
from matcher.cli.words import spoken
from matcher.errors import UsageError
from matcher.labels import label, resolve_lang, text


@main.command("serve")
@click.argument("instance", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder where the workbench saves the result (the files of matcher run).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option("--no-open", is_flag=True, help="Do not open a browser.")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="Language of the page at start (switchable in the page).",
)
@guarded_server
def serve_command(
    instance: Path | None,
    out_dir: Path,
    host: str,
    port: int,
    no_open: bool,
    lang: Literal["en", "fr"] | None,
) -> None:
    """Open the workbench for INSTANCE (or for files uploaded in the page) in the browser.

    Listens on 127.0.0.1 only unless --host says otherwise; Ctrl-C stops it.
    """
    from werkzeug.serving import WSGIRequestHandler, make_server

    from matcher.web import create_app

    class QuietHandler(WSGIRequestHandler):
        """No line per request on the director's terminal ('"GET / HTTP/1.1" 200': English
        and technical, contract §7); errors are still logged."""

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            return

    if instance is not None and out_dir.resolve() == instance.resolve():
        raise UsageError(text("cli_serve_out_is_instance", out_dir=out_dir))
    # Like every command (contract §7): its --lang, else the group's (``matcher --lang fr
    # serve``), else MATCHER_LANG, else the locale.
    page_lang: Literal["en", "fr"] = resolve_lang(lang) if lang else spoken()
    try:
        server = make_server(
            host,
            port,
            None,  # type: ignore[arg-type]
            threaded=True,
            request_handler=QuietHandler,
        )
    except OSError as error:
        raise UsageError(
            text("cli_cannot_listen", host=host, port=port, reason=error.strerror)
        ) from None
    real_port = server.server_port
    workbench = create_app(instance, out_dir, page_lang, listen=(host, real_port))
    server.app = workbench
    url = f"http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{real_port}/"
    click.echo(label("cli_serving", page_lang, url=url))
    if not no_open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()  # werkzeug's returns on Ctrl-C (it takes KeyboardInterrupt)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        # A run still going is cancelled and waited for; no upload left in the temp folder.
        workbench.extensions["workbench"].close()
    click.echo(label("cli_stopped", page_lang))

