"""A value of thousands of characters quoted in a message (a cell pasted by mistake, an id
of 5,000 digits) is shown by its start and its length, so that the message stays readable
on a terminal; before, the whole cell was printed (found by the s8 edited-results probe)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.labels import text

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "(5001 characters in all)"), ("fr", "(5001 caractères en tout)")]
)
def test_a_huge_unknown_choice_is_quoted_by_its_start(tmp_path: Path, lang: str, said: str) -> None:
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    students = cohort / "students.csv"
    lines = students.read_text(encoding="utf-8").splitlines()
    # Row 4 of the spreadsheet: its choices cell becomes one id of 5,001 characters.
    head, _ = lines[3].rsplit(",", 1)
    lines[3] = f"{head},C{'9' * 5000}"
    students.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    assert result.exit_code == 2
    assert said in result.output
    assert "9" * 200 not in result.output
    assert len(result.output) < 1000


def test_values_up_to_the_limit_are_kept_whole() -> None:
    """A list of 30 slots (about 330 characters) is still said in full."""
    slots = ", ".join(f"slot-{i:04d}" for i in range(30))
    assert len(slots) < 400
    worded = text("sup_date_unmatched", slot="x", date="2026-10-01", slots=slots).words("en")
    assert slots in worded
