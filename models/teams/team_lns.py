"""Balance by large neighbourhoods: a few teams re-solved exactly by CP-SAT, the rest fixed.

Where the worst choice leaves most students two teams (own-sizes 1,000 x 100 seed 2: 912
of 1,000 students at worst choice 2), a swap needs a partner in the other team who may
join the first, which few have; the annealing's swaps, moves and cycles (``anneal_moves``)
stalled at 287-295 violations against a relaxation bound of 269. Students there reach a
better balance by changing team sizes: one leaves a team of 11 for a team of 8 that holds
too few of some value, another leaves that team for a third, and so on (teams of
``floor(N/K) - 1`` or ``ceil(N/K) + 1`` students cannot meet every window). A neighbourhood
here is a set of teams linked by such students; every movable student in it who may join
at least two of its teams is free, and CP-SAT finds their best placement within the teams
of the set (sizes in their own bounds, pins, conflicts, apart and together pairs,
no-isolation, ranks up to the worst choice), every other student fixed. It minimises the
set's violations first, then its sum of ranks, so that a neighbourhood never costs
choices for nothing.

Each neighbourhood is counted work: its model's size (``work.model_units``) and CP-SAT's
deterministic time, one worker, the run's seed; the sets are drawn by a seeded generator.
The same input and seed give the same result on every machine.
"""

from __future__ import annotations

import numpy as np

from models.budget import Budget
from models.cpsat import cp_model
from models.solve import SolveParams, charged, dtime_price, ended_on_clock, make_solver
from models.teams.data import BoolArray, IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules, team_violations
from models.teams.work import model_units

#: Teams per neighbourhood at first, and the fewest it adapts down to (``_next_size``).
_FIRST_TEAMS = 8
_MIN_TEAMS = 3
#: Largest share of the teams in one neighbourhood.
_MAX_SHARE = 0.5
#: Deterministic time one neighbourhood may take at most (units).
_SLICE = 0.5
#: Neighbourhoods in a row without an improvement, per team, after which the search stops.
_PATIENCE_PER_TEAM = 1.0
#: CP-SAT settings of a neighbourhood's search.
_SETTINGS: dict[str, object] = {"linearization_level": 2}
#: Share of the draws that start from a team with violations (else any team).
_FROM_BAD = 0.8


def lns_balance(
    data: TeamData,
    team_of: IntArray,
    max_rank: int | None,
    lower_bound: int,
    params: SolveParams,
    budget: Budget,
) -> IntArray:
    """An assignment with at most ``team_of``'s balance violations (a new array), and no
    more ranks at equal violations.

    ``team_of`` must keep every hard rule (else it is returned as it is); so does the
    result, with no rank beyond ``max_rank`` (or ``team_of``'s worst). Stops once the
    violations reach ``lower_bound``, after ``_PATIENCE_PER_TEAM`` x K neighbourhoods
    without improvement, or when ``budget`` is spent. ``params`` gives the seed.
    """
    best = team_of.copy()
    if not data.balance_groups or data.num_teams < 2 or not keeps_hard_rules(data, team_of):
        return best
    search = _Neighbourhoods(data, best, max_rank)
    rng = np.random.default_rng(params.seed)
    value = int(team_violations(data, best).sum())
    size = min(_FIRST_TEAMS, data.num_teams)
    idle = 0
    patience = max(10, int(_PATIENCE_PER_TEAM * data.num_teams))
    while value > lower_bound and idle < patience and budget.left() > 0:
        teams = search.draw(rng, size)
        gain, proven = search.solve(teams, params, budget)
        value -= gain
        idle = 0 if gain > 0 else idle + 1
        size = _next_size(size, proven, data.num_teams)
    return search.team_of.copy()


