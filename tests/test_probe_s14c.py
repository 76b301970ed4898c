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

import json
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
    assert written["C3"][1].startswith(f"reserve {written['C3'][0]}: it could host no team")
    en, fr = tmp_path / "en", tmp_path / "fr"
    assert _matcher("report", cohort, "--result", en, "--out", fr, "--lang", "fr") == 0
    again = _reasons(tmp_path / "fr")
    assert again["C1"][1] == "retenue (S1 et S2 y sont imposé·e·s)"
    assert again["C2"][1] == "retenue (S4 y est imposé·e)"
    assert again["C3"][1].startswith(
        f"réserve {again['C3'][0]} : elle ne pourrait accueillir aucune équipe"
    )
    assert "C3" in again["C3"][1] and "2" in again["C3"][1]


def test_left_out_proposal_keeps_its_last_reserve_rank_when_read_back(tmp_path: Path) -> None:
    # Contract §3: "`reserve_rank` 1, 2, … for eligible proposals not selected, in the order
    # they should replace a withdrawal, else empty": C3 can host no team of this cohort, so
    # `select` ranks it last (probe s25; it had no rank, against §3); `report` of that
    # result keeps its rank and reason.
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    first, again = tmp_path / "first", tmp_path / "again"
    assert _matcher("run", cohort, "--out", first, "--lang", "en", "--no-explain") == 0
    ranks = [rank for rank, _ in _reasons(tmp_path / "first").values() if rank]
    assert _reasons(tmp_path / "first")["C3"][0] == str(len(ranks))
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


# A proposal file as a director's spreadsheet gives it: `;`-delimited, dates in four
# spellings, institutions and sectors differing by case, accents and spaces.
PROPOSALS = (
    "id;institution;sector;problem_type;slots;priority\n"
    'C1;CPAS de Namur;CPAS;évaluation;"visit;1/10/2026;oral_thu";3\n'
    'C2;cpas de  namur;cpas;diagnostic;"visit;01/10/2026;oral_fri";5\n'
    'C3;AMO Le Cercle;Aide à la jeunesse;évaluation;"visit;2026-10-01;oral_thu";2\n'
    "C4;Amo le cercle;aide a la jeunesse;étude de faisabilité;visit|1-10-2026|oral_fri;4\n"
    'C5;Hôpital Saint-Luc;Santé mentale;diagnostic;"visit;oral_thu";1\n'
    'C6;Hopital Saint-Luc;Santé mentale;évaluation;"visit;oral_fri";7\n'
    "C7;La Ligue;Handicap;diagnostic;oral_thu;0\n"
    'C8;Croix-Rouge;Migration;évaluation;"visit;2/10/2026;oral_fri";2\n'
    'C9;Fedasil;Migration;étude de faisabilité;"visit;1/10/2026;oral_thu";2\n'
    'C10;Service social X;Handicap;Évaluation;"visit;1/10/2026;oral_fri";2\n'
    'C11;Service social Y;CPAS;diagnostic;"visit;1/10/2026;oral_thu;oral_fri";9\n'
    'C12;Maison médicale;Santé;recherche-action;"visit;1/10/2026";0\n'
)
#: Each proposal as the brute force below reads it: institution, sector, problem type
#: (folded by hand), its days and slots, priority.
FOLDED = {
    "C1": ("cpas de namur", "cpas", "evaluation", {"visit", "d1", "thu"}, 3),
    "C2": ("cpas de namur", "cpas", "diagnostic", {"visit", "d1", "fri"}, 5),
    "C3": ("amo le cercle", "jeunesse", "evaluation", {"visit", "d1", "thu"}, 2),
    "C4": ("amo le cercle", "jeunesse", "faisabilite", {"visit", "d1", "fri"}, 4),
    "C5": ("hopital saint-luc", "sante mentale", "diagnostic", {"visit", "thu"}, 1),
    "C6": ("hopital saint-luc", "sante mentale", "evaluation", {"visit", "fri"}, 7),
    "C7": ("la ligue", "handicap", "diagnostic", {"thu"}, 0),
    "C8": ("croix-rouge", "migration", "evaluation", {"visit", "d2", "fri"}, 2),
    "C9": ("fedasil", "migration", "faisabilite", {"visit", "d1", "thu"}, 2),
    "C10": ("service social x", "handicap", "evaluation", {"visit", "d1", "fri"}, 2),
    "C11": ("service social y", "cpas", "diagnostic", {"visit", "d1", "thu", "fri"}, 9),
    "C12": ("maison medicale", "sante", "recherche-action", {"visit", "d1"}, 0),
}


