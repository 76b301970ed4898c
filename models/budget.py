"""A deterministic work budget, with the wall clock kept as a safety net (issue 17).

The same input, seed and workers must give the same result whatever the machine's speed,
so no decision of the engines may depend on measured seconds. Every step instead charges
counted **work units** to a ``Budget``: CP-SAT calls their deterministic time
(``response_proto.deterministic_time``; on large team models with their branches,
``models.outcome.CpsatMeter``), the local search its evaluated swaps, the flows
their arcs, a model build its variables (conversions in ``models.teams.costs``). One unit
is about one second of one core on the reference machine (the 2-core development machine
of ``benchmarks/``, measured there). The wall-clock limit only aborts: a run cut by it is
reported (``stopped_by``), and only such a run can depend on the machine.

``Budget.left`` is the one place where the budget, the wall clock and a Ctrl-C request
(``models.interrupt``) are checked.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from models import interrupt

__all__ = ["Budget", "BudgetSpent", "StoppedBy"]

#: What ended a run before its priorities were all proven: its counted work, the wall
#: clock (the safety net: such a run may depend on the machine's speed) or Ctrl-C.
StoppedBy = Literal["work", "wall", "interrupt"]

#: Units a run must have charged before ``Budget.fits`` trusts its observed speed: below
#: it, most of the seconds elapsed are uncounted Python (reading, building small models),
#: and seconds per unit charged overstate the machine's slowness a hundredfold: after 2 s
#: for 0.001 units, a 0.02-unit model build looked like 40 s and was skipped. The likely
#: cause of a 7-student hypothesis case ending FEASIBLE once in a loaded CI run
#: (session 22; not reproduced on demand).
TRUSTED_SPEED_UNITS = 1.0


class BudgetSpent(Exception):
    """A step that cannot be interrupted did not fit in what its budget had left
    (``Budget.spend``)."""


@dataclass
class Budget:
    """Work units left, a wall deadline (``time.perf_counter`` value) as a safety net."""

    work: float
    wall_deadline: float
    spent: float = 0.0
    #: ``time.perf_counter`` value when the budget began (the machine's observed speed).
    began: float = field(default_factory=time.perf_counter)
    parent: Budget | None = field(default=None, repr=False)
    stopped_by: StoppedBy | None = None
    #: Units charged to ``parent`` per unit charged here (``share``'s ``rate``).
    rate: float = 1.0

    @classmethod
    def start(cls, work: float, wall_limit: float) -> Budget:
        """A budget of ``work`` units, aborted ``wall_limit`` seconds from now."""
        return cls(work=work, wall_deadline=time.perf_counter() + wall_limit)

    def left(self) -> float:
        """Units left: 0 once spent, once the wall deadline passed or Ctrl-C was pressed."""
        if interrupt.should_stop():
            self._root().stopped_by = "interrupt"
            return 0.0
        if time.perf_counter() >= self.wall_deadline:
            root = self._root()
            if root.stopped_by != "interrupt":
                root.stopped_by = "wall"
            return 0.0
        left = self.work - self.spent
        if self.parent is not None:
            return max(min(left, self.parent.left() / self.rate), 0.0)
        if left <= 0 and self.stopped_by is None:
            self.stopped_by = "work"
        return max(left, 0.0)

    def fits(self, units: float) -> bool:
        """Whether a step that cannot be interrupted, costing ``units``, may begin.

        It must fit in the units left and, as the safety net, in the wall time left at
        the speed observed so far (work charged per second since the budget began), so
        that a loaded machine skips it rather than overrun the limit; that speed is
        trusted once ``TRUSTED_SPEED_UNITS`` have been charged. On a machine at least as
        fast as the reference the second test never decides.
        """
        if units >= self.left():
            return False
        root = self._root()
        elapsed = time.perf_counter() - root.began
        if elapsed < 1.0 or root.spent < TRUSTED_SPEED_UNITS:
            return True
        seconds = units * self._scale() * elapsed / root.spent
        if seconds < self.wall_left():
            return True
        root.stopped_by = "wall"
        return False

    def spend(self, units: float) -> None:
        """Charge a step of ``units`` about to begin, or raise ``BudgetSpent`` when it
        does not fit (``fits``): the numpy checks of the explanations (issues 14, 17)."""
        if not self.fits(units):
            raise BudgetSpent
        self.charge(units)

    def note_clock(self) -> None:
        """A step was ended by the wall clock (a CP-SAT call's ``max_time_in_seconds``,
        ``models.solve.ended_on_clock``) although the deadline has not quite passed: the
        run is the clock's, not its work's (unless Ctrl-C ended it)."""
        root = self._root()
        if root.stopped_by != "interrupt":
            root.stopped_by = "wall"

    def wall_left(self) -> float:
        """Seconds before the safety net (a CP-SAT call's ``max_time_in_seconds``)."""
        return max(self.wall_deadline - time.perf_counter(), 0.0)

    def charge(self, units: float) -> None:
        """Count ``units`` of work done (here and in every enclosing budget, at its rate)."""
        self.spent += units
        if self.parent is not None:
            self.parent.charge(units * self.rate)

    def share(self, units: float, rate: float = 1.0) -> Budget:
        """A budget of at most ``units`` within this one; its work is charged here too,
        ``rate`` units for each of its own.

        A ``rate`` below 1 gives a step counted in units of its own (a heuristic whose
        counts were calibrated long ago) what it really costs: ``units`` of its own work,
        the same path as before, for ``rate`` times as many of this budget's.
        """
        work = max(min(units, (self.work - self.spent) / rate), 0.0)
        return Budget(
            work=work, wall_deadline=self.wall_deadline, began=self.began, parent=self, rate=rate
        )

    def _scale(self) -> float:
        """Root units per unit charged here."""
        scale, budget = 1.0, self
        while budget.parent is not None:
            scale *= budget.rate
            budget = budget.parent
        return scale

    def _root(self) -> Budget:
        root = self
        while root.parent is not None:
            root = root.parent
        return root
