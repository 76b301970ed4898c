"""What the templates show, computed from the session state, and the routes' small helpers."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from flask import Response, abort

import matcher.web.engine as engine
import matcher.web.saved_result as saved_result
from matcher.errors import InputError, UsageError
from matcher.labels import Lang, Text, all_keys, counted, decimal, label, listing, text, worded
from matcher.results import RunOutcome, Status
from matcher.schemas import BALANCEABLE, Instance
from matcher.text import belgian
from matcher.web.engine import Said
from matcher.web.forms import FIELDS
from matcher.web.plan_page import plan_changes, plan_view
from matcher.web.state import Message, MovesBase, Workbench

#: The files a download button may fetch from --out (never a name sent by the browser).
DOWNLOADS = (
    "result.xlsx",
    "report.html",
    "selection.csv",
    "teams.csv",
    "summary.json",
    "changes.csv",
    "explanations.csv",
    "supervision.csv",
    "schedule.csv",
    "calendar.ics",
    "settings.toml",
)
TEAM_PRIORITIES = ("worst_choice", "balance", "choices", "experience")
PLAN_PRIORITIES = ("expertise", "load", "travel")
SELECTION_PRIORITIES = ("sectors", "problem_types", "sector_spread", "priority")


#: The catalogue's keys of the page's words (``web_<word>``, :mod:`matcher.labels`).
_WEB = "web_"


@cache
def page_words(lang: Lang) -> dict[str, str]:
    """The page's words in ``lang``, by word (the catalogue's ``web_<word>`` keys): the
    templates' ``t.<word>``."""
    return {key.removeprefix(_WEB): label(key, lang) for key in all_keys() if key.startswith(_WEB)}


def words(bench: Workbench) -> dict[str, str]:
    """The page's words in its language."""
    return page_words(bench.lang)


def failed(error: engine.SolveFailed) -> Said:
    """Why a stage found no result, worded when shown (its diagnosis in the page's
    language at that time)."""
    return Said("", wording=lambda lang: engine.failure(error, lang))


def said(message: Message, lang: Lang) -> str:
    """A message of the page in ``lang``."""
    return worded(in_page(message), lang, page=True)


#: The "file" a problem or warning of the settings form names (``app.apply_settings``).
SETTINGS_FORM = "settings"


def in_page(message: Message) -> Message:
    """A warning of the settings applied in the page (its "file" ``settings``) naming the
    form as the page does (probe s33: « settings : le créneau lundi … » on a French page)."""
    if isinstance(message, Text) and message.values.get("file") == SETTINGS_FORM:
        return replace(message, values={**message.values, "file": text("web_settings_form")})
    return message


def forbidden(bench: Workbench) -> Response:
    """403 with a sentence."""
    return Response(words(bench)["forbidden"], status=403, mimetype="text/plain")


def refresh() -> Response:
    """An htmx answer reloading the whole page."""
    response = Response("", status=200)
    response.headers["HX-Refresh"] = "true"
    return response


def need_board(bench: Workbench) -> None:
    """409 unless a board is shown."""
    if bench.outcome is None or bench.outcome.teams is None or not bench.history:
        abort(409)


def selected_only(bench: Workbench) -> bool:
    """Whether the result shown is a selection without teams (a cohort without students:
    the run was ``matcher select``'s)."""
    outcome = bench.outcome
    return outcome is not None and outcome.selection is not None and outcome.teams is None


def can_assign(bench: Workbench) -> bool:
    """Whether the page offers to form the teams of the selection shown (a selection
    without teams, the cohort now with its students), as ``matcher assign``."""
    return selected_only(bench) and bench.instance is not None and bool(bench.instance.students)


def computing_board(bench: Workbench) -> bool:
    """Whether a run is computing a new board, which replaces the one shown when it ends
    (its explanations of the board shown, the last step, do not count: the board is then
    the run's)."""
    progress = bench.progress
    return bench.solving and not (progress is not None and progress.board_ready)


def solving_now(bench: Workbench) -> bool:
    """Whether a solve runs that a new one must wait for. The explanations of a run give
    way: a director's re-optimise, re-plan, run or explanation on demand stops them (the
    why panel then explains on demand)."""
    progress = bench.progress
    if bench.solving and progress is not None and progress.stage == "explanations":
        progress.cancel()
        return False
    return bench.solving


