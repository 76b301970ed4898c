"""What the second acceptance probe of session 11 found wrong, each case checked against
the contract's words: a count of zero worded as people say it, an employer that may be
one of several institutions explained as what it is, and the workbench (contract §10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

# Three proposals, none available on the slot the settings require: no proposal is eligible.
NONE_ELIGIBLE = {
    "commissions.csv": "id;institution;secteur;problématique;disponibilités\n"
    "C1;CPAS de Namur;CPAS;évaluation;visit\n"
    "C2;AMO Le Cercle;jeunesse;diagnostic;visit\n"
    "C3;Asbl X;handicap;évaluation;oral_thu\n",
    "students.csv": 'matricule;nom;formation;choix\nS1;Anne;AS;"C1;C2"\nS2;Bob;GRH;C2\n',
    "settings.toml": '[selection]\ncount = 2\nrequired_slots = ["nothing"]\n',
}


@pytest.mark.parametrize(
    "lang, said, never",
    [
        ("fr", "aucune commande", "seulement 0"),
        ("en", "no proposal", "only 0"),
    ],
)
def test_no_eligible_proposal_is_said_as_none(
    tmp_path: Path, lang: str, said: str, never: str
) -> None:
    """With no proposal eligible, ``validate`` warns and ``select``/``run`` explain why no
    selection exists. "seulement 0 commande est éligible" / "only 0 proposals are eligible"
    is not how anyone says it (contract §7: messages speak the director's words); the zero
    case reads "aucune commande n'est éligible" / "no proposal is eligible"."""
    cohort = write_cohort(tmp_path / "cohorte", NONE_ELIGIBLE)
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    # No selection can exist: validate answers 3 since session 14 (s14j), as select does.
    assert code == 3, output
    assert never not in output, output
    assert said in output, output
    for command in ("select", "run"):
        out = tmp_path / f"out-{command}"
        code, output = invoke(
            [command, str(cohort), "--out", str(out), "--lang", lang, "--workers", "1"]
        )
        assert code == 3, output
        assert never not in output, output
        assert said in output, output


# CPAS fits CPAS de Namur and CPAS de Liège alike: S1 is kept off both commissions
# (contract §7, the safe side) and placed on C3, their third choice. S4 must stay with S1
# (together), so S4's wishes for C1 and C2 are barred by S1's employer.
AMBIGUOUS_EMPLOYER = {
    "commissions.csv": "id;institution;secteur;problématique\n"
    "C1;CPAS de Namur;CPAS;évaluation\n"
    "C2;CPAS de Liège;CPAS;diagnostic\n"
    "C3;Asbl X;handicap;évaluation\n",
    "students.csv": "matricule;nom;formation;employeur;choix\n"
    'S1;Anne;AS;CPAS;"C2;C1;C3"\n'
    'S2;Bob;GRH;;"C2;C1"\n'
    'S3;Cléo;AS;;"C1;C3"\n'
    'S4;Dan;GRH;;"C1;C3"\n'
    'S5;Eva;AS;;"C2;C3"\n'
    'S6;Farid;GRH;;"C3;C1"\n',
    "pairs.csv": "student_a;student_b;relation\nS1;S4;ensemble\n",
    "settings.toml": "[selection]\ncount = 3\n",
}


@pytest.mark.parametrize(
    "lang, own, partner",
    [
        (
            "fr",
            "son employeur, CPAS, peut être CPAS de Liège",
            "dont l'employeur, CPAS, peut être CPAS de Namur",
        ),
        (
            "en",
            "their employer, CPAS, may be CPAS de Liège",
            "whose employer, CPAS, may be CPAS de Namur",
        ),
    ],
)
def test_an_ambiguous_employer_is_explained_as_written(
    tmp_path: Path, lang: str, own: str, partner: str
) -> None:
    """An employer several institutions fit alike (``CPAS`` beside ``CPAS de Namur`` and
    ``CPAS de Liège``) keeps the student off each of their commissions, and validate warns
    it may be any of them. ``explain``'s ``impossible`` sentence said "their employer,
    CPAS de Liège, is the institution of C2": false, the student wrote ``CPAS``, and it
    names a different employer for C1. The sentence says what is known: the employer as
    written, and that it may be that institution; for a together-partner likewise."""
    cohort = write_cohort(tmp_path / "cohorte", AMBIGUOUS_EMPLOYER)
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    code, output = invoke(
        ["explain", str(cohort), "--result", str(out), "--lang", lang, "--workers", "1"]
    )
    assert code == 0, output
    assert own in output, output
    assert partner in output, output
    assert "CPAS de Liège, is" not in output and "CPAS de Liège, est" not in output, output


@pytest.mark.parametrize(
    "lang, said",
    [
        ("fr", "peut être son employeur (CPAS)"),
        ("en", "may be their employer (CPAS)"),
    ],
)
def test_check_names_an_ambiguous_employer_as_written(tmp_path: Path, lang: str, said: str) -> None:
    """``check`` on a result edited to put S1 (employer ``CPAS``, which fits both CPAS)
    on C2 breaks the conflict-of-interest rule (exit 3, contract §2). The broken rule said
    "whose institution is their employer (CPAS de Liège)": the student never wrote that.
    It says the institution may be their employer, CPAS as written."""
    cohort = write_cohort(tmp_path / "cohorte", AMBIGUOUS_EMPLOYER)
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    teams = out / "teams.csv"
    lines = teams.read_text(encoding="utf-8-sig").splitlines()
    edited = []
    for line in lines:
        cells = line.split(",")
        if cells[0] in ("S1", "S4"):
            cells[2] = "C2"  # S1 and their together-partner, onto CPAS de Liège
        edited.append(",".join(cells))
    teams.write_text("\n".join(edited) + "\n", encoding="utf-8")
    (out / "result.xlsx").unlink()
    code, output = invoke(["check", str(cohort), "--result", str(out), "--lang", lang])
    assert code == 3, output
    assert said in output, output
    assert "employeur (CPAS de Liège)" not in output, output
    assert "employer (CPAS de Liège)" not in output, output


# Six students with years of experience that differ (the experience priority has a value
# to read), three commissions of three institutions; French headers as exported.
EXPERIENCED = {
    "commissions.csv": "Code;Organisme;Secteur;Problématique\n"
    "K1;AMO Le Cercle;aide à la jeunesse;diagnostic\n"
    "K2;CPAS de Namur;CPAS;évaluation\n"
    "K3;Foyer Sainte-Anne;handicap;évaluation\n",
    "students.csv": "Matricule;Nom;Formation initiale;Années d'expérience;Choix 1;Choix 2\n"
    "S1;Ana;AS;1;K1;K2\nS2;Bruno;éducateur;12;K2;K1\nS3;Cléo;AS;3;K1;K3\n"
    "S4;Dan;éducateur;0;K2;K3\nS5;Eva;AS;7;K3;K1\nS6;Farid;éducateur;2;K3;K2\n",
    "settings.toml": "[selection]\ncount = 3\n",
}


@pytest.mark.parametrize("lang, unit", [("fr", " an"), ("en", " year")])
def test_the_board_shows_the_experience_priority_in_years(
    tmp_path: Path, lang: str, unit: str
) -> None:
    """The board shows every priority's value beside the optimum (contract §10). The
    experience priority is a spread of years: ``run``, ``check``, the report and the
    workbook show it in years ("0,7 an", README: the solver's integer divided by 10·N).
    The board showed the solver's raw integer (4320 for 36 students), a number no director
    can read and one that disagrees with the report of the same result."""
    import re

    from webrun import solved_workbench

    cohort = write_cohort(tmp_path / "cohorte", EXPERIENCED)
    client, bench = solved_workbench(cohort, tmp_path / "out", lang=lang)
    html = client.get("/").get_data(as_text=True)
    item = re.search(r'<li data-priority="experience"[^>]*>(.*?)</li>', html, re.S)
    assert item is not None, html
    shown = re.sub(r"<[^>]+>", "", item.group(1))
    # Both the value and the optimum carry the unit.
    assert shown.count(unit) == 2, shown
    outcome = bench.outcome
    assert outcome is not None and outcome.teams is not None
    raw = next(o.value for o in outcome.teams.stage.objectives if o.name == "experience")
    assert raw == 0 or str(raw) not in shown, shown


def test_the_live_progress_shows_the_experience_priority_in_years(tmp_path: Path) -> None:
    """The run's live progress table (contract §10: run with live progress) lists each
    priority's best value and bound; the experience priority there was the solver's raw
    integer too (``best|round|int``). It reads in years, as the board and the report."""
    import re

    from webrun import solved_workbench

    cohort = write_cohort(tmp_path / "cohorte", EXPERIENCED)
    client, bench = solved_workbench(cohort, tmp_path / "out", lang="fr")
    assert bench.progress is not None
    # The solve reported its experience priority (a spread of 26 tenths of a year·student).
    bench.progress.priorities["experience"] = (260.0, 120.0, 0.5)
    html = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr data-priority-name="experience">(.*?)</tr>', html, re.S)
    assert row is not None, html
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    # 260 / (10 × 6 students) = 4,3 ans; 120 / 60 = 2,0 ans.
    assert cells[1:3] == ["4,3 ans", "2,0 ans"], cells


@pytest.mark.parametrize("file", ["commandes.csv", "cohorte.xlsx"])
def test_a_count_above_the_proposals_names_their_file_as_on_disk(tmp_path: Path, file: str) -> None:
    """``count`` above the proposals received is invalid input naming the proposals' file.
    The message always said "(commissions.csv)", also for an instance whose proposals are
    in ``commandes.csv`` (an accepted name) or a workbook's sheet: contract §7, messages
    name "the file as named on disk"."""
    import openpyxl

    cohort = tmp_path / "cohorte"
    cohort.mkdir()
    (cohort / "settings.toml").write_text("[selection]\ncount = 9\n", encoding="utf-8")
    rows = [["id", "institution", "sector", "problem_type"], ["C1", "A", "s", "t"]]
    students = [["id", "background"], ["S1", "AS"], ["S2", "GRH"]]
    if file.endswith(".csv"):
        body = "\n".join(",".join(r) for r in rows) + "\n"
        (cohort / file).write_text(body, encoding="utf-8")
        (cohort / "students.csv").write_text("id,background\nS1,AS\nS2,GRH\n", encoding="utf-8")
        target = cohort
    else:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, table in (("commissions", rows), ("students", students)):
            sheet = book.create_sheet(name)
            for row in table:
                sheet.append(row)
        target = cohort / file
        book.save(target)
    args = ["validate", str(target), "--lang", "fr"]
    if file.endswith(".xlsx"):
        args += ["--settings", str(cohort / "settings.toml")]
    code, output = invoke(args)
    assert code == 2, output
    assert "count vaut 9" in output, output
    assert f"({file}" in output, output
    assert "(commissions.csv)" not in output, output


def _uploaded(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    """A French workbench with ``files`` uploaded (names as the director's disk has them)."""
    import io

    from matcher.web import create_app

    app = create_app(None, tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    upload = [(io.BytesIO(body.encode("utf-8")), name) for name, body in files.items()]
    answer = client.post("/upload", data={"files": upload}, content_type="multipart/form-data")
    assert answer.status_code == 200
    bench = app.extensions["workbench"]
    assert bench.instance is not None, bench.problems
    return client, bench


def test_the_settings_form_names_the_proposals_file_as_uploaded(tmp_path: Path) -> None:
    """An unknown id typed in the form's "Toujours retenir" is refused with the nearest
    known one; the message named "commissions.csv" though the director's proposals are in
    ``Commandes.csv`` (an accepted name; contract §7: the file as named on disk)."""
    files = {
        "Commandes.csv": EXPERIENCED["commissions.csv"],
        "Étudiants.csv": EXPERIENCED["students.csv"],
    }
    client, _ = _uploaded(tmp_path, files)
    html = client.post("/settings", data={"include": "K9"}).get_data(as_text=True)
    beside = re.search(r'id="problem-include"[^>]*>(.*?)</span>', html, re.S)
    assert beside is not None and "Commandes.csv" in beside.group(1), html
    assert "commissions.csv" not in beside.group(1)


def test_the_settings_form_problems_are_located_in_french(tmp_path: Path) -> None:
    """A value the form refuses is said beside its field in French, with the refusal beside
    Apply (since session 29; it was listed in the files' problems table, its "file" the
    English word "settings" in a French page, then « paramètres (cette page) »)."""
    from html import unescape

    client, _ = _uploaded(
        tmp_path,
        {
            "commissions.csv": EXPERIENCED["commissions.csv"],
            "students.csv": EXPERIENCED["students.csv"],
        },
    )
    html = unescape(client.post("/settings", data={"count": "abc"}).get_data(as_text=True))
    beside = re.search(r'id="problem-count"[^>]*>(.*?)</span>', html, re.S)
    assert beside is not None and "« abc » ne convient pas" in beside.group(1), html
    assert "Paramètres non appliqués" in html and 'data-role="problems"' not in html


# Two selected (C3, C4: priority 5) and two reserves of the CPAS (C2 then C1); S1, whose
# employer CPAS fits both CPAS alike, is on C3.
RESERVES_OF_THE_CPAS = {
    "commissions.csv": "id;institution;secteur;problématique;priorité\n"
    "C1;CPAS de Namur;CPAS;évaluation;1\n"
    "C2;CPAS de Liège;CPAS;diagnostic;2\n"
    "C3;Asbl X;handicap;évaluation;5\n"
    "C4;Asbl Y;jeunesse;diagnostic;5\n",
    "students.csv": "matricule;nom;formation;employeur;choix\n"
    'S1;Anne;AS;CPAS;"C3;C4"\nS2;Bob;GRH;;"C3;C4"\n'
    'S3;Cléo;AS;;"C4;C3"\nS4;Dan;GRH;;"C4;C3"\n',
    "settings.toml": '[selection]\ncount = 2\npriorities = ["priority"]\n'
    "[teams]\nmin_size = 1\nmax_size = 4\n",
}


@pytest.mark.parametrize(
    "lang, said, remain",
    [
        (
            "fr",
            "S1 peut travailler pour CPAS de Liège (son employeur : CPAS)",
            "il reste 1 commande ",
        ),
        ("en", "S1 may work for CPAS de Liège (their employer: CPAS)", "1 commission remains"),
    ],
)
def test_a_withdrawal_says_why_a_reserve_of_an_ambiguous_employer_is_refused(
    tmp_path: Path, lang: str, said: str, remain: str
) -> None:
    """C3 withdraws; both reserves are CPAS, and S1 of its team wrote ``CPAS``: neither
    may take the team whole (contract §6: no conflict of interest with its members). The
    warning said "S1 travaille pour CPAS de Liège" and, in the same sentence, "S1 travaille
    pour CPAS de Namur": each false alone and contradictory together. It says S1 may work
    there, the employer as written. And one commission left is "il reste 1 commande", not
    "1 commandes"."""
    cohort = write_cohort(tmp_path / "cohorte", RESERVES_OF_THE_CPAS)
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    team = next(line.split(",")[2] for line in teams.splitlines() if line.startswith("S1,"))
    after = str(tmp_path / "after")
    args = ["whatif", str(cohort), "--from", str(out), "--out", after, "--lang", lang]
    code, output = invoke([*args, "--withdraw-commission", team, "--workers", "1"])
    assert code == 0, output
    assert said in output, output
    assert remain in output, output
    assert "travaille pour CPAS de" not in output and "works for CPAS de" not in output, output