def _brute_force(
    count: int, cap: int, needs: set[str], include: set[str], exclude: set[str]
) -> tuple[list[str], tuple[int, ...], list[str]]:
    """The selection the contract's rules and default priorities give (earliest in the file
    among the equally good), its values, and the reserves in the README's order."""
    from collections import Counter
    from itertools import combinations

    def values(ids: tuple[str, ...]) -> tuple[int, ...]:
        sectors = Counter(FOLDED[i][1] for i in ids)
        types = {FOLDED[i][2] for i in ids}
        return (len(sectors), len(types), -max(sectors.values()), sum(FOLDED[i][4] for i in ids))

    eligible = [
        i
        for i, (_, _, _, slots, _) in FOLDED.items()
        if needs <= slots and ("thu" in slots or "fri" in slots) and i not in exclude
    ]
    valid = [
        ids
        for ids in combinations(eligible, count)
        if include <= set(ids) and max(Counter(FOLDED[i][0] for i in ids).values()) <= cap
    ]
    best = max(valid, key=lambda ids: (values(ids), [-eligible.index(i) for i in ids]))
    held = Counter(FOLDED[i][0] for i in best)

    def reserve_key(i: str) -> tuple[object, ...]:
        reach = max((values(ids) for ids in valid if i in ids), default=None)
        vector = (0, *(-v for v in reach)) if reach else (1,)
        return (held[FOLDED[i][0]] >= cap, vector, -FOLDED[i][4], int(i[1:]))

    reserves = sorted((i for i in eligible if i not in best), key=reserve_key)
    return list(best), values(best), reserves


def test_selection_and_reserves_agree_with_a_brute_force(tmp_path: Path) -> None:
    # Contract §5: "Exactly `count` eligible proposals are selected, at most
    # `max_per_institution` per institution, every `include` among them. Priorities,
    # optimised lexicographically"; §3: "`reserve_rank` 1, 2, … for eligible proposals not
    # selected, in the order they should replace a withdrawal" (the README's order).
    cases = [
        ('required_slots = ["visit", "01-10-2026"]', 4, 1, {"visit", "d1"}, set(), set()),
        ('max_per_institution = 2\nexclude = ["C11"]', 5, 2, set(), set(), {"C11"}),
        ('include = ["C5"]\nrequired_slots = ["visit"]', 3, 1, {"visit"}, {"C5"}, set()),
    ]
    for n, (rules, count, cap, needs, include, exclude) in enumerate(cases):
        settings = f'[selection]\ncount = {count}\nany_slots = [["oral_thu", "oral_fri"]]\n'
        cohort = write_cohort(
            tmp_path / f"c{n}",
            {"commissions.csv": PROPOSALS, "settings.toml": settings + rules + "\n"},
        )
        lang = ("en", "fr")[n % 2]
        out = tmp_path / f"out{n}"
        assert _matcher("select", cohort, "--out", out, "--lang", lang) == 0
        best, values, reserves = _brute_force(count, cap, needs, include, exclude)
        rows = read_rows(out / "selection.csv")
        assert [r["id"] for r in rows if r["selected"] == "yes"] == best
        ranked = sorted(
            (r for r in rows if r["reserve_rank"]), key=lambda r: int(r["reserve_rank"])
        )
        assert [r["id"] for r in ranked] == reserves
        assert [int(r["reserve_rank"]) for r in ranked] == list(range(1, len(reserves) + 1))
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        objectives = summary["selection"]["objectives"]
        assert [o["value"] for o in objectives] == [abs(v) for v in values]
        assert all(o["bound"] == o["value"] for o in objectives)
        metrics = summary["metrics"]["selection"]
        assert (metrics["count"], metrics["distinct_sectors"]) == (count, values[0])
        assert (metrics["distinct_problem_types"], metrics["max_per_sector"]) == (
            values[1],
            -values[2],
        )
