"""Stage 3 inside run/assign/whatif (contract §11): the three files, the plan stage of
summary.json, calendar.ics parsed back, --withdraw-supervisor, exit 3, and the report and
workbook sections in both languages."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from csvrows import read_rows

from matcher import app
from matcher.cli import main
from matcher.outputs.report import render_report
from matcher.outputs.workbook import tables
from matcher.stages import PLAN

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"
ONE_WORKER = app.Overrides(seed=0, workers=1)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_run_writes_the_plan(demo_result: Path) -> None:
    """run writes supervision.csv (one row per team), schedule.csv (a visit and an oral per
    team), calendar.ics (two dated events per team: the demo dates every slot), and a
    proven-optimal "plan" stage in summary.json whose values the verifier recomputes."""
    summary = json.loads((demo_result / "summary.json").read_text(encoding="utf-8"))
    teams = summary["teams"]["commissions"]
    plan = summary["plan"]
    assert plan["status"] == "OPTIMAL" and plan["proven_optimal"]
    assert [o["name"] for o in plan["objectives"]] == ["expertise", "load", "travel"]
    assert "supervision" in summary["settings"] and "calendar" in summary["settings"]
    supervision = read_rows(demo_result / "supervision.csv")
    assert [r["commission_id"] for r in supervision] == teams
    schedule = read_rows(demo_result / "schedule.csv")
    assert sorted((r["event"], r["commission_id"]) for r in schedule) == sorted(
        (e, c) for c in teams for e in ("visit", "oral")
    )
    cal = icalendar.Calendar.from_ical((demo_result / "calendar.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2 * len(teams)
    # The verifier twin, from the files alone, agrees with the solver's values.
    instance = app.load(DEMO)
    outcome = app.plan(instance, demo_result, lang="en")
    assert outcome.plan is not None
    values = PLAN.objectives(outcome.instance, outcome.plan)
    assert [values[o.name] for o in outcome.plan.stage.objectives] == [
        o["value"] for o in plan["objectives"]
    ]


def test_withdraw_supervisor_moves_the_fewest_teams(demo_result: Path, tmp_path: Path) -> None:
    """whatif --withdraw-supervisor: the teams are kept as they are, only the withdrawn
    supervisor's teams change supervisor (the fewest possible: each of theirs must), and
    the other teams keep their supervisor; the withdrawal is recorded for a chained what-if."""
    supervision = {
        r["commission_id"]: r["supervisor_id"] for r in read_rows(demo_result / "supervision.csv")
    }
    busiest = max(set(supervision.values()), key=lambda s: list(supervision.values()).count(s))
    theirs = {c for c, s in supervision.items() if s == busiest}
    out = tmp_path / "whatif"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out),
        "--withdraw-supervisor", busiest, "--quiet", "--workers", "1",
    )  # fmt: skip
    assert code == 0, output
    assert (out / "teams.csv").read_bytes() == (demo_result / "teams.csv").read_bytes()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    names = [o["name"] for o in summary["plan"]["objectives"]]
    assert names[:2] == ["supervisor_changes", "event_moves"]
    assert summary["plan"]["objectives"][0]["value"] == len(theirs)
    assert summary["plan"]["withdrawn_supervisors"] == [busiest]
    # The what-if's record says it too, beside its moves (none: the teams are kept).
    assert summary["changes"]["withdrawn_supervisors"] == [busiest]
    assert summary["changes"]["moves"] == 0
    after = {r["commission_id"]: r["supervisor_id"] for r in read_rows(out / "supervision.csv")}
    assert busiest not in after.values()
    assert {c for c in after if after[c] != supervision[c]} == theirs


def test_withdraw_unknown_supervisor(demo_result: Path, tmp_path: Path) -> None:
    """An id naming no supervisor: exit 2 naming it, nothing written."""
    out = tmp_path / "whatif"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out),
        "--withdraw-supervisor", "Z99", "--quiet",
    )  # fmt: skip
    assert code == 2
    assert "Z99" in output
    assert not out.exists()


def test_no_plan_exits_3(tmp_path: Path) -> None:
    """run with one supervisor for ten teams: the teams exist but no plan does (one morning
    holds at most two visits): exit 3 naming the supervisor and the morning, nothing written."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    (folder / "supervisors.csv").write_text(
        "id,name,max_teams\nA1,Anne Lambert,10\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    code, output = _invoke("run", str(folder), "--out", str(out), "--quiet")
    assert code == 3, output
    assert "no plan of supervisors and calendar satisfies the rules" in output
    assert "Anne Lambert" in output
    assert not out.exists()


