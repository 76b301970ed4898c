"""What a probe of stage 3 (supervisors and the calendar, contract §11) found in session 13 (d).

Hand-made cohorts of 5 to 7 teams, ``accompagnateurs.csv`` with French headers, ``;`` and
Windows-1252, checked against ``schedule.csv``/``supervision.csv`` read independently.

1. A commission's ``slots`` are "the programme's fixed dates the institution can attend"
   (§1) and "slot labels that are dates compare as dates" (§7): an institution writing
   ``15/4/2027`` offers the oral slot ``[calendar] dates`` puts on 2027-04-15, as a
   supervisor's ``unavailable`` day already kept them from it. Before, no team could defend
   (``run`` exit 3 "C5 has none of the oral slots"), and ``check`` called such an oral
   broken.
2. With supervisors.csv, ``run`` selected a proposal offering none of the oral slots
   (C4, for its distinct problem type) and then answered 3 at stage 3, though a selection
   without it keeps every rule. The selection now leaves it out whenever a selection exists
   without it (as it does for a proposal too small for any team, probe s12a), its reason
   says why, and ``validate`` warns (or, when every selection holds it, answers 3).
3. ``[calendar] dates`` putting two slots on one day (``oral_thu = "15/4/2027"``,
   ``oral_fri = "2027-04-15"``) gave a plan with Anne Lambert at two orals at 09:00 that
   day, in two towns (each event keeps to its slot). Two slots *named* by one day were
   already refused; two slots *dated* one day now are too (exit 2 naming
   ``calendar.dates``), nothing written.
4. ``oral_slots`` that no commission offers: ``plan`` answered 3 naming one team (the
   first the solver met, C6), so a director fixing it met the next one at the next run;
   each team whose commission offers none of them is named now.
5. ``whatif --withdraw-supervisor "Chloé Martin"`` was refused (exit 2, "no supervisor has
   this id") although the report names supervisors so and ``check`` reads an edited
   supervision.csv's names; a name that one supervisor has is read as their id now.
6. ``check`` of a result without plan files (a run stopped before its plan, or made before
   supervisors.csv was added) while the instance has supervisors said "The result holds
   every rule" and nothing of stage 3; it warns now that the plan was not checked.
7. ``oral_window = ["9:00", "17:00"]`` was refused (exit 2, "'9:00' is not a time") though
   an edited schedule.csv's ``9:00`` or ``09:00:00`` is read; the windows read times the
   same way now (``9:00``, ``9h30``, ``09:00:00``), kept as ``HH:MM``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cohortfiles import invoke

STUDENTS_HEADER = "matricule;nom;formation;choix\n"
BACKGROUNDS = ("assistant social", "éducateur", "GRH", "infirmier")
SUPERVISORS = (
    "identifiant;nom;équipes max;secteurs;liens;indisponible\n"
    "A1;Anne Lambert;;CPAS;;15/4/2027\n"
    "A2;Benoît Dupont;;handicap|santé;;\n"
    "A3;Chloé Martin;;aide à la jeunesse;;16/04/2027\n"
)


def _cohort(folder: Path, commissions: str, settings: str, supervisors: str = SUPERVISORS) -> Path:
    """A cohort as a French-locale spreadsheet writes it: ``;``, Windows-1252, French
    headers; four students per commission, each listing three of them."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [line.split(";")[0] for line in commissions.strip().splitlines()[1:]]
    rows = [
        f"S{i:02d};Étudiant {i};{BACKGROUNDS[i % 4]};"
        + "|".join(ids[(i + k) % len(ids)] for k in range(3))
        for i in range(1, 4 * len(ids) + 1)
    ]
    (folder / "commissions.csv").write_bytes(commissions.encode("cp1252"))
    (folder / "students.csv").write_bytes(
        (STUDENTS_HEADER + "\n".join(rows) + "\n").encode("cp1252")
    )
    (folder / "accompagnateurs.csv").write_bytes(supervisors.encode("cp1252"))
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# --- 1. A commission's slots written as days ------------------------------------------------

