"""`matcher validate`: read and check an instance, then describe it."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import CommonOptions, common_options, guarded
from matcher.errors import BrokenRules
from matcher.labels import label, worded


def _share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else str(count)


def describe_lines(description: app.Description) -> list[str]:
    """The lines ``validate`` prints about an instance (its warnings apart)."""
    lines: list[str] = [f"instance: {description.name}"]
    if description.proposals:
        eligible = description.eligible
        lines.append(
            f"proposals: {len(description.proposals)}; eligible: {len(eligible)} from "
            f"{description.num_institutions} institutions; to select: "
            f"{description.num_to_select}"
        )
        lines.append("eligible proposals:")
        for commission in eligible:
            lines.append(
                f"  {commission.id}  {commission.institution} | {commission.sector} | "
                f"{commission.problem_type}"
            )
        if description.ineligible:
            lines.append("not eligible:")
            lines += [
                f"  {c.id}  {c.institution}: {reason}" for c, reason in description.ineligible
            ]
    else:
        lines.append("proposals: none (no commissions.csv)")
    num = description.num_students
    if num:
        lines.append(f"students: {num}")
        for background, count in description.backgrounds:
            lines.append(f"  {background}: {_share(count, num)}")
        counts = description.counts
        if "vae" in counts:
            lines.append(f"VAE: {_share(counts['vae'], num)}")
        if "employed" in counts:
            lines.append(f"employed: {_share(counts['employed'], num)}")
        if description.genders is not None:
            lines.append("gender: " + ", ".join(f"{g} {c}" for g, c in description.genders))
        if "choices" in counts:
            lines.append(f"students with choices: {_share(counts['choices'], num)}")
        if description.num_pinned:
            lines.append(f"pinned: {description.num_pinned}")
        if description.team_sizes is not None:
            teams, low, high = description.team_sizes
            size = f"{low}" if low == high else f"{low}–{high}"
            lines.append(f"teams: {teams} of {size} students")
    else:
        lines.append("students: none (no students.csv)")
    num_pairs = description.num_apart + description.num_together
    lines.append(
        f"pairs: {num_pairs} ({description.num_apart} apart, {description.num_together} together)"
    )
    return lines


@main.command("validate")
@click.argument("instance_path", metavar="INSTANCE", type=click.Path(exists=True, path_type=Path))
@common_options
@guarded
def validate_command(instance_path: Path, opts: CommonOptions) -> None:
    """Read and check INSTANCE (a folder or an .xlsx workbook) without solving anything.

    Prints the counts (proposals, eligible proposals, students by background, VAE,
    employed, pairs), the eligible proposals and every warning. Exit status 0 when the
    input can be used, 2 (with every problem: file, row, column) when it cannot, 3 when
    a rule cannot hold whatever the selection (a together-group larger than any team).
    """
    description = app.validate(opts.load(instance_path), instance_path)
    for line in describe_lines(description):
        opts.say(line)
    if description.warnings:
        opts.say(f"warnings ({len(description.warnings)}):")
        for warning in description.warnings:
            opts.say(f"  - {worded(warning, opts.lang)}")
    if description.conflicts:
        head = label("validate_impossible", opts.lang, n=len(description.conflicts))
        raise BrokenRules(head, [c.words(opts.lang) for c in description.conflicts])
    opts.say("input is valid")
