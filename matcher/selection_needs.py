"""What the teams need of the selection (``select`` and ``run`` with students.csv): the
proposals students are pinned to, selected; those that could host no team of the cohort,
left out, whenever a selection keeps that (``matcher.selection``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from matcher.labels import Text, counted, listing
from matcher.schemas import Instance

if TYPE_CHECKING:  # the engine's data only as a type: a selection read back needs no engine
    from models.selection import SelectionData

__all__ = ["cannot_host", "pinned_reason", "pinned_to", "room", "team_sizes"]


def pinned_reason(ids: Sequence[str]) -> Text:
    """The reason of a proposal selected because the students ``ids`` are pinned to it."""
    return counted("reason_pinned", len(ids), ids=listing(ids, most=6))


def pinned_to(instance: Instance, data: SelectionData) -> dict[int, Text]:
    """Eligible proposals students are pinned to (students.csv's ``pinned``), each with
    the reason of its selection naming them."""
    index = {c.id: p for p, c in enumerate(instance.commissions)}
    who: dict[int, list[str]] = {}
    for student in instance.students:
        p = index.get(student.pinned or "")
        if p is not None and data.eligible[p]:
            who.setdefault(p, []).append(student.id)
    return {p: pinned_reason(ids) for p, ids in who.items()}


def cannot_host(instance: Instance, data: SelectionData) -> dict[int, Text]:
    """Eligible proposals, not in ``include``, whose own ``min_size``/``max_size`` leave no
    team size within the cohort's when ``count`` commissions share its students (C8 at
    most 4 students where every team holds 6), or, with supervisors.csv, whose ``slots``
    offer none of the oral slots (its team could defend nowhere), each with the rule it
    could not keep (``select`` ranks them last among the reserves, ``why_cannot_host``);
    none without students.csv. Selected, such a proposal leaves no teams (or no plan)."""
    from matcher.conflicts import unfit_rule

    unfit: dict[int, Text] = {}
    for p, commission in enumerate(instance.commissions):
        if not data.eligible[p] or p in data.include_idcs:
            continue
        rule = unfit_rule(instance, commission, data.count)
        if rule is not None:
            unfit[p] = rule
    return unfit


def team_sizes(instance: Instance, count: int) -> npt.NDArray[np.int64] | None:
    """Per proposal, the (min, max) size of the team it would host among ``count``, when
    proposals have their own ``min_size``/``max_size``: some selections may then be unable
    to hold the students (ten teams of at least 7 for 62 students) while others can, and
    the selection keeps one that can. ``None`` without students.csv or such columns."""
    from matcher.rules import default_size_bounds

    students = instance.students
    commissions = instance.commissions
    if not students or count < 1:
        return None
    if all(c.min_size is None and c.max_size is None for c in commissions):
        return None
    low, high = default_size_bounds(len(students), count, instance.settings.teams)
    pairs = [
        (
            low if c.min_size is None else max(low, c.min_size),
            high if c.max_size is None else min(high, c.max_size),
        )
        for c in commissions
    ]
    return np.array(pairs, dtype=np.int64)


def room(sizes: npt.NDArray[np.int64], proposals: Any) -> tuple[int, int]:
    """The fewest and the most students the teams of ``proposals`` (indices, or a mask over
    the proposals) hold, by ``team_sizes``: a selection keeps the students between them."""
    return int(sizes[proposals, 0].sum()), int(sizes[proposals, 1].sum())
