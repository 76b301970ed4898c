"""Explanations' solves on CP-SAT against OR-Tools' MIP solvers (HiGHS, SCIP), wish by wish.

Session 8 spike (issue 14): ``models.team_mip.MipWishSession`` answers the same questions
as ``models.team_wish.WishSession`` with ``pywraplp``. For a result folder of ``matcher
run --no-explain`` (proven optimal), every wish is taken through ``explain``'s path
(pre-checks, ``cheap_answer``, the one-move neighbourhood) and the wishes left for a solver
are answered by each engine in turn in one process, ``--rounds`` times (the machine is
shared: the CPU time of each wish and engine is the best of the rounds). Printed: the
answers (verdict, priority, value_if, displaced) and whether they agree, CPU per engine,
per kind of answer (``free``, ``costs:PRIORITY``) and per kind of solve. One thread each.
Usage::

    matcher run INSTANCE --out RESULT --no-explain --quiet
    python benchmarks/explain_mip.py INSTANCE RESULT [--students K] [--engine highs ...]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import models.team_wish as team_wish
from matcher import explain as ex
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams
from models.team_mip import MipWishSession
from models.wish_witness import Neighbourhood

#: (engine, kind, status, CPU seconds) of every CP-SAT solve (``_CappedModel.solve``).
_CPSAT_SOLVES: list[tuple[str, str, str, float]] = []
_SOLVE = team_wish._CappedModel.solve


def _timed_solve(self: Any, assumptions: Any, objective: str, params: Any, hint: Any, **kw: Any):  # type: ignore[no-untyped-def]
    """``_CappedModel.solve``, its CPU time recorded by kind (stop: stops at its floor)."""
    start = time.process_time()
    out = _SOLVE(self, assumptions, objective, params, hint, **kw)
    spent = time.process_time() - start
    kind = ("stop:" if kw.get("stop_at") is not None else "end:") + objective
    _CPSAT_SOLVES.append(("cpsat", kind, out[0].name, spent))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--students", type=int, default=0, help="only the first K (0: all)")
    parser.add_argument("--wishes", type=int, default=0, help="only the first W solved (0: all)")
    parser.add_argument(
        "--engine",
        action="append",
        default=[],
        help="highs, scip, or NAME=ENGINE:key value;key value (solver-specific options); "
        "a NAME ending in -plain: one model, no skip ahead; in -w (SCIP): weighted stages",
    )
    parser.add_argument("--student", action="append", default=[], help="only these ids")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=0.0, help="per solve (0: settings)")
    args = parser.parse_args()
    team_wish._CappedModel.solve = _timed_solve  # type: ignore[method-assign]
    instance = load_instance(args.instance)
    _, rows = read_selection(args.result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    summary = json.loads((args.result / "summary.json").read_text(encoding="utf-8"))
    if summary["teams"]["status"] != "OPTIMAL":
        raise SystemExit("the MIP session answers on a proven optimum only")
    cohort, data = ex._prepare(instance, ids, read_teams(args.result / "teams.csv", instance))
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    who = set(range(args.students)) if args.students else None
    if args.student:
        who = {i for i, s in enumerate(instance.students) if s.id in args.student}
    solver = instance.settings.solver
    limit = args.time_limit or solver.time_limit
    params = SolveParams(time_limit=limit, seed=solver.seed, workers=1)
    specs: dict[str, tuple[str, str]] = {}
    for spec in args.engine or ["highs"]:
        name, _, rest = spec.partition("=")
        engine, _, options = (rest or name).partition(":")
        engine = engine.removesuffix("-plain").removesuffix("-w")
        specs[name.lower()] = (engine.upper(), "".join(f"{o}\n" for o in options.split(";") if o))
    engines = ["cpsat", *specs]

    # The wishes left for a solver (explain's path), with cheap_answer's start.
    wishes = []
    for i, t in ex._wishes(instance, data.ranks, cohort.current, who):
        if ex._pre_check(cohort, data, i, t) is not None:
            continue
        answer, hint, settled = team_wish.cheap_answer(data, values, cohort.current, i, t)
        if answer is not None:
            continue
        if Neighbourhood(data, values, cohort.current, i, t).free() is not None:
            continue
        wishes.append((i, t, hint, settled))
    if args.wishes:
        wishes = wishes[: args.wishes]

    build: dict[str, float] = {}
    sessions: dict[str, Any] = {}
    for engine in engines:
        start = time.process_time()
        if engine == "cpsat":
            sessions[engine] = team_wish.WishSession(data, values, cohort.current, optimal=True)
        else:
            kind, options = specs[engine]
            plain = engine.endswith("-plain")
            sessions[engine] = MipWishSession(
                data,
                values,
                cohort.current,
                engine=kind,
                options=options,
                shrink=not plain,
                skip_ahead=not plain,
                weighted_stages=engine.endswith("-w"),
            )
        build[engine] = time.process_time() - start

    print(
        f"{args.instance.name}: {len(wishes)} wishes for a solver; load average at start "
        f"{os.getloadavg()[0]:.1f}; time limit {limit} s per solve; engines {engines}"
    )
    best: dict[tuple[int, str], float] = {}
    shown: dict[tuple[int, str], tuple[Any, ...]] = {}
    mip_logs: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    cpsat_solves: list[tuple[str, str, float]] = []
    for round_ in range(args.rounds):
        for w, (i, t, hint, settled) in enumerate(wishes):
            for engine in engines:
                session = sessions[engine]
                near = Neighbourhood(data, values, cohort.current, i, t)
                before_log = len(_CPSAT_SOLVES) if engine == "cpsat" else len(session.log)
                start = time.process_time()
                found = session.answer(
                    i, t, params, settled=settled, hint=hint, worse=ex._worse_by_one(near, values)
                )
                spent = time.process_time() - start
                key = (w, engine)
                best[key] = min(best.get(key, spent), spent)
                moved = (
                    -1
                    if found.team_of is None
                    else int((found.team_of != cohort.current).sum()) - 1
                )
                shown[key] = (found.verdict, found.priority, found.value_if, moved)
                if round_ == 0:
                    print(
                        f"    round 1, wish {w + 1}, {engine}: {shown[key]} {spent:.3f}s",
                        flush=True,
                    )
                    if engine == "cpsat":
                        cpsat_solves += [s[1:] for s in _CPSAT_SOLVES[before_log:]]
                    else:
                        mip_logs[engine] += session.log[before_log:]
    totals: dict[str, float] = defaultdict(float)
    by_answer: dict[tuple[str, str], list[float]] = defaultdict(list)
    disagree = 0
    for w, (i, t, _, _) in enumerate(wishes):
        answers = {engine: shown[(w, engine)] for engine in engines}
        same = len(set(answers.values())) == 1
        disagree += not same
        kind = answers["cpsat"][0] + (
            "" if answers["cpsat"][1] is None else f":{answers['cpsat'][1]}"
        )
        for engine in engines:
            totals[engine] += best[(w, engine)]
            by_answer[(kind, engine)].append(best[(w, engine)])
        cells = "  ".join(f"{e} {best[(w, e)]:.3f}s" for e in engines)
        print(
            f"  {instance.students[i].id} -> {ids[t]}: {answers['cpsat']} {cells}"
            + ("" if same else f"  DIFFER {answers}")
        )
    print(f"answers that differ: {disagree} of {len(wishes)}")
    print("model build (CPU s): " + ", ".join(f"{e} {build[e]:.3f}" for e in engines))
    for engine in engines:
        ratio = totals[engine] / totals["cpsat"] if totals["cpsat"] else float("nan")
        print(f"{engine}: {totals[engine]:.2f} s of CPU (x{ratio:.2f} of cpsat)")
    print("by answer (wishes, CPU s per engine, ratio to cpsat):")
    for kind in sorted({k for k, _ in by_answer}):
        base = sum(by_answer[(kind, "cpsat")])
        cells = ", ".join(
            f"{e} {sum(by_answer[(kind, e)]):.2f}"
            + ("" if e == "cpsat" or not base else f" (x{sum(by_answer[(kind, e)]) / base:.2f})")
            for e in engines
        )
        print(f"    {kind}: {len(by_answer[(kind, 'cpsat')])} wishes, {cells}")
    print("solves by kind, first round (count, CPU s):")
    for engine in engines:
        log = cpsat_solves if engine == "cpsat" else mip_logs[engine]
        kinds: dict[tuple[str, str], list[float]] = defaultdict(list)
        for kind, status, spent in log:
            kinds[(kind, status)].append(spent)
        for (kind, status), spent_list in sorted(kinds.items()):
            print(f"    {engine} {kind} {status}: {len(spent_list)}, {sum(spent_list):.2f}")


if __name__ == "__main__":
    main()
