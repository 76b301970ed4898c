"""Acceptance probe, session 27: what the probes found, each a test that failed before its fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _cohort_line(html: str) -> str:
    found = re.search(r'data-role="cohort-students"[^>]*>(.*?)</p>', html, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.mark.parametrize(
    ("lang", "spring", "autumn"),
    [
        ("fr", "aucun étudiant pour l'instant · 25 propositions", "60 étudiants · 25 propositions"),
        ("en", "no students yet · 25 proposals", "60 students · 25 proposals"),
    ],
)
def test_the_cohort_line_counts_students_as_people_do(
    tmp_path: Path, lang: str, spring: str, autumn: str
) -> None:
    """A spring cohort (no students.csv yet) read « 0 étudiants » on the page (session 26's
    left-alone list): it now says there are none yet; a cohort with students is unchanged."""
    import html as html_module

    from matcher.web import create_app

    folder = tmp_path / "spring"
    folder.mkdir()
    for name in ("commissions.csv", "settings.toml"):
        shutil.copy(DEMO / name, folder / name)
    for instance, said in ((folder, spring), (DEMO, autumn)):
        app = create_app(instance, tmp_path / f"out-{instance.name}", lang, explain=False)
        page = app.test_client().get("/").get_data(as_text=True)
        assert html_module.unescape(_cohort_line(page)) == said


def test_teams_uploaded_without_selection_say_where_the_selection_comes_from(
    tmp_path: Path,
) -> None:
    """teams.csv uploaded with the cohort but without selection.csv: the board showed its
    teams while the selection section said it appears after a run (session 26's left-alone
    list). It now says the commissions are those of the teams, named."""
    import io

    from matcher.web import create_app

    out = tmp_path / "ran"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    app = create_app(None, tmp_path / "web-out", "en", explain=False)
    client = app.test_client()
    client.get("/")
    names = ["commissions.csv", "students.csv", "settings.toml"]
    files = [(io.BytesIO((DEMO / n).read_bytes()), n) for n in names]
    files.append((io.BytesIO((out / "teams.csv").read_bytes()), "teams.csv"))
    client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    html = client.get("/").get_data(as_text=True)
    section = re.search(r'<section id="selection".*?</section>', html, re.S)
    assert section is not None
    teams = sorted({row.split(",")[2] for row in (out / "teams.csv").read_text().splitlines()[1:]})
    assert "appears after a run" not in section.group(0)
    assert f"those of its teams ({', '.join(teams)})" in section.group(0)


def _tab(bench: object) -> dict[str, str]:
    return {"X-Matcher-Board": str(bench.revision), "X-Matcher-Tab": "t"}  # type: ignore[attr-defined]


def _demo_run(out: Path, lang: str, instance: Path = DEMO) -> tuple[Any, Any]:
    """The demo (or ``instance``) opened in the workbench (saving into ``out``, its runs
    explaining nothing) and run, the page shown again: (the test client, the workbench)."""
    from matcher.web import create_app

    app = create_app(instance, out, lang, explain=False)
    client = app.test_client()
    client.get("/")
    bench = app.extensions["workbench"]
    client.post("/run")
    bench.worker.join(timeout=300)
    client.get("/")
    return client, bench


def test_a_student_who_arrived_since_the_result_has_a_card_to_place(tmp_path: Path) -> None:
    """A result saved, then a late student added to students.csv: the reopened board named
    them only in the broken rule « S061 n'a pas d'équipe », no card to drag (session 26's
    left-alone list). They are now in a first column « Sans équipe », moved from there into a
    team like any card (the column is gone, the rule kept)."""
    from csvrows import read_rows, result_then_late_students

    from matcher.web import create_app

    cohort, out = result_then_late_students(DEMO, tmp_path, "S061")
    choices = read_rows(cohort / "students.csv")[-1]["choices"]
    app = create_app(cohort, out, "fr", explain=False)
    client = app.test_client()
    client.get("/")
    bench = app.extensions["workbench"]
    html = client.post("/open/result", headers=_tab(bench)).get_data(as_text=True)
    column = re.search(r'<div class="team broken unplaced" data-team="".*?</ul>', html, re.S)
    assert column is not None and "Sans équipe" in column.group(0)
    assert re.findall(r'data-student="([^"]+)"', column.group(0)) == ["S061"]
    assert 'data-action="pin"' not in column.group(0)  # locked where? it has no team
    # their choices as written, not « sans choix » (probe s27: the card said no choices)
    assert f"choix : {choices.replace(';', ', ')}" in column.group(0)
    why = client.get("/explain/S061", headers=_tab(bench))
    assert why.status_code == 200
    team = bench.outcome.teams.commission_ids[0]
    moved = client.post("/move", data={"student": "S061", "team": team}, headers=_tab(bench))
    delta = moved.get_data(as_text=True)
    assert moved.status_code == 200 and bench.assignment["S061"] == team
    # the page's column is replaced by an empty one; the board drawn again has none
    assert re.search(r'id="team--unplaced" hx-swap-oob="true"', delta)
    assert 'data-team=""' not in client.get("/").get_data(as_text=True)
    assert client.post("/move", data={"student": "S001", "team": ""}).status_code == 400


def test_an_edited_result_keeps_the_contracts_targets_and_shares(tmp_path: Path) -> None:
    """A result edited by hand: S003's row deleted (a student with choices, now without a
    team) and S004 typed onto a proposal not selected. The report took the balance targets
    from the students placed over every team shown (11 teams for 10 selected), so they
    disagreed with `balance_violations`; the shares left S003 out, overstating what the
    students got (probe s27). Now: targets [floor(N_v/K), ceil(N_v/K)] over the cohort and
    the 10 selected teams, shares over every student with choices."""
    from csvrows import read_rows, write_rows

    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    selected = {r["id"] for r in read_rows(out / "selection.csv") if r["selected"] == "yes"}
    other = next(r["id"] for r in read_rows(out / "selection.csv") if r["selected"] == "no")
    rows = [r for r in read_rows(out / "teams.csv") if r["student_id"] != "S003"]
    for row in rows:
        if row["student_id"] == "S004":
            row["commission_id"] = other
    write_rows(out / "teams.csv", rows)
    (out / "result.xlsx").unlink()
    edited = tmp_path / "edited"
    said = CliRunner().invoke(
        main, ["report", str(DEMO), "--result", str(out), "--out", str(edited), "--lang", "en"]
    )
    assert said.exit_code == 3, said.output
    import json

    metrics = json.loads((edited / "summary.json").read_text())["metrics"]["teams"]
    students = read_rows(DEMO / "students.csv")
    teams = {r["student_id"]: r["commission_id"] for r in rows}
    wrote = [s for s in students if s["choices"]]
    first = sum(teams.get(s["id"]) == s["choices"].split(";")[0] for s in wrote)
    assert metrics["first_choice_share"] == round(first / len(wrote), 4)
    assert f"Of the {len(wrote)} students who gave choices" in (edited / "report.html").read_text()
    # the teams outside a target, counted directly from the contract's formula
    from collections import Counter

    attributes = ("background", "vae", "employed", "gender")
    cohort = Counter((a, s[a]) for s in students for a in attributes if s[a])
    k = len(selected)
    outside = 0
    for team in selected:
        members = [s for s in students if teams.get(s["id"]) == team]
        held = Counter((a, s[a]) for s in members for a in attributes if s[a])
        outside += any(not n // k <= held[v] <= -(-n // k) for v, n in cohort.items())
    report = (edited / "report.html").read_text()
    assert f"{outside} of {k} teams outside a target" in report
    assert f"{len(teams) - 1} students in {k} teams" in report  # S004 is in no selected team


def test_a_result_saved_after_a_withdrawal_without_replacement_is_checked_once(
    tmp_path: Path,
) -> None:
    """The page ran, withdrew a commission without replacement, and saved "every rule
    holds"; the settings.toml it saved held the count after the withdrawal (9), so `matcher
    check --settings` (the command the save panel gives) and the workbench reopening the
    result subtracted the withdrawal again: « 9 proposals are selected; exactly 8 are
    required », exit 3 (probe s27). The settings saved are the cohort's (count 10)."""
    from matcher.web import create_app

    out = tmp_path / "out"
    client, bench = _demo_run(out, "en")
    gone = bench.outcome.teams.commission_ids[0]
    answer = client.post(
        "/whatif", data={"commission": gone, "no_replace": "1"}, headers=_tab(bench)
    )
    assert answer.status_code == 200
    assert client.post("/whatif/accept", headers=_tab(bench)).status_code == 200
    assert len(set(bench.assignment.values())) == 9
    assert client.post("/save", headers=_tab(bench)).status_code == 200
    assert "count = 10" in (out / "settings.toml").read_text(encoding="utf-8")
    for extra in ([], ["--settings", str(out / "settings.toml")]):
        checked = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(out), *extra])
        assert checked.exit_code == 0, checked.output
    again = create_app(DEMO, out, "en", explain=False)
    reopened = again.test_client()
    reopened.get("/")
    html = reopened.post("/open/result", headers=_tab(again.extensions["workbench"])).get_data(
        as_text=True
    )
    assert "breaks" not in re.search(r'data-role="message".*?</p>', html, re.S).group(0)
    assert 'data-role="broken-rules"' in html and "Every rule holds" in html


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "--student S007: left the cohort in a what-if"),
        ("fr", "--student S007 : a quitté la cohorte lors d'une simulation"),
    ],
)
def test_explain_of_a_student_who_withdrew_in_the_whatif_says_so(
    tmp_path: Path, lang: str, said: str
) -> None:
    """`explain --student` of a student of students.csv who withdrew in the what-if that
    made the result said "not a student of the cohort: did you mean S001…?" (probe s27)."""
    first, after = tmp_path / "first", tmp_path / "after"
    runner = CliRunner()
    ran = runner.invoke(main, ["run", str(DEMO), "--out", str(first), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(first), "--out", str(after)]
    ran = runner.invoke(main, [*args, "--withdraw-student", "S007", "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    asked = runner.invoke(
        main,
        ["explain", str(DEMO), "--result", str(after), "--student", "S007", "--lang", lang],
    )
    assert asked.exit_code == 2 and said in asked.output, asked.output
    assert "did you mean" not in asked.output and "vouliez-vous" not in asked.output


def test_a_reopened_result_shows_its_plans_values(tmp_path: Path) -> None:
    """A saved result reopened in the workbench listed its supervision and schedule but
    none of the plan's values (expertise, load, travel), which `matcher check` prints
    (probe s27). They are shown, as check computes them."""
    from matcher.web import create_app

    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    import json

    recorded = {
        o["name"]: o["value"]
        for o in json.loads((out / "summary.json").read_text())["plan"]["objectives"]
    }
    app = create_app(DEMO, out, "en", explain=False)
    client = app.test_client()
    client.get("/")
    html = client.post("/open/result", headers=_tab(app.extensions["workbench"])).get_data(
        as_text=True
    )
    shown = dict(re.findall(r'data-plan-priority="(\w+)" data-value="(-?\d+)"', html))
    assert shown and {k: int(v) for k, v in shown.items()} == recorded


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_settings_uploaded_alone_are_named_and_said_to_need_the_tables(
    tmp_path: Path, lang: str
) -> None:
    """settings.toml uploaded alone was answered "no file received", its file, row and column
    empty (probe s27): it is named, and what to do is said."""
    import io

    from matcher.web import create_app

    app = create_app(None, tmp_path / "out", lang, explain=False)
    client = app.test_client()
    client.get("/")
    files = [(io.BytesIO((DEMO / "settings.toml").read_bytes()), "settings.toml")]
    html = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    page = html.get_data(as_text=True)
    said = "settings.toml alone is no cohort" if lang == "en" else "settings.toml seul n"
    assert said in page and "no file received" not in page and "aucun fichier reçu" not in page
    # the upload button pressed with no file then: the problem above is not listed again
    again = client.post("/upload", data={}, content_type="multipart/form-data")
    assert said not in again.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "row 2, column 'institution': line breaks or tabs in this cell are read as spaces"),
        ("fr", "ligne 2, colonne « institution » : les retours à la ligne ou tabulations"),
    ],
)
def test_a_line_break_in_a_cell_cannot_forge_a_terminal_line(
    tmp_path: Path, lang: str, said: str
) -> None:
    """An institution « Inst A⏎input is valid⏎error: forged line » printed three lines on
    the terminal, a tab a real tab, an id « S002⏎X » cut a warning in two, without a word
    (probe s27; contract: control characters never reach the terminal raw). A cell of one
    value reads them as spaces, said with file, row and column; a list cell (choices)
    still takes a line break as a separator."""
    import csv

    cohort = tmp_path / "c"
    shutil.copytree(DEMO, cohort)
    path = cohort / "commissions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][1] = "Inst A\ninput is valid\nerror: forged line"
    rows[2][1] = "Inst\tB"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    students = cohort / "students.csv"
    with students.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    choices = rows[0].index("choices")
    rows[3][choices] = rows[3][choices].replace(";", "\n")  # Alt+Enter between choices
    with students.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    said_out = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    assert said_out.exit_code == 0, said_out.output
    lines = said_out.output.splitlines()
    assert not any(line.startswith("error: forged") for line in lines)
    assert (
        "\t" not in said_out.output
        and "Inst A input is valid error: forged line" in said_out.output
    )
    assert said in said_out.output
    assert "row 4" not in said_out.output and "ligne 4" not in said_out.output  # the choices cell


def test_a_csv_row_filling_more_columns_than_a_table_may_hold_is_refused_at_once(
    tmp_path: Path,
) -> None:
    """A students.csv whose header fills 300,000 columns took 15-25 s of mapping headers
    before anything was said (probe s27). Refused at that row past 1,000 filled columns;
    empty cells past it (a spreadsheet's trailing separators) are dropped, not refused."""
    import csv

    cohort = tmp_path / "c"
    shutil.copytree(DEMO, cohort)
    path = cohort / "students.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for extra, code in ((["" for _ in range(5000)], 0), ([f"x{i}" for i in range(300_000)], 2)):
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([rows[0] + extra, *rows[1:]])
        said = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
        assert said.exit_code == code, said.output
    assert "students.csv, row 1: the row fills more than 1000 columns" in said.output


def test_a_hand_move_after_a_whatif_is_in_changes_csv(tmp_path: Path) -> None:
    """The page accepted a what-if (S007 withdrew), then the director moved S011 by hand and
    saved: changes.csv listed the what-if's rows only, S011 not among them, and the moves
    were the what-if's (session 26's left-alone list). Now changes.csv lists every student
    whose team differs from the teams before the what-if, hand moves included, and the
    moves count them."""
    import json

    from csvrows import read_rows

    out = tmp_path / "out"
    client, bench = _demo_run(out, "en")
    first = dict(bench.assignment)
    answer = client.post("/whatif", data={"student": "S007"}, headers=_tab(bench))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert client.post("/whatif/accept", headers=_tab(bench)).status_code == 200
    assert "S007" not in bench.assignment
    there = bench.assignment["S011"]
    target = next(t for t in bench.outcome.teams.commission_ids if t != there)
    moved = client.post("/move", data={"student": "S011", "team": target}, headers=_tab(bench))
    assert moved.status_code == 200
    assert client.post("/save", headers=_tab(bench)).status_code == 200
    rows = {
        r["student_id"]: (r["from_commission"], r["to_commission"])
        for r in read_rows(out / "changes.csv")
    }
    expected = {
        s: (first[s], bench.assignment.get(s, ""))
        for s in first
        if first[s] != bench.assignment.get(s, "")
    }
    assert rows == expected and rows["S011"] == (first["S011"], target) and rows["S007"][1] == ""
    moves = json.loads((out / "summary.json").read_text())["changes"]["moves"]
    assert moves == sum(
        1 for s, team in bench.assignment.items() if s in first and first[s] != team
    )


def test_explain_of_a_whatif_folder_counts_its_moves_unless_edited_by_hand(
    tmp_path: Path,
) -> None:
    """`explain --result` of a what-if's folder reads its changes.csv to count the moves
    from the teams before it: the same rows as the explanations.csv `whatif` wrote. Edited
    by hand since (two students swapped in teams.csv), who was where before the what-if is
    no longer known (a student moved by hand is in no row of changes.csv: probe s27 saw
    them counted as never moved): it says so and explains the teams as an edited result,
    with no `moves` priority."""
    from csvrows import read_rows, write_rows

    runner = CliRunner()
    first, after = tmp_path / "first", tmp_path / "after"
    ran = runner.invoke(main, ["run", str(DEMO), "--out", str(first), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(first), "--out", str(after), "--quiet"]
    ran = runner.invoke(main, [*args, "--withdraw-student", "S007"])
    assert ran.exit_code == 0, ran.output
    again = tmp_path / "again"
    said = runner.invoke(main, ["explain", str(DEMO), "--result", str(after), "--out", str(again)])
    assert said.exit_code == 0 and "changed by hand" not in said.output, said.output
    whatif_rows = (after / "explanations.csv").read_text(encoding="utf-8-sig")
    assert (again / "explanations.csv").read_text(encoding="utf-8-sig") == whatif_rows
    assert ",costs,moves," in whatif_rows
    rows = read_rows(after / "teams.csv")
    a, b = next((x, y) for x in rows for y in rows if x["commission_id"] < y["commission_id"])
    a["commission_id"], b["commission_id"] = b["commission_id"], a["commission_id"]
    write_rows(after / "teams.csv", rows)
    (after / "result.xlsx").unlink()
    edited = tmp_path / "edited"
    said = runner.invoke(
        main, ["explain", str(DEMO), "--result", str(after), "--out", str(edited), "--lang", "en"]
    )
    assert said.exit_code == 0, said.output
    assert "its teams were changed by hand since the what-if that made them" in said.output
    assert ",moves," not in (edited / "explanations.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "only if the what-if moved more students: 4 instead of 1"),
        ("fr", "qu'en déplaçant plus d'étudiants dans la simulation : 4 au lieu de 1"),
    ],
)
def test_a_whatifs_moves_are_worded_as_students_moved(lang: str, said: str) -> None:
    """ "only if the number of students the what-if moves got worse: from 1 to 4" read badly
    (probe s27)."""
    from matcher.explanation import Explanation

    cost = Explanation("S2", "Bruno", "C2", "C1", 2, "costs", "moves", 1, 4, 2)
    assert said in cost.reason(lang)


@pytest.fixture(scope="module")
def demo_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("s27") / "out"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_documented_workbook_edit_draws_no_warning(
    demo_result: Path, tmp_path: Path, lang: str
) -> None:
    """The edit the README describes: S001's commission_id changed in the Students sheet of
    result.xlsx, the workbook sent back alone. It drew two warnings telling the director
    to do what they had just done (the institution cell not matching, a team sheet listing
    S001 elsewhere; probe s27). The edit is read, nothing said; a row moved between team
    sheets with the Students sheet left as it was is still said not read."""
    import openpyxl

    book = openpyxl.load_workbook(demo_result / "result.xlsx")
    sheet = book["Students"]
    header = [c.value for c in sheet[1]]
    column = header.index("commission_id") + 1
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    was = sheet.cell(rows["S001"], column).value
    other = sheet.cell(rows["S015"], column).value
    assert was != other
    sheet.cell(rows["S001"], column).value = other
    sheet.cell(rows["S015"], column).value = was
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    shutil.copy(demo_result / "summary.json", edited / "summary.json")
    said = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", lang])
    assert said.exit_code in (0, 3), said.output
    assert "warning" not in said.output and "avertissement" not in said.output, said.output
    report = tmp_path / "report"
    CliRunner().invoke(main, ["report", str(DEMO), "--result", str(edited), "--out", str(report)])
    teams = {
        r.split(",")[0]: r.split(",")[2]
        for r in (report / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    }
    assert (teams["S001"], teams["S015"]) == (other, was)


def test_a_folder_of_a_result_saved_in_another_format_names_it(
    demo_result: Path, tmp_path: Path
) -> None:
    """A result folder holding only result.ods was "holds neither selection.csv nor
    teams.csv", the workbook not named; result.xls or « result (1).xlsx » beside teams.csv
    was ignored without a word (probe s27)."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(demo_result / "result.xlsx", alone / "result.ods")  # its name is what counts
    said = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(alone), "--lang", "en"])
    assert said.exit_code == 2
    assert (
        "holds neither selection.csv, teams.csv nor result.xlsx: result.ods is not read"
        in said.output
    )
    beside = tmp_path / "beside"
    shutil.copytree(demo_result, beside)
    shutil.copy(demo_result / "result.xlsx", beside / "result (1).xlsx")
    shutil.copy(demo_result / "result.xlsx", beside / "result.xls")
    said = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(beside), "--lang", "en"])
    assert said.exit_code == 0
    for name in ("result (1).xlsx", "result.xls"):
        assert f"{name} is not read (only result.xlsx is)" in said.output


def test_whatif_quiet_says_nothing_of_reading_its_from_folder(
    demo_result: Path, tmp_path: Path
) -> None:
    """`whatif --quiet` printed the warnings of reading --from (a lock file beside its
    workbook), which README says --quiet keeps back (probe s27)."""
    earlier = tmp_path / "earlier"
    shutil.copytree(demo_result, earlier)
    (earlier / ".~lock.result.xlsx#").write_text("x", encoding="utf-8")
    args = ["whatif", str(DEMO), "--from", str(earlier), "--out", str(tmp_path / "w")]
    said = CliRunner().invoke(
        main, [*args, "--withdraw-student", "S030", "--quiet", "--no-explain"]
    )
    assert said.exit_code == 0 and said.output == "", said.output
    loud = CliRunner().invoke(
        main, [*args[:-1], str(tmp_path / "w2"), "--withdraw-student", "S030", "--no-explain"]
    )
    assert "open in a spreadsheet" in loud.output


def test_a_note_typed_under_the_students_table_is_said_a_note(
    demo_result: Path, tmp_path: Path
) -> None:
    """« Vérifié par JD le 3/10 » typed two rows under the Students sheet's table was refused
    as a student id with the advice to run `whatif --withdraw-student Vérifié par JD le
    3/10` (probe s27). Typed right under the table (no blank line: it could be a row),
    still refused (exit 2, its row and column), said as a note to move. (After a blank line
    it is set aside since session 39: tests/test_probe_s39.py.)"""
    import openpyxl

    book = openpyxl.load_workbook(demo_result / "result.xlsx")
    sheet = book["Students"]
    row = sheet.max_row + 1
    sheet.cell(row, 1).value = "Vérifié par JD le 3/10"
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    said = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", "fr"])
    assert said.exit_code == 2, said.output
    assert f"ligne {row}, colonne « student_id »" in said.output
    assert (
        "une note tapée dans le tableau ?" in said.output
        and "--withdraw-student" not in said.output
    )


def test_a_board_moved_by_hand_after_a_whatif_is_saved_and_explained_consistently(
    tmp_path: Path,
) -> None:
    """Run, S007 withdraws (accepted), two students swapped by hand, saved. The saved
    priorities said `moves` 0 "unchanged" beside changes.moves 2; `matcher explain
    --result` of the folder took it for a folder edited by hand since (its summary records
    no solve's objectives) and explained without the what-if's moves; the save note gave
    `matcher explain … --result OUT`, which writes nothing (probe s27). Now the saved moves
    agree, explain counts them, and the note's command writes explanations.csv."""
    import json

    out = tmp_path / "out"
    client, bench = _demo_run(out, "fr")
    client.post("/whatif", data={"student": "S007"}, headers=_tab(bench))
    client.post("/whatif/accept", headers=_tab(bench))
    board = dict(bench.assignment)
    ids = bench.outcome.teams.commission_ids
    # two students of the same profile in two teams: swapped, every rule kept
    by = {s.id: s for s in bench.outcome.instance.students}
    a, b = next(
        (x, y)
        for x in board
        for y in board
        if board[x] < board[y]
        and by[x].model_dump(include={"background", "vae", "employed", "gender", "employer"})
        == by[y].model_dump(include={"background", "vae", "employed", "gender", "employer"})
        and not by[x].pinned
        and not by[y].pinned
    )
    for student, team in ((a, board[b]), (b, board[a])):
        client.post("/move", data={"student": student, "team": team}, headers=_tab(bench))
    assert set(board.values()) <= set(ids)
    saved = client.post("/save", headers=_tab(bench)).get_data(as_text=True)
    summary = json.loads((out / "summary.json").read_text())
    moves = summary["changes"]["moves"]
    recorded = {r["name"]: r["value"] for r in summary["priorities"] if r["stage"] == "teams"}
    assert moves >= 2 and recorded["moves"] == moves
    beside = f"{out}-explications"
    assert not bench.shown_broken  # the swap keeps every rule
    assert f"--result {out} --out {beside}" in saved
    said = CliRunner().invoke(
        main, ["explain", str(DEMO), "--result", str(out), "--out", beside, "--lang", "fr"]
    )
    assert said.exit_code == 0, said.output
    assert "modifiées à la main" not in said.output
    rows = (Path(beside) / "explanations.csv").read_text(encoding="utf-8-sig")
    assert ",moves," in rows


def test_the_words_a_reader_found_wanting() -> None:
    """From the readability probe (s27): ordinals in words up to ten (« cinquième » was
    followed by « 6e »), and the size rule in French as the other size rules say it
    (« attendu de 5 à 6 » read as a fragment)."""
    from matcher.explanation import ordinal
    from matcher.labels import counted, worded

    assert [ordinal(n, "fr") for n in (5, 6, 10, 11)] == ["cinquième", "sixième", "dixième", "11e"]
    assert [ordinal(n, "en") for n in (6, 10, 11)] == ["sixth", "tenth", "11th"]
    rule = counted("v_team_size", 4, team="C01", low=5, high=6)
    assert worded(rule, "fr") == "l'équipe C01 compte 4 étudiants, il en faut de 5 à 6"


def test_an_edited_result_breaking_rules_does_not_say_no_pair_would_gain(
    demo_result: Path, tmp_path: Path
) -> None:
    """A result edited by hand that breaks rules has no swap pairs by definition (no swap
    keeps every rule); its report said « Aucune paire d'étudiants ne gagnerait à échanger
    d'équipe », false there (probe s27). It says the swaps are not assessed."""
    from csvrows import read_rows, write_rows

    edited = tmp_path / "edited"
    shutil.copytree(demo_result, edited)
    (edited / "result.xlsx").unlink()
    rows = read_rows(edited / "teams.csv")
    teams = sorted({r["commission_id"] for r in rows})
    rows[0]["commission_id"] = next(t for t in teams if t != rows[0]["commission_id"])
    write_rows(edited / "teams.csv", rows)
    out = tmp_path / "report"
    args = ["report", str(DEMO), "--result", str(edited), "--out", str(out), "--lang", "fr"]
    assert CliRunner().invoke(main, args).exit_code == 3
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "ne gagnerait à échanger" not in html
    assert "les échanges ne sont donc pas évalués" in html


def test_report_and_plan_say_what_reading_the_result_warned_once(
    demo_result: Path, tmp_path: Path
) -> None:
    """`plan --result` of teams breaking rules, `report --result` of a folder holding
    result.ods: the warning was said at the start and again in the summary's list (probe
    s27). Once now; the plan's report no longer blames --no-explain or the cohort's size
    for placements it did not explain (the cohort has 60 students)."""
    from csvrows import read_rows, write_rows

    broken = tmp_path / "broken"
    shutil.copytree(demo_result, broken)
    (broken / "result.xlsx").rename(broken / "result.ods")
    rows = read_rows(broken / "teams.csv")
    teams = sorted({r["commission_id"] for r in rows})
    rows[0]["commission_id"] = next(t for t in teams if t != rows[0]["commission_id"])
    write_rows(broken / "teams.csv", rows)
    runner = CliRunner()
    said = runner.invoke(
        main, ["plan", str(DEMO), "--result", str(broken), "--out", str(tmp_path / "p")]
    )
    assert said.exit_code == 0, said.output
    assert said.output.count("the teams planned break") == 1
    assert said.output.count("result.ods is not read") == 1
    html = (tmp_path / "p" / "report.html").read_text(encoding="utf-8")
    assert "more than 200 students" not in html and "not explained by the command" in html
    said = runner.invoke(
        main, ["report", str(DEMO), "--result", str(broken), "--out", str(tmp_path / "r")]
    )
    assert said.exit_code == 3 and said.output.count("result.ods is not read") == 1, said.output
