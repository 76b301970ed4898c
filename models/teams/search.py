"""CP-SAT search for one priority from an incumbent, in turns between settings."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from models.budget import Budget
from models.cpsat import cp_model
from models.solve import (
    LexResult,
    Objective,
    ObjectiveResult,
    Solution,
    SolveParams,
    Status,
    dtime_price,
    solve_lexicographic,
)

#: First slice in CP-SAT deterministic time (``dtime_price(tuned)`` units each); the
#: slices double after each round.
_FIRST_TURN = 5.0
#: Deterministic time below which a slice is not started.
_MIN_SLICE = 0.05
#: The settings that take turns: CP-SAT's default, local search only, the default LP.
_TURNS: tuple[dict[str, Any], ...] = ({}, {"use_ls_only": True}, {"linearization_level": 1})


def solve_in_turns(
    model: cp_model.CpModel,
    name: str,
    var: cp_model.IntVar,
    incumbent: Sequence[int],
    tuned: SolveParams,
    params: SolveParams,
    budget: Budget | None = None,
    lower: int = 0,
    probe: float | None = None,
) -> LexResult:
    """Minimise the priority ``name`` (``var``) from an incumbent, in turns between settings.

    Each slice asks for a value strictly below the best so far, so a slice that finds no
    solution proves the incumbent optimal (asking for better can be proven impossible
    while asking for the best is still searching). The settings take turns because no
    single one wins on every cohort. ``budget`` (by default ``tuned.work()``) bounds the
    whole and is charged each slice's deterministic time, so the turns are the same on
    every machine; the caller's own CP-SAT parameters (``params``) win over the turns'
    settings. The model keeps the best value as a constraint, as ``solve_lexicographic``
    does. ``lower`` is a proven lower bound known beforehand: the turns end when the best
    value meets it (not added to the model: a tight cut can slow CP-SAT's search).
    """
    start = time.perf_counter()
    if budget is None:
        budget = Budget.start(tuned.work(), tuned.time_limit)
    configs = [
        replace(
            tuned,
            cp_sat_parameters={**tuned.cp_sat_parameters, **setting, **params.cp_sat_parameters},
        )
        for setting in (_TURNS if probe is None else ({},))
    ]
    num_variables = len(model.proto.variables)
    index = var.index
    best = list(incumbent)
    value, bound = int(best[index]), 0
    turn = 0
    spent = 0.0
    proven = value <= lower
    while not proven and (left := budget.left()) > _MIN_SLICE * (price := dtime_price(tuned)):
        if probe is not None and turn == 2:
            break  # a third search from scratch would not reach where the second stopped
        slice_limit = _FIRST_TURN * price * 2 ** (turn // len(configs))
        if probe is not None:
            slice_limit = probe * price if turn == 0 else left
        # Fewer than three slices left (a round of settings): the one searching now takes
        # all, rather than end short and leave the rest to restarts. At 1,000 x 100 the
        # balance search is then one full-LP call, as when its units cost 3 (session 8:
        # all-proposals seed 1 proven in 6.8 of deterministic time, where 5 and restarts
        # in the other settings proved nothing in 15).
        limit = left if left < 3 * slice_limit else slice_limit
        trial = model.clone()
        trial_var = trial.get_int_var_from_proto_index(index)
        trial.add(trial_var <= value - 1)
        result = solve_lexicographic(
            trial,
            [Objective(name, trial_var, "min")],
            replace(configs[turn % len(configs)], time_limit=budget.wall_left(), work_limit=limit),
        )
        budget.charge(result.work)
        if result.on_clock:
            budget.note_clock()
        spent += result.work
        turn += 1
        if result.status == Status.INFEASIBLE:
            proven = True
            break
        if result.solution is not None:
            best = list(result.solution.values)[:num_variables]
            found = result.objectives[0]
            value, bound = found.value, max(bound, found.bound)
            if result.status == Status.OPTIMAL or value <= lower:
                proven = True
                break
    model.add(var <= value)
    return LexResult(
        status=Status.OPTIMAL if proven else Status.FEASIBLE,
        time_s=time.perf_counter() - start,
        objectives=[ObjectiveResult(name, value, value if proven else bound, "min")],
        solution=Solution(best),
        work=spent,
    )
