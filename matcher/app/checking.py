"""``check`` and ``report``: a result (possibly edited by hand) read and verified."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.app.common import _team_ids
from matcher.errors import UsageError
from matcher.labels import Lang, Text, text
from matcher.results import (
    Changes,
    Edited,
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    TeamResult,
)
from matcher.schemas import Instance

if TYPE_CHECKING:
    from matcher.loading.results import ResultFiles

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
    #: The result's stage-3 plan as it now stands (``None``: the folder has none).
    plan: PlanResult | None = None


def _check(instance: Instance, result: Path) -> _Checked:
    """Read the result at ``result`` (folder or workbook) and check it (see ``check``)."""
    from matcher.loading import recorded_objectives
    from matcher.loading.result_book import no_result
    from matcher.loading.results import read_result, result_files
    from matcher.stages import SELECTION, TEAMS
    from matcher.verify.selection import (
        pin_violations,
        selection_metrics,
        selection_violations,
    )
    from matcher.verify.teams import team_metrics, team_violations
    from matcher.whatif import cohort_of_result

    files = result_files(result)
    if not files.has_selection and not files.has_teams:
        raise UsageError(no_result(result, instance))
    # A what-if result is checked against the cohort it was made for (its recorded
    # withdrawals and arrivals, one commission fewer per withdrawal not replaced).
    instance, recorded = cohort_of_result(instance, files.folder)
    found = read_result(result, instance)
    if found.selection is None and found.assignment is None:
        raise UsageError(text("app_result_empty", folder=result))
    solver = recorded_objectives(files.folder)
    report = CheckReport([], {}, [], list(found.warnings))
    if "teams" in solver and _cohort_changed(instance, files.folder):
        # The solver's values were for the cohort as it was: beside this one's they would
        # read as the cost of an edit that nobody made.
        del solver["teams"]
        report.warnings.append(text("check_cohort_changed"))

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
    if found.selection is not None and found.assignment is None and selected_ids is not None:
        # No teams yet: a pin on a proposal the selection leaves out can never be kept
        # (``assign`` of it answers 3), so it is broken here already.
        report.violations.extend(pin_violations(instance, selected_ids))
        report.violations.extend(_unfit_selected(instance, selected_ids))
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
    # A workbook given itself is the result: the plan files beside it are not read.
    book_only = not Path(result).is_dir()
    plan = _check_plan(instance, files, team_ids or selected_ids or (), report, book_only)
    return _Checked(instance, found.selection, team_ids, found.assignment, report, recorded, plan)


def _cohort_changed(instance: Instance, folder: Path) -> bool:
    """Whether what the teams of ``folder``'s summary.json were solved for (students,
    pairs, the ``[teams]`` settings, the commissions they were solved on:
    ``Instance.teams_digest``) has changed in ``instance`` since; False when it does not say."""
    from matcher.loading.summary import recorded_cohort, recorded_locks, recorded_team_ids

    digest, ids = recorded_cohort(folder), recorded_team_ids(folder)
    if digest is None or ids is None:
        return False
    locks = recorded_locks(folder)
    if locks:
        # Re-optimised in the workbench with locks, solved with them as pins.
        students = tuple(
            s.model_copy(update={"pinned": locks[s.id]}) if s.id in locks else s
            for s in instance.students
        )
        update = {"students": students, "locked": instance.locked | frozenset(locks)}
        instance = instance.model_copy(update=update)
    return not instance.solved_for(ids, digest)


def _unfit_selected(instance: Instance, selected_ids: Sequence[str]) -> list[Text]:
    """Selected proposals (a result without teams yet) that could host no team of the
    cohort (``conflicts.unfit_rule``): no teams can keep the rules with them (``assign``
    of the selection answers 3), as ``select`` never chooses them."""
    from matcher.conflicts import unfit_rule

    by_id = {c.id: c for c in instance.commissions}
    count = len(dict.fromkeys(selected_ids))
    rules = [
        unfit_rule(instance, by_id[cid], count)
        for cid in dict.fromkeys(selected_ids)
        if cid in by_id
    ]
    return [text("v_selected_unfit", rule=rule) for rule in rules if rule is not None]


def _check_plan(
    instance: Instance,
    files: ResultFiles,
    team_ids: tuple[str, ...],
    report: CheckReport,
    book_only: bool = False,
) -> PlanResult | None:
    """The plan of the result (its folder's plan files, else its workbook's Schedule
    sheet), its broken rules, metrics and priorities added to ``report`` (``None``,
    nothing added: the result holds no plan)."""
    from matcher.app.plan_check import check_plan
    from matcher.loading import recorded_objectives

    folder = files.folder
    checked = check_plan(instance, folder, team_ids, files.book, book_only)
    if checked is None:
        if instance.supervisors is not None and team_ids:
            # "Holds every rule" would read as the plan's too: say that there is none.
            report.warnings.append(text("check_no_plan", file=instance.supervisors_file))
        return None
    # Once: a workbook that is no workbook is said by the teams' reading too (probe s38g).
    report.warnings.extend(w for w in checked.warnings if w not in report.warnings)
    report.violations.extend(b.message for b in checked.breaks)
    report.metrics["plan"] = dict(checked.metrics)
    recorded = recorded_objectives(folder).get("plan", {})
    for name in instance.settings.supervision.priorities:
        report.priorities.append(("plan", name, checked.objectives[name], recorded.get(name)))
    return checked.plan


def check(instance: Instance, result_dir: Path) -> CheckReport:
    """Broken rules, metrics and priorities of the result at ``result_dir``.

    ``result_dir`` is a result folder (selection.csv and/or teams.csv, or an edited
    result.xlsx; a CSV file wins over the workbook, with a warning when they differ) or the
    result.xlsx workbook itself (``matcher.loading.results.read_result``). ``instance`` is
    the original cohort; a what-if result is held to the cohort recorded in its
    summary.json (``matcher.whatif.cohort_of_result``). A folder holding a stage-3 plan
    (supervision.csv, schedule.csv) has it checked too, against the teams as they now
    stand (``matcher.app.plan_check``); without one, a warning says that stage 3 was not
    checked when the instance has supervisors.

    Raises
    ------
    UsageError
        When the folder holds no selection and no teams, or a plan while the instance has
        no supervisors.csv.
    InputError
        When a file cannot be read as a selection, a team list or a plan of this instance,
        or summary.json records changes that cannot be read.
    """
    return _check(instance, result_dir).report


# -- report ---------------------------------------------------------------------------------


def report(instance: Instance, result: Path, lang: Lang = "en") -> RunOutcome:
    """The outputs of the result at ``result`` as it now stands (``matcher report``):
    ``report_checked``'s outcome."""
    return report_checked(instance, result, lang)[0]


