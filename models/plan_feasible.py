"""Whether the teams of a selection can be planned at all: stage 3's rules, no priority.

The selection (``matcher.selection_plan``) keeps, when the cohort has supervisors, only
selections a plan exists for: ``minimal_conflict`` names a smallest set of teams no plan can
hold together (a deletion filter), which the selection then forbids. Plan feasibility only
grows harder with more teams (each team adds events and needs a supervisor; the supervisors'
limits stay those of the whole selection), so forbidding that set forbids no plannable
selection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from models.cpsat import cp_model
from models.outcome import SolveParams
from models.plan import EXACT_PAIRS_LIMIT, FLOW_FROM_TEAMS, PlanModel
from models.plan_data import PlanData, counted_conflict
from models.solve import make_solver

__all__ = ["minimal_conflict", "plan_exists", "teams_subset"]

#: Units of ``plan_exists``'s first try, without CP-SAT's presolve. A selection a plan
#: exists for is decided that way in a quarter of the time (the demo: 0.025 s against
#: 0.096 s, six generated 60-student cohorts 0.06-0.08 s against 0.10-0.17 s with the
#: model's build, the same selections and teams; session 24); a try that decides nothing
#: within these units leaves it to the solve with presolve, which proves a tight
#: selection infeasible at once (below).
QUICK_WORK = 0.05


def teams_subset(data: PlanData, teams: Sequence[int]) -> PlanData:
    """``data`` restricted to ``teams``, the supervisors' limits unchanged, no priority."""
    rows = list(teams)
    return replace(
        data,
        allowed=data.allowed[rows],
        oral_allowed=data.oral_allowed[rows],
        institution=data.institution[rows],
        town=data.town[rows],
        expertise=None if data.expertise is None else data.expertise[rows],
        team_labels=tuple(data.team_labels[t] for t in rows) if data.team_labels else (),
        priorities=(),
        previous=None,
    )


def plan_exists(
    data: PlanData, params: SolveParams, work: float, *, quick: bool = True
) -> bool | None:
    """Whether some plan keeps every rule of §11 (``None``: not decided within ``work``
    units of CP-SAT's deterministic time, or the time limit; from ``FLOW_FROM_TEAMS`` teams,
    or more team-supervisor pairs than ``solve_plan`` models exactly, only what counting
    says). ``quick``: a first try of ``QUICK_WORK`` units without presolve (for a set of
    teams expected to be plannable)."""
    if data.num_teams == 0:
        return True
    if data.num_supervisors == 0 or counted_conflict(data) is not None:
        return False
    if (
        data.num_teams >= FLOW_FROM_TEAMS
        or data.num_teams * data.num_supervisors > EXACT_PAIRS_LIMIT
    ):
        return None
    data = replace(data, priorities=(), previous=None)
    # The model with times and CP-SAT's presolve: on ten teams of a tight morning the
    # presolve proves no plan in 0.001 units where the grouped model (exact too) took 0.3
    # (0.5 without presolve, past the budget), and finds one in 0.016 (session 15).
    built = PlanModel(data)
    if quick:
        fast = replace(
            params, cp_sat_parameters={**params.cp_sat_parameters, "cp_model_presolve": False}
        )
        decided = _decided(
            make_solver(fast, params.time_limit, min(work, QUICK_WORK)).solve(built.model)
        )
        if decided is not None:
            return decided
    return _decided(make_solver(params, params.time_limit, work).solve(built.model))


def _decided(status: cp_model.CpSolverStatus) -> bool | None:
    """A plan exists (True), none does (False), or not decided (None)."""
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    if status == cp_model.INFEASIBLE:
        return False
    return None


def minimal_conflict(data: PlanData, params: SolveParams, work: float) -> tuple[int, ...] | None:
    """A set of teams no plan holds together, none of which can be left out of it (``None``:
    a plan exists, or that was not decided). Each check gets ``work`` units."""
    if plan_exists(data, params, work) is not False:
        return None
    core = list(range(data.num_teams))
    for t in range(data.num_teams):
        trial = [u for u in core if u != t]
        # Most of these sets cannot be planned either: straight to the solve with presolve.
        if plan_exists(teams_subset(data, trial), params, work, quick=False) is False:
            core = trial
    return tuple(core)
