"""Local search on assignments: repair pairs, then swap students for balance and ranks.

Swaps keep every team's size, conflicts of interest and pins, and never give a student a
rank worse than the assignment's worst, so a start optimal for ``worst_choice`` stays so.
They feed CP-SAT good incumbents; nothing here claims optimality.
"""

from __future__ import annotations

import numpy as np

from models.budget import Budget
from models.teams.data import BoolArray, IntArray, TeamData, joined_groups
from models.teams.evaluate import window_gaps
from models.teams.work import swap_units

#: Score of a swap that is not allowed.
_NEVER = np.iinfo(np.int64).max
#: Added to the cost of a repair swap per rank it gives a student above the start's worst
#: (above any change of the sum of ranks a swap can make).
_ABOVE_WORST = 1 << 40


class _Partners:
    """Apart pairs as arrays: who may trade places without joining a partner."""

    def __init__(self, num_students: int, pairs: tuple[tuple[int, int], ...]) -> None:
        self.first = np.array([a for a, _ in pairs], dtype=np.int64)
        self.second = np.array([b for _, b in pairs], dtype=np.int64)
        self.num_students = num_students
        self.of: dict[int, list[int]] = {}
        for a, b in pairs:
            self.of.setdefault(a, []).append(b)
            self.of.setdefault(b, []).append(a)

    def count_in(self, team_of: IntArray, team: int) -> IntArray:
        """(N,) how many apart partners of each student are in ``team``."""
        found = np.zeros(self.num_students, dtype=np.int64)
        if self.first.size:
            np.add.at(found, self.first[team_of[self.second] == team], 1)
            np.add.at(found, self.second[team_of[self.first] == team], 1)
        return found

    def may_swap(
        self, goer: int, comers: IntArray, team_of: IntArray, partners_here: IntArray
    ) -> BoolArray:
        """Whether ``goer`` and each of ``comers`` may trade places: neither joins a partner
        (the other, leaving, does not count)."""
        mine = self.of.get(goer, [])
        is_partner = np.isin(comers, mine) if mine else np.zeros(comers.size, dtype=bool)
        ok = partners_here[comers] - is_partner == 0
        for p in mine:
            ok &= (team_of[comers] != team_of[p]) | (comers == p)
        return np.asarray(ok)


def repair_pairs(data: TeamData, team_of: IntArray) -> None:
    """Swap students so an assignment keeps together and apart pairs (sizes unchanged).

    A hint that breaks one pair can leave a single CP-SAT worker without any solution on
    large cohorts, so a flow's answer is repaired greedily: each misplaced student trades
    places with an unconstrained student allowed in both teams, the one whose rank changes
    least. Students tied by together pairs, directly or through others (a chain a-b, b-c),
    join one team as a group: a pinned member's, else the members' team every member may
    join with the least sum of ranks (pair by pair, a chain's later pair undid an earlier
    one: 12 of 180 together pairs broken on 1,000 students with chains of four). A student
    of an apart pair who is in a together group is not moved alone.
    """
    pinned = data.pinned_or_none()
    allowed = ~data.conflict
    ranks = data.ranks
    students = np.arange(data.num_students)
    grouped = np.zeros(data.num_students, dtype=bool)
    groups = joined_groups(data.num_students, data.together)
    for group in groups:
        grouped[group] = True
    # A student of an apart pair may trade places unless it would join its partner.
    apart = _Partners(data.num_students, data.apart)
    fixed = (pinned >= 0) | grouped

    def swap_into(student_idx: int, team_idx: int) -> None:
        source = int(team_of[student_idx])
        if pinned[student_idx] >= 0 or not allowed[student_idx, team_idx]:
            return
        if any(team_of[p] == team_idx for p in apart.of.get(student_idx, ())):
            return
        candidates = students[(team_of == team_idx) & ~fixed & allowed[:, source]]
        candidates = candidates[candidates != student_idx]
        if apart.of:
            here = apart.count_in(team_of, source)
            candidates = candidates[apart.may_swap(student_idx, candidates, team_of, here)]
        if candidates.size:
            cost = ranks[candidates, source] - ranks[candidates, team_idx]
            other = int(candidates[np.argmin(cost)])
            team_of[other], team_of[student_idx] = source, team_idx

    # Groups with a pinned member first: their team is forced, so they take its free
    # places before other groups fill it (a pinned group then found no one to trade with).
    for group in sorted(groups, key=lambda g: not (pinned[g] >= 0).any()):
        held = [int(pinned[i]) for i in group if pinned[i] >= 0]
        target = held[0] if held else _group_team(group, team_of, fixed, allowed, ranks)
        for i in group:
            if team_of[i] != target:
                swap_into(i, target)
    for a, b in data.apart:
        if team_of[a] == team_of[b]:
            free_a, free_b = pinned[a] < 0 and not grouped[a], pinned[b] < 0 and not grouped[b]
            if not (free_a or free_b):
                continue
            mover = b if free_b else a
            options = [t for t in range(data.num_teams) if t != team_of[a] and allowed[mover, t]]
            if options:
                best = min(options, key=lambda t: int(ranks[mover, t]))
                swap_into(mover, best)


