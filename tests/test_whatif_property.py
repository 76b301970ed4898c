"""Property: any what-if result keeps every rule and never moves more than a cold solve would.

Random tiny cohorts (2-3 teams, up to 10 students, shared institutions, employers, choices,
a pair or two) get a previous assignment from a cold ``form_teams``; then random changes
(withdrawals with or without replacement, students leaving, arrivals) are applied. The
what-if answer must pass the independent validator, and its moves (proven minimal) may not
exceed those of a cold solve of the changed cohort, counted against the same previous teams.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from matcher.results import SelectionRow, Status
from matcher.schemas import (
    Commission,
    Instance,
    Pair,
    SelectionSettings,
    Settings,
    SolverSettings,
    Student,
)
from matcher.teams import form_teams
from matcher.verify.selection import selection_violations
from matcher.verify.teams import team_violations
from matcher.whatif import WhatIf, apply_changes, moves_against, previous_teams_after
from models.solve import SolveParams

PARAMS = SolveParams(time_limit=10.0, seed=0, workers=1)
INSTITUTIONS = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
BACKGROUNDS = ("assistant social", "éducateur", "GRH")


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[Instance, tuple[SelectionRow, ...]]:
    """A cohort and its previous selection: K selected commissions, then ranked reserves."""
    num_selected = draw(st.integers(2, 3))
    num_reserves = draw(st.integers(0, 3))
    commissions = []
    used: list[str] = []
    for k in range(num_selected + num_reserves):
        # Selected commissions have distinct institutions (cap 1); reserves may share one.
        pool = [i for i in INSTITUTIONS if i not in used] if k < num_selected else INSTITUTIONS
        institution = draw(st.sampled_from(pool))
        used.append(institution)
        max_size = draw(st.sampled_from((None, None, 2, 3, 4)))
        commissions.append(
            Commission(
                id=f"C{k + 1}",
                institution=institution,
                sector=f"sector {k % 3}",
                problem_type="évaluation",
                max_size=max_size,
            )
        )
    ids = [c.id for c in commissions]
    num_students = draw(st.integers(2 * num_selected, 3 * num_selected + 1))
    students = []
    for i in range(num_students):
        choices = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        students.append(
            Student(
                id=f"S{i + 1}",
                background=draw(st.sampled_from(BACKGROUNDS)),
                gender=draw(st.sampled_from(("F", "M"))),
                employer=draw(st.one_of(st.none(), st.sampled_from(INSTITUTIONS))),
                choices=tuple(choices),
            )
        )
    pairs = []
    if draw(st.booleans()):
        a, b = draw(st.lists(st.integers(0, num_students - 1), min_size=2, max_size=2, unique=True))
        relation = draw(st.sampled_from(("apart", "together")))
        pairs.append(Pair(student_a=f"S{a + 1}", student_b=f"S{b + 1}", relation=relation))
    instance = Instance(
        name="random",
        commissions=tuple(commissions),
        students=tuple(students),
        pairs=tuple(pairs),
        settings=Settings(
            selection=SelectionSettings(count=num_selected),
            solver=SolverSettings(time_limit=10.0),
        ),
        student_columns=frozenset({"gender", "employer", "choices"}),
    )
    rows = tuple(
        SelectionRow(
            c.id,
            True,
            k < num_selected,
            None if k < num_selected else k - num_selected + 1,
            "selected" if k < num_selected else f"reserve {k - num_selected + 1}: lower priority",
        )
        for k, c in enumerate(commissions)
    )
    return instance, rows


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Instance, tuple[SelectionRow, ...], WhatIf]:
    instance, rows = draw(cohorts())
    selected = [r.id for r in rows if r.selected]
    withdraw = draw(
        st.lists(st.sampled_from(selected), min_size=1, max_size=len(selected) - 1, unique=True)
    )
    withdraw = withdraw if draw(st.integers(0, 3)) else []
    leaving = draw(st.lists(st.sampled_from([s.id for s in instance.students]), max_size=2))
    arrivals = tuple(
        Student(
            id=f"A{k + 1}",
            background=draw(st.sampled_from(BACKGROUNDS)),
            gender=draw(st.sampled_from(("F", "M"))),
            employer=draw(st.one_of(st.none(), st.sampled_from(INSTITUTIONS))),
            choices=tuple(draw(st.lists(st.sampled_from([r.id for r in rows]), max_size=2))),
        )
        for k in range(draw(st.integers(0, 2)))
    )
    changes = WhatIf(
        tuple(withdraw), tuple(dict.fromkeys(leaving)), arrivals, replace=draw(st.booleans())
    )
    assume(not changes.empty)
    return instance, rows, changes


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(scenarios())
def test_whatif_keeps_the_rules_and_moves_no_more_than_a_cold_solve(
    scenario: tuple[Instance, tuple[SelectionRow, ...], WhatIf],
) -> None:
    instance, rows, changes = scenario
    selected = [r.id for r in rows if r.selected]
    before = form_teams(instance, selected, PARAMS)
    assume(before.stage.status == Status.OPTIMAL)
    previous = before.assignment

    outcome = apply_changes(instance, rows, previous, changes, PARAMS)
    assert outcome.selection is not None and outcome.teams is not None
    ids = outcome.teams.commission_ids
    assert selection_violations(outcome.instance, ids) == [] or len(ids) < len(selected)
    assert not set(changes.withdraw_commissions) & set(ids)
    cold = form_teams(outcome.instance, ids, PARAMS)
    if not outcome.teams.stage.solved:
        # Same rules, only the priorities differ: a cold solve cannot do better.
        assert outcome.teams.stage.status == Status.INFEASIBLE
        assert cold.stage.status == Status.INFEASIBLE
        event("infeasible after the change")
        return
    assert outcome.changes is not None
    assignment = outcome.teams.assignment
    assert team_violations(outcome.instance, ids, assignment) == []
    after = previous_teams_after(
        previous,
        [s.id for s in outcome.instance.students],
        changes.withdraw_commissions,
        outcome.changes.replaced,
    )
    assert outcome.changes.moves == moves_against(assignment, after)
    assert cold.stage.solved
    assert outcome.changes.moves <= moves_against(cold.assignment, after)
    event(f"moves {min(outcome.changes.moves, 2)}{'+' if outcome.changes.moves >= 2 else ''}")
    if changes.withdraw_commissions:
        event("replaced" if outcome.changes.replaced else "dissolved")
    # A replaced team keeps its members whenever nothing else changed.
    if outcome.changes.replaced and not changes.withdraw_students and not changes.add_students:
        assert outcome.changes.moves == 0
    # changes.csv covers exactly the students whose commission differs.
    differ = {s for s in {*previous, *assignment} if previous.get(s, "") != assignment.get(s, "")}
    assert {row[0] for row in outcome.changes.rows} == differ
