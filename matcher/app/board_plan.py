"""Stage 3 for a result held in memory (the workbench): plan, re-plan, a supervisor leaving."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from matcher.app.common import SolveFailed, solve_params
from matcher.errors import UsageError
from matcher.labels import Lang, text
from matcher.results import Changes, PlanResult, RunOutcome, ScheduleRow
from models.outcome import ProgressCallback


def plan_board(
    outcome: RunOutcome,
    *,
    previous: PlanResult | None = None,
    withdraw_supervisors: Iterable[str] = (),
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> RunOutcome:
    """``outcome`` with stage 3 solved for its teams (``plan``, in memory): a supervisor
    per team and the calendar of visits and orals.

    The plan depends on which teams there are (their institutions, towns, sectors and
    slots) and on the supervisors, never on who is in a team: moving students keeps it
    valid. With ``previous`` (a what-if), the fewest teams change supervisor, then the
    fewest events move, before the settings' priorities (as ``whatif`` does).
    ``withdraw_supervisors`` leave, with those ``previous`` records as withdrawn.

    Raises
    ------
    UsageError
        The cohort has no supervisors.csv; an id that names no supervisor.
    SolveFailed
        When no plan keeps the rules (its diagnosis names them in the cohort's terms,
        worded in ``lang``) or none was found in time.
    """
    from matcher.app.solve import _stage3
    from matcher.labels import label

    instance = outcome.instance
    if instance.supervisors is None:
        raise UsageError(label("plan_no_file", lang, instance=instance.name))
    known = {s.id for s in instance.supervisors}
    asked = list(dict.fromkeys(withdraw_supervisors))
    for ident in asked:
        if ident not in known:
            raise UsageError(
                label("plan_unknown_supervisor", lang, id=ident, file=instance.supervisors_file)
            )
    earlier = list(previous.withdrawn) if previous is not None else []
    if previous is not None and outcome.changes is not None and outcome.changes.replaced:
        previous = taken_over(previous, outcome.changes.replaced)
    leaving = list(dict.fromkeys([*earlier, *asked]))
    if outcome.teams is not None:
        team_ids = outcome.teams.commission_ids
    elif outcome.selection is not None:
        team_ids = outcome.selection.selected_ids
    else:
        raise UsageError(text("app_board_no_teams_to_plan"))
    staying = [s for s in instance.supervisors if s.id not in leaving]
    try:
        result = _stage3(
            instance,
            team_ids,
            solve_params(instance.settings, progress),
            lang,
            supervisors=staying,
            previous=previous,
        )
    except SolveFailed as failure:
        raise leaving_first(failure, leaving) from None
    assert result is not None
    return replace(outcome, plan=recorded_against(result, previous, leaving, asked))


def recorded_against(
    result: PlanResult,
    previous: PlanResult | None,
    leaving: Sequence[str],
    now: Sequence[str] = (),
) -> PlanResult:
    """``result`` (a what-if's plan) recording the supervisors ``leaving`` (``now``: those
    this what-if withdraws) and the teams whose supervisor changed since ``previous``
    (summary.json's supervisor_changes, the report), for ``whatif`` and the workbench."""
    before = {} if previous is None else {c: s for c, s, _ in previous.supervision}
    reassigned = tuple(
        (c, before[c], s) for c, s, _ in result.supervision if c in before and before[c] != s
    )
    moved = () if previous is None else moved_events(previous, result)
    return replace(
        result,
        withdrawn=tuple(leaving),
        withdrawn_now=tuple(now),
        reassigned=reassigned,
        moved=moved,
    )


def moved_events(
    previous: PlanResult, result: PlanResult
) -> tuple[tuple[ScheduleRow, ScheduleRow], ...]:
    """(row of ``previous``, row of ``result``) for each event planned in both whose slot or
    start differs, in ``result``'s order: the ``event_moves`` priority's events (a day and a
    time compared as such: 15/04/2027 is 15/4/2027, 9:00 is 09:00)."""
    from matcher.schemas import minutes_of
    from matcher.text import slot_key

    def when(row: ScheduleRow) -> tuple[str, int | str]:
        try:
            return slot_key(row.slot), minutes_of(row.start)
        except ValueError:
            return slot_key(row.slot), row.start

    before = {(r.event, r.commission_id): r for r in previous.schedule}
    pairs = ((before.get((r.event, r.commission_id)), r) for r in result.schedule)
    return tuple((old, now) for old, now in pairs if old is not None and when(old) != when(now))


def plan_matches(outcome: RunOutcome) -> bool:
    """Whether ``outcome.plan`` plans exactly the teams of ``outcome`` (in their order)."""
    plan, teams = outcome.plan, outcome.teams
    if plan is None or teams is None:
        return False
    return tuple(cid for cid, _, _ in plan.supervision) == tuple(teams.commission_ids)


def keep_teams(outcome: RunOutcome, assignment: Mapping[str, str]) -> RunOutcome:
    """A what-if that changes no team (only supervisors withdraw): the board kept as it is
    (``given_teams``), no student moving, the earlier changes still recorded. Not explained:
    the explanations before were of the result before (their moves counted from the teams
    before it), a what-if's are counted from its own start, as ``matcher whatif``'s; its
    teams a result of their own (the explanations computed for the result before are not
    given to this one)."""
    from matcher.app.board import given_teams

    recorded = outcome.changes or Changes(0)
    kept = given_teams(outcome, assignment)
    teams = None if kept.teams is None else replace(kept.teams)
    return replace(
        kept,
        teams=teams,
        explanations=None,
        changes=replace(recorded, moves=0, replaced={}, rows=(), unreplaced_now=()),
    )


def taken_over(previous: PlanResult, replaced: Mapping[str, str]) -> PlanResult:
    """The earlier plan with each withdrawn commission's team under the id of the reserve
    that takes it over (``replaced``): the team still exists (§6), so it keeps its supervisor
    and its times unless the rules force a change, and a change counts."""
    supervision = tuple((replaced.get(c, c), s, e) for c, s, e in previous.supervision)
    schedule = tuple(
        replace(row, commission_id=replaced.get(row.commission_id, row.commission_id))
        for row in previous.schedule
    )
    return replace(previous, supervision=supervision, schedule=schedule)


def leaving_first(
    failure: SolveFailed, leaving: Sequence[str], replaced: Mapping[str, str] | None = None
) -> SolveFailed:
    """``failure`` of stage 3, with the supervisors ``leaving`` first in its diagnosis when
    no plan keeps the rules: the rules conflict for want of them; and the reserves that
    took over a withdrawn commission's team (``replaced``): without them a plan may exist."""
    if not (failure.infeasible and (leaving or replaced)):
        return failure
    first = [text("plan_withdrawn", ids=", ".join(leaving))] if leaving else []
    first += [text("plan_replaced", new=new, old=old) for old, new in (replaced or {}).items()]
    stage = replace(failure.result, diagnosis=(*first, *failure.result.diagnosis))
    return SolveFailed(failure.stage, stage)
