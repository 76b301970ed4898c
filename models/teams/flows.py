"""Min-cost flows over students and teams: the start assignment and per-attribute flows.

A flow keeps team sizes, conflicts of interest and pins and relaxes every other rule, so
its optimum is a valid lower bound for the model's (see ``bounds``) and its assignment a
cheap start for CP-SAT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from models.teams.data import BoolArray, IntArray, StudentGroup, TeamData
from models.teams.local_search import repair_pairs


@dataclass(frozen=True)
class StartAssignment:
    """A quick assignment from min-cost flows, and the lower bounds those flows prove."""

    team_of: IntArray
    #: Smallest worst choice over assignments keeping sizes, conflicts and pins.
    worst_choice_bound: int
    #: Smallest sum of ranks among those whose worst choice is ``worst_choice_bound``.
    choices_bound_at_worst: int
    #: Smallest sum of ranks with no limit on the worst choice.
    choices_bound: int


def start_assignment(data: TeamData) -> StartAssignment | None:
    """A quick assignment as min-cost flows: a hint, and lower bounds for the model.

    Keeps team sizes, conflicts of interest and pins; among those, the fewest moves from
    the previous assignment, then the smallest worst choice, then the smallest sum of
    ranks. Pairs, no-isolation and balance are ignored (CP-SAT repairs the hint), which
    makes the flows relaxations: their optima bound the model's from below. None when
    sizes, conflicts and pins alone admit no assignment.
    """
    num_students, num_teams = data.num_students, data.num_teams
    if num_teams == 0 or not data.size_min.sum() <= num_students <= data.size_max.sum():
        return None
    previous = data.previous_or_none()
    allowed = data.allowed_pairs()
    ranks = data.ranks
    stays = np.zeros_like(allowed)
    moved_rows = np.nonzero(previous >= 0)[0]
    stays[moved_rows, previous[moved_rows]] = True
    # Staying put outweighs any rank: what-if moves come first.
    move_cost = int(ranks.max(initial=0)) * num_students + 1
    costs = ranks + move_cost * ((previous >= 0)[:, None] & ~stays)
    free = _assignment_flow(data, allowed, costs)
    if free is None:
        return None
    choices_bound = int(ranks[np.arange(num_students), free].sum())
    # bincount, not np.unique: that loads numpy.ma (~10 ms of a 60-student run).
    present = np.nonzero(np.bincount(ranks.ravel(), minlength=1))[0]
    for worst in (int(r) for r in present if r > 0):
        team_of = _assignment_flow(data, allowed & ((ranks <= worst) | stays), costs)
        if team_of is not None:
            chosen = int(ranks[np.arange(num_students), team_of].sum())
            repair_pairs(data, team_of)
            return StartAssignment(team_of, worst, chosen, choices_bound)
    repair_pairs(data, free)
    return StartAssignment(free, 0, 0, 0)


def _assignment_flow(data: TeamData, usable: BoolArray, costs: IntArray) -> IntArray | None:
    """Team of each student in a min-cost assignment using only ``usable`` pairs, or None."""
    num_students = data.num_students
    student_idcs, team_idcs = np.nonzero(usable)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        student_idcs, num_students + team_idcs, np.ones_like(student_idcs), costs[usable]
    )
    return _solve_with_team_sizes(flow, data, num_students, student_idcs, team_idcs)


def _solve_with_team_sizes(
    flow: min_cost_flow.SimpleMinCostFlow,
    data: TeamData,
    team_node: int,
    student_idcs: IntArray,
    team_idcs: IntArray,
) -> IntArray | None:
    """Complete and solve a flow whose first arcs take each student towards a team.

    Nodes 0..N-1 are the students (one unit each), ``team_node``.. the K teams and the
    node after them a common sink: team t demands its minimum size and sends up to the
    rest of its maximum on to the sink. Returns the team of each student, read off the
    first ``len(student_idcs)`` arcs, or None when no flow exists.
    """
    num_students, num_teams = data.num_students, data.num_teams
    size_min, size_max = data.size_min.astype(np.int64), data.size_max.astype(np.int64)
    sink = team_node + num_teams
    flow.add_arcs_with_capacity_and_unit_cost(
        team_node + np.arange(num_teams),
        np.full(num_teams, sink),
        size_max - size_min,
        np.zeros(num_teams, dtype=np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:num_students] = 1
    supplies[team_node:sink] = -size_min
    supplies[sink] = size_min.sum() - num_students
    flow.set_nodes_supplies(np.arange(sink + 1), supplies)
    if flow.solve() != flow.OPTIMAL:
        return None
    used = flow.flows(np.arange(len(student_idcs))) > 0
    team_of = np.full(num_students, -1, dtype=np.int64)
    team_of[student_idcs[used]] = team_idcs[used]
    return team_of


def attribute_flow(
    data: TeamData,
    allowed: BoolArray,
    groups: Sequence[StudentGroup],
    student_costs: IntArray | None = None,
    weight: int | None = None,
) -> tuple[int, IntArray] | None:
    """Fewest balance violations of one attribute's values, other rules relaxed, or None.

    Returns the fewest violations and an assignment reaching them with the smallest sum of
    ranks among those (a start for the balance stage). With ``student_costs`` (N, K) in
    place of the ranks and a ``weight`` per violation, the flow is a heuristic move and the
    count it returns is no bound.

    A min-cost flow: each student sends one unit to a team, through a (value, team) node
    when they hold one of ``groups``' values. The violation of a count c against
    [floor, ceil] is convex in c, so three parallel arcs price its units (1 up to floor, 2
    up to ceil, 3 beyond, i.e. the violation plus c plus a constant) and the flow fills the
    cheapest first. Team sizes keep their bounds as in the start assignment. Ranks are
    priced on the students' arcs, each violation unit outweighing every rank sum.
    """
    num_students, num_teams = data.num_students, data.num_teams
    num_groups = len(groups)
    if student_costs is None:
        student_costs = data.ranks
        weight = int(data.ranks.max(initial=0)) * num_students + 1
    assert weight is not None
    group_of = np.full(num_students, -1, dtype=np.int64)
    for g_idx, group in enumerate(groups):
        group_of[list(group.member_idcs)] = g_idx
    value_node = num_students  # first (value, team) node
    team_node = value_node + num_groups * num_teams
    student_idcs, team_idcs = np.nonzero(allowed)
    g_of_arc = group_of[student_idcs]
    heads = np.where(
        g_of_arc >= 0, value_node + g_of_arc * num_teams + team_idcs, team_node + team_idcs
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        student_idcs, heads, np.ones_like(student_idcs), student_costs[student_idcs, team_idcs]
    )
    offset = 0
    for g_idx, group in enumerate(groups):
        size = len(group.member_idcs)
        tails = value_node + g_idx * num_teams + np.arange(num_teams)
        heads_t = team_node + np.arange(num_teams)
        for capacity, cost in ((group.floor, 1), (group.ceil - group.floor, 2), (size, 3)):
            if capacity > 0:
                flow.add_arcs_with_capacity_and_unit_cost(
                    tails,
                    heads_t,
                    np.full(num_teams, capacity, dtype=np.int64),
                    np.full(num_teams, cost * weight, dtype=np.int64),
                )
        # Units priced 1 / 2 / 3 make a count c cost violation(c) + 2c - floor, so the
        # sum over teams is the violations plus 2 * size - K * floor.
        offset += 2 * size - num_teams * group.floor
    team_of = _solve_with_team_sizes(flow, data, team_node, student_idcs, team_idcs)
    if team_of is None:
        return None
    return int(flow.optimal_cost()) // weight - offset, team_of


def attribute_flows(data: TeamData, max_rank: int | None) -> dict[str, tuple[int, IntArray]]:
    """``attribute_flow`` for each balanced attribute; empty if one has no assignment."""
    if data.num_teams == 0 or not data.balance_groups:
        return {}
    allowed = data.allowed_pairs(max_rank)
    flows = {}
    for attribute, groups in data.groups_by_attribute().items():
        found = attribute_flow(data, allowed, groups)
        if found is None:
            return {}
        flows[attribute] = found
    return flows
