"""What-if: re-solve after a withdrawal or an arrival, moving as few students as possible.

``apply_changes`` takes the previous result (its selection rows and, once teams exist, its
assignment), applies the changes a programme director reports, and answers with a complete
``RunOutcome`` whose ``changes`` say who moves where.

Decisions, where the contract leaves room (also in the README):

- A commission that withdraws is replaced by the best reserve (lowest ``reserve_rank`` of the
  previous selection.csv) keeping the selection rules (eligible under the settings, the
  institution cap, not withdrawn itself); the reserves left are then ranked again. Once teams
  exist the reserve must also keep every rule for the team it takes over: no member works for
  its institution, and the team's size lies within its own ``min_size``/``max_size``.
  The team then keeps all its members.
- When replacement is not asked (``WhatIf.replace`` false) or no reserve fits, K − 1
  commissions remain (a warning says so). Once teams exist, the team dissolves: its students join
  the remaining teams, size bounds are recomputed for K − 1 teams, and those students do not
  count as moves.
- A pin naming a withdrawn commission is released: the student stays with the team a
  reserve takes over, else is placed like the others (a warning names them).
- Students of the cohort absent from the previous teams.csv are placed like arrivals.
- A what-if result records its changes in summary.json (``changes``), cumulative since the
  original result: withdrawn commissions (and those not replaced), withdrawn students and
  the records of arrivals. ``cohort_of_result`` rebuilds the cohort of a result from them,
  the selection count lowered by one per unreplaced commission, so that ``check`` holds a
  what-if result to its own cohort's rules; ``moves`` and ``replaced``: the last what-if's.
- ``moves`` (students who were in a team that still exists and change team) comes first,
  then the settings' priorities. A team taken over by a reserve still exists: leaving it
  is a move. changes.csv lists every student whose commission differs, including the
  members of a replaced team (from the withdrawn commission to its replacement), withdrawn
  students (empty ``to``), arrivals (empty ``from``) and the students of a dissolved team.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.cohort_left import empty_teams, refuse_no_student_left
from matcher.errors import RequestError
from matcher.institutions_gone import institutions_gone, institutions_kept
from matcher.labels import Text, text
from matcher.loading import no_choices_now, recorded_changes, unusable_choices_now
from matcher.loading.id_index import IdIndex, by_institution, by_name
from matcher.reserve_ranks import reranked_rows
from matcher.reserves import (
    Replacement,
    barred_reserves,
    choose_replacements,
    preview,
    replacement_notes,
    selection_rows,
    unreplaced_first,
)
from matcher.results import (
    Changes,
    RunOutcome,
    SelectionResult,
    SelectionRow,
    StageResult,
)
from matcher.schemas import Instance, Pair, Settings, Student
from matcher.teams import form_teams
from matcher.verify.teams import moves as count_moves
from models.outcome import SolveParams

__all__ = [
    "WhatIf",
    "apply_changes",
    "cohort_of_result",
    "moves_against",
    "previous_teams_after",
    "settings_after",
    "settings_before",
]

#: The priority put before the settings' team priorities.
MOVES = "moves"


@dataclass(frozen=True)
class WhatIf:
    """The changes a programme director reports after a result was published.

    Parameters
    ----------
    withdraw_commissions
        Selected commissions whose institution withdraws, in the order they are replaced.
    withdraw_students
        Students who leave the cohort.
    add_students
        Students who arrive (already validated against the cohort).
    replace
        Whether a withdrawn commission is replaced by a reserve.
    arrivals_file
        The file ``add_students`` were read from, as named on disk (for the messages).
    teams_file
        The file the previous teams were read from, as named on disk (teams.csv, or an
        edited result.xlsx), for the messages.
    pairs
        The original cohort's pairs (pairs.csv), when the cohort given is a chained
        what-if's: a withdrawn student who arrives again gets theirs back (probe s15b).
    supervisors_gone
        Supervisors this what-if and the earlier ones withdrew: a reserve replaces a
        withdrawal only if the others can still plan every team (supervisors.csv).
    """

    withdraw_commissions: tuple[str, ...] = ()
    withdraw_students: tuple[str, ...] = ()
    add_students: tuple[Student, ...] = ()
    replace: bool = True
    arrivals_file: str = "arrivals.csv"
    teams_file: str = "teams.csv"
    pairs: tuple[Pair, ...] | None = None
    supervisors_gone: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether no change is given (``replace`` alone changes nothing)."""
        return not (self.withdraw_commissions or self.withdraw_students or self.add_students)


