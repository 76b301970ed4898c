"""`matcher whatif`: re-solve after a withdrawal or an arrival with the fewest moves."""

from __future__ import annotations

from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, SolveFailure, common_options, guarded, out_option
from matcher.errors import UsageError
from matcher.loading import read_arrivals, read_selection, read_teams
from matcher.progress import print_summary
from matcher.verify_selection import require_selection_rules
from matcher.writers import check_out_dir, write_outputs


@main.command("whatif")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--from",
    "from_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the previous result (selection.csv, and teams.csv once teams exist); "
    "never modified.",
)
@out_option("New folder for the outputs plus changes.csv (not INSTANCE, not --from).")
@click.option(
    "--withdraw-commission",
    "withdraw_commissions",
    multiple=True,
    metavar="ID",
    help="A selected commission whose institution withdraws (repeatable).",
)
@click.option(
    "--withdraw-student",
    "withdraw_students",
    multiple=True,
    metavar="ID",
    help="A student who leaves the cohort (repeatable).",
)
@click.option(
    "--add-students",
    "add_students",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file of arriving students, with the columns of students.csv and new ids.",
)
@click.option(
    "--no-replace",
    is_flag=True,
    help="Do not replace a withdrawn commission by a reserve: its students join the other teams.",
)
@common_options
@guarded
def whatif_command(
    instance: Path,
    from_dir: Path,
    out_dir: Path,
    withdraw_commissions: tuple[str, ...],
    withdraw_students: tuple[str, ...],
    add_students: Path | None,
    no_replace: bool,
    opts: CommonOptions,
) -> None:
    """Re-solve the result in --from after the changes given, with the fewest moves.

    A withdrawn commission is replaced by the best reserve that keeps every rule (the team
    keeps all its members); with --no-replace, or when no reserve fits, its students join
    the other teams. Students who withdraw or arrive leave the others in place unless the
    rules force moves. The first priority is the number of moves (students of a team that
    still exists who change team), then the usual priorities. Writes the usual outputs plus
    changes.csv into --out. summary.json records the withdrawals and arrivals since the
    original result, so --from may be the output of an earlier what-if.
    """
    # The engines import OR-Tools (and pandas): only commands that solve pay for it.
    from matcher.whatif import WhatIf, apply_changes, cohort_of_result

    if not (withdraw_commissions or withdraw_students or add_students):
        raise UsageError(
            "no change given: use --withdraw-commission, --withdraw-student or --add-students"
        )
    inputs = [("--from", from_dir)]
    check_out_dir(out_dir, instance, inputs=inputs)
    if from_dir.resolve() in out_dir.resolve().parents:
        # Writing there would add a folder (and a staging folder) to a result kept as is.
        raise UsageError(f"--out {out_dir} lies inside the --from folder, which is never modified")
    selection_file = from_dir / "selection.csv"
    teams_file = from_dir / "teams.csv"
    if not selection_file.is_file():
        raise UsageError(f"--from {from_dir} holds no selection.csv (the previous result)")
    needs_students = teams_file.is_file() or bool(withdraw_students) or add_students is not None
    cohort = opts.load(instance, require={"students"} if needs_students else set())
    # A what-if result records its changes: start from the cohort it was made for.
    cohort, recorded = cohort_of_result(cohort, from_dir)
    commissions, rows = read_selection(selection_file, cohort)
    settings = cohort.settings
    cohort = cohort.model_copy(update={"commissions": commissions})
    selected = tuple(row.id for row in rows if row.selected)
    require_selection_rules(cohort, selected, selection_file, opts.lang)
    previous = read_teams(teams_file, cohort) if teams_file.is_file() else None
    arrivals = read_arrivals(add_students, cohort) if add_students is not None else ()
    changes = WhatIf(
        withdraw_commissions=tuple(dict.fromkeys(withdraw_commissions)),
        withdraw_students=tuple(dict.fromkeys(withdraw_students)),
        add_students=arrivals,
        replace=not no_replace,
    )
    params = opts.solve_params(settings)
    outcome = apply_changes(cohort, rows, previous, changes, params, recorded)
    if outcome.teams is not None and not outcome.teams.stage.solved:
        raise SolveFailure("teams", outcome.teams.stage)
    write_outputs(out_dir, outcome, instance_dir=instance, lang=opts.lang, inputs=inputs)
    for note in outcome.instance.warnings[len(cohort.warnings) :]:
        click.echo(f"warning: {note}", err=True)
    print_summary(outcome, opts)
