"""HiGHS peer: the same team model as a MIP, solved lexicographically with ``highspy``.

Runs in its own virtual environment (``benchmarks/.venv-highs``: highspy and numpy only),
because highspy cannot be imported alongside OR-Tools 9.15. It reads a problem written by
``benchmarks/team_problem.py`` and writes the outcome as JSON::

    python highs_team.py PROBLEM.json RESULT.json

Model (contract §5): binary x[s, t] for each team t student s may join (conflict of interest
and pins are applied by omitting variables); each student in exactly one team; team sizes
within bounds; apart pairs never share a team, together pairs always do; ``no_isolation``
counts are 0 or at least 2. Objectives, in the cohort's priority order:

- ``worst_choice``: an integer W >= the rank of every student with choices;
- ``balance``: sum over (attribute, value, team) of over + under, with
  over >= c - ceil(N_v/K) and under >= floor(N_v/K) - c (exactly balance_violations);
- ``choices``: sum of the choice ranks;
- ``experience``: the sum (or the largest, as the engine's validator defines it; the problem
  says which) over teams of dev_t >= |N·E_t − n_t·E| (e_i in tenths of years, E_t a team's
  total, n_t its size, E the cohort's total), linear because
  N·E_t − n_t·E = Σ_i (N·e_i − E)·x[i, t].

Each
priority is minimised in turn with the time left; its value is then kept as a constraint
(``<=``) and the solution passed as a start to the next stage, as the engine does with CP-SAT.
Every objective is integral, so an absolute gap below 1 proves optimality.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import highspy
import numpy as np

SUPPORTED = ("worst_choice", "balance", "choices", "experience")


class _Model:
    """Columns and rows of the MIP, built in plain lists then passed to HiGHS at once."""

    def __init__(self) -> None:
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integer: list[bool] = []
        self.row_lo: list[float] = []
        self.row_hi: list[float] = []
        self.row_idx: list[list[int]] = []
        self.row_val: list[list[float]] = []

    def col(self, lb: float, ub: float, integer: bool) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        self.integer.append(integer)
        return len(self.lb) - 1

    def row(self, idx: list[int], val: list[float], lo: float, hi: float) -> None:
        self.row_idx.append(idx)
        self.row_val.append(val)
        self.row_lo.append(lo)
        self.row_hi.append(hi)

    def to_highs(self, highs: highspy.Highs) -> None:
        inf = highspy.kHighsInf
        num_cols = len(self.lb)
        highs.addVars(num_cols, np.array(self.lb), np.array(self.ub))
        integral = [j for j in range(num_cols) if self.integer[j]]
        highs.changeColsIntegrality(
            len(integral),
            np.array(integral, dtype=np.int32),
            np.full(len(integral), highspy.HighsVarType.kInteger),
        )
        starts = np.cumsum([0] + [len(r) for r in self.row_idx[:-1]]).astype(np.int32)
        indices = np.array([j for r in self.row_idx for j in r], dtype=np.int32)
        values = np.array([v for r in self.row_val for v in r], dtype=np.float64)
        lower = np.array([lo if lo > -1e29 else -inf for lo in self.row_lo])
        upper = np.array([hi if hi < 1e29 else inf for hi in self.row_hi])
        highs.addRows(len(self.row_lo), lower, upper, len(indices), starts, indices, values)


#: x column of each (student, team) pair, and objective name → {column: cost}.
Columns = dict[tuple[int, int], int]
Costs = dict[str, dict[int, float]]


def build(problem: dict[str, Any]) -> tuple[_Model, Columns, Costs]:
    """The MIP of a team problem: model, x column of (student, team), objective costs."""
    big = 1e30
    model = _Model()
    num_students = len(problem["student_ids"])
    num_teams = len(problem["commission_ids"])
    allowed: list[list[int]] = problem["allowed"]
    ranks: list[list[int] | None] = problem["ranks"]

    x: dict[tuple[int, int], int] = {}
    for s in range(num_students):
        for t in allowed[s]:
            x[s, t] = model.col(0, 1, True)
    by_team: list[list[int]] = [[] for _ in range(num_teams)]
    for s, t in x:
        by_team[t].append(s)

    # Each student in exactly one team.
    for s in range(num_students):
        cols = [x[s, t] for t in allowed[s]]
        model.row(cols, [1.0] * len(cols), 1, 1)
    # Team sizes within bounds.
    for t in range(num_teams):
        cols = [x[s, t] for s in by_team[t]]
        model.row(cols, [1.0] * len(cols), problem["size_lo"][t], problem["size_hi"][t])
    # Apart pairs never share a team.
    for a, b in problem["apart"]:
        for t in set(allowed[a]) & set(allowed[b]):
            model.row([x[a, t], x[b, t]], [1.0, 1.0], -big, 1)
    # Together pairs always do (a missing variable is a fixed 0).
    for a, b in problem["together"]:
        for t in set(allowed[a]) | set(allowed[b]):
            if (a, t) in x and (b, t) in x:
                model.row([x[a, t], x[b, t]], [1.0, -1.0], 0, 0)
            else:
                model.row([x.get((a, t), x.get((b, t)))], [1.0], 0, 0)  # type: ignore[list-item]
    # No isolation: a team holds 0 or at least 2 students with the value.
    for group in problem["no_isolation"]:
        held = set(group)
        for t in range(num_teams):
            members = [s for s in by_team[t] if s in held]
            if not members:
                continue
            some = model.col(0, 1, True)
            cols = [x[s, t] for s in members]
            model.row([*cols, some], [1.0] * len(cols) + [-float(len(cols))], -big, 0)
            model.row([*cols, some], [1.0] * len(cols) + [-2.0], 0, big)

    costs: dict[str, dict[int, float]] = {}
    # worst_choice: W >= rank of each student with choices.
    max_rank = max((max(r) for r in ranks if r), default=0)
    worst = model.col(0, max_rank, True)
    costs["worst_choice"] = {worst: 1.0}
    choice_costs: dict[int, float] = {}
    for s in range(num_students):
        if ranks[s] is None:
            continue
        cols = [x[s, t] for t in allowed[s]]
        vals = [float(ranks[s][t]) for t in allowed[s]]  # type: ignore[index]
        model.row([*cols, worst], [*vals, -1.0], -big, 0)
        for j, v in zip(cols, vals, strict=True):
            choice_costs[j] = v
    costs["choices"] = choice_costs
    # balance: over/under per (attribute, value, team).
    balance_costs: dict[int, float] = {}
    for attribute, value, lo, hi in problem["balance_bounds"]:
        held = {s for s, v in enumerate(problem["attributes"][attribute]) if v == value}
        for t in range(num_teams):
            cols = [x[s, t] for s in by_team[t] if s in held]
            over = model.col(0, big, False)
            under = model.col(0, big, False)
            model.row([*cols, over], [1.0] * len(cols) + [-1.0], -big, hi)
            model.row([*cols, under], [1.0] * len(cols) + [1.0], lo, big)
            balance_costs[over] = 1.0
            balance_costs[under] = 1.0
    costs["balance"] = balance_costs
    # experience: dev_t >= ±Σ_i (N·e_i − E)·x[i, t], summed or maxed as the engine does.
    tenths: list[int] = problem.get("experience") or [0] * num_students
    total = sum(tenths)
    largest = model.col(0, big, False) if problem.get("experience_measure") == "max" else None
    experience_costs: dict[int, float] = {largest: 1.0} if largest is not None else {}
    for t in range(num_teams):
        cols = [x[s, t] for s in by_team[t]]
        coefs = [float(num_students * tenths[s] - total) for s in by_team[t]]
        dev = model.col(0, big, False) if largest is None else largest
        model.row([*cols, dev], [*coefs, -1.0], -big, 0)
        model.row([*cols, dev], [*coefs, 1.0], 0, big)
        if largest is None:
            experience_costs[dev] = 1.0
    costs["experience"] = experience_costs
    return model, x, costs


def solve(problem: dict[str, Any]) -> dict[str, Any]:
    """Lexicographic solve of the problem's supported priorities within its time limit."""
    start = time.perf_counter()
    model, x, costs = build(problem)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", int(problem.get("seed", 0)))
    highs.setOptionValue("threads", int(problem.get("workers", 1)))
    highs.setOptionValue("mip_abs_gap", 0.999)
    highs.setOptionValue("mip_rel_gap", 0.0)
    model.to_highs(highs)
    build_s = time.perf_counter() - start
    num_cols = len(model.lb)

    time_limit = float(problem.get("time_limit", 60.0))
    priorities = [p for p in problem.get("priorities", SUPPORTED) if p in SUPPORTED]
    objectives: list[dict[str, Any]] = []
    values: np.ndarray | None = None
    proven = True
    status = "UNKNOWN"
    for name in priorities:
        remaining = time_limit - (time.perf_counter() - start)
        if remaining <= 0:
            proven = False
            break
        cost = np.zeros(num_cols)
        for j, c in costs[name].items():
            cost[j] = c
        highs.changeColsCost(num_cols, np.arange(num_cols, dtype=np.int32), cost)
        highs.setOptionValue("time_limit", remaining)
        if values is not None:
            sol = highspy.HighsSolution()
            sol.col_value = list(values)
            sol.value_valid = True
            highs.setSolution(sol)
        highs.run()
        model_status = highs.getModelStatus()
        info = highs.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        if not has_solution:
            if model_status == highspy.HighsModelStatus.kInfeasible and not objectives:
                status = "INFEASIBLE"
            proven = False
            break
        values = np.array(highs.getSolution().col_value)
        value = round(info.objective_function_value)
        optimal = model_status == highspy.HighsModelStatus.kOptimal
        dual = info.mip_dual_bound
        # Stopped before any bound (e.g. at the time limit in the root): report 0, trivial
        # for these non-negative objectives.
        bound = value if optimal else (int(np.ceil(dual - 1e-6)) if np.isfinite(dual) else 0)
        objectives.append({"name": name, "value": value, "bound": bound, "sense": "min"})
        proven = proven and optimal
        status = "OPTIMAL" if proven else "FEASIBLE"
        # Keep this priority's value while optimising the next ones.
        cols = list(costs[name])
        highs.addRow(
            -highspy.kHighsInf,
            value + 0.5,
            len(cols),
            np.array(cols, dtype=np.int32),
            np.array([costs[name][j] for j in cols]),
        )
    assignment: list[int] | None = None
    if values is not None:
        assignment = [-1] * len(problem["student_ids"])
        for (s, t), j in x.items():
            if values[j] > 0.5:
                assignment[s] = t
    return {
        "status": status,
        "time_s": round(time.perf_counter() - start, 4),
        "build_s": round(build_s, 4),
        "objectives": objectives,
        "skipped_priorities": [p for p in problem.get("priorities", []) if p not in SUPPORTED],
        "num_vars": num_cols,
        "assignment": assignment,
        "solver": f"HiGHS {highs.version()}",
    }


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        problem = json.load(handle)
    result = solve(problem)
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
