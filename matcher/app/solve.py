"""Solving: stage 1 (``select``), stage 2 (``assign``), both (``run``), stage 3 (``plan``)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from matcher.app.common import SolveFailed, _team_ids, solve_params
from matcher.errors import UsageError
from matcher.labels import Lang, Text
from matcher.results import (
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    Status,
    TeamResult,
)
from matcher.schemas import Instance
from models.outcome import WORK_PER_SECOND, ProgressCallback, SolveParams

# -- solve ----------------------------------------------------------------------------------


def select(
    instance: Instance,
    progress: ProgressCallback | None = None,
    *,
    started: float | None = None,
) -> RunOutcome:
    """Stage 1: choose the commissions and rank the reserves.

    ``started``: the command's start (``time.perf_counter()``); the time limit then counts
    from it, like ``run``'s, less what writing the outputs will need, as the wall-clock
    safety net only: the work budget stays the whole limit's, the same on every machine
    (10,000 students: ``select --time-limit 3`` ended at 3.5-4.0 s).

    Raises
    ------
    SolveFailed
        When no selection was found (infeasible, or out of time).
    """
    from matcher.app.describe import fit_shortfall

    # Fewer eligible proposals than count could host a team (none offers an oral slot,
    # the calendar a year off): every selection holds one that cannot, which `validate`
    # and `run` answer 3 (probe s40a: `select` exited 0 without a word).
    found, _ = fit_shortfall(instance)
    if found:
        raise SolveFailed("selection", StageResult(Status.INFEASIBLE, 0.0, diagnosis=(*found,)))
    whole = params = solve_params(instance.settings, progress)
    if started is not None:
        _, start, slowness = _command_clock(started)
        left = max(params.time_limit - (time.perf_counter() - start), 0.0)
        keep = min(_finish_reserve(instance, False) * slowness, left / 2)
        params = _left(params, start, keep, work=params.work())
    result = late_selection(instance, whole, params)
    if not result.stage.solved:
        raise SolveFailed("selection", result.stage)
    return RunOutcome(instance=instance, settings=instance.settings, selection=result)


def late_selection(instance: Instance, whole: SolveParams, params: SolveParams) -> SelectionResult:
    """The selection within ``params``; when the clock cut it before any selection was
    found (a loaded machine: the stages after it kept back the time they need, scaled by
    its slowness), again within ``whole`` (the command's limit): a result late rather than
    nothing, as the teams' (probe s34c: ``run --time-limit 5`` at about three times the
    load ended « no selection found in 0.1 s » on 6 of 15 proposals, exit 4)."""
    from matcher.selection import select_commissions
    from models.interrupt import should_stop

    found = select_commissions(instance, params)
    if found.stage.solved or found.stage.status == Status.INFEASIBLE or should_stop():
        return found
    again = select_commissions(instance, whole)
    return again if again.stage.solved else found


@dataclass(frozen=True)
class TeamsClock:
    """The time limit of a command that forms teams from a given selection (``assign``,
    ``whatif``), counted from the command's start like ``run``'s."""

    #: The team stage's parameters: what start-up and loading left of the limit, less what
    #: stage 3 and the writing will need (the work in reference seconds, as ``run``).
    teams: SolveParams
    #: The ``time.perf_counter()`` value the limit counts from.
    start: float
    #: The machine's wall seconds per CPU second so far (``_slowness``).
    slowness: float
    #: The whole command's work budget (units, ``SolveParams.work``).
    work: float
    #: The whole command's time limit (seconds, counted from ``start``).
    limit: float

    def plan(self, instance: Instance, teams: TeamResult | None) -> SolveParams:
        """Stage 3's parameters: what the teams (``teams``: None if none were formed) left
        of the work and of the time since ``start``, less what the writing needs. Counted
        from the command's limit: from the team stage's, the time before the teams was
        taken off twice, and stage 3's own share kept back from the teams (probe s32d:
        under load, a what-if's plan had 0.4 s of a 30 s limit 15 s in, exit 4)."""
        spent = teams.stage.work if teams is not None else 0.0
        work = _plan_work(instance, self.work - spent)
        reserve = _finish_reserve(instance, False) * self.slowness
        whole = replace(self.teams, time_limit=self.limit)
        return _left(whole, self.start, reserve, work=work)


