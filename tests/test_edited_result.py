"""Editing a result in result.xlsx, CSV outputs safe for spreadsheets, and `matcher report`.

Contract §8: ``check``, ``report`` and ``whatif --from`` read teams from an edited
result.xlsx (Students/Étudiants sheet) as well as from teams.csv (the CSV wins, with a
warning, when both differ) and accept the workbook itself; CSV outputs start with a BOM and
guard formula-like cells with ``'``, which readers strip; ``report`` writes every output for
the result as it stands, exit 3 when it breaks rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_writers_sample import sample_outcome, write_instance

from matcher import app
from matcher.cli import main
from matcher.labels import Lang
from matcher.loading.results import read_result, read_teams
from matcher.outputs.csvwrite import neutralise, write_csv
from matcher.outputs.writers import write_outputs
from matcher.results import RunOutcome
from matcher.text import strip_formula_guard

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, Path]:
    """The sample instance folder and a result folder holding its (valid) outputs, in French
    (so the workbook's sheets and yes/no are French: Étudiants, Sélection, oui/non)."""
    instance = write_instance(tmp_path / "instance")
    result = tmp_path / "result"
    write_outputs(result, sample_outcome(), instance_dir=instance, lang="fr")
    return instance, result


def _move_in_workbook(book: Path, student: str, commission: str) -> None:
    """Move a student as a director would in Excel: change their commission_id cell."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Étudiants"]
    header = [c.value for c in sheet[1]]
    column = header.index("commission_id") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == student:
            sheet.cell(row, column).value = commission
    workbook.save(book)


def _invoke(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_a_move_in_the_workbook_is_seen_without_teams_csv(cohort: tuple[Path, Path]) -> None:
    """With teams.csv gone, check reads the Students sheet: S1 moved from C1 to C2 leaves C1
    with 2 students and C2 with 4 where the bounds are 3 to 3 (test_check), so 2 rules break."""
    instance, result = cohort
    code, _, err = _invoke("check", str(instance), "--result", str(result))
    assert code == 0, err
    _move_in_workbook(result / "result.xlsx", "S1", "C2")
    (result / "teams.csv").unlink()
    code, out, err = _invoke("check", str(instance), "--result", str(result))
    assert code == 3
    assert "breaks 2 rules:" in err and "team C1 has 2 students" in err
    assert "smallest team" in out


def test_the_workbook_itself_is_a_result(cohort: tuple[Path, Path]) -> None:
    """--result result.xlsx: the selection comes from its Sélection sheet (retenue: oui/non)
    and the teams from its Étudiants sheet, so the move is seen though teams.csv is intact."""
    instance, result = cohort
    _move_in_workbook(result / "result.xlsx", "S1", "C2")
    code, _, err = _invoke("check", str(instance), "--result", str(result / "result.xlsx"))
    assert code == 3
    assert "team C1 has 2 students" in err
    found = read_result(result / "result.xlsx", app.load(instance))
    assert found.assignment is not None and found.assignment["S1"] == "C2"
    assert found.selection is not None
    selected = [row.id for row in found.selection[1] if row.selected]
    assert selected == [row.id for row in read_result(result, app.load(instance)).selection[1]
                        if row.selected]  # fmt: skip


def test_when_both_differ_the_csv_wins_with_a_warning(cohort: tuple[Path, Path]) -> None:
    """teams.csv untouched, the workbook edited: the CSV's (valid) teams are checked, and a
    warning names both files and the student who differs."""
    instance, result = cohort
    _move_in_workbook(result / "result.xlsx", "S1", "C2")
    code, out, err = _invoke("check", str(instance), "--result", str(result))
    assert code == 0, err
    assert "holds every rule" in out
    assert "teams.csv and result.xlsx give different teams for 1 student (" in err
    assert "S1: C1 in teams.csv, C2 in result.xlsx" in err
    code, _, err = _invoke("check", str(instance), "--result", str(result), "--lang", "fr")
    assert "donnent des équipes différentes" in err


def test_quiet_prints_nothing_but_errors(cohort: tuple[Path, Path]) -> None:
    """--quiet: "print nothing but errors" (README, --help): the same edited result as
    above, checked quietly, prints neither the warning nor the metrics; a result that
    breaks rules still lists them (exit 3 is an error)."""
    instance, result = cohort
    _move_in_workbook(result / "result.xlsx", "S1", "C2")
    code, out, err = _invoke("check", str(instance), "--result", str(result), "--quiet")
    assert (code, out, err) == (0, "", "")
    (result / "teams.csv").unlink()
    code, out, err = _invoke("check", str(instance), "--result", str(result), "--quiet")
    assert code == 3 and out == ""
    assert "team C1 has 2 students" in err


def test_csv_outputs_start_with_a_bom_and_guard_formulas(tmp_path: Path) -> None:
    """Every cell a spreadsheet would run as a formula gets a leading ', and reading strips it
    back; other cells and numbers are written as they are."""
    hostile = ["=SUM(A1:A9)", "+32 2 555", "-x", "@cmd", "\tx", "\rx"]
    plain = ["C1", "a=b", "'quoted", ""]
    path = tmp_path / "t.csv"
    write_csv(path, ["id", "text"], [[i, v] for i, v in enumerate(hostile + plain)])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    for value in hostile:
        assert neutralise(value) == "'" + value
        assert strip_formula_guard(neutralise(value)) == value
    for value in plain:
        assert neutralise(value) == value and strip_formula_guard(value) == value
    assert "\n0,'=SUM(A1:A9)\n" in text
    assert neutralise(-3) == -3


def test_a_guarded_student_id_reads_back(tmp_path: Path) -> None:
    """A student id starting with '-' is written as '-… in teams.csv and read back as itself."""
    from matcher.schemas import Instance, Student

    instance = Instance(
        name="x",
        students=(Student(id="-S1", background="a"), Student(id="S2", background="a")),
    )
    path = tmp_path / "teams.csv"
    write_csv(path, ["student_id", "commission_id"], [["-S1", "C1"], ["S2", "=C2"]])
    assert "'-S1" in path.read_text(encoding="utf-8-sig")
    assert read_teams(path, instance) == {"-S1": "C1", "S2": "=C2"}


def test_report_of_a_broken_result_writes_everything_and_exits_3(
    cohort: tuple[Path, Path], tmp_path: Path
) -> None:
    """The edited result breaks 2 rules: report writes all five outputs anyway, lists the
    broken rules first (terminal, report.html, first workbook sheet, summary.json) and shows
    the solver's values beside the edited ones."""
    instance, result = cohort
    _move_in_workbook(result / "result.xlsx", "S1", "C2")
    (result / "teams.csv").unlink()
    out = tmp_path / "reported"
    code, stdout, err = _invoke(
        "report", str(instance), "--result", str(result), "--out", str(out), "--lang", "fr"
    )
    assert code == 3, err
    names = {"selection.csv", "teams.csv", "summary.json", "report.html", "result.xlsx"}
    assert names <= {p.name for p in out.iterdir()}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["broken_rules"]) == 2
    assert summary["teams"]["given"] and summary["selection"]["given"]
    assert summary["metrics"]["teams"]["size_min"] == 2
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.index("Règles enfreintes") < html.index("En bref") < html.index("Sélection des")
    assert "Ce que la modification a coûté" in html  # the result's summary.json is read
    book = openpyxl.load_workbook(out / "result.xlsx", read_only=True)
    assert book.sheetnames[0] == "Règles enfreintes"
    assert "enfreint 2 règles :" in err
    assert "Résultat du solveur" in stdout
    # The written teams.csv holds the move: checking the new folder sees it too.
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "S1,Zo" in teams or ",C2," in teams
    code, _, _ = _invoke("check", str(instance), "--result", str(out))
    assert code == 3


