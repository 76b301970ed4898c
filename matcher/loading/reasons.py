"""The ``reason`` of a selection.csv read back, in the language of the command reading it.

matcher writes each proposal's reason in the language in force (``retenue``, ``réserve 2 :
institution déjà retenue (CPAS de Namur)``). A result written in one language and read by
``report``, ``plan``, ``check`` or ``whatif`` under the other would carry those words into
outputs that must be all in the reader's language (contract §7). A reason that is one of
matcher's own sentences, in either language, is read back as the message it words (a
``Text``), so that the outputs word it again; an eligibility reason is recomputed from the
instance (its slots are a list worded per language); the reasons the cohort's students give
(the students pinned to a proposal, a proposal that could host no team of this cohort) have
their lists worded again. Anything else (a reason a director typed by hand) is kept as
written.
"""

from __future__ import annotations

import re
import string
from functools import cache

from matcher.eligibility import eligibility
from matcher.labels import Listing, Text, counted, label, label_pattern, listing, text
from matcher.schemas import Commission, Settings

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
    "reason_institution_withdrew",
)
#: Why a reserve was not selected (the ``{why}`` of ``reason_reserve``).
_WHYS = (
    "why_sectors",
    "why_problem_types",
    "why_sector_spread",
    "why_priority",
    "why_institution",
    "why_impossible",
    "why_no_plan",
    "why_not_evaluated",
    "why_could_improve",
    "why_as_good",
    "why_unselected_by_hand",
    "why_left_out",
    "why_no_swap",
    "why_eligible_since",
    "why_institution_freed",
    "why_absent_from_file",
)
#: Why a proposal could host no team (the ``{rule}`` of ``reason_cannot_host``).
_CANNOT_HOST = (
    "td_size_asks_one",
    "td_size_asks_many",
    "td_size_asks_exact_one",
    "td_size_asks_exact_many",
    # Before the shorter one, whose last placeholder would take in the year's words.
    "td_no_oral_slot_year",
    "td_no_oral_slot",
)
#: Why a proposal is not eligible: recomputed from the instance when recognised.
_NOT_ELIGIBLE = ("elig_missing", "elig_excluded", "elig_missing_excluded")


#: Earlier wordings of a label, in results written before it changed (session 35: « {institution}
#: s'est retirée » agreed with no institution's name, « l'institution … » does; session 39:
#: the students pinned were « imposé », « imposés » whatever their gender).
_EARLIER = {
    "reason_institution_gone": ("plus en réserve : {institution} s'est retirée",),
    "reason_pinned_one": ("retenue ({ids} y est imposé)",),
    "reason_pinned_many": ("retenue ({ids} y sont imposés)",),
}


@cache
def _patterns(key: str) -> tuple[re.Pattern[str], ...]:
    """Regular expressions matching the label ``key`` in English and in French (and as
    earlier versions worded it), each placeholder a named group."""
    patterns = []
    worded = [label_pattern(key, "en"), label_pattern(key, "fr"), *_EARLIER.get(key, ())]
    for pattern in worded:
        parts = []
        for literal, name, _, _ in string.Formatter().parse(pattern):
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


def reason_read_back(written: str, commission: Commission | None, settings: Settings) -> str | Text:
    """``written`` (a ``reason`` cell) as a message worded in the reader's language when it
    is one of matcher's sentences, else as written."""
    reason = written.strip()
    if not reason:
        return written
    known = _recognised(_REASONS, reason)
    if known is not None:
        return known
    for key in ("reason_pinned_one", "reason_pinned_many"):
        pinned = _match(key, reason)
        if pinned is not None:
            # The message ``select`` words (``selection_needs.pinned_reason``), one key.
            ids = _items(pinned["ids"], "word_and")
            n = len(ids.items) + ids.more if isinstance(ids, Listing) else 1
            return counted("reason_pinned", n, ids=ids)
    unfit = _match("reason_cannot_host", reason)
    if unfit is not None:
        return text("reason_cannot_host", rule=_cannot_host(unfit["rule"]))
    reserve = _match("reason_reserve", reason)
    if reserve is not None:
        why: str | Text | None = _recognised(_WHYS, reserve["why"])
        unfit_why = _match("why_cannot_host", reserve["why"])
        if unfit_why is not None:
            why = text("why_cannot_host", rule=_cannot_host(unfit_why["rule"]))
        return text("reason_reserve", rank=reserve["rank"], why=why or reserve["why"])
    # A label without placeholders matches as {}: compare with None, not truthiness.
    if commission is not None and any(_match(key, reason) is not None for key in _NOT_ELIGIBLE):
        fate = eligibility(commission, settings.selection, settings.calendar)
        if not fate.eligible:
            return fate.reason
        # Eligible since (probe s35f: « non disponible : visite » kept beside « réserve 4 »).
        return text("reason_reserve", rank=0, why=text("why_eligible_since"))
    return written


def _items(written: str, last: str) -> str | Listing:
    """A list matcher wrote (``S3, S4 and S5`` / ``S3, S4 et S5``, or shortened: ``S3, S4 and
    3 more``), as a ``Listing`` joined by ``last`` (``word_and``, ``word_or``) in the
    reader's language; one item, or anything else, as written."""
    shortened = _match("and_more", written)
    if shortened is not None and shortened["n"].isdigit():
        named = tuple(shortened["items"].split(", "))
        if all(item and " " not in item for item in named):
            return Listing(named, last, int(shortened["n"]))
    joining = "|".join(re.escape(f" {label(last, lang)} ") for lang in ("en", "fr"))
    items = re.split(f", |{joining}", written)
    if len(items) < 2 or any(not item or " " in item for item in items):
        return written
    return listing(items, last)


def _cannot_host(written: str) -> str | Text:
    """The ``{rule}`` of ``reason_cannot_host`` (C6's own sizes, or its slots offering no oral
    slot) as a message, its lists worded again; anything else as written."""
    for key in _CANNOT_HOST:
        found = _match(key, written)
        if found is None:
            continue
        values: dict[str, object] = dict(found)
        if "asks" in values:
            bounds = [
                _recognised(("td_at_least", "td_at_most"), part)
                for part in re.split(" and | et ", found["asks"])
            ]
            if any(bound is None for bound in bounds):
                return written
            values["asks"] = listing([b for b in bounds if b is not None])
        if "slots" in values:
            values["slots"] = _items(found["slots"], "word_or")
        return Text(key, values)
    return written
