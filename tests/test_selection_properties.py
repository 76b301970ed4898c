"""Stage 1 against brute force: every stage optimal, the validator agrees, reserves exact."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.eligibility import eligibility
from matcher.results import Status
from matcher.schemas import Commission, Instance, SelectionSettings, Settings
from matcher.selection import build_selection_data, natural_key, select_commissions
from matcher.text import fold_name
from matcher.verify.selection import selection_objectives, selection_violations
from models.selection import solve_selection
from models.selection_reserves import swap_vectors
from models.solve import SolveParams

PARAMS = SolveParams(time_limit=20, seed=0, workers=1)
SENSE = {"sectors": 1, "problem_types": 1, "sector_spread": -1, "priority": 1}
ALL_PRIORITIES = ("sectors", "problem_types", "sector_spread", "priority")


@st.composite
def instances(draw: Any) -> Instance:
    """Up to 8 proposals over few sectors, types, institutions and slots."""
    num = draw(st.integers(1, 8))
    commissions = tuple(
        Commission(
            id=f"C{p + 1}",
            institution=draw(st.sampled_from(["CPAS de Namur", "cpas de namur", "AMO", "SAJ"])),
            sector=draw(st.sampled_from(["jeunesse", "CPAS", "handicap"])),
            problem_type=draw(st.sampled_from(["évaluation", "diagnostic", "projet"])),
            priority=draw(st.integers(0, 3)),
            slots=tuple(draw(st.sets(st.sampled_from(["visit", "oral_thu", "oral_fri"])))),
        )
        for p in range(num)
    )
    ids = [c.id for c in commissions]
    priorities = draw(st.permutations(ALL_PRIORITIES))[: draw(st.integers(0, 4))]
    selection = SelectionSettings(
        count=draw(st.integers(1, 4)),
        max_per_institution=draw(st.integers(1, 2)),
        required_slots=draw(st.sampled_from([(), ("visit",)])),
        any_slots=draw(st.sampled_from([(), (("oral_thu", "oral_fri"),)])),
        include=tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
        exclude=tuple(draw(st.lists(st.sampled_from(ids), max_size=1, unique=True))),
        priorities=tuple(priorities),
    )
    return Instance(
        name="prop",
        commissions=commissions,
        settings=Settings(selection=selection),
        has_slots=True,
    )


def key(instance: Instance, chosen: tuple[str, ...]) -> tuple[int, ...]:
    """Larger is better: the configured priorities recomputed by the validator."""
    values = selection_objectives(instance, chosen)
    return tuple(SENSE[n] * values[n] for n in instance.settings.selection.priorities)


def valid_selections(instance: Instance) -> list[tuple[str, ...]]:
    ids = [c.id for c in instance.commissions]
    count = instance.settings.selection.count
    return [s for s in combinations(ids, count) if not selection_violations(instance, s)]


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(instances())
def test_selection_matches_brute_force(instance: Instance) -> None:
    result = select_commissions(instance, PARAMS)
    valid = valid_selections(instance)
    if not valid:
        assert result.stage.status == Status.INFEASIBLE
        assert result.stage.diagnosis
        assert all(not row.selected and row.reserve_rank is None for row in result.rows)
        return
    assert result.stage.status == Status.OPTIMAL
    chosen = result.selected_ids
    assert selection_violations(instance, chosen) == []

    # Each stage optimal: the reported vector is the brute-force lexicographic best.
    best = max(key(instance, s) for s in valid)
    assert key(instance, chosen) == best
    recomputed = selection_objectives(instance, chosen)
    priorities = instance.settings.selection.priorities
    assert [o.name for o in result.stage.objectives] == list(priorities)
    for objective in result.stage.objectives:
        assert objective.value == recomputed[objective.name] == objective.bound

    # Reserves: those of an institution the selection holds to the cap last (they can
    # replace no withdrawal), then best vector with the proposal in, then priority, then id.
    by_id = {c.id: c for c in instance.commissions}
    reserves = [
        c.id
        for c in instance.commissions
        if eligibility(c, instance.settings.selection).eligible and c.id not in chosen
    ]
    cap = instance.settings.selection.max_per_institution
    held = Counter(fold_name(by_id[cid].institution) for cid in chosen)

    def reserve_key(cid: str) -> tuple[Any, ...]:
        with_it = [key(instance, s) for s in valid if cid in s]
        vector = (0, *(-v for v in max(with_it))) if with_it else (1,)
        barred = held[fold_name(by_id[cid].institution)] >= cap
        return (barred, vector, -by_id[cid].priority, natural_key(cid))

    assert list(result.reserve_ids) == sorted(reserves, key=reserve_key)
    ranks = sorted(row.reserve_rank for row in result.rows if row.reserve_rank is not None)
    assert ranks == list(range(1, len(reserves) + 1))


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(instances())
def test_swap_bound_is_the_best_single_swap(instance: Instance) -> None:
    """The solver-free reserve bound used on large cohorts equals brute force over swaps."""
    data = build_selection_data(instance)
    solution = solve_selection(data, PARAMS)
    if not solution.solved:
        return
    ids = [c.id for c in instance.commissions]
    chosen = [ids[p] for p in np.flatnonzero(solution.selected)]
    candidates = [p for p in range(len(ids)) if data.eligible[p] and not solution.selected[p]]
    for p, swap in zip(candidates, swap_vectors(data, solution.selected, candidates), strict=True):
        after = [(*(q for q in chosen if q != out), ids[p]) for out in chosen]
        swapped = [key(instance, s) for s in after if not selection_violations(instance, s)]
        if not swapped:
            assert swap is None
            continue
        assert swap is not None
        vector, removed_idx = swap
        signed = tuple(
            SENSE[n] * v
            for n, v in zip(instance.settings.selection.priorities, vector, strict=True)
        )
        assert signed == max(swapped)
        assert solution.selected[removed_idx]