def _check_changes(
    instance: Instance,
    previous_rows: Sequence[SelectionRow],
    previous: Mapping[str, str] | None,
    changes: WhatIf,
    gone: Iterable[str] = (),
    left: Iterable[str] = (),
) -> None:
    """Refuse changes that name unknown ids or ask for what cannot be done (exit 2).

    ``gone`` and ``left``: the students and the commissions withdrawn in earlier what-ifs.
    """
    gone, left = set(gone), set(left)
    if changes.empty:
        raise RequestError(text("w_no_change"))
    proposals = {row.id for row in previous_rows}
    selected = {row.id for row in previous_rows if row.selected}
    for commission_id in changes.withdraw_commissions:
        if commission_id not in proposals:
            named = by_institution(c for c in instance.commissions if c.id in proposals)
            near = IdIndex(proposals, named).suggestion(commission_id)
            key = "w_not_proposal" if near is None else "w_not_proposal_near"
            raise RequestError(text(key), commission_id=commission_id, near=near)
        if commission_id not in selected:
            # Probe s34e: « non retenue » of a commission that withdrew in a what-if before.
            key = "w_commission_already_withdrew" if commission_id in left else "w_not_selected"
            raise RequestError(text(key), commission_id=commission_id)
    student_ids = {s.id for s in instance.students}
    for student_id in changes.withdraw_students:
        if student_id in gone:
            raise RequestError(text("w_already_withdrew"), student_id=student_id)
        if student_id not in student_ids:
            near = IdIndex(student_ids, by_name(instance.students)).suggestion(student_id)
            key = "w_not_student" if near is None else "w_not_student_near"
            raise RequestError(
                text(key), student_id=student_id, near=near, file=instance.students_file
            )
    arrival_ids = [s.id for s in changes.add_students]
    clashes = sorted({i for i in arrival_ids if i in student_ids or arrival_ids.count(i) > 1})
    if clashes:
        raise RequestError(text("w_ids_taken", ids=preview(clashes)))
    if previous is None and (changes.withdraw_students or changes.add_students):
        raise RequestError(text("w_no_teams"))
    file = instance.students_file
    refuse_no_student_left(student_ids, changes.withdraw_students, len(arrival_ids), file)


def previous_teams_after(
    previous: Mapping[str, str],
    student_ids: Iterable[str],
    withdrawn: Iterable[str],
    replaced: Mapping[str, str],
    kept: Iterable[str] | None = None,
) -> dict[str, str]:
    """Previous team of each remaining student whose team still exists (for ``moves``).

    A team taken over by a reserve still exists, under the reserve's id; students of a
    dissolved team, arrivals and students who withdrew have no previous team. ``kept``:
    the commissions selected now; a student the previous result (edited by hand) put on
    a commission it did not select was in no team that still exists either.
    """
    withdrawn = set(withdrawn)
    result = {}
    for student_id in student_ids:
        commission_id = previous.get(student_id)
        if commission_id is None:
            continue
        if commission_id in replaced:
            result[student_id] = replaced[commission_id]
        elif commission_id not in withdrawn:
            result[student_id] = commission_id
    selected = None if kept is None else set(kept)
    return {s: c for s, c in result.items() if selected is None or c in selected}


def moves_against(assignment: Mapping[str, str], previous_after: Mapping[str, str]) -> int:
    """The ``moves`` priority of an assignment, counted independently of the solver."""
    return count_moves(assignment, previous_after)


def _change_rows(
    previous: Mapping[str, str],
    old_students: Sequence[Student],
    new_students: Sequence[Student],
    assignment: Mapping[str, str],
) -> tuple[tuple[str, str, str], ...]:
    """(student, from, to) for every student whose commission differs, cohort order."""
    order = list(dict.fromkeys([s.id for s in old_students] + [s.id for s in new_students]))
    moved = ((i, previous.get(i, ""), assignment.get(i, "")) for i in order)
    return tuple(row for row in moved if row[1] != row[2])


