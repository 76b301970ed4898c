"""The director's locks hold in the workbench's what-ifs and explanations (Flask's test
client), and the why panel says "no wish" as ``matcher explain`` decides it.

The cohort: two commissions C1, C2 selected (C3, of lower priority, their reserve), seven
students of one background.
S1…S5 write "C1;C2", S6 and S7 write "C2;C1". Sizes 3 to 4 (7 students, 2 teams): C1
holds four of S1…S5, the fifth is on C2 with S6 and S7 (worst choice 2, whoever it is).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from webrun import locks_cohort, solved_workbench

from matcher.web.state import Workbench


def _solved(tmp_path: Path, explain: bool) -> tuple[FlaskClient, Workbench]:
    return solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out", explain=explain)


def _off_best(bench: Workbench) -> str:
    """The one of S1…S5 the run put on C2."""
    (student,) = [s for s, team in bench.assignment.items() if team == "C2" and s <= "S5"]
    return student


def _verdicts(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-wanted="([^"]+)" data-verdict="([^"]+)"', html))


@pytest.fixture
def edited(tmp_path: Path) -> tuple[FlaskClient, Workbench, str]:
    """The board after two moves by the director: S7 (who wrote C2 first) to C1 and one
    of C1's members, W, to C2. C1 = three of S1…S5 and S7, C2 = the run's off-best
    student, W and S6: sizes 4 and 3, every rule kept."""
    client, bench = _solved(tmp_path, explain=False)
    moved = next(s for s, team in sorted(bench.assignment.items()) if team == "C1")
    assert client.post("/move", data={"student": "S7", "team": "C1"}).status_code == 200
    assert client.post("/move", data={"student": moved, "team": "C2"}).status_code == 200
    assert 'data-role="broken-rules" class="broken good"' in client.get("/").get_data(as_text=True)
    return client, bench, moved


def test_a_whatif_keeps_a_locked_student_in_place(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """S7 locked in C1, then S6 withdraws: 6 students make two teams of exactly 3, so one
    of C1 must go to C2. Unlocked, S7 would (C2 is their first choice: the one move that
    makes nobody worse off); locked, S7 stays in C1 and one of the others moves. After
    the what-if is accepted S7 is still locked in C1."""
    client, bench, _ = edited
    assert client.post("/pin", data={"student": "S7"}).status_code == 200
    html = client.post("/whatif", data={"student": "S6"}).get_data(as_text=True)
    assert 'data-role="changes"' in html, html
    assert bench.pending is not None and bench.pending.teams is not None
    assert bench.pending.teams.assignment["S7"] == "C1"
    assert bench.pending.changes is not None and bench.pending.changes.moves == 1
    # The lock is the director's, not a pin of the cohort: the result's students.csv
    # pins are untouched.
    assert all(s.pinned is None for s in bench.pending.instance.students)
    client.post("/whatif/accept")
    assert bench.locked == {"S7": "C1"}


def test_a_locked_student_withdrawn_releases_the_lock(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """A locked student who withdraws leaves (the what-if is not refused), and no lock of
    theirs is carried onto the new board."""
    client, bench, _ = edited
    client.post("/pin", data={"student": "S6"})
    client.post("/whatif", data={"student": "S6"})
    assert bench.pending is not None and bench.pending.teams is not None
    assert "S6" not in bench.pending.teams.assignment
    client.post("/whatif/accept")
    assert bench.locked == {}


def test_a_lock_follows_its_team_to_the_reserve_taking_it_over(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """S7 locked in C1, then C1 withdraws: its reserve C3 takes the team over, S7 with it
    (not a move), and S7 stays locked, now in C3."""
    client, bench, _ = edited
    client.post("/pin", data={"student": "S7"})
    client.post("/whatif", data={"commission": "C1"})
    assert bench.pending is not None and bench.pending.changes is not None
    assert bench.pending.changes.replaced == {"C1": "C3"}
    client.post("/whatif/accept")
    assert bench.locked == {"S7": "C3"}


def test_a_lock_on_a_dissolved_team_is_said_released(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """S7 locked in C1, then C1 withdraws without replacement: its team dissolves, so S7
    cannot stay put; the changes say so before accepting, and S7 is no longer locked
    after."""
    client, bench, _ = edited
    client.post("/pin", data={"student": "S7"})
    html = client.post("/whatif", data={"commission": "C1", "no_replace": "1"}).get_data(
        as_text=True
    )
    released = re.search(r'data-role="locks-released">([^<]*)<', html)
    assert released is not None and "S7" in released.group(1), html
    assert released.group(1).startswith("Verrouillé·e, mais son équipe se dissout")
    client.post("/whatif/accept")
    assert bench.locked == {}


def test_a_locked_student_withdrawing_is_said_to_take_the_lock(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """Probe s37c: S7 locked, then S7 withdraws: the changes said nothing of the lock,
    which docs/workbench.md promises; they say it leaves with S7."""
    client, bench, _ = edited
    client.post("/pin", data={"student": "S7"})
    html = client.post("/whatif", data={"student": "S7"}).get_data(as_text=True)
    released = re.search(r'data-role="locks-released">([^<]*)<', html)
    assert released is not None, html
    assert released.group(1) == (
        "Verrouillé, et qui se retire : le verrou part avec lui une fois acceptée : S7"
    )
    client.post("/whatif/accept")
    assert bench.locked == {}


def test_an_explanation_on_demand_answers_on_the_board_as_locked(
    edited: tuple[FlaskClient, Workbench, str],
) -> None:
    """W (wrote C1 first) was moved to C2 by the director. Unlocked, C1 is free for W
    (swap with S7, who wrote C2 first). Locked in C2 by the director, W cannot be placed
    on C1: impossible, whatever the others do."""
    client, _, moved = edited
    assert _verdicts(client.get(f"/explain/{moved}").get_data(as_text=True)) == {"C1": "free"}
    client.post("/pin", data={"student": moved})
    assert _verdicts(client.get(f"/explain/{moved}").get_data(as_text=True)) == {"C1": "impossible"}


def test_the_runs_explanation_is_not_shown_for_a_locked_student(tmp_path: Path) -> None:
    """After a run that explained every wish, the student off their first choice is free
    to join C1 (swap with any member). Once locked, the run's answer (explained without
    locks) is not shown: C1 is impossible for them on the board as locked."""
    client, bench = _solved(tmp_path, explain=True)
    student = _off_best(bench)
    assert 'data-role="explained"' in client.get("/").get_data(as_text=True)
    html = client.get(f"/explain/{student}").get_data(as_text=True)
    assert 'data-role="from-run"' in html and _verdicts(html) == {"C1": "free"}
    locked = client.post("/pin", data={"student": student}).get_data(as_text=True)
    # Nor does the why panel promise every wish explained at once (the lock's answer
    # sends the panel back to its prompt).
    assert 'id="explain"' in locked and 'data-role="explained"' not in locked
    assert 'data-role="explained"' not in client.get("/").get_data(as_text=True)
    html = client.get(f"/explain/{student}").get_data(as_text=True)
    assert 'data-role="from-run"' not in html
    assert _verdicts(html) == {"C1": "impossible"}


def test_no_wish_is_decided_once_for_the_cli_and_the_page() -> None:
    """The three answers when a student has no wish: no choices; choices of which none
    was selected; on the best of the selected ones (selected unknown: not said)."""
    from matcher.explanation import no_wish

    assert no_wish((), {"C1"}) == "no_choices"
    assert no_wish(("C3", "C4"), {"C1", "C2"}) == "none_selected"
    assert no_wish(("C3", "C1"), {"C1", "C2"}) == "on_best"
    assert no_wish(("C3",), None) == "on_best"


def test_the_why_panel_says_on_best_in_french(tmp_path: Path) -> None:
    """S6 is on C2, their first choice: the panel says so in French."""
    client, _ = _solved(tmp_path, explain=False)
    html = client.get("/explain/S6").get_data(as_text=True)
    assert "Sur le meilleur de ses choix retenus" in html


def _run_again(client: FlaskClient, bench: Workbench) -> str:
    """``Run`` pressed again, waited for; the page as shown afterwards."""
    assert client.post("/run").status_code == 200
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    client.get("/progress")
    return client.get("/").get_data(as_text=True)


def test_a_run_after_accepted_whatifs_says_it_starts_from_the_files(tmp_path: Path) -> None:
    """S6 withdrawn in a what-if, accepted: the board has six students. ``Run`` again
    starts from the cohort's files (seven students, S6 back), which the page now says
    where the director pressed it; it said nothing, and S6 came back silently. A run
    after a run says nothing."""
    from matcher.labels import label

    client, bench = _solved(tmp_path, explain=False)
    notice = label("web_run_without_whatifs", "fr").split(" : ")[0]
    assert notice not in _run_again(client, bench)
    client.post("/whatif", data={"student": "S6"})
    client.post("/whatif/accept")
    assert "S6" not in bench.assignment
    html = _run_again(client, bench)
    assert "S6" in bench.assignment
    assert notice in html
    assert notice not in _run_again(client, bench)
