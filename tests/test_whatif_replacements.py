"""Several commissions withdrawing at once after teams: which reserve takes which team.

A reserve must keep every rule for the team it takes over (contract §6), so a reserve may
fit one withdrawn team and not another. The replacements are chosen so that as many teams
as possible are replaced, then each withdrawn commission, in the order it withdrew, gets the
best ranked reserve that allows it: a team is never dissolved while a reserve could have
taken it had an earlier withdrawal been given another fitting reserve.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main

FIXED = ("--quiet", "--workers", "1", "--seed", "0", "--lang", "en")

COMMISSIONS = """id,institution,sector,problem_type,priority
C1,Institution A,s1,p1,0
C2,Institution B,s2,p2,0
C3,Institution C,s3,p3,0
R1,Institution D,s4,p4,0
R2,Institution E,s5,p5,0
"""

# S3 (team C2) works for Institution E: R2 may take C1's team, never C2's.
STUDENTS = """id,name,background,employed,employer
S1,Ann,AS,no,
S2,Ben,AS,no,
S3,Cleo,AS,yes,Institution E
S4,Dan,AS,no,
S5,Eve,AS,no,
S6,Finn,AS,no,
"""

SELECTION = """id,institution,sector,problem_type,eligible,selected,reserve_rank,reason
C1,Institution A,s1,p1,yes,yes,,selected
C2,Institution B,s2,p2,yes,yes,,selected
C3,Institution C,s3,p3,yes,yes,,selected
R1,Institution D,s4,p4,yes,no,1,reserve 1
R2,Institution E,s5,p5,yes,no,2,reserve 2
"""

TEAMS = """student_id,commission_id
S1,C1
S2,C1
S3,C2
S4,C2
S5,C3
S6,C3
"""


def _cohort(tmp_path: Path) -> tuple[Path, Path]:
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "commissions.csv").write_text(COMMISSIONS, encoding="utf-8")
    (instance / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (instance / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "selection.csv").write_text(SELECTION, encoding="utf-8")
    (previous / "teams.csv").write_text(TEAMS, encoding="utf-8")
    return instance, previous


def test_two_withdrawals_are_both_replaced_when_the_reserves_can_be_shared_out(
    tmp_path: Path,
) -> None:
    """C1 then C2 withdraw. Reserve 1 (R1) fits either team, reserve 2 (R2) only C1's (S3 of
    C2 works for Institution E). Giving C1 its best ranked reserve R1 would leave C2 with
    none and dissolve its team; R2 for C1 and R1 for C2 replaces both, nobody moves."""
    instance, previous = _cohort(tmp_path)
    out = tmp_path / "after"
    result = CliRunner().invoke(
        main,
        [
            "whatif", str(instance), "--from", str(previous), "--out", str(out),
            "--withdraw-commission", "C1", "--withdraw-commission", "C2", *FIXED,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"C1": "R2", "C2": "R1"}
    assert summary["changes"]["moves"] == 0
    assert "unreplaced" not in summary["changes"]
    teams = {row["student_id"]: row["commission_id"] for row in read_rows(out / "teams.csv")}
    assert teams == {"S1": "R2", "S2": "R2", "S3": "R1", "S4": "R1", "S5": "C3", "S6": "C3"}


def test_the_withdrawal_order_decides_when_every_team_can_be_replaced(tmp_path: Path) -> None:
    """C1 and C3 withdraw: R1 and R2 both fit both teams, so the first to withdraw (C3, as
    given on the command line) takes reserve 1, as the reserve list promises."""
    instance, previous = _cohort(tmp_path)
    out = tmp_path / "after"
    result = CliRunner().invoke(
        main,
        [
            "whatif", str(instance), "--from", str(previous), "--out", str(out),
            "--withdraw-commission", "C3", "--withdraw-commission", "C1", *FIXED,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"C3": "R1", "C1": "R2"}


def test_a_team_left_without_reserve_says_which_withdrawal_took_each(tmp_path: Path) -> None:
    """C1, C2 and C3 withdraw, two reserves: at most two teams are replaced. C1 takes R1 (its
    best, and C3 can still have R2), C2 cannot have R2 (S3) and R1 is taken: C2 dissolves,
    and the warning says why of each reserve, in French too."""
    instance, previous = _cohort(tmp_path)
    out = tmp_path / "after"
    result = CliRunner().invoke(
        main,
        [
            "whatif", str(instance), "--from", str(previous), "--out", str(out),
            "--withdraw-commission", "C1", "--withdraw-commission", "C2",
            "--withdraw-commission", "C3", *FIXED[:-1], "fr",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"C1": "R1", "C3": "R2"}
    assert summary["changes"]["unreplaced"] == ["C2"]
    assert "R1 : remplace C1 ; R2 : S3 travaille pour Institution E" in result.stderr


def test_after_a_replacement_its_institutions_other_reserves_come_last(tmp_path: Path) -> None:
    """Before teams, C1 withdraws and R1 (Institution D) replaces it. R3 is Institution D too
    ('institution d' as written): with R1 selected and at most one per institution, R3 can
    replace no further withdrawal, so the renumbered reserve list puts R2 first, R3 last."""
    instance = tmp_path / "cohort"
    instance.mkdir()
    commissions = COMMISSIONS + "R3,institution  d,s6,p6,0\n"
    (instance / "commissions.csv").write_text(commissions, encoding="utf-8")
    (instance / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    previous = tmp_path / "previous"
    previous.mkdir()
    selection = SELECTION.replace("R2,Institution E,s5,p5,yes,no,2,reserve 2\n", "")
    selection += "R3,Institution D,s6,p6,yes,no,2,reserve 2\n"
    selection += "R2,Institution E,s5,p5,yes,no,3,reserve 3\n"
    (previous / "selection.csv").write_text(selection, encoding="utf-8")
    out = tmp_path / "after"
    result = CliRunner().invoke(
        main,
        [
            "whatif", str(instance), "--from", str(previous), "--out", str(out),
            "--withdraw-commission", "C1", *FIXED,
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in read_rows(out / "selection.csv")}
    assert rows["R1"]["reason"] == "replaces C1"
    assert rows["R2"]["reserve_rank"] == "1"
    assert rows["R3"]["reserve_rank"] == "2"
    assert rows["R3"]["reason"] == "reserve 2: institution already selected (Institution D)"


def test_the_most_replaced_count_is_the_brute_force_maximum() -> None:
    """The matching behind the choice (``_most_replaced``) against every way to give each
    withdrawn commission a fitting reserve or none, on 1,500 random small cases: no reserve
    twice, no institution beyond its room under the cap."""
    import itertools
    import random

    from matcher.reserves import _most_replaced

    def brute(withdraw: list[str], fits: dict[str, list[str]], of: dict[str, str],
              room: dict[str, int]) -> int:  # fmt: skip
        best = 0
        for combo in itertools.product(*([*fits[w], None] for w in withdraw)):
            used = [r for r in combo if r is not None]
            per = {key: sum(of[r] == key for r in used) for key in room}
            if len(set(used)) == len(used) and all(per[k] <= room[k] for k in room):
                best = max(best, len(used))
        return best

    draw = random.Random(1)
    for _ in range(1500):
        withdraw = [f"W{i}" for i in range(draw.randint(1, 4))]
        reserves = [f"R{i}" for i in range(draw.randint(0, 6))]
        of = {r: f"I{draw.randint(0, 3)}" for r in reserves}
        room = {f"I{i}": draw.randint(0, 2) for i in range(4)}
        fits = {w: [r for r in reserves if draw.random() < 0.5] for w in withdraw}
        assert _most_replaced(withdraw, fits, of, room) == brute(withdraw, fits, of, room)


SWAP_COMMISSIONS = """id,institution,sector,problem_type
C1,Institution A,s1,p1
C2,Institution B,s2,p2
R1,Institution D,s4,p4
"""

# Ann (C1) wrote R1 before C1; Cleo (C2, taken over by R1) wrote C1 before R1.
SWAP_STUDENTS = """id,name,background,choices
S1,Ann,AS,R1;C1
S2,Ben,AS,C1
S3,Cleo,AS,C1;R1
S4,Dan,AS,R1
"""

SWAP_SELECTION = """id,institution,sector,problem_type,eligible,selected,reserve_rank,reason
C1,Institution A,s1,p1,yes,yes,,selected
C2,Institution B,s2,p2,yes,yes,,selected
R1,Institution D,s4,p4,yes,no,1,reserve 1
"""

SWAP_TEAMS = """student_id,commission_id
S1,C1
S2,C1
S3,C2
S4,C2
"""


def test_a_swap_pair_after_a_replacement_costs_moves(tmp_path: Path) -> None:
    """C2 withdraws and R1 takes its team: nobody moves (moves 0, the first priority of a
    what-if, contract §6). Ann (C1) and Cleo (now R1) would both rather have the other's
    team, but swapping them moves both out of teams that still exist: moves 0 -> 2, not a
    free improvement (it was reported as "none", a defect of the result)."""
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "commissions.csv").write_text(SWAP_COMMISSIONS, encoding="utf-8")
    (instance / "students.csv").write_text(SWAP_STUDENTS, encoding="utf-8")
    (instance / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "selection.csv").write_text(SWAP_SELECTION, encoding="utf-8")
    (previous / "teams.csv").write_text(SWAP_TEAMS, encoding="utf-8")
    for lang, said in (
        ("en", "the swap would worsen the number of students the what-if moves"),
        ("fr", "échange dégraderait le nombre d&#x27;étudiants que la simulation déplace"),
    ):
        out = tmp_path / f"after-{lang}"
        result = CliRunner().invoke(
            main,
            [
                "whatif", str(instance), "--from", str(previous), "--out", str(out),
                "--withdraw-commission", "C2", *FIXED[:-1], lang, "--no-explain",
            ],
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert (summary["changes"]["moves"], summary["changes"]["replaced"]) == (0, {"C2": "R1"})
        assert summary["metrics"]["teams"]["swap_pairs"] == [
            {
                "student_a": "S1",
                "commission_a": "C1",
                "student_b": "S3",
                "commission_b": "R1",
                "priority": "moves",
                "value": 0,
                "value_if": 2,
            }
        ]
        report = (out / "report.html").read_text(encoding="utf-8")
        assert said in report
