"""result.xlsx read back by openpyxl (and LibreOffice) shows exactly the tables described.

``matcher.outputs.workbook`` describes each sheet as a ``Table`` and XlsxWriter writes it; here an
independent reader (openpyxl) reads the file back and every cell, style, width, frozen row,
filter, drop-down list and print setting is compared with the description.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_writers_sample import sample_outcome

from matcher.outputs.workbook import STYLES, Table, cell_text, tables, workbook_bytes
from matcher.results import RunOutcome


def _expected_look(table: Table, key: tuple[int, int]) -> tuple[bool, str | None, str]:
    spec: dict[str, Any] = {}
    for name in table.styles.get(key, ()):
        spec.update(STYLES[name])
    fill = spec.get("fill")
    if "number_format" in spec:
        # A built-in format is written by its number (9: "0%"), a custom one as written.
        number_format = {9: "0%"}.get(spec["number_format"], spec["number_format"])
        return (bool(spec.get("bold")), fill, number_format)
    # A cell of its own look keeps it; one without takes its column's (text columns: "@").
    text = key[1] in table.text_columns and not spec
    return (bool(spec.get("bold")), fill, "@" if text else "General")


def _compare(data: bytes, described: list[Table]) -> None:
    """Every described cell reads back with its value, type and look; nothing else is there."""
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [t.title for t in described]
    for table, sheet in zip(described, book.worksheets, strict=True):
        for (row, column), value in table.values.items():
            cell = sheet.cell(row, column)
            expected = cell_text(value) if isinstance(value, str) else value
            if isinstance(value, date):  # a day reads back as midnight of that day
                expected = datetime(value.year, value.month, value.day)
            if expected == "":
                expected = None
            assert cell.value == expected, (table.title, row, column)
            if isinstance(value, str) and expected is not None:
                assert cell.data_type == "s", (table.title, row, column)  # text stays text
            fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None
            look = (bool(cell.font.bold), fill, cell.number_format)
            assert look == _expected_look(table, (row, column)), (table.title, row, column)
        filled = {(c.row, c.column) for r in sheet.iter_rows() for c in r if c.value is not None}
        assert filled <= set(table.values), table.title
        # A run of columns of one width is stored once, covering min..max.
        stored = {
            c: d.width
            for d in sheet.column_dimensions.values()
            for c in range(d.min or 0, (d.max or -1) + 1)
        }
        for column, width in table.widths.items():
            # XlsxWriter stores Excel's character width plus the cell padding (≈0.71).
            assert stored[column] == pytest.approx(width, abs=1), (table.title, column)
        assert sheet.freeze_panes == ("A2" if table.freeze else None)
        assert sheet.page_setup.orientation == "landscape"
        # One page wide (1 is the attribute's default, so it may be left out), any length.
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0
        # Every sheet repeats its first row on each printed page, the summary's too (probe
        # s33e: it was only the sheets frozen under their header).
        assert sheet.print_title_rows in ("1:1", "$1:$1"), table.title


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("with_changes", [False, True])
def test_every_sheet_reads_back_as_described(lang: str, with_changes: bool) -> None:
    """Summary, (Changes,) Students, Selection and three team sheets, cell by cell."""
    outcome = sample_outcome(with_changes=with_changes)
    described = tables(outcome, lang)  # type: ignore[arg-type]
    assert len(described) == (7 if with_changes else 6)
    _compare(workbook_bytes(outcome, lang), described)  # type: ignore[arg-type]


def test_students_sheet_is_filterable_and_offers_the_selected_commissions() -> None:
    """The editing sheet: teams.csv's columns, an autofilter, commission_id as a drop-down."""
    book = load_workbook(io.BytesIO(workbook_bytes(sample_outcome(), "fr")))
    sheet = book["Étudiants"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["student_id", "name", "commission_id", "institution", "choice_rank"]
    assert header[-1] == "choices"
    assert sheet.auto_filter.ref == "A1:J10"  # 9 students + the header, 10 columns
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "C2:C10"
    assert validation.formula1 == '"C1,C2,C3"'
    # Flags in the language of the workbook; S8 wrote C5 (not selected) then C1: rank 2.
    rows = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    assert rows["S1"][6] == "oui" and rows["S2"][6] == "non"
    assert rows["S8"][4] == 2 and rows["S8"][9] == "C5;C1"
    assert book["Sélection"].auto_filter.ref == "A1:I6"


def test_a_long_drop_down_list_lives_in_a_hidden_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel keeps a list written in the rule to 255 characters (XlsxWriter drops a longer
    one with a warning on the terminal): beyond it the commission ids go to a hidden sheet
    the rule refers to. Forced here with a 3-character limit on the 3 sample commissions."""
    import warnings

    import matcher.outputs.workbook as workbook

    monkeypatch.setattr(workbook, "_INLINE_LIST_CHARS", 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = workbook_bytes(sample_outcome(), "en")
    book = load_workbook(io.BytesIO(data))
    (validation,) = book["Students"].data_validations.dataValidation
    assert validation.formula1 == "'Lists'!$A$1:$A$3"
    assert book["Lists"].sheet_state == "hidden"
    assert [row[0].value for row in book["Lists"].iter_rows()] == ["C1", "C2", "C3"]


def test_selection_only_workbook() -> None:
    """Without teams: Summary and Selection only."""
    full = sample_outcome()
    outcome = RunOutcome(full.instance, full.settings, full.selection)
    described = tables(outcome, "en")
    assert [t.title for t in described] == ["Summary", "Selection"]
    _compare(workbook_bytes(outcome, "en"), described)


def _with_name(outcome: RunOutcome, name: str) -> RunOutcome:
    students = tuple(s.model_copy(update={"name": name}) for s in outcome.instance.students)
    instance = outcome.instance.model_copy(update={"students": students})
    return RunOutcome(instance, outcome.settings, outcome.selection, outcome.teams)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(max_size=30))
def test_any_text_reads_back_as_text(name: str) -> None:
    """Any name, formula-like, numeric-looking or with control characters, stays text."""
    outcome = _with_name(sample_outcome(), name)
    _compare(workbook_bytes(outcome, "en"), tables(outcome, "en"))


@pytest.mark.parametrize(
    "name", ["=1+1", "+32 470", "-3", "@SUM(A1)", "http://example.org", "007", "x\x01y\ud800z"]
)
def test_risky_text_is_never_a_formula_number_or_link(name: str) -> None:
    """What a spreadsheet would turn into a formula, number or link is written as text."""
    data = workbook_bytes(_with_name(sample_outcome(), name), "en")
    sheet = load_workbook(io.BytesIO(data)).worksheets[-1]
    assert sheet["B2"].value == cell_text(name) and sheet["B2"].data_type == "s"
    assert sheet["B2"].hyperlink is None
    assert cell_text(name) == name.replace("\x01", "").replace("\ud800", "")


def test_bytes_are_reproducible() -> None:
    """The same outcome gives the same bytes (pinned dates), in both languages."""
    outcome = _with_name(sample_outcome(with_changes=True), ' a & "b" <c>\r\n\t ')
    for lang in ("en", "fr"):
        assert workbook_bytes(outcome, lang) == workbook_bytes(outcome, lang)  # type: ignore[arg-type]


def test_table_styles_are_known() -> None:
    """Every style a table names is defined."""
    for table in tables(sample_outcome(), "en"):
        assert {n for names in table.styles.values() for n in names} <= set(STYLES)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_and_reads_the_same_cells(tmp_path: Path) -> None:
    """LibreOffice converts the workbook and the converted copy holds the same values."""
    outcome = sample_outcome(with_changes=True)
    (tmp_path / "ours.xlsx").write_bytes(workbook_bytes(outcome, "fr"))
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to"]
    command += ["xlsx", "--outdir", str(tmp_path / "lo"), str(tmp_path / "ours.xlsx")]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    again = load_workbook(tmp_path / "lo" / "ours.xlsx")
    described = tables(outcome, "fr")
    assert again.sheetnames == [t.title for t in described]
    for table, sheet in zip(described, again.worksheets, strict=True):
        for (row, column), value in table.values.items():
            if isinstance(value, str) and value:
                assert sheet.cell(row, column).value == cell_text(value)


def test_a_target_that_is_one_number_reads_as_one(demo_result: Path) -> None:
    """A team sheet's composition target whose fair share is one number (the demo's 40
    students of one kind in 10 teams: 4) reads "target 4", not "target 4–4"; ranges stay."""
    book = load_workbook(demo_result / "result.xlsx", read_only=True)
    targets = [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str) and value.startswith("target ")
    ]
    assert "target 4" in targets and "target 3–4" in targets
    assert not [t for t in targets if re.fullmatch(r"target (\d+)–\1", t)]
