"""The application API: what matcher does, called alike by the CLI and the web workbench.

Front ends parse their input, call these plain functions, and render the result objects
they return; they hold no rules. Every function works on the cohort (an ``Instance`` with
its settings in force, from ``load``) and returns a result object:

======================  =========================================================
``load``                read and check an instance, apply the solver overrides
``validate``            describe a valid instance (counts, eligibility, team sizes)
``select``              stage 1: the commissions (``RunOutcome``)
``assign``              stage 2: the teams of the commissions selected in a file
``run``                 both stages, one time budget
``whatif``              re-solve a result after withdrawals and arrivals
``check``               broken rules, metrics and priorities of a result folder
``write_outputs``       the output folder, completely or not at all
======================  =========================================================

Invalid input raises ``InputError``, an impossible request ``UsageError``/``RequestError``
(worded by the front end), a stage without solution ``SolveFailed`` (its status says
infeasible or out of time). Nothing here prints or exits, and nothing is shared between
calls, so a worker thread may call any function. The engines (OR-Tools, numpy) are
imported inside the functions that solve: loading the API costs what the CLI costs.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem, UsageError
from matcher.labels import Lang, Text, text
from matcher.outputs.writers import check_out_dir, write_outputs
from matcher.results import RunOutcome, SelectionResult, StageResult, Status
from matcher.rules import default_size_bounds
from matcher.schemas import Commission, Instance, Settings
from models.outcome import ProgressCallback, SolveParams

__all__ = [
    "CheckReport",
    "Description",
    "Overrides",
    "SolveFailed",
    "WhatIfResult",
    "assign",
    "check",
    "check_out_dir",
    "load",
    "run",
    "select",
    "solve_params",
    "validate",
    "whatif",
    "write_outputs",
]


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
) -> Instance:
    """The cohort of ``instance_path`` with the settings in force.

    Settings come from ``settings_file``, else the instance's settings.toml, else the
    defaults; then ``overrides``. ``require`` names the tables that must be present
    (``commissions``, ``students``).

    Raises
    ------
    InputError
        A file that cannot be read, or settings asking more commissions than proposed.
    """
    from matcher.eligibility import count_problem
    from matcher.loading import load_instance

    instance = load_instance(instance_path, settings_path=settings_file, require=require)
    problem = count_problem(instance, settings_file)
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


# -- validate -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Description:
    """What ``validate`` finds in a valid instance, as data (front ends word it)."""

    name: str
    #: (commission, reason it is not eligible or ``""``) per proposal, in file order.
    proposals: tuple[tuple[Commission, str | Text], ...]
    num_institutions: int
    num_to_select: int
    num_students: int
    #: Students per background, most common first.
    backgrounds: tuple[tuple[str, int], ...]
    #: Counts of the optional student columns present: ``vae``, ``employed``, ``choices``.
    counts: dict[str, int]
    #: Students per gender (``?`` when blank), most common first, if the column exists.
    genders: tuple[tuple[str, int], ...] | None
    num_pinned: int
    #: (teams, smallest size, largest size) when both proposals and students are known.
    team_sizes: tuple[int, int, int] | None
    num_apart: int
    num_together: int
    #: Loading warnings, then rules that cannot hold looked at as a whole.
    warnings: tuple[str | Text, ...] = field(default=())

    @property
    def eligible(self) -> list[Commission]:
        """The eligible proposals, in file order."""
        return [c for c, reason in self.proposals if not reason]

    @property
    def ineligible(self) -> list[tuple[Commission, str | Text]]:
        """The proposals that are not eligible, with the reason."""
        return [(c, reason) for c, reason in self.proposals if reason]


def validate(instance: Instance, instance_path: Path | None = None) -> Description:
    """Describe ``instance`` and warn about rules that cannot hold together.

    Raises
    ------
    InputError
        When the instance holds neither commissions nor students (``instance_path`` lets
        the message suggest the workbook lying in that folder).
    """
    from matcher.eligibility import eligibility
    from matcher.text import fold_name

    if not instance.commissions and not instance.students:
        folder = instance_path if instance_path is not None and instance_path.is_dir() else None
        books = sorted(p.name for p in folder.glob("*.xlsx")) if folder is not None else []
        hint = text("val_give_workbook", book=books[0]) if books else ""
        raise InputError(
            Problem(str(instance_path or instance.name), text("val_nothing_here", hint=hint))
        )
    warnings: list[str | Text] = list(instance.warnings)
    selection = instance.settings.selection
    proposals = tuple((c, eligibility(c, selection)) for c in instance.commissions)
    eligible = [c for c, fate in proposals if fate.eligible]
    institutions = {fold_name(c.institution) for c in eligible}
    if instance.commissions:
        capacity = len(institutions) * selection.max_per_institution
        if min(len(eligible), capacity) < selection.count:
            warnings.append(
                text(
                    "val_selection_cannot",
                    n=min(len(eligible), capacity),
                    cap=selection.max_per_institution,
                    count=selection.count,
                )
            )
    students = instance.students
    num = len(students)
    columns = instance.student_columns
    counts = {
        "vae": sum(s.vae for s in students),
        "employed": sum(s.employed for s in students),
        "choices": sum(bool(s.choices) for s in students),
    }
    team_sizes = None
    if students and instance.commissions:
        teams = selection.count
        low, high = default_size_bounds(num, teams, instance.settings.teams)
        team_sizes = (teams, low, high)
        if not teams * low <= num <= teams * high:
            warnings.append(text("val_teams_cannot", teams=teams, low=low, high=high, n=num))
    relations = Counter(p.relation for p in instance.pairs)
    return Description(
        name=instance.name,
        proposals=tuple((c, "" if fate.eligible else fate.reason) for c, fate in proposals),
        num_institutions=len(institutions),
        num_to_select=selection.count,
        num_students=num,
        backgrounds=tuple(Counter(s.background for s in students).most_common()),
        counts={k: v for k, v in counts.items() if k in columns},
        genders=(
            tuple(Counter(s.gender or "?" for s in students).most_common())
            if "gender" in columns
            else None
        ),
        num_pinned=sum(s.pinned is not None for s in students),
        team_sizes=team_sizes,
        num_apart=relations["apart"],
        num_together=relations["together"],
        warnings=tuple(warnings),
    )


# -- solve ----------------------------------------------------------------------------------


def select(instance: Instance, progress: ProgressCallback | None = None) -> RunOutcome:
    """Stage 1: choose the commissions and rank the reserves.

    Raises
    ------
    SolveFailed
        When no selection was found (infeasible, or out of time).
    """
    from matcher.selection import select_commissions

    result = select_commissions(instance, solve_params(instance.settings, progress))
    if not result.stage.solved:
        raise SolveFailed("selection", result.stage)
    return RunOutcome(instance=instance, settings=instance.settings, selection=result)


def assign(
    instance: Instance,
    selection_file: Path,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> RunOutcome:
    """Stage 2: one team per commission marked selected in ``selection_file``.

    The selection is given, not optimised: its stage says so (``StageResult.from_file``).

    Raises
    ------
    InputError
        When ``selection_file`` cannot be read as a selection of this instance.
    BrokenRules
        When the selection breaks a selection rule (worded in ``lang``, as ``check`` does).
    SolveFailed
        When no team assignment was found.
    """
    from matcher.loading import read_selection
    from matcher.teams import form_teams
    from matcher.verify.selection import require_selection_rules

    commissions, rows = read_selection(selection_file, instance)
    settings = instance.settings
    instance = instance.model_copy(update={"commissions": commissions})
    commission_ids = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, commission_ids, selection_file, lang)
    teams = form_teams(instance, commission_ids, solve_params(settings, progress))
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    selection = SelectionResult(StageResult.from_file(), rows)
    return RunOutcome(instance=instance, settings=settings, selection=selection, teams=teams)


def run(instance: Instance, progress: ProgressCallback | None = None) -> RunOutcome:
    """Both stages: the commissions, then their teams, within one time limit.

    The teams get whatever time the selection leaves.

    Raises
    ------
    SolveFailed
        When either stage found no solution (``stage`` says which).
    """
    from matcher.selection import select_commissions
    from matcher.teams import form_teams

    settings = instance.settings
    params = solve_params(settings, progress)
    start = time.perf_counter()
    selection = select_commissions(instance, params)
    if not selection.stage.solved:
        raise SolveFailed("selection", selection.stage)
    # Whatever the selection left of the budget; a sliver at least, so a hard time limit
    # still yields an honest "no solution within the time limit" rather than a crash.
    remaining = max(params.time_limit - (time.perf_counter() - start), 0.05)
    teams = form_teams(instance, selection.selected_ids, replace(params, time_limit=remaining))
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    return RunOutcome(instance=instance, settings=settings, selection=selection, teams=teams)


@dataclass(frozen=True)
class WhatIfResult:
    """A what-if's outputs, and the warnings this what-if adds to its cohort's."""

    outcome: RunOutcome
    notes: tuple[str | Text, ...]


def whatif(
    instance: Instance,
    from_dir: Path,
    *,
    withdraw_commissions: Iterable[str] = (),
    withdraw_students: Iterable[str] = (),
    add_students: Path | None = None,
    replace_withdrawn: bool = True,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> WhatIfResult:
    """Re-solve the result in ``from_dir`` after the changes given, with the fewest moves.

    ``instance`` is the original cohort; the changes ``from_dir`` records (an earlier
    what-if) are applied first. Repeated ids count once.

    Raises
    ------
    RequestError
        No change given; a folder of the request that cannot be used; an id that is not a
        selected commission or a student.
    InputError
        A file of ``from_dir`` or ``add_students`` that cannot be read.
    BrokenRules
        When the selection of ``from_dir`` breaks a selection rule (worded in ``lang``).
    SolveFailed
        When no team assignment was found.
    """
    from matcher.loading import read_arrivals, read_selection, read_teams
    from matcher.verify.selection import require_selection_rules
    from matcher.whatif import WhatIf, apply_changes, cohort_of_result

    selection_file = from_dir / "selection.csv"
    teams_file = from_dir / "teams.csv"
    # A what-if result records its changes: start from the cohort it was made for.
    instance, recorded = cohort_of_result(instance, from_dir)
    commissions, rows = read_selection(selection_file, instance)
    settings = instance.settings
    instance = instance.model_copy(update={"commissions": commissions})
    selected = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, selected, selection_file, lang)
    previous = read_teams(teams_file, instance) if teams_file.is_file() else None
    arrivals = read_arrivals(add_students, instance) if add_students is not None else ()
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=replace_withdrawn,
    )
    outcome = apply_changes(
        instance, rows, previous, changes, solve_params(settings, progress), recorded
    )
    if outcome.teams is not None and not outcome.teams.stage.solved:
        raise SolveFailed("teams", outcome.teams.stage)
    return WhatIfResult(outcome, tuple(outcome.instance.warnings[len(instance.warnings) :]))


# -- check ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: broken rules, metrics, and each priority's value."""

    violations: list[str | Text]
    metrics: dict[str, dict[str, Any]]
    #: (stage, priority name, value for this result, value in DIR/summary.json or None).
    priorities: list[tuple[str, str, int, int | None]]

    @property
    def ok(self) -> bool:
        """Whether the result keeps every rule."""
        return not self.violations


