"""`matcher validate`: read and check an instance, then describe it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import CommonOptions, common_options, guarded
from matcher.eligibility import eligibility
from matcher.errors import InputError, Problem
from matcher.schemas import Instance
from matcher.text import fold_name


def _share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else str(count)


def describe(instance: Instance) -> tuple[list[str], list[str]]:
    """Lines describing the instance, and extra warnings found by looking at it as a whole.

    Returns
    -------
    lines, warnings
        Counts, eligible proposals and team sizes; warnings about rules that cannot hold.
    """
    lines: list[str] = [f"instance: {instance.name}"]
    warnings: list[str] = []
    selection = instance.settings.selection
    if instance.commissions:
        fates = [(c, eligibility(c, selection)) for c in instance.commissions]
        eligible = [c for c, fate in fates if fate.eligible]
        institutions = {fold_name(c.institution) for c in eligible}
        lines.append(
            f"proposals: {len(instance.commissions)}; eligible: {len(eligible)} from "
            f"{len(institutions)} institutions; to select: {selection.count}"
        )
        capacity = len(institutions) * selection.max_per_institution
        if min(len(eligible), capacity) < selection.count:
            warnings.append(
                f"only {min(len(eligible), capacity)} eligible proposals can be selected "
                f"together (at most {selection.max_per_institution} per institution) but "
                f"count is {selection.count}: the selection cannot succeed"
            )
        lines.append("eligible proposals:")
        for commission in eligible:
            lines.append(
                f"  {commission.id}  {commission.institution} | {commission.sector} | "
                f"{commission.problem_type}"
            )
        ineligible = [(c, fate) for c, fate in fates if not fate.eligible]
        if ineligible:
            lines.append("not eligible:")
            lines += [f"  {c.id}  {c.institution}: {fate.reason}" for c, fate in ineligible]
    else:
        lines.append("proposals: none (no commissions.csv)")
    students = instance.students
    num = len(students)
    if students:
        lines.append(f"students: {num}")
        backgrounds = Counter(s.background for s in students)
        for background, count in backgrounds.most_common():
            lines.append(f"  {background}: {_share(count, num)}")
        columns = instance.student_columns
        if "vae" in columns:
            lines.append(f"VAE: {_share(sum(s.vae for s in students), num)}")
        if "employed" in columns:
            lines.append(f"employed: {_share(sum(s.employed for s in students), num)}")
        if "gender" in columns:
            genders = Counter(s.gender or "?" for s in students)
            lines.append("gender: " + ", ".join(f"{g} {c}" for g, c in genders.most_common()))
        if "choices" in columns:
            with_choices = sum(bool(s.choices) for s in students)
            lines.append(f"students with choices: {_share(with_choices, num)}")
        pinned = sum(s.pinned is not None for s in students)
        if pinned:
            lines.append(f"pinned: {pinned}")
        if instance.commissions:
            teams = selection.count
            bounds = instance.settings.teams
            low = num // teams if bounds.min_size is None else bounds.min_size
            high = -(-num // teams) if bounds.max_size is None else bounds.max_size
            size = f"{low}" if low == high else f"{low}–{high}"
            lines.append(f"teams: {teams} of {size} students")
            if not teams * low <= num <= teams * high:
                warnings.append(
                    f"{teams} teams of {low} to {high} students cannot hold {num} students: "
                    "the teams cannot be formed (see [teams] min_size / max_size)"
                )
    else:
        lines.append("students: none (no students.csv)")
    relations = Counter(p.relation for p in instance.pairs)
    lines.append(
        f"pairs: {len(instance.pairs)} ({relations['apart']} apart, "
        f"{relations['together']} together)"
    )
    return lines, warnings


@main.command("validate")
@click.argument("instance", type=click.Path(exists=True, path_type=Path))
@common_options
@guarded
def validate_command(instance: Path, opts: CommonOptions) -> None:
    """Read and check INSTANCE (a folder or an .xlsx workbook) without solving anything.

    Prints the counts (proposals, eligible proposals, students by background, VAE,
    employed, pairs), the eligible proposals and every warning. Exit status 0 when the
    input can be used, 2 (with every problem: file, row, column) when it cannot.
    """
    cohort = opts.load(instance)
    if not cohort.commissions and not cohort.students:
        books = sorted(p.name for p in instance.glob("*.xlsx")) if instance.is_dir() else []
        hint = f"; to read {books[0]}, give the workbook itself" if books else ""
        raise InputError(
            Problem(str(instance), f"neither commissions nor students found here{hint}")
        )
    lines, warnings = describe(cohort)
    for line in lines:
        opts.say(line)
    all_warnings = [*cohort.warnings, *warnings]
    if all_warnings:
        opts.say(f"warnings ({len(all_warnings)}):")
        for warning in all_warnings:
            opts.say(f"  - {warning}")
    opts.say("input is valid")
