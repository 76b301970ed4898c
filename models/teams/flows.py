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

from models import interrupt
from models.teams.data import BoolArray, IntArray, StudentGroup, TeamData
from models.teams.local_search import repair_isolation, repair_pairs
from models.teams.work import aggregates


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
    ranks. Pairs, no-isolation and balance are ignored, which makes the flows relaxations:
    their optima bound the model's from below; the assignment is then repaired for pairs
    and no-isolation by swaps (``local_search``), as far as greedy swaps can. None when
    sizes, conflicts and pins alone admit no assignment.
    """
    num_students, num_teams = data.num_students, data.num_teams
    if num_teams == 0 or not data.size_min.sum() <= num_students <= data.size_max.sum():
        return None
    previous = data.previous_or_none()
    allowed = data.allowed_pairs()
    ranks = data.ranks
    moved_rows = np.nonzero(previous >= 0)[0]
    stays: BoolArray | None = None
    costs = ranks
    if len(moved_rows):
        # (N, K) arrays only for what-if moves (10,000 x 1,000: 80 MB each).
        stays = np.zeros_like(allowed)
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
        within = ranks <= worst if stays is None else (ranks <= worst) | stays
        team_of = _assignment_flow(data, allowed & within, costs)
        if team_of is not None:
            chosen = int(ranks[np.arange(num_students), team_of].sum())
            repair_pairs(data, team_of)
            repair_isolation(data, team_of)
            return StartAssignment(team_of, worst, chosen, choices_bound)
    repair_pairs(data, free)
    repair_isolation(data, free)
    return StartAssignment(free, 0, 0, 0)


def _assignment_flow(data: TeamData, usable: BoolArray, costs: IntArray) -> IntArray | None:
    """Team of each student in a min-cost assignment using only ``usable`` pairs, or None.

    ``costs`` must equal the ranks for the students ``TeamData.unlisted_rank`` names (they
    may share hubs, see ``_StudentArcs``).
    """
    num_students = data.num_students
    flow = min_cost_flow.SimpleMinCostFlow()
    no_group = np.full(num_students, -1, dtype=np.int64)
    arcs = _StudentArcs.add(flow, data, usable, costs, no_group, num_students, num_students)
    return _solve_with_team_sizes(flow, data, num_students, arcs)


@dataclass(frozen=True)
class _StudentArcs:
    """The arcs taking each student towards a team, the first ones added to a flow.

    Direct arcs (student, team) come first. On large flows (more than ``AGGREGATE_PAIRS``
    usable pairs), a student who may join any team and ranks every team they did not list
    alike (``TeamData.unlisted_rank``) gets direct arcs only to the teams they listed,
    and one arc, priced at their unlisted rank, to a *hub* shared by the students of that
    rank (and value, in an attribute's flow); the hub reaches every team. Each real
    assignment is a flow of the same cost, and a hub's flow decodes into an assignment at
    least as good (a student the hub sends to a team they listed counts at the unlisted
    rank in the flow): the optimum is the same, with ~N x (choices + 1) + hubs x K arcs
    instead of N x K, plus the full rows of the students who cannot share a hub (10,000 x
    1,000: 452,000 instead of 10 M, 390,000 of them for 393 conflicts of interest).
    """

    student_idcs: IntArray
    team_idcs: IntArray
    #: Students sent through a hub (their arcs follow the direct ones), and their hub.
    hub_students: IntArray
    hub_of: IntArray
    num_hubs: int
    num_teams: int

    @classmethod
    def add(
        cls,
        flow: min_cost_flow.SimpleMinCostFlow,
        data: TeamData,
        usable: BoolArray,
        costs: IntArray,
        group_of: IntArray,
        value_node: int,
        team_node: int,
        hubs: bool = True,
    ) -> _StudentArcs:
        """Add the arcs to ``flow``: to node ``value_node + g * K + t`` for a student of
        group g >= 0 (``group_of``) and team t, else ``team_node + t``; hubs are the nodes
        after the sink (``team_node + K``). ``hubs`` False: one arc per usable pair (costs
        that are not the ranks)."""
        num_teams = data.num_teams
        # A what-if's student placed before prices every team but their own at its rank
        # plus the move's cost: alike on the teams they did not list, so they share hubs
        # at that price too (without them: 10,000 x 1,667 arcs, a what-if's peak 2.1 GB).
        previous = data.previous_or_none() >= 0
        worst = costs.max(axis=1) if costs.size else np.zeros(len(previous), np.int64)
        unlisted = np.where(previous, worst, data.unlisted_rank())
        hubbed = (unlisted >= 0) & usable.all(axis=1)
        if not hubs or not aggregates(usable):
            hubbed[:] = False
        direct = usable & ~(hubbed[:, None] & (costs == unlisted[:, None]))
        student_idcs, team_idcs = np.nonzero(direct)
        flow.add_arcs_with_capacity_and_unit_cost(
            student_idcs,
            _heads(group_of[student_idcs], team_idcs, value_node, team_node, num_teams),
            np.ones_like(student_idcs),
            costs[direct],
        )
        hub_students = np.nonzero(hubbed)[0]
        keys = (group_of[hub_students] + 1) * (int(unlisted.max(initial=0)) + 1)
        keys += unlisted[hub_students]
        # Hubs numbered in the order of their keys (bincount, not np.unique: numpy.ma).
        present = np.nonzero(np.bincount(keys, minlength=1))[0]
        number = np.zeros(int(present[-1]) + 1 if len(present) else 1, dtype=np.int64)
        number[present] = np.arange(len(present))
        hub_of = number[keys]
        num_hubs = len(present) if len(hub_students) else 0
        first_hub = team_node + num_teams + 1
        flow.add_arcs_with_capacity_and_unit_cost(
            hub_students,
            first_hub + hub_of,
            np.ones_like(hub_students),
            unlisted[hub_students],
        )
        hub_group = np.zeros(num_hubs, dtype=np.int64)
        hub_group[hub_of] = group_of[hub_students]
        teams = np.tile(np.arange(num_teams), num_hubs)
        flow.add_arcs_with_capacity_and_unit_cost(
            np.repeat(first_hub + np.arange(num_hubs), num_teams),
            _heads(np.repeat(hub_group, num_teams), teams, value_node, team_node, num_teams),
            np.repeat(np.bincount(hub_of, minlength=num_hubs), num_teams),
            np.zeros(num_hubs * num_teams, dtype=np.int64),
        )
        return cls(student_idcs, team_idcs, hub_students, hub_of, num_hubs, num_teams)

    def decode(self, flow: min_cost_flow.SimpleMinCostFlow, team_of: IntArray) -> None:
        """Each student's team in ``flow``'s solution, written into ``team_of``.

        A hub's students take the teams its flow reaches in index order (students in
        index order): any order keeps the flow's value or betters it (see above).
        """
        num_direct, num_hubbed = len(self.student_idcs), len(self.hub_students)
        used = flow.flows(np.arange(num_direct)) > 0
        team_of[self.student_idcs[used]] = self.team_idcs[used]
        if not self.num_hubs:
            return
        via = flow.flows(num_direct + np.arange(num_hubbed)) > 0
        num_teams = self.num_teams
        first = num_direct + num_hubbed
        counts = flow.flows(first + np.arange(self.num_hubs * num_teams))
        counts = counts.reshape(self.num_hubs, num_teams)
        teams = np.arange(num_teams)
        for hub in range(self.num_hubs):
            members = self.hub_students[via & (self.hub_of == hub)]
            team_of[members] = np.repeat(teams, counts[hub])


def _heads(
    groups: IntArray, teams: IntArray, value_node: int, team_node: int, num_teams: int
) -> IntArray:
    """Node of each (group, team): its (value, team) node, or the team's for group -1."""
    return np.where(groups >= 0, value_node + groups * num_teams + teams, team_node + teams)


