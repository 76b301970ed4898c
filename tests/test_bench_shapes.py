"""The benchmark cohort shapes (``benchmarks/shapes.py``): valid instances with their property.

Each shape must be accepted by ``matcher validate`` (exit 0) and show the property it is
named for; the same seed must give the same files. Benchmarks are not part of the package;
the module is imported from ``benchmarks/``.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH_DIR))

from csvrows import read_rows  # noqa: E402
from shapes import SHAPES, default_count, default_proposals, generate  # noqa: E402


def _choices(folder: Path) -> list[list[str]]:
    return [r["choices"].split(";") for r in read_rows(folder / "students.csv") if r["choices"]]


def _settings(folder: Path) -> dict[str, dict[str, object]]:
    return tomllib.loads((folder / "settings.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_validates(shape: str, tmp_path: Path) -> None:
    """``matcher validate`` accepts every shape at 60 and at 200 students (exit 0)."""
    for students in (60, 200):
        folder = generate(tmp_path / f"{shape}-{students}", shape=shape, students=students, seed=3)
        done = subprocess.run(
            [sys.executable, "-m", "matcher", "validate", str(folder.path)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_sizes_follow_the_rule() -> None:
    """10 of 25 up to 75 students, else N/10 of 1.6 × that (the issue's 1,000 × 100 of 160)."""
    assert (default_count(60), default_proposals(default_count(60))) == (10, 25)
    assert (default_count(1000), default_proposals(default_count(1000))) == (100, 160)
    assert (default_count(2000), default_proposals(default_count(2000))) == (200, 320)
    assert default_count(10000) == 1000


def test_all_proposals_leaves_many_choices_unselected(tmp_path: Path) -> None:
    """Whatever 100 of the 160 proposals are selected, at least 15 % of choices are not.

    The best a selection can do is take the 100 most-listed proposals; the choices naming
    the other 60 are unselected for every selection, so their share is a lower bound.
    """
    cohort = generate(tmp_path / "c", shape="all-proposals", students=1000, seed=0)
    assert cohort.include == ()
    listed = Counter(c for row in _choices(cohort.path) for c in row)
    total = sum(listed.values())
    kept = sum(n for _, n in listed.most_common(cohort.count))
    assert len(listed) > cohort.count
    assert (total - kept) / total >= 0.15


@pytest.mark.parametrize("shape", ["selected-only", "skewed"])
def test_choices_only_among_the_selected(shape: str, tmp_path: Path) -> None:
    """The selected commissions are fixed by ``include``, and every choice is one of them."""
    cohort = generate(tmp_path / "c", shape=shape, students=500, seed=1)
    include = set(_settings(cohort.path)["selection"]["include"])  # type: ignore[arg-type]
    assert len(include) == cohort.count == _settings(cohort.path)["selection"]["count"]
    assert {c for row in _choices(cohort.path) for c in row} <= include


def test_skewed_popularity_concentrates_on_a_few(tmp_path: Path) -> None:
    """Skewed: the 3 most-listed commissions are on most lists; far fewer without the skew."""

    def top3_reach(shape: str) -> float:
        lists = _choices(generate(tmp_path / shape, shape=shape, students=1000, seed=0).path)
        top = {c for c, _ in Counter(c for row in lists for c in row).most_common(3)}
        return sum(bool(top & set(row)) for row in lists) / len(lists)

    skewed, plain = top3_reach("skewed"), top3_reach("selected-only")
    # Measured over seeds 0-3: skewed 0.92-0.94, log-normal popularity 0.33-0.47.
    assert skewed >= 0.85
    assert plain <= 0.6


def test_pins_and_pairs(tmp_path: Path) -> None:
    """≈3 % pinned (to included commissions), ≈5 % in pairs, together groups of three."""
    cohort = generate(tmp_path / "c", shape="pins-pairs", students=1000, seed=2)
    students = read_rows(cohort.path / "students.csv")
    pinned = {r["id"]: r["pinned"] for r in students if r["pinned"]}
    assert len(pinned) == 30
    assert set(pinned.values()) <= set(cohort.include)
    pairs = read_rows(cohort.path / "pairs.csv")
    in_pairs = {r["student_a"] for r in pairs} | {r["student_b"] for r in pairs}
    assert 0.04 <= len(in_pairs) / 1000 <= 0.06
    assert not in_pairs & set(pinned)
    together = Counter(
        s for r in pairs if r["relation"] == "together" for s in (r["student_a"], r["student_b"])
    )
    # A student in two together pairs is the middle of a group of three.
    assert sum(1 for n in together.values() if n == 2) >= 3
    assert any(r["relation"] == "apart" for r in pairs)


def test_own_sizes(tmp_path: Path) -> None:
    """≈20 % of proposals carry their own bounds, inside the widened cohort bounds."""
    cohort = generate(tmp_path / "c", shape="own-sizes", students=1000, seed=4)
    teams = _settings(cohort.path)["teams"]
    assert (teams["min_size"], teams["max_size"]) == (8, 12)
    commissions = read_rows(cohort.path / "commissions.csv")
    own = [r for r in commissions if r["min_size"]]
    assert len(own) == round(0.2 * len(commissions))
    assert all(8 <= int(r["min_size"]) <= int(r["max_size"]) <= 12 for r in own)
    assert {(r["min_size"], r["max_size"]) for r in own} >= {("8", "9"), ("11", "12"), ("10", "10")}


def test_programme_shares(tmp_path: Path) -> None:
    """Backgrounds, VAE, employment, gender and conflicts near the programme's shares."""
    cohort = generate(tmp_path / "c", shape="all-proposals", students=2000, seed=5)
    students = read_rows(cohort.path / "students.csv")
    n = len(students)
    backgrounds = Counter(r["background"] for r in students)
    assert 0.45 <= backgrounds["assistant social"] / n <= 0.55
    assert 0.21 <= backgrounds["éducateur"] / n <= 0.29
    assert 0.07 <= sum(r["vae"] == "yes" for r in students) / n <= 0.11
    assert 0.6 <= sum(r["employed"] == "yes" for r in students) / n <= 0.7
    assert sum(r["gender"] == "F" for r in students) / n >= 0.75
    institutions = {r["institution"] for r in read_rows(cohort.path / "commissions.csv")}
    conflicted = sum(r["employer"] in institutions for r in students) / n
    assert 0.05 <= conflicted <= 0.07
    assert all(r["employed"] == "yes" for r in students if r["employer"])


def test_same_seed_same_files(tmp_path: Path) -> None:
    """A seed gives byte-identical files; another seed gives another cohort."""
    files = ("commissions.csv", "students.csv", "pairs.csv", "settings.toml")

    def read(folder: Path) -> list[bytes]:
        return [(folder / name).read_bytes() for name in files]

    a = generate(tmp_path / "a", shape="pins-pairs", students=300, seed=7).path
    b = generate(tmp_path / "b", shape="pins-pairs", students=300, seed=7).path
    c = generate(tmp_path / "c", shape="pins-pairs", students=300, seed=8).path
    assert read(a) == read(b)
    assert read(a) != read(c)
