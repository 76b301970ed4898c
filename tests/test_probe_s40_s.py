"""Probe s40d's numbers and dates out of range, and files named as typed (fix branch s)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cohortfiles import invoke
from conftest import DEMO

from matcher import app
from matcher.errors import InputError


def _demo_with(tmp_path: Path, settings: str = "", name: str = "cohort") -> Path:
    """A copy of the demo with ``settings`` appended to its settings.toml."""
    cohort = tmp_path / name
    shutil.copytree(DEMO, cohort)
    if settings:
        toml = cohort / "settings.toml"
        toml.write_text(toml.read_text(encoding="utf-8") + "\n" + settings, encoding="utf-8")
    return cohort


# --- D1, D2: [teams] min_size / max_size and [supervision] max_teams bounded -----------------


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("teams", "max_size", "9223372036854775808"),
        ("teams", "max_size", "99999999999999999999"),
        ("teams", "min_size", "9223372036854775808"),
        ("supervision", "max_teams", "4611686018427387904"),
        ("supervision", "max_teams", "99999999999999999999"),
    ],
)
def test_huge_size_and_max_teams_settings_are_usage_errors(
    tmp_path: Path, section: str, key: str, value: str
) -> None:
    """Probe s40d D1/D2: ``[teams] max_size = 9223372036854775808`` passed validate and
    crashed run (exit 1, OverflowError); ``[supervision] max_teams = 2^62`` wrapped into
    "no plan" (exit 3, 9223372036854775819 places). Both are refused (exit 2) naming the
    key, the value and the bound, as commissions.csv's max_size column is bounded."""
    cohort = _demo_with(tmp_path, f"[{section}]\n{key} = {value}\n")
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert f"key '{section}.{key}': {value} is not accepted: expected a number ≤ 1000000" in (
        output
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert f"clé « {section}.{key} » : {value} ne convient pas : il faut un nombre ≤ 1000000" in (
        output
    )
    out = tmp_path / "out"
    args = ["run", str(cohort), "--out", str(out), "--quiet", "--no-explain"]
    code, output = invoke([*args, "--time-limit", "5"])
    assert code == 2, output
    assert not out.exists()


def test_a_max_teams_setting_at_the_bound_is_taken(tmp_path: Path) -> None:
    cohort = _demo_with(tmp_path, "[supervision]\nmax_teams = 1000000\n")
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 0, output


@pytest.mark.parametrize("key", ["teams.max_size", "teams.min_size", "supervision.max_teams"])
def test_the_workbench_settings_form_refuses_huge_sizes(key: str) -> None:
    """Probe s40d D1: the workbench ran with max_size 9223372036854775808 and showed
    « Aucune solution : OverflowError… »; its settings form refuses it, worded."""
    instance = app.load(DEMO)
    with pytest.raises(InputError) as caught:
        app.apply_settings(instance, {key: "9223372036854775808"})
    (problem,) = caught.value.problems
    assert problem.column == key
    # The form sends text: the value is shown as typed, in quotes.
    assert '"9223372036854775808" is not accepted: expected a number ≤ 1000000' in (
        problem.text("en")
    )
    assert "« 9223372036854775808 » ne convient pas : il faut un nombre ≤ 1000000" in (
        problem.text("fr")
    )


# --- D6: supervisors.csv max_teams too large is said too large ------------------------------


@pytest.mark.parametrize("value", ["9223372036854775807", "2000000", "1000001"])
def test_a_huge_supervisor_max_teams_is_said_too_large(tmp_path: Path, value: str) -> None:
    """Probe s40d D6: supervisors.csv max_teams 9223372036854775807 was « n'est pas un
    nombre entier ≥ 1 »; it is too large, with the bound [supervision] max_teams has."""
    cohort = _demo_with(tmp_path)
    path = cohort / "supervisors.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    column = header.index("max_teams")
    cells = lines[1].split(",")
    cells[column] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert (
        f"supervisors.csv, ligne 2, colonne « max_teams » : {value} est trop grand : "
        "il faut un entier ≤ 1000000"
    ) in output
    assert "n'est pas un nombre entier" not in output
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert f"{value} is too large: expected an integer ≤ 1000000" in output


# --- D3: days outside the years 1900 to 2199 refused before any writing ----------------------


@pytest.mark.parametrize(
    ("setting", "key", "value"),
    [
        ('"visit-2026-11-19" = "9999-12-31"', "calendar.dates.visit-2026-11-19", "9999-12-31"),
        ('"visit-2026-11-19" = "31/12/9999"', "calendar.dates.visit-2026-11-19", "31/12/9999"),
        ('"visit-2026-11-19" = "0001-01-01"', "calendar.dates.visit-2026-11-19", "0001-01-01"),
        ('"visit-2026-11-19" = 9999-12-31', "calendar.dates.visit-2026-11-19", "9999-12-31"),
    ],
)
def test_a_calendar_date_outside_the_years_is_a_usage_error(
    tmp_path: Path, setting: str, key: str, value: str
) -> None:
    """Probe s40d D3: a [calendar] dates value in year 9999 or 0001 passed validate and
    crashed run and plan writing calendar.ics (exit 1, « date value out of range »)."""
    cohort = _demo_with(tmp_path)
    toml = cohort / "settings.toml"
    written = toml.read_text(encoding="utf-8")
    demo = '"visit-2026-11-19" = "2026-11-19"'
    assert demo in written
    toml.write_text(written.replace(demo, setting), encoding="utf-8")
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert f"key '{key}': \"{value}\" is not accepted: the year must be from 1900 to 2199" in output
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert (
        f"clé « {key} » : « {value} » ne convient pas : l'année doit être comprise entre 1900 "
        "et 2199"
    ) in output


def test_run_and_plan_refuse_a_date_in_year_9999_before_writing(
    tmp_path: Path, demo_result: Path
) -> None:
    cohort = _demo_with(tmp_path)
    toml = cohort / "settings.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('= "2026-11-19"', '= "9999-12-31"'),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--quiet", "--no-explain"])
    assert code == 2, output
    assert "the year must be from 1900 to 2199" in output and not out.exists()
    args = ["plan", str(cohort), "--result", str(demo_result), "--out", str(out)]
    code, output = invoke(args)
    assert code == 2, output
    assert "the year must be from 1900 to 2199" in output and not out.exists()


