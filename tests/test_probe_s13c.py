"""Session 13 probe c: results edited by a director (contract §6, §8, §9), on a hand-made cohort
of 12 students, 4 of 6 proposals selected, with a pin, a pair, an employer and own sizes.

What the probe found:
- a folder holding selection.csv and a result.xlsx whose Sélection sheet was edited: the CSV
  was used without a word, so the director's selection edit vanished (5 broken rules
  reported for the students moved to the newly selected commission);
- ``report`` of a result where a row was deleted dropped that student from teams.csv and
  from the Students sheet: the director had no row left to give them a team;
- ``whatif --from`` a result edited to put a student on a commission not selected refused
  with exit 2, naming teams.csv even when the teams came from result.xlsx, where the README
  promises that the re-solve repairs a result breaking rules; and "absent from the previous
  teams.csv" named teams.csv for teams read from the workbook;
- the institution column of the Students sheet (or teams.csv) edited instead of
  commission_id moved no one, and nothing said so.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import invoke, write_cohort

COHORT = {
    "commissions.csv": "id,institution,sector,problem_type,min_size,max_size\n"
    "C1,CPAS de Namur,CPAS,évaluation,,\n"
    "C2,AMO Le Cercle,jeunesse,diagnostic,2,3\n"
    "C3,Les Tilleuls,âgées,faisabilité,,\n"
    "C4,CPAS de Namur,CPAS,diagnostic,,\n"
    "C5,Handicap Plus,handicap,évaluation,,\n"
    "C6,SAJ Liège,jeunesse,évaluation,,\n",
    "students.csv": "id,name,background,vae,employer,gender,choices,pinned\n"
    "S01,-Marie,AS,no,CPAS de Namur,F,C1;C2;C3,\n"
    "S02,=SUM(1),éduc,yes,,M,C2;C5,\n"
    "S03,@home,GRH,no,,F,C3;C1,\n"
    "S04,Paul,AS,no,,M,C5;C3,C5\n"
    "S05,Anne,éduc,yes,,F,C1;C5,\n"
    "S06,Luc,GRH,no,,M,C3;C2,\n"
    "S07,Léa,AS,no,,F,C2;C1,\n"
    "S08,Marc,éduc,no,,M,C5;C1,\n"
    "S09,Zoé,GRH,yes,,F,C1;C3,\n"
    "S10,Hugo,AS,no,,M,C3;C5,\n"
    "S11,Emma,éduc,no,,F,C5;C2,\n"
    "S12,Tom,GRH,no,,M,C1;C2,\n",
    "pairs.csv": "student_a,student_b,relation\nS05,S12,apart\n",
    "settings.toml": "[selection]\ncount = 4\npriorities = ['sectors', 'priority']\n"
    "[solver]\ntime_limit = 20\n",
}


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The cohort and its `matcher run` result (French)."""
    root = tmp_path_factory.mktemp("s13c")
    cohort = write_cohort(root / "cohort", COHORT)
    code, output = invoke(["run", str(cohort), "--out", str(root / "result"), "--lang", "fr"])
    assert code == 0, output
    return cohort, root / "result"


def _teams(folder: Path) -> dict[str, str]:
    with (folder / "teams.csv").open(encoding="utf-8-sig") as handle:
        return {row["student_id"]: row["commission_id"] for row in csv.DictReader(handle)}


def _selected(folder: Path) -> list[str]:
    with (folder / "selection.csv").open(encoding="utf-8-sig") as handle:
        return [row["id"] for row in csv.DictReader(handle) if row["selected"] == "yes"]


