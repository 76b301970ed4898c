"""``whatif``: re-solve a result after withdrawals and arrivals."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.app.board_plan import leaving_first, recorded_against, taken_over
from matcher.app.common import SolveFailed, solve_params, with_warnings, without_choices_now
from matcher.app.solve import carried_teams, stage3_unless_stopped, teams_clock
from matcher.errors import InputError, RequestError, UsageError
from matcher.labels import Lang, Text, counted, listing, text, worded
from matcher.results import (
    Changes,
    PlanResult,
    RunOutcome,
    SelectionResult,
    SelectionRow,
    StageResult,
    TeamResult,
)
from matcher.schemas import Instance
from matcher.text import printable
from models.outcome import ProgressCallback, SolveParams

if TYPE_CHECKING:
    from matcher.loading.results import ResultFiles
    from matcher.whatif import WhatIf


@dataclass(frozen=True)
class WhatIfResult:
    """A what-if's outputs, and the warnings this what-if adds to its cohort's."""

    outcome: RunOutcome
    notes: tuple[str | Text, ...]
    #: The first ``read`` notes are about reading the earlier result (kept back by
    #: --quiet); the rest, the arrivals' and what the what-if could not do as asked.
    read: int = 0


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
    started: float | None = None,
    progress_for: Callable[[int], ProgressCallback | None] | None = None,
) -> WhatIfResult:
    """Re-solve the result in ``from_dir`` after the changes given, with the fewest moves.

    ``instance`` is the original cohort; the changes ``from_dir`` records (an earlier
    what-if) are applied first. Repeated ids count once. When the instance has
    supervisors, stage 3 is solved again in the time left, against the plan of
    ``from_dir`` (supervision.csv, schedule.csv): the fewest teams change supervisor, then
    the fewest events move, then the usual priorities; ``withdraw_supervisors`` leave
    (with those an earlier what-if withdrew). Only supervisors withdrawn: the teams are
    kept as they are. ``progress_for``: instead of ``progress``, the callback for a cohort
    of that many students, the number the changes leave (the terminal then shows the
    experience priority in years for that cohort, not as the solver's integer).

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
    from matcher.loading.results import result_files
    from matcher.whatif import apply_changes

    files = result_files(from_dir)
    withdraw_commissions = tuple(withdraw_commissions)
    earlier = _earlier_result(instance, from_dir, files.folder, lang, withdraw_commissions)
    arrival_warnings: list[str | Text] = []
    changes = _requested_changes(
        earlier.instance,
        withdraw_commissions,
        withdraw_students,
        add_students,
        replace_withdrawn,
        arrival_warnings,
    )
    withdraw_supervisors = tuple(withdraw_supervisors)
    leaving = _supervisors_leaving(earlier.instance, from_dir, withdraw_supervisors, lang)
    changes = replace(
        changes,
        teams_file=earlier.teams_file,
        pairs=instance.pairs,
        supervisors_gone=tuple(leaving),
    )
    if progress_for is not None:
        staying = len(earlier.instance.students) - len(set(changes.withdraw_students))
        progress = progress_for(staying + len(changes.add_students))
    # Counted from the command's start (``started``), the plan and the writing kept back.
    clock = teams_clock(
        solve_params(earlier.instance.settings, progress), earlier.instance, started
    )
    # The warnings about the files this what-if read (the earlier result, the arrivals)
    # join the cohort's, so that summary.json, the report and the workbook list them too.
    cohort_warnings = len(earlier.instance.warnings)
    earlier = replace(earlier, instance=with_warnings(earlier.instance, earlier.warnings))
    earlier = replace(earlier, instance=with_warnings(earlier.instance, arrival_warnings))
    if changes.empty and withdraw_supervisors:
        outcome = _teams_kept(earlier, files.folder)
    else:
        outcome = apply_changes(
            earlier.instance,
            earlier.rows,
            earlier.assignment,
            changes,
            clock.teams,
            earlier.recorded,
        )
    if outcome.teams is not None and not outcome.teams.stage.solved:
        raise SolveFailed("teams", outcome.teams.stage)
    if outcome.instance.supervisors is not None:
        plan_params = clock.plan(outcome.instance, outcome.teams)
        outcome = _replanned(
            outcome, leaving, files, plan_params, lang, earlier, withdraw_supervisors
        )
    notes = tuple(outcome.instance.warnings[cohort_warnings:])
    arriving = {s.id for s in changes.add_students}
    read = len(earlier.warnings)
    return WhatIfResult(without_choices_now(outcome, cohort_warnings, arriving), notes, read)


@dataclass(frozen=True)
class _EarlierResult:
    """The result a what-if starts from, in the cohort it was made for."""

    #: The cohort of the result (its recorded changes applied), with the proposals of its
    #: selection.csv as commissions.
    instance: Instance
    rows: tuple[SelectionRow, ...]
    selected: tuple[str, ...]
    #: Student id → commission id, or ``None`` for a result without teams.
    assignment: dict[str, str] | None
    #: The changes the result records since the original cohort.
    recorded: Changes
    #: Warnings about the files read (a CSV file and the workbook disagreeing, ...).
    warnings: tuple[Text, ...]
    #: The file the teams were read from, as named on disk (teams.csv or result.xlsx).
    teams_file: str = "teams.csv"


def _earlier_result(
    instance: Instance,
    from_dir: Path,
    folder: Path,
    lang: Lang,
    withdrawing: tuple[str, ...] = (),
) -> _EarlierResult:
    """The result of ``from_dir`` (its files in ``folder``), its selection held to the rules
    but those that only the commissions ``withdrawing`` break.

    Raises
    ------
    RequestError
        No selection in ``from_dir``.
    InputError
        A file of the result that cannot be read.
    BrokenRules
        The selection breaks a selection rule (worded in ``lang``).
    """
    from matcher.loading.results import read_result
    from matcher.verify.selection import require_selection_rules
    from matcher.whatif import cohort_of_result

    # A what-if result records its changes: start from the cohort it was made for.
    instance, recorded = cohort_of_result(instance, folder)
    found = read_result(from_dir, instance, option="--from")
    if found.selection is None or found.selection_source is None:
        raise RequestError(text("app_from_holds_no_selection"), path=from_dir)
    commissions, rows = found.selection
    instance = instance.model_copy(update={"commissions": commissions})
    selected = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, selected, found.selection_source, lang, withdrawing)
    warnings = list(found.warnings)
    if found.assignment is not None:
        from matcher.verify.teams import team_violations

        # A result edited by hand may break rules: the re-solve repairs them silently
        # otherwise, its moves counted as the change's.
        broken = team_violations(instance, selected, found.assignment)
        if broken:
            name = found.teams_source.name if found.teams_source else from_dir.name
            warnings.append(counted("w_from_breaks", len(broken), file=name, first=broken[0]))
    teams_file = found.teams_source.name if found.teams_source else "teams.csv"
    return _EarlierResult(
        instance, rows, selected, found.assignment, recorded, tuple(warnings), teams_file
    )


