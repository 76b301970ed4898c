"""Stage 3 in the cohort's terms: the problem in indices, the plan's rows.

Maps the cohort's ids and names (``Instance.supervisors``, read by
``matcher.loading.supervisors``) to the indices of ``models.plan_data.PlanData``, solves
with ``models.plan`` (imported only when solving), and turns the plan into the rows of
``supervision.csv`` and ``schedule.csv`` (``matcher.results.PlanResult``). When no plan
exists, ``matcher.plan_diagnosis.explain`` names the conflicting rules in the cohort's terms.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matcher.labels import Lang, lines_in_every_language
from matcher.plan_diagnosis import PlanContext, explain
from matcher.results import PlanResult, ScheduleRow, StageResult, Status, supervisor_names
from matcher.rules import supervisor_capacity
from matcher.schemas import Commission, Instance, Settings, Supervisor, clock_of
from matcher.text import NameIndex, category_key, fold_name, slot_key
from models.outcome import SolveParams
from models.plan_data import VISIT_SLOT, Plan, PlanData

__all__ = [
    "PlanContext",
    "build_plan_data",
    "explain",
    "left_shifted",
    "plan_teams",
    "schedule_rows",
    "supervision_rows",
]


# --- From the cohort to indices and back ----------------------------------------------------


def build_plan_data(
    instance: Instance,
    team_ids: Sequence[str],
    supervisors: Sequence[Supervisor],
    settings: Settings | None = None,
    previous: PlanResult | None = None,
) -> tuple[PlanData, PlanContext]:
    """The index-based problem of planning the teams of ``team_ids`` (commission ids).

    Institutions and towns are compared folded (``fold_name``), sectors as categories
    (``category_key``: punctuation too, as the selection reads them); a tie names an
    institution when one name contains the other as whole words (``names_contain``); slot
    labels compare by ``slot_key`` (dates as dates). A commission without a town gets a
    town of its own (one per institution). With ``previous`` (a what-if), the priorities
    ``supervisor_changes`` then ``event_moves`` come before the configured ones.
    """
    settings = settings or instance.settings
    calendar = settings.calendar
    by_id = {c.id: c for c in instance.commissions}
    commissions = tuple(by_id[cid] for cid in team_ids)
    K, S = len(commissions), len(supervisors)
    slots = (calendar.visit_slot, *calendar.oral_slots)
    folded_slots = [slot_key(s) for s in slots]
    institutions: dict[str, int] = {}
    towns: dict[str, int] = {}
    inst_idx, town_idx = [], []
    for c in commissions:
        inst_idx.append(institutions.setdefault(fold_name(c.institution), len(institutions)))
        town = fold_name(c.town) if c.town else ""
        # An unknown town is one per institution: two teams of one institution are in one
        # place (its gap is 0 anyway), so the gaps still nest (``plan_grouped.groupable``)
        # and the model of sets can decide (probe s32h).
        town_idx.append(towns.setdefault(town, len(towns)) if town else -1 - inst_idx[-1])
    allowed = np.ones((K, S), dtype=bool)
    expertise = np.zeros((K, S), dtype=bool)
    unavailable = np.zeros((S, len(slots)), dtype=bool)
    # Per sector and per institution, not per (team, supervisor): 1,000 x 1,000 pairs
    # compared one by one took 2 CPU s (10,000 students, session 8).
    sector_idx: dict[str, int] = {}
    team_sector = np.array(
        [sector_idx.setdefault(category_key(c.sector), len(sector_idx)) for c in commissions],
        dtype=np.int64,
    )
    teams_of_institution: dict[str, list[int]] = {}
    for t, c in enumerate(commissions):
        teams_of_institution.setdefault(c.institution, []).append(t)
    institution_names = NameIndex(teams_of_institution)
    for s, sup in enumerate(supervisors):
        known = np.zeros(len(sector_idx) + 1, dtype=bool)
        known[[sector_idx.get(category_key(x), len(sector_idx)) for x in sup.sectors]] = True
        expertise[:, s] = known[team_sector]
        # A tie names the institution when the names contain one another as whole words
        # (contract §7): the safe side, as for students' employers.
        for tie in sup.ties:
            for name in institution_names.fitting(tie):
                allowed[teams_of_institution[name], s] = False
        off = calendar.slots_off(sup.unavailable)
        unavailable[s] = [slot in off for slot in folded_slots]
    oral_allowed = np.ones((K, len(calendar.oral_slots)), dtype=bool)
    for t, c in enumerate(commissions):
        if c.slots is not None:
            offered = calendar.slots_named(c.slots)
            oral_allowed[t] = [slot_key(o) in offered for o in calendar.oral_slots]
    # Unknown towns: indices after every known one, one per institution.
    town_arr = np.array([i if i >= 0 else len(towns) - 1 - i for i in town_idx], dtype=np.int64)
    data = PlanData(
        capacity=np.array(supervisor_capacity(supervisors, K, settings), dtype=np.int64),
        allowed=allowed,
        unavailable=unavailable,
        oral_allowed=oral_allowed,
        institution=np.array(inst_idx, dtype=np.int64),
        town=town_arr,
        visit_window=calendar.visit_range,
        oral_window=calendar.oral_range,
        visit_minutes=calendar.visit_minutes,
        oral_minutes=calendar.oral_minutes,
        travel_minutes=calendar.travel_minutes,
        same_town_minutes=calendar.same_town_minutes,
        expertise=expertise,
        priorities=(("supervisor_changes", "event_moves") if previous is not None else ())
        + tuple(settings.supervision.priorities),
        team_labels=tuple(c.id for c in commissions),
        supervisor_labels=tuple(s.id for s in supervisors),
        slot_labels=slots,
        previous=(
            None if previous is None else _previous_plan(previous, commissions, supervisors, slots)
        ),
    )
    return data, _context(instance, commissions, supervisors, slots, settings)


def _context(
    instance: Instance,
    commissions: tuple[Commission, ...],
    supervisors: Sequence[Supervisor],
    slots: tuple[str, ...],
    settings: Settings,
) -> PlanContext:
    """What the diagnosis needs of the cohort: the supervisors withdrawn, the files and the
    slots column as named, each supervisor's name (homonyms with their ids, probe s39c)."""
    kept = {s.id for s in supervisors}
    withdrawn = tuple(s.id for s in instance.supervisors or () if s.id not in kept)
    col = (instance.commissions_file, instance.slots_header)
    names = supervisor_names(instance.supervisors or supervisors)
    file = instance.supervisors_file
    return PlanContext(
        commissions, tuple(supervisors), slots, settings, file, withdrawn, col, names
    )


