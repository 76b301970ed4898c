"""Faults and hostile input found by probing every command (session 7): each test failed
before its fix. Contract §2 "Faults and hostile input"."""

from __future__ import annotations

import json
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
    # Once (probe s38g: twice, by the teams' reading and the plan's).
    assert err.count("result.xlsx could not be read") == 1, err


# -- control characters outside the cells: settings strings, the instance's name -----------


def _raw_controls(data: bytes) -> list[bytes]:
    """Control characters (but tab, line feed and CR LF) and their XML escapes in ``data``."""
    import re

    pattern = rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|_x001[bB]_|_x0007_"
    return [data[max(m.start() - 20, 0) : m.end() + 10] for m in re.finditer(pattern, data)]


def test_control_characters_in_settings_and_the_instance_name_reach_no_output(
    tmp_path: Path,
) -> None:
    """The demo in a folder whose name holds an escape sequence, its settings.toml with an
    escape in the visit slot (``visit-2026\\x1b-11-19``) and a bell in an any_slots label.
    Before, the folder's name reached report.html, calendar.ics and the workbook raw, and
    the settings' strings schedule.csv and report.html. Now every output is free of them,
    the slot works as written without them, and summary.json warns naming each key (run
    prints no warnings; validate does)."""
    import zipfile

    instance = Path(shutil.copytree(DEMO, tmp_path / "cohorte\x1b[31m"))
    settings = instance / "settings.toml"
    written = settings.read_text(encoding="utf-8")
    slot = 'visit_slot = "visit-2026-11-19"'
    written = written.replace(slot, slot.replace("2026-", "2026\\u001b-"))
    written = written.replace('"oral-2027-05-21"]]', '"oral-2027-05-21", "x\\u0007y"]]')
    settings.write_text(written, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(instance), "--out", str(out), "--no-explain", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    warnings = "\n".join(json.loads((out / "summary.json").read_text("utf-8"))["warnings"])
    assert "key 'calendar.visit_slot': control characters removed (\\x1b)" in warnings
    assert "key 'selection.any_slots': control characters removed (\\x07)" in warnings
    assert "the instance's name cohorte holds control characters (\\x1b)" in warnings
    for path in sorted(out.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                data = b"".join(book.read(name) for name in book.namelist())
        else:
            data = path.read_bytes()
        assert _raw_controls(data) == [], path.name
    schedule = (out / "schedule.csv").read_text(encoding="utf-8-sig")
    assert ",visit-2026-11-19," in schedule
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "cohorte" in report and "[31m" not in report  # the sequence dropped whole


# -- generate --out that cannot be written -------------------------------------------------


@pytest.mark.parametrize("where", ["under_a_file", "proc"])
def test_generate_to_an_unwritable_out_is_a_usage_error(tmp_path: Path, where: str) -> None:
    """``generate --out`` under a plain file, or in /proc: before, an internal error (exit
    1, FileExistsError / FileNotFoundError); now exit 2 naming --out, nothing written."""
    if where == "under_a_file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "cohort"
    else:
        out = Path("/proc/matcher-cohort")
    code, err = _invoke("generate", "--seed", "1", "--out", str(out))
    assert code == 2, err
    assert f"--out {out} cannot be written" in err
    assert "internal error" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (["file"] if where != "proc" else [])


# -- settings refused in the catalogue's words, never pydantic's ---------------------------


@pytest.mark.parametrize(
    ("line", "english", "french"),
    [
        (
            'visit_window = ["09:00"]',
            "it needs a start and an end time",  # probe s36a: was "one is missing"
            "il faut une heure de début et une heure de fin",
        ),
        (
            'visit_window = ["09:00", ""]',
            "the end time is empty",  # probe s36i: was "'' is not a time"
            "l'heure de fin est vide",
        ),
        (
            'visit_slot = ""',
            "expected a text of at least 1 character",
            "il faut un texte d'au moins 1 caractère",
        ),
    ],
)
def test_settings_refusals_never_show_pydantic_words(
    tmp_path: Path, line: str, english: str, french: str
) -> None:
    """A [calendar] window with one time, an empty visit slot: before, pydantic's English
    ("Field required", "String should have at least 1 character") inside the message, in
    French too; now the catalogue's words in each language."""
    instance = _demo(tmp_path)
    settings = instance / "settings.toml"
    written = settings.read_text(encoding="utf-8").replace('visit_slot = "visit-2026-11-19"\n', "")
    settings.write_text(written.replace("[calendar]", f"[calendar]\n{line}"), "utf-8")
    for lang, words in (("en", english), ("fr", french)):
        code, err = _invoke("validate", str(instance), "--lang", lang)
        assert code == 2, err
        assert words in err
        assert "Field required" not in err and "String should" not in err


# -- [teams] min_size above the fair share's largest team ----------------------------------


def test_a_min_size_above_the_fair_share_names_the_cohort(tmp_path: Path) -> None:
    """[teams] min_size = 7 alone for 60 students in 10 teams (largest fair size 6): exit 3
    with one sentence naming the cohort and the bound; before, one garbled sentence per
    commission ("C01 asks for other sizes students, but teams hold 7 to 6")."""
    instance = _demo(tmp_path)
    settings = instance / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "\n[teams]\nmin_size = 7\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    code, err = _invoke("run", str(instance), "--out", str(out), "--no-explain")
    assert code == 3, err
    assert "60 students cannot fill 10 teams of at least 7" in err
    assert "other sizes" not in err
    assert not out.exists()


# -- generate's sizes out of range ---------------------------------------------------------


@pytest.mark.parametrize("option", ["--students", "--proposals"])
def test_generate_refuses_a_cohort_too_large_to_make(tmp_path: Path, option: str) -> None:
    """``generate --students 99999999999`` ended in an internal error (MemoryError, exit 1)
    after trying to allocate hundreds of GB; now a usage error naming the option and its
    range, at once."""
    out = tmp_path / "cohort"
    result = CliRunner().invoke(main, ["generate", "--seed", "1", option, "99999999999",
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 2, result.output
    assert option in result.output and "1<=x<=20000" in result.output
    assert not out.exists()
