"""The ``reason`` of a selection.csv read back, in the language of the command reading it.

matcher writes each proposal's reason in the language in force (``retenue``, ``réserve 2 :
institution déjà retenue (CPAS de Namur)``). A result written in one language and read by
``report``, ``plan``, ``check`` or ``whatif`` under the other would carry those words into
outputs that must be all in the reader's language (contract §7). A reason that is one of
matcher's own sentences, in either language, is read back as the message it words (a
``Text``), so that the outputs word it again; an eligibility reason is recomputed from the
instance (its slots are a list worded per language). Anything else (a reason a director typed
by hand) is kept as written.
"""

from __future__ import annotations

import re
import string
from functools import cache

from matcher.eligibility import eligibility
from matcher.labels import Listing, Text, counted, label, label_pattern, listing, text
from matcher.schemas import Commission, SelectionSettings

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
#: A proposal selected because students are pinned to it (``{ids}`` a list of ids).
_PINNED = ("reason_pinned_one", "reason_pinned_many")
#: Why a proposal that could host no team was left out (the ``{rule}`` of
#: ``reason_cannot_host``): its own sizes, rebuilt from the commission, or no oral slot.
_SIZE_RULES = (
    "td_size_asks_one",
    "td_size_asks_many",
    "td_size_asks_exact_one",
    "td_size_asks_exact_many",
)
#: Why a proposal is not eligible: recomputed from the instance when recognised.
_NOT_ELIGIBLE = ("elig_missing", "elig_excluded", "elig_missing_excluded")


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


def _listed(written: str, last: str = "word_and") -> Listing:
    """Items as ``Listing.words`` joined them in either language (``S07, S08 and S09``,
    ``a ou b``, ``a, b et 3 autres``), as a ``Listing`` worded again by the reader."""
    more = _match("and_more", written)
    if more is not None and more["n"].isdigit():
        return Listing(tuple(more["items"].split(", ")), last, int(more["n"]))
    for lang in ("en", "fr"):
        head, joined, tail = written.rpartition(f" {label(last, lang)} ")
        if joined:
            return listing([*head.split(", "), tail], last)
    return listing(written.split(", "), last)


def _pinned(reason: str) -> Text | None:
    """``selected (S07 is pinned to it)`` in either language, worded again."""
    for key in _PINNED:
        values = _match(key, reason)
        if values is not None:
            ids = _listed(values["ids"])
            return counted("reason_pinned", len(ids.items) + ids.more, ids=ids)
    return None


def _cannot_host(reason: str, commission: Commission | None) -> Text | None:
    """``left out: it could host no team of this cohort (…)`` in either language, its rule
    rebuilt (a size rule from the commission's own sizes)."""
    # Here, not at the top: matcher.conflicts needs matcher.verify, which needs loading.
    from matcher.conflicts import own_size_rule

    values = _match("reason_cannot_host", reason)
    if values is None:
        return None
    rule = values["rule"]
    for key in _SIZE_RULES:
        sizes = _match(key, rule)
        if sizes is not None and commission is not None:
            low = sizes.get("low", sizes.get("size", ""))
            high = sizes.get("high", sizes.get("size", ""))
            if low.isdigit() and high.isdigit():
                rebuilt = own_size_rule(commission, int(low), int(high))
                if rebuilt is not None:
                    return text("reason_cannot_host", rule=rebuilt)
    oral = _match("td_no_oral_slot", rule)
    if oral is not None:
        slots = _listed(oral["slots"], "word_or")
        return text("reason_cannot_host", rule=text("td_no_oral_slot", **{**oral, "slots": slots}))
    return None


def reason_read_back(
    written: str, commission: Commission | None, settings: SelectionSettings
) -> str | Text:
    """``written`` (a ``reason`` cell) as a message worded in the reader's language when it
    is one of matcher's sentences, else as written."""
    reason = written.strip()
    if not reason:
        return written
    known = _recognised(_REASONS, reason) or _pinned(reason) or _cannot_host(reason, commission)
    if known is not None:
        return known
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
