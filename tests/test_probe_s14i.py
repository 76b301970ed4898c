"""Probe s14i: the command line for someone who lives in spreadsheets (contract §2, "Faults
and hostile input", §7).

What the probe found:
- ``--out .`` (or ``--out ..``, or an empty ``--out=``, taken as ``.``) run from the folder
  holding the cohort replaced that whole folder: every file in it, the cohort's own folder
  included, was copied into a new folder and the old one removed, so the director's shell
  was left in a folder that no longer existed ("coh does not exist" at the next command)
  and a ``--out ~`` would have copied their whole home folder. An output folder that holds
  the instance (or a ``--from``/``--result``/``--selection`` folder), or that is (or holds)
  the folder the command runs in, is now a usage error naming it; ``serve`` says so at
  start, not at the first save.
- A leading ``~`` (``matcher run "~/cohorte" --out "~/resultats"``, as PowerShell passes
  it) was not the home folder: "'~/cohorte' does not exist", and ``--out "~/x"`` made a
  folder named ``~``. It is now the home folder; an empty file or folder name is refused.
- A misspelt command (``matcher valider``, ``matcher rn``, ``matcher chek``) got "No such
  command" without the did-you-mean a misspelt option gets, and ``matcher Run`` was no
  command. A command is now named whatever its case, and an unknown one suggests the
  nearest, in spelling or in French, in the language in force.
- ``check --result res/teams.csv`` (or ``--from``/``--result`` a selection.csv or a
  summary.json) said "teams.csv: not a readable .xlsx workbook (BadZipFile)": the file
  read as a workbook, a library's word shown. It now says it is one file of a result and
  names the folder to give (or its result.xlsx).
- ``matcher validate cohorte/students.csv`` said what an instance is, not which folder to
  give: it now names the folder holding the file.
- An instance folder holding its CSV files and a workbook (``cohorte 2026.xlsx``) read the
  CSV files and said nothing of the workbook, which the director may have kept up to date
  instead: a warning now says it is not read and how to read it.
- Progress lines during a long run (``… écarts d'équilibre (min) meilleur 73 borne 68
  6,4 s``) said neither the stage nor how long was left of ``--time-limit``; they now say
  both (``… équipes : … 6,4 s, encore 23 s au plus``).
- ``--time-limit 2,5`` (the decimal comma of a French locale, as cells are read) and
  ``--time-limit 30s`` were refused as "not a positive finite number of seconds"; they
  are now 2.5 s and 30 s.
- ``--out --lang fr`` (the folder's name forgotten) took ``--lang`` for the folder and said
  "Got unexpected extra argument (fr)"; a file or folder name that is an option is now
  said to be one, naming the option that wants the name.

Checked and right, in both languages: ``matcher`` alone (help, exit 2); misspelt options
(``--time_limit``, ``--sortie``: did you mean); missing ``--selection``/``--out``/
``--from``/``--result``/INSTANCE; ``--seed abc|-1|2**31``, ``--time-limit 0|nan|inf|-5``,
``--workers 0|65``, ``--lang de`` (exit 2, worded); every ``--help`` (complete, French under
``--lang fr``, ``MATCHER_LANG`` or ``LANG=fr_BE.UTF-8``; ``--lang`` over ``MATCHER_LANG``
over the locale, ``LC_ALL=C`` over ``LANG``); paths with spaces, accents and apostrophes;
relative paths from another folder; an .xlsx instance; ``--out`` a file, inside the
instance, equal to it, replacing an earlier result (the director's own files kept);
``--settings`` missing or a folder; ``--result`` a folder without teams; ``--quiet`` silent
on success and loud on errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

COHORT = {
    "commissions.csv": (
        "id;institution;secteur;problématique\n"
        "C01;CPAS de Namur;CPAS;évaluation\n"
        "C02;AMO Le Cercle;aide à la jeunesse;diagnostic\n"
        "C03;Maison médicale;santé;étude de faisabilité\n"
    ),
    "students.csv": (
        "matricule;nom;formation;choix\n"
        + "".join(
            f'S{i:02d};Étudiant {i};AS;"C0{1 + i % 3};C0{1 + (i + 1) % 3}"\n' for i in range(6)
        )
    ),
    "settings.toml": "[selection]\ncount = 2\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("out", [".", "..", "="])
def test_out_holding_the_instance_or_the_working_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, out: str
) -> None:
    # Contract §2: "Input files are never modified; `--out` may not be the instance folder;
    # outputs are written completely or not at all." / "A `--out` that cannot be written is
    # a usage error naming it."
    work = tmp_path / "work"
    write_cohort(work / "cohorte", COHORT)
    (work / "notes.txt").write_text("le travail du directeur\n", encoding="utf-8")
    monkeypatch.chdir(work)
    before = work.stat().st_ino
    args = ["run", "cohorte", f"--out{out}" if out == "=" else "--out", "--lang", lang]
    if out != "=":
        args.insert(3, out)
    code, output = invoke(args)
    assert code == 2, output
    assert "--out" in output
    assert work.stat().st_ino == before  # the folder was not replaced
    assert sorted(p.name for p in work.iterdir()) == ["cohorte", "notes.txt"]
    assert not (work / "cohorte" / "teams.csv").exists()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_out_being_the_working_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # Contract §2: "A `--out` that cannot be written is a usage error naming it."
    write_cohort(tmp_path / "cohorte", COHORT)
    here = tmp_path / "resultats"
    here.mkdir()
    monkeypatch.chdir(here)
    code, output = invoke(["run", "../cohorte", "--out", ".", "--lang", lang])
    assert code == 2, output
    assert "--out ." in output
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_out_holding_the_result_read_is_refused(tmp_path: Path, lang: str) -> None:
    # Contract §2/§8: "`DIR` is never modified" (whatif --from, report --result).
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    result = tmp_path / "dossier" / "resultat"
    assert invoke(["run", str(cohort), "--out", str(result), "--quiet"])[0] == 0
    code, output = invoke(
        ["report", str(cohort), "--result", str(result), "--out", str(tmp_path / "dossier"),
         "--lang", lang]
    )  # fmt: skip
    assert code == 2, output
    assert "--result" in output
    assert sorted(p.name for p in (tmp_path / "dossier").iterdir()) == ["resultat"]


def test_serve_refuses_an_out_holding_the_instance_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §10: "Saving writes the section 3 outputs into DIR" (a folder saving would
    # refuse is said at start, like every command's --out).
    import matcher.cli.serve as serve

    def never(host: str, port: int) -> None:
        raise AssertionError("the workbench started")

    monkeypatch.setattr(serve, "_listening", never)
    write_cohort(tmp_path / "cohorte", COHORT)
    monkeypatch.chdir(tmp_path)
    code, output = invoke(["serve", "cohorte", "--out", ".", "--no-open", "--lang", "fr"])
    assert code == 2, output
    assert "--out ." in output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_leading_tilde_is_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # Contract §2: "`matcher run INSTANCE --out DIR`" — the paths as the director types them
    # (README: a leading ~ is the home folder, whatever the shell).
    home = tmp_path / "home"
    write_cohort(home / "cohorte", COHORT)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.chdir(tmp_path)
    code, output = invoke(["run", "~/cohorte", "--out", "~/resultats", "--quiet", "--lang", lang])
    assert code == 0, output
    assert (home / "resultats" / "teams.csv").is_file()
    assert not (tmp_path / "~").exists()


@pytest.mark.parametrize(("lang", "words"), [("fr", "vide"), ("en", "empty")])
@pytest.mark.parametrize("option", ["INSTANCE", "--settings"])
def test_an_empty_path_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str, option: str
) -> None:
    # Contract §2: "`2` usage error or invalid input" — an empty name is not the current
    # folder.
    write_cohort(tmp_path / "cohorte", COHORT)
    monkeypatch.chdir(tmp_path / "cohorte")
    args = ["validate", "", "--lang", lang]
    if option == "--settings":
        args = ["validate", ".", "--settings", "", "--lang", lang]
    code, output = invoke(args)
    assert code == 2, output
    assert option in output and words in output


@pytest.mark.parametrize(
    ("lang", "typed", "suggested"),
    [
        ("fr", "valider", "Vouliez-vous dire « validate » ?"),
        ("fr", "rn", "Vouliez-vous dire « run » ?"),
        ("fr", "générer", "Vouliez-vous dire « generate » ?"),
        ("en", "valider", "Did you mean 'validate'?"),
        ("en", "vaildate", "Did you mean 'validate'?"),
        ("en", "chek", "Did you mean 'check'?"),
    ],
)
def test_a_misspelt_command_suggests_the_nearest(
    tmp_path: Path, lang: str, typed: str, suggested: str
) -> None:
    # Contract §7: "An unknown id suggests the nearest known one" and "In French,
    # **everything** a person reads is French: errors, …" — a command too.
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    code, output = invoke(["--lang", lang, typed, str(cohort)])
    assert code == 2, output
    assert typed in output and suggested in output


@pytest.mark.parametrize("typed", ["Validate", "VALIDATE"])
def test_a_command_in_capitals_is_the_command(tmp_path: Path, typed: str) -> None:
    # Contract §2: "`matcher validate INSTANCE` | reads and checks everything" (README: a
    # command is named whatever its case, as ids are).
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    code, output = invoke([typed, str(cohort), "--lang", "fr"])
    assert code == 0, output
    assert "les données sont valides" in output


@pytest.mark.parametrize(("lang", "words"), [("fr", "dossier du résultat"), ("en", "folder")])
@pytest.mark.parametrize(
    "command",
    [
        ["check", "{cohort}", "--result", "{result}/teams.csv"],
        ["explain", "{cohort}", "--result", "{result}/selection.csv"],
        ["report", "{cohort}", "--result", "{result}/summary.json", "--out", "{tmp}/v2"],
        ["whatif", "{cohort}", "--from", "{result}/teams.csv", "--out", "{tmp}/apres",
         "--withdraw-student", "S01"],
    ],
)  # fmt: skip
def test_one_file_of_a_result_given_as_the_result_names_its_folder(
    tmp_path: Path, lang: str, words: str, command: list[str]
) -> None:
    # Contract §8: "`check`, `report`, `whatif --from` and `explain --result` accept a result
    # folder … and a `--result` that is the workbook itself"; §2: "prints to stderr a
    # message a programme director can act on".
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    result = tmp_path / "resultat"
    assert invoke(["run", str(cohort), "--out", str(result), "--quiet"])[0] == 0
    args = [a.format(cohort=cohort, result=result, tmp=tmp_path) for a in command]
    code, output = invoke([*args, "--lang", lang])
    assert code == 2, output
    assert "BadZipFile" not in output and ".xlsx" in output
    assert words in output and str(result) in output
    assert not (tmp_path / "v2").exists() and not (tmp_path / "apres").exists()


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "donnez le dossier"), ("en", "give the folder")]
)
@pytest.mark.parametrize("name", ["students.csv", "settings.toml"])
def test_one_file_of_an_instance_given_as_the_instance_names_its_folder(
    tmp_path: Path, lang: str, words: str, name: str
) -> None:
    # Contract §1: "An instance is a folder (or one `.xlsx` workbook …)"; §2: "prints to
    # stderr a message a programme director can act on".
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    code, output = invoke(["validate", str(cohort / name), "--lang", lang])
    assert code == 2, output
    assert words in output and f"({cohort})" in output


@pytest.mark.parametrize(("lang", "words"), [("fr", "n'est pas lu"), ("en", "is not read")])
def test_a_workbook_beside_the_csv_files_is_said_unread(
    tmp_path: Path, lang: str, words: str
) -> None:
    # Contract §1: "An instance is a folder (or one `.xlsx` workbook …)"; "Where this file
    # is silent, do what a programme director would expect" — a cohort kept in a workbook
    # beside older CSV files is not read silently.
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    (cohort / "cohorte 2026.xlsx").write_bytes(b"PK")
    (cohort / "~$cohorte 2026.xlsx").write_bytes(b"")  # Excel's lock file: not a workbook
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert f"cohorte 2026.xlsx{'' if lang == 'en' else ' »'}" in output and words in output
    assert "~$" not in output


@pytest.mark.parametrize(
    ("lang", "stage", "left"),
    [
        ("fr", "  … équipes : ", ", encore 25 s au plus"),
        ("en", "  … teams: ", ", at most 25 s left"),
    ],
)
def test_progress_lines_say_the_stage_and_the_time_left(lang: str, stage: str, left: str) -> None:
    # Contract §7: "In French, **everything** a person reads is French: … progress lines";
    # §2 "`--time-limit SECONDS`" — a director watching a 30 s run sees which stage is
    # searching and how long it may still take.
    import io

    from matcher.outputs.progress import ProgressPrinter

    stream = io.StringIO()
    printer = ProgressPrinter(
        stream,
        delay=0.0,
        lang=lang,
        clock=lambda: 105.0,
        deadline=130.0,
    )
    printer("balance", 12.0, 10.0, 5.0)
    line = stream.getvalue().rstrip("\n")
    assert line.startswith(stage) and line.endswith(left), line


def test_the_cli_gives_its_time_limit_to_the_progress_lines(tmp_path: Path) -> None:
    # Contract §2: "`--time-limit SECONDS`" covers the command (README: from its start).
    from matcher.cli.common import CommonOptions

    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    opts = CommonOptions(None, 30.0, None, None, "fr", False)
    printer = opts.progress(opts.load(cohort), started=1000.0)
    assert printer is not None and getattr(printer, "_deadline", None) == 1030.0


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("written", "seconds"), [("2,5", 2.5), ("30s", 30.0), ("1,5 s", 1.5)])
def test_a_time_limit_is_read_as_people_write_it(
    tmp_path: Path, lang: str, written: str, seconds: float
) -> None:
    # Contract §2: "`--time-limit SECONDS`"; §1: numbers are read as spreadsheets write
    # them (a French-locale decimal comma).
    import json

    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    out = tmp_path / "resultat"
    code, output = invoke(
        ["select", str(cohort), "--out", str(out), "--time-limit", written, "--lang", lang]
    )
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8-sig"))
    assert summary["settings"]["solver"]["time_limit"] == seconds


@pytest.mark.parametrize(("lang", "words"), [("fr", "est une option"), ("en", "is an option")])
def test_an_option_taken_for_the_out_folder_is_said(tmp_path: Path, lang: str, words: str) -> None:
    # Contract §2: "`2` usage error … prints to stderr a message a programme director can
    # act on" — `--out --lang fr` (the folder's name forgotten) took "--lang" for it.
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    code, output = invoke(["run", str(cohort), "--out", "--lang", lang])
    assert code == 2, output
    assert f"--lang {words}" in output and "--out" in output
    assert "extra argument" not in output and "Argument en trop" not in output


def test_a_run_from_a_removed_folder_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §2: "`1` only for an internal error" — a terminal left in a folder removed
    # meanwhile (by a file manager) runs a command naming its folders in full.
    cohort = write_cohort(tmp_path / "cohorte", COHORT)
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    out = tmp_path / "resultat"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--lang", "fr"])
    assert code == 0, output
    assert (out / "teams.csv").is_file()
