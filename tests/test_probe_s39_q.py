"""Acceptance probe, session 39 (probe s39d, the workbook as a director edits it): edits of
result.xlsx that were ignored without a word, each a test that failed before its fix."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.loading.result_book import other_books
from matcher.schemas import read_clock

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

RENAMED = {
    "en": "result.xlsx has no sheet named Schedule: its plan is read from the sheet "
    "'Planning 2026', which has its columns",
    "fr": "result.xlsx n'a pas de feuille nommée Calendrier : son planning est lu dans la "
    "feuille « Planning 2026 », qui en a les colonnes",
}


def _edited_book(demo_result: Path, folder: Path, title: str | None, cells: dict[str, str]) -> Path:
    """demo_result's result.xlsx alone in ``folder``, its Schedule sheet renamed ``title``
    (kept when ``None``) and the cells of C01's visit row set (column header → value)."""
    folder.mkdir()
    book = folder / "result.xlsx"
    workbook = openpyxl.load_workbook(demo_result / "result.xlsx")
    sheet = workbook["Schedule"]
    header = [c.value for c in sheet[1]]
    row = next(
        r for r in sheet.iter_rows(min_row=2) if r[1].value == "C01" and r[0].value == "Visit"
    )
    for column, value in cells.items():
        row[header.index(column)].value = value
    if title is not None:
        sheet.title = title
    workbook.save(book)
    return book


def _c01_visit(schedule: Path) -> list[str]:
    with schedule.open(encoding="utf-8") as file:
        return next(r for r in csv.reader(file) if r[:2] == ["visit", "C01"])


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, list(args))
    return done.exit_code, done.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_renamed_schedule_sheet_is_checked_and_said(
    demo_result: Path, tmp_path: Path, lang: str
) -> None:
    """Probe s39d, defect 1: the Schedule sheet renamed « Planning 2026 », C01's visit given
    another supervisor than its oral's: ``check`` said the result "holds no plan" and passed
    it (exit 0); the sheet is now found by its columns, read with a warning, and the broken
    rule found (exit 3)."""
    book = _edited_book(demo_result, tmp_path / "res", "Planning 2026", {"Supervisor": "A01"})
    code, output = _run("check", str(DEMO), "--result", str(book), "--lang", lang)
    assert code == 3, output
    assert RENAMED[lang] in output
    assert "Planning 2026" in output.split(RENAMED[lang])[1]  # the broken rule names it
    assert "supervision.csv, schedule.csv" not in output  # not "holds no plan"


