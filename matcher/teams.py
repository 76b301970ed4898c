"""Stage 2: form one team per selected commission (contract §5).

``form_teams`` turns the cohort into index-based ``models.teams.TeamData``, checks the
rules that obviously contradict each other (and says so in the cohort's terms), solves the
priorities lexicographically, and answers in ids. When the rules admit no assignment, the
diagnosis names the students, commissions and rules that conflict.

What-if support: ``previous`` (student id → commission id of their team before the
change) adds the priority ``moves`` when asked for in ``extra_priorities_first`` and hints
the search with the previous teams.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from matcher.conflicts import (
    isolation_conflicts,
    nowhere_conflicts,
    own_size_rule,
    pair_conflicts,
    pinned_unfit,
    pins_over,
)
from matcher.conflicts import who as _who
from matcher.eligibility import (
    eligibility,
    include_crowded,
    include_full,
    pins_beyond_selection,
)
from matcher.labels import Listing, Number, Text, counted, listing, text
from matcher.loading.cells import distinct_choices
from matcher.results import StageResult, Status, TeamResult
from matcher.rules import (
    default_size_bounds,
    fair_share,
    students_by_value,
    team_size_bounds,
    together_groups,
    together_where,
)
from matcher.schemas import Instance, Student
from matcher.stages import TEAMS
from matcher.text import fold_name
from matcher.verify.teams import matches_condition, team_violations
from models.solve import SolveParams
from models.teams import (
    RuleRef,
    StudentGroup,
    TeamData,
    explain_teams,
    solve_teams,
)

#: Seconds at most per solve of the diagnosis (it runs once the rules proved infeasible).
_DIAGNOSIS_TIME = 20.0


class _TeamFacts:
    """A cohort on its selected commissions in indices: maps, conflicts, pairs, groups.

    Shared by the data builder and the diagnosis.
    """

    def __init__(self, instance: Instance, commission_ids: Sequence[str]) -> None:
        self.instance = instance
        self.commission_ids = tuple(commission_ids)
        self.students = instance.students
        self.student2idx = {s.id: i for i, s in enumerate(self.students)}
        self.commission2idx = {cid: t for t, cid in enumerate(self.commission_ids)}
        by_id = {c.id: c for c in instance.commissions}
        self.institutions = [
            by_id[cid].institution if cid in by_id else "" for cid in self.commission_ids
        ]
        self.bounds = team_size_bounds(instance, self.commission_ids)
        self.conflict = self._conflict_matrix()
        self.apart = self._pairs("apart")
        self.together = self._pairs("together")
        self.groups = self._together_groups()

    def _conflict_matrix(self) -> np.ndarray:
        """(N, K) True where the student's employer is the commission's institution."""
        num_students, num_teams = len(self.students), len(self.commission_ids)
        conflict = np.zeros((num_students, num_teams), dtype=bool)
        if not self.instance.settings.teams.conflict_of_interest:
            return conflict
        folded = [fold_name(name) for name in self.institutions]
        for i, student in enumerate(self.students):
            employers = student.employers()
            if employers:
                conflict[i] = [name in employers for name in folded]
        return conflict

    def _pairs(self, relation: str) -> tuple[tuple[int, int], ...]:
        pairs = []
        for pair in self.instance.pairs:
            a, b = self.student2idx.get(pair.student_a), self.student2idx.get(pair.student_b)
            if pair.relation == relation and a is not None and b is not None and a != b:
                pairs.append((a, b))
        return tuple(pairs)

    def _together_groups(self) -> list[list[int]]:
        """Students tied together, directly or through others (groups of two or more), in
        indices: :func:`matcher.rules.together_groups`."""
        return [[self.student2idx[sid] for sid in g] for g in together_groups(self.instance)]

    def names(self, idcs: Sequence[int]) -> Listing:
        """The students' ids as messages list them ("S1, S3 et S5")."""
        return listing(self.students[i].id for i in idcs)


def _ranks(facts: _TeamFacts) -> np.ndarray:
    """(N, K) choice ranks (contract §5), 0 for students without choices."""
    num_teams = len(facts.commission_ids)
    ranks = np.zeros((len(facts.students), num_teams), dtype=np.int64)
    for i, student in enumerate(facts.students):
        if not student.choices:
            continue
        listed = [
            facts.commission2idx[choice]
            for choice in distinct_choices(student.choices, facts.commission2idx)
        ]
        ranks[i, :] = len(listed) + 1
        for position, t in enumerate(listed):
            ranks[i, t] = position + 1
    return ranks


