"""The workbench used as a French-speaking director would, fourth round (Flask's test
client): a lock reads as the director's lock, not as a pin of students.csv; the cohort
open counts the arrivals accepted; a message is shown once, where the director acted;
"students moved" after a re-optimise counts what it minimised; a refused date names its
slot; an upload mixing a workbook and a CSV gets the page's advice; the plan's dates read
as the settings form writes them.

The cohort (as ``test_web_locks``): two commissions C1, C2 selected (C3, of lower
priority, their reserve), seven students of one background. S1…S5 write "C1;C2", S6 and
S7 write "C2;C1". Sizes 3 to 4: the run puts four of S1…S5 on C1 and the fifth on C2 with
S6 and S7.
"""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

from flask.testing import FlaskClient
from webrun import cancelled_workbench, locks_cohort, solved_workbench

from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
WORKBOOK = Path(__file__).resolve().parents[1] / "instances" / "tiny" / "loading-workbook.xlsx"


def _solved(folder: Path, out: Path) -> tuple[FlaskClient, Workbench]:
    return solved_workbench(folder, out)


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _why(client: FlaskClient, student: str) -> dict[str, str]:
    """The why panel of ``student``: team wanted → the sentence said."""
    html = client.get(f"/explain/{student}").get_data(as_text=True)
    found = re.findall(r'<li data-wanted="([^"]+)" data-verdict="impossible">([^<]*)</li>', html)
    return {team: unescape(sentence) for team, sentence in found}


# --- 1. A lock reads as a lock ------------------------------------------------------------


