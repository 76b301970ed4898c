"""Session 29's probes: what they found, each a test that failed before its fix."""

from __future__ import annotations

import csv
from pathlib import Path

from cohortfiles import invoke, write_cohort

# Probe s29b's cohort (French headers, slots written as dates): withdrawing Benoît (A2)
# gives his team P2 to Chloé (A3), whose oral on oral_jeu then moves to oral_ven.
A16 = {
    "accompagnateurs.csv": (
        "Identifiant;Nom;Équipes max;Secteurs;Liens;Indisponible\n"
        "A1;Anne Lambert;2;CPAS;AMO  le Cercle;\n"
        "A2;Benoît Dufour;;aide à la jeunesse;;23/4/2027\n"
        'A3;Chloé Renard;;logement;"cpas de NAMUR";\n'
    ),
    "commissions.csv": (
        "Code;Organisme;Secteur;Problématique;Créneaux;Priorité;Localité\n"
        'P1;CPAS de Namur;CPAS;évaluation;"15/10/2026;22/4/2027;23/4/2027";3;Namur\n'
        'P2;AMO Le Cercle;aide à la jeunesse;diagnostic;"15/10/2026;22/4/2027";2;Liège\n'
        'P3;Service Handicap Éole;handicap;étude de faisabilité;"15/10/2026;23/4/2027";1;Namur\n'
        "P4;Maison d'accueil Les Tilleuls;logement;évaluation;"
        '"15/10/2026;22/4/2027;23/4/2027";0;Huy\n'
        'P5;CPAS de  namur;CPAS;diagnostic;"15/10/2026;22/4/2027;23/4/2027";5;Namur\n'
        "P6;Centre de santé mentale Arpège;santé mentale;diagnostic;"
        '"15/10/2026;23/4/2027";0;Liège\n'
        'P7;AMO Le Phare;aide à la jeunesse;évaluation;"15/10/2026;22/4/2027;23/4/2027";1;Arlon\n'
    ),
    "pairs.csv": ("student_a,student_b,relation\nE03,E13,séparer\nE05,E09,ensemble\n"),
    "settings.toml": (
        "[selection]\n"
        "count = 4\n"
        'required_slots = ["visite"]\n'
        'any_slots = [["oral_jeu", "oral_ven"]]\n'
        "\n"
        "[teams]\n"
        'no_isolation = ["vae=oui"]\n'
        "\n"
        "[calendar]\n"
        'visit_slot = "visite"\n'
        'oral_slots = ["oral_jeu", "oral_ven"]\n'
        'visit_window = ["9h00", "13h"]\n'
        'oral_window = ["09:00", "12:00"]\n'
        'dates = { visite = "15/10/2026", oral_jeu = "22/4/2027", oral_ven = "2027-04-23" }\n'
    ),
    "students.csv": (
        "Matricule;Prénom;Nom;Formation initiale;VAE;En emploi;Employeur;Genre;"
        "Années d'expérience;Choix\n"
        'E01;Léa;Dubois;assistant social;non;oui;CPAS de Namur;F;4;"P1;P2;P3"\n'
        'E02;Noé;Martin;éducateur;oui;oui;AMO le cercle;M;10;"P2;P1"\n'
        'E03;Zoé;Lejeune;GRH;non;non;;F;0;"P3;P6;P4"\n'
        'E04;Hugo;Peeters;infirmier;non;oui;Maison d\'accueil Les Tilleuls;M;7;"P4;P6"\n'
        'E05;Inès;Lambert;assistant social;x;;;F;2;"P6;P3;P2"\n'
        'E06;Théo;Mertens;éducateur;non;oui;AMO Le Phare;M;12;"P7;P2;P1"\n'
        'E07;Chloé;Dupont;assistant social;non;non;;F;1;"P1;P4"\n'
        'E08;Louis;Leroy;GRH;oui;oui;Service Handicap Éole;M;15;"P3;P1"\n'
        'E09;Emma;Simon;éducateur;non;non;;F;0;"P2;P6;P7"\n'
        'E10;Arthur;Goossens;infirmier;non;oui;CPAS de Namur;M;6;"P4;P3"\n'
        'E11;Lina;Jacobs;assistant social;oui;oui;;F;9;"P6;P1"\n'
        'E12;Jules;Lemaire;éducateur;non;non;;M;3;"P1;P2;P3;P4"\n'
        'E13;Sarah;Michel;GRH;non;non;;F;2;"P3;P2"\n'
        'E14;Adam;Claes;assistant social;non;oui;Centre de santé mentale Arpège;M;8;"P6;P4"\n'
        'E15;Manon;Wouters;infirmier;oui;oui;;F;11;"P2;P3"\n'
        'E16;Nathan;Hermans;éducateur;non;non;;M;1;"P4;P1"\n'
    ),
}


def _schedule(folder: Path) -> list[dict[str, str]]:
    with (folder / "schedule.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)


def test_an_event_a_what_if_moves_goes_as_early_as_its_day_allows(tmp_path: Path) -> None:
    """Probe s29b: withdrawing A2 moved Chloé's oral of P4 to oral_ven at 10:00, alone that
    day with her (09:00-12:00): nothing kept it from 09:00, as the README promises. Every
    event the what-if moves starts at its window's start or when its supervisor's event
    before it ends plus the travel (45 min between towns, 15 within one, 0 at one place);
    the events it does not move keep their times."""
    cohort = write_cohort(tmp_path / "a16", A16)
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "run"), "--quiet"])[0] == 0
    code, output = invoke(
        [
            "whatif",
            str(cohort),
            "--from",
            str(tmp_path / "run"),
            "--out",
            str(tmp_path / "w"),
            "--withdraw-supervisor",
            "A2",
            "--quiet",
            "--lang",
            "fr",
        ]
    )
    assert code == 0, output
    before = {(r["event"], r["commission_id"]): r for r in _schedule(tmp_path / "run")}
    after = _schedule(tmp_path / "w")
    windows = {"visit": 9 * 60, "oral": 9 * 60}
    moved = 0
    for row in after:
        old = before.get((row["event"], row["commission_id"]))
        if old is not None and (old["slot"], old["start"]) == (row["slot"], row["start"]):
            continue
        moved += 1
        same_day = [
            r
            for r in after
            if r["supervisor_id"] == row["supervisor_id"]
            and r["slot"] == row["slot"]
            and _minutes(r["end"]) <= _minutes(row["start"])
            and r is not row
        ]
        earliest = windows[row["event"]]
        for other in same_day:
            gap = (
                0
                if other["institution"] == row["institution"]
                else 15
                if other["town"] and other["town"] == row["town"]
                else 45
            )
            earliest = max(earliest, _minutes(other["end"]) + gap)
        assert _minutes(row["start"]) == earliest, row
    # Chloé's P4 oral and her new team's visit: the two events the withdrawal moves.
    assert moved == 2
