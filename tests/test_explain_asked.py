"""``matcher explain --student``: every student asked for gets an answer, also those with
no wish to explain (no choices written; already on the best of their selected choices),
instead of the general "every student … is on the best" line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def test_each_asked_student_is_answered(demo_result: Path) -> None:
    """Three students asked: one without choices, one on their first written choice (so on
    the best available one), one with a wish in explanations.csv; each gets their line, in
    French, and the general line does not appear."""
    teams = read_rows(demo_result / "teams.csv")
    wished = {r["student_id"] for r in read_rows(demo_result / "explanations.csv")}
    no_choice = next(r for r in teams if not r["choices"])
    on_best = next(r for r in teams if r["choice_rank"] == "1")
    with_wish = sorted(wished)[0]
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "fr"]
    for sid in (no_choice["student_id"], on_best["student_id"], with_wish):
        args += ["--student", sid]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"[{no_choice['student_id']}] : aucun choix écrit" in out
    assert (
        f"[{on_best['student_id']}] : sur le meilleur de ses choix retenus "
        f"({on_best['commission_id']})" in out
    )
    assert f"[{with_wish}] : dans " in out
    assert "Chaque étudiant ayant des choix" not in out


def test_student_typed_in_another_case_is_answered(demo_result: Path) -> None:
    """`--student s001` names S001 (ids typed on the command line are read as in the files,
    README "Ids typed on the command line"): S001 has no wish in the demo's result when it
    is on its best selected choice or has no choices, so its own line must come, not the
    general "every student … is on the best" line that answered before (the asked id was
    compared as typed, ``s001``, with the cohort's ``S001``)."""
    teams = read_rows(demo_result / "teams.csv")
    wished = {r["student_id"] for r in read_rows(demo_result / "explanations.csv")}
    quiet = next(r for r in teams if r["student_id"] not in wished)
    sid = quiet["student_id"]
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--student", sid.lower()])
    assert result.exit_code == 0, result.output
    assert f"[{sid}]" in result.output
    assert "Every student with choices" not in result.output
