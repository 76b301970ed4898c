"""Probe s19w: the calendar is true (contract §11: schedule.csv and calendar.ics).

Probed on hand-written cohorts (five commissions, ten students, two or three supervisors;
institutions, titles, supervisors and students with accents, `,` `;` `\\`, quotes, a line
break, a tab and emoji; towns differing by case, accents and spaces, or unknown; ids
`D 1`, `D/1`, `D-1`) with `[calendar] dates` on both sides of Belgium's changes of time
(visits on 2026-10-23, 2026-10-26 and on the change day 2026-10-25; orals on 2027-03-25,
2027-03-26, 2027-04-01 and on the change day 2027-03-28; one slot left undated), in every
spelling of section 7 (`1/4/2027`, `01/04/2027`, `2027-04-01`, `1-4-2027`; slots named by
their day; supervisors unavailable on a day), windows and minutes other than the defaults
(08:15–12:45 / 75 min, 13:30–18:10 / 50 min, 07:45–10:00 / 55 min, travel 35/10, 30/12):
`run` (en, fr), `whatif` (supervisor withdrawn, commission withdrawn with and without a
reserve, student withdrawn and added), `plan` (from five spellings of the instance path),
`check` and `report` of a hand-edited schedule.csv. calendar.ics was read with a strict
reader written from RFC 5545 (CRLF, 75 octets, unfolding, TEXT escapes, TZID resolved
through the file's own VTIMEZONE, ambiguous and missing wall times as §3.3.5 says) and
icalendar; schedule.csv was checked against the windows, minutes and the travel gaps
recomputed; the workbook's Schedule sheet and report.html's table and timelines against
schedule.csv. All agreed: one event per dated row, none for undated ones, stable and
distinct UIDs, the same bytes twice, the same instant as schedule.csv across both changes,
durations, texts escaped and in the language in force, SEQUENCE raised for moved events,
no stale event after a what-if.

What was found, against what Outlook (the contract: "importable in Outlook") reads:

- The VTIMEZONE was written after the events that name it. Outlook (and other
  single-pass readers) resolve a TZID when they read the event, so a zone defined later
  is unknown there and the event is taken in the computer's own zone or refused
  (markuspoerschke/iCal PR 65: "Outlook will recognize the timezone" only once the
  order is reversed). It now comes first.
- The VTIMEZONE listed each change of the calendar's span as its own observance without a
  rule (the time at the span's start, then 2026-10-25 03:00, 2027-03-28 02:00). Outlook
  keeps one STANDARD and one DAYLIGHT rule of a zone, read from their yearly RRULE:
  dated observances without RRULE make it fall back to one fixed offset, and every event
  on the other side of a change shows an hour off (reported for Europe/Brussels itself,
  markuspoerschke/iCal issue 367, and iCalcreator issue 86; Google Calendar, which
  ignores the block, is right). The zone is now written as Google and Outlook write it:
  one STANDARD and one DAYLIGHT with `RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=-1SU`, each from
  the last change of its kind before the calendar's first day, at the wall time before
  the change (02:00 into summer time, 03:00 back); the rule is derived from tzdata and
  checked against every change of the calendar's span (a zone whose changes follow no
  such rule keeps the explicit form).
- UIDs carry the academic year of the first dated event, "September to August" as the
  README says, but the code started the year in August (`ACADEMIC_YEAR_STARTS = 8`): a
  calendar whose first dated events are the late-August second-session orals of 2027
  (the visit not dated yet) was filed under 2027-2028, the year of the next cohort, whose
  events in a folder named alike then take these UIDs. The year now starts in September.
"""

from __future__ import annotations

import csv
import datetime
import re
import zoneinfo
from pathlib import Path

from cohortfiles import invoke

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")

