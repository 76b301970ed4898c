"""Session 12 probe f: the common options of every command (contract §2), --help in French."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

#: Commands that solve: every common option means something for them.
# ``report`` explains since session 31: its --time-limit, --seed and --workers bound that.
SOLVING = ("select", "assign", "run", "whatif", "explain", "plan", "serve", "report")
#: Commands that solve nothing: --time-limit, --seed and --workers mean nothing for them.
READING = ("validate", "check")
COMMON = ("--settings", "--time-limit", "--seed", "--workers", "--lang", "--quiet")
SOLVER = ("--time-limit", "--seed", "--workers")

TINY = {
    "commissions.csv": "id,institution,sector,problem_type\n"
    "C1,Alpha,CPAS,diagnostic\nC2,Beta,handicap,évaluation\nC3,Gamma,logement,diagnostic\n",
    "students.csv": "id,name,background,choices\n"
    "S1,Ana,AS,C1;C2\nS2,Bob,AS,C2\nS3,Cléo,GRH,C1\nS4,Dan,GRH,C3;C1\n",
    "settings.toml": "[selection]\ncount = 2\n\n[solver]\nseed = 4\n",
}


def _listed(output: str) -> set[str]:
    return {word for line in output.splitlines() for word in line.split() if word in COMMON}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_help_lists_the_common_options_that_mean_something(lang: str) -> None:
    """`validate --help` listed --time-limit (« Secondes dont le solveur dispose ») for a
    command that « ne résout rien »; `generate` refused them with « Did you mean '--force'? »."""
    for command in SOLVING:
        code, output = invoke([command, "--help", "--lang", lang])
        assert code == 0 and _listed(output) == set(COMMON), (command, output)
    for command in READING:
        code, output = invoke([command, "--help", "--lang", lang])
        assert code == 0 and _listed(output) == set(COMMON) - set(SOLVER), (command, output)
    code, output = invoke(["generate", "--help", "--lang", lang])
    assert code == 0 and _listed(output) == {"--seed", "--lang", "--quiet"}, output


def test_common_options_meaning_nothing_are_accepted_and_ignored(tmp_path: Path) -> None:
    cohort = write_cohort(tmp_path / "cohort", TINY)
    settings = cohort / "settings.toml"
    gen = ["generate", "--seed", "1", "--out", str(tmp_path / "gen"), "--quiet"]
    code, output = invoke([*gen, "--settings", str(settings), "--time-limit", "5", "--workers=2"])
    assert code == 0 and output == "" and (tmp_path / "gen" / "students.csv").is_file()
    code, output = invoke(["validate", str(cohort), "--time-limit", "1", "--seed", "9"])
    assert code == 0, output
    # Their values are still checked, as everywhere.
    code, output = invoke(["validate", str(cohort), "--workers", "99", "--lang", "fr"])
    assert code == 2 and "--workers" in output and "99" in output
    gen2 = ["generate", "--seed", "1", "--out", str(tmp_path / "g2")]
    code, output = invoke([*gen2, "--time-limit", "0"])
    assert code == 2 and not (tmp_path / "g2").exists()
    result = tmp_path / "result"
    code, output = invoke(["run", str(cohort), "--out", str(result), "--no-explain", "--quiet"])
    assert code == 0, output
    assert json.loads((result / "summary.json").read_text(encoding="utf-8"))["seed"] == 4
    code, output = invoke(["check", str(cohort), "--result", str(result), "--seed", "9"])
    assert code == 0, output
    again = tmp_path / "again"
    report = ["report", str(cohort), "--result", str(result), "--out", str(again), "--quiet"]
    code, output = invoke([*report, "--seed", "9", "--workers", "3", "--time-limit", "7"])
    assert code == 0 and output == "", output
    # Only the explanations ran with seed 9: the report records the teams' solve's.
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))
    assert summary["seed"] == 4 and summary["settings"]["solver"]["workers"] == 1


def test_french_group_usage_has_no_english_words() -> None:
    code, output = invoke(["--lang", "fr", "--help"])
    assert code == 0 and "COMMANDE [ARGUMENTS]..." in output and "COMMAND " not in output
    code, output = invoke(["--help", "--lang", "en"])
    assert code == 0 and "COMMAND [ARGS]..." in output


def test_a_team_stage_without_assignment_says_its_seconds_rounded_and_true(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,000 students with a no_isolation condition and --time-limit 3: exit 4 after 1.1 s,
    « no team assignment found in the 0.6 s the time limit left it » (it had 1.9 s) then
    « no team assignment found within 1.93787939599715 s »."""
    from types import SimpleNamespace

    import matcher.teams
    from matcher.results import Status

    def nothing(data: object, params: object) -> SimpleNamespace:
        return SimpleNamespace(team_of=None, from_start=False, status=Status.UNKNOWN)

    monkeypatch.setattr(matcher.teams, "solve_teams", nothing)
    cohort = write_cohort(tmp_path / "cohort", TINY)
    out = tmp_path / "out"
    run = ["run", str(cohort), "--out", str(out), "--time-limit", "2.93787939599715"]
    for lang, said in (("en", r"had \d\.\d s of the time limit"), ("fr", r"disposait de \d,\d s ")):
        code, output = invoke([*run, "--lang", lang, "--no-explain"])
        assert code == 4 and not out.exists(), output
        assert re.search(said, output) and not re.search(r"\d[.,]\d\d", output), output
        assert "time limit left it" not in output and "lui laissait" not in output, output


