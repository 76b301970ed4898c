"""What the acceptance probe of session 11 found wrong on hand-made cohorts, each case
checked against the contract's words.

The cohort is written as a French spreadsheet exports it: Windows-1252, ``;``-delimited,
French headers (``Prénom``/``Nom``, ``Choix 1``…), years of experience that differ between
students so that the ``experience`` priority has a value people must read in years.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

COMMISSIONS = """Code;Organisme;Secteur;Problématique;Créneaux
K1;AMO Le Cercle;aide à la jeunesse;diagnostic;9/10/2026|15/04/2027
K2;CPAS de Namur;CPAS;évaluation;09/10/2026|16/04/2027
K3;Foyer Sainte-Anne;handicap;évaluation;2026-10-09|15-04-2027
"""

STUDENTS = """Matricule;Nom;Prénom;Formation initiale;VAE;Genre;Années d'expérience;Choix 1;Choix 2
S1;Dubois;Ana;AS;oui;F;1;K1;K2
S2;Lenoir;Bruno;éducateur;non;M;12;K2;K1
S3;Martin;Cléo;AS;x;F;3;K1;K3
S4;Petit;Dan;éducateur;;M;0;K2;K3
S5;Simon;Eva;AS;non;F;7;K3;K1
S6;Ziani;Farid;éducateur;non;M;2;K3;K2
"""


def _cohort(folder: Path) -> Path:
    folder.mkdir()
    for name, body in (("commissions.csv", COMMISSIONS), ("students.csv", STUDENTS)):
        (folder / name).write_bytes(body.replace("\n", "\r\n").encode("cp1252"))
    (folder / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    return folder


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture
def ran(tmp_path: Path) -> dict[str, Path]:
    cohort = _cohort(tmp_path / "cohorte")
    out = tmp_path / "résultat"
    code, output = _invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    return {"cohort": cohort, "out": out, "tmp": tmp_path}


@pytest.mark.parametrize("lang, unit", [("fr", " ans"), ("en", " years")])
def test_check_and_report_show_the_experience_priority_in_years(
    ran: dict[str, Path], lang: str, unit: str
) -> None:
    """``check`` and ``report`` print each priority beside the solver's value. The
    experience priority is a spread of years (README: the solver's integer divided by 10·N);
    ``run``'s own table shows it as "11,0 ans". The check table showed the solver's raw
    integer (4390 for a 40-student cohort), a number no director can read, and one that
    disagrees with the end-of-run table for the same result."""
    cohort, out = ran["cohort"], ran["out"]
    code, output = _invoke(["check", str(cohort), "--result", str(out), "--lang", lang])
    assert code == 0, output
    rows = [line for line in output.splitlines() if "exp" in line.lower() and "(min)" in line]
    assert len(rows) == 1, output
    # Both the value and the solver's value carry the unit: two "years".
    assert rows[0].count(unit) == 2, rows[0]
    report = ran["tmp"] / "rapport"
    code, output = _invoke(
        ["report", str(cohort), "--result", str(out), "--out", str(report), "--lang", lang]
    )
    assert code == 0, output
    rows = [line for line in output.splitlines() if "exp" in line.lower() and "(min)" in line]
    assert rows and all(unit in row for row in rows), output


def _rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_selection_made_by_hand_gets_reserves_and_reasons(tmp_path: Path) -> None:
    """A director may write the selection themselves: ``id, selected`` only, and not every
    proposal listed. Contract §3: selection.csv gives ``reserve_rank`` 1, 2, … to every
    eligible proposal not selected and a ``reason`` sentence to every proposal. ``assign``
    wrote no rank at all and empty reasons, so a later withdrawal had no reserve to take its
    place; proposals absent from the file were said absent from "selection.csv", not from
    the file as named on disk.

    Here K1 and K2 are selected (count 2), K3 is written "no" and K4 (a second proposal of
    the AMO, whose institution is selected: it can replace no withdrawal) is absent: K3 is
    reserve 1, K4 reserve 2.
    """
    cohort = _cohort(tmp_path / "cohorte")
    with (cohort / "commissions.csv").open("ab") as handle:
        handle.write(
            "K4;AMO Le Cercle;handicap;diagnostic;9/10/2026|15/04/2027\r\n".encode("cp1252")
        )
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    chosen = tmp_path / "ma_sélection.csv"
    chosen.write_text("id,selected\nK1,oui\nK2,x\nK3,non\n", encoding="utf-8")
    out = tmp_path / "équipes"
    code, output = _invoke(
        ["assign", str(cohort), "--selection", str(chosen), "--out", str(out), "--lang", "fr"]
    )
    assert code == 0, output
    rows = {row["id"]: row for row in _rows(out / "selection.csv")}
    assert {i: rows[i]["reserve_rank"] for i in rows} == {"K1": "", "K2": "", "K3": "1", "K4": "2"}
    assert all(row["reason"].strip() for row in rows.values()), rows
    assert rows["K1"]["reason"] == "retenue (choisie à la main)"
    assert rows["K4"]["reason"] == "réserve 2 : absente de ma_sélection.csv"
    # The reserve now does its work: K2 withdraws, K3 takes its place with its team.
    after = tmp_path / "après"
    code, output = _invoke(
        ["whatif", str(cohort), "--from", str(out), "--out", str(after),
         "--withdraw-commission", "K2", "--lang", "fr"]
    )  # fmt: skip
    assert code == 0, output
    summary = json.loads((after / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"K2": "K3"}


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "fr",
            "no_isolation « genre=Femme » : aucun étudiant de students.csv n'y répond, elle ne "
            "change donc rien (valeurs trouvées : F, M)",
        ),
        (
            "en",
            "no_isolation 'genre=Femme': no student of students.csv meets it, so it keeps "
            "nothing (values found: F, M)",
        ),
    ],
)
def test_a_no_isolation_value_no_student_has_is_warned(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """``no_isolation = ["genre=Femme"]`` where the students' file writes ``F``: the
    condition matches nobody, so it keeps nothing, and validate said "valid" without a word
    (contract §2: no rule is ever dropped silently). It is not invalid input (a cohort may
    have no VAE student this year), so it is a warning naming the condition, the file and
    the values the file holds, enough to correct the typo. A condition some student meets
    (``vae=oui``) is not warned."""
    cohort = _cohort(tmp_path / "cohorte")
    (cohort / "settings.toml").write_text(
        '[selection]\ncount = 3\n[teams]\nno_isolation = ["genre=Femme", "vae=oui"]\n',
        encoding="utf-8",
    )
    code, output = _invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert expected in output, output
    assert output.count("no_isolation") == 1, output
