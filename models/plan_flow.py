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

import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

from models.budget import StoppedBy
from models.cpsat import cp_model
from models.outcome import ObjectiveResult, ProgressCallback, SolveParams, Status
from models.plan_data import (
    PRIORITIES,
    VISIT_SLOT,
    BoolArray,
    IntArray,
    Plan,
    PlanData,
    PlanSolution,
    better_key,
    greedy_plan,
    plan_vector,
    plan_violations,
    trivial_bound,
)
from models.plan_grouped import grouped_times

__all__ = [
    "FlowPlan",
    "better_plan",
    "flow_plan",
    "flow_results",
    "quick_plan",
    "settle",
    "stage_progress",
    "within_trivial",
]


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


def flow_results(flow: FlowPlan) -> list[ObjectiveResult]:
    """The priorities the flow's plan proves: its value is the flow's bound."""
    return [
        ObjectiveResult(name, value, value, PRIORITIES[name]) for name, value in flow.bounds.items()
    ]


def better_plan(data: PlanData, plan: Plan, other: Plan | None) -> Plan:
    """The lexicographically better of two plans (``plan`` on a tie); ``plan`` reaches the
    flow's bounds, so the one returned does too."""
    if other is None:
        return plan
    if better_key(data, plan_vector(data, other)) > better_key(data, plan_vector(data, plan)):
        return other
    return plan


def settle(
    data: PlanData,
    built: Any,
    large: bool,
    progress: ProgressCallback | None,
    start: float,
) -> tuple[Plan | None, list[ObjectiveResult]]:
    """The start of ``built`` (a ``PlanModel`` or ``GroupedPlanModel``), hinted, and the
    priorities the flow settles, the model held to them (their lines shown as a solve's).

    Only on ``large`` cohorts (from ``FLOW_FROM_TEAMS`` teams) and without a previous
    plan: below, CP-SAT proves them as fast and the plans stay as they were (a flow's plan
    is another of the optima); the greedy plan is the start then.
    """
    start_from = greedy_plan(data)
    flow = flow_plan(data) if large and data.previous is None else None
    results: list[ObjectiveResult] = []
    if flow is not None and flow.plan is None and data.priorities[0] == "expertise":
        # No plan from it, but no plan has more experts than the flow's assignment.
        built.model.add(built.build("expertise").expr <= flow.bounds["expertise"])
    elif flow is not None and flow.plan is not None:
        results = flow_results(flow)
        for result in results:
            objective = built.build(result.name)
            if objective.sense == "min":
                built.model.add(objective.expr <= result.value)
            else:
                built.model.add(objective.expr >= result.value)
            if isinstance(objective.expr, cp_model.IntVar):
                built.model.add_hint(objective.expr, result.value)  # load's "busiest"
            if progress is not None:
                progress(result.name, result.value, result.bound, time.perf_counter() - start)
        start_from = better_plan(data, flow.plan, start_from)
    if start_from is not None:
        built.hint(start_from)
    return start_from, results


def quick_plan(data: PlanData) -> tuple[Plan | None, list[ObjectiveResult]]:
    """A plan without a model: the flow's or the greedy one (a what-if's: from its previous
    plan), the better, and the priorities it settles (``None``: no rule of thumb finds
    one)."""
    flow = flow_plan(data) if data.previous is None else None
    greedy = greedy_plan(data)
    if data.previous is not None:
        # A what-if: from the previous plan, every team that can keeps its supervisor and
        # times (from scratch, 491 events moved at 10,000 students that nothing forced).
        kept = greedy_plan(data, keep=True)
        greedy = greedy if kept is None else better_plan(data, kept, greedy)
    if flow is not None and flow.plan is not None:
        return better_plan(data, flow.plan, greedy), flow_results(flow)
    return greedy, []


def within_trivial(data: PlanData, name: str, bound: int) -> int:
    """A priority's bound no weaker than the one that needs no search (``trivial_bound``):
    CP-SAT's bound on the grouped model's travel can be below 0 on large cohorts."""
    if name not in ("expertise", "load", "travel"):
        return bound
    trivial = trivial_bound(data, name)
    return min(bound, trivial) if PRIORITIES[name] == "max" else max(bound, trivial)


def stage_progress(data: PlanData, params: SolveParams, start: float) -> SolveParams:
    """``params`` whose progress lines count the seconds since stage 3 began (each solve
    counts from its own start: on 138 × 87 the travel solve's first line, at 0.1 s of its
    own, came 1 s into the stage and was held back as quick) and show no bound weaker than
    ``within_trivial`` (CP-SAT's travel bound starts below 0)."""
    shown = params.progress
    if shown is None:
        return params

    def relay(name: str, best: float, bound: float, _elapsed: float) -> None:
        shown(name, best, within_trivial(data, name, round(bound)), time.perf_counter() - start)

    return replace(params, progress=relay)


def unsolved(
    data: PlanData,
    plan: Plan,
    results: list[ObjectiveResult],
    start: float,
    work: float,
    stopped_by: StoppedBy | None,
) -> PlanSolution:
    """``plan`` as a FEASIBLE answer, every priority evaluated on it (a grouped model's travel
    may count more before it is optimal), with ``results``' bounds, else trivial ones."""
    values = dict(zip(data.priorities, plan_vector(data, plan), strict=True))
    results = [replace(r, value=values[r.name]) for r in results] + [
        ObjectiveResult(name, values[name], trivial_bound(data, name), PRIORITIES[name])
        for name in data.priorities[len(results) :]
    ]
    elapsed = time.perf_counter() - start
    return PlanSolution(
        Status.FEASIBLE, elapsed, results, plan, work=work, stopped_by=stopped_by or "work"
    )
