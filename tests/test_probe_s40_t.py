"""Session 40's probe h (rows typed under a table: totals and notes), each a test that failed
before its fix.

- Probe s40h D2: a label and its value (« Mise à jour : | 15/09/2026 ») above a « Total »
  row or a count line was read as a supervisor, given a team (a student, refused): labels
  were looked for at the very end of the table only.
- Probe s40h D3: a count line with a total's numbers beside it (« 7 accompagnateurs;;11 »,
  « Soit 7 accompagnateurs;;11 », « 60 étudiants;…;338 », « 10 équipes,10
  accompagnateurs,… » in supervision.csv) was a supervisor, a student refused, a commission
  refused.
- Probe s40h D4: a one-cell label and value (« Mise à jour : 15/09/2026 », « Source : RH »)
  right under the supervisors was one of them.
- Probe s40h D7: a note right under pairs.csv's header, no blank line (« Mise à jour :;
  15/09/2026 », « Aucune paire cette année », « No pairs this year »), was refused as a pair
  with empty cells.
- Probe s40h D12: « Sous-total,,C1,CPAS… » in teams.csv was said to name neither a student
  nor a commission, and counted, so the right « Total : 60 étudiants » below said a row was
  missing.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import DEMO
from test_probe_s40_p import _demo_with, _said

#: The demo's supervisors: 7, their max_teams adding up to 11.
_SUPERVISORS = {"en": "supervisors: 7", "fr": "accompagnateur·rice·s : 7"}


def _total_said(lang: str, row: int, first: str) -> str:
    if lang == "en":
        return f"row {row}: '{first}' reads as a total typed under the table, not one of its rows"
    return (
        f"ligne {row} : « {first} » se lit comme un total tapé sous le tableau, pas comme une "
        "de ses lignes"
    )


def _label_said(lang: str, row: int, note: str) -> str:
    if lang == "en":
        return f"row {row}: '{note}' reads as a note typed under the table (a label and its value)"
    return (
        f"ligne {row} : « {note} » se lit comme une note tapée sous le tableau (un intitulé et "
        "sa valeur)"
    )


@pytest.mark.parametrize(
    ("tail", "first"),
    [
        ("Mise à jour :,15/09/2026,,,,\nTotal,,11,,,\n", "Total"),
        ("Mise à jour :,15/09/2026,,,,\n7 accompagnateurs,,,,,\n", "7 accompagnateurs"),
        ("Mise à jour :,15/09/2026,,,,\n7 accompagnateurs,,11,,,\n", "7 accompagnateurs"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_label_note_above_a_total_under_the_supervisors(
    tmp_path: Path, tail: str, first: str, lang: str
) -> None:
    """Probe s40h D2: the label above the total is a note, the total a total: seven
    supervisors (it was an eighth, « Mise à jour : », given a team)."""
    cohort = _demo_with(tmp_path, "supervisors.csv", tail)
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert _SUPERVISORS[lang] in said, said
    assert _label_said(lang, 9, "Mise à jour : 15/09/2026") in said, said
    assert _total_said(lang, 10, first) in said, said
    assert "check that none is missing" not in said, said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_label_note_above_a_total_under_the_students(tmp_path: Path, lang: str) -> None:
    """Probe s40h D2: in students.csv the same note was a student, refused for its empty
    cells (exit 2)."""
    tail = "Mise à jour :,15/09/2026,,,,,,,\nTotal 60 étudiants,,,,,,,,\n"
    cohort = _demo_with(tmp_path, "students.csv", tail)
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert ("students: 60" if lang == "en" else "étudiants : 60") in said, said
    assert _label_said(lang, 62, "Mise à jour : 15/09/2026") in said, said
    assert _total_said(lang, 63, "Total 60 étudiants") in said, said


@pytest.mark.parametrize(
    "first", ["7 accompagnateurs", "Soit 7 accompagnateurs", "(7 accompagnateurs)"]
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_count_line_with_a_sum_under_the_supervisors(
    tmp_path: Path, first: str, lang: str
) -> None:
    """Probe s40h D3: the rows' count in words and the sum of max_teams (11) beside it is a
    total, set aside and said (it was an eighth supervisor, given a team, unsaid)."""
    cohort = _demo_with(tmp_path, "supervisors.csv", f'"{first}",,11,,,\n')
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert _SUPERVISORS[lang] in said, said
    assert _total_said(lang, 9, first) in said, said


@pytest.mark.parametrize(
    ("line", "supervisors"),
    [
        # A count in words whose numbers do not all add up: set aside all the same, said
        # (probe s40k: « 3 accompagnateurs;;4 » under two became a supervisor, no word).
        ("7 accompagnateurs,,12,,,", 7),  # 12 is no total of theirs (11)
        ("8 accompagnateurs,,11,,,", 7),  # 8 is not the rows' count
        ("Henri 7,,11,,,", 8),  # a number after a name: an id
    ],
)
def test_a_line_that_is_no_count_with_a_sum_stays_a_row(
    tmp_path: Path, line: str, supervisors: int
) -> None:
    """Probe s40h D3's other side: the count must be the rows' and the numbers a total's to
    be a total said so; a count in words beside other numbers is said a total some of whose
    numbers do not add up; a name with a number stays a row."""
    cohort = _demo_with(tmp_path, "supervisors.csv", line + "\n")
    code, said = _said(["validate", str(cohort), "--lang", "en"])
    assert code == 0, said
    assert f"supervisors: {supervisors}" in said, said
    partly = "though some of its numbers are no count, sum or mean of the rows above"
    assert (partly in said) == (supervisors == 7), said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_count_line_with_a_sum_under_the_students(tmp_path: Path, lang: str) -> None:
    """Probe s40h D3: « 60 étudiants » with the sum of the years (338) beside it was a
    student, refused (exit 2) with no word of a total."""
    cohort = _demo_with(tmp_path, "students.csv", "60 étudiants,,,,,,,338,\n")
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert _total_said(lang, 62, "60 étudiants") in said, said


def test_a_count_line_with_counts_in_supervision_csv(demo_result: Path, tmp_path: Path) -> None:
    """Probe s40h D3: « 10 équipes,10 accompagnateurs,N » (N: the « yes » of expertise)
    under an edited supervision.csv was refused as an unknown commission (exit 2)."""
    result = tmp_path / "res"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()  # the CSV files are read
    path = result / "supervision.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    yes = sum(row["expertise"] == "yes" for row in rows)
    with path.open("a", encoding="utf-8") as out:
        out.write(f"{len(rows)} équipes,{len(rows)} accompagnateurs,{yes}\n")
    code, said = _said(["check", str(DEMO), "--result", str(result), "--lang", "fr"])
    assert code == 0, said
    assert _total_said("fr", len(rows) + 2, f"{len(rows)} équipes") in said, said


@pytest.mark.parametrize("note", ["Mise à jour : 15/09/2026", "Source : RH", "Source: RH"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_one_cell_label_note_under_the_supervisors(tmp_path: Path, note: str, lang: str) -> None:
    """Probe s40h D4: a label, a colon and a value in one cell right under the rows is a
    note (it was an eighth supervisor, given a team)."""
    cohort = _demo_with(tmp_path, "supervisors.csv", f'"{note}",,,,,\n')
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert _SUPERVISORS[lang] in said, said
    assert _label_said(lang, 9, note) in said, said


@pytest.mark.parametrize("line", ["A:4", "A:4,,1,,,", "Soit 8 accompagnateurs", "Henri 3"])
def test_an_id_with_a_colon_or_a_line_not_counting_stays_a_row(tmp_path: Path, line: str) -> None:
    """Probe s40h D4's other side: an id with a colon and no space after it is an id; a
    count that is not the rows' (left as it was) and a name with a number stay rows."""
    cohort = _demo_with(tmp_path, "supervisors.csv", line + "\n")
    code, said = _said(["validate", str(cohort), "--lang", "en"])
    assert code == 0, said
    assert "supervisors: 8" in said, said


