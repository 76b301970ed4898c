"""Two naive peers: a random valid assignment and a greedy choice-first assignment.

Both place "units" (a student, or a group of students to keep together) one at a time,
pinned units first, then the rest in a seeded random order, and both keep every rule they
can while doing so:

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


def assign(problem: TeamProblem, strategy: Strategy, seed: int = 0) -> list[int]:
    """Team index of every student, built unit by unit (see the module docstring)."""
    rng = random.Random(seed)
    units = _units(problem)
    rng.shuffle(units)
    # Pinned units first: their team is imposed and must not be filled up by others.
    units.sort(key=lambda unit: 0 if any(len(problem.allowed[s]) == 1 for s in unit) else 1)

    apart_of: dict[int, set[int]] = {}
    for a, b in problem.apart:
        apart_of.setdefault(a, set()).add(b)
        apart_of.setdefault(b, set()).add(a)

    num_teams = problem.num_teams
    count = [0] * num_teams
    members: list[set[int]] = [set() for _ in range(num_teams)]
    assignment = [-1] * problem.num_students
    remaining = problem.num_students
    deficit = sum(problem.size_lo)

    for unit in units:
        size = len(unit)
        allowed = set(range(num_teams))
        for s in unit:
            allowed &= set(problem.allowed[s])
        enemies = set().union(*(apart_of.get(s, set()) for s in unit))

        candidates: list[int] = []
        # Relax the rules one by one, as late as possible: apart pairs, then conflicts.
        for keep_apart, keep_allowed in ((True, True), (False, True), (False, False)):
            candidates = []
            for t in range(num_teams):
                if count[t] + size > problem.size_hi[t]:
                    continue
                if keep_allowed and t not in allowed:
                    continue
                if keep_apart and members[t] & enemies:
                    continue
                filled = min(size, max(0, problem.size_lo[t] - count[t]))
                if remaining - size >= deficit - filled:
                    candidates.append(t)
            if candidates:
                break
        if not candidates:
            # Sizes cannot all be kept: take the team with the most room, and let the
            # scorer report the size violation.
            candidates = [max(range(num_teams), key=lambda t: problem.size_hi[t] - count[t])]

        if strategy == "random":
            team = rng.choice(candidates)
        else:
            team = min(candidates, key=lambda t: (_rank_cost(problem, unit, t), rng.random()))

        deficit -= min(size, max(0, problem.size_lo[team] - count[team]))
        remaining -= size
        count[team] += size
        for s in unit:
            members[team].add(s)
            assignment[s] = team
    return assignment


def _rank_cost(problem: TeamProblem, unit: list[int], team: int) -> int:
    """Sum of the unit's choice ranks on a team (students without choices count 0)."""
    total = 0
    for s in unit:
        ranks = problem.ranks[s]
        if ranks is not None:
            total += ranks[team]
    return total
