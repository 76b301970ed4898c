"""Probe s18v: the same input gives the same result whatever the machine's load (issue 17).

Probed on hand-written cohorts (60, 200 and 1,000 students: French headers, `;` delimiters,
numbered choice columns, pins, `together`/`apart` pairs, `no_isolation`, commissions' own
sizes, accompagnateurs.csv): `run`, `assign`, `whatif` (commission withdrawn with and
without a replacement, before teams, a student withdrawn, students added, a supervisor
withdrawn), `plan` and `explain`, once on the shared machine, once beside two busy loops
and once pinned to one core, with the wall-clock safety net widened so that the work
budget decides. Selection, teams, changes, supervision and schedule were byte-identical.

What differed: the explanations (explanations.csv and the report's and workbook's
"why not a better choice?"), which are answered within what the wall clock leaves
(README, "Explanations"), so a loaded machine leaves more of them `unknown`. That is
legitimately time-bound, but summary.json did not say so (it is the file a director or a
script compares), and the README's "Reproducibility" listed report.html and result.xlsx as
byte-identical without that exception. summary.json now records
``"explanations": {"questions": N, "unknown": M}`` when the clock left M questions unsettled.

Also: the reserve ranking's wall-clock safety net (an overloaded machine) cut the exact
ranking and left the swap bounds, so reserve ranks differed (the demo: C07 and C13
swapped) while summary.json said the selection OPTIMAL and nothing else. The selection
stage now says ``"stopped_by": "wall"`` then, as the team stage does.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from matcher import app
from matcher.outputs.writers import summary_dict
from models.budget import Budget

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"
CHOICES = TINY / "teams-choices"
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def test_summary_says_when_the_clock_left_explanations_unknown() -> None:
    # No time left for the explanations stands for a slow or loaded machine (no timed
    # assertion): the wishes that need a solve stay `unknown`, so this run's report and
    # workbook differ from a quiet machine's, and summary.json must say so, as it says
    # `stopped_by: wall` for a team stage the clock cut.
    outcome = app.run(app.load(CHOICES))
    starved = app.explain_step(outcome, budget=0.0)
    assert starved.explanations is not None
    unknown = sum(1 for e in starved.explanations if e.verdict == "unknown")
    assert unknown > 0
    summary = summary_dict(starved)
    assert summary["explanations"] == {
        "questions": len(starved.explanations),
        "unknown": unknown,
    }


def test_summary_keeps_quiet_when_every_explanation_was_settled() -> None:
    # With time enough nothing was left to the clock: no record (summaries of quiet
    # machines stay as they were, and two such runs byte-identical but for time_s).
    outcome = app.run(app.load(CHOICES))
    settled = app.explain_step(outcome)
    assert settled.explanations is not None
    assert all(e.verdict != "unknown" for e in settled.explanations)
    assert "explanations" not in summary_dict(settled)


def test_summary_says_when_the_clock_cut_the_reserve_ranking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An overloaded machine stands as a reserve pass whose wall-clock safety net has
    # already passed (no timed assertion): the exact ranking is skipped and the swap bounds
    # rank the reserves. On the demo that swaps two reserves, so selection.csv differs from
    # a quiet machine's; the selection itself is still proven, but summary.json must say
    # the clock cut the stage, as `stopped_by: wall` does for the teams (README,
    # "Reproducibility": "another run may differ").
    instance = app.load(DEMO)
    quiet = app.select(instance)
    assert "stopped_by" not in summary_dict(quiet)["selection"]

    def overloaded(work: float, wall_limit: float) -> Budget:
        return Budget(work=work, wall_deadline=time.perf_counter() - 1.0)

    monkeypatch.setattr(Budget, "start", overloaded)
    loaded = app.select(instance)
    assert quiet.selection is not None and loaded.selection is not None
    ranks = [r.reserve_rank for r in quiet.selection.rows]
    assert ranks != [r.reserve_rank for r in loaded.selection.rows]
    summary = summary_dict(loaded)["selection"]
    assert summary["status"] == "OPTIMAL"
    assert summary["stopped_by"] == "wall"