def _changed_instance(
    instance: Instance, changes: WhatIf, released: Iterable[str], notes: Sequence[Text]
) -> Instance:
    """The cohort after the changes: students leave or arrive, pins to withdrawn released."""
    leaving = set(changes.withdraw_students)
    released = set(released)
    students = [
        s.model_copy(update={"pinned": None}) if s.pinned in released else s
        for s in instance.students
        if s.id not in leaving
    ]
    students += [
        s.model_copy(update={"pinned": None}) if s.pinned in released else s
        for s in changes.add_students
    ]
    # The pairs of the students who are there: a withdrawn student who arrives again (from
    # the original pairs.csv, ``changes.pairs``) gets theirs back.
    present = {s.id for s in students}
    pairs = [
        p
        for p in (instance.pairs if changes.pairs is None else changes.pairs)
        if p.student_a in present and p.student_b in present
    ]
    update = {"students": tuple(students), "pairs": tuple(pairs)}
    changed = instance.model_copy(update={**update, "warnings": (*instance.warnings, *notes)})
    # The proposals never selectable are among the choices of the students there now.
    return changed.model_copy(update={"warnings": unusable_choices_now(changed)})


def _notes(
    instance: Instance,
    previous: Mapping[str, str] | None,
    changes: WhatIf,
    replacement: Replacement,
    num_selected: int,
    num_asked: int,
    released: Iterable[str],
    selected: Iterable[str] = (),
) -> list[Text]:
    """Warnings a programme director should read about this what-if.

    ``num_asked`` is the selection count of the settings, before any withdrawal;
    ``released``: the commissions whose pins are released (withdrawn, now or earlier);
    ``selected``: the commissions selected after the changes.
    """
    notes: list[Text] = []
    withdrawn = set(released)
    notes += replacement_notes(
        replacement,
        changes.withdraw_commissions,
        changes.replace,
        teams_exist=previous is not None,
        num_selected=num_selected,
        num_asked=num_asked,
    )
    notes += institutions_kept(instance, changes.withdraw_commissions, selected)
    leaving = set(changes.withdraw_students)
    # Each pin is named with the file it was read from: the cohort's or the arrivals'.
    for file, students in (
        (instance.students_file, instance.students),
        (changes.arrivals_file, changes.add_students),
    ):
        pinned = [
            f"{s.id} ({s.pinned})"
            for s in students
            if s.pinned in withdrawn and s.id not in leaving
        ]
        if pinned:
            notes.append(text("w_pins_released", students=preview(pinned), file=file))
    if previous is not None:
        ids, arriving = [s.id for s in instance.students], len(changes.add_students)
        notes += empty_teams(ids, leaving, arriving, num_selected)
        untracked = [
            s.id for s in instance.students if s.id not in previous and s.id not in leaving
        ]
        if untracked:
            notes.append(
                text(
                    "w_untracked",
                    students=preview(untracked),
                    file=instance.students_file,
                    teams=changes.teams_file,
                )
            )
        # A result edited by hand may put a student on a commission it did not select: no
        # such team exists, so they are placed like arrivals. "S03 (C05)": in no language.
        kept = {*selected, *changes.withdraw_commissions}
        stray = [
            f"{s.id} ({previous[s.id]})"
            for s in instance.students
            if s.id in previous and previous[s.id] not in kept and s.id not in leaving
        ]
        if stray:
            notes.append(text("w_stray", students=preview(stray), teams=changes.teams_file))
    return notes


def settings_after(settings: Settings, changes: Changes) -> Settings:
    """The settings a what-if result holds, from its cohort's ``settings``: those ``check``
    rebuilds from the result's changes (a commission not replaced counts one fewer)."""
    return _settings_after(settings, changes.withdrawn_commissions, len(changes.unreplaced))


def settings_before(settings: Settings, changes: Changes) -> Settings:
    """The settings of the cohort a what-if result was made from, from the result's own
    (``settings_after``'s inverse for the count; an ``include`` of a withdrawn commission
    stays out, which ``settings_after`` takes out again): what a settings.toml saved beside
    the result holds, so that ``check --settings`` and the workbench, applying the recorded
    changes, count the withdrawals once (probe s27: twice, « 7 proposals are selected;
    exactly 6 are required » of a result the page had saved as keeping every rule)."""
    if not changes.unreplaced:
        return settings
    count = settings.selection.count + len(changes.unreplaced)
    selection = settings.selection.model_copy(update={"count": count})
    return settings.model_copy(update={"selection": selection})


def _settings_after(settings: Settings, withdrawn: Iterable[str], unreplaced: int) -> Settings:
    """Settings of a cohort whose ``unreplaced`` withdrawals were not replaced.

    The selection holds that many fewer commissions, and a withdrawn commission can no
    longer be forced in by ``include``.
    """
    withdrawn = set(withdrawn)
    selection = settings.selection.model_copy(
        update={
            # count ≥ 1 is a rule of the settings; a cohort left without commission fails
            # the count rule instead of the settings' validation.
            "count": max(1, settings.selection.count - unreplaced),
            "include": tuple(i for i in settings.selection.include if i not in withdrawn),
        }
    )
    return settings.model_copy(update={"selection": selection})


