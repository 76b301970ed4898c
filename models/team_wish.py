"""One "why not there?" question as CP-SAT, for the explanations (contract §9).

``WishSession`` answers every wish of one cohort on one team model whose ``previous`` is
the current result and whose priorities are the settings' ones then ``moves``, the wished
placement and each priority's cap (``objective <= its current value``) behind literals:

1. every priority capped at its current value, ``moves`` minimised: feasible means a result
   as good grants the wish (``free``), and says who moves;
2. otherwise the priorities are minimised one by one, each stage under the caps of those
   before it, until the first whose optimum is above the current value: ``costs``, with
   ``moves`` minimised at that value (a stage found below its value, the current result
   not being optimal, is kept at most at its value, never traded for a later one);
3. no assignment at all keeps the rules with the placement: ``impossible``.

A ``costs`` answer is then settled with everyone else re-optimised (contract §9): the
priorities after the one that got worse minimised in turn, the last with ``moves``
(``WishSession._reoptimised``, since session 30).

Any solve not proven optimal within its time limit makes the answer ``unknown``.
``cheap_answer`` tries a wish without CP-SAT first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from models.cpsat import cp_model
from models.solve import (
    SolveParams,
    Status,
    _status_of,
    make_solver,
)
from models.teams import TeamData, TeamModel
from models.teams.data import IntArray
from models.teams.evaluate import objective_values
from models.teams.work import model_entries
from models.wish_witness import (
    KnownAssignments,
    Neighbourhood,
)


@dataclass(frozen=True)
class WishAnswer:
    """Verdict of one wish in indices."""

    verdict: str  # "free", "costs", "impossible" or "unknown"
    #: ``costs``: the first priority that gets worse and its value with the wish granted.
    priority: str | None = None
    value_if: int | None = None
    #: ``free`` and ``costs``: the assignment with the fewest moves (student → team index).
    team_of: IntArray | None = None


#: CP-SAT parameters of every wish solve (a caller's ``cp_sat_parameters`` override them).
_WISH_PARAMETERS: dict[str, object] = {
    # Each solve is small and the model is solved again and again: presolving it every
    # time doubled the explanations' time on the demo (1.3 s against 2.9 s).
    "cp_model_presolve": False,
    # No cuts in the LP: these proofs come from the search, which the cuts' rounds slowed
    # (2026-12-03, every wish of the demo, the twelve historical and fifteen generated
    # 60-student cohorts, the same verdicts: 22-26 % less time in all, 2020-2021 2.6 -> 1.2 s,
    # all-proposals 60 seed 1 4.6 -> 2.1 s; at 200 students 110 of 115 wishes answered in a
    # 60 s run instead of 101; ``benchmarks/results/2026-12-03/session16/wish-cuts.md``).
    "cut_level": 0,
    # No probing before the search: it still ran without presolve, 0.2 s of every solve at
    # 200 students (a third of the shortest ones). Same answers on the demo, the twelve
    # historical and three generated 200-student cohorts, 295 s against 499 s in all
    # (2026-12-04, ``benchmarks/results/2026-12-04/wish-probing.md``).
    "cp_model_probing_level": 0,
    # No inprocessing (clause simplification between restarts) either: these searches are
    # short dives, and it slowed them (the same cohorts and answers: 204 s against 301 s,
    # 200 students g5 39 against 79 s; ``wish-probing.md``).
    "use_sat_inprocessing": False,
}


#: The last stage of a ``costs`` answer's re-optimisation (``WishSession._reoptimised``,
#: most often ``experience`` then ``moves``): the full linear relaxation too. On the 18
#: such solves of 2025-2026, 1.07 s against 1.37 s; 2015-2016, 2018-2019 and 2024-2025
#: within 0.04 s (2026-12-05, session 30).
_REOPTIMISED: dict[str, object] = {**_WISH_PARAMETERS, "linearization_level": 2}


class _StopAt(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first solution whose ``var`` equals ``value`` (its floor)."""

    def __init__(self, var: cp_model.IntVar, value: int) -> None:
        super().__init__()
        self._var = var
        self._value = value
        self.reached = False

    def on_solution_callback(self) -> None:
        if self.value(self._var) == self._value:
            self.reached = True
            self.stop_search()


