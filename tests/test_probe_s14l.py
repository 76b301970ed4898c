"""Probe s14l: dates, times and the calendar as a director's calendar app sees them.

Hand-made cohorts whose slots, unavailabilities and ``[calendar] dates`` are days written in
several spellings, events on both sides of Belgium's summer-time changes (2026-10-25,
2027-03-28), windows at their edges, one supervisor with back-to-back events in several
towns. What the probe found wrong:

- a ``[calendar] dates`` day that is a Saturday, a Sunday or a Belgian public holiday
  (Christmas, Easter Monday, …) was taken without a word: a slip of one day in a date
  put every visit on a day the institutions are closed. It is a warning now, naming the
  slot, the day and the holiday.
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
