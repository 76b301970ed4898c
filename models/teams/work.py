"""Counted work of the team engine's steps, in ``models.budget`` units.

One unit is about one second of one core on the reference machine (the 2-core
development machine; calibrations in ``benchmarks/engine-notes.md``, "Work units"). The
conversions are deliberately coarse: what matters is that they are counts, so that every
decision taken on them is the same on every machine. CP-SAT's calls are charged their own
deterministic time instead, priced by the cohort's size (``cpsat_units``), or on large
models by their counters (``cpsat_meter``); two heuristics charge a price per unit of
their own count (``ANNEAL_PRICE``, ``SWAP_PRICE``).
"""

from __future__ import annotations

import math

from models.cpsat import cp_model
from models.outcome import CpsatMeter
from models.teams.data import BoolArray, TeamData

#: Swap evaluations (student pairs × balance values) per unit, numpy overhead included.
SWAP_CELLS_PER_UNIT = 4_000_000
#: Fixed cost of one batch of swap evaluations, in cells (numpy call overhead).
SWAP_CALL_CELLS = 2_000
#: Min-cost-flow arcs solved per unit (one flow over A arcs costs A / this; 10,000 x
#: 1,000: three flows over 10 M arcs in 11.9 CPU s under load; 1,000 x 100: three over
#: 100,000 in 0.05 CPU s).
ARCS_PER_UNIT = 3_000_000
#: (N, K) array cells handled per unit by numpy when a flow is set up (masks, costs).
CELLS_PER_UNIT = 100_000_000
#: Student-team pairs of a model without pools built per unit (variables, sizes, ranks,
#: balance and experience constraints, objectives): the estimate that decides whether a
#: rebuild is begun.
PAIRS_PER_UNIT = 50_000
#: Variables and constraints of a built model per unit (1,000 x 100 pooled: 19,000 in
#: 0.6 CPU s).
PROTO_PER_UNIT = 30_000


#: Price of CP-SAT's deterministic time in units, by the size of the team problem
#: (students × teams; between two points linear in the logarithm of the size, beyond the
#: last the last). On large team models CP-SAT's deterministic time counts a fraction of
#: its work: at 1,000 x 100 (five shapes, one worker, session 8) one unit of it cost
#: 1.0-3.4 CPU s per run, 4.1 in the worst turns, so that the 54 units of a 60 s limit
#: took up to 103 CPU s and every such run ended on the wall clock; priced at 3 they end
#: on their budget within ~85 % of the limit (``benchmarks/results/2026-12-02/session8``).
#: Small models keep 1 (60 x 10 is proven within a few hundredths of a unit, and its
#: teams are the same as before, byte for byte).
CPSAT_PRICES: tuple[tuple[int, float], ...] = ((10_000, 1.0), (100_000, 3.0))


def cpsat_units(data: TeamData) -> float:
    """Units one unit of CP-SAT's deterministic time is charged on ``data``
    (``SolveParams.work_per_dtime``): ``CPSAT_PRICES`` at its students × teams."""
    size = data.num_students * data.num_teams
    (first, price), *rest = CPSAT_PRICES
    if size <= first:
        return price
    for last, last_price in rest:
        if size <= last:
            share = math.log(size / first) / math.log(last / first)
            return price + share * (last_price - price)
        first, price = last, last_price
    return price


#: CP-SAT's calls on the models ``cpsat_units`` prices above 1 are charged by their own
#: counters (``models.outcome.CpsatMeter``): ``DTIME_UNITS`` per unit of deterministic time
#: plus one per ``BRANCHES_PER_UNIT`` branches. Fitted on 81 calls of 1,000 x 100 and
#: 2,000 x 200 (session 8's logs, one worker, loaded machine): CPU s = 0.79 x
#: deterministic time + branches / 23,000, the sum over all calls within 1 %, a call
#: within -35 %/+40 % (p10, p90). The full-LP balance searches of all-proposals seed 1
#: cost 1.25-1.3 CPU s per unit of a fit 1.0 / 20,000 at load 7 (23.7 CPU s for 5.0 of
#: deterministic time and 265,000 branches): the weights are set so that they cost at
#: most a unit per CPU s, the others less (``benchmarks/results/2026-12-02/session9``).
DTIME_UNITS = 1.3
BRANCHES_PER_UNIT = 15_000
#: A call is sized by this run's units per deterministic time so far times ``RATE_MARGIN``
#: (a search's branches per unit of deterministic time grow as it goes deeper: the same
#: choices search cost 1.1 CPU s per unit over its first 14 units and 1.6 over 29), at
#: least ``RATE_FLOOR``; until ``MEASURED_DTIME`` has been counted, at ``cpsat_units``.
RATE_MARGIN = 1.3
RATE_FLOOR = 1.5
MEASURED_DTIME = 0.5
#: Deterministic time of the probe that measures a stage's search before its main call
#: when nothing measured it yet (``search.solve_in_turns``, ``probe``).
PROBE_DTIME = 1.0


#: What a unit of two heuristics' own counts really costs, in units (``Budget.share``'s
#: ``rate``): the annealing before the balance stage (``rebalance``) took 0.43 CPU s per
#: unit it counted, the swaps of the start and of the shrink after worst choice
#: (``local_search.improve_start``) 0.08 (1,000 x 100, six cohorts, session 9). They keep
#: their shares in their own units (the same path as before) and are charged this much
#: for each, so that CP-SAT gets what they did not cost.
ANNEAL_PRICE = 0.5
SWAP_PRICE = 0.15


