"""Probe s15c: signals, interruption and concurrency at every moment (contract §2, "Faults").

SIGINT once, twice and SIGTERM were sent at swept delays to every command that writes, on
generated cohorts of 120 and 200 students and a hand-written one (French headers, ``;``,
Windows-1252, ``accompagnateurs.csv``). Found:

- a SIGTERM (or a second Ctrl-C) once the outputs were in place, while the summary was
  printed or the process was ending, exited 143 (130) saying "nothing was written" beside
  a complete new result: the exit status and the message said the opposite of the files.
  Now, once the outputs are in place, a signal ends the process at once with exit 0 and
  says the result was written (and a signal just before that moment takes the new folder
  back out, the earlier one put back, as before).
- ``explain --out``: a SIGTERM while explanations.csv was written left its temporary file
  (``.explanations-….csv``) in the folder; one once it was written said "nothing was
  written". The temporary file is now removed on the way out, and the file written counts
  as the outputs in place.
- ``generate``: SIGTERM or two Ctrl-Cs while the cohort was written left its staging folder
  (``.matcher-generate-…``) beside ``--out`` for good: nothing removed it, and its name
  (without the process id) kept later runs from seeing it was stale. It is now named and
  removed as ``write_outputs``'s are.
- ``generate --students 20000`` (its documented maximum) never ended: it drew supervisors'
  names until an unused one came, from a pool smaller than the supervisors needed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

#: ``matcher`` as its own process (``sys.argv[0]`` named like its script) that sends itself
#: ``argv[1]`` (``TERM``, ``INT2``: two Ctrl-Cs) at ``argv[2]``: ``summary`` (from inside
#: the summary, the outputs in place) or ``exit`` (the command over, its signals handed
#: back, before the process ends), each time waiting for the signal to be taken.
_PROGRAM = """
import os, signal, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
what, when = sys.argv.pop(1), sys.argv.pop(1)
import matcher.cli
import matcher.cli.common as common
import matcher.interrupt as interrupt

def send():
    for sig in ([signal.SIGTERM] if what == "TERM" else [signal.SIGINT, signal.SIGINT]):
        os.kill(os.getpid(), sig)
        time.sleep(0.5)
    time.sleep(5)

first = common.print_summary

def signalling(*args, **kwargs):
    send()
    return first(*args, **kwargs)

asked = interrupt.interrupted

def over():
    if not interrupt._active[0]:  # asked by the command's wrapper once its signals ended
        send()
    return asked()

if when == "summary":
    common.print_summary = signalling
else:
    interrupt.interrupted = over
matcher.cli.console()
"""


def _digests(folder: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in folder.iterdir()}


def _run(tmp_path: Path, what: str, when: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "out"
    env = dict(os.environ, MATCHER_LANG="en")
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, what, when, "run", str(DEMO), "--out", str(out),
         "--no-explain", "--time-limit", "30"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )  # fmt: skip
    return done, out


@pytest.mark.parametrize("when", ["summary", "exit"])
@pytest.mark.parametrize("what", ["TERM", "INT2"])
def test_a_signal_once_the_outputs_are_in_place_says_they_are(
    tmp_path: Path, what: str, when: str
) -> None:
    """The outputs replaced an earlier result, whole, before the signal: exit 0, the
    terminal says the result was written, every file is the new run's and no staging
    folder is left. (Exit 143/130 with "nothing was written" is what the contract
    promises only when nothing was written: here it would tell the director to trust
    the earlier result while the folder holds the new one.)"""
    earlier = tmp_path / "out"
    earlier.mkdir()
    (earlier / "summary.json").write_text("{}", encoding="utf-8")
    done, out = _run(tmp_path, what, when)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert "nothing was written" not in done.stderr
    assert "stopped once the result was written" in done.stderr
    assert (out / "summary.json").read_text(encoding="utf-8-sig") != "{}"
    assert {"teams.csv", "selection.csv", "report.html", "result.xlsx"} <= set(_digests(out))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matcher")] == []


_EXPLAIN = """
import os, signal, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
when = sys.argv.pop(1)
import matcher.cli
import matcher.cli.common as common
import matcher.explanation as explanation

first = explanation.write_csv

def send():
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)

def writing(*args, **kwargs):
    if when == "writing":
        send()
    return first(*args, **kwargs)

