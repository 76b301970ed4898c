"""result.xlsx written by hand equals the same tables written by openpyxl (the twin).

``matcher.outputs.workbook`` writes SpreadsheetML itself (openpyxl costs start-up time); here
openpyxl's public API writes the same ``tables`` and both files are read back with openpyxl
and compared cell by cell: value, type, bold, fill, number format, plus sheet names, column
widths and frozen header rows.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.dom import minidom

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from test_writers_sample import sample_outcome

from matcher.outputs.workbook import STYLES, Table, cell_text, column_letter, tables, workbook_bytes
from matcher.results import RunOutcome

ROOT = Path(__file__).resolve().parents[1]


def _twin_bytes(outcome: RunOutcome, lang: str) -> bytes:
    """The workbook of the same tables, written with openpyxl's public API."""
    book = Workbook()
    for index, table in enumerate(tables(outcome, lang)):  # type: ignore[arg-type]
        sheet = book.worksheets[0] if index == 0 else book.create_sheet()
        sheet.title = table.title
        for column, width in table.widths.items():
            sheet.column_dimensions[column_letter(column)].width = width
        if table.freeze:
            sheet.freeze_panes = "A2"
        for (row, column), value in sorted(table.values.items()):
            shown = cell_text(value) if isinstance(value, str) else value
            cell = sheet.cell(row, column, shown)
            if isinstance(value, str):
                cell.data_type = "s"
            for name in table.styles.get((row, column), ()):
                spec = STYLES[name]
                if "bold" in spec:
                    cell.font = Font(bold=True)
                if "fill" in spec:
                    cell.fill = PatternFill("solid", fgColor=spec["fill"])
                if "number_format" in spec:
                    cell.number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(data: bytes) -> dict[str, Any]:
    """What a reader sees in a workbook: per sheet, per non-empty or styled cell."""
    book = load_workbook(io.BytesIO(data))
    seen: dict[str, Any] = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None
                look = (bool(cell.font.bold), fill, cell.number_format)
                value = None if cell.value == "" else cell.value
                if value is None and look == (False, None, "General"):
                    continue
                kind = cell.data_type if value is not None else None
                cells[cell.coordinate] = (value, kind, look)
        widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth}
        seen[sheet.title] = (cells, widths, sheet.freeze_panes)
    return seen


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("with_changes", [False, True])
def test_same_cells_as_openpyxl(lang: str, with_changes: bool) -> None:
    outcome = sample_outcome(with_changes=with_changes)
    ours = _cells(workbook_bytes(outcome, lang))  # type: ignore[arg-type]
    assert ours == _cells(_twin_bytes(outcome, lang))
    assert len(ours["sheets"]) == 5


def test_selection_only_as_openpyxl() -> None:
    full = sample_outcome()
    outcome = RunOutcome(full.instance, full.settings, full.selection)
    ours = _cells(workbook_bytes(outcome, "en"))
    assert ours["sheets"] == ["Summary", "Selection"]
    assert ours == _cells(_twin_bytes(outcome, "en"))


def _with_name(outcome: RunOutcome, name: str) -> RunOutcome:
    students = tuple(s.model_copy(update={"name": name}) for s in outcome.instance.students)
    instance = outcome.instance.model_copy(update={"students": students})
    return RunOutcome(instance, outcome.settings, outcome.selection, outcome.teams)


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_characters="\r"), max_size=30))
def test_any_text_reads_back_as_openpyxl_writes_it(name: str) -> None:
    # Carriage returns aside: openpyxl writes them raw and XML readers turn them into line
    # feeds; here they are escaped and survive (next test).
    outcome = _with_name(sample_outcome(), name)
    assert _cells(workbook_bytes(outcome, "en")) == _cells(_twin_bytes(outcome, "en"))


@pytest.mark.parametrize("name", ["   ", " a ", "a\r\nb", "\r", "\tx\n", "x\x01y\ud800z"])
def test_text_reads_back_exactly(name: str) -> None:
    data = workbook_bytes(_with_name(sample_outcome(), name), "en")
    team_sheet = load_workbook(io.BytesIO(data)).worksheets[-1]
    assert team_sheet["B2"].value == cell_text(name)
    assert cell_text(name) == name.replace("\x01", "").replace("\ud800", "")


def test_every_part_is_well_formed_xml_and_bytes_are_reproducible() -> None:
    outcome = _with_name(sample_outcome(with_changes=True), ' a & "b" <c>\r\n\t ')
    data = workbook_bytes(outcome, "fr")
    assert data == workbook_bytes(outcome, "fr")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:
            minidom.parseString(archive.read(name))  # raises on malformed XML
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_column_letters() -> None:
    assert [column_letter(i) for i in (1, 2, 26, 27, 52, 53, 702, 703)] == [
        "A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_table_styles_are_known() -> None:
    for table in tables(sample_outcome(), "en"):
        assert isinstance(table, Table)
        assert {n for names in table.styles.values() for n in names} <= set(STYLES)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_same_workbook_as_from_openpyxl(tmp_path: Path) -> None:
    # LibreOffice re-saves both files; what it read must be the same.
    outcome = sample_outcome(with_changes=True)
    (tmp_path / "ours.xlsx").write_bytes(workbook_bytes(outcome, "fr"))
    (tmp_path / "twin.xlsx").write_bytes(_twin_bytes(outcome, "fr"))
    profile = (tmp_path / "profile").as_uri()
    files = [str(tmp_path / "ours.xlsx"), str(tmp_path / "twin.xlsx")]
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    command += ["xlsx", "--outdir", str(tmp_path / "lo"), *files]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    ours = _cells((tmp_path / "lo" / "ours.xlsx").read_bytes())
    assert ours == _cells((tmp_path / "lo" / "twin.xlsx").read_bytes())
    assert len(ours["sheets"]) == 5
