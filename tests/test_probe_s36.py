"""Session 36's fixes on the command line, each with the probe that found it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from cohortfiles import TWO_COMMISSIONS, write_cohort
from test_probe_s35 import _cohort

from matcher.cli import main


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two commissions, six students without VAE, employment or gender columns, solved."""
    base = tmp_path_factory.mktemp("s36")
    cohort = _cohort(base / "cohort")
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(base / "res"), "--quiet"])
    assert ran.exit_code == 0, ran.output
    return cohort, base / "res"


def test_arrivals_giving_a_column_the_cohort_lacks_have_it_set_aside(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s35f (noted then): arrivals with a VAE column into a cohort without one had
    every student of the cohort written « no » for VAE (the column known from the arrivals
    alone) and the arrival « yes ». The arrivals' column is set aside, said: VAE is known of
    no one, written empty for everyone."""
    cohort, result = solved
    arrivals = tmp_path / "arrivées.csv"
    arrivals.write_text("id,background,vae,genre,choices\nS9,ES,oui,F,C1\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["whatif", str(cohort), "--from", str(result), "--add-students", str(arrivals)]
    ran = CliRunner().invoke(main, [*args, "--out", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "les colonnes « vae » et « genre », que students.csv ne donne pas" in said, said
    with (out / "teams.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert {row["vae"] for row in rows.values()} == {""}
    assert {row["gender"] for row in rows.values()} == {""}
    assert rows["S9"]["commission_id"] == "C1"


def test_a_choice_written_with_its_institution_suggests_its_id(tmp_path: Path) -> None:
    """Probe s35d (noted then): a choice copied with the commission's institution
    (« C1 - ASBL Alpha », « C2 (CPAS de Beta) ») was refused without the « did you mean »
    the contract asks of an unknown id (§7); the id it starts with is suggested."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": "id,background,choices\nS1,AS,C1 - ASBL Un;C2\n"
            "S2,AS,C2 (CPAS de Deux)\nS3,AS,C1: un\n",
        },
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 2, ran.output
    for ref, near in (("C1 - ASBL Un", "C1"), ("C2 (CPAS de Deux)", "C2"), ("C1: un", "C1")):
        refused = f"« {ref} » n'est pas un code de commande de commissions.csv"
        assert f"{refused} : vouliez-vous dire {near} ?" in said, said


def test_a_header_repeated_mid_file_is_one_problem(tmp_path: Path) -> None:
    """Probe s35d (noted then): two exports pasted one under the other, the header repeated
    at row 4, gave a problem per cell (« vae » is no yes/no value, « choices » no proposal
    id, …); now one, naming the row and the header's."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": "id,background,vae,experience_years,choices\n"
            "S1,AS,oui,2,C1;C2\nS2,AS,non,3,C2\nid,background,vae,experience_years,choices\n"
            "S3,ES,non,1,C1\n",
        },
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 2, ran.output
    assert "students.csv, row 4: this row repeats the header (row 1)" in said, said
    assert said.count("students.csv, row") == 1, said


def test_a_commission_or_student_withdrawn_twice_is_refused(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Session 34 (noted then): ``--withdraw-supervisor A1`` given twice is refused as a slip
    (another id meant?), but a student or a commission given twice was taken once without a
    word. Now all three alike: exit 2, nothing written."""
    cohort, result = solved
    for flag, ids, said in (
        ("--withdraw-student", ("S1", "s1"), "--withdraw-student S1 is given 2 times"),
        ("--withdraw-commission", ("C2", "C2"), "--withdraw-commission C2 is given 2 times"),
    ):
        out = tmp_path / flag
        args = ["whatif", str(cohort), "--from", str(result), "--out", str(out), "--lang", "en"]
        ran = CliRunner().invoke(main, [*args, flag, ids[0], flag, ids[1]])
        assert ran.exit_code == 2, ran.output
        assert said in " ".join(ran.output.split()), ran.output
        assert not out.exists()


