"""How the students fared against their choices (contract §9), in report.html: the shares and
histogram of choice ranks, the rank distribution, swap pairs, and each student's explanation."""

from __future__ import annotations

from collections import Counter
from typing import Any

from matcher.labels import Lang, counted, label, metric_label, percent
from matcher.outputs import views
from matcher.outputs.charts import svg_histogram
from matcher.outputs.report.markup import cards, esc, h2, table
from matcher.results import RunOutcome

#: The shares of students shown as cards, best placed first.
SHARES = ("first_choice_share", "best_available_share", "top3_share", "listed_share")


def choices_section(outcome: RunOutcome, metrics: dict[str, Any], lang: Lang) -> str:
    """The shares placed on their first, best available, top-3 and any listed choice, and the
    histogram of written ranks (nothing when no student listed choices)."""
    if outcome.teams is None:
        return ""
    team_members = [m for team in views.members_by_team(outcome).values() for m in team]
    histogram = views.rank_histogram(team_members)
    figures = metrics.get("teams", {})
    if not histogram or figures.get("first_choice_share") is None:
        return ""
    with_choices = sum(histogram.values())
    items = [(metric_label(k, lang), percent(figures[k], lang)) for k in SHARES]
    items.append((metric_label("unlisted", lang), str(figures["unlisted"])))
    note = counted(
        "choices_note", figures["first_choice_unavailable"], worst=figures["worst_choice"]
    ).words(lang)
    return (
        h2("choices", lang)
        + cards(items)
        + f'<p class="note">{esc(counted("students_with_choices", with_choices).words(lang))}. '
        + f"{esc(note)}</p>"
        + f"<h3>{esc(label('chart_choices', lang))}</h3>"
        + svg_histogram(histogram, lang)
    )


def explanations_section(outcome: RunOutcome, lang: Lang) -> str:
    """The rank distribution, the swap pairs, then each student's explanation."""
    teams = outcome.teams
    if teams is None or not teams.stage.solved:
        return ""
    parts = [h2("explanations", lang), _rank_distribution(outcome, lang)]
    parts.append(_swap_pairs(outcome, lang))
    parts.append(_student_explanations(outcome, lang))
    return "".join(parts)


def _rank_distribution(outcome: RunOutcome, lang: Lang) -> str:
    """Students per written position of their team."""
    distribution = views.rank_distribution(outcome)
    names = {"unlisted": "explain_unlisted_row", "no_choices": "explain_no_choices_row"}
    rows = [
        [esc(label(names[key], lang) if key in names else key), str(count)]
        for key, count in distribution.items()
    ]
    headers = [(esc(label("explain_position", lang)), False)]
    headers.append((esc(label("explain_students", lang)), True))
    return f"<h3>{esc(label('explain_rank_distribution', lang))}</h3>" + table(headers, rows)


def _swap_pairs(outcome: RunOutcome, lang: Lang) -> str:
    """Pairs who would both rather have the other's team, with what their swap would cost."""
    from matcher.explanation import sentence

    heading = f"<h3>{esc(label('explain_swap_pairs', lang))}</h3>"
    pairs = views.swap_pair_rows(outcome)
    if not pairs:
        # A result breaking rules has none by definition (no swap keeps every rule): not
        # "no two students would gain", which may be false (probe s27).
        broken = outcome.edited is not None and bool(outcome.edited.broken_rules)
        key = "explain_no_swap_pairs_broken" if broken else "explain_no_swap_pairs"
        return heading + f'<p class="note">{esc(label(key, lang))}</p>'
    # Each student by name; a name two students share comes with the student's id, so that
    # the director knows which "Léa Lambert" would swap.
    names = Counter(s.display_name for s in outcome.instance.students)
    shown = {
        s.id: s.display_name if names[s.display_name] == 1 else f"{s.id} {s.display_name}"
        for s in outcome.instance.students
    }
    items = []
    for pair in pairs:
        values = {
            "a": shown.get(pair["student_a"], pair["student_a"]),
            "team_a": pair["commission_a"],
            "b": shown.get(pair["student_b"], pair["student_b"]),
            "team_b": pair["commission_b"],
        }
        if pair["priority"] == "none":
            # Worsening nothing, the swap is a defect of the result only when it betters a
            # priority (the sum of choice ranks, when it is one); else it changes none.
            none = "" if _betters(outcome, pair) else "_equal"
            items.append(label(f"explain_swap_pair_none{none}", lang, **values))
        else:
            priority = sentence(f"priority_{pair['priority']}", lang)
            items.append(label("explain_swap_pair", lang, priority=priority, **values))
    return heading + "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def _betters(outcome: RunOutcome, pair: dict[str, Any]) -> bool:
    """Whether swapping the two students of ``pair`` betters one of the settings' priorities."""
    from matcher.verify.teams import team_objectives

    if outcome.teams is None:
        return False
    instance, ids = outcome.instance, outcome.teams.commission_ids
    now = dict(outcome.teams.assignment)
    swapped = {
        **now,
        pair["student_a"]: pair["commission_b"],
        pair["student_b"]: pair["commission_a"],
    }
    before, after = team_objectives(instance, ids, now), team_objectives(instance, ids, swapped)
    return any(after[p] < before[p] for p in instance.settings.teams.priorities)


def _student_explanations(outcome: RunOutcome, lang: Lang) -> str:
    """Why each student is not on a better choice, or a note when there is nothing to show."""
    from matcher.explanation import nothing_to_explain, sentence

    if outcome.explanations is None:
        # `matcher report` explains a result keeping every rule (since session 31) unless
        # --no-explain or over 200 students; never one breaking rules.
        key = "explain_not_run"
        if outcome.edited is not None:
            broken = bool(outcome.edited.broken_rules)
            key = "explain_not_run_broken" if broken else "explain_not_run_report"
        return f'<p class="note">{esc(label(key, lang))}</p>'
    if not outcome.explanations:
        selected = set(outcome.teams.commission_ids) if outcome.teams is not None else None
        said = nothing_to_explain(outcome.instance.students, selected, lang)
        return f'<p class="note">{esc(said)}</p>'
    parts = []
    unknown = sum(1 for e in outcome.explanations if e.verdict == "unknown")
    if unknown:
        note = counted("explain_unknown_left", unknown).words(lang)
        parts.append(f'<p class="note">{esc(note)}</p>')
    headers = [
        (esc(label("name", lang)), False),
        (esc(label("student_id", lang)), False),
        (esc(label("team", lang)), False),
        (esc(label("explain_wanted", lang)), False),
        (esc(label("explain_verdict", lang)), False),
        (esc(label("explain_reason", lang)), False),
    ]
    # The first row of each student is the target of the link from their team's card.
    first = {e.student_id: e for e in reversed(outcome.explanations)}
    rows = [
        [
            (f'<span id="why-{esc(e.student_id)}"></span>' if first[e.student_id] is e else "")
            + esc(e.student_name),
            esc(e.student_id),
            esc(e.commission_id),
            esc(e.wanted),
            esc(sentence(f"verdict_{e.verdict}", lang)),
            esc(e.reason(lang)),
        ]
        for e in outcome.explanations
    ]
    parts.append(table(headers, rows))
    return "".join(parts)
