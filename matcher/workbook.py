"""result.xlsx: a summary sheet, the selection, and one sheet per team, labelled in one language.

openpyxl stamps the save time into the document properties and the zip entries; both are
pinned here, and solver times are left to summary.json, so that two runs with the same input,
seed and workers give byte-identical workbooks.

Each sheet is first described as a plain ``_Table`` (values and named styles), then written
with openpyxl's public API.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from matcher import __version__, views
from matcher.labels import Lang, has_label, label, metric_label, priority_label
from matcher.results import RunOutcome, Status

#: Date written into the workbook's properties and zip entries (reproducible output).
FIXED_DATE = datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_OFF = PatternFill("solid", fgColor="FDE7E5")
_SELECTED = PatternFill("solid", fgColor="EEF5FC")


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    # Excel also refuses a leading or trailing apostrophe and the reserved name "History".
    base = _FORBIDDEN.sub("-", text)[:31].strip().strip("'").strip() or "Sheet"
    if base.casefold() == "history":
        base = "History (team)"
    name, suffix = base, 2
    while name.casefold() in taken:
        tail = f" ({suffix})"
        name = base[: 31 - len(tail)] + tail
        suffix += 1
    taken.add(name.casefold())
    return name


#: Cell styles by name: bold headings, the fills of selected rows and of off-target counts,
#: and percentages.
_STYLES: dict[str, tuple[str, Any]] = {
    "bold": ("font", _BOLD),
    "selected": ("fill", _SELECTED),
    "off": ("fill", _OFF),
    "percent": ("number_format", "0%"),
}


class _Table:
    """The content of one sheet, independent of how it is written.

    Cells hold their value and the names of their styles (``_STYLES``); a cell may hold
    ``None`` (written only when styled, as openpyxl does).
    """

    def __init__(self, title: str) -> None:
        self.title = title
        #: (row, column) → value, both 1-based.
        self.values: dict[tuple[int, int], Any] = {}
        #: (row, column) → style names, in the order they were applied.
        self.styles: dict[tuple[int, int], tuple[str, ...]] = {}
        #: column letter → width.
        self.widths: dict[str, float] = {}
        self.freeze = False
        self.num_rows = 0

    def append(self, values: Sequence[Any]) -> None:
        """Add a row below the last one (every value becomes a cell, ``None`` too)."""
        self.num_rows += 1
        for column, value in enumerate(values, start=1):
            self.values[(self.num_rows, column)] = value

    def set(self, row: int, column: int, value: Any) -> None:
        """Give one cell a value."""
        self.values[(row, column)] = value
        self.num_rows = max(self.num_rows, row)

    def style(self, row: int, column: int, name: str) -> None:
        """Apply a named style to one cell (creating it, empty, if needed)."""
        self.values.setdefault((row, column), None)
        self.styles[(row, column)] = (*self.styles.get((row, column), ()), name)


def _fill_sheet(
    sheet: _Table, header: Sequence[str], rows: Sequence[Sequence[Any]], *, freeze: bool = True
) -> None:
    """Write a table with a bold header, fitted column widths and a frozen header row."""
    sheet.append(list(header))
    for column in range(1, len(header) + 1):
        sheet.style(1, column, "bold")
    for row in rows:
        sheet.append(list(row))
    for index, title in enumerate(header, start=1):
        values = [str(title)] + [str(r[index - 1]) for r in rows if r[index - 1] is not None]
        width = min(max(len(v) for v in values) + 2, 60)
        sheet.widths[get_column_letter(index)] = width
    if freeze:
        sheet.freeze = True


def _yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


def _summary_sheet(sheet: _Table, outcome: RunOutcome, lang: Lang) -> None:
    rows: list[list[Any]] = [
        [label("instance", lang), outcome.instance.name, "", ""],
        [label("version", lang), __version__, "", ""],
        [label("seed", lang), outcome.settings.solver.seed, "", ""],
    ]
    stages = (("stage_selection", outcome.selection), ("stage_teams", outcome.teams))
    for key, result in stages:
        if result is None:
            continue
        stage = result.stage
        rows.append([])
        if views.is_given(stage):
            rows.append([label(key, lang), label("status_given", lang), "", ""])
            continue
        proven = label("proven" if stage.status == Status.OPTIMAL else "not_proven", lang)
        status = label("status_" + str(stage.status), lang)
        rows.append([label(key, lang), f"{stage.status} ({status})", proven, ""])
        rows.append([label("priority", lang), label("value", lang), label("bound", lang), ""])
        for objective in stage.objectives:
            rows.append([priority_label(objective.name, lang), objective.value, objective.bound])
    for stage_name, values in views.metrics(outcome).items():
        rows.append([])
        rows.append([f"{label('section_metrics', lang)} ({label('stage_' + stage_name, lang)})"])
        for key, value in values.items():
            rows.append([metric_label(key, lang), value])
    if outcome.changes is not None:
        rows.append([])
        rows.append([label("moves", lang), outcome.changes.moves])
        for old, new in outcome.changes.replaced.items():
            rows.append([label("replaced", lang), old, new])
    rows = [r + [""] * (4 - len(r)) for r in rows]
    _fill_sheet(sheet, [label("key", lang), label("value", lang), "", ""], rows, freeze=False)
    share_labels = {metric_label(k, lang) for k in ("first_choice_share", "top3_share")}
    for index, row in enumerate(rows, start=2):
        if row[0] and row[1] in ("", None) and row[2] in ("", None):
            sheet.style(index, 1, "bold")  # section headings
        if row[0] in share_labels:
            sheet.style(index, 2, "percent")
    sheet.widths["A"] = 36


def _selection_sheet(sheet: _Table, outcome: RunOutcome, lang: Lang) -> None:
    assert outcome.selection is not None
    commissions = views.commission_map(outcome.instance)
    header = [
        label(k, lang)
        for k in (
            "id",
            "institution",
            "sector",
            "problem_type",
            "title_col",
            "eligible",
            "selected",
            "reserve_rank",
            "reason",
        )
    ]
    rows = []
    for row in outcome.selection.rows:
        commission = commissions.get(row.id)
        rows.append(
            [
                row.id,
                commission.institution if commission else "",
                commission.sector if commission else "",
                commission.problem_type if commission else "",
                commission.title if commission else "",
                _yes_no(row.eligible, lang),
                _yes_no(row.selected, lang),
                row.reserve_rank,
                row.reason,
            ]
        )
    _fill_sheet(sheet, header, rows)
    for index, row in enumerate(outcome.selection.rows, start=2):
        if row.selected:
            for column in range(1, len(header) + 1):
                sheet.style(index, column, "selected")


def _team_sheet(
    sheet: _Table,
    team: list[views.Member],
    commission_id: str,
    composition: views.Composition,
    lang: Lang,
) -> None:
    header = [
        label(k, lang)
        for k in (
            "student_id",
            "name",
            "background",
            "vae",
            "employed",
            "gender",
            "experience_years",
            "choice_rank",
        )
    ]
    rows = [
        [
            m.student.id,
            m.student.name,
            m.student.background,
            _yes_no(m.student.vae, lang),
            _yes_no(m.student.employed, lang),
            m.student.gender or "",
            m.student.experience_years,
            m.choice_rank,
        ]
        for m in team
    ]
    _fill_sheet(sheet, header, rows)
    # Composition against targets, below the members, so an edited team shows its balance.
    start = len(rows) + 3
    sheet.set(start, 1, label("section_composition", lang))
    sheet.style(start, 1, "bold")
    for offset, column in enumerate(composition.columns, start=1):
        attribute, value = column
        low, high = composition.targets[column]
        shown = _yes_no(value, lang) if isinstance(value, bool) else value
        count = composition.counts.get(commission_id, {}).get(column, 0)
        name = label(attribute, lang) if has_label(attribute) else attribute
        sheet.set(start + offset, 1, f"{name}: {shown}")
        sheet.set(start + offset, 2, count)
        sheet.set(start + offset, 3, f"{label('target', lang)} {low}–{high}")
        if not composition.in_target(commission_id, column):
            sheet.style(start + offset, 2, "off")


def _tables(outcome: RunOutcome, lang: Lang) -> list[_Table]:
    """The sheets of the workbook, in order: Summary, Selection (if any), one per team."""
    taken: set[str] = set()
    summary = _Table(sheet_name(label("sheet_summary", lang), taken))
    _summary_sheet(summary, outcome, lang)
    tables = [summary]
    if outcome.selection is not None:
        sheet = _Table(sheet_name(label("sheet_selection", lang), taken))
        _selection_sheet(sheet, outcome, lang)
        tables.append(sheet)
    if outcome.teams is not None:
        commissions = views.commission_map(outcome.instance)
        composition = views.composition(outcome)
        for commission_id, team in views.members_by_team(outcome).items():
            commission = commissions.get(commission_id)
            title = commission_id
            if commission is not None:
                title = f"{commission_id} {commission.institution}"
            sheet = _Table(sheet_name(title, taken))
            _team_sheet(sheet, team, commission_id, composition, lang)
            tables.append(sheet)
    return tables


def _cell_value(value: Any) -> Any:
    """A value as the cell shows it: text kept as text, characters XML cannot hold dropped."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def build_workbook(outcome: RunOutcome, lang: Lang) -> Workbook:
    """The workbook for ``outcome`` as an openpyxl object."""
    tables = _tables(outcome, lang)
    book = Workbook()
    for index, table in enumerate(tables):
        if index == 0:
            sheet = book.worksheets[0]
            sheet.title = table.title
        else:
            sheet = book.create_sheet(table.title)
        for letter, width in table.widths.items():
            sheet.column_dimensions[letter].width = width
        if table.freeze:
            sheet.freeze_panes = "A2"
        # Row by row so that fonts and fills are registered in the order of first use.
        for (row, column), value in sorted(table.values.items()):
            cell = sheet.cell(row, column, _cell_value(value))
            if isinstance(value, str):
                # Text is data: "=SUM(A1)" or "#N/A" as a name is no formula nor error code.
                cell.data_type = "s"
            _apply_style(cell, table.styles.get((row, column), ()))
    book.properties.creator = "matcher"
    book.properties.created = FIXED_DATE
    return book


