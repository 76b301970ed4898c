"""Session 38's fixes, each with the probe that found it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

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
