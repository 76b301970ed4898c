"""Session 40's probe a (rows typed under a table: totals and notes), each a test that failed
before its fix.

- Probe s40a D1: a count line right under a table (« 7 accompagnateurs ») was set aside
  alone, but read as a row when a note followed after a blank line (a made-up supervisor,
  given a team; in teams.csv and supervision.csv, ``check`` exited 2).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO

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
