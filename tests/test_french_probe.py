"""What a French-speaking director read wrong on cohorts the project had never seen (acceptance
probe of session 7), each case in French and in English.

The cohort is written here as a French Excel exports it: Windows-1252, ``;``-delimited,
French headers, ``|`` lists, ``oui``/``x`` flags, the students' file named
``étudiants.csv`` and the supervisors' ``accompagnateurs.csv`` with ``[calendar]`` dates.
Every student lists both selected proposals, and one student lists only a proposal the
settings exclude, so exactly one student is placed on a commission they did not list.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.explanation import Explanation

COMMISSIONS = """Identifiant;Commanditaire;Secteur;Type de problématique;Créneaux;Priorité;Commune
K1;AMO Le Cercle;aide à la jeunesse;diagnostic;visite|oral jeudi;1;Liège
K2;CPAS d'Écaussinnes;CPAS;évaluation;visite|oral jeudi;2;Écaussinnes
K3;Foyer Sainte-Anne;handicap;évaluation;visite|oral jeudi;0;Huy
"""

STUDENTS = """Matricule;Nom;Parcours;VAE;Genre;Expérience;Préférences
S1;Ana Dubois;AS;oui;F;1;K1|K2
S2;Bruno Lenoir;éducateur;non;H;2;K2|K1
S3;Cléo Martin;AS;x;F;3;K1|K2
S4;Dan Petit;éducateur;;H;4;K2|K1
S5;Eva Simon;AS;non;F;0;K3
S6;Farid Ziani;éducateur;non;H;2;K1|K2
"""

SUPERVISORS = """Identifiant;Nom;Équipes max;Expertise;Indisponible
A1;Anne Sœur;1;CPAS;
A2;Benoît Leroy;1;handicap;
"""

SETTINGS = """[selection]
count = 2
exclude = ["K3"]

[calendar]
visit_slot = "visite"
oral_slots = ["oral jeudi"]
dates = { "visite" = "9/11/2026", "oral jeudi" = "20-05-2027" }
"""


def _write(path: Path, body: str) -> None:
    path.write_bytes(body.replace("\n", "\r\n").encode("cp1252"))


def _cohort(folder: Path) -> Path:
    folder.mkdir()
    _write(folder / "commissions.csv", COMMISSIONS)
    _write(folder / "étudiants.csv", STUDENTS)
    _write(folder / "accompagnateurs.csv", SUPERVISORS)
    (folder / "settings.toml").write_text(SETTINGS, encoding="utf-8")
    return folder


def _report(out: Path) -> str:
    """report.html as a person reads it (entities such as ``'`` decoded)."""
    return html.unescape((out / "report.html").read_text(encoding="utf-8"))


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cohort, and ``run`` on it in each language (out_fr, out_en)."""
    root = tmp_path_factory.mktemp("probe")
    cohort = _cohort(root / "cohorte")
    found = {"cohort": cohort}
    for lang in ("fr", "en"):
        out = root / f"out_{lang}"
        code, _, err = _invoke("run", str(cohort), "--out", str(out), "--lang", lang, "--quiet")
        assert code == 0, err
        found[lang] = out
    return found


def test_one_unlisted_student_agrees_in_both_languages(ran: dict[str, Path]) -> None:
    """S5 listed only K3, which the settings exclude: one student is placed on a commission
    they did not list, and the report's plain sentence says so in the singular (it said
    "1 ont été placés" in French)."""
    french = _report(ran["fr"])
    assert "1 a été placé sur une commande hors de sa liste." in french
    assert "ont été placés" not in french
    english = _report(ran["en"])
    assert "1 was placed on a commission they did not list." in english


def test_no_unlisted_student_reads_none(tmp_path: Path) -> None:
    """Without S5 everybody is on a commission they listed: "aucun n'a été placé …" / "none
    was placed …", never "0 ont été placés" (the agreement left from session 6)."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(cohort / "étudiants.csv", STUDENTS.replace("S5;Eva Simon;AS;non;F;0;K3\n", ""))
    for lang, sentence in (
        ("fr", "aucun n'a été placé sur une commande hors de sa liste."),
        ("en", "none was placed on a commission they did not list."),
    ):
        out = tmp_path / f"out_{lang}"
        code, _, err = _invoke("run", str(cohort), "--out", str(out), "--lang", lang, "--quiet")
        assert code == 0, err
        report = _report(out)
        assert sentence in report
        assert "0 ont été placés" not in report and "0 were placed" not in report


