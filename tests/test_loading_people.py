"""Input written by people (contract §7): a director's own French export and its traps.

The fixture ``instances/tiny/loading-fr-export`` is written as French Excel writes a CSV
(Windows-1252, ``;``, CRLF, Oui/Non, decimal comma, blank and empty rows, trailing spaces)
and holds the traps found with real exports: ``Prénom`` + ``Nom`` columns, an employer
written ``AMO Le Cercle`` for the institution ``AMO Le Cercle (Liège)``, proposal days
written ``01/10/2026``, ``2026-10-01`` and ``1/10/2026`` against a required ``1-10-2026``.
``loading-fr-export-typos`` is the same cohort with typing slips (a choice ``C1O``, a word
where years are expected, a settings value of the wrong type).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher import app
from matcher.cli import main
from matcher.errors import InputError, Problem
from matcher.labels import _LABELS, worded
from matcher.loading import load_instance
from matcher.loading.id_index import IdIndex
from matcher.planning import build_plan_data
from matcher.schemas import Commission, Instance, Settings, Supervisor
from matcher.text import names_contain, slot_key

TINY = Path(__file__).resolve().parent.parent / "instances" / "tiny"
EXPORT = TINY / "loading-fr-export"
TYPOS = TINY / "loading-fr-export-typos"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _copy(tmp_path: Path, source: Path = EXPORT) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    return folder


def _edit_cp1252(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode("cp1252")
    assert old in text
    path.write_bytes(text.replace(old, new).encode("cp1252"))


def _problems(folder: Path, **kwargs: object) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_instance(folder, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


# -- the export as a whole ---------------------------------------------------------------


def test_french_export_is_read_with_its_traps() -> None:
    """Every trap of the export is read as the director meant it."""
    instance = load_instance(EXPORT, require={"commissions", "students"})
    # Blank and empty (";;;;") rows are no records.
    assert [c.id for c in instance.commissions] == ["C01", "C02", "C10", "C04"]
    students = {s.id: s for s in instance.students}
    assert list(students) == ["E1", "E2", "E3", "E4", "E5", "E6"]
    # Prénom + Nom make "Prénom Nom".
    assert students["E1"].name == "Hélène Dubois"
    assert students["E4"].name == "Aïcha Benali"
    # Decimal comma, Oui/Non (with a trailing space), trailing spaces in names.
    assert students["E1"].experience_years == 3.5
    assert students["E4"].experience_years == 2.25
    assert students["E2"].vae and not students["E5"].employed
    assert students["E1"].background == "Assistant social"
    assert instance.commissions[1].institution == "CPAS de Namur"
    # The employer is read as the institution it names.
    assert students["E1"].employer == "AMO Le Cercle (Liège)"
    # Days written four ways are one day: C01, C02 and C10 are available on 1-10-2026.
    description = app.validate(instance, EXPORT)
    assert [c.id for c in description.eligible] == ["C01", "C02", "C10"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "employer 'AMO Le Cercle' (E1) is taken as the institution 'AMO Le Cercle (Liège)'",
        ),
        (
            "fr",
            "l'employeur « AMO Le Cercle » (E1) est compris comme l'institution "
            "« AMO Le Cercle (Liège) »",
        ),
    ],
)
def test_employer_warning_names_both_spellings(lang: str, words: str) -> None:
    """The warning names what the director wrote and the institution it is taken as."""
    instance = load_instance(EXPORT)
    texts = [worded(w, lang) for w in instance.warnings]  # type: ignore[arg-type]
    assert any(words in t for t in texts), texts
    code, out = _invoke("validate", str(EXPORT), "--lang", lang)
    assert code == 0 and words in out


def test_contained_employer_keeps_the_student_off_that_commission(tmp_path: Path) -> None:
    """E1 works for AMO Le Cercle (written without "(Liège)") and lists C01 first.

    Every student's first choice fits (two per commission), so without the conflict of
    interest the proven optimum puts everyone on their first choice (worst choice 1): E1 on
    C01. With it, E1 may not join C01. The twin with ``conflict_of_interest = false`` shows
    that the employer is what moves E1.
    """
    outcome = app.run(load_instance(EXPORT))
    assert outcome.teams is not None
    assignment = outcome.teams.assignment
    assert assignment["E1"] != "C01"
    assert outcome.teams.stage.status == "OPTIMAL"
    twin = _copy(tmp_path)
    with (twin / "settings.toml").open("a", encoding="utf-8") as settings:
        settings.write("[teams]\nconflict_of_interest = false\n")
    free = app.run(load_instance(twin))
    assert free.teams is not None
    assert free.teams.assignment["E1"] == "C01"
    assert all(free.teams.assignment[s.id] == s.choices[0] for s in load_instance(twin).students)


def test_checker_sees_the_contained_employer(tmp_path: Path) -> None:
    """An edited teams.csv putting E1 on C01 breaks the conflict-of-interest rule (exit 3)."""
    out = tmp_path / "out"
    code, text = _invoke("run", str(EXPORT), "--out", str(out))
    assert code == 0, text
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    by_student = {line.split(",")[0]: line for line in teams[1:]}
    mate = next(s for s, line in by_student.items() if ",C01," in line)
    swapped = [teams[0]]
    for line in teams[1:]:
        student = line.split(",")[0]
        if student == "E1":
            line = line.replace(line.split(",")[2], "C01", 1)
        elif student == mate:
            line = line.replace(",C01,", "," + by_student["E1"].split(",")[2] + ",", 1)
        swapped.append(line)
    (out / "teams.csv").write_text("\n".join(swapped) + "\n", encoding="utf-8")
    code, text = _invoke("check", str(EXPORT), "--result", str(out))
    assert code == 3, text
    assert "E1" in text and "AMO Le Cercle (Liège)" in text


def test_ambiguous_employer_is_left_as_written_with_a_warning(tmp_path: Path) -> None:
    """``CPAS`` may be CPAS de Namur or CPAS de Liège: kept as written, and said so."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,CPAS de Namur,s,p\nC2,CPAS de Liège,s,p\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        "id,background,employer\nS1,AS,CPAS\nS2,AS,\n", encoding="utf-8"
    )
    instance = load_instance(folder)
    assert instance.students[0].employer == "CPAS"
    (warning,) = [str(w) for w in instance.warnings if "CPAS" in str(w)]
    assert "CPAS de Namur, CPAS de Liège" in warning


