"""Counts agree with their nouns in both languages (contract §7: everything a person reads
is French when French, and reads as a sentence): no "(s)" form left in the catalogue, and
the messages that used one say "1 rule" / "2 rules", "1 règle" / "2 règles"."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from csvrows import read_rows, write_rows

from matcher.cli import main
from matcher.labels import _LABELS, counted

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def test_no_label_hedges_a_plural() -> None:
    """Every label reads as a sentence: none writes "rule(s)", "étudiant(s)", "créneau(x)",
    "figure(nt)" or "étudiant·e(s)" where the count is known (``counted`` picks the form)."""
    hedged = {
        key: words
        for key, pair in _LABELS.items()
        for words in pair
        if re.search(r"\w\((s|x|nt|es)\)|·e\(s\)", words)
    }
    assert hedged == {}


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [
        (1, "en", "The result breaks 1 rule:"),
        (2, "en", "The result breaks 2 rules:"),
        (1, "fr", "Le résultat enfreint 1 règle :"),
        (2, "fr", "Le résultat enfreint 2 règles :"),
        # French takes the singular for 0 too, English the plural.
        (0, "fr", "Le résultat enfreint 0 règle :"),
        (0, "en", "The result breaks 0 rules:"),
    ],
)
def test_the_count_picks_the_form(n: int, lang: str, expected: str) -> None:
    """``counted`` words check_broken in the singular for 1 (and 0 in French)."""
    assert counted("check_broken", n).words(lang) == expected  # type: ignore[arg-type]


def _one_pair_broken(demo_result: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the demo whose pairs.csv also keeps apart two students that the demo's
    result put in one team (sizes, pins and conflicts untouched): exactly one rule broken."""
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    teams = read_rows(demo_result / "teams.csv")
    first = teams[0]
    mate = next(r for r in teams[1:] if r["commission_id"] == first["commission_id"])
    with (instance / "pairs.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{first['student_id']},{mate['student_id']},apart\n")
    return instance, demo_result


@pytest.mark.parametrize(
    ("lang", "said", "intro"),
    [
        ("en", "The result breaks 1 rule:", "edited by hand and breaks 1 rule;"),
        ("fr", "Le résultat enfreint 1 règle :", "modifié à la main et enfreint 1 règle ;"),
    ],
)
def test_one_broken_rule_is_said_in_the_singular(
    demo_result: Path, tmp_path: Path, lang: str, said: str, intro: str
) -> None:
    """check and report on a result breaking one rule (an apart pair in one team) say
    "1 rule" / "1 règle" on the terminal and in report.html, not "1 rule(s)"."""
    instance, result = _one_pair_broken(demo_result, tmp_path)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(instance), "--result", str(result), "--lang", lang])
    assert checked.exit_code == 3, checked.output
    assert said in checked.stderr
    out = tmp_path / "report"
    args = ["report", str(instance), "--result", str(result), "--out", str(out), "--lang", lang]
    reported = runner.invoke(main, [*args, "--quiet"])
    assert reported.exit_code == 3, reported.output
    assert intro in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "1 student gave no choices (the rules and the other priorities place them)"),
        (
            "fr",
            "1 étudiant sans aucun choix (les règles et les autres priorités le placent)",
        ),
    ],
)
def test_one_student_without_choices_is_said_in_the_singular(
    tmp_path: Path, lang: str, said: str
) -> None:
    """validate warns in the singular about the one student left without choices (the demo
    has two: the first is given another student's choices)."""
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    rows = read_rows(instance / "students.csv")
    without = [r for r in rows if not r["choices"]]
    assert len(without) == 2
    without[0]["choices"] = next(r["choices"] for r in rows if r["choices"])
    write_rows(instance / "students.csv", rows)
    validated = CliRunner().invoke(main, ["validate", str(instance), "--lang", lang])
    assert validated.exit_code == 0, validated.output
    assert said in validated.output


def test_the_selection_section_agrees_with_one(tmp_path: Path) -> None:
    """Two proposals of one sector and one problem type, C2 excluded, one to select: the
    French report says "1 commande retenue sur 2 · 1 éligible", "(1 possible parmi les
    commandes éligibles)" for the sectors and problem types, and in brief "1 commande
    retenue, couvrant 1 secteur et 1 type de problématique"; never "1 commandes", "1
    éligibles", "1 possibles", "1 secteurs" or "1 types"."""
    cohort = tmp_path / "c"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,CPAS,diagnostic\nC2,B,CPAS,diagnostic\n"
    )
    (cohort / "students.csv").write_text("id,background\nS1,AS\nS2,AS\n")
    (cohort / "settings.toml").write_text('[selection]\ncount = 1\nexclude = ["C2"]\n')
    args = ["run", str(cohort), "--out", str(tmp_path / "r"), "--lang", "fr"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "1 commande retenue sur 2 · 1 éligible<" in report
    assert "(1 possible parmi les commandes éligibles)" in report
    assert "1 commande retenue, couvrant 1 secteur et 1 type de problématique," in report
    assert not re.search(r"\b1 (commandes|éligibles|possibles|secteurs|types)\b", report)


@pytest.mark.parametrize(
    ("lang", "one", "one_and_a_half"),
    [
        ("fr", "1 membre · 1 an d&#x27;expérience", "1 membre · 1,5 an d&#x27;expérience"),
        ("en", "1 member · 1 year of experience", "1 member · 1.5 years of experience"),
    ],
)
def test_a_team_card_agrees_with_its_counts(
    tmp_path: Path, lang: str, one: str, one_and_a_half: str
) -> None:
    """Two proposals, two students (1 and 1,5 years of experience): two teams of one. Each
    team card says "1 membre" / "1 member", and the experience in the singular where the
    language wants it (French below two years: « 1,5 an »), not "1 membres · 1 années"."""
    cohort = tmp_path / "c"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,q\n"
    )
    (cohort / "students.csv").write_text(
        'id,background,experience_years,choices\nS1,AS,1,C1\nS2,AS,"1,5",C2\n'
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n")
    args = ["run", str(cohort), "--out", str(tmp_path / "r"), "--lang", lang]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert one in report and one_and_a_half in report


def test_the_count_rule_agrees_with_one() -> None:
    """The selection's diagnosis names the count rule: "exactement 1 commande est retenue"
    for count = 1 (it said "exactement 1 commandes sont retenues")."""
    assert counted("family_count", 1).words("fr") == "exactement 1 commande est retenue"
    assert counted("family_count", 1).words("en") == "exactly 1 commission is selected"
    assert counted("family_count", 10).words("fr") == "exactement 10 commandes sont retenues"
