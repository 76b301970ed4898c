"""What a probe of the workbench and report.html for a director using the keyboard alone, a
screen reader or 200 % zoom found in session 17 (o).

Hand-written cohorts (40 and 60 students, French headers, ``;`` and Windows-1252, ``Choix
1…3``, ``Prénom``/``Nom``, accompagnateurs.csv) driven in Debian's Chromium in French at
1280x800, 800x600 and 640x400 at device scale 2 (200 % zoom of a 1280-pixel laptop), with
the keyboard only: Tab order, focus rings, Run/Cancel, moves with ← →, Enter on a card,
locks, the ARIA snapshot of each part; report.html read for ``<html lang>``, headings,
table headers and colour-only meaning.

1. Run pressed with the keyboard: once the board was ready the page reloaded and the focus
   fell to the top of the page: Tab went through the menu, the files and every setting
   again before the board, and a screen reader heard nothing of the run's end. The focus
   comes back to the control that had it (Run, now described by the run's status).
2. At 200 % zoom, a card (or its lock) reached with Tab was scrolled to the window's foot,
   under the why panel that stays there: the focused card was hidden (12 of 30 Tabs).
   The page keeps room for the panel when it scrolls a control into view.
3. The selection's "next run" buttons were named "toujours", "jamais", "libre" fourteen
   times over, without their proposal: each now names it ("toujours : retenir C01").
4. A team or a card breaking a rule was marked by a red border and a pink background only
   (colour-blind, or printed in grey: nothing); it now says "✖ enfreint une règle".
5. report.html's composition table said "the coloured cells are outside their target":
   the colour alone carried it. Each such cell is marked ▲ (above) or ▼ (below), named
   for a screen reader; its tables' headers carry ``scope="col"``.
6. The calendar's window hours were named "Visites entre" and "et": the second is
   "Visites entre : fin" now (and the first "… : début").
7. "Show the changes" of a what-if, then Discard or Accept, and Save: each answer replaced
   its panel (or reloaded the page) and the focus fell to the top of the page, the whole
   board to Tab through again. It stays in the panel now (``data-focus-after``), and the
   save panel is a live region.
8. The why panel, filled when a card is clicked or Enter pressed on it, was no live
   region: a screen reader heard nothing. It is ``aria-live="polite"`` now. The language
   buttons say which is in force (``aria-pressed``) and each its own language (``lang``).

Checked and found right: ``<html lang>`` follows the language in force in the page and in
report.html; headings go h1 > h2 > h3 (> h4 in the plan); every form field and lock has a
French name on a French page; the focus ring shows on every control; no keyboard trap;
the layout reflows at 800 px and 200 % (only the plan's wide table scrolls sideways).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def _cohort(folder: Path) -> Path:
    """40 students, 7 proposals (6 selected, teams of 6 or 7), as a French-speaking
    secretariat types them: ``;``, Windows-1252, French headers, ``Choix 1…3``."""
    folder.mkdir()
    rng = random.Random(17)
    rows = ["Code;Organisme;Secteur;Problématique;Priorité"]
    sectors = ["aide à la jeunesse", "CPAS", "handicap", "santé mentale", "logement"]
    for i in range(1, 8):
        rows.append(
            f"C0{i};Institution {'ABCDEFG'[i - 1]} de Liège;{sectors[i % 5]};"
            f"{['évaluation', 'diagnostic', 'étude de faisabilité'][i % 3]};{i % 3}"
        )
    (folder / "commissions.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    rows = ["Matricule;Prénom;Nom;Formation initiale;VAE;Genre;Choix 1;Choix 2;Choix 3"]
    backgrounds = ["assistant social", "éducateur", "GRH", "infirmier"]
    for i in range(1, 41):
        picks = rng.sample(range(1, 8), 3)
        rows.append(
            f"E{i:03d};Léa;Dupré-{i};{rng.choice(backgrounds)};{'oui' if i % 7 == 0 else 'non'};"
            f"{'FFM'[i % 3]};" + ";".join(f"C0{p}" for p in picks)
        )
    (folder / "étudiants.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    (folder / "accompagnateurs.csv").write_bytes(
        "Identifiant;Nom\r\nA1;Anne Lemaître\r\nA2;Marc Gérard\r\nA3;Sophie Noël\r\n".encode(
            "cp1252"
        )
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 6\n[solver]\ntime_limit = 5\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One French workbench on the cohort, for the module (its board solved by the first
    test that needs it, with the keyboard)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    from test_web_browser import Server

    base = tmp_path_factory.mktemp("s17o")
    server = Server(_cohort(base / "cohorte"), base / "out", "fr")
    server.app.extensions["workbench"].explain_after_run = False
    yield server
    server.stop()


def _focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement;
          return {id: e.id, action: e.getAttribute('data-action'), tag: e.tagName,
                  described: e.getAttribute('aria-describedby')}; }"""
    )


