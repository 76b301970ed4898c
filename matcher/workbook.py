"""result.xlsx: a summary sheet, the selection, and one sheet per team, labelled in one language.

openpyxl stamps the save time into the document properties and the zip entries; both are
pinned here, and solver times are left to summary.json, so that two runs with the same input,
seed and workers give byte-identical workbooks.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import LXML, Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
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


def _fill_sheet(
    sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Any]], *, freeze: bool = True
) -> None:
    """Write a table with a bold header, fitted column widths and a frozen header row."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = _BOLD
    for row in rows:
        sheet.append(list(row))
    for index, title in enumerate(header, start=1):
        values = [str(title)] + [str(r[index - 1]) for r in rows if r[index - 1] is not None]
        width = min(max(len(v) for v in values) + 2, 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        sheet.freeze_panes = "A2"


def _yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


def _summary_sheet(sheet: Worksheet, outcome: RunOutcome, lang: Lang) -> None:
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
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and row[1].value in ("", None) and row[2].value in ("", None):
            row[0].font = _BOLD  # section headings
        if row[0].value in share_labels:
            row[1].number_format = "0%"
    sheet.column_dimensions["A"].width = 36


def _selection_sheet(sheet: Worksheet, outcome: RunOutcome, lang: Lang) -> None:
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
    # Rows by explicit bounds: ``sheet[index]`` rescans every cell for the width (quadratic).
    cells_by_row = sheet.iter_rows(min_row=2, max_row=len(rows) + 1, min_col=1, max_col=len(header))
    for row, cells in zip(outcome.selection.rows, cells_by_row, strict=True):
        if row.selected:
            for cell in cells:
                cell.fill = _SELECTED


def _team_sheet(
    sheet: Worksheet,
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
    sheet.cell(start, 1, label("section_composition", lang)).font = _BOLD
    for offset, column in enumerate(composition.columns, start=1):
        attribute, value = column
        low, high = composition.targets[column]
        shown = _yes_no(value, lang) if isinstance(value, bool) else value
        count = composition.counts.get(commission_id, {}).get(column, 0)
        name = label(attribute, lang) if has_label(attribute) else attribute
        sheet.cell(start + offset, 1, f"{name}: {shown}")
        cell = sheet.cell(start + offset, 2, count)
        sheet.cell(start + offset, 3, f"{label('target', lang)} {low}–{high}")
        if not composition.in_target(commission_id, column):
            cell.fill = _OFF


def build_workbook(outcome: RunOutcome, lang: Lang) -> Workbook:
    """The workbook for ``outcome``: Summary, Selection (if any), one sheet per team."""
    book = Workbook()
    taken: set[str] = set()
    summary = book.active
    assert summary is not None
    summary.title = sheet_name(label("sheet_summary", lang), taken)
    _summary_sheet(summary, outcome, lang)
    if outcome.selection is not None:
        sheet = book.create_sheet(sheet_name(label("sheet_selection", lang), taken))
        _selection_sheet(sheet, outcome, lang)
    if outcome.teams is not None:
        commissions = views.commission_map(outcome.instance)
        composition = views.composition(outcome)
        for commission_id, team in views.members_by_team(outcome).items():
            commission = commissions.get(commission_id)
            title = commission_id
            if commission is not None:
                title = f"{commission_id} {commission.institution}"
            sheet = book.create_sheet(sheet_name(title, taken))
            _team_sheet(sheet, team, commission_id, composition, lang)
    book.properties.creator = "matcher"
    book.properties.created = FIXED_DATE
    return book


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


def _xml_text(text: str) -> str:
    # The escaping ElementTree applies to character data.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fast_cell(cell: Any) -> str | None:
    """One ``<c>`` element as openpyxl writes it, or ``None`` for a kind not handled here."""
    if cell._comment is not None or cell._hyperlink is not None:
        return None
    value = cell._value
    styled = cell.has_style
    if value is None and not styled:
        return ""
    kind = cell.data_type
    style = f' s="{cell.style_id}"' if styled else ""
    if kind == "s":
        if not isinstance(value, str):
            return None  # rich text
        head = f'<c r="{cell.coordinate}"{style} t="inlineStr"'
        if value == "":
            return head + " />"
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and value != stripped else ""
        return f"{head}><is><t{space}>{_xml_text(value)}</t></is></c>"
    if kind == "n":
        head = f'<c r="{cell.coordinate}"{style} t="n"'
        if value is None:
            return head + " />"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value):
            return None
        return f"{head}><v>{value:.16g}</v></c>"
    return None


class _FastWorksheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's worksheet writer with the cell rows serialised as plain strings.

    openpyxl builds an element tree per cell, which dominates the time on large cohorts
    (thousands of sheets); the strings here are byte for byte what it writes for the
    cells this module produces (text, numbers, empty styled cells). Any other kind of
    cell, or an XML writer other than the pure-Python one, falls back to openpyxl.
    """

    def write_rows(self) -> None:
        xml = self._rows_xml()
        if xml is None:
            super().write_rows()
            return
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf._file(xml)
        self.xf.send(None)

    def _rows_xml(self) -> str | None:
        ws = self.ws
        if LXML or len(ws.row_dimensions):
            return None
        rows: dict[int, list[Any]] = {}
        for (row_idx, _), cell in sorted(ws._cells.items()):
            rows.setdefault(row_idx, []).append(cell)
        parts = []
        for row_idx, cells in rows.items():
            parts.append(f'<row r="{row_idx}">')
            for cell in cells:
                text = _fast_cell(cell)
                if text is None:
                    return None
                parts.append(text)
            parts.append("</row>")
        return "".join(parts)


class _FastExcelWriter(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, its worksheets serialised in memory by the fast writer."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _FastWorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def write_workbook(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """Write result.xlsx for ``outcome`` to ``path``."""
    book = build_workbook(outcome, lang)
    book.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    with _PinnedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _FastExcelWriter(book, archive).write_data()
    path.write_bytes(buffer.getvalue())
