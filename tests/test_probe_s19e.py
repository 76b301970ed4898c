"""Session 19 probe e: slot labels and dates as people write them (contract §1, §4, §5, §7).

What the probe found on hand-written cohorts (the same slot written ``1/10/2026``,
``01/10/26``, ``1.10.2026``, ``jeudi 1 octobre 2026``, ``2026-10-01`` … across
commissions.csv, settings.toml and supervisors.csv):
- ``oral_jeudi`` in a proposal's slots was not the ``oral jeudi`` of ``any_slots``: the
  proposal was "not available", though headers fold ``_`` as a space (§1);
- a date exported with its time (``01/10/2026 18:00``) was no day: the proposal was "not
  available: 1/10/2026", silently;
- a text written as a date that the calendar has not (``31/02/2027``, ``13/13/2026``, a
  supervisor's ``31/04/2027``) was compared as a label without a word in commissions.csv;
- a month-first date (``10/1/2026`` for 1 October) was read as 10 January without a word,
  though the settings name 1 October and nothing names 10 January; ``4/15/2027`` was
  only "no day", not "15 April read month first";
- a proposal writing the date ``[calendar] dates`` gives an oral slot (``15-04-2027`` for
  ``oral jeudi = "15/4/2027"``) was "not available: oral jeudi or oral vendredi" in stage
  1, while stage 3 plans its oral on that slot; validate also warned that the slot
  appears in no proposal's slots.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

from matcher.text import slot_key

COMMISSIONS = (
    "Code;Organisme;Secteur;Problématique;Créneaux\n"
    "C01;CPAS de Namur;CPAS;évaluation;1/10/2026;Oral jeudi\n"
    "C02;AMO Le Cercle;aide à la jeunesse;diagnostic;01/10/2026 18:00;Oral jeudi\n"
    "C03;ASBL Handi;handicap;étude de faisabilité;oral_jeudi;2026-10-01\n"
    "C04;Maison médicale;santé;évaluation;31/02/2027;Oral jeudi\n"
    "C05;Lire et écrire;insertion;diagnostic;10/1/2026;Oral jeudi\n"
    "C06;Habitat;logement;formation;1.10.2026;ORAL  JEUDI\n"
)
STUDENTS = "id;background\n" + "".join(f"S{i};{'AS' if i % 2 else 'GRH'}\n" for i in range(1, 9))
SETTINGS = (
    '[selection]\ncount = 2\nrequired_slots = ["1/10/2026"]\n'
    'any_slots = [["oral jeudi", "oral vendredi"]]\n'
)


def _cells(rows: str) -> str:
    # The slots cell holds a `;`: quoted, as a spreadsheet writes it.
    out = []
    for line in rows.splitlines():
        head = line.split(";")
        out.append(";".join(head[:4]) + (';"' + ";".join(head[4:]) + '"' if len(head) > 4 else ""))
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("s19e")
    files = {"commissions.csv": _cells(COMMISSIONS), "students.csv": STUDENTS}
    return write_cohort(folder, files | {"settings.toml": SETTINGS})


def test_underscore_and_hyphen_join_a_label_as_spaces() -> None:
    # Headers fold `_` and `-` as spaces (§1); a slot label typed oral_jeudi in one file
    # and « Oral jeudi » in another is the same oral day for the director.
    assert slot_key("oral_jeudi") == slot_key("Oral jeudi") == slot_key("ORAL  JEUDI")
    assert slot_key("oral-jeudi") == slot_key("oral jeudi")
    assert slot_key("presentation-2026-10-01") != slot_key("2026-10-01")


def test_a_date_with_its_time_is_its_day() -> None:
    # A spreadsheet exports a date cell with its time; the programme's fixed dates are days.
    assert slot_key("01/10/2026 18:00") == slot_key("2026-10-01T00:00:00") == "2026-10-01"
    assert slot_key("1/10/2026 14h") == slot_key("1/10/2026 9h30") == "2026-10-01"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_eligibility_and_warnings_name_the_slot_as_written(cohort: Path, lang: str) -> None:
    code, out = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, out
    # C02 (day with a time), C03 (oral_jeudi), C06 (1.10.2026, ORAL  JEUDI) offer both
    # slots; C04 (no such day) and C05 (10 January) do not offer 1/10/2026.
    eligible = out.split("not eligible" if lang == "en" else "non éligibles")[1]
    assert "C02" not in eligible and "C03" not in eligible and "C06" not in eligible
    assert "C04" in eligible and "C05" in eligible
    row, column = ("row", "column") if lang == "en" else ("ligne", "colonne")
    # Each spelling the program reads otherwise than written is said: file, row, column.
    assert f"commissions.csv, {row} 3, {column}" in out and "01/10/2026 18:00" in out
    assert f"commissions.csv, {row} 5, {column}" in out and "31/02/2027" in out
    assert f"commissions.csv, {row} 6, {column}" in out and "10/1/2026" in out
    if lang == "fr":
        assert "« 01/10/2026 18:00 » est lu comme le jeudi 1er octobre 2026" in out
        assert "n'est aucun jour du calendrier" in out
        assert "lu le mois d'abord" in out and "jeudi 1er octobre 2026" in out
    else:
        assert "'01/10/2026 18:00' is read as Thursday 1 October 2026" in out
        assert "is no day of the calendar" in out
        assert "read month first" in out and "Thursday 1 October 2026" in out


DATED_COMMISSIONS = (
    "id,institution,sector,problem_type,slots\n"
    "C01,CPAS de Namur,CPAS,évaluation,9/10/2026;Oral jeudi\n"
    "C02,AMO Le Cercle,aide à la jeunesse,diagnostic,09/10/26;15-04-2027\n"
    "C03,ASBL Handi,handicap,étude de faisabilité,2026-10-09;16/04/2027\n"
    "C04,Maison médicale,santé,évaluation,9/10/2026;22/4/2027\n"
)
DATED_SETTINGS = (
    '[selection]\ncount = 2\nrequired_slots = ["9/10/2026"]\n'
    'any_slots = [["oral jeudi", "ORAL vendredi"]]\n'
    '[calendar]\nvisit_slot = "visit"\noral_slots = ["Oral jeudi", "oral_vendredi"]\n'
    'dates = { visit = "9.10.2026", "oral jeudi" = "15/4/2027", "Oral vendredi" = "16/04/27" }\n'
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_proposal_writing_the_date_of_an_oral_slot_offers_it(tmp_path: Path, lang: str) -> None:
    # [calendar] dates says oral jeudi IS 15/4/2027: an institution writing the date can
    # attend that oral, as stage 3 already reads it (README "Stage 3": "15/4/2027 offers
    # the oral slot [calendar] dates puts on that day"); stage 1 said "not available: oral
    # jeudi or ORAL vendredi". C04 offers 22/4/2027, no oral day: not available.
    cohort = write_cohort(
        tmp_path,
        {
            "commissions.csv": DATED_COMMISSIONS.replace(";", "|"),
            "students.csv": STUDENTS.replace(";", ","),
            "settings.toml": DATED_SETTINGS,
        },
    )
    code, out = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, out
    eligible = out.split("not eligible" if lang == "en" else "non éligibles")[1]
    assert "C02" not in eligible and "C03" not in eligible
    assert "C04" in eligible and "oral jeudi" in eligible and "ORAL vendredi" in eligible
    # No slot of the settings is said to be in no proposal's slots: each is offered.
    assert "no proposal" not in out and "aucune commande" not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_month_first_day_that_is_no_day_first_day_says_which_it_may_be(
    tmp_path: Path, lang: str
) -> None:
    # 4/15/2027 (American) is no day read day first; read month first it is the oral day
    # the settings name: the warning says so rather than only "no day" (the director's
    # likeliest slip), naming the supervisor, in both languages.
    supervisors = "id,name,unavailable\nA1,Anne,4/15/2027\nA2,Bert,\n"
    cohort = write_cohort(
        tmp_path,
        {
            "commissions.csv": DATED_COMMISSIONS.replace(";", "|"),
            "students.csv": STUDENTS.replace(";", ","),
            "settings.toml": DATED_SETTINGS,
            "supervisors.csv": supervisors,
        },
    )
    code, out = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, out
    assert "A1" in out and "4/15/2027" in out
    if lang == "fr":
        assert "lu le mois d'abord, ce serait le jeudi 15 avril 2027" in out
    else:
        assert "read month first it would be Thursday 15 April 2027" in out
