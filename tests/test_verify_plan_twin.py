"""Twin test: the file-based plan verifier (``matcher.verify.plan.plan_breaks``) agrees with
the engine's index-based one (``models.plan_data.plan_violations``).

Random small cohorts (institutions sharing names and towns, ties, unavailable slots,
commissions offering some oral slots, capacities) are planned by the engine; the plan, and
randomly perturbed copies of it, are written as the rows of supervision.csv and
schedule.csv and judged by both. The two are written apart (one in indices from
``PlanData``, one from ids, names and HH:MM times), so a disagreement is a bug in one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.planning import build_plan_data, schedule_rows, supervision_rows
from matcher.results import PlanResult, StageResult
from matcher.schemas import Commission, Instance, Settings, Supervisor
from matcher.verify.plan import PlanBreak, plan_breaks
from models.outcome import SolveParams
from models.plan import solve_plan
from models.plan_data import Plan, PlanData, plan_violations

INSTITUTIONS = ("CPAS de Namur", "Maison médicale Horizon", "AMO Arc-en-ciel")
TOWNS = ("Namur", "Jambes", None)
ORAL_SLOTS = ("oral_thu", "oral_fri")
SLOTS = ("visit", *ORAL_SLOTS)
PARAMS = SolveParams(time_limit=20.0, workers=1, seed=0)


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[Instance, tuple[Supervisor, ...]]:
    """Two to four teams and one to three supervisors, with random rules."""
    K = draw(st.integers(2, 4))
    S = draw(st.integers(1, 3))
    commissions = []
    for k in range(K):
        offered = draw(st.sampled_from([None, ("oral_thu",), ("oral_fri",), ORAL_SLOTS]))
        commissions.append(
            Commission(
                id=f"C{k + 1}",
                institution=draw(st.sampled_from(INSTITUTIONS)),
                sector=draw(st.sampled_from(("logement", "santé"))),
                problem_type="évaluation",
                town=draw(st.sampled_from(TOWNS)),
                slots=None if offered is None else ("visit", *offered),
            )
        )
    supervisors = tuple(
        Supervisor(
            id=f"A{s + 1}",
            max_teams=draw(st.sampled_from([None, 1, 2, 3])),
            sectors=draw(st.sampled_from([(), ("logement",), ("santé", "logement")])),
            ties=draw(st.sampled_from([(), ("CPAS de Namur",), ("Horizon",)])),
            unavailable=draw(st.sampled_from([(), ("oral_thu",), ("oral_fri",), ("visit",)])),
        )
        for s in range(S)
    )
    calendar = {
        "visit_window": ["09:00", draw(st.sampled_from(["11:00", "12:00", "13:00"]))],
        "visit_minutes": 60,
        "oral_window": ["09:00", "11:00"],
        "oral_minutes": 30,
        "oral_slots": list(ORAL_SLOTS),
        "travel_minutes": draw(st.sampled_from([15, 30, 45])),
        "same_town_minutes": draw(st.sampled_from([0, 15])),
        "dates": {"visit": "2026-10-09", "oral_fri": "2027-04-16"},
    }
    settings_ = Settings.model_validate({"calendar": calendar})
    instance = Instance(
        name="twin", commissions=tuple(commissions), supervisors=supervisors, settings=settings_
    )
    return instance, supervisors


#: The engine's sentences (``plan_violations``) → (rule family, subject).
ENGINE = (
    (re.compile(r"^(\S+) has \d+ teams, at most \d+$"), lambda m: ("capacity", m[1])),
    (re.compile(r"^(\S+): \S+ is tied to its institution$"), lambda m: ("ties", m[1])),
    (re.compile(r"^(\S+): visit outside the visit window$"), lambda m: ("visit_window", m[1])),
    (re.compile(r"^(\S+): oral in a slot its"), lambda m: ("oral_slot", m[1])),
    (re.compile(r"^(\S+): oral outside the oral window$"), lambda m: ("oral_window", m[1])),
    (re.compile(r"^(\S+): \S+ is unavailable on (\S+)$"), lambda m: ("unavailable", m[1], m[2])),
    (
        re.compile(r"^(\S+) on (\S+): (\S+) and (\S+) leave"),
        lambda m: ("one_place", m[1], m[2], frozenset((m[3], m[4]))),
    ),
)


def _engine_families(found: list[str]) -> list[tuple[object, ...]]:
    families = []
    for sentence in found:
        for pattern, family in ENGINE:
            match = pattern.match(sentence)
            if match:
                families.append(family(match))
                break
        else:
            raise AssertionError(f"an engine sentence this test does not know: {sentence}")
    return families


def _verifier_family(b: PlanBreak) -> tuple[object, ...]:
    """The engine's family of a break: both oral-slot rules are one there, and it does not
    tell two events at once from too little travel time."""
    if b.rule == "capacity":
        return ("capacity", b.subject[0])
    if b.rule in ("ties", "visit_window", "oral_window"):
        return (b.rule, b.subject[0])
    if b.rule in ("oral_slot", "oral_host"):
        return ("oral_slot", b.subject[0])
    if b.rule == "unavailable":
        return ("unavailable", b.subject[1], b.subject[3])
    if b.rule in ("overlap", "travel"):
        return ("one_place", b.subject[0], b.subject[1], frozenset(b.subject[2:]))
    return (b.rule, *b.subject)  # a rule the engine cannot break: a disagreement


def _agree(
    instance: Instance, supervisors: tuple[Supervisor, ...], data: PlanData, plan: Plan
) -> None:
    """Both verifiers find the same broken rules in ``plan`` (as multisets of families)."""
    _, context = build_plan_data(instance, data.team_labels, supervisors)
    files = PlanResult(
        StageResult.from_file(),
        tuple(supervision_rows(data, context, plan)),
        tuple(schedule_rows(data, context, plan)),
        supervisors,
    )
    mine = sorted(
        map(
            repr,
            (
                _verifier_family(b)
                for b in plan_breaks(instance, files, data.team_labels, supervisors)
            ),
        )
    )
    engine = sorted(map(repr, _engine_families(plan_violations(data, plan))))
    assert mine == engine


@settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cohorts(), st.data())
def test_file_verifier_agrees_with_the_engine(
    cohort: tuple[Instance, tuple[Supervisor, ...]], data_: st.DataObject
) -> None:
    """On the engine's plan (when one exists: then both find nothing) and on perturbed
    copies (a supervisor changed, an event moved by a multiple of 5 minutes, an oral moved
    to the other slot), both verifiers name the same broken rules for the same teams,
    supervisors and slots."""
    instance, supervisors = cohort
    team_ids = tuple(c.id for c in instance.commissions)
    data, _ = build_plan_data(instance, team_ids, supervisors)
    solution = solve_plan(data, PARAMS)
    if solution.plan is not None:
        assert plan_violations(data, solution.plan) == []
        start = solution.plan
    else:
        # No plan keeps the rules: perturb an arbitrary one (every event at 09:00).
        K = data.num_teams
        start = Plan((0,) * K, (540,) * K, (0,) * K, (540,) * K)
    _agree(instance, supervisors, data, start)
    K, S = data.num_teams, data.num_supervisors
    for _ in range(3):
        plan = start
        for _ in range(data_.draw(st.integers(1, 3))):
            t = data_.draw(st.integers(0, K - 1))
            field = data_.draw(st.sampled_from(["supervisor", "visit", "oral_slot", "oral"]))
            if field == "supervisor":
                value = data_.draw(st.integers(0, S - 1))
                plan = replace(plan, supervisor=_set(plan.supervisor, t, value))
            elif field == "oral_slot":
                value = data_.draw(st.integers(0, data.num_orals - 1))
                plan = replace(plan, oral_slot=_set(plan.oral_slot, t, value))
            else:
                shift = 5 * data_.draw(st.integers(-30, 36))
                attr = "visit_start" if field == "visit" else "oral_start"
                moved = min(max(getattr(plan, attr)[t] + shift, 420), 1080)
                plan = replace(plan, **{attr: _set(getattr(plan, attr), t, moved)})
        _agree(instance, supervisors, data, plan)


def _set(values: tuple[int, ...], index: int, value: int) -> tuple[int, ...]:
    return (*values[:index], value, *values[index + 1 :])
