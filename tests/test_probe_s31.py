"""Session 31's probes: what they found, each a test that failed before its fix."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.loading.cells import parse_number

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _cohort(folder: Path, students: str, commissions: str, settings: str = "") -> Path:
    """A cohort of these rows; every student of background ``as``, every proposal of one
    sector and problem type (the columns they lack)."""
    folder.mkdir()
    head, *rows = students.splitlines()
    students = "\n".join([f"{head},background", *(f"{r},as" for r in rows)]) + "\n"
    head, *rows = commissions.splitlines()
    commissions = "\n".join([f"{head},sector,problem_type", *(f"{r},s,p" for r in rows)]) + "\n"
    (folder / "students.csv").write_text(students, encoding="utf-8")
    (folder / "commissions.csv").write_text(commissions, encoding="utf-8")
    if settings:
        (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1 5", None),  # probe s31b: read 15
        ("3 5", None),  # meant as 3,5, read 35 years
        ("1 00", None),
        ("1000 000", None),
        ("1 000", 1000.0),
        ("12 500", 12500.0),
        ("1\u202f000", 1000.0),  # narrow no-break space (French LibreOffice, macOS): was refused
        ("1\u2009000,5", 1000.5),  # thin space: was refused
        ("1\u00a0000", 1000.0),
        ("-1 000", -1000.0),
        (" 7 ", 7.0),
        ("3,5", 3.5),
    ],
)
def test_a_space_inside_a_number_only_sets_thousands_apart(cell: str, value: float | None) -> None:
    """Probe s31b: every space inside a number was deleted (``1 5`` read 15, without a word),
    while the narrow and thin spaces French software writes between thousands were refused."""
    assert parse_number(cell) == value


def test_digits_split_by_a_space_are_refused_saying_why(tmp_path: Path) -> None:
    """Probe s31b: ``1 5`` years of experience ran as 15 years, a priority ``1 0`` as 10."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,experience_years,choices\nS1,Ana,1 5,C1\nS2,Bob,2,C2\n",
        "id,institution,priority\nC1,I1,1 0\nC2,I2,1\n",
        "[selection]\ncount = 2\n",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 2, result.output
    said = result.output
    assert "students.csv, ligne 2, colonne « experience_years » : « 1 5 » n'est pas" in said
    assert "commissions.csv, ligne 2, colonne « priority » : « 1 0 » n'est pas" in said
    assert "ne sépare que les milliers (1 000)" in result.output
    assert not out.exists()
    # 1 000 with a narrow no-break space is a thousand: valid (then too large for years)
    (inst / "commissions.csv").write_text(
        "id,institution,priority,sector,problem_type\nC1,I1,1,s,p\nC2,I2,1,s,p\n"
    )
    (inst / "students.csv").write_text(
        "id,name,experience_years,choices,background\nS1,Ana,1\u202f000,C1,as\nS2,Bob,2,C2,as\n",
        encoding="utf-8",
    )
    checked = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert checked.exit_code == 0, checked.output


def test_ids_differing_by_a_space_are_warned_and_a_reference_names_the_one(
    tmp_path: Path,
) -> None:
    """Probe s31b: ``C 02`` beside ``C02`` had no warning (the README promised one for ids
    differing only by case, accents or spaces); a choice ``C 03`` for the one id ``C03``
    was refused."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,choices\nS1,Ana,C 03;C02\nS2,Bob,C02\nS3,Cid,C 02\nS4,Dan,C03\n",
        "id,institution\nC 02,I1\nC02,I2\nC03,I3\n",
        "[selection]\ncount = 3\n",
    )
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "id 'C02' differs from 'C 02' (row 2) only by case, accents or spaces" in result.output
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig", newline="") as handle:
        rank = {r["student_id"]: r["choice_rank"] for r in csv.DictReader(handle)}
    # S1 wrote C03 first, as ``C 03``: on it, at rank 1; S3's ``C 02`` is that id, not C02
    assert rank["S1"] == "1" and rank["S3"] == "1"


def test_a_team_holding_one_student_is_said_in_the_singular(tmp_path: Path) -> None:
    """Probe s31c: « C2 accueille au plus 1 étudiants et 1 y est imposé » ("holds at most
    1 students")."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,choices,pinned\nS1,Ana,C2;C1,C2\nS2,Bob,C2;C1,\nS3,Cid,C1,\n",
        "id,institution,max_size\nC1,I1,\nC2,I2,1\n",
        "[selection]\ncount = 2\n",
    )
    for lang, said in (
        ("fr", "C2 accueille au plus 1 étudiant et 1 y est imposé"),
        ("en", "C2 holds at most 1 student and 1 is pinned to it"),
    ):
        out = tmp_path / f"out-{lang}"
        ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", lang])
        assert ran.exit_code == 0, ran.output
        with (out / "explanations.csv").open(encoding="utf-8-sig", newline="") as handle:
            reasons = [r["reason"] for r in csv.DictReader(handle) if r["student_id"] == "S2"]
        assert len(reasons) == 1 and said in reasons[0], reasons


def test_an_out_that_is_a_file_is_said_in_the_directors_words(tmp_path: Path) -> None:
    """Probe s31b: in English, ``--out students.csv`` answered in click's own words,
    "Directory 'x/students.csv' is a file.", unlike every other message about a path."""
    inst = tmp_path / "demo"
    shutil.copytree(DEMO, inst)
    target = inst / "students.csv"
    result = CliRunner().invoke(main, ["run", str(inst), "--out", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert f"'{target}' is a file: a folder is expected." in result.output
    assert "Directory" not in result.output
