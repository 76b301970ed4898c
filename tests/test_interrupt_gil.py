"""Two Ctrl-Cs while the main thread holds the GIL (contract §2: "Ctrl-C twice: stop at once,
write nothing, exit 130").

Session 8 sent SIGINT twice, 0.3 s apart, to `matcher run` on 10,000 students during the
team stage: the run went on for 73 s and wrote its result. A min-cost flow (OR-Tools
holds the GIL in it) kept the signal watcher, then blocked in ``sigtimedwait`` with the
signals blocked everywhere else, from taking the first signal before the second came, and
two pending SIGINTs are one. The watcher now reads the byte the interpreter's C handler
writes for each signal as it arrives, whoever holds the GIL.

Here the process holds the GIL itself when its first search begins (a Python loop with
the switch interval set to minutes, so that no other thread runs), sends itself two
SIGINTs through a C call that keeps the GIL, and holds it a little longer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

_PROGRAM = """
import ctypes, os, signal, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
import matcher.cli
import models.interrupt

libc = ctypes.PyDLL(None)  # PyDLL: the call keeps the GIL
register = models.interrupt.register
sent = []

def hold(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

def signalled(solver):
    register(solver)
    if not sent:
        sent.append(True)
        switch = sys.getswitchinterval()
        sys.setswitchinterval(600.0)  # no other thread runs until this one blocks
        hold(1.0)  # the old watcher's 0.1 s wait ends meanwhile: it waits for the GIL
        libc.kill(os.getpid(), signal.SIGINT)
        libc.kill(os.getpid(), signal.SIGINT)
        hold(0.5)
        sys.setswitchinterval(switch)

models.interrupt.register = signalled
matcher.cli.console()
"""


def test_two_ctrl_c_while_the_gil_is_held_stop_at_once(tmp_path: Path) -> None:
    """Both Ctrl-Cs are seen: exit 130, nothing written, no staging folder."""
    out = tmp_path / "out"
    env = dict(os.environ, MATCHER_LANG="en")
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, "run", str(DEMO), "--out", str(out), "--no-explain",
         "--quiet", "--time-limit", "30"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 130, done.stderr
    assert "interrupted; nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matcher-")] == []
