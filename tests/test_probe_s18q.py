"""Probe s18q: every word in the language in force, both ways (contract §7).

A language-leak scanner (about 150 unmistakably French and English words, accents, data of
the cohort set aside) was run over everything matcher printed or wrote for a hand-written
cohort (12 students, 6 proposals of which 3 are selected, two of one institution, one not
available, a pair apart and one together, employers, a student without choices, three
supervisors with a tie and a day off, dated slots), written once in English (English
headers, ``,``, UTF-8) and once in French (French headers, ``;``, Windows-1252), each run
with ``--lang en`` and ``--lang fr``: ``validate``, ``select``, ``assign``, ``run``,
``plan``, ``whatif`` (each kind, ``--no-replace``, ``--withdraw-supervisor``, before teams,
chained), ``explain`` (all, one student, ``--out``, from the workbook), ``check`` (good,
hand-broken, the workbook), ``report`` (good, broken, re-rendered in the other language),
``generate`` (its README), every command's ``--help``, and 45 bad inputs of every kind in
the four crossings (180 runs); outputs scanned: stdout, stderr, selection.csv and
explanations.csv ``reason``, calendar.ics, report.html (text and title/alt/aria-label/
placeholder), every sheet name and cell of result.xlsx, summary.json's sentences, the
generated README. The order of precedence ``--lang`` > ``MATCHER_LANG`` > ``LC_ALL`` >
``LC_MESSAGES`` > ``LANG`` was checked too.

What the probe found:

- ``whatif --from`` a what-if result whose summary.json records changes that no longer fit
  the cohort (a director deletes from students.csv the student who left, then asks the
  next what-if) was refused in English whatever ``--lang`` ("key
  'changes.withdrawn_students': not students of students.csv: S03"), and a recorded
  arrival that is not a valid row showed pydantic's own sentences. Every such problem is
  now a catalogue message (``sm_*``), the key named as settings keys are.
- A ``no_isolation`` condition or a ``balance`` entry naming the attribute by the file's
  own header (``V.A.E.=oui``, ``balance = ["V.A.E.", "Employé(e)"]``) was refused ("is not a
  condition"), though the header itself is read as ``vae``: the attribute is now read by
  the headers' reader (``columns.column_named``).
- An unknown id of two characters (``--withdraw-supervisor A9`` with supervisors A1…A3)
  suggested nothing, against §7's "suggests the nearest known one": one slip away is now
  always near (``vouliez-vous dire A1, A2 ou A3 ?``).
- ``--lang FR`` (or ``--lang=Fr``) was a usage error while ``MATCHER_LANG=FR`` was French
  and commands are named whatever their case: ``--lang`` now reads any case.
- ``--help`` in French headed its lists "Options:" and "Commandes:", the only French line
  without the space before the colon: « Options : », « Commandes : ».
- Stage 3's explanation of no plan said « X est indisponible au créneau oral_thu et
  oral_fri »: several slots together now take the plural, « aux créneaux … » (one of
  several stays singular, « qu'au créneau oral_thu ou oral_fri », as elsewhere).

Found right: every other message, output and help page, in both languages and both
crossings; reasons written in one language re-worded in the other by ``report``;
« 1er octobre » / "1 October" in the report; decimal commas and ``7 %`` in French; the
workbench's pages (Flask client, both crossings); Ctrl-C's words and progress lines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

FAST = ("--quiet", "--workers", "1", "--seed", "0", "--time-limit", "10", "--no-explain")

_COMMISSIONS = (
    "id,institution,sector,problem_type,slots\n"
    'C01,Maison Kobalt,jeunesse,évaluation,"visit;oral_thu"\n'
    'C02,ASBL Vortex,handicap,diagnostic,"visit;oral_thu"\n'
    'C03,CPAS de Zolder,CPAS,faisabilité,"visit;oral_thu"\n'
    'C04,Xenon Plaza,logement,diagnostic,"visit;oral_thu"\n'
)
_STUDENTS = "id,name,background,gender,choices\n" + "".join(
    f"S{i:02d},Nom {i},{'AS' if i % 2 else 'GRH'},{'FM'[i % 2]},"
    f'"C0{1 + i % 4};C0{1 + (i + 1) % 4}"\n'
    for i in range(1, 10)
)


@pytest.fixture(scope="module")
def after_withdrawal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cohort and the result of ``whatif --withdraw-student S03`` on it."""
    base = tmp_path_factory.mktemp("s18q")
    cohort = write_cohort(
        base / "cohort",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _STUDENTS,
            "settings.toml": "[selection]\ncount = 3\n",
        },
    )
    code, out = invoke(["run", str(cohort), "--out", str(base / "run"), *FAST])
    assert code == 0, out
    code, out = invoke(
        [
            "whatif",
            str(cohort),
            "--from",
            str(base / "run"),
            "--out",
            str(base / "w1"),
            "--withdraw-student",
            "S03",
            *FAST,
        ]
    )
    assert code == 0, out
    return cohort, base / "w1"


