"""Stage 3 in indices, without OR-Tools: the problem, a plan, and its evaluation.

Teams ``t`` (one per selected commission), supervisors ``s``, slots: index 0 is the visit
slot, ``1 + o`` is the ``o``-th oral slot. Times are integer minutes since midnight.
``matcher.planning`` maps ids and names to indices and back; ``models.plan`` solves.
Independent verification (``plan_violations``, ``plan_vector``) lives here so that it
never touches the engine.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from models.budget import StoppedBy
from models.outcome import ObjectiveResult, Status

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Every stage-3 priority and its sense, in the default order (contract §11).
PRIORITIES: dict[str, Literal["min", "max"]] = {
    "expertise": "max",
    "load": "min",
    "travel": "min",
    # A what-if (--withdraw-supervisor) puts these two first, against the previous plan.
    "supervisor_changes": "min",
    "event_moves": "min",
}

#: The order settings.toml uses when it names none (a what-if puts its two first).
DEFAULT_PRIORITIES = ("expertise", "load", "travel")

VISIT_SLOT = 0


@dataclass(frozen=True)
class PlanData:
    """Index-based stage-3 problem.

    Parameters
    ----------
    capacity
        Per supervisor: most teams.
    allowed
        ``[t, s]``: supervisor ``s`` may guide team ``t`` (no tie with its institution).
    unavailable
        ``[s, slot]``: supervisor ``s`` cannot attend ``slot`` (0 visit, 1 + o oral ``o``).
    oral_allowed
        ``[t, o]``: the institution of team ``t`` can host its oral in oral slot ``o``.
    institution, town
        Per team: index of its (folded) institution and of its town (an unknown town is an
        index of its own, shared with no other team).
    visit_window, oral_window
        ``(start, end)`` in minutes since midnight.
    visit_minutes, oral_minutes
        Length of a visit and of an oral.
    travel_minutes, same_town_minutes
        Gap between events at two institutions in different (or unknown) towns / one town.
    expertise
        ``[t, s]``: the sector of team ``t`` is among the sectors of supervisor ``s``.
    priorities
        Names of the priorities to optimise, most important first (keys of ``PRIORITIES``).
    team_labels, supervisor_labels, slot_labels
        Readable names for variables and diagnoses.
    previous
        A what-if's previous plan (``supervisor_changes``, ``event_moves``): per team its
        previous supervisor (``-1``: a new team, none; ``num_supervisors``: one who left),
        visit start, oral slot and oral start (``-1``: none).
    """

    capacity: IntArray
    allowed: BoolArray
    unavailable: BoolArray
    oral_allowed: BoolArray
    institution: IntArray
    town: IntArray
    visit_window: tuple[int, int] = (540, 780)
    oral_window: tuple[int, int] = (540, 1020)
    visit_minutes: int = 90
    oral_minutes: int = 60
    travel_minutes: int = 45
    same_town_minutes: int = 15
    expertise: BoolArray | None = None
    priorities: tuple[str, ...] = DEFAULT_PRIORITIES
    team_labels: tuple[str, ...] = ()
    supervisor_labels: tuple[str, ...] = ()
    slot_labels: tuple[str, ...] = ()
    previous: Plan | None = None

    @property
    def num_teams(self) -> int:
        """Number of teams (K)."""
        return int(self.allowed.shape[0])

    @property
    def num_supervisors(self) -> int:
        """Number of supervisors (S)."""
        return int(self.allowed.shape[1])

    @property
    def num_orals(self) -> int:
        """Number of oral slots."""
        return int(self.oral_allowed.shape[1])

    @property
    def expert(self) -> BoolArray:
        """``expertise``, all false when not given."""
        if self.expertise is None:
            return np.zeros(self.allowed.shape, dtype=bool)
        return self.expertise

    def team_label(self, t: int) -> str:
        """Readable name of a team."""
        return self.team_labels[t] if self.team_labels else f"team{t}"

    def supervisor_label(self, s: int) -> str:
        """Readable name of a supervisor."""
        return self.supervisor_labels[s] if self.supervisor_labels else f"supervisor{s}"

    def slot_label(self, slot: int) -> str:
        """Readable name of a slot (0 visit, 1 + o oral ``o``)."""
        if self.slot_labels:
            return self.slot_labels[slot]
        return "visit" if slot == VISIT_SLOT else f"oral{slot - 1}"

    def gap(self, t: int, u: int) -> int:
        """Minutes a supervisor needs between an event of team ``t`` and one of team ``u``."""
        if self.institution[t] == self.institution[u]:
            return 0
        if self.town[t] == self.town[u]:
            return self.same_town_minutes
        return self.travel_minutes

    def gaps(self) -> IntArray:
        """``gap`` for every pair of teams, as a matrix."""
        same_inst = self.institution[:, None] == self.institution[None, :]
        same_town = self.town[:, None] == self.town[None, :]
        return np.where(
            same_inst, 0, np.where(same_town, self.same_town_minutes, self.travel_minutes)
        ).astype(np.int64)


@dataclass(frozen=True)
class Plan:
    """A plan in indices: per team its supervisor, visit start, oral slot and oral start."""

    supervisor: tuple[int, ...]
    visit_start: tuple[int, ...]
    oral_slot: tuple[int, ...]
    oral_start: tuple[int, ...]


@dataclass
class PlanSolution:
    """Outcome of stage 3 in indices."""

    status: Status
    time_s: float
    #: Every configured priority, in order, with its value and bound (empty when unsolved).
    objectives: list[ObjectiveResult] = field(default_factory=list)
    plan: Plan | None = None
    #: INFEASIBLE: a minimal set of rule families that cannot all hold (``None``: not found).
    conflict: list[str] | None = None
    #: For each ``one_place`` family of the conflict: the teams that supervisor would have on
    #: that slot in a plan keeping every other family of the conflict: they cannot all fit.
    witness: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Work units spent (``models.budget``).
    work: float = 0.0
    #: What ended an unproven plan's search (``models.budget.StoppedBy``); None otherwise.
    stopped_by: StoppedBy | None = None

    @property
    def solved(self) -> bool:
        """Whether a plan is available."""
        return self.plan is not None


def _events(data: PlanData, plan: Plan) -> dict[tuple[int, int], list[tuple[int, int, int]]]:
    """(supervisor, slot) → sorted (start, end, team) of every event they attend."""
    events: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for t in range(data.num_teams):
        s = plan.supervisor[t]
        visit = plan.visit_start[t]
        events.setdefault((s, VISIT_SLOT), []).append((visit, visit + data.visit_minutes, t))
        oral = plan.oral_start[t]
        slot = 1 + plan.oral_slot[t]
        events.setdefault((s, slot), []).append((oral, oral + data.oral_minutes, t))
    for day in events.values():
        day.sort()
    return events


def plan_violations(data: PlanData, plan: Plan) -> list[str]:
    """Every rule of contract §11 the plan breaks, one short sentence each (empty: none)."""
    found: list[str] = []
    load = np.bincount(np.asarray(plan.supervisor, dtype=np.int64), minlength=data.num_supervisors)
    for s in range(data.num_supervisors):
        if load[s] > data.capacity[s]:
            found.append(
                f"{data.supervisor_label(s)} has {load[s]} teams, at most {data.capacity[s]}"
            )
    v0, v1 = data.visit_window
    o0, o1 = data.oral_window
    for t in range(data.num_teams):
        s = plan.supervisor[t]
        name = data.team_label(t)
        if not data.allowed[t, s]:
            found.append(f"{name}: {data.supervisor_label(s)} is tied to its institution")
        if not v0 <= plan.visit_start[t] <= v1 - data.visit_minutes:
            found.append(f"{name}: visit outside the visit window")
        if (
            not 0 <= plan.oral_slot[t] < data.num_orals
            or not data.oral_allowed[t, plan.oral_slot[t]]
        ):
            found.append(f"{name}: oral in a slot its institution cannot host")
        if not o0 <= plan.oral_start[t] <= o1 - data.oral_minutes:
            found.append(f"{name}: oral outside the oral window")
        for slot in (VISIT_SLOT, 1 + plan.oral_slot[t]):
            if data.unavailable[s, slot]:
                found.append(
                    f"{name}: {data.supervisor_label(s)} is unavailable on {data.slot_label(slot)}"
                )
    for (s, slot), day in _events(data, plan).items():
        for i, (_start_a, end_a, a) in enumerate(day):
            for start_b, _end_b, b in day[i + 1 :]:
                if start_b < end_a + data.gap(a, b):
                    found.append(
                        f"{data.supervisor_label(s)} on {data.slot_label(slot)}: "
                        f"{data.team_label(a)} and {data.team_label(b)} leave "
                        f"{start_b - end_a} minutes, {data.gap(a, b)} needed"
                    )
    return found


def plan_vector(data: PlanData, plan: Plan) -> tuple[int, ...]:
    """Value of every configured priority for a plan, in the configured order."""
    load = np.bincount(np.asarray(plan.supervisor, dtype=np.int64), minlength=data.num_supervisors)
    expert = data.expert
    travel = 0
    for day in _events(data, plan).values():
        for (_s, _e, a), (_s2, _e2, b) in itertools.pairwise(day):
            travel += data.gap(a, b)
    values = {
        "expertise": int(sum(expert[t, plan.supervisor[t]] for t in range(data.num_teams))),
        "load": int(load.max()) if data.num_teams else 0,
        "travel": travel,
        **changes_from_previous(data, plan),
    }
    return tuple(values[name] for name in data.priorities)


def changes_from_previous(data: PlanData, plan: Plan) -> dict[str, int]:
    """``supervisor_changes`` and ``event_moves`` of a plan against ``data.previous``.

    A team changes supervisor when it had one (``-1``: a new team does not count) and
    now has another; an event moves when its slot or start differs from the previous one
    (an event without a previous time does not count).
    """
    before = data.previous
    if before is None:
        return {"supervisor_changes": 0, "event_moves": 0}
    changes = moves = 0
    for t in range(data.num_teams):
        if before.supervisor[t] >= 0 and before.supervisor[t] != plan.supervisor[t]:
            changes += 1
        if before.visit_start[t] >= 0 and before.visit_start[t] != plan.visit_start[t]:
            moves += 1
        if before.oral_start[t] >= 0 and (
            before.oral_slot[t] != plan.oral_slot[t] or before.oral_start[t] != plan.oral_start[t]
        ):
            moves += 1
    return {"supervisor_changes": changes, "event_moves": moves}


def better_key(data: PlanData, vector: Sequence[int]) -> tuple[int, ...]:
    """A key under which a larger tuple is a better priority vector."""
    return tuple(
        v if PRIORITIES[n] == "max" else -v for n, v in zip(data.priorities, vector, strict=True)
    )


def greedy_plan(data: PlanData, keep: bool = False) -> Plan | None:
    """A plan built team by team, or ``None`` when this simple rule gets stuck.

    Teams with the fewest possible supervisors go first; each takes, among the supervisors
    who may guide it and still have room, an expert first, then the least loaded, then the
    first; its visit and oral are placed right after that supervisor's last event of the
    slot (with the travel gap), on the first oral slot where they fit. Used as a starting
    point for the solver on large cohorts; it proves nothing. ``keep`` (a what-if): every
    team whose previous supervisor and times still keep the rules keeps them
    (``_kept_events``), the others are placed after them.
    """
    K, S = data.num_teams, data.num_supervisors
    expert = data.expert
    last: dict[tuple[int, int], tuple[int, int]] = {}  # (s, slot) -> (end, team)
    chosen: list[tuple[int, int, int, int] | None] = [None] * K
    loads = np.zeros(S, dtype=np.int64)
    if keep:
        for t, placement in _kept_events(data).items():
            chosen[t] = placement
            held, visit_at, slot_of, oral_at = placement
            loads[held] += 1
            for slot, end in (
                (VISIT_SLOT, visit_at + data.visit_minutes),
                (1 + slot_of, oral_at + data.oral_minutes),
            ):
                last[held, slot] = max(last.get((held, slot), (end, t)), (end, t))
    v0, v1 = data.visit_window
    o0, o1 = data.oral_window

    def after(s: int, slot: int, t: int, begin: int, length: int, end: int) -> int | None:
        previous = last.get((s, slot))
        start = begin if previous is None else previous[0] + data.gap(previous[1], t)
        # Every earlier event of s on the slot is before ``previous``: with gaps that obey
        # the triangle inequality the last one is the binding one; check them all anyway.
        return start if start + length <= end else None

    options = data.allowed & ~data.unavailable[:, VISIT_SLOT][None, :]
    # The candidates of a team ranked with numpy (the same order as sorting them by
    # (not expert, load, index)): 1,000 teams x 1,000 supervisors in Python took 1.7 s.
    for t in sorted(range(K), key=lambda t: (int(options[t].sum()), t)):
        if chosen[t] is not None:
            continue
        free = np.flatnonzero(options[t] & (loads < data.capacity))
        ranked = free[np.lexsort((free, loads[free], ~expert[t, free]))].tolist()
        for s in ranked:
            visit = after(s, VISIT_SLOT, t, v0, data.visit_minutes, v1)
            if visit is None:
                continue
            placed = None
            for o in range(data.num_orals):
                if data.oral_allowed[t, o] and not data.unavailable[s, 1 + o]:
                    oral = after(s, 1 + o, t, o0, data.oral_minutes, o1)
                    if oral is not None:
                        placed = (o, oral)
                        break
            if placed is None:
                continue
            chosen[t] = (s, visit, placed[0], placed[1])
            loads[s] += 1
            last[s, VISIT_SLOT] = (visit + data.visit_minutes, t)
            last[s, 1 + placed[0]] = (placed[1] + data.oral_minutes, t)
            break
        else:
            return None
    plan = Plan(
        supervisor=tuple(c[0] for c in chosen if c is not None),
        visit_start=tuple(c[1] for c in chosen if c is not None),
        oral_slot=tuple(c[2] for c in chosen if c is not None),
        oral_start=tuple(c[3] for c in chosen if c is not None),
    )
    return plan if not plan_violations(data, plan) else None


def _kept_events(data: PlanData) -> dict[int, tuple[int, int, int, int]]:
    """Team → its previous (supervisor, visit start, oral slot, oral start), for the teams
    whose previous placement keeps the rules that concern it alone (the supervisor still
    there, allowed and available, the times within the windows, the slot hosted), within
    each supervisor's limit; whether the kept events fit together is ``greedy_plan``'s
    final check."""
    before = data.previous
    if before is None:
        return {}
    v0, v1 = data.visit_window
    o0, o1 = data.oral_window
    loads = np.zeros(data.num_supervisors, dtype=np.int64)
    kept = {}
    for t in range(data.num_teams):
        s, visit = int(before.supervisor[t]), int(before.visit_start[t])
        o, oral = int(before.oral_slot[t]), int(before.oral_start[t])
        if not (0 <= s < data.num_supervisors and 0 <= o < data.num_orals):
            continue
        if (
            data.allowed[t, s]
            and data.oral_allowed[t, o]
            and not data.unavailable[s, VISIT_SLOT]
            and not data.unavailable[s, 1 + o]
            and v0 <= visit <= v1 - data.visit_minutes
            and o0 <= oral <= o1 - data.oral_minutes
            and loads[s] < data.capacity[s]
        ):
            kept[t] = (s, visit, o, oral)
            loads[s] += 1
    return kept


def left_shifted_starts(
    data: PlanData, begin: int, end: int, length: int, kept: Sequence[int] = ()
) -> list[int]:
    """Every start an event can have in a schedule where nothing can start earlier.

    Travel depends on the order of a supervisor's events, not on their times, so some
    optimal plan starts every event at the window's start or right after an earlier event of
    the same supervisor plus the gap between them: ``begin + k·length + Σ gaps`` with ``k``
    earlier events and at most ``k`` gaps (each 0, ``same_town`` or ``travel`` minutes).
    Restricting starts to these values keeps every optimum and prunes the search. A what-if
    keeps events at their previous starts (``kept``: set by hand, or after a team since
    gone), which the same sums do not reach: those seed them too, so an event can stay, and
    the ones after it follow it.
    """
    # A set, not np.unique: that loads numpy.ma (~10 ms of a 60-student run).
    gap_values = sorted({*np.asarray(data.gaps()).ravel().tolist(), 0})
    starts = {begin, *(int(s) for s in kept if begin <= s <= end - length)}
    frontier = set(starts)
    while frontier:
        following = set()
        for start in frontier:
            for gap in gap_values:
                nxt = start + length + gap
                if nxt + length <= end and nxt not in starts:
                    following.add(nxt)
        starts |= following
        frontier = following
    return sorted(starts)


def start_values(data: PlanData) -> tuple[list[int], list[int]]:
    """The starts a visit and an oral can have (``left_shifted_starts``; a what-if's
    previous starts among them)."""
    before = data.previous
    v0, v1 = data.visit_window
    o0, o1 = data.oral_window
    return (
        left_shifted_starts(data, v0, v1, data.visit_minutes, before.visit_start if before else ()),
        left_shifted_starts(data, o0, o1, data.oral_minutes, before.oral_start if before else ()),
    )


def trivial_bound(data: PlanData, name: str) -> int:
    """A bound on a priority that needs no search."""
    if name == "expertise":
        return int((data.expert & data.allowed).any(axis=1).sum())
    if name == "load":
        return -(-data.num_teams // max(data.num_supervisors, 1))
    return 0


#: Rule families a diagnosis can blame, each followed by an index.
FAMILY_CAPACITY = "capacity:"  # capacity:<s>  supervisor s takes at most capacity[s] teams
FAMILY_TIES = "ties:"  # ties:<s>  supervisor s guides no team of an institution they are tied to
FAMILY_UNAVAILABLE = "unavailable:"  # unavailable:<s>  s attends nothing on their slots off
FAMILY_ORAL_SLOTS = "oral_slots:"  # oral_slots:<t>  team t's oral in a slot its host offers
FAMILY_ONE_PLACE = "one_place:"  # one_place:<s>:<slot>  s in one place at a time, with travel


def family_index(name: str) -> tuple[int, ...]:
    """The indices named by a family (``one_place:3:1`` → ``(3, 1)``)."""
    return tuple(int(part) for part in name.split(":")[1:])


def counted_conflict(data: PlanData) -> list[str] | None:
    """A conflict said by counting, without a solve: the supervisors' limits alone leave
    teams without one, or their visit mornings do (``mornings_too_short``), or their oral
    windows do (``orals_too_short``); else ``None``."""
    if int(data.capacity.sum()) < data.num_teams:
        return [f"{FAMILY_CAPACITY}{s}" for s in range(data.num_supervisors)]
    return mornings_too_short(data) or orals_too_short(data)


def least_gap(data: PlanData) -> int:
    """The least travel between two teams (0 when two share an institution)."""
    K = data.num_teams
    return int(data.gaps()[~np.eye(K, dtype=bool)].min()) if K > 1 else 0


def orals_each(data: PlanData) -> int:
    """The most orals one supervisor can attend on one oral slot, teams as close as can be."""
    gap = least_gap(data)
    begin, end = data.oral_window
    return max(end - begin + gap, 0) // (data.oral_minutes + gap)


def orals_most(
    data: PlanData, slots: Sequence[int] | None = None, each: int | None = None
) -> list[int]:
    """Per supervisor, the most orals they can attend on the oral slots ``slots`` (indices
    ``o``; default every one): ``each`` (default ``orals_each``) on each they are not
    unavailable on, or their limit if smaller."""
    each = orals_each(data) if each is None else each
    chosen = list(range(data.num_orals)) if slots is None else list(slots)
    attended = (~data.unavailable[:, [1 + o for o in chosen]]).sum(axis=1)
    return [int(n) for n in np.minimum(data.capacity, each * attended)]


def orals_short_slots(data: PlanData) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Oral slots (indices ``o``) and the teams that can defend on none but them, more teams
    than the supervisors can attend there (``orals_most``), counted; ``None`` when no such
    set is found. Every oral slot first, then (up to 6 slots) each smaller set: ten teams
    whose commissions offer only the Thursday do not fit six Thursday places, whatever
    Friday holds."""
    K, n = data.num_teams, data.num_orals
    if data.num_supervisors == 0 or n == 0 or K == 0:
        return None
    masks = (data.oral_allowed.astype(np.int64) << np.arange(n, dtype=np.int64)).sum(axis=1)
    each = orals_each(data)
    every = tuple(range(n))
    smaller = [c for size in range(1, n) for c in itertools.combinations(every, size)]
    for slots in [every, *(smaller if n <= 6 else [])]:
        inside = sum(1 << o for o in slots)
        teams = tuple(int(t) for t in np.flatnonzero((masks != 0) & (masks & ~inside == 0)))
        if len(teams) > sum(orals_most(data, slots, each)):
            return slots, teams
    return None


