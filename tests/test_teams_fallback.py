"""Stage 2 without CP-SAT: the start assignment stands in when it keeps every rule, and the
whole solve draws from one deadline."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import models.teams.flows
import models.teams.incumbent
import models.teams.search
import models.teams.solve
from matcher.results import Status
from matcher.schemas import Commission, Instance, Settings, Student, TeamSettings
from matcher.teams import form_teams
from matcher.verify.teams import team_objectives, team_violations
from models.budget import Budget
from models.solve import LexResult, SolveParams
from models.teams import TeamData, keeps_hard_rules

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)


def cohort(students: list[Student], num_teams: int, **team_settings: Any) -> Instance:
    commissions = tuple(
        Commission(id=f"C{t + 1}", institution=f"I{t}", sector="s", problem_type="p")
        for t in range(num_teams)
    )
    return Instance(
        name="tiny",
        commissions=commissions,
        students=tuple(students),
        settings=Settings(teams=TeamSettings(**team_settings)),
    )


@pytest.fixture
def no_cp_sat(monkeypatch: pytest.MonkeyPatch) -> None:
    """CP-SAT finds nothing: every stage and every complete hint comes back empty."""

    def unknown(*args: Any, **kwargs: Any) -> LexResult:
        return LexResult(status=Status.UNKNOWN, time_s=0.0)

    monkeypatch.setattr(models.teams.solve, "solve_lexicographic", unknown)
    monkeypatch.setattr(models.teams.search, "solve_lexicographic", unknown)
    monkeypatch.setattr(models.teams.solve, "complete_hint", lambda *a, **k: None)
    monkeypatch.setattr(models.teams.incumbent, "complete_hint", lambda *a, **k: None)


def test_valid_start_is_returned_when_cp_sat_finds_nothing(no_cp_sat: None) -> None:
    """CP-SAT finding nothing, the valid start is returned, unproven, with its true values."""
    # Six students, each wanting a different pair of commissions; teams of 2 in 3 teams.
    # The start flows give everyone their first choice: worst_choice 1, choices 6.
    students = [
        Student(id=f"S{i}", background="AS", choices=(f"C{i // 2 + 1}", f"C{(i // 2 + 1) % 3 + 1}"))
        for i in range(6)
    ]
    instance = cohort(students, 3, priorities=("worst_choice", "choices"))
    ids = ["C1", "C2", "C3"]
    result = form_teams(instance, ids, PARAMS)
    assert result.stage.status == Status.FEASIBLE
    assert team_violations(instance, ids, result.assignment) == []
    recomputed = team_objectives(instance, ids, result.assignment, None)
    for found in result.stage.objectives:
        assert found.value == recomputed[found.name]
        assert 0 <= found.bound <= found.value
    assert {o.name: o.value for o in result.stage.objectives} == {"worst_choice": 1, "choices": 6}


def isolation_cohort() -> Instance:
    # V0 and V1 (vae) want C1 and C2; P2 and P3 want C1 and C2 likewise; teams of 2. The
    # first-choice start splits the two vae students (each isolated), whereas V0 + V1
    # together would keep the rule.
    students = [
        Student(id="V0", background="AS", vae=True, choices=("C1",)),
        Student(id="V1", background="AS", vae=True, choices=("C2",)),
        Student(id="P2", background="AS", choices=("C1",)),
        Student(id="P3", background="AS", choices=("C2",)),
    ]
    return cohort(students, 2, no_isolation=("vae=yes",), priorities=("worst_choice",))


def test_start_repaired_for_isolation_is_returned_when_cp_sat_finds_nothing(
    no_cp_sat: None,
) -> None:
    """The flow's start isolates V0 and V1; the repair swaps V1 and P2 (or V0 and P3), so
    the start keeps every rule and stands in for CP-SAT: FEASIBLE, rules kept."""
    instance = isolation_cohort()
    result = form_teams(instance, ["C1", "C2"], PARAMS)
    assert result.stage.status == Status.FEASIBLE
    assert team_violations(instance, ["C1", "C2"], result.assignment) == []
    assert result.assignment["V0"] == result.assignment["V1"]


def test_start_breaking_a_rule_stays_unknown(
    no_cp_sat: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start that isolates a no-isolation student (its repair switched off) is never
    returned: status UNKNOWN."""
    monkeypatch.setattr(models.teams.flows, "repair_isolation", lambda data, team_of: None)
    result = form_teams(isolation_cohort(), ["C1", "C2"], PARAMS)
    assert result.stage.status == Status.UNKNOWN
    assert not result.stage.solved


