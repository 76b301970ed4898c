"""A French-speaking director edits results by hand and asks for explanations (session 8):
what `explain`, `check` and `report` say must be true of the cohort and read as French.

The cohort is tiny and hand-made (`_cohort`): three commissions of which C3 is excluded,
so that Bruno's only choice (C3) cannot be selected, and Chloé writes no choice at all.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

STUDENTS = """id,name,background,vae,employed,employer,gender,experience_years,choices
S1,Amélie Dubois,assistant social,no,no,,F,3,C1;C2
S2,Bruno Lefèvre,éducateur,no,no,,M,0.5,C3
S3,Chloé Martin,assistant social,no,no,,F,1,
S4,David Noël,GRH,no,no,,M,2,C2;C1
"""

COMMISSIONS = """id,institution,sector,problem_type
C1,AMO Le Cercle,jeunesse,évaluation
C2,CPAS de Namur,CPAS,diagnostic
C3,Maison médicale,santé,diagnostic
"""


def _cohort(tmp_path: Path) -> Path:
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (instance / "commissions.csv").write_text(COMMISSIONS, encoding="utf-8")
    (instance / "settings.toml").write_text(
        '[selection]\ncount = 2\nexclude = ["C3"]\n', encoding="utf-8"
    )
    return instance


@pytest.fixture()
def solved(tmp_path: Path) -> tuple[Path, Path]:
    """The cohort and its `matcher run` result."""
    instance = _cohort(tmp_path)
    out = tmp_path / "out"
    args = ["run", str(instance), "--out", str(out), "--quiet", "--workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return instance, out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Bruno Lefèvre [S2] : aucun de ses choix n'a été retenu (C3)"),
        ("en", "Bruno Lefèvre [S2]: none of their choices was selected (C3)"),
    ],
)
def test_explain_a_student_whose_choices_were_all_left_out(
    solved: tuple[Path, Path], lang: str, expected: str
) -> None:
    """Bruno wrote only C3, which was excluded: he is on no choice of his, so saying he is
    "on the best of his selected choices" would be false. The line says none was selected."""
    instance, out = solved
    args = ["explain", str(instance), "--result", str(out), "--student", "S2", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert "best of their" not in result.output and "meilleur de ses" not in result.output


def _report_page(instance: Path, result: Path, out: Path, lang: str) -> tuple[int, str]:
    args = ["report", str(instance), "--result", str(result), "--out", str(out), "--lang", lang]
    ran = CliRunner().invoke(main, args)
    return ran.exit_code, (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_says_why_its_placements_are_not_explained(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    """`report` explains a result keeping every rule as `run` does (probe s31f: it never
    did, its page sending the director to `matcher explain`); with --no-explain its page
    says so; for a result breaking rules, it says that explanations need a result keeping
    every rule."""
    instance, out = solved
    code, page = _report_page(instance, out, tmp_path / "again", lang)
    assert code == 0
    assert "--no-explain" not in page and "matcher explain" not in page

    def answers(folder: Path) -> list[list[str]]:
        """explanations.csv's rows but the reason (worded in each command's language)."""
        with (folder / "explanations.csv").open(encoding="utf-8-sig", newline="") as handle:
            return [row[:-1] for row in csv.reader(handle)]

    assert answers(tmp_path / "again") == answers(out)
    args = ["report", str(instance), "--result", str(out), "--out", str(tmp_path / "bare")]
    ran = CliRunner().invoke(main, [*args, "--lang", lang, "--no-explain"])
    assert ran.exit_code == 0, ran.output
    assert not (tmp_path / "bare" / "explanations.csv").exists()
    page = (tmp_path / "bare" / "report.html").read_text(encoding="utf-8")
    assert "--no-explain" in page and "matcher explain" in page
    # Everyone in one team: two teams of 2 were expected, so the sizes rule is broken.
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").replace(",C2,", ",C1,")
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "teams.csv").write_text(teams, encoding="utf-8")
    (edited / "selection.csv").write_bytes((out / "selection.csv").read_bytes())
    code, page = _report_page(instance, edited, tmp_path / "broken", lang)
    assert code == 3
    assert "--no-explain" not in page
    keeps = {"fr": "un résultat qui les respecte toutes", "en": "a result that keeps every rule"}
    assert keeps[lang] in page


def test_french_report_writes_years_with_a_decimal_comma(solved: tuple[Path, Path]) -> None:
    """Bruno has 0.5 years of experience and shares C1 with Amélie (3 years): the French
    page writes "0,5" in his row and "3,5 années" for the team, as every other French
    figure of the page does (decimal comma); the English page keeps the point."""
    instance, out = solved
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "S1,Amélie Dubois,C1," in teams and "S2,Bruno Lefèvre,C1," in teams
    pages = {}
    for lang in ("fr", "en"):
        args = ["run", str(instance), "--out", str(out.parent / lang), "--quiet"]
        ran = CliRunner().invoke(main, [*args, "--lang", lang, "--no-explain"])
        assert ran.exit_code == 0, ran.output
        pages[lang] = (out.parent / lang / "report.html").read_text(encoding="utf-8")
    assert "3,5 années d&#x27;expérience" in pages["fr"]
    assert ">0,5<" in pages["fr"] and ">0.5<" not in pages["fr"]
    assert "3.5 years of experience" in pages["en"] and ">0.5<" in pages["en"]


@pytest.mark.parametrize(
    ("lang", "rules"),
    [
        (
            "fr",
            [
                "l'équipe C1 compte 3 étudiants, il en faut 2",
                "l'équipe C2 compte 1 étudiant, il en faut 2",
            ],
        ),
        ("en", ["team C1 has 3 students, expected 2", "team C2 has 1 student, expected 2"]),
    ],
)
def test_a_team_left_with_one_student_reads_in_the_singular(
    solved: tuple[Path, Path], tmp_path: Path, lang: str, rules: list[str]
) -> None:
    """The director moves one student of C2 (two teams of 2 expected for 4 students) into
    C1: C1 has 3, C2 has 1 left, and "1 students" / "1 étudiants" is not a sentence."""
    instance, out = solved
    edited = tmp_path / "edited"
    edited.mkdir()
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    (edited / "teams.csv").write_text(teams.replace("S3,Chloé Martin,C2", "S3,Chloé Martin,C1"))
    (edited / "selection.csv").write_bytes((out / "selection.csv").read_bytes())
    args = ["check", str(instance), "--result", str(edited), "--lang", lang]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 3
    for rule in rules:
        assert f"  - {rule}\n" in ran.output


def test_one_first_choice_left_out_reads_in_the_singular(
    solved: tuple[Path, Path],
) -> None:
    """Only Bruno wrote a first choice that was not selected (C3, excluded): the French
    page says "1 d'entre eux a écrit", not "1 d'entre eux ont écrit"."""
    _, out = solved
    summary = (out / "summary.json").read_text(encoding="utf-8")
    assert '"first_choice_unavailable": 1' in summary
    args = ["report", str(out.parent / "cohort"), "--result", str(out)]
    ran = CliRunner().invoke(main, [*args, "--out", str(out.parent / "fr"), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    page = (out.parent / "fr" / "report.html").read_text(encoding="utf-8")
    assert "1 d&#x27;entre eux a écrit un premier choix" in page


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "(S4) est compris comme l'institution « AMO Le Cercle (Liège) »"),
        ("en", "(S4) is taken as the institution 'AMO Le Cercle (Liège)'"),
    ],
)
def test_one_employer_taken_for_an_institution_names_one_student(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """David alone works for "amo le cercle", which names "AMO Le Cercle (Liège)" once
    folded: the warning speaks of him alone ("cet étudiant ne rejoint pas"), not of
    "ces étudiants"."""
    instance = _cohort(tmp_path)
    commissions = COMMISSIONS.replace("AMO Le Cercle,", "AMO Le Cercle (Liège),")
    (instance / "commissions.csv").write_text(commissions, encoding="utf-8")
    students = STUDENTS.replace(
        "S4,David Noël,GRH,no,no,,", "S4,David Noël,GRH,no,yes,amo le cercle,"
    )
    (instance / "students.csv").write_text(students, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert ran.exit_code == 0, ran.output
    line = next(x for x in ran.output.splitlines() if expected in x)
    single = {"fr": "cet étudiant ne rejoint pas sa commande", "en": "this student does not join"}
    assert line.endswith(single[lang] + ("" if lang == "fr" else " its commission"))


def test_id_columns_of_the_students_sheet_are_text(solved: tuple[Path, Path]) -> None:
    """A director who types 01 into a General cell of Excel or LibreOffice gets the number 1,
    which names no commission of a cohort coded 01, 02, …: the Students sheet's
    student_id and commission_id columns are formatted as text (``@``), cells written and
    rows added alike, so that what they type stays as typed."""
    import openpyxl

    _, out = solved
    sheet = openpyxl.load_workbook(out / "result.xlsx")["Students"]
    header = [cell.value for cell in sheet[1]]
    for name in ("student_id", "commission_id"):
        letter = "ABCDEFGHIJ"[header.index(name)]
        assert sheet[f"{letter}2"].number_format == "@"
        assert sheet.column_dimensions[letter].number_format == "@"  # a row added below
    assert sheet["B2"].number_format == "General"  # names are left alone


def test_explain_answers_the_students_in_the_order_asked(tmp_path: Path) -> None:
    """David is pinned to C1, his second choice, so he has a wish (C2, impossible); asked
    for Chloé (no choices), David, then Bruno (no choice selected), the answers come in
    that order, each student once, and not David's block first because he has a wish."""
    instance = _cohort(tmp_path)
    students = STUDENTS.replace("choices\n", "choices,pinned\n").replace("C2;C1\n", "C2;C1,C1\n")
    (instance / "students.csv").write_text(students, encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(instance), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    args = ["explain", str(instance), "--result", str(out), "--lang", "en"]
    for sid in ["S3", "S4", "S2", "S3"]:
        args += ["--student", sid]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    assert "C2 (first choice): impossible" in ran.output
    firsts = [line.split("[")[1].split("]")[0] for line in ran.output.splitlines() if "[" in line]
    assert firsts == ["S3", "S4", "S2"]


def test_ids_whose_zeros_a_spreadsheet_ate_still_name_their_commission(tmp_path: Path) -> None:
    """A cohort coded 01, 02, 03: Excel opens teams.csv, makes numbers of those cells and
    saves 1, 2. Each names exactly one commission once leading zeros are set aside, as "c1"
    names C1 once case is: read as that id, the edited result is checked, not refused row
    by row ("'1' is not a proposal id … did you mean 01?")."""
    instance = _cohort(tmp_path)
    for name in ("students.csv", "commissions.csv", "settings.toml"):
        path = instance / name
        coded = re.sub(r"\bC(\d)\b", r"0\1", path.read_text(encoding="utf-8"))
        path.write_text(coded, encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(instance), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    rows = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    eaten = [rows[0]] + [r.replace(",01,", ",1,").replace(",02,", ",2,") for r in rows[1:]]
    assert eaten != rows
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "teams.csv").write_text("\n".join(eaten) + "\n", encoding="cp1252")
    (edited / "selection.csv").write_bytes((out / "selection.csv").read_bytes())
    again = tmp_path / "again"
    args = ["report", str(instance), "--result", str(edited), "--out", str(again)]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    assert (again / "teams.csv").read_text(encoding="utf-8-sig").splitlines() == rows


def test_a_choice_of_five_thousand_digits_is_refused_not_an_internal_error(
    tmp_path: Path,
) -> None:
    """A cell may hold up to 10,000 characters; a choice of 5,000 digits (a pasted number)
    names no commission and is refused with its row and column, exit 2. Looking for the
    nearest id once turned its digits into a Python int, which refuses more than 4,300
    digits: an internal error (exit 1)."""
    instance = _cohort(tmp_path)
    students = STUDENTS.replace(",C3\n", ",C" + "1" * 5000 + "\n")
    (instance / "students.csv").write_text(students, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(instance), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "students.csv, row 3, column 'choices'" in ran.output


def test_workbench_why_panel_for_students_without_a_wish(tmp_path: Path) -> None:
    """The workbench's "why" panel said "On their best available choice" of Chloé, who
    wrote no choices, and of Bruno, whose only choice (C3) was left out: each now reads
    what holds, in the page's language; Amélie, on her first choice, keeps that line."""
    from matcher.web import create_app

    app = create_app(_cohort(tmp_path), tmp_path / "out", "fr")
    client = app.test_client()
    assert client.post("/run").status_code == 200
    worker = app.extensions["workbench"].worker
    assert worker is not None
    worker.join(timeout=120)
    assert "Aucun choix écrit" in client.get("/explain/S3").get_data(as_text=True)
    bruno = client.get("/explain/S2").get_data(as_text=True)
    assert "Aucun de ses choix n&#39;a été retenu (C3)" in bruno
    said = client.get("/explain/S1").get_data(as_text=True)
    assert "Sur le meilleur de ses choix retenus" in said  # « disponible » before s38h


def test_a_renamed_students_sheet_is_still_read(solved: tuple[Path, Path], tmp_path: Path) -> None:
    """A colleague sends back result.xlsx with its sheets renamed ("Students (2)", "Sel");
    Chloé moved to C1 there (3 and 1: sizes broken). Reading no teams at all, check said
    every rule held (exit 0) and report wrote no teams.csv; the sheets holding the columns
    of Students and Selection are read instead, with a warning naming them."""
    import openpyxl

    _, out = solved
    instance = out.parent / "cohort"
    book = openpyxl.load_workbook(out / "result.xlsx")
    students = book["Students"]
    students.title = "Students (2)"
    row = next(r for r in students.iter_rows(min_row=2) if r[0].value == "S3")
    row[2].value = "C1"
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(instance), "--result", str(edited)])
    assert ran.exit_code == 3, ran.output
    assert "its teams are read from the sheet 'Students (2)'" in ran.output
    assert "team C2 has 1 student, expected 2" in ran.output
    book["Selection"].title = "Sel"
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(instance), "--result", str(edited)])
    assert ran.exit_code == 3, ran.output
    assert "its selection is read from the sheet 'Sel'" in ran.output
    # Two sheets with those columns: which one is the director's is not guessed.
    book.copy_worksheet(students).title = "copy"
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(instance), "--result", str(edited)])
    assert ran.exit_code == 2
    assert "several have its columns (student_id, commission_id): Students (2), copy" in ran.output


