"""Session 33: defects found by probes and by the list left open in session 32, each with
a test that fails on the code before its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_probe_s19g import cohort  # noqa: F401  (a fixture)
from test_teams import cohort as team_cohort
from test_teams import student

from matcher.cli import main
from matcher.verify.teams import team_violations


def test_a_conflict_of_interest_names_a_nameless_student_once() -> None:
    # Session 32 left « S1 (S1) est dans C1 … »: the conflict sentence wrote « {id} ({name}) »
    # itself, where every other broken rule names a student without a name by the id alone.
    students = [
        student("S1", employer="Inst C1"),
        student("S2", name="Ana Lima", employer="Inst C2"),
    ]
    instance, ids = team_cohort(students, 2, min_size=1, max_size=1)
    said = [str(v) for v in team_violations(instance, ids, {"S1": "C1", "S2": "C2"})]
    assert said == [
        "S1 is in C1 whose institution is their employer (Inst C1)",
        "S2 (Ana Lima) is in C2 whose institution is their employer (Inst C2)",
    ]


@pytest.mark.parametrize(
    ("line", "lang", "said"),
    [
        ("[selection]\nrequired_slots = [01/10/2026]", "fr", "« 01/10/2026 »"),
        ("[selection]\nrequired_slots = [01/10/2026]", "fr", 'guillemets droits ("01/10/2026")'),
        ("[calendar]\ndates = { visit = 1-10-2026 }", "en", 'double quotes ("1-10-2026")'),
        ('[calendar]\ndates = { visit = "1/10/2026", oral = 15.04.2027 }', "en", "'15.04.2027'"),
    ],
)
def test_an_unquoted_date_in_settings_says_to_quote_it(
    cohort: Path,  # noqa: F811
    line: str,
    lang: str,
    said: str,
) -> None:
    # Session 32 left « une liste [ … ] n'est pas refermée » for a list of dates typed as
    # Belgium writes them: TOML reads only ISO dates unquoted, and the list was closed.
    (cohort / "settings.toml").write_text(f"{line}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    assert result.exit_code == 2
    assert said in result.stderr and "settings.toml" in result.stderr
    assert "ligne 2" in result.stderr or "line 2" in result.stderr


def _moved_in_teams_csv(demo_result: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the demo's result whose teams.csv moves its first student to another team
    by changing ``commission_id`` alone, the edit the README describes (result.xlsx left)."""
    import csv

    folder = tmp_path / "edited"
    shutil.copytree(demo_result, folder)
    path = folder / "teams.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    student, was = rows[0]["student_id"], rows[0]["commission_id"]
    rows[0]["commission_id"] = next(r["commission_id"] for r in rows if r["commission_id"] != was)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder, student, rows[0]["commission_id"]


def test_a_whatif_advises_its_own_option_for_the_workbook(
    demo_result: Path, tmp_path: Path
) -> None:
    # Probe s33e: `whatif --from` told the director to « donnez result.xlsx lui-même à
    # --result », an option whatif does not have.
    folder, student, _ = _moved_in_teams_csv(demo_result, tmp_path)
    ran = CliRunner().invoke(
        main,
        [
            "whatif",
            "instances/demo",
            "--from",
            str(folder),
            "--out",
            str(tmp_path / "w"),
            "--withdraw-student",
            student,
            "--lang",
            "fr",
            "--no-explain",
        ],
    )
    assert ran.exit_code == 0, ran.output
    assert "donnez result.xlsx lui-même à --from)" in ran.output
    assert "--result" not in ran.output
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "en"]
    )
    assert "give result.xlsx itself to --result)" in ran.output


def test_a_commission_id_edited_beside_the_workbook_draws_no_institution_warning(
    demo_result: Path, tmp_path: Path
) -> None:
    # Probe s33e: changing commission_id in teams.csv, as the README says, drew « la colonne
    # « institution » … n'est pas lue (si vous l'avez changée pour déplacer des étudiants,
    # changez plutôt « commission_id ») », advice the director had followed. The workbook's
    # team sheets say where the student was: the institution cell is theirs, left as it was.
    folder, student, team = _moved_in_teams_csv(demo_result, tmp_path)
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert "« institution »" not in ran.output
    # Without the workbook, the mismatch is said in words true of either edit.
    (folder / "result.xlsx").unlink()
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert f"{student} est placé·e dans {team}" in ran.output
    assert "seule « commission_id » déplace un·e étudiant·e" in ran.output


