"""What a probe of consistency across commands and paths found in session 14 (e).

Five hand-written cohorts (French ``;`` files with supervisors and dates; English
``choice_1…`` columns with pins and pairs; 120 students in tab-separated Windows-1252; a
one-workbook copy; dates written four ways with proposals that could host no team), each
asked the same question several ways: ``run`` against ``select`` → ``assign --selection``
→ ``plan --result``, ``report``/``check``/``explain``/``plan`` of an unedited result (folder
and workbook), a folder against its workbook, ``--settings FILE`` against settings.toml,
reruns, ``--workers 2``, ``--seed``, ``--quiet``, the workbench's Save then ``check``.

1. A proposal that ``select`` leaves out because it could host no team of the cohort (its
   own ``max_size`` below every team's size) is eligible with no reserve rank in
   selection.csv. Read back (``assign --selection``, ``report``, ``whatif --from``), it
   became a reserve ("reserve 1", "reserve 2"): ``report`` of an unedited result wrote
   another selection.csv than ``run``'s, and ``whatif --withdraw-commission`` before teams
   replaced a withdrawal by it, a selection that ``assign`` can form no teams for. Its
   reason (and the pinned proposals' "selected (S10 is pinned to it)") was not read back
   either, so a result written in French and re-rendered in English kept French reasons.
2. ``report`` of a result solved with ``--seed 7 --workers 2 --time-limit 20`` wrote
   ``"seed": 0`` and the default ``[solver]`` in its summary.json (and report.html's
   technical details): the options of a command that solves nothing (and ignores them),
   not those the result was solved with. They are carried forward from the result's
   summary.json now, as the solver's values are.

3. The workbench's Save of a board moved by hand wrote the teams stage of summary.json with
   each priority's ``bound`` equal to its edited value (balance 19, bound 19, where the
   solver had found 8): a bound that claims the edited board optimal, where ``report`` of
   the very same folder writes no objectives for teams given by hand (the values are in
   ``priorities``, beside the solver's). The Save now writes the teams stage as ``report``
   does.

(While fixing 1, ``matcher.reserves`` importing ``matcher.conflicts`` at its top made
``matcher explain`` fail at import, a cycle through the ``matcher.loading`` package that the
import-graph test does not see: the last test imports each module in a fresh interpreter.)
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from cohortfiles import invoke, write_cohort

# D4 holds at most 2 students and D8 at least 9 where every team holds 3: select leaves
# them out, eligible, without a reserve rank. S6 is pinned to D6.
UNHOSTABLE = {
    "commissions.csv": (
        "id,institution,sector,problem_type,priority,min_size,max_size\n"
        "D2,AMO B,jeunesse,diagnostic,1,,\n"
        "D4,Handi D,handicap,faisabilité,0,,2\n"
        "D5,Santé E,santé,diagnostic,2,,\n"
        "D6,Logement F,logement,projet,0,,\n"
        "D7,CPAS A,CPAS,diagnostic,5,,\n"
        "D8,Migr G,migrations,évaluation,0,9,\n"
    ),
    "students.csv": (
        "id,background,choices,pinned\n"
        "S1,AS,D2;D5,\nS2,AS,D5;D2,\nS3,educ,D7,\nS4,educ,D5,\n"
        "S5,GRH,D6;D2,\nS6,AS,,D6\nS7,educ,D2;D6,\nS8,GRH,D5;D6,\n"
        "S9,AS,D6,\nS10,AS,D7;D2,\nS11,educ,D2,\nS12,AS,D7;D5,\n"
    ),
    "settings.toml": "[selection]\ncount = 4\n",
}


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_report_keeps_unhostable_proposals_the_last_reserves(tmp_path: Path) -> None:
    # Contract §3: "`reserve_rank` 1, 2, … for eligible proposals not selected, in the
    # order they should replace a withdrawal, else empty"; §8: report "recomputes every
    # metric and writes every output for the result as it now stands" (unedited: as run).
    # D4 could host no team: the last reserve (probe s25: it had no rank, against §3).
    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "run"), "--lang", "fr"])[0] == 0
    written = _rows(tmp_path / "run" / "selection.csv")
    # (D8, at least 9 students, neither: the two reserves, in file order.)
    assert written["D4"]["eligible"] == "yes"
    assert (written["D4"]["reserve_rank"], written["D8"]["reserve_rank"]) == ("1", "2")
    for command in (
        ["report", str(cohort), "--result", str(tmp_path / "run"), "--out", str(tmp_path / "rep")],
        [
            "assign",
            str(cohort),
            "--selection",
            str(tmp_path / "run" / "selection.csv"),
            "--out",
            str(tmp_path / "asg"),
        ],
    ):
        assert invoke([*command, "--lang", "fr"])[0] == 0
    for again in ("rep", "asg"):
        assert (tmp_path / again / "selection.csv").read_bytes() == (
            tmp_path / "run" / "selection.csv"
        ).read_bytes(), again


def test_reasons_of_pins_and_unhostable_proposals_read_back_in_the_readers_language(
    tmp_path: Path,
) -> None:
    # Contract §7: "In French, everything a person reads is French: … selection reasons
    # (in the report, the workbook and the `reason` column)" — and in English, English.
    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    assert invoke(["select", str(cohort), "--out", str(tmp_path / "fr"), "--lang", "fr"])[0] == 0
    assert invoke(["select", str(cohort), "--out", str(tmp_path / "en"), "--lang", "en"])[0] == 0
    code, _ = invoke(
        [
            "report",
            str(cohort),
            "--result",
            str(tmp_path / "fr"),
            "--out",
            str(tmp_path / "rep"),
            "--lang",
            "en",
        ]
    )
    assert code == 0
    english = _rows(tmp_path / "en" / "selection.csv")
    assert english["D6"]["reason"] == "selected (S6 is pinned to it)"
    rank = english["D4"]["reserve_rank"]
    assert english["D4"]["reason"].startswith(f"reserve {rank}: it could host no team")
    assert _rows(tmp_path / "rep" / "selection.csv") == english


def test_whatif_before_teams_never_replaces_by_a_proposal_that_can_host_no_team(
    tmp_path: Path,
) -> None:
    # Contract §6: "A commission withdraws before teams exist (DIR has no teams.csv): the
    # best reserve that keeps the rules takes its place". D4 (at most 2 students, teams
    # of 3) keeps no team rule, so D2 goes unreplaced; assign then forms 3 teams.
    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    assert invoke(["select", str(cohort), "--out", str(tmp_path / "sel"), "--lang", "en"])[0] == 0
    code, output = invoke(
        [
            "whatif",
            str(cohort),
            "--from",
            str(tmp_path / "sel"),
            "--out",
            str(tmp_path / "wi"),
            "--withdraw-commission",
            "D2",
            "--lang",
            "en",
        ]
    )
    assert code == 0, output
    after = _rows(tmp_path / "wi" / "selection.csv")
    assert after["D4"]["selected"] == "no" and after["D8"]["selected"] == "no"
    code, output = invoke(
        [
            "assign",
            str(cohort),
            "--selection",
            str(tmp_path / "wi" / "selection.csv"),
            "--out",
            str(tmp_path / "asg"),
            "--lang",
            "en",
        ]
    )
    assert code == 0, output


def test_whatif_before_teams_refuses_a_hand_ranked_reserve_that_can_host_no_team(
    tmp_path: Path,
) -> None:
    # Contract §6: "A commission withdraws before teams exist (DIR has no teams.csv): the
    # best reserve that keeps the rules takes its place". A selection written by hand
    # (``id, selected``) ranks every proposal left out, D4 first (higher priority than D8):
    # D4 would leave assign no teams, so it is refused, said in the warning.
    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    write_cohort(
        tmp_path / "sel",
        {"selection.csv": "id,selected\nD2,yes\nD4,no\nD5,yes\nD6,yes\nD7,yes\nD8,no\n"},
    )
    code, output = invoke(
        [
            "whatif",
            str(cohort),
            "--from",
            str(tmp_path / "sel"),
            "--out",
            str(tmp_path / "wi"),
            "--withdraw-commission",
            "D2",
            "--lang",
            "en",
        ]
    )
    assert code == 0, output
    after = _rows(tmp_path / "wi" / "selection.csv")
    assert after["D4"]["selected"] == "no" and after["D8"]["selected"] == "no"
    assert "D4: team sizes: D4 asks for at most 2 students" in output


def test_report_records_the_seed_and_solver_settings_the_result_was_solved_with(
    tmp_path: Path,
) -> None:
    # Contract §8: report "recomputes every metric and writes every output for the result
    # as it now stands"; §3: summary.json holds "seed" and "the settings in force"; the
    # report's technical details name the seed (README): those of the solve, for a result.
    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    solved = ["--seed", "7", "--workers", "2", "--time-limit", "20"]
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "run"), *solved])[0] == 0
    code, _ = invoke(
        ["report", str(cohort), "--result", str(tmp_path / "run"), "--out", str(tmp_path / "rep")]
    )
    assert code == 0
    run, rep = (
        json.loads((tmp_path / d / "summary.json").read_text(encoding="utf-8"))
        for d in ("run", "rep")
    )
    assert rep["seed"] == run["seed"] == 7
    assert rep["settings"]["solver"] == run["settings"]["solver"]
    assert rep["metrics"] == run["metrics"]


def test_the_modules_of_these_fixes_import_first_in_a_fresh_interpreter() -> None:
    # Contract §2: "Never a Python traceback." `matcher explain` imports matcher.fairness →
    # matcher.verify.teams → matcher.loading → … → matcher.reserves → matcher.conflicts.
    for module in (
        "matcher.cli.explain",
        "matcher.verify.teams",
        "matcher.conflicts",
        "matcher.reserves",
        "matcher.loading.results",
        "matcher.app.checking",
    ):
        done = subprocess.run(
            [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, (module, done.stderr[-800:])


def test_a_saved_board_moved_by_hand_claims_no_bound_as_report_does(tmp_path: Path) -> None:
    # Contract §10: "Saving writes the section 3 outputs into DIR"; §3: status FEASIBLE is
    # "a solution, no proof" — README: teams edited by hand "have no bound"; report of the
    # saved folder (unedited since) writes the same teams stage.
    from webrun import solved_workbench

    cohort = write_cohort(tmp_path / "d", UNHOSTABLE)
    client, bench = solved_workbench(cohort, tmp_path / "saved", lang="en")
    student, team = next(iter(bench.assignment.items()))
    other = next(t for t in bench.outcome.teams.commission_ids if t != team)  # type: ignore[union-attr]
    assert client.post("/move", data={"student": student, "team": other}).status_code == 200
    assert client.post("/save").status_code == 200
    code, _ = invoke(
        ["report", str(cohort), "--result", str(tmp_path / "saved"), "--out", str(tmp_path / "rep")]
    )
    assert code == 3  # a team too large, one too small: broken on purpose
    saved, rep = (
        json.loads((tmp_path / d / "summary.json").read_text(encoding="utf-8"))
        for d in ("saved", "rep")
    )
    assert saved["teams"]["given"] is True
    assert saved["teams"]["objectives"] == rep["teams"]["objectives"] == []
    assert saved["priorities"] == rep["priorities"]
    assert saved["metrics"] == rep["metrics"]
