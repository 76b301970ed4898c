"""Probe s17l: the workbench's what-ifs and explanations against the command line's.

Probed: a hand-written cohort of 60 students (12 proposals, 8 selected; French headers,
``;``, Windows-1252; two pins, a ``séparer`` and an ``ensemble`` pair, employers written
as folded and longer names of institutions, five students without choices,
``accompagnateurs.csv`` with four supervisors, ties and unavailabilities, dated slots),
driven in Chromium in French: run, withdraw a student without choices, withdraw a
commission (replaced by its reserve), add three students (one without choices), withdraw a
supervisor, save after each; the same chain with ``matcher whatif`` (same seed, workers and
time limit). Teams, selection.csv, changes (moves, replaced), supervision.csv,
schedule.csv, every objective and metric, the run's explanations.csv and the refusal of the
supervisor's withdrawal (no plan without them) agreed; the page's words were French.

Found:
1. The warning naming the students who gave no choices ("placés là où l'équilibre est le
   meilleur"), in what the workbench saved after a what-if (summary.json, the report, the
   workbook), was the cohort's as opened: it still named the student who had withdrawn, and
   after a chain (an arrival without choices, then another withdrawal) named the arrival
   twice. ``matcher whatif`` names the what-if's cohort (session 17, k). The board's
   what-if (``app.whatif_board``) now words it as ``whatif`` does (``without_choices_now``).
2. The what-if's changes in the page listed a team a reserve took over (with its members
   and its supervisor) as a team changing supervisor, from nobody to the one it had;
   ``matcher whatif`` counts none (summary.json's ``supervisor_changes`` empty). The page
   now reads the replaced commission's supervisor as the team's before (``plan_changes``).
3. On the command line, when every student of students.csv wrote choices, a student who
   arrived without choices in a what-if was named by no warning of the next what-if of the
   chain (nor of ``check``/``report`` of it): ``no_choices_now`` only re-worded a warning
   students.csv had. It adds one now (unless students.csv has no choices column at all).
4. A supervisor withdrawn in the page: the what-if's changes showed the team going from
   them to another, but what was saved after accepting recorded no change
   (summary.json's ``supervisor_changes`` empty, none in the report), where ``matcher
   whatif`` records it. ``plan_board`` records ``reassigned`` against the plan before.

Checked and right: the run's explanations.csv saved by the page and ``matcher run``'s are
the same; the why panel's verdicts after three what-ifs agree with ``matcher explain`` on
the command line's result (one question the command left ``unknown`` in its time limit
the panel, given more time for one student, answered ``free``: allowed by §9).

A second cohort (45 students, 6 teams): a commission withdrawn without replacement (a
student pinned to it released), a pinned student withdrawn, two arrivals (one pinned, one
without choices), a supervisor withdrawn: teams, changes, plan files agreed.

Left alone: after a what-if the page saves no explanations.csv (its why panel explains on
demand; ``matcher whatif`` writes one); the page's "Avertissements" under the cohort
stays the files' as opened (the saved result carries the what-if's); a supervisor alone
withdrawn: the page's saved summary.json keeps the teams' objectives of the solve before,
``matcher whatif`` writes the teams as read from the result (no objectives).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cohortfiles import invoke, write_cohort
from webrun import solved_workbench

CHROMIUM = Path("/usr/bin/chromium")
FIXED = ["--quiet", "--workers", "1", "--seed", "0", "--time-limit", "10", "--no-explain"]


def _tiny(folder: Path) -> Path:
    """Six students on three commissions (French headers, ``;``); S5 and S6 gave no
    choices."""
    return write_cohort(
        folder,
        {
            "commissions.csv": "Code;Organisme;Secteur;Problématique\n"
            "C1;CPAS de Namur;CPAS;évaluation\n"
            "C2;AMO Alpha;jeunesse;diagnostic\n"
            "C3;Maison Beta;handicap;évaluation\n",
            "students.csv": "Matricule;Formation;Choix\n"
            'S1;AS;"C1;C2"\nS2;AS;"C2;C3"\nS3;GRH;"C3;C1"\nS4;GRH;"C1;C3"\nS5;AS;\nS6;GRH;\n',
            "settings.toml": "[selection]\ncount = 3\n\n[solver]\ntime_limit = 10\n",
        },
    )


def _no_choices(result: Path) -> list[str]:
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    return [w for w in summary.get("warnings", []) if "sans aucun choix" in w]


def test_saved_what_if_names_its_own_cohort_without_choices(tmp_path: Path) -> None:
    # §10: the workbench "does in the browser all that the commands do" and saving writes
    # the §3 outputs. After S5 (no choices) withdraws, S5 is in no team: a warning saying S5
    # was "placed wherever balance is best" is false, and `matcher whatif` says S6 alone.
    # A1 then arrives without choices (named by the arrivals' own warning, as whatif does),
    # and S6 withdraws: the cohort's only student without choices is A1, named once.
    cohort = _tiny(tmp_path / "cohort")
    out = tmp_path / "out"
    client, bench = solved_workbench(cohort, out, lang="fr")
    assert client.post("/save").status_code == 200
    assert _no_choices(out) == [
        "2 étudiants sans aucun choix (les règles et les autres priorités les placent) : S5, S6"
    ]

    def whatif(name: str, **data: object) -> None:
        answer = client.post("/whatif", data=data, content_type="multipart/form-data")
        assert 'data-role="changes"' in answer.get_data(as_text=True)
        client.post("/whatif/accept")
        assert client.post("/save").status_code == 200
        (out).rename(tmp_path / name)

    import io

    whatif("w1", student="S5")
    late = "Matricule;Formation;Choix\nA1;AS;\n".encode("cp1252")
    whatif("w2", arrivals=(io.BytesIO(late), "late.csv"))
    whatif("w3", student="S6")
    # The same chain on the command line (same seed, workers, time limit).
    (tmp_path / "late.csv").write_bytes(late)
    lang = ["--lang", "fr"]
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "r0"), *FIXED, *lang])[0] == 0
    steps = [
        ("r1", "--withdraw-student", "S5"),
        ("r2", "--add-students", str(tmp_path / "late.csv")),
        ("r3", "--withdraw-student", "S6"),
    ]
    before = "r0"
    for name, option, value in steps:
        args = [
            "whatif",
            str(cohort),
            "--from",
            str(tmp_path / before),
            "--out",
            str(tmp_path / name),
            option,
            value,
            *FIXED,
            *lang,
        ]
        assert invoke(args)[0] == 0
        before = name
    one = "1 étudiant sans aucun choix (les règles et les autres priorités le placent) : {}"
    assert _no_choices(tmp_path / "r1") == _no_choices(tmp_path / "w1") == [one.format("S6")]
    assert (
        _no_choices(tmp_path / "r2")
        == _no_choices(tmp_path / "w2")
        == [
            one.format("S6"),
            one.format("A1"),
        ]
    )
    assert _no_choices(tmp_path / "r3") == _no_choices(tmp_path / "w3") == [one.format("A1")]
    assert bench.outcome is not None


def test_a_team_taken_over_by_a_reserve_keeps_its_supervisor_in_the_changes_shown(
    tmp_path: Path,
) -> None:
    # §11: `whatif` re-plans with the fewest teams changing supervisor; a team a reserve
    # takes over keeps its members (§6) and, here, its supervisor: `matcher whatif` counts
    # no team changing supervisor (summary.json's supervisor_changes is empty). The page's
    # table "teams that change supervisor" listed the reserve's team, from nobody to the
    # supervisor it already had.
    from webrun import locks_cohort

    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    client, bench = solved_workbench(cohort, tmp_path / "out", lang="fr")
    assert bench.outcome is not None and bench.outcome.plan is not None
    before = {c: s for c, s, _ in bench.outcome.plan.supervision}
    html = client.post("/whatif", data={"commission": "C1"}).get_data(as_text=True)
    assert "C1 → C3" in html, html
    assert bench.pending is not None and bench.pending.plan is not None
    after = {c: s for c, s, _ in bench.pending.plan.supervision}
    assert after["C3"] == before["C1"] and after["C2"] == before["C2"]
    assert 'data-role="supervisor-changes"' not in html, html
    # The command line, from the same run, says no team changes supervisor.
    assert client.post("/save").status_code == 200
    args = ["whatif", str(cohort), "--from", str(tmp_path / "out"), "--out", str(tmp_path / "r1")]
    assert invoke([*args, "--withdraw-commission", "C1", *FIXED])[0] == 0
    summary = json.loads((tmp_path / "r1" / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"C1": "C3"}
    assert summary["plan"]["supervisor_changes"] == []


def test_an_earlier_arrival_without_choices_is_named_when_the_cohort_had_none(
    tmp_path: Path,
) -> None:
    # Session 17 (k): a what-if result's warning names the students of its cohort who gave
    # no choices, "an earlier what-if's arrivals without choices named". When every student
    # of students.csv wrote choices, A1 (arrived without choices in the what-if before) was
    # named by no warning of the next what-if, on the command line, while the workbench
    # named them: A1 is in that result's teams, "placed wherever balance is best".
    cohort = _tiny(tmp_path / "cohort")
    students = (cohort / "students.csv").read_text(encoding="utf-8")
    (cohort / "students.csv").write_text(
        students.replace("S5;AS;\n", "S5;AS;C2\n").replace("S6;GRH;\n", "S6;GRH;C3\n"),
        encoding="utf-8",
    )
    late = tmp_path / "late.csv"
    late.write_text("Matricule;Formation;Choix\nA1;AS;\nA2;GRH;C1\n", encoding="utf-8")
    lang = ["--lang", "fr"]
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "r0"), *FIXED, *lang])[0] == 0
    steps = [("r1", "--add-students", str(late)), ("r2", "--withdraw-student", "S5")]
    before = "r0"
    for name, option, value in steps:
        args = ["whatif", str(cohort), "--from", str(tmp_path / before)]
        assert invoke([*args, "--out", str(tmp_path / name), option, value, *FIXED, *lang])[0] == 0
        before = name
    one = ["1 étudiant sans aucun choix (les règles et les autres priorités le placent) : A1"]
    assert _no_choices(tmp_path / "r0") == []
    assert _no_choices(tmp_path / "r1") == one
    assert _no_choices(tmp_path / "r2") == one
    # The same chain in the workbench.
    import io

    client, _ = solved_workbench(cohort, tmp_path / "out", lang="fr")
    data = {"arrivals": (io.BytesIO(late.read_bytes()), "late.csv")}
    client.post("/whatif", data=data, content_type="multipart/form-data")
    client.post("/whatif/accept")
    client.post("/whatif", data={"student": "S5"})
    client.post("/whatif/accept")
    assert client.post("/save").status_code == 200
    assert _no_choices(tmp_path / "out") == one


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_in_the_browser_a_student_without_choices_withdraws(context: Any, tmp_path: Path) -> None:
    # As a French-speaking director does it in Chromium: run, withdraw S5 (no choices),
    # accept, save; then `matcher whatif` from the run saved before, same seed, workers and
    # time limit: same teams, same moves, and the same warning (S6 alone without choices).
    from test_web_browser import Server

    cohort = _tiny(tmp_path / "cohort")
    out = tmp_path / "out"
    server = Server(cohort, out, "fr")
    server.app.extensions["workbench"].explain_after_run = False
    try:
        page = context.new_page()
        page.goto(server.url)
        page.click('[data-action="run"]')
        page.wait_for_selector("[data-team] [data-student]")
        page.click('[data-action="save"]')
        page.wait_for_selector('[data-role="saved"]')
        (out).rename(tmp_path / "w0")
        page.select_option('select[name="student"]', "S5")
        page.click('[data-action="withdraw"]')
        moves = page.locator('[data-role="changes"] [data-role="moves"]')
        moves.wait_for()
        assert "étudiants déplacés" in moves.inner_text()
        shown = moves.get_attribute("data-value")
        page.click('[data-action="accept"]')
        page.wait_for_selector('[data-student="S5"]', state="detached")
        page.click('[data-action="save"]')
        page.wait_for_selector('[data-role="saved"]')
    finally:
        server.stop()
    args = ["whatif", str(cohort), "--from", str(tmp_path / "w0"), "--out", str(tmp_path / "r1")]
    assert invoke([*args, "--withdraw-student", "S5", *FIXED, "--lang", "fr"])[0] == 0
    cli = json.loads((tmp_path / "r1" / "summary.json").read_text(encoding="utf-8"))
    web = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert web["changes"] == cli["changes"] and str(cli["changes"]["moves"]) == shown
    teams = [(d / "teams.csv").read_text(encoding="utf-8-sig") for d in (out, tmp_path / "r1")]
    assert teams[0] == teams[1]
    assert (
        _no_choices(out)
        == _no_choices(tmp_path / "r1")
        == ["1 étudiant sans aucun choix (les règles et les autres priorités le placent) : S6"]
    )


def test_saved_what_if_records_the_teams_that_changed_supervisor(tmp_path: Path) -> None:
    # §11: `whatif --withdraw-supervisor` (fewest teams change supervisor); `matcher whatif`
    # records in summary.json (plan.supervisor_changes) and the report which team went from
    # whom to whom. The page showed the change before accepting, but what it saved said
    # none (an empty supervisor_changes): the record of the change was lost.
    from webrun import locks_cohort

    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    out = tmp_path / "out"
    client, bench = solved_workbench(cohort, out, lang="fr")
    assert bench.outcome is not None and bench.outcome.plan is not None
    team, leaving = bench.outcome.plan.supervision[0][:2]
    assert client.post("/save").status_code == 200
    out.rename(tmp_path / "w0")
    html = client.post("/whatif", data={"supervisor": leaving}).get_data(as_text=True)
    assert f'data-plan-team="{team}"' in html, html
    client.post("/whatif/accept")
    assert client.post("/save").status_code == 200
    args = ["whatif", str(cohort), "--from", str(tmp_path / "w0"), "--out", str(tmp_path / "r1")]
    assert invoke([*args, "--withdraw-supervisor", leaving, *FIXED])[0] == 0
    cli = json.loads((tmp_path / "r1" / "summary.json").read_text(encoding="utf-8"))["plan"]
    web = json.loads((out / "summary.json").read_text(encoding="utf-8"))["plan"]
    other = next(s.id for s in bench.outcome.plan.supervisors if s.id != leaving)
    expected = [{"commission_id": team, "from": leaving, "to": other}]
    assert cli["supervisor_changes"] == expected
    assert web["supervisor_changes"] == expected
    assert web["withdrawn_supervisors"] == cli["withdrawn_supervisors"] == [leaving]
