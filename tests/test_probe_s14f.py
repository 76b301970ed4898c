"""Probe s14f: text as people type it (contract §1, §2 "Faults and hostile input", §7).

What the probe found:
- A zero-width space, a word joiner or a soft hyphen pasted with an id (``C01\u200b``, from
  a web page or a chat) made another id: every choice ``C01`` was refused with "did you
  mean C01?", the suggestion looking exactly like the choice refused. Such characters
  show nothing and are now dropped from every cell (and ignored by the name and header
  folding), as spaces are trimmed; joiners and right-to-left marks are trimmed at a
  cell's ends.
- Bidirectional overrides and isolates (U+202E …) reached the outputs and the terminal
  raw: they show text in another order than it is written. They are now control
  characters: dropped with a warning naming the cell, and shown escaped (``\\u202e``).
- A choice written in Arabic-Indic digits (``C٠١``) named no proposal and got no
  suggestion; fullwidth ``C０１`` already named C01. Digits of any script now do.
- A list of choices separated by `` / ``, a space or `` - `` was refused as one unknown
  id, with a suggestion of one of them (``'C01 C02' … did you mean C01 or C02?``); it now
  says to separate them with ``;``. A cell written on several lines (Alt+Enter) is a list.
- `run` ended with "internal error" (exit 1) when a team's sheet name, institution
  included, held an emoji near the 31st character: Excel counts an emoji as two.
- Ids differing only by case (``C01`` and ``c01``) were taken silently as two proposals,
  while a reference written any other way names neither: now a warning names both rows.
- Spellings of one category that differ by punctuation were several values: ``G.R.H.``
  and ``GRH``, ``Assistant social.`` and ``assistant social`` two backgrounds; ``santé``
  and ``santé.`` two sectors (the selection counted them as two); ``Service L’Escale``
  (Word's apostrophe) and ``Service L'Escale`` two institutions, both selectable despite
  ``max_per_institution = 1``. They now compare by their words.
- Several ids in one numbered choice column (``C01;C02`` under ``Choix 1``) got "did you
  mean C01 or C02?"; they are now told to take one column each.

Checked and right: NFC/NFD accents, fullwidth digits, NBSP and narrow NBSP, ``;`` inside a
quoted cell, booleans ``Oui ``/``NON``/``x``/``X`` (``✓`` and ``-`` refused with the row
and column), ``3,5``/``1 000`` read, ``3 ans``/``-1``/``nan``/``inf`` refused, formula-like
cells guarded in every CSV and written as text in the workbook, HTML escaped in report.html
and the workbench, calendar.ics folded at 75 octets with its text escaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

COMMISSIONS = (
    "id,institution,sector,problem_type\n"
    "C01,CPAS de Liège,CPAS,évaluation\n"
    "C02,AMO Le Cercle,aide à la jeunesse,diagnostic\n"
    "C03,Maison médicale,santé,étude de faisabilité\n"
)


def _students(choices: list[str], header: str = "id;name;background;choices") -> str:
    rows = [f'S{i:02d};Étudiant {i};AS;"{c}"' for i, c in enumerate(choices, 1)]
    return "\n".join([header, *rows]) + "\n"


def _cohort(tmp_path: Path, choices: list[str], **files: str) -> Path:
    return write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": COMMISSIONS,
            "students.csv": _students(choices),
            "settings.toml": "[selection]\ncount = 2\n",
            **files,
        },
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_invisible_characters_in_ids_headers_and_choices_are_dropped(
    tmp_path: Path, lang: str
) -> None:
    # §1: "Cells are trimmed." and "Headers match case-, accent- and spacing-insensitively"
    commissions = (
        "id,institution,sec\u00adtor,problem_type\n"
        "C01\u200b,CPAS de Liège,CPAS,évaluation\n"
        "\ufeffC02\u2060,AMO Le Cercle,aide à la jeunesse,diagnostic\n"
        "C03\u202f,Maison médicale,santé,étude de faisabilité\n"
    )
    folder = _cohort(
        tmp_path,
        ["C01;C02\u200b", "C0\u200b2;C03\u00a0", "\u200fC03\u200d;C01"] * 2,
        **{"commissions.csv": commissions},
    )
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "\u200b" not in teams and "\u2060" not in teams
    assert {line.split(",")[2] for line in teams.splitlines()[1:]} <= {"C01", "C02", "C03"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bidirectional_overrides_are_control_characters(tmp_path: Path, lang: str) -> None:
    # §2: "Control characters in any cell (escape sequences, NUL, bell) never reach the
    # terminal or an output raw: they are shown escaped or dropped, with a warning."
    students = "id,name,background,choices\n" + "".join(
        f"S{i},Nom \u202e{i}cba,AS,C01\n" for i in range(1, 7)
    )
    folder = _cohort(tmp_path, [], **{"students.csv": students})
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert "\u202e" not in output
    assert "\\u202e" in output
    assert "ligne 2" in output if lang == "fr" else "row 2" in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    for name in ("teams.csv", "report.html", "summary.json"):
        assert "\u202e" not in (out / name).read_text(encoding="utf-8-sig")


def test_choices_in_arabic_indic_digits_name_the_proposal(tmp_path: Path) -> None:
    # §7: "Input written by people" (an unknown id suggests the nearest known one; a
    # choice written C٠١ is C01 as C０１ already was)
    folder = _cohort(tmp_path, ["C٠١;C٠٢", "C０３;C01"] * 3)
    code, output = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 0, output


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "pour donner plusieurs choix, séparez-les par « ; » (C01;C02)"),
        ("en", "to list several choices, separate them with ';' (C01;C02)"),
    ],
)
@pytest.mark.parametrize("written", ["C01 / C02", "C01 C02", "C01/C02", "C01 - C02"])
def test_choices_separated_otherwise_say_to_use_semicolons(
    tmp_path: Path, lang: str, words: str, written: str
) -> None:
    # §1: "Lists inside a cell are separated by `;`"; §2: invalid input names "the file, the
    # row (as a spreadsheet shows it: header is row 1), the column and what was expected"
    folder = _cohort(tmp_path, ["C01;C02", written, "C03"])
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 2
    assert "students.csv" in output
    assert ("ligne 3" if lang == "fr" else "row 3") in output
    assert words in output
    assert "did you mean" not in output and "vouliez-vous" not in output


def test_a_cell_written_on_several_lines_is_a_list(tmp_path: Path) -> None:
    # §1: "Lists inside a cell are separated by `;`" (README: a line break too, as a cell
    # written with Alt+Enter holds its items one per line)
    folder = _cohort(tmp_path, ["C01\nC02", "C02\r\nC03", "C03;C01"])
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--quiet"])
    assert code == 0, output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "C01;C02" in teams and "C02;C03" in teams


def test_an_emoji_near_the_end_of_a_sheet_name_keeps_the_workbook_valid(tmp_path: Path) -> None:
    # §3: "result.xlsx: a workbook: summary sheet, selection sheet, one sheet per team";
    # §2: "`1` only for an internal error"
    commissions = (
        "id,institution,sector,problem_type\n"
        "C01,<b>AMO</b> Le Cercle 🎉🎉🎉🎉,CPAS,évaluation\n"
        "C02,AMO Le Cercle des jeunes 👩‍🎓,aide à la jeunesse,diagnostic\n"
    )
    folder = _cohort(tmp_path, ["C01;C02", "C02", "C01"], **{"commissions.csv": commissions})
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--quiet"])
    assert code == 0, output
    import openpyxl

    names = openpyxl.load_workbook(out / "result.xlsx").sheetnames
    units = [len(name.encode("utf-16-le")) // 2 for name in names]
    assert max(units) <= 31, names


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "le code « c01 » ne diffère de « C01 » (ligne 2) que par les majuscules"),
        ("en", "id 'c01' differs from 'C01' (row 2) only by case"),
    ],
)
def test_ids_differing_only_by_case_are_warned_about(tmp_path: Path, lang: str, words: str) -> None:
    # §1: "`id` … unique, non-empty"; §7: "An unknown id suggests the nearest known one"
    # (references resolve regardless of case, so two such ids are a trap: README)
    commissions = COMMISSIONS.replace("C02,", "c01,")
    folder = _cohort(tmp_path, ["C01;c01", "c01;C03", "C03"], **{"commissions.csv": commissions})
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert words in output
    assert "commissions.csv" in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_categories_differing_by_dots_or_end_punctuation_are_one(tmp_path: Path, lang: str) -> None:
    # §5: "balance_violations = sum over balanced attributes a, values v …" (free categories,
    # README: spellings that differ by case, accents, spaces, an abbreviation's dots or an
    # end's punctuation are one value); §1: "Names of institutions are compared after
    # folding case, accents and runs of spaces"
    backgrounds = ["Assistant social", "assistant social.", "GRH", "G.R.H.", "Éducateur", "AS"]
    students = "id,name,background,choices\n" + "".join(
        f"S{i:02d},Nom {i},{b},C01\n" for i, b in enumerate(backgrounds * 2, 1)
    )
    commissions = (
        "id,institution,sector,problem_type\n"
        "C01,CPAS de Liège,CPAS,évaluation\n"
        "C02,CPAS de Liège.,aide à la jeunesse,diagnostic\n"
        "C03,Maison médicale,santé,Évaluation.\n"
        "C04,ASBL Babel,santé.,diagnostic\n"
    )
    folder = _cohort(
        tmp_path,
        [],
        **{
            "commissions.csv": commissions,
            "students.csv": students,
            "settings.toml": '[selection]\ncount = 2\n[teams]\nno_isolation = ["formation=grh"]\n',
        },
    )
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert "3 institutions" in output
    assert "G.R.H." not in output and "social." not in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    import json

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # Two selected of C01/C03 (CPAS and C02 are one institution): never "évaluation" and
    # "Évaluation." counted as two problem types, nor "santé" and "santé." as two sectors.
    selected = summary["metrics"]["selection"]
    assert selected["distinct_sectors"] == 2 and selected["distinct_problem_types"] == 2
    rows = (out / "selection.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    chosen = {row.split(",")[0] for row in rows if row.split(",")[5] == "yes"}
    assert chosen in ({"C01", "C04"}, {"C02", "C03"}), chosen
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "G.R.H." not in teams and "social." not in teams


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", "chaque colonne de choix contient un seul code (C01, C02 : un par colonne"),
        ("en", "each choice column holds one id (C01, C02: one per column"),
    ],
)
@pytest.mark.parametrize("written", ["C01;C02", "C01 / C02", "C01, C02"])
def test_several_ids_in_a_numbered_choice_column_say_one_per_column(
    tmp_path: Path, lang: str, words: str, written: str
) -> None:
    # §1: "Columns `choice_1`, `choice_2`, … (`choix 1`, …) are accepted instead"; §7: the
    # message says what was expected (not "separate them with ';'", refused there too)
    students = f'id;name;background;Choix 1;Choix 2\nS01;A;AS;"{written}";\nS02;B;AS;C02;C03\n'
    folder = _cohort(tmp_path, [], **{"students.csv": students})
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 2
    assert "Choix 1" in output and ("ligne 2" if lang == "fr" else "row 2") in output
    assert words in output
    assert "« ; »" not in output and "';'" not in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_institution_typed_with_a_typographic_apostrophe_is_one(
    tmp_path: Path, lang: str
) -> None:
    # §1: "Names of institutions are compared after folding case, accents and runs of
    # spaces" (README: and punctuation: Word's ’ for ', a hyphen for a space); §4
    # "max_per_institution = 1"
    commissions = (
        "id,institution,sector,problem_type\n"
        "C01,Service L'Escale,CPAS,évaluation\n"
        "C02,Service L’Escale,aide à la jeunesse,diagnostic\n"
        "C03,AMO Le-Cercle,santé,étude\n"
        "C04,AMO le cercle,insertion,recherche\n"
    )
    students = "id,name,background,employer,choices\n" + "".join(
        f"S{i},N {i},AS,{'Service L’escale' if i == 1 else ''},C01;C02\n" for i in range(1, 7)
    )
    folder = _cohort(tmp_path, [], **{"commissions.csv": commissions, "students.csv": students})
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert ("4 de 2 institutions" if lang == "fr" else "4 from 2 institutions") in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    rows = (out / "selection.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    chosen = sorted(row.split(",")[0] for row in rows if row.split(",")[5] == "yes")
    assert chosen in (["C01", "C03"], ["C01", "C04"], ["C02", "C03"], ["C02", "C04"]), chosen
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    s1 = next(line for line in teams if line.startswith("S1,"))
    assert "L'Escale" not in s1 and "L’Escale" not in s1  # never on their employer's team
