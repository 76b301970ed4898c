"""`matcher assign`: stage 2, form the teams of the commissions marked selected in a file."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    common_options,
    guarded,
    out_option,
    path_arg,
    print_summary,
    say_plan_stopped,
)
from matcher.cli.explained import no_explain_option, with_explanations
from matcher.cli.paths import none_replaced
from matcher.cli.started import command_started
from matcher.results import RunOutcome


@main.command("assign")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@click.option(
    "--selection",
    "selection_file",
    required=True,
    type=path_arg(exists=True, dir_okay=False),
    help=(
        "A selection.csv (from `matcher select`, possibly edited), or a result.xlsx (its "
        "Selection sheet): its selected commissions."
    ),
)
@out_option("Folder for teams.csv, selection.csv, summary.json, report.html and result.xlsx.")
@no_explain_option
@common_options
@guarded
def assign_command(
    instance_path: Path,
    selection_file: Path,
    out_dir: Path,
    no_explain: bool,
    opts: CommonOptions,
) -> RunOutcome:
    """Stage 2: form one team per commission marked selected in the --selection file.

    Every student of INSTANCE joins exactly one team; the priorities of [teams] in
    settings.toml are optimised in order and the summary says whether each was proven
    optimal.
    """
    started = command_started()
    # The --selection folder is read, never written: refuse it as --out too.
    inputs = [("selection_file", selection_file.parent)]
    app.check_out_dir(out_dir, instance_path, inputs=inputs)
    none_replaced(out_dir, opts.given())
    instance = opts.load(instance_path, require={"students"})
    progress = opts.progress(instance, started)
    outcome = app.assign(instance, selection_file, progress, opts.lang, started)
    outcome = with_explanations(outcome, started, no_explain, opts)
    app.write_outputs(out_dir, outcome, instance_dir=instance_path, lang=opts.lang, inputs=inputs)
    print_summary(outcome, opts)
    say_plan_stopped(outcome, opts, instance_path, out_dir)
    return outcome