def test_a_lock_is_worded_as_the_directors_lock_in_the_why_panel(tmp_path: Path) -> None:
    """S7 (who wrote C2 first) dragged to C1 and locked there: C2 is impossible for S7,
    because the director locked S7 in C1, not because students.csv imposes a team ("son
    équipe est imposée : C1" before the fix, a pin the files do not have)."""
    client, bench = _solved(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    # One of C1's four to C2, S7 to C1: sizes 4 and 3, every rule kept.
    moved = next(s for s, team in sorted(bench.assignment.items()) if team == "C1")
    client.post("/move", data={"student": "S7", "team": "C1"})
    client.post("/move", data={"student": moved, "team": "C2"})
    client.post("/pin", data={"student": "S7"})
    said = _why(client, "S7")
    assert "C2" in said, said
    assert "verrouillé·e par vous dans C1" in said["C2"], said
    assert "imposé" not in said["C2"]


def test_a_pin_of_students_csv_keeps_its_words(tmp_path: Path) -> None:
    """The twin: S7 pinned to C1 by students.csv (and locked there too, where the pin holds
    them): C2 is impossible because their team is imposed, said so."""
    client, _ = _solved(locks_cohort(tmp_path / "cohort", pins={"S7": "C1"}), tmp_path / "out")
    client.post("/pin", data={"student": "S7"})
    said = _why(client, "S7")
    assert "son équipe est imposée : C1" in said.get("C2", ""), said


def test_a_failed_reoptimise_names_locks_as_locks(tmp_path: Path) -> None:
    """S6 dragged onto C1 (five there, at most four) and all five of C1 locked: no board
    keeps the locks and C1's size. The diagnosis names the director's locks ("S1 est
    verrouillé·e par vous dans C1"), not pins of the files ("S1 est imposé dans C1")."""
    client, bench = _solved(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    client.post("/move", data={"student": "S6", "team": "C1"})
    for student in sorted(s for s, team in bench.assignment.items() if team == "C1"):
        client.post("/pin", data={"student": student})
    board = _plain(client.post("/reoptimise").get_data(as_text=True))
    assert "verrouillé·e par vous dans C1" in board, board
    assert "imposé" not in board


# --- 2. The cohort open counts the arrivals accepted ---------------------------------------


def test_the_cohort_open_counts_the_arrivals_accepted(tmp_path: Path) -> None:
    """S8 arrives in a what-if the director accepts: the board holds eight students, so
    does the cohort open ("7 étudiants" before the fix, the files' count); the files'
    seven are said beside it (a new run starts from them)."""
    client, bench = _solved(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    arrivals = (io.BytesIO(b"id,background,choices\nS8,AS,C1;C2\n"), "arrivees.csv")
    html = client.post(
        "/whatif", data={"arrivals": arrivals}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert 'data-role="changes"' in html, _plain(html)
    client.post("/whatif/accept")
    assert len(bench.assignment) == 8
    opened = _plain(client.get("/").get_data(as_text=True)).split("Cohorte ouverte")[1][:200]
    assert re.search(r"· 8 étudiants \(7 dans les fichiers", opened), opened


# --- 3. A message once, where the director acted ------------------------------------------


def test_a_message_is_shown_once_where_the_director_acted(tmp_path: Path) -> None:
    """Every student locked, then "Ré-optimiser": the page says to unlock some, once, on
    the board (it was said three times: in Open, on the board, in the what-if panel)."""
    client, bench = _solved(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    for student in sorted(bench.assignment):
        client.post("/pin", data={"student": student})
    client.post("/reoptimise")
    html = client.get("/").get_data(as_text=True)
    said = "Tous les étudiants sont verrouillés"
    assert html.count(said) == 1, html.count(said)
    teams = html.split('<section id="teams">')[1].split("</section>")[0]
    assert said in teams


def test_cancelled_is_said_once_where_the_run_was(tmp_path: Path) -> None:
    """The demo's run cancelled during the team stage: "Annulé : le meilleur résultat …"
    once, in the run's section where Cancel was pressed (it was in Open, on the board and
    in the what-if panel)."""
    app, _ = cancelled_workbench(DEMO, tmp_path / "out")
    html = app.test_client().get("/").get_data(as_text=True)
    said = unescape(html).count("Annulé : le meilleur résultat")
    assert said == 1, said
    run = html.split('<section id="run">')[1].split("</section>")[0]
    assert "Annulé : le meilleur résultat" in unescape(run)


# --- 4. Students moved after a re-optimise ------------------------------------------------


def _moves(html: str) -> tuple[str, str, str]:
    """The board's "students moved" line: its value, its optimum and its words."""
    found = re.search(
        r'data-priority="moves" data-value="(\d+)" data-optimum="(\d*)">([^<]*)<', html
    )
    assert found is not None, html
    value, optimum, words = found.groups()
    return value, optimum, unescape(words)


def test_students_moved_counts_what_the_reoptimise_minimised(tmp_path: Path) -> None:
    """S6 dragged onto C1 (five there) and locked, then re-optimised: the fewest moves
    from the board shown is 1 (one of C1's others goes to C2), and the line shows 1 of at
    least 1, saying it counts from the board re-optimised. Before, it counted from the
    run's board, "2 / 0", a count the re-optimise never minimised."""
    client, _ = _solved(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    client.post("/move", data={"student": "S6", "team": "C1"})
    client.post("/pin", data={"student": "S6"})
    value, optimum, words = _moves(client.post("/reoptimise").get_data(as_text=True))
    assert (value, optimum) == ("1", "1")
    assert "ré-optimisé" in words
    # Undo: the board dragged by hand, counted from the run's teams again (1 of 0).
    value, optimum, words = _moves(client.post("/undo").get_data(as_text=True))
    assert (value, optimum) == ("1", "0") and "équipes calculées" in words


# --- 5. A refused date names its slot -----------------------------------------------------


def test_a_refused_date_names_its_slot(tmp_path: Path) -> None:
    """"visit = 32/13/2026" in the dates field: the problem beside it says which line
    ("visit : …"), not only that "32/13/2026" is not accepted."""
    app = create_app(locks_cohort(tmp_path / "cohort", plan=True), tmp_path / "out", "fr")
    html = app.test_client().post(
        "/settings/check", data={"dates": "oral_thu = 20/05/2027\nvisit = 32/13/2026"}
    )
    found = re.search(r'id="problem-dates"[^>]*>([^<]*)<', html.get_data(as_text=True))
    assert found is not None
    assert unescape(found.group(1)).startswith("visit : « 32/13/2026 »"), found.group(1)


# --- 6. A workbook uploaded with a CSV ----------------------------------------------------


def test_a_workbook_uploaded_with_a_csv_gets_the_pages_advice(tmp_path: Path) -> None:
    """A workbook and a students file uploaded together: the cohort lacks commissions, and
    the advice is the page's ("déposez-le seul"), not the command line's ("donnez le
    classeur lui-même comme instance")."""
    client = create_app(None, tmp_path / "out", "fr").test_client()
    files = [
        (io.BytesIO(WORKBOOK.read_bytes()), "classeur.xlsx"),
        (io.BytesIO(b"id,background\nS1,AS\n"), "etudiants.csv"),
    ]
    html = client.post(
        "/upload", data={"files": files}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    said = _plain(html.split('data-role="problems"')[1])
    assert "pour lire classeur.xlsx, déposez-le seul" in said, said
    assert "comme instance" not in said


# --- 7. The plan's dates as the form writes them ------------------------------------------


def test_the_plans_dates_read_as_the_settings_form_writes_them(tmp_path: Path) -> None:
    """The visit on 2026-11-19 (settings.toml): the French page's plan says 19/11/2026, as
    its settings form does, in the supervision table and above the day's schedule;
    schedule.csv keeps the ISO date (a file for programs)."""
    client, bench = _solved(locks_cohort(tmp_path / "cohort", plan=True), tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.plan is not None, bench.plan_error
    html = client.get("/").get_data(as_text=True)
    plan = html.split('data-role="plan"')[1]
    assert "2026-11-19" not in plan
    assert re.search(r"<td>19/11/2026 \d\d:\d\d", plan), plan[:2000]
    assert "(19/11/2026)</h4>" in plan
    assert "visit = 19/11/2026" in html  # the form
    client.post("/save")
    schedule = (tmp_path / "out" / "schedule.csv").read_text(encoding="utf-8")
    assert "2026-11-19" in schedule
