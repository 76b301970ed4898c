"""The ``matcher`` command line: a thin click layer over the application."""

from __future__ import annotations

# isort: off
# First of all: Ctrl-C and SIGTERM while the command starts (matcher.cli.early).
from matcher.cli import early as _early  # noqa: F401
# isort: on

import contextlib
import importlib
import io
import os
import sys

import click

from matcher import __version__
from matcher.cli.started import process_started as _process_started  # noqa: F401 (its clock)
from matcher.cli.words import WordedCommand, WordedGroup

#: Every command; each is defined in the module of its name, ``matcher.cli.<command>``.
COMMANDS = (
    "assign",
    "check",
    "explain",
    "generate",
    "plan",
    "report",
    "run",
    "select",
    "serve",
    "validate",
    "whatif",
)


class _Command(WordedCommand):
    """A command of ``matcher`` (worded as :class:`WordedCommand` is): its ``--out``, if it
    has one, recovered from a run killed as it wrote there, before its command line is
    checked (:func:`matcher.cli.paths.recover_out`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from matcher.cli.paths import recover_out

        recover_out(self, ctx, args)
        return super().parse_args(ctx, args)


class _LazyGroup(WordedGroup):
    """A group importing a command's module only when that command is asked for.

    Start-up is a good part of a small run: ``matcher run`` need not load the generator,
    nor ``matcher --version`` pydantic and the loaders. Each module registers its command
    on ``main`` when imported (``@main.command``). Its words (errors, ``--help``) are in
    the reader's language (:class:`matcher.cli.words.WordedGroup`); an ``--out`` left by
    a killed run is recovered before anything else (:class:`_Command`).
    """

    command_class = _Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"{__name__}.{cmd_name}")
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="matcher")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"], case_sensitive=False),
    default=None,
    help="Language of everything printed and written for people (default: the "
    "MATCHER_LANG environment variable, else French under a French locale, else English).",
)
def main(lang: str | None) -> None:
    """Select commissions and form balanced student teams for the social-engineering lab.

    Exit status: 0 solved, 2 invalid input or usage, 3 no solution satisfies the rules
    (or, for check, the result breaks rules), 4 no solution within the time limit,
    1 internal error.
    """
    # ``matcher --lang fr run …``: the commands read it from the command line
    # (matcher.cli.words.spoken), as they read their own --lang.


def console() -> None:
    """The ``matcher`` script and ``python -m matcher``: ``main``, then the process ends
    at once with its exit status, without Python's finalisation.

    By then every output is written and closed; tearing the interpreter down (every
    module and object freed, OR-Tools and NumPy unloaded) took 0.1-0.17 CPU s, up to a
    tenth of a 60-student ``matcher run``, and 0.4-1.7 s of wall time on a loaded
    machine, past the time limit. The standard streams are flushed first. An exception
    other than ``SystemExit`` takes Python's ordinary way out.
    """
    for stream in (sys.stdout, sys.stderr):
        # A terminal or file whose encoding lacks a character printed (cp1252, a Windows
        # redirection, has no "→" of a what-if's summary): that character as "?". Before,
        # the summary ended in an internal error (exit 1, "nothing was written") after
        # the result was written.
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="replace")
    try:
        main(prog_name="matcher")
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        # What ``sys.exit("message")`` does: the message on stderr, status 1.
        with contextlib.suppress(OSError, ValueError):
            print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # None: the stream was closed when the command began (`matcher validate … >&-`).
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
