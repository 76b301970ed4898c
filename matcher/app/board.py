"""A result held in memory (the workbench)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from matcher.app.common import SolveFailed, solve_params, with_warnings, without_choices_now
from matcher.errors import InputError, Problem, UsageError
from matcher.labels import Lang, Listing, Text, text
from matcher.results import (
    Changes,
    Edited,
    PlanResult,
    RunOutcome,
    SelectionResult,
    StageResult,
    Status,
    TeamResult,
)
from matcher.schemas import Instance, Pair, Settings
from models.outcome import ProgressCallback, SolveParams

# -- a result held in memory (the workbench) ------------------------------------------------
#
# Front ends that keep a result open between requests (``matcher serve``) call these: the
# same operations as above on a ``RunOutcome`` and a board (student id → commission id)
# rather than on a result folder. ``StopToken``/``stopping`` stop one solve of the process
# (the workbench's cancel), as Ctrl-C stops the command line's: the best result is kept.


def apply_settings(instance: Instance, changes: Mapping[str, Any]) -> Instance:
    """The cohort with settings changed, checked as settings.toml is checked.

    ``changes`` maps dotted keys (``"selection.count"``, ``"teams.min_size"``) to values;
    strings of numbers are accepted (a form sends text). The schema's checks, then those
    against the cohort's files (proposal ids of include/exclude, attributes of balance and
    no_isolation, repeated priorities, min_size above max_size, a count above the
    proposals received).

    Raises
    ------
    InputError
        One problem per key refused, ``column`` naming the key.
    """
    from pydantic import ValidationError

    from matcher.eligibility import count_problem
    from matcher.loading.records import InstanceDraft
    from matcher.loading.settings import check_settings
    from matcher.loading.settings_schema import schema_problems

    # The page shows this "file" as its own settings form, in its language (problems.html).
    label = "settings"
    data = instance.settings.model_dump()
    balance = changes.get("teams.balance")
    if balance is not None and _same_attributes(balance, instance.balanced_attributes()):
        # The boxes as shown are the balance in force (its default, or a list in another
        # order or words): Apply with nothing changed is no new setting (probes s35c,
        # s35f: the run's proof and explanations went).
        changes = {k: v for k, v in changes.items() if k != "teams.balance"}
    for key, value in changes.items():
        section, _, name = key.partition(".")
        data[section][name] = value
    refused: list[Problem] = []
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        # Worded as settings.toml's refusals are: the key, the value found and what is
        # expected, in the director's language; never pydantic's own text.
        refused = schema_problems(label, error, data)
        # The other keys are checked too, these ones at the values in force (probe s30c: a
        # time limit « abc » hid a count above the proposals and a no_isolation « vae=? »).
        now = instance.settings.model_dump()
        for found in error.errors():
            where = [str(part) for part in found["loc"][:2]]
            if len(where) == 2 and where[1] in now.get(where[0], {}):
                data[where[0]][where[1]] = now[where[0]][where[1]]
        try:
            settings = Settings.model_validate(data)
        except ValidationError:
            raise InputError(refused) from None
    draft = InstanceDraft(settings=settings, settings_label=label, problems=refused)
    commission_ids = {c.id for c in instance.commissions} if instance.commissions else None
    columns = instance.student_columns if instance.students else None
    settings = check_settings(
        draft, commission_ids, list(instance.commissions), columns, instance.commissions_file
    )
    updated = instance.model_copy(update={"settings": settings})
    too_many = count_problem(updated)
    if too_many is not None:
        draft.problems.append(replace(too_many, file=label))
    if draft.problems:
        raise InputError(draft.problems)
    return updated.model_copy(update={"warnings": _warnings_under(updated, draft.warnings)})


#: The loading warnings that depend on the settings (slots named in [selection] that no
#: proposal has, choices and pins of proposals never eligible, stage 3's references to
#: slots of [calendar]): said again for settings changed (``apply_settings``).
_SETTINGS_WARNINGS = frozenset(
    {
        "ld_unknown_slots",
        "ld_slot_rules_unused",
        "ld_pinned_unselectable",
        "ld_choice_unselectable",
        "ld_more_unselectable",
        "ld_pinned_employer",
        "sup_tie_unmatched",
        "sup_unavailable_unmatched",
        "sup_date_unmatched",
        "sup_dates_missing",
        "sup_date_day_off",
        "sup_oral_before_visit",
    }
)


def _warnings_under(instance: Instance, found: list[str | Text]) -> tuple[str | Text, ...]:
    """The cohort's warnings with those depending on the settings made again under
    ``instance.settings`` (``found``: check_settings's), as loading the files with these
    settings would say them: a warning the change settled goes, one it causes comes."""
    from matcher.loading.crossrefs import warn_unusable_choices
    from matcher.loading.records import InstanceDraft
    from matcher.loading.supervisors import unmatched_references

    settings = instance.settings
    draft = InstanceDraft(settings=settings, warnings=list(found))
    commissions = list(instance.commissions)
    if commissions and instance.students:
        warn_unusable_choices(draft, commissions, list(instance.students), settings)
    if instance.supervisors is not None:
        files = (instance.supervisors_file, instance.commissions_file)
        draft.warnings += unmatched_references(
            instance.supervisors, commissions, settings.calendar, files
        )
    kept = [
        w for w in instance.warnings if not (isinstance(w, Text) and w.key in _SETTINGS_WARNINGS)
    ]
    return (*kept, *draft.warnings)


@dataclass(frozen=True)
class BoardCheck:
    """Every rule and priority of a board, recomputed by ``matcher.verify.teams``."""

    #: Broken rules, one sentence each (worded by the front end: ``labels.worded``).
    violations: list[Any]
    #: Per broken rule, the student and commission ids it names.
    where: list[set[str]]
    objectives: dict[str, int]
    metrics: dict[str, Any]
    #: (smallest, largest) size allowed per team.
    sizes: dict[str, tuple[int, int]]
    #: The students and the teams the broken rules name, apart: a team « 2 » broken marks
    #: no student « 2 » (probe s37h).
    students_named: frozenset[str] = frozenset()
    teams_named: frozenset[str] = frozenset()


def check_assignment(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    previous: Mapping[str, str] | None = None,
    locked: Mapping[str, str] | None = None,
) -> BoardCheck:
    """Broken rules, priorities, metrics and size bounds of a board.

    ``previous`` is the board ``moves`` counts against; ``locked`` (student id → commission
    id) are pins the board must keep, as ``Student.pinned`` does.
    """
    from matcher.rules import team_size_bounds
    from matcher.verify.teams import team_metrics, team_objectives, team_violations

    if locked:
        instance = _with_pins(instance, locked)
    violations: list[Any] = list(team_violations(instance, commission_ids, assignment))
    # The ids each rule names, from its values (« E051 (Marie Dupont) », « C01 »), whatever
    # their characters (probe s37c: « Cé01 », « S&3 » never marked), and never a count
    # that is also a student's id (probe s37e: « 2 » marked by « has 3 students, expected 2 »).
    people, teams = {s.id for s in instance.students}, set(commission_ids)
    named = [_ids_named(v, people, teams) for v in violations]
    return BoardCheck(
        violations,
        [students | named_teams for students, named_teams in named],
        team_objectives(instance, commission_ids, assignment, previous),
        team_metrics(instance, commission_ids, assignment),
        team_size_bounds(instance, commission_ids),
        frozenset().union(*(students for students, _ in named)),
        frozenset().union(*(named_teams for _, named_teams in named)),
    )


#: The values of a broken rule that name students, and those that name teams.
_STUDENT_VALUES = frozenset({"student", "a", "b", "alone"})
_TEAM_VALUES = frozenset({"team", "team_a", "team_b", "pinned"})


def _ids_named(
    value: object, people: set[str], teams: set[str], key: str = ""
) -> tuple[set[str], set[str]]:
    """The student ids and the commission ids among ``value``'s values (a broken rule's
    :class:`Text`, its listings and the sentences in it), each read where the rule's value
    (``key``) names a student or a team."""
    if isinstance(value, Text):
        found = [_ids_named(v, people, teams, k) for k, v in value.values.items()]
        return set().union(*(s for s, _ in found)), set().union(*(t for _, t in found))
    if isinstance(value, Listing):
        found = [_ids_named(v, people, teams, key) for v in value.items]
        return set().union(*(s for s, _ in found)), set().union(*(t for _, t in found))
    if not isinstance(value, str):
        return set(), set()  # a count, a size
    parts = {value} | {part.split(" (", 1)[0].strip() for part in value.split(", ")}
    students = set() if key in _TEAM_VALUES else parts & people
    return students, (set() if key in _STUDENT_VALUES else parts & teams)


def choice_ranks(
    instance: Instance, commission_ids: Sequence[str], assignment: Mapping[str, str]
) -> dict[str, int | None]:
    """Each student's rank for their team among their selected choices (None: no choices)."""
    from matcher.verify.teams import choice_rank

    selected = frozenset(commission_ids)
    return {
        s.id: choice_rank(s, assignment[s.id], selected)
        for s in instance.students
        if s.id in assignment
    }


