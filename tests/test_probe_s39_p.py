"""Session 39's probe c (stage 3's "no plan" diagnosis, exit 3): each a test that failed
before its fix.

- Probe s39c D2: the example of a supervisor's overloaded slot named orals the rules forbid
  them (a commission offering only the other day, a tie, more teams than max_teams).
- Probe s39c D1: supervisors whose names fold alike were named without their ids.
- Probe s39c D3: a slip of the year in [calendar] dates was blamed on commissions.csv.
"""

from __future__ import annotations

import re
from pathlib import Path

from cohortfiles import invoke, write_cohort

from matcher.rules import supervisor_capacity
from matcher.schemas import Commission, Instance, Settings, Supervisor
from matcher.text import fold_name, slot_key

_CALENDAR = {
    "visit_slot": "visite",
    "visit_window": ["08:30", "13:00"],
    "visit_minutes": 60,
    "oral_slots": ["oral_jeu", "oral_lun"],
    "oral_window": ["09:00", "12:00"],
    "oral_minutes": 50,
    "travel_minutes": 30,
    "same_town_minutes": 10,
    "dates": {"visite": "26/10/2026", "oral_jeu": "2027-03-25", "oral_lun": "29/3/2027"},
}

# The teams of probe s39c's case D2 (its second what-if): P4 defends on oral_lun only, P7
# (by its date) on oral_jeu only; Hélène Noël is tied to P2's AMO Le Cercle.
_TEAMS = (
    ("P2", "AMO Le Cercle", "aide à la jeunesse", "Liège", ("visite", "oral_jeu", "oral_lun")),
    ("P3", "Maison médicale du Nord", "santé", "Namur", ("visite", "oral_jeu", "oral_lun")),
    ("P4", "Service Handicap Plus", "handicap", "Mons", ("visite", "oral_lun")),
    ("P5", "CPAS de Liège", "CPAS", "Liège", ("visite", "oral_jeu", "oral_lun")),
    ("P6", "Lire et Écrire Namur", "alphabétisation", "Namur", ("visite", "oral_jeu", "oral_lun")),
    ("P7", "ASBL Logement Solidaire", "logement", "Arlon", ("visite", "25/3/2027")),
    ("P8", "Maison de repos Soleil", "personnes âgées", None, ("visite", "oral_jeu", "oral_lun")),
    ("P9", "Centre de santé mentale", "santé mentale", "Mons", ("visite", "oral_jeu", "oral_lun")),
)

_PEOPLE = (
    Supervisor(id="É01", name="Anne Martin", max_teams=3, sectors=("CPAS", "santé"),
               ties=("CPAS de  namur",)),
    Supervisor(id="É02", name="anne  martin", sectors=("aide à la jeunesse",),
               unavailable=("29/3/2027",)),
    Supervisor(id="B03", name="Hélène Noël", max_teams=4, sectors=("handicap", "santé mentale"),
               ties=("AMO Le Cercle",), unavailable=("oral_jeu",)),
    Supervisor(id="X 9", name="Marc Lenoir", sectors=("santé",),
               ties=("Service handicap  plus",), unavailable=("visite",)),
)  # fmt: skip


def _instance(
    calendar: dict[str, object], supervisors: tuple[Supervisor, ...], max_teams: int | None = 3
) -> Instance:
    limit = {"supervision": {"max_teams": max_teams}} if max_teams else {}
    settings = Settings.model_validate({"calendar": calendar, "selection": {"count": 8}, **limit})
    commissions = tuple(
        Commission(
            id=cid, institution=inst, sector=sector, problem_type="évaluation", town=town,
            slots=slots,
        )
        for cid, inst, sector, town, slots in _TEAMS
    )  # fmt: skip
    return Instance(
        name="cohort", commissions=commissions, settings=settings, supervisors=supervisors
    )


def _diagnosis(instance: Instance, planned: tuple[Supervisor, ...], lang: str) -> list[str]:
    from matcher.planning import plan_teams
    from models.outcome import SolveParams, Status

    ids = [c.id for c in instance.commissions]
    result = plan_teams(instance, ids, planned, SolveParams(time_limit=20.0), lang)  # type: ignore[arg-type]
    assert result.stage.status == Status.INFEASIBLE
    return [str(line) for line in result.stage.diagnosis]


_EXAMPLE = {
    "en": re.compile(r"^(.+?) cannot attend every event .* on (\w+) \(for example the (.*?) need"),
    "fr": re.compile(
        r"^(.+?) ne peut assister à tous .* au créneau (\w+) \(par exemple, (.*?) dem"
    ),
}


def _examples(lines: list[str], lang: str) -> list[tuple[str, str, list[str]]]:
    """(supervisor as named, slot, teams) of each example of an overloaded slot."""
    found = []
    for line in lines:
        if (match := _EXAMPLE[lang].match(line)) is not None:
            name, slot, teams = match.groups()
            found.append((name, slot, re.findall(r"\bP\d+\b", teams)))
    return found


