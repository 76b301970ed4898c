"""report.html: one self-contained page a programme director can read offline and print.

Inline CSS and inline SVG charts only: no script, no font, no image fetched from anywhere.
Every piece of data is escaped; every label comes from ``matcher.labels`` in the chosen
language. The page is a pure function of the outcome (no date, no solver time: those live in
summary.json), so two runs with the same input, seed and workers give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from matcher import __version__
from matcher.labels import Lang, label, metric_label, priority_label, worded
from matcher.outputs import views
from matcher.outputs.charts import svg_composition, svg_experience, svg_histogram
from matcher.outputs.plan_view import plan_section
from matcher.outputs.provenance import settings_in_force, versions
from matcher.results import (
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    Status,
    TeamResult,
)
from matcher.schemas import Commission
from matcher.text import fold_name


@cache
def stylesheet() -> str:
    """The CSS of the page: the package asset ``assets/report.css``, inlined."""
    return resources.files("matcher.outputs").joinpath("assets/report.css").read_text("utf-8")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


#: A table cell: escaped HTML, or (escaped HTML, extra CSS class).
Cell = str | tuple[str, str]


def _table(
    headers: Sequence[tuple[str, bool]],
    rows: Iterable[Sequence[Cell]],
    row_classes: Iterable[str] | None = None,
) -> str:
    """An HTML table; headers are (label, numeric) and cells are already-escaped HTML."""
    head = "".join(f'<th class="num">{h}</th>' if num else f"<th>{h}</th>" for h, num in headers)
    body = []
    classes = list(row_classes) if row_classes is not None else None
    # The opening tag of a plain cell of each column, computed once per table.
    plain = ['<td class="num">' if num else "<td>" for _, num in headers]
    for index, row in enumerate(rows):
        cls = f' class="{classes[index]}"' if classes and classes[index] else ""
        cells = []
        for cell, (_, num), opening in zip(row, headers, plain, strict=True):
            if isinstance(cell, tuple):
                html, extra = cell
                css = f"num {extra}" if num and extra else ("num" if num else extra)
                cells.append(f'<td class="{css}">{html}</td>' if css else f"<td>{html}</td>")
            else:
                cells.append(f"{opening}{cell}</td>")
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


#: Sections in page order, with the anchor each heading carries (for the navigation line).
SECTIONS = (
    "broken",
    "summary_plain",
    "changes",
    "selection",
    "teams",
    "composition",
    "choices",
    "members",
    "explanations",
    "plan",
    "warnings",
    "technical",
)


def _h2(section: str, lang: Lang) -> str:
    """A section heading with its anchor."""
    return f'<h2 id="{section}">{_e(label("section_" + section, lang))}</h2>'


def _nav(html_body: str, team_ids: Sequence[str], lang: Lang) -> str:
    """In-page links to the sections present and to each team (no network involved)."""
    links = [
        f'<a href="#{section}">{_e(label("section_" + section, lang))}</a>'
        for section in SECTIONS
        if f'<h2 id="{section}">' in html_body
    ]
    teams = [f'<a href="#team-{_e(cid)}">{_e(cid)}</a>' for cid in team_ids]
    line = " · ".join(links)
    if teams:
        line += f"<br>{_e(label('team', lang))}: " + " ".join(teams)
    return f'<nav class="toc">{line}</nav>'


def _cards(items: Sequence[tuple[str, str]]) -> str:
    cards = "".join(
        f'<div class="card"><div class="v">{_e(v)}</div><div class="k">{_e(k)}</div></div>'
        for k, v in items
    )
    return f'<div class="cards">{cards}</div>'


def _format_metric(name: str, value: Any) -> str:
    if name.endswith("_share") and isinstance(value, int | float):
        return f"{100 * value:.0f} %"
    if value is None:
        return "—"
    return str(value)


def _status_text(stage: StageResult, lang: Lang) -> str:
    """The status in words; a selection read from a file is "given", not "time limit"."""
    if views.is_given(stage):
        return label("status_given", lang)
    return label("status_" + str(stage.status), lang)


def _status_badge(stage_key: str, stage: StageResult, lang: Lang) -> str:
    css = {Status.OPTIMAL: "ok", Status.FEASIBLE: "warn"}.get(stage.status, "bad")
    if views.is_given(stage):
        css = ""
    text = f"{label(stage_key, lang)}: {_status_text(stage, lang)}"
    return f'<span class="badge {css}">{_e(text)}</span>'


def _stage_results(
    outcome: RunOutcome,
) -> tuple[tuple[str, SelectionResult | TeamResult | PlanResult | None], ...]:
    """Each stage's label key and result (``None``: not run), in the order they run."""
    return (
        ("stage_selection", outcome.selection),
        ("stage_teams", outcome.teams),
        ("stage_plan", outcome.plan),
    )


