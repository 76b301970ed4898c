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
    assert metrics["top3_share"] == 1.0
    assert metrics["conflicts_of_interest"] == 1
    assert metrics["pair_violations"] == 1
    objectives = team_objectives(instance, ids, assignment, previous={"S1": "C2", "S9": "C1"})
    assert objectives["choices"] == 4
    assert objectives["moves"] == 1
    violations = team_violations(instance, ids, assignment)
    text = "\n".join(violations)
    assert "team C1 has 3 students, expected 2 to 2" in text
    assert "S3" in text and "employer" in text
    assert "S1 and S2 must be apart" in text
    # Every student is vae=no: S4 alone in C2 is isolated.
    assert "S4 is the only student with vae=no in C2" in text


def test_a_fair_assignment_breaks_nothing() -> None:
    instance, ids = _cohort()
    assignment = {"S1": "C1", "S4": "C1", "S2": "C2", "S3": "C2"}
    assert team_violations(instance, ids, assignment) == []


def test_missing_and_unknown_students_are_reported() -> None:
    instance, ids = _cohort()
    violations = team_violations(instance, ids, {"S1": "C1", "S2": "C7", "S9": "C1"})
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
