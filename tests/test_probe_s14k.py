"""What a probe of the machine-readable outputs, parsed as an acceptance checker parses them
(contract §3, §6, §8, §9, §11 and "Faults"), found in session 14 (k).

Every command that writes files (select, assign, run, whatif of each kind of change,
report of a clean and of a broken edit, plan, explain --out, the workbench's Save after a
run, a move and a what-if) was run on hand-written cohorts (supervisors.csv and dates; pairs,
pins, students without choices; French headers and ``;``; choice columns; ids with spaces
and slashes; slots that are dates; formula-like cells), in French and in English, and each
folder was read by a strict checker (``check_outputs`` below): summary.json's keys and JSON
types (no NaN or Infinity), every settings key, each stage's status, time and objectives,
every metric of the example and ``swap_pairs``, ``lang``, ``changes``, ``broken_rules``;
each CSV's exact columns in order, its BOM, yes/no flags, no "None"/"nan", contiguous
reserve ranks, written choice ranks; schedule times within the windows and ISO dates;
calendar.ics parsed by icalendar and read as RFC 5545 (CRLF, folded lines ≤ 75 octets,
VERSION/PRODID, DTSTAMP, TZID Europe/Brussels with its VTIMEZONE, one VEVENT per dated row,
unique UIDs stable over two runs); report.html naming no other host; result.xlsx opened by
openpyxl with the sheets named in the reader's language; metrics agreeing with the files.
All of that held (the first test keeps the harness). What was wrong:

1. calendar.ics gave one UID to the events of commissions whose ids differ only in
   characters a UID does not keep: ids ``A 1``, ``A-1`` and ``A/1`` all gave
   ``visit-A-1@…``, so a calendar importing the file kept one visit of three (and one oral
   of two). The id is percent-encoded now (``visit-A%201@…``, ``visit-A%2F1@…``); a plain
   id's UID is unchanged (``visit-C1@…``).
"""

from __future__ import annotations

import collections
import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pytest
from cohortfiles import invoke, write_cohort
from webrun import solved_workbench

STATUSES = {"OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"}
SETTINGS_KEYS = {
    "selection": [
        "count",
        "max_per_institution",
        "required_slots",
        "any_slots",
        "include",
        "exclude",
        "priorities",
    ],
    "teams": [
        "min_size",
        "max_size",
        "balance",
        "no_isolation",
        "conflict_of_interest",
        "priorities",
    ],
    "solver": ["time_limit", "seed", "workers"],
}
PLAN_SETTINGS_KEYS = {
    "supervision": ["max_teams", "priorities"],
    "calendar": [
        "visit_slot",
        "visit_window",
        "visit_minutes",
        "oral_slots",
        "oral_window",
        "oral_minutes",
        "travel_minutes",
        "same_town_minutes",
        "dates",
    ],
}
SELECTION_METRICS = ["count", "distinct_sectors", "distinct_problem_types", "max_per_sector"]
TEAM_COUNTS = [
    "students",
    "size_min",
    "size_max",
    "balance_violations",
    "unlisted",
    "first_choice_unavailable",
    "conflicts_of_interest",
    "pair_violations",
]
TEAM_SHARES = ["first_choice_share", "best_available_share", "top3_share", "listed_share"]
COLUMNS = {
    "selection.csv": "id,institution,sector,problem_type,eligible,selected,reserve_rank,reason",
    "teams.csv": (
        "student_id,name,commission_id,institution,choice_rank,background,vae,employed,gender,"
        "choices"
    ),
    "changes.csv": "student_id,from_commission,to_commission",
    "explanations.csv": (
        "student_id,commission_id,wanted,wanted_rank,verdict,priority,value,value_if,displaced,"
        "reason"
    ),
    "supervision.csv": "commission_id,supervisor_id,expertise",
    "schedule.csv": "event,commission_id,institution,town,supervisor_id,slot,date,start,end",
}
VERDICTS = {"impossible", "free", "costs", "unknown"}
EMPTY_WORDS = {"None", "none", "nan", "NaN", "null", "<NA>", "NaT"}


