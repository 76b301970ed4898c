"""Invented supervisors for stage 3 (contract §11): how many a cohort needs, their capacity,
sectors, ties with institutions and unavailable days, and their rows in supervisors.csv."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from matcher.generate.names import LAST_NAMES, SECTORS, person_name
from matcher.generate.programme import SLOTS
from matcher.schemas import Commission, Supervisor

SUPERVISOR_HEADER = ("id", "name", "max_teams", "sectors", "ties", "unavailable")


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
    count = _supervisor_count(num_teams)
    sectors = sorted({c.sector for c in commissions}) or list(SECTORS)
    institutions = sorted({c.institution for c in commissions})
    used: set[str] = set()
    supervisors = []
    for idx in range(count):
        name = _new_name(rng, used)
        supervisors.append(_supervisor(rng, f"A{idx + 1:02d}", name, sectors, institutions))
    return _with_room(supervisors, num_teams)


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


def _supervisor_count(num_teams: int) -> int:
    """6–8 supervisors up to 12 teams (about one per 1.5 teams), then one per 1.6 teams."""
    if num_teams <= 12:
        return max(6, min(8, math.ceil(num_teams / 1.5)))
    return math.ceil(num_teams / 1.6)


#: Draws of a name already taken before a second last name is added: the pool of first and
#: last names holds about 1,300 names, fewer than the 2,100 supervisors of 20,000 students
#: (the draw never ended); a smaller cohort never meets so many at once.
_DRAWS = 50


def _new_name(rng: np.random.Generator, used: set[str]) -> str:
    """A name no supervisor drawn before has (60 % women); added to ``used``."""
    draws = 0
    while True:
        name = person_name(rng, rng.random() < 0.6)
        draws += 1
        if draws > _DRAWS:
            name = f"{name}-{LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
        if name not in used:
            used.add(name)
            return name


def _supervisor(
    rng: np.random.Generator,
    supervisor_id: str,
    name: str,
    sectors: Sequence[str],
    institutions: Sequence[str],
) -> Supervisor:
    """One supervisor's capacity, sectors, tie and unavailable day."""
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
    return Supervisor(
        id=supervisor_id,
        name=name,
        max_teams=max_teams,
        sectors=tuple(chosen),
        ties=ties,
        unavailable=unavailable,
    )


def _with_room(supervisors: list[Supervisor], num_teams: int) -> tuple[Supervisor, ...]:
    """The supervisors, a few raised from one team to two until they can take every team.

    Empty max_teams resolve to ceil(K / S) ≥ 2 when K > S; make sure the explicit ones leave
    at least num_teams places, two per supervisor being the morning's limit.
    """
    default = max(2, math.ceil(num_teams / len(supervisors)))
    room = sum(min(2, s.max_teams or default) for s in supervisors)
    for i, s in enumerate(supervisors):
        if room >= num_teams:
            break
        if s.max_teams == 1:
            supervisors[i] = s.model_copy(update={"max_teams": 2})
            room += 1
    return tuple(supervisors)