def _board(page: Any, served: Any) -> None:
    """The board shown, the run pressed with Enter when there is none yet."""
    page.goto(served.url)
    if page.locator("[data-team]").count() == 0:
        page.locator("[data-action=run]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-team]", timeout=60_000)
        page.wait_for_load_state("load")


def test_the_focus_stays_on_run_when_its_board_reloads_the_page(browser: Any, served: Any) -> None:
    # A director pressing Enter on Run waits for the board: the page then reloads to show
    # it. Before, the focus fell to the top of the page (body), so Tab went through the
    # menu, the upload and every setting again; the control pressed keeps it, as the README
    # promises for every board button ("the focus stays on the control pressed").
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(served.url)
        assert page.locator("[data-team]").count() == 0
        page.locator("[data-action=run]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-team]", timeout=60_000)
        page.wait_for_function("document.activeElement && document.activeElement.id", timeout=5000)
        focused = _focused(page)
        assert focused["id"] == "run-control" and focused["action"] == "run", focused
        # ... and a screen reader reading that button hears how the run ended.
        assert focused["described"] == "run-status"
        assert page.locator("#run-status").inner_text().startswith("Résolu")
    finally:
        context.close()


def test_a_card_reached_with_tab_is_not_hidden_under_the_why_panel(
    browser: Any, served: Any
) -> None:
    # 200 % zoom on a 1280 x 800 laptop: 640 x 400 CSS pixels. The why panel stays at the
    # window's foot (30 % of its height); a card Tab scrolls into view must show above it,
    # or the director cannot see which student they are about to move (WCAG 2.4.11).
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _board(page, served)
        page.locator("#board-reoptimise").focus()
        hidden = []
        for _ in range(24):
            page.keyboard.press("Tab")
            where = page.evaluate(
                """() => { const e = document.activeElement, r = e.getBoundingClientRect();
                  const panel = document.getElementById('explain').getBoundingClientRect();
                  return [e.getAttribute('data-student') || e.id, r.bottom, panel.top]; }"""
            )
            if where[1] > where[2] + 1:
                hidden.append(where[0])
        assert not hidden, f"focused under the why panel: {hidden}"
    finally:
        context.close()


def test_the_selection_buttons_name_their_proposal(browser: Any, served: Any) -> None:
    # A screen reader tabbing through the selection heard "toujours, bouton; jamais, bouton"
    # for each of the 7 proposals, never which one: each button's name now says it, its
    # visible word first (WCAG 2.5.3: a voice user says "toujours" and it still matches).
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _board(page, served)
        row = page.locator('#selection tr[data-commission="C01"]')
        assert row.get_by_role("button", name="toujours : retenir C01").count() == 1
        assert row.get_by_role("button", name="jamais : écarter C01").count() == 1
        # the calendar's hours: the second of each window was named "et" (and) alone
        for window in ("Visites entre", "Soutenances entre"):
            for end in ("début", "fin"):
                assert (
                    page.get_by_role("textbox", name=f"{window} : {end}", exact=True).count() == 1
                )
        # the language buttons: which one is in force, not said by bold type alone
        assert page.locator("[data-action=lang-fr]").get_attribute("aria-pressed") == "true"
        assert page.locator("[data-action=lang-en]").get_attribute("lang") == "en"
    finally:
        context.close()