def test_recorded_withdrawal_no_longer_in_students_is_said_in_french(
    after_withdrawal: tuple[Path, Path], tmp_path: Path
) -> None:
    # The director deletes the student who left from students.csv, then asks the next
    # what-if from the first one's folder: the refusal (exit 2, contract §2) must be in the
    # language in force, like every other message (§7: "In French, everything a person
    # reads is French: errors, …"); it was English whatever --lang.
    cohort, w1 = after_withdrawal
    edited = tmp_path / "cohort"
    shutil.copytree(cohort, edited)
    lines = (edited / "students.csv").read_text(encoding="utf-8").splitlines()
    (edited / "students.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("S03,")) + "\n", encoding="utf-8"
    )
    args = [
        "whatif",
        str(edited),
        "--from",
        str(w1),
        "--out",
        str(tmp_path / "w2"),
        "--withdraw-student",
        "S05",
        *FAST,
    ]
    code, out = invoke([*args, "--lang", "fr"])
    assert code == 2, out
    assert "clé « changes.withdrawn_students »" in out, out
    assert "pas des étudiants de students.csv : S03" in out, out
    for english in ("key '", "not students of", "expected"):
        assert english not in out, out
    code, out = invoke([*args, "--lang", "en"])
    assert code == 2, out
    assert "key 'changes.withdrawn_students': not students of students.csv: S03" in out, out


def test_recorded_arrival_refused_in_french_without_pydantic_sentences(
    after_withdrawal: tuple[Path, Path], tmp_path: Path
) -> None:
    # A recorded arrival that is no valid students.csv row (summary.json edited by hand):
    # the value found and what is expected in the reader's words, never a library's raw
    # text (contract §7 says so of settings; the same catalogue serves here).
    import json

    cohort, w1 = after_withdrawal
    damaged = tmp_path / "w1"
    shutil.copytree(w1, damaged)
    summary = json.loads((damaged / "summary.json").read_text(encoding="utf-8"))
    summary["changes"]["added_students"] = [
        {"id": "S50", "background": "AS", "experience_years": "beaucoup"}
    ]
    summary["changes"]["moves"] = -1
    (damaged / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    code, out = invoke(
        [
            "whatif",
            str(cohort),
            "--from",
            str(damaged),
            "--out",
            str(tmp_path / "w2"),
            "--withdraw-student",
            "S05",
            *FAST,
            "--lang",
            "fr",
        ]
    )
    assert code == 2, out
    assert "clé « changes.moves » : il faut un nombre entier ≥ 0" in out, out
    assert "l'étudiant 1 n'est pas une ligne de students.csv" in out, out
    assert "« beaucoup » ne convient pas : il faut un nombre" in out, out
    for english in ("Input should", "expected", "student 1", "key '"):
        assert english not in out, out


def test_settings_name_a_column_as_the_file_writes_it(tmp_path: Path) -> None:
    # The students' header is read whatever its punctuation (README, "Sheets as people lay
    # them out": ``V.A.E.``, ``Employé(e)``), and settings may name an attribute by that
    # column's name (README, settings: ``genre=M``, ``en emploi=oui``). A director copying
    # the header of their own file into settings.toml (``V.A.E.=oui``) was refused (exit 2,
    # "is not a condition"), though matcher itself reads that very header as ``vae``.
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": "Matricule;Formation initiale;V.A.E.;Employé(e);Genre;Choix\n"
            + "".join(
                f"S{i:02d};AS;{'oui' if i < 3 else 'non'};non;{'FM'[i % 2]};C01\n"
                for i in range(1, 10)
            ),
            "settings.toml": "[selection]\ncount = 3\n[teams]\n"
            'balance = ["V.A.E.", "Genre", "Employé(e)"]\n'
            'no_isolation = ["V.A.E.=oui", "Employé(e)=non"]\n',
        },
    )
    code, out = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 0, out


