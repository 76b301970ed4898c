"""The application API: what matcher does, called alike by the CLI and the web workbench.

Front ends parse their input, call these plain functions, and render the result objects
they return; they hold no rules. Every function works on the cohort (an ``Instance`` with
its settings in force, from ``load``) and returns a result object:

======================  =========================================================
``load``                read and check an instance, apply the solver overrides
``validate``            describe a valid instance (counts, eligibility, team sizes)
``select``              stage 1: the commissions (``RunOutcome``)
``assign``              stage 2: the teams of the commissions selected in a file
``run``                 both stages (and stage 3 with supervisors), one time budget
``plan``                stage 3 for an existing result: supervisors and the calendar
``whatif``              re-solve a result after withdrawals and arrivals
``check``               broken rules, metrics and priorities of a result (folder or
                        result.xlsx, possibly edited by hand)
``report``              the outputs of such a result as it now stands, rules broken or not
``explain_step``        explanations of a fresh result (run, assign, whatif)
``explain``             explanations of a result (``matcher explain``)
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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem, RequestError, UsageError
from matcher.labels import Lang, Text, text
from matcher.outputs.writers import check_out_dir, write_outputs
from matcher.results import (
    Edited,
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    Status,
    TeamResult,
)
from matcher.rules import default_size_bounds, together_groups
from matcher.schemas import Commission, Instance, Settings
from models.outcome import ProgressCallback, SolveParams

__all__ = [
    "EXPLAIN_MAX_STUDENTS",
    "CheckReport",
    "Description",
    "ExplainResult",
    "Overrides",
    "SolveFailed",
    "WhatIfResult",
    "assign",
    "check",
    "check_out_dir",
    "explain",
    "explain_step",
    "load",
    "plan",
    "report",
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
    #: Rules that cannot hold whatever the selection (``validate`` exits 3), to be worded.
    conflicts: tuple[Text, ...] = field(default=())

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
    conflicts = _groups_too_large(instance, eligible, team_sizes)
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
        conflicts=conflicts,
    )


def _groups_too_large(
    instance: Instance, eligible: list[Commission], team_sizes: tuple[int, int, int] | None
) -> tuple[Text, ...]:
    """Together-groups larger than the largest team any selection could form (the
    cohort-wide largest size, narrowed by each eligible proposal's own ``max_size``)."""
    if team_sizes is None or not eligible:
        return ()
    high = team_sizes[2]
    largest = max(high if c.max_size is None else min(high, c.max_size) for c in eligible)
    return tuple(
        text("together_too_large", members=",".join(group), n=len(group), size=largest)
        for group in together_groups(instance)
        if len(group) > largest
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
    params = solve_params(settings, progress)
    start = time.perf_counter()
    teams = form_teams(instance, commission_ids, params)
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    selection = SelectionResult(StageResult.from_file(), rows)
    plan_result = _stage3(instance, commission_ids, _left(params, start), lang)
    return RunOutcome(
        instance=instance, settings=settings, selection=selection, teams=teams, plan=plan_result
    )


def run(
    instance: Instance, progress: ProgressCallback | None = None, lang: Lang = "en"
) -> RunOutcome:
    """Both stages: the commissions, then their teams, within one time limit.

    The teams get whatever time the selection leaves. When the instance has supervisors
    (``Instance.supervisors``), stage 3 follows in what the teams leave; its diagnosis,
    when no plan exists, is worded in ``lang``.

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
    # The teams' work budget is the whole limit's, not what the clock left: the same on
    # every machine (the time left is only the wall-clock safety net).
    teams_params = replace(_left(params, start), work_limit=params.work())
    teams = form_teams(instance, selection.selected_ids, teams_params)
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    plan_result = _stage3(instance, selection.selected_ids, _left(params, start), lang)
    return RunOutcome(
        instance=instance, settings=settings, selection=selection, teams=teams, plan=plan_result
    )


def _left(params: SolveParams, start: float) -> SolveParams:
    """``params`` with whatever the earlier stages left of the time limit since ``start``.

    A sliver at least, so a hard time limit still yields an honest "no solution within
    the time limit" rather than a crash.
    """
    remaining = max(params.time_limit - (time.perf_counter() - start), 0.05)
    return replace(params, time_limit=remaining)


def _stage3(
    instance: Instance,
    team_ids: Sequence[str],
    params: SolveParams,
    lang: Lang,
    *,
    supervisors: Sequence[Any] | None = None,
    previous: PlanResult | None = None,
) -> PlanResult | None:
    """Stage 3 when the instance has supervisors (``None`` otherwise).

    Raises
    ------
    SolveFailed
        When no plan keeps the rules (the diagnosis names the conflict) or none was found
        in time.
    """
    if instance.supervisors is None:
        return None
    from matcher.planning import plan_teams

    chosen = instance.supervisors if supervisors is None else tuple(supervisors)
    result = plan_teams(instance, team_ids, chosen, params, lang, previous=previous)
    if not result.stage.solved:
        raise SolveFailed("plan", result.stage)
    return result


def plan(
    instance: Instance,
    result_dir: Path,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> RunOutcome:
    """Stage 3 for the result in ``result_dir``: a supervisor per team and the calendar.

    The teams are those of ``result_dir``'s teams.csv (kept as given, members listed in
    the calendar), else the commissions selected in its selection.csv.

    Raises
    ------
    UsageError
        The instance has no supervisors.csv; the folder holds neither teams.csv nor
        selection.csv.
    InputError
        A file of ``result_dir`` that cannot be read for this instance.
    SolveFailed
        When no plan keeps the rules, or none was found in time.
    """
    from matcher.labels import label
    from matcher.loading import read_selection, read_teams

    if instance.supervisors is None:
        raise UsageError(label("plan_no_file", lang, instance=instance.name))
    selection_file = result_dir / "selection.csv"
    teams_file = result_dir / "teams.csv"
    selection: SelectionResult | None = None
    teams: TeamResult | None = None
    if selection_file.is_file():
        commissions, rows = read_selection(selection_file, instance)
        instance = instance.model_copy(update={"commissions": commissions})
        selection = SelectionResult(StageResult.from_file(), rows)
    if teams_file.is_file():
        assignment = read_teams(teams_file, instance)
        chosen = selection.selected_ids if selection is not None else None
        team_ids = chosen if chosen is not None else _team_ids(instance, assignment)
        teams = TeamResult(StageResult.from_file(), tuple(team_ids), dict(assignment))
    elif selection is not None:
        team_ids = selection.selected_ids
    else:
        raise UsageError(f"{result_dir} holds neither teams.csv nor selection.csv")
    result = _stage3(instance, team_ids, solve_params(instance.settings, progress), lang)
    return RunOutcome(
        instance=instance,
        settings=instance.settings,
        selection=selection,
        teams=teams,
        plan=result,
    )


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
    withdraw_supervisors: Iterable[str] = (),
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> WhatIfResult:
    """Re-solve the result in ``from_dir`` after the changes given, with the fewest moves.

    ``instance`` is the original cohort; the changes ``from_dir`` records (an earlier
    what-if) are applied first. Repeated ids count once. When the instance has
    supervisors, stage 3 is solved again in the time left, against the plan of
    ``from_dir`` (supervision.csv, schedule.csv): the fewest teams change supervisor, then
    the fewest events move, then the usual priorities; ``withdraw_supervisors`` leave
    (with those an earlier what-if withdrew). Only supervisors withdrawn: the teams are
    kept as they are.

    Raises
    ------
    RequestError
        No change given; a folder of the request that cannot be used; an id that is not a
        selected commission or a student.
    InputError
        A file of ``from_dir`` or ``add_students`` that cannot be read.
    BrokenRules
        When the selection of ``from_dir`` breaks a selection rule (worded in ``lang``).
    UsageError
        ``withdraw_supervisors`` naming no supervisor, or given for an instance without
        supervisors.csv.
    SolveFailed
        When no team assignment or no plan was found.
    """
    from matcher.labels import worded
    from matcher.loading import read_arrivals
    from matcher.loading.results import read_result, result_files
    from matcher.verify.selection import require_selection_rules
    from matcher.whatif import WhatIf, apply_changes, cohort_of_result

    files = result_files(from_dir)
    # A what-if result records its changes: start from the cohort it was made for.
    instance, recorded = cohort_of_result(instance, files.folder)
    found = read_result(from_dir, instance)
    if found.selection is None or found.selection_source is None:
        raise RequestError("{from_dir} {path} holds no selection", path=from_dir)
    commissions, rows = found.selection
    settings = instance.settings
    instance = instance.model_copy(update={"commissions": commissions})
    selected = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, selected, found.selection_source, lang)
    previous = found.assignment
    arrival_warnings: list[str] = []
    arrivals = (
        read_arrivals(add_students, instance, arrival_warnings) if add_students is not None else ()
    )
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=replace_withdrawn,
    )
    withdraw_supervisors = tuple(withdraw_supervisors)
    leaving = _supervisors_leaving(instance, from_dir, withdraw_supervisors, lang)
    params = solve_params(settings, progress)
    start = time.perf_counter()
    if changes.empty and withdraw_supervisors:
        # Only supervisors leave: the selection and the teams stay as they are.
        teams = None
        if previous is not None:
            teams = TeamResult(StageResult.from_file(), selected, dict(previous))
        outcome = RunOutcome(
            instance,
            settings,
            SelectionResult(StageResult.from_file(), rows),
            teams,
            replace(recorded, moves=0, replaced={}, rows=()),
        )
    else:
        outcome = apply_changes(instance, rows, previous, changes, params, recorded)
    if outcome.teams is not None and not outcome.teams.stage.solved:
        raise SolveFailed("teams", outcome.teams.stage)
    if outcome.instance.supervisors is not None:
        from matcher.loading.supervisors import read_plan

        team_ids = (
            outcome.teams.commission_ids
            if outcome.teams is not None
            else outcome.selection.selected_ids
            if outcome.selection is not None
            else ()
        )
        staying = [s for s in outcome.instance.supervisors if s.id not in leaving]
        result = _stage3(
            outcome.instance,
            team_ids,
            _left(params, start),
            lang,
            supervisors=staying,
            previous=read_plan(files.folder),
        )
        if result is not None:
            result = replace(result, withdrawn=tuple(leaving))
        outcome = replace(outcome, plan=result)
    notes: list[str | Text] = [worded(w, lang) for w in found.warnings]
    notes += arrival_warnings
    notes += outcome.instance.warnings[len(instance.warnings) :]
    return WhatIfResult(outcome, tuple(notes))


def _supervisors_leaving(
    instance: Instance, from_dir: Path, withdraw: Iterable[str], lang: Lang
) -> list[str]:
    """Supervisors withdrawn by this what-if and by the earlier ones ``from_dir`` records.

    Raises
    ------
    UsageError
        An id naming no supervisor, or supervisors withdrawn from an instance without any.
    """
    import json

    from matcher.labels import label

    asked = list(dict.fromkeys(withdraw))
    if instance.supervisors is None:
        if asked:
            raise UsageError(label("plan_no_file", lang, instance=instance.name))
        return []
    known = {s.id for s in instance.supervisors}
    for ident in asked:
        if ident not in known:
            raise UsageError(label("plan_unknown_supervisor", lang, id=ident))
    earlier: list[str] = []
    try:
        summary = json.loads((from_dir / "summary.json").read_text(encoding="utf-8"))
        recorded = summary.get("plan", {}).get("withdrawn_supervisors", [])
        earlier = [str(x) for x in recorded if str(x) in known]
    except (OSError, ValueError, AttributeError):
        earlier = []
    return list(dict.fromkeys([*earlier, *asked]))


# -- check ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: broken rules, metrics, and each priority's value."""

    violations: list[str | Text]
    metrics: dict[str, dict[str, Any]]
    #: (stage, priority name, value for this result, value in DIR/summary.json or None).
    priorities: list[tuple[str, str, int, int | None]]
    #: Which file was read when a folder holds both teams.csv and result.xlsx, and so on
    #: (``Text``: worded by the front end).
    warnings: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the result keeps every rule."""
        return not self.violations


def _team_ids(instance: Instance, assignment: dict[str, str]) -> tuple[str, ...]:
    """Teams named in teams.csv, in commissions.csv order when known, else first appearance."""
    used = dict.fromkeys(assignment.values())
    known = [c.id for c in instance.commissions if c.id in used]
    return tuple(known + [cid for cid in used if cid not in known])


@dataclass(frozen=True)
class _Checked:
    """A result read and checked: its cohort, parts, and what ``check`` reports."""

    instance: Instance
    selection: tuple[Any, ...] | None
    team_ids: tuple[str, ...]
    assignment: dict[str, str] | None
    report: CheckReport
    #: The changes a what-if result records since the original cohort (empty for others).
    recorded: Any = None


def _check(instance: Instance, result: Path) -> _Checked:
    """Read the result at ``result`` (folder or workbook) and check it (see ``check``)."""
    from matcher.loading import recorded_objectives
    from matcher.loading.results import read_result, result_files
    from matcher.stages import SELECTION, TEAMS
    from matcher.verify.selection import selection_metrics, selection_violations
    from matcher.verify.teams import team_metrics, team_violations
    from matcher.whatif import cohort_of_result

    files = result_files(result)
    if not files.has_selection and not files.has_teams:
        raise UsageError(text("check_no_result_files", folder=result))
    # A what-if result is checked against the cohort it was made for (its recorded
    # withdrawals and arrivals, one commission fewer per withdrawal not replaced).
    instance, recorded = cohort_of_result(instance, files.folder)
    found = read_result(result, instance)
    if found.selection is None and found.assignment is None:
        raise UsageError(f"{result} holds neither a selection nor teams")
    solver = recorded_objectives(files.folder)
    report = CheckReport([], {}, [], list(found.warnings))

    def add_priorities(stage: str, names: Iterable[str], values: dict[str, int]) -> None:
        for name in names:
            if name in values:
                recorded = solver.get(stage, {}).get(name)
                report.priorities.append((stage, name, values[name], recorded))

    selected_ids: tuple[str, ...] | None = None
    if found.selection is not None:
        commissions, rows = found.selection
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
    team_ids: tuple[str, ...] = ()
    if found.assignment is not None:
        assignment = found.assignment
        team_ids = selected_ids if selected_ids is not None else _team_ids(instance, assignment)
        report.violations.extend(team_violations(instance, team_ids, assignment))
        report.metrics["teams"] = dict(team_metrics(instance, team_ids, assignment))
        add_priorities(
            "teams",
            instance.settings.teams.priorities,
            TEAMS.objectives(instance, team_ids, assignment),
        )
    return _Checked(instance, found.selection, team_ids, found.assignment, report, recorded)


def check(instance: Instance, result_dir: Path) -> CheckReport:
    """Broken rules, metrics and priorities of the result at ``result_dir``.

    ``result_dir`` is a result folder (selection.csv and/or teams.csv, or an edited
    result.xlsx; a CSV file wins over the workbook, with a warning when they differ) or the
    result.xlsx workbook itself (``matcher.loading.results.read_result``). ``instance`` is
    the original cohort; a what-if result is held to the cohort recorded in its
    summary.json (``matcher.whatif.cohort_of_result``).

    Raises
    ------
    UsageError
        When the folder holds no selection and no teams.
    InputError
        When a file cannot be read as a selection or a team list of this instance, or
        summary.json records changes that cannot be read.
    """
    return _check(instance, result_dir).report


# -- report ---------------------------------------------------------------------------------


def report(instance: Instance, result: Path, lang: Lang = "en") -> RunOutcome:
    """The outputs of the result at ``result`` as it now stands (``matcher report``).

    Every metric is recomputed from the result (a folder or result.xlsx, as ``check`` reads
    it); both stages are "given", not optimised. The outcome's ``edited`` lists the rules
    the result breaks (worded in ``lang``; the outputs are written all the same) and each
    priority's value beside the solver's recorded in the result's summary.json.

    Raises
    ------
    UsageError, InputError
        As ``check``.
    """
    from matcher.labels import worded

    checked = _check(instance, result)
    cohort = checked.instance
    selection = None
    if checked.selection is not None:
        commissions, rows = checked.selection
        if not cohort.commissions:
            cohort = cohort.model_copy(update={"commissions": commissions})
        # Keep the rows' order as the proposals' (the reasons as the result wrote them).
        selection = SelectionResult(StageResult.from_file(), tuple(rows))
    teams = None
    if checked.assignment is not None:
        teams = TeamResult(StageResult.from_file(), checked.team_ids, dict(checked.assignment))
    edited = Edited(
        broken_rules=tuple(worded(v, lang) for v in checked.report.violations),
        priorities=tuple(checked.report.priorities),
    )
    warnings = [worded(w, lang) for w in checked.report.warnings]
    if warnings:
        cohort = cohort.model_copy(update={"warnings": (*cohort.warnings, *warnings)})
    # A what-if result keeps recording its cohort's changes (withdrawals, arrivals), so
    # that check, report and whatif read the re-rendered result against the same cohort.
    recorded = checked.recorded
    keep = recorded is not None and (
        recorded.withdrawn_commissions or recorded.withdrawn_students or recorded.added_students
    )
    changes = replace(recorded, moves=0, replaced={}, rows=()) if keep else None
    return RunOutcome(
        instance=cohort,
        settings=cohort.settings,
        selection=selection,
        teams=teams,
        changes=changes,
        edited=edited,
    )


# -- explain (contract §9) ------------------------------------------------------------------

#: ``run``, ``assign`` and ``whatif`` explain cohorts up to this many students.
EXPLAIN_MAX_STUDENTS = 200


def _proven_optimal(
    instance: Instance,
    team_ids: tuple[str, ...],
    assignment: dict[str, str],
    status: str | None,
    recorded: Mapping[str, int],
) -> bool:
    """Whether these teams are a proven lexicographic optimum of the settings' priorities.

    The status is OPTIMAL and the recorded priorities are exactly the settings' ones, in
    their order, each with the value recomputed from the assignment (an edit, a what-if's
    ``moves`` first, or other settings show as a difference). Anything else only means
    the longer, general path of ``matcher.explain``.
    """
    from matcher.verify.teams import team_objectives

    if status != "OPTIMAL":
        return False
    values = team_objectives(instance, team_ids, assignment)
    expected = [(name, values[name]) for name in instance.settings.teams.priorities]
    return list(recorded.items()) == expected


def explain_step(
    outcome: RunOutcome, *, budget: float | None = None, workers: int = 1
) -> RunOutcome:
    """The explain step of ``run``, ``assign`` and ``whatif``: ``outcome`` with
    ``explanations`` (one per wish, ``matcher.explain``), for cohorts with teams of at
    most ``EXPLAIN_MAX_STUDENTS`` students (others unchanged).

    ``budget``: seconds for every wish together; the wishes it does not reach are
    ``unknown`` (``matcher explain`` answers them with the full time limit).
    """
    from matcher.explain import explain as explain_wishes

    teams = outcome.teams
    instance = outcome.instance
    if teams is None or not teams.stage.solved or len(instance.students) > EXPLAIN_MAX_STUDENTS:
        return outcome
    recorded = {o.name: o.value for o in teams.stage.objectives}
    optimal = _proven_optimal(
        instance, teams.commission_ids, teams.assignment, str(teams.stage.status), recorded
    )
    settings = instance.settings.solver
    params = SolveParams(time_limit=settings.time_limit, seed=settings.seed, workers=1)
    explanations = explain_wishes(
        instance,
        teams.commission_ids,
        teams.assignment,
        params,
        workers=workers,
        optimal=optimal,
        budget=budget,
    )
    return replace(outcome, explanations=tuple(explanations))


@dataclass(frozen=True)
class ExplainResult:
    """What ``explain`` found for a result folder."""

    #: The cohort the result was made for (a what-if's changes applied).
    instance: Instance
    #: One per wish (``matcher.explain.Explanation``); empty when the result breaks rules.
    explanations: tuple[Any, ...]
    #: The rules the result breaks (then nothing is explained).
    violations: list[str | Text]


def explain(
    instance: Instance,
    result_dir: Path,
    students: Collection[str] = (),
    *,
    workers: int | None = None,
) -> ExplainResult:
    """Every wish of the students (all, or ``students``) of the result in ``result_dir``.

    Read as ``check`` reads it (a folder or result.xlsx; selection, teams and the cohort
    recorded in summary.json). The result must keep every rule; a proven optimum
    recorded in summary.json (and unchanged) takes the shorter path. ``workers``:
    processes answering wishes in parallel (default: the settings' ``workers``).

    Raises
    ------
    UsageError
        When the folder holds no teams.csv, or ``students`` names someone not in the cohort.
    InputError
        When a file cannot be read as a selection or a team list of this instance.
    """
    from matcher.explain import explain as explain_wishes
    from matcher.loading import recorded_objectives, recorded_status
    from matcher.loading.results import result_files

    checked = _check(instance, result_dir)
    if checked.assignment is None:
        raise UsageError(f"{result_dir} holds no teams: there are no teams to explain")
    instance, assignment, team_ids = checked.instance, checked.assignment, checked.team_ids
    folder = result_files(result_dir).folder
    known = {s.id for s in instance.students}
    unknown = [s for s in students if s not in known]
    if unknown:
        raise UsageError(f"--student {', '.join(unknown)}: not a student of the cohort")
    violations = checked.report.violations
    if violations:
        return ExplainResult(instance, (), list(violations))
    settings = instance.settings.solver
    # Parallel processes, one CP-SAT worker each.
    params = SolveParams(time_limit=settings.time_limit, seed=settings.seed, workers=1)
    optimal = _proven_optimal(
        instance,
        team_ids,
        assignment,
        recorded_status(folder, "teams"),
        recorded_objectives(folder).get("teams", {}),
    )
    explanations = explain_wishes(
        instance,
        team_ids,
        assignment,
        params,
        students=list(students) or None,
        workers=settings.workers if workers is None else workers,
        optimal=optimal,
    )
    return ExplainResult(instance, tuple(explanations), [])


# -- a result held in memory (the workbench) ------------------------------------------------
#
# Front ends that keep a result open between requests (``matcher serve``) call these: the
# same operations as above on a ``RunOutcome`` and a board (student id → commission id)
# rather than on a result folder. ``StopToken``/``stopping`` stop one solve of the process
# (the workbench's cancel), as Ctrl-C stops the command line's: the best result is kept.

from models.interrupt import StopToken, stopping  # noqa: E402

__all__ += [
    "BoardCheck",
    "StopToken",
    "apply_settings",
    "check_assignment",
    "choice_ranks",
    "explain_student",
    "given_teams",
    "reoptimise",
    "stopping",
    "whatif_board",
]


def apply_settings(instance: Instance, changes: Mapping[str, Any]) -> Instance:
    """The cohort with settings changed, checked as settings.toml is checked.

    ``changes`` maps dotted keys (``"selection.count"``, ``"teams.min_size"``) to values;
    strings of numbers are accepted (a form sends text). The schema's checks, then those
    against the cohort's files (proposal ids of include/exclude, attributes of balance and
    no_isolation, repeated priorities, min_size above max_size, a count above the
    proposals received).

    Raises
    ------
    InputError
        One problem per key refused, ``column`` naming the key.
    """
    from pydantic import ValidationError

    from matcher.eligibility import count_problem
    from matcher.loading.records import InstanceDraft
    from matcher.loading.settings import check_settings

    label = "settings"
    data = instance.settings.model_dump()
    for key, value in changes.items():
        section, _, name = key.partition(".")
        data[section][name] = value
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        problems: list[Problem] = []
        for detail in error.errors():
            key = ".".join(str(part) for part in detail["loc"][:2])
            problem = Problem(label, f"{detail['msg']} (found {detail.get('input')!r})", column=key)
            if problem not in problems:
                problems.append(problem)
        raise InputError(problems) from None
    draft = InstanceDraft(settings=settings, settings_label=label)
    commission_ids = {c.id for c in instance.commissions} if instance.commissions else None
    columns = instance.student_columns if instance.students else None
    settings = check_settings(draft, commission_ids, list(instance.commissions), columns)
    updated = instance.model_copy(update={"settings": settings})
    too_many = count_problem(updated)
    if too_many is not None:
        draft.problems.append(replace(too_many, file=label))
    if draft.problems:
        raise InputError(draft.problems)
    return updated


@dataclass(frozen=True)
class BoardCheck:
    """Every rule and priority of a board, recomputed by ``matcher.verify.teams``."""

    #: Broken rules, one sentence each (worded by the front end: ``labels.worded``).
    violations: list[Any]
    #: Per broken rule, the student and commission ids it names.
    where: list[set[str]]
    objectives: dict[str, int]
    metrics: dict[str, Any]
    #: (smallest, largest) size allowed per team.
    sizes: dict[str, tuple[int, int]]


def check_assignment(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
    locked: Mapping[str, str] | None = None,
) -> BoardCheck:
    """Broken rules, priorities, metrics and size bounds of a board.

    ``previous`` is the board ``moves`` counts against; ``locked`` (student id → commission
    id) are pins the board must keep, as ``Student.pinned`` does.
    """
    import re

    from matcher.rules import team_size_bounds
    from matcher.verify.teams import team_metrics, team_objectives, team_violations

    if locked:
        instance = _with_pins(instance, locked)
    violations: list[Any] = list(team_violations(instance, commission_ids, assignment))
    known = {s.id for s in instance.students} | set(commission_ids)
    token = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
    where = [{t for t in token.findall(str(v)) if t in known} for v in violations]
    return BoardCheck(
        violations,
        where,
        team_objectives(instance, commission_ids, assignment, previous),
        team_metrics(instance, commission_ids, assignment),
        team_size_bounds(instance, commission_ids),
    )


def choice_ranks(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> dict[str, int | None]:
    """Each student's rank for their team among their selected choices (None: no choices)."""
    from matcher.verify.teams import choice_rank

    selected = frozenset(commission_ids)
    return {
        s.id: choice_rank(s, assignment[s.id], selected)
        for s in instance.students
        if s.id in assignment
    }


def _with_pins(instance: Instance, locked: Mapping[str, str]) -> Instance:
    students = tuple(
        s.model_copy(update={"pinned": locked[s.id]}) if s.id in locked else s
        for s in instance.students
    )
    return instance.model_copy(update={"students": students})


def reoptimise(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    locked: Mapping[str, str],
    progress: ProgressCallback | None = None,
) -> RunOutcome:
    """The teams re-solved from a board: ``locked`` students stay where they are, the others
    move as little as possible (``moves`` first, as a what-if), then the settings' priorities.

    The outcome returned holds the cohort with the locks as pins.

    Raises
    ------
    SolveFailed
        When no team assignment keeps the locks and every rule.
    """
    from matcher.teams import form_teams
    from matcher.whatif import MOVES

    if outcome.selection is None:
        raise UsageError("no selection to form teams for")
    instance = _with_pins(outcome.instance, locked)
    teams = form_teams(
        instance,
        outcome.selection.selected_ids,
        solve_params(instance.settings, progress),
        previous=dict(assignment),
        extra_priorities_first=(MOVES,),
    )
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    return replace(outcome, instance=instance, teams=teams)


def whatif_board(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    *,
    withdraw_commissions: Iterable[str] = (),
    withdraw_students: Iterable[str] = (),
    add_students: Path | None = None,
    replace_withdrawn: bool = True,
    progress: ProgressCallback | None = None,
) -> RunOutcome:
    """``whatif`` from a result in memory and its board rather than a result folder.

    Raises
    ------
    RequestError
        An id that is not a selected commission or a student.
    InputError
        An ``add_students`` file that cannot be read.
    SolveFailed
        When no team assignment was found.
    """
    from matcher.loading import read_arrivals
    from matcher.whatif import WhatIf, apply_changes

    if outcome.selection is None:
        raise UsageError("no selection to start from")
    instance = outcome.instance
    arrivals = read_arrivals(add_students, instance) if add_students is not None else ()
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=replace_withdrawn,
    )
    result = apply_changes(
        instance,
        outcome.selection.rows,
        dict(assignment),
        changes,
        solve_params(instance.settings, progress),
        outcome.changes,
    )
    if result.teams is not None and not result.teams.stage.solved:
        raise SolveFailed("teams", result.teams.stage)
    return result


