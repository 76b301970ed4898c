"""Gaps closed between the product and the contract (§2, §7, §10, §11).

- Messages about supervisors name the supervisors' file as it is named on disk
  (``accompagnateurs.csv``, a workbook's sheet), not always ``supervisors.csv`` (§7).
- ``[calendar] dates`` accepts days as written in Belgium, like slot labels (§7, §11); a
  wrong one is invalid input naming the key, the value and what is expected.
- ``matcher serve`` resolves its language like every other command (§2, §7).
- ``whatif --add-students`` warnings reach summary.json and the terminal (§2, §6).
- The workbench words settings refusals in the director's language, never pydantic's (§10).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from csvrows import read_rows, write_rows

from matcher import app
from matcher.cli import main
from matcher.errors import InputError
from matcher.loading import load_instance
from matcher.loading.settings import load_settings

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def accompagnateurs(tmp_path: Path) -> Path:
    """The demo with its supervisors in accompagnateurs.csv, the French name a director
    gives the file."""
    folder = tmp_path / "cohorte"
    shutil.copytree(DEMO, folder)
    (folder / "supervisors.csv").rename(folder / "accompagnateurs.csv")
    return folder


# --- 1. The supervisors' file as named on disk ----------------------------------------------


def test_instance_remembers_the_supervisors_file_as_found(
    accompagnateurs: Path, tmp_path: Path
) -> None:
    """A folder's supervisors file keeps its own name (accompagnateurs.csv, supervisors.csv);
    a workbook's sheet is named as a problem in it would be: 'book.xlsx [accompagnateurs]'."""
    openpyxl = pytest.importorskip("openpyxl")
    assert load_instance(accompagnateurs).supervisors_file == "accompagnateurs.csv"
    assert load_instance(DEMO).supervisors_file == "supervisors.csv"
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, file_name in (
        ("commissions", "commissions.csv"),
        ("students", "students.csv"),
        ("accompagnateurs", "supervisors.csv"),
    ):
        sheet = book.create_sheet(sheet_name)
        for row in csv.reader((DEMO / file_name).open(encoding="utf-8-sig", newline="")):
            sheet.append(row)
    book.save(tmp_path / "cohorte.xlsx")
    instance = load_instance(tmp_path / "cohorte.xlsx")
    assert instance.supervisors is not None and len(instance.supervisors) == 7
    assert instance.supervisors_file == "cohorte.xlsx [accompagnateurs]"


def test_withdraw_unknown_supervisor_names_the_file_on_disk(
    demo_result: Path, accompagnateurs: Path, tmp_path: Path
) -> None:
    """whatif --withdraw-supervisor with an unknown id: exit 2 naming accompagnateurs.csv
    (the director's file), never supervisors.csv, in English and in French; a near id is
    suggested; nothing is written."""
    out = tmp_path / "whatif"
    common = ["whatif", str(accompagnateurs), "--from", str(demo_result), "--out", str(out)]
    code, output = _invoke(*common, "--withdraw-supervisor", "Z99", "--quiet")
    assert code == 2
    assert "--withdraw-supervisor Z99: no supervisor of accompagnateurs.csv has this id" in output
    assert "supervisors.csv" not in output
    code, output = _invoke("--lang", "fr", *common, "--withdraw-supervisor", "AO7", "--quiet")
    assert code == 2
    assert (
        "--withdraw-supervisor AO7 : aucun·e accompagnateur·rice n'a cet identifiant ni ce nom "
        "dans accompagnateurs.csv : vouliez-vous dire A07 ?"
    ) in output
    assert "supervisors.csv" not in output
    assert not out.exists()


