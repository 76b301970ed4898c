"""Explanations (matcher.explain): brute-force twins, one hand-made case per verdict, swaps,
sentences and the CLI.

The twins enumerate every assignment of a tiny cohort, take the lexicographic optimum as the
current result, and answer each wish by brute force with the validator's objective functions
(``matcher.verify.teams``), never the engine:

- no assignment keeps the rules with the wish: ``impossible``;
- some assignment keeps them with every priority at most its current value: ``free``,
  ``displaced`` = fewest other students moved among those;
- otherwise the lexicographic optimum with the wish: the first priority that differs is
  worse (the current result is optimal): ``costs`` with ``value_if`` its value there, and
  ``displaced`` = fewest other students moved among the assignments with the wish whose
  priorities up to that one equal the optimum's.
"""

from __future__ import annotations

import itertools
import random
import string
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.explain import explain
from matcher.explanation import COLUMNS, Explanation
from matcher.fairness import rank_distribution, swap_pairs, written_rank
from matcher.schemas import Commission, Instance, Pair, Settings, Student, TeamSettings
from matcher.verify.teams import team_objectives, team_violations
from models.solve import SolveParams

PARAMS = SolveParams(time_limit=20.0, seed=0, workers=1)
TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"


def _student(sid: str, **fields: Any) -> Student:
    return Student(id=sid, background=fields.pop("background", "AS"), **fields)


def _commission(cid: str, institution: str = "", **fields: Any) -> Commission:
    return Commission(
        id=cid, institution=institution or f"Inst {cid}", sector="s", problem_type="p", **fields
    )


def _instance(
    students: tuple[Student, ...],
    commissions: tuple[Commission, ...],
    pairs: tuple[Pair, ...] = (),
    **team_settings: Any,
) -> Instance:
    return Instance(
        name="t",
        commissions=commissions,
        students=students,
        pairs=pairs,
        settings=Settings(teams=TeamSettings(**team_settings)),
    )


def _seeded_optimum(
    rng: random.Random, pairs: tuple[Pair, ...]
) -> tuple[Instance, list[str], dict[str, str]]:
    """18 seeded students on 4 teams (backgrounds, vae under no_isolation, experience,
    choices, employers, pins) with ``pairs``, and ``form_teams``'s assignment of them."""
    from matcher.teams import form_teams

    ids = ["C1", "C2", "C3", "C4"]
    students = tuple(
        _student(
            f"S{k}",
            background=rng.choice(["AS", "ED", "GRH"]),
            vae=rng.random() < 0.3,
            experience_years=rng.choice([None, 0.0, 1.5, 4.0, 9.0]),
            choices=tuple(rng.sample(ids, rng.randint(0, 3))),
            employer=f"Inst {rng.choice(ids)}" if rng.random() < 0.15 else "",
            pinned=rng.choice(ids) if rng.random() < 0.1 else None,
        )
        for k in range(18)
    )
    instance = _instance(
        students, tuple(_commission(c) for c in ids), pairs, no_isolation=("vae=yes",)
    )
    result = form_teams(instance, ids, PARAMS)
    assert result.assignment, "no valid assignment to start from"
    return instance, ids, dict(result.assignment)


def _assignments(instance: Instance, ids: list[str]) -> list[dict[str, str]]:
    """Every assignment keeping every rule."""
    students = [s.id for s in instance.students]
    found = []
    for teams in itertools.product(ids, repeat=len(students)):
        assignment = dict(zip(students, teams, strict=True))
        if not team_violations(instance, ids, assignment):
            found.append(assignment)
    return found


def _key(instance: Instance, ids: list[str], assignment: dict[str, str]) -> tuple[int, ...]:
    values = team_objectives(instance, ids, assignment)
    return tuple(values[p] for p in instance.settings.teams.priorities)


def _brute(
    instance: Instance,
    ids: list[str],
    feasible: list[dict[str, str]],
    current: dict[str, str],
    student: str,
    wanted: str,
) -> tuple[str, str | None, int | None, int | None]:
    """(verdict, priority, value_if, displaced) by enumeration (module doc)."""
    priorities = instance.settings.teams.priorities
    now = _key(instance, ids, current)
    granted = [a for a in feasible if a[student] == wanted]
    if not granted:
        return ("impossible", None, None, None)

    def others_moved(a: dict[str, str]) -> int:
        return sum(1 for s, team in a.items() if s != student and team != current[s])

    keys = [(_key(instance, ids, a), a) for a in granted]
    within = [a for k, a in keys if all(x <= y for x, y in zip(k, now, strict=True))]
    if within:
        return ("free", None, None, min(others_moved(a) for a in within))
    best = min(k for k, _ in keys)
    stage = next(i for i, (x, y) in enumerate(zip(best, now, strict=True)) if x != y)
    assert best[stage] > now[stage]  # the current result is the optimum
    # Everyone else re-optimised (contract §9): the fewest others moved among the
    # lexicographic optima with the wish, every later priority minimised too (probe s30e).
    tied = [a for k, a in keys if k == best]
    return ("costs", priorities[stage], best[stage], min(others_moved(a) for a in tied))


def _random_cohort(seed: int) -> tuple[Instance, list[str]]:
    rng = random.Random(seed)
    num_teams = rng.choice([2, 3])
    num_students = rng.choice([5, 6]) if num_teams == 2 else rng.choice([6, 7])
    ids = [f"C{t + 1}" for t in range(num_teams)]
    commissions = tuple(_commission(cid) for cid in ids)
    students = []
    for s in range(num_students):
        fields: dict[str, Any] = {
            "background": rng.choice(["AS", "ED"]),
            "experience_years": rng.choice([None, 0.0, 2.0, 5.0]),
        }
        if rng.random() < 0.85:
            fields["choices"] = tuple(rng.sample(ids, rng.randint(1, num_teams)))
        if rng.random() < 0.1:
            fields["employer"] = f"Inst {rng.choice(ids)}"
        if rng.random() < 0.08:
            fields["pinned"] = rng.choice(ids)
        students.append(_student(f"S{s + 1}", **fields))
    pairs = []
    if rng.random() < 0.4:
        a, b = rng.sample(range(num_students), 2)
        pairs.append(
            Pair(
                student_a=f"S{a + 1}",
                student_b=f"S{b + 1}",
                relation=rng.choice(["apart", "together"]),
            )
        )
    priorities = rng.choice(
        [
            ("worst_choice", "balance", "choices", "experience"),
            ("balance", "choices", "worst_choice", "experience"),
            ("choices", "experience"),
        ]
    )
    instance = _instance(tuple(students), commissions, tuple(pairs), priorities=priorities)
    return instance, ids


