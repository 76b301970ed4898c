"""The cohorts shipped in instances/ (the demo and twelve historical-style years), rewritten
by ``python -m matcher.generate DIR``."""

from __future__ import annotations

from pathlib import Path

from matcher.generate.cohort import generate_cohort
from matcher.generate.files import readme_text, write_cohort

#: (seed, students, proposals) of the demo cohort.
DEMO_COHORT = (2026, 60, 25)
#: (first year = seed, students, proposals) of the twelve historical-style cohorts.
HISTORICAL_COHORTS = (
    (2014, 58, 22),
    (2015, 61, 27),
    (2016, 55, 20),
    (2017, 63, 31),
    (2018, 60, 24),
    (2019, 57, 35),
    (2020, 64, 26),
    (2021, 59, 29),
    (2022, 62, 23),
    (2023, 56, 38),
    (2024, 65, 25),
    (2025, 60, 33),
)
_DEMO_NOTE = """
What makes it interesting: proposals missing one of the programme's dates are not
eligible (see `matcher validate instances/demo`), one institution proposes two commissions
(at most one can be selected), a few employed students work for a proposing institution
(conflict of interest), and `pairs.csv` keeps one pair apart and one together.
"""


def write_shipped_instances(root: Path) -> None:
    """(Re)write ``root/demo`` and ``root/historical/*``: ``python -m matcher.generate DIR``."""
    seed, num_students, num_proposals = DEMO_COHORT
    demo = generate_cohort(seed, num_students, num_proposals)
    write_cohort(demo, root / "demo")
    title = f"Demo cohort (SYNTHETIC, {num_students} students, {num_proposals} proposals)"
    (root / "demo" / "README.md").write_text(
        readme_text(demo, title) + _DEMO_NOTE, encoding="utf-8"
    )
    for year, num_students, num_proposals in HISTORICAL_COHORTS:
        # The historical cohorts keep their files of before stage 3 (no supervisors).
        cohort = generate_cohort(year, num_students, num_proposals, supervisors=False)
        out = root / "historical" / f"{year}-{year + 1}"
        write_cohort(cohort, out)
        title = f"Historical-style cohort {year}–{year + 1} (SYNTHETIC)"
        (out / "README.md").write_text(readme_text(cohort, title), encoding="utf-8")
