"""Scoring of any assignment with the project's own metrics, whoever produced it.

The authoritative scorer is ``matcher.verify.teams`` (the independent validator of the
engine). :func:`problem_metrics` recomputes the same contract §5 metrics on a
:class:`TeamProblem`; the benchmark records both, so a disagreement between the engine's
validator and this second reading shows up in the results instead of going unnoticed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from team_problem import TeamProblem

from matcher.rules import balance_violation
from matcher.schemas import Instance
from matcher.verify.teams import team_metrics, team_objectives, team_violations

#: Metrics compared across methods, in the order of the tables.
METRICS = (
    "worst_choice",
    "balance_violations",
    "choices",
    "experience",
    "first_choice_share",
    "top3_share",
    "rule_violations",
)


def problem_metrics(problem: TeamProblem, assignment: list[int]) -> dict[str, Any]:
    """Contract §5 metrics and rule breaches of an assignment (team index per student)."""
    num_teams = problem.num_teams
    sizes = Counter(assignment)
    size_breaches = sum(
        1 for t in range(num_teams) if not problem.size_lo[t] <= sizes[t] <= problem.size_hi[t]
    )
    # A student outside ``allowed`` is on their employer's commission or off their pin.
    placement_breaches = sum(1 for s, t in enumerate(assignment) if t not in problem.allowed[s])
    pair_breaches = sum(1 for a, b in problem.apart if assignment[a] == assignment[b])
    pair_breaches += sum(1 for a, b in problem.together if assignment[a] != assignment[b])
    isolation_breaches = 0
    for group in problem.no_isolation:
        held = Counter(assignment[s] for s in group)
        isolation_breaches += sum(1 for c in held.values() if c == 1)

    balance = 0
    for attribute, value, lo, hi in problem.balance_bounds:
        held = Counter(
            assignment[s] for s, v in enumerate(problem.attributes[attribute]) if v == value
        )
        for t in range(num_teams):
            balance += balance_violation(held[t], lo, hi)

    ranks = [
        problem.ranks[s][assignment[s]]  # type: ignore[index]
        for s in range(problem.num_students)
        if problem.ranks[s] is not None
    ]
    # The shares shown to people are about written choices: the engine's validator gives them.
    return {
        "students": problem.num_students,
        "teams": num_teams,
        "size_min": min(sizes[t] for t in range(num_teams)) if num_teams else 0,
        "size_max": max(sizes[t] for t in range(num_teams)) if num_teams else 0,
        "balance_violations": balance,
        "worst_choice": max(ranks) if ranks else None,
        "choices": sum(ranks) if ranks else None,
        "size_violations": size_breaches,
        "placement_violations": placement_breaches,
        "pair_violations": pair_breaches,
        "isolation_violations": isolation_breaches,
        "rule_violations": size_breaches + placement_breaches + pair_breaches + isolation_breaches,
    }


def engine_metrics(
    instance: Instance, commission_ids: list[str], assignment: dict[str, str]
) -> dict[str, Any]:
    """Metrics and rule breaches from ``matcher.verify.teams``."""
    metrics = dict(team_metrics(instance, list(commission_ids), assignment))
    objectives = team_objectives(instance, list(commission_ids), assignment)
    metrics["choices"] = objectives["choices"]
    metrics["experience"] = objectives["experience"]
    violations = list(team_violations(instance, list(commission_ids), assignment))
    metrics["rule_violations"] = len(violations)
    metrics["violation_examples"] = violations[:3]
    return metrics


def score(instance: Instance, problem: TeamProblem, assignment: list[int]) -> dict[str, Any]:
    """Metrics of an assignment: the engine's validator's, checked against our reading.

    Returns the engine's metrics (``scorer = "matcher.verify.teams"``) over this module's;
    ``scorer_disagrees`` lists the shared metrics on which the two readings differ.
    """
    ours = problem_metrics(problem, assignment)
    by_id = {problem.student_ids[s]: problem.commission_ids[t] for s, t in enumerate(assignment)}
    engine = engine_metrics(instance, problem.commission_ids, by_id)
    disagree = [
        key
        for key in (
            "balance_violations",
            "worst_choice",
            "choices",
        )
        if key in engine
        and engine[key] is not None
        and ours[key] is not None
        and abs(float(engine[key]) - float(ours[key])) > 1e-3
    ]
    merged = ours | engine
    merged["scorer"] = "matcher.verify.teams"
    merged["scorer_disagrees"] = ";".join(disagree)
    return merged
