"""The columns of every file kind, their aliases, and the mapping of a table's headers to them.

Headers are compared after :func:`matcher.text.fold_header` (case, accents, spacing, ``_``
and ``-`` do not matter); a header that names no known column is ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from matcher.errors import Problem
from matcher.labels import Listing, Text, listing, text
from matcher.loading.cell_controls import column_letter
from matcher.loading.id_headers import (
    COMMISSION_ID,
    COMMISSION_REF,
    PAIR_A,
    PAIR_B,
    STUDENT_ID,
    STUDENT_REF,
    SUPERVISOR_REF,
)
from matcher.loading.tables import RawTable
from matcher.text import fold_header

# --- Column names and their aliases (folded with fold_header) -----------------------------

#: commissions.csv: canonical column → accepted headers (compared with fold_header).
COMMISSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": COMMISSION_ID,
    "institution": ("institution", "organisation", "organisme", "commanditaire"),
    "sector": ("sector", "secteur"),
    "problem_type": ("problem_type", "problématique", "type de problématique"),
    "title": ("title", "titre", "intitulé", "commande"),
    "slots": ("slots", "disponibilités", "créneaux"),
    "priority": ("priority", "priorité"),
    "min_size": ("min_size", "taille min", "taille minimale"),
    "max_size": ("max_size", "taille max", "taille maximale"),
    "town": ("town", "localité", "commune", "ville"),
}
COMMISSION_REQUIRED = ("id", "institution", "sector", "problem_type")

#: students.csv: canonical column → accepted headers (compared with fold_header).
STUDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": STUDENT_ID,
    # With a first-name column, "nom" / "last_name" is the family name: name = "Prénom Nom".
    "name": (
        "name",
        "nom",
        "nom complet",
        "last_name",
        "nom de famille",
        "surname",
        # The whole name in one column, as French lists head it (probe s32f).
        "nom et prénom",
        "nom prénom",
        "prénom et nom",
        "prénom nom",
        "nom de l'étudiant",
        "nom de l'étudiante",
        "nom de l'étudiant·e",
        "full name",
        "student name",
    ),
    "first_name": ("first_name", "prénom", "firstname", "given_name"),
    "background": ("background", "formation", "formation initiale", "parcours"),
    "vae": ("vae",),
    "employed": ("employed", "en emploi", "employé", "employé(e)"),
    "employer": ("employer", "employeur", "lieu de travail"),
    "gender": ("gender", "genre", "sexe"),
    "experience_years": (
        "experience_years",
        "expérience",
        "années d'expérience",
        "années expérience",
    ),
    "choices": ("choices", "choix", "préférences", "vœux", "souhaits"),
    "pinned": ("pinned", "imposé", "imposée", "imposé·e", "affectation imposée"),
}
STUDENT_REQUIRED = ("id", "background")
#: Headers of ``name`` that hold the whole name, first name included (with a ``prénom``
#: column too, a first name would be written twice: « Ana Ana Lima »; probe s32h).
WHOLE_NAME_HEADERS = frozenset(
    fold_header(h)
    for h in STUDENT_COLUMNS["name"]
    if fold_header(h) not in {"name", "nom", "last_name", "nom_de_famille", "surname"}
)
#: ``choice_1``, ``Choix 1``, ``choix n°1``, ``préférence 2`` … (after fold_header).
CHOICE_COLUMN = re.compile(
    r"^(?:choices?|choix|preferences?|pref|voeux?|souhaits?)_?(?:n_?|no_?)?(\d+)$"
)
#: The rank first: ``1er choix``, ``2e choix``, ``3ème vœu``, ``1st choice`` (probe s32f).
CHOICE_RANK_FIRST = re.compile(
    r"^(\d+)_?(?:er|re|ere|e|eme|de|nd|st|rd|th)?_(?:choices?|choix|preferences?|voeux?|souhaits?)$"
)
#: ``Premier choix``, ``Deuxième vœu``, ``Second choice`` … (after fold_header).
CHOICE_ORDINALS = {
    word: rank
    for rank, words in enumerate(
        (
            ("premier", "premiere", "first"),
            ("deuxieme", "second", "seconde"),
            ("troisieme", "third"),
            ("quatrieme", "fourth"),
            ("cinquieme", "fifth"),
            ("sixieme", "sixth"),
            ("septieme", "seventh"),
            ("huitieme", "eighth"),
            ("neuvieme", "ninth"),
            ("dixieme", "tenth"),
        ),
        start=1,
    )
    for word in words
}
_CHOICE_WORD = re.compile(r"^([a-z]+)_(?:choices?|choix|preferences?|voeux?|souhaits?)$")


def choice_rank(header: str) -> int | None:
    """The rank a choice column's header names (``Choix 1``, ``choice_2``, ``1er choix``,
    ``Deuxième vœu``), or ``None`` for another header."""
    for folded in dict.fromkeys((fold_header(header), fold_header(header_without_note(header)))):
        found = CHOICE_COLUMN.match(folded) or CHOICE_RANK_FIRST.match(folded)
        if found is not None:
            return int(found.group(1))
        worded = _CHOICE_WORD.match(folded)
        if worded is not None and worded.group(1) in CHOICE_ORDINALS:
            return CHOICE_ORDINALS[worded.group(1)]
    return None


#: pairs.csv: canonical column → accepted headers (compared with fold_header).
PAIR_COLUMNS: dict[str, tuple[str, ...]] = {
    "student_a": PAIR_A,
    "student_b": PAIR_B,
    "relation": ("relation", "lien"),
}
RELATIONS = {
    "apart": "apart",
    "keep_apart": "apart",
    "separer": "apart",
    "a_separer": "apart",
    "separes": "apart",
    "separe_e_s": "apart",
    "separe_es": "apart",
    "separees": "apart",
    "separee": "apart",
    "separe": "apart",
    "together": "together",
    "keep_together": "together",
    "ensemble": "together",
    # matcher's own words (``validate``: « 2 à séparer, 1 à réunir »; probe s32f).
    "reunir": "together",
    "a_reunir": "together",
    "reunis": "together",
    "reunis_es": "together",
    "reuni_e_s": "together",
    "reuni_es": "together",
    "reunies": "together",
    "reunie": "together",
    "reuni": "together",
}

#: selection.csv (as written by matcher.outputs.writers, possibly edited by hand).
SELECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": COMMISSION_COLUMNS["id"],
    "institution": COMMISSION_COLUMNS["institution"],
    "sector": COMMISSION_COLUMNS["sector"],
    "problem_type": COMMISSION_COLUMNS["problem_type"],
    "eligible": ("eligible",),
    # "Retenue": the French result.xlsx's own header (a commande is feminine).
    "selected": ("selected", "sélectionné", "sélectionnée", "sélection", "retenu", "retenue"),
    "reserve_rank": ("reserve_rank", "réserve", "rang de réserve"),
    "reason": ("reason", "raison", "motif"),
}

#: teams.csv (as written by matcher.outputs.writers, possibly edited by hand).
TEAM_COLUMNS: dict[str, tuple[str, ...]] = {
    "student_id": STUDENT_REF,
    "commission_id": COMMISSION_REF,
}

#: teams.csv and the Students sheet as read back: their institution cell is read too (an
#: institution typed to move a student is said, matcher.loading.team_list).
TEAM_LIST_COLUMNS = {**TEAM_COLUMNS, "institution": ("institution",)}

#: supervision.csv of a stage-3 plan (as written by matcher.outputs.writers, possibly edited).
SUPERVISION_COLUMNS: dict[str, tuple[str, ...]] = {
    "commission_id": COMMISSION_REF,
    "supervisor_id": SUPERVISOR_REF,
    "expertise": ("expertise",),
}

#: schedule.csv of a stage-3 plan (as written by matcher.outputs.writers, possibly edited).
SCHEDULE_COLUMNS: dict[str, tuple[str, ...]] = {
    "event": ("event", "événement"),
    "commission_id": SUPERVISION_COLUMNS["commission_id"],
    "institution": ("institution",),
    "town": ("town", "localité", "commune"),
    "supervisor_id": SUPERVISION_COLUMNS["supervisor_id"],
    "slot": ("slot", "créneau"),
    "date": ("date",),
    "start": ("start", "début", "heure de début"),
    "end": ("end", "fin", "heure de fin"),
}


# --- Mapping a table's headers to columns -------------------------------------------------


def alias_index(spec: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded header → canonical column, for :func:`column_named`.

    Each alias is entered folded (:func:`~matcher.text.fold_header`) and also without its
    separators, so that an acronym written with dots or spaces (``V.A.E.``, ``V A E``) or a
    name written in one word (``TailleMin``) is the column it spells.
    """
    index: dict[str, str] = {}
    for name, aliases in spec.items():
        for alias in aliases:
            folded = fold_header(alias)
            index[folded] = name
            index.setdefault(folded.replace("_", ""), name)
    return index


