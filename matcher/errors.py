"""Invalid input: every problem found, each with file, spreadsheet row, column and expectation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from matcher.labels import (
    CellNumber,
    Lang,
    Listing,
    Text,
    clipped,
    counted,
    label,
    label_pattern,
    text,
    worded,
)

#: How a settings file ends: its own name, or as Notepad saves it (settings.toml.txt).
_SETTINGS_FILES = (".toml", ".toml.txt")
#: A decimal number as a workbook cell holding one is read (``2.5``, ``-1.25``).
_CELL_DECIMAL = re.compile(r"[-+]?\d+\.\d+")


def _cell_numbers(file: str, message: str | Text) -> str | Text:
    """``message`` with the decimal numbers it quotes from a workbook's cells said as the
    reader's spreadsheet shows them (« 2,5 » in French): a CSV's values stay as typed."""
    if not isinstance(message, Text) or ".xlsx" not in file.lower():
        return message
    values = {
        key: CellNumber(value)
        if isinstance(value, str) and _CELL_DECIMAL.fullmatch(value)
        else value
        for key, value in message.values.items()
    }
    return Text(message.key, values, message.count)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a spreadsheet user would find it.

    Parameters
    ----------
    file
        File name as the user knows it (``students.csv``, ``settings.toml``, a sheet name).
    row
        Spreadsheet row (header is row 1), line of a TOML file, or ``None`` for a whole-file
        problem.
    column
        Column header (or dotted settings key, shown as ``key``), or ``None``.
    message
        What was found and what was expected, in plain words: a ``Text`` (worded in the
        reader's language by ``text``) or a plain string.
    """

    file: str
    message: str | Text
    row: int | None = None
    column: str | None = None

    @property
    def said(self) -> str | Text:
        """What was found and what was expected, its workbook decimals said as the reader's
        spreadsheet shows them (« 2,5 »): the message as the terminal and the workbench's
        problems table word it (probe s40h D6: the page said « 2.5 »)."""
        return _cell_numbers(self.file, self.message)

    def text(self, lang: Lang) -> str:
        """The problem as the reader sees it: where, then what, in ``lang``."""
        where = self.file
        if self.row is not None:
            # A line of settings.toml, which no spreadsheet shows: a text editor's "line".
            line = "where_line" if self.file.endswith(_SETTINGS_FILES) else "where_row"
            where = label(line, lang, where=where, row=self.row)
        if self.column is not None:
            # settings.toml (and summary.json) have keys, not columns: name them as the file does.
            keyed = self.file.endswith((*_SETTINGS_FILES, ".json"))
            key = "where_key" if keyed else "where_column"
            # A header of 20,000 characters said by its start (probe s37a: printed whole).
            where = label(key, lang, where=where, column=clipped(self.column, lang))
        message = worded(self.said, lang)
        return label("problem_line", lang, where=where, message=message)

    def as_text(self) -> Text:
        """The problem as a message worded later (a warning kept with the instance)."""
        where: str | Text = self.file
        if self.row is not None:
            line = "where_line" if self.file.endswith(_SETTINGS_FILES) else "where_row"
            where = text(line, where=where, row=self.row)
        if self.column is not None:
            keyed = self.file.endswith((*_SETTINGS_FILES, ".json"))
            key = "where_key" if keyed else "where_column"
            where = text(key, where=where, column=self.column)
        return text("problem_line", where=where, message=self.said)

    def __str__(self) -> str:
        return self.text("en")


#: The most problems (or warnings) listed at once, on the terminal and in the workbench: a
#: file of 50,000 rows each naming an unknown id printed 50,000 lines (a 7 MB page), one of
#: 100,000 repeated pairs as many warnings; the rest are counted in one line after them,
#: the heading keeping the whole count.
MAX_PROBLEMS_SHOWN = 200
_T = TypeVar("_T")


def shown_problems(problems: Sequence[Problem]) -> tuple[list[Problem], Text | None]:
    """The problems to list (the first :data:`MAX_PROBLEMS_SHOWN`) and, when some are left
    out, the sentence counting them."""
    return _first(problems, "problems_more")


def shown_warnings(warnings: Sequence[str | Text]) -> tuple[list[str | Text], Text | None]:
    """The warnings to list and, when some are left out, the sentence counting them."""
    return _first(warnings, "warnings_more")


def _first(items: Sequence[_T], more_key: str) -> tuple[list[_T], Text | None]:
    if len(items) <= MAX_PROBLEMS_SHOWN:
        return list(items), None
    return list(items[:MAX_PROBLEMS_SHOWN]), counted(more_key, len(items) - MAX_PROBLEMS_SHOWN)


