"""A wish tried without CP-SAT (``cheap_answer``): the student moved in, then short chains
of moves checked from the arrays (``models.wish_witness``'s evaluation), before any solve
of ``models.team_wish.WishSession``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.budget import Budget
from models.team_wish import WishAnswer
from models.teams import TeamData
from models.teams.data import IntArray
from models.wish_witness import evaluate_assignments, evaluation_context, evaluation_units

__all__ = ["CHAIN_BATCH_ENTRIES", "cheap_answer"]


def cheap_answer(
    data: TeamData,
    values: Sequence[tuple[str, int]],
    current: IntArray,
    student: int,
    team: int,
    budget: Budget | None = None,
) -> tuple[WishAnswer | None, IntArray | None, int]:
    """A wish tried without CP-SAT: short chains of moves checked from the arrays.

    The student moves into ``team``; then possibly one member ``j`` of ``team`` leaves it
    (for the student's old team: a swap, or for another team ``u``), and then possibly one
    member of ``u`` moves into the student's old team. Moved members only go to teams they
    rank no worse than the current worst rank (or, without choices, anywhere allowed).

    Returns ``(answer, best, settled)``: ``answer`` is ``free`` when a candidate with at
    most one other student moved keeps every rule and no priority gets worse (the fewest
    possible: nobody else moving is the move alone, tried first), else None; ``best`` is
    the candidate keeping the rules with the best priorities in order, then the fewest
    moves (a start for the solves), and ``settled`` how many leading priorities it keeps
    at their values. A student with a together partner is not tried (the group would move
    with them). Each batch of candidates is charged to ``budget`` before it is evaluated
    (``BudgetSpent`` when it does not fit: at 10,000 students one wish's chains took 179 s).
    """
    if any(student in pair for pair in data.together):
        return None, None, 0
    names = [name for name, _ in values]
    now = [value for _, value in values]
    ranks = data.ranks
    conflict = data.conflict
    pinned = data.pinned_or_none()
    paired = {i for pair in (*data.together, *data.apart) for i in pair}
    everyone = np.arange(data.num_students)
    worst = int(ranks[everyone, current].max(initial=0))
    source = int(current[student])

    # may_go[j, u]: a moved member may go there (no conflict, not pinned, ranked within
    # the current worst rank, or anywhere allowed without choices).
    no_choices = ranks.max(axis=1) == 0
    may_go = ~conflict & (pinned < 0)[:, None]
    may_go &= no_choices[:, None] | ((ranks > 0) & (ranks <= worst))

    moved = current.copy()
    moved[student] = team
    # Each candidate as (j, u, k): j moves to u, then k (or nobody, -1) to the student's
    # old team; the wish alone first.
    chains: list[tuple[int, int, int]] = []
    members = [int(j) for j in np.nonzero(current == team)[0] if j != student]
    for j in members:
        if j in paired:
            continue
        for u in np.flatnonzero(may_go[j]).tolist():
            if u == team:
                continue
            chains.append((j, u, -1))
            if u == source:
                continue
            for k in np.flatnonzero((current == u) & may_go[:, source]).tolist():
                if k != j and k not in paired:
                    chains.append((j, u, k))
    # In batches of rows x students: at 10,000 students a student without choices has
    # chains through every team, and all of them at once took 15 GB.
    limit = np.array(now, dtype=np.int64).reshape(-1, 1)
    per_batch = max(1, CHAIN_BATCH_ENTRIES // max(data.num_students, 1))
    best: tuple[tuple[int, ...], IntArray] | None = None
    context = evaluation_context(data, names)
    for begin in range(0, len(chains) + 1, per_batch):
        if budget is not None:
            rows = min(begin + per_batch, len(chains) + 1) - begin
            budget.spend(evaluation_units(data, names, rows))
        assignments, displaced = _chained(moved, chains, source, begin, begin + per_batch)
        ok, keys = evaluate_assignments(data, names, assignments, context)
        # As a loop over the candidates in their order: the first one keeping the rules
        # and every priority with at most one other moved is ``free``; otherwise the best
        # keeping the rules by (priorities in order, then others moved), the first among
        # equals.
        kept = ok & np.all(keys <= limit, axis=0)
        free_at = np.flatnonzero(kept & (displaced <= 1))
        if free_at.size:
            candidate = assignments[int(free_at[0])]
            return WishAnswer("free", team_of=candidate), candidate, len(names)
        valid = np.flatnonzero(ok)
        if valid.size == 0:
            continue
        order = np.lexsort((valid, displaced[valid], *keys[::-1, valid]))
        first = int(valid[order[0]])
        key = (*keys[:, first].tolist(), int(displaced[first]))
        if best is None or key < best[0]:
            best = (key, assignments[first].copy())
    if best is None:
        return None, None, 0
    key, candidate = best
    settled = 0
    while settled < len(names) and key[settled] == now[settled]:
        settled += 1
    return None, candidate, settled


#: Entries (candidate rows x students) ``cheap_answer`` evaluates at once.
CHAIN_BATCH_ENTRIES = 2_000_000


def _chained(
    moved: IntArray, chains: Sequence[tuple[int, int, int]], source: int, begin: int, end: int
) -> tuple[IntArray, IntArray]:
    """Candidates ``begin``..``end`` of ``cheap_answer`` (0: the wish alone, then each chain
    ``(j, u, k)``) as assignments, and how many other students each moves."""
    part = chains[max(begin - 1, 0) : max(end - 1, 0)]
    alone = begin == 0
    assignments = np.tile(moved, (len(part) + alone, 1))
    displaced = np.zeros(len(part) + alone, dtype=np.int64)
    if part:
        j_u_k = np.array(part, dtype=np.int64)
        rows = np.arange(alone, len(part) + alone)
        assignments[rows, j_u_k[:, 0]] = j_u_k[:, 1]
        longer = j_u_k[:, 2] >= 0
        assignments[rows[longer], j_u_k[longer, 2]] = source
        displaced[rows] = 1 + longer
    return assignments, displaced
