"""The web stack is imported by ``matcher serve`` only: other commands never load Flask."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
WEB = ("flask", "werkzeug", "jinja2", "matcher.web")


def _web_modules_after(args: list[str]) -> list[str]:
    """The web modules a ``matcher`` command loaded, in a fresh interpreter."""
    code = f"""
        import sys
        from matcher.cli import main
        try:
            main({args!r})
        except SystemExit as done:
            assert not done.code, done.code
        print("loaded:", *(m for m in {WEB!r} if m in sys.modules))
        """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].split()[1:]


def test_run_does_not_import_flask(tmp_path: Path) -> None:
    """matcher run on the demo loads no web module."""
    assert _web_modules_after(["run", str(DEMO), "--out", str(tmp_path / "o"), "--quiet"]) == []


def test_validate_and_help_do_not_import_flask() -> None:
    """matcher validate and the top-level --help (which lists serve) load no web module."""
    assert _web_modules_after(["validate", str(DEMO), "--quiet"]) == []
    assert _web_modules_after(["--help"]) == []


def test_serve_help_does_not_start_flask() -> None:
    """matcher serve --help answers without importing Flask either (imports are lazy)."""
    assert _web_modules_after(["serve", "--help"]) == []


def test_serve_answers_then_stops_on_ctrl_c(tmp_path: Path) -> None:
    """matcher serve --no-open --port 0 prints its address, serves the page without a line
    per request on the terminal, and Ctrl-C (SIGINT) stops it cleanly with exit 0."""
    import signal
    import urllib.request

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "matcher",
            "serve",
            str(DEMO),
            "--out",
            str(tmp_path / "o"),
            "--no-open",
            "--port",
            "0",
            "--lang",
            "fr",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = line.split()[3]
        assert url.startswith("http://localhost:")
        with urllib.request.urlopen(url, timeout=60) as answer:
            assert answer.status == 200
            assert "Paramètres" in answer.read().decode()
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
        # The terminal says what the director needs, in French, and no request log
        # ('127.0.0.1 - - [...] "GET / HTTP/1.1" 200 -' was printed for every request).
        printed = server.stdout.read() + (server.stderr.read() if server.stderr else "")
        assert "HTTP/1.1" not in printed and "GET /" not in printed
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
