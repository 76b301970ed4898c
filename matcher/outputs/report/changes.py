"""What changed, at the top of report.html: the rules a hand-edited result breaks and what the
edit cost (``matcher report``), or the moves of a what-if (``matcher whatif``)."""

from __future__ import annotations

from matcher.labels import Lang, counted, label
from matcher.outputs.plan_view import when_words
from matcher.outputs.report.markup import Cell, cards, esc, h2, table
from matcher.outputs.views import edit_heading, edit_verdict, supervisor_words
from matcher.results import RunOutcome


def edited_section(outcome: RunOutcome, lang: Lang) -> str:
    """``matcher report``: the broken rules first, then what the edit cost, priority by
    priority, beside the solver's values."""
    edited = outcome.edited
    if edited is None:
        return ""
    heading = edit_heading(edited.priorities)
    same = heading == "section_edit_same"
    if edited.broken_rules:
        parts = [h2("broken", lang)]
        intro = counted("broken_intro", len(edited.broken_rules)).words(lang)
        items = "".join(f"<li>{esc(rule)}</li>" for rule in edited.broken_rules)
        parts.append(f'<p class="broken"><strong>{esc(intro)}</strong></p>')
        parts.append(f'<ul class="broken">{items}</ul>')
    else:
        # Not under « Règles enfreintes », nor "edited by hand" when every priority has
        # the solver's value: report of a result as it came (probe s31f).
        parts = [h2("checked", lang)]
        parts.append(f"<p>{esc(label('edited_same_ok' if same else 'edited_ok', lang))}</p>")
    if heading is not None:
        parts.append(f"<h3>{esc(label(heading, lang))}</h3>")
        parts.append(f'<p class="note">{esc(label("edit_cost_note", lang))}</p>')
        from matcher.outputs.plain import compared_words

        num = len(outcome.instance.students)
        rows: list[list[Cell]] = []
        for stage, name, value, solver in edited.priorities:
            verdict = ""
            if solver is not None:
                verdict = label(edit_verdict(name, value, solver), lang)
            worse = verdict == label("edited_worse", lang)
            cell: Cell = (esc(verdict), "off") if worse else verdict
            words, now, before = compared_words(name, value, solver, num, lang)
            stage_text = esc(label("stage_" + stage, lang))
            rows.append([stage_text, esc(words), esc(now), esc(before), cell])
        headers = [
            (esc(label("stage", lang)), False),
            (esc(label("priority", lang)), False),
            (esc(label("value_now", lang)), True),
            (esc(label("solver_value", lang)), True),
            ("", False),
        ]
        parts.append(table(headers, rows))
    return "".join(parts)


def changes_section(outcome: RunOutcome, lang: Lang) -> str:
    """``matcher whatif``: the moves, the commissions replaced, and who went where."""
    changes = outcome.changes
    if changes is None or changes.recorded_only:
        return ""
    parts = [h2("changes", lang)]
    if outcome.teams is not None:  # before teams nobody can have moved
        parts.append(cards([(label("moves", lang), str(changes.moves))]))
    if changes.rows:  # what a move counts, beside the table of every change
        parts.append(f'<p class="note">{esc(label("moves_note", lang))}</p>')
    if changes.replaced:
        items = "".join(
            f"<li>{esc(old)} → <strong>{esc(new)}</strong></li>"
            for old, new in changes.replaced.items()
        )
        parts.append(f"<h3>{esc(label('replaced', lang))}</h3><ul>{items}</ul>")
    if changes.unreplaced_now:
        # A commission withdrawn with no reserve in its place: its students joined the others.
        items = "".join(f"<li>{esc(c)}</li>" for c in changes.unreplaced_now)
        parts.append(f"<h3>{esc(label('unreplaced', lang))}</h3><ul>{items}</ul>")
    if changes.rows:
        names = {s.id: s.display_name for s in outcome.instance.students}
        names = {**changes.left_names, **names}  # those who left are named too
        headers = [
            (esc(label("student_id", lang)), False),
            (esc(label("name", lang)), False),
            (esc(label("from_commission", lang)), False),
            (esc(label("to_commission", lang)), False),
        ]
        rows = [
            [
                esc(student_id),
                esc(names.get(student_id, "")),
                esc(source) if source else esc(label("arrived", lang)),
                esc(target) if target else esc(label("withdrawn", lang)),
            ]
            for student_id, source, target in changes.rows
        ]
        parts.append(table(headers, rows))
    elif outcome.teams is not None:
        parts.append(f'<p class="note">{esc(label("no_changes", lang))}</p>')
    reassigned = outcome.plan.reassigned if outcome.plan is not None else ()
    if reassigned:
        # Stage 3 replanned against the earlier plan: the teams whose supervisor changed.
        parts.append(f"<h3>{esc(label('web_supervisor_changes', lang))}</h3>")
        headers = [
            (esc(label("team", lang)), False),
            (esc(label("web_from", lang)), False),
            (esc(label("web_to", lang)), False),
        ]
        named = supervisor_words(outcome)
        rows = [
            [esc(c), esc(named.get(before, before)), esc(named.get(now, now))]
            for c, before, now in reassigned
        ]
        parts.append(table(headers, rows))
    moved = outcome.plan.moved if outcome.plan is not None else ()
    if moved:
        # The visits and orals whose slot or start changed since the earlier plan.
        parts.append(f"<h3>{esc(label('plan_moved_events', lang))}</h3>")
        headers = [
            (esc(label("team", lang)), False),
            (esc(label("plan_event", lang)), False),
            (esc(label("web_from", lang)), False),
            (esc(label("web_to", lang)), False),
        ]
        rows = [
            [
                esc(now.commission_id),
                esc(label(f"plan_{now.event}", lang)),
                *(esc(when_words(r, lang)) for r in (old, now)),
            ]
            for old, now in moved
        ]
        parts.append(table(headers, rows))
    return "".join(parts)