def test_the_staff_priority_is_not_called_the_team(ran: dict[str, Path]) -> None:
    """In the report, "équipe" is a team of students: the selection priority that sums the
    staff's ratings read "somme des priorités de l'équipe", as if a team had rated it."""
    french = _report(ran["fr"])
    assert "somme des priorités données par l'équipe pédagogique" in french
    assert "somme des priorités de l'équipe" not in french
    english = _report(ran["en"])
    assert "sum of the staff's ratings" in english


def test_the_calendar_holds_no_english_comment(ran: dict[str, Path]) -> None:
    """calendar.ics in French: icalendar's VTIMEZONE note "This timezone only works from …"
    (English, whatever the language) is dropped; the events keep their Belgian time."""
    ics = (ran["fr"] / "calendar.ics").read_text(encoding="utf-8")
    assert "This timezone" not in ics and "COMMENT:" not in ics
    assert "TZID:Europe/Brussels" in ics
    # 9/11/2026 is the 9th of November (day first), the visit at 09:00 Brussels time.
    assert "DTSTART;TZID=Europe/Brussels:20261109T090000" in ics
    assert "SUMMARY:Visite : " in ics


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "--withdraw-student S55 : pas un étudiant dans étudiants.csv : vouliez-vous dire S5 ?",
        ),
        ("en", "--withdraw-student S55: not a student of étudiants.csv: did you mean S5?"),
    ],
)
def test_an_unknown_withdrawn_student_names_the_file_on_disk(
    ran: dict[str, Path], tmp_path: Path, lang: str, expected: str
) -> None:
    """The students' file is named étudiants.csv on disk: the message named "students.csv",
    a file the director does not have (contract §7: the file as named on disk)."""
    out = tmp_path / "w"
    code, _, err = _invoke(
        "whatif", str(ran["cohort"]), "--from", str(ran["en"]), "--out", str(out),
        "--withdraw-student", "S55", "--lang", lang,
    )  # fmt: skip
    assert code == 2
    assert expected in err
    assert "students.csv" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "erreur : 1 règle ne peut pas tenir, quelle que soit la sélection :"),
        ("en", "error: 1 rule cannot hold, whatever the selection:"),
    ],
)
def test_one_impossible_rule_is_singular(tmp_path: Path, lang: str, expected: str) -> None:
    """Ana is the only VAE student, so ``no_isolation = ["vae=oui"]`` cannot hold: validate
    answers 3 with one rule, and the verb agrees ("1 règle(s) ne peuvent pas" before)."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(cohort / "étudiants.csv", STUDENTS.replace(";x;", ";non;"))
    settings = SETTINGS.replace("[calendar]", '[teams]\nno_isolation = ["vae=oui"]\n\n[calendar]')
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", lang)
    assert code == 3
    assert expected in err


@pytest.mark.parametrize(
    ("lang", "most", "expected"),
    [
        ("fr", 2, "tailles d'équipe : K1 demande au plus 2 étudiants, mais chaque équipe en compte 3"),  # noqa: E501
        ("en", 2, "team sizes: K1 asks for at most 2 students, but every team holds 3"),
        # The noun agrees with the number ("at most 1 students" before).
        ("fr", 1, "tailles d'équipe : K1 demande au plus 1 étudiant, mais chaque équipe en compte 3"),  # noqa: E501
        ("en", 1, "team sizes: K1 asks for at most 1 student, but every team holds 3"),
    ],
)
def test_sizes_that_are_one_number_read_as_one(
    tmp_path: Path, lang: str, most: int, expected: str
) -> None:
    """6 students in 2 teams: every team holds exactly 3, and K1 hosts at most 2 (or 1). The
    message said "de 3 à 3" / "3 to 3"; it now gives the one size; validate says it too."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "commissions.csv",
        COMMISSIONS.replace("Commune\n", "Commune;Taille max\n")
        .replace(";Liège\n", f";Liège;{most}\n")
        .replace(";Écaussinnes\n", ";Écaussinnes;\n")
        .replace(";Huy\n", ";Huy;\n"),
    )
    out = tmp_path / "out"
    code, _, err = _invoke("run", str(cohort), "--out", str(out), "--lang", lang)
    assert code == 3
    assert expected in err
    assert not out.exists()
    _, said, err = _invoke("validate", str(cohort), "--lang", lang)
    assert expected in said + err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "K2 est à la fois incluse et exclue"),
        ("en", "K2 is both included and excluded"),
    ],
)
def test_one_id_included_and_excluded_agrees(tmp_path: Path, lang: str, expected: str) -> None:
    """One id in both include and exclude: "K2 à la fois incluses et exclues" had neither
    verb nor agreement."""
    cohort = _cohort(tmp_path / "cohorte")
    settings = SETTINGS.replace('exclude = ["K3"]', 'include = ["K2"]\nexclude = ["K2", "K3"]')
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", lang)
    assert code == 2
    assert expected in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "il faut un nombre > 0\n"), ("en", "expected a number > 0\n")],
)
def test_a_bound_reads_as_people_write_it(tmp_path: Path, lang: str, expected: str) -> None:
    """A negative time limit: the bound read "> 0.0" (pydantic's float, with an English
    point in French); it reads "> 0"."""
    cohort = _cohort(tmp_path / "cohorte")
    (cohort / "settings.toml").write_text(SETTINGS + "\n[solver]\ntime_limit = -1\n", "utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", lang)
    assert code == 2
    assert "time_limit" in err and expected in err
    assert "0.0" not in err


