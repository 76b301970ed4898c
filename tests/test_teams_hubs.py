"""Flows with shared hubs for unlisted teams (``models.teams.flows``) against the same flows
with one arc per student-team pair, and against brute force, on tiny problems.

Large cohorts (over ``work.AGGREGATE_PAIRS`` usable pairs) send the students who may join
any team through one node per unlisted rank; the limit is set to 0 here so that tiny
problems take that path, and their optima must be those of the plain flows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_teams_bounds import assignments, tiny_problems, violations

from models.teams import TeamData, attribute_lower_bounds, choices_lower_bound
from models.teams import work as team_work
from models.teams.flows import attribute_flows, start_assignment


@contextmanager
def hubs(limit: int) -> Iterator[None]:
    """Flows over more than ``limit`` usable pairs share hubs, within the block."""
    before = team_work.AGGREGATE_PAIRS
    team_work.AGGREGATE_PAIRS = limit
    try:
        yield
    finally:
        team_work.AGGREGATE_PAIRS = before


def keeps_flow_rules(data: TeamData, team_of: np.ndarray, max_rank: int | None) -> bool:
    """Sizes, conflicts, pins and the rank limit: the rules every flow keeps."""
    students = np.arange(data.num_students)
    sizes = np.bincount(team_of, minlength=data.num_teams)
    return bool(
        (team_of >= 0).all()
        and (sizes >= data.size_min).all()
        and (sizes <= data.size_max).all()
        and not data.conflict[students, team_of].any()
        and ((data.pinned_or_none() < 0) | (data.pinned_or_none() == team_of)).all()
        and (max_rank is None or data.ranks[students, team_of].max() <= max_rank)
    )


@settings(
    derandomize=True, max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems())
def test_start_with_hubs_has_the_plain_flows_optima(data: TeamData) -> None:
    """The start's three optima (worst choice, ranks at it, ranks) are the plain flows' and
    brute force's, and its assignment keeps sizes, conflicts and pins."""
    plain = start_assignment(data)
    with hubs(0):
        shared = start_assignment(data)
    assert (plain is None) == (shared is None)
    if plain is None or shared is None:
        return
    assert shared.worst_choice_bound == plain.worst_choice_bound
    assert shared.choices_bound_at_worst == plain.choices_bound_at_worst
    assert shared.choices_bound == plain.choices_bound
    assert keeps_flow_rules(data, shared.team_of, None)
    relaxed = assignments(data, None, pairs=False)
    students = np.arange(data.num_students)
    # Brute force over sizes, conflicts and pins: the same smallest sum of ranks.
    assert shared.choices_bound == min(int(data.ranks[students, t].sum()) for t in relaxed)


@settings(
    derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_problems(), st.sampled_from([None, 1, 2]), st.integers(0, 2))
def test_attribute_flows_with_hubs_have_the_plain_optima(
    data: TeamData, max_rank: int | None, extra: int
) -> None:
    """Per attribute, the fewest violations with hubs are the plain flow's and brute
    force's, and the Lagrangian choices bound is unchanged."""
    plain_bounds = attribute_lower_bounds(data, max_rank)
    plain_choices = choices_lower_bound(data, max_rank, sum(plain_bounds.values()) + extra)
    with hubs(0):
        shared = attribute_flows(data, max_rank)
        shared_choices = choices_lower_bound(data, max_rank, sum(plain_bounds.values()) + extra)
    assert {a: v for a, (v, _) in shared.items()} == plain_bounds
    assert shared_choices == plain_choices
    relaxed = assignments(data, max_rank, pairs=False)
    for attribute, (found, team_of) in shared.items():
        groups = [g for g in data.balance_groups if g.attribute == attribute]
        assert keeps_flow_rules(data, team_of, max_rank)
        # The assignment returned reaches the count it claims.
        assert violations(data, team_of, groups) == found
        assert found == min(violations(data, t, groups) for t in relaxed)


def test_hubs_shrink_the_flow() -> None:
    """Students listing one team of three and free to join any share one hub: the start
    keeps its optimum with 4 direct arcs + 4 hub arcs + 3 hub-team arcs (11 instead of 12).

    Four students, three teams of sizes 1-2; each lists team 0 first (rank 1), the others
    rank 2. Two may join team 0, so the smallest sum of ranks is 1 + 1 + 2 + 2 = 6 and the
    worst choice 2.
    """
    ranks = np.array([[1, 2, 2]] * 4, dtype=np.int64)
    data = TeamData(
        size_min=np.array([1, 1, 1]),
        size_max=np.array([2, 2, 2]),
        conflict=np.zeros((4, 3), dtype=bool),
        ranks=ranks,
    )
    with hubs(0):
        found = start_assignment(data)
        assert team_work.flow_arcs(data, data.allowed_pairs()) == 4 + 4 + 3
    assert found is not None
    assert (found.worst_choice_bound, found.choices_bound) == (2, 6)
    assert keeps_flow_rules(data, found.team_of, None)