#: A note in brackets after a header's name: ``Employeur (si en emploi)``, ``VAE (oui/non)``.
_HEADER_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def header_without_note(header: str) -> str:
    """A header without its notes in brackets (``Employeur (si en emploi)`` → ``Employeur``)."""
    return _HEADER_NOTE.sub(" ", header)


def column_named(header: str, index: Mapping[str, str]) -> str | None:
    """The canonical column a header names (``index`` from :func:`alias_index`), or None.

    A note in brackets does not matter (``Employeur (si en emploi)``, ``VAE (oui/non)``),
    unless the header with it is itself an alias (``Employé(e)``).
    """
    for written in (header, header_without_note(header)):
        folded = fold_header(written)
        name = index.get(folded) or index.get(folded.replace("_", ""))
        if name is not None:
            return name
    return None


def header_repeated(
    header: Sequence[str], index: Mapping[str, int], aliases: Mapping[str, str]
) -> Callable[[Sequence[str]], bool]:
    """Whether a data row of a table with ``header`` is the header again (two exports pasted
    one under the other), as written or in other accepted names (``Code``, ``Institution``
    under ``id``, ``institution``: probe s36g, a proposal « Code » selected), in any order
    (probe s36j: « institution,id,… » under « id,institution,… »): two or more filled
    cells of the columns read, each an accepted name of a column of its own. Built once per
    table, the test stops at the first cell that is no such name (every data row, nearly)."""
    folded = [cell.casefold() for cell in header]
    positions = list(index.values())

    def repeated(cells: Sequence[str]) -> bool:
        if len(folded) > 1 and [cell.casefold() for cell in cells[: len(folded)]] == folded:
            return True
        named: set[str] = set()
        for i in positions:
            if i < len(cells) and cells[i]:
                name = column_named(cells[i], aliases)
                if name is None or name in named:
                    return False
                named.add(name)
        return len(named) >= 2

    return repeated