def written_ranks(instance: Instance, assignment: Mapping[str, str]) -> dict[str, int | None]:
    """Each student's team's position in their choices as they wrote them (1 = first
    written; ``None``: not listed, or no choices), as ``teams.csv``'s ``choice_rank``."""
    from matcher.verify.teams import written_rank

    return {
        s.id: written_rank(s, assignment[s.id]) for s in instance.students if s.id in assignment
    }


def _with_pins(instance: Instance, locked: Mapping[str, str]) -> Instance:
    """``instance`` with each lock a pin; a lock where students.csv pins the student
    already is that pin (worded so), the others are worded as locks (``Instance.locked``)."""
    students = tuple(
        s.model_copy(update={"pinned": locked[s.id]}) if s.id in locked else s
        for s in instance.students
    )
    pins = {s.id: s.pinned for s in instance.students}
    locks = instance.locked | {s for s, team in locked.items() if pins.get(s) != team}
    return instance.model_copy(update={"students": students, "locked": frozenset(locks)})


def _pins_as_in(
    instance: Instance, original: Instance, locked: Collection[str], withdrawn: Collection[str]
) -> Instance:
    """``instance`` (a what-if's cohort solved with the ``locked`` students' locks as pins)
    with each of their pins as in ``original`` (students.csv's): a lock is the director's,
    held by the workbench, never written into the cohort of a result. The others' pins are
    the what-if's (one to a commission withdrawn is lifted: restoring it showed a broken
    rule no file had, probe s28c); a pin to one of ``withdrawn`` stays lifted."""
    pins = {
        s.id: None if s.pinned in withdrawn else s.pinned
        for s in original.students
        if s.id in locked
    }
    students = tuple(
        s.model_copy(update={"pinned": pins[s.id]})
        if s.id in pins and s.pinned != pins[s.id]
        else s
        for s in instance.students
    )
    return instance.model_copy(update={"students": students, "locked": original.locked})


