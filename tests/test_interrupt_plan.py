"""Ctrl-C during stage 3 before any plan is found (contract §2, "Faults and hostile input":
the best result found so far is written, exit 0; with nothing found, nothing, exit 130).

The quick plans (the flow's and the greedy one) find none on some cohorts (tight
availabilities); CP-SAT, stopped, finds none either. ``run`` has found its selection and
teams by then: they are the best result found so far. Before, the command said
"interrupted before any solution was found; nothing was written" and exited 130, the
teams lost. ``plan``, whose teams are given, has found nothing: 130 stays right there.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

import matcher.planning
import models.interrupt
import models.plan_flow
from matcher.cli import main
from matcher.labels import label

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


@pytest.fixture(autouse=True)
def _no_stop_left_behind() -> Iterator[None]:
    """The stop flag is process-wide: every test starts and ends without one."""
    models.interrupt.reset()
    yield
    models.interrupt.reset()


@pytest.fixture
def stop_in_stage_3(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Arms a Ctrl-C as stage 3 starts, on a cohort where neither quick plan finds one."""

    def arm() -> None:
        monkeypatch.setattr(models.plan_flow, "quick_plan", lambda data: (None, []))
        monkeypatch.setattr(models.plan_flow, "greedy_plan", lambda data: None)
        build: Callable[..., Any] = matcher.planning.build_plan_data

        def ctrl_c_then_build(*args: Any, **kwargs: Any) -> Any:
            models.interrupt.request_stop()
            return build(*args, **kwargs)

        monkeypatch.setattr(matcher.planning, "build_plan_data", ctrl_c_then_build)

    return arm


def _run(cohort: Path, out: Path) -> Any:
    return CliRunner().invoke(
        main, ["run", str(cohort), "--out", str(out), "--lang", "fr", "--quiet", "--no-explain"]
    )


def test_run_stopped_before_a_plan_writes_its_teams(
    tmp_path: Path, stop_in_stage_3: Callable[[], None]
) -> None:
    """``run``: exit 0, the selection and teams written with ``"interrupted": true``, the
    plan stage UNKNOWN in summary.json and none of the plan's files; the terminal says
    the plan was not made and how to make it (``matcher plan``), in French."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    out = tmp_path / "out"
    stop_in_stage_3()
    result = _run(cohort, out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "teams.csv" in names and "selection.csv" in names
    assert not {"supervision.csv", "schedule.csv", "calendar.ics"} & set(names)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True
    assert summary["plan"]["status"] == "UNKNOWN" and summary["plan"]["objectives"] == []
    assert label("interrupted_nothing_found", "fr") not in result.output
    assert "matcher plan" in result.output and "calendar.ics" in result.output
    # The report and the workbook say it too, in the director's language.
    said = label("plain_plan_stopped", "fr")
    assert said.replace("'", "&#x27;") in (out / "report.html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(out / "result.xlsx", read_only=True)
    cells = {c for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert said in cells


def test_plan_stopped_before_a_plan_writes_nothing(
    tmp_path: Path, stop_in_stage_3: Callable[[], None]
) -> None:
    """``plan``: its teams are given, it found nothing: 130, nothing written, said."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    first = tmp_path / "first"
    assert _run(cohort, first).exit_code == 0
    stop_in_stage_3()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["plan", str(cohort), "--result", str(first), "--out", str(out), "--lang", "fr"]
    )
    assert result.exit_code == 130, result.output
    assert not out.exists()
    assert label("interrupted_nothing_found", "fr") in result.output
