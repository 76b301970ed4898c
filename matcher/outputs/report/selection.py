"""The selection section of report.html: figures, why these proposals, every proposal with
its reason, and the reserves."""

from __future__ import annotations

from typing import Any

from matcher.labels import Lang, counted, label, worded
from matcher.outputs import views
from matcher.outputs.report.markup import esc, h2, metric_cards, table, yes_no
from matcher.results import RunOutcome
from matcher.schemas import Commission
from matcher.text import fold_name


def selection_section(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    """The selection: its figures, why these proposals, the table of proposals, the reserves."""
    selection = outcome.selection
    if selection is None:
        return ""
    parts = [h2("selection", lang)]
    num_eligible = sum(row.eligible for row in selection.rows)
    # counted: French agrees the noun with 1 (and 0): "1 commande retenue", "1 éligible".
    counts = counted(
        "selected_count", len(selection.selected_ids), total=len(selection.rows)
    ).words(lang)
    eligible = counted("eligible_count", num_eligible).words(lang)
    parts.append(f"<p>{esc(counts)} · {esc(eligible)}</p>")
    if "selection" in metrics:
        parts.append(metric_cards(metrics["selection"], lang))
    if selection.stage.objectives:
        parts.append(_why(outcome, lang))
    parts.append(_proposals(outcome, lang))
    reserves = selection.reserve_ids
    parts.append(f"<h3>{esc(label('reserves', lang))}</h3>")
    if reserves:
        parts.append("<p>" + " → ".join(esc(r) for r in reserves) + "</p>")
    else:
        parts.append(f'<p class="note">{esc(label("no_reserves", lang))}</p>')
    return "".join(parts)


def _of_available(n: int, lang: Lang) -> str:
    """ "6 possible among the eligible proposals", "1 possible parmi …" (French agrees)."""
    return counted("of_available", n).words(lang)


def _why(outcome: RunOutcome, lang: Lang) -> str:
    """Why these proposals: each priority in order, its value and what was possible."""
    assert outcome.selection is not None
    available = _available(outcome)
    # A search stopped (time limit, Ctrl-C, cancel) proved nothing from the first priority
    # short of its bound: such a value is said found, with its bound, not the best possible.
    unproven = outcome.selection.stage.unproven_bounds()
    items = "".join(
        f"<li><strong>{esc(_plain_priority(o.name, lang))}</strong>{label('colon', lang)}{o.value}"
        + (
            f' <span class="note">({esc(label("why_best_found", lang, bound=unproven[o.name]))})'
            "</span>"
            if o.name in unproven
            else ""
        )
        + (
            f' <span class="note">({esc(_of_available(available[o.name], lang))})</span>'
            if o.name in available
            else ""
        )
        + "</li>"
        for o in outcome.selection.stage.objectives
    )
    intro = label("why_intro_unproven" if unproven else "why_intro", lang)
    return (
        f"<h3>{esc(label('section_selection_why', lang))}</h3>"
        f'<p>{esc(intro)}</p><ol class="why">{items}</ol>'
    )


def _proposals(outcome: RunOutcome, lang: Lang) -> str:
    """Every proposal: selected or not, its reserve rank and the reason in words."""
    assert outcome.selection is not None
    commissions = views.commission_map(outcome.instance)
    headers = [
        (esc(label("id", lang)), False),
        (esc(label("institution", lang)), False),
        (esc(label("sector", lang)), False),
        (esc(label("problem_type", lang)), False),
        (esc(label("selected", lang)), False),
        (esc(label("reserve_rank", lang)), True),
        (esc(label("reason", lang)), False),
    ]
    rows, classes = [], []
    for row in outcome.selection.rows:
        commission = commissions.get(row.id)
        rows.append(
            [
                f"<strong>{esc(row.id)}</strong>" if row.selected else esc(row.id),
                _institution_cell(commission),
                esc(commission.sector if commission else ""),
                esc(commission.problem_type if commission else ""),
                esc(yes_no(row.selected, lang)),
                "" if row.reserve_rank is None else str(row.reserve_rank),
                esc(worded(row.reason, lang)),
            ]
        )
        classes.append("selected" if row.selected else ("" if row.eligible else "ineligible"))
    return table(headers, rows, classes)


def _plain_priority(name: str, lang: Lang) -> str:
    """A selection priority's name without solver words (``(max)``, ``(min)``)."""
    from matcher.outputs.plain import priority_words

    return priority_words(name, 0, 0, lang)[0]


def _available(outcome: RunOutcome) -> dict[str, int]:
    """Distinct sectors and problem types among the eligible proposals, at most one a
    proposal selected (what was possible)."""
    assert outcome.selection is not None
    commissions = views.commission_map(outcome.instance)
    eligible = [
        commissions[r.id] for r in outcome.selection.rows if r.eligible and r.id in commissions
    ]
    # No more than one a proposal selected (probe s40f: « 7 (8 possible …) » with count 7).
    most = len(outcome.selection.selected_ids)
    return {
        "sectors": min(most, len({fold_name(c.sector) for c in eligible})),
        "problem_types": min(most, len({fold_name(c.problem_type) for c in eligible})),
    }


def _institution_cell(commission: Commission | None) -> str:
    """The institution, with the question asked (title) below it in small print."""
    if commission is None:
        return ""
    cell = esc(commission.institution)
    if commission.title:
        cell += f'<div class="note">{esc(commission.title)}</div>'
    return cell
