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


#: Work units (``models.budget``) per second of time limit when no work limit is given:
#: one unit is about one CPU second of the reference machine, and the rest of the second
#: is left to what is not counted (reading results, writing), so that on that machine the
#: work budget ends a run before the wall-clock safety net does.
WORK_PER_SECOND = 0.9


@dataclass
class CpsatMeter:
    """Prices CP-SAT's calls by their own deterministic counters, and sizes the next ones.

    CP-SAT's deterministic time counts a fraction of its work on large team models (its
    branches cost CPU that it does not count): a call is charged ``per_dtime`` units per
    unit of deterministic time plus one per ``branches_per_unit`` branches, both counted
    by CP-SAT and the same on every machine (one worker, or workers interleaved). A call
    given ``w`` units stops after ``w / rate()`` of deterministic time: ``rate()`` is the
    units charged per unit of deterministic time by this run's calls so far, with a
    margin (``margin``, at least ``floor``), or ``prior`` until ``measured_dtime`` of
    deterministic time has been counted.
    """

    prior: float
    per_dtime: float
    branches_per_unit: float
    margin: float
    floor: float
    measured_dtime: float
    dtime: float = 0.0
    units: float = 0.0

    def measured(self) -> bool:
        """Whether enough deterministic time was counted for ``rate`` to be this run's."""
        return self.dtime >= self.measured_dtime

    def rate(self) -> float:
        """Units per unit of deterministic time a call is sized by."""
        if not self.measured():
            return self.prior
        return max(self.floor, self.margin * self.units / self.dtime)

    def charge(self, dtime: float, branches: int) -> float:
        """Units of a finished call of ``dtime`` deterministic time and ``branches``
        branches, counted towards ``rate``."""
        units = self.per_dtime * dtime + branches / self.branches_per_unit
        self.dtime += dtime
        self.units += units
        return units


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
    #: Work units one unit of CP-SAT's deterministic time is charged (``models.budget``):
    #: 1 where it costs about a reference CPU second; more on large team models, where it
    #: counts a fraction of CP-SAT's work (``models.teams.work.cpsat_units``). A call given
    #: ``w`` units stops after ``w / work_per_dtime`` of deterministic time.
    work_per_dtime: float = 1.0
    #: Where set, CP-SAT's calls are priced by their counters instead (``CpsatMeter``,
    #: shared by every call of one run; large team models, ``models.teams.work``).
    meter: CpsatMeter | None = field(default=None, compare=False, hash=False)
    #: Extra CP-SAT parameters (name → value) a formulation knows it needs, e.g. turning
    #: presolve off where it costs more than it saves.
    cp_sat_parameters: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: ``time.monotonic()`` value no CP-SAT call of these parameters runs past, whatever
    #: ``time_limit`` says (one budget for several calls: the explanations' wishes).
    deadline: float | None = field(default=None, compare=False, hash=False)

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
