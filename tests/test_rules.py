"""The shared rule arithmetic (``matcher.rules``) on hand-checked cases."""

from __future__ import annotations

from pathlib import Path

from matcher.app import load
from matcher.rules import (
    balance_violation,
    default_size_bounds,
    fair_share,
    students_by_value,
    team_size_bounds,
)
from matcher.schemas import TeamSettings

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def test_fair_share_is_floor_and_ceil() -> None:
    """7 students of a value over 3 teams: each team should hold 2 or 3 (7 = 2 + 2 + 3)."""
    assert fair_share(7, 3) == (2, 3)
    # An exact division leaves no slack: 6 over 3 is exactly 2 each.
    assert fair_share(6, 3) == (2, 2)
    # Fewer holders than teams: some teams hold none, none holds two.
    assert fair_share(2, 5) == (0, 1)


def test_balance_violation_counts_students_outside_the_share() -> None:
    """Inside [low, high] costs nothing; each student beyond either end costs one."""
    assert balance_violation(2, 2, 3) == 0
    assert balance_violation(3, 2, 3) == 0
    assert balance_violation(5, 2, 3) == 2  # two too many
    assert balance_violation(0, 2, 3) == 2  # two too few


def test_default_size_bounds_prefer_the_settings() -> None:
    """60 students in 10 teams: 6 each by default; a setting replaces only its own side."""
    assert default_size_bounds(60, 10, TeamSettings()) == (6, 6)
    assert default_size_bounds(61, 10, TeamSettings()) == (6, 7)
    assert default_size_bounds(60, 10, TeamSettings(min_size=4)) == (4, 6)
    assert default_size_bounds(60, 10, TeamSettings(max_size=8)) == (6, 8)


def test_team_size_bounds_on_the_demo_hold_every_student() -> None:
    """On the demo's first ten proposals, the per-team bounds add up around the cohort size
    (the defaults are floor/ceil of N/K, which always admit N students)."""
    instance = load(DEMO)
    ids = [c.id for c in instance.commissions[:10]]
    bounds = team_size_bounds(instance, ids)
    assert list(bounds) == ids
    assert sum(low for low, _ in bounds.values()) <= len(instance.students)
    assert sum(high for _, high in bounds.values()) >= len(instance.students)


def test_students_by_value_groups_every_known_value_once() -> None:
    """Every student with a known background is in exactly one background group, in order."""
    instance = load(DEMO)
    groups = students_by_value(["background"], instance.students)
    members = sorted(i for (attribute, _), idcs in groups.items() for i in idcs)
    assert members == list(range(len(instance.students)))
    assert all(attribute == "background" for attribute, _ in groups)
