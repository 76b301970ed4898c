"""Stage 1 in the cohort's terms: which proposals become commissions, the reserve list, why.

Maps an :class:`~matcher.schemas.Instance` to index-based data for ``models.selection``,
solves, ranks the reserves and explains every proposal's fate (or, when no selection
exists, which rules conflict) with ids, institution names, slots and counts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matcher.eligibility import Eligibility, crowded_includes, eligibility
from matcher.errors import InputError, Problem
from matcher.labels import Listing, Number, Text, counted, listing, text
from matcher.results import SelectionResult, SelectionRow, StageResult, Status
from matcher.schemas import Commission, Instance, SelectionSettings
from matcher.selection_needs import cannot_host, pinned_to
from matcher.text import fold_name
from models.budget import Budget
from models.selection import (
    FAMILY_AVAILABILITY,
    FAMILY_CAP,
    FAMILY_COUNT,
    FAMILY_INCLUDE,
    SelectionData,
    Vector,
    best_vector_with,
    better_key,
    solve_selection,
    swap_vectors,
)
from models.solve import SolveParams

__all__ = ["build_selection_data", "select_commissions"]

#: Share of the time limit the main solve may use; the reserve pass gets what is left,
#: at most ``RESERVE_SHARE`` of the limit (stage 2 of ``run`` needs time too).
MAIN_SHARE = 0.75
RESERVE_SHARE = 0.1

#: Exact reserve evaluations are capped by a count, not by the clock, so that reruns
#: give byte-identical reserve lists: at most ``REFINE_WORK`` divided by the number of
#: interchangeable groups (all of them on real cohorts of 20-40 proposals, about 17 on
#: generated cohorts of 4,000), each within ``REFINE_DETERMINISTIC_TIME`` of CP-SAT's
#: deterministic time. The wall-clock share above only stops them on an overloaded
#: machine or under a very short time limit.
REFINE_WORK = 20_000
REFINE_DETERMINISTIC_TIME = 3.0

#: Why a reserve was not selected, by the first priority on which it does worse.
_WORSE_ON = {
    "sectors": "why_sectors",
    "problem_types": "why_problem_types",
    "sector_spread": "why_sector_spread",
    "priority": "why_priority",
}

#: How many proposals a diagnosis names before summarising the rest.
_MAX_NAMED = 6


@dataclass(frozen=True)
class _SelectionFacts:
    """The proposals, rules and eligibility verdicts the explanations need beside the data."""

    commissions: tuple[Commission, ...]
    settings: SelectionSettings
    eligibility: tuple[Eligibility, ...]
    data: SelectionData


def _category_idcs(values: Sequence[str]) -> np.ndarray:
    """Index of each value's folded spelling, numbered in order of first appearance."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(fold_name(v), len(index)) for v in values], dtype=np.int64)


def build_selection_data(
    instance: Instance, verdicts: Sequence[Eligibility] | None = None
) -> SelectionData:
    """Index-based stage-1 data of a cohort.

    Sectors, problem types and institutions are compared after folding case, accents and
    spaces, as the contract does for institutions.

    Raises
    ------
    InputError
        When ``include`` or ``exclude`` names an id absent from commissions.csv.
    """
    settings = instance.settings.selection
    commissions = instance.commissions
    id2idx = {c.id: p for p, c in enumerate(commissions)}
    problems = [
        Problem(
            "settings.toml",
            text("ld_not_a_proposal", ref=cid, file="commissions.csv"),
            column=f"selection.{key}",
        )
        for key, ids in (("include", settings.include), ("exclude", settings.exclude))
        for cid in ids
        if cid not in id2idx
    ]
    if problems:
        raise InputError(problems)
    if verdicts is None:
        verdicts = [eligibility(c, settings) for c in commissions]
    return SelectionData(
        sector_idcs=_category_idcs([c.sector for c in commissions]),
        problem_type_idcs=_category_idcs([c.problem_type for c in commissions]),
        institution_idcs=_category_idcs([c.institution for c in commissions]),
        priority=np.array([c.priority for c in commissions], dtype=np.int64),
        eligible=np.array([v.eligible for v in verdicts], dtype=bool),
        count=settings.count,
        max_per_institution=settings.max_per_institution,
        include_idcs=tuple(dict.fromkeys(id2idx[cid] for cid in settings.include)),
        priorities=tuple(settings.priorities),
        labels=tuple(c.id for c in commissions),
    )