def test_report_prints_no_empty_priority_columns(demo_result: Path, tmp_path: Path) -> None:
    # Probe s33e: `report`'s summary table had the headers Priority, Value, Bound over empty
    # rows (no stage is optimised there): values seemed missing. The edit's cost follows it.
    ran = CliRunner().invoke(
        main,
        [
            "report",
            "instances/demo",
            "--result",
            str(demo_result),
            "--out",
            str(tmp_path / "r"),
            "--lang",
            "fr",
        ],
    )
    assert ran.exit_code == 0, ran.output
    lines = ran.output.splitlines()
    header = lines[lines.index(next(x for x in lines if x.startswith("Résumé"))) + 1]
    assert header.split() == ["Étape", "Statut", "Temps"]


def test_a_total_typed_under_the_students_table_is_not_read(
    demo_result: Path, tmp_path: Path
) -> None:
    # Probe s33e: « Total : 60 étudiants » typed in the name column under the last row made
    # the whole result invalid (« cellule vide : il faut un matricule »). A row with neither
    # a student nor a commission places nobody: it is set aside, with a warning.
    import openpyxl

    folder = tmp_path / "total"
    shutil.copytree(demo_result, folder)
    (folder / "teams.csv").unlink()
    book = openpyxl.load_workbook(folder / "result.xlsx")
    sheet = book["Étudiants"] if "Étudiants" in book.sheetnames else book["Students"]
    below = sheet.max_row + 2
    sheet.cell(row=below, column=2, value="Total : 60 étudiants")
    book.save(folder / "result.xlsx")
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert ran.exit_code == 0, ran.output
    assert f"ligne {below} : ni étudiant·e ni commande : la ligne n'est pas lue" in ran.output
    # A row naming a team but no student is still refused: it would place someone.
    sheet.cell(row=below, column=3, value="C06")
    book.save(folder / "result.xlsx")
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert ran.exit_code == 2
    assert f"ligne {below}" in ran.output


def test_a_student_on_a_commission_not_selected_got_no_choice() -> None:
    # Probe s33e: a student edited onto a withdrawn commission, their first choice, counted
    # as placed on it (first_choice_share rose) while first_choice_unavailable counted that
    # choice as not selected: « no figure overstates what they got » (contract §5).
    from matcher.verify.teams import team_metrics

    students = [student("S1", choices=("C3", "C1")), student("S2", choices=("C1", "C2"))]
    instance, ids = team_cohort(students, 2)
    instance = instance.model_copy(
        update={
            "commissions": [
                *instance.commissions,
                instance.commissions[0].model_copy(update={"id": "C3", "institution": "Inst C3"}),
            ]
        }
    )
    metrics = team_metrics(instance, ids, {"S1": "C3", "S2": "C1"})
    # Two students with choices; S2 alone is on a team, their first choice.
    assert metrics["first_choice_share"] == 0.5
    assert metrics["first_choice_unavailable"] == 1
    assert metrics["listed_share"] == 0.5
    assert metrics["unlisted"] == 0


def test_an_institution_typed_as_a_commission_suggests_its_commission(
    demo_result: Path, tmp_path: Path
) -> None:
    # Probe s33e: the institution's name typed in commission_id got no « vouliez-vous
    # dire … ? »; the one commission of that institution is the one meant.
    import csv

    folder = tmp_path / "institution"
    shutil.copytree(demo_result, folder)
    path = folder / "teams.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    team, institution = rows[0]["commission_id"], rows[0]["institution"]
    rows[0]["commission_id"] = institution.upper()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert ran.exit_code == 2
    # The demo's institution proposed C02 and C13 (C02 selected): both are named.
    assert team == "C02"
    assert "vouliez-vous dire C02 ou C13 ?" in ran.output


def _table(header: list[str]) -> object:
    from matcher.loading.tables import RawTable

    return RawTable("students.csv", tuple(header), ((2, tuple("x" for _ in header)),))