def cpsat_meter(data: TeamData) -> CpsatMeter | None:
    """The meter of a run on ``data`` (``SolveParams.meter``): None where CP-SAT's
    deterministic time keeps its price of 1 (small models: the same teams as before)."""
    prior = cpsat_units(data)
    if prior <= 1.0:
        return None
    return CpsatMeter(
        prior=prior,
        per_dtime=DTIME_UNITS,
        branches_per_unit=BRANCHES_PER_UNIT,
        margin=RATE_MARGIN,
        floor=RATE_FLOOR,
        measured_dtime=MEASURED_DTIME,
    )


def swap_units(cells: int, groups: int) -> float:
    """Units of evaluating ``cells`` candidate swaps against ``groups`` balance values."""
    return (cells * max(groups, 1) + SWAP_CALL_CELLS) / SWAP_CELLS_PER_UNIT


def flow_units(data: TeamData, max_rank: int | None = None) -> float:
    """Units of one min-cost flow over the allowed student-team pairs."""
    usable = data.allowed_pairs(max_rank)
    cells = data.num_students * data.num_teams
    return (flow_arcs(data, usable) + data.num_students) / ARCS_PER_UNIT + cells / CELLS_PER_UNIT


def build_units(data: TeamData, max_rank: int | None = None) -> float:
    """Units of building a model without pools with ranks up to ``max_rank``."""
    return int(data.allowed_pairs(max_rank).sum()) / PAIRS_PER_UNIT


def pooled_build_units(data: TeamData) -> float:
    """Units of building the pooled model, estimated before building it: about three
    variables or constraints per student and listed (student, team) pair of a pooled
    student, one per allowed pair of the others (conflicts of interest, pins, previous
    teams: not pooled), four per balanced value and team (1,000 x 100: 19,000 estimated
    21,000; 10,000 x 1,000: 560,000 estimated 561,000 (18.7 units, 13.3 CPU s under load),
    ~390,000 of them Booleans of the 393 students with a conflict of interest)."""
    ranks = data.ranks
    if not ranks.size:
        return 0.0
    pooled = data.unlisted_rank() >= 0
    listed = int((ranks[pooled] < ranks[pooled].max(axis=1, keepdims=True)).sum())
    others = int(data.allowed_pairs()[~pooled].sum())
    size = 3 * (listed + data.num_students) + others
    size += 4 * len(data.balance_groups) * data.num_teams
    return size / PROTO_PER_UNIT


#: Largest model (variables and constraints, estimated before building it) the team stage
#: builds. Memory grows with the model: on 10,000 x 1,000 (pooled, ~560,000 estimated)
#: the Python model alone took 1.1 GB and 34 CPU s to build, CP-SAT's copy of it another
#: 1 GB, and a run with a 120 s limit ended 15 % past it with peak memory 2.5-3.5 GB
#: and no better teams than the start (``benchmarks/results/2026-12-01/scale.md``,
#: "Session 4"). Beyond this size the start, improved by swaps, is the result: a count,
#: so the same on every machine. 2,000 x 200 pooled: ~80,000.
MAX_MODEL_ENTRIES = 250_000


def model_entries(data: TeamData, pool: bool, max_rank: int | None = None) -> float:
    """Variables and constraints of a model to build, estimated from the data: the pooled
    estimate of ``pooled_build_units``, else about two per allowed pair (a Boolean and
    its terms in the size, rank and balance constraints)."""
    if pool:
        return pooled_build_units(data) * PROTO_PER_UNIT
    return 2.0 * int(data.allowed_pairs(max_rank).sum())


def model_fits_memory(data: TeamData, pool: bool, max_rank: int | None = None) -> bool:
    """Whether a model of ``data`` is small enough to build (``MAX_MODEL_ENTRIES``)."""
    return model_entries(data, pool, max_rank) <= MAX_MODEL_ENTRIES


def model_units(model: cp_model.CpModel) -> float:
    """Units of a model already built, from its size."""
    proto = model.proto
    return (len(proto.variables) + len(proto.constraints)) / PROTO_PER_UNIT


#: Flows over more usable student-team pairs than this share one node per unlisted rank
#: (``flows._StudentArcs``): on 10,000 x 1,000 the start's flows went from 10 M arcs (12 CPU s
#: for three) to 452,000 (1 CPU s). Smaller flows keep one arc per pair, hence the same
#: assignments as before on cohorts up to 2,000 x 200 (400,000 pairs).
AGGREGATE_PAIRS = 1_000_000


def aggregates(usable: BoolArray) -> bool:
    """Whether a flow over these usable pairs shares hubs (``flows._StudentArcs``)."""
    return int(usable.sum()) > AGGREGATE_PAIRS


def flow_arcs(data: TeamData, usable: BoolArray) -> int:
    """Arcs from students towards teams in a flow over ``usable`` pairs (hubs counted)."""
    if not aggregates(usable):
        return int(usable.sum())
    unlisted = data.unlisted_rank()
    hubbed = (unlisted >= 0) & usable.all(axis=1)
    direct = usable & ~(hubbed[:, None] & (data.ranks == unlisted[:, None]))
    hubs = len(set(unlisted[hubbed].tolist()))
    return int(direct.sum()) + int(hubbed.sum()) + hubs * data.num_teams
