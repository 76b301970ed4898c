"""result.xlsx: summary, selection and one sheet per team; valid names; reproducible bytes."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_writers_sample import sample_outcome

from matcher.labels import label
from matcher.outputs.workbook import sheet_name, workbook_bytes, write_workbook


def _load(path: Path):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(path.read_bytes()))


def test_sheets_summary_selection_and_one_per_team(tmp_path: Path) -> None:
    path = tmp_path / "result.xlsx"
    write_workbook(path, sample_outcome(), "en")
    book = _load(path)
    assert book.sheetnames[:3] == ["Summary", "Students", "Selection"]
    assert len(book.sheetnames) == 3 + 3
    # Sheet names carry the commission id and its institution, cleaned of []:*?/\ .
    assert book.sheetnames[3].startswith("C1 ")
    assert book.sheetnames[5] == "C3 Maison-Handicap -Liège-"
    team = book[book.sheetnames[4]]
    assert team["A1"].value == label("student_id", "en") and team["A1"].font.bold
    assert team.freeze_panes == "A2"
    assert [team.cell(r, 1).value for r in range(2, 5)] == ["S3", "S4", "S7"]
    assert team.column_dimensions["B"].width >= len("Paul Martin")
    selection = book["Selection"]
    assert selection["A1"].font.bold and selection.freeze_panes == "A2"
    assert [selection.cell(r, 1).value for r in range(2, 7)] == ["C1", "C2", "C3", "C4", "C5"]


def test_french_workbook(tmp_path: Path) -> None:
    path = tmp_path / "result.xlsx"
    write_workbook(path, sample_outcome(), "fr")
    book = _load(path)
    assert book.sheetnames[:3] == ["Résumé", "Étudiants", "Sélection"]
    assert book["Sélection"]["G2"].value == "oui"


def test_french_summary_gives_each_status_in_french(tmp_path: Path) -> None:
    """Contract §7: the summary sheet wrote each stage's status as ``OPTIMAL (optimal)``,
    the contract's English status word (summary.json's) in a French workbook. It now
    says the status as the report does, in words only."""
    path = tmp_path / "result.xlsx"
    write_workbook(path, sample_outcome(), "fr")
    summary = _load(path)["Résumé"]
    cells = [str(c) for row in summary.iter_rows(values_only=True) for c in row if c]
    # The fixture's selection is proven, its teams stopped at the time limit.
    said = label("status_FEASIBLE", "fr")
    assert [label("stage_teams", "fr"), said] in [
        [str(c) for c in row[:2]] for row in summary.iter_rows(values_only=True)
    ]
    assert not [c for c in cells if "OPTIMAL" in c or "FEASIBLE" in c]


def test_the_same_outcome_gives_the_same_bytes(tmp_path: Path) -> None:
    write_workbook(tmp_path / "a.xlsx", sample_outcome(with_changes=True), "en")
    write_workbook(tmp_path / "b.xlsx", sample_outcome(with_changes=True), "en")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_workbook_without_teams_has_no_team_sheet() -> None:
    full = sample_outcome()
    from matcher.results import RunOutcome

    data = workbook_bytes(RunOutcome(full.instance, full.settings, full.selection), "en")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "Selection"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=8))
def test_sheet_names_are_valid_and_unique(texts: list[str]) -> None:
    taken: set[str] = {"summary"}
    names = [sheet_name(text, taken) for text in texts]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 1 <= len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert name.casefold() != "summary"
        assert not name.startswith("'") and not name.endswith("'")