def _accumulate(
    recorded: Changes,
    changes: WhatIf,
    replaced: Mapping[str, str],
) -> Changes:
    """The cumulative changes after ``changes``, on top of those ``recorded`` before.

    An arrival who withdraws simply disappears; moves, replacements and rows are filled by
    the caller for this what-if alone.
    """
    arrived_before = {s.id for s in recorded.added_students}
    leaving = set(changes.withdraw_students)
    withdrawn_students = [
        *recorded.withdrawn_students,
        *(i for i in changes.withdraw_students if i not in arrived_before),
    ]
    added = [
        *(s for s in recorded.added_students if s.id not in leaving),
        *changes.add_students,
    ]
    return Changes(
        moves=0,
        withdrawn_commissions=tuple(
            dict.fromkeys([*recorded.withdrawn_commissions, *changes.withdraw_commissions])
        ),
        unreplaced=tuple(
            dict.fromkeys(
                [
                    *recorded.unreplaced,
                    *(c for c in changes.withdraw_commissions if c not in replaced),
                ]
            )
        ),
        withdrawn_students=tuple(dict.fromkeys(withdrawn_students)),
        added_students=tuple(added),
        unreplaced_now=tuple(c for c in changes.withdraw_commissions if c not in replaced),
    )


def cohort_of_result(instance: Instance, result_dir: Path) -> tuple[Instance, Changes]:
    """The cohort a result was made for, and the changes it records since ``instance``.

    A what-if result records in summary.json (``changes``) every withdrawal and arrival
    since the original result; they are applied again to ``instance`` (students leave or
    arrive, pins to withdrawn commissions are released) and the selection count is lowered
    by one per commission not replaced. Any other result (no summary.json, a damaged one, no
    ``changes`` key) stands for ``instance`` itself, with no change recorded.

    Parameters
    ----------
    instance
        The original instance, as loaded from its files (settings in force included).
    result_dir
        The folder of a result (``run``, ``assign``, ``whatif``, possibly edited).

    Returns
    -------
    instance, recorded
        The cohort of the result, and the changes recorded (empty when none).

    Raises
    ------
    InputError
        summary.json holds ``changes`` that cannot be read or do not fit ``instance``.
    """
    recorded = recorded_changes(result_dir, instance)
    if recorded is None:
        return instance, Changes(0)
    redo = WhatIf(
        withdraw_students=recorded.withdrawn_students,
        add_students=recorded.added_students,
        pairs=instance.pairs,
    )
    changed = _changed_instance(instance, redo, recorded.withdrawn_commissions, ())
    gone, unreplaced = recorded.withdrawn_commissions, len(recorded.unreplaced)
    warnings = no_choices_now(changed.warnings, changed.students)  # its own cohort's
    update = {"settings": _settings_after(changed.settings, gone, unreplaced), "warnings": warnings}
    return changed.model_copy(update=update), recorded


