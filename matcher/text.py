"""Folding of names and headers so that people's spellings compare equal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """Remove diacritics (``é`` → ``e``) while keeping the base letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: Characters that show nothing and mean nothing in a cell, text pasted from a web page,
#: a word processor or a chat carries: zero-width space, word joiner, soft hyphen, a
#: byte-order mark inside the text, the Mongolian vowel separator. ``C01\u200b`` is ``C01``.
INVISIBLE = "\u200b\u2060\u00ad\ufeff\u180e"
#: Invisible characters that do mean something inside text (joiners of emoji and of some
#: scripts, the marks of right-to-left text) but nothing at either end of a cell.
INVISIBLE_AT_ENDS = INVISIBLE + "\u200c\u200d\u200e\u200f"
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)
#: A digit of another script (Arabic-Indic ``٣``, Devanagari …): NFKD already makes
#: fullwidth ``３`` a ``3``, not these.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def without_invisible(text: str) -> str:
    """``text`` without the characters that show nothing (:data:`INVISIBLE`), and trimmed
    of spaces and of :data:`INVISIBLE_AT_ENDS`, as a cell is: what a person sees."""
    text, previous = text.translate(_DROP_INVISIBLE), None
    while previous != text:
        previous, text = text, text.strip().strip(INVISIBLE_AT_ENDS)
    return text


def _ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), text)


def not_latin(text: str) -> str:
    """The letters of ``text`` that are not Latin, each with its script, e.g. ``С
    (CYRILLIC)``: a Cyrillic or Greek letter looks like its Latin twin on screen, and an id
    holding one names nothing (probe s28b: « did you mean C23? » for ``С23`` could not be
    acted on). Empty when every letter is Latin."""
    found = dict.fromkeys(
        f"{c} ({unicodedata.name(c, '?').split()[0]})"
        for c in text
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN")
    )
    return ", ".join(found)


@lru_cache(maxsize=65536)  # cohorts repeat the same few hundred names many times
def fold_name(text: str) -> str:
    """Fold an institution name: case, accents and runs of spaces do not matter, nor
    invisible characters (:data:`INVISIBLE`), nor the script digits are written in, nor
    ligatures (``Cœur`` is ``Coeur``, typed so without the key: probe s36d, an employer
    « Le Coeur à l'ouvrage » was not « Le Cœur à l’ouvrage », the student placed on it)."""
    folded = _ascii_digits(strip_accents(text.translate(_DROP_INVISIBLE)))
    return _SPACES.sub(" ", folded.casefold().translate(_LIGATURES)).strip()


_ANY_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def category_key(text: str) -> str:
    """What makes two spellings of a category or an institution one (``Assistant social``,
    ``assistant  social``, ``Assistant social.``; ``GRH``, ``G.R.H.``; ``L'Escale`` and
    ``L’Escale`` with a typographic apostrophe; ``Le-Cercle``): the words of
    :func:`fold_name` in any script, an abbreviation's dots dropped first; a name without
    words (``🎉``) is its :func:`fold_name`. ``&``, ``et`` and ``and`` do not matter
    (:func:`_without_and`: ``Handicap & Société`` is ``Handicap et Société``)."""
    # An abbreviation's dots dropped (G.R.H.), others a word's end as in ``name_words`` (St.
    # Gilles is St Gilles for the cap as for employers; probe s34f: « stgilles » here).
    folded = fold_name(_ABBREVIATION_DOT.sub(r"\1", text))  # fullwidth ＆ folded to &
    return " ".join(_without_and(_ANY_WORD.findall(folded))) or folded


def _without_and(words: list[str]) -> list[str]:
    """The words but ``et`` and ``and``: with ``&`` dropped as punctuation is, the four
    spellings of one name's "and" are one (probe s31a: an employer ``ASBL Handicap et
    Société`` was not the institution ``ASBL Handicap & Société``, and the student was placed
    on its commission; probe s31i: read ``et``, ``Santé & social`` was no longer ``Santé
    social``, as it had been)."""
    return [word for word in words if word not in ("et", "and")]


