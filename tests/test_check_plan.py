"""`matcher check` and `matcher report` verify a result's stage-3 plan as a director may edit
it: one feasible/infeasible pair per rule of contract §11 on the demo's plan, bad plan files
(exit 2 with file, row and column), stale plan files, and both languages.

Each infeasible case edits the valid plan `matcher run` wrote for the demo (or the instance's
supervisors.csv / commissions.csv, the other side of the same rule) so that exactly that rule
breaks: `check` then says "breaks 1 rule:" and words it; the unedited plan holds.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from csvrows import read_rows, write_rows

from matcher.cli import main
from matcher.schemas import minutes_of

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _invoke(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, list(args))
    return outcome.exit_code, outcome.stdout, outcome.stderr


class Case:
    """A copy of the demo instance and of its result, and what the plan looks like."""

    def __init__(self, result: Path, tmp: Path) -> None:
        self.instance = tmp / "instance"
        self.result = tmp / "result"
        shutil.copytree(DEMO, self.instance)
        shutil.copytree(result, self.result)
        self.supervision = read_rows(self.result / "supervision.csv")
        self.schedule = read_rows(self.result / "schedule.csv")
        self.supervisors = read_rows(self.instance / "supervisors.csv")
        self.commissions = read_rows(self.instance / "commissions.csv")
        load = Counter(row["supervisor_id"] for row in self.supervision)
        by_team = {row["commission_id"]: row["supervisor_id"] for row in self.supervision}
        # A team alone with its supervisor: moving its events crosses no other event.
        self.lone = sorted(t for t, s in by_team.items() if load[s] == 1)
        # A supervisor with exactly two teams (the demo has several: max_teams 2).
        self.pair = sorted(s for s, n in load.items() if n == 2)[0]
        assert self.lone, "the demo's plan has a supervisor with a single team"

    def event(self, team: str, event: str) -> dict[str, str]:
        return next(r for r in self.schedule if r["commission_id"] == team and r["event"] == event)

    def supervisor_of(self, team: str) -> dict[str, str]:
        sid = next(r["supervisor_id"] for r in self.supervision if r["commission_id"] == team)
        return next(r for r in self.supervisors if r["id"] == sid)

    def commission(self, team: str) -> dict[str, str]:
        return next(r for r in self.commissions if r["id"] == team)

    def pair_visits(self) -> tuple[dict[str, str], dict[str, str]]:
        """The two visits of ``pair``, in start order."""
        visits = sorted(
            (r for r in self.schedule if r["supervisor_id"] == self.pair and r["event"] == "visit"),
            key=lambda r: r["start"],
        )
        return visits[0], visits[1]

    def save(self) -> None:
        write_rows(self.result / "supervision.csv", self.supervision)
        write_rows(self.result / "schedule.csv", self.schedule)
        write_rows(self.instance / "supervisors.csv", self.supervisors)
        write_rows(self.instance / "commissions.csv", self.commissions)

    def check(self, lang: str = "en") -> tuple[int, str, str]:
        self.save()
        return _invoke("check", str(self.instance), "--result", str(self.result), "--lang", lang)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _move(row: dict[str, str], start: int, length: int) -> None:
    row["start"], row["end"] = _clock(start), _clock(start + length)


# -- one edit per rule: each returns the words check must print -----------------------------


def _no_supervisor(case: Case) -> str:
    team = case.lone[0]
    next(r for r in case.supervision if r["commission_id"] == team)["supervisor_id"] = ""
    return f"team {team} has no supervisor in supervision.csv"


def _two_supervisors(case: Case) -> str:
    team = case.lone[0]
    # A07 takes up to 3 teams and has 2 in the demo's plan: a second row naming A07 for
    # the team breaks "exactly one supervisor" and nothing else (A07 has room, no tie).
    assert Counter(r["supervisor_id"] for r in case.supervision)["A07"] == 2
    case.supervision.append({"commission_id": team, "supervisor_id": "A07", "expertise": "no"})
    return f"team {team} is on 2 rows of supervision.csv"


def _unknown_supervisor(case: Case) -> str:
    team = case.lone[0]
    for row in [*case.supervision, *case.schedule]:
        if row["commission_id"] == team:
            row["supervisor_id"] = "Z99"
    return f"the supervisor of team {team}, Z99, is not in supervisors.csv"


def _capacity(case: Case) -> str:
    next(r for r in case.supervisors if r["id"] == case.pair)["max_teams"] = "1"
    return "supervises 2 teams"


def _ties(case: Case) -> str:
    team = case.lone[0]
    case.supervisor_of(team)["ties"] = case.commission(team)["institution"]
    return f"team {team}, whose institution"


def _unavailable(case: Case) -> str:
    team = case.lone[0]
    slot = case.event(team, "oral")["slot"]
    case.supervisor_of(team)["unavailable"] = slot
    return f"is unavailable on {slot} but attends the oral defence of {team}"


def _oral_host(case: Case) -> str:
    # A lone team whose commission offers both oral days loses the one of its oral: the
    # selection's "one of the two oral days" still holds.
    team = next(t for t in case.lone if case.commission(t)["slots"].count("oral-") == 2)
    slot = case.event(team, "oral")["slot"]
    commission = case.commission(team)
    commission["slots"] = ";".join(s for s in commission["slots"].split(";") if s != slot)
    return f"the oral defence of {team} is on {slot}, but its institution"


def _oral_slot(case: Case) -> str:
    team = case.lone[0]
    row = case.event(team, "oral")
    row["slot"], row["date"] = "oral-2027-05-22", ""
    return f"the oral defence of {team} is on oral-2027-05-22, which is not an oral slot"


def _visit_slot(case: Case) -> str:
    team = case.lone[0]
    row = case.event(team, "visit")
    row["slot"], row["date"] = "visit-2026-11-20", ""
    return f"the visit of {team} is on visit-2026-11-20; visits are on visit-2026-11-19"


def _visit_window(case: Case) -> str:
    team = case.lone[0]
    # 12:00 + 90 minutes ends at 13:30, after the window's 13:00.
    _move(case.event(team, "visit"), 12 * 60, 90)
    return f"the visit of {team} runs 12:00–13:30, outside the visit window 09:00–13:00"


def _oral_window(case: Case) -> str:
    team = case.lone[0]
    _move(case.event(team, "oral"), 16 * 60 + 30, 60)
    return f"the oral defence of {team} runs 16:30–17:30, outside the oral window 09:00–17:00"


def _visit_length(case: Case) -> str:
    team = case.lone[0]
    _move(case.event(team, "visit"), 9 * 60, 60)
    return f"the visit of {team} lasts 60 minutes (09:00–10:00); a visit lasts 90 minutes"


def _oral_length(case: Case) -> str:
    team = case.lone[0]
    _move(case.event(team, "oral"), 9 * 60, 90)
    return f"the oral defence of {team} lasts 90 minutes (09:00–10:30)"


def _date(case: Case) -> str:
    team = case.lone[0]
    case.event(team, "visit")["date"] = "2026-11-20"
    # Each day as the report says it (session 14a), not the ISO text of schedule.csv.
    return (
        f"the visit of {team} is dated Friday 20 November 2026, but [calendar] dates gives "
        "Thursday 19 November 2026"
    )


def _event_supervisor(case: Case) -> str:
    team = case.lone[0]
    row = case.event(team, "oral")
    row["supervisor_id"] = case.pair  # the schedule names another (known) supervisor
    return f"the oral defence of {team} lists"


def _no_visit(case: Case) -> str:
    team = case.lone[0]
    case.schedule.remove(case.event(team, "visit"))
    return f"team {team} has no visit in schedule.csv"


def _no_oral(case: Case) -> str:
    team = case.lone[0]
    case.schedule.remove(case.event(team, "oral"))
    return f"team {team} has no oral defence in schedule.csv"


def _overlap(case: Case) -> str:
    first, second = case.pair_visits()
    _move(second, minutes_of(first["start"]) + 30, 90)
    return "is at two events at once on visit-2026-11-19"


def _towns(case: Case, first: str, second: str) -> tuple[dict[str, str], dict[str, str]]:
    """The pair's two visits, their commissions' towns set to ``first`` and ``second``."""
    a, b = case.pair_visits()
    case.commission(a["commission_id"])["town"] = first
    case.commission(b["commission_id"])["town"] = second
    return a, b


def _travel(case: Case) -> str:
    a, b = _towns(case, "Huy", "Arlon")
    # 10 minutes between two towns; travel_minutes is 45 (the default).
    _move(b, minutes_of(a["end"]) + 10, 90)
    return "has 10 minutes on visit-2026-11-19 between the visit of"


def _travel_town(case: Case) -> str:
    a, b = _towns(case, "Namur", "Namur")
    # 10 minutes between two institutions of Namur; same_town_minutes is 15.
    _move(b, minutes_of(a["end"]) + 10, 90)
    return "15 are needed between two institutions of Namur"


RULES: dict[str, Callable[[Case], str]] = {
    "one supervisor (none)": _no_supervisor,
    "one supervisor (two)": _two_supervisors,
    "supervisor in supervisors.csv": _unknown_supervisor,
    "max_teams": _capacity,
    "ties": _ties,
    "unavailable": _unavailable,
    "oral slot the commission has": _oral_host,
    "oral on an oral slot": _oral_slot,
    "visit on the visit slot": _visit_slot,
    "visit window": _visit_window,
    "oral window": _oral_window,
    "visit minutes": _visit_length,
    "oral minutes": _oral_length,
    "dates": _date,
    "event's supervisor": _event_supervisor,
    "one visit": _no_visit,
    "one oral": _no_oral,
    "one place at a time": _overlap,
    "travel between towns": _travel,
    "travel within a town": _travel_town,
}


def test_the_unedited_plan_holds_and_its_metrics_are_printed(
    demo_result: Path, tmp_path: Path
) -> None:
    """The plan `run` wrote keeps every rule; check prints the plan's priorities beside the
    solver's (summary.json) and its metrics, recomputed: they are equal, nothing was edited."""
    case = Case(demo_result, tmp_path)
    code, out, err = case.check()
    assert code == 0, err
    summary = json.loads((demo_result / "summary.json").read_text(encoding="utf-8"))
    solver = {o["name"]: o["value"] for o in summary["plan"]["objectives"]}
    assert "supervisors and calendar" in out
    travel_line = next(line for line in out.splitlines() if "total travel minutes (min)" in line)
    assert travel_line.split()[-2:] == [str(solver["travel"])] * 2
    assert "teams of the busiest supervisor" in out


