"""Opening a cohort (given or uploaded), the page's language, and the settings form."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, render_template, request

import matcher.web.engine as engine
import matcher.web.saved_result as saved_result
from matcher.errors import InputError, Problem, UsageError
from matcher.labels import LANGS, Text, text, worded
from matcher.schemas import Settings
from matcher.web.engine import Said
from matcher.web.forms import FIELDS, field_of, part_of, settings_form
from matcher.web.page import board_signature, open_given, page, refresh, solving_now, words
from matcher.web.routes.solving import result_breaks
from matcher.web.state import Message, Workbench
from matcher.web.upload_names import unkept


def register_open_routes(app: Flask, bench: Workbench) -> None:
    """The page, its language, opening an instance (given or uploaded)."""

    @app.get("/")
    def index() -> str:
        return render_template("index.html", **page(bench))

    @app.post("/lang/<code>")
    def set_lang(code: str) -> Response:
        if code not in LANGS:
            abort(404)
        bench.lang = code
        return refresh()

    @app.post("/open")
    def reopen() -> Response:
        with bench.lock:
            if solving_now(bench):
                # The run would end by showing the teams of the cohort it started with.
                bench.say(text("web_open_busy"), "open")
            elif bench.given_path is not None:
                open_given(bench)
        return refresh()

    @app.post("/open/result")
    def open_saved() -> Response | str:
        """The result saved in --out as the board (a save of the workbench, or a command's
        output): the teams announced, hand edits included, to go on from (a what-if
        months later), as ``matcher whatif --from`` reads them."""
        with bench.lock:
            if bench.instance is None:
                abort(409)
            if solving_now(bench):
                bench.say(text("web_open_busy"), "open")
            else:
                open_result(bench, bench.out_dir, saved_settings=True)
        return render_template("main.html", **page(bench), menu_oob=True)

    @app.post("/upload")
    def upload() -> str:
        unread: OSError | None = None
        try:
            files = [
                (f.filename or "", f.read()) for f in request.files.getlist("files") if f.filename
            ]
        except OSError as error:  # the request's files spooled to a full temporary disk
            files, unread = [], error
        with bench.lock:
            if solving_now(bench):
                bench.say(text("web_open_busy"), "open")
                return render_template("main.html", **page(bench))
            if not files and unread is None:
                # The button pressed before any file was chosen: nothing was refused (the
                # problems of an earlier upload are not listed under it, probe s27).
                if bench.problems_at == "open":
                    bench.problems = []
                bench.say(text("web_upload_choose"), "open")
                return render_template("main.html", **page(bench))
            try:
                if unread is not None:
                    raise unread
                instance, folder = engine.load_uploads(
                    files, words(bench)["uploaded_cohort"], bench.settings_file, bench.overrides
                )
            except OSError as error:  # not kept in the temporary folder: no file's problem
                bench.problems = []
                bench.say(unkept(error), "open")
            except (InputError, UsageError) as error:
                bench.problems, bench.problems_at = engine.problems_of(error), "open"
                if bench.instance is not None:
                    # Said: the cohort line above still names the one opened before.
                    bench.say(text("web_upload_not_opened"), "open")
            else:
                bench.open_cohort(instance, folder, upload=folder.parent)
                if saved_result.uploaded_result(folder):
                    # teams.csv or selection.csv uploaded with the cohort's files: the board
                    # (probe s26: they were taken and ignored without a word), and no
                    # warning that result.xlsx was not read as the cohort's table.
                    bench.instance = saved_result.without_result_book(instance)
                    open_result(bench, folder, saved_settings=False)
        # The menu too: its stage-3 link is there when the cohort has supervisors.csv.
        return render_template("main.html", **page(bench), menu_oob=True)


def open_result(bench: Workbench, folder: Path, *, saved_settings: bool) -> None:
    """The result in ``folder`` shown as the board (undo goes back to the board before),
    or its problems (file, row, column) where the cohort was opened."""
    assert bench.instance is not None
    try:
        instance, outcome, checked = saved_result.open_result(
            bench.instance, folder, bench.lang, saved_settings=saved_settings
        )
    except engine.REFUSED as error:
        bench.problems, bench.problems_at = engine.problems_of(error), "open"
        bench.say(text("web_result_not_opened"), "open")
        return
    board_before = bench.outcome is not None and bool(bench.history)
    bench.instance = instance
    bench.start_board(outcome, undoable=True)
    if saved_settings:
        bench.saved_for = bench.instance_dir  # its files are this cohort's: downloads
        bench.saved_board = board_signature(bench)  # of the board shown
    bench.problems = []
    opened = "web_result_opened" if outcome.teams is not None else "web_selection_opened"
    if saved_settings:
        undo = "_undo" if board_before and outcome.teams is not None else ""
        said: Message = text(f"{opened}{undo}", folder=str(folder))
    else:
        said = text(f"{opened}_upload")
    broken = checked.violations
    # What `matcher check` says of it, said with the opening (probe s26: the page said
    # every rule held of a result breaking two selection rules, and nothing of teams.csv
    # and result.xlsx giving different teams, or of another cohort's result): the rules
    # it breaks, all of them (the board lists its own as moves go), and the warnings of
    # reading it.
    read = list(checked.warnings)
    told = [said, *([result_breaks(broken)] if broken else []), *read]
    bench.say(Said("", wording=lambda lang: _sentences([worded(m, lang) for m in told])), "open")


def _sentences(parts: list[str]) -> str:
    """Parts said one after the other, each a sentence: its first letter a capital (not a
    file name's: « teams.csv : … »), its end a full stop (probe s26: « … l'instance a
    supervisors.csv » after a full stop)."""
    said = []
    for part in parts:
        first = part.split(" ", 1)[0]
        if part[:1].islower() and "." not in first:
            part = part[0].upper() + part[1:]
        said.append(part if part.endswith((".", ":")) else f"{part}.")
    return " ".join(said)


def register_settings_routes(app: Flask, bench: Workbench) -> None:
    """The settings form, checked live, and the proposals forced in or out."""

    @app.post("/settings")
    def settings() -> str:
        with bench.lock:
            if bench.instance is None:
                abort(409)
            before = bench.instance.settings
            try:
                bench.instance = engine.update_settings(bench.instance, settings_form(bench.lang))
            except InputError as error:
                # The values typed stay in the form, each problem beside its field and the
                # refusal beside Apply (probe s29c: the form went back to the values in
                # force, the problem listed with the files' at the top of the page).
                stage3 = bench.instance.supervisors is not None
                by_field, other = _beside_fields(engine.problems_of(error), stage3)
                refused = text("web_settings_refused")
                answer = render_template(
                    "settings_check.html", by_field=by_field, other=other, refused=refused
                )
                return Response(answer, headers={"HX-Reswap": "none"})  # type: ignore[return-value]
            bench.problems = []
            bench.say(_applied(bench, before), "settings")
        return render_template("main.html", **page(bench))

    @app.post("/settings/check")
    def settings_check() -> str:
        """Live validation: the form's values checked, nothing applied; each problem is sent
        beside its field (htmx out-of-band swaps of the ``#problem-<field>`` spans)."""
        with bench.lock:
            if bench.instance is None:
                abort(409)
            try:
                updated = engine.update_settings(bench.instance, settings_form(bench.lang))
                problems: list[Problem] = []
            except InputError as error:
                problems = engine.problems_of(error)
            else:
                # Values each valid whose team sizes cannot hold the students: said beside
                # the smallest team's field (a run would find no teams).
                cannot = engine.sizes_problem(updated)
                if cannot is not None:
                    problems.append(Problem("settings", cannot, column="teams.min_size"))
                # A proposal forced in that no selection can hold (not available, say): a run
                # would answer no selection (probe s29c: said only under Open, once applied).
                problems += [
                    Problem("settings", why, column="selection.include")
                    for why in engine.included_problems(updated)
                ]
            # The stage-3 fields are shown when the cohort has supervisors.csv.
            stage3 = bench.instance.supervisors is not None
        by_field, other = _beside_fields(problems, stage3)
        return render_template("settings_check.html", by_field=by_field, other=other)

    @app.post("/selection/<what>")
    def include_exclude(what: str) -> str:
        """Force a proposal in (``include``), out (``exclude``), or back to free (``free``);
        takes effect at the next run."""
        proposal = request.form.get("id", "")
        with bench.lock:
            if bench.instance is None or what not in ("include", "exclude", "free"):
                abort(404)
            if proposal not in {c.id for c in bench.instance.commissions}:
                abort(400)
            chosen = bench.instance.settings.selection
            include = [i for i in chosen.include if i != proposal]
            exclude = [i for i in chosen.exclude if i != proposal]
            if what == "include":
                include.append(proposal)
            elif what == "exclude":
                exclude.append(proposal)
            try:
                bench.instance = engine.update_settings(
                    bench.instance,
                    {"selection.include": include, "selection.exclude": exclude},
                )
            except InputError as error:
                bench.problems, bench.problems_at = engine.problems_of(error), "open"
            else:
                bench.problems = []
                bench.say(text("web_rerun_needed"), "selection")
        return render_template("main.html", **page(bench))


def _applied(bench: Workbench, before: Settings) -> Message:
    """What Apply says: applied; with a board shown, that the team settings hold on it at
    once (probe s33: « Paramètres appliqués » while the board, Re-optimise and Save went on
    under the ones before), and that the selection's and the time limit wait for a run."""
    assert bench.instance is not None
    now, outcome = bench.instance.settings, bench.outcome
    said: list[Message] = [text("web_settings_saved")]
    if outcome is not None and outcome.teams is not None and now.teams != before.teams:
        said.append(text("web_settings_teams_now"))
    if outcome is not None and (now.selection, now.solver) != (before.selection, before.solver):
        said.append(text("web_settings_next_run"))
    if len(said) == 1:
        return said[0]
    return Said("", wording=lambda lang: " ".join(worded(m, lang, page=True) for m in said))


def _beside_fields(
    problems: list[Problem], stage3: bool
) -> tuple[dict[str | None, list[str | Text]], list[str | Text]]:
    """Each problem of the settings form by the field it is shown beside (every field,
    those of stage 3 when the cohort has supervisors.csv), and the others."""
    by_field: dict[str | None, list[str | Text]] = {
        name: []
        for name, key in FIELDS.items()
        if stage3 or not key.startswith(("supervision.", "calendar."))
    }
    other: list[str | Text] = []
    for problem in problems:
        # A problem of one of the field's lines names it (a date: its slot).
        part = part_of(problem.column)
        message = (
            text("web_problem_in", part=part, problem=problem.message) if part else problem.message
        )
        by_field.get(field_of(problem.column), other).append(message)
    return by_field, other
