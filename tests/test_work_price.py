"""What the team engine's steps are charged (issue 17, session 9): CP-SAT's calls by their
own counters (``models.outcome.CpsatMeter``), a heuristic what its counted work costs
(``Budget.share``'s ``rate``). Every charge is a count, so the same on every machine."""

from __future__ import annotations

import numpy as np
import pytest

from models.budget import Budget
from models.solve import CpsatMeter, SolveParams, charged, make_solver
from models.teams import StudentGroup, TeamData, TeamModel
from models.teams.balance_anneal import anneal_balance
from models.teams.flows import start_assignment

PRIORITIES = ("worst_choice", "balance", "choices", "experience")


def cohort(seed: int) -> TeamData:
    """120 students in 8 teams, two balanced attributes, random choices of 4 teams."""
    rng = np.random.default_rng(seed)
    num_students, num_teams = 120, 8
    ranks = np.full((num_students, num_teams), 5, dtype=np.int64)
    for i in range(num_students):
        ranks[i, rng.choice(num_teams, size=4, replace=False)] = (1, 2, 3, 4)
    groups = []
    for attribute, num_values in (("background", 4), ("gender", 2)):
        values = rng.integers(0, num_values, num_students)
        for value in range(num_values):
            members = tuple(int(i) for i in np.nonzero(values == value)[0])
            floor, ceil = len(members) // num_teams, -(-len(members) // num_teams)
            groups.append(StudentGroup(f"{attribute}={value}", members, floor, ceil, attribute))
    return TeamData(
        size_min=np.full(num_teams, num_students // num_teams),
        size_max=np.full(num_teams, -(-num_students // num_teams)),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=tuple(groups),
        apart=(),
        together=(),
        pinned=np.full(num_students, -1),
        experience=rng.integers(0, 200, num_students),
        priorities=PRIORITIES,
    )


def test_a_heuristic_priced_below_one_does_the_same_work_for_less() -> None:
    """The annealing given 0.02 units of its own counted work (too few to reach balance 0,
    so the budget, not the bound, ends it) follows the same path whether each of its
    units costs the run 1 unit or 0.5 (``Budget.share(units, rate)``): the same
    assignment, the run charged half as much. Before, a share had no price: the run paid
    a unit for each of the annealing's (about 2.3 times its CPU, session 9), or a cheaper
    count gave the annealing more work, another path."""
    data = cohort(0)
    start = start_assignment(data)
    assert start is not None
    results = []
    for rate in (1.0, 0.5):
        run = Budget.start(10.0, 10_000)
        share = run.share(0.02, rate)
        found = anneal_balance(data, start.team_of, None, 0, 0, share)
        results.append((found, share.spent, run.spent))
    (first, own_first, run_first), (second, own_second, run_second) = results
    assert (first == second).all()
    assert own_first == pytest.approx(own_second) and own_first > 0.019
    assert run_first == pytest.approx(own_first)
    assert run_second == pytest.approx(0.5 * own_second)


def test_a_priced_share_stops_when_its_run_cannot_pay() -> None:
    """A share at 0.5 of a run with 1 unit left has 2 units of its own at most."""
    run = Budget.start(1.0, 10_000)
    share = run.share(5.0, 0.5)
    assert share.left() == pytest.approx(2.0)
    share.charge(1.5)
    assert run.left() == pytest.approx(0.25)
    assert share.left() == pytest.approx(0.5)


def model_of(data: TeamData) -> TeamModel:
    team_model = TeamModel(data, pool=False)
    team_model.objectives()
    team_model.model.minimize(
        1000 * team_model.objective_vars["balance"] + team_model.objective_vars["choices"]
    )
    return team_model


def test_a_call_is_charged_its_counters_and_sized_by_the_rate_so_far() -> None:
    """With a meter, a CP-SAT call is charged a unit per unit of deterministic time plus
    one per 20,000 branches (here 1,000, to make the branches count), both CP-SAT's own
    counts; the next call given 0.3 units is sized by the rate measured so far (units
    charged per deterministic time, times the margin 1.3): it stops after 0.3 / rate of
    deterministic time. Before the first measurement a call is sized at the prior (3)."""
    team_model = model_of(cohort(1))
    meter = CpsatMeter(3.0, 1.0, 1_000, 1.3, 1.0, 0.01)
    params = SolveParams(workers=1, meter=meter)
    solver = make_solver(params, 10_000, 0.3)
    assert solver.parameters.max_deterministic_time == pytest.approx(0.1)
    solver.solve(team_model.model)
    response = solver.response_proto
    units = charged(params, solver)
    assert units == pytest.approx(response.deterministic_time + response.num_branches / 1_000)
    assert response.num_branches > 0
    assert meter.measured()
    rate = 1.3 * units / response.deterministic_time
    assert meter.rate() == pytest.approx(rate)
    solver = make_solver(params, 10_000, 0.3)
    assert solver.parameters.max_deterministic_time == pytest.approx(0.3 / rate)


def test_the_counters_are_the_same_on_a_second_run() -> None:
    """The same call twice (one worker, stopped on deterministic time) is charged the same
    units: the price depends on no clock."""
    charges = []
    for _ in range(2):
        team_model = model_of(cohort(2))
        params = SolveParams(workers=1, meter=CpsatMeter(3.0, 1.0, 20_000, 1.3, 1.5, 0.5))
        solver = make_solver(params, 10_000, 0.3)
        solver.solve(team_model.model)
        charges.append(charged(params, solver))
    assert charges[0] == charges[1] > 0
