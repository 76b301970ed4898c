"""Stage 2: proven optima on tiny cohorts, one feasible/infeasible pair per rule, and the
solver agreeing with the independent validator (and with brute force) on random cohorts."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.results import Status, TeamResult
from matcher.rules import team_size_bounds
from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.teams import form_teams
from matcher.verify.teams import team_objectives, team_violations
from models.solve import SolveParams

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)


def student(sid: str, **fields: Any) -> Student:
    return Student(id=sid, background=fields.pop("background", "AS"), **fields)


def commission(cid: str, **fields: Any) -> Commission:
    institution = fields.pop("institution", f"Inst {cid}")
    return Commission(id=cid, institution=institution, sector="s", problem_type="p", **fields)


def cohort(
    students: Sequence[Student],
    num_teams: int,
    pairs: Sequence[tuple[str, str, str]] = (),
    commissions: Sequence[Commission] | None = None,
    **team_settings: Any,
) -> tuple[Instance, list[str]]:
    commissions = commissions or [commission(f"C{t + 1}") for t in range(num_teams)]
    instance = Instance(
        name="tiny",
        commissions=tuple(commissions),
        students=tuple(students),
        pairs=tuple(Pair(student_a=a, student_b=b, relation=r) for a, b, r in pairs),  # type: ignore[arg-type]
        settings=Settings(teams=TeamSettings(**team_settings)),
    )
    return instance, [c.id for c in commissions]


def objectives(result: TeamResult) -> dict[str, int]:
    return {o.name: o.value for o in result.stage.objectives}


def solve(instance: Instance, ids: Sequence[str], **kwargs: Any) -> TeamResult:
    result = form_teams(instance, ids, PARAMS, **kwargs)
    if result.stage.solved:
        assert [str(v) for v in team_violations(instance, ids, result.assignment)] == []
        recomputed = team_objectives(instance, ids, result.assignment, kwargs.get("previous"))
        for name, value in objectives(result).items():
            assert recomputed[name] == value, name
    return result


# -- sizes -------------------------------------------------------------------------------


def test_size_bounds_default_settings_and_narrowing() -> None:
    students = [student(f"S{i}") for i in range(7)]
    instance, ids = cohort(
        students, 2, commissions=[commission("C1"), commission("C2", max_size=3)]
    )
    assert team_size_bounds(instance, ids) == {"C1": (3, 4), "C2": (3, 3)}
    instance, ids = cohort(students, 2, min_size=2, max_size=5)
    assert team_size_bounds(instance, ids) == {"C1": (2, 5), "C2": (2, 5)}


def test_sizes_feasible_and_infeasible() -> None:
    students = [student(f"S{i}") for i in range(5)]
    instance, ids = cohort(students, 2, max_size=3)
    assert solve(instance, ids).stage.status == Status.OPTIMAL
    instance, ids = cohort(students, 2, max_size=2)
    result = solve(instance, ids)
    assert result.stage.status == Status.INFEASIBLE
    assert "team sizes: 5 students cannot fit 2 teams of at most 2" in tuple(
        map(str, result.stage.diagnosis)
    )


# -- priorities: tiny proven optima -------------------------------------------------------


def test_worst_choice_and_choices_optimum() -> None:
    # Four students all want C1 then C2; teams of exactly 2: two of them get their second
    # choice, so worst_choice = 2 and choices = 1 + 1 + 2 + 2 = 6.
    students = [student(f"S{i}", choices=("C1", "C2")) for i in range(4)]
    instance, ids = cohort(students, 2, priorities=("worst_choice", "choices"))
    result = solve(instance, ids)
    assert result.stage.status == Status.OPTIMAL
    assert objectives(result) == {"worst_choice": 2, "choices": 6}


def test_balance_order_matters() -> None:
    # A1, A2 (background A) want only C1; B1, B2 want only C2; teams of 2.
    # Choices first: both A in C1, both B in C2. Window of A and B is [1, 1] per team, so
    # each team is off by one for A and by one for B: balance = 4.
    # Balance first: one A and one B per team (balance 0), so two students get rank 2.
    students = [
        student("A1", background="A", choices=("C1",)),
        student("A2", background="A", choices=("C1",)),
        student("B1", background="B", choices=("C2",)),
        student("B2", background="B", choices=("C2",)),
    ]
    instance, ids = cohort(students, 2, priorities=("worst_choice", "balance"))
    assert objectives(solve(instance, ids)) == {"worst_choice": 1, "balance": 4}
    instance, ids = cohort(students, 2, priorities=("balance", "worst_choice", "choices"))
    assert objectives(solve(instance, ids)) == {"balance": 0, "worst_choice": 2, "choices": 6}


def test_experience_optimum() -> None:
    # Years 0, 0, 10, 10 in two teams of two: one junior and one senior each gives every
    # team exactly its share (gap 0); pairing juniors would give |4*0 - 2*200| = 400.
    students = [student(f"S{i}", experience_years=y) for i, y in enumerate([0, 0, 10, 10])]
    instance, ids = cohort(students, 2, priorities=("experience",))
    assert objectives(solve(instance, ids)) == {"experience": 0}


def test_moves_first_keeps_previous_teams() -> None:
    # Everyone prefers C1, but the previous teams put S0, S1 in C2: with moves first they
    # stay there (moves 0), and choices = 1 + 1 + 2 + 2.
    students = [student(f"S{i}", choices=("C1", "C2")) for i in range(4)]
    instance, ids = cohort(students, 2)
    previous = {"S0": "C2", "S1": "C2", "S2": "C1", "S3": "C1"}
    result = solve(instance, ids, previous=previous, extra_priorities_first=("moves",))
    assert result.stage.objectives[0].name == "moves"
    assert objectives(result)["moves"] == 0
    assert result.assignment == previous


# -- one feasible / infeasible pair per rule ---------------------------------------------


def test_conflict_of_interest_pin() -> None:
    students = [
        student("S1", name="Marie Dupont", employer="CPAS de  Namur", pinned="C1"),
        student("S2"),
    ]
    commissions = [commission("C1", institution="cpas de namur"), commission("C2")]
    instance, ids = cohort(students, 2, commissions=commissions)
    result = solve(instance, ids)
    assert result.stage.status == Status.INFEASIBLE
    assert (
        "S1 (Marie Dupont) is pinned to C1 whose institution is their employer (cpas de namur)"
        in tuple(map(str, result.stage.diagnosis))
    )
    instance, ids = cohort(students, 2, commissions=commissions, conflict_of_interest=False)
    assert solve(instance, ids).assignment["S1"] == "C1"


def test_conflict_of_interest_keeps_student_away() -> None:
    students = [student("S1", employer="Inst C1", choices=("C1", "C2")), student("S2")]
    instance, ids = cohort(students, 2)
    assert solve(instance, ids).assignment["S1"] == "C2"


def test_pin_to_unselected_commission() -> None:
    students = [student("S1", pinned="C3"), student("S2")]
    instance, ids = cohort(students, 2, commissions=[commission(c) for c in ("C1", "C2", "C3")])
    result = solve(instance, ids[:2])
    assert result.stage.status == Status.INFEASIBLE
    assert (
        "S1 is pinned to C3, which is not a selected commission (to keep it, add C3 to "
        "[selection] include and select again)"
    ) in tuple(map(str, result.stage.diagnosis))
    assert solve(instance, ["C1", "C3"]).assignment["S1"] == "C3"


def test_pairs_together_and_apart() -> None:
    students = [student(f"S{i}") for i in range(4)]
    instance, ids = cohort(students, 2, pairs=[("S0", "S1", "together"), ("S0", "S1", "apart")])
    result = solve(instance, ids)
    said = "S0 and S1 must be together and apart (pairs.csv: keep one of the two rows)"
    assert said in tuple(map(str, result.stage.diagnosis))
    instance, ids = cohort(students, 2, pairs=[("S0", "S1", "together"), ("S0", "S2", "apart")])
    assignment = solve(instance, ids).assignment
    assert assignment["S0"] == assignment["S1"] != assignment["S2"]


def test_together_group_larger_than_pinned_team() -> None:
    students = [student(f"S{i}") for i in range(6)]
    students[0] = student("S0", pinned="C2")
    together = [("S0", "S1", "together"), ("S1", "S2", "together"), ("S2", "S3", "together")]
    instance, ids = cohort(students, 2, pairs=together, max_size=3, min_size=0)
    result = solve(instance, ids)
    assert "together-group S0, S1, S2 and S3 (4) exceeds max size 3 of C2" in tuple(
        map(str, result.stage.diagnosis)
    )
    instance, ids = cohort(students, 2, pairs=together[:2], max_size=3, min_size=0)
    assert solve(instance, ids).stage.solved


def test_apart_triangle_is_explained() -> None:
    # Three students pairwise apart cannot fit two teams (said as one group since probe
    # s14j: "S0, S1 and S2 must all be kept apart from one another (3 students), but there
    # are only 2 teams").
    students = [student(f"S{i}") for i in range(4)]
    apart = [("S0", "S1", "apart"), ("S1", "S2", "apart"), ("S0", "S2", "apart")]
    instance, ids = cohort(students, 2, pairs=apart)
    result = solve(instance, ids)
    assert result.stage.status == Status.INFEASIBLE
    text = "\n".join(tuple(map(str, result.stage.diagnosis)))
    assert "S0, S1 and S2 must all be kept apart" in text and "only 2 teams" in text, text
    instance, ids = cohort(students, 2, pairs=apart[:2])
    assert solve(instance, ids).stage.solved


def test_no_isolation() -> None:
    students = [student(f"S{i}", vae=i < 2) for i in range(4)]
    instance, ids = cohort(students, 2, no_isolation=("vae=yes",))
    assignment = solve(instance, ids).assignment
    assert assignment["S0"] == assignment["S1"]
    students = [student(f"S{i}", vae=i < 1) for i in range(4)]
    instance, ids = cohort(students, 2, no_isolation=("vae=yes",))
    result = solve(instance, ids)
    assert result.stage.status == Status.INFEASIBLE
    assert any("only such student" in d for d in tuple(map(str, result.stage.diagnosis)))


def test_no_isolation_against_sizes_is_explained_by_the_model() -> None:
    # Three vae students, teams of exactly 2 among 3 teams: the three cannot be split into
    # groups of 0 or >= 2 within teams of 2 (2 + 1 breaks isolation, 3 breaks the size).
    students = [student(f"S{i}", vae=i < 3) for i in range(6)]
    instance, ids = cohort(students, 3, no_isolation=("vae=yes",))
    result = solve(instance, ids)
    assert result.stage.status == Status.INFEASIBLE
    text = "\n".join(tuple(map(str, result.stage.diagnosis)))
    assert "no_isolation vae=yes" in text


# -- random tiny cohorts: validator and brute force agree -----------------------------------


def brute_force(
    instance: Instance,
    ids: Sequence[str],
    previous: dict[str, str] | None = None,
) -> dict[str, int] | None:
    """Lexicographic optimum over every assignment that breaks no rule (tiny cohorts)."""
    priorities: tuple[str, ...] = instance.settings.teams.priorities
    if previous is not None:
        priorities = ("moves", *priorities)
    best: tuple[int, ...] | None = None
    student_ids = [s.id for s in instance.students]
    for teams in itertools.product(ids, repeat=len(student_ids)):
        assignment = dict(zip(student_ids, teams, strict=True))
        if [str(v) for v in team_violations(instance, ids, assignment)]:
            continue
        values = team_objectives(instance, ids, assignment, previous)
        vector = tuple(values[p] for p in priorities)
        if best is None or vector < best:
            best = vector
    return None if best is None else dict(zip(priorities, best, strict=True))


@st.composite
def tiny_cohorts(draw: st.DrawFn) -> tuple[Instance, list[str]]:
    num_teams = draw(st.integers(2, 3))
    num_students = draw(st.integers(num_teams, 6))
    ids = [f"C{t + 1}" for t in range(num_teams)]
    students = []
    for i in range(num_students):
        choices = draw(st.lists(st.sampled_from(ids), max_size=num_teams, unique=True))
        students.append(
            student(
                f"S{i}",
                background=draw(st.sampled_from(["AS", "ED"])),
                vae=draw(st.booleans()),
                employer=draw(st.sampled_from([None, None, None, "Inst C1"])),
                experience_years=draw(st.sampled_from([None, 0.0, 2.5, 10.0])),
                choices=tuple(choices),
                pinned=draw(st.sampled_from([None] * 6 + ["C2"])),
            )
        )
    names = [s.id for s in students]
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(names),
                st.sampled_from(names),
                st.sampled_from(["apart", "together"]),
            ).filter(lambda p: p[0] != p[1]),
            max_size=2,
        )
    )
    priorities = draw(st.permutations(["worst_choice", "balance", "choices", "experience"]))
    no_isolation = draw(st.sampled_from([(), (), ("vae=yes",)]))
    return cohort(
        students, num_teams, pairs, priorities=tuple(priorities), no_isolation=no_isolation
    )


@settings(
    derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_cohorts())
def test_solver_matches_brute_force(case: tuple[Instance, list[str]]) -> None:
    instance, ids = case
    result = solve(instance, ids)  # checks rules and objective twins when solved
    expected = brute_force(instance, ids)
    if expected is None:
        assert result.stage.status == Status.INFEASIBLE
        assert tuple(map(str, result.stage.diagnosis))
    else:
        assert result.stage.status == Status.OPTIMAL
        assert objectives(result) == expected


@settings(
    derandomize=True, max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(tiny_cohorts(), st.data())
def test_moves_first_matches_brute_force(
    case: tuple[Instance, list[str]], data: st.DataObject
) -> None:
    instance, ids = case
    previous = {
        s.id: team
        for s in instance.students
        if (team := data.draw(st.sampled_from([None, *ids]))) is not None
    }
    result = solve(instance, ids, previous=previous, extra_priorities_first=("moves",))
    expected = brute_force(instance, ids, previous)
    if expected is None:
        assert result.stage.status == Status.INFEASIBLE
    else:
        assert result.stage.status == Status.OPTIMAL
        assert objectives(result) == expected