def _refuse_constant(word: str) -> Any:
    raise AssertionError(f"summary.json holds {word}, which is not JSON")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_output(path: Path) -> list[dict[str, str]]:
    """A CSV output read strictly: its BOM, its exact columns in order, full rows, no
    placeholder word for an empty cell."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert ",".join(rows[0]) == COLUMNS[path.name], (path.name, rows[0])
    for number, row in enumerate(rows[1:], start=2):
        assert len(row) == len(rows[0]), (path.name, number, row)
        assert not EMPTY_WORDS & set(row), (path.name, number, row)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _check_stage(name: str, stage: object) -> None:
    assert isinstance(stage, dict), (name, stage)
    assert stage["status"] in STATUSES, (name, stage)
    assert _is_number(stage["time_s"]), (name, stage)
    assert isinstance(stage["objectives"], list), (name, stage)
    for objective in stage["objectives"]:
        assert isinstance(objective["name"], str), (name, objective)
        assert _is_number(objective["value"]), (name, objective)
        assert objective["bound"] is None or _is_number(objective["bound"]), (name, objective)


def check_outputs(
    out: Path,
    lang: str,
    *,
    teams: bool = True,
    plan: bool = False,
    whatif: bool = False,
    broken: bool = False,
) -> dict[str, Any]:
    """Every output of ``out`` read as an acceptance checker reads it (module docstring);
    returns summary.json."""
    summary = json.loads((out / "summary.json").read_text("utf-8"), parse_constant=_refuse_constant)
    for key, kind in (("matcher_version", str), ("instance", str), ("settings", dict)):
        assert isinstance(summary[key], kind), (key, summary.get(key))
    assert _is_int(summary["seed"]) and summary["lang"] == lang
    assert summary.get("interrupted", False) is False
    sections = {**SETTINGS_KEYS, **(PLAN_SETTINGS_KEYS if plan else {})}
    for section, keys in sections.items():
        missing = set(keys) - set(summary["settings"][section])
        assert not missing, (section, missing)
    for stage in ("selection", *(("teams",) if teams else ()), *(("plan",) if plan else ())):
        _check_stage(stage, summary[stage])
    metrics = summary["metrics"]
    assert all(_is_int(metrics["selection"][key]) for key in SELECTION_METRICS), metrics
    selection = read_output(out / "selection.csv")
    for row in selection:
        assert row["eligible"] in {"yes", "no"} and row["selected"] in {"yes", "no"}, row
        assert row["reason"], row
        if row["reserve_rank"]:
            assert row["eligible"] == "yes" and row["selected"] == "no", row
    ranks = sorted(int(row["reserve_rank"]) for row in selection if row["reserve_rank"])
    assert ranks == list(range(1, len(ranks) + 1)), ranks
    selected = {row["id"] for row in selection if row["selected"] == "yes"}
    assert metrics["selection"]["count"] == len(selected)
    if teams:
        figures = metrics["teams"]
        assert all(_is_int(figures[key]) for key in TEAM_COUNTS), figures
        for key in TEAM_SHARES:
            assert figures[key] is None or (_is_number(figures[key]) and 0 <= figures[key] <= 1)
        assert figures["worst_choice"] is None or _is_int(figures["worst_choice"])
        assert isinstance(figures["swap_pairs"], list)
        members = read_output(out / "teams.csv")
        assert figures["students"] == len(members)
        for row in members:
            # Empty: students.csv has no such column, unknown (session 35).
            assert row["vae"] in {"yes", "no", ""} and row["employed"] in {"yes", "no", ""}, row
            assert row["commission_id"] in selected, row
            written = row["choices"].split(";") if row["choices"] else []
            rank = (
                written.index(row["commission_id"]) + 1 if row["commission_id"] in written else ""
            )
            assert row["choice_rank"] == str(rank), row
        _check_figures(figures, members, selected)
        if (out / "explanations.csv").exists():
            for row in read_output(out / "explanations.csv"):
                assert row["verdict"] in VERDICTS, row
                if row["verdict"] == "costs":
                    # a what-if's result: its moves first (contract §6, session 27)
                    allowed = ["moves"] * whatif + summary["settings"]["teams"]["priorities"]
                    assert row["priority"] in allowed, row
                    float(row["value"]), float(row["value_if"]), int(row["displaced"])
    if whatif:
        changes = summary["changes"]
        assert _is_int(changes["moves"]) and isinstance(changes["replaced"], dict), changes
        read_output(out / "changes.csv")
    if broken:
        assert summary["broken_rules"] and all(isinstance(r, str) for r in summary["broken_rules"])
    else:
        assert not summary.get("broken_rules")
    if plan:
        _check_plan(out, summary["settings"]["calendar"])
    page = (out / "report.html").read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?(https?:)?//|@import""", page, re.I)
    sheets = openpyxl.load_workbook(out / "result.xlsx").sheetnames
    words = (
        ("Summary", "Selection", "Students")
        if lang == "en"
        else ("Résumé", "Sélection", "Étudiants")
    )
    assert set(words[: 3 if teams else 2]) <= set(sheets), sheets
    return summary  # type: ignore[no-any-return]