@pytest.mark.parametrize("rule", sorted(RULES))
def test_each_rule_broken_alone_is_named(demo_result: Path, tmp_path: Path, rule: str) -> None:
    """Each edit breaks exactly its rule: exit 3, one broken rule, worded in the cohort's
    terms (team, supervisor, slot, times); nothing is written."""
    case = Case(demo_result, tmp_path)
    expected = RULES[rule](case)
    code, _, err = case.check()
    assert code == 3, err
    assert "breaks 1 rule:" in err, err
    assert expected in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(("towns", "gap"), [(("Huy", "Arlon"), 45), (("Namur", "Namur"), 15)])
def test_travel_time_exactly_left_holds(
    demo_result: Path, tmp_path: Path, towns: tuple[str, str], gap: int
) -> None:
    """The feasible twin of the travel rules: the second visit starting exactly the travel
    time after the first ends (45 minutes between towns, 15 within one) keeps the rule."""
    case = Case(demo_result, tmp_path)
    a, b = _towns(case, *towns)
    _move(b, minutes_of(a["end"]) + gap, 90)
    code, _, err = case.check()
    assert code == 0, err


def test_french(demo_result: Path, tmp_path: Path) -> None:
    """The broken rule is worded in French with --lang fr."""
    case = Case(demo_result, tmp_path)
    team = case.lone[0]
    _move(case.event(team, "visit"), 12 * 60, 90)
    code, _, err = case.check("fr")
    assert code == 3
    assert f"la visite de {team} a lieu de 12:00 à 13:30, hors de la plage des visites" in err


