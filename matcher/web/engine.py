"""The one door from the workbench into the rest of matcher: the application API.

Every operation is a call to ``matcher.app`` (load, settings, run, re-optimise, what-if,
check, explain, write); this module only turns browser input into what the API takes
(uploaded bytes into files of our own, never a path sent by the browser) and carries the
solve's progress and its cancel. It holds no rule. Nothing here imports Flask.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from matcher import app
from matcher.errors import InputError, Problem, RequestError, UsageError
from matcher.labels import Lang, Text, label, text, worded
from matcher.results import ObjectiveResult, PlanResult, RunOutcome, StageResult, Status
from matcher.schemas import Instance, Pair, Settings
from matcher.web.cohort_files import (
    UPLOAD_SUFFIXES,
    drop_upload,
    load_folder,
    load_uploads,
)
from matcher.web.upload_names import safe_name

__all__ = [
    "Progress",
    "Said",
    "SolveFailed",
    "assign",
    "check_assignment",
    "choice_ranks",
    "drop_upload",
    "edited_outcome",
    "explain",
    "explain_all",
    "failure",
    "failure_lines",
    "given_selection_broken",
    "load_folder",
    "load_uploads",
    "made_under_other_settings",
    "no_wish",
    "plan",
    "plan_matches",
    "problems_of",
    "reoptimise",
    "request_names",
    "run",
    "run_explanations",
    "save",
    "sentences",
    "settings_since",
    "update_settings",
    "whatif",
    "with_plan_settings",
    "with_team_settings",
    "written_ranks",
]

#: The settings a saved result was made under, beside it in the output folder.
SAVED_SETTINGS = "settings.toml"

SolveFailed = app.SolveFailed
BoardCheck = app.BoardCheck


@dataclass
class Progress:
    """Live progress of the solve in the worker: read by the page, written by the solver."""

    #: priority → (best value, bound, elapsed seconds), the last improvement per priority.
    priorities: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    stage: str = "selection"
    #: Stops this solve alone (``matcher.app.StopToken``): the best result so far is kept.
    token: app.StopToken = field(default_factory=app.StopToken)

    #: The run's board is ready (stages 1 and 2 and the plan): the page shows it while the
    #: explanations are computed (a page polling without it is reloaded to show it).
    board_ready: bool = False
    #: The teams the run kept when cancelled (their status then says cancelled, not "time
    #: limit reached"); ``None`` when not cancelled.
    kept: object | None = None
    questions: tuple[int, int] | None = None

    def answered(self, done: int, total: int) -> None:
        """``questions``: the explanations' (answered, questions), ``explain``'s ``on_answer``."""
        self.questions = (done, total)

    def callback(self, name: str, best: float, bound: float, elapsed: float) -> None:
        """The solver's progress callback (``matcher.app``'s ``progress``)."""
        self.priorities[name] = (best, bound, elapsed)
        if self.stage not in _LATER_STAGES:
            self.stage = "selection" if name in _SELECTION_PRIORITIES else "teams"

    def settle(self, outcome: RunOutcome) -> None:
        """The run's final value and proven bound of each priority shown so far: the last
        improvement reported may predate the proof (sector_spread read 2 with bound 0 beside
        "optimal")."""
        for result in (outcome.selection, outcome.teams, outcome.plan):
            if result is None:
                continue
            for objective in result.stage.objectives:
                if objective.name in self.priorities:
                    elapsed = self.priorities[objective.name][2]
                    self.priorities[objective.name] = (objective.value, objective.bound, elapsed)

    def begin(self, stage: str) -> None:
        """The worker enters ``stage`` (``plan``, ``explanations``): its priorities only."""
        self.stage = stage
        self.priorities.clear()
        self.questions = None

    def cancel(self) -> None:
        """Stop the search now; may be called again (a search starting meanwhile stops too)."""
        self.token.stop()

    @property
    def cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self.token.stopped


_SELECTION_PRIORITIES = frozenset({"sectors", "problem_types", "sector_spread", "priority"})
_LATER_STAGES = ("plan", "explanations")


@dataclass(frozen=True)
class Said(Text):
    """A message of the page worded when shown (``wording(lang)``), so that switching the
    page's language rewords it: a solve's diagnosis, a plan's, a refused request's."""

    wording: Callable[[Lang], str] = field(default=lambda lang: "")

    def words(self, lang: Lang, page: bool = True) -> str:
        """The message in ``lang`` (``wording`` says it in the page's words already)."""
        return self.wording(lang)


def priority_text(name: str, value: int, students: int, lang: Lang) -> str:
    """A priority's value as people read it, as the report and ``check`` show it (the
    experience priority in years, ``views.objective_text``)."""
    from matcher.outputs import views

    return views.objective_text(name, value, students, lang)


def gap_text(name: str, value: int, best: int, students: int, lang: Lang) -> str:
    """How far a priority's value lies from its optimum, signed, as the two read
    (``views.objective_gap_text``)."""
    from matcher.outputs import views

    return views.objective_gap_text(name, value, best, students, lang)


# --- Opening an instance -------------------------------------------------------------------


def problems_of(error: Exception) -> list[Problem]:
    """The problems of a refused input or request, as file/row/column/message records."""
    if isinstance(error, InputError):
        return list(error.problems)
    if isinstance(error, RequestError):
        request = error
        return [
            Problem("", Said("", wording=lambda lang: request.worded(request_names(lang), lang)))
        ]
    if isinstance(error, UsageError):
        return [Problem("", error.message)]
    return [Problem("", str(error))]


#: The parts of a request (``RequestError``) as the page names them: its form's fields.
_REQUEST_FIELDS = {
    "withdraw_commission": "web_withdraw_commission",
    "withdraw_student": "web_withdraw_student",
    "add_students": "web_add_students",
}


def request_names(lang: Lang) -> dict[str, str]:
    """What the page calls each part of a request in ``lang`` (the CLI says its flags):
    the what-if form's fields as labelled, quoted; the folder results are saved in."""
    quoted = "« {} »" if lang == "fr" else "“{}”"
    names = {part: quoted.format(label(key, lang)) for part, key in _REQUEST_FIELDS.items()}
    names["out"] = label("web_part_out", lang)
    return names


def update_settings(instance: Instance, changes: Mapping[str, Any]) -> Instance:
    """The cohort with settings changed from the form (``app.apply_settings``).

    ``changes`` maps ``"selection.count"``-style dotted keys to values. Raises
    ``InputError`` whose problems name the key (``column``).
    """
    return app.apply_settings(instance, changes)


def included_problems(instance: Instance) -> tuple[Text, ...]:
    """Why no selection can hold the proposals ``include`` forces in, said beside its field."""
    return app.included_cannot_hold(instance)


def sizes_problem(instance: Instance) -> Text | None:
    """Why ``count`` teams within the size settings cannot hold the students (``validate``
    answers 3, a run finds no teams), said beside the size fields; ``None`` when they can."""
    return app.sizes_cannot_hold(instance)


# --- Solving -------------------------------------------------------------------------------


def run(instance: Instance, progress: Progress) -> RunOutcome:
    """Both stages (``app.run``; the selection alone for a cohort without students),
    stoppable by ``progress.cancel()``: a cancelled solve
    returns its best result (FEASIBLE). Raises ``SolveFailed`` when a stage has none.
    Stage 3 is not planned here (``plan``), so the teams are shown when no plan exists."""
    with app.stopping(progress.token):
        if not instance.students:  # the selection alone, as ``matcher select``
            return app.select(instance, progress.callback)
        return app.run(instance, progress.callback, stage3=False)


def assign(instance: Instance, shown: RunOutcome, progress: Progress) -> RunOutcome:
    """The teams of the selection ``shown`` (``app.assign``, as ``matcher assign
    --selection``): a selection chosen before the students were there, or opened from a
    saved result. Raises as ``app.assign`` (``BrokenRules`` when it breaks a selection
    rule of this cohort)."""
    import tempfile

    from matcher.outputs.writers import write_selection_csv

    with tempfile.TemporaryDirectory(prefix="matcher-assign-") as folder:
        path = Path(folder) / "selection.csv"
        write_selection_csv(path, shown)
        with app.stopping(progress.token):
            return app.assign(instance, path, progress.callback)


def plan(
    outcome: RunOutcome,
    lang: Lang,
    progress: Progress | None = None,
    *,
    previous: PlanResult | None = None,
    withdraw_supervisors: Sequence[str] = (),
) -> RunOutcome:
    """``outcome`` with stage 3 (``app.plan_board``); ``None`` progress: not stoppable.

    Raises ``SolveFailed`` (stage ``plan``) when no plan keeps the rules (its diagnosis in
    ``lang``: ``failure``) or none was found; ``UsageError`` for an unknown supervisor.
    """
    if progress is None:
        return app.plan_board(
            outcome, previous=previous, withdraw_supervisors=withdraw_supervisors, lang=lang
        )
    with app.stopping(progress.token):
        return app.plan_board(
            outcome,
            previous=previous,
            withdraw_supervisors=withdraw_supervisors,
            progress=progress.callback,
            lang=lang,
        )


def with_plan_settings(outcome: RunOutcome, settings: Settings) -> RunOutcome:
    """``outcome`` under the ``[supervision]`` and ``[calendar]`` of ``settings`` (those
    edited in the page since the run): stage 3 does not change the teams, so the next plan
    takes them without a new run."""
    if (outcome.settings.supervision, outcome.settings.calendar) == (
        settings.supervision,
        settings.calendar,
    ):
        return outcome
    stage3 = {"supervision": settings.supervision, "calendar": settings.calendar}
    instance = outcome.instance.model_copy(
        update={"settings": outcome.instance.settings.model_copy(update=stage3)}
    )
    return replace(outcome, instance=instance, settings=outcome.settings.model_copy(update=stage3))


def with_team_settings(outcome: RunOutcome, settings: Settings) -> RunOutcome:
    """``outcome`` under the ``[teams]`` of ``settings`` (applied in the page since its teams
    were solved): its board's rules are checked, re-optimised, what-ifs solved and saved
    under them, as a new run would take them. Its teams were solved under those before:
    they are *given* here (nothing claimed optimal under these), the solver's values beside
    are its teams' under these (the priorities in force, in their order; a what-if's moves
    kept first), and its explanations, made under those before, are dropped."""
    if outcome.settings.teams == settings.teams:
        return outcome
    from matcher.verify.teams import team_objectives

    update = {"teams": settings.teams}
    instance = outcome.instance.model_copy(
        update={"settings": outcome.instance.settings.model_copy(update=update)}
    )
    teams = outcome.teams
    if teams is not None:
        # Probe s33: the values kept were those under the settings before (balance 0 beside
        # a board breaking the balance applied since; a priority taken out still listed).
        values = team_objectives(instance, teams.commission_ids, teams.assignment)
        moves = [o for o in teams.stage.objectives if o.name == "moves"]
        objectives = (
            *moves,
            *(
                ObjectiveResult(name, values[name], values[name], "min")
                for name in settings.teams.priorities
            ),
        )
        stage = replace(teams.stage, status=Status.FEASIBLE, given=True, objectives=objectives)
        teams = replace(teams, stage=stage)
    return replace(
        outcome,
        instance=instance,
        settings=outcome.settings.model_copy(update=update),
        teams=teams,
        explanations=None,
    )


def settings_since(outcome: RunOutcome, settings: Settings) -> bool:
    """Whether the selection's or the solver's settings in force (``settings``, the
    cohort's) are not those ``outcome`` was made under: they take effect at the next run."""
    made = outcome.settings
    now = app.settings_after(settings, outcome.changes)
    return (made.selection, made.solver) != (now.selection, now.solver)


def plan_matches(outcome: RunOutcome) -> bool:
    """Whether the outcome's plan is of its teams (``app.plan_matches``)."""
    return app.plan_matches(outcome)


def explain_all(outcome: RunOutcome, progress: Progress, started: float) -> RunOutcome:
    """``outcome`` with every wish explained (``app.explain_step``, as ``matcher run``
    does, cohorts up to ``app.EXPLAIN_MAX_STUDENTS``), within what the settings' time
    limit leaves since ``started`` (``time.perf_counter()`` when the run began: the limit
    is for the whole run, as on the command line; probe s28c saw a 20 s run take 40 s),
    stoppable by ``progress.cancel()`` (then the outcome is returned unexplained). The
    questions it does not reach the why panel answers on demand."""
    limit = outcome.instance.settings.solver.time_limit
    budget = max(limit - (time.perf_counter() - started), 0.0)
    with app.stopping(progress.token):
        explained = app.explain_step(outcome, budget=budget, on_answer=progress.answered)
    return outcome if progress.cancelled else explained


def run_explanations(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    student: str,
    lang: Lang,
    locked: Mapping[str, str] | None = None,
) -> list[tuple[str, str, str]] | None:
    """The run's explanations of ``student`` when they are of this board (as ``explain``
    words them), else ``None`` (the board was moved since, nothing was explained, students
    are ``locked``: the run explained a board without locks, or a question of theirs was
    not settled within the run's budget: explained now, as ``matcher explain`` settles it)."""
    if locked or not outcome.explains(assignment):
        return None
    theirs = [e for e in outcome.explanations or () if e.student_id == student]
    if any(e.verdict == "unknown" for e in theirs):
        return None
    return [(e.wanted, e.verdict, e.reason(lang)) for e in theirs]


def reoptimise(
    outcome: RunOutcome, assignment: Mapping[str, str], pins: Mapping[str, str]
) -> RunOutcome:
    """Locked students stay, the others move as little as possible (``app.reoptimise``)."""
    return app.reoptimise(outcome, assignment, pins)


def whatif(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    *,
    withdraw_commissions: Sequence[str] = (),
    withdraw_students: Sequence[str] = (),
    arrivals: tuple[str, bytes] | None = None,
    replace_withdrawn: bool = True,
    withdraw_supervisors: Sequence[str] = (),
    locked: Mapping[str, str] | None = None,
    pairs: tuple[Pair, ...] | None = None,
    supervisors_gone: Sequence[str] = (),
) -> RunOutcome:
    """A what-if from the current board, fewest moves first (``app.whatif_board``); the
    ``locked`` students stay where they are (unless they or their commission withdraw);
    ``pairs``: the opened cohort's, given back to a student who withdrew and arrives again.

    ``arrivals`` is an uploaded file of arriving students (name, content), read from a
    temporary copy of our own. ``replace_withdrawn`` false: a withdrawn commission is not
    replaced by a reserve (its students join the remaining teams, ``--no-replace``).
    No change of the teams but ``withdraw_supervisors``: the board is kept
    (``app.keep_teams``). Stage 3 is not planned here (``plan`` does, with those
    supervisors withdrawn).
    """
    if withdraw_supervisors and not (withdraw_commissions or withdraw_students or arrivals):
        return app.keep_teams(outcome, assignment)
    board = partial(
        app.whatif_board,
        outcome,
        assignment,
        withdraw_commissions=withdraw_commissions,
        withdraw_students=withdraw_students,
        replace_withdrawn=replace_withdrawn,
        locked=locked,
        pairs=pairs,
        supervisors_gone=supervisors_gone,
    )
    if arrivals is None:
        return board()
    name = safe_name(arrivals[0]) or "arrivals.csv"
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise InputError(Problem(name, text("up_not_arrivals")))
    with tempfile.TemporaryDirectory(prefix="matcher-arrivals-") as folder:
        path = Path(folder) / name
        path.write_bytes(arrivals[1])
        return board(add_students=path)


def failure(error: app.SolveFailed, lang: Lang) -> str:
    """Why a stage found no result, in ``lang`` (its diagnosis, else its status)."""
    return stage_failure(error.result, lang)


def failure_lines(error: app.SolveFailed, lang: Lang) -> list[str]:
    """Why a stage found no result, one sentence per conflicting rule, in ``lang``."""
    return [worded(line, lang, page=True) for line in error.result.diagnosis] or [
        stage_failure(error.result, lang)
    ]


def sentences(lines: Sequence[str], lang: Lang) -> str:
    """A diagnosis's lines (one per conflicting rule, after a line announcing them with
    ":") as one paragraph: "ces règles … ensemble : taille de l'équipe P2 : 2 étudiants ;
    E1 et E2 doivent être séparés", never two rules run together (French puts a space
    before ";")."""
    sep = " ; " if lang == "fr" else "; "
    said = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        said += ("" if not said else " " if said.endswith(":") else sep) + line
    return said


def stage_failure(stage: StageResult, lang: Lang) -> str:
    """A stage's diagnosis in ``lang``, else what its status means (never the bare status
    word: UNKNOWN is "nothing found within the time limit")."""
    said = sentences([worded(line, lang, page=True) for line in stage.diagnosis], lang)
    if said:
        return said
    if stage.status == Status.INFEASIBLE:
        return label("status_INFEASIBLE", lang)
    return label("web_nothing_in_time", lang)


# --- Checking a board ----------------------------------------------------------------------


def given_selection_broken(outcome: RunOutcome) -> list[Text]:
    """The selection rules a reopened result's selection breaks (``app``'s)."""
    return app.given_selection_broken(outcome)


def check_assignment(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
    locked: Mapping[str, str] | None = None,
) -> app.BoardCheck:
    """Broken rules, priorities, metrics and size bounds of a board (``app.check_assignment``)."""
    return app.check_assignment(instance, commission_ids, assignment, previous, locked)


def choice_ranks(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> dict[str, int | None]:
    """Each student's rank for their team among their selected choices."""
    return app.choice_ranks(instance, commission_ids, assignment)


def written_ranks(instance: Instance, assignment: Mapping[str, str]) -> dict[str, int | None]:
    """Each student's team's position in their choices as written (``None``: not listed)."""
    return app.written_ranks(instance, assignment)


def explain(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    student: str,
    lang: Lang,
    locked: Mapping[str, str] | None = None,
    settle: Callable[[list[Any]], None] | None = None,
) -> list[tuple[str, str, str]]:
    """(team wanted, verdict, sentence in ``lang``) per better choice of ``student``
    (``app.explain_student``, within 20 seconds), on the board as ``locked``. Empty: they
    have their best choice. ``settle`` receives the ``Explanation`` objects found."""
    explanations = app.explain_student(outcome, assignment, student, budget=20.0, locked=locked)
    if settle is not None:
        settle(explanations)
    return [(e.wanted, e.verdict, e.reason(lang)) for e in explanations]


def settled(
    outcome: RunOutcome, assignment: Mapping[str, str], student: str, found: list[Any]
) -> RunOutcome:
    """The run's explanations with ``student``'s answered anew (``found``) in place of
    theirs, when they are of this board: a question the run's budget left unsettled, settled
    on demand in the page, is saved with the board (explanations.csv, the report)."""
    if not outcome.explains(assignment):
        return outcome
    run = outcome.explanations or ()
    at = next((i for i, e in enumerate(run) if e.student_id == student), len(run))
    others = [e for e in run if e.student_id != student]
    return replace(outcome, explanations=(*others[:at], *found, *others[at:]))


def no_wish(outcome: RunOutcome, student: str) -> str:
    """Why ``student`` has no wish to explain (``app.no_wish``, as ``matcher explain``
    decides it): ``no_choices``, ``none_selected`` or ``on_best``."""
    found = next((s for s in outcome.instance.students if s.id == student), None)
    teams = outcome.teams
    choices = found.choices if found is not None else ()
    return app.no_wish(choices, teams.commission_ids if teams is not None else None)


# --- Saving --------------------------------------------------------------------------------


def edited_outcome(
    outcome: RunOutcome, assignment: Mapping[str, str], lang: Lang, *, always: bool = False
) -> RunOutcome:
    """The outcome with the board's assignment as saved (``app.saved_board``): an edited
    board's outputs list the rules it breaks and the solver's values beside its own.
    ``always``: so even unmoved (teams solved under the team settings before those in
    force, ``with_team_settings``: they may break the rules in force)."""
    return app.saved_board(outcome, assignment, lang, always=always)


def made_under_other_settings(outcome: RunOutcome, file_settings: Settings | None) -> bool:
    """Whether ``outcome`` was made under settings other than its cohort's files' (edited
    in the page), beyond what its what-ifs changed (``app.settings_after``): then
    ``matcher check INSTANCE --result DIR`` needs the settings saved beside it."""
    if file_settings is None:
        return False
    return outcome.settings != app.settings_after(file_settings, outcome.changes)


def save(out_dir: Path, outcome: RunOutcome, instance_dir: Path, lang: Lang) -> list[Path]:
    """Write the contract's outputs into ``out_dir`` (``app.write_outputs``), and the
    settings they were made under as ``settings.toml`` (they may have been edited in the
    page: ``matcher check INSTANCE --result DIR --settings DIR/settings.toml``)."""
    from matcher.outputs.settings_file import settings_toml

    # In the outputs' one step: written after them, a settings.toml that could not be
    # written (open elsewhere, a folder of that name) failed the save with the outputs
    # already replaced, beside the settings of the save before.
    return app.write_outputs(
        out_dir,
        outcome,
        instance_dir=instance_dir,
        lang=lang,
        texts={SAVED_SETTINGS: settings_toml(_cohort_settings(outcome))},
    )


def _cohort_settings(outcome: RunOutcome) -> Settings:
    """The settings the result's cohort was opened with: a what-if's result holds those
    after its changes (one commission fewer when one withdrew unreplaced), which ``check``
    rebuilds from the changes summary.json records."""
    from matcher.whatif import settings_before

    if outcome.changes is None:
        return outcome.settings
    return settings_before(outcome.settings, outcome.changes)


#: Refused inputs and requests the pages show as problems.
REFUSED: tuple[type[Exception], ...] = (InputError, UsageError)
