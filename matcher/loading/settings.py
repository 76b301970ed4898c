"""settings.toml: reading it into :class:`~matcher.schemas.Settings`, and one check per rule.

Reading (:func:`load_settings`) checks types and key names against the schema. What the
schema cannot know is checked once the instance's files are read (:func:`check_settings`):
settings that name proposals, slots, columns or conditions must name ones that exist.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from matcher.errors import InputError, Problem
from matcher.labels import Text
from matcher.loading.cells import parse_bool, parse_condition
from matcher.loading.crossrefs import IdIndex
from matcher.loading.records import InstanceDraft
from matcher.schemas import BALANCEABLE, Commission, SelectionSettings, Settings, TeamSettings
from matcher.text import fold_name

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


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML document of ``path`` (UTF-8, or Windows-1252 as old Notepad saves it)."""
    label = path.name
    try:
        data_bytes = path.read_bytes()
    except OSError as error:
        raise InputError(Problem(label, f"cannot be read: {error.strerror or error}")) from None
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad on an old Windows saves Windows-1252; TOML wants UTF-8 but the intent is clear.
        text = data_bytes.decode("cp1252", errors="replace")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python < 3.14 gives the line only inside the message: "(at line 3, column 7)".
        found = re.search(r"at line (\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        raise InputError(
            Problem(label, f"not valid TOML: {getattr(error, 'msg', error)}", row=line)
        ) from None


def _schema_problems(label: str, error: ValidationError) -> list[Problem]:
    """What the schema refused, one problem per dotted key (``selection.count``)."""
    problems: list[Problem] = []
    for detail in error.errors():
        loc = tuple(detail.get("loc", ()))
        key = ".".join(str(part) for part in loc)
        if detail.get("type") == "extra_forbidden":
            known = _known_keys(Settings, loc)
            what = "section" if len(loc) == 1 else "setting"
            message = f"unknown {what} (known: {', '.join(known)})"
        elif loc[:2] == ("selection", "any_slots") and detail.get("type") == "tuple_type":
            message = (
                "expected a list of groups of slots, e.g. any_slots = "
                '[["oral-2027-05-20", "oral-2027-05-21"]]'
            )
            key = "selection.any_slots"
        else:
            message = f"{detail.get('msg')} (found {detail.get('input')!r})"
        if Problem(label, message, column=key) not in problems:
            problems.append(Problem(label, message, column=key))
    return problems


def load_settings(path: Path) -> Settings:
    """Read a settings.toml; missing keys take the contract's defaults.

    Raises
    ------
    InputError
        When the file is not TOML, a key is unknown or a value has the wrong type; each
        problem names the dotted key (``selection.count``) as its column.
    """
    data = _read_toml(path)
    try:
        return Settings.model_validate(_tuples(data), strict=True)
    except ValidationError as error:
        raise InputError(_schema_problems(path.name, error)) from None


# --- Checks against the instance's files, one per rule ------------------------------------


def _resolve_include_exclude(
    selection: SelectionSettings, commission_ids: set[str], label: str, problems: list[Problem]
) -> dict[str, Any]:
    """``include`` and ``exclude`` as proposal ids of commissions.csv (resolved spellings)."""
    index = IdIndex(commission_ids)
    update: dict[str, Any] = {}
    for key in ("include", "exclude"):
        resolved = []
        for ref in getattr(selection, key):
            id_ = index.resolve(ref)
            if id_ is None:
                problems.append(
                    Problem(
                        label,
                        f"'{ref}' is not a proposal id of commissions.csv",
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
                f"{', '.join(sorted(both))} both included and excluded",
                column="selection.include",
            )
        )
    return update


def _warn_unknown_slots(
    selection: SelectionSettings,
    commissions: Sequence[Commission],
    label: str,
    warnings: list[str | Text],
) -> None:
    """Required slots that appear in no proposal's slots are likely misspelt."""
    known_slots = {fold_name(s) for c in commissions for s in c.slots or ()}
    if any(c.slots is not None for c in commissions):
        named = [*selection.required_slots, *(s for g in selection.any_slots for s in g)]
        unknown = [s for s in named if fold_name(s) not in known_slots]
        if unknown:
            warnings.append(f"{label}: slot(s) {', '.join(unknown)} appear in no proposal's slots")


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
                    f"{', '.join(repeated)} listed more than once: each priority counts once",
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
                f"min_size {teams.min_size} exceeds max_size {teams.max_size}",
                column="teams.min_size",
            )
        )


def _check_balance(
    teams: TeamSettings, absent: Callable[[str], bool], label: str, problems: list[Problem]
) -> None:
    """``teams.balance`` names attributes that can be balanced and that students.csv has."""
    attributes = ", ".join(BALANCEABLE)
    for attribute in teams.balance or ():
        if attribute not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    f"'{attribute}' cannot be balanced: expected some of {attributes}",
                    column="teams.balance",
                )
            )
        elif absent(attribute):
            problems.append(
                Problem(
                    label,
                    f"'{attribute}' cannot be balanced: students.csv has no such column",
                    column="teams.balance",
                )
            )


def _check_no_isolation(
    teams: TeamSettings, absent: Callable[[str], bool], label: str, problems: list[Problem]
) -> None:
    """``teams.no_isolation`` holds conditions ``attribute=value`` that students can meet."""
    attributes = ", ".join(BALANCEABLE)
    for condition in teams.no_isolation:
        parsed = parse_condition(condition)
        if parsed is None or not parsed[1] or parsed[0] not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    f"'{condition}' is not a condition: expected attribute=value with an "
                    f"attribute among {attributes} (e.g. vae=yes, gender=M)",
                    column="teams.no_isolation",
                )
            )
            continue
        attribute, value = parsed
        if absent(attribute):
            problems.append(
                Problem(
                    label,
                    f"'{condition}': students.csv has no {attribute} column",
                    column="teams.no_isolation",
                )
            )
        elif attribute in ("vae", "employed") and parse_bool(value) is None:
            problems.append(
                Problem(
                    label,
                    f"'{condition}': {value} is not a yes/no value",
                    column="teams.no_isolation",
                )
            )


def check_settings(
    draft: InstanceDraft,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    student_columns: frozenset[str] | None,
) -> Settings:
    """Settings that name ids, slots or attributes must name ones that exist.

    Problems and warnings go to ``draft``; the settings returned hold ``include`` and
    ``exclude`` as the ids of commissions.csv.
    """
    settings = draft.settings
    label = draft.settings_label
    selection = settings.selection
    update: dict[str, Any] = {}
    if commission_ids is not None:
        update = _resolve_include_exclude(selection, commission_ids, label, draft.problems)
        _warn_unknown_slots(selection, commissions, label, draft.warnings)
    _check_repeated_priorities(settings, label, draft.problems)
    _check_team_sizes(settings.teams, label, draft.problems)

    def absent(attribute: str) -> bool:
        # background is a required column; the others exist only when the file has them.
        return (
            student_columns is not None
            and attribute != "background"
            and attribute not in student_columns
        )

    _check_balance(settings.teams, absent, label, draft.problems)
    _check_no_isolation(settings.teams, absent, label, draft.problems)
    if update:
        selection = selection.model_copy(update=update)
        settings = settings.model_copy(update={"selection": selection})
    return settings