def _plan_work(instance: Instance, left: float) -> float:
    """Stage 3's work budget: the units ``left`` by the earlier stages less the writing's
    reference seconds (``_finish_reserve``), the same on every machine (issue 17)."""
    return max(left - _finish_reserve(instance, False) * WORK_PER_SECOND, 0.05)


def teams_clock(params: SolveParams, instance: Instance, started: float | None) -> TeamsClock:
    """``TeamsClock`` for ``instance`` from ``started`` (None: now, at the speed of a quiet
    machine). Without it ``assign`` and ``whatif`` gave the team stage the whole limit from
    its own start: 200 students, ``whatif --time-limit 3``, 3.2 s; 1,000, ``assign
    --time-limit 5``, 5.8 s."""
    entered, start, slowness = _command_clock(started)
    reserve = _finish_reserve(instance, True)
    # The work budget is the limit's less the reserve in reference seconds: the same on
    # every machine; the clock keeps the reserve at this machine's speed.
    work = max(params.work() - reserve * WORK_PER_SECOND, 0.05)
    remaining = max(params.time_limit - (entered - start), 0.0)
    kept = reserve * slowness
    if kept > remaining / 2:
        kept = min(_measured_finish(instance, True) * slowness, remaining)
    teams = _left(params, start, kept, work=work)
    return TeamsClock(teams, start, slowness, params.work(), params.time_limit)


