"""Ids a spreadsheet turned into dates, read back as those ids.

Calc and Excel take an id such as ``1/2`` or ``1-10``, typed or opened in a cell, for a day
and a month: they add the year and save it as ``01/02/26`` in a CSV file, or as a date cell
in a workbook. A reference that names no id is read as the one id it can only be, with a
warning (:class:`DatedIds`); the ids of a file itself (students.csv's own ``id``) have
nothing to be matched against and are read as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Protocol

from matcher.errors import Problem
from matcher.labels import Text, counted, listing
from matcher.text import strip_accents


class IdIndex(Protocol):
    """What is read here of :class:`matcher.loading.crossrefs.IdIndex` (which imports this
    module: not imported back)."""

    @property
    def ids(self) -> Collection[str]:
        """Every id known."""

    def resolve(self, ref: str) -> str | None:
        """The id ``ref`` names, or ``None``."""


#: An id a spreadsheet takes for a day and a month (``1/2``, ``1-10``, ``3.4``).
_DAY_MONTH_ID = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*")
#: A date as a spreadsheet saves such an id in a CSV file, the year it added at the end
#: (``01/02/26``: Calc in French or English, ``1-10-2026``), or in ISO order as a workbook's
#: date cell is read (``2026-02-01``, :func:`matcher.loading.workbooks.workbook_cell_text`).
_SAVED_DATE = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:\s+0?0:00(?::00)?)?\s*")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")
#: A date as Excel shows such an id, day and month's name (``1-Oct``, ``01-oct.``,
#: ``02-févr-26``): its "d-mmm" format, in English or French.
_NAMED_MONTH_DATE = re.compile(r"\s*(\d{1,2})[- ]([^\W\d_]+)\.?(?:[- ](?:\d{2}|\d{4}))?\s*")
#: Month abbreviations (accents folded) as Excel shows them in English and French.
_MONTHS = {
    **dict.fromkeys(("jan", "janv"), 1), **dict.fromkeys(("feb", "fev", "fevr"), 2),
    **dict.fromkeys(("mar", "mars"), 3), **dict.fromkeys(("apr", "avr"), 4),
    **dict.fromkeys(("may", "mai"), 5), **dict.fromkeys(("jun", "juin"), 6),
    **dict.fromkeys(("jul", "juil"), 7), **dict.fromkeys(("aug", "aou", "aout"), 8),
    **dict.fromkeys(("sep", "sept"), 9), "oct": 10, "nov": 11, **dict.fromkeys(("dec",), 12),
}  # fmt: skip


def _day_and_month(ref: str) -> tuple[tuple[int, int], bool] | None:
    """The two numbers of the date ``ref`` (the year set aside), and whether they are in
    the order they were typed (a CSV date in the spreadsheet's own order); ``None`` when
    ``ref`` is no such date."""
    if (saved := _SAVED_DATE.fullmatch(ref)) is not None:
        return (int(saved.group(1)), int(saved.group(3))), True
    if (iso := _ISO_DATE.fullmatch(ref)) is not None:
        return (int(iso.group(2)), int(iso.group(3))), False
    named = _NAMED_MONTH_DATE.fullmatch(ref)
    month = _MONTHS.get(strip_accents(named.group(2)).casefold()) if named else None
    if named is None or month is None:
        return None
    return (int(named.group(1)), month), False


def date_made_of(ref: str, ids: Iterable[str]) -> str | None:
    """The id of ``ids`` a spreadsheet turned into the date ``ref``, when only one can be.

    Calc and Excel take an id such as ``1/2`` or ``1-10`` typed or opened in a cell for a
    day and a month, add the year and save it as ``01/02/26`` or ``1-Oct`` (CSV) or as a
    date cell. The two numbers, the year set aside, are matched against the ids of that
    form: first in the order written (the locale that read it wrote it back), else swapped
    (a date cell or a month's name does not say which came first, nor does a file opened
    in one locale and saved in another). ``None`` when ``ref`` is no such date or no id,
    or several, fit.
    """
    read = _day_and_month(ref)
    if read is None:
        return None
    written, in_order = read
    numbers: dict[tuple[int, int], list[str]] = defaultdict(list)
    for id_ in ids:
        form = _DAY_MONTH_ID.fullmatch(id_)
        if form is not None:
            numbers[(int(form.group(1)), int(form.group(2)))].append(id_)
    same = numbers.get(written, [])
    swapped = numbers.get(written[::-1], []) if written[0] != written[1] else []
    if in_order and same:
        return same[0] if len(same) == 1 else None
    fitting = same + swapped
    return fitting[0] if len(fitting) == 1 else None


class DatedIds:
    """Ids of a table a spreadsheet had turned into dates, read back as those ids
    (:func:`date_made_of`): one warning per cell text, naming its column and rows."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found: dict[tuple[str, str, str], list[int]] = {}

    def resolve(self, index: IdIndex, ref: str, row: int, column: str) -> str | None:
        """The id ``ref`` names (:meth:`IdIndex.resolve`), else the id it is a date made of
        (noted for :meth:`warnings`), else ``None``."""
        found = index.resolve(ref)
        if found is None and (found := date_made_of(ref, index.ids)) is not None:
            self.found.setdefault((column, ref.strip(), found), []).append(row)
        return found

    def warnings(self) -> list[Text]:
        """One warning per date read back as an id."""
        return [
            Problem(
                self.label,
                counted("ld_id_made_date", len(rows), written=written, id=id_,
                        rows=listing(map(str, rows), most=5)),
                column=column,
            ).as_text()
            for (column, written, id_), rows in self.found.items()
        ]  # fmt: skip
