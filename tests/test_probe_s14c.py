"""Probe s14c: metrics and selection exactness (contract §3, §4, §5), on cohorts written by hand.

What the probe compared against an independent brute force (every ``count``-subset of the
eligible proposals) and the contract's metric definitions, in both languages, and found
right: selected sets, objective values and bounds, ``metrics.selection``, eligibility and
reserve order (README: best reachable vector, then the staff's priority, then id; barred
institutions last) on proposal files with dates in several spellings, ``any_slots``,
``required_slots``, include/exclude, caps 1 and 2, institutions differing by case, accents
and spaces, shortened and reordered priorities; every team metric of ``summary.json``, the
terminal, report.html and result.xlsx, for runs and for results edited by hand.

What it found wrong: a result re-rendered in the other language (``report --lang fr`` of an
English run) kept two of matcher's own selection reasons in the writer's language ("selected
(S11 is pinned to it)", "left out: it could host no team of this cohort (…)"), and the
proposal left out because it could host no team became "reserve 1" on reading back, though
``select`` had rightly given it no rank (it can replace no withdrawal).
"""

from __future__ import annotations

from pathlib import Path

from cohortfiles import invoke, write_cohort
from csvrows import read_rows

PINNED = {
    "commissions.csv": (
        "id,institution,sector,problem_type,max_size\n"
        "C1,A,S1,P1,\n"
        "C2,B,S2,P2,\n"
        "C3,C,S3,P3,2\n"
        "C4,D,S4,P4,\n"
    ),
    "students.csv": (
        "id,background,pinned\n"
        "S1,AS,C1\nS2,AS,C1\nS3,GRH,\nS4,GRH,C2\nS5,educ,\n"
        "S6,educ,\nS7,AS,\nS8,inf,\nS9,inf,\n"
    ),
    "settings.toml": "[selection]\ncount = 3\n",
}


def _matcher(command: str, cohort: Path, *args: str | Path) -> int:
    """``matcher COMMAND COHORT ARGS --quiet``: its exit code."""
    code, _ = invoke([command, str(cohort), *map(str, args), "--quiet"])
    return code


def _reasons(folder: Path) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["reserve_rank"], r["reason"]) for r in read_rows(folder / "selection.csv")}


def test_pinned_and_cannot_host_reasons_reworded_when_read_back(tmp_path: Path) -> None:
    # Contract §7: "In French, everything a person reads is French: … selection reasons (in
    # the report, the workbook and the `reason` column)".
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    assert _matcher("run", cohort, "--out", tmp_path / "en", "--lang", "en", "--no-explain") == 0
    written = _reasons(tmp_path / "en")
    assert written["C1"][1] == "selected (S1 and S2 are pinned to it)"
    assert written["C3"][1].startswith("left out: it could host no team")
    en, fr = tmp_path / "en", tmp_path / "fr"
    assert _matcher("report", cohort, "--result", en, "--out", fr, "--lang", "fr") == 0
    again = _reasons(tmp_path / "fr")
    assert again["C1"][1] == "retenue (S1 et S2 y sont imposés)"
    assert again["C2"][1] == "retenue (S4 y est imposé)"
    assert again["C3"][1].startswith("écartée : elle ne pourrait accueillir aucune équipe")
    assert "C3" in again["C3"][1] and "2" in again["C3"][1]


def test_left_out_proposal_stays_without_reserve_rank_when_read_back(tmp_path: Path) -> None:
    # Contract §3: "`reserve_rank` 1, 2, … for eligible proposals not selected, in the order
    # they should replace a withdrawal, else empty": C3 can host no team of this cohort, so
    # `select` gives it no rank; `report` of that result must not make it reserve 1.
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    first, again = tmp_path / "first", tmp_path / "again"
    assert _matcher("run", cohort, "--out", first, "--lang", "en", "--no-explain") == 0
    assert _reasons(tmp_path / "first")["C3"][0] == ""
    assert _matcher("report", cohort, "--result", first, "--out", again, "--lang", "en") == 0
    assert _reasons(tmp_path / "again") == _reasons(tmp_path / "first")


SOME_WITHOUT_CHOICES = {
    "commissions.csv": "id,institution,sector,problem_type\nC1,A,S1,P1\nC2,B,S2,P2\n",
    "students.csv": (
        "id,background,choices\nS1,AS,C1\nS2,AS,C1\nS3,GRH,C1\nS4,GRH,C1\nS5,educ,\nS6,educ,\n"
    ),
    "settings.toml": "[selection]\ncount = 2\n",
}


def test_in_brief_choice_shares_name_the_students_who_gave_choices(tmp_path: Path) -> None:
    # Contract §5: "The figures shown to people are about what students wrote … (over
    # students with choices)", and "Reports and the terminal summary label each figure in
    # these terms": 2 of the 4 students with choices get their first (balance keeps one
    # of each background per team of 3), which is 50 % of them, not "of the students".
    import openpyxl

    cohort = write_cohort(tmp_path / "cohort", SOME_WITHOUT_CHOICES)
    for lang, words in (
        ("en", "Of the 4 students who gave choices, 50% got their first written choice"),
        ("fr", "Sur les 4 étudiants qui ont donné des choix, 50 % ont obtenu leur premier"),
    ):
        out = tmp_path / lang
        assert _matcher("run", cohort, "--out", out, "--lang", lang, "--no-explain") == 0
        page = (out / "report.html").read_text(encoding="utf-8").replace("\u202f", " ")
        assert words in page
        book = openpyxl.load_workbook(out / "result.xlsx")
        cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
        assert any(words in c.replace("\u202f", " ") for c in cells)
    # Everyone gave choices: the sentence keeps its plain form.
    everyone = write_cohort(
        tmp_path / "all",
        {
            **SOME_WITHOUT_CHOICES,
            "students.csv": ("id,background,choices\nS1,AS,C1\nS2,AS,C1\nS3,GRH,C2\nS4,GRH,C2\n"),
        },
    )
    assert (
        _matcher("run", everyone, "--out", tmp_path / "all-out", "--lang", "en", "--no-explain")
        == 0
    )
    page = (tmp_path / "all-out" / "report.html").read_text(encoding="utf-8")
    assert "100% of the students got their first written choice" in page
