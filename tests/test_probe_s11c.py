"""What the third acceptance probe of session 11 found wrong, each case checked against
the contract's words (§2 faults, §6 what-if, §7 language, §8 edited results, §10 the
workbench, §11 the plan)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

import matcher.web.engine as engine
from matcher.results import RunOutcome
from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


@pytest.fixture(scope="module")
def demo_outcome() -> RunOutcome:
    """The demo solved once (both stages, no plan) for the module's boards."""
    return engine.run(engine.load_folder(DEMO), engine.Progress())

COMMISSIONS = (
    "id,institution,sector,problem_type,slots\n"
    "C1,CPAS de Namur,CPAS,évaluation,visit;oral_thu\n"
    "C2,AMO Le Cercle,jeunesse,diagnostic,visit;oral_fri\n"
    "C3,Hôpital X,santé,évaluation,visit;oral_thu\n"
)
STUDENTS = (
    "id,background,vae,choices\n"
    "S1,AS,oui,C1;C2\nS2,AS,non,C2\nS3,EDUC,non,C3\nS4,EDUC,oui,C1\n"
)






@pytest.mark.parametrize(
    ("setting", "key", "english", "french"),
    [
        # A text where a list is expected: the value as written, quoted as each language
        # quotes (French messages quote with « », as every other French message does).
        (
            '[selection]\npriorities = "abc"\n',
            "selection.priorities",
            '"abc" is not accepted',
            "« abc » ne convient pas",
        ),
        ('[solver]\nseed = "x"\n', "solver.seed", '"x" is not accepted', "« x » ne convient pas"),
        # Inside a list, each text is quoted the same way.
        (
            '[selection]\nrequired_slots = ["visit", 3]\n',
            "selection.required_slots",
            "3 is not accepted",
            "3 ne convient pas",
        ),
    ],
)
def test_a_refused_settings_value_is_quoted_as_the_language_quotes(
    tmp_path: Path, setting: str, key: str, english: str, french: str
) -> None:
    """Contract §7: in French everything a person reads is French, and French messages quote
    a value with « » ('« 9h » n'est pas une heure'); a refused settings value read
    '"abc" ne convient pas', the one message in ASCII quotes. English keeps its own."""
    cohort = write_cohort(
        tmp_path / "c", {"commissions.csv": COMMISSIONS, "students.csv": STUDENTS}
    )
    (cohort / "settings.toml").write_text(setting, encoding="utf-8")
    code, output = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 2 and english in output and key in output, output
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 2 and french in output and key in output, output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_date_that_is_no_day_says_how_a_date_is_written(tmp_path: Path, lang: str) -> None:
    """Contract §7: a wrong settings value names the key, the value found and what is
    expected. "il faut une valeur valable (pas un jour du calendrier : …)" said what the
    value is not; the expectation is plainly a date, day first (19/11/2026) or ISO."""
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": COMMISSIONS,
            "students.csv": STUDENTS,
            "settings.toml": '[calendar]\ndates = { visit = "32/13/2026" }\n',
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2, output
    if lang == "fr":
        assert (
            "« 32/13/2026 » ne convient pas : il faut une date écrite le jour d'abord, "
            "p. ex. 19/11/2026, ou 2026-11-19" in output
        ), output
        assert "valable" not in output and "calendrier" not in output, output
    else:
        assert (
            '"32/13/2026" is not accepted: expected a date written day first, '
            "e.g. 19/11/2026, or 2026-11-19" in output
        ), output
        assert "valid value" not in output, output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Enregistré dans le dossier de sortie, mais le résultat enfreint 2 règles :"),
        ("en", "Saved into the output folder, but the result breaks 2 rules:"),
    ],
)
def test_a_broken_board_saved_says_it_once_and_lists_the_rules(
    tmp_path: Path, demo_outcome: RunOutcome, lang: str, said: str
) -> None:
    """Contract §10: saving a board broken on purpose writes it, and ``matcher check`` would
    exit 3 listing its broken rules. The page read "Enregistré dans le dossier de sortie —
    Enregistré, mais le résultat enfreint des règles (matcher check dira lesquelles)":
    saved said twice, the rules not said. It says it once, with the count and each rule
    (one student moved: one team one too many, another one too few, 2 rules)."""
    app = create_app(DEMO, tmp_path / "out", lang, explain=False)  # type: ignore[arg-type]
    bench: Workbench = app.extensions["workbench"]
    bench.start_board(demo_outcome)
    client = app.test_client()
    student, team = next(iter(bench.assignment.items()))
    assert demo_outcome.teams is not None
    other = next(c for c in demo_outcome.teams.commission_ids if c != team)
    client.post("/move", data={"student": student, "team": other})
    html = unescape(client.post("/save").get_data(as_text=True))
    saved = re.search(r'<p data-role="saved">(.*?)</p>', html, re.S)
    assert saved is not None, html
    assert saved.group(1).strip() == said, saved.group(1)
    listed = re.search(r'<ul data-role="saved-broken">(.*?)</ul>', html, re.S)
    assert listed is not None, html
    rules = re.findall(r"<li>(.*?)</li>", listed.group(1))
    assert len(rules) == 2 and any(other in rule for rule in rules), rules