def reoptimise(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    locked: Mapping[str, str],
    progress: ProgressCallback | None = None,
) -> RunOutcome:
    """The teams re-solved from a board: ``locked`` students stay where they are, the others
    move as little as possible (``moves`` first, as a what-if), then the settings' priorities.

    The outcome returned holds the cohort with the locks as pins.

    Raises
    ------
    SolveFailed
        When no team assignment keeps the locks and every rule.
    """
    from matcher.teams import form_teams
    from matcher.whatif import MOVES

    if outcome.selection is None:
        raise UsageError(text("app_board_no_selection"))
    instance = _with_pins(outcome.instance, locked)
    teams = form_teams(
        instance,
        outcome.selection.selected_ids,
        solve_params(instance.settings, progress),
        previous=dict(assignment),
        extra_priorities_first=(MOVES,),
    )
    if not teams.stage.solved:
        raise SolveFailed("teams", teams.stage)
    # The explanations were of the board before: the new one is explained on demand. The
    # teams are solved afresh: "interrupted" stays only for a selection that was stopped.
    selection_stopped = outcome.selection.stage.status != Status.OPTIMAL
    return replace(
        outcome,
        instance=instance,
        teams=teams,
        explanations=None,
        interrupted=outcome.interrupted and selection_stopped,
    )


