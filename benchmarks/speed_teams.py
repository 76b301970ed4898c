"""Speed of stage 2 (team formation) on synthetic cohorts.

Usage::

    python benchmarks/speed_teams.py                 # the two reference sizes
    python benchmarks/speed_teams.py --students 300 --teams 30 --repeat 3

Each case builds a cohort with the programme's rough statistics (``synthetic_instance``),
calls ``matcher.teams.form_teams`` with one worker and a fixed seed, and prints one line
per case: wall time, status, per-priority value/bound. ``--out FILE`` appends JSON lines,
for ``benchmarks/results/speed-teams-*.jsonl``. The benchmarks owner reuses
``synthetic_instance`` and ``time_form_teams``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.verify.teams import team_objectives, team_violations
from models.solve import SolveParams

BACKGROUNDS = (
    ("assistant social", 0.45),
    ("éducateur", 0.30),
    ("GRH", 0.10),
    ("infirmier", 0.08),
    ("psychologue", 0.07),
)
SECTORS = ("aide à la jeunesse", "CPAS", "handicap", "santé mentale", "insertion", "logement")


def synthetic_instance(
    num_students: int,
    num_teams: int,
    *,
    seed: int = 0,
    num_choices: int = 5,
    choice_share: float = 0.9,
    num_pairs: int = 2,
    num_pins: int = 1,
    experience_decimals: bool = True,
    priorities: tuple[str, ...] | None = None,
) -> tuple[Instance, list[str]]:
    """A cohort and its selected commission ids, with the programme's rough statistics.

    Popularity of commissions is skewed (a few are everyone's favourites), about a third of
    the students work in the sector and some of them for a selected institution (conflict
    of interest), experience is 0-20 years with a few unknown.
    """
    rng = random.Random(seed)
    commissions = tuple(
        Commission(
            id=f"C{t + 1:02d}",
            institution=f"Institution {t + 1}",
            sector=SECTORS[t % len(SECTORS)],
            problem_type="évaluation",
        )
        for t in range(num_teams)
    )
    ids = [c.id for c in commissions]
    popularity = [1.0 / (1 + 0.3 * t) for t in range(num_teams)]
    students = []
    for i in range(num_students):
        employed = rng.random() < 0.35
        employer = None
        if employed and rng.random() < 0.3:
            employer = rng.choice(commissions).institution
        elif employed:
            employer = "CPAS de Namur"
        choices: tuple[str, ...] = ()
        if rng.random() < choice_share:
            picked: list[str] = []
            while len(picked) < min(num_choices, num_teams):
                cid = rng.choices(ids, popularity)[0]
                if cid not in picked:
                    picked.append(cid)
            choices = tuple(picked)
        years = rng.random() * 20 if rng.random() > 0.05 else None
        if years is not None and not experience_decimals:
            years = float(round(years))
        students.append(
            Student(
                id=f"S{i + 1:04d}",
                name=f"Student {i + 1}",
                background=rng.choices([b for b, _ in BACKGROUNDS], [w for _, w in BACKGROUNDS])[0],
                vae=rng.random() < 0.2,
                employed=employed,
                employer=employer,
                gender="F" if rng.random() < 0.8 else "M",
                experience_years=None if years is None else round(years, 1),
                choices=choices,
            )
        )
    pairs = []
    free = list(range(num_students))
    rng.shuffle(free)
    for k in range(num_pairs):
        a, b = free[2 * k], free[2 * k + 1]
        relation = "apart" if k % 2 == 0 else "together"
        if relation == "together":
            # Friends asking to work together list the same commissions.
            students[b] = students[b].model_copy(update={"choices": students[a].choices})
        pairs.append(Pair(student_a=students[a].id, student_b=students[b].id, relation=relation))
    for k in range(num_pins):
        i = free[2 * num_pairs + k]
        target = rng.choice(commissions)
        if students[i].employer != target.institution:
            students[i] = students[i].model_copy(update={"pinned": target.id})
    team_settings = TeamSettings() if priorities is None else TeamSettings(priorities=priorities)  # type: ignore[arg-type]
    instance = Instance(
        name=f"synthetic-{num_students}x{num_teams}-seed{seed}",
        commissions=commissions,
        students=tuple(students),
        pairs=tuple(pairs),
        settings=Settings(teams=team_settings),
        student_columns=frozenset(
            {"name", "vae", "employed", "employer", "gender", "experience_years", "choices"}
        ),
    )
    return instance, ids


@dataclass
class Timing:
    """One benchmark case."""

    case: str
    wall_s: float
    status: str
    objectives: dict[str, tuple[int, int]]
    violations: int
    validator_agrees: bool


def time_form_teams(
    instance: Instance, commission_ids: list[str], *, time_limit: float = 60.0, workers: int = 1
) -> Timing:
    """Wall time of ``form_teams`` (model build included) and a check of its answer."""
    from matcher.teams import form_teams

    params = SolveParams(time_limit=time_limit, seed=0, workers=workers)
    start = time.perf_counter()
    result = form_teams(instance, commission_ids, params)
    wall = time.perf_counter() - start
    objectives = {o.name: (o.value, o.bound) for o in result.stage.objectives}
    violations = team_violations(instance, commission_ids, result.assignment)
    recomputed = team_objectives(instance, commission_ids, result.assignment)
    agrees = all(recomputed[name] == value for name, (value, _) in objectives.items())
    return Timing(
        instance.name, wall, str(result.stage.status), objectives, len(violations), agrees
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="*", default=None)
    parser.add_argument("--teams", type=int, nargs="*", default=None)
    parser.add_argument("--seeds", type=int, default=1, help="cohorts per size (seeds 0..)")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="append JSON lines here")
    args = parser.parse_args(argv)
    students = args.students or [60, 1000]
    teams = args.teams or [10, 100]
    for num_students, num_teams in zip(students, teams, strict=True):
        for seed in range(args.seeds):
            instance, ids = synthetic_instance(num_students, num_teams, seed=seed)
            timing = time_form_teams(
                instance, ids, time_limit=args.time_limit, workers=args.workers
            )
            line = " ".join(f"{n}={v}/{b}" for n, (v, b) in timing.objectives.items())
            print(
                f"{timing.case}: {timing.wall_s:.2f} s {timing.status} {line} "
                f"violations={timing.violations} agrees={timing.validator_agrees}",
                flush=True,
            )
            if args.out is not None:
                record: dict[str, Any] = {
                    **timing.__dict__,
                    "workers": args.workers,
                    "python": platform.python_version(),
                    "date": time.strftime("%Y-%m-%d %H:%M"),
                }
                with args.out.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
