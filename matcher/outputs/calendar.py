"""calendar.ics (RFC 5545) of a stage-3 plan: one event per dated row of schedule.csv."""

from __future__ import annotations

import datetime
import re

from matcher.labels import Lang, label
from matcher.results import PlanResult
from matcher.schemas import Instance

__all__ = ["TIMEZONE", "calendar_ics"]

#: Local times are written with TZID=Europe/Brussels and the matching VTIMEZONE, so that a
#: phone abroad still shows the Belgian time of a visit.
TIMEZONE = "Europe/Brussels"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: The span of the time zone's rules in a calendar without any dated event.
_UNDATED_SPAN = (datetime.date(2026, 1, 1), datetime.date(2028, 1, 1))


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
    name = label(
        "ics_calendar_name",
        lang,
        instance=instance.name,
        visit=label("plan_visit", lang),
        oral=label("plan_oral", lang),
    )
    # A line break in the cohort's name (a folder name can hold one) would break the
    # property's line: shown as a space.
    cal.add("x-wr-calname", " ".join(name.splitlines()))
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
        cal.add_component(event)
    if dated:
        # The time zone's rules only over the calendar's span, not 1970–2038.
        days = [datetime.date.fromisoformat(r.date) for r in dated]
        cal.add_missing_timezones(
            first_date=min(days) - datetime.timedelta(days=1),
            last_date=max(days) + datetime.timedelta(days=1),
        )
    else:
        # No day known ([calendar] dates gives none): no event, but RFC 5545 wants at least
        # one component in a calendar (an empty one is refused by strict importers), so the
        # time zone alone, over a fixed span (the same bytes on every run).
        cal.add_component(
            icalendar.Timezone.from_tzinfo(
                zone,
                tzid=TIMEZONE,
                first_date=_UNDATED_SPAN[0],
                last_date=_UNDATED_SPAN[1],
            )
        )
    # icalendar notes the span in English ("This timezone only works from …"): an
    # optional property, dropped so that a French calendar holds no English words.
    for component in cal.walk("VTIMEZONE"):
        component.pop("COMMENT", None)
    return bytes(cal.to_ical())
