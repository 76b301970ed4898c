"""The moves of the balance annealing (``balance_anneal``): an assignment with its counts
per (value, team), and batches of candidates evaluated at once with numpy.

Candidates: swaps and moves of single students (a partner drawn among a few members of
the target team), swaps aimed at one violation, cycles of three students in three teams,
together-groups moved as blocks. Every candidate keeps every hard rule: pins (pinned
students never move), conflicts of interest and the rank limit (only allowed teams),
sizes within their bounds, apart pairs never joined, together-groups moved whole,
no-isolation groups never left with one member in a team.
"""

from __future__ import annotations

import numpy as np

from models.teams.data import BoolArray, IntArray, TeamData, joined_groups
from models.teams.work import swap_units

#: Candidates drawn per batch (2,000 x 200, 22 units: 1,024 reached the violations 256
#: reached in 30 % less CPU; 4,096 fewer of them).
_BATCH = 1_024
#: ``swap_units`` assume a numpy pass per swap target; a batch here is one vectorised pass
#: for all its candidates, about three times cheaper per cell (measured: 22 units charged
#: at that rate in 6.3 CPU s).
_CHEAPER = 3.0
#: A level swap (violations unchanged) that adds r to the sum of ranks is taken with
#: chance exp(-_LEVEL * r).
_LEVEL = 0.5
#: Share of each batch drawn from the students of teams with violations (2,000 x 200,
#: 8 units: 0.5 left all-proposals at 2 and skewed at 30, 0.7 reached 0 and 23).
_FROM_BAD = 0.7
#: Members of the target team tried, per candidate, as its partner: the first that may
#: join the source team is taken (one draw wasted most candidates towards teams that few
#: students listed).
_PARTNER_TRIES = 8
#: Together-groups drawn per batch, each moved as a block (with as many partners back).
_BLOCKS = 4
#: Counted cells of a candidate's partner tries, of a three-student cycle, of a repair
#: and of one block candidate (a Python pass), against the 1 of a single candidate:
#: set so that a unit costs the CPU time it cost before these moves (2,000 x 200 side by
#: side: 1.0-1.1 CPU s per unit before, 1.27-1.37 with the first charges).
_PARTNER_CELLS = 0.5
_CYCLE_CELLS = 6
_REPAIR_CELLS = 1
_BLOCK_CELLS = 256
#: Three-student cycles drawn per batch (i to j's team, j to k's, k to i's).
_CYCLES = 256
#: Swaps of each batch aimed at a violation (``_repairs``), in place of random ones.
_REPAIRS = 128


def _together_blocks(data: TeamData) -> list[list[int]]:
    """Students tied by together pairs, directly or through others (groups of 2 or more)."""
    return joined_groups(data.num_students, data.together)


