"""The reserves ranked again after a what-if changed the selection (a commission withdrew,
replaced or not): against the selection now, each by the best selection one swap of it for
a selected commission reaches, since a later withdrawal is replaced one for one (README,
"reserve list").

Session 34 ranked them by the best selection holding each, any number of swaps made: a
reserve « would be better » only with others swapped in too then replaced a withdrawal
alone, and the selection lost a sector (probe s35b); its solves within the time left made
selection.csv depend on the machine's load. One swap each is computed without a solver.

Before session 34 a what-if only renumbered the reserves in their old order (probe s34e:
C04 of youth aid kept « réserve 9 : plus de secteurs sont couverts sans elle » although no
youth-aid commission was selected any more; the next withdrawal then took C10, and the
selection lost a problem type C04 would have kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from matcher.eligibility import eligibility
from matcher.labels import Text, text
from matcher.reserves import renumbered
from matcher.results import SelectionRow
from matcher.schemas import Instance
from matcher.selection import build_selection_data
from matcher.selection_needs import cannot_host, pinned_to, room, team_sizes
from matcher.selection_reserves import SelectionFacts, rank_reserves
from models.budget import Budget
from models.selection import vector_of
from models.solve import SolveParams

__all__ = ["reranked_rows"]


def reranked_rows(
    instance: Instance, rows: Sequence[SelectionRow], params: SolveParams
) -> tuple[SelectionRow, ...]:
    """``rows`` (a what-if's selection.csv, its reserves renumbered) with the same reserves
    ranked again against the selection they hold, each with its reason; ``rows`` as they
    are when a row names a proposal the cohort lacks, no reserve is left, or the cohort
    has supervisors."""
    index = {c.id: p for p, c in enumerate(instance.commissions)}
    if any(row.id not in index for row in rows) or instance.supervisors:
        # With supervisors, ``select`` ranked them with the plans' forbidden sets, which
        # are not known here (probe s34f: « could improve » of a reserve no plan holds):
        # renumbered in their order, as before session 34.
        return tuple(rows)
    count = len(instance.commissions)
    selected = np.zeros(count, dtype=bool)
    kept = np.zeros(count, dtype=bool)
    for row in rows:
        selected[index[row.id]] = row.selected
        kept[index[row.id]] = row.selected or row.reserve_rank is not None
    if not (kept & ~selected).any() or not selected.any():
        return tuple(rows)
    settings, calendar = instance.settings.selection, instance.settings.calendar
    verdicts = tuple(eligibility(c, settings, calendar) for c in instance.commissions)
    data = build_selection_data(instance, verdicts)
    # Only the reserves left (not the withdrawn, nor the proposals of an institution gone),
    # against a selection of the commissions it holds now (one fewer when not replaced).
    # The proposals students are pinned to stay too, as in ``select`` (probe s35b: a pin's
    # commission swapped out made three reserves « as good as those selected »).
    pinned = pinned_to(instance, data)
    data = replace(
        data,
        eligible=data.eligible & kept,
        count=int(selected.sum()),
        include_idcs=tuple(p for p in (*data.include_idcs, *pinned) if selected[p]),
    )
    # As ``select``: the sizes of the teams a selection would host must hold the students
    # (probe s35a: « would be better » of a reserve whose selections cannot form teams),
    # when the selection now keeps them.
    sizes = team_sizes(instance, data.count)
    students = len(instance.students)
    if sizes is not None:
        least, most = room(sizes, selected)
        if least <= students <= most:
            data = replace(data, team_sizes=sizes, num_students=students)
    facts = SelectionFacts(
        instance.commissions, settings, verdicts, data, instance, after_whatif=True
    )
    best = vector_of(data, selected)
    # No budget: each reserve by its best single swap (``swap_vectors``), no solve.
    ranks, whys = rank_reserves(facts, selected, best, False, params, Budget.start(0.0, 0.0))
    # As ``select``: a reserve that could host no team of the cohort comes last.
    last = max(ranks.values(), default=0)
    for p, rule in sorted(cannot_host(instance, data).items()):
        if kept[p] and not selected[p]:
            if p in ranks:
                ranks.pop(p)
            last += 1
            ranks[p] = last
            whys[p] = text("why_cannot_host", rule=rule)
    # A reserve not eligible under the settings now (they changed since ``select``) keeps
    # its place after the others, in its order: never two reserves of one rank.
    left = [index[r.id] for r in sorted(rows, key=lambda r: r.reserve_rank or 0)]
    left = [p for p in left if kept[p] and not selected[p] and p not in ranks]
    order = [*sorted(ranks, key=ranks.__getitem__), *left]
    rank = {p: n for n, p in enumerate(order, start=1)}
    reranked = []
    for row in rows:
        p = index[row.id]
        if row.selected or row.reserve_rank is None or p not in rank:
            reranked.append(row)
            continue
        if p in whys:
            reason: str | Text = text("reason_reserve", rank=rank[p], why=whys[p])
        else:  # not ranked again (no longer eligible): its reason, renumbered
            reason = renumbered(row.reason, rank[p])
        reranked.append(SelectionRow(row.id, row.eligible, False, rank[p], reason))
    return tuple(reranked)
