"""Shortcuts taken for the 60-student run time (issue 17) give what the plain code gave.

``team_violations`` counts every (group, team) in one ``bincount`` instead of a loop over
the groups; ``TeamModel.hint_assignment`` appends the hint to the proto in one call per
field instead of one ``add_hint`` per variable. Each is checked against the plain
computation it replaced, on seeded random cohorts.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from models.teams import StudentGroup, TeamData, TeamModel
from models.teams.evaluate import team_violations, window_gaps


def _groups(values: list[int], num_teams: int) -> tuple[StudentGroup, ...]:
    """One balance group per value, window floor/ceil of its count over the teams."""
    groups = []
    for value in sorted(set(values)):
        members = tuple(i for i, v in enumerate(values) if v == value)
        groups.append(
            StudentGroup(
                f"background={value}",
                members,
                len(members) // num_teams,
                -(-len(members) // num_teams),
                attribute="background",
            )
        )
    return tuple(groups)


def _data(rng: np.random.Generator, num_students: int, num_teams: int) -> TeamData:
    """A random cohort: up to 3 listed teams each, two balanced attributes."""
    ranks = np.zeros((num_students, num_teams), dtype=np.int64)
    for i in range(num_students):
        listed = rng.permutation(num_teams)[:3]
        ranks[i] = len(listed) + 1
        ranks[i, listed] = np.arange(1, len(listed) + 1)
    first = _groups(rng.integers(0, 3, num_students).tolist(), num_teams)
    second = _groups(rng.integers(0, 2, num_students).tolist(), num_teams)
    return TeamData(
        size_min=np.full(num_teams, num_students // num_teams, dtype=np.int64),
        size_max=np.full(num_teams, -(-num_students // num_teams), dtype=np.int64),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=first + second,
        experience=rng.integers(0, 60, num_students),
    )


def _plain_violations(data: TeamData, team_of: np.ndarray) -> np.ndarray:
    """The former loop: one count per group, its window gaps added per team."""
    per_team = np.zeros(data.num_teams, dtype=np.int64)
    for group in data.balance_groups:
        counts = np.bincount(team_of[list(group.member_idcs)], minlength=data.num_teams)
        per_team += window_gaps(counts, group.floor, group.ceil)
    return per_team


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 6), st.integers(0, 30))
def test_team_violations_equal_the_loop_over_groups(seed: int, teams: int, extra: int) -> None:
    """Per team, the one-count violations equal the loop's, for any assignment."""
    rng = np.random.default_rng(seed)
    data = _data(rng, 2 * teams + extra, teams)
    for _ in range(3):
        team_of = rng.integers(0, teams, data.num_students)
        assert team_violations(data, team_of).tolist() == _plain_violations(data, team_of).tolist()


def test_team_violations_follow_new_groups_of_the_same_cohort() -> None:
    """Another ``balance_groups`` tuple (as the bounds build per attribute) is not served
    from the cache of the previous one."""
    rng = np.random.default_rng(1)
    data = _data(rng, 24, 4)
    team_of = rng.integers(0, 4, 24)
    whole = team_violations(data, team_of).tolist()
    for k in range(len(data.balance_groups)):
        part = TeamData(**{**data.__dict__, "balance_groups": data.balance_groups[k : k + 1]})
        assert team_violations(part, team_of).tolist() == _plain_violations(part, team_of).tolist()
    assert team_violations(data, team_of).tolist() == whole
    # No groups at all: no violations (and no empty bincount).
    empty = TeamData(**{**data.__dict__, "balance_groups": ()})
    assert team_violations(empty, team_of).tolist() == [0, 0, 0, 0]


def _hint_one_by_one(model: TeamModel, team_of: np.ndarray) -> tuple[list[int], list[int]]:
    """The hint as per-variable ``add_hint`` calls wrote it (the former code)."""
    model.model.clear_hints()
    data = model.data
    pooled = {profile: np.zeros(data.num_teams, dtype=np.int64) for profile in model.pool_vars}
    for type_idx, row in enumerate(model.x_vars):
        members = model.types.members[type_idx]
        counts = np.bincount(team_of[members], minlength=data.num_teams)
        for t, var in row.items():
            model.model.add_hint(var, int(counts[t]))
        exit_var = model.exit_vars[type_idx]
        if exit_var is not None:
            unlisted = counts.copy()
            unlisted[list(row)] = 0
            if not isinstance(exit_var, int):
                model.model.add_hint(exit_var, int(unlisted.sum()))
            pooled[model.types.profile[type_idx]] += unlisted
    for profile, pool_vars in model.pool_vars.items():
        for t, var in enumerate(pool_vars):
            model.model.add_hint(var, int(pooled[profile][t]))
    hint = model.model.proto.solution_hint
    return list(hint.vars), list(hint.values)


def test_hint_assignment_writes_the_proto_add_hint_wrote() -> None:
    """Pooled and per-student models: the same variables and values, in the same order."""
    rng = np.random.default_rng(7)
    data = _data(rng, 40, 5)
    for pool in (True, False):
        team_model = TeamModel(data, pool=pool)
        team_model.objectives()
        for _ in range(3):
            team_of = rng.integers(0, 5, 40)
            expected = _hint_one_by_one(team_model, team_of)
            team_model.model.clear_hints()
            team_model.hint_assignment(team_of)
            hint = team_model.model.proto.solution_hint
            assert (list(hint.vars), list(hint.values)) == expected
            assert expected[0], "the model should have hinted variables"
