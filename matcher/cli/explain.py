"""`matcher explain`: why each student is not on a better choice, and what granting it costs."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    RuleViolations,
    common_options,
    guarded,
    result_option,
)
from matcher.labels import counted, worded


@main.command("explain")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(exists=True, path_type=Path))
@result_option(
    "Folder holding the result's selection.csv and teams.csv (or an edited result.xlsx), "
    "or that result.xlsx itself; never modified."
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
    from matcher.explain import explanation_lines, write_explanations_csv

    if out_dir is not None:
        app.check_out_dir(out_dir, instance_path, inputs=[("result_dir", result_dir)])
    instance = opts.load(instance_path, require=("students",))
    found = app.explain(instance, result_dir, student_ids)
    if found.violations:
        n = len(found.violations)
        click.echo(counted("explain_result_broken", n).words(opts.lang), err=True)
        for violation in found.violations:
            click.echo(f"  - {worded(violation, opts.lang)}", err=True)
        raise RuleViolations(len(found.violations))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_explanations_csv(out_dir / "explanations.csv", found.explanations, opts.lang)
    if not opts.quiet:
        lines = explanation_lines(
            found.instance,
            found.explanations,
            opts.lang,
            student_ids,
            found.assignment,
            found.team_ids,
        )
        for line in lines:
            click.echo(line)
