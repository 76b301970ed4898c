"""Lower bounds on ``balance`` (models.teams) against brute force on tiny problems."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.budget import Budget
from models.teams import (
    StudentGroup,
    TeamData,
    attribute_lower_bounds,
    balance_lower_bound,
    choices_lower_bound,
    objective_values,
)
from models.teams.bounds import unit_lower_bounds
from models.teams.evaluate import within_ranks
from models.teams.incumbent import balance_flow_rounds

ATTRIBUTES = ("background", "vae")


def groups_of(values: list[tuple[int, int]], num_teams: int) -> tuple[StudentGroup, ...]:
    """One group per (attribute, value) held, windows floor/ceil of N_v / K."""
    groups = []
    for a_idx, attribute in enumerate(ATTRIBUTES):
        for value in sorted({v[a_idx] for v in values}):
            members = tuple(i for i, v in enumerate(values) if v[a_idx] == value)
            count = len(members)
            groups.append(
                StudentGroup(
                    f"{attribute}={value}",
                    members,
                    count // num_teams,
                    -(-count // num_teams),
                    attribute=attribute,
                )
            )
    return tuple(groups)


@st.composite
def tiny_problems(draw: st.DrawFn) -> TeamData:
    num_teams = draw(st.integers(2, 3))
    num_students = draw(st.integers(num_teams, 7))
    values = [(draw(st.integers(0, 2)), draw(st.integers(0, 1))) for _ in range(num_students)]
    ranks = np.array(
        [[draw(st.integers(0, 3)) for _ in range(num_teams)] for _ in range(num_students)],
        dtype=np.int64,
    )
    conflict = np.array(
        [[draw(st.integers(0, 5)) == 0 for _ in range(num_teams)] for _ in range(num_students)]
    )
    pinned = np.array(
        [draw(st.sampled_from([-1, -1, -1, -1, 0])) for _ in range(num_students)], dtype=np.int64
    )
    size_min = num_students // num_teams
    size_max = -(-num_students // num_teams) + draw(st.integers(0, 1))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, num_students - 1), st.integers(0, num_students - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=2,
        )
    )
    half = len(pairs) // 2
    return TeamData(
        size_min=np.full(num_teams, size_min, dtype=np.int64),
        size_max=np.full(num_teams, size_max, dtype=np.int64),
        conflict=conflict,
        ranks=ranks,
        balance_groups=groups_of(values, num_teams),
        apart=tuple(pairs[:half]),
        together=tuple(pairs[half:]),
        pinned=pinned,
    )


def assignments(data: TeamData, max_rank: int | None, *, pairs: bool) -> list[np.ndarray]:
    """Every assignment keeping sizes, conflicts, pins, ranks (and pairs if asked)."""
    found = []
    for teams in itertools.product(range(data.num_teams), repeat=data.num_students):
        team_of = np.array(teams, dtype=np.int64)
        students = np.arange(data.num_students)
        sizes = np.bincount(team_of, minlength=data.num_teams)
        if (sizes < data.size_min).any() or (sizes > data.size_max).any():
            continue
        if data.conflict[students, team_of].any():
            continue
        pinned = data.pinned
        if ((pinned >= 0) & (pinned != team_of)).any():
            continue
        if max_rank is not None and data.ranks[students, team_of].max() > max_rank:
            continue
        if pairs and (
            any(team_of[a] != team_of[b] for a, b in data.together)
            or any(team_of[a] == team_of[b] for a, b in data.apart)
        ):
            continue
        found.append(team_of)
    return found


def violations(data: TeamData, team_of: np.ndarray, groups: list[StudentGroup]) -> int:
    total = 0
    for group in groups:
        counts = np.bincount(team_of[list(group.member_idcs)], minlength=data.num_teams)
        total += int(np.maximum(0, np.maximum(counts - group.ceil, group.floor - counts)).sum())
    return total


@settings(
    derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems(), st.sampled_from([None, 1, 2]))
def test_balance_bounds_never_exceed_the_optimum(data: TeamData, max_rank: int | None) -> None:
    """The balance bound never exceeds the brute-force optimum."""
    feasible = assignments(data, max_rank, pairs=True)
    relaxed = assignments(data, max_rank, pairs=False)
    bound = balance_lower_bound(data, max_rank)
    per_attribute = attribute_lower_bounds(data, max_rank)
    if feasible:
        best = min(objective_values(data, team_of)["balance"] for team_of in feasible)
        assert bound <= best
    for attribute in ATTRIBUTES:
        groups = [g for g in data.balance_groups if g.attribute == attribute]
        if relaxed:
            # Sizes, conflicts, pins and ranks alone: the flow is exact for one attribute.
            exact = min(violations(data, team_of, groups) for team_of in relaxed)
            assert per_attribute[attribute] == exact
        if feasible:
            assert per_attribute.get(attribute, 0) <= min(
                violations(data, team_of, groups) for team_of in feasible
            )
    if not relaxed:
        assert bound == 0


def test_attribute_bound_on_a_forced_team() -> None:
    """The per-attribute bound finds the violations an assignment forced by conflicts has."""
    # Two teams of 2; students 0 and 1 (both value A) may only join team 0, so team 0
    # holds two A where the window of A (2 members, 2 teams) is [1, 1]: one over in team
    # 0 and one under in team 1; B mirrors it (none in team 0, two in team 1): 4 in all,
    # which the flow must find since sizes and conflicts force this assignment.
    conflict = np.array([[False, True], [False, True], [False, False], [False, False]])
    data = TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=conflict,
        ranks=np.zeros((4, 2), dtype=np.int64),
        balance_groups=(
            StudentGroup("b=A", (0, 1), 1, 1, attribute="b"),
            StudentGroup("b=B", (2, 3), 1, 1, attribute="b"),
        ),
    )
    assert attribute_lower_bounds(data) == {"b": 4}
    assert balance_lower_bound(data) == 4


@settings(
    derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems(), st.sampled_from([None, 1, 2, 3]), st.integers(0, 3))
def test_choices_bound_never_exceeds_the_optimum(
    data: TeamData, max_rank: int | None, extra: int
) -> None:
    """The Lagrangian choices bound never exceeds the brute-force optimum under a balance cap."""
    feasible = assignments(data, max_rank, pairs=True)
    if not feasible:
        return
    values = [objective_values(data, team_of) for team_of in feasible]
    # Any cap on balance at or above its optimum, as after the balance stage.
    cap = min(v["balance"] for v in values) + extra
    best = min(v["choices"] for v in values if v["balance"] <= cap)
    assert choices_lower_bound(data, max_rank, cap) <= best


@settings(
    derandomize=True, max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems())
def test_flow_rounds_keep_rules_and_never_worsen_balance(data: TeamData) -> None:
    """Flow rounds keep pairs and ranks and never make balance worse."""
    feasible = assignments(data, 2, pairs=True)
    if not feasible:
        return
    team_of = feasible[-1].copy()
    before = objective_values(data, team_of)["balance"]
    balance_flow_rounds(data, team_of, 2, Budget.start(1e9, 1e9))
    students = np.arange(data.num_students)
    sizes = np.bincount(team_of, minlength=data.num_teams)
    assert (sizes >= data.size_min).all() and (sizes <= data.size_max).all()
    assert not data.conflict[students, team_of].any()
    assert ((data.pinned < 0) | (data.pinned == team_of)).all()
    assert within_ranks(data, team_of, 2)
    assert objective_values(data, team_of)["balance"] <= before


def test_a_together_pair_of_one_value_forces_four_violations() -> None:
    """Two teams of exactly 2; students 0 and 1 hold A and must stay together, 2 and 3
    hold B (each value's window [1, 1]). Every valid assignment puts {0, 1} in one team
    and {2, 3} in the other: one A too many and one B too few there, the reverse in the
    other team, 4 violations, the optimum. The flows ignore pairs (one of each per team,
    0); the units count A: 2 held where 1 fits (one too many, and as many too few
    elsewhere since r = 0: 2), B: the pair leaves 0 places where 1 is the floor (one too
    few, one too many elsewhere: 2)."""
    data = TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=np.zeros((4, 2), dtype=bool),
        ranks=np.zeros((4, 2), dtype=np.int64),
        balance_groups=(
            StudentGroup("b=A", (0, 1), 1, 1, attribute="b"),
            StudentGroup("b=B", (2, 3), 1, 1, attribute="b"),
        ),
        together=((0, 1),),
        pinned=np.full(4, -1, dtype=np.int64),
    )
    assert attribute_lower_bounds(data) == {"b": 0}
    assert unit_lower_bounds(data) == {"b": 4}
    assert balance_lower_bound(data) == 4
    best = min(objective_values(data, t)["balance"] for t in assignments(data, None, pairs=True))
    assert best == 4


@st.composite
def own_size_problems(draw: st.DrawFn) -> TeamData:
    """``tiny_problems`` with each team's own size bounds (a commission's min/max_size),
    some of them below a window's floor."""
    data = draw(tiny_problems())
    num_teams, num_students = data.num_teams, data.num_students
    size_min = np.array([draw(st.integers(0, 2)) for _ in range(num_teams)], dtype=np.int64)
    size_max = size_min + np.array(
        [draw(st.integers(0, 3)) for _ in range(num_teams)], dtype=np.int64
    )
    if size_max.sum() < num_students:
        size_max[0] += num_students - size_max.sum()
    return TeamData(
        size_min=size_min,
        size_max=size_max,
        conflict=data.conflict,
        ranks=data.ranks,
        balance_groups=data.balance_groups,
        apart=data.apart,
        together=data.together,
        pinned=data.pinned,
    )


@settings(
    derandomize=True, max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.one_of(tiny_problems(), own_size_problems()), st.sampled_from([None, 1, 2]))
def test_unit_bounds_never_exceed_the_optimum(data: TeamData, max_rank: int | None) -> None:
    """Per attribute, what together groups and pins force never exceeds the fewest
    violations of any valid assignment (brute force), with or without own sizes."""
    feasible = assignments(data, max_rank, pairs=True)
    if not feasible:
        return
    units = unit_lower_bounds(data, max_rank)
    for attribute in ATTRIBUTES:
        groups = [g for g in data.balance_groups if g.attribute == attribute]
        fewest = min(violations(data, team_of, groups) for team_of in feasible)
        assert units.get(attribute, 0) <= fewest
    best = min(objective_values(data, team_of)["balance"] for team_of in feasible)
    assert balance_lower_bound(data, max_rank) <= best