def test_a_slot_dated_by_its_name_outside_the_years_is_a_usage_error(tmp_path: Path) -> None:
    """Probe s40d D3: ``visit_slot = "visit-9999-12-31"``, dated by its name, crashed too."""
    cohort = _demo_with(tmp_path)
    for name in ("settings.toml", "commissions.csv"):
        path = cohort / name
        path.write_text(
            path.read_text(encoding="utf-8-sig").replace("visit-2026-11-19", "visit-9999-12-31"),
            encoding="utf-8",
        )
    toml = cohort / "settings.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"visit-9999-12-31" = "2026-11-19", ', ""),
        encoding="utf-8",
    )
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert (
        "key 'calendar.visit_slot': \"visit-9999-12-31\" is not accepted: the year must be "
        "from 1900 to 2199"
    ) in output
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'oral_slots = ["oral-2027-05-20"', 'oral_slots = ["oral-0001-05-20"'
        ),
        encoding="utf-8",
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert (
        "clé « calendar.oral_slots » : « oral-0001-05-20 » ne convient pas : l'année doit être "
        "comprise entre 1900 et 2199"
    ) in output


# --- D8: a day the calendar lacks is said not to exist ----------------------------------------


def test_29_february_of_a_common_year_is_said_not_to_exist(tmp_path: Path) -> None:
    """Probe s40d D8: « 29/02/2027 » in [calendar] dates was told « il faut une date écrite
    le jour d'abord », though written day first: 2027 is no leap year."""
    cohort = _demo_with(tmp_path)
    toml = cohort / "settings.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('= "2027-05-20"', '= "29/02/2027"'),
        encoding="utf-8",
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2, output
    assert (
        "clé « calendar.dates.oral-2027-05-20 » : « 29/02/2027 » ne convient pas : le 29 "
        "février 2027 n'existe pas (2027 n'est pas une année bissextile)"
    ) in output
    assert "jour d'abord" not in output
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2, output
    assert (
        '"29/02/2027" is not accepted: 29 February 2027 does not exist (2027 is not a leap year)'
    ) in output


