"""Explanations: the primal side of the wish re-solves (issue 14, session 7).

``WishSession`` (``models.team_wish``) answers a wish by stage solves on the whole cohort:
stage ``p`` minimises ``objective_p`` then ``moves`` under the wish, the caps of the
stages before ``p`` and, on a proven optimum, ``objective_p >= V_p`` (its floor), stopping
at the floor except at the last stage. This script measures, per cohort and in one
process (each wish answered by every mode in turn, so that all see the same load):

- ``plain``: the product's session;
- ``hint``: the last stage's solve given, at no cost, the assignment the plain solve
  found (a perfect primal: what any start can gain at most on that stage);
- ``skip``: ``hint``, and every stage before the last that reaches its floor answered at
  no cost with the plain solve's assignment (a perfect primal everywhere: the floor is the
  proof, only the search for an assignment reaching it is left);
- ``sub``: neighbourhood sub-solves (``SubSolver`` below): CP-SAT on the students of a
  few teams, everyone else fixed, the caps shared out exactly; before the last stage an
  assignment reaching the floor replaces the stage's solve, for the last stage the best
  found is the solve's hint (``--floor-tries``, ``--last-rounds``).

CPU seconds per mode, whether the answers (verdict, priority, value_if, displaced) agree
with ``plain`` and how many wishes name other movers. One CP-SAT worker. Usage::

    matcher run INSTANCE --out RESULT --no-explain --quiet
    python benchmarks/explain_primal.py INSTANCE RESULT [--students K] \
        [--mode plain --mode hint --mode skip --mode sub] [--floor-tries 3] [--last-rounds 4]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import models.team_wish as team_wish
import models.wish_chains as wish_chains
from matcher import explain as ex
from matcher.loading import load_instance, read_selection, read_teams
from models.cpsat import cp_model
from models.outcome import SolveParams, Status
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules, objective_values, window_gaps
from models.wish_witness import Neighbourhood

#: Deterministic work (CP-SAT's own units, about seconds of one core) of one sub-solve.
SUB_WORK = 0.02
#: Largest neighbourhood (teams) of a sub-solve.
MAX_TEAMS = 6


@dataclass(frozen=True)
class Found:
    """An assignment with the wish keeping the caps, and its stage key."""

    team_of: IntArray
    value: int  # the stage's priority
    moves: int


def _distances(step: np.ndarray, origin: int) -> IntArray:
    """Breadth-first distances from ``origin`` along ``step`` (-1: unreachable)."""
    dist = np.full(step.shape[0], -1, dtype=np.int64)
    dist[origin] = 0
    frontier = np.zeros(step.shape[0], dtype=bool)
    frontier[origin] = True
    level = 0
    while frontier.any():
        level += 1
        reached = step[frontier].any(axis=0) & (dist < 0)
        dist[reached] = level
        frontier = reached
    return dist


class SubSolver:
    """Neighbourhood sub-solves of one cohort (module doc).

    Every sub-solve is a CP-SAT model of the students of a few teams, everyone else
    fixed where the starting assignment has them: the fixed students' part of each sum
    (``balance``, ``choices``, ``moves``) and of the maximum (``experience``'s gap) is a
    constant, so an assignment of the neighbourhood within the caps is one of the whole
    cohort. Stopped by a deterministic work limit (``SUB_WORK``); what it returns is
    checked from the arrays (``checked``) before anyone uses it.

    ``values``: the priorities in order with their current values; ``current``: the
    result being explained (``moves`` counts the students whose team differs from it).
    """

    def __init__(
        self,
        data: TeamData,
        values: Sequence[tuple[str, int]],
        current: IntArray,
        floor_tries: int = 3,
        last_rounds: int = 4,
    ) -> None:
        #: Neighbourhoods tried for a stage before the last, improving sub-solves for the
        #: last stage (each a sub-solve; 0: none).
        self.floor_tries = floor_tries
        self.last_rounds = last_rounds
        self.data = data
        self.values = tuple(values)
        self.current = current
        n = data.num_students
        self.names = [name for name, _ in values]
        experience = data.experience_or_zero().astype(np.int64)
        self.total = int(experience.sum())
        #: N e_j - E: student j's share of a team's experience gap.
        self.exp_coef = n * experience - self.total
        pinned = data.pinned_or_none()
        self.free = pinned < 0
        self.together_of: dict[int, int] = {}
        for a, b in data.together:
            self.together_of[a] = b
            self.together_of[b] = a
        self.balance = [
            (np.array(g.member_idcs, dtype=np.int64), g.floor, g.ceil) for g in data.balance_groups
        ]
        self.isolation = [np.array(g.member_idcs, dtype=np.int64) for g in data.isolation_groups]
        self.sub_solves = 0

    # -- the search --------------------------------------------------------------------

    def search(
        self,
        student: int,
        team: int,
        stage: int,
        params: SolveParams,
        start: IntArray | None = None,
    ) -> Found | None:
        """An assignment with ``student`` in ``team`` keeping the caps of the stages before
        ``stage``; None when none is found.

        Before the last stage: one with the stage's priority at its value (its floor),
        the fewest moves within the first neighbourhood holding one (the two teams, then
        with the teams most linked to them), from the current result with the wish. The
        last stage: the best found by (its priority, moves), from ``start`` when it has
        the wish and keeps the caps, improved by sub-solves on the teams where that
        priority is worst (``last_rounds``).
        """
        if student in self.together_of:
            return None
        name, floor = self.values[stage]
        if name == "worst_choice":
            return None
        caps = dict(self.values[:stage])
        allowed = self.data.allowed_pairs(caps.get("worst_choice"))
        if not allowed[student, team]:
            return None
        last = stage == len(self.values) - 1
        base = self.current.copy()
        base[student] = team
        source = int(self.current[student])
        if not last:
            reach = {**caps, name: floor}
            for teams in self._neighbourhoods(allowed, team, source)[: self.floor_tries]:
                found = self._sub_solve(base, teams, student, team, reach, "moves", allowed, params)
                if found is not None:
                    return Found(found.team_of, floor, found.moves)
            return None
        if self.last_rounds == 0:
            return None
        best = None
        if start is not None and start[student] == team:
            best = self.checked(start, caps, name)
        if best is None:
            return None
        for round_ in range(self.last_rounds):
            if best.value <= floor and best.moves <= 1:
                break
            teams = self._worst_teams(best.team_of, name, allowed, team, round_)
            found = self._sub_solve(best.team_of, teams, student, team, caps, name, allowed, params)
            if found is not None and (found.value, found.moves) < (best.value, best.moves):
                best = found
        return best

    def _worst_teams(
        self, team_of: IntArray, name: str, allowed: np.ndarray, team: int, round_: int
    ) -> tuple[int, ...]:
        """Teams for an improving sub-solve: the worst team for ``name`` (the largest
        experience gap; else the team with the most movers), and the teams that can
        compensate it, rotating with ``round_``."""
        k = self.data.num_teams
        moved = np.bincount(team_of[team_of != self.current], minlength=k)
        moved += np.bincount(self.current[team_of != self.current], minlength=k)
        if name == "experience" and self.total > 0:
            share = np.bincount(team_of, weights=self.exp_coef, minlength=k)
            worst = int(np.argmax(np.abs(share)))
            # Opposite signs compensate: their members can swap with the worst team's.
            score = -share * np.sign(share[worst]) + moved
        else:
            worst = int(np.argmax(moved))
            score = moved.astype(np.float64)
        order = [u for u in np.argsort(-score, kind="stable").tolist() if u != worst]
        picked = order[round_ % 2 : round_ % 2 + 2] + order[2 + round_ : 3 + round_]
        return tuple(dict.fromkeys([worst, *picked]))

    def _neighbourhoods(self, allowed: np.ndarray, team: int, source: int) -> list[tuple[int, ...]]:
        """The team sets tried, in order: the teams on the shortest chains of moves from
        ``team`` (one member too many) back to ``source`` (one too few), then those on
        chains one move longer, then two (``allowed``: who may go where)."""
        k = self.data.num_teams
        current = self.current
        movable = self.free.copy()
        for j in self.together_of:
            movable[j] = False
        # step[u, v]: some member of u may move to v.
        step = np.zeros((k, k), dtype=bool)
        rows = np.flatnonzero(movable)
        np.logical_or.at(step, current[rows], allowed[rows])
        np.fill_diagonal(step, False)
        from_team = _distances(step, team)
        to_source = _distances(step.T, source)
        if team == source or from_team[source] < 0:
            return [(team,)] if team == source else []
        through = np.where((from_team >= 0) & (to_source >= 0), from_team + to_source, -1)
        shortest = int(from_team[source])
        sets: list[tuple[int, ...]] = []
        for longer in range(3):
            teams = tuple(np.flatnonzero((through >= 0) & (through <= shortest + longer)).tolist())
            if teams and (not sets or teams != sets[-1]) and len(teams) <= MAX_TEAMS:
                sets.append(teams)
        # Then the two teams with the teams most linked to them.
        core = [team, source]
        links = step[core].sum(axis=0) + step[:, core].sum(axis=1)
        others = [u for u in np.argsort(-links, kind="stable").tolist() if u not in core]
        for size in range(1, MAX_TEAMS - 1):
            teams = tuple(sorted([*core, *others[:size]]))
            if teams not in sets:
                sets.append(teams)
        return sets

    # -- one sub-solve -------------------------------------------------------------------

    def _sub_solve(
        self,
        base: IntArray,
        teams: Sequence[int],
        student: int,
        team: int,
        caps: dict[str, int],
        objective: str,
        allowed: np.ndarray,
        params: SolveParams,
    ) -> Found | None:
        """The neighbourhood of ``teams`` (their students free, the others as in ``base``),
        ``objective`` then moves minimised within ``caps``."""
        data = self.data
        n = data.num_students
        inside = np.isin(base, teams)
        members = np.flatnonzero(inside)
        # A together pair split across the boundary cannot move: keep such students fixed
        # is not possible (their partner is outside): the neighbourhood is dropped.
        for j in members.tolist():
            partner = self.together_of.get(j)
            if partner is not None and not inside[partner]:
                return None
        model = cp_model.CpModel()
        x: dict[tuple[int, int], cp_model.IntVar] = {}
        for j in members.tolist():
            options = [u for u in teams if allowed[j, u]]
            if j == student:
                options = [team]
            elif not self.free[j]:
                options = [int(base[j])] if allowed[j, int(base[j])] else []
            if not options:
                return None
            row = [model.new_bool_var(f"x{j}_{u}") for u in options]
            for u, var in zip(options, row, strict=True):
                x[(j, u)] = var
            model.add_exactly_one(row)

        def count(idcs: np.ndarray, u: int) -> cp_model.LinearExprT:
            return sum((x[(j, u)] for j in idcs.tolist() if (j, u) in x), start=0)  # type: ignore[arg-type]

        for u in teams:
            size = count(members, u)
            model.add_linear_constraint(size, int(data.size_min[u]), int(data.size_max[u]))
        for a, b in data.apart:
            if inside[a] and inside[b]:
                for u in teams:
                    if (a, u) in x and (b, u) in x:
                        model.add_bool_or([x[(a, u)].Not(), x[(b, u)].Not()])
        for a, b in data.together:
            if inside[a] and inside[b]:
                for u in teams:
                    va, vb = x.get((a, u)), x.get((b, u))
                    if va is None and vb is not None:
                        model.add(vb == 0)
                    elif vb is None and va is not None:
                        model.add(va == 0)
                    elif va is not None and vb is not None:
                        model.add(va == vb)
        for group in self.isolation:
            inner = group[inside[group]]
            for u in teams:
                c = count(inner, u)
                if not isinstance(c, int):
                    model.add(c != 1)
        outside = ~inside
        terms: dict[str, cp_model.LinearExprT] = {}
        ranks = data.ranks
        rows = np.arange(n)
        out_ranks = ranks[rows[outside], base[outside]]
        names = [*caps, objective]
        if "choices" in names:
            terms["choices"] = int(out_ranks.sum()) + sum(
                (int(ranks[j, u]) * v for (j, u), v in x.items()),
                start=0,  # type: ignore[arg-type]
            )
        if "moves" in names:
            previous = self.current
            fixed_moves = int((base[outside] != previous[outside]).sum())
            terms["moves"] = fixed_moves + sum(
                (v for (j, u), v in x.items() if u != previous[j]),
                start=0,  # type: ignore[arg-type]
            )
        if "balance" in names:
            slack: list[cp_model.IntVar] = []
            fixed = 0
            k = data.num_teams
            for group, g_floor, g_ceil in self.balance:
                counts = np.bincount(base[group[outside[group]]], minlength=k)
                keep = np.ones(k, dtype=bool)
                keep[list(teams)] = False
                fixed += int(window_gaps(counts[keep], g_floor, g_ceil).sum())
                inner = group[inside[group]]
                for u in teams:
                    c = count(inner, u)
                    over = model.new_int_var(0, len(group), "")
                    under = model.new_int_var(0, g_floor, "")
                    model.add(c - over <= g_ceil)
                    model.add(c + under >= g_floor)
                    slack += [over, under]
            terms["balance"] = fixed + sum(slack, start=0)  # type: ignore[arg-type]
        if "experience" in names and self.total > 0:
            k = data.num_teams
            keep = np.ones(k, dtype=bool)
            keep[list(teams)] = False
            gaps = np.abs(np.bincount(base[outside], weights=self.exp_coef[outside], minlength=k))
            fixed_gap = int(gaps[keep].max(initial=0))
            gap = model.new_int_var(fixed_gap, n * self.total, "gap")
            for u in teams:
                share = sum(
                    (int(self.exp_coef[j]) * v for (j, w), v in x.items() if w == u),
                    start=0,  # type: ignore[arg-type]
                )
                model.add(gap >= share)
                model.add(gap >= -share)
            terms["experience"] = gap
        elif "experience" in names:
            terms["experience"] = 0
        for name, cap in caps.items():
            if name in terms:
                model.add(terms[name] <= cap)
        goal = terms.get(objective, 0)
        moves = terms.get("moves")
        if moves is None:
            previous = self.current
            moves = sum((v for (j, u), v in x.items() if u != previous[j]), start=0)  # type: ignore[arg-type]
        model.minimize((n + 1) * goal + moves if objective != "moves" else moves)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = params.seed
        solver.parameters.max_deterministic_time = SUB_WORK
        # Small models solved once: presolve and symmetry detection cost more than they save
        # (110 sub-solves of 2022-2023: 1.05 s with them, 0.43 s without).
        solver.parameters.cp_model_presolve = False
        solver.parameters.symmetry_level = 0
        solver.parameters.max_time_in_seconds = max(params.time_limit, 0.001)
        self.sub_solves += 1
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        found = base.copy()
        for (j, u), v in x.items():
            if solver.boolean_value(v):
                found[j] = u
        return self.checked(found, caps, objective)

    def checked(self, team_of: IntArray, caps: dict[str, int], objective: str) -> Found | None:
        """``team_of`` as a ``Found`` when it keeps every hard rule and every cap (from the
        arrays alone), else None."""
        if not keeps_hard_rules(self.data, team_of):
            return None
        values = objective_values(self.data, team_of)
        if any(values[name] > cap for name, cap in caps.items()):
            return None
        return Found(team_of, values[objective], values["moves"])


# -- the session hook ----------------------------------------------------------------------

#: ``(session, stage, params, hint)`` -> (assignment, the stage's value) or None.
Primal = Callable[[Any, int, SolveParams, IntArray], tuple[IntArray, int] | None]

_STAGE = team_wish.WishSession._stage
_ANSWER = team_wish.WishSession.answer


def _answer(self: Any, student: int, team: int, params: SolveParams, **kw: Any) -> Any:
    """``WishSession.answer``, the wish remembered for ``_stage``."""
    self.bench_wish = (student, team)
    return _ANSWER(self, student, team, params, **kw)


def _stage(self: Any, on: Any, x: Any, stage: int, params: SolveParams, hint: IntArray) -> Any:
    """``WishSession._stage`` with the session's ``primal`` (if any) asked first: before
    the last stage an assignment reaching the floor is the stage's answer (the floor is
    its proof), otherwise it is the solve's hint. Every solve is recorded in ``found``."""
    primal: Primal | None = getattr(self, "primal", None)
    value = self.values[stage][1]
    last = stage == len(self.values) - 1
    if primal is not None:
        got = primal(self, stage, params, hint)
        if got is not None:
            if not last and got[1] == value:
                return Status.FEASIBLE, got[0], value
            hint = got[0]
    out = _STAGE(self, on, x, stage, params, hint)
    found = getattr(self, "found", None)
    if found is not None:
        found[(self.bench_wish, stage)] = out
    return out


