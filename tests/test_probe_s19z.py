"""Probe s19z: the README is true (README.md, instances/README.md against the installed program).

Every shell command of both READMEs was run as written from a fresh copy of the instances
they name (the demo, ``tiny/``, ``historical/2014-2015``), the quick start in a fresh venv
(non-editable install, from a copy of the tree), ``--help`` of every command in English and
French, and about a hundred statements of defaults, limits, aliases, messages and exit codes
on hand-written cohorts (French ``;`` Windows-1252 files named ``commandes - Copie.csv``,
``étudiants (1).csv``, ``binômes.csv``; ``sep=;``; ``o``/``t``/``f`` flags; numbered choice
columns with a gap; formula-like cells; 4- to 24-student cohorts with include, pairs and
``no_isolation`` rules that cannot hold).

What the probe found:

1. ``matcher generate --help`` (English and French) said it writes "commissions.csv,
   students.csv, pairs.csv, settings.toml and a README.md"; it writes ``supervisors.csv``
   too (the README's "Generating cohorts", and its own ``--force`` message, which lists the
   six files). The help now names it.
2. (README only) ``matcher whatif instances/demo --from results --out after
   --withdraw-commission C07`` exited 2: C07 is a reserve of the demo, not a selected
   commission. The examples withdraw C08 (replaced by C06).
3. (README only) a misspelt command is answered "Did you mean 'validate'?" / "Vouliez-vous
   dire « generate » ?", quoted now as printed.
4. (instances/README only) the demo has two institutions proposing two commissions each,
   not one; the historical cohorts' regenerate command writes the stage-3 parts (``town``,
   ``supervisors.csv``, ``[calendar]``) those files leave out; a pair both apart and
   together, and too few eligible proposals of distinct institutions for ``count``, are
   listed among the warnings while ``validate`` answers ``3`` for both (as README.md says);
   a cell that cannot be read (``#N/A``) is listed alone for its file, not with "every
   problem of every file at once".
5. (README only) "the status words of summary.json (OPTIMAL…) appear only there" (the
   report's technical details): they appear in neither report.html nor result.xlsx.

What held: every other command of both READMEs, its exit code and its files; the explain
example's output word for word in both languages; the quick start's two lines (ruff and mypy
clean from the copy); the defaults, limits and messages quoted (``count`` 10 on 8 proposals,
``C1O``/``C71``/``C2S`` suggestions, settings keys, ``--time-limit 2,5`` and ``30s``,
hidden common options accepted and checked, ``--out=`` and ``--out --lang fr``, ``~``,
the workbook's sheet names, formula guards, the serve start errors and its 403).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from matcher.cli import main


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_generate_help_names_supervisors_csv(lang: str) -> None:
    """``generate`` writes supervisors.csv (its ``--force`` message lists it, and the README's
    "Generating cohorts" says so): its ``--help`` names every file it writes, or a director
    reading it would not expect stage 3 to run on the cohort."""
    result = CliRunner().invoke(main, ["generate", "--help", "--lang", lang])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "supervisors.csv" in text
