"""Issue 14: are the slow ``costs choices`` wish solves faster as a MIP? Each wish model that
``matcher.explain`` solves to the end (objective ``(N + 1) * choices + moves`` under the wish
and the caps, ``models.team_wish._CappedModel.solve``) is captured, then solved again in this
process by CP-SAT with the wish parameters and by a MIP solver OR-Tools ships (SCIP, HiGHS),
the CP-SAT model turned into a MIP (each enforced linear constraint by big-M). CPU seconds
per wish and the optimum (which must agree). Usage::

    python benchmarks/explain_mip.py INSTANCE RESULT [BACKEND ...] [--first K]

``RESULT`` from ``matcher run --no-explain``. Session 30 (2026-12-05): see
``results/2026-12-05/session30/wish-mip.md``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

import models.team_wish as team_wish
from matcher.explain import explain
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams

CAPTURED: list[bytes] = []
_SOLVE = team_wish._CappedModel.solve


def _capture(self: Any, assumptions: Any, objective: str, params: Any, hint: Any, **kw: Any) -> Any:
    found = _SOLVE(self, assumptions, objective, params, hint, **kw)
    if objective == "choices" and kw.get("with_moves") and found[0].name == "OPTIMAL":
        model = self.team_model.model
        model.clear_assumptions()
        model.add_assumptions(list(assumptions))
        var, moves = (
            self.team_model.objective_vars[objective],
            self.team_model.objective_vars["moves"],
        )
        model.minimize((self.data.num_students + 1) * var + moves)
        path = Path("/tmp/explain_mip_model.pb")
        model.export_to_file(str(path))
        CAPTURED.append(path.read_bytes())
    return found


def _cp_sat(proto: cp_model_pb2.CpModelProto) -> tuple[float, float]:
    from google.protobuf import text_format

    model = cp_model.CpModel()
    model.proto.merge_text_format(text_format.MessageToString(proto))
    solver = cp_model.CpSolver()
    for key, value in {
        **team_wish._WISH_PARAMETERS,
        "num_workers": 1,
        "max_time_in_seconds": 60,
    }.items():
        setattr(solver.parameters, key, value)
    start = time.process_time()
    solver.solve(model)
    return time.process_time() - start, solver.objective_value


def _mip(proto: cp_model_pb2.CpModelProto, backend: str) -> tuple[float, float]:
    solver = pywraplp.Solver.CreateSolver(backend)
    xs = [solver.IntVar(v.domain[0], v.domain[-1], f"v{i}") for i, v in enumerate(proto.variables)]

    def literal(ref: int) -> Any:
        return xs[ref] if ref >= 0 else 1 - xs[-ref - 1]

    def reach(variables: Any, coeffs: Any) -> tuple[int, int]:
        low = high = 0
        for v, c in zip(variables, coeffs, strict=True):
            a, b = proto.variables[v].domain[0] * c, proto.variables[v].domain[-1] * c
            low, high = low + min(a, b), high + max(a, b)
        return low, high

    for constraint in proto.constraints:
        if constraint.HasField("bool_or"):
            solver.Add(sum(literal(r) for r in constraint.bool_or.literals) >= 1)
            continue
        linear = constraint.linear
        expr = sum(c * xs[v] for v, c in zip(linear.vars, linear.coeffs, strict=True))
        lb, ub = linear.domain[0], linear.domain[-1]
        low, high = reach(linear.vars, linear.coeffs)
        off = sum(1 - literal(r) for r in constraint.enforcement_literal)
        if lb > low:
            solver.Add(expr >= lb - (lb - low) * off)
        if ub < high:
            solver.Add(expr <= ub + (high - ub) * off)
    for ref in proto.assumptions:
        solver.Add(literal(ref) == 1)
    objective = proto.objective
    solver.Minimize(sum(c * xs[v] for v, c in zip(objective.vars, objective.coeffs, strict=True)))
    solver.SetNumThreads(1)
    solver.SetTimeLimit(60_000)
    start = time.process_time()
    solver.Solve()
    return time.process_time() - start, solver.Objective().Value()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--first")]
    first = next((int(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("--first=")), None)
    instance_dir, result, backends = Path(args[0]), Path(args[1]), args[2:] or ["SCIP"]
    team_wish._CappedModel.solve = _capture  # type: ignore[method-assign]
    instance = load_instance(instance_dir)
    _, rows = read_selection(result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    assignment = read_teams(result / "teams.csv", instance)
    explain(instance, ids, assignment, SolveParams(time_limit=60, seed=0, workers=1), optimal=True)
    totals = dict.fromkeys(["CP-SAT", *backends], 0.0)
    for k, raw in enumerate(CAPTURED[:first]):
        proto = cp_model_pb2.CpModelProto()
        proto.ParseFromString(raw)
        cells = []
        for name in totals:
            spent, value = _cp_sat(proto) if name == "CP-SAT" else _mip(proto, name)
            totals[name] += spent
            cells.append(f"{name} {spent:.2f} s {value:.0f}")
        print(f"wish {k + 1}: " + " | ".join(cells), flush=True)
    print("total CPU s:", {name: round(t, 2) for name, t in totals.items()})


if __name__ == "__main__":
    main()
