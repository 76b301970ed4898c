"""Synthetic cohorts: reproducible, with the programme's statistics, feasible by construction."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.cli import main
from matcher.eligibility import eligibility
from matcher.generate import (
    ANY_SLOTS,
    COHORT_FILES,
    REQUIRED_SLOTS,
    SLOTS,
    Cohort,
    generate_cohort,
    readme_text,
    selection_count,
    write_cohort,
)
from matcher.labels import Lang
from matcher.loading import load_instance
from matcher.text import fold_name


def test_same_seed_same_cohort() -> None:
    assert generate_cohort(5) == generate_cohort(5)
    assert generate_cohort(5).students != generate_cohort(6).students


@pytest.mark.parametrize(("num_students", "count"), [(1, 10), (60, 10), (75, 10), (76, 13)])
def test_selection_count(num_students: int, count: int) -> None:
    assert selection_count(num_students) == count
    assert selection_count(1000) == 167


@pytest.fixture(scope="module")
def big() -> Cohort:
    return generate_cohort(seed=1, num_students=600)


def _share(count: int, total: int) -> float:
    return count / total


def test_programme_statistics(big: Cohort) -> None:
    n = len(big.students)
    backgrounds = Counter(s.background for s in big.students)
    assert _share(backgrounds["assistant social"], n) == pytest.approx(0.5, abs=0.02)
    assert _share(backgrounds["éducateur"], n) == pytest.approx(0.25, abs=0.02)
    assert len(backgrounds) == 6
    assert 0.08 <= _share(sum(s.vae for s in big.students), n) <= 0.10
    assert 0.60 <= _share(sum(s.employed for s in big.students), n) <= 0.70
    assert _share(sum(s.gender == "F" for s in big.students), n) > 0.6
    assert all(0 <= (s.experience_years or 0) <= 25 for s in big.students)
    unemployed = [s for s in big.students if not s.employed]
    assert _share(sum(s.experience_years == 0 for s in unemployed), len(unemployed)) > 0.5
    assert all(s.employer is None for s in unemployed)
    assert all(s.employed for s in big.students if s.vae)


def test_choices_and_conflicts(big: Cohort) -> None:
    ids = {c.id for c in big.commissions}
    with_choices = [s for s in big.students if s.choices]
    assert 0.9 < len(with_choices) / len(big.students) < 1
    for student in with_choices:
        assert 4 <= len(student.choices) <= 6
        assert len(set(student.choices)) == len(student.choices)
        assert set(student.choices) <= ids
    popularity = Counter(c for s in big.students for c in s.choices).most_common()
    assert popularity[0][1] > 3 * popularity[len(popularity) // 2][1]  # skewed
    proposing = {fold_name(c.institution) for c in big.commissions}
    conflicts = [s for s in big.students if s.employer and fold_name(s.employer) in proposing]
    employed = sum(s.employed for s in big.students)
    assert 0 < len(conflicts) <= 0.1 * employed
    assert all(s.pinned is None for s in big.students)


def test_pairs_are_few_disjoint_and_consistent(big: Cohort) -> None:
    members = [m for p in big.pairs for m in (p.student_a, p.student_b)]
    assert len(members) == len(set(members))  # no chains, no contradictions
    relations = Counter(p.relation for p in big.pairs)
    assert relations["apart"] >= 1 and relations["together"] >= 1
    assert len(big.pairs) <= len(big.students) / 20


@pytest.mark.parametrize(("seed", "num_students"), [(0, 55), (1, 60), (2, 65), (3, 300)])
def test_feasible_selection(seed: int, num_students: int) -> None:
    """Enough eligible proposals from distinct institutions to select `count` of them."""
    cohort = generate_cohort(seed, num_students)
    count = cohort.settings.selection.count
    assert len(cohort.commissions) == round(2.5 * count)
    eligible = [c for c in cohort.commissions if eligibility(c, cohort.settings.selection).eligible]
    assert len({fold_name(c.institution) for c in eligible}) >= count
    institutions = Counter(c.institution for c in cohort.commissions)
    assert max(institutions.values()) >= 2  # the one-per-institution cap matters
    assert len(institutions) >= 0.85 * len(cohort.commissions)


@pytest.mark.parametrize(("seed", "num_students", "num_proposals"), [(3, 1000, 160), (5, 60, 10)])
def test_count_never_exceeds_what_the_proposals_can_fill(
    seed: int, num_students: int, num_proposals: int
) -> None:
    """With few proposals given (`--proposals 160` for 1,000 students, one per 6 would be
    167), `count` is at most the eligible proposals of distinct institutions drawn: seed 3
    drew 138 of them, and `count = 160` made `matcher run` answer 3 on a fresh cohort."""
    cohort = generate_cohort(seed, num_students, num_proposals)
    eligible = [c for c in cohort.commissions if eligibility(c, cohort.settings.selection).eligible]
    assert 1 <= cohort.settings.selection.count <= len({fold_name(c.institution) for c in eligible})


def test_settings_use_the_programme_dates() -> None:
    cohort = generate_cohort(4)
    assert cohort.settings.selection.required_slots == REQUIRED_SLOTS == SLOTS[:3]
    assert cohort.settings.selection.any_slots == ANY_SLOTS == (SLOTS[3:],)
    assert all(set(c.slots or ()) <= set(SLOTS) for c in cohort.commissions)
    assert sum(len(c.slots or ()) == len(SLOTS) for c in cohort.commissions) > 0.6 * len(
        cohort.commissions
    )


def test_explicit_proposals() -> None:
    cohort = generate_cohort(8, num_students=40, num_proposals=33)
    assert len(cohort.commissions) == 33
    assert len({c.id for c in cohort.commissions}) == 33


def test_ten_thousand_students() -> None:
    """A 10,000-student cohort has 1,667 commissions to select, mostly of distinct
    institutions, and unique ids (its speed is measured in benchmarks/, not here)."""
    cohort = generate_cohort(seed=2, num_students=10_000)
    assert cohort.settings.selection.count == 1667
    assert len({c.institution for c in cohort.commissions}) >= 0.85 * len(cohort.commissions)
    assert len({s.id for s in cohort.students}) == 10_000


def test_write_cohort_labelled_synthetic(tmp_path: Path) -> None:
    cohort = generate_cohort(9, num_students=20)
    write_cohort(cohort, tmp_path / "c")
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted(COHORT_FILES)
    readme = (tmp_path / "c" / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme and "seed: 9" in readme and "generator version" in readme
    instance = load_instance(tmp_path / "c")
    assert instance.students == cohort.students
    assert instance.settings == cohort.settings


def test_cli_generate(tmp_path: Path) -> None:
    out = tmp_path / "cohort"
    runner = CliRunner()
    args = ["generate", "--seed", "3", "--students", "30", "--proposals", "20", "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    instance = load_instance(out)
    assert len(instance.students) == 30 and len(instance.commissions) == 20
    assert instance.students == generate_cohort(3, 30, 20).students


def test_cli_generate_refuses_an_occupied_folder(tmp_path: Path) -> None:
    out = tmp_path / "cohort"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    runner = CliRunner()
    result = runner.invoke(main, ["generate", "--seed", "1", "--out", str(out)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    result = runner.invoke(main, ["generate", "--seed", "1", "--out", str(out), "--force"])
    assert result.exit_code == 0
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "students.csv").exists()


def test_cli_generate_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    file = tmp_path / "file"
    file.write_text("")
    assert runner.invoke(main, ["generate", "--seed", "1", "--out", str(file)]).exit_code == 2
    assert runner.invoke(main, ["generate", "--out", str(tmp_path / "x")]).exit_code == 2
    args = ["generate", "--seed", "1", "--students", "0", "--out", str(tmp_path / "y")]
    assert runner.invoke(main, args).exit_code == 2


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 10_000),
    num_students=st.integers(1, 90),
    num_proposals=st.integers(1, 40),
)
def test_any_generated_cohort_round_trips(seed: int, num_students: int, num_proposals: int) -> None:
    cohort = generate_cohort(seed, num_students, num_proposals)
    with tempfile.TemporaryDirectory() as tmp:
        write_cohort(cohort, Path(tmp))
        instance = load_instance(Path(tmp), require={"commissions", "students"})
    assert instance.commissions == cohort.commissions
    assert instance.students == cohort.students
    assert instance.pairs == cohort.pairs
    assert instance.settings == cohort.settings


def test_supervisors_leave_the_other_files_alone(tmp_path: Path) -> None:
    """Supervisors come from a generator of their own: with or without them, students.csv
    and pairs.csv are byte-identical and commissions.csv only gains the town column; the
    supervisors (6–8 for ten teams) can take every team, and the [calendar] names the
    programme's visit date and oral dates, every one dated."""
    with_plan, without = tmp_path / "with", tmp_path / "without"
    write_cohort(generate_cohort(2026, 60, 25), with_plan)
    write_cohort(generate_cohort(2026, 60, 25, supervisors=False), without)
    for name in ("students.csv", "pairs.csv"):
        assert (with_plan / name).read_bytes() == (without / name).read_bytes()
    assert not (without / "supervisors.csv").exists()
    loaded = load_instance(with_plan)
    before = load_instance(without)
    assert [c.model_copy(update={"town": None}) for c in loaded.commissions] == list(
        before.commissions
    )
    assert loaded.supervisors is not None and 6 <= len(loaded.supervisors) <= 8
    calendar = loaded.settings.calendar
    assert calendar.visit_slot == SLOTS[1] and calendar.oral_slots == SLOTS[3:]
    assert set(calendar.dates) == {SLOTS[1], *SLOTS[3:]}
    room = sum(s.max_teams or 2 for s in loaded.supervisors)
    assert room >= loaded.settings.selection.count


