"""The stage-3 plan of a result checked as it stands, for ``check`` and ``report``.

A result folder may hold a plan (supervision.csv and schedule.csv, contract §11), possibly
edited by hand. It is read by ``matcher.loading.plan_files`` and judged by
``matcher.verify.plan`` against the result's teams as they now stand; a result without plan
files is checked as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.errors import UsageError
from matcher.labels import text
from matcher.results import PlanResult
from matcher.schemas import Instance
from matcher.verify.plan import PlanBreak


@dataclass(frozen=True)
class PlanChecked:
    """A result's plan as read, what it breaks, and its values recomputed."""

    #: The plan as it now stands (expertise recomputed), to re-render (``report``).
    plan: PlanResult
    breaks: tuple[PlanBreak, ...]
    #: Metrics of ``check`` (``plan_expertise``, ``plan_load``, ``plan_travel``).
    metrics: dict[str, int]
    #: Every stage-3 priority's value (``matcher.verify.plan.plan_objectives``).
    objectives: dict[str, int]


def check_plan(instance: Instance, folder: Path, team_ids: Sequence[str]) -> PlanChecked | None:
    """Read and check the plan of the result folder ``folder`` (``None``: it has none).

    ``instance`` is the cohort of the result (a what-if's, with its changes applied) and
    ``team_ids`` its teams as they now stand. Supervisors a what-if withdrew (recorded in
    summary.json) are not among those the plan may use.

    Raises
    ------
    UsageError
        The folder holds a plan but the instance has no supervisors.csv.
    InputError
        A plan file that cannot be read (``matcher.loading.plan_files.read_plan_files``).
    """
    from matcher.loading.plan_files import (
        plan_files,
        read_plan_files,
        recorded_withdrawn_supervisors,
    )
    from matcher.verify.plan import expertise_of, plan_breaks, plan_metrics, plan_objectives

    if not plan_files(folder).any:
        return None
    if instance.supervisors is None:
        raise UsageError(text("pf_no_supervisors", folder=folder, instance=instance.name))
    withdrawn = recorded_withdrawn_supervisors(folder)
    staying = tuple(s for s in instance.supervisors if s.id not in withdrawn)
    read = read_plan_files(folder, instance, staying)
    assert read is not None  # plan files are there
    supervision = tuple(
        (cid, sid, expertise_of(instance, staying, cid, sid)) for cid, sid, _ in read.supervision
    )
    plan = replace(read, supervision=supervision, withdrawn=withdrawn)
    breaks = plan_breaks(instance, plan, team_ids, staying, withdrawn)
    return PlanChecked(
        plan, tuple(breaks), plan_metrics(instance, plan), plan_objectives(instance, plan)
    )