# A French cohort with supervisors: three proposals, three teams of two, a dated calendar.
PLANNED = {
    "commissions.csv": "code;organisme;secteur;problématique;disponibilités;localité\n"
    'C1;CPAS de Namur;CPAS;évaluation;"visit;oral_thu";Namur\n'
    'C2;AMO Le Cercle;jeunesse;diagnostic;"visit;oral_thu";Liège\n'
    'C3;Asbl Élan;handicap;évaluation;"visit;oral_thu";Namur\n',
    "students.csv": "matricule;nom;formation;choix\n"
    "S1;Anne;AS;C1\nS2;Bob;GRH;C1\nS3;Chloé;AS;C2\nS4;Dan;GRH;C2\nS5;Eva;AS;C3\nS6;Fred;GRH;C3\n",
    "settings.toml": "[selection]\ncount = 3\n[calendar]\n"
    'oral_slots = ["oral_thu"]\n'
    'dates = { visit = "2026-10-01", oral_thu = "15/04/2027" }\n',
    "accompagnateurs.csv": "identifiant;nom;équipes max;indisponible\n"
    "A1;Anne;2;\nA2;Benoît;2;\nA3;Chloé;2;{off}\n",
}


@pytest.mark.parametrize("off", ["01-10-2026", "1/10/2026", "15/4/2027"])
def test_an_unavailability_written_as_a_date_keeps_the_supervisor_away_that_day(
    tmp_path: Path, off: str
) -> None:
    """Contract §7: slot labels that are dates compare as dates, day first as written in
    Belgium; §11: a supervisor is never given an event on a slot in their ``unavailable``.
    A director who writes the day Chloé cannot come (``01-10-2026``, the day
    ``[calendar] dates`` gives the visits) means that day: the plan gave her a visit that
    day and warned that "01-10-2026" is no slot, "so it changes nothing". Every event of
    that day now stays away from her (and no warning says otherwise)."""
    files = dict(PLANNED)
    files["accompagnateurs.csv"] = files["accompagnateurs.csv"].format(off=off)
    cohort = write_cohort(tmp_path / "cohorte", files)
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 0 and "ne change rien" not in output, output
    out = tmp_path / "run"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    # The day named is the visit's (2026-10-01) or the orals' (2027-04-15): Chloé has no
    # event on it, and so no team at all (each team has an event on both days).
    schedule = (out / "schedule.csv").read_text(encoding="utf-8-sig")
    assert ",A3," not in schedule, schedule
    code, output = invoke(["check", str(cohort), "--result", str(out)])
    assert code == 0, output


@pytest.mark.parametrize(
    ("setting", "lang", "said"),
    [
        (
            '[calendar]\nvisit_window = ["09:00", "10:00"]\nvisit_minutes = 90\n',
            "fr",
            "settings.toml, clé « calendar.visit_minutes » : ces paramètres ne vont pas "
            "ensemble : visit_minutes = 90 ne tient pas dans visit_window 09:00–10:00",
        ),
        (
            '[calendar]\noral_window = ["09:00", "09:30"]\n',
            "en",
            "settings.toml, key 'calendar.oral_minutes': these settings do not hold together: "
            "oral_minutes = 60 does not fit in oral_window 09:00–09:30",
        ),
        # An empty text: the French quotes around nothing, not around two spaces.
        (
            '[supervision]\nmax_teams = ""\n',
            "fr",
            "clé « supervision.max_teams » : « » ne convient pas : il faut un nombre entier",
        ),
    ],
)
def test_a_window_too_short_names_the_minutes_key(
    tmp_path: Path, setting: str, lang: str, said: str
) -> None:
    """Contract §7 and the brief: a wrong settings value names the key. A visit window
    shorter than visit_minutes was located at the whole table ("clé « calendar »"); the
    key to change is calendar.visit_minutes (or the window it names)."""
    files = dict(PLANNED)
    files["accompagnateurs.csv"] = files["accompagnateurs.csv"].format(off="")
    files["settings.toml"] = "[selection]\ncount = 3\n" + setting
    cohort = write_cohort(tmp_path / "cohorte", files)
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 2 and said in output, output


