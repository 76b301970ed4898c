"""Ctrl-C inside the team engine (contract §2, "Faults and hostile input"): once a stop is
requested (``models.interrupt.request_stop``, which the first Ctrl-C calls), every heuristic
loop and every deadline of ``models/teams`` ends at once and ``solve_teams`` returns the
incumbent.

Counted, never timed: the tests count the CP-SAT solvers made and the local-search swaps
applied after the request, with a time limit of a day (were a loop to watch only its own
deadline, it would go on searching).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import models.interrupt
from matcher.generate import generate_cohort
from matcher.schemas import Instance
from matcher.teams import team_data
from models.solve import SolveParams, Status
from models.teams import TeamData, keeps_hard_rules, solve_teams
from models.teams.local_search import Swaps

#: A day: any stage that ignored the stop request would search on.
DAY = SolveParams(time_limit=86_400, seed=0, workers=1)


@pytest.fixture(autouse=True)
def _no_stop_left_behind() -> Iterator[None]:
    """Every test starts and ends without a stop request (the flag is process-wide)."""
    models.interrupt.reset()
    yield
    models.interrupt.reset()


def mid_size_cohort() -> TeamData:
    """A generated cohort of 300 students on its first ten proposals."""
    cohort = generate_cohort(3, num_students=300)
    instance = Instance(
        name="mid",
        commissions=cohort.commissions,
        students=cohort.students,
        pairs=cohort.pairs,
        settings=cohort.settings,
    )
    ids = [c.id for c in cohort.commissions[: cohort.settings.selection.count]]
    return team_data(instance, ids)


class _Counts:
    """CP-SAT solvers made and swaps applied, counted through monkeypatching."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, stop_after_solvers: int) -> None:
        self.solvers = 0
        self.swaps = 0
        register, apply = models.interrupt.register, Swaps.apply

        def counting_register(solver: object) -> None:
            register(solver)
            self.solvers += 1
            if self.solvers == stop_after_solvers:
                models.interrupt.request_stop()  # Ctrl-C during this search

        def counting_apply(swaps: Swaps, i_idx: int, j_idx: int) -> None:
            self.swaps += 1
            apply(swaps, i_idx, j_idx)

        monkeypatch.setattr(models.interrupt, "register", counting_register)
        monkeypatch.setattr(Swaps, "apply", counting_apply)


def test_a_stop_before_solving_returns_the_start_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stop requested before the call: no CP-SAT search, no local-search swap; the valid
    start assignment comes back as an unproven (FEASIBLE) solution."""
    data = mid_size_cohort()
    counts = _Counts(monkeypatch, stop_after_solvers=0)
    models.interrupt.request_stop()
    result = solve_teams(data, DAY)
    assert result.status == Status.FEASIBLE
    assert result.team_of is not None and keeps_hard_rules(data, result.team_of)
    assert (counts.solvers, counts.swaps) == (0, 0)


def test_a_stop_during_the_first_search_keeps_its_incumbent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stop requested while the first CP-SAT search runs: no other solver is made and no
    swap applied afterwards; the result is the incumbent, FEASIBLE, keeping every rule."""
    data = mid_size_cohort()
    counts = _Counts(monkeypatch, stop_after_solvers=1)
    swaps_before: list[int] = []
    real_register = models.interrupt.register

    def note_swaps(solver: object) -> None:
        swaps_before.append(counts.swaps)
        real_register(solver)

    monkeypatch.setattr(models.interrupt, "register", note_swaps)
    result = solve_teams(data, DAY)
    assert result.status == Status.FEASIBLE
    assert result.team_of is not None and keeps_hard_rules(data, result.team_of)
    assert counts.solvers == 1
    assert counts.swaps == swaps_before[0]


