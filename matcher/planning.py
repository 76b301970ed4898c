"""Stage 3 in the cohort's terms: the problem in indices, the plan's rows, diagnoses.

Maps the cohort's ids and names (``Instance.supervisors``, read by
``matcher.loading.supervisors``) to the indices of ``models.plan_data.PlanData``, solves
with ``models.plan`` (imported only when solving), and turns the plan into the rows of
``supervision.csv`` and ``schedule.csv`` (``matcher.results.PlanResult``). When no plan
exists, ``explain`` names the conflicting rules in the cohort's terms (``matcher.labels``,
keys ``plan_*``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.labels import Lang, label, lines_in_every_language
from matcher.plan_visits import least_minutes
from matcher.results import PlanResult, ScheduleRow, StageResult, Status
from matcher.rules import supervisor_capacity
from matcher.schemas import Commission, Instance, Settings, Supervisor, clock_of
from matcher.text import NameIndex, category_key, fold_name, slot_key
from models.outcome import SolveParams
from models.plan_data import VISIT_SLOT, Plan, PlanData

if TYPE_CHECKING:
    from models.plan import PlanSolution

__all__ = [
    "PlanContext",
    "build_plan_data",
    "explain",
    "left_shifted",
    "plan_teams",
    "schedule_rows",
    "supervision_rows",
]


def _t(key: str, lang: Lang, **values: object) -> str:
    """A stage-3 sentence of the catalogue (``plan_<key>``)."""
    return label(f"plan_{key}", lang, **values)


def _at_slots(slots: Sequence[str], lang: Lang, word: str = "and") -> str:
    """``on X and Y``; in French the noun agrees: « au créneau X », « aux créneaux X et Y »,
    but one slot of several is singular: « au créneau X ou Y »."""
    key = "at_slots_many" if len(slots) > 1 and word == "and" else "at_slots_one"
    return _t(key, lang, slots=_join(slots, lang, word))


def _join(items: Sequence[str], lang: Lang, word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_t(word, lang)} {items[-1]}"


# --- From the cohort to indices and back ----------------------------------------------------


@dataclass(frozen=True)
class PlanContext:
    """What maps the indices of a PlanData back to the cohort."""

    commissions: tuple[Commission, ...]
    supervisors: tuple[Supervisor, ...]
    slots: tuple[str, ...]
    settings: Settings
    #: The supervisors' file as named on disk (``Instance.supervisors_file``).
    supervisors_file: str = "supervisors.csv"
    #: Supervisors of the file left out of this plan (withdrawn by what-ifs).
    withdrawn: tuple[str, ...] = ()
    #: commissions.csv as named on disk and its slots column as written.
    slots_column: tuple[str, str] = ("commissions.csv", "slots")


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
    kept = {s.id for s in supervisors}
    withdrawn = tuple(s.id for s in instance.supervisors or () if s.id not in kept)
    col = (instance.commissions_file, instance.slots_header)
    return data, PlanContext(
        commissions, tuple(supervisors), slots, settings, instance.supervisors_file, withdrawn, col
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


# --- Diagnoses -------------------------------------------------------------------------------


def _one_place_sentence(
    name: str, data: PlanData, context: PlanContext, slot: int, teams: Sequence[int], lang: Lang
) -> str:
    length = data.visit_minutes if slot == VISIT_SLOT else data.oral_minutes
    begin, end = data.visit_window if slot == VISIT_SLOT else data.oral_window
    total, order = least_minutes(data, teams, length)
    window = f"{clock_of(begin)}–{clock_of(end)}"
    # Not every team: one plan's among others, an example (probe s28a).
    example = "" if len(order) == data.num_teams else "_example"
    chained = length * len(order) + sum(data.gap(a, b) for a, b in itertools.pairwise(order))
    if len(order) > 3 or chained != total:  # no sum of the next gaps says it: « at least »
        kind = _t("visits" if slot == VISIT_SLOT else "orals", lang)
        return _t(
            "one_place_many" + example,
            lang,
            name=name,
            count=len(order),
            events=kind,
            slot=context.slots[slot],
            teams=", ".join(context.commissions[t].id for t in teams),
            sum=total,
            window=window,
            length=end - begin,
        )
    parts = [str(length)]
    for a, b in itertools.pairwise(order):
        parts += [str(data.gap(a, b)), str(length)]
    places = []
    for t in order:
        c = context.commissions[t]
        places.append(
            f"{c.id} {_t('in', lang)} {c.town}" if c.town else f"{c.id} ({c.institution})"
        )
    kind = _t("visits" if slot == VISIT_SLOT else "orals", lang)  # never one (settings)
    return _t(
        "one_place" + example,
        lang,
        name=name,
        events=f"{len(order)} {kind}",
        slot=context.slots[slot],
        places=_join(places, lang),
        sum=" + ".join(parts) + (f" = {total}" if len(order) > 1 else ""),
        window=window,
        length=end - begin,
    )


def explain(
    data: PlanData, context: PlanContext, solution: PlanSolution, lang: Lang = "en"
) -> list[str]:
    """Sentences naming the conflicting rules in the cohort's terms."""
    if not context.supervisors and context.withdrawn:
        ids = _join(list(context.withdrawn), lang)
        return [_t("all_withdrawn", lang, file=context.supervisors_file, ids=ids)]
    if not context.supervisors:
        return [_t("no_supervisors", lang, file=context.supervisors_file)]
    nowhere = [t for t in range(data.num_teams) if not data.oral_allowed[t].any()]
    if nowhere:  # each such team is a conflict on its own: all named, not the solver's first
        return [_oral_none_sentence(context, t, lang) for t in nowhere]
    names = _join([s.display_name for s in context.supervisors], lang)
    tied = [context.commissions[t] for t in range(data.num_teams) if not data.allowed[t].any()]
    if tied:  # as above: a team every supervisor's ties keep away, named with them
        return [
            _t("tied_everyone", lang, team=c.id, institution=c.institution, names=names)
            for c in tied
        ]
    if solution.conflict is None:
        return [_t("unknown", lang)]
    lines, core = _opening(data, context, solution.conflict, lang)
    for name in core:
        sentence = _rule_sentence(name, data, context, solution, lang)
        if sentence is not None:
            lines.append(sentence)
    headers = (_t("conflict", lang), _t("conflict_teams", lang, count=data.num_teams))
    if len(core) == 1 and len(lines) == 2 and lines[0] in headers:
        return lines[1:]  # one rule alone: its sentence says it all
    return lines