def report_checked(
    instance: Instance, result: Path, lang: Lang = "en", *, whatif: bool = False
) -> tuple[RunOutcome, CheckReport]:
    """The outputs of the result at ``result`` as it now stands (``matcher report``), and
    what ``check`` says of it (its rules and warnings unworded: the workbench words them in
    the language it is switched to), from one reading of the result.

    Every metric is recomputed from the result (a folder or result.xlsx, as ``check`` reads
    it); both stages are "given", not optimised. The outcome's ``edited`` lists the rules
    the result breaks (worded in ``lang``; the outputs are written all the same) and each
    priority's value beside the solver's recorded in the result's summary.json.
    ``whatif`` (the workbench reopening a save): a what-if's result whose teams are still
    its own keeps that what-if (its moves, reserves and changes.csv), so that it is explained
    with its moves first, as ``matcher explain --result`` and its explanations.csv do.

    Raises
    ------
    UsageError, InputError
        As ``check``.
    """
    from matcher.labels import worded
    from matcher.loading import recorded_solver
    from matcher.loading.results import result_files

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
    plan = checked.plan
    edited = Edited(
        broken_rules=tuple(worded(v, lang) for v in checked.report.violations),
        priorities=tuple(checked.report.priorities),
    )
    warnings = [worded(w, lang) for w in checked.report.warnings]
    if warnings:
        cohort = cohort.model_copy(update={"warnings": (*cohort.warnings, *warnings)})
    # report solves nothing: the seed, workers and time limit recorded are the solve's.
    solver = recorded_solver(result_files(result).folder)
    if solver is not None:
        settings = cohort.settings.model_copy(update={"solver": solver})
        cohort = cohort.model_copy(update={"settings": settings})
    # A what-if result keeps recording its cohort's changes (withdrawals, arrivals), so
    # that check, report and whatif read the re-rendered result against the same cohort.
    recorded = checked.recorded
    keep = recorded is not None and (
        recorded.withdrawn_commissions or recorded.withdrawn_students or recorded.added_students
    )
    changes = replace(recorded, moves=0, rows=(), recorded_only=True) if keep else None
    if whatif and keep and teams is not None:
        changes = _whatif_kept(instance, result, checked) or changes
    outcome = RunOutcome(
        instance=cohort,
        settings=cohort.settings,
        selection=selection,
        teams=teams,
        changes=changes,
        plan=plan,
        edited=edited,
    )
    return outcome, checked.report


def _whatif_kept(instance: Instance, result: Path, checked: _Checked) -> Changes | None:
    """``report_checked``'s what-if as it wrote the result (its changes.csv rows), or None
    when the teams are not its own any more (edited since) or it wrote no changes.csv."""
    from matcher.app.whatif_record import whatif_rows
    from matcher.loading.results import result_files

    recorded, assignment = checked.recorded, checked.assignment
    if not isinstance(recorded, Changes) or assignment is None:
        return None
    folder = result_files(result).folder
    read, _ = whatif_rows(folder, recorded, checked.instance, assignment, checked.team_ids)
    if read is None:
        return None
    names = {s.id: s.name for s in instance.students}
    left = {sid: names.get(sid, "") for sid, _, new in read.rows if not new}
    return replace(recorded, rows=read.rows, left_names=left)
