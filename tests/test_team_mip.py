"""``models.team_mip``: the team stage as a MIP (HiGHS and SCIP through ``pywraplp``) is a
twin of the CP-SAT model (session 8 spike, ``benchmarks/explain_mip.py``).

Its figures only mean something if it solves the same problem: the lexicographic values
it proves equal CP-SAT's proven ones (``form_teams``), and its wish sessions give every
wish the same verdict, priority, ``value_if`` and number of displaced students as
``WishSession`` (those are optimal values, so they cannot depend on the engine; who moves
among equally few may). Seeded 18-student cohorts on 4 teams with every rule the model
knows (choices, experience, balance, no-isolation, pins, employers, an apart and a
together pair), and two real cohorts.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import models.team_wish as team_wish
from matcher import explain as ex
from matcher.loading import load_instance
from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.selection import select_commissions
from matcher.teams import form_teams, team_data
from models.solve import SolveParams, Status
from models.team_mip import MipWishSession, TeamMip
from models.teams.evaluate import keeps_hard_rules, objective_values

PARAMS = SolveParams(time_limit=20.0, seed=0, workers=1)
IDS = ["C1", "C2", "C3", "C4"]
ROOT = Path(__file__).resolve().parents[1]


def _draw(rng: random.Random) -> Instance:
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
    return Instance(
        name="t",
        commissions=commissions,
        students=students,
        pairs=(
            Pair(student_a="S0", student_b="S1", relation="apart"),
            Pair(student_a="S2", student_b="S3", relation="together"),
        ),
        settings=Settings(teams=TeamSettings(no_isolation=("vae=yes",))),
    )


def _cohort(seed: int) -> tuple[Instance, Any]:
    """A seeded cohort with a valid assignment and ``form_teams``'s proven optimum (draws
    again, seed * 100 + 1, + 2, ..., while a draw has none)."""
    for attempt in range(seed * 100, seed * 100 + 100):
        instance = _draw(random.Random(attempt))
        result = form_teams(instance, IDS, PARAMS)
        if result.assignment:
            assert str(result.stage.status) == "OPTIMAL"
            return instance, result
    raise AssertionError("no feasible draw")


@pytest.mark.parametrize("engine", ["HIGHS", "SCIP"])
@pytest.mark.parametrize("seed", range(6))
def test_lexicographic_values_equal_cpsat(seed: int, engine: str) -> None:
    """Each priority minimised in turn on the MIP gives CP-SAT's proven values, with an
    assignment that keeps every rule and has those values (recomputed from the arrays)."""
    instance, result = _cohort(seed)
    data = team_data(instance, IDS)
    status, values, team_of = TeamMip(data, engine).lexicographic(PARAMS)
    assert status == Status.OPTIMAL
    assert values == [o.value for o in result.stage.objectives]
    assert team_of is not None and keeps_hard_rules(data, team_of)
    got = objective_values(data, team_of)
    assert [got[name] for name in data.priorities] == values


@pytest.mark.parametrize("cohort", ["demo", "historical/2022-2023"])
def test_lexicographic_values_equal_cpsat_on_real_cohorts(cohort: str) -> None:
    instance = load_instance(ROOT / "instances" / cohort)
    selection = select_commissions(instance, PARAMS)
    ids = [row.id for row in selection.rows if row.selected]
    result = form_teams(instance, ids, PARAMS)
    assert str(result.stage.status) == "OPTIMAL"
    status, values, _ = TeamMip(team_data(instance, ids), "HIGHS").lexicographic(PARAMS)
    assert status == Status.OPTIMAL
    assert values == [o.value for o in result.stage.objectives]


def test_a_placement_no_assignment_allows_is_infeasible() -> None:
    """The together pair S2-S3 with S2 fixed where S3 may not go (S3 pinned elsewhere):
    no assignment keeps the rules, so the MIP must say INFEASIBLE, not a solution."""
    instance = _draw(random.Random(0))
    students = list(instance.students)
    students[3] = students[3].model_copy(update={"pinned": "C1", "employer": ""})
    students[2] = students[2].model_copy(update={"pinned": None, "employer": ""})
    instance = instance.model_copy(update={"students": tuple(students)})
    data = team_data(instance, IDS)
    mip = TeamMip(data, "HIGHS")
    assert mip.has(2, 1)
    assert mip.solve((2, 1), {}, [("worst_choice", 1)], PARAMS).status == Status.INFEASIBLE


@pytest.mark.parametrize(
    ("engine", "shaped", "weighted"),
    [("HIGHS", True, False), ("SCIP", True, False), ("HIGHS", False, False), ("SCIP", True, True)],
)
@pytest.mark.parametrize("seed", range(6))
def test_wish_answers_equal_cpsat(seed: int, engine: str, shaped: bool, weighted: bool) -> None:
    """Every wish the pre-checks leave, answered by ``MipWishSession`` and by
    ``WishSession`` from ``cheap_answer``'s start: same verdict, priority, ``value_if``
    and displaced count, never ``unknown``; the MIP's assignment places the student in the
    wished team and keeps every rule. ``shaped``: the CP-SAT session's three models and
    skip ahead; else one model, stage by stage. ``weighted``: every stage one weighted
    solve stopping at its floor (SCIP's objective stop)."""
    instance, result = _cohort(seed)
    cohort, data = ex._prepare(instance, tuple(IDS), dict(result.assignment))
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    current = cohort.current
    wishes = [
        (i, t)
        for i, t in ex._wishes(instance, data.ranks, current, None)
        if ex._pre_check(cohort, data, i, t) is None
    ]
    cpsat = team_wish.WishSession(data, values, current, optimal=True)
    mip = MipWishSession(data, values, current, engine=engine, shrink=shaped, skip_ahead=shaped)
    for i, t in wishes:
        _, hint, settled = team_wish.cheap_answer(data, values, current, i, t)
        answers = []
        for session in (cpsat, mip):
            found = session.answer(i, t, PARAMS, settled=settled, hint=hint)
            displaced = None
            if found.team_of is not None:
                assert found.team_of[i] == t
                assert keeps_hard_rules(data, found.team_of)
                displaced = int((found.team_of != current).sum()) - 1
            answers.append((found.verdict, found.priority, found.value_if, displaced))
        assert answers[0] == answers[1], (seed, i, t)
        assert answers[0][0] != "unknown"
