"""Proven lower bounds on ``balance`` and ``choices`` from per-attribute flows.

Each attribute is relaxed on its own (pairs, no-isolation and the other attributes
ignored), which is why its flow's optimum bounds every true assignment from below.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from models.teams.data import TeamData, joined_groups
from models.teams.evaluate import team_violations
from models.teams.flows import attribute_flow, attribute_flows


def balance_lower_bound(data: TeamData, max_rank: int | None = None) -> int:
    """A proven lower bound on ``balance``: the sum of each attribute's fewest violations.

    Each attribute's relaxed optimum is at most its violations in any assignment keeping
    sizes, conflicts, pins and ranks up to ``max_rank``; so is its count of what together
    groups and pins force (``unit_lower_bounds``: the flows ignore pairs), and the larger
    of the two is taken; the attributes' violations add up to ``balance``. 0 when the
    relaxation has no assignment (then nothing is claimed).
    """
    flows = attribute_lower_bounds(data, max_rank)
    if not flows:
        return 0
    units = unit_lower_bounds(data, max_rank)
    return sum(max(bound, units.get(attribute, 0)) for attribute, bound in flows.items())


def attribute_lower_bounds(data: TeamData, max_rank: int | None = None) -> dict[str, int]:
    """Per balanced attribute, a proven lower bound on its violations (see above)."""
    return {
        attribute: violations
        for attribute, (violations, _) in attribute_flows(data, max_rank).items()
    }


def unit_lower_bounds(data: TeamData, max_rank: int | None = None) -> dict[str, int]:
    """Per balanced attribute, the violations that together groups and pins force.

    A *unit* is a together group (students tied by together pairs) or the students
    pinned to one team, with the groups holding one of them. A unit holding h of a
    value v puts at least h - ceil(v) too many of v in its team; one holding h' of the
    attribute's other values leaves at most size_max - h' places for v, so at least
    h' - max(0, size_max - floor(v)) too few (size_max: its team's, or the largest among
    the teams all its members may join). Units in one team only add to that (each excess
    counts a window's width once, the team's count all of them), so summed over units:
    at least O too many and U too few of v. The counts of v add up to N_v in every
    assignment, so the too many exceed the too few by at most r = N_v - K floor(v) and
    the reverse by at most s = K ceil(v) - N_v: v has at least max(O, U - s) + max(U,
    O - r) violations. (pins-pairs 1,000 x 100 seed 4: two students holding vae=yes must
    stay together, where every team must hold exactly one: 4, the optimum; the flows,
    which ignore pairs, said 0.)
    """
    units = _units(data, max_rank)
    if not units:
        return {}
    num_teams = data.num_teams
    bounds: dict[str, int] = {}
    for attribute, groups in data.groups_by_attribute().items():
        holds = np.zeros((len(groups), data.num_students), dtype=np.int64)
        for g_idx, group in enumerate(groups):
            holds[g_idx, list(group.member_idcs)] = 1
        total = 0
        for g_idx, group in enumerate(groups):
            over = under = 0
            for members, size_max in units:
                mine = int(holds[g_idx, members].sum())
                others = int(holds[:, members].sum()) - mine
                over += max(0, mine - group.ceil)
                # Places the unit leaves for v beyond the window's floor: none left to
                # spare where the team is smaller than the floor (the flows count that).
                under += max(0, others - max(0, size_max - group.floor))
            held = len(group.member_idcs)
            r, s = held - num_teams * group.floor, num_teams * group.ceil - held
            total += max(over, under - s) + max(under, over - r)
        bounds[attribute] = total
    return bounds


def _units(data: TeamData, max_rank: int | None) -> list[tuple[list[int], int]]:
    """Together groups and per-team pins, merged where they share a student, each with
    the largest size_max among the teams it may be in (its pinned team, if any)."""
    # Each pinned student tied to the first one pinned to the same team.
    pinned = data.pinned_or_none()
    first_pinned: dict[int, int] = {}
    links = [
        (i, first_pinned.setdefault(int(pinned[i]), i)) for i in np.nonzero(pinned >= 0)[0].tolist()
    ]
    groups = joined_groups(data.num_students, [*links, *data.together])
    allowed = data.allowed_pairs(max_rank)
    units = []
    for group in groups:
        teams = np.nonzero(allowed[group].all(axis=0))[0]
        if len(teams):
            units.append((group, int(data.size_max[teams].max())))
    return units


def choices_lower_bound(data: TeamData, max_rank: int | None, balance: int) -> int:
    """A proven lower bound on ``choices`` once ``balance`` is at most ``balance``.

    In any such assignment an attribute has at most ``balance`` minus the other
    attributes' lower bounds (``attribute_lower_bounds``) as violations. For one attribute
    with that budget b and any weight w >= 0, the sum of ranks is at least the minimum over
    the relaxed assignments (sizes, conflicts, pins, ranks up to ``max_rank``) of
    ranks + w * (violations - b) -- a Lagrangian bound, each minimum one min-cost flow.
    The best over a few weights and the attributes is returned (0 if nothing is proven).
    """
    flows = attribute_flows(data, max_rank)
    if not flows:
        return 0
    allowed = data.allowed_pairs(max_rank)
    total_bound = sum(violations for violations, _ in flows.values())
    students = np.arange(data.num_students)
    # With no budget, a weight above any sum of ranks makes the flow keep the windows.
    exact = int(data.ranks.max(initial=0)) * data.num_students + 1
    best = 0
    for attribute, groups in data.groups_by_attribute().items():
        budget = balance - (total_bound - flows[attribute][0])
        for weight in (exact,) if budget == 0 else (1, 2, 4, 8):
            found = attribute_flow(data, allowed, groups, weight=weight)
            if found is None:
                return 0
            team_of = found[1]
            ranks = int(data.ranks[students, team_of].sum())
            violations = int(
                team_violations(replace(data, balance_groups=tuple(groups)), team_of).sum()
            )
            best = max(best, ranks + weight * (violations - budget))
    return best
