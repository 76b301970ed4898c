"""The ``matcher`` script ends with ``os._exit`` once ``main`` is done (issue 17: the
interpreter's teardown took a tenth of a 60-student run); its exit status is main's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import matcher.cli

ROOT = Path(__file__).resolve().parents[1]


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _exit_code(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    """The status ``console`` hands to ``os._exit`` for this command line."""

    def fake_exit(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(matcher.cli.os, "_exit", fake_exit)
    monkeypatch.setattr(sys, "argv", ["matcher", *argv])
    with pytest.raises(_Exited) as ended:
        matcher.cli.console()
    return ended.value.code


def test_console_exits_with_mains_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """0 for ``--version`` (printed and flushed before the exit), 2 for a command that
    does not exist (click's usage error)."""
    assert _exit_code(monkeypatch, ["--version"]) == 0
    assert "matcher, version" in capsys.readouterr().out
    assert _exit_code(monkeypatch, ["no-such-command"]) == 2


def test_python_m_matcher_writes_every_output_before_it_ends(tmp_path: Path) -> None:
    """``python -m matcher run`` on a tiny instance: exit 0 and the whole folder written
    (nothing is lost by skipping the interpreter's teardown)."""
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "matcher",
            "run",
            str(ROOT / "instances/tiny/teams-choices"),
            "--out",
            str(out),
            "--no-explain",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert {"selection.csv", "teams.csv", "summary.json", "result.xlsx"} <= {
        p.name for p in out.iterdir()
    }
    assert "teams" in done.stdout
