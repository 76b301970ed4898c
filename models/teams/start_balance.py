"""Balance for the start when the team stage has no model (``solve._Run.start_only``:
10,000 x 1,000, whose model would not fit in the memory, ``work.MAX_MODEL_ENTRIES``).

What a large model gets before its balance stage (``rebalance``: the annealing and flows)
is done on the start itself, within its worst choice: the attributes' min-cost flows (a
proven bound, and the hardest attribute's flow as a start, ``incumbent.balanced_start``),
then the annealing (``balance_anneal``). Everything is counted work within a share of the
budget, its wall time capped as the annealing's is at 2,000 students.

10,000 x 1,000 seed 0 (``benchmarks/results/2026-12-01/scale.md``, "Session 6, 10,000"):
all-proposals, worst choice 2, balance 5,093 after swaps alone, 2,872 now against a bound
of 1,068 (0 was reported); skewed, worst choice 6, 2,032 -> 37.
"""

from __future__ import annotations

import time

import numpy as np

from models.budget import Budget
from models.solve import SolveParams
from models.teams.balance_anneal import anneal_balance
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import keeps_hard_rules, lexicographic_best
from models.teams.flows import attribute_flows
from models.teams.incumbent import balanced_start
from models.teams.work import flow_units

#: Units the start's heuristics may take at most: all-proposals seed 0 from the balanced
#: start (3,745 violations), 2,943 after 3 units of annealing, 2,826 after 9, 2,763 after
#: 20 (bound 1,068): few pairs of students can trade places within rank 2.
START_ANNEAL_UNITS = 10.0
#: Share of the units and of the wall time left they may take (``rebalance.ANNEAL_SHARE``).
START_ANNEAL_SHARE = 0.4
#: Students beyond which an annealing batch costs more CPU than ``balance_anneal`` charges
#: it: each batch also sorts all the students by team (O(N), uncounted), so a charged unit
#: took 1.6-2.1 CPU s at 10,000 students (0.3-0.5 at 2,000). The difference is charged
#: here (units x N / this), deterministically.
ANNEAL_STUDENTS_PER_UNIT = 5_500


def anneal_start(
    data: TeamData, team_of: IntArray, budget: Budget, params: SolveParams, bounds: dict[str, int]
) -> IntArray:
    """A copy of ``team_of`` with fewer balance violations, or with the same when nothing
    is better (or balance comes after choices: the annealing trades ranks for balance).

    Every hard rule and the worst choice are kept; ``params`` gives the seed. The flows'
    bound is recorded in ``bounds["balance"]`` when worst choice comes before balance: the
    optimum's worst choice is then at most ``team_of``'s, and a relaxation within it
    bounds its balance.
    """
    team_of = team_of.copy()
    priorities = list(data.priorities)
    if "balance" not in priorities or not data.balance_groups:
        return team_of
    if "choices" in priorities[: priorities.index("balance")]:
        return team_of
    worst = int(data.ranks[np.arange(data.num_students), team_of].max(initial=0))
    share = budget.share(min(START_ANNEAL_UNITS, budget.left() * START_ANNEAL_SHARE))
    share.wall_deadline = time.perf_counter() + START_ANNEAL_SHARE * budget.wall_left()
    flows: dict[str, tuple[int, IntArray]] = {}
    units = flow_units(data, worst) * len(data.groups_by_attribute())
    if share.fits(units):
        share.charge(units)
        flows = attribute_flows(data, worst)
    if flows and "worst_choice" in priorities[: priorities.index("balance")]:
        bounds["balance"] = sum(violations for violations, _ in flows.values())
    candidates = [team_of]
    if flows:
        balanced = balanced_start(data, worst, share.share(share.left() / 8), flows)
        if balanced is not None and keeps_hard_rules(data, balanced):
            candidates.append(balanced)
    best = lexicographic_best(data, candidates)
    assert best is not None
    # The annealing charged at its own rate within a share scaled down, the rest after.
    factor = max(1.0, data.num_students / ANNEAL_STUDENTS_PER_UNIT)
    inner = share.share(share.left() / factor)
    annealed = anneal_balance(data, best, worst, bounds.get("balance", 0), params.seed, inner)
    share.charge((factor - 1.0) * inner.spent)
    found = lexicographic_best(data, [best, annealed])
    return best if found is None else found
