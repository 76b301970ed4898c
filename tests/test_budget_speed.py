"""``Budget.fits``: the wall-clock safety net judges the machine's speed only from enough
counted work (a 7-student team model ended FEASIBLE once in a loaded CI run, session 22)."""

from __future__ import annotations

import time

from models.budget import TRUSTED_SPEED_UNITS, Budget


def _budget(elapsed: float, spent: float, wall_left: float) -> Budget:
    now = time.perf_counter()
    return Budget(work=100.0, wall_deadline=now + wall_left, spent=spent, began=now - elapsed)


def test_little_counted_work_does_not_make_a_small_step_look_slow() -> None:
    """2 s elapsed for 0.001 units charged (a loaded machine reading and building a tiny
    cohort): the old estimate, 0.02 units x 2 s / 0.001 = 40 s, was over the 19 s left
    and refused the step; 0.02 units of work fit in 99.999 left."""
    budget = _budget(elapsed=2.0, spent=0.001, wall_left=19.0)
    assert budget.fits(0.02)
    assert budget.stopped_by is None


def test_the_safety_net_still_refuses_a_step_on_a_slow_machine() -> None:
    """Once TRUSTED_SPEED_UNITS are charged, the observed speed decides: 2 units in 20 s
    (10 s per unit) make a 5-unit step 50 s, over the 19 s left, refused as the wall's."""
    spent = 2 * TRUSTED_SPEED_UNITS
    budget = _budget(elapsed=10.0 * spent, spent=spent, wall_left=19.0)
    assert not budget.fits(5.0)
    assert budget.stopped_by == "wall"
    # The same step on a machine at the reference speed (1 s per unit) fits.
    assert _budget(elapsed=spent, spent=spent, wall_left=19.0).fits(5.0)
