"""Stage 3 as report.html and result.xlsx show it: the section, the timelines, the sheet rows.

Kept apart from ``report`` and ``workbook`` (which call ``plan_section`` and
``schedule_sheet_rows``) so that stage 3 is one place to read. Labels: ``matcher.labels``,
keys ``plan_*`` and ``section_plan``.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from matcher.labels import Lang, has_label, label, long_date, priority_label
from matcher.outputs import views
from matcher.outputs.charts import TimelineEvent, TimelineRow, even_parts, svg_timeline
from matcher.results import PlanResult, RunOutcome, ScheduleRow, supervisor_names
from matcher.schemas import Commission, minutes_of
from matcher.text import fold_name, shown_escaped, slot_key

__all__ = ["plan_section", "schedule_sheet_header", "schedule_sheet_rows"]


def _e(value: object) -> str:
    return escape(shown_escaped(str(value)), quote=True)


def _yes_no(flag: bool, lang: Lang) -> str:
    return label("yes" if flag else "no", lang)


def _names(outcome: RunOutcome, plan: PlanResult) -> dict[str, str]:
    return supervisor_names(outcome.instance.supervisors or plan.supervisors)


def when_words(row: ScheduleRow, lang: Lang) -> str:
    """When an event is, in words: its day (its slot when undated) and times (probe s36f:
    « 19/11/2026 2026-11-19, 09:00–10:30 », the slot's label and the date side by side)."""
    day = long_date(row.date, lang) if row.date else row.slot
    return f"{day}, {row.start}–{row.end}"


def _when_html(row: ScheduleRow | None, lang: Lang) -> str:
    """When an event is, for the report's table: the day and the times each kept on one
    line, the line broken between them if at all (probe s27: « 09:00– / 10:00 »)."""
    if row is None:
        return ""
    day = long_date(row.date, lang) if row.date else row.slot
    times = f"{row.start}–{row.end}"
    return f'<span class="nowrap">{_e(day)}</span> <span class="nowrap">{_e(times)}</span>'


def _gap(a: Commission | None, b: Commission | None, travel: int, same_town: int) -> int:
    """Minutes between two events at the institutions of ``a`` and ``b`` (contract §11)."""
    if a is None or b is None:
        return travel
    if fold_name(a.institution) == fold_name(b.institution):
        return 0
    if a.town and b.town and fold_name(a.town) == fold_name(b.town):
        return same_town
    return travel


def _timelines(outcome: RunOutcome, plan: PlanResult, lang: Lang) -> list[str]:
    """One titled timeline per slot (the visit morning, then each oral day)."""
    calendar = outcome.settings.calendar
    commissions = {c.id: c for c in outcome.instance.commissions}
    names = _names(outcome, plan)
    scheduled = {r.supervisor_id for r in plan.schedule}
    busy = [s.id for s in plan.supervisors if s.id in scheduled]
    colours = {cid: index for index, (cid, _, _) in enumerate(plan.supervision)}
    # Days as days however written (15/04/2027 is 15/4/2027), in the rows and in the dates.
    dates = calendar.dates_by_day
    parts = []
    for slot in (calendar.visit_slot, *calendar.oral_slots):
        rows_of_slot = [r for r in plan.schedule if slot_key(r.slot) == slot_key(slot)]
        if not rows_of_slot:
            continue
        window = calendar.visit_window if slot == calendar.visit_slot else calendar.oral_window
        rows: list[TimelineRow] = []
        # Each supervisor's rows, found once (a scan of the slot per supervisor: 1.1 s of
        # report.html at 10,000 students).
        of_supervisor: dict[str, list[ScheduleRow]] = {}
        for r in rows_of_slot:
            of_supervisor.setdefault(r.supervisor_id, []).append(r)
        for sid in busy:
            mine = sorted(of_supervisor.get(sid, ()), key=lambda r: r.start)
            events = []
            previous: ScheduleRow | None = None
            for r in mine:
                travel = 0
                if previous is not None:
                    travel = _gap(
                        commissions.get(previous.commission_id),
                        commissions.get(r.commission_id),
                        calendar.travel_minutes,
                        calendar.same_town_minutes,
                    )
                events.append(
                    TimelineEvent(
                        start=minutes_of(r.start),
                        end=minutes_of(r.end),
                        text=f"{r.commission_id} · {r.town}" if r.town else r.commission_id,
                        detail=f"{r.commission_id} — {r.institution}",
                        colour=colours.get(r.commission_id, 0),
                        travel_before=travel,
                    )
                )
                previous = r
            rows.append(TimelineRow(names.get(sid, sid), tuple(events)))
        date = dates.get(slot_key(slot), "")
        kind = label("plan_visit" if slot == calendar.visit_slot else "plan_oral", lang)
        heading = (
            label("plan_day_dated", lang, kind=kind, slot=slot, date=long_date(date, lang))
            if date
            else label("plan_day", lang, kind=kind, slot=slot)
        )
        charts = "".join(
            svg_timeline(
                chunk,
                (minutes_of(window[0]), minutes_of(window[1])),
                label("plan_chart_title", lang, slot=slot),
                lambda minutes: label(
                    "plan_travel_before", lang, travel=label("plan_travel", lang), minutes=minutes
                ),
            )
            for chunk in _page_chunks(rows)
        )
        parts.append(f'<h3>{_e(heading)}</h3><div class="charts">{charts}</div>')
    return parts


#: Most supervisors in one timeline: 25 rows (884 px, about 620 once scaled to an A4 page's
#: width) print on one page with the hours above them.
TIMELINE_ROWS = 25


def _page_chunks(rows: list[TimelineRow]) -> list[list[TimelineRow]]:
    """``rows`` in as few even parts of at most ``TIMELINE_ROWS`` as they need: a day of
    60 supervisors is three timelines, each with its hours, rather than one that a printed
    page cuts through a row (and whose next page has no hours)."""
    return even_parts(rows, TIMELINE_ROWS)


def plan_section(outcome: RunOutcome, lang: Lang) -> str:
    """The "Supervision and calendar" section of report.html ("" without a plan)."""
    plan = outcome.plan
    if plan is None:
        return ""
    commissions = {c.id: c for c in outcome.instance.commissions}
    names = _names(outcome, plan)
    events = {(r.event, r.commission_id): r for r in plan.schedule}
    heading = label("section_plan", lang)
    parts = [f'<h2 id="plan">{_e(heading)}</h2>']
    parts.append(f'<p class="note">{_e(label("plan_intro", lang))}</p>')
    # Each priority's value in plain words, as the other sections' figures ("(max)", "(min)"
    # and the exact values are for the technical details at the end).
    cards = "".join(
        f'<div class="card"><div class="v">{o.value}</div>'
        f'<div class="k">{_e(_plain_priority(o.name, lang))}</div></div>'
        for o in plan.stage.objectives
    )
    if cards:
        parts.append(f'<div class="cards">{cards}</div>')
    if plan.withdrawn:
        named = views.supervisor_words(outcome)
        gone = ", ".join(named.get(sid, sid) for sid in plan.withdrawn)
        parts.append(f'<p class="note">{_e(label("plan_withdrawn", lang, ids=gone))}</p>')
    head = "".join(
        f'<th scope="col">{_e(label(k, lang))}</th>'
        for k in (
            "plan_col_commission",
            "plan_col_institution",
            "plan_col_town",
            "plan_col_supervisor",
            "plan_col_expertise",
            "plan_col_visit",
            "plan_col_oral",
        )
    )
    body = []
    for cid, sid, expert in plan.supervision:
        commission = commissions.get(cid)
        cells = [
            _e(cid),
            _e(commission.institution if commission else ""),
            _e(commission.town or "" if commission else ""),
            _e(names.get(sid, sid)),
            _e(_yes_no(expert, lang)),
            _when_html(events.get(("visit", cid)), lang),
            _when_html(events.get(("oral", cid)), lang),
        ]
        css = "" if expert else ' class="off"'
        body.append(
            "<tr>"
            + "".join(
                f"<td{css}>{c}</td>" if i == 4 else f"<td>{c}</td>" for i, c in enumerate(cells)
            )
            + "</tr>"
        )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts.extend(_timelines(outcome, plan, lang))
    return "".join(parts)


def schedule_sheet_header(lang: Lang) -> list[str]:
    """Header of the Schedule sheet of result.xlsx."""
    return [
        label(k, lang)
        for k in (
            "plan_col_event",
            "plan_col_commission",
            "plan_col_institution",
            "plan_col_town",
            "plan_col_supervisor",
            "plan_col_expertise",
            "plan_col_slot",
            "plan_col_date",
            "plan_col_start",
            "plan_col_end",
        )
    ]


def schedule_sheet_rows(outcome: RunOutcome, lang: Lang) -> list[list[Any]]:
    """Rows of the Schedule sheet: every visit and oral, with the supervisor's name and its
    day as a date (``None`` when ``[calendar] dates`` gives none): the workbook shows it in
    words, and sorts and filters it as a date."""
    plan = outcome.plan
    if plan is None:
        return []
    # Two supervisors of one name are told apart by their ids (probe s36j: read back, two
    # « Thomas Dubois » were no supervisor, the workbook as written refused by check).
    # Names alike as the readers fold them too (« Thomas DUBOIS », probe s37h: the workbook
    # as written refused by check, the name several supervisors').
    names = _names(outcome, plan)
    expert = {cid: e for cid, _, e in plan.supervision}
    return [
        [
            label(f"plan_{r.event}", lang),
            r.commission_id,
            r.institution,
            r.town,
            names.get(r.supervisor_id, r.supervisor_id),
            _yes_no(expert.get(r.commission_id, False), lang),
            r.slot,
            _day(r.date),
            r.start,
            r.end,
        ]
        for r in plan.schedule
    ]


def _day(iso: str) -> date | str | None:
    """schedule.csv's ``date`` (``2027-04-15``) as a date; empty: ``None``; anything else
    as written."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return iso


def _plain_priority(name: str, lang: Lang) -> str:
    """A stage 3 priority named in plain words (``plain_prio_*``), else as the settings do."""
    key = f"plain_prio_{name}"
    return label(key, lang) if has_label(key) else priority_label(name, lang)