def test_an_institution_typed_with_oe_for_its_ligature_is_that_institution(
    tmp_path: Path,
) -> None:
    """Probe s36d: « Le Coeur à l'ouvrage » (typed without the œ key) was another institution
    than « Le Cœur à l’ouvrage »: S1, employed there, was placed on its commission K1 (their
    first choice, no conflict counted), and two proposals « Œuvre … » and « Oeuvre … » were
    both selected under one per institution. Folded alike now (contract §1, §7)."""
    commissions = (
        "id,institution,sector,problem_type\n"
        "K1,Le Cœur à l’ouvrage,handicap,évaluation\n"
        "K2,Œuvre Sainte-Marie,jeunesse,diagnostic\n"
        "K3,Oeuvre Sainte-Marie,jeunesse,diagnostic\n"
        "K4,AMO B,aide,projet\n"
    )
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": commissions,
            "students.csv": "id,background,employer,choices\nS1,AS,Le Coeur à l'ouvrage,K1\n"
            "S2,AS,,K1\nS3,AS,,K2;K3\nS4,AS,,K3;K2\n",
            "settings.toml": "[selection]\ncount = 3\n[solver]\ntime_limit = 20\n",
        },
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig") as handle:
        placed = {row["student_id"]: row["commission_id"] for row in csv.DictReader(handle)}
    assert placed["S1"] != "K1"
    with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
        selected = {row["id"] for row in csv.DictReader(handle) if row["selected"] == "yes"}
    # Three of four proposals, at most one of the one institution K2 and K3 share.
    assert {"K1", "K4"} <= selected and len(selected & {"K2", "K3"}) == 1, selected


