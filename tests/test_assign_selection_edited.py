"""`assign --selection` given a selection as a director edits it: the workbook's Selection
sheet (README: selection.csv "or the workbook's ... Selection sheet" may be edited and read
back by assign), and a selection.csv whose column was renamed in French."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from csvrows import read_rows, write_rows

from matcher.cli import main

FIXED = ("--quiet", "--workers", "1", "--seed", "0")

COMMISSIONS = """id,institution,sector,problem_type,priority
C1,CPAS de Namur,CPAS,évaluation,3
C2,AMO Le Cercle,aide à la jeunesse,diagnostic,2
C3,Ligue Braille,handicap,étude,1
C4,Lire et Écrire,alphabétisation,évaluation,0
"""

STUDENTS = """id,name,background
S1,Ann,AS
S2,Ben,AS
S3,Cleo,educ
S4,Dan,educ
"""


def _cohort(tmp_path: Path) -> Path:
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "commissions.csv").write_text(COMMISSIONS, encoding="utf-8")
    (instance / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (instance / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    return instance


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, *FIXED])
    return result.exit_code, result.stderr


def _selected(out: Path) -> list[str]:
    return [row["id"] for row in read_rows(out / "selection.csv") if row["selected"] == "yes"]


def test_assign_reads_the_selection_sheet_of_an_edited_workbook(tmp_path: Path) -> None:
    """select keeps C1 and C2 (two most sectors and types, highest priorities). The director
    opens result.xlsx (French: sheet 'Sélection', column 'Retenue', 'oui'/'non'), swaps C2
    for C3, saves, and gives the workbook to assign: the teams are formed for C1 and C3."""
    instance = _cohort(tmp_path)
    chosen = tmp_path / "chosen"
    code, err = _invoke("select", str(instance), "--out", str(chosen), "--lang", "fr")
    assert code == 0, err
    assert _selected(chosen) == ["C1", "C2"]
    book = chosen / "result.xlsx"
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Sélection"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Retenue") + 1
    for row in range(2, sheet.max_row + 1):
        proposal = sheet.cell(row, 1).value
        if proposal in ("C2", "C3"):
            sheet.cell(row, column).value = "oui" if proposal == "C3" else "non"
    workbook.save(book)
    teams = tmp_path / "teams"
    code, err = _invoke("assign", str(instance), "--selection", str(book), "--out", str(teams))
    assert code == 0, err
    assert _selected(teams) == ["C1", "C3"]
    assert {row["commission_id"] for row in read_rows(teams / "teams.csv")} == {"C1", "C3"}


def test_a_renamed_selection_sheet_is_read_and_said(tmp_path: Path) -> None:
    """The director renamed the workbook's 'Sélection' sheet 'Ma sélection': assign reads
    it (it has the columns) and says so in summary.json's warnings, as check does; it
    said nothing, so a director who kept two sheets could not tell which was used."""
    instance = _cohort(tmp_path)
    chosen = tmp_path / "chosen"
    code, err = _invoke("select", str(instance), "--out", str(chosen), "--lang", "fr")
    assert code == 0, err
    book = chosen / "result.xlsx"
    workbook = openpyxl.load_workbook(book)
    workbook["Sélection"].title = "Ma sélection"
    workbook.save(book)
    teams = tmp_path / "teams"
    code, err = _invoke(
        "assign", str(instance), "--selection", str(book), "--out", str(teams), "--lang", "fr"
    )
    assert code == 0, err
    assert _selected(teams) == ["C1", "C2"]
    warnings = json.loads((teams / "summary.json").read_text(encoding="utf-8"))["warnings"]
    assert any("« Ma sélection »" in w and "result.xlsx" in w for w in warnings), warnings


def test_a_workbook_without_a_selection_sheet_is_invalid_input_naming_it(tmp_path: Path) -> None:
    instance = _cohort(tmp_path)
    book = tmp_path / "mine.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.save(book)
    out = tmp_path / "teams"
    code, err = _invoke(
        "assign", str(instance), "--selection", str(book), "--out", str(out), "--lang", "fr"
    )
    assert code == 2
    assert "mine.xlsx" in err and "Sélection" in err
    assert not out.exists()


def test_a_selected_column_renamed_retenue_is_read(tmp_path: Path) -> None:
    """'Retenue' is the French workbook's own header for the selected column: a director who
    renames selection.csv's column the same way is understood."""
    instance = _cohort(tmp_path)
    chosen = tmp_path / "chosen.csv"
    with chosen.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Code", "Retenue"])
        writer.writerows([["C1", "x"], ["C2", ""], ["C3", "x"], ["C4", ""]])
    out = tmp_path / "teams"
    code, err = _invoke("assign", str(instance), "--selection", str(chosen), "--out", str(out))
    assert code == 0, err
    assert _selected(out) == ["C1", "C3"]


def test_reasons_and_reserve_ranks_follow_a_hand_swap(tmp_path: Path) -> None:
    """select keeps C1 and C2, reserves C3 (1) and C4 (2). The director swaps C2 for C3 by
    changing only the selected column. The selection.csv that assign writes must not say
    'no ... selected' for C2 nor 'yes ... reserve 1' for C3: C3 is selected by hand, the
    reserves are renumbered from 1 (C4), and C2, eligible and no longer selected, becomes
    the last reserve (contract §3: every eligible proposal not selected has a rank)."""
    instance = _cohort(tmp_path)
    chosen = tmp_path / "chosen"
    code, err = _invoke("select", str(instance), "--out", str(chosen))
    assert code == 0, err
    rows = read_rows(chosen / "selection.csv")
    assert [(r["id"], r["selected"], r["reserve_rank"]) for r in rows] == [
        ("C1", "yes", ""),
        ("C2", "yes", ""),
        ("C3", "no", "1"),
        ("C4", "no", "2"),
    ]
    for row in rows:
        if row["id"] in ("C2", "C3"):
            row["selected"] = "no" if row["id"] == "C2" else "yes"
    edited = tmp_path / "edited.csv"
    write_rows(edited, rows)
    for lang, by_hand, unselected in (
        ("en", "selected (chosen by hand)", "reserve 2: unselected by hand"),
        ("fr", "retenue (choisie à la main)", "réserve 2 : retirée de la sélection à la main"),
    ):
        out = tmp_path / f"teams-{lang}"
        code, err = _invoke(
            "assign", str(instance), "--selection", str(edited), "--out", str(out), "--lang", lang
        )
        assert code == 0, err
        written = {r["id"]: r for r in read_rows(out / "selection.csv")}
        assert (written["C3"]["selected"], written["C3"]["reserve_rank"]) == ("yes", "")
        assert written["C3"]["reason"] == by_hand
        assert (written["C4"]["reserve_rank"], written["C2"]["reserve_rank"]) == ("1", "2")
        assert written["C4"]["reason"].startswith("reserve 1" if lang == "en" else "réserve 1")
        assert written["C2"]["reason"] == unselected
