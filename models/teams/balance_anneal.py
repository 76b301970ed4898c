"""Balance by simulated annealing over swaps and moves, within the worst choice.

Balance violations are a sum over (value, team) of a count's distance to a window that
does not depend on the assignment (``floor(N_v/K)``, ``ceil(N_v/K)``), so a swap of two
students (or a move of one, where team sizes allow) changes only the two teams' terms.
Candidates are drawn in batches by a seeded generator and evaluated at once with numpy;
improving and level ones are applied, worsening ones with a probability that falls as
the search goes on (the temperature), as long as no two applied in a batch touch the same
team. Each batch is counted work (``work.swap_units``), so the search is the same on every
machine. It stops once the violations meet a proven lower bound (the flows'
``balance_lower_bound``): the balance stage is then proven at once; or after
``_PATIENCE`` temperature sweeps without a new best, or when its budget is spent.

Only students that local search may move (``TeamData.movable``: not pinned, paired or
previously placed) move, each only to teams it may join (conflicts of interest, ranks up
to the worst choice); sizes stay within their bounds and no-isolation groups never get a
single member, so every hard rule the start kept still holds. Ranks break ties: among
moves that keep the violations, those that lower the sum of ranks are taken first.
"""

from __future__ import annotations

import numpy as np

from models.budget import Budget
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules
from models.teams.work import swap_units

#: Candidates drawn per batch (2,000 x 200, 22 units: 1,024 reached the violations 256
#: reached in 30 % less CPU; 4,096 fewer of them).
_BATCH = 1_024
#: ``swap_units`` assume a numpy pass per swap target; a batch here is one vectorised pass
#: for all its candidates, about three times cheaper per cell (measured: 22 units charged
#: at that rate in 6.3 CPU s).
_CHEAPER = 3.0
#: Temperature at the start and at the end (violations): exp(-1/T) is the chance of
#: taking a swap that adds one violation.
_HOT, _COLD = 0.6, 0.05
#: A level swap (violations unchanged) that adds r to the sum of ranks is taken with
#: chance exp(-_LEVEL * r).
_LEVEL = 0.5
#: Share of each batch drawn from the students of teams with violations (2,000 x 200,
#: 8 units: 0.5 left all-proposals at 2 and skewed at 30, 0.7 reached 0 and 23).
_FROM_BAD = 0.7
#: Batches per temperature sweep (the temperature falls from hot to cold, then again),
#: per student (2,000 students: 6,000 batches), and at least this many.
_SWEEP_PER_STUDENT = 3
_MIN_SWEEP = 50
#: Sweeps in a row without a new best after which the search stops.
_PATIENCE = 2


def anneal_balance(
    data: TeamData,
    team_of: IntArray,
    max_rank: int | None,
    lower_bound: int,
    seed: int,
    budget: Budget,
) -> IntArray:
    """An assignment with at most ``team_of``'s balance violations (a new array).

    ``team_of`` must keep every hard rule (else it is returned as it is); so does the
    result, with no rank beyond ``max_rank`` (or ``team_of``'s worst). Stops once the
    violations reach ``lower_bound`` or ``budget`` is spent; returns the best met.
    """
    best = team_of.copy()
    if not data.balance_groups or data.num_teams < 2 or not keeps_hard_rules(data, team_of):
        return best
    state = _State(data, team_of, max_rank)
    value = state.violations()
    best_value = value
    rng = np.random.default_rng(seed)
    sweep = max(_MIN_SWEEP, _SWEEP_PER_STUDENT * data.num_students)
    batch = last_best = 0
    units = swap_units(_BATCH, len(state.member) + len(state.isolation)) / _CHEAPER
    while best_value > lower_bound and budget.left() > 0:
        if batch - last_best > _PATIENCE * sweep:
            break
        budget.charge(units)
        phase = (batch % sweep) / sweep
        temperature = _HOT * (_COLD / _HOT) ** phase
        value += state.step(rng, temperature)
        batch += 1
        if value < best_value:
            best_value, last_best = value, batch
            best = state.team_of.copy()
    return best