SWAP = {
    "commissions.csv": "id,institution,sector,problem_type\n"
    "C1,Alpha,CPAS,diagnostic\nC2,Beta,handicap,évaluation\n",
    "students.csv": "id,name,background,choices\n"
    "S1,Ana,AS,C1;C2\nS2,Bob,AS,C1;C2\nS3,Cléo,AS,C1;C2\nS4,Dan,AS,C1;C2\n",
    "settings.toml": "[selection]\ncount = 2\n",
}


def test_explanations_start_nothing_once_their_budget_is_spent(tmp_path: Path) -> None:
    """200 students, `run --time-limit 5`: the explanations, given 1.7 s, took 3.1 s (the
    checks without CP-SAT ran for each of 290 wishes past the budget): 6.3 s in all."""
    from matcher import app
    from matcher.explain import explain
    from models.outcome import SolveParams

    instance = app.load(write_cohort(tmp_path / "cohort", SWAP))
    assignment = {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"}
    # Without a budget, S3's and S4's wish (C1, a swap away) is answered at no cost.
    answered = explain(instance, ("C1", "C2"), assignment, SolveParams(time_limit=10))
    assert {e.verdict for e in answered} == {"free"}, answered
    spent = explain(instance, ("C1", "C2"), assignment, SolveParams(time_limit=10), budget=0.0)
    assert [e.student_id for e in spent] == ["S3", "S4"]
    assert {e.verdict for e in spent} == {"unknown"}, spent


def test_every_solve_of_a_wish_ends_by_the_explanations_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 students, `whatif --time-limit 5` on an optimal result: the explanations, given
    3.9 s, took 6.9 s (8.1 s in all): each solve of a wish (a stage, then the next…) was
    given all that was left of the budget, not what was left when it began."""
    import time

    import models.team_wish
    import models.wish_chains
    import models.wish_witness
    from matcher import app
    from matcher.explain import explain
    from models.outcome import SolveParams
    from models.solve import make_solver

    soon = time.monotonic() + 0.5
    solver = make_solver(SolveParams(time_limit=60, deadline=soon), 60)
    assert solver.parameters.max_time_in_seconds <= 0.5
    # The explanations give their deadline to every solve of a wish.
    seen: list[float | None] = []

    def session_answer(self: object, i: int, t: int, params: SolveParams, **_: object) -> object:
        seen.append(params.deadline)
        return models.team_wish.WishAnswer("unknown")

    monkeypatch.setattr(models.wish_chains, "cheap_answer", lambda *a: (None, None, 0))
    monkeypatch.setattr(models.wish_witness.Neighbourhood, "free", lambda self: None)
    monkeypatch.setattr(models.team_wish.WishSession, "answer", session_answer)
    instance = app.load(write_cohort(tmp_path / "cohort", SWAP))
    assignment = {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C2"}
    before = time.monotonic()
    explain(instance, ("C1", "C2"), assignment, SolveParams(time_limit=10), budget=30.0)
    assert len(seen) == 2 and all(d is not None and before + 29 < d < before + 31 for d in seen)


def test_assign_and_whatif_count_their_limit_from_the_command_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,000 students, `assign --time-limit 5`: 5.8 s; 200, `whatif --time-limit 3`: 3.2 s.
    Their team stage had the whole limit from its own start: start-up and loading before
    it, stage 3 and the writing after it, were all past the limit (`run` counts them)."""
    import time

    import matcher.teams
    import matcher.whatif
    from matcher import app

    cohort = write_cohort(tmp_path / "cohort", TINY)
    result = tmp_path / "result"
    assert invoke(["run", str(cohort), "--out", str(result), "--no-explain", "--quiet"])[0] == 0
    instance = app.load(cohort, overrides=app.Overrides(time_limit=10))
    seen: list[float] = []
    form_teams, apply_changes = matcher.teams.form_teams, matcher.whatif.apply_changes

    def teams_recorded(instance: object, ids: object, params: object) -> object:
        seen.append(params.time_limit)  # type: ignore[attr-defined]
        return form_teams(instance, ids, params)  # type: ignore[arg-type]

    def changes_recorded(*args: object) -> object:
        seen.append(args[4].time_limit)  # type: ignore[attr-defined]
        return apply_changes(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.teams, "form_teams", teams_recorded)
    monkeypatch.setattr(matcher.whatif, "apply_changes", changes_recorded)
    # The command began 7 s ago (start-up and loading on a slow machine): 3 s are left.
    app.assign(instance, result / "selection.csv", started=time.perf_counter() - 7)
    app.whatif(instance, result, withdraw_students=["S1"], started=time.perf_counter() - 7)
    assert len(seen) == 2 and all(0 < limit < 3 for limit in seen), seen


def test_plan_counts_its_limit_from_the_command_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,000 students, `plan --time-limit 3`: 3.97 s (5: 5.94 s, 10: 10.95 s); stage 3 had
    the whole limit, start-up, loading and the writing past it."""
    import time

    import matcher.app.solve
    from matcher import app

    files = {**TINY, "supervisors.csv": "id,name\nA1,Alice\nA2,Bob\n"}
    cohort = write_cohort(tmp_path / "cohort", files)
    result = tmp_path / "result"
    assert invoke(["run", str(cohort), "--out", str(result), "--no-explain", "--quiet"])[0] == 0
    instance = app.load(cohort, overrides=app.Overrides(time_limit=10))
    seen: list[float] = []
    stage3 = matcher.app.solve._stage3

    def recorded(instance: object, ids: object, params: object, *a: object, **k: object) -> object:
        seen.append(params.time_limit)  # type: ignore[attr-defined]
        return stage3(instance, ids, params, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.app.solve, "_stage3", recorded)
    outcome = app.plan(instance, result, started=time.perf_counter() - 7)
    assert outcome.plan is not None and len(seen) == 1 and 0 < seen[0] < 3, seen


def test_summary_says_what_stopped_an_unproven_team_stage() -> None:
    """summary.json did not say whether the work budget or the clock ended an unproven
    search, so nobody could tell a run another machine would repeat (work) from one it
    might not (wall). The teams stage now carries ``stopped_by``; a proven stage has none."""
    from dataclasses import replace

    from test_writers_sample import sample_outcome

    from matcher.outputs.writers import summary_dict
    from matcher.results import Status

    outcome = sample_outcome()
    assert outcome.teams is not None and outcome.teams.stage.status == Status.FEASIBLE
    for stopped_by in ("work", "wall"):
        stage = replace(outcome.teams.stage, stopped_by=stopped_by)
        edited = replace(outcome, teams=replace(outcome.teams, stage=stage))
        assert summary_dict(edited)["teams"]["stopped_by"] == stopped_by
    proven = replace(outcome.teams.stage, status=Status.OPTIMAL, stopped_by=None)
    written = summary_dict(replace(outcome, teams=replace(outcome.teams, stage=proven)))
    assert "stopped_by" not in written["teams"]
