"""What a probe of settings.toml as a director writes it (contract §4, §2 "Faults", §7)
found in session 19 (g).

Hand-written cohort (6 proposals with French headers and ``;``, 12 students), one settings
file per mistake, run through ``validate`` and ``run`` in French and English: encodings
(Windows-1252, UTF-8 with BOM, UTF-16, CRLF), a word processor's typography, syntax slips,
wrong types, names in French, priorities, ``no_isolation`` spellings, ``--settings`` paths.

1. A settings.toml saved by Notepad as "Unicode" (UTF-16 with its BOM) was refused as
   "line 1: neither a [section] nor key = value", although CSV files saved so are read.
   It is read now (UTF-16 with a BOM), as the CSV files are.
2. A settings file saved by Notepad as a text document, ``settings.toml.txt`` (Windows hides
   the ``.txt``: the director sees "settings.toml"), was silently ignored: every rule it
   held dropped and the defaults used. It is read when the folder has no settings.toml,
   with a warning naming it.
3. ``time_limit = 1,5`` (a decimal comma) and ``count = 10,`` were refused as "expected one
   key = value per line", naming neither the value found nor what is expected. They now
   name the value and say that a decimal number is written with a point (``1.5``), or that
   the comma after the value is to be removed.
4. ``[équipes]`` (a section, or a key, with an accent) gave a bare "syntax error": it says
   now that section and key names are the English ones of the README, without accents.
5. Lines copied into Word and saved as text: curly quotes (``“oral_thu”``) and non-breaking
   spaces (``count = 4``) were refused ("a value is not understood", "expected '=' after a
   key" on a line that has one). When the file is TOML once they are read as straight
   quotes and spaces, it is read so, with a warning saying so.
6. A syntax error's column, which TOML gives, was not said: it is now (« ligne 3,
   colonne 14 »).
7. A list left open on the file's last line gave no line at all (TOML says "at end of
   document"): the line that opened it is named now. A line ending inside a text
   (``exclude = ["C6]``) said "a syntax error": it says the quote is not closed.
8. ``conflict_of_interest = True`` (or ``oui``) advised putting the text between quotes,
   which was then refused ("expected true or false"): it says to write true or false.
9. In English a settings file's line was called a "row" (« settings.toml, row 3 »), as a
   spreadsheet's: a "line" now (French already said « ligne »).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

COMMISSIONS = """id;institution;secteur;problématique;créneaux;priorité
C1;CPAS de Namur;CPAS;évaluation;"visit;oral_thu;Créneau";2
C2;AMO Le Cercle;aide à la jeunesse;diagnostic;"visit;oral_fri";1
C3;Maison Source;handicap;étude de faisabilité;"visit;oral_thu;oral_fri";0
C4;Plan B asbl;santé mentale;évaluation;"visit;oral_fri";3
C5;CPAS de Liège;CPAS;diagnostic;"visit;oral_thu;Créneau";1
C6;La Clairière;handicap;évaluation;"visit;oral_thu";0
"""

STUDENTS = """matricule;nom;formation;vae;en emploi;genre;choix
S01;Étudiant 1;GRH;oui;non;M;"C2;C5;C1"
S02;Étudiant 2;assistant social;non;oui;M;"C4;C6;C2"
S03;Étudiant 3;infirmier;non;oui;F;"C4;C5;C1"
S04;Étudiant 4;assistant social;oui;non;F;"C3;C1;C5"
S05;Étudiant 5;infirmier;non;oui;M;"C4;C1;C2"
S06;Étudiant 6;GRH;oui;non;F;"C2;C6;C4"
S07;Étudiant 7;GRH;non;oui;M;"C2;C3;C1"
S08;Étudiant 8;infirmier;oui;non;F;"C3;C5;C4"
"""


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohorte"
    folder.mkdir()
    (folder / "commissions.csv").write_text(COMMISSIONS, encoding="utf-8")
    (folder / "students.csv").write_text(STUDENTS, encoding="utf-8")
    return folder


def _validate(folder: Path, lang: str = "fr") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", str(folder), "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


def test_a_utf16_settings_file_is_read(cohort: Path) -> None:
    """Notepad's "Unicode" is UTF-16 with a BOM; instances/README reads CSV files so, and a
    settings file is typed in the same Notepad: its count (4, not the default 10, which
    6 proposals could not fill) must hold."""
    document = "# Réglages de la cohorte\r\n[selection]\r\ncount = 4\r\n"
    (cohort / "settings.toml").write_bytes(document.encode("utf-16"))
    code, out, err = _validate(cohort)
    assert code == 0, err
    assert "à retenir : 4" in out


def test_settings_toml_txt_is_read_with_a_warning(cohort: Path) -> None:
    """Notepad saves "settings.toml" as settings.toml.txt unless told otherwise, and
    Windows hides the .txt: dropping it silently dropped every rule it held (contract §2:
    no rule is ever dropped silently). Read, and said."""
    (cohort / "settings.toml.txt").write_text("[selection]\ncount = 4\n", encoding="utf-8")
    code, out, err = _validate(cohort)
    assert code == 0, err
    assert "à retenir : 4" in out
    assert "settings.toml.txt" in out
    # Beside a real settings.toml, that one is read, and the other one said to be unread.
    (cohort / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    code, out, err = _validate(cohort, "en")
    assert code == 0, err
    assert "to select: 3" in out and "settings.toml.txt" in out


@pytest.mark.parametrize(
    ("line", "lang", "said"),
    [
        # The value found, and the spelling expected (a decimal number takes a point).
        ("time_limit = 1,5", "fr", "« 1,5 »"),
        ("time_limit = 1,5", "fr", "1.5"),
        ("time_limit = 1,5", "en", "'1,5'"),
        ("workers = 2,", "fr", "« 2, »"),
        ("workers = 2,", "en", "remove the comma"),
    ],
)
def test_a_comma_in_a_number_names_the_value(cohort: Path, line: str, lang: str, said: str) -> None:
    """Contract §7: a wrong settings value names the value found and what is expected.
    "Expected one key = value per line" named neither, for a director who wrote a French
    decimal comma or a comma after a value as in a list."""
    (cohort / "settings.toml").write_text(f"[selection]\ncount = 4\n[solver]\n{line}\n")
    code, _, err = _validate(cohort, lang)
    assert code == 2
    assert "settings.toml" in err and said in err
    assert "ligne 4" in err or "line 4" in err


def test_an_accented_section_name_says_names_are_english(cohort: Path) -> None:
    """[équipes] is the French word for [teams]: TOML refuses the accent; "a syntax error
    (check the quotes…)" sent the director to look for quotes that are not there."""
    (cohort / "settings.toml").write_text("[selection]\ncount = 4\n[équipes]\nbalance = []\n")
    code, _, err = _validate(cohort)
    assert code == 2
    assert "ligne 3" in err and "équipes" in err and "[teams]" in err
    code, _, err = _validate(cohort, "en")
    assert code == 2 and "équipes" in err and "[teams]" in err


