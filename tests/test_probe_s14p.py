"""What a probe of hostile files and of the workbench as an attack surface found (session 14, p).

Files crafted by hand (zip bombs, entity expansion, stale workbook dimensions, a million
rows, settings nested thousands deep, a deeply nested summary.json), run through the
installed CLI in French and English, and the workbench driven with Flask's test client.

1. settings.toml nesting lists, inline tables or dotted sections thousands deep
   (``a = [[[[…]]]]``): ``RecursionError``, "internal error", exit 1. Now invalid input
   (exit 2) naming the file, in the reader's language.
2. A result's summary.json nested thousands deep: ``check`` and ``report`` ended in an
   internal error; it is a damaged summary now (informs nothing), as a non-JSON one was.
3. A workbook whose ``<dimension>`` is wrong (``A1``, as some programs write it): openpyxl's
   read-only mode stopped at it, and every student below row 1 was dropped without a
   word (an empty table, or fewer students). The sheets are read whole now.
4. No bound on what a file may hold: a students.csv of a million rows (20 MB, under the
   workbench's upload cap) took 65 s and 3.4 GB to be declared valid; a 600 KB workbook
   unzipping to 600 MB took 1.3 GB. Now an input file over ``MAX_FILE_BYTES`` (50 MB) is
   refused unread, a workbook unzipping to over ``MAX_UNZIPPED_BYTES`` (100 MB) before
   any part is read, and a table of over ``MAX_TABLE_ROWS`` (100,000) filled rows at the
   first row over it, each naming the file (and sheet and row), in both languages.
5. An old ``.xls`` renamed ``.xlsx``: "not a readable .xlsx workbook (BadZipFile)", a
   Python word; it is said to be an old Excel file to save as .xlsx or CSV now.
6. Workbench: an upload named longer than a file system holds (255 bytes) was an internal
   error (500, a traceback on the terminal); the name is cut, its suffix kept.
7. Workbench: two uploads of one name (``students.csv`` from two folders, ``Students.csv``)
   kept the last without a word; refused now, naming it.
8. Workbench: more than 1,000 files in one upload (Werkzeug's form-part limit, named
   ``MAX_FORM_PARTS`` now) was refused saying "larger than 20 MB"; it says too many files.
9. Workbench: an Origin without a port (``http://localhost``, another server on port 80)
   was taken for the workbench's own (port 8765): refused now, as ``null`` and ``file://``.
10. Every problem was listed: a students.csv of 50,000 rows naming an unknown id printed
    50,000 lines, and made a 7 MB workbench page; 100,000 repeated pairs as many warnings
    (``validate``, the workbench). The first ``MAX_PROBLEMS_SHOWN`` (200) are listed, then
    one line counts the others; the heading keeps the whole count.
11. A number of over 4,300 digits: in settings.toml, Python's integer limit was an
    internal error (exit 1); typed in the workbench's settings form, pydantic's English
    ("Unable to parse input string as an integer, exceeded maximum size") was shown. Both
    say a number of at most 4300 digits now, in the reader's language.

Checked right: path traversal in upload names (``../../etc/passwd``, ``..\\x.csv``,
absolute, NUL) keeps the base name only; ``/static/..`` and ``%2e%2e`` give 404; foreign
Host (``evil.com``, ``127.0.0.1.evil.com``, ``127.0.0.1:8765@evil.com``) 403; no Origin
at all is served (browsers send one with every cross-site POST; Sec-Fetch-Site is checked
too); billion laughs and external entities in a sheet are refused by expat; a symlink to
/etc/passwd is read as a table and refused without echoing its lines; 5,000 stray files
in a folder, 3,000 sheets, 10,000 columns, NUL in a cell: bounded and said.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke, write_cohort
from flask.testing import FlaskClient

from matcher import errors
from matcher.loading import file_bytes, tables, workbooks
from matcher.web import create_app
from matcher.web.app import MAX_FORM_PARTS

COMMISSIONS = """id,institution,sector,problem_type
C1,CPAS de Namur,CPAS,évaluation
C2,AMO Le Cercle,jeunesse,diagnostic
C3,Croix-Rouge,handicap,étude
"""
STUDENTS = """id,name,background,choices
S1,Ana,AS,C1;C2
S2,Bo,éducateur,C2;C1
S3,Cy,AS,C3
S4,Di,GRH,C1
"""
SETTINGS = "[selection]\ncount = 2\n"


def _cohort(folder: Path, **files: str) -> Path:
    body = {"commissions.csv": COMMISSIONS, "students.csv": STUDENTS, "settings.toml": SETTINGS}
    body.update({name.replace("_", "."): text for name, text in files.items()})
    return write_cohort(folder, body)


def _book(path: Path) -> Path:
    """``path``: the cohort as one workbook (sheets commissions and students)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, body in (("commissions", COMMISSIONS), ("students", STUDENTS)):
        sheet = book.create_sheet(name)
        for line in body.splitlines():
            sheet.append(line.split(","))
    book.save(path)
    (path.parent / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    return path


def _rezip(path: Path, change: dict[str, bytes]) -> None:
    """Rewrite the workbook ``path`` with the parts of ``change`` replaced."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts.update(change)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _students_part(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return next(n for n in archive.namelist() if n.endswith("sheet2.xml"))


# 1 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "[" + ".".join(["t"] * 5000) + "]\nx = 1\n",
        "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    ],
    ids=["lists", "sections", "inline-tables"],
)
def test_settings_nested_thousands_deep_are_invalid_input(tmp_path: Path, settings: str) -> None:
    # Contract §4: "Unknown keys and wrong types are invalid input (exit 2, naming the key)";
    # §2: "`1` only for an internal error".
    folder = _cohort(tmp_path / "c", settings_toml=settings)
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2, out
    assert "settings.toml" in out and "erreur interne" not in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 2, out
    assert "internal error" not in out


# 2 ----------------------------------------------------------------------------------------


def test_summary_nested_thousands_deep_is_a_damaged_summary(tmp_path: Path) -> None:
    # Contract §2: "Never a Python traceback" and "`1` only for an internal error"; §8: a
    # result folder "possibly edited by hand" is checked.
    folder = _cohort(tmp_path / "c")
    result = tmp_path / "res"
    code, out = invoke(["run", str(folder), "--out", str(result), "--quiet"])
    assert code == 0, out
    # Since session 28 a damaged summary.json is invalid input naming it (contract §2: a
    # file that exists but cannot be read is never taken as absent), not an internal error.
    (result / "summary.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = invoke(["check", str(folder), "--result", str(result), "--lang", "fr"])
    assert code == 2, out
    assert "summary.json : ce n'est pas le JSON qu'écrit matcher" in out
    code, out = invoke(
        ["report", str(folder), "--result", str(result), "--out", str(tmp_path / "o")]
    )
    assert code == 2, out
    assert "summary.json" in out and not (tmp_path / "o").exists()


# 3 ----------------------------------------------------------------------------------------


def test_workbook_with_a_wrong_dimension_is_read_whole(tmp_path: Path) -> None:
    # Contract §1: "An instance is a folder (or one `.xlsx` workbook whose sheets carry the
    # same names without `.csv`)": every row of its sheets is the cohort's.
    book = _book(tmp_path / "cohorte.xlsx")
    part = _students_part(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(part)
    stale = xml.replace(b'<dimension ref="A1:D5"', b'<dimension ref="A1"')
    assert stale != xml
    _rezip(book, {part: stale})
    code, out = invoke(["validate", str(book), "--lang", "en"])
    assert code == 0, out
    assert "students: 4" in out


# 4 ----------------------------------------------------------------------------------------


def test_workbook_unzipping_beyond_the_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2 "Faults and hostile input": invalid input is exit 2 with "the file";
    # §10 "Safe on a laptop". A zip bomb: a sheet of spaces that unzips far beyond its size.
    monkeypatch.setattr(workbooks, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    book = _book(tmp_path / "cohorte.xlsx")
    part = _students_part(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(part)
    bomb = xml.replace(b"</sheetData>", b" " * (2 * 1024 * 1024) + b"</sheetData>")
    _rezip(book, {part: bomb})
    assert book.stat().st_size < 64 * 1024
    code, out = invoke(["validate", str(book), "--lang", "fr"])
    assert code == 2, out
    assert "cohorte.xlsx" in out and "décompressé" in out and "1 Mo" in out
    code, out = invoke(["validate", str(book), "--lang", "en"])
    assert code == 2, out
    assert "cohorte.xlsx" in out and "unzips" in out


def test_csv_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: invalid input names the file; §10 "Safe on a laptop".
    monkeypatch.setattr(file_bytes, "MAX_FILE_BYTES", 4096)
    folder = _cohort(tmp_path / "c", students_csv=STUDENTS + "#" * 5000)
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2, out
    assert "students.csv" in out and "Mo" in out and "pèse" in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 2, out
    assert "students.csv" in out and "MB" in out


def _many_rows(n: int) -> str:
    return STUDENTS + "".join(f"X{i},Name {i},AS,C1\n" for i in range(n))


def test_csv_table_over_the_row_limit_is_refused_at_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: "for invalid input the file, the row (as a spreadsheet shows it: header is
    # row 1)"; §10 "Safe on a laptop" (a million rows took 65 s and 3.4 GB).
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 20)
    folder = _cohort(tmp_path / "c", students_csv=_many_rows(30))
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2, out
    assert "students.csv, ligne 22" in out and "plus de 20 lignes" in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 2, out
    assert "students.csv, row 22" in out and "more than 20 rows" in out


def test_workbook_sheet_over_the_row_limit_is_refused_at_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: the file, the row and what was expected; §10 "Safe on a laptop".
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 20)
    monkeypatch.setattr(workbooks, "MAX_TABLE_ROWS", 20)
    book = _book(tmp_path / "cohorte.xlsx")
    loaded = openpyxl.load_workbook(book)
    for i in range(30):
        loaded["students"].append([f"X{i}", f"Name {i}", "AS", "C1"])
    loaded.save(book)
    code, out = invoke(["validate", str(book), "--lang", "en"])
    assert code == 2, out
    assert "cohorte.xlsx [students], row 22" in out and "more than 20 rows" in out


# 5 ----------------------------------------------------------------------------------------


def test_old_xls_named_xlsx_is_said_to_be_one(tmp_path: Path) -> None:
    # Contract §7: "Messages speak the director's words" (not "BadZipFile").
    book = tmp_path / "cohorte.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    code, out = invoke(["validate", str(book), "--lang", "fr"])
    assert code == 2, out
    assert "ancien fichier Excel .xls" in out and "BadZipFile" not in out
    code, out = invoke(["validate", str(book), "--lang", "en"])
    assert code == 2, out
    assert "old Excel .xls" in out


def test_entity_expansion_in_a_sheet_is_refused(tmp_path: Path) -> None:
    # Contract §2 "Faults and hostile input" (checked right: expat refuses the expansion).
    book = _book(tmp_path / "cohorte.xlsx")
    part = _students_part(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(part)
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    doctype = f"<?xml version='1.0'?><!DOCTYPE w [{entities}]>".encode()
    _rezip(book, {part: doctype + xml.replace(b"<t>Ana</t>", b"<t>&l9;</t>")})
    code, out = invoke(["validate", str(book), "--lang", "en"])
    assert code == 2, out
    assert "cohorte.xlsx" in out


# 6-9: the workbench ---------------------------------------------------------------------

HOST = {"Host": "127.0.0.1:8765"}


def _client(tmp_path: Path, lang: str = "en") -> FlaskClient:
    return create_app(None, tmp_path / "out", lang).test_client()  # type: ignore[arg-type]


def _upload(client: FlaskClient, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    data = {"files": [(io.BytesIO(body), name) for name, body in files]}
    answer = client.post("/upload", data=data, content_type="multipart/form-data", headers=HOST)
    return answer.status_code, answer.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_upload_with_a_name_longer_than_a_file_system_holds(tmp_path: Path, lang: str) -> None:
    # Contract §10: "no path sent by the browser is used to read or write a file"; §2:
    # "Never a Python traceback" (it was an internal error, 500, OSError on the terminal).
    client = _client(tmp_path, lang)
    long_name = "é" * 200 + ".csv"
    code, page = _upload(client, [(long_name, STUDENTS.encode()), ("commissions.csv", b"x")])
    assert code == 200, page
    code, page = _upload(client, [("a" * 5000 + ".csv", STUDENTS.encode())])
    assert code == 200, page


def test_two_uploads_of_one_name_are_refused(tmp_path: Path) -> None:
    # Contract §10: "open an instance (… files uploaded …), show validation problems (file,
    # row, column)": the second students.csv silently replaced the first.
    client = _client(tmp_path, "fr")
    files = [
        ("students.csv", STUDENTS.encode()),
        ("Students.csv", b"id,background\nZ1,AS\n"),
        ("commissions.csv", COMMISSIONS.encode()),
    ]
    code, page = _upload(client, files)
    assert code == 200
    assert "deux fichiers de ce nom" in page
    assert client.application.extensions["workbench"].instance is None


def test_too_many_files_is_not_said_too_large(tmp_path: Path) -> None:
    # Contract §10: "uploads above 20 MB are refused with a message": 1,500 files of a few
    # bytes were refused saying "larger than 20 MB".
    client = _client(tmp_path, "en")
    code, page = _upload(client, [(f"n{i}.csv", b"x\n") for i in range(MAX_FORM_PARTS + 1)])
    assert code == 413
    assert "20 MB" not in page and "too many files" in page


@pytest.mark.parametrize("origin", ["http://localhost", "http://127.0.0.1", "null", "file://"])
def test_origin_of_another_server_on_the_default_port_is_refused(
    tmp_path: Path, origin: str
) -> None:
    # Contract §10: "it answers `403` … to a state-changing request whose `Origin` is
    # another site": http://localhost (port 80) is another server than localhost:8765.
    client = _client(tmp_path)
    answer = client.post("/lang/fr", headers={**HOST, "Origin": origin})
    assert answer.status_code == 403
    answer = client.post("/lang/fr", headers={**HOST, "Origin": "http://localhost:8765"})
    assert answer.status_code != 403


def test_uploaded_zip_bomb_under_the_upload_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §10 "Safe on a laptop": a workbook under 20 MB that unzips to far more.
    monkeypatch.setattr(workbooks, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    book = _book(tmp_path / "cohorte.xlsx")
    part = _students_part(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(part)
    _rezip(book, {part: xml.replace(b"</sheetData>", b" " * (2 << 20) + b"</sheetData>")})
    client = _client(tmp_path, "fr")
    code, page = _upload(client, [("cohorte.xlsx", book.read_bytes())])
    assert code == 200
    assert "cohorte.xlsx" in page and "décompressé" in page


# 10: problems listed ---------------------------------------------------------------------


def _unknown_choices(n: int) -> str:
    return STUDENTS + "".join(f"X{i},Name {i},AS,C9\n" for i in range(n))


def test_thousands_of_problems_are_listed_first_then_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: "prints to stderr a message a programme director can act on" (50,000
    # rows naming an unknown id printed 50,000 lines).
    monkeypatch.setattr(errors, "MAX_PROBLEMS_SHOWN", 5)
    folder = _cohort(tmp_path / "c", students_csv=_unknown_choices(12))
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2, out
    assert "(12 problèmes)" in out and out.count("« C9 »") == 5
    assert "et 7 autres problèmes, non listés" in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert "and 7 more problems, not listed" in out


def test_thousands_of_problems_in_the_workbench_are_listed_first_then_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §10: "show validation problems (file, row, column)" (a 7 MB page of 50,000
    # rows before).
    monkeypatch.setattr(errors, "MAX_PROBLEMS_SHOWN", 5)
    client = _client(tmp_path, "en")
    files = [
        ("students.csv", _unknown_choices(12).encode()),
        ("commissions.csv", COMMISSIONS.encode()),
    ]
    code, page = _upload(client, files)
    assert code == 200
    assert "(12)" in page and page.count("C9") == 5
    assert "and 7 more problems, not listed" in page


# 11: numbers of thousands of digits --------------------------------------------------------


def test_settings_number_of_thousands_of_digits_is_invalid_input(tmp_path: Path) -> None:
    # Contract §4: "Unknown keys and wrong types are invalid input (exit 2, naming the key)";
    # §2: "`1` only for an internal error" (Python's 4,300-digit limit was an internal error).
    folder = _cohort(tmp_path / "c", settings_toml="[selection]\ncount = " + "9" * 5000 + "\n")
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 2, out
    assert "settings.toml" in out and "4300 chiffres" in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert code == 2, out
    assert "4300 digits" in out


@pytest.mark.parametrize(("lang", "words"), [("fr", "au plus 4300 chiffres"), ("en", "4300")])
def test_settings_form_number_of_thousands_of_digits_is_worded(
    tmp_path: Path, lang: str, words: str
) -> None:
    # Contract §7: "A wrong settings value names the key, the value found and what is
    # expected, never a library's raw text" ("Unable to parse input string as an integer").
    folder = _cohort(tmp_path / "c")
    client = create_app(folder, tmp_path / "out", lang).test_client()  # type: ignore[arg-type]
    answer = client.post("/settings", data={"count": "9" * 5000}, headers=HOST)
    page = answer.get_data(as_text=True)
    assert "Unable to parse" not in page
    assert words in page


def test_thousands_of_warnings_are_listed_first_then_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: `validate` "prints counts, eligible proposals and warnings" (100,000
    # repeated pairs printed 100,000 lines and made a 6.5 MB workbench page).
    monkeypatch.setattr(errors, "MAX_PROBLEMS_SHOWN", 3)
    pairs = "student_a,student_b,relation\n" + "S1,S2,apart\n" * 10
    folder = _cohort(tmp_path / "c", pairs_csv=pairs)
    code, out = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 0, out
    assert out.count("forment déjà une paire") == 3
    assert "et 6 autres avertissements, non listés" in out
    code, out = invoke(["validate", str(folder), "--lang", "en"])
    assert "and 6 more warnings, not listed" in out
    client = create_app(folder, tmp_path / "out", "en").test_client()  # type: ignore[arg-type]
    page = client.get("/", headers=HOST).get_data(as_text=True)
    assert page.count("already paired") == 3 and "and 6 more warnings" in page