def test_the_example_of_an_overloaded_slot_names_only_orals_the_rules_allow() -> None:
    """Probe s39c D2 (and its variant dst5): withdrawing Zoé-1 and D/7 (or Zoé-1 alone,
    D/7 away on the visit day) leaves no plan. The diagnosis gave « anne  martin … on
    oral_jeu (for example the 6 oral defences P4, P5, P6, P7, P8, P9 …) » and the same six
    for Hélène Noël on oral_lun: P4 defends on oral_lun only, P7 on oral_jeu only, P2 is
    Hélène's tie, and max_teams is 3. Each example now keeps every rule but that slot's own
    (the teams the rules leave the supervisor there), in both languages."""
    dury = Supervisor(id="D/7", name="Paul Dury", max_teams=2, sectors=("aide à la jeunesse",),
                      unavailable=("26/10/2026",))  # fmt: skip
    # D2: max_teams = 3, D/7 withdrawn too; dst5: no max_teams, D/7 away on the visit day.
    for planned, limit in ((_PEOPLE, 3), ((*_PEOPLE, dury), None)):
        instance = _instance(_CALENDAR, (*_PEOPLE, dury), limit)
        places = dict(zip(planned, supervisor_capacity(planned, 8, instance.settings), strict=True))
        calendar = instance.settings.calendar
        offers = {c.id: calendar.slots_named(c.slots or ()) for c in instance.commissions}
        institution = {c.id: c.institution for c in instance.commissions}
        # Named as written, homonyms followed by their id (the next test's concern).
        who = {p.display_name: p for p in planned} | {f"{p.name} ({p.id})": p for p in planned}
        for lang in ("en", "fr"):
            examples = _examples(_diagnosis(instance, planned, lang), lang)
            assert examples, lang
            for name, slot, teams in examples:
                person = who[name]
                assert len(teams) <= places[person], (name, teams)
                for team in teams:
                    assert slot_key(slot) in offers[team], (name, slot, team)
                    ties = {fold_name(tie) for tie in person.ties}
                    assert fold_name(institution[team]) not in ties, (name, team)


def test_supervisors_named_alike_get_their_ids_in_the_diagnosis(tmp_path: Path) -> None:
    """Probe s39c D1: « Anne Martin » (É01) and « anne  martin » (É02); the visit mornings
    hold too few visits. The diagnosis said « anne  martin et Hélène Noël peuvent en faire
    au plus 4 » and « Anne Martin prend au plus 3 équipes »: which one? Now each is followed
    by their id, as in the report and calendar.ics; and so in validate's counts."""
    calendar = {**_CALENDAR, "visit_window": ["08:30", "12:00"]}
    instance = _instance(calendar, _PEOPLE[:3])
    fr = _diagnosis(instance, _PEOPLE[:3], "fr")
    assert fr[0].startswith(
        "les 8 équipes ont chacune besoin d'une visite au créneau visite, mais anne  martin "
        "(É02) et Hélène Noël peuvent en faire au plus 4 ensemble"
    ), fr
    assert "Anne Martin (É01) prend au plus 3 équipes" in fr
    en = _diagnosis(instance, _PEOPLE[:3], "en")
    assert "but anne  martin (É02) and Hélène Noël can make at most 4 together" in en[0]
    assert "Anne Martin (É01) takes at most 3 teams" in en
    # validate counts the places of each: « Anne Martin (É01) takes 1 », not « Anne Martin ».
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            + "".join(f"C{i},Institution {i},CPAS,évaluation\n" for i in range(1, 6)),
            "students.csv": "id,name,background,gender,choices\n"
            + "".join(f"S{i},Student {i},AS,F,C1\n" for i in range(1, 16)),
            "supervisors.csv": "id,name,max_teams\nA1,Anne Martin,1\nA2,anne  martin,1\n",
            "settings.toml": "[selection]\ncount = 5\n",
        },
    )
    _, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert "Anne Martin (A1)" in output and "anne  martin (A2)" in output, output


def test_a_slip_of_the_year_in_the_dates_points_at_the_settings() -> None:
    """Probe s39c D3: [calendar] dates puts oral_jeu on 2026-03-25 (meant 2027); P7's cell
    gives 25/3/2027. `plan` exited 3 saying P7 had none of the oral slots, « add one of them
    there »: the cell was right. It now says which date the cell gives, where the settings
    put the slot, and asks whether the year is right, in both languages."""
    calendar = {**_CALENDAR, "dates": {**_CALENDAR["dates"], "oral_jeu": "2026-03-25"}}  # type: ignore[dict-item]
    instance = _instance(calendar, _PEOPLE)
    assert _diagnosis(instance, _PEOPLE, "en") == [
        "P7 (ASBL Logement Solidaire) has none of the oral slots (oral_jeu or oral_lun) in its "
        "column 'slots' of commissions.csv: its cell gives 25/3/2027, but [calendar] dates "
        "puts oral_jeu on Wednesday 25 March 2026: is the year right? Correct [calendar] "
        "dates or that cell"
    ]
    assert _diagnosis(instance, _PEOPLE, "fr") == [
        "P7 (ASBL Logement Solidaire) n'a aucun des créneaux de soutenance (oral_jeu ou "
        "oral_lun) dans sa colonne « slots » de commissions.csv : sa cellule donne "
        "25/3/2027, mais [calendar] dates place oral_jeu le mercredi 25 mars 2026 : l'année "
        "est-elle la bonne ? Corrigez [calendar] dates ou cette cellule"
    ]
