"""The cohort's warnings, kept from its loading to be said after a solve that failed.

A solving command lists the cohort's warnings after its summary; one ending with exit 3 or 4
(no solution, or none within the time limit) printed the diagnosis alone, so a warning
that explained it (« is the year right? » of a date in [calendar] dates, an employer taken
for an institution) went unsaid (probe s39c).
"""

from __future__ import annotations

from collections.abc import Sequence

from matcher.labels import Lang, Text, label, worded

__all__ = ["remember", "remembered", "warning_lines"]

_PENDING: list[str | Text] = []


def remember(warnings: Sequence[str | Text]) -> None:
    """Keep ``warnings`` (the cohort's, those not said at loading) for ``remembered``;
    each command starts with none."""
    _PENDING[:] = list(warnings)


def remembered() -> list[str | Text]:
    """The warnings ``remember`` kept."""
    return list(_PENDING)


def warning_lines(warnings: Sequence[str | Text], lang: Lang) -> list[str]:
    """``warnings`` under their count, the first ``MAX_PROBLEMS_SHOWN`` and a line counting
    the others, as ``validate`` and the solving commands list them."""
    if not warnings:
        return []
    from matcher.errors import shown_warnings

    shown, more = shown_warnings(warnings)
    lines = [label("val_warnings", lang, n=len(warnings))]
    lines += [f"  - {worded(warning, lang)}" for warning in shown]
    return lines + ([f"  {more.words(lang)}"] if more else [])
