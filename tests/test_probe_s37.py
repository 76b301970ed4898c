"""Session 37's fixes on the command line, each with the probe that found it."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from cohortfiles import TWO_COMMISSIONS, write_cohort
from conftest import DEMO
from test_probe_s35 import _cohort

from matcher.cli import main


def _cohort_of(tmp_path: Path, students: str, **more: str) -> Path:
    """Two commissions (``TWO_COMMISSIONS``, both selected) and ``students``; ``more``:
    other files by their stem (``supervisors="id,name\n…"``)."""
    files = {f"{stem}.csv": text for stem, text in more.items()}
    return write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS,
            "students.csv": students,
            "settings.toml": "[selection]\ncount = 2\n",
            **files,
        },
    )


def _arrivals_after_run(tmp_path: Path, cohort: Path, arrivals: str) -> Result:
    """``cohort`` run, then ``arrivals`` (arrivals.csv's text) added by a what-if into
    ``tmp_path``/w, in English."""
    result = tmp_path / "res"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(result), "--quiet"])
    assert ran.exit_code == 0, ran.output
    path = tmp_path / "arrivals.csv"
    path.write_text(arrivals, encoding="utf-8")
    args = ["whatif", str(cohort), "--from", str(result), "--add-students", str(path)]
    return CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w"), "--lang", "en"])


def test_supervisor_ids_differing_only_by_case_are_said(tmp_path: Path) -> None:
    """Probe s36g (noted then): supervisors ``A1`` and ``a1`` drew no word, where students
    and commissions written so get one; a plan file naming « A 1 » names neither."""
    supervisors = "id,name\nA1,Anne\na1,Bruno\n"
    cohort = _cohort_of(tmp_path, "id,background\nS1,AS\nS2,AS\n", supervisors=supervisors)
    for lang, words in (
        ("en", "supervisors.csv: supervisor id 'a1' differs from 'A1' only by case"),
        ("fr", "supervisors.csv : le code d'accompagnateur « a1 » ne diffère de « A1 » que"),
    ):
        ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
        assert ran.exit_code == 0, ran.output
        assert words in " ".join(ran.output.split()), ran.output


def test_arrivals_differing_only_by_case_are_said(tmp_path: Path) -> None:
    """Probe s36g (noted then): arrivals ``S20`` and ``s20`` were added without a word."""
    ran = _arrivals_after_run(
        tmp_path, _cohort(tmp_path / "cohort"), "id,background\nS20,AS\ns20,AS\n"
    )
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert "arrivals.csv row 3: id 's20' differs from 'S20' (row 2) only by case" in said, said


def test_the_workbook_names_a_withdrawn_supervisor(demo_result: Path, tmp_path: Path) -> None:
    """Probe s36g (noted then): ``whatif --withdraw-supervisor A02``: the report and the
    terminal named Jérôme Simon as withdrawn, the workbook's changes sheet did not."""
    out = tmp_path / "w"
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(out)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "A02", "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    rows = openpyxl.load_workbook(out / "result.xlsx")["Changements"].iter_rows(values_only=True)
    said = [row[:2] for row in rows if row[0] and str(row[0]).startswith("Accompagnateur")]
    assert said == [("Accompagnateur·rice retiré·e (non planifié·e)", "Jérôme Simon (A02)")]


def test_a_header_holding_a_name_gets_one_warning(tmp_path: Path) -> None:
    """Probe s36d (noted then): « Nb années expérience » drew two warnings, « rename it
    'années expérience' » and « did you mean 'années expérience'? »; the first only now."""
    cohort = _cohort_of(tmp_path, "id,background,Nb années expérience\nS1,AS,2\nS2,AS,3\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = [line for line in ran.output.splitlines() if "« Nb années expérience »" in line]
    assert len(said) == 1, said
    assert "renommez-la « années expérience »" in said[0], said


def test_arrivals_lacking_the_cohorts_columns_are_said(demo_result: Path, tmp_path: Path) -> None:
    """Probe s36g (noted then): arrivals written without the VAE and employment columns
    the demo's students.csv has were balanced as « no » for both without a word."""
    arrivals = tmp_path / "arrivées.csv"
    arrivals.write_text("id,name,background,vae\nS900,Ana,assistant social,non\n", "utf-8")
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--add-students", str(arrivals)]
    ran = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w"), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert (
        # The demo's headers as written (probe s37e: « En emploi », the program's words).
        "arrivées.csv n'a pas les colonnes « employed », « gender » et « experience_years »,"
        " que students.csv donne : ses étudiants comptent comme sans emploi, sans genre et avec"
        " l'expérience moyenne de la cohorte"
    ) in said, said


def test_an_institution_keeping_a_commission_is_not_said_to_have_left(tmp_path: Path) -> None:
    """Probe s37d: with ``max_per_institution = 2``, AMO withdrew K1 and kept K2; its
    proposal K3 read « no longer a reserve: AMO has withdrawn » while K2 stayed selected,
    without a word. K3 now says which commission AMO withdrew, and a warning says that K2
    stays (none of AMO's proposals replaces K1: contract §2)."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type\nK1,AMO,jeunesse,diagnostic\n"
            "K2,AMO,jeunesse,évaluation\nK3,AMO,jeunesse,projet\nK4,CPAS,social,diagnostic\n"
            "K5,Ville,logement,projet\n",
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 7)),
            "settings.toml": "[selection]\ncount = 3\nmax_per_institution = 2\n"
            'include = ["K1", "K2", "K4"]\n',
        },
    )
    result = tmp_path / "res"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(result), "--quiet"])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(cohort), "--from", str(result), "--withdraw-commission", "K1"]
    for lang, reason, warning in (
        (
            "en",
            "no longer a reserve: AMO withdrew K1",
            "AMO withdrew K1 and keeps K2 selected: none of its proposals replaces K1",
        ),
        (
            "fr",
            "plus en réserve : l'institution AMO a retiré K1",
            "l'institution AMO a retiré K1 et garde K2, qui reste retenue",
        ),
    ):
        out = tmp_path / f"w-{lang}"
        ran = CliRunner().invoke(main, [*args, "--out", str(out), "--lang", lang])
        assert ran.exit_code == 0, ran.output
        assert warning in " ".join(ran.output.split()), ran.output
        with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
            rows = {row["id"]: row for row in csv.DictReader(handle)}
        assert rows["K3"]["reason"] == reason
        assert rows["K5"]["selected"] == "yes"
        assert rows["K2"]["selected"] == "yes"
    # Probe s37e: the next what-if of the chain named no commission (« AMO withdrew »),
    # and `report` of it read K3 as a reserve again, ranked.
    chained = tmp_path / "w2"
    args = ["whatif", str(cohort), "--from", str(tmp_path / "w-en"), "--out", str(chained)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-student", "S1", "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    again = tmp_path / "again"
    args = ["report", str(cohort), "--result", str(chained), "--out", str(again), "--lang", "fr"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    for out, reason in (
        (chained, "no longer a reserve: AMO withdrew K1"),
        (again, "plus en réserve : l'institution AMO a retiré K1"),
    ):
        with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
            rows = {row["id"]: row for row in csv.DictReader(handle)}
        assert (rows["K3"]["reason"], rows["K3"]["reserve_rank"]) == (reason, ""), out


def test_a_broken_rule_names_ids_of_any_characters_on_the_board(tmp_path: Path) -> None:
    """Probe s37c: the workbench marked a team or card breaking a rule only when its id was
    of ASCII letters, digits, « _.- »: « Cé1 » oversized and « S&3 » on their employer's
    commission were listed as broken rules, but neither was marked on the board."""
    from matcher.app.board import check_assignment
    from matcher.loading.instance import load_instance

    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type\nCé1,CPAS de Namur,CPAS,a\n"
            "C&2,AMO Le Cercle,jeunesse,b\n",
            "students.csv": "id,name,background,employer\nS1,Ana,AS,\nS&3,Bob,AS,AMO Le Cercle\n"
            "S 6,Chloé,AS,\nS10,Dan,AS,\n2,Eve,AS,\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    instance = load_instance(cohort)
    # Probe s37e: a student whose id is « 2 » was marked by « C&2 has 2 students, expected 3 ».
    board = {"S1": "Cé1", "S 6": "Cé1", "S10": "Cé1", "2": "Cé1", "S&3": "C&2"}
    checked = check_assignment(instance, ["Cé1", "C&2"], board)
    said = {str(v): ids for v, ids in zip(checked.violations, checked.where, strict=True)}
    assert sorted(map(sorted, said.values())) == [["C&2"], ["C&2", "S&3"], ["Cé1"]], said


@pytest.mark.parametrize("crowded", [False, True])
def test_an_arrival_pinned_to_a_reserve_gets_a_whatifs_remedy(
    tmp_path: Path, crowded: bool
) -> None:
    """Probe s37d: an arrival pinned to the reserve C3 was refused with « add C3 to
    [selection] include and select again », a remedy that throws the teams away; a
    what-if keeps the selection, which the sentence now says, with its remedy."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            # crowded: C3 of C1's institution, which include holds to the cap (probe s37e:
            # « take C1 out of include, or allow more proposals per institution »).
            "commissions.csv": "id,institution,sector,problem_type,priority\n"
            "C1,CPAS de Namur,CPAS,évaluation,0\nC2,AMO Le Cercle,jeunesse,diagnostic,0\n"
            + ("C3,CPAS de Namur" if crowded else "C3,Ville de Huy")
            + ",logement,projet,0\nC4,Maison Alpha,logement,projet,5\n",
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 7)),
            "settings.toml": '[selection]\ncount = 3\ninclude = ["C1", "C2"]\n',
        },
    )
    ran = _arrivals_after_run(tmp_path, cohort, "id,background,pinned\nS9,AS,C3\n")
    assert ran.exit_code == 3, ran.output
    said = " ".join(ran.output.split())
    assert (
        "S9 is pinned to C3, which is not a selected commission: a what-if keeps the "
        "selection, so pin them to a selected commission or leave their pin empty"
    ) in said, said
    assert "select again" not in said and "include" not in said
    assert not (tmp_path / "w").exists()


