"""Probe s17k: what-if after teams exist, at real size and in a season of changes.

Probed: hand-written cohorts of 40, 60 and 120 students (8, 10 and 12 teams; French `;`
headers, pins, `ensemble`/`séparer` pairs, employers of selected and reserve institutions,
own sizes, students without choices, `no_isolation = ["vae=oui"]`), each through a season
of chained what-ifs (two students leave; a commission withdraws and is replaced; three late
students arrive; a commission withdraws with `--no-replace`), in English and French, with 1
and 2 workers, against an independent CP-SAT model (fewest moves, then each priority with
the ones before it held at their optimum): moves, replaced, every objective, bounds,
changes.csv, the rules in teams.csv and explanations.csv all agreed.

Found:
- the warning naming the students who gave no choices ("placed wherever balance is best")
  was the original students.csv's in every what-if result (summary.json, the report, the
  workbook, the terminal), and so in `report`/`check`/`plan`/`explain` of a what-if result:
  it still named and counted the students who had withdrawn, and did not name those who
  arrived without choices in an earlier what-if of the chain. Now it is the cohort's
  (``no_choices_now``), in ``whatif`` and in ``cohort_of_result``.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main

FIXED = ("--quiet", "--workers", "1", "--seed", "0", "--time-limit", "10", "--no-explain")


def _cohort(folder: Path) -> Path:
    """Six students on three commissions; S5 and S6 gave no choices."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id;institution;sector;problem_type\n"
        "C1;CPAS de Namur;CPAS;évaluation\n"
        "C2;AMO Alpha;jeunesse;diagnostic\n"
        "C3;Maison Beta;handicap;évaluation\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        "matricule;formation;choix\n"
        'S1;AS;"C1;C2"\nS2;AS;"C2;C3"\nS3;GRH;"C3;C1"\nS4;GRH;"C1;C3"\nS5;AS;\nS6;GRH;\n',
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    return folder


def _invoke(*args: str) -> None:
    result = CliRunner().invoke(main, [*args, *FIXED])
    assert result.exit_code == 0, result.output


def _warnings(result: Path) -> list[str]:
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    return [w for w in summary["warnings"] if "gave no choices" in w]


def test_no_choices_warning_is_the_what_if_cohorts(tmp_path: Path) -> None:
    instance = _cohort(tmp_path / "cohort")
    _invoke("run", str(instance), "--out", str(tmp_path / "r0"), "--lang", "en")
    assert _warnings(tmp_path / "r0") == [
        "2 students gave no choices (the rules and the other priorities place them): S5, S6"
    ]
    # S5 leaves: the result places S6 alone without choices; S5 is in no team of it, so a
    # warning saying S5 was "placed wherever balance is best" is false.
    _invoke("whatif", str(instance), "--from", str(tmp_path / "r0"),
            "--out", str(tmp_path / "r1"), "--withdraw-student", "S5", "--lang", "en")
    assert _warnings(tmp_path / "r1") == [
        "1 student gave no choices (the rules and the other priorities place them): S6"
    ]
    # Next in the season, A1 arrives without choices: this what-if says so about the
    # arrivals file; the one after it (S6 leaves) describes its own cohort, where A1 is the
    # only student without choices (and S5, S6 are gone).
    arrivals = tmp_path / "late.csv"
    arrivals.write_text("id;background;choices\nA1;AS;\n", encoding="utf-8")
    _invoke("whatif", str(instance), "--from", str(tmp_path / "r1"),
            "--out", str(tmp_path / "r2"), "--add-students", str(arrivals), "--lang", "en")
    _invoke("whatif", str(instance), "--from", str(tmp_path / "r2"),
            "--out", str(tmp_path / "r3"), "--withdraw-student", "S6", "--lang", "en")
    assert _warnings(tmp_path / "r3") == [
        "1 student gave no choices (the rules and the other priorities place them): A1"
    ]


def test_report_of_a_what_if_result_names_its_cohort(tmp_path: Path) -> None:
    instance = _cohort(tmp_path / "cohort")
    _invoke("run", str(instance), "--out", str(tmp_path / "r0"), "--lang", "en")
    _invoke("whatif", str(instance), "--from", str(tmp_path / "r0"),
            "--out", str(tmp_path / "r1"), "--withdraw-student", "S5", "--lang", "en")
    # report re-renders the what-if result for its own cohort (S5 gone): the warning it
    # writes must be that cohort's, as the what-if's own summary.json says.
    result = CliRunner().invoke(main, ["report", str(instance), "--result", str(tmp_path / "r1"),
                                       "--out", str(tmp_path / "rr"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert _warnings(tmp_path / "rr") == [
        "1 student gave no choices (the rules and the other priorities place them): S6"
    ]
