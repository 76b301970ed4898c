"""Probe s19y: the instance edited after the result was made.

Probed on hand-written cohorts (52 students in French with `;`, accompagnateurs and dates,
8 of 13 proposals; 44 students in English with numbered choice columns, 7 of 10): after a
`run`, 23 copies of the instance each edited once (a student added to or removed from
students.csv, a student renamed, choices or employer changed, a pin added, a proposal's
slots, institution or `taille max` changed, a selected proposal removed, pairs added,
`count`, sizes, `balance`, `no_isolation`, `conflict_of_interest`, `[calendar]` dates and
visit length changed, a supervisor removed, given a tie, an unavailable slot or a lower
`max_teams`, supervisors.csv removed), and against the OLD result folder: `check`,
`report`, `explain`, `plan` and `whatif` (a student withdrawn, a commission withdrawn,
students added, a supervisor withdrawn): 184 cases, none exit 1 or a traceback.

Found:
- `check` and `report` printed the solver's values of the teams beside the result's even
  when what the teams were solved for had changed since (a student's choices, `balance`):
  "worst rank 4, solver's result 2" for teams nobody moved, read as the cost of an edit.
  summary.json records what the teams were solved for (``Instance.teams_digest``); when it
  no longer matches the instance, the solver's team values are left out, with a warning.
  (test_check_leaves_out_the_solver_values_of_teams_solved_for_another_cohort; a board
  re-optimised with locks was solved with them as pins: summary.json now records them, so
  that its save is not taken for another cohort:
  test_a_board_reoptimised_with_locks_and_saved_is_not_taken_for_another_cohort)
- A supervisor removed from supervisors.csv after the plan: `check`, `report`, `explain`
  warned that schedule.csv and result.xlsx "give a different plan" for every event of
  theirs (`A3` in the file, `Claire Dumont` in the Calendrier sheet, which names
  supervisors): they agree, the name just no longer resolves. A supervisor known to
  neither is no longer said to differ; the broken rule (not in supervisors.csv) stays.
  (test_a_supervisor_removed_since_the_plan_is_no_difference_between_the_plan_files_and_book)
- A reserve (a proposal not selected) deleted from commissions.csv and from the choices
  since the result: every command refused the result (exit 2, "'P10' is not a proposal id
  of commissions.csv"), and the director's only way out, putting it back, made a what-if
  pick it. It is now left out of the result's proposals and reserves, with a warning.
  (test_a_reserve_removed_from_commissions_since_the_result_leaves_the_result_standing)
- A student deleted from students.csv since the result: exit 2 (README: a result naming an
  unknown student is invalid input) with only "did you mean S1?", which reads as a typo in
  teams.csv. The message now says, too, how to re-solve without them (their row put back,
  `matcher whatif --withdraw-student`).
  (test_a_student_deleted_from_students_csv_since_the_result_is_told_how_to_withdraw)
- A selected proposal made to break a selection rule by an edit of commissions.csv (its
  visit date struck from its slots, its institution now that of another selected one):
  `whatif --withdraw-commission` of that very proposal, the director's remedy, answered 3
  listing the rule it ends. A rule that only the withdrawn commissions break no longer
  stops the what-if; any other change is still refused while the rule is broken.
  (test_withdrawing_the_commission_an_instance_edit_made_break_a_selection_rule)

Checked and right: a student added to students.csv (check/report/explain exit 3 "has no
team", whatif places them as an arrival with a warning, no moves); choices, employer, pins,
pairs, `no_isolation`, `count`, sizes, a proposal's slots, institution or `taille max`, a
supervisor's ties, `max_teams`, unavailable slot, `[calendar]` dates or visit length
edited: check/report/explain exit 3 naming each now-broken rule in the cohort's terms, the
metrics recomputed from the current files (balance violations and choice ranks checked by
hand), `plan` plans the teams as they stand with a warning, whatif repairs with the
repairs counted as moves and said, or exits 3 naming the conflict; supervisors.csv removed:
exit 2 naming it; a selected proposal removed: exit 2 naming it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from cohortfiles import invoke

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"
CHOICES = TINY / "teams-choices"
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _solved(tmp_path: Path) -> tuple[Path, Path]:
    instance = tmp_path / "cohort"
    shutil.copytree(CHOICES, instance)
    result = tmp_path / "result"
    code, output = invoke(["run", str(instance), "--out", str(result), "--lang", "en"])
    assert code == 0, output
    return instance, result


def _priorities(output: str) -> dict[str, str]:
    """Each priority row of check's table: its label → the rest of its line."""
    rows = {}
    for line in output.splitlines():
        for label in ("worst rank among selected choices", "sum of ranks among selected"):
            if label in line and "(min)" in line:
                rows[label] = line.split("(min)")[1].split()
    return {k: " ".join(v) for k, v in rows.items()}