def test_a_chained_whatif_lists_its_own_unreplaced_commissions(tmp_path: Path) -> None:
    """Probe s37d: the what-if after one that withdrew C3 without replacement (a student
    leaving) listed « Withdrawn, not replaced: C3 » in its report and workbook, beside its
    own rows: the chain's total read as this what-if's. Only this what-if's are listed;
    summary.json keeps the chain's."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": TWO_COMMISSIONS + "C3,Ville de Huy,logement,projet\n",
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 10)),
            "settings.toml": "[selection]\ncount = 3\n",
        },
    )
    run, first, second = tmp_path / "res", tmp_path / "w1", tmp_path / "w2"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(run), "--quiet"])
    assert ran.exit_code == 0, ran.output
    for out, source, change in (
        (first, run, ["--withdraw-commission", "C3", "--no-replace"]),
        (second, first, ["--withdraw-student", "S1"]),
    ):
        args = ["whatif", str(cohort), "--from", str(source), "--out", str(out), *change]
        ran = CliRunner().invoke(main, [*args, "--lang", "en", "--quiet"])
        assert ran.exit_code == 0, ran.output
    for out, listed in ((first, True), (second, False)):
        report = (out / "report.html").read_text(encoding="utf-8")
        assert ("<h3>Withdrawn, not replaced</h3>" in report) is listed, out
        rows = openpyxl.load_workbook(out / "result.xlsx")["Changes"].iter_rows(values_only=True)
        assert any(row[:2] == ("Withdrawn, not replaced", "C3") for row in rows) is listed, out
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["unreplaced"] == ["C3"]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["report", "--out", "{out}"],
        ["whatif", "--withdraw-supervisor", "A02", "--out", "{out}"],
    ],
)
def test_a_summary_that_is_a_fifo_is_refused_not_waited_on(
    demo_result: Path, tmp_path: Path, command: list[str]
) -> None:
    """Probe s37a: a summary.json that was a FIFO hung every command reading the result
    (its saved settings looked for with a plain read); refused naming it, exit 2."""
    import subprocess
    import sys

    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    (result / "summary.json").unlink()
    os.mkfifo(result / "summary.json")
    out = tmp_path / "out"
    name, *rest = command
    where = ["--from" if name == "whatif" else "--result", str(result)]
    args = [name, str(DEMO), *where, *(a.format(out=out) for a in rest), "--lang", "en"]
    ran = subprocess.run(
        [sys.executable, "-m", "matcher", *args], capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 2, ran.stderr
    assert "summary.json: cannot be read: this is a device, a pipe or a socket" in ran.stderr
    assert not out.exists()


def test_a_chained_whatif_names_only_its_own_withdrawn_supervisor(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s37e: A02 withdrawn, then a student: the second what-if's changes sheet named
    A02 as withdrawn again, as its own change."""
    first, second = tmp_path / "w1", tmp_path / "w2"
    for out, source, change in (
        (first, demo_result, ["--withdraw-supervisor", "A02"]),
        (second, first, ["--withdraw-student", "S001"]),
    ):
        args = ["whatif", str(DEMO), "--from", str(source), "--out", str(out), *change]
        ran = CliRunner().invoke(main, [*args, "--lang", "en", "--quiet"])
        assert ran.exit_code == 0, ran.output
    for out, named in ((first, True), (second, False)):
        rows = openpyxl.load_workbook(out / "result.xlsx")["Changes"].iter_rows(values_only=True)
        said = [row[1] for row in rows if row[0] == "Supervisor withdrawn (not planned)"]
        assert said == (["Jérôme Simon (A02)"] if named else []), (out, said)


