"""Session 18: workbooks in an instance folder, and what `validate` says of them.

A director's folder may mix CSV files and workbooks of single tables (commissions.csv as
exported, students.xlsx as kept by the secretariat). A workbook named as a table is read
(or, beside a CSV file of the same table, said once not to be read); only a workbook that
holds no table by its name (``cohorte 2026.xlsx``) gets the warning "not read: this folder's
CSV files are". Before, students.xlsx was read AND said not to be read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from cohortfiles import invoke

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny" / "teams-choices"
NOT_READ = "this folder's CSV files are"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    shutil.copytree(TINY, folder)
    return folder


def _as_book(csv_path: Path, book: Path) -> None:
    pd.read_csv(csv_path, dtype=str, keep_default_na=False).to_excel(book, index=False)


def test_a_table_kept_as_a_workbook_is_read_without_a_warning(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _as_book(folder / "students.csv", folder / "students.xlsx")
    (folder / "students.csv").unlink()
    code, output = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 0, output
    assert "is not read" not in output, output


def test_a_table_workbook_beside_its_csv_is_said_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _as_book(folder / "students.csv", folder / "students.xlsx")
    code, output = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 0, output
    assert sum("students.xlsx" in line for line in output.splitlines()) == 1, output
    assert NOT_READ not in output, output


def test_a_workbook_of_no_table_beside_the_csv_files_is_said(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    _as_book(folder / "students.csv", folder / "cohorte 2026.xlsx")
    code, output = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 0, output
    assert "'cohorte 2026.xlsx' is not read: " + NOT_READ in output, output


def test_whatif_from_the_workbook_itself_keeps_its_own_plan(tmp_path: Path) -> None:
    """`whatif --from res/result.xlsx`: the workbook given itself is the result, its teams
    and its plan (the Calendrier sheet) alike, as `check --result res/result.xlsx` reads it;
    supervision.csv beside it (here planning two teams the other way round) is not read.
    A student leaving changes no team's commission, so every team keeps the supervisor the
    sheet gives it (contract §11: the fewest teams change supervisor)."""
    from csvrows import read_rows
    from test_probe_s17p import _cohort, _invoke, _supervision

    cohort = _cohort(tmp_path / "cohorte")
    result = tmp_path / "r0"
    _invoke("run", str(cohort), "--out", str(result), "--lang", "fr")
    kept = _supervision(result)
    # Two teams' supervisors swapped in the CSV files only (the workbook keeps the plan).
    first = next(iter(kept))
    second = next(c for c in kept if kept[c] != kept[first])
    swap = {kept[first]: kept[second], kept[second]: kept[first]}
    for name in ("supervision.csv", "schedule.csv"):
        rows = read_rows(result / name)
        for row in rows:
            if row["commission_id"] in (first, second):
                row["supervisor_id"] = swap[row["supervisor_id"]]
        pd.DataFrame(rows).to_csv(result / name, index=False)
    out = tmp_path / "w"
    _invoke(
        "whatif",
        str(cohort),
        "--from",
        str(result / "result.xlsx"),
        "--out",
        str(out),
        "--withdraw-student",
        "S012",
        "--lang",
        "fr",
    )
    assert _supervision(out) == kept