def _check_figures(
    figures: dict[str, Any], members: list[dict[str, str]], selected: set[str]
) -> None:
    """metrics.teams as teams.csv shows them (§5's definitions, over students with choices)."""
    sizes = collections.Counter(row["commission_id"] for row in members)
    assert (figures["size_min"], figures["size_max"]) == (min(sizes.values()), max(sizes.values()))
    wrote = [row for row in members if row["choices"]]
    ranks = [row["choice_rank"] for row in wrote]
    assert figures["unlisted"] == ranks.count("")
    first = [row["choices"].split(";")[0] for row in wrote]
    assert figures["first_choice_unavailable"] == sum(c not in selected for c in first)
    best = sum(
        [c for c in row["choices"].split(";") if c in selected][:1] == [row["commission_id"]]
        for row in wrote
    )
    counts = {
        "first_choice_share": ranks.count("1"),
        "top3_share": sum(rank in {"1", "2", "3"} for rank in ranks),
        "listed_share": sum(rank != "" for rank in ranks),
        "best_available_share": best,
    }
    for key, count in counts.items():
        if wrote:
            assert figures[key] == pytest.approx(count / len(wrote), abs=1e-3), key
        else:
            assert figures[key] is None, key


def _check_plan(out: Path, calendar: dict[str, Any]) -> None:
    for row in read_output(out / "supervision.csv"):
        assert row["expertise"] in {"yes", "no"}, row
    schedule = read_output(out / "schedule.csv")
    for row in schedule:
        assert row["event"] in {"visit", "oral"}, row
        if row["date"]:
            datetime.date.fromisoformat(row["date"])
        assert re.fullmatch(r"\d\d:\d\d", row["start"]) and re.fullmatch(r"\d\d:\d\d", row["end"])
        low, high = calendar["visit_window" if row["event"] == "visit" else "oral_window"]
        assert low <= row["start"] < row["end"] <= high, row
    dated = [row for row in schedule if row["date"]]
    if dated:
        check_calendar((out / "calendar.ics").read_bytes(), len(dated))


