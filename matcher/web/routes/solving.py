"""A run in a worker thread (selection, teams, the plan, then the explanations): start,
progress, cancel; and re-planning stage 3 for the board."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace

from flask import Flask, Response, abort, render_template, request

import matcher.web.engine as engine
from matcher.errors import BrokenRules, UsageError
from matcher.labels import Lang, Text, counted, label, text, worded
from matcher.results import PlanResult, RunOutcome
from matcher.schemas import Instance
from matcher.web.engine import Said
from matcher.web.page import can_assign, failed, need_board, page, refresh, solving_now
from matcher.web.state import Message, Workbench


def planned(
    bench: Workbench,
    outcome: RunOutcome,
    progress: engine.Progress | None = None,
    *,
    previous: PlanResult | None = None,
    withdraw_supervisors: tuple[str, ...] = (),
) -> tuple[RunOutcome, Message]:
    """``outcome`` with its plan (stage 3), and ""; or ``outcome`` without a plan and why,
    in the cohort's terms (the page shows it beside the teams, never as an error page).
    The ``[supervision]`` and ``[calendar]`` settings are the page's (edited since the run:
    they apply at the next plan)."""
    if bench.instance is not None:
        outcome = engine.with_plan_settings(outcome, bench.instance.settings)
    try:
        return (
            engine.plan(
                outcome,
                bench.lang,
                progress,
                previous=previous,
                withdraw_supervisors=withdraw_supervisors,
            ),
            "",
        )
    except engine.SolveFailed as error:
        failure = error
        why: Message
        if progress is not None and progress.cancelled:
            why = text("web_plan_cancelled")
        elif error.infeasible:
            why = Said(
                "",
                wording=lambda lang: (
                    f"{label('web_plan_none', lang)} "
                    f"{engine.sentences(engine.failure_lines(failure, lang), lang)}."
                ),
            )
        else:
            why = text("web_plan_timeout")
    except UsageError as error:
        why = error.message
    except Exception as error:  # shown in the plan section, never a traceback
        why = f"{type(error).__name__}: {error}"
    return replace(outcome, plan=None), why


def _work(
    bench: Workbench,
    instance: Instance,
    progress: engine.Progress,
    selection: RunOutcome | None = None,
) -> None:
    """The worker: both stages (the teams of ``selection``'s commissions when given, as
    ``matcher assign``), the plan when the cohort has supervisors (the board is then
    shown), then every wish explained (``matcher run``'s explanations.csv) in what the
    time limit leaves."""
    started = time.perf_counter()
    try:
        if selection is not None:
            outcome = engine.assign(instance, selection, progress)
        else:
            outcome = engine.run(instance, progress)
    except engine.SolveFailed as error:
        bench.solve_error = text("web_cancelled") if progress.cancelled else failed(error)
        return
    except BrokenRules as error:  # the selection breaks a rule of this cohort, as check says
        bench.solve_error = broken_selection(error.violations)
        return
    except Exception as error:  # shown in the page, never a traceback
        bench.solve_error = f"{type(error).__name__}: {error}"
        return
    cancelled = progress.cancelled
    if cancelled:
        # As Ctrl-C on the command line: the best found so far, said so in what is saved
        # ("interrupted": true in summary.json, the report's and workbook's status).
        outcome = replace(outcome, interrupted=True)
    progress.settle(outcome)
    plan_error: Message = ""
    if instance.supervisors is not None and outcome.teams is not None:
        if cancelled:
            plan_error = text("web_plan_cancelled")
        else:
            progress.begin("plan")
            outcome, plan_error = planned(bench, outcome, progress)
            progress.settle(outcome)
    with bench.lock:
        # The board shown came from what-ifs accepted, or the director moved or locked
        # students: the run starts again from the cohort's files, without them; said, not
        # silent, and undo goes back to that board as it was left (redo to the run's).
        shown = bench.outcome
        from_whatifs = shown is not None and shown.changes is not None
        by_hand = bench.hand_changed()
        bench.start_board(outcome, plan_error, undoable=True)
        said: list[Message] = []
        if cancelled:
            said.append(text("web_cancelled_kept"))
            progress.kept = outcome.teams
        # What the run found beyond the cohort's warnings (the best selection passed over,
        # its teams impossible: ``app.reselect``), said where Run was pressed.
        said += [_sentence(w) for w in outcome.instance.warnings if w not in instance.warnings]
        if from_whatifs:
            said.append(text("web_run_without_whatifs"))
        if by_hand:
            # Also after what-ifs: the moves and locks made on their board (probe s29g:
            # unsaid there).
            said.append(counted("web_run_replaced_board", by_hand))
        if from_whatifs or by_hand:
            said.append(text("web_run_undo_board"))  # once, whichever board was replaced
        if said:
            bench.say(said[0] if len(said) == 1 else _together(said), "run")
        progress.board_ready = True
    if progress.cancelled or not bench.explain_after_run or outcome.teams is None:
        return
    explain_board(bench, outcome, progress, started)


def explain_board(
    bench: Workbench, outcome: RunOutcome, progress: engine.Progress, started: float
) -> None:
    """Every wish of ``outcome``'s board explained, the board shown meanwhile (a run's last
    step, or a what-if accepted), in what the time limit leaves since ``started``."""
    progress.begin("explanations")
    try:
        explained = engine.explain_all(outcome, progress, started)
    except Exception:  # the why panel explains on demand instead
        explained = outcome
    with bench.lock:
        # To the result explained, shown or not (undone, or left by a what-if accepted).
        if explained is not outcome:
            bench.add_explanations(outcome, explained)
        elif (
            progress.cancelled
            and bench.outcome is not None
            and bench.outcome.teams is outcome.teams
            # not over a what-if refused, which cancelled them (probe s31d: replaced at once)
            and not (bench.message and bench.message_at == "whatif")
        ):
            bench.say(text("web_explain_cancelled"), "run")  # its teams still shown


def explain_accepted(bench: Workbench, outcome: RunOutcome) -> None:
    """A what-if accepted is explained as ``matcher whatif`` explains its result (its moves
    first), in a worker while its board is shown, as after a run (call under ``lock``):
    saved, it writes explanations.csv (probe s28f: a what-if accepted in the workbench was
    saved without, where the command wrote it)."""
    if not bench.explain_after_run or outcome.teams is None or outcome.explanations is not None:
        return
    progress = engine.Progress()
    progress.board_ready = True
    bench.progress = progress
    bench.worker = threading.Thread(
        target=explain_board,
        args=(bench, outcome, progress, time.perf_counter()),
        name="matcher-explain",
        daemon=True,
    )
    bench.worker.start()


def broken_selection(violations: Sequence[str | Text], key: str = "web_selection_breaks") -> Said:
    """The selection shown breaks these selection rules (worded as ``matcher check`` words
    them), said in the page's words (never the temporary file it was given to assign in);
    ``key``: the head's words."""
    head = counted(key, len(violations))
    # The first ten (another cohort's result breaks dozens), then how many more.
    listed: list[str | Text] = list(violations[:_LISTED])
    if len(violations) > _LISTED:
        listed.append(counted("web_rules_more", len(violations) - _LISTED))
    return Said(
        "",
        wording=lambda lang: (
            worded(head, lang, page=True)
            + " "
            + " ; ".join(worded(v, lang, page=True) for v in listed)
        ),
    )