def test_workbook_instance_with_a_supervisors_sheet(tmp_path: Path) -> None:
    """An .xlsx instance with an 'Accompagnateurs' sheet: its supervisors are read like
    supervisors.csv (French headers)."""
    import xlsxwriter

    book_path = tmp_path / "cohorte.xlsx"
    book = xlsxwriter.Workbook(str(book_path))
    for title, path in (("Propositions", "commissions.csv"), ("Étudiants", "students.csv")):
        sheet = book.add_worksheet(title)
        with (DEMO / path).open(encoding="utf-8-sig", newline="") as handle:
            for r, row in enumerate(csv.reader(handle)):
                for c, value in enumerate(row):
                    sheet.write_string(r, c, value)
    sheet = book.add_worksheet("Accompagnateurs")
    rows = [
        ["Identifiant", "Nom", "Équipes max"],
        ["A1", "Anne Lambert", "5"],
        ["A2", "Marc Denis", "5"],
    ]
    rows += [[f"A{i}", f"Personne {i}", "5"] for i in range(3, 7)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    shutil.copy(DEMO / "settings.toml", tmp_path / "settings.toml")
    loaded = app.load(book_path, overrides=ONE_WORKER)
    assert loaded.supervisors is not None
    assert [s.id for s in loaded.supervisors] == [f"A{i}" for i in range(1, 7)]
    assert loaded.supervisors[0].max_teams == 5


@pytest.mark.parametrize(
    ("lang", "heading", "sheet"),
    [
        ("en", "Supervision and calendar", "Schedule"),
        ("fr", "Accompagnement et calendrier", "Calendrier"),
    ],
)
def test_report_and_workbook_sections(
    demo_result: Path, lang: str, heading: str, sheet: str
) -> None:
    """report.html has the section (a row per team, a timeline per slot as inline SVG with a
    box per event) and result.xlsx a schedule sheet (a row per event), in each language."""
    outcome = app.plan(app.load(DEMO), demo_result, lang=lang)  # type: ignore[arg-type]
    assert outcome.plan is not None
    page = render_report(outcome, lang)  # type: ignore[arg-type]
    assert f'<h2 id="plan">{heading}</h2>' in page
    section = page[page.index('<h2 id="plan">') :]
    assert section.count("<svg") == len({row.slot for row in outcome.plan.schedule})
    assert section.count('rx="4"') == len(outcome.plan.schedule)
    books = {t.title: t for t in tables(outcome, lang)}  # type: ignore[arg-type]
    assert sheet in books
    assert books[sheet].num_rows == 1 + len(outcome.plan.schedule)


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Teams changing supervisor"), ("fr", "Équipes qui changent d'accompagnateur·rice")],
)
def test_withdraw_supervisor_says_which_teams_change(
    demo_result: Path, tmp_path: Path, lang: str, heading: str
) -> None:
    """whatif --withdraw-supervisor names each team whose supervisor changed, from whom to
    whom: in summary.json (plan → supervisor_changes, as supervision.csv shows it), on the
    terminal and in the report's changes section, in the language in force."""
    before = {
        r["commission_id"]: r["supervisor_id"] for r in read_rows(demo_result / "supervision.csv")
    }
    leaving = sorted(set(before.values()))[0]
    out = tmp_path / "whatif"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out),
        "--withdraw-supervisor", leaving, "--workers", "1", "--lang", lang,
    )  # fmt: skip
    assert code == 0, output
    after = {r["commission_id"]: r["supervisor_id"] for r in read_rows(out / "supervision.csv")}
    expected = [
        {"commission_id": c, "from": before[c], "to": after[c]}
        for c in after
        if after[c] != before[c]
    ]
    assert expected and all(change["from"] == leaving for change in expected)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["supervisor_changes"] == expected
    line = next(row for row in output.splitlines() if row.startswith(heading))
    # Each supervisor's id with their name (probe s36f: ids alone).
    for change in expected:
        assert f"{change['commission_id']} {leaving} (" in line
        assert f") → {change['to']} (" in line
    assert f"<h3>{heading}</h3>".replace("'", "&#x27;") in (out / "report.html").read_text(
        encoding="utf-8"
    )


def test_a_whatif_without_supervisor_changes_says_so(demo_result: Path, tmp_path: Path) -> None:
    """A what-if keeps the plan's key in summary.json whatever happened: an empty list when
    no team changed supervisor (a student withdrawn changes no team's supervisor: the plan
    minimises changes first), so a reader need not tell "none" from "not a what-if"; a run's
    plan has no such key."""
    first = json.loads((demo_result / "summary.json").read_text(encoding="utf-8"))
    assert "supervisor_changes" not in first["plan"]
    student = read_rows(demo_result / "teams.csv")[0]["student_id"]
    out = tmp_path / "whatif"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out),
        "--withdraw-student", student, "--workers", "1",
    )  # fmt: skip
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["supervisor_changes"] == []
