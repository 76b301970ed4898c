"""A request the workbench refuses names the page's own fields, in the page's language
(Flask's test client): never the command line's words, nor English in a French page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from test_web_locks import _solved


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(html)))


def test_a_whatif_asking_nothing_names_the_forms_fields_in_french(tmp_path: Path) -> None:
    """ "Montrer les changements" with nothing chosen: the sentence names the form's fields
    as the page labels them (before: "utilisez withdrawn commission, withdrawn student ou
    arrivals", English in a French page); said as a plain message beside the form, not as
    a problem of the files with empty File, Row and Column cells (probe s33)."""
    client, _ = _solved(tmp_path, explain=False)
    html = client.post("/whatif", data={}).get_data(as_text=True)
    said = _text(html)
    assert (
        "Choisissez d'abord un changement : « Retirer une commande », « Retirer un étudiant » "
        "ou « Étudiants qui arrivent (fichier) »." in said
    ), said
    assert "withdrawn" not in said
    assert 'data-role="problems"' not in html
    assert re.search(r'<p class="message" role="status" data-role="message">Choisissez', html)


def test_a_save_refused_names_the_output_folder_in_french(tmp_path: Path) -> None:
    """The output folder became a file since the workbench started (a sync client, a
    slip in the file manager): the save is refused in French (before: "output folder
    … existe et n'est pas un dossier")."""
    client, bench = _solved(tmp_path, explain=False)
    bench.out_dir.parent.mkdir(parents=True, exist_ok=True)
    bench.out_dir.write_text("not a folder", encoding="utf-8")
    said = _text(client.post("/save").get_data(as_text=True))
    assert f"le dossier de sortie {bench.out_dir} existe et n'est pas un dossier" in said, said
    assert "output folder" not in said
