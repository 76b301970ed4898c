"""What-if (teams and supervisors), saving, downloads and the why panel of the board."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from flask import Flask, Response, abort, render_template, request, send_file

import matcher.web.engine as engine
from matcher.app import EXPLAIN_MAX_STUDENTS
from matcher.app.common import with_warnings
from matcher.errors import BrokenRules, InputError, UsageError
from matcher.labels import Text, counted, label, listing, text
from matcher.results import RunOutcome, Status
from matcher.web.engine import Said
from matcher.web.page import (
    board_signature,
    computing_board,
    downloads,
    locks_after,
    need_board,
    page,
    refresh,
    said,
    selected_only,
    shown_outcome,
    solving_now,
    teams_stale,
    words,
)
from matcher.web.plan_page import plan_stale
from matcher.web.routes.solving import broken_selection, explain_accepted, planned
from matcher.web.state import Workbench
from matcher.web.upload_names import unkept


def register_result_routes(app: Flask, bench: Workbench) -> None:
    """What-if, saving, downloads and explanations of the result on the board."""
    _register_whatif_routes(app, bench)

    @app.post("/save")
    def save() -> str:
        with bench.lock:
            selection_only = selected_only(bench)
            if not selection_only:
                need_board(bench)
            assert bench.outcome is not None and bench.instance_dir is not None
            refused = _not_saved_now(bench)
            if refused is not None:
                return refused
            if selection_only:  # a cohort without students: matcher select's outputs
                notes: list[str] = []
                outcome = bench.outcome
            else:
                notes = _save_notes(bench)
                # Teams solved under other settings than those in force are saved as given.
                outcome = engine.edited_outcome(
                    shown_outcome(bench), bench.assignment, bench.lang, always=teams_stale(bench)
                )
                outcome = _no_plan_said(bench, outcome)
            try:
                engine.save(bench.out_dir, outcome, bench.instance_dir, bench.lang)
            except (InputError, UsageError) as error:
                bench.problems, bench.problems_at = engine.problems_of(error), "save"
                return render_template("saved.html", **page(bench), saved=False)
            bench.problems = []
            bench.saved_for = bench.instance_dir
            bench.saved_board = board_signature(bench)
            view = page(bench)
            # A board broken on purpose is saved (contract §10) and said so once, with the
            # rules it breaks, as ``matcher check`` would list them.
            broken = view["board"]["violations"] if view["board"] else []
            saved_as = (
                counted("web_saved_broken", len(broken)).words(bench.lang)
                if broken
                else words(bench)["saved_to"]
            )
            return render_template(
                "saved.html", **view, saved=True, saved_as=saved_as, broken=broken, notes=notes
            )

    @app.get("/download/<name>")
    def download(name: str) -> Response:
        if name not in downloads(bench):  # a file of ours, saved from the cohort open
            abort(404)
        path = bench.out_dir / name
        if not path.is_file():
            abort(404)
        return send_file(path.resolve(), as_attachment=True, download_name=name)

    @app.get("/explain")  # the cards ask ?student=: a path's ".." the browser folds away
    @app.get("/explain/<path:student>")  # an id may hold a slash (S/1)
    def explain(student: str | None = None) -> str:
        """The student's explanation (``matcher explain``): one line per better choice;
        the run's own when they are of this board (no solve), else computed now."""
        student = request.args.get("student", "") if student is None else student
        with bench.lock:
            need_board(bench)
            assert bench.outcome is not None
            cohort = {s.id for s in bench.outcome.instance.students}
            if student not in bench.assignment and student not in cohort:
                abort(404)
            view = page(bench)
            answer = {"student": student, "nothing": _nothing_to_explain(bench, student)}
            locked = bench.locked
            # Under the team settings in force: the run's explanations only while they are
            # those it was solved under (``engine.with_team_settings`` drops them).
            shown = shown_outcome(bench)
            stale = shown is not bench.outcome
            wishes = engine.run_explanations(shown, bench.assignment, student, bench.lang, locked)
            if wishes is not None:
                return render_template(
                    "explain.html", **view, **answer, wishes=wishes, from_run=True
                )
            if solving_now(bench):
                return render_template("explain.html", **view, **answer, busy=True)
            if view["board"]["violations"]:
                return render_template("explain.html", **view, **answer, broken=True)

            def keep(found: list[Any]) -> None:
                # The run's explanations are of the board without locks, under its settings.
                if not locked and not stale:
                    assert bench.outcome is not None
                    bench.outcome = engine.settled(bench.outcome, bench.assignment, student, found)

            try:
                wishes = engine.explain(
                    shown, bench.assignment, student, bench.lang, locked, settle=keep
                )
            except (InputError, UsageError) as error:
                # Worded in the page's language (the template's ``worded``), not str()'s English.
                messages = [p.as_text() if p.file else p.message for p in engine.problems_of(error)]
                return render_template("explain.html", **view, **answer, errors=messages)
            except ValueError as error:
                return render_template("explain.html", **view, **answer, errors=[str(error)])
            return render_template("explain.html", **view, **answer, wishes=wishes)


