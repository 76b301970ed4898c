"""The stage-3 plan of a result checked as it stands, for ``check`` and ``report``.

A result folder may hold a plan (supervision.csv and schedule.csv, contract §11), possibly
edited by hand. It is read by ``matcher.loading.plan_files`` and judged by
``matcher.verify.plan`` against the result's teams as they now stand; a result without plan
files is checked as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.errors import InputError, UsageError
from matcher.labels import Text, counted, text
from matcher.results import PlanResult, ScheduleRow
from matcher.schemas import Instance
from matcher.verify.plan import PlanBreak


@dataclass(frozen=True)
class PlanChecked:
    """A result's plan as read, what it breaks, and its values recomputed."""

    #: The plan as it now stands (expertise recomputed), to re-render (``report``).
    plan: PlanResult
    breaks: tuple[PlanBreak, ...]
    #: Metrics of ``check`` (``plan_expertise``, ``plan_load``, ``plan_travel``).
    metrics: dict[str, int]
    #: Every stage-3 priority's value (``matcher.verify.plan.plan_objectives``).
    objectives: dict[str, int]
    #: What a reader should know of what was read (the workbook's plan not read).
    warnings: tuple[Text, ...] = ()


def check_plan(
    instance: Instance,
    folder: Path,
    team_ids: Sequence[str],
    book: Path | None = None,
    book_only: bool = False,
) -> PlanChecked | None:
    """Read and check the plan of the result folder ``folder`` (``None``: it has none).

    Without supervision.csv and schedule.csv there, the plan is that of the workbook
    ``book``'s Schedule (Calendrier) sheet when it has one (the workbook alone, sent back by
    a colleague), as ``whatif --from`` reads it: a plan edited there is checked too. With
    them, they win, and a warning says so when the sheet plans otherwise (as teams.csv wins
    over the Students sheet): a plan edited in the workbook is never ignored without a word.
    ``book_only``: the workbook was given itself (``--result result.xlsx``), so that the plan
    files beside it are not read, as its teams.csv is not.

    ``instance`` is the cohort of the result (a what-if's, with its changes applied) and
    ``team_ids`` its teams as they now stand. Supervisors a what-if withdrew (recorded in
    summary.json) are not among those the plan may use.

    Raises
    ------
    UsageError
        The folder holds a plan but the instance has no supervisors.csv.
    InputError
        A plan file or sheet that cannot be read (``matcher.loading.plan_files``).
    """
    from matcher.loading.file_bytes import open_in_spreadsheet
    from matcher.loading.plan_files import (
        plan_files,
        plan_of_sheet,
        read_plan_files,
        recorded_withdrawn_supervisors,
    )
    from matcher.loading.result_book import schedule_table
    from matcher.verify.plan import expertise_of, plan_breaks, plan_metrics, plan_objectives

    in_files = not book_only and plan_files(folder).any
    if not in_files and (book is None or instance.supervisors is None):
        return None
    if instance.supervisors is None:
        raise UsageError(text("pf_no_supervisors", folder=folder, instance=instance.name))
    withdrawn = recorded_withdrawn_supervisors(folder)
    staying = tuple(s for s in instance.supervisors if s.id not in withdrawn)
    warnings: tuple[Text, ...] = ()
    source = None  # supervision.csv and schedule.csv, else the workbook's sheet
    said: list[Text] = []  # notes beside rows, ids a spreadsheet made dates
    if in_files:
        read = read_plan_files(folder, instance, staying, said)
        assert read is not None  # plan files are there
        if book is not None:
            warnings = sheet_differs(read, book, instance)
        # A plan file open in LibreOffice or Excel may hold changes not saved yet.
        found = plan_files(folder)
        parts = (p for p in (found.supervision, found.schedule) if p is not None)
        warnings = (*(w for p in parts if (w := open_in_spreadsheet(p))), *said, *warnings)
    else:
        assert book is not None
        table = schedule_table(book, said)  # a sheet renamed: found, said
        if table is None:
            return None  # a workbook without a Schedule sheet: no plan
        read, source = plan_of_sheet(table, instance, said), table.label
        warnings = tuple(said)
    supervision = tuple(
        (cid, sid, expertise_of(instance, staying, cid, sid)) for cid, sid, _ in read.supervision
    )
    plan = replace(read, supervision=supervision, withdrawn=withdrawn)
    breaks = plan_breaks(instance, plan, team_ids, staying, withdrawn, source)
    return PlanChecked(
        plan,
        tuple(breaks),
        plan_metrics(instance, plan),
        plan_objectives(instance, plan),
        warnings,
    )


def sheet_differs(files: PlanResult, book: Path, instance: Instance) -> tuple[Text, ...]:
    """A warning when the workbook ``book``'s Schedule sheet plans other events than
    schedule.csv (``files``), which is used; none when it agrees or has no such sheet."""
    from matcher.loading.plan_files import read_plan_sheet
    from matcher.loading.results import book_unread
    from matcher.loading.tables import unreadable_cells

    try:
        sheet = read_plan_sheet(book, instance)
    except InputError as error:
        if unreadable_cells(error):
            raise  # a formula without a value in the Schedule sheet, named (probe s37h)
        return (book_unread(book, error),)
    if sheet is None:
        return ()

    def events(plan: PlanResult) -> dict[tuple[str, str], list[ScheduleRow]]:
        found: dict[tuple[str, str], list[ScheduleRow]] = {}
        for row in plan.schedule:
            found.setdefault((row.commission_id, row.event), []).append(row)
        return found

    def said(rows: list[ScheduleRow]) -> str:
        # The day as the what-if's moved events write it, 19/11/2026, its slot when undated
        # (probe s39a: « visit 2026-11-19 », the demo's « visit-2026-11-19 2026-11-19 »).
        words = [f"{r.supervisor_id}, {r.day}, {r.start}–{r.end}" for r in rows]
        return "; ".join(words) or "—"

    # The sheet names supervisors, the file ids: one no longer in supervisors.csv (removed
    # since the plan) cannot be told from the other, so it is not said to differ.
    known = {s.id for s in instance.supervisors or ()}

    def same(a: list[ScheduleRow], b: list[ScheduleRow]) -> bool:
        def fields(rows: list[ScheduleRow]) -> list[tuple[str, ...]]:
            return sorted(
                (who if (who := r.supervisor_id) in known else "", r.slot, r.date, r.start, r.end)
                for r in rows
            )

        return fields(a) == fields(b)

    in_csv, in_book = events(files), events(sheet)
    keys = [*in_csv, *(k for k in in_book if k not in in_csv)]
    differing = [k for k in keys if not same(in_csv.get(k, []), in_book.get(k, []))]
    if not differing:
        return ()
    team, kind = differing[0]
    return (
        counted(
            "check_plan_sheet_differs",
            len(differing),
            book=book.name,
            event=text(f"pv_{kind}_of", team=team),
            in_csv=said(in_csv.get(differing[0], [])),
            in_book=said(in_book.get(differing[0], [])),
        ),
    )
