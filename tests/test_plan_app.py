"""Stage 3 in the cohort's terms (matcher.planning, matcher plan): supervisors.csv, diagnoses
in English and French, calendar.ics parsed back, settings, the command end to end."""

from __future__ import annotations

import datetime
import itertools
import json
import shutil
from dataclasses import replace
from pathlib import Path

import icalendar
import numpy as np
import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.errors import InputError
from matcher.generate import (
    generate_supervisors,
    town_of,
)
from matcher.loading import load_instance, load_settings
from matcher.loading.supervisors import read_supervisors
from matcher.outputs.calendar import calendar_ics, earlier_events
from matcher.planning import build_plan_data, plan_teams
from matcher.schemas import Commission, Instance, Settings, Supervisor
from models.outcome import SolveParams, Status

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"
PARAMS = SolveParams(time_limit=30.0)


def _instance(*commissions: Commission, **calendar: object) -> Instance:
    settings = Settings.model_validate(
        {"calendar": {"dates": {"visit": "2026-10-09", "oral_fri": "2027-04-16"}, **calendar}}
    )
    return Instance(name="cohort", commissions=commissions, settings=settings)


def _commission(cid: str, institution: str, town: str | None = None, **more: object) -> Commission:
    return Commission.model_validate(
        {
            "id": cid,
            "institution": institution,
            "sector": "logement",
            "problem_type": "évaluation",
            "town": town,
            **more,
        }
    )


# -- supervisors.csv -------------------------------------------------------------------------