def test_employer_fitting_nested_institutions_is_the_closest(tmp_path: Path) -> None:
    """``AMO Le Cercle`` and ``Le Cercle`` both propose; ``Le Cercle`` is a whole-word part
    of ``AMO Le Cercle``. An employer written ``AMO le Cercle (Liège)`` contains both names,
    but it is AMO Le Cercle (it contains Le Cercle too): taken as that institution, so S1
    never joins AMO Le Cercle's commission. ``Cercle`` is contained in both: Le Cercle, the
    closest. Before, both were "ambiguous" and no conflict of interest was checked at all:
    the run placed S1, whose only choice is K1, on K1, their own employer's commission."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nK1,AMO Le Cercle,s,p\nK2,Le Cercle,t,q\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        "id,background,employer,choices\nS1,AS,AMO  le Cercle (Liège),K1\n"
        "S2,AS,Cercle,K2\nS3,ED,,K1\nS4,ED,,K2\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    instance = load_instance(folder)
    assert [s.employer for s in instance.students[:2]] == ["AMO Le Cercle", "Le Cercle"]
    code, text = _invoke("run", str(folder), "--out", str(tmp_path / "out"), "--lang", "en")
    assert code == 0, text
    teams = (tmp_path / "out" / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    team_of = {line.split(",")[0]: line.split(",")[2] for line in teams[1:]}
    assert team_of["S1"] == "K2" and team_of["S2"] == "K1"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("AMO Le Cercle", "AMO Le Cercle (Liège)", True),
        ("amo le cercle (LIEGE)", "AMO  Le Cercle", True),
        ("CPAS de Namur", "CPAS de Namur - service jeunesse", True),
        ("AMO Cercle", "AMO Le Cercle", False),  # words must follow one another
        ("CPAS de Namur", "CPAS de Namurois", False),  # whole words only
        ("CPAS de Namur", "CPAS de Liège", False),
        ("", "CPAS", False),
    ],
)
def test_names_contain(a: str, b: str, same: bool) -> None:
    """One name contains the other as whole words, after folding, in either order."""
    assert names_contain(a, b) is same
    assert names_contain(b, a) is same


# -- slots that are dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["1/10/2026", "01/10/2026", "2026-10-01", "1-10-2026", "01.10.2026", " 1/10/2026 "]
)
def test_days_written_every_way_are_one_day(written: str) -> None:
    """Day first, as written in Belgium; ISO too."""
    assert slot_key(written) == "2026-10-01"


def test_slot_key_keeps_other_labels_apart() -> None:
    """Day first means 10/1/2026 is the 10th of January; labels that are no day fold."""
    assert slot_key("10/1/2026") == "2026-01-10" != slot_key("1/10/2026")
    assert slot_key("31/02/2026") == "31/02/2026"  # no such day: compared as text
    assert slot_key("Oral  JEUDI") == slot_key("oral jeudi")
    assert slot_key("presentation-2026-10-01") != slot_key("2026-10-01")


def test_slot_typed_without_zero_no_longer_makes_a_proposal_ineligible(tmp_path: Path) -> None:
    """Twin pair: C10 offers 1/10/2026 and is eligible for 1-10-2026; written 2/10/2026
    (another day) it is not, and the selection of 3 among the 2 left eligible fails."""
    instance = load_instance(EXPORT)
    assert "C10" in [c.id for c in app.validate(instance, EXPORT).eligible]
    other = _copy(tmp_path)
    _edit_cp1252(other / "Commissions.csv", ";1/10/2026;", ";2/10/2026;")
    eligible = [c.id for c in app.validate(load_instance(other), other).eligible]
    assert eligible == ["C01", "C02"]


def test_plan_compares_slot_days() -> None:
    """Stage 3: an oral slot named 01/10/2026 is offered by a proposal writing 1/10/2026, and
    a supervisor unavailable on 2026-10-01 is unavailable on it; dates keyed 1-10-2026."""
    settings = Settings.model_validate(
        {
            "calendar": {
                "oral_slots": ["01/10/2026", "02/10/2026"],
                "dates": {"1-10-2026": "2026-10-01"},
            }
        }
    )
    commission = Commission(
        id="C1", institution="A", sector="s", problem_type="p", slots=("1/10/2026",)
    )
    instance = Instance(name="cohort", commissions=(commission,), settings=settings)
    supervisors = [Supervisor(id="A", unavailable=("2026-10-01",)), Supervisor(id="B")]
    data, _ = build_plan_data(instance, ["C1"], supervisors)
    assert data.oral_allowed.tolist() == [[True, False]]
    assert data.unavailable.tolist() == [[False, True, False], [False, False, False]]


def test_plan_ties_name_contained_institutions() -> None:
    """A supervisor tied to ``AMO Le Cercle`` is never given ``AMO Le Cercle (Liège)``."""
    commission = Commission(
        id="C1", institution="AMO Le Cercle (Liège)", sector="s", problem_type="p"
    )
    instance = Instance(name="cohort", commissions=(commission,))
    supervisors = [Supervisor(id="A", ties=("amo le cercle",)), Supervisor(id="B")]
    data, _ = build_plan_data(instance, ["C1"], supervisors)
    assert data.allowed.tolist() == [[False, True]]


# -- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "name"),
    [
        ("id,background,Prénom,Nom", "S1,AS,Hélène,Dubois", "Hélène Dubois"),
        ("id,background,Nom,Prénom", "S1,AS,Dubois,Hélène", "Hélène Dubois"),
        ("id,background,first_name,last_name", "S1,AS,Anne,Smith", "Anne Smith"),
        ("id,background,Nom", "S1,AS,Hélène Dubois", "Hélène Dubois"),
        ("id,background,name", "S1,AS,Anne Smith", "Anne Smith"),
        ("id,background,Prénom", "S1,AS,Hélène", "Hélène"),
        ("id,background,Prénom,Nom", "S1,AS,,Dubois", "Dubois"),
    ],
)
def test_first_and_last_name_make_the_name(
    tmp_path: Path, header: str, row: str, name: str
) -> None:
    """``prénom`` + ``nom`` make "Prénom Nom"; ``nom`` or ``name`` alone is the whole name."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "students.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert load_instance(folder).students[0].name == name


