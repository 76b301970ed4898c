"""Options shared by every command, and the mapping of outcomes to exit statuses and words.

The commands parse their options, call ``matcher.app`` and print what it returns; this
module holds what they share: the common options, the names the application's requests go
by on the command line (``CLI_NAMES``), and ``guarded``, which turns every outcome into the
contract's exit status and message.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import traceback
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar, cast

import click

from matcher import app
from matcher.app import SolveFailed
from matcher.cli import pending
from matcher.cli.paths import PositiveSeconds, none_replaced
from matcher.cli.paths import path_arg as path_arg  # re-exported: the commands import it here
from matcher.cli.saved import saved_settings
from matcher.cli.streams import said_unless_gone, silence
from matcher.cli.words import spoken
from matcher.errors import BrokenRules, InputError, RequestError, UsageError, shown_problems
from matcher.labels import Lang, Number, Text, label, resolve_lang, text, worded
from matcher.results import RunOutcome, Status
from matcher.schemas import MAX_SEED, MAX_WORKERS, Instance
from matcher.text import printable
from models.outcome import ProgressCallback

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INVALID = 2
EXIT_NO_SOLUTION = 3
EXIT_TIMEOUT = 4
#: A closed output pipe: 128 + SIGPIPE, as a shell reports a command killed by it.
EXIT_SIGPIPE = 141


#: Stages whose failures have their own sentences (``no_solution_<stage>``, ``timeout_<stage>``).
_STAGE_WORDS = ("selection", "teams", "plan")

#: The command-line words for the parts of a request (``matcher.errors.RequestError``).
CLI_NAMES = {
    "out": "--out",
    "from_dir": "--from",
    "withdraw_commission": "--withdraw-commission",
    "withdraw_student": "--withdraw-student",
    "add_students": "--add-students",
    "selection_file": "--selection",
    "result_dir": "--result",
    "settings_file": "--settings",
}


class RuleViolations(Exception):
    """``check`` found broken rules: exit 3 after the report is printed."""


@dataclass(frozen=True)
class CommonOptions:
    """The options every command accepts (contract §2)."""

    settings_file: Path | None
    time_limit: float | None
    seed: int | None
    workers: int | None
    lang: Literal["en", "fr"]
    quiet: bool

    @property
    def overrides(self) -> app.Overrides:
        """The command-line overrides of ``[solver]``."""
        return app.Overrides(self.time_limit, self.seed, self.workers)

    def load(
        self,
        instance_path: Path,
        require: Collection[str] = (),
        *,
        say_faults: bool = True,
        result: Path | None = None,
    ) -> Instance:
        """The cohort of INSTANCE with the settings in force (``--settings`` or the instance's
        settings.toml, then the command-line overrides); ``result``'s settings.toml, which
        the workbench saves beside a board, taken unless ``--settings`` is given, and said
        (contract §10: ``check --result DIR`` accepts what was saved; probe s34d).

        Control characters dropped from its cells, settings or name, and a file open in a
        spreadsheet, are said on stderr (unless ``--quiet``), whatever the command
        (contract §2: "dropped, with a warning"); the solving commands list the others
        after their summary (``print_summary``). ``say_faults`` False: the command lists
        every warning itself (``validate``)."""
        settings_file = self.settings_file
        saved = None if result is None else saved_settings(result)
        if settings_file is None and saved is not None:
            settings_file = saved
            if not self.quiet:
                echo(label("cli_result_settings", self.lang, file=saved), err=True)
        instance = app.load(instance_path, settings_file, self.overrides, require)
        for warning in () if self.quiet or not say_faults else instance.warnings:
            if _mentions(warning, _SAID_ON_LOADING):
                echo(label("warn_prefix", self.lang, message=worded(warning, self.lang)), err=True)
        if say_faults and not self.quiet:  # said after a solve that fails too
            pending.remember([w for w in instance.warnings if not _mentions(w, _SAID_ON_LOADING)])
        return instance

    def progress(
        self,
        instance: Instance | None = None,
        started: float | None = None,
        *,
        students: int | None = None,
    ) -> ProgressCallback | None:
        """Improving solutions printed on stderr (throttled), unless ``--quiet``; given the
        cohort and when the command began (``time.perf_counter()``), each line says how
        long its time limit leaves at most, and the experience priority in years for the
        cohort's size (``students`` when the cohort solved is not ``instance``: a
        what-if's)."""
        if self.quiet:
            return None
        from matcher.outputs.progress import ProgressPrinter

        deadline = None
        if instance is not None and started is not None:
            deadline = started + instance.settings.solver.time_limit
        if students is None and instance is not None:
            students = len(instance.students)
        return ProgressPrinter(lang=self.lang, deadline=deadline, students=students)

    def explaining(
        self, instance: Instance, started: float | None
    ) -> Callable[[int, int], None] | None:
        """The explanations' progress on stderr (``QuestionsPrinter``), unless ``--quiet``;
        ``started`` None: no time left shown (``explain``'s limit is per solve)."""
        if self.quiet:
            return None
        from matcher.outputs.progress import QuestionsPrinter

        deadline = None if started is None else started + instance.settings.solver.time_limit
        return QuestionsPrinter(lang=self.lang, deadline=deadline)

    def given(self, *files: tuple[str, Path | None]) -> list[tuple[str, Path]]:
        """The files read (``--settings``, and ``files``: ``--add-students``), for
        ``check_out_dir``: none may be one of the outputs in ``--out``."""
        named = [("settings_file", self.settings_file), *files]
        return [(option, path) for option, path in named if path is not None]

    def say(self, message: str) -> None:
        """Print a progress or summary line unless ``--quiet``."""
        if not self.quiet:
            said_unless_gone(lambda: echo(message))


