"""Probe s15b: a director's year in French on one hand-written cohort, command after command.

A cohort of 60 students and 25 proposals typed as a secretariat would (Windows-1252, ``;``,
French headers, ``Choix 1`` … ``Choix 5``, ``Imposé``, employers, pairs, two pins,
``accompagnateurs.csv`` with ties and days off, every slot a date) lived through
``validate``, ``select``, a selection edited by hand (a reserve swapped in; then two
proposals of one institution: exit 3), ``assign --selection``, ``plan``, and a chain of
seven what-ifs each ``--from`` the one before (a commission withdrawn with and without
``--no-replace``, a student withdrawn, two arrivals, a move made in the ``Étudiants`` sheet
of result.xlsx, then ``report``, ``check``, ``explain --result`` on it, a supervisor
withdrawn, two more commissions withdrawn). At every step the moves, ``replaced``,
changes.csv against the two teams.csv, the withdrawn institutions and students, the pairs
and pins, the supervisors of unchanged teams and the metrics recomputed by hand agreed with
the contract, and every word was French.

What it found: running the same chain twice on the shared two-core machine (load 8-10)
gave different teams from the first command on (``assign``: sum of choice ranks 112 once,
272 the next time) while both ``summary.json`` said ``"stopped_by": "work"``, which the
README promises any machine reproduces. Each CP-SAT call is given the work left and, as a
safety net, the wall time left; on a loaded machine the last call of the team stage ended
on its wall-clock limit a moment before the budget's deadline (3.20 s of 3.22 s, 0.42 of
its 16 units of deterministic time spent), and since the deadline itself had not passed
when the stage ended, nothing marked the run as the clock's: it was labelled "work".

Then, a withdrawn student who came back (``--add-students`` with their row) lost their pair
of pairs.csv for good: the what-if of the return and every later step of the chain dropped
every pair of a student withdrawn at some point, so E012 came back away from E011 whom
pairs.csv keeps them with, and ``check`` said every rule held.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort
from csvrows import read_rows
from test_teams_driver import medium_cohort

from models.budget import Budget
from models.solve import SolveParams
from models.teams import solve_teams


def test_a_team_stage_cut_by_the_clock_before_its_deadline_says_wall(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loaded machine, simulated: every CP-SAT call of the team stage is given at most
    0.3 s of wall time (as when each is given the wall time left and ends a moment before
    the deadline), with a work budget it cannot spend in that time. The run ends unproven
    with nearly all its work left: the wall clock, not the work, ended it, so another run
    may give other teams, and ``stopped_by`` must say "wall" (README, Reproducibility:
    "wall" … "another run may differ"; "work" promises the same result on any machine).
    Before the fix it said "work"."""
    real = Budget.wall_left
    monkeypatch.setattr(Budget, "wall_left", lambda self: min(real(self), 0.3))
    work = 1_000_000.0
    solved = solve_teams(
        medium_cohort(0), SolveParams(time_limit=1_000, work_limit=work, seed=0, workers=1)
    )
    assert solved.team_of is not None
    assert solved.work < work / 1000  # the work budget was nowhere near spent
    assert solved.stopped_by == "wall"


def _cohort(folder: Path) -> Path:
    """Two commissions to select of three, nine students; E1 is pinned to C1 and kept
    together with E2 (pairs.csv), who would rather be in C2."""
    students = ["matricule;formation;choix;imposé"]
    students += ["E1;AS;C1;C1", "E2;AS;C2|C1;"]
    students += [f"E{i};AS;{'C1|C2' if i % 2 else 'C2|C1'};" for i in range(3, 10)]
    return write_cohort(
        folder,
        {
            "commissions.csv": "code;organisme;secteur;problématique\n"
            "C1;CPAS de Namur;CPAS;évaluation\nC2;AMO Le Cercle;jeunesse;diagnostic\n"
            "C3;Les Tournesols;handicap;diagnostic\n",
            "students.csv": "\n".join(students) + "\n",
            "pairs.csv": "étudiant a;étudiant b;relation\nE1;E2;ensemble\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )


def _teams(folder: Path) -> dict[str, str]:
    rows = read_rows(folder / "teams.csv")
    return {row["student_id"]: row["commission_id"] for row in rows}


def test_a_withdrawn_student_who_arrives_again_keeps_their_pair(tmp_path: Path) -> None:
    """E2 withdraws (their pair with E1 no longer applies), then comes back
    (``--add-students`` with their row): pairs.csv still says E1 and E2 together and both
    are in the cohort again, so the rule holds again (contract §1: pairs honoured; no rule
    dropped silently), at the what-if of the return and at every later step of the chain.
    Before the fix E2 went to C2, their first choice, and ``check`` found nothing wrong."""
    cohort = _cohort(tmp_path / "cohorte")
    back = tmp_path / "retour.csv"
    back.write_text("matricule;formation;choix\nE2;AS;C2|C1\n", encoding="utf-8")
    common = ["--time-limit", "10", "--no-explain", "--quiet"]
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "r"), *common])[0] == 0
    assert _teams(tmp_path / "r")["E2"] == _teams(tmp_path / "r")["E1"] == "C1"
    steps = [
        ("w1", "r", ["--withdraw-student", "E2"]),
        ("w2", "w1", ["--add-students", str(back)]),
        ("w3", "w2", ["--withdraw-student", "E9"]),
    ]
    for out, start, change in steps:
        args = ["whatif", str(cohort), "--from", str(tmp_path / start), "--out"]
        code, output = invoke([*args, str(tmp_path / out), *change, *common])
        assert code == 0, output
    for out in ("w2", "w3"):
        teams = _teams(tmp_path / out)
        assert teams["E2"] == teams["E1"] == "C1", out
        assert invoke(["check", str(cohort), "--result", str(tmp_path / out)])[0] == 0


def test_the_workbench_gives_a_returning_student_their_pair_back(tmp_path: Path) -> None:
    """The same return in the workbench (``app.whatif_board``, the page passing the opened
    cohort's pairs): E2 withdraws, then arrives again from a file; pairs.csv keeps E1 and
    E2 together, so E2 joins E1 in C1. Before, the board's cohort had lost the pair with
    E2 and placed them on C2, their first choice."""
    from matcher import app

    cohort = app.load(_cohort(tmp_path / "cohorte"))
    back = tmp_path / "retour.csv"
    back.write_text("matricule;formation;choix\nE2;AS;C2|C1\n", encoding="utf-8")
    outcome = app.run(cohort)
    assert outcome.teams is not None
    gone = app.whatif_board(outcome, outcome.teams.assignment, withdraw_students=["E2"])
    assert gone.teams is not None
    again = app.whatif_board(gone, gone.teams.assignment, add_students=back, pairs=cohort.pairs)
    assert again.teams is not None
    assert again.teams.assignment["E2"] == again.teams.assignment["E1"] == "C1"
