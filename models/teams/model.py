"""The CP-SAT model of stage 2: one method per rule, one per priority.

``x[i, t]`` is a Boolean "student i joins team t", created only where allowed (a student
with a conflict of interest, or pinned elsewhere, has no variable for that team).
Interchangeable students are merged into types counted by an integer per team, and
students who may join any team they did not list go through the pool of their profile
(see ``student_types``). Balance counts and experience totals are linear in these
variables; soft balance uses one over- and one under-shoot variable per (value, team);
the worst choice is a variable bounded below by each student's rank; the experience gap
is a min-max.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models import interrupt
from models.cpsat import cp_model
from models.solve import Objective
from models.teams.data import IntArray, RuleRef, TeamData
from models.teams.student_types import merge_types, singletons

#: Upper bound of every objective variable (the experience gap is the largest, ~N²·years).
_MAX_OBJECTIVE = 2**40


class TeamModel:
    """The CP-SAT model of stage 2.

    Parameters
    ----------
    data
        The problem in indices.
    diagnose
        Build every rule instance behind its own enforcement literal (``families``) and
        keep one variable per student and team, so that ``explain_teams`` can switch rules
        off; slower, only used once a cohort is known to have no solution.
    aggregate
        Merge interchangeable students into counted types (ignored when diagnosing).
    max_rank
        Leave out the teams a student ranks worse than this (known once ``worst_choice``
        is solved: the model shrinks from K to a few variables per student).
    pool
        Send the students who may join any team they did not list through pools (with
        ``aggregate``; such a model cannot weigh experience).
    """

    def __init__(
        self,
        data: TeamData,
        *,
        diagnose: bool = False,
        aggregate: bool = True,
        max_rank: int | None = None,
        pool: bool = False,
    ) -> None:
        self.data = data
        self.diagnose = diagnose
        self.max_rank = max_rank
        self.pooled = pool and aggregate and not diagnose
        self.model = cp_model.CpModel()
        self.families: dict[RuleRef, cp_model.IntVar] = {}
        self.objective_vars: dict[str, cp_model.IntVar] = {}
        self._pinned = data.pinned_or_none()
        self._previous = data.previous_or_none()
        self.types = (
            merge_types(data, pooled=self.pooled, max_rank=max_rank)
            if aggregate and not diagnose
            else singletons(data)
        )
        interrupt.checkpoint()  # (explanations drop a model whose build Ctrl-C stops)
        self._add_variables()
        self.add_constraints()

    # -- structure ---------------------------------------------------------------------

    def _add_variables(self) -> None:
        """Assignment counts per type and team, "unlisted" and pool counts, team sizes."""
        # x_vars[type][t]: count (or Boolean for a singleton type) of that type in team t.
        self.x_vars: list[dict[int, cp_model.IntVar]] = []
        # exit_vars[type]: how many of a pooled type join a team they did not list (an int
        # when all of them must); None for a type that is not pooled.
        self.exit_vars: list[cp_model.IntVar | int | None] = []
        for type_idx, members in enumerate(self.types.members):
            interrupt.checkpoint()
            rep = members[0]
            size = len(members)
            exit_rank = self.types.exit_rank[type_idx]
            allowed = self._allowed_teams(rep)
            if exit_rank >= 0:
                # The pool stands for every team the type did not list.
                ranks = self.data.ranks[rep, allowed]
                allowed = np.asarray(allowed)[(ranks > 0) & (ranks < exit_rank)].tolist()
            row: dict[int, cp_model.IntVar] = {}
            for t in allowed:
                if size == 1:
                    row[t] = self.model.new_bool_var(f"x[s{rep},t{t}]")
                else:
                    row[t] = self.model.new_int_var(0, size, f"n[type{type_idx},t{t}]")
            self.x_vars.append(row)
            if exit_rank < 0:
                self.exit_vars.append(None)
            elif not row:
                self.exit_vars.append(size)
            elif size == 1:
                self.exit_vars.append(self.model.new_bool_var(f"unlisted[s{rep}]"))
            else:
                self.exit_vars.append(self.model.new_int_var(0, size, f"unlisted[type{type_idx}]"))
        # pool_vars[profile][t]: pooled students of that profile placed in team t.
        self.pool_vars: dict[tuple[int, ...], list[cp_model.IntVar]] = {}
        for profile, pool_size in self.types.pool_sizes().items():
            self.pool_vars[profile] = [
                self.model.new_int_var(0, pool_size, f"pool[{profile},t{t}]")
                for t in range(self.data.num_teams)
            ]
        self.size_vars = [
            self.model.new_int_var(0, self.data.num_students, f"size[t{t}]")
            for t in range(self.data.num_teams)
        ]

    def _allowed_teams(self, student_idx: int) -> list[int]:
        """Teams a student may join in the main model (pins and conflicts applied)."""
        if self.diagnose:
            return list(range(self.data.num_teams))
        pin = int(self._pinned[student_idx])
        if pin >= 0:
            return [] if self.data.conflict[student_idx, pin] else [pin]
        # One numpy pass, not a Python loop over K teams (10,000 x 1,000: 53 s under load).
        usable = ~self.data.conflict[student_idx]
        if self.max_rank is not None:
            usable &= self.data.ranks[student_idx] <= self.max_rank
        return np.nonzero(usable)[0].tolist()

    def _family(self, ref: RuleRef) -> cp_model.IntVar | None:
        """Enforcement literal of a rule instance when diagnosing, else None (always on)."""
        if not self.diagnose:
            return None
        if ref not in self.families:
            self.families[ref] = self.model.new_bool_var(f"rule[{ref[0]}{ref[1]}]")
        return self.families[ref]

    def _enforce(self, constraint: cp_model.Constraint, ref: RuleRef) -> None:
        """Make a constraint switchable by its rule instance's literal when diagnosing."""
        literal = self._family(ref)
        if literal is not None:
            constraint.only_enforce_if(literal)

    def _student_var(self, student_idx: int, team_idx: int) -> cp_model.IntVar | None:
        """The Boolean "student i in team t" (students kept single), None if impossible."""
        return self.x_vars[int(self.types.type_of[student_idx])].get(team_idx)

    def _var(self, student_idx: int, team_idx: int) -> cp_model.IntVar:
        """Like ``_student_var`` when every variable exists (diagnosis)."""
        var = self._student_var(student_idx, team_idx)
        assert var is not None
        return var

    def count_exprs(self, student_idcs: Sequence[int]) -> list[cp_model.LinearExpr | None]:
        """Per team, the number of the given students in it (None when none of them may
        join it). One pass over the students' types, not one per team (students x teams
        took minutes on 10,000 x 1,000)."""
        per_type: dict[int, int] = {}
        for i in student_idcs:
            type_idx = int(self.types.type_of[i])
            per_type[type_idx] = per_type.get(type_idx, 0) + 1
        terms: list[list[cp_model.IntVar]] = [[] for _ in range(self.data.num_teams)]
        for type_idx, members_in in per_type.items():
            row = self.x_vars[type_idx]
            if row and members_in != len(self.types.members[type_idx]):
                raise AssertionError("a group splits a type of interchangeable students")
            for t, var in row.items():
                terms[t].append(var)
        profiles = {
            self.types.profile[type_idx]
            for type_idx in per_type
            if self.types.exit_rank[type_idx] >= 0
        }
        for profile in sorted(profiles):
            for t, var in enumerate(self.pool_vars[profile]):
                terms[t].append(var)
        return [cp_model.LinearExpr.sum(team) if team else None for team in terms]

    # -- rules ---------------------------------------------------------------------------

    def add_constraints(self) -> None:
        """Every rule of stage 2."""
        for add in (
            self.add_one_team_per_student,
            self.add_pooled_students_placed,
            self.add_team_sizes,
            self.add_conflicts_of_interest,
            self.add_pins,
            self.add_pairs_apart,
            self.add_pairs_together,
            self.add_no_isolation,
        ):
            interrupt.checkpoint()
            add()

    def add_one_team_per_student(self) -> None:
        """Every student joins exactly one team."""
        for type_idx, row in enumerate(self.x_vars):
            exit_var = self.exit_vars[type_idx]
            if not row and exit_var is None:
                # Pinned to their employer's commission: nowhere to go.
                self.model.add_bool_or([])
                continue
            if not row:
                continue  # the whole type goes to its pool
            joined = cp_model.LinearExpr.sum(
                [*row.values(), *([] if exit_var is None else [exit_var])]
            )
            self.model.add(joined == len(self.types.members[type_idx]))

    def add_pooled_students_placed(self) -> None:
        """Each pool places in teams exactly the students sent to it."""
        sent: dict[tuple[int, ...], list[cp_model.IntVar | int]] = {}
        for type_idx, exit_var in enumerate(self.exit_vars):
            if exit_var is not None:
                sent.setdefault(self.types.profile[type_idx], []).append(exit_var)
        for profile, pool_vars in self.pool_vars.items():
            self.model.add(
                cp_model.LinearExpr.sum(pool_vars) == cp_model.LinearExpr.sum(sent[profile])
            )

    def add_team_sizes(self) -> None:
        """Each team's size lies within its bounds."""
        for t, size_var in enumerate(self.size_vars):
            interrupt.checkpoint()
            members = [row[t] for row in self.x_vars if t in row]
            members += [pool_vars[t] for pool_vars in self.pool_vars.values()]
            self.model.add(size_var == cp_model.LinearExpr.sum(members))
            constraint = self.model.add_linear_constraint(
                size_var, int(self.data.size_min[t]), int(self.data.size_max[t])
            )
            self._enforce(constraint, ("size", t))

    def add_conflicts_of_interest(self) -> None:
        """No student on the commission of their employer (variables absent unless diagnosing)."""
        if not self.diagnose:
            return
        for i, t in zip(*np.nonzero(self.data.conflict), strict=True):
            self._enforce(self.model.add(self._var(int(i), int(t)) == 0), ("conflict", int(i)))

    def add_pins(self) -> None:
        """A pinned student joins their commission (variables absent unless diagnosing)."""
        if not self.diagnose:
            return
        for i in np.nonzero(self._pinned >= 0)[0]:
            constraint = self.model.add(self._var(int(i), int(self._pinned[i])) == 1)
            self._enforce(constraint, ("pin", int(i)))

    def add_pairs_apart(self) -> None:
        """Students of an apart pair never share a team."""
        for k, (a, b) in enumerate(self.data.apart):
            for t in range(self.data.num_teams):
                var_a, var_b = self._student_var(a, t), self._student_var(b, t)
                if var_a is None or var_b is None:
                    continue
                self._enforce(self.model.add_bool_or([var_a.Not(), var_b.Not()]), ("apart", k))

    def add_pairs_together(self) -> None:
        """Students of a together pair share their team."""
        for k, (a, b) in enumerate(self.data.together):
            for t in range(self.data.num_teams):
                var_a, var_b = self._student_var(a, t), self._student_var(b, t)
                if var_a is None and var_b is None:
                    continue
                if var_a is None or var_b is None:
                    present = var_a if var_b is None else var_b
                    assert present is not None
                    self._enforce(self.model.add(present == 0), ("together", k))
                else:
                    self._enforce(self.model.add(var_a == var_b), ("together", k))

    def add_no_isolation(self) -> None:
        """A team holds none or at least two students of each no-isolation condition."""
        for g_idx, group in enumerate(self.data.isolation_groups):
            if len(group.member_idcs) == 0:
                continue
            for t, count in enumerate(self.count_exprs(group.member_idcs)):
                if count is None:
                    continue
                some_var = self.model.new_bool_var(f"present[{group.label},t{t}]")
                ref: RuleRef = ("isolation", g_idx)
                self._enforce(self.model.add(count >= 2).only_enforce_if(some_var), ref)
                self._enforce(self.model.add(count == 0).only_enforce_if(some_var.Not()), ref)

    # -- priorities ----------------------------------------------------------------------

    def objectives(self) -> list[Objective]:
        """The configured priorities, most important first, each read off one variable."""
        builders = {
            "moves": self.moves_objective,
            "whatif_moves": self.whatif_moves_objective,
            "worst_choice": self.worst_choice_objective,
            "balance": self.balance_objective,
            "choices": self.choices_objective,
            "experience": self.experience_objective,
        }
        objectives = []
        for name in self.data.priorities:
            if self.pooled and name == "experience":
                # Pools forget who is placed where; the experience stage needs a model
                # without them (``solve_teams`` rebuilds one).
                continue
            interrupt.checkpoint()
            # One variable per priority: its value in any solution is readable, even for a
            # stage the time limit never reached.
            var = self.model.new_int_var(0, _MAX_OBJECTIVE, f"objective[{name}]")
            self.model.add(var == builders[name]())
            self.objective_vars[name] = var
            objectives.append(Objective(name, var, "min"))
        return objectives

    def _rank_terms(self) -> list[tuple[cp_model.IntVar | int, int]]:
        """(count, rank) terms whose weighted sum is the sum of ranks (counts may be ints)."""
        terms: list[tuple[cp_model.IntVar | int, int]] = []
        ranks = self.data.ranks
        for type_idx, row in enumerate(self.x_vars):
            rep = self.types.members[type_idx][0]
            for t, var in row.items():
                if ranks[rep, t] > 0:
                    terms.append((var, int(ranks[rep, t])))
            exit_var = self.exit_vars[type_idx]
            if exit_var is not None and self.types.exit_rank[type_idx] > 0:
                terms.append((exit_var, self.types.exit_rank[type_idx]))
        return terms

    def moves_objective(self, previous: IntArray | None = None) -> cp_model.LinearExprT:
        """Students with a previous team (``previous``, default the data's) who change team."""
        previous = self._previous if previous is None else previous
        moved = []
        for i in np.nonzero(previous >= 0)[0]:
            var = self._student_var(int(i), int(previous[i]))
            moved.append(1 if var is None else 1 - var)
        return cp_model.LinearExpr.sum(moved) if moved else 0

    def whatif_moves_objective(self) -> cp_model.LinearExprT:
        """A what-if's ``moves``, counted from the teams before it (``TeamData.base``):
        the first priority of the explanations of its result."""
        return self.moves_objective(self.data.base_or_none())

    def worst_choice_objective(self) -> cp_model.LinearExprT:
        """The largest choice rank given to any student (0 when nobody has choices)."""
        ranks = self.data.ranks
        max_rank = int(ranks.max(initial=0))
        if max_rank == 0:
            return 0
        worst_var = self.model.new_int_var(0, max_rank, "worst_choice")
        for type_idx, row in enumerate(self.x_vars):
            rep = self.types.members[type_idx][0]
            if ranks[rep].max() == 0:
                continue
            exit_var, exit_rank = self.exit_vars[type_idx], self.types.exit_rank[type_idx]
            if isinstance(exit_var, int):
                self.model.add(worst_var >= exit_rank)
                continue
            if exit_var is not None:
                # Pooled: rank ``exit_rank`` when sent to the pool.
                if len(self.types.members[type_idx]) == 1:
                    ranked = cp_model.LinearExpr.weighted_sum(
                        [*row.values(), exit_var], [*(int(ranks[rep, t]) for t in row), exit_rank]
                    )
                    self.model.add(worst_var >= ranked)
                    continue
                pooled = self.model.new_bool_var(f"used[type{type_idx},pool]")
                self.model.add(exit_var == 0).only_enforce_if(pooled.Not())
                self.model.add(worst_var >= exit_rank).only_enforce_if(pooled)
            if len(self.types.members[type_idx]) == 1:
                # Exactly one team is used, so the weighted sum is the student's rank.
                ranked = cp_model.LinearExpr.weighted_sum(
                    list(row.values()), [int(ranks[rep, t]) for t in row]
                )
                self.model.add(worst_var >= ranked)
                continue
            # A counted type: any team it uses bounds the worst rank.
            for t, var in row.items():
                rank = int(ranks[rep, t])
                if rank > 1:
                    used = self.model.new_bool_var(f"used[type{type_idx},t{t}]")
                    self.model.add(var == 0).only_enforce_if(used.Not())
                    self.model.add(worst_var >= rank).only_enforce_if(used)
            self.model.add(worst_var >= 1)
        return worst_var

    def balance_objective(self) -> cp_model.LinearExprT:
        """Sum over balanced values and teams of the count's distance to [floor, ceil]."""
        slack = []
        for group in self.data.balance_groups:
            interrupt.checkpoint()
            for t, count in enumerate(self.count_exprs(group.member_idcs)):
                if count is None:
                    count = cp_model.LinearExpr.constant(0)
                size = len(group.member_idcs)
                over = self.model.new_int_var(0, size, f"over[{group.label},t{t}]")
                under = self.model.new_int_var(0, group.floor, f"under[{group.label},t{t}]")
                self.model.add(count - over <= group.ceil)
                self.model.add(count + under >= group.floor)
                slack += [over, under]
        return cp_model.LinearExpr.sum(slack) if slack else 0

    def choices_objective(self) -> cp_model.LinearExprT:
        """Sum of the students' choice ranks."""
        terms = self._rank_terms()
        variables = [(var, rank) for var, rank in terms if not isinstance(var, int)]
        constant = sum(var * rank for var, rank in terms if isinstance(var, int))
        if not variables:
            return constant
        return (
            cp_model.LinearExpr.weighted_sum(
                [var for var, _ in variables], [r for _, r in variables]
            )
            + constant
        )

    def experience_objective(self) -> cp_model.LinearExprT:
        """Largest gap over teams between N * team experience and size * cohort experience."""
        if self.pooled:
            raise ValueError("a pooled model cannot weigh experience")
        experience = self.data.experience_or_zero()
        total = int(experience.sum())
        if total == 0:
            return 0
        num_students = self.data.num_students
        # A min-max rather than a sum of gaps: CP-SAT proves it far sooner on real cohorts,
        # and it says what people check first: how far the least fair team is from its share.
        gap_var = self.model.new_int_var(0, num_students * total, "experience_gap")
        # One pass over the types (not teams x types: minutes on 10,000 x 1,000).
        vars_of: list[list[cp_model.IntVar]] = [[] for _ in range(self.data.num_teams)]
        coefs_of: list[list[int]] = [[] for _ in range(self.data.num_teams)]
        for type_idx, row in enumerate(self.x_vars):
            rep = self.types.members[type_idx][0]
            coef = num_students * int(experience[rep]) - total
            for t, var in row.items():
                vars_of[t].append(var)
                coefs_of[t].append(coef)
        for vars_t, coefs_t in zip(vars_of, coefs_of, strict=True):
            gap = cp_model.LinearExpr.weighted_sum(vars_t, coefs_t)
            self.model.add(gap_var >= gap)
            self.model.add(gap_var >= -gap)
        return gap_var

    # -- solution ------------------------------------------------------------------------

    def exclude_ranks_above(self, max_rank: int) -> None:
        """Forbid every team a student ranks worse than ``max_rank`` (the shrink of a model
        without pools done in place: cheaper than a rebuild on small models)."""
        assert not self.pooled
        ranks = self.data.ranks
        for type_idx, row in enumerate(self.x_vars):
            rep = self.types.members[type_idx][0]
            for t, var in row.items():
                if ranks[rep, t] > max_rank:
                    self.model.add(var == 0)

    def hint_assignment(self, team_of: IntArray) -> None:
        """Start the search from an assignment (student → team index).

        The hint is appended to the proto in one call per field, in the order
        ``CpModel.add_hint`` would append it one variable at a time (the same proto): on
        60 students the per-variable calls took ~0.1 s of the explanations, which hint the
        model before every solve.
        """
        pooled: dict[tuple[int, ...], IntArray] = {
            profile: np.zeros(self.data.num_teams, dtype=np.int64) for profile in self.pool_vars
        }
        indices: list[int] = []
        values: list[int] = []
        for type_idx, row in enumerate(self.x_vars):
            members = self.types.members[type_idx]
            counts = np.bincount(team_of[members], minlength=self.data.num_teams).tolist()
            for t, var in row.items():
                indices.append(var.index)
                values.append(counts[t])
            exit_var = self.exit_vars[type_idx]
            if exit_var is not None:
                unlisted = counts.copy()
                for t in row:
                    unlisted[t] = 0
                if not isinstance(exit_var, int):
                    indices.append(exit_var.index)
                    values.append(sum(unlisted))
                profile_counts = pooled[self.types.profile[type_idx]]
                profile_counts += np.asarray(unlisted, dtype=np.int64)
        for profile, pool_vars in self.pool_vars.items():
            counts_of = pooled[profile].tolist()
            for t, var in enumerate(pool_vars):
                indices.append(var.index)
                values.append(counts_of[t])
        # Every variable here is an integer variable (index >= 0): ``add_hint``'s branch
        # for negated literals never applies.
        hint = self.model.proto.solution_hint
        hint.vars.extend(indices)
        hint.values.extend(values)

    def team_of(self, values: Sequence[int]) -> IntArray:
        """(N,) team of each student from a solution's variable values."""
        team_of = np.full(self.data.num_students, -1, dtype=np.int64)
        sent: dict[tuple[int, ...], list[int]] = {profile: [] for profile in self.pool_vars}
        for type_idx, row in enumerate(self.x_vars):
            members = iter(self.types.members[type_idx])
            for t, var in sorted(row.items()):
                for _ in range(int(values[var.index])):
                    team_of[next(members)] = t
            if self.exit_vars[type_idx] is not None:
                sent[self.types.profile[type_idx]] += list(members)
        # Pooled students of one profile are interchangeable: fill the pool's counts in order.
        for profile, pool_vars in self.pool_vars.items():
            students = iter(sent[profile])
            for t, var in enumerate(pool_vars):
                for _ in range(int(values[var.index])):
                    team_of[next(students)] = t
        return team_of