def test_a_schedule_date_the_calendar_lacks_is_said_not_to_exist(
    tmp_path: Path, demo_result: Path
) -> None:
    """The same of a date cell of an edited schedule.csv (it said « n'est pas une date : il
    faut une date écrite le jour d'abord »)."""
    from test_probe_s40_u import _result_dated

    result = _result_dated(tmp_path, demo_result, "31/04/2027")
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "fr"])
    assert code == 2, output
    assert (
        "schedule.csv, ligne 2, colonne « date » : « 31/04/2027 » ne convient pas : ce jour "
        "n'existe pas (le mois se termine le vendredi 30 avril 2027)"
    ) in output
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert code == 2, output
    assert "that day does not exist (the month ends on Friday 30 April 2027)" in output


# --- D4: a hand-edited summary.json with an infinite objective value ---------------------------


def summary_values_edited(tmp_path: Path, demo_result: Path, written: str) -> Path:
    """A copy of ``demo_result`` whose summary.json gives every objective value and bound as
    ``written``; its recorded values are checked passed over."""
    import re

    from matcher.loading import recorded_objectives
    from matcher.loading.summary import recorded_stage

    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    summary = result / "summary.json"
    edited, count = re.subn(
        r'"(value|bound)": -?[0-9.]+', rf'"\1": {written}', summary.read_text(encoding="utf-8")
    )
    assert count > 0
    summary.write_text(edited, encoding="utf-8")
    assert recorded_objectives(result) == {}
    assert recorded_stage(result, "teams", {}) is None
    return result


@pytest.mark.parametrize("written", ["Infinity", "1e999", "-1e999"])
def test_an_infinite_objective_value_in_summary_json_is_ignored_as_nan_is(
    tmp_path: Path, demo_result: Path, written: str
) -> None:
    """Probe s40d D4: ``"value": Infinity`` (or 1e999) in summary.json's objectives ended
    check, report and explain in exit 1 (OverflowError of int()); the value only informs,
    and is passed over as NaN is."""
    result = summary_values_edited(tmp_path, demo_result, written)
    code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", "en"])
    assert code == 0, output
    assert "internal error" not in output
    out = tmp_path / "report"
    code, output = invoke(["report", str(DEMO), "--result", str(result), "--out", str(out)])
    assert code == 0, output
    assert (out / "report.html").is_file()


# --- D5: files given on the command line named as typed -------------------------------------


def test_add_students_is_named_as_typed(
    tmp_path: Path, demo_result: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe s40d D5: ``--add-students arrivees/students.csv`` was named « students.csv,
    ligne 3 », as if the cohort's own students.csv were wrong."""
    folder = tmp_path / "arrivees"
    folder.mkdir()
    (folder / "students.csv").write_text(
        "id,name,background,choices\nS901,Jean Neuf,assistant social,C02\nS902,Ana Lima,,C99\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    args = ["whatif", str(DEMO), "--from", str(demo_result), "--out", str(tmp_path / "o")]
    code, output = invoke([*args, "--add-students", "arrivees/students.csv", "--lang", "fr"])
    assert code == 2, output
    assert "arrivees/students.csv, ligne 3, colonne « background » : cellule vide" in output
    assert "\n  students.csv" not in output


def test_settings_given_are_named_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe s40d D5: ``--settings autre/settings.toml`` was named « settings.toml », the
    instance's own file, and ``--settings /dev/zero`` « zero »; a control character typed
    is shown escaped (README, Input)."""
    for name in ("autre", "a\x1b[31mb"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "settings.toml").write_text(
            "[solver]\ntime_limit = nan\n", encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    code, output = invoke(["validate", str(DEMO), "--settings", "autre/settings.toml"])
    assert code == 2, output
    assert "autre/settings.toml, key 'solver.time_limit': nan is not accepted" in output
    code, output = invoke(
        ["validate", str(DEMO), "--settings", "a\x1b[31mb/settings.toml", "--lang", "fr"]
    )
    assert code == 2, output
    assert "a\\x1b[31mb/settings.toml, clé « solver.time_limit »" in output
    assert "\x1b" not in output
    code, output = invoke(["validate", str(DEMO), "--settings", "/dev/zero", "--lang", "en"])
    assert code == 2, output
    assert "/dev/zero: cannot be read" in output
