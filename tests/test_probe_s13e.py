"""Probe s13e: explanations (contract §9) against an independent brute force.

Tiny hand-made cohorts (7-9 students, 3 selected commissions) were enumerated in plain
Python and every row of ``explanations.csv`` (``run``, ``explain --result``, with and
without ``--student``) compared, under reordered and single priorities, balance subsets,
no_isolation, pins, apart/together pairs, own sizes, conflict of interest on and off,
students without choices and choices naming unselected proposals: the results of ``run``
agreed everywhere. Four defects:

- on a result edited by hand that keeps every rule but is not optimal, a wish that can
  only be granted by making a priority worse (the earlier ones made better) was called
  ``free`` ("at no cost") while that priority got worse: ``free`` means every priority
  keeps its value; it is now ``costs`` at the first priority that must get worse, the
  earlier ones held at most at their values;
- the report called a swap pair that worsens no priority "a defect of the result" even
  when the swap betters none either (the sum of choice ranks not being a priority): such
  a pair is no defect, both may have the swap at no cost;
- an experience cost of a few tenths over a small cohort read "from 0.1 to 0.1 years":
  the years now take as many decimals as tell the two values apart;
- ``explain --result`` trusted summary.json's OPTIMAL (with values recomputed equal) after
  the cohort changed (a pin removed): the fast path's floors then named needless movers
  (and on other edits gave ``impossible`` or ``unknown`` for a ``free`` wish); the teams'
  digest in summary.json now says whether the proof still holds.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

# Lina and Sara (AS) both want C1 only, Tom and Ugo (ED) C2 only; Sara is pinned to C1.
# The optimum puts the two AS in C1 (choices 4, balance 4); the director balanced the
# teams by hand: Lina in C2, Tom in C1 (choices 6, balance 0), a result keeping every rule.
_COHORT = {
    "commissions.csv": (
        "id,institution,sector,problem_type\n"
        "C1,CPAS Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,jeunesse,diagnostic\n"
    ),
    "students.csv": (
        "id,name,background,choices,pinned\n"
        "S1,Lina Petit,AS,C1,\n"
        "S2,Sara Lenoir,AS,C1,C1\n"
        "S3,Tom Klein,ED,C2,\n"
        "S4,Ugo Moreau,ED,C2,\n"
    ),
    "settings.toml": (
        "[selection]\ncount = 2\n\n[teams]\nmin_size = 1\nmax_size = 3\n"
        'balance = ["background"]\npriorities = ["choices", "balance"]\n'
    ),
}
_EDITED = {
    "selection.csv": "id,selected\nC1,yes\nC2,yes\n",
    "teams.csv": "student_id,commission_id\nS1,C2\nS2,C1\nS3,C1\nS4,C2\n",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wish_on_an_edited_result_that_worsens_a_priority_is_not_free(
    tmp_path: Path, lang: str
) -> None:
    # Contract §9: "`free`: an equally good result places them there (every priority keeps
    # its value) ... `costs`: ... the first priority (in the order of the settings) that
    # gets worse goes from `value` to `value_if`"; §8: `explain --result` accepts a result
    # edited by hand.
    instance = write_cohort(tmp_path / "cohort", _COHORT)
    result = write_cohort(tmp_path / "edited", _EDITED)
    out = tmp_path / "why"
    code, output = invoke(
        ["explain", str(instance), "--result", str(result), "--out", str(out), "--lang", lang]
    )
    assert code == 0, output
    rows = {(r["student_id"], r["wanted"]): r for r in _rows(out / "explanations.csv")}
    assert set(rows) == {("S1", "C1"), ("S3", "C2")}
    # Lina in C1 beside Sara (pinned): with Tom or Ugo in C1 too (choices 5, balance 2) or
    # with both ED in C2 (choices 4, balance 4). The choices get better, never the balance
    # (0): it must get worse, at best to 2 with nobody else moving (Tom stays in C1).
    # Before: "free", Tom moving to C2 "at no cost" while the balance went from 0 to 4.
    lina = rows[("S1", "C1")]
    assert (lina["verdict"], lina["priority"], lina["value"], lina["value_if"]) == (
        "costs",
        "balance",
        "0",
        "2",
    )
    assert lina["displaced"] == "0"
    assert "Lina Petit" in lina["reason"] and "C1" in lina["reason"]
    # Tom in C2: Ugo takes his place in C1, every priority as it is (choices 6, balance 0).
    tom = rows[("S3", "C2")]
    assert (tom["verdict"], tom["displaced"], tom["priority"]) == ("free", "1", "")
    assert "Ugo Moreau" in tom["reason"]


def test_an_edited_result_that_breaks_a_rule_is_not_explained(tmp_path: Path) -> None:
    # Contract §2: "`3` ... for `check`, the result breaks rules"; "On `2`, `3` and `4` the
    # command writes no output files". Sara is pinned to C1 and moved to C2 by hand.
    instance = write_cohort(tmp_path / "cohort", _COHORT)
    broken = dict(
        _EDITED, **{"teams.csv": "student_id,commission_id\nS1,C1\nS2,C2\nS3,C1\nS4,C2\n"}
    )
    result = write_cohort(tmp_path / "edited", broken)
    out = tmp_path / "why"
    code, output = invoke(
        ["explain", str(instance), "--result", str(result), "--out", str(out), "--lang", "fr"]
    )
    assert code == 3, output
    assert "Sara Lenoir" in output or "S2" in output
    assert "enfreint" in output
    assert not out.exists()


_SWAP_COHORT = {
    "commissions.csv": (
        "id,institution,sector,problem_type\n"
        "C1,CPAS Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,jeunesse,diagnostic\n"
    ),
    # Lina (in C1) wants C2, Sara (in C2) wants C1, both AS: their swap keeps the balance.
    "students.csv": (
        "id,name,background,choices\n"
        "S1,Lina Petit,AS,C2;C1\n"
        "S2,Sara Lenoir,AS,C1;C2\n"
        "S3,Tom Klein,ED,C1\n"
        "S4,Ugo Moreau,ED,C2\n"
    ),
}
_SWAP_RESULT = {
    "selection.csv": "id,selected\nC1,yes\nC2,yes\n",
    "teams.csv": "student_id,commission_id\nS1,C1\nS2,C2\nS3,C1\nS4,C2\n",
}


@pytest.mark.parametrize(
    ("priorities", "defect"),
    [
        ('["balance"]', False),
        ('["worst_choice", "balance"]', True),
        ('["balance", "choices"]', True),
    ],
)
def test_a_swap_pair_worsening_nothing_is_a_defect_only_when_it_betters_a_priority(
    tmp_path: Path, priorities: str, defect: bool
) -> None:
    # Contract §9: swap_pairs "listed in the report, each with the priority the swap would
    # worsen, or "none"". Lina and Sara (rank 2 each) swap to rank 1: the worst choice (2
    # to 1) and the sum of choice ranks get better, the balance stays; a defect of the
    # result only when one of those is a priority, else the swap changes no priority.
    files = dict(_SWAP_COHORT)
    files["settings.toml"] = (
        f'[selection]\ncount = 2\n\n[teams]\nbalance = ["background"]\npriorities = {priorities}\n'
    )
    instance = write_cohort(tmp_path / "cohort", files)
    result = write_cohort(tmp_path / "result", _SWAP_RESULT)
    for lang, defect_words, unranked_words in (
        ("en", "a defect of the result", "the swap changes none of the priorities"),
        ("fr", "un défaut du résultat", "l'échange ne change aucune priorité"),
    ):
        out = tmp_path / f"report-{lang}"
        code, output = invoke(
            ["report", str(instance), "--result", str(result), "--out", str(out), "--lang", lang]
        )
        assert code == 0, output
        page = html.unescape((out / "report.html").read_text(encoding="utf-8"))
        assert "Lina Petit (C1)" in page and "Sara Lenoir (C2)" in page
        assert (defect_words in page) == defect
        assert (unranked_words in page) == (not defect)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "from 0.05 to 0.06 years"), ("fr", "de 0,05 à 0,06 an")],
)
def test_an_experience_cost_never_reads_as_equal_values(lang: str, words: str) -> None:
    # Contract §9: "`costs`: ... the first priority ... that gets worse goes from `value`
    # to `value_if`" (`reason` one sentence). Found on 8 students: a gap of 4 tenths-times-N
    # becoming 5 read "from 0.1 to 0.1 years", a cost that looks like none; the workbook's
    # values alike.
    from matcher.explanation import Explanation

    found = Explanation(
        student_id="a5",
        student_name="Emil Uhl",
        commission_id="K3",
        wanted="K2",
        wanted_rank=1,
        verdict="costs",
        priority="experience",
        value=4,
        value_if=5,
        displaced=4,
        num_students=8,
    )
    assert words in found.reason(lang)
    assert found.shown_values() == (0.05, 0.06)
    # One decimal stays the rule when it tells the values apart (as the report shows them).
    wider = Explanation(
        student_id="a5",
        student_name="Emil Uhl",
        commission_id="K3",
        wanted="K2",
        wanted_rank=1,
        verdict="costs",
        priority="experience",
        value=80,
        value_if=240,
        displaced=4,
        num_students=8,
    )
    assert wider.shown_values() == (1.0, 3.0)
    assert ("from 1.0 to 3.0 years" if lang == "en" else "de 1,0 à 3,0 ans") in wider.reason(lang)


def test_a_recorded_optimum_is_not_trusted_after_the_cohort_changed(tmp_path: Path) -> None:
    # Contract §9: "`free`: an equally good result places them there ...; `displaced` says
    # how many other students would move" (README: the fewest who must). Lina was pinned
    # to C1 when the teams were solved (summary.json: OPTIMAL, worst 3, balance 0, choices
    # 7, the only optimum then); the director removed the pin and asked again. The values
    # are unchanged but no longer an optimum: the proof of the recorded solve was trusted
    # (each stage floored at its value) and Tom's wish moved Sara needlessly (3 movers).
    files = {
        "commissions.csv": (
            "id,institution,sector,problem_type\n"
            "C1,CPAS Namur,CPAS,évaluation\n"
            "C2,AMO Le Cercle,jeunesse,diagnostic\n"
            "C3,Handi Liège,handicap,faisabilité\n"
        ),
        "students.csv": (
            "id,name,background,choices,pinned\n"
            "S1,Lina Petit,ED,C3;C2,C1\n"
            "S2,Sara Lenoir,AS,C1,\n"
            "S3,Tom Klein,ED,C3;C2,\n"
            "S4,Ugo Moreau,ED,C3;C1;C2,\n"
        ),
        "settings.toml": (
            "[selection]\ncount = 3\n\n[teams]\nmin_size = 1\nmax_size = 4\n"
            'balance = ["background"]\npriorities = ["worst_choice", "balance", "choices"]\n'
        ),
    }
    instance = write_cohort(tmp_path / "cohort", files)
    result = tmp_path / "result"
    code, output = invoke(["run", str(instance), "--out", str(result), "--no-explain"])
    assert code == 0, output
    teams = {r["student_id"]: r["commission_id"] for r in _rows(result / "teams.csv")}
    assert teams == {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C3"}
    unpinned = files["students.csv"].replace("C3;C2,C1\n", "C3;C2,\n")
    write_cohort(instance, {"students.csv": unpinned})
    out = tmp_path / "why"
    code, output = invoke(
        ["explain", str(instance), "--result", str(result), "--out", str(out), "--lang", "en"]
    )
    assert code == 0, output
    rows = {(r["student_id"], r["wanted"]): r for r in _rows(out / "explanations.csv")}
    # Tom in C3: Ugo to C1 and Lina to C2 keep a member with ED background in every team
    # (worst 2, choices 6); with one mover a team loses its ED member or a rank 3 stays.
    tom = rows[("S3", "C3")]
    assert (tom["verdict"], tom["displaced"]) == ("free", "2")
    assert "Sara Lenoir" not in tom["reason"]


def _edited_twin(seed: int) -> None:
    """Every wish of a random valid, not optimal result of a tiny random cohort, against
    enumeration with the validator's objectives (``matcher.verify.teams``), never the engine:
    ``free`` when some assignment with the wish keeps every priority at most its value
    (fewest others moved), else ``costs`` at the first priority whose least value, the
    earlier ones held at most at theirs, is above its value (fewest moved at that value)."""
    import itertools
    import random

    from matcher.explain import explain
    from matcher.schemas import Commission, Instance, Settings, Student, TeamSettings
    from matcher.verify.teams import choice_rank, team_objectives, team_violations
    from models.solve import SolveParams

    rng = random.Random(seed)
    ids = ["C1", "C2", "C3"]
    students = tuple(
        Student(
            id=f"S{k + 1}",
            background=rng.choice(["AS", "ED"]),
            experience_years=rng.choice([None, 0.0, 2.0, 5.0]),
            choices=tuple(rng.sample(ids, rng.randint(1, 3))) if rng.random() < 0.85 else (),
        )
        for k in range(rng.choice([5, 6]))
    )
    priorities = rng.choice(
        [
            ("choices", "worst_choice", "balance"),
            ("balance", "choices"),
            ("experience", "worst_choice"),
            ("worst_choice", "balance", "choices", "experience"),
        ]
    )
    instance = Instance(
        name="t",
        commissions=tuple(
            Commission(id=c, institution=f"Inst {c}", sector="s", problem_type="p") for c in ids
        ),
        students=students,
        settings=Settings(teams=TeamSettings(priorities=priorities, min_size=1, max_size=3)),
    )
    order = [s.id for s in students]
    valid = [
        dict(zip(order, teams, strict=True))
        for teams in itertools.product(ids, repeat=len(order))
        if not team_violations(instance, ids, dict(zip(order, teams, strict=True)))
    ]

    def key(a: dict[str, str]) -> tuple[int, ...]:
        values = team_objectives(instance, ids, a)
        return tuple(values[p] for p in priorities)

    keys = [(key(a), a) for a in valid]
    best = min(k for k, _ in keys)
    current = rng.choice([a for k, a in keys if k != best])
    now = key(current)
    params = SolveParams(time_limit=20.0, seed=0, workers=1)
    for e in explain(instance, ids, current, params):
        assert (
            choice_rank(next(s for s in students if s.id == e.student_id), e.wanted, set(ids))
            is not None
        )

        def moved(a: dict[str, str], who: str = e.student_id) -> int:
            return sum(1 for s, t in a.items() if s != who and t != current[s])

        granted = [(k, a) for k, a in keys if a[e.student_id] == e.wanted]
        within = [a for k, a in granted if all(x <= y for x, y in zip(k, now, strict=True))]
        if within:
            assert (e.verdict, e.displaced) == ("free", min(map(moved, within))), e
            continue
        kept = granted
        for stage, name in enumerate(priorities):
            least = min(k[stage] for k, _ in kept)
            if least > now[stage]:
                fewest = min(moved(a) for k, a in kept if k[stage] == least)
                expected = ("costs", name, now[stage], least, fewest)
                assert (e.verdict, e.priority, e.value, e.value_if, e.displaced) == expected, e
                break
            kept = [(k, a) for k, a in kept if k[stage] <= now[stage]]


@pytest.mark.parametrize("seed", [*range(10), 19])
def test_every_wish_of_an_edited_result_matches_enumeration(seed: int) -> None:
    # Contract §9 (`free`: "every priority keeps its value"; `costs`: "the first priority
    # ... that gets worse goes from `value` to `value_if`"), §8: `explain --result` reads a
    # result edited by hand, so not optimal: the twin of the first test on random cohorts
    # (seed 19 holds a wish that makes an earlier priority better and a later one worse).
    _edited_twin(seed)
