"""Independent check of a selection: every rule and priority recomputed in plain Python.

Deliberately shares nothing with ``models/``: it re-reads the rules from the contract
(§5) so that a bug in the formulation shows up as a disagreement in the tests, and so
that ``matcher check`` can judge selections edited by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

from matcher.eligibility import eligibility
from matcher.errors import BrokenRules
from matcher.labels import Lang, Text, counted, text
from matcher.schemas import Commission, Instance
from matcher.text import fold_name

__all__ = [
    "pin_violations",
    "require_selection_rules",
    "selection_metrics",
    "selection_objectives",
    "selection_violations",
]


def _chosen(instance: Instance, selected_ids: Sequence[str]) -> list[Commission]:
    """The known commissions among ``selected_ids`` (each once, unknown ids skipped)."""
    by_id = {c.id: c for c in instance.commissions}
    return [by_id[cid] for cid in dict.fromkeys(selected_ids) if cid in by_id]


def selection_metrics(instance: Instance, selected_ids: Sequence[str]) -> dict[str, int]:
    """The selection metrics of summary.json (contract §3).

    Sectors and problem types are counted after folding case, accents and spaces.
    """
    chosen = _chosen(instance, selected_ids)
    sectors = Counter(fold_name(c.sector) for c in chosen)
    return {
        "count": len(chosen),
        "distinct_sectors": len(sectors),
        "distinct_problem_types": len({fold_name(c.problem_type) for c in chosen}),
        "max_per_sector": max(sectors.values(), default=0),
    }


def selection_objectives(instance: Instance, selected_ids: Sequence[str]) -> dict[str, int]:
    """The value of every selection priority (contract §5), keyed by priority name."""
    metrics = selection_metrics(instance, selected_ids)
    return {
        "sectors": metrics["distinct_sectors"],
        "problem_types": metrics["distinct_problem_types"],
        "sector_spread": metrics["max_per_sector"],
        "priority": sum(c.priority for c in _chosen(instance, selected_ids)),
    }


def selection_violations(instance: Instance, selected_ids: Sequence[str]) -> list[Text]:
    """Every broken selection rule, one sentence each, naming ids and institutions."""
    settings = instance.settings.selection
    by_id = {c.id: c for c in instance.commissions}
    violations: list[Text] = []

    unknown = [cid for cid in dict.fromkeys(selected_ids) if cid not in by_id]
    violations += [text("v_unknown_proposal", id=cid) for cid in unknown]
    repeated = [cid for cid, n in Counter(selected_ids).items() if n > 1]
    violations += [text("v_repeated", id=cid) for cid in repeated]

    chosen = _chosen(instance, selected_ids)
    for commission in chosen:
        verdict = eligibility(commission, settings, instance.settings.calendar)
        if not verdict.eligible:
            violations.append(text("v_ineligible", id=commission.id, reason=verdict.reason))

    if len(chosen) != settings.count:
        violations.append(counted("v_count", len(chosen), count=settings.count))

    per_institution: dict[str, list[Commission]] = {}
    for commission in chosen:
        per_institution.setdefault(fold_name(commission.institution), []).append(commission)
    for members in per_institution.values():
        if len(members) > settings.max_per_institution:
            names = sorted({c.institution for c in members})
            ids = ", ".join(c.id for c in members)
            violations.append(
                text(
                    "v_per_institution",
                    n=len(members),
                    names=" / ".join(names),
                    ids=ids,
                    cap=settings.max_per_institution,
                )
            )

    chosen_ids = {c.id for c in chosen}
    violations += [
        text("v_include_missing", id=cid)
        for cid in dict.fromkeys(settings.include)
        if cid not in chosen_ids
    ]
    return violations


def pin_violations(instance: Instance, selected_ids: Sequence[str]) -> list[Text]:
    """Students pinned to a proposal that ``selected_ids`` leaves out: their pin cannot be
    kept by any teams (a result holding no teams yet, checked or re-rendered)."""
    selected = set(selected_ids)
    return [
        text("v_pinned_unselected", student=s.id, pinned=s.pinned)
        for s in instance.students
        if s.pinned is not None and s.pinned not in selected
    ]


def require_selection_rules(
    instance: Instance,
    selected_ids: Sequence[str],
    source: Path,
    lang: Lang = "en",
    withdrawing: Collection[str] = (),
) -> None:
    """Refuse a given selection (``assign``, ``whatif``) that breaks a selection rule.

    A rule that only ``withdrawing`` (commissions a what-if withdraws) break is not one:
    a proposal no longer available, or a second of its institution since commissions.csv
    was edited, is what the director withdraws it for.

    Raises
    ------
    BrokenRules
        Listing every broken rule as ``matcher check`` words it (exit status 3).
    """
    cap = instance.settings.selection.max_per_institution
    violations = [
        v
        for v in selection_violations(instance, selected_ids)
        if not _mended_by(v, set(withdrawing), cap)
    ]
    if violations:
        head = counted("selection_broken", len(violations), file=str(source))
        raise BrokenRules(head, violations)


def _mended_by(violation: Text, withdrawing: set[str], cap: int) -> bool:
    """Whether withdrawing ``withdrawing`` ends ``violation`` (a proposal not eligible, or
    too many of one institution, among them)."""
    if violation.key == "v_ineligible":
        return violation.values.get("id") in withdrawing
    if violation.key == "v_per_institution":
        ids = str(violation.values.get("ids", "")).split(", ")
        return len([i for i in ids if i not in withdrawing]) <= cap
    return False
