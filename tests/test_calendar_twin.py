"""calendar.ics written by hand (``matcher.outputs.calendar``) against the icalendar
library, its twin: the same bytes on the demo's plan and on generated plans whose dates
cross daylight-saving changes and years, whose texts hold commas, semicolons,
backslashes, line breaks and accents, and whose lines need folding."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher import app
from matcher.labels import Lang, label
from matcher.outputs.calendar import TIMEZONE, calendar_ics
from matcher.results import ScheduleRow

ROOT = Path(__file__).resolve().parents[1]
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def icalendar_twin(result: object, instance: object, lang: Lang, members: object) -> bytes:
    """The writer as it was with icalendar (until issue 17's session 5), line for line."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(TIMEZONE)
    names = {s.id: s.display_name for s in result.supervisors}  # type: ignore[attr-defined]
    cal = icalendar.Calendar()
    cal.add("prodid", "-//matcher//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = instance.name  # type: ignore[attr-defined]
    cal.add("x-wr-calname", f"{name}: {label('plan_visit', lang)} / {label('plan_oral', lang)}")
    dated = [row for row in result.schedule if row.date]  # type: ignore[attr-defined]
    if dated:
        first = min(datetime.date.fromisoformat(r.date) for r in dated)
        stamp = datetime.datetime(first.year, first.month, first.day, tzinfo=datetime.UTC)
    host = _UID_UNSAFE.sub("-", name) or "cohort"
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
        if members and members.get(row.commission_id):  # type: ignore[attr-defined]
            team = ", ".join(members[row.commission_id])  # type: ignore[index]
            lines.append(f"{label('plan_team', lang).capitalize()}{colon}{team}")
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    if dated:
        days = [datetime.date.fromisoformat(r.date) for r in dated]
        cal.add_missing_timezones(
            first_date=min(days) - datetime.timedelta(days=1),
            last_date=max(days) + datetime.timedelta(days=1),
        )
    return bytes(cal.to_ical())


@dataclass(frozen=True)
class _Supervisor:
    id: str
    display_name: str


@dataclass(frozen=True)
class _Plan:
    schedule: tuple[ScheduleRow, ...]
    supervisors: tuple[_Supervisor, ...]


@dataclass(frozen=True)
class _Cohort:
    name: str


def test_calendar_name_stays_on_one_line() -> None:
    """A line break in the cohort's name (icalendar failed on it) becomes a space: every
    line of the file is a property or a fold."""
    data = calendar_ics(_Plan((), ()), _Cohort("two\nlines\r\nname"), "en")  # type: ignore[arg-type]
    assert b"X-WR-CALNAME:two lines name: Visit / Oral defence\r\n" in data


def test_demo_calendar_is_the_twins() -> None:
    """The demo's plan, in both languages, with its teams listed: the same bytes."""
    instance = app.load(ROOT / "instances" / "demo", overrides=app.Overrides(workers=1))
    outcome = app.run(instance)
    assert outcome.plan is not None and outcome.teams is not None
    members: dict[str, list[str]] = {}
    for student in instance.students:
        team = outcome.teams.assignment.get(student.id)
        if team is not None:
            members.setdefault(team, []).append(student.id)
    for lang in ("en", "fr"):
        mine = calendar_ics(outcome.plan, instance, lang, members)  # type: ignore[arg-type]
        assert mine == icalendar_twin(outcome.plan, instance, lang, members)


_TEXT = st.text(
    alphabet=st.sampled_from([*"abcNXYZ09 ,;:\\\n\r-—éÉ'\"/@.", "🙂", "ß"]),
    max_size=90,
)


@st.composite
def plans(draw: st.DrawFn) -> tuple[_Plan, _Cohort, dict[str, list[str]]]:
    """A few dated (and undated) visits over up to three years, odd texts everywhere."""
    first = draw(st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)))
    supervisors = tuple(_Supervisor(f"S{i}", draw(_TEXT)) for i in range(3))
    rows = []
    members: dict[str, list[str]] = {}
    for i in range(draw(st.integers(0, 6))):
        commission = draw(st.sampled_from(["C1", "C 2", "C;3", "Ç4"]))
        dated = draw(st.booleans()) or i == 0
        day = first + datetime.timedelta(days=draw(st.integers(0, 3 * 365)))
        hour = draw(st.integers(0, 22))
        rows.append(
            ScheduleRow(
                event=draw(st.sampled_from(["visit", "oral"])),
                commission_id=commission,
                institution=draw(_TEXT),
                town=draw(st.one_of(st.just(""), _TEXT)),
                supervisor_id=draw(st.sampled_from(["S0", "S1", "S2", "S9"])),
                slot="",
                date=day.isoformat() if dated else "",
                start=f"{hour:02}:{draw(st.sampled_from([0, 15, 30])):02}",
                end=f"{hour + 1:02}:00",
            )
        )
        members[commission] = draw(st.lists(_TEXT, max_size=4))
    # icalendar wrote the calendar's name unescaped and failed on a line break in it.
    cohort = _Cohort(draw(_TEXT.filter(lambda name: not ({"\n", "\r"} & set(name)))))
    return _Plan(tuple(rows), supervisors), cohort, members


@settings(max_examples=150, deadline=None, derandomize=True)
@given(plans(), st.sampled_from(["en", "fr"]))
def test_generated_calendars_are_the_twins(
    plan: tuple[_Plan, _Cohort, dict[str, list[str]]], lang: Lang
) -> None:
    """Any plan: the hand-written bytes are icalendar's (escaping, folding by octets
    without splitting an escape, the time zone's changes, RDATE over several years)."""
    result, cohort, members = plan
    mine = calendar_ics(result, cohort, lang, members)  # type: ignore[arg-type]
    assert mine == icalendar_twin(result, cohort, lang, members)