def open_given(bench: Workbench) -> None:
    """(Re)open the instance given on the command line. Files that now have problems:
    the problems are listed and the cohort open (if any) stays, as for an upload."""
    assert bench.given_path is not None
    try:
        instance = engine.load_folder(bench.given_path, bench.settings_file, bench.overrides)
    except (InputError, UsageError) as error:
        bench.problems, bench.problems_at = engine.problems_of(error), "open"
        if bench.instance is not None:  # probe s34h: no word, and Run said « Relire » again
            bench.say(text("web_reload_not_opened"), "open")
    else:
        bench.open_cohort(instance, bench.given_path)


def _files_read(bench: Workbench, instance: Instance) -> list[str]:
    """The uploaded files the cohort was read from, pairs, supervisors and settings
    included (probe s25: only two were named, as if the others were ignored)."""
    folder = bench.instance_dir
    files = [instance.commissions_file]
    if instance.students or (folder is not None and (folder / instance.students_file).is_file()):
        files.append(instance.students_file)  # not named when none was uploaded (probe s26)
    if instance.pairs or (folder is not None and (folder / instance.pairs_file).is_file()):
        files.append(instance.pairs_file)
    if instance.supervisors is not None:
        files.append(instance.supervisors_file)
    if folder is not None and (folder / "settings.toml").is_file():
        files.append("settings.toml")
    return files


def cannot_hold(bench: Workbench, instance: Instance) -> list[Text]:
    """The rules of ``instance`` that cannot hold whatever the selection (``app.validate``'s
    conflicts), computed once per cohort (and its settings) opened."""
    if bench.cannot_hold is None or bench.cannot_hold[0] is not instance:
        from matcher.app.describe import validate

        try:
            described = validate(instance)
            conflicts = list(described.conflicts)
            # As ``matcher validate`` lists them: the cohort's, and those of its proposals
            # the selection must leave out (probe s36i: two fewer on the page).
            bench.cohort_warnings = described.warnings
            # All of them the plan's (supervisors, calendar) when none is left without
            # supervisors.csv: the teams can be formed (probe s36g: a commission every
            # selection holds, whose institution every supervisor is tied to).
            unplanned = instance.model_copy(update={"supervisors": None})
            plan_only = bool(conflicts) and not validate(unplanned).conflicts
        except InputError:  # nothing in it: said otherwise
            conflicts, plan_only = [], False
            bench.cohort_warnings = instance.warnings
        bench.cannot_hold = (instance, conflicts)
        bench.cannot_hold_plan_only = plan_only
    return bench.cannot_hold[1]


def _field_problems(instance: Instance) -> dict[str, Any]:
    """What the settings form says beside its fields from the start, as its live check
    says a value typed: ``count_problem``, ``sizes_problem``, ``include_problem``."""
    # A count above the proposals received (the default 10 on a small cohort).
    count, received = instance.settings.selection.count, len(instance.commissions)
    count_problem = (
        counted(
            "el_count_above_received",
            received,
            count=count,
            received=received,
            file=instance.commissions_file,
        )
        if 0 < received < count
        else ""
    )
    # Proposals forced in that no selection can hold, after Apply too (probe s29i).
    included = engine.included_problems(instance)
    return {
        "count_problem": count_problem,
        # Sizes that cannot hold the students (min_size 7 for 60 students in 10 teams),
        # before a run finds no teams.
        "sizes_problem": engine.sizes_problem(instance) or "",
        "include_problem": listing(included, joiner="semicolon") if included else "",
    }


