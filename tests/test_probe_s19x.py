"""Probe s19x: cohorts kept in real spreadsheet workbooks (contract §1, "or one .xlsx
workbook"), written by openpyxl with typed cells and re-saved by LibreOffice, compared with
the same cohort in CSV files.

What the probe found:
- a password-protected workbook (Excel's "Encrypt with password": an OLE container holding
  the encrypted package) was said to be "an old Excel .xls file: save it as .xlsx", which
  it is not; the director was sent to save as .xlsx a file that already is one;
- a CSV file renamed .xlsx, an empty .xlsx, a workbook cut short (a copy interrupted) were
  each "not a readable .xlsx workbook (BadZipFile)": a Python word, and no hint of what to
  do;
- a workbook damaged inside: a sheet listed whose part is missing was skipped by openpyxl
  without a word (a pairs sheet so lost: no pairs, rules dropped), a part cut short said
  "(ParseError)", a missing workbook part "(KeyError)";
- a workbook saved as Excel's "Strict Open XML Spreadsheet" was "neither commissions nor
  students found here" (openpyxl finds no sheet in it): it is said to be saved so, and how
  to save it instead;
- Excel's lock file ``~$cohorte.xlsx`` (beside the workbook while it is open) given as the
  instance was "damaged": it is said to be the lock file, and which workbook to give;
- a numeric id typed in a cell formatted with leading zeros (format ``00000``: the sheet
  shows ``00341``) was read as ``341``, so every output named a student the director's
  sheet does not show;
- a header ``Choix`` merged over three columns (one choice per column beneath it, as a
  director lays out a form's answers) read the first column as the whole list and dropped
  the second and third choices with a warning: the students were matched on one choice.
- a header on two rows (``Matricule`` merged down over rows 1 and 2, ``Choix`` across
  three columns with 1, 2, 3 beneath) read row 2 as a student « Matricule » whose choices
  were 1, 2, 3: refused when the proposal ids are C1…, a seventh student silently when they
  are 1, 2, 3; headings of column groups above the header (``Identité`` over A:B,
  ``Parcours`` over C:H, each merged) made every column missing;
- an empty sheet (a ``Paires`` sheet left empty) was refused saying "the file is empty",
  of a file that is not;
- a formula whose saved value is empty text (``=IFERROR(VLOOKUP(…);"")``, an employer
  looked up in another sheet, empty for those who have none), as LibreOffice and Excel
  save it (``t="str"``, empty value), was refused as "a formula without a saved value";
- a number computed by a formula (``=(0.7+0.1)*10``, a priority the sheet shows as 8) read
  as ``7.999999999999999``: "not a whole number";
- a date cell holding a time of day its format does not show (``01/10/2026`` on screen,
  14:30 stored: a date pasted from an export) read as ``2026-10-01 14:30:00``, no day: every
  proposal "lacked only 01/10/2026", the selection infeasible;
- the totals row of an Excel table (Ctrl+T, "Total Row" ticked) was read as a row of data:
  ``Total`` with a count in the background column became a seventh student, silently;
- two sheets holding one table, one of them hidden (an old copy): refused naming a sheet
  the director cannot see, without saying it is hidden;
- a sheet with formatted empty rows down to row 1,048,576 held a record per empty row
  (820 MB, 24 s to validate 12 students; 570 MB, 17 s now: the rest is openpyxl's parse).

Checked right (same teams as the CSV cohort, or a clear message with sheet, row, column,
exit 2, nothing written, in English and French): numbers typed as numbers (``3.0``,
``2.0``, ids ``12345``), TRUE/FALSE cells, a slot and a supervisor's ``unavailable`` typed
as date cells, formulas whose values LibreOffice saved, a formula without a saved value,
``#N/A`` and ``#REF!`` cells, rich text, sheet names in other case and French
(``PROPOSITIONS``, ``Étudiants``, ``Paires``), extra, hidden and empty sheets in any order,
20,000 formatted empty rows at the end, a title row above the headers with an autofilter,
choices on several lines of a cell, ``choice_1``…``choice_5`` with blanks in the middle,
an ``.ods`` or ``.xls`` renamed ``.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke

COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ["C1", "CPAS de Namur", "CPAS", "évaluation"],
    ["C2", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
    ["C3", "ASBL Handi", "handicap", "étude de faisabilité"],
]
SETTINGS = "[selection]\ncount = 3\n[solver]\ntime_limit = 10\n"


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    path.with_name(path.stem + ".settings.toml").write_text(SETTINGS, encoding="utf-8")
    return path


def _teams(out: Path) -> dict[str, str]:
    lines = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {line.split(",")[0]: line.split(",")[2] for line in lines}


def _encrypted(path: Path) -> Path:
    # What Excel (and msoffcrypto) write for a workbook encrypted with a password: an OLE
    # compound file whose directory names the streams EncryptionInfo and EncryptedPackage
    # (UTF-16 names). Only its start and directory matter to the reader.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(header + b"\x00" * 512 + names + b"\x00" * 2048)
    return path


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_password_protected_workbook_is_said_to_be_one(tmp_path: Path, lang: str) -> None:
    # Contract §2: invalid input "a programme director can act on". The file is an .xlsx
    # (Excel saves it so); saying it is an old .xls to save as .xlsx sends the director
    # round in circles. The password is what stops matcher.
    book = _encrypted(tmp_path / "cohorte.xlsx")
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", lang])
    word = "password" if lang == "en" else "mot de passe"
    assert code == 2 and "cohorte.xlsx" in output and word in output, output
    assert ".xls " not in output and not (tmp_path / "o").exists()
    # In a folder, a students.xlsx kept by the secretariat with a password.
    folder = tmp_path / "cohorte"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "".join(",".join(row) + "\n" for row in COMMISSIONS), encoding="utf-8"
    )
    _encrypted(folder / "students.xlsx")
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 2 and "students.xlsx" in output and word in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_file_that_is_no_workbook_says_what_it_is(tmp_path: Path, lang: str) -> None:
    # Contract §2: a message the director can act on, "never a library's raw text" (§7).
    # "BadZipFile" is Python's name for what went wrong, and names no remedy.
    text_file = tmp_path / "texte.xlsx"  # a CSV file renamed .xlsx
    text_file.write_text("id,institution,sector,problem_type\nC1,CPAS,CPAS,x\n", "utf-8")
    empty = tmp_path / "vide.xlsx"
    empty.write_bytes(b"")
    whole = _book(tmp_path / "entier.xlsx", {"commissions": COMMISSIONS})
    cut = tmp_path / "coupe.xlsx"  # a copy interrupted: the zip's directory is missing
    cut.write_bytes(whole.read_bytes()[:3000])
    said = {
        "en": {"texte": "CSV", "vide": "empty", "coupe": "damaged"},
        "fr": {"texte": "CSV", "vide": "vide", "coupe": "endommagé"},
    }[lang]
    for path in (text_file, empty, cut):
        code, output = invoke(["validate", str(path), "--lang", lang])
        assert code == 2 and path.name in output and said[path.stem] in output, output
        assert "BadZipFile" not in output and "Traceback" not in output, output


def test_ids_typed_as_numbers_with_leading_zeros_read_as_shown(tmp_path: Path) -> None:
    # Contract §1: matcher reads the cells as people produce them. A matricule 00341 typed
    # in a cell formatted 00000 is stored as the number 341 and shown as 00341: the teams
    # must name 00341, the id the director sees (and finds in their own sheet).
    students: list[list[object]] = [["id", "background", "choices"]]
    students += [[340 + k, "assistant social", f"C{k % 3 + 1}"] for k in range(1, 7)]
    book = _book(
        tmp_path / "cohorte.xlsx",
        {"commissions": COMMISSIONS, "students": students, "pairs": [
            ["student_a", "student_b", "relation"], [341, 342, "apart"]]},
    )  # fmt: skip
    loaded = openpyxl.load_workbook(book)
    for sheet, columns in (("students", "A"), ("pairs", "AB")):
        for column in columns:
            for cell in loaded[sheet][column][1:]:
                cell.number_format = "00000"
    loaded.save(book)
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert code == 0, output
    assert sorted(_teams(tmp_path / "o")) == [f"0034{k}" for k in range(1, 7)]


def test_a_choices_header_merged_over_columns_numbers_them(tmp_path: Path) -> None:
    # Contract §1: "Columns choice_1, choice_2, … are accepted instead" of one choices
    # cell. A header "Choix" merged over three columns is what the director sees above
    # their students' three choices, in order: the second and third choices are choices,
    # not notes beside the table (which dropped them, and matched students on one choice).
    students: list[list[object]] = [["Matricule", "Formation", "Choix", None, None]]
    wishes = [["C1", "C2", "C3"], ["C2", "C3", "C1"], ["C3", "C1", "C2"]]
    students += [[f"E{k}", "GRH", *wishes[k % 3]] for k in range(1, 7)]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students})
    loaded = openpyxl.load_workbook(book)
    loaded["students"].merge_cells("C1:E1")
    loaded.save(book)
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert code == 0 and "not read" not in output, output
    rows = (tmp_path / "o" / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    choices = {row.split(",")[0]: row.split(",")[-1] for row in rows[1:]}
    assert choices["E1"] == "C2;C3;C1" and choices["E3"] == "C1;C2;C3", choices


def test_formatted_empty_rows_below_a_table_are_not_held(tmp_path: Path) -> None:
    # A sheet saved with formatted empty rows down to row 1,048,576 (a style applied to
    # whole rows; the sheet's max_row is then huge) held one record per empty row: 820 MB
    # and 24 s to validate 12 students. Blank rows are skipped as tables are made (their
    # numbers kept), so they need not be held at all; the rows that are kept keep their
    # spreadsheet numbers, and the teams are those of the same sheet without them.
    import re
    import zipfile

    from matcher.loading import read_workbook

    students: list[list[object]] = [["id", "background"], ["E1", "GRH"], ["E2", "GRH"]]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students})
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet2.xml"
    empty = "".join(f'<row r="{r}" s="0" customFormat="1"/>' for r in range(4, 20_000))
    late = '<row r="20000"><c r="A20000" t="inlineStr"><is><t>E3</t></is></c>' + (
        '<c r="B20000" t="inlineStr"><is><t>GRH</t></is></c></row>'
    )
    xml = parts[sheet].decode().replace("</sheetData>", empty + late + "</sheetData>")
    parts[sheet] = re.sub(r'<dimension ref="[^"]*"/>', "", xml).encode()
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    records = read_workbook(book)["students"]
    assert [number for number, _ in records] == [1, 2, 3, 20000], len(records)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_empty_sheet_is_said_to_be_a_sheet(tmp_path: Path, lang: str) -> None:
    # Contract §7: messages speak the director's words. The workbook is not empty, one of
    # its sheets is: "the file is empty" sends them looking at the wrong thing.
    students: list[list[object]] = [["id", "background"], ["E1", "GRH"], ["E2", "GRH"]]
    book = _book(tmp_path / "cohorte.xlsx",
                 {"commissions": COMMISSIONS, "students": students, "Paires": []})  # fmt: skip
    code, output = invoke(["validate", str(book), "--lang", lang])
    said = "the sheet is empty" if lang == "en" else "la feuille est vide"
    assert code == 2 and "[Paires]" in output and said in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_formula_saved_as_empty_text_reads_as_empty(tmp_path: Path, lang: str) -> None:
    # Contract §2 refuses "a spreadsheet formula WITHOUT a stored value". A formula whose
    # stored value is the empty text has one: the cell shows nothing, and reads as empty
    # (here: no employer). A formula with no value at all is still refused.
    import re
    import zipfile

    students: list[list[object]] = [["id", "background", "employer"]]
    students += [[f"E{k}", "GRH", "x"] for k in range(1, 7)]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students})
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet2.xml"
    lookup = '<f>IFERROR(VLOOKUP(A{0},Employeurs!A:B,2,0),"")</f>'
    parts[sheet] = re.sub(
        rb'<c r="C(\d+)"[^>]*>.*?</c>',
        lambda m: (f'<c r="C{m[1].decode()}" t="str">' + lookup.format(m[1].decode())
                   + "<v></v></c>").encode() if m[1] != b"1" else m[0],
        parts[sheet],
    )  # fmt: skip
    assert parts[sheet].count(b'<v></v>') == 6
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    out = tmp_path / "o"
    code, output = invoke(["run", str(book), "--out", str(out), "--lang", lang])
    assert code == 0, output
    assert len(_teams(out)) == 6
    # Without t="str", the same empty value is no saved value: still refused.
    parts[sheet] = parts[sheet].replace(b'<c r="C4" t="str">', b'<c r="C4">')
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    code, output = invoke(["validate", str(book), "--lang", lang])
    where = "row 4, column 'employer'" if lang == "en" else "ligne 4, colonne « employer »"
    assert code == 2 and where in output, output


def test_the_total_row_of_an_excel_table_is_no_student(tmp_path: Path) -> None:
    # An Excel table (Insert > Table, Ctrl+T) with its "Total Row" ticked: Excel marks the
    # last row as the table's totals (totalsRowCount), styled apart, its cells counts or
    # sums. It is no student: here "Total" with the count 6 in the background column was
    # read as a seventh student of background « 6 », silently.
    from openpyxl.worksheet.table import Table

    students: list[list[object]] = [["id", "background", "choices"]]
    students += [[f"E{k}", "GRH", f"C{k % 3 + 1}"] for k in range(1, 7)]
    students.append(["Total", 6, None])
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students})
    loaded = openpyxl.load_workbook(book)
    loaded["students"].add_table(Table(displayName="Etudiants", ref="A1:C8", totalsRowCount=1))
    loaded.save(book)
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert code == 0, output
    assert sorted(_teams(tmp_path / "o")) == [f"E{k}" for k in range(1, 7)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_date_cell_reads_as_the_day_it_shows(tmp_path: Path, lang: str) -> None:
    # Contract §7: slot labels that are dates compare as dates. The cell shows 01/10/2026
    # (format dd/mm/yyyy); the time stored with it is not shown, so the slot is that day
    # and the proposals are available on the required 01/10/2026.
    import datetime as dt

    commissions = [list(row) for row in COMMISSIONS]
    commissions[0].append("slots")
    for row in commissions[1:]:
        row.append(dt.datetime(2026, 10, 1, 14, 30))
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": commissions})
    loaded = openpyxl.load_workbook(book)
    for cell in loaded["commissions"]["E"][1:]:
        cell.number_format = "dd/mm/yyyy"
    loaded.save(book)
    settings = SETTINGS.replace("count = 3", 'count = 3\nrequired_slots = ["01/10/2026"]')
    (tmp_path / "cohorte.settings.toml").write_text(settings, encoding="utf-8")
    code, output = invoke(["select", str(book), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 0, output
    # A format that shows the time too: since probe s19e a slot written with a time is
    # still its day (a slot is a whole day), said by a warning naming the time set aside.
    loaded["commissions"]["E2"].number_format = "dd/mm/yyyy hh:mm"
    loaded.save(book)
    code, output = invoke(["validate", str(book), "--lang", lang])
    eligible = "eligible: 3" if lang == "en" else "éligibles : 3"
    assert code == 0 and eligible in output and "14:30" in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_two_sheets_of_one_table_say_which_is_hidden(tmp_path: Path, lang: str) -> None:
    # Contract §7: a message the director can act on. An old copy of the students kept on
    # a hidden sheet: the director sees one students tab and is told two sheets hold the
    # students, one of which they cannot find. The message says that one is hidden.
    students: list[list[object]] = [["id", "background"], ["E1", "GRH"], ["E2", "GRH"]]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": COMMISSIONS, "students": students,
                                             "Étudiants 2025": students})  # fmt: skip
    loaded = openpyxl.load_workbook(book)
    loaded["Étudiants 2025"].title = "Étudiants"
    loaded["Étudiants"].sheet_state = "hidden"
    loaded.save(book)
    code, output = invoke(["validate", str(book), "--lang", lang])
    said = "'Étudiants' is hidden" if lang == "en" else "« Étudiants » est masquée"
    assert code == 2 and said in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_workbook_damaged_inside_is_refused_in_words(tmp_path: Path, lang: str) -> None:
    # Contract §2: "an input file that exists but cannot be read ... never taken as absent,
    # so no rule is ever dropped silently", and §7: never a library's raw text. A workbook
    # whose pairs sheet's part is missing (listed, not there) read as having no pairs; a
    # sheet cut short said "(ParseError)", a missing workbook part "(KeyError)".
    import zipfile

    students: list[list[object]] = [["id", "background"], ["E1", "GRH"], ["E2", "GRH"]]
    pairs: list[list[object]] = [["student_a", "student_b", "relation"], ["E1", "E2", "apart"]]
    whole = _book(tmp_path / "entier.xlsx",
                  {"commissions": COMMISSIONS, "students": students, "pairs": pairs})  # fmt: skip
    with zipfile.ZipFile(whole) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet3.xml"
    damages = {
        "sans-paires": {k: v for k, v in parts.items() if k != sheet},
        "coupee": {**parts, sheet: parts[sheet][:-40]},
        "sans-classeur": {k: v for k, v in parts.items() if k != "xl/workbook.xml"},
    }
    said = "damaged" if lang == "en" else "endommagé"
    for name, damaged in damages.items():
        book = tmp_path / f"{name}.xlsx"
        with zipfile.ZipFile(book, "w") as archive:
            for part, data in damaged.items():
                archive.writestr(part, data)
        code, output = invoke(["validate", str(book), "--lang", lang])
        assert code == 2 and book.name in output and said in output, (name, output)
        assert "Error" not in output, output
    code, output = invoke(["validate", str(tmp_path / "sans-paires.xlsx"), "--lang", lang])
    assert "[pairs]" in output, output


def test_a_header_on_two_rows_is_read_as_one(tmp_path: Path) -> None:
    # A header laid out on two rows, as directors draw a form: Matricule and Formation
    # merged down over rows 1 and 2, Choix merged across three columns with 1, 2, 3 beneath.
    # Row 2 is header, as the sheet shows it: it was read as a student « Matricule » of
    # background « Formation » whose choices 1, 2, 3 are proposal ids here: a seventh
    # student, silently. Contract §1: choice_1, choice_2, … columns are choices.
    commissions = [COMMISSIONS[0]] + [[str(k), *row[1:]] for k, row in
                                      enumerate(COMMISSIONS[1:], start=1)]  # fmt: skip
    students: list[list[object]] = [["Matricule", "Formation", "Choix", None, None],
                                    [None, None, 1, 2, 3]]  # fmt: skip
    students += [[f"E{k}", "GRH", 3, 1, 2] for k in range(1, 7)]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": commissions, "students": students})
    loaded = openpyxl.load_workbook(book)
    for cells in ("A1:A2", "B1:B2", "C1:E1"):
        loaded["students"].merge_cells(cells)
    loaded.save(book)
    code, output = invoke(["run", str(book), "--out", str(tmp_path / "o"), "--lang", "en"])
    assert code == 0, output
    rows = (tmp_path / "o" / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    choices = {row.split(",")[0]: row.split(",")[-1] for row in rows[1:]}
    assert choices == {f"E{k}": "3;1;2" for k in range(1, 7)}, choices


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_computed_number_reads_as_the_sheet_shows_it(tmp_path: Path, lang: str) -> None:
    # Contract §1: priority is an integer ≥ 0. A priority computed in the sheet (a mean of
    # ratings, a scaled mark) is stored as 7.999999999999999 and shown as 8 (spreadsheets
    # show, and Excel keeps, 15 significant digits): it is the integer 8.
    commissions = [[*COMMISSIONS[0], "priority", "experience"]]
    commissions += [[*row, (0.7 + 0.1) * 10, 0.1 + 0.2] for row in COMMISSIONS[1:]]
    book = _book(tmp_path / "cohorte.xlsx", {"commissions": commissions})
    code, output = invoke(["select", str(book), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 0, output
    rows = (tmp_path / "o" / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 4 and "7.99" not in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_strict_open_xml_workbook_says_how_to_save_it(tmp_path: Path, lang: str) -> None:
    # Excel's Save As offers "Strict Open XML Spreadsheet (*.xlsx)": the same suffix, other
    # namespaces, which openpyxl reads as a workbook without sheets. "neither commissions
    # nor students found here" sent the director looking for sheets that are there.
    import zipfile

    whole = _book(tmp_path / "entier.xlsx", {"commissions": COMMISSIONS})
    book = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(book, "w") as archive:
        for name in source.namelist():
            data = source.read(name).replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main",
            )
            archive.writestr(name, data)
    code, output = invoke(["validate", str(book), "--lang", lang])
    said = "Strict Open XML" if lang == "en" else "Feuille de calcul Strict Open XML"
    assert code == 2 and "strict.xlsx" in output and said in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_excel_s_lock_file_given_says_which_workbook_to_give(tmp_path: Path, lang: str) -> None:
    # The lock file Excel writes beside cohorte.xlsx while it is open (165 bytes: the
    # name of who opened it) sorts first in a folder and is easily picked. It is neither
    # damaged nor a workbook: the message names the workbook to give instead.
    lock = tmp_path / "~$cohorte.xlsx"
    lock.write_bytes((b"\x05Alice" + b" " * 49 + "Alice".encode("utf-16-le")).ljust(165, b"\0"))
    code, output = invoke(["validate", str(lock), "--lang", lang])
    said = "lock file" if lang == "en" else "fichier de verrou"
    assert code == 2 and said in output and "give cohorte.xlsx" in output.replace(
        "donnez cohorte.xlsx", "give cohorte.xlsx"), output