def header_reader(
    spec: Mapping[str, tuple[str, ...]], renamed: Mapping[str, str] | None = None
) -> Callable[[str], bool]:
    """Whether a header of a table read with ``spec`` names one of its columns (``renamed``:
    the folded headers a workbook words its own way → the column). The other columns are
    not read: a spreadsheet error in their cells is said, not refused
    (``tables.table_from_cells``' ``read``)."""
    index = alias_index(spec)

    def read(header: str) -> bool:
        if not header:
            return False
        if renamed is not None and fold_header(header) in renamed:
            return True
        return column_named(header, index) is not None

    return read


@dataclass
class MappedColumns:
    """Where each canonical column sits in a table (by index) and how its header was written."""

    index: dict[str, int]
    choice_idcs: list[int] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    #: Headers left unread that hold an accepted name of an absent column among their words
    #: (``loose``): ``(header, accepted names)``, ``Employeur actuel`` → ``employeur``, said.
    loose: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    #: Folded accepted name → column, of the table's kind (``header_repeated``).
    aliases: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.index


def _loosely_named(
    header: str, spec: Mapping[str, tuple[str, ...]], taken: Iterable[str]
) -> tuple[str, ...]:
    """The accepted names a header holds among its words, one per column not ``taken``, in
    the order they are found in it (the longer first on a tie: ``N° matricule`` →
    ``matricule``; ``Nom de l'employeur`` → ``nom``, ``employeur``: which one it is, the
    director knows)."""
    words = fold_header(header_without_note(header)).split("_")
    found: list[tuple[int, int, str]] = []
    for name, aliases in spec.items():
        if name in taken:
            continue
        best: tuple[int, int, str] | None = None
        for alias in aliases:
            wanted = fold_header(alias).split("_")
            for start in range(len(words) - len(wanted) + 1):
                if words[start : start + len(wanted)] == wanted:
                    here = (start, -len(wanted), alias)
                    best = here if best is None or here[:2] < best[:2] else best
                    break
        if best is not None:
            found.append(best)
    return tuple(alias for _, _, alias in sorted(found))


