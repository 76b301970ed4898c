"""Explanations in the outputs of run, assign and whatif (contract §9, §2, §3).

instances/tiny/teams-choices: six students all wanting C1 first, C2 second; two teams of
three (its README), so three students are on their second choice and each of them has one
wish (C1), answered in explanations.csv, the report and the workbook.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows
from openpyxl import load_workbook

from matcher import app
from matcher.cli import main
from matcher.explanation import COLUMNS
from matcher.labels import label

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"
CHOICES = TINY / "teams-choices"


def _run(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(CHOICES), "--out", str(out), "--quiet", *extra])
    assert result.exit_code == 0, result.output
    return out


def test_run_writes_explanations_with_the_contract_columns(tmp_path: Path) -> None:
    """run writes explanations.csv: the contract's columns, one row per student off C1
    (each wants C1, which holds three), a verdict for each, and its reason."""
    out = _run(tmp_path)
    header = (out / "explanations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(COLUMNS)
    rows = read_rows(out / "explanations.csv")
    teams = read_rows(out / "teams.csv")
    off_c1 = {row["student_id"] for row in teams if row["commission_id"] != "C1"}
    assert {row["student_id"] for row in rows} == off_c1
    assert {row["wanted"] for row in rows} == {"C1"}
    for row in rows:
        assert row["verdict"] in {"impossible", "free", "costs"}, row
        assert row["reason"]


def test_no_explain_writes_no_explanations(tmp_path: Path) -> None:
    """--no-explain: no explanations.csv, and the report says how to get them."""
    out = _run(tmp_path, "--no-explain")
    assert not (out / "explanations.csv").exists()
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "matcher explain" in report


def test_summary_lists_swap_pairs(tmp_path: Path) -> None:
    """summary.json metrics.teams gains swap_pairs: a list, empty here (every student
    ranks C1 first, so nobody on C1 prefers C2)."""
    out = _run(tmp_path)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["teams"]["swap_pairs"] == []


def test_report_and_workbook_show_explanations_in_both_languages(tmp_path: Path) -> None:
    """The report's explanations section and the workbook's Explanations sheet carry each
    row's reason in the language of the run (French, then English)."""
    for lang, sheet in (("fr", "Explications"), ("en", "Explanations")):
        out = _run(tmp_path / lang, "--lang", lang)
        rows = read_rows(out / "explanations.csv")
        assert rows
        report = (out / "report.html").read_text(encoding="utf-8")
        assert label("section_explanations", lang).replace("'", "&#x27;") in report
        book = load_workbook(io.BytesIO((out / "result.xlsx").read_bytes()))
        assert sheet in book.sheetnames
        cells = {str(c.value) for row in book[sheet].iter_rows() for c in row if c.value}
        for row in rows:
            assert row["reason"].replace("'", "&#x27;") in report
            assert row["reason"] in cells
        french = all("choix" in row["reason"] for row in rows)
        assert french == (lang == "fr")


def test_explain_step_with_no_budget_leaves_unknown(tmp_path: Path) -> None:
    """With no time left, the wishes that need a solve are unknown, never guessed; and a
    cohort above EXPLAIN_MAX_STUDENTS gets no explanations at all."""
    instance = app.load(CHOICES)
    outcome = app.run(instance)
    explained = app.explain_step(outcome, budget=0.0)
    assert explained.explanations is not None
    for e in explained.explanations:
        assert e.verdict in {"unknown", "free", "impossible"}
    many = instance.model_copy(
        update={
            "students": tuple(
                s.model_copy(update={"id": f"X{k}"})
                for k in range(app.EXPLAIN_MAX_STUDENTS + 1)
                for s in instance.students[:1]
            )
        }
    )
    bigger = outcome.__class__(instance=many, settings=outcome.settings, teams=outcome.teams)
    assert app.explain_step(bigger).explanations is None


def test_one_unsettled_question_is_said_in_the_singular() -> None:
    """A report whose explanations hold exactly one ``unknown`` verdict says "1 question
    n'a pas été tranchée" / "1 question was not settled", not "1 questions n'ont pas été
    tranchées" (seen on a 60-student cohort run under load)."""
    from dataclasses import replace

    from matcher.explanation import Explanation
    from matcher.outputs.report.choices import _student_explanations

    outcome = app.run(app.load(CHOICES))
    first = outcome.instance.students[0]
    unknown = Explanation(
        student_id=first.id,
        student_name=first.name or first.id,
        commission_id=outcome.teams.commission_ids[0],
        wanted=outcome.teams.commission_ids[-1],
        wanted_rank=1,
        verdict="unknown",
        time_limit=1.0,
    )
    shown = replace(outcome, explanations=(unknown,))
    assert "1 question n&#x27;a pas été tranchée" in _student_explanations(shown, "fr")
    assert "1 question was not settled" in _student_explanations(shown, "en")
