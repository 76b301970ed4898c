"""The one door from the workbench into the rest of matcher.

Every call the web layer makes into loading, solving, verification and writing goes through
a function of this module, so that pointing the workbench at the application API
(``matcher/app.py``, the architecture issue) means editing this file alone. Nothing here
imports Flask.
"""

from __future__ import annotations

import re
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matcher.errors import InputError, Problem, UsageError
from matcher.labels import Lang, Text
from matcher.results import (
    RunOutcome,
    StageResult,
    Status,
    TeamResult,
)
from matcher.schemas import Instance, Settings, Student
from models.outcome import SolveParams

__all__ = [
    "Cancelled",
    "Check",
    "Progress",
    "check_assignment",
    "choice_rank",
    "edited_outcome",
    "load_folder",
    "load_uploads",
    "pinned",
    "problems_of",
    "reoptimise",
    "run",
    "save",
    "update_settings",
    "whatif",
]

#: File names the loaders recognise, by kind (the upload form keeps only these).
UPLOAD_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class Cancelled(Exception):
    """The director cancelled a solve before any solution was found."""


@dataclass
class Progress:
    """Live progress of the solve in the worker: read by the page, written by the solver."""

    #: (priority, best value, bound, elapsed seconds), the last improvement per priority.
    priorities: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    stage: str = ""
    cancel: threading.Event = field(default_factory=threading.Event)

    def callback(self, name: str, best: float, bound: float, elapsed: float) -> None:
        """The solver's progress callback; on cancel, asks CP-SAT to stop its search.

        ``models.solve`` calls this from inside its ``CpSolverSolutionCallback``; that
        object's ``stop_search`` is reached through the caller's frame (the models layer
        offers no cancel hook yet). The search then ends with the best solution so far.
        """
        self.priorities[name] = (best, bound, elapsed)
        if self.cancel.is_set():
            caller = sys._getframe(1).f_locals.get("self")
            stop = getattr(caller, "stop_search", None)
            if callable(stop):
                stop()


# --- Opening an instance -------------------------------------------------------------------


def load_folder(path: Path) -> Instance:
    """The instance folder or workbook given on the command line (``load_instance``)."""
    from matcher.loading import load_instance

    return load_instance(path, require={"commissions", "students"})


def load_uploads(files: Sequence[tuple[str, bytes]]) -> tuple[Instance, Path]:
    """An instance from uploaded files, written to a fresh temporary folder of our own.

    Only the base name of each upload is kept, stripped of anything but letters, digits,
    dots, dashes and spaces: no path sent by the browser is used. A single workbook is
    loaded as a workbook instance; CSV files as a folder.

    Returns the instance and the folder holding the copies (the instance folder for
    ``save``). Raises ``InputError`` with file, row, column of every problem.
    """
    from matcher.loading import load_instance

    folder = Path(tempfile.mkdtemp(prefix="matcher-upload-"))
    kept: list[Path] = []
    for raw_name, data in files:
        name = _safe_name(raw_name)
        if not name or not name.lower().endswith(UPLOAD_SUFFIXES):
            raise InputError(Problem(name or "?", "expected a .csv or .xlsx file"))
        target = folder / name
        target.write_bytes(data)
        kept.append(target)
    if not kept:
        raise InputError(Problem("?", "no file received"))
    workbooks = [p for p in kept if p.suffix.lower() in (".xlsx", ".xlsm")]
    path = workbooks[0] if len(workbooks) == 1 and len(kept) == 1 else folder
    return load_instance(path, require={"commissions", "students"}), folder


def _safe_name(raw_name: str) -> str:
    """The base name of an upload, reduced to letters, digits, dots, dashes and spaces."""
    return _SAFE_NAME.sub("_", raw_name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")


def problems_of(error: InputError | UsageError) -> list[Problem]:
    """The problems of a refused input, as file/row/column/message records."""
    if isinstance(error, InputError):
        return list(error.problems)
    return [Problem("", str(error))]


def update_settings(instance: Instance, changes: Mapping[str, Any]) -> Instance:
    """The instance with settings changed from the form (validated by the schemas).

    ``changes`` maps ``"selection.count"``-style dotted keys to values. Raises
    ``InputError`` naming the key, the value and what is expected.
    """
    from pydantic import ValidationError

    data = instance.settings.model_dump()
    for key, value in changes.items():
        section, _, name = key.partition(".")
        data[section][name] = value
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                "settings",
                f"{e['msg']} (found {e.get('input')!r})",
                column=".".join(str(p) for p in e["loc"][:2]),
            )
            for e in error.errors()
        ]
        raise InputError(problems) from None
    return instance.model_copy(update={"settings": settings})


# --- Solving -------------------------------------------------------------------------------


def _params(instance: Instance, progress: Progress | None) -> SolveParams:
    solver = instance.settings.solver
    return SolveParams(
        time_limit=solver.time_limit,
        seed=solver.seed,
        workers=solver.workers,
        progress=progress.callback if progress is not None else None,
    )


def run(instance: Instance, progress: Progress) -> RunOutcome:
    """Both stages, as ``matcher run`` (``select_commissions`` then ``form_teams``).

    Returns the outcome even when a stage is not solved (``stage.diagnosis`` says why).
    """
    from matcher.selection import select_commissions
    from matcher.teams import form_teams

    params = _params(instance, progress)
    start = time.perf_counter()
    progress.stage = "selection"
    selection = select_commissions(instance, params)
    if not selection.stage.solved:
        return RunOutcome(instance, instance.settings, selection)
    if progress.cancel.is_set():
        raise Cancelled
    progress.stage = "teams"
    remaining = max(params.time_limit - (time.perf_counter() - start), 0.05)
    teams = form_teams(instance, selection.selected_ids, replace(params, time_limit=remaining))
    return RunOutcome(instance, instance.settings, selection, teams)