def test_check_leaves_out_the_solver_values_of_teams_solved_for_another_cohort(
    tmp_path: Path,
) -> None:
    instance, result = _solved(tmp_path)
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    # Unchanged: the solver's value stands beside the result's (S2 on their first choice).
    assert _priorities(output)["sum of ranks among selected"] == "9 9"
    assert "have changed" not in output
    # S2 now writes C2 first: nobody moved, but S2 is now on their second choice. The solve
    # that gave 9 was for choices S2 no longer wrote, so "10 beside 9" would say the
    # director's edit cost one rank: the solver's value must not be shown as comparable.
    students = instance / "students.csv"
    body = students.read_text(encoding="utf-8")
    edited = body.replace(
        "S2,Bruno Peeters,éducateur,yes,M,5,C1;C2", "S2,Bruno Peeters,éducateur,yes,M,5,C2;C1"
    )
    assert edited != body
    students.write_text(edited, encoding="utf-8")
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert _priorities(output)["sum of ranks among selected"] == "10"
    assert "students.csv, pairs.csv, the selected commissions or the [teams] settings" in output
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", "fr"])
    assert "ont changé depuis la résolution des équipes" in output
    # report records the same: no solver value for the teams' priorities.
    out = tmp_path / "report"
    code, output = invoke(["report", str(instance), "--result", str(result), "--out", str(out)])
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8-sig"))
    teams = [p for p in summary["priorities"] if p["stage"] == "teams"]
    assert teams and all(p["solver"] is None for p in teams)
    assert all(p["solver"] is not None for p in summary["priorities"] if p["stage"] == "selection")


def test_a_supervisor_removed_since_the_plan_is_no_difference_between_the_plan_files_and_book(
    tmp_path: Path, demo_result: Path
) -> None:
    instance = tmp_path / "demo"
    shutil.copytree(DEMO, instance)
    planned = (demo_result / "supervision.csv").read_text(encoding="utf-8-sig").splitlines()
    gone = planned[1].split(",")[1]  # the supervisor of the first team
    supervisors = instance / "supervisors.csv"
    rows = supervisors.read_text(encoding="utf-8").splitlines(keepends=True)
    supervisors.write_text("".join(r for r in rows if not r.startswith(f"{gone},")), "utf-8")
    code, output = invoke(["check", str(instance), "--result", str(demo_result), "--lang", "en"])
    # The team's supervisor is gone: a broken rule, named by the id the plan gave.
    assert code == 3, output
    assert f"{gone}, is not in supervisors.csv" in output
    # The workbook's Calendrier sheet and schedule.csv were written together and still
    # agree: the sheet's name for the supervisor merely no longer resolves to an id.
    assert "give a different plan" not in output


def _without_proposal(instance: Path, gone: str) -> None:
    """``instance`` with proposal ``gone`` removed from commissions.csv and from the
    students' choices (as a director deletes a withdrawn proposal everywhere)."""
    commissions = instance / "commissions.csv"
    rows = commissions.read_text(encoding="utf-8").splitlines(keepends=True)
    commissions.write_text("".join(r for r in rows if not r.startswith(f"{gone},")), "utf-8")
    students = instance / "students.csv"
    body = students.read_text(encoding="utf-8")
    body = re.sub(rf"(?<=[,;]){gone}(;|(?=\n))", "", body)
    students.write_text(re.sub(r";(?=\n)", "", body), "utf-8")


