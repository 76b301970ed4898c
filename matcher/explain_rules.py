"""The cohort an explanation shares across its wishes, and the rules that forbid a wish
whatever the others do (``matcher.explain``'s pre-checks: ``impossible`` without a solve)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from matcher.explanation import NAMES_JOINED
from matcher.schemas import Instance, Student
from matcher.text import fold_name
from models.teams import TeamData


@dataclass
class Cohort:
    """What every wish of one cohort shares (built once)."""

    instance: Instance
    commission_ids: tuple[str, ...]
    current: np.ndarray
    priorities: tuple[str, ...]
    values: dict[str, int]
    pins: np.ndarray
    #: Student index → members of their together group (themselves alone when none).
    group_of: list[tuple[int, ...]]
    #: Student index → their team when pinned, directly or through their together group.
    effective_pin: np.ndarray
    apart: dict[int, list[int]] = field(default_factory=dict)

    @cached_property
    def named(self) -> dict[str, str]:
        """Each student as a sentence naming them says it (``Instance.told_apart``), once
        for every wish of the cohort."""
        return self.instance.told_apart()


Rule = tuple[str, tuple[tuple[str, str], ...]]


def pre_check(cohort: Cohort, data: TeamData, i: int, t: int) -> Rule | None:
    """The rule forbidding student i in team t whatever the others do, or None."""
    data_conflict, size_max = data.conflict, data.size_max
    students = cohort.instance.students
    named = cohort.named
    ids = cohort.commission_ids
    institutions = {c.id: c.institution for c in cohort.instance.commissions}
    wanted = ids[t]
    if data_conflict[i, t]:
        return _conflict_rule("rule_conflict", students[i], institutions.get(wanted, ""))
    # A lock of the workbench holds as a pin and is worded as the director's lock.
    locked = cohort.instance.locked
    if cohort.pins[i] >= 0 and cohort.pins[i] != t:
        rule = "rule_locked" if students[i].id in locked else "rule_pinned"
        return (rule, (("pin", ids[int(cohort.pins[i])]),))
    group = cohort.group_of[i]
    for j in group:
        if j != i and cohort.pins[j] >= 0 and cohort.pins[j] != t:
            return (
                "rule_partner_locked" if students[j].id in locked else "rule_partner_pinned",
                (("partner", named[students[j].id]), ("pin", ids[int(cohort.pins[j])])),
            )
    for j in group:
        if j != i and data_conflict[j, t]:
            key, values = _conflict_rule(
                "rule_partner_conflict", students[j], institutions.get(wanted, "")
            )
            return (key, (("partner", named[students[j].id]), *values))
    members = set(group)
    for j in group:
        for k in cohort.apart.get(j, []):
            if k not in members and cohort.effective_pin[k] == t:
                held = [m for m in cohort.group_of[k] if cohort.pins[m] >= 0]
                kind = "locked" if all(students[m].id in locked for m in held) else "pinned"
                names: tuple[tuple[str, str], ...] = (
                    ("member", named[students[j].id]),
                    ("partner", named[students[k].id]),
                )
                if cohort.pins[k] < 0:  # held there by a pinned together partner, named
                    kind = f"held{'_locked' if kind == 'locked' else ''}"
                    names += (("holder", named[students[held[0]].id]),)
                return (f"rule_apart_{kind}", names)
    held_there = [
        k for k in range(len(students)) if cohort.effective_pin[k] == t and k not in members
    ]
    if len(held_there) + len(group) > size_max[t]:
        some_locked = any(students[k].id in locked for k in held_there)
        # Those pinned there, then their together partners (held there, not pinned), named
        # as the other rules name students (probe s38h: counted, « 1 y est imposé »).
        pinned = [named[students[k].id] for k in held_there if cohort.pins[k] >= 0]
        partners = [named[students[k].id] for k in held_there if cohort.pins[k] < 0]
        pinned_there = len(pinned)
        if not held_there:  # the group alone is too large (probe s35e: « and 0 are pinned »)
            return (
                "rule_full_none",
                (("capacity_count", str(int(size_max[t]))), ("group_size", str(len(group)))),
            )
        return (
            f"rule_full{'_locked' if some_locked else ''}_{'one' if pinned_there == 1 else 'many'}",
            (
                ("capacity_count", str(int(size_max[t]))),
                ("pinned_names", NAMES_JOINED.join(pinned)),
                ("partner_names", NAMES_JOINED.join(partners)),
                ("group_size", str(len(group))),
            ),
        )
    return isolation_rule(cohort, data, i, t)


def _conflict_rule(key: str, student: Student, institution: str) -> Rule:
    """The conflict of interest keeping ``student`` off ``institution``'s commission: their
    employer is that institution, or (``key`` + ``_may``) their employer as written is
    ambiguous and may be it (``Student.employer_also``): the sentence then names the
    employer as the student wrote it, never another institution as theirs."""
    employer = student.employer or ""
    if fold_name(employer) == fold_name(institution):
        return (key, (("institution", institution),))
    return (f"{key}_may", (("employer", employer), ("institution", institution)))


def isolation_rule(cohort: Cohort, data: TeamData, i: int, t: int) -> Rule | None:
    """A no_isolation condition of student i that cannot hold with them (and their together
    group) in team t, whatever the others do, or None.

    Two counts, each a proof: every team holding a member of the condition by force (a pin,
    a together partner, or the wish itself) needs at least two members there, more than
    the condition has; or the wished team would hold them alone and every other member is
    kept away from it (held elsewhere, an employer there, apart from its forced members).
    """
    ids = cohort.commission_ids
    here = set(cohort.group_of[i])
    for group in data.isolation_groups:
        members = set(group.member_idcs)
        if i not in members:
            continue
        forced: dict[int, int] = {}
        for j in members:
            team = t if j in here else int(cohort.effective_pin[j])
            if team >= 0:
                forced[team] = forced.get(team, 0) + 1
        needed = sum(max(2, count) for count in forced.values())
        if needed > len(members):
            return (
                "rule_isolation_count",
                (
                    ("condition", group.label),
                    ("count", str(len(members))),
                    ("teams", ", ".join(ids[u] for u in sorted(forced))),
                    ("needed", str(needed)),
                ),
            )
        there = here | {k for k in range(data.num_students) if cohort.effective_pin[k] == t}
        if forced[t] == 1 and not any(_may_join(cohort, data, j, t, there) for j in members - here):
            return ("rule_isolation_alone", (("condition", group.label),))
    return None


def _may_join(cohort: Cohort, data: TeamData, j: int, t: int, there: set[int]) -> bool:
    """Whether student j (with their together group) might be in team t beside ``there``:
    not held elsewhere, no employer's conflict there, apart from none of ``there``."""
    if cohort.effective_pin[j] >= 0 and cohort.effective_pin[j] != t:
        return False
    group = cohort.group_of[j]
    if any(data.conflict[k, t] for k in group):
        return False
    return not any(m in cohort.apart.get(k, ()) for k in group for m in there)