def page(bench: Workbench) -> dict[str, Any]:
    """Everything the templates show, computed from the session state."""
    view: dict[str, Any] = {"board": None, "selection_rows": [], "pending_rows": []}
    outcome = bench.outcome
    instance = bench.instance
    if instance is not None:
        settings = instance.settings
        order = list(settings.teams.priorities) + [
            p for p in TEAM_PRIORITIES if p not in settings.teams.priorities
        ]
        view["priority_order"] = [(p, p in settings.teams.priorities) for p in order]
        chosen = settings.selection.priorities
        unchosen = [p for p in SELECTION_PRIORITIES if p not in chosen]
        view["selection_order"] = [(p, p in chosen) for p in [*chosen, *unchosen]]
        view["fields"] = FIELDS
        chosen_plan = settings.supervision.priorities
        view["plan_order"] = [(p, True) for p in chosen_plan] + [
            (p, False) for p in PLAN_PRIORITIES if p not in chosen_plan
        ]
        # One line per slot, the day as written in Belgium (settings.toml's 2026-10-09 or
        # 9/10/2026 are read alike).
        view["dates_text"] = "\n".join(
            f"{slot} = {belgian(day)}" for slot, day in settings.calendar.dates.items()
        )
        view["balanced"] = set(instance.balanced_attributes())
        view["balanceable"] = BALANCEABLE
        # As the director writes it: "60", not "60.0"; "7,5" in French (forms.py reads it).
        view["time_limit"] = decimal(settings.solver.time_limit, bench.lang, None)
        view.update(_field_problems(instance))
    if instance is not None:
        # The cohort of the result shown (a what-if accepted may have added or withdrawn
        # students), and the files' own count when it differs.
        cohort = outcome.instance if outcome is not None else instance
        view["cohort_students"] = len(cohort.students)
        # « 1 étudiant », « aucun étudiant pour l'instant » (a spring cohort), not « 0 étudiants ».
        view["cohort_students_words"] = counted("web_cohort_students", len(cohort.students))
        view["cohort_proposals_words"] = counted("web_cohort_proposals", len(instance.commissions))
        # An uploaded cohort is named in the page's language (it was named in the
        # language of the upload); a workbook keeps its file's name.
        uploaded = {label("web_uploaded_cohort", lang) for lang in ("en", "fr")}
        named = bench.upload_root is not None and instance.name in uploaded
        view["cohort_name"] = words(bench)["uploaded_cohort"] if named else instance.name
        # Its files as uploaded: two uploaded cohorts (or a corrected one) told apart.
        view["cohort_files"] = ", ".join(_files_read(bench, instance)) if named else ""
        # Rules that cannot hold whatever the selection, as ``matcher validate`` says them
        # (exit 3): said on opening, not only when a run fails (probe s25).
        view["cannot_hold"] = cannot_hold(bench, instance)
        view["cohort_warnings"] = bench.cohort_warnings
        # Only stage 3's rules (supervisors, calendar): the teams can be formed, not planned
        # (probe s36c: « no run can succeed », then the run's teams « solved: optimal »).
        head = "web_cannot_plan" if bench.cannot_hold_plan_only else "web_cannot_hold"
        view["cannot_hold_head"] = counted(head, len(view["cannot_hold"]))
        view["file_students"] = len(instance.students)
    if outcome is not None and outcome.selection is not None:
        by_id = {c.id: c for c in outcome.instance.commissions}
        view["selection_rows"] = [(row, by_id.get(row.id)) for row in outcome.selection.rows]
        view["unfit_now"] = _unfit_now(bench)
        changes = outcome.changes
        view["withdrawn"] = () if changes is None else changes.withdrawn_commissions
    if outcome is not None and outcome.teams is not None and bench.history:
        view["board"] = board(bench)
        if outcome.selection is None:  # teams.csv uploaded alone: its teams are the selection
            ids = ", ".join(outcome.teams.commission_ids)
            view["selection_of_teams"] = label("web_selection_of_teams", bench.lang, ids=ids)
        view["plan"] = plan_view(bench, outcome)
        view["explained"], view["explained_note"] = _explained(bench, outcome)
    pending = bench.pending
    if pending is not None and pending.changes is not None:
        view.update(_pending_view(bench, outcome, pending))
    if bench.progress is not None:
        # In the order the solve reached them (its stages' priorities, lexicographic).
        # Each value as people read it (the experience priority in years).
        num_students = len(bench.instance.students) if bench.instance is not None else 0

        def shown(name: str, value: float) -> str:
            if not math.isfinite(value):
                return ""
            return engine.priority_text(name, round(value), num_students, bench.lang)

        view["progress_rows"] = [
            (name, (shown(name, best), shown(name, bound), elapsed))
            for name, (best, bound, elapsed) in bench.progress.priorities.copy().items()
        ]
    view["downloads"] = downloads(bench)
    view["downloads_older"] = bool(view["downloads"]) and downloads_older(bench)
    view["saved_result"] = result_to_open(bench)
    # Called by main.html alone, when it offers a result: a board's move, which renders
    # board.html, does not read teams.csv again (~3 ms each).
    view["saved_other"] = partial(result_of_another_cohort, bench, view["saved_result"])
    view["can_assign"] = can_assign(bench) and not bench.solving
    view["status_ok"] = Status.OPTIMAL
    return view


