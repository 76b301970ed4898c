"""What a what-if leaves of the cohort once teams exist: no student at all is refused, as a
students.csv without rows is; fewer students than selected commissions is said, as
``validate`` says it of a cohort (probe s40c: every student withdrawn was « optimal » with
empty teams and no word; five of six left two teams of none without one)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from matcher.errors import RequestError
from matcher.labels import Text, counted, text

__all__ = ["empty_teams", "refuse_no_student_left"]


def _staying(students: Collection[str], leaving: Iterable[str], arriving: int) -> int:
    """How many students the changes leave: those not leaving, and the arrivals."""
    return len(set(students) - set(leaving)) + arriving


def refuse_no_student_left(
    students: Collection[str], leaving: Iterable[str], arriving: int, file: str
) -> None:
    """Refuse (exit 2) withdrawals that leave no student, no one arriving: teams need at
    least one, and ``file`` (students.csv) without rows is refused likewise."""
    if students and not _staying(students, leaving, arriving):
        raise RequestError(text("w_no_student_left", count=len(students), file=file))


def empty_teams(
    students: Collection[str], leaving: Iterable[str], arriving: int, teams: int
) -> list[Text]:
    """The warning that ``teams`` selected commissions outnumber the students the changes
    leave: that many teams hold no student (sizes floor(N/K) = 0 allow it, as ``run``
    does), a commission withdrawn without replacement per team to spare."""
    left = _staying(students, leaving, arriving)
    if not left or left >= teams:
        return []
    return [counted("w_empty_teams", teams - left, students=left, count=teams)]
