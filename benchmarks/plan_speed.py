"""Speed of the plan stage (stage 3): supervisors and calendar for synthetic cohorts.

Usage::

    python benchmarks/plan_speed.py [--sizes 10x8,100x40] [--seeds 0,1,2] [--time-limit 60]
                                    [--timed] [--deterministic UNITS] [--work UNITS]

Each case builds a cohort of K teams (one per commission, institutions in 30 Walloon and
Brussels towns, 12 sectors, 15% of institutions hosting orals on one day only) and S
supervisors (1–3 sectors each, a tie for one in five, one oral day off for one in four,
``max_teams`` empty: ceil(K/S)), then times ``matcher.planning.plan_teams`` with one
worker: build, solve (all priorities, lexicographic) and decode, in wall-clock and CPU
seconds (the CPU time is what the stage costs; on a shared machine wall-clock is longer).

With the contract's calendar (a 240-minute morning, 90-minute visits, 45 minutes between
towns) a supervisor makes at most two visits, so 100 teams need 50 supervisors: the
100 × 40 case uses a 300-minute morning (08:00–13:00) and 60-minute visits (three each).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import time

import numpy as np

from matcher.generate import FIRST_NAMES_F, LAST_NAMES, SECTORS, TOWNS
from matcher.planning import plan_teams
from matcher.schemas import Commission, Instance, Settings, Supervisor
from models.outcome import SolveParams


def cohort(num_teams: int, num_supervisors: int, seed: int) -> tuple[Instance, list[Supervisor]]:
    """A synthetic cohort with its supervisors (see the module's docstring)."""
    rng = np.random.default_rng(seed)
    commissions = []
    for t in range(num_teams):
        town = TOWNS[int(rng.integers(len(TOWNS)))]
        slots = ("oral_thu", "oral_fri")
        if rng.random() < 0.15:
            slots = (slots[int(rng.integers(2))],)
        commissions.append(
            Commission(
                id=f"C{t + 1:03d}",
                institution=f"ASBL {t + 1} ({town})",
                sector=SECTORS[int(rng.integers(len(SECTORS)))],
                problem_type="évaluation",
                slots=slots,
                town=town,
            )
        )
    supervisors = []
    for s in range(num_supervisors):
        sectors = tuple(
            SECTORS[i]
            for i in rng.choice(len(SECTORS), size=int(rng.integers(1, 4)), replace=False)
        )
        ties: tuple[str, ...] = ()
        if rng.random() < 0.2:
            ties = (commissions[int(rng.integers(num_teams))].institution,)
        off: tuple[str, ...] = ()
        if rng.random() < 0.25:
            off = (("oral_thu", "oral_fri")[int(rng.integers(2))],)
        name = f"{FIRST_NAMES_F[s % len(FIRST_NAMES_F)]} {LAST_NAMES[s % len(LAST_NAMES)]}"
        supervisors.append(
            Supervisor(id=f"A{s + 1:02d}", name=name, sectors=sectors, ties=ties, unavailable=off)
        )
    calendar: dict[str, object] = {}
    if math.ceil(num_teams / num_supervisors) > 2:
        calendar = {"visit_window": ("08:00", "13:00"), "visit_minutes": 60}
    settings = Settings.model_validate({"calendar": calendar})
    instance = Instance(
        name=f"plan-{num_teams}x{num_supervisors}-{seed}",
        commissions=tuple(commissions),
        settings=settings,
    )
    return instance, supervisors


def main() -> None:
    """Run the cases and print one Markdown table row per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10x8,100x40")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument(
        "--timed",
        action="store_true",
        help="Force the model with intervals and travel arcs (the one before the grouped one).",
    )
    parser.add_argument(
        "--deterministic",
        type=float,
        default=None,
        metavar="UNITS",
        help="Also stop each priority after this much deterministic time (load-independent).",
    )
    parser.add_argument(
        "--work",
        type=float,
        default=None,
        metavar="UNITS",
        help="The stage's work budget (SolveParams.work_limit; default: 0.9 per second).",
    )
    args = parser.parse_args()
    if args.timed:
        import models.plan

        models.plan.groupable = lambda data: False  # type: ignore[assignment]
    print(
        "| teams × supervisors | seed | status | stopped by | work | wall (s) | CPU (s) "
        "| expertise | load | travel | plan digest |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        num_teams, num_supervisors = (int(x) for x in size.split("x"))
        for seed in (int(s) for s in args.seeds.split(",")):
            instance, supervisors = cohort(num_teams, num_supervisors, seed)
            extra = {}
            if args.deterministic is not None:
                extra = {"max_deterministic_time": args.deterministic}
            params = SolveParams(
                time_limit=args.time_limit,
                work_limit=args.work,
                seed=0,
                workers=1,
                cp_sat_parameters=extra,
            )
            start, cpu = time.perf_counter(), time.process_time()
            result = plan_teams(instance, [c.id for c in instance.commissions], supervisors, params)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            cells = {
                o.name: f"{o.value} (bound {o.bound})" if o.value != o.bound else str(o.value)
                for o in result.stage.objectives
            }
            # The plan itself (who supervises what, when), to compare runs byte for byte.
            digest = hashlib.sha256(repr((result.supervision, result.schedule)).encode())
            print(
                f"| {num_teams} × {num_supervisors} | {seed} | {result.stage.status} | "
                f"{result.stage.stopped_by or '–'} | {result.stage.work:.2f} | "
                f"{elapsed:.2f} | {cpu:.2f} | {cells.get('expertise', '–')} | "
                f"{cells.get('load', '–')} | {cells.get('travel', '–')} | "
                f"{digest.hexdigest()[:12]} |",
                flush=True,
            )
            for line in result.stage.diagnosis:
                print(f"|  |  | {line} |  |  |  |  |  |  |  |  |", flush=True)


if __name__ == "__main__":
    main()
