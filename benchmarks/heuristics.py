"""Two naive peers: a random valid assignment and a greedy choice-first assignment.

Both place "units" (a student, or a group of students to keep together) one at a time,
pinned units first, then groups and students with apart pairs or conflicts of interest
(bigger groups first), then the rest, each level in a seeded random order, and both keep
every rule they can while doing so:

- a unit only joins a team it may join (conflict of interest, pins) that has room;
- never a team holding someone it must be kept apart from;
- never a team when doing so would leave too few students to bring every team up to its
  minimum size (the "deficit" rule), so sizes stay within bounds whenever that is possible.

When no team satisfies all of these (rare: tight pairs or conflicts), the rules are relaxed
in the order apart pairs, then conflicts; the violations are then reported by the scorer,
never hidden. ``random`` picks uniformly among the admissible teams; ``greedy`` picks the one
with the best choice ranks for the unit (serial dictatorship in a random order), ignoring
balance altogether.
"""

from __future__ import annotations

import random
from typing import Literal

from team_problem import TeamProblem

Strategy = Literal["random", "greedy"]


def _units(problem: TeamProblem) -> list[list[int]]:
    """Groups of students to keep together (union-find over ``together`` pairs)."""
    parent = list(range(problem.num_students))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in problem.together:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(problem.num_students):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


class _Placement:
    """Teams filled so far, and which team a unit may still join."""

    def __init__(self, problem: TeamProblem) -> None:
        self.problem = problem
        self.count = [0] * problem.num_teams
        self.members: list[set[int]] = [set() for _ in range(problem.num_teams)]
        self.remaining = problem.num_students
        #: Students still needed to bring every team up to its minimum size.
        self.deficit = sum(problem.size_lo)

    def fits(self, team: int, size: int, enemies: set[int], keep_apart: bool) -> bool:
        """Room for ``size`` students, no enemy there, and minimum sizes still reachable."""
        if self.count[team] + size > self.problem.size_hi[team]:
            return False
        if keep_apart and enemies and self.members[team] & enemies:
            return False
        filled = min(size, max(0, self.problem.size_lo[team] - self.count[team]))
        return self.remaining - size >= self.deficit - filled

    def place(self, unit: list[int], team: int, assignment: list[int]) -> None:
        size = len(unit)
        self.deficit -= min(size, max(0, self.problem.size_lo[team] - self.count[team]))
        self.remaining -= size
        self.count[team] += size
        for s in unit:
            self.members[team].add(s)
            assignment[s] = team


def _random_fit(
    placement: _Placement,
    pool: list[int],
    size: int,
    enemies: set[int],
    keep_apart: bool,
    rng: random.Random,
) -> int | None:
    """A team drawn uniformly among those of ``pool`` that fit, or ``None``."""
    # Rejection sampling is uniform over the fitting teams and avoids a full scan, which
    # matters at 10,000 students and 1,667 teams; fall back to the scan when unlucky.
    for _ in range(32):
        team = rng.choice(pool)
        if placement.fits(team, size, enemies, keep_apart):
            return team
    fitting = [t for t in pool if placement.fits(t, size, enemies, keep_apart)]
    return rng.choice(fitting) if fitting else None


def _preferred(problem: TeamProblem, student: int) -> list[int]:
    """Teams the student listed among the selected ones, best first."""
    ranks = problem.ranks[student]
    if ranks is None:
        return []
    unlisted = max(ranks)
    return [t for _, t in sorted((r, t) for t, r in enumerate(ranks) if r < unlisted)]


def assign(problem: TeamProblem, strategy: Strategy, seed: int = 0) -> list[int]:
    """Team index of every student, built unit by unit (see the module docstring)."""
    rng = random.Random(seed)
    units = _units(problem)
    rng.shuffle(units)
    apart_of: dict[int, set[int]] = {}
    for a, b in problem.apart:
        apart_of.setdefault(a, set()).add(b)
        apart_of.setdefault(b, set()).add(a)

    def urgency(unit: list[int]) -> int:
        # Pinned units first (their team must not be filled up by others), then the
        # constrained ones (groups, apart pairs, conflicts), which would otherwise be the ones
        # left with only a forbidden team at the end; the order is random within each.
        if any(len(problem.allowed[s]) == 1 for s in unit):
            return 0
        constrained = len(unit) > 1 or any(
            s in apart_of or len(problem.allowed[s]) < problem.num_teams for s in unit
        )
        return 1 if constrained else 2

    # Bigger groups first within each level: they are the hardest to fit late.

    units.sort(key=lambda unit: (urgency(unit), -len(unit)))

    every_team = list(range(problem.num_teams))
    placement = _Placement(problem)
    assignment = [-1] * problem.num_students
    for unit in units:
        size = len(unit)
        allowed = set(problem.allowed[unit[0]])
        for s in unit[1:]:
            allowed &= set(problem.allowed[s])
        enemies: set[int] = set().union(*(apart_of.get(s, set()) for s in unit))

        team: int | None = None
        # Relax the rules one by one, as late as possible: apart pairs, then conflicts.
        for keep_apart, keep_allowed in ((True, True), (False, True), (False, False)):
            pool = sorted(allowed) if keep_allowed else every_team
            if not pool:
                continue
            if strategy == "greedy" and size == 1:
                # Serial dictatorship: the best listed team that fits, else any that fits
                # (every unlisted team has the same rank).
                team = next(
                    (
                        t
                        for t in _preferred(problem, unit[0])
                        if t in allowed or not keep_allowed
                        if placement.fits(t, size, enemies, keep_apart)
                    ),
                    None,
                )
                if team is None:
                    team = _random_fit(placement, pool, size, enemies, keep_apart, rng)
            elif strategy == "greedy":
                fitting = [t for t in pool if placement.fits(t, size, enemies, keep_apart)]
                if fitting:
                    team = min(fitting, key=lambda t: (_rank_cost(problem, unit, t), rng.random()))
            else:
                team = _random_fit(placement, pool, size, enemies, keep_apart, rng)
            if team is not None:
                break
        if team is None:
            # Sizes cannot all be kept: take the team with the most room, and let the
            # scorer report the size violation.
            team = max(every_team, key=lambda t: problem.size_hi[t] - placement.count[t])
        placement.place(unit, team, assignment)
    return assignment


def _rank_cost(problem: TeamProblem, unit: list[int], team: int) -> int:
    """Sum of the unit's choice ranks on a team (students without choices count 0)."""
    total = 0
    for s in unit:
        ranks = problem.ranks[s]
        if ranks is not None:
            total += ranks[team]
    return total