def whatif_board(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    *,
    withdraw_commissions: Iterable[str] = (),
    withdraw_students: Iterable[str] = (),
    add_students: Path | None = None,
    replace_withdrawn: bool = True,
    locked: Mapping[str, str] | None = None,
    progress: ProgressCallback | None = None,
    pairs: tuple[Pair, ...] | None = None,
    supervisors_gone: Iterable[str] = (),
) -> RunOutcome:
    """``whatif`` from a result in memory and its board rather than a result folder.

    ``supervisors_gone``: the supervisors withdrawn on the page so far, left out of the
    check that a plan exists with a replacement.

    ``pairs``: the pairs of the cohort as opened (pairs.csv), so that a student who
    withdrew and arrives again gets theirs back, as ``whatif`` does (the outcome's cohort
    lost them with the student).

    ``locked`` (student id → their team on the board): students the director locked stay
    where they are, as pins would keep them, unless they withdraw or their commission
    does (a team taken over by a reserve keeps its members: fewest moves). The outcome's
    cohort keeps the pins of its files, not the locks.

    Raises
    ------
    RequestError
        An id that is not a selected commission or a student.
    InputError
        An ``add_students`` file that cannot be read.
    BrokenRules
        A selection read from a file that breaks a selection rule the withdrawals do not
        mend (as ``whatif --from`` refuses it).
    SolveFailed
        When no team assignment was found.
    """
    from matcher.loading import read_arrivals
    from matcher.whatif import WhatIf, apply_changes

    if outcome.selection is None:
        raise UsageError(text("app_board_no_start"))
    instance = outcome.instance
    withdraw_commissions = tuple(withdraw_commissions)
    if outcome.selection.stage.given:
        # A selection read from a file (a result reopened) is held to the selection rules
        # as ``matcher whatif --from`` holds it (exit 3 there; probe s26: the page accepted
        # the what-if and saved a result breaking a rule without a word).
        from matcher.verify.selection import require_selection_rules

        ids = outcome.selection.selected_ids
        source = Path("selection.csv")
        require_selection_rules(instance, ids, source, withdrawing=withdraw_commissions)
    warnings: list[str | Text] = []
    arrivals = read_arrivals(add_students, instance, warnings) if add_students is not None else ()
    # The arrivals file's warnings join the cohort's: shown with them, saved in summary.json.
    said = len(instance.warnings)
    instance = with_warnings(instance, warnings)
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=replace_withdrawn,
        arrivals_file=add_students.name if add_students is not None else "arrivals.csv",
        pairs=pairs,
        supervisors_gone=tuple(supervisors_gone),
    )
    leaving, withdrawn = set(changes.withdraw_students), set(changes.withdraw_commissions)
    held = {s: t for s, t in (locked or {}).items() if s not in leaving and t not in withdrawn}
    result = apply_changes(
        _with_pins(instance, held) if held else instance,
        outcome.selection.rows,
        dict(assignment),
        changes,
        solve_params(instance.settings, progress),
        outcome.changes,
    )
    if result.teams is not None and not result.teams.stage.solved:
        raise SolveFailed("teams", result.teams.stage)
    if held:
        unlocked = _pins_as_in(result.instance, instance, held, withdrawn)
        result = replace(result, instance=unlocked)
    # Its students without choices named as ``whatif`` names them: the what-if's cohort's.
    return without_choices_now(result, said, {s.id for s in arrivals})


