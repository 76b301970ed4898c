"""Probe s14l: dates, times and the calendar as a director's calendar app sees them.

Hand-made cohorts whose slots, unavailabilities and ``[calendar] dates`` are days written in
several spellings, events on both sides of Belgium's summer-time changes (2026-10-25,
2027-03-28), windows at their edges, one supervisor with back-to-back events in several
towns. What the probe found wrong:

- a ``[calendar] dates`` day that is a Saturday, a Sunday or a Belgian public holiday
  (Christmas, Easter Monday, …) was taken without a word: a slip of one day in a date
  put every visit on a day the institutions are closed. It is a warning now, naming the
  slot, the day and the holiday.
- an oral slot dated before the visits (``26/3/2026`` for ``26/3/2027``, a slip of the
  year) was taken silently, and calendar.ics filed under the academic year of that date:
  a warning now, naming both slots and days.
- a date in words whose day of the week is not its own (« vendredi 25 mars 2027 », a
  Thursday) was read as the 25th without a word, though the Friday 26 may be the day
  meant: in ``[calendar] dates`` it is refused now, naming the key and the date's weekday.
- the same slip in a proposal's slots or a supervisor's ``unavailable`` (« mardi
  2/4/2027 », a Friday) was read as the date without a word: a warning now, with file,
  row and column (the supervisor's id for supervisors.csv).
- ``visit_window = [09:00:00, 13:00:00]`` (TOML times, unquoted as an unquoted
  ``2026-10-09`` date is accepted) was refused as "expected a text in quotes": read now.
- a day written after its day of the week in digits (« vendredi 9/10/2026 », as a
  director types it in a slots cell) was no date: compared as text, it matched no slot, so
  the proposal was left out as "not available". It is that day now.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

_COMMISSIONS = (
    "id;institution;sector;problem_type;slots;town\n"
    'C1;CPAS de Namur;CPAS;évaluation;"visit;oral_a";Namur\n'
    'C2;AMO Le Cercle;jeunesse;diagnostic;"visit;oral_a";Liège\n'
    'C3;Maison Croix;handicap;étude;"visit;oral_a";Namur\n'
)
_STUDENTS = "id;name;background\n" + "".join(
    f"S{i};Student {i};{'AS' if i % 2 else 'EDUC'}\n" for i in range(1, 7)
)
_SUPERVISORS = "id;name\nA1;Anne\nA2;Bob\nA3;Cy\n"


def _cohort(folder: Path, dates: str) -> Path:
    settings = f'[selection]\ncount = 3\n[calendar]\noral_slots = ["oral_a"]\ndates = {dates}\n'
    return write_cohort(
        folder,
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _STUDENTS,
            "supervisors.csv": _SUPERVISORS,
            "settings.toml": settings,
        },
    )


# Contract §11: "dates = {} # e.g. { visit = "2026-10-09", oral_thu = "2027-04-15" }";
# where the contract is silent, "the product does what a programme director would expect":
# a visit day on a Saturday or on Christmas is a slip they want to hear about.
@pytest.mark.parametrize(
    ("lang", "dates", "said"),
    [
        ("en", '{ visit = "31/10/2026", oral_a = "2027-03-26" }', "Saturday 31 October 2026"),
        ("fr", '{ visit = "31/10/2026", oral_a = "2027-03-26" }', "samedi 31 octobre 2026"),
        ("en", '{ visit = "2026-10-30", oral_a = "25/12/2026" }', "holiday in Belgium (Christmas)"),
        ("fr", '{ visit = "2026-10-30", oral_a = "29/3/2027" }', "Belgique (lundi de Pâques)"),
        ("fr", '{ visit = "11-11-2026", oral_a = "2027-03-26" }', "(Armistice)"),
    ],
)
def test_a_date_on_a_weekend_or_holiday_is_warned(
    tmp_path: Path, lang: str, dates: str, said: str
) -> None:
    folder = _cohort(tmp_path / "cohort", dates)
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert said in output, output


# Contract §11: the dates of a working week are the ordinary case: no warning about them.
def test_working_days_are_not_warned(tmp_path: Path) -> None:
    folder = _cohort(tmp_path / "cohort", '{ visit = "30/10/2026", oral_a = "2027-03-26" }')
    code, output = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 0, output
    assert "holiday" not in output and "weekend" not in output, output


# Contract §7: "Slot labels that are dates compare as dates" and "A wrong settings value
# names the key, the value found and what is expected".
@pytest.mark.parametrize(
    ("lang", "said"), [("en", "Thursday 25 March 2027"), ("fr", "jeudi 25 mars 2027")]
)
def test_a_weekday_that_is_not_the_dates_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    folder = _cohort(
        tmp_path / "cohort", '{ visit = "30/10/2026", oral_a = "vendredi 25 mars 2027" }'
    )
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 2, output
    assert "calendar.dates.oral_a" in output and said in output, output


# Contract §7: "Slot labels that are dates compare as dates: `1/10/2026`, `01/10/2026`,
# `2026-10-01` and `1-10-2026` are one day" — a day of the week before them changes nothing.
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_slot_day_after_its_weekday_is_that_day(tmp_path: Path, lang: str) -> None:
    folder = _cohort(tmp_path / "cohort", '{ visit = "30/10/2026", oral_a = "Fri 2027-03-26" }')
    commissions = _COMMISSIONS.replace(
        '"visit;oral_a";Liège', '"vendredi 30/10/2026;ven. 26/03/2027";Liège'
    )
    write_cohort(folder, {"commissions.csv": commissions})
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    selection = (out / "selection.csv").read_text(encoding="utf-8-sig")
    assert "C2,AMO Le Cercle,jeunesse,diagnostic,yes,yes" in selection, selection
    schedule = (out / "schedule.csv").read_text(encoding="utf-8-sig")
    assert "oral,C2,AMO Le Cercle,Liège" in schedule and "2027-03-26" in schedule, schedule


# Contract §7: "Slot labels that are dates compare as dates"; the date counts, and "Messages
# speak the director's words: ... the file as named on disk, the spreadsheet row".
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "commissions.csv, row 3, column 'Disponibilités': 'mardi 30/10/2026' is read as"),
        ("fr", "supervisors.csv : A2 : « mardi 2/4/2027 » est lu comme le vendredi 2 avril 2027"),
    ],
)
def test_a_weekday_slip_in_a_cell_is_warned(tmp_path: Path, lang: str, said: str) -> None:
    folder = _cohort(tmp_path / "cohort", '{ visit = "30/10/2026", oral_a = "2027-04-02" }')
    commissions = _COMMISSIONS.replace("slots", "Disponibilités").replace(
        '"visit;oral_a";Liège', '"mardi 30/10/2026;oral_a";Liège'
    )
    # Bob, away on the only oral day, takes no team; Anne and Cy 2 each (contract §11's
    # default would be ceil(3 teams / 3 supervisors) = 1: too few places).
    supervisors = "id;name;max_teams;unavailable\nA1;Anne;2;\nA2;Bob;;mardi 2/4/2027\nA3;Cy;2;\n"
    write_cohort(folder, {"commissions.csv": commissions, "supervisors.csv": supervisors})
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert said in output, output


# Contract §11: "visit_window = ["09:00", "13:00"]"; §4 "wrong types are invalid input":
# a TOML time is the type a time has, accepted as the README says unquoted dates are.
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unquoted_toml_times_are_windows(tmp_path: Path, lang: str) -> None:
    folder = _cohort(tmp_path / "cohort", '{ visit = 2026-10-30, oral_a = "2027-03-26" }')
    settings = (folder / "settings.toml").read_text(encoding="utf-8")
    settings += "visit_window = [08:30:00, 12:00:00]\noral_window = [13:00:00, 17:00:00]\n"
    write_cohort(folder, {"settings.toml": settings})
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    rows = (out / "schedule.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    visits = [r.split(",") for r in rows if r.startswith("visit")]
    orals = [r.split(",") for r in rows if r.startswith("oral")]
    assert {v[7] for v in visits} == {"08:30"} and {o[7] for o in orals} == {"13:00"}, rows


# Contract §11: the supervisor "comes with the team to the institution visit and to the oral
# defence"; a defence dated before the visit is what a director would want pointed out.
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "oral_a on Thursday 26 March 2026, before the visits of visit (Friday 30 Oct"),
        ("fr", "oral_a le jeudi 26 mars 2026, avant les visites de visit (vendredi 30 oct"),
    ],
)
def test_an_oral_dated_before_the_visit_is_warned(tmp_path: Path, lang: str, said: str) -> None:
    folder = _cohort(tmp_path / "cohort", '{ visit = "30/10/2026", oral_a = "26/3/2026" }')
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert said in output, output