def test_french_export_is_read(tmp_path: Path) -> None:
    """A French Excel export (semicolons, BOM, accented headers, decimal comma in a whole
    number) of accompagnateurs.csv reads into supervisors with lists split on ';'."""
    path = tmp_path / "accompagnateurs.csv"
    text = (
        "Identifiant;Nom;Équipes max;Secteurs;Liens;Indisponible\n"
        'A1;Anne Lambert;2,0;"logement, santé mentale";CPAS de Namur;oral_fri\n'
        "A2;Marc Denis;;handicap;;\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    supervisors = read_supervisors(path)
    assert [s.id for s in supervisors] == ["A1", "A2"]
    assert supervisors[0].max_teams == 2
    assert supervisors[0].sectors == ("logement", "santé mentale")
    assert supervisors[0].ties == ("CPAS de Namur",)
    assert supervisors[0].unavailable == ("oral_fri",)
    assert supervisors[1].max_teams is None


def test_bad_supervisors_name_file_row_column(tmp_path: Path) -> None:
    """A max_teams of 0, a text in it and a duplicate id: every problem names file, row and
    column."""
    path = tmp_path / "supervisors.csv"
    path.write_text("id,name,max_teams\nA1,Anne,0\nA2,Marc,deux\nA1,Luc,1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_supervisors(path)
    where = {(p.file, p.row, p.column) for p in caught.value.problems}
    assert where == {
        ("supervisors.csv", 2, "max_teams"),
        ("supervisors.csv", 3, "max_teams"),
        ("supervisors.csv", 4, "id"),
    }


def test_missing_id_column(tmp_path: Path) -> None:
    """Without an id column the problem is on the header row, naming the accepted aliases."""
    path = tmp_path / "supervisors.csv"
    path.write_text("nom\nAnne\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_supervisors(path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (1, "id")
    assert "identifiant" in str(problem.message)


# -- settings ---------------------------------------------------------------------------------


def test_settings_sections_are_validated(tmp_path: Path) -> None:
    """[calendar] and [supervision]: an unknown key, a time not HH:MM, an unknown priority and
    a visit longer than its window are each refused naming the key."""
    path = tmp_path / "settings.toml"
    cases = {
        "[calendar]\nvisit_windw = ['09:00', '13:00']\n": "calendar.visit_windw",
        "[calendar]\nvisit_window = ['midi', '13:00']\n": "calendar.visit_window",
        "[supervision]\npriorities = ['expertise', 'speed']\n": "supervision.priorities",
        "[calendar]\nvisit_minutes = 300\n": "calendar.visit_minutes",
        "[supervision]\nmax_teams = -1\n": "supervision.max_teams",
    }
    for text, key in cases.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_settings(path)
        assert caught.value.problems[0].column == key, text


def test_default_settings_are_the_contracts() -> None:
    """Defaults of §11: ceil(K/S) teams, 9:00–13:00 visits of 90 minutes, two oral days."""
    settings = Settings()
    assert settings.supervision.max_teams == 0
    assert settings.supervision.priorities == ("expertise", "load", "travel")
    assert settings.calendar.visit_range == (540, 780)
    assert settings.calendar.oral_slots == ("oral_thu", "oral_fri")


# -- from the cohort to indices --------------------------------------------------------------


def test_build_folds_names_and_slots() -> None:
    """Ties, sectors and slots compare folded; an unknown town is a town of its own; the
    default capacity is ceil(K / S)."""
    instance = _instance(
        _commission("C1", "CPAS de Namur", "Namur", slots=("ORAL_FRI",)),
        _commission("C2", "Lire et Écrire Liège", None),
        _commission("C3", "ASBL Le Pont", None),
    )
    supervisors = [
        Supervisor(
            id="A", ties=("cpas de  namur",), sectors=("Logement",), unavailable=("Oral_Thu",)
        ),
        Supervisor(id="B", max_teams=1),
    ]
    data, _ = build_plan_data(instance, ["C1", "C2", "C3"], supervisors)
    assert data.allowed.tolist() == [[False, True], [True, True], [True, True]]
    assert data.expert[:, 0].all() and not data.expert[:, 1].any()
    assert data.unavailable.tolist() == [[False, True, False], [False, False, False]]
    assert data.oral_allowed.tolist() == [[False, True], [True, True], [True, True]]
    assert len(set(data.town.tolist())) == 3
    assert data.capacity.tolist() == [2, 1]


# -- diagnoses --------------------------------------------------------------------------------


def test_oral_day_diagnosis_in_both_languages() -> None:
    """C15's institution hosts only on Friday and the one supervisor is away on Friday."""
    instance = _instance(_commission("C15", "CPAS de Namur", "Namur", slots=("oral_fri",)))
    supervisors = [Supervisor(id="A1", name="Anne Lambert", unavailable=("oral_fri",))]
    en = plan_teams(instance, ["C15"], supervisors, PARAMS, "en")
    assert en.stage.status == Status.INFEASIBLE
    assert en.stage.diagnosis[0] == (
        "no supervisor is available on oral_fri for C15, whose institution (CPAS de Namur) "
        "can only host the oral on oral_fri"
    )
    assert en.stage.diagnosis[1] == "Anne Lambert is unavailable on oral_fri"
    fr = plan_teams(instance, ["C15"], supervisors, PARAMS, "fr")
    assert fr.stage.diagnosis[0].startswith(
        "aucun·e accompagnateur·rice n'est disponible au créneau oral_fri pour C15"
    )


def test_commission_without_any_oral_slot_is_named() -> None:
    """C03's slots hold only a visit date: none of the oral slots is offered, so no plan
    exists whatever the supervisors; the diagnosis says so instead of "available on  for C03"
    (an empty list of slots)."""
    instance = _instance(_commission("C03", "Les Goélands", "Liège", slots=("visit",)))
    supervisors = [Supervisor(id="A1", name="Anne Lambert")]
    en = plan_teams(instance, ["C03"], supervisors, PARAMS, "en")
    assert en.stage.status == Status.INFEASIBLE
    assert en.stage.diagnosis[0] == (
        "C03 (Les Goélands) has none of the oral slots (oral_thu or oral_fri) in its column "
        "'slots' of commissions.csv: its team cannot defend; add one of them there or set "
        "[calendar] oral_slots"
    )
    fr = plan_teams(instance, ["C03"], supervisors, PARAMS, "fr")
    assert fr.stage.diagnosis[0].startswith(
        "C03 (Les Goélands) n'a aucun des créneaux de soutenance (oral_thu ou oral_fri)"
    )
    assert all(" le  " not in line and "on  " not in line for line in fr.stage.diagnosis)


def test_morning_diagnosis_names_supervisor_towns_and_minutes() -> None:
    """Two teams, one supervisor, a 200-minute morning: 90 + 45 + 90 = 225 do not fit."""
    instance = _instance(
        _commission("C02", "CPAS de Namur", "Namur"),
        _commission("C07", "CPAS de Liège", "Liège"),
        visit_window=["09:00", "12:20"],
    )
    supervisors = [Supervisor(id="A1", name="Anne Lambert")]
    result = plan_teams(instance, ["C02", "C07"], supervisors, PARAMS, "en")
    assert result.stage.diagnosis == (
        "Anne Lambert cannot attend the 2 visits on visit: C02 in Namur and C07 in Liège "
        "need 90 + 45 + 90 = 225 minutes, the window 09:00–12:20 has 200",
    )


# -- outputs ----------------------------------------------------------------------------------


def _solved_plan() -> tuple[Instance, object]:
    instance = _instance(
        _commission("C1", "CPAS de Namur", "Namur"),
        _commission("C2", "Maison médicale Horizon (Namur)", "Namur"),
        _commission("C3", "CPAS de Liège", "Liège"),
    )
    supervisors = [
        Supervisor(id="A1", name="Anne Lambert", max_teams=2),
        Supervisor(id="A2", name="Marc Denis"),
    ]
    return instance, plan_teams(instance, ["C1", "C2", "C3"], supervisors, PARAMS)


def test_schedule_rows_keep_the_rules() -> None:
    """Six events; the visit slot has a date, oral_thu none, oral_fri one; times HH:MM in
    the windows; a supervisor's two visits in Namur leave at least the same-town 15 min."""
    _, result = _solved_plan()
    assert result.stage.status == Status.OPTIMAL  # type: ignore[attr-defined]
    rows = result.schedule  # type: ignore[attr-defined]
    assert len(rows) == 6
    for row in rows:
        assert row.date == {"visit": "2026-10-09", "oral_fri": "2027-04-16"}.get(row.slot, "")
        if row.event == "visit":
            assert row.start >= "09:00" and row.end <= "13:00"
    by_sup: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        if row.event == "visit":
            by_sup.setdefault(row.supervisor_id, []).append((row.start, row.end))
    for visits in by_sup.values():
        visits.sort()
        for (_, end), (start, _) in itertools.pairwise(visits):
            gap = (int(start[:2]) * 60 + int(start[3:])) - (int(end[:2]) * 60 + int(end[3:]))
            assert gap >= 15


def test_calendar_parses_back() -> None:
    """calendar.ics: one VEVENT per dated schedule row, Brussels local times matching the
    rows, unique UIDs, a pinned DTSTAMP, and the same bytes twice."""
    instance, result = _solved_plan()
    data = calendar_ics(result, instance, "fr")  # type: ignore[arg-type]
    assert data == calendar_ics(result, instance, "fr")  # type: ignore[arg-type]
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    dated = [r for r in result.schedule if r.date]  # type: ignore[attr-defined]
    assert len(events) == len(dated) >= 3
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, row in zip(events, dated, strict=True):
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Brussels"
        assert start.strftime("%Y-%m-%d %H:%M") == f"{row.date} {row.start}"
        assert event.decoded("DTEND").strftime("%H:%M") == row.end
        assert event.decoded("DTSTAMP") == datetime.datetime(2026, 10, 9, tzinfo=datetime.UTC)
        assert str(event["SUMMARY"]).startswith(("Visite : ", "Soutenance : "))
    assert cal.walk("VTIMEZONE")


def test_the_time_zone_changes_at_the_hour_the_clock_reads_before() -> None:
    """RFC 5545 §3.6.5: an observance's DTSTART is the local time of the change as read
    before it (TZOFFSETFROM). In Brussels summer time starts at 01:00 UTC, when the clock
    reads 02:00 and jumps to 03:00; it ends at 01:00 UTC, 03:00 summer time. The calendar
    said 03:00 for the start (icalendar's from_tzinfo writes the wall time after the jump),
    so a client reading the VTIMEZONE put the change an hour late. The fixture's dates
    (2026-10-09, 2027-04-16) span both changes."""
    import zoneinfo

    instance, result = _solved_plan()
    cal = icalendar.Calendar.from_ical(calendar_ics(result, instance, "fr"))  # type: ignore[arg-type]
    (zone,) = cal.walk("VTIMEZONE")
    changes = {
        (c.name, c.decoded("DTSTART"))
        for c in zone.subcomponents
        if c["TZOFFSETFROM"] != c["TZOFFSETTO"]
    }
    # Since probe s19w one yearly rule of each kind (as Outlook reads a zone), each from
    # the last change of its kind before the calendar's first day (2026-10-09).
    assert changes == {
        ("STANDARD", datetime.datetime(2025, 10, 26, 3, 0)),
        ("DAYLIGHT", datetime.datetime(2026, 3, 29, 2, 0)),
    }
    # Read back as a client does, the zone agrees with tzdata around both changes.
    read = zone.to_tz()
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    for day in (datetime.datetime(2026, 10, 25), datetime.datetime(2027, 3, 28)):
        for minutes in (0, 30, 59, 60, 61, 90, 120, 150):
            moment = (day + datetime.timedelta(minutes=minutes)).replace(tzinfo=datetime.UTC)
            assert moment.astimezone(read).utcoffset() == moment.astimezone(brussels).utcoffset()


def test_a_moved_event_gets_a_higher_sequence() -> None:
    """Re-planning keeps each event's UID (event, commission, cohort), so a calendar that
    imports the new file must be told the event changed: RFC 5545 SEQUENCE, which clients
    compare (the higher one wins, an equal one is taken as the same revision). Without it,
    every event was at SEQUENCE 0 whatever moved. Now: a first calendar is all 0; a
    re-plan moving one visit gives that event the earlier SEQUENCE + 1 and leaves the
    others as they were; the same plan again gives the same bytes."""
    instance, result = _solved_plan()
    first = calendar_ics(result, instance, "fr")  # type: ignore[arg-type]
    events = list(icalendar.Calendar.from_ical(first).walk("VEVENT"))
    assert {int(e["SEQUENCE"]) for e in events} == {0}
    rows = list(result.schedule)  # type: ignore[attr-defined]
    moved = next(i for i, r in enumerate(rows) if r.date and r.event == "visit")
    rows[moved] = replace(rows[moved], start="11:00", end="12:30")
    replanned = replace(result, schedule=tuple(rows))  # type: ignore[type-var]
    earlier = earlier_events([first])
    second = calendar_ics(replanned, instance, "fr", earlier=earlier)
    assert second == calendar_ics(replanned, instance, "fr", earlier=earlier)
    uid = f"visit-{rows[moved].commission_id}@"
    after = {
        str(e["UID"]): int(e["SEQUENCE"])
        for e in icalendar.Calendar.from_ical(second).walk("VEVENT")
    }
    assert [n for u, n in after.items() if u.startswith(uid)] == [1]
    assert {n for u, n in after.items() if not u.startswith(uid)} == {0}
    # Planned again from the second calendar, unchanged: the same bytes (no new revision);
    # from the first again: the same as the second.
    assert calendar_ics(replanned, instance, "fr", earlier=earlier_events([second])) == second
    assert (
        calendar_ics(replanned, instance, "fr", earlier=earlier_events([first, second])) == second
    )
    # A file that is not a calendar numbers nothing.
    assert earlier_events([b"not a calendar", b"\xff\xfe"]) == {}


def test_plan_revises_the_calendar_of_its_result(
    demo_with_supervisors: Path, tmp_path: Path
) -> None:
    """End to end: ``plan --result DIR`` numbers its events against DIR/calendar.ics. The
    run's calendar is edited as if one visit had been elsewhere at SEQUENCE 3: the plan's
    calendar gives that visit SEQUENCE 4 (it moved since), every other event 0 (unchanged)."""
    result_dir, plan_dir = tmp_path / "run", tmp_path / "plan"
    code, output = _invoke("run", str(demo_with_supervisors), "--out", str(result_dir), "--quiet")
    assert code == 0, output
    path = result_dir / "calendar.ics"
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    uid = str(event["UID"])
    event["SEQUENCE"] = 3
    event["LOCATION"] = "ailleurs"
    path.write_bytes(cal.to_ical())
    code, output = _invoke(
        "plan",
        str(demo_with_supervisors),
        "--result",
        str(result_dir),
        "--out",
        str(plan_dir),
        "--quiet",
    )
    assert code == 0, output
    planned = icalendar.Calendar.from_ical((plan_dir / "calendar.ics").read_bytes())
    sequences = {str(e["UID"]): int(e["SEQUENCE"]) for e in planned.walk("VEVENT")}
    assert sequences.pop(uid) == 4
    assert set(sequences.values()) == {0}


# -- generated supervisors --------------------------------------------------------------------


def test_generated_supervisors_plan_the_demo() -> None:
    """For the demo's ten selected commissions: 6–8 supervisors, reproducible from the seed,
    and towns are read from the institutions' names (the plan itself: the command test)."""
    instance = load_instance(DEMO)
    first = generate_supervisors(instance.commissions, np.random.default_rng(3))
    again = generate_supervisors(instance.commissions, np.random.default_rng(3))
    assert first == again
    assert 6 <= len(first) <= 8
    assert town_of("CPAS de Huy") == "Huy"
    assert town_of("AMO Le Pont (Louvain-la-Neuve)") == "Louvain-la-Neuve"


# -- the command ------------------------------------------------------------------------------


@pytest.fixture
def demo_with_supervisors(tmp_path: Path) -> Path:
    """A copy of the demo instance (generated with supervisors.csv and its [calendar])."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    assert (folder / "supervisors.csv").is_file()
    return folder


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_plan_command_end_to_end(demo_with_supervisors: Path, tmp_path: Path) -> None:
    """run then plan: the plan's three files beside the usual ones (the teams kept, their
    stage as the run proved it: session 14), a proven-optimal plan stage in summary.json,
    one supervision row per team and two schedule rows per team, twenty calendar events."""
    result_dir, plan_dir = tmp_path / "run", tmp_path / "plan"
    code, output = _invoke("run", str(demo_with_supervisors), "--out", str(result_dir), "--quiet")
    assert code == 0, output
    code, output = _invoke(
        "plan",
        str(demo_with_supervisors),
        "--result",
        str(result_dir),
        "--out",
        str(plan_dir),
        "--quiet",
    )
    assert code == 0, output
    assert sorted(p.name for p in plan_dir.iterdir()) == [
        "calendar.ics",
        "report.html",
        "result.xlsx",
        "schedule.csv",
        "selection.csv",
        "summary.json",
        "supervision.csv",
        "teams.csv",
    ]
    summary = json.loads((plan_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["plan"]["status"] == "OPTIMAL"
    assert (summary["teams"]["given"], summary["teams"]["status"]) == (False, "OPTIMAL")
    same = (result_dir / "teams.csv").read_bytes() == (plan_dir / "teams.csv").read_bytes()
    assert same
    assert [o["name"] for o in summary["plan"]["objectives"]] == ["expertise", "load", "travel"]
    assert (plan_dir / "supervision.csv").read_text(encoding="utf-8").count("\n") == 11
    assert (plan_dir / "schedule.csv").read_text(encoding="utf-8").count("\n") == 21
    cal = icalendar.Calendar.from_ical((plan_dir / "calendar.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 20


def test_plan_command_bad_supervisors(demo_with_supervisors: Path, tmp_path: Path) -> None:
    """A supervisors.csv with max_teams 'beaucoup' on row 3: exit 2 naming file, row and
    column, nothing written."""
    result_dir, plan_dir = tmp_path / "run", tmp_path / "plan"
    code, output = _invoke("run", str(demo_with_supervisors), "--out", str(result_dir), "--quiet")
    assert code == 0, output
    (demo_with_supervisors / "supervisors.csv").write_text(
        "id,name,max_teams\nA1,Anne,2\nA2,Marc,beaucoup\n", encoding="utf-8"
    )
    code, output = _invoke(
        "plan",
        str(demo_with_supervisors),
        "--result",
        str(result_dir),
        "--out",
        str(plan_dir),
        "--quiet",
    )
    assert code == 2
    assert "supervisors.csv, row 3, column 'max_teams'" in output
    assert not plan_dir.exists()


def test_plan_command_infeasible(demo_with_supervisors: Path, tmp_path: Path) -> None:
    """One supervisor for ten teams: exit 3, the diagnosis names the capacity, nothing
    written."""
    result_dir, plan_dir = tmp_path / "run", tmp_path / "plan"
    code, output = _invoke("run", str(demo_with_supervisors), "--out", str(result_dir), "--quiet")
    assert code == 0, output
    (demo_with_supervisors / "supervisors.csv").write_text(
        "id,name,max_teams\nA1,Anne Lambert,10\n", encoding="utf-8"
    )
    code, output = _invoke(
        "plan",
        str(demo_with_supervisors),
        "--result",
        str(result_dir),
        "--out",
        str(plan_dir),
        "--quiet",
    )
    assert code == 3, output
    assert "no plan of supervisors and calendar satisfies the rules" in output
    assert "Anne Lambert cannot attend the" in output
    assert not plan_dir.exists()


def test_too_few_mornings_are_counted() -> None:
    """Five teams in five towns, two supervisors: a 240-minute morning holds two 90-minute
    visits 45 minutes apart (225), not three (360), so the two make at most 4 visits."""
    instance = _instance(*(_commission(f"C{i}", f"CPAS {i}", f"Town {i}") for i in range(5)))
    supervisors = [
        Supervisor(id="A1", name="Anne Lambert", max_teams=5),
        Supervisor(id="A2", name="Marc Denis", max_teams=5),
    ]
    result = plan_teams(instance, [f"C{i}" for i in range(5)], supervisors, PARAMS, "en")
    assert result.stage.diagnosis == (
        "the 5 teams each need a visit on visit, but Anne Lambert and Marc Denis can make at "
        "most 4 together: 2 each in the window 09:00–13:00 (240 minutes) with 90-minute "
        "visits and at least 45 minutes between institutions",
    )


def test_unquoted_toml_dates_are_accepted(tmp_path: Path) -> None:
    """TOML reads an unquoted 2026-10-09 as a date: [calendar] dates keeps it as ISO text."""
    path = tmp_path / "settings.toml"
    path.write_text(
        '[calendar]\ndates = { visit = 2026-10-09, oral_fri = "2027-04-16" }\n', encoding="utf-8"
    )
    assert load_settings(path).calendar.dates == {"visit": "2026-10-09", "oral_fri": "2027-04-16"}


def test_a_calendar_without_any_date_still_holds_a_component() -> None:
    """[calendar] dates gives no day (its default): no event, but RFC 5545 wants at least
    one component in a VCALENDAR (strict importers refuse an empty one): the Brussels time
    zone alone, with its rules, no English comment, the same bytes twice."""
    instance, result = _solved_plan()
    undated = replace(
        result,  # type: ignore[type-var]
        schedule=tuple(replace(r, date="") for r in result.schedule),  # type: ignore[attr-defined]
    )
    data = calendar_ics(undated, instance, "fr")
    assert data == calendar_ics(undated, instance, "fr")
    cal = icalendar.Calendar.from_ical(data)
    assert not list(cal.walk("VEVENT"))
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Brussels"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert b"COMMENT" not in data


def test_slots_without_a_date_are_said(tmp_path: Path) -> None:
    """A slot that [calendar] dates does not date has its events in schedule.csv without a
    date and none in calendar.ics: said by a warning naming the slots (singular for one),
    in French too; the demo dates every slot, so it says nothing."""
    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    runner = CliRunner()
    quiet = runner.invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert quiet.exit_code == 0 and "gives no date" not in quiet.output
    # The demo's slots name their day (« visit-2026-11-19 »), which dates them since session
    # 32: renamed without one here, so that only [calendar] dates can date them.
    renamed = {"visit-2026-11-19": "visite", "oral-2027-05-20": "oral jeudi"}
    renamed["oral-2027-05-21"] = "oral vendredi"
    for path in cohort.iterdir():
        if path.suffix in (".csv", ".toml"):
            written = path.read_text(encoding="utf-8")
            for old, new in renamed.items():
                written = written.replace(f'"{old}" =', f'"{new}" =').replace(old, new)
            path.write_text(written, encoding="utf-8")
    settings = cohort / "settings.toml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    dated_two = 'dates = { "oral jeudi" = "2027-05-20", "oral vendredi" = "2027-05-21" }'
    settings.write_text(
        "\n".join(dated_two if line.startswith("dates = ") else line for line in lines),
        encoding="utf-8",
    )
    one = runner.invoke(main, ["validate", str(cohort), "--lang", "en"])
    assert one.exit_code == 0, one.output
    assert "[calendar] dates gives no date for the slot visite: its events" in one.output
    settings.write_text(
        "\n".join(line for line in lines if not line.startswith("dates = ")), encoding="utf-8"
    )
    none = runner.invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert none.exit_code == 0
    assert (
        "[calendar] dates ne donne pas de date aux créneaux visite, oral jeudi, "
        "oral vendredi : leurs événements"
    ) in none.output


def test_a_cohort_folder_named_alike_next_year_gets_other_uids() -> None:
    """UIDs named the event, commission and cohort folder only: a director keeping each
    year's cohort in a folder named alike ("cohorte") would import next year's visit of C01
    under this year's UID, and a calendar would move last year's event (or ignore the new
    one). Now the academic year of the first dated event (September to August) is in every
    UID: the same dates a year later give disjoint UIDs, dates moved within the year keep
    them (the fixture's first event is on 2026-10-09: year 2026-2027)."""
    instance, result = _solved_plan()

    def uids(schedule: object) -> set[str]:
        planned = replace(result, schedule=schedule)  # type: ignore[type-var]
        data = calendar_ics(planned, instance, "fr")  # type: ignore[arg-type]
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}

    rows = list(result.schedule)  # type: ignore[attr-defined]

    def shifted(days: int) -> tuple[object, ...]:
        return tuple(
            replace(
                r,
                date=(
                    datetime.date.fromisoformat(r.date) + datetime.timedelta(days=days)
                ).isoformat(),
            )
            if r.date
            else r
            for r in rows
        )

    now = uids(tuple(rows))
    assert all("@2026-2027." in uid for uid in now), now
    assert now.isdisjoint(uids(shifted(364)))
    assert uids(shifted(14)) == now
