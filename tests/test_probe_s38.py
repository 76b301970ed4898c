"""Session 38's fixes, each with the probe that found it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from cohortfiles import TWO_COMMISSIONS
from conftest import DEMO
from test_probe_s37 import _cohort_of

from matcher.cli import main
from matcher.labels import label


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explain_help_names_the_verdicts_as_the_output_does(lang: str) -> None:
    """Probe s38e: the French help said « gratuit », « coûteux », « inconnu » where
    explanations.csv, the terminal and the workbook say « sans coût », « coûte »,
    « indéterminé »: filtering the workbook's column by the help's words found nothing."""
    ran = CliRunner().invoke(main, ["explain", "--help", "--lang", lang])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    for verdict in ("impossible", "free", "costs", "unknown"):
        word = label(f"explain_verdict_{verdict}", lang)
        assert f"{word} (" in said, (word, said)


def test_a_supervisor_named_like_a_total_is_kept_when_rows_are_numbers_too(
    tmp_path: Path,
) -> None:
    """Probe s38a: supervisors.csv with its name column first, numeric ids and « équipes
    max »: the last row « Somme,2,1 » was set aside as a total, and the plan then lacked a
    supervisor (exit 3, or a plan without her). Its rows above are numbers beside a word
    too, so nothing tells a total from a row: kept, and said."""
    supervisors = "nom,id,équipes max\nDupont,1,1\nSomme,2,1\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "supervisors.csv, row 3: 'Somme' reads like a total typed under the table" in said
    rows = list(csv.DictReader((out / "supervision.csv").open(encoding="utf-8-sig")))
    assert sorted(row["supervisor_id"] for row in rows) == ["1", "2"], rows


def _students_book(tmp_path: Path, beside: str) -> Path:
    """A cohort workbook (TWO_COMMISSIONS, two students) whose Students sheet holds
    ``beside`` in row 3, one column right of its last header (no header above it)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "commissions"
    for line in TWO_COMMISSIONS.splitlines():
        sheet.append(line.split(","))
    students = book.create_sheet("students")
    for row in (["id", "background", "choices"], ["S1", "AS", "C1"], ["S2", "AS", "C2"]):
        students.append(row)
    students.cell(row=3, column=4).value = beside
    path = tmp_path / "cohort.xlsx"
    book.save(path)
    (tmp_path / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("beside", ["=1+1", "#N/A"])
def test_an_unreadable_cell_without_a_header_is_said_not_refused(
    tmp_path: Path, beside: str
) -> None:
    """Probe s38a: a formula without a saved value (or « #N/A ») in a column without a
    header refused the cohort (exit 2), where under a « Remarques » header it is said and
    left: no rule reads a column without a header either."""
    book = _students_book(tmp_path, beside)
    settings = str(tmp_path / "settings.toml")
    ran = CliRunner().invoke(main, ["validate", str(book), "--settings", settings])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "cohort.xlsx [students], column 'D':" in said, said


def _edit_book(result: Path, sheet_name: str, column: str, row: int, value: str) -> None:
    """``value`` typed in ``result``/result.xlsx, sheet ``sheet_name``, spreadsheet row
    ``row`` of the column headed ``column``."""
    book = openpyxl.load_workbook(result / "result.xlsx")
    sheet = book[sheet_name]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1).value = value
    book.save(result / "result.xlsx")


def test_a_bad_value_of_the_workbook_beside_the_csv_files_is_named(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38a: an unknown commission typed in result.xlsx's Students sheet, beside
    teams.csv, was said « result.xlsx could not be read », no sheet, row or value: the
    director's edit dropped without telling which cell. The first problem is named."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    _edit_book(result, "Students", "commission_id", 2, "C99")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert (
        "result.xlsx is set aside, the CSV files of the result are used: result.xlsx "
        "(Students), row 2, column 'commission_id': 'C99' is not a proposal id"
    ) in said, said


