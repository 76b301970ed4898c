"""Options shared by every command, and the mapping of outcomes to exit statuses."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import sys
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar, cast

import click

from matcher.errors import BrokenRules, InputError, UsageError
from matcher.results import StageResult, Status
from matcher.schemas import MAX_SEED, MAX_WORKERS, Instance, Settings
from models.outcome import ProgressCallback, SolveParams

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INVALID = 2
EXIT_NO_SOLUTION = 3
EXIT_TIMEOUT = 4
#: A closed output pipe: 128 + SIGPIPE, as a shell reports a command killed by it.
EXIT_SIGPIPE = 141


#: How error messages name each stage.
_STAGE_WORDS = {"selection": "selection of commissions", "teams": "team assignment"}


class SolveFailure(Exception):
    """A stage ended without a usable solution: exit 3 (infeasible) or 4 (time limit)."""

    def __init__(self, stage: str, result: StageResult) -> None:
        self.stage = stage
        self.result = result
        super().__init__(stage)

    @property
    def exit_code(self) -> int:
        return EXIT_NO_SOLUTION if self.result.status == Status.INFEASIBLE else EXIT_TIMEOUT


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

    def apply(self, settings: Settings) -> Settings:
        """Settings with the command-line overrides of ``[solver]`` applied."""
        update: dict[str, Any] = {}
        if self.time_limit is not None:
            update["time_limit"] = self.time_limit
        if self.seed is not None:
            update["seed"] = self.seed
        if self.workers is not None:
            update["workers"] = self.workers
        if not update:
            return settings
        solver = settings.solver.model_copy(update=update)
        return settings.model_copy(update={"solver": solver})

    def load(self, instance: Path, require: Collection[str] = ()) -> Instance:
        """The cohort of INSTANCE with the settings in force (``--settings`` or the instance's
        settings.toml, then the command-line overrides)."""
        from matcher.eligibility import count_problem
        from matcher.loading import load_instance

        cohort = load_instance(instance, settings_path=self.settings_file, require=require)
        problem = count_problem(cohort, self.settings_file)
        if problem is not None:
            raise InputError(problem)
        return cohort.model_copy(update={"settings": self.apply(cohort.settings)})

    def solve_params(
        self, settings: Settings, progress: ProgressCallback | None = None
    ) -> SolveParams:
        """Solver parameters from the settings in force.

        Without an explicit ``progress`` callback, improving solutions are printed on
        stderr (throttled) unless ``--quiet``.
        """
        if progress is None and not self.quiet:
            from matcher.progress import ProgressPrinter

            progress = ProgressPrinter()
        return SolveParams(
            time_limit=settings.solver.time_limit,
            seed=settings.solver.seed,
            workers=settings.solver.workers,
            progress=None if self.quiet else progress,
        )

    def say(self, message: str) -> None:
        """Print a progress or summary line unless ``--quiet``."""
        if not self.quiet:
            click.echo(message)


def out_option(help_text: str) -> Callable[[F], F]:
    """The ``--out DIR`` option of the commands that write a result folder."""
    return click.option(
        "--out",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


class PositiveSeconds(click.ParamType[float]):
    """A time limit: a positive finite number of seconds (not 0, -1, nan or inf)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            seconds = math.nan
        if not (math.isfinite(seconds) and seconds > 0):
            self.fail(f"{value!r} is not a positive finite number of seconds (e.g. 60)", param, ctx)
        return seconds


def common_options(func: F) -> F:
    """Attach ``--settings --time-limit --seed --workers --lang --quiet`` as ``opts``."""

    @click.option(
        "--settings",
        "settings_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="settings.toml to use (default: INSTANCE/settings.toml if present, else defaults).",
    )
    @click.option(
        "--time-limit",
        type=PositiveSeconds(),
        help="Seconds the solver may use in all (overrides [solver] time_limit).",
    )
    @click.option(
        "--seed",
        type=click.IntRange(min=0, max=MAX_SEED),
        help="Random seed (overrides [solver] seed).",
    )
    @click.option(
        "--workers",
        type=click.IntRange(min=1, max=MAX_WORKERS),
        help="Solver threads (overrides [solver] workers).",
    )
    @click.option(
        "--lang",
        type=click.Choice(["en", "fr"]),
        default="en",
        show_default=True,
        help="Language of labels in reports.",
    )
    @click.option("--quiet", is_flag=True, help="Print nothing but errors.")
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        settings_file: Path | None,
        time_limit: float | None,
        seed: int | None,
        workers: int | None,
        lang: Literal["en", "fr"],
        quiet: bool,
        **kwargs: Any,
    ) -> Any:
        opts = CommonOptions(settings_file, time_limit, seed, workers, lang, quiet)
        return func(*args, opts=opts, **kwargs)

    return cast(F, wrapper)


def _fail(code: int, lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def _say_interrupted_result() -> None:
    click.echo(
        "interrupted: the best result found so far was written (status FEASIBLE, "
        '"interrupted": true in summary.json)',
        err=True,
    )


def guarded(func: F) -> F:
    """Map outcomes to the contract's exit statuses; never show a traceback.

    Set ``MATCHER_DEBUG=1`` to see the traceback of an internal error.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from matcher import interrupt

        try:
            with interrupt.handling():
                answer = func(*args, **kwargs)
            if interrupt.interrupted():
                _say_interrupted_result()
            return answer
        except InputError as error:
            count = len(error.problems)
            head = "invalid input" if count == 1 else f"invalid input ({count} problems)"
            _fail(EXIT_INVALID, [f"error: {head}:"] + [f"  {p}" for p in error.problems])
        except UsageError as error:
            _fail(EXIT_INVALID, [f"error: {error}"])
        except SolveFailure as failure:
            if interrupt.interrupted():
                _fail(
                    interrupt.EXIT_SIGINT,
                    ["error: interrupted before any solution was found; nothing was written"],
                )
            status = failure.result.status
            what = _STAGE_WORDS.get(failure.stage, failure.stage)
            if status == Status.INFEASIBLE:
                head = f"error: no {what} satisfies the rules:"
            else:
                head = (
                    f"error: no {what} found within the time limit "
                    f"({failure.result.time_s:.1f} s); raise --time-limit:"
                )
            _fail(failure.exit_code, [head] + [f"  {d}" for d in failure.result.diagnosis])
        except RuleViolations:
            sys.exit(EXIT_NO_SOLUTION)
        except BrokenRules as broken:
            _fail(EXIT_NO_SOLUTION, [broken.head] + [f"  - {v}" for v in broken.violations])
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except BrokenPipeError:
            # The reader left (`matcher validate … | head`): end quietly, the way a
            # command killed by SIGPIPE does; the interpreter's final flush goes nowhere.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_SIGPIPE)
        except KeyboardInterrupt:
            _fail(interrupt.EXIT_SIGINT, ["error: interrupted; nothing was written"])
        except Exception as error:  # the contract forbids tracebacks: report and exit 1
            if os.environ.get("MATCHER_DEBUG"):
                traceback.print_exc()
            _fail(
                EXIT_INTERNAL,
                [
                    f"internal error: {type(error).__name__}: {error}",
                    "nothing was written; please report this with the instance "
                    "(set MATCHER_DEBUG=1 for details)",
                ],
            )

    return cast(F, wrapper)
