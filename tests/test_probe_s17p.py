"""Probe s17p: hand edits and what-ifs interleaved, as a real season goes.

Chains on a hand-written French cohort (30 students, 8 proposals of which 5 are selected,
``;`` files in Windows-1252 with French headers, two pins, a pair ``ensemble`` and a pair
``séparer``, employers, four students without choices, three or four supervisors with an
unavailable day, ties and dates): ``run``, then a move in teams.csv (team sizes broken),
``check``/``report``, ``whatif --withdraw-student`` from the edited folder; a swap made
only in result.xlsx re-saved by LibreOffice (conflict of interest), ``whatif
--withdraw-commission`` from it; a pin and a pair broken in teams.csv, ``whatif``; a
commission emptied and a student put on an unselected commission in the workbook only,
``whatif --no-replace``; ``report`` of an edited what-if result, then ``whatif --from`` that
report. After each what-if the teams' values (moves, worst choice, balance, choices) were
compared with an independent CP-SAT model of moves-then-priorities: equal every time.

What the probe found:

- ``whatif --from`` a result whose plan is only in its workbook (``--from result.xlsx``
  sent back by a colleague, or a folder holding result.xlsx and summary.json alone) made
  the supervisors' plan afresh, silently: teams whose members did not change got another
  supervisor (two of five on the probe's cohort after a ``--withdraw-supervisor``), and
  ``plan.supervisor_changes`` listed none of them, while the workbook's Schedule
  (Calendrier) sheet holds the plan the what-if should keep. The what-if now reads that
  sheet when the folder holds no supervision.csv/schedule.csv.

Found right: moves counted against the edited teams (not the solver's), ``changes.csv``
from/to as edited (an emptied cell and an unselected commission: placed like arrivals,
not moves), every broken rule said in words in both languages by ``check``, ``report``
(exit 3 with outputs) and ``whatif`` (repairs, with the warning the README promises),
``summary.json``'s cumulated ``changes`` agreeing with ``check`` of the result, ``report``
keeping the chain's record so that a later ``whatif --from`` the report holds to the same
cohort, explanations never ``free`` against a pin or a pair.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main

FIXED = ("--quiet", "--workers", "1", "--seed", "0", "--time-limit", "20", "--no-explain")

_INSTITUTIONS = (
    ("C01", "CPAS de Namur", "CPAS", "évaluation", "Namur"),
    ("C02", "AMO Le Cercle", "aide à la jeunesse", "diagnostic", "Liège"),
    ("C03", "Maison médicale Trait d'Union", "santé", "étude de faisabilité", "Herstal"),
    ("C04", "ASBL Lire et Écrire", "alphabétisation", "évaluation", "Namur"),
    ("C05", "Service d'aide à la jeunesse de Liège", "aide à la jeunesse", "recherche", "Liège"),
    ("C06", "CISP Babel", "insertion", "diagnostic", "Charleroi"),
    ("C07", "Centre de santé mentale Chapelle", "santé mentale", "évaluation", "Namur"),
    ("C08", "Agence immobilière sociale de Huy", "logement", "projet de service", "Huy"),
)


def _cohort(folder: Path) -> Path:
    """A small French cohort with four supervisors of at most two teams each."""
    folder.mkdir()
    lines = ["Code;Organisme;Secteur;Problématique;Créneaux;Priorité;Localité"]
    for i, (cid, name, sector, problem, town) in enumerate(_INSTITUTIONS):
        slots = "visite;oral_jeu" if i % 3 == 0 else "visite;oral_jeu;oral_ven"
        lines.append(f'{cid};{name};{sector};{problem};"{slots}";{i % 3};{town}')
    (folder / "commandes.csv").write_text("\n".join(lines) + "\n", encoding="cp1252")
    rows = ["Matricule;Nom;Formation initiale;VAE;En emploi;Genre;Années d'expérience;Choix"]
    backgrounds = ("assistant social", "éducateur", "GRH", "infirmier")
    for s in range(30):
        choices = ";".join(_INSTITUTIONS[(s * 3 + k) % 8][0] for k in range(4))
        rows.append(
            f"S{s + 1:03d};Étudiant {s + 1};{backgrounds[s % 4]};{'oui' if s % 5 == 0 else 'non'};"
            f'non;{"FM"[s % 2]};{s % 7};"{choices}"'
        )
    (folder / "étudiants.csv").write_text("\n".join(rows) + "\n", encoding="cp1252")
    (folder / "accompagnateurs.csv").write_text(
        "identifiant;nom;équipes max;secteurs;liens;indisponible\n"
        "A1;Anne;2;santé;CPAS de Namur;\nA2;Marc;2;aide à la jeunesse;;oral_ven\n"
        "A3;Lucie;2;;;\nA4;Paul;2;logement;;\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text(
        '[selection]\ncount = 5\n[calendar]\nvisit_slot = "visite"\n'
        'oral_slots = ["oral_jeu", "oral_ven"]\n'
        'dates = { visite = "2026-11-19", oral_jeu = "2027-05-20", oral_ven = "2027-05-21" }\n',
        encoding="utf-8",
    )
    return folder


def _invoke(*args: str) -> None:
    result = CliRunner().invoke(main, [*args, *FIXED])
    assert result.exit_code == 0, result.output


def _supervision(folder: Path) -> dict[str, str]:
    return {r["commission_id"]: r["supervisor_id"] for r in read_rows(folder / "supervision.csv")}


def test_whatif_from_workbook_alone_keeps_its_plan(tmp_path: Path) -> None:
    cohort = _cohort(tmp_path / "cohorte")
    first, after = tmp_path / "r0", tmp_path / "r1"
    _invoke("run", str(cohort), "--out", str(first), "--lang", "fr")
    # A supervisor leaving makes a plan that keeps the others' teams, which need not be
    # the plan a fresh solve would make: what the next what-if must start from.
    _invoke(
        "whatif",
        str(cohort),
        "--from",
        str(first),
        "--out",
        str(after),
        "--withdraw-supervisor",
        "A4",
        "--lang",
        "fr",
    )
    kept = _supervision(after)
    # The workbook alone, as a colleague sends it back (no supervision.csv/schedule.csv).
    alone = tmp_path / "workbook"
    alone.mkdir()
    for name in ("result.xlsx", "summary.json"):
        shutil.copy(after / name, alone / name)
    for source in (alone, alone / "result.xlsx"):
        out = tmp_path / f"w-{source.name}"
        _invoke(
            "whatif",
            str(cohort),
            "--from",
            str(source),
            "--out",
            str(out),
            "--withdraw-student",
            "S012",
            "--lang",
            "fr",
        )
        # No team changed commission beyond S012 leaving, so every team keeps the
        # supervisor the workbook's Calendrier sheet gives it (contract §11: a what-if
        # changes the fewest supervisors), exactly as from the folder with its CSV files.
        assert _supervision(out) == kept