def _requested_changes(
    instance: Instance,
    withdraw_commissions: Iterable[str],
    withdraw_students: Iterable[str],
    add_students: Path | None,
    replace_withdrawn: bool,
    warnings: list[str | Text],
) -> WhatIf:
    """The changes asked, ids read as the files are; arrivals read against ``instance``.

    The warnings about the arrivals file join ``warnings``.
    """
    from matcher.loading import read_arrivals
    from matcher.loading.id_index import IdIndex, typed_ids
    from matcher.whatif import WhatIf

    # Named as typed on the command line, its control characters escaped (README, Input):
    # « arrivees/students.csv », not the cohort's « students.csv » (probe s40d D5).
    typed = printable(str(add_students)) if add_students is not None else "arrivals.csv"
    arrivals = read_arrivals(add_students, instance, warnings, typed) if add_students else ()
    # Ids typed on the command line are read as in the files (case, accents, zeros):
    # ``--withdraw-commission c07`` is C07; an id naming none stays as typed, for the
    # message that suggests the nearest.
    proposals = IdIndex(c.id for c in instance.commissions)
    students = IdIndex(s.id for s in instance.students)
    changes = WhatIf(
        withdraw_commissions=tuple(typed_ids(withdraw_commissions, proposals.resolve)),
        withdraw_students=tuple(typed_ids(withdraw_students, students.resolve)),
        add_students=arrivals,
        replace=replace_withdrawn,
        arrivals_file=typed,
    )
    _named_twice(changes)
    return changes


