"""`matcher validate`: read and check an instance, then describe it."""

from __future__ import annotations

from pathlib import Path

import click

from matcher import app
from matcher.cli import main
from matcher.cli.common import CommonOptions, guarded, path_arg, reading_options, say_warnings
from matcher.errors import BrokenRules
from matcher.labels import Lang, counted, label, whole_percent, worded


def _share(count: int, total: int, lang: Lang) -> str:
    """``12 (36%)``; in French ``12 (36 %)``, a space before the sign."""
    if not total:
        return str(count)
    return label("val_share", lang, count=count, percent=whole_percent(count / total, lang))


def describe_lines(description: app.Description, lang: Lang = "en") -> list[str]:
    """The lines ``validate`` prints about an instance (its warnings apart), in ``lang``."""

    def say(key: str, **values: object) -> str:
        return label(key, lang, **values)

    lines: list[str] = [say("val_instance", name=description.name)]
    if description.proposals:
        eligible = description.eligible
        # « éligibles : 0 », not « 0 de 0 institution » (probe s40f).
        key = "val_proposals" if eligible else "val_proposals_none_eligible"
        lines.append(
            say(
                key,
                n=len(description.proposals),
                eligible=len(eligible),
                institutions=counted("n_institutions", description.num_institutions).words(lang),
                count=description.num_to_select,
            )
        )
        if eligible:  # no heading over nothing (probe s40f: « commandes éligibles : » alone)
            lines.append(say("val_eligible"))
        for commission in eligible:
            lines.append(
                f"  {commission.id}  {commission.institution} | {commission.sector} | "
                f"{commission.problem_type}"
            )
        if description.ineligible:
            lines.append(say("val_not_eligible"))
            lines += [
                f"  {c.id}  {c.institution}{say('colon')}{worded(reason, lang)}"
                for c, reason in description.ineligible
            ]
    else:
        lines.append(say("val_no_proposals"))
    num = description.num_students
    if num:
        lines.append(say("val_students", n=num))
        for background, count in description.backgrounds:
            lines.append(f"  {background}{say('colon')}{_share(count, num, lang)}")
        counts = description.counts
        if "vae" in counts:
            lines.append(say("val_vae", share=_share(counts["vae"], num, lang)))
        if "employed" in counts:
            lines.append(say("val_employed", share=_share(counts["employed"], num, lang)))
        if description.genders is not None:
            genders = ", ".join(f"{g} {c}" for g, c in description.genders)
            lines.append(say("val_gender", genders=genders))
        if "choices" in counts:
            lines.append(say("val_choices", share=_share(counts["choices"], num, lang)))
        if description.num_pinned:
            lines.append(say("val_pinned", n=description.num_pinned))
        if (
            description.team_sizes is not None
            and description.team_sizes[1] <= description.team_sizes[2]
        ):
            # (Bounds that cross, e.g. a min_size alone above the fair share, are said
            # among the rules that cannot hold, not as "teams of 4–3".)
            teams, low, high = description.team_sizes
            size = f"{low}" if low == high else f"{low}–{high}"
            one = "val_teams_one_student" if size == "1" else "val_teams"
            lines.append(say(one, teams=teams, size=size))
    else:
        lines.append(say("val_no_students"))
    num_pairs = description.num_apart + description.num_together
    lines.append(
        say(
            "val_pairs",
            n=num_pairs,
            apart=description.num_apart,
            together=description.num_together,
        )
    )
    return lines


@main.command("validate")
@click.argument("instance_path", metavar="INSTANCE", type=path_arg(exists=True))
@reading_options
@guarded
def validate_command(instance_path: Path, opts: CommonOptions) -> None:
    """Read and check INSTANCE (a folder or an .xlsx workbook) without solving anything.

    Prints the counts (proposals, eligible proposals, students by background, VAE,
    employed, pairs), the eligible proposals and every warning. Exit status 0 when the
    input can be used, 2 (with every problem: file, row, column) when it cannot, 3 when
    a rule cannot hold whatever the selection (fewer selectable proposals than count,
    team sizes that cannot hold the students, a together-group larger than any team,
    a pair both apart and together, a pin no selection allows, a no_isolation condition
    only one student meets, supervisors too few or unavailable).
    """
    instance = opts.load(instance_path, say_faults=False)
    if not instance.commissions and not instance.students:
        # Neither table: the names accepted for each and the files found, as ``run`` says
        # (probe s29d: « ni commandes ni étudiants trouvés ici », nothing more).
        instance = opts.load(instance_path, ("commissions", "students"), say_faults=False)
    description = app.validate(instance, instance_path)
    for line in describe_lines(description, opts.lang):
        opts.say(line)
    if instance.supervisors is not None:
        opts.say(label("val_supervisors", opts.lang, n=len(instance.supervisors)))
    say_warnings(description.warnings, opts)
    if description.conflicts:
        head = counted("validate_impossible", len(description.conflicts)).words(opts.lang)
        raise BrokenRules(head, [c.words(opts.lang) for c in description.conflicts])
    opts.say(label("val_valid", opts.lang))
