"""Session 39's wording fixes (explanations, suggestions, settings), each with the probe
that found it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from cohortfiles import TWO_COMMISSIONS, invoke, write_cohort
from conftest import DEMO
from csvrows import read_rows
from test_probe_s14c import PINNED

from matcher.explanation import Explanation
from matcher.labels import label


@pytest.mark.parametrize("partner", ["Hélène Noël", "Hugo Piret", "Hervé Maes", "Henri Lenoir"])
def test_de_is_elided_before_a_first_name_with_a_mute_h(partner: str) -> None:
    """Probe s39e (1): « Marc Vidal doit être séparé·e de Hélène Noël » read « de » where
    French elides before a mute h, as before a vowel: « séparé·e d'Hélène Noël »."""
    said = label(
        "explain_rule_apart_pinned", "fr", member="Marc Vidal", partner=partner, wanted="T1"
    )
    assert f"Marc Vidal doit être séparé·e d'{partner}, dont l'équipe imposée est T1" == said
    english = label(
        "explain_rule_apart_pinned", "en", member="Marc Vidal", partner=partner, wanted="T1"
    )
    assert f"must be kept apart from {partner}, who is pinned to T1" in english


@pytest.mark.parametrize(
    ("partner", "kept"),
    [
        ("H1", "de H1"),  # a code
        ("Huy", "de Huy"),  # an aspirated h
        ("Haute École Robert Schuman", "de Haute École"),
        ("Hsu Lin", "de Hsu Lin"),  # no vowel after the h
        ("Bob Pire", "de Bob Pire"),
    ],
)
def test_de_stays_before_a_code_an_aspirated_h_or_a_consonant(partner: str, kept: str) -> None:
    said = label(
        "explain_rule_apart_pinned", "fr", member="Marc Vidal", partner=partner, wanted="T1"
    )
    assert f"séparé·e {kept}" in said


def test_a_free_wish_with_nobody_else_moving_is_not_said_at_no_cost() -> None:
    """Probe s39e (2): "Granting Tom Swap R2 (their first choice) is free: nobody else moves
    at no cost"; nobody moving is said once. With a mover the sentence is as it was."""
    alone = Explanation("S7", "Tom Swap", "R3", "R2", 1, "free", displaced=0)
    assert alone.reason("en") == (
        "Granting Tom Swap R2 (their first choice) is free: nobody else moves"
    )
    assert alone.reason("fr") == (
        "Accorder R2 (son premier choix) à Tom Swap ne coûte rien : personne d'autre ne "
        "change d'équipe"
    )
    moved = (("S2", "Sara", "R2", "R3"),)
    one = Explanation("S7", "Tom Swap", "R3", "R2", 1, "free", displaced=1, moved=moved)
    assert one.reason("en") == (
        "Granting Tom Swap R2 (their first choice) is free: Sara moves from R2 to R3 at no cost"
    )
    assert one.reason("fr").endswith("ne coûte rien : Sara passe de R2 à R3")


def test_selection_reasons_say_pinned_students_gender_neutrally(tmp_path: Path) -> None:
    """Probe s39e (3): « retenue (M010 y est imposé) », « (M005 et M021 y sont imposés) »
    spoke of pinned students of any gender in the masculine, where the rest says
    « imposé·e »; a result written before (the masculine words) is still read as matcher's
    own reason, worded again in the reader's language."""
    cohort = write_cohort(tmp_path / "cohort", PINNED)
    fr = tmp_path / "fr"
    code, output = invoke(["run", str(cohort), "--out", str(fr), "--lang", "fr", "--quiet"])
    assert code == 0, output
    written = {row["id"]: row["reason"] for row in read_rows(fr / "selection.csv")}
    assert written["C1"] == "retenue (S1 et S2 y sont imposé·e·s)"
    assert written["C2"] == "retenue (S4 y est imposé·e)"
    # The same result as an older matcher wrote it.
    selection = fr / "selection.csv"
    old = selection.read_text(encoding="utf-8-sig")
    old = old.replace("y sont imposé·e·s)", "y sont imposés)").replace("imposé·e)", "imposé)")
    assert "y sont imposés)" in old and "y est imposé)" in old
    selection.write_text(old, encoding="utf-8")
    for lang, one, many in (
        ("en", "selected (S4 is pinned to it)", "selected (S1 and S2 are pinned to it)"),
        ("fr", "retenue (S4 y est imposé·e)", "retenue (S1 et S2 y sont imposé·e·s)"),
    ):
        out = tmp_path / f"report_{lang}"
        args = ["report", str(cohort), "--result", str(fr), "--out", str(out), "--lang", lang]
        code, output = invoke([*args, "--quiet"])
        assert code == 0, output
        again = {row["id"]: row["reason"] for row in read_rows(out / "selection.csv")}
        assert (again["C2"], again["C1"]) == (one, many)
        assert one in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("setting", "lang", "said"),
    [
        (
            "[calendar]\noral_window = [9, 17]",
            "en",
            "key 'calendar.oral_window': its start time: 9 is not accepted: expected a time "
            'HH:MM in quotes, e.g. ["09:00", "17:00"]',
        ),
        (
            "[calendar]\noral_window = [9.0, 17.5]",
            "fr",
            "clé « calendar.oral_window » : son heure de fin : 17.5 ne convient pas : il faut "
            'une heure HH:MM entre guillemets, p. ex. ["09:00", "17:00"]',
        ),
        (
            '[calendar]\nvisit_window = ["09:00", 13]',
            "en",
            "its end time: 13 is not accepted: expected a time HH:MM in quotes, e.g. "
            '["09:00", "13:00"]',
        ),
        (
            "[teams]\nno_isolation = [1]",
            "en",
            "key 'teams.no_isolation': 1 is not accepted: expected a condition attribute=value "
            "in quotes, with an attribute among background, vae, employed, gender "
            '(e.g. ["vae=yes"])',
        ),
        (
            "[teams]\nno_isolation = [1]",
            "fr",
            "clé « teams.no_isolation » : 1 ne convient pas : il faut une condition "
            "attribut=valeur entre guillemets, avec un attribut parmi formation, vae, en "
            'emploi, genre (p. ex. ["vae=oui"])',
        ),
    ],
)
def test_a_window_time_or_a_condition_without_quotes_is_told_what_it_must_be(
    tmp_path: Path, setting: str, lang: str, said: str
) -> None:
    """Probe s39a (D6): « oral_window = [9, 17] » was told "expected a text in quotes", and
    ["9", "17"] was then refused « '9' is not a time: expected HH:MM »; « no_isolation = [1] »
    got the same words, without the conditions accepted."""
    files = {
        "commissions.csv": TWO_COMMISSIONS,
        "students.csv": "id,background,vae\nS1,AS,oui\nS2,AS,non\n",
        "settings.toml": f"[selection]\ncount = 2\n{setting}\n",
    }
    cohort = write_cohort(tmp_path / "cohort", files)
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2, output
    assert said in " ".join(output.split()), output
    assert "text in quotes" not in output and "texte entre guillemets" not in output


