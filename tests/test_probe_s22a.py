"""Issue 17, writing the outputs of a 10,000-student run faster (session 22a): the faster
ways of writing give the bytes the per-cell ways gave."""

from __future__ import annotations

import io
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from test_writers_sample import sample_outcome
from xlsxwriter import Workbook
from xlsxwriter.exceptions import DuplicateWorksheetName, InvalidWorksheetName

from matcher.outputs import workbook
from matcher.outputs.sheet_table import Table, names_in_a_set

#: The writer of a sheet as it is now (a test replaces ``workbook._write_table``).
_WRITE_TABLE = workbook._write_table


def _per_cell_table(book: Any, table: Table, formats: dict[tuple[str, ...], Any]) -> None:
    """``workbook._write_table`` as it wrote cells before session 22: every one through
    ``_write_cell`` (the rest of the sheet as the new one, called after it)."""
    sheet = book.add_worksheet(table.title)
    for (row, column), value in sorted(table.values.items()):
        names = table.styles.get((row, column), ())
        style = None
        if names:
            if names not in formats:
                formats[names] = book.add_format(workbook._format_spec(names))
            style = formats[names]
        workbook._write_cell(sheet, row - 1, column - 1, value, style)
    rest = Table(table.title, table.heading)
    for name in ("widths", "heights", "freeze", "filter_rows", "validation", "text_columns"):
        setattr(rest, name, getattr(table, name))
    rest.values = {key: None for key in table.values}  # unstyled None: no cell written
    book.add_worksheet = lambda _title: sheet
    try:
        _WRITE_TABLE(book, rest, formats)
    finally:
        del book.add_worksheet


class _Word(StrEnum):
    YES = "yes"


def _odd_table() -> Table:
    table = Table("Odd")
    table.append(["", "a\r\nb", "\x01ctrl\x0b", "=1+1", None, date(2026, 11, 19), True, 3])
    table.append([_Word.YES, "x" * 40_000, float("nan"), 2.5, "\ud800", "'quoted", "é — ü", 0])
    table.style(1, 1, "bold")
    table.style(1, 5, "off")
    table.style(2, 2, "wrap")
    table.style(4, 3, "selected")  # a styled empty cell below the rest
    table.widths[2] = 30
    table.freeze, table.filter_rows = True, 3
    return table


