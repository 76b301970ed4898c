"""A selection edited (or written) by hand made to agree with itself (contract §3: every
eligible proposal left out has a reserve rank, every proposal a reason): the reasons and
reserve ranks of the rows read back by :mod:`matcher.loading.results`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from matcher.labels import Text, text
from matcher.reserves import renumbered, unfit_reserve
from matcher.results import SelectionRow
from matcher.schemas import Commission, Instance
from matcher.text import fold_name

__all__ = ["agreeing_rows"]


def agreeing_rows(
    instance: Instance, commissions: tuple[Commission, ...], rows: list[SelectionRow]
) -> tuple[SelectionRow, ...]:
    """``rows`` with their reasons and reserve ranks made to agree with the selected column
    as edited (``_agreeing``), ``commissions`` being the proposals they describe."""
    settings = instance.settings.selection
    barred = _barred(rows, {c.id: c for c in commissions}, settings.max_per_institution)
    priority = {c.id: c.priority for c in commissions}
    agreeing = _agreeing(rows, barred, priority, _unfit(instance, commissions))
    return tuple(replace(row, reason=_institution_now(row, barred)) for row in agreeing)


def _institution_now(row: SelectionRow, barred: set[str]) -> Any:
    """A reserve's reason without « institution already selected » when the selection
    edited by hand no longer holds that institution (probe s30a: a false « institution déjà
    retenue (CPAS de Namur) » after the CPAS's proposal was unselected)."""
    reason = row.reason
    if row.selected or not isinstance(reason, Text) or reason.key != "reason_reserve":
        return reason
    why = reason.values.get("why")
    if not isinstance(why, Text) or why.key != "why_institution" or row.id in barred:
        return reason
    return text("reason_reserve", rank=reason.values.get("rank"), why=text("why_institution_freed"))


def _unfit(instance: Instance, commissions: tuple[Commission, ...]) -> dict[str, Text]:
    """The proposals (not in ``include``) that could host no team of the cohort, each with
    the reason ``select`` gives them when it leaves them out, no reserve
    (``matcher.selection_needs.cannot_host``)."""
    from matcher.conflicts import unfit_rule

    settings = instance.settings.selection
    unfit = {}
    for commission in commissions:
        rule = unfit_rule(instance, commission, settings.count)
        if rule is not None and commission.id not in settings.include:
            unfit[commission.id] = text("reason_cannot_host", rule=rule)
    return unfit


def _barred(rows: list[SelectionRow], commission_of: dict[str, Commission], cap: int) -> set[str]:
    """Proposals left out whose institution the selection as edited holds to the cap: they
    can replace no withdrawal (contract §2), so they are the last reserves."""
    held: dict[str, int] = {}
    for row in rows:
        if row.selected and row.id in commission_of:
            name = fold_name(commission_of[row.id].institution)
            held[name] = held.get(name, 0) + 1
    return {
        row.id
        for row in rows
        if not row.selected
        and row.id in commission_of
        and held.get(fold_name(commission_of[row.id].institution), 0) >= cap
    }


#: matcher's reasons for a selected proposal: an unselected row still holding one was
#: unselected by hand.
_SELECTED_REASONS = (
    "reason_selected",
    "reason_included",
    "reason_replaces",
    "reason_selected_by_hand",
    "reason_pinned",
)
#: matcher's reasons for a proposal left out: a selected row holding one was selected by hand.
_LEFT_OUT_REASONS = (
    "reason_reserve",
    "reason_withdrawn",
    "reason_institution_gone",
    "reason_institution_withdrew",
    "reason_cannot_host",
)
#: A what-if's reasons for a proposal whose institution withdrew: never a reserve (§2); and
#: ``select``'s for one that could host no team of the cohort: no reserve rank (README).
_UNRANKED_REASONS = (
    "reason_withdrawn",
    "reason_institution_gone",
    "reason_institution_withdrew",
    "reason_cannot_host",
)


def _agreeing(
    rows: list[SelectionRow], barred: set[str], priority: dict[str, int], unfit: dict[str, Text]
) -> list[SelectionRow]:
    """The rows of a selection edited (or made) by hand, their reasons and reserve ranks made
    to agree with the selected column as edited (contract §3: every eligible proposal left
    out has a reserve rank, every proposal a reason).

    A selected row with one of matcher's reasons for a proposal left out, or with no reason,
    is "selected (chosen by hand)"; an eligible row left out without a rank (unselected by
    hand, or a selection written without ranks) becomes a reserve after those ranked, the
    staff's higher ``priority`` first, those of an institution at the cap (``barred``)
    last, "unselected by hand"; the reserves are numbered 1, 2, … (a proposal not eligible
    has none, nor one a what-if withdrew, nor one an older ``select`` left out, unranked, as
    it could host no team of the cohort: its reason is worded again from the instance,
    ``unfit``; since session 25 ``select`` ranks such a proposal last, and it stays last,
    ``unfit_reserve``). A reason typed by hand is kept (its "reserve N" renumbered).
    """

    def key_of(row: SelectionRow) -> str | None:
        return row.reason.key if isinstance(row.reason, Text) else None

    def order(row: SelectionRow) -> tuple[bool, bool, bool, int]:
        unranked = row.reserve_rank is None
        return (
            # Last, as ``select`` ranks them: a proposal that could host no team, then one
            # whose institution is at the cap (neither can replace a withdrawal).
            unfit_reserve(row),
            row.id in barred,
            unranked,
            -priority.get(row.id, 0) if unranked else row.reserve_rank or 0,
        )

    left_out = [r for r in rows if not r.selected and r.eligible]
    reserves = sorted((r for r in left_out if key_of(r) not in _UNRANKED_REASONS), key=order)
    rank_of = {row.id: rank for rank, row in enumerate(reserves, start=1)}
    agreeing = []
    for row in rows:
        reason = row.reason
        if row.selected and (key_of(row) in _LEFT_OUT_REASONS or not str(reason).strip()):
            reason = text("reason_selected_by_hand")
        elif row.id in rank_of:
            rank = rank_of[row.id]
            if isinstance(reason, Text) and reason.key != "reason_reserve":
                reason = text("reason_reserve", rank=rank, why=text("why_unselected_by_hand"))
            elif not str(reason).strip():
                # No reason written (a selection typed by the director, a proposal available
                # since): not « unselected by hand » of one never selected (probe s35a).
                reason = text("reason_reserve", rank=rank, why=text("why_left_out"))
            else:
                reason = renumbered(reason, rank)
        elif not row.selected and key_of(row) == "reason_cannot_host":
            reason = unfit.get(row.id, reason)
        agreeing.append(replace(row, reserve_rank=rank_of.get(row.id), reason=reason))
    return agreeing