def test_a_broken_rule_is_said_in_words_on_its_team_and_the_why_panel_is_live(
    browser: Any, served: Any
) -> None:
    # Moving a student out of a team of 6 (bounds 6-7) leaves it too small: the team was
    # shown broken by its red border and pink background only, which a colour-blind
    # director (or a grey printout of the screen) cannot see. It says so in words now.
    context = browser.new_context(viewport={"width": 1280, "height": 3000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _board(page, served)
        team = page.locator(".team[data-team]").filter(has=page.locator("h3 small", has_text="6 ("))
        team_id = team.first.get_attribute("data-team")
        card = team.first.locator("li.card").first
        student = card.get_attribute("data-student")
        card.focus()
        key = (
            "ArrowLeft"
            if team_id == page.locator(".team[data-team]").last.get_attribute("data-team")
            else "ArrowRight"
        )
        page.keyboard.press(key)
        page.wait_for_selector(f'[data-team="{team_id}"] h3 [data-role=breaks-rule]')
        assert "enfreint une règle" in page.locator(f'[data-team="{team_id}"] h3').inner_text()
        back = "ArrowRight" if key == "ArrowLeft" else "ArrowLeft"
        page.locator(f'li.card[data-student="{student}"]').focus()
        page.keyboard.press(back)
        page.wait_for_selector(f'[data-team="{team_id}"] li.card[data-student="{student}"]')
        assert page.locator("[data-role=breaks-rule]").count() == 0
        # Enter on a card fills the why panel: a live region, so a screen reader hears it.
        page.locator(f'li.card[data-student="{student}"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(f'#explain [data-explained="{student}"]')
        assert page.locator("#explain").get_attribute("aria-live") == "polite"
    finally:
        context.close()


def test_a_what_if_and_a_save_keep_the_focus_where_the_director_acted(
    browser: Any, served: Any
) -> None:
    # Keyboard alone: "Show the changes", then Discard, then again and Accept, then Save.
    # Each answer replaced its panel (or reloaded the page) and the focus fell to the top
    # of the page: Tab went again through the menu, every setting, the selection and the
    # whole board (40 cards and their locks) to reach the next button. The focus stays in
    # the panel now: on "Show the changes" (after discard and accept too) and on Save.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _board(page, served)

        def withdraw_first_student() -> None:
            page.locator("select[name=student]").focus()
            page.keyboard.press("ArrowDown")
            page.locator("[data-action=withdraw]").focus()
            page.keyboard.press("Enter")
            page.wait_for_selector("[data-action=accept]")
            page.wait_for_function("document.activeElement !== document.body", timeout=5000)
            assert _focused(page)["action"] == "withdraw"

        withdraw_first_student()
        page.locator("[data-action=discard]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-action=accept]", state="detached")
        page.wait_for_function("document.activeElement !== document.body", timeout=5000)
        assert _focused(page)["action"] == "withdraw"

        withdraw_first_student()
        page.locator("[data-action=accept]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-action=accept]", state="detached")
        page.wait_for_load_state("load")
        page.wait_for_function("document.activeElement !== document.body", timeout=5000)
        assert _focused(page)["action"] == "withdraw"

        page.locator("[data-action=save]").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-role=saved]")
        page.wait_for_function("document.activeElement !== document.body", timeout=5000)
        assert _focused(page)["action"] == "save"
        # what was saved is said to a screen reader too (the panel is a live region)
        assert page.locator("#save-panel").get_attribute("aria-live") == "polite"
    finally:
        context.close()


def test_report_composition_marks_off_target_cells_beyond_colour(tmp_path: Path) -> None:
    # The composition's note said "the coloured cells are outside their target": colour
    # alone. A team with no VAE student where the target is 1 is now "0 ▼", the mark named
    # for a screen reader ("en dessous de la cible"); the headers are scoped to columns.
    from click.testing import CliRunner

    from matcher.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,CPAS,diagnostic\nC2,B,handicap,évaluation\n",
        encoding="utf-8",
    )
    # Three VAE students and two teams, all three pinned to C1: C1 holds 3 (target 1-2),
    # C2 none (target 1-2).
    rows = [f"S{i},AS,{'yes' if i <= 3 else 'no'},{'C1' if i <= 3 else ''}" for i in range(1, 7)]
    (folder / "students.csv").write_text(
        "id,background,vae,pinned\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(folder), "--out", str(out), "--lang", "fr", "--quiet", "--no-explain"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["lang"] == "fr"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert '3 <span role="img" aria-label="au-dessus de la cible">▲</span>' in html
    assert '0 <span role="img" aria-label="en dessous de la cible">▼</span>' in html
    assert "cases en couleur" not in html
    assert "<th>" not in html and '<th scope="col">' in html
