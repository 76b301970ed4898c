"""Session 38's fixes, each with the probe that found it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_probe_s37 import _cohort_of

from matcher.cli import main
from matcher.labels import label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explain_help_names_the_verdicts_as_the_output_does(lang: str) -> None:
    """Probe s38e: the French help said « gratuit », « coûteux », « inconnu » where
    explanations.csv, the terminal and the workbook say « sans coût », « coûte »,
    « indéterminé »: filtering the workbook's column by the help's words found nothing."""
    ran = CliRunner().invoke(main, ["explain", "--help", "--lang", lang])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    for verdict in ("impossible", "free", "costs", "unknown"):
        word = label(f"explain_verdict_{verdict}", lang)
        assert f"{word} (" in said, (word, said)


def test_a_supervisor_named_like_a_total_is_kept_when_rows_are_numbers_too(
    tmp_path: Path,
) -> None:
    """Probe s38a: supervisors.csv with its name column first, numeric ids and « équipes
    max »: the last row « Somme,2,1 » was set aside as a total, and the plan then lacked a
    supervisor (exit 3, or a plan without her). Its rows above are numbers beside a word
    too, so nothing tells a total from a row: kept, and said."""
    supervisors = "nom,id,équipes max\nDupont,1,1\nSomme,2,1\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "supervisors.csv, row 3: 'Somme' reads like a total typed under the table" in said
    rows = list(csv.DictReader((out / "supervision.csv").open(encoding="utf-8-sig")))
    assert sorted(row["supervisor_id"] for row in rows) == ["1", "2"], rows
