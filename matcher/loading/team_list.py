"""A team list read as a result's teams: teams.csv, or the Students sheet of result.xlsx
(:func:`teams_from_table`), checked against the cohort (:mod:`matcher.loading.results`
reads the files)."""

from __future__ import annotations

from collections.abc import Mapping

from matcher.errors import InputError, Problem
from matcher.labels import Text, counted, listing, text
from matcher.loading.columns import TEAM_LIST_COLUMNS, MappedColumns, map_columns
from matcher.loading.dated_ids import DatedIds
from matcher.loading.id_index import IdIndex, by_institution, with_suggestion
from matcher.loading.records import kept_total, report_duplicate_ids, row_readers
from matcher.loading.tables import RawTable
from matcher.loading.totals import TOTAL_WORDS
from matcher.schemas import Instance
from matcher.text import category_key, fold_name

__all__ = ["not_a_proposal", "teams_from_table"]


def not_a_proposal(ref: str, index: IdIndex | None, file: str) -> Text:
    """An id of a result that commissions.csv (``file``, as named on disk) does not know,
    with the nearest known one."""
    return with_suggestion(text("ld_not_a_proposal", ref=ref, file=file), ref, index)


def teams_from_table(
    table: RawTable,
    instance: Instance,
    warnings: list[Text] | None = None,
    before: Mapping[str, str] | None = None,
    edited: set[str] | None = None,
) -> dict[str, str]:
    """:func:`read_teams` of a table already read (a CSV file or a workbook sheet).

    When ``warnings`` is given, rows whose ``institution`` cell names another institution
    than their commission's (a director who typed the institution to move a student, which
    moves no one) are said there. ``before`` (the Students sheet of result.xlsx sent back
    alone: the team each team sheet lists a student in, as written before the edit): a row
    whose commission_id differs from it while its institution cell still names that team's
    institution is the documented edit (commission_id changed, the rest of the row left):
    not said, its student added to ``edited`` (probe s27: two warnings on every edit).
    """
    problems: list[Problem] = []
    columns = map_columns(table, TEAM_LIST_COLUMNS, ("student_id", "commission_id"), problems)
    if problems:
        raise InputError(problems)
    students = IdIndex(s.id for s in instance.students) if instance.students else None
    # An institution's name typed as the commission suggests its proposals (probe s33e).
    ids, named = (c.id for c in instance.commissions), by_institution(instance.commissions)
    commissions = IdIndex(ids, named) if instance.commissions else None
    assignment: dict[str, str] = {}
    seen: list[tuple[int, str]] = []
    institution_of = {c.id: c.institution for c in instance.commissions}
    elsewhere: list[tuple[int, str, str, str]] = []
    dated = DatedIds(table.label)
    notes: list[int] = []
    for row in row_readers(table, columns, problems):
        first = fold_name(row.text("student_id")).rstrip(" :")
        total = first in TOTAL_WORDS and (students is None or not students.resolve(first))
        if (not first and not row.text("commission_id")) or total:
            # Neither a student nor a team: a total or a note typed under the table (probe
            # s33e: « Total : 22 étudiants » refused the whole result; s33h: « Total;8 »,
            # told to `whatif --withdraw-student Total`). It places nobody. A student whose
            # id is « Somme » is a student (probe s38b: set aside, the result then broken).
            notes.append(row.number)
            continue
        ref = row.required("student_id", "ld_what_student")
        student: str | None = ref
        if students is not None and ref:
            student = dated.resolve(students, ref, row.number, columns.header["student_id"])
        if student is None:
            message = text("ld_not_a_student", ref=ref, file=instance.students_file)
            # Most often a student deleted from students.csv since the result: say how.
            message = with_suggestion(message, ref, students)
            # Words and no commission beside them: a note typed in the table (probe s27: told
            # to `whatif --withdraw-student Vérifié par JD le 3/10`).
            note = " " in ref and not row.text("commission_id")
            key = "res_note_in_table" if note else "res_student_gone"
            row.problem(
                "student_id", text(key, message=message, ref=ref, file=instance.students_file)
            )
            continue
        seen.append((row.number, student))
        target = row.text("commission_id")
        if not target:
            continue
        commission: str | None = target
        if commissions is not None:
            column = columns.header["commission_id"]
            commission = dated.resolve(commissions, target, row.number, column)
        if commission is None:
            said = not_a_proposal(target, commissions, instance.commissions_file)
            row.problem("commission_id", said)
            continue
        if row.ok:
            assignment.setdefault(student, commission)
            written = row.text("institution")
            institution = institution_of.get(commission)
            if written and institution and category_key(written) != category_key(institution):
                was = (before or {}).get(student)
                if (
                    was is not None
                    and was != commission
                    and category_key(written) == category_key(institution_of.get(was, ""))
                ):
                    if edited is not None:
                        edited.add(student)
                    continue
                elsewhere.append((row.number, student, written, commission))
    column = columns.header["student_id"]
    report_duplicate_ids(table.label, seen, column, problems, "res_student_twice")
    if problems:
        raise InputError(problems)
    if warnings is not None:
        # Notes typed beside the rows, control characters dropped (tables.table_from_cells).
        warnings += _table_warnings(table, notes) + dated.warnings()
        if notes:
            rows = listing([str(n) for n in notes], most=5)
            warnings.append(counted("res_rows_not_read", len(notes), file=table.label, rows=rows))
    if elsewhere and warnings is not None:
        warnings.append(_institution_not_read(table.label, columns, elsewhere, institution_of))
    return assignment


def _table_warnings(table: RawTable, notes: list[int]) -> list[Text]:
    """The warnings of reading ``table`` but that a row reading like a total was kept, for
    the rows set aside here as placing no one (``notes``): said once, as not read (probe
    s39b: « read as a row », then « not read »)."""
    return [
        warning.as_text()
        for warning in table.warnings
        if not (warning.row in notes and kept_total(warning))
    ]


def _institution_not_read(
    label: str,
    columns: MappedColumns,
    elsewhere: list[tuple[int, str, str, str]],
    institution_of: Mapping[str, str],
) -> Text:
    """Rows whose institution cell names another institution than their commission's
    (``row, student, written, commission``): students are placed by the commission id."""
    number, student, written, commission = elsewhere[0]
    key = "res_institution_not_read" if len(elsewhere) == 1 else "res_institution_not_read_rows"
    return text(
        key,
        n=len(elsewhere),
        file=label,
        row=number,
        student=student,
        column=columns.header["institution"],
        id_column=columns.header["commission_id"],
        written=written,
        commission=commission,
        institution=institution_of[commission],
    )
