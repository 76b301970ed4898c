"""Session 35's findings on the workbench (probe s35c), through Flask's test client: a page
left open across a restart, Apply with nothing changed, a cohort file saved again unchanged,
and Re-optimise placing students who had no team."""

from __future__ import annotations

import json
import time
from pathlib import Path

from test_web_probe_s34 import _two_vae_wanting_c1
from webrun import solved_workbench


def test_a_page_left_open_across_a_restart_is_refused(tmp_path: Path) -> None:
    """Probe s35c: the server stopped and started again, a tab left open showed revision 4
    of the one before; the new one, counting from 0 too, reached 4 as well, and the old
    tab's move and Save acted on a board it never showed. Each workbench now counts from
    its start time: the old tab is refused (409, reload), the new one's own tab is not."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    _, old = solved_workbench(cohort, tmp_path / "out")
    shown_by_old = str(old.revision)
    time.sleep(0.01)  # another start time, as a restart's
    client, bench = solved_workbench(cohort, tmp_path / "out2")
    assert int(shown_by_old) < bench.revision
    move = {"student": "S3", "team": "C1"}
    before = dict(bench.assignment)
    stale = {"X-Matcher-Tab": "old", "X-Matcher-Board": shown_by_old}
    refused = client.post("/move", data=move, headers=stale)
    assert refused.status_code == 409
    # Not « changed in another tab » of a tab alone (probe s35f): started again since.
    assert refused.get_data(as_text=True).startswith("L'atelier a été redémarré"), refused
    assert client.post("/save", headers=stale).status_code == 409
    assert bench.assignment == before
    fresh = {"X-Matcher-Tab": "new", "X-Matcher-Board": str(bench.revision)}
    assert client.post("/move", data=move, headers=fresh).status_code == 200
    assert bench.assignment["S3"] == "C1"


def test_apply_with_nothing_changed_keeps_the_runs_proof_and_explanations(
    tmp_path: Path,
) -> None:
    """Probe s35c: Apply pressed without changing anything (the balance boxes as shown:
    the attributes present, settings.toml naming none) made the default balance an explicit
    list, so the run's teams were taken as given under new settings: no proof, no
    explanations saved. The same boxes are the default still: nothing is dropped."""
    from matcher.web.page import shown_outcome

    cohort = tmp_path / "cohort"
    _two_vae_wanting_c1(cohort)
    settings = cohort / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("balance = []\n", ""), encoding="utf-8"
    )
    client, bench = solved_workbench(cohort, tmp_path / "out", explain=True)
    assert bench.instance is not None and bench.instance.settings.teams.balance is None
    shown = {f"balance_{a}": "on" for a in bench.instance.balanced_attributes()}
    assert shown == {"balance_background": "on", "balance_vae": "on"}
    assert client.post("/settings", data=shown).status_code == 200
    assert bench.instance.settings.teams.balance is None
    assert shown_outcome(bench) is bench.outcome
    client.post("/save")
    out = tmp_path / "out"
    assert (out / "explanations.csv").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["teams"]["status"] == "OPTIMAL" and not summary["teams"].get("given"), summary


def test_a_cohort_file_saved_again_unchanged_is_no_change(tmp_path: Path) -> None:
    """Probe s35c: the cohort's workbook saved again with nothing changed (Excel's Ctrl-S,
    an autosave: its bytes differ, its cells not) was taken as changed, and Save refused
    the director's board. It reads as opened: Save goes on; a cell changed is still seen."""
    import openpyxl

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    students = cohort / "students.csv"
    book = openpyxl.Workbook()
    sheet = book.active
    for line in students.read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    book.save(cohort / "students.xlsx")
    students.unlink()
    client, bench = solved_workbench(cohort, tmp_path / "out")
    before = (cohort / "students.xlsx").read_bytes()
    time.sleep(1.1)  # the zip's own clock: the bytes saved again differ
    reopened = openpyxl.load_workbook(cohort / "students.xlsx")
    reopened.save(cohort / "students.xlsx")
    assert (cohort / "students.xlsx").read_bytes() != before
    assert not bench.files_changed()
    client.post("/save")
    assert (tmp_path / "out" / "teams.csv").is_file()
    reopened = openpyxl.load_workbook(cohort / "students.xlsx")
    reopened.active["D3"] = "C2;C1"  # S2's choices changed
    reopened.save(cohort / "students.xlsx")
    assert bench.files_changed()


def test_reoptimise_says_who_it_placed_when_nobody_moved(tmp_path: Path) -> None:
    """Probe s35c: a result saved, a student added to students.csv, the files read again and
    the result taken up: the newcomer has no team. Re-optimise placed them and said
    « Personne n'a bougé : le tableau respecte déjà toutes les règles », untrue of a board
    where one had no team. It now names who was placed."""
    import html as markup

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    client.post("/save")
    students = cohort / "students.csv"
    students.write_text(students.read_text(encoding="utf-8") + "S7,AS,,C2;C1\n", "utf-8")
    client.post("/open")  # « Relire les fichiers de la cohorte »
    client.post("/open/result")  # « Reprendre le résultat enregistré »
    assert "S7" not in bench.assignment
    html = markup.unescape(client.post("/reoptimise").get_data(as_text=True))
    assert "S7" in bench.assignment
    assert "Personne n'a bougé :" not in html
    assert "Personne du tableau n'a bougé ; S7, qui n'avait pas d'équipe, est placé·e" in html


def test_the_reload_button_says_it_leaves_an_uploaded_cohort(tmp_path: Path) -> None:
    """Probe s35c: with a cohort uploaded over the one given to ``serve``, « Relire les
    fichiers de la cohorte » opened the given one, the uploaded cohort and its board gone
    without a word. The button now says what it does then."""
    import html as markup
    import io

    given = _two_vae_wanting_c1(tmp_path / "cohorte-donnee")
    client, bench = solved_workbench(given, tmp_path / "out")
    page = markup.unescape(client.get("/").get_data(as_text=True))
    assert "Relire les fichiers de la cohorte</button>" in page
    files = {
        "files": [
            (io.BytesIO((given / name).read_bytes()), name)
            for name in ("commissions.csv", "students.csv")
        ]
    }
    client.post("/upload", data=files, content_type="multipart/form-data")
    assert bench.upload_root is not None
    page = markup.unescape(client.get("/").get_data(as_text=True))
    assert "Relire les fichiers de la cohorte</button>" not in page
    said = "Rouvrir cohorte-donnee (la cohorte déposée et son tableau sont abandonnés)"
    assert said in page, page
    bench.drop_upload()


def test_apply_with_the_balance_listed_in_another_order_changes_nothing(tmp_path: Path) -> None:
    """Probe s35f: settings.toml's ``balance = ["vae", "background"]``; the form sends the
    boxes in its own order (background, vae), so Apply with nothing changed dropped the run's
    proof and explanations. The same attributes in any order or words are no change."""
    from matcher.web.page import shown_outcome

    cohort = tmp_path / "cohort"
    _two_vae_wanting_c1(cohort)
    settings = cohort / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "balance = []", 'balance = ["vae", "formation initiale"]'
        ),
        encoding="utf-8",
    )
    client, bench = solved_workbench(cohort, tmp_path / "out", explain=True)
    assert bench.instance is not None
    before = bench.instance.settings.teams.balance
    shown = {"balance_background": "on", "balance_vae": "on"}
    assert client.post("/settings", data=shown).status_code == 200
    assert bench.instance.settings.teams.balance == before
    assert shown_outcome(bench) is bench.outcome
