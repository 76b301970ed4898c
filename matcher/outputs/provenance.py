"""What a result records about how it was made: the settings in force and the versions.

summary.json and the footer of report.html both show them; they live here, below both
writers, so that neither imports the other.
"""

from __future__ import annotations

import functools
import platform
from importlib import metadata
from typing import Any

from matcher import __version__
from matcher.outputs import views
from matcher.results import RunOutcome
from matcher.rules import default_size_bounds


def settings_in_force(outcome: RunOutcome) -> dict[str, Any]:
    """The settings used, defaults included, with "automatic" values resolved where known."""
    settings = outcome.settings.model_dump(mode="json")
    teams = settings["teams"]
    teams["balance"] = list(views.balanced_attributes(outcome))
    if outcome.teams is not None and outcome.teams.commission_ids:
        # Cohort-wide defaults floor(N/K) and ceil(N/K); per-commission columns narrow them.
        num_students = len(outcome.teams.assignment)
        num_teams = len(outcome.teams.commission_ids)
        low, high = default_size_bounds(num_students, num_teams, outcome.settings.teams)
        teams["min_size"], teams["max_size"] = low, high
    elif outcome.instance.students:
        # Stage 1 alone (``select``): the sizes its count gives the cohort, those by which
        # it left out a proposal that could host no team (``selection_needs.cannot_host``).
        num_students, count = len(outcome.instance.students), outcome.settings.selection.count
        low, high = default_size_bounds(num_students, count, outcome.settings.teams)
        teams["min_size"], teams["max_size"] = low, high
    if getattr(outcome, "plan", None) is None:
        # Stage 3's settings only where stage 3 ran.
        settings.pop("supervision", None)
        settings.pop("calendar", None)
    return settings


def versions() -> dict[str, str]:
    """Versions of Python and of the libraries that shape results (reproducibility)."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    # Looked up once per process: summary.json and report.html both show them.
    found = {"python": platform.python_version(), "matcher": __version__}
    for package in ("ortools", "pandas", "numpy", "pydantic", "click", "openpyxl", "XlsxWriter"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "absent"
    return found
