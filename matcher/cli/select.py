"""`matcher select`: stage 1, choose the commissions and rank the reserves."""

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
)
from matcher.cli.started import command_started
from matcher.results import RunOutcome


@main.command("select")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@out_option("Folder for selection.csv, summary.json, report.html and result.xlsx.")
@common_options
@guarded
def select_command(instance_path: Path, out_dir: Path, opts: CommonOptions) -> RunOutcome:
    """Stage 1: choose the commissions among the proposals of INSTANCE.

    Every proposal gets a row in selection.csv: eligible or not, selected or not, its
    rank on the reserve list, and the reason in a short sentence.
    """
    # The limit counts from the moment the command was typed: start-up and loading too.
    started = command_started()
    # Refuse a bad --out before spending the time limit.
    check_out_dir(out_dir, instance_path, given=opts.given())
    instance = opts.load(instance_path, require={"commissions"})
    outcome = app.select(instance, opts.progress(instance, started), started=started)
    app.write_outputs(out_dir, outcome, instance_dir=instance_path, lang=opts.lang)
    print_summary(outcome, opts)
    return outcome
