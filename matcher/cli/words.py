"""The command line's own words in the reader's language: click's usage errors and ``--help``.

click words its messages (``Usage:``, ``No such option``, ``'abc' is not a valid integer
range``, ``Missing option '--out'``, …) through :func:`gettext.gettext`, which each of its
modules imported as ``_`` (and :func:`gettext.ngettext`). :func:`speak` puts this module's
lookup in their place: in French, a message of click that the catalogue knows
(``click_*`` keys of :mod:`matcher.labels`) is worded from its French pattern, which click
then fills with the option as typed, the value found and what is expected; in English from
the catalogue's English, click's own words but for ``'abc' is not a whole number`` and the
paths (``'x.csv' is a file: a folder is expected``, probe s31b: "Directory 'x.csv' is a
file."); for a
message the catalogue does not know, click's own words stay. The help of the commands
and of their options is the catalogue's too (``cli_doc_<command>``, ``cli_opt_<command>_<option>``
else ``cli_opt_<option>``), worded by :class:`WordedCommand` and :class:`WordedGroup`.

The language is decided before click parses anything, from the raw command line: a usage error
or ``--help`` happens before ``--lang`` is read (:func:`argv_lang`).
"""

from __future__ import annotations

import contextlib
import copy
import importlib
from collections.abc import Iterator, Sequence
from typing import Any

import click

from matcher.labels import Lang, has_label, label, label_pattern, resolve_lang

#: click's messages (its English ``gettext`` ids) → the catalogue's key.
_MESSAGES = {
    "Usage:": "click_usage",
    "Options": "click_options",
    "Commands": "click_commands",
    "Error: {message}": "click_error",
    "Try '{command} {option}' for help.": "click_try_help",
    "Aborted!": "click_aborted",
    "Missing command.": "click_missing_command",
    "No such command {name!r}.": "click_no_such_command",
    "No such option {name!r}.": "click_no_such_option",
    "Missing argument": "click_missing_argument",
    "Missing option": "click_missing_option",
    "Missing parameter": "click_missing_parameter",
    "Invalid value: {message}": "click_invalid_value",
    "Invalid value for {param_hint}: {message}": "click_invalid_value_for",
    "Option {name!r} does not take a value.": "click_takes_no_value",
    "{value!r} is not a valid {number_type}.": "click_not_a_number",
    "{value} is not in the range {range}.": "click_out_of_range",
    "Choose from:\n\t{choices}": "click_choose_from",
    "{name} {filename!r} does not exist.": "click_path_missing",
    "{name} {filename!r} is a file.": "click_path_is_file",
    "{name} {filename!r} is a directory.": "click_path_is_folder",
    "{name} {filename!r} is not readable.": "click_path_unreadable",
    "{name} {filename!r} is not writable.": "click_path_unwritable",
    "default: {default}": "click_default",
    "required": "click_required",
}

#: click's messages with a count (the singular id) → the catalogue's keys for one and for
#: several (click's two forms take different values, so they are not a ``counted`` pair).
_COUNTED = {
    "Did you mean {possibility}?": ("click_did_you_mean", "click_did_you_mean_among"),
    "Got unexpected extra argument ({args})": ("click_extra_argument", "click_extra_arguments"),
    "Option {name!r} requires an argument.": (
        "click_requires_argument",
        "click_requires_arguments",
    ),
    "{value!r} is not {choice}.": ("click_not_choice", "click_not_among_choices"),
}

#: click's modules that word messages (each holds its own ``_`` and maybe ``ngettext``).
_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
)

#: Metavars of ``--help`` by click type name (the catalogue's ``cli_metavar_*``).
_METAVARS = {
    "integer range": "integer",
    "integer": "integer",
    "seconds": "seconds",
    "file": "file",
    "directory": "directory",
    "path": "path",
    "text": "text",
}

#: The commands as a French-speaking director may call them (accents and case folded) →
#: the command suggested ("did you mean validate?"), beside the names close in spelling.
_FRENCH_COMMANDS = {
    "valider": "validate",
    "verifier": "check",
    "controler": "check",
    "selectionner": "select",
    "choisir": "select",
    "selection": "select",
    "affecter": "assign",
    "assigner": "assign",
    "repartir": "assign",
    "equipes": "assign",
    "lancer": "run",
    "executer": "run",
    "resoudre": "run",
    "simuler": "whatif",
    "simulation": "whatif",
    "retrait": "whatif",
    "generer": "generate",
    "rapport": "report",
    "expliquer": "explain",
    "explication": "explain",
    "atelier": "serve",
    "servir": "serve",
    "planifier": "plan",
    "planning": "plan",
    "calendrier": "plan",
    "aide": "matcher --help",
}

#: The language of the command line being run (``None`` outside one).
_spoken: list[Lang | None] = [None]
_installed: list[bool] = []


def spoken() -> Lang:
    """The language the command line speaks in (set by :func:`speak`; outside a command
    line, the environment's and the locale's, :func:`resolve_lang`)."""
    return _spoken[0] or resolve_lang()