#: The loading warnings every command says on stderr as it loads the cohort: control
#: characters dropped (from a cell, and how many more cells, a string of settings.toml, the
#: instance's own name), and a file open in a spreadsheet, whose changes not saved yet
#: are not read (``check`` and ``explain`` list no other loading warning).
_SAID_ON_LOADING = frozenset(
    {
        "tb_open_in_spreadsheet",
        "warn_control_characters",
        "warn_control_characters_more",
        "ld_settings_control_characters",
        "ld_name_control_characters",
    }
)


def _mentions(message: object, keys: frozenset[str]) -> bool:
    """Whether ``message`` (a ``Text``, or a value of one: a cell's warning is worded inside
    its place) words a sentence of one of ``keys``."""
    if isinstance(message, Text):
        return message.key in keys or any(_mentions(v, keys) for v in message.values.values())
    return False


def echo(message: str, *, err: bool = False) -> None:
    """Print ``message`` (on stderr if ``err``), with every control character from the
    data shown escaped (``\\x1b``): ids and names cannot drive the terminal. Line feeds
    are kept; ``_fail`` escapes them too (each of its lines is one line)."""
    click.echo("\n".join(printable(line) for line in message.split("\n")), err=err)


def print_summary(outcome: RunOutcome, opts: CommonOptions, said: Sequence[object] = ()) -> None:
    """Print the end-of-run summary table on stdout, unless ``--quiet``, then the cohort's
    warnings as ``validate`` lists them (an employer taken for an institution, a date on a
    weekend, students without choices…: said where the director looks, not only in the
    report and summary.json), but those of control characters, said on stderr at loading,
    and those the command ``said`` on stderr already (a what-if's notes)."""
    from matcher.outputs.progress import summary_lines

    for line in summary_lines(outcome, opts.lang):
        opts.say(line)
    said = list(said)
    say_warnings([w for w in summary_warnings(outcome, opts) if w not in said], opts)


def summary_warnings(outcome: RunOutcome, opts: CommonOptions) -> list[str | Text]:
    """The warnings ``print_summary`` lists, unless said before it (none under ``--quiet``):
    the cohort's but those said on stderr at loading (control characters, a file open in a
    spreadsheet)."""
    if opts.quiet:
        return []
    return [w for w in outcome.instance.warnings if not _mentions(w, _SAID_ON_LOADING)]


def say_warnings(warnings: Sequence[str | Text], opts: CommonOptions) -> None:
    """List ``warnings`` on stdout under their count, the first ``MAX_PROBLEMS_SHOWN`` and a
    line counting the others, unless ``--quiet`` (``validate`` and the solving commands)."""
    for line in pending.warning_lines(warnings, opts.lang):
        opts.say(line)


def say_plan_stopped(outcome: RunOutcome, opts: CommonOptions, instance: Path, out: Path) -> None:
    """On stderr (even with ``--quiet``, like the other words on Ctrl-C): Ctrl-C stopped
    stage 3 before any plan, so the teams were written without the plan's files."""
    if outcome.plan_stopped is not None:
        said = label("interrupted_no_plan", opts.lang, instance=instance, out=out)
        echo(said, err=True)  # the folders as typed, their control characters escaped


