"""Loading reads files as people produce them and gives back exactly what was written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from matcher.errors import InputError
from matcher.generate import Cohort, generate_cohort, write_cohort
from matcher.loading import (
    load_instance,
    load_settings,
    parse_bool,
    read_selection,
    read_students,
    read_teams,
)
from matcher.schemas import Instance

ROOT = Path(__file__).resolve().parents[1]
CP1252 = ROOT / "instances" / "tiny" / "loading-fr-cp1252"


@pytest.fixture(scope="module")
def cohort() -> Cohort:
    return generate_cohort(seed=3, num_students=40, num_proposals=18)


def _same_records(instance: Instance, cohort: Cohort) -> None:
    assert instance.commissions == cohort.commissions
    assert instance.students == cohort.students
    assert instance.pairs == cohort.pairs
    assert instance.settings == cohort.settings


def test_round_trip_utf8_folder(tmp_path: Path, cohort: Cohort) -> None:
    write_cohort(cohort, tmp_path)
    instance = load_instance(tmp_path, require={"commissions", "students"})
    _same_records(instance, cohort)
    assert instance.has_slots
    assert instance.student_columns == {
        "name",
        "vae",
        "employed",
        "employer",
        "gender",
        "experience_years",
        "choices",
    }
    assert instance.name == tmp_path.name


def _rewrite(src: Path, dst: Path, *, delimiter: str, encoding: str) -> None:
    """Re-save a CSV as a spreadsheet in another locale would (delimiter, encoding, CRLF)."""
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    dst.write_bytes(buffer.getvalue().encode(encoding))


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1252"), ("\t", "utf-8-sig"), (";", "utf-8-sig"), (",", "cp1252")],
)
def test_round_trip_locales(tmp_path: Path, cohort: Cohort, delimiter: str, encoding: str) -> None:
    original = tmp_path / "original"
    write_cohort(cohort, original)
    resaved = tmp_path / "resaved"
    resaved.mkdir()
    for name in ("commissions.csv", "students.csv", "pairs.csv"):
        _rewrite(original / name, resaved / name, delimiter=delimiter, encoding=encoding)
    (resaved / "settings.toml").write_bytes((original / "settings.toml").read_bytes())
    _same_records(load_instance(resaved), cohort)


def test_round_trip_workbook(tmp_path: Path, cohort: Cohort) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "csv"
    write_cohort(cohort, folder)
    book = openpyxl.Workbook()
    book.remove(book.active)
    book.create_sheet("notes")  # an empty sheet of notes is ignored
    for name in ("commissions", "students", "pairs"):
        sheet = book.create_sheet(name)
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                # Numbers typed in a spreadsheet arrive as numbers, not text.
                sheet.append([int(c) if c.isdigit() else c for c in row])
    path = tmp_path / "cohort.xlsx"
    book.save(path)
    (tmp_path / "settings.toml").write_bytes((folder / "settings.toml").read_bytes())
    instance = load_instance(path)
    _same_records(instance, cohort)
    assert instance.name == "cohort"


def test_workbook_settings_beside_it_named_after_it(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Propositions"  # French sheet name
    sheet.append(["id", "institution", "secteur", "problématique"])
    sheet.append([1, "CPAS de Namur", "CPAS", "évaluation"])
    book.save(tmp_path / "cohorte.xlsx")
    (tmp_path / "cohorte.settings.toml").write_text("[selection]\ncount = 1\n")
    (tmp_path / "settings.toml").write_text("[selection]\ncount = 5\n")
    instance = load_instance(tmp_path / "cohorte.xlsx", require={"commissions"})
    assert instance.settings.selection.count == 1
    assert instance.commissions[0].id == "1"  # a number typed in a cell is read as text


def test_french_windows_1252_export() -> None:
    instance = load_instance(CP1252, require={"commissions", "students"})
    by_id = {c.id: c for c in instance.commissions}
    assert by_id["P1"].title == "Évaluation; accueil"  # ';' inside a quoted cell
    assert by_id["P1"].slots == ("presentation-2026-10-01", "visit-2026-11-19")  # '|' list
    assert by_id["P1"].priority == 2
    # Institutions spelled twice become one spelling (the first one met).
    assert by_id["P3"].institution == "CPAS de Namur"
    students = {s.id: s for s in instance.students}
    assert students["E1"].employer == "CPAS de Namur"
    assert students["E1"].experience_years == 3.5  # decimal comma
    assert students["E1"].choices == ("P2", "P1")  # Choix 1…3, empty cells skipped
    assert students["E2"].choices == ("P1", "P3", "P2")  # 'p1' read as P1
    assert students["E2"].vae and students["E4"].vae  # 'oui' and 'x'
    assert not students["E3"].employed
    assert students["E3"].choices == ()
    # Categories spelled differently are one category.
    assert {s.background for s in instance.students} == {"Assistant social", "Éducateur"}
    assert {(p.student_a, p.student_b, p.relation) for p in instance.pairs} == {
        ("E1", "E2", "apart"),
        ("E3", "E4", "together"),
    }
    assert "choices" in instance.student_columns
    assert any("E3" in str(w) for w in instance.warnings)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", True),
        ("Oui", True),
        ("VRAI", True),
        ("x", True),
        ("1", True),
        ("y", True),
        ("true", True),
        ("no", False),
        ("NON", False),
        ("faux", False),
        ("0", False),
        ("", False),
        ("n", False),
        ("maybe", None),
        ("2", None),
    ],
)
def test_booleans(text: str, value: bool | None) -> None:
    assert parse_bool(text) is value


def _folder(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / name.replace("_csv", ".csv").replace("_toml", ".toml")).write_text(
            text, encoding="utf-8"
        )
    return tmp_path


COMMISSIONS = "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\nC3,C,s3,p3\n"


def test_header_spellings(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        commissions_csv="IDENTIFIANT,  Commanditaire ,SECTEUR,Type de problématique,Extra\n"
        "C1,A,s,p,ignored\n",
        students_csv="Matricule,FORMATION_INITIALE,en-emploi,Choix n°1,choix 2\nS1,AS,oui,C1,\n",
    )
    instance = load_instance(folder)
    assert instance.commissions[0].institution == "A"
    assert instance.students[0].employed
    assert instance.students[0].choices == ("C1",)
    assert not instance.has_slots


def test_choices_list_separators(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        commissions_csv=COMMISSIONS,
        students_csv='id,background,choices\nS1,AS,C1;C2\nS2,AS,C3|C1\nS3,AS,"C2, C3"\n',
    )
    choices = [s.choices for s in load_instance(folder).students]
    assert choices == [("C1", "C2"), ("C3", "C1"), ("C2", "C3")]


def test_warnings(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        commissions_csv="id,institution,sector,problem_type,slots\n"
        "C1,A,s,p,d1\nC2,B,s,p,d1\nC3,C,s,p,d2\n",
        students_csv="id,background,choices,pinned\nS1,AS,C1;C1;C3,\nS2,AS,,C3\n",
        settings_toml='[selection]\ncount = 1\nrequired_slots = ["d1"]\n',
    )
    warnings = "\n".join(map(str, load_instance(folder).warnings))
    assert "S1 (C1)" in warnings  # a choice repeated
    assert "gave no choices" in warnings and "S2" in warnings
    assert "C3 cannot be selected" in warnings  # chosen but not available
    assert "S2 is pinned to C3" in warnings


def test_repeated_choice_counts_once(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        commissions_csv=COMMISSIONS,
        students_csv="id,background,choices\nS1,AS,C2;C2;C1\n",
    )
    assert load_instance(folder).students[0].choices == ("C2", "C1")


def test_require_and_optional_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path, commissions_csv=COMMISSIONS)
    instance = load_instance(folder, require={"commissions"})
    assert instance.students == () and instance.pairs == ()
    accepted = r"missing file students\.csv \(accepted names: students\.csv, étudiants\.csv"
    with pytest.raises(InputError, match=accepted):
        load_instance(folder, require={"students"})


def test_settings_file_option_wins(tmp_path: Path) -> None:
    folder = _folder(tmp_path, commissions_csv=COMMISSIONS, settings_toml="[selection]\ncount=2\n")
    other = tmp_path / "other.toml"
    other.write_text("[selection]\ncount = 3\nexclude = ['c1']\n[solver]\ntime_limit = 5\n")
    instance = load_instance(folder, settings_path=other)
    assert instance.settings.selection.count == 3
    assert instance.settings.selection.exclude == ("C1",)  # resolved to the id as written
    assert instance.settings.solver.time_limit == 5.0


def test_load_settings_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("")
    settings = load_settings(path)
    assert settings.selection.count == 10
    assert settings.teams.priorities == ("worst_choice", "balance", "choices", "experience")


def test_a_priority_written_without_brackets_is_not_suggested_as_itself(tmp_path: Path) -> None:
    """`priorities = "sectors"` lacks its brackets: the message asks for a list; suggesting
    "did you mean sectors?" to someone who wrote sectors would only confuse. A misspelt name
    still gets its suggestion."""
    path = tmp_path / "settings.toml"
    path.write_text('[selection]\npriorities = "sectors"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert problem.column == "selection.priorities"
    assert "did you mean" not in str(problem.message)
    path.write_text('[selection]\npriorities = ["secteurs"]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert "did you mean sectors?" in str(caught.value.problems[0].message)


def test_read_students(tmp_path: Path) -> None:
    path = tmp_path / "arrivals.csv"
    path.write_text("matricule;formation;vae\nN1;éducateur;oui\n", encoding="cp1252")
    (student,) = read_students(path)
    assert student.id == "N1" and student.background == "éducateur" and student.vae


def _selection_instance(tmp_path: Path) -> Instance:
    folder = tmp_path / "instance"
    folder.mkdir()
    return load_instance(_folder(folder, commissions_csv=COMMISSIONS))


def test_read_selection_hand_edited(tmp_path: Path) -> None:
    instance = _selection_instance(tmp_path)
    path = tmp_path / "selection.csv"
    path.write_bytes(
        "id;institution;sector;problem_type;eligible;selected;reserve_rank;reason\r\n"
        "C1;A;s1;p1;oui;oui;;\r\nc2;B;s2;p2;oui;non;1;\r\n".encode("cp1252")
    )
    commissions, rows = read_selection(path, instance)
    assert commissions == instance.commissions
    assert [(r.id, r.selected, r.reserve_rank) for r in rows] == [
        ("C1", True, None),
        ("C2", False, 1),
        # Absent from the file: not selected, but eligible, so a reserve after those the
        # file ranks (contract §3: every eligible proposal left out has a reserve rank).
        ("C3", False, 2),
    ]


def test_read_selection_without_commissions(tmp_path: Path) -> None:
    path = tmp_path / "selection.csv"
    path.write_text(
        "id,institution,sector,problem_type,eligible,selected,reserve_rank,reason\n"
        "C1,A,s1,p1,yes,yes,,\nC2,B,s2,p2,yes,no,1,\n"
    )
    commissions, rows = read_selection(path, Instance(name="x"))
    assert [c.institution for c in commissions] == ["A", "B"]
    assert [r.selected for r in rows] == [True, False]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("C9,A,s,p,yes,yes,,\n", "'C9' is not a proposal id"),
        ("C1,A,s,p,yes,yes,,\nC1,A,s,p,yes,no,1,\n", "duplicate id 'C1'"),
        ("C1,A,s,p,yes,peut-être,,\n", "not a yes/no value"),
        ("C1,A,s,p,yes,no,,\n", "no proposal is marked selected"),
    ],
)
def test_read_selection_errors(tmp_path: Path, body: str, message: str) -> None:
    instance = _selection_instance(tmp_path)
    path = tmp_path / "selection.csv"
    path.write_text(
        "id,institution,sector,problem_type,eligible,selected,reserve_rank,reason\n" + body
    )
    with pytest.raises(InputError, match=message):
        read_selection(path, instance)


def test_read_teams(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        commissions_csv=COMMISSIONS,
        students_csv="id,background\nS1,AS\nS2,AS\nS3,AS\n",
    )
    instance = load_instance(folder)
    path = tmp_path / "teams.csv"
    path.write_text("student_id,name,commission_id\nS1,,C1\ns2,,c2\nS3,,\n")
    assert read_teams(path, instance) == {"S1": "C1", "S2": "C2"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("student_id,name\nS1,x\n", "missing required column 'commission_id'"),
        ("student_id,commission_id\nS9,C1\n", "'S9' is not a student id"),
        ("student_id,commission_id\nS1,C1\nS1,C2\n", "listed twice"),
        ("student_id,commission_id\nS1,C9\n", "'C9' is not a proposal id"),
    ],
)
def test_read_teams_errors(tmp_path: Path, text: str, message: str) -> None:
    folder = _folder(tmp_path, commissions_csv=COMMISSIONS, students_csv="id,background\nS1,AS\n")
    instance = load_instance(folder)
    path = tmp_path / "teams.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_teams(path, instance)


def test_workbook_fixture_reads_like_the_csv_export() -> None:
    """The same cohort as a French workbook and as a Windows-1252 CSV export."""
    workbook = load_instance(CP1252.parent / "loading-workbook.xlsx")
    export = load_instance(CP1252)
    assert workbook.commissions == export.commissions
    assert workbook.students == export.students
    assert workbook.pairs == export.pairs
    assert workbook.settings == export.settings  # from loading-workbook.settings.toml
    assert workbook.student_columns == export.student_columns


def test_results_written_by_the_writers_read_back(tmp_path: Path) -> None:
    """selection.csv and teams.csv as matcher writes them come back unchanged."""
    from matcher.eligibility import eligibility
    from matcher.outputs.writers import write_selection_csv, write_teams_csv
    from matcher.results import (
        RunOutcome,
        SelectionResult,
        SelectionRow,
        StageResult,
        Status,
        TeamResult,
    )

    instance = generate_cohort(seed=4, num_students=20, num_proposals=12).instance()
    ids = [c.id for c in instance.commissions]
    # Every proposal available but the last, excluded: eligibility is the cohort's, read
    # from its files and settings, not the file's column (session 35).
    selection = instance.settings.selection.model_copy(
        update={"required_slots": (), "any_slots": (), "exclude": (ids[11],)}
    )
    settings = instance.settings.model_copy(update={"selection": selection})
    instance = instance.model_copy(update={"settings": settings})
    excluded = eligibility(instance.commissions[11], selection, settings.calendar)
    assert not excluded.eligible
    rows = tuple(
        SelectionRow(
            id_,
            eligible=k != 11,
            selected=k < 3,
            reserve_rank=k - 2 if 3 <= k < 11 else None,
            # Reasons typed by hand come back as written (an empty one would be filled in:
            # contract §3 gives every proposal a reason); a proposal not eligible has the
            # cohort's.
            reason=excluded.reason if k == 11 else f"noted by the jury ({k})",
        )
        for k, id_ in enumerate(ids)
    )
    assignment = {s.id: ids[k % 3] for k, s in enumerate(instance.students)}
    stage = StageResult(Status.OPTIMAL, 0.0)
    outcome = RunOutcome(
        instance=instance,
        settings=instance.settings,
        selection=SelectionResult(stage, rows),
        teams=TeamResult(stage, tuple(ids[:3]), assignment),
    )
    write_selection_csv(tmp_path / "selection.csv", outcome)
    write_teams_csv(tmp_path / "teams.csv", outcome)
    commissions, read_rows = read_selection(tmp_path / "selection.csv", instance)
    assert commissions == instance.commissions
    assert read_rows == rows
    assert read_teams(tmp_path / "teams.csv", instance) == assignment


def test_excel_sep_directive_and_ctrl_z(tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    # Excel's "sep=" line is hidden in the spreadsheet: the header stays row 1.
    # More ';' than ',' in the header: without the directive ';' would be the delimiter.
    path.write_bytes(b"sep=,\r\nid,background,note;a;b;c\r\nS1,AS,x;y\r\n\x1a")
    (student,) = read_students(path)
    assert student.id == "S1" and student.background == "AS"
    path.write_bytes(b"sep=,\r\nid,background,vae\r\nS1,AS,peut-etre\r\n")
    with pytest.raises(InputError) as caught:
        read_students(path)
    assert caught.value.problems[0].row == 2
