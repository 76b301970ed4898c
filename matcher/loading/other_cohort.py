"""A result of another cohort, told as one: most of its team list names none of the cohort's
students, or most of its selection's selected proposals none of its commissions. The
workbench does not offer such a result (``matcher.web.saved_result``); the commands that
read one (``whatif --from``, ``check``, ``report``, ``explain --result``) refuse it in one
message naming the folder (probe s40c: one « did you mean F001? » per row, each advising to
put a foreign student back in students.csv, the folder never named)."""

from __future__ import annotations

from pathlib import Path

from matcher.errors import UsageError
from matcher.labels import counted
from matcher.loading.cells import parse_bool
from matcher.loading.columns import SELECTION_COLUMNS, TEAM_LIST_COLUMNS, map_columns
from matcher.loading.crossrefs import preview
from matcher.loading.dated_ids import date_made_of
from matcher.loading.id_index import IdIndex, name_key
from matcher.loading.tables import RawTable
from matcher.schemas import Instance
from matcher.text import fold_name, names_contain

__all__ = [
    "of_another_cohort",
    "refuse_another_cohort",
    "renamed",
    "strangers",
    "unknown_selected",
]


def _known(index: IdIndex, ref: str) -> str | None:
    """The id ``ref`` names in ``index``, an id a spreadsheet made a date of (« 1/2 » saved
    as 2026-02-01) included."""
    return index.resolve(ref) or date_made_of(ref, index.ids)


def strangers(table: RawTable, instance: Instance) -> tuple[list[str], int] | None:
    """The students of a team list (teams.csv, the Students sheet) that are not
    ``instance``'s, and how many rows it has; ``None`` when it cannot tell (no student
    column, no rows, a cohort without students). A row is the cohort's when its id names
    one of its students, its commission (when given) one of its commissions, and its name
    (where the row gives one) that student's, its words in any order: « DUPONT Hélène » as a
    registrar exports it is « Hélène Dupont » (probe s39f), « DUPONT, Marie » too (probe
    s39i); two cohorts both numbered S001… are told apart by their names (probe s39a)."""
    columns = map_columns(table, TEAM_LIST_COLUMNS, ("student_id",), [])
    if not instance.students or not columns.has("student_id") or not table.rows:
        return None
    students = IdIndex(s.id for s in instance.students)
    commissions = IdIndex(c.id for c in instance.commissions)
    names = {s.id: name_key(s.name) for s in instance.students if s.name}
    named = [i for i, header in enumerate(table.header) if fold_name(header) in ("name", "nom")]

    def same(cells: tuple[str, ...]) -> bool:
        found = _known(students, cells[columns.index["student_id"]])
        if found is None:
            return False
        team = cells[columns.index["commission_id"]] if columns.has("commission_id") else ""
        if team.strip() and instance.commissions and _known(commissions, team) is None:
            return False
        written = cells[named[0]].strip() if named else ""
        return not written or found not in names or name_key(written) == names[found]

    unknown = [cells[columns.index["student_id"]] for _, cells in table.rows if not same(cells)]
    return unknown, len(table.rows)


def renamed(instance: Instance, unknown: list[str]) -> bool:
    """Whether every one of ``unknown`` (:func:`strangers`) is a student of ``instance`` by
    id: the names differ, not the students (names corrected or shortened in students.csv
    since, or another cohort numbered alike)."""
    students = IdIndex(s.id for s in instance.students)
    return all(_known(students, ref) for ref in unknown)


def unknown_selected(table: RawTable, instance: Instance) -> tuple[list[str], int] | None:
    """The proposals a selection (selection.csv, the Selection sheet) selects that are not
    ``instance``'s commissions, and how many it selects; ``None`` when it cannot tell (no
    commissions.csv, no id or selected column, nothing selected). Proposals it does not
    select may have left commissions.csv since (one reserve fewer): not counted."""
    columns = map_columns(table, SELECTION_COLUMNS, ("id", "selected"), [])
    if not instance.commissions or not columns.has("id") or not columns.has("selected"):
        return None
    index = IdIndex(c.id for c in instance.commissions)
    institutions = {c.id: c.institution for c in instance.commissions}
    selected = [cells for _, cells in table.rows if parse_bool(cells[columns.index["selected"]])]
    if not selected:
        return None

    def known(cells: tuple[str, ...]) -> bool:
        ref = cells[columns.index["id"]]
        found = _known(index, ref)
        written = cells[columns.index["institution"]] if columns.has("institution") else ""
        # Another cohort's C1 is read as this one's C01: its institution tells them apart
        # (probe s40g: « C03 est retenue mais non disponible », a C03 never selected); an
        # id written as the cohort's is its own, its institution renamed since or not
        # (probe s40k: this cohort's result refused).
        return found is not None and (
            ref.strip() in index.ids
            or not written.strip()
            or names_contain(written, institutions[found])
        )

    unknown = [cells[columns.index["id"]] for cells in selected if not known(cells)]
    return unknown, len(selected)


def of_another_cohort(found: tuple[list[str], int] | None) -> bool:
    """Whether ``found`` (:func:`strangers`, :func:`unknown_selected`) is of another cohort:
    fewer than half of its rows are this cohort's."""
    if found is None:
        return False
    unknown, total = found
    return 2 * (total - len(unknown)) < total


def refuse_another_cohort(table: RawTable, instance: Instance, result: Path, teams: bool) -> None:
    """Refuses the result at ``result`` when ``table`` (its team list when ``teams``, else
    its selection) is of another cohort: one message naming the folder, how many of its
    students (or selected proposals) this cohort lacks, and what to give instead."""
    found = strangers(table, instance) if teams else unknown_selected(table, instance)
    if found is None or not of_another_cohort(found):
        return
    unknown, total = found
    key = "result_other_cohort_students" if teams else "result_other_cohort_proposals"
    if teams and renamed(instance, unknown):
        # The ids are the cohort's, the names not (probe s40h: « not in students.csv »,
        # said of students who are): said so, with how to read it if it is this cohort's.
        key = "result_other_cohort_renamed"
    cohort_file = instance.students_file if teams else instance.commissions_file
    raise UsageError(
        counted(
            key,
            len(unknown),
            folder=result,
            total=total,
            file=table.label,
            cohort_file=cohort_file,
            ids=preview(unknown, 5),
        )
    )