def test_a_reserve_removed_from_commissions_since_the_result_leaves_the_result_standing(
    tmp_path: Path, demo_result: Path
) -> None:
    rows = (demo_result / "selection.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    first = next(r.split(",")[0] for r in rows if r.split(",")[6] == "1")
    withdrawn = next(r.split(",")[0] for r in rows if r.split(",")[5] == "yes")
    instance = tmp_path / "demo"
    shutil.copytree(DEMO, instance)
    _without_proposal(instance, first)
    assert first not in (instance / "students.csv").read_text(encoding="utf-8")
    # The first reserve's institution withdrew its proposal before it was ever needed. The
    # result does not use it: it still keeps every rule (was: exit 2, "is not a proposal
    # id of commissions.csv", for check, report, explain, plan and whatif alike, so that the
    # director had to put the proposal back, and a what-if would then pick it).
    code, output = invoke(["check", str(instance), "--result", str(demo_result), "--lang", "en"])
    assert code == 0, output
    assert f"selection.csv lists {first}, not selected, which commissions.csv no longer" in output
    code, output = invoke(["check", str(instance), "--result", str(demo_result), "--lang", "fr"])
    assert code == 0, output
    assert f"selection.csv mentionne {first}, non retenue, que commissions.csv ne" in output
    # A commission withdrawing now is replaced by a reserve still there, never by it.
    out = tmp_path / "after"
    args = ["whatif", str(instance), "--from", str(demo_result), "--out", str(out)]
    code, output = invoke([*args, "--withdraw-commission", withdrawn, "--no-explain"])
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8-sig"))
    assert first not in summary["changes"]["replaced"].values()
    assert first not in (out / "selection.csv").read_text(encoding="utf-8-sig")


def test_a_student_deleted_from_students_csv_since_the_result_is_told_how_to_withdraw(
    tmp_path: Path,
) -> None:
    instance, result = _solved(tmp_path)
    students = instance / "students.csv"
    rows = students.read_text(encoding="utf-8").splitlines(keepends=True)
    students.write_text("".join(r for r in rows if not r.startswith("S4,")), "utf-8")
    # S4 left and the director deleted their row. The result still places S4: invalid
    # input (README), but "did you mean S1?" alone reads as a typo to fix in teams.csv;
    # the way to re-solve without S4 is a what-if on the row put back.
    for command in (["check"], ["explain"]):
        code, output = invoke([*command, str(instance), "--result", str(result), "--lang", "en"])
        assert code == 2, output
        assert "'S4' is not a student id of students.csv" in output
        assert "put their row back in students.csv and give matcher whatif" in output
        assert "--withdraw-student S4" in output
    out = tmp_path / "after"
    args = ["whatif", str(instance), "--from", str(result), "--out", str(out), "--lang", "fr"]
    code, output = invoke([*args, "--withdraw-student", "S1"])
    assert code == 2, output
    assert "remettez sa ligne dans students.csv et lancez matcher whatif" in output
    assert not out.exists()


def test_withdrawing_the_commission_an_instance_edit_made_break_a_selection_rule(
    tmp_path: Path,
) -> None:
    instance = tmp_path / "cohort"
    shutil.copytree(TINY / "whatif-after", instance)
    previous = instance / "previous"
    commissions = instance / "commissions.csv"
    body = commissions.read_text(encoding="utf-8")
    # ASBL Alpha handed C1 over to Service Gamma, which already has the selected C3: the
    # selection now breaks the institution cap, and C1 is what the director withdraws.
    commissions.write_text(body.replace("C1,ASBL Alpha,", "C1,Service Gamma,"), "utf-8")
    args = ["whatif", str(instance), "--from", str(previous), "--lang", "en", "--no-explain"]
    # Another change leaves the broken rule as it is: refused, exit 3, naming it.
    code, output = invoke([*args, "--out", str(tmp_path / "a"), "--withdraw-student", "S3"])
    assert code == 3, output
    assert "2 proposals of Service Gamma are selected (C1, C3)" in output
    # Withdrawing C1 ends it (was: exit 3 listing that very rule, the withdrawal refused):
    # C5 takes over its team, as in the unedited cohort (instances/tiny/whatif-after).
    out = tmp_path / "b"
    code, output = invoke([*args, "--out", str(out), "--withdraw-commission", "C1"])
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8-sig"))
    assert summary["changes"]["replaced"] == {"C1": "C5"}
    assert summary["changes"]["moves"] == 0
    code, output = invoke(["check", str(instance), "--result", str(out), "--lang", "en"])
    assert code == 0, output


def test_a_board_reoptimised_with_locks_and_saved_is_not_taken_for_another_cohort(
    tmp_path: Path,
) -> None:
    # The workbench solves a re-optimise with its locks as pins; saved, that result is of
    # students.csv's cohort all the same: check must not say the cohort changed, and keeps
    # the re-solve's values beside the result's.
    from matcher import app
    from matcher.web import engine

    instance = TINY / "whatif-after"
    outcome = app.run(app.load(instance))
    assert outcome.teams is not None
    board = dict(outcome.teams.assignment)
    board["S1"], board["S3"] = board["S3"], board["S1"]
    again = app.reoptimise(outcome, board, {"S3": board["S3"]})
    assert again.teams is not None
    out = tmp_path / "saved"
    engine.save(out, app.saved_board(again, dict(again.teams.assignment), "en"), instance, "en")
    code, output = invoke(["check", str(instance), "--result", str(out), "--lang", "en"])
    assert code == 0, output
    assert "have changed" not in output
