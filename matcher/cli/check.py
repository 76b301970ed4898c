"""`matcher check`: does a result, possibly edited by hand in a spreadsheet, keep every rule?"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, RuleViolations, common_options, guarded
from matcher.errors import UsageError
from matcher.labels import label
from matcher.schemas import Instance


def _team_ids(instance: Instance, assignment: dict[str, str]) -> tuple[str, ...]:
    """Teams named in teams.csv, in commissions.csv order when known, else first appearance."""
    used = dict.fromkeys(assignment.values())
    known = [c.id for c in instance.commissions if c.id in used]
    return tuple(known + [cid for cid in used if cid not in known])


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: broken rules, metrics, and each priority's value."""

    violations: list[str]
    metrics: dict[str, dict[str, Any]]
    #: (stage, priority name, value for this result, value in DIR/summary.json or None).
    priorities: list[tuple[str, str, int, int | None]]


def _solver_values(result_dir: Path) -> dict[str, dict[str, int]]:
    """Priority values recorded in DIR/summary.json by the solve, if readable.

    The file only informs (it shows what editing the result cost); a missing or damaged
    one is no reason to refuse the check.
    """
    try:
        summary = json.loads((result_dir / "summary.json").read_text(encoding="utf-8"))
        return {
            stage: {o["name"]: int(o["value"]) for o in summary[stage]["objectives"]}
            for stage in ("selection", "teams")
            if isinstance(summary.get(stage), dict)
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def check_result(instance: Instance, result_dir: Path) -> CheckReport:
    """Broken rules, metrics and priorities of the result in ``result_dir``.

    ``instance`` is the original cohort; a what-if result is held to the cohort recorded in
    its summary.json (``matcher.whatif.cohort_of_result``).

    Raises
    ------
    UsageError
        When the folder holds neither selection.csv nor teams.csv.
    InputError
        When a file cannot be read as a selection or a team list of this instance, or
        summary.json records changes that cannot be read.
    """
    from matcher.loading import read_selection, read_teams
    from matcher.verify.selection import (
        selection_metrics,
        selection_objectives,
        selection_violations,
    )
    from matcher.verify.teams import team_metrics, team_objectives, team_violations
    from matcher.whatif import cohort_of_result

    selection_file = result_dir / "selection.csv"
    teams_file = result_dir / "teams.csv"
    if not selection_file.is_file() and not teams_file.is_file():
        raise UsageError(f"{result_dir} holds neither selection.csv nor teams.csv")
    # A what-if result is checked against the cohort it was made for (its recorded
    # withdrawals and arrivals, one commission fewer per withdrawal not replaced).
    instance, _ = cohort_of_result(instance, result_dir)
    solver = _solver_values(result_dir)
    report = CheckReport([], {}, [])

    def add_priorities(stage: str, names: Iterable[str], values: dict[str, int]) -> None:
        for name in names:
            if name in values:
                recorded = solver.get(stage, {}).get(name)
                report.priorities.append((stage, name, values[name], recorded))

    selected_ids: tuple[str, ...] | None = None
    if selection_file.is_file():
        commissions, rows = read_selection(selection_file, instance)
        if not instance.commissions:
            # No commissions.csv in the instance: the selection file describes the proposals.
            instance = instance.model_copy(update={"commissions": commissions})
        selected_ids = tuple(row.id for row in rows if row.selected)
        report.violations.extend(selection_violations(instance, selected_ids))
        report.metrics["selection"] = dict(selection_metrics(instance, selected_ids))
        add_priorities(
            "selection",
            instance.settings.selection.priorities,
            selection_objectives(instance, selected_ids),
        )
    if teams_file.is_file():
        assignment = read_teams(teams_file, instance)
        team_ids = selected_ids if selected_ids is not None else _team_ids(instance, assignment)
        report.violations.extend(team_violations(instance, team_ids, assignment))
        report.metrics["teams"] = dict(team_metrics(instance, team_ids, assignment))
        add_priorities(
            "teams",
            instance.settings.teams.priorities,
            team_objectives(instance, team_ids, assignment),
        )
    return report


@main.command("check")
@click.argument(
    "instance_path",
    metavar="INSTANCE",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--result",
    "result_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding selection.csv and/or teams.csv (e.g. edited in a spreadsheet).",
)
@common_options
@guarded
def check_command(instance_path: Path, result_dir: Path, opts: CommonOptions) -> None:
    """Check a result against every rule of INSTANCE and print its metrics.

    Exit 0 when every rule holds; exit 3 listing each broken rule (with student and
    commission ids) otherwise. Nothing is written.
    """
    from matcher.outputs.progress import print_metrics, priority_lines

    instance = opts.load(instance_path, require=("students",))
    report = check_result(instance, result_dir)
    opts.say(f"{label('instance', opts.lang)}: {instance.name} · {result_dir}")
    for line in priority_lines(report.priorities, opts.lang):
        opts.say(line)
    print_metrics(report.metrics, opts)
    if report.violations:
        click.echo(label("check_broken", opts.lang, n=len(report.violations)), err=True)
        for violation in report.violations:
            click.echo(f"  - {violation}", err=True)
        raise RuleViolations(len(report.violations))
    opts.say(label("check_ok", opts.lang))
