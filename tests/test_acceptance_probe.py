"""The acceptance checks' way in (contract §1-§9), on cohorts written by hand like a
director's files and unlike the project's own: a French Windows-1252 folder
(``tests/data/probe-fr-cp1252``, see its README) and a workbook typed in Excel (numbers,
dates and booleans as typed cells, ids that are numbers). Each metric of ``summary.json`` is
recomputed here from ``teams.csv`` and ``selection.csv`` by the contract's definitions, and
the wording found wrong by the acceptance probe has its case."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import math
import re
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main
from matcher.explanation import Explanation
from matcher.labels import worded
from matcher.loading.id_index import IdIndex

ROOT = Path(__file__).resolve().parents[1]
COHORT = Path(__file__).resolve().parent / "data" / "probe-fr-cp1252"

TEAMS_COLUMNS = [
    "student_id",
    "name",
    "commission_id",
    "institution",
    "choice_rank",
    "background",
    "vae",
    "employed",
    "gender",
    "choices",
]


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _metrics_by_hand(out: Path, balanced: list[str]) -> dict[str, float | int]:
    """Contract §5's figures, from the CSV outputs alone (no matcher code)."""
    selected = {r["id"] for r in read_rows(out / "selection.csv") if r["selected"] == "yes"}
    teams = read_rows(out / "teams.csv")
    with_choices = [r for r in teams if r["choices"]]
    first = best = top3 = 0
    first_unavailable = 0
    for r in with_choices:
        written = r["choices"].split(";")
        team = r["commission_id"]
        first += written[0] == team
        top3 += team in written[:3]
        available = [c for c in written if c in selected]
        best += bool(available) and available[0] == team
        first_unavailable += written[0] not in selected
    k = len(selected)
    violations = 0
    for attribute in balanced:
        for value, n_v in Counter(r[attribute] for r in teams).items():
            low, high = n_v // k, -(-n_v // k)
            for team in selected:
                c = sum(1 for r in teams if r["commission_id"] == team and r[attribute] == value)
                violations += max(0, c - high, low - c)
    n = len(with_choices)
    return {
        "first_choice_share": round(first / n, 4),
        "best_available_share": round(best / n, 4),
        "top3_share": round(top3 / n, 4),
        "first_choice_unavailable": first_unavailable,
        "balance_violations": violations,
    }


@pytest.fixture(scope="module")
def french_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``matcher run`` of the French export, in French."""
    out = tmp_path_factory.mktemp("probe") / "out"
    code, _, err = _invoke("run", str(COHORT), "--out", str(out), "--lang", "fr", "--quiet")
    assert code == 0, err
    return out


def test_french_export_runs_with_every_rule_of_its_files(french_run: Path) -> None:
    """The cp1252 export is read as written: dates in four spellings are one day (C04 lacks
    an oral day, C07 the visit day), the included C06 is selected, and the teams keep the
    pin, the French pairs, the folded employers and C08's own ``Taille max``."""
    selection = {r["id"]: r for r in read_rows(french_run / "selection.csv")}
    assert [selection[c]["eligible"] for c in ("C01", "C03", "C04", "C07")] == [
        "yes",
        "yes",
        "no",
        "no",
    ]
    assert selection["C04"]["reason"] == "non disponible : 15/04/2027 ou 16/04/2027"
    assert selection["C06"]["selected"] == "yes"
    with (french_run / "teams.csv").open(encoding="utf-8-sig", newline="") as file:
        assert next(csv.reader(file)) == TEAMS_COLUMNS
    team = {r["student_id"]: r["commission_id"] for r in read_rows(french_run / "teams.csv")}
    assert team["E05"] == "C06"  # Imposé
    assert team["E01"] == team["E02"]  # ensemble
    assert team["E03"] != team["E04"] and team["E11"] != team["E15"]  # séparer, Séparer
    assert team["E01"] not in ("C01", "C02")  # employer 'cpas de  namur'
    assert team["E04"] != "C03"  # employer 'AMO Le Cercle' for 'AMO Le Cercle (Liège)'
    sizes = Counter(team.values())
    assert sizes.get("C08", 0) <= 4 and all(4 <= s <= 5 for s in sizes.values())
    vae = Counter(team[s] for s in ("E02", "E05", "E10"))  # VAE: oui/OUI/vrai
    assert all(n >= 2 for n in vae.values())  # no_isolation = ["vae=oui"]
    names = {r["student_id"]: r["name"] for r in read_rows(french_run / "teams.csv")}
    assert names["E01"] == "Hélène Dubois"  # Prénom + Nom


