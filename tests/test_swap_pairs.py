"""swap_pairs by its index and its swap judge against the definition, swap by swap."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from matcher.fairness import swap_pairs
from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.verify.teams import team_objectives, team_violations, written_rank


def _definition(
    instance: Instance,
    ids: list[str],
    assignment: dict[str, str],
    previous: dict[str, str] | None = None,
) -> list[Any]:
    """Every pair tried (contract §9): both wrote the other's team better, the swap keeps
    every rule; the first priority it worsens with its values, or "none". ``previous`` (a
    what-if's teams before it): ``moves`` comes first (contract §6), counted here as the
    students of ``previous`` whose team differs."""

    def objectives(teams: dict[str, str]) -> dict[str, int]:
        values = team_objectives(instance, ids, teams)
        if previous is not None:
            values["moves"] = sum(teams[i] != team for i, team in previous.items())
        return values

    priorities = list(instance.settings.teams.priorities)
    if previous is not None:
        priorities.insert(0, "moves")
    before = objectives(assignment)
    unlisted = 10**6
    found = []
    students = [s for s in instance.students if s.choices and s.id in assignment]
    for a, b in itertools.combinations(students, 2):
        ta, tb = assignment[a.id], assignment[b.id]
        if ta == tb:
            continue
        if not (
            (written_rank(a, tb) or unlisted) < (written_rank(a, ta) or unlisted)
            and (written_rank(b, ta) or unlisted) < (written_rank(b, tb) or unlisted)
        ):
            continue
        swapped = {**assignment, a.id: tb, b.id: ta}
        if team_violations(instance, ids, swapped):
            continue
        after = objectives(swapped)
        worse = next((p for p in priorities if after[p] > before[p]), None)
        found.append(
            (a.id, ta, b.id, tb, worse or "none")
            + ((None, None) if worse is None else (before[worse], after[worse]))
        )
    return found


def _cohort(seed: int) -> tuple[Instance, list[str], dict[str, str]]:
    """A random cohort with every rule that a swap can break, and a random assignment that
    keeps team sizes near even (sometimes breaking rules, as a hand edit may)."""
    rng = random.Random(seed)
    ids = [f"C{t + 1}" for t in range(rng.choice([2, 3, 4, 5]))]
    commissions = tuple(
        Commission(id=c, institution=f"Inst {c}", sector="s", problem_type="p") for c in ids
    )
    students = []
    for k in range(rng.randint(6, 18)):
        fields: dict[str, Any] = {
            "background": rng.choice(["AS", "ED", "GRH"]),
            "gender": rng.choice(["F", "M"]),
            "vae": rng.random() < 0.3,
            "experience_years": rng.choice([None, 0.0, 1.5, 4.0, 12.0]),
        }
        if rng.random() < 0.9:
            fields["choices"] = tuple(rng.sample([*ids, "C99"], rng.randint(1, len(ids))))
        if rng.random() < 0.15:
            fields["employer"] = f"inst {rng.choice(ids).lower()}"
        if rng.random() < 0.08:
            fields["pinned"] = rng.choice(ids)
        students.append(Student(id=f"S{k + 1}", **fields))
    pairs = tuple(
        Pair(
            student_a=f"S{a + 1}",
            student_b=f"S{b + 1}",
            relation=rng.choice(["apart", "together"]),
        )
        for a, b in (rng.sample(range(len(students)), 2) for _ in range(rng.randint(0, 3)))
    )
    priorities = list(("worst_choice", "balance", "choices", "experience"))
    rng.shuffle(priorities)
    settings = Settings(
        teams=TeamSettings(
            priorities=priorities[: rng.randint(1, 4)],
            no_isolation=rng.choice([[], ["vae=yes"], ["gender=M", "vae=oui"]]),
            conflict_of_interest=rng.random() < 0.8,
        )
    )
    instance = Instance(
        name="t", commissions=commissions, students=tuple(students), pairs=pairs, settings=settings
    )
    order = [s.id for s in students]
    rng.shuffle(order)
    assignment = {sid: ids[k % len(ids)] for k, sid in enumerate(order)}
    return instance, ids, assignment


@pytest.mark.parametrize("seed", range(300))
def test_swap_pairs_follow_the_definition(seed: int) -> None:
    """The same pairs, in the same order, with the same priority, value and value_if, as
    trying every pair of students by the definition (seeded random cohorts, rules kept or
    broken)."""
    instance, ids, assignment = _cohort(seed)
    found = [
        (p.student_a, p.commission_a, p.student_b, p.commission_b, p.priority, p.value, p.value_if)
        for p in swap_pairs(instance, ids, assignment)
    ]
    assert found == _definition(instance, ids, assignment)


@pytest.mark.parametrize("seed", range(100))
def test_swap_pairs_of_a_whatif_put_moves_first(seed: int) -> None:
    """A what-if's result (contract §6: ``moves`` first): the same as the definition with
    each student's team before the what-if, for a random part of the cohort (the others
    arrived, or their team was dissolved)."""
    instance, ids, assignment = _cohort(seed)
    rng = random.Random(1000 + seed)
    previous = {i: rng.choice(ids) for i in assignment if rng.random() < 0.7}
    found = [
        (p.student_a, p.commission_a, p.student_b, p.commission_b, p.priority, p.value, p.value_if)
        for p in swap_pairs(instance, ids, assignment, previous)
    ]
    assert found == _definition(instance, ids, assignment, previous)


def test_the_whatif_twin_sees_moves_worsened_and_not() -> None:
    """The what-if cohorts above hold swaps that cost moves and swaps that do not."""
    by_moves = other = 0
    for seed in range(100):
        instance, ids, assignment = _cohort(seed)
        rng = random.Random(1000 + seed)
        previous = {i: rng.choice(ids) for i in assignment if rng.random() < 0.7}
        for pair in swap_pairs(instance, ids, assignment, previous):
            by_moves += pair.priority == "moves"
            other += pair.priority != "moves"
    assert min(by_moves, other) > 0, (by_moves, other)


def test_the_twin_sees_both_judges() -> None:
    """The random cohorts above hold results that keep every rule and results that break
    some, and swap pairs with a worsened priority and with "none": both judges are tried."""
    kept = broken = worsened = free = 0
    for seed in range(300):
        instance, ids, assignment = _cohort(seed)
        if team_violations(instance, ids, assignment):
            broken += 1
        else:
            kept += 1
        for pair in swap_pairs(instance, ids, assignment):
            worsened += pair.priority != "none"
            free += pair.priority == "none"
    assert min(kept, broken, worsened, free) > 0, (kept, broken, worsened, free)
