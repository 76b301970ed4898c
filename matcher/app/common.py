"""What every application function shares: the failure of a stage, the solver
overrides, loading a cohort, the solve parameters of its settings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.errors import InputError
from matcher.labels import Text
from matcher.results import (
    RunOutcome,
    StageResult,
    Status,
)
from matcher.schemas import Instance, Settings
from models.outcome import ProgressCallback, SolveParams


class SolveFailed(Exception):
    """A stage ended without a usable solution; ``result.status`` says why.

    ``Status.INFEASIBLE``: no solution satisfies the rules (``result.diagnosis`` explains
    why); otherwise the time limit ran out first.
    """

    def __init__(self, stage: str, result: StageResult) -> None:
        self.stage = stage
        self.result = result
        super().__init__(stage)

    @property
    def infeasible(self) -> bool:
        """Whether the rules admit no solution (rather than time running out)."""
        return self.result.status == Status.INFEASIBLE


@dataclass(frozen=True)
class Overrides:
    """Solver settings chosen for one call, over ``[solver]`` of settings.toml."""

    time_limit: float | None = None
    seed: int | None = None
    workers: int | None = None

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with the overrides given applied."""
        update = {k: v for k, v in vars(self).items() if v is not None}
        if not update:
            return settings
        solver = settings.solver.model_copy(update=update)
        return settings.model_copy(update={"solver": solver})


def load(
    instance_path: Path,
    settings_file: Path | None = None,
    overrides: Overrides | None = None,
    require: Collection[str] = (),
    *,
    default_count: bool = True,
) -> Instance:
    """The cohort of ``instance_path`` with the settings in force.

    Settings come from ``settings_file``, else the instance's settings.toml, else the
    defaults; then ``overrides``. ``require`` names the tables that must be present
    (``commissions``, ``students``). ``default_count``: the default count (10) above the
    proposals received is refused as a written one is (the commands); the workbench opens
    such a cohort with its warning, the count being a field of its settings form.

    Raises
    ------
    InputError
        A file that cannot be read, or settings asking more commissions than proposed.
    """
    from matcher.eligibility import count_problem
    from matcher.loading import load_instance

    instance = load_instance(instance_path, settings_path=settings_file, require=require)
    problem = count_problem(instance, settings_file, default_too=default_count)
    if problem is not None:
        raise InputError(problem)
    settings = (overrides or Overrides()).apply(instance.settings)
    return instance.model_copy(update={"settings": settings})


def solve_params(settings: Settings, progress: ProgressCallback | None = None) -> SolveParams:
    """Solver parameters from the settings in force, reporting improvements to ``progress``."""
    return SolveParams(
        time_limit=settings.solver.time_limit,
        seed=settings.solver.seed,
        workers=settings.solver.workers,
        progress=progress,
    )


def with_warnings(instance: Instance, warnings: Sequence[str | Text]) -> Instance:
    """The cohort with ``warnings`` (about other files read with it: an earlier result,
    students arriving) after its own, so that every output lists them (summary.json, the
    report, the workbook) as it lists the cohort's."""
    if not warnings:
        return instance
    return instance.model_copy(update={"warnings": (*instance.warnings, *warnings)})


def without_choices_now(outcome: RunOutcome, said: int, arriving: set[str]) -> RunOutcome:
    """``outcome`` whose warning about the students who gave no choices (students.csv's,
    among its cohort's first ``said`` warnings) names those of the what-if's cohort: not
    the students who left, and those who arrived earlier without choices; those
    ``arriving`` now are named by the warning about their file. A what-if of the workbench
    chains on its board: its first ``said`` warnings hold those of the arrivals before,
    now named in the cohort's (``no_choices_now``)."""
    from matcher.loading import no_choices_now

    instance = outcome.instance
    staying = [s for s in instance.students if s.id not in arriving]
    cohort = no_choices_now(instance.warnings[:said], staying)
    warnings = (*cohort, *instance.warnings[said:])
    return replace(outcome, instance=instance.model_copy(update={"warnings": warnings}))


def _team_ids(instance: Instance, assignment: dict[str, str]) -> tuple[str, ...]:
    """Teams named in teams.csv, in commissions.csv order when known, else first appearance."""
    used = dict.fromkeys(assignment.values())
    known = [c.id for c in instance.commissions if c.id in used]
    return tuple(known + [cid for cid in used if cid not in known])
