"""`matcher explain`: why each student is not on a better choice, and what granting it costs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, RuleViolations, common_options, guarded
from matcher.errors import UsageError
from matcher.schemas import Instance


def _proven_optimal(
    result_dir: Path, instance: Instance, team_ids: tuple[str, ...], assignment: dict[str, str]
) -> bool:
    """Whether DIR/summary.json records these very teams as proven optimal.

    The teams' status is OPTIMAL and every priority recorded, in the order of the settings
    in force, has the value recomputed from teams.csv (an edit, or other settings, shows as
    a difference). A missing or damaged summary only means the longer, general path.
    """
    from matcher.verify.teams import team_objectives

    try:
        summary = json.loads((result_dir / "summary.json").read_text(encoding="utf-8"))
        teams = summary["teams"]
        recorded = [(o["name"], int(o["value"])) for o in teams["objectives"]]
        status = teams["status"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    values = team_objectives(instance, team_ids, assignment)
    expected = [(name, values[name]) for name in instance.settings.teams.priorities]
    return status == "OPTIMAL" and recorded == expected


@main.command("explain")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--result",
    "result_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the result's selection.csv and teams.csv (never modified).",
)
@click.option(
    "--student",
    "student_ids",
    multiple=True,
    metavar="ID",
    help="Explain only this student (repeatable; default: every student).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write explanations.csv into (default: only print).",
)
@common_options
@guarded
def explain_command(
    instance_path: Path,
    result_dir: Path,
    student_ids: tuple[str, ...],
    out_dir: Path | None,
    opts: CommonOptions,
) -> None:
    """Why each student with choices is not on a better one of them, and what it would cost.

    For every choice a student ranked better than their team: impossible (a rule forbids
    it, named), free (an equally good result grants it; who moves), costs (the first
    priority that gets worse, from its value to the value with the wish granted, and how
    many others move), or unknown (not proven within --time-limit, per solve). --workers
    answers that many wishes in parallel processes.
    """
    from matcher.explain import explain, explanation_lines, write_explanations_csv
    from matcher.loading import read_selection, read_teams
    from matcher.outputs.writers import check_out_dir
    from matcher.verify.teams import team_violations
    from matcher.whatif import cohort_of_result
    from models.outcome import SolveParams

    instance = opts.load(instance_path, require=("students",))
    instance, _ = cohort_of_result(instance, result_dir)
    teams_file = result_dir / "teams.csv"
    if not teams_file.is_file():
        raise UsageError(f"{result_dir} holds no teams.csv: there are no teams to explain")
    if out_dir is not None:
        check_out_dir(out_dir, instance_path, inputs=[("result_dir", result_dir)])
    assignment = read_teams(teams_file, instance)
    selection_file = result_dir / "selection.csv"
    if selection_file.is_file():
        commissions, rows = read_selection(selection_file, instance)
        if not instance.commissions:
            instance = instance.model_copy(update={"commissions": commissions})
        team_ids = tuple(row.id for row in rows if row.selected)
    else:
        used = dict.fromkeys(assignment.values())
        known = [c.id for c in instance.commissions if c.id in used]
        team_ids = tuple(known + [cid for cid in used if cid not in known])
    known_ids = {s.id for s in instance.students}
    unknown = [i for i in student_ids if i not in known_ids]
    if unknown:
        raise UsageError(f"--student {', '.join(unknown)}: not a student of the cohort")
    violations = team_violations(instance, team_ids, assignment)
    if violations:
        click.echo(
            f"error: the result breaks {len(violations)} rule(s); explanations need a result "
            "that keeps every rule (see matcher check):",
            err=True,
        )
        for violation in violations:
            click.echo(f"  - {violation}", err=True)
        raise RuleViolations(len(violations))
    settings = instance.settings.solver
    workers = settings.workers
    params = SolveParams(
        time_limit=settings.time_limit,
        seed=settings.seed,
        # Parallel processes, one CP-SAT worker each.
        workers=1,
    )
    explanations = explain(
        instance,
        team_ids,
        assignment,
        params,
        students=student_ids or None,
        workers=workers,
        optimal=_proven_optimal(result_dir, instance, team_ids, assignment),
    )
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_explanations_csv(out_dir / "explanations.csv", explanations, opts.lang)
    if not opts.quiet:
        for line in explanation_lines(instance, explanations, opts.lang):
            click.echo(line)
