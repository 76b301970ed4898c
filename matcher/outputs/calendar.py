"""calendar.ics (RFC 5545) of a stage-3 plan: one event per dated row of schedule.csv."""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

from matcher.labels import Lang, label
from matcher.results import PlanResult, ScheduleRow, supervisor_names
from matcher.schemas import Instance

__all__ = ["TIMEZONE", "calendar_ics", "earlier_events"]

#: Local times are written with TZID=Europe/Brussels and the matching VTIMEZONE, so that a
#: phone abroad still shows the Belgian time of a visit.
TIMEZONE = "Europe/Brussels"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: The month an academic year starts (mid-September in Belgium; the presentation evening is
#: in late September; second-session orals in late August end the year begun the
#: September before).
ACADEMIC_YEAR_STARTS = 9
#: The span of the time zone's rules in a calendar without any dated event.
_UNDATED_SPAN = (datetime.date(2026, 1, 1), datetime.date(2028, 1, 1))


#: What an earlier calendar.ics says of one event: its SEQUENCE and its content (the event
#: without DTSTAMP and SEQUENCE, serialised), by UID.
Earlier = dict[str, tuple[int, bytes]]


def earlier_events(calendars: Iterable[bytes]) -> Earlier:
    """Each event of earlier calendar.ics files (the result a command starts from, the one
    it replaces): for a UID seen in several, the highest SEQUENCE with its content. A file
    that does not parse is passed over (it only helps number the revisions)."""
    import icalendar

    found: Earlier = {}
    for data in calendars:
        try:
            events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
            for event in events:
                uid = str(event.get("UID", ""))
                sequence = int(event.get("SEQUENCE", 0))
                content = _content(event)
                if uid and (uid not in found or sequence > found[uid][0]):
                    found[uid] = (sequence, content)
        except (ValueError, TypeError, KeyError, IndexError):
            continue
    return found


def _content(event: Any) -> bytes:
    """An event as a calendar shows it: its content lines but DTSTAMP and SEQUENCE, unfolded
    (two events' lines fold alike exactly when they are alike; icalendar folds a line
    character by character, most of the time it took to compare 3,334 events)."""
    lines = event.content_lines()
    kept = (line for line in lines if not line.startswith(("DTSTAMP", "SEQUENCE")))
    return "\r\n".join(kept).encode("utf-8")


def _uid_name(row: ScheduleRow, seen: dict[str, int]) -> str:
    """The event's part of its UID, ``visit-C04``: the id percent-encoded, not its unsafe
    characters replaced (ids 'A 1', 'A/1' and 'A-1' gave one UID, and a calendar kept one
    of their events). A second row of one event (a schedule.csv row copied by hand, which
    `report` writes with the rule it breaks) gets one of its own, RFC 5545 allowing one UID
    for the instances of a recurrence only (probe s37g: an importer kept either), with
    « + », percent-encoded in any id (probe s37h: « -2 » was commission C04-2's)."""
    name = f"{row.event}-{urllib.parse.quote(row.commission_id, safe='')}"
    seen[name] = seen.get(name, 0) + 1
    return f"{name}+{seen[name]}" if seen[name] > 1 else name


def _sequence(uid: str, event: Any, earlier: Earlier) -> int:
    """RFC 5545 SEQUENCE of a new event: what an earlier calendar gave the same UID when the
    event is unchanged (the same plan gives the same bytes), one more when it moved or
    changed (a calendar importing the file again replaces an event only by a higher
    SEQUENCE), 0 for an event no earlier calendar held (not serialised then: that doubled
    the time of a new calendar, 3,334 events at 10,000 students)."""
    if uid not in earlier:
        return 0
    sequence, before = earlier[uid]
    return sequence if before == _content(event) else sequence + 1


def calendar_ics(
    result: PlanResult,
    instance: Instance,
    lang: Lang = "en",
    members: dict[str, list[str]] | None = None,
    earlier: Earlier | None = None,
) -> bytes:
    """calendar.ics (RFC 5545): one VEVENT per schedule row that has a date.

    UIDs are stable (academic year, instance, event, commission), DTSTAMP is pinned to
    midnight UTC of the earliest dated event, so the same plan always gives the same bytes
    (for one tzdata).
    SEQUENCE counts the revisions against ``earlier`` (``earlier_events``: the calendar of
    the result re-planned), so that a calendar importing the new file moves the event.
    ``members`` maps a commission id to its students' names, listed in DESCRIPTION.
    """
    import zoneinfo

    import icalendar

    zone = zoneinfo.ZoneInfo(TIMEZONE)
    names = supervisor_names(instance.supervisors or result.supervisors)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//matcher//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = label(
        "ics_calendar_name",
        lang,
        instance=instance.name,
        visit=label("plan_visit", lang),
        oral=label("plan_oral", lang),
    )
    # A line break in the cohort's name (a folder name can hold one) would break the
    # property's line: shown as a space. As TEXT, its commas and semicolons escaped (RFC
    # 5545 §3.2.20, X- properties; icalendar wrote them raw: probe s33c).
    cal.add("x-wr-calname", icalendar.vText(" ".join(name.splitlines())))
    dated = [row for row in result.schedule if row.date]
    # An uploaded cohort's name is the page's words for it, in its language: its UIDs must
    # not change with the language (probe s34d: saved in French then in English, every
    # event came twice in the calendar).
    uploaded = {label("web_uploaded_cohort", lang) for lang in ("en", "fr")}
    named = "uploaded-cohort" if instance.name in uploaded else instance.name
    host = _UID_UNSAFE.sub("-", named) or "cohort"
    if dated:
        first = min(datetime.date.fromisoformat(r.date) for r in dated)
        stamp = datetime.datetime(first.year, first.month, first.day, tzinfo=datetime.UTC)
        # The academic year of the first event (September-August): a cohort folder named
        # alike every year ("cohorte") must not give next year's visit the UID of this
        # year's, which a calendar would then move or ignore; within a year UIDs stay.
        season = first.year if first.month >= ACADEMIC_YEAR_STARTS else first.year - 1
        host = f"{season}-{season + 1}.{host}"
    if dated:
        # The time zone's rules only over the calendar's span, not 1970–2038.
        days = [datetime.date.fromisoformat(r.date) for r in dated]
        span = (min(days) - datetime.timedelta(days=1), max(days) + datetime.timedelta(days=1))
    else:
        # No day known ([calendar] dates gives none): no event, but RFC 5545 wants at least
        # one component in a calendar (an empty one is refused by strict importers), so the
        # time zone alone, over a fixed span (the same bytes on every run).
        span = _UNDATED_SPAN
    # Written here, not by icalendar's Timezone.from_tzinfo: that gives the start of
    # summer time as 03:00, the first wall time after the change, where RFC 5545 wants the
    # onset in the time before it (02:00, TZOFFSETFROM) and a client reading it moves the
    # change by an hour. No COMMENT either (icalendar's is English). Before the events
    # that name it: Outlook resolves a TZID as it reads the event (probe s19w).
    cal.add_component(_vtimezone(zone, *span))
    seen: dict[str, int] = {}
    for row in dated:
        day = datetime.date.fromisoformat(row.date)
        start = datetime.datetime.combine(day, datetime.time.fromisoformat(row.start), zone)
        end = datetime.datetime.combine(day, datetime.time.fromisoformat(row.end), zone)
        event = icalendar.Event()
        event.add("uid", f"{_uid_name(row, seen)}@{host}.matcher")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        kind = label(f"plan_{row.event}", lang)
        colon = label("plan_colon", lang)
        event.add("summary", f"{kind}{colon}{row.commission_id} — {row.institution}")
        event.add("location", f"{row.institution}, {row.town}" if row.town else row.institution)
        supervisor = names.get(row.supervisor_id, row.supervisor_id)
        lines = [f"{label('plan_supervisor', lang).capitalize()}{colon}{supervisor}"]
        if members and members.get(row.commission_id):
            team = ", ".join(members[row.commission_id])
            lines.append(f"{label('plan_team', lang).capitalize()}{colon}{team}")
        event.add("description", "\n".join(lines))
        uid = str(event["UID"])
        event.add("sequence", _sequence(uid, event, earlier or {}))
        cal.add_component(event)
    return bytes(cal.to_ical())


