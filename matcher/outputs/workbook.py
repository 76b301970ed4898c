"""result.xlsx: a summary sheet, the selection, and one sheet per team, labelled in one language.

Each sheet is first described as a plain ``Table`` (values and named styles, see ``tables``),
then written as SpreadsheetML: a zip of a few XML parts (workbook, one worksheet per sheet,
styles, document properties), text as inline strings. Written here rather than through
openpyxl, whose import and cell objects cost ~0.15 s of the one-second budget of a 60-student
``matcher run`` (and seconds on 10,000 students); openpyxl stays the reader of ``.xlsx``
instances and, in the tests, the independent twin that writes the same tables.

The document properties and zip entries carry a fixed date, and solver times are left to
summary.json, so that two runs with the same input, seed and workers give byte-identical
workbooks.
"""

from __future__ import annotations

import io
import math
import numbers
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from matcher import __version__
from matcher.labels import Lang, has_label, label, metric_label, priority_label
from matcher.outputs import views
from matcher.results import RunOutcome, Status

#: Date written into the workbook's properties and zip entries (reproducible output).
FIXED_DATE = datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates,
#: U+FFFE/U+FFFF): dropped from text rather than failing the run.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Longest text a cell holds (Excel's limit; longer text is cut, as openpyxl does).
MAX_CELL_TEXT = 32767


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    # Excel also refuses a leading or trailing apostrophe and the reserved name "History".
    cleaned = _FORBIDDEN.sub("-", _ILLEGAL_XML.sub("", text))
    base = cleaned[:31].strip().strip("'").strip() or "Sheet"
    if base.casefold() == "history":
        base = "History (team)"
    name, suffix = base, 2
    while name.casefold() in taken:
        tail = f" ({suffix})"
        name = base[: 31 - len(tail)] + tail
        suffix += 1
    taken.add(name.casefold())
    return name


#: Cell styles by name: (font, fill colour, number format) each may set; a later style of a
#: cell overrides what an earlier one set. Bold headings, the fills of selected rows and of
#: off-target counts, and percentages (built-in number format 9, "0%").
STYLES: dict[str, dict[str, Any]] = {
    "bold": {"bold": True},
    "selected": {"fill": "EEF5FC"},
    "off": {"fill": "FDE7E5"},
    "percent": {"number_format": 9},
}


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Table:
    """The content of one sheet, independent of how it is written.

    Cells hold their value and the names of their styles (``STYLES``); a cell may hold
    ``None`` (written only when styled, as openpyxl does).
    """

    def __init__(self, title: str) -> None:
        self.title = title
        #: (row, column) → value, both 1-based.
        self.values: dict[tuple[int, int], Any] = {}
        #: (row, column) → style names, in the order they were applied.
        self.styles: dict[tuple[int, int], tuple[str, ...]] = {}
        #: column (1-based) → width in characters.
        self.widths: dict[int, float] = {}
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
    sheet: Table, header: Sequence[str], rows: Sequence[Sequence[Any]], *, freeze: bool = True
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
        sheet.widths[index] = width
    if freeze:
        sheet.freeze = True


def _yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


def _summary_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
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
    sheet.widths[1] = 36


def _selection_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
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
    sheet: Table,
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


def tables(outcome: RunOutcome, lang: Lang) -> list[Table]:
    """The sheets of the workbook, in order: Summary, Selection (if any), one per team."""
    taken: set[str] = set()
    summary = Table(sheet_name(label("sheet_summary", lang), taken))
    _summary_sheet(summary, outcome, lang)
    tables = [summary]
    if outcome.selection is not None:
        sheet = Table(sheet_name(label("sheet_selection", lang), taken))
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
            sheet = Table(sheet_name(title, taken))
            _team_sheet(sheet, team, commission_id, composition, lang)
            tables.append(sheet)
    return tables


# SpreadsheetML ----------------------------------------------------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPE = "application/vnd.openxmlformats-officedocument"
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
#: Fonts (regular, bold) and the two fills Excel reserves (none, gray125) that every
#: styles part starts with; the solid fills of ``STYLES`` follow.
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
_FONTS = f'<fonts count="2"><font>{_FONT}</font><font><b val="1"/>{_FONT}</font></fonts>'
_FILLS = sorted({spec["fill"] for spec in STYLES.values() if "fill" in spec})

#: A cell's look: (bold, fill colour or "", number format id).
_Look = tuple[bool, str, int]
_PLAIN: _Look = (False, "", 0)


def _text(value: str) -> str:
    """Text as XML element content."""
    return value.translate(_TEXT_ESCAPES)


def _attribute(value: str) -> str:
    """Text as an XML attribute value (between double quotes)."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def cell_text(value: str) -> str:
    """Text as the cell shows it: characters XML cannot hold dropped, cut at Excel's limit."""
    return _ILLEGAL_XML.sub("", value)[:MAX_CELL_TEXT]


def _look(names: Iterable[str]) -> _Look:
    """The look of a cell given its style names, applied in order."""
    spec: dict[str, Any] = {}
    for name in names:
        spec.update(STYLES[name])
    return (bool(spec.get("bold")), str(spec.get("fill", "")), int(spec.get("number_format", 0)))


def _cell_xml(reference: str, value: Any, style: int) -> str:
    """One ``<c>`` element; text is always text (never a formula nor an error code)."""
    styled = f' s="{style}"' if style else ""
    if isinstance(value, str):
        text = cell_text(value)
        if not text:
            return f'<c r="{reference}"{styled}/>'
        # Leading or trailing spaces and line breaks are data too.
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{_text(text)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Real):  # NumPy numbers too
        if not math.isfinite(value):
            return f'<c r="{reference}"{styled}/>'
        return f'<c r="{reference}"{styled}><v>{value:.16g}</v></c>'
    if value is None:
        return f'<c r="{reference}"{styled}/>'
    return _cell_xml(reference, str(value), style)


def _sheet_xml(table: Table, style_of: dict[_Look, int], selected: bool) -> str:
    """The worksheet part of one table."""
    by_row: dict[int, list[tuple[int, Any]]] = {}
    for (row, column), value in table.values.items():
        by_row.setdefault(row, []).append((column, value))
    last_column = max((column for _, column in table.values), default=1)
    last_row = max(by_row, default=1)
    letters = [column_letter(c) for c in range(last_column + 1)]
    parts = [
        _XML_HEAD,
        f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">',
        f'<dimension ref="A1:{letters[last_column]}{last_row}"/>',
        '<sheetViews><sheetView workbookViewId="0"',
        ' tabSelected="1">' if selected else ">",
    ]
    if table.freeze:
        parts.append(
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        )
    parts.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if table.widths:
        parts.append("<cols>")
        for column, width in sorted(table.widths.items()):
            parts.append(
                f'<col min="{column}" max="{column}" width="{width:.16g}" customWidth="1"/>'
            )
        parts.append("</cols>")
    parts.append("<sheetData>")
    for row in sorted(by_row):
        cells = []
        for column, value in sorted(by_row[row], key=lambda cell: cell[0]):
            names = table.styles.get((row, column), ())
            if not names and (value is None or value == ""):
                continue  # an empty, unstyled cell: nothing to write
            style = style_of[_look(names)] if names else 0
            cells.append(_cell_xml(f"{letters[column]}{row}", value, style))
        if cells:
            parts.append(f'<row r="{row}">{"".join(cells)}</row>')
    parts.append(
        '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" '
        'header="0.5" footer="0.5"/></worksheet>'
    )
    return "".join(parts)


def _looks(tables: Sequence[Table]) -> dict[_Look, int]:
    """Style index of every look in use, in order of first use (0: the plain look)."""
    style_of = {_PLAIN: 0}
    for table in tables:
        for key in sorted(table.styles):
            style_of.setdefault(_look(table.styles[key]), len(style_of))
    return style_of


def _styles_xml(style_of: dict[_Look, int]) -> str:
    """The styles part: fonts, fills and one cell format per look."""
    fills = "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
        for colour in _FILLS
    )
    formats = []
    for bold, fill, number_format in style_of:
        fill_id = 2 + _FILLS.index(fill) if fill else 0
        formats.append(
            f'<xf numFmtId="{number_format}" fontId="{int(bold)}" fillId="{fill_id}" '
            f'borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if number_format else "")
            + (' applyFont="1"' if bold else "")
            + (' applyFill="1"' if fill else "")
            + "/>"
        )
    return (
        f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">{_FONTS}'
        f'<fills count="{2 + len(_FILLS)}"><fill><patternFill patternType="none"/></fill>'
        f'<fill><patternFill patternType="gray125"/></fill>{fills}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(formats)}">{"".join(formats)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook_xml(titles: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name="{_attribute(title)}" sheetId="{index}" r:id="rId{index}"/>'
        for index, title in enumerate(titles, start=1)
    )
    return (
        f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        "</workbook>"
    )


def _relationships(targets: Sequence[tuple[str, str]]) -> str:
    """A relationships part: (type URI, target) for rId1, rId2, …"""
    items = "".join(
        f'<Relationship Id="rId{index}" Type="{kind}" Target="{target}"/>'
        for index, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{items}</Relationships>'


def _content_types(num_sheets: int) -> str:
    sheet_type = f"{_TYPE}.spreadsheetml.worksheet+xml"
    overrides = [
        ("/xl/workbook.xml", f"{_TYPE}.spreadsheetml.sheet.main+xml"),
        *((f"/xl/worksheets/sheet{i}.xml", sheet_type) for i in range(1, num_sheets + 1)),
        ("/xl/styles.xml", f"{_TYPE}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{_TYPE}.extended-properties+xml"),
    ]
    items = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def _core_xml() -> str:
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>matcher</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app_xml() -> str:
    return (
        f"{_XML_HEAD}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>matcher {_text(__version__)}</Application></Properties>"
    )


def _parts(tables: Sequence[Table]) -> list[tuple[str, str]]:
    """Every part of the package, (path in the zip, XML), content types first."""
    style_of = _looks(tables)
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    num_sheets = len(tables)
    parts = [
        ("[Content_Types].xml", _content_types(num_sheets)),
        (
            "_rels/.rels",
            _relationships(
                [
                    (f"{office}/officeDocument", "xl/workbook.xml"),
                    (f"{package}/metadata/core-properties", "docProps/core.xml"),
                    (f"{office}/extended-properties", "docProps/app.xml"),
                ]
            ),
        ),
        ("docProps/core.xml", _core_xml()),
        ("docProps/app.xml", _app_xml()),
        ("xl/workbook.xml", _workbook_xml([t.title for t in tables])),
        (
            "xl/_rels/workbook.xml.rels",
            _relationships(
                [
                    (f"{office}/worksheet", f"worksheets/sheet{i}.xml")
                    for i in range(1, num_sheets + 1)
                ]
                + [(f"{office}/styles", "styles.xml")]
            ),
        ),
        ("xl/styles.xml", _styles_xml(style_of)),
    ]
    for index, table in enumerate(tables, start=1):
        parts.append((f"xl/worksheets/sheet{index}.xml", _sheet_xml(table, style_of, index == 1)))
    return parts


def workbook_bytes(outcome: RunOutcome, lang: Lang = "en") -> bytes:
    """The content of result.xlsx for ``outcome``, with pinned dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in _parts(tables(outcome, lang)):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, xml.encode("utf-8"))
    return buffer.getvalue()


def write_workbook(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """Write result.xlsx for ``outcome`` to ``path``."""
    path.write_bytes(workbook_bytes(outcome, lang))