def _nothing_to_explain(bench: Workbench, student: str) -> str:
    """What the panel says when ``student`` has no wish: no choices written, none of them
    selected, or on the best of their selected choices (decided as ``matcher explain``
    decides it, ``engine.no_wish``)."""
    assert bench.outcome is not None
    found = next((s for s in bench.outcome.instance.students if s.id == student), None)
    choices = ", ".join(found.choices) if found is not None else ""
    kind = engine.no_wish(bench.outcome, student)
    return label(f"web_explain_{kind}", bench.lang, choices=choices)


def _no_plan_said(bench: Workbench, outcome: RunOutcome) -> RunOutcome:
    """Teams saved without the plan the cohort's supervisors.csv asks for: said among the
    warnings of every output (summary.json, the report, the workbook), with why (probe
    s36i: nothing of it in the saved files, the report saying « the solver proved it »)."""
    if outcome.instance.supervisors is None or outcome.plan is not None:
        return outcome
    why = said(bench.plan_error, bench.lang)
    why = why[:1].lower() + why[1:] if why[1:2].islower() else why  # after a colon
    plain = text("web_saved_without_plan_plain")
    warning = text("web_saved_without_plan", why=why) if why else plain
    return replace(outcome, instance=with_warnings(outcome.instance, [warning]))


def _save_notes(bench: Workbench) -> list[str]:
    """What the saved folder holds beyond the teams, said to the director: the settings
    (those in force, when not the files'), the plan (re-made first if it is not of the
    board's teams) and the explanations."""
    t = words(bench)
    outcome = bench.outcome
    assert outcome is not None and outcome.teams is not None
    notes: list[str] = []
    # The command-line's words for the instance and the saved folder, in the notes that
    # give a command.
    folders = {"instance": _typed(_instance_named(bench)), "out": _typed(str(bench.out_dir))}
    moved = bench.assignment != outcome.teams.assignment
    if outcome.instance.supervisors is not None:
        stale = plan_stale(bench, outcome)
        # A plan that failed is tried again under settings applied since (probe s36j:
        # saved without it, and with the settings it had failed under).
        if stale or (outcome.plan is not None and not engine.plan_matches(outcome)):
            bench.outcome, bench.plan_error = planned(
                bench, outcome, withdraw_supervisors=bench.withdrawn
            )
            outcome = bench.outcome
            if stale and outcome.plan is not None:
                notes.append(t["saved_replanned"])
        if outcome.plan is None:
            why = said(bench.plan_error, bench.lang)
            notes.append(t["saved_no_plan"] + (" " + why if why else ""))
        elif moved:
            notes.append(t["saved_plan_moved"])
        else:
            notes.append(t["saved_plan"])
    # As saved: under the team settings in force (``shown_outcome``).
    shown = shown_outcome(bench)
    if engine.made_under_other_settings(shown, bench.file_settings):
        # Checked against the instance's own settings.toml, the result would break rules
        # the director changed: the settings in force are saved beside it.
        notes.insert(0, label("web_saved_settings", bench.lang, **folders))
    if bench.instance is not None and engine.settings_since(shown, bench.instance.settings):
        # Selection or solver settings applied since the run: not those of this result.
        notes.insert(0, t["saved_settings_next_run"])
    notes += _explanation_notes(bench, shown, moved, folders)
    return notes