def _vtimezone(zone: datetime.tzinfo, first: datetime.date, last: datetime.date) -> Any:
    """VTIMEZONE of ``zone`` from ``first`` to ``last``, its DTSTARTs the local time of a
    change as the clock read it just before (RFC 5545 §3.6.5: 02:00 when summer time
    starts in Brussels, 03:00 when it ends): one yearly STANDARD and DAYLIGHT rule when the
    zone's changes follow one (``_yearly``), else the time in force at ``first`` then one
    observance per change of offset."""
    import icalendar

    timezone = icalendar.Timezone()
    timezone.add("tzid", TIMEZONE)
    yearly = _yearly(zone, first, last)
    if yearly:
        for observance in yearly:
            timezone.add_component(observance)
        return timezone
    at_start = datetime.datetime(first.year, first.month, first.day, tzinfo=zone)
    start = at_start.astimezone(datetime.UTC)
    end = datetime.datetime(last.year, last.month, last.day, tzinfo=zone).astimezone(datetime.UTC)
    offset = at_start.utcoffset()
    assert offset is not None
    timezone.add_component(_observance(at_start, at_start.replace(tzinfo=None), offset))
    for change in _changes(zone, start, end):
        after = change.astimezone(zone)
        onset = (change + offset).replace(tzinfo=None)  # the wall time before the change
        timezone.add_component(_observance(after, onset, offset))
        offset = after.utcoffset()
        assert offset is not None
    return timezone