@pytest.mark.parametrize(
    ("header", "said"),
    [
        # Probe s33d: each was dropped without a word, and its rule with it.
        (
            ["Matricule étudiant", "Formation initiale", "Employeur actuel"],
            ["matricule", "employeur"],
        ),
        (["Matricule", "Formation", "Commande imposée", "Vœux"], ["imposée"]),
        # Session 34: both columns it may be are named (it was said « nom » only).
        (["id", "Formation", "Nom de l'employeur"], ["nom", "employeur"]),
        # An exact header names the column: the other one is not said.
        (["id", "Formation", "Adresse de l'employeur", "Employeur"], []),
        # Numbered choice columns are the choices: a comment on them is not.
        (["id", "Formation", "Choix 1", "Choix 2", "Commentaire sur le choix"], []),
    ],
)
def test_a_header_holding_an_accepted_name_is_said_unread(
    header: list[str], said: list[str]
) -> None:
    # Probe s33h: read as that column, « Secteur de l'employeur » became the employer,
    # « Genre de public » the gender, « Code postal » the id, and files that were valid
    # were refused: unknown columns are ignored (contract §1), only said.
    from matcher.loading.columns import STUDENT_COLUMNS, STUDENT_REQUIRED, map_columns

    columns = map_columns(
        _table(header), STUDENT_COLUMNS, STUDENT_REQUIRED, [], choice_columns=True, loose=True
    )  # type: ignore[arg-type]
    assert [a for _, aliases in columns.loose for a in aliases] == said
    assert "employer" not in columns.index or header[columns.index["employer"]] == "Employeur"
    assert "Vœux" not in [h for h, _ in columns.loose]  # an accepted name (choices)


