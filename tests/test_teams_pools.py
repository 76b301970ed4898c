"""Pools (students who may join any team they did not list, counted per profile): the
pooled model reaches the same optima as the model with one variable per student."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import models.teams.solve
from models.solve import SolveParams, Status
from models.teams import StudentGroup, TeamData, TeamModel, objective_values, solve_teams

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)


@pytest.fixture(autouse=True, scope="module")
def pools_on_small_models() -> Iterator[None]:
    """Small models are solved without pools (``_SMALL_PAIRS``): these tests pool them,
    as every model above that size is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
        yield


def ranks_of(choices: list[list[int]], num_teams: int) -> np.ndarray:
    """Ranks as the contract defines them: listed 1..m, every other team m + 1, 0 if none."""
    ranks = np.zeros((len(choices), num_teams), dtype=np.int64)
    for i, listed in enumerate(choices):
        if listed:
            ranks[i] = len(listed) + 1
            for position, t in enumerate(listed):
                ranks[i, t] = position + 1
    return ranks


def background_groups(values: list[int], num_teams: int) -> tuple[StudentGroup, ...]:
    groups = []
    for value in sorted(set(values)):
        members = tuple(i for i, v in enumerate(values) if v == value)
        count = len(members)
        groups.append(
            StudentGroup(
                f"background={value}",
                members,
                count // num_teams,
                -(-count // num_teams),
                attribute="background",
            )
        )
    return tuple(groups)


def test_pooled_students_of_one_type() -> None:
    """Students listing the same teams form one pooled type and reach the hand-checked optimum."""
    # Two teams of two. S0, S1, S2 list only team 0 (rank 1 there, 2 in team 1); S3 has no
    # choices. They are one pooled type: team 0 takes two of them (rank 1 each), the third
    # goes to team 1 through the pool (rank 2), with S3: worst choice 2, choices 1+1+2 = 4,
    # and no assignment does better since team 0 holds only two.
    data = TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=np.zeros((4, 2), dtype=bool),
        ranks=ranks_of([[0], [0], [0], []], 2),
        experience=np.array([10, 20, 30, 40]),
    )
    model = TeamModel(data, pool=True)
    assert model.pool_vars, "the students should be pooled"
    assert len(model.types.members) == 2
    result = solve_teams(data, PARAMS)
    assert result.status == Status.OPTIMAL
    assert {o.name: o.value for o in result.objectives}["choices"] == 4
    assert result.team_of is not None
    assert np.bincount(result.team_of, minlength=2).tolist() == [2, 2]


@st.composite
def pooled_problems(draw: st.DrawFn) -> TeamData:
    num_teams = draw(st.integers(2, 4))
    num_students = draw(st.integers(2 * num_teams, 14))
    choices = [
        draw(st.lists(st.integers(0, num_teams - 1), max_size=num_teams - 2, unique=True))
        for _ in range(num_students)
    ]
    conflict = np.zeros((num_students, num_teams), dtype=bool)
    for i in draw(st.lists(st.integers(0, num_students - 1), max_size=2)):
        conflict[i, draw(st.integers(0, num_teams - 1))] = True
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, num_students - 1), st.integers(0, num_students - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=2,
        )
    )
    priorities = draw(st.permutations(["worst_choice", "balance", "choices", "experience"]))
    return TeamData(
        size_min=np.full(num_teams, num_students // num_teams, dtype=np.int64),
        size_max=np.full(num_teams, -(-num_students // num_teams), dtype=np.int64),
        conflict=conflict,
        ranks=ranks_of(choices, num_teams),
        balance_groups=background_groups(
            [draw(st.integers(0, 2)) for _ in range(num_students)], num_teams
        ),
        apart=tuple(pairs[:1]),
        together=tuple(pairs[1:]),
        experience=np.array(
            [draw(st.sampled_from([0, 20, 50])) for _ in range(num_students)], dtype=np.int64
        ),
        priorities=tuple(priorities),
    )


@settings(
    derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(pooled_problems())
def test_pooled_model_reaches_the_same_optima(data: TeamData) -> None:
    """The pooled model and the model with one variable per student prove the same optima."""
    pooled = solve_teams(data, PARAMS)
    single = solve_teams(data, PARAMS, aggregate=False)
    assert pooled.status == single.status
    if single.status != Status.OPTIMAL:
        return
    assert pooled.team_of is not None
    values = {o.name: o.value for o in pooled.objectives}
    assert values == {o.name: o.value for o in single.objectives}
    # The reported values are the assignment's own, not the pooled model's estimate.
    true_values = objective_values(data, pooled.team_of)
    assert all(true_values[name] == value for name, value in values.items())


def test_turns_prove_an_optimal_incumbent_and_improve_a_poor_one() -> None:
    """``solve_in_turns`` proves an optimal incumbent and improves a poor one to the optimum."""
    # minimise x + y with x + y >= 3 over 0..10: the optimum is 3.
    from models.cpsat import cp_model
    from models.teams.search import solve_in_turns

    def model_with_objective() -> tuple[cp_model.CpModel, cp_model.IntVar]:
        model = cp_model.CpModel()
        x, y = model.new_int_var(0, 10, "x"), model.new_int_var(0, 10, "y")
        total = model.new_int_var(0, 20, "total")
        model.add(total == x + y)
        model.add(total >= 3)
        return model, total

    # Incumbent x = 1, y = 2 (total 3): asking for better is infeasible, which proves it.
    model, total = model_with_objective()
    proven = solve_in_turns(model, "total", total, [1, 2, 3], PARAMS, PARAMS)
    assert proven.status == Status.OPTIMAL
    assert (proven.objectives[0].value, proven.objectives[0].bound) == (3, 3)
    assert proven.solution is not None and list(proven.solution.values) == [1, 2, 3]
    # Incumbent total 15: improved to the optimum, and the model keeps it as a constraint.
    model, total = model_with_objective()
    improved = solve_in_turns(model, "total", total, [7, 8, 15], PARAMS, PARAMS)
    assert improved.status == Status.OPTIMAL
    assert improved.objectives[0].value == 3
    assert improved.solution is not None and improved.solution.values[2] == 3
    model.add(total >= 4)
    assert cp_model.CpSolver().solve(model) == cp_model.INFEASIBLE
