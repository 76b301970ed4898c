"""--out inside a result folder read (contract §2: input files are never modified; §6:
``DIR`` is never modified).

``whatif`` refused an --out inside --from (it would add a folder, and a staging folder,
to a result kept as is), while ``report``, ``plan`` and ``explain`` wrote inside their
--result folder without a word; ``explain --result DIR/result.xlsx --out DIR`` even
wrote explanations.csv into the result it read. Every command now refuses both, exit 2,
naming the option, in the director's language, nothing written; a folder inside the
instance folder stays allowed (README: a result kept beside its cohort), and so does one
inside the folder holding a workbook given as --result (any folder of the director's).

The refusal comes before anything is read, so the folders only need to exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    result = tmp_path / "result"
    result.mkdir()
    for name in ("selection.csv", "teams.csv", "result.xlsx"):
        (result / name).write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("command", "option", "extra"),
    [
        ("whatif", "--from", ["--withdraw-student", "S001"]),
        ("report", "--result", []),
        ("plan", "--result", []),
        ("explain", "--result", []),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_out_inside_the_result_read_is_refused(
    cohort: Path, command: str, option: str, extra: list[str], lang: str
) -> None:
    result = cohort.parent / "result"
    for given in (result,):
        out = result / "next" / "inner"
        run = CliRunner().invoke(
            main,
            [command, str(cohort), option, str(given), "--out", str(out), "--lang", lang, *extra],
        )
        assert run.exit_code == 2, run.output
        said = {
            "en": f"lies inside the {option} folder",
            "fr": f"se trouve dans le dossier {option}",
        }
        assert said[lang] in run.output, run.output
        assert sorted(p.name for p in result.iterdir()) == [
            "result.xlsx",
            "selection.csv",
            "teams.csv",
        ]


def test_explain_may_not_write_into_the_folder_of_the_workbook_it_reads(cohort: Path) -> None:
    result = cohort.parent / "result"
    run = CliRunner().invoke(
        main,
        ["explain", str(cohort), "--result", str(result / "result.xlsx"), "--out", str(result)],
    )
    assert run.exit_code == 2 and "is the --result folder" in run.output, run.output


def test_out_inside_the_instance_folder_stays_allowed(cohort: Path) -> None:
    """A result kept beside its cohort (README): only the result folders are refused. Here
    ``report`` gets past the folder check and fails reading the empty result, not on --out."""
    result = cohort.parent / "result"
    run = CliRunner().invoke(
        main, ["report", str(cohort), "--result", str(result), "--out", str(cohort / "sortie")]
    )
    assert "inside" not in run.output and "--out" not in run.output, run.output


def test_out_inside_the_folder_of_a_workbook_given_stays_allowed(cohort: Path) -> None:
    """``--result ~/Documents/result.xlsx --out ~/Documents/rapport``: the folder holding a
    workbook given may be any of the director's; only that folder itself is refused (the
    outputs would replace the workbook read)."""
    result = cohort.parent / "result"
    run = CliRunner().invoke(
        main,
        [
            "report",
            str(cohort),
            "--result",
            str(result / "result.xlsx"),
            "--out",
            str(result / "rapport"),
        ],
    )
    assert "inside" not in run.output and "--out" not in run.output, run.output
