"""Lexicographic optimisation and infeasibility explanation shared by every formulation."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from models import interrupt
from models.cpsat import cp_model
from models.outcome import CpsatMeter, ObjectiveResult, ProgressCallback, SolveParams, Status

__all__ = [
    "CpsatMeter",
    "LexResult",
    "Objective",
    "ObjectiveResult",
    "ProgressCallback",
    "Solution",
    "SolveParams",
    "Status",
    "charged",
    "dtime_price",
    "ended_on_clock",
    "explain_infeasibility",
    "make_solver",
    "solve_lexicographic",
]


@dataclass(frozen=True)
class Objective:
    """One named priority of a lexicographic optimisation."""

    name: str
    expr: cp_model.LinearExprT
    sense: Literal["min", "max"]


@dataclass
class Solution:
    """Values of every model variable in the best solution found."""

    values: Sequence[int]

    def value(self, var: cp_model.IntVar) -> int:
        """Value of a variable (or a negated Boolean literal)."""
        index = var.index
        if index >= 0:
            return int(self.values[index])
        return 1 - int(self.values[-index - 1])

    def bool(self, var: cp_model.IntVar) -> bool:
        """Truth of a Boolean literal."""
        return self.value(var) == 1


@dataclass
class LexResult:
    """Outcome of a lexicographic solve."""

    status: Status
    time_s: float
    objectives: list[ObjectiveResult] = field(default_factory=list)
    solution: Solution | None = None
    #: CP-SAT's deterministic time spent, summed over the calls.
    work: float = 0.0
    #: Whether a call was ended by its wall-clock limit rather than by its work
    #: (``ended_on_clock``): a result another machine, or a quieter one, may not give.
    on_clock: bool = False


def _status_of(code: Any) -> Status:
    if code == cp_model.OPTIMAL:
        return Status.OPTIMAL
    if code == cp_model.FEASIBLE:
        return Status.FEASIBLE
    if code == cp_model.INFEASIBLE:
        return Status.INFEASIBLE
    return Status.UNKNOWN


def make_solver(
    params: SolveParams, time_limit: float, work: float | None = None
) -> cp_model.CpSolver:
    """A solver configured for reproducible runs within ``time_limit`` seconds (one worker
    or several, interleaved).

    With ``work`` (units, ``models.budget``), the search stops after ``work /
    dtime_price(params)`` of deterministic time (CP-SAT's own count of its work, the same
    on every machine) and ``time_limit`` is only a safety net; ``charged`` gives the units
    the call then cost.
    """
    solver = cp_model.CpSolver()
    if params.deadline is not None:
        time_limit = min(time_limit, params.deadline - time.monotonic())
    solver.parameters.max_time_in_seconds = max(time_limit, 0.001)
    if work is not None:
        solver.parameters.max_deterministic_time = max(work / dtime_price(params), 0.001)
    solver.parameters.random_seed = params.seed
    solver.parameters.num_workers = params.workers
    if params.workers > 1:
        # Several workers interleaved in deterministic batches rather than racing: the
        # same input, seed and workers give the same answer whatever the machine's load
        # (issue 17; the parallel portfolio shares solutions as threads happen to find them).
        solver.parameters.interleave_search = True
    solver.parameters.log_search_progress = params.log_search
    # Ctrl-C is matcher's (``matcher.interrupt``; the workbench's server stops on it): CP-SAT's
    # own SIGINT handler, installed while it searches, would take it from the interpreter and
    # put back the default one after it; it aborted ``matcher serve`` stopped during a run
    # ("terminate called after throwing … bad_function_call").
    solver.parameters.catch_sigint_signal = False
    for name, value in params.cp_sat_parameters.items():
        setattr(solver.parameters, name, value)
    # Registered before the check below, so that a stop coming in between is not lost.
    interrupt.register(solver)
    if interrupt.should_stop():
        # Ctrl-C (or this thread's stop token) came before this search: it ends at once
        # with what it has (its hint).
        solver.parameters.max_time_in_seconds = 0.001
    return solver


def dtime_price(params: SolveParams) -> float:
    """Units a call of ``params`` is given per unit of deterministic time: its meter's
    rate so far where it has one, else ``params.work_per_dtime``."""
    return params.meter.rate() if params.meter is not None else params.work_per_dtime


def ended_on_clock(solver: cp_model.CpSolver) -> bool:
    """Whether a finished call of ``solver`` stopped on its wall-clock limit
    (``max_time_in_seconds``, the safety net) before its deterministic time was spent:
    unproven, not stopped by Ctrl-C. A loaded machine ends calls so a moment before the
    budget's own deadline, which ``Budget.left`` then never sees pass (probe s15b)."""
    response = solver.response_proto
    if response.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE) or interrupt.should_stop():
        return False
    return response.deterministic_time < 0.99 * solver.parameters.max_deterministic_time