def _pending_view(
    bench: Workbench, outcome: RunOutcome | None, pending: RunOutcome
) -> dict[str, Any]:
    """What the what-if panel shows of the changes not yet accepted."""
    assert pending.changes is not None
    view: dict[str, Any] = {}
    # An arrival has no "from", a withdrawn student no "to": said, as in the workbook.
    arrived, withdrawn = label("arrived", bench.lang), label("withdrawn", bench.lang)
    view["pending_rows"] = [
        (s, source or arrived, target or withdrawn) for s, source, target in pending.changes.rows
    ]
    view["pending_moves"] = pending.changes.moves
    view["pending_replaced"] = pending.changes.replaced
    before = outcome.changes.unreplaced if outcome is not None and outcome.changes else ()
    view["pending_unreplaced"] = [c for c in pending.changes.unreplaced if c not in before]
    view["pending_plan"] = plan_changes(outcome, pending)
    # The visits and orals it moves, which the institutions must be told of (probe s25:
    # shown only once accepted).
    if pending.plan is not None and outcome is not None and outcome.plan is not None:
        from matcher.outputs.progress import moved_event

        moved = pending.plan.moved
        view["pending_moved"] = [moved_event(old, now, bench.lang) for old, now in moved]
    # Locked students the what-if cannot keep where locked (their team dissolves).
    board_after = pending.teams.assignment if pending.teams is not None else {}
    kept = locks_after(bench.locked, pending)
    released = [s for s in bench.locked if s in board_after and s not in kept]
    said = counted("web_locks_released", len(released), ids=", ".join(released))
    view["pending_released"] = worded(said, bench.lang) if released else ""
    # Locked students who withdraw (probe s37c: said of no one, docs/workbench.md says so).
    gone = [s for s in bench.locked if s in pending.changes.withdrawn_students]
    if gone:
        left = counted("web_locks_leave", len(gone), ids=", ".join(gone))
        # Two sentences, the first ending in ids: a full stop between (probe s37e).
        view["pending_released"] = ". ".join(
            filter(None, (view["pending_released"], worded(left, bench.lang)))
        )
    # What the what-if says beyond the cohort's warnings (a pin to the commission withdrawn
    # lifted, reserves passed over and why), as ``matcher whatif`` prints them before the
    # director accepts (probe s28c: shown nowhere).
    known = {worded(w, bench.lang) for w in (outcome.instance.warnings if outcome else ())}
    said_now = (worded(w, bench.lang) for w in pending.instance.warnings)
    view["pending_warnings"] = [w for w in said_now if w not in known]
    return view


def _unfit_now(bench: Workbench) -> dict[str, Text | str]:
    """The proposals the settings in force make ineligible (their « toujours » button
    disabled, with the reason), whatever the last run found (probe s26: a date required
    since kept it enabled, and the next run failed)."""
    from matcher.eligibility import eligibility

    if bench.instance is None:
        return {}
    selection, calendar = bench.instance.settings.selection, bench.instance.settings.calendar
    found = {c.id: eligibility(c, selection, calendar) for c in bench.instance.commissions}
    return {cid: fate.reason for cid, fate in found.items() if not fate.eligible}


def result_to_open(bench: Workbench) -> str:
    """The output folder, when it holds a result the director may open as the board (saved
    in an earlier session, or by a command) and the page has not saved or opened it; else
    "" (probe s26: a restarted workbench showed no board and no word of it, and its next
    save replaced the hand-edited teams)."""
    shown = bench.outcome is not None  # a reload of the cohort shows nothing: offered again
    if bench.instance is None or computing_board(bench):
        return ""
    if bench.saved_for == bench.instance_dir and shown:
        return ""
    return str(bench.out_dir) if saved_result.holds_result(bench.out_dir) else ""


def result_of_another_cohort(bench: Workbench, folder: str) -> bool:
    """Whether the result offered in ``folder`` (``result_to_open``) places none of the
    cohort's students: said so, not offered (probe s38c)."""
    if not folder or bench.instance is None:
        return False
    return saved_result.of_another_cohort(Path(folder), bench.instance)


