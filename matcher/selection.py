"""Stage 1 in the cohort's terms: which proposals become commissions, the reserve list, why.

Maps an :class:`~matcher.schemas.Instance` to index-based data for ``models.selection``,
solves, ranks the reserves and explains every proposal's fate (or, when no selection
exists, which rules conflict) with ids, institution names, slots and counts.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from matcher.eligibility import Eligibility, crowded_includes, eligibility
from matcher.errors import InputError, Problem
from matcher.labels import Listing, Text, counted, listing, text
from matcher.results import SelectionResult, SelectionRow, StageResult, Status
from matcher.schemas import Instance, SelectionSettings
from matcher.selection_needs import cannot_host, pinned_to, team_sizes
from matcher.selection_reserves import SelectionFacts, natural_key, rank_reserves
from matcher.text import fold_name
from models.budget import Budget
from models.selection import (
    FAMILY_AVAILABILITY,
    FAMILY_CAP,
    FAMILY_COUNT,
    FAMILY_INCLUDE,
    SelectionData,
    SelectionSolution,
    solve_selection,
)
from models.solve import SolveParams

__all__ = ["build_selection_data", "natural_key", "select_commissions"]

#: Share of the time limit the main solve may use; the reserve pass gets what is left,
#: at most ``RESERVE_SHARE`` of the limit (stage 2 of ``run`` needs time too).
MAIN_SHARE = 0.75
RESERVE_SHARE = 0.1

#: How many proposals a diagnosis names before summarising the rest.
_MAX_NAMED = 6


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
        verdicts = [eligibility(c, settings, instance.settings.calendar) for c in commissions]
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


def _fitted(
    instance: Instance,
    data: SelectionData,
    unfit: dict[int, Text],
    pinned: dict[int, Text],
    sizes: npt.NDArray[np.int64] | None,
    params: SolveParams,
) -> tuple[SelectionData, SelectionSolution]:
    """The selection keeping what the teams need: pinned proposals selected, those that
    could host no team of this cohort left out, and sizes that hold the students; when no
    selection keeps those sizes with the pins, the pins alone (the teams' diagnosis then
    names the pin and the size rule). Infeasible: the caller selects without them, and the
    teams' diagnosis names the rule."""
    fitting = data.eligible.copy()
    fitting[list(unfit)] = False
    pins = tuple(dict.fromkeys((*data.include_idcs, *pinned)))
    fit = replace(data, eligible=fitting, include_idcs=pins, num_students=len(instance.students))
    for rule in (sizes, None) if sizes is not None else (None,):
        fitted = replace(fit, team_sizes=rule)
        solution = solve_selection(fitted, params)
        if solution.status != Status.INFEASIBLE:
            break
    return fitted, solution


def select_commissions(
    instance: Instance, params: SolveParams, forbidden: Sequence[Sequence[str]] = ()
) -> SelectionResult:
    """Choose the commissions of a cohort: stage 1 (contract §2, §3, §5).

    Parameters
    ----------
    instance
        The cohort; its ``settings.selection`` holds the rules and priorities.
    params
        Time limit (shared by the solve, the reserve ranking and any diagnosis), seed,
        workers, progress callback.
    forbidden
        Selections (commission ids) not to make again: ``run``'s, whose teams no
        assignment can form (``matcher.app.solve.run``). The reserves are ranked as if
        they were not forbidden.

    Returns
    -------
    SelectionResult
        One row per proposal in commissions.csv order. Status INFEASIBLE carries the
        conflicting rules as sentences in ``stage.diagnosis``; UNKNOWN means the time
        limit hit before any selection was found.
    """
    start = time.perf_counter()
    settings, calendar = instance.settings.selection, instance.settings.calendar
    verdicts = tuple(eligibility(c, settings, calendar) for c in instance.commissions)
    data = build_selection_data(instance, verdicts)
    index = {c.id: p for p, c in enumerate(instance.commissions)}
    barred = tuple(tuple(index[i] for i in ids) for ids in forbidden)
    single = frozenset(p for cut in barred for p in cut)
    data = replace(data, no_goods=(*data.no_goods, *barred), single=single)
    work = params.work()
    main_params = replace(
        params, time_limit=params.time_limit * MAIN_SHARE, work_limit=work * MAIN_SHARE
    )
    # The settings' own includes (``data``'s may gain the pinned proposals below).
    settings_included = set(data.include_idcs)
    pinned = pinned_to(instance, data)
    unfit = {p: why for p, why in cannot_host(instance, data).items() if p not in pinned}
    solution = None
    sizes = team_sizes(instance, data.count)
    if unfit or pinned or sizes is not None:
        fitted, solution = _fitted(instance, data, unfit, pinned, sizes, main_params)
        if solution.solved:
            data = fitted
        elif solution.status == Status.INFEASIBLE:
            unfit, pinned = {}, {}  # (out of time proves nothing: s15e)
    if solution is None or solution.status == Status.INFEASIBLE:
        solution = solve_selection(data, main_params)
    data, solution = _with_a_plan(instance, data, solution, main_params)
    facts = SelectionFacts(instance.commissions, settings, verdicts, data, instance)
    if not solution.solved:
        if solution.status == Status.INFEASIBLE:
            diagnosis = tuple(_diagnose(facts, solution.conflicts))
        else:
            # The seconds are the exit message's ("… in the 0.1 s the time limit left it").
            diagnosis = (counted("diag_sel_timeout", data.count),)
        elapsed = time.perf_counter() - start
        stage = StageResult(solution.status, elapsed, (), diagnosis, work=solution.work)
        return SelectionResult(stage, tuple(_unsolved_rows(facts)))

    if barred:  # the reserves ranked as without them (their swaps are other selections)
        kept = tuple(cut for cut in data.no_goods if cut not in barred)
        unbarred = replace(data, no_goods=kept, single=frozenset())
        facts = replace(facts, data=unbarred, teams_barred=True)
    # Counted work decides; the clock only stops the reserve pass on an overloaded machine.
    budget = Budget.start(
        min(work * RESERVE_SHARE, work - solution.work),
        min(params.time_limit * RESERVE_SHARE, params.time_limit - solution.time_s),
    )
    proven = solution.status == Status.OPTIMAL
    ranks, whys = rank_reserves(facts, solution.selected, solution.vector, proven, params, budget)
    # A proposal that could host no team of the cohort is a reserve too (contract §3: every
    # eligible proposal left out has a rank), after the others, in file order: a what-if
    # tries it last and says why it cannot take the place (probe s25).
    last = max(ranks.values(), default=0)
    for p in sorted(unfit):
        if facts.eligibility[p].eligible and not solution.selected[p] and p not in ranks:
            last += 1
            ranks[p] = last
            whys[p] = text("why_cannot_host", rule=unfit[p])
    rows = _rows(facts, solution.selected, pinned, settings_included, ranks, whys)
    stage = StageResult(
        solution.status,
        time.perf_counter() - start,
        tuple(solution.objectives),
        work=solution.work + budget.spent,
        # The clock (an overloaded machine) or Ctrl-C cut the exact reserve ranking: the
        # swap bounds ranked the rest, so another run may rank them otherwise.
        stopped_by=None if budget.stopped_by == "work" else budget.stopped_by,
    )
    return SelectionResult(stage, tuple(rows))