def test_a_header_holding_an_accepted_name_is_said_by_validate(tmp_path: Path) -> None:
    # Probe s33d: « Employeur actuel » was not read, so a student was placed on their
    # employer's commission, without a word. Still not read (it may be anything), but said.
    shutil.copytree("instances/demo", tmp_path / "cohorte")
    path = tmp_path / "cohorte" / "students.csv"
    text_ = path.read_text(encoding="utf-8")
    path.write_text(text_.replace(",employer,", ",Employeur actuel,", 1), encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(tmp_path / "cohorte"), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = "la colonne « Employeur actuel » n'est pas lue ; si c'est la colonne « employeur »"
    assert said in ran.output


def _cohort(folder: Path, **files: str) -> Path:
    """``folder`` made, holding each file given (``commissions``, ``students``,
    ``supervisors`` as CSV, ``settings`` as settings.toml)."""
    folder.mkdir()
    for name, content in files.items():
        suffix = ".toml" if name == "settings" else ".csv"
        (folder / f"{name}{suffix}").write_text(content, encoding="utf-8")
    return folder


def _demo_book(path: Path) -> None:
    """The demo's commissions and students as one workbook (French sheet names)."""
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, name in (("Propositions", "commissions.csv"), ("Étudiants", "students.csv")):
        sheet = book.create_sheet(title)
        with open(f"instances/demo/{name}", encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rows_hidden_in_a_workbook_are_said(tmp_path: Path, lang: str) -> None:
    # Probe s33d: a secretary hides the row of a withdrawn proposal; it was read (and
    # selected) without a word. Read as before, said with its sheet and rows.
    import openpyxl

    path = tmp_path / "cohorte.xlsx"
    _demo_book(path)
    book = openpyxl.load_workbook(path)
    book["Propositions"].row_dimensions[6].hidden = True
    book["Étudiants"].row_dimensions[3].hidden = True
    book["Étudiants"].row_dimensions[9].hidden = True
    book.save(path)
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", lang])
    assert ran.exit_code == 0, ran.output
    said = {
        "fr": [
            "cohorte.xlsx [Propositions] : la ligne 6 est masquée dans le tableur",
            "cohorte.xlsx [Étudiants] : les lignes 3 et 9 sont masquées",
        ],
        "en": [
            "cohorte.xlsx [Propositions]: row 6 is hidden in the spreadsheet",
            "cohorte.xlsx [Étudiants]: rows 3 and 9 are hidden",
        ],
    }[lang]
    for sentence in said:
        assert sentence in ran.output


@pytest.mark.parametrize("written", ["01-oct.-26", "1-oct-26", "01-oct-2026", "1-Oct-26"])
def test_excels_medium_date_is_a_day(written: str) -> None:
    # Probe s33d: a French Excel's « jj-mmm-aa » date cell exports to CSV as « 01-oct.-26 »;
    # as a slot it was no day, so a proposal available that day was « non disponible ».
    from matcher.text import day_of, slot_key

    assert day_of(written) == "2026-10-01"
    assert slot_key(written) == slot_key("1/10/2026")
    assert day_of("1-foo-26") is None
    # Probe s33h: January and February, as French Excel abbreviates them.
    assert day_of("12-janv.-27") == "2027-01-12" and day_of("15-févr.-27") == "2027-02-15"
    assert day_of("1 janv. 2027") == "2027-01-01"


def test_a_workbook_without_settings_is_told_its_own_settings_file(tmp_path: Path) -> None:
    # Probe s33d: a workbook of 6 proposals and no settings was told « écrivez un count de
    # 1 à 6 … dans settings.toml »; the README reads cohorte.settings.toml first, and a
    # settings.toml would apply to every workbook of the folder.
    import openpyxl

    path = tmp_path / "cohorte.xlsx"
    _demo_book(path)
    book = openpyxl.load_workbook(path)
    book["Propositions"].delete_rows(8, 100)
    book.remove(book["Étudiants"])
    book.save(path)
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert ran.exit_code == 2
    assert "sous [selection] dans cohorte.settings.toml" in ran.output


def test_several_workers_with_no_isolation_do_not_abort(tmp_path: Path) -> None:
    # Probe s33a: with `--workers 2`, a complete-hint solve (assignment fixed, presolve off)
    # whose hint broke `no_isolation` aborted the process inside CP-SAT (SIGABRT, exit 134,
    # nothing written; the workbench's server died with it). One worker is right: E5 and
    # E6 (VAE) cannot be alone in a team, E6 not in C1 (employer), E4 pinned to C2.
    import subprocess
    import sys

    folder = _cohort(
        tmp_path / "crash",
        commissions=(
            "id,institution,sector,problem_type\nC1,Croix-Rouge,CPAS,diagnostic\n"
            "C2,La Maison,jeunesse,évaluation\nC3,Le Cercle,aînés,étude\n"
        ),
        students=(
            "id,background,vae,employer,choices,pinned\nE1,GRH,,,,\nE2,éduc,,,,\n"
            "E3,infirmier,,,,\nE4,infirmier,,,,C2\nE5,infirmier,oui,,C1,\n"
            "E6,éduc,oui,Croix-Rouge,C1,\n"
        ),
        settings='[selection]\ncount = 3\n[teams]\nno_isolation = ["vae=yes"]\n',
    )
    out = tmp_path / "out"
    ran = subprocess.run(
        [sys.executable, "-m", "matcher", "run", str(folder), "--out", str(out),
         "--workers", "2", "--no-explain", "--quiet"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    rows = {line.split(",")[0]: line.split(",")[2] for line in teams.splitlines()[1:]}
    assert rows["E5"] == rows["E6"] != "C1" and rows["E4"] == "C2"


def test_an_employer_taken_for_an_institution_with_the_rule_off_is_not_kept_off(
    tmp_path: Path,
) -> None:
    # Probe s33a: with conflict_of_interest = false the warning still said « cet étudiant ne
    # rejoint pas sa commande », and teams.csv put him there.
    folder = _cohort(
        tmp_path / "coi",
        commissions=(
            "id,institution,sector,problem_type\nC1,CPAS de Namur,CPAS,diagnostic\n"
            "C2,La Maison,jeunesse,évaluation\nC3,Hôpital Saint-Luc,santé,étude\n"
        ),
        students="id,background,employer,choices\nE1,AS,Saint-Luc,C3\nE2,AS,,\nE3,AS,,\n",
    )
    settings = "[selection]\ncount = 3\n[teams]\nconflict_of_interest = false\n"
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(folder), "--lang", "fr"])
    assert "conflict_of_interest vaut false : cet étudiant peut rejoindre sa commande" in (
        ran.output
    )
    assert "ne rejoint pas" not in ran.output
    (folder / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(folder), "--lang", "fr"])
    assert "cet étudiant ne rejoint pas sa commande" in ran.output


def test_explanations_tell_apart_students_of_one_name(tmp_path: Path) -> None:
    # Probe s33a: « Jean Martin irait dans C3 » where E2 and E4 are both Jean Martin. Each
    # team holds 2; everyone wrote C1 first, so someone is pushed to their third choice.
    folder = _cohort(
        tmp_path / "names",
        commissions=(
            "id;institution;sector;problem_type\nC1;CPAS de Namur;CPAS;évaluation\n"
            "C2;Le Cercle;jeunesse;diagnostic\nC3;La Maison;handicap;évaluation\n"
        ),
        students=(
            "matricule;prénom;nom;formation;choix 1;choix 2;choix 3\n"
            "E1;Marie;Dupont;AS;C1;C2;C3\nE2;Jean;Martin;AS;C1;C2;C3\n"
            "E3;Éloïse;Lefèvre;GRH;C1;C3;C2\nE4;Jean;Martin;GRH;C1;C2;C3\n"
            "E5;Ana;Dupont;éduc;C1;C3;C2\nE6;Zoé;Simon;éduc;C2;C1;C3\n"
        ),
        settings="[selection]\ncount = 3\n[teams]\nmax_size = 2\n",
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(folder), "--out", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = (out / "explanations.csv").read_text(encoding="utf-8-sig")
    assert "Jean Martin (E" in said
    assert "Jean Martin irait" not in said and "Jean Martin passe" not in said


def test_a_choice_written_as_an_institution_suggests_its_proposals(tmp_path: Path) -> None:
    # Probe s33d: « CPAS de Namur » in « Choix n°1 » got no « vouliez-vous dire … ? ».
    shutil.copytree("instances/demo", tmp_path / "cohorte")
    path = tmp_path / "cohorte" / "students.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("C15;C17", "agence immobilière sociale de HUY;C17")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(tmp_path / "cohorte"), "--lang", "fr"])
    assert ran.exit_code == 2
    # The demo's institution proposed C02 and C13.
    assert "vouliez-vous dire C02 ou C13 ?" in ran.output


def test_pairs_without_students_are_said_unchecked(tmp_path: Path) -> None:
    # Probe s33d: a workbook whose students sheet was named « Inscrits » (not read then)
    # beside a pairs sheet: `validate` said « les données sont valides » alone, the pairs'
    # students unchecked, and `run` refused them. « Inscrits » is now the students' sheet;
    # pairs with no students table at all are said unchecked.
    import openpyxl

    path = tmp_path / "cohorte.xlsx"
    _demo_book(path)
    book = openpyxl.load_workbook(path)
    book["Étudiants"].title = "Inscrits"
    pairs = book.create_sheet("Binômes")
    pairs.append(["student_a", "student_b", "relation"])
    pairs.append(["S001", "S002", "apart"])
    book.save(path)
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    assert "étudiants : 60\n" in ran.output
    book.remove(book["Inscrits"])
    book.save(path)
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert "[Binômes] : ses étudiants ne sont pas vérifiés, faute de tableau des étudiants" in (
        ran.output
    )


def test_supervisors_singular_headers_are_read(tmp_path: Path) -> None:
    # Probe s33c: « Indisponibilité » (singular) was not read, and A1 was given visits on
    # the slot she could not attend; « Secteur » lost her expertise.
    from matcher.loading.supervisors import read_supervisors

    path = tmp_path / "accompagnateurs.csv"
    path.write_text(
        "Identifiant,Nom,Équipes max,Secteur,Lien,Indisponibilité\n"
        "A1,Anne,,CPAS,CPAS de Namur,visit\nA2,Bruno,,,,\n",
        encoding="utf-8",
    )
    first, _ = read_supervisors(path)
    assert first.unavailable == ("visit",)
    assert first.sectors == ("CPAS",)
    assert first.ties == ("CPAS de Namur",)


def test_an_oral_slot_nobody_attends_is_said_so(tmp_path: Path) -> None:
    # Probe s33c: « … but — can attend at most 0 there »: both supervisors are away on
    # oral_thu (one by its label, one by its date), the only oral slot of P1 and P2.
    folder = _cohort(
        tmp_path / "c",
        commissions=(
            "id,institution,sector,problem_type,town,slots\n"
            "P1,CPAS de Namur,CPAS,évaluation,Namur,visit;oral_thu\n"
            "P2,AMO Le Cercle,aide à la jeunesse,diagnostic,Liège,visit;oral_thu\n"
            "P3,Maison médicale,santé,évaluation,Huy,visit;oral_thu;oral_fri\n"
        ),
        students="id,name,background\nS1,A,x\nS2,B,x\nS3,C,y\nS4,D,y\nS5,E,z\nS6,F,z\n",
        settings=(
            '[selection]\ncount = 3\n[calendar]\ndates = { visit = "9/10/2026", oral_thu = '
            '"2027-04-15", oral_fri = "2027-04-16" }\n'
        ),
        supervisors=(
            "id,name,max_teams,sectors,ties,unavailable\nA1,Anne Lambert,,,,oral_thu\n"
            "A2,Bruno Petit,,,,15/4/2027\n"
        ),
    )
    for lang, said in (
        ("en", "(P1, P2; 120 minutes of orals), but no supervisor is available there"),
        ("fr", "mais aucun·e accompagnateur·rice n'y est disponible"),
    ):
        ran = CliRunner().invoke(
            main, ["run", str(folder), "--out", str(tmp_path / lang), "--lang", lang]
        )
        assert ran.exit_code == 3
        assert said in ran.output and "—" not in ran.output


#: Four proposals in three towns, and eight students without choices (stage 3's probes).
_FOUR_TOWNS = (
    "id,institution,sector,problem_type,town\nP1,I1,s1,p,Namur\nP2,I2,s2,p,Huy\n"
    "P3,I3,s3,p,Liège\nP4,I4,s4,p,Namur\n"
)
_EIGHT_STUDENTS = "id,background\n" + "".join(f"S{i},x\n" for i in range(8))


def test_a_supervisor_who_can_take_none_counts_for_none(tmp_path: Path) -> None:
    # Probe s33c: « the supervisors take at most 3 together: … Bruno Petit takes at most 2
    # teams (…, Bruno Petit included, who can take none …) »: Bruno is away on the only oral
    # slot, so only Anne's 1 team can be taken.
    folder = _cohort(
        tmp_path / "c",
        commissions=_FOUR_TOWNS,
        students=_EIGHT_STUDENTS,
        settings='[selection]\ncount = 4\n[calendar]\noral_slots = ["oral_thu"]\n',
        supervisors=(
            "id,name,max_teams,unavailable\nA1,Anne Lambert,1,\nA2,Bruno Petit,,oral_thu\n"
        ),
    )
    ran = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "o")])
    assert ran.exit_code == 3
    assert "take at most 1 together" in ran.output
    assert "Bruno Petit can take no team, being unavailable" in ran.output
    assert "Bruno Petit takes at most" not in ran.output


