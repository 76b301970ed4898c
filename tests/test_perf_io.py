"""Output paths built for large cohorts give the same sentences; odd text stays harmless."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_writers_sample import sample_instance, sample_outcome

from matcher.outputs import views
from matcher.outputs.workbook import workbook_bytes
from matcher.results import RunOutcome
from matcher.schemas import Instance
from matcher.verify.teams import choice_rank, matches_condition, team_violations


def _with_names(outcome: RunOutcome, name: str) -> RunOutcome:
    students = tuple(s.model_copy(update={"name": name}) for s in outcome.instance.students)
    instance = outcome.instance.model_copy(update={"students": students})
    return RunOutcome(instance, outcome.settings, outcome.selection, outcome.teams)


@pytest.mark.parametrize("name", [" padded ", "a & b <c>", "=SUM(A1)", "#N/A", "=", "x" * 40_000])
def test_unusual_names_are_kept_as_text(name: str) -> None:
    # A name starting with "=" is data: the spreadsheet must not evaluate it as a formula.
    book = load_workbook(io.BytesIO(workbook_bytes(_with_names(sample_outcome(), name), "en")))
    team_sheet = book.worksheets[-1]
    cells = [c for row in team_sheet.iter_rows() for c in row if c.value == name[:32767]]
    assert cells and all(c.data_type == "s" for c in cells)


def test_control_characters_in_names_are_dropped_not_fatal() -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(_with_names(sample_outcome(), "x\x01y"), "en")))
    values = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "xy" in values


def _isolated_twin(
    instance: Instance, commission_ids: list[str], assignment: dict[str, str]
) -> list[str]:
    """The no-isolation sentences as first written: every team scans the whole cohort (the
    student named with their name since session 32, as every broken rule)."""
    found = []
    names = {
        s.id: f"{s.id} ({s.name})" if s.name and s.name != s.id else s.id for s in instance.students
    }
    for condition in instance.settings.teams.no_isolation:
        for commission_id in commission_ids:
            members = {i for i, c in assignment.items() if c == commission_id}
            matching = [
                s.id
                for s in instance.students
                if s.id in members and matches_condition(s, condition)
            ]
            if len(matching) == 1:
                found.append(
                    f"{names[matching[0]]} is the only student with {condition} in {commission_id}"
                )
    return found


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_isolation_sentences_match_the_straightforward_scan(data: st.DataObject) -> None:
    instance = sample_instance()
    conditions = data.draw(
        st.lists(st.sampled_from(["vae=yes", "gender=F", "gender=M", "background=éducateur"]))
    )
    teams = instance.settings.teams.model_copy(update={"no_isolation": tuple(conditions)})
    instance = instance.model_copy(
        update={"settings": instance.settings.model_copy(update={"teams": teams})}
    )
    commission_ids = ["C1", "C2", "C3"]
    assignment = {
        s.id: data.draw(st.sampled_from(commission_ids), label=s.id) for s in instance.students
    }
    expected = _isolated_twin(instance, commission_ids, assignment)
    sentences = [str(v) for v in team_violations(instance, commission_ids, assignment)]
    found = [v for v in sentences if "only student" in v]
    assert found == expected
    for student in instance.students:
        rank = choice_rank(student, assignment[student.id], commission_ids)
        assert rank == choice_rank(student, assignment[student.id], frozenset(commission_ids))


def test_views_are_not_shared_between_outcomes_nor_spoilt_by_callers() -> None:
    first, second = sample_outcome(), sample_outcome(with_changes=True)
    assert first.teams is not None
    metrics = views.metrics(first)
    metrics["teams"]["students"] = -1
    members = views.members(first)
    members.clear()
    assert views.metrics(first)["teams"]["students"] == len(first.instance.students)
    assert len(views.members(first)) == len(first.teams.assignment)
    other = RunOutcome(second.instance, second.settings, second.selection)
    assert "teams" not in views.metrics(other)
    assert views.members(other) == []
