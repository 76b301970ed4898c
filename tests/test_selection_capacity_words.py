"""How many proposals the institution cap lets a selection hold, as `validate` and `select`
tell it: the right number, in sentences that agree with it in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

# Six proposals from three institutions: CPAS de Liège (written three ways) has four of
# them, AMO Jeunes one, Braille one.
COMMISSIONS = """id;institution;sector;problem_type
A1;CPAS de Liège;CPAS;évaluation
A2;cpas de  liege;CPAS;diagnostic
A3;CPAS DE LIÈGE;CPAS;étude
A4;CPAS de Liège;CPAS;recherche
A5;AMO Jeunes;aide à la jeunesse;diagnostic
A6;Braille;handicap;évaluation
"""


def _cohort(tmp_path: Path, settings: str) -> Path:
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "commissions.csv").write_text(COMMISSIONS, encoding="utf-8")
    (instance / "settings.toml").write_text(settings, encoding="utf-8")
    return instance


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--workers", "1"])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "only 4 eligible proposals can be selected together (at most 2 per institution)"),
        (
            "fr",
            "seulement 4 commandes éligibles peuvent être retenues ensemble (au plus 2 par "
            "institution)",
        ),
    ],
)
def test_validate_warns_when_the_cap_leaves_too_few_proposals(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """With at most 2 per institution, CPAS de Liège gives 2 of its 4, AMO Jeunes 1 and
    Braille 1: 4 proposals at most, and count asks for 5. Three institutions times the cap
    (6) would hide it: validate must say it, as select then answers 3 (since session 14
    validate answers 3 too: it warned and said the input was valid)."""
    instance = _cohort(tmp_path, "[selection]\ncount = 5\nmax_per_institution = 2\n")
    code, _, err = _invoke("validate", str(instance), "--lang", lang)
    assert code == 3
    assert expected in err
    code, _, err = _invoke("select", str(instance), "--out", str(tmp_path / "out"))
    assert code == 3 and "only 4 commissions can be selected" in err


def test_validate_words_one_selectable_proposal_in_the_singular(tmp_path: Path) -> None:
    """One institution only, cap 1: one proposal can be selected (French singular)."""
    instance = _cohort(tmp_path, '[selection]\ncount = 2\nexclude = ["A5", "A6"]\n')
    code, _, err = _invoke("validate", str(instance), "--lang", "fr")
    assert code == 3
    assert "seulement 1 commande éligible peut être retenue (au plus 1 par institution)" in err
    code, _, err = _invoke("validate", str(instance), "--lang", "en")
    assert "only 1 eligible proposal can be selected (at most 1 per institution)" in err


def test_select_words_a_cap_of_one_in_the_singular(tmp_path: Path) -> None:
    """The default cap (1) in select's diagnoses reads '1 commande par institution' with a
    verb in the singular, never '1 commande ... peuvent être retenues'."""
    instance = _cohort(tmp_path, '[selection]\ncount = 4\ninclude = ["A1", "A2"]\n')
    code, _, err = _invoke("select", str(instance), "--out", str(tmp_path / "o"), "--lang", "fr")
    assert code == 3
    assert "on peut retenir au plus 1 commande par institution" in err
    instance.joinpath("settings.toml").write_text("[selection]\ncount = 4\n", encoding="utf-8")
    code, _, err = _invoke("select", str(instance), "--out", str(tmp_path / "o"), "--lang", "fr")
    assert code == 3
    assert "on ne peut retenir que 3 commandes" in err
    assert "peuvent être retenues" not in err


def test_the_requirements_agree_with_several_proposals_in_french(tmp_path: Path) -> None:
    """'4 commandes sont éligibles (disponible pour …)' left the adjective singular: the
    requirements read as a noun phrase, right after one proposal or several."""
    instance = tmp_path / "cohort"
    instance.mkdir()
    rows = COMMISSIONS.replace("problem_type\n", "problem_type;slots\n")
    rows = "\n".join(
        line + (";1/10/2026" if i in (1, 6) else ";2/10/2026") if i else line
        for i, line in enumerate(rows.strip().splitlines())
    )
    (instance / "commissions.csv").write_text(rows + "\n", encoding="utf-8")
    (instance / "settings.toml").write_text(
        '[selection]\ncount = 4\nmax_per_institution = 4\nrequired_slots = ["2026-10-01"]\n'
        'exclude = ["A6"]\n',
        encoding="utf-8",
    )
    code, _, err = _invoke("select", str(instance), "--out", str(tmp_path / "o"), "--lang", "fr")
    assert code == 3
    assert (
        "seulement 1 commande est éligible (créneaux exigés : 2026-10-01 ; hors exclusions "
        "des paramètres) ; il en faut 4"
    ) in err
    code, _, err = _invoke("select", str(instance), "--out", str(tmp_path / "o"), "--lang", "en")
    assert "(available on 2026-10-01; not excluded by settings)" in err
