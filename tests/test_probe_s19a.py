"""Session 19 probe a: ids and names as people type them, through every output.

What the probe found on hand-written cohorts (commission ids ``D/1``, ``D-1``, ``D:1``,
``C1``/``c1``, ``=SUM(A1)``, ``A [b] *?``, ids of 40 characters, emoji, Arabic, student
ids ``'quote``, ``-5``, ``007``/``7``, names with ``<script>``, ``&``, ``N'Diaye``):
- result.xlsx named the team sheet of ``D/1`` "D-1 CPAS de Namur": read as commission
  D-1's sheet (a director looking for D-1 found two), and ``check``, ``report``,
  ``whatif --from`` and ``explain --result`` of the unedited result warned that the team
  sheets list students "elsewhere than in the Students sheet" (the team of a sheet was
  read as the title's first word, and D-1 was a team too); a team sheet of an id with a
  space (``+32 prov``) was never compared at all;
- a what-if's warning "cannot be selected but is among the choices of N students" still
  named, and counted, the students who withdrew (probe s19z's report, confirmed);
- on the workbench, a student whose id holds ``/``, ``?``, ``#`` or a tab had no
  explanation (its card asked ``/explain/S/1``: 404, "the board changed"), and the lock
  button of a student whose id holds ``"``, ``\\`` or a tab did nothing (the id was pasted
  into the button's JSON unescaped), nor did the include/exclude buttons of such a
  proposal;
- a reference with a stray space (``--student "s1 "``, ``include = ["c1 "]``, pasted from a
  cell) to an id that has a case twin (``S1`` and ``s1``) was refused with "did you mean S1
  or s1?": cells are trimmed, references were not, and the folded match was ambiguous.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke, write_cohort
from webrun import solved_workbench


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join(f'"{c}"' if "," in c else c for c in row) + "\n" for row in rows)


COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ["D/1", "CPAS de Namur", "CPAS", "évaluation"],
    ["D-1", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
    ["+32 prov", "ASBL Handi", "handicap", "étude de faisabilité"],
    ["X9", "Maison médicale", "santé", "évaluation"],
]
STUDENTS = [
    ["id", "name", "background", "choices"],
    ["S1", "Ana Lima", "assistant social", "D/1;D-1"],
    ["S2", "Bob Roy", "éducateur", "D-1;D/1"],
    ["S3", "Céline N'Diaye", "GRH", "+32 prov;X9"],
    ["S4", "David Bo", "assistant social", "D/1;+32 prov"],
    ["S5", "Eva Kay", "infirmier", "D-1;+32 prov"],
    ["S6", "Farid Ali", "éducateur", "+32 prov;D/1"],
]
SETTINGS = '[selection]\ncount = 3\nexclude = ["X9"]\n[solver]\ntime_limit = 10\n'


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("s19a")
    cohort = write_cohort(
        root / "c",
        {"commissions.csv": _csv(COMMISSIONS), "students.csv": _csv(STUDENTS),
         "settings.toml": SETTINGS},
    )  # fmt: skip
    out = root / "out"
    assert invoke(["run", str(cohort), "--out", str(out), "--quiet"])[0] == 0
    return cohort, out


def test_team_sheets_of_ids_alike_once_cleaned_are_told_apart(result: tuple[Path, Path]) -> None:
    # Excel refuses / in a sheet name; "D-1 ..." for D/1 reads as commission D-1's sheet when
    # D-1 is selected too. A look-alike (fullwidth ／) keeps the id recognisable and distinct.
    _, out = result
    names = openpyxl.load_workbook(out / "result.xlsx").sheetnames
    assert "D／1 CPAS de Namur" in names and "D-1 AMO Le Cercle" in names, names
    assert "+32 prov ASBL Handi" in names, names


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_unedited_result_says_nothing_about_team_sheets(
    result: tuple[Path, Path], lang: str
) -> None:
    # Nothing was edited: every team sheet lists exactly its team's members, so no warning
    # that a row was "moved" between team sheets (contract §8: check exits 0 quietly).
    cohort, out = result
    code, output = invoke(["check", str(cohort), "--result", str(out), "--lang", lang])
    assert code == 0 and "commission_id" not in output, output


def test_a_row_moved_to_the_sheet_of_an_id_with_a_space_is_said(
    result: tuple[Path, Path], tmp_path: Path
) -> None:
    # The team of a sheet is the id its title begins with, spaces included ("+32 prov"), not
    # the title's first word: a row moved there is said unread like any other.
    cohort, out = result
    edited = tmp_path / "edited"
    edited.mkdir()
    for name in ("teams.csv", "summary.json", "selection.csv"):
        (edited / name).write_bytes((out / name).read_bytes())
    book = openpyxl.load_workbook(out / "result.xlsx")
    target = book["+32 prov ASBL Handi"]
    source = next(s for s in book.worksheets if s.title.startswith("D-1 "))
    row = [cell.value for cell in source[2]]
    source.delete_rows(2)
    target.insert_rows(2)
    for column, value in enumerate(row, start=1):
        target.cell(row=2, column=column, value=value)
    book.save(edited / "result.xlsx")
    code, output = invoke(["check", str(cohort), "--result", str(edited), "--lang", "en"])
    assert code == 0 and "'+32 prov ASBL Handi'" in output and str(row[0]) in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_whatif_names_no_withdrawn_student_among_the_choices_of_an_excluded_one(
    result: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # X9 is excluded; S3 alone listed it. Once S3 withdraws, the what-if's cohort has no
    # student choosing X9: the warning about it is about nobody and must not name S3.
    cohort, out = result
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(out), "--out", str(tmp_path / "w"),
         "--withdraw-student", "S3", "--lang", lang]
    )  # fmt: skip
    assert code == 0, output
    assert "X9" not in output, output
    code, output = invoke(["check", str(cohort), "--result", str(tmp_path / "w"), "--lang", lang])
    assert code == 0 and "X9" not in output, output


WEB_COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ['K"1', "CPAS de Namur", "CPAS", "évaluation"],
    ["K\\2", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
]
WEB_STUDENTS = [
    ["id", "name", "background", "choices"],
    ['"dq"', "Ana Lima", "assistant social", 'K"1'],
    ["S/1", "Bob Roy", "éducateur", "K\\2"],
    ["S?2", "Céline N'Diaye", "GRH", 'K"1'],
    ["S#3", "David Bo", "assistant social", "K\\2"],
    ["back\\4", "Eva Kay", "infirmier", 'K"1'],
    ["S 5%", "Farid Ali", "éducateur", "K\\2"],
]


class _Attributes(HTMLParser):
    """Each element's attributes, as a browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append({k: v or "" for k, v in attrs})


