"""Local search on assignments: repair pairs, then swap students for balance and ranks.

Swaps keep every team's size, conflicts of interest and pins, and never give a student a
rank worse than the assignment's worst, so a start optimal for ``worst_choice`` stays so.
They feed CP-SAT good incumbents; nothing here claims optimality.
"""

from __future__ import annotations

import numpy as np

from models.budget import Budget
from models.teams.data import BoolArray, IntArray, TeamData
from models.teams.evaluate import window_gaps
from models.teams.work import swap_units

#: Score of a swap that is not allowed.
_NEVER = np.iinfo(np.int64).max


def repair_pairs(data: TeamData, team_of: IntArray) -> None:
    """Swap students so an assignment keeps together and apart pairs (sizes unchanged).

    A hint that breaks one pair can leave a single CP-SAT worker without any solution on
    large cohorts, so a flow's answer is repaired greedily: each misplaced student trades
    places with an unconstrained student allowed in both teams, the one whose rank changes
    least.
    """
    pinned = data.pinned_or_none()
    special = pinned >= 0
    for a, b in (*data.apart, *data.together):
        special[a] = special[b] = True
    allowed = ~data.conflict
    ranks = data.ranks
    students = np.arange(data.num_students)

    def swap_into(student_idx: int, team_idx: int) -> None:
        source = int(team_of[student_idx])
        if pinned[student_idx] >= 0 or not allowed[student_idx, team_idx]:
            return
        candidates = students[(team_of == team_idx) & ~special & allowed[:, source]]
        if candidates.size:
            cost = ranks[candidates, source] - ranks[candidates, team_idx]
            other = int(candidates[np.argmin(cost)])
            team_of[other], team_of[student_idx] = source, team_idx

    for a, b in data.together:
        if team_of[a] != team_of[b]:
            if pinned[a] >= 0 or pinned[b] < 0:
                swap_into(b, int(team_of[a]))
            else:
                swap_into(a, int(team_of[b]))
    for a, b in data.apart:
        if team_of[a] == team_of[b]:
            mover = b if pinned[b] < 0 else a
            options = [t for t in range(data.num_teams) if t != team_of[a] and allowed[mover, t]]
            if options:
                best = min(options, key=lambda t: int(ranks[mover, t]))
                swap_into(mover, best)


def _violations(counts: IntArray, floor: IntArray, ceil: IntArray) -> IntArray:
    """Balance violations of count columns (groups x ...) against their windows."""
    return np.asarray(window_gaps(counts, floor, ceil).sum(axis=0), dtype=np.int64)


class Swaps:
    """Swaps of two movable students between teams, with balance counts kept up to date."""

    def __init__(self, data: TeamData, team_of: IntArray) -> None:
        groups = data.balance_groups
        num_students, num_teams = data.num_students, data.num_teams
        self.team_of = team_of
        self.member = np.zeros((len(groups), num_students), dtype=np.int64)
        for g_idx, group in enumerate(groups):
            self.member[g_idx, list(group.member_idcs)] = 1
        self.floor = np.array([g.floor for g in groups], dtype=np.int64).reshape(-1, 1)
        self.ceil = np.array([g.ceil for g in groups], dtype=np.int64).reshape(-1, 1)
        self.movable = data.movable()
        self.students = np.arange(num_students)
        self.ranks = data.ranks
        limit = int(self.ranks[self.students, team_of].max(initial=0))
        self.fits = ~data.conflict & (self.ranks <= limit)
        self.counts = np.zeros((len(groups), num_teams), dtype=np.int64)
        for g_idx in range(len(groups)):
            self.counts[g_idx] = np.bincount(
                team_of, weights=self.member[g_idx], minlength=num_teams
            ).astype(np.int64)

    def violation_change(
        self, outgoing: IntArray, incoming: IntArray, t_a: int, t_b: int, budget: Budget
    ) -> IntArray:
        """(|outgoing|, |incoming|) change of balance violations if i (in t_a) and j swap.

        The swaps evaluated are charged to ``budget`` (the counted work of the search).
        """
        budget.charge(swap_units(outgoing.size * incoming.size, len(self.member)))
        floor, ceil = self.floor[..., None], self.ceil[..., None]
        diff = self.member[:, incoming][:, None, :] - self.member[:, outgoing][:, :, None]
        new_a = self.counts[:, t_a][:, None, None] + diff
        new_b = self.counts[:, t_b][:, None, None] - diff
        before = _violations(self.counts[:, [t_a, t_b]], self.floor, self.ceil).sum()
        after = _violations(new_a, floor, ceil) + _violations(new_b, floor, ceil)
        return np.asarray(after - before, dtype=np.int64)

    def rank_change(self, outgoing: IntArray, incoming: IntArray, t_a: int, t_b: int) -> IntArray:
        """(|outgoing|, |incoming|) change of the sum of ranks if i (in t_a) and j swap."""
        ranks = self.ranks
        change = (ranks[outgoing, t_b] - ranks[outgoing, t_a])[:, None] + (
            ranks[incoming, t_a] - ranks[incoming, t_b]
        )[None, :]
        return np.asarray(change, dtype=np.int64)

    def allowed(self, outgoing: IntArray, incoming: IntArray, t_a: int, t_b: int) -> BoolArray:
        """(|outgoing|, |incoming|) whether i may join t_b and j may join t_a."""
        return np.asarray(self.fits[outgoing, t_b][:, None] & self.fits[incoming, t_a][None, :])

    def apply(self, i_idx: int, j_idx: int) -> None:
        """Swap two students' teams."""
        t_a, t_b = int(self.team_of[i_idx]), int(self.team_of[j_idx])
        self.team_of[i_idx], self.team_of[j_idx] = t_b, t_a
        moved = self.member[:, i_idx] - self.member[:, j_idx]
        self.counts[:, t_a] -= moved
        self.counts[:, t_b] += moved

    def best_swap(self, score: IntArray, outgoing: IntArray, incoming: IntArray) -> bool:
        """Apply the lowest-scoring swap unless every score is ``_NEVER``."""
        i, j = np.unravel_index(int(np.argmin(score)), score.shape)
        if score[i, j] == _NEVER:
            return False
        self.apply(int(outgoing[i]), int(incoming[j]))
        return True