def _edited(result: Path, to: Path, *, keep_csv: bool, **moves: str | None) -> Path:
    """A copy of ``result`` whose Étudiants sheet gives each student of ``moves`` that
    commission (``None``: the row deleted); teams.csv removed unless ``keep_csv``."""
    shutil.copytree(result, to)
    if not keep_csv:
        (to / "teams.csv").unlink()
    book = openpyxl.load_workbook(to / "result.xlsx")
    sheet = book["Étudiants"]
    for row in reversed(range(2, sheet.max_row + 1)):
        student = sheet.cell(row, 1).value
        if student in moves:
            if moves[student] is None:
                sheet.delete_rows(row)
            else:
                sheet.cell(row, 3).value = moves[student]
    book.save(to / "result.xlsx")
    return to


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_selection_sheet_edited_beside_selection_csv_is_said(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # Contract §8: "the CSV wins when both exist and differ, with a warning".
    cohort, result = solved
    selected = _selected(result)
    reserve = next(c for c in ("C6", "C4", "C3", "C2") if c not in selected)
    dropped = next(c for c in selected if c != "C5" and c != "C1")
    members = [s for s, c in _teams(result).items() if c == dropped]
    edited = _edited(result, tmp_path / "edited", keep_csv=False, **dict.fromkeys(members, reserve))
    book = openpyxl.load_workbook(edited / "result.xlsx")
    sheet = book["Sélection"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value in (dropped, reserve):
            sheet.cell(row, 7).value = "oui" if sheet.cell(row, 1).value == reserve else "non"
    book.save(edited / "result.xlsx")
    code, output = invoke(["check", str(cohort), "--result", str(edited), "--lang", lang])
    assert code == 3, output
    said = {
        "fr": f"selection.csv et result.xlsx donnent des sélections différentes (result.xlsx "
        f"retient {reserve} au lieu de {dropped}) ; selection.csv est utilisé",
        "en": f"selection.csv and result.xlsx give different selections (result.xlsx selects "
        f"{reserve} instead of {dropped}); selection.csv is used",
    }[lang]
    assert said in output, output
    # The workbook given by itself is read whole: its own selection and teams agree.
    code, output = invoke(
        ["check", str(cohort), "--result", str(edited / "result.xlsx"), "--lang", lang]
    )
    assert code == 0 and said not in output, output
    # An unedited result says nothing.
    code, output = invoke(["check", str(cohort), "--result", str(result), "--lang", lang])
    assert code == 0 and "selection.csv" not in output, output


def test_report_keeps_the_row_of_a_student_without_team(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    # Contract §3: teams.csv "one row per student"; §8: `report` "writes every output for
    # the result as it now stands, even when it breaks rules".
    cohort, result = solved
    edited = _edited(result, tmp_path / "edited", keep_csv=False, S05=None)
    out = tmp_path / "v2"
    args = ["report", str(cohort), "--result", str(edited), "--out", str(out), "--lang", "fr"]
    code, output = invoke(args)
    assert code == 3 and "S05" in output, output
    teams = _teams(out)
    assert teams["S05"] == "" and len(teams) == 12, teams
    sheet = openpyxl.load_workbook(out / "result.xlsx")["Étudiants"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["S05"][2] in (None, "") and rows["S05"][1] == "Anne", rows["S05"]
    # Its team typed back in the re-rendered workbook, the result holds again.
    fixed = _edited(out, tmp_path / "fixed", keep_csv=False, S05=_teams(result)["S05"])
    code, output = invoke(["check", str(cohort), "--result", str(fixed)])
    assert code == 0, output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whatif_from_a_student_put_on_an_unselected_commission_repairs(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # README (whatif): "DIR may be a result edited by hand. When it breaks rules, the
    # re-solve repairs them (every rule holds in DIR2)"; contract §6 `moves`: "students who
    # were in a team that still exists and whose team changes".
    cohort, result = solved
    left_out = next(c for c in ("C6", "C4", "C3", "C2") if c not in _selected(result))
    before = _teams(result)
    edited = _edited(result, tmp_path / "edited", keep_csv=False, S03=left_out)
    for source in (edited, edited / "result.xlsx"):
        out = tmp_path / f"after-{source.name}"
        args = ["whatif", str(cohort), "--from", str(source), "--out", str(out)]
        code, output = invoke([*args, "--withdraw-student", "S12", "--lang", lang])
        assert code == 0, output
        said = {
            "fr": f"le result.xlsx précédent place des étudiants dans des commandes non "
            f"retenues : S03 ({left_out}) ; ils sont placés comme des arrivées",
            "en": f"the previous result.xlsx puts students in commissions that are not "
            f"selected: S03 ({left_out}); they are placed like arrivals",
        }[lang]
        assert said in output, output
        after = _teams(out)
        assert after["S03"] in _selected(result) and "S12" not in after
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        moved = sum(1 for s, c in before.items() if s not in ("S03", "S12") and after.get(s) != c)
        assert summary["changes"]["moves"] == moved, summary["changes"]
        with (out / "changes.csv").open(encoding="utf-8-sig") as handle:
            rows = {r["student_id"]: r for r in csv.DictReader(handle)}
        assert rows["S03"]["from_commission"] == left_out
        assert rows["S03"]["to_commission"] == after["S03"]
        code, output = invoke(["check", str(cohort), "--result", str(out)])
        assert code == 0, output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_whatif_names_the_workbook_its_teams_came_from(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # Contract §7: "Messages speak the director's words: ... the file as named on disk".
    cohort, result = solved
    edited = _edited(result, tmp_path / "edited", keep_csv=False, S05=None)
    out = tmp_path / "after"
    args = ["whatif", str(cohort), "--from", str(edited), "--out", str(out)]
    code, output = invoke([*args, "--withdraw-student", "S12", "--lang", lang])
    assert code == 0, output
    said = {
        "fr": "sans commande) sont placés comme des arrivées : S05",
        "en": "commission left empty) are placed like arrivals: S05",
    }[lang]
    assert said in output and "teams.csv" not in output, output
    assert ("dans le result.xlsx précédent" if lang == "fr" else "previous result.xlsx") in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_institution_edited_instead_of_commission_id_is_said(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # Contract §8: teams come "from an edited result.xlsx (its Students sheet's
    # commission_id column)"; §7: messages name file, sheet, row and column.
    cohort, result = solved
    edited = _edited(result, tmp_path / "edited", keep_csv=False)
    book = openpyxl.load_workbook(edited / "result.xlsx")
    sheet = book["Étudiants"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "S06")
    team = sheet.cell(row, 3).value
    other = "Handicap Plus" if team != "C5" else "Les Tilleuls"
    sheet.cell(row, 4).value = other
    book.save(edited / "result.xlsx")
    code, output = invoke(["check", str(cohort), "--result", str(edited), "--lang", lang])
    assert code == 0, output
    said = {
        "fr": f"result.xlsx (Étudiants), ligne {row} : S06 est placé·e dans {team}",
        "en": f"result.xlsx (Étudiants), row {row}: S06 is placed in {team}",
    }[lang]
    assert said in output and other in output, output
    # The same edit in teams.csv.
    plain = tmp_path / "plain"
    shutil.copytree(result, plain)
    (plain / "result.xlsx").unlink()
    text = (plain / "teams.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    lines = [
        line.replace(line.split(",")[3], other, 1) if line.startswith("S06,") else line
        for line in lines
    ]
    (plain / "teams.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = invoke(["check", str(cohort), "--result", str(plain), "--lang", lang])
    assert code == 0 and "teams.csv" in output and other in output, output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_assign_after_a_withdrawal_before_teams_not_replaced(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    # Contract §6: "A what-if result describes its own cohort" (README); §2 `assign`: "forms
    # teams for the commissions marked selected in FILE". After `select`, a commission
    # withdraws and is not replaced: `assign` refused the what-if's selection ("4 selected,
    # exactly 5 needed") although the what-if had lowered the count.
    cohort, _ = solved
    selected = tmp_path / "selected"
    code, output = invoke(["select", str(cohort), "--out", str(selected), "--lang", lang])
    assert code == 0, output
    # C2 hosts at most 3: with 12 students in 3 teams, it is the one that withdraws.
    gone = (
        "C2" if "C2" in _selected(selected) else next(c for c in _selected(selected) if c != "C5")
    )
    after = tmp_path / "after"
    args = ["whatif", str(cohort), "--from", str(selected), "--out", str(after)]
    code, output = invoke([*args, "--withdraw-commission", gone, "--no-replace", "--lang", lang])
    assert code == 0, output
    teams = tmp_path / "teams"
    args = ["assign", str(cohort), "--selection", str(after / "selection.csv")]
    code, output = invoke([*args, "--out", str(teams), "--lang", lang])
    assert code == 0, output
    assert set(_teams(teams).values()) == set(_selected(after)) and gone not in _selected(after)
    summary = json.loads((teams / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["unreplaced"] == [gone], summary["changes"]
    assert not (teams / "changes.csv").exists()
    # The record goes on: check holds the teams to the what-if's cohort, what-ifs chain.
    code, output = invoke(["check", str(cohort), "--result", str(teams), "--lang", lang])
    assert code == 0, output
    later = tmp_path / "later"
    args = ["whatif", str(cohort), "--from", str(teams), "--out", str(later)]
    code, output = invoke([*args, "--withdraw-student", "S06", "--lang", lang])
    assert code == 0, output
    summary = json.loads((later / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["unreplaced"] == [gone], summary["changes"]


def test_an_institution_withdrawn_earlier_never_replaces_even_ranked_again_by_hand(
    tmp_path: Path,
) -> None:
    # Contract §2: "When a commission withdraws, its institution withdraws with it: no
    # proposal of that institution replaces it." A chain: C1 (CPAS de Namur) withdraws, then
    # the director gives C4 (CPAS de Namur too) a reserve rank back in selection.csv; the
    # next withdrawal took C4.
    # One more proposal, the last reserve: what may take C3's place once C4 may not.
    files = {
        **COHORT,
        "commissions.csv": COHORT["commissions.csv"] + "C7,Le Relais,âgées,diagnostic,,\n",
    }
    cohort = write_cohort(tmp_path / "cohort", files)
    result = tmp_path / "result"
    code, output = invoke(["run", str(cohort), "--out", str(result)])
    assert code == 0, output
    if not {"C1", "C3"} <= set(_selected(result)):
        pytest.skip("the cohort's selection changed")
    first = tmp_path / "first"
    args = ["whatif", str(cohort), "--from", str(result), "--out", str(first)]
    code, output = invoke([*args, "--withdraw-commission", "C1"])
    assert code == 0, output
    edited = tmp_path / "edited"
    shutil.copytree(first, edited)
    with (first / "selection.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == "C4":
            row["reserve_rank"], row["reason"] = "1", ""
    with (edited / "selection.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # C3's team has no employee of CPAS de Namur: only the rule above keeps C4 out.
    gone = "C3"
    later = tmp_path / "later"
    args = ["whatif", str(cohort), "--from", str(edited), "--out", str(later)]
    code, output = invoke([*args, "--withdraw-commission", gone, "--lang", "en"])
    assert code == 0, output
    summary = json.loads((later / "summary.json").read_text(encoding="utf-8"))
    assert "C4" not in summary["changes"]["replaced"].values(), summary["changes"]
    assert "C4" not in _selected(later) and summary["changes"]["replaced"] == {"C3": "C7"}