def test_formulas_of_a_workbook_to_be_computed_on_load_are_not_read_as_zero(
    tmp_path: Path,
) -> None:
    """Probe s37f: a workbook written by XlsxWriter (as web applications export) stores 0
    for every formula and asks to be computed when opened (``fullCalcOnLoad``): a priority
    ``=2+3`` was read as 0 and another proposal selected without a word. Such formulas are
    refused as without a saved value; a value typed beside them is read."""
    import xlsxwriter

    path = tmp_path / "cohorte.xlsx"
    book = xlsxwriter.Workbook(str(path))
    proposals = book.add_worksheet("Commandes")
    for row, values in enumerate(
        [
            ("id", "institution", "sector", "problem_type", "priority"),
            ("C1", "CPAS de Namur", "CPAS", "évaluation", 1),
            ("C2", "AMO Le Cercle", "jeunesse", "diagnostic", 1),
        ]
    ):
        proposals.write_row(row, 0, values)
    proposals.write_formula(2, 4, "=2+3")
    students = book.add_worksheet("Étudiants")
    students.write_row(0, 0, ("id", "background"))
    students.write_row(1, 0, ("S1", "AS"))
    book.close()
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert (
        "cohorte.xlsx [Commandes], row 3, column 'priority': formula without a saved value"
    ) in said, said