@pytest.mark.parametrize(("seed", "optimal"), [(s, s % 2 == 1) for s in range(24)])
def test_verdicts_match_brute_force(seed: int, optimal: bool) -> None:
    """Every verdict, priority, value_if and displaced equals the enumeration's (seeded);
    odd seeds tell ``explain`` that the current result is optimal (it is: the
    enumeration's optimum), which takes the shorter path of feasibility solves."""
    instance, ids = _random_cohort(seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    current = min(feasible, key=lambda a: _key(instance, ids, a))
    explanations = explain(instance, ids, current, PARAMS, optimal=optimal)
    expected_wishes = []
    for student in instance.students:
        rank = _available_rank(student, current[student.id], ids)
        if rank is None:
            continue
        expected_wishes += [
            (student.id, t) for t in ids if (_available_rank(student, t, ids) or 0) < rank
        ]
    assert sorted((e.student_id, e.wanted) for e in explanations) == sorted(expected_wishes)
    for e in explanations:
        verdict = _brute(instance, ids, feasible, current, e.student_id, e.wanted)
        assert (e.verdict, e.priority, e.value_if, e.displaced) == verdict, e
        if e.verdict == "costs":
            assert (
                e.value
                == _key(instance, ids, current)[
                    instance.settings.teams.priorities.index(e.priority)  # type: ignore[arg-type]
                ]
            )


def _available_rank(student: Student, team: str, ids: list[str]) -> int | None:
    from matcher.verify.teams import choice_rank

    return choice_rank(student, team, set(ids))


# -- one hand-made case per verdict -----------------------------------------------------


def _three_students() -> tuple[Instance, list[str]]:
    """Three teams of exactly one student; one background, no experience.

    S1 (C1, C3, C2), S2 (C1, C2, C3), S3 (C2, C1, C3). S3 on C2 (rank 1) leaves C1 and C3:
    S1 on C1 puts S2 on C3 (rank 3, worst 3); S2 on C1 puts S1 on C3 (rank 2). Any
    assignment without S3 on C2 gives S3 rank >= 2 and someone else rank >= 2 with a sum
    of at least 6. The optimum: S1 C3, S2 C1, S3 C2, worst 2, choices 4.
    """
    ids = ["C1", "C2", "C3"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C3", "C2")),
        _student("S2", name="Sara", choices=("C1", "C2", "C3")),
        _student("S3", name="Tom", choices=("C2", "C1", "C3")),
    )
    return _instance(students, tuple(_commission(c) for c in ids)), ids


def test_costs_by_hand() -> None:
    """Lina on C1: Sara (on C1) must leave for C2 (rank 2, then Tom gets C3: rank 3) or C3
    (rank 3): the worst choice goes from 2 to 3 whatever the others do; the fewest moves
    at worst 3 is Sara alone to C3 (Tom stays on C2)."""
    instance, ids = _three_students()
    current = {"S1": "C3", "S2": "C1", "S3": "C2"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert (explanation.student_id, explanation.wanted, explanation.wanted_rank) == (
        "S1",
        "C1",
        1,
    )
    assert explanation.verdict == "costs"
    assert (explanation.priority, explanation.value, explanation.value_if) == (
        "worst_choice",
        2,
        3,
    )
    assert explanation.displaced == 1
    assert explanation.moved == (("S2", "Sara", "C1", "C3"),)
    assert "from 2 to 3" in explanation.reason("en")
    assert "de 2 à 3" in explanation.reason("fr")


@pytest.mark.parametrize(
    "override", [{}, {"cp_model_probing_level": 2, "use_sat_inprocessing": True}]
)
def test_wish_solves_skip_probing_and_inprocessing_unless_asked(
    monkeypatch: pytest.MonkeyPatch, override: dict[str, Any]
) -> None:
    """The wish solves run without presolve, cuts, probing and inprocessing (each measured
    to slow these short proofs: ``benchmarks/results/2026-12-04/wish-probing.md``), unless
    the caller's CP-SAT parameters say otherwise; the answer is the same either way."""
    import models.team_wish as team_wish

    made: list[Any] = []
    make = team_wish.make_solver

    def recording(*args: Any, **kwargs: Any) -> Any:
        made.append(make(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(team_wish, "make_solver", recording)
    instance, ids = _three_students()
    current = {"S1": "C3", "S2": "C1", "S3": "C2"}
    params = SolveParams(time_limit=20.0, seed=0, workers=1, cp_sat_parameters=override)
    (explanation,) = explain(instance, ids, current, params)
    assert (explanation.verdict, explanation.value_if, explanation.displaced) == ("costs", 3, 1)
    assert made, "the costs verdict rests on CP-SAT solves"
    for solver in made:
        parameters = solver.parameters
        assert not parameters.cp_model_presolve
        assert parameters.cut_level == 0
        assert parameters.cp_model_probing_level == override.get("cp_model_probing_level", 0)
        assert parameters.use_sat_inprocessing == override.get("use_sat_inprocessing", False)


def test_free_by_hand() -> None:
    """Two teams of one; Lina and Sara both want C1 first then C2: either way one has rank 1
    and the other rank 2, so granting Lina C1 (Sara to C2) keeps every priority: free, one
    student moves."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2")),
        _student("S2", name="Sara", choices=("C1", "C2")),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    (explanation,) = explain(instance, ids, {"S1": "C2", "S2": "C1"}, PARAMS)
    assert explanation.verdict == "free"
    assert explanation.displaced == 1
    assert explanation.moved == (("S2", "Sara", "C1", "C2"),)
    assert explanation.reason("en") == (
        "Granting Lina C1 (their first choice) is free: Sara moves from C1 to C2 at no cost"
    )
    assert explanation.row("fr")[4:9] == ("free", "", "", "", "1")


def test_impossible_conflict_of_interest_by_hand() -> None:
    """Lina works for C1's institution: never on C1, whatever the others (pre-check)."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2"), employer="Inst C1"),
        _student("S2", name="Sara"),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    (explanation,) = explain(instance, ids, {"S1": "C2", "S2": "C1"}, PARAMS)
    assert explanation.verdict == "impossible"
    assert explanation.rule is not None and explanation.rule[0] == "rule_conflict"
    assert explanation.reason("en") == (
        "Lina cannot join C1 (their first choice): their employer, Inst C1, is the "
        "institution of C1"
    )


def test_impossible_team_full_of_pinned_students_by_hand() -> None:
    """Four students, two teams of exactly two: Sara and Tom are pinned to C1, so C1 has no
    room for Lina."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2")),
        _student("S2", name="Sara", pinned="C1"),
        _student("S3", name="Tom", pinned="C1"),
        _student("S4", name="Ugo"),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict == "impossible"
    assert "C1 holds at most 2 students and Sara and Tom are pinned to it" in explanation.reason(
        "en"
    )


def test_impossible_apart_partner_pinned_by_hand() -> None:
    """Lina must be kept apart from Sara, who is pinned to C1: Lina never joins C1."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2")),
        _student("S2", name="Sara", pinned="C1"),
        _student("S3", name="Tom"),
        _student("S4", name="Ugo"),
    )
    pairs = (Pair(student_a="S1", student_b="S2", relation="apart"),)
    instance = _instance(students, tuple(_commission(c) for c in ids), pairs)
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict == "impossible"
    assert explanation.rule is not None and explanation.rule[0] == "rule_apart_pinned"


def test_impossible_by_no_isolation_counts() -> None:
    """vae students (Lina, Ugo) must be 0 or at least 2 per team, and Ugo is pinned to C2:
    Lina on C1 would need two vae students on C1 and two on C2, four, and there are two.
    The pre-check names the condition, its count, the teams and what they would need, in
    both languages, without a solve."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2"), vae=True),
        _student("S2", name="Sara"),
        _student("S3", name="Tom"),
        _student("S4", name="Ugo", vae=True, pinned="C2"),
    )
    instance = _instance(
        students, tuple(_commission(c) for c in ids), no_isolation=("vae=yes",), balance=()
    )
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict == "impossible"
    assert explanation.rule is not None
    assert explanation.rule[0] == "rule_isolation_count"
    assert dict(explanation.rule[1])["needed"] == "4"
    assert "C1, C2 would need 4" in explanation.reason("en")
    # the rule as the settings form names it, not its key (probe s30e)
    assert "la règle « pas d'étudiant isolé » pour vae=yes veut 0 ou au moins 2 de ses 2" in (
        explanation.reason("fr")
    )


def test_impossible_by_no_isolation_nobody_can_join() -> None:
    """Three vae students, Lina, Ugo and Vera, none pinned: counting alone allows Lina on C1
    (C1 needs two of the three, and the third may join either). But Ugo and Vera both work
    for C1's institution, so neither can ever join C1, and Lina would be the only vae
    student there: impossible, whatever the others do."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2"), vae=True),
        _student("S2", name="Sara"),
        _student("S3", name="Tom"),
        _student("S4", name="Ugo", vae=True, employer="Inst C1"),
        _student("S5", name="Vera", vae=True, employer="Inst C1"),
        _student("S6", name="Will"),
    )
    instance = _instance(
        students, tuple(_commission(c) for c in ids), no_isolation=("vae=yes",), balance=()
    )
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2", "S5": "C2", "S6": "C1"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict == "impossible"
    assert explanation.rule == ("rule_isolation_alone", (("condition", "vae=yes"),))
    assert "no other can join them in C1" in explanation.reason("en")


