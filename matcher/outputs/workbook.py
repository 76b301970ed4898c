"""result.xlsx: summary, students, selection and one sheet per team, in one language.

Each sheet is first described as a plain ``Table`` (``matcher.outputs.sheet_table``: values
and named styles, see ``tables``), then written with XlsxWriter: text always as text, a
frozen and filterable header, print setup (A4 landscape, one page wide, header row repeated
and the sheet's full name on every page). The ``Students``
sheet (``Étudiants``) is the director's editing tool: one row per student with the columns
of teams.csv; ``check``, ``report``, ``whatif`` and ``explain`` read an edited copy back.

The document properties carry a fixed date, XlsxWriter's zip entries a fixed one too, and
solver times are left to summary.json, so that two runs with the same input, seed and
workers give byte-identical workbooks.
"""

from __future__ import annotations

import io
import math
import numbers
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from matcher.labels import Lang, counted, has_label, label, worded
from matcher.outputs import views
from matcher.outputs.sheet_table import (
    STYLES,
    Table,
    cell_text,
    fill_sheet,
    lang_style,
    names_in_a_set,
    sheet_name,
    word_cut,
    wrap_columns,
    yes_no,
)
from matcher.outputs.summary_sheet import summary_sheet
from matcher.results import RunOutcome
from matcher.text import SHEET_LOOKALIKES

#: Date written into the workbook's properties and zip entries (reproducible output).
FIXED_DATE = datetime(2000, 1, 1)


def _broken_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
    """``matcher report`` of a result breaking rules: every broken rule, first sheet."""
    assert outcome.edited is not None
    rules = outcome.edited.broken_rules
    rows = [[counted("broken_intro", len(rules)).words(lang)], [""]] + [[rule] for rule in rules]
    fill_sheet(sheet, [label("section_broken", lang)], rows, freeze=False)
    sheet.style(2, 1, "bold")
    for index in range(4, len(rows) + 2):
        sheet.style(index, 1, "off")
    sheet.widths[1] = min(max(len(str(r[0])) for r in rows) + 2, 120)


def _changes_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
    """``matcher whatif``: who went where (changes.csv in words), after the commissions
    replaced, the teams changing supervisor and the events moved, as the report's changes
    section shows them."""
    changes = outcome.changes
    assert changes is not None
    names = {**changes.left_names, **{s.id: s.display_name for s in outcome.instance.students}}
    rows: list[list[Any]] = [
        [
            student_id,
            names.get(student_id, ""),
            source or label("arrived", lang),
            target or label("withdrawn", lang),
        ]
        for student_id, source, target in changes.rows
    ]
    header = [label(k, lang) for k in ("student_id", "name", "from_commission", "to_commission")]
    fill_sheet(sheet, header, rows)
    sheet.filter_rows = len(rows) + 1
    start = len(rows) + 3
    if outcome.teams is not None:
        sheet.set(start, 1, label("moves", lang))
        sheet.set(start, 2, changes.moves)
        sheet.style(start, 1, "bold")
    else:
        start -= 1  # before teams nobody can have moved: the replacements come first
    below = [(label("replaced", lang), f"{old} → {new}") for old, new in changes.replaced.items()]
    below += [(label("unreplaced", lang), commission) for commission in changes.unreplaced_now]
    if outcome.plan is not None:  # a re-plan: who changed supervisor, what moved (probe s21h)
        from matcher.outputs.progress import moved_event

        changed = label("web_supervisor_changes", lang)
        named = views.supervisor_words(outcome)
        # Who left in this what-if (probe s36g: not in the workbook; probe s37e: those of
        # the chain's earlier what-ifs too, as this one's; s37h: not one without a team).
        gone = label("sheet_supervisor_withdrawn", lang)
        below += [(gone, named.get(s, s)) for s in outcome.plan.withdrawn_now]
        below += [
            (changed, f"{c} {named.get(was, was)} → {named.get(now, now)}")
            for c, was, now in outcome.plan.reassigned
        ]
        moved = label("plan_moved_events", lang)
        below += [(moved, moved_event(old, now, lang)) for old, now in outcome.plan.moved]
    for offset, (words, value) in enumerate(below, start=1):
        sheet.set(start + offset, 1, words)
        sheet.set(start + offset, 2, value)
        sheet.widths[1] = max(sheet.widths[1], len(words) + 2)


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
                yes_no(row.eligible, lang),
                yes_no(row.selected, lang),
                row.reserve_rank,
                worded(row.reason, lang),
            ]
        )
    fill_sheet(sheet, header, rows)
    sheet.filter_rows = len(rows) + 1
    # Institution, sector, problem type, title and reason wrap: one page wide, legible.
    wrap_columns(sheet, {2: 30, 3: 24, 4: 24, 5: 40, 9: 36})
    for index, row in enumerate(outcome.selection.rows, start=2):
        if row.selected:
            for column in range(1, len(header) + 1):
                sheet.style(index, column, "selected")


