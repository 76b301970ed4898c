"""Better incumbents between CP-SAT stages: flow-based heuristics and complete hints.

On large cohorts a single CP-SAT worker improves slowly from its hint; these functions
build a better assignment outside CP-SAT, then let propagation complete it into a hint
that the model accepts (or keep the incumbent when it does not).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from models.budget import Budget
from models.cpsat import cp_model
from models.solve import SolveParams, charged, dtime_price, ended_on_clock, make_solver
from models.teams.data import IntArray, StudentGroup, TeamData
from models.teams.evaluate import team_violations, within_ranks
from models.teams.flows import attribute_flow, attribute_flows
from models.teams.local_search import Swaps, improve_choices, improve_start, repair_pairs
from models.teams.model import TeamModel
from models.teams.work import flow_units

#: Deterministic time a complete-hint call may take at least: propagation of a fixed
#: assignment is cheap, and cutting it short would return no hint.
_MIN_HINT_WORK = 0.1


def complete_hint(
    model: cp_model.CpModel,
    params: SolveParams,
    budget: Budget,
    objective: cp_model.IntVar | None = None,
) -> list[int] | None:
    """Every variable's value in the hinted assignment, or None if it breaks a rule.

    CP-SAT takes a complete feasible hint as its first solution at once, whereas a hint
    of the assignment alone can leave a single worker without any solution on large
    cohorts. With the assignment fixed, propagation alone fills in sizes, slacks and
    objectives.

    With ``objective``, it is minimised with the hinted variables fixed: slack variables
    (balance, experience gap) only bound their objective from above, so a previous
    stage's solution can hold any larger value, which CP-SAT then spends long lowering.
    The call is bounded by ``budget`` (at least ``_MIN_HINT_WORK``), which it is charged.
    """
    least = _MIN_HINT_WORK * dtime_price(params)
    solver = make_solver(params, budget.wall_left(), max(budget.left(), least))
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.cp_model_presolve = False
    # One worker: propagation does the work, and with several, a hint that breaks a rule
    # aborted the whole process inside CP-SAT ("Check failed: heuristics.fixed_search !=
    # nullptr", SIGABRT, exit 134; probe s33a, `no_isolation` with `--workers 2`).
    solver.parameters.num_workers = 1
    if objective is not None:
        model.minimize(objective)
    code = solver.solve(model)
    budget.charge(charged(params, solver))
    if ended_on_clock(solver):
        budget.note_clock()
    if objective is not None:
        model.clear_objective()
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution)


def tight_hint(
    team_model: TeamModel,
    best: Sequence[int],
    team_of: IntArray,
    name: str,
    params: SolveParams,
    budget: Budget,
) -> Sequence[int]:
    """A complete hint of ``team_of`` whose ``name`` objective is its true value."""
    model = team_model.model
    model.clear_hints()
    team_model.hint_assignment(team_of)
    hint = complete_hint(model, params, budget, team_model.objective_vars[name])
    model.clear_hints()
    return best if hint is None else hint


def improve_incumbent(
    team_model: TeamModel, best: Sequence[int], params: SolveParams, budget: Budget
) -> Sequence[int]:
    """The incumbent after rank-lowering moves that keep balance, or the incumbent itself.

    The moved assignment is kept only if it still keeps every rule and the priorities
    already settled (propagation checks it).
    """
    team_of = team_model.team_of(best)
    budget.charge(flow_units(team_model.data))
    reassign_within_profiles(team_model.data, team_of)
    swaps = Swaps(team_model.data, team_of)
    improve_choices(swaps, budget)
    model = team_model.model
    model.clear_hints()
    team_model.hint_assignment(team_of)
    hint = complete_hint(model, params, budget)
    model.clear_hints()
    return best if hint is None else hint


def rebalance_incumbent(
    team_model: TeamModel,
    best: Sequence[int],
    max_rank: int | None,
    lower_bound: int,
    params: SolveParams,
    budget: Budget,
) -> Sequence[int]:
    """The incumbent or, if it has fewer balance violations, a start built by flows.

    The incumbent's balance is brought to its true value either way. ``budget``: a
    quarter to the balanced start's flows and swaps, half to flow rounds, the rest (and
    whatever they left) to swaps; the flows are not begun when they do not fit.
    """
    data = team_model.data
    work = budget.left()
    team_of = team_model.team_of(best)
    before = int(team_violations(data, team_of).sum())
    candidate = None
    if before > lower_bound:
        candidate = balanced_start(data, max_rank, budget.share(work / 4))
    if candidate is not None and int(team_violations(data, candidate).sum()) > lower_bound:
        balance_flow_rounds(data, candidate, max_rank, budget.share(work / 2))
        improve_start(data, candidate, budget)
    if candidate is not None and int(team_violations(data, candidate).sum()) < before:
        team_of = candidate
    return tight_hint(team_model, best, team_of, "balance", params, budget)


def reassign_within_profiles(data: TeamData, team_of: IntArray) -> None:
    """Give each team the same numbers of each profile, to the students who rank it best.

    A profile is a combination of balance values and no-isolation conditions: moving
    students only within their profile leaves every balance count and sizes as they are,
    so one min-cost flow per profile gives the smallest sum of ranks for these counts.
    Pinned, paired and previously placed students stay put; ranks stay within the
    assignment's worst.
    """
    num_students, num_teams = data.num_students, data.num_teams
    profiles = data.profiles()
    by_profile: dict[tuple[int, ...], list[int]] = {}
    for i in np.nonzero(data.movable())[0].tolist():
        by_profile.setdefault(profiles[i], []).append(i)
    ranks = data.ranks
    limit = int(ranks[np.arange(num_students), team_of].max(initial=0))
    usable_all = ~data.conflict & (ranks <= limit)
    for members in by_profile.values():
        if len(members) < 2:
            continue
        idcs = np.array(members)
        capacity = np.bincount(team_of[idcs], minlength=num_teams)
        rows, teams = np.nonzero(usable_all[idcs])
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            rows, len(idcs) + teams, np.ones_like(rows), ranks[idcs[rows], teams]
        )
        supplies = np.concatenate([np.ones(len(idcs), dtype=np.int64), -capacity])
        flow.set_nodes_supplies(np.arange(len(idcs) + num_teams), supplies)
        if flow.solve() != flow.OPTIMAL:
            continue
        used = flow.flows(np.arange(len(rows))) > 0
        team_of[idcs[rows[used]]] = teams[used]


def balanced_start(
    data: TeamData,
    max_rank: int | None,
    budget: Budget,
    flows: dict[str, tuple[int, IntArray]] | None = None,
) -> IntArray | None:
    """A start for the balance stage: the hardest attribute balanced optimally, then swaps.

    The attribute whose relaxation has the most violations is placed by its flow (the
    others ignored), pairs are repaired and swaps balance the other attributes. None when
    no flow exists, the repair leaves a rank beyond ``max_rank`` or the flows do not fit
    in ``budget``. ``flows``: ``attribute_flows(data, max_rank)`` when the caller already
    has them (and paid for them).
    """
    if flows is None:
        units = flow_units(data, max_rank) * len(data.groups_by_attribute())
        if not budget.fits(units):
            return None
        budget.charge(units)
        flows = attribute_flows(data, max_rank)
    if not flows:
        return None
    _, team_of = max(flows.values(), key=lambda found: found[0])
    team_of = team_of.copy()
    repair_pairs(data, team_of)
    worst = int(data.ranks[np.arange(data.num_students), team_of].max(initial=0))
    if max_rank is not None and worst > max_rank:
        return None
    improve_start(data, team_of, budget)
    return team_of


def balance_flow_rounds(
    data: TeamData, team_of: IntArray, max_rank: int | None, budget: Budget
) -> None:
    """Lower balance violations in place by one min-cost flow per attribute, in turns.

    Each round places every student anew by one attribute's flow (its violations priced
    exactly) while the other attributes' violations enter as each student's marginal
    cost in the current assignment (a linearisation, hence a heuristic). The one
    attribute's violations weigh more than the marginal costs so that the flow does not
    trade a sure violation for an estimated one. Keeps the best assignment met. Each
    flow is charged to ``budget`` and not begun when it does not fit.
    """
    allowed = data.allowed_pairs(max_rank)
    by_attribute = data.groups_by_attribute()
    if len(by_attribute) < 2:
        return
    # A violation outweighs any sum of ranks; the flow's own attribute outweighs the rest.
    unit = int(data.ranks.max(initial=0)) * data.num_students + 1
    current = team_of.copy()
    best_value = int(team_violations(data, team_of).sum())
    stale = 0
    units = flow_units(data, max_rank)
    while stale < 4 * len(by_attribute):
        for attribute, groups in by_attribute.items():
            if not budget.fits(units):
                return
            budget.charge(units)
            others = [g for other, gs in by_attribute.items() if other != attribute for g in gs]
            costs = _marginal_violations(data, current, others) * unit + data.ranks
            costs -= costs.min(initial=0)
            found = attribute_flow(data, allowed, groups, costs, 100 * unit)
            if found is None:
                return
            current = found[1]
            repair_pairs(data, current)
            value = int(team_violations(data, current).sum())
            if value < best_value and within_ranks(data, current, max_rank):
                best_value = value
                team_of[:] = current
                stale = 0
            else:
                stale += 1


def _marginal_violations(
    data: TeamData, team_of: IntArray, groups: Sequence[StudentGroup]
) -> IntArray:
    """(N, K) violations of ``groups`` each student would add by joining each team."""
    num_teams = data.num_teams
    marginal = np.zeros((data.num_students, num_teams), dtype=np.int64)
    for group in groups:
        members = np.array(group.member_idcs, dtype=np.int64)
        counts = np.bincount(team_of[members], minlength=num_teams)
        # The count each member would find in each team without themselves.
        others = np.broadcast_to(counts, (len(members), num_teams)).copy()
        others[np.arange(len(members)), team_of[members]] -= 1
        over = np.maximum(0, others + 1 - group.ceil) - np.maximum(0, others - group.ceil)
        under = np.maximum(0, group.floor - others - 1) - np.maximum(0, group.floor - others)
        marginal[members] += over + under
    return marginal
