"""The CSV files of an instance or a result, read and written in tests as a spreadsheet
would: a UTF-8 BOM accepted (matcher writes one, contract §8), one dict per row keyed by
the header as written.

Imported by test modules as ``from csvrows import read_rows`` (pytest puts ``tests/`` on
the import path: the folder is not a package).
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row of the CSV file ``path`` (BOM or not), keyed by its header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """``rows`` written to ``path`` as UTF-8 CSV, the header taken from the first row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def team_of(result: Path) -> dict[str, str]:
    """Each student's commission in the ``teams.csv`` of the result folder ``result``."""
    return {row["student_id"]: row["commission_id"] for row in read_rows(result / "teams.csv")}


def result_then_late_students(demo: Path, tmp_path: Path, *ids: str) -> tuple[Path, Path]:
    """A copy of the cohort ``demo``, its result written by ``matcher run`` (no
    explanations), then students ``ids`` added to its students.csv as copies of its first
    rows (arrived since the result): (the cohort, the result)."""
    import shutil

    from click.testing import CliRunner

    from matcher.cli import main

    cohort, out = tmp_path / "cohort", tmp_path / "out"
    shutil.copytree(demo, cohort)
    ran = CliRunner().invoke(
        main, ["run", str(cohort), "--out", str(out), "--no-explain", "--quiet"]
    )
    assert ran.exit_code == 0, ran.output
    rows = read_rows(cohort / "students.csv")
    late = [{**row, "id": sid} for sid, row in zip(ids, rows[: len(ids)], strict=True)]
    write_rows(cohort / "students.csv", rows + late)
    return cohort, out
