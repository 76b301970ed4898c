"""The time limit of ``matcher run`` counts from the command's start (issue 17).

Start-up, loading and writing are outside the stages' own clocks; the command's clock
(``matcher.cli.started``) and ``app.run(started=...)`` bring them under the limit, while
the work budgets, which decide what the engines do, stay the limit's on every machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from matcher import app
from matcher.cli import started as clock

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "instances" / "demo"


def test_process_started_is_before_the_cli_was_imported() -> None:
    """The process began before ``matcher.cli`` was imported (its fallback) and before
    now: a start read from /proc after either would be a wrong clock."""
    began = clock.process_started()
    assert began <= clock._IMPORTED <= time.perf_counter()


def test_a_process_that_began_long_before_the_import_counts_from_the_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process that did other work before importing matcher (a shell script that
    ``exec``-s it after a while) would lose that time from the limit: with no gap
    allowed between the process's start and the import, the import is the start."""
    monkeypatch.setattr(clock, "_MAX_START_TO_IMPORT", 0.0)
    assert clock.process_started() == clock._IMPORTED


def test_command_started_in_process_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Invoked within another programme (here pytest: a ``CliRunner`` test), the command
    begins when it is invoked, not when that programme did, which could be minutes ago."""
    monkeypatch.setattr(sys, "argv", ["/usr/bin/pytest", "-q"])
    before = time.perf_counter()
    assert before <= clock.command_started() <= time.perf_counter()


@pytest.mark.parametrize("program", ["/venv/bin/matcher", "/src/matcher/__main__.py"])
def test_command_started_as_the_matcher_command(
    monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    """As the ``matcher`` script or ``python -m matcher``, the command began with its
    process: the same moment ``process_started`` gives (up to the clock's 10 ms tick and
    a pause of this loaded machine between reading the two clocks)."""
    monkeypatch.setattr(sys, "argv", [program, "run"])
    assert clock.command_started() == pytest.approx(clock.process_started(), abs=0.25)
    assert clock.command_started() <= clock._IMPORTED


def test_run_counts_the_limit_from_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the command begun 20 s before ``app.run`` and a 60 s limit, the selection's
    clock gets at most the 40 s left less what must follow it (the teams' start, 0.3 ms
    per student, writing 0.2 s and planning 0.1 s per student: 18.02 s for 60 students,
    at least as slow as the reference machine; the costs measured in session 8, which
    decide where that is more than half of the 40 s, set to the same): 22 s; the
    teams at most 40 s less the 18 s kept back, stage 3 at most 40 - 12;
    the work budgets are those of a run begun now (the same on every machine): the
    selection the limit's 60 x ``WORK_PER_SECOND``, the teams that less the selection's
    work and the 18 s kept back."""
    import matcher.app.solve as solve
    import matcher.selection
    import matcher.teams
    from models.outcome import WORK_PER_SECOND

    monkeypatch.setattr(solve, "_WRITE_SECONDS_PER_STUDENT", 0.2)
    monkeypatch.setattr(solve, "_PLAN_SECONDS_PER_STUDENT", 0.1)
    monkeypatch.setattr(solve, "_MEASURED_START_PER_STUDENT", 0.0003)
    monkeypatch.setattr(solve, "_MEASURED_WRITE_PER_STUDENT", 0.2)
    monkeypatch.setattr(solve, "_MEASURED_PLAN_PER_STUDENT", 0.1)
    seen: dict[str, object] = {}
    select, form_teams, stage3 = (
        matcher.selection.select_commissions,
        matcher.teams.form_teams,
        solve._stage3,
    )

    def recorded_selection(instance: object, params: object) -> object:
        seen["selection"] = params
        return select(instance, params)  # type: ignore[arg-type]

    def recorded_teams(instance: object, ids: object, params: object) -> object:
        seen["teams"] = params
        return form_teams(instance, ids, params)  # type: ignore[arg-type]

    def recorded_plan(instance: object, ids: object, params: object, *args: object) -> object:
        seen["plan"] = params
        return stage3(instance, ids, params, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.selection, "select_commissions", recorded_selection)
    monkeypatch.setattr(matcher.teams, "form_teams", recorded_teams)
    monkeypatch.setattr(solve, "_stage3", recorded_plan)
    instance = app.load(DEMO, overrides=app.Overrides(time_limit=60, workers=1))
    outcome = app.run(instance, started=time.perf_counter() - 20)
    assert outcome.selection is not None and outcome.plan is not None
    selection, teams, plan = seen["selection"], seen["teams"], seen["plan"]
    assert 0 < selection.time_limit <= 40 - 18  # type: ignore[attr-defined]
    assert selection.work() == pytest.approx(60 * WORK_PER_SECOND)  # type: ignore[attr-defined]
    assert 0 < teams.time_limit <= 40 - 18  # type: ignore[attr-defined]
    assert 0 < plan.time_limit <= 40 - 12  # type: ignore[attr-defined]
    expected_work = 60 * WORK_PER_SECOND - outcome.selection.stage.work - 18 * WORK_PER_SECOND
    assert teams.work_limit == pytest.approx(expected_work)  # type: ignore[attr-defined]


