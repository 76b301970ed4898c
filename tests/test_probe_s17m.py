"""Probe s17m: stage 3 (supervisors and the calendar) at real size against an independent model.

The probe (scripts in /tmp/BR) wrote cohorts by hand-like rules (8-12 teams, 4-8
supervisors, `max_teams` empty and set, sectors and ties as people write them, towns equal,
different or missing, unavailabilities on the visit slot and on one oral day, commissions
offering one oral day, windows, durations, travel times and priorities changed), solved
each with its own CP-SAT model of contract §11 (circuits per supervisor and slot for the
consecutive travel, every pair of events kept apart by its travel time), and compared the
objective values, bounds and status of `run`, `plan --result` and `whatif
--withdraw-supervisor` with it, checking every rule on schedule.csv / supervision.csv and
calendar.ics (icalendar, Europe/Brussels) independently.

Found:
- a supervisor's expertise written `santé-mentale` or `Migrations.` was not expertise for
  the sector `santé mentale` / `migrations`: sectors were folded for case, accents and
  spaces only on the supervisors' side, while commissions' sectors are one category with
  punctuation ignored (README, Priorities). `expertise` came out 5 where 8 was reachable,
  and `check` agreed with the wrong count.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

from cohortfiles import invoke, write_cohort


def _category(text: str) -> str:
    """The probe's own reading of one sector: case, accents, spaces, punctuation dropped."""
    plain = unicodedata.normalize("NFKD", text.replace(".", "")).casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _objectives(out: Path) -> dict[str, int]:
    stage = json.loads(out.joinpath("summary.json").read_text(encoding="utf-8"))["plan"]
    assert stage["status"] == "OPTIMAL", stage
    return {o["name"]: o["value"] for o in stage["objectives"]}


EXPERTISE_COMMISSIONS = (
    "id;institution;secteur;problem_type;localité;disponibilités\n"
    "C1;SSM L'Équinoxe;santé mentale;évaluation;Huy;visit;oral_thu;oral_fri\n"
    "C2;Solidarité Logement;migrations;évaluation;Namur;visit;oral_thu;oral_fri\n"
    "C3;Foyer Saint-Jean;Aide à la jeunesse;évaluation;Liège;visit;oral_thu;oral_fri\n"
).replace(";visit;oral_thu;oral_fri", ';"visit;oral_thu;oral_fri"')
EXPERTISE_SUPERVISORS = (
    "identifiant,nom,équipes max,secteurs,liens,indisponible\n"
    "A1,Anne,1,santé-mentale,,\n"
    "A2,Bruno,1,Migrations.,,\n"
    "A3,Chloé,1,aide-a-la-jeunesse.,,\n"
)


def test_expertise_written_with_punctuation_is_expertise(tmp_path: Path) -> None:
    # Each supervisor writes the sector of exactly one team with a hyphen or a full stop:
    # the README makes `Aide à la jeunesse` and `aide-a-la-jeunesse.` one sector, so every
    # team can have its expert (3), as the probe's own reading says, and supervision.csv
    # says "yes" for each; `check` counts them the same way.
    folder = write_cohort(
        tmp_path / "cohort",
        {
            "commissions.csv": EXPERTISE_COMMISSIONS,
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(6)),
            "accompagnateurs.csv": EXPERTISE_SUPERVISORS,
            "settings.toml": "[selection]\ncount = 3\n",
        },
    )
    sectors = {
        r["id"]: r["secteur"]
        for r in csv.DictReader(EXPERTISE_COMMISSIONS.splitlines(), delimiter=";")
    }
    theirs = {
        r["identifiant"]: r["secteurs"] for r in csv.DictReader(EXPERTISE_SUPERVISORS.splitlines())
    }
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", "en", "--no-explain"])
    assert code == 0, output
    supervision = _rows(out / "supervision.csv")
    for row in supervision:
        assert _category(sectors[row["commission_id"]]) == _category(theirs[row["supervisor_id"]])
        assert row["expertise"] == "yes", row
    assert _objectives(out)["expertise"] == 3
    code, output = invoke(["check", str(folder), "--result", str(out), "--lang", "en"])
    assert code == 0, output
    planned = tmp_path / "planned"
    code, output = invoke(["plan", str(folder), "--result", str(out), "--out", str(planned)])
    assert code == 0, output
    assert _objectives(planned)["expertise"] == 3
