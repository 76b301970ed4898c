"""The fast output paths give the same bytes and sentences as the straightforward ones."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.writer.excel import ExcelWriter
from test_writers_sample import sample_instance, sample_outcome

from matcher import views
from matcher.labels import Lang
from matcher.results import RunOutcome
from matcher.schemas import Instance
from matcher.verify_teams import choice_rank, matches_condition, team_violations
from matcher.workbook import FIXED_DATE, _PinnedZip, build_workbook, workbook_bytes


def _stock_openpyxl(outcome: RunOutcome, lang: Lang) -> bytes:
    """The workbook as openpyxl writes it by itself (every cell as an element tree)."""
    book = build_workbook(outcome, lang)
    book.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    with _PinnedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


def _with_names(outcome: RunOutcome, name: str) -> RunOutcome:
    students = tuple(s.model_copy(update={"name": name}) for s in outcome.instance.students)
    instance = outcome.instance.model_copy(update={"students": students})
    return RunOutcome(instance, outcome.settings, outcome.selection, outcome.teams)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("with_changes", [False, True])
def test_fast_workbook_is_byte_identical_to_openpyxl(lang: Lang, with_changes: bool) -> None:
    outcome = sample_outcome(with_changes=with_changes)
    expected = _stock_openpyxl(outcome, lang)
    assert workbook_bytes(outcome, lang) == expected
    assert workbook_bytes(outcome, lang, fast=False) == expected


@pytest.mark.parametrize("name", [" padded ", "a & b <c>", "=SUM(A1)", "#N/A", "=", "x" * 40_000])
def test_unusual_text_gives_the_same_bytes(name: str) -> None:
    # "=…" and error codes are not plain text for openpyxl: the fast path falls back.
    outcome = _with_names(sample_outcome(), name)
    assert workbook_bytes(outcome, "en") == _stock_openpyxl(outcome, "en")


def test_control_characters_are_refused_as_openpyxl_refuses_them() -> None:
    outcome = _with_names(sample_outcome(), "x\x01y")
    with pytest.raises(IllegalCharacterError):
        _stock_openpyxl(outcome, "en")
    with pytest.raises(IllegalCharacterError):
        workbook_bytes(outcome, "en")


def _isolated_twin(
    instance: Instance, commission_ids: list[str], assignment: dict[str, str]
) -> list[str]:
    """The no-isolation sentences as first written: every team scans the whole cohort."""
    found = []
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
                    f"{matching[0]} is the only student with {condition} in {commission_id}"
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
    found = [
        v for v in team_violations(instance, commission_ids, assignment) if "only student" in v
    ]
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
