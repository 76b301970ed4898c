"""Session 39's fixes, each with the probe (or the earlier closing note) that found it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from cohortfiles import TWO_COMMISSIONS

from matcher.cli import main
from matcher.loading.workbooks import workbook_cell_text


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.2222, "0%", "22%"),  # as Excel and LibreOffice show it, not 0.2222
        (0.2222, "0.0 %", "22.2%"),
        (1, "0%", "100%"),
        (0.5, "0.00%;[Red]-0.00%", "50.00%"),
        (5, '0" %"', "5"),  # a quoted « % » is a literal: the number is not a share
        (0.25, "General", "0.25"),
    ],
)
def test_a_cell_formatted_as_a_percentage_reads_as_it_shows(
    value: float, number_format: str, shown: str
) -> None:
    assert workbook_cell_text(value, number_format) == shown


def test_a_share_typed_in_a_workbook_total_row_is_read_as_a_share(tmp_path: Path) -> None:
    """Session 38's note (probe s38i): « 67 % » of VAE under a Students sheet, a cell
    formatted as a percentage, was read 0.6667: no share, so the « Total » row was kept as a
    student and refused for its empty background. As shown it is a share, so a total."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "commissions"
    for line in TWO_COMMISSIONS.splitlines():
        sheet.append(line.split(","))
    students = book.create_sheet("students")
    for row in (["id", "background", "vae"], ["S1", "AS", "oui"], ["S2", "AS", "non"]):
        students.append(row)
    students.append(["S3", "AS", "oui"])
    students.append(["Total", None, 2 / 3])
    students.cell(row=5, column=3).number_format = "0%"
    path = tmp_path / "cohort.xlsx"
    book.save(path)
    (tmp_path / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    settings = str(tmp_path / "settings.toml")
    ran = CliRunner().invoke(main, ["validate", str(path), "--settings", settings, "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "'Total' reads as a total typed under the table" in said, said
