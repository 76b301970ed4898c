"""Probe s18r: `check` (and `report`) as the auditor of results a director broke, in the three
forms a result takes (CSV files, an edited result.xlsx beside them, result.xlsx alone),
stage 3 included.

Found:
- a result folder holding only result.xlsx (or `--result result.xlsx` itself) had its plan
  (the Schedule / Calendrier sheet) never checked: a visit moved onto another, an event
  shortened, a date changed there all passed `check` with exit 0 and only the warning "this
  result holds no plan", although the sheet holds the plan and `whatif --from` reads it
  (`read_plan_sheet`). Now `check` and `report` check the sheet's plan like the CSV files'.
- a folder holding supervision.csv and schedule.csv and a result.xlsx whose Schedule sheet a
  director edited: the CSV files were used without a word (teams.csv and selection.csv
  warn when the workbook differs). Now a warning names the first differing event.
- the broken rules of a plan read from the workbook's sheet named supervision.csv and
  schedule.csv ("team C04 has no visit in schedule.csv"), files the folder does not hold;
  they now name the sheet ("… in result.xlsx (Calendrier)").
- `--result folder/result.xlsx` read the workbook's teams but the plan of schedule.csv beside
  it: a plan broken in the workbook given itself passed. Now its own Schedule sheet is read.
- a travel gap too short towards an institution without a town was worded "45 are needed
  between institutions in different towns"; now "when an institution's town is unknown".
- an event whose end was typed before its start "lasts -90 minutes"; now it "ends at 09:00,
  before it starts (10:30)".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _invoke(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.stdout, outcome.stderr


def _book_alone(demo_result: Path, tmp_path: Path) -> Path:
    """A folder holding only the demo's result.xlsx (sent back by a colleague)."""
    folder = tmp_path / "book-alone"
    folder.mkdir()
    shutil.copy(demo_result / "result.xlsx", folder / "result.xlsx")
    return folder


def _edit_first_visit(book: Path, end: str) -> str:
    """Set the end time of the Schedule sheet's first visit; its commission id."""
    wb = openpyxl.load_workbook(book)
    ws = next(wb[n] for n in wb.sheetnames if n in ("Schedule", "Calendrier"))
    header = [str(c.value) for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if str(r[0].value).lower().startswith("visit"))
    row[header.index("End" if "End" in header else "Fin")].value = end
    wb.save(book)
    return str(row[header.index("Commission" if "Commission" in header else "Commande")].value)


def test_a_workbook_alone_keeping_every_rule_has_its_plan_checked(
    demo_result: Path, tmp_path: Path
) -> None:
    """The unedited workbook alone holds every rule, and its plan is checked (its metrics
    printed), not said to be missing: the Schedule sheet is the plan."""
    folder = _book_alone(demo_result, tmp_path)
    code, out, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "en")
    assert code == 0, err
    assert "holds no plan" not in err
    assert "total travel minutes" in out


def test_a_plan_broken_in_the_workbook_alone_is_a_broken_rule(
    demo_result: Path, tmp_path: Path
) -> None:
    """A visit shortened to 60 minutes in the Schedule sheet of the workbook alone breaks
    `visit_minutes` (90 in the demo, contract §11): exit 3 naming it, in the folder and in
    the workbook given itself, in English and French; `report` lists it first too. Before
    the fix all of these exited 0 ("holds every rule")."""
    folder = _book_alone(demo_result, tmp_path)
    team = _edit_first_visit(folder / "result.xlsx", "10:00")
    for result in (folder, folder / "result.xlsx"):
        code, _, err = _invoke("check", str(DEMO), "--result", str(result), "--lang", "en")
        assert code == 3, err
        assert f"the visit of {team} lasts" in err
        assert "a visit lasts 90 minutes" in err
        assert "breaks 1 rule" in err
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "fr")
    assert code == 3, err
    assert f"la visite de {team} dure" in err
    out = tmp_path / "reported"
    code, _, err = _invoke("report", str(DEMO), "--result", str(folder), "--out", str(out))
    assert code == 3, err
    assert f"the visit of {team} lasts" in err or f"la visite de {team} dure" in err


def test_a_plan_edited_in_the_workbook_beside_schedule_csv_is_not_ignored_silently(
    demo_result: Path, tmp_path: Path
) -> None:
    """A folder holding schedule.csv and a result.xlsx whose Schedule sheet was edited: the
    CSV files win (as teams.csv wins over the Students sheet, contract §8), and a warning
    says that the workbook plans otherwise, naming the event, so that the director's edit
    is never ignored without a word. Before the fix: exit 0 and not a word."""
    folder = tmp_path / "both"
    shutil.copytree(demo_result, folder)
    team = _edit_first_visit(folder / "result.xlsx", "10:00")
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "en")
    assert code == 0, err
    assert "schedule.csv and result.xlsx give a different plan for 1 event" in err
    assert f"the visit of {team}" in err
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "fr")
    assert "schedule.csv et result.xlsx donnent un planning différent pour 1 événement" in err
    # The unedited folder says nothing of the sort.
    code, _, err = _invoke("check", str(DEMO), "--result", str(demo_result), "--lang", "en")
    assert code == 0, err
    assert "different plan" not in err


