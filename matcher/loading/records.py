"""Rows of a table read into validated records, one parser per instance file.

A :class:`RowReader` reads a row cell by cell (through :mod:`matcher.loading.cells`) and
collects problems instead of raising, so that one run reports every broken cell; the
schemas of :mod:`matcher.schemas` then check what concerns several cells of a row.
References between files (choices, pins, pairs) are resolved later, by
:mod:`matcher.loading.crossrefs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from pydantic import ValidationError

from matcher.errors import Problem
from matcher.labels import Number, Text, Written, counted, has_label, text
from matcher.loading.cell_controls import column_letter
from matcher.loading.cells import parse_bool, parse_number, spaced_digits, split_list
from matcher.loading.columns import (
    COMMISSION_COLUMNS,
    COMMISSION_REQUIRED,
    PAIR_COLUMNS,
    RELATIONS,
    STUDENT_COLUMNS,
    STUDENT_REQUIRED,
    WHOLE_NAME_HEADERS,
    MappedColumns,
    header_repeated,
    map_columns,
)
from matcher.loading.tables import RawTable
from matcher.schemas import MAX_COUNT, Commission, Pair, Settings, Student
from matcher.text import fold_header, fold_name

T = TypeVar("T")


#: Columns whose cells are lists: a line break there separates items (``split_list``).
_LIST_FIELDS = frozenset({"choices", "slots"})
#: The warnings of the cells read within ``line_breaks_said`` (``None``: not collected).
_LINE_WARNINGS: ContextVar[list[Problem] | None] = ContextVar("line_warnings", default=None)


@contextmanager
def line_breaks_said() -> Iterator[list[Problem]]:
    """Collect, while parsing a table, a warning for each single-value cell whose line
    breaks or tabs were read as spaces (contract, faults: a control character never reaches
    the terminal or an output raw; probe s27: « Inst A⏎error: … » forged a line)."""
    found: list[Problem] = []
    token = _LINE_WARNINGS.set(found)
    try:
        yield found
    finally:
        _LINE_WARNINGS.reset(token)


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

    def problem(self, name: str | None, message: str | Text) -> None:
        """Record a problem with the cell of column ``name`` (``None``: the whole row)."""
        header = None if name is None else self.columns.header.get(name, name)
        if self.ok and self.number in self.table.wider_rows:
            # Its cells may be shifted by a delimiter typed in a cell (probe s36d: « 01/10/2026
            # is not a whole number » of the priority, the row one cell too wide).
            message = row_wider(message, len(self.table.header))
        self.ok = False
        self.problems.append(Problem(self.table.label, message, row=self.number, column=header))

    def text(self, name: str) -> str:
        """The trimmed cell (empty when the column is absent); in a cell of one value, line
        breaks and tabs are read as single spaces, said once (``line_breaks_said``)."""
        idx = self.columns.index.get(name)
        value = "" if idx is None else self.cells[idx]
        if name in _LIST_FIELDS or ("\n" not in value and "\t" not in value):
            return value
        found = _LINE_WARNINGS.get()
        header = self.columns.header.get(name, name)
        said = Problem(self.table.label, text("warn_line_breaks"), row=self.number, column=header)
        if found is not None and said not in found:
            found.append(said)
        return " ".join(value.split())

    def required(self, name: str, what: str) -> str:
        """A cell that must not be empty; ``what`` (a label key, or plain words) is what it
        holds."""
        value = self.text(name)
        if not value and name in self.columns.index:
            expected = text(what) if has_label(what) else what
            self.problem(name, text("ld_empty_cell", what=expected))
        return value

    def optional(self, name: str) -> str | None:
        """The cell, or ``None`` when empty or absent."""
        return self.text(name) or None

    def boolean(self, name: str) -> bool:
        """A yes/no cell (empty is no)."""
        value = parse_bool(self.text(name))
        if value is None:
            self.problem(name, text("ld_not_bool", value=self.text(name)))
            return False
        return value

    def integer(self, name: str, *, minimum: int, maximum: int = MAX_COUNT) -> int | None:
        """A whole number in [``minimum``, ``maximum``], or ``None`` when empty."""
        cell = self.text(name)
        if not cell:
            return None
        value = parse_number(cell)
        if value is None or not value.is_integer():
            self.problem(name, _not_a_number("ld_not_integer", cell, minimum=minimum))
            return None
        if value < minimum:
            self.problem(name, text("ld_int_too_small", value=cell, minimum=minimum))
            return None
        if value > maximum:
            # Solvers work with bounded integers; a value this large is a typing slip anyway.
            self.problem(name, text("ld_int_too_large", value=cell, maximum=maximum))
            return None
        return int(value)

    def real(self, name: str) -> float | None:
        """A number of years ≥ 0 (decimal comma accepted), or ``None`` when empty."""
        cell = self.text(name)
        if not cell:
            return None
        value = parse_number(cell)
        if value is None:
            self.problem(name, _not_a_number("ld_not_number", cell))
            return None
        if value < 0:
            self.problem(name, text("ld_negative", value=cell))
            return None
        if value > 1_000:
            self.problem(name, text("ld_years_too_large", value=cell))
            return None
        return value


#: A date as a spreadsheet writes a cell it made a date of: ``2026-05-03`` (a date cell of a
#: workbook, read as its day), ``03/05/2026``, ``3/5/26``, ``03/05/2026 00:00``, ``03-mai``,
#: ``3-May`` (a CSV file it saved).
_DATED = re.compile(
    r"\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?"
)
#: A day and a month's name as a spreadsheet shows a date (``3-mai``, ``3 May 2026``).
_DAY_MONTH = re.compile(r"\d{1,2}[-. ]([^\W\d_]{3,9})\.?(?:[-. ]\d{2,4})?")
#: Months as French and English spreadsheets name them, whole or cut short, folded (not
#: « 7 ans », « 12 mois »: probe s37f, said to be dates).
# fmt: off
_MONTHS = frozenset({
    "jan", "janv", "janvier", "january", "feb", "fev", "fevr", "fevrier", "february",
    "mar", "mars", "march", "apr", "avr", "avril", "april", "may", "mai", "jun", "juin",
    "june", "jul", "juil", "juillet", "july", "aug", "aou", "aout", "august", "sep", "sept",
    "septembre", "september", "oct", "octobre", "october", "nov", "novembre", "november",
    "dec", "decembre", "december",
})
# fmt: on


def _not_a_number(key: str, cell: str, **values: object) -> Text:
    """``cell`` refused as a number (``key``): a space between digits said to set thousands
    apart only (``key``'s ``_spaced`` form), a date said a date (:func:`if_dated`)."""
    spaced = spaced_digits(cell) and not _DATED.fullmatch(cell)
    return if_dated(text(f"{key}_spaced" if spaced else key, value=cell, **values), cell)


def if_dated(message: Text, cell: str) -> Text:
    """A number refused, with what happened when it is a date: a spreadsheet makes one of
    ``3/5`` or ``3-5`` typed in a cell (probe s36d: « '2026-05-03' is not a number »)."""
    day_month = _DAY_MONTH.fullmatch(cell)
    dated = _DATED.fullmatch(cell) or (day_month and fold_name(day_month[1]) in _MONTHS)
    return text("ld_number_dated", message=message) if dated else message


def _whole_name_with_first_name(
    table: RawTable, columns: MappedColumns, problems: list[Problem]
) -> None:
    """A column of whole names (``Nom et prénom``) beside a ``Prénom`` column: refused, as
    two columns of one meaning are (``Ana`` + ``Ana Lima`` made « Ana Ana Lima »)."""
    if not (columns.has("name") and columns.has("first_name")):
        return
    whole, first = columns.header["name"], columns.header["first_name"]
    if fold_header(whole) not in WHOLE_NAME_HEADERS:
        return
    said = text(
        "ld_whole_name_and_first",
        whole=whole,
        whole_at=column_letter(columns.index["name"]),
        first=first,
        first_at=column_letter(columns.index["first_name"]),
    )
    problems.append(Problem(table.label, said, row=table.header_row, column=whole))


def full_name(first: str, name: str) -> str:
    """The name shown in reports: "Prénom Nom" when the file gives the first name apart.

    ``nom``/``name`` alone is the whole name; with a ``prénom``/``first_name`` column it is
    the family name, written after the first name (contract §7).
    """
    return " ".join(part for part in (first, name) if part)


#: pydantic error type → label key of what was expected (with ``{limit}`` from its context).
_EXPECTED = {
    "int_type": "ld_expect_int",
    "int_parsing": "ld_expect_int",
    # Thousands of digits typed in the workbench's settings form (pydantic's own English).
    "int_parsing_size": "ld_expect_int_size",
    "int_from_float": "ld_expect_int",
    "float_type": "ld_expect_number",
    "float_parsing": "ld_expect_number",
    "finite_number": "ld_expect_finite",
    "bool_type": "ld_expect_bool",
    "bool_parsing": "ld_expect_bool",
    "string_type": "ld_expect_text",
    "tuple_type": "ld_expect_list",
    "list_type": "ld_expect_list",
    "dict_type": "ld_expect_table",
    "model_type": "ld_expect_table",
    "model_attributes_type": "ld_expect_table",
    "greater_than_equal": "ld_expect_ge",
    "greater_than": "ld_expect_gt",
    "less_than_equal": "ld_expect_le",
    "less_than": "ld_expect_lt",
    "too_short": "ld_expect_min_items",
    "too_long": "ld_expect_max_items",
    "string_too_short": "ld_expect_min_chars",
    "string_too_long": "ld_expect_max_chars",
    # An item missing from a fixed-length list (visit_window = ["09:00"]).
    "missing": "ld_expect_complete",
}
#: Errors whose limit is a count of items or characters: worded for one and for many.
_COUNTED = ("too_short", "too_long", "string_too_short", "string_too_long")
_LIMIT = {"ge": "ge", "gt": "gt", "le": "le", "lt": "lt", "min_length": "min", "max_length": "max"}


def _window(detail: Any) -> bool:
    """Whether pydantic's error ``detail`` is about a [calendar] window (``visit_window``)."""
    loc = tuple(detail.get("loc", ()))
    return bool(loc) and str(loc[-1]).endswith("_window")


def refusal(detail: Any, expected_choices: tuple[str, ...] = (), settings: bool = False) -> Text:
    """What a schema refused, in plain words: the value found and what is expected
    (``settings``: a settings.toml value, where a whole table may be refused).

    ``detail`` is one of pydantic's error details; its raw text ("Input should be a valid
    integer") never reaches a person: each error type is worded by a label.
    """
    kind = str(detail.get("type", ""))
    context = detail.get("ctx") or {}
    found = Written(detail.get("input"))
    if kind == "literal_error":
        choices = ", ".join(expected_choices) or str(context.get("expected", ""))
        expected = text("ld_expect_one_of", choices=choices)
    elif kind in ("tuple_type", "list_type") and _window(detail):
        # The [calendar] windows: two times, not ["a", "b"] (probe s38a).
        expected = text("ld_expect_window")
    elif kind in _EXPECTED:
        limit = next((context[k] for k in _LIMIT if k in context), "")
        if isinstance(limit, float):
            # pydantic gives a float bound as written in the schema (``gt=0`` → 0.0): a
            # whole one as a whole number, another with a decimal comma in French (0,5).
            limit = int(limit) if limit.is_integer() else Number(limit, None)
        expected = (
            counted(_EXPECTED[kind], int(limit))
            if kind in _COUNTED and isinstance(limit, int)
            else text(_EXPECTED[kind], limit=limit)
        )
    else:
        # Our own validators (schemas) say what they refuse; pydantic's prefix is dropped.
        # A validator that raised a catalogue Text is worded in the reader's language.
        error = context.get("error")
        said = error.args[0] if isinstance(error, ValueError) and error.args else None
        reason: str | Text = (
            said
            if isinstance(said, Text)
            else str(detail.get("msg", "")).removeprefix("Value error, ")
        )
        if settings and isinstance(detail.get("input"), dict):
            # A whole table refused by its own validator (the [calendar] windows, slots): its
            # reason names the keys; the table re-spelt as "the value found" would not.
            return text("ld_table_refused", reason=reason)
        # A validator that words what it expects (``ld_expect_*``) is taken at its word.
        if isinstance(reason, Text) and reason.key.startswith("ld_expect_"):
            expected = reason
        elif isinstance(reason, Text):
            # Our own sentence says what is wrong and what is expected: it follows the value
            # found (« 25:00 » n'est pas une heure : il faut HH:MM), not "expected a valid
            # value (…)" before it (probe s24).
            return text("ld_value_refused_said", found=found, reason=reason)
        else:
            expected = text("ld_expect_valid", reason=reason)
    return text("ld_value_refused", found=found, expected=expected)


def row_wider(message: str | Text, width: int) -> Text:
    """A problem of a row wider than its header (``width`` columns), saying its cells may
    be shifted by a delimiter typed in a cell."""
    return text("ld_row_wider", message=message, width=width)


def shift_noted(problems: list[Problem], draft: InstanceDraft) -> list[Problem]:
    """``problems``, those found across files (an unknown id) in a row wider than its
    header saying its cells may be shifted, as a row's own problems say it (probe s36g)."""
    noted: list[Problem] = []
    said: set[tuple[str, int]] = set()
    for problem in problems:
        wider, width = draft.wider_rows.get(problem.file, (frozenset(), 0))
        message = problem.message
        already = isinstance(message, Text) and message.key == "ld_row_wider"
        if problem.row in wider and (problem.file, problem.row) not in said and not already:
            problem = replace(problem, message=row_wider(message, width))
        if problem.row is not None:
            said.add((problem.file, problem.row))
        noted.append(problem)
    return noted


def row_readers(
    table: RawTable, columns: MappedColumns, problems: list[Problem]
) -> Iterable[RowReader]:
    """A reader for each data row of ``table``; a row repeating the header (two exports
    pasted one under the other) is one problem, not one per cell (probe s35d: six)."""
    repeated = header_repeated(table.header, columns.index, columns.aliases)
    # A last row kept although it reads like a total (``totals``): refused, it says so too
    # (probe s38i: « empty cell: expected an id » alone, the hint to delete it unsaid).
    kept = {w.row: w for w in table.warnings if kept_total(w)}
    for number, cells in table.rows:
        if repeated(cells):
            said = text("ld_header_repeated", header_row=table.header_row)
            problems.append(Problem(table.label, said, row=number))
            continue
        before = len(problems)
        yield RowReader(table, columns, number, cells, problems)
        if number in kept and len(problems) > before:
            problems.append(kept[number])


def kept_total(warning: Problem) -> bool:
    """Whether ``warning`` says a row that reads like a total was kept as a row."""
    return isinstance(warning.message, Text) and warning.message.key.startswith("tb_total_kept")


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
            row.problem(name, refusal(detail))
        return None


def report_duplicate_ids(
    label: str,
    keyed: list[tuple[int, str]],
    column: str,
    problems: list[Problem],
    key: str = "ld_duplicate_id",
) -> None:
    """Report every id given on more than one row (``key``: the sentence, given the id and
    the row it was first on; ``res_student_twice`` for a student listed twice in a team
    list)."""
    first: dict[str, int] = {}
    for number, id_ in keyed:
        if not id_:
            continue
        if id_ in first:
            problems.append(
                Problem(
                    label,
                    text(key, id=id_, row=first[id_]),
                    row=number,
                    column=column,
                )
            )
        else:
            first[id_] = number


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
    #: Row → the header, as written, of the column each choice came from (``Choix 2``).
    choice_headers: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: Students who left a choice column empty before a filled one: (id, the empty
    #: column's header, the next filled one's), as written.
    choice_gaps: list[tuple[str, str, str]] = field(default_factory=list)

    def choice_header(self, row: int, position: int) -> str:
        """The column, as written, of the choice at ``position`` on spreadsheet ``row``."""
        headers = self.choice_headers.get(row, ())
        if position < len(headers):
            return headers[position]
        return self.columns.header.get("choices", "choices")


def parse_commissions(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """commissions.csv: one proposal per row (ids and values checked, not yet unified)."""
    columns = map_columns(table, COMMISSION_COLUMNS, COMMISSION_REQUIRED, problems, loose=True)
    if not all(columns.has(c) for c in COMMISSION_REQUIRED):
        return ParsedTable(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    for row in row_readers(table, columns, problems):
        values: dict[str, Any] = {
            "id": row.required("id", "ld_what_proposal_id"),
            "institution": row.required("institution", "ld_what_institution"),
            "sector": row.required("sector", "ld_what_sector"),
            "problem_type": row.required("problem_type", "ld_what_problem_type"),
            "title": row.text("title"),
            "slots": split_list(row.text("slots")) if columns.has("slots") else None,
            "priority": row.integer("priority", minimum=0) or 0,
            "min_size": row.integer("min_size", minimum=0),
            "max_size": row.integer("max_size", minimum=1),
            "town": row.text("town") or None,
        }
        ids.append((row.number, values["id"]))
        low, high = values["min_size"], values["max_size"]
        if low is not None and high is not None and low > high:
            row.problem(
                "min_size",
                text(
                    "ld_min_above_max",
                    min_name=columns.header["min_size"],
                    low=low,
                    max_name=columns.header["max_size"],
                    high=high,
                ),
            )
        commission = validated(row, Commission, values, whole_row="min_size")
        if commission is not None:
            records.append((row.number, commission))
    report_duplicate_ids(table.label, ids, columns.header["id"], problems)
    if not table.rows:
        problems.append(Problem(table.label, text("ld_no_proposals")))
    return ParsedTable(table.label, records, columns, {i for _, i in ids if i}, True)


def parse_students(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """students.csv: one student per row; choices and pins are resolved by crossrefs."""
    columns = map_columns(
        table, STUDENT_COLUMNS, STUDENT_REQUIRED, problems, choice_columns=True, loose=True
    )
    if not all(columns.has(c) for c in STUDENT_REQUIRED):
        return ParsedTable(table.label, [], columns)
    _whole_name_with_first_name(table, columns, problems)
    records: list[tuple[int, Any]] = []
    ids: list[tuple[int, str]] = []
    broken: list[tuple[int, tuple[str, ...], str | None]] = []
    headers: dict[int, tuple[str, ...]] = {}
    gaps: list[tuple[str, str, str]] = []
    for row in row_readers(table, columns, problems):
        if columns.choice_idcs:
            filled = [idx for idx in columns.choice_idcs if row.cells[idx]]
            choices = tuple(row.cells[idx] for idx in filled)
            headers[row.number] = tuple(table.header[idx] for idx in filled)
            gap = _choice_gap(columns.choice_idcs, filled)
            student_id = row.cells[columns.index["id"]]
            if gap is not None and student_id:
                gaps.append((student_id, table.header[gap[0]], table.header[gap[1]]))
        else:
            choices = split_list(row.text("choices"))
        values: dict[str, Any] = {
            "id": row.required("id", "ld_what_student_id"),
            "name": full_name(row.text("first_name"), row.text("name")),
            "background": row.required("background", "ld_what_background"),
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
        problems.append(Problem(table.label, text("ld_no_students")))
    return ParsedTable(
        table.label, records, columns, {i for _, i in ids if i}, True, broken, headers, gaps
    )


def _choice_gap(idcs: list[int], filled: list[int]) -> tuple[int, int] | None:
    """(An empty choice column, the next filled one) when a filled choice column follows an
    empty one (``Choix 1`` and ``Choix 3`` filled, ``Choix 2`` empty), else ``None``."""
    if not filled:
        return None
    for position, idx in enumerate(idcs):
        if idx not in filled:
            later = [j for j in idcs[position + 1 :] if j in filled]
            if later:
                return idx, later[0]
    return None


def parse_pairs(table: RawTable, problems: list[Problem]) -> ParsedTable:
    """pairs.csv: two students to keep apart or together (ids resolved by crossrefs)."""
    required = ("student_a", "student_b", "relation")
    columns = map_columns(table, PAIR_COLUMNS, required, problems)
    if not all(columns.has(c) for c in required):
        return ParsedTable(table.label, [], columns)
    records: list[tuple[int, Any]] = []
    for row in row_readers(table, columns, problems):
        relation_text = row.required("relation", "ld_what_relation")
        relation = RELATIONS.get(fold_header(relation_text))
        if relation_text and relation is None:
            row.problem("relation", text("ld_bad_relation", value=relation_text))
        values = {
            "student_a": row.required("student_a", "ld_what_student"),
            "student_b": row.required("student_b", "ld_what_student"),
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
    #: Each table's rows wider than its header (``RawTable.wider_rows``) and its header's
    #: width, by its label.
    wider_rows: dict[str, tuple[frozenset[int], int]] = field(default_factory=dict)