def _next_size(size: int, proven: bool, num_teams: int) -> int:
    """Teams of the next neighbourhood: a quarter more after one CP-SAT proved, a third
    fewer after one it did not, within ``_MIN_TEAMS`` and ``_MAX_SHARE`` of the teams."""
    top = max(_MIN_TEAMS, int(num_teams * _MAX_SHARE))
    if proven:
        return min(size + max(1, size // 4), top, num_teams)
    return max(size - max(1, size // 3), _MIN_TEAMS)


class _Neighbourhoods:
    """The assignment being improved, and what each neighbourhood's model needs."""

    def __init__(self, data: TeamData, team_of: IntArray, max_rank: int | None) -> None:
        self.data = data
        self.team_of = team_of
        students = np.arange(data.num_students)
        limit = int(data.ranks[students, team_of].max(initial=0)) if max_rank is None else max_rank
        self.allowed = data.allowed_pairs(limit)
        movable = (data.pinned_or_none() < 0) & (data.previous_or_none() < 0)
        self.movable: BoolArray = np.asarray(movable & (self.allowed.sum(axis=1) > 1))
        self.member = np.zeros((len(data.balance_groups), data.num_students), dtype=bool)
        for g_idx, group in enumerate(data.balance_groups):
            self.member[g_idx, list(group.member_idcs)] = True
        self.isolation = np.zeros((len(data.isolation_groups), data.num_students), dtype=bool)
        for g_idx, group in enumerate(data.isolation_groups):
            self.isolation[g_idx, list(group.member_idcs)] = True
        self.floor = np.array([g.floor for g in data.balance_groups], dtype=np.int64)
        self.ceil = np.array([g.ceil for g in data.balance_groups], dtype=np.int64)
        # Students whose allowed teams are few link teams in a neighbourhood; the others
        # (who may join most teams) would link any two.
        self.narrow = self.movable & (self.allowed.sum(axis=1) <= max(2, data.num_teams // 4))

    def draw(self, rng: np.random.Generator, size: int) -> list[int]:
        """``size`` teams: one (with violations, mostly), then teams linked to those drawn
        by a narrow student in them who may join it, else any team."""
        data = self.data
        violations = team_violations(data, self.team_of)
        bad = np.nonzero(violations > 0)[0]
        if len(bad) and rng.random() < _FROM_BAD:
            first = int(bad[rng.integers(0, len(bad))])
        else:
            first = int(rng.integers(0, data.num_teams))
        chosen = [first]
        inside = np.zeros(data.num_teams, dtype=bool)
        inside[first] = True
        while len(chosen) < size:
            linking = np.nonzero(self.narrow & inside[self.team_of])[0]
            options = self.allowed[linking] & ~inside
            rows, cols = np.nonzero(options)
            if len(rows):
                team = int(cols[rng.integers(0, len(cols))])
            else:
                team = int(rng.choice(np.nonzero(~inside)[0]))
            chosen.append(team)
            inside[team] = True
        return chosen

    def solve(self, teams: list[int], params: SolveParams, budget: Budget) -> tuple[int, bool]:
        """Re-place the free students of ``teams``; (violations removed, whether proven)."""
        data, team_of = self.data, self.team_of
        inside = np.zeros(data.num_teams, dtype=bool)
        inside[teams] = True
        options = self.allowed & inside[None, :]
        here = options[np.arange(data.num_students), team_of]
        free = np.nonzero(self.movable & inside[team_of] & here & (options.sum(axis=1) > 1))[0]
        if len(free) == 0:
            return 0, True
        fixed = inside[team_of].copy()
        fixed[free] = False
        model = cp_model.CpModel()
        x: dict[tuple[int, int], cp_model.IntVar] = {}
        for i in free.tolist():
            row = []
            for t in np.nonzero(options[i])[0].tolist():
                var = model.new_bool_var("")
                model.add_hint(var, t == int(team_of[i]))
                x[i, t] = var
                row.append(var)
            model.add_exactly_one(row)
        # Who may land in each team, and the fixed students already there.
        landing: dict[int, list[int]] = {t: [] for t in teams}
        for i, t in x:
            landing[t].append(i)
        fixed_team = np.where(fixed, team_of, -1)
        sizes = np.bincount(fixed_team[fixed_team >= 0], minlength=data.num_teams)
        for t in teams:
            total = sum(x[i, t] for i in landing[t]) + int(sizes[t])
            model.add_linear_constraint(total, int(data.size_min[t]), int(data.size_max[t]))
        gaps = self._balance_terms(model, x, landing, fixed_team, teams)
        self._isolation(model, x, landing, fixed_team, teams)
        self._pairs(model, x)
        ranks = data.ranks
        rank_terms = [int(ranks[i, t]) * var for (i, t), var in x.items()]
        weight = int(ranks[free].max(axis=1).sum()) + 1
        model.minimize(weight * sum(gaps) + sum(rank_terms))
        budget.charge(model_units(model))
        if budget.left() <= 0:
            return 0, False
        local = SolveParams(
            time_limit=budget.wall_left(),
            seed=params.seed,
            workers=1,
            work_per_dtime=params.work_per_dtime,
            meter=params.meter,
            cp_sat_parameters=_SETTINGS,
        )
        # The slice is deterministic time, the same at every price of a unit.
        slice_units = _SLICE * dtime_price(local)
        solver = make_solver(local, budget.wall_left(), min(slice_units, budget.left()))
        code = solver.solve(model)
        budget.charge(charged(local, solver))
        if ended_on_clock(solver):
            budget.note_clock()
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return 0, False
        before = int(team_violations(data, team_of)[teams].sum())
        old_ranks = int(ranks[free, team_of[free]].sum())
        placed = team_of.copy()
        for (i, t), var in x.items():
            if solver.boolean_value(var):
                placed[i] = t
        after = int(team_violations(data, placed)[teams].sum())
        new_ranks = int(ranks[free, placed[free]].sum())
        if (after, new_ranks) < (before, old_ranks):
            team_of[free] = placed[free]
        else:
            after = before
        return before - after, code == cp_model.OPTIMAL

    def _balance_terms(
        self,
        model: cp_model.CpModel,
        x: dict[tuple[int, int], cp_model.IntVar],
        landing: dict[int, list[int]],
        fixed_team: IntArray,
        teams: list[int],
    ) -> list[cp_model.IntVar]:
        """One gap variable per (value, team): its count's distance to the value's window."""
        gaps = []
        for g_idx in range(len(self.member)):
            holders = self.member[g_idx]
            counts = np.bincount(fixed_team[holders & (fixed_team >= 0)], minlength=len(fixed_team))
            for t in teams:
                comers = [x[i, t] for i in landing[t] if holders[i]]
                base = int(counts[t]) if t < len(counts) else 0
                top = base + len(comers)
                low, high = int(self.floor[g_idx]), int(self.ceil[g_idx])
                if low <= base and top <= high:
                    continue  # within the window whoever comes
                gap = model.new_int_var(0, max(top, low), "")
                count = sum(comers) + base
                model.add(gap >= count - high)
                model.add(gap >= low - count)
                gaps.append(gap)
        return gaps

    def _isolation(
        self,
        model: cp_model.CpModel,
        x: dict[tuple[int, int], cp_model.IntVar],
        landing: dict[int, list[int]],
        fixed_team: IntArray,
        teams: list[int],
    ) -> None:
        """No-isolation conditions: 0 or at least 2 of each group in every team."""
        for g_idx in range(len(self.isolation)):
            holders = self.isolation[g_idx]
            counts = np.bincount(fixed_team[holders & (fixed_team >= 0)], minlength=len(fixed_team))
            for t in teams:
                comers = [x[i, t] for i in landing[t] if holders[i]]
                if not comers:
                    continue
                count = sum(comers) + int(counts[t])
                some = model.new_bool_var("")
                model.add(count >= 2).only_enforce_if(some)
                model.add(count == 0).only_enforce_if(~some)

    def _pairs(self, model: cp_model.CpModel, x: dict[tuple[int, int], cp_model.IntVar]) -> None:
        """Apart pairs never in one team; together pairs in the same one."""
        team_of = self.team_of
        by_student: dict[int, dict[int, cp_model.IntVar]] = {}
        for (i, t), var in x.items():
            by_student.setdefault(i, {})[t] = var
        for first, second in self.data.apart:
            a_vars, b_vars = by_student.get(first), by_student.get(second)
            if a_vars is None and b_vars is None:
                continue
            if a_vars is not None and b_vars is not None:
                for t, var in a_vars.items():
                    if t in b_vars:
                        model.add_bool_or([~var, ~b_vars[t]])
                continue
            # One free, the other fixed where it is: the free one may not join it.
            mover, other = (a_vars, second) if a_vars is not None else (b_vars, first)
            assert mover is not None
            if int(team_of[other]) in mover:
                model.add(mover[int(team_of[other])] == 0)
        for first, second in self.data.together:
            a_vars, b_vars = by_student.get(first), by_student.get(second)
            if a_vars is None and b_vars is None:
                continue
            if a_vars is not None and b_vars is not None:
                for t in set(a_vars) | set(b_vars):
                    if t in a_vars and t in b_vars:
                        model.add(a_vars[t] == b_vars[t])
                    else:
                        model.add((a_vars[t] if t in a_vars else b_vars[t]) == 0)
                continue
            mover, other = (a_vars, second) if a_vars is not None else (b_vars, first)
            assert mover is not None
            for t, var in mover.items():
                if t != int(team_of[other]):
                    model.add(var == 0)
