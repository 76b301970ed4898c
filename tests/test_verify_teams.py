"""The independent team validator on hand-computed cases."""

from __future__ import annotations

from typing import Any

import pytest

from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.verify.teams import (
    choice_rank,
    experience_gap,
    matches_condition,
    team_metrics,
    team_objectives,
    team_violations,
    written_rank,
)


def _student(sid: str, **fields: Any) -> Student:
    return Student(id=sid, background=fields.pop("background", "AS"), **fields)


def _commission(cid: str, institution: str = "", **fields: Any) -> Commission:
    return Commission(
        id=cid, institution=institution or f"Inst {cid}", sector="s", problem_type="p", **fields
    )


def test_choice_rank_counts_only_selected_choices() -> None:
    student = _student("S1", choices=("C9", "C2", "C3", "C2"))
    selected = ["C1", "C2", "C3"]
    assert choice_rank(student, "C2", selected) == 1  # C9 not selected: C2 is first
    assert choice_rank(student, "C3", selected) == 2
    assert choice_rank(student, "C1", selected) == 3  # unlisted: 2 listed selected + 1
    assert choice_rank(_student("S2"), "C1", selected) is None
    # Choices none of which were selected: every team is "unlisted" = rank 1.
    assert choice_rank(_student("S3", choices=("C9",)), "C1", selected) == 1


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("vae=yes", True),
        ("VAE=oui", True),
        ("vae=no", False),
        ("gender=f", True),
        ("gender=M", False),
        ("background=as", True),
        ("colour=red", False),
    ],
)
def test_no_isolation_conditions(condition: str, expected: bool) -> None:
    student = _student("S1", vae=True, gender="F")
    assert matches_condition(student, condition) is expected


def _cohort() -> tuple[Instance, list[str]]:
    students = (
        _student("S1", background="AS", choices=("C1", "C2"), experience_years=0.0),
        _student("S2", background="AS", choices=("C1", "C2"), experience_years=10.0),
        _student("S3", background="ED", choices=("C2",), employer="inst  one"),
        _student("S4", background="ED", experience_years=None),
    )
    commissions = (_commission("C1", "Inst One"), _commission("C2", "Inst Two"))
    pairs = (Pair(student_a="S1", student_b="S2", relation="apart"),)
    instance = Instance(
        name="t",
        commissions=commissions,
        students=students,
        pairs=pairs,
        settings=Settings(teams=TeamSettings(balance=("background",), no_isolation=("vae=no",))),
    )
    return instance, ["C1", "C2"]


def test_metrics_objectives_and_violations_of_a_poor_assignment() -> None:
    instance, ids = _cohort()
    # S1, S2 (both AS, apart pair) in C1; S3 (employer Inst One) and S4 in C2.
    assignment = {"S1": "C1", "S2": "C1", "S3": "C1", "S4": "C2"}
    metrics = team_metrics(instance, ids, assignment)
    # Sizes 3 and 1. AS: N=2, window [1,1]: C1 has 2 (+1), C2 0 (+1). ED: C1 1, C2 1 (0).
    assert metrics["size_min"] == 1 and metrics["size_max"] == 3
    assert metrics["balance_violations"] == 2
    # Ranks: S1 1, S2 1, S3 C1 unlisted -> 1 listed selected + 1 = 2; S4 has no choices.
    assert metrics["worst_choice"] == 2
    assert metrics["first_choice_share"] == round(2 / 3, 4)
    # Written choices: S3 is on a commission they never listed, so neither in the top 3 nor
    # listed (the available rank 2 would have counted them "within the top 3").
    assert metrics["top3_share"] == round(2 / 3, 4)
    assert metrics["listed_share"] == round(2 / 3, 4)
    assert metrics["unlisted"] == 1
    assert metrics["conflicts_of_interest"] == 1
    assert metrics["pair_violations"] == 1
    objectives = team_objectives(instance, ids, assignment, previous={"S1": "C2", "S9": "C1"})
    assert objectives["choices"] == 4
    assert objectives["moves"] == 1
    violations = [str(v) for v in team_violations(instance, ids, assignment)]
    text = "\n".join(violations)
    # One size allowed (2 to 2) is said as one number.
    assert "team C1 has 3 students, expected 2\n" in text + "\n"
    assert "S3" in text and "employer" in text
    assert "S1 and S2 must be apart" in text
    # Every student is vae=no: S4 alone in C2 is isolated.
    assert "S4 is the only student with vae=no in C2" in text


