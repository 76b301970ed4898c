"""Total rows and notes typed under a table (« Total », « Somme », a count, a sum; « Liste
arrêtée au 15/09 » after a blank line): set aside, said.

Read as a row, a total made a student of « Total » with its sum of years (probe s37f).
A row is a total when its first cell is the word as typed (accents kept: « Sommé » is a
name), every cell beside it is a number or empty, and it reads as one:
- with numbers beside the word, each is the count of its column's filled cells above (under
  ids or names, or numbers all larger), their sum, their mean (with decimals) or a share
  (« 45 % »), with two rows above at least (probe s38f:
  « Somme;5;2; » under supervisors, id 5 and 2 teams, was set aside: 5 is no count of
  theirs; probe s38a: « Somme,2,2 » under « Dupont,1,2 », id 2 and 2 teams, too);
- a count may be of one of a column's words (how many rows hold the « oui », the « F »: a
  spreadsheet's « NB.SI »), under a column holding no number, and a share that count out
  of the rows (« 0,67 », or a cell formatted « 67 % », which stores 0.6667);
- with none, the rows above are not all numbers beside a word themselves.
Otherwise the row is kept, with a warning saying to delete it if it is a total; but under
a word no one is named (« Total », not « Somme » or « Moyenne », surnames too), a row with
some of its numbers reading as a total's is set aside, said as a total whose numbers do not
all add up; a count in words (« 3 accompagnateurs », « Total : 9 étudiants ») that is not
the rows' is set aside and said. A total's word and a number, no colon (« Total 3
accompagnateurs »), is a total too; a one-cell line of words right under the table whose one
number is the rows' count (« Soit 3 accompagnateurs », « (3 accompagnateurs) ») is set aside,
said as a total (probe s40a: a fourth supervisor, given a team).

A note is a line whose only filled cell holds several words, below a blank line under the
table (with the notes under it; under its header alone too, probe s40a): a row of the
table has more than one cell filled (its id and at least one more), so a one-cell line
after a gap is no row of it (session 38's note: such a line was read as a row, and the
cohort refused for its empty cells). A label in the first cell and one value beside it
(« Mise à jour : | 15/09/2026 ») is a note too, ending the table with or without a blank
line above it: no id ends with a colon (session 39's note: an eighth supervisor, given
teams); so is one cell « words : value » (« Source : RH »; an id « A:4 » has no space), among
the notes, totals and count lines ending a table in whatever order, or right under its
header. Right under a header alone, one cell of words with one in lower case beyond a
name's particles (« Aucune paire cette année », not a supervisor's id « Marie Dubois ») is a
note. A first cell counting the rows in words with a total's numbers beside it (« 3
accompagnateurs;;6 ») is a total; « Sous-total » is a subtotal whatever its other cells hold
(probe s40h: each had become a supervisor, a student, a pair refused, or a row counted).
"""

from __future__ import annotations

import re
from collections import Counter

from matcher.errors import Problem
from matcher.labels import Text, counted, text
from matcher.loading.id_headers import ID_HEADERS
from matcher.text import fold_header

__all__ = ["TOTAL_WORDS", "note_lines", "total_lines"]