def _explanation_notes(
    bench: Workbench, shown: RunOutcome, moved: bool, folders: dict[str, str]
) -> list[str]:
    """What the save says of explanations.csv: written (the run's, of this board: without
    the director's locks, as ``matcher explain --result`` explains the saved result), not
    written and why."""
    t = words(bench)
    progress = bench.progress
    if bench.solving and progress is not None and progress.stage == "explanations":
        # Probe s34d: said « not explained (a result reopened, …) » while they were still
        # being answered.
        return [label("web_saved_explaining", bench.lang)]
    if shown.explanations is not None:
        if moved:
            return [t["saved_no_explanations"]]
        # Locks are the page's, not the result's: the why panel answered with them.
        return [t["saved_explanations"]] + ([t["saved_explanations_locks"]] if bench.locked else [])
    if len(shown.instance.students) <= EXPLAIN_MAX_STUDENTS and not bench.shown_broken:
        # A what-if accepted (or a run whose explanations were stopped, or team settings
        # applied since): ``matcher whatif`` would have written them; said, with the
        # command that does (probe s25), its --out beside the result (explain writes into
        # no result folder; without --out it only prints, probe s27). A board breaking
        # rules is not explained (exit 3).
        beside = _typed(f"{bench.out_dir}-{t['explanations_folder']}")
        return [label("web_saved_unexplained", bench.lang, beside=beside, **folders)]
    return []


def _not_saved_now(bench: Workbench) -> str | None:
    """The save panel when the board is not saved now (``None``: it is): the board shown
    is about to be replaced by the run's (a result the director no longer sees), or the
    cohort's files changed on disk since they were read (probes s34f, s34h: ``check``
    refused it)."""
    if computing_board(bench):
        return render_template("saved.html", **page(bench), busy=True)
    if bench.files_changed():
        return render_template("saved.html", **page(bench), files_changed=True)
    return None


def _files_changed(bench: Workbench) -> str:
    """The what-if form, saying the cohort's files changed on disk since they were read."""
    bench.problems, bench.pending = [], None
    bench.say(text("web_files_changed"), "whatif")
    return render_template("whatif.html", **page(bench))


def _instance_named(bench: Workbench) -> str:
    """The instance of the command shown to the director: the folder or workbook given, an
    uploaded workbook by its name as uploaded (the director's own file), else the metavar
    (CSV files uploaded: the folder the director keeps them in). The cohort given to
    ``matcher serve`` only while it is the one open: after an upload it named the given
    cohort, whose explanations are another's (probe s28c)."""
    if bench.given_path is not None and bench.upload_root is None:
        return str(bench.given_path)
    folder = bench.instance_dir
    tables = [p for p in folder.iterdir() if p.suffix.lower() != ".toml"] if folder else []
    if len(tables) == 1 and tables[0].suffix.lower() in (".xlsx", ".xlsm"):
        return tables[0].name
    return "INSTANCE"


def _typed(argument: str) -> str:
    """An argument as typed in a terminal: in double quotes when it holds a space or a
    character a shell splits at (cmd, PowerShell and sh read ``"C:\\Mes résultats"`` so)."""
    return f'"{argument}"' if re.search(r"[\s&;|<>()'`]", argument) else argument


def _whatif_form() -> tuple[str, str, str, tuple[str, bytes] | None]:
    """The what-if form: the commission, student and supervisor withdrawn, the arrivals'
    file uploaded (its name and bytes), if any."""
    commission = request.form.get("commission", "")
    student = request.form.get("student", "")
    supervisor = request.form.get("supervisor", "")
    upload = request.files.get("arrivals")
    arrivals = (upload.filename or "", upload.read()) if upload and upload.filename else None
    return commission, student, supervisor, arrivals