COMMISSIONS = (
    "id,institution,sector,problem_type,title,slots,town\n"
    'C1,"CPAS de Liège; service «Jeunes», antenne \\ Nord",CPAS,évaluation,"Bilan, suite",'
    "visite;oral jeudi;oral vendredi,Liège\n"
    "C2,\"Maison d'accueil L'Étape, Namur\",aide à la jeunesse,diagnostic,D,visite;oral jeudi,"
    "  liège \n"
    "C3,AMO Le Cercle (Liège),handicap,étude,É,visite;oral vendredi,Namur\n"
    "C4,Service d'Entraide Ça Va,santé mentale,recherche,R,visite;oral jeudi;oral vendredi,\n"
    "C5,Œuvre Saint-Éloi,logement,évaluation,T,visite;oral vendredi,Namur\n"
)
STUDENTS = "id,name,background,gender,choices\n" + "".join(
    f"S{i:02d},Élève {i},{'AS' if i % 2 else 'GRH'},{'F' if i % 3 else 'M'},C{1 + i % 5}\n"
    for i in range(1, 11)
)
SUPERVISORS = (
    "id,name,max_teams,sectors,ties,unavailable\n"
    'A1,"Hélène d\'Ursel, PhD",3,CPAS;handicap,,\n'
    "A2,Jürgen Müller,3,santé mentale,,1/4/2027\n"
    "A3,Ève Lefèvre,3,logement,,oral vendredi\n"
)
# Visits on the Friday before summer time ends (2026-10-25), orals on either side of its
# start (2027-03-28), each date in another spelling of section 7, windows and minutes
# other than the defaults.
SETTINGS = """[selection]
count = 5
[calendar]
visit_slot = "visite"
visit_window = ["08:15", "12:45"]
visit_minutes = 75
oral_slots = ["oral jeudi", "oral vendredi"]
oral_window = ["13:30", "18:10"]
oral_minutes = 50
travel_minutes = 35
same_town_minutes = 10
dates = { "visite" = "23/10/2026", "oral jeudi" = "1-4-2027", "oral vendredi" = "26/03/2027" }
"""


