"""Terminal output: throttled progress lines, the end summary table, --quiet."""

from __future__ import annotations

import io

import pytest
from test_writers_sample import sample_outcome

from matcher.app import solve_params
from matcher.cli.common import CommonOptions, print_summary
from matcher.outputs.progress import ProgressPrinter, summary_lines
from matcher.schemas import Settings


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _opts(quiet: bool = False, lang: str = "en") -> CommonOptions:
    return CommonOptions(None, None, None, None, lang, quiet)  # type: ignore[arg-type]


def test_progress_is_throttled_per_priority() -> None:
    stream, clock = io.StringIO(), _Clock()
    printer = ProgressPrinter(stream, interval=0.5, clock=clock, delay=0.0)
    for step in range(10):  # ten improvements within 0.45 s: only the first is shown
        clock.now = step * 0.05
        printer("worst_choice", 10 - step, 1, clock.now)
    clock.now = 0.6
    printer("worst_choice", 2, 1, 0.6)  # interval passed: shown
    clock.now = 0.61
    printer("balance", 7, 0, 0.61)  # a new priority is always shown
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert "worst rank among selected choices" in lines[0] and "10" in lines[0]
    assert "best      2" in lines[1] and "bound      1" in lines[1]
    assert "balance" in lines[2] and "0.6 s" in lines[2]


def test_progress_prints_fractional_values_readably() -> None:
    stream = io.StringIO()
    ProgressPrinter(stream)("choices", 12.0, 11.5, 3.25)
    ProgressPrinter(stream)("choices", 13.0, 11.5, 0.5)  # quick: not shown
    line = stream.getvalue()
    assert " 12 " in line and "11.50" in line
    assert "3.2 s" in line or "3.3 s" in line  # 3.25 rounds either way
    assert " 13 " not in line


def test_progress_is_printed_by_default_unless_quiet() -> None:
    """The CLI prints improving solutions unless --quiet; the API passes any callback on."""
    assert isinstance(_opts().progress(), ProgressPrinter)
    assert _opts(quiet=True).progress() is None

    def mine(name: str, best: float, bound: float, elapsed: float) -> None:
        del name, best, bound, elapsed

    assert solve_params(Settings(), mine).progress is mine


def test_summary_table_lists_stages_priorities_and_metrics() -> None:
    lines = summary_lines(sample_outcome(with_changes=True), "en")
    text = "\n".join(lines)
    header = next(line for line in lines if line.startswith("Stage"))
    for column in ("Status", "Time", "Priority", "Value", "Bound"):
        assert column in header
    assert "selection  OPTIMAL" in text and "teams      FEASIBLE" in text
    assert "worst rank among selected choices (min)" in text
    assert "optimality not proven" in text
    # 5 of the 8 students with choices are on their first written choice (test_writers):
    # 62.5 %, half up since session 29.
    assert "placed on their first written choice" in text and "63%" in text
    assert "C4 → C3" in text


def test_summary_in_french_and_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(sample_outcome(), _opts(lang="fr"))
    out = capsys.readouterr().out
    assert "Résumé" in out and "optimalité non prouvée" in out and "sélection" in out
    print_summary(sample_outcome(), _opts(quiet=True))
    assert capsys.readouterr().out == ""


def test_summary_of_a_given_selection_says_so() -> None:
    import dataclasses

    from matcher.results import StageResult

    full = sample_outcome()
    assert full.selection is not None
    given = dataclasses.replace(full.selection, stage=StageResult.from_file())
    text = "\n".join(summary_lines(dataclasses.replace(full, selection=given), "en"))
    assert "selection  given (not optimised here)" in text