# -- the README and settings.toml of a generated cohort, in the language in force (§7) ------

#: Words of the English README and settings.toml comments; none may remain in French.
ENGLISH_WORDS = (
    "SYNTHETIC",
    "Synthetic",
    "invented",
    "seed",
    "generator version",
    "regenerate",
    "proposals",
    "to select",
    "students",
    "employed",
    "pairs",
    "supervisors",
    "DIR`",
    "other settings",
    "Stage 3",
)


def _english_left(text: str) -> list[str]:
    """The English words in ``text`` outside the commands it quotes (their flags stay)."""
    prose = re.sub(r"`[^`]*`|\(matcher generate --seed \d+\)", "", text)
    return [word for word in ENGLISH_WORDS if word in prose]


def _written(tmp_path: Path, lang: Lang) -> tuple[str, str]:
    """README.md and settings.toml of the seed-9 cohort written in ``lang``."""
    out = tmp_path / lang
    write_cohort(generate_cohort(9, num_students=20), out, lang=lang)
    return (
        (out / "README.md").read_text(encoding="utf-8"),
        (out / "settings.toml").read_text(encoding="utf-8"),
    )


def test_readme_in_english_and_in_french(tmp_path: Path) -> None:
    """The same cohort's README says the same things in each language: synthetic, its seed,
    the generator's version, the command that writes it again and its figures.

    Seed 9 with 20 students: 10 commissions to select from 25 proposals, 2 pairs (at least 2
    from 8 students) and 7 supervisors (ceil(10 teams / 1.5)); the VAE and employed counts
    are read from the cohort itself.
    """
    cohort = generate_cohort(9, num_students=20)
    vae = sum(s.vae for s in cohort.students)
    employed = sum(s.employed for s in cohort.students)
    command = "`matcher generate --seed 9 --students 20 --proposals 25 --out"
    english, _ = _written(tmp_path, "en")
    assert english.startswith("# Synthetic cohort (seed 9)\n\n**SYNTHETIC DATA.**")
    assert "- seed: 9\n" in english and "- generator version: " in english
    assert f"- regenerate: {command} DIR`\n" in english
    figures = f"- 25 proposals, 10 to select; 20 students ({vae} VAE, {employed} employed); "
    assert figures + "2 pairs; 7 supervisors\n" in english

    french, _ = _written(tmp_path, "fr")
    assert french.startswith("# Cohorte fictive (graine 9)\n\n**DONNÉES FICTIVES.**")
    assert "- graine : 9\n" in french and "- version du générateur : " in french
    assert f"- pour la produire à nouveau : {command} DOSSIER`\n" in french
    figures = f"- 25 commandes, 10 à retenir ; 20 étudiants ({vae} VAE, {employed} en emploi) ; "
    assert figures + "2 paires ; 7 accompagnateur·rice·s\n" in french
    assert _english_left(french) == []
    assert _english_left(english) != []  # the check can fail