def _register_whatif_routes(app: Flask, bench: Workbench) -> None:
    """A what-if computed, shown, then accepted or discarded."""

    @app.post("/whatif")
    def whatif() -> str:
        try:
            commission, student, supervisor, arrivals = _whatif_form()
        except OSError as error:  # the arrivals spooled to a full temporary disk
            with bench.lock:
                bench.problems, bench.pending = [], None
                bench.say(unkept(error), "whatif")
                return render_template("whatif.html", **page(bench))
        with bench.lock:
            need_board(bench)
            assert bench.outcome is not None
            if solving_now(bench):
                bench.problems, bench.pending = [], None
                return render_template("whatif.html", **page(bench), busy=True)
            if bench.files_changed():  # probes s34f, s34h: solved and saved as opened
                return _files_changed(bench)
            if bench.message_at == "whatif":
                # Said once: the what-if before's answer is not this one's.
                bench.message = ""
            if not (commission or student or supervisor or arrivals):
                # Nothing to compute: said beside the form, every choice it offers named
                # (probe s33: a problem « of the files » with empty file, row and column).
                bench.problems, bench.pending = [], None
                bench.say(_nothing_chosen(bench), "whatif")
                return render_template("whatif.html", **page(bench))
            # The supervisors withdrawn before stay withdrawn (the plan before may be none).
            asked = (supervisor,) if supervisor else ()
            leaving = tuple(dict.fromkeys([*bench.withdrawn, *asked]))
            try:
                pending = engine.whatif(
                    shown_outcome(bench),  # under the team settings in force
                    bench.assignment,
                    withdraw_commissions=[commission] if commission else [],
                    withdraw_students=[student] if student else [],
                    arrivals=arrivals,
                    replace_withdrawn=not request.form.get("no_replace"),
                    withdraw_supervisors=asked,
                    locked=bench.locked,
                    pairs=None if bench.instance is None else bench.instance.pairs,
                    supervisors_gone=leaving,
                )
            except (InputError, UsageError) as error:
                bench.problems, bench.problems_at = engine.problems_of(error), "whatif"
                bench.pending = None
            except OSError as error:  # the arrivals' copy not kept: a full temporary disk
                bench.problems, bench.pending = [], None
                bench.say(unkept(error), "whatif")
            except BrokenRules as error:  # a reopened selection breaking a rule: refused
                bench.problems, bench.pending = [], None
                bench.say(broken_selection(error.violations), "whatif")
            except engine.SolveFailed as error:
                bench.problems = []
                bench.pending = None
                bench.say(_whatif_failed(error), "whatif")
            else:
                _pending(bench, pending, leaving)
            return render_template("whatif.html", **page(bench))

    @app.post("/whatif/accept")
    def whatif_accept() -> Response:
        with bench.lock:
            if bench.pending is not None and bench.pending_is_stale():
                # The director moved or locked someone since: these changes were computed
                # from another board. Refused, said where they were shown.
                bench.pending = None
                bench.say(text("web_whatif_stale"), "whatif")
            elif bench.pending is not None:
                locks = locks_after(bench.locked, bench.pending)
                accepted = bench.pending
                bench.start_board(
                    accepted, bench.pending_plan_error, bench.pending_withdrawn, undoable=True
                )
                bench.pins = locks
                if not solving_now(bench):
                    explain_accepted(bench, accepted)
        return refresh()

    @app.post("/whatif/discard")
    def whatif_discard() -> str:
        with bench.lock:
            bench.pending = None
            if bench.message_at == "whatif":
                bench.message = ""
            return render_template("whatif.html", **page(bench))


def _pending(bench: Workbench, pending: RunOutcome, leaving: tuple[str, ...]) -> None:
    """A what-if computed: planned again (with supervisors), then shown to be accepted, or
    refused when a supervisor withdrawn leaves no plan."""
    assert bench.outcome is not None
    bench.problems = []
    bench.pending_plan_error = ""
    if pending.instance.supervisors is not None:
        # Stage 3 again, close to the plan before (as ``matcher whatif``).
        pending, bench.pending_plan_error = planned(
            bench, pending, previous=bench.outcome.plan, withdraw_supervisors=leaving
        )
    if leaving and pending.plan is None:
        # Refused, as ``matcher whatif`` refuses it (exit 3): a withdrawn supervisor is
        # recorded with the plan alone, so the result saved without one would give them
        # teams again.
        bench.pending = None
        bench.say(text("web_whatif_no_plan", why=bench.pending_plan_error), "whatif")
    else:
        bench.pending = pending
        bench.pending_withdrawn = leaving
        board = bench.history[bench.cursor] if bench.history else None
        bench.pending_from = (board, dict(bench.locked))


def _nothing_chosen(bench: Workbench) -> Text:
    """A what-if asked with nothing chosen: the choices the form offers, as labelled (the
    supervisor's while a plan is shown)."""
    keys = ["web_withdraw_commission", "web_withdraw_student"]
    if bench.outcome is not None and bench.outcome.plan is not None:
        keys.append("web_withdraw_supervisor")
    keys.append("web_add_students")
    quoted = listing([text("web_quoted", what=text(key)) for key in keys], last="word_or")
    return text("web_whatif_nothing", choices=quoted)


def _whatif_failed(error: engine.SolveFailed) -> Said:
    """Why a what-if found no result (``failed``), said as one refused first (probe s31a:
    the rules alone, « K01 s'est retirée … », read as if the what-if had been done)."""
    impossible = error.result.status == Status.INFEASIBLE
    lead = "web_whatif_impossible" if impossible else "web_whatif_not_done"
    return Said("", wording=lambda lang: f"{label(lead, lang)} {engine.failure(error, lang)}")