# -- messages in the director's words ----------------------------------------------------


def test_typos_are_reported_in_the_directors_words() -> None:
    """Every slip of the variant at once, each in the file's own words (English)."""
    code, out = _invoke("validate", str(TYPOS), "--lang", "en")
    assert code == 2
    assert (
        "Etudiants.csv, row 7, column 'Choix 1': 'C1O' is not a proposal id of "
        "Commissions.csv: did you mean C10?"
    ) in out
    assert "Etudiants.csv, row 3, column 'Années d'expérience': 'beaucoup' is not a number" in out
    assert (
        "settings.toml, key 'selection.count': \"trois\" is not accepted: expected a whole" in out
    )
    assert "Input should" not in out and "experience_years" not in out


def test_typos_are_reported_in_french() -> None:
    """The same slips, every word French: ligne, colonne, vouliez-vous dire C10 ?"""
    code, out = _invoke("validate", str(TYPOS), "--lang", "fr")
    assert code == 2
    assert (
        "Etudiants.csv, ligne 7, colonne « Choix 1 » : « C1O » n'est pas un code de commande "
        "de Commissions.csv : vouliez-vous dire C10 ?"
    ) in out
    assert "ligne 3, colonne « Années d'expérience » : « beaucoup » n'est pas un nombre" in out
    assert 'clé « selection.count » : « trois » ne convient pas : il faut un nombre entier' in out
    for english in ("row", "column", "is not", "expected", "did you mean"):
        assert english not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_missing_column_lists_the_columns_found(tmp_path: Path, lang: str) -> None:
    """``Diplôme d'origine`` is no accepted name for the training: the message lists the
    names accepted and the columns found, so the director sees which one was not recognised."""
    folder = _copy(tmp_path)
    _edit_cp1252(folder / "Etudiants.csv", "Formation initiale", "Diplôme d'origine")
    (problem,) = _problems(folder)
    assert (problem.file, problem.row) == ("Etudiants.csv", 1)
    words = problem.text(lang)  # type: ignore[arg-type]

    def quoted(header: str) -> str:  # the found headers quoted as the language quotes
        return f"« {header} »" if lang == "fr" else f"'{header}'"

    assert quoted("Diplôme d'origine") in words and "formation initiale" in words
    assert quoted("Matricule") in words and quoted("Prénom") in words
    start = {
        "en": "Etudiants.csv, row 1: missing required column 'background' (accepted names: ",
        "fr": "Etudiants.csv, ligne 1 : colonne obligatoire « background » absente "
        "(noms acceptés : ",
    }[lang]
    assert words.startswith(start), words