def board_signature(bench: Workbench) -> tuple[object, ...]:
    """What the files saved from the board shown hold: its teams, its plan, the settings."""
    outcome, instance = bench.outcome, bench.instance
    return (
        dict(bench.assignment),
        outcome.plan if outcome is not None else None,
        instance.settings if instance is not None else None,
    )


def downloads_older(bench: Workbench) -> bool:
    """Whether the files offered are of a board saved before the one shown (probe s33:
    after Undo they were offered as if they were the board's)."""
    return bench.saved_board is not None and bench.saved_board != board_signature(bench)


def downloads(bench: Workbench) -> list[str]:
    """The files of --out the page offers: those saved from the cohort open (probe s25: a
    cohort opened after another one's save offered that one's files)."""
    if bench.saved_for is None or bench.saved_for != bench.instance_dir:
        return []
    return [n for n in DOWNLOADS if (bench.out_dir / n).is_file()]


def teams_stale(bench: Workbench) -> bool:
    """Whether ``[teams]`` settings were applied in the page since the teams of the result
    shown were solved (the board is checked under them: ``shown_outcome``)."""
    outcome, instance = bench.outcome, bench.instance
    if outcome is None or outcome.teams is None or instance is None:
        return False
    return outcome.settings.teams != instance.settings.teams


def shown_outcome(bench: Workbench) -> RunOutcome:
    """The result shown under the team settings in force (``engine.with_team_settings``):
    the board's rules are checked, re-optimised, what-ifs solved and saved under them."""
    assert bench.outcome is not None
    if bench.instance is None:
        return bench.outcome
    return engine.with_team_settings(bench.outcome, bench.instance.settings)


def _explained(bench: Workbench, outcome: RunOutcome) -> tuple[bool, str]:
    """Whether the run's explanations are of the board shown, and the note saying so."""
    # The run explained a board without locks: with a lock, the panel explains anew; so it
    # does under team settings applied since (the run's were made under those before).
    explained = outcome.explains(bench.assignment) and not bench.locked and not teams_stale(bench)
    # Not "every wish is explained" when the run's budget left questions unsettled (200
    # students: most of them): a card of theirs is explained on demand.
    unsettled = sum(e.verdict == "unknown" for e in outcome.explanations or ())
    if unsettled:
        return explained, worded(counted("web_explained_unsettled", unsettled), bench.lang)
    return explained, words(bench)["explained_ready"]


def board(bench: Workbench) -> dict[str, Any]:
    """The teams board: columns, cards, broken rules and priorities of the current state."""
    outcome = bench.outcome
    assert outcome is not None and outcome.teams is not None
    # Its rules and priorities are those in force (team settings applied since the teams
    # were solved included: probe s33, « Paramètres appliqués » and the board still checked
    # under the ones before); the optimum beside them is the solve's (``teams_stale``).
    instance = shown_outcome(bench).instance
    teams = outcome.teams
    assignment = bench.assignment
    ids = teams.commission_ids
    # Moves count against the board the solver (or the last what-if) gave, optimum 0; after
    # a re-optimise, against the board it started from, optimum the moves it made (it
    # minimised them): the label says which.
    base = bench.moves_base
    check = engine.check_assignment(
        instance, ids, assignment, previous=base.board, locked=bench.locked
    )
    broken = set(check.students_named | check.teams_named)
    # A selection read from a file (a result reopened) may break selection rules: listed
    # with the board's own (probe s26: "every rule kept" of a result `check` refused).
    selection_broken = engine.given_selection_broken(outcome)
    bench.shown_broken = broken
    # Available rank (what the solver ranks) marks a card off its best selected choice; the
    # card shows the written one, as teams.csv does (contract §5: never an available rank
    # presented as a written one).
    ranks = engine.choice_ranks(instance, ids, assignment)
    written = engine.written_ranks(instance, assignment)
    by_id = {c.id: c for c in instance.commissions}
    # A result edited by hand may place students in a commission not selected: their column
    # is shown after the others (probe s26: their cards were not on the board at all, so
    # they could not be dragged back), its rule listed as broken.
    known = set(ids)
    extra = sorted({t for t in assignment.values() if t not in known})
    # A student the result gives no team (arrived since it was saved): a first column, "".
    columns: dict[str, list[dict[str, Any]]] = {cid: [] for cid in ("", *ids, *extra)}
    for student in instance.students:
        team = assignment.get(student.id, "")
        if team not in columns:
            continue
        columns[team].append(
            {
                "s": student,
                "rank": ranks.get(student.id),
                "written": written.get(student.id),
                "broken": student.id in check.students_named,
                "pinned": student.id in bench.pins,
            }
        )
    priorities = _priorities(bench, instance, check.objectives, base)
    unplaced = {"id": "", "commission": None, "cards": columns[""], "unplaced": True}
    return {
        "columns": [unplaced] * bool(columns[""])
        + [
            {
                "id": cid,
                "commission": by_id.get(cid),
                "cards": columns[cid],
                "bounds": check.sizes.get(cid),
                "broken": cid in check.teams_named or cid in extra,
            }
            for cid in (*ids, *extra)
        ],
        # Sent with a move out of it, even empty: the page's column is then replaced.
        "unplaced": unplaced,
        "violations": [
            worded(v, bench.lang, page=True) for v in (*selection_broken, *check.violations)
        ],
        "priorities": priorities,
        "all_proven": all(p[-1] is None for p in priorities),
        "moves_label": words(bench)[_moves_key(base, outcome.teams.stage.given)],
        "can_undo": bench.can_undo,
        "can_redo": bench.can_redo,
        "teams_stale": teams_stale(bench),
    }