def test_a_fair_assignment_breaks_nothing() -> None:
    instance, ids = _cohort()
    assignment = {"S1": "C1", "S4": "C1", "S2": "C2", "S3": "C2"}
    assert [str(v) for v in team_violations(instance, ids, assignment)] == []


def test_missing_and_unknown_students_are_reported() -> None:
    instance, ids = _cohort()
    violations = [
        str(v) for v in team_violations(instance, ids, {"S1": "C1", "S2": "C7", "S9": "C1"})
    ]
    text = "\n".join(violations)
    assert "S3 has no team" in text
    assert "S2 is in C7, which is not a selected team" in text
    assert "S9 is assigned but is not a student" in text


def test_experience_gap_by_hand() -> None:
    instance, ids = _cohort()
    # Tenths: S1 0, S2 100, S3 unknown, S4 unknown -> mean of known (0+100)/2 = 50.
    # E = 200, N = 4. Teams {S1,S2} = 100 and {S3,S4} = 100, each size 2:
    # |4*100 - 2*200| = 0 for both.
    assert experience_gap(instance, ids, {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"}) == 0
    # Teams {S1,S3} = 50 and {S2,S4} = 150: |200 - 400| = |600 - 400| = 200; max 200.
    assert experience_gap(instance, ids, {"S1": "C1", "S3": "C1", "S2": "C2", "S4": "C2"}) == 200


def test_nobody_with_choices_gives_no_choice_metrics() -> None:
    instance = Instance(name="t", commissions=(_commission("C1"),), students=(_student("S1"),))
    metrics = team_metrics(instance, ["C1"], {"S1": "C1"})
    assert metrics["worst_choice"] is None and metrics["first_choice_share"] is None
    assert team_objectives(instance, ["C1"], {"S1": "C1"})["worst_choice"] == 0


def test_choice_figures_are_about_what_students_wrote() -> None:
    """The shares shown to people never count an unlisted team as a good rank (contract §5).

    S1 listed five proposals, none selected: the solver ranks their team 1 (listed selected
    + 1), yet they got nothing they asked for. S2 wrote C9 first (not selected), then C1,
    and sits in C1: on their best selected choice but not their first written one. S3 sits on
    their fourth written choice. S4 gave no choices and counts in no figure.
    """
    selected = ["C1", "C2"]
    students = (
        _student("S1", choices=("C5", "C6", "C7", "C8", "C9")),
        _student("S2", choices=("C9", "C1")),
        _student("S3", choices=("C5", "C6", "C7", "C2")),
        _student("S4"),
    )
    commissions = tuple(_commission(f"C{i}") for i in range(1, 10))
    instance = Instance(name="t", commissions=commissions, students=students)
    assignment = {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"}
    metrics = team_metrics(instance, selected, assignment)
    # Available ranks: S1 1 (unlisted, nothing selected), S2 1, S3 1: the solver sees three
    # first choices, the students wrote otherwise.
    assert metrics["worst_choice"] == 1
    assert metrics["first_choice_share"] == 0.0
    assert metrics["best_available_share"] == round(2 / 3, 4)  # S2 and S3
    # Within the first three written: S2 only (2nd); S1 is unlisted, S3 on their 4th.
    assert metrics["top3_share"] == round(1 / 3, 4)
    assert metrics["listed_share"] == round(2 / 3, 4)
    assert metrics["unlisted"] == 1
    assert metrics["first_choice_unavailable"] == 3
    assert written_rank(students[0], "C1") is None
    assert written_rank(students[1], "C1") == 2
    assert written_rank(students[2], "C2") == 4
