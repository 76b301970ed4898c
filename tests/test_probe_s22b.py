"""Probe s22b: ``matcher explain`` within its time limit at 10,000 students (issues 14, 17).

Profiled at 10,000 x 1,667 (``benchmarks/results/2026-12-04/explain-10000.md``): the checks
without CP-SAT of one wish evaluated every move chain as a whole assignment (614 batches,
179 s for one wish) with no budget, whatever ``--time-limit`` said. They now have a
solve's time limit as counted work (the clock a safety net); a wish they do not settle
within it is ``unknown``, said so in French and in English. Counted, not timed.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from csvrows import read_rows

from matcher import app
from matcher.cli import main
from matcher.explain import _prepare, _wishes, explain
from models.budget import Budget
from models.outcome import SolveParams

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

CHECKS_EN = "the checks without the solver did not end within the time limit (7 s)"
CHECKS_FR = "les vérifications sans solveur n'ont pas abouti dans le temps imparti (7 s)"


def _selected(result: Path) -> list[str]:
    return [r["id"] for r in read_rows(result / "selection.csv") if r["selected"] == "yes"]


def _demo(result: Path) -> tuple[Any, list[str], dict[str, str]]:
    instance = app.load(DEMO)
    teams = read_rows(result / "teams.csv")
    return instance, _selected(result), {r["student_id"]: r["commission_id"] for r in teams}


def test_checks_past_their_budget_give_unknown_said_in_both_languages(
    demo_result: Path, monkeypatch: Any
) -> None:
    """Each batch of move chains costs more than the whole time limit (the cost per cell
    made huge): every wish a rule does not settle is ``unknown``, never a guess, its reason
    the checks' time limit, in English and in French. Before, the checks had no budget
    and answered them all (free or costs)."""
    import models.wish_witness as wish_witness

    instance, ids, assignment = _demo(demo_result)
    params = SolveParams(time_limit=7, seed=0, workers=1)
    _, data = _prepare(instance, tuple(ids), assignment)
    # A together pair's members have no check to run (the pair would move as one).
    paired = {instance.students[i].id for pair in data.together for i in pair}
    before = explain(instance, ids, assignment, params)
    assert {e.verdict for e in before} >= {"free", "costs"}
    monkeypatch.setattr(wish_witness, "EVALUATED_CELLS_PER_UNIT", 1e-3, raising=False)
    after = explain(instance, ids, assignment, params)
    assert [(e.student_id, e.wanted) for e in after] == [(e.student_id, e.wanted) for e in before]
    checked = 0
    for old, new in zip(before, after, strict=True):
        settled = old.verdict == "impossible" and old.rule != ("rule_no_assignment", ())
        if settled:
            assert new == old  # a rule settles it before any check
            continue
        if old.student_id in paired:
            # No check runs: the same answer. Which students move among equally few may
            # differ: the solves start from what earlier wishes found, fewer here (since
            # session 30 the later priorities are re-optimised, leaving more such ties).
            fields = ("verdict", "priority", "value", "value_if", "displaced")
            assert [getattr(new, f) for f in fields] == [getattr(old, f) for f in fields]
            continue
        checked += 1
        assert new.verdict == "unknown", (old, new)
        assert (new.priority, new.value_if, new.displaced) == (None, None, None)
        assert CHECKS_EN in new.reason("en"), new.reason("en")
        assert CHECKS_FR in new.reason("fr"), new.reason("fr")
    assert checked > 10


def test_explain_command_writes_the_checks_reason(
    demo_result: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """The same through ``matcher explain --lang fr --out``: explanations.csv says the
    verdict ``unknown`` and the reason in French, no priority nor value (exit 0)."""
    import models.wish_witness as wish_witness

    monkeypatch.setattr(wish_witness, "EVALUATED_CELLS_PER_UNIT", 1e-3, raising=False)
    out = tmp_path / "why"
    args = ["explain", str(DEMO), "--result", str(demo_result), "--out", str(out)]
    args += ["--time-limit", "7", "--workers", "1", "--lang", "fr", "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with (out / "explanations.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    unknown = [row for row in rows if row["verdict"] == "unknown"]
    assert unknown and all(CHECKS_FR in row["reason"] for row in unknown)
    assert all(row["priority"] == row["value_if"] == "" for row in unknown)


def test_neighbourhood_is_charged_before_it_is_built(demo_result: Path) -> None:
    """The one-move neighbourhood (every student to every team, N x K cells) is charged
    before it is built: a budget without room raises ``BudgetSpent`` instead of building
    it (at 10,000 x 1,667: 5-6 s a wish, uncounted before)."""
    from models.budget import BudgetSpent
    from models.wish_witness import Neighbourhood

    instance, ids, assignment = _demo(demo_result)
    cohort, data = _prepare(instance, tuple(ids), assignment)
    values = [(name, cohort.values[name]) for name in cohort.priorities]
    i, t = _wishes(instance, data.ranks, cohort.current, None)[0]
    empty = Budget.start(1e-9, 60)
    with pytest.raises(BudgetSpent):
        Neighbourhood(data, values, cohort.current, i, t, budget=empty).free()


def test_ample_budget_changes_no_check_and_costs_little_at_60(demo_result: Path) -> None:
    """With the budget (a 1 s limit), every demo wish's checks give what they gave without
    one (answer, start, settled, neighbourhood), and charge a few thousandths of a unit:
    no 60- or 200-student verdict depends on it."""
    from models.wish_chains import cheap_answer
    from models.wish_witness import Neighbourhood

    instance, ids, assignment = _demo(demo_result)
    cohort, data = _prepare(instance, tuple(ids), assignment)
    values = [(name, cohort.values[name]) for name in cohort.priorities]
    wishes = _wishes(instance, data.ranks, cohort.current, None)
    assert len(wishes) > 10
    most = 0.0
    for i, t in wishes:
        budget = Budget.start(1.0, 60)
        plain = cheap_answer(data, values, cohort.current, i, t)
        counted = cheap_answer(data, values, cohort.current, i, t, budget)
        assert (plain[0] is None) == (counted[0] is None)
        assert plain[2] == counted[2]
        assert (plain[1] is None and counted[1] is None) or np.array_equal(plain[1], counted[1])
        free = Neighbourhood(data, values, cohort.current, i, t).free()
        near = Neighbourhood(data, values, cohort.current, i, t, budget=budget).free()
        assert (free is None) == (near is None)
        if free is not None and near is not None:
            assert free[0] == near[0] and np.array_equal(free[1], near[1])
        most = max(most, budget.spent)
    assert 0 < most < 0.01


def _sheet_team_as_before(title: str, teams: set[str]) -> str | None:
    """``result_book._sheet_team`` before session 22: every title against every team."""
    import re

    from matcher.text import SHEET_LOOKALIKES

    bare = re.sub(r" \(\d+\)$", "", title)
    fitting = [
        team
        for team in teams
        for shown in [team.translate(SHEET_LOOKALIKES)]
        if title == shown
        or title.startswith(shown + " ")
        or (len(title) >= 29 and shown.startswith(bare) and len(shown) > len(bare))
    ]
    return max(fitting, key=len, default=None)


def test_team_sheet_titles_read_as_before_from_an_index() -> None:
    """result.xlsx's team sheets were matched to teams by comparing every title with every
    team (1,672 x 1,667 at 10,000 students: 15 s of each ``explain``, ``check`` and
    ``report``). Now from an index of the names sheets give the teams: the same team for
    every title (ids with ``/``, spaces, prefixes of one another, titles cut to Excel's 31
    characters, ``(2)`` copies)."""
    import random

    from matcher.loading.result_book import _SheetNames

    rng = random.Random(22)
    alphabet = "AB/ 1:2"
    for _ in range(300):
        teams = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 34))).strip() or "X"}
        teams |= {"C01", "C01 2", "D/1", "+32 prov", "L" * 30, "L" * 31 + " x"}
        names = _SheetNames(teams)
        shown = [t.translate(str.maketrans("/\\?*[]:", "／＼？＊［］：")) for t in teams]
        titles = [f"{s} Institution {rng.randint(1, 9)}"[:31] for s in shown]
        titles += [s[:31] for s in shown] + [s[:29] + " (2)" for s in shown]
        titles += ["", " ", "C01", "C01 2 x", "D／1 ASBL", "nothing", "L" * 29, "L" * 31]
        for title in titles:
            assert names.team(title) == _sheet_team_as_before(title, teams), (title, teams)
