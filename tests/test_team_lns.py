"""Balance by large neighbourhoods (``models.teams.team_lns``): a size-changing move that
no swap can replace, every hard rule kept (sizes with a commission's own bounds, pins,
pairs, conflicts, no-isolation, the worst choice), never worse, and reproducible."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_balance_anneal import _gender_cohort, _groups, cohorts

from models.budget import Budget
from models.solve import SolveParams
from models.teams.data import StudentGroup, TeamData
from models.teams.evaluate import keeps_hard_rules, objective_values, team_violations
from models.teams.solve import solve_teams
from models.teams.team_lns import _next_size, lns_balance

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)


def _budget(units: float = 2.0) -> Budget:
    return Budget.start(units, 600)


def test_only_a_size_changing_move_reaches_the_optimum() -> None:
    """Two teams of 1 to 3 students, two women (0, 1) and two men (2, 3): each gender's
    window is [1, 1] (2 / 2). The start puts 0, 1 and 2 in team 0 and 3 alone in team 1:
    team 0 has one woman too many, team 1 one too few (2 violations). Any swap keeps the
    sizes 3 and 1, and a team of one student holds either no woman or no man: at least 1
    violation there, and its complement in the other team, so swaps never get below 2.
    Moving one woman to team 1 (sizes 2 and 2) gives one of each per team: 0 violations,
    which nothing can beat. Students 2 and 3 are pinned, so a swap of a man is impossible
    anyway; the neighbourhood must move a woman alone."""
    pinned = np.array([-1, -1, 0, 1])
    data = replace(
        _gender_cohort([0, 0, 1, 1], 2, pinned=pinned),
        size_min=np.array([1, 1]),
        size_max=np.array([3, 3]),
    )
    start = np.array([0, 0, 0, 1])
    assert keeps_hard_rules(data, start)
    assert int(team_violations(data, start).sum()) == 2
    result = lns_balance(data, start, None, 0, PARAMS, _budget())
    assert int(team_violations(data, result).sum()) == 0
    assert keeps_hard_rules(data, result)
    assert sorted(np.bincount(result, minlength=2).tolist()) == [2, 2]
    assert result[2] == 0 and result[3] == 1


def test_own_size_bounds_are_kept_even_where_they_cost_balance() -> None:
    """As above, but team 1's own bounds are exactly 1 student (a commission's own
    min_size = max_size = 1) and team 0's exactly 3: no woman may move, so the start's 2
    violations are the best the rules allow and the result must keep the sizes."""
    pinned = np.array([-1, -1, 0, 1])
    data = replace(
        _gender_cohort([0, 0, 1, 1], 2, pinned=pinned),
        size_min=np.array([3, 1]),
        size_max=np.array([3, 1]),
    )
    start = np.array([0, 0, 0, 1])
    result = lns_balance(data, start, None, 0, PARAMS, _budget())
    assert result.tolist() == start.tolist()


def test_a_team_with_room_takes_a_student_without_giving_one_back() -> None:
    """Three teams of 2 to 4 students; women 0-2 and men 3-5 (windows [1, 1] for each:
    2 violations per team with two of a gender and none of the other). Start: team 0
    {0, 1, 3, 4} (4 students: 2 + 2, one woman and one man too many: 2 violations),
    team 1 {2} (no man: 1), team 2 {5} (no woman: 1), 4 in all. Men 3 and 4 may not join
    team 1 (conflicts of interest) and women 0 and 1 not team 2, so the only way to 0 is
    woman 0 or 1 to team 2 and man 3 or 4 to team 1: two moves that change all three
    sizes (to 2, 2, 2), one of each per team, 0 violations (the least possible)."""
    conflict = np.zeros((6, 3), dtype=bool)
    conflict[[3, 4], 1] = True
    conflict[[0, 1], 2] = True
    data = replace(
        _gender_cohort([0, 0, 0, 1, 1, 1], 2, conflict=conflict),
        size_min=np.array([2, 1, 1]),
        size_max=np.array([4, 4, 4]),
        balance_groups=tuple(_groups(np.array([0, 0, 0, 1, 1, 1]), "gender", 3)),
    )
    start = np.array([0, 0, 1, 0, 0, 2])
    assert keeps_hard_rules(data, start)
    assert int(team_violations(data, start).sum()) == 4
    result = lns_balance(data, start, None, 0, PARAMS, _budget())
    assert int(team_violations(data, result).sum()) == 0
    assert keeps_hard_rules(data, result)


def test_pairs_and_no_isolation_hold_in_a_neighbourhood() -> None:
    """Two teams of 2 to 4, women 0-3 and men 4-7 (windows [2, 2]). Team 0 holds the
    women, team 1 the men (8 violations). Women 0 and 1 must stay together, woman 2 and
    man 4 apart, and the no-isolation group {0, 1, 5, 6} needs 0 or at least 2 of its
    members per team (the start has 2 and 2). Balance 0 (two of each per team) is
    reachable: 0 and 1 to team 1, men 5 and 6 to team 0 (group counts 2 and 2, 2 and 4
    apart); the neighbourhood must find a 0 that keeps all three rules."""
    data = replace(
        _gender_cohort([0, 0, 0, 0, 1, 1, 1, 1], 4, together=((0, 1),), apart=((2, 4),)),
        size_min=np.array([2, 2]),
        size_max=np.array([6, 6]),
        isolation_groups=(StudentGroup("iso", (0, 1, 5, 6)),),
    )
    start = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    assert keeps_hard_rules(data, start)
    result = lns_balance(data, start, None, 0, PARAMS, _budget())
    assert int(team_violations(data, result).sum()) == 0
    assert keeps_hard_rules(data, result)
    assert result[0] == result[1] and result[2] != result[4]


def test_the_worst_choice_is_a_limit() -> None:
    """The first test's cohort where woman 0 ranks team 1 third and woman 1 ranks it
    second (both rank team 0 first): within worst choice 2 only woman 1 may move, and
    she does (0 violations, worst choice 2); within worst choice 1 nobody may, and the
    start stays."""
    pinned = np.array([-1, -1, 0, 1])
    ranks = np.array([[1, 3], [1, 2], [1, 1], [1, 1]])
    data = replace(
        _gender_cohort([0, 0, 1, 1], 2, pinned=pinned, ranks=ranks),
        size_min=np.array([1, 1]),
        size_max=np.array([3, 3]),
    )
    start = np.array([0, 0, 0, 1])
    result = lns_balance(data, start, 2, 0, PARAMS, _budget())
    assert result.tolist() == [0, 1, 0, 1]
    assert lns_balance(data, start, 1, 0, PARAMS, _budget()).tolist() == start.tolist()


def test_a_start_that_breaks_a_rule_is_returned_as_it_is() -> None:
    """Team sizes 3 and 1 against bounds of exactly 2: not a valid start, no search."""
    data = _gender_cohort([0, 0, 1, 1], 2)
    start = np.array([0, 0, 0, 1])
    assert (lns_balance(data, start, None, 0, PARAMS, _budget()) == start).all()


def test_neighbourhoods_grow_when_proven_and_shrink_when_not() -> None:
    """A quarter more (at least one) after a proven neighbourhood, up to half the teams;
    a third fewer after an unproven one, down to 3."""
    assert _next_size(8, True, 100) == 10
    assert _next_size(3, True, 100) == 4
    assert _next_size(48, True, 100) == 50
    assert _next_size(9, False, 100) == 6
    assert _next_size(4, False, 100) == 3
    assert _next_size(3, True, 4) == 3


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts(), st.integers(0, 3))
def test_neighbourhoods_never_break_a_hard_rule(data: TeamData, seed: int) -> None:
    """From a valid start (CP-SAT's, worst choice only), the result keeps every hard rule
    (sizes, conflicts, the pin, both pairs, no-isolation), has no more violations, no
    worse a worst choice, and the same seed gives the same result."""
    solved = solve_teams(replace(data, priorities=("worst_choice",)), PARAMS)
    if solved.team_of is None:
        return
    start = solved.team_of
    worst = objective_values(data, start)["worst_choice"]
    params = replace(PARAMS, seed=seed)
    result = lns_balance(data, start, worst, 0, params, _budget(0.3))
    assert keeps_hard_rules(data, result)
    before, after = objective_values(data, start), objective_values(data, result)
    assert after["balance"] <= before["balance"]
    assert after["worst_choice"] <= worst
    again = lns_balance(data, start, worst, 0, params, _budget(0.3))
    assert (again == result).all()