#: A total's first cell under a table, folded (``Total``, ``Total :``, ``Sous-total``).
TOTAL_WORDS = frozenset(
    {"total", "totaux", "sous-total", "sous total", "somme", "effectif", "moyenne"}
)
#: A mean's word (« Moyenne » under a « Somme », probe s39a: read as a student).
_MEAN_WORDS = ("moyenne", "mean", "average")
#: A total's first cell as typed: one of those words, « Sum », « Mean », « Average » or
#: « Total général », then maybe a colon and words (« Total : 27 étudiants ») or a number
#: (« Total 3 accompagnateurs »: probe s40a, a supervisor given a team).
_TOTAL_LINE = re.compile(
    "(?:{})(?:\\s*:.*|\\s+\\d.*)?".format(
        "|".join(
            [*map(re.escape, sorted(TOTAL_WORDS)), "sum", "mean", "average", "total g[ée]n[ée]ral"]
        )
    ),
    re.IGNORECASE | re.DOTALL,
)
#: A subtotal's first cell, typed between groups of rows as well as under the table
#: (« Sous-total », « Sous-total : AS », « Subtotal »), or words after it without a colon
#: (« Sous-total AS », « Sous-total (AS) »: probe s40a, read as a student): no name or id is
#: written so.
_SUBTOTAL_LINE = re.compile(
    r"(?:sous[- ]?(?:total|totaux)|sub-?totals?)(?:\s*[:(].*|\s+.*)?", re.IGNORECASE | re.DOTALL
)
#: A number as a total shows it: a count, a sum, a share (``27``, ``91,5``, ``1 234``,
#: ``45 %``).
_NUMBER = r"[-+]?\d[\d\s.,\u00a0\u202f]*%?"
#: A cell beside the word: a number, or a count in words (« 2 accompagnateurs », probe
#: s38i: read as a supervisor of that id).
_NUMBER_CELL = re.compile(_NUMBER + r"(?:\s*[^\W\d_]+(?:\s+[^\W\d_]+)*)?")

Records = list[tuple[int, list[str]]]


def total_lines(label: str, records: Records) -> tuple[Records, tuple[Problem, ...]]:
    """``records`` (header first) without the total rows typed under the table, each said
    (module doc); a row that looks like one but is kept is said too. Subtotals between
    groups of rows are set aside first, so a total under them is of the rows alone (probe
    s39a: an Excel export's « Sous-total » rows made its « Total » no sum, and the last one
    a student)."""
    said: list[Problem] = []
    kept: Records = records[:1]
    for number, cells in records[1:]:
        first = cells[0].strip() if cells else ""
        # Whatever its other cells hold, words too (« Sous-total,,C1,CPAS de Namur »:
        # probe s40h, said to name no student, and the Total below a row short).
        if len(kept) > 1 and _SUBTOTAL_LINE.fullmatch(first):
            said.append(Problem(label, text("tb_subtotal_aside", first=first), row=number))
        else:
            kept.append((number, cells))
    records = kept
    ids = _id_columns(records[0][1])
    totals: list[Problem] = []
    while len(records) > 2:
        number, cells = records[-1]
        first = cells[0] if cells else ""  # in the first column, where a total is typed
        if not _looks_like_total(cells):
            break
        above = [row for _, row in records[1:-1]]
        while len(above) > 1 and _looks_like_total(above[-1]):
            above.pop()  # a sum above a mean: the mean is of the rows (probe s38i)
        whole = _reads_as_total(cells, above, ids)
        explained = None if whole else _explained_under_total_word(cells, above, ids)
        if explained is not None:
            # « Total;7;12 » under seven supervisors whose teams add up to 11: a total
            # miscounted, not a supervisor « Total » of id 7 (probe s39b: planned on teams);
            # « Total,1 » under one pair: its count (probe s39a).
            records = records[:-1]
            key = "tb_total_aside" if explained else "tb_total_aside_partly"
            totals.insert(0, Problem(label, text(key, first=first), row=number))
            continue
        if not whole:
            beside = any(cell.strip() for cell in cells[1:])
            key = "tb_total_kept_numbers" if beside else "tb_total_kept"
            if beside and len(above) < 2:
                key = "tb_total_kept_one_row"  # probe s39a: « no count » said of a count
            totals.insert(0, Problem(label, text(key, first=first), row=number))
            break
        records = records[:-1]
        # « Total : 9 étudiants », « Total 9 étudiants »
        written = re.search(r"(?:^|[\s:])(\d+)\s+[^\W\d_]", first)
        message = (
            _counted_total(first, int(written[1]), len(above))
            if written and not any(cell.strip() for cell in cells[1:])
            else text("tb_total_aside", first=first)
        )
        totals.insert(0, Problem(label, message, row=number))
    return records, (*said, *totals)


