"""`matcher validate` and the shipped instances (demo, historical cohorts)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.eligibility import eligibility
from matcher.generate import ANY_SLOTS, REQUIRED_SLOTS, generate_cohort, write_shipped_instances
from matcher.loading import load_instance
from matcher.text import fold_name

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "instances" / "demo"
HISTORICAL = sorted((ROOT / "instances" / "historical").iterdir())


def test_validate_demo() -> None:
    result = CliRunner().invoke(main, ["validate", str(DEMO)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "proposals: 25; eligible:" in out
    assert "students: 60" in out and "assistant social" in out
    assert "VAE:" in out and "employed:" in out
    assert "pairs: 2 (1 apart, 1 together)" in out
    assert "not eligible:" in out
    assert "input is valid" in out


def test_validate_quiet_prints_nothing() -> None:
    result = CliRunner().invoke(main, ["validate", str(DEMO), "--quiet"])
    assert result.exit_code == 0 and result.output == ""


def test_validate_as_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "validate", str(DEMO), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_validate_answers_3_when_the_selection_cannot_succeed(tmp_path: Path) -> None:
    """No selection exists (`select` answers 3): since session 14 validate answers 3 too
    (it warned and said the input was valid)."""
    (tmp_path / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,a,s,p\nC3,B,s,p\n"
    )
    (tmp_path / "settings.toml").write_text("[selection]\ncount = 3\n")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 3
    assert "the selection cannot succeed" in result.output
    assert "eligible: 3 from 2 institutions" in result.output


def test_validate_answers_3_when_include_holds_more_than_count(tmp_path: Path) -> None:
    """count = 1 with include = C1 and C2: no selection exists at all, so `run` answers 3;
    validate said "les données sont valides" (exit 0). It now answers 3 with run's sentence,
    in the singular of French for 1."""
    (tmp_path / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\nC3,C,s3,p3\n"
    )
    (tmp_path / "settings.toml").write_text('[selection]\ncount = 1\ninclude = ["C1", "C2"]\n')
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "--lang", "fr"])
    assert result.exit_code == 3, result.output
    assert (
        "2 commandes sont dans include (C1 et C2) mais seulement 1 commande est à retenir"
        in result.stderr
    )
    assert "valides" not in result.output


def test_validate_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "commissions"
    sheet.append(["ID", "Institution", "Secteur", "Problématique"])
    sheet.append(["C1", "CPAS de Namur", "CPAS", "diagnostic"])
    students = book.create_sheet("Étudiants")
    students.append(["Matricule", "Formation", "VAE"])
    students.append([1001, "éducateur", True])
    book.save(tmp_path / "cohorte.xlsx")
    # One proposal: the count is written beside the workbook (the default 10 is refused).
    (tmp_path / "cohorte.settings.toml").write_text("[selection]\ncount = 1\n")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "cohorte.xlsx")])
    assert result.exit_code == 0, result.output
    assert "students: 1" in result.output and "VAE: 1 (100%)" in result.output


def test_settings_option(tmp_path: Path) -> None:
    # The demo's own settings with another count: a settings file without its [calendar]
    # leaves every proposal without an oral slot, which validate answers 3 to (as `run`).
    settings = tmp_path / "other.toml"
    demo = (DEMO / "settings.toml").read_text(encoding="utf-8")
    settings.write_text(demo.replace("count = 10", "count = 5"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(DEMO), "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    assert "to select: 5" in result.output


def test_demo_is_interesting() -> None:
    instance = load_instance(DEMO, require={"commissions", "students"})
    selection = instance.settings.selection
    assert selection.count == 10
    assert selection.required_slots == REQUIRED_SLOTS
    assert selection.any_slots == ANY_SLOTS
    assert all(slot.startswith(("presentation-", "visit-", "feedback-", "oral-"))
               for c in instance.commissions for slot in c.slots or ())  # fmt: skip
    assert 55 <= len(instance.students) <= 65 and 20 <= len(instance.commissions) <= 30
    ineligible = [c for c in instance.commissions if not eligibility(c, selection).eligible]
    assert ineligible
    assert max(Counter(fold_name(c.institution) for c in instance.commissions).values()) >= 2
    proposing = {fold_name(c.institution) for c in instance.commissions}
    assert any(s.employer and fold_name(s.employer) in proposing for s in instance.students)
    assert {p.relation for p in instance.pairs} == {"apart", "together"}
    # The files are exactly what the recorded seed produces.
    assert instance.students == generate_cohort(2026, 60, 25).students


@pytest.mark.parametrize("folder", HISTORICAL, ids=[f.name for f in HISTORICAL])
def test_historical_cohorts(folder: Path) -> None:
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme
    seed = int(readme.split("- seed: ")[1].split()[0])
    instance = load_instance(folder, require={"commissions", "students"})
    assert 55 <= len(instance.students) <= 65
    assert 20 <= len(instance.commissions) <= 40
    assert (
        instance.students
        == generate_cohort(seed, len(instance.students), len(instance.commissions)).students
    )
    settings = tomllib.loads((folder / "settings.toml").read_text(encoding="utf-8"))
    assert settings["selection"]["count"] == 10


def test_twelve_historical_cohorts() -> None:
    assert len(HISTORICAL) == 12


def test_shipped_instances_regenerate_byte_for_byte(tmp_path: Path) -> None:
    write_shipped_instances(tmp_path)
    for folder in [DEMO, *HISTORICAL]:
        regenerated = tmp_path / folder.relative_to(ROOT / "instances")
        for file in sorted(folder.iterdir()):
            assert (regenerated / file.name).read_bytes() == file.read_bytes(), file


def test_validate_answers_3_when_teams_cannot_hold_the_cohort(tmp_path: Path) -> None:
    """10 teams of at least 7 for 60 students: `run` answers 3, and since session 14
    validate too (it warned and said the input was valid); a min_size alone above the fair
    share is said "teams of at least 7", not "teams of 7 to 6"."""
    settings = tmp_path / "sizes.toml"
    demo = (DEMO / "settings.toml").read_text(encoding="utf-8")
    settings.write_text(demo + "\n[teams]\nmin_size = 7\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(DEMO), "--settings", str(settings)])
    assert result.exit_code == 3
    # Said as too few students since probe s19b ("cannot hold" read as too little room).
    assert "60 students cannot fill 10 teams of at least 7" in result.output
    assert "7 to 6" not in result.output


def test_validate_a_folder_without_tables(tmp_path: Path) -> None:
    (tmp_path / "cohort.xlsx").write_bytes(
        (ROOT / "instances/tiny/loading-workbook.xlsx").read_bytes()
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "give the workbook itself" in result.output


def test_a_pair_listed_both_ways_counts_once(tmp_path: Path) -> None:
    """pairs.csv lists S1/S2 apart twice (once as S2, S1, as a director pasting both
    students' rows writes it) and S3/S4 together: two pairs, one apart and one together. The
    warning already says the second row repeats the first; the count said 3 (2 apart)."""
    shutil.copytree(DEMO, tmp_path / "c")
    ids = [
        line.split(",")[0] for line in (tmp_path / "c" / "students.csv").read_text().splitlines()
    ]
    s1, s2, s3, s4 = ids[1:5]
    (tmp_path / "c" / "pairs.csv").write_text(
        f"student_a,student_b,relation\n{s1},{s2},apart\n{s2},{s1},apart\n{s3},{s4},together\n"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "c"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "pairs: 2 (1 apart, 1 together)" in result.output
