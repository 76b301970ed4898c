"""The days of the programme as a director writes them, checked before any use: a day of
``[calendar] dates`` (:func:`calendar_day`), a visit or oral slot dated by its name
(:func:`slot_label`), a date cell (:func:`no_day_said`). A day the calendar does not have
is said to be one (« 29/02/2027 »: 2027 is no leap year), and a day must fall within
:data:`FIRST_YEAR` to :data:`LAST_YEAR`. Split from :mod:`matcher.schemas`.
"""

from __future__ import annotations

import re

from matcher.labels import Day, Text, text
from matcher.text import (
    day_of,
    fold_name,
    label_day,
    missing_day,
    time_of_day,
    weekday_disagrees,
)

__all__ = ["FIRST_YEAR", "LAST_YEAR", "calendar_day", "no_day_said", "slot_label", "year_refused"]

#: The years a day of the programme may fall in (README, "Stage 3"): a date outside them is a
#: typing slip (9999 for 2026), and at the ends of Python's calendar the arithmetic of
#: calendar.ics overflowed (probe s40d: ``[calendar] dates`` 9999-12-31 or 0001-01-01, exit 1).
FIRST_YEAR, LAST_YEAR = 1900, 2199


def no_day_said(written: str) -> Text | None:
    """Why ``written``, written as a day (:func:`matcher.text.day_of`'s forms), is no day
    of the calendar (« 29/02/2027 »: 2027 is no leap year), said rather than "write the day
    first" (probe s40d D8), but for a month above 12 (written month first?): what is
    expected (``ld_expect_*``). ``None`` when it is a day, or no day at all."""
    missing = missing_day(written)
    if missing is None:
        return None
    year, month, number = missing
    if not 1 <= month <= 12:
        return text("ld_expect_date_no_month", month=month)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return text("ld_year_range", first=FIRST_YEAR, last=LAST_YEAR)
    if (month, number) == (2, 29):
        return text("ld_not_leap_year", year=year)
    if number > 28:
        import calendar

        last = calendar.monthrange(year, month)[1]
        return text("ld_month_ends", last=Day(f"{year:04d}-{month:02d}-{last:02d}"))
    return text("ld_no_such_date")


def year_refused(iso: str) -> Text | None:
    """The years allowed, when the ISO day ``iso`` is outside them; else ``None``: for a
    date cell of an edited schedule.csv too (probe s40h D1: 31/12/9999 there ended report in
    exit 1 writing calendar.ics)."""
    if FIRST_YEAR <= int(iso[:4]) <= LAST_YEAR:
        return None
    return text("ld_year_range", first=FIRST_YEAR, last=LAST_YEAR)


def calendar_day(written: str) -> str:
    """A day of ``[calendar] dates`` as written in Belgium (``9/10/2026``, ``09/10/2026``,
    ``9-10-2026``, ``2026-10-09``: :func:`matcher.text.day_of`, as slot labels), as its ISO
    date; ``ValueError`` (a catalogue ``Text``) saying what is wrong with it otherwise."""
    day = day_of(written)
    if day is None:
        raise ValueError(no_day_said(written) or text("ld_expect_date"))
    refused = year_refused(day)
    if refused is not None:
        raise ValueError(refused)
    if weekday_disagrees(written):
        # « vendredi 25 mars 2027 » is a Thursday: the Friday 26 may be the day meant.
        raise ValueError(text("ld_expect_weekday", day=Day(day)))
    time = time_of_day(written)
    if time is not None and time != "00:00":  # midnight: a plain date cell's time
        raise ValueError(text("ld_date_without_time", time=time))
    return day


def slot_label(label: str) -> str:
    """A visit or oral slot label, dated by its name (``visit-2026-11-19``) within the years
    (probe s40d: ``visit-9999-12-31`` crashed writing calendar.ics), by a day the calendar
    has (probe s40h D11: « oral 29/02/2027 » was a plain label, left without a date);
    ``ValueError`` else."""
    day = label_day(label)
    refused = _no_day_named(label) if day is None else year_refused(day)
    if refused is not None:
        raise ValueError(refused)
    return label


#: Where a slot label's words may end and its day begin (``oral 31/04/2027``,
#: ``oral-2027-02-29``, ``oral: 29 février 2027``), as :func:`matcher.text.label_day` cuts.
_WORDS_END = re.compile(r"[\s_\-:,(–]+")


def _no_day_named(label: str) -> Text | None:
    """Why ``label``, a day or words then a day the calendar does not have, names no day
    (:func:`no_day_said`); ``None`` for any other label, and for one perhaps written month
    first (no month 13), which stays a label."""
    written = label.strip()
    parts = [written] + [
        written[cut.end() :].strip(" _-()[]")
        for cut in _WORDS_END.finditer(written)
        if cut.start() > 0 and fold_name(written[: cut.start()])
    ]
    for part in parts:
        said = no_day_said(part) if part else None
        if said is not None:
            return None if said.key.startswith("ld_expect_") else said
    return None
