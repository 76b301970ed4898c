"""A better incumbent before the balance stage of a large model (``solve._rebalance``).

CP-SAT alone left 2,000 x 200 at 51-107 violations against a bound of 0, so the stage
starts from what three heuristics reach, each stopping at the proven lower bound:

1. simulated annealing over swaps, moves and cycles (``balance_anneal``);
2. a start built by flows and swaps, if it is better (``incumbent.rebalance_incumbent``);
3. large neighbourhoods, a few teams re-solved exactly by CP-SAT (``team_lns``): where
   the worst choice leaves most students two teams, a better balance needs several
   students to change teams at once, team sizes with them, which swaps rarely find
   (own-sizes 2,000 x 200 seed 0: 400 violations after steps 1-2, 348 after 30 units
   of neighbourhoods, against a relaxation bound of 295).

Each is counted work within a share of the budget, and of the wall time left as the
safety net (a loaded machine must leave CP-SAT's turns some time).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from models.budget import Budget
from models.solve import SolveParams
from models.teams.balance_anneal import anneal_balance
from models.teams.data import IntArray
from models.teams.evaluate import team_violations
from models.teams.incumbent import rebalance_incumbent, tight_hint
from models.teams.model import TeamModel
from models.teams.team_lns import lns_balance
from models.teams.work import ANNEAL_PRICE

#: Work units the annealing may take at most, and its share of what is left (2,000 x 200
#: all-proposals: 545 violations to 0 in 10.8 units; it stops at the bound, so the cap
#: matters where the bound cannot be met).
ANNEAL_UNITS = 40.0
ANNEAL_SHARE = 0.4
#: The same for the neighbourhoods, after the annealing and the flows. At 2,000 x 200 they
#: improve balance where CP-SAT's turns after them do not (skewed seed 0: 17 -> 12 in 13 s,
#: then the turns' 38 s left it at 12; with these 70 units and 80 %: 8); measured against
#: 30 units and 35 % on the ten 2,000 x 200 runs and two 10,000 (session 11,
#: ``benchmarks/results/2026-12-02/session11/lns-2000.md``): lexicographically better on
#: four (balance 12 -> 8, 217 -> 213, 2,851 -> 2,819; choices 2,981 -> 2,924 at equal
#: balance), the same values on the other eight, none worse, no proof gained or lost.
LNS_UNITS = 70.0
LNS_SHARE = 0.8
#: Cohorts below this many students skip the neighbourhoods: at 1,000 x 100 CP-SAT's own
#: balance turns prove where they can, and the neighbourhoods' share of the time cost two
#: proofs through choices that the run without them reaches (all-proposals seed 0,
#: own-sizes seed 1, measured side by side on 2026-12-02, session 7); at 2,000 x 200
#: CP-SAT alone does not close balance and the neighbourhoods prove or narrow it.
LNS_MIN_STUDENTS = 1500


def rebalance(
    team_model: TeamModel,
    best: Sequence[int],
    max_rank: int | None,
    lower_bound: int,
    params: SolveParams,
    tuned: SolveParams,
    budget: Budget,
) -> Sequence[int]:
    """The incumbent ``best`` (a complete solution of ``team_model``) improved for balance
    by the three steps, completed into a hint whose balance is its true value; ``best``
    itself where nothing is better. ``params`` gives the seed, ``tuned`` the CP-SAT
    settings of the hints; ``budget`` is the run's."""
    best = _anneal(team_model, best, max_rank, lower_bound, params, tuned, budget)
    if _balance_of(team_model, best) <= lower_bound:
        return best
    best = rebalance_incumbent(
        team_model,
        best,
        max_rank,
        lower_bound,
        tuned,
        budget.share(min(4.0, budget.left() / 10)),
    )
    if _balance_of(team_model, best) <= lower_bound:
        return best
    if team_model.data.num_students < LNS_MIN_STUDENTS:
        return best
    team_of = team_model.team_of(best)
    share = _wall_share(budget, LNS_UNITS, LNS_SHARE)
    searched = lns_balance(team_model.data, team_of, max_rank, lower_bound, params, share)
    return _taken(team_model, best, searched, tuned, budget)


def _anneal(
    team_model: TeamModel,
    best: Sequence[int],
    max_rank: int | None,
    lower_bound: int,
    params: SolveParams,
    tuned: SolveParams,
    budget: Budget,
) -> Sequence[int]:
    """The incumbent after simulated annealing for balance (``balance_anneal``), completed
    into a hint whose balance is its true value; the incumbent if that is not better."""
    team_of = team_model.team_of(best)
    share = _wall_share(budget, ANNEAL_UNITS, ANNEAL_SHARE, _priced(tuned, ANNEAL_PRICE))
    annealed = anneal_balance(team_model.data, team_of, max_rank, lower_bound, params.seed, share)
    return _taken(team_model, best, annealed, tuned, budget)


def _taken(
    team_model: TeamModel,
    best: Sequence[int],
    found: IntArray,
    tuned: SolveParams,
    budget: Budget,
) -> Sequence[int]:
    """``found`` (a heuristic's assignment) completed into a hint whose balance is its true
    value when it has fewer violations than the incumbent ``best``; else ``best``."""
    if int(team_violations(team_model.data, found).sum()) >= _balance_of(team_model, best):
        return best
    return tight_hint(team_model, best, found, "balance", tuned, budget.share(budget.left() / 4))


def _priced(params: SolveParams, rate: float) -> float:
    """``rate`` where the run prices its work by what it costs (``SolveParams.meter``:
    large models), else 1 (smaller cohorts keep their paths and results)."""
    return rate if params.meter is not None else 1.0


def _wall_share(budget: Budget, units: float, share: float, rate: float = 1.0) -> Budget:
    """At most ``units`` (of the step's own, charged ``rate`` each) and ``share`` of the
    units left, and ``share`` of the wall time left: on a loaded machine a heuristic must
    leave wall time for CP-SAT to take its result (a run stopped here says so:
    ``stopped_by`` "wall")."""
    part = budget.share(min(units, budget.left() * share), rate)
    part.wall_deadline = time.perf_counter() + share * budget.wall_left()
    return part


def _balance_of(team_model: TeamModel, best: Sequence[int]) -> int:
    """The balance violations of a complete solution of the model."""
    return int(team_violations(team_model.data, team_model.team_of(best)).sum())
