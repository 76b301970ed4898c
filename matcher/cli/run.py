"""`matcher run`: both stages, the commissions then the teams."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, SolveFailure, common_options, guarded, out_option
from matcher.outputs.progress import print_summary
from matcher.outputs.writers import check_out_dir, write_outputs
from matcher.results import RunOutcome


@main.command("run")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@out_option("Folder for selection.csv, teams.csv, summary.json, report.html and result.xlsx.")
@common_options
@guarded
def run_command(instance: Path, out_dir: Path, opts: CommonOptions) -> None:
    """Both stages: choose the commissions of INSTANCE, then form their teams.

    The time limit covers both stages: the teams get whatever the selection leaves.
    """
    # The engines import OR-Tools (and pandas): only commands that solve pay for it.
    from matcher.selection import select_commissions
    from matcher.teams import form_teams

    check_out_dir(out_dir, instance)
    cohort = opts.load(instance, require={"commissions", "students"})
    settings = cohort.settings
    params = opts.solve_params(settings)
    start = time.perf_counter()
    selection = select_commissions(cohort, params)
    if not selection.stage.solved:
        raise SolveFailure("selection", selection.stage)
    # Whatever the selection left of the budget; a sliver at least, so a hard time limit
    # still yields an honest "no solution within the time limit" rather than a crash.
    remaining = max(params.time_limit - (time.perf_counter() - start), 0.05)
    teams = form_teams(cohort, selection.selected_ids, replace(params, time_limit=remaining))
    if not teams.stage.solved:
        raise SolveFailure("teams", teams.stage)
    outcome = RunOutcome(instance=cohort, settings=settings, selection=selection, teams=teams)
    write_outputs(out_dir, outcome, instance_dir=instance, lang=opts.lang)
    print_summary(outcome, opts)