def _named_twice(changes: WhatIf) -> None:
    """Refuse a commission or a student named twice: a slip (another id meant?), not a
    withdrawal twice over, as a supervisor named twice is (probe s34, noted then: accepted
    without a word)."""
    for key, asked, name in (
        ("w_commission_twice", changes.withdraw_commissions, "commission_id"),
        ("w_student_twice", changes.withdraw_students, "student_id"),
    ):
        for ident in dict.fromkeys(asked):
            if (count := list(asked).count(ident)) > 1:
                raise RequestError(text(key, count=count), **{name: ident})


def _teams_kept(earlier: _EarlierResult, folder: Path) -> RunOutcome:
    """Only supervisors leave: the selection and the teams stay as they are, the teams
    stage as ``folder``'s summary.json records it while they are what it was solved for
    (as ``plan`` keeps it; probe s26: they became "given", FEASIBLE without a time limit
    reached, and a later edit's report had no solver's values to show its cost)."""
    teams = None
    if earlier.assignment is not None:
        assignment = dict(earlier.assignment)
        stage = carried_teams(earlier.instance, folder, earlier.selected, assignment)
        teams = TeamResult(stage or StageResult.from_file(), earlier.selected, assignment)
    return RunOutcome(
        earlier.instance,
        earlier.instance.settings,
        SelectionResult(StageResult.from_file(), earlier.rows),
        teams,
        replace(earlier.recorded, moves=0, replaced={}, rows=()),
    )


def _replanned(
    outcome: RunOutcome,
    leaving: Sequence[str],
    files: ResultFiles,
    params: SolveParams,
    lang: Lang,
    earlier: _EarlierResult,
    asked: Sequence[str] = (),
) -> RunOutcome:
    """``outcome`` with stage 3 solved again without the supervisors ``leaving``, within
    ``params``, against the plan of the result ``files`` (its folder's supervision.csv and
    schedule.csv, else its workbook's Schedule sheet). When that plan breaks a rule of §11
    for the ``earlier`` result's teams (edited by hand), a warning names the first, as
    ``check`` lists it: the re-plan repairs it, its changes counted as the what-if's."""
    from matcher.loading.plan_files import read_plan_files, read_plan_sheet

    assert outcome.instance.supervisors is not None
    team_ids = (
        outcome.teams.commission_ids
        if outcome.teams is not None
        else outcome.selection.selected_ids
        if outcome.selection is not None
        else ()
    )
    staying = [s for s in outcome.instance.supervisors if s.id not in leaving]
    # What is said of the plan read (a town edited, notes beside rows), as ``check`` says it
    # (probe s37h: a town edited in schedule.csv was kept from commissions.csv without a word).
    said: list[Text] = []
    # The workbook given itself is read alone, as its teams are (not schedule.csv beside it).
    previous = (
        None if files.book_given else read_plan_files(files.folder, outcome.instance, None, said)
    )
    if previous is not None and files.book is not None:
        # Its Schedule sheet planning otherwise, or a bad cell there, as check says it
        # (probe s38f: the what-if said nothing of either).
        from matcher.app.plan_check import sheet_differs

        said += sheet_differs(previous, files.book, outcome.instance)
    sheet = None  # where the plan was read when not from supervision.csv and schedule.csv
    if previous is None and files.book is not None:
        # The workbook alone (sent back by a colleague): its plan is kept all the same.
        previous = read_plan_sheet(files.book, outcome.instance, said)
        sheet = files.book.name
    if previous is not None:
        said += _plan_breaks_said(previous, files.folder, earlier, sheet)
        # Once: a workbook that is no workbook is said by the teams' reading too (s38i).
        known = list(outcome.instance.warnings)
        said = [w for i, w in enumerate(said) if w not in known and w not in said[:i]]
        outcome = replace(outcome, instance=with_warnings(outcome.instance, said))
    replaced = {} if outcome.changes is None else outcome.changes.replaced
    if previous is not None and replaced:
        previous = taken_over(previous, replaced)
    # Teams this what-if solved are a result found, written even when Ctrl-C stops the plan
    # before it has one; teams kept as they were (a supervisor alone leaving) are not.
    found = any(
        stage is not None and not stage.stage.given for stage in (outcome.selection, outcome.teams)
    )
    try:
        result, stopped = stage3_unless_stopped(
            outcome.instance,
            team_ids,
            params,
            lang,
            teams_found=found,
            supervisors=staying,
            previous=previous,
        )
    except SolveFailed as failure:
        raise leaving_first(failure, leaving, replaced) from None
    if result is not None:
        # This what-if's own: the last of ``leaving`` (none of them withdrawn before).
        now = leaving[len(leaving) - len(set(asked)) :] if asked else []
        result = recorded_against(result, previous, leaving, now)
    return replace(outcome, plan=result, plan_stopped=stopped)


