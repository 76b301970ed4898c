"""Session 35's fixes on the command line, each with the probe that found it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from cohortfiles import TWO_COMMISSIONS, write_cohort

from matcher.cli import main


def _cohort(folder: Path) -> Path:
    """Two commissions, six students: small enough to solve in a moment."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(TWO_COMMISSIONS, encoding="utf-8")
    rows = [f"S{i},AS,C{1 + i % 2};C{2 - i % 2}" for i in range(1, 7)]
    (folder / "students.csv").write_text(
        "id,background,choices\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("s35")
    cohort = _cohort(base / "cohort")
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(base / "res"), "--quiet"])
    assert ran.exit_code == 0, ran.output
    return cohort, base / "res"


def test_an_error_in_a_column_added_to_teams_csv_is_said_not_refused(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s34f: « #N/A » in a « Remarque » column the director added to teams.csv (a
    failed lookup) refused the whole result, exit 2. Now ``check`` reads the result and says
    the column is not read; the same error in commission_id is still refused, row named."""
    cohort, result = solved
    edited = tmp_path / "res"
    shutil.copytree(result, edited)
    path = edited / "teams.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    noted = [lines[0] + ",Remarque"] + [line + ",#N/A" for line in lines[1:3]] + lines[3:]
    path.write_text("\n".join(noted) + "\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(edited), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, ran.output
    assert "colonne « Remarque »" in said and "lignes 2 et 3" in said, said
    header = lines[0].split(",")
    at = header.index("commission_id")
    row = lines[1].split(",")
    row[at] = "#N/A"
    path.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(edited)])
    assert ran.exit_code == 2, ran.output
    assert "row 2, column 'commission_id'" in ran.output and "#N/A" in ran.output, ran.output


def test_an_error_in_a_column_added_to_the_students_sheet_is_said_not_refused(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """The same in result.xlsx sent back alone: an error value in a column added to the
    Students sheet is said (sheet and column named), the result read (exit 0)."""
    cohort, result = solved
    book = tmp_path / "result.xlsx"
    shutil.copy(result / "result.xlsx", book)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Students"]
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column, value="Remark")
    sheet.cell(row=3, column=column, value="#DIV/0!")
    assert sheet.cell(row=3, column=column).data_type == "e"
    workbook.save(book)
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(book)])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, ran.output
    assert "result.xlsx (Students)" in said and "'Remark'" in said and "row 3" in said, said


def test_an_institution_withdrawn_is_worded_whatever_its_gender() -> None:
    """Probe s34e: « plus en réserve : CPAS de Namur s'est retirée » (a CPAS is masculine).
    Now « l'institution CPAS de Namur s'est retirée »; a reason written by an earlier
    version is still read back as matcher's own, worded again in the reader's language."""
    from matcher.labels import text, worded
    from matcher.loading.reasons import reason_read_back
    from matcher.schemas import Settings

    said = text("reason_institution_gone", institution="CPAS de Namur")
    assert worded(said, "fr") == "plus en réserve : l'institution CPAS de Namur s'est retirée"
    for written in (worded(said, "fr"), "plus en réserve : CPAS de Namur s'est retirée"):
        back = reason_read_back(written, None, Settings())
        assert worded(back, "en") == "no longer a reserve: CPAS de Namur has withdrawn", written


@pytest.mark.parametrize("kind", ["dangling link", "folder"])
def test_settings_saved_with_a_result_that_cannot_be_read_are_refused(
    solved: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    """Probe s35d: the settings.toml a result's summary.json names, replaced by a folder or
    a link to nowhere, was taken as absent: ``check`` then checked the result under the
    cohort's own sizes, the sizes saved dropped without a word. Refused now, naming it
    (contract "Faults": a file there but unreadable is never taken as absent)."""
    import json

    cohort, result = solved
    edited = tmp_path / "res"
    shutil.copytree(result, edited)
    summary = json.loads((edited / "summary.json").read_text(encoding="utf-8"))
    summary["settings_saved"] = "settings.toml"
    (edited / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    if kind == "folder":
        (edited / "settings.toml").mkdir()
    else:
        (edited / "settings.toml").symlink_to(tmp_path / "nowhere" / "settings.toml")
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(edited)])
    assert ran.exit_code == 2, ran.output
    assert "settings.toml" in ran.output, ran.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_file_given_that_an_output_would_replace_is_refused(
    solved: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    """Probe s35d: ``whatif --add-students out/teams.csv --out out`` wrote the result's
    teams.csv over the arrivals read (exit 0; run again: 18 « déjà un étudiant »), and
    ``run --settings out/report.html --out out`` its report over the settings. Input files
    are never modified (contract §2): refused before any work, naming both; the file kept.
    A settings file of another name in --out (the workbench's settings.toml) is no output:
    taken."""
    cohort, result = solved
    out = tmp_path / "suite"
    out.mkdir()
    arrivals = out / "teams.csv"
    arrivals.write_text("id,background,choices\nS9,AS,C1;C2\n", encoding="utf-8")
    before = arrivals.read_bytes()
    ran = CliRunner().invoke(
        main,
        ["whatif", str(cohort), "--from", str(result), "--add-students", str(arrivals),
         "--out", str(out), "--lang", lang],
    )  # fmt: skip
    assert ran.exit_code == 2, ran.output
    assert "--add-students" in ran.output and "teams.csv" in ran.output, ran.output
    assert arrivals.read_bytes() == before
    settings = out / "report.html"
    settings.write_text("[selection]\ncount = 2\n", encoding="utf-8")
    ran = CliRunner().invoke(
        main, ["run", str(cohort), "--settings", str(settings), "--out", str(out), "--lang", lang]
    )
    assert ran.exit_code == 2 and "--settings" in ran.output, ran.output
    assert settings.read_text(encoding="utf-8") == "[selection]\ncount = 2\n"
    kept = out / "settings.toml"
    kept.write_text("[selection]\ncount = 2\n", encoding="utf-8")
    settings.unlink()
    arrivals.unlink()
    ran = CliRunner().invoke(
        main, ["run", str(cohort), "--settings", str(kept), "--out", str(out), "--quiet"]
    )
    assert ran.exit_code == 0, ran.output
    assert kept.read_text(encoding="utf-8") == "[selection]\ncount = 2\n"


def test_central_european_names_in_windows_1252_are_not_read_as_dos(tmp_path: Path) -> None:
    """Probe s35d: accompagnateurs.csv in Windows-1252 with « Équipes max », « Žaneta » and
    « Šime » and no é, è, ê, ç: read as code page 850, « Équipes max » became « ╔quipes
    max » (the limit of one team each dropped without a word: A02 supervised two teams) and
    the names « Äaneta », « èime ». Windows-1252, the contract's, holds unless another reads
    as clearly more French; Excel's Mac and DOS exports of French text still do."""
    from matcher.encodings import legacy_encoding

    names = "Identifiant;Nom;Équipes max;Secteurs\nA01;Žaneta Horvat;1;CPAS\nA02;Šime Kovac;1;x\n"
    assert legacy_encoding(names.encode("cp1252")) == "cp1252"
    many = "id;nom\n" + "".join(f"A{i};Šime Šaric Žiga {i}\n" for i in range(6))
    assert legacy_encoding(many.encode("cp1252")) == "cp1252"
    french = "id;nom;formation\n1;Céline;éducateur\n2;Hélène;Maison médicale\n3;José;crèche\n"
    # Probe s35f: names without é (« Michèle », « François », « Gaëlle ») and a header with
    # one (« Prénom »), from Excel for Mac and Excel's DOS export, are still read as such.
    no_e = "id;nom\n1;Michèle;François\n2;Gaëlle\n"
    for encoding in ("cp1252", "mac_roman", "cp850"):
        assert legacy_encoding(french.encode(encoding)) == encoding
        assert legacy_encoding(no_e.encode(encoding)) == encoding
    assert legacy_encoding("Matricule;Prénom;Nom\n1;Marie;Dubois\n".encode("mac_roman")) == (
        "mac_roman"
    )
    cohort = _cohort(tmp_path / "cohort")
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    (cohort / "accompagnateurs.csv").write_bytes(
        "Identifiant;Nom;Équipes max\nA01;Žaneta Horvat;1\nA02;Šime Kovac;1\n".encode("cp1252")
    )
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(tmp_path / "out")])
    assert ran.exit_code == 0, ran.output
    supervision = (tmp_path / "out" / "supervision.csv").read_text(encoding="utf-8-sig")
    assert supervision.count(",A01,") == supervision.count(",A02,") == 1, supervision
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "Žaneta Horvat" in report and "Šime Kovac" in report