def test_report_and_whatif_keep_the_plan_of_a_renamed_schedule_sheet(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39d, defect 1: C01's visit moved to 09:15–10:45 in a Schedule sheet renamed
    « Planning 2026 »: ``whatif --from`` planned afresh without a word (09:00 again) and
    ``report`` wrote no schedule.csv; both now keep the director's times, with the warning."""
    moved = {"Start": "09:15", "End": "10:45"}
    book = _edited_book(demo_result, tmp_path / "res", "Planning 2026", moved)
    out = tmp_path / "report"
    args = ("report", str(DEMO), "--result", str(book), "--out", str(out), "--no-explain")
    code, output = _run(*args, "--lang", "en")
    assert code == 0, output
    assert RENAMED["en"] in output
    assert _c01_visit(out / "schedule.csv")[-2:] == ["09:15", "10:45"]
    assert (out / "calendar.ics").is_file()
    out = tmp_path / "whatif"
    args = ("whatif", str(DEMO), "--from", str(book), "--out", str(out), "--no-explain")
    code, output = _run(*args, "--withdraw-student", "S030", "--time-limit", "10", "--lang", "fr")
    assert code == 0, output
    assert RENAMED["fr"] in output
    assert _c01_visit(out / "schedule.csv")[-2:] == ["09:15", "10:45"]


def test_a_schedule_sheet_in_two_copies_under_other_names_is_refused(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39d, defect 1: two sheets holding the plan's columns, neither named Schedule:
    which one the director edited is not guessed (as for the Students sheet)."""
    book = _edited_book(demo_result, tmp_path / "res", "Planning", {})
    workbook = openpyxl.load_workbook(book)
    workbook.copy_worksheet(workbook["Planning"]).title = "Planning (2)"
    workbook.save(book)
    code, output = _run("check", str(DEMO), "--result", str(book), "--lang", "fr")
    assert code == 2, output
    assert (
        "aucune feuille ne s'appelle Calendrier, et plusieurs en ont les colonnes : "
        "Planning, Planning (2) ; nommez Calendrier celle à lire"
    ) in output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "{} is not read (only result.xlsx is): if it holds your edits, save it as"),
        ("fr", "{} n'est pas lu (seul result.xlsx l'est) : s'il contient vos modifications"),
    ],
)
def test_a_workbook_under_another_name_beside_the_result_is_said(
    demo_result: Path, tmp_path: Path, lang: str, said: str
) -> None:
    """Probe s39d, defect 2: the edited workbook saved as teams.xlsx or « résultat
    modifié.xlsx » beside the result's files was ignored without a word (only names
    beginning with "result" were said); not the lock file a spreadsheet keeps beside it."""
    folder = tmp_path / "res"
    shutil.copytree(demo_result, folder)
    (folder / "result.xlsx").rename(folder / "teams.xlsx")
    shutil.copy(folder / "teams.xlsx", folder / "résultat modifié.xlsx")
    (folder / "~$teams.xlsx").write_bytes(b"lock")
    code, output = _run("check", str(DEMO), "--result", str(folder), "--lang", lang)
    assert code == 0, output
    assert said.format("teams.xlsx") in output
    assert said.format("résultat modifié.xlsx") in output
    assert "~$teams.xlsx" not in output


def test_a_folder_holding_only_a_workbook_under_another_name_is_refused_naming_it(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39d, defect 2: a folder of teams.xlsx alone was refused as "holds neither
    selection.csv, teams.csv nor result.xlsx", the workbook there unnamed; so was a folder
    of selection.csv, summary.json and teams.xlsx (teams.csv converted by LibreOffice)."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(demo_result / "result.xlsx", alone / "teams.xlsx")
    code, output = _run("check", str(DEMO), "--result", str(alone), "--lang", "en")
    assert code == 2
    assert (
        "holds neither selection.csv, teams.csv nor result.xlsx: teams.xlsx is not read; "
        "if it holds the result, save it as result.xlsx"
    ) in output
    converted = tmp_path / "converted"
    converted.mkdir()
    for name in ("selection.csv", "summary.json"):
        shutil.copy(demo_result / name, converted / name)
    shutil.copy(demo_result / "result.xlsx", converted / "teams.xlsx")
    code, output = _run("check", str(DEMO), "--result", str(converted), "--lang", "fr")
    assert code == 2
    assert (
        "elles ne peuvent pas être lues. teams.xlsx n'est pas lu : s'il contient les "
        "modifications, enregistrez-le en result.xlsx (Excel 2007-365) dans ce dossier ; "
        "sinon, remettez teams.csv"
    ) in " ".join(output.split())


def test_the_cohorts_own_workbook_beside_the_result_is_not_said_unread(tmp_path: Path) -> None:
    """Probe s39d, defect 2: every workbook beside the result is said unread, but not the
    cohort's own (files uploaded together to the workbench), which is read as the cohort."""
    for name in ("cohorte.xlsx", "teams.xlsx", "result.xlsx"):
        (tmp_path / name).write_bytes(b"")
    found = other_books(tmp_path, tmp_path / "result.xlsx", frozenset({"cohorte.xlsx"}))
    assert found == ["teams.xlsx"]


def test_times_typed_the_french_way_with_spaces_are_read(demo_result: Path, tmp_path: Path) -> None:
    """Probe s39d, defect 4: « 9 h 30 » and « 11 h » in the Schedule sheet were refused
    ("not a time: expected HH:MM") while « 9h00 » was read."""
    assert [read_clock(t) for t in ("9 h 30", "11 h", "9\u202fh\u202f30", "9h00")] == [
        "09:30",
        "11:00",
        "09:30",
        "09:00",
    ]
    book = _edited_book(demo_result, tmp_path / "res", None, {"Start": "9 h 30", "End": "11 h"})
    out = tmp_path / "report"
    args = ("report", str(DEMO), "--result", str(book), "--out", str(out), "--no-explain")
    code, output = _run(*args, "--lang", "fr")
    assert code == 0, output
    assert "n'est pas une heure" not in output
    assert _c01_visit(out / "schedule.csv")[-2:] == ["09:30", "11:00"]