def test_a_copy_of_the_students_sheet_is_named_as_unread(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """The director copied the Students sheet and edited the copy ("Students (2)"): the
    sheet named Students is the one read, and a warning says the copy is not, so that the
    edit is not lost without a word."""
    import openpyxl

    _, out = solved
    book = openpyxl.load_workbook(out / "result.xlsx")
    book.copy_worksheet(book["Students"]).title = "Students (2)"
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    args = ["check", str(out.parent / "cohort"), "--result", str(edited / "result.xlsx")]
    for lang, words in (
        # One copy, in the singular (probe s36b: « the sheets Students (2) also have »).
        ("en", "the teams are read from the sheet 'Students'; the sheet 'Students (2)' also"),
        ("fr", "les équipes sont lues dans la feuille « Students » ; la feuille « Students (2) »"),
    ):
        ran = CliRunner().invoke(main, [*args, "--lang", lang])
        assert ran.exit_code == 0, ran.output
        assert words in ran.output
    # Beside teams.csv, the teams are teams.csv's: nothing is said of the workbook's sheets.
    (edited / "teams.csv").write_bytes((out / "teams.csv").read_bytes())
    ran = CliRunner().invoke(main, ["check", str(out.parent / "cohort"), "--result", str(edited)])
    assert ran.exit_code == 0 and "sheet" not in ran.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_validate_sees_a_commission_too_small_for_every_team(tmp_path: Path, lang: str) -> None:
    """4 students in 2 teams: every team has 2. C2 asks for at least 3 (its own
    min_size): selected, it makes the teams impossible, which `run` answers with exit 3.
    validate said the data were valid; it now warns, naming C2 and the sizes, and when
    C2 is in [selection] include (so in every selection) it exits 3."""
    instance = _cohort(tmp_path)
    commissions = COMMISSIONS.replace(
        "id,institution,sector,problem_type", "id,institution,sector,problem_type,min_size"
    )
    commissions = commissions.replace("CPAS,diagnostic", "CPAS,diagnostic,3")
    (instance / "commissions.csv").write_text(commissions, encoding="utf-8")
    # C1, C2 and C3 eligible for 2 places: a selection without C2 exists, so a warning.
    (instance / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    words = {
        "en": "team sizes: C2 asks for at least 3 students, but every team holds 2",
        "fr": "tailles d'équipe : C2 demande au moins 3 étudiants, mais chaque équipe en compte 2",
    }
    ran = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert ran.exit_code == 0, ran.output
    assert words[lang] in ran.output
    settings = '[selection]\ncount = 2\ninclude = ["C2"]\n'
    (instance / "settings.toml").write_text(settings, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert ran.exit_code == 3, ran.output
    assert words[lang] in ran.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_validate_sees_a_too_small_commission_that_every_selection_holds(
    tmp_path: Path, lang: str
) -> None:
    """The same C2 (at least 3 students where every team has 2), not included, but C3 is
    excluded: only C1 and C2 are eligible for the 2 places, so every selection holds C2 and
    no teams exist whatever is chosen. `run` answers 3; validate only warned (exit 0), as if
    a selection without C2 existed. Now it exits 3 with the words `run` uses."""
    instance = _cohort(tmp_path)  # count = 2, exclude = ["C3"]
    commissions = COMMISSIONS.replace(
        "id,institution,sector,problem_type", "id,institution,sector,problem_type,min_size"
    ).replace("CPAS,diagnostic", "CPAS,diagnostic,3")
    (instance / "commissions.csv").write_text(commissions, encoding="utf-8")
    words = {
        "en": "team sizes: C2 asks for at least 3 students, but every team holds 2",
        "fr": "tailles d'équipe : C2 demande au moins 3 étudiants, mais chaque équipe en compte 2",
    }
    ran = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert ran.exit_code == 3, ran.output
    assert words[lang] in ran.output
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["run", str(instance), "--out", str(out), "--lang", lang])
    assert run.exit_code == 3 and not out.exists()