def _team_ids(instance: Instance, assignment: dict[str, str]) -> tuple[str, ...]:
    """Teams named in teams.csv, in commissions.csv order when known, else first appearance."""
    used = dict.fromkeys(assignment.values())
    known = [c.id for c in instance.commissions if c.id in used]
    return tuple(known + [cid for cid in used if cid not in known])


def check(instance: Instance, result_dir: Path) -> CheckReport:
    """Broken rules, metrics and priorities of the result in ``result_dir``.

    ``instance`` is the original cohort; a what-if result is held to the cohort recorded in
    its summary.json (``matcher.whatif.cohort_of_result``).

    Raises
    ------
    UsageError
        When the folder holds neither selection.csv nor teams.csv.
    InputError
        When a file cannot be read as a selection or a team list of this instance, or
        summary.json records changes that cannot be read.
    """
    from matcher.loading import read_selection, read_teams, recorded_objectives
    from matcher.stages import SELECTION, TEAMS
    from matcher.verify.selection import selection_metrics, selection_violations
    from matcher.verify.teams import team_metrics, team_violations
    from matcher.whatif import cohort_of_result

    selection_file = result_dir / "selection.csv"
    teams_file = result_dir / "teams.csv"
    if not selection_file.is_file() and not teams_file.is_file():
        raise UsageError(text("check_no_result_files", folder=result_dir))
    # A what-if result is checked against the cohort it was made for (its recorded
    # withdrawals and arrivals, one commission fewer per withdrawal not replaced).
    instance, _ = cohort_of_result(instance, result_dir)
    solver = recorded_objectives(result_dir)
    report = CheckReport([], {}, [])

    def add_priorities(stage: str, names: Iterable[str], values: dict[str, int]) -> None:
        for name in names:
            if name in values:
                recorded = solver.get(stage, {}).get(name)
                report.priorities.append((stage, name, values[name], recorded))

    selected_ids: tuple[str, ...] | None = None
    if selection_file.is_file():
        commissions, rows = read_selection(selection_file, instance)
        if not instance.commissions:
            # No commissions.csv in the instance: the selection file describes the proposals.
            instance = instance.model_copy(update={"commissions": commissions})
        selected_ids = tuple(row.id for row in rows if row.selected)
        report.violations.extend(selection_violations(instance, selected_ids))
        report.metrics["selection"] = dict(selection_metrics(instance, selected_ids))
        add_priorities(
            "selection",
            instance.settings.selection.priorities,
            SELECTION.objectives(instance, selected_ids),
        )
    if teams_file.is_file():
        assignment = read_teams(teams_file, instance)
        team_ids = selected_ids if selected_ids is not None else _team_ids(instance, assignment)
        report.violations.extend(team_violations(instance, team_ids, assignment))
        report.metrics["teams"] = dict(team_metrics(instance, team_ids, assignment))
        add_priorities(
            "teams",
            instance.settings.teams.priorities,
            TEAMS.objectives(instance, team_ids, assignment),
        )
    return report
