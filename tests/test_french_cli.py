"""French everywhere (contract §7): every word the commands print or write for people.

Each area in French: validate, a broken check, an infeasible run, a what-if warning,
progress, generate and plan; French words are there and the English frames are not.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows
from test_check import _edit_teams
from test_plan_app import demo_with_supervisors  # noqa: F401  (a fixture)
from test_writers_sample import sample_outcome, write_instance

from matcher.cli import main
from matcher.outputs.progress import ProgressPrinter
from matcher.outputs.writers import write_outputs

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"
DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

#: English words that must not frame any French message.
ENGLISH_FRAMES = ("error:", "warning:", " row ", "no selection of commissions", "Traceback")


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _no_english_frames(text: str) -> None:
    for frame in ENGLISH_FRAMES:
        assert frame not in text, frame


def test_validate_speaks_french() -> None:
    """validate's description, warnings and verdict are French."""
    code, out, err = _invoke("validate", str(TINY / "selection-slots"), "--lang", "fr")
    assert code == 0, err
    assert "commandes éligibles :" in out
    assert "les données sont valides" in out
    assert "non éligibles :" in out and "non disponible : " in out
    assert "input is valid" not in out and "eligible proposals" not in out
    _no_english_frames(out + err)


def test_a_broken_check_is_reported_in_french(tmp_path: Path) -> None:
    """check's broken rules are sentences in French, naming the students and teams."""
    instance = write_instance(tmp_path / "instance")
    result = tmp_path / "result"
    write_outputs(result, sample_outcome(), instance_dir=instance)
    _edit_teams(result, {"S1": "C2"})
    code, out, err = _invoke("check", str(instance), "--result", str(result), "--lang", "fr")
    assert code == 3
    assert "Le résultat enfreint 2 règles :" in err
    assert "l'équipe C1 compte 2 étudiants, il en faut 3" in err
    assert "has " not in err and "expected" not in err
    _no_english_frames(out + err)


def test_an_infeasible_selection_is_explained_in_french(tmp_path: Path) -> None:
    """The failure frame and the diagnosis of an infeasible selection are French."""
    out_dir = tmp_path / "out"
    code, _, err = _invoke(
        "select", str(TINY / "selection-slots-infeasible"), "--out", str(out_dir), "--lang", "fr"
    )
    assert code == 3
    assert err.startswith("erreur : aucune sélection de commandes ne respecte les règles :")
    assert "il ne manque que visit à C03" in err
    assert "il en faut 3" in err
    assert "lacks" not in err and "needed" not in err
    _no_english_frames(err)
    assert not out_dir.exists()


def test_selection_reasons_and_summary_follow_the_language(tmp_path: Path) -> None:
    """selection.csv's reason column is in the language in force; summary.json records it."""
    folder = TINY / "selection-include"
    fr, en = tmp_path / "fr", tmp_path / "en"
    assert _invoke("select", str(folder), "--out", str(fr), "--lang", "fr", "--quiet")[0] == 0
    assert _invoke("select", str(folder), "--out", str(en), "--lang", "en", "--quiet")[0] == 0
    reasons_fr = [row["reason"] for row in read_rows(fr / "selection.csv")]
    reasons_en = [row["reason"] for row in read_rows(en / "selection.csv")]
    assert "retenue (imposée par les paramètres)" in reasons_fr
    assert "selected (included by settings)" in reasons_en
    assert any(r.startswith("réserve 1 : ") for r in reasons_fr)
    assert not any(r.startswith(("selected", "reserve")) for r in reasons_fr)
    assert json.loads((fr / "summary.json").read_text(encoding="utf-8"))["lang"] == "fr"
    assert json.loads((en / "summary.json").read_text(encoding="utf-8"))["lang"] == "en"
    # The report words the reasons in French too.
    assert "retenue (imposée par les paramètres)" in (fr / "report.html").read_text("utf-8")