def _bytes(write: Any, tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    book = Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    names_in_a_set(book)
    book.set_properties({"created": workbook.FIXED_DATE})
    formats: dict[tuple[str, ...], Any] = {}
    for table in tables:
        write(book, table, formats)
    book.close()
    return buffer.getvalue()


def test_cells_written_as_the_per_cell_path_wrote_them() -> None:
    """Text cells go straight to ``write_string`` now: empty texts, line breaks, control
    characters, a formula-like text, texts past Excel's limit, a str enum, styled empty
    cells, dates, booleans and numbers give the bytes ``_write_cell`` gave for each."""
    assert _bytes(_WRITE_TABLE, [_odd_table()]) == _bytes(_per_cell_table, [_odd_table()])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_workbook_of_a_cohort_as_the_per_cell_path_wrote_it(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    outcome = sample_outcome()
    fast = workbook.workbook_bytes(outcome, lang)  # type: ignore[arg-type]
    monkeypatch.setattr(workbook, "_write_table", _per_cell_table)
    assert fast == workbook.workbook_bytes(outcome, lang)  # type: ignore[arg-type]


def test_sheet_names_still_checked_by_xlsxwriter() -> None:
    """``names_in_a_set`` compares a new sheet's name with the others through a set: a name
    taken, case ignored, is still refused, and so is what XlsxWriter refuses besides."""
    book = Workbook(io.BytesIO(), {"in_memory": True})
    names_in_a_set(book)
    book.add_worksheet("Équipe C1")
    assert book.add_worksheet().name == "Sheet2"  # XlsxWriter's default name, counted
    with pytest.raises(DuplicateWorksheetName):
        book.add_worksheet("éQUIPE c1")
    with pytest.raises(DuplicateWorksheetName):
        book.add_worksheet("sheet2")
    for bad in ("a[1]", "x" * 32, "'quoted'"):
        with pytest.raises(InvalidWorksheetName):
            book.add_worksheet(bad)
    assert [s.name for s in book.worksheets()] == ["Équipe C1", "Sheet2"]
    book.add_worksheet("Équipe C2")
    assert book.get_worksheet_by_name("Équipe C2") is book.worksheets()[2]


def _sequences(calendar: bytes) -> dict[str, int]:
    import icalendar

    events = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in events}


def test_calendar_events_compared_unfolded_as_they_were_folded() -> None:
    """Events are compared with the earlier calendar's on their unfolded lines now (they
    were serialised, folded, on both sides), and serialised only when an earlier calendar
    holds their UID: a change past a long line's fold still counts as one, an earlier file
    folded otherwise (a client saving it again) as the same events, a UID no earlier
    calendar holds is at 0."""
    from test_plan_app import _solved_plan

    from matcher.outputs.calendar import calendar_ics, earlier_events

    instance, result = _solved_plan()
    long_team = {"C1": [f"Étudiant·e numéro {n}" for n in range(12)]}
    first = calendar_ics(result, instance, "fr", long_team)  # type: ignore[arg-type]
    assert set(_sequences(first).values()) == {0}
    unfolded = first.replace(b"\r\n ", b"")
    assert max(len(line) for line in first.split(b"\r\n")) <= 75
    assert max(len(line) for line in unfolded.split(b"\r\n")) > 150  # the team's line
    for earlier in ([first], [unfolded]):
        again = calendar_ics(result, instance, "fr", long_team, earlier_events(earlier))  # type: ignore[arg-type]
        assert again == first
    # The last name changed, beyond the first 75 octets of its DESCRIPTION line.
    renamed = {"C1": [*long_team["C1"][:-1], "Étudiant·e numéro 99"]}
    second = calendar_ics(result, instance, "fr", renamed, earlier_events([unfolded]))  # type: ignore[arg-type]
    changed = {uid: n for uid, n in _sequences(second).items() if "-C1@" in uid}
    assert changed and set(changed.values()) == {1}
    assert {n for uid, n in _sequences(second).items() if "-C1@" not in uid} == {0}
    # An earlier calendar with other events only: these are new, at 0.
    others = {uid: found for uid, found in earlier_events([second]).items() if "-C1@" in uid}
    third = calendar_ics(result, instance, "fr", renamed, others)  # type: ignore[arg-type]
    assert _sequences(third) == _sequences(second)


def test_digest_texts_unpadded_as_before() -> None:
    """``_unpadded`` passes a text without a 0 through untouched now (no regex)."""
    import re

    from matcher.schemas import _unpadded

    def before(text: str) -> str:
        return re.sub(r"\d+", lambda m: m.group().lstrip("0") or "0", text)

    for text in ("", "S1", "S007", "0", "00", "10", "A0B01", "x 2026-04-09", "١٢", "٠٠٣", "abc"):
        assert _unpadded(text) == before(text)


def test_report_timelines_hold_each_supervisors_events_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each slot's rows are grouped by supervisor once now (a scan of the slot per
    supervisor before): each timeline row still holds that supervisor's events of the slot
    in start order, supervisors with no event at all left out."""
    from test_plan_app import _solved_plan

    from matcher.outputs import plan_view
    from matcher.results import RunOutcome

    instance, result = _solved_plan()
    shown: list[list[tuple[str, list[str]]]] = []

    def capture(rows: Any, *_: Any) -> str:
        shown.append([(row.name, [e.detail.split(" — ")[0] for e in row.events]) for row in rows])
        return ""

    monkeypatch.setattr(plan_view, "svg_timeline", capture)
    plan_view.plan_section(RunOutcome(instance, instance.settings, plan=result), "en")  # type: ignore[arg-type]
    schedule, supervisors = result.schedule, result.supervisors  # type: ignore[attr-defined]
    busy = [s for s in supervisors if any(r.supervisor_id == s.id for r in schedule)]
    expected = []
    calendar = instance.settings.calendar
    for slot in (calendar.visit_slot, *calendar.oral_slots):
        of_slot = [r for r in schedule if r.slot == slot]
        if of_slot:
            expected.append(
                [
                    (
                        s.name,
                        [
                            r.commission_id
                            for r in sorted(of_slot, key=lambda r: r.start)
                            if r.supervisor_id == s.id
                        ],
                    )
                    for s in busy
                ]
            )
    assert shown == expected and any(len(events) > 1 for day in shown for _, events in day)