def test_without_a_stop_the_engine_does_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The twin of the tests above, so that their counts mean something: without a stop
    request the same cohort makes several CP-SAT solvers; a stop requested at the third
    leaves it the last one."""
    data = mid_size_cohort()
    counts = _Counts(monkeypatch, stop_after_solvers=3)
    result = solve_teams(data, DAY)
    assert result.team_of is not None
    assert counts.solvers == 3


def test_a_stop_before_stage_3_takes_a_quick_plan_without_a_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C before stage 3 (the teams were stopped): a quick valid plan, the flow's or
    the greedy one (``models.plan_flow.quick_plan``, milliseconds), FEASIBLE, with no model
    built (building it took 1.7-2 s for 100 teams and 100 supervisors after a Ctrl-C,
    measured in session 8). Without the stop the same small problem is built and solved to
    a proof, so the test can tell."""
    import numpy as np

    import models.plan as plan_module
    from models.plan_data import PlanData, plan_violations
    from models.plan_flow import quick_plan

    K, S = 3, 2
    data = PlanData(
        capacity=np.full(S, 3, dtype=np.int64),
        allowed=np.ones((K, S), bool),
        unavailable=np.zeros((S, 3), bool),
        oral_allowed=np.ones((K, 2), bool),
        institution=np.arange(K),
        town=np.arange(K),
    )
    built = plan_module.PlanModel
    grouped = plan_module.GroupedPlanModel
    monkeypatch.setattr(plan_module, "GroupedPlanModel", lambda *a, **k: pytest.fail("model built"))
    monkeypatch.setattr(plan_module, "PlanModel", lambda *a, **k: pytest.fail("model built"))
    models.interrupt.request_stop()
    solution = plan_module.solve_plan(data, DAY)
    assert solution.status == Status.FEASIBLE
    assert solution.plan is not None and solution.plan == quick_plan(data)[0]
    assert not plan_violations(data, solution.plan)
    models.interrupt.reset()
    monkeypatch.setattr(plan_module, "PlanModel", built)
    monkeypatch.setattr(plan_module, "GroupedPlanModel", grouped)
    assert plan_module.solve_plan(data, DAY).status == Status.OPTIMAL


def test_after_a_stop_the_no_model_path_sets_nothing_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 students take the path without a model: after a stop its remaining attribute
    flows (one min-cost flow per balanced attribute), the annealing's and the rank polish's
    set-up (``MoveState``) and the swaps' (``Swaps``) are skipped, and the assignment comes
    back unchanged (session 8: 15-23 s of wall time between a Ctrl-C and the end of the
    team stage, spent on them, their loops then doing nothing)."""
    import numpy as np

    import models.teams.balance_anneal as anneal_module
    import models.teams.flows as flows_module
    import models.teams.local_search as search_module
    from models.budget import Budget
    from models.teams.flows import attribute_flows, start_assignment

    data = mid_size_cohort()
    start = start_assignment(data)
    assert start is not None
    assert attribute_flows(data, None), "the cohort has balanced attributes: flows exist"
    monkeypatch.setattr(flows_module, "attribute_flow", lambda *a: pytest.fail("flow"))
    monkeypatch.setattr(anneal_module, "MoveState", lambda *a: pytest.fail("set up"))
    monkeypatch.setattr(search_module, "Swaps", lambda *a: pytest.fail("set up"))
    models.interrupt.request_stop()
    assert attribute_flows(data, None) == {}
    budget = Budget.start(work=1_000.0, wall_limit=86_400.0)
    annealed = anneal_module.anneal_balance(data, start.team_of, None, 0, 0, budget)
    assert (annealed == start.team_of).all()
    polished = anneal_module.polish_ranks(
        data, start.team_of, None, np.random.default_rng(0), budget
    )
    assert (polished == start.team_of).all()
    team_of = start.team_of.copy()
    search_module.improve_start(data, team_of, budget)
    assert (team_of == start.team_of).all()


def test_a_start_found_counts_as_a_result_for_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first Ctrl-C keeps the best result found so far (contract §2) and ends the
    command with nothing written only when nothing was found: the signal handler asks
    ``solving_started``. A valid start is a result, found before any CP-SAT solver is made;
    the stage is stopped here while it builds its model, as a what-if on 3,000 students was
    (probe s25: 'nothing was written', exit 130, its start found 11 s before)."""
    data = mid_size_cohort()
    seen: list[bool] = []

    class Building:
        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.append(models.interrupt.solving_started())
            models.interrupt.request_stop()  # Ctrl-C while the model is built
            raise models.interrupt.Stopped()

    monkeypatch.setattr("models.teams.solve.TeamModel", Building)
    with pytest.raises(models.interrupt.Stopped):
        solve_teams(data, DAY)
    assert seen == [True]
