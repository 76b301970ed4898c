"""What a work unit costs: the CPU of every CP-SAT call against its deterministic time (issue 17).

Solves the ``TeamData`` pickled by ``team_data.py`` (worst choice, balance, choices:
experience left out, as in sessions 5-6) on a given work budget, with the wall clock out
of the way, and prints one JSON line: values and bounds, for each stage the units and
process CPU seconds spent by its end (where each proof lands), the CP-SAT calls' summed
CPU and deterministic time (the rest is the counted heuristics). Every CP-SAT call is
written to ``PKL.TAGcalls.jsonl`` (stage, deterministic time, CPU, model size, settings,
search counters); the JSON line's ``steps`` give each step of the run (the start, the
annealing, swaps, flows, bounds, hints, searches) its units charged, process CPU and the
CP-SAT calls inside, so that a heuristic's CPU per unit can be read off::

    python benchmarks/team_data.py SHAPE 1000 SEED /tmp/x.pkl
    python benchmarks/work_price.py /tmp/x.pkl 54 [--wall 3000] [--prices 3,3] [--tag k3]

``--prices P1,P2`` replaces ``models.teams.work.CPSAT_PRICES`` by 1 up to 10,000 students
× teams, P1 at 100,000 and P2 at 400,000 (to measure a calibration without editing it).
Set ``SRC`` to another tree's root (e.g. ``git archive`` of main) to measure that engine.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

if os.environ.get("SRC"):
    sys.path.insert(0, os.environ["SRC"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pkl", type=Path)
    parser.add_argument("work", type=float)
    parser.add_argument("--wall", type=float, default=3000.0)
    parser.add_argument("--prices", default=None)
    parser.add_argument("--tag", default="")
    opts = parser.parse_args()

    import models.teams.solve as engine
    from models.cpsat import cp_model
    from models.solve import SolveParams

    if opts.prices:
        import models.teams.work as work

        low, high = (float(x) for x in opts.prices.split(","))
        work.CPSAT_PRICES = ((10_000, 1.0), (100_000, low), (400_000, high))
    data = pickle.loads(opts.pkl.read_bytes())
    data = replace(data, priorities=tuple(p for p in data.priorities if p != "experience"))
    calls: list[dict[str, Any]] = []
    current = {"stage": "start"}
    solve = cp_model.CpSolver.solve

    def measured(self: Any, model: Any, callback: Any = None) -> Any:
        cpu = time.process_time()
        code = solve(self, model, callback)
        response, params = self.response_proto, self.parameters
        calls.append(
            {
                "stage": current["stage"],
                "dtime": response.deterministic_time,
                "cpu": time.process_time() - cpu,
                "vars": len(model.proto.variables),
                "cons": len(model.proto.constraints),
                "lin": params.linearization_level,
                "ls": params.use_ls_only,
                "maxdt": params.max_deterministic_time,
                "status": int(code),
                "lp": response.num_lp_iterations,
                "branches": response.num_branches,
                "conflicts": response.num_conflicts,
            }
        )
        return code

    stages: list[dict[str, Any]] = []
    stage = engine._Run.solve_stage

    def timed(run: Any, name: str, remaining: Any) -> Any:
        current["stage"] = name
        out = stage(run, name, remaining)
        found = [r for r in run.results if r.name == name]
        stages.append(
            {
                "name": name,
                "value": found[-1].value if found else None,
                "bound": found[-1].bound if found else None,
                "cum_units": run.budget.spent,
                "cum_cpu": time.process_time() - began,
            }
        )
        current["stage"] = "after-" + name
        return out

    # Every step of the run: units charged (at the root budget), process CPU, and the
    # CP-SAT calls' units and CPU within it (the rest is the counted heuristic's own).
    import models.solve as lex
    import models.teams.incumbent as incumbent
    import models.teams.rebalance as rebalance
    import models.teams.team_lns as team_lns
    from models.budget import Budget

    totals = {"units": 0.0, "sat_units": 0.0}
    charge = Budget.charge

    def counted(self: Any, units: float) -> None:
        if self.parent is None:
            totals["units"] += units
        charge(self, units)

    Budget.charge = counted  # type: ignore[method-assign]
    sat_charged = lex.charged

    def charged(params: Any, solver: Any) -> float:
        units = sat_charged(params, solver)
        totals["sat_units"] += units
        return units

    for module in (lex, incumbent, team_lns):
        module.charged = charged  # type: ignore[attr-defined]
    steps: list[dict[str, Any]] = []

    def step(module: Any, name: str) -> None:
        inner = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            before = (totals["units"], totals["sat_units"], time.process_time(), len(calls))
            out = inner(*args, **kwargs)
            inside = calls[before[3] :]
            steps.append(
                {
                    "kind": "step",
                    "step": name,
                    "stage": current["stage"],
                    "units": totals["units"] - before[0],
                    "sat_units": totals["sat_units"] - before[1],
                    "cpu": time.process_time() - before[2],
                    "sat_cpu": sum(c["cpu"] for c in inside),
                    "sat_dtime": sum(c["dtime"] for c in inside),
                }
            )
            return out

        setattr(module, name, wrapped)

    for name in ("start_assignment", "improve_start", "anneal_start", "complete_hint",
                 "improve_incumbent", "tight_hint", "lp_lower_bound", "rebalance",
                 "solve_in_turns", "solve_lexicographic", "balance_lower_bound",
                 "choices_lower_bound", "TeamModel"):  # fmt: skip
        step(engine, name)
    for name in ("anneal_balance", "rebalance_incumbent", "lns_balance"):
        step(rebalance, name)
    cp_model.CpSolver.solve = measured  # type: ignore[method-assign]
    engine._Run.solve_stage = timed  # type: ignore[method-assign]
    began, wall = time.process_time(), time.perf_counter()
    params = SolveParams(time_limit=opts.wall, seed=0, workers=1, work_limit=opts.work)
    result = engine.solve_teams(data, params)
    print(
        json.dumps(
            {
                "pkl": opts.pkl.name,
                "tag": opts.tag,
                "work": opts.work,
                "status": result.status.name,
                "objectives": [(o.name, o.value, o.bound) for o in result.objectives],
                "spent": result.work,
                "cpu": time.process_time() - began,
                "wall": time.perf_counter() - wall,
                "stopped_by": result.stopped_by,
                "sat_cpu": sum(c["cpu"] for c in calls),
                "sat_dtime": sum(c["dtime"] for c in calls),
                "stages": stages,
                "steps": steps,
            }
        ),
        flush=True,
    )
    out = Path(f"{opts.pkl}.{opts.tag}calls.jsonl")
    out.write_text("".join(json.dumps(c) + "\n" for c in calls), encoding="utf-8")


if __name__ == "__main__":
    main()
