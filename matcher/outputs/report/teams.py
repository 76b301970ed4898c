"""The teams section of report.html: the teams at a glance, their composition against the
targets, and one chart per balanced attribute and for experience."""

from __future__ import annotations

from typing import Any

from matcher.labels import Lang, attribute_label, balance_column, half_up, label, metric_label
from matcher.outputs import views
from matcher.outputs.charts import even_parts, svg_composition, svg_experience, text_width
from matcher.outputs.report.markup import Cell, cards, esc, h2, table
from matcher.results import RunOutcome


def teams_section(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    """The teams' figures, then their composition: a table and the charts."""
    if outcome.teams is None:
        return ""
    by_team = views.members_by_team(outcome)
    composition = views.composition(outcome)
    sizes = {cid: len(team) for cid, team in by_team.items()}
    parts = [h2("teams", lang)]
    if "teams" in metrics:
        parts.append(_team_figures(outcome, metrics["teams"], lang))
    parts.append(h2("composition", lang))
    parts.append(f'<p class="note">{esc(label("composition_note", lang))}</p>')
    # Many backgrounds make a wide table: let it scroll rather than squeeze the page.
    composition_table = _composition_table(composition, sizes, lang)
    parts.append(f'<div class="scroll">{composition_table}</div>')
    parts.append(_composition_charts(outcome, composition, sizes, lang))
    parts.append(_experience_chart(outcome, by_team, lang))
    return "".join(parts)


def _team_figures(outcome: RunOutcome, figures: dict[str, Any], lang: Lang) -> str:
    """The teams at a glance, in plain words (the exact metrics are in the technical part)."""
    from matcher.outputs.plain import experience_spread_years, teams_within_targets, years_text

    inside, total = teams_within_targets(outcome)
    items = [
        (metric_label("students", lang), str(figures["students"])),
        (metric_label("size_min", lang), str(figures["size_min"])),
        (metric_label("size_max", lang), str(figures["size_max"])),
        (label("m_teams_in_target", lang), f"{inside} / {total}"),
    ]
    spread = experience_spread_years(outcome)
    if spread is not None:
        items.append((label("m_experience_spread", lang), years_text(spread, lang)))
    items.append(
        (metric_label("conflicts_of_interest", lang), str(figures["conflicts_of_interest"]))
    )
    if outcome.instance.pairs:
        items.append((metric_label("pair_violations", lang), str(figures["pair_violations"])))
    return cards(items)


def column_text(column: tuple[str, views.AttrValue], lang: Lang) -> str:
    """A composition column in words: ``VAE: yes``, ``gender: F``, or the background itself."""
    return balance_column(*column, lang)


def _composition_table(composition: views.Composition, sizes: dict[str, int], lang: Lang) -> str:
    """Teams × balanced values: each count, flagged when outside its target."""
    # « En emploi : oui » never breaks before its colon (French puts a space there).
    names = [column_text(column, lang).replace(" :", "\u00a0:") for column in composition.columns]
    whole = _whole_words([label("team", lang), label("size", lang), *names])
    size = label("size", lang)
    headers = [
        (esc(label("team", lang)), False),
        (f'<span class="words">{esc(size)}</span>' if whole[1] else esc(size), True),
    ]
    for column, name, kept in zip(composition.columns, names, whole[2:], strict=True):
        target = views.target_text(*composition.targets[column])
        text = f'<span class="words">{esc(name)}</span>' if kept else esc(name)
        headers.append((f'{text}<br><span class="note">{esc(target)}</span>', True))
    rows: list[list[Cell]] = []
    for commission_id, counts in composition.counts.items():
        cells: list[Cell] = [esc(commission_id), str(sizes.get(commission_id, 0))]
        for column in composition.columns:
            count = counts.get(column, 0)
            if composition.in_target(commission_id, column):
                cells.append(str(count))
                continue
            # Not by colour alone (printed in grey, or read by a colour-blind director):
            # a mark says the count is above or below its target, in words for a screen reader.
            above = count > composition.targets[column][1]
            mark, words = ("▲", "above_target") if above else ("▼", "below_target")
            said = esc(label(words, lang))
            cells.append((f'{count} <span role="img" aria-label="{said}">{mark}</span>', "off"))
        rows.append(cells)
    return table(headers, rows)


#: The width of a printed A4 page between its margins (186 mm), in CSS pixels, and what a
#: printed composition column needs beside its heading's words (padding, its counts).
PRINTED_WIDTH, COLUMN_EXTRA, COLUMN_LEAST = 700, 7, 22


def _whole_words(headings: list[str]) -> list[bool]:
    """Which of the composition table's headings print with their words whole (broken at
    spaces only, the ``words`` class): all when the widest word of each fits beside the
    others' on an A4 page (9 px bold); else those with the shortest widest words, as many as
    fit, the others breaking where they must (a column per background can be many)."""

    def need(heading: str) -> float:
        return max(text_width(word, 9) * 1.06 for word in heading.split(" ")) + COLUMN_EXTRA

    needs = [need(h) if h.strip() else COLUMN_LEAST for h in headings]
    whole = [True] * len(headings)
    total = sum(needs)
    # The team column's heading (the first) is always whole (its ids are short).
    for index in sorted(range(1, len(headings)), key=lambda i: -needs[i]):
        if total <= PRINTED_WIDTH or needs[index] <= COLUMN_LEAST:
            break  # a word no wider than a column's least width costs nothing whole
        whole[index] = False
        total -= needs[index] - COLUMN_LEAST
    return whole


def _composition_charts(
    outcome: RunOutcome, composition: views.Composition, sizes: dict[str, int], lang: Lang
) -> str:
    """One chart per balanced attribute."""
    parts = []
    for attribute in views.balanced_attributes(outcome):
        title = (
            label("chart_composition", lang)
            if attribute == "background"
            else label("chart_attribute", lang, attribute=attribute_label(attribute, lang))
        )
        # At most CHART_TEAMS bars a chart, each with its legend, on the scale of all.
        chart = "".join(
            svg_composition(_some(composition, teams), sizes, lang, attribute, title)
            for teams in even_parts(list(composition.counts), CHART_TEAMS)
        )
        if chart:
            parts.append(f"<h3>{esc(title)}</h3>{chart}")
    return "".join(parts)


#: Most teams in one chart: 33 bars (28 px each), the legend and the heading fill an A4
#: page; a cohort of 50 teams made a chart that a printed page cut through a bar, its
#: legend on the next page. Fewer parts are better: two parts of 17 took a page each.
CHART_TEAMS = 33


def _some(composition: views.Composition, teams: list[str]) -> views.Composition:
    """``composition`` for ``teams`` only."""
    counts = {cid: composition.counts[cid] for cid in teams}
    return views.Composition(composition.columns, composition.targets, counts)


def _experience_chart(
    outcome: RunOutcome, by_team: dict[str, list[views.Member]], lang: Lang
) -> str:
    """Experience per team against its fair share (nothing when no experience is known)."""
    students = outcome.instance.students
    known = [s.experience_years for s in students if s.experience_years is not None]
    if not known or not by_team:
        return ""
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
    totals = {cid: float(half_up(v, 1)) for cid, v in totals.items()}
    largest = max([*totals.values(), *fair.values(), 1.0])
    chart = "".join(
        svg_experience(
            {cid: totals[cid] for cid in teams}, {cid: fair[cid] for cid in teams}, lang, largest
        )
        for teams in even_parts(list(totals), CHART_TEAMS)
    )
    return f"<h3>{esc(label('chart_experience', lang))}</h3>{chart}"
