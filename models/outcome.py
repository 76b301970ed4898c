"""What a solve is asked and what it answers, without importing OR-Tools.

The application reads statuses and objective values, and builds solver parameters, at
start-up of every command; keeping these types here spares commands that never solve
(``--help``, ``validate``, ``check``, ``generate``) the import of OR-Tools.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Status(StrEnum):
    """Outcome of a solve, as written in summary.json."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"


#: Called on every improving solution: (priority name, best value, bound, elapsed seconds).
ProgressCallback = Callable[[str, float, float, float], None]


#: Work units (``models.budget``) per second of time limit when no work limit is given,
#: so that on the reference machine (2 cores, quiet) the work budget ends a run before the
#: wall-clock safety net does. A unit costs more than one second there: 1.5-2.7 wall
#: seconds at 1,000 x 100 (CP-SAT's deterministic time counts 1/2 to 1/7 of its CPU
#: seconds on these models, the counted heuristics about their own), so 0.9 unit per
#: second left the clock, not the budget, to end every long run (not reproducible);
#: 0.45 lets the budget end runs at about 2 s per unit, the median measured
#: (``benchmarks/engine-notes.md``, "Units").
WORK_PER_SECOND = 0.45


@dataclass(frozen=True)
class SolveParams:
    """Search budget and reproducibility knobs, passed through from settings."""

    time_limit: float = 60.0
    #: Deterministic work units for the whole solve (``models.budget``: one unit is about
    #: one CPU second on the reference machine); None: ``WORK_PER_SECOND`` per second of
    #: ``time_limit``, which then only aborts a run the machine makes slower.
    work_limit: float | None = None
    seed: int = 0
    workers: int = 1
    progress: ProgressCallback | None = None
    log_search: bool = False
    #: Extra CP-SAT parameters (name → value) a formulation knows it needs, e.g. turning
    #: presolve off where it costs more than it saves.
    cp_sat_parameters: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def work(self) -> float:
        """The work budget in units: ``work_limit``, else ``WORK_PER_SECOND`` per second."""
        return self.time_limit * WORK_PER_SECOND if self.work_limit is None else self.work_limit


@dataclass(frozen=True)
class ObjectiveResult:
    """Value reached for a priority and the best proven bound on it."""

    name: str
    value: int
    bound: int
    sense: Literal["min", "max"]

    @property
    def proven(self) -> bool:
        """Whether the value is proven optimal (given the priorities before it)."""
        return self.value == self.bound
