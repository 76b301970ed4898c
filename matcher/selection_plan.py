"""With supervisors.csv, stage 1 keeps only selections a supervision plan exists for.

The priorities of §5 pick the selection; a selection whose teams no plan of §11 can hold
(one supervisor left with two visits in different towns on a morning too short for the
journey, orals on a day nobody is free…) would end ``run`` at stage 3 with exit 3 while
another selection has a plan. So a selection found is checked; when no plan exists, a
smallest set of its proposals no plan can hold together is forbidden and the selection is
made again, up to ``MAX_TRIES`` times. Each forbidden set holds whatever the other teams
(a plan only gets harder with more teams), so a selection kept this way is optimal among
the selections a plan exists for. Where the visit morning holds two visits only for teams
of one town, the selection also keeps the pairs of one town the supervisors need
(``close_pairs_needed``), which the forbidden sets alone learn too slowly. When no such
selection is found, the first one stays and stage 3 names the conflict as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from matcher.planning import build_plan_data
from matcher.rules import close_pairs_needed, supervisor_places
from matcher.schemas import Instance
from models.plan import FLOW_FROM_TEAMS
from models.plan_feasible import minimal_conflict
from models.selection import SelectionData, SelectionSolution, vector_of
from models.solve import SolveParams, Status

__all__ = [
    "best_plannable_with",
    "keep_plannable",
    "plan_conflict_ids",
    "plan_keys",
]

#: Work units (CP-SAT's deterministic time, the same on every machine) for each check of
#: whether a set of teams can be planned: ten teams are decided in a few hundredths of a
#: unit (the demo's in 0.016, a tight morning's none in 0.001).
CHECK_WORK = 2.0

#: Wall-clock safety net of a check made without the command's parameters (a what-if's).
CHECK_SECONDS = 10.0

#: Most selections tried one after another before the first is kept.
MAX_TRIES = 10

Selected = np.ndarray


def plan_keys(instance: Instance, data: SelectionData) -> np.ndarray:
    """Per proposal, an index shared by the proposals alike for every rule of the plan:
    town, the oral slots offered, which supervisors may take it (ties) and, when an
    institution may have several commissions, the institution (two teams at one
    institution need no travel between them)."""
    supervisors = instance.supervisors or ()
    plan, _ = build_plan_data(instance, [c.id for c in instance.commissions], supervisors)
    several = data.max_per_institution > 1
    keys: dict[tuple[object, ...], int] = {}
    return np.array(
        [
            keys.setdefault(
                (
                    int(plan.town[p]),
                    int(plan.institution[p]) if several else -1,
                    tuple(bool(x) for x in plan.oral_allowed[p]),
                    tuple(bool(x) for x in plan.allowed[p]),
                ),
                len(keys),
            )
            for p in range(len(instance.commissions))
        ],
        dtype=np.int64,
    )


def plan_conflict_ids(
    instance: Instance, ids: Sequence[str], params: SolveParams | None = None
) -> tuple[str, ...] | None:
    """Commissions of ``ids`` no plan can hold together (``None``: a plan exists, or that
    was not decided in ``CHECK_WORK`` units a check)."""
    plan, _ = build_plan_data(instance, ids, instance.supervisors or ())
    checks = SolveParams(time_limit=CHECK_SECONDS) if params is None else params
    # One worker: each check is a small feasibility model of a few units, which several
    # CP-SAT workers only slow down (121 checks of the demo took 24.6 s with --workers 64
    # on two cores, against 0.1 s on one; session 33), and its answer no longer depends on
    # ``--workers``.
    checks = replace(checks, progress=None, cp_sat_parameters={}, workers=1)
    core = minimal_conflict(plan, checks, CHECK_WORK)
    return None if core is None else tuple(ids[t] for t in core)


def plan_conflict(
    instance: Instance, selected: Selected, params: SolveParams
) -> tuple[int, ...] | None:
    """Proposals of ``selected`` no plan can hold together (``plan_conflict_ids``)."""
    chosen = [int(p) for p in np.flatnonzero(selected)]
    index = {instance.commissions[p].id: p for p in chosen}
    core = plan_conflict_ids(instance, list(index), params)
    return None if core is None else tuple(index[cid] for cid in core)


def keep_plannable(
    instance: Instance,
    data: SelectionData,
    solution: SelectionSolution,
    solve: Callable[[SelectionData, SolveParams], SelectionSolution],
    params: SolveParams,
) -> tuple[SelectionData, SelectionSolution]:
    """The best selection a plan exists for, and the data with the sets it forbade (the
    time and work of every try counted in its solution, the tries within what ``params``
    gave the first); ``data`` and ``solution`` themselves when they have a plan or none is
    found."""
    if data.count >= FLOW_FROM_TEAMS or _too_few_places(instance, data.count):
        # Large cohorts: the plan's model is not built (counting only, in stage 3). Too few
        # places for the teams: no selection has a plan, stage 3 says so.
        return data, solution
    conflict = plan_conflict(instance, solution.selected, params)
    if conflict is None:
        return data, solution
    no_goods = (*data.no_goods, conflict)  # ``run``'s forbidden selections kept
    keyed = replace(data, plan_key=plan_keys(instance, data), no_goods=no_goods)
    close = close_pairs_needed(instance, data.count)
    if close is not None:
        keyed = replace(keyed, close_idcs=close[0], close_pairs=close[1])
    spent, seconds = solution.work, solution.time_s
    for _ in range(MAX_TRIES):
        # The tries share the selection's budget (work and clock) with the first solve.
        work, left = params.work() - spent, params.time_limit - seconds
        if work <= 0 or left <= 0:
            break
        trial = solve(keyed, replace(params, time_limit=left, work_limit=work))
        spent, seconds = spent + trial.work, seconds + trial.time_s
        if not trial.solved:
            break
        conflict = plan_conflict(instance, trial.selected, params)
        if conflict is None:
            return keyed, replace(trial, work=spent, time_s=seconds)
        keyed = replace(keyed, no_goods=(*keyed.no_goods, conflict))
    return data, solution


def _too_few_places(instance: Instance, count: int) -> bool:
    """Whether the supervisors' places add up to fewer than ``count`` teams, whatever the
    selection (``rules.supervisor_places``)."""
    return sum(supervisor_places(instance.supervisors or (), count, instance.settings)) < count


def best_plannable_with(
    instance: Instance,
    data: SelectionData,
    proposal_idx: int,
    params: SolveParams,
    search: Callable[[SelectionData], tuple[Status, Selected | None]],
) -> tuple[Status, tuple[int, ...] | None, SelectionData]:
    """A reserve's best selection a plan exists for (``search`` finds the best holding
    ``proposal_idx`` under ``data``'s forbidden sets): its status, its vector, and the data
    with the sets found on the way (they hold for every other reserve too)."""
    for _ in range(MAX_TRIES):
        status, selected = search(data)
        if selected is None:
            return status, None, data
        conflict = plan_conflict(instance, selected, params)
        if conflict is None:
            return status, vector_of(data, selected), data
        data = replace(data, no_goods=(*data.no_goods, conflict))
    return Status.UNKNOWN, None, data