def _planned(tmp_path: Path, settings: str = SETTINGS) -> Path:
    cohort = tmp_path / "cohorte"
    cohort.mkdir()
    for name, text in (
        ("commissions.csv", COMMISSIONS),
        ("students.csv", STUDENTS),
        ("supervisors.csv", SUPERVISORS),
        ("settings.toml", settings),
    ):
        (cohort / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--time-limit", "10"])
    assert code == 0, output
    return out


def _lines(data: bytes) -> list[str]:
    """RFC 5545 §3.1: CRLF lines, unfolded (a line starting with a space or tab continues
    the one before)."""
    assert data.endswith(b"\r\n")
    lines: list[str] = []
    for raw in data.decode("utf-8").split("\r\n")[:-1]:
        if raw[:1] in (" ", "\t"):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def _components(lines: list[str], kind: str) -> list[list[str]]:
    """The lines of each component ``kind`` (nested ones included in their parent)."""
    found: list[list[str]] = []
    current: list[str] | None = None
    depth = 0
    for line in lines:
        if line == f"BEGIN:{kind}":
            current, depth = [], 0
            continue
        if current is None:
            continue
        if line == f"END:{kind}" and depth == 0:
            found.append(current)
            current = None
            continue
        depth += line.startswith("BEGIN:") - line.startswith("END:")
        current.append(line)
    return found


def _value(lines: list[str], name: str) -> str:
    (value,) = [line.split(":", 1)[1] for line in lines if re.match(rf"{name}[;:]", line)]
    return value


def test_the_time_zone_comes_before_the_events_that_name_it(tmp_path: Path) -> None:
    # Outlook resolves DTSTART;TZID=Europe/Brussels when it reads the event: a VTIMEZONE
    # written after the events is unknown there (markuspoerschke/iCal PR 65), so the
    # block that defines the zone must precede the first event that names it.
    lines = _lines((_planned(tmp_path) / "calendar.ics").read_bytes())
    assert "BEGIN:VEVENT" in lines
    assert lines.index("BEGIN:VTIMEZONE") < lines.index("BEGIN:VEVENT")


def _onset(year: int, month: int, weekday: int, at: datetime.time) -> datetime.datetime:
    """The last ``weekday`` (0 = Monday) of ``month`` in ``year``, at ``at`` (BYDAY=-1…)."""
    day = datetime.date(year, month + 1, 1) if month < 12 else datetime.date(year + 1, 1, 1)
    day -= datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day -= datetime.timedelta(days=1)
    return datetime.datetime.combine(day, at)


def test_the_time_zone_is_one_yearly_rule_per_change_as_outlook_reads_it(
    tmp_path: Path,
) -> None:
    # Outlook keeps one STANDARD and one DAYLIGHT rule per zone, each read from a yearly
    # RRULE; observances that are dated changes without RRULE collapse to a fixed offset
    # there, and events across a change show an hour off (markuspoerschke/iCal issue 367,
    # on Europe/Brussels). The right block is the one Outlook and Google themselves write:
    # summer time from the last Sunday of March at 02:00 (+01:00 to +02:00), back on the
    # last Sunday of October at 03:00 (+02:00 to +01:00), both rules in force before the
    # first event. Read here with the rules alone, every event denotes the instant
    # schedule.csv's Brussels date and time denote (tzdata), on both sides of both changes.
    out = _planned(tmp_path)
    lines = _lines((out / "calendar.ics").read_bytes())
    (zone,) = _components(lines, "VTIMEZONE")
    assert _value(zone, "TZID") == "Europe/Brussels"
    standard, daylight = _components(zone, "STANDARD"), _components(zone, "DAYLIGHT")
    assert len(standard) == 1 and len(daylight) == 1, zone
    rules = {}
    for name, (obs,) in (("standard", standard), ("daylight", daylight)):
        parts = dict(p.split("=") for p in _value(obs, "RRULE").split(";"))
        month = int(parts.pop("BYMONTH"))
        assert parts == {"FREQ": "YEARLY", "BYDAY": "-1SU"}, obs
        start = datetime.datetime.strptime(_value(obs, "DTSTART"), "%Y%m%dT%H%M%S")
        assert start == _onset(start.year, month, 6, start.time())
        rules[name] = (month, start, _value(obs, "TZOFFSETFROM"), _value(obs, "TZOFFSETTO"))
    assert rules["daylight"][0] == 3 and rules["daylight"][1].time() == datetime.time(2)
    assert rules["daylight"][2:] == ("+0100", "+0200")
    assert rules["standard"][0] == 10 and rules["standard"][1].time() == datetime.time(3)
    assert rules["standard"][2:] == ("+0200", "+0100")

    def utc(wall: str) -> datetime.datetime:
        moment = datetime.datetime.strptime(wall, "%Y%m%dT%H%M%S")
        onsets = []
        for month, start, _before, after in rules.values():
            assert start <= moment  # a rule in force before the event
            at = _onset(moment.year, month, 6, start.time())
            onsets += [(at, after), (at.replace(year=at.year - 1), after)]
        onsets = [o for o in onsets if o[0] <= moment]
        offset = max(onsets)[1]
        hours = int(offset[:3])
        return (moment - datetime.timedelta(hours=hours)).replace(tzinfo=datetime.UTC)

    events = _components(lines, "VEVENT")
    with (out / "schedule.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["date"]]
    assert len(events) == len(rows) == 10
    seen = set()
    for event in events:
        assert next(x for x in event if "DTSTART" in x).startswith("DTSTART;TZID=Europe/Brussels:")
        start, end = utc(_value(event, "DTSTART")), utc(_value(event, "DTEND"))
        kind, commission = _value(event, "UID").split("@")[0].split("-", 1)
        (row,) = [r for r in rows if (r["event"], r["commission_id"]) == (kind, commission)]
        day = datetime.date.fromisoformat(row["date"])
        for moment, wall in ((start, row["start"]), (end, row["end"])):
            local = datetime.datetime.combine(day, datetime.time.fromisoformat(wall), BRUSSELS)
            assert moment == local.astimezone(datetime.UTC), (event, row)
        seen.add((kind, row["date"]))
    # Both sides of both changes were read: summer time (23 October, 1 April), winter (26 March).
    assert {d for _, d in seen} == {"2026-10-23", "2027-03-26", "2027-04-01"}


def test_late_august_orals_belong_to_the_academic_year_they_end(tmp_path: Path) -> None:
    # The Belgian academic year runs from mid-September to mid-September: second-session
    # orals in late August 2027 end the year 2026-2027 (README: "the academic year of the
    # first dated event, September to August"). Filed under 2027-2028, they would share
    # their UIDs with next year's cohort in a folder named alike, and a calendar importing
    # next year's file would move these events instead of adding new ones.
    settings = re.sub(
        r"^dates = .*$",
        'dates = { "oral jeudi" = "26/8/2027", "oral vendredi" = "2027-08-27" }',
        SETTINGS,
        flags=re.MULTILINE,
    )
    assert settings != SETTINGS
    lines = _lines((_planned(tmp_path, settings) / "calendar.ics").read_bytes())
    uids = [line.split(":", 1)[1] for line in lines if line.startswith("UID:")]
    assert len(uids) == 5  # the five orals; the visits have no date
    assert all(uid.endswith("@2026-2027.cohorte.matcher") for uid in uids), uids
