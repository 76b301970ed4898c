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

from models.cpsat import cp_model
from models.solve import (
    Objective,
    SolveParams,
    Status,
    _status_of,
    make_solver,
    solve_lexicographic,
)
from models.teams import TeamData, TeamModel
from models.teams.data import IntArray
from models.teams.evaluate import keeps_hard_rules, objective_values


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


class WishSession:
    """Every wish of one cohort answered on ONE CP-SAT model, with assumptions.

    The model is the per-student team model of ``data`` (``previous`` = the current
    result: every student single, so each placement has its Boolean ``x[i, t]``). Each
    priority ``k`` gets ``objective_k <= V_k`` enforced by a literal ``cap_k`` and, when
    the current result is a proven optimum, ``objective_k >= V_k`` enforced by ``floor_k``
    (true of every assignment keeping the priorities before ``k`` at their values, by
    optimality: CP-SAT then proves an equal stage at once). A wish is answered by solves
    of that model under assumptions (``x[i, t]`` and some literals), only the objective
    changing between them:

    - optimal result: stage ``p`` minimises ``objective_p``, then ``moves`` at that
      optimum (one weighted objective, ``moves`` being at most N), under ``x,
      cap_1..cap_{p-1}, floor_p``; the first stage above ``V_p`` gives ``costs`` (its
      solution has the fewest moves: ``displaced``); every stage equal gives ``free``
      (the last stage's solution, or ``moves`` minimised under every cap when the last
      stage was skipped). Stages are skipped when a known assignment with the wish keeps
      them at their values: ``settled`` (a move chain, ``cheap_answer``), or the solution
      of the stage before (their floors say nothing can do better).
    - otherwise: ``moves`` minimised under every cap first (feasible: ``free``), then the
      stages without floors; a stage found *better* than the current value (the result was
      not optimal) is handed to ``answer_wish`` (rebuilt models, exact).

    Any solve not proven within its time limit gives ``unknown``.
    """

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        current: IntArray,
        *,
        optimal: bool,
    ) -> None:
        if "moves" not in data.priorities or not {n for n, _ in values} <= set(data.priorities):
            raise ValueError("data.priorities must name moves and every priority of values")
        self.data = data
        self.values = tuple((name, int(value)) for name, value in values)
        self.current = current
        self.optimal = optimal
        self.team_model = TeamModel(data, aggregate=True, pool=False)
        self.team_model.objectives()
        model = self.team_model.model
        var = self.team_model.objective_vars
        self.caps: list[cp_model.IntVar] = []
        self.floors: list[cp_model.IntVar] = []
        for name, value in self.values:
            cap = model.new_bool_var(f"cap[{name}]")
            model.add(var[name] <= value).only_enforce_if(cap)
            self.caps.append(cap)
            if optimal:
                floor = model.new_bool_var(f"floor[{name}]")
                model.add(var[name] >= value).only_enforce_if(floor)
                self.floors.append(floor)
        self.solves = 0

    def _solve(
        self,
        assumptions: Sequence[cp_model.IntVar],
        objective: str,
        params: SolveParams,
        hint: IntArray | None,
        *,
        with_moves: bool = False,
    ) -> tuple[Status, Sequence[int] | None, int | None]:
        """Minimise ``objective`` (then, ``with_moves``, ``moves`` at its optimum: one
        weighted objective, ``moves`` being at most N) under ``assumptions``."""
        model = self.team_model.model
        model.clear_hints()
        self.team_model.hint_assignment(self.current if hint is None else hint)
        model.clear_assumptions()
        model.add_assumptions(list(assumptions))
        var = self.team_model.objective_vars[objective]
        if with_moves:
            moves = self.team_model.objective_vars["moves"]
            model.minimize((self.data.num_students + 1) * var + moves)
        else:
            model.minimize(var)
        solver = make_solver(params, params.time_limit)
        if "cp_model_presolve" not in params.cp_sat_parameters:
            # Each solve is small and the model is solved again and again: presolving it
            # every time doubled the explanations' time on the demo (1.3 s against 2.9 s).
            solver.parameters.cp_model_presolve = False
        self.solves += 1
        code = solver.solve(model)
        status = _status_of(code)
        if status != Status.OPTIMAL:
            return status, None, None
        values = [int(v) for v in solver.response_proto.solution]
        return status, values, int(values[var.index])

    def answer(
        self,
        student: int,
        team: int,
        params: SolveParams,
        *,
        settled: int = 0,
        hint: IntArray | None = None,
    ) -> WishAnswer:
        """The verdict of placing ``student`` in ``team`` (class doc).

        ``settled``: with an optimal result, how many leading priorities a known
        assignment with the wish (``hint``) keeps at their values (their stages skipped).
        """
        x = self.team_model._student_var(student, team)
        if x is None:
            return WishAnswer("impossible")
        n = len(self.values)
        if not self.optimal:
            status, solution, _ = self._solve([x, *self.caps], "moves", params, hint)
            if status == Status.OPTIMAL and solution is not None:
                return WishAnswer("free", team_of=self.team_model.team_of(solution))
            if status != Status.INFEASIBLE:
                return WishAnswer("unknown")
            settled = 0
        var = self.team_model.objective_vars
        stage = settled - 1
        while stage + 1 < n:
            stage += 1
            name, value = self.values[stage]
            assumptions = [x, *self.caps[:stage]]
            if self.optimal:
                assumptions.append(self.floors[stage])
            # Each stage minimises its priority, then the moves at that optimum (one
            # weighted objective): a stage that gets worse, or the last, needs no more.
            status, solution, found = self._solve(assumptions, name, params, hint, with_moves=True)
            if status == Status.INFEASIBLE and (stage == 0 or self.optimal):
                # Optimal: the floors hold for every assignment within the earlier caps,
                # so only the placement can make this infeasible (stage 0 has no cap).
                return WishAnswer("impossible") if stage == 0 else WishAnswer("unknown")
            if status != Status.OPTIMAL or solution is None or found is None:
                return WishAnswer("unknown")
            hint = self.team_model.team_of(solution)
            if found == value:
                if self.optimal and stage == n - 1:
                    # Every priority equal, the fewest moves with them: free.
                    return WishAnswer("free", team_of=hint)
                if self.optimal:
                    # The later priorities this solution keeps at their values are
                    # settled too (their floors: none can do better).
                    while stage + 1 < n and (
                        solution[var[self.values[stage + 1][0]].index] == self.values[stage + 1][1]
                    ):
                        stage += 1
                continue
            if found < value:
                # The current result was not optimal: the general, rebuilt path.
                pins = self.data.pinned_or_none().copy()
                pins[student] = team
                return answer_wish(
                    replace(self.data, pinned=pins), self.values, self.current, params
                )
            return WishAnswer("costs", priority=name, value_if=found, team_of=hint)
        if not self.optimal:
            return WishAnswer("unknown")
        status, solution, _ = self._solve([x, *self.caps], "moves", params, hint)
        if status != Status.OPTIMAL or solution is None:
            return WishAnswer("unknown")
        return WishAnswer("free", team_of=self.team_model.team_of(solution))


