"""What the session 18 probe (s) found on hand-written cohorts at the edges of what is legal,
each output checked against a model of the contract's words written apart from matcher's:

- a list shortened to its first eight items said "and 1 more" / "et 1 autres" (French plural
  on one) when only one item was left: the ninth is now named like the others.
- settings.toml with the contract's own default line `balance = ["background", "vae",
  "employed", "gender"]` on a cohort without a gender column was refused (exit 2); §4 says
  "those present in students.csv": the absent one is now left out with a warning.
- proposals with their own min_size: `run` selected ten whose minimums add up to more than
  the students (exit 3) while another selection held them; the selection now keeps the sum
  of the selected teams' minimums ≤ N ≤ the sum of their maximums.
"""

from __future__ import annotations

import json
from pathlib import Path

from cohortfiles import invoke, write_cohort


def _ten_commissions_one_too_small(folder: Path) -> Path:
    """Ten proposals, count 10, 20 students (teams of 2), C04 hosting at most 1: every
    selection must hold C04, so no team assignment exists (one student too many)."""
    commissions = ["id,institution,sector,problem_type,max_size"]
    commissions += [
        f"C{k:02d},Inst {k},s{k},t{k},{1 if k == 4 else ''}" for k in range(1, 11)
    ]
    students = ["id,background"] + [f"S{k:02d},AS" for k in range(1, 21)]
    return write_cohort(
        folder,
        {
            "commissions.csv": "\n".join(commissions) + "\n",
            "students.csv": "\n".join(students) + "\n",
        },
    )


def test_a_list_with_one_item_left_over_names_it(tmp_path: Path) -> None:
    """Nine proposals can host a team; the answer listed eight and said "and 1 more" (in
    French "et 1 autres", a plural on one). Naming the ninth takes no more room than
    "and 1 more", so every one of the nine is named, in both languages."""
    cohort = _ten_commissions_one_too_small(tmp_path / "c")
    for lang in ("en", "fr"):
        code, output = invoke(["run", str(cohort), "--out", str(tmp_path / lang), "--lang", lang])
        assert code == 3, output
        assert "C04" in output
        assert all(f"C{k:02d}" in output for k in (1, 2, 3, 5, 6, 7, 8, 9, 10)), output
        assert "1 more" not in output and "1 autres" not in output, output


def test_the_default_balance_written_out_balances_the_attributes_present(
    tmp_path: Path,
) -> None:
    """Contract §4 writes `balance = ["background", "vae", "employed", "gender"]  # those
    present in students.csv`. A director who copies that line into settings.toml for a
    cohort without a gender column was refused (exit 2, "'gender' cannot be balanced").
    The attributes present are balanced, and a warning names the one left out."""
    students = ["id,background,vae,employed,choices"]
    students += [
        f"S{k},{'AS' if k % 2 else 'ED'},{'yes' if k == 1 else 'no'},no,C1" for k in range(1, 7)
    ]
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\nC1,I1,s1,t1\nC2,I2,s2,t2\n",
            "students.csv": "\n".join(students) + "\n",
            "settings.toml": "[selection]\ncount = 2\n[teams]\n"
            'balance = ["background", "vae", "employed", "gender"]\n',
        },
    )
    words = {"en": "'gender' is not balanced", "fr": "« gender » n'est pas équilibré"}
    for lang, said in words.items():
        out = tmp_path / lang
        code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang])
        assert code == 0, output
        assert said in output, output
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["settings"]["teams"]["balance"] == ["background", "vae", "employed"]


def test_the_selection_keeps_teams_whose_own_sizes_can_hold_the_students(
    tmp_path: Path,
) -> None:
    """Twelve proposals of distinct sectors ask for teams of at least 7, eight of one sector
    have no bounds; 62 students, ten teams of 5 to 7. Ten of the twelve (the best for the
    sectors) need 70 students: `run` answered 3 ("62 students cannot fill 10 teams of at
    least 7") though six of them and four others hold 62 (6 × 7 + 4 × 5 = 62 ≤ 62 ≤ 70).
    By hand: at most 6 bounded proposals fit, so 7 distinct sectors at best."""
    commissions = ["id,institution,sector,problem_type,min_size"]
    commissions += [f"C{k:02d},Inst {k},s{k},t{k},7" for k in range(1, 13)]
    commissions += [f"C{k:02d},Inst {k},CPAS,eval," for k in range(13, 21)]
    students = ["id,background"] + [f"S{k:02d},AS" for k in range(1, 63)]
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "\n".join(commissions) + "\n",
            "students.csv": "\n".join(students) + "\n",
            "settings.toml": "[teams]\nmin_size = 5\nmax_size = 7\n",
        },
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--time-limit", "20"])
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    sectors = {o["name"]: o["value"] for o in summary["selection"]["objectives"]}["sectors"]
    assert sectors == 7
