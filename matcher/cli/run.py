"""`matcher run`: both stages, the commissions then the teams."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    check_out_dir,
    common_options,
    guarded,
    out_option,
    path_arg,
    print_summary,
    say_plan_stopped,
)
from matcher.cli.explained import no_explain_option, with_explanations
from matcher.cli.started import command_started
from matcher.results import RunOutcome


@main.command("run")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@out_option("Folder for selection.csv, teams.csv, summary.json, report.html and result.xlsx.")
@no_explain_option
@common_options
@guarded
def run_command(
    instance_path: Path, out_dir: Path, no_explain: bool, opts: CommonOptions
) -> RunOutcome:
    """Both stages: choose the commissions of INSTANCE, then form their teams.

    The time limit covers the whole command, from its start to the last file written:
    the teams get whatever the selection leaves. When INSTANCE has supervisors.csv, stage
    3 follows (supervision.csv, schedule.csv, calendar.ics) in what the teams leave, and
    the explanations (explanations.csv, up to 200 students) get what remains, less the
    time kept back for writing.
    """
    # The limit counts from the moment the command was typed: start-up and loading too.
    started = command_started()
    # Refuse a bad --out before spending the time limit.
    check_out_dir(out_dir, instance_path, given=opts.given())
    instance = opts.load(instance_path, require={"commissions", "students"})
    progress = opts.progress(instance, started)
    outcome = with_explanations(
        app.run(instance, progress, opts.lang, started=started), started, no_explain, opts
    )
    app.write_outputs(out_dir, outcome, instance_dir=instance_path, lang=opts.lang)
    print_summary(outcome, opts)
    say_plan_stopped(outcome, opts, instance_path, out_dir)
    return outcome
