"""`matcher check`: does a result, possibly edited by hand in a spreadsheet, keep every rule?"""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    RuleViolations,
    echo,
    guarded,
    path_arg,
    print_metrics,
    reading_options,
    result_option,
)
from matcher.labels import counted, label, worded


@main.command("check")
@click.argument(
    "instance_path",
    metavar="INSTANCE",
    type=path_arg(exists=True),
)
@result_option(
    "Folder holding selection.csv and/or teams.csv, or result.xlsx (e.g. edited in a "
    "spreadsheet), or that result.xlsx itself."
)
@reading_options
@guarded
def check_command(instance_path: Path, result_dir: Path, opts: CommonOptions) -> None:
    """Check a result against every rule of INSTANCE and print its metrics.

    Exit 0 when every rule holds; exit 3 listing each broken rule (with student and
    commission ids) otherwise. Nothing is written.
    """
    from matcher.loading.results import holds_teams, result_files
    from matcher.outputs.progress import priority_lines

    # A `select` result (selection.csv, a workbook without a Students sheet) is checked
    # without students.csv, as `select` made it (probe s26: the workbench saves one for a
    # cohort without students, and check refused it for the missing file).
    teams = holds_teams(result_files(result_dir))
    required = ("students",) if teams else ("commissions",)
    instance = opts.load(instance_path, require=required, result=result_dir)
    report = app.check(instance, result_dir)
    for warning in () if opts.quiet else report.warnings:
        click.echo(label("warn_prefix", opts.lang, message=worded(warning, opts.lang)), err=True)
    colon = label("colon", opts.lang)
    opts.say(f"{label('instance', opts.lang)}{colon}{instance.name} · {result_dir}")
    # The experience priority in years over the students of the result, as its report
    # says it (a what-if's withdrawals and arrivals counted), not the files' cohort.
    students = report.metrics.get("teams", {}).get("students", len(instance.students))
    for line in priority_lines(report.priorities, opts.lang, students):
        opts.say(line)
    print_metrics(report.metrics, opts)
    if report.violations:
        click.echo(counted("check_broken", len(report.violations)).words(opts.lang), err=True)
        for violation in report.violations:
            echo(f"  - {worded(violation, opts.lang)}", err=True)
        raise RuleViolations(len(report.violations))
    opts.say(label("check_ok", opts.lang))
