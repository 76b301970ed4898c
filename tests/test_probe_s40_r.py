"""Probe s40c (what-if in depth) and probe s40a's D5 (select and a calendar a year off).

- s40c-1: `whatif --from` (and `check`/`report`/`explain --result`) of another cohort's result
  gave one « did you mean F001? (if E001 left since this result, put their row back…) » per
  row, never naming the folder: now one message, naming it, exit 2, nothing written.
- s40c-2: withdrawing every student was « optimal » with empty teams (exit 0): now refused
  (exit 2); fewer students left than selected commissions is said in a warning.
- s40c-3: `--no-replace` without `--withdraw-commission` was silently ignored: now said.
- s40a-D5: `select` exited 0 where `validate` and `run` exit 3 because no proposal offers
  an oral slot of the calendar (the whole calendar a year off, or no slot at all).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

ROOT = Path(__file__).resolve().parents[1]
AFTER = ROOT / "instances" / "tiny" / "whatif-after"


def _copy(tmp_path: Path, name: str = "cohort") -> Path:
    cohort = tmp_path / name
    shutil.copytree(AFTER, cohort)
    return cohort


def _renamed(cohort: Path, files: tuple[str, ...], old: str, new: str) -> None:
    """Another cohort: ``old`` ids (S…, C…) written ``new`` in ``files``."""
    for name in files:
        path = cohort / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _said(output: str) -> str:
    return " ".join(output.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_whatif_from_a_result_of_another_cohort_is_one_message(tmp_path: Path, lang: str) -> None:
    """Probe s40c-1: the students of another cohort (T1… where the result has S1…): one
    message naming the folder and the count, not six « did you mean T1? »."""
    cohort = _copy(tmp_path)
    _renamed(cohort, ("students.csv", "pairs.csv"), "S", "T")
    out = tmp_path / "out"
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
         "--withdraw-student", "T1", "--lang", lang]
    )  # fmt: skip
    said = _said(output)
    assert code == 2, said
    assert not out.exists()
    if lang == "fr":
        assert "semble être le résultat d'une autre cohorte" in said, said
        assert "6 étudiant·es sur 6 de son teams.csv ne sont pas dans students.csv" in said
        assert "Donnez le dossier de résultat de cette cohorte-ci" in said, said
        assert "vouliez-vous dire" not in said and "remettez sa ligne" not in said, said
    else:
        assert "looks like the result of another cohort" in said, said
        assert "6 students of 6 in its teams.csv are not in students.csv" in said, said
        assert "Give the result folder of this cohort" in said, said
        assert "did you mean" not in said, said
    assert str(cohort / "previous") in said, said
    assert said.count("S1") == 1, said


def test_check_report_explain_of_another_cohort_say_the_same(tmp_path: Path) -> None:
    """Probe s40c-1: `check`, `report` and `explain --result` read the result the same way:
    the same one message, exit 2, nothing written."""
    cohort = _copy(tmp_path)
    _renamed(cohort, ("students.csv", "pairs.csv"), "S", "T")
    result = str(cohort / "previous")
    out = tmp_path / "report"
    for args in (
        ["check", str(cohort), "--result", result],
        ["report", str(cohort), "--result", result, "--out", str(out)],
        ["explain", str(cohort), "--result", result],
    ):
        code, output = invoke([*args, "--lang", "en"])
        said = _said(output)
        assert code == 2, (args, said)
        assert "looks like the result of another cohort: 6 students of 6" in said, said
        assert "did you mean" not in said, said
    assert not out.exists()


def test_a_selection_of_another_cohorts_commissions_is_one_message(tmp_path: Path) -> None:
    """Probe s40c-1, the other way round: the selected proposals of selection.csv are none of
    commissions.csv's (K1… where the result has C1…)."""
    cohort = _copy(tmp_path)
    _renamed(cohort, ("commissions.csv", "students.csv"), "C", "K")
    out = tmp_path / "out"
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
         "--withdraw-commission", "K1", "--lang", "fr"]
    )  # fmt: skip
    said = _said(output)
    assert code == 2, said
    assert not out.exists()
    assert "semble être le résultat d'une autre cohorte" in said, said
    assert "3 commandes retenues sur 3 de son selection.csv ne sont pas dans commissions.csv" in (
        said
    ), said
    assert "vouliez-vous dire" not in said, said


def test_a_few_students_unknown_are_still_said_row_by_row(tmp_path: Path) -> None:
    """The cohort's own result with one student renamed since: not another cohort (five of
    six rows are this cohort's), the row is named with its remedy, as before."""
    cohort = _copy(tmp_path)
    _renamed(cohort, ("students.csv", "pairs.csv"), "S6", "S9")
    code, output = invoke(
        ["check", str(cohort), "--result", str(cohort / "previous"), "--lang", "en"]
    )
    said = _said(output)
    assert code == 2, said
    assert "another cohort" not in said, said
    assert "'S6' is not a student id of students.csv" in said, said


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "--withdraw-student: no student of the cohort would be left (all 6 withdraw)"),
        ("fr", "--withdraw-student : il ne resterait aucun·e étudiant·e de la cohorte (les 6"),
    ],
)
def test_withdrawing_every_student_is_refused(tmp_path: Path, lang: str, words: str) -> None:
    """Probe s40c-2: every student withdrawn gave exit 0, « optimal », teams.csv a header
    only; a students.csv without rows is refused, and so is this."""
    cohort = _copy(tmp_path)
    out = tmp_path / "out"
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
         "--withdraw-student", "S1,S2,S3", "--withdraw-student", "S4",
         "--withdraw-student", "S5", "--withdraw-student", "S6", "--lang", lang]
    )  # fmt: skip
    assert code == 2, output
    assert words in _said(output), output
    assert not out.exists()


