"""A proven lower bound on one variable of a CP-SAT model from its linear relaxation.

The team model's balance and choices stages were unproven at 1,000 x 100 because their
bounds were weak: the per-attribute flows (``bounds``) see one attribute at a time, and
CP-SAT's own LP bound rose slowly within the search. The linear relaxation of the whole
model (every attribute, team sizes, pairs, the settled priorities) is far stronger on
these cohorts: ``benchmarks/engine-notes.md``, "Bounds".

The relaxation keeps every linear constraint of the model that has no enforcement
literal, with each variable's domain widened to an interval, and drops everything else
(integrality, enforced and non-linear constraints: no-isolation, worst choice's "used"
literals). Any solution of the model is a solution of the relaxation, so the
relaxation's minimum of a variable is at most the model's.

GLOP solves it in floating point, so its optimum is not taken as such. The bound is
recomputed from its dual values ``y`` alone (weak duality): for *any* ``y``,

    min c.x  >=  sum_r (y_r * lo_r if y_r > 0 else y_r * hi_r)
               + sum_j min(d_j * lb_j, d_j * ub_j),   d = c - A^T y,

over rows lo <= A x <= hi and lb <= x <= ub, which holds whatever ``y`` is (an imprecise
``y`` only weakens it). The variables' huge domains (objective variables up to 2^40) are
first narrowed by one pass over their defining equalities, so that a reduced cost of
floating-point noise cannot spoil the sum. The result is rounded up after a margin
(the variable is an integer).

Work is counted: GLOP's simplex iterations (capped in advance) and the model's size, so
the bound, and whether it is computed at all, is the same on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from models import interrupt
from models.budget import Budget
from models.cpsat import cp_model
from models.teams.data import IntArray

#: Simplex iterations per work unit (GLOP, 1,000 x 100 pooled models: measured
#: ``benchmarks/engine-notes.md``, "Bounds").
ITERATIONS_PER_UNIT = 10_000
#: Rows and non-zeros of the relaxation converted per work unit (Python over the proto).
ENTRIES_PER_UNIT = 200_000
#: Margin below the computed bound before rounding it up (floating-point sums).
_MARGIN = 1e-6
#: Domains wider than this are narrowed from the equalities that define their variable.
_WIDE = 1e5

_INF = math.inf


@dataclass(frozen=True)
class _Relaxation:
    """The linear relaxation as arrays: rows lo <= A x <= hi, bounds lb <= x <= ub."""

    rows: IntArray
    cols: IntArray
    coefs: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    lb: np.ndarray
    ub: np.ndarray

    @property
    def num_rows(self) -> int:
        return len(self.lo)

    @property
    def num_vars(self) -> int:
        return len(self.lb)


def relaxation_units(model: cp_model.CpModel) -> float:
    """Units of converting ``model`` into its relaxation (before solving it)."""
    proto = model.proto
    entries = len(proto.variables) + sum(
        len(c.linear.vars) for c in proto.constraints if c.has_linear()
    )
    return entries / ENTRIES_PER_UNIT


@dataclass(frozen=True)
class RelaxedBound:
    """What the relaxation proves about the solutions of value at most ``upper``."""

    #: A lower bound on the variable (rounded up).
    bound: int
    #: (variable index, lowest, highest): narrower domains that every such solution keeps
    #: (reduced-cost fixing), only where they are narrower than the model's.
    domains: list[tuple[int, int, int]]


def lp_lower_bound(
    model: cp_model.CpModel, var_index: int, upper: int, budget: Budget
) -> int | None:
    """A proven lower bound on variable ``var_index`` over ``model``'s solutions of value
    at most ``upper`` (an incumbent's: the optimum is at most that), or None when nothing
    is proven within ``budget`` (charged the conversion and GLOP's iterations).

    The bound is at most ``upper`` + 1 (it exceeds ``upper`` only when no solution is at
    most ``upper``, which cannot happen below a real incumbent).
    """
    relaxed = relaxed_bound(model, var_index, upper, budget)
    return None if relaxed is None else relaxed.bound


def relaxed_bound(
    model: cp_model.CpModel, var_index: int, upper: int, budget: Budget
) -> RelaxedBound | None:
    """``lp_lower_bound``, and the domains the reduced costs narrow (see ``_fixings``)."""
    convert = relaxation_units(model)
    if not budget.fits(convert):
        return None
    budget.charge(convert)
    relax = _relax(model.proto, var_index, upper)
    if relax is None:
        return None
    granted = budget.left()
    max_iterations = int(granted * ITERATIONS_PER_UNIT)
    if max_iterations < 100:
        return None
    duals, iterations = _solve(relax, var_index, max_iterations, budget.wall_left())
    budget.charge(iterations / ITERATIONS_PER_UNIT)
    if duals is None:
        return None
    bound, reduced = _dual_bound(relax, var_index, duals)
    if not math.isfinite(bound):
        return None
    margin = _MARGIN * max(1.0, abs(bound))
    return RelaxedBound(math.ceil(bound - margin), _fixings(relax, reduced, upper - bound + margin))


def _relax(proto: object, var_index: int, upper: int) -> _Relaxation | None:
    """The relaxation's arrays from a ``CpModelProto`` (None if a variable is unbounded)."""
    variables = proto.variables  # type: ignore[attr-defined]
    # (The proto's repeated fields take no negative index: read them as lists.)
    domains = [list(v.domain) for v in variables]
    lb = np.array([d[0] for d in domains], dtype=np.float64)
    ub = np.array([d[-1] for d in domains], dtype=np.float64)
    ub[var_index] = min(ub[var_index], float(upper))
    rows: list[int] = []
    cols: list[int] = []
    coefs: list[int] = []
    lo: list[float] = []
    hi: list[float] = []
    for constraint in proto.constraints:  # type: ignore[attr-defined]
        if constraint.enforcement_literal or not constraint.has_linear():
            continue
        linear = constraint.linear
        domain = list(linear.domain)
        low, high = float(domain[0]), float(domain[-1])
        # Negative references are negated Booleans: 1 - x.
        shift = 0
        terms: dict[int, int] = {}
        for ref, coef in zip(linear.vars, linear.coeffs, strict=True):
            if ref < 0:
                shift += coef
                terms[-ref - 1] = terms.get(-ref - 1, 0) - coef
            else:
                terms[ref] = terms.get(ref, 0) + coef
        terms = {j: c for j, c in terms.items() if c}
        low = -_INF if low <= -(2**62) else low - shift
        high = _INF if high >= 2**62 else high - shift
        if len(terms) == 1:
            # A bound on one variable: tighten its domain instead of adding a row.
            ((j, c),) = terms.items()
            first, second = sorted((low / c, high / c))
            if math.isfinite(first):
                lb[j] = max(lb[j], math.ceil(first - 1e-9))
            if math.isfinite(second):
                ub[j] = min(ub[j], math.floor(second + 1e-9))
            continue
        row = len(lo)
        for j, c in terms.items():
            rows.append(row)
            cols.append(j)
            coefs.append(c)
        lo.append(low)
        hi.append(high)
    if (lb > ub).any():
        # Contradictory bounds: the model has no solution at most ``upper``.
        return None
    relax = _Relaxation(
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        np.asarray(coefs, dtype=np.float64),
        np.asarray(lo, dtype=np.float64),
        np.asarray(hi, dtype=np.float64),
        lb,
        ub,
    )
    _narrow_wide_domains(relax)
    if not (np.isfinite(relax.lb).all() and np.isfinite(relax.ub).all()):
        return None
    return relax


def _narrow_wide_domains(relax: _Relaxation) -> None:
    """One pass: a wide variable's bounds implied by each row through the other terms.

    For a row lo <= a_j x_j + rest <= hi, x_j lies within (lo - max rest) / a_j and
    (hi - min rest) / a_j (swapped when a_j < 0): valid for every solution, so the
    relaxation keeps its solutions.
    """
    wide = np.nonzero(relax.ub - relax.lb > _WIDE)[0]
    if not len(wide):
        return
    term_lo = np.where(relax.coefs > 0, relax.coefs * relax.lb[relax.cols], 0.0)
    term_lo += np.where(relax.coefs < 0, relax.coefs * relax.ub[relax.cols], 0.0)
    term_hi = np.where(relax.coefs > 0, relax.coefs * relax.ub[relax.cols], 0.0)
    term_hi += np.where(relax.coefs < 0, relax.coefs * relax.lb[relax.cols], 0.0)
    with np.errstate(invalid="ignore"):
        row_lo = np.bincount(relax.rows, weights=term_lo, minlength=relax.num_rows)
        row_hi = np.bincount(relax.rows, weights=term_hi, minlength=relax.num_rows)
    is_wide = np.zeros(relax.num_vars, dtype=bool)
    is_wide[wide] = True
    for k in np.nonzero(is_wide[relax.cols])[0]:
        row, j, a = relax.rows[k], relax.cols[k], relax.coefs[k]
        rest_lo, rest_hi = row_lo[row] - term_lo[k], row_hi[row] - term_hi[k]
        # Bounds of the rest computed from other wide variables are useless (infinite or
        # huge); only narrow through rows whose other terms are all narrow.
        if not (math.isfinite(rest_lo) and math.isfinite(rest_hi)):
            continue
        if abs(rest_lo) > 1e12 or abs(rest_hi) > 1e12:
            continue
        low, high = relax.lo[row], relax.hi[row]
        first = (high - rest_lo) / a if math.isfinite(high) else (_INF if a > 0 else -_INF)
        second = (low - rest_hi) / a if math.isfinite(low) else (-_INF if a > 0 else _INF)
        new_lb, new_ub = (second, first) if a > 0 else (first, second)
        if new_ub < relax.ub[j]:
            relax.ub[j] = math.floor(new_ub + 1e-9)
        if new_lb > relax.lb[j]:
            relax.lb[j] = math.ceil(new_lb - 1e-9)


def _solve(
    relax: _Relaxation, var_index: int, max_iterations: int, wall_limit: float
) -> tuple[np.ndarray | None, int]:
    """GLOP on the relaxation: its dual values (None if not optimal) and iterations.

    Ctrl-C (or the thread's stop token) interrupts it like a CP-SAT search
    (``models.interrupt``); interrupted, it proves nothing (None).
    """
    from ortools.linear_solver import linear_solver_pb2, pywraplp

    if interrupt.should_stop():
        return None, 0
    request = linear_solver_pb2.MPModelProto()
    for low, high in zip(relax.lb.tolist(), relax.ub.tolist(), strict=True):
        request.variable.add(lower_bound=low, upper_bound=high)
    request.variable[var_index].objective_coefficient = 1.0
    order = np.argsort(relax.rows, kind="stable")
    starts = np.searchsorted(relax.rows[order], np.arange(relax.num_rows + 1))
    cols, coefs = relax.cols[order].tolist(), relax.coefs[order].tolist()
    for row in range(relax.num_rows):
        begin, end = int(starts[row]), int(starts[row + 1])
        request.constraint.add(
            var_index=cols[begin:end],
            coefficient=coefs[begin:end],
            lower_bound=float(relax.lo[row]),
            upper_bound=float(relax.hi[row]),
        )
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None or solver.LoadModelFromProto(request):
        return None, 0
    # Counted iterations end it; the wall clock is the safety net only.
    solver.SetSolverSpecificParametersAsString(
        f"max_number_of_iterations: {max_iterations} random_seed: 1"
    )
    solver.SetTimeLimit(max(1, int(wall_limit * 1000)))
    # Registered, then checked: a stop coming in between is not lost.
    stoppable = _Stoppable(solver)
    interrupt.register(stoppable)
    if interrupt.should_stop():
        return None, 0
    status = solver.Solve()
    iterations = int(solver.iterations())
    if status != pywraplp.Solver.OPTIMAL:
        return None, iterations
    duals = np.array([c.dual_value() for c in solver.constraints()], dtype=np.float64)
    return duals, iterations


class _Stoppable:
    """A GLOP solve as ``models.interrupt`` stops searches (``stop_search``): at 1,000
    students a relaxation held Ctrl-C for seconds (it stopped the run 7 s after, not 2)."""

    def __init__(self, solver: Any) -> None:
        self._solver = solver

    def stop_search(self) -> None:
        self._solver.InterruptSolve()


def _fixings(relax: _Relaxation, reduced: np.ndarray, gap: float) -> list[tuple[int, int, int]]:
    """Reduced-cost fixing: domains every solution of value at most the bound + ``gap`` keeps.

    With d the reduced costs and L the bound, any solution x has value at least
    L + d_j (x_j - lb_j) for d_j > 0 (and L + d_j (x_j - ub_j) for d_j < 0), every other
    term of the sum being at its minimum or above it. So a solution of value at most
    L + gap keeps x_j <= lb_j + gap / d_j (x_j >= ub_j - gap / -d_j), rounded towards the
    wider domain (``gap`` includes the margin).
    """
    if gap < 0:
        return []
    fixed: list[tuple[int, int, int]] = []
    with np.errstate(divide="ignore"):
        steps = np.floor(gap / np.abs(reduced))
    width = relax.ub - relax.lb
    for j in np.nonzero((reduced != 0) & (steps < width))[0].tolist():
        step = float(steps[j])
        if reduced[j] > 0:
            fixed.append((j, int(relax.lb[j]), int(relax.lb[j] + step)))
        else:
            fixed.append((j, int(relax.ub[j] - step), int(relax.ub[j])))
    return fixed


def _dual_bound(relax: _Relaxation, var_index: int, duals: np.ndarray) -> tuple[float, np.ndarray]:
    """The weak-duality bound of ``duals`` (any values give a valid bound; see above), and
    the reduced costs it was computed with."""
    y = np.where(np.isfinite(duals), duals, 0.0)
    # A row bounded on one side only cannot take a dual of the other sign.
    y = np.where((y > 0) & ~np.isfinite(relax.lo), 0.0, y)
    y = np.where((y < 0) & ~np.isfinite(relax.hi), 0.0, y)
    weights = relax.coefs * y[relax.rows]
    reduced = -np.bincount(relax.cols, weights=weights, minlength=relax.num_vars)
    reduced[var_index] += 1.0
    rows_part = np.where(y > 0, y * np.where(y > 0, relax.lo, 0.0), 0.0)
    rows_part += np.where(y < 0, y * np.where(y < 0, relax.hi, 0.0), 0.0)
    vars_part = np.where(reduced > 0, reduced * relax.lb, reduced * relax.ub)
    return float(rows_part.sum() + vars_part.sum()), reduced