def argv_lang(args: Sequence[str]) -> Lang:
    """The language of a command line: its ``--lang`` (``--lang fr``, ``--lang=fr``)
    wherever it is, else ``MATCHER_LANG``, else the locale (:func:`resolve_lang`). Words
    after ``--`` are arguments, not options (``early.explicit_lang``)."""
    from matcher.cli.early import explicit_lang

    return resolve_lang(explicit_lang(args))


def _gettext(message: str) -> str:
    # English too: click's "'x' is not a valid integer range." reads "is not a whole number".
    key = _MESSAGES.get(message)
    return message if key is None else label_pattern(key, spoken())


def _ngettext(singular: str, plural: str, n: int) -> str:
    keys = _COUNTED.get(singular)
    if keys is None or spoken() == "en":
        return singular if n == 1 else plural
    # click's singular form takes the one value it names (``possibility``): as click does.
    return label_pattern(keys[0] if n == 1 else keys[1], spoken())


def speak(lang: Lang | None) -> None:
    """Word click's messages in ``lang`` from now on (in this process); ``None``: in the
    language of the environment and the locale again."""
    _spoken[0] = lang
    if _installed:
        return
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    _installed.append(True)


def _help_key(command: str | None, param: str | None) -> str | None:
    """The catalogue's key for the help of option ``param`` of ``command``."""
    for key in (f"cli_opt_{command}_{param}", f"cli_opt_{param}"):
        if has_label(key):
            return key
    return None


def _worded_param(param: click.Parameter, command: str | None) -> click.Parameter:
    """``param`` with its help and metavar in the spoken language (a copy: the command's
    own parameters are left as declared)."""
    if not isinstance(param, click.Option):
        return param
    worded = copy.copy(param)
    # click names its help option ``_click_default_help`` (8.2+) or ``help``.
    key = _help_key(command, "help" if "--help" in param.opts else param.name)
    if key is not None:
        worded.help = label(key, spoken())
    kind = _METAVARS.get(param.type.name)
    if kind is not None and param.metavar is None and not param.is_flag:
        worded.metavar = label(f"cli_metavar_{kind}", spoken())
    return worded


def _short(doc: str, limit: int) -> str:
    """The first sentence of ``doc``, cut at a word with ``...`` when longer than ``limit``
    (what click shows in a group's list of commands)."""
    first = doc.split("\n\n", 1)[0]
    end = first.find(". ")
    sentence = first if end < 0 else first[: end + 1]
    if len(sentence) <= limit:
        return sentence
    words = sentence[: limit - 3].rsplit(" ", 1)[0]
    return words.rstrip(",;:") + "..."


def _doc(command: str) -> str | None:
    """The catalogue's help of ``command`` in the spoken language, if it has one."""
    key = f"cli_doc_{command}"
    return label(key, spoken()) if has_label(key) else None


class _Worded(click.Command):
    """What a command and the group share: help and options worded from the catalogue."""

    #: The catalogue's name for this command's help (``cli_doc_<doc_name>``).
    doc_name: str | None = None

    def _doc_name(self) -> str:
        return self.doc_name or self.name or ""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command's help, from the catalogue."""
        doc = _doc(self._doc_name())
        if doc is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(doc)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, their help from the catalogue."""
        records = []
        for param in self.get_params(ctx):
            if not isinstance(param, click.Option):
                continue  # arguments are named in the usage line
            record = _worded_param(param, self._doc_name()).get_help_record(ctx)
            if record is not None:
                records.append(record)
        if records:
            with formatter.section(_gettext("Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the catalogue's help (for the group's list of commands)."""
        doc = _doc(self._doc_name())
        if doc is None:
            return super().get_short_help_str(limit)
        return _short(doc, limit)


class WordedCommand(_Worded):
    """A command whose ``--help`` is worded from the catalogue in the spoken language."""


