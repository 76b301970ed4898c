"""Session 40's probe a (rows typed under a table: totals and notes), each a test that failed
before its fix.

- Probe s40a D1: a count line right under a table (« 7 accompagnateurs ») was set aside
  alone, but read as a row when a note followed after a blank line (a made-up supervisor,
  given a team; in teams.csv and supervision.csv, ``check`` exited 2).
- Probe s40a D2: « Total 7 accompagnateurs » (no colon) under the supervisors became one,
  silently, and was given a team; so did « Soit 7 accompagnateurs », « (7 accompagnateurs) »
  and « Nombre d'accompagnateurs : 7 », one-cell lines counting the rows above.
- Probe s40a D6: a note after a blank line under pairs.csv's header alone (« Aucune paire
  cette année ») was read as a pair, and the cohort refused for its empty cells (exit 2).
- Probe s40a D7: « Sous-total AS » (no colon) between groups of students was read as a
  student, and the right « Total » below said not to add up (exit 2).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO
from test_probe_s37 import _cohort_of

from matcher.cli import main


def _demo_with(tmp_path: Path, name: str, tail: str) -> Path:
    """The demo cohort with ``tail`` typed under its file ``name``."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    with (cohort / name).open("a", encoding="utf-8") as out:
        out.write(tail)
    return cohort