def check_calendar(data: bytes, events: int) -> list[str]:
    """calendar.ics read as RFC 5545 (module docstring); its UIDs in order."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets …
        line.decode("utf-8")  # … never inside a character
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.get("VERSION") and calendar.get("PRODID")
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    found = list(calendar.walk("VEVENT"))
    assert len(found) == events
    for event in found:
        assert event.get("DTSTAMP") is not None
        for key in ("DTSTART", "DTEND"):
            value = event[key]
            zone = value.params.get("TZID")
            if zone:
                assert zone == "Europe/Brussels" and zone in zones
            else:
                assert value.dt.utcoffset() == datetime.timedelta(0)
    uids = [str(event["UID"]) for event in found]
    assert len(set(uids)) == len(uids), uids
    return uids


COMMISSIONS = """id,institution,sector,problem_type,title,slots,priority,town
C1,AMO Alpha,jeunesse,évaluation,Q1,visit;oral_thu,3,Namur
C2,CPAS Beta,CPAS,diagnostic,Q2,visit;oral_fri,2,Liège
C3,Gamma asbl,handicap,étude,=SUM(A1),visit;oral_thu;oral_fri,2,Namur
C4,CPAS Beta,jeunesse,diagnostic,Q4,visit;oral_thu,5,
C5,Delta,santé,évaluation,Q5,visit;oral_fri,1,Mons
C6,Epsilon,CPAS,étude,Q6,oral_thu,0,Mons
"""
STUDENTS = """id,name,background,vae,employed,employer,gender,experience_years,choices,pinned
S1,Ana,AS,yes,yes,Delta,F,3,C1;C2;C3,
S2,Bea,AS,no,no,,F,0,C2;C1,
S3,Cid,educ,no,yes,Epsilon,M,5,C3;C1,
S4,Dan,educ,yes,no,,M,1,C1;C3,
S5,Eve,GRH,no,no,,F,,,
S6,Fay,AS,no,yes,CPAS Beta,F,2,C3;C2,
S7,Gus,educ,no,no,,M,0.5,C2;C5,
S8,Hal,GRH,yes,no,,M,4,C1;C2;C3,C1
S9,Ivy,AS,no,no,,F,1,C5;C6;C2,
S10,Jo,educ,no,yes,Zeta,X,7,,
"""
COHORT = {
    "commissions.csv": COMMISSIONS,
    "students.csv": STUDENTS,
    "pairs.csv": "student_a,student_b,relation\nS2,S7,together\nS3,S4,apart\n",
    "supervisors.csv": (
        "id,name,max_teams,sectors,ties,unavailable\n"
        "P1,Paula,2,jeunesse;CPAS,,\nP2,Quentin,,handicap,AMO Alpha,\nP3,Rita,1,santé,,oral_fri\n"
    ),
    "settings.toml": (
        '[selection]\ncount = 3\nrequired_slots = ["visit"]\n'
        '[teams]\nno_isolation = ["vae=yes"]\n'
        '[calendar]\ndates = { visit = "2026-10-09", oral_thu = "2027-04-15", '
        'oral_fri = "2027-04-16" }\n'
    ),
}
ARRIVALS = """id,name,background,vae,employed,employer,gender,experience_years,choices
S11,Kim,AS,no,no,,F,1,C3;C1
S12,Lee,GRH,yes,no,,M,2,
"""


def _edited(result: Path, folder: Path, moves: dict[str, tuple[str, str]]) -> Path:
    """A copy of ``result``'s CSV files and summary with ``moves`` (student → commission,
    institution) made in teams.csv as a director would (the workbook left out)."""
    folder.mkdir()
    for path in result.iterdir():
        if path.suffix in {".csv", ".json"}:
            (folder / path.name).write_bytes(path.read_bytes())
    rows = read_output(folder / "teams.csv")
    for row in rows:
        if row["student_id"] in moves:
            row["commission_id"], row["institution"] = moves[row["student_id"]]
            written = row["choices"].split(";")
            row["choice_rank"] = (
                str(written.index(row["commission_id"]) + 1)
                if row["commission_id"] in written
                else ""
            )
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS["teams.csv"].split(","), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "teams.csv").write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode())
    return folder


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_output_parses_strictly(tmp_path: Path, lang: str) -> None:
    # §3: "summary.json holds at least: …"; "Status is one of OPTIMAL, FEASIBLE,
    # INFEASIBLE, UNKNOWN"; selection.csv "`eligible`/`selected` are yes/no; `reserve_rank`
    # 1, 2, … for eligible proposals not selected"; teams.csv "`choice_rank` = position of
    # the commission in the student's choices as the student wrote them"; §6 "DIR2 receives
    # the usual outputs plus changes.csv … and summary.json gains "changes""; §8 "summary.json
    # has "broken_rules": [...] and the exit status is 3"; §11 "calendar.ics (RFC 5545, one
    # event per row of schedule.csv that has a date …)".
    folder = write_cohort(tmp_path / "cohort", COHORT)
    (tmp_path / "arrivals.csv").write_text(ARRIVALS, encoding="utf-8")
    common = [str(folder), "--lang", lang]
    ran, chosen = tmp_path / "run", tmp_path / "select"
    assert invoke(["run", *common, "--out", str(ran)])[0] == 0
    summary = check_outputs(ran, lang, plan=True)
    assert summary["selection"]["status"] == "OPTIMAL"
    uids = check_calendar((ran / "calendar.ics").read_bytes(), 6)
    assert "visit-C1@2026-2027.cohort.matcher" in uids  # a plain id's UID as before
    assert invoke(["run", *common, "--out", str(tmp_path / "again")])[0] == 0
    assert check_calendar((tmp_path / "again" / "calendar.ics").read_bytes(), 6) == uids
    assert invoke(["select", *common, "--out", str(chosen)])[0] == 0
    check_outputs(chosen, lang, teams=False)
    selection = str(chosen / "selection.csv")
    assert (
        invoke(["assign", *common, "--selection", selection, "--out", str(tmp_path / "a")])[0] == 0
    )
    check_outputs(tmp_path / "a", lang, plan=True)
    changes = {
        "replace": ["--withdraw-commission", "C2"],
        "no-replace": ["--withdraw-commission", "C2", "--no-replace"],
        "student": ["--withdraw-student", "S3"],
        "arrivals": ["--add-students", str(tmp_path / "arrivals.csv")],
        "supervisor": ["--withdraw-supervisor", "P3"],
        "all": ["--withdraw-commission", "C1", "--withdraw-student", "S2", "--add-students",
                str(tmp_path / "arrivals.csv"), "--withdraw-supervisor", "P1"],
    }  # fmt: skip
    for name, change in changes.items():
        out = tmp_path / f"whatif-{name}"
        assert invoke(["whatif", *common, "--from", str(ran), "--out", str(out), *change])[0] == 0
        check_outputs(out, lang, plan=True, whatif=True)
    out = tmp_path / "whatif-before-teams"
    change = ["--withdraw-commission", "C2"]
    assert invoke(["whatif", *common, "--from", str(chosen), "--out", str(out), *change])[0] == 0
    assert check_outputs(out, lang, teams=False, whatif=True)["changes"]["replaced"] == {"C2": "C5"}
    assert invoke(["plan", *common, "--result", str(ran), "--out", str(tmp_path / "p")])[0] == 0
    check_outputs(tmp_path / "p", lang, plan=True)
    assert invoke(["report", *common, "--result", str(ran), "--out", str(tmp_path / "r")])[0] == 0
    check_outputs(tmp_path / "r", lang, plan=True)
    broken = _edited(ran, tmp_path / "broken", {"S3": ("C1", "AMO Alpha")})
    args = ["report", *common, "--result", str(broken), "--out", str(tmp_path / "rb")]
    assert invoke(args)[0] == 3
    check_outputs(tmp_path / "rb", lang, plan=True, broken=True)
    costly = {"S10": ("C3", "Gamma asbl"), "S6": ("C1", "AMO Alpha")}
    edited = _edited(ran, tmp_path / "edited", costly)
    assert (
        invoke(["explain", *common, "--result", str(edited), "--out", str(tmp_path / "e")])[0] == 0
    )
    verdicts = read_output(tmp_path / "e" / "explanations.csv")
    assert [(row["wanted"], row["verdict"]) for row in verdicts] == [
        ("C3", "free"),
        ("C2", "impossible"),
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_workbench_save_parses_strictly(tmp_path: Path, lang: str) -> None:
    # §10: "Saving writes the section 3 outputs into DIR, so `matcher check INSTANCE
    # --result DIR` accepts what the director saved (and exits 3 listing broken rules if
    # they saved a broken result on purpose)".
    folder = write_cohort(tmp_path / "cohort", COHORT)
    out = tmp_path / "saved"
    client, _ = solved_workbench(folder, out, lang=lang, explain=True)
    assert client.post("/save").status_code == 200
    check_outputs(out, lang, plan=True)
    assert client.post("/move", data={"student": "S3", "team": "C1"}).status_code == 200
    assert client.post("/save").status_code == 200
    check_outputs(out, lang, plan=True, broken=True)
    assert invoke(["check", str(folder), "--result", str(out), "--lang", lang])[0] == 3
    assert client.post("/whatif", data={"commission": "C2"}).status_code == 200
    client.post("/whatif/accept")
    assert client.post("/save").status_code == 200
    check_outputs(out, lang, plan=True, whatif=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_calendar_uids_differ_for_ids_a_uid_cannot_spell(tmp_path: Path, lang: str) -> None:
    # §11: "calendar.ics (RFC 5545, one event per row of schedule.csv that has a date;
    # importable in Outlook and Google Calendar)": a calendar keeps one event per UID, so
    # ids 'A 1', 'A-1' and 'A/1' (three visits, two dated orals) need five UIDs, the same on
    # every run. Before: all of them 'visit-A-1@…' or 'oral-A-1@…'.
    files = {
        "commissions.csv": (
            "id,institution,sector,problem_type,slots,town\n"
            "A 1,AMO Un,jeunesse,évaluation,visite;oral_jeu,Namur\n"
            "A-1,CPAS Deux,CPAS,diagnostic,visite;oral_jeu,Liège\n"
            "A/1,Trois asbl,handicap,étude,visite;oral_ven,\n"
        ),
        "students.csv": (
            "id,background,choices\ns1,AS,A 1\ns2,éduc,A-1\ns3,AS,A/1\n"
            "s4,éduc,\ns5,AS,A 1\ns6,GRH,A/1\n"
        ),
        "supervisors.csv": "id,name\nP1,Zoé\nP2,Yann\nP3,Xavier\n",
        "settings.toml": (
            '[selection]\ncount = 3\n[calendar]\nvisit_slot = "visite"\n'
            'oral_slots = ["oral_jeu", "oral_ven"]\n'
            'dates = { visite = "2026-10-09", oral_jeu = "2027-04-15" }\n'
        ),
    }
    folder = write_cohort(tmp_path / "cohort", files)
    found = []
    for out in (tmp_path / "first", tmp_path / "second"):
        assert invoke(["run", str(folder), "--out", str(out), "--lang", lang])[0] == 0
        check_outputs(out, lang, plan=True)
        found.append(check_calendar((out / "calendar.ics").read_bytes(), 5))
    assert found[0] == found[1]
    assert len(set(found[0])) == 5