def _apply_style(cell: Any, names: Sequence[str]) -> None:
    for name in names:
        attribute, value = _STYLES[name]
        setattr(cell, attribute, value)


def _pin_core(content: bytes) -> bytes:
    """docProps/core.xml with its creation and modification times replaced by FIXED_DATE."""
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = re.sub(
        r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
        lambda m: f"{m.group(1)}{stamp}{m.group(2)}",
        content.decode("utf-8"),
    )
    return text.encode("utf-8")


class _PinnedZip(zipfile.ZipFile):
    """A zip archive whose entries all carry _ZIP_DATE and fixed permissions.

    openpyxl writes entries by name (stamped with the current time); each one is
    re-stamped here as it is added, so the archive is reproducible without a second pass.
    """

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        del compress_type, compresslevel
        name = (
            zinfo_or_arcname.filename
            if isinstance(zinfo_or_arcname, zipfile.ZipInfo)
            else zinfo_or_arcname
        )
        content = data.encode("utf-8") if isinstance(data, str) else data
        if name == "docProps/core.xml":
            content = _pin_core(content)
        entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        super().writestr(entry, content)

    def write(  # type: ignore[override]
        self,
        filename: Any,
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        del compress_type, compresslevel
        if isinstance(filename, io.BytesIO):
            content = filename.getvalue()
        else:
            content = Path(filename).read_bytes()
        self.writestr(arcname if arcname is not None else str(filename), content)


def workbook_bytes(outcome: RunOutcome, lang: Lang = "en") -> bytes:
    """The content of result.xlsx for ``outcome``, with pinned dates."""
    book = build_workbook(outcome, lang)
    book.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    with _PinnedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


def write_workbook(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """Write result.xlsx for ``outcome`` to ``path``."""
    path.write_bytes(workbook_bytes(outcome, lang))