@pytest.mark.parametrize(
    "document",
    [
        "[selection]\ncount = 5\nrequired_slots = [\u201coral_thu\u201d]\n",
        "[selection]\ncount\u00a0= 5\nrequired_slots = [\u201coral_thu\u201d]\n",
        '[selection]\ncount =\u00a05\nrequired_slots = ["oral_thu"]\n',
    ],
)
def test_word_typography_is_read(cohort: Path, document: str) -> None:
    """A line of the README copied into Word gets curly quotes and non-breaking spaces;
    the values are right and TOML once the typography is plain. oral_thu is required, which
    C1, C3, C5 and C6 offer: count 5 cannot be met, and validate says so (exit 3) in words
    that prove both values were read, rather than refusing the file's syntax (exit 2)."""
    (cohort / "settings.toml").write_text(document, encoding="utf-8")
    code, _, err = _validate(cohort)
    assert code == 3, err
    assert "count vaut 5" in err and "2 commandes" not in err


def test_word_typography_in_a_valid_file_is_said(cohort: Path) -> None:
    """The warning is on the terminal of a command that succeeds, naming the file."""
    (cohort / "settings.toml").write_text("[selection]\ncount\u00a0= 4\n", encoding="utf-8")
    code, out, err = _validate(cohort)
    assert code == 0, err
    assert "à retenir : 4" in out
    assert "settings.toml" in out and "insécable" in out


def test_a_syntax_error_says_its_column(cohort: Path) -> None:
    """TOML gives the column of a syntax error; on a long line (a list of ids) the line
    alone leaves the director searching."""
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 4\nexclude = ["C1", "C2" "C3"]\n', encoding="utf-8"
    )
    code, _, err = _validate(cohort)
    assert code == 2
    assert "ligne 3" in err and "colonne 23" in err
    code, _, err = _validate(cohort, "en")
    assert "line 3" in err and "column 23" in err


def test_a_wrong_value_in_settings_toml_txt_names_the_key(cohort: Path) -> None:
    """settings.toml.txt is a settings file: its problems name a key and a line, as
    settings.toml's do, never a spreadsheet's column or row."""
    (cohort / "settings.toml.txt").write_text('[selection]\ncount = "quatre"\n[x\n')
    code, _, err = _validate(cohort, "en")
    assert code == 2
    assert "settings.toml.txt, line 3" in err and "column '" not in err
    (cohort / "settings.toml.txt").write_text('[selection]\ncount = "quatre"\n')
    code, _, err = _validate(cohort, "en")
    assert code == 2 and "settings.toml.txt, key 'selection.count'" in err


def test_a_missing_closing_quote_is_said(cohort: Path) -> None:
    """``exclude = ["C6]``: the line ends inside the text; "a syntax error" was all that was
    said, where TOML knows the quote is not closed."""
    (cohort / "settings.toml").write_text('[selection]\ncount = 4\nexclude = ["C6]\n')
    code, _, err = _validate(cohort)
    assert code == 2
    assert "ligne 3" in err and "un texte entre guillemets n'est pas refermé" in err


def test_a_list_left_open_at_the_end_names_its_line(cohort: Path) -> None:
    """A list not closed on the file's last line: TOML says "at end of document", and the
    director got no line at all; the line that opened the list is where to look."""
    (cohort / "settings.toml").write_text('[selection]\ncount = 4\nexclude = ["C6"\n')
    code, _, err = _validate(cohort)
    assert code == 2
    assert "settings.toml, ligne 3 : " in err and "une liste [ … ] n'est pas refermée" in err


@pytest.mark.parametrize("written", ["True", "FALSE", "oui", "Vrai"])
def test_a_flag_spelled_otherwise_says_true_or_false(cohort: Path, written: str) -> None:
    """``conflict_of_interest = True`` (as Excel writes it) was "a value is not understood
    (text goes between double quotes)": quoting it then gave "expected true or false". The
    value found and the spelling TOML takes are said at once."""
    (cohort / "settings.toml").write_text(
        f"[selection]\ncount = 4\n[teams]\nconflict_of_interest = {written}\n"
    )
    code, _, err = _validate(cohort)
    assert code == 2
    assert "ligne 4" in err and f"« {written} »" in err and "true ou false" in err
