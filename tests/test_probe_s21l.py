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


# --- 1. Ids a spreadsheet took for dates --------------------------------------------------

#: Commissions and students whose ids Calc and Excel take for a day and a month.
DATED_COMMISSIONS = "id;institution;sector;problem_type\n1/2;CPAS de Namur;CPAS;évaluation\n"
DATED_COMMISSIONS += "1-10;AMO Le Cercle;aide à la jeunesse;diagnostic\n"
DATED_STUDENTS = (
    "id;name;background;choix 1;choix 2\n"
    "S1;Alice Martin;éducateur;1/2;1-10\n"
    "S2;Bruno Peeters;éducateur;1-10;1/2\n"
    "3/4;Chloé Dubois;assistant social;1/2;\n"
    "S4;David Lambert;assistant social;1-10;\n"
)


def _dated_cohort(folder: Path, students: str = DATED_STUDENTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "commissions.csv").write_text(DATED_COMMISSIONS, encoding="utf-8")
    (folder / "students.csv").write_text(students, encoding="utf-8")
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[solver]\ntime_limit = 5\n", encoding="utf-8"
    )
    return folder


def _dated_result(tmp_path: Path) -> tuple[Path, Path, list[dict[str, str]]]:
    cohort = _dated_cohort(tmp_path / "c")
    result = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--quiet"])
    assert code == 0, output
    return cohort, result, read_rows(result / "teams.csv")


#: How Calc (fr-BE, and en-US alike) saves each id it took for a date: day and month as
#: typed, two digits each, and the year it added.
CALC_SAVES = {"1/2": "01/02/26", "1-10": "1-10", "3/4": "03/04/26"}


def test_ids_calc_saved_as_dates_in_teams_csv_are_read_back(tmp_path: Path) -> None:
    """teams.csv opened in Calc and saved: commission ``1/2`` is ``01/02/26`` and student
    ``3/4`` is ``03/04/26`` (``1-10`` stays text in Calc). Only ``1/2`` has the day and the
    month 1 and 2, only ``3/4`` has 3 and 4: read back as them, each said once with its
    rows, in French. Before: exit 2, "'01/02/26' is not a proposal id of commissions.csv"."""
    cohort, result, rows = _dated_result(tmp_path)
    for row in rows:
        row["student_id"] = CALC_SAVES.get(row["student_id"], row["student_id"])
        row["commission_id"] = CALC_SAVES[row["commission_id"]]
    write_rows(result / "teams.csv", rows)
    in_1_2 = [str(n) for n, row in enumerate(rows, start=2) if row["commission_id"] == "01/02/26"]
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "fr"])
    assert code == 0, output
    assert (
        f"teams.csv, colonne « commission_id » : « 01/02/26 » (lignes {' et '.join(in_1_2)}) "
        "est une date qu'un tableur a faite de l'identifiant 1/2 en y ajoutant une année : "
        "lu comme 1/2" in output
    ), output
    assert "« 03/04/26 » (ligne " in output and "lu comme 3/4" in output


