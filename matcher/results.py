"""What a run produces, in ids: stage results, selection rows, teams, what-if changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matcher.labels import Text
from matcher.schemas import Instance, Settings, Student, Supervisor
from matcher.text import belgian, fold_name
from models.outcome import ObjectiveResult, Status

if TYPE_CHECKING:
    from matcher.explanation import Explanation

__all__ = [
    "Changes",
    "Edited",
    "ObjectiveResult",
    "PlanResult",
    "RunOutcome",
    "ScheduleRow",
    "SelectionResult",
    "SelectionRow",
    "StageResult",
    "Status",
    "TeamResult",
]


@dataclass(frozen=True)
class StageResult:
    """Solver outcome of one stage.

    ``diagnosis`` holds plain-language sentences, in the cohort's terms, explaining why no
    solution exists (status INFEASIBLE) or what stopped the search (UNKNOWN).
    """

    status: Status
    time_s: float
    objectives: tuple[ObjectiveResult, ...] = ()
    diagnosis: tuple[str | Text, ...] = ()
    #: Read from a file (``assign``, ``whatif``), not optimised by this command: its status
    #: is FEASIBLE (a solution, nothing claimed about optimality) and reports say "given".
    given: bool = False
    #: Work units the stage spent (``models.budget``: counted work, the same on every
    #: machine); ``run`` gives the teams what the selection left of the limit's units.
    work: float = 0.0
    #: What ended a search short of its proof (``models.budget.StoppedBy``): ``work`` (its
    #: counted budget: the same result on any machine), ``wall`` (the clock's safety net: a
    #: slower or loaded machine may give another) or ``interrupt`` (Ctrl-C); None otherwise.
    stopped_by: str | None = None

    @classmethod
    def from_file(cls) -> StageResult:
        """The stage of a selection received as input rather than solved."""
        return cls(Status.FEASIBLE, 0.0, given=True)

    @property
    def solved(self) -> bool:
        """Whether a solution is available (proven optimal or not)."""
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    def unproven_bounds(self) -> dict[str, int]:
        """The bound of each priority whose value is not proven optimal, by name: none in a
        stage proven optimal; otherwise each one from the first that stopped short of its
        bound (a proof holds given the priorities before it)."""
        if self.status == Status.OPTIMAL:
            return {}
        bounds: dict[str, int] = {}
        for objective in self.objectives:
            if bounds or not objective.proven:
                bounds[objective.name] = objective.bound
        return bounds


@dataclass(frozen=True)
class SelectionRow:
    """The fate of one proposal (one row of selection.csv)."""

    id: str
    eligible: bool
    selected: bool
    reserve_rank: int | None
    #: Why it is selected, a reserve, or left out: worded in the reader's language (a ``Text``)
    #: or as read from a selection.csv.
    reason: str | Text


@dataclass(frozen=True)
class SelectionResult:
    """Stage 1: every proposal's row, in the order of commissions.csv."""

    stage: StageResult
    rows: tuple[SelectionRow, ...] = ()

    @property
    def selected_ids(self) -> tuple[str, ...]:
        """Ids of the selected commissions, in file order."""
        return tuple(row.id for row in self.rows if row.selected)

    @property
    def reserve_ids(self) -> tuple[str, ...]:
        """Ids of the reserve proposals, best replacement first."""
        reserves = [row for row in self.rows if row.reserve_rank is not None]
        return tuple(row.id for row in sorted(reserves, key=lambda r: r.reserve_rank or 0))


@dataclass(frozen=True)
class TeamResult:
    """Stage 2: the commission of every student."""

    stage: StageResult
    #: Commission ids of the teams, in selection order.
    commission_ids: tuple[str, ...] = ()
    #: student id → commission id, for every student of the cohort.
    assignment: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Changes:
    """What a what-if re-solve changed.

    ``moves``, ``replaced`` and ``rows`` describe this what-if alone; the other fields are
    cumulative, relative to the original instance, so that a what-if result describes its
    own cohort (``check`` and a chained ``whatif --from`` rebuild it from them).
    """

    moves: int
    #: withdrawn commission id → the reserve that replaced it (this what-if).
    replaced: dict[str, str] = field(default_factory=dict)
    #: (student id, from commission or "", to commission or "") per student whose team changed.
    rows: tuple[tuple[str, str, str], ...] = ()
    #: Student id → name of the students who left in this what-if: the cohort after it no
    #: longer holds them, the rows of the report and the workbook still name them.
    left_names: dict[str, str] = field(default_factory=dict)
    #: Every commission withdrawn since the original result, replaced or not.
    withdrawn_commissions: tuple[str, ...] = ()
    #: The withdrawn commissions no reserve replaced: the selection holds that many fewer.
    unreplaced: tuple[str, ...] = ()
    #: Those of ``unreplaced`` this what-if withdrew: the report and the workbook list them
    #: beside its own rows (probe s37d: a chain's earlier ones read as this one's).
    unreplaced_now: tuple[str, ...] = ()
    #: Students of the original students.csv who left.
    withdrawn_students: tuple[str, ...] = ()
    #: Students who arrived and are still in the cohort.
    added_students: tuple[Student, ...] = ()
    #: The record alone, carried by a result re-rendered (``report``, ``plan``): no what-if
    #: of its own, so no moves, changes.csv or changes section are shown.
    recorded_only: bool = False


