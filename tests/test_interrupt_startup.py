"""Ctrl-C and SIGTERM while the ``matcher`` command starts (contract §2, "Faults and
hostile input"): before ``matcher.cli.early``, a Ctrl-C during the imports or while click
parsed the command line printed a Python traceback or click's ``Aborted!`` (status 1 or
-2), found by sending SIGINT 0.05-0.9 s after ``matcher plan`` began.

The signal is sent by the process to itself right after ``matcher.cli`` is imported, so
that it falls in the start-up every time (a timer would race with the imports).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

#: The ``matcher`` process (``sys.argv[0]`` named like its script), signalled while it starts.
_PROGRAM = """
import os, signal, sys
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
import matcher.cli
for name in sys.argv[1].split(","):
    os.kill(os.getpid(), getattr(signal, name))
sys.argv[1:2] = []
matcher.cli.console()
"""


def _started_and_signalled(signals: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MATCHER_LANG="en")
    return subprocess.run(
        [sys.executable, "-c", _PROGRAM, signals, *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


@pytest.mark.parametrize("command", ["run", "validate"])
def test_ctrl_c_while_starting_ends_with_130_writing_nothing(
    tmp_path: Path, command: str
) -> None:
    """One Ctrl-C during start-up: the command ends as it begins, says nothing was written,
    exit 130; no traceback, no ``Aborted!``, no output folder."""
    out = tmp_path / "out"
    args = [command, str(DEMO)] + (["--out", str(out)] if command == "run" else [])
    done = _started_and_signalled("SIGINT", *args)
    assert done.returncode == 130, done.stderr
    assert "interrupted; nothing was written" in done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert done.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize(("signals", "code"), [("SIGINT,SIGINT", 130), ("SIGTERM", 143)])
def test_second_ctrl_c_or_sigterm_while_starting_stop_at_once(
    tmp_path: Path, signals: str, code: int
) -> None:
    """A second Ctrl-C, or SIGTERM, during start-up: the process ends at once with 130 /
    143, no traceback, nothing written."""
    out = tmp_path / "out"
    done = _started_and_signalled(signals, "run", str(DEMO), "--out", str(out))
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "nothing was written" in done.stderr
    assert not out.exists()


def test_a_process_invoking_the_command_keeps_its_own_ctrl_c() -> None:
    """Importing matcher.cli in another program (a test, the workbench's host) leaves its
    Ctrl-C handler as it was: only the ``matcher`` process takes it early."""
    done = subprocess.run(
        [sys.executable, "-c",
         "import signal, matcher.cli; "
         "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.strip() == "True", done.stderr
