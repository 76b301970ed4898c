"""The workbench through Flask's test client: laptop safety, uploads, moves, undo, save."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from matcher.labels import counted, label
from matcher.web import create_app
from matcher.web.page import page_words

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _bench(app: Flask):  # type: ignore[no-untyped-def]
    return app.extensions["workbench"]


def _solved(tmp_path: Path, *, explain: bool = False) -> tuple[Flask, FlaskClient]:
    """The demo opened and both stages solved, the plan made (the worker thread joined);
    ``explain``: every wish explained too, as ``matcher run`` does."""
    app = create_app(DEMO, tmp_path / "out", "en", explain=explain)
    client = app.test_client()
    assert client.post("/run").status_code == 200
    worker = _bench(app).worker
    assert worker is not None
    worker.join(timeout=300)
    assert _bench(app).outcome is not None, _bench(app).solve_error
    return app, client


def _broken(html: str) -> str:
    match = re.search(r'data-role="broken-rules".*?</div>', html, re.S)
    assert match is not None
    return match.group(0)


def test_labels_same_keys_in_both_languages() -> None:
    """Every page word is a ``web_<word>`` key of the one catalogue (matcher.labels), in
    English and in French: the page's words are that catalogue's, not a second one."""
    english, french = page_words("en"), page_words("fr")
    assert set(english) == set(french) and len(english) > 100
    assert all(french.values()) and english != french
    assert english["title"] == label("web_title", "en") == "matcher workbench"
    assert french["colon"] == label("web_colon", "fr") == " : "


def test_foreign_host_and_origin_are_refused(tmp_path: Path) -> None:
    """DNS rebinding (foreign Host) and CSRF (foreign Origin on a POST) get 403."""
    app = create_app(DEMO, tmp_path / "out", "en", listen=("127.0.0.1", 8765))
    client = app.test_client()
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403
    # Another loopback address than the one it listens on is not it (probe s25).
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 403
    six = create_app(DEMO, tmp_path / "out", "en", listen=("::1", 8765)).test_client()
    assert six.get("/", headers={"Host": "[::1]:8765"}).status_code == 200
    assert six.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert six.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 403
    assert client.post("/open", headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post("/open", headers={"Origin": "http://localhost:8765"}).status_code == 200
    # A read with a foreign Origin is harmless (no state changes): served.
    assert client.get("/", headers={"Origin": "http://evil.example"}).status_code == 200


def _raw_status(port: int, request: bytes) -> str:
    """The status line the workbench served on ``port`` answers to ``request``, sent as
    bytes (the test client always sends a Host header)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