def test_a_loaded_machine_keeps_what_follows_the_selection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where what must follow the selection, at the reference costs, is more than half of
    the time left (a heavily loaded machine, 10,000 students), the costs measured in
    session 8 decide, and the selection keeps only what they leave: here 60 s of reserves
    (1 s per student) for 40 s left, 24 s measured (0.4 s per student; a machine at least
    as slow as the reference): the selection 40 - 24 = 16 s at most, not the 20 s (half)
    it kept until session 8, at which 10,000 students at load 16 ended a 60 s run at 79 s;
    and never less than a tenth of the 40 s. The teams then keep the measured 24 s whole,
    no longer half of what is left."""
    import matcher.app.solve as solve
    import matcher.selection
    import matcher.teams

    monkeypatch.setattr(solve, "_TEAMS_START_SECONDS_PER_STUDENT", 0.0)
    monkeypatch.setattr(solve, "_WRITE_SECONDS_PER_STUDENT", 1.0)
    monkeypatch.setattr(solve, "_MEASURED_START_PER_STUDENT", 0.0)
    monkeypatch.setattr(solve, "_MEASURED_WRITE_PER_STUDENT", 0.4)
    seen: dict[str, object] = {}
    select, form_teams = matcher.selection.select_commissions, matcher.teams.form_teams

    def recorded_selection(instance: object, params: object) -> object:
        seen["selection"] = params
        return select(instance, params)  # type: ignore[arg-type]

    def recorded_teams(instance: object, ids: object, params: object) -> object:
        seen["teams"] = params
        return form_teams(instance, ids, params)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.selection, "select_commissions", recorded_selection)
    monkeypatch.setattr(matcher.teams, "form_teams", recorded_teams)
    instance = app.load(DEMO, overrides=app.Overrides(time_limit=60, workers=1))
    instance = instance.model_copy(update={"supervisors": None})
    app.run(instance, started=time.perf_counter() - 20)
    selection, teams = seen["selection"], seen["teams"]
    # A tenth of the 40 s, less the microseconds spent between two readings of the clock.
    assert 40 / 10 - 0.1 <= selection.time_limit <= 40 - 24  # type: ignore[attr-defined]
    assert 0 < teams.time_limit <= 40 - 24  # type: ignore[attr-defined]


def test_writing_reserve_grows_with_the_cohort() -> None:
    """The seconds kept back for writing are per student, at least the reference ones
    (a machine is never assumed faster than the reference): 60 students, 0.06 s or more."""
    import matcher.app.solve as solve

    instance = app.load(DEMO)
    kept = app.writing_reserve(instance, time.perf_counter())
    assert kept >= solve._WRITE_SECONDS_PER_STUDENT * 60
    assert kept <= solve._WRITE_SECONDS_PER_STUDENT * 60 * solve._MAX_SLOWNESS


def test_assign_budget_does_not_depend_on_the_clock(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``assign`` (and what-if, the workbench) hand the team engine the limit's work
    budget whatever the clock says: with a clock running 20 times fast (a machine 20
    times slower) while the data are prepared, the engine still gets exactly the
    60 s limit's 60 x ``WORK_PER_SECOND`` units (less the reserve for stage 3 and the
    writing, counted in reference seconds); only the wall-clock safety net shrinks.
    (It used to get what the clock left of the limit, so that a budget-stopped run of
    ``assign`` depended on the machine's speed.)"""
    import matcher.app.solve as solve
    import matcher.teams
    from models.outcome import WORK_PER_SECOND

    instance = app.load(DEMO, overrides=app.Overrides(time_limit=60, workers=1))
    out = tmp_path / "selected"
    app.write_outputs(out, app.select(instance), instance_dir=DEMO)
    selection_file = out / "selection.csv"
    seen: list[float] = []
    engine = matcher.teams.solve_teams
    real = time.perf_counter
    origin = real()

    def fast() -> float:
        return origin + 20 * (real() - origin)

    def recorded(data: object, params: object, **kwargs: object) -> object:
        seen.append(params.work())  # type: ignore[attr-defined]
        monkeypatch.setattr(time, "perf_counter", real)
        return engine(data, params, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.teams, "solve_teams", recorded)
    monkeypatch.setattr(time, "perf_counter", fast)
    app.assign(instance, selection_file)
    monkeypatch.setattr(time, "perf_counter", real)
    # Less what stage 3 and the writing will need, in reference seconds (as ``run``).
    # To the last bits of the float (the engine subtracts the reserve's units from the
    # limit's); a clock 20 times fast would take seconds off.
    assert seen == [
        pytest.approx((60 - solve._finish_reserve(instance, True)) * WORK_PER_SECOND, rel=1e-12)
    ]