DAYS = """identifiant;organisme;secteur;problématique;créneaux;commune
C1;CPAS de Namur;CPAS;évaluation;2026-10-01|2027-04-15;Namur
C2;AMO Le Cercle;aide à la jeunesse;diagnostic;2026-10-01|2027-04-16;Liège
C3;Maison d'accueil Sainte-Thérèse;handicap;évaluation;2026-10-01|2027-04-15|2027-04-16;Namur
C4;Service d'aide, logement;logement;étude de faisabilité;2026-10-01|2027-04-16;
C5;Hôpital Saint-Luc;santé;diagnostic;2026-10-01|2027-04-15;Bruxelles
"""
NAMED_DATED = """[selection]
count = 5
[calendar]
visit_slot = "visite"
oral_slots = ["oral jeudi", "oral vendredi"]
dates = { visite = "1/10/2026", "oral jeudi" = "15/4/2027", "oral vendredi" = "16/4/2027" }
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_commission_offering_a_day_offers_the_oral_slot_dated_that_day(
    tmp_path: Path, lang: str
) -> None:
    # §1 "slots: ;-list of the programme's fixed dates the institution can attend";
    # §7 "Slot labels that are dates compare as dates"; §11 "every team's oral lies inside
    # oral_window of one of the oral_slots that its commission has in its slots".
    folder = _cohort(tmp_path / "cohorte", DAYS, NAMED_DATED)
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    offered = {
        "C1": {"2027-04-15"},
        "C2": {"2027-04-16"},
        "C3": {"2027-04-15", "2027-04-16"},
        "C4": {"2027-04-16"},
        "C5": {"2027-04-15"},
    }
    orals = [r for r in _rows(out / "schedule.csv") if r["event"] == "oral"]
    assert len(orals) == 5
    for row in orals:
        assert row["date"] in offered[row["commission_id"]], row
        # A1 cannot come on 15/4/2027, A3 on 16/04/2027 (written another way).
        assert (row["supervisor_id"], row["date"]) not in {
            ("A1", "2027-04-15"),
            ("A3", "2027-04-16"),
        }, row
    code, output = invoke(["check", str(folder), "--result", str(out), "--lang", lang])
    assert code == 0, output


# --- 2. A proposal offering no oral slot -----------------------------------------------------

NO_ORAL = """identifiant;organisme;secteur;problématique;créneaux;localité
C1;CPAS de Namur;CPAS;évaluation;visit|oral_thu;Namur
C2;AMO Le Cercle;aide à la jeunesse;diagnostic;visit|oral_fri;Liège
C3;Maison d'accueil Sainte-Thérèse;handicap;évaluation;visit|oral_thu;Namur
C4;Service d'aide, logement;logement;étude de faisabilité;visit;
C5;Hôpital Saint-Luc;santé;diagnostic;visit|oral_thu|oral_fri;Bruxelles
C6;Centre « L'Étoile »;insertion;évaluation;visit|oral_fri;liège
C7;Foyer Sud;logement;diagnostic;visit|oral_thu;Mons
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_run_leaves_out_a_proposal_whose_team_could_defend_nowhere(
    tmp_path: Path, lang: str
) -> None:
    # §11 "every team's oral lies inside oral_window of one of the oral_slots that its
    # commission has in its slots"; §2 exit 3 only when "no solution satisfies the rules":
    # selecting C7 instead of C4 keeps every rule.
    folder = _cohort(tmp_path / "cohorte", NO_ORAL, "[selection]\ncount = 6\n")
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    selection = {r["id"]: r for r in _rows(out / "selection.csv")}
    assert selection["C4"]["selected"] == "no"
    # The last reserve, saying why it can take no team (probe s25: it had no rank).
    assert selection["C4"]["reserve_rank"] == "1"
    assert "oral_thu" in selection["C4"]["reason"] and "C4" in selection["C4"]["reason"]
    code, output = invoke(["validate", str(folder), "--lang", lang])
    assert code == 0, output
    assert "C4" in output and "oral_thu" in output, output


def test_validate_answers_3_when_every_selection_holds_a_proposal_without_oral_slot(
    tmp_path: Path,
) -> None:
    # §2 "`3` no solution satisfies the rules"; validate "prints ... warnings": with all
    # six proposals to select and none offering oral_mon, no plan can exist.
    commissions = NO_ORAL.replace("C7;Foyer Sud;logement;diagnostic;visit|oral_thu;Mons\n", "")
    folder = _cohort(
        tmp_path / "cohorte",
        commissions,
        '[selection]\ncount = 6\n[calendar]\noral_slots = ["oral_mon"]\n',
    )
    code, output = invoke(["validate", str(folder), "--lang", "fr"])
    assert code == 3, output
    assert "C1 n'a aucun des créneaux de soutenance (oral_mon)" in output, output


# --- 3. Two slots dated one day --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_two_slots_dated_one_day_are_refused(tmp_path: Path, lang: str) -> None:
    # §11 "a supervisor ... is never in two events at once"; §4 "wrong types are invalid
    # input (exit 2, naming the key)"; §2 "On 2, 3 and 4 the command writes no output".
    settings = (
        "[selection]\ncount = 6\n[calendar]\n"
        'dates = { visit = "2026-10-01", oral_thu = "15/4/2027", oral_fri = "2027-04-15" }\n'
    )
    folder = _cohort(
        tmp_path / "cohorte",
        NO_ORAL.replace("C4;Service d'aide, logement;logement;étude de faisabilité;visit;\n", ""),
        settings,
    )
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang])
    assert code == 2, output
    assert "calendar.dates" in output and "oral_thu" in output and "oral_fri" in output
    assert ("tombent tous deux le" if lang == "fr" else "are both on") in output
    assert not out.exists()