def select_commissions(instance: Instance, params: SolveParams) -> SelectionResult:
    """Choose the commissions of a cohort: stage 1 (contract §2, §3, §5).

    Parameters
    ----------
    instance
        The cohort; its ``settings.selection`` holds the rules and priorities.
    params
        Time limit (shared by the solve, the reserve ranking and any diagnosis), seed,
        workers, progress callback.

    Returns
    -------
    SelectionResult
        One row per proposal in commissions.csv order. Status INFEASIBLE carries the
        conflicting rules as sentences in ``stage.diagnosis``; UNKNOWN means the time
        limit hit before any selection was found.
    """
    start = time.perf_counter()
    settings = instance.settings.selection
    verdicts = tuple(eligibility(c, settings) for c in instance.commissions)
    data = build_selection_data(instance, verdicts)
    work = params.work()
    main_params = replace(
        params, time_limit=params.time_limit * MAIN_SHARE, work_limit=work * MAIN_SHARE
    )
    # The settings' own includes (``data``'s may gain the pinned proposals below).
    settings_included = set(data.include_idcs)
    pinned = pinned_to(instance, data)
    unfit = {p: why for p, why in cannot_host(instance, data).items() if p not in pinned}
    solution = None
    if unfit or pinned:
        # What the teams need, when a selection keeps it: the proposals students are
        # pinned to are selected, those that could host no team of this cohort left out.
        # Else the selection is made without it, and the teams' diagnosis names the pin
        # or the size rule that fails (as before).
        fitting = data.eligible.copy()
        fitting[list(unfit)] = False
        fit = replace(
            data,
            eligible=fitting,
            include_idcs=tuple(dict.fromkeys((*data.include_idcs, *pinned))),
        )
        solution = solve_selection(fit, main_params)
        if solution.solved:
            data = fit
        elif solution.status == Status.INFEASIBLE:  # out of time proves nothing (s15e)
            unfit, pinned = {}, {}
    facts = _SelectionFacts(instance.commissions, settings, verdicts, data)
    if solution is None or solution.status == Status.INFEASIBLE:
        solution = solve_selection(data, main_params)
    if not solution.solved:
        if solution.status == Status.INFEASIBLE:
            diagnosis = tuple(_diagnose(facts, solution.conflicts))
        else:
            seconds = Number(main_params.time_limit, 1)
            diagnosis = (text("diag_sel_timeout", count=data.count, seconds=seconds),)
        elapsed = time.perf_counter() - start
        stage = StageResult(solution.status, elapsed, (), diagnosis, work=solution.work)
        return SelectionResult(stage, tuple(_unsolved_rows(facts)))

    # Counted work decides; the clock only stops the reserve pass on an overloaded machine.
    budget = Budget.start(
        min(work * RESERVE_SHARE, work - solution.work),
        min(params.time_limit * RESERVE_SHARE, params.time_limit - solution.time_s),
    )
    proven = solution.status == Status.OPTIMAL
    ranks, whys = _rank_reserves(facts, solution.selected, solution.vector, proven, params, budget)
    rows = []
    for p, commission in enumerate(facts.commissions):
        verdict = facts.eligibility[p]
        reason: str | Text
        if solution.selected[p] and p in pinned and p not in settings_included:
            reason = pinned[p]
        elif solution.selected[p]:
            included = p in data.include_idcs
            reason = text("reason_included" if included else "reason_selected")
        elif not verdict.eligible:
            reason = verdict.reason
        elif p in unfit:
            reason = unfit[p]
        else:
            reason = text("reason_reserve", rank=ranks[p], why=whys[p])
        rows.append(
            SelectionRow(
                id=commission.id,
                eligible=verdict.eligible,
                selected=bool(solution.selected[p]),
                reserve_rank=ranks.get(p),
                reason=reason,
            )
        )
    stage = StageResult(
        solution.status,
        time.perf_counter() - start,
        tuple(solution.objectives),
        work=solution.work + budget.spent,
    )
    return SelectionResult(stage, tuple(rows))