def test_renamed_file_lists_the_names_accepted(tmp_path: Path) -> None:
    """A students file renamed by hand: the message lists the names that are read."""
    folder = _copy(tmp_path)
    (folder / "Etudiants.csv").rename(folder / "Liste.csv")
    (problem,) = _problems(folder, require={"students"})
    assert "missing file students.csv (accepted names: students.csv, étudiants.csv" in str(
        problem.message
    )
    assert "fichier students.csv absent (noms acceptés : " in problem.text("fr")
    # In this programme a "commande" is an institution's commission: the command that
    # needs the file is "cette opération", never "cette commande".
    assert problem.text("fr").endswith(": cette opération en a besoin"), problem.text("fr")


@pytest.mark.parametrize(
    ("toml", "key", "en", "fr"),
    [
        (
            '[selection]\ncount = "10"\n',
            "selection.count",
            '"10" is not accepted: expected a whole number',
            '« 10 » ne convient pas : il faut un nombre entier',
        ),
        (
            "[selection]\ncount = 0\n",
            "selection.count",
            "0 is not accepted: expected a number ≥ 1",
            "0 ne convient pas : il faut un nombre ≥ 1",
        ),
        (
            '[teams]\nconflict_of_interest = "oui"\n',
            "teams.conflict_of_interest",
            '"oui" is not accepted: expected true or false',
            '« oui » ne convient pas : il faut true ou false',
        ),
        (
            '[teams]\npriorities = ["blance", "choices"]\n',
            "teams.priorities",
            '"blance" is not accepted: expected one of worst_choice, balance, choices, '
            "experience: did you mean balance?",
            '« blance » ne convient pas : il faut l\'une des valeurs worst_choice, balance, '
            "choices, experience : vouliez-vous dire balance ?",
        ),
        (
            "[selection]\ncout = 3\n",
            "selection.cout",
            "unknown setting (known: count, ",
            "réglage inconnu (connus : count, ",
        ),
        (
            '[solver]\ntime_limit = "fast"\n',
            "solver.time_limit",
            '"fast" is not accepted: expected a number',
            '« fast » ne convient pas : il faut un nombre',
        ),
    ],
)
def test_settings_values_are_explained_in_plain_words(
    tmp_path: Path, toml: str, key: str, en: str, fr: str
) -> None:
    """A wrong settings value names the key, the value found and what is expected; pydantic's
    own text ("Input should be …") never reaches the director."""
    folder = _copy(tmp_path)
    (folder / "settings.toml").write_text(toml, encoding="utf-8")
    problems = _problems(folder)
    (problem,) = [p for p in problems if p.column == key]
    assert en in problem.text("en"), problem.text("en")
    assert fr in problem.text("fr"), problem.text("fr")
    for lang in ("en", "fr"):
        assert "Input should" not in problem.text(lang)  # type: ignore[arg-type]


