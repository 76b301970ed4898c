"""Probe s16i: the terminal as a director meets it during long runs (explanations' progress,
Ctrl-C, SIGTERM, closed pipes, encodings, ``--workers 2``).

What the probe found:

- ``--workers 2``: the explanations' worker processes ignore Ctrl-C (it is the main
  process's to handle) and nothing told them of it, so a first Ctrl-C while they answered
  stopped nothing: the command waited for every wish already sent to them, up to the time
  limit (26 s of 40 on 200 students), and printed "question 6 of 81" after the interrupted
  line; a second Ctrl-C (or a SIGTERM sent to the main process alone, as ``kill PID``
  does) ended the main process and left the workers behind, orphaned and waiting for ever
  on a queue no one would fill, holding the terminal's pipes (``matcher … | tee log`` never
  ended).
- With stderr closed as the command began (``matcher run … 2>&-``, a scheduled job), the
  signal watcher failed writing its sentence to no stream: SIGTERM and Ctrl-C did nothing
  at all, the run went on to its end and wrote its result (exit 0). And the progress
  lines went to stdout, into the summary (``print(file=None)`` is stdout); under
  ``PYTHONIOENCODING=ascii`` they read ``\\u2026 \\xe9quipes`` beside a summary in UTF-8
  (click's). They are now printed as every other line is, by ``click.echo``.
- A first Ctrl-C while the explanation lines were printing said "stopping the search and
  keeping the best result found so far", then, at the end, that the result was proven
  optimal: the search had been over for a while. It now says the explanations stop and the
  questions not yet answered will be unknown.
- Under a cp1252 stdout (Windows, output redirected to a file), a what-if's summary line
  "replaced: C01 → C11" ended in an internal error (exit 1) saying "nothing was written"
  after the result was written: cp1252 has no "→". Characters a stream cannot encode are
  now printed as "?".
- The progress lines showed the experience priority as the solver's integer ("best 39320
  bound 39320" on 200 students) where the summary that follows says "19.7 years": two
  figures for one value. They now say it in years, as the summary does (not for a what-if,
  whose changes may change the cohort's size the years are counted on: README).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

#: ``matcher`` whose explanation workers write their pid to the file ``$MARKS``, then take
#: 120 s per wish: only a command that stops its workers ends before that, whatever the
#: machine's speed.
_SLOW_WORKERS = """
import os, sys, time
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
import matcher.cli
import matcher.explain

answer = matcher.explain._answer_in_worker

def slow(wish):
    with open(os.environ["MARKS"], "a") as marks:
        marks.write(f"{os.getpid()}\\n")
    time.sleep(120)
    return answer(wish)

