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


# --- 3. A note typed beside a row of a CSV file -------------------------------------------

#: commissions.csv as Calc saves a sheet where « à revoir » was typed in F3, right of the
#: four headers, after an empty E: every line padded to the sheet's six columns.
COMMISSIONS_WITH_NOTE = (
    '"id";"institution";"sector";"problem_type";;\n'
    '"C1";"CPAS de Namur";"CPAS";"évaluation";;\n'
    '"C2";"AMO Le Cercle";"aide à la jeunesse";"diagnostic";;"à revoir"\n'
)
STUDENTS = (
    "id;name;background;choices\n"
    "S1;Alice Martin;éducateur;C1\n"
    "S2;Bruno Peeters;éducateur;C2\n"
    "S3;Chloé Dubois;assistant social;C1\n"
    "S4;David Lambert;assistant social;C2\n"
)


def _cohort(folder: Path, commissions: str = COMMISSIONS_WITH_NOTE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "commissions.csv").write_text(commissions, encoding="utf-8")
    (folder / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[solver]\ntime_limit = 5\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_beside_a_row_of_a_csv_file_saved_by_calc_is_set_aside(
    tmp_path: Path, lang: str
) -> None:
    """The note is not data (no header names it): the file is valid, and a warning names
    its column (F) and row (3) so that the director knows it is not read. Before, exit 2:
    "the row has 5 or more cells but the header has 4 columns"."""
    code, output = invoke(["validate", str(_cohort(tmp_path / "c")), "--lang", lang])
    assert code == 0, output
    if lang == "en":
        assert "column 'F': a cell right of the headers" in output, output
        assert "(row 3), is not read" in output
    else:
        assert "colonne « F » : une cellule à droite des en-têtes" in output, output
        assert "(ligne 3), n'est pas lue" in output
    assert "à revoir" not in output  # a note may say anything: not repeated


def test_a_row_wider_than_an_unpadded_header_is_still_refused(tmp_path: Path) -> None:
    """A header line of four cells and a row of five (a comma inside an unquoted cell, or
    a missing header): the row's cells may be shifted, so it is refused as before, now
    naming the first cell beyond the headers (E)."""
    commissions = "id,institution,sector,problem_type\nC1,CPAS de Namur,CPAS,évaluation\n"
    commissions += "C2,AMO Le Cercle, Liège,aide à la jeunesse,diagnostic\n"
    code, output = invoke(["validate", str(_cohort(tmp_path / "c", commissions)), "--lang", "en"])
    assert code == 2, output
    assert "commissions.csv, row 3, column 'E': the row has 5 or more cells" in output, output


def test_a_note_beside_a_row_of_teams_csv_is_said_not_read(tmp_path: Path) -> None:
    """teams.csv re-saved by Calc with a note in L3: `check` reads the teams (exit 0) and
    says the note is not read. Before the note refused the whole result (exit 2)."""
    cohort = _cohort(tmp_path / "c", COMMISSIONS_WITH_NOTE.replace(';"à revoir"', ";"))
    result = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--quiet"])
    assert code == 0, output
    lines = (result / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    padded = [line + ",," for line in lines]
    padded[2] = lines[2] + ",,à revoir"
    (result / "teams.csv").write_text("\n".join(padded) + "\n", encoding="utf-8")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "teams.csv, column 'L': a cell right of the headers" in output, output


# --- 4. A file open in a spreadsheet ------------------------------------------------------


def _solved(tmp_path: Path) -> tuple[Path, Path]:
    cohort = _cohort(tmp_path / "c", COMMISSIONS_WITH_NOTE.replace(';"à revoir"', ";"))
    result = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--quiet"])
    assert code == 0, output
    return cohort, result


def test_files_open_in_a_spreadsheet_are_said_in_the_directors_language(tmp_path: Path) -> None:
    """students.csv open in Excel (``~$students.csv`` beside it) and teams.csv in LibreOffice
    (``.~lock.teams.csv#``): what the director typed there and has not saved yet is not
    what matcher reads. `check` says so for each file, in French; before it said nothing
    and checked the file as last saved."""
    cohort, result = _solved(tmp_path)
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "fr"])
    assert code == 0, output
    assert "ouvert dans un tableur" not in output  # no lock file, nothing said
    (cohort / "~$students.csv").write_bytes(b"\x07Jean")  # Excel's owner file
    (result / ".~lock.teams.csv#").write_text("Jean,host,user,01.12.2026 10:00,file:///;\n")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "fr"])
    assert code == 0, output
    assert (
        "students.csv est ouvert dans un tableur (~$students.csv se trouve à côté) : les "
        "modifications qui n'y sont pas encore enregistrées ne sont pas lues" in output
    ), output
    assert "teams.csv est ouvert dans un tableur (.~lock.teams.csv# se trouve à côté)" in output


def test_a_workbook_cohort_open_in_libreoffice_is_said(tmp_path: Path) -> None:
    """An instance given as one workbook with ``.~lock.cohorte.xlsx#`` beside it: `validate`
    lists the warning (in English here)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheets = {"commissions": COMMISSIONS_WITH_NOTE, "students": STUDENTS}
    for title, body in sheets.items():
        sheet = book.create_sheet(title)
        for line in body.splitlines():
            sheet.append([cell.strip('"') for cell in line.split(";")])
    del book["Sheet"]
    book.save(tmp_path / "cohorte.xlsx")
    (tmp_path / "cohorte.settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    (tmp_path / ".~lock.cohorte.xlsx#").write_text("Jean,host,user,01.12.2026 10:00,;\n")
    code, output = invoke(["validate", str(tmp_path / "cohorte.xlsx"), "--lang", "en"])
    assert code == 0, output
    assert "cohorte.xlsx is open in a spreadsheet (.~lock.cohorte.xlsx# lies beside it)" in output
