"""The stage 2 driver: one CP-SAT solve per priority, most important first.

``solve_teams`` builds the model, a start from min-cost flows (see ``flows``) and walks
the priorities; ``STAGES`` says, per priority, which proven lower bounds are added as
cuts, how the incumbent is improved before the stage and how a large model is searched.
Pools (see ``student_types``) serve every stage until ``experience``, which gets a model
without them, the settled priorities as constraints. Once ``worst_choice`` is known the
model is rebuilt without the teams ranked worse. Every sub-step draws from one work
budget (``models.budget``: counted work, CP-SAT's deterministic time; the wall clock only
as a safety net), so a run takes the same decisions on every machine; when it runs out,
the incumbent's values are reported, unproven. Steps that cannot be interrupted (model
builds, flows) are begun only when their counted cost fits in what is left."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from models import interrupt
from models.budget import Budget
from models.cpsat import cp_model
from models.solve import (
    LexResult,
    Objective,
    ObjectiveResult,
    SolveParams,
    Status,
    solve_lexicographic,
)
from models.teams.bounds import balance_lower_bound, choices_lower_bound
from models.teams.data import IntArray, TeamData, TeamSolveResult
from models.teams.evaluate import (
    balance_before_choices,
    keeps_hard_rules,
    lexicographic_best,
    objective_values,
)
from models.teams.flows import StartAssignment, start_assignment
from models.teams.incumbent import complete_hint, improve_incumbent, tight_hint
from models.teams.local_search import improve_start
from models.teams.lp_bound import lp_lower_bound
from models.teams.model import TeamModel
from models.teams.progress import StageProgress
from models.teams.rebalance import rebalance
from models.teams.search import solve_in_turns
from models.teams.start_balance import anneal_start
from models.teams.work import (
    PROBE_DTIME,
    SWAP_PRICE,
    build_units,
    cpsat_meter,
    cpsat_units,
    flow_units,
    model_fits_memory,
    model_units,
    pooled_build_units,
)

#: Beyond this many variables, probing in presolve costs more than it saves; beyond a
#: quarter of it, a model counts as large for the stages' search (``StagePlan``).
_LARGE_MODEL = 20_000
#: Work units below which a stage is not started: CP-SAT's model loading alone takes
#: longer on large cohorts, and the incumbent is reported instead.
_MIN_STAGE_TIME = 0.05
#: Models with at most this many student-team pairs are small: CP-SAT solves them from
#: scratch in milliseconds, so the heuristics, complete hints and the shrink after worst
#: choice (a rebuild) cost more than they save (60 students: ``benchmarks/results/
#: 2026-12-01/profile-60.md``).
_SMALL_PAIRS = 2_000


def solve_teams(data: TeamData, params: SolveParams, *, aggregate: bool = True) -> TeamSolveResult:
    """Optimise the priorities of ``data`` lexicographically; every stage within the time limit.

    Each priority is one CP-SAT solve hinted with the previous stage's solution, so that
    the flows' bounds can be added where they are valid and the model can shrink once
    ``worst_choice`` is known. When the time limit stops a stage, later stages report the
    incumbent's value with the bounds known so far. Returns status INFEASIBLE (nothing
    else) when the rules admit no assignment; call ``explain_teams`` for the reason.
    ``aggregate`` False keeps one variable per student and team (a twin for tests).
    """
    run = _Run(data, params, aggregate)
    if run.hopeless:
        return run._result(Status.UNKNOWN, [], None)
    if run.start_only:
        run.progress.announce_values(data, run.fallback, run.bounds)
        run.improve_fallback()
        run.progress.announce_values(data, run.fallback, run.bounds)
        return run._start_result()
    for stage_idx, name in enumerate(data.priorities):
        returned = run.solve_stage(name, data.priorities[stage_idx:])
        if returned is not None:
            return returned
        if run.stopped:
            break
    return run.finish()


# -- the per-priority table ---------------------------------------------------------------


@dataclass(frozen=True)
class StagePlan:
    """How the driver solves one priority.

    bounds
        Proven lower bounds learnt when the stage begins, each added as a cut (the
        start's flow bounds, known from the beginning, come first).
    prepare
        A better incumbent before the stage, given whether the model is large.
    large_search
        How a large model is searched from the incumbent: ``"hint"`` hinted with it;
        ``"bounded"`` only bounded by it, one worker; ``"turns"`` only bounded by it,
        one worker, settings in turns (``search.solve_in_turns``). A hint also sets every
        decision's preferred value, which can keep the LP from leading the search.
    after
        Called with the stage's optimum once it is solved.
    """

    bounds: Callable[[_Run], Iterator[int]] | None = None
    prepare: Callable[[_Run, bool], Sequence[int]] | None = None
    large_search: Literal["hint", "bounded", "turns"] = "hint"
    after: Callable[[_Run, int], None] | None = None


def _balance_bounds(run: _Run) -> Iterator[int]:
    """Per-attribute flows, within the optimal worst choice (when they fit in the budget)."""
    max_rank = run.done.get("worst_choice")
    if run.afford(flow_units(run.data, max_rank) * len(run.data.groups_by_attribute())):
        yield balance_lower_bound(run.data, max_rank)
    # Not as a cut: on selected-only 1,000 x 100 seed 0 the cut balance >= 39 (the
    # optimum) kept CP-SAT at 40 for 48 units, where it found 39 in 8 without it.
    _relaxation_bound(run, "balance")


def _choices_bounds(run: _Run) -> Iterator[int]:
    """The start's sum of ranks at the optimal worst choice; a Lagrangian bound after balance."""
    if not run.ranks_only:
        return
    start = run.start
    if start is not None and run.done.get("worst_choice") == start.worst_choice_bound:
        yield start.choices_bound_at_worst
    max_rank = run.done.get("worst_choice")
    # One flow per attribute, then up to four weights per attribute.
    flows = 5 * len(run.data.groups_by_attribute())
    if "balance" in run.done and run.afford(flow_units(run.data, max_rank) * flows):
        yield choices_lower_bound(run.data, max_rank, run.done["balance"])
    # Not as a cut either: with it (and the narrowed domains) CP-SAT's proof of choices
    # took 4.6 units instead of 3.0 (all-proposals seed 0), 7.6 instead of 7.3
    # (selected-only seed 0).
    _relaxation_bound(run, "choices")


def _relaxation_bound(run: _Run, name: str) -> None:
    """Large models: the linear relaxation of the whole model (``lp_bound``), all the
    attributes at once, within the incumbent's value; at most a fifth of the units left.

    The bound is only recorded in ``run.bounds`` (the stage then ends as soon as its
    incumbent meets it, and the balance turns stop there), not added to the model as a
    cut; nor are the domains its reduced costs narrow: they did not shorten the balance
    search (6.51 units with and without, all-proposals 1,000 x 100 seed 0).

    Balance and choices at 1,000 x 100 had weak bounds without it: the flows see one
    attribute at a time (``benchmarks/engine-notes.md``, "Bounds")."""
    if run.small or run.best is None:
        return
    var = run.team_model.objective_vars[name]
    upper = int(run.best[var.index])
    budget = run.budget.share(run.left() / 5)
    bound = lp_lower_bound(run.team_model.model, var.index, upper, budget)
    if bound is not None:
        run.bounds[name] = max(run.bounds.get(name, 0), min(bound, upper))


def _rebalance(run: _Run, large: bool) -> Sequence[int]:
    """Large models, balance right after worst choice: annealing, flows and neighbourhoods
    may do better (``rebalance``)."""
    assert run.best is not None
    if not (large and set(run.done) <= {"worst_choice"}):
        return run.best
    # No flow bound when its flows did not fit in the time left: 0 bounds any balance.
    bound = run.bounds.get("balance", 0)
    max_rank = run.done.get("worst_choice")
    return rebalance(run.team_model, run.best, max_rank, bound, run.params, run.tuned, run.budget)


def _lower_ranks(run: _Run, large: bool) -> Sequence[int]:
    """Rank-lowering moves that keep balance, on every model (CP-SAT improves ranks slowly
    from a hint)."""
    assert run.best is not None
    if run.small:
        return run.best
    budget = run.budget.share(min(3.0, run.left() / 10))
    return improve_incumbent(run.team_model, run.best, run.tuned, budget)


def _true_experience(run: _Run, large: bool) -> Sequence[int]:
    """Large models: the incumbent's experience gap brought to its true value."""
    assert run.best is not None
    if not large:
        return run.best
    team_of = run.team_model.team_of(run.best)
    budget = run.budget.share(min(4.0, run.left() / 10))
    return tight_hint(run.team_model, run.best, team_of, "experience", run.tuned, budget)


def _shrink_to_worst_choice(run: _Run, worst_choice: int) -> None:
    """Rebuild the model without the teams ranked worse than the optimal worst choice.

    Later stages could never use them, but CP-SAT would presolve them again at every stage.
    Small models (no pools) forbid those teams in place: cheaper than a rebuild.
    """
    if not 0 < worst_choice < int(run.data.ranks.max(initial=0)):
        return
    if run.small:
        run.team_model.exclude_ranks_above(worst_choice)
        return
    # A rebuild begun near the limit would overrun it: it must fit twice.
    if run.budget.fits(2 * build_units(run.data, worst_choice)):
        run.shrink()


STAGES: Mapping[str, StagePlan] = {
    "moves": StagePlan(),
    "worst_choice": StagePlan(after=_shrink_to_worst_choice),
    "balance": StagePlan(bounds=_balance_bounds, prepare=_rebalance, large_search="turns"),
    "choices": StagePlan(bounds=_choices_bounds, prepare=_lower_ranks, large_search="bounded"),
    "experience": StagePlan(prepare=_true_experience),
}


# -- the run ------------------------------------------------------------------------------


class _Run:
    """The state of one ``solve_teams`` call: model, incumbent, bounds, results so far."""

    def __init__(self, data: TeamData, params: SolveParams, aggregate: bool) -> None:
        self.clock = time.perf_counter()
        # Lines timed from the stage's start, each priority announced (``StageProgress``).
        self.progress = StageProgress(params.progress, self.clock)
        params = self.progress.params(params)
        # One budget for every sub-step: per-step budgets computed from the full limit
        # add up to more than the limit.
        self.budget = Budget.start(params.work(), params.time_limit)
        # CP-SAT's deterministic time at this size's price (``cpsat_units``): every call
        # of the run is given and charged units, as the counted heuristics are; on large
        # models by its counters, sized by what the run's calls cost so far (``cpsat_meter``).
        params = replace(params, work_per_dtime=cpsat_units(data), meter=cpsat_meter(data))
        self.data, self.params, self.aggregate = data, params, aggregate
        self.small = int(data.allowed_pairs().sum()) <= _SMALL_PAIRS
        # The start first: a valid assignment before the model (minutes to build on
        # 10,000 students under load), so that a run out of time can still return one.
        self.start: StartAssignment | None = start_assignment(data)
        # One flow for the free start, then one per rank present up to the worst choice.
        present = set(data.ranks.ravel().tolist())
        worst = self.start.worst_choice_bound if self.start is not None else max(present)
        flows = 1 + sum(1 for rank in present if 0 < rank <= worst)
        self.budget.charge(flow_units(data) * flows)
        # The flows bound worst choice and choices only when their costs are ranks alone
        # (no what-if moves).
        self.ranks_only = bool((data.previous_or_none() < 0).all())
        self.bounds: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.results: list[ObjectiveResult] = []
        self.proven = True
        # Set once the remaining priorities are reported as the incumbent has them.
        self.stopped = False
        self.best: Sequence[int] | None = None
        # The start stands in for CP-SAT if the time limit leaves it without any solution,
        # a result that Ctrl-C keeps even before any CP-SAT solver is made (probe s25).
        self.fallback = self._improved_start()
        if self.fallback is not None:
            interrupt.searching()
        # Pools until experience (which needs who is where); not on small models.
        pool = aggregate and not self.small and data.priorities[:1] != ("experience",)
        # No model at all when it does not fit in what is left, or is too large for the
        # memory (``MAX_MODEL_ENTRIES``): the start is the result. CP-SAT's first call
        # (``complete_hint``) loads the model, uninterruptible, about as long as building it
        # (10,000 x 1,000: 38 + 35 CPU s), so both must fit. Nothing left (Ctrl-C, the
        # safety net): no estimate either (the pooled one took 2-3 s on 10,000 students).
        fits = self.left() > 0 and model_fits_memory(data, pool)
        if fits:
            build = pooled_build_units(data) if pool else build_units(data)
            fits = 2 * build < self.left() and self.budget.fits(2 * build)
        self.start_only = self.fallback is not None and not fits
        # Nor any model when none fits and no valid start stands in (exit 4): building it
        # took 100 s and 4.8 GB on 10,000 students for a 3 s limit, and found nothing.
        self.hopeless = self.fallback is None and not fits
        if self.start_only or self.hopeless:
            return
        self.team_model = TeamModel(data, aggregate=aggregate, pool=pool)
        self.team_model.objectives()
        self.budget.charge(model_units(self.team_model.model))
        # The hint is a valid start when there is one: the start improved for balance may
        # break no-isolation (its swaps ignore it), and a hint breaking a rule is not
        # completed, leaving CP-SAT's first stage to find any solution, worse than it.
        if self.start is not None:
            hint = self.start.team_of
            if self.fallback is not None and not keeps_hard_rules(data, hint):
                hint = self.fallback
            self.team_model.hint_assignment(hint)
        self.tuned = _tuned(self.team_model.model, params)
        # Model building alone can use up the limit; CP-SAT's loading would then add as
        # much again, so the start is returned at once.
        if self.start is not None and self.left() > _MIN_STAGE_TIME:
            budget = self.budget.share(self.left() / 4)
            self.best = complete_hint(self.team_model.model, self.tuned, budget)

    def improve_fallback(self) -> None:
        """No model: the start annealed for balance (``start_balance``), then half the units
        left to swaps (counted work); the better of the start and the result stands."""
        assert self.fallback is not None
        if self.small or self.left() <= _MIN_STAGE_TIME:
            return
        improved = anneal_start(self.data, self.fallback, self.budget, self.params, self.bounds)
        improve_start(self.data, improved, self.budget.share(self.left() / 2))
        candidates = [self.fallback] + ([improved] if keeps_hard_rules(self.data, improved) else [])
        self.fallback = lexicographic_best(self.data, candidates)

    def left(self) -> float:
        """Work units left (0 once the wall-clock safety net or Ctrl-C ends the run).

        The one place where the driver reads its budget: every decision goes through it.
        """
        return self.budget.left()

    def _swap_share(self, units: float) -> Budget:
        """``units`` of swaps (``improve_start``'s own count), charged what they cost where
        the run prices its work so (``SWAP_PRICE``, with ``cpsat_meter``)."""
        rate = SWAP_PRICE if self.params.meter is not None else 1.0
        return self.budget.share(units, rate)

    def afford(self, units: float) -> bool:
        """Charge ``units`` of uninterruptible work if they fit in what is left."""
        if not self.budget.fits(units):
            return False
        self.budget.charge(units)
        return True

    def _improved_start(self) -> IntArray | None:
        """The start improved for balance if it comes first; the best valid start."""
        start, data = self.start, self.data
        if start is None:
            return None
        raw = start.team_of.copy()
        if balance_before_choices(data) and not self.small:
            improve_start(data, start.team_of, self._swap_share(min(3.0, self.left() / 10)))
        if self.ranks_only:
            self.bounds = {
                "worst_choice": start.worst_choice_bound,
                "choices": start.choices_bound,
            }
        candidates = [raw, start.team_of.copy()]
        return lexicographic_best(data, [c for c in candidates if keeps_hard_rules(data, c)])

    def solve_stage(self, name: str, remaining: Sequence[str]) -> TeamSolveResult | None:
        """Solve one priority (``remaining`` starts with it); a result to return at once."""
        # Experience after pooled stages: the same rules and settled priorities without
        # pools, started from the incumbent.
        pooled_out = name not in self.team_model.objective_vars and self.best is not None
        if pooled_out and not self._drop_pools():
            self._report_incumbent(remaining)
            self.stopped = True
            return None
        model, var = self.team_model.model, self.team_model.objective_vars[name]
        large = len(model.proto.variables) > _LARGE_MODEL // 4
        if self.left() <= _MIN_STAGE_TIME:
            if self.best is None and self.fallback is not None:
                return self._start_result()
            if self.best is not None:
                self._report_incumbent([name])
                return None
        plan = STAGES[name]
        self._add_bounds(name, var, plan)
        self._announce(name)
        if plan.prepare is not None and self.best is not None:
            self.best = plan.prepare(self, large)
        if self.best is not None and int(self.best[var.index]) <= self.bounds.get(name, -1):
            # The incumbent meets a proven bound (``_relaxation_bound``): optimal as it is.
            self._settle(name, int(self.best[var.index]), plan)
            return None
        stage = self._search(name, var, plan, large)
        if stage.solution is None or not stage.objectives:
            if self.best is None:
                return self._no_solution(stage.status)
            # Nothing better within the time left: report the incumbent, unproven.
            self._report_incumbent([name])
            return None
        self.best = list(stage.solution.values)
        found = stage.objectives[0]
        self.results.append(replace(found, bound=max(found.bound, self.bounds.get(name, 0))))
        self.done[name] = found.value
        self.proven = self.proven and stage.status == Status.OPTIMAL
        if plan.after is not None:
            plan.after(self, found.value)
        return None

    def _announce(self, name: str) -> None:
        """The priority begun, with the incumbent's (else the start's) value and its bound."""
        team_of = self.fallback if self.best is None else self.team_model.team_of(self.best)
        self.progress.announce_values(self.data, team_of, self.bounds, [name])

    def _settle(self, name: str, value: int, plan: StagePlan) -> None:
        """A priority proven optimal at ``value`` without a search: kept as a constraint."""
        self.team_model.model.add(self.team_model.objective_vars[name] <= value)
        self.results.append(ObjectiveResult(name, value, value, "min"))
        self.done[name] = value
        if plan.after is not None:
            plan.after(self, value)

    def _add_bounds(self, name: str, var: cp_model.IntVar, plan: StagePlan) -> None:
        """Valid cuts: the flows relax the rules, so their optima bound ours from below."""
        model = self.team_model.model
        if name in self.bounds:
            model.add(var >= self.bounds[name])
        for bound in plan.bounds(self) if plan.bounds is not None else ():
            self.bounds[name] = max(self.bounds.get(name, 0), bound)
            model.add(var >= self.bounds[name])

    def _search(self, name: str, var: cp_model.IntVar, plan: StagePlan, large: bool) -> LexResult:
        """One CP-SAT solve of a priority, from the incumbent as the plan says."""
        model = self.team_model.model
        unanchored = plan.large_search != "hint" and self.best is not None and large
        if unanchored:
            assert self.best is not None
            model.add(var <= int(self.best[var.index]))
        stage_params = self._stage_params(self.tuned)
        if unanchored:
            # The LP-led search alone proves sooner (engine-notes.md, "Two workers").
            stage_params = replace(stage_params, workers=1)
        # A bounded search that nothing has priced yet (its run's meter, ``cpsat_meter``)
        # is probed first: its main call is then sized by what it costs.
        meter = stage_params.meter
        probe = unanchored and meter is not None and not meter.measured()
        if unanchored and (plan.large_search == "turns" or probe):
            assert self.best is not None
            budget = self.budget.share(stage_params.work_limit or 0.0)
            return solve_in_turns(
                model,
                name,
                var,
                self.best,
                stage_params,
                self.params,
                budget,
                lower=self.bounds.get(name, 0),
                probe=PROBE_DTIME if probe and plan.large_search != "turns" else None,
            )
        objective = [Objective(name, var, "min")]
        hint = None if unanchored else self.best
        found = solve_lexicographic(model, objective, stage_params, hint=hint)
        self.budget.charge(found.work)
        if found.on_clock:
            self.budget.note_clock()
        return found

    def _stage_params(self, params: SolveParams) -> SolveParams:
        """``params`` for one CP-SAT call: the work left, the wall clock as safety net."""
        wall = max(self.budget.wall_left(), 0.001)
        return replace(params, time_limit=wall, work_limit=max(self.left(), 0.001))

    def _report_incumbent(self, names: Sequence[str]) -> None:
        """The incumbent's values for these priorities, unproven (later ones must not undo it)."""
        assert self.best is not None
        self.proven = False
        values = objective_values(self.data, self.team_model.team_of(self.best))
        self.results += [
            ObjectiveResult(name, values[name], self.bounds.get(name, 0), "min") for name in names
        ]

    def _drop_pools(self) -> bool:
        """Rebuild the model without pools from the incumbent; False when out of time."""
        assert self.best is not None
        max_rank = self.team_model.max_rank
        if not model_fits_memory(self.data, False, max_rank):
            return False
        if not self.budget.fits(max(_MIN_STAGE_TIME, 2 * build_units(self.data, max_rank))):
            return False
        team_of = self.team_model.team_of(self.best)
        return self._remodel(team_of, max_rank=max_rank, pool=False, hint_work=None)

    def shrink(self) -> None:
        """The model without the teams ranked worse than the optimal worst choice."""
        assert self.best is not None
        team_of = self.team_model.team_of(self.best)
        left = self.left()
        if balance_before_choices(self.data) and set(self.done) == {"worst_choice"}:
            # The worst-choice stage ignored balance: repair it within the new rank limit.
            improve_start(self.data, team_of, self._swap_share(min(3.0, left / 10)))
        max_rank = self.done["worst_choice"]
        self._remodel(team_of, max_rank=max_rank, pool=self.team_model.pooled, hint_work=left / 4)

    def _remodel(
        self, team_of: IntArray, *, max_rank: int | None, pool: bool, hint_work: float | None
    ) -> bool:
        """A new model whose settled priorities are constraints, with ``team_of`` as hint.

        Kept (True) only when ``team_of`` completes into a solution within the budget.
        """
        try:
            # Begun when it fitted the budget; Ctrl-C meanwhile drops it (the incumbent and
            # its model stand): at 1,000 students the build held a stop for a second.
            with interrupt.abandonable():
                remodelled = TeamModel(
                    self.data, aggregate=self.aggregate, max_rank=max_rank, pool=pool
                )
                remodelled.objectives()
        except interrupt.Stopped:
            return False
        self.budget.charge(model_units(remodelled.model))
        for name, value in self.done.items():
            remodelled.model.add(remodelled.objective_vars[name] <= value)
        remodelled.hint_assignment(team_of)
        tuned = _tuned(remodelled.model, self.params)
        budget = self.budget if hint_work is None else self.budget.share(hint_work)
        hint = complete_hint(remodelled.model, tuned, budget)
        if hint is None:
            return False
        remodelled.model.clear_hints()
        self.team_model, self.best = remodelled, hint
        self.tuned = _tuned(remodelled.model, self.params)
        return True

    def finish(self) -> TeamSolveResult:
        """The result: the assignment's true values, bounds capped by them."""
        if self.best is None:
            # No priority at all: one feasibility solve.
            stage = solve_lexicographic(self.team_model.model, [], self._stage_params(self.tuned))
            if stage.solution is None:
                return self._no_solution(stage.status)
            self.best = list(stage.solution.values)
            self.proven = stage.status == Status.OPTIMAL
        team_of = self.team_model.team_of(self.best)
        # Slack variables only bound the objectives from above in an unproven solution:
        # report the assignment's true values (the solver's wherever a stage was proven).
        values = objective_values(self.data, team_of)
        results = [
            ObjectiveResult(r.name, values[r.name], min(r.bound, values[r.name]), r.sense)
            for r in self.results
        ]
        status = Status.OPTIMAL if self.proven else Status.FEASIBLE
        return self._result(status, results, team_of)

    def _result(
        self,
        status: Status,
        results: list[ObjectiveResult],
        team_of: IntArray | None,
        from_start: bool = False,
    ) -> TeamSolveResult:
        # Unproven without the clock or Ctrl-C: the work budget ended it. A CP-SAT call the
        # clock or Ctrl-C ended leaves no reason (probe s34c: Ctrl-C then said "work").
        clock = "wall" if self.budget.wall_left() <= 0 else "work"
        clock = "interrupt" if interrupt.should_stop() else clock
        stopped_by = None if status == Status.OPTIMAL else self.budget.stopped_by or clock
        return TeamSolveResult(
            status,
            time.perf_counter() - self.clock,
            results,
            team_of,
            from_start=from_start,
            work=self.budget.spent,
            stopped_by=stopped_by,
        )

    def _no_solution(self, status: Status) -> TeamSolveResult:
        """CP-SAT found nothing: the valid start if time ran out, else the status alone."""
        if status == Status.UNKNOWN and self.fallback is not None:
            return self._start_result()
        return self._result(status, [], None)

    def _start_result(self) -> TeamSolveResult:
        """The start assignment as an unproven solution, with the flows' bounds (else 0)."""
        assert self.fallback is not None
        values = objective_values(self.data, self.fallback)
        results = [
            ObjectiveResult(name, values[name], min(self.bounds.get(name, 0), values[name]), "min")
            for name in self.data.priorities
        ]
        return self._result(Status.FEASIBLE, results, self.fallback, from_start=True)


def _tuning(model: cp_model.CpModel) -> dict[str, Any]:
    """CP-SAT parameters chosen by measurement for this model's size.

    Small models: the full LP relaxation (``linearization_level`` 2) proves the
    experience gap and balance far sooner. Large models: probing in presolve costs more
    than it saves.
    """
    if len(model.proto.variables) > _LARGE_MODEL:
        return {"cp_model_probing_level": 0}
    return {"linearization_level": 2}


def _tuned(model: cp_model.CpModel, params: SolveParams) -> SolveParams:
    """``params`` with this model's tuning (the caller's own CP-SAT parameters win)."""
    return replace(params, cp_sat_parameters={**_tuning(model), **params.cp_sat_parameters})