def test_settings_comments_follow_the_language(tmp_path: Path) -> None:
    """settings.toml's comments are French in French; its keys and values are the same in
    both languages, so both folders load as the same cohort."""
    _, english = _written(tmp_path, "en")
    _, french = _written(tmp_path, "fr")
    assert english.startswith("# Synthetic cohort (matcher generate --seed 9); other settings")
    assert french.startswith("# Cohorte fictive (matcher generate --seed 9) ; les autres")
    assert "# Étape 3 : la matinée des visites" in french
    comments = [line for line in french.splitlines() if line.startswith("#")]
    assert len(comments) == 2
    assert _english_left("\n".join(comments)) == []

    def values(toml: str) -> list[str]:
        return [line for line in toml.splitlines() if not line.startswith("#")]

    assert values(english) == values(french)
    assert load_instance(tmp_path / "fr") == load_instance(tmp_path / "en").model_copy(
        update={"name": "fr"}
    )


def test_readme_counts_agree_with_their_nouns(tmp_path: Path) -> None:
    """One student and one proposal read in the singular; no pair reads "0 pairs" in English
    but "0 paire" in French (French puts zero in the singular)."""
    cohort = generate_cohort(1, num_students=1, num_proposals=1)
    assert len(cohort.pairs) == 0  # fewer than 8 students: no pairs
    english = readme_text(cohort, lang="en").splitlines()[-1]
    french = readme_text(cohort, lang="fr").splitlines()[-1]
    assert english.startswith("- 1 proposal, 1 to select; 1 student (")
    assert "; 0 pairs; " in english
    assert french.startswith("- 1 commande, 1 à retenir ; 1 étudiant (")
    assert " ; 0 paire ; " in french


