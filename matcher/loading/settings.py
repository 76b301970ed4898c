"""settings.toml: reading it into :class:`~matcher.schemas.Settings`, and one check per rule.

Reading (:func:`load_settings`) checks types and key names against the schema. What the
schema cannot know is checked once the instance's files are read (:func:`check_settings`):
settings that name proposals, slots, columns or conditions must name ones that exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from matcher.eligibility import slot_days
from matcher.errors import InputError, Problem
from matcher.labels import Text, Written, counted, listing, text
from matcher.loading.cells import condition_attribute, parse_bool, parse_condition, value_meets
from matcher.loading.columns import COMMISSION_COLUMNS
from matcher.loading.id_index import IdIndex, with_suggestion
from matcher.loading.records import InstanceDraft, refusal
from matcher.loading.toml_text import read_toml
from matcher.schemas import (
    BALANCEABLE,
    CalendarSettings,
    Commission,
    SelectionSettings,
    Settings,
    Student,
    TeamSettings,
)
from matcher.text import control_characters, drop_control_characters, fold_name

# --- Reading settings.toml ----------------------------------------------------------------


def _tuples(value: Any) -> Any:
    """TOML arrays as tuples, so that strict validation accepts them as the schema's tuples."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


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


def schema_problems(label: str, error: ValidationError) -> list[Problem]:
    """What the schema refused, one problem per dotted key (``selection.count``).

    Every message names the value found and what is expected in plain words
    (:func:`~matcher.loading.records.refusal`), never pydantic's own text; an unknown key
    or a value outside a list of names suggests the nearest one.
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


def _without_controls(value: Any, key: str, found: dict[str, str]) -> Any:
    """``value`` (a TOML document or part of it) with the control characters of its
    strings and keys dropped; ``found`` receives dotted key → the characters dropped."""
    if isinstance(value, str):
        chars = control_characters(value)
        if chars:
            found.setdefault(key, chars)
            return drop_control_characters(value)
        return value
    if isinstance(value, list):
        return [_without_controls(v, key, found) for v in value]
    if isinstance(value, dict):
        cleaned: dict[str, Any] = {}
        for name, item in value.items():
            clean_name = _without_controls(name, f"{key}.{name}" if key else name, found)
            child = f"{key}.{clean_name}" if key else clean_name
            cleaned[clean_name] = _without_controls(item, child, found)
        return cleaned
    return value


def load_settings(path: Path, warnings: list[str | Text] | None = None) -> Settings:
    """Read a settings.toml; missing keys take the contract's defaults.

    Control characters in its strings (escape sequences, bell, NUL: a slot label, a
    date's slot) are dropped, as in a cell, so that none reaches the terminal or an output
    raw; ``warnings``, when given, receives one warning per key naming them.

    Raises
    ------
    InputError
        When the file is not TOML, a key is unknown or a value has the wrong type; each
        problem names the dotted key (``selection.count``) as its column.
    """
    found: dict[str, str] = {}
    try:
        data = _tuples(_without_controls(read_toml(path, warnings), "", found))
    except RecursionError:
        # Reading recurses once per nested list, inline table or dotted section: a file
        # nesting them thousands deep (``a = [[[[…]]]]``) exhausted Python's stack (exit 1).
        too_deep = text("ld_not_toml", reason=text("toml_too_deep"))
        raise InputError(Problem(path.name, too_deep)) from None
    if warnings is not None:
        warnings.extend(
            text("ld_settings_control_characters", file=path.name, setting=key, chars=chars)
            for key, chars in found.items()
        )
    try:
        return Settings.model_validate(data, strict=True)
    except ValidationError as error:
        raise InputError(schema_problems(path.name, error)) from None


# --- Checks against the instance's files, one per rule ------------------------------------


def _resolve_include_exclude(
    selection: SelectionSettings,
    commission_ids: set[str],
    label: str,
    problems: list[Problem],
    source: str = "commissions.csv",
) -> dict[str, Any]:
    """``include`` and ``exclude`` as proposal ids of commissions.csv (resolved spellings)."""
    index = IdIndex(commission_ids)
    update: dict[str, Any] = {}
    for key in ("include", "exclude"):
        resolved = []
        for ref in getattr(selection, key):
            id_ = index.resolve(ref)
            if id_ is None:
                message = text("ld_not_a_proposal", ref=ref, file=source)
                problems.append(
                    Problem(
                        label,
                        with_suggestion(message, ref, index),
                        column=f"selection.{key}",
                    )
                )
            else:
                resolved.append(id_)
        update[key] = tuple(resolved)
    both = set(update["include"]) & set(update["exclude"])
    if both:
        problems.append(
            Problem(
                label,
                counted("ld_include_and_exclude", len(both), ids=", ".join(sorted(both))),
                column="selection.include",
            )
        )
    return update


def _warn_unknown_slots(
    settings: Settings,
    commissions: Sequence[Commission],
    label: str,
    warnings: list[str | Text],
    source: str = "commissions.csv",
) -> None:
    """Required slots that appear in no proposal's slots are likely misspelt (slots compare
    by :func:`matcher.text.slot_key`: ``1/10/2026`` is ``01/10/2026``). Slot rules over a
    proposals' file without a slots column hold for every proposal (contract §5): said, so
    that no rule written in settings.toml goes unapplied silently."""
    selection, day = settings.selection, slot_days(settings.calendar)
    # A slot [calendar] dates puts on a day is that day (``oral_thu`` and ``15/4/2027``).
    known_slots = {day(s) for c in commissions for s in c.slots or ()}
    named = [*selection.required_slots, *(s for g in selection.any_slots for s in g)]
    if commissions and named and all(c.slots is None for c in commissions):
        keys = [k for k in ("required_slots", "any_slots") if getattr(selection, k)]
        warnings.append(
            text(
                "ld_slot_rules_unused",
                file=label,
                keys=" / ".join(keys),
                slots=", ".join(named),
                source=source,
                accepted=", ".join(COMMISSION_COLUMNS["slots"]),
            )
        )
    if any(c.slots is not None for c in commissions):
        unknown = [s for s in named if day(s) not in known_slots]
        if unknown:
            slots = ", ".join(unknown)
            warnings.append(counted("ld_unknown_slots", len(unknown), file=label, slots=slots))


def _check_slot_lists(selection: SelectionSettings, label: str, problems: list[Problem]) -> None:
    """``required_slots`` and ``any_slots`` name slots: no blank label, no empty group.

    A blank label is in no proposal's slots and an empty group has no slot to offer, so
    either would leave every proposal ineligible under a diagnosis naming nothing.
    """
    for key, labels in (
        ("required_slots", selection.required_slots),
        ("any_slots", [s for group in selection.any_slots for s in group]),
    ):
        if any(not slot.strip() for slot in labels):
            problems.append(Problem(label, text("ld_blank_slot"), column=f"selection.{key}"))
    if any(not group for group in selection.any_slots):
        problems.append(Problem(label, text("ld_empty_slot_group"), column="selection.any_slots"))


def _check_repeated_priorities(settings: Settings, label: str, problems: list[Problem]) -> None:
    """Each priority of a stage is listed once."""
    for section, listed in (
        ("selection", settings.selection.priorities),
        ("teams", settings.teams.priorities),
    ):
        repeated = sorted({p for p in listed if listed.count(p) > 1})
        if repeated:
            problems.append(
                Problem(
                    label,
                    text("ld_priority_twice", names=", ".join(repeated)),
                    column=f"{section}.priorities",
                )
            )


def _check_team_sizes(teams: TeamSettings, label: str, problems: list[Problem]) -> None:
    """``teams.min_size`` ≤ ``teams.max_size`` when both are given."""
    if (
        teams.min_size is not None
        and teams.max_size is not None
        and teams.min_size > teams.max_size
    ):
        problems.append(
            Problem(
                label,
                text(
                    "ld_min_above_max",
                    min_name=text("setting_min_size"),
                    low=teams.min_size,
                    max_name=text("setting_max_size"),
                    high=teams.max_size,
                ),
                column="teams.min_size",
            )
        )


def _check_balance(
    teams: TeamSettings,
    absent: Callable[[str], bool],
    label: str,
    problems: list[Problem],
    students: str = "students.csv",
    warnings: list[str | Text] | None = None,
) -> tuple[str, ...] | None:
    """``teams.balance`` names attributes that can be balanced; those students.csv has are
    balanced (contract §4: "those present in students.csv"), the others left out with a
    warning naming them, so that the default list written out holds for a cohort without,
    say, a gender column.

    An attribute may be written as the students' column is (``genre``, ``formation
    initiale``, ``en emploi``: contract §1's aliases, as ``no_isolation`` takes them);
    returns the attributes as their fields (``gender``, ``background``, ``employed``),
    messages keep them as written.
    """
    if teams.balance is None:
        return None
    attributes = text("condition_attributes")
    canonical = []
    for written in teams.balance:
        attribute = condition_attribute(written)
        if attribute not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    text("ld_cannot_balance", attribute=written, attributes=attributes),
                    column="teams.balance",
                )
            )
        elif absent(attribute):
            if warnings is not None:
                warnings.append(
                    text("ld_balance_absent", settings=label, attribute=written, file=students)
                )
            continue
        canonical.append(attribute)
    return tuple(dict.fromkeys(canonical))


def _check_no_isolation(
    teams: TeamSettings,
    absent: Callable[[str], bool],
    label: str,
    problems: list[Problem],
    students: str = "students.csv",
) -> None:
    """``teams.no_isolation`` holds conditions ``attribute=value`` that students can meet."""
    attributes = text("condition_attributes")
    seen: dict[tuple[str, object], str] = {}
    twice: list[str] = []
    for condition in teams.no_isolation:
        parsed = parse_condition(condition)
        if parsed is not None:
            # The attribute as its field (``genre`` → gender); messages keep the condition
            # as the director wrote it.
            parsed = (condition_attribute(parsed[0]), parsed[1])
        # An empty value is a flag's "no" (one truth table: ``vae=``; probe s29d), nothing
        # for a category.
        flag = parsed is not None and parsed[0] in ("vae", "employed")
        if parsed is None or not (parsed[1] or flag) or parsed[0] not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    text("ld_not_condition", condition=condition, attributes=attributes),
                    column="teams.no_isolation",
                )
            )
            continue
        attribute, value = parsed
        if absent(attribute):
            problems.append(
                Problem(
                    label,
                    text(
                        "ld_condition_no_column",
                        condition=condition,
                        file=students,
                        attribute=attribute,
                    ),
                    column="teams.no_isolation",
                )
            )
        elif attribute in ("vae", "employed") and parse_bool(value) is None:
            problems.append(
                Problem(
                    label,
                    text("ld_condition_not_bool", condition=condition, value=value),
                    column="teams.no_isolation",
                )
            )
        else:
            # Each condition once (probe s30b: the same one 3,000 times took 23 s past a
            # 5 s time limit, a constraint per copy); « vae=yes » and « vae=oui » alike.
            key = (attribute, parse_bool(value) if flag else fold_name(value))
            if key in seen:
                # Every spelling named (« vae=yes, VAE=oui »: probe s30g saw only the first).
                twice += [c for c in dict.fromkeys((seen[key], condition)) if c not in twice]
            seen.setdefault(key, condition)
    if twice:
        problems.append(
            Problem(
                label,
                text("ld_condition_twice", conditions=", ".join(twice)),
                column="teams.no_isolation",
            )
        )


def check_settings(
    draft: InstanceDraft,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    student_columns: frozenset[str] | None,
    commissions_file: str = "commissions.csv",
) -> Settings:
    """Settings that name ids, slots or attributes must name ones that exist.

    Problems and warnings go to ``draft``; the settings returned hold ``include`` and
    ``exclude`` as the ids of commissions.csv, and ``balance`` as the students' fields.
    ``commissions_file``: the proposals' file as named on disk, when ``draft`` has not read
    it (settings changed in the workbench).
    """
    settings = draft.settings
    label = draft.settings_label
    selection = settings.selection
    update: dict[str, Any] = {}
    if commission_ids is not None:
        source = draft.commissions.label if draft.commissions is not None else commissions_file
        update = _resolve_include_exclude(selection, commission_ids, label, draft.problems, source)
        _warn_unknown_slots(settings, commissions, label, draft.warnings, source)
    _check_slot_lists(selection, label, draft.problems)
    _check_repeated_priorities(settings, label, draft.problems)
    _check_team_sizes(settings.teams, label, draft.problems)

    def absent(attribute: str) -> bool:
        # background is a required column; the others exist only when the file has them.
        return (
            student_columns is not None
            and attribute != "background"
            and attribute not in student_columns
        )

    students = draft.students.label if draft.students is not None else "students.csv"
    balance = _check_balance(
        settings.teams, absent, label, draft.problems, students, draft.warnings
    )
    _check_no_isolation(settings.teams, absent, label, draft.problems, students)
    if update:
        selection = selection.model_copy(update=update)
        settings = settings.model_copy(update={"selection": selection})
    if balance is not None and balance != settings.teams.balance:
        teams = settings.teams.model_copy(update={"balance": balance})
        settings = settings.model_copy(update={"teams": teams})
    return settings


def conditions_no_one_meets(
    settings: Settings, students: Sequence[Student], file: str = "students.csv"
) -> list[Text]:
    """Warnings for the ``no_isolation`` conditions that no student meets.

    Such a condition keeps nothing: most often a value written otherwise than in the
    students' file (``genre=Femme`` where the file says ``F``). It is not invalid (a cohort
    may have no VAE student this year), but the director is told, with the values found,
    so that no rule is dropped silently (contract §2).
    """
    warnings: list[Text] = []
    if not students:
        return warnings
    for condition in settings.teams.no_isolation:
        parsed = parse_condition(condition)
        if parsed is None:
            continue
        attribute = condition_attribute(parsed[0])
        if attribute not in BALANCEABLE:
            continue
        values = [getattr(student, attribute) for student in students]
        if any(value_meets(value, parsed[1]) for value in values):
            continue
        found = sorted({str(v) for v in values if v is not None and not isinstance(v, bool)})
        key = "ld_condition_met_by_nobody_values" if found else "ld_condition_met_by_nobody"
        warnings.append(text(key, condition=condition, file=file, values=", ".join(found)))
    return warnings
