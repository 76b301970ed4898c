"""Output folder writing: every file produced in a staging folder, then moved in at once."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from matcher import __version__
from matcher.errors import RequestError
from matcher.labels import Lang
from matcher.outputs import views
from matcher.outputs.csvwrite import write_csv, yes_no
from matcher.outputs.provenance import settings_in_force, versions
from matcher.results import RunOutcome, SelectionResult, Status, TeamResult

#: Every file a command may write; stale ones from an earlier run are removed.
OUTPUT_FILES = (
    "selection.csv",
    "teams.csv",
    "summary.json",
    "report.html",
    "result.xlsx",
    "changes.csv",
)


def check_out_dir(
    out_dir: Path, instance_dir: Path, *, inputs: Sequence[tuple[str, Path]] = ()
) -> None:
    """Refuse an output folder that is the instance folder or another input folder.

    Parameters
    ----------
    out_dir
        The output folder.
    instance_dir
        The instance folder, or its workbook (then the folder holding it).
    inputs
        Other folders the command reads and must never modify, with the name of the part
        of the request naming them, e.g. ``[("from_dir", previous_dir)]`` for a what-if.

    Raises
    ------
    RequestError
        Worded with ``{out}`` and the names of ``inputs`` as placeholders.
    """
    out = out_dir.resolve()
    source = instance_dir.resolve()
    if source.is_file():
        source = source.parent
    if out == source:
        raise RequestError(
            "{out} {out_dir} is the instance folder; choose another folder", out_dir=out_dir
        )
    for option, folder in inputs:
        if out == folder.resolve():
            raise RequestError(
                "{out} {out_dir} is the {" + option + "} folder, which is never modified; "
                "choose another folder",
                out_dir=out_dir,
            )
    if out.exists() and not out.is_dir():
        raise RequestError("{out} {out_dir} exists and is not a folder", out_dir=out_dir)


def write_selection_csv(path: Path, outcome: RunOutcome) -> None:
    """selection.csv: every proposal with eligibility, selection, reserve rank, reason."""
    assert outcome.selection is not None
    by_id = {c.id: c for c in outcome.instance.commissions}
    rows = []
    for row in outcome.selection.rows:
        commission = by_id[row.id]
        rows.append(
            [
                row.id,
                commission.institution,
                commission.sector,
                commission.problem_type,
                yes_no(row.eligible),
                yes_no(row.selected),
                "" if row.reserve_rank is None else row.reserve_rank,
                row.reason,
            ]
        )
    header = ["id", "institution", "sector", "problem_type", "eligible", "selected"]
    write_csv(path, [*header, "reserve_rank", "reason"], rows)


def write_teams_csv(path: Path, outcome: RunOutcome) -> None:
    """teams.csv: one row per student in students.csv order, with the team's written choice rank
    (empty when the student did not list it) and the student's choices as written."""
    write_csv(path, views.TEAMS_COLUMNS, views.team_rows(outcome, yes_no))


def write_changes_csv(path: Path, outcome: RunOutcome) -> None:
    """changes.csv: every student whose team changed in a what-if (empty cell: none)."""
    assert outcome.changes is not None
    rows: list[list[Any]] = [list(row) for row in outcome.changes.rows]
    write_csv(path, ["student_id", "from_commission", "to_commission"], rows)