def test_report_of_a_valid_result_exits_0(cohort: tuple[Path, Path], tmp_path: Path) -> None:
    """An untouched result keeps every rule: exit 0, no broken rule, every priority unchanged."""
    instance, result = cohort
    out = tmp_path / "reported"
    code, _, err = _invoke("report", str(instance), "--result", str(result), "--out", str(out))
    assert code == 0, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["broken_rules"] == []
    recorded = {o["name"]: o["value"] for o in json.loads(
        (result / "summary.json").read_text(encoding="utf-8"))["teams"]["objectives"]}  # fmt: skip
    compared = [p for p in summary["priorities"] if p["stage"] == "teams" and p["name"] in recorded]
    assert compared
    for priority in compared:
        assert priority["solver"] == recorded[priority["name"]]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "keeps every rule" in html


def test_report_refuses_the_result_folder_as_out(cohort: tuple[Path, Path]) -> None:
    """--out may not be the --result folder (never modified): a usage error, exit 2."""
    instance, result = cohort
    code, _, err = _invoke("report", str(instance), "--result", str(result), "--out", str(result))
    assert code == 2
    assert "--result" in err


def test_whatif_from_the_workbook(cohort: tuple[Path, Path], tmp_path: Path) -> None:
    """whatif --from result.xlsx (the workbook alone, in another folder): S9 withdraws and
    the others stay where the workbook puts them."""
    instance, result = cohort
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "result.xlsx").write_bytes((result / "result.xlsx").read_bytes())
    out = tmp_path / "after"
    code, _, err = _invoke(
        "whatif",
        str(instance),
        "--from",
        str(alone / "result.xlsx"),
        "--out",
        str(out),
        "--withdraw-student",
        "S9",
    )
    assert code == 0, err
    changes = (out / "changes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert changes[1].startswith("S9,") and changes[1].endswith(",")
    # report of a what-if result keeps its cohort (S9 gone), so check of the re-rendered
    # result holds it to the same cohort and finds every rule kept.
    again = tmp_path / "again"
    code, _, err = _invoke("report", str(instance), "--result", str(out), "--out", str(again))
    assert code == 0, err
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["withdrawn_students"] == ["S9"]
    code, _, err = _invoke("check", str(instance), "--result", str(again))
    assert code == 0, err


def _four_students(assignment: dict[str, str]) -> RunOutcome:
    """Two teams of two; experience 1, 1, 3 and 3 years; vae for S1 and S3 only."""
    from matcher.results import StageResult, Status, TeamResult
    from matcher.schemas import Instance, Student

    students = tuple(
        Student(id=f"S{i}", background="a", vae=i in (1, 3), experience_years=years)
        for i, years in ((1, 1.0), (2, 1.0), (3, 3.0), (4, 3.0))
    )
    instance = Instance(name="four", students=students, student_columns=("vae",))
    teams = TeamResult(StageResult(Status.OPTIMAL, 0.0), ("C1", "C2"), assignment)
    return RunOutcome(instance=instance, settings=instance.settings, teams=teams)


def test_the_experience_spread_is_said_in_years() -> None:
    """The cohort holds 8 years for 4 students: each team of 2 has a fair share of 4. Teams
    {1, 1} and {3, 3} are 2 years from it; teams {1, 3} and {1, 3} are on it exactly."""
    from matcher.outputs.plain import experience_spread_years, statements, teams_within_targets

    apart = _four_students({"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"})
    mixed = _four_students({"S1": "C1", "S2": "C2", "S3": "C1", "S4": "C2"})
    assert experience_spread_years(apart) == pytest.approx(2.0)
    assert experience_spread_years(mixed) == pytest.approx(0.0)
    assert any("at most 2.0 years" in s for s in statements(apart, "en"))
    assert any("au plus 2,0 années" in s for s in statements(apart, "fr"))
    # VAE: S1 and S3 (target 1 per team). Apart: one each, in target; mixed: both in C1.
    assert teams_within_targets(apart) == (2, 2)
    assert teams_within_targets(mixed) == (0, 2)
    assert "Every team within its targets (background, VAE)." in statements(apart, "en")
    assert not any("balance" in s.lower() or "bound" in s.lower() for s in statements(mixed, "en"))


def test_the_report_draws_every_balanced_attribute_without_jargon() -> None:
    """One chart per balanced attribute plus experience; the main text (before the technical
    part) says neither "Bound"/"Borne" nor "Seed"/"Graine" nor "balance violations"."""
    from matcher.outputs.report import render_report

    outcome = _four_students({"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"})
    jargon: tuple[tuple[Lang, tuple[str, ...]], ...] = (
        ("en", ("Bound", "Seed", "balance violations")),
        ("fr", ("Borne", "Graine", "écarts d'équilibre")),
    )
    for lang, words in jargon:
        html = render_report(outcome, lang)
        main = html[: html.index('<h2 id="technical">')]
        assert all(word not in main for word in words), lang
        assert all(word in html[len(main) :] for word in words[:2]), lang
        assert main.count("<svg") == 3  # background, VAE, experience (no choices here)
