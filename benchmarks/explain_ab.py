"""Whole ``explain()`` with and without a CP-SAT parameter on the wish solves (issue 14).

For each ``INSTANCE=RESULT`` pair (``RESULT`` from ``matcher run --no-explain``),
``matcher.explain.explain`` runs twice in this process: with the code as it is, then with
the given parameters added to every solve of ``models.team_wish._CappedModel`` (e.g. the
setting a change replaced, to measure the change). Prints wall seconds of each, and whether
every answer (student, commission, verdict, value_if, displaced) is the same. One CP-SAT
worker, 60 s per solve, the proven-optimal path when ``summary.json`` says OPTIMAL. Usage::

    python benchmarks/explain_ab.py cp_model_probing_level=2 instances/demo=RESULT ...
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import models.team_wish as team_wish
from matcher.explain import explain
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams

_EXTRA: dict[str, Any] = {}
_SOLVE = team_wish._CappedModel.solve


def _solve(
    self: Any, assumptions: Any, objective: str, params: SolveParams, hint: Any, **kw: Any
) -> Any:
    if _EXTRA:
        params = replace(params, cp_sat_parameters={**params.cp_sat_parameters, **_EXTRA})
    return _SOLVE(self, assumptions, objective, params, hint, **kw)


def _explained(instance_dir: Path, result: Path) -> tuple[float, list[tuple[Any, ...]]]:
    instance = load_instance(instance_dir)
    _, rows = read_selection(result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    assignment = read_teams(result / "teams.csv", instance)
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    proven = summary["teams"]["status"] == "OPTIMAL"
    params = SolveParams(time_limit=60, seed=0, workers=1)
    start = time.perf_counter()
    found = explain(instance, ids, assignment, params, workers=1, optimal=proven)
    wall = time.perf_counter() - start
    return wall, [
        (e.student_id, e.commission_id, e.verdict, e.value_if, e.displaced) for e in found
    ]


def _value(text: str) -> int | bool:
    """A parameter's value: ``true``/``false`` or an integer."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parameters", help="NAME=VALUE[,NAME=VALUE...] added to every solve")
    parser.add_argument("pairs", nargs="+", help="INSTANCE=RESULT")
    args = parser.parse_args()
    extra = {k: _value(v) for k, v in (kv.split("=") for kv in args.parameters.split(","))}
    team_wish._CappedModel.solve = _solve  # type: ignore[method-assign]
    totals = [0.0, 0.0]
    print(f"| cohort | wishes | as is (s) | with {args.parameters} (s) | answers | verdicts |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for pair in args.pairs:
        instance, result = (Path(p) for p in pair.split("="))
        _EXTRA.clear()
        base, base_answers = _explained(instance, result)
        _EXTRA.update(extra)
        other, other_answers = _explained(instance, result)
        _EXTRA.clear()
        totals[0] += base
        totals[1] += other
        same = "same" if base_answers == other_answers else "DIFFERENT"
        verdicts = dict(Counter(a[2] for a in base_answers))
        print(
            f"| {instance.name} | {len(base_answers)} | {base:.2f} | {other:.2f} | {same} "
            f"| {verdicts} |",
            flush=True,
        )
    print(f"| **total** | | **{totals[0]:.2f}** | **{totals[1]:.2f}** | | |")


if __name__ == "__main__":
    main()
