"""Session 33: defects found by probes and by the list left open in session 32, each with
a test that fails on the code before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_probe_s19g import cohort  # noqa: F401  (a fixture)
from test_teams import cohort as team_cohort
from test_teams import student

from matcher.cli import main
from matcher.verify.teams import team_violations


def test_a_conflict_of_interest_names_a_nameless_student_once() -> None:
    # Session 32 left « S1 (S1) est dans C1 … »: the conflict sentence wrote « {id} ({name}) »
    # itself, where every other broken rule names a student without a name by the id alone.
    students = [
        student("S1", employer="Inst C1"),
        student("S2", name="Ana Lima", employer="Inst C2"),
    ]
    instance, ids = team_cohort(students, 2, min_size=1, max_size=1)
    said = [str(v) for v in team_violations(instance, ids, {"S1": "C1", "S2": "C2"})]
    assert said == [
        "S1 is in C1 whose institution is their employer (Inst C1)",
        "S2 (Ana Lima) is in C2 whose institution is their employer (Inst C2)",
    ]


@pytest.mark.parametrize(
    ("line", "lang", "said"),
    [
        ("[selection]\nrequired_slots = [01/10/2026]", "fr", "« 01/10/2026 »"),
        ("[selection]\nrequired_slots = [01/10/2026]", "fr", 'guillemets droits ("01/10/2026")'),
        ("[calendar]\ndates = { visit = 1-10-2026 }", "en", 'double quotes ("1-10-2026")'),
        ('[calendar]\ndates = { visit = "1/10/2026", oral = 15.04.2027 }', "en", "'15.04.2027'"),
    ],
)
def test_an_unquoted_date_in_settings_says_to_quote_it(
    cohort: Path,  # noqa: F811
    line: str,
    lang: str,
    said: str,
) -> None:
    # Session 32 left « une liste [ … ] n'est pas refermée » for a list of dates typed as
    # Belgium writes them: TOML reads only ISO dates unquoted, and the list was closed.
    (cohort / "settings.toml").write_text(f"{line}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    assert result.exit_code == 2
    assert said in result.stderr and "settings.toml" in result.stderr
    assert "ligne 2" in result.stderr or "line 2" in result.stderr