def settings_after(settings: Settings, changes: Changes | None) -> Settings:
    """The settings of a result made from a cohort with ``settings`` through what-ifs
    (``changes``; ``None``: no what-if): what ``check`` rebuilds from the result's
    summary.json (a commission withdrawn without replacement counts one fewer)."""
    from matcher.whatif import settings_after as after

    return settings if changes is None else after(settings, changes)


def given_teams(
    outcome: RunOutcome, assignment: Mapping[str, str], *, always: bool = False
) -> RunOutcome:
    """The outcome with a board edited by hand: its teams are *given* (FEASIBLE, nothing
    claimed about optimality), their priorities recomputed, no explanations (they were of
    the board before). Unchanged board: ``outcome``, unless ``always`` (teams solved under
    other team settings than the outcome's: the workbench's settings applied since)."""
    from matcher.verify.teams import team_objectives

    teams = outcome.teams
    if teams is None or (dict(assignment) == teams.assignment and not always):
        return outcome
    values = team_objectives(outcome.instance, teams.commission_ids, assignment)
    changes = outcome.changes
    if changes is not None and not changes.recorded_only:
        # A what-if's board: its moves counted from the teams before it, hand moves included
        # (probe s27: the saved priorities said 0, "unchanged", beside changes.moves 2).
        changes = _changes_of_board(outcome, changes, assignment)
        values["moves"] = changes.moves
    objectives = tuple(
        replace(o, value=values.get(o.name, o.value), bound=values.get(o.name, o.value))
        for o in teams.stage.objectives
    )
    stage = StageResult(Status.FEASIBLE, teams.stage.time_s, objectives, given=True)
    # The explanations were of the solver's board (explanations.csv only for the board
    # they explain). The plan stays: it depends on which teams there are, not on who is in
    # them (``plan_board``).
    edited = TeamResult(stage, teams.commission_ids, dict(assignment))
    return replace(outcome, teams=edited, explanations=None, changes=changes)


def _changes_of_board(
    outcome: RunOutcome, changes: Changes, assignment: Mapping[str, str]
) -> Changes:
    """A what-if's ``changes`` after the board it gave was edited by hand: who went where
    and the moves, counted from the teams before the what-if, hand moves included (probe
    s26: changes.csv kept the what-if's moves only, a student moved by hand after it
    unlisted)."""
    from matcher.outputs.views import assignment_before, teams_before
    from matcher.whatif import moves_against

    assert outcome.teams is not None
    before = assignment_before(outcome.teams.assignment, changes.rows)
    gone = [row for row in changes.rows if not row[2]]  # who left: no team now
    order = [s.id for s in outcome.instance.students]
    rows = [(i, before.get(i, ""), assignment.get(i, "")) for i in order]
    moved = tuple(row for row in rows if row[1] != row[2]) + tuple(gone)
    after = teams_before(outcome) or {}
    return replace(changes, rows=moved, moves=moves_against(assignment, after))


def given_selection_broken(outcome: RunOutcome) -> list[Text]:
    """The selection rules a selection read from a file (a result reopened, edited by hand)
    breaks, as ``check`` words them; none for a selection the solver made."""
    from matcher.verify.selection import selection_violations

    if outcome.selection is None or not outcome.selection.stage.given:
        return []
    return selection_violations(outcome.instance, outcome.selection.selected_ids)


