"""Invented institutions and the proposals they send: each kind of institution with its
sector, a few institutions proposing twice, some proposals missing one of the programme's
dates; and the town read back from an institution's name (stage 3 plans visits by town)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from matcher.generate.names import INSTITUTION_KINDS, NAMES, PROBLEM_TYPES, SECTORS, TOPICS, TOWNS
from matcher.generate.programme import MISSING_SLOT_SHARE, SECOND_PROPOSAL_SHARE, SLOTS
from matcher.schemas import Commission
from matcher.text import fold_name

_ELISION = re.compile(r"\bde ([AEIOUÉaeioué])")


def institution_names(rng: np.random.Generator, count: int) -> list[tuple[str, str | None]]:
    """``count`` distinct invented institutions with their sector (``None``: any).

    Each kind of institution is equally likely; within a kind, names come in a random order
    without repetition, and once a kind's names are exhausted (cohorts of thousands) its
    institutions reappear as numbered antennas.
    """
    pools = []
    for pattern, _ in INSTITUTION_KINDS:
        names = sorted(
            {_ELISION.sub(r"d'\1", pattern.format(town=t, name=n)) for t in TOWNS for n in NAMES}
        )
        pools.append([names[i] for i in rng.permutation(len(names))])
    used = [0] * len(pools)
    result: list[tuple[str, str | None]] = []
    for kind in rng.integers(len(INSTITUTION_KINDS), size=count):
        pool = pools[kind]
        rank = used[kind]
        used[kind] += 1
        name = pool[rank % len(pool)]
        if rank >= len(pool):
            name = f"{name} – antenne {rank // len(pool) + 1}"
        result.append((name, INSTITUTION_KINDS[kind][1]))
    return result


def draw_commissions(
    rng: np.random.Generator, num_proposals: int, num_select: int
) -> list[Commission]:
    """Proposals from mostly distinct institutions; some miss one of the programme's dates."""
    num_seconds = round(SECOND_PROPOSAL_SHARE * num_proposals)
    if num_proposals >= 12:
        num_seconds = max(num_seconds, 1)  # the cap of one per institution should matter
    # Keep enough distinct institutions for the selection, with a margin for unavailability.
    num_seconds = min(num_seconds, max(0, num_proposals - int(1.5 * num_select)))
    institutions = institution_names(rng, num_proposals - num_seconds)
    owners = list(range(len(institutions)))
    owners += [int(i) for i in rng.integers(len(institutions), size=num_seconds)]
    owners = [owners[i] for i in rng.permutation(len(owners))]
    width = max(2, len(str(num_proposals)))
    commissions = []
    for idx, owner in enumerate(owners):
        institution, sector = institutions[owner]
        if sector is None:
            sector = SECTORS[rng.integers(len(SECTORS))]
        problem_type = PROBLEM_TYPES[rng.integers(len(PROBLEM_TYPES))]
        slots = list(SLOTS)
        if rng.random() < MISSING_SLOT_SHARE:
            slots.pop(int(rng.integers(len(slots))))
        topic = TOPICS[rng.integers(len(TOPICS))]
        commissions.append(
            Commission(
                id=f"C{idx + 1:0{width}d}",
                institution=institution,
                sector=sector,
                problem_type=problem_type,
                title=f"{problem_type[0].upper()}{problem_type[1:]} : {topic}",
                slots=tuple(slots),
                priority=int(rng.choice([0, 0, 1, 1, 2, 3])),
            )
        )
    return commissions


def town_of(institution: str) -> str | None:
    """The town written in a generated institution's name (``CPAS de Huy`` → ``Huy``)."""
    folded = fold_name(institution)
    # Longest first: "La Louvière" before "Louvain-la-Neuve" is irrelevant, but "Forest"
    # must not match inside another name: compare whole words.
    for town in sorted(TOWNS, key=len, reverse=True):
        t = fold_name(town)
        if (
            folded.endswith(f" {t}")
            or f" {t})" in folded
            or f"({t})" in folded
            or f" {t} " in folded
            or f"d'{t}" in folded
        ):
            return town
    return None


def with_towns(commissions: Sequence[Commission]) -> tuple[Commission, ...]:
    """The commissions with ``town`` filled in from their institution's name when found."""
    return tuple(c.model_copy(update={"town": town_of(c.institution)}) for c in commissions)