def test_ids_saved_as_date_cells_in_result_xlsx_are_read_back(tmp_path: Path) -> None:
    """result.xlsx edited in Calc and saved with the Students sheet's ids as date cells
    (1 February 2026 for ``1/2`` read day first; 10 January for ``1-10`` read month first,
    as Excel in English does): a date cell does not say which number came first, and
    one id only fits each. `check` reads the teams from the workbook (no teams.csv)."""
    import datetime

    import openpyxl

    cohort, result, _ = _dated_result(tmp_path)
    (result / "teams.csv").unlink()
    book = openpyxl.load_workbook(result / "result.xlsx")
    sheet = book["Students"] if "Students" in book.sheetnames else book["Étudiants"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("commission_id")
    as_dates = {"1/2": datetime.datetime(2026, 2, 1), "1-10": datetime.datetime(2026, 1, 10)}
    for cells in sheet.iter_rows(min_row=2):
        cells[column].value = as_dates[cells[column].value]
        cells[column].number_format = "DD/MM/YY"
    book.save(result / "result.xlsx")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "'2026-02-01'" in output and "read as 1/2" in output, output
    assert "'2026-01-10'" in output and "read as 1-10" in output


def test_a_date_two_ids_fit_is_not_guessed(tmp_path: Path) -> None:
    """Ids ``1/2`` and ``2/1`` both: a date cell of 1 February may be either (the cell
    does not keep the order typed), so it stays an unknown id (exit 2), as before. In a
    CSV file ``01/02/26`` keeps the order: ``1/2``."""
    from matcher.loading.dated_ids import date_made_of

    assert date_made_of("2026-02-01", ["1/2", "2/1"]) is None
    assert date_made_of("01/02/26", ["1/2", "2/1"]) == "1/2"
    assert date_made_of("01/02/2026", ["1/2", "C3"]) == "1/2"
    assert date_made_of("02/01/26", ["1/2", "C3"]) == "1/2"  # read in one locale, saved in another
    assert date_made_of("03/04/26", ["1/2", "C3"]) is None  # no id of that day and month
    assert date_made_of("C3", ["1/2", "C3"]) is None


@pytest.mark.parametrize(
    ("shown", "id_"),
    [("1-Oct", "1-10"), ("01-oct.", "1-10"), ("01-févr", "1/2"), ("2-Jan-26", "1/2")],
)
def test_an_id_excel_shows_as_day_and_month_name_is_read_back(shown: str, id_: str) -> None:
    """Excel shows ``1-10`` typed in a cell as ``1-Oct`` (``01-oct.`` in French) and saves
    the CSV file so; French Excel shows ``1/2`` as ``01-févr``. One id only has that day
    and month (in either order: the format does not keep it)."""
    from matcher.loading.dated_ids import date_made_of

    assert date_made_of(shown, ["1/2", "1-10", "C3"]) == id_


def test_choices_calc_saved_as_dates_in_students_csv_are_read_back(tmp_path: Path) -> None:
    """students.csv (choices one per column) saved by Calc: each ``1/2`` is ``01/02/26``.
    `validate` reads them as 1/2 with a warning naming the columns; before, exit 2."""
    students = DATED_STUDENTS.replace(";1/2", ";01/02/26")
    cohort = _dated_cohort(tmp_path / "c", students)
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 0, output
    assert "students.csv, column 'choix 1': '01/02/26' (rows 2 and 4)" in output, output
    assert "students.csv, column 'choix 2': '01/02/26' (row 3)" in output


# --- 2. The teams digest and leading zeros ------------------------------------------------

TINY = DEMO.parent / "tiny" / "teams-choices"
#: The changed-cohort warning of `check` (the solver's values then are not shown).
CHANGED = "have changed since this result's teams were solved"


def _padded_cohort(folder: Path) -> Path:
    """teams-choices with students 001…006 (ids a spreadsheet takes for numbers)."""
    shutil.copytree(TINY, folder)
    for name in ("students.csv", "pairs.csv"):
        body = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_text(body.replace("S", "00"), encoding="utf-8")
    return folder


def test_a_cohort_resaved_without_leading_zeros_is_still_the_one_solved(tmp_path: Path) -> None:
    """students.csv and pairs.csv opened in Calc and saved: ``001`` is ``1``. The teams
    are read (ids resolve up to zeros) and the cohort is the one solved: `check` shows the
    solver's values beside the result's, without the "have changed" warning it gave
    before (the recorded digest hashed ``001``)."""
    cohort = _padded_cohort(tmp_path / "c")
    result = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--quiet"])
    assert code == 0, output
    for name in ("students.csv", "pairs.csv"):
        body = (cohort / name).read_text(encoding="utf-8")
        (cohort / name).write_text(body.replace("00", ""), encoding="utf-8")
    assert "\n1,Alice Martin," in (cohort / "students.csv").read_text(encoding="utf-8")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert CHANGED not in output, output
    # A real change (a student's experience) is still a change.
    body = (cohort / "students.csv").read_text(encoding="utf-8")
    (cohort / "students.csv").write_text(body.replace(",F,5,", ",F,6,", 1), encoding="utf-8")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert CHANGED in output


def test_a_digest_recorded_before_is_still_accepted(tmp_path: Path) -> None:
    """A summary.json written before zeros were set aside recorded the digest of the texts
    as written: the unchanged cohort still matches it (no "have changed" warning)."""
    import json

    from matcher.app.common import load

    cohort = _padded_cohort(tmp_path / "c")
    result = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--quiet"])
    assert code == 0, output
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    ids = summary["teams"]["commissions"]
    instance = load(cohort)
    old = instance.teams_digest(ids, exact=True)
    assert old != summary["teams"]["cohort"]  # "001" hashed as written: another digest
    summary["teams"]["cohort"] = old
    (result / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert CHANGED not in output, output


def test_arrivals_and_plan_files_open_in_a_spreadsheet_are_said(
    demo_result: Path, tmp_path: Path
) -> None:
    """The file given to ``whatif --add-students`` and the result's schedule.csv open in
    LibreOffice: each said like the cohort's files (before, nothing)."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    (result / ".~lock.schedule.csv#").write_text("Jean,host,user,01.12.2026 10:00,;\n")
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "schedule.csv is open in a spreadsheet (.~lock.schedule.csv# lies" in output, output
    cohort, solved = _solved(tmp_path / "small")
    arrivals = tmp_path / "arrivals.csv"
    arrivals.write_text("id,name,background,choices\nS9,Gaston Lagaffe,éducateur,C1\n")
    (tmp_path / "~$arrivals.csv").write_bytes(b"\x07Jean")
    args = ["whatif", str(cohort), "--from", str(solved), "--out", str(tmp_path / "w")]
    code, output = invoke([*args, "--add-students", str(arrivals), "--lang", "fr"])
    assert code == 0, output
    assert "arrivals.csv est ouvert dans un tableur (~$arrivals.csv se trouve à côté)" in output


def test_a_day_with_an_am_pm_time_is_its_day() -> None:
    """A date cell exported with its time by a spreadsheet in English (``01/10/2026 06:00
    PM``) is its day, as ``01/10/2026 18:00`` is (probe s19e); the time read is 18:00 (said
    in the warning of a slot with a time). Before, it was no day: the proposal was not
    available on 1 October."""
    from matcher.text import slot_key, time_of_day

    assert slot_key("01/10/2026 06:00 PM") == slot_key("01/10/2026 18:00") == "2026-10-01"
    assert time_of_day("01/10/2026 06:00 PM") == "18:00"
    assert time_of_day("2026-10-01 12:00 AM") == "00:00"  # midnight: a plain date cell
    assert time_of_day("01/10/2026 09:30:00 am") == "09:30"


def test_plan_files_with_a_commission_id_made_a_date_are_read_back(
    demo_result: Path, tmp_path: Path
) -> None:
    """The demo with C01 renamed ``1/2``; schedule.csv and supervision.csv re-saved by Calc
    write it ``01/02/26``: the plan is read (exit 0), each file saying the date it read as
    1/2. Before: exit 2, "'01/02/26' is not a proposal id of commissions.csv"."""
    instance, result = tmp_path / "instance", tmp_path / "result"
    shutil.copytree(DEMO, instance)
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()  # its sheets still name C01
    for path in [*instance.glob("*.csv"), *result.glob("*.csv")]:
        body = path.read_text(encoding="utf-8-sig")
        calc = "01/02/26" if path.name in ("schedule.csv", "supervision.csv") else "1/2"
        path.write_text(body.replace("C01", calc), encoding="utf-8")
    assert "01/02/26" in (result / "schedule.csv").read_text(encoding="utf-8")
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    for name in ("schedule.csv", "supervision.csv"):
        assert f"{name}, column 'commission_id': '01/02/26' (row" in output, output
    assert "is a date a spreadsheet made of the id 1/2" in output