def test_the_calendars_name_is_escaped_text(demo_result: Path, tmp_path: Path) -> None:
    # Probe s33c: a cohort named « Louvain-la-Neuve, «Groupe; B» » gave X-WR-CALNAME with a
    # raw comma and semicolon (RFC 5545: an X- property is TEXT, they are escaped).
    import icalendar

    folder = tmp_path / "Louvain, Groupe; B"
    shutil.copytree("instances/demo", folder)
    ran = CliRunner().invoke(
        main, ["plan", str(folder), "--result", str(demo_result), "--out", str(tmp_path / "p")]
    )
    assert ran.exit_code == 0, ran.output
    data = (tmp_path / "p" / "calendar.ics").read_bytes()
    line = next(x for x in data.split(b"\r\n") if x.startswith(b"X-WR-CALNAME"))
    assert b"Louvain\\, Groupe\\; B" in line
    icalendar.Calendar.from_ical(data)  # still a calendar icalendar reads


@pytest.mark.parametrize(
    "above",
    [
        ["Master en ingénierie sociale", "Commandes reçues 2026-2027"],
        ["Promotion;2026-2027", "Responsable;J. Dupont"],
        ["Commandes reçues", "Promotion;2026-2027"],
    ],
)
def test_several_title_lines_above_the_headers_are_set_aside(
    tmp_path: Path, above: list[str]
) -> None:
    # Probe s33d: a title then a subtitle gave four « colonne obligatoire « id » absente …
    # colonnes trouvées : « Master en ingénierie sociale » »; one title line was set aside.
    folder = tmp_path / "cohorte"
    shutil.copytree("instances/demo", folder)
    path = folder / "commissions.csv"
    text_ = path.read_text(encoding="utf-8")
    width = text_.splitlines()[0].count(",")
    tops = [row.replace(";", ",") + "," * (width - row.count(";")) for row in above]
    path.write_text("\n".join(tops) + "\n" + text_, encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(folder), "--lang", "fr"])
    said = ran.output
    assert "sont en ligne 3" in said and "colonne obligatoire" not in said, said


