"""Explanations after ``run``, ``assign`` and ``whatif`` (contract §9): the ``--no-explain``
flag, and the explanations within what the command's time limit leaves."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from matcher import app
from matcher.cli.common import CommonOptions
from matcher.labels import counted, label
from matcher.results import RunOutcome

if TYPE_CHECKING:
    from matcher.schemas import Instance

F = TypeVar("F", bound=Callable[..., Any])


def no_explain_option(function: F) -> F:
    """The ``--no-explain`` flag of ``run``, ``assign`` and ``whatif`` (contract §9)."""
    return click.option(
        "--no-explain",
        "no_explain",
        is_flag=True,
        help="Do not explain the placements (no explanations.csv; see matcher explain).",
    )(function)


#: How a command explains its outcome: (outcome, seconds for every wish, progress told)
#: → the outcome explained (``app.explain_step`` for a result just solved).
Explainer = Callable[[RunOutcome, float, Callable[[int, int], None] | None], RunOutcome]


def _explain_step(
    outcome: RunOutcome, budget: float, told: Callable[[int, int], None] | None
) -> RunOutcome:
    return app.explain_step(outcome, budget=budget, on_answer=told)


def with_explanations(
    outcome: RunOutcome,
    started: float,
    no_explain: bool,
    opts: CommonOptions | None = None,
    *,
    timed: Instance | None = None,
    explainer: Explainer = _explain_step,
) -> RunOutcome:
    """``outcome`` explained (``explainer``, by default ``app.explain_step``) within what
    the command's time limit leaves since ``started`` (``time.perf_counter()``), less the
    time writing the outputs will take, unless ``--no-explain``; ``opts``: their progress
    shown (``explaining``). ``timed``: the cohort whose settings give that limit (default
    the outcome's: ``matcher report`` counts its own, not the one its result recorded)."""
    if no_explain:
        return outcome
    students = len(outcome.instance.students)
    if students > app.EXPLAIN_MAX_STUDENTS and opts is not None and not opts.quiet:
        # Said, not left for the director to find explanations.csv missing (probe s21i).
        most = app.EXPLAIN_MAX_STUDENTS
        click.echo(label("explain_skipped_size", opts.lang, n=students, most=most), err=True)
    settings = outcome.settings if timed is None else timed.settings
    left = settings.solver.time_limit - (time.perf_counter() - started)
    left -= app.writing_reserve(outcome.instance, started)
    shown = outcome.instance if timed is None else timed
    told = None if opts is None else opts.explaining(shown, started)
    from matcher import interrupt

    interrupt.explaining()
    explained = explainer(outcome, max(left, 0.0), told)
    unknown = sum(1 for e in explained.explanations or () if e.verdict == "unknown")
    if unknown and opts is not None and not opts.quiet and not interrupt.interrupted():
        # Said where the director looks, as the report says it (probe s25: only
        # summary.json and the report did; the terminal said "optimality proven").
        click.echo(counted("explain_unknown_left", unknown).words(opts.lang), err=True)
    return explained
