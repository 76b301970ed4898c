"""report.html as a whole: the header, the navigation line, the sections in page order, the
technical part and the footer.

Each section has its module (``changes``, ``selection``, ``teams``, ``choices``,
``members``; stage 3 is ``matcher.outputs.plan_view``); this one puts them in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matcher import __version__
from matcher.labels import Lang, label, metric_label, metric_value, priority_label, worded
from matcher.outputs import views
from matcher.outputs.plan_view import plan_section
from matcher.outputs.provenance import settings_in_force, versions
from matcher.outputs.report.changes import changes_section, edited_section
from matcher.outputs.report.choices import choices_section, explanations_section
from matcher.outputs.report.markup import esc, h2, stylesheet, table, yes_no
from matcher.outputs.report.members import members_section
from matcher.outputs.report.selection import selection_section
from matcher.outputs.report.teams import teams_section
from matcher.outputs.settings_file import sections_toml
from matcher.results import (
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    Status,
    TeamResult,
)


def render_report(outcome: RunOutcome, lang: Lang = "en") -> str:
    """The full report.html page for ``outcome`` in ``lang``."""
    metrics = views.metrics(outcome)
    sections = "".join(
        [
            edited_section(outcome, lang),
            _plain_summary(outcome, lang),
            changes_section(outcome, lang),
            selection_section(outcome, metrics, lang),
            teams_section(outcome, metrics, lang),
            choices_section(outcome, metrics, lang),
            members_section(outcome, lang),
            explanations_section(outcome, lang),
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
        f"<title>{esc(title)}</title>\n<style>{stylesheet()}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


#: Sections in page order, with the anchor each heading carries (for the navigation line).
SECTIONS = (
    "broken",
    "checked",
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


def _nav(html_body: str, team_ids: Sequence[str], lang: Lang) -> str:
    """In-page links to the sections present and to each team (no network involved)."""
    links = [
        f'<a href="#{section}">{esc(label("section_" + section, lang))}</a>'
        for section in SECTIONS
        if f'<h2 id="{section}">' in html_body
    ]
    teams = [f'<a href="#team-{esc(cid)}">{esc(cid)}</a>' for cid in team_ids]
    line = " · ".join(links)
    if teams:
        line += f"<br>{esc(label('section_teams', lang))}{label('colon', lang)}" + " ".join(teams)
    return f'<nav class="toc">{line}</nav>'


def _status_text(outcome: RunOutcome, stage: StageResult, lang: Lang) -> str:
    """The status in words; a selection read from a file is "given", a search the person
    stopped "interrupted", not "time limit" (``views.status_key``)."""
    return label(views.status_key(outcome, stage), lang)


def _status_badge(outcome: RunOutcome, stage_key: str, stage: StageResult, lang: Lang) -> str:
    """A stage's status as a coloured badge (none for a selection read from a file)."""
    css = {Status.OPTIMAL: "ok", Status.FEASIBLE: "warn"}.get(stage.status, "bad")
    if views.is_given(stage):
        css = ""
    text = f"{label(stage_key, lang)}{label('colon', lang)}{_status_text(outcome, stage, lang)}"
    return f'<span class="badge {css}">{esc(text)}</span>'


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
    """The title, the cohort and version, and the badges of the stages run."""
    stages = [(key, result.stage) for key, result in _stage_results(outcome) if result is not None]
    badges = [_status_badge(outcome, key, stage, lang) for key, stage in stages]
    if any(not views.is_given(stage) for _, stage in stages):
        key = views.proven_key(outcome)
        css = "warn" if key == "not_proven" else "ok"
        text = label(key, lang)
        badges.append(f'<span class="badge {css}">{esc(text)}</span>')
    meta = (
        f"{esc(label('instance', lang))}{label('colon', lang)}"
        f"<strong>{esc(outcome.instance.name)}</strong> · "
        f"matcher {esc(__version__)}"
    )
    return (
        f'<header><h1>{esc(label("title", lang))}</h1><div class="meta">{meta}</div>'
        f'<div class="badges">{"".join(badges)}</div></header>'
    )


