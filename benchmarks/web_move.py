"""Workbench move speed on the demo (60 students): server time and in-browser time.

Server: ``POST /move`` (out-of-band answer: two columns, rules, priorities) against
``POST /undo`` (the whole board, as every move answered before), through Flask's test
client, median of N. Browser: drags in headless /usr/bin/chromium (Playwright), the time
from the drop to the answer swapped in, as the page records it (``window.matcherLastMove``).

    python benchmarks/web_move.py [--moves 40] [--drags 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "instances" / "demo"
sys.path.insert(0, str(ROOT / "tests"))


def server_times(moves: int) -> tuple[list[float], list[float], int, int]:
    """(move ms, full-board ms, answer bytes of a move, of the full board)."""
    from matcher.web import create_app

    app = create_app(DEMO, Path(tempfile.mkdtemp()) / "out", "en")
    client = app.test_client()
    bench = app.extensions["workbench"]
    client.post("/run")
    bench.worker.join()
    teams = bench.outcome.teams.commission_ids
    students = list(bench.assignment)
    move_ms, full_ms = [], []
    move_size = full_size = 0
    for k in range(moves):
        student = students[k % len(students)]
        team = next(t for t in teams if t != bench.assignment[student])
        start = time.perf_counter()
        answer = client.post("/move", data={"student": student, "team": team})
        move_ms.append((time.perf_counter() - start) * 1000)
        move_size = len(answer.data)
        start = time.perf_counter()
        answer = client.post("/undo")
        full_ms.append((time.perf_counter() - start) * 1000)
        full_size = len(answer.data)
    return move_ms, full_ms, move_size, full_size


def browser_times(drags: int) -> list[float]:
    """In-browser milliseconds per drag, from the drop to the answer swapped in."""
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from playwright.sync_api import sync_playwright
    from test_web_browser import Server, _drag

    times = []
    server = Server(DEMO, Path(tempfile.mkdtemp()) / "out")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 3000})
            page.goto(server.url)
            page.click('[data-action="run"]')
            page.wait_for_selector("[data-team] [data-student]")
            teams = page.locator("div.team[data-team]").evaluate_all(
                "els => els.map(e => e.getAttribute('data-team'))"
            )
            for k in range(drags):
                source, target = teams[k % len(teams)], teams[(k + 1) % len(teams)]
                card = page.locator(f'ul.cards[data-team="{source}"] [data-student]').first
                student = card.get_attribute("data-student")
                page.evaluate("window.matcherLastMove = undefined")
                _drag(page, student, target)
                page.wait_for_function("() => window.matcherLastMove !== undefined")
                times.append(page.evaluate("window.matcherLastMove"))
            browser.close()
    finally:
        server.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--drags", type=int, default=10)
    args = parser.parse_args()
    move_ms, full_ms, move_size, full_size = server_times(args.moves)

    def line(name: str, values: list[float]) -> str:
        values = sorted(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        median = statistics.median(values)
        return f"| {name} | {len(values)} | {median:.1f} | {p90:.1f} | {max(values):.1f} |"

    print("| measure (ms) | n | median | p90 | max |")
    print("| --- | --- | --- | --- | --- |")
    print(line("server: POST /move (out of band)", move_ms))
    print(line("server: POST /undo (whole board)", full_ms))
    print(f"\nanswer size: move {move_size} bytes, whole board {full_size} bytes")
    if Path("/usr/bin/chromium").exists():
        print()
        print("| measure (ms) | n | median | p90 | max |")
        print("| --- | --- | --- | --- | --- |")
        print(line("browser: drop to board shown", browser_times(args.drags)))


if __name__ == "__main__":
    main()
