"""The team stage as a MIP (OR-Tools' ``pywraplp``: HiGHS or SCIP), for the explanations' proofs.

A spike (session 8): the same lexicographic team model as ``models.teams.TeamModel``, one
binary ``x[i, t]`` per student and team they may join (conflicts and pins applied by
leaving the variable out), so that it can answer the explanations' questions
(``models.team_wish``) with a MIP solver instead of CP-SAT. Rules: each student in one
team, team sizes within bounds, apart pairs never in one team, together pairs always,
``no_isolation`` counts 0 or at least 2. Priorities, each read off one variable
(``objective[name]``, equal to its expression, an integer), so that a cap or a floor is
the bounds of one row and each solve only changes bounds and the objective:

- ``moves``: students with a previous team who are elsewhere;
- ``worst_choice``: ``W >= sum_t rank[i, t] x[i, t]`` for every student with choices;
- ``balance``: over + under per (balanced value, team), integers, as the CP-SAT model;
- ``choices``: the sum of the ranks;
- ``experience``: ``G >= |sum_i (N e_i - E) x[i, t]|`` per team (the largest gap).

Every solution is read back as an assignment (student -> team) and its values recomputed
from the arrays (``objective_values``): an answer never rests on the solver's floating
point arithmetic. One thread; HiGHS with a fixed seed, SCIP deterministic by default.

``MipWishSession`` answers a wish on a proven optimum as ``WishSession._answer_optimal``
does: stage by stage from the first priority a known assignment does not settle, each
priority minimised under the wish, the earlier priorities' caps and its own floor (its
current value, valid by optimality, so the solver stops as soon as it reaches it); the
first priority above its floor gives ``costs`` (then ``moves`` minimised with it at that
value: ``displaced``), every priority kept gives ``free`` (``moves`` minimised under every
cap). A solve not proven optimal within the time limit gives ``unknown``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from ortools.linear_solver import pywraplp

from models.outcome import SolveParams, Status
from models.team_wish import WishAnswer
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules, objective_values

#: Engines of ``pywraplp.Solver.CreateSolver`` this module knows how to configure.
ENGINES = ("HIGHS", "SCIP")


@dataclass
class MipSolve:
    """One solve: its status, the assignment found and its recomputed values."""

    status: Status
    team_of: IntArray | None = None
    values: dict[str, int] | None = None
    cpu_s: float = 0.0
    #: Optimal for the solver, but the assignment read back breaks a rule or a bound.
    rejected: bool = False


class TeamMip:
    """The per-student MIP of ``data`` (module doc), solved again and again with other
    bounds: ``solve`` fixes one placement, caps and floors some priorities and minimises
    a weighted sum of priorities."""

    def __init__(
        self,
        data: TeamData,
        engine: str = "HIGHS",
        options: str = "",
        max_rank: int | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}")
        self.data = data
        self.engine = engine
        #: Extra solver-specific parameters, one per line (benchmarks).
        self.options = options
        #: Only the teams each student ranks that well (valid under a ``worst_choice`` cap).
        self.max_rank = max_rank
        solver = pywraplp.Solver.CreateSolver(engine)
        if solver is None:
            raise RuntimeError(f"OR-Tools has no {engine} solver")
        self.solver = solver
        self.infinity = solver.infinity()
        self._build()

    # -- model ---------------------------------------------------------------------------

    def _build(self) -> None:
        data, solver = self.data, self.solver
        n, k = data.num_students, data.num_teams
        allowed = data.allowed_pairs(self.max_rank)
        self.x: dict[tuple[int, int], pywraplp.Variable] = {}
        by_student: list[list[int]] = [[] for _ in range(n)]
        by_team: list[list[int]] = [[] for _ in range(k)]
        for i, t in zip(*np.nonzero(allowed), strict=True):
            i, t = int(i), int(t)
            self.x[i, t] = solver.BoolVar(f"x[{i},{t}]")
            by_student[i].append(t)
            by_team[t].append(i)
        self.by_team = by_team
        self.by_student = by_student
        for i in range(n):
            # An empty row (nowhere to go) makes the model infeasible, as CP-SAT's.
            solver.Add(solver.Sum([self.x[i, t] for t in by_student[i]]) == 1)
        for t in range(k):
            size = solver.Sum([self.x[i, t] for i in by_team[t]])
            solver.Add(size >= int(data.size_min[t]))
            solver.Add(size <= int(data.size_max[t]))
        for a, b in data.apart:
            for t in set(by_student[a]) & set(by_student[b]):
                solver.Add(self.x[a, t] + self.x[b, t] <= 1)
        for a, b in data.together:
            for t in set(by_student[a]) | set(by_student[b]):
                if (a, t) in self.x and (b, t) in self.x:
                    solver.Add(self.x[a, t] == self.x[b, t])
                else:
                    solver.Add(self.x.get((a, t), self.x.get((b, t))) == 0)
        for group in data.isolation_groups:
            held = set(group.member_idcs)
            for t in range(k):
                members = [self.x[i, t] for i in by_team[t] if i in held]
                if not members:
                    continue
                some = solver.BoolVar("")
                count = solver.Sum(members)
                solver.Add(count <= len(members) * some)
                solver.Add(count >= 2 * some)
        self.objective_vars: dict[str, pywraplp.Variable] = {}
        #: Each priority's floor and cap, a row of its own: SCIP turns an integer variable
        #: whose bounds are once 0-1 into a binary one, then refuses wider bounds on it.
        self.limits: dict[str, pywraplp.Constraint] = {}
        for name in data.priorities:
            expr, upper = self._expression(name)
            var = solver.IntVar(0, upper, f"objective[{name}]")
            solver.Add(var == expr)
            self.objective_vars[name] = var
            limit = solver.Constraint(-self.infinity, self.infinity, f"limit[{name}]")
            limit.SetCoefficient(var, 1)
            self.limits[name] = limit
        self._fixed: tuple[int, int] | None = None

    def _expression(self, name: str) -> tuple[pywraplp.LinearExpr | int, int]:
        """A priority's linear expression and an upper bound of its value."""
        data, solver, x = self.data, self.solver, self.x
        n, k = data.num_students, data.num_teams
        ranks = data.ranks
        if name == "moves":
            previous = data.previous_or_none()
            terms = []
            for i in np.nonzero(previous >= 0)[0].tolist():
                var = x.get((i, int(previous[i])))
                terms.append(1 if var is None else 1 - var)
            return (solver.Sum(terms) if terms else 0), n
        if name == "worst_choice":
            max_rank = int(ranks.max(initial=0))
            worst = solver.IntVar(0, max_rank, "worst_choice")
            for i in range(n):
                if ranks[i].max(initial=0) == 0:
                    continue
                row = [int(ranks[i, t]) * x[i, t] for t in self.by_student[i]]
                solver.Add(worst >= solver.Sum(row))
            return worst, max_rank
        if name == "choices":
            terms = [int(ranks[i, t]) * var for (i, t), var in x.items() if ranks[i, t] > 0]
            return (solver.Sum(terms) if terms else 0), int(ranks.sum())
        if name == "balance":
            slack = []
            for group in data.balance_groups:
                held = set(group.member_idcs)
                for t in range(k):
                    count = solver.Sum([x[i, t] for i in self.by_team[t] if i in held])
                    over = solver.IntVar(0, len(held), "")
                    under = solver.IntVar(0, group.floor, "")
                    solver.Add(count - over <= group.ceil)
                    solver.Add(count + under >= group.floor)
                    slack += [over, under]
            return (solver.Sum(slack) if slack else 0), n * k
        if name == "experience":
            experience = data.experience_or_zero()
            total = int(experience.sum())
            if total == 0:
                return 0, 0
            gap = solver.IntVar(0, n * total, "experience_gap")
            for t in range(k):
                members = self.by_team[t]
                expr = solver.Sum([(n * int(experience[i]) - total) * x[i, t] for i in members])
                solver.Add(gap >= expr)
                solver.Add(gap >= -expr)
            return gap, n * total
        raise ValueError(f"unknown priority {name!r}")

    # -- solves --------------------------------------------------------------------------

    def has(self, student: int, team: int) -> bool:
        """Whether the placement is allowed at all (a variable exists)."""
        return (student, team) in self.x

    def solve(
        self,
        place: tuple[int, int] | None,
        bounds: dict[str, tuple[int | None, int | None]],
        objective: Sequence[tuple[str, int]],
        params: SolveParams,
        hint: IntArray | None = None,
        stop_at: int | None = None,
    ) -> MipSolve:
        """Minimise ``sum(weight * objective[name])`` with ``place`` = (student, team)
        fixed and each named priority within ``bounds[name]`` = (floor, cap) (None: open);
        proven optimal, or another status without a solution.

        ``stop_at`` (SCIP only): stop at the first solution whose objective is at most this
        (``limits/objectivestop``); such a solution comes back as OPTIMAL too, the caller
        knowing what it asked."""
        solver = self.solver
        start = time.process_time()
        if self._fixed is not None:
            self.x[self._fixed].SetLb(0)
            self._fixed = None
        if place is not None:
            self.x[place].SetLb(1)
            self._fixed = place
        for name, limit in self.limits.items():
            floor, cap = bounds.get(name, (None, None))
            limit.SetBounds(
                -self.infinity if floor is None else floor, self.infinity if cap is None else cap
            )
        goal = solver.Objective()
        goal.Clear()
        for name, weight in objective:
            goal.SetCoefficient(self.objective_vars[name], weight)
        goal.SetMinimization()
        if hint is not None and self.engine != "HIGHS":
            # OR-Tools 9.15's HiGHS interface crashes (segmentation fault) on a hint, so it
            # never gets one; its SCIP interface stores each solve's hint as a partial
            # solution until SCIP refuses ("limit reached": ABNORMAL), so
            # ``MipWishSession`` gives none by default either.
            pairs = [(var, 1.0 if hint[i] == t else 0.0) for (i, t), var in self.x.items()]
            solver.SetHint([p[0] for p in pairs], [p[1] for p in pairs])
        solver.SetNumThreads(1)
        solver.SetTimeLimit(max(1, int(params.time_limit * 1000)))
        if self.engine == "HIGHS":
            solver.SetSolverSpecificParametersAsString(
                f"output_flag false\nrandom_seed {int(params.seed)}\nmip_rel_gap 0\n"
                "mip_abs_gap 0.999\n" + self.options
            )
        else:
            solver.SetSolverSpecificParametersAsString(
                f"randomization/randomseedshift = {int(params.seed)}\nlimits/gap = 0\n"
                "limits/absgap = 0.999\n"
                f"limits/objectivestop = {1e20 if stop_at is None else stop_at + 0.5}\n"
                + self.options
            )
        mp_params = pywraplp.MPSolverParameters()
        mp_params.SetDoubleParam(mp_params.RELATIVE_MIP_GAP, 0.0)
        code = solver.Solve(mp_params)
        spent = time.process_time() - start
        if code == pywraplp.Solver.INFEASIBLE:
            return MipSolve(Status.INFEASIBLE, cpu_s=spent)
        stopped = (
            stop_at is not None
            and code == pywraplp.Solver.FEASIBLE
            and solver.Objective().Value() <= stop_at + 0.5
        )
        if code != pywraplp.Solver.OPTIMAL and not stopped:
            return MipSolve(Status.UNKNOWN, cpu_s=spent)
        team_of = np.full(self.data.num_students, -1, dtype=np.int64)
        for (i, t), var in self.x.items():
            if var.solution_value() > 0.5:
                team_of[i] = t
        if not keeps_hard_rules(self.data, team_of):
            # Tolerances let a broken assignment through: no answer rests on it.
            return MipSolve(Status.UNKNOWN, cpu_s=spent, rejected=True)
        values = objective_values(self.data, team_of)
        for name, (floor, cap) in bounds.items():
            if (cap is not None and values[name] > cap) or (
                floor is not None and values[name] < floor
            ):
                return MipSolve(Status.UNKNOWN, cpu_s=spent, rejected=True)
        return MipSolve(Status.OPTIMAL, team_of, values, spent)

    def lexicographic(
        self, params: SolveParams, place: tuple[int, int] | None = None
    ) -> tuple[Status, list[int], IntArray | None]:
        """Every priority minimised in turn, each kept at its optimum: the status, the
        values found (in ``data.priorities`` order) and the last assignment."""
        bounds: dict[str, tuple[int | None, int | None]] = {}
        found: list[int] = []
        team_of = None
        for name in self.data.priorities:
            result = self.solve(place, bounds, [(name, 1)], params)
            if result.status != Status.OPTIMAL or result.values is None:
                return result.status, found, team_of
            found.append(result.values[name])
            bounds[name] = (None, result.values[name])
            team_of = result.team_of
        return Status.OPTIMAL, found, team_of


