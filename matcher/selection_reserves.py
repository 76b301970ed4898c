"""Stage 1's reserve list: the rank of every eligible proposal left out and why
(``matcher.selection``), each by the best selection holding it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from matcher.eligibility import Eligibility
from matcher.labels import Text, text
from matcher.schemas import Commission, Instance, SelectionSettings
from models.budget import Budget
from models.selection import SelectionData, Vector, better_key, vector_of
from models.selection_reserves import best_selection_with, keeps_no_goods, swap_vectors
from models.solve import SolveParams, Status

__all__ = ["SelectionFacts", "natural_key", "rank_reserves"]

#: Exact reserve evaluations are capped by a count, not by the clock, so that reruns
#: give byte-identical reserve lists: at most ``REFINE_WORK`` divided by the number of
#: interchangeable groups (all of them on real cohorts of 20-40 proposals, about 17 on
#: generated cohorts of 4,000), each within ``REFINE_DETERMINISTIC_TIME`` of CP-SAT's
#: deterministic time. The wall-clock share (``matcher.selection.RESERVE_SHARE``) only
#: stops them on an overloaded machine or under a very short time limit.
REFINE_WORK = 20_000
REFINE_DETERMINISTIC_TIME = 3.0

#: Why a reserve was not selected, by the first priority on which it does worse.
_WORSE_ON = {
    "sectors": "why_sectors",
    "problem_types": "why_problem_types",
    "sector_spread": "why_sector_spread",
    "priority": "why_priority",
}


@dataclass(frozen=True)
class SelectionFacts:
    """The proposals, rules and eligibility verdicts the explanations need beside the data."""

    commissions: tuple[Commission, ...]
    settings: SelectionSettings
    eligibility: tuple[Eligibility, ...]
    data: SelectionData
    #: The cohort, for the plan checks of the reserves when ``data`` forbids sets.
    instance: Instance | None = None
    #: ``run`` set aside better selections, their teams impossible (``app.reselect``): a
    #: reserve whose best selection beats the one kept is one of those, not a search the
    #: time limit stopped (probe s28e).
    teams_barred: bool = False
    #: A what-if's selection (a withdrawal, not re-selected): a reserve may better it.
    after_whatif: bool = False


# -- reserves ---------------------------------------------------------------------------


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key under which ``C2`` comes before ``C10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    )


def rank_reserves(
    facts: SelectionFacts,
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
    if data.no_goods:
        swaps = _plannable_swaps(data, swaps, selected, best, proven)
    vectors: dict[int, Vector | None] = {p: s[0] if s else None for p, s in swaps.items()}
    impossible: dict[int, str] = {}

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
        status, exact, data = _best_with(
            facts,
            data,
            p,
            replace(refine_params, time_limit=budget.wall_left()),
            hint,
            # A swap reaching the optimum may have no plan: nothing settled then.
            () if data.no_goods else _settled(swap[0] if swap else None, best, proven),
            budget,
        )
        known = vectors[p]
        # A swap is a selection, so an exact vector below it is a worse search's, unless
        # plans are checked: the swap may have none, and the exact vector is the truth.
        if exact is not None and (
            known is None or data.no_goods or better_key(data, exact) > better_key(data, known)
        ):
            vectors[p] = exact
        if status == Status.INFEASIBLE:
            impossible[p] = "why_impossible"
            if data.no_goods:
                # Possible but for the plans: no selection holding it has one.
                free = replace(data, no_goods=(), close_pairs=0)
                if best_selection_with(free, p, refine_params, budget=budget)[1] is not None:
                    impossible[p] = "why_no_plan"

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
        whys[p] = _why_not(facts, p, selected, vector, impossible.get(leader_of[p]), best_key)
    return ranks, whys


def _plannable_swaps(
    data: SelectionData,
    swaps: dict[int, tuple[Vector, int] | None],
    selected: np.ndarray,
    best: Vector,
    proven: bool,
) -> dict[int, tuple[Vector, int] | None]:
    """The swaps that may have a plan: none onto a set ``data`` forbids, nor, the selection
    being proven the best with a plan, one better than it."""
    top = better_key(data, best)
    kept: dict[int, tuple[Vector, int] | None] = {}
    for p, swap in swaps.items():
        kept[p] = None
        if swap is not None:
            swapped = selected.copy()
            swapped[[swap[1], p]] = [False, True]
            beyond = proven and better_key(data, swap[0]) > top
            kept[p] = swap if keeps_no_goods(data, swapped) and not beyond else None
    return kept


def _best_with(
    facts: SelectionFacts,
    data: SelectionData,
    p: int,
    params: SolveParams,
    hint: np.ndarray | None,
    settled: Vector,
    budget: Budget,
) -> tuple[Status, Vector | None, SelectionData]:
    """The best vector of a selection holding ``p`` (``best_selection_with``) and the data:
    when ``data`` forbids sets no plan holds, of a selection a plan exists for, with the
    sets found on the way added to the data."""

    def search(trial: SelectionData) -> tuple[Status, np.ndarray | None]:
        return best_selection_with(trial, p, params, hint, settled, budget)

    if not data.no_goods or facts.instance is None:
        status, chosen = search(data)
        return status, None if chosen is None else vector_of(data, chosen), data
    from matcher.selection_plan import best_plannable_with

    return best_plannable_with(facts.instance, data, p, params, search)


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


def _order_key(facts: SelectionFacts, p: int, vector: Vector | None) -> tuple[object, ...]:
    """Sort key of a reserve: best vector first, then higher priority, then id."""
    data = facts.data
    vector_key = (0, *(-k for k in better_key(data, vector))) if vector is not None else (1,)
    return (vector_key, -int(data.priority[p]), natural_key(facts.commissions[p].id))


def _why_not(
    facts: SelectionFacts,
    p: int,
    selected: np.ndarray,
    vector: Vector | None,
    impossible: str | None,
    best_key: tuple[int, ...],
) -> Text:
    """A short sentence saying why an eligible proposal is not selected (``impossible``:
    the key of why no selection holds it)."""
    data = facts.data
    same = np.flatnonzero(selected & (data.institution_idcs == data.institution_idcs[p]))
    if len(same) >= data.max_per_institution:
        return text("why_institution", institution=facts.commissions[same[0]].institution)
    if impossible:
        return text(impossible)
    if vector is None:
        # After a what-if, ranked by one swap (``reserve_ranks``): none keeps the rules.
        return text("why_no_swap" if facts.after_whatif else "why_not_evaluated")
    key = better_key(data, vector)
    for name, value, target in zip(data.priorities, key, best_key, strict=True):
        if value < target:
            return text(_WORSE_ON[name])
        if value > target:
            # Only when better selections were set aside (their teams impossible), or the
            # time limit stopped the search before proving the selection.
            if facts.after_whatif:  # probe s34f: « the time limit stopped the search »
                return text("why_would_improve")
            return text("why_teams_barred" if facts.teams_barred else "why_could_improve")
    return text("why_as_good")
