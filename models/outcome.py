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


@dataclass(frozen=True)
class SolveParams:
    """Search budget and reproducibility knobs, passed through from settings."""

    time_limit: float = 60.0
    #: Deterministic work units for the whole solve (``models.budget``: one unit is about
    #: one second on the reference machine); None: as many as ``time_limit``. The time
    #: limit then only aborts a run that the machine makes slower than the reference.
    work_limit: float | None = None
    seed: int = 0
    workers: int = 1
    progress: ProgressCallback | None = None
    log_search: bool = False
    #: Extra CP-SAT parameters (name → value) a formulation knows it needs, e.g. turning
    #: presolve off where it costs more than it saves.
    cp_sat_parameters: Mapping[str, Any] = field(default_factory=dict, hash=False)


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
