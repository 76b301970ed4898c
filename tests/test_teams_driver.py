"""The stage 2 driver (``models.teams.solve``): the large-cohort branches reach the same
optima as the small-cohort path, time running out mid-pipeline reports the incumbent, and
the diagnosis falls back to naming whole rule kinds. Thresholds and the clock are forced
by monkeypatching, never by wall-clock limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import models.teams.diagnose
import models.teams.rebalance
import models.teams.solve
from models.solve import CpsatMeter, SolveParams, Status, make_solver
from models.teams import (
    StudentGroup,
    TeamData,
    TeamModel,
    explain_teams,
    keeps_hard_rules,
    objective_values,
    solve_teams,
)

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)
PRIORITIES = ("worst_choice", "balance", "choices", "experience")


def six_students() -> TeamData:
    """Two teams of exactly 3; S0-S2 have background A, S3-S5 background B.

    Everyone ranks team 0 first and team 1 second, so three students get rank 2:
    worst_choice 2 and choices 3 * 1 + 3 * 2 = 9 in every assignment. Each background's
    window is [1, 2] per team; team 0 = {S0, S2, S5} (two A, one B) keeps both: balance 0.
    Experience (tenths) 10..60 sums to 210; a team's gap is |6 * E_t - 3 * 210|, and any
    three students sum to a multiple of 10, never 105: 100 or 110 at best, gap 30, which
    {S0, S2, S5} (10 + 30 + 60 = 100) reaches with balance 0.
    """
    ranks = np.array([[1, 2]] * 6, dtype=np.int64)
    return TeamData(
        size_min=np.array([3, 3]),
        size_max=np.array([3, 3]),
        conflict=np.zeros((6, 2), dtype=bool),
        ranks=ranks,
        balance_groups=(
            StudentGroup("background=A", (0, 1, 2), 1, 2, "background"),
            StudentGroup("background=B", (3, 4, 5), 1, 2, "background"),
        ),
        experience=np.array([10, 20, 30, 40, 50, 60]),
        priorities=PRIORITIES,
    )


SIX_OPTIMUM = {"worst_choice": 2, "balance": 0, "choices": 9, "experience": 30}


def random_cohort(seed: int) -> TeamData:
    """A seeded cohort of 12-17 students in 3-4 teams: choices, two attributes, one apart
    pair, a pin, experience; sizes floor/ceil of N/K (always feasible)."""
    rng = np.random.default_rng(seed)
    num_teams = int(rng.integers(3, 5))
    num_students = int(rng.integers(12, 18))
    ranks = np.zeros((num_students, num_teams), dtype=np.int64)
    for i in range(num_students):
        listed = rng.permutation(num_teams)[:2]
        ranks[i] = 3
        ranks[i, listed] = (1, 2)
    groups = []
    for attribute, num_values in (("background", 3), ("vae", 2)):
        values = rng.integers(0, num_values, num_students)
        for value in range(num_values):
            members = tuple(int(i) for i in np.nonzero(values == value)[0])
            if members:
                floor, ceil = len(members) // num_teams, -(-len(members) // num_teams)
                groups.append(StudentGroup(f"{attribute}={value}", members, floor, ceil, attribute))
    pinned = np.full(num_students, -1)
    pinned[0] = 0
    return TeamData(
        size_min=np.full(num_teams, num_students // num_teams),
        size_max=np.full(num_teams, -(-num_students // num_teams)),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=tuple(groups),
        apart=((1, 2),),
        pinned=pinned,
        experience=rng.integers(0, 100, num_students),
        priorities=PRIORITIES,
    )


def values_of(result: models.teams.TeamSolveResult) -> dict[str, int]:
    return {o.name: o.value for o in result.objectives}


@pytest.fixture
def large_branches(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Every model counts as large; counts the calls of each large-cohort branch."""
    monkeypatch.setattr(models.teams.solve, "_LARGE_MODEL", 0)
    calls = {"anneal": 0, "rebalance": 0, "lns": 0, "turns": 0, "tight_hint": 0, "unhinted": 0}

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    solve, rebalance = models.teams.solve, models.teams.rebalance
    monkeypatch.setattr(rebalance, "anneal_balance", counted("anneal", rebalance.anneal_balance))
    monkeypatch.setattr(
        rebalance, "rebalance_incumbent", counted("rebalance", rebalance.rebalance_incumbent)
    )
    monkeypatch.setattr(rebalance, "lns_balance", counted("lns", rebalance.lns_balance))
    monkeypatch.setattr(solve, "solve_in_turns", counted("turns", solve.solve_in_turns))
    monkeypatch.setattr(solve, "tight_hint", counted("tight_hint", solve.tight_hint))
    monkeypatch.setattr(rebalance, "tight_hint", counted("tight_hint", rebalance.tight_hint))
    real_lex = solve.solve_lexicographic

    def lexicographic(*args: Any, hint: Any = None, **kwargs: Any) -> Any:
        # The choices stage of a large model: bounded by the incumbent, one worker.
        if args[1] and args[1][0].name == "choices" and hint is None:
            assert args[2].workers == 1
            calls["unhinted"] += 1
        return real_lex(*args, hint=hint, **kwargs)

    monkeypatch.setattr(solve, "solve_lexicographic", lexicographic)
    return calls