def _id_columns(header: list[str]) -> frozenset[int]:
    """The columns of ids in a header (``id``, « Matricule », ``student_a``): their numbers
    are counted, never summed (probe s39a: « Somme,3, » under supervisors 1 and 2, a third
    supervisor, read as their sum and set aside)."""
    folded = frozenset(map(fold_header, ID_HEADERS))
    return frozenset(idx for idx, cell in enumerate(header) if fold_header(cell) in folded)


def note_lines(label: str, records: Records) -> tuple[Records, tuple[Problem, ...]]:
    """``records`` (header first) without the note lines typed under the table after a blank
    line (module doc), each said; the totals among them (« Total : 7 accompagnateurs » under
    a note, or above it) are left to ``total_lines`` (probe s39j: the note above such a
    total was read as a supervisor, given teams)."""
    below = 0
    # Down to the header: a note under a table with no rows yet (« Aucune paire cette
    # année » under pairs.csv's header) is one too (probe s40a: read as a pair, refused).
    while len(records) - below > 1 and _below_the_table(records[-1 - below][1]):
        below += 1
    # The first line of them is below a blank line (its row number is not the next one).
    while below and records[-below][0] == records[-below - 1][0] + 1:
        below -= 1
    notes = {
        number: "tb_label_note_aside"
        if _is_label(cells) and _filled(cells) == 2
        else "tb_note_aside"
        for number, cells in records[len(records) - below :]
        if _is_note(cells)
    }
    if len(records) - below == 2 and _is_sentence(records[1][1]):
        # The one line under a header alone, a sentence (« Aucune paire cette année »): no
        # row is one cell of words in lower case (probe s40h: read as a pair, refused).
        notes[records[1][0]] = "tb_line_note_aside"
    # A label and its value among the lines ending the table (notes, totals, count lines),
    # in whatever order, blank line or not: no id ends with a colon, or holds « words :
    # value » (probe s40h: above a « Total;;6 », a supervisor given a team); under the
    # header too (probe s40h: refused as a pair).
    for number, cells in reversed(records[1:]):
        if _is_label(cells) and not _counted_label(cells):
            notes.setdefault(number, "tb_label_note_aside")
        elif not (_below_the_table(cells) or _counts_in_words(cells)):
            break
    kept = [(number, cells) for number, cells in records if number not in notes]
    # A count line right under the last row is a total, notes under it or not (probe s40a:
    # with a note below, « 3 accompagnateurs » became a fourth supervisor, given a team).
    kept, count = _count_line(label, kept)
    said = count + tuple(
        Problem(label, text(notes[number], note=_clipped(_only(cells))), row=number)
        for number, cells in records
        if number in notes
    )
    return kept, said


def _below_the_table(cells: list[str]) -> bool:
    """Whether a line is a note or a total, as typed under a table."""
    return _is_note(cells) or _looks_like_total(cells)


#: A count in words (« 3 accompagnateurs », « Soit 12 étudiants », « (3 équipes) »).
_COUNT_IN_WORDS = re.compile(r"(?:^|[\s(:])(\d+)\s+[^\W\d_]")


def _counts_in_words(cells: list[str]) -> bool:
    """Whether a line's first cell is a count in words and the cells beside it numbers (a
    total's, « 3 accompagnateurs;;6 »)."""
    return bool(cells and _COUNT_IN_WORDS.search(cells[0])) and _numbers(cells[1:])