def _plan_breaks_said(
    previous: PlanResult, folder: Path, earlier: _EarlierResult, sheet: str | None
) -> list[Text]:
    """The warning that the plan a what-if starts from (read from the result ``folder``'s
    plan files, or from the workbook ``sheet``) breaks rules of §11 for the teams of
    ``earlier``, the supervisors earlier what-ifs withdrew left out; or none."""
    from matcher.loading.plan_files import recorded_withdrawn_supervisors
    from matcher.verify.plan import plan_breaks

    instance = earlier.instance
    withdrawn = recorded_withdrawn_supervisors(folder)
    staying = tuple(s for s in instance.supervisors or () if s.id not in withdrawn)
    breaks = plan_breaks(instance, previous, earlier.selected, staying, withdrawn, sheet)
    if not breaks:
        return []
    return [
        counted(
            "w_from_plan_breaks",
            len(breaks),
            file=sheet or text("pv_plan_files"),
            first=breaks[0].message,
        )
    ]


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
    from matcher.loading.file_bytes import read_file_bytes
    from matcher.loading.id_index import IdIndex, named_alike, near_named, typed_ids
    from matcher.loading.plan_files import SupervisorRefs

    asked = list(withdraw)
    if instance.supervisors is None:
        if asked:
            raise UsageError(label("plan_no_file", lang, instance=instance.name))
        return []
    known = {s.id for s in instance.supervisors}
    # Read as the files are (case, accents, zeros): ``a02`` is A02; or by the name the
    # report shows, when one supervisor has it (« Chloé Martin »), as check reads plan files.
    refs = SupervisorRefs(instance.supervisors)
    asked = typed_ids(asked, refs.resolve)
    for ident in dict.fromkeys(asked):
        if asked.count(ident) > 1:  # a slip (another id meant?), not a withdrawal twice over
            raise UsageError(
                label("plan_withdrawn_twice", lang, id=ident, count=asked.count(ident))
            )
    for ident in asked:
        homonyms = named_alike(((s.id, s.name) for s in instance.supervisors), ident)
        if ident not in known and len(homonyms) > 1:  # probe s37g: « did you mean A3 » only
            ids = worded(listing(homonyms, "word_or"), lang)
            raise UsageError(
                label(
                    "plan_withdraw_homonyms",
                    lang,
                    id=ident,
                    ids=ids,
                    file=instance.supervisors_file,
                )
            )
        if ident not in known:
            people = ((s.id, s.display_name) for s in instance.supervisors if s.name)
            near = IdIndex(known).suggestion(ident) or near_named(people, ident)
            if near is None:
                raise UsageError(
                    label("plan_unknown_supervisor", lang, id=ident, file=instance.supervisors_file)
                )
            raise UsageError(
                label(
                    "plan_unknown_supervisor_near",
                    lang,
                    id=ident,
                    near=worded(near, lang),
                    file=instance.supervisors_file,
                )
            )
    earlier: list[str] = []
    try:
        # Read as the result's other files are: never blocking on a FIFO (probe s37a).
        summary = json.loads(read_file_bytes(from_dir / "summary.json").decode("utf-8"))
        recorded = summary.get("plan", {}).get("withdrawn_supervisors", [])
        earlier = [str(x) for x in recorded if str(x) in known]
    except (InputError, OSError, ValueError, AttributeError, RecursionError):
        earlier = []
    for ident in asked:
        if ident in earlier:  # the plan of from_dir was made without them: nothing to do
            name = next(s.display_name for s in instance.supervisors if s.id == ident)
            raise UsageError(
                label("plan_already_withdrawn", lang, id=ident, name=name, from_dir=from_dir)
            )
    return list(dict.fromkeys([*earlier, *asked]))