def _rows(
    facts: SelectionFacts,
    selected: np.ndarray,
    pinned: dict[int, Text],
    settings_included: set[int],
    ranks: dict[int, int],
    whys: dict[int, Text],
) -> list[SelectionRow]:
    """selection.csv's rows: each proposal, selected (and why) or a reserve (its rank and
    why) or not eligible (why)."""
    data = facts.data
    rows = []
    for p, commission in enumerate(facts.commissions):
        verdict = facts.eligibility[p]
        reason: str | Text
        if selected[p] and p in pinned and p not in settings_included:
            reason = pinned[p]
        elif selected[p]:
            included = p in data.include_idcs
            reason = text("reason_included" if included else "reason_selected")
        elif not verdict.eligible:
            reason = verdict.reason
        else:
            reason = text("reason_reserve", rank=ranks[p], why=whys[p])
        rows.append(
            SelectionRow(
                id=commission.id,
                eligible=verdict.eligible,
                selected=bool(selected[p]),
                reserve_rank=ranks.get(p),
                reason=reason,
            )
        )
    return rows


def _with_a_plan(
    instance: Instance, data: SelectionData, solution: SelectionSolution, params: SolveParams
) -> tuple[SelectionData, SelectionSolution]:
    """With supervisors.csv, the best selection a supervision plan exists for
    (``matcher.selection_plan``); else ``data`` and ``solution`` as they are."""
    if not solution.solved or not instance.supervisors:
        return data, solution
    from matcher.selection_plan import keep_plannable

    return keep_plannable(instance, data, solution, solve_selection, params)


def _unsolved_rows(facts: SelectionFacts) -> list[SelectionRow]:
    return [
        SelectionRow(c.id, v.eligible, False, None, v.reason or text("reason_unsolved"))
        for c, v in zip(facts.commissions, facts.eligibility, strict=True)
    ]


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


def _near_misses(facts: SelectionFacts) -> list[Text]:
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


def _selectable(facts: SelectionFacts, mask: np.ndarray) -> tuple[int, int]:
    """Most proposals of ``mask`` selectable under the institution cap, and institutions."""
    data = facts.data
    per_institution = np.bincount(data.institution_idcs[mask], minlength=data.num_institutions)
    return (
        int(np.minimum(per_institution, data.max_per_institution).sum()),
        int((per_institution > 0).sum()),
    )


def _crowded_institutions(facts: SelectionFacts, mask: np.ndarray) -> Listing:
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


def _diagnose(facts: SelectionFacts, conflicts: list[list[str]] | None) -> list[Text]:
    """Sentences explaining which rules conflict, with ids, names, slots and counts."""
    if conflicts is None:
        return [text("diag_sel_not_isolated")]
    sentences: list[Text] = []
    for conflict in conflicts:
        sentences += [s for s in _explain_conflict(facts, conflict) if s not in sentences]
    return sentences


def _explain_conflict(facts: SelectionFacts, conflict: list[str]) -> list[Text]:
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
    facts: SelectionFacts, families: set[str], includes: list[int]
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


def _too_few_sentences(facts: SelectionFacts, families: set[str]) -> list[Text]:
    """Too few proposals to fill the places: how many are eligible (or received), how many
    institutions they span, which institutions crowd, which proposals nearly qualify."""
    data, count, cap = facts.data, facts.data.count, facts.data.max_per_institution
    sentences: list[Text] = []
    if not data.eligible.all():
        # The count (and cap) may conflict without the proposals that are not eligible,
        # but the numbers said are those of the eligible ones: "only 4 can be selected"
        # would be false when one of the 4 could not be (an acceptance probe, session 24).
        families = families | {FAMILY_AVAILABILITY}
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


def _describe_family(facts: SelectionFacts, family: str) -> Text:
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