def _unsolved_rows(facts: _SelectionFacts) -> list[SelectionRow]:
    return [
        SelectionRow(c.id, v.eligible, False, None, v.reason or text("reason_unsolved"))
        for c, v in zip(facts.commissions, facts.eligibility, strict=True)
    ]


# -- reserves ---------------------------------------------------------------------------


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key under which ``C2`` comes before ``C10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def _rank_reserves(
    facts: _SelectionFacts,
    selected: np.ndarray,
    best: Vector,
    proven: bool,
    params: SolveParams,
    budget: Budget,
) -> tuple[dict[int, int], dict[int, Text]]:
    """Reserve rank and reason of every eligible proposal left out.

    Reserves are ordered by the best priority vector achievable with them in the
    selection, then their own priority, then id; those of an institution the selection holds
    to the cap come last (they can replace no withdrawal). Proposals alike in every rule and
    priority share one evaluation. A cheap swap bound is computed for all; a proposal
    whose swap already reaches the selection's vector is exact, the others are solved
    exactly with CP-SAT, best swap bounds first, within ``REFINE_WORK`` and ``budget``
    (CP-SAT's deterministic time; the rest keep the swap bound).
    """
    data = facts.data
    candidates = [p for p in range(data.num_proposals) if data.eligible[p] and not selected[p]]
    is_candidate = set(candidates)
    leader_of: dict[int, int] = {}
    groups = data.interchangeable_groups()
    for members in groups:
        leader = next((p for p in members if p in is_candidate), None)
        leader_of.update((p, leader) for p in members if leader is not None)
    leaders = sorted(set(leader_of.values()))
    swaps = dict(zip(leaders, swap_vectors(data, selected, leaders), strict=True))
    vectors: dict[int, Vector | None] = {p: s[0] if s else None for p, s in swaps.items()}
    impossible: set[int] = set()

    best_key = better_key(data, best)
    to_refine = [p for p in leaders if vectors[p] is None or vectors[p] != best]
    # Best swap bounds first: where the order matters most if time runs out.
    to_refine.sort(key=lambda p: _order_key(facts, p, vectors[p]))
    refine_params = replace(
        params,
        progress=None,
        cp_sat_parameters={
            **params.cp_sat_parameters,
            "max_deterministic_time": REFINE_DETERMINISTIC_TIME,
        },
    )
    for p in to_refine[: max(1, REFINE_WORK // max(len(groups), 1))]:
        if budget.left() <= 0.05:
            break
        swap = swaps[p]
        hint = None
        if swap is not None:
            hint = selected.copy()
            hint[swap[1]] = False
            hint[p] = True
        status, exact = best_vector_with(
            data,
            p,
            replace(refine_params, time_limit=budget.wall_left()),
            hint,
            _settled(swap[0] if swap else None, best, proven),
            budget,
        )
        known = vectors[p]
        if exact is not None and (
            known is None or better_key(data, exact) > better_key(data, known)
        ):
            vectors[p] = exact
        if status == Status.INFEASIBLE:
            impossible.add(p)

    # A reserve whose institution the selection already holds to the cap replaces no
    # withdrawal (another's place is barred by the cap; when its own institution's
    # commission withdraws, the institution withdraws with it): it comes after the others.
    held = np.bincount(data.institution_idcs[selected], minlength=data.num_institutions)
    barred = {p for p in candidates if held[data.institution_idcs[p]] >= data.max_per_institution}
    ranked = sorted(
        candidates, key=lambda p: (p in barred, _order_key(facts, p, vectors[leader_of[p]]))
    )
    ranks = {p: rank for rank, p in enumerate(ranked, start=1)}
    whys = {}
    for p in candidates:
        vector = vectors[leader_of[p]]
        whys[p] = _why_not(facts, p, selected, vector, leader_of[p] in impossible, best_key)
    return ranks, whys


def _settled(swap: Vector | None, best: Vector, proven: bool) -> Vector:
    """Leading priorities on which a swap already reaches the proven optimum.

    With the proposal forced in, no selection beats the unconstrained optimum, and the
    swap is one such selection: on the priorities where the swap equals the optimum,
    so does the best selection holding the proposal.
    """
    if swap is None or not proven:
        return ()
    settled = []
    for reached, optimum in zip(swap, best, strict=True):
        if reached != optimum:
            break
        settled.append(reached)
    return tuple(settled)


def _order_key(facts: _SelectionFacts, p: int, vector: Vector | None) -> tuple[object, ...]:
    """Sort key of a reserve: best vector first, then higher priority, then id."""
    data = facts.data
    vector_key = (0, *(-k for k in better_key(data, vector))) if vector is not None else (1,)
    return (vector_key, -int(data.priority[p]), natural_key(facts.commissions[p].id))


def _why_not(
    facts: _SelectionFacts,
    p: int,
    selected: np.ndarray,
    vector: Vector | None,
    impossible: bool,
    best_key: tuple[int, ...],
) -> Text:
    """A short sentence saying why an eligible proposal is not selected."""
    data = facts.data
    same = np.flatnonzero(selected & (data.institution_idcs == data.institution_idcs[p]))
    if len(same) >= data.max_per_institution:
        return text("why_institution", institution=facts.commissions[same[0]].institution)
    if impossible:
        return text("why_impossible")
    if vector is None:
        return text("why_not_evaluated")
    key = better_key(data, vector)
    for name, value, target in zip(data.priorities, key, best_key, strict=True):
        if value < target:
            return text(_WORSE_ON[name])
        if value > target:
            # Only when the time limit stopped the search before proving the selection.
            return text("why_could_improve")
    return text("why_as_good")


# -- diagnosis --------------------------------------------------------------------------


def _name_some(ids: Sequence[str | Text]) -> Listing:
    """The items joined, at most ``_MAX_NAMED`` of them named ('C01, C02 and 5 more')."""
    return listing(ids, most=_MAX_NAMED)


def _requirements(settings: SelectionSettings) -> Listing | None:
    """What eligibility asks, in words: 'available on visit and feedback, …'."""
    slots: list[str | Text | Listing] = []
    if settings.required_slots:
        slots.append(listing(settings.required_slots))
    slots += [text("req_one_of", slots=listing(g, "word_or")) for g in settings.any_slots if g]
    parts: list[Text] = []
    if slots:
        parts.append(text("req_available", slots=listing(slots, joiner="req_and_on")))
    if settings.exclude:
        parts.append(text("req_not_excluded"))
    return listing(parts, joiner="req_semicolon") if parts else None


def _near_misses(facts: _SelectionFacts) -> list[Text]:
    """Ineligible proposals one requirement away, e.g. 'C04 lacks only visit'."""
    by_missing: dict[str | Listing, list[str]] = {}
    excluded = []
    for commission, verdict in zip(facts.commissions, facts.eligibility, strict=True):
        if verdict.eligible:
            continue
        if commission.id in facts.settings.exclude:
            if not verdict.missing:
                excluded.append(commission.id)
        elif len(verdict.missing) == 1:
            by_missing.setdefault(verdict.missing[0], []).append(commission.id)
    sentences = [
        counted("diag_lacks_only", len(ids), ids=_name_some(ids), missing=missing)
        for missing, ids in by_missing.items()
    ]
    if excluded:
        sentences.append(counted("diag_excluded", len(excluded), ids=_name_some(excluded)))
    return sentences


def _selectable(facts: _SelectionFacts, mask: np.ndarray) -> tuple[int, int]:
    """Most proposals of ``mask`` selectable under the institution cap, and institutions."""
    data = facts.data
    per_institution = np.bincount(data.institution_idcs[mask], minlength=data.num_institutions)
    return (
        int(np.minimum(per_institution, data.max_per_institution).sum()),
        int((per_institution > 0).sum()),
    )


def _crowded_institutions(facts: _SelectionFacts, mask: np.ndarray) -> Listing:
    """Institutions with more proposals than the cap allows, e.g. 'CPAS de Namur (C01, C05)'."""
    data = facts.data
    members: dict[int, list[int]] = {}
    for p in np.flatnonzero(mask):
        members.setdefault(int(data.institution_idcs[p]), []).append(int(p))
    described = [
        text(
            "diag_institution_ids",
            institution=facts.commissions[group[0]].institution,
            ids=_name_some([facts.commissions[p].id for p in group]),
        )
        for group in members.values()
        if len(group) > data.max_per_institution
    ]
    return _name_some(described)


def _diagnose(facts: _SelectionFacts, conflicts: list[list[str]] | None) -> list[Text]:
    """Sentences explaining which rules conflict, with ids, names, slots and counts."""
    if conflicts is None:
        return [text("diag_sel_not_isolated")]
    sentences: list[Text] = []
    for conflict in conflicts:
        sentences += [s for s in _explain_conflict(facts, conflict) if s not in sentences]
    return sentences


def _explain_conflict(facts: _SelectionFacts, conflict: list[str]) -> list[Text]:
    """Sentences for one set of rule families that cannot all hold together."""
    families = set(conflict)
    includes = [
        int(f.removeprefix(FAMILY_INCLUDE)) for f in conflict if f.startswith(FAMILY_INCLUDE)
    ]
    count = facts.data.count
    sentences = _include_sentences(facts, families, includes)
    # More inclusions than places.
    if FAMILY_COUNT in families and len(includes) > count:
        ids = [facts.commissions[p].id for p in includes]
        sentences.append(
            counted("diag_too_many_includes", count, included=len(ids), ids=_name_some(ids))
        )
    if FAMILY_COUNT in families and len(includes) <= count:
        sentences += _too_few_sentences(facts, families)
    if not sentences:
        sentences.append(
            text(
                "diag_sel_cannot_hold",
                rules=listing(
                    [_describe_family(facts, f) for f in conflict], joiner="req_semicolon"
                ),
            )
        )
    return sentences


def _include_sentences(
    facts: _SelectionFacts, families: set[str], includes: list[int]
) -> list[Text]:
    """Included proposals that may not be selected at all, or that crowd one institution."""
    commissions, cap = facts.commissions, facts.data.max_per_institution
    sentences: list[Text] = []
    for p in includes:
        verdict = facts.eligibility[p]
        if FAMILY_AVAILABILITY in families and not verdict.eligible:
            c = commissions[p]
            sentences.append(
                text(
                    "diag_include_ineligible",
                    id=c.id,
                    institution=c.institution,
                    reason=verdict.reason,
                )
            )
    if FAMILY_CAP in families and includes:
        sentences += crowded_includes([commissions[p] for p in includes], cap)
    return sentences


def _too_few_sentences(facts: _SelectionFacts, families: set[str]) -> list[Text]:
    """Too few proposals to fill the places: how many are eligible (or received), how many
    institutions they span, which institutions crowd, which proposals nearly qualify."""
    data, count, cap = facts.data, facts.data.count, facts.data.max_per_institution
    sentences: list[Text] = []
    available = data.eligible if FAMILY_AVAILABILITY in families else np.ones_like(data.eligible)
    num_available = int(available.sum())
    selectable, num_institutions = _selectable(facts, available)
    needed = counted("diag_needed", count)
    requirements = _requirements(facts.settings) if FAMILY_AVAILABILITY in families else None
    what = counted(
        "diag_eligible" if FAMILY_AVAILABILITY in families else "diag_received",
        num_available,
        requirements=text("in_parens", what=requirements) if requirements else "",
    )
    if num_available == 0:
        # Nothing to select from: the institution cap is beside the point.
        sentences.append(text("diag_none", what=what, needed=needed))
    elif FAMILY_CAP in families:
        sentences.append(
            text(
                "diag_selectable",
                selectable=counted("n_commissions", selectable),
                what=what,
                institutions=counted("n_institutions", num_institutions),
                cap=counted("n_proposals", cap),
                needed=needed,
            )
        )
        crowded = _crowded_institutions(facts, available)
        if crowded.items:
            sentences.append(text("diag_crowded", institutions=crowded))
    elif num_available < count:
        sentences.append(text("diag_only", what=what, needed=needed))
    if FAMILY_AVAILABILITY in families:
        sentences += _near_misses(facts)
    return sentences


def _describe_family(facts: _SelectionFacts, family: str) -> Text:
    """A rule family in words."""
    data = facts.data
    if family == FAMILY_COUNT:
        return counted("family_count", data.count)
    if family == FAMILY_CAP:
        return text("family_cap", cap=data.max_per_institution)
    if family == FAMILY_AVAILABILITY:
        return text("family_availability", requirements=_requirements(facts.settings) or "")
    p = int(family.removeprefix(FAMILY_INCLUDE))
    return text("family_include", id=facts.commissions[p].id)
