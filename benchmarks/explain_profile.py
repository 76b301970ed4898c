"""Where the explanations' time goes: every CP-SAT solve of ``matcher.explain.explain``, by
model (``first``, ``light``, ``full``), objective, stop-at-floor and status, with its CPU
seconds (issue 14). One process, the proven-optimal path, 60 s per solve. Usage::

    python benchmarks/explain_profile.py INSTANCE RESULT LOG.json

``RESULT`` from ``matcher run --no-explain``; ``LOG.json`` receives every solve as
``[model, objective, assumptions, stop_at, status, value, cpu_s]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import models.team_wish as team_wish
from matcher.explain import explain
from matcher.loading import load_instance, read_selection, read_teams
from models.outcome import SolveParams

LOG: list[tuple[Any, ...]] = []
_SOLVE = team_wish._CappedModel.solve


def _which(capped: Any) -> str:
    """The session's model a solve ran on (``WishSession.first``, ``light`` or ``full``)."""
    if capped.team_model.max_rank is None and len(capped.caps) == 1:
        return "first"
    return "light" if "experience" not in capped.data.priorities else "full"


def _solve(
    self: Any, assumptions: Any, objective: str, params: SolveParams, hint: Any, **kw: Any
) -> Any:
    start = time.process_time()
    found = _SOLVE(self, assumptions, objective, params, hint, **kw)
    spent = time.process_time() - start
    stop_at = kw.get("stop_at")
    LOG.append((_which(self), objective, len(assumptions), stop_at, found[0].name, found[2], spent))
    return found


def main() -> None:
    instance_dir, result, log = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    team_wish._CappedModel.solve = _solve  # type: ignore[method-assign]
    instance = load_instance(instance_dir)
    _, rows = read_selection(result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    assignment = read_teams(result / "teams.csv", instance)
    params = SolveParams(time_limit=60, seed=0, workers=1)
    start = time.process_time()
    found = explain(instance, ids, assignment, params, workers=1, optimal=True)
    print("total CPU s", round(time.process_time() - start, 2), "questions", len(found))
    print(Counter((e.verdict, e.priority) for e in found))
    print("solves", len(LOG), "solve CPU s", round(sum(entry[-1] for entry in LOG), 2))
    count: Counter[tuple[Any, ...]] = Counter()
    spent: Counter[tuple[Any, ...]] = Counter()
    for model, objective, _, stop_at, status, _, cpu in LOG:
        key = (model, objective, stop_at is not None, status)
        count[key] += 1
        spent[key] += cpu
    for key in count:
        print(key, count[key], round(spent[key], 2))
    log.write_text(json.dumps(LOG), encoding="utf-8")


if __name__ == "__main__":
    main()
