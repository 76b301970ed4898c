"""Files and folders named on the command line, as a director types them (``PathArg``),
and a time limit as typed (``PositiveSeconds``)."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from matcher.cli.words import spoken
from matcher.labels import label, text, worded
from matcher.schemas import MAX_TIME_LIMIT
from matcher.text import printable


class PathArg(click.Path):
    """A file or folder named on the command line, as a director types it: a leading ``~``
    is their home folder (PowerShell passes it on as typed; a folder named ``~`` would be
    made otherwise), and an empty name (``--out=``, ``--out ""``) is refused rather than
    taken as the current folder, as is an option taken for a name (``--out --lang fr``).
    ``result``: a result folder (``--result``, ``--from``), put back first when a run killed
    as it replaced it left it missing (``staging.restore_missing``)."""

    def __init__(self, *args: Any, result: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result = result

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            if not value.strip():
                self.fail(label("cli_empty_path", spoken()), param, ctx)
            if value.startswith("--") and not os.path.lexists(value):
                # `--out --lang fr`: click took the next option as the folder's name.
                named = param.opts[0] if isinstance(param, click.Option) else "INSTANCE"
                shown = printable(value)
                said = label("cli_option_as_path", spoken(), value=shown, option=named)
                self.fail(said, param, ctx)
            if value.startswith("~"):
                value = os.path.expanduser(value)
            if self.result:
                from matcher.outputs.staging import restore_missing

                restore_missing(Path(value))
            if self.exists and os.path.islink(value) and not os.path.exists(value):
                # A link to nowhere or to itself is there but cannot be read, as the
                # loader says of a file of a folder (probe s26: "does not exist").
                self.fail(_broken_link(value), param, ctx)
        return super().convert(value, param, ctx)


def _broken_link(path: str) -> str:
    """Why the link ``path`` cannot be followed, in the command line's language."""
    import errno

    try:
        os.stat(path)
        why = text("why_os_error", reason="?")
    except OSError as error:
        looping = error.errno == errno.ELOOP
        why = (
            text("why_looping_link")
            if looping
            else text("why_dangling_link", target=os.readlink(path))
        )
    lang = spoken()
    shown = label("quoted", lang, value=printable(path))
    return label("cli_path_unreadable", lang, path=shown, why=worded(why, lang))


def path_arg(**declared: Any) -> PathArg:
    """:class:`PathArg` with ``path_type=Path`` and click's checks of ``declared``."""
    return PathArg(path_type=Path, **declared)


def recover_out(command: click.Command, ctx: click.Context, args: Sequence[str]) -> None:
    """Before ``command`` checks its command line: its ``--out`` folder put back if a run
    killed as it replaced it left it missing, and the staging folders of dead runs beside
    it removed (``staging.recover``), whatever the command then does: it may fail on its
    INSTANCE, its input or its search (probe s32b: after a ``kill -9``, a run ending in
    exit 2 or 3 left the result missing). A command line that cannot be parsed is left
    for click to refuse."""
    if not any(param.name == "out_dir" for param in command.get_params(ctx)):
        return
    parser = command.make_parser(ctx)
    parser.ignore_unknown_options = True  # a mistyped option is refused after, not before
    try:
        opts, _, _ = parser.parse_args(args=list(args))
    except click.ClickException:
        return
    value = opts.get("out_dir")
    if not isinstance(value, str) or not value.strip() or value.startswith("--"):
        return
    from matcher.outputs.staging import recover

    recover(Path(os.path.expanduser(value)))


class PositiveSeconds(click.ParamType[float]):
    """A time limit: a positive finite number of seconds (not 0, -1, nan or inf), written
    as people write it: ``2,5`` (a decimal comma, as in French) and ``30s`` are read too."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        from matcher.loading.cells import parse_number

        if isinstance(value, str):
            # As a cell is read (a decimal comma, spaces ignored), and "30s" is 30 seconds.
            read = parse_number(value.strip().removesuffix("s"))
            seconds = math.nan if read is None else read
        else:
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                seconds = math.nan
        if not (math.isfinite(seconds) and seconds > 0):
            self.fail(label("cli_bad_seconds", spoken(), value=value), param, ctx)
        if seconds > MAX_TIME_LIMIT:
            said = label("cli_too_many_seconds", spoken(), value=value, most=MAX_TIME_LIMIT)
            self.fail(said, param, ctx)
        return seconds


def none_replaced(
    out_dir: Path, given: Sequence[tuple[str, Path]], written: Sequence[str] | None = None
) -> None:
    """Refuse a file read that lies in ``--out`` under the name of a file written there
    (``written``; every output by default): it would be replaced (probe s35d:
    ``--add-students out/teams.csv``, ``--settings out/report.html``; input files are never
    modified, contract §2)."""
    from matcher.errors import RequestError, RequestPart
    from matcher.outputs.writers import OUTPUT_FILES

    names = OUTPUT_FILES if written is None else tuple(written)
    out = out_dir.expanduser().resolve()
    for option, path in given:
        if path.name.lower() in names and path.expanduser().resolve().parent == out:
            said = text("out_replaces_input", file=path.name)
            raise RequestError(said, out_dir=out_dir, input=RequestPart(option))
