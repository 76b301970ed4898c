"""Why no teams can be formed when the size bounds cannot hold, said once in the cohort's
terms (found in the workbench: teams of at least 7 for 60 students in 10 teams read
"C01 asks for other sizes students, but teams hold 7 to 6", once per commission)."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import app
from matcher.labels import worded


def _cohort(tmp_path: Path, teams: str, sizes: tuple[str, str] = ("", "")) -> Path:
    """Four students, two proposals both selected (count = 2); ``teams`` is the [teams]
    table of settings.toml; ``sizes`` the min_size column of the two proposals."""
    folder = tmp_path / "cohort"
    folder.mkdir(parents=True)
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type,min_size\n"
        f"C1,A,s1,p1,{sizes[0]}\nC2,B,s2,p2,{sizes[1]}\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        "id,background\nS1,x\nS2,x\nS3,y\nS4,y\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text(
        f"[selection]\ncount = 2\npriorities = []\n[teams]\n{teams}\n", encoding="utf-8"
    )
    return folder


def _diagnosis(folder: Path, lang: str = "en") -> list[str]:
    with pytest.raises(app.SolveFailed) as failed:
        app.run(app.load(folder, require=("commissions", "students")))
    return [worded(line, lang) for line in failed.value.result.diagnosis]  # type: ignore[arg-type]


def test_min_size_alone_above_the_even_split(tmp_path: Path) -> None:
    """min_size = 3 alone: max_size defaults to ceil(4/2) = 2, so the bounds cross for
    every team; 2 teams of at least 3 need 6 students and there are 4: one sentence."""
    lines = _diagnosis(_cohort(tmp_path, "min_size = 3"))
    assert lines == ["team sizes: 4 students cannot fill 2 teams of at least 3"]
    french = _diagnosis(_cohort(tmp_path / "fr", "min_size = 3"), "fr")
    assert french == [
        "tailles d'équipe : 4 étudiants ne suffisent pas à remplir 2 équipes d'au moins 3"
    ]


def test_max_size_alone_below_the_even_split(tmp_path: Path) -> None:
    """max_size = 1 alone: min_size defaults to floor(4/2) = 2; 2 teams of at most 1 hold
    2 of the 4 students: one sentence."""
    lines = _diagnosis(_cohort(tmp_path, "max_size = 1"))
    assert lines == ["team sizes: 4 students cannot fit 2 teams of at most 1"]


def test_a_commissions_own_min_size_is_still_named(tmp_path: Path) -> None:
    """C1's own min_size 3 against the cohort's 2 to 2: C1 is named with what it asks, the
    one size said once ("every team holds 2"); since session 14 (s14j) after what makes
    the selection take it: only C2 could host a team, and two are selected."""
    lines = _diagnosis(_cohort(tmp_path, "", sizes=("3", "")))
    assert lines == [
        "only 1 eligible proposal could host a team of this cohort (C2), but count is 2, so "
        "every selection holds one that cannot: team sizes: C1 asks for at least 3 students, "
        "but every team holds 2"
    ]
