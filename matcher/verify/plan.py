"""Independent check of a stage-3 plan: its priorities recomputed from ids (contract §11).

Nothing here uses the solver or ``models/``: each priority is recomputed from the
instance, its supervisors and the rows of supervision.csv and schedule.csv, so that a bug
in the formulation shows up as a disagreement in the tests.

- ``expertise``: teams whose commission's sector is among their supervisor's sectors
  (folded names).
- ``load``: teams of the busiest supervisor.
- ``travel``: over each supervisor and slot, their events in start order, the sum of the
  gaps between consecutive events (0 at one institution, ``same_town_minutes`` when both
  towns are known and equal, else ``travel_minutes``).
- ``supervisor_changes`` / ``event_moves`` (what-if): teams of ``previous`` whose supervisor
  differs; visits and orals of ``previous`` whose slot or start differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from matcher.schemas import Instance, Supervisor
from matcher.text import fold_name


class _Row(Protocol):
    """A row of schedule.csv (``matcher.results.ScheduleRow``)."""

    event: str
    commission_id: str
    supervisor_id: str
    slot: str
    start: str


class PlanResult(Protocol):
    """What is read of a plan (``matcher.results.PlanResult``; not imported: that module
    depends on the engine's result types, and verification never does)."""

    @property
    def supervision(self) -> Sequence[tuple[str, str, bool]]: ...
    @property
    def schedule(self) -> Sequence[_Row]: ...
    @property
    def supervisors(self) -> Sequence[Supervisor]: ...


__all__ = ["plan_objectives"]


def plan_objectives(
    instance: Instance, plan: PlanResult, previous: PlanResult | None = None
) -> dict[str, int]:
    """Every stage-3 priority's value of ``plan``."""
    calendar = instance.settings.calendar
    commissions = {c.id: c for c in instance.commissions}
    sectors = {s.id: {fold_name(x) for x in s.sectors} for s in plan.supervisors}
    expertise = sum(
        fold_name(commissions[c].sector) in sectors.get(s, set())
        for c, s, _ in plan.supervision
        if c in commissions
    )
    load = max(Counter(s for _, s, _ in plan.supervision).values(), default=0)

    def gap(a: str, b: str) -> int:
        ca, cb = commissions[a], commissions[b]
        if fold_name(ca.institution) == fold_name(cb.institution):
            return 0
        if ca.town and cb.town and fold_name(ca.town) == fold_name(cb.town):
            return calendar.same_town_minutes
        return calendar.travel_minutes

    days: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in plan.schedule:
        days.setdefault((row.supervisor_id, fold_name(row.slot)), []).append(
            (row.start, row.commission_id)
        )
    travel = sum(
        gap(a, b) for events in days.values() for (_, a), (_, b) in pairwise(sorted(events))
    )
    changes = moves = 0
    if previous is not None:
        now = {c: s for c, s, _ in plan.supervision}
        changes = sum(c in now and now[c] != s for c, s, _ in previous.supervision)
        placed = {(r.event, r.commission_id): (fold_name(r.slot), r.start) for r in plan.schedule}
        moves = sum(
            (r.event, r.commission_id) in placed
            and placed[r.event, r.commission_id] != (fold_name(r.slot), r.start)
            for r in previous.schedule
        )
    return {
        "expertise": int(expertise),
        "load": load,
        "travel": travel,
        "supervisor_changes": changes,
        "event_moves": moves,
    }