def test_unknown_short_id_suggests_the_nearest() -> None:
    # Contract §7: "An unknown id suggests the nearest known one". Supervisors are often
    # numbered A1, A2, …: ``--withdraw-supervisor A9`` suggested nothing (difflib rates one
    # slip in two characters below its cutoff), while ``S99`` among S01…S12 did suggest.
    from matcher.labels import Listing
    from matcher.loading.id_index import IdIndex

    tied = IdIndex(["A1", "A2", "A3"]).suggestion("A9")
    assert isinstance(tied, Listing)
    assert tied.words("fr") == "A1, A2 ou A3"
    assert tied.words("en") == "A1, A2 or A3"
    assert IdIndex(["A1", "A2", "A3"]).suggestion("B1") == "A1"
    # Nothing near stays nothing: one character is no id to guess from.
    assert IdIndex(["A1", "A2", "A3"]).suggestion("Q") is None


@pytest.mark.parametrize("written", ["FR", "Fr", "--lang=FR"])
def test_lang_in_capitals_is_french(tmp_path: Path, written: str) -> None:
    # ``MATCHER_LANG=FR`` is French (§7's order, case aside) and a command is named whatever
    # its case (``matcher Run``, README), but ``--lang FR`` was a usage error (exit 2,
    # "'FR' is not one of 'en', 'fr'"): the option now reads the language whatever its case.
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _STUDENTS,
            "settings.toml": "[selection]\ncount = 3\n",
        },
    )
    lang = [written] if written.startswith("--") else ["--lang", written]
    code, out = invoke(["validate", str(cohort), *lang])
    assert code == 0, out
    assert "les données sont valides" in out, out
    code, out = invoke(["--lang", written.removeprefix("--lang="), "validate", str(cohort)])
    assert code == 0, out
    assert "les données sont valides" in out, out


def test_help_headings_spaced_in_french() -> None:
    # Every French line matcher prints puts a space before a colon (« Utilisation : »,
    # « erreur : », « clé « … » : »); the headings of --help were click's "Options:" and
    # "Commandes:", the one place French typography was not kept.
    code, out = invoke(["--help", "--lang", "fr"])
    assert code == 0, out
    assert "\nOptions :\n" in out and "\nCommandes :\n" in out, out
    code, out = invoke(["run", "--help", "--lang", "fr"])
    assert "\nOptions :\n" in out and "Options:" not in out, out
    code, out = invoke(["run", "--help", "--lang", "en"])
    assert "\nOptions:\n" in out, out


def test_plan_conflict_agrees_slots_in_french(tmp_path: Path) -> None:
    # No plan: two supervisors off on both oral days, the third cannot hold every visit.
    # The French explanation said « Lotte est indisponible au créneau oral_thu et
    # oral_fri »: several slots take the plural, « aux créneaux oral_thu et oral_fri »
    # (one stays « au créneau oral_thu »); the English is the same either way.
    cohort = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": "id,institution,sector,problem_type,slots\n"
            + "".join(
                f'C0{i},Inst {i},s{i},p{i},"visit;oral_thu;oral_fri"\n' for i in range(1, 4)
            ),
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 10)),
            "supervisors.csv": "id,name,max_teams,unavailable\n"
            'A1,Karel,3,"oral_thu;oral_fri"\nA2,Lotte,3,"oral_thu;oral_fri"\n'
            "A3,Nils,1,oral_thu\n",
            "settings.toml": "[selection]\ncount = 3\n[calendar]\n"
            'visit_slot = "visit"\noral_slots = ["oral_thu", "oral_fri"]\n',
        },
    )
    args = ["run", str(cohort), "--out", str(tmp_path / "out"), *FAST]
    code, out = invoke([*args, "--lang", "fr"])
    assert code == 3, out
    assert "Lotte est indisponible aux créneaux oral_thu et oral_fri" in out, out
    assert "au créneau oral_thu et" not in out, out
    code, out = invoke([*args, "--lang", "en"])
    assert code == 3, out
    assert "Lotte is unavailable on oral_thu and oral_fri" in out, out