class MipWishSession:
    """Every wish of one cohort answered on MIPs (the current result a proven optimum:
    ``values`` its priorities' values, ``data.previous`` the current result, ``moves`` among
    ``data.priorities``); the same verdicts as ``WishSession`` (module doc).

    With ``shrink``, the models of ``WishSession``: ``first`` (every team) for a first
    ``worst_choice`` stage, then only the teams each student ranks within its value,
    ``light`` (no experience rows) for the stages before ``experience``. With
    ``skip_ahead``, as ``WishSession``: stage ``p + 1`` solved first under ``p``'s cap when
    both run on the same model (a solution settles both; infeasible proves ``p`` worse).
    """

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        current: IntArray,
        *,
        engine: str = "HIGHS",
        hints: bool = False,
        weighted_last: bool = True,
        options: str = "",
        shrink: bool = True,
        skip_ahead: bool = True,
        weighted_stages: bool = False,
    ) -> None:
        if "moves" not in data.priorities or not {n for n, _ in values} <= set(data.priorities):
            raise ValueError("data.priorities must name moves and every priority of values")
        self.data = data
        self.values = tuple((name, int(value)) for name, value in values)
        self.current = current
        self.hints = hints
        #: The last stage as one solve, ``(N + 1) * objective + moves`` (as CP-SAT's).
        self.weighted_last = weighted_last
        self.skip_ahead = skip_ahead
        #: SCIP: every stage one weighted solve stopping at its floor (as CP-SAT's): no
        #: second solve for the fewest moves of a ``costs``.
        self.weighted_stages = weighted_stages and engine == "SCIP"
        names = [name for name, _ in self.values]
        without = replace(data, priorities=tuple(p for p in data.priorities if p != "experience"))
        self.first: TeamMip | None = None
        max_rank = None
        if shrink and names and names[0] == "worst_choice":
            max_rank = self.values[0][1]
            self.first = TeamMip(without, engine, options)
        self.full = TeamMip(data, engine, options, max_rank)
        self.light_stages = names.index("experience") if "experience" in names else 0
        self.light: TeamMip | None = None
        if shrink and self.light_stages > 0:
            self.light = TeamMip(without, engine, options, max_rank)
        self.solves = 0
        #: (kind, status, CPU seconds) of every solve: kind "stage:NAME" (minimised to its
        #: floor or above), "last:NAME" (the last stage, weighted with ``moves``),
        #: "moves:NAME" (fewest moves with NAME at a worse value), "moves:free" (fewest
        #: moves under every cap); "ahead:" before a stage solved under the previous cap.
        self.log: list[tuple[str, str, float]] = []

    def _model_of(self, stage: int) -> TeamMip:
        if stage == 0 and self.first is not None:
            return self.first
        if self.light is not None and stage < self.light_stages:
            return self.light
        return self.full

    def _solve(
        self,
        on: TeamMip,
        kind: str,
        place: tuple[int, int],
        bounds: dict[str, tuple[int | None, int | None]],
        objective: Sequence[tuple[str, int]],
        params: SolveParams,
        hint: IntArray,
    ) -> MipSolve:
        self.solves += 1
        result = on.solve(place, bounds, objective, params, hint=hint if self.hints else None)
        status = "REJECTED" if result.rejected else result.status.name
        self.log.append((kind, status, result.cpu_s))
        return result

    def _stage(
        self,
        on: TeamMip,
        stage: int,
        caps: dict[str, tuple[int | None, int | None]],
        place: tuple[int, int],
        params: SolveParams,
        hint: IntArray,
        prefix: str = "",
    ) -> MipSolve:
        """Stage ``stage``: its priority minimised under ``caps`` and its floor (weighted
        with ``moves`` on the last stage)."""
        name, value = self.values[stage]
        last = stage == len(self.values) - 1 and self.weighted_last
        weight = self.data.num_students + 1
        weighted = last or self.weighted_stages
        goal = [(name, weight), ("moves", 1)] if weighted else [(name, 1)]
        kind = prefix + (f"last:{name}" if last else f"stage:{name}")
        stop_at = None if last or not weighted else weight * value + self.data.num_students
        self.solves += 1
        result = on.solve(
            place, {**caps, name: (value, None)}, goal, params, hint=None, stop_at=stop_at
        )
        status = "REJECTED" if result.rejected else result.status.name
        self.log.append((kind, status, result.cpu_s))
        return result

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
        """The verdict of placing ``student`` in ``team`` (``WishSession.answer``'s
        arguments; the current result must be a proven optimum)."""
        if not (self.first or self.full).has(student, team):
            return WishAnswer("impossible")
        place = (student, team)
        start = self.current if hint is None else hint
        n = len(self.values)
        caps: dict[str, tuple[int | None, int | None]] = {
            name: (None, value) for name, value in self.values[:settled]
        }
        stage = settled
        while stage < n:
            on = self._model_of(stage)
            if not on.has(student, team):
                return WishAnswer("unknown")
            if self.skip_ahead and stage + 1 < n and self._model_of(stage + 1) is on:
                name, value = self.values[stage]
                ahead = {**caps, name: (None, value)}
                found = self._stage(on, stage + 1, ahead, place, params, start, "ahead:")
                if found.status != Status.INFEASIBLE:
                    if found.values is None or found.team_of is None:
                        return WishAnswer("unknown")
                    caps[name] = (None, value)
                    answer, stage = self._after(on, stage + 1, found, caps, place, params, worse)
                    if answer is not None:
                        return answer
                    start = found.team_of
                    continue
                known = None if worse is None else worse(stage)
                if known is not None:
                    return known
            found = self._stage(on, stage, caps, place, params, start)
            if found.status == Status.INFEASIBLE:
                # The floors hold for every assignment within the earlier caps: only the
                # placement can make this infeasible (stage 0 has no cap).
                return WishAnswer("impossible" if stage == 0 else "unknown")
            if found.values is None or found.team_of is None:
                return WishAnswer("unknown")
            answer, stage = self._after(on, stage, found, caps, place, params, worse)
            if answer is not None:
                return answer
            start = found.team_of
        fewest = self._solve(self.full, "moves:free", place, caps, [("moves", 1)], params, start)
        if fewest.status != Status.OPTIMAL or fewest.team_of is None:
            return WishAnswer("unknown")
        return WishAnswer("free", team_of=fewest.team_of)

    def _after(
        self,
        on: TeamMip,
        stage: int,
        found: MipSolve,
        caps: dict[str, tuple[int | None, int | None]],
        place: tuple[int, int],
        params: SolveParams,
        worse: Callable[[int], WishAnswer | None] | None,
    ) -> tuple[WishAnswer | None, int]:
        """After stage ``stage`` found ``found``: the answer when it decides the verdict,
        else the next stage to solve (``caps`` extended with the priorities kept)."""
        assert found.values is not None and found.team_of is not None
        name, value = self.values[stage]
        reached = found.values[name]
        if stage == len(self.values) - 1 and self.weighted_last:
            if reached == value:
                return WishAnswer("free", team_of=found.team_of), stage
            return WishAnswer(
                "costs", priority=name, value_if=reached, team_of=found.team_of
            ), stage
        if reached != value and self.weighted_stages:
            # Solved to the end (the stop was not reached): fewest moves at that value.
            return WishAnswer(
                "costs", priority=name, value_if=reached, team_of=found.team_of
            ), stage
        if reached != value:
            known = None if worse is None or reached != value + 1 else worse(stage)
            if known is not None:
                return known, stage
            bounds = {**caps, name: (reached, reached)}
            fewest = self._solve(
                on, f"moves:{name}", place, bounds, [("moves", 1)], params, found.team_of
            )
            if fewest.status != Status.OPTIMAL or fewest.team_of is None:
                return WishAnswer("unknown"), stage
            return WishAnswer(
                "costs", priority=name, value_if=reached, team_of=fewest.team_of
            ), stage
        caps[name] = (None, value)
        stage += 1
        # The later priorities this solution keeps at their values: their floors say none
        # can do better.
        n = len(self.values)
        while stage < n and found.values[self.values[stage][0]] == self.values[stage][1]:
            caps[self.values[stage][0]] = (None, self.values[stage][1])
            stage += 1
        return None, stage
