"""The ``reason`` of a selection.csv read back, in the language of the command reading it.

matcher writes each proposal's reason in the language in force (``retenue``, ``réserve 2 :
institution déjà retenue (CPAS de Namur)``). A result written in one language and read by
``report``, ``plan``, ``check`` or ``whatif`` under the other would carry those words into
outputs that must be all in the reader's language (contract §7). A reason that is one of
matcher's own sentences, in either language, is read back as the message it words (a
``Text``), so that the outputs word it again; an eligibility reason is recomputed from the
instance (its slots are a list worded per language), and so are the reasons the cohort's
students give (the students pinned to a proposal, a proposal that could host no team of
this cohort) when the instance is known. Anything else (a reason a director typed
by hand) is kept as written.
"""

from __future__ import annotations

import re
import string
from functools import cache

from matcher.eligibility import eligibility
from matcher.labels import Text, label_pattern, text
from matcher.schemas import Commission, Instance, SelectionSettings

__all__ = ["reason_read_back"]

#: matcher's own reasons, read back as themselves.
_REASONS = (
    "reason_selected",
    "reason_included",
    "reason_selected_by_hand",
    "reason_unsolved",
    "reason_withdrawn",
    "reason_replaces",
    "reason_absent_from_file",
    "reason_institution_gone",
)
#: Why a reserve was not selected (the ``{why}`` of ``reason_reserve``).
_WHYS = (
    "why_sectors",
    "why_problem_types",
    "why_sector_spread",
    "why_priority",
    "why_institution",
    "why_impossible",
    "why_not_evaluated",
    "why_could_improve",
    "why_as_good",
    "why_unselected_by_hand",
    "why_absent_from_file",
)
#: Why a proposal is not eligible: recomputed from the instance when recognised.
_NOT_ELIGIBLE = ("elig_missing", "elig_excluded", "elig_missing_excluded")
#: Why the students' needs selected a proposal or left it out: recomputed from the cohort.
_PINNED = ("reason_pinned_one", "reason_pinned_many")


@cache
def _patterns(key: str) -> tuple[re.Pattern[str], ...]:
    """Regular expressions matching the label ``key`` in English and in French, each
    placeholder a named group."""
    patterns = []
    for lang in ("en", "fr"):
        parts = []
        for literal, name, _, _ in string.Formatter().parse(label_pattern(key, lang)):
            parts.append(re.escape(literal))
            if name:
                parts.append(f"(?P<{name}>.+?)")
        patterns.append(re.compile("".join(parts), re.DOTALL))
    return tuple(patterns)


def _match(key: str, written: str) -> dict[str, str] | None:
    """The placeholders' values when ``written`` is the label ``key`` in either language."""
    for pattern in _patterns(key):
        found = pattern.fullmatch(written)
        if found is not None:
            return found.groupdict()
    return None


def _recognised(keys: tuple[str, ...], written: str) -> Text | None:
    for key in keys:
        values = _match(key, written)
        if values is not None:
            return text(key, **values)
    return None


def _students_reason(reason: str, commission: Commission, instance: Instance) -> Text | None:
    """``reason`` as the cohort words it again when it is one of the reasons its students
    give (pinned students, a proposal that could host no team), None otherwise or when the
    cohort no longer gives it."""
    from matcher.conflicts import unfit_rule
    from matcher.selection_needs import pinned_reason

    if any(_match(key, reason) is not None for key in _PINNED):
        pinned = [s.id for s in instance.students if s.pinned == commission.id]
        return pinned_reason(pinned) if pinned else None
    if _match("reason_cannot_host", reason) is not None:
        rule = unfit_rule(instance, commission, instance.settings.selection.count)
        return text("reason_cannot_host", rule=rule) if rule is not None else None
    return None


def reason_read_back(
    written: str,
    commission: Commission | None,
    settings: SelectionSettings,
    instance: Instance | None = None,
) -> str | Text:
    """``written`` (a ``reason`` cell) as a message worded in the reader's language when it
    is one of matcher's sentences, else as written. ``instance``: the cohort, to word again
    the reasons its students give."""
    reason = written.strip()
    if not reason:
        return written
    known = _recognised(_REASONS, reason)
    if known is not None:
        return known
    if commission is not None and instance is not None:
        again = _students_reason(reason, commission, instance)
        if again is not None:
            return again
    reserve = _match("reason_reserve", reason)
    if reserve is not None:
        why = _recognised(_WHYS, reserve["why"]) or reserve["why"]
        return text("reason_reserve", rank=reserve["rank"], why=why)
    # A label without placeholders matches as {}: compare with None, not truthiness.
    if commission is not None and any(_match(key, reason) is not None for key in _NOT_ELIGIBLE):
        fate = eligibility(commission, settings)
        if not fate.eligible:
            return fate.reason
    return written