def charged(params: SolveParams, solver: cp_model.CpSolver) -> float:
    """Work units of a finished call of ``solver`` (made by ``make_solver(params, …)``):
    its deterministic time at ``params.work_per_dtime`` units each, or where ``params``
    has a meter, what its counters (deterministic time, branches) cost."""
    response = solver.response_proto
    if params.meter is not None:
        return params.meter.charge(float(response.deterministic_time), int(response.num_branches))
    return float(response.deterministic_time) * params.work_per_dtime


class _Progress(cp_model.CpSolverSolutionCallback):
    """Relays improving solutions of one stage to the caller's progress callback."""

    def __init__(self, name: str, start: float, callback: ProgressCallback) -> None:
        super().__init__()
        self._name = name
        self._start = start
        self._callback = callback

        #: The (value, bound) last relayed.
        self.last: tuple[float, float] | None = None

    def on_solution_callback(self) -> None:
        self.last = (self.objective_value, self.best_objective_bound)
        self._callback(self._name, *self.last, time.perf_counter() - self._start)

    def settled(self, value: int, bound: int) -> None:
        """The stage's end, relayed when it says more than the last solution did: the
        proof usually comes after it (the workbench's table read 4 with bound 0 for a
        proven sector spread while the teams were solved)."""
        if self.last != (value, bound):
            self.last = (value, bound)
            self._callback(self._name, value, bound, time.perf_counter() - self._start)


def _hint(model: cp_model.CpModel, values: Sequence[int]) -> None:
    """Hint a previous solution so the next stage starts from it."""
    model.clear_hints()
    # Variables created after that solution (e.g. the constant CP-SAT adds for a bound on an
    # objective that is a plain number) have no value in it: leave them unhinted.
    num_hinted = min(len(model.proto.variables), len(values))
    # In bulk: one add_hint per variable costs ~10 us of Python each (60 students: a
    # tenth of the teams stage).
    hint = model.proto.solution_hint
    hint.vars.extend(range(num_hinted))
    hint.values.extend(int(v) for v in values[:num_hinted])


def _stop_before(
    objective: Objective | None,
    best: Sequence[int] | None,
    results: Sequence[ObjectiveResult],
    remaining: float,
    work: float | None,
) -> bool:
    """Whether to stop before the stage of ``objective`` and keep the incumbent ``best``."""
    if work is not None and work <= 0 and best is not None and objective is not None:
        return True  # the work budget is spent
    if interrupt.should_stop() and results:
        # Ctrl-C or a stop token: keep the incumbent, leave the later priorities unoptimised.
        return True
    # Out of time: report the incumbent's value with a trivial bound.
    return remaining <= 0 and best is not None and objective is not None


def _aim(model: cp_model.CpModel, objective: Objective | None) -> None:
    """Make ``objective`` the model's objective (``None``: a pure feasibility solve)."""
    if objective is not None:
        if objective.sense == "min":
            model.minimize(objective.expr)
        else:
            model.maximize(objective.expr)
    else:
        model.clear_objective()


