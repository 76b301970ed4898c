"""Proven lower bounds on ``balance`` and ``choices`` from per-attribute flows.

Each attribute is relaxed on its own (pairs, no-isolation and the other attributes
ignored), which is why its flow's optimum bounds every true assignment from below.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from models.teams.data import TeamData
from models.teams.evaluate import team_violations
from models.teams.flows import attribute_flow, attribute_flows


def balance_lower_bound(data: TeamData, max_rank: int | None = None) -> int:
    """A proven lower bound on ``balance``: the sum of each attribute's fewest violations.

    Each attribute's relaxed optimum is at most its violations in any assignment keeping
    sizes, conflicts, pins and ranks up to ``max_rank``; the attributes' violations add
    up to ``balance``. 0 when the relaxation has no assignment (then nothing is claimed).
    """
    return sum(attribute_lower_bounds(data, max_rank).values())


def attribute_lower_bounds(data: TeamData, max_rank: int | None = None) -> dict[str, int]:
    """Per balanced attribute, a proven lower bound on its violations (see above)."""
    return {
        attribute: violations
        for attribute, (violations, _) in attribute_flows(data, max_rank).items()
    }


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
