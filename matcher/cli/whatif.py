"""`matcher whatif`: re-solve after a withdrawal or an arrival with the fewest moves."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    check_out_dir,
    common_options,
    echo,
    guarded,
    out_option,
    path_arg,
    print_summary,
    say_plan_stopped,
    summary_warnings,
)
from matcher.cli.explained import no_explain_option, with_explanations
from matcher.cli.saved import settings_carried
from matcher.cli.started import command_started
from matcher.errors import UsageError
from matcher.labels import label, text, worded
from matcher.results import RunOutcome


@main.command("whatif")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@click.option(
    "--from",
    "from_dir",
    required=True,
    type=path_arg(exists=True, result=True),
    help="Folder of the previous result (selection.csv, and teams.csv once teams exist, or an "
    "edited result.xlsx), or that result.xlsx itself; never modified.",
)
@out_option("New folder for the outputs plus changes.csv (not INSTANCE, not --from).")
@click.option(
    "--withdraw-commission",
    "withdraw_commissions",
    multiple=True,
    metavar="ID",
    help="A selected commission whose institution withdraws (repeatable, or ids between commas).",
)
@click.option(
    "--withdraw-student",
    "withdraw_students",
    multiple=True,
    metavar="ID",
    help="A student who leaves the cohort (repeatable, or ids between commas).",
)
@click.option(
    "--add-students",
    "add_students",
    type=path_arg(exists=True, dir_okay=False),
    help="A file of arriving students, with the columns of students.csv and new ids.",
)
@click.option(
    "--no-replace",
    is_flag=True,
    help="Do not replace a withdrawn commission by a reserve: its students join the other teams.",
)
@click.option(
    "--withdraw-supervisor",
    "withdraw_supervisors",
    multiple=True,
    metavar="ID",
    help="A supervisor of supervisors.csv who leaves (repeatable, or ids between commas): the "
    "fewest teams change supervisor, then the fewest visits and orals move.",
)
@no_explain_option
@common_options
@guarded
def whatif_command(
    instance_path: Path,
    from_dir: Path,
    out_dir: Path,
    withdraw_commissions: tuple[str, ...],
    withdraw_students: tuple[str, ...],
    add_students: Path | None,
    no_replace: bool,
    withdraw_supervisors: tuple[str, ...],
    no_explain: bool,
    opts: CommonOptions,
) -> RunOutcome:
    """Re-solve the result in --from after the changes given, with the fewest moves.

    A withdrawn commission is replaced by the best reserve that keeps every rule (the team
    keeps all its members); with --no-replace, or when no reserve fits, its students join
    the other teams. Students who withdraw or arrive leave the others in place unless the
    rules force moves. The first priority is the number of moves (students of a team that
    still exists who change team), then the usual priorities. Writes the usual outputs plus
    changes.csv into --out. summary.json records the withdrawals and arrivals since the
    original result, so --from may be the output of an earlier what-if.

    When INSTANCE has supervisors.csv, the plan is made again against the one in --from:
    with --withdraw-supervisor ID the fewest teams change supervisor, then the fewest
    visits and orals move (alone, it keeps the teams as they are).
    """
    started = command_started()
    if not (withdraw_commissions or withdraw_students or add_students or withdraw_supervisors):
        raise UsageError(text("cli_no_change"))
    from matcher.loading.results import holds_teams, result_files

    files = result_files(from_dir)
    given = opts.given(("add_students", add_students))
    inside = not files.book_given
    check_out_dir(out_dir, instance_path, from_dir=files.folder, inside=inside, given=given)
    if not files.has_selection:
        from matcher.loading.result_book import no_result, other_books

        # A workbook under another name (« résultat modifié.xlsx »): named, as `check` does
        # (probe s39i: « holds no selection.csv » alone).
        if other_books(files.folder, None):
            raise UsageError(no_result(files.folder))
        raise UsageError(text("cli_from_no_selection", from_dir=from_dir))
    # A `select` result (its workbook has no Students sheet) has no teams yet: a commission
    # withdrawing then needs no students.csv (students choose among the selection later).
    needs_students = holds_teams(files) or bool(withdraw_students) or add_students is not None
    required = {"students"} if needs_students else set()
    instance = opts.load(instance_path, require=required, result=from_dir)
    result = app.whatif(
        instance,
        from_dir,
        withdraw_commissions=withdraw_commissions,
        withdraw_students=withdraw_students,
        add_students=add_students,
        replace_withdrawn=not no_replace,
        withdraw_supervisors=withdraw_supervisors,
        progress_for=lambda students: opts.progress(instance, started, students=students),
        lang=opts.lang,
        started=started,
    )
    outcome = with_explanations(result.outcome, started, no_explain, opts)
    app.write_outputs(
        out_dir,
        outcome,
        instance_dir=instance_path,
        lang=opts.lang,
        inputs=[("from_dir", files.folder)],
        texts=settings_carried(opts.settings_file, from_dir),
    )
    # A note the summary's list of warnings gives (unless --quiet) is said there only, so
    # that its count is summary.json's (probe s25: the arrivals' were said before it and
    # left out of its count).
    listed = summary_warnings(outcome, opts)
    # --quiet: nothing but errors and what the what-if could not do as asked (README), not
    # the warnings of reading its files (probe s27: they were printed).
    notes = result.notes[result.read :] if opts.quiet else result.notes
    said = [note for note in notes if note not in listed]
    if no_replace and not withdraw_commissions:
        # A flag that changed nothing, said even under --quiet (probe s40c: ignored silently).
        said.insert(0, text("cli_no_replace_unused"))
    for note in said:
        echo(label("warn_prefix", opts.lang, message=worded(note, opts.lang)), err=True)
    print_summary(outcome, opts, said=said)
    say_plan_stopped(outcome, opts, instance_path, out_dir)
    return outcome
