"""A director's-eye walk through the commands in French (contract §7: in French, everything a
person reads is French), on inputs the way spreadsheets and people produce them: the
messages found in English in French mode by the acceptance pass, each with its case."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from matcher.cli import main

ROOT = Path(__file__).resolve().parents[1]
COHORT = ROOT / "instances" / "tiny" / "loading-fr-cp1252"

#: English words that would give away a message left untranslated.
ENGLISH = ("error:", " row ", " is not ", "expected", "the row has", "workbook", "two files")


def _fr(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--lang", "fr"])
    return result.exit_code, result.stderr


def _french_only(err: str) -> None:
    for word in ENGLISH:
        assert word not in err, (word, err)


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """A copy of a French cp1252 export, to spoil."""
    return Path(shutil.copytree(COHORT, tmp_path / "cohort"))


def test_a_row_with_a_cell_too_many_is_french(cohort: Path) -> None:
    """A stray value past the last column (a `;` typed inside an unquoted cell)."""
    with (cohort / "Commissions.csv").open("ab") as file:
        file.write("C99;X;Y;Z;T;U;V;W;X;en trop\r\n".encode("cp1252"))
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert "Commissions.csv, ligne " in err and "cellules ou plus mais l'en-tête a" in err
    _french_only(err)


def test_a_binary_file_is_french(cohort: Path) -> None:
    """A pairs file that is not text at all (a photo renamed .csv)."""
    (cohort / "paires.csv").write_bytes(bytes(range(256)) * 4)
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert "paires.csv : ce n'est pas un fichier texte" in err
    _french_only(err)


def test_a_broken_workbook_is_french(tmp_path: Path) -> None:
    """An instance workbook that is not a zip (a failed download)."""
    book = tmp_path / "cohorte.xlsx"
    book.write_bytes(b"not a zip at all")
    code, err = _fr("validate", str(book))
    assert code == 2
    assert "cohorte.xlsx : ce n'est pas un classeur .xlsx lisible" in err
    _french_only(err)


def test_a_workbook_given_as_csv_is_french(cohort: Path) -> None:
    """Commissions saved as .xlsx under a .csv name."""
    book = openpyxl.Workbook()
    book.active.append(["id"])
    book.save(cohort / "Commissions.csv")
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert "c'est un classeur (.xlsx), pas un fichier CSV" in err
    _french_only(err)


def test_two_files_for_one_table_is_french(cohort: Path) -> None:
    """students.csv beside Etudiants.csv: which one holds the cohort is not guessed."""
    shutil.copy(cohort / "Etudiants.csv", cohort / "students.csv")
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert "deux fichiers contiennent" in err
    _french_only(err)


def test_an_edited_workbook_with_an_unknown_commission_is_french(
    tmp_path: Path,
) -> None:
    """The director typed a commission id that does not exist in the Étudiants sheet of
    result.xlsx: the message is French, names the sheet, row and column, and suggests the
    nearest id."""
    cohort = ROOT / "instances" / "tiny" / "loading-fr-export"
    out = tmp_path / "out"
    code, err = _fr("run", str(cohort), "--out", str(out), "--quiet", "--no-explain")
    assert code == 0, err
    edited = tmp_path / "edited"
    edited.mkdir()
    shutil.copy(out / "result.xlsx", edited / "result.xlsx")
    book = openpyxl.load_workbook(edited / "result.xlsx")
    sheet = book["Étudiants"]
    header = [c.value for c in sheet[1]]
    column = header.index("commission_id")
    original = sheet.cell(row=2, column=column + 1).value
    sheet.cell(row=2, column=column + 1).value = original + "X"
    book.save(edited / "result.xlsx")
    code, err = _fr("check", str(cohort), "--result", str(edited))
    assert code == 2
    assert "result.xlsx (Étudiants), ligne 2, colonne « commission_id »" in err
    assert f"« {original}X » n'est pas un code de commande de Commissions.csv" in err
    assert "vouliez-vous dire" in err
    _french_only(err)


@pytest.mark.parametrize(
    ("option", "typed", "meant"),
    # Letter l for one, a stray letter: ids in another case are read as the id itself
    # (test_cli_ids_any_case.py), so these are real slips.
    [("--withdraw-commission", "Cl", "C1"), ("--withdraw-student", "S2x", "S2")],
)
def test_whatif_suggests_the_nearest_id(
    tmp_path: Path, option: str, typed: str, meant: str
) -> None:
    """A mistyped id given to whatif is answered with the nearest known one (contract §7:
    "C1O: did you mean C10?"), in French, and nothing is written."""
    cohort = ROOT / "instances" / "tiny" / "whatif-after"
    out = tmp_path / "after"
    code, err = _fr(
        "whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
        option, typed, "--quiet",
    )  # fmt: skip
    assert code == 2
    assert f"{option} {typed} : " in err and f"vouliez-vous dire {meant} ?" in err
    assert not out.exists()


def test_withdraw_supervisor_suggests_the_nearest_id(tmp_path: Path) -> None:
    """An unknown supervisor id is answered with the nearest one of supervisors.csv."""
    cohort = ROOT / "instances" / "demo"
    out = tmp_path / "out"
    code, err = _fr("run", str(cohort), "--out", str(out), "--quiet", "--no-explain")
    assert code == 0, err
    after = tmp_path / "after"
    code, err = _fr(
        "whatif", str(cohort), "--from", str(out), "--out", str(after),
        "--withdraw-supervisor", "AO1", "--quiet",
    )  # fmt: skip
    assert code == 2
    assert "--withdraw-supervisor AO1 : " in err and "vouliez-vous dire A01 ?" in err
    assert not after.exists()


@pytest.mark.parametrize(
    ("setting", "french"),
    [
        (
            'visit_window = ["13:00", "09:00"]',
            "la plage doit commencer avant de finir : 13:00 n'est pas avant 09:00",
        ),
        (
            'dates = { visit = "31/02/2026" }',
            # A day the calendar lacks is said so (probe s40d D8), not "write it day first".
            "clé « calendar.dates.visit » : « 31/02/2026 » ne convient pas : ce jour n'existe "
            "pas (le mois se termine le samedi 28 février 2026)",
        ),
        # The validator's sentence follows the value found, not "il faut une valeur valable
        # (…)" wrapped round it (probe s24).
        (
            'oral_window = ["9 heures", "17:00"]',
            "[« 9 heures », « 17:00 »] ne convient pas : « 9 heures » n'est pas une heure : "
            "il faut HH:MM",
        ),
        ("visit_minutes = 900", "visit_minutes = 900 ne tient pas dans visit_window"),
        ('oral_slots = ["visit"]', "« visit » est à la fois le créneau des visites"),
    ],
)
def test_calendar_settings_refusals_are_french(cohort: Path, setting: str, french: str) -> None:
    """The reasons the settings' own rules give (contract §4: a wrong settings value names
    the key, the value found and what is expected) are worded in French too."""
    (cohort / "settings.toml").write_text(f"[calendar]\n{setting}\n", encoding="utf-8")
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert french in err
    _french_only(err)


@pytest.mark.parametrize(
    ("document", "french"),
    [
        ("[selection]\ncount = 6\n[selection]\ncount = 7\n", "une [section] est déclarée"),
        ("[selection]\ncount = dix\n", "une valeur n'est pas comprise"),
        ('[selection]\ninclude = ["P1"\n', "une liste [ … ] n'est pas refermée"),
    ],
)
def test_a_toml_syntax_error_is_french(cohort: Path, document: str, french: str) -> None:
    """A settings.toml typed by hand with a syntax slip: the file, the line and what is wrong
    in French, never tomllib's English ("Cannot declare ('selection',) twice")."""
    (cohort / "settings.toml").write_text(document, encoding="utf-8")
    code, err = _fr("validate", str(cohort))
    assert code == 2
    assert "settings.toml" in err and "n'est pas un fichier TOML valide : " + french in err
    assert "Cannot" not in err and "Invalid" not in err and "Unclosed" not in err