def orals_too_short(data: PlanData) -> list[str] | None:
    """The oral windows, limits, unavailabilities (and slots offered) that leave teams
    without an oral, counted (``orals_short_slots``): ``None`` when the count leaves room.

    A bound of arithmetic like ``mornings_too_short``: ten 60-minute orals in one
    two-hour window and three supervisors (six orals at most) were a full solve and a
    conflict search before being said (probe s21h).
    """
    found = orals_short_slots(data)
    if found is None:
        return None
    slots, teams = found
    S, each = data.num_supervisors, orals_each(data)

    def attends(s: int) -> int:
        return sum(not data.unavailable[s, 1 + o] for o in slots)

    return (
        [
            f"{FAMILY_ONE_PLACE}{s}:{1 + o}"
            for s in range(S)
            for o in slots
            if not data.unavailable[s, 1 + o]
        ]
        + [f"{FAMILY_CAPACITY}{s}" for s in range(S) if int(data.capacity[s]) < each * attends(s)]
        + [f"{FAMILY_UNAVAILABLE}{s}" for s in range(S) if attends(s) < len(slots)]
        + ([] if len(slots) == data.num_orals else [f"{FAMILY_ORAL_SLOTS}{t}" for t in teams])
    )


def mornings_too_short(data: PlanData) -> list[str] | None:
    """The visit mornings and the limits that leave teams without a visit, counted: each
    supervisor fits at most ``(window + gap) // (visit + gap)`` visits (``gap`` the least
    travel between two teams), or their limit if smaller; ``None`` when that is enough or
    a supervisor is off on the visit slot (then the conflict search says it).

    The count is a bound of arithmetic, so the conflict it names holds; the search for one
    may not end on a large cohort where this takes no time.
    """
    K, S = data.num_teams, data.num_supervisors
    if S < 2 or bool(data.unavailable[:, VISIT_SLOT].any()):
        return None
    gap = least_gap(data)
    begin, end = data.visit_window
    each = (end - begin + gap) // (data.visit_minutes + gap)
    if sum(min(each, int(data.capacity[s])) for s in range(S)) >= K:
        return None
    return [f"{FAMILY_ONE_PLACE}{s}:{VISIT_SLOT}" for s in range(S)] + [
        f"{FAMILY_CAPACITY}{s}" for s in range(S) if int(data.capacity[s]) < each
    ]
