"""What a probe of the workbench's Run after hand moves found in session 18 (u).

Hand-written cohort (16 students, five proposals of which four are selected, French
headers and ``;``, a ``together`` pair, one student without choices) driven by ``matcher
serve`` in Debian's Chromium, in French: a run, hand moves (drag and drop) and a lock, Run
again, Undo, Redo, a save after each and ``matcher check`` on the folder saved.

1. Run pressed again after hand moves and locks replaced the board with the solver's and
   restarted the undo history: the director's moves were gone, unsaid, with no way back
   (the page only said so after accepted what-ifs, and then that undo could not go back).
   A run is now one more step of the history, as an accepted what-if is: Undo right after
   it brings back the board as the director left it (every card where it was, its locks,
   the priorities of that board, its result's selection and plan), Redo the run's board.
   The page says, where Run was pressed, how many students the director had moved or locked
   and that Undo brings them back; that sentence goes when Undo leaves the run's result
   (it stayed after an Undo across a what-if's result too, about a board no longer shown).
2. A run cancelled after hand moves said only that it kept its best teams, not that they
   replaced the director's board nor how to get it back: it now says both.
3. The run's explanations, computed after its board is shown, were dropped when the
   director had undone back to the board before meanwhile: Redo then showed the run's board
   unexplained. They now reach the run's result wherever it is in the history.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
MATCHER = Path(sys.executable).parent / "matcher"


def _cohort(folder: Path) -> Path:
    """Five proposals, four selected (one per sector, P5 the reserve); 16 students, teams
    of four; E01 and E02 together; E16 wrote no choice."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "Code;Organisme;Secteur;Problématique;Priorité\n"
        "P1;CPAS de Namur;CPAS;évaluation;2\n"
        "P2;AMO Le Cercle;aide à la jeunesse;diagnostic;2\n"
        "P3;La Traversée;handicap;étude de faisabilité;2\n"
        "P4;Maison Médicale du Nord;santé;évaluation;1\n"
        "P5;Maison Médicale du Sud;santé;diagnostic;0\n",
        encoding="utf-8",
    )
    wishes = ["P1;P2", "P1;P3", "P2;P1", "P2;P4", "P3;P1", "P3;P2", "P4;P1", "P4;P3"]
    rows = ["Matricule;Nom;Formation;Genre;Choix"]
    for s in range(1, 16):
        background = ("AS", "éduc", "GRH")[s % 3]
        rows.append(f'E{s:02d};Étudiant·e {s};{background};{"FM"[s % 2]};"{wishes[s % 8]}"')
    rows.append("E16;Étudiant·e 16;AS;F;")
    (folder / "students.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "pairs.csv").write_text("student_a;student_b;relation\nE01;E02;ensemble\n")
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 4\n[solver]\ntime_limit = 5\n", encoding="utf-8"
    )
    return folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright not installed")
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


def _locked(page: Any) -> set[str]:
    return set(
        page.evaluate(
            "() => [...document.querySelectorAll('li.card.pinned[data-student]')]"
            ".map(c => c.getAttribute('data-student'))"
        )
    )


def _priorities(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => [...document.querySelectorAll('[data-priority]')]"
            ".map(p => [p.getAttribute('data-priority'), p.getAttribute('data-value')])"
        )
    )


def _finish_run(page: Any, server: Any) -> None:
    """The run (and its explanations) waited for; the page showing its end."""
    bench = server.app.extensions["workbench"]
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    page.wait_for_selector('[data-action="run"]')
    page.wait_for_selector("[data-team] [data-student]")
    page.wait_for_timeout(300)