def test_large_branches_reach_the_hand_checked_optimum(large_branches: dict[str, int]) -> None:
    """Forced large: annealed start (it meets the flows' balance bound 0, so the flows'
    rebalance is skipped; its tight hint is the first of two), experience from a tight
    hint; the optimum is still the one argued in ``six_students``. The annealed
    incumbent meets the balance bound and the start's sum of ranks at the worst choice,
    so balance and choices are settled without a search (no turns, no unhinted solve):
    both bounds are proven."""
    data = six_students()
    result = solve_teams(data, PARAMS)
    assert result.status == Status.OPTIMAL
    assert values_of(result) == SIX_OPTIMUM
    assert large_branches == {
        "anneal": 1,
        "rebalance": 0,
        "lns": 0,
        "turns": 0,
        "tight_hint": 2,
        "unhinted": 0,
    }


def test_large_branches_without_room_for_the_flow_bounds(
    large_branches: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the flows bounding balance and choices do not fit in the time left (a loaded
    machine, a short limit: a 1,000-student run crashed with KeyError 'balance'), the
    balance stage's annealing starts from the trivial bound 0 and the stages still
    prove the optimum argued in ``six_students`` (the flows only add cuts)."""
    monkeypatch.setattr(models.teams.solve._Run, "afford", lambda run, units: False)
    result = solve_teams(six_students(), PARAMS)
    assert result.status == Status.OPTIMAL
    assert values_of(result) == SIX_OPTIMUM
    # The balance stage's improvement (the annealing, since s2000) ran on that bound.
    assert large_branches["anneal"] == 1


def test_large_balance_turns_search_with_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced large, two workers asked for, the annealing and the flows' rebalance left
    out so that the balance stage needs CP-SAT's turns (the start of ``six_students``
    has balance violations): the turns search with one worker, as the choices stage
    does (interleaved with two workers, balance on 1,000 x 100 all-proposals seed 0 ended
    177 against 173 after 50 units where one worker proved 173 in 7), and the stages
    still prove the optimum argued in ``six_students``."""
    solve, rebalance = models.teams.solve, models.teams.rebalance
    monkeypatch.setattr(solve, "_LARGE_MODEL", 0)
    monkeypatch.setattr(rebalance, "anneal_balance", lambda data, team_of, *args: team_of.copy())
    monkeypatch.setattr(rebalance, "rebalance_incumbent", lambda team_model, best, *args: best)
    monkeypatch.setattr(rebalance, "lns_balance", lambda data, team_of, *args: team_of.copy())
    workers: list[int] = []
    real_turns = solve.solve_in_turns

    def turns(*args: Any, **kwargs: Any) -> Any:
        workers.append(args[4].workers)
        return real_turns(*args, **kwargs)

    monkeypatch.setattr(solve, "solve_in_turns", turns)
    result = solve_teams(six_students(), SolveParams(time_limit=20, seed=0, workers=2))
    assert result.status == Status.OPTIMAL
    assert values_of(result) == SIX_OPTIMUM
    assert workers == [1]


def test_large_balance_reaches_the_optimum_by_neighbourhoods(
    large_branches: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forced large, the annealing and the flows' rebalance left out: the start of
    ``six_students`` has balance violations, so the neighbourhoods (``team_lns``) run
    once, and the stages still prove the optimum argued there."""
    rebalance = models.teams.rebalance
    monkeypatch.setattr(rebalance, "LNS_MIN_STUDENTS", 0)  # six students: as if large
    monkeypatch.setattr(rebalance, "anneal_balance", lambda data, team_of, *args: team_of.copy())
    monkeypatch.setattr(rebalance, "rebalance_incumbent", lambda team_model, best, *args: best)
    result = solve_teams(six_students(), PARAMS)
    assert result.status == Status.OPTIMAL
    assert values_of(result) == SIX_OPTIMUM
    assert large_branches["lns"] == 1


def test_small_path_reaches_the_hand_checked_optimum() -> None:
    """The same cohort on the small-cohort path (the twin of the test above)."""
    result = solve_teams(six_students(), PARAMS)
    assert result.status == Status.OPTIMAL
    assert values_of(result) == SIX_OPTIMUM


@pytest.mark.parametrize("seed", range(4))
def test_large_branches_equal_the_small_path_optima(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On seeded cohorts, both paths prove the same value for every priority (each is a
    proven lexicographic optimum, so they must agree), and the reported values are the
    assignment's own."""
    data = random_cohort(seed)
    small = solve_teams(data, PARAMS)
    monkeypatch.setattr(models.teams.solve, "_LARGE_MODEL", 0)
    large = solve_teams(data, PARAMS)
    assert small.status == large.status == Status.OPTIMAL
    assert values_of(large) == values_of(small)
    assert large.team_of is not None and keeps_hard_rules(data, large.team_of)
    true_values = objective_values(data, large.team_of)
    assert all(true_values[name] == value for name, value in values_of(large).items())


def left_until(monkeypatch: pytest.MonkeyPatch, solved: Callable[[set[str]], bool]) -> None:
    """The clock of the driver: 100 s left until ``solved(done)`` holds, then none."""

    def left(run: Any) -> float:
        return 0.0 if solved(set(run.done)) else 100.0

    monkeypatch.setattr(models.teams.solve._Run, "left", left)


def test_time_running_out_after_worst_choice_reports_the_incumbent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Out of time once worst choice is proven: the later priorities report the
    incumbent's true values, unproven, with bounds no higher than those values."""
    left_until(monkeypatch, lambda done: "worst_choice" in done)
    data = six_students()
    result = solve_teams(data, PARAMS)
    assert result.status == Status.FEASIBLE
    assert not result.from_start
    assert result.team_of is not None and keeps_hard_rules(data, result.team_of)
    assert [o.name for o in result.objectives] == list(PRIORITIES)
    true_values = objective_values(data, result.team_of)
    for found in result.objectives:
        assert found.value == true_values[found.name]
        assert 0 <= found.bound <= found.value
    # worst_choice was proven before the time ran out (2: see ``six_students``).
    assert (result.objectives[0].value, result.objectives[0].bound) == (2, 2)


def test_time_running_out_before_experience_skips_the_rebuild(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Out of time when experience needs the model without pools: experience is the
    incumbent's, unproven; the earlier priorities keep their proven optima."""
    left_until(monkeypatch, lambda done: {"worst_choice", "balance", "choices"} <= done)
    data = six_students()
    result = solve_teams(data, PARAMS)
    assert result.status == Status.FEASIBLE
    values = values_of(result)
    assert {name: values[name] for name in PRIORITIES[:3]} == {
        name: SIX_OPTIMUM[name] for name in PRIORITIES[:3]
    }
    assert result.team_of is not None
    # The experience reported is the assignment's own, whatever it is (30 at best).
    assert values["experience"] == objective_values(data, result.team_of)["experience"] >= 30


def test_no_time_at_all_returns_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """No time from the start: no CP-SAT call, the valid start is returned as it is.
    Every assignment of ``six_students`` has worst choice 2 and choices 9."""
    left_until(monkeypatch, lambda done: True)
    data = six_students()
    result = solve_teams(data, PARAMS)
    assert result.status == Status.FEASIBLE
    assert result.from_start
    assert result.team_of is not None and keeps_hard_rules(data, result.team_of)
    assert values_of(result)["worst_choice"] == 2
    assert values_of(result)["choices"] == 9


def too_small_teams() -> TeamData:
    """Three teams of at least 2 for 5 students: the sizes alone cannot hold, and every
    team's size rule is needed (drop one and that team may stay small)."""
    return TeamData(
        size_min=np.array([2, 2, 2]),
        size_max=np.array([5, 5, 5]),
        conflict=np.zeros((5, 3), dtype=bool),
        ranks=np.zeros((5, 3), dtype=np.int64),
        priorities=(),
    )


def test_diagnosis_names_each_size_rule() -> None:
    """Without fallbacks the diagnosis names the three teams' size rules."""
    assert solve_teams(too_small_teams(), PARAMS).status == Status.INFEASIBLE
    assert sorted(explain_teams(too_small_teams(), PARAMS) or []) == [
        ("size", 0),
        ("size", 1),
        ("size", 2),
    ]


def test_diagnosis_names_kinds_when_instances_are_too_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond ``_MAX_INSTANCES`` instances of the conflicting kinds, the kind is named
    as a whole (index -1)."""
    monkeypatch.setattr(models.teams.diagnose, "_MAX_INSTANCES", 2)
    assert explain_teams(too_small_teams(), PARAMS) == [("size", -1)]


def test_diagnosis_names_kinds_when_the_second_pass_gives_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The per-instance pass giving up (None) falls back to the kinds of the first."""
    real = models.teams.diagnose.explain_infeasibility
    calls: list[int] = []

    def first_pass_only(*args: Any) -> list[str] | None:
        calls.append(1)
        return real(*args) if len(calls) == 1 else None

    monkeypatch.setattr(models.teams.diagnose, "explain_infeasibility", first_pass_only)
    assert explain_teams(too_small_teams(), PARAMS) == [("size", -1)]
    assert len(calls) == 2


def test_diagnosis_gives_up_when_the_first_pass_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kind-level pass giving up (None) makes the whole diagnosis None."""
    monkeypatch.setattr(models.teams.diagnose, "explain_infeasibility", lambda *args: None)
    assert explain_teams(too_small_teams(), PARAMS) is None


def medium_cohort(seed: int) -> TeamData:
    """A seeded cohort of 150 students in 10 teams: four choices each, three attributes,
    pairs and a pin; big enough that a small work budget stops CP-SAT mid-search."""
    rng = np.random.default_rng(seed)
    num_students, num_teams = 150, 10
    ranks = np.full((num_students, num_teams), 5, dtype=np.int64)
    popularity = rng.dirichlet(np.ones(num_teams) * 0.7)
    for i in range(num_students):
        listed = rng.choice(num_teams, size=4, replace=False, p=popularity)
        ranks[i, listed] = (1, 2, 3, 4)
    groups = []
    for attribute, num_values in (("background", 4), ("vae", 2), ("sector", 3)):
        values = rng.integers(0, num_values, num_students)
        for value in range(num_values):
            members = tuple(int(i) for i in np.nonzero(values == value)[0])
            floor, ceil = len(members) // num_teams, -(-len(members) // num_teams)
            groups.append(StudentGroup(f"{attribute}={value}", members, floor, ceil, attribute))
    pinned = np.full(num_students, -1)
    pinned[0] = 3
    return TeamData(
        size_min=np.full(num_teams, num_students // num_teams),
        size_max=np.full(num_teams, -(-num_students // num_teams)),
        conflict=np.zeros((num_students, num_teams), dtype=bool),
        ranks=ranks,
        balance_groups=tuple(groups),
        apart=((1, 2),),
        together=((3, 4),),
        pinned=pinned,
        experience=rng.integers(0, 200, num_students),
        priorities=PRIORITIES,
    )


@pytest.mark.parametrize("price", [1.0, 3.0, "meter"])
def test_large_path_gives_the_same_teams_on_a_slow_machine(
    monkeypatch: pytest.MonkeyPatch, price: float | str
) -> None:
    """The large-cohort path (forced: every heuristic, complete hints, the shrink, balance
    in turns) stops on counted work, never on measured seconds: run once with the real
    clock and once with a clock running 20 times faster (a machine 20 times slower, still
    within the wall-clock safety net), the assignments and values are identical. The work
    budget is small enough that some stage stops unproven (``stopped_by`` "work"), so the
    budget, not the proofs, decides where the run ends. Also with CP-SAT's deterministic
    time priced at 3 units (``cpsat_units``, as on large cohorts): every call is given
    and charged its units at that price. And with the meter of large cohorts
    (``cpsat_meter``): every call charged by its counters and sized by what the run's
    calls cost so far, the choices search probed first, the annealing and the swaps
    charged their price: all counted, so the same teams again."""
    monkeypatch.setattr(models.teams.solve, "_LARGE_MODEL", 0)
    monkeypatch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
    meters: list[CpsatMeter] = []
    if price == "meter":

        def metered(data: TeamData) -> CpsatMeter:
            meter = CpsatMeter(3.0, 1.0, 20_000, 1.3, 1.5, 0.5)
            meters.append(meter)
            return meter

        monkeypatch.setattr(models.teams.solve, "cpsat_meter", metered)
    else:
        monkeypatch.setattr(models.teams.solve, "cpsat_units", lambda data: price)
    data = medium_cohort(0)
    params = SolveParams(time_limit=10_000, work_limit=1.5, seed=0, workers=1)
    normal = solve_teams(data, params)
    real = time.perf_counter
    origin = real()
    monkeypatch.setattr(time, "perf_counter", lambda: origin + 20 * (real() - origin))
    slow = solve_teams(data, params)
    monkeypatch.setattr(time, "perf_counter", real)
    assert normal.team_of is not None and slow.team_of is not None
    assert keeps_hard_rules(data, normal.team_of)
    assert normal.stopped_by == slow.stopped_by == "work"
    assert normal.objectives == slow.objectives
    assert (normal.team_of == slow.team_of).all()
    assert normal.work == pytest.approx(slow.work)
    if meters:
        # Both runs priced their calls alike (and did price some).
        assert meters[0].dtime > 0 and meters[0] == meters[1]


@contextmanager
def busy_cores(threads: int) -> Iterator[None]:
    """``threads`` threads multiplying matrices (numpy releases the GIL) for the block:
    the solver's threads then run at other relative speeds."""
    stop = threading.Event()

    def spin() -> None:
        matrix = np.ones((300, 300))
        while not stop.is_set():
            matrix @ matrix

    spinners = [threading.Thread(target=spin, daemon=True) for _ in range(threads)]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join()


def test_two_workers_search_alike_under_load() -> None:
    """Two CP-SAT workers (interleaved, ``models.solve.make_solver``) do the same search
    whatever the load: the same model solved with the cores idle and with two busy threads
    competing for them gives the same solution and the same deterministic time, which the
    work budget charges (so the same later decisions). CP-SAT's parallel portfolio
    (workers racing) fails this: three such solves charged 0.1729, 0.1683 and 0.1768."""
    team_model = TeamModel(medium_cohort(0), pool=False)
    team_model.objectives()
    model = team_model.model
    model.minimize(
        1000 * team_model.objective_vars["balance"] + team_model.objective_vars["choices"]
    )
    answers = []
    for busy in (0, 2):
        solver = make_solver(SolveParams(workers=2), 10_000, 0.2)
        with busy_cores(busy):
            solver.solve(model)
        response = solver.response_proto
        answers.append((response.status, response.deterministic_time, list(response.solution)))
    assert answers[0][2], "a solution was found"
    assert answers[0] == answers[1]


def test_priced_deterministic_time_is_the_same_search() -> None:
    """A CP-SAT call given ``w`` units at ``work_per_dtime`` k stops after ``w / k`` of
    deterministic time and is charged k units for each (``models.solve``): the same
    search (balance proven, then choices cut short) given 0.2 units at price 1 and 0.6
    at price 3 stops at the same point, with the same solution, charged three times as
    much. (Without the price the second would run three times longer, or be charged as
    the first.)"""
    from models.solve import Objective, solve_lexicographic

    answers = []
    for price in (1.0, 3.0):
        team_model = TeamModel(medium_cohort(0), pool=False)
        team_model.objectives()
        objectives = [
            Objective(name, team_model.objective_vars[name], "min")
            for name in ("balance", "choices")
        ]
        params = SolveParams(time_limit=10_000, work_limit=0.2 * price, work_per_dtime=price)
        found = solve_lexicographic(team_model.model, objectives, params)
        assert found.solution is not None and found.status == Status.FEASIBLE
        answers.append((found.work / price, found.objectives, list(found.solution.values)))
    assert answers[0][0] == pytest.approx(answers[1][0])
    assert answers[0][1:] == answers[1][1:]


def test_model_too_large_for_memory_gives_the_start_improved_by_swaps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model estimated beyond ``MAX_MODEL_ENTRIES`` is never built (10,000 x 1,000: 1.1 GB
    of Python model, another GB in CP-SAT, no better teams in 120 s): the start is the
    result, after swaps paid from the work budget, never worse than the start itself in
    the priorities' order, the same on every call (counted work)."""
    import models.teams.work
    from models.teams.evaluate import lexicographic_best
    from models.teams.flows import start_assignment

    monkeypatch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
    monkeypatch.setattr(models.teams.work, "MAX_MODEL_ENTRIES", 0)

    def no_model(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the model must not be built")

    monkeypatch.setattr(models.teams.solve.TeamModel, "__init__", no_model)
    data = medium_cohort(0)
    params = SolveParams(time_limit=10_000, work_limit=5, seed=0, workers=1)
    first, second = solve_teams(data, params), solve_teams(data, params)
    assert first.status == Status.FEASIBLE and first.from_start
    assert first.team_of is not None and second.team_of is not None
    assert keeps_hard_rules(data, first.team_of)
    assert (first.team_of == second.team_of).all()
    start = start_assignment(data)
    assert start is not None
    best = lexicographic_best(data, [start.team_of, first.team_of])
    assert best is not None and (best == first.team_of).all()
    # The swaps were counted: more work than the same run without them.
    monkeypatch.setattr(models.teams.solve._Run, "improve_fallback", lambda run: None)
    without = solve_teams(data, params)
    assert without.from_start and first.work > without.work


def test_several_workers_let_one_worker_settle_a_small_stage_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With two workers each stage is first given to one worker for ``ONE_WORKER_FIRST``
    units of deterministic time: a stage it proves within them ends there, so two workers
    prove the same optimum for the same work as one (CP-SAT's interleaved workers took
    many times longer on small stages: 3.4 s against 0.2 s on 120 students). With no such
    first step (``ONE_WORKER_FIRST`` 0) the interleaved workers prove it too, for other work:
    what the comparison tells apart."""
    import models.solve
    from models.solve import Objective, solve_lexicographic

    def run(workers: int, first: float) -> Any:
        monkeypatch.setattr(models.solve, "ONE_WORKER_FIRST", first)
        team_model = TeamModel(medium_cohort(1), pool=False)
        team_model.objectives()
        objectives = [
            Objective(name, team_model.objective_vars[name], "min")
            for name in ("balance", "choices")
        ]
        params = SolveParams(time_limit=10_000, workers=workers)
        found = solve_lexicographic(team_model.model, objectives, params)
        assert found.status == Status.OPTIMAL
        return found

    one = run(1, 1.0)
    two = run(2, 1.0)
    assert two.objectives == one.objectives
    assert two.work == pytest.approx(one.work)
    interleaved = run(2, 0.0)
    assert interleaved.objectives == one.objectives
    assert interleaved.work != pytest.approx(one.work)
