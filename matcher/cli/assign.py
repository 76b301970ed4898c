"""`matcher assign`: not implemented yet."""

from __future__ import annotations

import click

from matcher.cli import main


@main.command("assign", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def assign_command(args: tuple[str, ...]) -> None:
    """Not implemented yet."""
    raise click.ClickException("matcher assign is not implemented yet")
