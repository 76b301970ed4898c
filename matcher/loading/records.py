"""Rows of a table read into validated records, one parser per instance file.

A :class:`RowReader` reads a row cell by cell (through :mod:`matcher.loading.cells`) and
collects problems instead of raising, so that one run reports every broken cell; the
schemas of :mod:`matcher.schemas` then check what concerns several cells of a row.
References between files (choices, pins, pairs) are resolved later, by
:mod:`matcher.loading.crossrefs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import ValidationError

from matcher.errors import Problem
from matcher.labels import Text
from matcher.loading.cells import BOOL_EXPECTED, parse_bool, parse_number, split_list
from matcher.loading.columns import (
    COMMISSION_COLUMNS,
    COMMISSION_REQUIRED,
    PAIR_COLUMNS,
    RELATIONS,
    STUDENT_COLUMNS,
    STUDENT_REQUIRED,
    MappedColumns,
    map_columns,
)
from matcher.loading.tables import RawTable
from matcher.schemas import Commission, Pair, Settings, Student
from matcher.text import fold_header

T = TypeVar("T")


class RowReader:
    """One data row, read cell by cell; problems are collected, never raised."""

    def __init__(
        self,
        table: RawTable,
        columns: MappedColumns,
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
        value = parse_number(text)
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
        value = parse_number(text)
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


def row_readers(
    table: RawTable, columns: MappedColumns, problems: list[Problem]
) -> Iterable[RowReader]:
    """A reader for each data row of ``table``."""
    for number, cells in table.rows:
        yield RowReader(table, columns, number, cells, problems)


def validated(
    row: RowReader, model: type[T], values: dict[str, Any], *, whole_row: str | None = None
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


def report_duplicate_ids(
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


# --- The three files of an instance -------------------------------------------------------


@dataclass
class ParsedTable:
    """Records of one table with the spreadsheet row each came from."""

    label: str
    records: list[tuple[int, Any]]
    columns: MappedColumns
    #: Every id written in the table, including those of rows with problems.
    ids: set[str] = field(default_factory=set)
    #: Whether every required column was found (else no row was read).
    complete: bool = False
    #: (row, choices, pin) of student rows with problems, still checked against commissions.
    broken_refs: list[tuple[int, tuple[str, ...], str | None]] = field(default_factory=list)


def parse_commissions(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """commissions.csv: one proposal per row (ids and values checked, not yet unified)."""
    columns = map_columns(table, COMMISSION_COLUMNS, COMMISSION_REQUIRED, problems)
    if not all(columns.has(c) for c in COMMISSION_REQUIRED):
        return ParsedTable(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    for row in row_readers(table, columns, problems):
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
            "town": row.text("town") or None,
        }
        ids.append((row.number, values["id"]))
        commission = validated(row, Commission, values, whole_row="min_size")
        if commission is not None:
            records.append((row.number, commission))
    report_duplicate_ids(table.label, ids, columns.header["id"], problems)
    if not table.rows:
        problems.append(Problem(table.label, "no proposals: expected one row per proposal"))
    return ParsedTable(table.label, records, columns, {i for _, i in ids if i}, True)


def parse_students(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """students.csv: one student per row; choices and pins are resolved by crossrefs."""
    columns = map_columns(table, STUDENT_COLUMNS, STUDENT_REQUIRED, problems, choice_columns=True)
    if not all(columns.has(c) for c in STUDENT_REQUIRED):
        return ParsedTable(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    broken: list[tuple[int, tuple[str, ...], str | None]] = []
    for row in row_readers(table, columns, problems):
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
        student = validated(row, Student, values)
        if student is not None:
            records.append((row.number, student))
        else:
            broken.append((row.number, choices, values["pinned"]))
    report_duplicate_ids(table.label, ids, columns.header["id"], problems)
    if not table.rows:
        problems.append(Problem(table.label, "no students: expected one row per student"))
    return ParsedTable(table.label, records, columns, {i for _, i in ids if i}, True, broken)


def parse_pairs(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """pairs.csv: two students to keep apart or together (ids resolved by crossrefs)."""
    required = ("student_a", "student_b", "relation")
    columns = map_columns(table, PAIR_COLUMNS, required, problems)
    if not all(columns.has(c) for c in required):
        return ParsedTable(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    for row in row_readers(table, columns, problems):
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
        pair = validated(row, Pair, values)
        if pair is not None:
            records.append((row.number, pair))
    return ParsedTable(table.label, records, columns, complete=True)


def present_student_columns(columns: MappedColumns) -> frozenset[str]:
    """The optional columns students.csv has (``choices`` also when given as choice_1, …)."""
    optional = {"name", "vae", "employed", "employer", "gender", "experience_years", "pinned"}
    present = {name for name in optional if columns.has(name)}
    if columns.has("choices") or columns.choice_idcs:
        present.add("choices")
    return frozenset(present)


@dataclass
class InstanceDraft:
    """An instance as read so far: its parsed tables and settings, problems and warnings.

    Tables are parsed one by one; the cross-file checks then run on the whole draft, so
    that one run reports every problem of every file.
    """

    commissions: ParsedTable | None = None
    students: ParsedTable | None = None
    pairs: ParsedTable | None = None
    settings: Settings = field(default_factory=Settings)
    settings_label: str = "settings.toml"
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str | Text] = field(default_factory=list)
