"""``[teams] balance`` takes the students' columns as a French file names them (contract §1's
aliases, as ``no_isolation`` does): ``genre``, ``formation initiale``, ``en emploi``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _demo_with(tmp_path: Path, balance: str) -> Path:
    """The demo with ``[teams] balance = balance`` added to its settings."""
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    settings = instance / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(f"{text}\n[teams]\nbalance = {balance}\n", encoding="utf-8")
    return instance


def test_french_column_names_balance_the_same_attributes(tmp_path: Path) -> None:
    """balance = ["Formation initiale", "genre", "VAE", "en emploi"] is the default set in
    French words: the run succeeds and summary.json records the fields it balanced, in the
    written order, with the same balance objective as the English names give."""
    french = _demo_with(tmp_path / "fr", '["Formation initiale", "genre", "VAE", "en emploi"]')
    english = _demo_with(tmp_path / "en", '["background", "gender", "vae", "employed"]')
    summaries = []
    for instance in (french, english):
        out = instance.parent / "out"
        args = ["run", str(instance), "--out", str(out), "--quiet", "--no-explain"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        summaries.append(json.loads((out / "summary.json").read_text(encoding="utf-8")))
    fr, en = summaries
    assert fr["settings"]["teams"]["balance"] == ["background", "gender", "vae", "employed"]
    assert fr["teams"]["objectives"] == en["teams"]["objectives"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "'âge' cannot be balanced"),
        ("fr", "« âge » ne peut pas être équilibré"),
    ],
)
def test_an_unknown_attribute_is_named_as_written(tmp_path: Path, lang: str, said: str) -> None:
    """An attribute that names no balanceable column is refused (exit 2) as the director
    wrote it, beside a French name that is accepted."""
    instance = _demo_with(tmp_path, '["genre", "âge"]')
    result = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert result.exit_code == 2
    assert said in result.stderr
    assert "'genre'" not in result.stderr and "« genre »" not in result.stderr