def test_unknown_setting_suggests_the_nearest(tmp_path: Path) -> None:
    """``cout`` for ``count``: the known keys, and did you mean count?"""
    folder = _copy(tmp_path)
    (folder / "settings.toml").write_text("[selection]\ncout = 3\n", encoding="utf-8")
    (problem,) = _problems(folder)
    assert problem.text("en").endswith(": did you mean count?")
    assert problem.text("fr").endswith(" : vouliez-vous dire count ?")


@pytest.mark.parametrize(
    ("ref", "near"),
    [("C1O", "C10"), ("c1o", "C10"), ("Cl0", "C10"), ("CO1", "C01"), ("C100", "C10"), ("Z", None)],
)
def test_unknown_id_suggests_the_nearest(ref: str, near: str | None) -> None:
    """Look-alike characters first (letter O for zero, l for one), then difflib."""
    assert IdIndex(["C01", "C02", "C10", "C04"]).nearest(ref) == near


def test_unknown_pair_student_suggests_the_nearest(tmp_path: Path) -> None:
    """pairs.csv naming E5 as ES (letter S): did you mean E5?"""
    folder = _copy(tmp_path)
    _edit_cp1252(folder / "paires.csv", "E3;E5;", "E3;E55;")
    (problem,) = _problems(folder)
    assert problem.column == "Étudiant B"
    assert problem.text("fr").endswith(
        "« E55 » n'est pas un matricule d'Etudiants.csv : vouliez-vous dire E5 ?"
    )


def test_loading_messages_exist_in_both_languages_with_the_same_placeholders() -> None:
    """Every loading message has a French twin taking the same values."""
    import string

    keys = [k for k in _LABELS if k.startswith("ld_")]
    assert len(keys) > 60
    for key in keys:
        en, fr = _LABELS[key]
        names = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (en, fr)]
        assert names[0] == names[1], key
        assert en != fr, key


