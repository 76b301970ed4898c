"""``benchmarks/explain_primal.py``: the neighbourhood sub-solves it measures keep what they
claim, and a wish session using them answers as the plain one does.

The sub-solver (``SubSolver``) stays a benchmark (issue 14, session 7: measured slower,
not in the product), but its figures only mean something if its assignments keep every
rule and cap and if, used as the stage solves' start or in place of a solve that stops at
its floor, it leaves every verdict, priority, ``value_if`` and ``displaced`` unchanged.
Seeded 18-student cohorts on 4 teams (choices, experience, balance, no-isolation, pins,
employers, an apart pair), explained on ``form_teams``'s proven optimum.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import models.team_wish as team_wish
import models.wish_chains as wish_chains
from matcher import explain as ex
from matcher.explain_rules import pre_check
from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.teams import form_teams
from models.solve import SolveParams
from models.teams.evaluate import keeps_hard_rules, objective_values

BENCH_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH_DIR))

import explain_primal as bench  # noqa: E402

PARAMS = SolveParams(time_limit=20.0, seed=0, workers=1)
IDS = ["C1", "C2", "C3", "C4"]


def _cohort(seed: int) -> tuple[Any, Any, np.ndarray, tuple[tuple[str, int], ...], list[Any]]:
    """A seeded cohort on its proven optimum: (cohort, data, current, values, wishes left
    to the solver after the pre-checks). Draws again (seed * 100 + 1, + 2, ...) while the
    draw has no valid assignment (e.g. one vae student under no-isolation)."""
    for attempt in range(seed * 100, seed * 100 + 100):
        found = _draw(random.Random(attempt))
        if found is not None:
            return found
    raise AssertionError("no feasible draw")


def _draw(rng: random.Random) -> Any:
    """One draw of ``_cohort``, or None when it has no valid assignment."""
    students = tuple(
        Student(
            id=f"S{k}",
            background=rng.choice(["AS", "ED", "GRH"]),
            vae=rng.random() < 0.3,
            experience_years=rng.choice([None, 0.0, 1.5, 4.0, 9.0]),
            choices=tuple(rng.sample(IDS, rng.randint(1, 3))),
            employer=f"Inst {rng.choice(IDS)}" if rng.random() < 0.15 else "",
            pinned=rng.choice(IDS) if rng.random() < 0.1 else None,
        )
        for k in range(18)
    )
    commissions = tuple(
        Commission(id=c, institution=f"Inst {c}", sector="s", problem_type="p") for c in IDS
    )
    instance = Instance(
        name="t",
        commissions=commissions,
        students=students,
        pairs=(Pair(student_a="S0", student_b="S1", relation="apart"),),
        settings=Settings(teams=TeamSettings(no_isolation=("vae=yes",))),
    )
    result = form_teams(instance, IDS, PARAMS)
    if not result.assignment:
        return None
    assert str(result.stage.status) == "OPTIMAL"
    cohort, data = ex._prepare(instance, tuple(IDS), dict(result.assignment))
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    wishes = [
        (i, t)
        for i, t in ex._wishes(instance, data.ranks, cohort.current, None)
        if pre_check(cohort, data, i, t) is None
    ]
    return cohort, data, cohort.current, values, wishes


@pytest.mark.parametrize("seed", range(6))
def test_sub_solver_assignments_keep_every_rule_and_cap(seed: int) -> None:
    """Every assignment ``SubSolver.search`` returns places the student in the wished team,
    keeps every hard rule and every cap of the stages before the one asked (recomputed
    from the arrays, independently of the sub-model), and reports its own value and moves;
    before the last stage it only returns assignments at the stage's current value (the
    floor the stage's solve would stop at). Some searches must find one, or the test says
    nothing."""
    _, data, current, values, wishes = _cohort(seed)
    sub = bench.SubSolver(data, values, current, floor_tries=4, last_rounds=3)
    found_any = 0
    for i, t in wishes:
        for stage in range(len(values)):
            start = current.copy()
            start[i] = t
            found = sub.search(i, t, stage, PARAMS, start)
            if found is None:
                continue
            found_any += 1
            team_of = found.team_of
            assert team_of[i] == t
            assert keeps_hard_rules(data, team_of)
            got = objective_values(data, team_of)
            for name, cap in values[:stage]:
                assert got[name] <= cap, (seed, i, t, stage, name)
            name, floor = values[stage]
            assert found.value == got[name]
            assert found.moves == got["moves"]
            if stage < len(values) - 1:
                assert found.value == floor
    assert found_any > 0


@pytest.mark.parametrize("seed", range(6))
def test_sub_solver_as_primal_never_changes_an_answer(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``WishSession`` whose stage solves are started (or, before the last stage,
    replaced at their floor) by the sub-solver gives every wish the same verdict, priority,
    ``value_if`` and number of displaced students as the plain session: the stage solves
    still prove the answer on the whole model, and a floor is its own proof."""
    monkeypatch.setattr(team_wish.WishSession, "_stage", bench._stage)
    monkeypatch.setattr(team_wish.WishSession, "answer", bench._answer)
    _, data, current, values, wishes = _cohort(seed)
    plain = team_wish.WishSession(data, values, current, optimal=True)
    helped = team_wish.WishSession(data, values, current, optimal=True)
    tally: dict[str, float] = defaultdict(float)
    sub = bench.SubSolver(data, values, current, floor_tries=4, last_rounds=3)
    helped.primal = bench._sub(sub, tally)  # type: ignore[attr-defined]
    for i, t in wishes:
        _, hint, settled = wish_chains.cheap_answer(data, values, current, i, t)
        answers = []
        for session in (plain, helped):
            found = session.answer(i, t, PARAMS, settled=settled, hint=hint)
            displaced = None
            if found.team_of is not None:
                assert found.team_of[i] == t
                displaced = int((found.team_of != current).sum()) - 1
            answers.append((found.verdict, found.priority, found.value_if, displaced))
        assert answers[0] == answers[1], (seed, i, t)
        assert answers[0][0] != "unknown"
    assert sub.sub_solves > 0
