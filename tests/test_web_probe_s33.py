"""Probe s33's findings on the workbench, through Flask's test client: a supervisor what-if
explained anew (not saved with the what-if before's explanations), the team settings
applied holding on the board at once, the page's own words for stage 3's diagnosis and the
settings' checks, « Planifier à nouveau » saying when the plan is unchanged, and the save
panel's downloads said to be the last saved board's after Undo.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from html import unescape
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from webrun import locks_cohort, solved_workbench

from matcher.cli import main
from matcher.labels import label
from matcher.web.page import page_words
from matcher.web.state import Workbench


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(html)))


def _joined(bench: Workbench) -> None:
    """The worker (a run, or a what-if's explanations) waited for."""
    if bench.worker is not None:
        bench.worker.join(timeout=600)


def _broken_rules(html: str) -> str:
    match = re.search(r'data-role="broken-rules".*?</div>', html, re.S)
    assert match is not None, html
    return _text(match.group(0))


def _save_notes(html: str) -> str:
    match = re.search(r'data-role="save-notes">(.*?)</ul>', html, re.S)
    return _text(match.group(1)) if match else ""


def _check(instance: Path, result: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "matcher", "check", str(instance), "--result", str(result), *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _explain_csv(instance: Path, result: Path, out: Path) -> str:
    """explanations.csv as ``matcher explain INSTANCE --result RESULT --out OUT`` writes it."""
    args = ["explain", str(instance), "--result", str(result), "--out", str(out), "--quiet"]
    args += ["--lang", "fr"]  # as the page saved them
    answer = CliRunner().invoke(main, [*args, "--workers", "1"])
    assert answer.exit_code == 0, answer.output
    return (out / "explanations.csv").read_text(encoding="utf-8-sig")


# --- 1. Explanations are always those of the board as it stands --------------------------


def test_a_supervisor_whatif_saves_its_own_explanations(tmp_path: Path) -> None:
    """Arrivals accepted, then supervisor A1 withdrawn and accepted: the second what-if's
    board is explained anew, its moves counted from the first's board (as ``matcher whatif
    --withdraw-supervisor`` explains it), not given the first what-if's explanations (probe
    s33: saved, explanations.csv was the arrivals step's, « 0→1 » where the command said
    « 0→2 », while the page said every wish was explained). Saved, explanations.csv is
    what ``matcher explain --result`` gives for those teams."""
    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    client, bench = solved_workbench(cohort, tmp_path / "out", explain=True)
    arrivals = b"id,background,choices\nS8,AS,C1;C2\n"
    html = client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(arrivals), "arrivals.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert bench.pending is not None, _text(html)
    client.post("/whatif/accept")
    _joined(bench)
    assert bench.outcome is not None and bench.outcome.explanations is not None
    first = bench.outcome.explanations
    html = client.post("/whatif", data={"supervisor": "A1"}).get_data(as_text=True)
    assert bench.pending is not None, _text(html)
    assert bench.pending.explanations is None  # not the what-if before's
    client.post("/whatif/accept")
    _joined(bench)
    assert bench.outcome.explanations is not None
    assert bench.outcome.explanations is not first
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    saved = (tmp_path / "out" / "explanations.csv").read_text(encoding="utf-8-sig")
    assert saved == _explain_csv(cohort, tmp_path / "out", tmp_path / "explained")


def test_explanations_saved_with_locks_say_they_are_without_them(tmp_path: Path) -> None:
    """A student locked: the why panel answers on the board as locked (« verrouillé·e par
    vous »), explanations.csv is the run's, of the board without locks, as ``matcher
    explain --result`` explains the saved result: the save says so (probe s33: the panel
    and the file contradicted each other without a word)."""
    cohort = locks_cohort(tmp_path / "cohort")
    client, _ = solved_workbench(cohort, tmp_path / "out", explain=True)
    assert client.post("/pin", data={"student": "S6"}).status_code == 200
    html = client.post("/save").get_data(as_text=True)
    notes = _save_notes(html)
    assert label("web_saved_explanations", "fr") in notes, notes
    assert label("web_saved_explanations_locks", "fr") in notes, notes
    saved = (tmp_path / "out" / "explanations.csv").read_text(encoding="utf-8-sig")
    assert saved == _explain_csv(cohort, tmp_path / "out", tmp_path / "explained")


# --- 2. Team settings applied hold on the board ------------------------------------------


def _vae_cohort(folder: Path, employer: str = "") -> Path:
    """Two commissions, six students of one background, two of them VAE: S1 wants C1 first,
    S2 C2, as S3, S4 and S5, S6 do: every first choice granted, VAE one per team.
    ``employer``: S1's (C1's institution: a conflict of interest)."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,CPAS de Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic\n",
        encoding="utf-8",
    )
    rows = [f"S1,AS,oui,{employer},C1;C2", "S2,AS,oui,,C2;C1", "S3,AS,,,C1;C2"]
    rows += ["S4,AS,,,C1;C2", "S5,AS,,,C2;C1", "S6,AS,,,C2;C1"]
    (folder / "students.csv").write_text(
        "id,background,vae,employer,choices\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text(
        '[selection]\ncount = 2\n[teams]\nbalance = ["vae"]\n[solver]\ntime_limit = 20\n',
        encoding="utf-8",
    )
    return folder


def test_team_settings_applied_hold_on_the_board_reoptimise_and_save(tmp_path: Path) -> None:
    """``no_isolation = vae=oui`` and team sizes applied after the run: the board is checked
    under them at once (the VAE students the run split are each isolated: two broken rules;
    the columns show the new sizes), the page says so, Re-optimise follows them (the two
    VAE students together), Save writes them into settings.toml and ``matcher check
    --settings`` accepts it (probe s33: « Paramètres appliqués » while the board, Re-optimise
    and Save went on under the ones before, the saved settings.toml without them)."""
    cohort = _vae_cohort(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    assert bench.assignment["S1"] != bench.assignment["S2"]  # their first choices
    html = client.post(
        "/settings", data={"no_isolation": "vae=oui", "min_size": "2", "max_size": "4"}
    ).get_data(as_text=True)
    said = _text(html)
    assert label("web_settings_teams_now", "fr") in said, said
    assert 'data-role="teams-stale"' in html
    assert "(2–4)" in html and "(3–3)" not in html
    broken = _broken_rules(html)
    assert "S1" in broken and "S2" in broken and "vae=oui" in broken, broken
    html = client.post("/reoptimise").get_data(as_text=True)
    assert bench.assignment["S1"] == bench.assignment["S2"], _text(html)
    assert "broken good" in html, _broken_rules(html)
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="saved"' in html
    saved = tomllib.loads((tmp_path / "out" / "settings.toml").read_text(encoding="utf-8"))
    assert saved["teams"]["no_isolation"] == ["vae=oui"]
    assert (saved["teams"]["min_size"], saved["teams"]["max_size"]) == (2, 4)
    out = tmp_path / "out"
    checked = _check(cohort, out, "--settings", str(out / "settings.toml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_team_settings_applied_without_a_new_board_save_the_rules_it_breaks(
    tmp_path: Path,
) -> None:
    """The same rule applied and the board saved as it is: saved as broken, the rules it
    breaks listed, and ``matcher check --settings`` refuses it the same way (exit 3): never
    a result saved as keeping every rule under settings it breaks. Its explanations were
    made under the settings before: not saved."""
    cohort = _vae_cohort(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out", explain=True)
    assert bench.outcome is not None and bench.outcome.explanations is not None
    client.post("/settings", data={"no_isolation": "vae=oui"})
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="saved-broken"' in html, _text(html)
    # A board breaking a rule is not explained (``matcher explain`` answers 3 for it).
    assert label("web_saved_explanations", "fr") not in _save_notes(html)
    assert not (tmp_path / "out" / "explanations.csv").exists()
    out = tmp_path / "out"
    checked = _check(cohort, out, "--settings", str(out / "settings.toml"))
    assert checked.returncode == 3, checked.stdout + checked.stderr


def test_the_conflict_of_interest_unticked_holds_on_the_board(tmp_path: Path) -> None:
    """S1 works for C1's institution: moved to C1 the board lists the conflict of
    interest; the box unticked and applied, the board keeps every rule, and the
    settings.toml saved says false."""
    cohort = _vae_cohort(tmp_path / "cohort", employer="CPAS de Namur")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    assert bench.assignment["S1"] == "C2"
    mate = next(s for s, team in sorted(bench.assignment.items()) if team == "C1")
    client.post("/move", data={"student": "S1", "team": "C1"})
    html = client.post("/move", data={"student": mate, "team": "C2"}).get_data(as_text=True)
    assert "broken bad" in html and "S1" in _broken_rules(html)
    # The whole form, as the page sends it, the box unticked (an unticked box sends nothing).
    assert bench.instance is not None
    settings = bench.instance.settings
    form: dict[str, Any] = {"lists": "1", "priority": list(settings.teams.priorities)}
    form["selection_priority"] = list(settings.selection.priorities)
    form |= {f"balance_{a}": "1" for a in bench.instance.balanced_attributes()}
    html = client.post("/settings", data=form).get_data(as_text=True)
    assert bench.instance is not None and not bench.instance.settings.teams.conflict_of_interest
    assert "broken good" in html, _broken_rules(html)
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    saved = tomllib.loads((tmp_path / "out" / "settings.toml").read_text(encoding="utf-8"))
    assert saved["teams"]["conflict_of_interest"] is False


def test_selection_settings_applied_after_a_run_wait_for_the_next_run(tmp_path: Path) -> None:
    """A selection setting (the time limit too) applied with a board shown: the page says
    it takes effect at the next run, and the save says settings.toml holds those of the
    result saved."""
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    said = _text(client.post("/settings", data={"time_limit": "30"}).get_data(as_text=True))
    assert label("web_settings_next_run", "fr") in said, said
    assert label("web_settings_teams_now", "fr") not in said
    html = client.post("/save").get_data(as_text=True)
    assert label("web_saved_settings_next_run", "fr") in _save_notes(html)
    saved = tomllib.loads((tmp_path / "out" / "settings.toml").read_text(encoding="utf-8"))
    assert saved["solver"]["time_limit"] == 20


# --- 3. The page's own words -------------------------------------------------------------


def _slots_cohort(folder: Path) -> Path:
    """The locks cohort with supervisors, C1 offering the Thursday oral only and C2 the
    Friday one (both the visit)."""
    locks_cohort(folder, plan=True)
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type,priority,slots\n"
        "C1,CPAS de Namur,CPAS,évaluation,1,visit;oral_thu\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic,1,visit;oral_fri\n"
        "C3,SAJ de Huy,handicap,diagnostic,0,visit;oral_thu;oral_fri\n",
        encoding="utf-8",
    )
    return folder


def test_plan_again_names_the_oral_slots_field_as_the_page_labels_it(tmp_path: Path) -> None:
    """The oral slots narrowed to Thursday in the page, then « Planifier à nouveau »: C2
    has none of them, said with the field's label « Créneaux des soutenances » (probe s33:
    « … ou changez [calendar] oral_slots »); switched to English, “Oral defence slots”."""
    client, bench = solved_workbench(_slots_cohort(tmp_path / "cohort"), tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.plan is not None
    client.post("/settings", data={"oral_slots": "oral_thu"})
    said = _text(client.post("/plan").get_data(as_text=True))
    assert "changez « Créneaux des soutenances » dans les paramètres" in said, said
    assert "[calendar]" not in said and "oral_slots" not in said
    client.post("/lang/en")
    said = _text(client.get("/").get_data(as_text=True))
    assert "change “Oral defence slots” in the settings" in said
    assert "[calendar]" not in said


def test_the_live_check_names_the_duration_fields_as_labelled(tmp_path: Path) -> None:
    """Visits of 600 minutes in a morning: said beside the field with the fields' labels
    (probe s33: « visit_minutes = 600 ne tient pas dans visit_window 09:00–13:00 » beside
    French fields); an oral too long likewise."""
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort", plan=True), tmp_path / "out")
    html = client.post(
        "/settings/check", data={"visit_minutes": "600", "oral_minutes": "600"}
    ).get_data(as_text=True)
    said = _text(html)
    assert (
        "« Durée d'une visite (minutes) » = 600 ne tient pas dans « Visites entre » "
        "09:00–13:00 (240 minutes)" in said
    ), said
    assert "visit_minutes" not in said and "visit_window" not in said
    assert "oral_minutes" not in said and "oral_window" not in said


def test_a_warning_of_the_settings_applied_names_the_form(tmp_path: Path) -> None:
    """A required slot no proposal has, applied in the page: the warning names the page's
    settings form, not "settings" (probe s33: « settings : le créneau lundi … »)."""
    client, _ = solved_workbench(_slots_cohort(tmp_path / "cohort"), tmp_path / "out")
    said = _text(client.post("/settings", data={"required_slots": "lundi"}).get_data(as_text=True))
    assert "paramètres (cette page) : le créneau lundi ne figure" in said, said
    assert "settings :" not in said


def test_the_page_writes_supervisors_in_one_inclusive_form() -> None:
    """« accompagnateur·rice·s », the catalogue's plural, everywhere in the page's words
    (probe s33: « accompagnateur·rices » beside it), never the masculine alone."""
    french = " ".join(page_words("fr").values())
    assert "accompagnateur·rice·s" in french
    assert "accompagnateur·rices" not in french
    assert not re.search(r"accompagnateurs\b(?!\.csv)", french)


# --- 4, 5. Plan again unchanged; a what-if asking nothing ---------------------------------


def test_plan_again_says_when_the_plan_is_unchanged(tmp_path: Path) -> None:
    """Nothing changed since the run's plan: « Planifier à nouveau » says the plan is
    unchanged (probe s33: nothing was said, the button seemed broken)."""
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort", plan=True), tmp_path / "out")
    html = client.post("/plan").get_data(as_text=True)
    assert 'data-role="plan-unchanged"' in html
    assert "Le planning est inchangé." in _text(html)


def test_a_whatif_asking_nothing_lists_every_choice_with_a_plan(tmp_path: Path) -> None:
    """With a plan shown, the what-if's choices include withdrawing a supervisor: named
    too, in a plain message, not a problem of the files (probe s33)."""
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort", plan=True), tmp_path / "out")
    html = client.post("/whatif", data={}).get_data(as_text=True)
    said = _text(html)
    assert (
        "« Retirer une commande », « Retirer un étudiant », « Retirer un·e "
        "accompagnateur·rice » ou « Étudiants qui arrivent (fichier) »." in said
    ), said
    assert 'data-role="problems"' not in html


# --- 7, 8. Day headings; downloads after Undo ---------------------------------------------


def test_a_day_named_by_its_date_is_not_dated_again(tmp_path: Path) -> None:
    """Slots named by their day (« 1/10/2026 »): the schedule's heading says the day once
    (probe s33: « Visite : 19/11/2026 (19/11/2026) »); a slot named otherwise keeps its
    date beside it."""
    data = Path(__file__).resolve().parent / "data" / "probe-fr-cp1252"
    client, bench = solved_workbench(data, tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.plan is not None
    headings = re.findall(r"<h4>([^<]*)</h4>", unescape(client.get("/").get_data(as_text=True)))
    assert "Visite : 1/10/2026" in headings, headings
    assert not any("(" in h for h in headings), headings
    named = locks_cohort(tmp_path / "named", plan=True)
    client, _ = solved_workbench(named, tmp_path / "out-named")
    headings = re.findall(r"<h4>([^<]*)</h4>", unescape(client.get("/").get_data(as_text=True)))
    assert "Visite : visit (19/11/2026)" in headings, headings


def test_downloads_after_undo_are_said_to_be_the_last_saved_boards(tmp_path: Path) -> None:
    """Saved, then a move undone past the save (or a move made since): the files offered
    are said to be the last saved board's, not the board shown (probe s33: offered as if
    they were); back on the board saved, they are its own again."""
    client, bench = solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    moved = next(s for s, team in sorted(bench.assignment.items()) if team == "C1")
    client.post("/move", data={"student": moved, "team": "C2"})
    html = client.post("/save").get_data(as_text=True)
    assert 'data-action="download"' in html and 'data-role="downloads-older"' not in html
    html = client.post("/undo").get_data(as_text=True)
    downloads = re.search(r'<p id="downloads"[^>]*>.*?</p>', html, re.S)
    assert downloads is not None and 'hx-swap-oob="true"' in downloads.group(0), html
    assert 'data-role="downloads-older"' in downloads.group(0)
    assert label("web_downloads_older", "fr") in _text(downloads.group(0))
    assert 'data-role="downloads-older"' in client.get("/").get_data(as_text=True)
    html = client.post("/redo").get_data(as_text=True)
    downloads = re.search(r'<p id="downloads"[^>]*>.*?</p>', html, re.S)
    assert downloads is not None and 'data-role="downloads-older"' not in downloads.group(0)
    assert 'data-action="download"' in downloads.group(0)
