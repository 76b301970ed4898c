"""The registry of stages: each stage and its named priorities, declared once.

A stage (the selection of commissions, the teams, and the supervisor and calendar plan to
come) is a lexicographic optimisation over named priorities. Each priority has a sense
(``min``/``max``) and a label in English and French (``matcher.labels``); each stage has an
independent verifier twin that recomputes every priority's value from a result, in ids,
without the engine (``matcher.verify``). Drivers, outputs and checks iterate over
``STAGES`` instead of naming stages and priorities one by one.

This module imports nothing from ``matcher`` at load time (the verifier is found by name
when first called), so any layer may read it. ``models/`` cannot import ``matcher``: it
keeps its own tuple of names, and a test holds the two together, as it does the settings'
``Literal`` types of ``matcher.schemas``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Sense = Literal["min", "max"]


@dataclass(frozen=True)
class Priority:
    """One named priority of a stage: what settings.toml, summary.json and reports call it."""

    name: str
    sense: Sense

    @property
    def label_key(self) -> str:
        """Key of its readable name in ``matcher.labels`` (en and fr)."""
        return f"prio_{self.name}"


@dataclass(frozen=True)
class Stage:
    """One stage: its name, its priorities, its default order and its verifier twin."""

    #: Key of the stage in summary.json, metrics and ``RunOutcome`` (an attribute there).
    name: str
    #: Every priority the engine knows for this stage.
    priorities: tuple[Priority, ...]
    #: The order settings.toml uses when it names none (contract §4).
    default_order: tuple[str, ...]
    #: ``module:function`` recomputing each priority's value of a result (verify layer).
    verifier: str

    @property
    def label_key(self) -> str:
        """Key of the stage's readable name in ``matcher.labels``."""
        return f"stage_{self.name}"

    @property
    def names(self) -> tuple[str, ...]:
        """Names of every priority of the stage."""
        return tuple(p.name for p in self.priorities)

    def priority(self, name: str) -> Priority:
        """The priority called ``name``; ``KeyError`` if the stage has none."""
        for priority in self.priorities:
            if priority.name == name:
                return priority
        raise KeyError(f"{self.name} has no priority {name!r}")

    def verifier_function(self) -> Callable[..., dict[str, int]]:
        """The verifier twin (imported on first use, so that this module stays a leaf)."""
        module, function = self.verifier.split(":")
        found: Callable[..., dict[str, int]] = getattr(importlib.import_module(module), function)
        return found

    def objectives(self, *result: Any) -> dict[str, int]:
        """Each priority's value of ``result``, as the independent verifier computes it."""
        return self.verifier_function()(*result)


SELECTION = Stage(
    name="selection",
    priorities=(
        Priority("sectors", "max"),
        Priority("problem_types", "max"),
        Priority("sector_spread", "min"),
        Priority("priority", "max"),
    ),
    default_order=("sectors", "problem_types", "sector_spread", "priority"),
    verifier="matcher.verify.selection:selection_objectives",
)

TEAMS = Stage(
    name="teams",
    priorities=(
        # First only in a what-if: students who change team (never in settings.toml).
        Priority("moves", "min"),
        Priority("worst_choice", "min"),
        Priority("balance", "min"),
        Priority("choices", "min"),
        Priority("experience", "min"),
    ),
    default_order=("worst_choice", "balance", "choices", "experience"),
    verifier="matcher.verify.teams:team_objectives",
)

PLAN = Stage(
    name="plan",
    priorities=(
        # First only in a what-if (--withdraw-supervisor): never in settings.toml.
        Priority("supervisor_changes", "min"),
        Priority("event_moves", "min"),
        Priority("expertise", "max"),
        Priority("load", "min"),
        Priority("travel", "min"),
    ),
    default_order=("expertise", "load", "travel"),
    verifier="matcher.verify.plan:plan_objectives",
)

#: Every stage, in the order a run solves them.
STAGES: tuple[Stage, ...] = (SELECTION, TEAMS, PLAN)


def stage(name: str) -> Stage:
    """The stage called ``name``."""
    for candidate in STAGES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no stage {name!r}")
