"""Interchangeable students merged into counted types, and the pools of unlisted teams.

Students with the same allowed teams, ranks, group memberships and experience, and no
pair, pin or previous team, are interchangeable for every rule and priority: the model
counts them per team with one integer instead of one Boolean each.

Pools: a student without a conflict of interest, pin, pair or previous team ranks every
team they did not list alike, so they keep variables only for the teams they listed and
one "unlisted" variable that sends them to the pool of their *profile* (their balance
values and no-isolation conditions), where an integer counts the pooled students placed
in each team. Any assignment has a pooled twin of the same value, and a pooled solution
decodes into an assignment at least as good (a pooled student the pool puts in a team
they listed counts at the unlisted rank), so the optima are the same. Pools forget who
is where, so the experience priority needs a model without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.teams.data import IntArray, TeamData


@dataclass
class StudentTypes:
    """Students grouped into types; each list is indexed by type."""

    #: Student indices of each type (its first member represents it).
    members: list[list[int]]
    #: (N,) type of each student.
    type_of: IntArray
    #: Rank of the teams a pooled type did not list, or -1 for a type that is not pooled.
    exit_rank: list[int]
    #: Balance and isolation group indices the type's members belong to.
    profile: list[tuple[int, ...]]

    def pool_sizes(self) -> dict[tuple[int, ...], int]:
        """Most students each profile's pool can receive (the pooled types' sizes)."""
        sizes: dict[tuple[int, ...], int] = {}
        for type_idx, exit_rank in enumerate(self.exit_rank):
            if exit_rank >= 0:
                profile = self.profile[type_idx]
                sizes[profile] = sizes.get(profile, 0) + len(self.members[type_idx])
        return sizes


def singletons(data: TeamData) -> StudentTypes:
    """Every student their own type, none pooled."""
    num_students = data.num_students
    return StudentTypes(
        members=[[i] for i in range(num_students)],
        type_of=np.arange(num_students, dtype=np.int64),
        exit_rank=[-1] * num_students,
        profile=data.profiles(),
    )


def merge_types(data: TeamData, *, pooled: bool, max_rank: int | None) -> StudentTypes:
    """Interchangeable students merged; with ``pooled``, the types that may be pooled."""
    num_students = data.num_students
    profiles = data.profiles()
    special = np.zeros(num_students, dtype=bool)
    for a, b in (*data.apart, *data.together):
        special[a] = special[b] = True
    special |= data.pinned_or_none() >= 0
    special |= data.previous_or_none() >= 0
    special |= data.base_or_none() >= 0
    experience = data.experience_or_zero()
    key2type: dict[object, int] = {}
    types = StudentTypes([], np.zeros(num_students, dtype=np.int64), [], [])
    for i in range(num_students):
        if special[i]:
            key: object = ("single", i)
        else:
            key = (
                data.conflict[i].tobytes(),
                data.ranks[i].tobytes(),
                profiles[i],
                # A pooled model never weighs experience.
                0 if pooled else int(experience[i]),
            )
        type_idx = key2type.setdefault(key, len(types.members))
        if type_idx == len(types.members):
            types.members.append([])
            exit_rank = -1 if special[i] or not pooled else _exit_rank(data, i, max_rank)
            types.exit_rank.append(exit_rank)
            types.profile.append(profiles[i])
        types.members[type_idx].append(i)
        types.type_of[i] = type_idx
    return types


def _exit_rank(data: TeamData, student_idx: int, max_rank: int | None) -> int:
    """Rank of the teams a student did not list if they may be pooled, else -1.

    A student may be pooled when they could join any team (no conflict of interest)
    and at least two teams share their worst rank (the unlisted ones; 0 for a student
    without choices), within ``max_rank``.
    """
    if data.conflict[student_idx].any():
        return -1
    ranks = data.ranks[student_idx]
    worst = int(ranks.max(initial=0))
    if data.num_teams < 2 or int((ranks == worst).sum()) < 2:
        return -1
    if max_rank is not None and worst > max_rank:
        return -1
    return worst