def test_fewer_students_left_than_teams_is_said(tmp_path: Path) -> None:
    """Probe s40c-2: five of six withdrawn leave two of three teams empty (sizes floor(1/3)
    = 0 allow it, as `run` of such a cohort does): a warning says so, on the terminal and in
    summary.json."""
    cohort = _copy(tmp_path)
    out = tmp_path / "out"
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
         "--withdraw-student", "S1,S2,S3,S4,S5", "--lang", "fr"]
    )  # fmt: skip
    assert code == 0, output
    words = (
        "2 équipes restent sans étudiant·e : moins d'étudiant·es (1) que de commandes "
        "retenues (3) ; retirer 2 commandes sans les remplacer"
    )
    assert words in _said(output), output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any(words in warning for warning in summary["warnings"]), summary["warnings"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "warning: --no-replace has no effect without --withdraw-commission"),
        ("fr", "avertissement : --no-replace est sans effet sans --withdraw-commission"),
    ],
)
def test_no_replace_without_a_commission_withdrawn_is_said(
    tmp_path: Path, lang: str, words: str
) -> None:
    """Probe s40c-3: `--no-replace` with a student withdrawn only changed nothing, silently;
    said, even under --quiet."""
    cohort = _copy(tmp_path)
    for quiet, out in (([], tmp_path / "out"), (["--quiet"], tmp_path / "quiet")):
        code, output = invoke(
            ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out", str(out),
             "--withdraw-student", "S1", "--no-replace", "--lang", lang, *quiet]
        )  # fmt: skip
        assert code == 0, output
        assert words in _said(output), output
    code, output = invoke(
        ["whatif", str(cohort), "--from", str(cohort / "previous"), "--out",
         str(tmp_path / "c1"), "--withdraw-commission", "C1", "--no-replace", "--lang", lang]
    )  # fmt: skip
    assert "--no-replace" not in output, output


_SLIPPED = {
    "commissions.csv": (
        "id,institution,sector,problem_type,slots\n"
        "C1,CPAS de Namur,CPAS,évaluation,visit;oral 15/04/2027\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,visit;oral 15/04/2027\n"
        "C3,Maison de Huy,handicap,étude de faisabilité,visit;oral 15/04/2027\n"
    ),
    "students.csv": "id,background\nS1,AS\nS2,AS\nS3,ED\nS4,ED\n",
    "supervisors.csv": "id,name,max_teams\nA1,Thomas Dubois,2\nA2,Chloé Martin,2\n",
}
_YEAR_OFF = (
    '[selection]\ncount = 2\n[calendar]\noral_slots = ["oral_jeu"]\n'
    'dates = { visit = "2025-10-09", oral_jeu = "2026-04-15" }\n'
)
_NO_SLOT = '[selection]\ncount = 2\n[calendar]\noral_slots = ["oral_sam"]\n'


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (
            _YEAR_OFF,
            "its cell gives oral 15/04/2027, but [calendar] dates puts oral_jeu on "
            "15/04/2026: is the year right?",
        ),
        (_NO_SLOT, "C1 has none of the oral slots (oral_sam) in its column 'slots'"),
    ],
)
def test_select_says_what_validate_says_of_orals_out_of_reach(
    tmp_path: Path, settings: str, words: str
) -> None:
    """Probe s40a-D5: the whole calendar a year after the proposals' dates (no « orals
    before the visits » to warn), or an oral slot no proposal offers: `validate` and `run`
    exit 3 pointing at the settings; `select` exited 0 and selected two proposals without
    a word. It now exits 3 with `validate`'s sentence, writing nothing."""
    cohort = write_cohort(tmp_path / "cohort", {**_SLIPPED, "settings.toml": settings})
    code, validated = invoke(["validate", str(cohort), "--lang", "en"])
    assert code == 3, validated
    head = "no eligible proposal could host a team of this cohort, but count is 2"
    assert head in _said(validated) and words in _said(validated), validated
    out = tmp_path / "out"
    code, selected = invoke(["select", str(cohort), "--out", str(out), "--lang", "en"])
    said = _said(selected)
    assert code == 3, said
    assert "no selection of commissions satisfies the rules" in said, said
    assert head in said and words in said, said
    assert not out.exists()
    code, run = invoke(["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 3 and "oral slots" in run, run
    assert ("is the year right?" in _said(run)) == ("2026" in settings), run
