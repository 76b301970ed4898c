"""Stage 3's first two priorities by network flow: a start for CP-SAT and bounds it cannot miss.

Forget the times and the oral days: a team ``t`` may go to supervisor ``s`` when ``s`` is not
tied to its institution, is there on the visit slot and on some oral slot its institution
offers; ``s`` takes at most ``min(max_teams, most visits a morning holds at the least gap)``
teams. Every plan obeys these rules, so the best assignment under them, a min-cost flow
(source → team → supervisor → sink, cost −1 on an expert pair), bounds ``expertise`` from
above and, with the supervisors' limits lowered to ``L``, ``load`` from below. Most often
(one event per slot is short against its window) the flow's assignment is a plan once the
oral days are spread and the events timed: its values then equal those bounds, proven at
once, where CP-SAT on 138 teams × 87 supervisors (the grouped model: 72,000 variables) did
not even find the greedy plan again in 60 s.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from models.plan_data import VISIT_SLOT, BoolArray, IntArray, Plan, PlanData, plan_violations
from models.plan_grouped import grouped_times

__all__ = ["FlowPlan", "flow_plan"]


@dataclass(frozen=True)
class FlowPlan:
    """What the flow says about ``priorities``' prefix of expertise and load."""

    #: Per priority of the prefix it settles (``expertise``, ``load``), its bound: the best
    #: value any plan can reach, given the earlier priorities at their bound.
    bounds: dict[str, int]
    #: A plan reaching every bound (``None``: the assignment could not be timed).
    plan: Plan | None


def eligible(data: PlanData) -> BoolArray:
    """``[t, s]``: ``s`` may take ``t`` as far as ties and unavailable days tell."""
    oral_ok = data.oral_allowed.astype(np.int64) @ (~data.unavailable[:, 1:]).T.astype(np.int64)
    return data.allowed & ~data.unavailable[:, VISIT_SLOT][None, :] & (oral_ok > 0)


def limits(data: PlanData) -> IntArray:
    """Per supervisor, the most teams: ``max_teams``, and the visits a morning holds."""
    K = data.num_teams
    gaps = data.gaps() + np.eye(K, dtype=np.int64) * 10**6
    smallest = int(gaps.min()) if K > 1 else 0
    length = data.visit_window[1] - data.visit_window[0]
    most = (length + smallest) // (data.visit_minutes + smallest)
    return np.minimum(data.capacity, most).astype(np.int64)


def _assign(
    data: PlanData, edges: BoolArray, caps: IntArray, expert_cost: bool
) -> tuple[int, list[int]] | None:
    """Every team to a supervisor along ``edges`` within ``caps``, the most experts first
    when ``expert_cost``, then the fewest teams beyond each supervisor's first (each makes
    a visit with travel before it: a start for ``travel``): (experts, supervisor per team),
    ``None`` when impossible."""
    K, S = data.num_teams, data.num_supervisors
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = K + S, K + S + 1
    teams, sups = np.nonzero(edges)
    expert = data.expert[teams, sups]
    # A supervisor's k-th team goes through the k-th of their unit arcs to the sink, each
    # costing 1 but the first; an expert pair saves more than all of those together.
    units = np.repeat(np.arange(S), caps)
    first = np.r_[0, np.cumsum(caps)[:-1]]
    extra = (np.arange(len(units)) - np.repeat(first, caps) > 0).astype(np.int64)
    tails = np.concatenate([np.full(K, source), teams, K + units])
    heads = np.concatenate([np.arange(K), K + sups, np.full(len(units), sink)])
    capacities = np.ones(K + len(teams) + len(units), dtype=np.int64)
    weight = K + 1 if expert_cost else 0
    costs = np.concatenate([np.zeros(K, dtype=np.int64), -weight * expert.astype(np.int64), extra])
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([K, -K]))
    if flow.solve() != flow.OPTIMAL:
        return None
    used = flow.flows(arcs[K : K + len(teams)]) > 0
    supervisor = [0] * K
    for t, s in zip(teams[used].tolist(), sups[used].tolist(), strict=True):
        supervisor[t] = s
    return int(expert[used].sum()), supervisor


def _oral_days(data: PlanData, supervisor: list[int]) -> list[int]:
    """An oral slot per team, each supervisor's teams spread over the slots they can share
    (teams with the fewest choices first), so that few of them meet on one day."""
    on: dict[tuple[int, int], int] = {}
    oral = [0] * data.num_teams

    def choices(t: int) -> list[int]:
        s = supervisor[t]
        return [
            o
            for o in range(data.num_orals)
            if data.oral_allowed[t, o] and not data.unavailable[s, 1 + o]
        ]

    for t in sorted(range(data.num_teams), key=lambda t: (len(choices(t)), t)):
        s = supervisor[t]
        o = min(choices(t), key=lambda o: (on.get((s, o), 0), o))
        oral[t] = o
        on[s, o] = on.get((s, o), 0) + 1
    return oral


def flow_plan(data: PlanData) -> FlowPlan | None:
    """Bounds and a plan for the leading ``expertise``/``load`` priorities (``None``: the
    priorities start with neither, or no assignment exists even without times)."""
    prefix: list[str] = []
    for name in data.priorities:
        if name not in ("expertise", "load") or name in prefix:
            break
        prefix.append(name)
    if not prefix or data.num_teams == 0 or data.num_supervisors == 0:
        return None
    edges = eligible(data)
    caps = limits(data)
    with_expert = "expertise" in prefix
    found = _assign(data, edges, caps, with_expert)
    if found is None:
        return None
    bounds: dict[str, int] = {}
    best, supervisor = found
    if prefix[0] == "expertise":
        bounds["expertise"] = best
    if "load" in prefix:
        # The fewest teams for the busiest supervisor such that the earlier priority keeps
        # its bound: the lowest cap that still assigns everyone (with as many experts).
        lowest = -(-data.num_teams // data.num_supervisors)
        for cap in range(lowest, int(caps.max()) + 1):
            trial = _assign(data, edges, np.minimum(caps, cap), with_expert)
            if trial is None or (prefix[0] == "expertise" and trial[0] < best):
                continue
            bounds["load"] = cap
            best, supervisor = trial
            if with_expert:
                bounds["expertise"] = best
            break
    plan = grouped_times(data, tuple(supervisor), tuple(_oral_days(data, supervisor)))
    return FlowPlan(bounds, None if plan_violations(data, plan) else plan)