def _employers_together(folder: Path) -> Path:
    """Probe s35e's cohort h6: E1 works for K1's institution, E2 for K2's, and they are kept
    together. The best selection K1, K2 can form no teams (each team is one of theirs'
    employer's); the next, K1, K3, can (both on K3)."""
    return write_cohort(
        folder,
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "K1,CPAS de Namur,CPAS,évaluation\nK2,AMO Le Cercle,aide à la jeunesse,diagnostic\n"
            "K3,Handicap asbl,handicap,diagnostic\n",
            "students.csv": "id,name,background,employer,choices\n"
            "E1,Anne Dupont,AS,CPAS de Namur,K1;K2\nE2,Marc Maes,AS,AMO Le Cercle,K2;K3\n"
            "E3,Léa Simon,EDU,,K1\nE4,Tom Lejeune,EDU,,K3;K1\n",
            "pairs.csv": "student_a,student_b,relation\nE1,E2,together\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )


def test_the_next_selection_cut_by_time_is_no_proof_of_no_teams(tmp_path: Path) -> None:
    """Probe s35e: ``run --time-limit 1`` under load ended exit 3, « aucune répartition en
    équipes ne respecte les règles », while the next selection has teams: the search for
    it was cut by the time limit. Out of time now (exit 4 from ``run``), saying that the
    best selection's teams are impossible and that no other was tried; with time, the next
    selection is taken."""
    from matcher.app import load
    from matcher.app.reselect import next_selections
    from matcher.selection import select_commissions
    from matcher.teams import form_teams
    from models.outcome import SolveParams, Status

    instance = load(_employers_together(tmp_path / "h6"))
    params = SolveParams(time_limit=20, seed=0, workers=1)
    selection = select_commissions(instance, params)
    assert selection.selected_ids == ("K1", "K2")
    teams = form_teams(instance, selection.selected_ids, params)
    assert teams.stage.status == Status.INFEASIBLE
    # No time left: no proof.
    none_left = SolveParams(time_limit=0.01, seed=0, workers=1)
    _, cut, said = next_selections(instance, selection, teams, lambda spent: none_left)
    assert cut.stage.status == Status.UNKNOWN and said is None
    from matcher.labels import worded

    words = worded(cut.stage.diagnosis[0], "fr")
    assert "la meilleure sélection (K1, K2)" in words and "avant d'essayer" in words, words
    # Time left: the next selection.
    again, formed, said = next_selections(instance, selection, teams, lambda spent: params)
    assert again.selected_ids == ("K1", "K3") and formed.stage.solved and said is not None


def test_reserves_are_ranked_by_selections_whose_teams_hold_the_students(tmp_path: Path) -> None:
    """Probe s35a: nine students; C2 and C4 (priority 3 and 2) hold at most 4 each, so the
    selection C2 + C4 (priority 5) cannot hold them, and select rightly takes C1 + C2. Its
    reserves were ranked by swaps breaking that rule: C4 first, « could improve the
    selection (the time limit stopped the search) » of a search proven in 0.05 s, and a
    what-if withdrawing C1 took C4, whose teams ``assign`` then refused (exit 3). C3 is the
    reserve that keeps the rule: ranked first, it replaces C1."""
    import csv

    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type,priority,max_size\n"
            "C1,CPAS de Namur,CPAS,évaluation,0,\nC2,AMO Le Cercle,jeunesse,diagnostic,3,4\n"
            "C3,Les Tilleuls,handicap,diagnostic,0,\nC4,SAJ Liège,jeunesse,diagnostic,2,4\n",
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 10)),
            "settings.toml": '[selection]\ncount = 2\npriorities = ["priority", '
            '"sector_spread", "sectors", "problem_types"]\n',
        },
    )

    def rows(folder: Path) -> dict[str, dict[str, str]]:
        with (folder / "selection.csv").open(encoding="utf-8-sig") as handle:
            return {row["id"]: row for row in csv.DictReader(handle)}

    ran = CliRunner().invoke(main, ["select", str(cohort), "--out", str(tmp_path / "sel")])
    assert ran.exit_code == 0, ran.output
    chosen = rows(tmp_path / "sel")
    assert [i for i, row in chosen.items() if row["selected"] == "yes"] == ["C1", "C2"]
    assert chosen["C3"]["reserve_rank"] == "1", chosen
    assert "time limit" not in chosen["C4"]["reason"], chosen["C4"]
    args = ["whatif", str(cohort), "--from", str(tmp_path / "sel"), "--out", str(tmp_path / "w")]
    ran = CliRunner().invoke(main, [*args, "--withdraw-commission", "C1"])
    assert ran.exit_code == 0, ran.output
    after = rows(tmp_path / "w")
    assert after["C3"]["selected"] == "yes" and after["C4"]["selected"] == "no", after
    assert "better" not in after["C4"]["reason"], after["C4"]
    ran = CliRunner().invoke(
        main,
        ["assign", str(cohort), "--selection", str(tmp_path / "w" / "selection.csv"),
         "--out", str(tmp_path / "teams")],
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output


def test_vae_and_employed_are_unknown_when_students_csv_lacks_them(
    solved: tuple[Path, Path],
) -> None:
    """Probes s35a, s35e: students.csv without a VAE or « en emploi » column, yet teams.csv,
    the Students and team sheets and the report said « no » for every student (beside a
    named employer). Unknown is written empty (as gender is), the report's column left out;
    a column present says yes/no as before (``test_writers``)."""
    import csv

    _, result = solved
    with (result / "teams.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["vae"] == "" and row["employed"] == "" for row in rows), rows[0]
    book = openpyxl.load_workbook(result / "result.xlsx")
    sheet = book["Students"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("vae") + 1
    assert all(sheet.cell(row=r, column=column).value in (None, "") for r in range(2, 8))
    report = (result / "report.html").read_text(encoding="utf-8")
    assert ">VAE</th>" not in report and ">Employed</th>" not in report


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "A2 holds at most 2 students: no room for their together-group of 3"),
        ("fr", "A2 accueille au plus 2 étudiants : pas de place pour son groupe de 3"),
    ],
)
def test_a_group_too_large_for_a_team_is_said_without_pins(
    tmp_path: Path, lang: str, said: str
) -> None:
    """Probe s35e: T1, T2, T3 kept together, A2 holds at most 2, nobody pinned: T1's wish
    A2 was « impossible: A2 holds at most 2 students and 0 are pinned to it: … ». The pins
    are left out when there are none."""
    import csv

    cohort = write_cohort(
        tmp_path / "h4",
        {
            "commissions.csv": "id,institution,sector,problem_type,max_size\n"
            "A1,Institution Un,CPAS,évaluation,\nA2,Institution Deux,handicap,diagnostic,2\n",
            "students.csv": "id,name,background,choices\nT1,Alice Adam,AS,A2;A1\n"
            "T2,Bob Bernard,AS,A1\nT3,Chloé Collin,EDU,A1\nT4,David Denis,EDU,A2\n"
            "T5,Eva Evrard,GRH,A1;A2\nT6,Fred Fontaine,GRH,A2\n",
            "pairs.csv": "student_a,student_b,relation\nT1,T2,together\nT2,T3,together\n",
            "settings.toml": "[selection]\ncount = 2\n[teams]\nmin_size = 1\nmax_size = 5\n",
        },
    )
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--lang", lang])
    assert ran.exit_code == 0, ran.output
    with (out / "explanations.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert rows["T1"]["verdict"] == "impossible", rows
    assert said in rows["T1"]["reason"], rows["T1"]["reason"]


def test_a_lookalike_beside_the_table_read_is_said(tmp_path: Path) -> None:
    """Probe s35d: a header-only pairs.csv read, the real pairs in « binômes-final.csv »
    beside it unread, without a word (« paires : 0 »): a lookalike was said only when the
    table itself was absent. Said now, naming the file read."""
    cohort = _cohort(tmp_path / "cohort")
    (cohort / "pairs.csv").write_text("student_a,student_b,relation\n", encoding="utf-8")
    (cohort / "binômes-final.csv").write_text(
        "student_a,student_b,relation\nS1,S2,apart\n", encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, ran.output
    assert "« binômes-final.csv » n'est pas lu : « pairs.csv » l'est" in said, said


def test_one_slot_dated_twice_in_dates_is_refused(tmp_path: Path) -> None:
    """Probe s35d: ``dates = { visite = "2026-10-09", Visite = "2026-10-10" }``: one slot
    (case aside) with two dates; the later was taken without a word. Refused, both named."""
    cohort = _cohort(tmp_path / "cohort")
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 2\n[calendar]\nvisit_slot = "visite"\n'
        'dates = { visite = "2026-10-09", Visite = "2026-10-10" }\n',
        encoding="utf-8",
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort)])
    assert ran.exit_code == 2, ran.output
    assert "'visite' and 'Visite' are one slot" in ran.output, ran.output


