"""calendar.ics keeps the cohort's name on one property line (contract §11: RFC 5545)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from matcher.outputs.calendar import calendar_ics


@dataclass(frozen=True)
class _Plan:
    schedule: tuple[object, ...]
    supervisors: tuple[()]


@dataclass(frozen=True)
class _Cohort:
    name: str
    supervisors: tuple[object, ...] = ()


def test_calendar_name_stays_on_one_line() -> None:
    """A line break in the cohort's name (a folder name may hold one; icalendar refused
    it) becomes a space: the name's property is one line."""
    data = calendar_ics(_Plan((), ()), _Cohort("two\nlines\r\nname"), "en")  # type: ignore[arg-type]
    assert b"X-WR-CALNAME:two lines name: Visit / Oral defence\r\n" in data


def test_an_uploaded_cohorts_uids_do_not_change_with_the_language() -> None:
    """Probe s34d: CSV files uploaded to the workbench make a cohort named in the page's
    language (« cohorte déposée », "uploaded cohort"); its UIDs were named so, and the same
    plan saved in French then in English came twice into a calendar."""
    import icalendar

    from matcher.results import ScheduleRow

    row = ScheduleRow("visit", "C1", "CPAS", "Namur", "A1", "visit", "2026-10-01", "09:00", "10:30")
    uids = []
    for name, lang in (("cohorte déposée", "fr"), ("uploaded cohort", "en")):
        data = calendar_ics(_Plan((row,), ()), _Cohort(name), lang)  # type: ignore[arg-type]
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        uids.append(str(event["UID"]))
    assert uids[0] == uids[1] == "visit-C1@2026-2027.uploaded-cohort.matcher"


def test_two_rows_of_one_event_get_two_uids() -> None:
    """Probe s37g: a schedule.csv row copied by hand (C1's visit twice, the copy moved):
    `report` wrote both events with one UID, which RFC 5545 allows only for the instances
    of a recurrence (an importer kept either). The copy's UID is its own; the first keeps
    the UID calendars know."""
    import icalendar

    from matcher.results import ScheduleRow

    row = ScheduleRow("visit", "C1", "CPAS", "Namur", "A1", "visit", "2026-10-01", "09:00", "10:30")
    copy = replace(row, start="11:15", end="12:45")
    data = calendar_ics(_Plan((row, copy), ()), _Cohort("cohort"), "en")  # type: ignore[arg-type]
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert uids == ["visit-C1@2026-2027.cohort.matcher", "visit-C1+2@2026-2027.cohort.matcher"]
