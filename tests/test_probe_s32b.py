"""Acceptance probe s32b: what it found, each a test that failed before its fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _said(ran: object) -> str:
    """Everything a command printed, stdout and stderr."""
    return str(getattr(ran, "output", "")) + str(getattr(ran, "stderr", ""))


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """A director's folder holding a cohort (``matcher generate --seed 1``)."""
    folder = tmp_path / "cohorte"
    ran = CliRunner().invoke(main, ["generate", "--seed", "1", "--out", str(folder), "--quiet"])
    assert ran.exit_code == 0, _said(ran)
    return folder


@pytest.mark.parametrize("out", ["nothere/..", "nothere/sub/../.."])
def test_generate_into_the_parent_of_a_missing_folder_is_the_folder_checked(
    cohort: Path, monkeypatch: pytest.MonkeyPatch, out: str
) -> None:
    """`generate --out nothere/..` inside a cohort's folder: the emptiness check read the
    path as text (nothere does not exist: a new folder), the writer went through the real
    folder: exit 0, students.csv overwritten, an empty nothere/ left (probe s32b). It is
    now the folder ``--out .`` names, refused as that one is, and nothing is made."""
    before = {p.name: p.read_bytes() for p in cohort.iterdir()}
    monkeypatch.chdir(cohort)
    ran = CliRunner().invoke(main, ["generate", "--seed", "2", "--out", out, "--lang", "fr"])
    assert ran.exit_code == 2, _said(ran)
    assert f"--out {out} n'est pas vide" in _said(ran)
    assert {p.name: p.read_bytes() for p in cohort.iterdir()} == before


