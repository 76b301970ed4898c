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
    "priority": "teams.priorities",
}


def settings_form(lang: Lang = "en") -> dict[str, Any]:
    """The settings form as dotted keys → values (the schema checks them). A field the
    form does not send keeps its value; the checkbox lists are sent by the page as a
    whole (its ``lists`` marker), since an unticked box sends nothing. The time limit is
    written as the page shows it: a decimal comma in French (``7,5``)."""
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
    }
    changes = {FIELDS[name]: read(form[name]) for name, read in readers.items() if name in form}
    if lists or "selection_priority" in form:
        changes["selection.priorities"] = [p for p in form.getlist("selection_priority") if p]
    if lists or "priority" in form:
        changes["teams.priorities"] = [p for p in form.getlist("priority") if p]
    if lists or any(f"balance_{a}" in form for a in BALANCEABLE):
        changes["teams.balance"] = [a for a in BALANCEABLE if form.get(f"balance_{a}")]
    return changes


def field_of(column: str | None) -> str | None:
    """The form field setting the dotted key ``column`` (e.g. ``teams.min_size``)."""
    for name, key in FIELDS.items():
        if column == key:
            return name
    return None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]
