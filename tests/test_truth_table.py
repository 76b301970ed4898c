"""One truth table for yes/no, one reading of conditions, one way of counting choices once.

Settings validation, the team stage and the independent checker all read
``no_isolation = ["vae=o"]`` the same way: every spelling of "yes" that validates behaves
exactly like ``vae=yes`` from ``validate`` through ``run`` to ``check``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from csvrows import team_of

from matcher.cli import main
from matcher.loading import distinct_choices, load_instance, parse_bool
from matcher.loading.cells import FALSE_SPELLINGS, TRUE_SPELLINGS
from matcher.schemas import Student
from matcher.verify.teams import choice_rank, matches_condition

# Two commissions, four students. Without no_isolation everyone gets their first choice
# (C1 = {S1, S3}, C2 = {S2, S4}, worst_choice 1), which leaves each VAE student alone in
# their team. With vae=yes not isolated, S1 and S2 (the two VAE students) must share a
# team, so one of them gets their second choice: worst_choice = 2.
_COMMISSIONS = """id,institution,sector,problem_type
C1,CPAS de Namur,CPAS,évaluation
C2,AMO Le Cercle,aide à la jeunesse,diagnostic
"""
_STUDENTS = """id,background,vae,choices
S1,assistant social,yes,C1;C2
S2,assistant social,oui,C2;C1
S3,éducateur,no,C1;C2
S4,éducateur,non,C2;C1
"""


def _instance(folder: Path, condition: str | None) -> Path:
    """The four-student instance, with ``no_isolation = [condition]`` when given."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(_COMMISSIONS, encoding="utf-8")
    (folder / "students.csv").write_text(_STUDENTS, encoding="utf-8")
    rule = f'no_isolation = ["{condition}"]\n' if condition is not None else ""
    (folder / "settings.toml").write_text(
        f'[selection]\ncount = 2\n\n[teams]\nbalance = ["background"]\n{rule}',
        encoding="utf-8",
    )
    return folder


def _invoke(*args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.output


def _run(tmp_path: Path, name: str, condition: str | None) -> tuple[dict[str, str], dict[str, Any]]:
    """validate, run and check one variant: (student → team, teams block of summary.json)."""
    instance = _instance(tmp_path / f"{name}-instance", condition)
    out = tmp_path / f"{name}-out"
    code, output = _invoke("validate", str(instance))
    assert code == 0, output
    code, output = _invoke("run", str(instance), "--out", str(out), "--quiet")
    assert code == 0, output
    code, output = _invoke("check", str(instance), "--result", str(out))
    assert code == 0, output
    teams = team_of(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return teams, {"objectives": summary["teams"]["objectives"], **summary["metrics"]}


def test_without_the_rule_each_vae_student_is_alone(tmp_path: Path) -> None:
    """The twin below can fail: without no_isolation the two VAE students are apart."""
    teams, _ = _run(tmp_path, "none", None)
    assert teams["S1"] != teams["S2"]


@pytest.mark.parametrize("spelling", ["o", "oui", "vrai", "x", "t", "O", " Oui "])
def test_every_yes_spelling_behaves_like_yes_end_to_end(tmp_path: Path, spelling: str) -> None:
    """vae=o (oui, vrai, x, t) validates, runs and checks exactly like vae=yes."""
    expected_teams, expected = _run(tmp_path, "yes", "vae=yes")
    assert expected_teams["S1"] == expected_teams["S2"]  # the rule holds them together
    teams, block = _run(tmp_path, "variant", f"vae={spelling}")
    assert teams == expected_teams
    assert block == expected


@pytest.mark.parametrize("text", sorted(TRUE_SPELLINGS | FALSE_SPELLINGS))
def test_conditions_and_cells_read_flags_through_one_table(text: str) -> None:
    """A flag condition matches exactly the students whose cell reads the same way."""
    wanted = parse_bool(text)
    assert wanted is not None
    for vae in (True, False):
        student = Student(id="S1", background="AS", vae=vae)
        assert matches_condition(student, f"vae={text}") is (vae == wanted)


def test_a_condition_the_settings_refuse_matches_nobody(tmp_path: Path) -> None:
    """vae=maybe is refused by validation and, built by hand, matches no student."""
    instance = _instance(tmp_path / "maybe", "vae=maybe")
    code, output = _invoke("validate", str(instance))
    assert code == 2
    # What is accepted too, as a students.csv cell says it (probe s38c: the value alone).
    assert "'maybe' is not a yes/no value: expected yes/no (also oui/non" in output
    for vae in (True, False):
        assert not matches_condition(Student(id="S1", background="AS", vae=vae), "vae=maybe")


def test_choices_are_counted_once_in_loading_ranks_and_checks(tmp_path: Path) -> None:
    """A repeated choice counts where first listed, in loading and in the choice rank."""
    assert distinct_choices(["C2", "C1", "C2", "C3"]) == ["C2", "C1", "C3"]
    repeats: list[str] = []
    assert distinct_choices(["C2", "C1", "C2", "C1"], {"C1"}, repeats=repeats) == ["C1"]
    assert repeats == ["C1"]
    folder = _instance(tmp_path / "repeat", None)
    (folder / "students.csv").write_text(
        _STUDENTS.replace("S1,assistant social,yes,C1;C2", "S1,assistant social,yes,C2;C2;C1"),
        encoding="utf-8",
    )
    instance = load_instance(folder)
    s1 = next(s for s in instance.students if s.id == "S1")
    assert s1.choices == ("C2", "C1")
    assert any("listed twice" in str(w) and "S1 (C2)" in str(w) for w in instance.warnings)
    hand_made = Student(id="S9", background="AS", choices=("C2", "C2", "C1"))
    assert choice_rank(hand_made, "C1", {"C1", "C2"}) == 2


def test_check_refuses_a_summary_json_that_is_not_an_object(tmp_path: Path) -> None:
    """A damaged summary.json (a JSON list) may have recorded what-if changes: invalid input
    naming it (contract §2, never taken as absent; session 28), not the result judged
    against the wrong cohort. Removed, check judges the teams against the cohort."""
    instance = _instance(tmp_path / "instance", "vae=yes")
    out = tmp_path / "out"
    code, output = _invoke("run", str(instance), "--out", str(out), "--quiet")
    assert code == 0, output
    (out / "summary.json").write_text("[]", encoding="utf-8")
    code, output = _invoke("check", str(instance), "--result", str(out))
    assert code == 2, output
    assert "summary.json: not the JSON matcher writes" in output
    (out / "summary.json").unlink()
    code, output = _invoke("check", str(instance), "--result", str(out))
    assert code == 0, output
    assert "holds every rule" in output
