"""The teams board: move, undo, redo, pin, re-optimise."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, abort, render_template, request

import matcher.web.engine as engine
from matcher.labels import Text, counted, listing, text
from matcher.results import Status
from matcher.web.page import (
    computing_board,
    failed,
    need_board,
    page,
    refresh,
    shown_outcome,
    solving_now,
)
from matcher.web.state import MovesBase, Workbench


def register_board_routes(app: Flask, bench: Workbench) -> None:
    """The board: move, undo, redo, pin, re-optimise."""

    @app.post("/move")
    def move() -> str:
        student, team = request.form.get("student", ""), request.form.get("team", "")
        with bench.lock:
            need_board(bench)
            teams = bench.outcome.teams  # type: ignore[union-attr]
            cohort = {s.id for s in bench.outcome.instance.students}  # type: ignore[union-attr]
            if student not in cohort or team not in teams.commission_ids:  # type: ignore[union-attr]
                abort(400)
            # "": a student the result gave no team (the board's first column)
            source = bench.assignment.get(student, "")
            if source == team:
                return render_template("board.html", **page(bench))
            if computing_board(bench):
                return _move_refused(bench, source, team)
            shown = bench.shown_broken
            bench.push({**bench.assignment, student: team})
            view = page(bench)
            # Out-of-band answer: the two columns, the columns whose broken marks changed,
            # the toolbar, the rules and the priorities; the rest of the board stays.
            board = view["board"]
            changed = {source, team} | _columns_of(
                shown ^ bench.shown_broken, bench.assignment, board
            )
            columns = [col for col in board["columns"] if col["id"] in changed and col["id"]]
            if not source:
                columns.insert(0, board["unplaced"])
            said = _moved_said(bench, (student, source, team), len(board["violations"]))
            return render_template(
                "board_delta.html", **view, changed_columns=columns, said_now=said
            )

    @app.post("/undo")
    def undo() -> Response | str:
        with bench.lock:
            need_board(bench)
            if computing_board(bench):
                return _busy(bench)
            if bench.undo():
                # Back across a what-if: the selection, plan and what-if change too.
                return refresh()
            return render_template("board.html", **page(bench), board_changed=True)

    @app.post("/redo")
    def redo() -> Response | str:
        with bench.lock:
            need_board(bench)
            if computing_board(bench):
                return _busy(bench)
            if bench.redo():
                return refresh()
            return render_template("board.html", **page(bench), board_changed=True)

    @app.post("/pin")
    def pin() -> str:
        student = request.form.get("student", "")
        with bench.lock:
            need_board(bench)
            if student not in bench.assignment:
                abort(400)
            if computing_board(bench):
                return _busy(bench)
            if student in bench.pins:
                del bench.pins[student]
            else:
                bench.pins[student] = bench.assignment[student]
            # The why panel answers on the board as locked: an answer shown is of the locks
            # before, and the run's explanations (made without locks) may no longer hold.
            return render_template("board.html", **page(bench), locks_changed=True)

    @app.post("/reoptimise")
    def reoptimise() -> str:
        with bench.lock:
            need_board(bench)
            if solving_now(bench):
                bench.say(text("web_busy"), "board")
                return render_template("board.html", **page(bench))
            if bench.files_changed():  # probe s34h: the cohort as opened, saved so
                bench.say(text("web_files_changed"), "board")
                return render_template("board.html", **page(bench))
            if set(bench.assignment) <= set(bench.pins):
                # Nobody may move: the solve would answer the same board.
                bench.say(text("web_all_locked"), "board")
                return render_template("board.html", **page(bench))
            try:
                # Under the team settings in force (applied since the run too).
                result = engine.reoptimise(shown_outcome(bench), bench.assignment, bench.locked)
            except engine.SolveFailed as error:
                bench.say(failed(error), "board")
            else:
                _reoptimised(bench, result)
                return render_template("board.html", **page(bench), board_changed=True)
            return render_template("board.html", **page(bench))


def _reoptimised(bench: Workbench, result: Any) -> None:
    """The board re-optimised becomes the current one (undoable). It minimised the moves
    from the board shown: they are counted from it now, the fewest possible beside them
    (``MovesBase``)."""
    assert result.teams is not None
    before = bench.assignment
    after = dict(result.teams.assignment)
    least = sum(1 for s, team in after.items() if before.get(s, team) != team)
    moves = result.teams.stage.objectives[0]  # moves first (``app.reoptimise``)
    proven = result.teams.stage.status == Status.OPTIMAL or moves.proven
    bound = None if proven else moves.bound
    bench.push(after, MovesBase(dict(before), least, reoptimised=True, bound=bound))
    bench.message = ""
    # Students who had no team (arrived in the files since) are placed, not moved (probe
    # s35c: « nobody moved, every rule already held » of a board where one had no team).
    placed = [s for s in after if not before.get(s)]
    if least == 0 and placed:
        named = bench.instance.told_apart() if bench.instance is not None else {}
        ids = listing([named.get(s, s) for s in placed], "word_and", most=5)
        bench.say(counted("web_reoptimised_placed", len(placed), ids=ids), "board")
    elif least == 0:
        # Moves come first: on a board keeping every rule nobody moves; said, or the button
        # seems broken (probe s29c).
        bench.say(text("web_reoptimised_nobody"), "board")


def _move_refused(bench: Workbench, source: str, team: str) -> str:
    """A move made while a run computes new teams: the run's board replaces this one when it
    ends, so the move would be lost unsaid. The card dropped goes back (its two columns as
    they are)."""
    bench.say(text("web_board_busy"), "board")
    view = page(bench)
    back = [col for col in view["board"]["columns"] if col["id"] in {source, team}]
    return render_template("board_delta.html", **view, changed_columns=back, refused=True)


def _busy(bench: Workbench) -> str:
    """The board as it is, saying that a run computing new teams will replace it (a change
    made now would be lost when it ends, unsaid)."""
    bench.say(text("web_board_busy"), "board")
    return render_template("board.html", **page(bench))


def _columns_of(ids: set[str], assignment: dict[str, str], board: dict[str, Any]) -> set[str]:
    """The board columns holding these student or commission ids."""
    teams = {col["id"] for col in board["columns"]}
    return {i for i in ids if i in teams} | {assignment[i] for i in ids if i in assignment}


def _moved_said(bench: Workbench, move: tuple[str, str, str], broken: int) -> Text:
    """A move (student, from, to), said in its answer where a screen reader hears it
    (``board-message``, a live region): who went where and how many rules the board lists
    as broken now (``broken``; probe s36c: only « the board changed », neither the team nor
    the broken size rule spoken). Not kept: the page shown again does not say it."""
    student, source, team = move
    assert bench.outcome is not None
    names = {s.id: s.display_name for s in bench.outcome.instance.students}
    who = student if names.get(student, student) == student else f"{student} {names[student]}"
    rules = counted("web_moved_rules", broken) if broken else text("web_moved_rules_kept")
    key = "web_moved" if source else "web_placed"
    return text(key, student=who, source=source, team=team, rules=rules)
