"""The selection leaves out a proposal that could host no team of the cohort (its own
``max_size``/``min_size`` outside every team's size), when a selection exists without it:
``run`` answered 3 although another selection kept every rule (contract §2: 3 only when
no solution satisfies the rules)."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main


def _cohort(folder: Path, proposals: int = 8, settings: str = "[selection]\ncount = 5\n") -> Path:
    """30 students, ``proposals`` proposals of distinct sectors; the last, C8 (when there),
    holds the only problem type P9 (the selection's second priority wants it) and asks
    for at most 4 students, where 5 teams of 30 hold 6 each."""
    folder.mkdir()
    rows = ["id,institution,sector,problem_type,max_size"]
    for i in range(1, proposals + 1):
        rows.append(f"C{i},Inst {i},S{i},P9,4" if i == 8 else f"C{i},Inst {i},S{i},P{i % 3},")
    (folder / "commissions.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    students = ["id,background,choices"]
    students += [f"S{i},AS,C{i % proposals + 1}" for i in range(1, 31)]
    (folder / "students.csv").write_text("\n".join(students) + "\n", encoding="utf-8")
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


def _selection(out: Path) -> dict[str, dict[str, str]]:
    with (out / "selection.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_run_leaves_out_a_proposal_that_could_host_no_team(tmp_path: Path) -> None:
    """Problem types 4 with C8 (P0, P1, P2, P9) against 3 without: the unconstrained best
    selection holds C8, whose team could not be 6 (exit 3 before). Now C8 is left out
    (eligible, the last reserve, the reason says why: probe s25, it had no rank against
    contract §3), the selection keeps 3 problem types and the teams are made."""
    cohort = _cohort(tmp_path / "c")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(cohort), "--out", str(out), "--lang", "fr", "--no-explain"]
    )
    assert result.exit_code == 0, result.output
    rows = _selection(out)
    assert rows["C8"]["eligible"] == "yes" and rows["C8"]["selected"] == "no"
    ranks = [int(row["reserve_rank"]) for row in rows.values() if row["reserve_rank"]]
    assert rows["C8"]["reserve_rank"] == str(max(ranks)) == str(len(ranks))
    assert rows["C8"]["reason"] == (
        f"réserve {max(ranks)} : elle ne pourrait accueillir aucune équipe de cette cohorte "
        "(tailles d'équipe : C8 demande au plus 4 étudiants, mais chaque équipe en compte 6)"
    )
    assert sum(row["selected"] == "yes" for row in rows.values()) == 5
    # The other two unselected proposals are the reserves 1 and 2, before C8.
    assert sorted(r["reserve_rank"] for r in rows.values() if r["selected"] == "no") == [
        "1",
        "2",
        "3",
    ]
    validate = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert validate.exit_code == 0, validate.output
    assert "C8 asks for at most 4 students, but every team holds 6: it could host no " in (
        validate.output
    )


def test_without_another_selection_the_size_rule_is_named(tmp_path: Path) -> None:
    """C1-C3 excluded: the five proposals left for a count of 5 include C8, so no selection
    avoids it: exit 3 naming its size rule, nothing written (as before)."""
    cohort = _cohort(
        tmp_path / "c", settings='[selection]\ncount = 5\nexclude = ["C1", "C2", "C3"]\n'
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert "C8 asks for at most 4 students, but every team holds 6" in result.stderr
    assert not out.exists()


def test_an_included_proposal_that_could_host_no_team_is_a_conflict(tmp_path: Path) -> None:
    """The director's include wins over the fit: C8 in include is selected and the teams
    cannot be made (exit 3), as validate says beforehand."""
    cohort = _cohort(tmp_path / "c", settings='[selection]\ncount = 5\ninclude = ["C8"]\n')
    for command in (["validate", str(cohort)], ["run", str(cohort), "--out", str(tmp_path / "o")]):
        result = CliRunner().invoke(main, [*command, "--lang", "en"])
        assert result.exit_code == 3, result.output
        assert "C8 asks for at most 4 students, but every team holds 6" in result.stderr


def _pinned_cohort(folder: Path, sector_of_c7: str, settings: str) -> Path:
    """Eight proposals C1-C8 of sectors S1-S8 but C7's ``sector_of_c7``; 30 students, S3
    and S4 pinned to C7."""
    folder.mkdir()
    rows = ["id,institution,sector,problem_type"]
    rows += [f"C{i},Inst {i},{sector_of_c7 if i == 7 else f'S{i}'},P{i % 3}" for i in range(1, 9)]
    (folder / "commissions.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    students = ["id,background,choices,pinned"]
    students += [f"S{i},AS,C{i % 8 + 1},{'C7' if i in (3, 4) else ''}" for i in range(1, 31)]
    (folder / "students.csv").write_text("\n".join(students) + "\n", encoding="utf-8")
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


def test_run_selects_the_proposals_students_are_pinned_to(tmp_path: Path) -> None:
    """S3 and S4 pinned to C7, whose sector S1 C1 has too: the best selection without the
    pins (five sectors, C7 left out) made run answer 3 ("add C7 to [selection] include").
    Now C7 is selected, its reason naming the two pinned students, and they are on it."""
    cohort = _pinned_cohort(tmp_path / "c", "S1", "[selection]\ncount = 5\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(cohort), "--out", str(out), "--lang", "fr", "--no-explain"]
    )
    assert result.exit_code == 0, result.output
    rows_out = _selection(out)
    assert rows_out["C7"]["selected"] == "yes"
    assert rows_out["C7"]["reason"] == "retenue (S3 et S4 y sont imposé·e·s)"
    with (out / "teams.csv").open(encoding="utf-8-sig", newline="") as handle:
        team = {row["student_id"]: row["commission_id"] for row in csv.DictReader(handle)}
    assert team["S3"] == team["S4"] == "C7"
    # The selection keeps its other rules: five commissions, one per institution.
    assert sum(row["selected"] == "yes" for row in rows_out.values()) == 5


def test_a_pin_on_an_excluded_proposal_is_not_told_to_include_it(tmp_path: Path) -> None:
    """S3 and S4 pinned to C7, which settings.toml excludes: run said « ajoutez C7 à
    [selection] include » (contradicting the exclusion); now it says why C7 cannot be
    selected, as validate does."""
    cohort = _pinned_cohort(tmp_path / "c", "S7", '[selection]\ncount = 5\nexclude = ["C7"]\n')
    result = CliRunner().invoke(
        main, ["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", "fr"]
    )
    assert result.exit_code == 3, result.output
    assert (
        "S3 et S4 sont imposé·e·s dans C7, qui ne peut pas être retenue (exclue par les "
        "paramètres)" in result.stderr
    )
    assert "include" not in result.stderr