def _stage(result: SelectionResult | TeamResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    stage = result.stage
    return {
        "status": str(stage.status),
        "time_s": round(stage.time_s, 3),
        "proven_optimal": stage.status == Status.OPTIMAL,
        # A selection read from a file (assign, whatif) is kept, not optimised here.
        "given": views.is_given(stage),
        "objectives": [
            {"name": o.name, "value": o.value, "bound": o.bound, "sense": o.sense}
            for o in stage.objectives
        ],
    }


def summary_dict(outcome: RunOutcome) -> dict[str, Any]:
    """The summary.json content (contract §3), keys in a fixed order.

    Only ``time_s`` differs between two runs with the same input, seed and workers.
    """
    summary: dict[str, Any] = {
        "matcher_version": __version__,
        "instance": outcome.instance.name,
        "seed": outcome.settings.solver.seed,
        "settings": settings_in_force(outcome),
        "versions": versions(),
    }
    if outcome.selection is not None:
        summary["selection"] = _stage(outcome.selection)
        summary["selection"]["selected"] = list(outcome.selection.selected_ids)
        summary["selection"]["reserves"] = list(outcome.selection.reserve_ids)
    if outcome.teams is not None:
        summary["teams"] = _stage(outcome.teams)
        summary["teams"]["commissions"] = list(outcome.teams.commission_ids)
    summary["metrics"] = views.metrics(outcome)
    if outcome.changes is not None:
        changes = outcome.changes
        # moves and replaced describe this what-if; the rest is cumulative since the
        # original result, so that check and a chained whatif can rebuild the cohort
        # (matcher.whatif.cohort_of_result). Empty lists are left out: absent means none.
        cumulative: dict[str, list[Any]] = {
            "withdrawn_commissions": list(changes.withdrawn_commissions),
            "unreplaced": list(changes.unreplaced),
            "withdrawn_students": list(changes.withdrawn_students),
            "added_students": [s.model_dump(mode="json") for s in changes.added_students],
        }
        summary["changes"] = {
            "moves": changes.moves,
            "replaced": dict(changes.replaced),
            **{key: value for key, value in cumulative.items() if value},
        }
    if outcome.instance.warnings:
        summary["warnings"] = list(outcome.instance.warnings)
    return summary


def write_summary_json(path: Path, outcome: RunOutcome) -> None:
    """summary.json, keys in a stable order for byte-identical reruns (but for ``time_s``)."""
    text = json.dumps(summary_dict(outcome), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


Writer = Callable[[Path, RunOutcome, Lang], None]


def _plain(writer: Callable[[Path, RunOutcome], None]) -> Writer:
    """A writer whose file has no labels (CSV and JSON keep the contract's English keys)."""

    def write(path: Path, outcome: RunOutcome, lang: Lang) -> None:
        del lang
        writer(path, outcome)

    return write


def _write_report(path: Path, outcome: RunOutcome, lang: Lang) -> None:
    from matcher.outputs.report import render_report

    path.write_text(render_report(outcome, lang), encoding="utf-8")


def _write_workbook(path: Path, outcome: RunOutcome, lang: Lang) -> None:
    from matcher.outputs.workbook import write_workbook

    write_workbook(path, outcome, lang)


def _writers(outcome: RunOutcome) -> dict[str, Writer]:
    writers: dict[str, Writer] = {}
    if outcome.selection is not None:
        writers["selection.csv"] = _plain(write_selection_csv)
    if outcome.teams is not None:
        writers["teams.csv"] = _plain(write_teams_csv)
    if outcome.changes is not None:
        writers["changes.csv"] = _plain(write_changes_csv)
    writers["summary.json"] = _plain(write_summary_json)
    writers["report.html"] = _write_report
    writers["result.xlsx"] = _write_workbook
    return writers


def _umask() -> int:
    """The process's file-creation mask (read by setting it, then restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_outputs(
    out_dir: Path,
    outcome: RunOutcome,
    *,
    instance_dir: Path,
    lang: Lang = "en",
    inputs: Sequence[tuple[str, Path]] = (),
) -> list[Path]:
    """Write every output of ``outcome`` into ``out_dir``, completely or not at all.

    Files are produced in a staging folder beside ``out_dir``; only when all are written
    are they moved in: a new ``out_dir`` is the staging folder renamed (one atomic step);
    into an existing one each file is moved (each move atomic) and outputs of earlier runs
    that this run does not produce are removed, so the folder never mixes two runs. ``inputs`` are
    other folders read by the command (see ``check_out_dir``).
    """
    check_out_dir(out_dir, instance_dir, inputs=inputs)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".matcher-", dir=parent))
    try:
        for name, writer in _writers(outcome).items():
            writer(staging / name, outcome, lang)
        produced = [out_dir / name for name in OUTPUT_FILES if (staging / name).exists()]
        if not out_dir.exists():
            # A new folder appears in one rename, with every file already inside.
            staging.chmod(0o777 & ~_umask())
            staging.rename(out_dir)
            return produced
        written = []
        for name in OUTPUT_FILES:
            target = out_dir / name
            if (staging / name).exists():
                (staging / name).replace(target)
                written.append(target)
            elif target.exists():
                target.unlink()
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
