"""`matcher report`: every output for a result edited by hand, as it now stands."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    RuleViolations,
    check_out_beside_result,
    common_options,
    guarded,
    out_option,
    path_arg,
    print_summary,
    result_option,
)
from matcher.cli.explained import no_explain_option, with_explanations
from matcher.cli.saved import settings_carried
from matcher.labels import counted, label, worded

if TYPE_CHECKING:
    from matcher.results import RunOutcome
    from matcher.schemas import Instance


@main.command("report")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@result_option(
    "Folder of the result (selection.csv and/or teams.csv, or an edited result.xlsx), "
    "or that result.xlsx itself; never modified."
)
@out_option("New folder for the outputs (not INSTANCE, not --result).")
@no_explain_option
@common_options
@guarded
def report_command(
    instance_path: Path, result_dir: Path, out_dir: Path, no_explain: bool, opts: CommonOptions
) -> None:
    """Write every output (selection.csv, teams.csv, summary.json, report.html, result.xlsx)
    for the result in --result as it now stands, e.g. after moving students by hand.

    Every metric is recomputed; each priority is shown beside the solver's value (from the
    result's summary.json) so that the cost of an edit shows. A result that breaks rules is
    written all the same, its broken rules listed first in the report, the workbook,
    summary.json ("broken_rules") and on the terminal: then the exit status is 3. A result
    keeping every rule is explained (explanations.csv, as matcher explain answers) within
    --time-limit, unless --no-explain.
    """
    from matcher.outputs.progress import priority_lines

    inputs = check_out_beside_result(out_dir, instance_path, result_dir, given=opts.given())
    from matcher.loading.results import holds_teams, result_files

    # A `select` result (selection.csv, a workbook without a Students sheet) is checked
    # without students.csv, as `select` made it (probe s26: the workbench saves one for a
    # cohort without students, and check refused it for the missing file).
    teams = holds_teams(result_files(result_dir))
    required = ("students",) if teams else ("commissions",)
    instance = opts.load(instance_path, require=required, result=result_dir)
    started = time.perf_counter()
    outcome = app.report(instance, result_dir, opts.lang)
    outcome = _explained(outcome, instance, result_dir, started, no_explain, opts)
    app.write_outputs(
        out_dir,
        outcome,
        instance_dir=instance_path,
        lang=opts.lang,
        inputs=inputs,
        texts=settings_carried(opts.settings_file, result_dir),
    )
    edited = outcome.edited
    assert edited is not None
    said = [] if opts.quiet else list(outcome.instance.warnings[len(instance.warnings) :])
    for warning in said:
        click.echo(label("warn_prefix", opts.lang, message=worded(warning, opts.lang)), err=True)
    if edited.broken_rules:
        click.echo(counted("check_broken", len(edited.broken_rules)).words(opts.lang), err=True)
        for rule in edited.broken_rules:
            click.echo(f"  - {rule}", err=True)
    # What reading the result warned about was said just above: not listed again (probe s27).
    print_summary(outcome, opts, said=said)
    from matcher.outputs.views import edit_heading

    lines = priority_lines(edited.priorities, opts.lang, len(outcome.instance.students))
    if lines:
        opts.say("")
        opts.say(label(edit_heading(edited.priorities) or "section_edit_cost", opts.lang))
        for line in lines:
            opts.say(line)
    opts.say(label("report_written", opts.lang, out=out_dir))
    if edited.broken_rules:
        raise RuleViolations(len(edited.broken_rules))


def _explained(
    outcome: RunOutcome,
    instance: Instance,
    result_dir: Path,
    started: float,
    no_explain: bool,
    opts: CommonOptions,
) -> RunOutcome:
    """``outcome`` with the explanations ``matcher explain --result`` gives (contract §9:
    the report and the workbook show each student's; probe s31f: ``report`` wrote none,
    so its page could never match ``explain`` on it), as ``run`` explains within its limit
    (``with_explanations``): a result keeping every rule, of at most 200 students, unless
    ``--no-explain``; within this command's limit (``--time-limit``, else the settings'),
    not the one the result recorded (probe s31g: ``--time-limit 1`` explained for 31 s)."""
    edited = outcome.edited
    if outcome.teams is None or (edited is not None and edited.broken_rules):
        return outcome

    def explainer(
        outcome: RunOutcome, budget: float, told: Callable[[int, int], None] | None
    ) -> RunOutcome:
        if len(outcome.instance.students) > app.EXPLAIN_MAX_STUDENTS:
            return outcome  # as app.explain_step
        found = app.explain(instance, result_dir, on_answer=told, budget=budget)
        return replace(outcome, explanations=tuple(found.explanations))

    return with_explanations(
        outcome, started, no_explain, opts, timed=instance, explainer=explainer
    )