def test_whatif_from_teams_in_an_unselected_commission_says_it_in_french(tmp_path: Path) -> None:
    """``whatif --from`` a folder whose teams.csv was edited by hand to put a student on a
    proposal not selected: the student is placed like an arrival (session 13; was exit 2),
    and the warning names the student and the proposal. In French the pair read "S3 in
    C3" (English amid French, contract §7: everything a person reads is French); it reads
    "S3 (C3)" in both languages now."""
    files = dict(PLANNED)
    files.pop("accompagnateurs.csv")
    files["settings.toml"] = "[selection]\ncount = 2\n"
    cohort = write_cohort(tmp_path / "cohorte", files)
    out = tmp_path / "run"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    selection = (out / "selection.csv").read_text(encoding="utf-8-sig")
    unselected = next(
        line.split(",")[0] for line in selection.splitlines()[1:] if ",no," in line
    )
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    student = teams[1].split(",")[0]
    fields = teams[1].split(",")
    fields[2] = unselected
    teams[1] = ",".join(fields)
    (out / "teams.csv").write_text("\n".join(teams) + "\n", encoding="utf-8")
    after = tmp_path / "after"
    for lang in ("fr", "en"):
        code, output = invoke(
            ["whatif", str(cohort), "--from", str(out), "--out", str(after / lang), "--lang",
             lang, "--withdraw-student", "S6", "--workers", "1"]
        )
        assert code == 0, output
        assert f"{student} ({unselected})" in output, output
        assert f"{student} in {unselected}" not in output, output


def test_slots_named_by_their_day_are_dated_by_their_name(tmp_path: Path) -> None:
    """Contract §7: slot labels that are dates compare as dates. A calendar whose slots are
    named by their day (visit_slot = "1/10/2026", oral_slots = ["15/04/2027", ...]) was
    said undated ("[calendar] dates ne donne pas de date aux créneaux 1/10/2026, …"),
    schedule.csv's ``date`` was empty and calendar.ics held no event. A slot that is a
    day is dated by it (``dates`` still wins when it names the slot)."""
    cohort = write_cohort(
        tmp_path / "cohorte",
        {
            "commissions.csv": "code;organisme;secteur;problématique;disponibilités\n"
            'C1;CPAS de Namur;CPAS;év;"1/10/2026;2027-04-15"\n'
            'C2;AMO;jeunesse;diag;"01-10-2026;16/4/2027"\n',
            "students.csv": "matricule;formation;choix\nS1;AS;C1\nS2;AS;C2\nS3;GRH;C1\n"
            "S4;GRH;C2\n",
            "settings.toml": '[selection]\ncount = 2\n[calendar]\nvisit_slot = "1/10/2026"\n'
            'oral_slots = ["15/04/2027", "2027-04-16"]\n',
            "supervisors.csv": "id;name\nA1;Anne\nA2;Bob\n",
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", "fr"])
    assert code == 0 and "ne donne pas de date" not in output, output
    out = tmp_path / "run"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--workers", "1"])
    assert code == 0, output
    rows = (out / "schedule.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    # Each row: event, commission, institution, town, supervisor, slot, date, start, end.
    dates = {(row.split(",")[5], row.split(",")[6]) for row in rows}
    assert dates == {
        ("1/10/2026", "2026-10-01"),
        ("15/04/2027", "2027-04-15"),
        ("2027-04-16", "2027-04-16"),
    }, rows
    assert (out / "calendar.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 4
    code, output = invoke(["check", str(cohort), "--result", str(out)])
    assert code == 0, output