def _opening(
    data: PlanData, context: PlanContext, core: Sequence[str], lang: Lang
) -> tuple[list[str], Sequence[str]]:
    """The first sentence of a conflict, and the rules of ``core`` still to name after it.

    One oral that no supervisor can take, or visit mornings too short for the visits, tell
    the story of the rules around them in one sentence; otherwise the rules simply conflict.
    """
    from models.plan import FAMILY_CAPACITY, FAMILY_ORAL_SLOTS, FAMILY_TIES, FAMILY_UNAVAILABLE

    K, S = data.num_teams, data.num_supervisors
    capacities = [n for n in core if n.startswith(FAMILY_CAPACITY)]
    if len(capacities) == len(core) == S and int(data.capacity.sum()) < K:
        # The limits alone leave teams without a supervisor: counted, but for those who
        # can take none (probe s33c: « at most 3 together » where 1 could be taken).
        able = [context.settings.calendar.takes_teams(p.unavailable) for p in context.supervisors]
        most = sum(int(data.capacity[s]) for s in range(S) if able[s])
        return [_t("capacity_total", lang, count=K, most=most)], core
    if (
        K
        and len(core) == S
        and all(n.startswith(FAMILY_UNAVAILABLE) for n in core)
        and bool(data.unavailable[:, VISIT_SLOT].all())
    ):
        # Nobody can come on the visit day, which every team needs.
        return [_t("visit_nobody", lang, slot=context.slots[VISIT_SLOT])], core
    oral = [n for n in core if n.startswith(FAMILY_ORAL_SLOTS)]
    rest = [n for n in core if not n.startswith(FAMILY_ORAL_SLOTS)]
    if len(oral) == 1 and all(
        n.startswith((FAMILY_UNAVAILABLE, FAMILY_TIES, FAMILY_CAPACITY)) for n in rest
    ):
        return [_oral_nobody_sentence(data, context, oral[0], lang)], rest
    from matcher.plan_visits import counted_opening

    counted = counted_opening(
        data,
        core,
        context.slots,
        lambda ss: _join([context.supervisors[s].display_name for s in ss], lang),
        lambda key, **values: _t(key, lang, **values),
    )
    if counted is not None:  # mornings or oral windows too short: how many events fit
        return counted
    if capacities:
        # A limit conflicts with the rule that is always there: one supervisor per team.
        return [_t("conflict_teams", lang, count=K)], core
    return [_t("conflict", lang)], core