def print_metrics(metrics: Mapping[str, Mapping[str, Any]], opts: CommonOptions) -> None:
    """Print metrics (e.g. of a checked result) on stdout, unless ``--quiet``."""
    from matcher.outputs.progress import metric_lines

    for line in metric_lines(metrics, opts.lang):
        opts.say(line)


def check_out_dir(
    out_dir: Path,
    instance: Path,
    from_dir: Path | None = None,
    *,
    inside: bool = True,
    given: Sequence[tuple[str, Path]] = (),
) -> None:
    """Refuse a bad ``--out`` before spending the time limit (``matcher.app.check_out_dir``).
    ``inside`` false (``--from`` given as its workbook, which is never modified): ``--out``
    may lie in the workbook's folder, as ``report --result`` allows it (probe s30b).
    ``given``: files read (``CommonOptions.given``), none an output in ``--out``."""
    inputs = [("from_dir", from_dir)] if from_dir is not None else []
    app.check_out_dir(out_dir, instance, inputs=inputs, kept=inputs if inside else [])
    none_replaced(out_dir, given)


def check_out_beside_result(
    out_dir: Path,
    instance: Path,
    result: Path,
    *,
    whole: bool = True,
    given: Sequence[tuple[str, Path]] = (),
) -> list[tuple[str, Path]]:
    """``check_out_dir`` for ``report``, ``plan`` and ``explain``: ``--out`` may be neither
    the result's folder (also when ``--result`` is its workbook) nor, when ``--result`` is
    a folder, inside it. Returns that folder as ``write_outputs``' ``inputs``. ``whole``
    false: the command writes one file into ``--out`` rather than replace it (``explain``)."""
    from matcher.loading.results import result_files

    inputs = [("result_dir", result_files(result).folder)]
    kept = inputs if result.is_dir() else []
    app.check_out_dir(out_dir, instance, inputs=inputs, kept=kept, whole=whole)
    none_replaced(out_dir, given, None if whole else ("explanations.csv",))
    return inputs


def out_option(help_text: str) -> Callable[[F], F]:
    """The ``--out DIR`` option of the commands that write a result folder."""
    return click.option(
        "--out",
        "out_dir",
        required=True,
        type=path_arg(file_okay=False),
        help=help_text,
    )


def result_option(help_text: str) -> Callable[[F], F]:
    """The ``--result`` option of the commands that read a result (a folder or its
    result.xlsx), never modifying it."""
    return click.option(
        "--result",
        "result_dir",
        required=True,
        type=path_arg(exists=True, result=True),
        help=help_text,
    )


#: The options of the solver: they mean nothing to a command that solves nothing.
SOLVER_OPTIONS = ("time_limit", "seed", "workers")


def _common_option(name: str, *, hidden: bool) -> Callable[[F], F]:
    """The common option ``name`` (its parameter's name), listed in ``--help`` unless
    ``hidden``."""
    flags, declared = _COMMON_DECLARED[name]
    return click.option(*flags, hidden=hidden, **declared)


#: Each common option (its parameter's name): click's flags and declaration.
_COMMON_DECLARED: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "settings_file": (
        ("--settings", "settings_file"),
        {
            "type": path_arg(exists=True, dir_okay=False),
            "help": "settings.toml to use (default: INSTANCE/settings.toml if present, else "
            "defaults; check, report, explain and whatif take first the one saved beside the "
            "result).",
        },
    ),
    "time_limit": (
        ("--time-limit",),
        {
            "type": PositiveSeconds(),
            "help": "Seconds the solver may use in all (overrides [solver] time_limit).",
        },
    ),
    "seed": (
        ("--seed",),
        {
            "type": click.IntRange(min=0, max=MAX_SEED),
            "help": "Random seed (overrides [solver] seed).",
        },
    ),
    "workers": (
        ("--workers",),
        {
            "type": click.IntRange(min=1, max=MAX_WORKERS),
            "help": "Solver threads (overrides [solver] workers).",
        },
    ),
    "lang": (
        ("--lang",),
        {
            "type": click.Choice(["en", "fr"], case_sensitive=False),
            "default": None,
            "help": "Language of everything printed and written for people (default: the "
            "MATCHER_LANG environment variable, else French under a French locale, else "
            "English).",
        },
    ),
    "quiet": (("--quiet",), {"is_flag": True, "help": "Print nothing but errors."}),
}


