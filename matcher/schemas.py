"""Validated domain records: what the loaders produce and every later layer trusts.

Loading (``matcher.loading``) is the only code that knows file and column names; it turns
rows into these models once, at the boundary. Ids are kept as given (trimmed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from matcher.dates import calendar_day, slot_label
from matcher.labels import Day, Text, text
from matcher.text import fold_name, label_day, slot_key

SelectionPriority = Literal["sectors", "problem_types", "sector_spread", "priority"]
TeamPriority = Literal["worst_choice", "balance", "choices", "experience"]
Relation = Literal["apart", "together"]
PlanPriority = Literal["expertise", "load", "travel"]

#: Accepted ranges of the solver settings (CP-SAT takes a 32-bit seed; more threads than
#: this only slow a search down). ``--seed`` and ``--workers`` use the same.
MAX_SEED = 2**31 - 1
MAX_WORKERS = 64
#: The longest time limit, in seconds (about 11.6 days): longer ones made the solvers' own
#: limits overflow (probe s37a: ``--time-limit 1e20``, an internal error, exit 1).
MAX_TIME_LIMIT = 1_000_000
#: The longest journey between two institutions (``[calendar] travel_minutes``): a day.
MINUTES_IN_A_DAY = 24 * 60
#: The largest team size (``[teams] min_size / max_size``, commissions.csv's columns) and
#: the most teams per supervisor (``[supervision] max_teams``, supervisors.csv's column):
#: larger ones overflowed the solvers' 64-bit integers (probe s40d: exit 1, or a wrapped
#: count told as no plan); a value this large is a typing slip anyway.
MAX_COUNT = 1_000_000

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
    #: Town of the institution (travel times of stage 3); ``None`` when unknown.
    town: str | None = None

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Commission:
        if (
            self.min_size is not None
            and self.max_size is not None
            and self.min_size > self.max_size
        ):
            raise ValueError(text("sc_min_above_max", low=self.min_size, high=self.max_size))
        return self


class Student(_Record):
    """A student of the cohort."""

    id: str = Field(min_length=1)
    name: str = ""
    background: str = Field(min_length=1)
    vae: bool = False
    employed: bool = False
    employer: str | None = None
    #: Institutions an employer written ambiguously may name (several fit it alike, see
    #: ``loading.crossrefs.employers_as_institutions``): the student is kept off each of
    #: their commissions, the safe side of "never on their employer's commission".
    employer_also: tuple[str, ...] = ()
    gender: str | None = None
    experience_years: float | None = Field(default=None, ge=0)
    #: Commission ids, most wanted first (empty: no choices expressed).
    choices: tuple[str, ...] = ()
    pinned: str | None = None
    #: The choices as written when one is repeated (``choices`` holds each once): the
    #: outputs' ``choices`` and ``choice_rank`` are as written (contract §3).
    written_choices: tuple[str, ...] | None = None

    @property
    def as_written(self) -> tuple[str, ...]:
        """The choices as the student wrote them, a repeated one included (K3;K3;K2)."""
        return self.choices if self.written_choices is None else self.written_choices

    @property
    def display_name(self) -> str:
        """Name for reports, falling back on the id."""
        return self.name or self.id

    def employers(self) -> frozenset[str]:
        """The folded names of the institutions the student may work for (``fold_name``):
        their employer, and those an ambiguous one may name; compared with a commission's
        folded institution for conflicts of interest."""
        names = (self.employer, *self.employer_also) if self.employer else self.employer_also
        return frozenset(fold_name(name) for name in names)


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
    min_size: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    max_size: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    #: Attributes to balance; ``None`` means those of BALANCEABLE present in students.csv.
    balance: tuple[str, ...] | None = None
    #: ``"attribute=value"`` conditions: 0 or at least 2 such students per team.
    no_isolation: tuple[str, ...] = ()
    conflict_of_interest: bool = True
    priorities: tuple[TeamPriority, ...] = ("worst_choice", "balance", "choices", "experience")


class SolverSettings(_Record):
    """Search budget and reproducibility (contract §4 ``[solver]``)."""

    time_limit: float = Field(default=60.0, gt=0, le=MAX_TIME_LIMIT, allow_inf_nan=False)
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    workers: int = Field(default=1, ge=1, le=MAX_WORKERS)


def _as_written(text: str) -> str:
    return text


_DIGITS = re.compile(r"\d+")


def _unpadded(text: str) -> str:
    """``text`` with each run of digits without its leading zeros (``007`` → ``7``)."""
    if "0" not in text:  # most texts (a 10,000-student digest: 120,000 of them)
        return text
    return _DIGITS.sub(lambda m: m.group().lstrip("0") or "0", text)


def _texts(value: object, key: Callable[[str], str]) -> object:
    """``value`` (JSON-like: dicts, lists, texts, numbers) with ``key`` applied to every
    text in it, keys of dicts apart."""
    if isinstance(value, str):
        return key(value)
    if isinstance(value, dict):
        return {k: _texts(v, key) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_texts(v, key) for v in value]
    return value


_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


def minutes_of(clock: str) -> int:
    """Minutes since midnight of an ``HH:MM`` time (validated by the settings)."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def clock_of(minutes: int) -> str:
    """``HH:MM`` of a number of minutes since midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


#: A time as people write it: ``9:00``, ``09:00``, ``9h00``, ``09:00:00``, and the French
#: typographic ``9 h 30``, ``11 h`` (probe s39d: refused while ``9h00`` was read).
_WRITTEN_TIME = re.compile(r"^(\d{1,2})(?::(\d{2})(?::00)?|\s*[hH]\s*(\d{2})?)$")
#: A time as Calc and Excel write it in their English formats: ``9:00 AM``, ``02:30 PM``,
#: ``9:00:00 AM``, ``9 AM``, ``9:00 a.m.`` (hours 1 to 12; 12 AM is midnight).
_TWELVE_HOUR_TIME = re.compile(
    r"^(\d{1,2})(?::(\d{2})(?::00)?)?\s*([ap])\.?\s*m\.?$", re.IGNORECASE
)


def read_clock(cell: str) -> str | None:
    """``HH:MM`` of a time as written (``9:00``, ``09:00:00``, ``9h00``, ``9 h 30``, ``18h``, the
    ``9:00 AM``, ``02:30 PM`` a spreadsheet writes in English), ``None`` when it is none;
    the settings' windows and the plan files read times alike."""
    found = _WRITTEN_TIME.match(cell.strip())
    if found is None:
        return _twelve_hour_clock(cell)
    hours, minutes = int(found.group(1)), int(found.group(2) or found.group(3) or 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _twelve_hour_clock(cell: str) -> str | None:
    """``HH:MM`` of a time written with AM or PM (``02:30 PM`` is ``14:30``, ``12:00 AM``
    midnight, ``12:15 PM`` a quarter past noon); ``None`` for anything else (``13:00 PM``)."""
    found = _TWELVE_HOUR_TIME.match(cell.strip())
    if found is None:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    if not 1 <= hours <= 12 or minutes > 59:
        return None
    hours = hours % 12 + (12 if found.group(3).lower() == "p" else 0)
    return f"{hours:02d}:{minutes:02d}"


def _window(value: tuple[str, str]) -> tuple[str, str]:
    read = []
    for which, clock in zip(("sc_start_empty", "sc_end_empty"), value, strict=True):
        if isinstance(clock, str) and not clock.strip():
            # « '' is not a time » (the workbench's end time left empty, probe s36i).
            raise ValueError(text(which))
        hhmm = read_clock(clock)
        if hhmm is None or not _CLOCK.match(hhmm):
            raise ValueError(text("sc_not_a_time", clock=clock))
        read.append(hhmm)
    start, end = read
    if minutes_of(start) >= minutes_of(end):
        raise ValueError(text("sc_window_order", start=value[0], end=value[1]))
    return start, end


#: A ``[calendar] dates`` value: refused naming its own key (``calendar.dates.visit``).
CalendarDay = Annotated[str, AfterValidator(calendar_day)]
#: A visit or oral slot, dated by its name (``visit-2026-11-19``) in the calendar's years.
SlotLabel = Annotated[str, AfterValidator(slot_label)]


class SupervisionSettings(_Record):
    """Rules and priorities of stage 3, supervisors (contract §11 ``[supervision]``)."""

    #: Most teams per supervisor when supervisors.csv leaves it empty; 0: ceil(K / supervisors).
    max_teams: int = Field(default=0, ge=0, le=MAX_COUNT)
    priorities: tuple[PlanPriority, ...] = ("expertise", "load", "travel")

    @field_validator("priorities")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError(text("sc_priority_twice"))
        return value


class CalendarSettings(_Record):
    """Visits and oral defences of stage 3 (contract §11 ``[calendar]``)."""

    visit_slot: SlotLabel = Field(default="visit", min_length=1)
    visit_window: tuple[str, str] = ("09:00", "13:00")
    visit_minutes: int = Field(default=90, gt=0)
    oral_slots: tuple[SlotLabel, ...] = Field(default=("oral_thu", "oral_fri"), min_length=1)
    oral_window: tuple[str, str] = ("09:00", "17:00")
    oral_minutes: int = Field(default=60, gt=0)
    # At most a day: a longer journey is a typing slip, and a value of 10^11 minutes made
    # the plan's travel sums so large that CP-SAT found no plan within the time limit
    # (exit 4) instead of the usage error the contract asks of a setting out of range.
    travel_minutes: int = Field(default=45, ge=0, le=MINUTES_IN_A_DAY)
    same_town_minutes: int = Field(default=15, ge=0, le=MINUTES_IN_A_DAY)
    #: Slot label → ISO date (``2027-04-15``; written ``15/04/2027`` or ``2027-04-15`` in
    #: settings.toml); slots without a date get no calendar event.
    dates: dict[str, CalendarDay] = Field(default_factory=dict)

    _check_visit_window = field_validator("visit_window")(_window)
    _check_oral_window = field_validator("oral_window")(_window)

    @field_validator("visit_window", "oral_window", mode="before")
    @classmethod
    def _toml_times(cls, value: object) -> object:
        # TOML reads an unquoted 09:00:00 as a time, as it reads 2027-04-15 as a date:
        # accepted as its text, as the dates are.
        import datetime

        if isinstance(value, list | tuple) and len(value) != 2:
            # « every value it takes (one is missing) » said nothing of what (probe s36a).
            raise ValueError(text("sc_window_two"))
        if isinstance(value, list | tuple):
            return type(value)(v.isoformat() if isinstance(v, datetime.time) else v for v in value)
        return value

    @field_validator("dates", mode="before")
    @classmethod
    def _toml_dates(cls, value: object) -> object:
        # TOML reads an unquoted 2027-04-15 as a date: accept it as its ISO text.
        import datetime

        if isinstance(value, dict):
            return {
                k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in value.items()
            }
        return value

    @model_validator(mode="after")
    def _fits(self) -> CalendarSettings:
        for what, window, minutes in (
            ("visit", self.visit_window, self.visit_minutes),
            ("oral", self.oral_window, self.oral_minutes),
        ):
            length = minutes_of(window[1]) - minutes_of(window[0])
            if minutes > length:
                raise ValueError(
                    text(
                        # One key per field: the workbench names each as labelled.
                        f"sc_{what}_minutes_do_not_fit",
                        # The key to change, named by the problem (calendar.visit_minutes).
                        setting=f"{what}_minutes",
                        minutes=minutes,
                        window=f"{window[0]}–{window[1]}",
                        length=length,
                    )
                )
        if self.visit_slot in self.oral_slots:
            raise ValueError(text("sc_visit_is_oral", slot=self.visit_slot))
        if len(set(self.oral_slots)) != len(self.oral_slots):
            raise ValueError(text("sc_oral_twice"))
        # One day however written (contract §7), one label up to case and accents: two
        # spellings are one slot, and as two a supervisor could be at two events at once.
        seen = {slot_key(self.visit_slot): self.visit_slot}
        for slot in self.oral_slots:
            other = seen.setdefault(slot_key(slot), slot)
            if other == self.visit_slot and other != slot:
                raise ValueError(text("sc_visit_is_oral_day", visit=other, oral=slot))
            if other != slot:
                raise ValueError(text("sc_oral_one_day", first=other, second=slot))
        # One slot written twice in ``dates`` (``visite``, ``Visite``) with two dates: the
        # later one was taken without a word (probe s35d).
        dated: dict[str, tuple[str, str]] = {}
        for slot, date in self.dates.items():
            first, when = dated.setdefault(slot_key(slot), (slot, date))
            if first != slot and slot_key(when) != slot_key(date):
                raise ValueError(
                    text("sc_dates_slot_twice", setting="dates", first=first, second=slot)
                )
        # Two slots ``dates`` puts on one day are one day too (§7): each event keeps to its
        # slot, so a supervisor could be given a visit and an oral, or two orals, at once.
        on_day: dict[str, str] = {}
        for slot in (self.visit_slot, *self.oral_slots):
            day = self.dates_by_day.get(slot_key(slot))
            other = on_day.setdefault(slot_key(day), slot) if day is not None else slot
            if other != slot:
                raise ValueError(
                    text(
                        "sc_slots_one_date",
                        setting="dates",
                        first=other,
                        second=slot,
                        day=Day(slot_key(day)),
                    )
                )
        return self

    @property
    def dates_by_day(self) -> dict[str, str]:
        """``dates`` keyed by each slot as a day (``slot_key``: ``15/04/2027`` is
        ``15/4/2027``, contract §7), each date as written; a slot named by its day
        (``visit_slot = "1/10/2026"``, or ``"visite 1/10/2026"`` since session 32) dated by
        its name unless ``dates`` names it."""
        named = (self.visit_slot, *self.oral_slots)
        days = {slot_key(slot): day for slot in named if (day := label_day(slot)) is not None}
        return days | {slot_key(slot): date for slot, date in self.dates.items()}

    def slots_off(self, unavailable: Iterable[str]) -> set[str]:
        """The slots (as ``slot_key``) a supervisor's ``unavailable`` keeps them from: each
        slot named, and each slot ``dates`` puts on a day named (``1/10/2026`` when the
        visits are on 2026-10-01): a director names the day they cannot come (§7)."""
        return self.slots_named(unavailable)

    def takes_teams(self, unavailable: Iterable[str]) -> bool:
        """Whether a supervisor kept from ``unavailable`` can take a team at all: each team
        visits on ``visit_slot`` and defends on one of ``oral_slots`` with its supervisor.
        One who cannot (on leave this year) shares no teams: the default ``max_teams`` is
        the teams shared among the others (probe s15a)."""
        off = self.slots_off(unavailable)
        return slot_key(self.visit_slot) not in off and any(
            slot_key(slot) not in off for slot in self.oral_slots
        )

    def slots_named(self, labels: Iterable[str]) -> set[str]:
        """The slots (as ``slot_key``) a list of labels names: each slot named, and each
        slot ``dates`` puts on a day named. A commission's ``slots`` are the programme's
        dates it can attend (contract §1): ``15/4/2027`` offers ``oral_thu`` when
        ``dates`` puts ``oral_thu`` on 2027-04-15, as a supervisor's ``unavailable`` does."""
        named = {slot_key(label) for label in labels}
        return named | {slot for slot, date in self.dates_by_day.items() if slot_key(date) in named}

    def year_slip(self, labels: Iterable[str]) -> tuple[str, str, str] | None:
        """A date of a commission's slots ``labels`` that is an oral slot's day and month in
        another year of ``dates`` (2027-03-25 against « 2026-03-25 »: a slip of the year in
        the settings, probe s39c): (the date as written, the slot, its ISO day there)."""
        for written in labels:
            if (day := label_day(written)) is None:
                continue
            for slot in self.oral_slots:
                dated = self.dates_by_day.get(slot_key(slot))
                iso = label_day(dated) if dated is not None else None
                if iso is not None and iso != day and iso[4:] == day[4:]:  # -MM-DD alike
                    return written, slot, iso
        return None

    @property
    def visit_range(self) -> tuple[int, int]:
        """Visit window in minutes since midnight."""
        return minutes_of(self.visit_window[0]), minutes_of(self.visit_window[1])

    @property
    def oral_range(self) -> tuple[int, int]:
        """Oral window in minutes since midnight."""
        return minutes_of(self.oral_window[0]), minutes_of(self.oral_window[1])


class Settings(_Record):
    """All settings in force; defaults included."""

    selection: SelectionSettings = SelectionSettings()
    teams: TeamSettings = TeamSettings()
    solver: SolverSettings = SolverSettings()
    supervision: SupervisionSettings = SupervisionSettings()
    calendar: CalendarSettings = CalendarSettings()


class Supervisor(_Record):
    """A supervisor of the programme (accompagnateur·rice), from supervisors.csv."""

    id: str = Field(min_length=1)
    name: str = ""
    #: ``None``: ``[supervision] max_teams`` (or its automatic value).
    max_teams: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    sectors: tuple[str, ...] = ()
    #: Institutions they must not supervise (compared folded).
    ties: tuple[str, ...] = ()
    #: Slot labels they cannot attend.
    unavailable: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """Name for messages, falling back on the id."""
        return self.name or self.id


class Instance(_Record):
    """One cohort as read from an instance folder or workbook."""

    name: str
    commissions: tuple[Commission, ...] = ()
    students: tuple[Student, ...] = ()
    pairs: tuple[Pair, ...] = ()
    settings: Settings = Settings()
    #: Whether commissions.csv has a slots column (if not, every proposal is available).
    has_slots: bool = False
    #: That column's header as written (``créneaux``, ``Disponibilités``), for messages.
    slots_header: str = "slots"
    #: Canonical names of the optional students.csv columns present in the file.
    student_columns: frozenset[str] = frozenset()
    #: Those columns' headers as written (« En emploi »), for messages (contract §7).
    student_headers: dict[str, str] = Field(default_factory=dict)
    #: Warnings found while loading (not errors): shown by ``validate`` and in reports;
    #: a ``Text`` is worded in the reader's language (``matcher.labels.worded``).
    warnings: tuple[str | Text, ...] = ()
    #: supervisors.csv (stage 3, contract §11); ``None`` when the instance has none.
    supervisors: tuple[Supervisor, ...] | None = None
    #: Students whose ``pinned`` is a lock of the workbench (the director's, held for one
    #: solve), not students.csv's pin: messages say "locked", never read from the files.
    locked: frozenset[str] = frozenset()
    #: The supervisors' table as named on disk (``accompagnateurs.csv``, or a workbook's
    #: sheet ``book.xlsx [accompagnateurs]``), for messages (contract §7).
    supervisors_file: str = "supervisors.csv"
    #: commissions.csv as named on disk (``commandes.csv``, a workbook's sheet), for
    #: messages about a result naming an unknown proposal (contract §7).
    commissions_file: str = "commissions.csv"
    #: students.csv as named on disk (``étudiants.csv``, a workbook's sheet), for messages
    #: about an id that is no student of the cohort (contract §7).
    students_file: str = "students.csv"
    #: pairs.csv as named on disk, its two student columns as written, and the
    #: spreadsheet row of each pair ``(student_a, student_b, row)``: messages about a
    #: together-group name the rows that tie it (contract "Faults and hostile input").
    pairs_file: str = "pairs.csv"
    pair_headers: tuple[str, str] = ("student_a", "student_b")
    pair_rows: tuple[tuple[str, str, int], ...] = ()
    #: The settings file as named on disk, or the one to write when there is none
    #: (``cohorte.settings.toml`` beside a workbook), for messages (contract §7).
    settings_file: str = "settings.toml"

    def told_apart(self) -> dict[str, str]:
        """Each student's name as a sentence naming other students says it: the id added
        when another student of the cohort has the same name (probe s33a: « Jean Martin
        irait dans C3 », one of two Jean Martin)."""
        from collections import Counter

        counts = Counter(fold_name(s.display_name) for s in self.students)
        return {
            s.id: f"{s.name} ({s.id})"
            if s.name and counts[fold_name(s.display_name)] > 1
            else s.display_name
            for s in self.students
        }

    def balanced_attributes(self) -> tuple[str, ...]:
        """Attributes balanced for this cohort: the setting, else those present."""
        if self.settings.teams.balance is not None:
            return self.settings.teams.balance
        present = {"background", *self.student_columns}
        return tuple(a for a in BALANCEABLE if a in present)

    def teams_digest(self, commission_ids: Iterable[str], *, exact: bool = False) -> str:
        """A digest of everything stage 2 reads for teams on ``commission_ids``: the
        ``[teams]`` settings, the students (file order), pairs, locks and those
        commissions. summary.json records it, so that ``explain`` takes a recorded optimum
        for one only when nothing it was proven for has changed since (a pin removed,
        sizes loosened, another ``--settings``).

        Every text is taken with the leading zeros of its numbers set aside (``007`` is
        ``7``, as ids are resolved): a spreadsheet saving students.csv strips them from ids
        it takes for numbers, and the cohort is still the one solved. ``exact``: the digest
        summary.json recorded before (texts as written), still accepted
        (:meth:`solved_for`)."""
        import hashlib
        import json

        ids = list(commission_ids)
        key = _as_written if exact else _unpadded
        chosen = {key(i) for i in ids}
        facts = {
            "teams": self.settings.teams.model_dump(mode="json"),
            "balanced": list(self.balanced_attributes()),
            # As written or not, the same choices for the teams (digests stay those before).
            "students": [
                s.model_dump(mode="json", exclude={"written_choices"}) for s in self.students
            ],
            "pairs": [p.model_dump(mode="json") for p in self.pairs],
            "locked": sorted(key(i) for i in self.locked),
            "commissions": [
                c.model_dump(mode="json") for c in self.commissions if key(c.id) in chosen
            ],
            "ids": ids,
        }
        encoded = json.dumps(_texts(facts, key), sort_keys=True, ensure_ascii=True, default=str)
        return hashlib.sha256(encoded.encode("ascii")).hexdigest()

    def solved_for(self, commission_ids: Iterable[str], digest: str | None) -> bool:
        """Whether ``digest`` (summary.json's record of the cohort its teams were solved for)
        is this cohort's on ``commission_ids``: :meth:`teams_digest`, or the exact digest
        results written before it set leading zeros aside recorded."""
        ids = list(commission_ids)
        return digest is not None and digest in (
            self.teams_digest(ids),
            self.teams_digest(ids, exact=True),
        )