def _offered_orals(data: PlanData, context: PlanContext, team: int) -> list[str]:
    """The oral slots allowed to a team, as the cohort names them."""
    return [context.slots[1 + o] for o in range(data.num_orals) if data.oral_allowed[team, o]]


def _oral_none_sentence(context: PlanContext, team: int, lang: Lang) -> str:
    """A team whose commission offers none of the oral slots in its ``slots`` cell."""
    c, (file, column) = context.commissions[team], context.slots_column
    slots = _join(list(context.slots[1:]), lang, "or")
    values = {"team": c.id, "institution": c.institution, "file": file, "column": column}
    return _t("oral_none", lang, slots=slots, **values)


def _oral_nobody_sentence(data: PlanData, context: PlanContext, name: str, lang: Lang) -> str:
    """No supervisor can take the oral of the team the rule ``name`` names, in any of its slots."""
    from models.plan import family_index

    (t,) = family_index(name)
    c = context.commissions[t]
    offered = _offered_orals(data, context, t)  # never empty: ``explain`` names those first
    return _t(
        "oral_nobody",
        lang,
        at_slots=_at_slots(offered, lang, "or"),
        team=c.id,
        institution=c.institution,
    )


def _capacity_sentence(data: PlanData, context: PlanContext, s: int, lang: Lang) -> str:
    """A supervisor's limit; one their row leaves empty says where it comes from."""
    count = int(data.capacity[s])
    person = context.supervisors[s]
    takes = context.settings.calendar.takes_teams
    if not takes(person.unavailable):  # no visit or no oral: no limit helps (probe s33c)
        return _t("capacity_none", lang, name=person.display_name)
    values = {"name": person.display_name, "count": count, "s": "s" if count > 1 else ""}
    if person.max_teams is not None:
        return _t("capacity", lang, **values)
    file = context.supervisors_file
    if context.settings.supervision.max_teams:
        return _t("capacity_setting", lang, file=file, **values)
    shared = {"file": file, "teams": data.num_teams, "supervisors": data.num_supervisors}
    unable = [p.display_name for p in context.supervisors if not takes(p.unavailable)]
    if not unable:
        return _t("capacity_shared", lang, **shared, **values)
    # Those who can take no team count in the share (contract §11): said, with the way out.
    who = _t("take_none_" + ("one" if len(unable) == 1 else "many"), lang)
    return _t(
        "capacity_shared_unable", lang, unable=_join(unable, lang), who=who, **shared, **values
    )


def _rule_sentence(
    name: str, data: PlanData, context: PlanContext, solution: PlanSolution, lang: Lang
) -> str | None:
    """The sentence of one conflicting rule (its family is the prefix of ``name``)."""
    from models.plan import (
        FAMILY_CAPACITY,
        FAMILY_ONE_PLACE,
        FAMILY_ORAL_SLOTS,
        FAMILY_TIES,
        FAMILY_UNAVAILABLE,
        family_index,
    )

    sup = context.supervisors
    idx = family_index(name)
    if name.startswith(FAMILY_CAPACITY):
        return _capacity_sentence(data, context, idx[0], lang)
    if name.startswith(FAMILY_TIES):
        s = idx[0]
        tied = sorted(
            {
                context.commissions[t].institution
                for t in range(data.num_teams)
                if not data.allowed[t, s]
            }
        )
        return _t("ties", lang, name=sup[s].display_name, institutions=_join(tied, lang))
    if name.startswith(FAMILY_UNAVAILABLE):
        s = idx[0]
        off = [context.slots[k] for k in range(len(context.slots)) if data.unavailable[s, k]]
        return _t("unavailable", lang, name=sup[s].display_name, at_slots=_at_slots(off, lang))
    if name.startswith(FAMILY_ORAL_SLOTS):
        c = context.commissions[idx[0]]
        offered = _offered_orals(data, context, idx[0])  # never empty (``explain``)
        return _t(
            "oral_slots",
            lang,
            team=c.id,
            institution=c.institution,
            at_slots=_at_slots(offered, lang, "or"),
        )
    if name.startswith(FAMILY_ONE_PLACE):
        s, slot = idx
        teams = solution.witness.get(name)
        if teams:
            return _one_place_sentence(sup[s].display_name, data, context, slot, teams, lang)
        return _t(
            "one_place_plain",
            lang,
            slot=context.slots[slot],
            travel=data.travel_minutes,
            same_town=data.same_town_minutes,
        )
    return None


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
