"""What a probe of the workbench (contract §10) in a real browser found in session 14 (g).

Hand-written cohorts (40, 180 and 1,000 students, French headers, ``;`` and Windows-1252,
choices in ``Choix 1…3`` columns; CSV files and one-workbook copies, with errors then
fixed), driven in Debian's Chromium in French and English: uploads without an instance,
language switched mid-session, keyboard moves, two tabs, saves into a folder gone or
broken, long runs cancelled, the 403 and 413 rules.

1. Cancel pressed as a person presses it (button down, ~150 ms, button up) while a run
   goes: one press in two was lost. The progress poll replaced the whole progress part,
   cancel button included, every 400 ms; a press whose release fell on the new button was
   no click. Only the live part (stage and table) is polled and replaced now; the button
   stays the same element (and above the table, which grows).
2. Save into an output folder holding a folder named ``settings.toml`` (or a
   ``settings.toml`` that cannot be written): the outputs were replaced, then writing the
   saved settings failed: a traceback on the terminal and "the workbench could not answer"
   in the page, the new outputs beside the old settings. The settings are written in the
   outputs' own one step now (``write_outputs(texts=…)``): all or nothing.

Browser tests are skipped (with the reason) when /usr/bin/chromium or Playwright is
missing, as ``test_web_browser``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cohortfiles import invoke, write_cohort
from webrun import solved_workbench

CHROMIUM = Path("/usr/bin/chromium")


def _cohort(folder: Path, students: int = 8) -> Path:
    """Three proposals, two selected; ``students`` students (French headers, ``;``)."""
    return write_cohort(
        folder,
        {
            "commissions.csv": "Code;Organisme;Secteur;Problématique;Priorité\n"
            "K1;CPAS de Namur;CPAS;évaluation;2\n"
            "K2;AMO Le Cercle;aide à la jeunesse;diagnostic;1\n"
            "K3;SAJ de Huy;handicap;diagnostic;0\n",
            "students.csv": "Matricule;Nom;Formation initiale;Genre;Choix 1;Choix 2\n"
            + "".join(
                f"E{i};Étudiant {i};éducateur;{'FM'[i % 2]};K{1 + i % 2};K{2 - i % 2}\n"
                for i in range(students)
            ),
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )


def test_save_writes_its_settings_in_the_outputs_one_step(tmp_path: Path) -> None:
    # §10: "Saving writes the section 3 outputs into DIR, so `matcher check INSTANCE
    # --result DIR` accepts what the director saved"; §2: "outputs are written completely
    # or not at all", "Never a Python traceback".
    cohort = _cohort(tmp_path / "cohort")
    out = tmp_path / "out"
    client, _ = solved_workbench(cohort, out, lang="fr")
    assert client.post("/save").status_code == 200
    (out / "settings.toml").unlink()
    (out / "settings.toml").mkdir()  # e.g. left there by hand
    answer = client.post("/save")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200, html
    assert 'data-role="saved"' in html, html
    assert (out / "settings.toml").is_file()
    code, output = invoke(
        ["check", str(cohort), "--result", str(out), "--settings", str(out / "settings.toml")]
    )
    assert code == 0, output


# --- in the browser -------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A browser window tall enough to hold the whole board; its tabs share the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 3000})
    context.set_default_timeout(30_000)
    yield context
    context.close()