matcher.explain._answer_in_worker = slow
matcher.cli.console()
"""


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def _start_slow(
    tmp_path: Path, *, no_stderr: bool = False
) -> tuple[subprocess.Popen[bytes], Path, list[int]]:
    """``run DEMO --workers 2`` with slow workers, in its own process group (a terminal's
    Ctrl-C reaches the whole group), once both workers hold a wish; stderr in a file
    (an orphan holding a pipe would keep a reader waiting), or closed (``2>&-``)."""
    err, marks = tmp_path / "stderr.txt", tmp_path / "marks.txt"
    args = [sys.executable, "-c", _SLOW_WORKERS, "run", str(DEMO), "--out",
            str(tmp_path / "out"), "--workers", "2", "--time-limit", "100",
            "--lang", "en"]  # fmt: skip
    env = dict(os.environ, MARKS=str(marks))
    with err.open("wb") as sink:
        process = subprocess.Popen(
            args,
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
            env=env,
            preexec_fn=(lambda: os.close(2)) if no_stderr else None,
        )
    waited = time.monotonic() + 200
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < waited and process.poll() is None:
        time.sleep(0.2)
        if marks.exists():
            workers = [int(line) for line in marks.read_text().split()]
    time.sleep(1)  # the signal watcher and the pool settled
    return process, err, workers


def _ended(process: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


def _reap(process: subprocess.Popen[bytes], workers: list[int]) -> None:
    for pid in [process.pid, *workers]:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    process.wait()


def test_ctrl_c_once_stops_the_explanation_workers_and_writes_the_result(
    tmp_path: Path,
) -> None:
    """Contract §2: Ctrl-C once, the search stops within 2 s and the result is written,
    exit 0; §9: the wishes not settled are ``unknown``. Each worker holds a wish of 120 s:
    before the fix the command waited for them (and for every wish queued), so it could
    not end within the 60 s allowed here; nor may a worker outlive it."""
    process, err, workers = _start_slow(tmp_path)
    try:
        assert len(workers) == 2, err.read_text()
        os.killpg(process.pid, signal.SIGINT)
        code = _ended(process, 60)
        said = err.read_text()
        assert code == 0, said
        assert "Traceback" not in said
        assert (tmp_path / "out" / "explanations.csv").is_file()
        assert "unknown" in (tmp_path / "out" / "explanations.csv").read_text("utf-8-sig")
        # No "question n of m" after the interrupted line: the count stopped there.
        assert "question" not in said.split("interrupted")[-1]
        time.sleep(2)
        assert not [pid for pid in workers if _alive(pid)], said
    finally:
        _reap(process, workers)


@pytest.mark.parametrize("how", ["twice", "term"])
def test_ctrl_c_twice_or_sigterm_leaves_no_worker_behind(tmp_path: Path, how: str) -> None:
    """Contract §2: Ctrl-C twice or SIGTERM stop at once, writing nothing (130 / 143). The
    explanation workers end with the command: before the fix they outlived it for ever
    (ignoring Ctrl-C, and a SIGTERM sent to the main process alone, as ``kill PID`` does,
    never reaches them)."""
    process, err, workers = _start_slow(tmp_path)
    try:
        assert len(workers) == 2, err.read_text()
        if how == "twice":
            os.killpg(process.pid, signal.SIGINT)
            # Two signals sent at once are one: the second once the first was taken.
            waited = time.monotonic() + 30
            while "interrupted" not in err.read_text() and time.monotonic() < waited:
                time.sleep(0.05)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
        else:
            os.kill(process.pid, signal.SIGTERM)
        code = _ended(process, 60)
        said = err.read_text()
        if how == "twice" and code == 0:
            # The first Ctrl-C ended the command before the second came: it is written.
            assert (tmp_path / "out" / "summary.json").is_file(), said
        else:
            assert code == (130 if how == "twice" else 143), said
            assert not (tmp_path / "out").exists()
        waited = time.monotonic() + 10
        while [pid for pid in workers if _alive(pid)] and time.monotonic() < waited:
            time.sleep(0.2)
        assert not [pid for pid in workers if _alive(pid)], said
    finally:
        _reap(process, workers)


def test_the_progress_lines_show_experience_in_years_as_the_summary_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The summary shows the experience priority in years (``views.objective_text``: the
    measure divided by 10·N, README "experience"); the progress line just before it showed
    the solver's integer for the same value. 60 students: 8124 is 13.5 years. Through the
    command line's own printer (``CommonOptions.progress``), in both languages."""
    from matcher.cli.common import CommonOptions
    from matcher.loading import load_instance

    instance = load_instance(DEMO)
    assert len(instance.students) == 60
    for lang, years in (("en", "13.5 years"), ("fr", "13,5 ans")):
        opts = CommonOptions(None, None, None, None, lang, False)  # type: ignore[arg-type]
        printer = opts.progress(instance, time.perf_counter())
        assert printer is not None
        printer("experience", 8124.0, 8124.0, 3.0)
        line = capsys.readouterr().err
        assert years in line and "8124" not in line, line
        printer("choices", 75.0, 70.0, 9.0)  # every other priority as the integer it is
        assert "75" in capsys.readouterr().err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signals_work_with_stderr_closed(tmp_path: Path, signum: int) -> None:
    """``matcher run … 2>&-``: with no stderr to say it on, SIGTERM still stops at once
    writing nothing (143), Ctrl-C still writes the result so far (0), contract §2. Before,
    each was ignored: the workers' 120 s wishes ran on (the test waits 60 s)."""
    process, _, workers = _start_slow(tmp_path, no_stderr=True)
    try:
        assert len(workers) == 2
        if signum == signal.SIGTERM:
            os.kill(process.pid, signum)
        else:
            os.killpg(process.pid, signum)
        code = _ended(process, 60)
        if signum == signal.SIGTERM:
            assert code == 143
            assert not (tmp_path / "out").exists()
        else:
            assert code == 0
            assert (tmp_path / "out" / "explanations.csv").is_file()
    finally:
        _reap(process, workers)