def _whatif_c1_unreplaced_fr(tmp_path: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    """``whatif`` in French on a copy of the tiny cohort: C1 withdraws, not replaced."""
    cohort = Path(shutil.copytree(TINY / "whatif-after", tmp_path / "whatif-after"))
    return _invoke(
        "whatif",
        str(cohort),
        "--from",
        str(cohort / "previous"),
        "--out",
        str(out),
        "--withdraw-commission",
        "C1",
        "--no-replace",
        "--lang",
        "fr",
        *extra,
    )


def test_a_whatif_warning_is_french(tmp_path: Path) -> None:
    """The warning of a commission left unreplaced is framed and worded in French."""
    out = tmp_path / "after"
    code, _, err = _whatif_c1_unreplaced_fr(tmp_path, out, "--quiet")
    assert code == 0, err
    assert "avertissement : C1 s'est retirée et n'est pas remplacée" in err
    assert "ses étudiants rejoignent les autres équipes" in err
    _no_english_frames(err)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any("s'est retirée" in w for w in summary["warnings"])


def test_the_whatif_summary_line_has_french_colons(tmp_path: Path) -> None:
    """The terminal line of moves and replacements puts French typography's space before
    each colon ("Étudiants déplacés : 0"), like every other French line."""
    out = tmp_path / "after"
    code, stdout, err = _whatif_c1_unreplaced_fr(tmp_path, out)
    assert code == 0, err
    assert "Étudiants déplacés : " in stdout
    assert "déplacés:" not in stdout


def test_a_whatif_request_error_is_french(tmp_path: Path) -> None:
    """A request that cannot be done names the flag, in French."""
    cohort = Path(shutil.copytree(TINY / "whatif-after", tmp_path / "whatif-after"))
    code, _, err = _invoke(
        "whatif",
        str(cohort),
        "--from",
        str(cohort / "previous"),
        "--out",
        str(tmp_path / "after"),
        "--withdraw-commission",
        "C99",
        "--lang",
        "fr",
    )
    assert code == 2
    assert err.startswith("erreur : --withdraw-commission C99 : pas une commande")
    _no_english_frames(err)


def test_progress_lines_are_french() -> None:
    """Progress shows 'meilleur' and 'borne' in French, 'best' and 'bound' in English."""
    french, english = io.StringIO(), io.StringIO()
    ProgressPrinter(french, delay=0.0, lang="fr")("choices", 12.0, 11.5, 3.25)
    ProgressPrinter(english, delay=0.0)("choices", 12.0, 11.5, 3.25)
    assert "meilleur     12  borne  11,50" in french.getvalue()  # a decimal comma
    assert "best" not in french.getvalue() and "bound" not in french.getvalue()
    assert "best     12  bound  11.50" in english.getvalue()


def test_progress_lines_name_the_priority_in_french() -> None:
    """A French progress line names the priority in words, not by its settings key."""
    french = io.StringIO()
    ProgressPrinter(french, delay=0.0, lang="fr")("worst_choice", 4.0, 4.0, 1.5)
    assert "pire rang parmi les choix retenus" in french.getvalue()
    assert "worst_choice" not in french.getvalue()


def test_generate_accepts_lang(tmp_path: Path) -> None:
    """generate --lang fr reports in French, and its usage errors are French too."""
    out = tmp_path / "cohort"
    code, stdout, err = _invoke("generate", "--seed", "1", "--out", str(out), "--lang", "fr")
    assert code == 0, err
    assert stdout.startswith(f"écrit dans {out} : ") and "fictives, graine 1" in stdout
    code, _, err = _invoke("generate", "--seed", "1", "--out", str(out), "--lang", "fr")
    assert code == 2
    assert err.startswith("erreur : --out ") and "n'est pas vide" in err
    _no_english_frames(err)


def test_an_infeasible_plan_is_explained_in_french(
    demo_with_supervisors: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """One supervisor for ten teams: the plan's failure and diagnosis are French."""
    result_dir, plan_dir = tmp_path / "run", tmp_path / "plan"
    code, _, err = _invoke("run", str(demo_with_supervisors), "--out", str(result_dir), "--quiet")
    assert code == 0, err
    (demo_with_supervisors / "supervisors.csv").write_text(
        "id,name,max_teams\nA1,Anne Lambert,10\n", encoding="utf-8"
    )
    code, _, err = _invoke(
        "plan",
        str(demo_with_supervisors),
        "--result",
        str(result_dir),
        "--out",
        str(plan_dir),
        "--quiet",
        "--lang",
        "fr",
    )
    assert code == 3
    assert err.startswith("erreur : aucun planning des accompagnateurs et du calendrier")
    assert "Anne Lambert ne peut assister" in err
    assert "no plan" not in err
    _no_english_frames(err)
    assert not plan_dir.exists()