def _keep(model: cp_model.CpModel, objective: Objective, value: int) -> None:
    """Hold the later stages to ``value`` of ``objective`` (``<=`` or ``>=``, not ``==``)."""
    if objective.sense == "min":
        model.add(objective.expr <= value)
    else:
        model.add(objective.expr >= value)


def solve_lexicographic(
    model: cp_model.CpModel,
    objectives: Sequence[Objective],
    params: SolveParams,
    hint: Sequence[int] | None = None,
) -> LexResult:
    """Optimise ``objectives`` in order, each within the optimum of those before it.

    The time limit is shared by all stages. A stage stopped by the time limit keeps its
    best value as a constraint (``<=`` or ``>=``, not ``==``) and the overall status becomes
    FEASIBLE; later stages still run with whatever time is left. The model is modified
    (objective bounds are added); callers clone it first if they need it again.

    Parameters
    ----------
    model
        The model holding every rule.
    objectives
        Named priorities, most important first. May be empty (pure feasibility).
    params
        Time limit, seed, workers, progress callback.
    hint
        Optional full assignment (indexed like the model's variables) to start from.
    """
    start = time.perf_counter()
    results: list[ObjectiveResult] = []
    best: Sequence[int] | None = hint
    proven = True
    spent = 0.0
    on_clock = False
    stages: Sequence[Objective | None] = list(objectives) or [None]
    for objective in stages:
        remaining = params.time_limit - (time.perf_counter() - start)
        work = None if params.work_limit is None else params.work_limit - spent
        if _stop_before(objective, best, results, remaining, work):
            proven = False
            break
        _aim(model, objective)
        if best is not None:
            _hint(model, best)
        callback = (
            _Progress(objective.name, start, params.progress)
            if params.progress is not None and objective is not None
            else None
        )
        code, solver, cost = _solve_stage(model, params, remaining, work, callback)
        spent += cost
        on_clock = on_clock or ended_on_clock(solver)
        status = _status_of(code)
        if status in (Status.INFEASIBLE, Status.UNKNOWN) and not results:
            elapsed = time.perf_counter() - start
            return LexResult(status=status, time_s=elapsed, work=spent, on_clock=on_clock)
        if status not in (Status.OPTIMAL, Status.FEASIBLE):
            # A later stage found nothing in the time left: keep the earlier solution.
            proven = False
            break
        best = list(solver.response_proto.solution)
        if objective is None:
            break
        value = round(solver.objective_value)
        bound = round(solver.best_objective_bound) if status == Status.FEASIBLE else value
        results.append(ObjectiveResult(objective.name, value, bound, objective.sense))
        if callback is not None:
            callback.settled(value, bound)
        if status == Status.FEASIBLE:
            proven = False
        _keep(model, objective, value)
    model.clear_objective()
    model.clear_hints()
    if best is None:
        elapsed = time.perf_counter() - start
        return LexResult(status=Status.UNKNOWN, time_s=elapsed, work=spent, on_clock=on_clock)
    return LexResult(
        status=Status.OPTIMAL if proven else Status.FEASIBLE,
        time_s=time.perf_counter() - start,
        objectives=results,
        solution=Solution(best),
        work=spent,
        on_clock=on_clock,
    )


#: Deterministic time one worker is given first on each stage of a run with several workers:
#: at least ``ONE_WORKER_FIRST``, and ``ONE_WORKER_SHARE`` of the stage's work budget when
#: it has one. CP-SAT's workers interleaved in deterministic batches (``make_solver``)
#: proved a small stage many times slower than one worker alone: the balance stage of 120
#: students took 3.4 s with two workers against 0.2 s with one (2.2 units of deterministic
#: time against 0.1), the experience stage of 200 students ended unproven after 3.7 units
#: where one worker proves it in 2. A stage one worker proves within its share is done;
#: otherwise the workers go on from its best solution. Both steps count work, so a run
#: stays reproducible.
ONE_WORKER_FIRST = 1.0
ONE_WORKER_SHARE = 0.5


