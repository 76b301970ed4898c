"""What a commission's withdrawal says of its institution (contract §2: « its institution
withdraws with it: no proposal of that institution replaces it »): which proposals stop
being reserves and why, and an institution that keeps another selected commission."""

from __future__ import annotations

from collections.abc import Iterable

from matcher.labels import Text, counted, listing
from matcher.schemas import Instance
from matcher.text import fold_name

__all__ = ["institutions_gone", "institutions_kept"]


def institutions_gone(
    instance: Instance, withdrawn: Iterable[str], before: Iterable[str]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Proposal id → (its institution, the commissions of that institution withdrawn so far)
    for the proposals of every institution that withdrew a commission in this what-if
    (``withdrawn``) or an earlier one of its chain (``before``): none of them is a reserve
    any more (contract §2). Those withdrawn earlier are left out: they keep their reason."""
    of = {c.id: c.institution for c in instance.commissions}
    earlier = set(before)
    ids_of: dict[str, list[str]] = {}
    for cid in dict.fromkeys([*before, *withdrawn]):
        if cid in of:
            ids_of.setdefault(fold_name(of[cid]), []).append(cid)
    return {
        c.id: (c.institution, tuple(ids_of[fold_name(c.institution)]))
        for c in instance.commissions
        if fold_name(c.institution) in ids_of and c.id not in earlier
    }


def institutions_kept(
    instance: Instance, withdrawn: Iterable[str], selected: Iterable[str]
) -> list[Text]:
    """A warning per institution that withdraws a commission and keeps another selected
    (``max_per_institution`` = 2): the contract's « its institution withdraws with it »
    bars its proposals from replacing the withdrawal; whether the institution leaves the
    programme is the director's to say (probe s37d)."""
    of = {c.id: c.institution for c in instance.commissions}
    left = set(withdrawn)
    notes = []
    for gone in dict.fromkeys(fold_name(of[w]) for w in left if w in of):
        ids = [c for c in of if c in left and fold_name(of[c]) == gone]
        kept = [c for c in selected if c in of and c not in left and fold_name(of[c]) == gone]
        if kept:
            notes.append(
                counted(
                    "w_institution_keeps",
                    len(kept),
                    institution=of[ids[0]],
                    withdrawn=listing(ids),
                    kept=listing(kept),
                )
            )
    return notes
