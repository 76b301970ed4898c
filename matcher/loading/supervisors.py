"""supervisors.csv (accompagnateurs.csv), or such a sheet of a workbook (contract §11).

Read with the instance by ``load_instance`` (``Instance.supervisors``; ``None`` when the
instance has none), and by ``matcher plan`` through the same path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from matcher.errors import InputError, Problem
from matcher.labels import Day, Text, counted, listing, text
from matcher.loading.cell_controls import column_letter
from matcher.loading.cells import parse_number, split_list
from matcher.loading.columns import alias_index, column_named, header_repeated, missing_column
from matcher.loading.id_index import alike_ids
from matcher.loading.records import full_name, if_dated
from matcher.loading.tables import FILE_KINDS, RawTable, read_csv
from matcher.schemas import MAX_COUNT, CalendarSettings, Commission, Supervisor
from matcher.text import (
    day_of,
    day_off,
    fold_header,
    month_first_day,
    name_words,
    names_contain,
    no_such_day,
    slot_key,
    time_of_day,
    weekday_disagrees,
)

__all__ = [
    "SUPERVISOR_COLUMNS",
    "SUPERVISOR_FILES",
    "find_supervisors",
    "read_supervisors",
    "supervisors_from_table",
    "unmatched_references",
]

#: supervisors.csv: canonical column → accepted headers (compared with fold_header).
SUPERVISOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code"),
    # With a first-name column, "nom" is the family name: name = "Prénom Nom" (contract §7).
    "name": ("name", "nom", "nom complet", "last_name", "nom de famille"),
    "first_name": ("first_name", "prénom", "firstname"),
    "max_teams": ("max_teams", "équipes max", "nombre d'équipes max", "max équipes"),
    # The singular too (probe s33c: « Indisponibilité » was not read, and the supervisor
    # was given events on the slot they had said they could not attend).
    "sectors": ("sectors", "sector", "secteurs", "secteur", "expertise", "secteurs d'expertise"),
    "ties": ("ties", "tie", "liens", "lien", "conflits d'intérêts", "conflit d'intérêts"),
    "unavailable": (
        "unavailable",
        "unavailability",
        "indisponible",
        "indisponibles",
        "indisponibilité",
        "indisponibilités",
        "absences",
    ),
}
SUPERVISOR_REQUIRED = ("id",)
#: File stems (and sheet names) of the supervisors table, compared with fold_header.
SUPERVISOR_FILES = FILE_KINDS["supervisors"]


def find_supervisors(instance_dir: Path) -> Path | None:
    """The supervisors file of an instance folder (``None`` when it has none)."""
    if not instance_dir.is_dir():
        return None
    stems = {fold_header(name) for name in SUPERVISOR_FILES}
    for entry in sorted(instance_dir.iterdir()):
        suffix = entry.suffix.lower()
        # Any entry of that name, even a folder or a link to nowhere: refused when read,
        # never taken as absent.
        if suffix in (".csv", ".tsv") and fold_header(entry.stem) in stems:
            return entry
    return None


def read_supervisors(path: Path) -> tuple[Supervisor, ...]:
    """Read supervisors.csv (French exports and aliases accepted, contract §11).

    Raises
    ------
    InputError
        Missing id column, empty or duplicate id, ``max_teams`` not an integer ≥ 1; each
        problem names file, spreadsheet row and column.
    """
    return supervisors_from_table(read_csv(path))


def supervisors_from_table(table: RawTable) -> tuple[Supervisor, ...]:
    """Supervisors of an already read table (a CSV file or a workbook sheet)."""
    columns = _supervisor_columns(table)
    problems: list[Problem] = []
    supervisors: list[Supervisor] = []
    first: dict[str, int] = {}
    repeated = header_repeated(table.header, columns.index, alias_index(SUPERVISOR_COLUMNS))
    for number, cells in table.rows:
        if repeated(cells):
            # One problem, not a supervisor « id » given a team (probe s36g).
            said = text("ld_header_repeated", header_row=table.header_row)
            problems.append(Problem(table.label, said, row=number))
            continue
        ident = columns.value(cells, "id")
        id_problem = _id_problem(ident, first.get(ident), number, columns)
        if id_problem is None:
            first[ident] = number
        max_teams, teams_problem = _max_teams(columns.value(cells, "max_teams"), number, columns)
        row_problems = [p for p in (id_problem, teams_problem) if p is not None]
        problems += row_problems
        if not row_problems:
            supervisors.append(
                Supervisor(
                    id=ident,
                    name=full_name(
                        columns.value(cells, "first_name"), columns.value(cells, "name")
                    ),
                    max_teams=max_teams,
                    sectors=split_list(columns.value(cells, "sectors")),
                    ties=split_list(columns.value(cells, "ties")),
                    unavailable=split_list(columns.value(cells, "unavailable")),
                )
            )
    if not table.rows:
        problems.append(Problem(table.label, text("sup_none")))
    if problems:
        raise InputError(problems)
    return tuple(supervisors)


@dataclass(frozen=True)
class _Columns:
    """Where each known column of a supervisors table is, and its header as the file has it."""

    label: str
    #: Canonical column name → position in a row.
    index: dict[str, int]
    #: Canonical column name → its header in the file.
    header: dict[str, str]

    def value(self, cells: tuple[str, ...], name: str) -> str:
        """The cell of column ``name`` (empty when the table has no such column)."""
        return cells[self.index[name]] if name in self.index else ""

    def problem(self, message: Text, number: int, name: str) -> Problem:
        """A problem with the cell of column ``name`` on spreadsheet row ``number``."""
        return Problem(self.label, message, row=number, column=self.header[name])


def _supervisor_columns(table: RawTable) -> _Columns:
    """The known columns of ``table``, found by their aliases.

    Raises
    ------
    InputError
        Two headers naming the same column, or a required column missing.
    """
    problems: list[Problem] = []
    alias = alias_index(SUPERVISOR_COLUMNS)
    index: dict[str, int] = {}
    header: dict[str, str] = {}
    for idx, cell in enumerate(table.header):
        name = column_named(cell, alias)
        if name is None:
            continue
        if name in index:
            problems.append(
                Problem(
                    table.label,
                    text(
                        "sup_same_column",
                        first=header[name],
                        first_at=column_letter(index[name]),
                        second=cell,
                        second_at=column_letter(idx),
                        name=name,
                    ),
                    row=table.header_row,
                    column=cell,
                )
            )
            continue
        index[name] = idx
        header[name] = cell
    for name in SUPERVISOR_REQUIRED:
        if name not in index:
            # The accepted names and the headers found, as for the other files (contract §7).
            message = missing_column(name, SUPERVISOR_COLUMNS, table.header)
            problems.append(Problem(table.label, message, row=table.header_row, column=name))
    if problems:
        raise InputError(problems)
    return _Columns(table.label, index, header)


def _id_problem(ident: str, first: int | None, number: int, columns: _Columns) -> Problem | None:
    """What is wrong with the id on row ``number`` (``first``: the row that already has it)."""
    if not ident:
        return columns.problem(text("sup_empty_id"), number, "id")
    if first is not None:
        return columns.problem(text("sup_duplicate_id", id=ident, row=first), number, "id")
    return None


def _max_teams(cell: str, number: int, columns: _Columns) -> tuple[int | None, Problem | None]:
    """The ``max_teams`` cell of row ``number``: a whole number from 1 up, or empty (no cap)."""
    if not cell:
        return None, None
    read = parse_number(cell)
    value = float("nan") if read is None else read
    if value.is_integer() and value > MAX_COUNT:
        # A whole number too large is said so, with the bound [supervision] max_teams has
        # too (probe s40d: « n'est pas un nombre entier ≥ 1 » of 9223372036854775807).
        said = text("ld_int_too_large", value=cell, maximum=MAX_COUNT)
        return None, columns.problem(said, number, "max_teams")
    if not value.is_integer() or value < 1:
        said = if_dated(text("sup_max_teams", value=cell), cell)  # probe s36j: no word of it
        return None, columns.problem(said, number, "max_teams")
    return int(value), None


def unmatched_references(
    supervisors: tuple[Supervisor, ...],
    commissions: list[Commission],
    calendar: CalendarSettings,
    files: tuple[str, str],
) -> list[Text]:
    """Warnings for a tie or an unavailability that can hold nothing back: a tie that names
    no institution of the proposals (``AMO Le Cerle``), a slot that is not one of the
    calendar's (``oral vendredy``), a ``[calendar] dates`` key that is no slot, a slot
    without a date (left out of calendar.ics). Read as
    written, such a typo would drop the rule the director meant without a word; ``files``:
    (supervisors' file, proposals' file) as named on disk."""
    supervisors_file, commissions_file = files
    institutions = {c.institution for c in commissions}
    slots = (calendar.visit_slot, *calendar.oral_slots)
    known = {slot_key(slot) for slot in slots}
    found: list[Text] = _ids_alike(supervisors, supervisors_file)
    for sup in supervisors:
        for tie in sup.ties:
            taken = sorted(name for name in institutions if names_contain(name, tie))
            # Probe s34e: « santé mentale » (a sector spilled into the ties) kept A1 off
            # « Centre de santé mentale Le Méridien » without a word, as employers say it;
            # those only containing it, beside one it names exactly too (probe s34f).
            loose = [name for name in taken if name_words(name) != name_words(tie)]
            if loose:
                every = listing([text("quoted", value=name) for name in loose])
                found.append(
                    counted(
                        "sup_tie_taken",
                        len(loose),
                        file=supervisors_file,
                        id=sup.id,
                        tie=tie,
                        institutions=every,
                        commissions=commissions_file,
                    )
                )
            if commissions and not taken:
                found.append(
                    text(
                        "sup_tie_unmatched",
                        file=supervisors_file,
                        id=sup.id,
                        tie=tie,
                        commissions=commissions_file,
                    )
                )
        for slot in sup.unavailable:
            # A day the calendar dates (1/10/2026 for the visits on 2026-10-01) is a slot too.
            if not calendar.slots_off([slot]) & known:
                found.append(
                    text(
                        "sup_unavailable_unmatched",
                        file=supervisors_file,
                        id=sup.id,
                        slot=slot,
                        slots=", ".join(slots),
                    )
                )
    for slot, date in calendar.dates.items():
        # A date for no slot (a typo in its key) dates no event: the calendar lacks that day.
        if slot_key(slot) not in known:
            found.append(text("sup_date_unmatched", slot=slot, date=date, slots=", ".join(slots)))
    # A slot without a date (the default dates = {} dates none): its events stay out of
    # calendar.ics, which a director opening an empty calendar would not guess.
    dated = calendar.dates_by_day
    undated = [slot for slot in slots if slot_key(slot) not in dated]
    if undated:
        found.append(counted("sup_dates_missing", len(undated), slots=", ".join(undated)))
    found += _days_off(slots, calendar)
    found += _orals_before_visit(calendar)
    return found


def _ids_alike(supervisors: tuple[Supervisor, ...], supervisors_file: str) -> list[Text]:
    """Ids differing only by case, accents or spaces (``A1`` and ``a1``), which a plan file
    or ``--withdraw-supervisor`` written otherwise names neither of (probe s36g: no word,
    where students and commissions get one)."""
    return [
        text("sup_ids_alike", file=supervisors_file, id=ident, other=other)
        for ident, _, other, _ in alike_ids((s.id, None) for s in supervisors)
    ]


def _orals_before_visit(calendar: CalendarSettings) -> list[Text]:
    """Warnings for an oral slot ``[calendar] dates`` puts on or before the visits' day:
    a team defends after its visit, so such a date is most likely a slip of the year
    (``26/3/2026`` for ``26/3/2027``), which would also file the calendar under the wrong
    academic year."""
    by_day = calendar.dates_by_day
    visit = by_day.get(slot_key(calendar.visit_slot))
    if visit is None:
        return []
    found: list[Text] = []
    for slot in calendar.oral_slots:
        oral = by_day.get(slot_key(slot))
        if oral is not None and slot_key(oral) < slot_key(visit):
            found.append(
                text(
                    "sup_oral_before_visit",
                    slot=slot,
                    day=Day(slot_key(oral)),
                    visit=calendar.visit_slot,
                    visit_day=Day(slot_key(visit)),
                )
            )
    return found


def _days_off(slots: tuple[str, ...], calendar: CalendarSettings) -> list[Text]:
    """Warnings for a slot ``[calendar] dates`` puts on a Saturday, a Sunday or a Belgian
    public holiday: a slip of one day (``31/10/2026`` for the Friday 30) would send every
    team to an institution closed that day."""
    found: list[Text] = []
    for slot in slots:
        day = calendar.dates_by_day.get(slot_key(slot))
        off = day_off(slot_key(day)) if day is not None else None
        if day is not None and off is not None:
            why = text(off) if off == "weekend" else text("hol_public", name=text(off))
            found.append(text("sup_date_day_off", slot=slot, day=Day(slot_key(day)), why=why))
    return found


def weekday_slips(
    commissions: Iterable[tuple[int, Commission]],
    supervisors: tuple[Supervisor, ...],
    files: tuple[str, str],
    slots_header: str,
    days: frozenset[str] = frozenset(),
) -> list[Text]:
    """Warnings for a day written with a day of the week that is not its own (« mardi
    2/4/2027 », a Friday) in a proposal's slots (``commissions``: spreadsheet row, proposal)
    or a supervisor's ``unavailable``: the date is what counts (contract §7), but the
    writer may have meant the weekday; likewise for a day written with a time (read as the
    day) and for a text written as a day that the calendar has not (``31/02/2027``, read
    as a label no date matches), and for a day none of the settings' ``days`` (ISO) that
    read month first would be one of them (``10/1/2026`` for 1/10/2026). ``files``:
    (supervisors' file, proposals' file); ``slots_header``: the slots column as written."""
    supervisors_file, commissions_file = files
    found: list[Text] = []
    # Once per label written: 10,000 students' 4,000 proposals write the same few slots
    # 20,000 times (3 s of every command's loading).
    slips: dict[str, Text | None] = {}
    for number, commission in commissions:
        for written in commission.slots or ():
            if written not in slips:
                slips[written] = _day_slip(written, days)
            message = slips[written]
            if message is not None:
                found.append(Problem(commissions_file, message, number, slots_header).as_text())
    for sup in supervisors:
        for written in sup.unavailable:
            message = _day_slip(written, days)
            if message is not None:
                message = text("sup_weekday_slip", id=sup.id, message=message)
                found.append(Problem(supervisors_file, message).as_text())
    return found


def _day_slip(written: str, days: frozenset[str]) -> Text | None:
    """What a slot label written as a day may hide (:func:`weekday_slips`), or None."""
    day, other = day_of(written), month_first_day(written)
    if day is not None and day not in days and other in days:
        return text("ld_month_first", written=written, day=Day(day), other=Day(other or ""))
    if no_such_day(written) and other in days:
        return text("ld_no_such_day_month_first", written=written, other=Day(other or ""))
    if no_such_day(written):
        return text("ld_no_such_day", written=written)
    if weekday_disagrees(written):
        return text("ld_weekday_slip", written=written, day=Day(slot_key(written)))
    time = time_of_day(written)
    if time is not None and time != "00:00":  # midnight: a plain date cell's time
        return text("ld_day_with_time", written=written, day=Day(slot_key(written)), time=time)
    return None
