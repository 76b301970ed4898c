"""Stage 3's work budget (issue 17, session 19): every command gives the plan what the
earlier stages left of the time limit's work units, less the writing's reserve, so that an
unproven plan stops on counted work, the same on every machine (the clock being only the
safety net); until then `run` gave it only a wall-clock limit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import matcher.app.solve as app_solve
from matcher.app.common import solve_params
from matcher.cli import main
from matcher.loading import load_instance
from models.outcome import WORK_PER_SECOND, SolveParams

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[SolveParams]:
    seen: list[SolveParams] = []
    real = app_solve._stage3

    def spy(instance: Any, team_ids: Any, params: SolveParams, lang: Any, **more: Any) -> Any:
        seen.append(params)
        return real(instance, team_ids, params, lang, **more)

    monkeypatch.setattr(app_solve, "_stage3", spy)
    return seen


def test_run_gives_stage_3_the_units_the_teams_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo (60 students, supervisors.csv) with the default 60 s: the limit's 54 units,
    less what the selection and the teams spent (both counted, both > 0), less the writing's
    reserve (60 students × 1 ms, in units). The plan is proven within it and says nothing
    stopped it."""
    instance = load_instance(DEMO)
    seen = _spy(monkeypatch)
    outcome = app_solve.run(instance)
    (params,) = seen
    assert outcome.selection is not None and outcome.teams is not None
    spent = outcome.selection.stage.work + outcome.teams.stage.work
    assert outcome.teams.stage.work > 0
    reserve = app_solve._finish_reserve(instance, False) * WORK_PER_SECOND
    expected = solve_params(instance.settings).work() - spent - reserve
    assert params.work_limit == pytest.approx(expected)
    assert outcome.plan is not None and outcome.plan.stage.stopped_by is None
    assert 0 < outcome.plan.stage.work < expected


def test_plan_command_gives_stage_3_the_whole_limit_less_the_writing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`plan` solves nothing before stage 3: the limit's units less the writing's reserve."""
    instance = load_instance(DEMO)
    out = tmp_path / "result"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    seen = _spy(monkeypatch)
    app_solve.plan(instance, out)
    (params,) = seen
    reserve = app_solve._finish_reserve(instance, False) * WORK_PER_SECOND
    assert params.work_limit == pytest.approx(solve_params(instance.settings).work() - reserve)
