"""The meaning of one cell: booleans, lists, numbers, conditions and choices.

Pure functions of text, with one truth table for yes/no wherever a person writes one
(students.csv flags, ``no_isolation`` conditions, an edited selection.csv): contract §7,
"flags accept the same spellings everywhere". The independent checkers
(:mod:`matcher.verify.teams`) and the team stage use these too, so that a condition
validated here is the condition they apply.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from matcher.text import category_key, fold_name, without_invisible

#: Spellings of "yes" and "no" after :func:`matcher.text.fold_name` (empty is "no").
TRUE_SPELLINGS = frozenset({"yes", "y", "oui", "o", "true", "vrai", "1", "x", "t"})
FALSE_SPELLINGS = frozenset({"no", "n", "non", "false", "faux", "f", "0", ""})
BOOL_EXPECTED = "expected yes/no (also oui/non, true/false, vrai/faux, 1/0, x/empty)"


def parse_bool(text: str) -> bool | None:
    """Read a boolean cell (``None`` when it is not one); an empty cell is "no"."""
    folded = fold_name(text)
    if folded in TRUE_SPELLINGS:
        return True
    if folded in FALSE_SPELLINGS:
        return False
    return None


def split_list(text: str) -> tuple[str, ...]:
    """Split a list cell on ``;`` (or ``|``; or ``,`` when neither is used), each item
    trimmed (:func:`matcher.text.without_invisible`); a line break separates items too (a
    cell written on several lines, Alt+Enter in Excel)."""
    separator = next((s for s in (";", "|", ",") if s in text), "\n")
    items = (without_invisible(p) for line in text.splitlines() for p in line.split(separator))
    return tuple(item for item in items if item)


#: A space between groups of thousands: what people type, and the non-breaking, narrow
#: non-breaking (French LibreOffice, macOS), thin and figure spaces their software writes.
_GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
#: A number whose thousands are set apart by spaces (``12 500``, ``1 000,5``).
_GROUPED = re.compile(rf"[+-]?\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?:[.,]\d*)?")


def parse_number(text: str) -> float | None:
    """A finite number written with a decimal point or comma, else ``None``. Spaces inside
    it only between groups of three digits (``1 000``, any of :data:`_GROUP_SPACES`):
    ``1 5`` is no number (probe s31b: read 15, so ``3 5`` meant as 3,5 made 35 years)."""
    text = text.strip()
    if "_" in text:
        return None  # Python's own digit grouping (``1_5`` would read 15, probe s31d)
    if any(space in text for space in _GROUP_SPACES):
        if not _GROUPED.fullmatch(text):
            return None
        text = "".join(c for c in text if c not in _GROUP_SPACES)
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def spaced_digits(text: str) -> bool:
    """Whether ``text`` has a space (of any kind: an en space too) between two digits (said
    when it is no number)."""
    return re.search(r"\d\s+\d", text) is not None


# --- Conditions (``no_isolation = ["vae=yes", "gender=M"]``) ------------------------------


def parse_condition(condition: str) -> tuple[str, str] | None:
    """Split ``"attribute=value"`` into its two sides, trimmed; ``None`` without ``=``.

    Settings validation (:mod:`matcher.loading.settings`) takes the attribute as written;
    :func:`condition_attribute` gives the name a student's field has.
    """
    attribute, equals, value = condition.partition("=")
    if not equals:
        return None
    return attribute.strip(), value.strip()


def condition_attribute(attribute: str) -> str:
    """The student field an attribute names: case, accents and spaces do not matter, and
    the students' column names a French file uses name the field too (``genre=M``,
    ``formation=GRH``, ``en emploi=oui``: contract §1's aliases), read as the file's headers
    are (``V.A.E.=oui``, ``Employé(e)=oui``: :func:`~matcher.loading.columns.column_named`)."""
    from matcher.loading.columns import STUDENT_COLUMNS, alias_index, column_named

    named = column_named(attribute, alias_index(STUDENT_COLUMNS))
    if named is not None:
        return named
    return fold_name(attribute).replace(" ", "_")


def value_meets(value: bool | str | None, text: str) -> bool:
    """Whether a student's value meets the value text of a condition.

    Flags compare through the one truth table (:func:`parse_bool`); categories as spellings of
    one category are made one (:func:`matcher.text.category_key`: case, accents, spaces, the
    dots of an abbreviation); a missing value meets nothing.
    """
    if isinstance(value, bool):
        wanted = parse_bool(text)
        return wanted is not None and value == wanted
    if value is None:
        return False
    return category_key(str(value)) == category_key(text)


# --- Choices ------------------------------------------------------------------------------


def distinct_choices(
    choices: Iterable[str],
    among: Container[str] | None = None,
    *,
    repeats: list[str] | None = None,
) -> list[str]:
    """The choices in order, each counted once (where first listed).

    Parameters
    ----------
    choices
        Commission ids as the student listed them.
    among
        When given, only the choices in it are kept (e.g. the selected commissions).
    repeats
        When given, every later mention of a choice already kept is appended to it.
    """
    kept: list[str] = []
    for choice in choices:
        if among is not None and choice not in among:
            continue
        if choice in kept:
            if repeats is not None:
                repeats.append(choice)
        else:
            kept.append(choice)
    return kept
