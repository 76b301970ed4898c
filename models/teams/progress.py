"""The team stage's progress lines, counted from the stage's start and naming each priority.

CP-SAT's callbacks (``models.solve``) count the seconds from their own call: a team stage
is many calls (one per priority, the balance search in turns of a few seconds each,
heuristics between them), so its lines read 1.1 s six seconds into the stage, and a
printer that holds back the first second of a stage (``ProgressPrinter``) showed none of
the later priorities (1,000 students, 17 s of teams: two lines, both worst choice).
``StageProgress`` relays every line with the stage's own elapsed time and announces each
priority as its search begins, with the incumbent's value and the bound known then.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

from models.outcome import ProgressCallback
from models.solve import SolveParams
from models.teams.data import IntArray, TeamData
from models.teams.evaluate import objective_values


class StageProgress:
    """The caller's progress callback (``None``: nothing shown), timed from ``start``
    (``time.perf_counter()``)."""

    def __init__(self, shown: ProgressCallback | None, start: float) -> None:
        self._shown = shown
        self._start = start

    def params(self, params: SolveParams) -> SolveParams:
        """``params`` whose every solve reports through this stage's clock."""
        if self._shown is None:
            return params
        return replace(params, progress=self._relay)

    def _relay(self, name: str, best: float, bound: float, _elapsed: float) -> None:
        assert self._shown is not None
        self._shown(name, best, bound, time.perf_counter() - self._start)

    def announce(self, name: str, value: float, bound: float) -> None:
        """Priority ``name`` is being worked on: its incumbent ``value`` and ``bound``."""
        if self._shown is not None:
            self._shown(name, value, bound, time.perf_counter() - self._start)

    def announce_values(
        self,
        data: TeamData,
        team_of: IntArray | None,
        bounds: Mapping[str, int],
        names: Sequence[str] = (),
    ) -> None:
        """``names`` (default: every priority of ``data``) as ``team_of`` has them, each
        with its known bound (none known: 0). A cohort too large for a model (10,000
        students) is improved by heuristics alone: without these lines its terminal was
        silent for the whole stage."""
        if self._shown is None or team_of is None:
            return
        values = objective_values(data, team_of)
        for name in names or data.priorities:
            self.announce(name, values[name], min(bounds.get(name, 0), values[name]))
