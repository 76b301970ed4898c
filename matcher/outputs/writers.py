"""Output folder writing: every file produced in a staging folder, then moved in at once."""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from matcher import __version__
from matcher.errors import RequestError, os_reason
from matcher.labels import Lang, text, worded
from matcher.outputs import views
from matcher.outputs.csvwrite import write_csv, yes_no
from matcher.outputs.out_folder import check_out_dir, made_folders, remove_made, unwritable
from matcher.outputs.provenance import settings_in_force, versions
from matcher.outputs.staging import remove_stale_staging, take_back
from matcher.results import (
    SCHEDULE_HEADER,
    SUPERVISION_HEADER,
    PlanResult,
    RunOutcome,
    SelectionResult,
    Status,
    TeamResult,
)
from matcher.saved_settings import SAVED_SETTINGS_FILE, SETTINGS_SAVED

#: Every file a command may write; stale ones from an earlier run are removed.
OUTPUT_FILES = (
    "selection.csv",
    "teams.csv",
    "summary.json",
    "report.html",
    "result.xlsx",
    "changes.csv",
    "supervision.csv",
    "schedule.csv",
    "calendar.ics",
    "explanations.csv",
)


def write_selection_csv(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """selection.csv: every proposal with eligibility, selection, reserve rank, reason (the
    reason in ``lang``, contract §7)."""
    assert outcome.selection is not None
    by_id = {c.id: c for c in outcome.instance.commissions}
    rows = []
    for row in outcome.selection.rows:
        commission = by_id[row.id]
        rows.append(
            [
                row.id,
                commission.institution,
                commission.sector,
                commission.problem_type,
                yes_no(row.eligible),
                yes_no(row.selected),
                "" if row.reserve_rank is None else row.reserve_rank,
                worded(row.reason, lang),
            ]
        )
    header = ["id", "institution", "sector", "problem_type", "eligible", "selected"]
    write_csv(path, [*header, "reserve_rank", "reason"], rows)


def write_teams_csv(path: Path, outcome: RunOutcome) -> None:
    """teams.csv: one row per student in students.csv order, with the team's written choice rank
    (empty when the student did not list it) and the student's choices as written."""
    write_csv(path, views.TEAMS_COLUMNS, views.team_rows(outcome, yes_no))


def write_changes_csv(path: Path, outcome: RunOutcome) -> None:
    """changes.csv: every student whose team changed in a what-if (empty cell: none)."""
    assert outcome.changes is not None
    rows: list[list[Any]] = [list(row) for row in outcome.changes.rows]
    write_csv(path, ["student_id", "from_commission", "to_commission"], rows)


def write_supervision_csv(path: Path, outcome: RunOutcome) -> None:
    """supervision.csv: each team's supervisor, and whether its sector is their expertise."""
    assert outcome.plan is not None
    rows = [[c, s, yes_no(e)] for c, s, e in outcome.plan.supervision]
    write_csv(path, list(SUPERVISION_HEADER), rows)


def write_schedule_csv(path: Path, outcome: RunOutcome) -> None:
    """schedule.csv: every visit and oral, by slot and start time (contract §11)."""
    assert outcome.plan is not None
    rows = [[getattr(row, k) for k in SCHEDULE_HEADER] for row in outcome.plan.schedule]
    write_csv(path, list(SCHEDULE_HEADER), rows)


#: The largest earlier calendar.ics read to number the revisions of its events.
_EARLIER_CALENDAR_BYTES = 5_000_000


def _earlier_calendars(folders: Sequence[Path]) -> list[bytes]:
    """calendar.ics of each folder that holds one as a regular file (a FIFO or a folder of
    that name is passed over, never waited on): the calendars a new one revises."""
    found = []
    for folder in folders:
        path = folder / "calendar.ics"
        try:
            info = path.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size <= _EARLIER_CALENDAR_BYTES:
                found.append(path.read_bytes())
        except OSError:
            continue
    return found


def _write_calendar(
    path: Path, outcome: RunOutcome, lang: Lang, earlier: Sequence[Path] = ()
) -> None:
    from matcher.outputs.calendar import calendar_ics, earlier_events

    assert outcome.plan is not None
    members: dict[str, list[str]] = {}
    if outcome.teams is not None:
        names = {s.id: s.display_name for s in outcome.instance.students}
        for student, commission in outcome.teams.assignment.items():
            members.setdefault(commission, []).append(names.get(student, student))
    found = earlier_events(_earlier_calendars(earlier))
    path.write_bytes(calendar_ics(outcome.plan, outcome.instance, lang, members, found))


def _plan_stage(plan: PlanResult) -> dict[str, Any]:
    """The ``"plan"`` stage of summary.json, like the others, with the supervisors planned."""
    stage = _stage(plan)
    assert stage is not None
    stage["supervisors"] = [s.id for s in plan.supervisors]
    if plan.withdrawn:
        stage["withdrawn_supervisors"] = list(plan.withdrawn)
    # A what-if's plan (it minimised the changes) lists them even when none changed.
    if plan.reassigned or any(o.name == "supervisor_changes" for o in plan.stage.objectives):
        stage["supervisor_changes"] = [
            {"commission_id": c, "from": before, "to": now} for c, before, now in plan.reassigned
        ]
        # The visits and orals whose slot or start changed (the event_moves priority).
        stage["moved_events"] = [
            {
                "event": now.event,
                "commission_id": now.commission_id,
                "from": {"slot": old.slot, "date": old.date, "start": old.start, "end": old.end},
                "to": {"slot": now.slot, "date": now.date, "start": now.start, "end": now.end},
            }
            for old, now in plan.moved
        ]
    return stage


def _stage(result: SelectionResult | TeamResult | PlanResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    stage = result.stage
    written: dict[str, Any] = {
        "status": str(stage.status),
        "time_s": round(stage.time_s, 3),
        "proven_optimal": stage.status == Status.OPTIMAL,
        # A selection read from a file (assign, whatif) is kept, not optimised here.
        "given": views.is_given(stage),
        "objectives": [
            {"name": o.name, "value": o.value, "bound": o.bound, "sense": o.sense}
            for o in stage.objectives
        ],
    }
    if stage.stopped_by is not None and stage.status != Status.OPTIMAL:
        # Whether another machine would give the same result (README, "Reproducibility").
        written["stopped_by"] = stage.stopped_by
    return written


def summary_dict(outcome: RunOutcome, lang: Lang = "en") -> dict[str, Any]:
    """The summary.json content (contract §3), keys in a fixed order; warnings in ``lang``.

    Only ``time_s`` differs between two runs with the same input, seed and workers.
    """
    summary: dict[str, Any] = {
        "matcher_version": __version__,
        "instance": outcome.instance.name,
        "seed": outcome.settings.solver.seed,
        "lang": lang,
        "settings": settings_in_force(outcome),
        "versions": versions(),
    }
    if outcome.selection is not None:
        summary["selection"] = _stage(outcome.selection)
        summary["selection"]["selected"] = list(outcome.selection.selected_ids)
        summary["selection"]["reserves"] = list(outcome.selection.reserve_ids)
        if outcome.selection.stage.stopped_by is not None:
            # Even when the selection is proven: the clock cut its reserve ranking.
            summary["selection"]["stopped_by"] = outcome.selection.stage.stopped_by
    if outcome.teams is not None:
        summary["teams"] = _stage(outcome.teams)
        summary["teams"]["commissions"] = list(outcome.teams.commission_ids)
        # What the teams were solved for (``Instance.teams_digest``): explain trusts the
        # recorded status only for the same cohort and settings.
        summary["teams"]["cohort"] = outcome.instance.teams_digest(outcome.teams.commission_ids)
        if outcome.instance.locked:
            # Solved with the workbench's locks as pins: what check needs to tell the
            # cohort of students.csv unchanged (``matcher.app.checking``).
            pins = {s.id: s.pinned for s in outcome.instance.students}
            summary["teams"]["locks"] = {s: pins.get(s) for s in sorted(outcome.instance.locked)}
    if outcome.plan is not None:
        summary["plan"] = _plan_stage(outcome.plan)
    elif outcome.plan_stopped is not None:
        # Ctrl-C stopped stage 3 before any plan: the stage as it ended (UNKNOWN, nothing).
        summary["plan"] = _stage(PlanResult(outcome.plan_stopped))
    summary["metrics"] = views.metrics(outcome)
    if "teams" in summary["metrics"]:
        summary["metrics"]["teams"]["swap_pairs"] = views.swap_pair_rows(outcome)
    unknown = sum(1 for e in outcome.explanations or () if e.verdict == "unknown")
    if unknown:
        # The wall clock (or Ctrl-C) left these unsettled: another machine may answer more
        # (README, "Reproducibility"); written only then, as ``stopped_by``.
        questions = len(outcome.explanations or ())
        summary["explanations"] = {"questions": questions, "unknown": unknown}
    if outcome.changes is not None:
        changes = outcome.changes
        # moves and replaced describe this what-if; the rest is cumulative since the
        # original result, so that check and a chained whatif can rebuild the cohort
        # (matcher.whatif.cohort_of_result). Empty lists are left out: absent means none.
        cumulative: dict[str, list[Any]] = {
            "withdrawn_commissions": list(changes.withdrawn_commissions),
            "unreplaced": list(changes.unreplaced),
            "withdrawn_students": list(changes.withdrawn_students),
            "added_students": [
                s.model_dump(mode="json", exclude={"employer_also"}) for s in changes.added_students
            ],
            # Supervisors withdrawn (``--withdraw-supervisor``), as the plan stage records
            # them: a what-if that changed only that said nothing here (probe s24).
            "withdrawn_supervisors": list(outcome.plan.withdrawn) if outcome.plan else [],
        }
        summary["changes"] = {
            "moves": changes.moves,
            "replaced": dict(changes.replaced),
            **{key: value for key, value in cumulative.items() if value},
        }
    if outcome.edited is not None:
        # matcher report: the rules the edited result breaks, and the cost of the edit.
        summary["broken_rules"] = list(outcome.edited.broken_rules)
        summary["priorities"] = [
            {"stage": stage, "name": name, "value": value, "solver": solver}
            for stage, name, value, solver in outcome.edited.priorities
        ]
    if outcome.instance.warnings:
        summary["warnings"] = [worded(w, lang) for w in outcome.instance.warnings]
    if views.was_interrupted(outcome):
        # Ctrl-C (or the workbench's cancel) stopped the search: the best result found so
        # far, not proven optimal.
        summary["interrupted"] = True
    return summary


def write_summary_json(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """summary.json, keys in a stable order for byte-identical reruns (but for ``time_s``)."""
    text = json.dumps(summary_dict(outcome, lang), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


Writer = Callable[[Path, RunOutcome, Lang], None]


def _plain(writer: Callable[[Path, RunOutcome], None]) -> Writer:
    """A writer whose file has no labels (CSV and JSON keep the contract's English keys)."""

    def write(path: Path, outcome: RunOutcome, lang: Lang) -> None:
        del lang
        writer(path, outcome)

    return write


def _write_explanations(path: Path, outcome: RunOutcome, lang: Lang) -> None:
    """explanations.csv (contract §9): one row per wish, ``reason`` in ``lang``."""
    from matcher.explanation import COLUMNS

    rows = [e.row(lang) for e in outcome.explanations or ()]
    write_csv(path, COLUMNS, rows)


def _write_report(path: Path, outcome: RunOutcome, lang: Lang) -> None:
    from matcher.outputs.report import render_report

    path.write_text(render_report(outcome, lang), encoding="utf-8")


def _write_workbook(path: Path, outcome: RunOutcome, lang: Lang) -> None:
    from matcher.outputs.workbook import write_workbook

    write_workbook(path, outcome, lang)


def _writers(outcome: RunOutcome, earlier: Sequence[Path] = ()) -> dict[str, Writer]:
    """The files ``outcome`` writes, by name; ``earlier``: the folders whose calendar.ics
    the new one revises (the result started from, the one replaced)."""
    writers: dict[str, Writer] = {}
    if outcome.selection is not None:
        writers["selection.csv"] = write_selection_csv
    if outcome.teams is not None:
        writers["teams.csv"] = _plain(write_teams_csv)
    if outcome.changes is not None and not outcome.changes.recorded_only:
        writers["changes.csv"] = _plain(write_changes_csv)
    if outcome.plan is not None:
        writers["supervision.csv"] = _plain(write_supervision_csv)
        writers["schedule.csv"] = _plain(write_schedule_csv)
        writers["calendar.ics"] = functools.partial(_write_calendar, earlier=earlier)
    if outcome.explanations is not None:
        writers["explanations.csv"] = _write_explanations
    writers["summary.json"] = write_summary_json
    writers["report.html"] = _write_report
    writers["result.xlsx"] = _write_workbook
    return writers


def _umask() -> int:
    """The process's file-creation mask (read by setting it, then restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: A copy that fails for want of room: the output folder cannot be written, whatever file.
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class _NotKept(Exception):
    """A file of the old output folder that cannot be copied into the new one (not an
    ``OSError``: ``shutil.copytree`` would collect it and go on)."""

    def __init__(self, path: Path, reason: object, full: OSError | None = None) -> None:
        super().__init__(path)
        self.path, self.reason, self.full = path, reason, full


def _copy_kept(source: str | Path, destination: str | Path, **_: Any) -> None:
    """``shutil.copy2`` of one file kept beside the outputs, failing at the first file that
    cannot be copied (a FIFO, a socket, a device, a file nobody may read), named."""
    path = Path(source)
    try:
        if not (stat.S_ISREG(os.lstat(path).st_mode) or path.is_symlink()):
            raise _NotKept(path, text("os_special_file"))
        shutil.copy2(path, destination, follow_symlinks=False)
    except OSError as error:
        # The disk full is no fault of the file's: said as the output folder's.
        full = error if error.errno in _DISK_FULL else None
        raise _NotKept(path, os_reason(error), full) from error


def _keep(entry: Path, destination: Path, out_dir: Path) -> None:
    """Copy ``entry``, which the person put in the existing ``out_dir``, to ``destination``
    in the staging folder; one that cannot be copied is a usage error naming it."""
    try:
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, destination, symlinks=True, copy_function=_copy_kept)
        else:
            _copy_kept(entry, destination)
    except _NotKept as failed:
        if failed.full is not None:
            raise failed.full from None  # ``write_outputs``: the folder cannot be written
        path, reason = failed.path, failed.reason
    except OSError as error:  # a folder inside that cannot be listed, or the disk full
        if error.errno in _DISK_FULL:
            raise  # said as the output folder that cannot be written (``write_outputs``)
        path, reason = Path(error.filename or entry), os_reason(error)
    else:
        return
    # Named as the person named the folder (``entry`` lies in the resolved one).
    where = out_dir / path.relative_to(entry.parent) if path.is_relative_to(entry.parent) else path
    raise RequestError(text("out_kept_uncopied"), out_dir=out_dir, entry=where, reason=reason)


def write_outputs(
    out_dir: Path,
    outcome: RunOutcome,
    *,
    instance_dir: Path,
    lang: Lang = "en",
    inputs: Sequence[tuple[str, Path]] = (),
    texts: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every output of ``outcome`` into ``out_dir``, completely or not at all.

    Files are produced in a staging folder beside ``out_dir`` (``.matcher-<pid>-…``). A new
    ``out_dir`` is the staging folder renamed (one atomic step). An existing one is replaced
    as a whole: files of the old folder that no command writes are copied into the staging
    folder, the old folder is renamed aside, the staging folder renamed in, and only then
    the old one removed; on any failure the old folder is put back as it was, so every file
    is the new run's or every file is as it was. A second Ctrl-C or SIGTERM meanwhile removes
    the staging folder (``matcher.interrupt``); staging folders of killed runs are removed
    by the next run. ``inputs`` are other folders read by the command (see ``check_out_dir``).
    ``texts``: more files (name: UTF-8 text) written with the outputs, in the same one step
    (the workbench's ``settings.toml``); they replace files of those names.
    """
    from matcher.interrupt import cleanup, hold, is_written, search_over, stopping_at_once, written

    # From here on a first Ctrl-C changes nothing written (``matcher.interrupt``).
    search_over()
    check_out_dir(out_dir, instance_dir, inputs=inputs)
    target = out_dir.resolve()
    parent = target.parent
    made: list[Path] = []  # the folders made to hold it, removed if nothing is written
    try:
        made = made_folders(parent)
        staging = Path(tempfile.mkdtemp(prefix=f".matcher-{os.getpid()}-", dir=parent))
    except OSError as error:
        remove_made(made)
        raise unwritable(out_dir, error) from error
    remove_stale_staging(parent)
    holder: list[Path] = []  # the folder holding the old out_dir while the new moves in

    def undo() -> None:
        if is_written():  # the process ends with 0: the new outputs stay, the old go
            for folder in [staging, *holder]:  # staging: gone once moved in
                shutil.rmtree(folder, ignore_errors=True)
            return
        take_back(staging, target, holder[0] if holder else None)
        if not target.exists():
            remove_made(made)

    try:
        with cleanup(undo):
            earlier = [folder for _, folder in inputs] + [target]
            for name, writer in _writers(outcome, earlier).items():
                writer(staging / name, outcome, lang)
            extra = dict(texts or {})
            for name, content in extra.items():
                (staging / name).write_text(content, encoding="utf-8")
            # summary.json names the settings written with it (a settings.toml of the
            # director's own there is never removed, contract §2: probe s34g).
            if SAVED_SETTINGS_FILE in extra and (staging / "summary.json").is_file():
                _name_saved_settings(staging / "summary.json")
            produced = [out_dir / name for name in OUTPUT_FILES if (staging / name).exists()]
            produced += [out_dir / name for name in extra]
            _move_in(staging, target, out_dir, extra, holder)
            written()
            if holder:  # removed while a signal still takes it (not left behind by one)
                shutil.rmtree(holder[0], ignore_errors=True)
            return produced
    except OSError as error:
        if stopping_at_once():
            hold()  # the staging folder was taken away: the process ends with 130 / 143
        raise unwritable(out_dir, error) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        # The old folder goes only once out_dir is whole again (new, or the old put back).
        if holder and target.exists():
            shutil.rmtree(holder[0], ignore_errors=True)
        if not target.exists():  # nothing written: the folders made for it go too
            remove_made(made)


def _name_saved_settings(path: Path) -> None:
    """summary.json naming the settings.toml written with it (``SETTINGS_SAVED``)."""
    summary = json.loads(path.read_text(encoding="utf-8"))
    summary[SETTINGS_SAVED] = SAVED_SETTINGS_FILE
    path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _move_in(
    staging: Path, target: Path, out_dir: Path, extra: Mapping[str, str], holder: list[Path]
) -> None:
    """Put the ``staging`` folder in place as ``target`` (``write_outputs``): renamed in if
    new; else the person's own files of the old folder copied in, the old folder moved
    aside into a folder appended to ``holder``, then the new one renamed in (the old put
    back if that fails)."""
    parent = target.parent
    if not target.exists():
        staging.chmod(0o777 & ~_umask())
        staging.rename(target)
        return
    # Keep what the person put there beside the outputs; outputs of an earlier run that
    # this run does not produce are left out.
    for entry in target.iterdir():
        if entry.name not in OUTPUT_FILES and entry.name not in extra:
            _keep(entry, staging / entry.name, out_dir)
    staging.chmod(target.stat().st_mode & 0o7777)
    holder.append(Path(tempfile.mkdtemp(prefix=f".matcher-{os.getpid()}-old-", dir=parent)))
    old = holder[0] / "previous"
    # Killed before the new folder is in, the next run puts the old one back.
    (holder[0] / "name").write_text(target.name, encoding="utf-8")
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