def _saved_and_checked(page: Any, server: Any, cohort: Path, out: Path) -> dict[str, str]:
    """Save pressed; the teams saved (teams.csv), checked by ``matcher check``: the saved
    board must be the board shown, and the command must take it."""
    for old in out.glob("*.csv"):
        old.unlink()
    page.click('[data-action="save"]')
    page.wait_for_selector('[data-role="saved"]')
    lines = (out / "teams.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    saved = {line.split(",")[0]: line.split(",")[2] for line in lines}
    check = subprocess.run(
        [str(MATCHER), "check", str(cohort), "--result", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode in (0, 3), check.stderr
    return saved


def test_undo_after_a_run_brings_back_the_hand_moved_board(served: Any, context: Any) -> None:
    """Moves and a lock, then Run: Undo must bring back the board the director left (each
    card where they put it, the lock, that board's priorities), Redo the run's teams; each
    saved as shown. Before, the run replaced the board with Undo disabled and said nothing:
    the director's work was gone (a director expects either a way back or to be told)."""
    from test_web_browser import _drag

    bench = served.app.extensions["workbench"]
    cohort, out = bench.instance_dir, bench.out_dir
    page = context.new_page()
    page.goto(served.url)
    with page.expect_response("**/run"):
        page.click('[data-action="run"]')
    _finish_run(page, served)
    solved = _board(page)
    teams = sorted(set(solved.values()))
    # Two hand moves (drag and drop) and a lock.
    for student in ("E05", "E09"):
        target = next(t for t in teams if t != solved[student])
        _drag(page, student, target)
        # Where the card lands is the director's hand (a reflowing board may drop it one team
        # over, as it did once in CI): what matters is that it left its team and was saved.
        page.wait_for_function(
            "([s, t]) => { const c = document.querySelector(`li[data-student=\"${s}\"]`);"
            " return c && c.closest('[data-team]').getAttribute('data-team') !== t"
            " && !document.querySelector('.sortable-ghost'); }",
            arg=[student, solved[student]],
        )
        page.wait_for_timeout(200)
    page.click("#pin-E03")
    page.wait_for_selector('li.card.pinned[data-student="E03"]')
    moved, locked, values = _board(page), _locked(page), _priorities(page)
    assert moved != solved and locked == {"E03"}
    assert _saved_and_checked(page, served, cohort, out) == moved

    with page.expect_response("**/run"):
        page.click('[data-action="run"]')
    _finish_run(page, served)
    rerun = _board(page)
    assert rerun == solved  # same cohort, settings and seed: the solver's board again
    # Said where Run was pressed: how many of the director's students it replaced, and how
    # to get them back (E05, E09 moved, E03 locked: three).
    said = page.locator('#progress [data-role="message"]').inner_text()
    assert "3 étudiant" in said and "Annuler" in said, said
    assert page.locator('[data-action="undo"]').is_enabled()

    page.click('[data-action="undo"]')
    page.wait_for_load_state("load")
    page.wait_for_selector("[data-team] [data-student]")
    page.wait_for_function("() => document.querySelector('li.card.pinned')")
    assert _board(page) == moved
    assert _locked(page) == locked
    assert _priorities(page) == values
    # The sentence about the run replacing the board is of the board undone: gone with it.
    assert page.locator('#progress [data-role="message"]').count() == 0
    # The run explained its own board, not this one (moved, locked): not said explained.
    assert page.locator('[data-role="explained"]').count() == 0
    assert page.locator('[data-action="redo"]').is_enabled()
    assert _saved_and_checked(page, served, cohort, out) == moved

    page.click('[data-action="redo"]')
    page.wait_for_load_state("load")
    page.wait_for_selector("[data-team] [data-student]")
    page.wait_for_function("() => !document.querySelector('li.card.pinned')")
    assert _board(page) == rerun
    assert _locked(page) == set()
    assert page.locator('[data-role="explained"]').count() == 1
    assert _saved_and_checked(page, served, cohort, out) == rerun


def test_a_run_with_nothing_changed_by_hand_says_nothing(tmp_path: Path) -> None:
    """A run after a run, nothing moved or locked: no sentence about hand moves (nothing
    of the director's was replaced), and Undo goes back to the run before."""
    from webrun import solved_workbench

    from matcher.labels import label

    client, bench = solved_workbench(_cohort(tmp_path / "cohorte"), tmp_path / "out")
    notice = label("web_run_replaced_board_many", "fr").split(" (")[0]
    assert client.post("/run").status_code == 200
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    client.get("/progress")
    assert notice not in client.get("/").get_data(as_text=True)
    assert bench.can_undo and not bench.can_redo


def test_the_run_s_explanations_reach_it_when_undone_meanwhile(tmp_path: Path) -> None:
    """Undo pressed while the run explains its board (after its board is shown): Redo must
    show the run's board explained, as it would have been without the undo (the why panel
    answers at once). Before, the explanations were dropped."""
    from webrun import solved_workbench

    import matcher.web.engine as engine
    from matcher.web.routes.solving import _work

    client, bench = solved_workbench(_cohort(tmp_path / "cohorte"), tmp_path / "out")
    board = bench.assignment
    bench.push({**board, "E05": next(t for t in sorted(set(board.values())) if t != board["E05"])})
    assert bench.instance is not None

    class UndoWhileExplaining(engine.Progress):
        def begin(self, stage: str) -> None:
            super().begin(stage)
            if stage == "explanations":
                assert client.post("/undo").status_code == 200

    bench.explain_after_run = True
    progress = UndoWhileExplaining()
    bench.progress = progress
    _work(bench, bench.instance, progress)
    assert bench.assignment["E05"] != bench.history[0]["E05"]  # the moved board, undone to
    assert client.post("/redo").status_code == 200
    assert bench.outcome is not None and bench.outcome.explanations is not None
    assert bench.outcome.explains(bench.assignment)


def test_a_cancelled_run_after_hand_moves_says_both(tmp_path: Path) -> None:
    """Hand moves, then Run cancelled as soon as it has teams: the best teams found replace
    the board (contract §10: cancel keeps the best result so far). The page said only
    "cancelled: the best result found so far is kept", not that the director's moved board
    was replaced nor that Undo brings it back: it must say both."""
    from webrun import CancelAtTeams, solved_workbench

    from matcher.labels import label
    from matcher.web.routes.solving import _work

    client, bench = solved_workbench(_cohort(tmp_path / "cohorte"), tmp_path / "out")
    board = bench.assignment
    other = next(t for t in sorted(set(board.values())) if t != board["E05"])
    assert client.post("/move", data={"student": "E05", "team": other}).status_code == 200
    moved = dict(bench.assignment)
    assert bench.instance is not None
    progress = CancelAtTeams()
    bench.progress = progress
    _work(bench, bench.instance, progress)
    html = client.get("/").get_data(as_text=True).replace("&#39;", "'")
    assert label("web_cancelled_kept", "fr").split(" : ")[0] in html
    assert label("web_run_replaced_board_one", "fr").split(" (")[0] in html
    assert "1 étudiant·e déplacé·e" in html
    assert client.post("/undo").status_code == 200
    assert bench.assignment == moved
