"""The fast output paths write the same bytes as the straightforward ones."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.writer.excel import ExcelWriter
from test_writers_sample import sample_outcome

from matcher.labels import Lang
from matcher.results import RunOutcome
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