def _solve_stage(
    model: cp_model.CpModel,
    params: SolveParams,
    remaining: float,
    work: float | None,
    callback: cp_model.CpSolverSolutionCallback | None,
) -> tuple[Any, cp_model.CpSolver, float]:
    """One stage's CP-SAT call: its status code, the solver that ended it and the work
    units spent; with several workers, one worker first (``ONE_WORKER_FIRST``,
    ``ONE_WORKER_SHARE``)."""
    spent = 0.0
    if params.workers > 1:
        began = time.perf_counter()
        alone = replace(params, workers=1)
        first = make_solver(alone, remaining, work)
        limit = first.parameters.max_deterministic_time
        share = ONE_WORKER_FIRST if math.isinf(limit) else ONE_WORKER_SHARE * limit
        alone_for = max(ONE_WORKER_FIRST, share)
        first.parameters.max_deterministic_time = min(limit, alone_for)
        code = first.solve(model, callback)
        spent = charged(alone, first)
        status = _status_of(code)
        remaining -= time.perf_counter() - began
        work = None if work is None else work - spent
        settled = status in (Status.OPTIMAL, Status.INFEASIBLE) or limit <= alone_for
        if settled or interrupt.should_stop() or remaining <= 0:
            return code, first, spent
        if status == Status.FEASIBLE:
            _hint(model, list(first.response_proto.solution))
    solver = make_solver(params, remaining, work)
    code = solver.solve(model, callback)
    return code, solver, spent + charged(params, solver)


def family_literals(
    model: cp_model.CpModel,
    families: dict[str, cp_model.IntVar],
    name: str,
    enabled: bool,
) -> list[cp_model.IntVar]:
    """The enforcement literal of rule family ``name`` (made once, kept in ``families``),
    as a list for ``only_enforce_if``; none when families are not in use (``enabled``)."""
    if not enabled:
        return []
    if name not in families:
        families[name] = model.new_bool_var(f"rule[{name}]")
    return [families[name]]


def explain_infeasibility(
    model: cp_model.CpModel,
    families: Mapping[str, cp_model.IntVar],
    params: SolveParams,
    first: str = "",
    within: Sequence[str] = (),
) -> list[str] | None:
    """Names of rule families that cannot all hold together, as small as found.

    Each family is a Boolean literal that enforces a group of constraints (``only_enforce_if``).
    Returns ``None`` when the model is infeasible even with every family switched off (the
    conflict lies in rules that have no family), or when the time limit stops the search.
    Otherwise the list is minimal: dropping any one of its families makes the rest feasible.
    Of several such lists, the families whose names start with ``first`` are the first
    tried, so the first left out when others explain the conflict (stage 3 passes its
    one-place rules: a conflict that the people's own rules explain is said in them, "all
    away on 9/10/2026", not "Anne cannot attend 6 visits" when she is away that day).
    ``within``: families that may hold a conflict alone; when they do, the search keeps to
    them (one solve instead of one per family left out).
    """
    names = sorted(families, key=lambda name: not (first and name.startswith(first)))
    deadline = time.perf_counter() + params.time_limit

    def infeasible_with(subset: Sequence[str]) -> bool | None:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        trial = model.clone()
        trial.clear_objective()
        trial.clear_hints()
        for name in names:
            literal = trial.get_bool_var_from_proto_index(families[name].index)
            trial.add(literal == (1 if name in subset else 0))
        solver = make_solver(params, left)
        status = _status_of(solver.solve(trial))
        if status == Status.UNKNOWN:
            return None
        return status == Status.INFEASIBLE

    if infeasible_with(names) is not True:
        return None
    if infeasible_with([]) is not False:
        return None
    # Deletion filter: drop each family in turn, keep it out if the rest still conflict.
    # The time limit covers all the solves; when it runs out, the families kept so far
    # still conflict (each step was proven), only perhaps not minimally.
    core = list(names)
    if within and infeasible_with([n for n in names if n in within]) is True:
        core = [n for n in names if n in within]
    for name in list(core):
        trial = [n for n in core if n != name]
        if infeasible_with(trial) is True:
            core = trial
    return core
