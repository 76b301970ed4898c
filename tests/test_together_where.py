"""A together-group larger than the largest team names where it is written (contract,
"Faults and hostile input": file, row and column), in ``validate`` and ``run``, in
English and French, the file and its columns as written by the director."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _cohort(tmp_path: Path) -> Path:
    """The demo (teams of 6) with S001..S008 chained together by seven pairs in a
    ``paires.csv`` whose French headers are the director's; the chain's rows are 2-8
    (the header is row 1), and one unrelated apart pair on row 9."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    (cohort / "pairs.csv").unlink()
    lines = ["Étudiant A;Étudiant B;relation"]
    ids = [f"S{n:03d}" for n in range(1, 9)]
    lines += [f"{a};{b};ensemble" for a, b in itertools.pairwise(ids)]
    lines.append("S020;S021;séparer")
    (cohort / "paires.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return cohort


def test_validate_names_file_rows_and_columns_of_a_too_large_group(tmp_path: Path) -> None:
    """validate exits 3 and the sentence names paires.csv, rows 2-8 (not row 9: that
    pair does not tie the group) and the two columns as written."""
    cohort = _cohort(tmp_path)
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert result.exit_code == 3
    assert "(paires.csv, rows 2, 3, 4, 5, 6, 7, 8, columns Étudiant A and Étudiant B)" in (
        result.output
    )


def test_run_names_them_in_french_and_writes_nothing(tmp_path: Path) -> None:
    """run answers 3 with the same place, worded in French, and writes no output."""
    cohort = _cohort(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 3, result.output
    assert "paires.csv, lignes 2, 3, 4, 5, 6, 7, 8, colonnes « Étudiant A » et « Étudiant B »" in (
        result.output
    )
    assert not out.exists()