def given_teams(outcome: RunOutcome, assignment: Mapping[str, str]) -> RunOutcome:
    """The outcome with a board edited by hand: its teams are *given* (FEASIBLE, nothing
    claimed about optimality), their priorities recomputed. Unchanged board: ``outcome``."""
    from matcher.results import TeamResult
    from matcher.verify.teams import team_objectives

    teams = outcome.teams
    if teams is None or dict(assignment) == teams.assignment:
        return outcome
    values = team_objectives(outcome.instance, teams.commission_ids, assignment)
    objectives = tuple(
        replace(o, value=values.get(o.name, o.value), bound=values.get(o.name, o.value))
        for o in teams.stage.objectives
    )
    stage = StageResult(Status.FEASIBLE, teams.stage.time_s, objectives, given=True)
    return replace(outcome, teams=TeamResult(stage, teams.commission_ids, dict(assignment)))


def explain_student(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    student_id: str,
    budget: float | None = None,
) -> list[Any]:
    """Why ``student_id`` is not on a better choice (``matcher.explain.explain``), one
    ``Explanation`` per team they ranked better; empty when they have their best choice.

    The board must keep every rule (``check_assignment``). ``optimal`` is claimed only for
    the solver's own board, unedited.

    Raises
    ------
    UsageError
        When the student is not on the board.
    """
    from matcher.explain import explain

    teams = outcome.teams
    if teams is None or student_id not in assignment:
        raise UsageError(f"{student_id}: not a student of the board")
    solver = outcome.instance.settings.solver
    params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
    optimal = teams.stage.status == Status.OPTIMAL and dict(assignment) == teams.assignment
    return explain(
        outcome.instance,
        teams.commission_ids,
        assignment,
        params,
        students=[student_id],
        optimal=optimal,
        budget=budget,
    )
