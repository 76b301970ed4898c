"""What a probe of the workbench under real browser use found in session 18 (t).

Hand-written cohorts (48 students with pairs, ``;`` and French headers; 62 students with
accompagnateurs.csv and a dated calendar) driven by ``matcher serve`` in Debian's Chromium,
in English and French: two tabs on one workbench (move in one, move/undo/save in the other,
reload), reloads before, during and after a run, Run pressed twice, Cancel with nothing
running, a what-if, a save, a move or a lock sent during a run, the server stopped
(Ctrl-C) with the page open.

1. The server stopped (Ctrl-C) with the page open: the next press (a move, Save, Undo)
   did nothing and said nothing (htmx's ``sendError`` had no handler): the director could
   not tell a save that never happened from one that did. The page now says, in its
   language, that the workbench does not answer and what to do.
2. A card dragged on a board the server refused to change (a tab that missed a move made in
   another, or the server stopped) stayed in the team it was dropped on: the message said
   "nothing was done" while the board showed the move. The card now goes back where it was.
3. Back then Forward (the browser's buttons) showed the page as it first came from the
   browser's cache: the run's board, the moves made since gone from it, Undo disabled,
   while the server held the moved board (the next press was refused as from "another
   tab"). The page is never cached now (``Cache-Control: no-store``; one restored from the
   back/forward cache is asked again).

Checked and found right: two tabs never mix a save (a tab that missed a change is refused
with a sentence; after a reload it acts on the board as it is, undo/redo included; the
folder saved passes ``matcher check``); Run pressed twice starts one run; a new tab or a
reload during a run shows the run's progress, then its board; Cancel with nothing running
answers the run part unchanged; save, what-if, move, undo, lock, upload during a run are
refused with a sentence (a language switch keeps the run going); a reload keeps the board,
undo/redo, locks and a what-if not yet accepted; a long session (40 moves with undo/redo,
three locks and re-optimise, two what-ifs, switches of language, 4 more moves, save) saved
the teams, priorities and broken rules the page showed, and ``matcher check`` / ``matcher
report`` on the folder agree (exit 3, the same five broken rules); ``Host`` and ``Origin``
refused with 403, a 21 MB upload with 413 and its sentence in the page, a path in an
upload's name or a form field never touches the disk.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed")


def _cohort(folder: Path) -> Path:
    """40 students, 6 proposals (5 selected, teams of 8), French headers and ``;``."""
    folder.mkdir()
    rng = random.Random(18)
    sectors = ["CPAS", "aide à la jeunesse", "handicap", "santé mentale", "logement", "aînés"]
    rows = ["Code;Organisme;Secteur;Problématique;Priorité"]
    rows += [f"C{i};Institution {i};{sectors[i - 1]};diagnostic;{i % 3}" for i in range(1, 7)]
    (folder / "commissions.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    students = ["Matricule;Nom;Formation;Choix"]
    for s in range(1, 41):
        wish = ";".join(rng.sample([f"C{i}" for i in range(1, 7)], 3))
        students.append(f'E{s:02d};Étudiant {s};{rng.choice(["AS", "éduc"])};"{wish}"')
    (folder / "students.csv").write_text("\n".join(students) + "\n", encoding="utf-8")
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 5\n[solver]\ntime_limit = 10\n", encoding="utf-8"
    )
    return folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Any]:
    from test_web_browser import Server

    server = Server(_cohort(tmp_path / "cohorte"), tmp_path / "out", "fr")
    try:
        yield server
    finally:
        server.stop()


def _board(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => [...document.querySelectorAll('li.card[data-student]')]"
            ".map(c => [c.getAttribute('data-student'),"
            " c.closest('[data-team]').getAttribute('data-team')])"
        )
    )


def _solved(context: Any, server: Any) -> Any:
    page = context.new_page()
    page.goto(server.url)
    page.click('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")
    return page


def _elsewhere(board: dict[str, str], student: str) -> str:
    return next(t for t in sorted(set(board.values())) if t != board[student])


def test_a_press_after_the_server_stopped_says_so_in_the_page_language(
    context: Any, served: Any
) -> None:
    """Ctrl-C in the terminal, the page still open: Save (then a move) must say that the
    workbench does not answer, in French as the page is, not do nothing silently: a
    director would take the silence for a save done."""
    from test_web_browser import _drag

    page = _solved(context, served)
    board = _board(page)
    served.stop()
    page.click('[data-action="save"]')
    box = page.locator('[data-role="error"]')
    box.wait_for(timeout=5_000)
    assert "L'atelier ne répond pas" in box.inner_text()
    # A card dragged meanwhile comes back: nothing was moved on the server.
    page.evaluate("() => document.getElementById('error-box').remove()")
    _drag(page, "E01", _elsewhere(board, "E01"))
    box.wait_for(timeout=5_000)
    assert _board(page)["E01"] == board["E01"]


def test_a_drag_refused_in_a_stale_tab_puts_the_card_back(context: Any, served: Any) -> None:
    """Two tabs: a move in the first; in the second (which missed it), a drag is refused
    ("nothing was done"), so its card must be shown where it is on the server, not where
    it was dropped (the page would show a move that never happened)."""
    from test_web_browser import _drag

    first = _solved(context, served)
    second = context.new_page()
    second.goto(served.url)
    board = _board(first)
    with first.expect_response("**/move"):
        first.evaluate(
            "([s, t]) => htmx.ajax('POST', '/move', {target: '#board', swap: 'none',"
            " values: {student: s, team: t}})",
            ["E02", _elsewhere(board, "E02")],
        )
    _drag(second, "E03", _elsewhere(board, "E03"))
    second.locator('[data-role="error"]').wait_for(timeout=5_000)
    assert "autre onglet" in second.locator('[data-role="error"]').inner_text()
    assert _board(second)["E03"] == board["E03"]
    # A drag the server takes still moves the card (and keeps it there).
    second.reload()
    _drag(second, "E03", _elsewhere(board, "E03"))
    second.wait_for_function(
        "([s, t]) => document.querySelector("
        '`ul.cards[data-team="${t}"] li[data-student="${s}"]`)'
        " && !document.querySelector('.sortable-ghost')",
        arg=["E03", _elsewhere(board, "E03")],
    )
    second.wait_for_timeout(300)
    assert _board(second)["E03"] == _elsewhere(board, "E03")


def test_back_then_forward_shows_the_board_as_it_is(context: Any, served: Any) -> None:
    """Moves, then Back and Forward: the page must show the board the server holds (the
    moves made) with Undo enabled, and a move from it must be taken: the director made no
    change elsewhere. Before, the browser's cached page showed the run's board."""
    page = _solved(context, served)
    board = _board(page)
    for student in ("E04", "E05"):
        with page.expect_response("**/move"):
            page.evaluate(
                "([s, t]) => htmx.ajax('POST', '/move', {target: '#board', swap: 'none',"
                " values: {student: s, team: t}})",
                [student, _elsewhere(board, student)],
            )
    moved = _board(page)
    page.go_back()
    page.go_forward()
    page.wait_for_selector("[data-team] [data-student]")
    assert _board(page) == moved
    assert page.locator('[data-action="undo"]').is_enabled()
    with page.expect_response("**/undo") as answer:
        page.click('[data-action="undo"]')
    assert answer.value.status == 200
