"""What granting a wish would break, in the cohort's terms (contract §9, issue 14's example
"C04 would have 3 educators, at most 2"): the ``costs`` answer's re-solved assignment
compared with the result, for the two priorities a person can see in one team or one
student.

- ``balance``: a balanced value whose count leaves its target in some team (the wished team
  first, then the largest excess), e.g. ``éducateur: 3 in C04, target 1–2``;
- ``worst_choice``: another student placed on the new worst rank, with the position the
  team has among the choices they wrote (or "which they did not list").

Other priorities (``choices``, ``experience``) say their values and how many would move.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from matcher.fairness import written_rank
from matcher.rules import balance_violation, fair_share, students_by_value
from matcher.schemas import Instance
from models.teams import TeamData, objective_values

__all__ = ["Detail", "cost_detail", "improvement"]

#: (key, value) pairs: ``kind`` ("balance" or "worst") and that kind's placeholders.
Detail = tuple[tuple[str, str], ...]


def cost_detail(
    instance: Instance,
    ids: Sequence[str],
    current: np.ndarray,
    team_of: np.ndarray,
    ranks: np.ndarray,
    student: int,
    priority: str | None,
    value_if: int | None,
) -> Detail:
    """What the assignment ``team_of`` (the wish of ``student`` granted) breaks at
    ``priority`` that ``current`` keeps; empty when nothing one team or student shows."""
    if priority == "balance":
        return _balance(instance, ids, current, team_of, int(team_of[student]))
    if priority == "worst_choice" and value_if is not None:
        return _worst(instance, ids, current, team_of, ranks, student, value_if)
    return ()


def _balance(
    instance: Instance, ids: Sequence[str], current: np.ndarray, team_of: np.ndarray, wanted: int
) -> Detail:
    """The balanced value and team whose violation grows the most (the wished team first)."""
    num_teams = len(ids)
    best: tuple[tuple[bool, int], Detail] | None = None
    groups = students_by_value(instance.balanced_attributes(), instance.students)
    for (attribute, value), members in groups.items():
        low, high = fair_share(len(members), num_teams)
        now = np.bincount(current[members], minlength=num_teams)
        then = np.bincount(team_of[members], minlength=num_teams)
        for t in range(num_teams):
            grown = balance_violation(int(then[t]), low, high) - balance_violation(
                int(now[t]), low, high
            )
            key = (t == wanted, grown)
            if grown > 0 and (best is None or key > best[0]):
                shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
                best = (
                    key,
                    (
                        ("kind", "balance"),
                        ("attribute", attribute),
                        ("value", shown),
                        ("flag", "1" if isinstance(value, bool) else ""),
                        ("count", str(int(then[t]))),
                        ("team", ids[t]),
                        ("low", str(low)),
                        ("high", str(high)),
                    ),
                )
    return () if best is None else best[1]


def _worst(
    instance: Instance,
    ids: Sequence[str],
    current: np.ndarray,
    team_of: np.ndarray,
    ranks: np.ndarray,
    student: int,
    value_if: int,
) -> Detail:
    """The first other student (file order) the re-solve places on the new worst rank."""
    everyone = np.arange(len(team_of))
    then, now = ranks[everyone, team_of], ranks[everyone, current]
    for j in np.flatnonzero((then == value_if) & (now < value_if)).tolist():
        if j == student:
            continue
        other = instance.students[j]
        team = ids[int(team_of[j])]
        name = instance.told_apart()[other.id]
        if name == instance.students[student].display_name:
            name = f"{name} ({other.id})"
        rank = written_rank(other, team)
        return (("kind", "worst"), ("other", name), ("team", team), ("rank", str(rank or "")))
    return ()


def improvement(
    data: TeamData,
    values: Mapping[str, int],
    team_of: np.ndarray | None,
    verdict: str,
    worse: str | None = None,
) -> tuple[str, int, int] | None:
    """A ``free`` answer's assignment ``team_of`` on a result that is not optimal (edited
    by hand, a what-if's) may better a priority, which "at no cost" alone would hide: the
    first one (``values``' order, the settings') as (priority, value, value_if); else None.
    So may a ``costs`` answer's, a priority before the one that gets worse (``worse``):
    the cost alone would hide that granting the wish betters the result by the director's
    own order (probe s35e: « dégradant l'écart d'expérience » where the balance got back
    to 0)."""
    if team_of is None or verdict not in ("free", "costs"):
        return None
    values_if = objective_values(data, team_of)
    for name, value in values.items():
        if name == worse:
            return None
        if values_if[name] < value:
            return (name, value, values_if[name])
    return None
