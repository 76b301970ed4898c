"""``whatif``: re-solve a result after withdrawals and arrivals."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.app.common import SolveFailed, solve_params
from matcher.app.solve import _left, _stage3
from matcher.errors import RequestError, UsageError
from matcher.labels import Lang, Text
from matcher.results import (
    RunOutcome,
    SelectionResult,
    StageResult,
    TeamResult,
)
from matcher.schemas import Instance
from models.outcome import ProgressCallback


@dataclass(frozen=True)
class WhatIfResult:
    """A what-if's outputs, and the warnings this what-if adds to its cohort's."""

    outcome: RunOutcome
    notes: tuple[str | Text, ...]


def whatif(
    instance: Instance,
    from_dir: Path,
    *,
    withdraw_commissions: Iterable[str] = (),
    withdraw_students: Iterable[str] = (),
    add_students: Path | None = None,
    replace_withdrawn: bool = True,
    withdraw_supervisors: Iterable[str] = (),
    progress: ProgressCallback | None = None,
    lang: Lang = "en",
) -> WhatIfResult:
    """Re-solve the result in ``from_dir`` after the changes given, with the fewest moves.

    ``instance`` is the original cohort; the changes ``from_dir`` records (an earlier
    what-if) are applied first. Repeated ids count once. When the instance has
    supervisors, stage 3 is solved again in the time left, against the plan of
    ``from_dir`` (supervision.csv, schedule.csv): the fewest teams change supervisor, then
    the fewest events move, then the usual priorities; ``withdraw_supervisors`` leave
    (with those an earlier what-if withdrew). Only supervisors withdrawn: the teams are
    kept as they are.

    Raises
    ------
    RequestError
        No change given; a folder of the request that cannot be used; an id that is not a
        selected commission or a student.
    InputError
        A file of ``from_dir`` or ``add_students`` that cannot be read.
    BrokenRules
        When the selection of ``from_dir`` breaks a selection rule (worded in ``lang``).
    UsageError
        ``withdraw_supervisors`` naming no supervisor, or given for an instance without
        supervisors.csv.
    SolveFailed
        When no team assignment or no plan was found.
    """
    from matcher.labels import worded
    from matcher.loading import read_arrivals
    from matcher.loading.results import read_result, result_files
    from matcher.verify.selection import require_selection_rules
    from matcher.whatif import WhatIf, apply_changes, cohort_of_result

    files = result_files(from_dir)
    # A what-if result records its changes: start from the cohort it was made for.
    instance, recorded = cohort_of_result(instance, files.folder)
    found = read_result(from_dir, instance)
    if found.selection is None or found.selection_source is None:
        raise RequestError("{from_dir} {path} holds no selection", path=from_dir)
    commissions, rows = found.selection
    settings = instance.settings
    instance = instance.model_copy(update={"commissions": commissions})
    selected = tuple(row.id for row in rows if row.selected)
    require_selection_rules(instance, selected, found.selection_source, lang)
    previous = found.assignment
    arrival_warnings: list[str] = []
    arrivals = (
        read_arrivals(add_students, instance, arrival_warnings) if add_students is not None else ()
    )
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=replace_withdrawn,
    )
    withdraw_supervisors = tuple(withdraw_supervisors)
    leaving = _supervisors_leaving(instance, from_dir, withdraw_supervisors, lang)
    params = solve_params(settings, progress)
    start = time.perf_counter()
    if changes.empty and withdraw_supervisors:
        # Only supervisors leave: the selection and the teams stay as they are.
        teams = None
        if previous is not None:
            teams = TeamResult(StageResult.from_file(), selected, dict(previous))
        outcome = RunOutcome(
            instance,
            settings,
            SelectionResult(StageResult.from_file(), rows),
            teams,
            replace(recorded, moves=0, replaced={}, rows=()),
        )
    else:
        outcome = apply_changes(instance, rows, previous, changes, params, recorded)
    if outcome.teams is not None and not outcome.teams.stage.solved:
        raise SolveFailed("teams", outcome.teams.stage)
    if outcome.instance.supervisors is not None:
        from matcher.loading.supervisors import read_plan

        team_ids = (
            outcome.teams.commission_ids
            if outcome.teams is not None
            else outcome.selection.selected_ids
            if outcome.selection is not None
            else ()
        )
        staying = [s for s in outcome.instance.supervisors if s.id not in leaving]
        result = _stage3(
            outcome.instance,
            team_ids,
            _left(params, start),
            lang,
            supervisors=staying,
            previous=read_plan(files.folder),
        )
        if result is not None:
            result = replace(result, withdrawn=tuple(leaving))
        outcome = replace(outcome, plan=result)
    notes: list[str | Text] = [worded(w, lang) for w in found.warnings]
    notes += arrival_warnings
    notes += outcome.instance.warnings[len(instance.warnings) :]
    return WhatIfResult(outcome, tuple(notes))


def _supervisors_leaving(
    instance: Instance, from_dir: Path, withdraw: Iterable[str], lang: Lang
) -> list[str]:
    """Supervisors withdrawn by this what-if and by the earlier ones ``from_dir`` records.

    Raises
    ------
    UsageError
        An id naming no supervisor, or supervisors withdrawn from an instance without any.
    """
    import json

    from matcher.labels import label

    asked = list(dict.fromkeys(withdraw))
    if instance.supervisors is None:
        if asked:
            raise UsageError(label("plan_no_file", lang, instance=instance.name))
        return []
    known = {s.id for s in instance.supervisors}
    for ident in asked:
        if ident not in known:
            raise UsageError(label("plan_unknown_supervisor", lang, id=ident))
    earlier: list[str] = []
    try:
        summary = json.loads((from_dir / "summary.json").read_text(encoding="utf-8"))
        recorded = summary.get("plan", {}).get("withdrawn_supervisors", [])
        earlier = [str(x) for x in recorded if str(x) in known]
    except (OSError, ValueError, AttributeError):
        earlier = []
    return list(dict.fromkeys([*earlier, *asked]))
