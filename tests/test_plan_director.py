"""Stage 3 on cohorts written by a French-speaking director (session 8): slots written as
Belgian dates in several spellings, an edited plan, conflicts named in the cohort's terms,
the workbook's summary, supervisors.csv read with the other files' care."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from matcher.cli import main
from matcher.results import PlanResult, ScheduleRow, StageResult
from matcher.schemas import Commission, Instance, Settings, Supervisor
from matcher.verify.plan import plan_objectives

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _commission(cid: str, institution: str, town: str) -> Commission:
    return Commission(
        id=cid, institution=institution, sector="logement", problem_type="évaluation", town=town
    )


def _dated_instance() -> Instance:
    """Slots named by their day, as written in Belgium (contract §7: one day, one slot)."""
    settings = Settings.model_validate(
        {
            "calendar": {
                "visit_slot": "9/10/2026",
                "oral_slots": ["15/4/2027", "16/4/2027"],
                "oral_window": ["13:00", "17:00"],
                "travel_minutes": 45,
            }
        }
    )
    commissions = (
        _commission("C1", "CPAS de Huy", "Huy"),
        _commission("C2", "CPAS d'Arlon", "Arlon"),
    )
    supervisors = (Supervisor(id="A1", name="Anne Lambert"),)
    return Instance(
        name="cohort", commissions=commissions, settings=settings, supervisors=supervisors
    )


def _row(event: str, cid: str, slot: str, start: str, end: str) -> ScheduleRow:
    return ScheduleRow(event, cid, "", "", "A1", slot, "", start, end)


def test_travel_counts_one_day_written_two_ways() -> None:
    """A director moved C2's oral to the 15th and typed the day as 15/04/2027 while the
    settings (and C1's row) say 15/4/2027: one day, so Anne goes from Huy (13:00–14:00) to
    Arlon (15:00–16:00), 45 minutes of travel. Compared as text, the two spellings were two
    days and the travel 0."""
    instance = _dated_instance()
    plan = PlanResult(
        StageResult.from_file(),
        (("C1", "A1", True), ("C2", "A1", True)),
        (
            _row("visit", "C1", "9/10/2026", "09:00", "10:30"),
            _row("visit", "C2", "09/10/2026", "11:15", "12:45"),
            _row("oral", "C1", "15/4/2027", "13:00", "14:00"),
            _row("oral", "C2", "15/04/2027", "15:00", "16:00"),
        ),
        instance.supervisors or (),
    )
    # 45 between the visits (written 9/10/2026 and 09/10/2026) and 45 between the orals.
    assert plan_objectives(instance, plan)["travel"] == 90


def test_an_event_not_moved_but_written_otherwise_is_not_a_move() -> None:
    """A what-if compares its plan with the earlier one: an oral on 2027-04-15 now and on
    15/04/2027 before (the director's spelling) stayed where it was: no move."""
    instance = _dated_instance()
    rows = (
        _row("visit", "C1", "9/10/2026", "09:00", "10:30"),
        _row("oral", "C1", "2027-04-15", "13:00", "14:00"),
    )
    edited = (rows[0], _row("oral", "C1", "15/04/2027", "13:00", "14:00"))
    supervision = (("C1", "A1", True),)
    now = PlanResult(StageResult.from_file(), supervision, rows, instance.supervisors or ())
    before = PlanResult(StageResult.from_file(), supervision, edited, instance.supervisors or ())
    assert plan_objectives(instance, now, before)["event_moves"] == 0


def test_an_earlier_plan_read_with_its_days_written_otherwise() -> None:
    """``whatif --withdraw-supervisor`` starts from the earlier plan: its oral written
    16/04/2027 (the director's spelling) is on the settings' 16/4/2027, the second oral slot;
    read as text it was on no slot, so keeping it in place did not count."""
    from matcher.planning import build_plan_data

    instance = _dated_instance()
    previous = PlanResult(
        StageResult.from_file(),
        (("C1", "A1", True),),
        (
            _row("visit", "C1", "09/10/2026", "09:00", "10:30"),
            _row("oral", "C1", "16/04/2027", "13:00", "14:00"),
        ),
        instance.supervisors or (),
    )
    data, _ = build_plan_data(instance, ["C1"], instance.supervisors or (), previous=previous)
    assert data.previous is not None
    assert data.previous.oral_slot == (1,)
    assert data.previous.oral_start == (13 * 60,)


def test_report_timelines_find_days_written_otherwise() -> None:
    """The report's timeline of 15/4/2027 shows C2's oral that the director typed as
    15/04/2027, and its heading the date that ``[calendar] dates`` gives under the key
    "15/04/2027" (the settings spell the day one way, the dates another)."""
    from matcher.outputs.plan_view import plan_section
    from matcher.results import RunOutcome

    base = _dated_instance()
    calendar = base.settings.calendar.model_copy(update={"dates": {"15/04/2027": "2027-04-15"}})
    settings = base.settings.model_copy(update={"calendar": calendar})
    instance = base.model_copy(update={"settings": settings})
    plan = PlanResult(
        StageResult.from_file(),
        (("C1", "A1", True), ("C2", "A1", True)),
        (
            _row("visit", "C1", "9/10/2026", "09:00", "10:30"),
            _row("visit", "C2", "9/10/2026", "11:15", "12:45"),
            _row("oral", "C1", "16/4/2027", "13:00", "14:00"),
            _row("oral", "C2", "15/04/2027", "15:00", "16:00"),
        ),
        instance.supervisors or (),
    )
    html = plan_section(RunOutcome(instance, settings, plan=plan), "fr")
    day = html.split("<h3>")[2]  # the visit's timeline, then the first oral day's
    assert day.startswith("Soutenance : 15/4/2027 (jeudi 15 avril 2027)</h3>")
    assert "C2 · " in day or ">C2<" in day


def test_workbook_summary_has_the_plan_stage(demo_result: Path, tmp_path: Path) -> None:
    """The workbook's summary sheet gives every stage's status and priorities, the plan's
    too, as the report's technical part does: a director reading only the workbook learns
    whether the supervisors' plan was proven optimal and what its priorities reached."""
    out = tmp_path / "fr"
    args = ["plan", str(DEMO), "--result", str(demo_result), "--out", str(out), "--lang", "fr"]
    assert CliRunner().invoke(main, args).exit_code == 0
    sheet = openpyxl.load_workbook(out / "result.xlsx")["Résumé"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "accompagnement et calendrier" in cells
    assert "minutes de déplacement au total (min)" in cells


def _validate(folder: Path, lang: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(main, ["validate", str(folder), "--lang", lang])
    return outcome.exit_code, outcome.stderr


def test_supervisors_missing_id_lists_the_columns_found(tmp_path: Path) -> None:
    """Contract §7: a missing required column also lists the columns found, in
    accompagnateurs.csv as in the other files (here "Matricule" was meant for the id)."""
    import shutil

    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    (folder / "supervisors.csv").unlink()
    (folder / "accompagnateurs.csv").write_text(
        "Matricule;Nom;Équipes max\nA01;Anne Lambert;2\n", encoding="utf-8"
    )
    code, err = _validate(folder, "fr")
    assert code == 2
    assert "accompagnateurs.csv, ligne 1" in err
    assert "« Matricule », « Nom », « Équipes max »" in err


def test_two_supervisors_files_in_french(tmp_path: Path) -> None:
    """supervisors.csv and accompagnateurs.csv side by side: refused, in French words (the
    table's internal name "supervisors" appeared in the French sentence)."""
    import shutil

    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    (folder / "accompagnateurs.csv").write_text("identifiant;nom\nB01;Marc\n", encoding="utf-8")
    code, err = _validate(folder, "fr")
    assert code == 2
    assert "deux fichiers contiennent les accompagnateur·rice·s" in err
    assert "accompagnateurs.csv et supervisors.csv" in err
    code, err = _validate(folder, "en")
    assert "two files hold the supervisors: accompagnateurs.csv and supervisors.csv" in err


# -- no plan: the conflict in the cohort's terms ------------------------------------------


def _three_teams(**calendar: object) -> Instance:
    settings = Settings.model_validate({"calendar": {"visit_slot": "9/10/2026", **calendar}})
    commissions = (
        _commission("C1", "CPAS de Huy", "Huy"),
        _commission("C2", "CPAS d'Arlon", "Arlon"),
        _commission("C3", "AMO Le Cercle", "Forest"),
    )
    return Instance(name="cohort", commissions=commissions, settings=settings)


def _diagnosis(instance: Instance, supervisors: list[Supervisor], lang: str) -> tuple[str, ...]:
    from matcher.planning import plan_teams
    from models.outcome import SolveParams, Status

    ids = [c.id for c in instance.commissions]
    result = plan_teams(instance, ids, supervisors, SolveParams(time_limit=20.0), lang)  # type: ignore[arg-type]
    assert result.stage.status == Status.INFEASIBLE
    return result.stage.diagnosis


def test_everyone_away_on_the_visit_day_is_said_so() -> None:
    """Every supervisor is unavailable on the visit day (each wrote it their own way): the
    diagnosis says that nobody is there, and names each one's unavailability; it used to
    keep one of them and say of the others that they could not attend all the visits, as
    if they were there."""
    instance = _three_teams(visit_window=["09:00", "11:00"])
    supervisors = [
        Supervisor(id="A1", name="Anne Lambert", unavailable=("9/10/2026",)),
        Supervisor(id="A2", name="Marc Denis", unavailable=("09/10/2026",)),
        Supervisor(id="A3", name="Luc Piron", unavailable=("2026-10-09",)),
    ]
    assert _diagnosis(instance, supervisors, "en") == (
        "every team visits its institution on 9/10/2026 with its supervisor, but no "
        "supervisor is available on 9/10/2026:",
        "Anne Lambert is unavailable on 9/10/2026",
        "Marc Denis is unavailable on 9/10/2026",
        "Luc Piron is unavailable on 9/10/2026",
    )
    assert _diagnosis(instance, supervisors, "fr")[0] == (
        "chaque équipe visite son institution au créneau 9/10/2026 avec son "
        "accompagnateur·rice, mais aucun·e accompagnateur·rice n'est disponible au créneau "
        "9/10/2026 :"
    )


def test_one_supervisor_tied_to_everything_and_limits_left_empty() -> None:
    """Anne is tied to every institution; Marc and Luc left their max_teams empty, so each
    takes ceil(3 teams / 3 supervisors) = 1: two places for three teams. The diagnosis names
    Anne's ties and both limits, saying where a limit nobody wrote comes from (it used to
    say "Marc Denis takes at most 1 team", a number the director never wrote)."""
    instance = _three_teams()
    supervisors = [
        Supervisor(
            id="A1", name="Anne Lambert", ties=("cpas de  HUY", "CPAS d'Arlon", "le cercle")
        ),
        Supervisor(id="A2", name="Marc Denis"),
        Supervisor(id="A3", name="Luc Piron"),
    ]
    en = _diagnosis(instance, supervisors, "en")
    assert en[0] == "each of the 3 teams needs one supervisor; these rules cannot all hold with it:"
    assert sorted(en[1:]) == [
        "Anne Lambert is tied to AMO Le Cercle, CPAS d'Arlon and CPAS de Huy",
        "Luc Piron takes at most 1 team (no max_teams of their own in supervisors.csv: 3 "
        "teams shared among 3 supervisors, rounded up)",
        "Marc Denis takes at most 1 team (no max_teams of their own in supervisors.csv: 3 "
        "teams shared among 3 supervisors, rounded up)",
    ]
    fr = _diagnosis(instance, supervisors, "fr")
    assert any(
        line.startswith("Marc Denis prend au plus 1 équipe (pas d'équipes max propre dans")
        for line in fr
    )


def test_too_few_places_are_counted_against_the_teams() -> None:
    """Two supervisors taking one team each for three teams: the diagnosis says how many
    teams need a supervisor and how many places the limits give, before the limits."""
    instance = _three_teams()
    supervisors = [
        Supervisor(id="A1", name="Anne Lambert", max_teams=1),
        Supervisor(id="A2", name="Marc Denis", max_teams=1),
    ]
    assert _diagnosis(instance, supervisors, "en") == (
        "the 3 teams each need a supervisor, but the supervisors take at most 2 together:",
        "Anne Lambert takes at most 1 team",
        "Marc Denis takes at most 1 team",
    )
    assert _diagnosis(instance, supervisors, "fr")[0] == (
        "les 3 équipes ont chacune besoin d'un·e accompagnateur·rice, mais les "
        "accompagnateur·rice·s en prennent au plus 2 ensemble :"
    )


def test_a_date_for_no_slot_is_a_warning(tmp_path: Path) -> None:
    """``dates = { "oral vendredi" = … }`` while the oral slot is "oral-2027-05-21": the date
    applies to no event, so the orals of that day reach no calendar; said as a warning (as
    an unavailability on no slot is), in the director's words, rather than silently."""
    import shutil

    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    settings = folder / "settings.toml"
    text = settings.read_text(encoding="utf-8").replace(
        '"oral-2027-05-21" = "2027-05-21"', '"oral vendredi" = "21/05/2027"'
    )
    assert '"oral vendredi"' in text
    settings.write_text(text, encoding="utf-8")
    outcome = CliRunner().invoke(main, ["validate", str(folder), "--lang", "fr"])
    assert outcome.exit_code == 0
    assert (
        "[calendar] dates : « oral vendredi » n'est pas un créneau du calendrier "
        "(visit-2026-11-19, oral-2027-05-20, oral-2027-05-21) : sa date 2027-05-21 ne "
        "s'applique à aucun événement"
    ) in outcome.stdout


def test_one_day_named_twice_in_the_calendar_is_refused(tmp_path: Path) -> None:
    """``oral_slots = ["15/4/2027", "15/04/2027"]`` names one day twice (contract §7: one
    day): read as two slots, the planner put a supervisor at two orals at once that day
    (two "slots", no overlap between them). Refused like the same label twice, naming both
    spellings; likewise a visit day that is also an oral day written otherwise."""
    import pytest

    from matcher.errors import InputError
    from matcher.loading import load_settings

    path = tmp_path / "settings.toml"
    path.write_text('[calendar]\noral_slots = ["15/4/2027", "15/04/2027"]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert "'15/4/2027' and '15/04/2027' are the same slot" in str(caught.value.problems[0].message)
    path.write_text(
        '[calendar]\nvisit_slot = "9/10/2026"\noral_slots = ["2026-10-09", "oral_fri"]\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_settings(path)
    message = str(caught.value.problems[0].message)
    assert "'9/10/2026' (visit_slot) and '2026-10-09' (oral_slots) are the same slot" in message


def test_a_calendar_that_does_not_hold_together_is_said_without_its_dump(
    tmp_path: Path,
) -> None:
    """A 60-minute oral in a 30-minute window: the calendar as a whole is refused, with its
    reason; the message used to print the whole [calendar] table re-spelt as "the value
    found" (``dates = {9/10/2026 = "9/10/2026"}``, not even what the director wrote)."""
    import pytest

    from matcher.errors import InputError
    from matcher.loading import load_settings

    path = tmp_path / "settings.toml"
    path.write_text(
        '[calendar]\noral_window = ["13:00", "13:30"]\ndates = { "9/10/2026" = "9/10/2026" }\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert problem.column == "calendar.oral_minutes"  # the key to change
    assert str(problem.message) == (
        "these settings do not hold together: oral_minutes = 60 does not fit in oral_window "
        "13:00–13:30 (30 minutes)"
    )


def test_supervisors_first_and_family_names(tmp_path: Path) -> None:
    """Contract §7: "Prénom" and "Nom" columns together make "Prénom Nom", in
    accompagnateurs.csv as in students.csv (the calendar said "Accompagnateur·rice :
    Lambert"); one "Nom" column alone stays the whole name."""
    from matcher.loading.supervisors import read_supervisors

    path = tmp_path / "accompagnateurs.csv"
    path.write_bytes("Identifiant;Prénom;Nom\nA1;Anne;Lambert\nA2;;Denis\n".encode("cp1252"))
    assert [s.name for s in read_supervisors(path)] == ["Anne Lambert", "Denis"]
    path.write_bytes("Identifiant;Nom\nA1;Anne Lambert\n".encode("cp1252"))
    assert [s.name for s in read_supervisors(path)] == ["Anne Lambert"]


def test_a_supervisor_typed_by_name_in_the_plan_files(demo_result: Path, tmp_path: Path) -> None:
    """A director who changes a team's supervisor in supervision.csv and schedule.csv may
    type the person's name ("Thomas Dubois", as the report shows it) rather than the id:
    one supervisor of that name, so it is that supervisor. It used to be an unknown
    supervisor "not in supervisors.csv", while the file lists them."""
    import shutil

    from csvrows import read_rows, write_rows

    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    people = {row["id"]: row["name"] for row in read_rows(DEMO / "supervisors.csv")}
    supervision = read_rows(result / "supervision.csv")
    schedule = read_rows(result / "schedule.csv")
    for row in supervision:
        row["supervisor_id"] = people[row["supervisor_id"]].upper()
    for row in schedule:
        row["supervisor_id"] = people[row["supervisor_id"]]
    write_rows(result / "supervision.csv", supervision)
    write_rows(result / "schedule.csv", schedule)
    outcome = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result)])
    assert outcome.exit_code == 0, outcome.stderr


def test_every_supervisor_withdrawn_is_said_so() -> None:
    """``whatif --withdraw-supervisor`` for every supervisor: the diagnosis says they are
    all withdrawn; it said "no supervisor in supervisors.csv", which lists them."""
    from matcher.planning import plan_teams
    from models.outcome import SolveParams

    base = _three_teams()
    people = (Supervisor(id="A1", name="Anne Lambert"), Supervisor(id="A2", name="Marc Denis"))
    instance = base.model_copy(update={"supervisors": people})
    result = plan_teams(instance, ["C1", "C2", "C3"], [], SolveParams(time_limit=5.0), "en")
    assert result.stage.diagnosis == (
        "every supervisor of supervisors.csv is withdrawn (A1 and A2): a plan needs at least one",
    )
    result = plan_teams(instance, ["C1", "C2", "C3"], [], SolveParams(time_limit=5.0), "fr")
    assert result.stage.diagnosis == (
        "tou·te·s les accompagnateur·rice·s du fichier supervisors.csv se sont retiré·e·s "
        "(A1 et A2) : il en faut au moins un·e",
    )


def test_control_characters_in_accompagnateurs_are_warned(tmp_path: Path) -> None:
    """An escape sequence pasted into a supervisor's name is dropped with a warning naming
    the cell (contract §2, as in the other files); it was dropped silently."""
    import shutil

    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    (folder / "supervisors.csv").unlink()
    (folder / "accompagnateurs.csv").write_bytes(
        # Five supervisors: two could make only 4 of the 10 visits of a morning, which
        # validate answers 3 to since session 14 (s14j).
        b"identifiant;nom\nA01;Anne\x1b[31m Lambert\nA02;Marc Denis\nA03;Lea Roy\n"
        b"A04;Tom Piret\nA05;Ines Daout\n"
    )
    outcome = CliRunner().invoke(main, ["validate", str(folder), "--lang", "en"])
    assert outcome.exit_code == 0, outcome.stderr
    assert "accompagnateurs.csv, row 2, column 'nom'" in outcome.stdout
    assert "\x1b" not in outcome.stdout