class _CappedModel:
    """A per-student team model with each priority's cap (and floor) behind a literal.

    ``previous`` is the current result (every student single: each placement has its
    Boolean). ``caps[k]`` enforces ``objective_k <= V_k``; with ``optimal``, ``floors[k]``
    enforces ``objective_k >= V_k``.
    """

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        optimal: bool,
        max_rank: int | None = None,
    ) -> None:
        self.data = data
        # ``max_rank``: only the teams each student ranks that well (valid under caps[0]
        # when it caps ``worst_choice``).
        self.team_model = TeamModel(data, aggregate=True, pool=False, max_rank=max_rank)
        self.team_model.objectives()
        model = self.team_model.model
        var = self.team_model.objective_vars
        self.caps: list[cp_model.IntVar] = []
        self.floors: list[cp_model.IntVar] = []
        #: Each assignment a solve returns is appended here too, when set (``share``).
        self.found: list[IntArray] | None = None
        #: ``objective <= value`` behind a literal, made when first asked (``at_most``).
        self._at_most: dict[tuple[str, int], cp_model.IntVar] = {}
        for name, value in values:
            cap = model.new_bool_var(f"cap[{name}]")
            model.add(var[name] <= value).only_enforce_if(cap)
            self.caps.append(cap)
            if optimal:
                floor = model.new_bool_var(f"floor[{name}]")
                model.add(var[name] >= value).only_enforce_if(floor)
                self.floors.append(floor)

    def at_most(self, name: str, value: int) -> cp_model.IntVar:
        """The literal enforcing ``objective_name <= value`` (made once per name and value)."""
        key = (name, value)
        if key not in self._at_most:
            literal = self.team_model.model.new_bool_var(f"at_most[{name}<={value}]")
            var = self.team_model.objective_vars[name]
            self.team_model.model.add(var <= value).only_enforce_if(literal)
            self._at_most[key] = literal
        return self._at_most[key]

    def solve(
        self,
        assumptions: Sequence[cp_model.IntVar],
        objective: str,
        params: SolveParams,
        hint: IntArray,
        *,
        with_moves: bool = False,
        stop_at: int | None = None,
        tuned: Mapping[str, object] | None = _WISH_PARAMETERS,
    ) -> tuple[Status, IntArray | None, int | None]:
        """Minimise ``objective`` (then, ``with_moves``, ``moves`` at its optimum: one
        weighted objective, ``moves`` being at most N) under ``assumptions``; the status,
        the assignment found (student -> team) and the objective's value.

        ``stop_at``: the objective's floor is assumed; the search stops at the first
        solution reaching it (status ``FEASIBLE``, that solution: the objective is then
        proven, only the moves are not minimised).
        """
        model = self.team_model.model
        model.clear_hints()
        self.team_model.hint_assignment(hint)
        model.clear_assumptions()
        model.add_assumptions(list(assumptions))
        var = self.team_model.objective_vars[objective]
        if with_moves:
            moves = self.team_model.objective_vars["moves"]
            model.minimize((self.data.num_students + 1) * var + moves)
        else:
            model.minimize(var)
        # The caller's own CP-SAT parameters win over these (as ``models.teams.solve._tuned``).
        wish = tuned or {}
        solver = make_solver(
            replace(params, cp_sat_parameters={**wish, **params.cp_sat_parameters}),
            params.time_limit,
        )
        callback = None if stop_at is None else _StopAt(var, stop_at)
        status = _status_of(solver.solve(model, callback))
        if callback is not None and callback.reached:
            status = Status.FEASIBLE
        elif status != Status.OPTIMAL:
            return status, None, None
        values = solver.response_proto.solution
        team_of = self.team_model.team_of(values)
        if self.found is not None:
            self.found.append(team_of)
        return status, team_of, int(values[var.index])