def _previous_plan(
    previous: PlanResult,
    commissions: Sequence[Commission],
    supervisors: Sequence[Supervisor],
    slots: Sequence[str],
) -> Plan:
    """``previous`` in the indices of this problem (``PlanData.previous``)."""
    from matcher.schemas import minutes_of

    sup_index = {s.id: i for i, s in enumerate(supervisors)}
    had = {cid: sid for cid, sid, _ in previous.supervision}
    # A slot as the earlier plan writes it, perhaps edited: 15/04/2027 is 15/4/2027.
    slot_index = {slot_key(label): i for i, label in enumerate(slots)}
    events = {(row.event, row.commission_id): row for row in previous.schedule}
    supervisor, visit, oral_slot, oral = [], [], [], []
    for c in commissions:
        sid = had.get(c.id)
        supervisor.append(-1 if sid is None else sup_index.get(sid, len(supervisors)))
        row = events.get(("visit", c.id))
        visit.append(minutes_of(row.start) if row is not None and row.start else -1)
        row = events.get(("oral", c.id))
        where = slot_index.get(slot_key(row.slot), 0) - 1 if row is not None else -1
        oral_slot.append(where)
        oral.append(minutes_of(row.start) if row is not None and row.start and where >= 0 else -1)
    return Plan(tuple(supervisor), tuple(visit), tuple(oral_slot), tuple(oral))


def supervision_rows(
    data: PlanData, context: PlanContext, plan: Plan
) -> list[tuple[str, str, bool]]:
    """Rows of supervision.csv."""
    expert = data.expert
    return [
        (c.id, context.supervisors[plan.supervisor[t]].id, bool(expert[t, plan.supervisor[t]]))
        for t, c in enumerate(context.commissions)
    ]


