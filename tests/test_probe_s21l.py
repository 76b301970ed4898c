"""Probe s21l: a result (and a cohort's files) round-tripped through LibreOffice Calc or
Excel, then given back to matcher (contract §1 and §8).

The files below are written as Calc writes them (checked with LibreOffice 7 in a fr-BE
profile: ``soffice --convert-to csv:"Text - txt - csv (StarCalc)":59,34,76,1``): every
row padded to the width of the sheet's used area, ids Calc takes for dates re-saved as
``01/02/26``, numbers without their leading zeros, times in the format of the locale.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cohortfiles import invoke
from csvrows import read_rows, write_rows

from matcher.schemas import read_clock

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


# --- 5. Times written AM/PM ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "clock"),
    [
        ("9:00 AM", "09:00"),
        ("02:30 PM", "14:30"),
        ("9:00:00 AM", "09:00"),  # Calc's "HH:MM:SS AM/PM"
        ("12:00 AM", "00:00"),  # midnight: 12 AM is the first hour of the day
        ("12:15 PM", "12:15"),  # a quarter past noon, not past midnight
        ("9 pm", "21:00"),
        ("9:00 a.m.", "09:00"),
    ],
)
def test_a_time_written_am_pm_is_read(written: str, clock: str) -> None:
    """A spreadsheet in English writes a time cell ``9:00 AM``; before, every such time was
    "not a time: expected HH:MM"."""
    assert read_clock(written) == clock


@pytest.mark.parametrize("written", ["13:00 PM", "0:30 AM", "9:75 AM", "AM", "9:00 XM"])
def test_a_twelve_hour_time_out_of_range_is_no_time(written: str) -> None:
    """Hours of a 12-hour clock run 1 to 12: ``13:00 PM`` is no time, said as before."""
    assert read_clock(written) is None


def _twelve_hour(clock: str) -> str:
    """``14:30`` as an English spreadsheet writes it: ``02:30 PM``."""
    hours, minutes = map(int, clock.split(":"))
    return f"{(hours + 11) % 12 + 1:02d}:{minutes:02d} {'PM' if hours >= 12 else 'AM'}"


def test_a_schedule_resaved_with_am_pm_times_checks(demo_result: Path, tmp_path: Path) -> None:
    """schedule.csv and settings.toml's windows with every time AM/PM: the plan run wrote
    still holds every rule (exit 0). Before: exit 2, "'09:00 AM' is not a time" on every
    row of schedule.csv."""
    instance, result = tmp_path / "instance", tmp_path / "result"
    shutil.copytree(DEMO, instance)
    shutil.copytree(demo_result, result)
    schedule = read_rows(result / "schedule.csv")
    for row in schedule:
        row["start"], row["end"] = _twelve_hour(row["start"]), _twelve_hour(row["end"])
    write_rows(result / "schedule.csv", schedule)
    with (instance / "settings.toml").open("a", encoding="utf-8") as settings:
        settings.write('visit_window = ["9:00 AM", "1:00 PM"]\n')
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "is not a time" not in output