def improve_balance(swaps: Swaps, budget: Budget) -> None:
    """Swap students while balance violations decrease, fewest ranks lost first.

    For each (value, team) out of its window, swaps are tried against the teams that can
    absorb the difference; the best swap of the first team that helps is applied.
    """
    counts, floor, ceil, member = swaps.counts, swaps.floor, swaps.ceil, swaps.member
    improved = True
    while improved and budget.left() > 0:
        improved = False
        bad_groups, bad_teams = np.nonzero((counts > ceil) | (counts < floor))
        for g_idx, t_a in zip(bad_groups.tolist(), bad_teams.tolist(), strict=True):
            if budget.left() <= 0:
                return
            over = counts[g_idx, t_a] > ceil[g_idx, 0]
            # Teams that can take one more (over) or give one (under) of value g_idx.
            partners = np.nonzero(
                counts[g_idx] < ceil[g_idx, 0] if over else counts[g_idx] > floor[g_idx, 0]
            )[0]
            has_g = member[g_idx] == 1
            in_a = (swaps.team_of == t_a) & swaps.movable
            outgoing = swaps.students[in_a & (has_g if over else ~has_g)]
            for t_b in partners.tolist():
                in_b = (swaps.team_of == t_b) & swaps.movable
                incoming = swaps.students[in_b & (~has_g if over else has_g)]
                if outgoing.size == 0 or incoming.size == 0:
                    continue
                change = swaps.violation_change(outgoing, incoming, t_a, t_b, budget)
                ok = swaps.allowed(outgoing, incoming, t_a, t_b) & (change < 0)
                rank_change = swaps.rank_change(outgoing, incoming, t_a, t_b)
                score = np.where(ok, change * 10_000 + rank_change, _NEVER)
                if swaps.best_swap(score, outgoing, incoming):
                    improved = True
                    break


def improve_choices(swaps: Swaps, budget: Budget) -> None:
    """Swap students while the sum of ranks decreases and balance does not get worse."""
    ranks, team_of = swaps.ranks, swaps.team_of
    improved = True
    while improved and budget.left() > 0:
        improved = False
        current = ranks[swaps.students, team_of]
        unhappy = swaps.students[swaps.movable & (current > 1)]
        for i_idx in unhappy[np.argsort(-current[unhappy], kind="stable")].tolist():
            if budget.left() <= 0:
                return
            t_a = int(team_of[i_idx])
            outgoing = np.array([i_idx])
            better = np.nonzero((ranks[i_idx] < ranks[i_idx, t_a]) & swaps.fits[i_idx])[0]
            for t_b in better[np.argsort(ranks[i_idx, better], kind="stable")].tolist():
                incoming = swaps.students[(team_of == t_b) & swaps.movable]
                if incoming.size == 0:
                    continue
                change = swaps.violation_change(outgoing, incoming, t_a, t_b, budget)
                rank_change = swaps.rank_change(outgoing, incoming, t_a, t_b)
                ok = swaps.allowed(outgoing, incoming, t_a, t_b) & (change <= 0)
                score = np.where(ok & (rank_change < 0), rank_change, _NEVER)
                if swaps.best_swap(score, outgoing, incoming):
                    improved = True
                    break


def improve_start(data: TeamData, team_of: IntArray, budget: Budget) -> None:
    """Improve an assignment in place: balance first (half the budget), then choices.

    Stops on counted work (swaps evaluated), so the result is the same on every machine.
    """
    if data.num_teams < 2 or budget.left() <= 0:
        return  # nothing to spend (Ctrl-C, the safety net): no set-up either
    swaps = Swaps(data, team_of)
    if data.balance_groups:
        improve_balance(swaps, budget.share(budget.left() / 2))
    improve_choices(swaps, budget)
