"""result.xlsx: summary, selection and one sheet per team; valid names; reproducible bytes."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_writers_sample import sample_outcome, sample_outcome_with_experience

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


def test_the_experience_priority_is_in_years_with_the_solver_measure_beside(
    tmp_path: Path,
) -> None:
    """The technical section gave the experience priority as the solver's integer (6450)
    where the report and the terminal say years (the measure is the gap from the fair share
    times 10·N, README): now the same years as the report, the integers named beside. The
    years are numbers shown « 71,7 ans » (probe s32e: they were text, "number stored as
    text" in Excel)."""
    outcome = sample_outcome_with_experience()
    students = len(outcome.instance.students)
    path = tmp_path / "result.xlsx"
    write_workbook(path, outcome, "fr")
    sheet = _load(path)["Résumé"]
    rows = [row for row in sheet.iter_rows(values_only=True)]
    named = [row for row in rows if row[0] == label("prio_experience", "fr")]
    assert len(named) == 1
    in_years = (round(6450 / (10 * students), 1), round(6000 / (10 * students), 1))
    assert named[0][1:3] == in_years
    cells = next(r for r in sheet.iter_rows() if r[0].value == label("prio_experience", "fr"))
    assert cells[1].number_format == cells[2].number_format == '0.0 "ans"'
    assert "6450" in str(named[0][3]) and "6000" in str(named[0][3])
    # The other priorities keep their integers.
    assert [label("prio_balance", "fr"), 2, 0] in [list(row[:3]) for row in rows]


def test_the_summary_sheet_lists_the_warnings_in_the_language_in_force(tmp_path: Path) -> None:
    """Session 25 noticed that summary.json, the report and the terminal gave the cohort's
    warnings and result.xlsx none: a director who opens only the workbook missed "S14's
    employer matches no institution". They are listed under the plain summary, in the
    language in force, the first 200 and a line counting the rest (as the terminal)."""
    from dataclasses import replace

    from matcher.errors import MAX_PROBLEMS_SHOWN
    from matcher.labels import counted, worded

    outcome = sample_outcome()
    said = counted("ld_no_choices_some", 1, who="S3")
    many = (said, *[f"note {i}" for i in range(MAX_PROBLEMS_SHOWN + 4)])
    instance = outcome.instance.model_copy(update={"warnings": many})
    path = tmp_path / "result.xlsx"
    write_workbook(path, replace(outcome, instance=instance), "fr")
    column = [row[:2] for row in _load(path)["Résumé"].iter_rows(values_only=True)]
    start = column.index((label("section_warnings", "fr"), None))
    listed = [b for _, b in column[start + 1 : start + 1 + MAX_PROBLEMS_SHOWN + 1]]
    assert listed[0] == worded(said, "fr") and "S3" in listed[0]
    assert listed[1:MAX_PROBLEMS_SHOWN] == [f"note {i}" for i in range(MAX_PROBLEMS_SHOWN - 1)]
    assert listed[-1] == worded(counted("warnings_more", 5), "fr")
    # Without warnings, no heading.
    quiet = outcome.instance.model_copy(update={"warnings": ()})
    write_workbook(path, replace(outcome, instance=quiet), "fr")
    cells = [row[0] for row in _load(path)["Résumé"].iter_rows(values_only=True)]
    assert label("section_warnings", "fr") not in cells
