"""Explanations' solves under CP-SAT parameter variants, wish by wish in one process (issue 14).

For a result folder of ``matcher run --no-explain`` (proven optimal, as ``matcher run``
explains it), one ``WishSession`` per variant is built and every wish is answered by each
variant in turn, so that all see the same load: CPU seconds per wish and variant, whether
the answers (verdict, priority, value_if, displaced) agree and whether the same students
move, then per variant the solves by stage ("stop" = a stage stopping at its floor,
"end" = solved to the end) and outcome. One CP-SAT worker. A variant is
``NAME:param=value[,param=value...]``; enum values by name (``LP_SEARCH``). Usage::

    matcher run INSTANCE --out RESULT --no-explain --quiet
    python benchmarks/explain_variants.py INSTANCE RESULT --students 12 \\
        --variant lp:search_branching=LP_SEARCH --variant nosym:symmetry_level=0
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import models.team_wish as team_wish
import models.wish_chains as wish_chains
from matcher import explain as ex
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams

#: (variant, stage, stopped at its floor, status, CPU seconds) of every solve.
_SOLVES: list[tuple[str, str, bool, str, float]] = []
_NOW = {"variant": ""}
_SOLVE = team_wish._CappedModel.solve


def _timed_solve(self: Any, assumptions: Any, objective: str, params: Any, hint: Any, **kw: Any):  # type: ignore[no-untyped-def]
    """``_CappedModel.solve``, its CPU time recorded."""
    start = time.process_time()
    out = _SOLVE(self, assumptions, objective, params, hint, **kw)
    spent = time.process_time() - start
    _SOLVES.append((_NOW["variant"], objective, kw.get("stop_at") is not None, out[0].name, spent))
    return out


def _parse(spec: str) -> tuple[str, dict[str, Any]]:
    """``NAME:param=value,...`` as (name, CP-SAT parameters)."""
    from ortools.sat.python.cp_model_helper import SatParameters

    name, _, body = spec.partition(":")
    values: dict[str, Any] = {}
    for item in filter(None, body.split(",")):
        key, _, raw = item.partition("=")
        if raw.isupper():
            value: Any = getattr(SatParameters.SearchBranching, raw)
        elif raw in ("True", "False"):
            value = raw == "True"
        else:
            value = float(raw) if "." in raw else int(raw)
        values[key] = value
    return name, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--students", type=int, default=0, help="only the first K (0: all)")
    parser.add_argument("--variant", action="append", default=[])
    args = parser.parse_args()
    team_wish._CappedModel.solve = _timed_solve  # type: ignore[method-assign]
    instance = load_instance(args.instance)
    _, rows = read_selection(args.result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    summary = json.loads((args.result / "summary.json").read_text(encoding="utf-8"))
    optimal = summary["teams"]["status"] == "OPTIMAL"
    cohort, data = ex._prepare(instance, ids, read_teams(args.result / "teams.csv", instance))
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    who = set(range(args.students)) if args.students else None
    wishes = [
        (i, t)
        for i, t in ex._wishes(instance, data.ranks, cohort.current, who)
        if ex._pre_check(cohort, data, i, t) is None
    ]
    solver = instance.settings.solver
    base = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
    variants = [("default", {}), *map(_parse, args.variant)]
    sessions = {
        name: team_wish.WishSession(data, values, cohort.current, optimal=optimal)
        for name, _ in variants
    }
    cpu: dict[str, float] = defaultdict(float)
    differ = movers = 0
    print(f"load average at start: {os.getloadavg()[0]:.1f}; optimal path: {optimal}")
    for i, t in wishes:
        answer, hint, settled = wish_chains.cheap_answer(data, values, cohort.current, i, t)
        if answer is not None:
            continue
        row = []
        for name, extra in variants:
            _NOW["variant"] = name
            params = replace(base, cp_sat_parameters=extra)
            start = time.process_time()
            found = sessions[name].answer(
                i, t, params, settled=settled if optimal else 0, hint=hint
            )
            cpu[name] += time.process_time() - start
            moved = None if found.team_of is None else (found.team_of != cohort.current)
            shown = (found.verdict, found.priority, found.value_if)
            row.append((name, *shown, None if moved is None else int(moved.sum()) - 1, moved))
        differ += len({r[1:5] for r in row}) > 1
        same_movers = all(
            (a[5] is None and b[5] is None)
            or (a[5] is not None and b[5] is not None and (a[5] == b[5]).all())
            for a, b in itertools.pairwise(row)
        )
        movers += not same_movers
        print(
            instance.students[i].id,
            ids[t],
            [r[:5] for r in row],
            "" if same_movers else "(other movers)",
        )
    for name, _ in variants:
        print(f"{name}: {cpu[name]:.2f} s of CPU")
        stages: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        for variant, stage, stopped, status, spent in _SOLVES:
            if variant == name:
                stages[(stage, "stop" if stopped else "end", status)].append(spent)
        for key, spent_list in sorted(stages.items()):
            print(f"    {key}: {len(spent_list)} solves, {sum(spent_list):.2f} s")
    print(f"wishes whose answers differ: {differ}; with other movers: {movers}")


if __name__ == "__main__":
    main()