def test_one_supervisors_visits_count_every_gap_not_only_the_next(tmp_path: Path) -> None:
    # Probe s33c: with same_town_minutes (90) above travel_minutes (10), « P1 in Namur, P2
    # in Huy and P3 in Namur need 60 + 10 + 60 + 10 + 60 = 200 minutes, the window has
    # 200 »: P1 and P3 keep 90 minutes between them around P2, so 210 at least.
    folder = _cohort(
        tmp_path / "tri",
        commissions=(
            "id,institution,sector,problem_type,town\nP1,Inst A,s1,p,Namur\nP2,Inst B,s2,p,Huy\n"
            "P3,Inst C,s3,p,Namur\n"
        ),
        students=("id,background\n" + "".join(f"S{i},x\n" for i in range(6))),
        settings=(
            '[selection]\ncount = 3\n[calendar]\nvisit_window = ["09:00", "12:20"]\n'
            "visit_minutes = 60\ntravel_minutes = 10\nsame_town_minutes = 90\n"
        ),
        supervisors="id,name,max_teams\nA1,Anne Lambert,3\n",
    )
    ran = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "o")])
    assert ran.exit_code == 3
    assert "they need at least 210 minutes, the window 09:00–12:20 has 200" in ran.output


def test_a_total_in_the_first_column_of_a_team_list_is_not_read(
    demo_result: Path, tmp_path: Path
) -> None:
    # Probe s33h: « Total;60 » under teams.csv was « « Total » n'est pas un matricule … lancez
    # matcher whatif --withdraw-student Total ».
    folder = tmp_path / "total"
    shutil.copytree(demo_result, folder)
    path = folder / "teams.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_text("\n".join([*lines, "Total :,60"]) + "\n", encoding="utf-8-sig")
    ran = CliRunner().invoke(
        main, ["check", "instances/demo", "--result", str(folder), "--lang", "fr"]
    )
    assert ran.exit_code == 0, ran.output
    # Since session 37 set aside with every table's totals (probe s37f), said so.
    assert (
        f"teams.csv, ligne {len(lines) + 1} : « Total : » se lit comme un total tapé sous le"
        " tableau"
    ) in " ".join(ran.output.split())


def test_the_orals_count_leaves_out_a_supervisor_away_on_the_visit(tmp_path: Path) -> None:
    # Probe s33h: « mais Anne Lambert et Bruno Petit peuvent en suivre au plus 3 » where
    # Bruno, away on the visit slot, takes no team: only Anne's 1 oral counts.
    folder = _cohort(
        tmp_path / "c",
        commissions=_FOUR_TOWNS,
        students=_EIGHT_STUDENTS,
        settings="[selection]\ncount = 4\n",
        supervisors=(
            "id,name,max_teams,unavailable\nA1,Anne Lambert,1,\nA2,Bruno Petit,,visit\n"
            "A3,Chloé Martin,,oral_thu;oral_fri\n"
        ),
    )
    ran = CliRunner().invoke(main, ["run", str(folder), "--out", str(tmp_path / "o")])
    assert ran.exit_code == 3
    assert "but Anne Lambert can attend at most 1:" in ran.output