# --- 4. Oral slots no commission offers ------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plan_names_every_team_that_could_defend_nowhere(tmp_path: Path, lang: str) -> None:
    # §11 "No plan satisfies the rules: exit 3 naming the conflicting rules in the cohort's
    # terms"; §2 "for no solution, which rules conflict, in the cohort's own terms (ids,
    # names, slots, counts)".
    commissions = NO_ORAL.replace(
        "C4;Service d'aide, logement;logement;étude de faisabilité;visit;\n", ""
    )
    folder = _cohort(tmp_path / "cohorte", commissions, "[selection]\ncount = 6\n")
    result = tmp_path / "result"
    code, output = invoke(["run", str(folder), "--out", str(result), "--quiet"])
    assert code == 0, output
    other = tmp_path / "autre.toml"
    other.write_text('[selection]\ncount = 6\n[calendar]\noral_slots = ["oral_mon"]\n')
    out = tmp_path / "plan"
    args = ["plan", str(folder), "--result", str(result), "--out", str(out), "--lang", lang]
    code, output = invoke([*args, "--settings", str(other)])
    assert code == 3, output
    for cid in ("C1", "C2", "C3", "C5", "C6", "C7"):
        assert f"{cid} (" in output, (cid, output)
    assert not out.exists()


# --- 5. A supervisor withdrawn by name -------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_withdraw_supervisor_by_the_name_the_report_shows(tmp_path: Path, lang: str) -> None:
    # §11 "`whatif` gains `--withdraw-supervisor ID`"; §7 "Messages speak the director's
    # words"; README: check reads "a supervisor typed by name rather than id, when one
    # supervisor has that name".
    supervisors = SUPERVISORS + "A4;Dimitri Van der Straeten;;logement|CPAS;;\n"
    folder = _cohort(tmp_path / "cohorte", DAYS, NAMED_DATED, supervisors)
    result = tmp_path / "result"
    code, output = invoke(["run", str(folder), "--out", str(result), "--quiet"])
    assert code == 0, output
    out = tmp_path / "after"
    args = ["whatif", str(folder), "--from", str(result), "--out", str(out), "--lang", lang]
    code, output = invoke([*args, "--withdraw-supervisor", "chloé  MARTIN", "--quiet"])
    assert code == 0, output
    assert {r["supervisor_id"] for r in _rows(out / "supervision.csv")} <= {"A1", "A2", "A4"}


# --- 6. check of a result without a plan ------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_says_when_a_result_holds_no_plan(tmp_path: Path, lang: str) -> None:
    # §11 "every team has exactly one supervisor"; §2 "`matcher check` ... checks a result
    # ... against every rule": a silent pass would read as the plan's too.
    folder = _cohort(tmp_path / "cohorte", DAYS, NAMED_DATED)
    result = tmp_path / "result"
    code, output = invoke(["run", str(folder), "--out", str(result), "--quiet"])
    assert code == 0, output
    # result.xlsx too: its Schedule sheet is a plan, checked since session 18.
    for name in ("supervision.csv", "schedule.csv", "calendar.ics", "result.xlsx"):
        (result / name).unlink()
    code, output = invoke(["check", str(folder), "--result", str(result), "--lang", lang])
    assert code == 0, output
    said = "ne contient pas de planning" if lang == "fr" else "holds no plan"
    assert said in output and "accompagnateurs.csv" in output, output


# --- 7. Window times as people write them ------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_windows_read_times_as_the_plan_files_do(tmp_path: Path, lang: str) -> None:
    # §7 "Messages speak the director's words"; README: schedule.csv's "times as 9:00 or
    # 09:00:00 are read too"; §11 "every team's visit lies inside visit_window".
    settings = (
        NAMED_DATED + 'visit_window = ["8h30", "12:30:00"]\noral_window = ["9:00", "17:00"]\n'
    )
    folder = _cohort(tmp_path / "cohorte", DAYS, settings)
    out = tmp_path / "out"
    code, output = invoke(["run", str(folder), "--out", str(out), "--lang", lang, "--quiet"])
    assert code == 0, output
    for row in _rows(out / "schedule.csv"):
        low, high = ("08:30", "12:30") if row["event"] == "visit" else ("09:00", "17:00")
        assert low <= row["start"] < row["end"] <= high, row