def apply_changes(
    instance: Instance,
    previous_rows: Sequence[SelectionRow],
    previous_assignment: Mapping[str, str] | None,
    changes: WhatIf,
    params: SolveParams,
    recorded: Changes | None = None,
) -> RunOutcome:
    """Re-solve after ``changes`` with the fewest moves, then the usual priorities.

    Parameters
    ----------
    instance
        The cohort before the changes; ``instance.commissions`` holds every proposal of
        the previous selection.csv and ``instance.settings`` the settings in force.
    previous_rows
        The previous selection.csv rows (selected commissions and ranked reserves).
    previous_assignment
        Student id → commission id from the previous teams.csv, or ``None`` before teams.
    changes
        What happened since.
    params
        Time limit, seed and workers for the team solve.
    recorded
        The changes the previous result records (``cohort_of_result``), already applied to
        ``instance``; the new ones accumulate onto them.

    Returns
    -------
    RunOutcome
        The new selection, the new teams (``None`` before teams; check
        ``teams.stage.solved``) and ``changes`` (moves, replacements, per-student diff,
        and the cumulative withdrawals and arrivals). The outcome's settings hold the
        selection count lowered by one per commission not replaced.

    Raises
    ------
    RequestError
        No change given; an id that is not a selected commission or a student; student
        changes before teams exist.
    """
    changes = replace(
        changes,
        withdraw_commissions=tuple(dict.fromkeys(changes.withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(changes.withdraw_students)),
    )
    recorded = Changes(0) if recorded is None else recorded
    earlier = (recorded.withdrawn_students, recorded.withdrawn_commissions)
    _check_changes(instance, previous_rows, previous_assignment, changes, *earlier)
    withdrawn = changes.withdraw_commissions
    members_of = None
    if previous_assignment is not None:
        members_of = _members_of(instance, previous_assignment, changes)
    before = recorded.withdrawn_commissions
    replacement = choose_replacements(
        instance,
        previous_rows,
        withdrawn,
        changes.replace,
        members_of,
        before,
        changes.supervisors_gone,
    )
    rows = selection_rows(
        previous_rows,
        withdrawn,
        replacement.replaced,
        institutions_gone(instance, withdrawn, before),
        barred_reserves(instance, previous_rows, withdrawn, replacement.replaced),
    )
    if withdrawn:  # ranked again against the selection now, as ``select`` ranks them
        rows = reranked_rows(instance, rows, params)
    selection = SelectionResult(StageResult.from_file(), rows)
    # Cumulative changes, with this what-if's replacements (its moves come with the teams).
    cumulative = _accumulate(recorded, changes, replacement.replaced)
    cumulative = replace(cumulative, replaced=dict(replacement.replaced))
    changed = _cohort_after(
        instance, previous_assignment, changes, replacement, recorded, cumulative, selection
    )
    if previous_assignment is None:
        return RunOutcome(changed, changed.settings, selection, None, cumulative)
    return _teams_after(
        instance, changed, selection, previous_assignment, withdrawn, cumulative, params
    )


def _members_of(
    instance: Instance, previous: Mapping[str, str], changes: WhatIf
) -> dict[str, list[Student]]:
    """Withdrawn commission id → the students of its team who stay."""
    leaving = set(changes.withdraw_students)
    return {
        commission_id: [
            s
            for s in instance.students
            if previous.get(s.id) == commission_id and s.id not in leaving
        ]
        for commission_id in changes.withdraw_commissions
    }


def _cohort_after(
    instance: Instance,
    previous: Mapping[str, str] | None,
    changes: WhatIf,
    replacement: Replacement,
    recorded: Changes,
    cumulative: Changes,
    selection: SelectionResult,
) -> Instance:
    """The cohort after ``changes``, with this what-if's warnings and one commission fewer to
    select per withdrawal not replaced."""
    num_asked = instance.settings.selection.count + len(recorded.unreplaced)
    num_selected = len(selection.selected_ids)
    # An arrival's pin to a commission withdrawn by this what-if or an earlier one of the
    # chain is released like everyone's (the others' to earlier ones already are).
    withdrawn = (*recorded.withdrawn_commissions, *changes.withdraw_commissions)
    notes = _notes(
        instance,
        previous,
        changes,
        replacement,
        num_selected,
        num_asked,
        withdrawn,
        selection.selected_ids,
    )
    changed = _changed_instance(instance, changes, withdrawn, notes)
    num_unreplaced = len(cumulative.unreplaced) - len(recorded.unreplaced)
    return changed.model_copy(
        update={"settings": _settings_after(changed.settings, withdrawn, num_unreplaced)}
    )


def _teams_after(
    instance: Instance,
    changed: Instance,
    selection: SelectionResult,
    previous: Mapping[str, str],
    withdrawn: Sequence[str],
    cumulative: Changes,
    params: SolveParams,
) -> RunOutcome:
    """The teams of the ``changed`` cohort, fewest moves first, and who moves where.

    ``cumulative`` holds the changes so far, with this what-if's replacements.
    """
    # A student the previous result (edited by hand) put on a commission it did not select
    # was in no team that still exists: placed like an arrival, never counted as a move.
    students, kept = (s.id for s in changed.students), selection.selected_ids
    previous_after = previous_teams_after(previous, students, withdrawn, cumulative.replaced, kept)
    teams = form_teams(
        changed,
        selection.selected_ids,
        params,
        previous=previous_after,
        extra_priorities_first=(MOVES,),
    )
    if not teams.stage.solved:
        teams = unreplaced_first(teams, changed.warnings[len(instance.warnings) :])
        return RunOutcome(changed, changed.settings, selection, teams, None)
    rows = _change_rows(previous, instance.students, changed.students, teams.assignment)
    moves = moves_against(teams.assignment, previous_after)
    left = {s.id: s.display_name for s in instance.students if s.id not in teams.assignment}
    outcome_changes = replace(cumulative, moves=moves, rows=rows, left_names=left)
    return RunOutcome(changed, changed.settings, selection, teams, outcome_changes)