def _header(outcome: RunOutcome, lang: Lang) -> str:
    stages = [(key, result.stage) for key, result in _stage_results(outcome) if result is not None]
    badges = [_status_badge(key, stage, lang) for key, stage in stages]
    if any(not views.is_given(stage) for _, stage in stages):
        proven = views.optimality_proven(outcome)
        css = "ok" if proven else "warn"
        text = label("proven" if proven else "not_proven", lang)
        badges.append(f'<span class="badge {css}">{_e(text)}</span>')
    meta = (
        f"{_e(label('instance', lang))}: <strong>{_e(outcome.instance.name)}</strong> · "
        f"matcher {_e(__version__)}"
    )
    return (
        f'<header><h1>{_e(label("title", lang))}</h1><div class="meta">{meta}</div>'
        f'<div class="badges">{"".join(badges)}</div></header>'
    )


def _priorities(outcome: RunOutcome, lang: Lang) -> str:
    rows = []
    for key, result in _stage_results(outcome):
        if result is None:
            continue
        stage = result.stage
        for index, objective in enumerate(stage.objectives):
            rows.append(
                [
                    _e(label(key, lang)) if index == 0 else "",
                    _e(priority_label(objective.name, lang)),
                    str(objective.value),
                    str(objective.bound),
                    _e(_yes_no(objective.proven, lang)),
                ]
            )
        if not stage.objectives:
            rows.append([_e(label(key, lang)), _e(_status_text(stage, lang)), "", "", ""])
    if not rows:
        return ""
    headers = [
        (_e(label("stage", lang)), False),
        (_e(label("priority", lang)), False),
        (_e(label("value", lang)), True),
        (_e(label("bound", lang)), True),
        (_e(label("proven_short", lang)), False),
    ]
    return f"<h3>{_e(label('section_priorities', lang))}</h3>{_table(headers, rows)}"


def _plain_summary(outcome: RunOutcome, lang: Lang) -> str:
    """The result in plain sentences (no solver jargon), first thing after the header."""
    from matcher.outputs.plain import statements

    items = "".join(f"<li>{_e(s)}</li>" for s in statements(outcome, lang))
    return f'{_h2("summary_plain", lang)}<ul class="plain">{items}</ul>' if items else ""


def _edited(outcome: RunOutcome, lang: Lang) -> str:
    """``matcher report``: the broken rules first, then what the edit cost, priority by
    priority, beside the solver's values."""
    edited = outcome.edited
    if edited is None:
        return ""
    parts = [_h2("broken", lang)]
    if edited.broken_rules:
        intro = label("broken_intro", lang, n=len(edited.broken_rules))
        items = "".join(f"<li>{_e(rule)}</li>" for rule in edited.broken_rules)
        parts.append(f'<p class="broken"><strong>{_e(intro)}</strong></p>')
        parts.append(f'<ul class="broken">{items}</ul>')
    else:
        parts.append(f"<p>{_e(label('edited_ok', lang))}</p>")
    if any(solver is not None for *_, solver in edited.priorities):
        parts.append(f"<h3>{_e(label('section_edit_cost', lang))}</h3>")
        parts.append(f'<p class="note">{_e(label("edit_cost_note", lang))}</p>')
        from matcher.outputs.plain import priority_words

        num = len(outcome.instance.students)
        rows: list[list[Cell]] = []
        for stage, name, value, solver in edited.priorities:
            verdict = ""
            if solver is not None:
                verdict = label(edit_verdict(name, value, solver), lang)
            cell: Cell = (_e(verdict), "off") if verdict == label("edited_worse", lang) else verdict
            words, now = priority_words(name, value, num, lang)
            before = "" if solver is None else priority_words(name, solver, num, lang)[1]
            rows.append([_e(label("stage_" + stage, lang)), _e(words), _e(now), _e(before), cell])
        headers = [
            (_e(label("stage", lang)), False),
            (_e(label("priority", lang)), False),
            (_e(label("value_now", lang)), True),
            (_e(label("solver_value", lang)), True),
            ("", False),
        ]
        parts.append(_table(headers, rows))
    return "".join(parts)