def test_french_export_metrics_match_their_definitions(french_run: Path) -> None:
    """summary.json's choice and balance figures are the contract's, recomputed from the
    CSV outputs (written choices, selected commissions, every balanced attribute)."""
    summary = json.loads((french_run / "summary.json").read_text(encoding="utf-8"))
    metrics = summary["metrics"]["teams"]
    by_hand = _metrics_by_hand(french_run, ["background", "vae", "employed", "gender"])
    for name, value in by_hand.items():
        assert math.isclose(metrics[name], value, abs_tol=1e-4), name
    assert summary["lang"] == "fr" and summary["teams"]["status"] == "OPTIMAL"
    # E19 wrote no choices: 21 students count, and 7 wrote an unselected first choice.
    assert by_hand["first_choice_unavailable"] == 7


def test_french_report_speaks_french_around_colons(french_run: Path) -> None:
    """The timeline's travel bands and the calendar's name put the French space before the
    colon (``trajet : 45 min``), as every other French label does."""
    report = (french_run / "report.html").read_text(encoding="utf-8")
    assert "trajet : 45 min" in report and "trajet:" not in report
    ics = (french_run / "calendar.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME:probe-fr-cp1252 : Visite" in ics


def test_french_validate_percentages_have_a_space() -> None:
    """validate's shares read ``8 (36 %)`` in French, ``8 (36%)`` in English."""
    code, out, _ = _invoke("validate", str(COHORT), "--lang", "fr")
    assert code == 0 and "Assistant social : 8 (36 %)" in out and "%)" not in out.replace(" %)", "")
    code, out, _ = _invoke("validate", str(COHORT), "--lang", "en")
    assert code == 0 and "Assistant social: 8 (36%)" in out


def test_did_you_mean_prefers_the_same_number_and_the_fewest_slips() -> None:
    """``E1`` means ``E01`` (not ``E21``, which difflib's ties would give), ``E40`` is one
    swap from ``E04``, ``C1O`` a look-alike of ``C10``; nothing close gives no suggestion."""
    students = IdIndex(f"E{i:02d}" for i in range(1, 23))
    assert students.nearest("E1") == "E01"
    assert students.nearest("E40") == "E04"
    assert IdIndex(f"C{i:02d}" for i in range(1, 11)).nearest("C1O") == "C10"
    assert students.nearest("Zorglub") is None and IdIndex([]).nearest("E1") is None


def test_did_you_mean_names_every_id_as_close() -> None:
    """``C71`` is one slip from ``C01``, ``C11``, ``C21`` (7 for another digit) and from
    ``C17`` (the digits swapped): proposing only the first would be a guess, so all four are
    proposed, joined by "or" in the reader's language; a single closest id is still
    proposed alone."""
    commissions = IdIndex(f"C{i:02d}" for i in range(1, 26))
    tied = commissions.suggestion("C71")
    assert worded(tied, "fr") == "C01, C11, C17 ou C21"
    assert worded(tied, "en") == "C01, C11, C17 or C21"
    assert worded(IdIndex(["C01", "C17", "C30"]).suggestion("C71"), "fr") == "C01 ou C17"
    assert commissions.suggestion("C1O") == "C10" and commissions.suggestion("Zorglub") is None


def test_did_you_mean_reads_s_b_z_as_the_digits_they_look_like() -> None:
    """A director typing ``C2S`` meant ``C25`` (S for 5), ``C1B`` ``C18``, ``CZ1`` ``C21``:
    one slip from several ids by spelling (``C2S`` is as close to C20 … C24), but only one
    looks the same, so it alone is proposed (it was "C20, C21, C22 or C23", C25 left out).
    Ids holding those letters themselves are read alike on both sides: ``S012`` still
    names ``S012``."""
    commissions = IdIndex(f"C{i:02d}" for i in range(1, 26))
    assert commissions.suggestion("C2S") == "C25"
    assert commissions.suggestion("C1B") == "C18"
    assert commissions.suggestion("CZ1") == "C21"
    students = IdIndex(["S012", "S013", "B07"])
    assert students.nearest("s012") == "S012" and students.nearest("8O7") == "B07"


def test_a_choice_as_close_to_two_ids_names_both(tmp_path: Path) -> None:
    """A director's students.csv with one choice typed ``C71`` (demo: C01 … C25): validate
    exits 2 naming the file, row and column, and proposes every id one slip away."""
    cohort = tmp_path / "demo"
    shutil.copytree(ROOT / "instances" / "demo", cohort)
    students = cohort / "students.csv"
    rows = students.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("C15;C17", "C71;C17")  # S001 on row 2
    students.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", "fr")
    assert code == 2
    assert "students.csv, ligne 2" in err and "vouliez-vous dire C01, C11, C17 ou C21 ?" in err, err


def test_unknown_student_option_suggests_the_zero_padded_id(french_run: Path) -> None:
    """``explain --student EO1`` (letter O) on a cohort numbered E01… suggests E01, in both
    languages; nothing is explained (exit 2). (``E1`` itself names E01, as in the files.)"""
    args = ("explain", str(COHORT), "--result", str(french_run), "--student", "EO1")
    code, out, err = _invoke(*args, "--lang", "fr")
    assert code == 2 and not out
    assert "--student EO1 : pas un étudiant de la cohorte : vouliez-vous dire E01 ?" in err
    code, _, err = _invoke(*args, "--lang", "en")
    assert code == 2 and "did you mean E01?" in err


def test_costs_sentence_agrees_with_the_number_displaced() -> None:
    """Costs say "1 other student would move" / "1 autre étudiant changerait d'équipe", never
    "1 other students"; nobody displaced and an unknown count are said as such."""

    def costs(displaced: int | None) -> Explanation:
        return Explanation("S1", "Lina", "C3", "C1", 2, "costs", "balance", 0, 2, displaced)

    assert costs(1).reason("en").endswith("from 0 to 2 (1 other student would move)")
    assert costs(1).reason("fr").endswith("de 0 à 2 (1 autre étudiant changerait d'équipe)")
    assert costs(3).reason("fr").endswith("(3 autres étudiants changeraient d'équipe)")
    assert costs(0).reason("fr").endswith("(personne d'autre ne changerait d'équipe)")
    assert costs(None).reason("en").endswith("from 0 to 2")
    six = tuple((f"S{i}", f"N{i}", "C1", "C2") for i in range(2, 8))
    free = Explanation("S1", "Lina", "C2", "C1", 1, "free", displaced=6, moved=six)
    assert free.reason("fr").endswith("et 1 autre change d'équipe")
    assert free.reason("en").endswith("and 1 other moves at no cost")


def test_a_pinned_student_left_out_of_an_edited_result_reads_right(tmp_path: Path) -> None:
    """A row deleted from teams.csv: the pin and the ``ensemble`` pair say the student has
    no team ("n'a pas d'équipe"), not "est dans aucune équipe" / "sont dans C06 et aucune
    équipe"; check exits 3."""
    cohort = Path(shutil.copytree(COHORT, tmp_path / "cohort"))
    out = tmp_path / "out"
    code, _, err = _invoke(
        "assign",
        str(cohort),
        "--selection",
        str(_selection(cohort, tmp_path)),
        "--out",
        str(out),
        "--quiet",
        "--no-explain",
    )
    assert code == 0, err
    teams = out / "teams.csv"
    lines = teams.read_text(encoding="utf-8-sig").splitlines()
    kept = [line for line in lines if not line.startswith(("E05,", "E02,"))]
    teams.write_text("\n".join(kept) + "\n", encoding="utf-8")
    (out / "result.xlsx").unlink()
    code, _, err = _invoke("check", str(cohort), "--result", str(out), "--lang", "fr")
    assert code == 3
    assert "E05 (Céline Pirard) est imposé·e dans C06 mais n'a pas d'équipe" in err
    together = "E01 (Hélène Dubois) et E02 (Jérôme Renard) doivent être ensemble"
    assert f"{together} mais E02 n'a pas d'équipe" in err
    assert "aucune équipe" not in err
    code, _, err = _invoke("check", str(cohort), "--result", str(out), "--lang", "en")
    assert "E05 (Céline Pirard) is pinned to C06 but has no team" in err
    assert "E01 (Hélène Dubois) and E02 (Jérôme Renard) must be together but E02 has no team" in err


def _selection(cohort: Path, tmp_path: Path) -> Path:
    """A selection.csv made by ``select``."""
    out = tmp_path / "selected"
    code, _, err = _invoke("select", str(cohort), "--out", str(out), "--quiet")
    assert code == 0, err
    return out / "selection.csv"


# -- a workbook typed in Excel ----------------------------------------------------------


def _workbook(folder: Path) -> Path:
    """An instance workbook with typed cells: numeric ids (101…), a slot typed as a date,
    booleans as TRUE/FALSE and y/n, an employer spelled without its hyphen, a notes sheet,
    and settings beside it under the workbook's own name."""
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Cohort 2026-2027, filled in by the secretariat"])
    sheet = book.create_sheet("Commissions")
    sheet.append(
        ["ID", "Institution", "Sector", "Problem type", "Slots", "Priority", "Max size", "Town"]
    )
    for row in (
        (
            101,
            "Centre Public d'Action Sociale de Liège",
            "CPAS",
            "evaluation",
            "8/10/2026;oral_a",
            0,
            None,
            "Liège",
        ),
        (
            102,
            "Foyer Saint-Joseph",
            "youth care",
            "diagnostic",
            dt.datetime(2026, 10, 8),
            1,
            None,
            "Huy",
        ),
        (
            103,
            "Foyer Saint-Joseph",
            "youth care",
            "feasibility study",
            "08/10/2026|oral_b",
            3,
            None,
            "Huy",
        ),
        (
            104,
            "ASBL Les Petits Riens",
            "homelessness",
            "evaluation",
            "2026-10-08;oral_a;oral_b",
            4,
            None,
            "Bruxelles",
        ),
        (105, "Mutualité Solidaris", "health", "diagnostic", "oral_b", 5, None, None),
        (
            106,
            "Ville de Verviers",
            "social cohesion",
            "evaluation",
            "8-10-2026;oral_a",
            1,
            4,
            "Verviers",
        ),
    ):
        sheet.append(list(row))
    sheet = book.create_sheet("Students")
    sheet.append(
        [
            "id",
            "First name",
            "Last name",
            "Background",
            "VAE",
            "Employed",
            "Employer",
            "Gender",
            "Experience years",
            "Choices",
            "Pinned",
        ]
    )
    for row in (
        ("S1", "Anna", "Peeters", "social worker", False, True, None, "F", 4, "101;103;104", None),
        ("S2", "Bram", "Janssens", "educator", True, True, None, "M", 10.5, "101;102", None),
        ("S3", "Chloé", "Martin", "nurse", False, False, None, "F", 0, "104;106", None),
        (
            "S4",
            "David",
            "Simon",
            "HR",
            False,
            "y",
            "Ville de Verviers",
            "M",
            2,
            "106; 104; 101",
            None,
        ),
        ("S5", "Eva", "Claes", "social worker", True, "n", None, "F", 1, "103;101", 104),
        ("S6", "Farid", "El Idrissi", "educator", False, False, None, "M", 0, "102|103", None),
        (
            "S7",
            "Greta",
            "Wouters",
            "nurse",
            False,
            True,
            "Foyer Saint Joseph",
            "F",
            7,
            "103;104",
            None,
        ),
        ("S8", "Hugo", "Dubois", "social worker", False, False, None, "M", 0.5, None, None),
        ("S9", "Iris", "Lambert", "HR", False, False, None, "F", 3, "106;101;104", None),
        ("S10", "Jonas", "Maes", "educator", False, False, None, "M", 1, "101;106", None),
        (
            "S11",
            "Karima",
            "Haddad",
            "social worker",
            False,
            False,
            None,
            "F",
            0,
            "104;101;106",
            None,
        ),
        ("S13", "Manon", "Hermans", "HR", False, False, None, "F", 1, "103;106", None),
        ("S12", "Louis", "Leclercq", "nurse", False, False, None, "M", 2, "106;104", None),
    ):
        sheet.append(list(row))
    sheet = book.create_sheet("Pairs")
    sheet.append(["Student A", "Student B", "Relation"])
    sheet.append(["S1", "S2", "Together"])
    sheet.append(["S3", "S12", "APART"])
    path = folder / "cohort 2026.xlsx"
    book.save(path)
    (folder / "cohort 2026.settings.toml").write_text(
        '[selection]\ncount = 3\nrequired_slots = ["8/10/2026"]\n'
        'any_slots = [["oral_a", "oral_b"]]\npriorities = ["priority", "sectors"]\n\n'
        '[teams]\nno_isolation = ["gender=M"]\nbalance = ["background", "gender"]\n',
        encoding="utf-8",
    )
    return path


def test_typed_workbook_runs_and_its_metrics_match(tmp_path: Path) -> None:
    """Numeric ids stay ``101`` (not ``101.0``), the date-typed slot is 8/10/2026 (102 is
    refused for its missing oral day, not its visit), 105 lacks the visit day; priorities
    pick 104, 103, 106 (priorities 4, 3, 1: 105 is not eligible); 106's ``Max size`` 4 holds
    against the default 4..5; the recomputed figures match summary.json."""
    book = _workbook(tmp_path)
    out = tmp_path / "out"
    code, _, err = _invoke("run", str(book), "--out", str(out), "--quiet", "--no-explain")
    assert code == 0, err
    selection = {r["id"]: r for r in read_rows(out / "selection.csv")}
    assert sorted(i for i, r in selection.items() if r["selected"] == "yes") == [
        "103",
        "104",
        "106",
    ]
    assert selection["102"]["reason"] == "not available: oral_a or oral_b"
    assert selection["105"]["reason"] == "not available: 8/10/2026"
    teams = {r["student_id"]: r for r in read_rows(out / "teams.csv")}
    assert teams["S5"]["commission_id"] == "104"  # pinned by a number cell
    assert teams["S7"]["commission_id"] != "103"  # 'Foyer Saint Joseph' is Foyer Saint-Joseph
    assert teams["S1"]["commission_id"] == teams["S2"]["commission_id"]
    assert Counter(r["commission_id"] for r in teams.values())["106"] <= 4
    assert teams["S4"]["choices"] == "106;104;101"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_hand = _metrics_by_hand(out, ["background", "gender"])
    for name, value in by_hand.items():
        assert math.isclose(summary["metrics"]["teams"][name], value, abs_tol=1e-4), name


def test_typed_workbook_typos_name_sheet_row_and_column(tmp_path: Path) -> None:
    """Typos in the workbook: each names the workbook, its sheet, the spreadsheet row and
    the column as typed (``Choices``, ``VAE``), with "vouliez-vous dire" in French."""
    book = _workbook(tmp_path)
    workbook = openpyxl.load_workbook(book)
    workbook["Students"]["J5"] = "106;1O4"
    workbook["Students"]["E6"] = "maybe"
    workbook.save(book)
    code, out, err = _invoke("validate", str(book), "--lang", "fr")
    assert code == 2 and not out
    assert (
        "cohort 2026.xlsx [Students], ligne 5, colonne « Choices » : « 1O4 » n'est pas un code "
        "de commande de cohort 2026.xlsx [Commissions] : vouliez-vous dire 104 ?"
    ) in err
    assert "ligne 6, colonne « VAE » : « maybe » n'est pas une valeur oui/non" in err


def test_worded_messages_of_the_probe_exist_in_both_languages() -> None:
    """The probe's labels are in the catalogue in both languages (worded through it)."""
    from matcher.labels import text

    assert worded(text("v_pinned_no_team", student="E05", pinned="C06"), "en") == (
        "E05 is pinned to C06 but has no team"
    )
    assert worded(text("val_share", count=8, percent="36"), "fr") == "8 (36 %)"


# -- validate: rules no selection can keep ------------------------------------------------


def _spoiled(tmp_path: Path, edits: dict[str, tuple[str, str]], pins: dict[str, str]) -> Path:
    """A copy of the French export: ``edits`` replace text in a file (file → (old, new)),
    ``pins`` fill the ``Imposé`` cell of students (id → commission)."""
    cohort = Path(shutil.copytree(COHORT, tmp_path / "cohort"))
    for file, (old, new) in edits.items():
        path = cohort / file
        encoding = "utf-8" if file.endswith(".toml") else "cp1252"
        content = path.read_bytes().decode(encoding)
        assert old in content
        path.write_bytes(content.replace(old, new).encode(encoding))
    students = cohort / "students.csv"
    lines = students.read_bytes().decode("cp1252").split("\r\n")
    for i, line in enumerate(lines):
        cells = line.split(";")
        if cells[0] in pins:
            cells[-2] = pins[cells[0]]  # Imposé, before Remarques
            lines[i] = ";".join(cells)
    students.write_bytes("\r\n".join(lines).encode("cp1252"))
    return cohort


@pytest.mark.parametrize(
    ("edits", "pins", "english", "french"),
    [
        (  # E17 is the only gender X: their team can never hold two.
            {"settings.toml": ('"vae=oui"]', '"vae=oui", "gender=X"]')},
            {},
            "no_isolation gender=X: E17 (Sacha Lecocq) is the only such student",
            "no_isolation gender=X : E17 (Sacha Lecocq) est le seul étudiant de ce profil",
        ),
        (  # E03/E04 already séparer: together too.
            {"pairs.csv": ("E11;E15;Séparer", "E04;E03;ensemble")},
            {},
            "E03 and E04 must be together and apart",
            "E03 et E04 doivent être à la fois ensemble et séparé·e·s",
        ),
        (  # E01-E02 ensemble, E02-E03 ensemble, E01-E03 séparer: tied through the group.
            {"pairs.csv": ("E11;E15;Séparer", "E02;E03;ensemble\r\nE01;E03;séparer")},
            {},
            "E01 and E03 must be apart but are tied together through together-group E01, E02 "
            "and E03",
            "E01 et E03 doivent être séparé·e·s mais sont lié·e·s par le groupe à réunir E01, "
            "E02 et E03",
        ),
        (  # C07 lacks the visit day: no selection holds it.
            {},
            {"E06": "C07"},
            "E06 (François Mertens) is pinned to C07, which cannot be selected "
            "(not available: 01/10/2026)",
            "E06 (François Mertens) est imposé·e dans C07, qui ne peut pas être retenue "
            "(non disponible : 01/10/2026)",
        ),
        (  # E08 works for the Relais social urbain namurois (C10).
            {},
            {"E08": "C10"},
            "E08 (Loïc Jacquet) is pinned to C10 whose institution is their employer",
            "E08 (Loïc Jacquet) est imposé·e dans C10, dont l'institution est son employeur",
        ),
        (  # E03 and E04 séparer, both pinned to C06 (E05's pin).
            {},
            {"E03": "C06", "E04": "C06"},
            "E03 and E04 must be apart but are both pinned to C06",
            "E03 et E04 doivent être séparé·e·s mais sont l'un·e et l'autre imposé·e·s dans C06",
        ),
        (  # E01 and E02 ensemble, pinned apart.
            {},
            {"E01": "C10", "E02": "C06"},
            "together-group E01 and E02 is pinned to several commissions (E01 to C10, E02 to C06)",
            "le groupe à réunir E01 et E02 est imposé dans plusieurs commandes (E01 dans C10, E02 "
            "dans C06)",
        ),
    ],
)
def test_validate_answers_3_for_rules_no_selection_can_keep(
    tmp_path: Path,
    edits: dict[str, tuple[str, str]],
    pins: dict[str, str],
    english: str,
    french: str,
) -> None:
    """``validate`` says "valid" only when teams can exist: a rule of pins, pairs or
    ``no_isolation`` that no selection keeps (``run`` would answer 3 with the same words)
    makes it exit 3, naming the students, in both languages."""
    cohort = _spoiled(tmp_path, edits, pins)
    code, _, err = _invoke("validate", str(cohort), "--lang", "en")
    assert code == 3 and "cannot hold, whatever the selection" in err and english in err, err
    code, out, err = _invoke("validate", str(cohort), "--lang", "fr")
    assert code == 3 and french in err and "les données sont valides" not in out, err


def test_validate_still_accepts_the_unspoiled_export() -> None:
    """The export as written keeps every rule: exit 0, "les données sont valides"."""
    code, out, err = _invoke("validate", str(COHORT), "--lang", "fr")
    assert code == 0 and out.rstrip().endswith("les données sont valides"), err


# -- a result written in one language, read in the other ------------------------------------


@pytest.fixture(scope="module")
def english_selection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``matcher select`` of the French export, in English."""
    out = tmp_path_factory.mktemp("probe") / "selected-en"
    code, _, err = _invoke("select", str(COHORT), "--out", str(out), "--lang", "en", "--quiet")
    assert code == 0, err
    return out


def test_whatif_in_french_rewords_an_english_selection(
    english_selection: Path, tmp_path: Path
) -> None:
    """A what-if in French from a selection written in English: every reason is French
    (``retenue``, ``réserve 1 : …``, ``non disponible : … ou …``), none left in English;
    C02 (same institution as the withdrawn C01) is no longer a reserve, and C08 (reserve 1
    of the English selection) replaces C01."""
    out = tmp_path / "whatif"
    code, _, err = _invoke(
        "whatif",
        str(COHORT),
        "--from",
        str(english_selection),
        "--out",
        str(out),
        "--withdraw-commission",
        "C01",
        "--lang",
        "fr",
        "--quiet",
    )
    assert code == 0, err
    rows = {r["id"]: r for r in read_rows(out / "selection.csv")}
    assert rows["C01"]["reason"] == "retirée"
    assert rows["C08"]["reason"] == "remplace C01" and rows["C08"]["selected"] == "yes"
    assert rows["C02"]["reserve_rank"] == ""
    assert rows["C02"]["reason"] == "plus en réserve : l'institution CPAS de Namur s'est retirée"
    assert rows["C04"]["reason"] == "non disponible : 15/04/2027 ou 16/04/2027"
    assert rows["C06"]["reason"] == "retenue (imposée par les paramètres)"
    assert rows["C09"]["reserve_rank"] == "1"
    assert rows["C09"]["reason"].startswith("réserve 1 : ")
    english = ("selected", "reserve", "available", "more ", "withdrawn", "replaces")
    for row in rows.values():
        assert not any(word in row["reason"] for word in english), row
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"C01": "C08"}


def test_report_in_english_rewords_a_french_result(french_run: Path, tmp_path: Path) -> None:
    """``report --lang en`` of a result written in French: the reasons read back from its
    selection.csv are worded in English."""
    out = tmp_path / "report"
    args = ("report", str(COHORT), "--result", str(french_run), "--out", str(out), "--quiet")
    code, _, err = _invoke(*args, "--lang", "en")
    assert code == 0, err
    reasons = {r["id"]: r["reason"] for r in read_rows(out / "selection.csv")}
    assert reasons["C01"] == "selected"
    assert reasons["C04"] == "not available: 15/04/2027 or 16/04/2027"
    assert (
        reasons["C02"].startswith("reserve ")
        and ": institution already selected" in (reasons["C02"])
    )


def test_a_reason_typed_by_hand_is_kept() -> None:
    """A reason the director typed (no sentence of matcher's) is read back as written; one
    of matcher's, in either language, is the message it words."""
    from matcher.loading.reasons import reason_read_back
    from matcher.schemas import SelectionSettings

    settings = SelectionSettings()
    kept = reason_read_back("gardée pour l'an prochain", None, settings)
    assert kept == "gardée pour l'an prochain"
    back = reason_read_back("réserve 3 : institution déjà retenue (AMO X)", None, settings)
    assert worded(back, "en") == "reserve 3: institution already selected (AMO X)"


def test_generate_refuses_a_seed_past_2_31(tmp_path: Path) -> None:
    """``generate --seed 2147483648`` is a usage error like every other command's seed
    (contract §2: a seed outside 0…2³¹−1), and nothing is written; 2³¹−1 itself is fine."""
    out = tmp_path / "cohort"
    code, _, err = _invoke("generate", "--seed", "2147483648", "--students", "6", "--out", str(out))
    assert code == 2 and "2147483648" in err and not out.exists()
    code, _, err = _invoke("generate", "--seed", "2147483647", "--students", "6", "--out", str(out))
    assert code == 0, err


def test_explain_of_a_broken_result_speaks_french(french_run: Path, tmp_path: Path) -> None:
    """``explain`` of an edited result that breaks rules: exit 3, the head and each broken
    rule in French under ``--lang fr`` (they were English whatever the language)."""
    edited = Path(shutil.copytree(french_run, tmp_path / "edited"))
    (edited / "result.xlsx").unlink()
    teams = edited / "teams.csv"
    rows = teams.read_text(encoding="utf-8-sig").splitlines()
    teams.write_text(
        "\n".join(r.replace(",C06,", ",C01,", 1) if r.startswith("E01,") else r for r in rows),
        encoding="utf-8",
    )
    args = ("explain", str(COHORT), "--result", str(edited), "--time-limit", "10")
    code, out, err = _invoke(*args, "--lang", "fr")
    assert code == 3 and not out
    # The error follows the warnings about what was read (the institution cell left as
    # it was beside the edited commission_id, session 13).
    # (2 or 3 rules: the size of C01 too when E01's move fills it, as the run's teams go.)
    assert re.search(r"(^|\n)erreur : le résultat enfreint [23] règles ; les explications", err)
    together = "E01 (Hélène Dubois) et E02 (Jérôme Renard) doivent être ensemble"
    assert f"{together} mais sont dans C01 et C06" in err
    assert "must be" not in err and "error" not in err
    code, _, err = _invoke(*args, "--lang", "en")
    assert code == 3 and re.search(r"(^|\n)error: the result breaks [23] rules;", err)


def test_a_cohort_without_balance_and_one_chooser_reads_right(tmp_path: Path) -> None:
    """A director's four-student cohort with ``balance = []`` and one student who wrote
    choices: the report says no attribute is balanced instead of "within its targets ()",
    and agrees "1 student" / "1 étudiant a" with the count, in both languages."""
    cohort = tmp_path / "iso"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "code;organisme;secteur;problématique\n"
        "C1;CPAS de Namur;CPAS;évaluation\nC2;AMO Le Cercle;jeunesse;diagnostic\n",
        encoding="utf-8",
    )
    (cohort / "students.csv").write_text(
        "matricule;nom;formation;vae;choix\n"
        'S1;Lina;AS;oui;"C1;C2"\nS2;Sara;AS;non;\nS3;Tom;ED;non;\nS4;Ugo;ED;oui;\n',
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text(
        "[selection]\ncount = 2\n[teams]\nbalance = []\n", encoding="utf-8"
    )
    for lang, balanced, chooser in (
        ("en", "No attribute is balanced", "1 student expressed choices"),
        ("fr", "Aucun attribut n'est équilibré", "1 étudiant a exprimé des choix"),
    ):
        out = tmp_path / f"out-{lang}"
        code, _, err = _invoke("--lang", lang, "run", str(cohort), "--out", str(out), "--quiet")
        assert code == 0, err
        page = html.unescape((out / "report.html").read_text(encoding="utf-8"))
        assert balanced in page
        assert chooser in page
        assert "()." not in page
