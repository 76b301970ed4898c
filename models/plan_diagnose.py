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
    that keeps every other family of the conflict: with the conflict minimal such a plan
    exists, and those teams cannot all be fitted into the slot's window by ``s``.
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
        left = deadline - time.perf_counter()
        if not name.startswith(FAMILY_ONE_PLACE) or left <= 0:
            continue
        # Every other family of the conflict kept: the conflict being minimal, a plan exists,
        # and in it this supervisor's events on this slot cannot all fit (else that plan
        # would keep the whole conflict).
        trial = built.model.clone()
        for other, literal in built.family_vars.items():
            keep = other in core and other != name
            trial.add(trial.get_bool_var_from_proto_index(literal.index) == int(keep))
        solver = make_solver(params, left)
        if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        plan = built.decode(Solution(list(solver.response_proto.solution)))
        s, slot = family_index(name)
        witness[name] = tuple(
            t
            for t in range(data.num_teams)
            if plan.supervisor[t] == s and (slot == VISIT_SLOT or 1 + plan.oral_slot[t] == slot)
        )
    return core, witness