def test_a_total_typed_under_the_students_is_no_student(tmp_path: Path) -> None:
    """Probe s37f: « Total » with a count of the backgrounds and a sum of the years typed
    under the students was read as a student (background « 27 », 91.5 years of
    experience) and placed in a team. Set aside, said."""
    cohort = _cohort_of(
        tmp_path,
        "id,background,experience_years\nS1,AS,2\nS2,AS,3\nS3,ES,1\nS4,ES,4\n,,\nTotal :,4,10\n",
    )
    out = tmp_path / "res"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.output.split())
    assert (
        "students.csv, row 7: 'Total :' reads as a total typed under the table, not one of its "
        "rows: set aside"
    ) in said, said
    with (out / "teams.csv").open(encoding="utf-8-sig") as handle:
        assert [row["student_id"] for row in csv.DictReader(handle)] == ["S1", "S2", "S3", "S4"]


def test_a_formula_in_the_workbook_beside_teams_csv_is_refused_naming_its_cell(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s37a: a formula without a saved value in result.xlsx's Students sheet, beside
    teams.csv, drew « result.xlsx could not be read; the CSV files are used » and exit 0:
    the director's edit dropped, no cell named. Refused as when the workbook is given."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    book = openpyxl.load_workbook(result / "result.xlsx")
    sheet = book["Students"]
    column = next(c.column for c in sheet[1] if c.value == "commission_id")
    sheet.cell(row=2, column=column, value='="C"&"04"')  # openpyxl stores no value
    book.save(result / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert (
        "result.xlsx (Students), row 2, column 'commission_id': formula without a saved value"
    ) in said, said


def test_a_name_two_supervisors_share_asks_for_the_id(tmp_path: Path) -> None:
    """Probe s37g: two supervisors named Thomas Dubois (A1, A3); a plan file naming
    « Thomas Dubois » was « … is not in supervisors.csv », and ``--withdraw-supervisor
    "Thomas Dubois"`` « no supervisor has this name: did you mean A3 (Thomas Dubois)? ».
    Both now say the name is several supervisors' and which ids to write."""
    from test_probe_s36 import _supervised_run

    supervisors = "id,name\nA1,Thomas Dubois\nA2,Chloé Martin\nA3,Thomas Dubois\n"
    cohort, out = _supervised_run(tmp_path, supervisors)
    args = ["whatif", str(cohort), "--from", str(out), "--out", str(tmp_path / "w")]
    refused = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "Thomas Dubois"])
    assert refused.exit_code == 2, refused.output
    assert (
        "several supervisors of supervisors.csv have this name: give the id of the one who "
        "leaves, A1 or A3"
    ) in " ".join(refused.output.split())
    # Misspelt, both are offered (probe s37h: « did you mean A3 (Thomas Dubois)? » only).
    refused = CliRunner().invoke(main, [*args, "--withdraw-supervisor", "Thomas Dubios"])
    assert refused.exit_code == 2, refused.output
    assert "did you mean A1 (Thomas Dubois) or A3 (Thomas Dubois)?" in refused.output
    supervision = out / "supervision.csv"
    rows = list(csv.reader(supervision.open(encoding="utf-8-sig")))
    kept = list(rows[1])
    rows[1][1] = "Thomas Dubois"
    with supervision.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(out), "--lang", "en"])
    assert ran.exit_code == 3, ran.output
    said = " ".join(ran.output.split())
    assert (
        f"the supervisor of team {rows[1][0]}, 'Thomas Dubois', is the name of several "
        "supervisors of supervisors.csv: write the id of the one meant, A1 or A3"
    ) in said, said
    # In schedule.csv too (probe s37h: « lists Thomas Dubois, but the supervisor is
    # Thomas Dubois (A3) »).
    assert (
        "lists 'Thomas Dubois', the name of several supervisors of supervisors.csv: write "
        "the id of the one meant, A1 or A3"
    ) not in said
    rows[1] = kept  # supervision.csv as written, then the name typed in schedule.csv
    with supervision.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    schedule = out / "schedule.csv"
    events = list(csv.reader(schedule.open(encoding="utf-8-sig")))
    events[1][events[0].index("supervisor_id")] = "Thomas Dubois"
    with schedule.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(events)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(out), "--lang", "en"])
    assert ran.exit_code == 3, ran.output
    assert (
        "lists 'Thomas Dubois', the name of several supervisors of supervisors.csv: write "
        "the id of the one meant, A1 or A3"
    ) in " ".join(ran.output.split()), ran.output


