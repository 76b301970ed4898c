"""What the second acceptance probe of session 12 found wrong, each case checked against
the contract's words (§2, §8 editing a result, §9 explanations, §11 the plan), on small
cohorts written by hand."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner
from webrun import locks_cohort

from matcher.cli import main


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def _cohort_and_run(tmp_path: Path) -> tuple[Path, Path]:
    """The lock tests' cohort (C1, C2 selected, C3 their reserve; two supervisors and the
    calendar's dates) and its run."""
    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    run = tmp_path / "run"
    code, _, err = _invoke(["run", str(cohort), "--out", str(run), "--no-explain", "--quiet"])
    assert code == 0, err
    return cohort, run


def test_a_withdrawn_commission_stays_out_of_the_reserves_when_re_rendered(
    tmp_path: Path,
) -> None:
    """C1 withdraws in a what-if and C3 replaces it: C1's row says "withdrawn", no reserve
    rank (its institution withdrew with it, contract §2). ``report`` of that what-if result
    (unedited) made C1 "reserve 1: unselected by hand", a reserve that could replace the
    next withdrawal; so did ``plan``'s selection.csv."""
    cohort, run = _cohort_and_run(tmp_path)
    after = tmp_path / "after"
    args = ["whatif", str(cohort), "--from", str(run), "--out", str(after)]
    code, _, err = _invoke([*args, "--withdraw-commission", "C1", "--no-explain", "--quiet"])
    assert code == 0, err
    withdrawn = {r["id"]: r for r in _rows(after / "selection.csv")}["C1"]
    assert (withdrawn["reserve_rank"], withdrawn["reason"]) == ("", "withdrawn")
    for command in ("report", "plan"):
        out = tmp_path / command
        code, _, err = _invoke([command, str(cohort), "--result", str(after), "--out", str(out)])
        assert code == 0, err
        row = {r["id"]: r for r in _rows(out / "selection.csv")}["C1"]
        assert (row["selected"], row["reserve_rank"], row["reason"]) == ("no", "", "withdrawn")


def test_report_of_a_what_if_result_shows_no_what_if_of_its_own(tmp_path: Path) -> None:
    """``report`` of a what-if result (C1 withdrawn, C3 took its team: four students went
    from C1 to C3) keeps the cohort's record in summary.json, but it is no what-if: it
    wrote an empty changes.csv, "Students moved: 0" on the terminal and a "Changes
    (what-if)" section saying that nobody changed team."""
    cohort, run = _cohort_and_run(tmp_path)
    after = tmp_path / "after"
    args = ["whatif", str(cohort), "--from", str(run), "--out", str(after)]
    code, _, err = _invoke([*args, "--withdraw-commission", "C1", "--no-explain", "--quiet"])
    assert code == 0, err
    assert _rows(after / "changes.csv")
    out = tmp_path / "report"
    code, said, err = _invoke(["report", str(cohort), "--result", str(after), "--out", str(out)])
    assert code == 0, err
    assert not (out / "changes.csv").exists()
    assert "Students moved" not in said
    assert "Changes (what-if)" not in (out / "report.html").read_text(encoding="utf-8")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["withdrawn_commissions"] == ["C1"]


def test_plan_of_a_what_if_result_plans_its_own_cohort(tmp_path: Path) -> None:
    """A what-if withdrew student S7, another supervisor A1. ``plan --result`` of those
    results planned the original cohort: its summary.json lost the what-if's record, so
    ``check`` of the plan's output said "S7 has no team" (exit 3); and A1, withdrawn,
    was given teams again."""
    cohort, run = _cohort_and_run(tmp_path)
    left = tmp_path / "left"
    args = ["whatif", str(cohort), "--from", str(run), "--no-explain", "--quiet"]
    code, _, err = _invoke([*args, "--out", str(left), "--withdraw-student", "S7"])
    assert code == 0, err
    planned = tmp_path / "planned"
    code, _, err = _invoke(["plan", str(cohort), "--result", str(left), "--out", str(planned)])
    assert code == 0, err
    code, said, err = _invoke(["check", str(cohort), "--result", str(planned), "--lang", "en"])
    assert code == 0, said + err
    assert not (planned / "changes.csv").exists()

    gone = tmp_path / "gone"
    code, _, err = _invoke([*args, "--out", str(gone), "--withdraw-supervisor", "A1"])
    assert code == 0, err
    again = tmp_path / "again"
    code, _, err = _invoke(["plan", str(cohort), "--result", str(gone), "--out", str(again)])
    assert code == 0, err
    assert {r["supervisor_id"] for r in _rows(again / "supervision.csv")} == {"A2"}
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["withdrawn_supervisors"] == ["A1"]