def saved_board(
    outcome: RunOutcome, assignment: Mapping[str, str], lang: Lang, *, always: bool = False
) -> RunOutcome:
    """The outcome of a board edited by hand, as saved: ``given_teams`` and, as ``matcher
    report`` renders an edited result (contract §8), the rules it breaks (worded in
    ``lang``, listed first in the report and the workbook, ``broken_rules`` in
    summary.json) and each priority's value beside the solver's. Unchanged board:
    ``outcome``, unless ``always`` (``given_teams``)."""
    from matcher.labels import worded
    from matcher.verify.teams import team_objectives, team_violations

    teams = outcome.teams
    given = given_teams(outcome, assignment, always=always)
    if teams is None or given is outcome or given.teams is None:
        return outcome
    # A selection read from a file (a result reopened): its rules too, as ``report`` lists
    # them (probe s26: saved with "broken_rules": null, which check refused).
    found = given_selection_broken(outcome)
    found += team_violations(outcome.instance, teams.commission_ids, assignment)
    broken = tuple(worded(v, lang) for v in found)
    # A result reopened from a folder: its stages, read from files, hold no objectives; its
    # values and the solver's are those ``check`` read (``edited``), as the board shows them
    # (probe s36b: moved and saved, summary.json had no priorities, the cost of the edits
    # lost).
    read = outcome.edited.priorities if outcome.edited is not None else ()
    solver = {o.name: o.value for o in teams.stage.objectives}
    if teams.stage.given:
        solver |= {n: v for st, n, _, v in read if st == "teams" and v is not None}
    now = [(o.name, o.value) for o in given.teams.stage.objectives]
    if not now:
        values = team_objectives(outcome.instance, teams.commission_ids, assignment)
        now = [(n, values[n]) for st, n, _, _ in read if st == "teams" and n in values]
    rows = _unedited("selection", outcome.selection, read)
    rows += [("teams", name, value, solver.get(name)) for name, value in now]
    rows += _unedited("plan", outcome.plan, read)
    edited = Edited(broken_rules=broken, priorities=tuple(rows))
    # As ``report`` writes teams given by hand: no objectives (a bound equal to the edited
    # value would claim it optimal); their values are the ``priorities`` above.
    stage = replace(given.teams.stage, objectives=())
    return replace(given, teams=replace(given.teams, stage=stage), edited=edited)


def _unedited(
    stage: str,
    result: SelectionResult | PlanResult | None,
    read: Sequence[tuple[str, str, int, int | None]],
) -> list[tuple[str, str, int, int | None]]:
    """The priorities of a stage a board's moves leave as they are (the selection, the
    plan): its solve's values, or those read with a result reopened (``read``)."""
    if result is None:
        return []
    if result.stage.objectives:
        return [(stage, o.name, o.value, o.value) for o in result.stage.objectives]
    return [row for row in read if row[0] == stage]


def explain_student(
    outcome: RunOutcome,
    assignment: Mapping[str, str],
    student_id: str,
    budget: float | None = None,
    locked: Mapping[str, str] | None = None,
) -> list[Any]:
    """Why ``student_id`` is not on a better choice (``matcher.explain.explain``), one
    ``Explanation`` per team they ranked better; empty when they have their best choice.

    The board must keep every rule (``check_assignment``). ``optimal`` is claimed only for
    the solver's own board, unedited (locks keep it optimal: they hold it as it is).
    ``locked`` (student id → their team on the board): the board as the director locked
    it, each lock a pin (a locked student's wish is impossible, and no answer moves them).

    Raises
    ------
    UsageError
        When the student is not on the board.
    """
    from matcher.explain import explain

    teams = outcome.teams
    if teams is None or student_id not in assignment:
        raise UsageError(text("app_board_unknown_student", student=student_id))
    solver = outcome.instance.settings.solver
    params = SolveParams(time_limit=solver.time_limit, seed=solver.seed, workers=1)
    from matcher.outputs.views import teams_before

    # A what-if accepted on the page: its moves first (contract §6), the general path (its
    # optimum is of those priorities, with the locks it was solved with).
    before = teams_before(outcome)
    optimal = (
        before is None
        and teams.stage.status == Status.OPTIMAL
        and dict(assignment) == teams.assignment
    )
    instance = _with_pins(outcome.instance, locked) if locked else outcome.instance
    return explain(
        instance,
        teams.commission_ids,
        assignment,
        params,
        students=[student_id],
        optimal=optimal,
        budget=budget,
        before=before,
    )


def _same_attributes(one: Any, other: Any) -> bool:
    """Whether two lists of balanced attributes name the same ones, in any order or words
    (``genre`` is ``gender``)."""
    from matcher.loading.cells import condition_attribute

    def named(attributes: Any) -> set[str]:
        return {condition_attribute(str(a)) for a in attributes}

    return named(one) == named(other)
