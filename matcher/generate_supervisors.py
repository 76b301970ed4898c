"""Synthetic supervisors and towns for generated cohorts (stage 3, contract §11).

Separate from ``matcher.generate`` so that its existing output stays byte-identical until
the lead wires this in: ``generate_supervisors`` draws from its own generator, given by
the caller, after everything else of the cohort is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from matcher.generate import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, SECTORS, SLOTS, TOWNS
from matcher.schemas import CalendarSettings, Commission, Supervisor
from matcher.text import fold_name

__all__ = [
    "CALENDAR",
    "SUPERVISOR_HEADER",
    "generate_supervisors",
    "supervisor_rows",
    "town_of",
    "with_towns",
]

#: The calendar of the generated cohorts: their slot labels carry the dates.
CALENDAR = CalendarSettings(
    visit_slot=SLOTS[1],
    oral_slots=SLOTS[3:],
    dates={slot: slot.split("-", 1)[1] for slot in (SLOTS[1], *SLOTS[3:])},
)
SUPERVISOR_HEADER = ("id", "name", "max_teams", "sectors", "ties", "unavailable")


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


def generate_supervisors(
    commissions: Sequence[Commission], rng: np.random.Generator, num_teams: int = 10
) -> tuple[Supervisor, ...]:
    """Realistic supervisors for a cohort planning ``num_teams`` teams.

    6–8 supervisors for a cohort of 10 teams (about one per 1.5 teams, at least 6), each
    taking 1–3 teams (``max_teams`` empty for about half: the setting applies), 1–3 sectors
    drawn among the cohort's sectors, a tie with one institution for about one in five,
    and one unavailable oral day for about one in four. Their total capacity always
    covers the teams: the visit morning fits at most two 90-minute visits in different
    towns, so ``max_teams`` is 3 only for a few.
    """
    count = (
        max(6, min(8, math.ceil(num_teams / 1.5)))
        if num_teams <= 12
        else math.ceil(num_teams / 1.6)
    )
    sectors = sorted({c.sector for c in commissions}) or list(SECTORS)
    institutions = sorted({c.institution for c in commissions})
    used: set[str] = set()
    supervisors = []
    for idx in range(count):
        while True:
            female = rng.random() < 0.6
            first = FIRST_NAMES_F if female else FIRST_NAMES_M
            name = f"{first[rng.integers(len(first))]} {LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
            if name not in used:
                used.add(name)
                break
        num_sectors = int(rng.integers(1, 4))
        chosen = [
            sectors[i]
            for i in sorted(
                rng.choice(len(sectors), size=min(num_sectors, len(sectors)), replace=False)
            )
        ]
        max_teams = None if rng.random() < 0.5 else int(rng.choice([1, 2, 2, 2, 3]))
        ties: tuple[str, ...] = ()
        if institutions and rng.random() < 0.2:
            ties = (institutions[int(rng.integers(len(institutions)))],)
        unavailable: tuple[str, ...] = ()
        if rng.random() < 0.25:
            unavailable = (SLOTS[3 + int(rng.integers(2))],)
        supervisors.append(
            Supervisor(
                id=f"A{idx + 1:02d}",
                name=name,
                max_teams=max_teams,
                sectors=tuple(chosen),
                ties=ties,
                unavailable=unavailable,
            )
        )
    # Enough room: empty max_teams resolve to ceil(K / S) ≥ 2 when K > S; make sure the
    # explicit ones leave at least num_teams places, two per supervisor being the morning's limit.
    default = max(2, math.ceil(num_teams / count))
    room = sum(min(2, s.max_teams or default) for s in supervisors)
    for i, s in enumerate(supervisors):
        if room >= num_teams:
            break
        if s.max_teams == 1:
            supervisors[i] = s.model_copy(update={"max_teams": 2})
            room += 1
    return tuple(supervisors)


def supervisor_rows(supervisors: Sequence[Supervisor]) -> list[list[str]]:
    """Rows of supervisors.csv (``SUPERVISOR_HEADER``)."""
    return [
        [
            s.id,
            s.name,
            "" if s.max_teams is None else str(s.max_teams),
            "; ".join(s.sectors),
            "; ".join(s.ties),
            "; ".join(s.unavailable),
        ]
        for s in supervisors
    ]