#: The common options in the order ``--help`` lists them.
_COMMON = ("settings_file", *SOLVER_OPTIONS, "lang", "quiet")


def ignored_options(*names: str) -> Callable[[F], F]:
    """Common options (parameter names) that mean nothing for a command: accepted, their
    values checked as everywhere, then dropped; ``--help`` does not list them. A line of
    options written for ``run`` works for every command (README, "Commands")."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for name in names:
                kwargs.pop(name, None)
            return func(*args, **kwargs)

        decorated: Callable[..., Any] = wrapper
        for name in reversed(names):
            decorated = _common_option(name, hidden=True)(decorated)
        return cast(F, decorated)

    return decorate


def _with_common_options(func: F, ignored: Collection[str]) -> F:
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        settings_file: Path | None,
        time_limit: float | None,
        seed: int | None,
        workers: int | None,
        lang: Literal["en", "fr"] | None,
        quiet: bool,
        **kwargs: Any,
    ) -> Any:
        # The command's --lang, else the group's (``matcher --lang fr run``), else the
        # environment and the locale: the language the command line speaks in.
        resolved = resolve_lang(lang) if lang else spoken()
        if ignored:
            time_limit = seed = workers = None
        opts = CommonOptions(settings_file, time_limit, seed, workers, resolved, quiet)
        return func(*args, opts=opts, **kwargs)

    decorated: Callable[..., Any] = wrapper
    for name in reversed(_COMMON):
        decorated = _common_option(name, hidden=name in ignored)(decorated)
    return cast(F, decorated)


def common_options(func: F) -> F:
    """Attach ``--settings --time-limit --seed --workers --lang --quiet`` as ``opts``."""
    return _with_common_options(func, ())


def option_help(name: str, help_text: str) -> Callable[[F], F]:
    """The help of common option ``name`` for one command, where it means something else
    there (worded by the catalogue's ``cli_opt_<command>_<name>``); placed above
    ``common_options``."""

    def decorate(func: F) -> F:
        for param in getattr(func, "__click_params__", ()):
            if param.name == name:
                param.help = help_text
        return func

    return decorate


def reading_options(func: F) -> F:
    """``common_options`` for a command that solves nothing (``validate``, ``check``,
    ``report``): ``--time-limit``, ``--seed`` and ``--workers`` are accepted and ignored
    (:func:`ignored_options`), so the settings in force are the files' alone."""
    return _with_common_options(func, SOLVER_OPTIONS)


def _lang_of(kwargs: dict[str, Any]) -> Lang:
    """The language of the command's options (``--lang``, else environment and locale)."""
    opts = kwargs.get("opts")
    if isinstance(opts, CommonOptions):
        return opts.lang
    lang = kwargs.get("lang")
    return resolve_lang(lang) if isinstance(lang, str) and lang else spoken()


def _fail(code: int, lines: list[str]) -> NoReturn:
    try:
        for line in lines:
            click.echo(printable(line), err=True)
    except OSError:
        # stderr unwritable (a full disk: ``2>/dev/full``): the status still says what
        # happened (probe s27: 1, an internal error, for invalid input).
        silence(sys.stderr)
    sys.exit(code)


#: The internal error's hint: outputs in place before it are complete, not "nothing written".
_INTERNAL_HINTS = {False: "internal_error_hint", True: "internal_error_hint_written"}
#: What a command interrupted by Ctrl-C wrote, when not a result (``interrupted_written``).
_INTERRUPTED_WORDS = {"explain_command": "interrupted_explained"}


def _say_interrupted_result(lang: Lang, command: str, answer: object) -> None:
    key = _INTERRUPTED_WORDS.get(command, "interrupted_written")
    if key == "interrupted_written" and _all_proven(answer):
        # The search had ended, proven: Ctrl-C stopped what came after it (explanations,
        # the reserves' order); "status FEASIBLE" would be untrue.
        key = "interrupted_proven"
    click.echo(label(key, lang), err=True)


def _all_proven(answer: object) -> bool:
    """Whether ``answer`` is an outcome whose every stage searched is proven optimal."""
    from matcher.outputs import views

    if not isinstance(answer, RunOutcome) or answer.plan_stopped is not None:
        return False
    stages = [result.stage for result in (answer.selection, answer.teams, answer.plan) if result]
    return all(stage.status == Status.OPTIMAL for stage in stages if not views.is_given(stage))


def _error(lang: Lang, message: str | Text) -> str:
    """``error: message`` in ``lang``."""
    return label("err_prefix", lang, message=worded(message, lang))


def guarded(func: F) -> F:
    """Map outcomes to the contract's exit statuses; never show a traceback.

    Ctrl-C and SIGTERM are handled as the contract says (``matcher.interrupt``). Set
    ``MATCHER_DEBUG=1`` to see the traceback of an internal error.
    """
    return _guard(func, signals=True)


def guarded_server(func: F) -> F:
    """``guarded`` for a command that handles Ctrl-C itself (``serve``: Ctrl-C stops it)."""
    return _guard(func, signals=False)


def _guard(func: F, *, signals: bool) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from matcher import interrupt
        from matcher.cli import early

        pending.remember(())
        try:
            lang = _lang_of(kwargs)
            with interrupt.handling(lang) if signals else contextlib.nullcontext():
                # A Ctrl-C while the command started: it ends here, writing nothing. (The
                # start-up's handlers are replaced by ``handling``'s, not by the defaults.)
                if early.settle(restore=not signals):
                    raise KeyboardInterrupt
                answer = func(*args, **kwargs)
            if interrupt.interrupted():
                _say_interrupted_result(_lang_of(kwargs), func.__name__, answer)
            return answer
        except InputError as error:
            lang = _lang_of(kwargs)
            count = len(error.problems)
            head = (
                label("err_invalid_one", lang)
                if count == 1
                else label("err_invalid_many", lang, n=count)
            )
            shown, more = shown_problems(error.problems)
            lines = [head] + [f"  {p.text(lang)}" for p in shown]
            _fail(EXIT_INVALID, lines + ([f"  {more.words(lang)}"] if more else []))
        except RequestError as error:
            lang = _lang_of(kwargs)
            _fail(EXIT_INVALID, [_error(lang, error.worded(CLI_NAMES, lang))])
        except UsageError as error:
            lang = _lang_of(kwargs)
            _fail(EXIT_INVALID, [_error(lang, error.text(lang))])
        except SolveFailed as failure:
            lang = _lang_of(kwargs)
            if interrupt.interrupted():
                _fail(interrupt.EXIT_SIGINT, [_error(lang, text("interrupted_nothing_found"))])
            stage = failure.stage if failure.stage in _STAGE_WORDS else "other"
            code = EXIT_NO_SOLUTION if failure.infeasible else EXIT_TIMEOUT
            if failure.infeasible:
                failed = text(f"no_solution_{stage}", stage=failure.stage)
            else:
                seconds = Number(failure.result.time_s, 1)
                failed = text(f"timeout_{stage}", stage=failure.stage, seconds=seconds)
            diagnosis = [f"  {worded(d, lang)}" for d in failure.result.diagnosis]
            head = _error(lang, failed)
            if not diagnosis:
                # Nothing follows (no rule named within the time): no colon left hanging
                # (probe s31e: « … augmentez --time-limit : » and nothing after it).
                head = head.rstrip().removesuffix(":").rstrip() + "."
            _fail(code, [head, *diagnosis, *pending.warning_lines(pending.remembered(), lang)])
        except RuleViolations:
            sys.exit(EXIT_NO_SOLUTION)
        except BrokenRules as broken:
            lang = _lang_of(kwargs)
            violations = [f"  - {worded(v, lang)}" for v in broken.violations]
            _fail(EXIT_NO_SOLUTION, [worded(broken.head, lang), *violations])
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except BrokenPipeError:
            # The reader left (`matcher validate … | head`): end quietly, the way a
            # command killed by SIGPIPE does; the interpreter's final flush goes nowhere.
            silence(sys.stdout)
            sys.exit(EXIT_SIGPIPE)
        except OSError as error:  # outside its own checks: its output on a full disk
            from matcher.cli.failed_io import os_failure

            _fail(*os_failure(error, _lang_of(kwargs)))
        except KeyboardInterrupt:
            lang = _lang_of(kwargs)
            _fail(interrupt.EXIT_SIGINT, [_error(lang, text("interrupted_nothing"))])
        except Exception as error:  # the contract forbids tracebacks: report and exit 1
            if os.environ.get("MATCHER_DEBUG"):
                traceback.print_exc()
            lang = _lang_of(kwargs)
            _fail(
                EXIT_INTERNAL,
                [
                    label("internal_error", lang, kind=type(error).__name__, error=error),
                    label(_INTERNAL_HINTS[interrupt.is_written()], lang),
                ],
            )

    return cast(F, wrapper)