def _solve_with_team_sizes(
    flow: min_cost_flow.SimpleMinCostFlow,
    data: TeamData,
    team_node: int,
    arcs: _StudentArcs,
) -> IntArray | None:
    """Complete and solve a flow whose first arcs take each student towards a team.

    Nodes 0..N-1 are the students (one unit each), ``team_node``.. the K teams and the
    node after them a common sink (then ``arcs``' hubs): team t demands its minimum size
    and sends up to the rest of its maximum on to the sink. Returns the team of each
    student (``arcs.decode``), or None when no flow exists.
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
    supplies = np.zeros(sink + 1 + arcs.num_hubs, dtype=np.int64)
    supplies[:num_students] = 1
    supplies[team_node:sink] = -size_min
    supplies[sink] = size_min.sum() - num_students
    flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
    if flow.solve() != flow.OPTIMAL:
        return None
    team_of = np.full(num_students, -1, dtype=np.int64)
    arcs.decode(flow, team_of)
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
    count it returns is no bound; with a ``weight`` alone, the ranks are priced against
    that weight (a Lagrangian relaxation, see ``bounds``).

    A min-cost flow: each student sends one unit to a team, through a (value, team) node
    when they hold one of ``groups``' values. The violation of a count c against
    [floor, ceil] is convex in c, so three parallel arcs price its units (1 up to floor, 2
    up to ceil, 3 beyond, i.e. the violation plus c plus a constant) and the flow fills the
    cheapest first. Team sizes keep their bounds as in the start assignment. Ranks are
    priced on the students' arcs, each violation unit outweighing every rank sum.
    """
    num_students, num_teams = data.num_students, data.num_teams
    num_groups = len(groups)
    # Costs that are the ranks are alike on unlisted teams: students may share hubs.
    costs = data.ranks if student_costs is None else student_costs
    if weight is None:
        weight = int(data.ranks.max(initial=0)) * num_students + 1
    group_of = np.full(num_students, -1, dtype=np.int64)
    for g_idx, group in enumerate(groups):
        group_of[list(group.member_idcs)] = g_idx
    value_node = num_students  # first (value, team) node
    team_node = value_node + num_groups * num_teams
    flow = min_cost_flow.SimpleMinCostFlow()
    hubs = student_costs is None
    arcs = _StudentArcs.add(flow, data, allowed, costs, group_of, value_node, team_node, hubs)
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
    team_of = _solve_with_team_sizes(flow, data, team_node, arcs)
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
        if interrupt.should_stop():
            # Ctrl-C: no more flows (one per attribute, each seconds on 10,000 students).
            return {}
        found = attribute_flow(data, allowed, groups)
        if found is None:
            return {}
        flows[attribute] = found
    return flows
