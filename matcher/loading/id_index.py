"""Ids as people write them, resolved to the ids of a file: :class:`IdIndex`, and the
"did you mean …?" a reference naming none of them gets (:func:`with_suggestion`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from matcher.labels import Listing, Text, listing, text
from matcher.schemas import Commission, Student
from matcher.text import fold_name, not_latin, typing_slips

T = TypeVar("T")

__all__ = [
    "IdIndex",
    "alike_ids",
    "by_institution",
    "by_name",
    "name_key",
    "named",
    "named_alike",
    "spaceless",
    "typed_ids",
    "with_suggestion",
]


def typed_ids(typed: Iterable[str], resolve: Callable[[str], str | None]) -> list[str]:
    """Ids typed on the command line, each read as the files are (``resolve``; an id naming
    none stays as typed, for the message that suggests the nearest). A value naming none
    whose parts between commas or semicolons name some is those parts, each read alone
    (session 40: ``--withdraw-student S001,S002`` was told to mean one of them)."""
    ids = []
    for value in typed:
        parts = [part.strip() for part in re.split("[,;]", value) if part.strip()]
        found = [resolve(part) for part in parts]
        if resolve(value) is None and any(found) and parts != [value.strip()]:
            # Each part as it reads: one naming nobody is then refused by itself, with its
            # own suggestion (probe s40h: « c1 ; c9 » was told « did you mean C1? »).
            ids += [ident or part for ident, part in zip(found, parts, strict=True)]
        else:
            ids.append(resolve(value) or value)
    return ids


def spaceless(ident: str) -> str:
    """An id folded (:func:`matcher.text.fold_name`) and without its spaces: ``C 02`` is
    ``c02`` (probe s31b: ``C 02`` beside ``C02`` had no warning, and named neither)."""
    return fold_name(ident).replace(" ", "")


def alike_ids(ids: Iterable[tuple[str, T]]) -> Iterator[tuple[str, T, str, T]]:
    """Each id differing only by case, accents or spaces from an earlier one (``C01`` and
    ``c01``), with where each is (a row, ``T``): ``(id, where, earlier id, its where)``.
    Distinct, as the contract asks, but a reference written otherwise names neither."""
    first: dict[str, tuple[str, T]] = {}
    for ident, where in ids:
        other = first.setdefault(spaceless(ident), (ident, where))
        if other[0] != ident:
            yield ident, where, other[0], other[1]


def named_alike(people: Iterable[tuple[str, str]], written: str) -> list[str]:
    """The ids of ``people`` (id, name) whose name is ``written``, case and accents aside."""
    name = fold_name(written)
    return [ident for ident, named in people if named and fold_name(named) == name]


def near_named(people: Iterable[tuple[str, str]], written: str) -> Listing | None:
    """The people (id, name) whose name ``written`` misspells (« Anne Lambrt »: « A1 (Anne
    Lambert) »; probe s34e: no suggestion, where ids had one), if one is close: every one
    of that name (probe s37h: one of two « Thomas Dubois » offered); else every one whose
    name holds each word of ``written`` as a whole word (a surname alone, « Dubois »: « A3
    (Jean Dubois) »; probe s39a: none)."""
    import difflib

    names: dict[str, list[tuple[str, str]]] = {}
    for ident, name in people:
        if name:
            names.setdefault(fold_name(name), []).append((ident, name))
    close = difflib.get_close_matches(fold_name(written), list(names), n=1, cutoff=0.8)
    if close:
        return listing([f"{ident} ({name})" for ident, name in names[close[0]]], "word_or")
    words = set(name_words(written))
    bearing = [
        f"{ident} ({name})"
        for folded, named in names.items()
        if words and words <= set(name_words(folded))
        for ident, name in named
    ]
    if not bearing and words:
        # A surname, misspelt (« Dupond », « Van den Burg »: probes s40a, s40h, no
        # suggestion): every one whose name has a word close to each of its words.
        bearing = [
            f"{ident} ({name})"
            for folded, named in names.items()
            if all(
                difflib.get_close_matches(word, name_words(folded), n=1, cutoff=0.7)
                for word in words
            )
            for ident, name in named
        ]
    return listing(bearing, "word_or") if bearing else None


def name_key(name: str) -> str:
    """A name's words, folded and sorted: the same for its words in any order and any
    punctuation (« El Amrani Céline », « EL AMRANI, Céline » and « Céline El Amrani »; probe
    s40h: a name of three words read surname first was refused)."""
    return " ".join(sorted(name_words(name)))


def name_words(name: str) -> list[str]:
    """A name's words, folded, in order, without punctuation (« DUPONT, Marie »: dupont,
    marie; « Dubois-Martin »: dubois, martin)."""
    return _NAME_WORD.findall(fold_name(name))


#: A word of a name.
_NAME_WORD = re.compile(r"[^\W_]+")


def by_institution(commissions: Iterable[Commission]) -> dict[str, list[str]]:
    """Folded institution name → the ids of its proposals (:class:`IdIndex`'s ``names``)."""
    found: dict[str, list[str]] = {}
    for commission in commissions:
        found.setdefault(fold_name(commission.institution), []).append(commission.id)
    return found


def by_name(students: Iterable[Student]) -> dict[str, list[str]]:
    """A name folded, and its :func:`name_key` (its words in any order: « Alice Martin »,
    « Martin Alice ») → the ids of the students bearing it (:class:`IdIndex`'s ``names``;
    probe s34b: a name given where an id was expected got no suggestion). Look a name up
    with :func:`named`: as written first, so that « Anne Marie Dupont » is not « Marie Anne
    Dupont » too (probe s40k)."""
    found: dict[str, list[str]] = {}
    for student in students:
        if student.name.strip():
            for key in dict.fromkeys((_exact(student.name), name_key(student.name))):
                found.setdefault(key, []).append(student.id)
    return found


def _exact(name: str) -> str:
    """A name's key as written (its words in order), apart from any-order keys."""
    return "=" + " ".join(name_words(name))


def named(names: Mapping[str, list[str]], written: str) -> list[str]:
    """The ids ``names`` (:func:`by_name`, or built alike) gives ``written``: those of its
    words in order, else those of its words in any order."""
    return names.get(_exact(written)) or names.get(name_key(written), [])


class IdIndex:
    """Resolve references to ids: exactly, else by a unique case-, accent- and space-free
    match, else by a unique match with the leading zeros of numbers set aside."""

    def __init__(self, ids: Iterable[str], names: Mapping[str, list[str]] | None = None) -> None:
        self.ids = set(ids)
        #: Folded institution → its proposals' ids, suggested for it (probe s33d).
        self.names = names or {}
        folded: defaultdict[str, list[str]] = defaultdict(list)
        unpadded: defaultdict[str, list[str]] = defaultdict(list)
        for id_ in self.ids:
            folded[spaceless(id_)].append(id_)
            unpadded[_unpadded_digits(spaceless(id_))].append(id_)
        self.folded = folded
        self.unpadded = unpadded

    def resolve(self, ref: str) -> str | None:
        """The id ``ref`` names, or ``None`` when it names none (or several).

        ``1`` names ``01`` when no other id unpads to ``1``: a spreadsheet opening a CSV
        file makes numbers of such cells, and saves them without their zeros.
        """
        if ref.strip() in self.ids:  # ids are trimmed: "s1 " (pasted) is s1, not S1 or s1
            return ref.strip()
        candidates = self.folded.get(spaceless(ref), [])
        if not candidates:
            candidates = self.unpadded.get(_unpadded_digits(spaceless(ref)), [])
        return candidates[0] if len(candidates) == 1 else None

    def nearest(self, ref: str) -> str | None:
        """The known id ``ref`` was most likely meant to be (for "did you mean …?").

        First a typing slip between look-alike characters (letter O and zero, letter l or I
        and one, S and five, B and eight, Z and two: ``C1O`` for ``C10``, ``C2S`` for
        ``C25``), then the same number written with or without
        leading zeros (``E1`` for ``E01``), then the closest id by :mod:`difflib` (of
        close ids, the fewest typing slips away); ``None`` when nothing is close.
        """
        candidates = self._candidates(ref)
        return candidates[0] if candidates else None

    def suggestion(self, ref: str) -> str | Listing | None:
        """What "did you mean …?" proposes for ``ref``: :meth:`nearest`, or, when several
        ids are as few typing slips away (``C71``: ``C01``, ``C11``, ``C21`` and ``C17``),
        up to four of them ("C01, C11, C17 or C21"): picking one would be a guess."""
        bearing = self.names.get(fold_name(ref)) or named(self.names, ref)
        candidates = sorted(bearing) if bearing else self._candidates(ref)
        if len(candidates) > 1:
            return listing(candidates[:_MOST_SUGGESTED], last="word_or")
        return candidates[0] if candidates else None

    def _candidates(self, ref: str) -> list[str]:
        """The one id a look-alike or a zero names (:meth:`nearest`), else the closest ids,
        tied, in sorted order."""
        for key in (_lookalike, _unpadded):
            wanted = key(ref)
            same = [i for i in self.ids if key(i) == wanted]
            if len(same) == 1:
                return same
        parts = [w for w in _WORDS_APART.split(ref.strip()) if w and w.casefold() not in JOINING]
        if len(parts) > 1 and all(found := [self.resolve(part) for part in parts]):
            # Several ids run together (« C10-C12 », « S001 S003 »): those, as written
            # (probe s36j: « did you mean C01, C02, C10 or C11? », C12 lost).
            return list(dict.fromkeys(i for i in found if i))
        if ref.strip().isdigit():
            # The number alone (``8`` for ``C08``: a form asking for the number of the
            # commission): the one id holding that number.
            same = [i for i in self.ids if _number_in(i) == str(int(ref))]
            if len(same) == 1:
                return same
        return self._closest(ref) or self._leading(ref)

    def _leading(self, ref: str) -> list[str]:
        """The id ``ref`` starts with when the rest is its institution or title (``C01 -
        CPAS de Namur``, copied from a list of the commissions; probe s35d: no suggestion),
        and the other ids the rest names (``C02 et C03``: probe s36h, only C02 was
        suggested, the second one lost)."""
        words = _LEADING_ID.split(ref.strip(), maxsplit=1)
        if len(words) != 2 or not words[1]:
            return []
        head = self.resolve(words[0])
        if head is None:
            return []
        # The rest is the name (« 3 - Maison des 4 Vents »: not 4 too; probe s36k) unless
        # it is ids alone, joined by words (« C02 et C03 »).
        rest = [word for word in _WORDS_APART.split(words[1]) if word]
        others = [self.resolve(word) for word in rest if word.casefold() not in JOINING]
        if others and all(others):
            return list(dict.fromkeys([head, *(o for o in others if o)]))
        return [head]

    def _closest(self, ref: str) -> list[str]:
        """The close ids (:mod:`difflib`) the fewest typing slips away, in sorted order
        (difflib rates E01, E04 and E20 alike for E40 and would take the last)."""
        import difflib  # only when an id is wrong: not on the way of a valid run

        # Compared folded (case, accents, look-alikes) as ids are resolved: ``e99`` is as
        # close to E09 as ``E99`` is.
        folded = {i: _lookalike(i) for i in sorted(self.ids)}
        keys = sorted(set(folded.values()))
        wanted = _lookalike(ref)
        near = set(difflib.get_close_matches(wanted, keys, n=max(len(keys), 1), cutoff=0.6))
        if len(wanted) >= 2:
            # One slip in an id of two characters (``A9`` for supervisors A1…A3; ``C9`` for
            # C01…C05 once unpadded, probe s29d) is below difflib's cutoff, yet near.
            bare = _unpadded_digits(wanted)
            near.update(
                k
                for k in keys
                if 1 in (typing_slips(wanted, k), typing_slips(bare, _unpadded_digits(k)))
            )
        close = [i for i, key in folded.items() if key in near]
        slips = {i: typing_slips(wanted, folded[i]) for i in close}
        fewest = min(slips.values(), default=0)
        return sorted(i for i in close if slips[i] == fewest)


#: At most this many ids tied as nearest are proposed (``C71``: C01, C11, C21 or C17).
_MOST_SUGGESTED = 4


_LOOKALIKES = str.maketrans("olisbz", "011582")


def _number_in(id_: str) -> str | None:
    """The one number an id holds, without its leading zeros (``C08`` → ``8``)."""
    numbers = re.findall(r"\d+", id_)
    return str(int(numbers[0])) if len(numbers) == 1 else None


def _lookalike(text: str) -> str:
    """``text`` with characters people confuse made one (O/0, l/I/1, S/5, B/8, Z/2), folded."""
    return fold_name(text).translate(_LOOKALIKES)


def _unpadded(text: str) -> str:
    """``text`` folded like :func:`_lookalike`, each run of digits without its leading zeros
    (``E01`` and ``E1`` are one)."""
    return _unpadded_digits(_lookalike(text))


def _unpadded_digits(text: str) -> str:
    """``text`` with each run of digits without its leading zeros (``007`` → ``7``); by
    text, not ``int()``, which refuses more than 4,300 digits (a cell may hold 10,000)."""
    return re.sub(r"\d+", lambda m: m.group().lstrip("0") or "0", text)


#: What follows an id written with the commission's name or title: a dash, a colon, a
#: bracket, or spaces.
_LEADING_ID = re.compile(r"\s*[-–—:(.]\s*|\s+")
#: Words and signs people put between two ids (« C02 et C03 », « C03 (sinon C01) »).
JOINING = frozenset({"et", "ou", "puis", "sinon", "and", "or", "then", "else", "+", "&"})
#: What sets apart the words of a cell: ids run together (« C10-C12 », « C01 / C05 »), or
#: another id among the words after one (``C03 (sinon C01)``).
_WORDS_APART = re.compile(r"[\s\-–—:()\[\],;/+&]+")


def with_suggestion(
    message: Text,
    ref: str,
    index: IdIndex | None,
    people: Iterable[tuple[str, str]] | None = None,
) -> Text:
    """``message``, then "did you mean X?" when ``index`` knows an id close to ``ref``, naming
    the letters of ``ref`` that only look Latin (``С23``, its С Cyrillic: probe s28b); else,
    given ``people`` (id, name), those whose name ``ref`` misspells (:func:`near_named`)."""
    near = index.suggestion(ref) if index is not None else None
    if near is None and people is not None:
        near = near_named(people, ref)
    if near is not None and (letters := not_latin(ref)):
        return text("ld_with_suggestion_script", message=message, near=near, letters=letters)
    return message if near is None else text("ld_with_suggestion", message=message, near=near)