def test_progress_lines_never_reach_stdout_when_stderr_is_closed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Progress is for stderr (module doc of ``matcher.outputs.progress``: stdout holds only
    the summary, and can be piped). With stderr closed (``sys.stderr`` is None), ``print``
    wrote the lines to stdout, into the director's summary file."""
    from matcher.outputs.progress import ProgressPrinter, QuestionsPrinter

    monkeypatch.setattr(sys, "stderr", None)
    ProgressPrinter(delay=0.0, lang="fr")("choices", 12.0, 11.5, 3.0)
    clock = iter([0.0, 3.0])
    questions = QuestionsPrinter("fr", clock=lambda: next(clock))
    questions(1, 40)  # the start
    questions(2, 40)  # 3 s later: a line
    monkeypatch.undo()
    assert capsys.readouterr().out == ""


def test_progress_lines_are_encoded_as_the_summary_is(tmp_path: Path) -> None:
    """Under ``PYTHONIOENCODING=ascii`` the summary and errors (``click.echo``) come out in
    UTF-8; the progress lines (``print``) came out as ``\\u2026 \\xe9quipes``: one terminal,
    two spellings of one word. Now both as click writes them."""
    program = (
        "import click\n"
        "from matcher.outputs.progress import ProgressPrinter\n"
        "ProgressPrinter(delay=0.0, lang='fr')('choices', 12.0, 11.5, 3.0)\n"
        "click.echo('Résumé — équipes', err=True)\n"
    )
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, env=env, timeout=60, check=True
    )
    progress, summary = done.stderr.decode("utf-8").splitlines()
    assert "\\x" not in progress and "\\u" not in progress, progress
    assert progress.startswith("  … équipes"), progress
    assert summary == "Résumé — équipes"


def test_ctrl_c_during_the_explanations_says_it_stops_them(tmp_path: Path) -> None:
    """The first Ctrl-C's sentence while the explanations run (contract §2: "said on the
    terminal"; §9: the questions left are ``unknown``): the search is over, its result
    proven (the demo's teams are), so "stopping the search and keeping the best result
    found so far" misled; the sentence now names the explanations."""
    process, err, workers = _start_slow(tmp_path)
    try:
        assert len(workers) == 2, err.read_text()
        os.killpg(process.pid, signal.SIGINT)
        assert _ended(process, 60) == 0, err.read_text()
        said = err.read_text()
        assert "stopping the explanations" in said, said
        assert "keeping the best result found so far" not in said, said
    finally:
        _reap(process, workers)


def test_a_cp1252_terminal_gets_the_whole_summary(tmp_path: Path) -> None:
    """Contract §2: exit 0 when solved, never an internal error; §7: Windows-1252 is the
    director's other encoding. The what-if's summary says "C01 → C..": cp1252 has no
    arrow, and the command ended with exit 1 and "nothing was written" beside a result
    written whole. Now the arrow is a "?" and the command ends as it should."""
    env = dict(os.environ, MATCHER_LANG="en")
    first = tmp_path / "first"
    ran = subprocess.run(
        [sys.executable, "-m", "matcher", "run", str(DEMO), "--out", str(first),
         "--no-explain", "--quiet", "--time-limit", "30"],
        capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    env["PYTHONIOENCODING"] = "cp1252"
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "whatif", str(DEMO), "--from", str(first),
         "--out", str(tmp_path / "second"), "--withdraw-commission", "C01", "--no-explain",
         "--time-limit", "30"],
        capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    said = done.stderr.decode("cp1252")
    assert done.returncode == 0, said
    assert "internal error" not in said
    assert "C01 ? " in done.stdout.decode("cp1252")
