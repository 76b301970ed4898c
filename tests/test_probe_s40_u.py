"""Probe s40h (fix branch u): dates of an edited plan outside the years, workbook decimals in
the workbench, slot names dated by a day that does not exist, summary.json values no solve
gives."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cohortfiles import invoke
from conftest import DEMO

# --- D1: a schedule.csv (or Calendrier sheet) date outside 1900-2199 --------------------------


def _result_dated(tmp_path: Path, demo_result: Path, written: str) -> Path:
    """A copy of the demo's result whose schedule.csv dates its first event ``written``."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()
    schedule = result / "schedule.csv"
    lines = schedule.read_text(encoding="utf-8-sig").splitlines()
    assert ",2026-11-19," in lines[1]
    lines[1] = lines[1].replace(",2026-11-19,", f",{written},")
    schedule.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return result


@pytest.mark.parametrize("written", ["31/12/9999", "01/01/0001", "0001-05-20", "1899-12-31"])
def test_a_schedule_date_outside_the_years_is_refused_by_every_command(
    tmp_path: Path, demo_result: Path, written: str
) -> None:
    """Probe s40h D1: `report` of a result whose edited schedule.csv dated an event 31/12/9999
    or 01/01/0001 ended in exit 1 (« OverflowError: date value out of range », calendar.ics);
    the date is refused at reading, as [calendar] dates are, naming file, row and column."""
    result = _result_dated(tmp_path, demo_result, written)
    fr = (
        f"schedule.csv, ligne 2, colonne « date » : « {written} » ne convient pas : l'année "
        "doit être comprise entre 1900 et 2199"
    )
    en = (
        f"schedule.csv, row 2, column 'date': \"{written}\" is not accepted: the year must be "
        "from 1900 to 2199"
    )
    out = tmp_path / "out"
    commands = [
        ["check", str(DEMO), "--result", str(result)],
        ["report", str(DEMO), "--result", str(result), "--out", str(out)],
        ["explain", str(DEMO), "--result", str(result), "--student", "S001"],
        [
            "whatif",
            str(DEMO),
            "--from",
            str(result),
            "--out",
            str(out),
            "--withdraw-student",
            "S001",
        ],
    ]
    for args in commands:
        code, output = invoke([*args, "--lang", "fr"])
        assert code == 2, (args, output)
        assert fr in output, output
        assert "erreur interne" not in output
        code, output = invoke([*args, "--lang", "en"])
        assert code == 2, (args, output)
        assert en in output, output
        assert not out.exists()
    # plan --result makes a plan of its own: the edited one is not read.
    code, output = invoke(["plan", str(DEMO), "--result", str(result), "--out", str(out)])
    assert code == 0, output
    assert (out / "calendar.ics").is_file()


def test_a_calendar_sheet_date_outside_the_years_is_refused(
    tmp_path: Path, demo_result: Path
) -> None:
    """The same date typed in result.xlsx's Calendrier (Schedule) sheet, a date cell."""
    folder = tmp_path / "result"
    folder.mkdir()
    shutil.copy(demo_result / "result.xlsx", folder / "result.xlsx")
    book = openpyxl.load_workbook(folder / "result.xlsx")
    sheet = next(book[n] for n in book.sheetnames if n in ("Schedule", "Calendrier"))
    header = [str(c.value) for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).lower().startswith("v"))
    row[header.index("Date")].value = datetime.datetime(9999, 12, 31)
    book.save(folder / "result.xlsx")
    out = tmp_path / "out"
    for args in (
        ["check", str(DEMO), "--result", str(folder)],
        ["report", str(DEMO), "--result", str(folder), "--out", str(out)],
    ):
        code, output = invoke([*args, "--lang", "fr"])
        assert code == 2, output
        assert "l'année doit être comprise entre 1900 et 2199" in output
        assert "erreur interne" not in output and not out.exists()


# --- D6: the workbench's problems table quotes a workbook's decimals as the CLI does ----------


def _decimal_book(path: Path) -> Path:
    """A workbook whose supervisor has 2.5 teams and whose student -2.5 years of experience."""
    from cohortfiles import TWO_COMMISSIONS

    book = openpyxl.Workbook()
    commissions = book.active
    assert commissions is not None
    commissions.title = "commissions"
    for line in TWO_COMMISSIONS.splitlines():
        commissions.append(line.split(","))
    students = book.create_sheet("students")
    for row in [["id", "background", "experience_years"], ["S1", "AS", -2.5], ["S2", "AS", 1]]:
        students.append(row)
    supervisors = book.create_sheet("supervisors")
    for row in [["id", "name", "max_teams"], ["A1", "Claire Dupont", 2.5]]:
        supervisors.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


_DECIMALS_SAID = {
    "fr": ("« 2,5 » n'est pas un nombre entier", "-2,5 est négatif"),
    "en": ("'2.5' is not a whole number", "-2.5 is negative"),
}


def test_the_cli_quotes_the_decimal_book_as_its_spreadsheet_shows_it(tmp_path: Path) -> None:
    book = _decimal_book(tmp_path / "cohorte.xlsx")
    for lang, said in _DECIMALS_SAID.items():
        code, output = invoke(["validate", str(book), "--lang", lang])
        assert code == 2, output
        for words in said:
            assert words in output, output


def _problems_said(page: Any) -> str:
    table = page.locator('[data-role="problems"]')
    table.wait_for()
    return " ".join(table.inner_text().split())


