"""What the second acceptance probe of session 11 found wrong, each case checked against
the contract's words: a count of zero worded as people say it, an employer that may be
one of several institutions explained as what it is, and the workbench (contract §10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

# Three proposals, none available on the slot the settings require: no proposal is eligible.
NONE_ELIGIBLE = {
    "commissions.csv": "id;institution;secteur;problématique;disponibilités\n"
    "C1;CPAS de Namur;CPAS;évaluation;visit\n"
    "C2;AMO Le Cercle;jeunesse;diagnostic;visit\n"
    "C3;Asbl X;handicap;évaluation;oral_thu\n",
    "students.csv": 'matricule;nom;formation;choix\nS1;Anne;AS;"C1;C2"\nS2;Bob;GRH;C2\n',
    "settings.toml": '[selection]\ncount = 2\nrequired_slots = ["nothing"]\n',
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


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
    cohort = _write(tmp_path / "cohorte", NONE_ELIGIBLE)
    code, output = _invoke(["validate", str(cohort), "--lang", lang])
    assert code == 0, output
    assert never not in output, output
    assert said in output, output
    for command in ("select", "run"):
        out = tmp_path / f"out-{command}"
        code, output = _invoke(
            [command, str(cohort), "--out", str(out), "--lang", lang, "--workers", "1"]
        )
        assert code == 3, output
        assert never not in output, output
        assert said in output, output
