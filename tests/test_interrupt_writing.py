"""Ctrl-C while the outputs are written (contract §2, "Faults and hostile input").

Session 8 sent SIGINT to `matcher run` on 1,000 students at each phase: once the search
was over, a first Ctrl-C still asked it to stop, so the files written after the signal
said "interrupted" and those written before did not (summary.json with ``"interrupted":
true`` for a search that had ended on its own, or without it while the terminal said
``"interrupted": true in summary.json``). Now the result written is the one the search
ended with, the terminal says that the search was already over, and a second Ctrl-C still
stops at once, writing nothing, leaving no staging folder even while the main thread goes on
writing into it (before, the folder could stay: a file added between ``rmtree``'s listing and
its removal of the folder).

The process signals itself from inside the first writer (selection.csv), then waits until
the signal watcher has taken the signal: the signal falls in the writing every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

#: ``matcher run`` as its own process (``sys.argv[0]`` named like its script), sending
#: itself ``argv[1]`` Ctrl-Cs from the first writer, each once the watcher took the last.
_PROGRAM = """
import os, signal, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
count = int(sys.argv.pop(1))
import matcher.cli
import matcher.interrupt as interrupt
import matcher.outputs.writers as writers
import models.interrupt

def taken():
    # The watcher took the Ctrl-C: as one during the writing, or (before session 8) as a
    # request to stop the search.
    return getattr(interrupt, "_writing", [0, 0])[1] or models.interrupt.stop_requested()

first = writers.write_selection_csv

def signalling(path, outcome, lang="en"):
    for n in range(1, count + 1):
        os.kill(os.getpid(), signal.SIGINT)
        waited = time.monotonic() + 60
        while not taken() and time.monotonic() < waited:
            time.sleep(0.01)
    if count > 1:
        # Go on adding files to the staging folder as a slow writer would, while the
        # watcher removes it and ends the process.
        for n in range(100_000):
            path.with_name(f"extra-{n}").write_text("x")
    first(path, outcome, lang)

writers.write_selection_csv = signalling
matcher.cli.console()
"""


def _run(tmp_path: Path, count: int) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "out"
    env = dict(os.environ, MATCHER_LANG="en")
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(count), "run", str(DEMO), "--out", str(out),
         "--no-explain", "--quiet", "--time-limit", "30"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    return done, out


def test_ctrl_c_while_writing_writes_the_result_the_search_ended_with(tmp_path: Path) -> None:
    """One Ctrl-C during the writing: exit 0, every file written, none says "interrupted"
    (the search had ended on its own), and the terminal says the search was over."""
    done, out = _run(tmp_path, 1)
    assert done.returncode == 0, done.stderr
    assert "the search was already over" in done.stderr
    assert "best result found so far was written" not in done.stderr
    assert "Traceback" not in done.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "interrupted" not in summary
    for name in ("selection.csv", "teams.csv", "report.html", "result.xlsx"):
        assert (out / name).is_file(), name
    assert "interrupted" not in (out / "report.html").read_text(encoding="utf-8").casefold()


def test_second_ctrl_c_while_writing_stops_at_once_writing_nothing(tmp_path: Path) -> None:
    """Two Ctrl-Cs during the writing: exit 130, no output folder, no staging folder."""
    done, out = _run(tmp_path, 2)
    assert done.returncode == 130, done.stderr
    assert "interrupted; nothing was written" in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matcher-")] == []
