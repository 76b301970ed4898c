"""The settings form: its fields, the settings key each one sets, and reading it."""

from __future__ import annotations

from typing import Any

from flask import request

from matcher.labels import Lang
from matcher.schemas import BALANCEABLE

#: Settings form fields → the settings key each one sets (problems are shown beside them).
FIELDS = {
    "count": "selection.count",
    "max_per_institution": "selection.max_per_institution",
    "time_limit": "solver.time_limit",
    "required_slots": "selection.required_slots",
    "any_slots": "selection.any_slots",
    "include": "selection.include",
    "exclude": "selection.exclude",
    "selection_priority": "selection.priorities",
    "min_size": "teams.min_size",
    "max_size": "teams.max_size",
    "balance": "teams.balance",
    "no_isolation": "teams.no_isolation",
    "conflict_of_interest": "teams.conflict_of_interest",
    "priority": "teams.priorities",
    # Stage 3 (contract §11), shown when the cohort has supervisors.csv.
    "max_teams": "supervision.max_teams",
    "plan_priority": "supervision.priorities",
    "visit_slot": "calendar.visit_slot",
    "visit_window": "calendar.visit_window",
    "visit_minutes": "calendar.visit_minutes",
    "oral_slots": "calendar.oral_slots",
    "oral_window": "calendar.oral_window",
    "oral_minutes": "calendar.oral_minutes",
    "travel_minutes": "calendar.travel_minutes",
    "same_town_minutes": "calendar.same_town_minutes",
    "dates": "calendar.dates",
}


def settings_form(lang: Lang = "en") -> dict[str, Any]:
    """The settings form as dotted keys → values (the schema checks them). A field the
    form does not send keeps its value; the checkboxes (the lists, the conflict of
    interest) are sent by the page as a whole (its ``lists`` marker), since an unticked
    box sends nothing. The time limit is written as the page shows it: a decimal comma
    in French (``7,5``)."""
    form = request.form
    lists = "lists" in form
    readers: dict[str, Any] = {
        "count": lambda v: v,
        "max_per_institution": lambda v: v,
        "time_limit": lambda v: v.strip().replace(",", ".") if lang == "fr" else v.strip(),
        "required_slots": _lines,
        "any_slots": lambda v: [_ids(line) for line in _lines(v) if _ids(line)],
        "include": _ids,
        "exclude": _ids,
        "min_size": lambda v: v.strip() or None,
        "max_size": lambda v: v.strip() or None,
        "no_isolation": _lines,
        # Empty: the default, 0 (as even as possible), as the field's label says.
        "max_teams": lambda v: v.strip() or "0",
        "visit_slot": lambda v: v.strip(),
        "visit_minutes": lambda v: v.strip(),
        "oral_slots": _ids,
        "oral_minutes": lambda v: v.strip(),
        "travel_minutes": lambda v: v.strip(),
        "same_town_minutes": lambda v: v.strip(),
        "dates": _dates,
    }
    changes = {FIELDS[name]: read(form[name]) for name, read in readers.items() if name in form}
    for window in ("visit_window", "oral_window"):
        # Two fields, start and end: the settings' pair.
        if window in form:
            changes[FIELDS[window]] = [v.strip() for v in form.getlist(window)]
    if lists or "selection_priority" in form:
        changes["selection.priorities"] = [p for p in form.getlist("selection_priority") if p]
    if lists or "priority" in form:
        changes["teams.priorities"] = [p for p in form.getlist("priority") if p]
    if "plan_priority_list" in form or "plan_priority" in form:
        changes["supervision.priorities"] = [p for p in form.getlist("plan_priority") if p]
    if lists or any(f"balance_{a}" in form for a in BALANCEABLE):
        changes["teams.balance"] = [a for a in BALANCEABLE if form.get(f"balance_{a}")]
    if lists or "conflict_of_interest" in form:
        # Unticked, the box sends nothing: a student may then join their employer's team.
        changes["teams.conflict_of_interest"] = bool(form.get("conflict_of_interest"))
    return changes


#: The page's word naming each field (its label's key in the page's words), where it is
#: not the field's own name.
_FIELD_WORDS = {
    "selection_priority": "selection_priorities",
    "priority": "team_priorities",
    "plan_priority": "plan_priorities",
}


def field_words(column: str | None, words: dict[str, str]) -> str:
    """The settings key ``column`` as the page names it: its field's label
    (« Nombre de commandes à retenir », not ``selection.count``); a key inside a field's
    setting (a slot of the dates) after it; ``column`` itself when no field sets it."""
    name = field_of(column)
    if name is None:
        return column or ""
    said = words.get(_FIELD_WORDS.get(name, name), column or "")
    part = part_of(column)
    return f"{said} ({part})" if part else said


def field_of(column: str | None) -> str | None:
    """The form field setting the dotted key ``column`` (e.g. ``teams.min_size``; a key
    inside it, ``calendar.dates.visit``, is the field's too)."""
    for name, key in FIELDS.items():
        if column == key or (column or "").startswith(key + "."):
            return name
    return None


def part_of(column: str | None) -> str:
    """The key inside a field's setting that ``column`` names (``visit`` for
    ``calendar.dates.visit``, the dates field's slot), "" for the field's own key."""
    name = field_of(column)
    if name is None or column is None:
        return ""
    return column.removeprefix(FIELDS[name]).removeprefix(".")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _dates(text: str) -> dict[str, str]:
    """``[calendar] dates`` from one line per slot, ``slot = date`` (a line without ``=``
    is a slot without its date: refused naming it, as settings.toml's would be)."""
    dates: dict[str, str] = {}
    for line in _lines(text):
        slot, _, date = line.partition("=")
        dates[slot.strip().strip('"')] = date.strip().strip('"')
    return dates