@pytest.mark.parametrize("opened", ["upload", "serve"])
def test_the_workbench_quotes_a_workbook_decimal_as_its_spreadsheet_shows_it(
    context: Any, tmp_path: Path, opened: str
) -> None:
    """Probe s40h D6: the CLI says « 2,5 » for a workbook's decimal cell in French, but the
    workbench's problems table said « 2.5 » n'est pas un nombre entier and « -2.5 est
    négatif », for an uploaded workbook and for `serve cohorte.xlsx`, in either language."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no /usr/bin/chromium")
    from test_web_browser import Server

    book = _decimal_book(tmp_path / "files" / "cohorte.xlsx")
    server = Server(book if opened == "serve" else None, tmp_path / "out", "fr")
    try:
        page = context.new_page()
        page.goto(server.url)
        if opened == "upload":
            page.set_input_files('input[name="files"]', [str(book)])
            page.click('[data-action="upload"]')
        said = _problems_said(page)
        for words in _DECIMALS_SAID["fr"]:
            assert words in said, said
        assert "2.5" not in said, said
        page.click('[data-action="lang-en"]')
        page.wait_for_selector('#lang-en[aria-pressed="true"]')
        said = _problems_said(page)
        for words in _DECIMALS_SAID["en"]:
            assert words in said, said
        page.click('[data-action="lang-fr"]')
        page.wait_for_selector('#lang-fr[aria-pressed="true"]')
        said = _problems_said(page)
        assert _DECIMALS_SAID["fr"][0] in said and "2.5" not in said, said
    finally:
        server.stop()


# --- D11: a slot named by a day the calendar lacks --------------------------------------------


@pytest.mark.parametrize(
    ("name", "fr", "en"),
    [
        (
            "oral 29/02/2027",
            "le 29 février 2027 n'existe pas (2027 n'est pas une année bissextile)",
            "29 February 2027 does not exist (2027 is not a leap year)",
        ),
        (
            "oral-2027-02-29",
            "le 29 février 2027 n'existe pas (2027 n'est pas une année bissextile)",
            "29 February 2027 does not exist (2027 is not a leap year)",
        ),
        (
            "oral 31/04/2027",
            "ce jour n'existe pas (le mois se termine le vendredi 30 avril 2027)",
            "that day does not exist (the month ends on Friday 30 April 2027)",
        ),
    ],
)
def test_an_oral_slot_named_by_a_day_that_does_not_exist_is_said_so(
    tmp_path: Path, name: str, fr: str, en: str
) -> None:
    """Probe s40h D11: « oral 29/02/2027 » (or « oral 31/04/2027 », « oral-2027-02-29 ») was
    taken for a plain label, only told « [calendar] dates ne donne pas de date au créneau »,
    while « oral 31/12/9999 » was refused and such a day is elsewhere said not to exist."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    for file in ("settings.toml", "commissions.csv"):
        path = cohort / file
        written = path.read_text(encoding="utf-8-sig")
        assert "oral-2027-05-20" in written
        path.write_text(written.replace("oral-2027-05-20", name), encoding="utf-8")
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert f"clé « calendar.oral_slots » : « {name} » ne convient pas : {fr}" in output, output
    assert "ne donne pas de date" not in output
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert f"key 'calendar.oral_slots': \"{name}\" is not accepted: {en}" in output, output


@pytest.mark.parametrize("name", ["oral 21/05/2027", "oral 05/21/2027", "oral_vendredi"])
def test_an_oral_slot_named_otherwise_is_still_taken(tmp_path: Path, name: str) -> None:
    """A slot named by a day that exists, a day perhaps written month first (a label, as
    before) and a plain label are taken (exit 0)."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    path = cohort / "settings.toml"
    written = path.read_text(encoding="utf-8")
    path.write_text(written.replace('"oral-2027-05-21"', f'"{name}"'), encoding="utf-8")
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 0, output


# --- D13: summary.json objective values no solve writes ---------------------------------------


@pytest.mark.parametrize("written", ["1e308", "-1e308", "true", "9007199254740993"])
def test_an_objective_value_no_solve_writes_is_passed_over(
    tmp_path: Path, demo_result: Path, written: str
) -> None:
    """Probe s40h D13: an objective value of 1e308 typed in summary.json was printed by
    `check` as a 309-digit integer (a table some 330 characters wide), and ``true`` as 1.
    Like NaN and Infinity (probe s40d D4), a boolean or a magnitude above 2**53 is no value a
    solve records: the recorded values are passed over."""
    from test_probe_s40_s import summary_values_edited

    result = summary_values_edited(tmp_path, demo_result, written)
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "fr"])
    assert code == 0, output
    assert "Résultat du solveur" not in output, output
    assert max(len(line) for line in output.splitlines()) < 150, output
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "Solver's result" not in output, output
    out = tmp_path / "report"
    code, output = invoke(["report", str(DEMO), "--result", str(result), "--out", str(out)])
    assert code == 0, output
    assert "1" * 40 not in (out / "report.html").read_text(encoding="utf-8")


def test_an_objective_value_a_solve_writes_is_still_shown(
    tmp_path: Path, demo_result: Path
) -> None:
    """2**53 and below are read as before: the solver's values column is there."""
    from matcher.loading import recorded_objectives

    assert recorded_objectives(demo_result)
    code, output = invoke(["check", str(DEMO), "--result", str(demo_result), "--lang", "fr"])
    assert code == 0 and "Résultat du solveur" in output, output
