"""Reading a result folder: selection.csv, teams.csv and summary.json, in one place.

A result is what ``run``, ``select``, ``assign`` or ``whatif`` wrote
(:mod:`matcher.outputs.writers`),
possibly edited by hand in a spreadsheet: selection.csv and teams.csv are read with the
same tolerance as the instance's files (column aliases, any usual CSV dialect, ids up to
case and accents) and checked against the instance. summary.json only informs: a missing
or damaged one is no reason to refuse a result, except for the ``changes`` a what-if
records, which define the cohort of the result.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from matcher.eligibility import eligibility
from matcher.errors import InputError, Problem
from matcher.labels import text
from matcher.loading.columns import SELECTION_COLUMNS, TEAM_COLUMNS, MappedColumns, map_columns
from matcher.loading.crossrefs import IdIndex, preview
from matcher.loading.records import RowReader, report_duplicate_ids, row_readers, validated
from matcher.loading.tables import read_csv
from matcher.results import Changes, SelectionRow
from matcher.schemas import Commission, Instance, SelectionSettings, Student

#: The files of a result folder read here.
SELECTION_CSV = "selection.csv"
TEAMS_CSV = "teams.csv"
SUMMARY = "summary.json"

# --- selection.csv ------------------------------------------------------------------------


def _selection_row(
    row: RowReader,
    columns: MappedColumns,
    index: IdIndex | None,
    by_id: dict[str, Commission],
    settings: SelectionSettings,
    ids: list[tuple[int, str]],
) -> SelectionRow | None:
    """One row of selection.csv (``None`` when it has problems, recorded on ``row``).

    Without an instance's commissions.csv (``index`` is ``None``), the row describes its
    proposal, which is added to ``by_id``.
    """
    ref = row.required("id", "a proposal id")
    id_ = ref if index is None else index.resolve(ref)
    if id_ is None:
        row.problem("id", f"'{ref}' is not a proposal id of commissions.csv")
        return None
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
        commission = validated(row, Commission, values)
        if commission is not None:
            by_id[id_] = commission
    if columns.has("eligible"):
        eligible = row.boolean("eligible")
    elif id_ in by_id:
        eligible = eligibility(by_id[id_], settings).eligible
    else:
        eligible = True
    if not row.ok:
        return None
    return SelectionRow(
        id=id_,
        eligible=eligible,
        selected=selected,
        reserve_rank=None if selected else reserve_rank,
        reason=row.text("reason"),
    )


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
    columns = map_columns(table, SELECTION_COLUMNS, required, problems)
    if problems:
        raise InputError(problems)
    index = IdIndex(c.id for c in known) if known else None
    by_id = {c.id: c for c in known}
    settings = instance.settings.selection
    rows: list[SelectionRow] = []
    ids: list[tuple[int, str]] = []
    for row in row_readers(table, columns, problems):
        selection_row = _selection_row(row, columns, index, by_id, settings, ids)
        if selection_row is not None:
            rows.append(selection_row)
    report_duplicate_ids(table.label, ids, columns.header["id"], problems)
    if not problems and not any(r.selected for r in rows):
        problems.append(
            Problem(
                table.label,
                text("res_none_selected"),
                column=columns.header["selected"],
            )
        )
    if problems:
        raise InputError(problems)
    # Without commissions.csv, the proposals are those the file describes (in file order).
    commissions = tuple(known) if known else tuple(by_id.values())
    listed = {r.id for r in rows}
    for commission in commissions:
        if commission.id not in listed:
            fate = eligibility(commission, settings)
            rows.append(
                SelectionRow(
                    commission.id, fate.eligible, False, None, text("reason_absent_from_file")
                )
            )
    return commissions, tuple(rows)


# --- teams.csv ----------------------------------------------------------------------------


def _report_students_listed_twice(
    label: str, seen: list[tuple[int, str]], column: str, problems: list[Problem]
) -> None:
    """A student on more than one row of teams.csv."""
    first: dict[str, int] = {}
    for number, student in seen:
        if student in first:
            problems.append(
                Problem(
                    label,
                    f"student '{student}' is listed twice (first on row {first[student]})",
                    row=number,
                    column=column,
                )
            )
        else:
            first[student] = number


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
    columns = map_columns(table, TEAM_COLUMNS, ("student_id", "commission_id"), problems)
    if problems:
        raise InputError(problems)
    students = IdIndex(s.id for s in instance.students) if instance.students else None
    commissions = IdIndex(c.id for c in instance.commissions) if instance.commissions else None
    assignment: dict[str, str] = {}
    seen: list[tuple[int, str]] = []
    for row in row_readers(table, columns, problems):
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
    _report_students_listed_twice(table.label, seen, columns.header["student_id"], problems)
    if problems:
        raise InputError(problems)
    return assignment


# --- summary.json -------------------------------------------------------------------------


def _read_summary(result_dir: Path) -> Any:
    """The JSON of ``result_dir``/summary.json, or ``None`` when missing or not JSON."""
    try:
        return json.loads((Path(result_dir) / SUMMARY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def recorded_objectives(result_dir: Path) -> dict[str, dict[str, int]]:
    """Stage → priority → value, as recorded in ``result_dir``/summary.json by the solve.

    The file only informs (it shows what editing the result cost); a missing or damaged
    one gives no values rather than an error.
    """
    summary = _read_summary(result_dir)
    if not isinstance(summary, dict):
        return {}
    try:
        return {
            stage: {o["name"]: int(o["value"]) for o in summary[stage]["objectives"]}
            for stage in ("selection", "teams")
            if isinstance(summary.get(stage), dict)
        }
    except (ValueError, KeyError, TypeError):
        return {}


def _recorded_problem(key: str, message: str) -> Problem:
    return Problem(SUMMARY, f"key 'changes.{key}': {message}")


def _not_among(
    ids: Collection[str], known: Collection[str], key: str, what: str, problems: list[Problem]
) -> None:
    """A problem naming the recorded ids of ``key`` that are not in ``known``, if any."""
    unknown = sorted(set(ids) - set(known))
    if unknown:
        problems.append(_recorded_problem(key, f"{what}: {preview(unknown, limit=6)}"))


def _id_list(changes: Mapping[str, Any], key: str, problems: list[Problem]) -> tuple[str, ...]:
    """A recorded list of ids (absent: empty), or a problem naming the key."""
    value = changes.get(key, [])
    if not isinstance(value, list) or not all(isinstance(i, str) and i for i in value):
        problems.append(_recorded_problem(key, "expected a list of ids"))
        return ()
    return tuple(value)


def _recorded_arrivals(changes: Mapping[str, Any], problems: list[Problem]) -> list[Student]:
    """The students recorded as arrived (``added_students``), each a students.csv record."""
    records = changes.get("added_students", [])
    added: list[Student] = []
    if not isinstance(records, list):
        problems.append(_recorded_problem("added_students", "expected a list of students"))
        records = []
    for number, record in enumerate(records, start=1):
        try:
            added.append(Student.model_validate(record))
        except ValidationError as error:
            where = ", ".join(
                f"{'.'.join(str(part) for part in e['loc']) or 'record'}: {e['msg']}"
                for e in error.errors()
            )
            problems.append(
                _recorded_problem(
                    "added_students",
                    f"student {number} is not a students.csv record ({where})",
                )
            )
    return added


def _check_recorded_ids(
    instance: Instance,
    withdrawn: tuple[str, ...],
    unreplaced: tuple[str, ...],
    leaving: tuple[str, ...],
    added: list[Student],
    problems: list[Problem],
) -> None:
    """Recorded ids must name commissions and students of ``instance`` (arrivals: new ids)."""
    _not_among(unreplaced, withdrawn, "unreplaced", "not among the withdrawn commissions", problems)
    if instance.commissions:
        proposals = {c.id for c in instance.commissions}
        _not_among(
            withdrawn,
            proposals,
            "withdrawn_commissions",
            "not proposals of commissions.csv",
            problems,
        )
    if instance.students:
        student_ids = {s.id for s in instance.students}
        _not_among(
            leaving, student_ids, "withdrawn_students", "not students of students.csv", problems
        )
        arrival_ids = [s.id for s in added]
        taken = sorted(
            {
                i
                for i in arrival_ids
                if (i in student_ids and i not in leaving) or arrival_ids.count(i) > 1
            }
        )
        if taken:
            problems.append(
                _recorded_problem("added_students", f"ids already taken: {preview(taken, limit=6)}")
            )


def _read_changes(changes: Any, instance: Instance) -> Changes:
    """The ``changes`` of a summary.json, checked against the original ``instance``."""
    if not isinstance(changes, dict):
        raise InputError(Problem(SUMMARY, "key 'changes': expected an object"))
    problems: list[Problem] = []
    moves = changes.get("moves", 0)
    if not isinstance(moves, int) or isinstance(moves, bool) or moves < 0:
        problems.append(_recorded_problem("moves", "expected a whole number ≥ 0"))
        moves = 0
    replaced = changes.get("replaced", {})
    if not isinstance(replaced, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in replaced.items()
    ):
        problems.append(_recorded_problem("replaced", "expected an object of id → id"))
        replaced = {}
    withdrawn = _id_list(changes, "withdrawn_commissions", problems)
    unreplaced = _id_list(changes, "unreplaced", problems)
    leaving = _id_list(changes, "withdrawn_students", problems)
    added = _recorded_arrivals(changes, problems)
    _check_recorded_ids(instance, withdrawn, unreplaced, leaving, added, problems)
    if problems:
        raise InputError(problems)
    return Changes(
        moves=moves,
        replaced=dict(replaced),
        withdrawn_commissions=withdrawn,
        unreplaced=unreplaced,
        withdrawn_students=leaving,
        added_students=tuple(added),
    )


def recorded_changes(result_dir: Path, instance: Instance) -> Changes | None:
    """The changes a what-if result records in summary.json since the original ``instance``.

    ``None`` for any other result (no summary.json, a damaged one, no ``changes`` key): its
    files stand alone.

    Raises
    ------
    InputError
        A key of ``changes`` that cannot be read, or ids that do not fit the instance.
    """
    summary = _read_summary(result_dir)
    if not isinstance(summary, dict) or "changes" not in summary:
        return None
    return _read_changes(summary["changes"], instance)
