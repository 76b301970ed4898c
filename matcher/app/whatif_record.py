"""The what-if that wrote a result, read back from its folder (summary.json's changes and
changes.csv): ``matcher explain --result`` explains it with its moves first, and the
workbench reopening it keeps it (``app.report_checked(whatif=True)``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.results import Changes
from matcher.schemas import Instance

__all__ = ["WhatifRead", "whatif_rows"]


@dataclass(frozen=True)
class WhatifRead:
    """A what-if read back from its folder: changes.csv's rows, the teams before it."""

    rows: tuple[tuple[str, str, str], ...]
    before: dict[str, str]


def whatif_rows(
    folder: Path,
    recorded: Changes | None,
    instance: Instance,
    assignment: Mapping[str, str],
    team_ids: Sequence[str],
) -> tuple[WhatifRead | None, bool]:
    """The rows of changes.csv of the what-if that made the result in ``folder`` and, with
    its summary.json's changes, the teams before it (as ``explain_step`` explains it when
    ``whatif`` writes it); None for any other result (or one re-rendered since: ``report``
    writes no changes.csv). True beside None when the teams were edited by hand since the
    what-if: who was where before it is then unknown (a student moved by hand is in no row
    of changes.csv; probe s27 saw them counted as never moved), so its moves are not
    counted."""
    from matcher.errors import InputError
    from matcher.loading.tables import read_csv
    from matcher.outputs.views import teams_before_changes
    from matcher.verify.teams import team_objectives
    from matcher.whatif import moves_against

    path = folder / "changes.csv"
    if recorded is None or not path.is_file():
        return None, False
    try:
        table = read_csv(path)  # as the loader reads any CSV file (its guard against formulas)
    except (InputError, OSError):
        return None, False  # it only informs the explanations' first priority
    at = {header: idx for idx, header in enumerate(table.header)}
    if not all(column in at for column in _CHANGE_COLUMNS):
        return None, False
    where = [at[column] for column in _CHANGE_COLUMNS]
    rows = tuple((cells[where[0]], cells[where[1]], cells[where[2]]) for _, cells in table.rows)
    before = teams_before_changes(assignment, replace(recorded, rows=rows), team_ids)
    # The what-if's own teams (or the board the workbench saved after moving some by hand,
    # its changes.csv counted again): each row's student where it put them, the moves it
    # records, and the team values its summary.json records those of the teams now.
    values = _recorded_team_values(folder)
    now = team_objectives(instance, team_ids, assignment)
    now["moves"] = moves_against(assignment, before)
    kept = all(assignment.get(student, "") == new for student, _, new in rows)
    kept &= recorded.moves == now["moves"]
    if not kept or not values or any(now.get(k) != v for k, v in values.items()):
        return None, True
    return WhatifRead(rows, before), False


def _recorded_team_values(folder: Path) -> dict[str, int]:
    """The team priorities' values summary.json records for the result's own teams: the
    solve's, or, for a board saved after edits (``"priorities"``), the edited values."""
    from matcher.loading import recorded_objectives
    from matcher.loading.summary import read_summary, recorded_number

    summary = read_summary(folder)
    rows = summary.get("priorities") if isinstance(summary, dict) else None
    if isinstance(rows, list):
        try:
            teams = (r for r in rows if r.get("stage") == "teams")
            return {str(r["name"]): recorded_number(r["value"]) for r in teams}
        except (KeyError, TypeError, ValueError, AttributeError):  # Infinity, true: ValueError
            return {}
    return recorded_objectives(folder).get("teams", {})


_CHANGE_COLUMNS = ("student_id", "from_commission", "to_commission")