def test_a_result_without_plan_files_is_checked_as_before(
    demo_result: Path, tmp_path: Path
) -> None:
    """Without supervision.csv and schedule.csv nothing is said about stage 3 (nor with a
    result.xlsx beside the teams: its Schedule sheet is a plan, checked since session 18)."""
    case = Case(demo_result, tmp_path)
    (case.result / "supervision.csv").unlink()
    (case.result / "schedule.csv").unlink()
    (case.result / "result.xlsx").unlink()
    code, out, err = _invoke("check", str(case.instance), "--result", str(case.result))
    assert code == 0, err
    assert "supervisors and calendar" not in out


def test_teams_changed_by_hand_under_an_old_plan(demo_result: Path, tmp_path: Path) -> None:
    """A director swaps a selected commission for an eligible unselected one (selection.csv
    and teams.csv) but keeps the old plan files: check names the commission the plan still
    plans, the team it does not, and says to run `matcher plan` again."""
    case = Case(demo_result, tmp_path)
    selection = read_rows(case.result / "selection.csv")
    chosen = {r["institution"] for r in selection if r["selected"] == "yes"}
    old = next(r for r in selection if r["selected"] == "yes")
    new = next(
        r
        for r in selection
        if r["selected"] == "no" and r["eligible"] == "yes" and r["institution"] not in chosen
    )
    old["selected"], new["selected"] = "no", "yes"
    write_rows(case.result / "selection.csv", selection)
    teams = read_rows(case.result / "teams.csv")
    for row in teams:
        if row["commission_id"] == old["id"]:
            row["commission_id"] = new["id"]
    write_rows(case.result / "teams.csv", teams)
    code, _, err = case.check()
    assert code == 3
    assert f"plan {old['id']}, which is not a team of this result" in err
    assert f"team {new['id']} has neither a supervisor nor events" in err
    assert "run matcher plan again" in err