def test_supervisors_of_one_name_are_told_apart_in_the_report_and_calendar(
    tmp_path: Path,
) -> None:
    """Probe s38a: two « Anne Martin » (and « anne  martin », folded alike) were told apart
    in the workbook's Schedule sheet only; report.html's supervision table and timelines
    and calendar.ics's descriptions showed the name alone, twice."""
    supervisors = "id,name,max_teams\nA1,Anne Martin,1\nA2,anne  martin,1\nA3,Bob Lenoir,1\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 2\n[calendar]\ndates = { visit = "2026-11-19", '
        'oral_thu = "2027-05-20", oral_fri = "2027-05-21" }\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    chosen = {
        row["supervisor_id"]
        for row in csv.DictReader((out / "supervision.csv").open(encoding="utf-8-sig"))
    }
    names = {"A1": "Anne Martin (A1)", "A2": "anne  martin (A2)", "A3": "Bob Lenoir"}
    report = (out / "report.html").read_text(encoding="utf-8")
    calendar = (out / "calendar.ics").read_text(encoding="utf-8").replace("\n ", "")
    for sid in chosen:
        assert names[sid] in report, sid
        assert names[sid] in calendar, sid
    # Probe s38g: once A1 withdrew, « anne  martin » lost her id (and her events read as
    # changed in calendar.ics): still told apart from the withdrawn one.
    after = tmp_path / "after"
    args = ["whatif", str(cohort), "--from", str(out), "--out", str(after)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "A1", "--quiet"])
    assert ran.exit_code == 0, ran.output
    calendar = (after / "calendar.ics").read_text(encoding="utf-8").replace("\n ", "")
    assert "anne  martin (A2)" in calendar
    assert "anne  martin (A2)" in (after / "report.html").read_text(encoding="utf-8")