@pytest.mark.parametrize(
    ("lang", "written", "said"),
    [
        (
            "fr",
            "Michaux",
            "--student Michaux : pas un étudiant de la cohorte : vouliez-vous dire "
            "S002 (Sarah Michaux) ?",
        ),
        (
            "en",
            "michaux",
            "--student michaux: not a student of the cohort: did you mean S002 (Sarah Michaux)?",
        ),
        (
            "en",
            "Dupont",
            "did you mean S001 (Pauline Dupont), S007 (Karim Dupont) or S045 (Léa Dupont)?",
        ),
    ],
)
def test_explain_suggests_the_students_a_surname_alone_names(
    demo_result: Path, lang: str, written: str, said: str
) -> None:
    """Probe s39a (D7): ``explain --student "Dupont"`` (one Dupont) had no suggestion where
    « Anne Dupon » had one; every student bearing the word is offered, as ties are."""
    args = ["explain", str(DEMO), "--result", str(demo_result), "--student", written]
    code, output = invoke([*args, "--lang", lang])
    assert code == 2, output
    assert said in " ".join(output.split()), output


def test_a_supervisor_written_by_surname_alone_gets_a_suggestion(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39a (D7): « Dubois » typed for A01 (Thomas Dubois) in supervision.csv was « not
    in supervisors.csv » with no suggestion, where « Thomas Duboiss » had one."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    (result / "result.xlsx").unlink()
    supervision = result / "supervision.csv"
    rows = supervision.read_text(encoding="utf-8-sig").splitlines()
    edited = [rows[0]] + [line.replace(",A01,", ",Dubois,") for line in rows[1:]]
    assert edited != rows
    supervision.write_text("\n".join(edited) + "\n", encoding="utf-8")
    for lang, said in (
        ("en", "Dubois, is not in supervisors.csv: did you mean A01 (Thomas Dubois)?"),
        ("fr", "Dubois, n'est pas dans supervisors.csv : vouliez-vous dire A01 (Thomas Dubois) ?"),
    ):
        code, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", lang])
        assert code == 3, output
        assert said in " ".join(output.split()), output


def test_the_schedule_sheet_differing_from_schedule_csv_writes_days_as_belgians_do(
    demo_result: Path, tmp_path: Path
) -> None:
    """Probe s39a (minor): « A1, visit 2026-11-19, 09:00–10:30 dans schedule.csv » wrote
    the day as ISO where every other message (the what-if's moved events) writes
    19/11/2026; the demo's slot « visit-2026-11-19 » was said before it too."""
    result = tmp_path / "result"
    shutil.copytree(demo_result, result)
    book = openpyxl.load_workbook(result / "result.xlsx")
    sheet = book["Schedule"]
    header = [cell.value for cell in sheet[1]]
    row = 2
    iso = str(sheet.cell(row=row, column=header.index("Date") + 1).value)[:10]
    start = sheet.cell(row=row, column=header.index("Start") + 1)
    end = sheet.cell(row=row, column=header.index("End") + 1)
    written = f"{start.value}–{end.value}"
    start.value, end.value = "07:00", "07:05"
    book.save(result / "result.xlsx")
    year, month, day = iso.split("-")
    for lang, where in (("en", "in schedule.csv"), ("fr", "dans schedule.csv")):
        _, output = invoke(["check", str(DEMO), "--result", str(result), "--lang", lang])
        said = " ".join(output.split())
        assert f", {day}/{month}/{year}, {written} {where}" in said, said
        assert f", {day}/{month}/{year}, 07:00–07:05" in said, said
        assert iso not in said, said
