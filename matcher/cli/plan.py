"""`matcher plan`: stage 3, a supervisor per team and the calendar of visits and orals."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import CommonOptions, common_options, guarded, out_option
from matcher.errors import UsageError
from matcher.labels import label, text


@main.command("plan")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--result",
    "result_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A result folder (from `matcher run` or `assign`): its teams.csv, or its selection.",
)
@out_option("Folder for supervision.csv, schedule.csv, calendar.ics and summary.json.")
@common_options
@guarded
def plan_command(instance: Path, result_dir: Path, out_dir: Path, opts: CommonOptions) -> None:
    """Stage 3: choose a supervisor for each team of --result and schedule every visit and
    oral defence, under the [supervision] and [calendar] settings and INSTANCE's
    supervisors.csv (accompagnateurs.csv).
    """
    from matcher.loading import read_selection, read_teams
    from matcher.outputs.writers import check_out_dir
    from matcher.planning import (
        find_supervisors,
        plan_teams,
        read_supervisors,
        write_plan_outputs,
    )

    inputs = [("result_dir", result_dir)]
    check_out_dir(out_dir, instance, inputs=inputs)
    source = find_supervisors(instance)
    if source is None:
        raise UsageError(text("cli_no_supervisors", instance=instance))
    supervisors = read_supervisors(source)
    cohort = opts.load(instance)
    teams_file = result_dir / "teams.csv"
    selection_file = result_dir / "selection.csv"
    members: dict[str, list[str]] = {}
    if teams_file.is_file():
        assignment = read_teams(teams_file, cohort)
        names = {s.id: s.display_name for s in cohort.students}
        for student, commission in assignment.items():
            members.setdefault(commission, []).append(names.get(student, student))
        team_ids = [c.id for c in cohort.commissions if c.id in members]
    elif selection_file.is_file():
        commissions, rows = read_selection(selection_file, cohort)
        cohort = cohort.model_copy(update={"commissions": commissions})
        team_ids = [row.id for row in rows if row.selected]
    else:
        raise UsageError(text("cli_no_result_files", folder=result_dir))
    params = app.solve_params(cohort.settings, opts.progress())
    result = plan_teams(cohort, team_ids, supervisors, params, opts.lang)
    if not result.stage.solved:
        raise app.SolveFailed("plan", result.stage)
    write_plan_outputs(
        out_dir,
        result,
        cohort,
        instance_dir=instance,
        lang=opts.lang,
        members=members,
        inputs=inputs,
    )
    objectives = ", ".join(f"{o.name} {o.value}" for o in result.stage.objectives)
    status = result.stage.status
    opts.say(label("cli_plan_done", opts.lang, status=status, objectives=objectives, out=out_dir))
