"""Session 40's fixes of what session 39 noticed and left alone, and of its probes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEMO
from test_probe_s37 import _cohort_of

from matcher.cli import main


@pytest.mark.parametrize(
    ("tail", "noted"),
    [
        # Session 39's left-alone case: a label in one cell, its date in the next.
        ("\nMise à jour :,15/09/2026,,,,\n", "Mise à jour : 15/09/2026"),
        ("\nSource:,,fichier RH,,,\n", "Source: fichier RH"),
        # Under another note, after the same blank line.
        ("\nListe arrêtée par JD\nMise à jour :,15/09/2026,,,,\n", "Mise à jour : 15/09/2026"),
    ],
)
def test_a_label_and_its_value_under_the_supervisors_after_a_blank_line_is_a_note(
    tmp_path: Path, tail: str, noted: str
) -> None:
    """Session 39 left alone: « Mise à jour : | 15/09/2026 » typed under supervisors.csv after
    a blank line was read as an eighth supervisor (id « Mise à jour : »), counted and given
    teams. No id ends with a colon: a label and the value beside it are a note, set aside."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    with (cohort / "supervisors.csv").open("a", encoding="utf-8") as out:
        out.write(tail)
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, said
    assert "accompagnateur·rice·s : 7" in said, said
    assert f"« {noted} » se lit comme une note tapée sous le tableau" in said, said
    # The note above it, after the same blank line, is said as before.
    assert (
        "« Liste arrêtée par JD » se lit comme une note tapée sous le tableau, après une "
        "ligne vide" in said
    ) == ("Liste" in tail), said


@pytest.mark.parametrize(
    ("tail", "code"),
    [
        # Right under the last row: a note too (no id ends with a colon); it was read as a
        # student « Mise à jour : » of background « 15/09/2026 ».
        ("Mise à jour :,15/09/2026\n", 0),
        # After a blank line: a note.
        ("\nMise à jour :,15/09/2026\n", 0),
        # An id with a value after a blank line is a row still (a fourth student).
        ("\nS4,AS\n", 0),
        # Three cells filled: a row (refused), not a note.
        ("\nMise à jour :,15/09/2026,JD\n", 2),
    ],
)
def test_a_label_note_under_the_students(tmp_path: Path, tail: str, code: int) -> None:
    """A label and its value are set aside, said; other lines are the rows they were."""
    students = "id,background,experience_years\nS1,AS,2\nS2,AS,3\nS3,AS,4\n" + tail
    ran = CliRunner().invoke(main, ["validate", str(_cohort_of(tmp_path, students))])
    assert ran.exit_code == code, ran.output
    if code == 0:
        noted = "Mise" in tail
        said = "reads as a note typed under the table (a label and its value)"
        assert (said in ran.output) == noted, ran.output
        assert ("students: 3" if noted else "students: 4") in ran.output, ran.output


@pytest.mark.parametrize(
    ("sheet", "said"),
    [
        ("Schedule", "the plan is read from the sheet 'Schedule'; the sheet 'Schedule (2)'"),
        (
            "Selection",
            "the selection is read from the sheet 'Selection'; the sheet 'Selection (2)'",
        ),
        ("Students", "the teams are read from the sheet 'Students'; the sheet 'Students (2)'"),
    ],
)
def test_a_copy_of_a_result_sheet_is_said_unread(
    demo_result: Path, tmp_path: Path, sheet: str, said: str
) -> None:
    """Session 39 left alone: a copy of the plan sheet (« Calendrier (2) », which a director
    may have edited instead) beside the original was ignored without a word; the Students
    sheet's copies were said since session 36. Each copy is now said unread."""
    book = openpyxl.load_workbook(demo_result / "result.xlsx")
    book.copy_worksheet(book[sheet]).title = f"{sheet} (2)"
    edited = tmp_path / "edited"
    edited.mkdir()
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited)])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 0, output
    assert f"result.xlsx: {said} also has its columns and is not read" in output, output
    assert output.count("also has its columns") == 1, output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "colonne « max_teams » : « 2,5 » n'est pas un nombre entier ≥ 1"),
        ("en", "column 'max_teams': '2.5' is not a whole number ≥ 1"),
    ],
)
def test_a_workbook_decimal_is_quoted_as_the_spreadsheet_shows_it(
    tmp_path: Path, lang: str, said: str
) -> None:
    """Session 39 left alone: a French director who typed 2,5 teams in a workbook was told
    « 2.5 » is not a whole number. A workbook's decimal cell is quoted with a comma in
    French; a CSV's value stays as typed (next test)."""
    from test_probe_s40_u import _decimal_book

    book = _decimal_book(tmp_path / "cohort.xlsx")
    ran = CliRunner().invoke(main, ["validate", str(book), "--lang", lang])
    assert ran.exit_code == 2, ran.output
    assert said in " ".join(ran.output.split()), ran.output


