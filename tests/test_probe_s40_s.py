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