class _State:
    """An assignment with its counts per (value, team), sizes and move options."""

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
        movable = data.movable() & self.allowed.any(axis=1)
        self.movers = students[movable]
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

    def step(self, rng: np.random.Generator, temperature: float) -> int:
        """Draw a batch, apply the accepted candidates; the change of violations."""
        movers = self.movers
        if len(movers) == 0:
            return 0
        pick = rng.integers(0, len(movers), _BATCH)
        # Part of the batch starts from a student of a team with violations.
        bad = self._gaps(self.counts).sum(axis=0) > 0
        in_bad = np.nonzero(bad[self.team_of[movers]])[0]
        if len(in_bad):
            half = int(_BATCH * _FROM_BAD)
            pick[:half] = in_bad[rng.integers(0, len(in_bad), half)]
        first = movers[pick]
        column = (rng.random(_BATCH) * self.width[pick]).astype(np.int64)
        target = self.choices[pick, column]
        source = self.team_of[first]
        # A partner in the target team: a random mover there allowed in the source team,
        # or none (a move) where sizes allow.
        partner = self._partners(rng, target, source)
        valid = target != source
        is_move = partner < 0
        valid &= ~is_move | (
            (self.sizes[source] > self.size_min[source])
            & (self.sizes[target] < self.size_max[target])
        )
        second = np.where(is_move, first, partner)
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
        if len(self.isolation):
            iso_moved: IntArray = np.asarray(
                self.isolation[:, first] - keep * self.isolation[:, second], np.int64
            )
            lonely = (self.iso_counts[:, source] - iso_moved == 1) | (
                self.iso_counts[:, target] + iso_moved == 1
            )
            valid &= ~lonely.any(axis=0)
        draw = rng.random(_BATCH)
        accept = valid & (
            (change < 0)
            | ((change == 0) & (draw < np.exp(-_LEVEL * np.maximum(rank_change, 0))))
            | ((change > 0) & (draw < np.exp(-np.maximum(change, 0) / temperature)))
        )
        total = 0
        touched = np.zeros(self.num_teams, dtype=bool)
        for idx in np.nonzero(accept)[0].tolist():
            t_a, t_b = int(source[idx]), int(target[idx])
            if touched[t_a] or touched[t_b]:
                continue
            touched[t_a] = touched[t_b] = True
            i = int(first[idx])
            self.team_of[i] = t_b
            self.counts[:, t_a] -= moved[:, idx]
            self.counts[:, t_b] += moved[:, idx]
            if len(self.isolation):
                self.iso_counts[:, t_a] -= iso_moved[:, idx]
                self.iso_counts[:, t_b] += iso_moved[:, idx]
            if is_move[idx]:
                self.sizes[t_a] -= 1
                self.sizes[t_b] += 1
            else:
                self.team_of[int(second[idx])] = t_a
            total += int(change[idx])
        return total

    def _partners(self, rng: np.random.Generator, target: IntArray, source: IntArray) -> IntArray:
        """A random mover of each target team allowed in the source team, else -1."""
        # Members of every team, padded with -1: rebuilt per batch (N is small).
        order = np.argsort(self.team_of, kind="stable")
        teams_sorted = self.team_of[order]
        starts = np.searchsorted(teams_sorted, np.arange(self.num_teams))
        ends = np.searchsorted(teams_sorted, np.arange(self.num_teams), side="right")
        width = ends[target] - starts[target]
        offset = (rng.random(len(target)) * np.maximum(width, 1)).astype(np.int64)
        candidate = order[np.minimum(starts[target] + offset, len(order) - 1)]
        ok = (width > 0) & self.movable[candidate] & self.allowed[candidate, source]
        ok &= self.team_of[candidate] == target
        # Some moves (no partner) where team sizes may change.
        flexible = (self.size_max > self.size_min).any()
        if flexible:
            ok &= rng.random(len(target)) >= 0.25
        return np.where(ok, candidate, -1)
