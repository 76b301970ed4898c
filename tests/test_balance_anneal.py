"""Simulated annealing for balance (``models.teams.balance_anneal``): it reaches a known
optimum, never breaks a hard rule, never worsens balance or the worst choice, and is
reproducible."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.budget import Budget
from models.solve import SolveParams
from models.teams.balance_anneal import anneal_balance, polish_ranks
from models.teams.data import StudentGroup, TeamData
from models.teams.evaluate import keeps_hard_rules, objective_values, team_violations
from models.teams.flows import start_assignment
from models.teams.solve import solve_teams

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)


def _groups(values: np.ndarray, attribute: str, num_teams: int) -> list[StudentGroup]:
    """One balance group per value of ``values``, window floor/ceil of its count over K."""
    groups = []
    for value in np.unique(values).tolist():
        members = tuple(int(i) for i in np.nonzero(values == value)[0])
        floor, ceil = len(members) // num_teams, -(-len(members) // num_teams)
        groups.append(StudentGroup(f"{attribute}={value}", members, floor, ceil, attribute))
    return groups


def sorted_cohort() -> tuple[TeamData, np.ndarray]:
    """16 students in 4 teams of 4, two attributes of two values, 8 students each, and a
    start that keeps the ranks but sorts everyone else by gender then background.

    Students 0-3 are (F, a), 4-7 (F, b), 8-11 (M, a), 12-15 (M, b). Every value's window
    is [2, 2] (8 / 4). Each profile has 4 students, so one of each profile per team puts
    exactly 2 of every value in every team: balance 0, which no assignment can beat, so 0
    is the optimum. Student 12 + k ranks team k first and every other team 3, the others
    rank every team 1: within the worst choice 1, student 12 + k must stay in team k,
    which still admits the optimum (one (M, b) student per team).
    """
    num_students, num_teams = 16, 4
    gender = np.repeat([0, 1], 8)
    background = np.tile(np.repeat([0, 1], 4), 2)
    groups = _groups(gender, "gender", num_teams) + _groups(background, "background", num_teams)
    ranks = np.ones((num_students, num_teams), dtype=np.int64)
    for k in range(num_teams):
        ranks[12 + k] = 3
        ranks[12 + k, k] = 1
    data = TeamData(
        size_min=np.full(num_teams, 4),
        size_max=np.full(num_teams, 4),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=tuple(groups),
    )
    # Team k: student 12 + k, then students 3k, 3k + 1, 3k + 2.
    start = np.zeros(num_students, dtype=np.int64)
    start[12:] = np.arange(num_teams)
    start[:12] = np.repeat(np.arange(num_teams), 3)
    return data, start


def test_annealing_reaches_the_hand_checked_balance_zero() -> None:
    """From the sorted start (16 violations: 4, 4, 2 and 6 per team, counted by hand from
    the profiles), annealing within the worst choice 1 reaches
    0, the optimum argued in ``sorted_cohort``, keeps every hard rule and leaves each
    (M, b) student in the one team ranked 1."""
    data, start = sorted_cohort()
    assert team_violations(data, start).tolist() == [4, 4, 2, 6]
    result = anneal_balance(data, start, 1, 0, seed=0, budget=Budget.start(5.0, 600))
    assert int(team_violations(data, result).sum()) == 0
    assert keeps_hard_rules(data, result)
    assert (result[12:] == np.arange(4)).all()
    assert objective_values(data, result)["worst_choice"] == 1


def test_annealing_is_reproducible() -> None:
    """The same input and seed give the same assignment (counted work, a seeded
    generator: nothing depends on the clock)."""
    data, start = sorted_cohort()
    first = anneal_balance(data, start, 3, -1, seed=7, budget=Budget.start(0.5, 600))
    second = anneal_balance(data, start, 3, -1, seed=7, budget=Budget.start(0.5, 600))
    assert (first == second).all()


@st.composite
def cohorts(draw: st.DrawFn) -> TeamData:
    """Small random cohorts with every kind of hard rule: sizes that may differ, conflicts
    of interest, a pin, an apart and a together pair, a no-isolation group, ranks."""
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    num_teams = int(rng.integers(2, 5))
    num_students = int(rng.integers(3 * num_teams, 5 * num_teams + 1))
    base = num_students // num_teams
    size_min = np.full(num_teams, base - int(rng.integers(0, 2)))
    size_max = np.full(num_teams, base + 1 + int(rng.integers(0, 2)))
    conflict = rng.random((num_students, num_teams)) < 0.1
    ranks = rng.integers(1, 4, (num_students, num_teams)).astype(np.int64)
    pinned = np.full(num_students, -1, dtype=np.int64)
    pinned[0] = int(rng.integers(0, num_teams))
    conflict[0, pinned[0]] = False
    groups = _groups(rng.integers(0, 3, num_students), "background", num_teams)
    groups += _groups(rng.integers(0, 2, num_students), "gender", num_teams)
    isolated = tuple(int(i) for i in rng.choice(num_students, 4, replace=False))
    return TeamData(
        size_min=size_min,
        size_max=size_max,
        conflict=conflict,
        ranks=ranks,
        balance_groups=tuple(groups),
        isolation_groups=(StudentGroup("isolated", isolated),),
        apart=((1, 2),),
        together=((3, 4),),
        pinned=pinned,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(0, 3))
def test_annealing_never_breaks_a_hard_rule(data: TeamData, seed: int) -> None:
    """From any valid start (CP-SAT's), the result keeps every hard rule (sizes,
    conflicts, pins, pairs, no-isolation), has no more violations and no worse a worst
    choice; a start breaking a rule (the flows', which ignore no-isolation) is returned
    unchanged."""
    found = start_assignment(data)
    if found is not None and not keeps_hard_rules(data, found.team_of):
        # The flows ignore no-isolation: such a start is returned as it is.
        same = anneal_balance(data, found.team_of, None, 0, seed, Budget.start(0.2, 600))
        assert (same == found.team_of).all()
    # A valid start from CP-SAT (worst choice only: balance left to the annealing).
    solved = solve_teams(replace(data, priorities=("worst_choice",)), PARAMS)
    if solved.team_of is None:
        return
    start = solved.team_of
    result = anneal_balance(data, start, None, 0, seed=seed, budget=Budget.start(0.2, 600))
    assert keeps_hard_rules(data, result)
    before, after = objective_values(data, start), objective_values(data, result)
    assert after["balance"] <= before["balance"]
    assert after["worst_choice"] <= before["worst_choice"]


def _gender_cohort(genders: list[int], size: int, **rules: object) -> TeamData:
    """Students of the given genders (0 or 1) in teams of exactly ``size``, every rank 1
    unless ``rules`` give ranks; ``rules`` are TeamData fields (pins, pairs, ...)."""
    num_students = len(genders)
    num_teams = num_students // size
    values = np.array(genders)
    fields: dict[str, object] = {
        "size_min": np.full(num_teams, size),
        "size_max": np.full(num_teams, size),
        "conflict": np.zeros((num_students, num_teams), dtype=bool),
        "ranks": np.ones((num_students, num_teams), dtype=np.int64),
        "balance_groups": tuple(_groups(values, "gender", num_teams)),
    }
    fields.update(rules)
    return TeamData(**fields)  # type: ignore[arg-type]


def test_a_together_group_moves_as_a_block() -> None:
    """Team 0 holds women 0-3, team 1 men 4-7 (teams of exactly 4; each gender's window
    is [2, 2], so every team counts 2 + 2 violations: 8). Women 2 and 3 are pinned to team
    0 and women 0 and 1 must stay together: the only way to balance is to swap the pair
    {0, 1} as a block with two men, giving 2 + 2 everywhere, 0 violations (no assignment
    has fewer)."""
    pinned = np.array([-1, -1, 0, 0, -1, -1, -1, -1])
    data = _gender_cohort([0, 0, 0, 0, 1, 1, 1, 1], 4, pinned=pinned, together=((0, 1),))
    start = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    assert int(team_violations(data, start).sum()) == 8
    result = anneal_balance(data, start, None, 0, seed=0, budget=Budget.start(2.0, 600))
    assert int(team_violations(data, result).sum()) == 0
    assert keeps_hard_rules(data, result)
    assert result[0] == result[1] == 1 and result[2] == result[3] == 0


def test_students_of_an_apart_pair_move_but_stay_apart() -> None:
    """Teams of exactly 2: women 0 and 1 in team 0, men 2 and 3 in team 1 (windows
    [1, 1]: 4 violations). Students 1 and 2 are pinned where they are, so the only
    balancing swap is of 0 and 3, who are an apart pair: after it they are still apart
    (0 in team 1, 3 in team 0) and the violations are 0, the least possible. Local
    search before kept paired students fixed and stayed at 4."""
    pinned = np.array([-1, 0, 1, -1])
    data = _gender_cohort([0, 0, 1, 1], 2, pinned=pinned, apart=((0, 3),))
    start = np.array([0, 0, 1, 1])
    assert int(team_violations(data, start).sum()) == 4
    result = anneal_balance(data, start, None, 0, seed=0, budget=Budget.start(1.0, 600))
    assert result.tolist() == [1, 0, 1, 0]
    assert keeps_hard_rules(data, result)


def test_an_apart_pair_is_never_joined() -> None:
    """Teams of exactly 2, women 0 and 1 in team 0, men 2 and 3 in team 1; the apart
    pairs (0, 2) and (0, 3) forbid woman 0 from joining either man, and woman 1 is
    pinned to team 0. Balance 0 needs a woman in team 1, which only woman 0 could be:
    the best the rules allow is the start itself (4 violations), and the annealing must
    not break a pair to do better."""
    pinned = np.array([-1, 0, -1, -1])
    data = _gender_cohort([0, 0, 1, 1], 2, pinned=pinned, apart=((0, 2), (0, 3)))
    start = np.array([0, 0, 1, 1])
    result = anneal_balance(data, start, None, 0, seed=3, budget=Budget.start(1.0, 600))
    assert result.tolist() == start.tolist()


def test_the_rank_pass_lowers_ranks_and_keeps_balance() -> None:
    """Teams of exactly 2: women 0 and 1, men 2 and 3, one of each per team (balance 0,
    the optimum). Woman 0 ranks team 1 first, woman 1 team 0; both are in their second
    choice (sum of ranks 2 + 2 + 1 + 1 = 6). The annealing stops at once (balance meets
    the bound 0) and its rank pass swaps the two women: balance 0, ranks 4 (each student
    in a first choice: the least possible)."""
    ranks = np.array([[2, 1], [1, 2], [1, 1], [1, 1]])
    data = _gender_cohort([0, 0, 1, 1], 2, ranks=ranks)
    start = np.array([0, 1, 0, 1])
    before = objective_values(data, start)
    assert (before["balance"], before["choices"]) == (0, 6)
    result = anneal_balance(data, start, None, 0, seed=0, budget=Budget.start(1.0, 600))
    after = objective_values(data, result)
    assert (after["balance"], after["choices"]) == (0, 4)
    assert result.tolist() == [1, 0, 0, 1]


def test_the_rank_pass_never_adds_a_violation() -> None:
    """The sorted cohort already balanced (one of each profile per team, 0 violations):
    the rank pass alone (``polish_ranks``) may only take swaps that keep 0, so the
    result still has 0 and no higher sum of ranks."""
    data, _ = sorted_cohort()
    balanced = np.array([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3])
    assert int(team_violations(data, balanced).sum()) == 0
    rng = np.random.default_rng(0)
    result = polish_ranks(data, balanced, 3, rng, Budget.start(1.0, 600))
    assert int(team_violations(data, result).sum()) == 0
    assert objective_values(data, result)["choices"] <= objective_values(data, balanced)["choices"]
    assert keeps_hard_rules(data, result)


def test_the_new_moves_are_reproducible() -> None:
    """Blocks, apart pairs and the rank pass draw from the one seeded generator: the
    same input and seed give the same assignment."""
    pinned = np.array([-1, -1, 0, 0, -1, -1, -1, -1])
    data = _gender_cohort(
        [0, 0, 0, 0, 1, 1, 1, 1], 4, pinned=pinned, together=((0, 1),), apart=((4, 2),)
    )
    start = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    assert keeps_hard_rules(data, start)
    runs = [
        anneal_balance(data, start, None, -1, seed=5, budget=Budget.start(0.3, 600))
        for _ in range(2)
    ]
    assert (runs[0] == runs[1]).all()