@pytest.mark.parametrize(("employer", "taker"), [("AMO Le Cercle", "C4"), ("", "C3")])
def test_whatif_reserve_is_not_the_contained_employer(
    tmp_path: Path, employer: str, taker: str
) -> None:
    """C1 withdraws; its team (S1, S2) is taken over whole by the best fitting reserve.

    C3 (AMO Le Cercle (Liège)) is reserve 1, C4 reserve 2. S1 works for ``AMO Le Cercle``:
    C3 would put S1 on their employer's commission, so C4 takes the team. The twin without
    the employer shows that C3 is otherwise the one.
    """
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type,priority\n"
        "C1,ASBL Alpha,s1,p1,5\nC2,ASBL Beta,s2,p2,5\n"
        "C3,AMO Le Cercle (Liège),s1,p1,2\nC4,ASBL Delta,s1,p1,1\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        f"id,background,employer,choices\nS1,AS,{employer},C1\nS2,ED,,C1\nS3,AS,,C2\nS4,ED,,C2\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    instance = load_instance(folder)
    before = tmp_path / "before"
    outcome = app.run(instance)
    assert outcome.teams is not None and outcome.teams.assignment["S1"] == "C1"
    app.write_outputs(before, outcome, instance_dir=folder)
    rows = (before / "selection.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    ranks = {row.split(",")[0]: row.split(",")[6] for row in rows}
    assert (ranks["C3"], ranks["C4"]) == ("1", "2")
    result = app.whatif(instance, before, withdraw_commissions=["C1"])
    assert result.outcome.teams is not None
    assert result.outcome.teams.assignment["S1"] == taker
    assert result.outcome.teams.assignment["S2"] == taker


def test_an_employer_several_institutions_fit_alike_keeps_the_student_off_each(
    tmp_path: Path,
) -> None:
    """``CPAS`` fits CPAS de Namur and CPAS de Liège alike. Before, no conflict of interest
    was checked for it at all: S1, whose choices are C1 then C2, was placed on C1 (their
    first choice, maybe their employer's commission). The safe side of "never on their
    employer's commission" keeps them off both: three commissions of two places each, S1
    goes to C3 (the only other team), and ``check`` of an edited result putting S1 on C2
    exits 3 naming them."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,CPAS de Namur,s,p\nC2,CPAS de Liège,t,q\n"
        "C3,AMO Arc-en-ciel,u,r\n",
        encoding="utf-8",
    )
    (folder / "students.csv").write_text(
        "id,background,employer,choices\nS1,AS,CPAS,C1;C2\nS2,AS,,C1\nS3,ED,,C2\n"
        "S4,ED,,C3\nS5,AS,,C1\nS6,ED,,C2\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 3\n[teams]\nmin_size = 2\nmax_size = 2\n", encoding="utf-8"
    )
    instance = load_instance(folder)
    assert instance.students[0].employer == "CPAS"
    (warning,) = [str(w) for w in instance.warnings if "CPAS de Namur" in str(w)]
    assert "each of them" in warning
    out = tmp_path / "out"
    code, text = _invoke("run", str(folder), "--out", str(out), "--lang", "en")
    assert code == 0, text
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    team_of = {line.split(",")[0]: line.split(",")[2] for line in teams[1:]}
    assert team_of["S1"] == "C3"
    # An edit putting S1 on C2 (swapped with S3, who is there) breaks the rule.
    mate = next(s for s, t in team_of.items() if t == "C2")
    edited = [teams[0]]
    for line in teams[1:]:
        student = line.split(",")[0]
        if student == "S1":
            line = line.replace(",C3,", ",C2,", 1)
        elif student == mate:
            line = line.replace(",C2,", ",C3,", 1)
        edited.append(line)
    (out / "teams.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    code, text = _invoke("check", str(folder), "--result", str(out), "--lang", "en")
    assert code == 3, text
    assert "S1" in text
