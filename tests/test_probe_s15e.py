"""Probe s15e: time pressure never produces a guess (contract §2 exit codes, §3 status, §9).

The commands were run with ``--time-limit`` 0.5 to 10 s (workers 1 and 2) on hand-written
cohorts (24, 40 and 60 students with pins, apart/together pairs, no_isolation, narrow
per-commission sizes, employers, French ``;`` files with ``choix N`` columns) and generated
ones (60, 120, 200 students), and compared with the same runs under a generous limit.

What the probe found:

1. ``run`` of a cohort with pinned students ended now and then with exit 3, "no team
   assignment satisfies the rules: E012 is pinned to P02, which is not a selected
   commission", while the same run with a smaller or larger limit solved it: the selection
   is first solved with the pinned proposals forced in, and when that solve ran out of
   time (no selection found yet: a loaded machine, the clock's safety net) the selection
   was made again without the pins, as if they could not all be selected. A time limit
   is not a proof: the pins are dropped only when the selection with them is proven
   impossible; otherwise the stage found nothing in time (exit 4, nothing written).
2. ``matcher explain --help`` said of ``--time-limit`` what every command's help says,
   "Seconds the solver may use in all", while explain gives each solve of each question
   the whole limit (README, "Explanations"): ``--time-limit 1`` on the 33 questions of 40
   students took 35 s, ``--time-limit 5`` 137 s. The help now says so.
3. An unproven team stage ended by the clock said ``"stopped_by": "work"`` in summary.json
   (README: "any machine gives the same result") whenever the clock stopped a CP-SAT
   call rather than a step of matcher's own: ``run --time-limit 10`` on 40 students said
   "work" with teams FEASIBLE on a loaded machine and was OPTIMAL on a quieter one. A
   stage whose deadline passed now says "wall".
4. (README only) A very short limit can stop the selection's last stage, the earliest
   among equally good selections, after every priority is proven: the status is still
   ``OPTIMAL`` but another equally good selection may be kept (200 students, 0.5 s, two
   workers), where the README promised the same selection whatever the workers.

What held, on about 250 commands: no ``free``, ``costs``, ``value_if`` or ``displaced``
given under a small limit (``run``, ``whatif``, ``explain --result``, one or two workers)
differed from the same wish's answer under a generous one; every ``OPTIMAL`` stage had
each value equal to its bound, every ``FEASIBLE`` one its bounds; the terminal, report.html
and result.xlsx said "not proven" for every unproven stage; every exit 4 wrote nothing;
the metrics recomputed from teams.csv (and the moves from changes.csv) matched
summary.json under every limit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cohortfiles import invoke, write_cohort

import models.selection
from matcher.results import Status
from models.solve import LexResult

# C1 has the higher staff priority, so a selection of one without the pin takes C1; S1 is
# pinned to C2, so only a selection with C2 lets the teams keep every rule.
PINNED = {
    "commissions.csv": "id,institution,sector,problem_type,priority\n"
    "C1,Alpha,CPAS,diagnostic,5\nC2,Beta,handicap,évaluation,0\n",
    "students.csv": "id,name,background,choices,pinned\n"
    "S1,Ana,AS,C1;C2,C2\nS2,Bob,AS,C1,\nS3,Cléo,GRH,C2,\n",
    "settings.toml": "[selection]\ncount = 1\n",
}


@pytest.mark.parametrize("command", ["run", "select"])
def test_a_selection_with_pins_out_of_time_is_not_a_selection_without_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # The first selection solve (the pinned proposals forced in) finds nothing within the
    # limit, as under a loaded machine; later solves are the real ones. Never exit 3 (a
    # claim that no solution satisfies the rules) nor a selection leaving the pinned C2
    # out. Since session 34 the selection is searched again within the command's limit
    # (``app.solve.late_selection``: a result late rather than nothing, probe s34c), and
    # holds C2; out of time again, exit 4 as before (the test below).
    real = models.selection.solve_lexicographic
    calls: list[int] = []

    def first_out_of_time(*args: Any, **kwargs: Any) -> LexResult:
        calls.append(1)
        if len(calls) == 1:
            return LexResult(status=Status.UNKNOWN, time_s=1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(models.selection, "solve_lexicographic", first_out_of_time)
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    out = tmp_path / "out"
    code, output = invoke([command, str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 0, output
    selection = (out / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(line.startswith("C2,") and ",yes,yes," in line for line in selection), selection


@pytest.mark.parametrize("command", ["run", "select"])
def test_a_selection_out_of_time_twice_is_exit_4(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # Every selection solve out of time, the late one too: exit 4 (§2: "no solution found
    # within the time limit"), nothing written.
    def out_of_time(*args: Any, **kwargs: Any) -> LexResult:
        return LexResult(status=Status.UNKNOWN, time_s=1.0)

    monkeypatch.setattr(models.selection, "solve_lexicographic", out_of_time)
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    out = tmp_path / "out"
    code, output = invoke([command, str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 4, output
    assert "did not end in that time" in output, output
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "per_solve", "in_all"),
    [
        ("en", "each solve of a question", "may use in all"),
        ("fr", "chaque résolution d'une question", "en tout"),
    ],
)
def test_explain_help_says_its_time_limit_is_per_solve(
    lang: str, per_solve: str, in_all: str
) -> None:
    # `explain` gives each solve of each question the whole --time-limit (README,
    # "Explanations": "with the full time limit per question"; measured: 33 questions of
    # 40 students, --time-limit 1, 35 s). Its --help said what the other commands' says,
    # "Seconds the solver may use in all": a director typing --time-limit 10 expected the
    # command to end within about 10 s.
    code, output = invoke(["explain", "--help", "--lang", lang])
    assert code == 0, output
    flat = " ".join(output.split())
    assert per_solve in flat, flat
    assert in_all not in flat.split("--time-limit")[1].split("--seed")[0], flat


def test_a_team_search_the_clock_ended_says_wall_not_work() -> None:
    # README, "Reproducibility": stopped_by "work" means the counted budget ended the
    # search ("any machine gives the same result"), "wall" the clock's safety net
    # ("another run may differ"). A CP-SAT call ended by its own time limit (the clock)
    # left the budget's reason unset, so the stage said "work": `run --time-limit 10` on 40
    # students gave "work" with teams FEASIBLE on a loaded machine and OPTIMAL on a quiet
    # one. Here the work budget (10,000 units) cannot run out in seconds: an unproven
    # stage can only have been ended by the clock.
    from test_teams_driver import medium_cohort

    from models.solve import SolveParams
    from models.teams import solve_teams

    params = SolveParams(time_limit=5.0, work_limit=10_000.0, seed=0, workers=1)
    solved = solve_teams(medium_cohort(0), params)
    assert solved.work < 10_000.0
    if solved.status != Status.OPTIMAL:
        assert solved.stopped_by == "wall", (solved.status, solved.work)
