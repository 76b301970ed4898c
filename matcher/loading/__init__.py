"""Reading files: the only code that knows file names, column names and their aliases.

Files become validated records (:mod:`matcher.schemas`) here, once. Every problem found in
every file is collected and raised together as one :class:`~matcher.errors.InputError`, each
located by file, spreadsheet row (header is row 1) and column.

The package, from bytes up:

- :mod:`~matcher.loading.tables`: CSV in any usual encoding and delimiter, or the sheets of an
  ``.xlsx`` workbook, as raw tables of trimmed strings;
- :mod:`~matcher.loading.sources`: which files (or sheets) of an instance hold which table;
- :mod:`~matcher.loading.columns`: the columns of every file kind and their aliases;
- :mod:`~matcher.loading.cells`: the meaning of one cell (the one truth table for yes/no,
  lists, numbers, ``no_isolation`` conditions, choices counted once);
- :mod:`~matcher.loading.records`: rows into validated records, one parser per file;
- :mod:`~matcher.loading.crossrefs`: references between files, ids, spellings made one;
- :mod:`~matcher.loading.settings`: settings.toml, and one check per rule against the files;
- :mod:`~matcher.loading.instance`: :func:`load_instance` and :func:`read_arrivals`;
- :mod:`~matcher.loading.results`: a result folder (selection.csv, teams.csv, summary.json);
- :mod:`~matcher.loading.result_book`: the Selection and Students sheets of result.xlsx.

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

from matcher.loading.cells import (
    BOOL_EXPECTED,
    condition_attribute,
    distinct_choices,
    parse_bool,
    parse_condition,
    split_list,
    value_meets,
)
from matcher.loading.columns import (
    COMMISSION_COLUMNS,
    PAIR_COLUMNS,
    SELECTION_COLUMNS,
    STUDENT_COLUMNS,
    TEAM_COLUMNS,
)
from matcher.loading.crossrefs import no_choices_now
from matcher.loading.file_bytes import present
from matcher.loading.instance import (
    load_instance,
    read_arrivals,
    read_students,
    unusable_choices_now,
)
from matcher.loading.results import read_selection, read_teams
from matcher.loading.settings import load_settings
from matcher.loading.summary import (
    recorded_changes,
    recorded_objectives,
    recorded_solver,
    recorded_status,
)
from matcher.loading.tables import (
    FILE_KINDS,
    MAX_CELL_CHARS,
    RawTable,
    decode_text,
    detect_delimiter,
    read_csv,
    read_csv_text,
    table_from_cells,
)
from matcher.loading.workbooks import read_workbook, workbook_cell_text

__all__ = [
    "BOOL_EXPECTED",
    "COMMISSION_COLUMNS",
    "FILE_KINDS",
    "MAX_CELL_CHARS",
    "PAIR_COLUMNS",
    "SELECTION_COLUMNS",
    "STUDENT_COLUMNS",
    "TEAM_COLUMNS",
    "RawTable",
    "condition_attribute",
    "decode_text",
    "detect_delimiter",
    "distinct_choices",
    "load_instance",
    "load_settings",
    "no_choices_now",
    "parse_bool",
    "parse_condition",
    "present",
    "read_arrivals",
    "read_csv",
    "read_csv_text",
    "read_selection",
    "read_students",
    "read_teams",
    "read_workbook",
    "recorded_changes",
    "recorded_objectives",
    "recorded_solver",
    "recorded_status",
    "split_list",
    "table_from_cells",
    "unusable_choices_now",
    "value_meets",
    "workbook_cell_text",
]