@contextmanager
def _served(tmp_path: Path) -> Iterator[int]:
    """The workbench (no cohort) served on a free port of 127.0.0.1 in a thread: its port."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, None, threaded=True)  # type: ignore[arg-type]
    port = server.server_port
    server.app = create_app(None, tmp_path / "out", "en", listen=("127.0.0.1", port))  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        server.shutdown()
        server.server_close()


def test_a_request_without_host_is_refused_over_http(tmp_path: Path) -> None:
    """Over a real connection (probe s32a): a request without Host, HTTP/1.1 or 1.0, gets
    403 as an empty Host does (Werkzeug's ``request.host`` fell back to the address
    listened on: it was served)."""
    with _served(tmp_path) as port:
        host = f"127.0.0.1:{port}".encode()
        assert " 200 " in _raw_status(port, b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        assert " 200 " in _raw_status(port, b"GET / HTTP/1.0\r\nHost: " + host + b"\r\n\r\n")
        assert " 403 " in _raw_status(port, b"GET / HTTP/1.1\r\nHost: \r\n\r\n")
        assert " 403 " in _raw_status(port, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        assert " 403 " in _raw_status(port, b"GET / HTTP/1.0\r\n\r\n")
        assert " 403 " in _raw_status(port, b"POST /lang/fr HTTP/1.0\r\n\r\n")


def test_an_https_origin_on_the_workbenchs_address_is_refused_over_http(tmp_path: Path) -> None:
    """Over a real connection (probe s32a): a POST whose Origin is https on the
    workbench's own host and port is another site, the workbench speaking http only
    (403); its http twin is served."""
    with _served(tmp_path) as port:
        host = f"127.0.0.1:{port}".encode()

        def post_from(origin: bytes) -> str:
            head = b"POST /lang/fr HTTP/1.1\r\nHost: " + host + b"\r\nOrigin: " + origin
            return _raw_status(port, head + b"\r\nContent-Length: 0\r\n\r\n")

        assert " 403 " in post_from(b"https://" + host)
        assert " 403 " in post_from(b"https://localhost:" + str(port).encode())
        assert " 200 " in post_from(b"http://" + host)


@pytest.mark.parametrize(
    "origin",
    [
        "https://127.0.0.1:8765",
        "https://localhost:8765",
        "HTTPS://localhost:8765",
        "ws://localhost:8765",
        "null",
        "http://localhost",
        "http://evil.example:8765",
        "http://127.0.0.1:9999",
    ],
)
def test_an_origin_of_another_scheme_host_or_port_is_refused(tmp_path: Path, origin: str) -> None:
    """Only ``http://`` on the address listened on (or localhost) and its port is this
    workbench: another scheme on the same host and port is another site (probe s32a:
    ``https://127.0.0.1:8765`` was served), as are null, foreign hosts and ports."""
    app = create_app(None, tmp_path / "out", "en", listen=("127.0.0.1", 8765))
    client = app.test_client()
    host = {"Host": "127.0.0.1:8765"}
    assert client.post("/lang/fr", headers={**host, "Origin": origin}).status_code == 403
    for ours in ("http://127.0.0.1:8765", "http://localhost:8765", "HTTP://LOCALHOST:8765"):
        assert client.post("/lang/fr", headers={**host, "Origin": ours}).status_code == 200


def _upload(client: FlaskClient, path: str, field: str, name: str, data: bytes) -> TestResponse:
    """``data`` posted as the file ``name`` of the form field ``field``."""
    import io

    return client.post(
        path, data={field: (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


#: One byte over the workbench's 20 MB upload limit.
TOO_LARGE = b"x" * (20 * 1024 * 1024 + 1)


def test_upload_above_limit_is_refused_with_a_message(tmp_path: Path) -> None:
    """More than 20 MB: 413 with a sentence, nothing loaded."""
    app = create_app(None, tmp_path / "out", "fr")
    answer = _upload(app.test_client(), "/upload", "files", "students.csv", TOO_LARGE)
    assert answer.status_code == 413
    assert "20 Mo" in answer.get_data(as_text=True)
    assert _bench(app).instance is None


def test_a_too_large_arrivals_file_forgets_the_earlier_ones_problems(tmp_path: Path) -> None:
    """What-if arrivals: a file with a bad row lists its problems in the what-if panel; a
    second file refused as too large (413) leaves the panel without that list, which was
    about the first file (probe s24: it stayed under the refusal)."""
    app, client = _solved(tmp_path)
    bad = b"id,background,vae\nN1,AS,perhaps\n"
    html = _upload(client, "/whatif", "arrivals", "arrivals.csv", bad).get_data(as_text=True)
    assert 'data-role="problems"' in html and _bench(app).problems
    answer = _upload(client, "/whatif", "arrivals", "arrivals.csv", TOO_LARGE)
    assert answer.status_code == 413
    assert not _bench(app).problems
    assert 'data-role="problems"' not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_opening_a_cohort_says_the_rules_that_cannot_hold(tmp_path: Path, lang: str) -> None:
    """A together-group of 6 where teams hold 4 (12 students, 3 commissions): ``matcher
    validate`` exits 3 naming it; opened in the workbench, it is said at once beside the
    cohort (probe s25: only when a run failed), and gone once the pairs are corrected."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\nC3,C,s3,p3\n"
    )
    students = "".join(f"S{i},AS\n" for i in range(1, 13))
    (cohort / "students.csv").write_text("id,background\n" + students)
    together = "".join(f"S1,S{i},together\n" for i in range(2, 7))
    (cohort / "pairs.csv").write_text("student_a,student_b,relation\n" + together)
    (cohort / "settings.toml").write_text("[selection]\ncount = 3\n")
    app = create_app(cohort, tmp_path / "out", lang)
    client = app.test_client()
    html = unescape(client.get("/").get_data(as_text=True))
    held = re.search(r'data-role="cannot-hold".*?</div>', html, re.S)
    assert held is not None, html
    head = counted("web_cannot_hold", 1).words(lang)
    assert head in held.group(0) and "S1, S2, S3, S4, S5" in held.group(0)
    assert "(4 " in held.group(0) and "pairs.csv" in held.group(0)
    (cohort / "pairs.csv").write_text("student_a,student_b,relation\nS1,S2,together\n")
    client.post("/open")
    assert 'data-role="cannot-hold"' not in client.get("/").get_data(as_text=True)


def test_upload_with_an_error_shows_its_row(tmp_path: Path) -> None:
    """A bad flag on the third line of students.csv is listed at row 3, column vae."""
    import io

    lines = (DEMO / "students.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[2].split(",")
    fields[3] = "perhaps"  # the vae column
    lines[2] = ",".join(fields)
    app = create_app(None, tmp_path / "out", "en")
    client = app.test_client()
    answer = client.post(
        "/upload",
        data={
            "files": [
                (io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv"),
                (io.BytesIO("\n".join(lines).encode()), "../../etc/students.csv"),
            ]
        },
        content_type="multipart/form-data",
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    row = re.search(r'<tr data-row="3">(.*?)</tr>', html, re.S)
    assert row is not None, html
    assert "students.csv" in row.group(1) and "vae" in row.group(1)
    assert _bench(app).instance is None


def test_upload_of_good_files_opens_the_cohort(tmp_path: Path) -> None:
    """The demo's CSV files uploaded open a cohort of 60 students."""
    import io

    app = create_app(None, tmp_path / "out", "en")
    client = app.test_client()
    files = [
        (io.BytesIO((DEMO / name).read_bytes()), name)
        for name in ("commissions.csv", "students.csv", "pairs.csv")
    ]
    answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 200
    assert len(_bench(app).instance.students) == 60


def test_settings_form_refuses_a_bad_count(tmp_path: Path) -> None:
    """count = 0 is refused naming its field as the page names it; a good value is applied."""
    app = create_app(DEMO, tmp_path / "out", "en")
    client = app.test_client()
    form = {"count": "0", "time_limit": "30", "priority": ["balance", "worst_choice"]}
    html = client.post("/settings", data=form).get_data(as_text=True)
    beside = re.search(r'id="problem-count"[^>]*>(.*?)</span>', html, re.S)
    assert beside is not None and "expected a number ≥ 1" in beside.group(1), html
    assert "selection.count" not in html and _bench(app).instance.settings.selection.count == 10
    form["count"] = "9"
    client.post("/settings", data=form)
    settings = _bench(app).instance.settings
    assert settings.selection.count == 9
    assert settings.teams.priorities == ("balance", "worst_choice")


def test_a_failed_run_says_the_board_is_the_previous_result(tmp_path: Path) -> None:
    """Solved, then count = 24 (the demo has 20 eligible proposals) and run again: no
    solution, and the status under it says the board shown is the run before's, not
    "Solved: optimal" (probe s25)."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    html = client.get("/").get_data(as_text=True)
    assert 'data-role="previous-result"' not in html and ">Solved<" not in html
    assert "Solved: <span" in html
    client.post("/settings", data={"count": "24"})
    assert bench.instance.settings.selection.count == 24
    client.post("/run")
    bench.worker.join(timeout=300)
    html = client.get("/").get_data(as_text=True)
    assert 'data-role="solve-error"' in html
    said = label("web_done_before", "en")
    assert f'<span data-role="previous-result">{said}</span>' in unescape(html)
    assert "Solved: <span" not in html


def test_move_breaks_a_rule_and_undo_clears_it(tmp_path: Path) -> None:
    """Demo: 60 students in 10 teams of exactly 6; moving one breaks two size rules."""
    app, client = _solved(tmp_path)
    html = client.get("/").get_data(as_text=True)
    assert "Every rule holds." in _broken(html)
    bench = _bench(app)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in bench.outcome.teams.commission_ids if c != team)
    html = client.post("/move", data={"student": student, "team": other}).get_data(as_text=True)
    broken = _broken(html)
    assert f"team {other} has 7 students" in broken
    assert f"team {team} has 5 students" in broken
    assert re.search(rf'class="team broken" data-team="{other}"', html)
    html = client.post("/undo").get_data(as_text=True)
    assert "Every rule holds." in _broken(html)
    html = client.post("/redo").get_data(as_text=True)
    assert f"team {other} has 7 students" in _broken(html)


def test_lock_and_reoptimise_keeps_the_lock(tmp_path: Path) -> None:
    """A student moved then locked stays where put; the others repair the sizes."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in bench.outcome.teams.commission_ids if c != team)
    client.post("/move", data={"student": student, "team": other})
    client.post("/pin", data={"student": student})
    before = dict(bench.assignment)
    html = client.post("/reoptimise").get_data(as_text=True)
    assert bench.assignment[student] == other
    assert "Every rule holds." in _broken(html)
    # Fewest moves first: one other student leaves the team of 7 for the team of 5.
    assert sum(bench.assignment[i] != t for i, t in before.items()) == 1
    # Counted from the board re-optimised, what the re-optimise minimised: that one move,
    # the fewest possible (against the solved board it would be 2: the locked one too).
    assert re.search(r'data-priority="moves" data-value="1" data-optimum="1"', html)


def test_whatif_shows_changes_then_accepts(tmp_path: Path) -> None:
    """Withdrawing a student lists them leaving; accepting makes the board 59 students."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    student = next(iter(bench.assignment))
    html = client.post("/whatif", data={"student": student}).get_data(as_text=True)
    assert 'data-role="changes"' in html and f"<td>{student}</td>" in html
    # Their row says where they go: nowhere, worded (it was an empty cell; probe s24).
    team = bench.assignment[student]
    withdrawn = label("withdrawn", bench.lang)
    assert f"<td>{student}</td><td>{team}</td><td>{withdrawn}</td>" in html
    client.post("/whatif/accept")
    assert student not in bench.assignment and len(bench.assignment) == 59


def test_a_whatif_computed_before_a_move_is_not_applied_over_it(tmp_path: Path) -> None:
    """Preview a withdrawal, then drag a student, then accept: the preview was computed from
    the board before the drag, so accepting it would undo the drag silently (probe s25). It
    is refused with a sentence in the what-if panel, and the board keeps the drag."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    leaving, dragged = list(bench.assignment)[:2]
    other = next(t for t in set(bench.assignment.values()) if t != bench.assignment[dragged])
    client.post("/whatif", data={"student": leaving})
    assert bench.pending is not None
    client.post("/move", data={"student": dragged, "team": other})
    assert bench.assignment[dragged] == other
    client.post("/whatif/accept")
    assert bench.pending is None
    assert bench.assignment[dragged] == other and leaving in bench.assignment
    html = client.get("/").get_data(as_text=True)
    assert label("web_whatif_stale", "en") in unescape(html)
    # Asked again from the board as it is (the drag broke a size rule, which the what-if
    # may repair), it applies.
    client.post("/whatif", data={"student": leaving})
    client.post("/whatif/accept")
    assert leaving not in bench.assignment


def test_a_tab_that_missed_a_move_gets_no_why_panel_of_the_other_board(tmp_path: Path) -> None:
    """Two tabs: B moves a student; A, still showing the board before, asks why a student
    is where it shows them. The answer would be about B's board (probe s25: "granting C01
    is free" for a student A shows in C01): refused with the stale tab's sentence. B, and A
    once reloaded, get their answer."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    client.get("/")
    seen = str(bench.revision)
    student, team = next(iter(bench.assignment.items()))
    other = next(t for t in bench.outcome.teams.commission_ids if t != team)
    moved = client.post(
        "/move",
        data={"student": student, "team": other},
        headers={"X-Matcher-Board": seen, "X-Matcher-Tab": "B"},
    )
    now = moved.headers["X-Matcher-Board"]
    assert now != seen
    headers = {"X-Matcher-Board": seen, "X-Matcher-Tab": "A"}
    asked = client.get(f"/explain/{student}", headers=headers)
    assert asked.status_code == 409
    assert asked.get_data(as_text=True) == page_words("en")["stale_tab"]
    for tab in ("B", "A"):
        answer = client.get(
            f"/explain/{student}", headers={"X-Matcher-Board": now, "X-Matcher-Tab": tab}
        )
        assert answer.status_code == 200


def test_saving_an_unexplained_whatif_says_explanations_csv_is_not_written(
    tmp_path: Path,
) -> None:
    """A what-if accepted after the run, then saved: its teams were never explained, so no
    explanations.csv; the save says so, with the command that writes it (probe s25: said
    nothing, while ``matcher whatif`` writes the file)."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    student = next(iter(bench.assignment))
    client.post("/whatif", data={"student": student})
    client.post("/whatif/accept")
    assert bench.outcome.explanations is None
    html = unescape(client.post("/save").get_data(as_text=True))
    out = tmp_path / "out"
    assert not (out / "explanations.csv").exists()
    assert "explanations.csv not written: these teams were not explained" in html
    assert f"matcher explain {DEMO} --result {out}" in html


def _check(instance: Path, result: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "check", str(instance), "--result", str(result)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return done.returncode


def test_downloads_are_the_saves_of_the_cohort_open(tmp_path: Path) -> None:
    """Saved, then another cohort uploaded (the demo's files again: another cohort for the
    page): the save's files are not offered nor served as this one's (probe s25: its
    teams.csv was downloaded under the new cohort)."""
    import io

    app, client = _solved(tmp_path)
    client.post("/save")
    assert 'data-action="download"' in client.get("/").get_data(as_text=True)
    files = [
        (io.BytesIO((DEMO / name).read_bytes()), name)
        for name in ("commissions.csv", "students.csv")
    ]
    client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert _bench(app).instance_dir != DEMO
    assert 'data-action="download"' not in client.get("/").get_data(as_text=True)
    assert client.get("/download/teams.csv").status_code == 404
    assert (tmp_path / "out" / "teams.csv").is_file()  # still there, not offered


def test_save_then_matcher_check_accepts_it(tmp_path: Path) -> None:
    """Saved untouched: check exits 0; saved after a breaking move: check exits 3."""
    app, client = _solved(tmp_path)
    out = tmp_path / "out"
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    assert _check(DEMO, out) == 0
    assert client.get("/download/teams.csv").status_code == 200
    assert client.get("/download/..%2Fsecret").status_code == 404
    bench = _bench(app)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in bench.outcome.teams.commission_ids if c != team)
    client.post("/move", data={"student": student, "team": other})
    client.post("/save")
    assert _check(DEMO, out) == 3


def test_save_after_whatif_is_checked_against_its_cohort(tmp_path: Path) -> None:
    """A what-if accepted then saved records its changes: check exits 0."""
    app, client = _solved(tmp_path)
    commission = _bench(app).outcome.teams.commission_ids[0]
    client.post("/whatif", data={"commission": commission})
    client.post("/whatif/accept")
    client.post("/save")
    assert _check(DEMO, tmp_path / "out") == 0


def test_stop_token_stops_the_searches_of_its_own_thread_only() -> None:
    """A solver registered under ``stopping(token)`` is stopped by ``token.stop()``; a solver
    of another thread (no token) is not, and that thread is not asked to stop."""
    import threading

    from models import interrupt

    class FakeSolver:
        def __init__(self) -> None:
            self.stopped = 0

        def stop_search(self) -> None:
            self.stopped += 1

    token = interrupt.StopToken()
    mine, other = FakeSolver(), FakeSolver()
    seen: dict[str, bool] = {}

    def elsewhere() -> None:
        interrupt.register(other)
        seen["other"] = interrupt.should_stop()

    with interrupt.stopping(token):
        interrupt.register(mine)
        assert not interrupt.should_stop()
        token.stop()
        assert interrupt.should_stop() and mine.stopped == 1
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
    assert other.stopped == 0 and seen["other"] is False
    # Outside the block the thread has no token: nothing to stop.
    assert interrupt.current_token() is None and not interrupt.should_stop()
    interrupt.reset()


def test_cancel_during_a_solve_keeps_the_best_so_far(tmp_path: Path) -> None:
    """600 students with a 600-second limit: cancelled once the team search has begun, the
    solve ends long before its limit with a board whose status is FEASIBLE (kept, not
    proven best), and the page says so."""
    import time

    cohort = tmp_path / "cohort"
    subprocess.run(
        [
            *(sys.executable, "-m", "matcher", "generate", "--seed", "3", "--students", "600"),
            *("--out", str(cohort), "--quiet"),
        ],
        check=True,
        timeout=300,
    )
    app = create_app(cohort, tmp_path / "out", "en")
    client = app.test_client()
    bench = _bench(app)
    client.post("/settings", data={"time_limit": "600"})
    assert bench.instance.settings.solver.time_limit == 600
    started = time.monotonic()
    client.post("/run")
    # Cancel once the teams stage has reported a solution: a search is then running.
    while not any(name in bench.progress.priorities for name in ("worst_choice", "balance")):
        assert bench.worker.is_alive(), bench.solve_error
        time.sleep(0.2)
    html = client.post("/cancel").get_data(as_text=True)
    assert 'data-role="progress"' in html
    bench.worker.join(timeout=300)
    assert not bench.worker.is_alive()
    assert time.monotonic() - started < 600
    assert bench.outcome is not None, bench.solve_error
    assert bench.outcome.teams.stage.status.value == "FEASIBLE"
    assert len(bench.assignment) == 600
    assert "best result found so far is kept" in client.get("/").get_data(as_text=True)


def _problem_span(html: str, field: str) -> str:
    match = re.search(rf'<span class="field-problem" id="problem-{field}"[^>]*>(.*?)</span>', html)
    assert match is not None, html
    return match.group(1)


def test_settings_are_checked_live_beside_their_field(tmp_path: Path) -> None:
    """POST /settings/check answers one out-of-band span per field: the problem beside the
    field it concerns, empty elsewhere, in the page's language; nothing is applied."""
    app = create_app(DEMO, tmp_path / "out", "en")
    client = app.test_client()
    before = _bench(app).instance.settings
    html = client.post("/settings/check", data={"count": "0"}).get_data(as_text=True)
    # The director's words, as settings.toml's refusals: the value found and what is
    # expected, never pydantic's ("Input should be greater than or equal to 1").
    assert _problem_span(html, "count") == "&#34;0&#34; is not accepted: expected a number ≥ 1"
    assert _problem_span(html, "time_limit") == ""
    assert 'hx-swap-oob="true"' in html
    html = client.post(
        "/settings/check", data={"min_size": "8", "max_size": "3", "include": "C99"}
    ).get_data(as_text=True)
    # In the page's words, not settings.toml's keys (an acceptance probe, session 24).
    assert "“Smallest team” 8 exceeds “Largest team” 3" in _problem_span(html, "min_size")
    assert "C99" in _problem_span(html, "include")
    assert _problem_span(html, "count") == ""
    assert _bench(app).instance.settings == before
    client.post("/lang/fr")
    html = client.post("/settings/check", data={"count": "0"}).get_data(as_text=True)
    assert _problem_span(html, "count") == "« 0 » ne convient pas : il faut un nombre ≥ 1"
    html = client.post("/settings/check", data={"count": "9"}).get_data(as_text=True)
    assert _problem_span(html, "count") == ""
    # The form's labels and French attribute names, as the page shows and accepts them.
    html = client.post(
        "/settings/check", data={"min_size": "8", "max_size": "3", "no_isolation": "foo"}
    ).get_data(as_text=True)
    assert "« Plus petite équipe » 8 dépasse « Plus grande équipe » 3" in _problem_span(
        html, "min_size"
    )
    isolation = _problem_span(html, "no_isolation")
    assert "parmi formation, vae, en emploi, genre (p. ex. vae=oui, genre=M)" in isolation
    assert "gender" not in isolation


def test_new_settings_fields_are_applied(tmp_path: Path) -> None:
    """max_per_institution, team sizes and the selection priorities' order reach the
    settings in force; an empty team size means the even default (None)."""
    app = create_app(DEMO, tmp_path / "out", "en")
    client = app.test_client()
    form = {
        "lists": "1",
        "max_per_institution": "2",
        "min_size": "5",
        "max_size": "7",
        "selection_priority": ["priority", "sectors"],
        "priority": ["worst_choice", "balance"],
        "balance_background": "1",
    }
    client.post("/settings", data=form)
    settings = _bench(app).instance.settings
    assert settings.selection.max_per_institution == 2
    assert (settings.teams.min_size, settings.teams.max_size) == (5, 7)
    assert settings.selection.priorities == ("priority", "sectors")
    assert settings.teams.balance == ("background",)
    client.post("/settings", data={"min_size": "", "max_size": ""})
    settings = _bench(app).instance.settings
    assert (settings.teams.min_size, settings.teams.max_size) == (None, None)


def _employer_cohort(folder: Path) -> Path:
    """Two commissions, six students of one background, three per team; S1 works for
    C1's institution and wants C1 first, as S2 and S3 do (S4 to S6 want C2 first)."""
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,CPAS de Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic\n",
        encoding="utf-8",
    )
    rows = ["S1,AS,CPAS de Namur,C1;C2", "S2,AS,,C1;C2", "S3,AS,,C1;C2"]
    rows += [f"S{i},AS,,C2;C1" for i in (4, 5, 6)]
    (folder / "students.csv").write_text(
        "id,background,employer,choices\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_conflict_of_interest_is_a_checkbox_of_the_settings_form(tmp_path: Path, lang: str) -> None:
    """Contract §4 ``conflict_of_interest = true`` is edited in the page (§10), checked
    by default: the page's form unticked (the box sends nothing, the ``lists`` marker
    is sent) and applied, the settings in force and the settings.toml saved say false,
    and a run puts S1 on their employer's commission C1 (with it, S1 may not go there)."""
    import tomllib

    app = create_app(_employer_cohort(tmp_path / "cohort"), tmp_path / "out", lang)  # type: ignore[arg-type]
    client = app.test_client()
    html = unescape(client.get("/").get_data(as_text=True))
    box = re.search(r'<input type="checkbox" name="conflict_of_interest"[^>]*>([^<]*)<', html)
    assert box is not None, html
    assert "checked" in box.group(0)
    assert box.group(1).strip() == label("web_conflict_of_interest", lang)  # type: ignore[arg-type]
    assert 'id="problem-conflict_of_interest"' in html
    # The live check takes the box as Apply does, nothing applied.
    answer = client.post("/settings/check", data={"lists": "1"}).get_data(as_text=True)
    assert _problem_span(answer, "conflict_of_interest") == ""
    assert _bench(app).instance.settings.teams.conflict_of_interest is True
    # A form that leaves it out (no marker) keeps it.
    client.post("/settings", data={"count": "2"})
    assert _bench(app).instance.settings.teams.conflict_of_interest is True
    client.post("/settings", data={"lists": "1", "count": "2"})
    assert _bench(app).instance.settings.teams.conflict_of_interest is False
    html = client.get("/").get_data(as_text=True)
    box = re.search(r'<input type="checkbox" name="conflict_of_interest"[^>]*>', html)
    assert box is not None and "checked" not in box.group(0)
    assert client.post("/run").status_code == 200
    worker = _bench(app).worker
    assert worker is not None
    worker.join(timeout=300)
    outcome = _bench(app).outcome
    assert outcome is not None and outcome.teams is not None, _bench(app).solve_error
    assert outcome.teams.assignment["S1"] == "C1"
    client.get("/progress")  # the page takes the board
    assert 'data-role="saved"' in client.post("/save").get_data(as_text=True)
    saved = tomllib.loads((tmp_path / "out" / "settings.toml").read_text(encoding="utf-8"))
    assert saved["teams"]["conflict_of_interest"] is False
    # Ticked again: the rule is in force again.
    client.post("/settings", data={"lists": "1", "conflict_of_interest": "1"})
    assert _bench(app).instance.settings.teams.conflict_of_interest is True


def test_whatif_without_replacement(tmp_path: Path) -> None:
    """Demo, C-withdrawal with "no replacement": its students join the nine remaining
    teams (the changes say "no replacement"); accepted, the board has nine columns. With
    replacement, a reserve takes its place instead."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    withdrawn = bench.outcome.teams.commission_ids[0]
    html = client.post("/whatif", data={"commission": withdrawn}).get_data(as_text=True)
    assert f"{withdrawn} →" in html and "no replacement" not in html
    html = client.post("/whatif", data={"commission": withdrawn, "no_replace": "1"}).get_data(
        as_text=True
    )
    assert re.search(rf'data-role="unreplaced">{withdrawn}: withdrawn, no replacement', html)
    client.post("/whatif/accept")
    assert len(set(bench.assignment.values())) == 9 and withdrawn not in bench.assignment.values()
    assert len(bench.assignment) == 60


def test_move_answers_only_what_changed(tmp_path: Path) -> None:
    """A move is answered out of band: the two columns, the toolbar, rules and priorities,
    not the other eight columns."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    student, team = next(iter(bench.assignment.items()))
    other = next(c for c in bench.outcome.teams.commission_ids if c != team)
    html = client.post("/move", data={"student": student, "team": other}).get_data(as_text=True)
    columns = re.findall(
        r'<div class="team[^"]*" data-team="(\w+)" id="team-\w+" hx-swap-oob', html
    )
    assert sorted(columns) == sorted([team, other])
    assert 'id="board-status" hx-swap-oob="true"' in html
    assert 'id="board-toolbar" hx-swap-oob="true"' in html
    assert 'id="board"' not in html


def test_why_panel_explains_a_student(tmp_path: Path) -> None:
    """GET /explain/<student> answers with matcher explain's verdicts: a student off their
    best choice gets one line per better team; after a breaking move, no explanation."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    ranks = {}
    from matcher.verify.teams import choice_rank

    selected = set(bench.outcome.teams.commission_ids)
    for s in bench.outcome.instance.students:
        ranks[s.id] = choice_rank(s, bench.assignment[s.id], selected)
    off = next(i for i, r in ranks.items() if r is not None and r > 1)
    html = client.get(f"/explain/{off}").get_data(as_text=True)
    assert re.search(r'data-verdict="(impossible|free|costs|unknown)"', html), html
    assert client.get("/explain/S999").status_code == 404
    student, team = next(iter(bench.assignment.items()))
    target = next(c for c in bench.outcome.teams.commission_ids if c != team)
    client.post("/move", data={"student": student, "team": target})
    assert "breaks a rule" in client.get(f"/explain/{off}").get_data(as_text=True)


def test_language_switch(tmp_path: Path) -> None:
    """POST /lang/fr turns the page French."""
    app = create_app(DEMO, tmp_path / "out", "en")
    client = app.test_client()
    client.post("/lang/fr")
    assert "Paramètres" in client.get("/").get_data(as_text=True)
    assert client.post("/lang/de").status_code == 404


def test_whatif_arrival_file(tmp_path: Path) -> None:
    """An uploaded arrival joins a team in the proposed changes; a bad row is named."""
    import io

    header = (DEMO / "students.csv").read_text(encoding="utf-8").splitlines()[0]
    good = f"{header}\nS061,Nora Late,assistant social,no,no,,F,3,\n"
    app, client = _solved(tmp_path)
    html = client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(good.encode()), "late.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    # An arrival comes from nowhere, said so (as the workbook and the report say it).
    new = label("arrived", "en")
    assert re.search(rf"<td>S061</td><td>{new}</td><td>C\d+</td>", html), html
    client.post("/whatif/accept")
    assert "S061" in _bench(app).assignment
    bad = f"{header}\nS062,Ada Late,assistant social,perhaps,no,,F,3,\n"
    html = client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(bad.encode()), "late.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    row = re.search(r'<tr data-row="2">(.*?)</tr>', html, re.S)
    assert row is not None and "late.csv" in row.group(1), html


def test_exclude_from_the_selection_table_then_rerun(tmp_path: Path) -> None:
    """'never' on a selected proposal puts it in exclude; the next run leaves it out."""
    app, client = _solved(tmp_path)
    bench = _bench(app)
    dropped = bench.outcome.selection.selected_ids[0]
    html = client.post("/selection/exclude", data={"id": dropped}).get_data(as_text=True)
    assert "run again" in html
    assert bench.instance.settings.selection.exclude == (dropped,)
    client.post("/run")
    bench.worker.join(timeout=300)
    assert dropped not in bench.outcome.selection.selected_ids
    client.post("/selection/free", data={"id": dropped})
    assert bench.instance.settings.selection.exclude == ()
    assert client.post("/selection/exclude", data={"id": "C99"}).status_code == 400
