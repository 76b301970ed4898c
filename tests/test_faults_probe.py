"""Faults and hostile input found by probing every command (session 7): each test failed
before its fix. Contract §2 "Faults and hostile input"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "instances" / "demo"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def _demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


# -- a [calendar] travel time out of range -------------------------------------------------


@pytest.mark.parametrize("key", ["travel_minutes", "same_town_minutes"])
def test_a_travel_time_longer_than_a_day_is_invalid_input(tmp_path: Path, key: str) -> None:
    """travel_minutes = 10^11 made ``plan`` search its whole time limit and exit 4 (no plan
    found) instead of refusing the setting: now exit 2 naming the key and the limit (1440
    minutes, a day), from validate as from plan; 1440 itself is accepted."""
    instance = _demo(tmp_path)
    settings = instance / "settings.toml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(
        original.replace("[calendar]", f"[calendar]\n{key} = 100000000000"), encoding="utf-8"
    )
    code, err = _invoke("validate", str(instance))
    assert code == 2, err
    assert f"key 'calendar.{key}'" in err and "expected a number ≤ 1440" in err
    settings.write_text(original.replace("[calendar]", f"[calendar]\n{key} = 1440"), "utf-8")
    code, err = _invoke("validate", str(instance))
    assert code == 0, err


# -- result.xlsx in a result folder that cannot be read ------------------------------------


@pytest.mark.parametrize("command", ["check", "report", "explain"])
def test_an_unreadable_result_workbook_is_invalid_input(
    demo_result: Path, tmp_path: Path, command: str
) -> None:
    """result.xlsx a folder beside teams.csv and selection.csv: before, a warning and exit
    0 (the workbook, which may hold the director's edits, taken as absent); now exit 2
    naming it, nothing written."""
    result = Path(shutil.copytree(demo_result, tmp_path / "result"))
    (result / "result.xlsx").unlink()
    (result / "result.xlsx").mkdir()
    out = tmp_path / "out"
    args = [command, str(DEMO), "--result", str(result)]
    if command == "report":
        args += ["--out", str(out)]
    if command == "explain":
        args += ["--student", "S001"]
    code, err = _invoke(*args)
    assert code == 2, err
    assert "result.xlsx: cannot be read: this is a folder, not a file" in err
    assert not out.exists()


def test_a_damaged_result_workbook_beside_the_csv_files_is_a_warning(
    demo_result: Path, tmp_path: Path
) -> None:
    """The twin: a result.xlsx that opens but is no workbook, beside the CSV files the
    result is read from, is still only a warning (check exits 0)."""
    result = Path(shutil.copytree(demo_result, tmp_path / "result"))
    (result / "result.xlsx").write_bytes(b"not a workbook")
    code, err = _invoke("check", str(DEMO), "--result", str(result))
    assert code == 0, err
    assert "result.xlsx could not be read; the CSV files of the result are used" in err
