"""Probe s21i: the command line at scale (1,000 - 10,000 students): honest progress, time
and memory (contract §2, §6, §9)."""

from __future__ import annotations

import csv
import re
import shutil
import time
from pathlib import Path
from typing import Any, ClassVar

import hypothesis
import numpy as np
from click.testing import CliRunner
from csvrows import read_rows
from hypothesis import strategies as st
from test_teams_bounds import tiny_problems

from matcher.cli import main
from matcher.generate import generate_cohort
from matcher.outputs.progress import ProgressPrinter, QuestionsPrinter
from matcher.schemas import Instance
from matcher.teams import team_data
from models.solve import LexResult, SolveParams, Status
from models.teams import TeamData, solve_teams

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _cohort(students: int, seed: int = 3) -> TeamData:
    cohort = generate_cohort(seed, num_students=students)
    instance = Instance(
        name="probe",
        commissions=cohort.commissions,
        students=cohort.students,
        pairs=cohort.pairs,
        settings=cohort.settings,
    )
    ids = [c.id for c in cohort.commissions[: cohort.settings.selection.count]]
    return team_data(instance, ids)


def test_team_progress_counts_from_the_stage_start_and_names_every_priority() -> None:
    """Each CP-SAT call counted from its own start: the lines' elapsed time fell back to
    0 at every priority, and a printer that holds back a stage's first second never showed
    the later priorities. Now the seconds since the stage began, every priority named."""
    data = _cohort(300)
    lines: list[tuple[str, float]] = []
    began = time.perf_counter()

    def record(name: str, best: float, bound: float, elapsed: float) -> None:
        lines.append((name, elapsed))
        assert elapsed <= time.perf_counter() - began + 1e-6

    solve_teams(data, SolveParams(time_limit=30, seed=0, workers=1, progress=record))
    times = [elapsed for _, elapsed in lines]
    assert times == sorted(times), lines
    assert set(data.priorities) <= {name for name, _ in lines}, lines


class _EveryQuestion(QuestionsPrinter):
    """The terminal's printer without its hold-back or throttle."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "delay": 0.0, "interval": 0.0})


def test_explain_shows_question_n_of_m(demo_result: Path, monkeypatch: Any) -> None:
    """`matcher explain` gave its explanations no progress callback: a long run (thousands
    of questions at 10,000 students) printed nothing until the end. Now the terminal's
    "question n of m" lines, on stderr (stdout keeps the table), with no "left" (the
    command's limit is per solve), and none with --quiet."""
    monkeypatch.setattr("matcher.outputs.progress.QuestionsPrinter", _EveryQuestion)
    args = ["explain", str(DEMO), "--result", str(demo_result), "--lang", "fr"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "explications : question" in line]
    assert lines, result.stderr
    assert all(" sur " in line and "encore" not in line for line in lines)
    assert not any("question" in line for line in result.stdout.splitlines())
    quiet = CliRunner().invoke(main, [*args, "--quiet"])
    assert quiet.exit_code == 0 and "question" not in quiet.stderr


class _Sized(ProgressPrinter):
    """The terminal's printer without hold-back or throttle, remembering its cohort size."""

    sizes: ClassVar[list[int | None]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "delay": 0.0, "interval": 0.0})
        _Sized.sizes.append(kwargs.get("students"))


def test_whatif_progress_shows_experience_in_years(demo_result: Path, monkeypatch: Any) -> None:
    """The what-if's progress lines gave the experience priority as the solver's integer
    ("largest experience gap best 6450") beside a summary in years. Now in years, for the
    cohort the changes leave (one student withdrawn: 59 of the demo's 60)."""
    monkeypatch.setattr(_Sized, "sizes", [])
    monkeypatch.setattr("matcher.outputs.progress.ProgressPrinter", _Sized)
    student = read_rows(demo_result / "teams.csv")[0]["student_id"]
    out = demo_result.parent / "whatif-years"
    args = [
        "whatif", str(DEMO), "--from", str(demo_result), "--out", str(out), "--lang", "en",
        "--withdraw-student", student, "--no-explain", "--workers", "1",
    ]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert _Sized.sizes == [59]
    lines = [line for line in result.stderr.splitlines() if ": largest experience gap " in line]
    assert lines, result.stderr
    assert all(re.search(r"best +\d+\.\d years +bound +\d+\.\d years", line) for line in lines)