def _place_choice_columns(
    table: RawTable,
    columns: MappedColumns,
    numbered: list[tuple[int, int]],
    problems: list[Problem],
) -> None:
    """Numbered choice columns (``choice_1``, …) in choice order, each number once."""
    label, row = table.label, table.header_row
    numbered.sort()
    seen = Counter(n for n, _ in numbered)
    for n, count in seen.items():
        if count > 1:
            # Each column as written, with its letter (probe s32h: « Choix 1 » and « 1er
            # choix » were « le choix 1 figure dans 2 colonnes », none named).
            same = [idx for m, idx in numbered if m == n]
            where = [f"{table.header[idx]} ({column_letter(idx)})" for idx in same]
            said = text("ld_choice_repeated", n=n, count=count, columns=", ".join(where))
            problems.append(Problem(label, said, row=row, column=table.header[same[-1]]))
    columns.choice_idcs = [idx for _, idx in numbered]
    if columns.choice_idcs and "choices" in columns.index:
        problems.append(
            Problem(
                label,
                text("ld_choices_both_ways", column=columns.header["choices"]),
                row=row,
                column=columns.header["choices"],
            )
        )


def map_columns(
    table: RawTable,
    spec: Mapping[str, tuple[str, ...]],
    required: Iterable[str],
    problems: list[Problem],
    *,
    choice_columns: bool = False,
    loose: bool = False,
) -> MappedColumns:
    """Match headers to canonical columns; unknown headers are ignored. ``loose`` (the
    instance's own files): a header that is no accepted name but holds one of a column no
    header names among its words (``Employeur actuel``, ``N° matricule``) is noted, for
    :func:`near_misses` to say it unread (probe s33d: such headers were dropped without a
    word, and with them the conflicts of interest and the slots). Never read as that
    column: « Secteur de l'employeur », « Genre de public », « Code postal » are not
    (probe s33h), and unknown columns are ignored (contract §1)."""
    alias2column = alias_index(spec)
    columns = MappedColumns(index={}, aliases=alias2column)
    numbered: list[tuple[int, int]] = []
    for idx, header in enumerate(table.header):
        name = column_named(header, alias2column)
        rank = choice_rank(header) if choice_columns else None
        if name is None and rank is None:
            continue
        if name is None and rank is not None:
            numbered.append((rank, idx))
            continue
        assert name is not None
        if name in columns.index:
            problems.append(
                Problem(
                    table.label,
                    text(
                        "ld_same_column",
                        first=columns.header[name],
                        first_at=column_letter(columns.index[name]),
                        second=header,
                        second_at=column_letter(idx),
                        name=name,
                    ),
                    row=table.header_row,
                    column=header,
                )
            )
            continue
        columns.index[name] = idx
        # As the sheet writes it (probe s38g: « colonne « selected » » of a Sélection sheet
        # whose header reads « Retenue »).
        columns.header[name] = header if table.written is None else table.written[idx]
    if loose:
        _note_loosely(table, spec, columns, {idx for _, idx in numbered})
    _place_choice_columns(table, columns, numbered, problems)
    for name in required:
        if name not in columns.index:
            message = missing_column(name, spec, table.header)
            problems.append(Problem(table.label, message, row=table.header_row))
    return columns