def test_a_result_folder_that_lost_its_teams_is_refused(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s36b: a result folder holding selection.csv and summary.json (which records
    teams) but neither teams.csv nor result.xlsx (the edits saved as result.ods) was read as
    a selection alone: ``check`` said every rule held, exit 0, and ``report`` wrote a result
    without teams. Refused now, exit 2, saying what to put back; nothing written."""
    cohort, result = solved
    lost = tmp_path / "res"
    lost.mkdir()
    for name in ("selection.csv", "summary.json"):
        (lost / name).write_bytes((result / name).read_bytes())
    (lost / "result.ods").write_bytes(b"PK\x03\x04 not read")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(lost), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "holds neither teams.csv nor result.xlsx" in " ".join(ran.output.split())
    out = tmp_path / "out"
    args = ["report", str(cohort), "--result", str(lost), "--out", str(out)]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 2, ran.output
    assert not out.exists()


DEMO = Path(__file__).parents[1] / "instances" / "demo"


# ``demo_result``: conftest's run of the demo, read or copied, never written.


def _edited_cell(result: Path, folder: Path, name: str, old: str, new: str) -> Path:
    """A copy of ``result`` whose file ``name`` has its first cell ``old`` written ``new``."""
    import shutil

    edited = Path(shutil.copytree(result, folder))
    path = edited / name
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    row = next(i for i, line in enumerate(lines) if old in line.split(","))
    lines[row] = ",".join(new if cell == old else cell for cell in lines[row].split(","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return edited


@pytest.mark.parametrize("name", ["schedule.csv", "supervision.csv"])
def test_an_unknown_id_in_a_plan_file_suggests_the_nearest(
    demo_result: Path, tmp_path: Path, name: str
) -> None:
    """Probe s36a: « C0S » (a letter S for 5) in schedule.csv or supervision.csv got no
    « did you mean C05? », as teams.csv has."""
    edited = _edited_cell(demo_result, tmp_path / "res", name, "C05", "C0S")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert "'C0S' is not a proposal id of commissions.csv: did you mean C05?" in said, said


def test_an_unknown_supervisor_in_supervision_csv_suggests_the_nearest(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s36a: a supervisor typed « AO1 » (letter O) in supervision.csv is a broken rule
    (exit 3) naming no supervisor to mean; now « did you mean A01? »."""
    edited = _edited_cell(demo_result, tmp_path / "res", "supervision.csv", "A01", "AO1")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", "en"])
    assert ran.exit_code == 3, ran.output
    said = " ".join(ran.output.split())
    assert "AO1, is not in supervisors.csv: did you mean A01?" in said, said


def test_an_oral_on_a_slot_not_offered_names_the_slots_column_as_written() -> None:
    """Probe s36a: an oral moved by hand to a slot its commission does not offer was said
    « (slots de commissions.csv) », the column being « Disponibilités » in the director's
    file (contract §7: the column as written)."""
    data = Path(__file__).parent / "data" / "probe-s36a-slots"
    args = ["check", str(data / "cohort"), "--result", str(data / "result"), "--lang", "fr"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 3, ran.output
    said = " ".join(ran.output.split())
    assert "qu'au créneau oral_jeu (colonne « Disponibilités » de commissions.csv)" in said, said


def test_numbered_souhait_columns_are_the_choices(tmp_path: Path) -> None:
    """Probe s36d: « Souhait 1 », « Souhait 2 » were said unread (« did you mean
    'souhaits'? »), the choices dropped; renamed so, the two columns were refused as both
    meaning the choices. They are read as « Choix 1 », « Vœu 1 » are."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": "id;background;Souhait 1;Souhait 2\nS1;AS;C2;C1\nS2;AS;C1;C2\n",
            "settings.toml": "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n",
        },
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    assert "not read" not in ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig") as handle:
        placed = {row["student_id"]: row["commission_id"] for row in csv.DictReader(handle)}
    assert placed == {"S1": "C2", "S2": "C1"}


def test_a_row_one_cell_wider_than_the_header_is_said(tmp_path: Path) -> None:
    """Probe s36d: « C1;…;Eval; accueil; » (a title with an unquoted « ; », the row ending in
    the delimiter): the title read « Eval », the slots « accueil », C1 not available, and
    nothing said of the row's seven cells under a header of six. Said now; a problem on such
    a row says its cells may be shifted."""
    commissions = (
        "id;institution;sector;problem_type;title;slots\n"
        "C1;CPAS A;s1;p1;Eval; accueil;\nC2;CPAS B;s2;p2;Diag;visite\n"
    )
    cohort = write_cohort(
        tmp_path / "cohort",
        {"commissions.csv": commissions, "settings.toml": "[selection]\ncount = 1\n"},
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert "commissions.csv, column 'G': row 2 has more cells than the header (6 columns)" in said
    shifted = (
        "id;institution;sector;problem_type;title;slots;priority\n"
        "C1;CPAS A;s1;p1;Eval; accueil;01/10/2026;\nC2;CPAS B;s2;p2;Diag;visite;2\n"
    )
    (cohort / "commissions.csv").write_text(shifted, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 2, ran.output
    assert "'01/10/2026' is not a whole number" in said and "shifts the cells after it" in said


def test_a_supervisors_withdrawal_is_reported_with_names_and_days(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s36f: after ``whatif --withdraw-supervisor``, the report's changes named the
    supervisors by id alone (« C05 A01 → A05 ») and wrote each moved event's slot label and
    ISO date side by side (« visit-2026-11-19 2026-11-19, 09:00–10:30 ») in a French page
    that says « jeudi 19 novembre 2026 » elsewhere."""
    import html as markup
    import re

    out = tmp_path / "out"
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(out)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "A01", "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    page = (out / "report.html").read_text(encoding="utf-8")
    said = " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    changed = "Équipes qui changent d'accompagnateur·rice Équipe De Vers"
    assert f"{changed} C05 Thomas Dubois (A01)" in said
    assert "Visite jeudi 19 novembre 2026, 09:00–10:30" in said, said
    assert "2026-11-19," not in said


def test_one_copy_of_the_students_sheet_is_said_in_the_singular(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s36b: a Students sheet copied once (« Students (2) ») was said « the sheets
    Students (2) also have its columns »."""
    import shutil

    import openpyxl

    cohort, result = solved
    edited = Path(shutil.copytree(result, tmp_path / "res"))
    (edited / "teams.csv").unlink()
    book = openpyxl.load_workbook(edited / "result.xlsx")
    book.copy_worksheet(book["Students"]).title = "Students (2)"
    book.save(edited / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(edited), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert "the sheet 'Students (2)' also has its columns and is not read" in said, said


def test_a_window_of_one_time_asks_for_a_start_and_an_end(tmp_path: Path) -> None:
    """Probe s36a: ``visit_window = ["09:00"]`` was refused as « every value it takes (one
    is missing) », without saying which."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "settings.toml": '[selection]\ncount = 2\n[calendar]\nvisit_window = ["09:00"]\n',
        },
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert 'it needs a start and an end time, e.g. ["09:00", "13:00"]' in said, said


def test_a_date_in_a_number_column_is_said_a_date(tmp_path: Path) -> None:
    """Probe s36d: « 3/5 » typed in an experience cell, made a date by Excel (03/05/2026),
    was refused as « '2026-05-03' is not a number », nothing said of the date."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "students"
    sheet.append(["id", "background", "experience_years"])
    sheet.append(["S1", "AS", 2])
    sheet.append(["S2", "AS", datetime.datetime(2026, 5, 3)])
    proposals = book.create_sheet("commissions")
    for line in TWO_COMMISSIONS.splitlines():
        proposals.append(line.split(","))
    book.save(tmp_path / "cohorte.xlsx")
    ran = CliRunner().invoke(main, ["validate", str(tmp_path / "cohorte.xlsx"), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert "'2026-05-03' is not a number" in said and "(a date: a spreadsheet makes one" in said


@pytest.mark.parametrize(
    ("name", "text_", "row"),
    [
        # Probe s36g: in supervisors.csv, a supervisor « id » was given a team.
        ("supervisors.csv", "id,name\nA1,Anne\nA2,Bob\nid,name\n", 4),
        # Probe s36g: the header in other accepted names: a proposal « Code » was selected.
        ("commissions.csv", TWO_COMMISSIONS + "Code,Institution,Secteur,Problématique\n", 4),
    ],
)
def test_a_header_repeated_in_any_table_or_spelling_is_one_problem(
    tmp_path: Path, name: str, text_: str, row: int
) -> None:
    files = {"commissions.csv": TWO_COMMISSIONS, "settings.toml": "[selection]\ncount = 2\n"}
    cohort = write_cohort(tmp_path / "cohort", {**files, name: text_})
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert f"{name}, row {row}: this row repeats the header (row 1)" in said, said


def test_rows_all_ending_in_the_delimiter_are_no_wider_rows(tmp_path: Path) -> None:
    """Probe s36h: the file's trailing delimiters were cut before parsing, the last row's
    own too, so when every row ends in « ; » all but the last were said wider than the
    header, and a delimiter typed in the last row's cell went unsaid."""
    every = "id;institution;sector;problem_type\nC1;CPAS A;s1;p1;\nC2;CPAS B;s2;p2;\n"
    cohort = write_cohort(
        tmp_path / "cohort",
        {"commissions.csv": every, "settings.toml": "[selection]\ncount = 2\n"},
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    assert "more cells than the header" not in ran.output
    last = "id;institution;sector;problem_type;slots\nC1;CPAS A;s1;p1;x\nC2;CPAS B;s2;p2; x;\n"
    (cohort / "commissions.csv").write_text(last + ";;;;\n" * 3, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert "row 3 has more cells than the header (5 columns)" in " ".join(ran.output.split())


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        # Probe s36h: two ids in a cell got « did you mean C1? », the second choice lost.
        ("C1 et C2", "separate them with ';' (C1;C2)"),
        ("C2 (sinon C1)", "separate them with ';' (C2;C1)"),
        ("C2 + C1", "separate them with ';' (C2;C1)"),
        ("C1. CPAS de Namur", "did you mean C1?"),
        # Probe s36j: « did you mean C01, C02, C10 or C11? », C12 lost.
        ("C1-C2", "separate them with ';' (C1;C2)"),
        # Probe s36k: a number in the name was a second id: « did you mean C1 or C2? ».
        ("C1 - CPAS de Namur (rue 2)", "did you mean C1?"),
    ],
)
def test_two_ids_in_a_cell_are_both_said(tmp_path: Path, cell: str, said: str) -> None:
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": f"id,background,choices\nS1,AS,{cell}\n",
        },
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert said in " ".join(ran.output.split()), ran.output


def test_a_withdrawal_naming_two_ids_suggests_both(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s36h: ``--withdraw-commission "C1 C2"`` was told « did you mean C1? »."""
    cohort, result = solved
    args = ["whatif", str(cohort), "--from", str(result), "--out", str(tmp_path / "o")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-commission", "C1 C2", "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "did you mean C1 or C2?" in ran.output, ran.output


@pytest.mark.parametrize("written", ["Thomas Dubois (A01)", "A01 (Thomas Dubois)"])
def test_a_supervisor_written_as_the_outputs_name_them_is_read(
    demo_result: Path, tmp_path: Path, written: str
) -> None:
    """Probe s36g: « Thomas Dubois (A01) », as the report names a supervisor since session
    36, typed into supervision.csv was « not in supervisors.csv », and refused by
    ``--withdraw-supervisor``."""
    edited = _edited_cell(demo_result, tmp_path / "res", "supervision.csv", "A01", written)
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(edited), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", written, "--quiet"])
    assert ran.exit_code == 0, ran.output


def test_an_unknown_id_in_a_wider_row_says_its_cells_may_be_shifted(tmp_path: Path) -> None:
    """Probe s36g: « S1;Dupont; Anne;AS; » (a name with an unquoted « ; »): the choice read
    « AS » was « not a proposal id », nothing said of the row's extra cell, where a number
    read so said it."""
    students = "id;name;background;choices\nS1;Dupont; Anne;AS;\nS2;Lima;AS;C1\n"
    cohort = write_cohort(
        tmp_path / "cohort", {"commissions.csv": TWO_COMMISSIONS, "students.csv": students}
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert "'AS' is not a proposal id of commissions.csv (the row has more cells" in said, said


def _supervised_run(tmp_path: Path, supervisors: str) -> tuple[Path, Path]:
    """Two commissions, six students and ``supervisors`` (supervisors.csv), run."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": "id,background,choices\n"
            + "".join(f"S{i},AS,C{1 + i % 2}\n" for i in range(1, 7)),
            "supervisors.csv": supervisors,
            "settings.toml": "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n",
        },
    )
    out = tmp_path / "res"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    return cohort, out


