"""Reading summary.json of a result: what the solve recorded, and a what-if's changes.

summary.json only informs (:mod:`matcher.loading.results` reads the result itself): a
missing or damaged one is no reason to refuse a result, except for the ``changes`` a
what-if records, which define the cohort of the result.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from matcher.errors import InputError, Problem
from matcher.labels import Text, listing, text
from matcher.loading.crossrefs import preview
from matcher.loading.file_bytes import present, read_file_bytes
from matcher.loading.records import refusal
from matcher.results import Changes, ObjectiveResult, StageResult, Status
from matcher.schemas import Instance, SolverSettings, Student

#: The file of a result folder read here.
SUMMARY = "summary.json"


def read_summary(result_dir: Path) -> Any:
    """The JSON object of ``result_dir``/summary.json, or ``None`` when there is none.

    Raises
    ------
    InputError
        When summary.json is there but cannot be read (a folder, a link to nowhere, a
        FIFO …) or is not the JSON object matcher writes (cut short, not UTF-8, nested
        thousands deep): it may record the changes that define the result's cohort, so it
        is never taken as absent (contract §2; probe s28b: a what-if's result whose file
        was cut in half was checked against ten commissions and said broken).
    """
    path = Path(result_dir) / SUMMARY
    if not present(path):
        return None
    data = read_file_bytes(path, SUMMARY)
    try:
        summary = json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as error:
        said = text("sm_damaged", where=text("sm_damaged_at", line=error.lineno))
        raise InputError(Problem(SUMMARY, said)) from None
    except (ValueError, RecursionError):  # not UTF-8, or lists nested thousands deep
        raise InputError(Problem(SUMMARY, text("sm_damaged", where=""))) from None
    if not isinstance(summary, dict):
        raise InputError(Problem(SUMMARY, text("sm_damaged", where=""))) from None
    return summary


#: The largest magnitude a solve records (objective values and bounds are integers, their
#: JSON a float beyond it): a larger one was typed by hand (probe s40h D13: 1e308).
_LARGEST_RECORDED = 2**53


def recorded_number(value: Any) -> int:
    """An objective value or bound of summary.json as an integer; ``ValueError`` for one no
    solve writes (a boolean, a magnitude above 2**53: probe s40h D13, ``true`` shown as 1 and
    1e308 as 309 digits; Infinity), so that it is passed over as NaN is."""
    if isinstance(value, bool):
        raise ValueError(value)
    try:
        number = int(value)
    except OverflowError:  # ``Infinity``, ``1e999`` (probe s40d D4: exit 1)
        raise ValueError(value) from None
    if abs(number) > _LARGEST_RECORDED:
        raise ValueError(value)
    return number


def recorded_objectives(result_dir: Path) -> dict[str, dict[str, int]]:
    """Stage → priority → value, as recorded in ``result_dir``/summary.json by the solve.

    The file only informs (it shows what editing the result cost); a missing or damaged
    one gives no values rather than an error. A summary written for an edited result
    (``matcher report``, or the workbench saving a board moved by hand: it has
    ``"priorities"``) holds the edited values in its stages: the solver's are those it
    carried forward (each priority's ``solver``), so that a result edited twice is still
    compared with the solver's, and a priority without one has none. A stage read from a
    file (``"given": true``) was not solved: no values either.
    """
    summary = read_summary(result_dir)
    if not isinstance(summary, dict):
        return {}
    try:
        if "priorities" in summary:
            carried: dict[str, dict[str, int]] = {}
            for row in summary["priorities"]:
                if row["solver"] is not None:
                    stage = carried.setdefault(str(row["stage"]), {})
                    stage[str(row["name"])] = recorded_number(row["solver"])
            return carried
        return {
            stage: {o["name"]: recorded_number(o["value"]) for o in summary[stage]["objectives"]}
            for stage in ("selection", "teams", "plan")
            if isinstance(summary.get(stage), dict) and summary[stage].get("given") is not True
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        # A value no solve writes (NaN, ``Infinity``, ``true``: ``recorded_number``): no
        # values (probe s40d D4: int() of Infinity ended check, report and explain in exit 1).
        return {}


def _recorded_problem(key: str, message: Text) -> Problem:
    """A problem of the key ``changes.KEY``, worded in the reader's language."""
    return Problem(SUMMARY, message, column=f"changes.{key}")


def _not_among(
    ids: Collection[str],
    known: Collection[str],
    key: str,
    what: str,
    problems: list[Problem],
    file: str = "",
) -> None:
    """A problem naming the recorded ids of ``key`` that are not in ``known``, if any
    (``what``: the label saying what they are not)."""
    unknown = sorted(set(ids) - set(known))
    if unknown:
        problems.append(
            _recorded_problem(key, text(what, ids=preview(unknown, limit=6), file=file))
        )


def _id_list(changes: Mapping[str, Any], key: str, problems: list[Problem]) -> tuple[str, ...]:
    """A recorded list of ids (absent: empty), or a problem naming the key."""
    value = changes.get(key, [])
    if not isinstance(value, list) or not all(isinstance(i, str) and i for i in value):
        problems.append(_recorded_problem(key, text("sm_expect_ids")))
        return ()
    return tuple(value)


def _recorded_arrivals(changes: Mapping[str, Any], problems: list[Problem]) -> list[Student]:
    """The students recorded as arrived (``added_students``), each a students.csv record."""
    records = changes.get("added_students", [])
    added: list[Student] = []
    if not isinstance(records, list):
        problems.append(_recorded_problem("added_students", text("sm_expect_students")))
        records = []
    for number, record in enumerate(records, start=1):
        try:
            added.append(Student.model_validate(record))
        except ValidationError as error:
            # pydantic's own sentences never reach a person (records.refusal).
            where = listing(
                [
                    text(
                        "sm_field_refused",
                        field=".".join(str(part) for part in e["loc"]),
                        refused=refusal(e),
                    )
                    for e in error.errors()
                ],
                joiner="req_semicolon",
            )
            problems.append(
                _recorded_problem(
                    "added_students",
                    text("sm_student_refused", number=number, file="students.csv", where=where),
                )
            )
    return added


def _check_recorded_ids(
    instance: Instance,
    withdrawn: tuple[str, ...],
    unreplaced: tuple[str, ...],
    leaving: tuple[str, ...],
    added: list[Student],
    problems: list[Problem],
) -> None:
    """Recorded ids must name commissions and students of ``instance`` (arrivals: new ids)."""
    _not_among(unreplaced, withdrawn, "unreplaced", "sm_not_withdrawn", problems)
    if instance.commissions:
        proposals = {c.id for c in instance.commissions}
        _not_among(
            withdrawn,
            proposals,
            "withdrawn_commissions",
            "sm_not_proposals",
            problems,
            instance.commissions_file,
        )
    if instance.students:
        student_ids = {s.id for s in instance.students}
        _not_among(
            leaving,
            student_ids,
            "withdrawn_students",
            "sm_not_students",
            problems,
            instance.students_file,
        )
        arrival_ids = [s.id for s in added]
        taken = sorted(
            {
                i
                for i in arrival_ids
                if (i in student_ids and i not in leaving) or arrival_ids.count(i) > 1
            }
        )
        if taken:
            problems.append(
                _recorded_problem(
                    "added_students", text("sm_ids_taken", ids=preview(taken, limit=6))
                )
            )


def _read_changes(changes: Any, instance: Instance) -> Changes:
    """The ``changes`` of a summary.json, checked against the original ``instance``."""
    if not isinstance(changes, dict):
        raise InputError(Problem(SUMMARY, text("sm_expect_object"), column="changes"))
    problems: list[Problem] = []
    moves = changes.get("moves", 0)
    if not isinstance(moves, int) or isinstance(moves, bool) or moves < 0:
        problems.append(_recorded_problem("moves", text("sm_expect_moves")))
        moves = 0
    replaced = changes.get("replaced", {})
    if not isinstance(replaced, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in replaced.items()
    ):
        problems.append(_recorded_problem("replaced", text("sm_expect_replaced")))
        replaced = {}
    withdrawn = _id_list(changes, "withdrawn_commissions", problems)
    unreplaced = _id_list(changes, "unreplaced", problems)
    leaving = _id_list(changes, "withdrawn_students", problems)
    added = _recorded_arrivals(changes, problems)
    _check_recorded_ids(instance, withdrawn, unreplaced, leaving, added, problems)
    if problems:
        raise InputError(problems)
    return Changes(
        moves=moves,
        replaced=dict(replaced),
        withdrawn_commissions=withdrawn,
        unreplaced=unreplaced,
        withdrawn_students=leaving,
        added_students=tuple(added),
    )


def recorded_changes(result_dir: Path, instance: Instance) -> Changes | None:
    """The changes a what-if result records in summary.json since the original ``instance``.

    ``None`` for any other result (no summary.json, a damaged one, no ``changes`` key): its
    files stand alone.

    Raises
    ------
    InputError
        A key of ``changes`` that cannot be read, or ids that do not fit the instance.
    """
    summary = read_summary(result_dir)
    if not isinstance(summary, dict) or "changes" not in summary:
        return None
    return _read_changes(summary["changes"], instance)


def recorded_status(result_dir: Path, stage: str) -> str | None:
    """The status summary.json records for ``stage`` ("OPTIMAL", "FEASIBLE", …), or None
    when the file, the stage or its status is missing or damaged (it only informs)."""
    summary = read_summary(result_dir)
    if not isinstance(summary, dict) or not isinstance(summary.get(stage), dict):
        return None
    status = summary[stage].get("status")
    return status if isinstance(status, str) else None


def recorded_cohort(result_dir: Path) -> str | None:
    """The digest of the cohort and settings the teams in summary.json were solved for
    (``Instance.teams_digest``), or None (no file, or one written before it was recorded)."""
    summary = read_summary(result_dir)
    if not isinstance(summary, dict) or not isinstance(summary.get("teams"), dict):
        return None
    digest = summary["teams"].get("cohort")
    return digest if isinstance(digest, str) else None


def recorded_team_ids(result_dir: Path) -> tuple[str, ...] | None:
    """The commissions the teams in summary.json were solved on (``teams.commissions``), or
    None (no file, or one without them): with ``recorded_cohort``, whether the instance
    read now is still the one the teams were solved for."""
    summary = read_summary(result_dir)
    if not isinstance(summary, dict) or not isinstance(summary.get("teams"), dict):
        return None
    ids = summary["teams"].get("commissions")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    return tuple(ids)


def recorded_locks(result_dir: Path) -> dict[str, str | None]:
    """The workbench's locks the teams in summary.json were solved with (student → the
    commission they were pinned to), or none."""
    summary = read_summary(result_dir)
    teams = summary.get("teams") if isinstance(summary, dict) else None
    locks = teams.get("locks") if isinstance(teams, dict) else None
    if not isinstance(locks, dict):
        return {}
    return {str(k): v if isinstance(v, str) else None for k, v in locks.items()}


def recorded_solver(result_dir: Path) -> SolverSettings | None:
    """The ``[solver]`` settings (seed, workers, time limit) summary.json records for the
    solve that made the result, or None (no file, or a damaged record: it only informs).
    ``report`` writes them again, so that its summary.json and report.html name the seed
    the result was solved with, not the seed of a command that solved nothing."""
    summary = read_summary(result_dir)
    try:
        return SolverSettings.model_validate(summary["settings"]["solver"])
    except (ValueError, KeyError, TypeError):
        return None


def recorded_stage(result_dir: Path, stage: str, values: Mapping[str, int]) -> StageResult | None:
    """The ``stage`` summary.json records (status, time, each priority's value and bound),
    when it still describes the result read back: solved there (not given), and every
    recorded priority at the value recomputed from the result (``values``); else None. The
    caller checks that the cohort and settings are those it was solved for (for the teams,
    ``recorded_cohort``): ``plan`` then carries a proven optimum forward instead of saying
    the teams were given."""
    summary = read_summary(result_dir)
    try:
        record = summary[stage]
        if record.get("given"):
            return None
        status = Status(record["status"])
        objectives = tuple(
            ObjectiveResult(
                str(o["name"]), recorded_number(o["value"]), recorded_number(o["bound"]), o["sense"]
            )
            for o in record["objectives"]
        )
        time_s = float(record["time_s"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    # A what-if's ``moves`` counts against the result it started from, which cannot be
    # recomputed from this one: not carried (its later priorities are, as solved after it;
    # probe s26: a supervisor's withdrawal made such teams "given", with no solver's values).
    objectives = tuple(o for o in objectives if o.name != "moves")
    kept = all(values.get(o.name) == o.value and o.sense in ("min", "max") for o in objectives)
    if status not in (Status.OPTIMAL, Status.FEASIBLE) or not objectives or not kept:
        return None
    return StageResult(status, time_s, objectives)