def test_plan_says_how_it_read_an_edited_result(tmp_path: Path) -> None:
    """The director moved S1 in result.xlsx (teams.csv still says otherwise) and emptied
    S2's commission. ``check`` and ``report`` warn that teams.csv wins over the workbook;
    ``plan`` said nothing, nor that the teams it planned break a rule (S2 has no team),
    and exited 0 as for a sound result."""
    cohort, run = _cohort_and_run(tmp_path)
    edited = tmp_path / "edited"
    edited.mkdir()
    teams = _rows(run / "teams.csv")
    other = {"C1": "C2", "C2": "C1"}
    with (edited / "teams.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(teams[0]))
        writer.writeheader()
        writer.writerows(r | {"commission_id": ""} if r["student_id"] == "S2" else r for r in teams)
    (edited / "selection.csv").write_bytes((run / "selection.csv").read_bytes())
    openpyxl = __import__("openpyxl")
    book = openpyxl.load_workbook(run / "result.xlsx")
    sheet = book["Students"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "S1":
            row[2].value = other[str(row[2].value)].lower()
    book.save(edited / "result.xlsx")
    for lang, differ, breaks in (
        ("en", "teams.csv is used", "the teams planned break 1 rule (S2 has no team)"),
        ("fr", "teams.csv est utilisé", "les équipes planifiées enfreignent 1 règle"),
    ):
        out = tmp_path / f"plan-{lang}"
        args = ["plan", str(cohort), "--result", str(edited), "--out", str(out), "--lang", lang]
        code, _, err = _invoke(args)
        assert code == 0, err
        assert differ in err and breaks in err, err
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert any(breaks in w for w in summary["warnings"])


def test_explain_says_that_teams_csv_wins_over_an_edited_workbook(tmp_path: Path) -> None:
    """Contract §8: when a result folder's teams.csv and its edited result.xlsx differ, the
    CSV wins, with a warning; ``check``, ``report`` and ``whatif`` said it, ``explain
    --result`` explained teams.csv's teams without a word about the workbook's."""
    cohort, run = _cohort_and_run(tmp_path)
    openpyxl = __import__("openpyxl")
    book = openpyxl.load_workbook(run / "result.xlsx")
    sheet = book["Students"]
    first = next(sheet.iter_rows(min_row=2))
    first[2].value = {"C1": "c2", "C2": "c1"}[str(first[2].value)]
    book.save(run / "result.xlsx")
    for lang, said in (("en", "teams.csv is used"), ("fr", "teams.csv est utilisé")):
        args = ["explain", str(cohort), "--result", str(run), "--lang", lang]
        code, _, err = _invoke([*args, "--student", "S1"])
        assert code == 0, err
        assert "result.xlsx" in err and said in err, err


def test_an_unknown_id_typed_in_lower_case_gets_the_nearest_id_suggested(
    tmp_path: Path,
) -> None:
    """Ids typed on the command line are read whatever their case (``s1`` is S1), and an
    unknown one suggests the nearest (contract §7): ``S77`` got "did you mean S7?" but
    ``s77``, typed in lower case, got no suggestion at all."""
    cohort, run = _cohort_and_run(tmp_path)
    said = {}
    for ref in ("S77", "s77"):
        args = ["explain", str(cohort), "--result", str(run), "--student", ref, "--lang", "en"]
        code, _, err = _invoke(args)
        assert code == 2
        said[ref] = err.split("did you mean", 1)[-1] if "did you mean" in err else None
    assert said["s77"] == said["S77"] == " S7?\n"