@pytest.mark.parametrize(("cell", "dated"), [("7 ans", False), ("12 mois", False), ("3-mai", True)])
def test_only_a_month_makes_a_number_cell_a_date(tmp_path: Path, cell: str, dated: bool) -> None:
    """Probe s37f: « 7 ans » and « 12 mois » in the experience column were refused with
    « (a date: a spreadsheet makes one of 3/5 or 3-5 …) »: a day and a word were taken for
    a date. Only a month's name is; the refusal stands either way."""
    cohort = _cohort_of(tmp_path, f"id,background,experience_years\nS1,AS,{cell}\nS2,AS,2\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    said = " ".join(ran.output.split())
    assert f"'{cell}' is not a number" in said, said
    assert ("(a date:" in said) is dated, said


def test_a_header_too_long_is_named_by_its_start(tmp_path: Path) -> None:
    """Probe s37a: a header of 20,000 characters was printed whole in its own refusal
    (20,162 characters on the terminal); named by its start and its length."""
    cohort = _cohort_of(tmp_path, f"id,background,{'h' * 20_000}\nS1,AS,x\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert len(ran.output) < 1_000, len(ran.output)
    assert "(20000 characters in all)" in ran.output, ran.output


@pytest.mark.parametrize("command", ["check", "whatif"])
def test_a_town_typed_in_the_schedule_is_said_kept_from_the_proposals(
    demo_result: Path, tmp_path: Path, command: str
) -> None:
    """Probe s37g: a visit's town changed in schedule.csv (the visit held elsewhere) was
    undone by `check` and `report` without a word; said, with where to change it. Probe
    s37h (left then, session 38): a what-if re-planning from it said nothing either."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    schedule = result / "schedule.csv"
    rows = list(csv.reader(schedule.open(encoding="utf-8-sig")))
    town = rows[0].index("town")
    team, was = rows[1][1], rows[1][town]
    rows[1][town] = "Bastogne"
    with schedule.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    args = ["check", str(DEMO), "--result", str(result)]
    if command == "whatif":
        leaving = rows[1][rows[0].index("supervisor_id")]
        args = ["whatif", str(DEMO), "--from", str(result), "--out", str(tmp_path / "w")]
        args += ["--withdraw-supervisor", leaving, "--no-explain"]
    ran = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    assert (
        f"schedule.csv, row 2, column 'town': 'Bastogne' is not the town of {team} in "
        f"commissions.csv ('{was}'), which the plan and calendar.ics keep"
    ) in " ".join(ran.output.split()), ran.output


def test_a_slot_written_as_its_day_in_the_schedule_is_that_slot(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s37g: an oral's slot retyped as its day (« 21/05/2027 » for oral-2027-05-21)
    was « not an oral slot », then « [calendar] dates gives no date for 21/05/2027 »,
    where commissions.csv and supervisors.csv read a day as the slot dated so."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    schedule = result / "schedule.csv"
    rows = list(csv.reader(schedule.open(encoding="utf-8-sig")))
    slot = rows[0].index("slot")
    row = next(r for r in rows[1:] if r[0] == "oral")
    year, month, day = row[slot].removeprefix("oral-").split("-")
    row[slot] = f"{day}/{month}/{year}"
    with schedule.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert ran.exit_code == 0, ran.output


@pytest.mark.parametrize("name", ["Somme", "Sommé", "Total"])
def test_a_student_named_like_a_total_is_a_student(tmp_path: Path, name: str) -> None:
    """Probe s37h: the last student of a file whose first column is the name, « Somme »
    (a surname), was set aside as a total, the cohort one student short. A total has
    numbers only beside its word; a student has a matricule, a background…"""
    cohort = _cohort_of(tmp_path, f"name,id,background\nAna,S1,AS\nBob,S2,ES\n{name},S3,AS\n")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    assert "students: 3" in ran.output and "reads as a total" not in ran.output, ran.output


def test_a_workbook_of_two_supervisors_named_alike_is_checked_as_written(
    tmp_path: Path,
) -> None:
    """Probe s37h: supervisors « Thomas Dubois » and « Thomas DUBOIS »: the Schedule sheet
    told them apart only when their names were equal as written, the readers folding
    case; `check` of the workbook as written then said the name several supervisors'."""
    from test_probe_s36 import _supervised_run

    supervisors = "id,name\nA1,Thomas Dubois\nA2,Thomas DUBOIS\n"
    cohort, out = _supervised_run(tmp_path, supervisors)
    book = out / "result.xlsx"
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(book), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    assert "several supervisors" not in ran.output


def test_a_team_broken_marks_no_student_of_its_id(tmp_path: Path) -> None:
    """Probe s37h: commissions « 1 », « 2 » and students « 1 » … « 4 »: team 2 over its
    size marked the cards of students 1 and 2, who break nothing."""
    from matcher.app.board import check_assignment
    from matcher.loading.instance import load_instance

    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type\n1,CPAS,a,x\n2,AMO,b,y\n",
            "students.csv": "id,background\n1,AS\n2,AS\n3,AS\n4,AS\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    checked = check_assignment(
        load_instance(cohort), ["1", "2"], {"1": "2", "2": "2", "3": "2", "4": "1"}
    )
    assert checked.teams_named == {"1", "2"}
    assert checked.students_named == set()


def test_the_workbook_names_a_withdrawn_supervisor_without_a_team(tmp_path: Path) -> None:
    """Probe s37h: a supervisor withdrawn who had no team (nothing reassigned) was named
    by the terminal and the report, not by the workbook's changes sheet."""
    from test_probe_s36 import _supervised_run

    cohort, out = _supervised_run(tmp_path, "id,name\nA1,Anne\nA2,Bruno\nA3,Chloé\n")
    rows = list(csv.reader((out / "supervision.csv").open(encoding="utf-8-sig")))
    idle = next(s for s in ("A1", "A2", "A3") if s not in {r[1] for r in rows[1:]})
    args = ["whatif", str(cohort), "--from", str(out), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", idle, "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    sheet = openpyxl.load_workbook(tmp_path / "w" / "result.xlsx")["Changes"]
    said = [
        r[1]
        for r in sheet.iter_rows(values_only=True)
        if r[0] == "Supervisor withdrawn (not planned)"
    ]
    assert len(said) == 1 and f"({idle})" in said[0], said


def test_a_formula_in_the_schedule_sheet_beside_the_plan_files_is_refused(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s37h: a formula without a saved value in result.xlsx's Schedule sheet, beside
    schedule.csv, drew « result.xlsx could not be read » naming no cell, exit 0."""
    result = Path(shutil.copytree(demo_result, tmp_path / "res"))
    book = openpyxl.load_workbook(result / "result.xlsx")
    book["Schedule"]["H2"] = "=TIME(9,0,0)"
    book.save(result / "result.xlsx")
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "result.xlsx (Schedule), row 2, column" in ran.output, ran.output
    assert "formula without a saved value" in ran.output
