"""The settings in force written as a settings.toml (contract §4), saved beside a result
(the workbench's save), and one TOML value (``toml_value``, also the benchmarks').

Settings edited in the page are not those of the instance's files: saving writes them into
the output folder so that ``matcher check INSTANCE --result DIR --settings DIR/settings.toml``
checks the result against the rules it was made under. Values left to their default that
depend on the cohort (``None``: team sizes, the balanced attributes) are not written.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from matcher.schemas import Settings

__all__ = ["sections_toml", "settings_toml", "toml_value"]


def settings_toml(settings: Settings) -> str:
    """``settings`` as TOML text, one table per section, in the schema's order."""
    return sections_toml(settings.model_dump())


def sections_toml(sections: Mapping[str, Mapping[str, Any]]) -> str:
    """Sections (name → key → value) as TOML text, one table each, ``None`` left out."""
    lines: list[str] = []
    for section, values in sections.items():
        if lines:
            lines.append("")
        lines.append(f"[{section}]")
        for key, value in values.items():
            if value is not None:
                lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """One TOML value: strings quoted as JSON quotes them (TOML basic strings share its
    escapes), numbers and booleans as written, lists and tables inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{json.dumps(str(k), ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()
        )
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML value for {value!r}")