def test_the_experience_cost_reads_in_years() -> None:
    """An explanation whose first worse priority is ``experience``: its value is in tenths
    of years times N (150 for 15 students is one year from the fair share), as
    explanations.csv keeps it; the sentence said "de 0 à 150" with no unit. People read
    years, as the report shows them: 150 / (10 × 15) = 1.0."""
    explanation = Explanation(
        student_id="S4",
        student_name="Hélène",
        commission_id="K3",
        wanted="K2",
        wanted_rank=3,
        verdict="costs",
        priority="experience",
        value=0,
        value_if=150,
        displaced=1,
        num_students=15,
    )
    assert explanation.shown_values() == (0.0, 1.0)
    assert "de 0,0 à 1,0 an (1 autre étudiant" in explanation.reason("fr")
    assert "from 0.0 to 1.0 years (1 other student" in explanation.reason("en")
    # The CSV keeps the priority's own values (contract §9: value, value_if).
    assert explanation.row("fr")[6:8] == ("0", "150")
    # Two years and more take the plural in French: 450 / 150 = 3.0.
    three = Explanation(**{**explanation.__dict__, "value_if": 450})
    assert "de 0,0 à 3,0 ans" in three.reason("fr")


@pytest.mark.parametrize(
    ("lang", "tie", "slot"),
    [
        (
            "fr",
            "accompagnateurs.csv : le lien « AMO Le Cerle » de A1 ne nomme aucune institution "
            "de commissions.csv : il n'écarte A1 d'aucune équipe",
            "accompagnateurs.csv : A2 est indisponible pour « oral jeudy », qui n'est pas un "
            "créneau du calendrier (visite, oral jeudi) : cette indisponibilité ne change rien",
        ),
        (
            "en",
            "accompagnateurs.csv: the tie 'AMO Le Cerle' of A1 names no institution of "
            "commissions.csv, so it keeps A1 off no team",
            "accompagnateurs.csv: A2 is unavailable on 'oral jeudy', which is not a slot of the "
            "calendar (visite, oral jeudi), so it changes nothing",
        ),
    ],
)
def test_a_supervisor_typo_is_warned(tmp_path: Path, lang: str, tie: str, slot: str) -> None:
    """A tie naming no institution (``AMO Le Cerle``) and an unavailability on no slot of the
    calendar (``oral jeudy``) were read as written and held nothing back, silently: the rule
    the director meant was dropped. validate now warns, naming the file as on disk."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "accompagnateurs.csv",
        SUPERVISORS.replace("Indisponible\n", "Indisponible;Liens\n")
        .replace("A1;Anne Sœur;1;CPAS;\n", "A1;Anne Sœur;1;CPAS;;AMO Le Cerle\n")
        .replace("A2;Benoît Leroy;1;handicap;\n", "A2;Benoît Leroy;1;handicap;oral jeudy;\n"),
    )
    code, out, _ = _invoke("validate", str(cohort), "--lang", lang)
    assert code == 0
    assert tie in out and slot in out


def test_ties_and_unavailabilities_that_match_are_not_warned(tmp_path: Path) -> None:
    """The twin: a tie written with other case and spacing (``amo  le cercle``) names AMO Le
    Cercle, and ``oral jeudi`` is a slot of the calendar, so neither is warned."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "accompagnateurs.csv",
        SUPERVISORS.replace("Indisponible\n", "Indisponible;Liens\n")
        .replace("A1;Anne Sœur;1;CPAS;\n", "A1;Anne Sœur;1;CPAS;;amo  le cercle\n")
        .replace("A2;Benoît Leroy;1;handicap;\n", "A2;Benoît Leroy;1;handicap;Oral Jeudi;\n"),
    )
    code, out, err = _invoke("validate", str(cohort), "--lang", "en")
    assert "names no institution" not in out and "not a slot of the calendar" not in out
    # ``Oral Jeudi`` is the calendar's only oral slot: Benoît can take no team, Anne one,
    # for two teams, which validate says since session 15 (run answered 3 at stage 3). That
    # he counts as unavailable shows the slot matched.
    assert code == 3
    assert "Benoît Leroy none (unavailable on the visit or on every oral slot)" in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "S5 (Eva Simon) et S6 (Farid Ziani) sont imposé·e·s dans K3, qui n'est pas une "
            "commande retenue (pour la garder, ajoutez K3 à [selection] include et relancez la "
            "sélection)",
        ),
        (
            "en",
            "S5 (Eva Simon) and S6 (Farid Ziani) are pinned to K3, which is not a selected "
            "commission (to keep it, add K3 to [selection] include and select again)",
        ),
    ],
)
def test_pins_to_a_proposal_left_out_say_what_to_do(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """A selection given to ``assign`` that leaves out K3, where two students are pinned:
    exit 3. The message named each student on a line of its own and left the director to
    guess the remedy; now one sentence names them and says it. (``run`` itself selects K3
    since session 12: test_selection_needs.py; it answered 3 here before.)"""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "étudiants.csv",
        STUDENTS.replace("Préférences\n", "Préférences;Imposé\n")
        .replace(";K3\n", ";K3;K3\n")
        .replace(
            "S6;Farid Ziani;éducateur;non;H;2;K1|K2\n",
            "S6;Farid Ziani;éducateur;non;H;2;K1|K2;K3\n",
        ),
    )
    (cohort / "settings.toml").write_text(SETTINGS.replace('exclude = ["K3"]', ""), "utf-8")
    chosen = tmp_path / "selection.csv"
    chosen.write_text("id,selected\nK1,yes\nK2,yes\nK3,no\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = _invoke(
        "assign", str(cohort), "--selection", str(chosen), "--out", str(out), "--lang", lang
    )
    assert code == 3
    assert expected in err
    assert not out.exists()
    code, _, err = _invoke("run", str(cohort), "--out", str(out), "--lang", lang)
    assert code == 0, err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "no_isolation genre=X : S6 (Farid Ziani) est le seul étudiant de ce profil, son "
            "équipe ne peut donc pas en compter deux",
        ),
        (
            "en",
            "no_isolation genre=X: S6 (Farid Ziani) is the only such student, so their team "
            "cannot hold two",
        ),
    ],
)
def test_no_isolation_reads_the_french_column_name(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """The students' file says ``Genre``, so the director writes ``no_isolation =
    ["genre=X"]``: it was refused as "not a condition" (only ``gender`` was known) although
    the column matched. Now ``genre`` names the gender field: S6 is the only student of
    gender X, so the condition cannot hold (exit 3), said in the director's words."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "étudiants.csv",
        STUDENTS.replace("Farid Ziani;éducateur;non;H", "Farid Ziani;éducateur;non;X"),
    )
    settings = SETTINGS.replace("[calendar]", '[teams]\nno_isolation = ["genre=X"]\n\n[calendar]')
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", lang)
    assert code == 3
    assert expected in err


def test_a_french_condition_is_honoured_by_the_teams(tmp_path: Path) -> None:
    """The twin on a solve: ``no_isolation = ["genre=H", "Formation initiale=AS"]`` keeps 0
    or at least 2 students of gender H, and of background AS, in every team of the run (3
    of each among 6 students in 2 teams of 3, so each team holds 0, 2 or 3 of them)."""
    cohort = _cohort(tmp_path / "cohorte")
    settings = SETTINGS.replace(
        "[calendar]", '[teams]\nno_isolation = ["genre=H", "Formation initiale=AS"]\n\n[calendar]'
    )
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = _invoke("run", str(cohort), "--out", str(out), "--quiet")
    assert code == 0, err
    rows = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    teams: dict[str, list[list[str]]] = {}
    for row in rows:
        cells = row.split(",")
        teams.setdefault(cells[2], []).append(cells)
    for members in teams.values():
        assert sum(m[8] == "H" for m in members) != 1
        assert sum(m[5] == "AS" for m in members) != 1


@pytest.mark.parametrize(
    ("lang", "conflict", "pair"),
    [
        (
            "fr",
            "1 étudiant sur la commande de son employeur.",
            "1 demande de séparer ou de réunir des étudiants non respectée.",
        ),
        (
            "en",
            "1 student on their employer's commission.",
            "1 request to keep students apart or together not honoured.",
        ),
    ],
)
def test_a_broken_edit_is_summed_up_in_agreement(
    tmp_path: Path, lang: str, conflict: str, pair: str
) -> None:
    """A result edited by hand (teams.csv written by the director) that puts Bruno on the
    commission of his employer, and Ana apart from Cléo whom she must stay with: ``report``
    answers 3 with its outputs, and the report's plain summary said "1 étudiant(s) sur la
    commande de leur employeur" and "1 demande(s) … non respectée(s)"; now each agrees with
    its count."""
    cohort = _cohort(tmp_path / "cohorte")
    _write(
        cohort / "étudiants.csv",
        STUDENTS.replace("Préférences\n", "Préférences;Employeur\n")
        .replace(";K1|K2\n", ";K1|K2;\n")
        .replace(";K2|K1\n", ";K2|K1;\n")
        .replace(";K3\n", ";K3;\n")
        .replace(
            "S2;Bruno Lenoir;éducateur;non;H;2;K2|K1;\n",
            "S2;Bruno Lenoir;éducateur;non;H;2;K2|K1;CPAS d'Écaussinnes\n",
        ),
    )
    _write(cohort / "pairs.csv", "Étudiant A;Étudiant B;Relation\nS1;S3;ensemble\n")
    solved = tmp_path / "solved"
    code, _, err = _invoke("run", str(cohort), "--out", str(solved), "--quiet", "--no-explain")
    assert code == 0, err
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "selection.csv").write_bytes((solved / "selection.csv").read_bytes())
    # K1: Ana, Dan, Farid; K2: Bruno (his employer's), Cléo (apart from Ana), Eva.
    (edited / "teams.csv").write_text(
        "student_id,commission_id\nS1,K1\nS4,K1\nS6,K1\nS2,K2\nS3,K2\nS5,K2\n", "utf-8"
    )
    out = tmp_path / "report"
    code, _, _ = _invoke(
        "report", str(cohort), "--result", str(edited), "--out", str(out), "--lang", lang
    )
    assert code == 3
    report = _report(out)
    assert conflict in report and pair in report
    assert "étudiant(s) sur la commande" not in report and "demande(s)" not in report
    assert "student(s) on their" not in report and "request(s)" not in report


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "chaque équipe est à au plus 0,0 an de sa juste part"),
        ("en", "every team at most 0.0 years from its fair share"),
    ],
)
def test_an_experience_spread_below_two_years_is_singular(
    ran: dict[str, Path], lang: str, expected: str
) -> None:
    """The cohort's 12 years split 6/6 over two teams of three (S1..S6 hold 1, 2, 3, 4, 0, 2
    years: {1, 3, 2} and {2, 4, 0} for instance), so the proven spread is 0: French writes
    "0,0 an" (singular below two), it wrote "0,0 années"."""
    report = _report(ran[lang])
    assert expected in report
    assert "0,0 années" not in report


def test_a_large_whole_bound_stays_whole(tmp_path: Path) -> None:
    """The twin of the "> 0" bound: a whole bound of the schema (the seed's 2³¹−1) is
    written in full, in French too, not as a float in exponent form (2.14748e+09)."""
    cohort = _cohort(tmp_path / "cohorte")
    (cohort / "settings.toml").write_text(SETTINGS + "\n[solver]\nseed = 2147483648\n", "utf-8")
    code, _, err = _invoke("validate", str(cohort), "--lang", "fr")
    assert code == 2
    assert "il faut un nombre ≤ 2147483647" in err


def test_a_checked_plan_names_slots_as_slots(ran: dict[str, Path], tmp_path: Path) -> None:
    """An edited schedule.csv that puts Anne (A1, unavailable on "oral jeudi" once she is
    made so) on K1's and K2's events: French read "indisponible le oral jeudi", "à la fois
    le visite", a slot label taken for a date; now "au créneau visite". English keeps "on"."""
    cohort = ran["cohort"]
    spoiled = tmp_path / "cohorte"
    spoiled.mkdir()
    for file in cohort.iterdir():
        (spoiled / file.name).write_bytes(file.read_bytes())
    _write(spoiled / "accompagnateurs.csv", SUPERVISORS.replace("1;CPAS;\n", "2;CPAS;oral jeudi\n"))
    edited = tmp_path / "edited"
    edited.mkdir()
    for file in ran["en"].iterdir():
        if file.suffix == ".csv":
            (edited / file.name).write_bytes(file.read_bytes())
    for name in ("supervision.csv", "schedule.csv"):
        table = (edited / name).read_text(encoding="utf-8-sig")
        (edited / name).write_text(table.replace(",A2,", ",A1,"), encoding="utf-8-sig")
    code, _, err = _invoke("check", str(spoiled), "--result", str(edited), "--lang", "fr")
    assert code == 3
    assert "Anne Sœur (A1) est indisponible au créneau oral jeudi mais assiste" in err
    assert "à deux événements à la fois au créneau visite" in err
    assert " le visite" not in err and " le oral" not in err
    code, _, err = _invoke("check", str(spoiled), "--result", str(edited), "--lang", "en")
    assert code == 3
    assert "Anne Sœur (A1) is unavailable on oral jeudi but attends" in err