def _group_team(
    group: list[int], team_of: IntArray, fixed: BoolArray, allowed: BoolArray, ranks: IntArray
) -> int:
    """The team a together group joins: among its members' teams, then every team, one
    that every member may join and that holds enough students free to trade places with
    those coming (groups gathered in one team fill it with students who cannot move), with
    the least sum of the members' ranks."""
    free = np.bincount(team_of[~fixed], minlength=allowed.shape[1])
    members = np.asarray(group)

    def fits(t: int) -> bool:
        coming = int((team_of[members] != t).sum())
        return bool(allowed[members, t].all()) and int(free[t]) >= coming

    own = sorted({int(team_of[i]) for i in group})
    options = [t for t in own if fits(t)] or [t for t in range(allowed.shape[1]) if fits(t)]
    return min(options or own, key=lambda t: int(ranks[members, t].sum()))


def repair_isolation(data: TeamData, team_of: IntArray, max_swaps: int | None = None) -> None:
    """Swap students so that no team holds exactly one member of a no-isolation group
    (sizes, conflicts of interest, pins and pairs kept: pinned students and together groups
    stay, students of apart pairs move where no partner of theirs is).

    A flow's start ignores the rule; on large cohorts CP-SAT alone may then find no
    assignment within the time limit (10,000 students with ``vae=yes``: none in 44 s), and
    without a valid start there is nothing to fall back on. Greedy: for each team with a
    lone member, either that member joins a team holding others of its group, or a member
    of a team holding three or more (or one alone) joins it, each by a swap with a
    non-member. Among the swaps leaving fewer lone members (over every group), the one
    giving no one a rank above the start's worst, else the least above it, then raising
    the sum of ranks least, is made; cells needing a rank above the worst wait until no
    other is left. Stops when none is left, or when no swap helps (CP-SAT then repairs).
    """
    groups = data.isolation_groups
    if not groups:
        return
    num_students, num_teams = data.num_students, data.num_teams
    member = np.zeros((len(groups), num_students), dtype=np.int64)
    for g_idx, group in enumerate(groups):
        member[g_idx, list(group.member_idcs)] = 1
    # Students of together groups stay (a group moves as one); those of apart pairs move
    # where no partner of theirs is.
    movable = data.pinned_or_none() < 0
    for first, second in data.together:
        movable[first] = movable[second] = False
    apart = _Partners(num_students, data.apart)
    # A together group with a lone member, in a team where no one else may move, moves as
    # one in exchange for as many students of no pair and no pin.
    together = {i: g for g in joined_groups(num_students, data.together) for i in g}
    free = movable.copy()
    free[list(apart.of)] = False
    allowed = ~data.conflict
    ranks = data.ranks
    counts = np.stack([np.bincount(team_of, weights=m, minlength=num_teams) for m in member])
    counts = counts.astype(np.int64)
    limit = max_swaps if max_swaps is not None else 4 * int((counts == 1).sum()) + 4

    # The start's worst choice is its flow's optimum: a swap giving either student a worse
    # rank comes after every swap that does not.
    worst = int(ranks[np.arange(num_students), team_of].max(initial=0))
    # First only swaps giving no one a rank above the worst, then any.
    for within_worst in (True, False):
        stuck: set[tuple[int, int]] = set()
        for _ in range(limit):
            cells = [(int(g), int(t)) for g, t in np.argwhere(counts == 1)]
            cell = next((c for c in cells if c not in stuck), None)
            if cell is None:
                break
            single = _isolation_swap(
                cell, team_of, counts, member, movable, allowed, ranks, worst, apart
            )
            swap = (
                ([single[0]], [single[1]], single[2])
                if single is not None
                else _group_swap(
                    cell,
                    team_of,
                    counts,
                    member,
                    free,
                    allowed,
                    ranks,
                    worst,
                    together,
                    data.pinned_or_none(),
                    apart,
                )
            )
            if swap is None or (within_worst and swap[2] >= _ABOVE_WORST):
                stuck.add(cell)
                continue
            goers, comers, _ = swap
            t_a, t_b = int(team_of[goers[0]]), int(team_of[comers[0]])
            team_of[goers], team_of[comers] = t_b, t_a
            moved = member[:, goers].sum(axis=1) - member[:, comers].sum(axis=1)
            counts[:, t_a] -= moved
            counts[:, t_b] += moved


