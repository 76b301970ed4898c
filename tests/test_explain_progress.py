"""The explanations' progress: ``explain``'s ``on_answer`` count, the terminal's throttled
"question n of m" lines, and the workbench's count while a run explains."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_explain import PARAMS, _assignments, _key, _random_cohort
from test_progress import _Clock, _opts

from matcher.cli import main
from matcher.explain import explain
from matcher.outputs.progress import QuestionsPrinter
from matcher.web.engine import Progress

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


@pytest.mark.parametrize("seed", [0, 3, 5, 8])
def test_on_answer_counts_every_question_once_in_order(seed: int) -> None:
    """First call: the questions a rule settles at once (none solved yet), then one more
    after each question, ending at the number of explanations written."""
    instance, ids = _random_cohort(seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    current = min(feasible, key=lambda a: _key(instance, ids, a))
    calls: list[tuple[int, int]] = []
    explanations = explain(
        instance, ids, current, PARAMS, on_answer=lambda n, m: calls.append((n, m))
    )
    total = len(explanations)
    assert calls, "on_answer must be called at least once"
    assert {m for _, m in calls} == {total}
    done = [n for n, _ in calls]
    # The rules' own answers are all ``impossible`` (a solve may find more).
    assert done[0] <= sum(e.verdict == "impossible" for e in explanations)
    assert done[1:] == list(range(done[0] + 1, total + 1))
    assert done[-1] == total


def test_the_terminal_says_question_n_of_m_throttled_and_in_french() -> None:
    stream, clock = io.StringIO(), _Clock()
    printer = QuestionsPrinter("fr", deadline=60.0, stream=stream, clock=clock)
    printer(3, 40)  # at 0 s: the start, quiet
    clock.now = 1.9
    printer(10, 40)  # within the first 2 s: quiet (60 students take about a second)
    clock.now = 2.5
    printer(12, 40)  # shown: the 13th question is under way
    clock.now = 6.0
    printer(20, 40)  # less than 5 s after the last line: quiet
    clock.now = 7.6
    printer(25, 40)  # shown
    clock.now = 9.0
    printer(40, 40)  # all answered: the summary follows, no line
    lines = stream.getvalue().splitlines()
    assert lines == [
        "  … explications : question 13 sur 40  2,5 s, encore 58 s au plus",
        "  … explications : question 26 sur 40  7,6 s, encore 52 s au plus",
    ]


def test_the_terminal_line_in_english() -> None:
    stream, clock = io.StringIO(), _Clock()
    printer = QuestionsPrinter("en", stream=stream, clock=clock)
    printer(0, 5)
    clock.now = 3.0
    printer(1, 5)
    assert stream.getvalue() == "  … explanations: question 2 of 5  3.0 s\n"


def test_quiet_shows_no_explanation_progress() -> None:
    from matcher.schemas import Instance

    demo = Instance(name="x", commissions=(), students=())
    assert isinstance(_opts().explaining(demo, 0.0), QuestionsPrinter)
    assert _opts(quiet=True).explaining(demo, 0.0) is None


@pytest.mark.parametrize("quiet", [False, True])
def test_run_tells_its_progress_every_question_unless_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    """``run`` hands the explanations a printer (not with --quiet) that hears of every
    question, the last call saying all of them are answered."""
    import matcher.outputs.progress as progress

    heard: list[tuple[int, int]] = []

    class Recorder:
        def __init__(self, **_: object) -> None:
            pass

        def __call__(self, answered: int, total: int) -> None:
            heard.append((answered, total))

    monkeypatch.setattr(progress, "QuestionsPrinter", Recorder)
    args = ["run", str(DEMO), "--out", str(tmp_path / "out"), *(["--quiet"] if quiet else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "out" / "explanations.csv").read_text(encoding="utf-8-sig").splitlines()
    if quiet:
        assert heard == []
    else:
        assert heard[-1] == (len(rows) - 1, len(rows) - 1)
        assert [n for n, _ in heard[1:]] == list(range(heard[0][0] + 1, len(rows)))


def test_the_workbench_progress_keeps_the_count_and_a_new_stage_clears_it() -> None:
    progress = Progress()
    progress.begin("explanations")
    assert progress.questions is None
    progress.answered(0, 12)
    progress.answered(5, 12)
    assert progress.questions == (5, 12)
    progress.begin("plan")
    assert progress.questions is None
