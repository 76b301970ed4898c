"""`matcher plan`: stage 3, a supervisor per team and the calendar of visits and orals."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    check_out_beside_result,
    common_options,
    guarded,
    out_option,
    path_arg,
    print_summary,
    result_option,
)
from matcher.cli.saved import settings_carried
from matcher.cli.started import command_started
from matcher.labels import label, worded
from matcher.results import RunOutcome


@main.command("plan")
@click.argument("instance", type=path_arg(exists=True))
@result_option(
    "A result folder (from `matcher run` or `assign`): its teams.csv, or its selection "
    "(or an edited result.xlsx); or that result.xlsx itself."
)
@out_option(
    "Folder for supervision.csv, schedule.csv, calendar.ics, summary.json, report.html and "
    "result.xlsx."
)
@common_options
@guarded
def plan_command(
    instance: Path, result_dir: Path, out_dir: Path, opts: CommonOptions
) -> RunOutcome:
    """Stage 3: choose a supervisor for each team of --result and schedule every visit and
    oral defence, under the [supervision] and [calendar] settings and INSTANCE's
    supervisors.csv (accompagnateurs.csv).
    """
    started = command_started()
    inputs = check_out_beside_result(out_dir, instance, result_dir, given=opts.given())
    # The settings the workbench saved beside the result, as check and report take them
    # (probe s35b: plan checked a saved board under the files' sizes, and its output, with
    # no settings.toml, was refused by check).
    cohort = opts.load(instance, result=result_dir)
    outcome = app.plan(cohort, result_dir, opts.progress(cohort, started), opts.lang, started)
    texts = settings_carried(opts.settings_file, result_dir)
    app.write_outputs(
        out_dir, outcome, instance_dir=instance, lang=opts.lang, inputs=inputs, texts=texts
    )
    # Reading the result (teams.csv and result.xlsx differ; teams breaking rules) is said.
    said = [] if opts.quiet else list(outcome.instance.warnings[len(cohort.warnings) :])
    for warning in said:
        click.echo(label("warn_prefix", opts.lang, message=worded(warning, opts.lang)), err=True)
    print_summary(outcome, opts, said=said)  # not listed twice (probe s27)
    return outcome
