"""Stage 3 in the cohort's terms: supervisors.csv, the plan's rows, calendar.ics, diagnoses.

Reads ``supervisors.csv`` (``accompagnateurs.csv``), maps ids and names to the indices of
``models.plan_data.PlanData``, solves with ``models.plan`` (imported only when solving),
and turns the plan into the rows of ``supervision.csv`` and ``schedule.csv`` and the
events of ``calendar.ics``. Every message exists in English and French (``plan_*`` keys of
``matcher.labels``).
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.errors import InputError, Problem
from matcher.labels import Lang, label
from matcher.loading.tables import RawTable, read_csv
from matcher.results import ObjectiveResult, StageResult, Status
from matcher.schemas import Commission, Instance, Settings, Supervisor, clock_of
from matcher.text import fold_header, fold_name
from models.outcome import SolveParams
from models.plan_data import VISIT_SLOT, Plan, PlanData

if TYPE_CHECKING:
    from models.plan import PlanSolution

__all__ = [
    "SUPERVISOR_COLUMNS",
    "SUPERVISOR_FILES",
    "PlanResult",
    "ScheduleRow",
    "build_plan_data",
    "calendar_ics",
    "find_supervisors",
    "plan_teams",
    "read_supervisors",
    "schedule_rows",
    "supervision_rows",
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
SUPERVISOR_FILES = ("supervisors", "accompagnateurs", "accompagnatrices", "accompagnateurs·rices")


def _t(key: str, lang: Lang, **values: object) -> str:
    """The stage-3 sentence ``key`` (catalogue key ``plan_<key>``) in ``lang``."""
    return label(f"plan_{key}", lang, **values)


def _join(items: Sequence[str], lang: Lang, word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_t(word, lang)} {items[-1]}"


# --- supervisors.csv ------------------------------------------------------------------------


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
        if entry.is_file() and suffix in (".csv", ".tsv") and fold_header(entry.stem) in stems:
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
                    f"columns '{header[name]}' and '{cell}' both mean '{name}': keep only one",
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
                    f"missing required column '{name}' (also accepted: {others})",
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
                    "empty cell: expected an id for this supervisor",
                    row=number,
                    column=header["id"],
                )
            )
            ok = False
        elif ident in first:
            problems.append(
                Problem(
                    table.label,
                    f"duplicate id '{ident}' (already on row {first[ident]}): ids must be unique",
                    row=number,
                    column=header["id"],
                )
            )
            ok = False
        else:
            first[ident] = number
        max_teams: int | None = None
        text = value_of("max_teams")
        if text:
            try:
                value = float(text.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
            except ValueError:
                value = float("nan")
            if not value.is_integer() or not 1 <= value <= 1_000_000:
                problems.append(
                    Problem(
                        table.label,
                        f"'{text}' is not a whole number ≥ 1: "
                        "expected the most teams this supervisor can take "
                        "(empty: [supervision] max_teams)",
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
        problems.append(Problem(table.label, "no supervisors: expected one row per supervisor"))
    if problems:
        raise InputError(problems)
    return tuple(supervisors)


# --- From the cohort to indices and back ----------------------------------------------------


@dataclass(frozen=True)
class PlanContext:
    """What maps the indices of a PlanData back to the cohort."""

    commissions: tuple[Commission, ...]
    supervisors: tuple[Supervisor, ...]
    slots: tuple[str, ...]
    settings: Settings


def _capacity(supervisors: Sequence[Supervisor], num_teams: int, settings: Settings) -> list[int]:
    default = settings.supervision.max_teams or -(-num_teams // max(len(supervisors), 1))
    return [s.max_teams if s.max_teams is not None else default for s in supervisors]


def build_plan_data(
    instance: Instance,
    team_ids: Sequence[str],
    supervisors: Sequence[Supervisor],
    settings: Settings | None = None,
) -> tuple[PlanData, PlanContext]:
    """The index-based problem of planning the teams of ``team_ids`` (commission ids).

    Institutions, towns, sectors, ties and slot labels are compared folded
    (``fold_name``). A commission without a town gets a town of its own.
    """
    settings = settings or instance.settings
    calendar = settings.calendar
    by_id = {c.id: c for c in instance.commissions}
    commissions = tuple(by_id[cid] for cid in team_ids)
    K, S = len(commissions), len(supervisors)
    slots = (calendar.visit_slot, *calendar.oral_slots)
    folded_slots = [fold_name(s) for s in slots]
    institutions: dict[str, int] = {}
    towns: dict[str, int] = {}
    inst_idx, town_idx = [], []
    for t, c in enumerate(commissions):
        inst_idx.append(institutions.setdefault(fold_name(c.institution), len(institutions)))
        town = fold_name(c.town) if c.town else ""
        town_idx.append(towns.setdefault(town, len(towns)) if town else -1 - t)
    allowed = np.ones((K, S), dtype=bool)
    expertise = np.zeros((K, S), dtype=bool)
    unavailable = np.zeros((S, len(slots)), dtype=bool)
    for s, sup in enumerate(supervisors):
        ties = {fold_name(x) for x in sup.ties}
        sectors = {fold_name(x) for x in sup.sectors}
        off = {fold_name(x) for x in sup.unavailable}
        for t, c in enumerate(commissions):
            allowed[t, s] = fold_name(c.institution) not in ties
            expertise[t, s] = fold_name(c.sector) in sectors
        unavailable[s] = [slot in off for slot in folded_slots]
    oral_allowed = np.ones((K, len(calendar.oral_slots)), dtype=bool)
    for t, c in enumerate(commissions):
        if c.slots is not None:
            offered = {fold_name(x) for x in c.slots}
            oral_allowed[t] = [fold_name(o) in offered for o in calendar.oral_slots]
    # Unknown towns: indices after every known one, one per team.
    town_arr = np.array([i if i >= 0 else len(towns) - 1 - i for i in town_idx], dtype=np.int64)
    data = PlanData(
        capacity=np.array(_capacity(supervisors, K, settings), dtype=np.int64),
        allowed=allowed,
        unavailable=unavailable,
        oral_allowed=oral_allowed,
        institution=np.array(inst_idx, dtype=np.int64),
        town=town_arr,
        visit_window=calendar.visit_range,
        oral_window=calendar.oral_range,
        visit_minutes=calendar.visit_minutes,
        oral_minutes=calendar.oral_minutes,
        travel_minutes=calendar.travel_minutes,
        same_town_minutes=calendar.same_town_minutes,
        expertise=expertise,
        priorities=tuple(settings.supervision.priorities),
        team_labels=tuple(c.id for c in commissions),
        supervisor_labels=tuple(s.id for s in supervisors),
        slot_labels=slots,
    )
    return data, PlanContext(commissions, tuple(supervisors), slots, settings)


@dataclass(frozen=True)
class ScheduleRow:
    """One row of schedule.csv."""

    event: str
    commission_id: str
    institution: str
    town: str
    supervisor_id: str
    slot: str
    date: str
    start: str
    end: str


SUPERVISION_HEADER = ("commission_id", "supervisor_id", "expertise")
SCHEDULE_HEADER = (
    "event",
    "commission_id",
    "institution",
    "town",
    "supervisor_id",
    "slot",
    "date",
    "start",
    "end",
)


@dataclass(frozen=True)
class PlanResult:
    """Stage 3 in ids: the stage's outcome, who supervises whom, and the schedule."""

    stage: StageResult
    #: (commission id, supervisor id, expertise) per team, in team order.
    supervision: tuple[tuple[str, str, bool], ...] = ()
    schedule: tuple[ScheduleRow, ...] = ()
    supervisors: tuple[Supervisor, ...] = ()


