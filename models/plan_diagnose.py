"""Why no plan exists: a minimal conflict between stage 3's rule families (§11).

Solved only when ``models.plan.solve_plan`` found the model infeasible; its solves share
the time left (a diagnosis, not a result: it does not change what is planned).
``evident_conflict`` needs no solve: the rules ``validate`` finds impossible, for a search
the time limit ended without a plan.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from models.cpsat import cp_model
from models.plan_data import (
    FAMILY_CAPACITY,
    FAMILY_ONE_PLACE,
    FAMILY_UNAVAILABLE,
    VISIT_SLOT,
    Plan,
    PlanData,
    counted_conflict,
    family_index,
)
from models.solve import Solution, SolveParams, explain_infeasibility, make_solver


class FamiliesModel(Protocol):
    """``models.plan.PlanModel`` built ``with_families`` (not imported: it imports this)."""

    model: cp_model.CpModel
    family_vars: dict[str, cp_model.IntVar]

    def decode(self, solution: Solution) -> Plan: ...


def evident_conflict(data: PlanData) -> list[str] | None:
    """Rule families no plan can keep, seen without a solve (``None``: none seen).

    The supervisors' limits add up to fewer places than teams (every capacity family);
    nobody is available on the visit slot every team needs (every unavailability); a team
    no supervisor may guide (ties) or with no oral slot (``[]``: ``matcher.planning``
    names those teams before any conflict). ``validate`` names the same rules impossible;
    a search stopped by the time limit left them "no plan within the time limit" (exit 4
    at 1,000 students, every limit 1)."""
    teams, supervisors = data.num_teams, range(data.num_supervisors)
    if not teams:
        return None
    if int(data.capacity.sum()) < teams:
        return [f"{FAMILY_CAPACITY}{s}" for s in supervisors]
    if bool(data.unavailable[:, VISIT_SLOT].all()):
        return [f"{FAMILY_UNAVAILABLE}{s}" for s in supervisors]
    if not data.allowed.any(axis=1).all() or not data.oral_allowed.any(axis=1).all():
        return []
    return None


def diagnose_plan(
    data: PlanData,
    params: SolveParams,
    families: Callable[[], FamiliesModel],
    within: Sequence[str] = (),
) -> tuple[list[str] | None, dict[str, tuple[int, ...]]]:
    """A minimal conflict between rule families, and an example for each one-place family;
    ``families`` builds the model whose rule families are switched on and off.

    The example for ``one_place:<s>:<slot>`` is the teams ``s`` has on ``slot`` in a plan
    that keeps every other family of the conflict, and as many of the others as can be
    (``_example``): with the conflict minimal such a plan exists, and those teams cannot
    all be fitted into the slot's window by ``s``.
    ``within``: families the conflict is first looked for among (``explain_infeasibility``).
    """
    if (counted := counted_conflict(data)) is not None:
        return counted, {}
    deadline = time.perf_counter() + params.time_limit
    built = families()
    core = explain_infeasibility(
        built.model, built.family_vars, params, first=FAMILY_ONE_PLACE, within=within
    )
    if not core:
        return core, {}
    witness: dict[str, tuple[int, ...]] = {}
    for name in core:
        if name.startswith(FAMILY_ONE_PLACE) and (
            teams := _example(data, built, core, name, params, deadline)
        ):
            witness[name] = teams
    return core, witness


def _example(
    data: PlanData,
    built: FamiliesModel,
    core: Sequence[str],
    name: str,
    params: SolveParams,
    deadline: float,
) -> tuple[int, ...] | None:
    """The teams supervisor ``s`` has on ``slot`` (``name`` is ``one_place:<s>:<slot>``) in a
    plan keeping every rule but ``name``, else every rule but the one-place rules outside
    the conflict, else the conflict's other rules; ``None`` when none was found in time, or
    when only the last plan was and it gives ``s`` teams the rules forbid them there.

    Any such plan keeps the conflict's other families, so ``s``'s events on ``slot`` cannot
    all fit its window (else the plan would keep the whole conflict). Keeping only those
    named a set of orals two commissions' slots, a tie and ``max_teams`` all ruled out
    (probe s39c: « the 6 oral defences P4 … » where P4 defends on the other day only).
    """
    others = [n for n in built.family_vars if n != name]
    tries = (
        others,
        [n for n in others if n in core or not n.startswith(FAMILY_ONE_PLACE)],
        [n for n in core if n != name],
    )
    s, slot = family_index(name)
    for i, kept in enumerate(tries):
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        # The last is always feasible (the conflict is minimal): the first two take a share.
        trial = built.model.clone()
        for other, literal in built.family_vars.items():
            trial.add(trial.get_bool_var_from_proto_index(literal.index) == int(other in kept))
        solver = make_solver(params, left if i == len(tries) - 1 else left / 4)
        if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        plan = built.decode(Solution(list(solver.response_proto.solution)))
        teams = tuple(
            t
            for t in range(data.num_teams)
            if plan.supervisor[t] == s and (slot == VISIT_SLOT or 1 + plan.oral_slot[t] == slot)
        )
        if i < len(tries) - 1 or _could_take(data, s, slot, teams):
            return teams
        return None
    return None


def _could_take(data: PlanData, s: int, slot: int, teams: Sequence[int]) -> bool:
    """Whether the rules outside the one-place ones let supervisor ``s`` hold all these
    ``teams``' events on ``slot``: none tied, each oral in a slot its commission offers,
    within ``s``'s limit, ``s`` available that day."""
    if data.unavailable[s, slot] or len(teams) > int(data.capacity[s]):
        return False
    if not all(data.allowed[t, s] for t in teams):
        return False
    return slot == VISIT_SLOT or all(data.oral_allowed[t, slot - 1] for t in teams)
