"""A result saved earlier opened as the workbench's board: the --out of an earlier session
(or of a command), or teams.csv / selection.csv / result.xlsx uploaded with the cohort's
files (probe s26: a restarted workbench showed no board and no word of the saved teams, and
uploaded result files were taken and ignored)."""

from __future__ import annotations

from pathlib import Path

from matcher import app
from matcher.labels import Lang, Text
from matcher.loading.tables import RawTable
from matcher.results import RunOutcome
from matcher.schemas import Instance
from matcher.web.cohort_files import RESULT_FILES
from matcher.web.engine import SAVED_SETTINGS


def holds_result(folder: Path) -> bool:
    """Whether ``folder`` holds a result to open (a save of the workbench, a command's
    ``--out``)."""
    return any((folder / name).is_file() for name in RESULT_FILES)


def of_another_cohort(folder: Path, instance: Instance) -> bool:
    """Whether the result in ``folder`` is of another cohort: fewer than half of its
    teams' rows name one of ``instance``'s students (by id, and by name where the row
    gives one) in one of its commissions (:mod:`matcher.loading.other_cohort`, which the
    commands reading a result share; ``_teams_table``: teams.csv, else result.xlsx's
    Students sheet; a file that cannot be read says nothing here, opening it says why).
    Saved from another cohort into the same --out: the page offered it, and opening it
    listed twenty unknown ids with « did you mean » hints (probe s38c; probe s40a: so did
    a folder holding only result.xlsx); two cohorts both numbered S001… matched by ids
    alone, and one's teams became the other's board (probe s39a)."""
    from matcher.loading import other_cohort

    table = _teams_table(folder) if instance.students else None
    if table is None:
        return False
    return other_cohort.of_another_cohort(other_cohort.strangers(table, instance))


def _teams_table(folder: Path) -> RawTable | None:
    """The teams of the result in ``folder`` as a table, as opening it reads them: its
    teams.csv, else the Students (Étudiants) sheet of its result.xlsx; ``None`` when it
    has neither or they cannot be read."""
    from matcher.errors import InputError
    from matcher.loading.result_book import book_tables
    from matcher.loading.tables import read_csv

    teams, book = folder / RESULT_FILES[0], folder / RESULT_FILES[2]
    try:
        if teams.is_file():
            return read_csv(teams)
        return book_tables(book)[1] if book.is_file() else None
    except (InputError, OSError):
        return None


def uploaded_result(folder: Path) -> bool:
    """Whether the files uploaded into ``folder`` hold a result beside the cohort's tables:
    teams.csv or selection.csv, or result.xlsx beside CSV tables (a workbook alone is the
    cohort itself, whatever its name)."""
    if any((folder / name).is_file() for name in RESULT_FILES[:2]):
        return True
    tables = [p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".tsv", ".txt")]
    return (folder / "result.xlsx").is_file() and bool(tables)


def open_result(
    instance: Instance, folder: Path, lang: Lang, *, saved_settings: bool = True
) -> tuple[Instance, RunOutcome, app.CheckReport]:
    """The result saved in ``folder`` as it stands, hand edits included (``app.report_checked``, as
    ``matcher whatif --from`` and ``report --result`` read it), the cohort with the
    settings it was saved under (``saved_settings``: the workbench's settings.toml beside
    it, when there is one; else ``instance``'s), and what ``matcher check`` says of it (its
    rules and warnings unworded: the page words them in the language it is switched to).
    Raises ``InputError``/``UsageError`` as ``matcher report`` does."""
    from matcher.loading.settings import load_settings

    saved = folder / SAVED_SETTINGS
    if saved_settings and saved.is_file():
        instance = instance.model_copy(update={"settings": load_settings(saved)})
    return instance, *app.report_checked(instance, folder, lang, whatif=True)


def without_result_book(instance: Instance) -> Instance:
    """``instance`` without the warning that the result.xlsx uploaded beside its tables is
    not read as a table: it is read, as the result (probe s26: the warning said to give
    it as the instance, naming our temporary folder)."""

    def about_result_book(warning: object) -> bool:
        found = warning
        while isinstance(found, Text) and found.key == "problem_line":
            found = found.values.get("message")
        return (
            isinstance(found, Text)
            and found.key == "ld_workbook_beside_csv"
            and found.values.get("book") == "result.xlsx"
        )

    kept = tuple(w for w in instance.warnings if not about_result_book(w))
    return instance.model_copy(update={"warnings": kept})