def install() -> None:
    """Wrap ``WishSession`` (``_stage``, ``answer``) so that a session's ``primal`` and
    ``found`` attributes take effect; a session without them behaves as before."""
    team_wish.WishSession._stage = _stage  # type: ignore[method-assign]
    team_wish.WishSession.answer = _answer  # type: ignore[method-assign]


def _oracle(plain: Any, skip_floors: bool) -> Primal:
    """A perfect primal: the assignment the plain session's solve of the same stage found."""

    def primal(self: Any, stage: int, params: SolveParams, hint: IntArray) -> Any:
        out = plain.found.get((self.bench_wish, stage))
        if out is None or out[1] is None:
            return None
        if stage < len(self.values) - 1 and not skip_floors:
            return None
        return out[1], out[2]

    return primal


def _sub(sub: SubSolver, tally: dict[str, float]) -> Primal:
    """``SubSolver.search`` as a primal, its CPU and outcomes counted in ``tally``."""

    def primal(self: Any, stage: int, params: SolveParams, hint: IntArray) -> Any:
        start = time.process_time()
        found = sub.search(*self.bench_wish, stage, params, hint)
        tally["cpu"] += time.process_time() - start
        if found is None:
            tally["none"] += 1
            return None
        tally["floor" if found.value == self.values[stage][1] else "above"] += 1
        return found.team_of, found.value

    return primal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--students", type=int, default=0, help="only the first K (0: all)")
    parser.add_argument("--mode", action="append", choices=["hint", "skip", "sub"], default=[])
    parser.add_argument("--floor-tries", type=int, default=3)
    parser.add_argument("--last-rounds", type=int, default=4)
    args = parser.parse_args()
    install()
    instance = load_instance(args.instance)
    _, rows = read_selection(args.result / "selection.csv", instance)
    ids = tuple(row.id for row in rows if row.selected)
    summary = json.loads((args.result / "summary.json").read_text(encoding="utf-8"))
    if summary["teams"]["status"] != "OPTIMAL":
        raise SystemExit("the stages stop at their floors only on a proven optimum")
    cohort, data = ex._prepare(instance, ids, read_teams(args.result / "teams.csv", instance))
    current = cohort.current
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    who = set(range(args.students)) if args.students else None
    wishes = [
        (i, t)
        for i, t in ex._wishes(instance, data.ranks, current, who)
        if ex._pre_check(cohort, data, i, t) is None
    ]
    solver = instance.settings.solver
    params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
    modes = ["plain", *dict.fromkeys(args.mode)]
    sessions = {m: team_wish.WishSession(data, values, current, optimal=True) for m in modes}
    sessions["plain"].found = {}
    tally: dict[str, float] = defaultdict(float)
    sub = SubSolver(data, values, current, args.floor_tries, args.last_rounds)
    for mode in modes[1:]:
        sessions[mode].primal = (
            _sub(sub, tally) if mode == "sub" else _oracle(sessions["plain"], mode == "skip")
        )
    cpu: dict[str, float] = defaultdict(float)
    differ: dict[str, int] = defaultdict(int)
    movers: dict[str, int] = defaultdict(int)
    print(f"load average at start: {os.getloadavg()[0]:.1f}; values {values}")
    for i, t in wishes:
        answer, hint, settled = wish_chains.cheap_answer(data, values, current, i, t)
        if answer is not None:
            continue
        near = Neighbourhood(data, values, current, i, t)
        if near.free() is not None:
            continue
        row = {}
        for mode in modes:
            start = time.process_time()
            found = sessions[mode].answer(
                i, t, params, settled=settled, hint=hint, worse=ex._worse_by_one(near, values)
            )
            spent = time.process_time() - start
            cpu[mode] += spent
            moved = None if found.team_of is None else found.team_of != current
            shown = (found.verdict, found.priority, found.value_if)
            row[mode] = (*shown, None if moved is None else int(moved.sum()) - 1, moved, spent)
        for mode in modes[1:]:
            differ[mode] += row[mode][:4] != row["plain"][:4]
            a, b = row[mode][4], row["plain"][4]
            same = a is None and b is None
            same |= a is not None and b is not None and bool((a == b).all())
            movers[mode] += not same
        times = " ".join(f"{m} {row[m][5]:.3f}" for m in modes)
        print(instance.students[i].id, ids[t], row["plain"][:4], times, flush=True)
    for mode in modes:
        ratio = cpu[mode] / cpu["plain"] if cpu["plain"] else float("nan")
        extra = ""
        if mode != "plain":
            extra = f"; answers differ {differ[mode]}, other movers {movers[mode]}"
        print(f"{mode}: {cpu[mode]:.2f} s of CPU (ratio {ratio:.2f}){extra}")
    if "sub" in modes:
        print(f"sub-solves: {sub.sub_solves}, {tally['cpu']:.2f} s; outcomes {dict(tally)}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