def test_a_supervisor_name_and_id_of_two_people_is_not_read(tmp_path: Path) -> None:
    """Probe s36j: two supervisors named Thomas Dubois (A1, A3); « Thomas Dubois (A2) »
    withdrew A2, Chloé Martin. Read only when the name is that id's."""
    supervisors = "id,name\nA1,Thomas Dubois\nA2,Chloé Martin\nA3,Thomas Dubois\n"
    cohort, out = _supervised_run(tmp_path, supervisors)
    args = ["whatif", str(cohort), "--from", str(out), "--out", str(tmp_path / "w")]
    refused = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "Thomas Dubois (A2)"])
    assert refused.exit_code == 2, refused.output
    taken = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "Thomas Dubois (A3)"])
    assert taken.exit_code == 0, taken.output


def test_a_shifted_row_among_rows_all_ending_in_the_delimiter_is_said(tmp_path: Path) -> None:
    """Probe s36j: every row ending in « ; » (as a spreadsheet pads them), one with a title
    « Eval; accueil » unquoted: read shifted without a word, since every row was wider."""
    rows = (
        "id;institution;sector;problem_type;title;slots\n"
        "C1;CPAS A;s1;p1;Diag;x;\nC2;CPAS B;s2;p2;Eval; accueil;;\nC3;CPAS C;s3;p3;Etude;x;\n"
    )
    cohort = write_cohort(
        tmp_path / "cohort", {"commissions.csv": rows, "settings.toml": "[selection]\ncount = 2\n"}
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    said = " ".join(ran.output.split())
    assert "row 3 has more cells than the header (6 columns)" in said, said
    assert "row 2 has" not in said and "row 4 has" not in said


def test_a_header_alone_reads_as_no_rows(tmp_path: Path) -> None:
    """A changes.csv of a what-if nobody moved in (its header alone) was an internal error
    (IndexError) in this session's check of rows wider than most, found by the tests."""
    from matcher.loading.tables import read_csv_text

    table = read_csv_text("student_id,from,to\n", "changes.csv")
    assert table.rows == () and table.wider_rows == frozenset()


def test_a_workbook_of_two_supervisors_of_one_name_is_checked_as_written(tmp_path: Path) -> None:
    """Probe s36j: two supervisors named Thomas Dubois; result.xlsx's Schedule sheet named
    them by name alone, so ``check --result result.xlsx`` of the workbook as written found
    its supervisors « not in supervisors.csv » (exit 3). Told apart by their ids now."""
    supervisors = "id,name,max_teams\nA1,Thomas Dubois,1\nA3,Thomas Dubois,1\n"
    cohort, out = _supervised_run(tmp_path, supervisors)
    book = str(out / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", book, "--lang", "en"])
    assert ran.exit_code == 0, ran.output


def test_a_header_repeated_in_another_order_is_one_problem(tmp_path: Path) -> None:
    """Probe s36j: « institution,id,sector,problem_type » pasted under « id,institution,… »
    was a proposal « institution » of the institution « id », selected."""
    rows = TWO_COMMISSIONS + "institution,id,sector,problem_type\n"
    cohort = write_cohort(
        tmp_path / "cohort", {"commissions.csv": rows, "settings.toml": "[selection]\ncount = 2\n"}
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "commissions.csv, row 4: this row repeats the header" in " ".join(ran.output.split())


@pytest.mark.parametrize(
    ("name", "text_"),
    [
        # Probe s36j: supervisors' max_teams said nothing of a date.
        ("supervisors.csv", "id,name,max_teams\nA1,Anne,02/01/2026\n"),
        # Probe s36j: « 03-mai » (French Excel's CSV of a 3/5 date cell) neither.
        ("students.csv", "id,background,experience_years\nS1,AS,03-mai\nS2,AS,1\n"),
        # Probe s36j: « 03/05/2026 00:00 » was told a space only sets thousands apart.
        ("students.csv", "id,background,experience_years\nS1,AS,03/05/2026 00:00\nS2,AS,1\n"),
    ],
)
def test_more_dates_in_number_columns_are_said_dates(tmp_path: Path, name: str, text_: str) -> None:
    files = {"commissions.csv": TWO_COMMISSIONS, "settings.toml": "[selection]\ncount = 2\n"}
    cohort = write_cohort(tmp_path / "cohort", {**files, name: text_})
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert "(a date: a spreadsheet makes one" in said and "thousands" not in said, said
