"""`matcher generate`: write a synthetic cohort with the programme's statistics."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from matcher.cli import main
from matcher.cli.common import echo, guarded, ignored_options, path_arg
from matcher.cli.words import spoken
from matcher.errors import UsageError
from matcher.labels import counted, label, resolve_lang, text
from matcher.schemas import MAX_SEED

#: The largest cohort (students, proposals) generated: twice the benchmarks' largest
#: (10,000 students). --students 99999999999 ended in an internal error (MemoryError).
MAX_GENERATED = 20_000


def _check_out(out_dir: Path, folder: Path, force: bool) -> None:
    """Refuse to write over a folder's contents unless told to (and then only our files).
    ``folder``: ``out_dir`` resolved, the folder the files go to (``nothere/..`` is the
    folder holding ``nothere``: probe s32b, it was taken as new and a cohort's files
    overwritten)."""
    from matcher.generate import COHORT_FILES

    if folder.exists() and not folder.is_dir():
        raise UsageError(text("gen_out_not_folder", out_dir=out_dir))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(text("gen_out_not_empty", out_dir=out_dir, files=", ".join(COHORT_FILES)))


@main.command("generate")
@click.option(
    "--seed", required=True, type=click.IntRange(min=0, max=MAX_SEED), help="Random seed."
)
@click.option(
    "--students",
    "num_students",
    default=60,
    show_default=True,
    type=click.IntRange(min=1, max=MAX_GENERATED),
    help="Students in the cohort.",
)
@click.option(
    "--proposals",
    "num_proposals",
    type=click.IntRange(min=1, max=MAX_GENERATED),
    help="Proposals received (default: about 2.5 per commission to select).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=path_arg(),
    help="Folder to write the cohort in (new or empty).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a non-empty folder, overwriting only the cohort's own files.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"], case_sensitive=False),
    default=None,
    help=(
        "Language of the messages and of the cohort's README.md (default: the MATCHER_LANG "
        "environment variable, else French under a French locale, else English)."
    ),
)
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
# The common options that mean nothing here, accepted and ignored (README, "Commands").
@ignored_options("settings_file", "time_limit", "workers")
@guarded
def generate_command(
    seed: int,
    num_students: int,
    num_proposals: int | None,
    out_dir: Path,
    force: bool,
    lang: str | None,
    quiet: bool,
) -> None:
    """Write a SYNTHETIC cohort with the programme's statistics into --out.

    Writes commissions.csv, students.csv, pairs.csv, supervisors.csv, settings.toml and a
    README.md that labels the data synthetic and records the seed (the README and the
    comments of settings.toml in the language of --lang). Commissions to select: 10 for up to 75
    students, else about one per 6 students, never more than the eligible proposals of
    distinct institutions drawn. The same seed gives the same cohort.
    """
    # Imported here: the other commands need not load the generator.
    from matcher.generate import COHORT_FILES, generate_cohort, write_cohort
    from matcher.interrupt import cleanup, written
    from matcher.outputs.out_folder import (
        check_writable,
        made_folders,
        out_path,
        remove_made,
        unwritable,
    )
    from matcher.outputs.staging import remove_stale_staging

    # A name or path too long, a looping link: said before it is looked at. Then the folder
    # checked is the folder written, as the system reaches it: `--out nothere/..` is the
    # folder holding nothere, refused when not empty as `--out .` is (probe s32b: checked
    # as text, taken as new, the director's students.csv was overwritten).
    out = out_path(out_dir)
    if out.is_dir():  # a killed generate's staging folder, inside it, is no file of theirs
        remove_stale_staging(out)
    _check_out(out_dir, out, force)
    # Under a file, in /proc, without permission: a usage error naming --out, not exit 1.
    check_writable(out_dir)
    resolved = resolve_lang(lang) if lang else spoken()
    cohort = generate_cohort(seed, num_students, num_proposals)
    made: list[Path] = []  # the folders made for it, removed if the cohort is not written
    try:
        # Written beside --out first (inside it when it exists: on the disk its files go
        # to, a USB stick's root being a disk of its own), then moved in: a cohort is
        # written completely or not at all. Named with the process id, as
        # ``write_outputs`` names its own: removed on SIGTERM or a second Ctrl-C, and by
        # the next run if the process was killed.
        parent = out if out.is_dir() else out.parent
        made = made_folders(parent)
        staging = Path(tempfile.mkdtemp(prefix=f".matcher-{os.getpid()}-generate-", dir=parent))
        remove_stale_staging(parent)
        try:
            with cleanup(lambda: shutil.rmtree(staging, ignore_errors=True)):
                write_cohort(cohort, staging, lang=resolved)
                made += made_folders(out)
                for name in COHORT_FILES:
                    (staging / name).replace(out / name)
                written()
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        remove_made(made)
        raise unwritable(out_dir, error) from error
    if not quiet:
        message = label(
            "gen_wrote",
            resolved,
            out_dir=out_dir,
            proposals=counted("n_proposals", len(cohort.commissions)).words(resolved),
            count=cohort.settings.selection.count,
            students=counted("gen_n_students", len(cohort.students)).words(resolved),
            pairs=counted("gen_n_pairs", len(cohort.pairs)).words(resolved),
            seed=seed,
        )
        echo(message)  # the folder as typed, its control characters escaped
