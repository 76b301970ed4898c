"""`matcher explain`: why each student is not on a better choice, and what granting it costs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import (
    CommonOptions,
    RuleViolations,
    check_out_beside_result,
    common_options,
    guarded,
    option_help,
    path_arg,
    result_option,
)
from matcher.errors import RequestError
from matcher.explanation import (
    Explanation,
    no_wish,
    nothing_to_explain,
    ordinal,
    sentence,
    write_explanations_csv,
)
from matcher.fairness import written_rank
from matcher.labels import Lang, counted, label, text, worded
from matcher.schemas import Instance, Student


@main.command("explain")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
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
    type=path_arg(file_okay=False),
    help="Folder to write explanations.csv into (default: only print).",
)
@option_help(
    "time_limit",
    "Seconds each solve of a question may take (a question takes one solve or a few; "
    "overrides [solver] time_limit), and its checks without the solver: a question not "
    "settled within them is unknown. Not a limit for the whole command, which answers "
    "every question in turn.",
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
    from matcher.interrupt import search_over, written
    from matcher.outputs.out_folder import made_folders, remove_made, unwritable

    folder = None  # --out as the system reaches it: `nothere/..` makes no folder nothere
    if out_dir is not None:
        # Only its file is written into it: a disk's root may take it.
        check_out_beside_result(out_dir, instance_path, result_dir, whole=False, given=opts.given())
        folder = out_dir.resolve()
        if (folder / "explanations.csv").is_dir():  # said now, not after the explanations
            taken = out_dir / "explanations.csv"
            raise RequestError(text("out_file_is_folder"), out_dir=out_dir, file=taken)
    instance = opts.load(instance_path, require=("students",), result=result_dir)
    # "question n of m" on stderr: 10,000 students ask thousands of questions.
    told = opts.explaining(instance, None)
    found = app.explain(instance, result_dir, student_ids, on_answer=told)
    for warning in () if opts.quiet else found.warnings:
        click.echo(label("warn_prefix", opts.lang, message=worded(warning, opts.lang)), err=True)
    if found.violations:
        n = len(found.violations)
        click.echo(counted("explain_result_broken", n).words(opts.lang), err=True)
        for violation in found.violations:
            click.echo(f"  - {worded(violation, opts.lang)}", err=True)
        raise RuleViolations(len(found.violations))
    if out_dir is not None and folder is not None:
        search_over()  # from here a first Ctrl-C changes nothing written
        made: list[Path] = []
        try:
            made = made_folders(folder)
            write_explanations_csv(folder / "explanations.csv", found.explanations, opts.lang)
        except OSError as error:  # made unwritable during the explanation
            remove_made(made)  # nothing written: nor the folders made for it
            raise unwritable(out_dir, error) from error
        written()  # a signal from now on says the file is written (``matcher.interrupt``)
    if not opts.quiet:
        lines = explanation_lines(
            found.instance,
            found.explanations,
            opts.lang,
            found.asked,
            found.assignment,
            found.team_ids,
        )
        for line in lines:
            click.echo(line)


def explanation_lines(
    instance: Instance,
    explanations: Sequence[Explanation],
    lang: Lang,
    asked: Sequence[str] = (),
    teams: Mapping[str, str] | None = None,
    selected: Iterable[str] | None = None,
) -> list[str]:
    """The readable table of ``matcher explain``: one block per student, one line per wish,
    in the order of ``asked`` (``--student``) when given; a student asked for who has no
    wish gets one line: no choices written, none of their choices among the ``selected``
    commissions, or on the best of their selected choices (in ``teams``)."""
    students = {s.id: s for s in instance.students}
    wishes: dict[str, list[Explanation]] = {}
    for e in explanations:
        wishes.setdefault(e.student_id, []).append(e)
    blocks = {sid: _wish_lines(students, found, lang) for sid, found in wishes.items()}
    lines = [line for sid, block in blocks.items() if sid not in asked for line in block]
    for sid in dict.fromkeys(asked):
        student = students.get(sid)
        if student is None:
            continue
        if sid in blocks:
            lines += blocks[sid]
            continue
        name = student.name or sid
        team = (teams or {}).get(sid, "")
        kind = no_wish(student.choices, None if selected is None else set(selected))
        # Every sentence takes the same values; each uses those it names.
        choices = ", ".join(student.choices)
        lines.append(
            sentence(
                f"cli_{kind}", lang, name=name, student_id=sid, choices=choices, commission_id=team
            )
        )
    chosen = None if selected is None else set(selected)
    return lines or [nothing_to_explain(instance.students, chosen, lang)]


def _wish_lines(
    students: Mapping[str, Student], explanations: Sequence[Explanation], lang: Lang
) -> list[str]:
    """One block per student with wishes, one line per wish (``explanation_lines``)."""
    lines: list[str] = []
    shown: str | None = None
    for e in explanations:
        if e.student_id != shown:
            shown = e.student_id
            rank = written_rank(students[e.student_id], e.commission_id)
            where = (
                sentence("cli_unlisted", lang)
                if rank is None
                else sentence("cli_written", lang, ordinal=ordinal(rank, lang))
            )
            lines.append(
                sentence(
                    "cli_student",
                    lang,
                    name=e.student_name,
                    student_id=e.student_id,
                    commission_id=e.commission_id,
                    where=where,
                )
            )
        verdict = sentence(f"verdict_{e.verdict}", lang)
        lines.append(
            sentence(
                "cli_wish",
                lang,
                wanted=e.wanted,
                ordinal=ordinal(e.wanted_rank, lang),
                verdict=verdict,
            )
        )
        lines.append(f"    {e.reason(lang)}")
    return lines
