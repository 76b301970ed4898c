"""Validated domain records: what the loaders produce and every later layer trusts.

Loading (``matcher.loading``) is the only code that knows file and column names; it turns
rows into these models once, at the boundary. Ids are kept as given (trimmed).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SelectionPriority = Literal["sectors", "problem_types", "sector_spread", "priority"]
TeamPriority = Literal["worst_choice", "balance", "choices", "experience"]
Relation = Literal["apart", "together"]

#: Accepted ranges of the solver settings (CP-SAT takes a 32-bit seed; more threads than
#: this only slow a search down). ``--seed`` and ``--workers`` use the same.
MAX_SEED = 2**31 - 1
MAX_WORKERS = 64

#: Student attributes that can be balanced across teams, in their canonical names.
BALANCEABLE = ("background", "vae", "employed", "gender")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Commission(_Record):
    """A proposal received from an institution."""

    id: str = Field(min_length=1)
    institution: str = Field(min_length=1)
    sector: str = Field(min_length=1)
    problem_type: str = Field(min_length=1)
    title: str = ""
    #: Programme dates the institution can attend; ``None`` when the file has no slots column.
    slots: tuple[str, ...] | None = None
    priority: int = Field(default=0, ge=0)
    min_size: int | None = Field(default=None, ge=0)
    max_size: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Commission:
        if (
            self.min_size is not None
            and self.max_size is not None
            and self.min_size > self.max_size
        ):
            raise ValueError(f"min_size {self.min_size} exceeds max_size {self.max_size}")
        return self


class Student(_Record):
    """A student of the cohort."""

    id: str = Field(min_length=1)
    name: str = ""
    background: str = Field(min_length=1)
    vae: bool = False
    employed: bool = False
    employer: str | None = None
    gender: str | None = None
    experience_years: float | None = Field(default=None, ge=0)
    #: Commission ids, most wanted first (empty: no choices expressed).
    choices: tuple[str, ...] = ()
    pinned: str | None = None

    @property
    def display_name(self) -> str:
        """Name for reports, falling back on the id."""
        return self.name or self.id


class Pair(_Record):
    """Two students to keep apart or together."""

    student_a: str = Field(min_length=1)
    student_b: str = Field(min_length=1)
    relation: Relation


class SelectionSettings(_Record):
    """Rules and priorities of stage 1 (contract §4 ``[selection]``)."""

    count: int = Field(default=10, ge=1)
    max_per_institution: int = Field(default=1, ge=1)
    required_slots: tuple[str, ...] = ()
    any_slots: tuple[tuple[str, ...], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    priorities: tuple[SelectionPriority, ...] = (
        "sectors",
        "problem_types",
        "sector_spread",
        "priority",
    )


class TeamSettings(_Record):
    """Rules and priorities of stage 2 (contract §4 ``[teams]``)."""

    #: Cohort-wide bounds; ``None`` means floor(N/K) / ceil(N/K).
    min_size: int | None = Field(default=None, ge=0)
    max_size: int | None = Field(default=None, ge=1)
    #: Attributes to balance; ``None`` means those of BALANCEABLE present in students.csv.
    balance: tuple[str, ...] | None = None
    #: ``"attribute=value"`` conditions: 0 or at least 2 such students per team.
    no_isolation: tuple[str, ...] = ()
    conflict_of_interest: bool = True
    priorities: tuple[TeamPriority, ...] = ("worst_choice", "balance", "choices", "experience")


class SolverSettings(_Record):
    """Search budget and reproducibility (contract §4 ``[solver]``)."""

    time_limit: float = Field(default=60.0, gt=0, allow_inf_nan=False)
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    workers: int = Field(default=1, ge=1, le=MAX_WORKERS)


class Settings(_Record):
    """All settings in force; defaults included."""

    selection: SelectionSettings = SelectionSettings()
    teams: TeamSettings = TeamSettings()
    solver: SolverSettings = SolverSettings()


class Instance(_Record):
    """One cohort as read from an instance folder or workbook."""

    name: str
    commissions: tuple[Commission, ...] = ()
    students: tuple[Student, ...] = ()
    pairs: tuple[Pair, ...] = ()
    settings: Settings = Settings()
    #: Whether commissions.csv has a slots column (if not, every proposal is available).
    has_slots: bool = False
    #: Canonical names of the optional students.csv columns present in the file.
    student_columns: frozenset[str] = frozenset()
    #: Warnings found while loading (not errors): shown by ``validate`` and in reports.
    warnings: tuple[str, ...] = ()

    def balanced_attributes(self) -> tuple[str, ...]:
        """Attributes balanced for this cohort: the setting, else those present."""
        if self.settings.teams.balance is not None:
            return self.settings.teams.balance
        present = {"background", *self.student_columns}
        return tuple(a for a in BALANCEABLE if a in present)
