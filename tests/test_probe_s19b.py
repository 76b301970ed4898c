"""Probe s19b: degenerate cohorts and settings at the edges of arithmetic.

About sixty hand-written cohorts and settings were run through ``validate``, ``run``,
``whatif`` (chained withdrawals down to an empty cohort, the last commission withdrawn with
and without a reserve, 200 arrivals on a 10-student cohort), ``check``, ``report``,
``explain`` and ``plan``: fewer students than commissions (teams of 0-1), N = K, N = K + 1,
``count = 1``, one student, headers-only files, no choices, one shared choice that is not
selected, a balanced attribute with one value or all distinct, ``experience_years`` all 0 or
one 60, ``[teams]`` sizes impossible by one, ``max_size = 0``, ``min_size`` > N, include /
exclude / required_slots / any_slots at their edges, empty priorities, one supervisor for
ten teams and fifty for one.

What the probe found:

1. ``count = 1`` with a student employed by a proposing institution: ``validate`` said the
   input was valid, ``select``/``run`` chose that institution's proposal (earliest in the
   file) and ``run`` answered ``3`` ("S1 works for the institution of every selected
   commission") although another selection kept every rule. A proposal whose institution
   employs so many students that the others cannot fill its smallest team now could host
   no team (``conflicts.employer_out_of_reach``): the selection leaves it out, ``validate``
   warns, and says ``3`` when every selection needs it.
2. ``count = 1`` with an apart pair (more students every two of whom are apart than
   ``count``): ``validate`` said the input was valid, ``run`` answered ``3`` "… but there
   are only 1 teams". ``validate`` now answers ``3`` in ``run``'s words, and the sentence
   agrees with its number ("there is only 1 team", « 1 seule équipe est formée »).
3. No student gave choices: ``summary.json`` has ``null`` for ``worst_choice`` and the four
   shares, the terminal and the report "—", but the workbook's Summary left the cells empty,
   so that each such row was styled bold as a section heading. It writes "—" now; the
   README lists every figure that is ``null`` (it named three of the five).
4. Fewer students than commissions (3 for ``count = 5``): sizes floor(3/5) = 0 to 1, so two
   selected commissions get no student, as the contract's sizes allow; ``validate`` said
   "input is valid" without a word. It now warns, counting the empty teams and saying the
   count that gives every commission its team.
5. Every student wrote one choice, C3, which was not selected: ``explain`` and the report
   said "Every student with choices is on the best of their selected choices" beside
   ``best_available_share`` 0 %, and said it too when nobody wrote choices. They now say
   whose choices were none selected, or that nobody wrote choices (``no_wish``'s words).
6. ``count = 1``: the report's and the workbook's "In brief" said "7 students in 1 teams of
   7" (« 7 étudiants répartis en 1 équipes de 7 »), one student "1 students". The nouns
   agree with their numbers now.
7. ``[teams] min_size = 3`` for 7 students in 3 teams: ``validate`` said "3 teams of 3
   students cannot hold 7 students" (and the settings form likewise), read as too little
   room, where ``run`` said "7 students cannot fill 3 teams of at least 3". Too few
   students are said so everywhere now (``test_validate``'s and ``test_probe_s13g``'s
   expectations follow).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

_COMMISSIONS = (
    "id,institution,sector,problem_type\n"
    "C1,Inst 1,sector1,pt1\nC2,Inst 2,sector2,pt0\nC3,Inst 3,sector0,pt1\n"
)


def _students(employers: dict[int, str]) -> str:
    rows = ["id,background,employer,choices"]
    rows += [f"S{i},AS,{employers.get(i, '')},C1;C2" for i in range(1, 8)]
    return "\n".join(rows) + "\n"


def _settings(count: int) -> str:
    return f"[selection]\ncount = {count}\n[solver]\ntime_limit = 10\n"


def test_count_one_leaves_out_the_employer_of_a_student(tmp_path: Path) -> None:
    """One team holds all 7 students, so C1 (S1's employer) can host none: C2 and C3 tie on
    every priority, so a selection without C1 exists and ``run`` must find it (exit 0),
    C1 left out with its reason; ``validate`` warns rather than call it valid silently."""
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _students({1: "Inst 1"}),
            "settings.toml": _settings(1),
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 0, output
    assert "C1 (Inst 1) employs S1" in output and "leaves it out" in output
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 0, output
    with open(out / "selection.csv", encoding="utf-8-sig") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["C1"]["selected"] == "no" and "employs S1" in rows["C1"]["reason"]
    assert [cid for cid, r in rows.items() if r["selected"] == "yes"] == ["C2"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_count_one_every_institution_employs_a_student(tmp_path: Path, lang: str) -> None:
    """Each of the three institutions employs one student: whatever the selection, the one
    team holds its institution's employee, so ``validate`` answers 3 (a rule that cannot
    hold whatever the selection), naming the employees."""
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _students({1: "Inst 1", 2: "Inst 2", 3: "Inst 3"}),
            "settings.toml": _settings(1),
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 3, output
    assert ("employs S3" if lang == "en" else "emploie S3") in output


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "but there is only 1 team"), ("fr", "mais 1 seule équipe est formée")],
)
def test_apart_pair_with_one_team_is_said_by_validate(tmp_path: Path, lang: str, said: str) -> None:
    """S1 and S2 apart while ``count = 1`` puts everyone in one team: no selection and no
    teams can keep it, so ``validate`` answers 3 (as for a pair both apart and together),
    and both commands say it with the noun agreeing with 1."""
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _students({}),
            "pairs.csv": "student_a,student_b,relation\nS1,S2,apart\n",
            "settings.toml": _settings(1),
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 3, output
    assert said in output
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 3, output
    assert said in output and "1 teams" not in output


def test_workbook_says_no_value_when_no_student_gave_choices(tmp_path: Path) -> None:
    """No student gave choices: summary.json has ``null`` for the choice figures, the
    terminal and the report "—"; the workbook's Summary wrote an empty cell, styled bold
    as a section heading. It says "—" too (one reading everywhere, README "Rules")."""
    import openpyxl

    students = "id,background,choices\n" + "".join(f"S{i},AS,\n" for i in range(1, 7))
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _COMMISSIONS, "students.csv": students, "settings.toml": _settings(2)},
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 0, output
    sheet = openpyxl.load_workbook(out / "result.xlsx")["Summary"]
    found = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    for name in ("placed on their first written choice", "worst rank among selected choices"):
        assert found[name].value == "—", name
        assert not sheet.cell(found[name].row, 1).font.bold, name  # not a heading


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "2 teams will have no student: fewer students (3) than commissions (5)"),
        ("fr", "2 équipes n'auront aucun étudiant : moins d'étudiants (3) que de commandes (5)"),
    ],
)
def test_validate_warns_of_empty_teams(tmp_path: Path, lang: str, said: str) -> None:
    """3 students, ``count = 5``: team sizes floor(3/5) = 0 … ceil(3/5) = 1, so at least
    5 − 3 = 2 selected commissions get no team. Valid by the contract, but an institution
    promised a team gets none: the director is told before selecting."""
    commissions = "id,institution,sector,problem_type\n" + "".join(
        f"C{i},Inst {i},s{i},p{i}\n" for i in range(1, 6)
    )
    students = "id,background,choices\nS1,AS,C1\nS2,AS,C2\nS3,AS,C3\n"
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": commissions, "students.csv": students, "settings.toml": _settings(5)},
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert said in output


@pytest.mark.parametrize(
    ("choices", "said"),
    [
        ("C3", "none of the choices of S1, S2, S3, S4, S5, S6 was selected"),
        ("", "No student wrote choices: there is no wish to explain."),
    ],
)
def test_nothing_to_explain_is_said_as_it_is(tmp_path: Path, choices: str, said: str) -> None:
    """``count = 2`` of three equal proposals keeps C1 and C2 (file order), so nobody's
    single choice C3 is selected: nobody is "on the best of their selected choices" (they
    have none; best_available_share is 0), and with no choices at all nobody has any.
    Both ``explain`` and the report say which it is."""
    students = "id,background,choices\n" + "".join(f"S{i},AS,{choices}\n" for i in range(1, 7))
    cohort = write_cohort(
        tmp_path / "c",
        {"commissions.csv": _COMMISSIONS, "students.csv": students, "settings.toml": _settings(2)},
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 0, output
    code, output = invoke(["explain", str(cohort), "--result", str(out), "--lang", "en"])
    assert code == 0, output
    assert said in output and "on the best of their selected choices" not in output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert said.replace("'", "&#x27;") in page


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "7 students in 1 team of 7."), ("fr", "7 étudiants répartis en 1 équipe de 7.")],
)
def test_in_brief_agrees_with_one_team(tmp_path: Path, lang: str, said: str) -> None:
    """``count = 1``: 7 students in one team of 7, said with the nouns agreeing (the plain
    sentences of the report and the workbook's Summary)."""
    import openpyxl

    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _students({}),
            "settings.toml": _settings(1),
        },
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang])
    assert code == 0, output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert said in page
    sheet = openpyxl.load_workbook(out / "result.xlsx").worksheets[0]
    assert said in [row[1] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "7 students cannot fill 3 teams of at least 3"),
        ("fr", "7 étudiants ne suffisent pas à remplir 3 équipes d'au moins 3"),
    ],
)
def test_too_few_students_for_min_size_said_as_such(tmp_path: Path, lang: str, said: str) -> None:
    """min_size 3 and the default max ceil(7/3) = 3: three teams of exactly 3 need 9
    students, and 7 cannot fill them (9 > 7): "cannot hold" would send the director to
    raise sizes or count, the wrong way."""
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": _COMMISSIONS,
            "students.csv": _students({}),
            "settings.toml": "[selection]\ncount = 3\n[teams]\nmin_size = 3\n",
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 3, output
    assert said in output and "cannot hold 7" not in output
