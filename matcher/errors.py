"""Invalid input: every problem found, each with file, spreadsheet row, column and expectation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a spreadsheet user would find it.

    Parameters
    ----------
    file
        File name as the user knows it (``students.csv``, ``settings.toml``, a sheet name).
    row
        Spreadsheet row (header is row 1), or ``None`` for a whole-file problem.
    column
        Column header (or settings key), or ``None`` when not about one column.
    message
        What was found and what was expected, in plain words.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class InputError(Exception):
    """The input cannot be used; carries every problem found (exit status 2)."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command line asks for something that cannot be done (exit status 2)."""