def _note_loosely(
    table: RawTable,
    spec: Mapping[str, tuple[str, ...]],
    columns: MappedColumns,
    numbered: set[int],
) -> None:
    """``map_columns``' ``loose`` pass: the headers left unread that hold an accepted name
    of a column no header names (numbered choice columns name the choices)."""
    alias2column = alias_index(spec)
    taken = set(columns.index) | ({"choices"} if numbered else set())
    for idx, header in enumerate(table.header):
        if not header or idx in numbered or idx in columns.index.values():
            continue
        if column_named(header, alias2column) is not None:
            continue  # a column named twice: refused above
        found = _loosely_named(header, spec, taken)
        if found:
            columns.loose.append((header, found))


def _loose_said(file: str, header: str, aliases: tuple[str, ...]) -> Text:
    """The warning on a header holding ``aliases`` (probe s33: « Nom de l'employeur » was
    said to be maybe the column « nom » only)."""
    if len(aliases) == 1:
        return text("ld_column_loose", file=file, header=header, alias=aliases[0])
    either = listing([text("quoted", value=alias) for alias in aliases], "word_or")
    return text("ld_column_loose_either", file=file, header=header, aliases=either)


def near_misses(
    table: RawTable, spec: Mapping[str, tuple[str, ...]], columns: MappedColumns
) -> list[Text]:
    """A warning per header read as no column that is one slip away from an accepted name
    of a column the table lacks (probe s30b: « employeer » dropped the conflict-of-interest
    rule without a word, « experence_years » the experience): did you mean it? First, a
    warning per header holding an accepted name of an absent column (``loose``)."""
    import difflib

    index = alias_index(spec)
    absent = {
        fold_header(alias): alias
        for name, aliases in spec.items()
        if name not in columns.index
        for alias in aliases
    }
    said: list[Text] = [
        _loose_said(table.label, header, aliases) for header, aliases in columns.loose
    ]
    loose = {header for header, _ in columns.loose}
    for position, header in enumerate(table.header):
        if not header or position in columns.index.values() or position in columns.choice_idcs:
            continue
        if column_named(header, index) is not None or header in loose:
            # A header already said to hold a name (« Nb années expérience ») gets no
            # « did you mean » besides (probe s36d: two warnings for one header).
            continue
        folded = fold_header(header)
        close = difflib.get_close_matches(folded, list(absent), n=1, cutoff=0.8)
        # Two letters swapped in a short name (« vea », « nmae »: probe s30g) fall below
        # the ratio: the same letters in another order count too.
        close = close or [a for a in absent if len(a) >= 3 and sorted(a) == sorted(folded)][:1]
        if close:
            meant = absent[close[0]]
            said.append(text("ld_column_near", file=table.label, header=header, meant=meant))
    return said


def missing_column(name: str, spec: Mapping[str, tuple[str, ...]], found: Iterable[str]) -> Text:
    """A required column is absent: the names accepted for it and the headers found.

    Listing the headers found shows at a glance which one was meant but not recognised
    (``Diplôme d'origine`` is not an accepted name for ``background``).
    """
    headers = [h for h in found if h]
    return text(
        "ld_missing_column",
        name=name,
        accepted=", ".join(spec[name]),
        found=(
            Listing(tuple(text("quoted", value=h) for h in headers), last=None)
            if headers
            else text("ld_none_found")
        ),
    )