class InputError(Exception):
    """The input cannot be used; carries every problem found (exit status 2)."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        super().__init__("\n".join(str(p) for p in self.problems))


class BrokenRules(Exception):
    """A given result (a hand-edited selection) breaks rules: exit status 3, nothing written.

    ``head`` says what breaks them; ``violations`` are worded as ``matcher check`` words them.
    """

    def __init__(self, head: str | Text, violations: Sequence[str | Text]) -> None:
        self.head = head
        self.violations = list(violations)
        super().__init__("\n".join(str(line) for line in [head, *self.violations]))


class UsageError(Exception):
    """The command line asks for something that cannot be done (exit status 2).

    The message may be a ``Text``, worded by the front end in the reader's language.
    """

    def __init__(self, message: str | Text) -> None:
        self.message = message
        super().__init__(str(message))

    def text(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return worded(self.message, lang)


class RequestError(UsageError):
    """A request that cannot be done, naming what was asked in the front end's own words.

    ``template`` refers to the request's parts as ``{name}`` placeholders (``out``,
    ``from_dir``, ``withdraw_commission``, ``withdraw_student``, ``add_students``): the
    application never names a command-line flag or a form field. ``str()`` uses plain words;
    a front end passes its names to ``worded`` (the CLI: its flags).
    """

    #: How the parts of a request read when no front end words them.
    PLAIN_NAMES: ClassVar[dict[str, str]] = {
        "out": "output folder",
        "from_dir": "previous result folder",
        "withdraw_commission": "withdrawn commission",
        "withdraw_student": "withdrawn student",
        "add_students": "arrivals",
        "selection_file": "selection file",
        "result_dir": "result folder",
    }

    def __init__(self, template: str | Text, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(self.worded(self.PLAIN_NAMES))

    def worded(self, names: dict[str, str], lang: Lang = "en") -> str:
        """The message in ``lang`` with each part of the request called by ``names``.

        A ``Text`` template is the catalogue key of the message; its values join ``values``.
        """
        if isinstance(self.template, Text):
            pattern = label_pattern(self.template.key, lang)
            own = {
                k: worded(v, lang) if isinstance(v, (Text, Listing)) else v
                for k, v in self.template.values.items()
            }
        else:
            pattern, own = self.template, {}
        parts = {**self.PLAIN_NAMES, **names}
        values = {
            k: parts.get(v.name, v.name)
            if isinstance(v, RequestPart)
            else worded(v, lang)
            if isinstance(v, (Text, Listing))
            else v
            for k, v in {**self.values, **own}.items()
        }
        return pattern.format_map(_Words({**parts, **values}))


@dataclass(frozen=True)
class RequestPart:
    """A value of a ``RequestError`` that is itself a part of the request (worded by name)."""

    name: str


class _Words(dict[str, object]):
    """Placeholder values; a part no one named reads as its own name."""

    def __missing__(self, key: str) -> str:
        return key


#: errno → catalogue key: the system's reason for a file operation, in the reader's words.
_OS_REASONS = {
    "ENOENT": "os_no_such_file",
    "EACCES": "os_permission",
    "EPERM": "os_permission",
    "ENOSPC": "os_disk_full",
    "EDQUOT": "os_disk_full",
    "EROFS": "os_read_only",
    "ENOTDIR": "os_not_a_folder",
    "EISDIR": "os_is_a_folder",
    "ENAMETOOLONG": "os_name_too_long",
    "EBUSY": "os_busy",
    "EIO": "os_io_error",
    "ENOTEMPTY": "os_not_empty",
    "EEXIST": "os_exists",
    "EXDEV": "os_other_disk",
    "ELOOP": "os_link_loop",
    "EFBIG": "os_file_too_large",
    "ETXTBSY": "os_busy",
    "EINVAL": "os_invalid",
    "EMFILE": "os_too_many_open",
    "ENFILE": "os_too_many_open",
    "ENODEV": "os_no_device",
    "ENXIO": "os_no_device",
    "ESTALE": "os_network",
    "ETIMEDOUT": "os_network",
    "EHOSTDOWN": "os_network",
    "EHOSTUNREACH": "os_network",
    "ENETUNREACH": "os_network",
    "ENOMEM": "os_no_memory",
    "EADDRINUSE": "os_address_in_use",
    "EADDRNOTAVAIL": "os_address_not_here",
}


def os_reason(error: OSError) -> str | Text:
    """Why a file operation failed, worded in the reader's language when the error is a
    common one (the system's own text is English whatever the reader's language)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    key = _OS_REASONS.get(name)
    if key is not None:
        return text(key)
    # A rarer one: the system's own words, said as such in French.
    return text("os_other", reason=error.strerror or type(error).__name__)