class WordedGroup(_Worded, click.Group):
    """The ``matcher`` group: decides the language from the raw command line, then words
    click's messages and every ``--help`` in it. Its commands are :class:`WordedCommand`."""

    command_class = WordedCommand
    doc_name = "group"

    def main(self, args: Sequence[str] | None = None, *more: Any, **extra: Any) -> Any:
        """Run the command line, in the language of ``--lang`` / ``MATCHER_LANG`` / locale."""
        import sys

        from matcher.cli.streams import readers_may_leave

        readers_may_leave()
        words = list(sys.argv[1:] if args is None else args)
        speak(argv_lang(words))
        _unknown_matcher_lang(words)
        try:
            return super().main(words, *more, **extra)
        except OSError as error:
            # click's usage message met a closed pipe (`matcher run --seed -1 2>&1 | head -1`)
            # or a full disk (``2>/dev/full``, probe s27): end quietly, with the usage
            # error's status rather than click's 1. The commands handle their own.
            import errno

            from matcher.cli.streams import silence

            if not isinstance(error, BrokenPipeError) and error.errno != errno.ENOSPC:
                raise
            silence(sys.stdout, sys.stderr)
            sys.exit(2)
        finally:
            speak(None)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The group's own options (``matcher --lang fr``), its errors escaped (``_escaped``)."""
        with _escaped():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """The command, its usage errors escaped (``_escaped``)."""
        with _escaped():
            return super().invoke(ctx)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command named first in ``args``, whatever its case (``matcher Run``); a name
        that is no command is a usage error suggesting the nearest one, in spelling or in
        French (``matcher valider``: did you mean validate?)."""
        name = args[0] if args else ""
        if (
            not args
            or ctx.resilient_parsing
            or name.startswith("-")
            or self.get_command(ctx, name) is not None
        ):
            return super().resolve_command(ctx, args)
        names = self.list_commands(ctx)
        folded = name.strip().casefold()
        if folded in names:
            return super().resolve_command(ctx, [folded, *args[1:]])
        ctx.fail(_unknown_command(name, names))

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's pieces, ``COMMAND [ARGS]...`` in the spoken language."""
        pieces = super().collect_usage_pieces(ctx)
        if pieces and pieces[-1] == self.subcommand_metavar:
            pieces[-1] = label("click_subcommand_metavar", spoken())
        return pieces

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, each with the first sentence of its help: from the catalogue
        without importing the command's module when the catalogue has it (a lean start-up)."""
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        for name in names:
            doc = _doc(name)
            if doc is not None:
                rows.append((name, _short(doc, limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section(_gettext("Commands")):
                formatter.write_dl(rows)


@contextlib.contextmanager
def _escaped() -> Iterator[None]:
    """click's usage errors with every control character of what was typed shown escaped
    (``\\x1b``), as the commands' own errors show a ``--student`` value: a path, an extra
    argument or an option's name cannot drive the terminal (contract §2). Probe s32b:
    ``--settings $'no\\x1bsuch.toml'`` reached it raw in "does not exist", and
    ``validate $'ba\\x1b[5mse'`` said "'base' does not exist", click dropping the
    sequence off a terminal, naming a folder that exists."""
    try:
        yield
    except click.ClickException as error:
        from matcher.text import printable

        escaped = "\n".join(printable(line) for line in error.message.split("\n"))
        # Final in click's annotations, a plain attribute that every message is worded from.
        object.__setattr__(error, "message", escaped)
        if spoken() == "fr":
            _french_quotes(error)
        raise


def _french_quotes(error: click.ClickException) -> None:
    """Options named in French quotes in a French message: click quotes them its way
    (« Vouliez-vous dire '--out', '--quiet' ? », « Valeur invalide pour '--seed' »)."""
    from matcher.text import printable

    if isinstance(error, click.NoSuchOption) and error.possibilities:
        names = [printable(p) for p in sorted(error.possibilities)]
        key = "click_did_you_mean" if len(names) == 1 else "click_did_you_mean_among"
        quoted = ", ".join(f"« {name} »" for name in names)
        pattern = label_pattern(key, "fr")
        said = pattern.format(possibility=quoted, possibilities=quoted)
        object.__setattr__(error, "message", f"{error.message} {said}")
        object.__setattr__(error, "possibilities", [])
    elif (
        isinstance(error, click.BadParameter)
        and error.param is not None
        and error.param_hint is None
    ):
        import re

        hint = error.param.get_error_hint(error.ctx)  # 'INSTANCE', '-o' / '--out'
        error.param_hint = re.sub(r"'([^']*)'", r"« \1 »", printable(hint))
    if isinstance(error, click.BadParameter):
        import re

        # The values click lists ('en', 'fr'), as the rest of the message quotes (probe
        # s34f); an apostrophe of a word (l'une, d'aujourd'hui in a file's name: probe
        # s35b, « d« aujourd »hui ») has a letter before it, a quote none.
        quoted = re.sub(r"(?<!\w)'([^'\s]+)'(?!\w)", r"« \1 »", error.message)
        object.__setattr__(error, "message", quoted)


def _unknown_matcher_lang(words: Sequence[str]) -> None:
    """A warning on stderr when ``MATCHER_LANG`` names no language matcher speaks (probe
    s34a: ``MATCHER_LANG=de`` was ignored without a word, the locale's taken); not under
    ``--quiet``, nor when ``--lang`` decides anyway (probe s35b)."""
    import os

    from matcher.labels import lang_of

    if any(w in ("--quiet", "--lang") or w.startswith("--lang=") for w in words):
        return
    value = os.environ.get("MATCHER_LANG", "")
    if value.strip() and lang_of(value) is None:
        from matcher.text import printable

        said = label("cli_matcher_lang_unknown", spoken(), value=printable(value))
        click.echo(label("warn_prefix", spoken(), message=said), err=True)


def _unknown_command(name: str, names: Sequence[str]) -> str:
    """The "no such command" message for ``name``, with the nearest of ``names``."""
    import difflib

    from matcher.text import strip_accents

    folded = strip_accents(name.strip().casefold())
    guess = _FRENCH_COMMANDS.get(folded)
    if guess is None:
        close = difflib.get_close_matches(folded, names, n=1, cutoff=0.6)
        guess = close[0] if close else None
    message = label_pattern("click_no_such_command", spoken()).format(name=name)
    if guess is None:
        return message
    quoted = f"« {guess} »" if spoken() == "fr" else repr(guess)
    return f"{message} {label_pattern('click_did_you_mean', spoken()).format(possibility=quoted)}"