def _web_cohort(folder: Path) -> Path:
    def quoted(rows: list[list[str]]) -> str:
        return "".join(
            ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows
        )

    return write_cohort(
        folder,
        {"commissions.csv": quoted(WEB_COMMISSIONS), "students.csv": quoted(WEB_STUDENTS),
         "settings.toml": "[selection]\ncount = 2\n[solver]\ntime_limit = 10\n"},
    )  # fmt: skip


def test_the_workbench_explains_and_locks_any_student_id(tmp_path: Path) -> None:
    # Contract §1: an id is any unique, non-empty text; §10: the workbench shows each
    # student's explanation and locks students. The card's link and the lock button's values
    # must carry the id whole, as the browser reads them, whatever characters it holds.
    client, bench = solved_workbench(_web_cohort(tmp_path / "c"), tmp_path / "out", lang="en")
    parser = _Attributes()
    parser.feed(client.get("/").get_data(as_text=True))
    cards = {a["data-student"]: a for a in parser.found if "data-student" in a}
    locks = [a for a in parser.found if a.get("data-action") == "pin"]
    assert set(cards) == {row[0] for row in WEB_STUDENTS[1:]}, cards
    assert sorted(json.loads(a["hx-vals"])["student"] for a in locks) == sorted(cards)
    for student, card in cards.items():
        # The browser sends the link as written, ? and # ending the path.
        link = card["hx-get"].split("#", 1)[0]
        answer = client.get(link)
        assert answer.status_code == 200, (student, link)
        assert student.replace("&", "&amp;").replace('"', "&#34;") in answer.get_data(
            as_text=True
        ), (student, link)
    assert client.post("/pin", data={"student": '"dq"'}).status_code == 200
    assert '"dq"' in bench.locked


def test_the_selection_buttons_carry_any_proposal_id(tmp_path: Path) -> None:
    # The include/exclude/free buttons send the proposal's id in JSON: K"1 and K\2 whole.
    client, _ = solved_workbench(_web_cohort(tmp_path / "c"), tmp_path / "out", lang="en")
    parser = _Attributes()
    parser.feed(client.get("/").get_data(as_text=True))
    sent = {
        json.loads(a["hx-vals"])["id"]
        for a in parser.found
        if a.get("data-action") in {"include", "exclude", "free"}
    }
    assert sent == {'K"1', "K\\2"}, sent


TWIN_COMMISSIONS = [
    ["id", "institution", "sector", "problem_type"],
    ["C1", "CPAS de Namur", "CPAS", "évaluation"],
    ["c1", "AMO Le Cercle", "aide à la jeunesse", "diagnostic"],
    ["C2", "ASBL Handi", "handicap", "diagnostic"],
]
TWIN_STUDENTS = [
    ["id", "name", "background", "choices"],
    ["S1", "Ana Lima", "assistant social", "C1;c1"],
    ["s1", "Bob Roy", "éducateur", "c1;C1"],
    ["S2", "Céline N'Diaye", "GRH", "C2;C1"],
    ["S3", "David Bo", "assistant social", "C1;C2"],
]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reference_with_a_stray_space_names_its_id_exactly(tmp_path: Path, lang: str) -> None:
    # Ids are kept as written, trimmed (instances/README): "s1 " can only mean s1, as a cell
    # " s1 " would. The case twin S1 must not make it ambiguous.
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _csv(TWIN_COMMISSIONS), "students.csv": _csv(TWIN_STUDENTS),
         "settings.toml": '[selection]\ncount = 2\ninclude = ["c1 "]\n'
         "[solver]\ntime_limit = 10\n"},
    )  # fmt: skip
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", lang])
    assert code == 0, output
    code, output = invoke(
        ["explain", str(cohort), "--result", str(out), "--student", "s1 ", "--lang", lang]
    )
    assert code == 0 and "[s1]" in output, output
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(out), "--out", str(tmp_path / "w"),
         "--withdraw-student", " S1", "--quiet", "--lang", lang]
    )  # fmt: skip
    assert code == 0, output
    assert "S1,C1," in (tmp_path / "w" / "changes.csv").read_text(encoding="utf-8-sig")
