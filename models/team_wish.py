"""One "why not there?" question as CP-SAT, for the explanations (contract §9).

``answer_wish`` takes ``data`` whose pins already fix the wished placement, whose
``previous`` is the current result and whose priorities are the settings' ones then
``moves``, with the current result's value of each priority. It builds the team model once
and answers with the fewest solves:

1. every priority capped at its current value, ``moves`` minimised: feasible means a result
   at least as good grants the wish (``free``), and says who moves;
2. otherwise the priorities are minimised one by one (each kept at its optimum) until the
   first whose optimum differs from the current value: worse means ``costs`` (``moves`` is
   then minimised with the priorities so far kept), better means the current result was
   not optimal and the wish is ``free`` (the later priorities, then ``moves``, minimised);
3. no assignment at all keeps the rules with the placement: ``impossible``.

Any solve not proven optimal within its time limit makes the answer ``unknown``.

This module only composes ``TeamModel`` and ``solve_lexicographic``; ``models.teams`` is
not modified. (Engine change that would make step 1 a plain ``solve_teams`` call:
``solve_teams(data, params, caps={name: value})`` adding ``objective[name] <= value``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from models.solve import Objective, SolveParams, Status, solve_lexicographic
from models.teams import TeamData, TeamModel
from models.teams.data import IntArray


@dataclass(frozen=True)
class WishAnswer:
    """Verdict of one wish in indices."""

    verdict: str  # "free", "costs", "impossible" or "unknown"
    #: ``costs``: the first priority that gets worse and its value with the wish granted.
    priority: str | None = None
    value_if: int | None = None
    #: ``free`` and ``costs``: the assignment with the fewest moves (student → team index).
    team_of: IntArray | None = None


def answer_wish(
    data: TeamData,
    values: Sequence[tuple[str, int]],
    hint: IntArray,
    params: SolveParams,
    *,
    optimal: bool = False,
) -> WishAnswer:
    """Verdict of the wish fixed in ``data.pinned`` (module doc); ``values`` in priority order.

    ``params.time_limit`` bounds each solve. ``optimal``: the caller knows that ``values``
    are the proven lexicographic optimum without the wish (a result of ``solve_teams``
    with status OPTIMAL, unedited). No assignment with the wish can then be better at the
    first priority where it differs, so a stage only needs to know whether the current
    value can be kept: a feasibility solve (or none, when the previous stage's solution
    already keeps it) instead of a proven minimum; only the first stage that cannot keep
    it is minimised.
    """
    if "moves" not in data.priorities or not {n for n, _ in values} <= set(data.priorities):
        raise ValueError("data.priorities must name moves and every priority of values")
    # No pools: experience and moves need to know who is placed where.
    team_model = TeamModel(data, aggregate=True, pool=False)
    team_model.objectives()
    model = team_model.model
    team_model.hint_assignment(hint)
    var = team_model.objective_vars
    if not optimal:
        # Free at once? (With ``optimal`` the stages below find it out on the small model.)
        capped = model.clone()
        for name, value in values:
            capped.add(capped.get_int_var_from_proto_index(var[name].index) <= int(value))
        capped_moves = Objective(
            "moves", capped.get_int_var_from_proto_index(var["moves"].index), "min"
        )
        first = solve_lexicographic(capped, [capped_moves], params)
        if first.status == Status.OPTIMAL and first.solution is not None:
            return WishAnswer("free", team_of=team_model.team_of(first.solution.values))
        if first.status != Status.INFEASIBLE:
            return WishAnswer("unknown")
    # The stages run on a model without the priorities they may never reach: the
    # experience gap's constraints alone doubled each stage's time on the demo (60 x 10).
    stage_model, stage_var = team_model, var
    lighter = tuple(n for n, _ in values if n != "experience")
    if values and values[0][0] != "experience":
        # Which priority gets worse, and by how much, does not depend on who was where:
        # without ``previous`` the engine merges interchangeable students and pools those
        # who rank every unlisted team alike (a much smaller model). Only ``moves`` needs
        # the full model, solved last.
        anonymous = np.full(data.num_students, -1, dtype=np.int64)
        stage_model = TeamModel(replace(data, priorities=lighter, previous=anonymous), pool=True)
        stage_model.objectives()
        stage_model.hint_assignment(hint)
        stage_var = stage_model.objective_vars
    best: Sequence[int] | None = None
    for stage, (name, value) in enumerate(values):
        if name not in stage_var:
            # Reached a priority the smaller model lacks: the full model, the
            # priorities settled so far as constraints.
            stage_model, stage_var = team_model, var
            for settled, settled_value in values[:stage]:
                team_model.model.add(var[settled] <= int(settled_value))
            best = None
        model = stage_model.model
        if optimal:
            index = stage_var[name].index
            if best is not None and int(best[index]) <= value:
                model.add(stage_var[name] <= int(value))
                continue
            trial = model.clone()
            trial.add(trial.get_int_var_from_proto_index(index) <= int(value))
            check = solve_lexicographic(trial, [], params, hint=best)
            if check.status == Status.OPTIMAL and check.solution is not None:
                # Kept, and (the values being optimal) not improvable: equal.
                model.add(stage_var[name] <= int(value))
                best = check.solution.values
                continue
            if check.status != Status.INFEASIBLE:
                return WishAnswer("unknown")
        result = solve_lexicographic(
            model, [Objective(name, stage_var[name], "min")], params, hint=best
        )
        if result.status == Status.INFEASIBLE and stage == 0:
            return WishAnswer("impossible")
        if result.status != Status.OPTIMAL or result.solution is None:
            return WishAnswer("unknown")
        best = result.solution.values
        found = result.objectives[0].value
        if found == value:
            continue
        # The remaining solves run on the full model, every priority so far at its value.
        if stage_model is not team_model:
            for settled, _ in values[: stage + 1]:
                team_model.model.add(var[settled] <= int(best[stage_var[settled].index]))
            best = None
        later = (
            [Objective(n, var[n], "min") for n, _ in values[stage + 1 :]] if found < value else []
        )
        final = solve_lexicographic(
            team_model.model, [*later, Objective("moves", var["moves"], "min")], params, hint=best
        )
        if final.status != Status.OPTIMAL or final.solution is None:
            return WishAnswer("unknown")
        team_of = team_model.team_of(final.solution.values)
        if found < value:
            return WishAnswer("free", team_of=team_of)
        return WishAnswer("costs", priority=name, value_if=found, team_of=team_of)
    if optimal:
        # Every priority keeps its value: free, with the fewest moves on the full model.
        if stage_model is not team_model:
            for name, value in values:
                team_model.model.add(var[name] <= int(value))
        final = solve_lexicographic(
            team_model.model, [Objective("moves", var["moves"], "min")], params
        )
        if final.status == Status.INFEASIBLE and not values:
            return WishAnswer("impossible")
        if final.status != Status.OPTIMAL or final.solution is None:
            return WishAnswer("unknown")
        return WishAnswer("free", team_of=team_model.team_of(final.solution.values))
    if not values:
        return WishAnswer("impossible")
    # Every priority at its current value although the caps could not all hold: only an
    # unproven solve could say so; no guess.
    return WishAnswer("unknown")
