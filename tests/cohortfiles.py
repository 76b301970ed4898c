"""Hand-written cohorts for the probes' tests: files written as given, the CLI invoked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from matcher.cli import main

#: Two commissions of two institutions: the commissions.csv of the small test cohorts.
TWO_COMMISSIONS = (
    "id,institution,sector,problem_type\n"
    "C1,CPAS de Namur,CPAS,évaluation\n"
    "C2,AMO Le Cercle,aide à la jeunesse,diagnostic\n"
)


def write_cohort(folder: Path, files: dict[str, str]) -> Path:
    """``folder`` (created if needed) holding each file of ``files`` (name → text, UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def invoke(args: list[str]) -> tuple[int, str]:
    """``matcher ARGS``: exit code and everything printed (never a traceback)."""
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output