def test_cli_generate_writes_the_readme_in_the_language_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--lang fr, or MATCHER_LANG=fr without --lang, gives the French README; the tests'
    default (MATCHER_LANG=en) the English one. The data files do not change."""
    runner = CliRunner()
    base = ["generate", "--seed", "4", "--students", "12", "--quiet", "--out"]
    assert runner.invoke(main, [*base, str(tmp_path / "en")]).exit_code == 0
    assert runner.invoke(main, [*base, str(tmp_path / "fr"), "--lang", "fr"]).exit_code == 0
    monkeypatch.setenv("MATCHER_LANG", "fr")
    assert runner.invoke(main, [*base, str(tmp_path / "env")]).exit_code == 0

    def readme(name: str) -> str:
        return (tmp_path / name / "README.md").read_text(encoding="utf-8")

    assert readme("en").startswith("# Synthetic cohort (seed 4)")
    assert readme("fr").startswith("# Cohorte fictive (graine 4)")
    assert readme("env") == readme("fr")
    assert _english_left(readme("fr")) == []
    for name in ("commissions.csv", "students.csv", "pairs.csv", "supervisors.csv"):
        assert (tmp_path / "fr" / name).read_bytes() == (tmp_path / "en" / name).read_bytes()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "3 commandes (3 à retenir), 1 étudiant, 0 paire (fictives"),
        ("en", "3 proposals (3 to select), 1 student, 0 pairs (synthetic"),
    ],
)
def test_generate_says_its_counts_as_sentences(tmp_path: Path, lang: str, said: str) -> None:
    """A one-student cohort of three proposals has no pair: the message agrees each noun
    with its count (French takes the singular for 0 and 1), not "1 étudiants, 0 paires"."""
    args = ["generate", "--seed", "4", "--students", "1", "--proposals", "3"]
    result = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "g"), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert said in result.output