def test_report_lists_plan_breaks_first_and_rewrites_the_plan(
    demo_result: Path, tmp_path: Path
) -> None:
    """report: exit 3 with outputs; summary.json's broken_rules holds the plan's break, and
    its priorities the plan's values beside the solver's; the edited plan is written."""
    case = Case(demo_result, tmp_path)
    team = case.lone[0]
    _move(case.event(team, "visit"), 12 * 60, 90)
    case.save()
    out = tmp_path / "report"
    code, _, err = _invoke(
        "report", str(case.instance), "--result", str(case.result), "--out", str(out)
    )
    assert code == 3, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["broken_rules"] == [
        f"the visit of {team} runs 12:00–13:30, outside the visit window 09:00–13:00 "
        "([calendar] visit_window)"
    ]
    assert {p["name"] for p in summary["priorities"] if p["stage"] == "plan"} == {
        "expertise",
        "load",
        "travel",
    }
    assert any(r["start"] == "12:00" for r in read_rows(out / "schedule.csv"))
    # The re-rendered result is read back the same: its plan still breaks that one rule.
    code, _, err = _invoke("check", str(case.instance), "--result", str(out))
    assert code == 3 and "breaks 1 rule:" in err


@pytest.mark.parametrize(
    ("file", "edit", "where"),
    [
        ("schedule.csv", {"commission_id": "C99"}, "schedule.csv, row 2, column 'commission_id'"),
        ("schedule.csv", {"start": "9h75"}, "schedule.csv, row 2, column 'start'"),
        ("schedule.csv", {"event": "lunch"}, "schedule.csv, row 2, column 'event'"),
        ("schedule.csv", {"date": "someday"}, "schedule.csv, row 2, column 'date'"),
        ("supervision.csv", {"commission_id": "C99"}, "supervision.csv, row 2"),
    ],
)
def test_bad_plan_files_are_invalid_input(
    demo_result: Path, tmp_path: Path, file: str, edit: dict[str, str], where: str
) -> None:
    """An unknown commission, a time that is not HH:MM, an event other than visit/oral, a
    date that is not a date: exit 2 naming file, row and column; nothing written."""
    case = Case(demo_result, tmp_path)
    rows = case.schedule if file == "schedule.csv" else case.supervision
    rows[0].update(edit)
    code, _, err = case.check()
    assert code == 2, err
    assert where in err
    assert "Traceback" not in err