def test_plan_out_of_time_on_rules_validate_finds_impossible_exits_3(
    demo_result: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """Stage 3's search ended by the time limit without a plan answered 4 ("raise
    --time-limit") where ``validate`` finds the rules impossible (1,000 students, every
    supervisor's limit 1: 105 places for 167 teams). Now 3, the limits named, nothing
    written. The time running out is simulated: CP-SAT returns UNKNOWN."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    rows = read_rows(cohort / "supervisors.csv")
    with (cohort / "supervisors.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "max_teams": "1"} for row in rows)
    validated = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert validated.exit_code == 3 and "take at most 7 together" in validated.output

    def out_of_time(*args: Any, **kwargs: Any) -> LexResult:
        return LexResult(status=Status.UNKNOWN, time_s=0.0)

    monkeypatch.setattr("models.plan.solve_lexicographic", out_of_time)
    out = tmp_path / "planned"
    args = ["plan", str(cohort), "--result", str(demo_result), "--out", str(out), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    assert "satisfies the rules" in result.stderr
    assert f"the {len(_selected(demo_result))} teams each need a supervisor" in result.stderr
    assert f"at most {len(rows)} together" in result.stderr
    assert not out.exists()


def _selected(result: Path) -> list[str]:
    return [r["id"] for r in read_rows(result / "selection.csv") if r["selected"] == "yes"]


def test_validate_reads_each_students_employers_once(tmp_path: Path, monkeypatch: Any) -> None:
    """The conflict-of-interest check went through every student for every proposal, twice
    (``employers_out_of_reach``, ``unfit_rule``): at 10,000 students ``validate`` took 198 s
    under load. Now one index per cohort (``conflicts.employees``): each student's
    employers are read once. Counted, not timed."""
    from matcher.schemas import Student

    cohort = tmp_path / "c300"
    generated = CliRunner().invoke(main, ["generate", "--seed", "2", "--students", "300",
                                          "--out", str(cohort)])  # fmt: skip
    assert generated.exit_code == 0, generated.output
    calls = [0]
    employers = Student.employers

    def counted(student: Student) -> frozenset[str]:
        calls[0] += 1
        return employers(student)

    monkeypatch.setattr(Student, "employers", counted)
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "proposals: " in result.output
    assert 0 < calls[0] <= 300


def test_report_reads_the_result_workbook_once(
    demo_result: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """``report`` read result.xlsx twice, its Selection and Students sheets, then its
    Calendar for the plan's check: 2 x 23 s of a 10,000-student report. Now the second
    reading is the first one's cells (``workbooks._LAST_READ``), copied. Counted."""
    import matcher.loading.workbooks as workbooks

    monkeypatch.setattr(workbooks, "_LAST_READ", [], raising=False)
    reads = [0]
    cells = workbooks._workbook_cells

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads[0] += 1
        return cells(*args, **kwargs)

    monkeypatch.setattr(workbooks, "_workbook_cells", counted)
    book = tmp_path / "result.xlsx"
    shutil.copy(demo_result / "result.xlsx", book)
    out = tmp_path / "report"
    args = ["report", str(DEMO), "--result", str(book), "--out", str(out), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert reads[0] == 1
    assert (out / "schedule.csv").read_bytes() == (demo_result / "schedule.csv").read_bytes()


def test_whatif_quick_plan_starts_from_the_previous_plan(
    demo_result: Path, monkeypatch: Any
) -> None:
    """A what-if's stage 3 without the budget for a model (``quick_plan``: every 10,000-
    student what-if) planned from scratch: teams changed supervisor and events moved that
    nothing forced (491 events at 10,000 students; 148 supervisors and 177 events of 167
    teams at 1,000; here 6 and 10 where the optimum moves 1 and 2). Now every team that
    can keeps its supervisor and its times: as few changes as the solver's optimum."""
    from matcher import app

    instance = app.load(DEMO)
    withdrawn = [_selected(demo_result)[0]]
    solved = app.whatif(instance, demo_result, withdraw_commissions=withdrawn).outcome.plan
    monkeypatch.setattr("models.plan.EXACT_PAIRS_LIMIT", 0)  # the quick plan, as at scale
    quick = app.whatif(instance, demo_result, withdraw_commissions=withdrawn).outcome.plan
    assert solved is not None and quick is not None
    assert solved.stage.status == Status.OPTIMAL and quick.stage.stopped_by == "work"
    names = ("supervisor_changes", "event_moves")
    optimum = {o.name: o.value for o in solved.stage.objectives if o.name in names}
    assert {o.name: o.value for o in quick.stage.objectives if o.name in names} == optimum


def test_cheap_answer_evaluates_its_chains_in_batches(
    demo_result: Path, monkeypatch: Any
) -> None:
    """``cheap_answer`` evaluated every chain of moves of a wish at once, one row of the
    whole cohort each: at 10,000 students a student without choices has chains through
    every team (15 GB). Now in batches of ``CHAIN_BATCH_ENTRIES`` rows x students, with
    the same answers (twin: one batch against three rows a batch, every demo wish)."""
    import models.wish_chains as wish_chains
    from matcher import app
    from matcher.explain import _prepare, _wishes

    instance = app.load(DEMO)
    teams = read_rows(demo_result / "teams.csv")
    assignment = {row["student_id"]: row["commission_id"] for row in teams}
    cohort, data = _prepare(instance, tuple(_selected(demo_result)), assignment)
    values = [(name, cohort.values[name]) for name in cohort.priorities]
    wishes = _wishes(instance, data.ranks, cohort.current, None)
    assert len(wishes) > 10

    def answers() -> list[tuple[Any, ...]]:
        found = []
        for i, t in wishes:
            answer, best, settled = wish_chains.cheap_answer(data, values, cohort.current, i, t)
            verdict = None if answer is None else answer.verdict
            found.append((verdict, None if best is None else best.tolist(), settled))
        return found

    whole = answers()
    rows: list[int] = []
    evaluate = wish_chains.evaluate_assignments

    def counted(data: Any, names: Any, assignments: Any, *context: Any) -> Any:
        rows.append(len(assignments))
        return evaluate(data, names, assignments, *context)

    monkeypatch.setattr(wish_chains, "evaluate_assignments", counted)
    monkeypatch.setattr(wish_chains, "CHAIN_BATCH_ENTRIES", 3 * data.num_students, raising=False)
    assert answers() == whole
    assert max(rows) <= 3 and any(found[0] != "free" and found[1] for found in whole)


def test_explain_builds_no_solver_model_past_the_size_limit(
    demo_result: Path, monkeypatch: Any
) -> None:
    """``explain`` built its per-student CP-SAT model (``WishSession``) whatever the cohort's
    size: at 10,000 students it was killed at 24 GB. Past ``MAX_MODEL_ENTRIES`` (here 0, so
    that the demo is past it) no model is built: the checks without the solver answer what
    they can, the rest is ``unknown``, saying why in both languages."""
    import models.team_wish as team_wish
    from matcher import app

    instance = app.load(DEMO)
    normal = app.explain(instance, demo_result).explanations
    assert any(e.verdict in ("costs", "impossible") for e in normal)
    built = [0]
    session = team_wish.WishSession.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        built[0] += 1
        session(self, *args, **kwargs)

    monkeypatch.setattr(team_wish.WishSession, "__init__", counted)
    monkeypatch.setattr(team_wish, "MAX_MODEL_ENTRIES", 0, raising=False)
    found = app.explain(instance, demo_result).explanations
    assert built[0] == 0
    assert [(e.student_id, e.wanted) for e in found] == [(e.student_id, e.wanted) for e in normal]
    unknown = [e for e in found if e.verdict == "unknown"]
    assert unknown and all(e.too_large == (60, len(_selected(demo_result))) for e in unknown)
    # What the checks without the solver settle stays settled.
    assert any(e.verdict in ("free", "impossible") for e in found)
    assert "60 students in" in unknown[0].reason("en")
    assert "60 étudiants dans" in unknown[0].reason("fr")


def test_team_progress_names_every_priority_without_a_model(monkeypatch: Any) -> None:
    """A cohort too large for the team model (10,000 students) is improved by heuristics
    alone, and no line was ever shown: a 60 s run at 10,000 students printed nothing at
    all. Now every priority is shown as the start has it, then as the heuristics leave it,
    timed from the stage's start."""
    import models.teams.solve
    import models.teams.work

    monkeypatch.setattr(models.teams.solve, "_SMALL_PAIRS", 0)
    monkeypatch.setattr(models.teams.work, "MAX_MODEL_ENTRIES", 0)
    data = _cohort(300)
    lines: list[tuple[str, float, float]] = []

    def record(name: str, best: float, bound: float, elapsed: float) -> None:
        lines.append((name, best, elapsed))

    result = solve_teams(data, SolveParams(time_limit=5, seed=0, workers=1, progress=record))
    assert result.from_start
    names = [name for name, _, _ in lines]
    assert names == [*data.priorities, *data.priorities]
    final = {o.name: o.value for o in result.objectives}
    assert {name: best for name, best, _ in lines[len(data.priorities) :]} == final
    times = [elapsed for _, _, elapsed in lines]
    assert times == sorted(times)


def test_loading_reads_each_written_slot_once(tmp_path: Path, monkeypatch: Any) -> None:
    """Loading looked at every slot cell of commissions.csv for a day of the week that is
    not its own, though proposals write the same few slots: 20,000 cells at 10,000
    students (3 s of every command). Now once per label written. Counted."""
    import matcher.loading.supervisors as supervisors
    from matcher import app

    cohort = tmp_path / "c300"
    generated = CliRunner().invoke(main, ["generate", "--seed", "2", "--students", "300",
                                          "--out", str(cohort)])  # fmt: skip
    assert generated.exit_code == 0, generated.output
    calls: list[str] = []
    slip = supervisors._day_slip

    def counted(written: str, days: frozenset[str]) -> Any:
        calls.append(written)
        return slip(written, days)

    monkeypatch.setattr(supervisors, "_day_slip", counted)
    instance = app.load(cohort)
    cells = sum(len(c.slots or ()) for c in instance.commissions)
    unavailable = sum(len(s.unavailable) for s in instance.supervisors or ())
    assert cells > 2 * len(set(calls))
    assert len(calls) <= len({s for c in instance.commissions for s in c.slots or ()}) + unavailable


def test_run_says_when_the_cohort_is_too_large_to_explain(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Past 200 students ``run`` writes no explanations.csv, and said nothing about it.
    Now one line on stderr, in the language in force; none with --no-explain or --quiet.
    (The limit lowered to 10 so that the demo is past it.)"""
    monkeypatch.setattr("matcher.app.EXPLAIN_MAX_STUDENTS", 10)
    monkeypatch.setattr("matcher.app.explanations.EXPLAIN_MAX_STUDENTS", 10)
    base = ["run", str(DEMO), "--workers", "1", "--time-limit", "20"]
    said = CliRunner().invoke(main, [*base, "--out", str(tmp_path / "a"), "--lang", "fr"])
    assert said.exit_code == 0, said.output
    assert "explanations.csv n'est pas écrit : 60 étudiants, plus que les 10" in said.stderr
    assert not (tmp_path / "a" / "explanations.csv").exists()
    for flag in ("--no-explain", "--quiet"):
        quiet = CliRunner().invoke(main, [*base, "--out", str(tmp_path / flag), flag])
        assert quiet.exit_code == 0 and "explanations.csv" not in quiet.stderr


@hypothesis.settings(
    derandomize=True,
    max_examples=80,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)
@hypothesis.given(tiny_problems(), st.data())
def test_whatif_start_with_hubs_has_the_plain_flows_optima(data: TeamData, draw: Any) -> None:
    """A what-if's students placed before never shared the large flows' hubs (their costs
    are the ranks plus the move's cost): at 10,000 x 1,667 the start's flows had an arc per
    pair, and a what-if peaked at 2.1 GB. Now they share hubs priced at their worst cost;
    the start's optima are the plain flows' (twin, hubs forced on tiny what-ifs)."""
    from dataclasses import replace as replaced

    from models.teams import work as team_work
    from models.teams.flows import start_assignment

    previous = draw.draw(
        st.lists(
            st.integers(-1, data.num_teams - 1),
            min_size=data.num_students,
            max_size=data.num_students,
        )
    )
    data = replaced(data, previous=np.array(previous, dtype=np.int64))
    plain = start_assignment(data)
    before = team_work.AGGREGATE_PAIRS
    team_work.AGGREGATE_PAIRS = 0
    try:
        shared = start_assignment(data)
    finally:
        team_work.AGGREGATE_PAIRS = before
    assert (plain is None) == (shared is None)
    if plain is None or shared is None:
        return
    assert shared.worst_choice_bound == plain.worst_choice_bound
    assert shared.choices_bound_at_worst == plain.choices_bound_at_worst
    assert shared.choices_bound == plain.choices_bound


def test_whatif_students_share_the_flows_hubs(monkeypatch: Any) -> None:
    """Four students placed before (team 1 or 2), each listing team 0 first and the others
    alike: with hubs on, each keeps direct arcs to team 0 and their previous team only, the
    rest through a hub (before: an arc to every team, 12 of 12)."""
    from models.teams import flows
    from models.teams import work as team_work

    added: list[int] = []
    add = flows._StudentArcs.add.__func__  # type: ignore[attr-defined]

    def counted(cls: Any, *args: Any, **kwargs: Any) -> Any:
        arcs = add(cls, *args, **kwargs)
        added.append(len(arcs.student_idcs))
        return arcs

    monkeypatch.setattr(flows._StudentArcs, "add", classmethod(counted))
    monkeypatch.setattr(team_work, "AGGREGATE_PAIRS", 0)
    data = TeamData(
        size_min=np.array([1, 1, 1]),
        size_max=np.array([2, 2, 2]),
        conflict=np.zeros((4, 3), dtype=bool),
        ranks=np.array([[1, 2, 2]] * 4, dtype=np.int64),
        previous=np.array([1, 2, 1, 2], dtype=np.int64),
    )
    found = flows.start_assignment(data)
    assert found is not None and int((found.team_of != data.previous).sum()) == 1  # team 0
    assert added and max(added) == 4 * 2
