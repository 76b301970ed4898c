"""`matcher assign`: stage 2, form the teams of the commissions marked selected in a file."""

from __future__ import annotations

from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, SolveFailure, common_options, guarded, out_option
from matcher.loading import read_selection
from matcher.progress import print_summary
from matcher.results import RunOutcome, SelectionResult, StageResult
from matcher.verify_selection import require_selection_rules
from matcher.writers import check_out_dir, write_outputs


@main.command("assign")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--selection",
    "selection_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A selection.csv (from `matcher select`, possibly edited): its selected commissions.",
)
@out_option("Folder for teams.csv, selection.csv, summary.json, report.html and result.xlsx.")
@common_options
@guarded
def assign_command(
    instance: Path, selection_file: Path, out_dir: Path, opts: CommonOptions
) -> None:
    """Stage 2: form one team per commission marked selected in the --selection file.

    Every student of INSTANCE joins exactly one team; the priorities of [teams] in
    settings.toml are optimised in order and the summary says whether each was proven
    optimal.
    """
    # The engines import OR-Tools (and pandas): only commands that solve pay for it.
    from matcher.teams import form_teams

    check_out_dir(out_dir, instance, inputs=[("--selection", selection_file.parent)])
    cohort = opts.load(instance, require={"students"})
    commissions, rows = read_selection(selection_file, cohort)
    settings = cohort.settings
    cohort = cohort.model_copy(update={"commissions": commissions})
    commission_ids = tuple(row.id for row in rows if row.selected)
    require_selection_rules(cohort, commission_ids, selection_file, opts.lang)
    params = opts.solve_params(settings)
    teams = form_teams(cohort, commission_ids, params)
    if not teams.stage.solved:
        raise SolveFailure("teams", teams.stage)
    # The selection was given, not optimised here: nothing is claimed about its optimality.
    selection = SelectionResult(StageResult.from_file(), rows)
    outcome = RunOutcome(instance=cohort, settings=settings, selection=selection, teams=teams)
    write_outputs(
        out_dir,
        outcome,
        instance_dir=instance,
        lang=opts.lang,
        inputs=[("--selection", selection_file.parent)],
    )
    print_summary(outcome, opts)
