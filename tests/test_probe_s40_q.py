"""Session 40's workbench fixes (letter q), each with the probe that found it: probe s40a
(D3: another cohort's result.xlsx alone in --out was still offered) and probe s40e
(defects 1 and 2: the problems table's file cell kept the upload's language; the note
after a Run over a modified board gave the Undo/Redo advice twice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DEMO
from test_probe_s37 import _cohort_of


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_another_cohorts_result_book_alone_is_not_offered(
    demo_result: Path, tmp_path: Path, lang: str
) -> None:
    """Probe s40a (D3): --out holding only another cohort's result.xlsx (no teams.csv):
    the page offered « Reprendre le résultat enregistré », and taking it listed unknown ids
    with « vouliez-vous dire ». Its Students sheet is now read as teams.csv was: said of
    another cohort, not offered; the demo's own workbook alone is still offered."""
    from matcher.web import create_app

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(demo_result / "result.xlsx", out / "result.xlsx")
    cohort = _cohort_of(tmp_path, "id,background\nE1,AS\nE2,AS\n")
    other = {"en": "holds a result of another cohort", "fr": "contient le résultat d'une autre"}
    for instance, another in ((cohort, True), (DEMO, False)):
        app = create_app(instance, out, lang, explain=False)  # type: ignore[arg-type]
        page = app.test_client().get("/").get_data(as_text=True).replace("&#39;", "'")
        assert (other[lang] in page) is another, page
        assert ('data-action="open-result"' in page) is not another, page


@pytest.mark.parametrize(("upload", "shown"), [("en", "fr"), ("fr", "en")])
def test_the_file_cell_of_an_uploads_problem_follows_the_page(
    tmp_path: Path, upload: str, shown: str
) -> None:
    """Probe s40e (defect 1): files uploaded with the page in English, then the page
    switched to French: the problems table's « Fichier » cell still read « uploaded cohort »
    (and « cohorte déposée » the other way). It is worded in the page's language, as the
    rest of the row is."""
    import html as markup
    import io

    from matcher.labels import label
    from matcher.web import create_app

    app = create_app(None, tmp_path / "out", upload, explain=False)  # type: ignore[arg-type]
    client = app.test_client()
    # The students saved under a name of the director's: refused, students.csv missing.
    named = {"commissions.csv": "commissions.csv", "students.csv": "Liste des étudiants 2026.csv"}
    files = {"files": [(io.BytesIO((DEMO / n).read_bytes()), as_) for n, as_ in named.items()]}
    client.post("/upload", data=files, content_type="multipart/form-data")
    client.post(f"/lang/{shown}")
    page = markup.unescape(client.get("/").get_data(as_text=True))
    cells = page.split('data-role="problems"', 1)[1].split("</table>", 1)[0]
    cohort = {lang: label("web_uploaded_cohort", lang) for lang in ("en", "fr")}
    assert f"<td>{cohort[shown]}</td>" in cells, cells
    assert cohort[upload] not in cells, cells
    missing = {"en": "missing file students.csv", "fr": "fichier students.csv absent"}
    assert missing[shown] in cells, cells


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("cancel", [False, True])
def test_a_run_over_a_changed_board_gives_the_undo_advice_once(
    tmp_path: Path, lang: str, cancel: bool
) -> None:
    """Probe s40e (defect 2): a what-if accepted, a card moved, then Run (or Run cancelled
    with « Annuler (garder le meilleur trouvé) »): the note said « Annuler ramène le tableau
    … Rétablir revient aux équipes de cette exécution » twice in one paragraph, right after
    the run's own « Annuler » was pressed. The advice is given once, naming the board's
    button apart from the run's cancel; Undo still brings the moved board back."""
    import html as markup
    import re

    from webrun import CancelAtTeams, locks_cohort, solved_workbench

    import matcher.web.engine as engine
    from matcher.labels import label
    from matcher.web.routes.solving import _work

    client, bench = solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    client.post(f"/lang/{lang}")
    client.post("/whatif", data={"student": "S6"})
    client.post("/whatif/accept")
    assert "S6" not in bench.assignment
    other = next(t for t in sorted(set(bench.assignment.values())) if t != bench.assignment["S1"])
    assert client.post("/move", data={"student": "S1", "team": other}).status_code == 200
    moved = dict(bench.assignment)
    assert bench.instance is not None
    progress = CancelAtTeams() if cancel else engine.Progress()
    bench.progress = progress
    _work(bench, bench.instance, progress)
    assert progress.cancelled is cancel
    page = markup.unescape(client.get("/").get_data(as_text=True))
    run = page.split('<section id="run">', 1)[1].split("</section>", 1)[0]
    note = " ".join(re.sub(r"<[^>]+>", " ", run).split())
    for key in ("web_run_without_whatifs", "web_run_replaced_board_one", "web_run_undo_board"):
        assert label(key, lang, n=1) in note, (key, note)
    assert (label("web_cancelled_kept", lang) in note) is cancel, note
    # Redo and Undo each named once; the board's Undo named apart from the run's cancel.
    assert note.count(label("web_redo", lang)) == 1, note
    undo = {"fr": "Le bouton « Annuler » de la section « Équipes » (pas celui du calcul)"}
    undo["en"] = "The “Undo” button of the “Teams” section"
    assert undo[lang] in note, note
    assert f"{label('web_undo', lang)} ramène" not in note and "Undo brings" not in note, note
    assert client.post("/undo").status_code == 200
    assert bench.assignment == moved