def test_validate_counts_the_supervisors() -> None:
    """validate prints the counts of every file of the instance, supervisors.csv included
    (the demo has one): a director sees their accompagnateurs were read."""
    demo = ROOT / "instances" / "demo"
    result = CliRunner().invoke(main, ["validate", str(demo), "--lang", "fr"])
    assert result.exit_code == 0, result.stderr
    with (ROOT / "instances" / "demo" / "supervisors.csv").open(encoding="utf-8-sig") as file:
        count = sum(1 for line in file if line.strip()) - 1
    assert f"accompagnateur·rice·s : {count}\n" in result.stdout
    # Without supervisors.csv, no line about supervisors.
    result = CliRunner().invoke(main, ["validate", str(COHORT), "--lang", "fr"])
    assert result.exit_code == 0 and "accompagnateur" not in result.stdout


def test_a_usage_error_into_a_closed_pipe_keeps_its_status(tmp_path: Path) -> None:
    """`matcher run … --seed -1 2>&1 | head -1`: click's usage message meets a closed pipe;
    the command still ends as a usage error (2), quietly, never as an internal error (1)."""
    import subprocess
    import sys

    args = [sys.executable, "-m", "matcher", "run", str(COHORT), "--out", str(tmp_path / "o")]
    process = subprocess.Popen(
        [*args, "--seed", "-1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before anything is written
    assert process.wait() == 2
    assert not (tmp_path / "o").exists()


def test_explain_suggests_the_nearest_student(tmp_path: Path) -> None:
    """explain --student with a mistyped id (letter l for one; another case alone is read
    as the id itself, test_cli_ids_any_case.py) names the student the director most
    likely meant."""
    cohort = ROOT / "instances" / "tiny" / "loading-fr-export"
    out = tmp_path / "out"
    code, err = _fr("run", str(cohort), "--out", str(out), "--quiet", "--no-explain")
    assert code == 0, err
    with (out / "teams.csv").open(encoding="utf-8-sig") as file:
        ids = [line.split(",")[0] for line in file.read().splitlines()[1:]]
    first = next(i for i in ids if "1" in i)
    typed = first.lower().replace("1", "l")
    code, err = _fr("explain", str(cohort), "--result", str(out), "--student", typed)
    assert code == 2
    assert f"--student {typed} : pas un étudiant de la cohorte : vouliez-vous dire {first} ?" in err


def test_explain_and_plan_accept_the_workbook_itself(tmp_path: Path) -> None:
    """Contract §8: `explain --result` (and, like it, `plan --result`) accept a result.xlsx
    given itself, as check and report do: the director mails the workbook around."""
    cohort = ROOT / "instances" / "demo"
    out = tmp_path / "out"
    code, err = _fr("run", str(cohort), "--out", str(out), "--quiet", "--no-explain")
    assert code == 0, err
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(out / "result.xlsx", shared / "result.xlsx")
    book = shared / "result.xlsx"
    code, err = _fr("explain", str(cohort), "--result", str(book), "--out", str(tmp_path / "e"))
    assert code == 0, err
    assert (tmp_path / "e" / "explanations.csv").is_file()
    code, err = _fr("plan", str(cohort), "--result", str(book), "--out", str(tmp_path / "p"))
    assert code == 0, err
    with (tmp_path / "p" / "supervision.csv").open(encoding="utf-8-sig") as file:
        planned = [line.split(",")[0] for line in file.read().splitlines()[1:]]
    with (out / "supervision.csv").open(encoding="utf-8-sig") as file:
        solved = [line.split(",")[0] for line in file.read().splitlines()[1:]]
    assert sorted(planned) == sorted(solved)  # the same teams, read from the workbook
    assert sorted(p.name for p in shared.iterdir()) == ["result.xlsx"]  # never modified


def test_control_character_warnings_are_french(cohort: Path) -> None:
    """An escape sequence pasted into a name is dropped with a warning (contract §2): in
    French, the warning and where it is (ligne, colonne) are French too."""
    path = cohort / "Etudiants.csv"
    data = path.read_bytes()
    lines = data.split(b"\r\n") if b"\r\n" in data else data.split(b"\n")
    first = lines[1].split(b";")
    first[1] = first[1] + b"\x1b[31m"
    lines[1] = b";".join(first)
    path.write_bytes((b"\r\n" if b"\r\n" in data else b"\n").join(lines))
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 0, result.stderr
    assert "Etudiants.csv, ligne 2, colonne « " in result.stdout
    assert "caractères de contrôle retirés de la cellule" in result.stdout
    assert "\x1b" not in result.stdout and "control characters" not in result.stdout


def test_an_unwritable_out_gives_the_reason_in_french(tmp_path: Path) -> None:
    """--out where no folder can be made: the system's reason ("No such file or directory")
    is worded by the catalogue, so the French sentence stays French throughout."""
    out = Path("/proc/matcher-acceptance-out")  # /proc takes no new folder, even for root
    code, err = _fr("validate", str(COHORT))
    assert code == 0, err
    code, err = _fr("run", str(COHORT), "--out", str(out), "--quiet")
    assert code == 2
    # (The folder that takes no new file, /proc, is named since session 13.)
    assert "ne peut pas être écrit : le dossier /proc" in err
    assert "(fichier ou dossier introuvable)" in err
    assert "No such file" not in err
    assert not out.exists()


def test_a_stray_bell_in_a_small_file_is_dropped_not_binary(tmp_path: Path) -> None:
    """An arrivals file of one student whose first name holds a bell (pasted from a chat):
    the file is text with a control character, dropped with a warning (contract §2), not
    "binary content" refused as a whole."""
    cohort = ROOT / "instances" / "tiny" / "whatif-after"
    arrivals = tmp_path / "arrivees.csv"
    arrivals.write_bytes("id;name;background\r\nS90;Zo\x07é Martin;GRH\r\n".encode("cp1252"))
    out = tmp_path / "after"
    code, err = _fr(
        "whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
        "--add-students", str(arrivals), "--quiet",
    )  # fmt: skip
    assert code == 0, err
    assert "arrivees.csv, ligne 2, colonne « name » : caractères de contrôle retirés" in err
    with (out / "teams.csv").open(encoding="utf-8-sig") as file:
        assert "S90,Zoé Martin," in file.read()
