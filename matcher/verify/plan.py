"""Independent check of a stage-3 plan: its priorities recomputed from ids (contract §11).

Nothing here uses the solver or ``models/``: each priority is recomputed from the
instance, its supervisors and the rows of supervision.csv and schedule.csv, so that a bug
in the formulation shows up as a disagreement in the tests.

- ``expertise``: teams whose sector is among their supervisor's sectors (folded names).
- ``load``: teams of the busiest supervisor.
- ``travel``: over each supervisor and slot, their events in start order, the sum of the
  gaps between consecutive events (0 at one institution, ``same_town_minutes`` when both
  towns are known and equal, else ``travel_minutes``).
- ``supervisor_changes`` / ``event_moves`` (what-if): teams of ``previous`` whose supervisor
  differs; visits and orals of ``previous`` whose slot or start differs.

``plan_breaks`` checks every rule of §11 on the files as a director may have edited them
(``matcher.loading.plan_files``), each broken rule worded in the cohort's terms; the twin
of ``models.plan_data.plan_violations``, which works in indices.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from matcher.labels import Day, Text, counted, listing, text
from matcher.loading.id_index import IdIndex, named_alike, with_suggestion
from matcher.schemas import Instance, Supervisor, minutes_of
from matcher.text import category_key, day_of, fold_name, names_contain, slot_key


class _Row(Protocol):
    """A row of schedule.csv (``matcher.results.ScheduleRow``)."""

    @property
    def event(self) -> str: ...
    @property
    def commission_id(self) -> str: ...
    @property
    def supervisor_id(self) -> str: ...
    @property
    def slot(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def start(self) -> str: ...
    @property
    def end(self) -> str: ...


class PlanResult(Protocol):
    """What is read of a plan (``matcher.results.PlanResult``; not imported: that module
    depends on the engine's result types, and verification never does)."""

    @property
    def supervision(self) -> Sequence[tuple[str, str, bool]]: ...
    @property
    def schedule(self) -> Sequence[_Row]: ...
    @property
    def supervisors(self) -> Sequence[Supervisor]: ...


__all__ = ["PlanBreak", "expertise_of", "plan_breaks", "plan_metrics", "plan_objectives"]


def plan_objectives(
    instance: Instance, plan: PlanResult, previous: PlanResult | None = None
) -> dict[str, int]:
    """Every stage-3 priority's value of ``plan``."""
    calendar = instance.settings.calendar
    commissions = {c.id: c for c in instance.commissions}
    sectors = {s.id: {category_key(x) for x in s.sectors} for s in plan.supervisors}
    expertise = sum(
        category_key(commissions[c].sector) in sectors.get(s, set())
        for c, s, _ in plan.supervision
        if c in commissions
    )
    load = max(Counter(s for _, s, _ in plan.supervision).values(), default=0)

    def gap(a: str, b: str) -> int:
        ca, cb = commissions[a], commissions[b]
        if fold_name(ca.institution) == fold_name(cb.institution):
            return 0
        if ca.town and cb.town and fold_name(ca.town) == fold_name(cb.town):
            return calendar.same_town_minutes
        return calendar.travel_minutes

    days: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in plan.schedule:
        # One day however it is written (9/10/2026 = 09/10/2026 = 2026-10-09, contract §7).
        days.setdefault((row.supervisor_id, slot_key(row.slot)), []).append(
            (row.start, row.commission_id)
        )
    travel = sum(
        gap(a, b) for events in days.values() for (_, a), (_, b) in pairwise(sorted(events))
    )
    changes = moves = 0
    if previous is not None:
        now = {c: s for c, s, _ in plan.supervision}
        changes = sum(c in now and now[c] != s for c, s, _ in previous.supervision)
        placed = {(r.event, r.commission_id): (slot_key(r.slot), r.start) for r in plan.schedule}
        moves = sum(
            (r.event, r.commission_id) in placed
            and placed[r.event, r.commission_id] != (slot_key(r.slot), r.start)
            for r in previous.schedule
        )
    return {
        "expertise": int(expertise),
        "load": load,
        "travel": travel,
        "supervisor_changes": changes,
        "event_moves": moves,
    }


def expertise_of(
    instance: Instance, supervisors: Sequence[Supervisor], commission_id: str, supervisor_id: str
) -> bool:
    """Whether the sector of ``commission_id`` is among the sectors of ``supervisor_id``."""
    commission = next((c for c in instance.commissions if c.id == commission_id), None)
    person = next((s for s in supervisors if s.id == supervisor_id), None)
    if commission is None or person is None:
        return False
    return category_key(commission.sector) in {category_key(x) for x in person.sectors}


def plan_metrics(instance: Instance, plan: PlanResult) -> dict[str, int]:
    """The plan's metrics as ``check`` prints them: its three priorities, recomputed."""
    values = plan_objectives(instance, plan)
    return {
        "plan_expertise": values["expertise"],
        "plan_load": values["load"],
        "plan_travel": values["travel"],
    }


# --- Every rule of §11 on the files as they stand ---------------------------------------------


@dataclass(frozen=True)
class PlanBreak:
    """One broken rule of a plan: which rule, the ids it concerns, and its sentence.

    ``rule`` is one of ``stale``, ``unplanned``, ``one_supervisor``, ``known_supervisor``,
    ``capacity``, ``ties``, ``one_visit``, ``one_oral``, ``event_supervisor``,
    ``visit_slot``, ``oral_slot``, ``oral_host``, ``visit_window``, ``oral_window``,
    ``visit_length``, ``oral_length``, ``date``, ``unavailable``, ``overlap``, ``travel``.
    """

    rule: str
    subject: tuple[str, ...]
    message: Text


@dataclass(frozen=True)
class _Event:
    """An event of schedule.csv, in minutes, with the supervisor who attends it."""

    row: _Row
    start: int
    end: int
    #: The team's supervisor (supervision.csv) when it has exactly one, else the row's.
    supervisor: str

    @property
    def name(self) -> Text:
        """Its name in messages: "the visit of C04" / "la visite de C04"."""
        return text(f"pv_{self.row.event}_of", team=self.row.commission_id)

    @property
    def times(self) -> str:
        """Its times as the file gives them, e.g. "09:00–10:30"."""
        return f"{self.row.start}–{self.row.end}"


class _PlanCheck:
    """A plan read from its files, the cohort's teams and supervisors, and the rules."""

    def __init__(
        self,
        instance: Instance,
        plan: PlanResult,
        team_ids: Sequence[str],
        supervisors: Sequence[Supervisor],
        withdrawn: Collection[str],
        source: str | None = None,
    ) -> None:
        self.settings = instance.settings
        #: Where the plan was read, as messages name it: supervision.csv and schedule.csv,
        #: or one sheet of a workbook (``source``: "result.xlsx (Calendrier)").
        self.source = source
        self.supervision_file = source or "supervision.csv"
        self.schedule_file = source or "schedule.csv"
        self.calendar = instance.settings.calendar
        self.commissions = {c.id: c for c in instance.commissions}
        self.people = {s.id: s for s in supervisors}
        #: Names of every supervisor of the instance, withdrawn ones too (for messages).
        self.names = {s.id: s.name for s in (*(instance.supervisors or ()), *supervisors)}
        self.withdrawn = frozenset(withdrawn) - set(self.people)
        self.supervisors_file = instance.supervisors_file
        self.commissions_file = instance.commissions_file
        #: The slots column as written (« Disponibilités »; probe s36a: said « slots »).
        self.slots_header = instance.slots_header
        self.team_ids = tuple(dict.fromkeys(team_ids))
        teams = set(self.team_ids)
        #: Team → the supervisor ids of its rows of supervision.csv (as written, "" empty).
        self.named: dict[str, list[str]] = {t: [] for t in self.team_ids}
        for cid, sid, _ in plan.supervision:
            if cid in teams:
                self.named[cid].append(sid)
        planned = {cid for cid, _, _ in plan.supervision} | {r.commission_id for r in plan.schedule}
        self.stale = sorted(planned - teams)
        self.unplanned = [t for t in self.team_ids if t not in planned]
        self.events = [
            _Event(
                row,
                minutes_of(row.start),
                minutes_of(row.end),
                self.supervisor_of(row.commission_id) or row.supervisor_id,
            )
            for row in plan.schedule
            if row.commission_id in teams
        ]

    def supervisor_of(self, team: str) -> str | None:
        """The one supervisor supervision.csv gives ``team`` (``None``: none or several)."""
        named = self.named.get(team, [])
        return named[0] if len(named) == 1 and named[0] else None

    def who(self, supervisor_id: str) -> str:
        """A supervisor in messages, e.g. "Thomas Dubois (A01)"; the id alone when nameless."""
        name = self.names.get(supervisor_id)
        return f"{name} ({supervisor_id})" if name else supervisor_id

    def place(self, team: str) -> str:
        """Where a team's institution is: its town, else the institution's name."""
        commission = self.commissions[team]
        return commission.town or commission.institution

    def gap(self, a: str, b: str) -> int:
        """Minutes needed between an event of team ``a`` and one of team ``b`` (§11)."""
        ca, cb = self.commissions[a], self.commissions[b]
        if fold_name(ca.institution) == fold_name(cb.institution):
            return 0
        if ca.town and cb.town and fold_name(ca.town) == fold_name(cb.town):
            return self.calendar.same_town_minutes
        return self.calendar.travel_minutes

    # -- one method per rule ---------------------------------------------------------------

    def stale_files(self) -> Iterator[PlanBreak]:
        """The plan files plan only the result's teams (else the teams changed since)."""
        if self.stale:
            ids = listing(self.stale, most=8)
            files = (
                text("pv_plan_files")
                if self.source is None
                else text("pv_plan_sheet_events", sheet=self.source)
            )
            message = counted("pv_stale", len(self.stale), ids=ids, files=files)
            yield PlanBreak("stale", tuple(self.stale), message)
        where = text("pv_plan_files") if self.source is None else self.source
        for team in self.unplanned:
            message = text("pv_unplanned", team=team, where=where)
            yield PlanBreak("unplanned", (team,), message)

    def one_supervisor(self) -> Iterator[PlanBreak]:
        """Every team has exactly one supervisor."""
        for team, named in self.named.items():
            if team in self.unplanned:
                continue
            given = [s for s in named if s]
            if not given and len(named) <= 1:
                message = text("pv_no_supervisor", team=team, file=self.supervision_file)
                yield PlanBreak("one_supervisor", (team,), message)
            elif len(named) > 1:
                ids = listing([s or "—" for s in named])
                message = text("pv_many_supervisors", team=team, n=len(named), ids=ids)
                yield PlanBreak("one_supervisor", (team,), message)

    def homonyms(self, written: str) -> list[str]:
        """The ids of the supervisors whose name ``written`` is (folded)."""
        return named_alike(((p.id, p.name) for p in self.people.values()), written)

    def known_supervisors(self) -> Iterator[PlanBreak]:
        """Every supervisor named in supervision.csv is one of supervisors.csv."""
        for team, named in self.named.items():
            for sid in dict.fromkeys(s for s in named if s and s not in self.people):
                key = (
                    "pv_withdrawn_supervisor" if sid in self.withdrawn else "pv_unknown_supervisor"
                )
                message = text(key, team=team, id=self.who(sid), file=self.supervisors_file)
                homonyms = self.homonyms(sid)  # a name several share (probe s37g)
                if len(homonyms) > 1:
                    message = text(
                        "pv_supervisor_homonyms",
                        team=team,
                        name=sid,
                        file=self.supervisors_file,
                        ids=listing(homonyms, "word_or"),
                    )
                elif sid not in self.withdrawn:
                    # « AO1 »: did you mean A01? (probe s36a); « Anne Martinn »: A1 (Anne
                    # Martin)? (probe s38a: none, where --withdraw-supervisor had one)
                    people = ((p.id, p.display_name) for p in self.people.values())
                    message = with_suggestion(message, sid, IdIndex(self.people), people)
                yield PlanBreak("known_supervisor", (team, sid), message)

    def capacity(self) -> Iterator[PlanBreak]:
        """A supervisor has at most their ``max_teams`` teams."""
        teams: dict[str, list[str]] = {}
        for team, named in self.named.items():
            for sid in dict.fromkeys(named):
                teams.setdefault(sid, []).append(team)
        # ceil(K / number of supervisors), as the plan's model (``rules.supervisor_capacity``).
        shared = -(-len(self.team_ids) // max(len(self.people), 1))
        default = self.settings.supervision.max_teams or shared
        for sid, person in self.people.items():
            cap = person.max_teams if person.max_teams is not None else default
            theirs = teams.get(sid, [])
            if len(theirs) > cap:
                message = text(
                    "pv_capacity", name=self.who(sid), n=len(theirs), teams=listing(theirs), cap=cap
                )
                yield PlanBreak("capacity", (sid,), message)

    def ties(self) -> Iterator[PlanBreak]:
        """Never a team whose institution is among its supervisor's ties."""
        for team in self.team_ids:
            sid = self.supervisor_of(team)
            person = self.people.get(sid or "")
            if person is None:
                continue
            institution = self.commissions[team].institution
            tied = [tie for tie in person.ties if names_contain(institution, tie)]
            if tied:
                key = "pv_tie_same" if fold_name(tied[0]) == fold_name(institution) else "pv_tie"
                message = text(
                    key,
                    name=self.who(person.id),
                    team=team,
                    institution=institution,
                    tie=tied[0],
                )
                yield PlanBreak("ties", (team, person.id), message)

    def one_event_each(self) -> Iterator[PlanBreak]:
        """Every team has one visit and one oral in schedule.csv."""
        count = Counter((e.row.commission_id, e.row.event) for e in self.events)
        for team in self.team_ids:
            if team in self.unplanned:
                continue
            for event in ("visit", "oral"):
                n = count[team, event]
                if n == 0:
                    message = text(f"pv_no_{event}", team=team, file=self.schedule_file)
                    yield PlanBreak(f"one_{event}", (team,), message)
                elif n > 1:
                    message = text(f"pv_many_{event}s", team=team, n=n, file=self.schedule_file)
                    yield PlanBreak(f"one_{event}", (team,), message)

    def event_supervisors(self) -> Iterator[PlanBreak]:
        """The supervisor of an event in schedule.csv is the team's (supervision.csv)."""
        for event in self.events:
            team = event.row.commission_id
            sid = self.supervisor_of(team)
            listed = event.row.supervisor_id
            homonyms = [] if listed in self.people else self.homonyms(listed)
            if sid is not None and listed != sid and len(homonyms) > 1:  # probe s37h
                message = text(
                    "pv_event_supervisor_homonyms",
                    event=event.name,
                    name=listed,
                    file=self.supervisors_file,
                    ids=listing(homonyms, "word_or"),
                )
                yield PlanBreak("event_supervisor", (team, event.row.event), message)
            elif sid in self.people and listed != sid:  # unknown: said once (probe s38a)
                message = text(
                    "pv_event_supervisor",
                    event=event.name,
                    listed=self.who(event.row.supervisor_id) if event.row.supervisor_id else "—",
                    team=team,
                    supervisor=self.who(sid),
                    file=self.supervision_file,
                )
                yield PlanBreak("event_supervisor", (team, event.row.event), message)

    def slots(self) -> Iterator[PlanBreak]:
        """A visit is on the visit slot; an oral on an oral slot its commission has."""
        oral_keys = [slot_key(s) for s in self.calendar.oral_slots]
        for event in self.events:
            row = event.row
            key = slot_key(row.slot)
            if row.event == "visit":
                if key != slot_key(self.calendar.visit_slot):
                    message = text(
                        "pv_visit_slot",
                        event=event.name,
                        slot=row.slot,
                        visit_slot=self.calendar.visit_slot,
                    )
                    yield PlanBreak("visit_slot", (row.commission_id, row.slot), message)
                continue
            if key not in oral_keys:
                message = text(
                    "pv_oral_slot",
                    event=event.name,
                    slot=row.slot,
                    slots=listing(self.calendar.oral_slots, "word_or"),
                )
                yield PlanBreak("oral_slot", (row.commission_id, row.slot), message)
                continue
            commission = self.commissions[row.commission_id]
            if commission.slots is None:
                continue
            offered = self.calendar.slots_named(commission.slots)
            if key not in offered:
                hosts = [
                    s
                    for s, k in zip(self.calendar.oral_slots, oral_keys, strict=True)
                    if k in offered
                ]
                message = text(
                    "pv_oral_host",
                    event=event.name,
                    slot=row.slot,
                    institution=commission.institution,
                    slots=listing(hosts, "word_or") if hosts else "—",
                    column=self.slots_header,
                    file=self.commissions_file,
                )
                yield PlanBreak("oral_host", (row.commission_id, row.slot), message)

    def windows_and_lengths(self) -> Iterator[PlanBreak]:
        """Each event lies inside its window and lasts its minutes."""
        calendar = self.calendar
        for event in self.events:
            row = event.row
            if row.event == "visit":
                window, length = calendar.visit_window, calendar.visit_minutes
            else:
                window, length = calendar.oral_window, calendar.oral_minutes
            low, high = minutes_of(window[0]), minutes_of(window[1])
            if not low <= event.start <= high or not low <= event.end <= high:
                message = text(
                    f"pv_{row.event}_window",
                    event=event.name,
                    start=row.start,
                    end=row.end,
                    window=f"{window[0]}–{window[1]}",
                )
                yield PlanBreak(f"{row.event}_window", (row.commission_id,), message)
            if event.end - event.start != length:
                # An end typed before the start is said so, not as a negative length.
                backwards = event.end < event.start
                message = text(
                    f"pv_{row.event}_backwards" if backwards else f"pv_{row.event}_length",
                    event=event.name,
                    minutes=event.end - event.start,
                    start=row.start,
                    end=row.end,
                    expected=length,
                )
                yield PlanBreak(f"{row.event}_length", (row.commission_id,), message)

    def dates(self) -> Iterator[PlanBreak]:
        """An event's date is the one ``[calendar] dates`` gives its slot (none: empty)."""
        dates = {k: slot_key(v) for k, v in self.calendar.dates_by_day.items()}
        for event in self.events:
            row = event.row
            expected = dates.get(slot_key(row.slot))
            # Each day said as the reader says it (the report's « jeudi 15 avril 2027 »).
            written = Day(day_of(row.date) or row.date)
            if expected is None and row.date:
                message = text("pv_date_undated", event=event.name, date=written, slot=row.slot)
            elif expected is not None and not row.date:
                message = text(
                    "pv_date_missing", event=event.name, expected=Day(expected), slot=row.slot
                )
            elif expected is not None and slot_key(row.date) != expected:
                message = text(
                    "pv_date",
                    event=event.name,
                    date=written,
                    expected=Day(expected),
                    slot=row.slot,
                )
            else:
                continue
            yield PlanBreak("date", (row.commission_id, row.event), message)

    def unavailable(self) -> Iterator[PlanBreak]:
        """A supervisor is never given an event on a slot they are unavailable."""
        for event in self.events:
            person = self.people.get(event.supervisor)
            if person is None:
                continue
            if slot_key(event.row.slot) in self.calendar.slots_off(person.unavailable):
                message = text(
                    "pv_unavailable",
                    name=self.who(person.id),
                    slot=event.row.slot,
                    event=event.name,
                    start=event.row.start,
                    end=event.row.end,
                )
                subject = (person.id, event.row.commission_id, event.row.event, event.row.slot)
                yield PlanBreak("unavailable", subject, message)

    def one_place(self) -> Iterator[PlanBreak]:
        """A supervisor is in one place at a time and leaves the travel time between
        institutions on a slot (every pair of their events, in start order)."""
        days: dict[tuple[str, str], list[_Event]] = {}
        for event in self.events:
            if event.supervisor:
                days.setdefault((event.supervisor, slot_key(event.row.slot)), []).append(event)
        for (sid, _), day in days.items():
            day.sort(key=lambda e: (e.start, e.end, e.row.commission_id, e.row.event))
            for i, first in enumerate(day):
                for second in day[i + 1 :]:
                    found = self._apart(sid, first, second)
                    if found is not None:
                        yield found

    def _apart(self, sid: str, first: _Event, second: _Event) -> PlanBreak | None:
        """The break between two events of one supervisor on one slot, ``first`` starting
        no later than ``second`` (``None``: they keep the rule)."""
        a, b = first.row.commission_id, second.row.commission_id
        subject = (sid, second.row.slot, a, b)
        values = {
            "name": self.who(sid),
            "slot": second.row.slot,
            "first": first.name,
            "first_time": first.times,
            "second": second.name,
            "second_time": second.times,
        }
        if second.start < first.end:
            return PlanBreak("overlap", subject, text("pv_overlap", **values))
        needed = self.gap(a, b)
        if second.start >= first.end + needed:
            return None
        ca, cb = self.commissions[a], self.commissions[b]
        same_town = bool(ca.town and cb.town and fold_name(ca.town) == fold_name(cb.town))
        unknown = not (ca.town and cb.town)  # travel_minutes too, but not "different towns"
        key = "pv_travel_town" if same_town else "pv_travel_unknown" if unknown else "pv_travel"
        message = text(
            key,
            left=second.start - first.end,
            needed=needed,
            first_place=self.place(a),
            second_place=self.place(b),
            town=self.place(a),
            file=self.commissions_file,
            **values,
        )
        return PlanBreak("travel", subject, message)


def plan_breaks(
    instance: Instance,
    plan: PlanResult,
    team_ids: Sequence[str],
    supervisors: Sequence[Supervisor] | None = None,
    withdrawn: Collection[str] = (),
    source: str | None = None,
) -> list[PlanBreak]:
    """Every rule of §11 the plan breaks, in the cohort's terms (empty: it keeps them all).

    ``team_ids`` are the result's teams (commission ids); ``supervisors`` those the plan may
    use (default: the instance's), ``withdrawn`` those a what-if withdrew (named as such);
    ``source`` names the workbook sheet the plan was read from, when it was not read from
    supervision.csv and schedule.csv.
    Times are the files' HH:MM (``matcher.loading.plan_files`` checked them).
    """
    check = _PlanCheck(
        instance,
        plan,
        team_ids,
        tuple(instance.supervisors or ()) if supervisors is None else supervisors,
        withdrawn,
        source,
    )
    return [
        *check.stale_files(),
        *check.one_supervisor(),
        *check.known_supervisors(),
        *check.capacity(),
        *check.ties(),
        *check.one_event_each(),
        *check.event_supervisors(),
        *check.slots(),
        *check.windows_and_lengths(),
        *check.dates(),
        *check.unavailable(),
        *check.one_place(),
    ]