def test_generate_through_a_missing_folder_writes_nothing_into_the_parent(
    cohort: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`generate --out base/<missing>/../..` wrote a cohort into the folder holding base
    (probe s32b). That folder is not empty: refused, and no folder made in base."""
    (cohort.parent / "notes.txt").write_text("mes notes", encoding="utf-8")
    monkeypatch.chdir(cohort.parent)
    ran = CliRunner().invoke(main, ["generate", "--seed", "2", "--out", "cohorte/absent/../.."])
    assert ran.exit_code == 2, _said(ran)
    assert "is not empty" in _said(ran)
    assert sorted(p.name for p in cohort.parent.iterdir()) == ["cohorte", "notes.txt"]
    assert not (cohort / "absent").exists()


def test_generate_forced_through_a_missing_folder_leaves_no_folder_behind(
    cohort: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --force the cohort's files are replaced in the folder named, and no empty
    ``nothere/`` is left beside them."""
    monkeypatch.chdir(cohort)
    ran = CliRunner().invoke(main, ["generate", "--seed", "2", "--out", "nothere/..", "--force"])
    assert ran.exit_code == 0, _said(ran)
    assert not (cohort / "nothere").exists()
    assert "seed: 2" in (cohort / "README.md").read_text(encoding="utf-8")


def test_explain_out_through_a_missing_folder_makes_no_stray_folder(
    demo_result: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`explain --out nothere/../expl` checked the resolved folder but made ``nothere``
    and wrote through it: the folder written is the folder checked."""
    monkeypatch.chdir(tmp_path)
    args = ["explain", str(DEMO), "--result", str(demo_result), "--student", "S001"]
    ran = CliRunner().invoke(main, [*args, "--out", "nothere/../expl", "--quiet"])
    assert ran.exit_code == 0, _said(ran)
    assert (tmp_path / "expl" / "explanations.csv").is_file()
    assert not (tmp_path / "nothere").exists()


@pytest.fixture
def killed(tmp_path: Path, demo_result: Path) -> Iterator[tuple[Path, Path]]:
    """The state a ``kill -9`` during the final swap leaves (probe s32b, kk_snapshot):
    ``kk/res`` moved aside into ``.matcher-<dead>-old-…/previous``, the new result in
    ``.matcher-<dead>-…``; and a live run's staging folder beside them. Yields (kk, the
    live run's staging folder)."""
    kk = tmp_path / "kk"
    kk.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id no longer alive
    holder = kk / f".matcher-{dead.pid}-old-jultxp_j"
    holder.mkdir()
    shutil.copytree(demo_result, holder / "previous")
    (holder / "name").write_text("res", encoding="utf-8")
    staging = kk / f".matcher-{dead.pid}-ogsp7irt"
    shutil.copytree(demo_result, staging)
    live = subprocess.Popen(["sleep", "60"])
    theirs = kk / f".matcher-{live.pid}-abcdefgh"
    theirs.mkdir()
    past = time.time() - 3600
    for folder in (holder, staging, theirs):
        os.utime(folder, (past, past))
    try:
        yield kk, theirs
    finally:
        live.kill()
        live.wait()


def _invalid(tmp_path: Path) -> Path:
    """The demo with a students.csv lacking its columns: invalid input (exit 2)."""
    folder = tmp_path / "h2"
    shutil.copytree(DEMO, folder)
    (folder / "students.csv").write_text("Matricule;Nom\nS001;A\n", encoding="utf-8")
    return folder


def _infeasible(tmp_path: Path) -> Path:
    """The demo with a together group of 8, larger than the largest team (exit 3)."""
    folder = tmp_path / "h1"
    shutil.copytree(DEMO, folder)
    rows = [f"S00{n},S00{n + 1},together" for n in range(1, 8)]
    (folder / "pairs.csv").write_text(
        "\n".join(["student_a,student_b,relation", *rows]) + "\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("case", "code"),
    [("invalid", 2), ("infeasible", 3), ("no_instance", 2), ("bad_option", 2), ("generate", 2)],
)
def test_a_failing_run_recovers_what_a_killed_run_left(
    killed: tuple[Path, Path], tmp_path: Path, demo_result: Path, case: str, code: int
) -> None:
    """After a ``kill -9`` during the final folder swap, the next run to the same --out
    that failed (invalid input, exit 3) left ``kk/res`` missing and both stale staging
    folders in place: only a successful write recovered (probe s32b, contract §2: "No
    staging folder survives a run, whatever ends it"). Now any command given that --out
    puts the earlier result back and removes a dead run's staging first, whatever it then
    does; a live run's staging folder is not touched."""
    kk, theirs = killed
    out = str(kk / "res")
    argv = {
        "invalid": ["run", str(_invalid(tmp_path)), "--out", out],
        "infeasible": ["run", str(_infeasible(tmp_path)), "--out", out, "--no-explain"],
        "no_instance": ["run", str(tmp_path / "absent"), "--out", out],
        "bad_option": ["select", str(DEMO), "--bogus", "--out", out],
        # The result put back first: not empty, refused (it took the missing folder).
        "generate": ["generate", "--seed", "1", "--out", out],
    }[case]
    ran = CliRunner().invoke(main, [*argv, "--quiet"])
    assert ran.exit_code == code, _said(ran)
    restored = kk / "res"
    assert (restored / "teams.csv").read_bytes() == (demo_result / "teams.csv").read_bytes()
    assert sorted(p.name for p in restored.iterdir()) == sorted(
        p.name for p in demo_result.iterdir()
    )
    assert sorted(p.name for p in kk.iterdir()) == sorted(["res", theirs.name])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        (["run", "{demo}", "--settings", "no\x1bsuch.toml", "--out", "o6"], "no\x1bsuch.toml"),
        (["check", "{demo}", "--result", "zz\x1b[31mq\x07"], "zz\x1b[31mq\x07"),
        (["assign", "{demo}", "--selection", "s\x1bel.csv", "--out", "o"], "s\x1bel.csv"),
        (["whatif", "{demo}", "--from", "f\x07r", "--out", "o"], "f\x07r"),
        (
            ["whatif", "{demo}", "--from", "{demo}", "--add-students", "a\x1bdd.csv", "--out", "o"],
            "a\x1bdd.csv",
        ),
        (["report", "{demo}", "--result", "r\x1b", "--out", "o"], "r\x1b"),
        (["validate", "in\x1bst"], "in\x1bst"),
        (["plan", "in\x07st", "--result", "{demo}", "--out", "o"], "in\x07st"),
    ],
)
def test_a_path_that_does_not_exist_is_named_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], typed: str, lang: str
) -> None:
    """Probe s32b: control characters of a path typed on the command line reached the
    terminal raw in click's "does not exist" (``--settings $'no\\x1bsuch.toml'``). They are
    shown escaped, as a ``--student`` value is, in both languages."""
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{demo}", str(DEMO)) for a in argv]
    ran = CliRunner().invoke(main, [*args, "--lang", lang])
    said = _said(ran)
    assert ran.exit_code == 2, said
    shown = typed.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert shown in said
    assert "\x1b" not in said and "\x07" not in said


@pytest.mark.parametrize(("lang", "missing"), [("en", "does not exist"), ("fr", "n'existe pas")])
def test_an_escape_sequence_in_a_folders_name_does_not_name_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, missing: str
) -> None:
    """`matcher validate $'ba\\x1b[5mse'` said "'base' does not exist" (probe s32b): off a
    terminal click drops the sequence, naming a folder that does exist. The name typed is
    shown, escaped."""
    shutil.copytree(DEMO, tmp_path / "base")
    monkeypatch.chdir(tmp_path)
    ran = CliRunner().invoke(main, ["validate", "ba\x1b[5mse", "--lang", lang])
    said = _said(ran)
    assert ran.exit_code == 2, said
    assert "ba\\x1b[5mse" in said and missing in said
    assert "'base'" not in said and "« base »" not in said


def test_the_folder_generated_is_named_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`generate`'s closing line named --out raw (``click.echo``): escaped now."""
    monkeypatch.chdir(tmp_path)
    ran = CliRunner().invoke(main, ["generate", "--seed", "1", "--out", "g\x07x"])
    assert ran.exit_code == 0, _said(ran)
    assert "wrote g\\x07x:" in _said(ran)
    assert "\x07" not in _said(ran)