def test_a_missing_column_and_a_missing_file(demo_result: Path, tmp_path: Path) -> None:
    """schedule.csv without its `end` column, then without schedule.csv at all: exit 2."""
    case = Case(demo_result, tmp_path)
    for row in case.schedule:
        del row["end"]
    code, _, err = case.check()
    assert code == 2 and "schedule.csv" in err and "end" in err
    (case.result / "schedule.csv").unlink()
    code, _, err = _invoke("check", str(case.instance), "--result", str(case.result))
    assert code == 2 and "schedule.csv" in err and "supervision.csv" in err


def test_a_plan_without_supervisors_csv(demo_result: Path, tmp_path: Path) -> None:
    """A result with a plan checked against an instance without supervisors.csv: exit 2,
    saying the plan cannot be checked (never silently skipped)."""
    case = Case(demo_result, tmp_path)
    (case.instance / "supervisors.csv").unlink()
    code, _, err = _invoke("check", str(case.instance), "--result", str(case.result))
    assert code == 2
    assert "no supervisors.csv" in err


def test_times_and_dates_as_a_spreadsheet_saves_them(demo_result: Path, tmp_path: Path) -> None:
    """Times re-saved as 9:00 or 09:00:00, day-first dates, and no date column at all (the
    calendar's dates then) are read as the plan `run` wrote: every rule still holds."""
    case = Case(demo_result, tmp_path)
    for row in case.schedule:
        row["start"] = row["start"].lstrip("0") if row["start"] < "10:00" else row["start"]
        row["end"] = row["end"] + ":00"
        year, month, day = row["date"].split("-")
        row["date"] = f"{int(day)}/{month}/{year}"
    code, _, err = case.check()
    assert code == 0, err
    for row in case.schedule:
        del row["date"]
    code, _, err = case.check()
    assert code == 0, err


def test_a_what_if_result_is_held_to_its_supervisors(demo_result: Path, tmp_path: Path) -> None:
    """After `whatif --withdraw-supervisor A07` the new plan holds (six supervisors, so the
    default max_teams is ceil(10 / 6) = 2); a team given back to A07 by hand breaks the
    rule that its supervisor exists, said as a withdrawal."""
    case = Case(demo_result, tmp_path)
    after = tmp_path / "after"
    code, _, err = _invoke(
        "whatif",
        str(case.instance),
        "--from",
        str(demo_result),
        "--out",
        str(after),
        "--withdraw-supervisor",
        "A07",
        "--workers",
        "1",
        "--quiet",
    )
    assert code == 0, err
    code, _, err = _invoke("check", str(case.instance), "--result", str(after))
    assert code == 0, err
    supervision = read_rows(after / "supervision.csv")
    supervision[0]["supervisor_id"] = "A07"
    write_rows(after / "supervision.csv", supervision)
    code, _, err = _invoke("check", str(case.instance), "--result", str(after))
    assert code == 3
    team = supervision[0]["commission_id"]
    assert f"the supervisor of team {team}, Jérôme Wauters (A07), was withdrawn" in err
