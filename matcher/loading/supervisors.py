"""supervisors.csv (accompagnateurs.csv), or such a sheet of a workbook (contract §11).

Read with the instance by ``load_instance`` (``Instance.supervisors``; ``None`` when the
instance has none), and by ``matcher plan`` through the same path.
"""

from __future__ import annotations

import re
from pathlib import Path

from matcher.errors import InputError, Problem
from matcher.labels import text
from matcher.loading.columns import FILE_KINDS
from matcher.loading.tables import RawTable, present, read_csv
from matcher.results import PlanResult, ScheduleRow, StageResult
from matcher.schemas import Supervisor
from matcher.text import fold_header

__all__ = [
    "SUPERVISOR_COLUMNS",
    "SUPERVISOR_FILES",
    "find_supervisors",
    "read_plan",
    "read_supervisors",
    "supervisors_from_table",
]

#: supervisors.csv: canonical column → accepted headers (compared with fold_header).
SUPERVISOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code"),
    "name": ("name", "nom", "nom complet"),
    "max_teams": ("max_teams", "équipes max", "nombre d'équipes max", "max équipes"),
    "sectors": ("sectors", "secteurs", "expertise", "secteurs d'expertise"),
    "ties": ("ties", "liens", "conflits d'intérêts"),
    "unavailable": ("unavailable", "indisponible", "indisponibilités", "indisponibilites"),
}
SUPERVISOR_REQUIRED = ("id",)
#: File stems (and sheet names) of the supervisors table, compared with fold_header.
SUPERVISOR_FILES = FILE_KINDS["supervisors"]


def _split(text: str) -> tuple[str, ...]:
    """A ``;``-list cell (also ``|``, or ``,`` when neither is used), trimmed."""
    for separator in (";", "|", ","):
        if separator in text:
            return tuple(p.strip() for p in text.split(separator) if p.strip())
    return (text.strip(),) if text.strip() else ()


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
    problems: list[Problem] = []
    alias = {fold_header(a): name for name, aliases in SUPERVISOR_COLUMNS.items() for a in aliases}
    index: dict[str, int] = {}
    header: dict[str, str] = {}
    for idx, cell in enumerate(table.header):
        name = alias.get(fold_header(cell))
        if name is None:
            continue
        if name in index:
            problems.append(
                Problem(
                    table.label,
                    text("sup_same_column", first=header[name], second=cell, name=name),
                    row=1,
                    column=cell,
                )
            )
            continue
        index[name] = idx
        header[name] = cell
    for name in SUPERVISOR_REQUIRED:
        if name not in index:
            others = ", ".join(a for a in SUPERVISOR_COLUMNS[name] if a != name)
            problems.append(
                Problem(
                    table.label,
                    text("sup_missing_column", name=name, others=others),
                    row=1,
                    column=name,
                )
            )
    if problems:
        raise InputError(problems)
    supervisors: list[Supervisor] = []
    first: dict[str, int] = {}
    for number, cells in table.rows:

        def value_of(name: str, cells: tuple[str, ...] = cells) -> str:
            return cells[index[name]] if name in index else ""

        ok = True
        ident = value_of("id")
        if not ident:
            problems.append(
                Problem(
                    table.label,
                    text("sup_empty_id"),
                    row=number,
                    column=header["id"],
                )
            )
            ok = False
        elif ident in first:
            problems.append(
                Problem(
                    table.label,
                    text("sup_duplicate_id", id=ident, row=first[ident]),
                    row=number,
                    column=header["id"],
                )
            )
            ok = False
        else:
            first[ident] = number
        max_teams: int | None = None
        cell_value = value_of("max_teams")
        if cell_value:
            try:
                value = float(
                    cell_value.replace(",", ".").replace("\u00a0", "").replace(" ", "")
                )
            except ValueError:
                value = float("nan")
            if not value.is_integer() or not 1 <= value <= 1_000_000:
                problems.append(
                    Problem(
                        table.label,
                        text("sup_max_teams", value=cell_value),
                        row=number,
                        column=header["max_teams"],
                    )
                )
                ok = False
            else:
                max_teams = int(value)
        if ok:
            supervisors.append(
                Supervisor(
                    id=ident,
                    name=value_of("name"),
                    max_teams=max_teams,
                    sectors=_split(value_of("sectors")),
                    ties=_split(value_of("ties")),
                    unavailable=_split(value_of("unavailable")),
                )
            )
    if not table.rows:
        problems.append(Problem(table.label, text("sup_none")))
    if problems:
        raise InputError(problems)
    return tuple(supervisors)


_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def read_plan(result_dir: Path) -> PlanResult | None:
    """The plan of a result folder (supervision.csv and schedule.csv), ``None`` without one.

    Used by ``whatif`` as the plan to stay close to. Only the columns the comparison needs
    are read: ``commission_id``, ``supervisor_id`` (supervision.csv); ``event``,
    ``commission_id``, ``slot``, ``start`` (schedule.csv).

    Raises
    ------
    InputError
        A missing column, an event other than visit/oral, a start that is not HH:MM.
    """
    supervision_file = result_dir / "supervision.csv"
    schedule_file = result_dir / "schedule.csv"
    if not present(supervision_file):
        return None
    problems: list[Problem] = []

    def columns(table: RawTable, names: tuple[str, ...]) -> dict[str, int]:
        where = {fold_header(cell): i for i, cell in enumerate(table.header)}
        for name in names:
            if name not in where:
                problems.append(
                    Problem(
                        table.label,
                        text("sup_missing_result_column", name=name),
                        row=1,
                        column=name,
                    )
                )
        return where

    supervision: list[tuple[str, str, bool]] = []
    table = read_csv(supervision_file)
    where = columns(table, ("commission_id", "supervisor_id"))
    if not problems:
        for _, cells in table.rows:
            supervision.append(
                (cells[where["commission_id"]], cells[where["supervisor_id"]], False)
            )
    schedule: list[ScheduleRow] = []
    if present(schedule_file):
        table = read_csv(schedule_file)
        names = ("event", "commission_id", "slot", "start")
        where = columns(table, names)
        if all(n in where for n in names):
            for number, cells in table.rows:
                event, start = cells[where["event"]], cells[where["start"]]
                if event not in ("visit", "oral"):
                    problems.append(
                        Problem(
                            table.label,
                            text("sup_bad_event", value=event),
                            row=number,
                            column="event",
                        )
                    )
                    continue
                if not _CLOCK.match(start):
                    problems.append(
                        Problem(
                            table.label,
                            text("sup_bad_time", value=start),
                            row=number,
                            column="start",
                        )
                    )
                    continue
                schedule.append(
                    ScheduleRow(
                        event,
                        cells[where["commission_id"]],
                        "",
                        "",
                        "",
                        cells[where["slot"]],
                        "",
                        start,
                        "",
                    )
                )
    if problems:
        raise InputError(problems)
    return PlanResult(StageResult.from_file(), tuple(supervision), tuple(schedule))