def test_a_csv_decimal_is_quoted_as_typed(tmp_path: Path) -> None:
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    path = cohort / "supervisors.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("A01,Thomas Dubois,2,", "A01,Thomas Dubois,2.5,"),
        encoding="utf-8",
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert ran.exit_code == 2, ran.output
    assert "« 2.5 » n'est pas un nombre entier ≥ 1" in ran.output, ran.output


def test_ids_typed_in_one_value_with_commas_are_each_withdrawn(
    demo_result: Path, tmp_path: Path
) -> None:
    """A director typing ``--withdraw-student S001,S002`` (as a spreadsheet lists them) was
    told it named no student, « did you mean S001 or S002? ». Parts between commas or
    semicolons that each name one are those ids, for students, commissions and supervisors
    (a supervisor by name too)."""
    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(out)]
    args += ["--withdraw-student", "S001, s002", "--withdraw-commission", "C01;C02"]
    args += ["--withdraw-supervisor", "A01,Jérôme Simon", "--no-explain", "--quiet"]
    ran = CliRunner().invoke(main, [*args, "--workers", "1", "--time-limit", "20"])
    assert ran.exit_code == 0, ran.output
    changes = json.loads((out / "summary.json").read_text(encoding="utf-8"))["changes"]
    assert changes["withdrawn_students"] == ["S001", "S002"]
    assert changes["withdrawn_commissions"] == ["C01", "C02"]
    assert changes["withdrawn_supervisors"] == ["A01", "A02"]


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--withdraw-student", "S001,S999", "--withdraw-student S999: not a student"),
        # Probe s40h: « did you mean C01? », the part that was right, for « c1 ; c99 ».
        ("--withdraw-commission", "c1 ; c99", "--withdraw-commission c99: "),
        ("--withdraw-student", "S001;", "--withdraw-student S001;"),
    ],
)
def test_a_value_with_a_part_naming_nobody_is_refused_naming_that_part(
    demo_result: Path, tmp_path: Path, option: str, value: str, said: str
) -> None:
    """One part naming nobody: the what-if is refused naming that part (nothing withdrawn
    on a guess, nothing written); a value naming one id and nothing else (« S001; ») is
    that id."""
    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(out)]
    ran = CliRunner().invoke(main, [*args, option, value, "--lang", "en", "--quiet"])
    if value == "S001;":
        assert ran.exit_code == 0, ran.output
        return
    assert ran.exit_code == 2, ran.output
    assert said in ran.output, ran.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (
            '[teams]\nno_isolation = ["vae", "foo=bar", 3, "vae=peut-être"]\n',
            [
                "3 ne convient pas",
                "« vae » n'est pas une condition",
                "« foo=bar » n'est pas une condition",
                "« peut-être » n'est pas une valeur oui/non",
            ],
        ),
        (
            '[calendar]\nvisit_window = [9, "25:00"]\n',
            [
                "son heure de début : 9 ne convient pas",
                "son heure de fin : « 25:00 » n'est pas une heure",
            ],
        ),
        # Both items of the wrong type: each said once, nothing more.
        (
            "[calendar]\noral_window = [9, 17]\n",
            ["son heure de début : 9", "son heure de fin : 17"],
        ),
    ],
)
def test_a_list_item_of_the_wrong_type_does_not_hide_the_others(
    tmp_path: Path, settings: str, said: list[str]
) -> None:
    """Probe s40a (D8): `no_isolation = ["vae", "foo=bar", 3]` named the 3 alone, and
    `visit_window = [9, "25:00"]` the 9 alone: the schema checks a list's texts once every
    item is a text, so the director fixed one and was told of the next at the next try."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 2, output
    for words in said:
        assert words in output, output
    assert f"données invalides ({len(said)} problèmes)" in output, output


@pytest.mark.parametrize(
    ("file", "line", "said"),
    [
        (
            "students.csv",
            "2 places encore à confirmer",
            "« 2 places encore à confirmer » se lit comme une note tapée sous le tableau, pas "
            "comme une de ses lignes : mise de côté",
        ),
        (
            "supervisors.csv",
            "2 accompagnateurs à recruter",
            "« 2 accompagnateurs à recruter » se lit comme une note tapée sous le tableau",
        ),
    ],
)
def test_a_count_of_something_else_right_under_a_table_is_a_note(
    tmp_path: Path, file: str, line: str, said: str
) -> None:
    """Probe s40b (a regression of session 39): a sentence counting something else under the
    rows was said a total whose table had a row missing (« mais le tableau au-dessus compte
    60 lignes : vérifiez qu'aucune ne manque »). It is a note, set aside, and no row is said
    missing; before session 39 it was a student refused for empty cells, or an eighth
    supervisor."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    with (cohort / file).open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 0, output
    assert said in output, output
    assert "manque" not in output, output
    assert "accompagnateur·rice·s : 7" in output and "étudiants : 60" in output, output


def test_a_misspelt_surname_alone_suggests_its_bearers(tmp_path: Path) -> None:
    """Probe s40a (D9): `explain --student Dupond` had no suggestion, where « Anne Dupond »
    and « Dupont » had one. A surname alone close to a word of names suggests who bears it."""
    from matcher.loading.id_index import near_named

    people = [("S01", "Anne Dupont"), ("S02", "Marc Dupont"), ("S03", "Léa Martin")]
    assert str(near_named(people, "Dupond")) == "S01 (Anne Dupont) or S02 (Marc Dupont)"
    assert near_named(people, "Zorglub") is None
    # Probe s40h: a surname of several words misspelt, or its last word alone.
    people.append(("A1", "Jean-Pierre Van den Berg"))
    assert str(near_named(people, "Van den Burg")) == "A1 (Jean-Pierre Van den Berg)"
    assert str(near_named(people, "Burg")) == "A1 (Jean-Pierre Van den Berg)"


@pytest.mark.parametrize(
    ("written", "ident"),
    [
        ("Simon Jérôme", "A02"),
        # Probe s40h: three words, surname first, as a registrar writes them; and with
        # the comma of « NOM, Prénom ».
        ("EL AMRANI Céline", "A03"),
        ("El Amrani, Céline", "A03"),
    ],
)
def test_a_supervisor_named_surname_first_is_withdrawn(
    demo_result: Path, tmp_path: Path, written: str, ident: str
) -> None:
    """Probe s40a (D9): `--withdraw-supervisor "Simon Jérôme"` was refused (« did you mean
    A02 (Jérôme Simon)? ») while `explain --student "Dupont Anne"` was read: a name is read
    with its words in any order, for supervisors too."""
    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(out)]
    args += ["--withdraw-supervisor", written, "--no-explain", "--quiet"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    changes = json.loads((out / "summary.json").read_text(encoding="utf-8"))["changes"]
    assert changes["withdrawn_supervisors"] == [ident]


def test_a_student_named_surname_first_is_explained(demo_result: Path) -> None:
    """Probe s40h: the same for `explain --student` (a name of three words, « El Amrani
    Laura »); before, only the last word moved first was tried."""
    ran = CliRunner().invoke(
        main, ["explain", str(DEMO), "--result", str(demo_result), "--student", "EL AMRANI, Laura"]
    )
    assert ran.exit_code == 0, ran.output
    assert "Laura El Amrani" in ran.output, ran.output


def test_the_reports_possible_sectors_are_at_most_the_proposals_selected(tmp_path: Path) -> None:
    """Probe s40f: report.html said « distinct sectors: 7 (8 possible among the eligible
    proposals) » with count = 7, where 7 is the most seven proposals can cover (and the
    proven bound). Three proposals selected among four sectors: 3 possible, not 4."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,CPAS de Namur,aide sociale,diagnostic\nC2,AMO Le Cercle,jeunesse,évaluation\n"
        "C3,Lire et Écrire,alphabétisation,diagnostic\nC4,Le Répit,assuétudes,évaluation\n",
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["select", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "3 possible among the eligible proposals" in page, page
    assert "4 possible among the eligible proposals" not in page
    # Two problem types among the four: 2 possible, the distinct count as it is.
    assert "2 possible among the eligible proposals" in page


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "[« oral jeudi », « visite »] ne convient pas : il faut une liste de groupes"),
        ("en", '["oral jeudi", "visite"] is not accepted: expected a list of groups'),
    ],
)
def test_a_flat_any_slots_list_is_said_once_naming_it(tmp_path: Path, lang: str, said: str) -> None:
    """Probe s40f: `any_slots = ["oral jeudi", "visite"]` (one group without its brackets)
    printed the same line once per slot, counted as that many problems, and never named
    the value found."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    (cohort / "settings.toml").write_text(
        '[selection]\nany_slots = ["oral jeudi", "visite"]\n', encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 2, output
    assert said in output, output
    assert output.count("any_slots") == 2, output  # the key once, the example once


def test_institutions_whose_names_hold_one_another_are_said(tmp_path: Path) -> None:
    """Probe s40f: « AMO Le Cercle » and « AMO Le Cercle (Liège) » were both selected under
    max_per_institution = 1 without a word, while an employer so written is read as the
    institution (contract §7). Counted apart still (contract §1 folds names only), but said,
    each pair once; names that merely share words are not."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,AMO Le Cercle,jeunesse,diagnostic\nC2,AMO Le Cercle (Liège),jeunesse,évaluation\n"
        "C3,C.P.A.S. de Namur (antenne Jambes),aide sociale,diagnostic\n"
        "C4,CPAS de Namur,aide sociale,évaluation\nC5,AMO Cercle,jeunesse,diagnostic\n",
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 0, output
    assert (
        "« AMO Le Cercle » et « AMO Le Cercle (Liège) » (commissions.csv) pourraient être une "
        "même institution écrite de deux façons" in output
    ), output
    assert "« CPAS de Namur » et « C.P.A.S. de Namur (antenne Jambes) »" in output, output
    assert output.count("pourraient être une même institution") == 2, output


def test_slots_between_slashes_in_a_proposals_cell_are_said(tmp_path: Path) -> None:
    """Probe s40f: a cell « visite / oral vendredi » was read as one slot (a slash is no
    separator: a label may hold a date), and the proposal said unavailable on the very
    slots it shows, without a word on why. Now said, with how to separate them."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type,slots\n"
        "C1,CPAS de Namur,aide sociale,diagnostic,visite;oral jeudi\n"
        "C2,AMO Le Cercle,jeunesse,évaluation,visite / oral jeudi\n"
        "C3,Lire et Écrire,alphabétisation,diagnostic,visite;oral 20/05\n",
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 1\nrequired_slots = ["visite", "oral jeudi"]\n', encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 0, output
    assert (
        "'visite / oral jeudi' (commissions.csv: C2) reads as one slot, which the settings do "
        "not name: separate slots with ';' (visite; oral jeudi)" in output
    ), output
    assert output.count("reads as one slot") == 1, output  # « oral 20/05 » is a label


def test_validate_with_no_eligible_proposal_says_none(tmp_path: Path) -> None:
    """Probe s40f: « éligibles : 0 de 0 institution » and a heading « commandes éligibles : »
    over nothing, when no proposal offers the required slot."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type,slots\n"
        "C1,CPAS de Namur,aide sociale,diagnostic,oral\n"
        "C2,AMO Le Cercle,jeunesse,évaluation,oral\n",
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 1\nrequired_slots = ["visite"]\n', encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert "commandes : 2 ; éligibles : aucune ; à retenir : 1" in ran.output, ran.output
    assert "commandes éligibles :" not in ran.output, ran.output
    assert "non éligibles :" in ran.output, ran.output


def test_a_result_whose_names_all_changed_says_so_and_how_to_read_it(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s40h (D8): students.csv's names shortened to surnames since the result: every
    student was said « not in students.csv », though each id is there. The refusal says the
    ids are the cohort's under other names, and how to read the result if it is this
    cohort's (its name column deleted: read, exit 0)."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    path = cohort / "students.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    for row in rows[1:]:
        row[1] = row[1].split()[-1]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(result), "--lang", "fr"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 2, output
    assert "60 étudiant·es sur 60 de son teams.csv ont les matricules d'étudiant·es de " in output
    assert "supprimez la colonne des noms de teams.csv" in output, output
    teams = list(csv.reader((result / "teams.csv").read_text(encoding="utf-8-sig").splitlines()))
    column = teams[0].index("name")
    with (result / "teams.csv").open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([r[:column] + r[column + 1 :] for r in teams])
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(result), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output


def test_another_cohorts_selection_alone_is_refused_in_one_message(tmp_path: Path) -> None:
    """Probe s40g (N2): the tiny cohort's selection (C1, C2, C3) given to the demo read as
    the demo's C01, C02, C03 and was refused for « C03 est retenue mais non disponible », a
    C03 never selected. Its institutions tell the cohorts apart: one message."""
    previous = Path(__file__).parent.parent / "instances" / "tiny" / "whatif-before" / "previous"
    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--from", str(previous), "--out", str(out)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-commission", "C1", "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert (
        "looks like the result of another cohort: 3 selected proposals of 3 in its "
        "selection.csv are not in commissions.csv (by id and institution): C1, C2, C3"
    ) in " ".join(ran.output.split()), ran.output
    assert not out.exists()


def test_french_elides_before_an_acronym_starting_with_a_vowel() -> None:
    """Probe s40i: « à la place de celle de ASBL Handicap & Société » (an institution's
    acronym); codes stay as they are (« de A1 », « de E01 », « de oral_thu »)."""
    from matcher.labels import label

    said = label("pv_visit_of_instead", "fr", team="11", institution="ASBL Handicap")
    assert said == "la visite de 11 (à la place de celle d'ASBL Handicap)"
    said = label("pv_visit_of_instead", "fr", team="11", institution="CPAS de Namur")
    assert said.endswith("celle de CPAS de Namur)")
    assert label("pv_visit_of", "fr", team="E01") == "la visite de E01"


def test_none_of_them_wrote_an_unselected_first_choice_is_said_in_words() -> None:
    """Probe s40i: « 0 d'entre eux a écrit un premier choix qui n'a pas été retenu »."""
    from matcher.labels import counted

    said = counted("choices_note", 0, worst=2).words("fr")
    assert "Aucun d'entre eux n'a écrit un premier choix" in said, said
    assert "None of them wrote" in counted("choices_note", 0, worst=2).words("en")


def test_chart_categories_have_colours_of_their_own_and_unlisted_is_named() -> None:
    """Probe s40i: past twelve backgrounds the palette started again (the 13th in the 1st's
    blue), and the histogram's unlisted bar was labelled « — », said only by a tooltip."""
    from matcher.outputs.charts import category_colour, svg_histogram

    colours = [category_colour(i) for i in range(30)]
    assert len(set(colours)) == 30
    drawn = svg_histogram({1: 5, 2: 3, None: 2}, "fr")
    assert ">non listé</text>" in drawn and ">—<" not in drawn


def test_every_id_cell_of_the_students_sheet_is_text(demo_result: Path) -> None:
    """Probe s40i: rows made taller for a long institution had their student_id and
    commission_id cells in General format (a style of their own), so « 01 » typed there
    became the number 1, against the README's promise."""
    book = openpyxl.load_workbook(demo_result / "result.xlsx")
    sheet = book["Students"]
    header = [cell.value for cell in sheet[1]]
    for name in ("student_id", "commission_id"):
        column = header.index(name)
        formats = {row[column].number_format for row in sheet.iter_rows(min_row=2)}
        assert formats == {"@"}, (name, formats)


def test_this_cohorts_selection_with_institutions_renamed_since_is_read(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s40k: institutions renamed in commissions.csv since the result, and the
    cohort's own result was refused as another cohort's (its ids are written as the
    cohort's: only an id read otherwise, « C1 » for « C01 », is told by its institution)."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    path = cohort / "commissions.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    column = rows[0].index("institution")
    for number, row in enumerate(rows[1:], start=1):
        row[column] = f"Institution renommée {number}"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(demo_result)])
    assert ran.exit_code == 0, ran.output
    assert "another cohort" not in ran.output


def test_names_in_another_order_do_not_take_a_namesakes_place(tmp_path: Path) -> None:
    """Probe s40k: « Anne Marie Fontaine » beside « Marie Anne Fontaine »: the exact name was
    said to be both people's (students) or nobody's (supervisors), since any word order was
    one key. A name as written is looked up first."""
    from matcher.loading.id_index import by_name, named
    from matcher.loading.plan_files import SupervisorRefs
    from matcher.schemas import Student, Supervisor

    students = [
        Student(id="E01", name="Anne Marie Dupont", background="AS"),
        Student(id="E02", name="Marie Anne Dupont", background="AS"),
    ]
    names = by_name(students)
    assert named(names, "Anne Marie Dupont") == ["E01"]
    assert named(names, "DUPONT, Marie Anne") == ["E01", "E02"]
    refs = SupervisorRefs(
        (
            Supervisor(id="A1", name="Anne Marie Fontaine"),
            Supervisor(id="A2", name="Marie Anne Fontaine"),
            Supervisor(id="A3", name="Chloé Martin"),
        )
    )
    assert refs.resolve("Anne Marie Fontaine") == "A1"
    assert refs.resolve("Fontaine Anne Marie") is None  # both bear these words
    assert refs.resolve("MARTIN, Chloé") == "A3"


def test_a_total_then_a_count_line_under_the_supervisors_are_both_set_aside(
    tmp_path: Path,
) -> None:
    """Probe s40j: « Total,,11 » (the sum of the teams) then « (7 accompagnateurs) » under
    the demo's seven supervisors: both became supervisors, without a word (the count was
    taken against eight rows, the total among them)."""
    cohort = tmp_path / "demo"
    shutil.copytree(DEMO, cohort)
    with (cohort / "supervisors.csv").open("a", encoding="utf-8") as out:
        out.write("Total,,11,,,\n(7 accompagnateurs),,,,,\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    output = " ".join(ran.output.split())
    assert ran.exit_code == 0, output
    assert "accompagnateur·rice·s : 7" in output, output
    assert "« (7 accompagnateurs) » se lit comme un total tapé sous le tableau" in output


def test_hyphenated_names_whose_parts_swap_are_each_their_own() -> None:
    """Probe s40j (R1): « Anne-Marie Dupont » beside « Marie-Anne Dupont »: either exact
    name was said to be both students'."""
    from matcher.loading.id_index import by_name, named
    from matcher.schemas import Student

    names = by_name(
        [
            Student(id="S001", name="Marie-Anne Dupont", background="AS"),
            Student(id="S002", name="Anne-Marie Dupont", background="AS"),
        ]
    )
    assert named(names, "Anne-Marie Dupont") == ["S002"]
    assert named(names, "Marie-Anne Dupont") == ["S001"]