def assign(
    instance: Instance,
    selection_file: Path,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
    started: float | None = None,
) -> RunOutcome:
    """Stage 2: one team per commission marked selected in ``selection_file``.

    The selection is given, not optimised: its stage says so (``StageResult.from_file``).
    ``started``: the ``time.perf_counter()`` value the time limit counts from (the
    command's start, ``run``'s ``started``); default: now.

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
    from matcher.whatif import cohort_of_result

    # The selection of a what-if result (a commission withdrew before teams, not replaced)
    # is held to that result's cohort, its summary.json's record: one commission fewer per
    # withdrawal not replaced, pins to a withdrawn commission released. The record is kept.
    instance, recorded = cohort_of_result(instance, Path(selection_file).parent)
    said: list[Text] = []
    commissions, rows = read_selection(selection_file, instance, said)
    settings = instance.settings
    # What was said of the workbook (its Selection sheet read under another name) joins
    # the cohort's warnings: the report and summary.json say it, as for `check`.
    instance = instance.model_copy(
        update={"commissions": commissions, "warnings": (*instance.warnings, *said)}
    )
    commission_ids = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, commission_ids, selection_file, lang)
    clock = teams_clock(solve_params(settings, progress), instance, started)
    teams = form_teams(instance, commission_ids, clock.teams)
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    selection = SelectionResult(StageResult.from_file(), rows)
    plan_result, stopped = stage3_unless_stopped(
        instance, commission_ids, clock.plan(instance, teams), lang
    )
    keep = recorded.withdrawn_commissions or recorded.withdrawn_students or recorded.added_students
    return RunOutcome(
        instance=instance,
        settings=settings,
        selection=selection,
        teams=teams,
        changes=replace(recorded, moves=0, rows=(), recorded_only=True) if keep else None,
        plan=plan_result,
        plan_stopped=stopped,
    )


def run(
    instance: Instance,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
    *,
    stage3: bool = True,
    started: float | None = None,
) -> RunOutcome:
    """Both stages: the commissions, then their teams, within one time limit.

    The teams get whatever time the selection leaves. When the instance has supervisors
    (``Instance.supervisors``), stage 3 follows in what the teams leave; its diagnosis,
    when no plan exists, is worded in ``lang``. ``stage3`` false: no plan (a front end
    that plans on its own, ``plan_board``, to show the teams even when no plan exists).
    ``started``: the ``time.perf_counter()`` value the time limit counts from (the
    command's start, so that start-up and loading count too); default: now. It moves
    only the wall-clock safety net: the work budgets, which decide, stay the limit's.

    Raises
    ------
    SolveFailed
        When either stage found no solution (``stage`` says which).
    """
    from matcher.teams import form_teams

    settings = instance.settings
    params = solve_params(settings, progress)
    entered, cpu = time.perf_counter(), time.process_time()
    start = entered if started is None else min(started, entered)
    # The selection's wall clock is what start-up and loading left of the limit, less
    # what must follow it whatever happens (the teams' start, stage 3, writing) at the
    # speed start-up and loading had (the process's wall per CPU second: 10 at load 12),
    # half of it at most; its work budget stays the whole limit's (the same on every
    # machine). At 10,000 students under load 12 the selection took 87 s of 120, and the
    # teams' start and writing, which cannot be cut, another 75. Where that would be more
    # than half (a heavily loaded machine), the costs measured in session 8 decide
    # instead, the selection keeping a tenth at least: with half kept, at load 16 it took
    # 21 s of a 60 s limit and the run ended at 79 s. Its own search is short (10,000:
    # proven in 0.2 CPU s); the rest of its time ranks the reserves.
    before = _slowness(entered - start, cpu) if started is not None else 1.0
    left = max(params.time_limit - (entered - start), 0.0)
    after = _after_selection(instance, stage3) * before
    if after > left / 2:
        measured = _MEASURED_START_PER_STUDENT * len(instance.students)
        measured += _measured_finish(instance, stage3)
        after = min(measured * before, left * _AFTER_SELECTION_MAX)
    selection = late_selection(instance, params, _left(params, start, after, work=params.work()))
    if not selection.stage.solved:
        raise SolveFailed("selection", selection.stage)
    # The teams' work budget is what the selection's counted work left of the limit's,
    # not what the clock left: the same on every machine (the time left is only the
    # wall-clock safety net). Both keep back what stage 3 and the outputs will need: the
    # work in reference seconds, the clock in seconds of this machine as loaded as the
    # selection found it.
    # Where that is more than half of what the selection left (a heavily loaded machine),
    # the costs measured in session 8 decide, kept whole even when they leave the teams
    # nothing: their start (the flows, which the time limit cannot cut) is their result
    # then. Capped at half, as until session 8, 10,000 students at load 12 ended 4 % past
    # the limit, stage 3 and the writing squeezed into 35 s for 39 s of work.
    elapsed = time.perf_counter() - start
    slowness = _slowness(time.perf_counter() - entered, time.process_time() - cpu)
    reserve = _finish_reserve(instance, stage3)
    work = max(params.work() - selection.stage.work - reserve * WORK_PER_SECOND, 0.05)
    remaining = max(params.time_limit - elapsed, 0.0)
    kept = reserve * slowness
    if kept > remaining / 2:
        kept = min(_measured_finish(instance, stage3) * slowness, remaining)
    teams_params = _left(params, start, kept, work=work)
    teams = form_teams(instance, selection.selected_ids, teams_params)
    if teams.stage.status == Status.INFEASIBLE:
        instance, selection, teams = _next_selection(
            instance, selection, teams, params, (start, kept, reserve)
        )
    if not teams.stage.solved:
        raise SolveFailed("teams", _shortfall_first(instance, teams.stage))
    plan_work = _plan_work(instance, params.work() - selection.stage.work - teams.stage.work)
    plan_params = _left(params, start, _finish_reserve(instance, False) * slowness, work=plan_work)
    plan_result, stopped = (
        stage3_unless_stopped(instance, selection.selected_ids, plan_params, lang)
        if stage3
        else (None, None)
    )
    return RunOutcome(
        instance=instance,
        settings=settings,
        selection=selection,
        teams=teams,
        plan=plan_result,
        plan_stopped=stopped,
    )


def _next_selection(
    instance: Instance,
    selection: SelectionResult,
    teams: TeamResult,
    params: SolveParams,
    clock: tuple[float, float, float],
) -> tuple[Instance, SelectionResult, TeamResult]:
    """The best selection whose teams can be formed, when ``selection``'s cannot
    (``matcher.app.reselect``), in what the run has left: ``clock`` is its start, the
    seconds and the reference seconds kept back for what follows the teams. The cohort
    gains the warning naming the selections passed over."""
    from matcher.app.common import with_warnings
    from matcher.app.reselect import next_selections

    start, kept, reserve = clock

    def budget(spent: float) -> SolveParams:
        work = max(params.work() - spent - reserve * WORK_PER_SECOND, 0.0)
        return _left(params, start, kept, work=work)

    selection, teams, passed = next_selections(instance, selection, teams, budget)
    if teams.stage.status == Status.UNKNOWN:  # out of time: the seconds its message says
        elapsed = time.perf_counter() - start  # are the run's (probe s35f: « en 0,0 s »)
        teams = replace(teams, stage=replace(teams.stage, time_s=elapsed))
    return with_warnings(instance, [passed] if passed else []), selection, teams


#: The most of what start-up and loading left that the selection keeps back for what
#: follows it: it keeps a tenth for itself whatever the machine's load.
_AFTER_SELECTION_MAX = 0.9
#: CPU seconds per student measured on 10,000 x 1,000 in session 8 (2026-12-02, this
#: machine), half again as margin: the teams' start (team data and flows, 0.18 ms),
#: stage 3 (0.035 ms) and writing every output (0.37 ms). The reserves below, set when
#: writing was slower, stay those of every run they leave at least half the time to.
_MEASURED_START_PER_STUDENT = 0.00027
_MEASURED_PLAN_PER_STUDENT = 0.00005
_MEASURED_WRITE_PER_STUDENT = 0.00055


def _measured_finish(instance: Instance, stage3: bool) -> float:
    """``_finish_reserve`` from the costs measured in session 8 (reference seconds)."""
    plan = stage3 and instance.supervisors is not None
    per_student = _MEASURED_WRITE_PER_STUDENT + (_MEASURED_PLAN_PER_STUDENT if plan else 0.0)
    return per_student * len(instance.students)


#: Wall seconds per student a run keeps back after the team stage for writing the outputs
#: (10,000 x 1,000 with supervisors, ``benchmarks/phases.py`` on 2026-12-04, load 2 on two
#: cores: 14.0 s, 8.2 of them result.xlsx and 2.4 calendar.ics; it was 17.7 s before
#: session 22, against the 10 s kept then; loading took 4 s before the limit began), and
#: per student for stage 3 when it follows (the greedy plan of 10,000 students: 2 s).
#: Proportional to the cohort; at 60 students a tenth of a second.
_WRITE_SECONDS_PER_STUDENT = 0.0014
_PLAN_SECONDS_PER_STUDENT = 0.0005
#: Wall seconds per student of the team stage's start (min-cost flows), on the idle
#: development machine (10,000 students: 3 s).
_TEAMS_START_SECONDS_PER_STUDENT = 0.0003


def _after_selection(instance: Instance, stage3: bool) -> float:
    """Reference seconds that must follow the selection: the teams' start (flows, which
    cannot be interrupted: 10,000 students, 3 s), then what ``_finish_reserve`` keeps."""
    students = len(instance.students)
    return _TEAMS_START_SECONDS_PER_STUDENT * students + _finish_reserve(instance, stage3)


def _finish_reserve(instance: Instance, stage3: bool) -> float:
    """Seconds to keep back for what follows a stage: writing, and stage 3 if ``stage3``
    and the instance has supervisors."""
    per_student = _WRITE_SECONDS_PER_STUDENT
    if stage3 and instance.supervisors is not None:
        per_student += _PLAN_SECONDS_PER_STUDENT
    return per_student * len(instance.students)


def writing_reserve(instance: Instance, started: float) -> float:
    """Wall seconds a command begun at ``started`` (``time.perf_counter()``, the process's
    start) keeps back for writing the outputs of ``instance``: the reference seconds per
    student at the speed this process has had so far (wall per CPU second)."""
    slowness = _slowness(time.perf_counter() - started, time.process_time())
    return _WRITE_SECONDS_PER_STUDENT * len(instance.students) * slowness


#: The most a loaded machine is assumed slower than its CPU time says (``_slowness``).
_MAX_SLOWNESS = 8.0


def _command_clock(started: float | None) -> tuple[float, float, float]:
    """``(entered, start, slowness)``: now (``time.perf_counter()``), the value the time
    limit counts from (the command's ``started``, else now) and this process's wall
    seconds per CPU second since then (``_slowness``; 1 without ``started``)."""
    entered, cpu = time.perf_counter(), time.process_time()
    if started is None:
        return entered, entered, 1.0
    start = min(started, entered)
    return entered, start, _slowness(entered - start, cpu)


def _slowness(wall: float, cpu: float) -> float:
    """Wall seconds per CPU second of this process so far (1 on an idle machine; 3-5
    with seven other sessions on two cores), within 1 and ``_MAX_SLOWNESS``: what turns
    the reference seconds kept back for writing into this machine's."""
    if cpu <= 0.05:
        return 1.0
    return min(max(wall / cpu, 1.0), _MAX_SLOWNESS)


def _left(
    params: SolveParams, start: float, reserve: float = 0.0, *, work: float | None = None
) -> SolveParams:
    """``params`` with whatever the earlier stages left of the time limit since ``start``,
    less ``reserve`` seconds kept for what follows; ``work``: its work budget, if given.

    A sliver at least, so a hard time limit still yields an honest "no solution within
    the time limit" rather than a crash.
    """
    remaining = max(params.time_limit - reserve - (time.perf_counter() - start), 0.05)
    if work is None:
        return replace(params, time_limit=remaining)
    return replace(params, time_limit=remaining, work_limit=work)


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


def stage3_unless_stopped(
    instance: Instance,
    team_ids: Sequence[str],
    params: SolveParams,
    lang: Lang,
    teams_found: bool = True,
    **previous: Any,
) -> tuple[PlanResult | None, StageResult | None]:
    """``_stage3`` for a command that found its teams: when Ctrl-C stopped stage 3 before
    it found any plan, ``(None, its stage)`` instead of ``SolveFailed``, so that the teams,
    the best result found so far, are written (contract §2) without the plan's files.
    ``teams_found`` false (teams kept as given): a stop raises ``SolveFailed`` as
    ``_stage3`` does, since nothing was found."""
    from models.interrupt import stop_requested

    try:
        return _stage3(instance, team_ids, params, lang, **previous), None
    except SolveFailed as failure:
        if failure.infeasible or not teams_found or not stop_requested():
            raise
        return None, failure.result


def plan(
    instance: Instance,
    result_dir: Path,
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
    started: float | None = None,
) -> RunOutcome:
    """Stage 3 for the result in ``result_dir``: a supervisor per team and the calendar,
    within the time limit counted from ``started`` (the command's start; default: now),
    the writing kept back.

    The teams are those of ``result_dir``'s teams.csv (kept as given, members listed in
    the calendar), else the commissions selected in its selection.csv. A what-if result is
    planned for its own cohort (the changes its summary.json records, carried into the
    outputs) without the supervisors it withdrew; the warnings of reading the result and
    the team rules it breaks (a result edited by hand) join the cohort's warnings.

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
    from matcher.labels import counted, label
    from matcher.loading.plan_files import recorded_withdrawn_supervisors
    from matcher.loading.result_book import no_result
    from matcher.loading.results import read_result, result_files
    from matcher.verify.teams import team_violations
    from matcher.whatif import cohort_of_result

    if instance.supervisors is None:
        raise UsageError(label("plan_no_file", lang, instance=instance.name))
    supervisors = instance.supervisors
    folder = result_files(result_dir).folder
    # A what-if result was made for its own cohort (students withdrawn or arrived).
    instance, recorded = cohort_of_result(instance, folder)
    # A folder with its CSV files or an edited result.xlsx, or that workbook itself (§8).
    found = read_result(result_dir, instance)
    selection: SelectionResult | None = None
    teams: TeamResult | None = None
    warnings: list[str | Text] = list(found.warnings)
    if found.selection is not None:
        commissions, rows = found.selection
        instance = instance.model_copy(update={"commissions": commissions})
        selection = SelectionResult(StageResult.from_file(), rows)
    if found.assignment is not None:
        assignment = found.assignment
        chosen = selection.selected_ids if selection is not None else None
        team_ids = chosen if chosen is not None else _team_ids(instance, assignment)
        teams = TeamResult(
            carried_teams(instance, folder, team_ids, assignment) or StageResult.from_file(),
            tuple(team_ids),
            dict(assignment),
        )
        broken = team_violations(instance, team_ids, assignment)
        if broken:
            name = found.teams_source.name if found.teams_source else result_dir.name
            warnings.append(counted("w_plan_teams_break", len(broken), file=name, first=broken[0]))
    elif selection is not None:
        team_ids = selection.selected_ids
    else:
        raise UsageError(no_result(result_dir, instance))
    if warnings:
        instance = instance.model_copy(update={"warnings": (*instance.warnings, *warnings)})
    withdrawn = recorded_withdrawn_supervisors(folder)
    staying = [s for s in supervisors if s.id not in withdrawn]
    # 1,000 students, `plan --time-limit 3`: 3.97 s, when stage 3 had the whole limit.
    _, start, slowness = _command_clock(started)
    params = solve_params(instance.settings, progress)
    work = _plan_work(instance, params.work())
    params = _left(params, start, _finish_reserve(instance, False) * slowness, work=work)
    result = _stage3(instance, team_ids, params, lang, supervisors=staying)
    if result is not None and withdrawn:
        result = replace(result, withdrawn=withdrawn)
    keep = recorded.withdrawn_commissions or recorded.withdrawn_students or recorded.added_students
    return RunOutcome(
        instance=instance,
        settings=instance.settings,
        selection=selection,
        teams=teams,
        changes=replace(recorded, moves=0, rows=(), recorded_only=True) if keep else None,
        plan=result,
    )


def _shortfall_first(instance: Instance, stage: StageResult) -> StageResult:
    """The teams' diagnosis of ``run`` when fewer eligible proposals than ``count`` could
    host a team of the cohort: that said first (the selection had to take some that
    cannot), in place of those proposals' own size or oral rules, which it names."""
    from matcher.app.describe import fit_shortfall, sizes_cannot_hold

    if stage.status != Status.INFEASIBLE:
        return stage
    if sizes_cannot_hold(instance) is not None:
        # The cohort's team sizes cannot hold its students whatever is selected: the
        # diagnosis says so (``teams``), and which proposals could host a team under those
        # sizes is beside the point.
        return stage
    found, rules = fit_shortfall(instance)
    if not found:
        return stage
    rest = tuple(d for d in stage.diagnosis if d not in rules)
    return replace(stage, diagnosis=(*found, *rest))


def carried_teams(
    instance: Instance, folder: Path, team_ids: Sequence[str], assignment: Mapping[str, str]
) -> StageResult | None:
    """The teams stage ``folder``'s summary.json records, when the teams read back are still
    what it was solved for: the same cohort and settings (``Instance.teams_digest``) and
    every priority at its recorded value (a what-if's ``moves`` cannot be recomputed here:
    not carried). Else None: the teams are given."""
    from matcher.loading.summary import recorded_cohort, recorded_stage
    from matcher.verify.teams import team_objectives

    if not instance.solved_for(team_ids, recorded_cohort(folder)):
        return None
    return recorded_stage(folder, "teams", team_objectives(instance, team_ids, assignment))
