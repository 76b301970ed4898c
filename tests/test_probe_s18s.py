"""What the session 18 probe (s) found on hand-written cohorts at the edges of what is legal,
each output checked against a model of the contract's words written apart from matcher's:

- a list shortened to its first eight items said "and 1 more" / "et 1 autres" (French plural
  on one) when only one item was left: the ninth is now named like the others.
"""

from __future__ import annotations

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
