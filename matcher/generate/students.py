"""Invented students with the programme's proportions (backgrounds, VAE, employment, gender,
experience), their ranked choices skewed towards popular proposals, and a few pairs.

The draws happen in a fixed order, which the cohort of a seed depends on: what concerns the
whole cohort first, then each student in turn (name, work, choices).
"""

from __future__ import annotations

import numpy as np

from matcher.generate.commissions import institution_names
from matcher.generate.names import person_name
from matcher.generate.programme import (
    BACKGROUNDS,
    CONFLICT_SHARE,
    EMPLOYED_SHARE,
    FEMALE_SHARE,
    NO_CHOICE_SHARE,
    POPULARITY_EXPONENT,
    POPULARITY_SCALE,
    VAE_SHARE,
)
from matcher.schemas import Commission, Pair, Student


def draw_students(
    rng: np.random.Generator, num_students: int, commissions: list[Commission]
) -> list[Student]:
    """Students with the programme's proportions, employers, experience and ranked choices."""
    n = num_students
    backgrounds = _backgrounds(rng, n)
    vae = _exact_mask(rng, n, VAE_SHARE)
    employed = _exact_mask(rng, n, EMPLOYED_SHARE) | vae  # VAE presupposes sector experience
    female = rng.random(n) < FEMALE_SHARE
    conflicted = _conflicted(rng, employed)
    proposing, outside_employers = _employers(rng, n, commissions)
    popularity = _popularity(rng, len(commissions))
    no_choice = _exact_mask(rng, n, NO_CHOICE_SHARE)
    width = max(3, len(str(n)))

    students = []
    for idx in range(n):
        name = person_name(rng, bool(female[idx]))
        pool = None
        if employed[idx]:
            pool = proposing if idx in conflicted else outside_employers
        employer, experience = _work(rng, pool, bool(vae[idx]))
        choices: tuple[str, ...] = ()
        if not no_choice[idx]:
            choices = _choices(rng, commissions, popularity)
        students.append(
            Student(
                id=f"S{idx + 1:0{width}d}",
                name=name,
                background=backgrounds[idx],
                vae=bool(vae[idx]),
                employed=bool(employed[idx]),
                employer=employer,
                gender="F" if female[idx] else "M",
                experience_years=experience,
                choices=choices,
            )
        )
    return students


def draw_pairs(rng: np.random.Generator, students: list[Student]) -> list[Pair]:
    """A few disjoint pairs, alternately apart and together (no chains, no contradiction)."""
    n = len(students)
    if n < 8:
        return []
    num_pairs = max(2, round(n / 30))
    order = rng.permutation(n)[: 2 * num_pairs]
    pairs = []
    for k in range(num_pairs):
        a, b = students[int(order[2 * k])], students[int(order[2 * k + 1])]
        pairs.append(
            Pair(student_a=a.id, student_b=b.id, relation="apart" if k % 2 == 0 else "together")
        )
    return pairs


def _exact_mask(rng: np.random.Generator, size: int, share: float) -> np.ndarray:
    """A boolean mask with round(share·size) True entries at random places."""
    mask = np.zeros(size, dtype=bool)
    mask[rng.permutation(size)[: round(share * size)]] = True
    return mask


def _backgrounds(rng: np.random.Generator, n: int) -> list[str]:
    """Each student's initial training: exactly the programme's shares, in a random order."""
    labels = [b for b, _ in BACKGROUNDS]
    shares = np.array([s for _, s in BACKGROUNDS])
    counts = np.floor(shares * n).astype(int)
    counts[0] += n - counts.sum()  # the remainder goes to the largest group
    drawn = np.repeat(np.arange(len(labels)), counts)[rng.permutation(n)]
    return [labels[i] for i in drawn]


def _conflicted(rng: np.random.Generator, employed: np.ndarray) -> set[int]:
    """The employed students who work for a proposing institution (at least one from 20)."""
    employed_idcs = np.flatnonzero(employed)
    num_conflicts = round(CONFLICT_SHARE * len(employed_idcs))
    if len(employed) >= 20:
        num_conflicts = max(num_conflicts, 1)
    return set(rng.permutation(employed_idcs)[:num_conflicts].tolist())


def _employers(
    rng: np.random.Generator, n: int, commissions: list[Commission]
) -> tuple[list[str], list[str]]:
    """The proposing institutions, and invented institutions that propose nothing."""
    outside_employers = [name for name, _ in institution_names(rng, max(8, n // 4))]
    proposing = sorted({c.institution for c in commissions})
    proposing_set = set(proposing)
    outside_employers = [e for e in outside_employers if e not in proposing_set] or ["ASBL"]
    return proposing, outside_employers


def _popularity(rng: np.random.Generator, num_proposals: int) -> np.ndarray:
    """The chance of each proposal to be chosen: a few attract many choices, most some.

    The shape depends on a proposal's relative rank, so that a big cohort is as skewed as a
    year of the programme (~25 proposals), not dominated by a handful of proposals.
    """
    relative_rank = np.arange(num_proposals) * (POPULARITY_SCALE / num_proposals)
    popularity = (1.0 + relative_rank) ** -POPULARITY_EXPONENT
    popularity = popularity[rng.permutation(num_proposals)]
    popularity /= popularity.sum()
    return popularity


def _work(rng: np.random.Generator, pool: list[str] | None, vae: bool) -> tuple[str | None, int]:
    """An employer drawn from ``pool`` (``None``: not employed) and years of experience."""
    if pool is None:
        return None, int(rng.choice([0, 0, 0, 0, 1, 2]))
    employer = pool[rng.integers(len(pool))]
    low, high = (8, 26) if vae else (1, 16)
    return employer, int(rng.integers(low, high))


def _choices(
    rng: np.random.Generator, commissions: list[Commission], popularity: np.ndarray
) -> tuple[str, ...]:
    """Four to six distinct proposals, in the order written, drawn by popularity."""
    num_proposals = len(commissions)
    num_choices = min(num_proposals, int(rng.choice([4, 5, 5, 5, 6])))
    picked = rng.choice(num_proposals, size=num_choices, replace=False, p=popularity)
    return tuple(commissions[int(j)].id for j in picked)
