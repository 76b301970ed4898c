"""`matcher select`: stage 1, choose the commissions and rank the reserves."""

from __future__ import annotations

from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, SolveFailure, common_options, guarded, out_option
from matcher.outputs.progress import print_summary
from matcher.outputs.writers import check_out_dir, write_outputs
from matcher.results import RunOutcome


@main.command("select")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@out_option("Folder for selection.csv, summary.json, report.html and result.xlsx.")
@common_options
@guarded
def select_command(instance: Path, out_dir: Path, opts: CommonOptions) -> None:
    """Stage 1: choose the commissions among the proposals of INSTANCE.

    Every proposal gets a row in selection.csv: eligible or not, selected or not, its
    rank on the reserve list, and the reason in a short sentence.
    """
    # The engines import OR-Tools (and pandas): only commands that solve pay for it.
    from matcher.selection import select_commissions

    # Refuse a bad --out before spending the time limit.
    check_out_dir(out_dir, instance)
    cohort = opts.load(instance, require={"commissions"})
    result = select_commissions(cohort, opts.solve_params(cohort.settings))
    if not result.stage.solved:
        raise SolveFailure("selection", result.stage)
    outcome = RunOutcome(instance=cohort, settings=cohort.settings, selection=result)
    write_outputs(out_dir, outcome, instance_dir=instance, lang=opts.lang)
    print_summary(outcome, opts)