def test_a_number_in_quotes_in_settings_toml_is_said_to_be_text(tmp_path: Path) -> None:
    """Probe s35d: ``count = "3"`` was refused with « « 3 » ne convient pas : il faut un
    nombre entier », the quotes (which make it text) hidden by the French guillemets."""
    cohort = _cohort(tmp_path / "cohort")
    (cohort / "settings.toml").write_text('[selection]\ncount = "2"\n', encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert ran.exit_code == 2, ran.output
    assert "« 2 » est entre guillemets, donc du texte : écrivez count = 2" in ran.output


R21 = Path(__file__).resolve().parent / "data" / "probe-s35e-r21"


def test_a_cost_that_betters_an_earlier_priority_says_so(tmp_path: Path) -> None:
    """Probe s35e: the result of cohort r21 edited by hand (E04 and E07 swapped) breaks
    the balance by 1. E07's second choice K3 gives it back, 1 to 0, at the cost of the
    experience gap, which comes after: the sentence said only the cost. It now says the
    balance it betters too (the verdict and figures as before: README, "costs at the later
    one")."""
    import csv

    out = tmp_path / "r21"
    ran = CliRunner().invoke(main, ["run", str(R21), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    assert teams[4].startswith("E04,") and ",K1," in teams[4] and ",K3," in teams[7], teams
    teams[4] = teams[4].replace(",K1,CPAS de Namur,", ",K3,,")
    teams[7] = teams[7].replace(",K3,Handicap asbl,", ",K1,,")
    (out / "teams.csv").write_text("\n".join(teams) + "\n", encoding="utf-8")
    (out / "result.xlsx").unlink()
    for lang, said in (
        ("fr", "mais cela améliore même l'équilibre des équipes (écarts), qui passe avant"),
        ("en", "but it even improves"),
    ):
        where = tmp_path / f"why-{lang}"
        ran = CliRunner().invoke(
            main,
            ["explain", str(R21), "--result", str(out), "--student", "E07", "--out", str(where),
             "--lang", lang],
        )  # fmt: skip
        assert ran.exit_code == 0, ran.output
        with (where / "explanations.csv").open(encoding="utf-8-sig") as handle:
            rows = {row["wanted"]: row for row in csv.DictReader(handle)}
        assert rows["K3"]["verdict"] == "costs" and rows["K3"]["priority"] == "experience"
        assert said in rows["K3"]["reason"], rows["K3"]["reason"]


STALE = Path(__file__).resolve().parent / "data" / "probe-s35a-stale"


def test_eligibility_is_read_from_the_cohort_as_it_is_now(tmp_path: Path) -> None:
    """Probe s35a: a result made with ``before`` (P4 without the visit slot, P5 with it),
    then commissions.csv edited (``after``: P4 gains it, P5 loses it). ``report``,
    ``assign --selection`` and ``whatif --from`` copied « eligible » and the reserves from
    the file: P5 « yes, reserve 1 », P4 « no, not available: visite ». Now P5 is not
    eligible, its reason the cohort's, no rank; P4 is a reserve, after the ranked ones,
    saying why it was not ranked."""
    import csv

    result = tmp_path / "r1"
    ran = CliRunner().invoke(main, ["run", str(STALE / "before"), "--out", str(result), "--quiet"])
    assert ran.exit_code == 0, ran.output
    ran = CliRunner().invoke(
        main,
        ["report", str(STALE / "after"), "--result", str(result), "--out", str(tmp_path / "r2"),
         "--no-explain", "--lang", "fr"],
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output
    with (tmp_path / "r2" / "selection.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert (rows["P5"]["eligible"], rows["P5"]["reserve_rank"]) == ("no", ""), rows["P5"]
    assert rows["P5"]["reason"] == "non disponible : visite"
    assert rows["P4"]["eligible"] == "yes" and rows["P4"]["reserve_rank"], rows["P4"]
    assert "éligible depuis que la sélection a été faite" in rows["P4"]["reason"]


def test_a_selection_written_by_hand_gets_the_cohorts_reasons(tmp_path: Path) -> None:
    """Probe s35a: a selection typed by the director (``id,selected``): P3 (excluded by the
    settings) and P5 (not available) had no reason, and P1, never selected, was « reserve:
    unselected by hand ». Now the cohort's reasons, and « not selected in the selection
    given »."""
    import csv

    chosen = tmp_path / "choix.csv"
    chosen.write_text("id,selected\nP1,no\nP2,yes\nP6,yes\nP7,yes\n", encoding="utf-8")
    out = tmp_path / "teams"
    ran = CliRunner().invoke(
        main,
        ["assign", str(STALE / "before"), "--selection", str(chosen), "--out", str(out),
         "--no-explain"],
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output
    with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["P1"]["reason"].endswith("not selected in the selection given"), rows["P1"]
    assert rows["P3"]["eligible"] == "no" and rows["P3"]["reason"], rows["P3"]
    assert rows["P4"]["eligible"] == "no" and "visite" in rows["P4"]["reason"], rows["P4"]


PINNED = Path(__file__).resolve().parent / "data" / "probe-s35b-pinned"


def test_reserves_ranked_after_a_withdrawal_keep_the_pinned_commission(tmp_path: Path) -> None:
    """Probe s35b: st04 is pinned to P3 (housing, diagnosis). After P2 withdrew, the
    reserves were ranked as if P3 could be swapped out: P6, P7, P8 and P9 all « as good as
    those selected », P6 first; the next withdrawal (P5) took P6 and the selection lost a
    problem type. P3 stays, as in ``select``: P7 keeps the three problem types."""
    import csv

    def run(*args: str) -> None:
        ran = CliRunner().invoke(main, [*args, "--lang", "fr", "--seed", "1", "--quiet"])
        assert ran.exit_code == 0, ran.output

    run("select", str(PINNED), "--out", str(tmp_path / "sel"))
    run("whatif", str(PINNED), "--from", str(tmp_path / "sel"), "--out", str(tmp_path / "w1"),
        "--withdraw-commission", "P2")  # fmt: skip
    with (tmp_path / "w1" / "selection.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["P7"]["reserve_rank"] == "1", rows
    assert "aussi bonne" not in rows["P6"]["reason"], rows["P6"]
    run("whatif", str(PINNED), "--from", str(tmp_path / "w1"), "--out", str(tmp_path / "w2"),
        "--withdraw-commission", "P5")  # fmt: skip
    summary = json.loads((tmp_path / "w2" / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"P5": "P7"}, summary["changes"]


def test_french_quotes_leave_the_apostrophes_of_a_file_name(tmp_path: Path) -> None:
    """Probe s35b: « /…/Inscrits d« aujourd »hui.xlsx » n'existe pas: the apostrophes of a
    file's name were taken for click's quotes. Only a quote (no letter before it) is."""
    missing = tmp_path / "Inscrits d'aujourd'hui.xlsx"
    ran = CliRunner().invoke(main, ["validate", str(missing), "--lang", "fr"])
    assert ran.exit_code == 2
    assert f"« {missing} » n'existe pas" in " ".join(ran.output.split()), ran.output


@pytest.mark.parametrize("extra", [["--quiet"], ["--lang", "fr"]])
def test_an_unknown_matcher_lang_is_not_said_under_quiet_or_lang(
    extra: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe s35b: « MATCHER_LANG=de n'est pas une langue de matcher » printed under
    ``--quiet``, and when ``--lang`` decided anyway. Said otherwise (test_probe_s34)."""
    monkeypatch.setenv("MATCHER_LANG", "de")
    ran = CliRunner().invoke(
        main, ["validate", str(Path(__file__).parents[1] / "instances" / "demo"), *extra]
    )
    assert ran.exit_code == 0, ran.output
    assert "MATCHER_LANG" not in ran.output, ran.output


def test_an_institution_written_with_or_without_its_dot_is_one_and_said(tmp_path: Path) -> None:
    """Probe s35b: since an abbreviation's dots are dropped (session 34), « Logement St
    Gilles » (an employer) is « Logement St.Gilles » (an institution) without a word, where
    contract §7 wants a warning naming both; and a teams.csv whose institution cell reads
    « St Gilles » for « St.Gilles » was said to name another institution."""
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C1,Logement St.Gilles,logement,diagnostic\n"
            "C2,AMO Le Cercle,aide à la jeunesse,diagnostic\n",
            "students.csv": "id,background,employer,choices\n"
            "S1,AS,Logement St Gilles,C1;C2\nS2,AS,,C1;C2\nS3,AS,,C2;C1\nS4,AS,,C1;C2\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 0, ran.output
    assert (
        "l'employeur « Logement St Gilles » (S1) est compris comme l'institution "
        "« Logement St.Gilles »" in said
    ), said
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(cohort), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "S1,,C2," in teams  # never on their employer's commission
    (out / "teams.csv").write_text(
        teams.replace("Logement St.Gilles", "Logement St Gilles"), "utf-8"
    )
    (out / "result.xlsx").unlink()
    ran = CliRunner().invoke(main, ["check", str(cohort), "--result", str(out), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    assert "ne correspond pas" not in ran.output, ran.output


def test_plan_takes_the_settings_saved_beside_the_result(tmp_path: Path) -> None:
    """Probe s35b: a board the workbench saved under sizes 5-7 (one student moved, a team
    of 5 and one of 7) and its settings.toml: ``check`` accepts it, but ``plan --result``
    read it under the files' sizes (« l'équipe C02 compte 5 étudiants, il en faut 6 »)
    and wrote no settings.toml, so ``check`` refused the plan's folder. ``plan`` now takes
    and carries them, as ``report`` does."""
    demo = Path(__file__).resolve().parents[1] / "instances" / "demo"
    result = tmp_path / "res"
    ran = CliRunner().invoke(
        main, ["run", str(demo), "--out", str(result), "--quiet", "--no-explain"]
    )
    assert ran.exit_code == 0, ran.output
    lines = (result / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    at = header.index("commission_id")
    first = lines[1].split(",")
    other = next(line.split(",")[at] for line in lines[2:] if line.split(",")[at] != first[at])
    first[at] = other
    lines[1] = ",".join(first)
    (result / "teams.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (result / "result.xlsx").unlink()
    settings = (demo / "settings.toml").read_text(encoding="utf-8")
    (result / "settings.toml").write_text(
        settings + "\n[teams]\nmin_size = 5\nmax_size = 7\n", encoding="utf-8"
    )
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    summary["settings_saved"] = "settings.toml"
    (result / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    ran = CliRunner().invoke(main, ["check", str(demo), "--result", str(result), "--quiet"])
    assert ran.exit_code == 0, ran.output
    planned = tmp_path / "plan"
    ran = CliRunner().invoke(
        main, ["plan", str(demo), "--result", str(result), "--out", str(planned)]
    )
    assert ran.exit_code == 0, ran.output
    assert (planned / "settings.toml").is_file()
    ran = CliRunner().invoke(main, ["check", str(demo), "--result", str(planned), "--quiet"])
    assert ran.exit_code == 0, ran.output


def test_settings_hints_for_a_boolean_and_a_number_with_spaces(tmp_path: Path) -> None:
    """Probe s35f: ``conflict_of_interest = "false"`` got no hint, ``count = " 4 "`` one
    that kept the spaces, ``count = "1e1"`` one to write what is still refused."""
    cohort = _cohort(tmp_path / "cohort")
    for line, said in (
        ('[teams]\nconflict_of_interest = "false"\n', "écrivez conflict_of_interest = false)"),
        ('[selection]\ncount = " 2 "\n', "écrivez count = 2)"),
    ):
        (cohort / "settings.toml").write_text(line, encoding="utf-8")
        ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
        assert ran.exit_code == 2 and said in ran.output, ran.output
    (cohort / "settings.toml").write_text('[selection]\ncount = "1e1"\n', encoding="utf-8")
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert ran.exit_code == 2 and "écrivez" not in ran.output, ran.output


def test_explain_out_refuses_only_what_it_would_replace(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """Probe s35f: ``explain --out O --settings O/calendar.ics`` was refused « le
    calendar.ics du résultat le remplacerait » while explain writes explanations.csv only;
    a settings file named so is still refused."""
    cohort, result = solved
    out = tmp_path / "O"
    out.mkdir()
    (out / "calendar.ics").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    args = ["explain", str(cohort), "--result", str(result), "--out", str(out), "--quiet"]
    ran = CliRunner().invoke(main, [*args, "--settings", str(out / "calendar.ics")])
    assert ran.exit_code == 0, ran.output
    (out / "explanations.csv").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    ran = CliRunner().invoke(main, [*args, "--settings", str(out / "explanations.csv")])
    assert ran.exit_code == 2, ran.output


def test_serve_refuses_a_settings_file_its_save_would_replace(tmp_path: Path) -> None:
    """Probe s35f: ``serve --out S --settings S/settings.toml``: the first Save wrote the
    page's settings over the file given (input files are never modified), then the page
    refused every action as « files changed on disk ». Refused at start now."""
    cohort = _cohort(tmp_path / "cohort")
    out = tmp_path / "S"
    out.mkdir()
    (out / "settings.toml").write_text("# mes réglages 2026\n[selection]\ncount = 2\n", "utf-8")
    ran = CliRunner().invoke(
        main,
        ["serve", str(cohort), "--out", str(out), "--settings", str(out / "settings.toml"),
         "--no-open", "--port", "0"],
    )  # fmt: skip
    assert ran.exit_code == 2, ran.output
    assert "settings.toml" in ran.output and "--settings" in ran.output, ran.output


def test_a_stale_unavailable_reason_is_worded_again_once_eligible(tmp_path: Path) -> None:
    """Probe s35f: a selection read back without an ``eligible`` column kept « non
    disponible : visite » beside « réserve 4 » for a proposal available since."""
    import csv

    result = tmp_path / "r1"
    ran = CliRunner().invoke(main, ["run", str(STALE / "before"), "--out", str(result), "--quiet"])
    assert ran.exit_code == 0, ran.output
    path = result / "selection.csv"
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    keep = ["id", "selected", "reserve_rank", "reason"]
    path.write_text(
        ",".join(keep) + "\n" + "".join(",".join(f'"{r[k]}"' for k in keep) + "\n" for r in rows),
        encoding="utf-8",
    )
    (result / "result.xlsx").unlink()
    out = tmp_path / "r2"
    ran = CliRunner().invoke(
        main,
        ["report", str(STALE / "after"), "--result", str(result), "--out", str(out),
         "--no-explain", "--lang", "fr"],
    )  # fmt: skip
    assert ran.exit_code == 0, ran.output
    with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
        again = {r["id"]: r for r in csv.DictReader(handle)}
    assert again["P4"]["eligible"] == "yes", again["P4"]
    assert "éligible depuis que la sélection a été faite" in again["P4"]["reason"], again["P4"]


def test_validate_says_a_no_isolation_pair_kept_apart_cannot_hold(tmp_path: Path) -> None:
    """Probe s35a: the only two VAE students, kept apart, under ``no_isolation = ["vae=oui"]``:
    each team holds 0 or at least 2 of them, so they must be together. ``validate`` said the
    data valid (exit 0) while ``run`` answered 3; it answers 3 too now, naming both."""
    cohort = _cohort(tmp_path / "cohort")
    students = cohort / "students.csv"
    lines = students.read_text(encoding="utf-8").splitlines()
    lines[0] += ",vae"
    lines[1:] = [line + (",oui" if n < 2 else ",non") for n, line in enumerate(lines[1:])]
    students.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (cohort / "pairs.csv").write_text("student_a,student_b,relation\nS1,S2,apart\n", "utf-8")
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 2\n[teams]\nno_isolation = ["vae=oui"]\n', encoding="utf-8"
    )
    ran = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    said = " ".join(ran.output.split())
    assert ran.exit_code == 3, ran.output
    assert "S1 et S2 sont les seuls étudiants de ce profil et doivent être séparé·e·s" in said, said


SIZES = Path(__file__).resolve().parent / "data" / "probe-s35g-sizes"


def test_a_replacement_before_teams_keeps_room_for_every_student(tmp_path: Path) -> None:
    """Probe s35g: 58 students, 10 commissions, twelve proposals of at most 5. C18
    withdrew before teams; its replacement C15 (at most 5) left room for 57, and ``assign``
    refused the selection (exit 3). A reserve whose place leaves too little room (or too
    much) is passed over, said, for the next that keeps every rule."""
    import csv

    def run(*args: str) -> None:
        ran = CliRunner().invoke(main, [*args, "--seed", "1", "--quiet", "--lang", "fr"])
        assert ran.exit_code == 0, ran.output

    run("select", str(SIZES), "--out", str(tmp_path / "sel"))
    run("whatif", str(SIZES), "--from", str(tmp_path / "sel"), "--out", str(tmp_path / "w"),
        "--withdraw-commission", "C18", "--no-explain")  # fmt: skip
    with (tmp_path / "w" / "selection.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    taken = [i for i, row in rows.items() if row["reason"] == "remplace C18"]
    assert taken and taken != ["C15"], taken
    run("assign", str(SIZES), "--selection", str(tmp_path / "w" / "selection.csv"),
        "--out", str(tmp_path / "t"), "--no-explain")  # fmt: skip


_SMALL_FILES = {
    # Probe s35g: small files a secretariat saves, one or two accents in all.
    "header_only": "identifiant;nom;équipes max;secteurs\nA01;Thomas Dubois;3;logement\n",
    "one_name": "id;nom;équipes max\nA01;Jérôme Dubois;3\nA02;Marc Simon;1\n",
    "pairs": "étudiant_a;étudiant_b;relation\nS01;S02;ensemble\n",
    "place": "id;institution;secteur\nC01;CPAS de Liège;CPAS\n",
    "no_e": "id;nom\nS1;Gaëtan Lefèvre\nS2;Noël Müller\n",
    "central": "id;nom;équipes max\nA01;Žaneta Horvat;1\nA02;Šime Kovac;1\n",
}


@pytest.mark.parametrize("sample", sorted(_SMALL_FILES))
@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman", "cp850"])
def test_small_files_are_read_in_their_encoding(sample: str, encoding: str) -> None:
    """Probes s35f, s35g: small Mac Roman and DOS files (« équipes max », « Jérôme »,
    « étudiant_a ») read as Windows-1252 after the first change of session 35 (a
    supervisor's limit dropped, pairs.csv refused). Each is read in its own encoding
    (« Ž », « Š » exist in Windows-1252 only)."""
    from matcher.encodings import legacy_encoding

    try:
        data = _SMALL_FILES[sample].encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot write {sample}")
    assert legacy_encoding(data) == encoding