def _is_sentence(cells: list[str]) -> bool:
    """Whether a line is one cell of several words, one in lower case at least beyond a
    name's particles (« Aucune paire cette année », not « Marie Dubois » nor « Jean-Pierre
    Van den Berg », a supervisor's id alone)."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) != 1 or not _is_note(cells) or _is_label(cells):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", filled[0])
    return any(word[0].islower() and word.lower() not in _PARTICLES for word in words)


#: The words in lower case of people's names (« Van den Berg », « de la Cruz »).
_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "van", "von", "der", "den", "ten", "ter", "el", "al"}
    | {"da", "di", "dos", "bin", "ben", "y", "e"}
)


def _count_line(label: str, records: Records) -> tuple[Records, tuple[Problem, ...]]:
    """``records`` without a last line whose only cell counts the rows above in words
    (« 3 accompagnateurs au total » under three supervisors: probe s39f, a supervisor of
    that id, given a team), said as a total."""
    number, cells = records[-1]
    filled = [cell.strip() for cell in cells if cell.strip()]
    # The rows above, a total among them aside (« Total,,11 » then « (7 accompagnateurs) »:
    # probe s40j, both read as supervisors).
    rows = sum(1 for _, row in records[1:-1] if not _looks_like_total(row))
    if len(records) >= 3 and len(filled) > 1 and _counts_the_rows(cells, records):
        return records[:-1], (Problem(label, text("tb_total_aside", first=filled[0]), row=number),)
    if len(records) >= 3 and len(filled) > 1 and _starts_with_a_count(cells):
        # « 3 accompagnateurs;;4 » under two supervisors: no one's id is a count in words;
        # a total whose numbers do not all add up (probe s40k: a supervisor given a team).
        said = text("tb_total_aside_partly", first=filled[0])
        return records[:-1], (Problem(label, said, row=number),)
    if len(records) < 3 or len(filled) != 1 or not _is_note(cells):
        return records, ()
    found = re.match(r"(\d+)\s+[^\W\d_]", filled[0])
    if found is None:
        # The rows' count among words (« Soit 3 accompagnateurs », « (3 accompagnateurs) »,
        # « Nombre d'accompagnateurs : 3 »: probe s40a, a fourth supervisor); another
        # number, or several (« Liste arrêtée au 15/09 »), may be a row's: it stays one.
        numbers = re.findall(r"\d+(?:[.,/:h-]\d+)*", filled[0])
        if len(numbers) != 1 or not numbers[0].isdigit() or int(numbers[0]) != rows:
            return records, ()
        return records[:-1], (Problem(label, text("tb_total_aside", first=filled[0]), row=number),)
    count = int(found[1])
    if count != rows and len(filled[0].split()) > 2 and "total" not in filled[0].lower():
        # A count of something else in a sentence (« 2 places encore à confirmer », « 12
        # étudiants en emploi »: probe s40b, said a total with a row missing): a note.
        return records[:-1], (
            Problem(label, text("tb_line_note_aside", note=filled[0]), row=number),
        )
    # Another count than the rows' (« 4 accompagnateurs » under three): a total all the
    # same, said, as a row may be missing (probe s39i: a fourth supervisor, given a team).
    said = _counted_total(filled[0], count, rows)
    return records[:-1], (Problem(label, said, row=number),)


def _starts_with_a_count(cells: list[str]) -> bool:
    """Whether a line's first cell is a number and words, its only number (« 3
    accompagnateurs »), and the cells beside it numbers or empty: a total's shape."""
    first = cells[0].strip() if cells else ""
    return (
        re.fullmatch(r"\d+\s+[^\W\d_][^\d]*", first) is not None
        and len(first.split()) <= 3
        and _numbers(cells[1:])
    )


def _counts_the_rows(cells: list[str], records: Records) -> bool:
    """Whether the last of ``records`` (header first) counts the rows above in words in its
    first cell and its other cells read as a total's (« 3 accompagnateurs;;6 » under three
    supervisors of two teams each, « Soit 12 étudiants;…;31,5 »: probe s40h, a supervisor
    given a team, a student refused)."""
    first = cells[0].strip()
    counted = _COUNT_IN_WORDS.search(first)
    if counted is None or len(re.findall(r"\d+", first)) != 1 or not _numbers(cells[1:]):
        return False
    above = [row for _, row in records[1:-1]]
    return int(counted[1]) == len(above) and _reads_as_total(
        cells, above, _id_columns(records[0][1])
    )


def _counted_total(first: str, count: int, rows: int) -> Text:
    """A total typed as a count (« 3 accompagnateurs », « Total : 9 étudiants ») set aside:
    said so, and that the rows above are another number when they are."""
    if count == rows:
        return text("tb_total_aside", first=first)
    return counted("tb_total_count_off", rows, first=first, rows=rows)


def _filled(cells: list[str]) -> int:
    """How many cells of a line are filled."""
    return sum(1 for cell in cells if cell.strip())


