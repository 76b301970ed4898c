"""What-if: which reserve takes the place of a withdrawn commission, and the selection after.

The rules a replacement keeps are those of the decisions in :mod:`matcher.whatif`: the
best ranked reserve that is eligible, keeps the institution cap with the selection that
remains, does not belong to a withdrawn institution and, once teams exist, keeps every rule
for the team it takes over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from matcher.eligibility import eligibility
from matcher.labels import Text, counted, text
from matcher.results import SelectionRow
from matcher.schemas import Commission, Instance, Student
from matcher.text import fold_name

__all__ = ["Replacement", "choose_replacements", "preview", "selection_rows"]


@dataclass(frozen=True)
class Replacement:
    """The fate of the withdrawn commissions: replaced ones and the reasons reserves failed."""

    replaced: dict[str, str]
    #: withdrawn commission id → why each reserve tried could not take its place.
    refusals: dict[str, list[Text]]


def preview(items: Sequence[str], limit: int = 6) -> str | Text:
    """The first ``limit`` ids, and how many there are in all when more."""
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        return text("w_preview_more", shown=shown, n=len(items))
    return shown


def _reserve_order(rows: Sequence[SelectionRow]) -> list[SelectionRow]:
    """Reserve rows, best replacement first."""
    reserves = [row for row in rows if not row.selected and row.reserve_rank is not None]
    return sorted(reserves, key=lambda row: row.reserve_rank or 0)


def _team_refusal(
    reserve: Commission,
    members: Sequence[Student],
    instance: Instance,
) -> Text | None:
    """Why ``reserve`` cannot take over a team of ``members`` whole, or None when it can."""
    if instance.settings.teams.conflict_of_interest:
        institution = fold_name(reserve.institution)
        employed = [s.id for s in members if s.employer and fold_name(s.employer) == institution]
        if employed:
            return counted(
                "w_refuse_employer",
                len(employed),
                id=reserve.id,
                students=preview(employed),
                institution=reserve.institution,
            )
    size = len(members)
    if reserve.min_size is not None and size < reserve.min_size:
        return text("w_refuse_small", id=reserve.id, low=reserve.min_size, size=size)
    if reserve.max_size is not None and size > reserve.max_size:
        return text("w_refuse_large", id=reserve.id, high=reserve.max_size, size=size)
    return None


def choose_replacements(
    instance: Instance,
    previous_rows: Sequence[SelectionRow],
    withdraw: Sequence[str],
    replace: bool,
    members_of: Mapping[str, list[Student]] | None,
) -> Replacement:
    """The best fitting reserve for each commission of ``withdraw``, in the order they withdrew.

    None is replaced when ``replace`` is false (``WhatIf.replace``). ``members_of``
    (withdrawn commission id → its remaining members) is given once teams exist: then a
    reserve must also keep every rule for that team.
    """
    settings = instance.settings.selection
    by_id = {c.id: c for c in instance.commissions}
    withdrawn = set(withdraw)
    # The selection that remains, plus each replacement as it is chosen.
    kept = [row.id for row in previous_rows if row.selected and row.id not in withdrawn]
    per_institution: dict[str, int] = {}
    for commission_id in kept:
        key = fold_name(by_id[commission_id].institution)
        per_institution[key] = per_institution.get(key, 0) + 1
    replaced: dict[str, str] = {}
    refusals: dict[str, list[Text]] = {}
    if not replace:
        return Replacement(replaced, refusals)
    used: set[str] = set()
    # An institution withdraws with its commission: none of its proposals may replace it.
    gone = {fold_name(by_id[cid].institution) for cid in withdrawn if cid in by_id}
    for commission_id in withdraw:
        reasons: list[Text] = []
        for row in _reserve_order(previous_rows):
            reserve = by_id.get(row.id)
            if reserve is None or row.id in withdrawn or row.id in used:
                continue
            verdict = eligibility(reserve, settings)
            if not row.eligible or not verdict.eligible:
                why = verdict.reason or text("w_not_eligible")
                reasons.append(text("w_refuse", id=row.id, why=why))
                continue
            key = fold_name(reserve.institution)
            if key in gone:
                reasons.append(
                    text("w_refuse_withdrawn", id=row.id, institution=reserve.institution)
                )
                continue
            if per_institution.get(key, 0) >= settings.max_per_institution:
                reasons.append(
                    text(
                        "w_refuse_cap",
                        id=row.id,
                        institution=reserve.institution,
                        cap=settings.max_per_institution,
                    )
                )
                continue
            if members_of is not None:
                refusal = _team_refusal(reserve, members_of[commission_id], instance)
                if refusal is not None:
                    reasons.append(refusal)
                    continue
            replaced[commission_id] = row.id
            used.add(row.id)
            per_institution[key] = per_institution.get(key, 0) + 1
            break
        else:
            refusals[commission_id] = reasons
    return Replacement(replaced, refusals)


_RESERVE_PREFIX = re.compile(r"^(reserve|réserve) \d+")


def selection_rows(
    previous_rows: Sequence[SelectionRow],
    withdrawn: Iterable[str],
    replaced: Mapping[str, str],
    institution_gone: Mapping[str, str] | None = None,
) -> tuple[SelectionRow, ...]:
    """The new selection.csv rows: withdrawals, replacements, reserves renumbered.

    ``institution_gone`` (proposal id → institution) names the proposals whose institution
    withdrew with one of its commissions: none of them is a reserve any more, since none
    may replace a withdrawal (contract §2).
    """
    withdrawn = set(withdrawn)
    gone = dict(institution_gone or {})
    replacement_of = {new: old for old, new in replaced.items()}
    new_rank = {
        row.id: rank
        for rank, row in enumerate(
            (
                row
                for row in _reserve_order(previous_rows)
                if row.id not in replacement_of and row.id not in gone
            ),
            start=1,
        )
    }
    rows = []
    for row in previous_rows:
        if row.id in gone and not row.selected and row.id not in withdrawn:
            reason_gone = text("reason_institution_gone", institution=gone[row.id])
            rows.append(SelectionRow(row.id, row.eligible, False, None, reason_gone))
        elif row.id in withdrawn:
            # The replacement's row says "replaces …", so the link reads from either side.
            rows.append(SelectionRow(row.id, row.eligible, False, None, text("reason_withdrawn")))
        elif row.id in replacement_of:
            reason: str | Text = text("reason_replaces", id=replacement_of[row.id])
            rows.append(SelectionRow(row.id, row.eligible, True, None, reason))
        elif row.id in new_rank:
            rank = new_rank[row.id]
            if isinstance(row.reason, Text) and row.reason.key == "reason_reserve":
                reason = text("reason_reserve", **{**row.reason.values, "rank": rank})
            else:
                reason = _RESERVE_PREFIX.sub(rf"\g<1> {rank}", str(row.reason))
            rows.append(SelectionRow(row.id, row.eligible, False, rank, reason))
        else:
            rows.append(row)
    return tuple(rows)