explanation.write_csv = writing
if when == "written":
    import matcher.cli.explain as command
    told = command.explanation_lines

    def telling(*args, **kwargs):
        send()
        return told(*args, **kwargs)

    command.explanation_lines = telling
matcher.cli.console()
"""


@pytest.fixture(scope="module")
def demo_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo cohort's result, without explanations."""
    out = tmp_path_factory.mktemp("s15c") / "result"
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "run", str(DEMO), "--out", str(out), "--no-explain",
         "--quiet", "--time-limit", "30"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(("when", "status"), [("writing", 143), ("written", 0)])
def test_sigterm_around_explain_out_leaves_no_temporary_file(
    tmp_path: Path, demo_result: Path, when: str, status: int
) -> None:
    """SIGTERM while explanations.csv is written: exit 143, the earlier file as it was and
    no temporary file left in the folder (the contract: no staging survives a run). Once
    it is written: exit 0, saying so, the new file in place."""
    out = tmp_path / "explained"
    out.mkdir()
    (out / "explanations.csv").write_text("earlier", encoding="utf-8")
    env = dict(os.environ, MATCHER_LANG="en")
    done = subprocess.run(
        [sys.executable, "-c", _EXPLAIN, when, "explain", str(DEMO), "--result",
         str(demo_result), "--out", str(out), "--time-limit", "20"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert done.returncode == status, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["explanations.csv"]
    kept = (out / "explanations.csv").read_text(encoding="utf-8") == "earlier"
    assert kept == (status == 143)
    assert ("nothing was written" in done.stderr) == (status == 143)


_DRAW = """
import numpy as np
from matcher.generate import generate_supervisors
from matcher.schemas import Commission

commissions = [Commission(id="C1", institution="CPAS de Namur", sector="CPAS",
                          problem_type="diagnostic")]
for teams in (3333, 10):
    names = [s.name for s in generate_supervisors(commissions, np.random.default_rng(1), teams)]
    print(len(names), len(set(names)), sum("-" in name for name in names))
"""


def test_generate_draws_supervisors_for_the_largest_cohort_it_accepts() -> None:
    """``generate --students 20000`` (its documented maximum) plans about 2,100
    supervisors; the pool of invented names holds about 1,300, and drawing an unused one
    never ended (the command hung; found on the way to a signal sweep). Every supervisor
    still gets a name of their own, and the smaller cohorts the names they always had (no
    second last name). In a process of its own: before the fix it never returned."""
    done = subprocess.run(
        [sys.executable, "-c", _DRAW], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    large, small = (tuple(map(int, line.split())) for line in done.stdout.splitlines())
    assert large[0] == large[1] > 2000
    assert small[0] == small[1] and small[2] == 0


_GENERATE = """
import os, signal, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
signals = [getattr(signal, name) for name in sys.argv.pop(1).split(",")]
import matcher.cli
import matcher.generate as generate

first = generate.write_cohort

def writing(*args, **kwargs):
    first(*args, **kwargs)
    for sig in signals:
        os.kill(os.getpid(), sig)
        time.sleep(0.5)
    time.sleep(5)

generate.write_cohort = writing
matcher.cli.console()
"""


@pytest.mark.parametrize(("signals", "status"), [("SIGTERM", 143), ("SIGINT,SIGINT", 130)])
def test_generate_stopped_while_writing_leaves_no_staging_folder(
    tmp_path: Path, signals: str, status: int
) -> None:
    """Stopped at once while the cohort is written: nothing written and no staging folder
    beside --out (contract §2: "No staging folder survives a run, whatever ends it")."""
    done = subprocess.run(
        [sys.executable, "-c", _GENERATE, signals, "generate", "--seed", "1", "--out", "out"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert done.returncode == status, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_generate_removes_the_staging_folder_of_a_killed_generate(tmp_path: Path) -> None:
    """A generate killed outright (SIGKILL) leaves its staging folder: the next run beside
    it removes it, as every writing command does with ``write_outputs``'s."""
    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()
    stale = tmp_path / f".matcher-{killed.pid}-generate-x1"
    stale.mkdir()
    (stale / "students.csv").write_text("id\n", encoding="utf-8")
    os.utime(stale, (0, 0))
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "generate", "--seed", "1", "--out", "out", "--quiet"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