def _only(cells: list[str]) -> str:
    """A note's words: its one cell, or its label and the value beside it."""
    return " ".join(cell.strip() for cell in cells if cell.strip())


#: A note's label in the first cell, its value in the next (« Mise à jour : | 15/09/2026 »,
#: « Source: | RH »): no id ends with a colon.
_LABEL = re.compile(r"[^\W\d_][^:]*:")
#: A label and its value in one cell (« Source : RH », « Mise à jour : 15/09/2026 »).
_LABEL_VALUE = re.compile(r"[^\W\d_][^:]*:\s+\S.*", re.DOTALL)


def _is_note(cells: list[str]) -> bool:
    """Whether a line's only filled cell holds several words (« 3 accompagnateurs au total »
    too, probe s39f; not a number alone, « 1 234 »), or it is a label and its value (session
    39's left-alone « Mise à jour : | 15/09/2026 », read as a supervisor)."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if _is_label(cells):
        return True
    return (
        len(filled) == 1
        and len(filled[0].split()) > 1
        and not re.fullmatch(_NUMBER, filled[0])
        # « Total : 60 étudiants » after a blank line is a total (probe s39g: « a note »).
        and not _TOTAL_LINE.fullmatch(filled[0])
    )


def _is_label(cells: list[str]) -> bool:
    """Whether a line is a label in its first cell and one value beside it, or in that one
    cell after a colon and a space (« Mise à jour : 15/09/2026 »: probe s40h, a supervisor
    given a team; an id « A:4 » stays one)."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if not filled or not cells[0].strip() or _TOTAL_LINE.fullmatch(filled[0]):
        return False
    if len(filled) == 1:
        return bool(_LABEL_VALUE.fullmatch(filled[0])) and not _SUBTOTAL_LINE.fullmatch(filled[0])
    return len(filled) == 2 and bool(_LABEL.fullmatch(filled[0]))


def _counted_label(cells: list[str]) -> bool:
    """Whether a line is one cell, a label and a number alone (« Nombre d'accompagnateurs :
    3 »): a count, left to ``_count_line``."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return len(filled) == 1 and bool(re.fullmatch(r".*:\s*\d+", filled[0], re.DOTALL))


#: The most characters of a note quoted in its warning.
_NOTE_SHOWN = 60


def _clipped(note: str) -> str:
    return note if len(note) <= _NOTE_SHOWN else note[:_NOTE_SHOWN] + "…"


def _looks_like_total(cells: list[str]) -> bool:
    """Whether a row is a total's word with numbers (or nothing) beside it."""
    first = cells[0] if cells else ""
    return bool(_TOTAL_LINE.fullmatch(first.strip())) and _numbers(cells[1:])


def _numbers(cells: list[str]) -> bool:
    """Whether every cell is a number or empty (what a total puts beside its word)."""
    return all(not cell.strip() or _NUMBER_CELL.fullmatch(cell.strip()) for cell in cells)


def _value(cell: str) -> float | None:
    """A number cell's value (``1 234``, ``91,5``, ``45 %``, « 2 accompagnateurs »), or
    None."""
    found = re.match(_NUMBER, cell.strip())
    if found is None:
        return None
    written = re.sub(r"[\s\u00a0\u202f%]", "", found.group(0))
    if written.count(",") == 1 and "." not in written:
        written = written.replace(",", ".")
    try:
        return float(written.replace(",", ""))
    except ValueError:
        return None


def _reads_as_total(cells: list[str], above: list[list[str]], ids: frozenset[int]) -> bool:
    """Whether the row reads as a total of the rows ``above`` (module doc); ``ids``: the
    columns of ids, whose totals are counts only."""
    beside = [(idx, cell.strip()) for idx, cell in enumerate(cells) if idx and cell.strip()]
    if not beside:
        return not all(_numbers(row[1:]) for row in above)
    mean = cells[0].strip().casefold().startswith(_MEAN_WORDS)
    return len(above) >= 2 and all(
        _explained(cell, idx, above, counted=idx in ids, mean=mean) for idx, cell in beside
    )


