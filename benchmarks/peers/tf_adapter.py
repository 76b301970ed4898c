"""HBS ``team-formation`` peer: its CP-SAT balance model on the same students and team sizes.

Runs in its own virtual environment (``benchmarks/.venv-tf``, ``pip install team-formation``):
that package pins its own OR-Tools and pandas and is never imported next to ``matcher``. It
reads a problem written by ``benchmarks/team_problem.py`` and writes JSON::

    python tf_adapter.py PROBLEM.json RESULT.json

What it is given (``team_formation.TeamAssignment``): one participant row per student with the
cohort's balanced attributes, each as a ``diversify`` constraint of weight 1 (its only notion
of balance: each team's counts close to round(share × team size)); and exactly our team
sizes. Its API only takes a target team size, so the package's ``calc_team_sizes`` is replaced
by one returning the sizes given (documented in benchmarks/README.md). It knows nothing of
choices, conflicts of interest, pins or pairs: its teams are numbered, not commissions, and
the caller maps them onto commissions afterwards.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pandas as pd
from team_formation import __version__ as tf_version
from team_formation import team_assignment


def solve(problem: dict[str, Any]) -> dict[str, Any]:
    """Teams (index per student) from ``TeamAssignment`` with our sizes and time limit."""
    start = time.perf_counter()
    sizes: list[int] = problem["team_sizes"]
    attributes: dict[str, list[str | None]] = problem["attributes"]
    # The package rejects missing values; an empty cell becomes its own category.
    columns = {
        a: [v if v is not None else "(empty)" for v in vals] for a, vals in attributes.items()
    }
    participants = pd.DataFrame({"id": problem["student_ids"], **columns})
    constraints = pd.DataFrame(
        {
            "attribute": list(columns),
            "type": ["diversify"] * len(columns),
            "weight": [1] * len(columns),
        }
    )
    # Its public API derives team sizes from one target size; impose ours instead.
    team_assignment.calc_team_sizes = lambda pop_size, target_size, less_than=True: list(sizes)
    # It builds its solver with OR-Tools defaults (every core, seed 0); give it our budget.
    make_solver = team_assignment.cp_model.CpSolver

    def configured_solver() -> Any:
        solver = make_solver()
        solver.parameters.num_workers = int(problem.get("workers", 1))
        solver.parameters.random_seed = int(problem.get("seed", 0))
        return solver

    team_assignment.cp_model.CpSolver = configured_solver
    model = team_assignment.TeamAssignment(participants, constraints, max(sizes))
    build_s = time.perf_counter() - start
    model.solve(max_time_in_seconds=float(problem.get("time_limit", 60.0)))
    status = {4: "OPTIMAL", 2: "FEASIBLE", 3: "INFEASIBLE"}.get(int(model.status), "UNKNOWN")
    assignment = None
    objective = None
    bound = None
    if model.solution_found:
        assignment = [int(t) for t in model.participants["team_num"]]
        objective = round(model.solver.objective_value)
        bound = round(model.solver.best_objective_bound)
    return {
        "status": status,
        "time_s": round(time.perf_counter() - start, 4),
        "build_s": round(build_s, 4),
        "objectives": (
            [{"name": "tf_diversify_cost", "value": objective, "bound": bound, "sense": "min"}]
            if objective is not None
            else []
        ),
        "num_vars": len(model.model.proto.variables),
        "assignment": assignment,
        "solver": f"team-formation {tf_version}",
    }


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        problem = json.load(handle)
    result = solve(problem)
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main()