def test_validator_vetoes_a_start_the_model_check_missed(
    no_cp_sat: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The independent validator rejects a start even if the engine's own check let it through."""
    monkeypatch.setattr(models.teams.flows, "repair_isolation", lambda data, team_of: None)
    monkeypatch.setattr(models.teams.solve, "keeps_hard_rules", lambda data, team_of: True)
    result = form_teams(isolation_cohort(), ["C1", "C2"], PARAMS)
    assert result.stage.status == Status.UNKNOWN


def test_keeps_hard_rules_checks_each_rule() -> None:
    """``keeps_hard_rules`` rejects an assignment breaking any one hard rule."""
    # Two teams of exactly 2; S0 pinned to team 0; S1 conflicts with team 1.
    data = TeamData(
        size_min=np.array([2, 2]),
        size_max=np.array([2, 2]),
        conflict=np.array([[False, False], [False, True], [False, False], [False, False]]),
        ranks=np.zeros((4, 2), dtype=np.int64),
        apart=((0, 2),),
        pinned=np.array([0, -1, -1, -1]),
    )
    assert keeps_hard_rules(data, np.array([0, 0, 1, 1]))
    assert not keeps_hard_rules(data, np.array([0, 0, 0, 1]))  # sizes
    assert not keeps_hard_rules(data, np.array([0, 1, 1, 0]))  # S1's conflict
    assert not keeps_hard_rules(data, np.array([1, 0, 0, 1]))  # pin (and apart)
    assert not keeps_hard_rules(data, np.array([0, 1, 0, 1]))  # apart (and conflict)


def record_limits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the limit of every CP-SAT call of the team driver, the larger of its work and
    wall limits (calls still run)."""
    limits: list[float] = []
    solve = models.teams.solve
    real_lex, real_hint = solve.solve_lexicographic, solve.complete_hint

    def lexicographic(model: Any, objectives: Any, params: SolveParams, **kwargs: Any) -> Any:
        limits.append(max(params.time_limit, params.work_limit or 0.0))
        return real_lex(model, objectives, params, **kwargs)

    def complete_hint(model: Any, params: SolveParams, budget: Budget, *args: Any) -> Any:
        limits.append(max(budget.left(), budget.wall_left()))
        return real_hint(model, params, budget, *args)

    monkeypatch.setattr(solve, "solve_lexicographic", lexicographic)
    monkeypatch.setattr(models.teams.search, "solve_lexicographic", lexicographic)
    monkeypatch.setattr(solve, "complete_hint", complete_hint)
    monkeypatch.setattr(models.teams.incumbent, "complete_hint", complete_hint)
    return limits


def test_tiny_time_limit_stays_close_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """No CP-SAT call of a 0.2 s solve gets more than 0.2 s, and a solution is still found."""
    # 60 students in 10 teams with a 0.2 s limit: every sub-step's limit is what is left
    # of one deadline, so none exceeds 0.2 s, and the result is still a valid assignment.
    rng = np.random.default_rng(0)
    students = [
        Student(
            id=f"S{i}",
            background=("AS", "ES")[i % 2],
            choices=tuple(f"C{t + 1}" for t in rng.permutation(10)[:4]),
        )
        for i in range(60)
    ]
    instance = cohort(students, 10)
    ids = [f"C{t + 1}" for t in range(10)]
    limits = record_limits(monkeypatch)
    result = form_teams(instance, ids, SolveParams(time_limit=0.2, seed=0, workers=1))
    # On a loaded machine the wall clock can end the run before any CP-SAT call (the
    # start is then the result): no call at all keeps the limit too.
    assert all(limit <= 0.2 for limit in limits)
    assert result.stage.solved
    assert team_violations(instance, ids, result.assignment) == []


def test_no_time_left_after_building_returns_the_valid_start() -> None:
    """With no time left after building, the start is returned without any CP-SAT call."""
    # Model building alone outlasts a 1 µs limit: the start (first choices, teams of 2)
    # is returned as it is, unproven, without any CP-SAT call.
    students = [Student(id=f"S{i}", background="AS", choices=(f"C{i // 2 + 1}",)) for i in range(6)]
    instance = cohort(students, 3, priorities=("worst_choice", "choices"))
    ids = ["C1", "C2", "C3"]
    result = form_teams(instance, ids, SolveParams(time_limit=1e-6, seed=0, workers=1))
    assert result.stage.status == Status.FEASIBLE
    assert team_violations(instance, ids, result.assignment) == []
    assert {o.name: o.value for o in result.stage.objectives} == {"worst_choice": 1, "choices": 6}