def test_a_plan_broken_in_the_workbook_alone_names_the_sheet_not_absent_files(
    demo_result: Path, tmp_path: Path
) -> None:
    """The first visit's row deleted from the Schedule sheet of the workbook alone: the
    broken rule names the sheet the director edited ("result.xlsx (Schedule)"), not a
    schedule.csv the folder does not hold (contract §7: messages name the file as on disk)."""
    folder = _book_alone(demo_result, tmp_path)
    wb = openpyxl.load_workbook(folder / "result.xlsx")
    title = next(n for n in wb.sheetnames if n in ("Schedule", "Calendrier"))
    ws = wb[title]
    row = next(r for r in ws.iter_rows(min_row=2) if str(r[0].value).lower().startswith("visit"))
    team = str(row[1].value)
    ws.delete_rows(row[0].row)
    wb.save(folder / "result.xlsx")
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "en")
    assert code == 3, err
    assert f"team {team} has no visit in result.xlsx ({title})" in err
    assert "schedule.csv" not in err
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "fr")
    assert f"l'équipe {team} n'a pas de visite dans result.xlsx ({title})" in err


def test_an_event_ending_before_it_starts_is_said_so(demo_result: Path, tmp_path: Path) -> None:
    """A director who swaps a visit's start and end in schedule.csv breaks `visit_minutes`;
    the rule is worded "ends at 09:00, before it starts (10:30)", not as a visit that "lasts
    -90 minutes", a length no one can act on."""
    from csvrows import read_rows, write_rows

    folder = tmp_path / "swapped"
    shutil.copytree(demo_result, folder)
    rows = read_rows(folder / "schedule.csv")
    visit = next(r for r in rows if r["event"] == "visit")
    visit["start"], visit["end"] = visit["end"], visit["start"]
    write_rows(folder / "schedule.csv", rows)
    team = visit["commission_id"]
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "en")
    assert code == 3, err
    assert f"the visit of {team} ends at {visit['end']}, before it starts ({visit['start']})" in err
    assert "-90 minutes" not in err
    code, _, err = _invoke("check", str(DEMO), "--result", str(folder), "--lang", "fr")
    assert f"la visite de {team} finit à {visit['end']}, avant de commencer" in err


def test_the_workbook_given_itself_is_checked_with_its_own_plan(
    demo_result: Path, tmp_path: Path
) -> None:
    """`--result folder/result.xlsx` names the workbook as the result (contract §8): its
    teams are its Students sheet's, not teams.csv beside it, and so its plan is its Schedule
    sheet's, not schedule.csv beside it. A visit shortened in that sheet breaks
    `visit_minutes` (exit 3); before the fix schedule.csv was checked instead (exit 0)."""
    folder = tmp_path / "both"
    shutil.copytree(demo_result, folder)
    team = _edit_first_visit(folder / "result.xlsx", "10:00")
    book = folder / "result.xlsx"
    code, _, err = _invoke("check", str(DEMO), "--result", str(book), "--lang", "en")
    assert code == 3, err
    assert f"the visit of {team} lasts" in err
    assert "different plan" not in err


def test_a_travel_gap_to_an_institution_without_town_says_so(
    demo_result: Path, tmp_path: Path
) -> None:
    """Contract §11: travel_minutes applies "between institutions in different towns (or town
    unknown)". Two visits of one supervisor 10 minutes apart, the second institution with no
    town in commissions.csv: the rule is broken, and worded as the unknown town, not as
    "institutions in different towns" (the director would look for two towns)."""
    from csvrows import read_rows, write_rows

    instance, result = tmp_path / "instance", tmp_path / "result"
    shutil.copytree(DEMO, instance)
    shutil.copytree(demo_result, result)
    supervision = read_rows(result / "supervision.csv")
    schedule = read_rows(result / "schedule.csv")
    load: dict[str, list[str]] = {}
    for row in supervision:
        load.setdefault(row["supervisor_id"], []).append(row["commission_id"])
    teams = next(t for t in load.values() if len(t) == 2)
    first, second = (
        next(r for r in schedule if r["event"] == "visit" and r["commission_id"] == t)
        for t in teams
    )
    first["start"], first["end"] = "09:00", "10:30"
    second["start"], second["end"] = "10:40", "12:10"
    write_rows(result / "schedule.csv", schedule)
    commissions = read_rows(instance / "commissions.csv")
    for row in commissions:
        if row["id"] == second["commission_id"]:
            row["town"] = ""
    write_rows(instance / "commissions.csv", commissions)
    code, _, err = _invoke("check", str(instance), "--result", str(result), "--lang", "en")
    assert code == 3, err
    assert "has 10 minutes on" in err
    assert "45 are needed when an institution's town is unknown" in err
    assert "different towns" not in err
    code, _, err = _invoke("check", str(instance), "--result", str(result), "--lang", "fr")
    assert "quand la localité d'une institution est inconnue" in err