def test_check_names_the_supervisors_file_on_disk(
    demo_result: Path, accompagnateurs: Path, tmp_path: Path
) -> None:
    """A plan edited to name supervisor Z99, checked against a cohort whose supervisors are
    in accompagnateurs.csv: exit 3, the broken rule names accompagnateurs.csv (both
    languages)."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()  # the CSV files are the edited result
    supervision = read_rows(result / "supervision.csv")
    team = supervision[0]["commission_id"]
    for name in ("supervision.csv", "schedule.csv"):
        rows = read_rows(result / name)
        for row in rows:
            if row["commission_id"] == team:
                row["supervisor_id"] = "Z99"
        write_rows(result / name, rows)
    code, output = _invoke("check", str(accompagnateurs), "--result", str(result))
    assert code == 3, output
    assert f"the supervisor of team {team}, Z99, is not in accompagnateurs.csv" in output
    code, output = _invoke("--lang", "fr", "check", str(accompagnateurs), "--result", str(result))
    assert code == 3, output
    assert f"l'équipe {team}, Z99, n'est pas dans accompagnateurs.csv" in output
    assert "supervisors.csv" not in output


def test_no_supervisor_left_names_the_file_on_disk(
    demo_result: Path, accompagnateurs: Path, tmp_path: Path
) -> None:
    """Every supervisor of accompagnateurs.csv withdrawn: no plan (exit 3), and the sentence
    names accompagnateurs.csv; nothing written."""
    out = tmp_path / "whatif"
    leaving = [arg for i in range(1, 8) for arg in ("--withdraw-supervisor", f"A0{i}")]
    code, output = _invoke(
        "whatif", str(accompagnateurs), "--from", str(demo_result), "--out", str(out),
        *leaving, "--quiet", "--workers", "1",
    )  # fmt: skip
    assert code == 3, output
    # They are in the file, all withdrawn: said so (not "no supervisor in the file").
    assert "every supervisor of accompagnateurs.csv is withdrawn (A01, " in output
    assert not out.exists()


# --- 2. [calendar] dates as written in Belgium ----------------------------------------------


def _calendar(tmp_path: Path, dates: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(f"[calendar]\ndates = {{ {dates} }}\n", encoding="utf-8")
    return path


def test_calendar_dates_as_written_in_belgium(tmp_path: Path) -> None:
    """Every spelling of a day that slot labels accept (day first, with '/', '-' or '.',
    one or two digits; ISO; TOML's own unquoted date) is that day, kept as its ISO date."""
    path = _calendar(
        tmp_path,
        'a = "9/10/2026", b = "09/10/2026", c = "9-10-2026", d = "9.10.2026", '
        'e = "2026-10-09", f = 2026-10-09, g = " 9/10/2026 "',
    )
    dates = load_settings(path).calendar.dates
    assert dates == {slot: "2026-10-09" for slot in "abcdefg"}


@pytest.mark.parametrize(
    ("written", "english_reason", "french_reason"),
    [
        # Written as a day the calendar lacks: said so (probe s40d D8), not "day first".
        (
            "31/11/2026",
            "that day does not exist (the month ends on Monday 30 November 2026)",
            "ce jour n'existe pas (le mois se termine le lundi 30 novembre 2026)",
        ),
        (
            "2026-13-01",
            "expected a date written day first, e.g. 19/11/2026, or 2026-11-19 (there is no "
            "month 13)",
            "il faut une date écrite le jour d'abord, p. ex. 19/11/2026, ou 2026-11-19 (il n'y "
            "a pas de mois 13)",
        ),
        (
            "10/9",
            "expected a date written day first, e.g. 19/11/2026, or 2026-11-19",
            "il faut une date écrite le jour d'abord, p. ex. 19/11/2026, ou 2026-11-19",
        ),
        (
            "9 brumaire 2026",
            "expected a date written day first, e.g. 19/11/2026, or 2026-11-19",
            "il faut une date écrite le jour d'abord, p. ex. 19/11/2026, ou 2026-11-19",
        ),
    ],
)
def test_calendar_date_wrong_names_key_value_and_expected(
    tmp_path: Path, written: str, english_reason: str, french_reason: str
) -> None:
    """A value that is no day: invalid input naming the key (calendar.dates.<slot>), the
    value as written and what is wrong or expected; one problem, in the director's words."""
    path = _calendar(tmp_path, f'visit = "{written}"')
    with pytest.raises(InputError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert problem.column == "calendar.dates.visit"
    english = problem.text("en")
    assert f'"{written}" is not accepted' in english
    assert english_reason in english
    french = problem.text("fr")
    assert "clé « calendar.dates.visit »" in french
    assert f"« {written} » ne convient pas" in french
    assert french_reason in french


def test_validate_refuses_a_wrong_calendar_date_with_exit_2(tmp_path: Path) -> None:
    """matcher validate on a cohort whose settings date the visit '31/11/2026' (no such day):
    exit 2, naming settings.toml, the key and the value."""
    folder = tmp_path / "cohorte"
    shutil.copytree(DEMO, folder)
    settings = (folder / "settings.toml").read_text(encoding="utf-8")
    (folder / "settings.toml").write_text(
        settings.replace('"visit-2026-11-19" = "2026-11-19"', '"visit-2026-11-19" = "31/11/2026"'),
        encoding="utf-8",
    )
    code, output = _invoke("validate", str(folder))
    assert code == 2, output
    assert "settings.toml, key 'calendar.dates.visit-2026-11-19'" in output
    assert '"31/11/2026" is not accepted' in output
    assert "Traceback" not in output


def test_plan_with_belgian_dates_writes_the_days(demo_result: Path, tmp_path: Path) -> None:
    """matcher plan with the demo's dates written day first (19/11/2026, 20-05-2027,
    21/5/2027): every row of schedule.csv carries the ISO day of its slot, as with the
    demo's ISO dates, and calendar.ics has one event per row."""
    folder = tmp_path / "cohorte"
    shutil.copytree(DEMO, folder)
    settings = (folder / "settings.toml").read_text(encoding="utf-8")
    for iso, written in (
        ("2026-11-19", "19/11/2026"),
        ("2027-05-20", "20-05-2027"),
        ("2027-05-21", "21/5/2027"),
    ):
        settings = settings.replace(f'= "{iso}"', f'= "{written}"')
    assert "19/11/2026" in settings and "21/5/2027" in settings
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    out = tmp_path / "plan"
    code, output = _invoke(
        "plan", str(folder), "--result", str(demo_result), "--out", str(out), "--quiet",
        "--workers", "1",
    )  # fmt: skip
    assert code == 0, output
    schedule = read_rows(out / "schedule.csv")
    days = {"visit-2026-11-19": "2026-11-19", "oral-2027-05-20": "2027-05-20"}
    days["oral-2027-05-21"] = "2027-05-21"
    assert schedule and all(row["date"] == days[row["slot"]] for row in schedule)
    ics = (out / "calendar.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == len(schedule)


def test_a_wrong_date_in_schedule_csv_says_what_is_accepted(
    demo_result: Path, tmp_path: Path
) -> None:
    """schedule.csv edited with a date that is no day: exit 2 naming file, row and column,
    and the spellings it accepts (day first, as matcher reads them, or ISO), not only ISO."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()  # the CSV files are the edited result
    rows = read_rows(result / "schedule.csv")
    assert rows[0]["date"]  # the demo dates every slot
    rows[0]["date"] = "le 19"
    write_rows(result / "schedule.csv", rows)
    code, output = _invoke("check", str(DEMO), "--result", str(result))
    assert code == 2, output
    assert (
        "schedule.csv, row 2, column 'date': 'le 19' is not a date: expected a date written "
        "day first (19/11/2026) or as 2026-11-19"
    ) in output
    code, output = _invoke("--lang", "fr", "check", str(DEMO), "--result", str(result))
    assert code == 2, output
    assert "il faut une date écrite le jour d'abord (19/11/2026)" in output


# --- 3. serve speaks like every command -----------------------------------------------------


class _FakeServer:
    """Stands for werkzeug's server: answers nothing, stopped at once as by Ctrl-C."""

    server_port = 8765
    app: Any = None

    def serve_forever(self) -> None:
        raise KeyboardInterrupt

    def server_close(self) -> None:
        pass


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """``matcher serve`` builds the app and prints its address, then stops at once."""
    monkeypatch.setattr("werkzeug.serving.make_server", lambda *a, **k: _FakeServer())


@pytest.mark.usefixtures("fake_server")
def test_serve_takes_the_group_lang(tmp_path: Path) -> None:
    """`matcher --lang fr serve`: the group's --lang makes the terminal (and the page)
    French, as `matcher --lang fr run` does; serve's own --lang wins over it."""
    code, output = _invoke("--lang", "fr", "serve", "--out", str(tmp_path / "o"), "--no-open")
    assert code == 0, output
    assert "atelier matcher sur http://localhost:8765/" in output and "arrêté" in output
    code, output = _invoke("--lang", "fr", "serve", "--out", str(tmp_path / "o"), "--no-open",
                           "--lang", "en")  # fmt: skip
    assert code == 0, output
    assert "matcher workbench on http://localhost:8765/" in output


@pytest.mark.usefixtures("fake_server")
def test_serve_resolves_the_environment_like_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MATCHER_LANG as people write it ('FR', 'fr_BE.UTF-8') and a French locale make serve
    French exactly as they make every other command French (matcher.labels.resolve_lang)."""
    from matcher.labels import resolve_lang

    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for value in ("FR", "fr_BE.UTF-8"):
        monkeypatch.setenv("MATCHER_LANG", value)
        assert resolve_lang() == "fr"
        code, output = _invoke("serve", "--out", str(tmp_path / "o"), "--no-open")
        assert code == 0, output
        assert "atelier matcher sur" in output
    monkeypatch.delenv("MATCHER_LANG")
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("LANG", "fr_BE.UTF-8")
    # LC_ALL, set, decides (as for every command): English.
    assert resolve_lang() == "en"
    code, output = _invoke("serve", "--out", str(tmp_path / "o"), "--no-open")
    assert "matcher workbench on" in output


# --- 4. what-if arrivals' warnings ----------------------------------------------------------

#: A student arriving late whose name holds a bell (control character) and whose employer
#: names the demo's 'Agence immobilière sociale de Huy' with a suffix (the same institution).
_ARRIVAL = (
    "id,name,background,vae,employed,employer,gender,experience_years,choices\n"
    "S901,Jean\x07 Neuf,assistant social,no,yes,Agence immobilière sociale de Huy SPRL,M,1,C02\n"
)


def test_whatif_arrival_warnings_reach_summary_and_terminal(
    demo_result: Path, tmp_path: Path
) -> None:
    """whatif --add-students: the arrivals file's warnings (control characters removed, an
    employer taken for an institution) are in summary.json's warnings, after the cohort's
    own, and on the terminal."""
    arrivals = tmp_path / "arrivees.csv"
    arrivals.write_text(_ARRIVAL, encoding="utf-8")
    out = tmp_path / "whatif"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out),
        "--add-students", str(arrivals), "--quiet", "--workers", "1",
    )  # fmt: skip
    assert code == 0, output
    warnings = json.loads((out / "summary.json").read_text(encoding="utf-8"))["warnings"]
    before = json.loads((demo_result / "summary.json").read_text(encoding="utf-8"))["warnings"]
    assert warnings[: len(before)] == before
    # The file as typed on the command line (since probe s40d D5: its base name alone).
    control = f"{arrivals}, row 2, column 'name': control characters removed"
    employer = (
        "employer 'Agence immobilière sociale de Huy SPRL' (S901) is taken as the "
        "institution 'Agence immobilière sociale de Huy'"
    )
    assert any(w.startswith(control) for w in warnings[len(before) :]), warnings
    assert any(w.startswith(employer) for w in warnings[len(before) :]), warnings
    assert control in output and employer in output


def test_workbench_whatif_keeps_arrival_warnings(demo_result: Path, tmp_path: Path) -> None:
    """The workbench's what-if (app.whatif_board) with the same arrivals: the cohort it
    returns carries their warnings (shown on the page, saved in summary.json)."""
    arrivals = tmp_path / "arrivees.csv"
    arrivals.write_text(_ARRIVAL, encoding="utf-8")
    outcome = app.report(app.load(DEMO), demo_result)
    assert outcome.teams is not None
    result = app.whatif_board(outcome, outcome.teams.assignment, add_students=arrivals)
    added = [str(w) for w in result.instance.warnings[len(outcome.instance.warnings) :]]
    assert any("control characters removed" in w for w in added), added
    assert any("is taken as the institution" in w for w in added), added


# --- 6. Settings refused in the workbench: the director's words -----------------------------


@pytest.mark.parametrize(
    ("changes", "english", "french"),
    [
        (
            {"selection.count": "0"},
            '"0" is not accepted: expected a number ≥ 1',
            "« 0 » ne convient pas : il faut un nombre ≥ 1",
        ),
        (
            {"selection.count": "dix"},
            '"dix" is not accepted: expected a whole number',
            "« dix » ne convient pas : il faut un nombre entier",
        ),
        (
            {"teams.priorities": ["balance", "wrost_choice"]},
            "did you mean worst_choice?",
            "vouliez-vous dire worst_choice ?",
        ),
    ],
)
def test_workbench_settings_refusals_are_worded(
    changes: dict[str, Any], english: str, french: str
) -> None:
    """app.apply_settings (the workbench's settings form) refuses a value as settings.toml
    does: the key, the value found and what is expected, in English and French; never
    pydantic's own text ('Input should be …')."""
    instance = app.load(DEMO)
    with pytest.raises(InputError) as caught:
        app.apply_settings(instance, changes)
    (problem,) = caught.value.problems
    assert problem.column == next(iter(changes))
    assert english in problem.text("en")
    assert french in problem.text("fr")
    assert "Input should" not in problem.text("en") + problem.text("fr")


# --- Sentences of reading files and uploads that were English only --------------------------


def test_reading_problems_are_worded_in_both_languages(tmp_path: Path) -> None:
    """An empty file, a path that is neither folder nor workbook, two sheets of one table,
    an upload that is no table and an empty upload: each problem is a sentence of the
    catalogue, in English and French (contract §7: in French, everything is French)."""
    openpyxl = pytest.importorskip("openpyxl")
    from matcher.web import engine

    folder = tmp_path / "cohorte"
    shutil.copytree(DEMO, folder)
    (folder / "students.csv").write_text("\n\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "students"
    book.create_sheet("étudiants")
    book.save(tmp_path / "deux.xlsx")
    cases = [
        (
            lambda: load_instance(folder),
            "the file is empty: expected a header row and data rows",
            "le fichier est vide : il faut une ligne d'en-tête puis des lignes de données",
        ),
        (
            lambda: load_instance(tmp_path / "absent"),
            "no such folder or workbook",
            "aucun dossier ni classeur de ce nom",
        ),
        (
            lambda: load_instance(tmp_path / "deux.xlsx"),
            "two sheets hold the students: 'students' and 'étudiants'; keep one",
            "deux feuilles contiennent les étudiants : « students » et « étudiants » ; "
            "gardez-en une",
        ),
        (
            lambda: engine.load_uploads([("notes.docx", b"x")]),
            "expected a .csv, .tsv, .txt, .xlsx or .xlsm file (or settings.toml)",
            "un fichier .csv, .tsv, .txt, .xlsx ou .xlsm est attendu (ou settings.toml)",
        ),
        (lambda: engine.load_uploads([]), "no file received", "aucun fichier reçu"),
    ]
    for call, english, french in cases:
        with pytest.raises(InputError) as caught:
            call()
        (problem,) = caught.value.problems
        assert problem.text("en").endswith(english)
        assert problem.text("fr").endswith(french)
