"""A result's stage-3 plan as a director may have edited it: supervision.csv, schedule.csv.

``check`` and ``report`` read the plan of a result folder here, with the tolerance of the
other result files (column aliases, any usual CSV dialect, ids up to case and accents, the
``'`` that guards a formula-like cell removed, times as a spreadsheet re-saves them:
``9:00``, ``09:00:00``). What cannot be read is invalid input naming file, row and column:
a missing column, a commission that is no proposal of commissions.csv, an event other than
visit/oral, a time that is not HH:MM, a date that is not a date. Everything else, even an
unknown supervisor or a team planned twice, is read as written: those are broken rules,
found by :mod:`matcher.verify.plan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from matcher.dates import no_day_said, year_refused
from matcher.errors import InputError, Problem
from matcher.labels import Text, Written, text
from matcher.loading.columns import SCHEDULE_COLUMNS, SUPERVISION_COLUMNS, map_columns
from matcher.loading.dated_ids import DatedIds
from matcher.loading.file_bytes import present
from matcher.loading.id_index import IdIndex, name_key, with_suggestion
from matcher.loading.records import RowReader, row_readers
from matcher.loading.results import result_csv
from matcher.loading.summary import read_summary
from matcher.loading.tables import RawTable
from matcher.results import PlanResult, ScheduleRow, StageResult
from matcher.schemas import Commission, Instance, Supervisor, read_clock
from matcher.text import fold_header, fold_name, slot_key

__all__ = [
    "SCHEDULE_CSV",
    "SUPERVISION_CSV",
    "PlanFiles",
    "SupervisorRefs",
    "plan_files",
    "plan_of_sheet",
    "read_plan_files",
    "read_plan_sheet",
    "recorded_withdrawn_supervisors",
]

SUPERVISION_CSV = "supervision.csv"
SCHEDULE_CSV = "schedule.csv"

#: Words of the ``event`` column (folded) → the event; the workbook's Schedule sheet words
#: events in the reader's language, and a director may copy them over.
_EVENTS = {
    "visit": "visit",
    "visite": "visit",
    "oral": "oral",
    "orale": "oral",
    "oral_defence": "oral",
    "presentation": "oral",
    "presentation_orale": "oral",
    "soutenance": "oral",
}

#: A time of day as people and spreadsheets write it: 9:00, 09:00, 09:00:00, 9h00.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class PlanFiles:
    """Where the plan files of a result folder are (``None``: absent)."""

    supervision: Path | None
    schedule: Path | None

    @property
    def any(self) -> bool:
        """Whether the folder holds a plan file at all."""
        return self.supervision is not None or self.schedule is not None


def plan_files(folder: Path) -> PlanFiles:
    """The plan files of the result folder ``folder``.

    Anything of those names counts, even a folder or a link to nowhere: it is read and
    refused, naming it, rather than taken as absent (no rule is dropped silently).
    """
    supervision = Path(folder) / SUPERVISION_CSV
    schedule = Path(folder) / SCHEDULE_CSV
    return PlanFiles(
        supervision if present(supervision) else None,
        schedule if present(schedule) else None,
    )


#: ``HH:MM`` of a time cell (``9:00``, ``09:00:00``, ``9h00``), ``None`` when it is none.
clock = read_clock


def _commission(
    row: RowReader, index: IdIndex, dated: DatedIds, file: str = "commissions.csv"
) -> str | None:
    """The commission id of a row (a proposal of commissions.csv; a date a spreadsheet made
    of one read back, noted in ``dated``), or ``None`` (a problem)."""
    ref = row.required("commission_id", "pf_what_commission")
    if not ref:
        return None
    found = dated.resolve(index, ref, row.number, row.columns.header["commission_id"])
    if found is None:
        said = text("ld_not_a_proposal", ref=ref, file=file)
        # « did you mean C05? » as teams.csv says it (probe s36a: none here).
        row.problem("commission_id", with_suggestion(said, ref, index))
    return found


class SupervisorRefs:
    """Supervisors as a plan file may name them: by id up to case and accents, or by the
    name the report shows (when only one supervisor has it), as a director edits."""

    def __init__(self, supervisors: tuple[Supervisor, ...]) -> None:
        self.ids = IdIndex(s.id for s in supervisors)
        names: dict[str, list[str]] = {}
        for s in supervisors:
            # Its words in any order too (« Martin Chloé », « EL AMRANI Céline »), as a
            # student's name is read (probes s40a, s40h: refused), as written first (probe
            # s40k: « Anne Marie Fontaine » beside « Marie Anne Fontaine »).
            if s.name.strip():
                for key in dict.fromkeys((fold_name(s.name), "=" + name_key(s.name))):
                    names.setdefault(key, []).append(s.id)
        self.names = {name: ids[0] for name, ids in names.items() if len(set(ids)) == 1}
        #: Each supervisor's name as the outputs write it.
        self.written = {s.id: s.display_name for s in supervisors}

    def resolve(self, ref: str) -> str | None:
        """The id of the supervisor ``ref`` names (``None``: none, or several); also as the
        report and the terminal name them, « Jérôme Simon (A02) », « A02 (Jérôme Simon) »
        (probe s36g: not a supervisor, then « the visit lists Jérôme Simon (A02) but the
        supervisor is Jérôme Simon (A02) »)."""
        found = self._one(ref)
        both = _NAME_AND_ID.fullmatch(ref.strip()) if found is None else None
        if both is None:
            return found
        # Both parts must name one supervisor: the id resolved, and the other part that
        # supervisor's name (probe s36j: « Thomas Dubois (A02) » withdrew A02, Chloé Martin,
        # two supervisors being Thomas Dubois; « Thomas Dubois (A04) », no A04, read A01).
        for written_id, written_name in ((both[2], both[1]), (both[1], both[2])):
            ident = self.ids.resolve(written_id)
            if ident is not None and fold_name(self.written.get(ident, "")) == fold_name(
                written_name
            ):
                return ident
        return None

    def _one(self, ref: str) -> str | None:
        found = self.ids.resolve(ref) or self.names.get(fold_name(ref))
        return found or self.names.get("=" + name_key(ref))


#: A supervisor written with a second name in brackets: « Jérôme Simon (A02) ».
_NAME_AND_ID = re.compile(r"(.+?)\s*\(([^()]+)\)")


def _supervisor(row: RowReader, index: SupervisorRefs) -> str:
    """The supervisor id of a row, resolved up to case and accents (or from their name); as
    written when it names no supervisor (a broken rule, not a reading problem)."""
    ref = row.text("supervisor_id")
    return index.resolve(ref) or ref if ref else ""


def _read_supervision(
    path: Path,
    commissions: IdIndex,
    supervisors: SupervisorRefs,
    problems: list[Problem],
    file: str = "commissions.csv",
    warnings: list[Text] | None = None,
) -> list[tuple[str, str, bool]]:
    """Rows of supervision.csv: (commission id, supervisor id or "", False)."""
    table = result_csv(path, SUPERVISION_COLUMNS)
    columns = map_columns(table, SUPERVISION_COLUMNS, ("commission_id", "supervisor_id"), problems)
    if not (columns.has("commission_id") and columns.has("supervisor_id")):
        return []
    rows = []
    dated = DatedIds(table.label)
    for row in row_readers(table, columns, problems):
        commission = _commission(row, commissions, dated, file)
        if commission is not None and row.ok:
            # expertise is recomputed from supervisors.csv: the file's yes/no only informs.
            rows.append((commission, _supervisor(row, supervisors), False))
    if warnings is not None:
        warnings += [w.as_text() for w in table.warnings] + dated.warnings()
    return rows


def _time(row: RowReader, name: str) -> str:
    """An HH:MM cell (a problem when empty or not a time)."""
    cell = row.required(name, "pf_what_time")
    if not cell:
        return ""
    found = clock(cell)
    if found is None:
        row.problem(name, text("pf_bad_time", value=cell))
        return ""
    return found


def _date(row: RowReader, dates: dict[str, str], slot: str) -> str:
    """An ISO date cell (``2026-11-19``, or day first ``19/11/2026``); empty stays empty.

    Without a ``date`` column, the event takes its slot's date in ``[calendar] dates``
    (``dates``: slot key → date), as ``matcher plan`` writes it.
    """
    if not row.columns.has("date"):
        return dates.get(slot_key(slot), "")
    cell = row.text("date")
    if not cell:
        return ""
    key = slot_key(cell)
    # A day the calendar does not have (« 29/02/2027 ») is said so (probe s40d D8: it was
    # told to be written day first), and so is one outside the years a day of the programme
    # may fall in, as for [calendar] dates (probe s40h D1: 31/12/9999 ended report in exit 1
    # writing calendar.ics); another day of those years is the plan check's to tell.
    refused = no_day_said(cell)
    if refused is None and _ISO_DATE.match(key):
        refused = year_refused(key)
    if refused is not None and not refused.key.startswith("ld_expect_"):
        row.problem("date", text("ld_value_refused_said", found=Written(cell), reason=refused))
        return ""
    if not _ISO_DATE.match(key):
        row.problem("date", text("pf_bad_date", value=cell))
        return ""
    return key


def _schedule_row(
    row: RowReader,
    commissions: IdIndex,
    supervisors: SupervisorRefs,
    by_id: dict[str, Commission],
    dates: dict[str, str],
    dated: DatedIds,
    file: str = "commissions.csv",
    by_day: dict[str, str] | None = None,
) -> ScheduleRow | None:
    """One row of schedule.csv (``None`` when it has problems, recorded on ``row``); a slot
    written as its day (``21/05/2027``) is the slot ``[calendar] dates`` puts on that day
    (``by_day``: ISO date → slot), as in commissions.csv and supervisors.csv (probe s37g:
    « not an oral slot », then « [calendar] dates gives no date for 21/05/2027 »)."""
    written = row.required("event", "pf_what_event")
    event = _EVENTS.get(fold_header(written))
    if written and event is None:
        row.problem("event", text("pf_bad_event", value=written))
    commission = _commission(row, commissions, dated, file)
    slot = row.required("slot", "pf_what_slot")
    if slot_key(slot) not in dates and by_day and slot_key(slot) in by_day:
        slot = by_day[slot_key(slot)]
    start, end, date = _time(row, "start"), _time(row, "end"), _date(row, dates, slot)
    if not row.ok or event is None or commission is None:
        return None
    # Institution and town are the instance's: the file's copies only inform.
    found = by_id[commission]
    return ScheduleRow(
        event,
        commission,
        found.institution,
        found.town or "",
        _supervisor(row, supervisors),
        slot,
        date,
        start,
        end,
    )


def _schedule_rows(
    table: RawTable,
    commissions: IdIndex,
    supervisors: SupervisorRefs,
    by_id: dict[str, Commission],
    dates: dict[str, str],
    problems: list[Problem],
    file: str = "commissions.csv",
    warnings: list[Text] | None = None,
    by_day: dict[str, str] | None = None,
) -> list[ScheduleRow]:
    """Rows of a schedule table (schedule.csv, or result.xlsx's Schedule sheet), in order;
    what is said of it (notes beside rows, ids a spreadsheet made dates) in ``warnings``."""
    required = ("event", "commission_id", "supervisor_id", "slot", "start", "end")
    columns = map_columns(table, SCHEDULE_COLUMNS, required, problems)
    if not all(columns.has(name) for name in required):
        return []
    rows = []
    dated = DatedIds(table.label)
    edited: list[Text] = []
    for row in row_readers(table, columns, problems):
        found = _schedule_row(row, commissions, supervisors, by_id, dates, dated, file, by_day)
        if found is not None:
            rows.append(found)
            edited += _place_edited(row, found, file)
    if warnings is not None:
        warnings += [w.as_text() for w in table.warnings] + dated.warnings() + edited
    return rows


def _place_edited(row: RowReader, found: ScheduleRow, file: str) -> list[Text]:
    """A town or an institution typed in the schedule other than the commission's: the plan
    and calendar.ics keep the proposal's, which the warning says (probe s37g: a visit's town
    changed to Liège was undone without a word)."""
    said = []
    for column, actual in (("town", found.town), ("institution", found.institution)):
        written = row.text(column) if row.columns.has(column) else ""
        if written and fold_name(written) != fold_name(actual):
            # No town in commissions.csv: nothing to change there (probe s38f: « ('') »).
            kind = "unknown" if column == "town" and not actual else "edited"
            message = text(
                f"pf_{column}_{kind}",
                written=written,
                team=found.commission_id,
                actual=actual,
                file=file,
            )
            header = row.columns.header[column]
            said.append(Problem(row.table.label, message, row=row.number, column=header).as_text())
    return said


def _by_day(instance: Instance) -> dict[str, str]:
    """ISO date → the one slot of the calendar on that day (a day of two slots: neither)."""
    calendar = instance.settings.calendar
    days = calendar.dates_by_day
    found: dict[str, list[str]] = {}
    for slot in (calendar.visit_slot, *calendar.oral_slots):
        if slot_key(slot) in days:
            found.setdefault(slot_key(days[slot_key(slot)]), []).append(slot)
    return {day: slots[0] for day, slots in found.items() if len(slots) == 1}


def read_plan_files(
    folder: Path,
    instance: Instance,
    supervisors: tuple[Supervisor, ...] | None = None,
    warnings: list[Text] | None = None,
) -> PlanResult | None:
    """The plan of the result folder ``folder`` as it now stands; ``None`` without one.

    ``supervisors`` (default: the instance's) are those whose ids are recognised up to case
    and accents; an id naming none is kept as written. The result's stage is "given".
    What is said of the files (notes beside rows, ids a spreadsheet made dates) goes to
    ``warnings`` when given.

    Raises
    ------
    InputError
        One plan file without the other; a missing column; a commission that is not a
        proposal of commissions.csv; an event other than visit/oral; a start or end that
        is not a time; a date that is not a date. Each problem names file, row and column.
    """
    files = plan_files(folder)
    if not files.any:
        return None
    if files.supervision is None or files.schedule is None:
        have, lacking = (
            (SUPERVISION_CSV, SCHEDULE_CSV)
            if files.supervision is not None
            else (SCHEDULE_CSV, SUPERVISION_CSV)
        )
        raise InputError(Problem(lacking, text("pf_half_plan", have=have, lacking=lacking)))
    chosen = tuple(instance.supervisors or ()) if supervisors is None else supervisors
    commissions = IdIndex(c.id for c in instance.commissions)
    people = SupervisorRefs(chosen)
    by_id = {c.id: c for c in instance.commissions}
    problems: list[Problem] = []
    file = instance.commissions_file
    supervision = _read_supervision(
        files.supervision, commissions, people, problems, file, warnings
    )
    dates = {k: slot_key(v) for k, v in instance.settings.calendar.dates_by_day.items()}
    table = result_csv(files.schedule, SCHEDULE_COLUMNS)
    schedule = _schedule_rows(
        table, commissions, people, by_id, dates, problems, file, warnings, _by_day(instance)
    )
    if problems:
        raise InputError(problems)
    return PlanResult(StageResult.from_file(), tuple(supervision), tuple(schedule), chosen)


def read_plan_sheet(
    book: Path, instance: Instance, warnings: list[Text] | None = None
) -> PlanResult | None:
    """The plan of result.xlsx's Schedule (Calendrier) sheet, for a result whose folder
    holds no supervision.csv and schedule.csv (the workbook alone, sent back by a
    colleague); ``None`` without that sheet. Each team's supervisor is that of its events.
    What is said of the sheet goes to ``warnings`` when given (``plan_of_sheet``).

    Raises
    ------
    InputError
        As :func:`read_plan_files`, naming the sheet.
    """
    from matcher.loading.result_book import schedule_table

    table = schedule_table(book, warnings)
    return None if table is None else plan_of_sheet(table, instance, warnings)


def plan_of_sheet(
    table: RawTable, instance: Instance, warnings: list[Text] | None = None
) -> PlanResult:
    """The plan of a workbook's Schedule sheet read as a table (``read_plan_sheet``).

    Raises
    ------
    InputError
        As :func:`read_plan_files`, naming the sheet.
    """
    chosen = tuple(instance.supervisors or ())
    by_id = {c.id: c for c in instance.commissions}
    dates = {k: slot_key(v) for k, v in instance.settings.calendar.dates_by_day.items()}
    problems: list[Problem] = []
    schedule = _schedule_rows(
        table,
        IdIndex(by_id),
        SupervisorRefs(chosen),
        by_id,
        dates,
        problems,
        instance.commissions_file,
        warnings,
        _by_day(instance),
    )
    if problems:
        raise InputError(problems)
    supervision: dict[str, str] = {}
    for row in schedule:
        supervision.setdefault(row.commission_id, row.supervisor_id)
    rows = tuple((c, s, False) for c, s in supervision.items())
    return PlanResult(StageResult.from_file(), rows, tuple(schedule), chosen)


def recorded_withdrawn_supervisors(folder: Path) -> tuple[str, ...]:
    """Supervisors a what-if result records as withdrawn (summary.json ``plan``); it only
    informs, so a missing or damaged record gives none."""
    summary = read_summary(Path(folder))
    plan = summary.get("plan") if isinstance(summary, dict) else None
    found = plan.get("withdrawn_supervisors") if isinstance(plan, dict) else None
    if not isinstance(found, list):
        return ()
    return tuple(str(x) for x in found if isinstance(x, str))
