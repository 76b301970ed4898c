"""The solving commands list the cohort's warnings after their summary, as ``validate``
does (probes s14c and s14l: an employer taken for an institution or a calendar date on a
weekend was said only in the report and summary.json, never where the director looks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

# S4 gave no choices: a warning of validate ("1 student gave no choices …").
COHORT = {
    "commissions.csv": "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\n",
    "students.csv": ("id,background,choices\nS1,AS,C1;C2\nS2,AS,C2;C1\nS3,ED,C1;C2\nS4,ED,\n"),
    "settings.toml": "[selection]\ncount = 2\n",
}


@pytest.mark.parametrize(
    ("lang", "head", "said"),
    [
        ("en", "warnings (1):", "gave no choices"),
        ("fr", "avertissements (1) :", "sans aucun choix"),
    ],
)
def test_run_lists_the_warnings_after_its_summary(
    tmp_path: Path, lang: str, head: str, said: str
) -> None:
    cohort = write_cohort(tmp_path / "cohort", COHORT)
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "out"), "--lang", lang])
    assert code == 0, output
    lines = output.splitlines()
    assert head in lines, output
    warning = lines[lines.index(head) + 1]
    assert warning.startswith("  - ") and said in warning and "S4" in warning
    # Once, and nothing with --quiet.
    assert output.count(said) == 1
    code, output = invoke(
        ["run", str(cohort), "--out", str(tmp_path / "quiet"), "--lang", lang, "--quiet"]
    )
    assert code == 0 and output == ""