class MoveState:
    """An assignment with its counts per (value, team), sizes and move options.

    Movers are students neither pinned, previously placed nor tied by a together pair;
    a student of an apart pair moves only where its partner is not. Together-groups whose
    members are all free otherwise move as blocks (``_block_step``).
    """

    def __init__(self, data: TeamData, team_of: IntArray, max_rank: int | None) -> None:
        num_students, num_teams = data.num_students, data.num_teams
        self.num_teams = num_teams
        self.team_of = team_of.copy()
        groups = data.balance_groups
        self.member = np.zeros((len(groups), num_students), dtype=np.int64)
        for g_idx, group in enumerate(groups):
            self.member[g_idx, list(group.member_idcs)] = 1
        self.floor = np.array([g.floor for g in groups], dtype=np.int64)[:, None]
        self.ceil = np.array([g.ceil for g in groups], dtype=np.int64)[:, None]
        self.isolation = np.zeros((len(data.isolation_groups), num_students), dtype=np.int64)
        for g_idx, group in enumerate(data.isolation_groups):
            self.isolation[g_idx, list(group.member_idcs)] = 1
        students = np.arange(num_students)
        ranks = data.ranks
        limit = int(ranks[students, team_of].max(initial=0)) if max_rank is None else max_rank
        self.allowed = data.allowed_pairs(limit)
        self.ranks = ranks
        free = (data.pinned_or_none() < 0) & (data.previous_or_none() < 0)
        blocks = _together_blocks(data)
        tied = np.zeros(num_students, dtype=bool)
        for members in blocks:
            tied[members] = True
        # Apart partners of each student, padded with -1 (a student may have several).
        partners: list[list[int]] = [[] for _ in range(num_students)]
        for first, second in data.apart:
            partners[first].append(second)
            partners[second].append(first)
        self.apart = np.full((num_students, max(map(len, partners), default=0)), -1, np.int64)
        for i, row in enumerate(partners):
            self.apart[i, : len(row)] = row
        movable = free & ~tied & self.allowed.any(axis=1)
        self.movers = students[movable]
        # Together-groups that may move as one: every member free, some team for all.
        self.blocks = [
            np.array(members, dtype=np.int64)
            for members in blocks
            if free[members].all() and self.allowed[members].all(axis=0).sum() > 1
        ]
        # Each mover's allowed teams, padded by repeating the first (uniform enough).
        options = self.allowed[self.movers]
        widths = options.sum(axis=1)
        self.width = widths
        self.choices = np.zeros((len(self.movers), int(widths.max(initial=1))), dtype=np.int64)
        rows, cols = np.nonzero(options)
        order = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.int64)
        self.choices[rows, np.arange(len(rows)) - order[rows]] = cols
        self.size_min, self.size_max = data.size_min, data.size_max
        self.sizes = np.bincount(self.team_of, minlength=num_teams)
        self.counts = self._count(self.member)
        self.iso_counts = self._count(self.isolation)
        self.movable = np.zeros(num_students, dtype=bool)
        self.movable[self.movers] = True
        self.mover_index = np.full(num_students, -1, dtype=np.int64)
        self.mover_index[self.movers] = np.arange(len(self.movers))

    def batch_units(self) -> float:
        """Counted work of one ``step``: the batch's candidates against every group, each
        partner tried ``_PARTNER_TRIES`` times, and the block candidates."""
        groups = len(self.member) + len(self.isolation)
        cells = _BATCH * (1 + _PARTNER_CELLS) + _CYCLES * _CYCLE_CELLS
        cells += _REPAIRS * _REPAIR_CELLS
        cells += _BLOCKS * _BLOCK_CELLS if self.blocks else 0
        return swap_units(int(cells), groups) / _CHEAPER

    def _count(self, member: IntArray) -> IntArray:
        counts = np.zeros((len(member), self.num_teams), dtype=np.int64)
        for g_idx in range(len(member)):
            counts[g_idx] = np.bincount(
                self.team_of, weights=member[g_idx], minlength=self.num_teams
            ).astype(np.int64)
        return counts

    def _gaps(self, counts: IntArray) -> IntArray:
        floor = self.floor.reshape(self.floor.shape + (1,) * (counts.ndim - 2))
        ceil = self.ceil.reshape(floor.shape)
        return np.asarray(np.maximum(0, np.maximum(counts - ceil, floor - counts)), np.int64)

    def violations(self) -> int:
        return int(self._gaps(self.counts).sum())

    def _accept(
        self,
        rng: np.random.Generator,
        change: IntArray,
        rank_change: IntArray,
        temperature: float,
        polish: bool,
    ) -> BoolArray:
        """Which candidates to take: the annealing's rule, or (``polish``) only those that
        add no violation and lower the ranks or remove a violation."""
        if polish:
            return np.asarray((change < 0) | ((change == 0) & (rank_change < 0)))
        draw = rng.random(len(change))
        hot = max(temperature, 1e-9)
        return np.asarray(
            (change < 0)
            | ((change == 0) & (draw < np.exp(-_LEVEL * np.maximum(rank_change, 0))))
            | ((change > 0) & (draw < np.exp(-np.maximum(change, 0) / hot)))
        )

    def step(self, rng: np.random.Generator, temperature: float, polish: bool = False) -> int:
        """Draw a batch, apply the accepted candidates; the change of violations (or, when
        ``polish``, the number of candidates applied)."""
        movers = self.movers
        total = applied = 0
        if len(movers):
            total, applied = self._single_step(rng, temperature, polish)
            cycle_total, cycle_applied = self._cycle_step(rng, temperature, polish)
            total += cycle_total
            applied += cycle_applied
        if self.blocks:
            block_total, block_applied = self._block_step(rng, temperature, polish)
            total += block_total
            applied += block_applied
        return applied if polish else total

    def _single_step(
        self, rng: np.random.Generator, temperature: float, polish: bool
    ) -> tuple[int, int]:
        """Swaps and moves of single students; (change of violations, applied)."""
        movers = self.movers
        pick = rng.integers(0, len(movers), _BATCH)
        # Part of the batch starts from a student of a team with violations.
        bad = self._gaps(self.counts).sum(axis=0) > 0
        in_bad = np.nonzero(bad[self.team_of[movers]])[0]
        if len(in_bad) and not polish:
            half = int(_BATCH * _FROM_BAD)
            pick[:half] = in_bad[rng.integers(0, len(in_bad), half)]
        first = movers[pick]
        column = (rng.random(_BATCH) * self.width[pick]).astype(np.int64)
        target = self.choices[pick, column]
        source = self.team_of[first]
        # A partner in the target team: a random mover there allowed in the source team,
        # or none (a move) where sizes allow.
        partner = self._partners(rng, target, source)
        valid = np.ones(_BATCH, dtype=bool)
        if not polish:
            repair = self._repairs(rng)
            if repair is not None:
                # The repairs replace the batch's last candidates.
                size = len(repair[0])
                first[-size:], target[-size:], partner[-size:] = repair
                source = self.team_of[first]
                valid[-size:] = repair[0] >= 0
                first = np.maximum(first, 0)
        valid &= target != source
        is_move = partner < 0
        valid &= ~is_move | (
            (self.sizes[source] > self.size_min[source])
            & (self.sizes[target] < self.size_max[target])
        )
        second = np.where(is_move, first, partner)
        # Apart pairs: neither student joins a partner (unless that partner is the one
        # leaving in the swap).
        valid &= self._apart_free(first, target, np.where(is_move, -1, second))
        valid &= is_move | self._apart_free(second, source, first)
        keep = (~is_move).astype(np.int64)
        moved: IntArray = np.asarray(
            self.member[:, first] - keep * self.member[:, second], np.int64
        )
        old = self._gaps(self.counts[:, source]) + self._gaps(self.counts[:, target])
        new = self._gaps(self.counts[:, source] - moved) + self._gaps(
            self.counts[:, target] + moved
        )
        change = (new - old).sum(axis=0)
        rank_change = (
            self.ranks[first, target]
            - self.ranks[first, source]
            + np.where(is_move, 0, self.ranks[second, source] - self.ranks[second, target])
        )
        iso_moved: IntArray = np.zeros((len(self.isolation), _BATCH), dtype=np.int64)
        if len(self.isolation):
            iso_moved = np.asarray(
                self.isolation[:, first] - keep * self.isolation[:, second], np.int64
            )
            valid &= ~self._lonely(iso_moved, source, target)
        accept = valid & self._accept(rng, change, rank_change, temperature, polish)
        total = applied = 0
        touched = np.zeros(self.num_teams, dtype=bool)
        for idx in np.nonzero(accept)[0].tolist():
            t_a, t_b = int(source[idx]), int(target[idx])
            if touched[t_a] or touched[t_b]:
                continue
            touched[t_a] = touched[t_b] = True
            moving = [int(first[idx])] if is_move[idx] else [int(first[idx]), int(second[idx])]
            self._apply(
                moving,
                [t_b] if is_move[idx] else [t_b, t_a],
                moved[:, idx],
                iso_moved[:, idx],
                t_a,
                t_b,
                1 if is_move[idx] else 0,
            )
            total += int(change[idx])
            applied += 1
        return total, applied

    def _apply(
        self,
        students: list[int],
        teams: list[int],
        moved: IntArray,
        iso_moved: IntArray,
        source: int,
        target: int,
        size_change: int,
    ) -> None:
        """Put each of ``students`` in its team of ``teams``: ``moved`` (per group) leave
        ``source`` for ``target``, and ``size_change`` students more than come back."""
        for student, team in zip(students, teams, strict=True):
            self.team_of[student] = team
        self.counts[:, source] -= moved
        self.counts[:, target] += moved
        if len(self.isolation):
            self.iso_counts[:, source] -= iso_moved
            self.iso_counts[:, target] += iso_moved
        self.sizes[source] -= size_change
        self.sizes[target] += size_change

    def _lonely(self, iso_moved: IntArray, source: IntArray, target: IntArray) -> BoolArray:
        """Candidates that would leave a no-isolation group with one member in a team."""
        lonely = (self.iso_counts[:, source] - iso_moved == 1) | (
            self.iso_counts[:, target] + iso_moved == 1
        )
        return np.asarray(lonely.any(axis=0))

    def _apart_free(
        self, students: IntArray, teams: IntArray, leaving: IntArray | None = None
    ) -> BoolArray:
        """Whether none of each student's apart partners is in the matching team, but for
        the matching student of ``leaving`` (its swap partner, who leaves that team)."""
        if self.apart.shape[1] == 0:
            return np.ones(len(students), dtype=bool)
        partners = self.apart[students]
        clash = (partners >= 0) & (self.team_of[np.maximum(partners, 0)] == teams[:, None])
        if leaving is not None:
            clash &= partners != leaving[:, None]
        return np.asarray(~clash.any(axis=1))

    def _block_step(
        self, rng: np.random.Generator, temperature: float, polish: bool
    ) -> tuple[int, int]:
        """Together-groups moved as blocks to another team they may all join, with as
        many movers of that team back (or none, where sizes allow); one at a time."""
        total = applied = 0
        for b_idx in rng.integers(0, len(self.blocks), _BLOCKS).tolist():
            block = self.blocks[b_idx]
            source = int(self.team_of[block[0]])
            options = np.nonzero(self.allowed[block].all(axis=0))[0]
            target = int(options[rng.integers(0, len(options))])
            size = len(block)
            if target == source or not self._apart_free(block, np.full(size, target)).all():
                continue
            back = self._block_partners(rng, source, target, size)
            if back is None:
                continue
            moving = np.concatenate([block, back])
            moved = self.member[:, block].sum(axis=1) - self.member[:, back].sum(axis=1)
            # As (G, 1) columns: ``_gaps`` broadcasts the windows over candidates.
            at_source, at_target = self.counts[:, [source]], self.counts[:, [target]]
            new = self._gaps(at_source - moved[:, None]) + self._gaps(at_target + moved[:, None])
            old = self._gaps(at_source) + self._gaps(at_target)
            change = np.array([int((new - old).sum())])
            rank_change = np.array(
                [
                    int(self.ranks[block, target].sum() - self.ranks[block, source].sum())
                    + int(self.ranks[back, source].sum() - self.ranks[back, target].sum())
                ]
            )
            iso_moved = self.isolation[:, block].sum(axis=1) - self.isolation[:, back].sum(axis=1)
            if (
                len(self.isolation)
                and self._lonely(iso_moved[:, None], np.array([source]), np.array([target])).any()
            ):
                continue
            if not self._accept(rng, change, rank_change, temperature, polish)[0]:
                continue
            teams = [target] * size + [source] * len(back)
            self._apply(moving.tolist(), teams, moved, iso_moved, source, target, size - len(back))
            total += int(change[0])
            applied += 1
        return total, applied

    def _block_partners(
        self, rng: np.random.Generator, source: int, target: int, size: int
    ) -> IntArray | None:
        """``size`` movers of ``target`` that may join ``source`` (no apart partner
        there); none when the sizes allow the block alone (drawn a quarter of the time);
        None if neither is possible."""
        alone = (
            self.sizes[source] - size >= self.size_min[source]
            and self.sizes[target] + size <= self.size_max[target]
        )
        if alone and rng.random() < 0.25:
            return np.zeros(0, dtype=np.int64)
        members = np.nonzero(self.team_of == target)[0]
        members = members[self.movable[members] & self.allowed[members, source]]
        members = members[self._apart_free(members, np.full(len(members), source))]
        if len(members) < size:
            return np.zeros(0, dtype=np.int64) if alone else None
        return np.asarray(rng.choice(members, size, replace=False), dtype=np.int64)

    def _repairs(self, rng: np.random.Generator) -> tuple[IntArray, IntArray, IntArray] | None:
        """Swaps aimed at one violation each (first, target, partner; first -1 where none
        was found): for a value over its window in a team, one of its holders there with
        a non-holder of a team below the window's top; under it, a non-holder there with a
        holder of a team above the window's floor. Random swaps rarely pair the two teams
        once few violations are left (2,000 x 200 skewed: 16-18 against a bound of 0)."""
        gaps = self._gaps(self.counts)
        groups, teams = np.nonzero(gaps)
        if len(groups) == 0:
            return None
        count = _REPAIRS
        which = rng.integers(0, len(groups), count)
        group, source = groups[which], teams[which]
        over = self.counts[group, source] > self.ceil[group, 0]
        # Teams that can take one more holder (over) or spare one (under), drawn at random.
        drawn = rng.integers(0, self.num_teams, (count, _PARTNER_TRIES))
        room = np.where(
            over[:, None],
            self.counts[group[:, None], drawn] < self.ceil[group],
            self.counts[group[:, None], drawn] > self.floor[group],
        )
        room &= drawn != source[:, None]
        target = drawn[np.arange(count), room.argmax(axis=1)]
        found = room.any(axis=1)
        # Better: a team where the same value lies on the other side of its window.
        keys = groups * 2 + (self.counts[groups, teams] > self.ceil[groups, 0])
        order = np.argsort(keys, kind="stable")
        wanted = group * 2 + ~over
        lo = np.searchsorted(keys[order], wanted)
        hi = np.searchsorted(keys[order], wanted, side="right")
        opposite = hi > lo
        at = lo + (rng.random(count) * np.maximum(hi - lo, 1)).astype(np.int64)
        target = np.where(opposite, teams[order][np.minimum(at, len(order) - 1)], target)
        found |= opposite
        # The one leaving the bad team holds the value (over) or not (under); the partner
        # the opposite, and may join the bad team.
        first = self._draw_members(rng, source, target, (group, over))
        partner = self._draw_members(rng, target, source, (group, ~over), like=first)
        found &= (first >= 0) & (partner >= 0)
        return np.where(found, first, -1), target, np.where(found, partner, 0)

    def _draw_members(
        self,
        rng: np.random.Generator,
        teams: IntArray,
        joining: IntArray | None,
        holding: tuple[IntArray, BoolArray] | None = None,
        like: IntArray | None = None,
    ) -> IntArray:
        """A random mover of each of ``teams`` allowed in the matching team of ``joining``
        (any, if None) and, with ``holding`` (group, whether), holding that group's value
        or not, else -1: the first of ``_PARTNER_TRIES`` members drawn (with ``like``,
        the one sharing most values with the matching student: a swap of two students
        alike but for one value moves only that value)."""
        # Members of every team, as runs of a sort: rebuilt per batch (N is small).
        order = np.argsort(self.team_of, kind="stable")
        teams_sorted = self.team_of[order]
        starts = np.searchsorted(teams_sorted, np.arange(self.num_teams))
        ends = np.searchsorted(teams_sorted, np.arange(self.num_teams), side="right")
        width = (ends[teams] - starts[teams])[:, None]
        offset = (rng.random((len(teams), _PARTNER_TRIES)) * np.maximum(width, 1)).astype(np.int64)
        candidate = order[np.minimum(starts[teams][:, None] + offset, len(order) - 1)]
        ok = (width > 0) & self.movable[candidate] & (self.team_of[candidate] == teams[:, None])
        if joining is not None:
            ok &= self.allowed[candidate, joining[:, None]]
        if holding is not None:
            group, whether = holding
            ok &= (self.member[group[:, None], candidate] == 1) == whether[:, None]
        pick = ok.argmax(axis=1)
        if like is not None:
            unlike = np.abs(
                self.member[:, candidate] - self.member[:, np.maximum(like, 0)][:, :, None]
            ).sum(axis=0)
            pick = np.where(ok, unlike, np.iinfo(np.int64).max).argmin(axis=1)
        chosen = candidate[np.arange(len(teams)), pick]
        return np.where(ok.any(axis=1), chosen, -1)

    def _partners(self, rng: np.random.Generator, target: IntArray, source: IntArray) -> IntArray:
        """A random mover of each target team allowed in the source team, else -1 (a
        move, where sizes allow: also a quarter of the time when team sizes may vary)."""
        found = self._draw_members(rng, target, source)
        if (self.size_max > self.size_min).any():
            found = np.where(rng.random(len(target)) >= 0.25, found, -1)
        return found

    def _cycle_step(
        self, rng: np.random.Generator, temperature: float, polish: bool
    ) -> tuple[int, int]:
        """Cycles of three movers in three teams: i joins j's team, j joins k's, k joins
        i's (sizes unchanged). Where the windows are narrow a single swap must match
        every other attribute of its two students; a cycle spreads the change over three
        teams (2,000 x 200 skewed: the swaps stalled at 16-18 violations against 0)."""
        movers, count = self.movers, _CYCLES
        pick = rng.integers(0, len(movers), count)
        bad = self._gaps(self.counts).sum(axis=0) > 0
        in_bad = np.nonzero(bad[self.team_of[movers]])[0]
        if len(in_bad) and not polish:
            half = int(count * _FROM_BAD)
            pick[:half] = in_bad[rng.integers(0, len(in_bad), half)]
        first = movers[pick]
        home = self.team_of[first]
        mid = self.choices[pick, (rng.random(count) * self.width[pick]).astype(np.int64)]
        second = self._draw_members(rng, mid, None)
        valid = second >= 0
        at = np.maximum(self.mover_index[np.maximum(second, 0)], 0)
        last = self.choices[at, (rng.random(count) * self.width[at]).astype(np.int64)]
        third = self._draw_members(rng, last, home)
        valid &= (third >= 0) & (home != mid) & (mid != last) & (last != home)
        second, third = np.maximum(second, 0), np.maximum(third, 0)
        # Apart pairs: nobody joins a partner, unless that partner leaves the team.
        valid &= self._apart_free(first, mid, second)
        valid &= self._apart_free(second, last, third)
        valid &= self._apart_free(third, home, first)
        teams = (home, mid, last)
        # Per team of the cycle: who arrives minus who leaves.
        arrive, leave = (third, first, second), (first, second, third)
        change = np.zeros(count, dtype=np.int64)
        deltas = []
        for team, comer, goer in zip(teams, arrive, leave, strict=True):
            delta = self.member[:, comer] - self.member[:, goer]
            deltas.append(delta)
            counts = self.counts[:, team]
            change += (self._gaps(counts + delta) - self._gaps(counts)).sum(axis=0)
            if len(self.isolation):
                iso = self.iso_counts[:, team] + self.isolation[:, comer] - self.isolation[:, goer]
                valid &= ~(iso == 1).any(axis=0)
        rank_change = (
            self.ranks[first, mid] - self.ranks[first, home]
            + self.ranks[second, last] - self.ranks[second, mid]
            + self.ranks[third, home] - self.ranks[third, last]
        )  # fmt: skip
        accept = valid & self._accept(rng, change, rank_change, temperature, polish)
        total = applied = 0
        touched = np.zeros(self.num_teams, dtype=bool)
        for idx in np.nonzero(accept)[0].tolist():
            cycle = [int(team[idx]) for team in teams]
            if touched[cycle].any():
                continue
            touched[cycle] = True
            for student, team in zip(leave, (mid, last, home), strict=True):
                self.team_of[int(student[idx])] = int(team[idx])
            for team, comer, goer, delta in zip(cycle, arrive, leave, deltas, strict=True):
                self.counts[:, team] += delta[:, idx]
                if len(self.isolation):
                    self.iso_counts[:, team] += (
                        self.isolation[:, int(comer[idx])] - self.isolation[:, int(goer[idx])]
                    )
            total += int(change[idx])
            applied += 1
        return total, applied