@lru_cache(maxsize=4096)
def fold_header(text: str) -> str:
    """Fold a column header: case, accents, spacing, ``_`` and ``-`` do not matter, nor
    invisible characters (:data:`INVISIBLE`)."""
    folded = strip_accents(text.translate(_DROP_INVISIBLE)).casefold().translate(_LIGATURES)
    return _NON_WORD.sub("_", folded).strip("_")


#: Letters written as one that a header means as two (``Vœu 1`` is ``voeu 1``; NFKD keeps
#: them whole, so they were dropped; probe s32f).
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


_WORDS = re.compile(r"[a-z0-9]+")


#: A letter of an abbreviation written with dots (``C.P.A.S.``, ``A.M.O.``): the dot after
#: a lone letter followed by another such letter.
_ABBREVIATION_DOT = re.compile(r"\b([^\W\d_])\.(?=[^\W\d_](?:\.|\b))")


@lru_cache(maxsize=65536)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name once folded (punctuation and brackets dropped; ``&``, ``et`` and
    ``and`` too: :func:`_without_and`); an abbreviation's dots first (``C.P.A.S. de
    Namur`` is ``CPAS de Namur``, as :func:`category_key` has it; probe s34a: an employer
    ``CPAS de Namur - insertion`` was not that institution, the student placed on it)."""
    joined = _ABBREVIATION_DOT.sub(r"\1", text)
    return tuple(_without_and(_WORDS.findall(fold_name(joined))))


def names_contain(a: str, b: str) -> bool:
    """Whether one name contains the other as whole words, once folded.

    ``AMO Le Cercle`` and ``AMO Le Cercle (Liège)`` do; ``CPAS de Namur`` and ``CPAS de
    Namur-Est`` do too (``Namur`` is a whole word of both); ``AMO Cercle`` and ``AMO Le
    Cercle`` do not (the words must follow one another). Equal names contain each other.
    """
    short, long = sorted((name_words(a), name_words(b)), key=len)
    if not short:
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


class NameIndex:
    """Names found by whole-word containment (:func:`names_contain`) without comparing a
    name with every one of them.

    A name that contains ``x`` as whole words holds every word of ``x``; a name that ``x``
    contains has all its words among ``x``'s, its rarest one included. So the names to
    compare with ``x`` are those holding all of ``x``'s words, and those whose rarest word
    is one of ``x``'s: a few among thousands of institutions.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(names)
        words = [name_words(n) for n in self._names]
        self._having: dict[str, set[int]] = {}
        for i, ws in enumerate(words):
            for word in ws:
                self._having.setdefault(word, set()).add(i)
        self._by_rarest: dict[str, list[int]] = {}
        for i, ws in enumerate(words):
            if ws:
                rarest = min(ws, key=lambda w: (len(self._having[w]), w))
                self._by_rarest.setdefault(rarest, []).append(i)

    def fitting(self, name: str) -> list[str]:
        """The names ``n`` with ``names_contain(name, n)``, in the order they were given."""
        words = set(name_words(name))
        if not words:
            return []
        having = [self._having.get(w, set()) for w in words]
        candidates = set.intersection(*having)
        for word in words:
            candidates.update(self._by_rarest.get(word, ()))
        return [self._names[i] for i in sorted(candidates) if names_contain(name, self._names[i])]

    def closest(self, name: str) -> list[str]:
        """The names that fit ``name`` (:meth:`fitting`), narrowed to the one fitting it most
        closely when there is one: among names that ``name`` contains, the longest when it
        contains every other (``AMO Le Cercle (Liège)`` is ``AMO Le Cercle``, not ``Le
        Cercle``); among names containing ``name``, the shortest when every other contains
        it (``Cercle`` is ``Le Cercle``). Names on both sides, or side by side (``CPAS`` in
        ``CPAS de Namur`` and ``CPAS de Liège``), stay all."""
        fits = self.fitting(name)
        if len(fits) < 2:
            return fits
        size = len(name_words(name))
        inside = [f for f in fits if len(name_words(f)) <= size]
        if len(inside) == len(fits):
            best = max(fits, key=lambda f: len(name_words(f)))
        elif not inside:
            best = min(fits, key=lambda f: len(name_words(f)))
        else:
            return fits
        if all(f == best or names_contain(best, f) for f in fits) and all(
            f == best or len(name_words(f)) != len(name_words(best)) for f in fits
        ):
            return [best]
        return fits


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_ISO_DAY = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
#: A day written in words, as a French or English spreadsheet's long date format shows it:
#: ``jeudi 1 octobre 2026``, ``1er octobre 2026``, ``Thursday 1 October 2026``.
_DAY_IN_WORDS = re.compile(r"^(?:([a-z]+),?\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})$")
#: Excel's medium date as a CSV file exports it: ``01-oct.-26``, ``1-oct-26``,
#: ``01-oct-2026`` (the month's dot dropped before matching; probe s33d).
_DAY_MONTH_ABBREVIATED = re.compile(r"^(\d{1,2})[-/]([a-z]+)[-/](\d{4}|\d{2})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            # French Excel's medium date writes « janv. » and « févr. » (probe s33h).
            ("janvier", "january", "jan", "janv"),
            ("fevrier", "february", "feb", "fev", "fevr"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr", "avr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul", "juil"),
            ("aout", "august", "aug"),
            ("septembre", "september", "sep", "sept"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("decembre", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def day_of(written: str) -> str | None:
    """The ISO date (``2026-10-01``) of a day as people write it in Belgium, day first
    (``1/10/2026``, ``01/10/2026``, ``1-10-2026``, ``1.10.2026``, ``1/10/26``), ISO
    (``2026-10-01``) or in words as a spreadsheet's long date shows it (``jeudi 1 octobre
    2026``, ``1er octobre 2026``, ``1 October 2026``) or Excel's medium date (``01-oct.-26``),
    the digits possibly after a day of
    the week (``vendredi 9/10/2026``); ``None`` for any other text, and for
    one that is no calendar day (``31/02/2026``).

    The one reader of written days: slot labels (:func:`slot_key`) and the settings'
    ``[calendar] dates`` (contract §7).
    """
    import datetime

    parts = _day_parts(written)
    if parts is not None:
        try:
            return datetime.date(*parts).isoformat()
        except ValueError:
            pass
    return None


def no_such_day(written: str) -> bool:
    """Whether ``written`` is written as a day (:func:`day_of`'s forms) that the calendar
    does not have (``31/02/2027``, ``13/13/2026``): compared as a label, it matches no
    date, so the writer is told rather than the slot silently missed (probe s19e)."""
    return missing_day(written) is not None


def missing_day(written: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a text written as a day that the calendar does not have
    (``29/02/2027``: (2027, 2, 29)); ``None`` otherwise."""
    parts = _day_parts(written)
    return parts if parts is not None and day_of(written) is None else None


def time_of_day(written: str) -> str | None:
    """The time written after a day (``01/10/2026 18:00``, ``2026-10-01T09:30:00``, as a
    spreadsheet exports a date cell with its time) as ``HH:MM``; ``None`` without one.
    :func:`day_of` reads such a text as its day: a slot is a whole day."""
    found = _TIME_AFTER.match(written.strip())
    if found is None or _day_parts(found.group(1)) is None:
        return None
    hours, half = int(found.group(2)), (found.group(5) or "").lower()
    if half and not 1 <= hours <= 12:
        return None  # « 13:00 PM »: no time of a 12-hour clock
    hours = hours % 12 + (12 if half == "p" else 0) if half else hours
    return f"{hours:02d}:{found.group(3) or found.group(4) or '00'}"


def month_first_day(written: str) -> str | None:
    """The ISO day ``written`` would be if read month first, as an American spreadsheet
    writes it (``10/1/2026`` is 1 October 2026 so read); ``None`` when it is no such
    digits or no such day. :func:`day_of` reads day first (contract §7): this only tells
    a writer whose day matches nothing that they may have meant the other."""
    import datetime

    found = _DAY_FIRST.match(_without_time(written))
    if found is None:
        return None
    year = int(found.group(3)) + (2000 if len(found.group(3)) == 2 else 0)
    try:
        return datetime.date(year, int(found.group(1)), int(found.group(2))).isoformat()
    except ValueError:
        return None


def _without_time(written: str) -> str:
    """``written`` trimmed, without a time after its digits (:data:`_TIME_AFTER`)."""
    text = written.strip()
    timed = _TIME_AFTER.match(text)
    return text if timed is None else timed.group(1)


#: A time after a day: `` 18:00``, `` 9h30``, `` 14h``, `` à 9h``, ``T09:30:00`` (ISO),
#: `` 0:00:00``, `` 06:00 PM`` (a spreadsheet in English).
_TIME_AFTER = re.compile(
    r"^(.*?\d)(?:\s+(?:à|at)\s+|\s+|T)([01]?\d|2[0-3])(?::([0-5]\d)(?::[0-5]\d)?|h([0-5]\d)?)"
    r"(?:\s*([ap])\.?m\.?)?$",
    re.IGNORECASE,
)


def _day_parts(written: str) -> tuple[int, int, int] | None:
    """(year, month, day) as :func:`day_of` reads ``written``, not yet checked to be a day
    of the calendar (``31/02/2027`` gives (2027, 2, 31)); ``None`` for text of no day form."""
    # The time of a date cell exported with it (« 01/10/2026 18:00 »): the day counts.
    text = _without_time(written)
    # A day of the week before the digits (« vendredi 9/10/2026 », "Fri 2026-10-09").
    first, _, rest = text.partition(" ")
    rest = rest.strip()
    if strip_accents(first).casefold().rstrip(".,") in _WEEKDAY_WORDS:
        text = rest if _DAY_FIRST.match(rest) or _ISO_DAY.match(rest) else text
    found = _DAY_FIRST.match(text)
    parts: tuple[int, int, int] | None = None
    if found:
        year = int(found.group(3))
        # A two-digit year (``1/10/26``, Excel's short date format exported to CSV).
        year += 2000 if len(found.group(3)) == 2 else 0
        parts = year, int(found.group(2)), int(found.group(1))
    elif found := _ISO_DAY.match(text):
        parts = int(found.group(1)), int(found.group(2)), int(found.group(3))
    elif found := _DAY_IN_WORDS.match(strip_accents(text).casefold().replace(".", "")):
        month = _MONTHS.get(found.group(3))
        # A word before the day is a day of the week, or the label's own words (« visite
        # 15 avril 2027 » is no date: it was read as one, « visite » taken for a weekday,
        # and so was « oral 15 avril 2027 », one slot; probe s32h).
        weekday = found.group(1) is None or found.group(1) in _WEEKDAY_WORDS
        if month is not None and weekday:
            parts = int(found.group(4)), month, int(found.group(2))
    elif found := _DAY_MONTH_ABBREVIATED.match(strip_accents(text).casefold().replace(".", "")):
        month = _MONTHS.get(found.group(2))
        year = int(found.group(3)) + (2000 if len(found.group(3)) == 2 else 0)
        if month is not None:
            parts = year, month, int(found.group(1))
    return parts


def _easter(year: int) -> tuple[int, int]:
    """(month, day) of Easter Sunday in ``year`` (Gregorian, the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return month, day + 1


#: Belgium's public holidays on fixed days (month, day) → their label key (``hol_…``).
_FIXED_HOLIDAYS = {
    (1, 1): "hol_new_year",
    (5, 1): "hol_labour_day",
    (7, 21): "hol_national_day",
    (8, 15): "hol_assumption",
    (11, 1): "hol_all_saints",
    (11, 11): "hol_armistice",
    (12, 25): "hol_christmas",
}
#: Belgium's public holidays set by Easter: days after Easter Sunday → label key.
_EASTER_HOLIDAYS = {1: "hol_easter_monday", 39: "hol_ascension", 50: "hol_whit_monday"}


#: The days of the week as a long date names them (French, English, and their short forms).
_WEEKDAY_WORDS = {
    word: number
    for number, words in enumerate(
        (
            ("lundi", "lun", "monday", "mon"),
            ("mardi", "mar", "tuesday", "tue", "tues"),
            ("mercredi", "mer", "wednesday", "wed"),
            ("jeudi", "jeu", "thursday", "thu", "thur", "thurs"),
            ("vendredi", "ven", "friday", "fri"),
            ("samedi", "sam", "saturday", "sat"),
            ("dimanche", "dim", "sunday", "sun"),
        )
    )
    for word in words
}


def weekday_disagrees(written: str) -> bool:
    """Whether a day written in words names a day of the week that is not its own
    (``vendredi 25 mars 2027``, a Thursday): :func:`day_of` reads the date and passes over
    the weekday, so which of the two was meant is for the writer to say."""
    import datetime

    day = day_of(written)
    words = strip_accents(written).casefold().replace(".", " ").replace(",", " ").split()
    named = _WEEKDAY_WORDS.get(words[0]) if words else None
    return (
        day is not None
        and named is not None
        and named != datetime.date.fromisoformat(day).weekday()
    )


def day_off(iso: str) -> str | None:
    """Why nobody works on the ISO day ``iso`` in Belgium: ``"weekend"`` for a Saturday or a
    Sunday, the label key of a national public holiday (``hol_christmas``, …), else
    ``None`` (a working day, or a text that is no ISO day)."""
    import datetime

    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return None
    easter = datetime.date(day.year, *_easter(day.year))
    after_easter = (day - easter).days
    holiday = _FIXED_HOLIDAYS.get((day.month, day.day)) or _EASTER_HOLIDAYS.get(after_easter)
    if holiday is not None:
        return holiday
    return "weekend" if day.weekday() >= 5 else None


@lru_cache(maxsize=4096)
def slot_key(label: str) -> str:
    """What a slot label means, for comparing slots as people write them (contract §7).

    A label that is a date (day first, as written in Belgium: ``1/10/2026``,
    ``01/10/2026``, ``1-10-2026``, ``1.10.2026``; or ISO ``2026-10-01``) becomes the ISO
    date ``2026-10-01`` (:func:`day_of`); any other label is folded (:func:`fold_name`, ``_``
    and ``-`` read as spaces), so ``Oral jeudi``, ``oral  JEUDI`` and ``oral_jeudi`` are one
    slot. A day-first text that is no calendar
    day (``31/02/2026``) is compared as text. Words followed by a date compare by the words
    folded and the date read (``visite 01/10/2026`` = ``Visite 1-10-2026`` =
    ``visite_2026-10-01``; probe s32f: a director retyping the demo's ``oral-2027-05-20`` as
    ``oral 20/05/2027`` lost the proposal).
    """
    if (day := day_of(label)) is not None:
        return day
    if (dated := _words_and_day(label)) is not None:
        words, day, hour = dated
        return f"{words} {day}" + (f" {hour}" if hour else "")
    return fold_name(_LABEL_JOINERS.sub(" ", label))


def label_day(label: str) -> str | None:
    """The ISO day a slot label names: a day (:func:`day_of`), or words then a day
    (``visite 01/10/2026``); ``None`` otherwise."""
    if (day := day_of(label)) is not None:
        return day
    dated = _words_and_day(label)
    return None if dated is None else dated[1]


def _words_and_day(label: str) -> tuple[str, str, str | None] | None:
    """(words folded as a label's, ISO day, ``HH:MM`` or ``None``) of a label of words then
    a day (:func:`day_of`'s forms, a day of the week included) and perhaps a time; ``None``
    for any other label."""
    text = label.strip()
    cuts = [m.start() for m in re.finditer(r"\s+", text)]
    joined = _WORDS_THEN_DIGITS.match(text)
    if joined is not None:
        cuts.append(joined.end(1))
    for cut in sorted(set(cuts)):
        # « visite: 1/10/2026 », « visite (1/10/2026) »: the punctuation between is none
        # of the label's words (probe s32i).
        words, day = text[:cut].rstrip(" :,–-("), text[cut:].strip(" _-()[]")
        iso = day_of(day) if day else None
        if iso is not None and fold_name(words):
            # A time after the day keeps two hours of one day apart (« oral 15/04/2027 9h »
            # is not « … 14h »; probe s32h), written as ``time_of_day`` reads it.
            return fold_name(_LABEL_JOINERS.sub(" ", words)), iso, time_of_day(day)
    return None


#: A label's words joined to its digits by ``_`` or ``-`` (``visit-2026-11-19``).
_WORDS_THEN_DIGITS = re.compile(r"^(\D*[^\d\s_\-])[\s_\-]+\d")


#: ``_`` and ``-`` in a slot label that is no day join its words as a space does, as in a
#: header (contract §1): ``oral_jeudi`` = ``Oral jeudi`` = ``oral-jeudi`` (probe s19e).
_LABEL_JOINERS = re.compile(r"[_\-]+")


#: Look-alikes of the characters Excel refuses in a sheet name (fullwidth forms): a team
#: sheet shows commission ``D/1`` as ``D／1``, told apart from ``D-1`` and recognisable.
SHEET_LOOKALIKES = str.maketrans("/\\?*[]:", "／＼？＊［］：")


#: First characters that make a spreadsheet read a cell as a formula (contract §8): matcher
#: writes such a cell with a leading ``'`` (:func:`matcher.outputs.csvwrite.neutralise`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_formula_guard(cell: str) -> str:
    """A cell read back from a CSV file matcher wrote: the ``'`` put before a cell that a
    spreadsheet would take for a formula (``'=SUM(A1)``, ``'-3``) is removed; any other cell
    is returned as it is."""
    if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


# Control characters: C0 but tab and line feed, DEL, C1. Escape sequences (ESC), bell,
# NUL and carriage returns can clear a terminal, retitle its window or hide text; the
# bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) show
# text in another order than it is written ("Trojan Source"): ``C01\u202e10C`` looks like
# ``C01C01``.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control character other than tab and line feed."""
    return _CONTROL.search(text) is not None


def control_characters(text: str) -> str:
    """The control characters of ``text`` (tab and line feed apart), each once, escaped
    (``\\x1b, \\x07``); empty when there are none."""
    found = dict.fromkeys(_CONTROL.findall(text))
    return ", ".join(_escaped(ch) for ch in found)


#: Whole terminal escape sequences: CSI (``ESC [`` parameters and a final letter, e.g. the
#: colour ``\x1b[31m``) and OSC strings up to BEL or ST (a window title, a hyperlink),
#: the ones text copied from a terminal carries; any other control is dropped alone.
_ESCAPE_SEQUENCE = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?")


def drop_control_characters(text: str) -> str:
    """``text`` without its control characters (tab and line feed kept), an escape
    sequence dropped whole: ``\\x1b[31mAMO\\x1b[0m`` is ``AMO``, not ``[31mAMO[0m``."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def shown_escaped(text: str) -> str:
    """``text`` with its control characters shown escaped (``\\x1b``), tab and line feed
    kept: for text that reaches an output from a name the program did not read as a cell
    (a file name given on the command line, in a warning of the report)."""
    return _CONTROL.sub(lambda m: _escaped(m.group()), text)


def printable(line: str) -> str:
    """A line fit for a terminal: every control character but tab shown escaped
    (``\\x1b``), line breaks too, so that data can neither drive the terminal nor forge
    a line."""
    return _CONTROL_IN_LINE.sub(lambda m: _escaped(m.group()), line)


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: What a spreadsheet shows in a cell whose formula failed (Excel in English and French,
#: LibreOffice's ``Err:502``): saved as such into a CSV file, it is no value.
_SPREADSHEET_ERRORS = frozenset(
    {"#N/A", "#NA", "#REF!", "#VALUE!", "#VALEUR!", "#DIV/0!", "#NAME?", "#NOM?", "#NUM!",
     "#NOMBRE!", "#NULL!", "#NUL!", "#SPILL!", "#CALC!", "#N/D"}
)  # fmt: skip


def is_spreadsheet_error(cell: str) -> bool:
    """Whether a cell holds a spreadsheet's error (``#N/A``, ``#REF!``, ``Err:502``)."""
    return cell.upper() in _SPREADSHEET_ERRORS or re.fullmatch(r"Err:\d{3}", cell) is not None


def typing_slips(a: str, b: str) -> int:
    """Typing slips from ``a`` to ``b``: characters added, dropped, changed or two swapped
    (optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def belgian(day: str) -> str:
    """An ISO day (``2026-10-09``) as a Belgian director writes it (``09/10/2026``); anything
    else as given."""
    parts = day.split("-")
    if len(parts) != 3:
        return day
    year, month, date = parts
    return f"{date}/{month}/{year}"