@pytest.mark.parametrize(
    ("text", "note", "key"),
    [
        (
            "student_a;student_b;relation\nMise à jour :;15/09/2026;\n",
            "Mise à jour : 15/09/2026",
            "label",
        ),
        (
            "student_a,student_b,relation\nAucune paire cette année\n",
            "Aucune paire cette année",
            "line",
        ),
        ("student_a,student_b,relation\nNo pairs this year,,\n", "No pairs this year", "line"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_note_right_under_the_pairs_header(
    tmp_path: Path, text: str, note: str, key: str, lang: str
) -> None:
    """Probe s40h D7: a note right under pairs.csv's header, no blank line, is a note: no
    pairs, the cohort valid (it was refused as a pair with empty cells, exit 2)."""
    cohort = _demo_with(tmp_path, "pairs.csv", "")
    (cohort / "pairs.csv").write_text(text, encoding="utf-8")
    code, said = _said(["validate", str(cohort), "--lang", lang])
    assert code == 0, said
    assert ("pairs: 0" if lang == "en" else "paires : 0") in said, said
    if key == "label":
        assert _label_said(lang, 2, note) in said, said
    elif lang == "en":
        assert (
            f"pairs.csv, row 2: '{note}' reads as a note typed under the table, not one of "
            "its rows: set aside" in said
        ), said
    else:
        assert (
            f"pairs.csv, ligne 2 : « {note} » se lit comme une note tapée sous le tableau, pas "
            "comme une de ses lignes : mise de côté" in said
        ), said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_subtotals_naming_their_commission_in_teams_csv(
    demo_result: Path, tmp_path: Path, lang: str
) -> None:
    """Probe s40h D12: « Sous-total,,C…,institution » after each team's rows is a subtotal,
    set aside; « Total : 60 étudiants » below then counts the rows, no row missing (it was
    said to name no student, and counted)."""
    result = tmp_path / "res"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()
    path = result / "teams.csv"
    read = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    header, *rows = list(read)
    teams: dict[str, list[list[str]]] = {}
    for row in rows:
        teams.setdefault(row[2], []).append(row)
    out = io.StringIO()
    write = csv.writer(out, lineterminator="\n")
    write.writerow(header)
    for team, members in teams.items():
        write.writerows(members)
        write.writerow(["Sous-total", "", team, members[0][3]] + [""] * (len(header) - 4))
    write.writerow([f"Total : {len(rows)} étudiants"] + [""] * (len(header) - 1))
    path.write_text(out.getvalue(), encoding="utf-8")
    code, said = _said(["check", str(DEMO), "--result", str(result), "--lang", lang])
    assert code == 0, said
    if lang == "en":
        assert "'Sous-total' reads as a subtotal between the rows of the table" in said, said
        assert "neither a student nor a commission" not in said, said
        assert "check that none is missing" not in said, said
    else:
        assert "« Sous-total » se lit comme un sous-total entre les lignes du tableau" in said
        assert "ni étudiant·e ni commande" not in said, said
        assert "vérifiez qu'aucune ne manque" not in said, said
    assert _total_said(lang, len(rows) + len(teams) + 2, f"Total : {len(rows)} étudiants") in said