def test_no_isolation_pre_check_stays_quiet_when_a_partner_can_join() -> None:
    """The twin of the case above with nobody's employer at C1: Lina and Vera on C1 would
    leave Ugo alone on C2, but Ugo may follow (no pin), so no pre-check may answer, and the
    solve finds a way: Lina, Vera and Ugo on C1 (three vae there, none on C2; sizes 3 and
    3 with Sara, Tom and Will on C2). Not impossible."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2"), vae=True),
        _student("S2", name="Sara"),
        _student("S3", name="Tom"),
        _student("S4", name="Ugo", vae=True),
        _student("S5", name="Vera", vae=True),
        _student("S6", name="Will"),
    )
    instance = _instance(
        students, tuple(_commission(c) for c in ids), no_isolation=("vae=yes",), balance=()
    )
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2", "S5": "C2", "S6": "C1"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict != "impossible"
    assert explanation.verdict in ("free", "costs")


def test_no_isolation_pre_check_never_forbids_a_feasible_placement() -> None:
    """Twin of the no_isolation pre-check against enumeration, on 40 seeded cohorts with
    vae students, no_isolation on vae, pins, employers and pairs: whenever it answers
    ``impossible`` for student i on team t, no assignment keeping every rule has i on t
    (it is a proof, never a guess). It must also fire somewhere, or this test proves
    nothing."""
    from matcher.explain import _prepare
    from matcher.explain_rules import isolation_rule as _isolation_rule

    fired = 0
    for seed in range(40):
        rng = random.Random(9000 + seed)
        ids = ["C1", "C2", "C3"][: rng.choice([2, 3])]
        students = tuple(
            _student(
                f"S{k + 1}",
                vae=rng.random() < 0.45,
                choices=tuple(rng.sample(ids, rng.randint(1, len(ids)))),
                employer=f"Inst {rng.choice(ids)}" if rng.random() < 0.2 else "",
                pinned=rng.choice(ids) if rng.random() < 0.2 else None,
            )
            for k in range(rng.choice([5, 6, 7]))
        )
        pairs = tuple(
            Pair(student_a=f"S{a + 1}", student_b=f"S{b + 1}", relation=relation)
            for a, b, relation in [
                (*rng.sample(range(len(students)), 2), rng.choice(["apart", "together"]))
            ]
            if rng.random() < 0.5
        )
        instance = _instance(
            students,
            tuple(_commission(c) for c in ids),
            pairs,
            no_isolation=("vae=yes",),
            balance=(),
        )
        feasible = _assignments(instance, ids)
        if not feasible:
            continue
        cohort, data = _prepare(instance, tuple(ids), feasible[0])
        for i, student in enumerate(students):
            for t, wanted in enumerate(ids):
                if _isolation_rule(cohort, data, i, t) is not None:
                    fired += 1
                    assert all(a[student.id] != wanted for a in feasible), (seed, i, t)
    assert fired >= 5


def test_impossible_found_by_the_solve() -> None:
    """No pre-check fires (no conflict, pin, pair partner pinned, full team or no_isolation
    condition), yet no assignment has Lina on C1: teams are exactly 2 (6 students, 3
    teams), Lina must be kept apart from Sara, Tom and Ugo, and Vera and Will work for C1's
    institution, so nobody can be Lina's teammate on C1. The solve with the placement
    fixed proves it, worded generically."""
    ids = ["C1", "C2", "C3"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2")),
        _student("S2", name="Sara"),
        _student("S3", name="Tom"),
        _student("S4", name="Ugo"),
        _student("S5", name="Vera", employer="Inst C1"),
        _student("S6", name="Will", employer="Inst C1"),
    )
    pairs = tuple(
        Pair(student_a="S1", student_b=other, relation="apart") for other in ("S2", "S3", "S4")
    )
    instance = _instance(students, tuple(_commission(c) for c in ids), pairs, balance=())
    current = {"S1": "C2", "S5": "C2", "S2": "C1", "S3": "C1", "S4": "C3", "S6": "C3"}
    (explanation,) = explain(instance, ids, current, PARAMS)
    assert explanation.verdict == "impossible"
    assert explanation.rule == ("rule_no_assignment", ())


@pytest.mark.parametrize("seed", range(6))
def test_fast_optimal_path_agrees_with_full_solves(seed: int) -> None:
    """On a proven optimum ``explain`` takes the fast path (floors, stages stopped at the
    first solution keeping their value, the stages before experience on the model
    without it, move chains); on any result the general path solves every stage to the
    end on one model. Both are exact, so every verdict, priority, value_if and displaced
    agree, on seeded 24-student cohorts too large to enumerate (the twins above cover
    the small ones). The optimum is ``form_teams``'s, proven (status OPTIMAL)."""
    from matcher.teams import form_teams

    rng = random.Random(100 + seed)
    ids = ["C1", "C2", "C3", "C4"]
    students = tuple(
        _student(
            f"S{k}",
            background=rng.choice(["AS", "ED", "GRH"]),
            vae=rng.random() < 0.3,
            experience_years=rng.choice([None, 0.0, 1.5, 4.0, 9.0]),
            choices=tuple(rng.sample(ids, rng.randint(1, 3))),
        )
        for k in range(24)
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    result = form_teams(instance, ids, PARAMS)
    assert str(result.stage.status) == "OPTIMAL"
    fast = explain(instance, ids, dict(result.assignment), PARAMS, optimal=True)
    full = explain(instance, ids, dict(result.assignment), PARAMS, optimal=False)
    assert fast, "every student is on their first choice: nothing compared"
    assert [
        (e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced) for e in fast
    ] == [(e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced) for e in full]


@pytest.mark.parametrize("seed", range(4))
def test_first_stage_skipped_ahead_for_together_students(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A student with a together partner has no move chain to start from (``cheap_answer``
    skips them), so their wish starts at ``worst_choice``, on the model holding every team.
    The fast path solves the balance stage first on the model of the teams each student
    ranks within the worst choice (which keeps the worst choice): a solution there answers
    both stages (2.8-6.7 s -> 0.5-0.7 s on three wishes of 200 students). Exactness: the
    general path (every stage solved to the end on one model) gives the same answers; the
    path is taken at least once over the seeds (counted), so the comparison is not idle."""
    import models.team_wish as team_wish
    from matcher.teams import form_teams

    taken: list[int] = []
    ahead = team_wish.WishSession._ahead

    def counted(
        self: team_wish.WishSession, stage: int, student: int, team: int
    ) -> tuple[Any, Any] | None:
        found = ahead(self, stage, student, team)
        if found is not None and stage == 0 and self.first is not None:
            taken.append(student)
        return found

    monkeypatch.setattr(team_wish.WishSession, "_ahead", counted)
    rng = random.Random(300 + seed)
    ids = ["C1", "C2", "C3", "C4"]
    students = tuple(
        _student(
            f"S{k}",
            background=rng.choice(["AS", "ED", "GRH"]),
            experience_years=rng.choice([None, 0.0, 1.5, 4.0, 9.0]),
            choices=tuple(rng.sample(ids, rng.randint(2, 3))),
        )
        for k in range(20)
    )
    pairs = tuple(
        Pair(student_a=f"S{k}", student_b=f"S{k + 10}", relation="together") for k in range(5)
    )
    instance = _instance(students, tuple(_commission(c) for c in ids), pairs)
    result = form_teams(instance, ids, PARAMS)
    assert str(result.stage.status) == "OPTIMAL"
    fast = explain(instance, ids, dict(result.assignment), PARAMS, optimal=True)
    full = explain(instance, ids, dict(result.assignment), PARAMS, optimal=False)
    assert [
        (e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced) for e in fast
    ] == [(e.student_id, e.wanted, e.verdict, e.priority, e.value_if, e.displaced) for e in full]
    assert taken, "no wish started at the first stage: the path was not compared"


def test_unknown_when_a_solve_is_not_proven() -> None:
    """With a millisecond and no search allowed, no solve on 40 students is proven: every
    wish is unknown, never a guess. No pre-check applies (no pins or employers; each
    explained student's together partner shares their team, so no single move or swap is
    tried without CP-SAT)."""
    rng = random.Random(7)
    ids = ["C1", "C2", "C3", "C4"]
    students = tuple(
        _student(f"S{k}", background=rng.choice(["AS", "ED"]), choices=tuple(rng.sample(ids, 3)))
        for k in range(40)
    )
    pairs = tuple(
        Pair(student_a=f"S{k}", student_b=f"S{k + 4}", relation="together") for k in range(4)
    )
    instance = _instance(students, tuple(_commission(c) for c in ids), pairs)
    current = {s.id: ids[k % 4] for k, s in enumerate(students)}
    params = SolveParams(
        time_limit=0.001,
        seed=0,
        workers=1,
        cp_sat_parameters={"max_number_of_conflicts": 0, "cp_model_presolve": False},
    )
    explanations = explain(instance, ids, current, params, students=["S0", "S1", "S2", "S3"])
    assert explanations
    for explanation in explanations:
        assert explanation.verdict == "unknown"
        assert (explanation.priority, explanation.value_if, explanation.displaced) == (None,) * 3
        assert "time limit (0.001 s)" in explanation.reason("en")


# -- swaps and ranks --------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_swap_pairs_against_a_direct_count(seed: int) -> None:
    """swap_pairs lists exactly the pairs found by trying every swap of a random assignment."""
    instance, ids = _random_cohort(seed)
    rng = random.Random(seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    assignment = rng.choice(feasible)
    expected = set()
    unlisted = 10**6
    for a, b in itertools.combinations(instance.students, 2):
        if not a.choices or not b.choices or assignment[a.id] == assignment[b.id]:
            continue
        rank = {(s.id, t): written_rank(s, t) or unlisted for s in (a, b) for t in ids}
        ta, tb = assignment[a.id], assignment[b.id]
        if rank[(a.id, tb)] < rank[(a.id, ta)] and rank[(b.id, ta)] < rank[(b.id, tb)]:
            swapped = {**assignment, a.id: tb, b.id: ta}
            if not team_violations(instance, ids, swapped):
                expected.add((a.id, b.id))
    found = swap_pairs(instance, ids, assignment)
    assert {(p.student_a, p.student_b) for p in found} == expected


def test_swap_pair_by_hand() -> None:
    """Lina (on C2) wrote C1 first, Sara (on C1) wrote C2 first: swapping them keeps every
    rule and worsens nothing (worst choice 2 -> 1, choices 4 -> 2): priority "none"."""
    ids = ["C1", "C2"]
    students = (
        _student("S1", choices=("C1", "C2")),
        _student("S2", choices=("C2", "C1")),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    (pair,) = swap_pairs(instance, ids, {"S1": "C2", "S2": "C1"})
    assert (pair.student_a, pair.student_b, pair.priority) == ("S1", "S2", "none")
    assert swap_pairs(instance, ids, {"S1": "C1", "S2": "C2"}) == []


def test_rank_distribution_by_hand() -> None:
    """Counts by written position: S1 on their 1st, S2 on their 2nd (C9 unselected still
    counts as written first), S3 unlisted, S4 no choices."""
    students = (
        _student("S1", choices=("C1", "C2")),
        _student("S2", choices=("C9", "C2")),
        _student("S3", choices=("C2",)),
        _student("S4"),
    )
    instance = _instance(students, (_commission("C1"), _commission("C2")))
    assignment = {"S1": "C1", "S2": "C2", "S3": "C1", "S4": "C2"}
    assert rank_distribution(instance, assignment) == {
        "1": 1,
        "2": 1,
        "unlisted": 1,
        "no_choices": 1,
    }


# -- sentences and the command ----------------------------------------------------------


def test_every_sentence_has_both_languages_with_the_same_placeholders() -> None:
    """English and French carry exactly the same placeholders (``explain_*`` labels)."""
    from matcher.labels import _LABELS

    formatter = string.Formatter()
    keys = [key for key in _LABELS if key.startswith("explain_")]
    assert "explain_costs" in keys and "explain_free" in keys
    for key in keys:
        fields = [
            {name for _, name, _, _ in formatter.parse(text) if name} for text in _LABELS[key]
        ]
        assert fields[0] == fields[1], key


def test_french_sentences() -> None:
    """A free and a costs explanation read in French."""
    free = Explanation(
        "S1", "Lina", "C2", "C1", 1, "free", displaced=1, moved=(("S2", "Sara", "C1", "C2"),)
    )
    assert free.reason("fr") == (
        "Accorder C1 (son premier choix) à Lina ne coûte rien : Sara passe de C1 à C2"
    )
    costs = Explanation("S1", "Lina", "C3", "C1", 2, "costs", "balance", 0, 2, 3)
    assert costs.reason("fr") == (
        "Lina n'aurait son deuxième choix C1 qu'en dégradant l'équilibre des équipes "
        "(écarts) : de 0 à 2 (3 autres étudiants changeraient d'équipe)"
    )
    assert len(costs.row("fr")) == len(COLUMNS)


def test_cli_prints_and_writes_explanations(tmp_path: Path) -> None:
    """matcher run then matcher explain --out: a table, and explanations.csv with the columns."""
    runner = CliRunner()
    result_dir, out = tmp_path / "result", tmp_path / "explained"
    instance = str(TINY / "teams-choices")
    ran = runner.invoke(main, ["run", instance, "--out", str(result_dir), "--quiet"])
    assert ran.exit_code == 0, ran.output
    explained = runner.invoke(
        main, ["explain", instance, "--result", str(result_dir), "--out", str(out)]
    )
    assert explained.exit_code == 0, explained.output
    lines = (out / "explanations.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) > 1  # six students want C1 first; only three fit
    assert "C1" in explained.output
    unknown = runner.invoke(
        main, ["explain", instance, "--result", str(result_dir), "--student", "S99"]
    )
    assert unknown.exit_code == 2
    assert "S99" in unknown.output


def test_parallel_processes_give_the_same_answers() -> None:
    """Two worker processes answer the wishes of a random cohort exactly as one process."""
    instance, ids = _random_cohort(23)  # seven wishes
    feasible = _assignments(instance, ids)
    current = min(feasible, key=lambda a: _key(instance, ids, a))
    alone = explain(instance, ids, current, PARAMS)
    assert len(alone) >= 2
    assert explain(instance, ids, current, PARAMS, workers=2) == alone


def test_no_budget_left_gives_unknown_but_pre_checks_still_answer() -> None:
    """With a budget of 0 s no solve starts: the wish the pre-checks settle (Lina's employer
    runs C1) stays impossible, the one needing a solve (Sara to C1: swapping with Tom
    would give Tom his third choice, worst choice 3 instead of 2) is unknown."""
    ids = ["C1", "C2", "C3"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C3", "C2"), employer="Inst C1"),
        _student("S2", name="Sara", choices=("C1", "C2", "C3")),
        _student("S3", name="Tom", choices=("C1", "C3", "C2")),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    current = {"S1": "C3", "S2": "C2", "S3": "C1"}
    verdicts = {
        (e.student_id, e.wanted): e.verdict
        for e in explain(instance, ids, current, PARAMS, budget=0.0)
    }
    assert verdicts == {("S1", "C1"): "impossible", ("S2", "C1"): "unknown"}


# -- answers from the assignments a few moves away (models.wish_witness) ----------------


def _cohort_data(instance: Instance, ids: list[str], current: dict[str, str]) -> tuple[Any, Any]:
    from matcher.explain import _prepare

    cohort, data = _prepare(instance, tuple(ids), current)
    values = tuple((p, cohort.values[p]) for p in cohort.priorities)
    return cohort, (data, values)


@pytest.mark.parametrize("seed", range(30))
def test_neighbourhood_matches_brute_force(seed: int) -> None:
    """Twin of ``Neighbourhood.free`` and ``Neighbourhood.costs`` on every (student, team)
    of a tiny cohort (current result: the enumeration's optimum): an answer is the exact
    fewest others moved (enumeration) with an assignment that has it; levels 0 and 1 are
    complete, so a fewest of 0 or 1 is always found; ``costs`` at the first stage that
    gets worse answers only when that stage goes one above its value."""
    from matcher.explain_rules import pre_check as _pre_check
    from models.wish_witness import Neighbourhood

    instance, ids = _random_cohort(seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    current = min(feasible, key=lambda a: _key(instance, ids, a))
    now = _key(instance, ids, current)
    cohort, (data, values) = _cohort_data(instance, ids, current)
    assert tuple(v for _, v in values) == now
    answered = 0
    for i, student in enumerate(instance.students):
        for t, wanted in enumerate(ids):
            if current[student.id] == wanted:
                continue
            if _pre_check(cohort, data, i, t) is not None:
                continue  # explain never asks: the pre-checks answer ``impossible``
            near = Neighbourhood(data, values, cohort.current, i, t)
            granted = [a for a in feasible if a[student.id] == wanted]

            def moved(a: dict[str, str], sid: str = student.id) -> int:
                return sum(1 for s, team in a.items() if s != sid and team != current[s])

            def as_dict(team_of: Any) -> dict[str, str]:
                return {s.id: ids[int(team_of[k])] for k, s in enumerate(instance.students)}

            keys = [(_key(instance, ids, a), a) for a in granted]
            frees = [a for k, a in keys if all(x <= y for x, y in zip(k, now, strict=True))]
            fewest = min((moved(a) for a in frees), default=None)
            for levels in (1, 2):
                got = near.free(levels)
                if got is None:
                    paired = any(i in pair for pair in data.together)
                    assert paired or fewest is None or fewest > levels - (levels == 2), (i, t)
                    continue
                answered += 1
                d, team_of = got
                assert as_dict(team_of) in frees and d == fewest == moved(as_dict(team_of))
            if frees or not keys:
                continue
            best = min(k for k, _ in keys)
            stage = next(s for s, (x, y) in enumerate(zip(best, now, strict=True)) if x != y)
            tied = [a for k, a in keys if k[: stage + 1] == best[: stage + 1]]
            got = near.costs(stage, levels=2)
            if best[stage] != now[stage] + 1:
                assert got is None
                continue
            if got is None:
                assert any(i in pair for pair in data.together) or min(map(moved, tied)) >= 2
                continue
            answered += 1
            d, team_of = got
            assert as_dict(team_of) in tied and d == min(map(moved, tied))
    if seed == 0:
        assert answered, "the neighbourhood answered nothing: not exercised"


@pytest.mark.parametrize("seed", range(8))
def test_single_moves_agree_with_the_checker(seed: int) -> None:
    """Every single move evaluated at once (``_single_moves``) keeps the rules and has the
    priorities that ``keeps_hard_rules`` and ``objective_values`` give the moved assignment,
    from bases breaking sizes, apart pairs and no-isolation (seeded 18-student cohorts with
    pins, conflicts, pairs and experience); ``_evaluate`` agrees on arbitrary assignments."""
    import numpy as np

    from matcher.explain import _prepare
    from models.teams.evaluate import keeps_hard_rules, objective_values
    from models.wish_witness import _context, _evaluate, _single_moves

    rng = random.Random(500 + seed)
    pairs = (
        Pair(student_a="S0", student_b="S1", relation="apart"),
        Pair(student_a="S2", student_b="S3", relation="together"),
        Pair(student_a="S4", student_b="S5", relation="apart"),
    )
    instance, ids, assignment = _seeded_optimum(rng, pairs)
    # Half the seeds a what-if's result: its moves (``whatif_moves``) from teams before it,
    # some students without one (arrivals).
    before = {s.id: rng.choice(ids) for s in instance.students if rng.random() < 0.8}
    cohort, data = _prepare(instance, tuple(ids), assignment, before if seed % 2 else None)
    names = tuple(p for p in data.priorities if p != "moves")
    assert ("whatif_moves" in names) == bool(seed % 2)
    context = _context(data, names)
    allowed = data.allowed_pairs()
    checked = 0
    for _ in range(12):
        # A valid assignment with one or two students moved anywhere allowed (sizes,
        # apart pairs and no-isolation may break; together pairs are kept, as explain's).
        base = cohort.current.copy()
        for _ in range(rng.randint(1, 2)):
            j = rng.choice([k for k in range(4, data.num_students)])
            base[j] = rng.choice(list(np.flatnonzero(allowed[j])))
        frozen = np.zeros(data.num_students, dtype=bool)
        frozen[rng.randrange(data.num_students)] = True
        ok, keys = _single_moves(context, base, frozen)
        for j in range(data.num_students):
            for u in range(data.num_teams):
                moved = base.copy()
                moved[j] = u
                expected = u != base[j] and not frozen[j] and keeps_hard_rules(data, moved)
                assert ok[j, u] == expected, (j, u)
                if expected:
                    values = objective_values(data, moved)
                    assert list(keys[:, j, u]) == [values[n] for n in names]
                    checked += 1
    assert checked
    anyhow_many = np.array(
        [[rng.randrange(4) for _ in range(data.num_students)] for _ in range(200)], dtype=np.int64
    )
    ok, keys = _evaluate(context, anyhow_many)
    for row, team_of in enumerate(anyhow_many):
        assert ok[row] == keeps_hard_rules(data, team_of)
        values = objective_values(data, team_of)
        assert list(keys[:, row]) == [values[n] for n in names]


def test_free_with_one_mover_from_a_third_team_by_hand() -> None:
    """Teams of 1 or 2 (4 students, 3 teams). Sara on C1 (her first choice), Lina on C2
    (her second; she wants C1), Tom and Ugo on C3 (their first). Worst choice 2 is
    optimal (everyone on a first choice leaves C2 empty) and so is choices 5 (one rank 2).
    Lina on C1 leaves C2 empty: someone must join it. Sara cannot (C2 is unlisted for
    her: rank 3), Ugo neither (unlisted: rank 3); Tom wrote C2 second: Lina rank 1 and
    Tom rank 2 keep worst choice 2 and choices 5: free, with exactly one mover, Tom, who is
    not on the wished team (the move chains from the wished team need two movers; only the
    complete level 1 finds it without CP-SAT)."""
    from models.wish_chains import cheap_answer
    from models.wish_witness import Neighbourhood

    ids = ["C1", "C2", "C3"]
    students = (
        _student("S1", name="Sara", choices=("C1", "C3")),
        _student("S2", name="Lina", choices=("C1", "C2")),
        _student("S3", name="Tom", choices=("C3", "C2")),
        _student("S4", name="Ugo", choices=("C3", "C1")),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    current = {"S1": "C1", "S2": "C2", "S3": "C3", "S4": "C3"}
    assert _key(instance, ids, current) == min(
        _key(instance, ids, a) for a in _assignments(instance, ids)
    )
    cohort, (data, values) = _cohort_data(instance, ids, current)
    assert cheap_answer(data, values, cohort.current, 1, 0)[0] is None
    found = Neighbourhood(data, values, cohort.current, 1, 0).free()
    assert found is not None and found[0] == 1 and list(found[1]) == [0, 0, 1, 2]
    (explanation,) = explain(instance, ids, current, PARAMS, optimal=True)
    assert (explanation.verdict, explanation.displaced) == ("free", 1)
    assert explanation.moved == (("S3", "Tom", "C3", "C2"),)


def test_free_by_swap_by_hand() -> None:
    """Two teams of exactly two. Lina (C2) and Sara (C1) both wrote C1 first, C2 second;
    Tom is pinned to C1, Ugo (C2) wrote nothing. C1 has one free place: one of Lina and
    Sara has rank 2 whatever happens, so worst choice 2 and choices 3 are optimal. Lina
    on C1 alone makes C1 3 and C2 1: someone must leave C1 for C2, and only Sara may (Tom
    is pinned). Lina rank 1, Sara rank 2 keep worst 2 and choices 3: free by a swap, one
    mover (moving nobody else breaks the sizes), found without CP-SAT."""
    from models.wish_witness import Neighbourhood

    ids = ["C1", "C2"]
    students = (
        _student("S1", name="Lina", choices=("C1", "C2")),
        _student("S2", name="Sara", choices=("C1", "C2")),
        _student("S3", name="Tom", pinned="C1"),
        _student("S4", name="Ugo"),
    )
    instance = _instance(students, tuple(_commission(c) for c in ids))
    current = {"S1": "C2", "S2": "C1", "S3": "C1", "S4": "C2"}
    assert _key(instance, ids, current) == min(
        _key(instance, ids, a) for a in _assignments(instance, ids)
    )
    cohort, (data, values) = _cohort_data(instance, ids, current)
    found = Neighbourhood(data, values, cohort.current, 0, 0).free()
    assert found is not None and found[0] == 1 and list(found[1]) == [0, 1, 0, 1]
    (explanation,) = explain(instance, ids, current, PARAMS, optimal=True)
    assert (explanation.verdict, explanation.displaced) == ("free", 1)
    assert explanation.moved == (("S2", "Sara", "C1", "C2"),)


def test_explain_twins_through_the_neighbourhood(monkeypatch: pytest.MonkeyPatch) -> None:
    """The brute-force twins again (seeds 0-39, proven-optimal path), counting the answers
    that came from ``models.wish_witness`` instead of a solve: every verdict, priority,
    value_if and displaced still equals the enumeration's, and some ``costs`` answers did
    come from the neighbourhood (the fast path is exercised, not only present; on these
    cohorts the move chains of ``cheap_answer`` find every cheap ``free`` first: the
    neighbourhood's ``free`` through ``explain`` is the hand-made third-team case above)."""
    from models import wish_witness

    taken: list[str] = []
    free, costs = wish_witness.Neighbourhood.free, wish_witness.Neighbourhood.costs

    def spy_free(self: Any, levels: int = 1) -> Any:
        found = free(self, levels)
        taken.extend(["free"] if found is not None else [])
        return found

    def spy_costs(self: Any, stage: int, levels: int = 1) -> Any:
        found = costs(self, stage, levels)
        taken.extend(["costs"] if found is not None else [])
        return found

    monkeypatch.setattr(wish_witness.Neighbourhood, "free", spy_free)
    monkeypatch.setattr(wish_witness.Neighbourhood, "costs", spy_costs)
    for seed in range(40):
        instance, ids = _random_cohort(seed)
        feasible = _assignments(instance, ids)
        if not feasible:
            continue
        current = min(feasible, key=lambda a: _key(instance, ids, a))
        for e in explain(instance, ids, current, PARAMS, optimal=True):
            verdict = _brute(instance, ids, feasible, current, e.student_id, e.wanted)
            assert (e.verdict, e.priority, e.value_if, e.displaced) == verdict, (seed, e)
    assert "costs" in taken, taken


@pytest.mark.parametrize("seed", range(40))
def test_shared_witnesses_keep_the_answers_exact(seed: int) -> None:
    """Assignments found by earlier solves start later wishes (``WishSession.known``):
    every feasible assignment of a tiny cohort is handed to the session as if a solve had
    found it, so that each wish starts from the witness keeping the most leading priorities
    (its stages skipped). Every verdict, priority, value_if and displaced still equals the
    enumeration's; the witness's count of kept priorities equals a direct count (the
    validator's objectives) over the assignments placing the student there. A count one
    too high would skip a stage that gets worse (wrong ``free``) and fails here."""
    import numpy as np

    from matcher.explain import _Answerer, _wishes
    from matcher.explain_rules import pre_check as _pre_check
    from models.team_wish import WishSession

    instance, ids = _random_cohort(seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    current = min(feasible, key=lambda a: _key(instance, ids, a))
    cohort, (data, values) = _cohort_data(instance, ids, current)
    answerer = _Answerer(data, cohort.current, values, PARAMS, optimal=True)
    answerer.session = WishSession(data, values, cohort.current, optimal=True, share=True)
    order = [s.id for s in instance.students]
    arrays = [np.array([ids.index(a[sid]) for sid in order]) for a in feasible]
    assert answerer.session.known is not None
    answerer.session.known.found.extend(arrays)
    now = _key(instance, ids, current)

    def kept(a: dict[str, str]) -> int:
        key = _key(instance, ids, a)
        return next((k for k in range(len(now)) if key[k] != now[k]), len(now))

    used = 0
    for i, t in _wishes(instance, data.ranks, cohort.current, None):
        if _pre_check(cohort, data, i, t) is not None:
            continue
        sid, wanted = order[i], ids[t]
        best = max((kept(a) for a in feasible if a[sid] == wanted), default=0)
        found = answerer.session.known.best(i, t)
        if best == 0:
            assert found is None
        else:
            assert found is not None and found[0] == best and ids[int(found[1][i])] == wanted
            used += 1
        answer = answerer.answer(i, t)
        displaced = None
        if answer.team_of is not None:
            moved = answer.team_of != cohort.current
            displaced = int(moved.sum()) - int(moved[i])
        got = (answer.verdict, answer.priority, answer.value_if, displaced)
        assert got == _brute(instance, ids, feasible, current, sid, wanted), (seed, sid, wanted)
    if used == 0:
        pytest.skip("no wish with a witness in this cohort")


def _cheap_answer_one_by_one(
    data: Any, values: Any, current: Any, student: int, team: int
) -> tuple[str | None, Any, int]:
    """``cheap_answer`` as first written: each chain built and checked on its own
    (``keeps_hard_rules``, ``objective_values``), in the order its docstring gives."""
    import numpy as np

    from models.teams.evaluate import keeps_hard_rules, objective_values

    if any(student in pair for pair in data.together):
        return None, None, 0
    names = [name for name, _ in values]
    now = [value for _, value in values]
    ranks, pinned = data.ranks, data.pinned_or_none()
    paired = {i for pair in (*data.together, *data.apart) for i in pair}
    worst = int(ranks[np.arange(data.num_students), current].max(initial=0))
    source = int(current[student])

    def may_go(j: int, u: int) -> bool:
        if data.conflict[j, u] or pinned[j] >= 0:
            return False
        return bool(ranks[j].max() == 0 or 0 < ranks[j, u] <= worst)

    moved = current.copy()
    moved[student] = team
    candidates = [(moved, 0)]
    for j in [int(j) for j in np.nonzero(current == team)[0] if j != student]:
        if j in paired:
            continue
        for u in range(data.num_teams):
            if u == team or not may_go(j, u):
                continue
            chain = moved.copy()
            chain[j] = u
            candidates.append((chain, 1))
            if u == source:
                continue
            for k in map(int, np.nonzero(current == u)[0]):
                if k != j and k not in paired and may_go(k, source):
                    longer = chain.copy()
                    longer[k] = source
                    candidates.append((longer, 2))
    best = None
    for candidate, displaced in candidates:
        if not keeps_hard_rules(data, candidate):
            continue
        found = objective_values(data, candidate)
        key = [found[name] for name in names]
        if all(k <= v for k, v in zip(key, now, strict=True)) and displaced <= 1:
            return "free", candidate, len(names)
        if best is None or [*key, displaced] < best[0]:
            best = ([*key, displaced], candidate)
    if best is None:
        return None, None, 0
    settled = 0
    while settled < len(names) and best[0][settled] == now[settled]:
        settled += 1
    return None, best[1], settled


@pytest.mark.parametrize("seed", range(8))
def test_cheap_answer_twin_of_the_one_by_one_chains(seed: int) -> None:
    """``cheap_answer`` builds its chains as arrays and checks them all at once: the same
    verdict, the same start (the first best chain) and the same settled count as the chains
    built and checked one by one (``_cheap_answer_one_by_one``), for every wish of every
    student to every team, on seeded 18-student cohorts with pins, conflicts, pairs,
    no-isolation and experience, from their optimal teams and from a worse start."""
    import numpy as np

    from matcher.explain import _prepare
    from models.wish_chains import cheap_answer

    rng = random.Random(900 + seed)
    pairs = (
        Pair(student_a="S0", student_b="S1", relation="apart"),
        Pair(student_a="S2", student_b="S3", relation="together"),
    )
    instance, ids, optimal = _seeded_optimum(rng, pairs)
    students = instance.students
    # A worse start: the optimal teams with two free students swapped.
    free = [s.id for s in students if s.pinned is None and s.id not in {"S2", "S3"}]
    a, b = rng.sample(free, 2)
    swapped = {**optimal, a: optimal[b], b: optimal[a]}
    compared = started = 0
    for current in (optimal, swapped):
        cohort, data = _prepare(instance, tuple(ids), current)
        values = tuple((p, cohort.values[p]) for p in cohort.priorities)
        for i in range(data.num_students):
            for t in range(data.num_teams):
                if t == cohort.current[i]:
                    continue
                answer, start, settled = cheap_answer(data, values, cohort.current, i, t)
                verdict, expected_start, expected_settled = _cheap_answer_one_by_one(
                    data, values, cohort.current, i, t
                )
                assert (None if answer is None else answer.verdict) == verdict, (i, t)
                assert settled == expected_settled, (i, t)
                assert (start is None) == (expected_start is None), (i, t)
                if start is not None:
                    assert np.array_equal(start, expected_start), (i, t)
                compared += 1
                started += expected_start is not None
    assert compared and started


def test_each_students_best_wish_is_answered_before_anyones_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Six students on their fourth choice, three wishes each: the wishes go to the solves
    best first across the cohort (all six first choices, then the second, then the third),
    so a time limit running out leaves the least wanted ones unknown, not every wish of the
    last students; explanations.csv keeps file order, best rank first."""
    import matcher.explain as explain_module

    ids = ["C1", "C2", "C3", "C4"]
    students = tuple(
        _student(f"S{k}", background="AS", choices=tuple(ids[(k + j) % 4] for j in range(4)))
        for k in range(6)
    )
    current = {s.id: s.choices[3] for s in students}
    instance = _instance(students, tuple(_commission(c) for c in ids), ())
    asked: list[tuple[int, int]] = []

    def record(self: object, i: int, t: int) -> object:
        asked.append((i, t))
        return explain_module._Answer("unknown")

    monkeypatch.setattr(explain_module._Answerer, "answer", record)
    explanations = explain(instance, ids, current, PARAMS)
    # Student k's j-th choice is team (k + j) % 4.
    assert asked == [(k, (k + j) % 4) for j in range(3) for k in range(6)]
    assert [(e.student_id, e.wanted) for e in explanations] == [
        (f"S{k}", ids[(k + j) % 4]) for k in range(6) for j in range(3)
    ]


@pytest.mark.parametrize("seed", range(16))
def test_whatif_verdicts_put_its_moves_first_as_brute_force(seed: int) -> None:
    """A what-if's result is the optimum of `moves` (students of a team that still exists
    whose team changes, contract §6) then the settings' priorities: its explanations
    weigh those moves first. Enumerated on seeded tiny cohorts: the teams before the
    what-if are a random valid assignment (one student arriving, so with no team before),
    the result the lexicographic optimum of (moves, priorities), and every verdict,
    priority (`moves` named so), value, value_if and displaced equal the enumeration's.
    Before (probe s27) moves were left out: a wish raising them read `free`."""
    instance, ids = _random_cohort(100 + seed)
    feasible = _assignments(instance, ids)
    if not feasible:
        pytest.skip("this random cohort admits no assignment")
    rng = random.Random(seed)
    before = dict(rng.choice(feasible))
    before.pop(rng.choice(list(before)))  # an arrival: in no team before

    def key(a: dict[str, str]) -> tuple[int, ...]:
        moves = sum(1 for s, team in before.items() if a[s] != team)
        return (moves, *_key(instance, ids, a))

    names = ("moves", *instance.settings.teams.priorities)
    current = min(feasible, key=key)
    now = key(current)
    explanations = explain(instance, ids, current, PARAMS, before=before)
    assert explanations or all(
        (_available_rank(s, current[s.id], ids) or 0) <= 1 for s in instance.students
    )
    for e in explanations:
        granted = [a for a in feasible if a[e.student_id] == e.wanted]
        if not granted:
            assert e.verdict == "impossible", e
            continue

        def others(a: dict[str, str], student: str = e.student_id) -> int:
            return sum(1 for s, team in a.items() if s != student and team != current[s])

        within = [a for a in granted if all(x <= y for x, y in zip(key(a), now, strict=True))]
        if within:
            assert (e.verdict, e.displaced) == ("free", min(map(others, within))), e
            continue
        best = min(map(key, granted))
        stage = next(i for i, (x, y) in enumerate(zip(best, now, strict=True)) if x != y)
        tied = [a for a in granted if key(a) == best]  # everyone re-optimised (probe s30e)
        expected = ("costs", names[stage], now[stage], best[stage], min(map(others, tied)))
        assert (e.verdict, e.priority, e.value, e.value_if, e.displaced) == expected, e
