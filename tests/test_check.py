"""`matcher check`: a result edited by hand is judged against every rule; nothing is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_writers_sample import sample_outcome, write_instance

from matcher.cli import main
from matcher.outputs.writers import write_outputs


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, Path]:
    """The sample instance folder and a result folder holding its (valid) outputs."""
    instance = write_instance(tmp_path / "instance")
    result = tmp_path / "result"
    write_outputs(result, sample_outcome(), instance_dir=instance)
    return instance, result


def _edit_teams(result: Path, moves: dict[str, str]) -> None:
    """Move students as a director would in a spreadsheet: change commission_id cells."""
    path = result / "teams.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if row[0] in moves:
            row[2] = moves[row[0]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def _check(instance: Path, result: Path, *extra: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, ["check", str(instance), "--result", str(result), *extra])
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_a_valid_result_passes_and_prints_metrics(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    before = _snapshot(instance, result)
    code, out, err = _check(instance, result)
    assert code == 0, err
    assert "holds every rule" in out
    # 5 of the 8 students with choices are on their first written choice (test_writers):
    # 62.5 %, half up since session 29.
    assert "placed on their first written choice" in out and "63%" in out
    assert "commissions selected" in out
    assert _snapshot(instance, result) == before


def test_a_broken_result_exits_3_naming_students_and_commissions(
    cohort: tuple[Path, Path],
) -> None:
    instance, result = cohort
    # S1 leaves C1 for C2: C1 has 2 students, C2 has 4, the bounds are 3 to 3.
    _edit_teams(result, {"S1": "C2"})
    before = _snapshot(instance, result)
    code, out, err = _check(instance, result)
    assert code == 3
    assert "breaks 2 rules:" in err
    assert "C1" in err and "C2" in err
    assert "smallest team" in out  # metrics printed either way
    assert "Traceback" not in err + out
    assert _snapshot(instance, result) == before


def test_a_student_without_team_is_reported(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    _edit_teams(result, {"S9": ""})
    code, _, err = _check(instance, result)
    assert code == 3
    assert "S9" in err


def test_a_commission_not_selected_is_reported(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    _edit_teams(result, {"S9": "C4"})  # C4 exists but is in reserve
    code, _, err = _check(instance, result)
    assert code == 3
    assert "S9" in err and "C4" in err


def test_an_unknown_commission_is_invalid_input(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    _edit_teams(result, {"S2": "C99"})
    code, _, err = _check(instance, result)
    assert code == 2
    assert "teams.csv" in err and "C99" in err


def test_a_folder_without_result_is_a_usage_error(tmp_path: Path) -> None:
    instance = write_instance(tmp_path / "instance")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _check(instance, empty)
    assert code == 2
    assert "neither selection.csv, teams.csv nor result.xlsx" in err


def test_quiet_prints_only_the_broken_rules(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    code, out, _ = _check(instance, result, "--quiet")
    assert (code, out) == (0, "")
    _edit_teams(result, {"S1": "C2"})
    code, out, err = _check(instance, result, "--quiet", "--lang", "fr")
    assert code == 3 and out == ""
    assert "enfreint" in err


def test_teams_only_result_is_checked(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    (result / "selection.csv").unlink()
    code, out, err = _check(instance, result)
    assert code == 0, err
    assert "smallest team" in out


def test_priorities_are_shown_beside_the_solvers_values(cohort: tuple[Path, Path]) -> None:
    instance, result = cohort
    code, out, _ = _check(instance, result)
    assert code == 0
    assert "Solver's result" in out
    # The sample's summary.json records worst_choice 3; the validator finds 3 too.
    line = next(x for x in out.splitlines() if "worst rank among selected choices (min)" in x)
    assert line.split()[-2:] == ["3", "3"]
    (result / "summary.json").unlink()
    code, out, _ = _check(instance, result)
    assert code == 0 and "Solver's result" not in out
    assert "worst rank among selected choices (min)" in out