def _isolation_swap(
    cell: tuple[int, int],
    team_of: IntArray,
    counts: IntArray,
    member: IntArray,
    movable: BoolArray,
    allowed: BoolArray,
    ranks: IntArray,
    worst: int,
    apart: _Partners,
) -> tuple[int, int, int] | None:
    """The swap (goer leaving the cell's team, comer joining it, its cost) that leaves
    fewer lone members over every group, gives no one a rank above ``worst`` if it can
    (else the least above it: its cost counts ``_ABOVE_WORST`` per rank above), and raises
    the sum of ranks least; None when none leaves fewer lone members."""
    g_idx, team = cell
    inside = team_of == team
    in_group = member[g_idx] == 1
    elsewhere = movable & ~inside & allowed[:, team]
    held = counts[g_idx, team_of]
    # The lone member leaves for a team holding others of its group, a non-member coming
    # back; or a non-member leaves for a team holding three or more of the group, or one
    # alone too, one of them coming.
    options = (
        (np.nonzero(inside & in_group & movable)[0], elsewhere & ~in_group & (held >= 1)),
        (
            np.nonzero(inside & ~in_group & movable)[0],
            elsewhere & in_group & ((held >= 3) | (held == 1)),
        ),
    )
    best: tuple[int, int, int] | None = None  # (cost, goer, comer)
    # Apart partners of each student in ``team`` (a comer must have none there but the goer).
    partners_here = apart.count_in(team_of, team)
    for goers, comer_mask in options:
        comers = np.nonzero(comer_mask)[0]
        if not goers.size or not comers.size:
            continue
        for goer in (int(x) for x in goers):
            ok = allowed[goer, team_of[comers]]
            ok &= apart.may_swap(goer, comers, team_of, partners_here)
            if not ok.any():
                continue
            cand = comers[ok]
            where = team_of[cand]
            moved = member[:, [goer]] - member[:, cand]  # (G, C): what leaves ``team``
            before = (counts[:, [team]] == 1).sum(axis=0) + (counts[:, where] == 1).sum(axis=0)
            after = ((counts[:, [team]] - moved) == 1).sum(axis=0) + (
                (counts[:, where] + moved) == 1
            ).sum(axis=0)
            cost = ranks[goer, where] - ranks[goer, team] + ranks[cand, team] - ranks[cand, where]
            above = np.maximum(ranks[goer, where], ranks[cand, team]) - worst
            cost = cost + _ABOVE_WORST * np.maximum(above, 0)
            cost = np.where(after < before, cost, _NEVER)
            pick = int(np.argmin(cost))
            if cost[pick] != _NEVER and (best is None or int(cost[pick]) < best[0]):
                best = (int(cost[pick]), goer, int(cand[pick]))
    return None if best is None else (best[1], best[2], best[0])


def _group_swap(
    cell: tuple[int, int],
    team_of: IntArray,
    counts: IntArray,
    member: IntArray,
    free: BoolArray,
    allowed: BoolArray,
    ranks: IntArray,
    worst: int,
    together: dict[int, list[int]],
    pinned: IntArray,
    apart: _Partners,
) -> tuple[list[int], list[int], int] | None:
    """The cell's lone member and its together group, none pinned, all in the cell's team,
    traded for as many ``free`` non-members of a team holding others of the group (those
    whose ranks change least): (the group, those students, the cost as
    ``_isolation_swap``'s), the cheapest that leaves fewer lone members; None if none."""
    g_idx, team = cell
    lone = np.nonzero((team_of == team) & (member[g_idx] == 1))[0]
    group = together.get(int(lone[0])) if lone.size == 1 else None
    if group is None or (team_of[group] != team).any() or (pinned[group] >= 0).any():
        return None
    order = np.argsort(team_of, kind="stable")
    starts = np.searchsorted(team_of[order], np.arange(counts.shape[1] + 1))
    best: tuple[list[int], list[int], int] | None = None
    for u in (int(x) for x in np.nonzero(counts[g_idx] >= 1)[0]):
        if u == team or not allowed[group, u].all():
            continue
        if apart.count_in(team_of, u)[group].any():
            continue  # a member would join its apart partner
        there = order[starts[u] : starts[u + 1]]
        singles = there[free[there] & (member[g_idx, there] == 0) & allowed[there, team]]
        if singles.size < len(group):
            continue
        change = ranks[singles, team] - ranks[singles, u]
        chosen = singles[np.argsort(change, kind="stable")[: len(group)]]
        moved = member[:, group].sum(axis=1) - member[:, chosen].sum(axis=1)
        before = int((counts[:, team] == 1).sum() + (counts[:, u] == 1).sum())
        after = int(((counts[:, team] - moved) == 1).sum() + ((counts[:, u] + moved) == 1).sum())
        if after >= before:
            continue
        new_ranks = np.concatenate([ranks[group, u], ranks[chosen, team]])
        cost = int(new_ranks.sum() - ranks[group, team].sum() - ranks[chosen, u].sum())
        cost += _ABOVE_WORST * max(int(new_ranks.max()) - worst, 0)
        if best is None or cost < best[2]:
            best = ([int(i) for i in group], [int(j) for j in chosen], cost)
    return best


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
