"""Output folder writing: every file produced in a staging folder, then moved in at once."""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from matcher import __version__
from matcher.errors import UsageError
from matcher.results import RunOutcome

#: Every file a command may write; stale ones from an earlier run are removed.
OUTPUT_FILES = (
    "selection.csv",
    "teams.csv",
    "summary.json",
    "report.html",
    "result.xlsx",
    "changes.csv",
)


def check_out_dir(out_dir: Path, instance_dir: Path) -> None:
    """Refuse an output folder that is the instance folder (inputs are never touched)."""
    out = out_dir.resolve()
    source = instance_dir.resolve()
    if source.is_file():
        source = source.parent
    if out == source:
        raise UsageError(f"--out {out_dir} is the instance folder; choose another folder")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir} exists and is not a folder")


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


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
                _yes_no(row.eligible),
                _yes_no(row.selected),
                "" if row.reserve_rank is None else row.reserve_rank,
                row.reason,
            ]
        )
    header = ["id", "institution", "sector", "problem_type", "eligible", "selected"]
    _write_csv(path, [*header, "reserve_rank", "reason"], rows)


def summary_dict(outcome: RunOutcome) -> dict[str, Any]:
    """The summary.json content (contract §3)."""

    def stage(result: Any) -> dict[str, Any] | None:
        if result is None:
            return None
        return {
            "status": str(result.stage.status),
            "time_s": round(result.stage.time_s, 3),
            "objectives": [
                {"name": o.name, "value": o.value, "bound": o.bound}
                for o in result.stage.objectives
            ],
        }

    summary: dict[str, Any] = {
        "matcher_version": __version__,
        "instance": outcome.instance.name,
        "seed": outcome.settings.solver.seed,
        "settings": outcome.settings.model_dump(mode="json"),
        "selection": stage(outcome.selection),
        "teams": stage(outcome.teams),
        "metrics": {},
    }
    if outcome.changes is not None:
        summary["changes"] = {
            "moves": outcome.changes.moves,
            "replaced": dict(outcome.changes.replaced),
        }
    return summary


def write_summary_json(path: Path, outcome: RunOutcome) -> None:
    """summary.json, keys in a stable order for byte-identical reruns."""
    text = json.dumps(summary_dict(outcome), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


Writer = Callable[[Path, RunOutcome], None]


def _writers(outcome: RunOutcome) -> dict[str, Writer]:
    writers: dict[str, Writer] = {"summary.json": write_summary_json}
    if outcome.selection is not None:
        writers["selection.csv"] = write_selection_csv
    return writers


def write_outputs(
    out_dir: Path,
    outcome: RunOutcome,
    *,
    instance_dir: Path,
    lang: Literal["en", "fr"] = "en",
) -> list[Path]:
    """Write every output of ``outcome`` into ``out_dir``, completely or not at all.

    Files are produced in a staging folder beside ``out_dir``; only when all are written
    are they moved in (each move is atomic), and outputs of earlier runs that this run
    does not produce are removed so the folder never mixes two runs.
    """
    del lang  # labels arrive with the reports
    check_out_dir(out_dir, instance_dir)
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".matcher-", dir=parent))
    try:
        for name, writer in _writers(outcome).items():
            writer(staging / name, outcome)
        out_dir.mkdir(parents=True, exist_ok=True)
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