class WishSession:
    """Every wish of one cohort answered on one CP-SAT model (two on a proven optimum),
    with assumptions.

    The model (``_CappedModel``) is the per-student team model of ``data``, each
    priority's cap and, on a proven optimum, floor behind a literal: the floor
    ``objective_k >= V_k`` is true of every assignment keeping the priorities before ``k``
    at their values, by optimality, so CP-SAT stops at the first solution that keeps
    ``V_k``. A wish is answered by solves under assumptions (the placement's ``x[i, t]``
    and some literals), only the objective changing between them:

    - optimal result (``_answer_optimal``): stage ``p`` minimises ``objective_p`` then
      ``moves`` (one weighted objective, ``moves`` being at most N) under ``x,
      cap_1..cap_{p-1}, floor_p``, stopping at the first solution that keeps ``V_p`` (its
      floor). The first stage above ``V_p``, solved to the end, gives ``costs`` with the
      fewest moves (``displaced``); the last stage equal gives ``free`` with the fewest
      moves. Stages are skipped when a known assignment with the wish keeps them at their
      values: ``settled`` (a move chain, ``cheap_answer``), or the solution of the stage
      before (their floors say nothing can do better); every stage kept without a solve
      of the last one: ``moves`` minimised under every cap. The stages before
      ``experience`` run on a second model without the experience gap's constraints
      (``light``: 1.2-2 times faster on the historical cohorts, same answers).
      Skip ahead: when stage ``p + 1`` runs on the same model as ``p`` (or ``p`` is the
      first stage, on ``first``, and ``p + 1``'s model only holds the teams each student
      ranks within the worst choice, which keeps ``cap_0``), it is solved first, under
      ``cap_p`` too; a solution proves ``V_p`` kept (cap and floor) and answers stage
      ``p + 1`` as well; infeasible proves ``p`` worse, and stage ``p`` is solved as above.
      One solve instead of two for each stage that keeps its value.
    - otherwise (``_answer_general``): ``moves`` minimised under every cap first
      (feasible: ``free``), then the stages without floors, each solved to the end under
      the caps of those before it; a stage found *better* than the current value (the
      result was not optimal) stays capped at its value, never traded for a later one.

    Any solve not proven within its time limit gives ``unknown``.

    ``share`` (optimal result): the assignments the solves return are kept in ``known``
    (``models.wish_witness.KnownAssignments``), starts for later wishes (``settled``).
    """

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        current: IntArray,
        *,
        optimal: bool,
        share: bool = False,
    ) -> None:
        if "moves" not in data.priorities or not {n for n, _ in values} <= set(data.priorities):
            raise ValueError("data.priorities must name moves and every priority of values")
        self.data = data
        self.values = tuple((name, int(value)) for name, value in values)
        self.current = current
        self.optimal = optimal
        names = [name for name, _ in self.values]
        without = replace(data, priorities=tuple(p for p in data.priorities if p != "experience"))
        #: On a proven optimum whose first priority is ``worst_choice``: every stage after
        #: it runs within its cap, so those models only hold the teams each student ranks
        #: within the current worst choice (2 of 10 per student on 2020-2021); ``first``
        #: (every team) answers that first stage.
        self.first: _CappedModel | None = None
        max_rank = None
        if optimal and names and names[0] == "worst_choice":
            max_rank = self.values[0][1]
            self.first = _CappedModel(without, self.values[:1], True)
        self.full = _CappedModel(data, self.values, optimal, max_rank if optimal else None)
        #: Stages run on ``light`` (those before ``experience``, on a proven optimum).
        self.light_stages = names.index("experience") if "experience" in names else 0
        self.light: _CappedModel | None = None
        if optimal and self.light_stages > 0:
            light_values = self.values[: self.light_stages]
            self.light = _CappedModel(without, light_values, True, max_rank)
        #: Every team and priority, built when ``worst_choice`` gets worse (``_reoptimising``).
        self.everything: _CappedModel | None = None
        self.solves = 0
        self.known = KnownAssignments(data, self.values) if share and optimal else None
        for capped in (self.first, self.full, self.light):
            if capped is not None and self.known is not None:
                capped.found = self.known.found

    def answer(
        self,
        student: int,
        team: int,
        params: SolveParams,
        *,
        settled: int = 0,
        hint: IntArray | None = None,
        worse: Callable[[int], WishAnswer | None] | None = None,
    ) -> WishAnswer:
        """The verdict of placing ``student`` in ``team`` (class doc).

        ``settled``: with an optimal result, how many leading priorities a known
        assignment with the wish (``hint``) keeps at their values (their stages skipped).
        ``worse(stage)``: with an optimal result, the exact ``costs`` answer at ``stage``
        once a solve proved it worse, or None (``models.wish_witness``; saves a solve).
        """
        x = (self.first or self.full).team_model._student_var(student, team)
        if x is None:
            return WishAnswer("impossible")
        start = self.current if hint is None else hint
        if self.optimal:
            found = self._answer_optimal(student, team, params, settled, start, worse)
        else:
            found = self._answer_general(x, params, start)
        return self._reoptimised(student, team, found, params)

    def _reoptimised(
        self, student: int, team: int, answer: WishAnswer, params: SolveParams
    ) -> WishAnswer:
        """A ``costs`` answer with everyone else re-optimised (contract §9): the priorities
        after the one that gets worse minimised in turn, under it at ``value_if`` and those
        before it at their values, then ``moves`` (one weighted solve with the last): its
        assignment has the fewest others moved among those results, ``displaced`` (probe
        s30e: counted before with the later priorities left as they fell, a re-solve moved
        7 where it said 1). The last priority's answer already is so."""
        names = [name for name, _ in self.values]
        if answer.verdict != "costs" or answer.priority is None or answer.value_if is None:
            return answer
        stage = names.index(answer.priority)
        if stage == len(names) - 1:
            return answer
        fixed = [(answer.priority, answer.value_if)]
        hint = self.current if answer.team_of is None else answer.team_of
        later = names[stage + 1 :]
        for name in later:
            last = name == later[-1]
            on, tuned = self._reoptimising(stage, names.index(name))
            x = on.team_model._student_var(student, team)
            if x is None:
                return WishAnswer("unknown")
            held = [on.at_most(n, v) for n, v in fixed]
            self.solves += 1
            status, team_of, found = on.solve(
                [x, *on.caps[:stage], *held], name, params, hint, with_moves=last, tuned=tuned
            )
            if status != Status.OPTIMAL or team_of is None or found is None:
                return WishAnswer("unknown")
            fixed.append((name, found))
            hint = team_of
        return replace(answer, team_of=hint)

    def _reoptimising(
        self, stage: int, later: int
    ) -> tuple[_CappedModel, Mapping[str, object] | None]:
        """The model re-optimising priority ``later`` after ``stage`` got worse, and whether
        with the wishes' CP-SAT parameters: ``light`` before ``experience`` (the caps before
        a later stage keep the worst choice there), ``full`` (every priority; on a proven
        optimum only the teams within the worst choice, which those caps keep), or, after
        ``worst_choice`` got worse, one holding every team, solved with presolve but for its
        last stage (balancing every team of 2017-2018 again from the wish's start took 10.2
        s with the wishes' parameters, 0.3 s with presolve). The last stage (with the moves)
        with the full linear relaxation (``_REOPTIMISED``)."""
        if self.optimal and self.first is not None and stage == 0:
            if self.everything is None:
                self.everything = _CappedModel(self.data, self.values, optimal=False)
                self.everything.found = self.full.found
            last = later == len(self.values) - 1
            return self.everything, _REOPTIMISED if last else None
        if self.optimal and self.light is not None and later < self.light_stages:
            return self.light, _WISH_PARAMETERS
        last = later == len(self.values) - 1
        return self.full, _REOPTIMISED if last else _WISH_PARAMETERS

    def _answer_optimal(
        self,
        student: int,
        team: int,
        params: SolveParams,
        settled: int,
        hint: IntArray,
        worse: Callable[[int], WishAnswer | None] | None = None,
    ) -> WishAnswer:
        """The verdict when the current values are a proven optimum (class doc)."""
        n = len(self.values)
        stage = settled
        while stage < n:
            on = self._model_of(stage)
            x = on.team_model._student_var(student, team)
            if x is None:
                # Only ``first`` holds teams ranked beyond the worst choice, and a wish is
                # ranked better than the student's team: not expected, no guess.
                return WishAnswer("unknown")
            ahead = self._ahead(stage, student, team)
            if ahead is not None:
                # Skip ahead: stage + 1 under this stage's cap too (class doc).
                self.solves += 1
                status, found_team_of, found = self._stage(*ahead, stage + 1, params, hint)
                if status != Status.INFEASIBLE:
                    if found_team_of is None or found is None:
                        return WishAnswer("unknown")
                    stage += 1
                    answer, stage, hint = self._after_stage(stage, found, found_team_of)
                    if answer is not None:
                        return answer
                    continue
                # No assignment with the wish keeps this stage's value: it gets worse.
                known = None if worse is None else worse(stage)
                if known is not None:
                    return known
            self.solves += 1
            status, found_team_of, found = self._stage(on, x, stage, params, hint)
            if status == Status.INFEASIBLE:
                # The floors hold for every assignment within the earlier caps, so only
                # the placement can make this infeasible (stage 0 has no cap).
                return WishAnswer("impossible" if stage == 0 else "unknown")
            if found_team_of is None or found is None:
                return WishAnswer("unknown")
            answer, stage, hint = self._after_stage(stage, found, found_team_of)
            if answer is not None:
                return answer
        x = self.full.team_model._student_var(student, team)
        if x is None:
            return WishAnswer("unknown")
        self.solves += 1
        status, team_of, _ = self.full.solve([x, *self.full.caps], "moves", params, hint)
        if status == Status.INFEASIBLE and n == 0:
            # No priority (``priorities = []``): no cap either, only the placement can make
            # it infeasible (probe s32c: said unknown, "not settled within the time limit").
            return WishAnswer("impossible")
        if status != Status.OPTIMAL or team_of is None:
            return WishAnswer("unknown")
        return WishAnswer("free", team_of=team_of)

    def _ahead(
        self, stage: int, student: int, team: int
    ) -> tuple[_CappedModel, cp_model.IntVar] | None:
        """The model and placement variable to solve stage ``stage + 1`` on under the caps up
        to ``stage``'s, or None: the next stage's model when it is this stage's, or, at
        stage 0 on ``first``, when it only holds the teams each student ranks within the
        worst choice (every assignment of it keeps ``cap_0``). Solving the first stage alone
        on ``first`` took 2.8-6.7 s on three wishes of 200 students (students in a
        together group, with no move chain to start from), as long as 14 other wishes."""
        if stage + 1 >= len(self.values):
            return None
        on, after = self._model_of(stage), self._model_of(stage + 1)
        if after is not on and not (stage == 0 and on is self.first):
            return None
        x = after.team_model._student_var(student, team)
        return None if x is None else (after, x)

    def _model_of(self, stage: int) -> _CappedModel:
        """The model stage ``stage`` runs on (``first``, ``light`` or ``full``)."""
        if stage == 0 and self.first is not None:
            return self.first
        if self.light is not None and stage < self.light_stages:
            return self.light
        return self.full

    def _stage(
        self, on: _CappedModel, x: cp_model.IntVar, stage: int, params: SolveParams, hint: IntArray
    ) -> tuple[Status, IntArray | None, int | None]:
        """Stage ``stage``'s solve: its priority then ``moves`` minimised under the wish, the
        earlier caps and its floor, stopping at the floor unless it is the last stage."""
        name, value = self.values[stage]
        last = stage == len(self.values) - 1
        # The moves too: a stage found worse ends with the fewest moves at its value, the
        # start of the later priorities' re-optimisation (``_reoptimised``): without them,
        # any assignment at that value, and balancing every team of 2018-2019 again from it
        # took 10.5 s.
        return on.solve(
            [x, *on.caps[:stage], on.floors[stage]],
            name,
            params,
            hint,
            with_moves=True,
            stop_at=None if last else value,
        )

    def _after_stage(
        self, stage: int, found: int, team_of: IntArray
    ) -> tuple[WishAnswer | None, int, IntArray]:
        """After stage ``stage`` found ``found`` with ``team_of``: the answer when it decides
        the verdict, else the next stage to solve (the later priorities this solution keeps
        at their values are settled too: their floors say none can do better)."""
        name, value = self.values[stage]
        n = len(self.values)
        if found != value:
            # Above ``value`` (the floor), proven: the first priority that gets worse,
            # with the fewest moves at that value.
            return (
                WishAnswer("costs", priority=name, value_if=found, team_of=team_of),
                stage,
                team_of,
            )
        if stage == n - 1:
            # Every priority equal, the fewest moves with them: free.
            return WishAnswer("free", team_of=team_of), stage, team_of
        kept = objective_values(self.data, team_of)
        stage += 1
        while stage < n and kept[self.values[stage][0]] == self.values[stage][1]:
            stage += 1
        return None, stage, team_of

    def _answer_general(
        self, x: cp_model.IntVar, params: SolveParams, hint: IntArray
    ) -> WishAnswer:
        """The verdict for any result that keeps the rules (class doc)."""
        caps = self.full.caps
        self.solves += 1
        status, team_of, _ = self.full.solve([x, *caps], "moves", params, hint)
        if status == Status.OPTIMAL and team_of is not None:
            return WishAnswer("free", team_of=team_of)
        if status != Status.INFEASIBLE:
            return WishAnswer("unknown")
        for stage, (name, value) in enumerate(self.values):
            self.solves += 1
            # With the moves: a stage found worse starts ``_reoptimised`` (``_stage``).
            status, team_of, found = self.full.solve(
                [x, *caps[:stage]], name, params, hint, with_moves=True
            )
            if status == Status.INFEASIBLE and stage == 0:
                return WishAnswer("impossible")
            if status != Status.OPTIMAL or team_of is None or found is None:
                return WishAnswer("unknown")
            hint = team_of
            if found > value:
                return WishAnswer("costs", priority=name, value_if=found, team_of=hint)
            # At most its value (below it when the result was not optimal): kept, and the
            # next stage runs under its cap; an earlier priority made better never pays for
            # a later one made worse (contract §9: ``free`` only when every priority keeps
            # its value, else the first that must get worse).
        # Every priority at its current value although the caps could not all hold: only
        # an unproven solve could say so; no guess.
        return WishAnswer("unknown")


#: Entries (about two per allowed student-team pair, ``models.teams.work.model_entries``)
#: beyond which no ``WishSession`` is built: its models (up to three) hold one variable per
#: pair. 1,000 x 167 (334,000 entries) peaked at 694 MB; 10,000 x 1,667 was killed at 24 GB.
MAX_MODEL_ENTRIES = 800_000


def session_fits(data: TeamData) -> bool:
    """Whether a ``WishSession`` of ``data`` fits in memory (``MAX_MODEL_ENTRIES``)."""
    return model_entries(data, False) <= MAX_MODEL_ENTRIES


def worse_by_one(
    near: Neighbourhood, values: tuple[tuple[str, int], ...]
) -> Callable[[int], WishAnswer | None]:
    """``WishSession.answer``'s ``worse``: the ``costs`` answer at a stage proven to get
    worse, when the neighbourhood holds an assignment with it one above its value and the
    earlier priorities kept (``models.wish_witness``: then exact, fewest movers too)."""

    def worse(stage: int) -> WishAnswer | None:
        found = near.costs(stage)
        if found is None:
            return None
        name, value = values[stage]
        return WishAnswer("costs", priority=name, value_if=value + 1, team_of=found[1])

    return worse