def _said(args: list[str]) -> tuple[int, str]:
    ran = CliRunner().invoke(main, args)
    return ran.exit_code, " ".join(ran.output.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_count_line_above_a_note_is_a_total_set_aside(tmp_path: Path, lang: str) -> None:
    """Probe s40a D1: « 7 accompagnateurs » under the seven supervisors, then a blank line and
    a note: the count is set aside as it is alone (it was an eighth supervisor)."""
    tail = "7 accompagnateurs,,,,,\n,,,,,\nListe arrêtée au 15/09,,,,,\n"
    cohort = _demo_with(tmp_path, "supervisors.csv", tail)
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    if lang == "en":
        assert "supervisors: 7" in said, said
        assert (
            "supervisors.csv, row 9: '7 accompagnateurs' reads as a total typed under the "
            "table, not one of its rows: set aside" in said
        ), said
        assert "row 11: 'Liste arrêtée au 15/09' reads as a note" in said, said
    else:
        assert "accompagnateur·rice·s : 7" in said, said
        assert (
            "« 7 accompagnateurs » se lit comme un total tapé sous le tableau, pas comme une "
            "de ses lignes : mis de côté" in said
        ), said
        assert "« Liste arrêtée au 15/09 » se lit comme une note tapée sous le tableau" in said


@pytest.mark.parametrize(
    ("name", "tail"),
    [
        ("teams.csv", "60 étudiants\n\nListe arrêtée au 15/09\n"),
        ("supervision.csv", "10 équipes,,\n,,\nVu par la direction le 15/09,,\n"),
    ],
)
def test_a_count_line_above_a_note_in_a_result_file(
    demo_result: Path, tmp_path: Path, name: str, tail: str
) -> None:
    """Probe s40a D1: the same in the result's files, read by ``check`` (it exited 2: « 60
    étudiants » is no student id)."""
    result = tmp_path / "res"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()  # the CSV files are read
    with (result / name).open("a", encoding="utf-8") as out:
        out.write(tail)
    code, said = _said(["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert code == 0, said
    count = tail.split("\n")[0].rstrip(",")
    assert (
        f"'{count}' reads as a total typed under the table, not one of its rows: set aside" in said
    )
    assert "check that none is missing" not in said, said


@pytest.mark.parametrize(
    "line",
    [
        "Total 7 accompagnateurs",
        "TOTAL 7",
        "Soit 7 accompagnateurs",
        "(7 accompagnateurs)",
        "Nombre d'accompagnateurs : 7",
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_total_or_count_without_a_colon_under_the_supervisors_is_set_aside(
    tmp_path: Path, line: str, lang: str
) -> None:
    """Probe s40a D2: a total's word and a number (no colon), or a one-cell line of words
    holding the rows' count, right under the seven supervisors: set aside, said (it was an
    eighth supervisor, given a team)."""
    cohort = _demo_with(tmp_path, "supervisors.csv", f'"{line}",,,,,\n')
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    if lang == "en":
        assert "supervisors: 7" in said, said
        assert (
            f"supervisors.csv, row 9: '{line}' reads as a total typed under the table, not one "
            "of its rows: set aside" in said
        ), said
    else:
        assert "accompagnateur·rice·s : 7" in said, said
        assert (
            f"ligne 9 : « {line} » se lit comme un total tapé sous le tableau, pas comme une de "
            "ses lignes : mis de côté" in said
        ), said


@pytest.mark.parametrize(
    ("line", "said"),
    [
        # Another count than the rows' among words: a row as before (not a total's word).
        ("Soit 8 accompagnateurs", "supervisors: 8"),
        # Several numbers: a row as before.
        ("Liste arrêtée au 15/09", "supervisors: 8"),
        # A total's word and a count that is not the rows': set aside, the count said off.
        (
            "Total 8 accompagnateurs",
            "the table above has 7 rows: if it counts the rows, check that none is missing",
        ),
    ],
)
def test_a_one_cell_line_not_counting_the_supervisors(tmp_path: Path, line: str, said: str) -> None:
    """Probe s40a D2's other side: a line that does not count the rows is read as today."""
    cohort = _demo_with(tmp_path, "supervisors.csv", f'"{line}",,,,,\n')
    code, output = _said(["validate", str(cohort), "--lang", "en"])
    assert code == 0, output
    assert said in output, output


@pytest.mark.parametrize("subtotal", ["Sous-total AS", "Sous-total (AS)", "Sous-total : AS"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_subtotal_without_a_colon_between_the_students(
    tmp_path: Path, subtotal: str, lang: str
) -> None:
    """Probe s40a D7: « Sous-total AS » after the first group of students is a subtotal, set
    aside, and the « Total » under the table adds up (two « oui », ten years)."""
    students = (
        "id,background,vae,experience_years\n"
        "S1,AS,oui,2\nS2,AS,non,3\n"
        f"{subtotal},,1,5\n"
        "S3,GRH,non,4\nS4,GRH,oui,1\n"
        "Total,,2,10\n"
    )
    code, said = _said(["validate", str(_cohort_of(tmp_path, students)), "--lang", lang])
    assert code == 0, said
    if lang == "en":
        assert "students: 4" in said, said
        assert (
            f"students.csv, row 4: '{subtotal}' reads as a subtotal between the rows of the "
            "table, not one of its rows: set aside" in said
        ), said
        assert "row 7: 'Total' reads as a total typed under the table" in said, said
    else:
        assert "étudiants : 4" in said, said
        assert (
            f"ligne 4 : « {subtotal} » se lit comme un sous-total entre les lignes du tableau, "
            "pas comme une de ses lignes : mis de côté" in said
        ), said


@pytest.mark.parametrize("blank", [",,\n", "\n"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_under_a_table_with_no_rows_is_a_note(tmp_path: Path, blank: str, lang: str) -> None:
    """Probe s40a D6: a note under pairs.csv's header alone, after a blank line, is set aside
    and said; the cohort, without pairs, is valid."""
    cohort = _demo_with(tmp_path, "pairs.csv", "")
    text = f"student_a,student_b,relation\n{blank}Aucune paire cette année\n"
    (cohort / "pairs.csv").write_text(text, encoding="utf-8")
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    if lang == "en":
        assert "pairs: 0" in said, said
        assert (
            "pairs.csv, row 3: 'Aucune paire cette année' reads as a note typed under the "
            "table, after a blank line: set aside" in said
        ), said
    else:
        assert "paires : 0" in said, said
        assert (
            "pairs.csv, ligne 3 : « Aucune paire cette année » se lit comme une note tapée sous "
            "le tableau, après une ligne vide : mise de côté" in said
        ), said


def test_a_line_right_under_a_header_alone_is_read_as_before(tmp_path: Path) -> None:
    """Probe s40a D6's other side: with no blank line above it, a line that is no sentence
    (a name, no word in lower case) is a pair still, refused for its empty cells. (Since probe
    s40h, « Aucune paire cette année » there is a note: tests/test_probe_s40_t.py.)"""
    cohort = _demo_with(tmp_path, "pairs.csv", "")
    text = "student_a,student_b,relation\nAnne Dupont\n"
    (cohort / "pairs.csv").write_text(text, encoding="utf-8")
    code, said = _said(["validate", str(cohort), "--lang", "en"])
    assert code == 2, said
    assert "pairs.csv, row 2, column 'relation': empty cell" in said, said