def supervision_rows(
    data: PlanData, context: PlanContext, plan: Plan
) -> list[tuple[str, str, bool]]:
    """Rows of supervision.csv."""
    expert = data.expert
    return [
        (c.id, context.supervisors[plan.supervisor[t]].id, bool(expert[t, plan.supervisor[t]]))
        for t, c in enumerate(context.commissions)
    ]


def schedule_rows(data: PlanData, context: PlanContext, plan: Plan) -> list[ScheduleRow]:
    """Rows of schedule.csv: every visit, then every oral, each by slot and start time."""
    dates = context.settings.calendar.dates
    rows = []
    for t, c in enumerate(context.commissions):
        supervisor = context.supervisors[plan.supervisor[t]].id
        for event, slot, start, length in (
            ("visit", VISIT_SLOT, plan.visit_start[t], data.visit_minutes),
            ("oral", 1 + plan.oral_slot[t], plan.oral_start[t], data.oral_minutes),
        ):
            label = context.slots[slot]
            rows.append(
                (
                    slot,
                    start,
                    t,
                    ScheduleRow(
                        event,
                        c.id,
                        c.institution,
                        c.town or "",
                        supervisor,
                        label,
                        dates.get(label, ""),
                        clock_of(start),
                        clock_of(start + length),
                    ),
                )
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [row for *_, row in rows]


# --- Diagnoses -------------------------------------------------------------------------------


def _least_minutes(data: PlanData, teams: Sequence[int], length: int) -> tuple[int, list[int]]:
    """Fewest minutes from the first start to the last end for these events, and the order
    (every order for up to 7 events; beyond, a bound: the smallest gap between each two)."""
    if len(teams) > 7:
        smallest = min(data.gap(a, b) for a, b in itertools.combinations(teams, 2))
        return length * len(teams) + smallest * (len(teams) - 1), list(teams)
    best: tuple[int, list[int]] = (10**9, list(teams))
    for order in itertools.permutations(teams):
        total = length * len(order) + sum(data.gap(a, b) for a, b in itertools.pairwise(order))
        if total < best[0]:
            best = (total, list(order))
    return best


def _one_place_sentence(
    name: str, data: PlanData, context: PlanContext, slot: int, teams: Sequence[int], lang: Lang
) -> str:
    length = data.visit_minutes if slot == VISIT_SLOT else data.oral_minutes
    begin, end = data.visit_window if slot == VISIT_SLOT else data.oral_window
    total, order = _least_minutes(data, teams, length)
    window = f"{clock_of(begin)}–{clock_of(end)}"
    if len(order) > 3:
        kind = _t("visits" if slot == VISIT_SLOT else "orals", lang)
        return _t(
            "one_place_many",
            lang,
            name=name,
            count=len(order),
            events=kind,
            slot=context.slots[slot],
            teams=", ".join(context.commissions[t].id for t in teams),
            sum=total,
            window=window,
            length=end - begin,
        )
    parts = [str(length)]
    for a, b in itertools.pairwise(order):
        parts += [str(data.gap(a, b)), str(length)]
    places = []
    for t in order:
        c = context.commissions[t]
        places.append(
            f"{c.id} {_t('in', lang)} {c.town}" if c.town else f"{c.id} ({c.institution})"
        )
    kind = _t("visit", lang) if slot == VISIT_SLOT else _t("oral", lang)
    return _t(
        "one_place",
        lang,
        name=name,
        events=f"{len(order)} × {kind.lower()}",
        slot=context.slots[slot],
        places=_join(places, lang),
        sum=" + ".join(parts) + (f" = {total}" if len(order) > 1 else ""),
        window=window,
        length=end - begin,
    )


def _mornings_only(core: Sequence[str]) -> bool:
    """Whether a conflict is between visit mornings (two or more) and capacities alone."""
    from models.plan import FAMILY_CAPACITY, FAMILY_ONE_PLACE, family_index

    mornings = [n for n in core if n.startswith(FAMILY_ONE_PLACE)]
    return (
        len(mornings) >= 2
        and all(family_index(n)[1] == VISIT_SLOT for n in mornings)
        and all(n.startswith((FAMILY_ONE_PLACE, FAMILY_CAPACITY)) for n in core)
    )


def explain(
    data: PlanData, context: PlanContext, solution: PlanSolution, lang: Lang = "en"
) -> list[str]:
    """Sentences naming the conflicting rules in the cohort's terms."""
    from models.plan import (
        FAMILY_CAPACITY,
        FAMILY_ONE_PLACE,
        FAMILY_ORAL_SLOTS,
        FAMILY_TIES,
        FAMILY_UNAVAILABLE,
        family_index,
    )

    if not context.supervisors:
        return [_t("no_supervisors", lang)]
    if solution.conflict is None:
        return [_t("unknown", lang)]
    sup = context.supervisors
    lines: list[str] = []
    core = solution.conflict
    oral = [n for n in core if n.startswith(FAMILY_ORAL_SLOTS)]
    rest = [n for n in core if not n.startswith(FAMILY_ORAL_SLOTS)]
    if len(oral) == 1 and all(
        n.startswith((FAMILY_UNAVAILABLE, FAMILY_TIES, FAMILY_CAPACITY)) for n in rest
    ):
        (t,) = family_index(oral[0])
        c = context.commissions[t]
        offered = [context.slots[1 + o] for o in range(data.num_orals) if data.oral_allowed[t, o]]
        lines.append(
            _t(
                "oral_nobody",
                lang,
                slots=_join(offered, lang, "or"),
                team=c.id,
                institution=c.institution,
            )
        )
        core = rest
    elif _mornings_only(core):
        # Only mornings (and some capacities) conflict: every other rule switched off, these
        # supervisors are all there are; say how many visits fit, not one example each.
        placing = [family_index(n)[0] for n in core if n.startswith(FAMILY_ONE_PLACE)]
        capped = {family_index(n)[0] for n in core if n.startswith(FAMILY_CAPACITY)}
        K = data.num_teams
        gap = min((data.gap(a, b) for a in range(K) for b in range(a + 1, K)), default=0)
        begin, end = data.visit_window
        each = (end - begin + gap) // (data.visit_minutes + gap)
        most = sum(min(each, int(data.capacity[s])) if s in capped else each for s in placing)
        lines = [
            _t(
                "visits_total",
                lang,
                count=K,
                slot=context.slots[VISIT_SLOT],
                names=_join([sup[s].display_name for s in placing], lang),
                most=most,
                each=each,
                window=f"{clock_of(begin)}–{clock_of(end)}",
                length=end - begin,
                minutes=data.visit_minutes,
                gap=gap,
            )
        ]
        core = [n for n in core if n.startswith(FAMILY_CAPACITY)]
    else:
        lines.append(_t("conflict", lang))
    for name in core:
        idx = family_index(name)
        if name.startswith(FAMILY_CAPACITY):
            count = int(data.capacity[idx[0]])
            lines.append(
                _t(
                    "capacity",
                    lang,
                    name=sup[idx[0]].display_name,
                    count=count,
                    s="s" if count > 1 else "",
                )
            )
        elif name.startswith(FAMILY_TIES):
            s = idx[0]
            tied = sorted(
                {
                    context.commissions[t].institution
                    for t in range(data.num_teams)
                    if not data.allowed[t, s]
                }
            )
            lines.append(_t("ties", lang, name=sup[s].display_name, institutions=_join(tied, lang)))
        elif name.startswith(FAMILY_UNAVAILABLE):
            s = idx[0]
            off = [context.slots[k] for k in range(len(context.slots)) if data.unavailable[s, k]]
            lines.append(_t("unavailable", lang, name=sup[s].display_name, slots=_join(off, lang)))
        elif name.startswith(FAMILY_ORAL_SLOTS):
            c = context.commissions[idx[0]]
            offered = [
                context.slots[1 + o] for o in range(data.num_orals) if data.oral_allowed[idx[0], o]
            ]
            lines.append(
                _t(
                    "oral_slots",
                    lang,
                    team=c.id,
                    institution=c.institution,
                    slots=_join(offered, lang, "or"),
                )
            )
        elif name.startswith(FAMILY_ONE_PLACE):
            s, slot = idx
            teams = solution.witness.get(name)
            if teams:
                lines.append(
                    _one_place_sentence(sup[s].display_name, data, context, slot, teams, lang)
                )
            else:
                lines.append(
                    _t(
                        "one_place_plain",
                        lang,
                        slot=context.slots[slot],
                        travel=data.travel_minutes,
                        same_town=data.same_town_minutes,
                    )
                )
    if len(core) == 1 and len(lines) == 2 and lines[0] == _t("conflict", lang):
        return lines[1:]  # one rule alone: its sentence says it all
    return lines


# --- Solving ---------------------------------------------------------------------------------


def _tuned(params: SolveParams) -> SolveParams:
    """CP-SAT's presolve costs more than the whole search on these small models."""
    from dataclasses import replace

    return replace(
        params, cp_sat_parameters={"cp_model_presolve": False, **params.cp_sat_parameters}
    )


def plan_teams(
    instance: Instance,
    team_ids: Sequence[str],
    supervisors: Sequence[Supervisor],
    params: SolveParams,
    lang: Lang = "en",
) -> PlanResult:
    """Stage 3: a supervisor per team and the time of every visit and oral (contract §11)."""
    from models.plan import solve_plan

    data, context = build_plan_data(instance, team_ids, supervisors)
    solution = solve_plan(data, _tuned(params))
    if solution.plan is None:
        diagnosis = (
            ()
            if solution.status == Status.UNKNOWN
            else tuple(explain(data, context, solution, lang))
        )
        stage = StageResult(solution.status, solution.time_s, diagnosis=diagnosis)
        return PlanResult(stage, supervisors=tuple(supervisors))
    stage = StageResult(solution.status, solution.time_s, tuple(solution.objectives))
    return PlanResult(
        stage,
        tuple(supervision_rows(data, context, solution.plan)),
        tuple(schedule_rows(data, context, solution.plan)),
        tuple(supervisors),
    )


def stage_summary(result: PlanResult) -> dict[str, Any]:
    """The ``"plan"`` stage of summary.json, like the other stages."""
    stage = result.stage
    objectives: Sequence[ObjectiveResult] = stage.objectives
    return {
        "status": str(stage.status),
        "time_s": round(stage.time_s, 3),
        "proven_optimal": stage.status == Status.OPTIMAL,
        "objectives": [
            {"name": o.name, "value": o.value, "bound": o.bound, "sense": o.sense}
            for o in objectives
        ],
        "supervisors": [s.id for s in result.supervisors],
    }


# --- calendar.ics ----------------------------------------------------------------------------

#: Local times are written with TZID=Europe/Brussels and the matching VTIMEZONE, so that a
#: phone abroad still shows the Belgian time of a visit.
TIMEZONE = "Europe/Brussels"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def calendar_ics(
    result: PlanResult,
    instance: Instance,
    lang: Lang = "en",
    members: dict[str, list[str]] | None = None,
) -> bytes:
    """calendar.ics (RFC 5545): one VEVENT per schedule row that has a date.

    UIDs are stable (instance, event, commission), DTSTAMP is pinned to midnight UTC of the
    earliest dated event, so the same plan always gives the same bytes (for one tzdata).
    ``members`` maps a commission id to its students' names, listed in DESCRIPTION.
    """
    import zoneinfo

    import icalendar

    zone = zoneinfo.ZoneInfo(TIMEZONE)
    names = {s.id: s.display_name for s in result.supervisors}
    cal = icalendar.Calendar()
    cal.add("prodid", "-//matcher//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{instance.name}: {_t('visit', lang)} / {_t('oral', lang)}")
    dated = [row for row in result.schedule if row.date]
    if dated:
        first = min(datetime.date.fromisoformat(r.date) for r in dated)
        stamp = datetime.datetime(first.year, first.month, first.day, tzinfo=datetime.UTC)
    host = _UID_UNSAFE.sub("-", instance.name) or "cohort"
    for row in dated:
        day = datetime.date.fromisoformat(row.date)
        start = datetime.datetime.combine(day, datetime.time.fromisoformat(row.start), zone)
        end = datetime.datetime.combine(day, datetime.time.fromisoformat(row.end), zone)
        event = icalendar.Event()
        event.add("uid", f"{row.event}-{_UID_UNSAFE.sub('-', row.commission_id)}@{host}.matcher")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        kind = _t(row.event, lang)
        colon = _t("colon", lang)
        event.add("summary", f"{kind}{colon}{row.commission_id} — {row.institution}")
        event.add("location", f"{row.institution}, {row.town}" if row.town else row.institution)
        supervisor = names.get(row.supervisor_id, row.supervisor_id)
        lines = [f"{_t('supervisor', lang).capitalize()}{colon}{supervisor}"]
        if members and members.get(row.commission_id):
            team = ", ".join(members[row.commission_id])
            lines.append(f"{_t('team', lang).capitalize()}{colon}{team}")
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    if dated:
        # The time zone's rules only over the calendar's span, not 1970–2038.
        days = [datetime.date.fromisoformat(r.date) for r in dated]
        cal.add_missing_timezones(
            first_date=min(days) - datetime.timedelta(days=1),
            last_date=max(days) + datetime.timedelta(days=1),
        )
    return bytes(cal.to_ical())


# --- Writing the outputs ---------------------------------------------------------------------

#: Every file ``matcher plan`` writes.
PLAN_FILES = ("supervision.csv", "schedule.csv", "calendar.ics", "summary.json")


def write_plan_outputs(
    out_dir: Path,
    result: PlanResult,
    instance: Instance,
    *,
    instance_dir: Path,
    lang: Lang = "en",
    members: dict[str, list[str]] | None = None,
    inputs: Sequence[tuple[str, Path]] = (),
) -> list[Path]:
    """Write supervision.csv, schedule.csv, calendar.ics and summary.json, all or nothing.

    Like ``matcher.outputs.writers.write_outputs``: files are produced in a staging folder beside
    ``out_dir``, then the folder is renamed into place (new ``out_dir``) or each file is
    moved in (existing one).
    """
    import json
    import shutil
    import tempfile

    from matcher import __version__
    from matcher.outputs.csvwrite import write_csv, yes_no
    from matcher.outputs.provenance import versions
    from matcher.outputs.writers import check_out_dir

    check_out_dir(out_dir, instance_dir, inputs=inputs)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".matcher-", dir=parent))
    try:
        write_csv(
            staging / "supervision.csv",
            SUPERVISION_HEADER,
            [(c, s, yes_no(e)) for c, s, e in result.supervision],
        )
        write_csv(
            staging / "schedule.csv",
            SCHEDULE_HEADER,
            [[getattr(row, k) for k in SCHEDULE_HEADER] for row in result.schedule],
        )
        (staging / "calendar.ics").write_bytes(calendar_ics(result, instance, lang, members))
        settings = instance.settings
        summary = {
            "matcher_version": __version__,
            "instance": instance.name,
            "seed": settings.solver.seed,
            "settings": {
                "supervision": settings.supervision.model_dump(mode="json"),
                "calendar": settings.calendar.model_dump(mode="json"),
                "solver": settings.solver.model_dump(mode="json"),
            },
            "versions": versions(),
            "plan": stage_summary(result),
        }
        (staging / "summary.json").write_text(
            json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        produced = [out_dir / name for name in PLAN_FILES]
        if not out_dir.exists():
            mask = os.umask(0o022)
            os.umask(mask)
            staging.chmod(0o777 & ~mask)
            staging.rename(out_dir)
            return produced
        for name in PLAN_FILES:
            (staging / name).replace(out_dir / name)
        return produced
    finally:
        shutil.rmtree(staging, ignore_errors=True)
