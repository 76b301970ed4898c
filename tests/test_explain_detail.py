"""A ``costs`` explanation names what granting the wish breaks, in the cohort's terms
(issue 14: "C04 would have 3 educators, at most 2"): the balanced value and team out of
target for ``balance``, the student pushed onto the new worst rank for ``worst_choice``.
Hand-made cohorts whose re-solve is worked out in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort
from csvrows import read_rows

from matcher.explanation import Explanation

COMMISSIONS = "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\nC3,C,s3,p3\n"

# Two teams of three (count 2: C1 and C2 by file order at equal values). Background A is
# held by 2 students (target 1 per team), B by 4 (target 2). S1 (A) is pinned to C1, so the
# other A, S2, must be in C2 for balance (the first priority here) although C1 is her first
# choice; the B students gave no choices. Granting S2 C1 puts both A in C1: C1 holds 2 × A
# (target 1) and 1 × B (target 2), C2 none of A and 3 × B: balance 0 -> 4, the first
# priority: ``costs`` at balance, C1 named (the wished team first), value A first seen.
BALANCE = {
    "commissions.csv": COMMISSIONS,
    "students.csv": (
        "id,name,background,choices,pinned\n"
        "S1,Ana,A,,C1\nS2,Lina,A,C1;C2,\nS3,Bo,B,,\nS4,Cy,B,,\nS5,Di,B,,\nS6,Ed,B,,\n"
    ),
    "settings.toml": (
        '[selection]\ncount = 2\n[teams]\nbalance = ["background"]\n'
        'priorities = ["balance", "worst_choice", "choices"]\n'
    ),
}

# Three teams of one. S1 C1;C2;C3, S2 C1;C3;C2, S3 C2;C1;C3: the optimum gives S1 C1, S3 C2
# and S2 C3 (her second choice; worst choice 2). Granting S2 C1 leaves S1 and S3 on C2 and
# C3: S1 on C3 (third) and S3 on C2, or S1 on C2 and S3 on C3 (third): worst choice 3 either
# way; the fewest moves (S1 alone) puts S1, Ana, on C3, her third written choice.
WORST = {
    "commissions.csv": COMMISSIONS,
    "students.csv": (
        "id,name,background,choices\nS1,Ana,A,C1;C2;C3\nS2,Lina,A,C1;C3;C2\nS3,Bo,A,C2;C1;C3\n"
    ),
    "settings.toml": '[selection]\ncount = 3\n[teams]\npriorities = ["worst_choice", "choices"]\n',
}


def _costs(tmp_path: Path, files: dict[str, str], lang: str) -> dict[str, str]:
    cohort = write_cohort(tmp_path / "cohort", files)
    out = tmp_path / f"out-{lang}"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    rows = [r for r in read_rows(out / "explanations.csv") if r["verdict"] == "costs"]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", " — C1 would have 2 × A, target 1 ("), ("fr", " — C1 aurait 2 × A, cible 1 (")],
)
def test_a_balance_cost_names_the_team_and_value_out_of_target(
    tmp_path: Path, lang: str, said: str
) -> None:
    row = _costs(tmp_path, BALANCE, lang)
    assert (row["student_id"], row["wanted"], row["priority"]) == ("S2", "C1", "balance")
    assert (row["value"], row["value_if"]) == ("0", "4")
    assert said in row["reason"], row["reason"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", " — Ana would go to C3, their third choice ("),
        ("fr", " — Ana irait dans C3, son troisième choix ("),
    ],
)
def test_a_worst_choice_cost_names_who_gets_the_new_worst_rank(
    tmp_path: Path, lang: str, said: str
) -> None:
    row = _costs(tmp_path, WORST, lang)
    assert (row["student_id"], row["wanted"], row["priority"]) == ("S2", "C1", "worst_choice")
    assert (row["value"], row["value_if"], row["displaced"]) == ("2", "3", "1")
    assert said in row["reason"], row["reason"]


def test_detail_words_a_flag_and_an_unlisted_team() -> None:
    """A balanced flag reads as the composition table heads it; a team the other student
    did not list is said so (no ordinal)."""
    flag = (
        ("kind", "balance"),
        ("attribute", "vae"),
        ("value", "yes"),
        ("flag", "1"),
        ("count", "3"),
        ("team", "C4"),
        ("low", "0"),
        ("high", "1"),
    )
    costs = Explanation("S1", "Lina", "C3", "C4", 1, "costs", "balance", 0, 2, 1, detail=flag)
    assert " — C4 aurait 3 × VAE : oui, cible 0–1 (" in costs.reason("fr")
    worst = (("kind", "worst"), ("other", "Tom"), ("team", "C7"), ("rank", ""))
    costs = Explanation("S1", "Lina", "C3", "C4", 1, "costs", "worst_choice", 2, 3, 1, detail=worst)
    assert costs.reason("en").endswith(
        "from 2 to 3 — Tom would go to C7, which they did not list"
        " (1 other student would move)"
    )
