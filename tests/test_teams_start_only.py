"""The team stage without a model (``models.teams.solve``, ``_Run.start_only``: 10,000 x
1,000 takes this path, its model too large for the memory): the start is annealed for
balance (``models.teams.start_balance``), as the balance stage of a large model is, and
the flows' bound is reported.
The path is forced by monkeypatching the thresholds, never by the clock."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import models.teams.solve
import models.teams.start_balance
import models.teams.work
from models.solve import SolveParams, Status
from models.teams import StudentGroup, TeamData, keeps_hard_rules, objective_values, solve_teams
from models.teams.evaluate import team_violations

PARAMS = SolveParams(time_limit=10_000, work_limit=5, seed=0, workers=1)
PRIORITIES = ("worst_choice", "balance", "choices", "experience")


def two_listed(seed: int, num_students: int = 120, num_teams: int = 12) -> TeamData:
    """A seeded cohort shaped like ``shapes.py``'s 10,000 x 1,000 at its worst choice 2:
    each student lists 2 teams drawn uniformly (every other team rank 3), teams of exactly
    N/K, three attributes (4, 2 and 2 values). Within rank 2 few pairs of students can
    trade places, which is where swaps alone stall and the annealing helps."""
    rng = np.random.default_rng(seed)
    ranks = np.full((num_students, num_teams), 3, dtype=np.int64)
    for i in range(num_students):
        ranks[i, rng.choice(num_teams, size=2, replace=False)] = (1, 2)
    groups = []
    for attribute, num_values in (("background", 4), ("vae", 2), ("gender", 2)):
        values = rng.integers(0, num_values, num_students)
        for value in range(num_values):
            members = tuple(int(i) for i in np.nonzero(values == value)[0])
            floor, ceil = len(members) // num_teams, -(-len(members) // num_teams)
            groups.append(StudentGroup(f"{attribute}={value}", members, floor, ceil, attribute))
    size = num_students // num_teams
    return TeamData(
        size_min=np.full(num_teams, size),
        size_max=np.full(num_teams, size),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=tuple(groups),
        priorities=PRIORITIES,
    )


@pytest.fixture
def start_only(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int, int]]:
    """No model (every model is estimated too large), not a small cohort; every call of
    the annealing recorded as (balance in, balance out, worst choice in, worst choice out)."""
    monkeypatch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
    monkeypatch.setattr(models.teams.work, "MAX_MODEL_ENTRIES", 0)

    def no_model(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the model must not be built")

    monkeypatch.setattr(models.teams.solve.TeamModel, "__init__", no_model)
    calls: list[tuple[int, int, int, int]] = []
    anneal = models.teams.start_balance.anneal_balance

    def recorded(data: TeamData, team_of: np.ndarray, *args: Any, **kwargs: Any) -> Any:
        annealed = anneal(data, team_of, *args, **kwargs)
        before, after = objective_values(data, team_of), objective_values(data, annealed)
        calls.append(
            (before["balance"], after["balance"], before["worst_choice"], after["worst_choice"])
        )
        assert keeps_hard_rules(data, annealed)
        return annealed

    monkeypatch.setattr(models.teams.start_balance, "anneal_balance", recorded)
    return calls


def test_start_only_path_anneals_balance(
    start_only: list[tuple[int, int, int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``two_listed``: the annealing runs (once per run), keeps every hard rule and the
    worst choice and never raises balance; the result keeps every hard rule, has the
    same worst choice and less balance than the swaps alone reach (the path before the
    annealing: seed 1, 35 violations against 48, both measured), at least the bound it
    reports; two runs give the same teams (counted work)."""
    data = two_listed(1)
    first, second = solve_teams(data, PARAMS), solve_teams(data, PARAMS)
    assert first.status == Status.FEASIBLE and first.from_start
    assert first.team_of is not None and second.team_of is not None
    assert (first.team_of == second.team_of).all()
    assert keeps_hard_rules(data, first.team_of)
    assert len(start_only) == 2
    balance_in, balance_out, worst_in, worst_out = start_only[0]
    assert balance_out <= balance_in and worst_out == worst_in
    monkeypatch.setattr(models.teams.solve, "anneal_start", lambda data, team_of, *a: team_of)
    swaps_only = solve_teams(data, PARAMS)
    assert swaps_only.team_of is not None
    after = objective_values(data, first.team_of)
    before = objective_values(data, swaps_only.team_of)
    assert after["worst_choice"] == before["worst_choice"] == 2
    assert after["balance"] < before["balance"]
    bound = {o.name: o.bound for o in first.objectives}["balance"]
    assert bound <= after["balance"]


def test_start_only_path_skips_the_annealing_when_choices_come_first(
    start_only: list[tuple[int, int, int, int]],
) -> None:
    """Choices before balance: the annealing, which trades ranks for balance, is not run;
    the start still comes back, every hard rule kept."""
    data = two_listed(0)
    data = TeamData(**{**data.__dict__, "priorities": ("worst_choice", "choices", "balance")})
    result = solve_teams(data, PARAMS)
    assert result.from_start and result.team_of is not None
    assert keeps_hard_rules(data, result.team_of)
    assert start_only == []


def two_pairs() -> TeamData:
    """Four students, two teams of exactly 2; S0 and S1 have background A and rank team 0
    first (team 1 second), S2 and S3 have background B and rank team 1 first.

    Worst choice 1 is reachable only as {S0, S1} | {S2, S3}, so it is the optimum and that
    assignment the only one within it: each value's window is [1, 1] per team (2 / 2), and
    each team holds 2 of one value and 0 of the other, 1 off each window four times:
    balance 4, the optimum. The flows within rank 1 must place A's two students in team 0
    and B's in team 1 too: their bound is 4 (without the rank limit it would be 0)."""
    return TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=np.zeros((4, 2), dtype=bool),
        ranks=np.array([[1, 2], [1, 2], [2, 1], [2, 1]], dtype=np.int64),
        balance_groups=(
            StudentGroup("background=A", (0, 1), 1, 1, "background"),
            StudentGroup("background=B", (2, 3), 1, 1, "background"),
        ),
        priorities=PRIORITIES,
    )


def test_start_only_path_reports_the_flows_bound_within_the_worst_choice(
    start_only: list[tuple[int, int, int, int]],
) -> None:
    """The hand-checked cohort of ``two_pairs``: the start meets the optimum, and the
    balance bound reported is the flows' 4 within the worst choice 1, so the gap is 0."""
    data = two_pairs()
    result = solve_teams(data, PARAMS)
    assert result.from_start and result.team_of is not None
    assert result.team_of.tolist() == [0, 0, 1, 1]
    assert int(team_violations(data, result.team_of).sum()) == 4
    found = {o.name: (o.value, o.bound) for o in result.objectives}
    assert found["worst_choice"] == (1, 1)
    assert found["balance"] == (4, 4)