def edit_verdict(name: str, value: int, solver: int) -> str:
    """``edited_worse``/``edited_better``/``edited_same``: a priority's value now against the
    solver's (the selection's ``sectors``, ``problem_types`` and ``priority`` are maximised,
    every other priority minimised)."""
    if value == solver:
        return "edited_same"
    maximised = name in ("sectors", "problem_types", "priority")
    return "edited_better" if (value > solver) == maximised else "edited_worse"


def _technical(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    """The exact values, at the end: seed, each priority's value and bound, every metric."""
    parts = [_h2("technical", lang), f'<p class="note">{_e(label("technical_note", lang))}</p>']
    parts.append(f"<p>{_e(label('seed', lang))}: {outcome.settings.solver.seed}</p>")
    parts.append(_priorities(outcome, lang))
    for stage, values in metrics.items():
        rows = [[_e(k), _e(_format_metric(k, v))] for k, v in values.items()]
        heading = f"{label('section_metrics', lang)} ({label('stage_' + stage, lang)})"
        parts.append(f"<h3>{_e(heading)}</h3>")
        parts.append(_table([("summary.json", False), (_e(label("value", lang)), True)], rows))
    return "".join(parts)


def _metric_cards(values: dict[str, Any], lang: Lang) -> str:
    return _cards([(metric_label(k, lang), _format_metric(k, v)) for k, v in values.items()])


def _selection(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    selection = outcome.selection
    if selection is None:
        return ""
    commissions = views.commission_map(outcome.instance)
    parts = [_h2("selection", lang)]
    num_eligible = sum(row.eligible for row in selection.rows)
    counts = label("selected_count", lang, n=len(selection.selected_ids), total=len(selection.rows))
    parts.append(f"<p>{_e(counts)} · {_e(label('eligible_count', lang, n=num_eligible))}</p>")
    if "selection" in metrics:
        parts.append(_metric_cards(metrics["selection"], lang))
    if selection.stage.objectives:
        available = _available(outcome)
        items = "".join(
            f"<li><strong>{_e(_plain_priority(o.name, lang))}</strong>: {o.value}"
            + (
                f' <span class="note">({_e(label("of_available", lang, n=available[o.name]))})'
                "</span>"
                if o.name in available
                else ""
            )
            + "</li>"
            for o in selection.stage.objectives
        )
        parts.append(
            f"<h3>{_e(label('section_selection_why', lang))}</h3>"
            f'<p>{_e(label("why_intro", lang))}</p><ol class="why">{items}</ol>'
        )
    headers = [
        (_e(label("id", lang)), False),
        (_e(label("institution", lang)), False),
        (_e(label("sector", lang)), False),
        (_e(label("problem_type", lang)), False),
        (_e(label("selected", lang)), False),
        (_e(label("reserve_rank", lang)), True),
        (_e(label("reason", lang)), False),
    ]
    rows, classes = [], []
    for row in selection.rows:
        commission = commissions.get(row.id)
        rows.append(
            [
                f"<strong>{_e(row.id)}</strong>" if row.selected else _e(row.id),
                _institution_cell(commission),
                _e(commission.sector if commission else ""),
                _e(commission.problem_type if commission else ""),
                _e(_yes_no(row.selected, lang)),
                "" if row.reserve_rank is None else str(row.reserve_rank),
                _e(worded(row.reason, lang)),
            ]
        )
        classes.append("selected" if row.selected else ("" if row.eligible else "ineligible"))
    parts.append(_table(headers, rows, classes))
    reserves = selection.reserve_ids
    parts.append(f"<h3>{_e(label('reserves', lang))}</h3>")
    if reserves:
        parts.append("<p>" + " → ".join(_e(r) for r in reserves) + "</p>")
    else:
        parts.append(f'<p class="note">{_e(label("no_reserves", lang))}</p>')
    return "".join(parts)


def _plain_priority(name: str, lang: Lang) -> str:
    """A selection priority's name without solver words (``(max)``, ``(min)``)."""
    from matcher.outputs.plain import priority_words

    return priority_words(name, 0, 0, lang)[0]


def _available(outcome: RunOutcome) -> dict[str, int]:
    """Distinct sectors and problem types among the eligible proposals (what was possible)."""
    assert outcome.selection is not None
    commissions = views.commission_map(outcome.instance)
    eligible = [
        commissions[r.id] for r in outcome.selection.rows if r.eligible and r.id in commissions
    ]
    return {
        "sectors": len({fold_name(c.sector) for c in eligible}),
        "problem_types": len({fold_name(c.problem_type) for c in eligible}),
    }


def _institution_cell(commission: Commission | None) -> str:
    """The institution, with the question asked (title) below it in small print."""
    if commission is None:
        return ""
    cell = _e(commission.institution)
    if commission.title:
        cell += f'<div class="note">{_e(commission.title)}</div>'
    return cell


def _years(value: float) -> str:
    """Years of experience without a useless decimal (``3`` rather than ``3.0``)."""
    return f"{value:g}"


def _column_text(column: tuple[str, views.AttrValue], lang: Lang) -> str:
    attribute, value = column
    if isinstance(value, bool):
        return f"{_attribute_label(attribute, lang)}: {_yes_no(value, lang)}"
    if attribute == "background":
        return value
    return f"{_attribute_label(attribute, lang)}: {value}"


def _attribute_label(attribute: str, lang: Lang) -> str:
    if attribute in ("background", "vae", "employed", "gender"):
        return label(attribute, lang)
    return attribute


def _composition_table(composition: views.Composition, sizes: dict[str, int], lang: Lang) -> str:
    headers = [(_e(label("team", lang)), False), (_e(label("size", lang)), True)]
    for column in composition.columns:
        low, high = composition.targets[column]
        target = f"{low}" if low == high else f"{low}–{high}"
        headers.append(
            (f'{_e(_column_text(column, lang))}<br><span class="note">{_e(target)}</span>', True)
        )
    rows: list[list[Cell]] = []
    for commission_id, counts in composition.counts.items():
        cells: list[Cell] = [_e(commission_id), str(sizes.get(commission_id, 0))]
        for column in composition.columns:
            count = str(counts.get(column, 0))
            off = not composition.in_target(commission_id, column)
            cells.append((count, "off") if off else count)
        rows.append(cells)
    return _table(headers, rows)


def _team_card(
    commission_id: str,
    commission: Commission | None,
    team: list[views.Member],
    composition: views.Composition,
    lang: Lang,
) -> str:
    title = f"{label('team', lang)} {commission_id}"
    if commission is not None:
        title += f" — {commission.institution}"
    sub = []
    if commission is not None:
        sub = [commission.sector, commission.problem_type]
        if commission.title:
            sub.append(f"« {commission.title} »")
    sub.append(f"{len(team)} {label('members', lang)}")
    show_experience = any(m.student.experience_years is not None for m in team)
    if show_experience:
        total = sum(m.student.experience_years or 0 for m in team)
        sub.append(label("team_experience", lang, years=_years(total)))
    chips = []
    for column in composition.columns:
        count = composition.counts.get(commission_id, {}).get(column, 0)
        low, high = composition.targets[column]
        target = f"{low}" if low == high else f"{low}–{high}"
        off = not composition.in_target(commission_id, column)
        if not off and (not count or column[1] is False):
            # Within target, an absent category or a "no" (the "yes" shows it) adds nothing.
            continue
        text = f"{_column_text(column, lang)}: {count} ({label('target', lang)} {target})"
        chips.append(f'<span class="chip{" off" if off else ""}">{_e(text)}</span>')
    show_gender = any(m.student.gender for m in team)
    headers = [
        (_e(label("name", lang)), False),
        (_e(label("student_id", lang)), False),
        (_e(label("background", lang)), False),
        (_e(label("vae", lang)), False),
        (_e(label("employed", lang)), False),
    ]
    if show_gender:
        headers.append((_e(label("gender", lang)), False))
    if show_experience:
        headers.append((_e(label("experience_years", lang)), True))
    headers.append((_e(label("choice_rank", lang)), True))
    headers.append((_e(label("choices_written", lang)), False))
    rows = []
    for member in team:
        student = member.student
        cells = [
            _e(student.display_name),
            _e(student.id),
            _e(student.background),
            _e(_yes_no(student.vae, lang)),
            _e(_yes_no(student.employed, lang)),
        ]
        if show_gender:
            cells.append(_e(student.gender or ""))
        if show_experience:
            years = student.experience_years
            cells.append("" if years is None else _years(years))
        if member.unlisted:
            rank_text = label("not_listed", lang)
        elif member.choice_rank is None:
            rank_text = label("no_rank", lang)
        else:
            rank_text = str(member.choice_rank)
        cells.append(_e(rank_text))
        cells.append(_e(" ; ".join(student.choices)))
        rows.append(cells)
    return (
        f'<section class="team" id="team-{_e(commission_id)}"><h3>{_e(title)}</h3>'
        f'<div class="sub">{_e(" · ".join(sub))}</div>'
        f'<div class="chips">{"".join(chips)}</div>{_table(headers, rows)}</section>'
    )


def _team_cards(outcome: RunOutcome, figures: dict[str, Any], lang: Lang) -> str:
    """The teams at a glance, in plain words (the exact metrics are in the technical part)."""
    from matcher.outputs.plain import experience_spread_years, teams_within_targets, years_text

    inside, total = teams_within_targets(outcome)
    cards = [
        (metric_label("students", lang), str(figures["students"])),
        (metric_label("size_min", lang), str(figures["size_min"])),
        (metric_label("size_max", lang), str(figures["size_max"])),
        (label("m_teams_in_target", lang), f"{inside} / {total}"),
    ]
    spread = experience_spread_years(outcome)
    if spread is not None:
        cards.append((label("m_experience_spread", lang), years_text(spread, lang)))
    cards.append(
        (metric_label("conflicts_of_interest", lang), str(figures["conflicts_of_interest"]))
    )
    if outcome.instance.pairs:
        cards.append((metric_label("pair_violations", lang), str(figures["pair_violations"])))
    return _cards(cards)


def _charts(
    outcome: RunOutcome,
    composition: views.Composition,
    sizes: dict[str, int],
    by_team: dict[str, list[views.Member]],
    lang: Lang,
) -> str:
    """One chart per balanced attribute, then experience per team against its fair share."""
    parts = []
    for attribute in views.balanced_attributes(outcome):
        title = (
            label("chart_composition", lang)
            if attribute == "background"
            else label("chart_attribute", lang, attribute=_attribute_label(attribute, lang))
        )
        chart = svg_composition(composition, sizes, lang, attribute, title)
        if chart:
            parts.append(f"<h3>{_e(title)}</h3>{chart}")
    students = outcome.instance.students
    known = [s.experience_years for s in students if s.experience_years is not None]
    if known and by_team:
        # Unknown experience counts as the cohort's mean, as the experience priority does.
        mean = sum(known) / len(known)
        totals = {
            cid: sum(
                m.student.experience_years if m.student.experience_years is not None else mean
                for m in team
            )
            for cid, team in by_team.items()
        }
        cohort = sum(totals.values())
        placed = sum(len(team) for team in by_team.values()) or 1
        fair = {cid: len(team) * cohort / placed for cid, team in by_team.items()}
        totals = {cid: round(v, 1) for cid, v in totals.items()}
        parts.append(
            f"<h3>{_e(label('chart_experience', lang))}</h3>{svg_experience(totals, fair, lang)}"
        )
    return "".join(parts)


def _teams(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    if outcome.teams is None:
        return ""
    by_team = views.members_by_team(outcome)
    composition = views.composition(outcome)
    sizes = {cid: len(team) for cid, team in by_team.items()}
    commissions = views.commission_map(outcome.instance)
    all_members = [m for team in by_team.values() for m in team]
    parts = [_h2("teams", lang)]
    if "teams" in metrics:
        parts.append(_team_cards(outcome, metrics["teams"], lang))
    # Composition
    parts.append(_h2("composition", lang))
    parts.append(f'<p class="note">{_e(label("composition_note", lang))}</p>')
    # Many backgrounds make a wide table: let it scroll rather than squeeze the page.
    table = _composition_table(composition, sizes, lang)
    parts.append(f'<div class="scroll">{table}</div>')
    parts.append(_charts(outcome, composition, sizes, by_team, lang))
    # Choices
    histogram = views.rank_histogram(all_members)
    figures = metrics.get("teams", {})
    if histogram and figures.get("first_choice_share") is not None:
        with_choices = sum(histogram.values())
        shares = ("first_choice_share", "best_available_share", "top3_share", "listed_share")
        parts.append(_h2("choices", lang))
        cards = [(metric_label(k, lang), f"{100 * figures[k]:.0f} %") for k in shares]
        cards.append((metric_label("unlisted", lang), str(figures["unlisted"])))
        parts.append(_cards(cards))
        note = label(
            "choices_note",
            lang,
            unavailable=figures["first_choice_unavailable"],
            worst=figures["worst_choice"],
        )
        parts.append(
            f'<p class="note">{_e(label("students_with_choices", lang, n=with_choices))}. '
            f"{_e(note)}</p>"
        )
        parts.append(f"<h3>{_e(label('chart_choices', lang))}</h3>")
        parts.append(svg_histogram(histogram, lang))
    # One card per team
    parts.append(_h2("members", lang))
    for commission_id, team in by_team.items():
        parts.append(
            _team_card(commission_id, commissions.get(commission_id), team, composition, lang)
        )
    return "".join(parts)


def _changes(outcome: RunOutcome, lang: Lang) -> str:
    changes = outcome.changes
    if changes is None:
        return ""
    parts = [_h2("changes", lang)]
    parts.append(_cards([(label("moves", lang), str(changes.moves))]))
    if changes.replaced:
        items = "".join(
            f"<li>{_e(old)} → <strong>{_e(new)}</strong></li>"
            for old, new in changes.replaced.items()
        )
        parts.append(f"<h3>{_e(label('replaced', lang))}</h3><ul>{items}</ul>")
    if changes.rows:
        names = {s.id: s.display_name for s in outcome.instance.students}
        headers = [
            (_e(label("student_id", lang)), False),
            (_e(label("name", lang)), False),
            (_e(label("from_commission", lang)), False),
            (_e(label("to_commission", lang)), False),
        ]
        rows = [
            [
                _e(student_id),
                _e(names.get(student_id, "")),
                _e(source) if source else _e(label("arrived", lang)),
                _e(target) if target else _e(label("withdrawn", lang)),
            ]
            for student_id, source, target in changes.rows
        ]
        parts.append(_table(headers, rows))
    else:
        parts.append(f'<p class="note">{_e(label("no_changes", lang))}</p>')
    return "".join(parts)


def _footer(outcome: RunOutcome, lang: Lang) -> str:
    parts = []
    if outcome.instance.warnings:
        items = "".join(f"<li>{_e(worded(w, lang))}</li>" for w in outcome.instance.warnings)
        parts.append(f"{_h2('warnings', lang)}<ul>{items}</ul>")
    settings = json.dumps(settings_in_force(outcome), indent=2, ensure_ascii=False)
    parts.append(
        f"<details><summary>{_e(label('section_settings', lang))}</summary>"
        f"<pre>{_e(settings)}</pre></details>"
    )
    found = ", ".join(f"{k} {v}" for k, v in versions().items())
    parts.append(
        f"<footer>{_e(label('generated_by', lang, version=__version__))} · "
        f"{_e(label('versions', lang))}: {_e(found)}</footer>"
    )
    return "".join(parts)


def _explanations(outcome: RunOutcome, lang: Lang) -> str:
    """Contract §9: the rank distribution, swap pairs, and each student's explanations."""
    teams = outcome.teams
    if teams is None or not teams.stage.solved:
        return ""
    from matcher.explanation import sentence

    parts = [_h2("explanations", lang)]
    distribution = views.rank_distribution(outcome)
    names = {"unlisted": "explain_unlisted_row", "no_choices": "explain_no_choices_row"}
    rows = [
        [_e(label(names[key], lang) if key in names else key), str(count)]
        for key, count in distribution.items()
    ]
    parts.append(f"<h3>{_e(label('explain_rank_distribution', lang))}</h3>")
    headers = [(_e(label("explain_position", lang)), False)]
    headers.append((_e(label("explain_students", lang)), True))
    parts.append(_table(headers, rows))
    parts.append(f"<h3>{_e(label('explain_swap_pairs', lang))}</h3>")
    pairs = views.swap_pair_rows(outcome)
    if pairs:
        shown = {s.id: s.display_name for s in outcome.instance.students}
        items = []
        for pair in pairs:
            values = {
                "a": shown.get(pair["student_a"], pair["student_a"]),
                "team_a": pair["commission_a"],
                "b": shown.get(pair["student_b"], pair["student_b"]),
                "team_b": pair["commission_b"],
            }
            if pair["priority"] == "none":
                items.append(label("explain_swap_pair_none", lang, **values))
            else:
                priority = sentence(f"priority_{pair['priority']}", lang)
                items.append(label("explain_swap_pair", lang, priority=priority, **values))
        parts.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>")
    else:
        parts.append(f'<p class="note">{_e(label("explain_no_swap_pairs", lang))}</p>')
    if outcome.explanations is None:
        parts.append(f'<p class="note">{_e(label("explain_not_run", lang))}</p>')
        return "".join(parts)
    if not outcome.explanations:
        parts.append(f'<p class="note">{_e(label("explain_none_needed", lang))}</p>')
        return "".join(parts)
    unknown = sum(1 for e in outcome.explanations if e.verdict == "unknown")
    if unknown:
        note = label("explain_unknown_left", lang, count=unknown)
        parts.append(f'<p class="note">{_e(note)}</p>')
    headers = [
        (_e(label("name", lang)), False),
        (_e(label("student_id", lang)), False),
        (_e(label("team", lang)), False),
        (_e(label("explain_wanted", lang)), False),
        (_e(label("explain_verdict", lang)), False),
        (_e(label("explain_reason", lang)), False),
    ]
    rows = [
        [
            _e(e.student_name),
            _e(e.student_id),
            _e(e.commission_id),
            _e(e.wanted),
            _e(sentence(f"verdict_{e.verdict}", lang)),
            _e(e.reason(lang)),
        ]
        for e in outcome.explanations
    ]
    parts.append(_table(headers, rows))
    return "".join(parts)


def render_report(outcome: RunOutcome, lang: Lang = "en") -> str:
    """The full report.html page for ``outcome`` in ``lang``."""
    metrics = views.metrics(outcome)
    sections = "".join(
        [
            _edited(outcome, lang),
            _plain_summary(outcome, lang),
            _changes(outcome, lang),
            _selection(outcome, metrics, lang),
            _teams(outcome, metrics, lang),
            _explanations(outcome, lang),
            plan_section(outcome, lang),
            _technical(outcome, metrics, lang),
            _footer(outcome, lang),
        ]
    )
    team_ids = outcome.teams.commission_ids if outcome.teams is not None else ()
    body = _header(outcome, lang) + _nav(sections, team_ids, lang) + sections
    title = f"{label('title', lang)} — {outcome.instance.name}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{stylesheet()}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )
