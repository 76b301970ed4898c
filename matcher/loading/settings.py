"""settings.toml: reading it into :class:`~matcher.schemas.Settings`, and one check per rule.

Reading (:func:`load_settings`) checks types and key names against the schema. What the
schema cannot know is checked once the instance's files are read (:func:`check_settings`):
settings that name proposals, slots, columns or conditions must name ones that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from matcher.eligibility import slot_days
from matcher.errors import InputError, Problem
from matcher.labels import Text, counted, text
from matcher.loading.cells import condition_attribute, parse_bool, parse_condition, value_meets
from matcher.loading.columns import COMMISSION_COLUMNS
from matcher.loading.crossrefs import preview
from matcher.loading.id_index import IdIndex, with_suggestion
from matcher.loading.records import InstanceDraft
from matcher.loading.settings_schema import condition_refused, schema_problems
from matcher.loading.toml_text import read_toml
from matcher.schemas import (
    BALANCEABLE,
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


def load_settings(
    path: Path, warnings: list[str | Text] | None = None, label: str | None = None
) -> Settings:
    """Read a settings.toml; missing keys take the contract's defaults. ``label``: the file
    as messages name it (``--settings`` as typed), else its name.

    Control characters in its strings (escape sequences, bell, NUL: a slot label, a
    date's slot) are dropped, as in a cell, so that none reaches the terminal or an output
    raw; ``warnings``, when given, receives one warning per key naming them.

    Raises
    ------
    InputError
        When the file is not TOML, a key is unknown or a value has the wrong type; each
        problem names the dotted key (``selection.count``) as its column.
    """
    label = label or path.name
    found: dict[str, str] = {}
    try:
        data = _tuples(_without_controls(read_toml(path, warnings, label), "", found))
    except RecursionError:
        # Reading recurses once per nested list, inline table or dotted section: a file
        # nesting them thousands deep (``a = [[[[…]]]]``) exhausted Python's stack (exit 1).
        too_deep = text("ld_not_toml", reason=text("toml_too_deep"))
        raise InputError(Problem(label, too_deep)) from None
    if warnings is not None:
        warnings.extend(
            text("ld_settings_control_characters", file=label, setting=key, chars=chars)
            for key, chars in found.items()
        )
    try:
        return Settings.model_validate(data, strict=True)
    except ValidationError as error:
        raise InputError(schema_problems(label, error, data)) from None


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
    _warn_glued_slots(settings, commissions, named, day, warnings, source)


def _warn_glued_slots(
    settings: Settings,
    commissions: Sequence[Commission],
    named: list[str],
    day: Callable[[str], str],
    warnings: list[str | Text],
    source: str,
) -> None:
    """A proposal's slot the settings do not name, made of slots they do between slashes
    (« visite / oral vendredi »): read as one slot, said with how to separate them (probe
    s40f: the proposal said unavailable on the very slots its cell shows). A slash is not
    a separator: a label may hold a date (« oral 20/05 »). ``day``: a slot as
    :func:`slot_days` reads it."""
    calendar = settings.calendar
    known = {day(s) for s in (*named, calendar.visit_slot, *calendar.oral_slots)}
    glued: dict[str, list[str]] = {}
    for commission in commissions:
        for slot in commission.slots or ():
            parts = [part.strip() for part in slot.split("/")]
            if day(slot) not in known and len(parts) > 1 and all(day(p) in known for p in parts):
                glued.setdefault(slot, []).append(commission.id)
    for slot, ids in glued.items():
        apart = "; ".join(part.strip() for part in slot.split("/"))
        warnings.append(
            text("ld_slots_glued", slot=slot, file=source, ids=preview(ids), parts=apart)
        )


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
    seen: dict[tuple[str, object], str] = {}
    twice: list[str] = []
    for condition in teams.no_isolation:
        refused = condition_refused(condition)
        parsed = parse_condition(condition)
        if parsed is None or (refused is not None and refused.key == "ld_not_condition"):
            # No condition on a student's attribute (said before its column is looked for).
            problems.append(Problem(label, refused or condition, column="teams.no_isolation"))
            continue
        attribute, value = condition_attribute(parsed[0]), parsed[1]
        flag = attribute in ("vae", "employed")
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
        elif refused is not None:
            problems.append(Problem(label, refused, column="teams.no_isolation"))
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
