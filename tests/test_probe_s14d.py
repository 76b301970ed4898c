"""Session 14 probe d: spreadsheets as directors really produce them (contract §1 and §8).

What the probe found on hand-written cohorts (workbooks written by openpyxl and re-saved by
LibreOffice, CSV files in Excel's other "save as" kinds, result.xlsx edited after a
LibreOffice round trip):
- a table saved by Excel as "Texte Unicode" or "Texte (séparateur : tabulation)" is a
  ``students.txt``: it lay in the folder unread, and the command said only "missing file
  students.csv";
- a folder of one workbook per table (``commissions.xlsx``, ``students.xlsx``: what a
  spreadsheet saves, or LibreOffice converting each CSV file) was refused as missing both
  tables, and the hint "to read commissions.xlsx, give the workbook itself as the instance"
  was given for the students too (that workbook holds no students);
- a Mac's ``._students.csv`` (the metadata file a Mac writes beside each file on a USB key
  or a shared drive, invisible in the Finder) or Excel's ``~$students.xlsx`` (written while
  the file is open) made the cohort refused: "two files hold the students: ._students.csv
  and students.csv; keep one";
- two sheets of one table were said in French as « deux feuilles contiennent students »;
- a one-word title naming the table (« Étudiants » in A1) made every row refused;
- a list cell with one id per line (Alt+Enter) was one id: choices refused, and a slots
  cell with two dates one slot, its proposal silently not eligible;
- Excel for Mac's "CSV (Macintosh)" (Mac Roman) read as « Žducateur », an employer
  matching no institution, so the conflict of interest was silently dropped;
- a LibreOffice .ods (instance, table in a folder, or an edited result saved by
  LibreOffice as result.ods) was "not an instance", "missing students.csv", "not a
  readable .xlsx (KeyError)", or silently ignored beside teams.csv;
- a cell showing a formula error (#N/A of a failed VLOOKUP) was read as the text « #N/A »:
  two proposals became one institution (also once saved into a CSV file);
- a workbook beside the CSV file of its table made the folder refused once workbooks in a
  folder were read: the CSV file wins, with a warning;
- a row moved from one team sheet of result.xlsx to another was ignored without a word.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke, write_cohort

COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ["1", "CPAS de Namur", "CPAS", "évaluation"],
    ["2", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
    ["3", "ASBL Handi", "handicap", "étude de faisabilité"],
    ["4", "Maison médicale", "santé", "évaluation"],
]
STUDENTS = [
    ["Matricule", "Nom", "Formation initiale", "VAE", "Choix"],
    ["20231234", "Ana Lima", "assistant social", "non", "1;2"],
    ["20231235", "Bob Roy", "éducateur", "oui", "2;1"],
    ["20231236", "Céline Dion", "GRH", "non", "4;1"],
    ["20231237", "David Bo", "assistant social", "non", "1;4"],
    ["20231238", "Eva Kay", "infirmier", "oui", "2;4"],
    ["20231239", "Farid Ali", "éducateur", "non", "4;2"],
]
SETTINGS = "[selection]\ncount = 3\n[solver]\ntime_limit = 10\n"


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(row) + "\n" for row in rows)


def _book(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _teams(out: Path) -> dict[str, str]:
    lines = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[2] for line in lines}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_table_saved_as_unicode_text_is_read(tmp_path: Path, lang: str) -> None:
    # Contract §1: "Reading CSV files as people produce them"; Excel's "Texte Unicode"
    # (UTF-16 with BOM, tab-delimited) is saved as students.txt. README decides: read.
    cohort = write_cohort(
        tmp_path / "c", {"commissions.csv": _csv(COMMISSIONS), "settings.toml": SETTINGS}
    )
    text = _csv(STUDENTS, "\t").replace("\n", "\r\n")
    (cohort / "étudiants.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0, output
    assert len(_teams(out)) == 6


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_folder_of_one_workbook_per_table(tmp_path: Path, lang: str) -> None:
    # Contract §1: "An instance is a folder (or one .xlsx workbook ...)"; where it is silent,
    # what a director expects: each table saved as its own workbook (a spreadsheet's Save,
    # or LibreOffice converting each CSV file), its sheet named as Excel names it.
    cohort = write_cohort(tmp_path / "c", {"settings.toml": SETTINGS})
    _book(cohort / "commissions.xlsx", {"Feuil1": COMMISSIONS, "Feuil2": [], "Feuil3": []})
    _book(cohort / "Étudiants.xlsx", {"students": STUDENTS})
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0, output
    assert len(_teams(out)) == 6
    # Several filled sheets, none named after the table: which one is not guessed.
    _book(cohort / "commissions.xlsx", {"Feuil1": COMMISSIONS, "Notes": [["à revoir"]]})
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2 and "commissions.xlsx" in output and "Notes" in output, output
    said = "keep the proposals on one sheet" if lang == "en" else "gardez les commandes sur"
    assert said in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_workbook_hint_never_names_a_table_workbook(tmp_path: Path, lang: str) -> None:
    # Contract §7: "A missing file lists the names accepted for it" (and nothing misleading):
    # commissions.xlsx is read as the proposals; it cannot give the students.
    cohort = write_cohort(tmp_path / "c", {"settings.toml": SETTINGS})
    _book(cohort / "commissions.xlsx", {"commissions": COMMISSIONS})
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 2 and "students.csv" in output, output
    assert "commissions.xlsx" not in output, output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("name", ["._students.csv", "~$students.xlsx", ".~lock.students.csv#"])
def test_system_files_beside_the_tables_are_not_tables(tmp_path: Path, name: str) -> None:
    # Contract §1: the folder's students.csv is the students; a Mac's ._students.csv (its
    # metadata on a USB key) or Excel's ~$students.xlsx lock file is no second one.
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _csv(COMMISSIONS),
            "students.csv": _csv(STUDENTS),
            "settings.toml": SETTINGS,
        },
    )
    (cohort / name).write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    for lang in ("en", "fr"):
        code, output = invoke(["validate", str(cohort), "--lang", lang])
        assert code == 0, output


def test_two_sheets_of_one_table_are_said_in_french(tmp_path: Path) -> None:
    # Contract §7: "In French, everything a person reads is French".
    book = _book(
        tmp_path / "cohorte.xlsx",
        {"commissions": COMMISSIONS, "students": STUDENTS, "Étudiants": STUDENTS},
    )
    code, output = invoke(["validate", str(book), "--lang", "fr"])
    assert code == 2 and "deux feuilles contiennent les étudiants" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_one_word_title_naming_the_table_is_a_title(tmp_path: Path, lang: str) -> None:
    # Contract §1 (read as people produce them) and §2 ("the row (as a spreadsheet shows
    # it)"): « Étudiants » in A1, a blank line, the headers on row 3; every row was refused
    # as "the row has 5 cells but the header has 1 column".
    book = _book(
        tmp_path / "cohorte.xlsx",
        {"Commandes": [["Commandes"], *COMMISSIONS], "Étudiants": [["Étudiants"], [], *STUDENTS]},
    )
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 0, output
    assert ("row 3" if lang == "en" else "ligne 3") in output, output
    out = tmp_path / "out"
    code, output = invoke(["run", str(book), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0 and len(_teams(out)) == 6, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_list_cell_with_one_id_per_line(tmp_path: Path, lang: str) -> None:
    # Contract §1: "Lists inside a cell are separated by `;` ... `|` is accepted too"; where
    # it is silent, what a director expects: one id per line in a cell (Alt+Enter). The
    # choices were refused (« '1\x0a2' is not a proposal id ») and a slots cell
    # "2026-10-01⏎2026-11-19" was one slot, its proposal silently not eligible.
    commissions = [[*COMMISSIONS[0], "slots"]] + [
        [*row, "2026-10-01\n2026-11-19"] for row in COMMISSIONS[1:]
    ]
    students = [STUDENTS[0]] + [[*row[:4], row[4].replace(";", "\n")] for row in STUDENTS[1:]]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": commissions, "students": students})
    settings = SETTINGS.replace("count = 3", 'count = 3\nrequired_slots = ["19/11/2026"]')
    (tmp_path / "cohorte.settings.toml").write_text(settings, encoding="utf-8")
    out = tmp_path / "out"
    code, output = invoke(["run", str(book), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0, output
    lines = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    ana = next(line for line in lines if line.startswith("20231234,"))
    assert ana.endswith(",1;2"), lines
    selection = (out / "selection.csv").read_text(encoding="utf-8-sig")
    assert selection.count(",yes,yes,") == 3, selection


@pytest.mark.parametrize(("lang", "encoding", "end"), [("en", "mac_roman", "\r"),
                         ("fr", "mac_roman", "\r"), ("fr", "cp850", "\r\n")])  # fmt: skip
def test_a_csv_saved_by_excel_for_mac(tmp_path: Path, lang: str, encoding: str, end: str) -> None:
    # Contract §1: "Encoding: UTF-8 with or without BOM; otherwise Windows-1252"; where it
    # is silent, what a director expects: Excel for Mac's "CSV (Macintosh)" (Mac Roman, CR
    # line ends) read as written. It read « Žducateur », and the employer « Maison mŽdicale »
    # was no institution: the conflict of interest was silently dropped. Excel's "CSV
    # (MS-DOS)" (code page 850) read « ‚ducateur » likewise.
    students = [[*row, "Employeur"] for row in STUDENTS[:1]] + [
        [*row[:4], row[4].replace(";", "|"), "Maison médicale" if row[0] == "20231236" else ""]
        for row in STUDENTS[1:]
    ]  # Céline (20231236) wants her employer's commission (4) first
    cohort = write_cohort(
        tmp_path / "c", {"commissions.csv": _csv(COMMISSIONS), "settings.toml": SETTINGS}
    )
    text = _csv(students, ";").replace("\n", end)
    (cohort / "students.csv").write_bytes(text.encode(encoding))
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0 and "éducateur" in output and "Ž" not in output, output
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0, output
    assert _teams(out)["20231236"] != "4"
    # A Windows-1252 file with typographic quotes stays Windows-1252.
    windows = _csv([STUDENTS[0], ["S9", "Zoë ‘Zo’ Müller", "GRH", "non", "1"]], ";")
    (cohort / "students.csv").write_bytes(windows.encode("cp1252"))
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_libreoffice_ods_says_how_to_save_it(tmp_path: Path, lang: str) -> None:
    # Contract §2: invalid input gets "a message a programme director can act on". LibreOffice
    # saves .ods unless told otherwise: `cohorte.ods` was "an instance is a folder … or an
    # .xlsx workbook", and a folder's students.ods was "missing file students.csv".
    ods = (tmp_path / "cohorte.ods").as_posix()
    # An .ods file begins with its zip entry "mimetype": what identifies it.
    data = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    Path(ods).write_bytes(data)
    save = "save it as .xlsx" if lang == "en" else "enregistrez-le en .xlsx"
    code, output = invoke(["validate", ods, "--lang", lang])
    assert code == 2 and "cohorte.ods" in output and save in output, output
    cohort = write_cohort(tmp_path / "c", {"commissions.csv": _csv(COMMISSIONS)})
    (cohort / "étudiants.ods").write_bytes(data)
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 2 and "étudiants.ods" in output and save in output, output
    assert not (tmp_path / "o").exists()
    (cohort / "étudiants.ods").rename(cohort / "students.csv")  # an .ods renamed by hand
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2 and "students.csv" in output and save in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_result_saved_by_libreoffice_as_ods(tmp_path: Path, lang: str) -> None:
    # Contract §8: "check, report, whatif --from and explain --result accept a result folder
    # whose teams come from teams.csv or from an edited result.xlsx". LibreOffice saves an
    # edited result.xlsx as result.ods unless told to keep the format: `--result
    # result.ods` was "not a readable .xlsx workbook (KeyError)", and a folder holding it
    # was checked from teams.csv without a word about the edits left unread.
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": _csv(STUDENTS),
         "settings.toml": SETTINGS},
    )  # fmt: skip
    out = tmp_path / "out"
    assert invoke(["run", str(cohort), "--out", str(out), "--quiet"])[0] == 0
    data = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    (out / "result.ods").write_bytes(data)
    save = "save it as" if lang == "en" else "enregistrez-le en"
    ods = str(out / "result.ods")
    code, output = invoke(["check", str(cohort), "--result", ods, "--lang", lang])
    assert code == 2 and "result.ods" in output and save in output and "KeyError" not in output
    for command in (["check"], ["explain"], ["report", "--out", str(tmp_path / "r")]):
        code, output = invoke([command[0], str(cohort), "--result", str(out), *command[1:],
                               "--lang", lang])  # fmt: skip
        assert code == 0 and "result.ods" in output and save in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_formula_showing_an_error_is_refused(tmp_path: Path, lang: str) -> None:
    # Contract §2: "a spreadsheet formula without a stored value: invalid input ... with
    # file, row and column"; §1: "a value of the wrong type is invalid input". A VLOOKUP
    # that failed saves #N/A: two proposals read as one institution « #N/A », and
    # max_per_institution silently kept one of them.
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": STUDENTS})
    loaded = openpyxl.load_workbook(book)
    loaded["commissions"]["B4"] = "#N/A"  # typed or pasted as a value: an error cell
    loaded["commissions"]["B4"].data_type = "e"
    loaded.save(book)
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    where = "row 4, column 'institution'" if lang == "en" else "ligne 4, colonne « institution »"
    assert code == 2 and where in output and "#N/A" in output, output
    # A formula whose saved value is an error, as LibreOffice and Excel save it.
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"#N/A" in parts[n])
    parts[sheet] = re.sub(
        rb'<c r="B4"[^>]*>.*?</c>',
        b'<c r="B4" t="e"><f>VLOOKUP(A4,Annuaire!A:B,2,0)</f><v>#N/A</v></c>',
        parts[sheet],
    )
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 2 and where in output and "#N/A" in output, output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_formula_error_exported_to_csv_is_refused(tmp_path: Path, lang: str) -> None:
    # Contract §1: "a value of the wrong type is invalid input". The sheet of the test
    # above saved as CSV: « #N/A » (« #VALEUR! » from a French Excel) is no institution.
    commissions = [row[:] for row in COMMISSIONS]
    commissions[3][1] = commissions[4][1] = "#N/A"
    commissions[2][2] = "#VALEUR!"
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(commissions, ";"), "students.csv": _csv(STUDENTS),
         "settings.toml": SETTINGS},
    )  # fmt: skip
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2 and output.count("#N/A") == 2 and "#VALEUR!" in output, output
    assert ("row 4" if lang == "en" else "ligne 4") in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_workbook_beside_the_csv_of_its_table(tmp_path: Path, lang: str) -> None:
    # Contract §8's rule for results ("the CSV wins when both exist and differ, with a
    # warning"), for an instance: commissions.xlsx as received, commissions.csv exported
    # from it. Reading workbooks in a folder must not refuse that folder, nor read the
    # workbook without a word.
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": _csv(STUDENTS),
         "settings.toml": SETTINGS},
    )  # fmt: skip
    _book(cohort / "commissions.xlsx", {"Feuil1": COMMISSIONS[:2]})
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    said = "is not read" if lang == "en" else "n'est pas lu"
    assert code == 0 and f"commissions.xlsx {said}" in output, output
    assert ("proposals: 4" if lang == "en" else "commandes : 4") in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_row_moved_between_team_sheets_is_said_unread(tmp_path: Path, lang: str) -> None:
    # Contract §8: teams come "from teams.csv or from an edited result.xlsx (its Students
    # sheet's commission_id column ...)". A director who moved a student's row from one team
    # sheet to another (the sheets they print) had the edit ignored without a word.
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": _csv(STUDENTS),
         "settings.toml": SETTINGS},
    )  # fmt: skip
    out = tmp_path / "out"
    assert invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", lang])[0] == 0
    code, output = invoke(["check", str(cohort), "--result", str(out), "--lang", lang])
    assert code == 0 and "commission_id" not in output, output  # nothing moved: nothing said
    book = openpyxl.load_workbook(out / "result.xlsx")
    teams = [s for s in book.worksheets if s.title.split(" ")[0] in {"1", "2", "3", "4"}]
    source, target = teams[0], teams[1]
    row = [cell.value for cell in source[2]]
    source.delete_rows(2)
    target.insert_rows(2)
    for column, value in enumerate(row, start=1):
        target.cell(row=2, column=column, value=value)
    book.save(out / "result.xlsx")
    quoted = f"« {target.title} »" if lang == "fr" else f"'{target.title}'"
    # The folder (teams.csv beside the workbook), and the workbook sent back alone, whose
    # Students sheet is then the teams (probe s27: said nothing of the moved row).
    for result in (out, out / "result.xlsx"):
        code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", lang])
        assert code == 0 and quoted in output, output
        assert str(row[0]) in output and "commission_id" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_label_and_its_value_above_the_headers_is_a_title(tmp_path: Path, lang: str) -> None:
    # Left alone by the probe, fixed after (session 14): « Promotion » | « 2026-2027 » in A1
    # and B1 above the headers made every row refused as wider than a two-column header.
    # A line of two filled cells (the first in column A) above one of four or more is a
    # title; a real two-column table (no wider line below) keeps its header.
    book = _book(
        tmp_path / "cohorte.xlsx",
        {
            "Commandes": [["Promotion", "2026-2027"], *COMMISSIONS],
            "Étudiants": [["Année académique :", "2026-2027"], [], *STUDENTS],
        },
    )
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 0, output
    assert ("row 3" if lang == "en" else "ligne 3") in output, output
    assert "2026-2027" in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(book), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0 and len(_teams(out)) == 6, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_typed_beside_a_row_of_a_sheet_is_not_read(tmp_path: Path, lang: str) -> None:
    # Left alone by the probe, fixed after (session 14): contract §1 "Unknown columns are
    # kept and ignored"; a note typed right of a row, under no header, refused the whole
    # workbook row by row ("the row has 6 or more cells but the header has 5 columns"). In
    # a sheet it is not read, with a warning naming its column and rows; in a CSV file it
    # is still refused (most often a delimiter inside an unquoted cell).
    students = [STUDENTS[0], [*STUDENTS[1], "", "à revoir"], *STUDENTS[2:]]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students})
    (tmp_path / "cohorte.settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(book), "--lang", lang])
    assert code == 0, output
    # Five headers (A-E), the note in G after an empty F.
    said = "is not read" if lang == "en" else "n'est pas lue"
    assert said in output and ("'G'" in output or "« G »" in output), output
    assert "à revoir" not in output


def test_a_file_downloaded_twice_is_its_table(tmp_path: Path) -> None:
    # Left alone by probe s14g, fixed after (session 14): a browser saves a file downloaded
    # a second time as « étudiants (1).csv », Explorer a copy as « commandes - Copie.csv »;
    # such a folder was refused as missing both tables. Two copies of one table are refused
    # naming both, as two files of one table always are.
    folder = tmp_path / "cohorte"
    folder.mkdir()
    rows = {"commandes - Copie.csv": COMMISSIONS, "étudiants (1).csv": STUDENTS}
    for name, table in rows.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=";").writerows(table)
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    code, output = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 0, output
    (folder / "étudiants.csv").write_text((folder / "étudiants (1).csv").read_text("utf-8"))
    code, output = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2 and "étudiants (1).csv" in output and "étudiants.csv" in output, output
