"""Session 34's findings on the command line and the application API."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import matcher.explain_pool
import models.plan_feasible
from matcher.explain_pool import in_workers
from matcher.loading import load_instance
from matcher.selection_plan import plan_conflict_ids
from models.outcome import SolveParams

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def test_plan_checks_run_on_one_worker_whatever_workers_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The selection's plan checks (up to a hundred small feasibility solves) on one CP-SAT
    worker: with ``--workers 64`` each paid 64 workers' start on two cores (session 33: the
    demo without its calendar ran 38 s at ``--time-limit 5``), and their answers depended on
    ``--workers``. Every demo commission together: each check's solver has one worker."""
    seen: list[int] = []
    make = models.plan_feasible.make_solver

    def recording(params: SolveParams, *args: Any, **kwargs: Any) -> Any:
        seen.append(params.workers)
        return make(params, *args, **kwargs)

    monkeypatch.setattr(models.plan_feasible, "make_solver", recording)
    instance = load_instance(DEMO)
    ids = [c.id for c in instance.commissions][:10]
    plan_conflict_ids(instance, ids, SolveParams(time_limit=20, workers=64))
    assert seen and set(seen) == {1}, seen


def _pid(_: int) -> int:
    return os.getpid()


def test_explanation_processes_are_never_more_than_the_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``explain --workers 8`` on a machine of one usable core: one process answers every
    wish (more would only share the core and leave wishes unsettled at the deadline)."""
    monkeypatch.setattr(matcher.explain_pool, "usable_cores", lambda: 1)
    pids = set(in_workers(_pid, list(range(6)), 8, _noop, ()))
    assert len(pids) == 1 and os.getpid() not in pids


def _noop(*_: object) -> None:
    return None
