"""Reading an instance: the only code that knows file names, column names and their aliases.

Files become validated records (:mod:`matcher.schemas`) here, once. Every problem found in
every file is collected and raised together as one :class:`~matcher.errors.InputError`, each
located by file, spreadsheet row (header is row 1) and column.

Conventions (contract §1, documented in ``instances/README.md``):

- an instance is a folder holding ``commissions.csv``, ``students.csv``, ``pairs.csv`` and
  ``settings.toml`` (file names matched case-insensitively, French names accepted), or one
  ``.xlsx`` workbook whose sheets carry those names; a workbook's settings come from
  ``--settings``, else ``<workbook stem>.settings.toml`` beside it, else ``settings.toml``
  beside it;
- names that people spell in several ways are made one: institutions and employers that
  fold equal (:func:`matcher.text.fold_name`) take the spelling of their first appearance in
  ``commissions.csv`` (or ``students.csv``), and so do categories (background, gender);
- ids are kept as written (trimmed); a reference (choice, pin, pair, include, exclude) that
  matches no id exactly but matches exactly one id up to case and accents is read as that id.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from matcher.csvread import RawTable, read_csv, read_workbook, table_from_cells
from matcher.eligibility import eligibility
from matcher.errors import InputError, Problem
from matcher.results import SelectionRow
from matcher.schemas import (
    BALANCEABLE,
    Commission,
    Instance,
    Pair,
    Settings,
    Student,
)
from matcher.text import fold_header, fold_name

__all__ = [
    "COMMISSION_COLUMNS",
    "PAIR_COLUMNS",
    "STUDENT_COLUMNS",
    "load_instance",
    "load_settings",
    "parse_bool",
    "read_arrivals",
    "read_selection",
    "read_students",
    "read_teams",
]

T = TypeVar("T")

# --- Column names and their aliases (folded with fold_header) -------------------------------

#: commissions.csv: canonical column → accepted headers (compared with fold_header).
COMMISSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "identifiant"),
    "institution": ("institution", "organisation", "organisme", "commanditaire"),
    "sector": ("sector", "secteur"),
    "problem_type": ("problem_type", "problématique", "type de problématique"),
    "title": ("title", "titre", "intitulé", "commande"),
    "slots": ("slots", "disponibilités", "créneaux"),
    "priority": ("priority", "priorité"),
    "min_size": ("min_size", "taille min", "taille minimale"),
    "max_size": ("max_size", "taille max", "taille maximale"),
}
COMMISSION_REQUIRED = ("id", "institution", "sector", "problem_type")

#: students.csv: canonical column → accepted headers (compared with fold_header).
STUDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "matricule", "student_id"),
    "name": ("name", "nom", "nom complet"),
    "background": ("background", "formation", "formation initiale", "parcours"),
    "vae": ("vae",),
    "employed": ("employed", "en emploi", "employé", "employé(e)"),
    "employer": ("employer", "employeur"),
    "gender": ("gender", "genre", "sexe"),
    "experience_years": (
        "experience_years",
        "expérience",
        "années d'expérience",
        "années expérience",
    ),
    "choices": ("choices", "choix", "préférences"),
    "pinned": ("pinned", "imposé"),
}
STUDENT_REQUIRED = ("id", "background")
#: ``choice_1``, ``Choix 1``, ``choix n°1``, ``préférence 2`` … (after fold_header).
CHOICE_COLUMN = re.compile(r"^(?:choice|choix|preference|pref|voeu)_?(?:n_?|no_?)?(\d+)$")

#: pairs.csv: canonical column → accepted headers (compared with fold_header).
PAIR_COLUMNS: dict[str, tuple[str, ...]] = {
    "student_a": ("student_a", "étudiant a", "student_1", "étudiant 1"),
    "student_b": ("student_b", "étudiant b", "student_2", "étudiant 2"),
    "relation": ("relation", "lien"),
}
RELATIONS = {
    "apart": "apart",
    "separer": "apart",
    "separes": "apart",
    "together": "together",
    "ensemble": "together",
}

#: selection.csv (as written by matcher.writers, possibly edited by hand).
SELECTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": COMMISSION_COLUMNS["id"],
    "institution": COMMISSION_COLUMNS["institution"],
    "sector": COMMISSION_COLUMNS["sector"],
    "problem_type": COMMISSION_COLUMNS["problem_type"],
    "eligible": ("eligible",),
    "selected": ("selected", "sélectionné", "sélection", "retenu"),
    "reserve_rank": ("reserve_rank", "réserve", "rang de réserve"),
    "reason": ("reason", "raison", "motif"),
}

#: teams.csv (as written by matcher.writers, possibly edited by hand).
TEAM_COLUMNS: dict[str, tuple[str, ...]] = {
    "student_id": ("student_id", "student", "étudiant", "matricule"),
    "commission_id": ("commission_id", "commission", "team", "équipe"),
}

#: Instance files: kind → accepted file stems / sheet names (compared with fold_header).
FILE_KINDS: dict[str, tuple[str, ...]] = {
    "commissions": ("commissions", "propositions", "commandes"),
    "students": ("students", "étudiants"),
    "pairs": ("pairs", "paires", "binômes"),
}

_TRUE = frozenset({"yes", "y", "oui", "o", "true", "vrai", "1", "x", "t"})
_FALSE = frozenset({"no", "n", "non", "false", "faux", "0", ""})
BOOL_EXPECTED = "expected yes/no (also oui/non, true/false, vrai/faux, 1/0, x/empty)"


def parse_bool(text: str) -> bool | None:
    """Read a boolean cell (``None`` when it is not one); an empty cell is "no"."""
    folded = fold_name(text)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    return None


def split_list(text: str) -> tuple[str, ...]:
    """Split a list cell on ``;`` (or ``|``; or ``,`` when neither is used), trimmed."""
    for separator in (";", "|", ","):
        if separator in text:
            return tuple(p.strip() for p in text.split(separator) if p.strip())
    return (text.strip(),) if text.strip() else ()


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


# --- Tables with mapped columns --------------------------------------------------------------


@dataclass
class _Columns:
    """Where each canonical column sits in a table (by index) and how its header was written."""

    index: dict[str, int]
    choice_idcs: list[int] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.index


def _map_columns(
    table: RawTable,
    spec: Mapping[str, tuple[str, ...]],
    required: Iterable[str],
    problems: list[Problem],
    *,
    choice_columns: bool = False,
) -> _Columns:
    """Match headers to canonical columns; unknown headers are ignored."""
    alias2column = {fold_header(alias): name for name, aliases in spec.items() for alias in aliases}
    columns = _Columns(index={})
    numbered: list[tuple[int, int]] = []
    for idx, header in enumerate(table.header):
        folded = fold_header(header)
        name = alias2column.get(folded)
        match = CHOICE_COLUMN.match(folded) if choice_columns else None
        if name is None and match is None:
            continue
        if name is None and match is not None:
            numbered.append((int(match.group(1)), idx))
            continue
        assert name is not None
        if name in columns.index:
            problems.append(
                Problem(
                    table.label,
                    f"columns '{columns.header[name]}' and '{header}' both mean '{name}': "
                    "keep only one",
                    row=1,
                    column=header,
                )
            )
            continue
        columns.index[name] = idx
        columns.header[name] = header
    numbered.sort()
    seen = Counter(n for n, _ in numbered)
    for n, count in seen.items():
        if count > 1:
            problems.append(Problem(table.label, f"choice {n} appears in {count} columns", row=1))
    columns.choice_idcs = [idx for _, idx in numbered]
    if columns.choice_idcs and "choices" in columns.index:
        problems.append(
            Problem(
                table.label,
                f"both a '{columns.header['choices']}' column and numbered choice columns: "
                "keep one way of giving choices",
                row=1,
                column=columns.header["choices"],
            )
        )
    for name in required:
        if name not in columns.index:
            aliases = ", ".join(a for a in spec[name] if a != name)
            also = f" (also accepted: {aliases})" if aliases else ""
            problems.append(
                Problem(
                    table.label,
                    f"missing required column '{name}'{also}",
                    row=1,
                    column=name,
                )
            )
    return columns


class _Row:
    """One data row, read cell by cell; problems are collected, never raised."""

    def __init__(
        self,
        table: RawTable,
        columns: _Columns,
        number: int,
        cells: tuple[str, ...],
        problems: list[Problem],
    ) -> None:
        self.table = table
        self.columns = columns
        self.number = number
        self.cells = cells
        self.problems = problems
        self.ok = True

    def problem(self, name: str | None, message: str) -> None:
        """Record a problem with the cell of column ``name`` (``None``: the whole row)."""
        self.ok = False
        header = None if name is None else self.columns.header.get(name, name)
        self.problems.append(Problem(self.table.label, message, row=self.number, column=header))

    def text(self, name: str) -> str:
        """The trimmed cell (empty when the column is absent)."""
        idx = self.columns.index.get(name)
        return "" if idx is None else self.cells[idx]

    def required(self, name: str, what: str) -> str:
        """A cell that must not be empty."""
        value = self.text(name)
        if not value and name in self.columns.index:
            self.problem(name, f"empty cell: expected {what}")
        return value

    def optional(self, name: str) -> str | None:
        """The cell, or ``None`` when empty or absent."""
        return self.text(name) or None

    def boolean(self, name: str) -> bool:
        """A yes/no cell (empty is no)."""
        value = parse_bool(self.text(name))
        if value is None:
            self.problem(name, f"'{self.text(name)}' is not a yes/no value: {BOOL_EXPECTED}")
            return False
        return value

    def integer(self, name: str, *, minimum: int, maximum: int = 1_000_000) -> int | None:
        """A whole number in [``minimum``, ``maximum``], or ``None`` when empty."""
        text = self.text(name)
        if not text:
            return None
        value = _number(text)
        if value is None or not value.is_integer():
            self.problem(name, f"'{text}' is not a whole number: expected an integer ≥ {minimum}")
            return None
        if value < minimum:
            self.problem(name, f"{text} is too small: expected an integer ≥ {minimum}")
            return None
        if value > maximum:
            # Solvers work with bounded integers; a value this large is a typing slip anyway.
            self.problem(name, f"{text} is too large: expected an integer ≤ {maximum}")
            return None
        return int(value)

    def real(self, name: str) -> float | None:
        """A number of years ≥ 0 (decimal comma accepted), or ``None`` when empty."""
        text = self.text(name)
        if not text:
            return None
        value = _number(text)
        if value is None:
            self.problem(name, f"'{text}' is not a number: expected a number ≥ 0")
            return None
        if value < 0:
            self.problem(name, f"{text} is negative: expected a number ≥ 0")
            return None
        if value > 1_000:
            self.problem(name, f"{text} is too large: expected a number of years ≤ 1000")
            return None
        return value


def _rows(table: RawTable, columns: _Columns, problems: list[Problem]) -> Iterable[_Row]:
    for number, cells in table.rows:
        yield _Row(table, columns, number, cells, problems)


def _validated(
    row: _Row, model: type[T], values: dict[str, Any], *, whole_row: str | None = None
) -> T | None:
    """Build a record from checked values; a rule the schema still refuses becomes a Problem.

    ``whole_row`` names the column blamed for a rule about several cells (e.g. min > max).
    """
    if not row.ok:
        return None
    try:
        return model(**values)
    except ValidationError as error:
        for detail in error.errors():
            loc = detail.get("loc") or ()
            name = str(loc[0]) if loc else whole_row
            message = str(detail.get("msg", "invalid value")).removeprefix("Value error, ")
            row.problem(name, message)
        return None


def _duplicates(
    label: str, keyed: list[tuple[int, str]], column: str, problems: list[Problem]
) -> None:
    """Report every id given on more than one row."""
    first: dict[str, int] = {}
    for number, key in keyed:
        if not key:
            continue
        if key in first:
            problems.append(
                Problem(
                    label,
                    f"duplicate id '{key}' (already on row {first[key]}): ids must be unique",
                    row=number,
                    column=column,
                )
            )
        else:
            first[key] = number


# --- The three tables ---------------------------------------------------------------------


@dataclass
class _Parsed:
    """Records of one table with the spreadsheet row each came from."""

    label: str
    records: list[tuple[int, Any]]
    columns: _Columns
    #: Every id written in the table, including those of rows with problems.
    ids: set[str] = field(default_factory=set)
    #: Whether every required column was found (else no row was read).
    complete: bool = False
    #: (row, choices, pin) of student rows with problems, still checked against commissions.
    broken_refs: list[tuple[int, tuple[str, ...], str | None]] = field(default_factory=list)


def _parse_commissions(table: RawTable, problems: list[Problem]) -> _Parsed:
    columns = _map_columns(table, COMMISSION_COLUMNS, COMMISSION_REQUIRED, problems)
    if not all(columns.has(c) for c in COMMISSION_REQUIRED):
        return _Parsed(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    for row in _rows(table, columns, problems):
        values: dict[str, Any] = {
            "id": row.required("id", "an id for this proposal"),
            "institution": row.required("institution", "the institution's name"),
            "sector": row.required("sector", "a sector (e.g. aide à la jeunesse)"),
            "problem_type": row.required("problem_type", "a problem type (e.g. évaluation)"),
            "title": row.text("title"),
            "slots": split_list(row.text("slots")) if columns.has("slots") else None,
            "priority": row.integer("priority", minimum=0) or 0,
            "min_size": row.integer("min_size", minimum=0),
            "max_size": row.integer("max_size", minimum=1),
        }
        ids.append((row.number, values["id"]))
        commission = _validated(row, Commission, values, whole_row="min_size")
        if commission is not None:
            records.append((row.number, commission))
    _duplicates(table.label, ids, columns.header["id"], problems)
    if not table.rows:
        problems.append(Problem(table.label, "no proposals: expected one row per proposal"))
    return _Parsed(table.label, records, columns, {i for _, i in ids if i}, True)


def _parse_students(table: RawTable, problems: list[Problem]) -> _Parsed:
    columns = _map_columns(table, STUDENT_COLUMNS, STUDENT_REQUIRED, problems, choice_columns=True)
    if not all(columns.has(c) for c in STUDENT_REQUIRED):
        return _Parsed(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    broken: list[tuple[int, tuple[str, ...], str | None]] = []
    for row in _rows(table, columns, problems):
        if columns.choice_idcs:
            choices = tuple(row.cells[idx] for idx in columns.choice_idcs if row.cells[idx])
        else:
            choices = split_list(row.text("choices"))
        values: dict[str, Any] = {
            "id": row.required("id", "the student's id (matricule)"),
            "name": row.text("name"),
            "background": row.required("background", "an initial training (e.g. assistant social)"),
            "vae": row.boolean("vae"),
            "employed": row.boolean("employed"),
            "employer": row.optional("employer"),
            "gender": row.optional("gender"),
            "experience_years": row.real("experience_years"),
            "choices": choices,
            "pinned": row.optional("pinned"),
        }
        ids.append((row.number, values["id"]))
        student = _validated(row, Student, values)
        if student is not None:
            records.append((row.number, student))
        else:
            broken.append((row.number, choices, values["pinned"]))
    _duplicates(table.label, ids, columns.header["id"], problems)
    if not table.rows:
        problems.append(Problem(table.label, "no students: expected one row per student"))
    return _Parsed(table.label, records, columns, {i for _, i in ids if i}, True, broken)


def _parse_pairs(table: RawTable, problems: list[Problem]) -> _Parsed:
    required = ("student_a", "student_b", "relation")
    columns = _map_columns(table, PAIR_COLUMNS, required, problems)
    if not all(columns.has(c) for c in required):
        return _Parsed(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    for row in _rows(table, columns, problems):
        relation_text = row.required("relation", "apart or together")
        relation = RELATIONS.get(fold_header(relation_text))
        if relation_text and relation is None:
            row.problem(
                "relation",
                f"'{relation_text}' is not a relation: expected apart (séparer) or "
                "together (ensemble)",
            )
        values = {
            "student_a": row.required("student_a", "a student id"),
            "student_b": row.required("student_b", "a student id"),
            "relation": relation,
        }
        pair = _validated(row, Pair, values)
        if pair is not None:
            records.append((row.number, pair))
    return _Parsed(table.label, records, columns, complete=True)


def _student_columns(columns: _Columns) -> frozenset[str]:
    optional = {"name", "vae", "employed", "employer", "gender", "experience_years", "pinned"}
    present = {name for name in optional if columns.has(name)}
    if columns.has("choices") or columns.choice_idcs:
        present.add("choices")
    return frozenset(present)


# --- Settings -----------------------------------------------------------------------------


def _tuples(value: Any) -> Any:
    """TOML arrays as tuples, so that strict validation accepts them as the schema's tuples."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    for part in loc[:-1]:
        annotation = model.model_fields[str(part)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def load_settings(path: Path) -> Settings:
    """Read a settings.toml; missing keys take the contract's defaults.

    Raises
    ------
    InputError
        When the file is not TOML, a key is unknown or a value has the wrong type; each
        problem names the dotted key (``selection.count``) as its column.
    """
    label = path.name
    try:
        data_bytes = path.read_bytes()
    except OSError as error:
        raise InputError(Problem(label, f"cannot be read: {error.strerror or error}")) from None
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad on an old Windows saves Windows-1252; TOML wants UTF-8 but the intent is clear.
        text = data_bytes.decode("cp1252", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python < 3.14 gives the line only inside the message: "(at line 3, column 7)".
        found = re.search(r"at line (\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(found.group(1)) if found else None)
        raise InputError(
            Problem(label, f"not valid TOML: {getattr(error, 'msg', error)}", row=line)
        ) from None
    try:
        return Settings.model_validate(_tuples(data), strict=True)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(detail.get("loc", ()))
            key = ".".join(str(part) for part in loc)
            if detail.get("type") == "extra_forbidden":
                known = _known_keys(Settings, loc)
                what = "section" if len(loc) == 1 else "setting"
                message = f"unknown {what} (known: {', '.join(known)})"
            elif loc[:2] == ("selection", "any_slots") and detail.get("type") == "tuple_type":
                message = (
                    "expected a list of groups of slots, e.g. any_slots = "
                    '[["oral-2027-05-20", "oral-2027-05-21"]]'
                )
                key = "selection.any_slots"
            else:
                message = f"{detail.get('msg')} (found {detail.get('input')!r})"
            if Problem(label, message, column=key) not in problems:
                problems.append(Problem(label, message, column=key))
        raise InputError(problems) from None


# --- Locating the files of an instance ----------------------------------------------------


@dataclass
class _Sources:
    """Where each table of an instance comes from, and the default settings file."""

    readers: dict[str, Callable[[], RawTable]]
    labels: dict[str, str]
    settings: Path | None


def _kind_of(stem: str) -> str | None:
    folded = fold_header(stem).removesuffix("_csv")
    return next(
        (kind for kind, names in FILE_KINDS.items() if folded in map(fold_header, names)),
        None,
    )


def _locate(path: Path) -> _Sources:
    label = str(path)
    if not path.exists():
        raise InputError(Problem(label, "no such folder or workbook"))
    if path.is_file():
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise InputError(
                Problem(
                    label,
                    "an instance is a folder (commissions.csv, students.csv, …) or an "
                    ".xlsx workbook",
                )
            )
        sheets = read_workbook(path)
        readers: dict[str, Callable[[], RawTable]] = {}
        labels: dict[str, str] = {}
        problems: list[Problem] = []
        for title, records in sheets.items():
            kind = _kind_of(title)
            if kind is None:
                continue
            if kind in readers:
                problems.append(
                    Problem(path.name, f"two sheets hold {kind}: '{labels[kind]}' and '{title}'")
                )
                continue
            sheet_label = f"{path.name} [{title}]"
            readers[kind] = functools.partial(table_from_cells, sheet_label, records)
            labels[kind] = title
        if problems:
            raise InputError(problems)
        beside = [path.with_name(f"{path.stem}.settings.toml"), path.with_name("settings.toml")]
        settings = next((p for p in beside if p.is_file()), None)
        return _Sources(readers, {k: f"{path.name} [{v}]" for k, v in labels.items()}, settings)
    readers = {}
    labels = {}
    problems = []
    settings = None
    for entry in sorted(path.iterdir()):
        if not entry.is_file():
            continue
        if entry.name.lower() == "settings.toml":
            settings = entry
            continue
        if entry.suffix.lower() not in (".csv", ".tsv"):
            continue
        kind = _kind_of(entry.stem)
        if kind is None:
            continue
        if kind in readers:
            problems.append(
                Problem(
                    str(path),
                    f"two files hold {kind}: {labels[kind]} and {entry.name}; keep one",
                )
            )
            continue
        readers[kind] = functools.partial(read_csv, entry)
        labels[kind] = entry.name
    if problems:
        raise InputError(problems)
    return _Sources(readers, labels, settings)


# --- Cross-file checks --------------------------------------------------------------------


class _IdIndex:
    """Resolve references to ids: exactly, else by a unique case- and accent-free match."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = set(ids)
        folded: defaultdict[str, list[str]] = defaultdict(list)
        for id_ in self.ids:
            folded[fold_name(id_)].append(id_)
        self.folded = folded

    def resolve(self, ref: str) -> str | None:
        if ref in self.ids:
            return ref
        candidates = self.folded.get(fold_name(ref), [])
        return candidates[0] if len(candidates) == 1 else None


def _canonical_spelling(names: Iterable[str]) -> dict[str, str]:
    """Folded name → the first spelling met."""
    spelling: dict[str, str] = {}
    for name in names:
        spelling.setdefault(fold_name(name), name)
    return spelling


#: Warnings of one kind shown one by one before they are summed up.
_MAX_PER_KIND = 10


def _preview(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", … ({len(items)} in all)" if len(items) > limit else "")


@dataclass
class _Cohort:
    """Everything read so far, checked together at the end."""

    commissions: _Parsed | None = None
    students: _Parsed | None = None
    pairs: _Parsed | None = None
    settings: Settings = field(default_factory=Settings)
    settings_label: str = "settings.toml"
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _unify_commissions(cohort: _Cohort) -> list[Commission]:
    """Institutions spelled in several ways take the spelling of their first proposal."""
    assert cohort.commissions is not None
    commissions = [c for _, c in cohort.commissions.records]
    spelling = _canonical_spelling(c.institution for c in commissions)
    return [
        c.model_copy(update={"institution": spelling[fold_name(c.institution)]})
        for c in commissions
    ]


def _check_students(
    cohort: _Cohort,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    students_parsed: _Parsed,
) -> list[Student]:
    """Resolve choices and pins, unify spellings, warn about choices that cannot count."""
    label = students_parsed.label
    columns = students_parsed.columns
    index = _IdIndex(commission_ids) if commission_ids is not None else None
    institution_spelling = _canonical_spelling(c.institution for c in commissions)
    records = students_parsed.records
    employer_spelling = dict(institution_spelling)
    for _, s in records:
        if s.employer:
            employer_spelling.setdefault(fold_name(s.employer), s.employer)
    background_spelling = _canonical_spelling(s.background for _, s in records)
    gender_spelling = _canonical_spelling(s.gender for _, s in records if s.gender)
    choice_header = columns.header.get("choices", "choices")
    pin_header = columns.header.get("pinned", "pinned")

    if index is not None:
        for number, refs, pin in students_parsed.broken_refs:
            for ref, header in [*((r, choice_header) for r in refs), (pin, pin_header)]:
                if ref and index.resolve(ref) is None:
                    cohort.problems.append(
                        Problem(
                            label,
                            f"'{ref}' is not a proposal id of commissions.csv",
                            row=number,
                            column=header,
                        )
                    )

    students: list[Student] = []
    repeated: list[str] = []
    for number, student in records:
        choices: list[str] = []
        for ref in student.choices:
            resolved = ref if index is None else index.resolve(ref)
            if resolved is None:
                cohort.problems.append(
                    Problem(
                        label,
                        f"'{ref}' is not a proposal id of commissions.csv",
                        row=number,
                        column=choice_header,
                    )
                )
            elif resolved in choices:
                repeated.append(f"{student.id} ({resolved})")
            else:
                choices.append(resolved)
        pinned = student.pinned
        if pinned is not None and index is not None:
            pinned = index.resolve(pinned)
            if pinned is None:
                cohort.problems.append(
                    Problem(
                        label,
                        f"'{student.pinned}' is not a proposal id of commissions.csv",
                        row=number,
                        column=pin_header,
                    )
                )
        update: dict[str, Any] = {
            "choices": tuple(choices),
            "pinned": pinned,
            "background": background_spelling[fold_name(student.background)],
        }
        if student.employer:
            update["employer"] = employer_spelling[fold_name(student.employer)]
        if student.gender:
            update["gender"] = gender_spelling[fold_name(student.gender)]
        students.append(student.model_copy(update=update))
    if repeated:
        cohort.warnings.append(
            "a choice is listed twice (only the first counts) by: " + _preview(repeated)
        )
    if "choices" in _student_columns(columns):
        without = [s.id for s in students if not s.choices]
        if without:
            cohort.warnings.append(
                f"{len(without)} student(s) gave no choices (placed wherever balance is best): "
                + _preview(without)
            )
    elif students:
        cohort.warnings.append("students.csv has no choices: choices play no part in the teams")
    return students


def _check_pairs(cohort: _Cohort, student_ids: set[str] | None) -> list[Pair]:
    """Pairs must name two different students of students.csv."""
    assert cohort.pairs is not None
    label = cohort.pairs.label
    header = cohort.pairs.columns.header
    index = _IdIndex(student_ids) if student_ids is not None else None
    pairs: list[Pair] = []
    seen: dict[frozenset[str], tuple[int, str]] = {}
    for number, pair in cohort.pairs.records:
        ends = []
        for column in ("student_a", "student_b"):
            ref = getattr(pair, column)
            resolved = ref if index is None else index.resolve(ref)
            if resolved is None:
                cohort.problems.append(
                    Problem(
                        label,
                        f"'{ref}' is not a student id of students.csv",
                        row=number,
                        column=header[column],
                    )
                )
            ends.append(resolved)
        a, b = ends
        if a is None or b is None:
            continue
        if a == b:
            cohort.problems.append(
                Problem(
                    label,
                    f"student '{a}' is paired with themself: expected two different students",
                    row=number,
                    column=header["student_b"],
                )
            )
            continue
        key = frozenset((a, b))
        if key in seen:
            first_row, first_relation = seen[key]
            if first_relation == pair.relation:
                cohort.warnings.append(
                    f"{label} row {number}: {a} and {b} are already paired on row {first_row}"
                )
            else:
                cohort.warnings.append(
                    f"{label} row {number}: {a} and {b} are to be kept both apart and "
                    f"together (row {first_row}): no teams can honour both"
                )
        else:
            seen[key] = (number, pair.relation)
        pairs.append(Pair(student_a=a, student_b=b, relation=pair.relation))
    return pairs


def _check_settings(
    cohort: _Cohort,
    commission_ids: set[str] | None,
    commissions: list[Commission],
    student_columns: frozenset[str] | None,
) -> Settings:
    """Settings that name ids, slots or attributes must name ones that exist."""
    settings = cohort.settings
    label = cohort.settings_label
    problems = cohort.problems
    selection = settings.selection
    update: dict[str, Any] = {}
    if commission_ids is not None:
        index = _IdIndex(commission_ids)
        for key in ("include", "exclude"):
            resolved = []
            for ref in getattr(selection, key):
                id_ = index.resolve(ref)
                if id_ is None:
                    problems.append(
                        Problem(
                            label,
                            f"'{ref}' is not a proposal id of commissions.csv",
                            column=f"selection.{key}",
                        )
                    )
                else:
                    resolved.append(id_)
            update[key] = tuple(resolved)
        both = set(update["include"]) & set(update["exclude"])
        if both:
            problems.append(
                Problem(
                    label,
                    f"{', '.join(sorted(both))} both included and excluded",
                    column="selection.include",
                )
            )
        known_slots = {fold_name(s) for c in commissions for s in c.slots or ()}
        if any(c.slots is not None for c in commissions):
            named = [*selection.required_slots, *(s for g in selection.any_slots for s in g)]
            unknown = [s for s in named if fold_name(s) not in known_slots]
            if unknown:
                cohort.warnings.append(
                    f"{label}: slot(s) {', '.join(unknown)} appear in no proposal's slots"
                )
    for section, listed in (
        ("selection", selection.priorities),
        ("teams", settings.teams.priorities),
    ):
        repeated = sorted({p for p in listed if listed.count(p) > 1})
        if repeated:
            problems.append(
                Problem(
                    label,
                    f"{', '.join(repeated)} listed more than once: each priority counts once",
                    column=f"{section}.priorities",
                )
            )
    teams = settings.teams
    if (
        teams.min_size is not None
        and teams.max_size is not None
        and teams.min_size > teams.max_size
    ):
        problems.append(
            Problem(
                label,
                f"min_size {teams.min_size} exceeds max_size {teams.max_size}",
                column="teams.min_size",
            )
        )
    attributes = ", ".join(BALANCEABLE)

    def absent(attribute: str) -> bool:
        # background is a required column; the others exist only when the file has them.
        return (
            student_columns is not None
            and attribute != "background"
            and attribute not in student_columns
        )

    for attribute in teams.balance or ():
        if attribute not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    f"'{attribute}' cannot be balanced: expected some of {attributes}",
                    column="teams.balance",
                )
            )
        elif absent(attribute):
            problems.append(
                Problem(
                    label,
                    f"'{attribute}' cannot be balanced: students.csv has no such column",
                    column="teams.balance",
                )
            )
    for condition in teams.no_isolation:
        attribute, equals, value = condition.partition("=")
        attribute = attribute.strip()
        if not equals or not value.strip() or attribute not in BALANCEABLE:
            problems.append(
                Problem(
                    label,
                    f"'{condition}' is not a condition: expected attribute=value with an "
                    f"attribute among {attributes} (e.g. vae=yes, gender=M)",
                    column="teams.no_isolation",
                )
            )
        elif absent(attribute):
            problems.append(
                Problem(
                    label,
                    f"'{condition}': students.csv has no {attribute} column",
                    column="teams.no_isolation",
                )
            )
        elif attribute in ("vae", "employed") and parse_bool(value) is None:
            problems.append(
                Problem(
                    label,
                    f"'{condition}': {value.strip()} is not a yes/no value",
                    column="teams.no_isolation",
                )
            )
    if update:
        selection = selection.model_copy(update=update)
        settings = settings.model_copy(update={"selection": selection})
    return settings


def _warn_unusable_choices(
    cohort: _Cohort, commissions: list[Commission], students: list[Student], settings: Settings
) -> None:
    """Choices and pins naming proposals that can never be selected count for nothing."""
    fate = {c.id: eligibility(c, settings.selection) for c in commissions}
    chosen_by: defaultdict[str, list[str]] = defaultdict(list)
    for student in students:
        for id_ in student.choices:
            if not fate[id_].eligible:
                chosen_by[id_].append(student.id)
        if student.pinned is not None and not fate[student.pinned].eligible:
            cohort.warnings.append(
                f"{student.id} is pinned to {student.pinned}, which cannot be selected "
                f"({fate[student.pinned].reason})"
            )
    # Most-chosen first; a big cohort would otherwise drown the other warnings.
    ranked = sorted(chosen_by.items(), key=lambda item: -len(item[1]))
    for id_, who in ranked[:_MAX_PER_KIND]:
        cohort.warnings.append(
            f"{id_} cannot be selected ({fate[id_].reason}) but is among the choices of "
            f"{len(who)} student(s): {_preview(who)}"
        )
    if len(ranked) > _MAX_PER_KIND:
        rest = ranked[_MAX_PER_KIND:]
        cohort.warnings.append(
            f"{len(rest)} more proposals that cannot be selected are among the choices of "
            f"{len({s for _, who in rest for s in who})} student(s)"
        )
    institutions = {fold_name(c.institution): c.institution for c in commissions}
    by_id = {c.id: c for c in commissions}
    for student in students:
        if (
            student.pinned is not None
            and student.employer is not None
            and fold_name(student.employer) == fold_name(by_id[student.pinned].institution)
            and settings.teams.conflict_of_interest
        ):
            cohort.warnings.append(
                f"{student.id} is pinned to {student.pinned} of their employer "
                f"{institutions[fold_name(student.employer)]} (conflict of interest)"
            )


def _by_file_and_row(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in the order files were read), then by row."""
    file_order: dict[str, int] = {}
    for problem in problems:
        file_order.setdefault(problem.file, len(file_order))
    return sorted(problems, key=lambda p: (file_order[p.file], p.row or 0))


def _ids_if_complete(parsed: _Parsed | None) -> set[str] | None:
    """Ids of a table that could be read (``None``: absent or unreadable, skip id checks)."""
    return parsed.ids if parsed is not None and parsed.complete else None


# --- Public entry points ------------------------------------------------------------------


def load_instance(
    path: Path,
    *,
    settings_path: Path | None = None,
    require: Collection[str] = (),
) -> Instance:
    """Read and check a whole instance (folder or ``.xlsx`` workbook).

    Parameters
    ----------
    path
        The instance folder, or a workbook whose sheets are named like the files.
    settings_path
        settings.toml to use instead of the instance's own (``--settings``).
    require
        Tables that must be present: a subset of ``{"commissions", "students"}``.

    Returns
    -------
    Instance
        Validated records, the settings in force, and warnings.

    Raises
    ------
    InputError
        With every problem found in every file, when anything is invalid.
    """
    path = Path(path)
    sources = _locate(path)
    cohort = _Cohort()
    parsers = {
        "commissions": _parse_commissions,
        "students": _parse_students,
        "pairs": _parse_pairs,
    }
    for kind, parse in parsers.items():
        reader = sources.readers.get(kind)
        if reader is None:
            if kind in require:
                where = "sheet" if path.is_file() else "file"
                name = kind if path.is_file() else f"{kind}.csv"
                hint = ""
                if path.is_dir():
                    books = sorted(p.name for p in path.glob("*.xlsx"))
                    if books:
                        hint = f" (to read {books[0]}, give the workbook itself as the instance)"
                cohort.problems.append(
                    Problem(str(path), f"missing {where} {name}: this command needs it{hint}")
                )
            continue
        try:
            table = reader()
        except InputError as error:
            cohort.problems.extend(error.problems)
            continue
        setattr(cohort, kind, parse(table, cohort.problems))
    settings_file = settings_path if settings_path is not None else sources.settings
    if settings_file is not None:
        cohort.settings_label = settings_file.name
        try:
            cohort.settings = load_settings(settings_file)
        except InputError as error:
            cohort.problems.extend(error.problems)
    # Cross-file checks run even when a table has broken rows, so that one run reports
    # everything; ids of broken rows still count as known, to avoid echoing their problems.
    unreadable = bool(cohort.problems)
    commission_ids = _ids_if_complete(cohort.commissions)
    commissions = _unify_commissions(cohort) if cohort.commissions is not None else []
    students: list[Student] = []
    student_columns: frozenset[str] | None = None
    if cohort.students is not None and cohort.students.complete:
        students = _check_students(cohort, commission_ids, commissions, cohort.students)
        student_columns = _student_columns(cohort.students.columns)
    pairs: list[Pair] = []
    if cohort.pairs is not None:
        pairs = _check_pairs(cohort, _ids_if_complete(cohort.students))
    settings = _check_settings(cohort, commission_ids, commissions, student_columns)
    if cohort.problems:
        raise InputError(_by_file_and_row(cohort.problems))
    assert not unreadable
    if cohort.commissions is not None and cohort.students is not None:
        _warn_unusable_choices(cohort, commissions, students, settings)
    return Instance(
        name=path.stem if path.is_file() else path.resolve().name,
        commissions=tuple(commissions),
        students=tuple(students),
        pairs=tuple(pairs),
        settings=settings,
        has_slots=cohort.commissions is not None and cohort.commissions.columns.has("slots"),
        student_columns=student_columns or frozenset(),
        warnings=tuple(cohort.warnings),
    )


def read_students(path: Path) -> tuple[Student, ...]:
    """Read a students.csv-like file (e.g. arrivals for ``whatif --add-students``).

    Same rules as the instance's students.csv; references to commissions and other students
    are checked by the caller.

    Raises
    ------
    InputError
        With every problem of the file.
    """
    path = Path(path)
    problems: list[Problem] = []
    parsed = _parse_students(read_csv(path), problems)
    if problems:
        raise InputError(problems)
    return tuple(student for _, student in parsed.records)


def read_arrivals(path: Path, instance: Instance) -> tuple[Student, ...]:
    """Read students arriving late (``whatif --add-students``), checked against the cohort.

    Same rules as the instance's students.csv; besides, an id may not be one of the
    cohort's, and choices and pins must name proposals of commissions.csv. Backgrounds,
    genders and employers that fold equal to the cohort's take the cohort's spelling, so
    that they count as the same value.

    Raises
    ------
    InputError
        With every problem of the file (file, row, column, what was expected).
    """
    path = Path(path)
    problems: list[Problem] = []
    parsed = _parse_students(read_csv(path), problems)
    if not parsed.complete:
        raise InputError(problems)
    cohort = _Cohort(students=parsed, problems=problems)
    commission_ids = {c.id for c in instance.commissions} if instance.commissions else None
    arrivals = _check_students(cohort, commission_ids, list(instance.commissions), parsed)
    known = _IdIndex(s.id for s in instance.students)
    id_header = parsed.columns.header["id"]
    for (number, _), student in zip(parsed.records, arrivals, strict=True):
        clash = known.resolve(student.id)
        if clash is not None:
            problems.append(
                Problem(
                    parsed.label,
                    f"'{student.id}' is already a student of the cohort ({clash}): "
                    "expected a new id",
                    row=number,
                    column=id_header,
                )
            )
    if problems:
        raise InputError(_by_file_and_row(problems))
    spelling = {
        "background": _canonical_spelling(
            [s.background for s in instance.students] + [s.background for s in arrivals]
        ),
        "gender": _canonical_spelling(
            [s.gender for s in (*instance.students, *arrivals) if s.gender]
        ),
        "employer": _canonical_spelling(
            [c.institution for c in instance.commissions]
            + [s.employer for s in (*instance.students, *arrivals) if s.employer]
        ),
    }
    unified = []
    for student in arrivals:
        update = {
            attribute: names[fold_name(value)]
            for attribute, names in spelling.items()
            if (value := getattr(student, attribute))
        }
        unified.append(student.model_copy(update=update))
    return tuple(unified)


def read_selection(
    path: Path, instance: Instance
) -> tuple[tuple[Commission, ...], tuple[SelectionRow, ...]]:
    """Read a selection.csv (as written by ``select``, possibly edited in a spreadsheet).

    Returns
    -------
    commissions, rows
        Every commission (the instance's when it has commissions.csv, else rebuilt from the
        file's id/institution/sector/problem_type columns) and one row per proposal of the
        file, in file order; proposals of the instance absent from the file follow, not
        selected.

    Raises
    ------
    InputError
        Unknown or duplicate id, missing column, a cell that is not yes/no, or no proposal
        marked selected.
    """
    path = Path(path)
    table = read_csv(path)
    problems: list[Problem] = []
    known = instance.commissions
    required = (
        ("id", "selected") if known else ("id", "institution", "sector", "problem_type", "selected")
    )
    columns = _map_columns(table, SELECTION_COLUMNS, required, problems)
    if problems:
        raise InputError(problems)
    index = _IdIndex(c.id for c in known) if known else None
    rebuilt: list[Commission] = []
    rows: list[SelectionRow] = []
    ids: list[tuple[int, str]] = []
    by_id = {c.id: c for c in known}
    for row in _rows(table, columns, problems):
        ref = row.required("id", "a proposal id")
        id_ = ref if index is None else index.resolve(ref)
        if id_ is None:
            row.problem("id", f"'{ref}' is not a proposal id of commissions.csv")
            continue
        ids.append((row.number, id_))
        selected = row.boolean("selected")
        reserve_rank = row.integer("reserve_rank", minimum=1)
        if index is None:
            values = {
                "id": id_,
                "institution": row.required("institution", "the institution's name"),
                "sector": row.required("sector", "a sector"),
                "problem_type": row.required("problem_type", "a problem type"),
            }
            commission = _validated(row, Commission, values)
            if commission is not None:
                rebuilt.append(commission)
                by_id[id_] = commission
        if columns.has("eligible"):
            eligible = row.boolean("eligible")
        elif id_ in by_id:
            eligible = eligibility(by_id[id_], instance.settings.selection).eligible
        else:
            eligible = True
        if row.ok:
            rows.append(
                SelectionRow(
                    id=id_,
                    eligible=eligible,
                    selected=selected,
                    reserve_rank=None if selected else reserve_rank,
                    reason=row.text("reason"),
                )
            )
    _duplicates(table.label, ids, columns.header["id"], problems)
    if not problems and not any(r.selected for r in rows):
        problems.append(
            Problem(
                table.label,
                "no proposal is marked selected: expected 'yes' in the selected column",
                column=columns.header["selected"],
            )
        )
    if problems:
        raise InputError(problems)
    commissions = tuple(known) if known else tuple(rebuilt)
    listed = {r.id for r in rows}
    for commission in commissions:
        if commission.id not in listed:
            fate = eligibility(commission, instance.settings.selection)
            rows.append(
                SelectionRow(commission.id, fate.eligible, False, None, "absent from selection.csv")
            )
    return commissions, tuple(rows)


def read_teams(path: Path, instance: Instance) -> dict[str, str]:
    """Read a teams.csv (as written by ``assign``, possibly edited): student id → commission id.

    A student of the cohort absent from the file, or a row with an empty commission, is not
    an error here: ``check`` reports the student as unassigned.

    Raises
    ------
    InputError
        Missing column, unknown student, a student listed twice, or a commission id absent
        from the instance's commissions.csv.
    """
    path = Path(path)
    table = read_csv(path)
    problems: list[Problem] = []
    columns = _map_columns(table, TEAM_COLUMNS, ("student_id", "commission_id"), problems)
    if problems:
        raise InputError(problems)
    students = _IdIndex(s.id for s in instance.students) if instance.students else None
    commissions = _IdIndex(c.id for c in instance.commissions) if instance.commissions else None
    assignment: dict[str, str] = {}
    seen: list[tuple[int, str]] = []
    for row in _rows(table, columns, problems):
        ref = row.required("student_id", "a student id")
        student = ref if students is None or not ref else students.resolve(ref)
        if student is None:
            row.problem("student_id", f"'{ref}' is not a student id of students.csv")
            continue
        seen.append((row.number, student))
        target = row.text("commission_id")
        if not target:
            continue
        commission = target if commissions is None else commissions.resolve(target)
        if commission is None:
            row.problem("commission_id", f"'{target}' is not a proposal id of commissions.csv")
            continue
        if row.ok:
            assignment.setdefault(student, commission)
    first: dict[str, int] = {}
    for number, student in seen:
        if student in first:
            problems.append(
                Problem(
                    table.label,
                    f"student '{student}' is listed twice (first on row {first[student]})",
                    row=number,
                    column=columns.header["student_id"],
                )
            )
        else:
            first[student] = number
    if problems:
        raise InputError(problems)
    return assignment