def reoptimise(
    outcome: RunOutcome, assignment: Mapping[str, str], pins: Mapping[str, str]
) -> TeamResult:
    """Re-solve the teams keeping pinned students where they are, moving as few others as
    possible (the what-if ``moves`` priority first, then the settings' priorities).

    Calls ``form_teams(previous=assignment, extra_priorities_first=("moves",))`` on the
    cohort with ``Student.pinned`` set for the locked students.
    """
    from matcher.teams import form_teams
    from matcher.whatif import MOVES

    assert outcome.selection is not None
    instance = pinned(outcome.instance, pins)
    return form_teams(
        instance,
        outcome.selection.selected_ids,
        _params(instance, None),
        previous=dict(assignment),
        extra_priorities_first=(MOVES,),
    )


def pinned(instance: Instance, pins: Mapping[str, str]) -> Instance:
    """The cohort with ``Student.pinned`` set for the locked students."""
    students = tuple(
        s.model_copy(update={"pinned": pins[s.id]}) if s.id in pins else s
        for s in instance.students
    )
    return instance.model_copy(update={"students": students})


def whatif(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    *,
    withdraw_commissions: Sequence[str] = (),
    withdraw_students: Sequence[str] = (),
    arrivals: tuple[str, bytes] | None = None,
) -> RunOutcome:
    """A what-if from the current board (``matcher.whatif.apply_changes``), fewest moves first.

    ``arrivals`` is an uploaded file of arriving students (name, content), read by
    ``matcher.loading.read_arrivals`` from a temporary copy of our own. Raises
    ``UsageError`` for an id that is not a selected commission or a student, ``InputError``
    for a bad arrivals file.
    """
    from matcher.loading import read_arrivals
    from matcher.whatif import WhatIf, apply_changes

    assert outcome.selection is not None
    added: tuple[Student, ...] = ()
    if arrivals is not None:
        name = _safe_name(arrivals[0]) or "arrivals.csv"
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            raise InputError(Problem(name, "expected a .csv or .xlsx file"))
        with tempfile.TemporaryDirectory(prefix="matcher-arrivals-") as folder:
            path = Path(folder) / name
            path.write_bytes(arrivals[1])
            added = read_arrivals(path, outcome.instance)
    changes = WhatIf(
        withdraw_commissions=tuple(withdraw_commissions),
        withdraw_students=tuple(withdraw_students),
        add_students=added,
    )
    recorded = outcome.changes
    return apply_changes(
        outcome.instance,
        outcome.selection.rows,
        dict(assignment),
        changes,
        _params(outcome.instance, None),
        recorded,
    )


# --- Checking a board ----------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """Every rule and priority of a board, recomputed by ``matcher.verify.teams``."""

    violations: list[Text]
    #: Per violation, the student and commission ids it names.
    where: list[set[str]]
    objectives: dict[str, int]
    metrics: dict[str, Any]
    sizes: dict[str, tuple[int, int]]


def check_assignment(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
) -> Check:
    """Broken rules, priorities, metrics and size bounds of an assignment (``verify_teams``)."""
    from matcher.rules import team_size_bounds as size_bounds
    from matcher.verify.teams import team_metrics, team_objectives, team_violations

    violations = team_violations(instance, commission_ids, assignment)
    known = {s.id for s in instance.students} | set(commission_ids)
    where = [{t for t in _ID.findall(str(v)) if t in known} for v in violations]
    return Check(
        violations,
        where,
        team_objectives(instance, commission_ids, assignment, previous),
        team_metrics(instance, commission_ids, assignment),
        size_bounds(instance, commission_ids),
    )


def choice_rank(student: Student, team: str, selected: frozenset[str]) -> int | None:
    """A student's rank for ``team`` among their selected choices (``verify_teams``)."""
    from matcher.verify.teams import choice_rank as rank

    return rank(student, team, selected)


# --- Saving --------------------------------------------------------------------------------


def edited_outcome(outcome: RunOutcome, assignment: Mapping[str, str]) -> RunOutcome:
    """The outcome with the board's assignment; a hand-moved board is marked as given
    (FEASIBLE, nothing claimed about optimality), its priorities recomputed."""
    from matcher.verify.teams import team_objectives

    teams = outcome.teams
    assert teams is not None and outcome.selection is not None
    if dict(assignment) == teams.assignment:
        return outcome
    values = team_objectives(outcome.instance, teams.commission_ids, assignment)
    objectives = tuple(
        replace(o, value=values.get(o.name, o.value), bound=values.get(o.name, o.value))
        for o in teams.stage.objectives
    )
    stage = StageResult(Status.FEASIBLE, teams.stage.time_s, objectives, given=True)
    new_teams = TeamResult(stage, teams.commission_ids, dict(assignment))
    return replace(outcome, teams=new_teams)


def save(out_dir: Path, outcome: RunOutcome, instance_dir: Path, lang: Lang) -> list[Path]:
    """Write the contract's outputs into ``out_dir`` (``matcher.outputs.writers.write_outputs``)."""
    from matcher.outputs.writers import write_outputs

    return write_outputs(out_dir, outcome, instance_dir=instance_dir, lang=lang)
