"""The ``matcher`` command line: a thin click layer over the application."""

from __future__ import annotations

import click

from matcher import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="matcher")
def main() -> None:
    """Select commissions and form balanced student teams for the social-engineering lab.

    Exit status: 0 solved, 2 invalid input or usage, 3 no solution satisfies the rules
    (or, for check, the result breaks rules), 4 no solution within the time limit,
    1 internal error.
    """


def _register() -> None:
    # Each command lives in its own module; importing registers it on ``main``.
    from matcher.cli import (  # noqa: F401
        assign,
        check,
        generate,
        run,
        select,
        validate,
        whatif,
    )


_register()
