"""Shared test configuration: hypothesis runs the same examples on every machine.

``derandomize`` draws examples from a fixed seed derived from each test, and no example
database carries failures from one run to the next, so a CI run is repeatable: a property
that fails fails again on the next run, on any machine. Tests may still set their own
``max_examples`` or ``deadline``; they inherit this profile for the rest.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")

# Tests read English unless they ask otherwise: a French locale on the machine running them
# must not change what the commands print (contract §7 resolves MATCHER_LANG first).
os.environ.setdefault("MATCHER_LANG", "en")