#: The most broken rules a sentence of the page lists.
_LISTED = 10


def result_breaks(violations: Sequence[str | Text]) -> Said:
    """A result reopened breaks these rules, as ``matcher check`` lists them."""
    return broken_selection(violations, "web_result_breaks")


def _sentence(warning: Message) -> Said:
    """A warning (worded as an item of a list, in lower case) said as a sentence."""

    def wording(lang: Lang) -> str:
        said = worded(warning, lang, page=True)
        return said[:1].upper() + said[1:] + ("" if said.endswith(".") else ".")

    return Said("", wording=wording)


def _together(messages: list[Message]) -> Said:
    """Several sentences for one part of the page, worded when shown."""
    return Said("", wording=lambda lang: " ".join(worded(m, lang, page=True) for m in messages))


def register_run_routes(app: Flask, bench: Workbench) -> None:
    """A solve in a worker thread: start, progress, cancel; re-plan."""

    @app.post("/run")
    def run() -> str:
        return _start(None)

    @app.post("/assign")
    def assign() -> str:
        """The teams of the selection shown (``data-action="assign"``), as ``matcher
        assign --selection``."""
        with bench.lock:
            if not can_assign(bench):
                abort(409)
            return _start(bench.outcome)

    def _start(selection: RunOutcome | None) -> str:
        with bench.lock:
            if bench.instance is None:
                abort(409)
            if solving_now(bench):
                return render_template("progress.html", **page(bench), busy=True)
            if bench.files_changed():
                # Run on the files as they now are, or said why not: Reload reads them.
                bench.say(text("web_files_changed"), "run")
                return render_template("progress.html", **page(bench))
            progress = engine.Progress()
            bench.progress, bench.solve_error, bench.message = progress, "", ""
            bench.worker = threading.Thread(
                target=_work,
                args=(bench, bench.instance, progress, selection),
                name="matcher-solve",
                daemon=True,
            )
            bench.worker.start()
        return render_template("progress.html", **page(bench))

    @app.get("/progress")
    def progress() -> Response | str:
        current = bench.progress
        # A page that does not show the run's board yet (``board=0``: every tab polling,
        # not only the first to ask) is reloaded when the board is ready (the explanations
        # may go on meanwhile), or when the run ended without one.
        shows_board = request.args.get("board") == "1"
        if current is not None and not shows_board and (current.board_ready or not bench.solving):
            return refresh()
        if current is not None and current.cancelled and bench.solving:
            # Again: a search that started since the cancel stops too.
            current.cancel()
        if request.args.get("live") != "1":
            return render_template("progress.html", **page(bench))
        if bench.solving:
            # The poll of a run going on replaces its live part only (stage and table):
            # the cancel button beside it stays the element the director is pressing.
            return render_template("progress.html", **page(bench), live_only=True)
        # The run has ended: the whole part, run button and status, in place of the poll's.
        answer = Response(render_template("progress.html", **page(bench)))
        answer.headers["HX-Retarget"] = "#progress"
        answer.headers["HX-Reswap"] = "innerHTML"
        return answer

    @app.post("/cancel")
    def cancel() -> str:
        if bench.progress is not None and bench.solving:
            bench.progress.cancel()
        return render_template("progress.html", **page(bench))

    @app.post("/plan")
    def replan() -> str:
        """Stage 3 planned afresh for the teams on the board (``data-action="plan"``)."""
        with bench.lock:
            need_board(bench)
            assert bench.outcome is not None
            if bench.outcome.instance.supervisors is None:
                abort(404)
            # A short solve: it runs beside the run's explanations rather than stop them.
            explaining = bench.progress is not None and bench.progress.stage == "explanations"
            if bench.solving and not explaining:
                return render_template("plan.html", **page(bench), busy=True)
            if bench.files_changed():  # probe s34h: planned under the files as opened
                return render_template("plan.html", **page(bench), files_changed=True)
            before = bench.outcome.plan
            bench.outcome, bench.plan_error = planned(
                bench, bench.outcome, withdraw_supervisors=bench.withdrawn
            )
            after = bench.outcome.plan
            # Said, or the button seems to do nothing (probe s33).
            unchanged = (
                before is not None
                and after is not None
                and (before.supervision, before.schedule) == (after.supervision, after.schedule)
            )
            # The what-if's supervisor choice follows (a plan found or lost: probe s29g).
            return render_template("plan.html", **page(bench), replanned=True, unchanged=unchanged)
