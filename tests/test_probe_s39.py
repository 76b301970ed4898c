"""Session 39's fixes, each with the probe (or the earlier closing note) that found it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from cohortfiles import TWO_COMMISSIONS
from conftest import DEMO
from test_probe_s37 import _cohort_of

from matcher.cli import main
from matcher.loading.workbooks import workbook_cell_text


@pytest.mark.parametrize(("value", "number_format"), [(2, "0%"), (0.5, "0.0%"), (3, "General")])
def test_a_number_formatted_as_a_percentage_is_read_as_stored(
    value: float, number_format: str
) -> None:
    """Probe s39g: reading such a cell as it shows (« 200% ») refused every cohort whose
    experience column carried a stray percentage format; it is read as stored, as before
    (the share of a total row is told by its value, tests below)."""
    assert workbook_cell_text(value, number_format) == str(value)


def _validate_book(tmp_path: Path, students: list[list[object]], shares: int) -> Result:
    """`validate --lang en` of a cohort workbook (TWO_COMMISSIONS, ``students`` as its
    Students sheet) whose column ``shares`` (1 = A) carries a « 0% » format on every row."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "commissions"
    for line in TWO_COMMISSIONS.splitlines():
        sheet.append(line.split(","))
    table = book.create_sheet("students")
    for row in students:
        table.append(row)
    for row_number in range(2, len(students) + 1):
        table.cell(row=row_number, column=shares).number_format = "0%"
    path = tmp_path / "cohort.xlsx"
    book.save(path)
    (tmp_path / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    settings = str(tmp_path / "settings.toml")
    return CliRunner().invoke(main, ["validate", str(path), "--settings", settings, "--lang", "en"])


def test_a_share_typed_in_a_workbook_total_row_is_read_as_a_share(tmp_path: Path) -> None:
    """Session 38's note (probe s38i): « 67 % » of VAE under a Students sheet, a cell
    formatted as a percentage, is stored 0.6667: no share, so the « Total » row was kept as
    a student and refused for its empty background. A fraction that is a count of the
    column's words out of the rows is a share, so a total."""
    rows = [["id", "background", "vae"], ["S1", "AS", "oui"], ["S2", "AS", "non"]]
    ran = _validate_book(tmp_path, [*rows, ["S3", "AS", "oui"], ["Total", None, 2 / 3]], 3)
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "'Total' reads as a total typed under the table" in said, said


@pytest.mark.parametrize(
    ("tail", "aside", "refused"),
    [
        # After a blank line: notes, the total above them read as before.
        ("\nListe arrêtée au 15/09\nSource : secrétariat\n", [6, 7], False),
        ("Total,,9\n\nListe arrêtée au 15/09\n", [7], False),
        # No blank line above it: a row with one cell, refused for its empty cells as before.
        ("Liste arrêtée au 15/09\n", [], True),
        # One word after a blank line: an id typed alone, refused as before.
        ("\nS9\n", [], True),
    ],
)
def test_a_note_typed_under_a_table_after_a_blank_line_is_set_aside(
    tmp_path: Path, tail: str, aside: list[int], refused: bool
) -> None:
    """Session 38's note: « Liste arrêtée au 15/09 » typed under students.csv after a blank
    line was read as a student without a background, and the cohort refused. A row of a table
    has its id and more filled; a one-cell line of several words after a blank line is a
    note."""
    students = "id,background,experience_years\nS1,AS,2\nS2,AS,3\nS3,AS,4\n" + tail
    cohort = _cohort_of(tmp_path, students)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == (2 if refused else 0), said
    for row in aside:
        assert f"students.csv, ligne {row} : « " in said, said
    assert said.count("se lit comme une note tapée sous le tableau") == len(aside), said
    if "Total" in tail:
        assert "« Total » se lit comme un total tapé sous le tableau" in said, said


def test_a_note_under_the_students_sheet_of_a_result_is_set_aside(
    demo_result: Path, tmp_path: Path
) -> None:
    """« Vérifié par JD le 3/10 » typed two rows under the Students sheet of result.xlsx
    was refused (probe s27's test, exit 2): after a blank line it is a note, set aside, and
    the result is checked as it is."""
    book = openpyxl.load_workbook(demo_result / "result.xlsx")
    sheet = book["Students"]
    row = sheet.max_row + 2
    sheet.cell(row, 1).value = "Vérifié par JD le 3/10"
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert (
        f"result.xlsx (Students), ligne {row} : « Vérifié par JD le 3/10 » se lit comme une "
        "note tapée sous le tableau, après une ligne vide : mise de côté"
    ) in said, said


def test_a_supervisor_whose_id_is_the_sum_of_the_ids_above_is_kept(tmp_path: Path) -> None:
    """Probe s39a: « Somme,3, » under supervisors 1 and 2 (ids in the second column): 3 is
    1 + 2, so it read as their sum and the third supervisor was set aside, the plan made
    without her. Ids are counted, never summed."""
    supervisors = "name,id,max_teams\nClaire Dupont,1,2\nJean Martin,2,2\nSomme,3,\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "supervisors: 3" in said, said
    assert "'Somme' reads like a total typed under the table" in said, said


@pytest.mark.parametrize(
    ("students", "aside", "word"),
    [
        # An Excel export's subtotals between groups, then the total of the students alone.
        (
            "S1,AS,2\nS2,AS,3\nSous-total,,5\nS3,AS,4\nS4,AS,1\nSous-total,,5\nTotal,,10\n",
            {4: "sous-total", 7: "sous-total", 8: "total"},
            "Total",
        ),
        # A mean under its own word, whole (3) or with decimals (2,5).
        ("S1,AS,2\nS2,AS,3\nS3,AS,4\nMoyenne,,3\n", {5: "total"}, "Moyenne"),
        ('S1,AS,2\nS2,AS,3\nS3,AS,2\nS4,AS,3\nSomme,,10\nMoyenne,,"2,5"\n', {7: "total"}, ""),
    ],
)
def test_subtotals_and_means_under_students_are_set_aside(
    tmp_path: Path, students: str, aside: dict[int, str], word: str
) -> None:
    """Probe s39a: « Sous-total » rows between groups made the final « Total » no sum (they
    were counted in it) and the last one a student with a duplicate id; « Moyenne » under a
    « Somme » was read as a student."""
    cohort = _cohort_of(tmp_path, "id,background,experience_years\n" + students)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    for row, kind in aside.items():
        assert f"ligne {row} : « " in said and f"se lit comme un {kind} " in said, said
    assert word in said, said


@pytest.mark.parametrize(
    ("word", "refused"),
    [("Total", False), ("Somme", True)],
)
def test_a_total_under_one_row_gives_its_real_reason(
    tmp_path: Path, word: str, refused: bool
) -> None:
    """Probe s39a: « Total,1 » under a single pair was kept « as its numbers are no count »,
    but 1 is the count. « Total » names no one: its count of the one row sets it aside
    (probe s39b: it was set aside before session 38). « Somme » is a surname too: with one
    row above, nothing tells it from a row, and the message says so."""
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n")
    pairs = f"student_a,student_b,relation\nS1,S2,apart\n{word},1,\n"
    (cohort / "pairs.csv").write_text(pairs, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == (2 if refused else 0), said
    if refused:
        kept = f"pairs.csv, row 3: '{word}' reads like a total typed under the table, but with one"
    else:
        kept = f"pairs.csv, row 3: '{word}' reads as a total typed under the table, not one of"
    assert kept in said, said


@pytest.mark.parametrize(
    ("renamed", "other", "how"),
    [(0, False, "other"), (20, False, "other"), (40, True, "other"), (60, False, "upper")],
)
def test_a_result_of_another_cohort_numbered_alike_is_not_offered(
    demo_result: Path, tmp_path: Path, renamed: int, other: bool, how: str
) -> None:
    """Probe s39a: two cohorts both numbered S001…: the workbench told another cohort's
    result by unknown ids alone, so it offered it, and opening it made its teams the board,
    broken rules everywhere. The demo's result with 40 of its 60 students named otherwise
    (another cohort numbered alike) is not offered; with 20 renamed (names corrected in
    students.csv since) it still is; so with every name written « DUPONT Hélène », as a
    registrar exports them (probe s39f: said to be another cohort's)."""
    from matcher.web import create_app

    out = Path(shutil.copytree(demo_result, tmp_path / "out"))
    teams = out / "teams.csv"
    rows = list(csv.DictReader(teams.open(encoding="utf-8-sig")))
    for row in rows[:renamed]:
        first, *rest = row["name"].split()
        row["name"] = "Autre " + row["name"] if how == "other" else " ".join([*rest, first]).upper()
    with teams.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    app = create_app(DEMO, out, "en", explain=False)  # type: ignore[arg-type]
    page = app.test_client().get("/").get_data(as_text=True)
    assert ("holds a result of another cohort" in page) is other, page
    assert ('data-action="open-result"' in page) is not other, page


@pytest.mark.parametrize(
    ("tail", "word"),
    [
        ("Total,,2,1\n", "Total"),  # the « oui » of vae and the « F » counted (NB.SI)
        ("Effectif,3,,\n", "Effectif"),
    ],
)
def test_a_count_of_a_columns_words_reads_as_a_total(tmp_path: Path, tail: str, word: str) -> None:
    """Probe s39b: counts of the « yes » (or the « F ») under a yes/no or a gender column
    — what a spreadsheet's COUNTIF gives — were no count of the column's filled cells, so
    the « Total » row was kept as a student and the cohort refused (set aside before
    session 38)."""
    students = "id,background,vae,gender\nS1,AS,oui,F\nS2,AS,non,M\nS3,AS,oui,M\n" + tail
    cohort = _cohort_of(tmp_path, students)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert f"row 5: '{word}' reads as a total typed under the table, not one of" in said, said


def test_a_miscounted_total_under_supervisors_is_set_aside_and_said(tmp_path: Path) -> None:
    """Probe s39b: « Total,3,5 » under three supervisors whose teams add up to 4 was kept
    as a supervisor « Total » of id 3, and planned on teams. Under a word no one is named,
    a row whose count reads as one is a total, miscounted: set aside, and said so."""
    supervisors = "name,id,max_teams\nClaire Dupont,1,2\nJean Martin,2,1\nAnne Noël,4,1\n"
    supervisors += "Total,3,5\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "accompagnateur·rice·s : 3" in said, said
    assert (
        "ligne 5 : « Total » se lit comme un total tapé sous le tableau, bien que certains de "
        "ses nombres ne soient ni le compte"
    ) in said, said


def test_a_total_kept_then_not_read_under_teams_is_said_once(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39b: a « Somme » row under teams.csv was said « read as a row (delete it if it
    is a total) », then « neither a student nor a commission: not read »: two warnings of one
    row that contradict each other. Only the second stays."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    teams = result / "teams.csv"
    teams.write_text(teams.read_text(encoding="utf-8-sig") + "Somme,,,,,,,99,,\n", "utf-8")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "row 62" in said, said
    assert "reads like a total" not in said, said


@pytest.mark.parametrize("total", ["0", "2", "5"])
def test_a_total_under_an_empty_column_is_no_internal_error(tmp_path: Path, total: str) -> None:
    """Found reading session 38's totals: « Total,,0 » under an experience column left
    empty on every row asked for the smallest of no numbers: internal error (exit 1). Its 0
    (nothing to sum) and 2 (the rows counted) read as a total; 5 is kept, and refused for
    its empty background as a row."""
    students = "id,background,experience_years\nS1,AS,\nS2,AS,\nTotal,," + total + "\n"
    ran = CliRunner().invoke(main, ["validate", str(_cohort_of(tmp_path, students))])
    assert ran.exit_code == (2 if total == "5" else 0), ran.output
    assert "internal error" not in ran.output


@pytest.mark.parametrize(
    ("tail", "said"),
    [
        # After a blank line, a note starting with a number is a note all the same.
        ("\n3 accompagnateurs au total\n", "se lit comme une note tapée sous le tableau"),
        # Right under the last row, a count of the rows in words is a total.
        ("3 accompagnateurs\n", "« 3 accompagnateurs » se lit comme un total tapé"),
    ],
)
def test_a_count_in_words_under_supervisors_is_no_supervisor(
    tmp_path: Path, tail: str, said: str
) -> None:
    """Probe s39f: « 3 accompagnateurs au total » typed under three supervisors (after a
    blank line, or right under them) was read as a supervisor of that id (a supervisor
    needs an id only), and given a team in supervision.csv, schedule.csv and calendar.ics."""
    supervisors = "id,name\nA1,Anne\nA2,Bruno\nA3,Chloé\n" + tail
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 0, out
    assert "accompagnateur·rice·s : 3" in out, out
    assert said in out, out


def test_a_count_under_a_column_of_words_must_be_one_of_its_counts(tmp_path: Path) -> None:
    """Probe s39f: under a column of words, any whole number up to the rows' count read as a
    count of one of them; « Total,,7 » under three « oui » of nine rows is said as a total
    whose numbers do not all add up, « Somme,,7 » kept as a row (a surname)."""
    rows = "".join(f"S{i},AS,{'oui' if i <= 3 else 'non'}\n" for i in range(1, 10))
    for word, code in (("Total", 0), ("Somme", 2)):
        folder = tmp_path / word
        folder.mkdir()
        students = "id,background,vae\n" + rows + f"{word},9,7\n"
        ran = CliRunner().invoke(
            main, ["validate", str(_cohort_of(folder, students)), "--lang", "en"]
        )
        out = " ".join(ran.output.split())
        assert ran.exit_code == code, out
        if word == "Total":
            assert "'Total' reads as a total typed under the table, though some" in out, out
        else:
            assert "'Somme' reads like a total typed under the table, but its numbers" in out


def test_a_supervisor_named_moyenne_is_kept(tmp_path: Path) -> None:
    """Probe s39f: « Moyenne;3;2 » under supervisors « Haut;1;2 » and « Dupont;2;1 »: 2
    passed as the rounded mean of 2 and 1, and a real supervisor was set aside. « Moyenne »
    is a surname too: its row must add up entirely to be a total."""
    supervisors = "nom;identifiant;équipes max\nHaut;1;2\nDupont;2;1\nMoyenne;3;2\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 0, out
    assert "supervisors: 3" in out, out


def test_a_list_of_numbers_where_names_are_expected_is_said_per_item(tmp_path: Path) -> None:
    """Probe s39f: `oral_slots = [1]` was also told "expected at least 1 item", the list
    having one: its length was counted without the items refused."""
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n")
    (cohort / "settings.toml").write_text(
        "[selection]\ncount = 2\n[calendar]\noral_slots = [1, 2]\n", encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 2, out
    assert "1 is not accepted: expected a text in quotes" in out, out
    assert "2 is not accepted: expected a text in quotes" in out, out
    assert "at least 1 item" not in out, out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_several_workbooks_instead_of_a_result_agree_in_number(tmp_path: Path, lang: str) -> None:
    """Probe s39f: a folder holding only a.xlsx and b.ods was refused with « a.xlsx, b.ods
    n'est pas lu ; s'il contient le résultat »."""
    folder = tmp_path / "res"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"x")
    (folder / "b.ods").write_bytes(b"x")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(folder), "--lang", lang])
    out = " ".join(ran.output.split())
    assert ran.exit_code == 2, out
    expected = {
        "en": "a.xlsx and b.ods are not read; if one holds the result",
        "fr": "a.xlsx et b.ods ne sont pas lus ; si l'un d'eux contient le résultat",
    }
    assert expected[lang] in out, out


def test_a_slip_of_the_year_is_said_by_validate_and_the_selection(tmp_path: Path) -> None:
    """Probe s39f: with « oral_thu = "2026-04-15" » for 2027, `validate` (and the selection's
    reason) sent the director to the proposal's slots cell, where `plan` pointed at the
    settings' year (probe s39c). C1 offers only 15/4/2027: it cannot host, said with the
    slip; the reason written in selection.csv is read back as matcher's own by `check`."""
    cohort = year_slip_cohort(tmp_path, "id,background\nS1,AS\nS2,AS\nS3,AS\nS4,AS\n")
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    rows = {r["id"]: r for r in csv.DictReader((out / "selection.csv").open(encoding="utf-8-sig"))}
    assert rows["C1"]["selected"] == "no", rows
    assert (
        "sa cellule donne 15/4/2027, mais [calendar] dates place oral_thu le 15/04/2026 : "
        "l'année est-elle la bonne ?"
    ) in rows["C1"]["reason"], rows["C1"]
    # Read back as matcher's own reason: worded again in the language of the report.
    again = tmp_path / "again"
    args = ["report", str(cohort), "--result", str(out), "--out", str(again), "--lang", "en"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    rows = {
        r["id"]: r for r in csv.DictReader((again / "selection.csv").open(encoding="utf-8-sig"))
    }
    assert (
        "its cell gives 15/4/2027, but [calendar] dates puts oral_thu on 15/04/2026: is the"
        in (rows["C1"]["reason"])
    ), rows["C1"]


def test_an_experience_column_formatted_as_percentages_is_read(tmp_path: Path) -> None:
    """Probe s39g: an xlsx cohort whose « experience_years » carried a « 0% » format (2
    shown « 200% ») was refused, 60 errors « '200%' is not a number », since cells read as
    they show; they are read as stored."""
    rows = [["id", "background", "experience_years"], ["S1", "AS", 2], ["S2", "AS", 1]]
    ran = _validate_book(tmp_path, [*rows, ["S3", "AS", 11]], 3)
    assert ran.exit_code == 0, ran.output


def test_a_total_in_words_after_a_blank_line_is_said_a_total(tmp_path: Path) -> None:
    """Probe s39g: « Total : 3 étudiants » after a blank line was said « a note »; the README
    gives it as a total, and right under the rows it is said one."""
    students = "id,background\nS1,AS\nS2,AS\nS3,AS\n\nTotal : 3 étudiants\n"
    ran = CliRunner().invoke(
        main, ["validate", str(_cohort_of(tmp_path, students)), "--lang", "fr"]
    )
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "« Total : 3 étudiants » se lit comme un total tapé sous le tableau" in said, said


def test_a_solve_that_fails_says_the_cohorts_warnings_too(tmp_path: Path) -> None:
    """Probe s39c (left alone by its fix): `run`, `plan`, `whatif` ending with exit 3 or 4
    printed the diagnosis alone; the cohort's warnings, listed after a summary, went unsaid
    (« is the year right? » of [calendar] dates). They follow the diagnosis now, not under
    --quiet, and a later command does not inherit them."""
    # Three students pinned to C1, whose team holds at most 2: no teams (exit 3); S3 gave
    # no choices (a warning).
    students = "id,background,choices,pinned\nS1,AS,C1,C1\nS2,AS,C2,C1\nS3,AS,,C1\nS4,AS,C1,\n"
    cohort = _cohort_of(tmp_path, students)
    out = tmp_path / "out"
    args = ["run", str(cohort), "--out", str(out), "--lang", "en"]
    ran = CliRunner().invoke(main, args)
    said = " ".join(ran.output.split())
    assert ran.exit_code == 3, said
    assert (
        "3 students are pinned to C1 (S1, S2 and S3), but its team holds at most 2 "
        "warnings (1): - 1 student gave no choices"
    ) in said, said
    quiet = CliRunner().invoke(main, [*args, "--quiet"])
    assert quiet.exit_code == 3 and "warnings (" not in quiet.output, quiet.output
    assert not out.exists()
    # A later command failing on another cohort says that cohort's warnings only.
    other = _cohort_of(tmp_path / "other", students.replace("S3,AS,,C1", "S3,AS,C2,C1"))
    again = CliRunner().invoke(main, ["run", str(other), "--out", str(out), "--lang", "en"])
    assert again.exit_code == 3 and "warnings (" not in again.output, again.output


def year_slip_cohort(tmp_path: Path, students: str) -> Path:
    """Three proposals, two supervisors, ``students``; C1's only oral date, 15/4/2027, is
    oral_thu's day in [calendar] dates but in 2026 (C2 and C3 give oral_fri's 16/4/2027)."""
    from cohortfiles import write_cohort

    commissions = (
        "id,institution,sector,problem_type,slots\n"
        "C1,CPAS de Namur,CPAS,évaluation,visit;15/4/2027\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,visit;16/4/2027\n"
        "C3,Lire et Écrire,alphabétisation,diagnostic,visit;16/4/2027\n"
    )
    settings = (
        "[selection]\ncount = 2\n[calendar]\n"
        'dates = { visit = "2026-10-09", oral_thu = "2026-04-15", oral_fri = "2027-04-16" }\n'
    )
    return write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": commissions,
            "students.csv": students,
            "supervisors.csv": "id,name\nA1,Anne\nA2,Bruno\n",
            "settings.toml": settings,
        },
    )