def _shared(cell: str, value: float, counts: set[int], rows: int) -> bool:
    """Whether ``value``, a fraction written with decimals, is one of ``counts`` out of
    ``rows`` as a spreadsheet shows it rounded."""
    if not 0 < value < 1 or not _decimals(cell):
        return False
    shown = 0.5 * 10 ** -_decimals(cell) + 1e-9
    return any(abs(value - count / rows) <= shown for count in counts)


def _word_counts(idx: int, above: list[list[str]]) -> set[int]:
    """How many of the rows ``above`` hold each word of column ``idx`` (folded: « Oui » is
    « oui »), and how many leave it empty."""
    words = Counter(fold_header(row[idx]) if idx < len(row) else "" for row in above)
    return set(words.values())


def _explained_under_total_word(
    cells: list[str], above: list[list[str]], ids: frozenset[int]
) -> bool | None:
    """For a row under a word no one is named (« Total », not « Somme », a surname) with
    some number beside it reading as a total of the rows ``above`` (one row may do): whether
    they all do; None when none does, or under another word."""
    word = cells[0].strip().casefold()
    beside = [(idx, cell.strip()) for idx, cell in enumerate(cells) if idx and cell.strip()]
    if word.startswith(_NAMES_TOO) or not beside:
        return None
    explained = [
        _explained(cell, idx, above, counted=idx in ids, sure=True) for idx, cell in beside
    ]
    return all(explained) if any(explained) else None


#: Total words that are people's names too (« Somme », « Moyenne »: probe s39f, a
#: supervisor set aside): their rows must add up entirely.
_NAMES_TOO = ("somme", "moyenne")


def _explained(
    cell: str,
    idx: int,
    above: list[list[str]],
    *,
    counted: bool = False,
    mean: bool = False,
    sure: bool = False,
) -> bool:
    """Whether ``cell`` is the count, the sum or (a share, a decimal, or under a mean's word)
    the mean of column ``idx`` over the rows ``above``, as a spreadsheet shows it rounded;
    the count only in a column of ids (``counted``); ``sure``: the row's word names no one,
    so a count under small numbers is a count, not an id."""
    value = _value(cell)
    if value is None:
        return False
    if cell.endswith("%"):
        return True  # a share (« 45 % » of VAE): no row of these tables holds one
    column = [row[idx] for row in above if idx < len(row) and row[idx].strip()]
    values = [v for v in map(_value, column) if v is not None]
    # A count: under ids or names, or under numbers all larger than it (matricules); under
    # small numbers a count is as likely an id (« Somme,2,2 » under ids 1 and 3).
    counted_in_words = bool(re.search(r"\d\s*[^\W\d_]", cell))  # « 2 accompagnateurs »
    larger = (
        len(values) < len(column)  # under ids or names (or an empty column: no min)
        or not values
        or value < min(values)
        or counted_in_words
        or sure
    )
    if value in (len(column), len(above)) and larger:
        return True
    if column and not values and not counted:
        # A count of one of the column's words (« NB.SI » of the « oui », of the « F »): no
        # row holds a number there (probe s39b: 10 under « selected », refused as no yes/no;
        # probe s39f: any whole number up to the rows' count passed); or that count as a
        # fraction of the rows (« 0,67 »; a workbook cell formatted « 67 % » holds 0.6667:
        # probe s38i, reading it as shown refused every stray format, probe s39g).
        counts = _word_counts(idx, above)
        if value in counts or _shared(cell, value, counts, len(above)):
            return True
    if not values or counted:
        return False
    shown = 0.5 * 10 ** -_decimals(cell) + 1e-9
    if abs(value - sum(values)) <= shown:
        return True
    average = sum(values) / len(values)
    return (_decimals(cell) > 0 or mean) and abs(value - average) <= shown


def _decimals(cell: str) -> int:
    """The decimal places a number cell shows (« 3,25 »: two; « 45 % »: none)."""
    return len(re.split(r"[.,]", cell.rstrip(" %"))[-1]) if re.search(r"[.,]\d", cell) else 0
