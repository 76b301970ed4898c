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
"""

from __future__ import annotations

import pytest
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
