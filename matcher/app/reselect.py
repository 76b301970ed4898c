"""``run``: when the best selection's teams cannot be formed, the next best whose can.

Stage 1 picks the commissions on its own priorities (§5); a selection whose teams no
assignment can form (an employee of each of two selected institutions and a
``no_isolation`` rule, two employees of one institution kept apart when both of its
proposals are selected…) would end ``run`` with exit 3 while another selection has teams
that keep every rule (probe s28d: five of 120 small cohorts, each formed by ``assign`` on
another selection). So the selection is made again without it, up to ``MAX_SELECTIONS``
selections in all, within the time the run has left; the outputs say which selections were
passed over and why. Proven infeasible only: a team stage out of time proves nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from matcher.labels import Text, listing, text
from matcher.results import SelectionResult, Status, TeamResult
from matcher.schemas import Instance
from models.outcome import SolveParams

__all__ = ["MAX_SELECTIONS", "next_selections"]

#: The most selections ``run`` tries, the best first.
MAX_SELECTIONS = 5


def next_selections(
    instance: Instance,
    selection: SelectionResult,
    teams: TeamResult,
    budget: Callable[[float], SolveParams],
) -> tuple[SelectionResult, TeamResult, Text | None]:
    """The first selection, best first, whose teams can be formed, with its teams and the
    sentence naming the selections passed over; ``selection`` and ``teams`` as they are
    (and no sentence) when their teams were not proven impossible or no other is found.
    When the time ran out before another selection was proven to have no teams either,
    ``teams`` is no proof (probe s35e: exit 3, « no team assignment keeps the rules », at
    ``--time-limit 1`` of a cohort whose next selection has teams): it ends out of time,
    its sentence saying so. ``budget(spent)``: the parameters of a solve once ``spent``
    work units are used."""
    from matcher.selection import select_commissions
    from matcher.teams import form_teams
    from models.interrupt import stop_requested

    tried = [selection.selected_ids]
    spent = selection.stage.work + teams.stage.work
    latest = teams
    while len(tried) < MAX_SELECTIONS and latest.stage.status == Status.INFEASIBLE:
        params = budget(spent)
        if params.time_limit <= 0.05 or params.work() <= 0.05 or stop_requested():
            return selection, _out_of_time(tried, teams), None
        again = select_commissions(instance, params, forbidden=tried)
        spent += again.stage.work
        if again.stage.status == Status.INFEASIBLE:  # no other selection: proven
            break
        if not again.stage.solved:
            return selection, _out_of_time(tried, teams), None
        latest = form_teams(instance, again.selected_ids, budget(spent))
        spent += latest.stage.work
        if latest.stage.solved:
            return again, latest, _passed_over(tried, teams)
        if latest.stage.status != Status.INFEASIBLE:
            return selection, _out_of_time(tried, teams), None
        tried.append(again.selected_ids)
    return selection, teams, None


def _out_of_time(tried: list[tuple[str, ...]], first: TeamResult) -> TeamResult:
    """``first`` (teams proven impossible for the best selection) as no proof that the
    rules admit none: the time ran out before the next selections were tried."""
    from dataclasses import replace

    why = listing(_conflicts(first), joiner="req_semicolon")
    said = text("run_reselect_out_of_time", selections=", ".join(tried[0]), why=why)
    return replace(first, stage=replace(first.stage, status=Status.UNKNOWN, diagnosis=(said,)))


def _conflicts(first: TeamResult) -> list[str | Text]:
    """The rules the first selection's teams cannot keep (its diagnosis)."""
    return [
        d for d in first.stage.diagnosis if not (isinstance(d, Text) and d.key == "td_cannot_hold")
    ]


def _passed_over(tried: list[tuple[str, ...]], first: TeamResult) -> Text:
    """The sentence of the selections passed over, the first one's conflict as its reason."""
    selections = listing([", ".join(ids) for ids in tried], joiner="req_semicolon")
    why = listing(_conflicts(first), joiner="req_semicolon")
    key = "run_selection_passed_over" if len(tried) == 1 else "run_selections_passed_over"
    return text(key, selections=selections, count=len(tried), why=why)
