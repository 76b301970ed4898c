"""Messages about a result that names an unknown proposal name the proposals' file as it
is on disk (contract §7: "the file as named on disk"), here ``commandes.csv``, an accepted
name, rather than always ``commissions.csv``: in an edited teams.csv, an edited
schedule.csv, and a what-if's arrivals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo with its proposals in ``commandes.csv``, and its result (no explanations)."""
    root = tmp_path_factory.mktemp("commandes")
    instance = root / "inst"
    shutil.copytree(DEMO, instance)
    (instance / "commissions.csv").rename(instance / "commandes.csv")
    result = root / "res"
    run = CliRunner().invoke(
        main, ["run", str(instance), "--out", str(result), "--quiet", "--no-explain"]
    )
    assert run.exit_code == 0, run.output
    return instance, result


def _edited_copy(result: Path, tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of ``result`` whose file ``name`` has its first ``old`` replaced by ``new``."""
    copy = tmp_path / "edited"
    shutil.copytree(result, copy)
    path = copy / name
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_edited_teams_csv_names_commandes_csv(solved: tuple[Path, Path], tmp_path: Path) -> None:
    """Row 2 of teams.csv moved to C99: invalid input (exit 2) naming commandes.csv and
    suggesting the nearest id."""
    instance, result = solved
    first = (result / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    team = first.split(",")[2]
    edited = _edited_copy(result, tmp_path, "teams.csv", f",{team},", ",C99,")
    outcome = CliRunner().invoke(
        main, ["check", str(instance), "--result", str(edited), "--lang", "en"]
    )
    assert outcome.exit_code == 2
    assert "'C99' is not a proposal id of commandes.csv" in outcome.output
    assert "commissions.csv" not in outcome.output


def test_edited_schedule_csv_names_commandes_csv(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """An event of schedule.csv moved to C99: the same words, in French."""
    instance, result = solved
    rows = (result / "schedule.csv").read_text(encoding="utf-8-sig").splitlines()
    team = rows[1].split(",")[1]
    edited = _edited_copy(result, tmp_path, "schedule.csv", f",{team},", ",C99,")
    outcome = CliRunner().invoke(
        main, ["check", str(instance), "--result", str(edited), "--lang", "fr"]
    )
    assert outcome.exit_code == 2
    assert "n'est pas un code de commande de commandes.csv" in outcome.output
