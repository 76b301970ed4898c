"""Session 39's last fixes, found by probe s39i."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO
from test_probe_s37 import _cohort_of
from test_probe_s39 import year_slip_cohort

from matcher.cli import main


def test_a_saved_result_naming_students_surname_comma_first_name_is_offered(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39i: « DUPONT, Marie » as a registrar exports names: the comma kept « dupont, »
    apart from « dupont », so the cohort's own result was said to be another cohort's."""
    from matcher.web import create_app

    out = Path(shutil.copytree(demo_result, tmp_path / "out"))
    teams = out / "teams.csv"
    rows = list(csv.DictReader(teams.open(encoding="utf-8-sig")))
    for row in rows:
        first, *rest = row["name"].split()
        row["name"] = f"{' '.join(rest).upper()}, {first}"
    with teams.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    page = create_app(DEMO, out, "en", explain=False).test_client().get("/")  # type: ignore[arg-type]
    said = page.get_data(as_text=True)
    assert "holds a result of another cohort" not in said
    assert 'data-action="open-result"' in said


def test_whatif_from_a_folder_of_other_workbooks_names_them(tmp_path: Path) -> None:
    """Probe s39i: `whatif --from` a folder holding « résultat modifié.xlsx » alone said
    « holds no selection.csv », where check, report, explain and plan name the workbook."""
    folder = tmp_path / "res"
    folder.mkdir()
    (folder / "résultat modifié.xlsx").write_bytes(b"x")
    args = ["whatif", str(DEMO), "--from", str(folder), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-student", "S001", "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 2, said
    assert "résultat modifié.xlsx n'est pas lu ; s'il contient le résultat" in said, said


@pytest.mark.parametrize(
    ("students", "supervisors", "said"),
    [
        # « 4 accompagnateurs » under three: a total miscounted, not a fourth supervisor.
        (
            "id,background\nS1,AS\nS2,AS\n",
            "id,name\nA1,Anne\nA2,Bruno\nA3,Chloé\n4 accompagnateurs\n",
            "« 4 accompagnateurs » se lit comme un total tapé sous le tableau, pas comme une de "
            "ses lignes : mis de côté ; le tableau au-dessus compte 3 lignes : s'il compte les "
            "lignes, vérifiez qu'aucune ne manque",
        ),
        # « Total : 3 étudiants » under two: set aside, the count said off.
        (
            "id,background\nS1,AS\nS2,AS\nTotal : 3 étudiants\n",
            "id,name\nA1,Anne\n",
            "« Total : 3 étudiants » se lit comme un total tapé sous le tableau, pas comme une de "
            "ses lignes : mis de côté ; le tableau au-dessus compte 2 lignes",
        ),
    ],
)
def test_a_total_counting_other_rows_than_the_tables_is_said(
    tmp_path: Path, students: str, supervisors: str, said: str
) -> None:
    """Probe s39i: « 4 accompagnateurs » right under three supervisors was read as a fourth
    one, without a word, and given a team; « Total : 9 étudiants » under eight was set aside
    without saying 9 is not 8, the hint that a row was lost."""
    cohort = _cohort_of(tmp_path, students, supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 0, out
    assert said in out, out


def test_a_kept_somme_row_says_its_numbers_do_not_all_add_up(tmp_path: Path) -> None:
    """Probe s39i: « Somme,,2,9 » (2 the right count of « oui », 9 no sum) was said « its
    numbers are no count, sum or mean » though most were."""
    students = "id,background,vae,experience_years\nS1,AS,oui,2\nS2,AS,non,3\nS3,AS,oui,1\n"
    cohort = _cohort_of(tmp_path, students + "Somme,,2,9\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert "but its numbers are not all the count, sum or mean of the rows above" in out, out


def test_validate_does_not_send_a_slip_of_the_year_to_the_cell(tmp_path: Path) -> None:
    """Probe s39i: validate's warning on a proposal whose only oral date is an oral slot's
    day in another year ended « add one of them to its cell to keep it selectable »."""
    cohort = year_slip_cohort(tmp_path, "id,background\nS1,AS\nS2,AS\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 0, out
    assert "is the year right? Its team could defend on no oral slot" in out, out
    assert "add one of them to its cell" not in out, out


def test_students_kept_apart_are_said_gender_neutrally(tmp_path: Path) -> None:
    """Probe s39i: « S1 et S2 doivent être à la fois ensemble et séparés » for two women,
    where the pinned wording was neutral already."""
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\nS3,AS\n")
    pairs = "student_a,student_b,relation\nS1,S2,apart\nS2,S1,together\n"
    (cohort / "pairs.csv").write_text(pairs, "utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 3, out
    said = "S1 et S2 doivent être à la fois ensemble et séparé·e·s (pairs.csv : gardez une des"
    assert said in out, out


def test_one_and_true_in_a_list_are_each_said(tmp_path: Path) -> None:
    """Probe s39i: `oral_slots = [1, true]` said only one of them: 1 and true compare equal
    in Python, so the second message was taken for the first."""
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n")
    settings = "[selection]\ncount = 2\n[calendar]\noral_slots = [1, true]\n"
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 2, out
    assert "1 is not accepted" in out and "true is not accepted" in out, out


@pytest.mark.parametrize(
    ("file", "tail", "read"),
    [
        ("supervisors", "\nMise à jour le 3 septembre\nTotal : 3 accompagnateurs\n", 3),
        ("students", "\nTotal : 2 étudiants\nListe arrêtée au 15/09\n", 2),
    ],
)
def test_a_note_and_a_total_after_a_blank_line_are_both_set_aside(
    tmp_path: Path, file: str, tail: str, read: int
) -> None:
    """Probe s39j: a note above « Total : 7 accompagnateurs » after a blank line was read as
    a supervisor (given teams): once « Total : … » was a total, not a note, the note above it
    no longer ended the table. Under students.csv the pair refused the cohort."""
    supervisors = "id,name\nA1,Anne\nA2,Bruno\nA3,Chloé\n"
    students = "id,background\nS1,AS\nS2,AS\n"
    if file == "supervisors":
        supervisors += tail
    else:
        students += tail
    cohort = _cohort_of(tmp_path, students, supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 0, out
    assert f"{'supervisors' if file == 'supervisors' else 'students'}: {read}" in out, out
    assert "reads as a note typed under the table" in out, out
    assert "reads as a total typed under the table" in out, out
