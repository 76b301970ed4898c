"""The linear-relaxation bound (``models.teams.lp_bound``) against hand-checked optima and
brute force on tiny problems: it must never exceed an optimum, and it proves what the
per-attribute flows cannot."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_teams_bounds import assignments, tiny_problems

import models.teams.solve
from models.budget import Budget
from models.cpsat import cp_model
from models.solve import SolveParams, Status
from models.teams import StudentGroup, TeamData, TeamModel, balance_lower_bound, solve_teams
from models.teams.evaluate import objective_values
from models.teams.lp_bound import lp_lower_bound, relaxed_bound


def crossed_attributes() -> TeamData:
    """Two teams of two; each attribute alone can be balanced, both together cannot.

    Attribute a: students 0, 1 are A, students 2, 3 are B; attribute b: students 0, 2 are
    X, students 1, 3 are Y (every window [1, 1]). Student 0 is pinned to team 0, student 3
    to team 1, so team 0 is {0, 1} or {0, 2}: {0, 1} holds A twice (a: 2 over + 2 under
    over the two teams, b balanced), {0, 2} holds X twice (b: 4, a balanced). The optimum
    is 4. Each attribute's flow ignores the other and finds 0. The relaxation finds 4:
    with student 1 in team 0 at p and student 2 at 1 - p, attribute a costs 4p and b
    4(1 - p), 4 whatever p.
    """
    return TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=np.zeros((4, 2), dtype=bool),
        ranks=np.zeros((4, 2), dtype=np.int64),
        balance_groups=(
            StudentGroup("a=A", (0, 1), 1, 1, attribute="a"),
            StudentGroup("a=B", (2, 3), 1, 1, attribute="a"),
            StudentGroup("b=X", (0, 2), 1, 1, attribute="b"),
            StudentGroup("b=Y", (1, 3), 1, 1, attribute="b"),
        ),
        pinned=np.array([0, -1, -1, 1], dtype=np.int64),
        priorities=("balance", "choices"),
    )


def bound_of(model: TeamModel, name: str, upper: int) -> int | None:
    """The relaxation's bound on one priority of a built model, with ample work."""
    var = model.objective_vars[name]
    return lp_lower_bound(model.model, var.index, upper, Budget.start(100.0, 600.0))


def test_relaxation_proves_the_crossed_attributes_optimum() -> None:
    """On the crossed cohort the flows bound balance by 0, the relaxation by the optimum 4."""
    data = crossed_attributes()
    assert balance_lower_bound(data) == 0
    best = min(
        objective_values(data, team_of)["balance"]
        for team_of in assignments(data, None, pairs=True)
    )
    assert best == 4
    for pool in (False, True):
        model = TeamModel(data, pool=pool)
        model.objectives()
        assert bound_of(model, "balance", upper=10) == 4


def test_relaxation_bound_proves_balance_in_the_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    """The large-cohort path (forced) proves balance 4 on the crossed cohort, with the
    relaxation's bound as the stage's bound."""
    monkeypatch.setattr(models.teams.solve, "_LARGE_MODEL", 0)
    monkeypatch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
    result = solve_teams(crossed_attributes(), SolveParams(time_limit=60.0, seed=0, workers=1))
    assert result.status == Status.OPTIMAL
    balance = result.objectives[0]
    assert (balance.name, balance.value, balance.bound) == ("balance", 4, 4)


def test_no_work_no_bound() -> None:
    """Without work units the relaxation is not solved: nothing is claimed."""
    model = TeamModel(crossed_attributes())
    model.objectives()
    var = model.objective_vars["balance"]
    assert lp_lower_bound(model.model, var.index, 10, Budget.start(0.0, 600.0)) is None


@settings(
    derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems(), st.sampled_from([None, 1, 2]), st.integers(0, 2), st.booleans())
def test_relaxation_never_exceeds_the_optimum(
    data: TeamData, max_rank: int | None, extra: int, pool: bool
) -> None:
    """Brute-force twin: the bound on balance, then on choices under a balance cap (as the
    driver asks them), never exceeds the optimum, pooled model or not."""
    feasible = assignments(data, max_rank, pairs=True)
    if not feasible:
        return
    values = [objective_values(data, team_of) for team_of in feasible]
    best_balance = min(v["balance"] for v in values)
    cap = best_balance + extra
    best_choices = min(v["choices"] for v in values if v["balance"] <= cap)
    model = TeamModel(data, max_rank=max_rank, pool=pool)
    model.objectives()
    balance = bound_of(model, "balance", upper=best_balance + extra)
    assert balance is None or balance <= best_balance
    model.model.add(model.objective_vars["balance"] <= cap)
    choices = bound_of(model, "choices", upper=best_choices + extra)
    assert choices is None or choices <= best_choices


@settings(
    derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems(), st.sampled_from([None, 2]), st.integers(0, 2), st.booleans())
def test_narrowed_domains_keep_the_optimum(
    data: TeamData, max_rank: int | None, extra: int, pool: bool
) -> None:
    """Brute-force twin: with the domains the reduced costs narrow (for solutions at most
    the optimum + ``extra``) added to the model, CP-SAT still finds the brute-force
    optimum of balance, then of choices under that balance."""
    feasible = assignments(data, max_rank, pairs=True)
    if not feasible:
        return
    values = [objective_values(data, team_of) for team_of in feasible]
    best_balance = min(v["balance"] for v in values)
    best_choices = min(v["choices"] for v in values if v["balance"] == best_balance)
    model = TeamModel(data, max_rank=max_rank, pool=pool)
    model.objectives()
    cp = model.model
    for name, best in (("balance", best_balance), ("choices", best_choices)):
        var = model.objective_vars[name]
        relaxed = relaxed_bound(cp, var.index, best + extra, Budget.start(100.0, 600.0))
        assert relaxed is not None
        assert relaxed.bound <= best
        for index, low, high in relaxed.domains:
            cp.add_linear_constraint(cp.get_int_var_from_proto_index(index), low, high)
        cp.minimize(var)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(cp) == cp_model.OPTIMAL
        assert round(solver.objective_value) == best
        cp.add(var <= best)