#: RFC 5545 weekday codes, Monday first (``datetime.date.weekday``).
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _yearly(zone: datetime.tzinfo, first: datetime.date, last: datetime.date) -> list[Any]:
    """One STANDARD and one DAYLIGHT observance, each with a yearly RRULE (the last given
    weekday of a month, at the wall time before the change), DTSTART the last change of its
    kind before ``first``: the form Outlook reads (it keeps one rule of each kind, and
    dated observances without RRULE made it show the events across a change an hour off;
    probe s19w) and Google and Outlook write. Checked against every change of ``zone``
    from a year before ``first`` to ``last``; empty when they follow no such rule."""
    import icalendar

    day = datetime.timedelta(days=1)
    start = datetime.datetime.combine(first - 366 * day, datetime.time(), zone)
    end = datetime.datetime.combine(last, datetime.time(), zone)
    rules: dict[bool, set[tuple[Any, ...]]] = {}
    onsets: dict[bool, list[datetime.datetime]] = {}
    for change in _changes(zone, start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)):
        before = (change - datetime.timedelta(seconds=1)).astimezone(zone).utcoffset()
        after = change.astimezone(zone)
        assert before is not None
        onset = (change + before).replace(tzinfo=None)
        in_last_week = (onset + 7 * day).month != onset.month
        rule = (onset.month, onset.weekday(), onset.time(), before, after.utcoffset())
        summer = bool(after.dst())
        rules.setdefault(summer, set()).add((*rule, after.tzname() or "", in_last_week))
        onsets.setdefault(summer, []).append(onset)
    midnight = datetime.datetime.combine(first, datetime.time())
    if set(rules) != {False, True}:
        return []
    observances = []
    for summer in (False, True):
        if len(rules[summer]) != 1:
            return []
        ((month, weekday, _, before, after, name, in_last_week),) = rules[summer]
        earlier = [onset for onset in onsets[summer] if onset <= midnight]
        if not in_last_week or not earlier:
            return []
        observance = icalendar.TimezoneDaylight() if summer else icalendar.TimezoneStandard()
        observance.add("dtstart", max(earlier))
        by_day = f"-1{_WEEKDAYS[weekday]}"
        observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": by_day})
        observance.add("tzname", name)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observances.append(observance)
    return observances


def _observance(
    after: datetime.datetime, onset: datetime.datetime, offset_from: datetime.timedelta
) -> Any:
    """One STANDARD or DAYLIGHT sub-component: from ``onset`` (local, before the change)
    the offset and name of ``after``."""
    import icalendar

    summer = bool(after.dst())
    observance = icalendar.TimezoneDaylight() if summer else icalendar.TimezoneStandard()
    observance.add("dtstart", onset)
    observance.add("tzname", after.tzname() or "")
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", after.utcoffset())
    return observance


def _changes(
    zone: datetime.tzinfo, start: datetime.datetime, end: datetime.datetime
) -> Sequence[datetime.datetime]:
    """The instants (UTC, to the second) between ``start`` and ``end`` where ``zone``'s
    offset changes: found day by day, then by halving the day."""
    found = []
    day = datetime.timedelta(days=1)
    moment = start
    while moment < end:
        low, high = moment, moment + day
        if low.astimezone(zone).utcoffset() != high.astimezone(zone).utcoffset():
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                same = middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high)
        moment += day
    return found