def _priorities(
    bench: Workbench, instance: Instance, values: dict[str, int], base: MovesBase
) -> list[tuple[Any, ...]]:
    """Each priority of the board: (name, value, optimum, their words, the gap's words, the
    bound's words when not proven): the experience priority in years, as the report and
    ``check`` show it, never the solver's integer."""
    outcome = bench.outcome
    assert outcome is not None and outcome.teams is not None
    optimum = _optimum(outcome)
    optimum["moves"] = base.least
    # The bound of a value not proven optimal (a run stopped by its time limit or cancelled):
    # the page says "best found 851 (bound 658)", never an optimum. Lexicographic: a proof
    # holds given the priorities before it, so it holds only while they are proven too.
    unproven: dict[str, int | None] = {
        **outcome.teams.stage.unproven_bounds(),
        "moves": base.bound,
    }
    n, lang = len(instance.students), bench.lang

    def shown(name: str, value: int) -> str:
        return engine.priority_text(name, value, n, lang)

    priorities = []
    for name in ("moves", *instance.settings.teams.priorities):
        now, best, bound = values[name], optimum.get(name), unproven.get(name)
        gap = None if best is None or now == best else engine.gap_text(name, now, best, n, lang)
        priorities.append(
            (
                name,
                now,
                best,
                shown(name, now),
                None if best is None else shown(name, best),
                gap,
                None if best is None or bound is None else shown(name, bound),
            )
        )
    return priorities


def _optimum(outcome: RunOutcome) -> dict[str, int]:
    """Each team priority's optimum as the board shows it: the solve's; for a result
    reopened from a folder, the solver's values its summary.json recorded (as ``check``
    shows them beside the result's own), not blanks (probe s26)."""
    assert outcome.teams is not None
    optimum = {o.name: o.value for o in outcome.teams.stage.objectives}
    if outcome.teams.stage.given and outcome.edited is not None:
        optimum |= {
            name: solver
            for stage, name, _, solver in outcome.edited.priorities
            if stage == "teams" and solver is not None
        }
    return optimum


def _moves_key(base: MovesBase, given: bool = False) -> str:
    """The words of "students moved": from the solved teams, from a result reopened or
    uploaded (``given``: no teams were solved here, probe s28f), or from the board
    re-optimised (the fewest possible with the locks when that solve proved it)."""
    if not base.reoptimised:
        return "prio_moves_opened" if given else "prio_moves"
    return "prio_moves_reoptimised" if base.bound is None else "prio_moves_reoptimised_unproven"


def locks_after(locked: dict[str, str], pending: RunOutcome) -> dict[str, str]:
    """The director's locks carried onto a what-if's board: each locked student still
    there, in the team they were locked in (or the reserve that took it over); a lock on
    a team dissolved, or of a student who withdrew, is released."""
    teams, changes = pending.teams, pending.changes
    board = teams.assignment if teams is not None else {}
    replaced = changes.replaced if changes is not None else {}
    return {s: board[s] for s, team in locked.items() if board.get(s) == replaced.get(team, team)}
