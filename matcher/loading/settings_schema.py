"""settings.toml's values the schema refuses, each worded as a problem a director can act on
(:func:`schema_problems`): the key, the value found and what is expected, a near name
suggested; never pydantic's own text. Split from :mod:`matcher.loading.settings`.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from matcher.errors import Problem
from matcher.labels import Text, Written, listing, text
from matcher.loading.cells import condition_attribute, parse_bool, parse_condition
from matcher.loading.records import refusal
from matcher.schemas import BALANCEABLE, CalendarSettings, Settings, read_clock

__all__ = ["condition_refused", "schema_problems"]


def _known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the section holding ``loc`` accepts (for "unknown setting" messages)."""
    for part in loc[:-1]:
        annotation = model.model_fields[str(part)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _literal_choices(loc: tuple[Any, ...]) -> tuple[str, ...]:
    """The values a ``Literal`` setting accepts (e.g. the priorities of a stage)."""
    import typing

    model: type[BaseModel] = Settings
    names = [part for part in loc if isinstance(part, str)]
    for part in names[:-1]:
        annotation = model.model_fields[part].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ()
        model = annotation
    field = model.model_fields.get(names[-1]) if names else None
    found: list[str] = []

    def walk(annotation: Any) -> None:
        if typing.get_origin(annotation) is typing.Literal:
            found.extend(str(a) for a in typing.get_args(annotation))
        else:
            for arg in typing.get_args(annotation):
                walk(arg)

    if field is not None:
        walk(field.annotation)
    return tuple(found)


def schema_problems(
    label: str, error: ValidationError, data: dict[str, Any] | None = None
) -> list[Problem]:
    """What the schema refused, one problem per dotted key (``selection.count``).

    Every message names the value found and what is expected in plain words
    (:func:`~matcher.loading.records.refusal`), never pydantic's own text; an unknown key
    or a value outside a list of names suggests the nearest one. ``data``, the settings as
    read, lets a list with an item of the wrong type have its other items checked too.
    """
    import difflib  # only when a setting is wrong: not on the way of a valid run

    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    details = error.errors()
    # A list's items refused: its length counted without them is no problem of its own
    # (« oral_slots = [1] » was also told "expected at least 1 item"; probe s39f).
    with_items = {tuple(d.get("loc", ()))[:-1] for d in details if _item_loc(d)}
    for detail in details:
        loc = tuple(detail.get("loc", ()))
        if detail.get("type") == "too_short" and loc in with_items:
            continue
        # Items of a list are named by their list: teams.priorities, not teams.priorities.1.
        key = ".".join(str(part) for part in loc if not isinstance(part, int))
        message: Text
        if detail.get("type") == "extra_forbidden":
            known = _known_keys(Settings, loc)
            kind = "ld_unknown_section" if len(loc) == 1 else "ld_unknown_setting"
            message = text(kind, known=", ".join(known))
            near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
            # A setting written above every [section] (count = 8): said where it belongs.
            home = [
                k
                for k in known
                if len(loc) == 1 and str(loc[0]) in _known_keys(Settings, (k, loc[0]))
            ]
            if home:
                sections = listing([f"[{k}]" for k in home], "word_or")
                message = text("ld_setting_outside", section=sections)
            elif near:
                message = text("ld_with_suggestion", message=message, near=near[0])
        elif loc[:2] == ("selection", "any_slots") and detail.get("type") == "tuple_type":
            message = text("ld_any_slots_shape")
            key = "selection.any_slots"
            found_list = (data or {}).get("selection", {}).get("any_slots")
            if isinstance(found_list, list | tuple):
                # Once, naming the list (probe s40f: the same line for each of its slots,
                # the value found never named).
                message = text("ld_any_slots_found", found=Written(list(found_list)))
                detail = {**detail, "input": None}
        else:
            choices = _literal_choices(loc)
            message = _item_refused(loc, detail) or refusal(detail, choices, settings=True)
            # A table's own rule that names the key to change (the visit too long for its
            # window: calendar.visit_minutes) is located there, not at the whole table.
            raised = (detail.get("ctx") or {}).get("error")
            said = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
            if isinstance(said, Text) and "setting" in said.values:
                key = f"{key}.{said.values['setting']}"
            found = detail.get("input")
            unquoted = _unquoted(found, detail)
            unquoted_refused = None if unquoted is None else _refused_unquoted(loc, unquoted)
            if unquoted_refused is not None:
                # Written without quotes it is refused all the same (« time_limit = "1000001" »
                # told to write 1000001, above the limit; probe s38a): why, as for it.
                message = refusal(unquoted_refused, choices, settings=True)
            elif unquoted is not None and label != "settings":  # a file's, not the form's
                # « "3" ne convient pas : il faut un nombre entier » read as nonsense: the
                # quotes make it text (probe s35d).
                message = text("ld_quoted_number", message=message, name=loc[-1], value=unquoted)
            if len(loc) == 3 and str(loc[1]).endswith("_window") and loc[2] in (0, 1):
                # « visit_window = ["09:00", 13] »: which time is wrong (probe s38a).
                which = "ld_window_start_item" if loc[2] == 0 else "ld_window_end_item"
                message = text(which, message=message)
            if choices and isinstance(found, str):
                near = difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
                # A valid name refused for its shape (no brackets) is not its own suggestion.
                if near and near[0] != found:
                    message = text("ld_with_suggestion", message=message, near=near[0])
        # Said once, but 1 and true are two values (equal in Python: probe s39i, one said).
        said = (key, repr(detail.get("input")), str(message))
        if said not in seen:
            seen.add(said)
            problems.append(Problem(label, message, column=key))
    return problems + _other_items(label, details, data or {})


def condition_refused(condition: str) -> Text | None:
    """Why a ``no_isolation`` item is no condition ``attribute=value`` on a student's
    attribute (its value a yes or no for a flag), or None."""
    parsed = parse_condition(condition)
    attribute = condition_attribute(parsed[0]) if parsed is not None else ""
    flag = attribute in ("vae", "employed")
    if parsed is None or not (parsed[1] or flag) or attribute not in BALANCEABLE:
        return text(
            "ld_not_condition", condition=condition, attributes=text("condition_attributes")
        )
    if flag and parse_bool(parsed[1]) is None:
        return text("ld_condition_not_bool", condition=condition, value=parsed[1])
    return None


def _other_items(label: str, details: list[Any], data: dict[str, Any]) -> list[Problem]:
    """The texts of a window or of ``no_isolation`` refused beside an item of the wrong
    type, which the schema checks only once every item is a text (probe s40a: ``[9,
    "25:00"]`` named the 9 alone, the 25:00 at the next try)."""
    refused: dict[tuple[str, str], set[int]] = {}
    for detail in details:
        loc = tuple(detail.get("loc", ()))
        if detail.get("type") == "string_type" and len(loc) == 3 and isinstance(loc[2], int):
            refused.setdefault((str(loc[0]), str(loc[1])), set()).add(loc[2])
    problems = []
    for (section, name), bad in refused.items():
        items = data.get(section, {}).get(name) if isinstance(data.get(section), dict) else None
        texts = [
            (i, item)
            for i, item in enumerate(items if isinstance(items, list | tuple) else ())
            if i not in bad and isinstance(item, str)
        ]
        for i, item in texts:
            message: Text | None = None
            if section == "calendar" and name.endswith("_window") and i in (0, 1):
                if read_clock(item) is None:
                    which = "ld_window_start_item" if i == 0 else "ld_window_end_item"
                    message = text(which, message=text("sc_not_a_time", clock=item))
            elif (section, name) == ("teams", "no_isolation"):
                message = condition_refused(item)
            if message is not None:
                problems.append(Problem(label, message, column=f"{section}.{name}"))
    return problems


def _item_loc(detail: Any) -> bool:
    """Whether a refusal is of an item of a list (its location ends with its index)."""
    loc = tuple(detail.get("loc", ()))
    return bool(loc) and isinstance(loc[-1], int)


def _item_refused(loc: tuple[Any, ...], detail: Any) -> Text | None:
    """A window's time or a no_isolation condition that is no text (« oral_window = [9, 17] »,
    « no_isolation = [1] »), said with what it must be: "a text in quotes" alone was
    followed by « '9' is not a time » (probe s39a); None for any other refusal."""
    if detail.get("type") != "string_type" or len(loc) != 3 or not isinstance(loc[2], int):
        return None
    section, name = str(loc[0]), str(loc[1])
    if section == "calendar" and name.endswith("_window"):
        field = CalendarSettings.model_fields.get(name)
        if field is None:
            return None
        example = "[" + ", ".join(f'"{clock}"' for clock in field.default) + "]"
        expected = text("ld_expect_window_time", example=example)
    elif (section, name) == ("teams", "no_isolation"):
        expected = text("ld_expect_condition", attributes=text("condition_attributes"))
    else:
        return None
    return text("ld_value_refused", found=Written(detail.get("input")), expected=expected)


def _refused_unquoted(loc: tuple[Any, ...], unquoted: str) -> Any:
    """The refusal (pydantic's error detail) of ``unquoted`` (a number or a boolean as TOML
    writes it) as the setting at ``loc`` (``("solver", "time_limit")``), the other settings
    of its section at their defaults; None when it is taken (or ``loc`` is no plain key of
    a section)."""
    import tomllib

    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    name = str(loc[-1])
    try:
        model.model_validate({name: tomllib.loads(f"v = {unquoted}")["v"]})
    except ValidationError as error:
        return next((d for d in error.errors() if tuple(d["loc"][:1]) == (name,)), None)
    except ValueError:  # not TOML after all, or more digits than Python converts
        return None
    return None


def _unquoted(found: object, detail: Any) -> str | None:
    """A value refused for being text that is what was wanted written in quotes (``"3"``
    for a whole number, ``"2.5"`` for a number, ``"false"`` for true/false): the value to
    write without them (probe s35f: also a boolean, spaces, no hint for ``"1e1"``)."""
    kind = str(detail.get("type", ""))
    if not isinstance(found, str):
        return None
    value = found.strip()
    if kind.startswith("int_") and re.fullmatch(r"[+-]?\d+", value):
        return value
    if kind.startswith(("float_", "finite_number")) and re.fullmatch(
        r"[+-]?(\d+\.?\d*|\.\d+)", value
    ):
        return value
    if kind.startswith("bool_") and value.lower() in ("true", "false"):
        return value.lower()
    return None