def test_a_misspelt_supervisor_name_in_supervision_csv_gets_a_suggestion(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38a: « Anne Martinn » in an edited supervision.csv got « is not in
    supervisors.csv » alone, where --withdraw-supervisor suggests the supervisor it
    misspells; and two more lines said the team's events list another supervisor than
    that unknown one. One line now, with the suggestion."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    path = result / "supervision.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    sid = rows[1][1]
    name = next(
        line["name"]
        for line in csv.DictReader((DEMO / "supervisors.csv").open(encoding="utf-8-sig"))
        if line["id"] == sid
    )
    rows[1][1] = name + "x"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert ran.exit_code == 3, ran.output
    said = " ".join(ran.output.split())
    assert f"{name}x, is not in supervisors.csv: did you mean {sid} ({name})?" in said, said
    assert f"is {name}x (supervision.csv)" not in said, said


def test_students_whose_ids_are_total_words_stay_in_their_teams(tmp_path: Path) -> None:
    """Probe s38b: students « Somme » and « Total » (their ids), complete rows of
    students.csv, were placed by `run`, then set aside as totals when teams.csv was read
    back: `check` of the unedited result exited 3 (two students without a team), and a
    what-if took them for arrivals."""
    students = (
        "id,name,background,choices\nS1,Ann,AS,C1;C2\nS2,Bob,EDU,C2;C1\nS3,Cy,AS,C1\n"
        "Somme,Jean Sommé,EDU,C2\nTotal,Marie Total,AS,C1\n"
    )
    cohort = _cohort_of(tmp_path, students)
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    checked = CliRunner().invoke(main, ["check", str(cohort), "--result", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "are not read" not in checked.output, checked.output


def test_the_workbench_does_not_offer_a_result_of_another_cohort(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38c: --out holding a result saved from another cohort, the page offered
    « Open the saved result », and opening it listed twenty unknown ids with « did you
    mean » hints. Said of another cohort, not offered; the demo's own is still offered."""
    from matcher.web import create_app

    out = Path(shutil.copytree(demo_result, tmp_path / "out"))
    cohort = _cohort_of(tmp_path, "id,background\nE1,AS\nE2,AS\n")
    for instance, other in ((cohort, True), (DEMO, False)):
        app = create_app(instance, out, "en", explain=False)  # type: ignore[arg-type]
        page = app.test_client().get("/").get_data(as_text=True)
        assert ("holds a result of another cohort" in page) is other, page
        assert ('data-action="open-result"' in page) is not other, page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_priority_has_one_name_on_the_terminal_and_the_page(lang: str) -> None:
    """Probe s38c: the workbench's progress table (the terminal's words) said « most
    proposals in one sector », « sum of staff priorities », « balance violations », where
    its settings form and board said « most commissions in one sector », « sum of the
    staff's ratings », « balance deviations ». One name each, the way in brackets aside."""
    for name in ("sectors", "problem_types", "sector_spread", "priority"):
        terminal = label(f"prio_{name}", lang).rsplit(" (", 1)[0]
        assert terminal == label(f"plain_prio_{name}", lang), name
        form = label(f"web_sprio_{name}", lang).rsplit(" (", 1)[0]
        assert form == terminal, name
    assert label("prio_balance", lang).rsplit(" (", 1)[0] == label("web_prio_balance", lang)


def test_a_moved_event_is_said_on_its_day() -> None:
    """Probe s38c: a what-if's moved visits and orals were said by their slot labels
    (« oral-2027-05-21 09:00–10:00 → oral-2027-05-20 10:45–11:45 ») where the plan's table
    beside them shows the day; its day now, its slot when undated."""
    from matcher.outputs.progress import moved_event
    from matcher.results import ScheduleRow

    def oral(slot: str, date: str, start: str, end: str) -> ScheduleRow:
        return ScheduleRow("oral", "C04", "", "", "A01", slot, date, start, end)

    was = oral("oral-2027-05-21", "2027-05-21", "09:00", "10:00")
    now = oral("oral-2027-05-20", "2027-05-20", "10:45", "11:45")
    assert moved_event(was, now, "en") == (
        "the oral defence of C04: 21/05/2027 09:00–10:00 → 20/05/2027 10:45–11:45"
    )
    undated = oral("oral_fri", "", "09:00", "10:00"), oral("oral_fri", "", "10:45", "11:45")
    assert (
        moved_event(*undated, "fr") == "la soutenance de C04, oral_fri : 09:00–10:00 → 10:45–11:45"
    )


def test_settings_refusals_give_advice_that_holds(tmp_path: Path) -> None:
    """Probe s38a: `time_limit = "1000001"` was told to be written 1000001, which is then
    refused as above the limit; `oral_window = "09:00-17:00"` was shown ["a", "b"] as the
    example; `visit_window = ["09:00", 13]` did not say which time was wrong."""
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n")
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 2\n[solver]\ntime_limit = "1000001"\nseed = "5"\n'
        '[calendar]\noral_window = "09:00-17:00"\nvisit_window = ["09:00", 13]\n',
        encoding="utf-8",
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    for words in (
        "'solver.time_limit': 1000001 is not accepted: expected a number ≤ 1000000",
        '\'solver.seed\': "5" is not accepted: expected a whole number ("5" is in quotes',
        "'calendar.oral_window': \"09:00-17:00\" is not accepted: expected two times in "
        'brackets, e.g. ["09:00", "13:00"]',
        "'calendar.visit_window': its end time: 13 is not accepted",
    ):
        assert words in said, (words, said)


def test_the_report_shows_the_settings_as_settings_toml_spells_them(demo_result: Path) -> None:
    """Probe s38e: the README says the report's technical details give the settings « as
    settings.toml spells them »; they were JSON, invalid once copied into settings.toml.
    They are TOML now, read back to the values summary.json records."""
    import html
    import json
    import re
    import tomllib

    page = (demo_result / "report.html").read_text(encoding="utf-8")
    found = re.search(r"<details><summary>[^<]*</summary><pre>(.*?)</pre>", page, re.S)
    assert found is not None
    settings = tomllib.loads(html.unescape(found.group(1)))
    recorded = json.loads((demo_result / "summary.json").read_text(encoding="utf-8"))
    assert settings["selection"] == recorded["settings"]["selection"]
    assert settings["solver"]["seed"] == recorded["settings"]["solver"]["seed"]


def test_explain_student_suggests_the_student_whose_name_is_misspelt(demo_result: Path) -> None:
    """Probe s38h: `explain --student Olgaa` said « not a student of the cohort (give a
    student's id, or their name…) », no suggestion, where a misspelt id gets one."""
    student = next(csv.DictReader((DEMO / "students.csv").open(encoding="utf-8-sig")))
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "en"]
    ran = CliRunner().invoke(main, [*args, "--student", student["name"] + "x"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert f"did you mean {student['id']} ({student['name']})?" in said, said


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("Somme;5;2;", True),  # probe s38f: id 5 and 2 teams are no count or sum: a row
        ("Total;;9", False),  # probe s38g: 9 is the teams' sum: a total, set aside
        ("Somme;4;2;", True),  # 4 is no count under ids 1-3 (ids larger than a count)
    ],
)
def test_a_total_under_supervisors_is_told_from_a_supervisor(
    tmp_path: Path, last: str, kept: bool
) -> None:
    """A row « Somme » or « Total » under supervisors.csv is a total when its numbers are
    the count or the sum of their columns above, else a supervisor: probe s38f's « Somme »
    with id 5 and 2 teams was set aside (a supervisor short, exit 3), probe s38g's « Total »
    of 9 teams was kept as a supervisor without an id (exit 2)."""
    supervisors = f"nom;id;équipes max;secteurs\nAnne;1;2;CPAS\nLuc;2;2;\nMarie;3;3;\n{last}\n"
    if last.startswith("Total"):
        supervisors = (
            supervisors.replace(";CPAS", ";")
            .replace(";\n", "\n")
            .replace("nom;id;équipes max;secteurs", "nom;id;équipes max")
        )
        supervisors = supervisors.replace("Marie;3;3\n", "Marie;3;3\nPaul;4;2\n")
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    word = last.split(";")[0]
    expected = "reads like a total" if kept else "reads as a total typed under the table"
    assert f"'{word}' {expected}" in said, said


def test_a_bad_cell_of_the_french_selection_sheet_is_named_by_its_header(
    tmp_path: Path,
) -> None:
    """Probe s38g: a bad « Retenue » cell in result.xlsx's Sélection sheet, beside the CSV
    files, was said to be in « colonne « selected » », a header the sheet does not have."""
    out = tmp_path / "fr"
    args = ["run", str(DEMO), "--out", str(out), "--lang", "fr", "--quiet", "--no-explain"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    _edit_book(out, "Sélection", "Retenue", 2, "peut-être")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "result.xlsx (Sélection), ligne 2, colonne « Retenue » : « peut-être »" in said, said


def test_a_town_typed_where_the_proposals_give_none_is_said_so(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38f: commissions.csv without a town column, a town typed in schedule.csv
    was said « not the town of C01 in commissions.csv ('') … change it in commissions.csv »:
    there was none to change. Said as missing, with where to write it."""
    cohort = Path(shutil.copytree(DEMO, tmp_path / "cohort"))
    path = cohort / "commissions.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    town = rows[0].index("town")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r[:town] + r[town + 1 :] for r in rows])
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    schedule = result / "schedule.csv"
    lines = list(csv.reader(schedule.open(encoding="utf-8-sig")))
    lines[1][lines[0].index("town")] = "Tournai"
    with schedule.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(lines)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(result)])
    said = " ".join(ran.output.split())
    assert f"'Tournai': commissions.csv gives {lines[1][1]} no town" in said, said


def test_a_whatif_says_a_bad_schedule_sheet_beside_the_plan_files(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38f: a start « 25:00 » typed in result.xlsx's Schedule sheet, beside
    schedule.csv, was said by `check` and not by `whatif`, which re-plans from that plan."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    _edit_book(result, "Schedule", "Start", 3, "25:00")
    student = next(csv.DictReader((DEMO / "students.csv").open(encoding="utf-8-sig")))["id"]
    args = ["whatif", str(DEMO), "--from", str(result), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-student", student, "--no-explain"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "result.xlsx (Schedule), row 3, column 'Start': '25:00' is not a time" in said, said


@pytest.mark.parametrize(
    ("tail", "aside"),
    [
        ("Somme,,,10.5\nTotal,,,3.50\n", ["Somme", "Total"]),  # a sum, then a mean
        ("Total,3 étudiants,,\n", ["Total"]),  # a count in words
    ],
)
def test_totals_under_students_sum_then_mean_and_counts_in_words(
    tmp_path: Path, tail: str, aside: list[str]
) -> None:
    """Probe s38i: a sum row then a mean row under students.csv refused the cohort (the
    mean was checked against the rows above it, the sum among them), and « Total;2
    accompagnateurs;3 » was read as a supervisor « 2 accompagnateurs »."""
    students = "id,background,choices,experience_years\nS1,AS,C1,2\nS2,AS,C2,5.5\nS3,AS,C1,3\n"
    students += tail
    cohort = _cohort_of(tmp_path, students)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    for word in aside:
        assert f"'{word}' reads as a total typed under the table" in said, said


def test_a_whatif_says_once_that_the_workbook_is_no_workbook(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s38i: `whatif` from a result whose result.xlsx is a text file said « could not
    be read » twice (the teams' reading, then the plan's)."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    (result / "result.xlsx").write_bytes(b"hello")
    student = next(csv.DictReader((DEMO / "students.csv").open(encoding="utf-8-sig")))["id"]
    args = ["whatif", str(DEMO), "--from", str(result), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-student", student, "--no-explain"])
    assert ran.exit_code == 0, ran.output
    assert ran.output.count("result.xlsx could not be read") == 1, ran.output


def test_a_kept_total_refused_for_its_cells_says_it_reads_like_a_total(tmp_path: Path) -> None:
    """Probe s38i: « Total,,2 » (a count of the « oui » cells, no count of the rows) kept as
    a row was refused for its empty background alone; the hint that it reads like a total,
    to delete it, went unsaid."""
    # « 2 », the count of the « oui », is a total since session 39 (probe s39b); 7 counts
    # nothing of three rows.
    students = "id,background,vae\nS1,AS,oui\nS2,AS,non\nS3,AS,oui\nTotal,,7\n"
    cohort = _cohort_of(tmp_path, students)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert "students.csv, row 5, column 'background': empty cell" in said, said
    assert "students.csv, row 5: 'Total' reads like a total typed under the table" in said, said
