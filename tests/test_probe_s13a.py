"""Session 13 probe a: instances as people produce them (contract §1 and §7), by hand.

What the probe found on hand-written cohorts (xlsx written with openpyxl, CSV by hand):
- a `V.A.E.` header (an acronym written with its dots) was not the `vae` column: the
  column was silently ignored, every student read as not VAE and VAE left out of balance;
- a title line above the headers (« Liste des étudiants 2026-2027 » in A1, headers in
  row 2, as spreadsheet users write) made the header one column wide and every row was
  refused as "the row has 9 cells but the header has 1 column"; header problems were also
  always placed on row 1 even when the headers lay lower;
- a cell merged over two rows (the `sector` of two proposals) read as an empty cell on the
  second row, refused as "empty cell: a sector is expected";
- a sheet or file named in the singular (`Étudiant`, `commande.csv`) was not read; a
  table under another name (`Liste étudiants 2026.csv`, `binomes-final.csv`) was dropped
  without a word by `validate`, and the missing-file error did not say which files it saw;
- a header with a note in brackets (`Employeur (si en emploi)`, `VAE (oui/non)`) was an
  unknown column, silently ignored: the conflict of interest was dropped;
- `01/10/26` and « jeudi 1 octobre 2026 » (a French Excel's date cells exported to CSV)
  were not days; a bare `8` for `C08` suggested nothing;
- a student who left `Choix 2` empty and filled `Choix 3` had that choice counted as their
  second (teams.csv's choice_rank 2) without a word: `validate` now says how it is read;
- two `Matricule` columns were refused as "columns 'Matricule' and 'Matricule' both mean
  'id'", without saying which two columns of the sheet.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke, write_cohort

COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ["C1", "CPAS de Namur", "CPAS", "évaluation"],
    ["C2", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
    ["C3", "Handi Plus", "handicap", "étude"],
    ["C4", "Maison Médicale", "CPAS", "évaluation"],
]
STUDENTS = [
    ["id", "name", "background", "V.A.E.", "gender", "choices"],
    ["S1", "Ann", "AS", "oui", "F", "C1;C2"],
    ["S2", "Bob", "educ", "non", "M", "C2"],
    ["S3", "Cat", "AS", "oui", "F", "C3;C1"],
    ["S4", "Dan", "GRH", "non", "M", "C1"],
    ["S5", "Eve", "educ", "non", "F", "C2;C3"],
    ["S6", "Fay", "AS", "non", "F", "C3"],
]
SETTINGS = "[selection]\ncount = 3\n"


def _csv(rows: list[list[str]]) -> str:
    return "".join(";".join(f'"{c}"' if ";" in c else c for c in row) + "\n" for row in rows)


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_acronym_header_with_dots_is_its_column(tmp_path: Path, lang: str) -> None:
    # Contract §1: "Headers match case-, accent- and spacing-insensitively … Unknown
    # columns are kept and ignored": `V.A.E.` is the `vae` column, not an unknown one.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _csv(COMMISSIONS),
            "students.csv": _csv(STUDENTS),
            "settings.toml": SETTINGS,
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0 and "VAE" in output and "2 (33" in output, output
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet"])
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "vae" in summary["settings"]["teams"]["balance"]
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    vae = {line.split(",")[0]: line.split(",")[6] for line in teams[1:]}
    assert vae["S1"] == vae["S3"] == "yes" and vae["S2"] == "no", teams


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_title_line_above_the_headers_is_set_aside(tmp_path: Path, lang: str) -> None:
    # Contract §1: "one .xlsx workbook whose sheets carry the same names", read "as people
    # produce them"; §2: "the row (as a spreadsheet shows it)".
    title = ["Liste des étudiants 2026-2027"]
    book = _workbook(
        tmp_path / "cohorte.xlsx",
        {"Commandes": COMMISSIONS, "Étudiants": [title, *STUDENTS]},
    )
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 0, output
    assert "Liste des étudiants 2026-2027" in output
    assert ("row 1" if lang == "en" else "ligne 1") in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(book), "--out", str(out), "--quiet"])
    assert code == 0, output
    assert (out / "teams.csv").read_text(encoding="utf-8-sig").count("\nS") == 6
    # A problem in the table is located at the spreadsheet's own rows: the header on row 2.
    broken = [title, ["Matricule", "Diplôme d'origine"], ["S1", "AS"]]
    _workbook(tmp_path / "cohorte.xlsx", {"Commandes": COMMISSIONS, "Étudiants": broken})
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 2 and ("row 2" if lang == "en" else "ligne 2") in output, output
    assert "Diplôme d'origine" in output


def test_a_title_line_in_a_csv_export(tmp_path: Path) -> None:
    # Contract §1: "Reading CSV files as people produce them" (a sheet with its title
    # exported by a French Excel: the title followed by empty cells).
    students = "Liste des étudiants;;;;;\n" + _csv(STUDENTS)
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": students, "settings.toml": SETTINGS},
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 0 and "étudiants : 6" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cell_merged_over_two_rows_holds_for_both(tmp_path: Path, lang: str) -> None:
    # Contract §1: the workbook read as its sheets show it; a merged `secteur` cell shows
    # CPAS on both proposals' rows (never "empty cell: a sector is expected").
    book = _workbook(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": STUDENTS})
    loaded = openpyxl.load_workbook(book)
    sheet = loaded["commissions"]
    sheet["C3"] = "CPAS"
    sheet.merge_cells("C2:C3")
    loaded.save(book)
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 0, output
    assert "C2  AMO Le Cercle | CPAS | diagnostic" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_singular_sheet_and_file_names_are_their_tables(tmp_path: Path, lang: str) -> None:
    # Contract §1: sheets "carry the same names without .csv"; the French names are
    # accepted as aliases. A sheet named « Étudiant » or a file commande.csv is that table.
    book = _workbook(tmp_path / "cohorte.xlsx", {"Commande": COMMISSIONS, "Étudiant": STUDENTS})
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o1"), "--lang", lang])
    assert code == 0, output
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commande.csv": _csv(COMMISSIONS),
            "Étudiant.csv": _csv(STUDENTS),
            "settings.toml": SETTINGS,
        },
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o2"), "--lang", lang])
    assert code == 0, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_table_under_another_name_is_said(tmp_path: Path, lang: str) -> None:
    # Contract §7: "A missing file lists the names accepted for it"; §2: no rule is ever
    # dropped silently. The files seen are named, and a pairs file under another name is
    # a warning of `validate`.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _csv(COMMISSIONS),
            "Liste étudiants 2026.csv": _csv(STUDENTS),
            "binomes-final.csv": "student_a;student_b;relation\nS1;S2;séparer\n",
            "settings.toml": SETTINGS,
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert "binomes-final.csv" in output and "Liste étudiants 2026.csv" in output
    assert "pairs.csv" in output and "students.csv" in output
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 2 and not (tmp_path / "o").exists()
    found = "fichiers CSV trouvés" if lang == "fr" else "CSV files found"
    assert found in output and "Liste étudiants 2026.csv" in output, output
    # A workbook's missing sheet names the sheets it holds.
    book = _workbook(tmp_path / "b.xlsx", {"commandes": COMMISSIONS, "Liste 2026": STUDENTS})
    (tmp_path / "b.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 2 and "Liste 2026" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_two_columns_of_one_name_are_told_apart(tmp_path: Path, lang: str) -> None:
    # Contract §2: "for invalid input the file, the row …, the column and what was
    # expected": two columns headed `Matricule` are named by their letters.
    students = "Matricule;Nom;Matricule;Formation\nS1;Ann;X;AS\n"
    cohort = write_cohort(
        tmp_path / "c", {"commissions.csv": _csv(COMMISSIONS), "students.csv": students}
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2, output
    assert "Matricule' (A)" in output or "Matricule » (A)" in output, output
    assert "(C)" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_pinned_student_is_said_in_the_singular(tmp_path: Path, lang: str) -> None:
    # Contract §7: "In French, everything a person reads is French" (and right): the
    # explanation said « 1 y sont imposés » / "1 are pinned to it".
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C1,Alpha,CPAS,diagnostic\nC2,Beta,handicap,évaluation\n",
            "students.csv": "id,name,background,choices,pinned\n"
            "S1,Ana,AS,C1,C1\nS2,Bob,AS,C1,\nS3,Cléo,GRH,C1,\nS4,Dan,GRH,C2,\n",
            "pairs.csv": "student_a,student_b,relation\nS2,S3,together\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--no-explain"])
    assert code == 0, output
    code, output = invoke(
        ["explain", str(cohort), "--result", str(out), "--student", "S2", "--lang", lang]
    )
    assert code == 0, output
    # Named since probe s38h (« 1 y est imposé »), in the singular all the same.
    assert ("Ana is pinned to it" if lang == "en" else "Ana y est imposé·e :") in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_empty_choice_column_before_a_filled_one_is_said(tmp_path: Path, lang: str) -> None:
    # Contract §3: "choice_rank = position of the commission in the student's choices as
    # the student wrote them, 1 = first written": with `Choix 2` left empty, `Choix 3` is
    # the second written; validate says so, so that the director is not surprised.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _csv(COMMISSIONS),
            "students.csv": "id;formation;Choix 1;Choix 2;Choix 3\n"
            "S1;AS;C1;;C2\nS2;AS;C2;C1;\nS3;GRH;C3;C1;C2\n",
            "settings.toml": SETTINGS,
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    gap_line = next(line for line in output.splitlines() if "Choix 3" in line)
    assert "Choix 2" in gap_line and gap_line.rstrip().endswith("S1"), output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_days_as_excel_exports_them_are_days(tmp_path: Path, lang: str) -> None:
    # Contract §7: "Slot labels that are dates compare as dates: 1/10/2026, 01/10/2026,
    # 2026-10-01 and 1-10-2026 are one day (day first, as written in Belgium)". A French
    # Excel exports a date cell as it shows it: 01/10/26 (short date) or « jeudi 1 octobre
    # 2026 » (long date); both were compared as text, so no proposal was eligible.
    commissions = (
        "id;institution;sector;problem_type;disponibilités\n"
        "C1;A;CPAS;évaluation;01/10/26\n"
        "C2;B;handicap;diagnostic;jeudi 1 octobre 2026\n"
        "C3;C;logement;étude;1er octobre 2026\n"
        "C4;D;santé;évaluation;08/10/26\n"
    )
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": commissions,
            "students.csv": _csv(STUDENTS),
            "settings.toml": '[selection]\ncount = 3\nrequired_slots = ["1/10/2026"]\n',
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    eligible = "eligible: 3" if lang == "en" else "éligibles : 3"
    assert eligible in output, output
    assert "C4" in output.split("\n  C3")[-1]  # C4 listed among the ineligible


def test_a_one_column_header_is_said_in_the_singular(tmp_path: Path) -> None:
    # Contract §7: in French everything a person reads is French (and grammatical): « l'en-
    # tête a 1 colonnes » was printed for a header of one column.
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": "id\nS1,AS,C1\n"},
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2 and "l'en-tête a 1 colonne " in output, output
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2 and "the header has 1 column " in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_bare_number_suggests_the_id_holding_it(tmp_path: Path, lang: str) -> None:
    # Contract §7: "An unknown id suggests the nearest known one". A form that asked for
    # « le numéro de la commande » gives 8 for C08: nothing was suggested.
    commissions = "id,institution,sector,problem_type\n" + "".join(
        f"C{n:02d},I{n},s{n},p{n}\n" for n in range(1, 9)
    )
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": commissions, "students.csv": "id,formation,choix\nS1,AS,8\n"},
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2, output
    assert ("did you mean C08?" if lang == "en" else "vouliez-vous dire C08 ?") in output, output


def test_a_workbook_without_a_students_sheet_says_so(tmp_path: Path) -> None:
    # Contract §1: an instance is a folder "or one .xlsx workbook whose sheets carry the
    # same names": validate said « étudiants : aucun (pas de students.csv) » of a workbook.
    book = _workbook(tmp_path / "cohorte.xlsx", {"commandes": COMMISSIONS})
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", "fr"])
    said = "étudiants : aucun (pas encore de tableau des étudiants : ni fichier étudiants.csv"
    assert code == 0 and f"{said} ni feuille étudiants)" in output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_in_brackets_after_a_header_is_not_another_column(tmp_path: Path, lang: str) -> None:
    # Contract §1: "Headers match case-, accent- and spacing-insensitively … The French
    # names below are accepted as aliases". A form's headers carry notes: `Employeur (si
    # en emploi)` was an unknown column, silently ignored: the conflict of interest was
    # dropped and S1 could join their employer's commission.
    students = (
        "Matricule;Formation (initiale);VAE (oui/non);Employeur (si en emploi);"
        "Choix 1 (obligatoire)\n"
        "S1;AS;oui;Alpha;C1\nS2;AS;non;;C1\nS3;GRH;non;;C1\nS4;GRH;oui;;C2\n"
    )
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C1,Alpha,CPAS,diagnostic\nC2,Beta,handicap,évaluation\n",
            "students.csv": students,
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0 and "VAE" in output, output
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet"])
    assert code == 0, output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    placed = {line.split(",")[0]: line.split(",")[2] for line in teams[1:]}
    assert placed["S1"] == "C2", teams
    assert "S1,,C2,Beta,,AS,yes" in teams[1 + [t.split(",")[0] for t in teams[1:]].index("S1")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_required_slots_without_a_slots_column_is_said(tmp_path: Path, lang: str) -> None:
    # Contract §5: "(when the slots column is absent every proposal is eligible)"; §2: no
    # rule is ever dropped silently. A `Dates disponibles` header is no slots column:
    # required_slots = ["visite"] then holds for every proposal, and validate says so.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id;institution;sector;problem_type;Dates disponibles\n"
            "C1;A;s1;p1;visite\nC2;B;s2;p2;oral\n",
            "settings.toml": '[selection]\ncount = 1\nrequired_slots = ["visite"]\n',
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    line = next(line for line in output.splitlines() if "visite" in line)
    assert "disponibilités" in line and "commissions.csv" in line, output
