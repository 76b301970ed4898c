"""The independent selection validator: metrics, priorities, every broken rule named."""

from __future__ import annotations

from matcher.schemas import Commission, Instance, SelectionSettings, Settings
from matcher.verify.selection import (
    selection_metrics,
    selection_objectives,
    selection_violations,
)


def cohort(**selection: object) -> Instance:
    commissions = (
        Commission(
            id="C1",
            institution="CPAS de Namur",
            sector="CPAS",
            problem_type="évaluation",
            priority=2,
            slots=("visit",),
        ),
        Commission(
            id="C2",
            institution="cpas de  namur",
            sector="Aide à la jeunesse",
            problem_type="diagnostic",
            priority=1,
            slots=("visit",),
        ),
        Commission(
            id="C3",
            institution="AMO",
            sector="aide a la jeunesse",
            problem_type="Évaluation",
            priority=0,
            slots=(),
        ),
        Commission(
            id="C4",
            institution="SAJ",
            sector="handicap",
            problem_type="projet",
            priority=3,
            slots=("visit",),
        ),
    )
    return Instance(
        name="v",
        commissions=commissions,
        settings=Settings(selection=SelectionSettings(**selection)),  # type: ignore[arg-type]
        has_slots=True,
    )


def test_metrics_fold_sectors_and_types() -> None:
    instance = cohort(count=3)
    # "Aide à la jeunesse" and "aide a la jeunesse" are one sector; évaluation twice.
    assert selection_metrics(instance, ["C1", "C2", "C3"]) == {
        "count": 3,
        "distinct_sectors": 2,
        "distinct_problem_types": 2,
        "max_per_sector": 2,
    }
    assert selection_metrics(instance, []) == {
        "count": 0,
        "distinct_sectors": 0,
        "distinct_problem_types": 0,
        "max_per_sector": 0,
    }


def test_objectives_name_every_priority() -> None:
    assert selection_objectives(cohort(), ["C1", "C4"]) == {
        "sectors": 2,
        "problem_types": 2,
        "sector_spread": 1,
        "priority": 5,
    }


def test_a_valid_selection_has_no_violation() -> None:
    instance = cohort(count=2, required_slots=("visit",), include=("C4",))
    assert [str(v) for v in selection_violations(instance, ["C1", "C4"])] == []


def test_every_rule_is_reported() -> None:
    instance = cohort(count=2, required_slots=("visit",), include=("C4",), exclude=("C2",))
    violations = [str(v) for v in selection_violations(instance, ["C1", "C2", "C3", "C9", "C1"])]
    assert violations == [
        "C9 is selected but is not a proposal of commissions.csv",
        "C1 is selected more than once",
        "C2 is selected but is excluded by settings",
        "C3 is selected but is not available: visit",
        "3 proposals are selected; exactly 2 are required",
        "2 proposals of CPAS de Namur / cpas de  namur are selected (C1, C2); "
        "at most 1 per institution",
        "C4 is in include but is not selected",
    ]
