"""result.xlsx's Summary sheet (``Résumé``): the result in plain words, the cohort's
warnings, what an edit cost, the stages, then the exact values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matcher import __version__
from matcher.errors import shown_warnings
from matcher.labels import Lang, half_up, label, metric_label, priority_label, worded
from matcher.outputs import views
from matcher.outputs.sheet_table import Table, fill_sheet, lang_style, wrap_columns
from matcher.results import RunOutcome, Status


def summary_sheet(sheet: Table, outcome: RunOutcome, lang: Lang) -> None:
    """The result in plain words first (and, for an edited result, what the edit cost), then
    the stages; the exact values (seed, priorities with bounds, metrics) in a technical part
    at the end."""
    from matcher.outputs.plain import statements

    rows: list[list[Any]] = [
        [label("instance", lang), outcome.instance.name, "", ""],
        [label("version", lang), __version__, "", ""],
        [],
        [label("section_summary_plain", lang)],
    ]
    rows += [["", statement, "", ""] for statement in statements(outcome, lang)]
    rows += _warning_rows(outcome, lang)
    edited = outcome.edited
    rows += _edit_cost_rows(outcome, lang)
    stages = (
        ("stage_selection", outcome.selection),
        ("stage_teams", outcome.teams),
        ("stage_plan", outcome.plan),
    )
    rows.append([])
    for key, result in stages:
        if result is None:
            continue
        stage = result.stage
        if views.is_given(stage):
            rows.append([label(key, lang), label("status_given", lang), "", ""])
            continue
        proven = label("proven" if stage.status == Status.OPTIMAL else "not_proven", lang)
        status = label(views.status_key(outcome, stage), lang)
        # The status in the reader's words only, as the report says it (summary.json keeps
        # the contract's status word).
        rows.append([label(key, lang), status, proven, ""])
    if outcome.changes is not None and not outcome.changes.recorded_only:
        rows.append([])
        if outcome.teams is not None:  # before teams nobody can have moved
            rows.append([label("moves", lang), outcome.changes.moves])
        for old, new in outcome.changes.replaced.items():
            rows.append([label("replaced", lang), f"{old} → {new}"])
    # The exact values, for whoever compares runs or reads summary.json.
    rows.append([])
    rows.append([label("section_technical", lang)])
    rows.append([label("seed", lang), outcome.settings.solver.seed, "", ""])
    for key, result in stages:
        if result is None or not result.stage.objectives:
            continue
        rows.append([f"{label('section_priorities', lang)} ({label(key, lang)})"])
        rows.append([label("priority", lang), label("value", lang), label("bound", lang), ""])
        students = len(outcome.instance.students)
        # A stage given (teams edited by hand) has no bound: none shown, nothing proven.
        given = views.is_given(result.stage)
        for objective in result.stage.objectives:
            name, value, bound = objective.name, objective.value, objective.bound
            if name != "experience":
                rows.append([priority_label(name, lang), value, "" if given else bound])
                continue
            # In years (numbers formatted "9,6 ans"), as the report and the terminal say
            # it; the solver's integers (summary.json's) beside them, named.
            rows.append(
                [
                    priority_label(name, lang),
                    _Years(value / (10 * students), 1) if students else value,
                    "" if given or not students else _Years(bound / (10 * students), 1),
                    label("solver_measure", lang, value=value, bound=bound) if not given else "",
                ]
            )
    for stage_name, values in views.metrics(outcome).items():
        rows.append([f"{label('section_metrics', lang)} ({label('stage_' + stage_name, lang)})"])
        for key, value in values.items():
            # No value (no student gave choices: null in summary.json) reads "—", as on the
            # terminal and in the report; an empty cell would read as a section heading.
            rows.append([metric_label(key, lang), "—" if value is None else value])
    rows = [r + [""] * (4 - len(r)) for r in rows]
    years = {
        (index, column): cell
        for index, row in enumerate(rows, start=2)
        for column, cell in enumerate(row, start=1)
        if isinstance(cell, _Years)
    }
    # Halves up as written in decimal, as every other output rounds (``labels.half_up``:
    # Python's round gave 22.4 in the workbook where the report said 22.5; probe s32g).
    rows = [[c.shown if isinstance(c, _Years) else c for c in r] for r in rows]
    fill_sheet(sheet, [label("key", lang), label("value", lang), "", ""], rows, freeze=False)
    for (index, column), cell in years.items():
        unit = "_one" if cell.unit == "" and abs(cell.shown) < 2 else cell.unit
        sheet.style(index, column, lang_style(f"years{cell.digits}{unit}", lang))
    shares = ("first_choice_share", "best_available_share", "top3_share", "listed_share")
    share_labels = {metric_label(k, lang) for k in shares}
    for index, row in enumerate(rows, start=2):
        if row[0] and row[1] in ("", None) and row[2] in ("", None):
            sheet.style(index, 1, "bold")  # section headings
        if row[0] in share_labels:
            sheet.style(index, 2, lang_style("percent", lang))
        if edited is not None and row[3] == label("edited_worse", lang):
            sheet.style(index, 4, "off")
    # Column A as wide as its longest label (fitted by fill_sheet, at most 60), so that no
    # figure's name is cut; the plain sentences (B) and the solver's measure (D) wrap.
    sheet.widths[1] = max(sheet.widths[1], 36)
    wrap_columns(sheet, {2: 60, 4: 24})


def _edit_cost_rows(outcome: RunOutcome, lang: Lang) -> list[list[Any]]:
    """For a result edited by hand whose solver's values are known: each priority now, the
    solver's, and whether the edit made it worse."""
    from matcher.outputs.plain import compared_words

    edited = outcome.edited
    heading = None if edited is None else views.edit_heading(edited.priorities)
    if edited is None or heading is None:
        return []
    num = len(outcome.instance.students)
    rows: list[list[Any]] = [[], [label(heading, lang)]]
    # The fourth column headed too: LibreOffice ran the right-aligned figures into its words
    # (« 5inchangé »; probe s32i).
    rows.append(
        [
            label("priority", lang),
            label("value_now", lang),
            label("solver_value", lang),
            label("edit_compared", lang),
        ]
    )
    for _, name, value, solver in edited.priorities:
        words, now, before = compared_words(name, value, solver, num, lang)
        verdict = "" if solver is None else label(views.edit_verdict(name, value, solver), lang)
        if name == "experience" and num:
            # Numbers with as many decimals as tell the two apart (``digits_apart``).
            digits = 1 if solver is None else views.digits_apart(value, solver, num)
            then = "" if solver is None else _Years(solver / (10 * num), digits, "_bare")
            rows.append([words, _Years(value / (10 * num), digits, "_bare"), then, verdict])
            continue
        rows.append([words, _count(now), _count(before), verdict])
    return rows


@dataclass(frozen=True)
class _Years:
    """Years of experience for a cell: written as a number, ``digits`` decimals shown (and
    "years"/« ans » after them unless ``unit`` is ``_bare``)."""

    years: float
    digits: int
    unit: str = ""

    @property
    def shown(self) -> float:
        """The value written: ``digits`` decimals, halves up as people read them."""
        return float(half_up(self.years, self.digits))


def _warning_rows(outcome: RunOutcome, lang: Lang) -> list[list[Any]]:
    """The cohort's warnings under their heading (none without), as the report, the
    terminal and summary.json say them: a director who only opens the workbook must not
    miss "S14's employer matches no institution". The first 200, then how many more."""
    if not outcome.instance.warnings:
        return []
    listed, more = shown_warnings(outcome.instance.warnings)
    rows: list[list[Any]] = [[], [label("section_warnings", lang)]]
    rows += [["", worded(w, lang), "", ""] for w in listed]
    if more is not None:
        rows.append(["", worded(more, lang), "", ""])
    return rows


def _count(shown: str) -> int | str:
    """A priority's value as shown: a whole count as a number (a spreadsheet aligns and
    sums it, and flags no "number stored as text"), years in words as they are."""
    return int(shown) if shown.lstrip("-").isdigit() else shown