@dataclass(frozen=True)
class ScheduleRow:
    """One row of schedule.csv."""

    event: str
    commission_id: str
    institution: str
    town: str
    supervisor_id: str
    slot: str
    date: str
    start: str
    end: str

    @property
    def day(self) -> str:
        """Its day as a Belgian director writes it (``19/11/2026``), its slot when
        undated: what the workbench and the what-if's moved events show."""
        return belgian(self.date) if self.date else self.slot


SUPERVISION_HEADER = ("commission_id", "supervisor_id", "expertise")
SCHEDULE_HEADER = (
    "event",
    "commission_id",
    "institution",
    "town",
    "supervisor_id",
    "slot",
    "date",
    "start",
    "end",
)


@dataclass(frozen=True)
class PlanResult:
    """Stage 3 in ids: the stage's outcome, who supervises whom, and the schedule."""

    stage: StageResult
    #: (commission id, supervisor id, expertise) per team, in team order.
    supervision: tuple[tuple[str, str, bool], ...] = ()
    schedule: tuple[ScheduleRow, ...] = ()
    supervisors: tuple[Supervisor, ...] = ()
    #: Supervisors withdrawn by what-ifs since the original result (cumulative).
    withdrawn: tuple[str, ...] = ()
    #: Those of ``withdrawn`` this what-if withdrew (the workbook's changes sheet).
    withdrawn_now: tuple[str, ...] = ()
    #: (commission id, supervisor before, supervisor now) for each team of a what-if's
    #: earlier plan whose supervisor changed (empty outside what-ifs).
    reassigned: tuple[tuple[str, str, str], ...] = ()
    #: (row before, row now) for each visit and oral of a what-if's earlier plan whose slot
    #: or start changed (the ``event_moves`` priority; empty outside what-ifs).
    moved: tuple[tuple[ScheduleRow, ScheduleRow], ...] = ()


def supervisor_names(supervisors: Iterable[Supervisor]) -> dict[str, str]:
    """Each supervisor's name as people read it, two whose names fold alike (« Anne Martin »,
    « anne  martin ») followed by their ids, « Anne Martin (A1) »: the report, the workbook
    and calendar.ics told them apart nowhere but in the Schedule sheet (probes s36j, s37h,
    s38a). Give the cohort's supervisors, withdrawn ones too (probe s38g: once « Anne Martin
    (A01) » withdrew, « anne  martin » lost her id and her events read as changed)."""
    named = {s.id: s.display_name for s in supervisors}
    alike = Counter(fold_name(n) for n in named.values())
    return {
        sid: f"{n} ({sid})" if alike[fold_name(n)] > 1 and n != sid else n
        for sid, n in named.items()
    }


@dataclass(frozen=True)
class Edited:
    """A result edited by hand and re-rendered by ``matcher report`` (contract §8)."""

    #: Every rule the result breaks, worded for people (empty: it keeps every rule).
    broken_rules: tuple[str, ...] = ()
    #: (stage ``selection``/``teams``/``plan``, priority, value now, the solver's value recorded in
    #: the result's summary.json or ``None``): the cost of the edit.
    priorities: tuple[tuple[str, str, int, int | None], ...] = ()


@dataclass(frozen=True)
class RunOutcome:
    """Everything the writers need for one command's output folder."""

    instance: Instance
    settings: Settings
    selection: SelectionResult | None = None
    teams: TeamResult | None = None
    changes: Changes | None = None
    #: Stage 3, when the instance has supervisors.csv (or for ``matcher plan``).
    plan: PlanResult | None = None
    #: Stage 3 stopped by Ctrl-C before it found any plan, in a command that had found its
    #: teams: they are written (the best result found so far), without the plan's files.
    plan_stopped: StageResult | None = None
    #: Set by ``report`` only: the broken rules and the solver's values beside the edited.
    edited: Edited | None = None
    #: One per wish (contract §9), when the command explained its teams; None otherwise.
    explanations: tuple[Explanation, ...] | None = None
    #: The search was stopped before its end by the person (the workbench's cancel; the
    #: command line's Ctrl-C is read from ``matcher.interrupt``): the best result found so
    #: far, ``"interrupted": true`` in summary.json.
    interrupted: bool = False

    def explains(self, assignment: Mapping[str, str]) -> bool:
        """Whether ``explanations`` are of the teams as ``assignment`` has them (the board
        as the command left it, not moved since)."""
        teams = self.teams
        return (
            self.explanations is not None
            and teams is not None
            and (dict(assignment) == teams.assignment)
        )