def _team_sheet(
    sheet: Table,
    team: list[views.Member],
    commission_id: str,
    composition: views.Composition,
    known: frozenset[str],
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
            "choices_written",
        )
    ]
    rows = [
        [
            m.student.id,
            m.student.name,
            m.student.background,
            yes_no(m.student.vae, lang) if "vae" in known else "",
            yes_no(m.student.employed, lang) if "employed" in known else "",
            m.student.gender or "",
            m.student.experience_years,
            m.choice_rank,
            ";".join(m.student.as_written),
        ]
        for m in team
    ]
    fill_sheet(sheet, header, rows)
    # Composition against targets, below the members, so an edited team shows its balance.
    start = len(rows) + 3
    sheet.set(start, 1, label("section_composition", lang))
    sheet.style(start, 1, "bold")
    for offset, column in enumerate(composition.columns, start=1):
        attribute, value = column
        low, high = composition.targets[column]
        shown = yes_no(value, lang) if isinstance(value, bool) else value
        count = composition.counts.get(commission_id, {}).get(column, 0)
        name = label(attribute, lang) if has_label(attribute) else attribute
        text = f"{name}{label('colon', lang)}{shown}"
        sheet.set(start + offset, 1, text)
        sheet.widths[1] = max(sheet.widths.get(1, 0), min(len(text) + 2, 60))
        sheet.set(start + offset, 2, count)
        sheet.set(start + offset, 3, f"{label('target', lang)} {views.target_text(low, high)}")
        if not composition.in_target(commission_id, column):
            sheet.style(start + offset, 2, "off")
    # The backgrounds and the composition's labels (column A, above them the ids) wrap at
    # 40 characters as in the Students sheet: a long background made column A 60 wide.
    wrap_columns(sheet, {1: WRAP_AT, 3: WRAP_AT})


#: Where a long institution or background wraps in the Students and Schedule sheets
#: (characters), and the Students sheet's columns that wrap.
WRAP_AT = 40
WRAPPED_COLUMNS = ("institution", "background")


def _students_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
    """Every student with the columns of teams.csv: sortable, filterable, editable.

    The headers are teams.csv's own, so that an edited copy reads back like teams.csv; the
    commission_id column offers the selected commissions as a drop-down list.
    """
    assert outcome.teams is not None
    rows = views.team_rows(outcome, lambda flag: yes_no(flag, lang))
    fill_sheet(sheet, views.TEAMS_COLUMNS, rows)
    sheet.filter_rows = len(rows) + 1
    column = views.TEAMS_COLUMNS.index("commission_id") + 1
    sheet.validation[column] = (tuple(outcome.teams.commission_ids), len(rows) + 1)
    # Ids such as 01 or 0042 keep their zeros when the director types one (read back as is).
    sheet.text_columns = {views.TEAMS_COLUMNS.index(c) + 1 for c in ("student_id", "commission_id")}
    # A long institution or background wraps at 40 characters, its column no wider: the
    # sheet printed one page wide stays legible (a 60-character name shrank every column).
    wrap_columns(sheet, {views.TEAMS_COLUMNS.index(c) + 1: WRAP_AT for c in WRAPPED_COLUMNS})


def _explanations_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
    """Contract §9: one row per wish (the columns of explanations.csv, worded in ``lang``),
    then the students per written position of their team."""
    from matcher.explanation import sentence

    header = [
        label("student_id", lang),
        label("name", lang),
        label("team", lang),
        label("explain_wanted", lang),
        label("explain_wanted_rank", lang),
        label("explain_verdict", lang),
        label("priority", lang),
        label("value", lang),
        label("value_if_label", lang),
        label("displaced_label", lang),
        label("explain_reason", lang),
    ]
    rows: list[list[Any]] = [
        [
            e.student_id,
            e.student_name,
            e.commission_id,
            e.wanted,
            e.wanted_rank,
            sentence(f"verdict_{e.verdict}", lang),
            "" if e.priority is None else sentence(f"priority_{e.priority}", lang),
            *("" if value is None else value for value in e.shown_values()),
            "" if e.displaced is None else e.displaced,
            e.reason(lang),
        ]
        for e in outcome.explanations or ()
    ]
    fill_sheet(sheet, header, rows)
    sheet.filter_rows = len(rows) + 1  # a student's rows, or every verdict of a kind
    # The explanation, a sentence of up to 150 characters, and the priority (up to 60:
    # its rows are already of several lines) wrap: the sheet printed one page wide.
    wrap_columns(sheet, {7: 30, 11: 60})
    sheet.append([])
    sheet.append([label("explain_rank_distribution", lang)])
    sheet.style(len(rows) + 3, 1, "bold")
    names = {"unlisted": "explain_unlisted_row", "no_choices": "explain_no_choices_row"}
    # The labels (« not among their choices ») wrap in the ids' column: the count beside
    # them cut them at its edge, on paper as on screen (the heading above runs on).
    sheet.widths[1] = width = max(sheet.widths[1], 14)
    for key, count in views.rank_distribution(outcome).items():
        sheet.append([label(names[key], lang) if key in names else key, count])
        text = str(sheet.values[(sheet.num_rows, 1)])
        if len(text) > width - 2:
            sheet.style(sheet.num_rows, 1, "wrap")
            sheet.heights[sheet.num_rows] = 15 * math.ceil(len(text) / (width - 2))


