"""Explanations of a result (contract §9)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matcher.app.checking import _check
from matcher.errors import UsageError
from matcher.labels import Text, counted, listing, text
from matcher.results import Changes, RunOutcome
from matcher.schemas import Instance
from models.outcome import SolveParams

# -- explain (contract §9) ------------------------------------------------------------------

#: ``run``, ``assign`` and ``whatif`` explain cohorts up to this many students.
EXPLAIN_MAX_STUDENTS = 200


def _proven_optimal(
    instance: Instance,
    team_ids: tuple[str, ...],
    assignment: dict[str, str],
    status: str | None,
    recorded: Mapping[str, int],
) -> bool:
    """Whether these teams are a proven lexicographic optimum of the settings' priorities.

    The status is OPTIMAL and the recorded priorities are exactly the settings' ones, in
    their order, each with the value recomputed from the assignment (an edit, a what-if's
    ``moves`` first, or other settings show as a difference). Anything else only means
    the longer, general path of ``matcher.explain``.
    """
    from matcher.verify.teams import team_objectives

    if status != "OPTIMAL":
        return False
    values = team_objectives(instance, team_ids, assignment)
    expected = [(name, values[name]) for name in instance.settings.teams.priorities]
    return list(recorded.items()) == expected


def explain_step(
    outcome: RunOutcome,
    *,
    budget: float | None = None,
    workers: int | None = None,
    on_answer: Callable[[int, int], None] | None = None,
) -> RunOutcome:
    """The explain step of ``run``, ``assign`` and ``whatif``: ``outcome`` with
    ``explanations`` (one per wish, ``matcher.explain``), for cohorts with teams of at
    most ``EXPLAIN_MAX_STUDENTS`` students (others unchanged).

    ``budget``: seconds for every wish together; the wishes it does not reach are
    ``unknown`` (``matcher explain`` answers them with the full time limit). ``workers``:
    processes answering wishes in parallel (default: the settings' ``workers``, as
    ``explain`` does). ``on_answer``: told (questions answered, questions) as they go.
    """
    from matcher.explain import explain as explain_wishes

    teams = outcome.teams
    instance = outcome.instance
    if teams is None or not teams.stage.solved or len(instance.students) > EXPLAIN_MAX_STUDENTS:
        return outcome
    from matcher.outputs.views import teams_before

    recorded = {o.name: o.value for o in teams.stage.objectives}
    optimal = _proven_optimal(
        instance, teams.commission_ids, teams.assignment, str(teams.stage.status), recorded
    )
    settings = instance.settings.solver
    params = SolveParams(time_limit=settings.time_limit, seed=settings.seed, workers=1)
    explanations = explain_wishes(
        instance,
        teams.commission_ids,
        teams.assignment,
        params,
        workers=settings.workers if workers is None else workers,
        optimal=optimal,
        budget=budget,
        on_answer=on_answer,
        # A what-if's result: its moves come first (contract §6), as in its solve.
        before=teams_before(outcome),
    )
    return replace(outcome, explanations=tuple(explanations))


@dataclass(frozen=True)
class ExplainResult:
    """What ``explain`` found for a result folder."""

    #: The cohort the result was made for (a what-if's changes applied).
    instance: Instance
    #: One per wish (``matcher.explain.Explanation``); empty when the result breaks rules.
    explanations: tuple[Any, ...]
    #: The rules the result breaks (then nothing is explained).
    violations: list[str | Text]
    #: Each student's team in the result (empty when it breaks rules).
    assignment: Mapping[str, str] = field(default_factory=dict)
    #: The result's selected commissions (its teams, empty ones included).
    team_ids: tuple[str, ...] = ()
    #: The students asked for, as the cohort spells their ids (``s001`` typed: ``S001``).
    asked: tuple[str, ...] = ()
    #: What reading the result warned about (teams.csv and result.xlsx differ, …).
    warnings: tuple[str | Text, ...] = ()


def explain(
    instance: Instance,
    result_dir: Path,
    students: Collection[str] = (),
    *,
    workers: int | None = None,
    on_answer: Callable[[int, int], None] | None = None,
    budget: float | None = None,
) -> ExplainResult:
    """Every wish of the students (all, or ``students``) of the result in ``result_dir``.

    Read as ``check`` reads it (a folder or result.xlsx; selection, teams and the cohort
    recorded in summary.json). The result must keep every rule; a proven optimum
    recorded in summary.json (and unchanged) takes the shorter path. ``workers``:
    processes answering wishes in parallel (default: the settings' ``workers``).
    ``on_answer``: (questions answered, questions) after each (``matcher.explain.explain``).
    ``budget``: seconds for every wish together (``matcher report``), else the time limit
    for each solve.

    Raises
    ------
    UsageError
        When the folder holds no teams.csv, or ``students`` names someone not in the cohort.
    InputError
        When a file cannot be read as a selection or a team list of this instance.
    """
    from matcher.explain import explain as explain_wishes
    from matcher.loading import recorded_objectives, recorded_status
    from matcher.loading.results import result_files
    from matcher.loading.summary import recorded_cohort

    checked = _check(instance, result_dir)
    if checked.assignment is None:
        raise UsageError(text("app_no_teams_to_explain", folder=result_dir))
    instance, assignment, team_ids = checked.instance, checked.assignment, checked.team_ids
    folder = result_files(result_dir).folder
    known = {s.id for s in instance.students}
    if students:
        students = _asked(instance, known, students)
    unknown = [s for s in students if s not in known]
    withdrawn = checked.recorded.withdrawn_students if checked.recorded is not None else ()
    if unknown and set(unknown) <= set(withdrawn):
        # A student of students.csv who withdrew in the what-if that made the result (probe
        # s27: "not a student of the cohort", with a suggestion of someone else).
        raise UsageError(counted("app_students_withdrew", len(unknown), ids=", ".join(unknown)))
    if unknown:
        from matcher.loading.id_index import IdIndex, with_suggestion

        message = text("app_unknown_students", ids=", ".join(unknown))
        if len(unknown) == 1:
            # A name misspelt too, « Olgaa »: S3 (Olga)? (probe s38h: no suggestion)
            people = ((s.id, s.name) for s in instance.students)
            message = with_suggestion(message, unknown[0], IdIndex(known), people)
        if message.key == "app_unknown_students":
            # No id near: say what is taken (probe s29h: a name was refused unexplained).
            message = text("app_unknown_students_how", ids=", ".join(unknown))
        raise UsageError(message)
    violations = checked.report.violations
    warnings = tuple(checked.report.warnings)
    if violations:
        return ExplainResult(instance, (), list(violations), warnings=warnings)
    settings = instance.settings.solver
    # Parallel processes, one CP-SAT worker each.
    params = SolveParams(time_limit=settings.time_limit, seed=settings.seed, workers=1)
    # The recorded optimum holds only for the cohort and settings it was solved for: a pin
    # removed or sizes loosened since leave its values as they were, not its proof.
    same = instance.solved_for(team_ids, recorded_cohort(folder))
    optimal = same and _proven_optimal(
        instance,
        team_ids,
        assignment,
        recorded_status(folder, "teams"),
        recorded_objectives(folder).get("teams", {}),
    )
    before, edited = _whatif_before(folder, checked.recorded, instance, assignment, team_ids)
    if edited:
        warnings += (text("explain_whatif_edited", folder=folder.name),)
    explanations = explain_wishes(
        instance,
        team_ids,
        assignment,
        params,
        students=list(students) or None,
        workers=settings.workers if workers is None else workers,
        optimal=optimal,
        on_answer=on_answer,
        before=before,
        budget=budget,
    )
    return ExplainResult(
        instance,
        tuple(explanations),
        [],
        dict(assignment),
        tuple(team_ids),
        tuple(students),
        warnings,
    )


def _whatif_before(
    folder: Path,
    recorded: Changes | None,
    instance: Instance,
    assignment: Mapping[str, str],
    team_ids: Sequence[str],
) -> tuple[dict[str, str] | None, bool]:
    """``whatif_rows``' teams before the what-if, and whether the teams were edited since."""
    from matcher.app.whatif_record import whatif_rows

    read, edited = whatif_rows(folder, recorded, instance, assignment, team_ids)
    return (None if read is None else read.before), edited


def _asked(instance: Instance, known: set[str], students: Collection[str]) -> list[str]:
    """The students ``--student`` names, each once, in order: ids read as in the files (case,
    accents, zeros), or names as the report shows them; one not found is kept as typed (the
    caller says it is no student). A name two students bear is a usage error naming both."""
    from matcher.loading.id_index import IdIndex, by_name, named

    index = IdIndex(known)
    names = by_name(instance.students)
    found: list[str] = []
    for ref in students:
        own, shared = index.resolve(ref), named(names, ref)
        if own is None and len(shared) > 1:
            # A name two students bear (probe s29i: said "not a student of the cohort").
            ids = listing(shared, last="word_and")
            raise UsageError(text("app_student_name_shared", name=ref, ids=ids))
        found.append(own or (shared[0] if shared else ref))
    return list(dict.fromkeys(found))