def _experience(students: Sequence[Student]) -> np.ndarray:
    """(N,) experience in tenths of years; unknown = mean of the known (both rounded half up)."""
    known = [int(s.experience_years * 10 + 0.5) for s in students if s.experience_years is not None]
    if not known:
        return np.zeros(len(students), dtype=np.int64)
    mean = (sum(known) + len(known) // 2) // len(known)
    return np.array(
        [
            mean if s.experience_years is None else int(s.experience_years * 10 + 0.5)
            for s in students
        ],
        dtype=np.int64,
    )


def _balance_groups(facts: _TeamFacts) -> tuple[StudentGroup, ...]:
    num_teams = max(len(facts.commission_ids), 1)
    attributes = facts.instance.balanced_attributes()
    return tuple(
        StudentGroup(
            f"{attribute}={value}",
            tuple(members),
            *fair_share(len(members), num_teams),
            attribute=attribute,
        )
        for (attribute, value), members in students_by_value(attributes, facts.students).items()
    )


def _isolation_groups(facts: _TeamFacts) -> tuple[StudentGroup, ...]:
    return tuple(
        StudentGroup(
            condition,
            tuple(i for i, s in enumerate(facts.students) if matches_condition(s, condition)),
        )
        for condition in facts.instance.settings.teams.no_isolation
    )


def _priorities(instance: Instance, extra_first: Sequence[str]) -> tuple[str, ...]:
    ordered: list[str] = []
    for name in (*extra_first, *instance.settings.teams.priorities):
        if name not in TEAMS.names:
            raise ValueError(f"unknown team priority {name!r}")
        if name not in ordered:
            ordered.append(name)
    return tuple(ordered)


def team_data(
    instance: Instance,
    commission_ids: Sequence[str],
    *,
    previous: Mapping[str, str] | None = None,
    extra_priorities_first: Sequence[str] = (),
    base: Mapping[str, str] | None = None,
) -> TeamData:
    """The cohort in indices (students in file order, teams in ``commission_ids`` order);
    ``base``: each student's team before the what-if whose result is explained
    (``TeamData.base``)."""
    facts = _TeamFacts(instance, commission_ids)
    data = _team_data(facts, previous, extra_priorities_first)
    return data if base is None else replace(data, base=_indices(facts, base))


def _indices(facts: _TeamFacts, teams: Mapping[str, str]) -> np.ndarray:
    """Each student's team in ``teams`` as an index, -1 for none (or one not selected)."""
    return np.array(
        [facts.commission2idx.get(teams.get(s.id, ""), -1) for s in facts.students],
        dtype=np.int64,
    )


def _team_data(
    facts: _TeamFacts, previous: Mapping[str, str] | None, extra_first: Sequence[str]
) -> TeamData:
    size_min = np.array([facts.bounds[c][0] for c in facts.commission_ids], dtype=np.int64)
    size_max = np.array([facts.bounds[c][1] for c in facts.commission_ids], dtype=np.int64)
    pinned = np.array(
        [facts.commission2idx.get(s.pinned, -1) if s.pinned else -1 for s in facts.students],
        dtype=np.int64,
    )
    previous_idx = _indices(facts, previous or {})
    return TeamData(
        size_min=size_min,
        size_max=size_max,
        conflict=facts.conflict,
        ranks=_ranks(facts),
        balance_groups=_balance_groups(facts),
        isolation_groups=_isolation_groups(facts),
        apart=facts.apart,
        together=facts.together,
        pinned=pinned,
        experience=_experience(facts.students),
        previous=previous_idx,
        priorities=_priorities(facts.instance, extra_first),
    )


# -- diagnosis ---------------------------------------------------------------------------


def _size_sentences(facts: _TeamFacts) -> list[Text]:
    """Size bounds that no assignment can meet, whatever the other rules."""
    sentences: list[Text] = []
    instance = facts.instance
    by_id = {c.id: c for c in instance.commissions}
    num_students, num_teams = len(facts.students), len(facts.commission_ids)
    if num_teams == 0:
        return [text("td_no_commission", n=num_students)]
    cohort_low, cohort_high = default_size_bounds(num_students, num_teams, instance.settings.teams)
    # When the cohort's own sizes cannot hold its students, that is said (below) rather than
    # a commission's size against them: "P3 asks for at most 3, but every team holds 4" of
    # 9 students in 3 teams of at least 4 hid the cause (an acceptance probe, session 24).
    holds = num_teams * cohort_low <= num_students <= num_teams * cohort_high
    for cid, (low, high) in facts.bounds.items():
        if low > high and holds:
            commission = by_id.get(cid)
            rule = (
                None if commission is None else own_size_rule(commission, cohort_low, cohort_high)
            )
            if rule is None:
                # The cohort's own bounds cross (a min_size alone above ceil(N/K), a
                # max_size alone below floor(N/K)): said once below, as the students that
                # cannot fill (or fit) the teams, not once per commission.
                continue
            # The students pinned to it named first: they are why it was selected.
            sentences.append(pinned_unfit(instance, cid, rule) or rule)
    if sentences:
        return sentences
    highs = [high for _, high in facts.bounds.values()]
    lows = [low for low, _ in facts.bounds.values()]
    if sum(highs) < num_students:
        limit = (
            text("td_of_at_most", n=highs[0])
            if len(set(highs)) == 1
            else text("td_holding_at_most", n=sum(highs))
        )
        sentences.append(text("td_cannot_fit", n=num_students, teams=num_teams, limit=limit))
    if sum(lows) > num_students:
        limit = (
            text("td_of_at_least", n=lows[0])
            if len(set(lows)) == 1
            else text("td_needing", n=sum(lows))
        )
        sentences.append(text("td_cannot_fill", n=num_students, teams=num_teams, limit=limit))
    return sentences


def _pins_left_out(facts: _TeamFacts) -> list[Text]:
    """One sentence per proposal left out of the selection, naming every student pinned to
    it: why it cannot be selected (excluded, not available), else the remedy."""
    students, selected = facts.students, facts.commission2idx
    found: list[Text] = []
    left_out: dict[str, list[str]] = {}
    for student in students:
        if student.pinned is not None and student.pinned not in selected:
            left_out.setdefault(student.pinned, []).append(_who(student))
    proposals = {c.id: c for c in facts.instance.commissions}
    rules, calendar = facts.instance.settings.selection, facts.instance.settings.calendar
    beyond: list[Text] | None = None
    for absent, named in left_out.items():
        who = named[0] if len(named) == 1 else listing(named, most=8)
        proposal = proposals.get(absent)
        fate = None if proposal is None else eligibility(proposal, rules, calendar)
        if fate is not None and not fate.eligible:
            # Excluded or not available: "add it to include" would contradict the settings.
            key = "val_pin_ineligible" if len(named) == 1 else "val_pins_ineligible"
            found.append(text(key, who=who, pin=absent, reason=fate.reason))
            continue
        full = include_full(rules, absent, named) or include_crowded(
            facts.instance.commissions, rules, absent, named
        )
        if full is not None:
            # "Add it to include" would ask for more than count: one must make room.
            found.append(full)
            continue
        if beyond is None:
            # The pins together need more places than the selection rules give: "add it
            # to include" would only leave out another pin.
            pins = [
                (s.id, s.pinned)
                for s in students
                if s.pinned is not None
                and s.pinned in proposals
                and eligibility(proposals[s.pinned], rules, calendar).eligible
            ]
            beyond = pins_beyond_selection(facts.instance.commissions, pins, rules)
            found += beyond
        if beyond:
            continue
        key = "td_pin_unselected" if len(named) == 1 else "td_pins_unselected"
        found.append(text(key, who=who, pin=absent))
    return found


def _obvious_conflicts(facts: _TeamFacts) -> list[Text]:
    """Contradictions visible without a solver, in the cohort's terms."""
    sentences = _size_sentences(facts)
    if not facts.commission_ids:
        # No team at all: that says everything (no student is "on their employer's").
        return sentences
    students, selected = facts.students, facts.commission2idx
    sentences += _pins_left_out(facts)
    for i, student in enumerate(students):
        if student.pinned is None or student.pinned not in selected:
            continue
        if facts.conflict[i, selected[student.pinned]]:
            sentences.append(
                text(
                    "td_lock_employer"
                    if student.id in facts.instance.locked
                    else "td_pin_employer",
                    who=_who(student),
                    pin=student.pinned,
                    institution=facts.institutions[selected[student.pinned]],
                )
            )
    sentences += pins_over(
        facts.instance, {cid: high for cid, (low, high) in facts.bounds.items() if low <= high}
    )
    sentences += pair_conflicts(facts.instance)
    group_of = {i: g for g in facts.groups for i in g}
    max_high = max((high for _, high in facts.bounds.values()), default=0)
    for group in facts.groups:
        members = facts.names(group)
        pins = {students[i].pinned for i in group if students[i].pinned in selected}
        if len(pins) > 1:
            who = listing(
                [
                    text(
                        "td_locked_in"
                        if students[i].id in facts.instance.locked
                        else "td_pinned_to",
                        id=students[i].id,
                        pin=students[i].pinned,
                    )
                    for i in group
                    if students[i].pinned in selected
                ],
                None,
            )
            sentences.append(text("td_group_pins", group=members, who=who))
        elif pins:
            (pin,) = pins
            high = facts.bounds[str(pin)][1]
            if len(group) > high:
                sentences.append(
                    text(
                        "td_group_too_big",
                        group=members,
                        n=len(group),
                        high=high,
                        pin=pin,
                        where=together_where(facts.instance, [students[i].id for i in group]),
                    )
                )
            for i in group:
                if facts.conflict[i, selected[str(pin)]] and students[i].pinned != pin:
                    sentences.append(
                        text(
                            "td_group_employer",
                            who=_who(students[i]),
                            group=members,
                            pin=pin,
                            institution=facts.institutions[selected[str(pin)]],
                        )
                    )
        elif len(group) > max_high:
            sentences.append(
                text(
                    "td_group_too_big_any",
                    group=members,
                    n=len(group),
                    high=max_high,
                    where=together_where(facts.instance, [students[i].id for i in group]),
                )
            )
        if facts.conflict[group].any(axis=0).all():
            sentences.append(text("td_group_all_employers", group=members))
    by_id = {c.id: c for c in facts.instance.commissions}
    chosen = [by_id[cid] for cid in facts.commission_ids if cid in by_id]
    if len(chosen) == len(facts.commission_ids):
        # Every team refused by employer or by an apart partner pinned there.
        sentences += nowhere_conflicts(facts.instance, chosen)
    else:
        for i, student in enumerate(students):
            if i not in group_of and facts.conflict[i].all():
                sentences.append(
                    text("td_employer_everywhere", who=_who(student), employer=student.employer)
                )
    return sentences + isolation_conflicts(facts.instance, selected)


def _rule_sentence(facts: _TeamFacts, data: TeamData, ref: RuleRef) -> str | Text:
    """A rule instance named by the model, in the cohort's terms."""
    kind, index = ref
    students = facts.students
    if kind == "size":
        if index < 0:
            sizes = ", ".join(f"{cid} {low}-{high}" for cid, (low, high) in facts.bounds.items())
            return text("td_rule_sizes", sizes=sizes)
        cid = facts.commission_ids[index]
        low, high = facts.bounds[cid]
        if low == high:
            return counted("td_rule_size_exact", low, id=cid, size=low)
        return text("td_rule_size", id=cid, low=low, high=high)
    if kind == "conflict":
        if index < 0:
            return text("td_rule_conflicts")
        where = [facts.commission_ids[t] for t in np.nonzero(data.conflict[index])[0]]
        return text(
            "td_rule_conflict",
            who=_who(students[index]),
            where=", ".join(where),
            employer=students[index].employer,
        )
    if kind == "pin":
        # A lock of the workbench is worded as the director's lock, not a pin of the files.
        locked = facts.instance.locked
        if index < 0:
            return text("td_rule_pins_locked" if locked else "td_rule_pins")
        key = "td_rule_lock" if students[index].id in locked else "td_rule_pin"
        return text(key, who=_who(students[index]), pin=students[index].pinned)
    if kind in ("apart", "together"):
        pairs = data.apart if kind == "apart" else data.together
        if index < 0:
            return text(f"td_rule_pairs_{kind}")
        a, b = pairs[index]
        return text(f"td_rule_pair_{kind}", a=students[a].id, b=students[b].id)
    if kind == "isolation":
        if index < 0:
            return text("td_rule_isolations")
        group = data.isolation_groups[index]
        return text(
            "td_rule_isolation",
            label=group.label,
            n=len(group.member_idcs),
            names=facts.names(group.member_idcs),
        )
    return kind


def _apart_clique(facts: _TeamFacts, data: TeamData, refs: Sequence[RuleRef]) -> Text | None:
    """When the conflict is only apart pairs among more students than teams, every two of
    them apart (a pigeonhole): said as such rather than pair by pair."""
    if not refs or any(kind != "apart" or index < 0 for kind, index in refs):
        return None
    pairs = {frozenset(data.apart[index]) for _, index in refs}
    members = sorted({int(i) for pair in pairs for i in pair})
    n, teams = len(members), len(facts.commission_ids)
    if n <= teams or len(pairs) != n * (n - 1) // 2:
        return None
    ids = listing([facts.students[i].id for i in members], most=8)
    return counted("td_apart_all", teams, who=ids, students=n)


def _diagnose(facts: _TeamFacts, data: TeamData, params: SolveParams) -> tuple[str | Text, ...]:
    budget = SolveParams(
        time_limit=min(max(params.time_limit, 1.0), _DIAGNOSIS_TIME),
        seed=params.seed,
        workers=params.workers,
    )
    refs = explain_teams(data, budget)
    if refs is None:
        return (text("td_out_of_time"),)
    clique = _apart_clique(facts, data, refs)
    if clique is not None:
        return (clique,)
    return (
        text("td_cannot_hold"),
        *(_rule_sentence(facts, data, r) for r in refs),
    )


def form_teams(
    instance: Instance,
    commission_ids: Sequence[str],
    params: SolveParams,
    *,
    previous: Mapping[str, str] | None = None,
    extra_priorities_first: Sequence[str] = (),
) -> TeamResult:
    """One team per selected commission, optimised in the configured priority order.

    Parameters
    ----------
    instance
        The cohort; ``instance.commissions`` holds at least the selected commissions
        (institution for conflicts of interest, min/max sizes).
    commission_ids
        The selected commissions, one team each, in the order teams are reported.
    params
        Time limit (for everything, diagnosis included), seed, workers.
    previous
        What-if: student id → commission id of their team before the change; students
        absent, or whose team is not in ``commission_ids``, have no previous team.
    extra_priorities_first
        Priorities placed before the settings' ones, e.g. ``("moves",)`` for what-if.

    Returns
    -------
    TeamResult
        Status OPTIMAL (every priority proven), FEASIBLE (time limit, a solution),
        INFEASIBLE (``stage.diagnosis`` names the conflicting rules) or UNKNOWN.
    """
    start = time.perf_counter()
    # The work budget is the limit's, fixed before any clock is read: the time spent
    # preparing the data shortens only the wall-clock safety net, so that a run stopped by
    # its budget gives the same teams on a fast or a slow machine (issue 17).
    work = params.work()
    facts = _TeamFacts(instance, commission_ids)
    ids = facts.commission_ids
    obvious = _obvious_conflicts(facts)
    if obvious:
        stage = StageResult(
            Status.INFEASIBLE, time.perf_counter() - start, diagnosis=tuple(obvious)
        )
        return TeamResult(stage, ids)
    data = _team_data(facts, previous, extra_priorities_first)
    # Preparing the data (seconds on 10,000 students) counts against the time limit.
    left = max(params.time_limit - (time.perf_counter() - start), 0.05)
    solved = solve_teams(data, replace(params, time_limit=left, work_limit=work))
    if solved.team_of is not None and solved.from_start:
        # CP-SAT found nothing in time; the start assignment stands in only if the
        # independent validator agrees that it keeps every rule.
        fallback = {s.id: ids[int(t)] for s, t in zip(facts.students, solved.team_of, strict=True)}
        if team_violations(instance, ids, fallback):
            solved = replace(solved, status=Status.UNKNOWN, objectives=[], team_of=None)
    if solved.team_of is None:
        if solved.status == Status.INFEASIBLE:
            diagnosis = _diagnose(facts, data, params)
        else:
            # What the time limit left this stage, to a tenth: its search may have stopped
            # sooner, on its work budget (the first line says how long it searched).
            seconds = Number(params.time_limit, 1)
            diagnosis = (text("td_timeout", seconds=seconds),)
        stage = StageResult(solved.status, time.perf_counter() - start, diagnosis=diagnosis)
        return TeamResult(stage, ids)
    assignment = {s.id: ids[int(t)] for s, t in zip(facts.students, solved.team_of, strict=True)}
    stage = StageResult(
        solved.status,
        time.perf_counter() - start,
        tuple(solved.objectives),
        work=solved.work,
        stopped_by=solved.stopped_by,
    )
    return TeamResult(stage, ids, assignment)