def cheap_answer(
    data: TeamData, values: Sequence[tuple[str, int]], current: IntArray, student: int, team: int
) -> tuple[WishAnswer | None, IntArray | None, int]:
    """A wish tried without CP-SAT: short chains of moves checked from the arrays.

    The student moves into ``team``; then possibly one member ``j`` of ``team`` leaves it
    (for the student's old team: a swap, or for another team ``u``), and then possibly one
    member of ``u`` moves into the student's old team. Moved members only go to teams they
    rank no worse than the current worst rank (or, without choices, anywhere allowed).

    Returns ``(answer, best, settled)``: ``answer`` is ``free`` when a candidate with at
    most one other student moved keeps every rule and no priority gets worse (the fewest
    possible: nobody else moving is the move alone, tried first), else None; ``best`` is
    the candidate keeping the rules with the best priorities in order, then the fewest
    moves (a start for the solves), and ``settled`` how many leading priorities it keeps
    at their values. A student with a together partner is not tried (the group would move
    with them).
    """
    if any(student in pair for pair in data.together):
        return None, None, 0
    names = [name for name, _ in values]
    now = [value for _, value in values]
    ranks = data.ranks
    conflict = data.conflict
    pinned = data.pinned_or_none()
    paired = {i for pair in (*data.together, *data.apart) for i in pair}
    everyone = np.arange(data.num_students)
    worst = int(ranks[everyone, current].max(initial=0))
    source = int(current[student])

    def may_go(j: int, u: int) -> bool:
        if conflict[j, u] or pinned[j] >= 0:
            return False
        return bool(ranks[j].max() == 0 or 0 < ranks[j, u] <= worst)

    moved = current.copy()
    moved[student] = team
    candidates: list[tuple[IntArray, int]] = [(moved, 0)]
    members = [int(j) for j in np.nonzero(current == team)[0] if j != student]
    for j in members:
        if j in paired:
            continue
        for u in range(data.num_teams):
            if u == team or not may_go(j, u):
                continue
            chain = moved.copy()
            chain[j] = u
            candidates.append((chain, 1))
            if u == source:
                continue
            for k in map(int, np.nonzero(current == u)[0]):
                if k == j or k in paired or not may_go(k, source):
                    continue
                longer = chain.copy()
                longer[k] = source
                candidates.append((longer, 2))
    best: tuple[list[int], IntArray] | None = None
    for candidate, displaced in candidates:
        if not keeps_hard_rules(data, candidate):
            continue
        found = objective_values(data, candidate)
        key = [found[name] for name in names]
        kept = all(k <= v for k, v in zip(key, now, strict=True))
        if kept and displaced <= 1:
            return WishAnswer("free", team_of=candidate), candidate, len(names)
        key.append(displaced)
        if best is None or key < best[0]:
            best = (key, candidate)
    if best is None:
        return None, None, 0
    key, candidate = best
    settled = 0
    while settled < len(names) and key[settled] == now[settled]:
        settled += 1
    return None, candidate, settled
