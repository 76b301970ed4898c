"""Stage 3 as the page shows it: the supervision table and the schedule day by day, whether
its settings were applied since, and a what-if's changes of supervisor."""

from __future__ import annotations

from typing import Any

from matcher.labels import label
from matcher.results import PlanResult, RunOutcome, supervisor_names
from matcher.text import belgian, slot_key
from matcher.web.state import Workbench


def plan_view(bench: Workbench, outcome: RunOutcome) -> dict[str, Any] | None:
    """Stage 3 as the page shows it: the supervision table (team → supervisor, expertise)
    and one schedule table per slot (visit morning, oral days); ``None`` when the cohort
    has no supervisors.csv."""
    if outcome.instance.supervisors is None:
        return None
    plan = outcome.plan
    view: dict[str, Any] = {"error": bench.plan_error, "supervision": [], "days": []}
    # Stage-3 settings applied since this plan, or since the plan found none (probe s29g:
    # the plan shown, then saved, was of the settings before, unsaid; s29i: so was « no
    # plan … visits of 150 minutes » after 90 were applied): said; saving plans again.
    stale = plan_stale(bench, outcome)
    view["stale"] = ("plan_stale" if plan is not None else "plan_stale_none") if stale else ""
    if plan is None:
        return view
    lang = bench.lang
    commissions = {c.id: c for c in outcome.instance.commissions}
    names = supervisor_names(outcome.instance.supervisors or plan.supervisors)
    # A day as the settings form writes it (09/10/2026), not schedule.csv's ISO date.
    when = {(r.event, r.commission_id): f"{r.day} {r.start}–{r.end}" for r in plan.schedule}
    for cid, sid, expert in plan.supervision:
        commission = commissions.get(cid)
        view["supervision"].append(
            {
                "team": cid,
                "institution": commission.institution if commission else "",
                "town": (commission.town or "") if commission else "",
                "supervisor": sid,
                "name": names.get(sid, sid),
                "expertise": expert,
                "visit": when.get(("visit", cid), ""),
                "oral": when.get(("oral", cid), ""),
            }
        )
    calendar = outcome.settings.calendar
    for slot in (calendar.visit_slot, *calendar.oral_slots):
        rows = sorted(
            (r for r in plan.schedule if slot_key(r.slot) == slot_key(slot)),
            key=lambda r: (r.supervisor_id, r.start),
        )
        if not rows:
            continue
        kind = label("plan_visit" if slot == calendar.visit_slot else "plan_oral", lang)
        date = calendar.dates_by_day.get(slot_key(slot), "")
        # A slot named by its day is not followed by that day again (probe s33: « Visite :
        # 19/11/2026 (19/11/2026) »).
        heading = (
            label("plan_day_dated", lang, kind=kind, slot=slot, date=belgian(date))
            if date and slot_key(slot) != slot_key(date)
            else label("plan_day", lang, kind=kind, slot=slot)
        )
        view["days"].append(
            {
                "slot": slot,
                "heading": heading,
                "rows": [
                    {"r": r, "name": names.get(r.supervisor_id, r.supervisor_id)} for r in rows
                ],
            }
        )
    view["objectives"] = [(o.name, o.value) for o in plan.stage.objectives]
    if not view["objectives"] and outcome.edited is not None:
        # A plan read from a reopened result: its values as ``matcher check`` computes them
        # (probe s27: none were shown).
        view["objectives"] = [(n, v) for st, n, v, _ in outcome.edited.priorities if st == "plan"]
    view["withdrawn"] = list(plan.withdrawn)
    view["status"] = plan.stage.status.value
    return view


def plan_stale(bench: Workbench, outcome: RunOutcome) -> bool:
    """Whether ``[supervision]`` or ``[calendar]`` were applied in the page since the plan
    shown, or since the plan that found none (its outcome holds the settings it tried)."""
    if bench.instance is None or (outcome.plan is None and not bench.plan_error):
        return False
    now = bench.instance.settings
    return (outcome.settings.supervision, outcome.settings.calendar) != (
        now.supervision,
        now.calendar,
    )


def plan_changes(outcome: RunOutcome | None, pending: RunOutcome) -> list[tuple[str, str, str]]:
    """(team, supervisor before, supervisor after) per team whose supervisor a what-if
    changes (a team that is new has "" before). None when the board had no plan: the
    what-if's plan is the first, no team changes supervisor (as ``matcher whatif``). A team
    a reserve takes over had the supervisor of the commission it replaces (as ``matcher
    whatif`` counts it, ``taken_over``)."""
    if outcome is None or outcome.plan is None:
        return []
    before = _supervisor_of(outcome.plan)
    replaced = {} if pending.changes is None else pending.changes.replaced
    before |= {new: before[old] for old, new in replaced.items() if old in before}
    after = _supervisor_of(pending.plan)
    return [(cid, before.get(cid, ""), sid) for cid, sid in after.items() if before.get(cid) != sid]


def _supervisor_of(plan: PlanResult | None) -> dict[str, str]:
    return {} if plan is None else {cid: sid for cid, sid, _ in plan.supervision}
