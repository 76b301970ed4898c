"""Which language is in force (contract §7), and input problems worded in it."""

from __future__ import annotations

import pytest

from matcher.errors import Problem
from matcher.labels import resolve_lang, text


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        # --lang wins over everything.
        ("en", {"MATCHER_LANG": "fr", "LANG": "fr_BE.UTF-8"}, "en"),
        ("fr", {}, "fr"),
        # Then MATCHER_LANG, over the locale.
        (None, {"MATCHER_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
        (None, {"MATCHER_LANG": "en", "LC_ALL": "fr_BE.UTF-8"}, "en"),
        # Then the first locale variable set: LC_ALL before LC_MESSAGES before LANG.
        (None, {"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LC_MESSAGES": "fr_FR", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LANG": "fr_BE.UTF-8"}, "fr"),
        (None, {"LANG": "nl_BE.UTF-8"}, "en"),
        (None, {"LC_ALL": "C", "LANG": "fr_BE.UTF-8"}, "en"),
        # Nothing set: English.
        (None, {}, "en"),
    ],
)
def test_language_in_force(
    explicit: str | None, env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--lang, else MATCHER_LANG, else a French locale, else English."""
    for variable in ("MATCHER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert resolve_lang(explicit) == expected


def test_a_problem_names_file_row_and_column_in_the_reader_language() -> None:
    """The frame of an input problem (row, column, key) follows the language; data do not."""
    problem = Problem("étudiants.csv", "x", row=7, column="Années d'expérience")
    assert problem.text("en") == "étudiants.csv, row 7, column 'Années d'expérience': x"
    assert problem.text("fr") == "étudiants.csv, ligne 7, colonne « Années d'expérience » : x"
    setting = Problem("settings.toml", text("err_prefix", message="y"), column="selection.count")
    assert setting.text("fr") == "settings.toml, clé « selection.count » : erreur : y"
    assert str(setting) == "settings.toml, key 'selection.count': error: y"