def _plain_summary(outcome: RunOutcome, lang: Lang) -> str:
    """The result in plain sentences (no solver jargon), first thing after the header."""
    from matcher.outputs.plain import statements

    items = "".join(f"<li>{esc(s)}</li>" for s in statements(outcome, lang))
    return f'{h2("summary_plain", lang)}<ul class="plain">{items}</ul>' if items else ""


def _priorities(outcome: RunOutcome, lang: Lang) -> str:
    """Each stage's priorities with their value, bound and whether it is proven."""
    rows = []
    students = len(outcome.instance.students)
    for key, result in _stage_results(outcome):
        if result is None:
            continue
        stage = result.stage
        # A proof holds given the priorities before it; a stage given (teams edited by
        # hand) has no bound and proves nothing.
        given, unproven = views.is_given(stage), stage.unproven_bounds()
        for index, objective in enumerate(stage.objectives):
            bound = views.objective_text(objective.name, objective.bound, students, lang)
            proven = yes_no(objective.name not in unproven, lang)
            rows.append(
                [
                    esc(label(key, lang)) if index == 0 else "",
                    esc(priority_label(objective.name, lang)),
                    esc(views.objective_text(objective.name, objective.value, students, lang)),
                    "" if given else esc(bound),
                    esc(label("status_given", lang) if given else proven),
                ]
            )
        if not stage.objectives:
            status = esc(_status_text(outcome, stage, lang))
            rows.append([esc(label(key, lang)), status, "", "", ""])
    if not rows:
        return ""
    headers = [
        (esc(label("stage", lang)), False),
        (esc(label("priority", lang)), False),
        (esc(label("value", lang)), True),
        (esc(label("bound", lang)), True),
        (esc(label("proven_short", lang)), False),
    ]
    return f"<h3>{esc(label('section_priorities', lang))}</h3>{table(headers, rows)}"


def _technical(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    """The exact values, at the end: seed, each priority's value and bound, every metric."""
    parts = [h2("technical", lang), f'<p class="note">{esc(label("technical_note", lang))}</p>']
    parts.append(
        f"<p>{esc(label('seed', lang))}{label('colon', lang)}{outcome.settings.solver.seed}</p>"
    )
    parts.append(_priorities(outcome, lang))
    for stage, values in metrics.items():
        # Each figure in the reader's words, its summary.json key beside it (a name in a
        # file, like a column's) for whoever compares the two.
        rows = [
            [esc(metric_label(k, lang)), f"<code>{esc(k)}</code>", esc(metric_value(k, v, lang))]
            for k, v in values.items()
        ]
        heading = f"{label('section_metrics', lang)} ({label('stage_' + stage, lang)})"
        parts.append(f"<h3>{esc(heading)}</h3>")
        headers = [
            (esc(label("metric", lang)), False),
            ("summary.json", False),
            (esc(label("value", lang)), True),
        ]
        parts.append(table(headers, rows))
    return "".join(parts)


def _whole(value: Any) -> Any:
    """``value`` with every whole float as an int: a person reads ``"time_limit": 60``,
    not ``60.0`` (summary.json keeps the settings as they are)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole(item) for item in value]
    return value


def _footer(outcome: RunOutcome, lang: Lang) -> str:
    """The loading warnings, the settings in force and the versions."""
    parts = []
    if outcome.instance.warnings:
        items = "".join(f"<li>{esc(worded(w, lang))}</li>" for w in outcome.instance.warnings)
        parts.append(f"{h2('warnings', lang)}<ul>{items}</ul>")
    # As settings.toml spells them, to copy into one (probe s38e: JSON, invalid there).
    settings = sections_toml(_whole(settings_in_force(outcome))).rstrip("\n")
    parts.append(
        f"<details><summary>{esc(label('section_settings', lang))}</summary>"
        f"<pre>{esc(settings)}</pre></details>"
    )
    found = ", ".join(f"{k} {v}" for k, v in versions().items())
    parts.append(
        f"<footer>{esc(label('generated_by', lang, version=__version__))} · "
        f"{esc(label('versions', lang))}{label('colon', lang)}{esc(found)}</footer>"
    )
    return "".join(parts)