def tables(outcome: RunOutcome, lang: Lang) -> list[Table]:
    """The sheets of the workbook, in order: Broken rules (an edited result breaking rules),
    Summary, Students and Selection (when present), one per team, and Schedule (stage 3,
    when planned)."""
    taken: set[str] = set()
    tables = []
    if outcome.edited is not None and outcome.edited.broken_rules:
        broken = Table(sheet_name(label("sheet_broken", lang), taken))
        _broken_sheet(broken, outcome, lang)
        tables.append(broken)
    summary = Table(sheet_name(label("sheet_summary", lang), taken))
    summary_sheet(summary, outcome, lang)
    tables.append(summary)
    if outcome.changes is not None and not outcome.changes.recorded_only:
        changed = Table(sheet_name(label("sheet_changes", lang), taken))
        _changes_sheet(changed, outcome, lang)
        tables.append(changed)
    if outcome.teams is not None:
        students = Table(sheet_name(label("sheet_students", lang), taken))
        _students_sheet(students, outcome, lang)
        tables.append(students)
    if outcome.teams is not None and outcome.explanations is not None:
        explained = Table(sheet_name(label("sheet_explanations", lang), taken))
        _explanations_sheet(explained, outcome, lang)
        tables.append(explained)
    if outcome.selection is not None:
        sheet = Table(sheet_name(label("sheet_selection", lang), taken))
        _selection_sheet(sheet, outcome, lang)
        tables.append(sheet)
    if outcome.teams is not None:
        commissions = views.commission_map(outcome.instance)
        composition = views.composition(outcome)
        known = views.known_flags(outcome.instance)
        for commission_id, team in views.members_by_team(outcome).items():
            commission = commissions.get(commission_id)
            title = commission_id.translate(SHEET_LOOKALIKES)  # D／1, not D-1 (another id)
            if commission is not None:
                title = f"{title} {commission.institution}"
            heading = f"{label('team', lang)} {commission_id}"
            if commission is not None:
                heading += f" — {commission.institution}"
            sheet = Table(sheet_name(title, taken), heading)
            _team_sheet(sheet, team, commission_id, composition, known, lang)
            tables.append(sheet)
    if outcome.plan is not None:
        from matcher.outputs.plan_view import schedule_sheet_header, schedule_sheet_rows

        sheet = Table(sheet_name(label("sheet_schedule", lang), taken))
        rows = schedule_sheet_rows(outcome, lang)
        fill_sheet(sheet, schedule_sheet_header(lang), rows)
        sheet.filter_rows = len(rows) + 1
        # Days in words (« vendredi 9 octobre 2026 »), as wide as the longest of them.
        for row, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                if isinstance(value, date):
                    sheet.style(row, column, lang_style("date", lang))
                    sheet.widths[column] = max(sheet.widths[column], 28)
        wrap_columns(sheet, {3: WRAP_AT})  # the institution, as in the Students sheet
        tables.append(sheet)
    return tables


# Writing, through XlsxWriter ---------------------------------------------------------------


def _format_spec(names: Iterable[str]) -> dict[str, Any]:
    """XlsxWriter format properties of a cell given its style names, applied in order."""
    spec: dict[str, Any] = {}
    for name in names:
        spec.update(STYLES[name])
    found: dict[str, Any] = {}
    if spec.get("bold"):
        found["bold"] = True
    if "fill" in spec:
        found["pattern"] = 1
        found["bg_color"] = f"#{spec['fill']}"
    if "number_format" in spec:
        found["num_format"] = spec["number_format"]
    if "align" in spec:
        found["align"] = spec["align"]
    if spec.get("wrap"):
        found["text_wrap"] = True
    if spec.get("top"):
        found["valign"] = "top"
    return found


def _write_cell(sheet: Any, row: int, column: int, value: Any, style: Any) -> None:
    """One cell; text is always text (never a formula, a link nor an error code)."""
    if isinstance(value, str):
        text = cell_text(value)
        if text:
            sheet.write_string(row, column, text, style)
        elif style is not None:
            sheet.write_blank(row, column, None, style)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime(value.year, value.month, value.day), style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, style)
    elif isinstance(value, numbers.Real) and math.isfinite(value):  # NumPy numbers too
        sheet.write_number(row, column, float(value), style)
    elif value is None or isinstance(value, numbers.Real):
        if style is not None:
            sheet.write_blank(row, column, None, style)
    else:
        _write_cell(sheet, row, column, str(value), style)


def _write_table(book: Any, table: Table, formats: dict[tuple[str, ...], Any]) -> None:
    """One worksheet: cells, widths, frozen header, filter, validation and print setup."""
    sheet = book.add_worksheet(table.title)
    styles, write_string = table.styles, sheet.write_string
    for (row, column), value in sorted(table.values.items()):
        names = styles.get((row, column))
        style = None
        if names and column in table.text_columns and row > 1:
            names = (*names, "text")
        if names:
            if names not in formats:
                formats[names] = book.add_format(_format_spec(names))
            style = formats[names]
        if isinstance(value, str) and value:  # most cells: ``_write_cell``'s first case
            shown = cell_text(value)
            if shown:
                write_string(row - 1, column - 1, shown, style)
                continue
        _write_cell(sheet, row - 1, column - 1, value, style)
    for row, height in sorted(table.heights.items()):
        sheet.set_row(row - 1, height)
    text = book.add_format({"num_format": "@"}) if table.text_columns else None
    for column, width in sorted(table.widths.items()):
        column_format = text if column in table.text_columns else None
        sheet.set_column(column - 1, column - 1, width, column_format)
    last_column = max((column for _, column in table.values), default=1)
    if table.freeze:
        sheet.freeze_panes(1, 0)
    # The first row on every printed page, the summary's and broken rules' too, as the
    # README says of every sheet (probe s33e: Résumé's second page had no header).
    sheet.repeat_rows(0)
    if table.filter_rows:
        sheet.autofilter(0, 0, table.filter_rows - 1, last_column - 1)
    for column, (choices, rows) in sorted(table.validation.items()):
        sheet.data_validation(
            1,
            column - 1,
            rows - 1,
            column - 1,
            {"validate": "list", "source": _list_source(book, choices)},
        )
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    # Each printed page says which sheet (which team) it is, and its number ("2 / 3").
    # (At most 255 characters with the codes, "&" doubled: the name cut at 120.)
    heading = word_cut(cell_text(table.heading).replace("\n", " "), 120).replace("&", "&&")
    sheet.set_header(f"&L{heading}&R&P / &N")
    sheet.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    sheet.hide_gridlines(0)


#: Excel keeps a drop-down list written in the rule itself to 255 characters (about 40
#: commission ids); a longer one is written in a hidden sheet the rule refers to.
_INLINE_LIST_CHARS = 255
_LISTS_SHEET = "Lists"


def _list_source(book: Any, choices: tuple[str, ...]) -> Any:
    """A data validation's list: the values themselves, or a range of the hidden sheet."""
    from xlsxwriter.utility import xl_range_abs

    if len(",".join(choices)) <= _INLINE_LIST_CHARS:
        return list(choices)
    lists = book.get_worksheet_by_name(_LISTS_SHEET)
    if lists is None:
        lists = book.add_worksheet(_LISTS_SHEET)
        lists.hide()
    column = 0 if lists.dim_colmax is None else lists.dim_colmax + 1
    for row, value in enumerate(choices):
        lists.write_string(row, column, value)
    return f"='{_LISTS_SHEET}'!{xl_range_abs(0, column, len(choices) - 1, column)}"


def workbook_bytes(outcome: RunOutcome, lang: Lang = "en") -> bytes:
    """The content of result.xlsx for ``outcome``, with pinned dates."""
    from xlsxwriter import Workbook  # only the commands writing a workbook load it

    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    book = Workbook(buffer, options)
    names_in_a_set(book)
    book.set_properties({"created": FIXED_DATE, "title": outcome.instance.name})
    book.set_calc_mode("auto")
    formats: dict[tuple[str, ...], Any] = {}
    for table in tables(outcome, lang):
        _write_table(book, table, formats)
    book.close()
    return buffer.getvalue()


def write_workbook(path: Path, outcome: RunOutcome, lang: Lang = "en") -> None:
    """Write result.xlsx."""
    path.write_bytes(workbook_bytes(outcome, lang))
