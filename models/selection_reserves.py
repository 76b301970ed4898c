"""Stage 1's reserve list in indices: the best selection holding one proposal, a cheap
bound on it for every proposal (a swap), and the sets no supervision plan holds."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.budget import Budget
from models.selection import (
    PRIORITIES,
    BoolArray,
    SelectionData,
    SelectionModel,
    Vector,
    tuned,
)
from models.solve import SolveParams, Status, solve_lexicographic

__all__ = ["best_selection_with", "keeps_no_goods", "swap_vectors"]


def best_selection_with(
    data: SelectionData,
    proposal_idx: int,
    params: SolveParams,
    hint: BoolArray | None = None,
    settled: Vector = (),
    budget: Budget | None = None,
) -> tuple[Status, BoolArray | None]:
    """Best selection holding ``proposal_idx`` (or one alike), by its priority vector.

    ``settled`` gives the optimal values of the first priorities when the caller
    already knows them (e.g. a swap reaches the unconstrained optimum on them): they
    are imposed and only the later priorities are searched.
    Returns the status of the search and the selection (``None`` when no such selection
    exists, INFEASIBLE, or none was found within the time limit, UNKNOWN); its vector is
    ``vector_of(data, selection)``. CP-SAT's deterministic time is charged to ``budget``
    when given.
    """
    selection = SelectionModel(data)
    selection.require_group_of(proposal_idx)
    if hint is not None:
        selection.hint(hint)
    objectives = selection.objectives()
    for objective, value in zip(objectives, settled, strict=False):
        selection.model.add(objective.expr == value)
    remaining = objectives[len(settled) :]
    lex = solve_lexicographic(selection.model, remaining, tuned(params))
    if budget is not None:
        budget.charge(lex.work)
    if lex.solution is None:
        return lex.status, None
    return lex.status, selection.decode(lex.solution)


def keeps_no_goods(data: SelectionData, selected: BoolArray) -> bool:
    """Whether ``selected`` holds no set of ``data.no_goods`` whole (proposals alike by
    ``interchangeable_groups`` counting as one another) and the pairs of one town that
    ``data.close_pairs`` asks."""
    close = data.close_idcs
    if close is not None and data.close_pairs > 0:
        held_close = np.bincount(close[selected & (close >= 0)], minlength=int(close.max()) + 1)
        if int((held_close // 2).sum()) < data.close_pairs:
            return False
    if not data.no_goods:
        return True
    group_of = np.zeros(data.num_proposals, dtype=np.int64)
    for g, members in enumerate(data.interchangeable_groups()):
        group_of[members] = g
    held = np.bincount(group_of[selected], minlength=data.num_proposals)
    for cut in data.no_goods:
        need = np.bincount(group_of[list(cut)], minlength=data.num_proposals)
        if bool((held >= need).all()):
            return False
    return True


def swap_vectors(
    data: SelectionData, selected: BoolArray, candidate_idcs: Sequence[int]
) -> list[tuple[Vector, int] | None]:
    """For each candidate, the best vector reached by swapping it for one selected proposal.

    A swap keeps every rule: the removed proposal is not an include, the institution cap
    holds afterwards, and so do the team sizes when the selection has them. This is a
    lower bound on ``best_vector_with`` computed without a solver (vectorised over the
    selected proposals), so it scales to thousands of proposals. Each entry is ``(vector,
    removed proposal index)`` or ``None``.
    """
    sel_idcs = np.flatnonzero(selected)
    sector_count = np.bincount(data.sector_idcs[sel_idcs], minlength=data.num_sectors)
    type_count = np.bincount(data.problem_type_idcs[sel_idcs], minlength=data.num_problem_types)
    inst_count = np.bincount(data.institution_idcs[sel_idcs], minlength=data.num_institutions)
    largest = int(sector_count.max()) if len(sel_idcs) else 0
    num_largest = int((sector_count == largest).sum())
    total = int(data.priority[sel_idcs].sum())
    num_sectors = int((sector_count > 0).sum())
    num_types = int((type_count > 0).sum())

    includes = np.zeros(data.num_proposals, dtype=bool)
    includes[list(data.include_idcs)] = True
    removable = sel_idcs[~includes[sel_idcs]]
    q_sector = data.sector_idcs[removable]
    q_type = data.problem_type_idcs[removable]
    q_inst = data.institution_idcs[removable]
    q_prio = data.priority[removable]
    # The sizes of the teams the selection swapped would host hold the students (the
    # selection's own rule, ``add_team_sizes``; probe s35a: a swap breaking it ranked a
    # reserve first, « could improve the selection », and a what-if took it in).
    sizes = data.team_sizes
    if sizes is not None:
        lows, highs = int(sizes[sel_idcs, 0].sum()), int(sizes[sel_idcs, 1].sum())
        q_low, q_high = sizes[removable, 0], sizes[removable, 1]
    # Largest sector count after removing q alone.
    q_largest = np.where(
        (sector_count[q_sector] == largest) & (num_largest == 1), largest - 1, largest
    )

    results: list[tuple[Vector, int] | None] = []
    for p in candidate_idcs:
        s, t, i, r = (
            int(data.sector_idcs[p]),
            int(data.problem_type_idcs[p]),
            int(data.institution_idcs[p]),
            int(data.priority[p]),
        )
        feasible = inst_count[i] + 1 - (q_inst == i) <= data.max_per_institution
        if sizes is not None:
            low, high = lows - q_low + int(sizes[p, 0]), highs - q_high + int(sizes[p, 1])
            feasible &= (low <= data.num_students) & (high >= data.num_students)
        if not feasible.any():
            results.append(None)
            continue
        same_sector = q_sector == s
        same_type = q_type == t
        values = {
            "sectors": num_sectors
            - ((sector_count[q_sector] == 1) & ~same_sector)
            + int(sector_count[s] == 0) * ~same_sector,
            "problem_types": num_types
            - ((type_count[q_type] == 1) & ~same_type)
            + int(type_count[t] == 0) * ~same_type,
            "sector_spread": np.where(
                same_sector, largest, np.maximum(q_largest, sector_count[s] + 1)
            ),
            "priority": total - q_prio + r,
        }
        keep = np.flatnonzero(feasible)
        for name in data.priorities:
            column = np.asarray(values[name])[keep]
            best = column.max() if PRIORITIES[name] == "max" else column.min()
            keep = keep[column == best]
        q = int(keep[0])
        vector = tuple(int(np.broadcast_to(values[n], feasible.shape)[q]) for n in data.priorities)
        results.append((vector, int(removable[q])))
    return results
