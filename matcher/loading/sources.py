"""Where the tables of an instance come from: the files of a folder or the sheets of a workbook.

File names and sheet names are matched against :data:`~matcher.loading.columns.FILE_KINDS`
case-insensitively (French names accepted); a workbook's settings are
``<workbook stem>.settings.toml`` beside it, else ``settings.toml`` beside it. Tables are
read only when asked for (a stray notes sheet never causes an error). A file that bears
a table's name is that table even when it cannot be read (a folder, a link to nowhere, a
FIFO): reading it then fails naming it, so that no rule is ever dropped silently.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from matcher.errors import InputError, Problem, os_reason
from matcher.labels import Listing, text
from matcher.loading.columns import FILE_KINDS
from matcher.loading.tables import (
    RawTable,
    present,
    read_csv,
    read_workbook,
    table_from_cells,
)
from matcher.text import fold_header


@dataclass
class InstanceSources:
    """Where each table of an instance comes from, and the default settings file."""

    readers: dict[str, Callable[[], RawTable]]
    labels: dict[str, str]
    settings: Path | None
    #: CSV files of the folder (sheets of the workbook) that hold no table, as named.
    unread: list[str] = field(default_factory=list)


def _singular(folded: str) -> str:
    return folded.removesuffix("s")


def _kind_of(stem: str) -> str | None:
    """The kind of table a file stem or sheet name holds (``None``: not an instance table).

    Case, accents and a plural ``s`` do not matter: ``Étudiant``, ``etudiants`` and
    ``STUDENTS`` are the students table.
    """
    folded = _singular(fold_header(stem).removesuffix("_csv"))
    return next(
        (
            kind
            for kind, names in FILE_KINDS.items()
            if folded in (_singular(fold_header(name)) for name in names)
        ),
        None,
    )


#: How alike a file's name and a table's name must be for the file to be taken for a
#: misspelt table (``comissions``, ``etudaints``): difflib's ratio.
_LOOKALIKE = 0.85


def lookalike_kind(name: str) -> str | None:
    """The table a file or sheet that holds none seems meant for (``Étudiants 2026``,
    ``liste_binomes``, ``comissions``), ``None`` when it resembles none (``notes``)."""
    folded = fold_header(Path(name).stem if name.lower().endswith((".csv", ".tsv")) else name)
    words = {_singular(word) for word in folded.split("_")}
    for kind, names in FILE_KINDS.items():
        for accepted in (_singular(fold_header(n)) for n in names):
            if accepted in words:
                return kind
            if difflib.SequenceMatcher(None, _singular(folded), accepted).ratio() >= _LOOKALIKE:
                return kind
    return None


def arrivals_table(path: Path) -> RawTable:
    """The rows of an arrivals file (``whatif --add-students``, the workbench's "Students
    arriving"): a CSV file, or a workbook's only sheet (or its students sheet)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return read_csv(path)
    sheets = read_workbook(path)
    titles = [t for t in sheets if _kind_of(t) == "students"] or list(sheets)
    if len(titles) != 1:
        listed = Listing(tuple(text("quoted", value=t) for t in sheets), last=None)
        raise InputError(Problem(path.name, text("ld_arrivals_sheets", sheets=listed)))
    return table_from_cells(f"{path.name} [{titles[0]}]", sheets[titles[0]])


def _workbook_sources(path: Path) -> InstanceSources:
    """The sheets of a workbook that hold instance tables, and the settings beside it."""
    sheets = read_workbook(path)
    readers: dict[str, Callable[[], RawTable]] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    unread: list[str] = []
    for title, records in sheets.items():
        kind = _kind_of(title)
        if kind is None:
            unread.append(title)
            continue
        if kind in readers:
            problems.append(
                Problem(
                    path.name,
                    text("ld_two_sheets", kind=kind, first=labels[kind], second=title),
                )
            )
            continue
        sheet_label = f"{path.name} [{title}]"
        readers[kind] = functools.partial(table_from_cells, sheet_label, records)
        labels[kind] = title
    if problems:
        raise InputError(problems)
    beside = [path.with_name(f"{path.stem}.settings.toml"), path.with_name("settings.toml")]
    settings = next((p for p in beside if present(p)), None)
    sheet_labels = {k: f"{path.name} [{v}]" for k, v in labels.items()}
    return InstanceSources(readers, sheet_labels, settings, unread)


def _folder_sources(path: Path) -> InstanceSources:
    """The CSV files of a folder that hold instance tables, and its settings.toml."""
    readers: dict[str, Callable[[], RawTable]] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    unread: list[str] = []
    settings = None
    try:
        entries = sorted(path.iterdir())
    except OSError as error:
        why = text("why_no_permission") if isinstance(error, PermissionError) else None
        reason = why or text("why_os_error", reason=os_reason(error))
        raise InputError(Problem(str(path), text("err_unreadable_file", why=reason))) from None
    for entry in entries:
        # Not only regular files: a folder or a dangling link named students.csv is
        # students.csv, refused when read.
        if entry.name.lower() == "settings.toml":
            settings = entry
            continue
        if entry.suffix.lower() not in (".csv", ".tsv"):
            continue
        kind = _kind_of(entry.stem)
        if kind is None:
            unread.append(entry.name)
            continue
        if kind in readers:
            problems.append(
                Problem(
                    str(path),
                    text(
                        "tb_two_files",
                        kind=text(f"tb_kind_{kind}"),
                        first=labels[kind],
                        second=entry.name,
                    ),
                )
            )
            continue
        readers[kind] = functools.partial(read_csv, entry)
        labels[kind] = entry.name
    if problems:
        raise InputError(problems)
    return InstanceSources(readers, labels, settings, unread)


def locate_sources(path: Path) -> InstanceSources:
    """The tables of the instance folder or workbook ``path``, and its settings file.

    Raises
    ------
    InputError
        No such path, a file that is not a workbook, or two files (sheets) of one kind.
    """
    label = str(path)
    if not present(path):
        raise InputError(Problem(label, text("ld_no_such_instance")))
    if path.is_dir():
        return _folder_sources(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        # Read (and refused if it is not a readable file) by read_workbook.
        return _workbook_sources(path)
    if path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".txt", ".toml"):
        # `matcher validate cohorte/students.csv`: the instance is the folder holding it.
        raise InputError(Problem(label, text("why_not_instance_file", folder=path.parent)))
    # Another file, a FIFO, a device or a link to nowhere: never opened.
    raise InputError(Problem(label, text("why_not_instance")))
