"""calendar.ics keeps the cohort's name on one property line (contract §11: RFC 5545)."""

from __future__ import annotations

from dataclasses import dataclass

from matcher.outputs.calendar import calendar_ics


@dataclass(frozen=True)
class _Plan:
    schedule: tuple[()]
    supervisors: tuple[()]


@dataclass(frozen=True)
class _Cohort:
    name: str


def test_calendar_name_stays_on_one_line() -> None:
    """A line break in the cohort's name (a folder name may hold one; icalendar refused
    it) becomes a space: the name's property is one line."""
    data = calendar_ics(_Plan((), ()), _Cohort("two\nlines\r\nname"), "en")  # type: ignore[arg-type]
    assert b"X-WR-CALNAME:two lines name: Visit / Oral defence\r\n" in data
