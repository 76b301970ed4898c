"""Exact answers to a wish from the assignments a few moves away, without CP-SAT (§9).

A wish places ``student`` in ``team``; ``base`` is the current result with that one move.
The *neighbourhood* of the wish is every assignment with the wish in which at most two
other students changed team:

- level 0: ``base`` itself (nobody else moves);
- level 1: ``base`` and one other student ``j`` moved to any team ``u``: **every** such
  assignment is evaluated at once, from arrays (sizes, conflicts, pins, apart pairs,
  no-isolation, and every priority updated incrementally: ``_single_moves``);
- level 2 (witnesses only, not every such assignment): a first move forced by the sizes
  (a member of a team over its maximum leaves it, for a team under its minimum when there
  is one; or someone joins a team under its minimum), at most
  ``MAX_LEVEL2_FIRST_MOVES`` of them, each followed by every second move; and each
  together pair moved as one (``_evaluate``).

Because levels 0 and 1 are complete, the fewest others moved among the assignments of
the neighbourhood that satisfy a condition is the exact fewest overall as soon as one is
found at level 0, 1 or 2 (none at a lower level exists anywhere). Two conditions answer
wishes exactly (``Neighbourhood.free`` and ``Neighbourhood.costs``):

- ``free``: every priority at most its current value; ``displaced`` = its movers;
- ``costs`` at stage ``p``, once the solver has proven that no assignment with the wish
  keeps the priorities up to ``p`` at their values (on a proven optimum): a witness
  keeping the priorities before ``p`` and with ``p`` at ``V_p + 1`` proves ``value_if =
  V_p + 1`` (priorities are integers), and its movers are the fewest.

Ties (several assignments with the same fewest movers) are broken deterministically: the
lowest level, then the first in the order of enumeration (level 1: the mover's index,
then the team's index; level 2: the first move in that order, then the second, then the
together pairs).
A student in a together pair is not tried (the pair would move as one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from models import interrupt
from models.budget import Budget
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules, objective_values, window_gaps

BoolArray = NDArray[np.bool_]

#: Level 2 tries at most this many first moves per wish (each with every second move:
#: about a millisecond on 200 x 33). Level 2 only supplies witnesses, so stopping early
#: never makes an answer wrong, only rarer.
MAX_LEVEL2_FIRST_MOVES = 12

#: The priorities this module evaluates (``moves`` is the count of movers itself).
PRIORITIES = ("worst_choice", "balance", "choices", "experience", "whatif_moves")

#: Counted work of these checks (``models.budget`` units, issues 14 and 17): cells (one
#: student of one candidate, or one student-team pair of ``_single_moves``) times passes
#: (priorities, balance groups, no-isolation groups) per unit. Measured at 10,000 x 1,667
#: (12 balance groups) on the reference machine, load 2: ``cheap_answer``'s chains 140-160 M
#: per CPU second (five wishes, 45-72 CPU s each), ``_single_moves`` 44-58 M
#: (``benchmarks/results/2026-12-04/explain-10000.md``).
EVALUATED_CELLS_PER_UNIT = 140_000_000
SINGLE_MOVE_CELLS_PER_UNIT = 50_000_000


def _passes(data: TeamData, names: Sequence[str]) -> int:
    return len(names) + len(data.balance_groups) + len(data.isolation_groups)


def evaluation_units(data: TeamData, names: Sequence[str], rows: int) -> float:
    """Units ``evaluate_assignments`` of ``rows`` candidates costs."""
    return rows * data.num_students * _passes(data, names) / EVALUATED_CELLS_PER_UNIT


@dataclass(frozen=True)
class _Context:
    """What every single-move evaluation of one cohort shares."""

    data: TeamData
    names: tuple[str, ...]
    #: Students that may change team alone: not pinned, not in a together pair.
    may_move: BoolArray
    #: (N, G) membership of each balance group, and the groups' windows (G, 1).
    balance_members: IntArray
    floors: IntArray
    ceils: IntArray
    #: One (N,) mask per no-isolation group.
    isolation: tuple[BoolArray, ...]
    experience: IntArray
    experience_total: int


def evaluation_context(data: TeamData, names: Sequence[str]) -> object:
    """What ``evaluate_assignments`` shares between calls on ``data`` and ``names``."""
    return _context(data, names)


def _context(data: TeamData, names: Sequence[str]) -> _Context:
    n = data.num_students
    may_move = data.pinned_or_none() < 0
    for a, b in data.together:
        may_move[a] = may_move[b] = False
    groups = data.balance_groups
    members = np.zeros((n, len(groups)), dtype=np.int64)
    for g, group in enumerate(groups):
        members[list(group.member_idcs), g] = 1
    floors = np.array([group.floor for group in groups], dtype=np.int64).reshape(-1, 1)
    ceils = np.array([group.ceil for group in groups], dtype=np.int64).reshape(-1, 1)
    isolation = []
    for group in data.isolation_groups:
        mask = np.zeros(n, dtype=bool)
        mask[list(group.member_idcs)] = True
        isolation.append(mask)
    experience = data.experience_or_zero().astype(np.int64)
    return _Context(
        data,
        tuple(names),
        np.asarray(may_move),
        members,
        floors,
        ceils,
        tuple(isolation),
        experience,
        int(experience.sum()),
    )


def _single_moves(c: _Context, base: IntArray, frozen: BoolArray) -> tuple[BoolArray, IntArray]:
    """Every assignment one move (student ``j`` to team ``u``) away from ``base``.

    ``base`` may break the sizes, apart pairs or no-isolation (not the other rules);
    ``frozen`` students do not move. Returns ``ok`` (N, K): the assignment keeps every
    hard rule, and ``keys`` (P, N, K): its priorities in ``c.names`` order (meaningful
    where ``ok``). The same values as ``keeps_hard_rules`` and ``objective_values``
    (``tests/test_wish_witness.py`` checks them against each other).
    """
    data = c.data
    n, k = data.num_students, data.num_teams
    rows = np.arange(n)
    teams = np.arange(k)
    a = base
    sizes = np.bincount(base, minlength=k)
    out = (sizes < data.size_min) | (sizes > data.size_max)
    left = sizes[a] - 1
    ok_leave = (left >= data.size_min[a]) & (left <= data.size_max[a])
    ok_join = (sizes + 1 >= data.size_min) & (sizes + 1 <= data.size_max)
    rest_out = int(out.sum()) - out[a].astype(np.int64)[:, None] - out.astype(np.int64)[None, :]
    ok = ok_leave[:, None] & ok_join[None, :] & (rest_out == 0)
    ok &= (c.may_move & ~frozen)[:, None]
    ok &= ~data.conflict
    ok[rows, a] = False
    if data.apart:
        partners = np.zeros((n, k), dtype=np.int64)
        broken = 0
        for x, y in data.apart:
            partners[x, base[y]] += 1
            partners[y, base[x]] += 1
            broken += int(base[x] == base[y])
        ok &= (broken - partners[rows, a][:, None] + partners) == 0
    if c.isolation:
        bad = 0
        delta = np.zeros((n, k), dtype=np.int64)
        for mask in c.isolation:
            counts = np.bincount(base[mask], minlength=k)
            bad += int((counts == 1).sum())
            at_a = counts[a]
            leave = (at_a - 1 == 1).astype(np.int64) - (at_a == 1)
            join = (counts + 1 == 1).astype(np.int64) - (counts == 1)
            delta += mask[:, None] * (leave[:, None] + join[None, :])
        ok &= (bad + delta) == 0
    keys = np.zeros((len(c.names), n, k), dtype=np.int64)
    ranks = data.ranks
    here = ranks[rows, a]
    for p, name in enumerate(c.names):
        if name == "worst_choice":
            if n > 1:
                order = np.argsort(here, kind="stable")
                others = np.full(n, here[order[-1]], dtype=np.int64)
                others[order[-1]] = here[order[-2]]
            else:
                others = np.zeros(n, dtype=np.int64)
            keys[p] = np.maximum(others[:, None], ranks)
        elif name == "choices":
            keys[p] = int(here.sum()) - here[:, None] + ranks
        elif name == "balance":
            if c.balance_members.shape[1] == 0:
                continue
            onehot = np.zeros((n, k), dtype=np.int64)
            onehot[rows, a] = 1
            counts = c.balance_members.T @ onehot
            gaps = window_gaps(counts, c.floors, c.ceils)
            leave_d = window_gaps(counts - 1, c.floors, c.ceils) - gaps
            join_d = window_gaps(counts + 1, c.floors, c.ceils) - gaps
            leave_part = (c.balance_members * leave_d[:, a].T).sum(axis=1)
            keys[p] = int(gaps.sum()) + leave_part[:, None] + c.balance_members @ join_d
        elif name == "experience":
            total = c.experience_total
            if total <= 0:
                continue
            e = c.experience
            sums = np.bincount(base, weights=e, minlength=k).astype(np.int64)
            gaps_t = np.abs(n * sums - sizes * total)
            at_a = np.abs(n * (sums[a] - e) - (sizes[a] - 1) * total)
            at_u = np.abs(n * (sums[None, :] + e[:, None]) - (sizes[None, :] + 1) * total)
            rest = np.zeros((n, k), dtype=np.int64)
            filled = np.zeros((n, k), dtype=bool)
            for t in np.argsort(-gaps_t, kind="stable")[:3]:
                take = (a != t)[:, None] & (teams != t)[None, :] & ~filled
                rest = np.where(take, gaps_t[t], rest)
                filled |= take
            keys[p] = np.maximum(rest, np.maximum(at_a[:, None], at_u))
        elif name == "whatif_moves":
            # Students off their team before the what-if (``TeamData.base``), j moved to u.
            before = data.base_or_none()
            had = before >= 0
            off = had & (a != before)
            keys[p] = (
                int(off.sum()) - off[:, None] + (had[:, None] & (teams[None, :] != before[:, None]))
            )
        else:
            raise ValueError(f"unknown priority {name!r}")
    return ok, keys


#: A condition on candidates: keys (P, ...) -> mask (...).
Accept = Callable[[IntArray], BoolArray]


class Neighbourhood:
    """The assignments with the wish a few moves away (module doc), built level by level
    on demand; ``values`` are the priorities (in order) and their current values."""

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        current: IntArray,
        student: int,
        team: int,
        *,
        max_level2: int = MAX_LEVEL2_FIRST_MOVES,
        budget: Budget | None = None,
    ) -> None:
        self.names = tuple(name for name, _ in values)
        self.now = np.array([value for _, value in values], dtype=np.int64)
        self.student = student
        self.current = current
        self.max_level2 = max_level2
        #: False when the student is in a together pair (nothing is tried), or the wish
        #: breaks their own conflict of interest or pin (the pre-checks' ``impossible``).
        pin = int(data.pinned_or_none()[student])
        self.usable = (
            not any(student in pair for pair in data.together)
            and set(self.names) <= set(PRIORITIES)
            and not data.conflict[student, team]
            and pin in (-1, team)
        )
        self._c = _context(data, self.names)
        base = current.copy()
        base[student] = team
        self.base = base
        self._level1: tuple[BoolArray, IntArray] | None = None
        self._level2: tuple[IntArray, BoolArray, IntArray] | None = None
        #: Assignments evaluated (for the benchmarks).
        self.evaluated = 0
        #: Charged each level before it is built (``BudgetSpent`` when it does not fit).
        self.budget = budget

    def _key(self, team_of: IntArray) -> IntArray:
        found = objective_values(self._c.data, team_of)
        return np.array([found[name] for name in self.names], dtype=np.int64)

    def fewest(self, accept: Accept, levels: int = 2) -> tuple[int, IntArray] | None:
        """(others moved, assignment) of the first accepted assignment with the fewest
        others moved (exact: levels 0 and 1 are complete), or None when none of the
        neighbourhood (up to level ``levels``) is accepted."""
        if not self.usable:
            return None
        data = self._c.data
        self.evaluated += 1
        if keeps_hard_rules(data, self.base) and bool(accept(self._key(self.base))):
            return 0, self.base
        frozen = np.zeros(data.num_students, dtype=bool)
        frozen[self.student] = True
        if self._level1 is None:
            if self.budget is not None:
                cells = data.num_students * data.num_teams * _passes(data, self.names)
                self.budget.spend(cells / SINGLE_MOVE_CELLS_PER_UNIT)
            self._level1 = _single_moves(self._c, self.base, frozen)
            self.evaluated += self._level1[0].size
        ok, keys = self._level1
        hit = _first(ok & accept(keys))
        if hit is not None:
            return 1, _moved(self.base, *hit)
        if levels < 2:
            return None
        if self.budget is not None and self._level2 is None:
            cells = data.num_students * data.num_teams * _passes(data, self.names)
            self.budget.spend(self.max_level2 * cells / SINGLE_MOVE_CELLS_PER_UNIT)
        candidates, ok2, keys2 = self._second_level()
        hits = np.flatnonzero(ok2 & accept(keys2))
        if hits.size:
            return 2, candidates[int(hits[0])]
        return None

    def free(self, levels: int = 1) -> tuple[int, IntArray] | None:
        """The fewest others moved with every priority at most its current value (levels 0
        and 1 by default: level 2 costs more than the rare solves it saves, see ``costs``)."""
        return self.fewest(lambda keys: _all_within(keys, self.now), levels)

    def costs(self, stage: int, levels: int = 1) -> tuple[int, IntArray] | None:
        """After a proof that no assignment with the wish keeps the priorities up to
        ``stage`` at their values: the fewest others moved keeping those before it and
        with ``stage`` at its value + 1 (then ``value_if`` is that value; module doc).
        Levels 0 and 1 by default: on the demo and the twelve historical cohorts level 2
        answered 2 more wishes (one of them needing a check that failed) for about 0.04 s
        of CPU per cohort, more than the solves it saved."""
        target = self.now[: stage + 1].copy()
        target[stage] += 1

        def accept(keys: IntArray) -> BoolArray:
            shape = (-1,) + (1,) * (keys.ndim - 1)
            return np.asarray(np.all(keys[: stage + 1] == target.reshape(shape), axis=0))

        return self.fewest(accept, levels)

    def _second_level(self) -> tuple[IntArray, BoolArray, IntArray]:
        """Level 2 (module doc): assignments (M, N), whether each keeps the rules (M,) and
        their priorities (P, M)."""
        if self._level2 is not None:
            return self._level2
        data = self._c.data
        n, k = data.num_students, data.num_teams
        base = self.base
        movable = self._c.may_move.copy()
        movable[self.student] = False
        starts: list[IntArray] = []
        oks: list[BoolArray] = []
        keys: list[IntArray] = []
        for j, u in _forced_moves(data, base, movable)[: self.max_level2]:
            first = _moved(base, j, u)
            frozen = ~movable
            frozen[j] = True
            ok, found = _single_moves(self._c, first, frozen)
            hits = np.flatnonzero(ok)
            starts += [_moved(first, *divmod(int(h), k)) for h in hits]
            oks.append(ok.ravel()[hits])
            keys.append(found.reshape(len(self.names), -1)[:, hits])
            self.evaluated += ok.size
        pairs = []
        for x, y in data.together:
            if self.student in (x, y) or base[x] != base[y]:
                continue
            if any(p in (x, y) for pair in data.together for p in pair if pair != (x, y)):
                continue  # a group larger than a pair moves more than two
            for u in range(k):
                if u != base[x] and not data.conflict[[x, y], u].any():
                    moved = base.copy()
                    moved[[x, y]] = u
                    pairs.append(moved)
        if pairs:
            paired = np.array(pairs, dtype=np.int64)
            ok, found = _evaluate(self._c, paired)
            starts += list(paired)
            oks.append(ok)
            keys.append(found)
            self.evaluated += len(pairs)
        if not starts:
            self._level2 = (
                np.zeros((0, n), dtype=np.int64),
                np.zeros(0, dtype=bool),
                np.zeros((len(self.names), 0), dtype=np.int64),
            )
        else:
            self._level2 = (np.array(starts), np.concatenate(oks), np.concatenate(keys, axis=1))
        return self._level2


def _forced_moves(data: TeamData, team_of: IntArray, movable: BoolArray) -> list[tuple[int, int]]:
    """The single moves (j, u) that a size out of bounds in ``team_of`` forces: a member
    of a team over its maximum leaves it (for a team under its minimum if there is one),
    or someone joins a team under its minimum; none when every size is within bounds."""
    k = data.num_teams
    sizes = np.bincount(team_of, minlength=k)
    over = np.nonzero(sizes > data.size_max)[0]
    under = np.nonzero(sizes < data.size_min)[0]
    if over.size:
        leave = int(over[0])
        targets = [int(under[0])] if under.size else [u for u in range(k) if u != leave]
        return [
            (int(j), u)
            for j in np.nonzero((team_of == leave) & movable)[0]
            for u in targets
            if not data.conflict[j, u]
        ]
    if under.size:
        join = int(under[0])
        return [
            (int(j), join)
            for j in np.nonzero((team_of != join) & movable)[0]
            if not data.conflict[j, join]
        ]
    return []


def _evaluate(c: _Context, assignments: IntArray) -> tuple[BoolArray, IntArray]:
    """Whether each assignment (M, N) keeps every hard rule (M,) and its priorities (P, M),
    as ``keeps_hard_rules`` and ``objective_values``, all at once."""
    data = c.data
    m, n = assignments.shape
    k = data.num_teams
    keys = np.zeros((len(c.names), m), dtype=np.int64)
    if m == 0:
        return np.zeros(0, dtype=bool), keys
    rows = np.arange(n)
    offsets = assignments + k * np.arange(m)[:, None]
    sizes = np.bincount(offsets.ravel(), minlength=m * k).reshape(m, k)
    ok = np.all((sizes >= data.size_min) & (sizes <= data.size_max), axis=1)
    ok &= ~data.conflict[rows, assignments].any(axis=1)
    pinned = data.pinned_or_none()
    ok &= np.all((pinned < 0) | (assignments == pinned), axis=1)
    for a, b in data.apart:
        ok &= assignments[:, a] != assignments[:, b]
    for a, b in data.together:
        ok &= assignments[:, a] == assignments[:, b]
    for mask in c.isolation:
        counts = np.bincount(offsets[:, mask].ravel(), minlength=m * k).reshape(m, k)
        ok &= ~np.any(counts == 1, axis=1)
    ranks = data.ranks[rows, assignments]
    for p, name in enumerate(c.names):
        interrupt.checkpoint()
        if name == "worst_choice":
            keys[p] = ranks.max(axis=1, initial=0)
        elif name == "choices":
            keys[p] = ranks.sum(axis=1)
        elif name == "balance":
            total = np.zeros(m, dtype=np.int64)
            for g in range(c.balance_members.shape[1]):
                interrupt.checkpoint()
                members = c.balance_members[:, g].astype(bool)
                counts = np.bincount(offsets[:, members].ravel(), minlength=m * k).reshape(m, k)
                total += window_gaps(counts, c.floors[g, 0], c.ceils[g, 0]).sum(axis=1)
            keys[p] = total
        elif name == "experience" and c.experience_total > 0:
            weights = np.tile(c.experience, m)
            sums = np.bincount(offsets.ravel(), weights=weights, minlength=m * k)
            sums = sums.reshape(m, k).astype(np.int64)
            keys[p] = np.abs(n * sums - sizes * c.experience_total).max(axis=1)
        elif name == "whatif_moves":
            before = data.base_or_none()
            keys[p] = ((assignments != before) & (before >= 0)).sum(axis=1)
    return ok, keys


def evaluate_assignments(
    data: TeamData, names: Sequence[str], assignments: IntArray, context: object = None
) -> tuple[BoolArray, IntArray]:
    """Whether each assignment (M, N) keeps every hard rule (M,) and its priorities in
    ``names`` order (P, M): the values of ``keeps_hard_rules`` and ``objective_values``,
    all at once when every name is one of ``PRIORITIES`` (``cheap_answer``'s chains), else
    one by one. ``context``: ``evaluation_context(data, names)`` built once for several
    calls (at 10,000 students, rebuilt for each batch: 2 s of a wish's 179)."""
    if set(names) <= set(PRIORITIES):
        c = context if isinstance(context, _Context) else _context(data, names)
        return _evaluate(c, assignments)
    ok = np.array([keeps_hard_rules(data, a) for a in assignments], dtype=bool)
    keys = np.zeros((len(names), len(assignments)), dtype=np.int64)
    for m, assignment in enumerate(assignments):
        found = objective_values(data, assignment)
        keys[:, m] = [found[name] for name in names]
    return ok, keys


def _moved(team_of: IntArray, j: int, u: int) -> IntArray:
    moved = team_of.copy()
    moved[j] = u
    return moved


def _first(mask: BoolArray) -> tuple[int, int] | None:
    flat = np.flatnonzero(mask)
    if flat.size == 0:
        return None
    j, u = divmod(int(flat[0]), mask.shape[1])
    return j, u


def _all_within(keys: IntArray, now: IntArray) -> BoolArray:
    shape = (-1,) + (1,) * (keys.ndim - 1)
    return np.asarray(np.all(keys <= now.reshape(shape), axis=0))


class KnownAssignments:
    """Assignments earlier solves returned (each keeps every rule), to start later wishes
    (``models.team_wish.WishSession.known``): any assignment with the wish that keeps the
    leading priorities at their values settles those stages, on a proven optimum.

    ``found`` collects them as they come; ``best`` evaluates the new ones at once
    (``evaluate_assignments``), duplicates dropped.
    """

    def __init__(self, data: TeamData, values: Sequence[tuple[str, int]]) -> None:
        self.data = data
        self.names = [name for name, _ in values]
        self.now = np.array([value for _, value in values], dtype=np.int64)
        self.found: list[IntArray] = []
        self._seen: set[bytes] = set()
        self._pool = np.zeros((0, data.num_students), dtype=np.int64)
        #: (M,) how many leading priorities each pooled assignment keeps at their values.
        self._settled = np.zeros(0, dtype=np.int64)

    def best(self, student: int, team: int) -> tuple[int, IntArray] | None:
        """The assignment placing ``student`` in ``team`` that keeps the most leading
        priorities at their values (the earliest found among equals), and how many; None
        when none places them there with at least the first kept."""
        fresh = []
        for team_of in self.found:
            key = team_of.tobytes()
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(team_of)
        self.found.clear()
        if fresh:
            block = np.array(fresh, dtype=np.int64)
            ok, keys = evaluate_assignments(self.data, self.names, block)
            equal = keys == self.now.reshape(-1, 1)
            # The index of the first priority not kept (all kept: their number; with no
            # priority, ``priorities = []``, every assignment keeping the rules keeps all).
            first_lost = np.argmin(equal, axis=0) if self.names else 0
            settled = np.where(equal.all(axis=0), len(self.names), first_lost)
            self._pool = np.vstack([self._pool, block])
            self._settled = np.concatenate([self._settled, np.where(ok, settled, -1)])
        # At least the first priority kept (none to keep: the rules kept).
        least = min(1, len(self.names))
        rows = np.flatnonzero((self._pool[:, student] == team) & (self._settled >= least))
        if rows.size == 0:
            return None
        chosen = int(rows[np.argmax(self._settled[rows])])
        return int(self._settled[chosen]), self._pool[chosen].copy()