def schedule_rows(data: PlanData, context: PlanContext, plan: Plan) -> list[ScheduleRow]:
    """Rows of schedule.csv: every visit, then every oral, each by slot and start time."""
    # Slots are named in [calendar] dates as people write them: 1/10/2026 is 01/10/2026.
    dates = context.settings.calendar.dates_by_day
    rows = []
    for t, c in enumerate(context.commissions):
        supervisor = context.supervisors[plan.supervisor[t]].id
        for event, slot, start, length in (
            ("visit", VISIT_SLOT, plan.visit_start[t], data.visit_minutes),
            ("oral", 1 + plan.oral_slot[t], plan.oral_start[t], data.oral_minutes),
        ):
            label = context.slots[slot]
            rows.append(
                (
                    slot,
                    start,
                    t,
                    ScheduleRow(
                        event,
                        c.id,
                        c.institution,
                        c.town or "",
                        supervisor,
                        label,
                        dates.get(slot_key(label), ""),
                        clock_of(start),
                        clock_of(start + length),
                    ),
                )
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [row for *_, row in rows]


# --- Solving ---------------------------------------------------------------------------------


def _tuned(params: SolveParams) -> SolveParams:
    """CP-SAT's presolve costs more than the whole search on these small models."""
    from dataclasses import replace

    return replace(
        params, cp_sat_parameters={"cp_model_presolve": False, **params.cp_sat_parameters}
    )


def plan_teams(
    instance: Instance,
    team_ids: Sequence[str],
    supervisors: Sequence[Supervisor],
    params: SolveParams,
    lang: Lang = "en",
    previous: PlanResult | None = None,
) -> PlanResult:
    """Stage 3: a supervisor per team and the time of every visit and oral (contract §11).

    With ``previous`` (a what-if), the fewest teams change supervisor, then the fewest
    events move, before the configured priorities.
    """
    from models.plan import solve_plan

    data, context = build_plan_data(instance, team_ids, supervisors, previous=previous)
    solution = solve_plan(data, _tuned(params))
    if solution.plan is None:
        diagnosis = (
            ()
            if solution.status == Status.UNKNOWN
            else lines_in_every_language(lambda each: explain(data, context, solution, each), lang)
        )
        stage = StageResult(
            solution.status,
            solution.time_s,
            diagnosis=diagnosis,
            work=solution.work,
            stopped_by=solution.stopped_by,
        )
        return PlanResult(stage, supervisors=tuple(supervisors))
    stage = StageResult(
        solution.status,
        solution.time_s,
        tuple(solution.objectives),
        work=solution.work,
        stopped_by=solution.stopped_by,
    )
    final = left_shifted(data, solution.plan)  # as early as allowed (what-if: the moved)
    rows = supervision_rows(data, context, final), schedule_rows(data, context, final)
    return PlanResult(stage, tuple(rows[0]), tuple(rows[1]), tuple(supervisors))


def left_shifted(data: PlanData, plan: Plan) -> Plan:
    """``plan`` with each supervisor's events of each slot moved as early as they can go.

    Each supervisor's events on a slot keep their order, each at the window's start or when
    the one before ends plus the travel between them. The priorities depend on who
    supervises whom, on which slot, in which order: unchanged; a lone 11:15 visit becomes a
    9:00 one. Gaps obey the triangle inequality (one institution 0 ≤ one town ≤ elsewhere),
    so consecutive gaps bind; ``plan`` is returned if the result broke a rule. In a what-if
    an event at its previous slot and start stays (``event_moves``; probe s29b: one moved
    stayed at 10:00 on an empty day).
    """
    from models.plan_data import plan_violations

    before = data.previous

    def stays(t: int, slot: int) -> bool:
        if before is None:
            return False
        if slot == VISIT_SLOT:
            return before.visit_start[t] == plan.visit_start[t]
        return (before.oral_slot[t], before.oral_start[t]) == (slot - 1, plan.oral_start[t])

    visit = list(plan.visit_start)
    oral = list(plan.oral_start)
    groups: dict[tuple[int, int], list[int]] = {}
    for t in range(data.num_teams):
        groups.setdefault((plan.supervisor[t], VISIT_SLOT), []).append(t)
        groups.setdefault((plan.supervisor[t], 1 + plan.oral_slot[t]), []).append(t)
    for (_, slot), teams in groups.items():
        starts = visit if slot == VISIT_SLOT else oral
        length = data.visit_minutes if slot == VISIT_SLOT else data.oral_minutes
        begin = data.visit_window[0] if slot == VISIT_SLOT else data.oral_window[0]
        previous = None
        for t in sorted(teams, key=lambda t: (starts[t], t)):
            earliest = (
                begin if previous is None else starts[previous] + length + data.gap(previous, t)
            )
            if not stays(t, slot):
                starts[t] = min(starts[t], max(begin, earliest))
            previous = t
    shifted = Plan(plan.supervisor, tuple(visit), plan.oral_slot, tuple(oral))
    return shifted if not plan_violations(data, shifted) else plan
