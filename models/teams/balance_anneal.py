"""Balance by simulated annealing over swaps and moves, within the worst choice.

Balance violations are a sum over (value, team) of a count's distance to a window that
does not depend on the assignment (``floor(N_v/K)``, ``ceil(N_v/K)``), so a swap of two
students (or a move of one, where team sizes allow) changes only the two teams' terms.
Candidates are drawn in batches by a seeded generator and evaluated at once with numpy;
improving and level ones are applied, worsening ones with a probability that falls as
the search goes on (the temperature), as long as no two applied in a batch touch the same
team. Each batch is counted work (``work.swap_units``), so the search is the same on every
machine. It stops once the violations meet a proven lower bound (the best of the flows'
``balance_lower_bound`` and the relaxation's, ``lp_bound``, as the driver passes it): the
balance stage is then proven at once; or after ``_PATIENCE`` temperature sweeps without
a new best, or when its budget is spent. A rank pass follows (``polish_ranks``).

The candidates (``anneal_moves``): swaps and moves of single students, swaps aimed at a
violation, cycles of three students, together-groups as blocks. Pinned and previously
placed students never move; each student goes only to teams it may join (conflicts of
interest, ranks up to the worst choice); sizes stay within their bounds, apart pairs
apart, together-groups whole and no-isolation groups never with a single member, so
every hard rule the start kept still holds. Ranks break ties: among moves that keep the
violations, those that lower the sum of ranks are taken first.
"""

from __future__ import annotations

import time

import numpy as np

from models.budget import Budget
from models.teams.anneal_moves import MoveState
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules

#: Temperature at the start and at the end (violations): exp(-1/T) is the chance of
#: taking a swap that adds one violation.
_HOT, _COLD = 0.6, 0.05
#: Batches per temperature sweep (the temperature falls from hot to cold, then again),
#: per student (2,000 students: 6,000 batches), and at least this many.
_SWEEP_PER_STUDENT = 3
_MIN_SWEEP = 50
#: Sweeps in a row without a new best after which the search stops.
_PATIENCE = 2
#: Share of the annealing's budget kept for the rank pass that follows it.
_POLISH_SHARE = 0.15
#: Batches in a row without a rank lowered after which the rank pass stops.
_POLISH_PATIENCE = 20


def anneal_balance(
    data: TeamData,
    team_of: IntArray,
    max_rank: int | None,
    lower_bound: int,
    seed: int,
    budget: Budget,
) -> IntArray:
    """An assignment with at most ``team_of``'s balance violations (a new array).

    ``team_of`` must keep every hard rule (else it is returned as it is); so does the
    result, with no rank beyond ``max_rank`` (or ``team_of``'s worst). Stops once the
    violations reach ``lower_bound`` or ``budget`` is spent; returns the best met, after
    a pass that lowers ranks without adding violations (``_POLISH_SHARE`` of the budget).
    """
    best = team_of.copy()
    if not data.balance_groups or data.num_teams < 2 or not keeps_hard_rules(data, team_of):
        return best
    if budget.left() <= 0:
        # Nothing to spend (Ctrl-C, the safety net): what follows would change nothing and
        # its set-up alone took 5-8 s of wall time on 10,000 students under load.
        return best
    state = MoveState(data, team_of, max_rank)
    value = state.violations()
    best_value = value
    rng = np.random.default_rng(seed)
    sweep = max(_MIN_SWEEP, _SWEEP_PER_STUDENT * data.num_students)
    batch = last_best = 0
    units = state.batch_units()
    search = budget.share(budget.left() * (1 - _POLISH_SHARE))
    # The safety net too: where the wall clock, not the work, ends the search, the rank
    # pass still gets its share of the time.
    search.wall_deadline = time.perf_counter() + (1 - _POLISH_SHARE) * budget.wall_left()
    while best_value > lower_bound and search.left() > 0:
        if batch - last_best > _PATIENCE * sweep:
            break
        search.charge(units)
        phase = (batch % sweep) / sweep
        temperature = _HOT * (_COLD / _HOT) ** phase
        value += state.step(rng, temperature)
        batch += 1
        if value < best_value:
            best_value, last_best = value, batch
            best = state.team_of.copy()
    return polish_ranks(data, best, max_rank, rng, budget)


def polish_ranks(
    data: TeamData,
    team_of: IntArray,
    max_rank: int | None,
    rng: np.random.Generator,
    budget: Budget,
) -> IntArray:
    """``team_of`` with swaps, moves and block moves that lower the sum of ranks and add
    no violation (a new array; every hard rule kept, no rank beyond ``max_rank``).

    The annealing takes level swaps that cost ranks (a random walk among equal balances);
    where the run's time ends before CP-SAT's choices stage, this pass is what recovers
    them (2,000 x 200 pins-pairs: choices 7,834 after the annealing against 3,550 before
    it). Stops after ``_POLISH_PATIENCE`` batches without a lowered rank, or at
    ``budget``.
    """
    if budget.left() <= 0:
        return team_of.copy()  # as the loop below would, without its set-up
    state = MoveState(data, team_of, max_rank)
    units = state.batch_units()
    idle = 0
    while budget.left() > 0 and idle < _POLISH_PATIENCE and len(state.movers):
        budget.charge(units)
        lowered = state.step(rng, 0.0, polish=True)
        idle = 0 if lowered else idle + 1
    return state.team_of.copy()
