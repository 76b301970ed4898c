"""The scale table (``benchmarks/scale.py``): resumable, and it names the unproven cases.

No solver runs here: the cases are already in the CSV, which is what resuming relies on.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH_DIR))

import scale  # noqa: E402


def _row(shape: str, seed: int, balance: tuple[int, int]) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(scale.COLUMNS, "")
    row |= {
        "shape": shape,
        "students": 60,
        "proposals": 25,
        "count": 10,
        "seed": seed,
        "workers": 1,
        "time_limit": "10",
        "exit": 0,
        "teams_status": "FEASIBLE" if balance[0] != balance[1] else "OPTIMAL",
        "worst_choice_value": 2,
        "worst_choice_bound": 2,
        "balance_value": balance[0],
        "balance_bound": balance[1],
        "balance_gap": scale.gap(*balance),
        "choices_value": 80,
        "choices_bound": 80,
        "wall_s": 1.0,
        "cpu_s": 0.9,
        "overshoot_pct": -90.0,
        "peak_mb": 80,
        "load": 1.0,
    }
    return row


def test_gap_is_relative_to_the_value() -> None:
    """|value − bound| / max(1, |value|): 192 against 119 is 38 %; a proven value has gap 0."""
    assert scale.gap(192, 119) == round(73 / 192, 4)
    assert scale.gap(3, 0) == 1.0
    assert scale.gap(0, 0) == 0.0
    assert scale.gap(None, 3) is None


def test_cases_in_the_csv_are_skipped_and_the_unproven_named(tmp_path: Path) -> None:
    """With every requested case in scale.csv, nothing runs; scale.md lists the unproven one."""
    rows = [_row("skewed", 0, (0, 0)), _row("skewed", 1, (3, 1))]
    with (tmp_path / "scale.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=scale.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    args = ["--sizes", "60", "--shapes", "skewed", "--seeds", "0,1", "--out", str(tmp_path)]
    assert scale.main([*args, "--work", str(tmp_path / "work")]) == 0
    # Nothing ran, so nothing rewrote the table: the markdown is only written after a case.
    assert not (tmp_path / "scale.md").exists()
    scale.write_markdown(tmp_path / "scale.md", scale.read_rows(tmp_path / "scale.csv"), "test")
    text = (tmp_path / "scale.md").read_text(encoding="utf-8")
    assert "skewed 60 seed 1 workers 1" in text
    assert "balance 3/1 (gap 66.7%)" in text
    assert "skewed 60 seed 0 workers 1" not in text
