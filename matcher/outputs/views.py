"""Presentation data derived from a run's outcome: metrics, members, composition, choice ranks.

Writers, the HTML report, the workbook and the terminal summary all show the same numbers;
computing them once here keeps them consistent. Metrics come from the independent validators
(``matcher.verify.selection``, ``matcher.verify.teams``), never from the solver's own values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from matcher.labels import Lang, decimal, half_up, years
from matcher.results import Changes, RunOutcome, StageResult, Status
from matcher.rules import balance_value, fair_share, students_by_value
from matcher.schemas import BALANCEABLE, Commission, Instance, Student
from matcher.stages import STAGES

#: Value of a balanced attribute: a category (background, gender) or a flag (vae, employed).
AttrValue = str | bool

_T = TypeVar("_T")

#: View name → (the outcome it was last computed for, its value). The writers of one command
#: (CSV, JSON, report, workbook, terminal) ask for the same views of the same outcome; on
#: large cohorts recomputing them each time costs more than writing some of the files.
_last: dict[str, tuple[RunOutcome, Any]] = {}


def _once(name: str, outcome: RunOutcome, compute: Callable[[RunOutcome], _T]) -> _T:
    """``compute(outcome)``, reused while the same outcome object is asked about again."""
    found = _last.get(name)
    if found is not None and found[0] is outcome:
        value: _T = found[1]
        return value
    value = compute(outcome)
    _last[name] = (outcome, value)
    return value


def target_text(low: int, high: int) -> str:
    """A target count or size: ``3``, or ``2–3`` when it is a range."""
    return f"{low}" if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class Member:
    """One student in one team, with the rank of that team among their choices."""

    student: Student
    commission_id: str
    #: Position of the team in the student's choices as written (1 = first written);
    #: ``None`` when they did not list it or gave no choices (contract §3 ``choice_rank``).
    choice_rank: int | None
    #: The solver's rank: among the selected choices, unlisted = listed selected + 1;
    #: ``None`` when the student gave no choices (contract §5).
    available_rank: int | None
    #: students.csv pins the student to this team (a lock of the workbench is no pin:
    #: ``Instance.locked``).
    pinned: bool = False

    @property
    def unlisted(self) -> bool:
        """Placed on a commission the student did not list (only when they listed some)."""
        return bool(self.student.choices) and self.choice_rank is None


@dataclass(frozen=True)
class Composition:
    """Counts of each balanced attribute value per team, against the cohort's targets."""

    #: (attribute, value) pairs in display order.
    columns: tuple[tuple[str, AttrValue], ...]
    #: (attribute, value) → (floor(N_v/K), ceil(N_v/K)).
    targets: dict[tuple[str, AttrValue], tuple[int, int]]
    #: commission id → (attribute, value) → count.
    counts: dict[str, dict[tuple[str, AttrValue], int]]

    def in_target(self, commission_id: str, column: tuple[str, AttrValue]) -> bool:
        """Whether the team's count for ``column`` lies within its target range."""
        low, high = self.targets[column]
        return low <= self.counts[commission_id].get(column, 0) <= high


def was_interrupted(outcome: RunOutcome) -> bool:
    """Whether the person stopped the search (the workbench's cancel, or Ctrl-C on the
    command line): the result is the best found so far."""
    from matcher.interrupt import interrupted

    return outcome.interrupted or interrupted()


def status_key(outcome: RunOutcome, stage: StageResult) -> str:
    """The catalogue key of a stage's status in words: "given" for a stage read from a
    file, "interrupted" for an unproven stage of a search the person stopped (not "time
    limit reached", a limit they never hit), else the status's own."""
    if is_given(stage):
        return "status_given"
    if stage.status == Status.FEASIBLE and was_interrupted(outcome):
        return "status_interrupted"
    return f"status_{stage.status}"


def objective_text(name: str, value: int, students: int, lang: Lang) -> str:
    """A priority's value or bound as people read it: the experience priority in years from
    the fair share (README: the measure divided by 10·N; "10,4 ans", not the solver's 6450),
    every other one as the integer it is."""
    if name == "experience" and students:
        return years(float(value) / (10 * students), lang)
    return str(value)


def digits_apart(value: int, other: int, students: int) -> int:
    """The decimals that show two experience gaps (in years, the measure over 10·N) apart:
    one, or more when one decimal shows two different values alike (probe s31f: « 3,4 |
    3,4 | meilleur » for 1290 against 1310), at most six."""
    digits = 1
    while value != other and digits < 6:
        shown = {decimal(v / (10 * students), "en", digits) for v in (value, other)}
        if len(shown) == 2:
            break
        digits += 1
    return digits


def objective_gap_text(name: str, value: int, best: int, students: int, lang: Lang) -> str:
    """How far ``value`` lies from ``best``, signed (a true minus sign), as the two values
    read: the experience priority's gap between the years each shows (probe s30c: « 24,6
    ans / 24,3 ans (+0,4 an) », the gap rounded on its own)."""
    sign = "+" if value > best else "\u2212"  # by the values: their years may read alike
    if name == "experience" and students:
        shown = [half_up(v / (10 * students), 1) for v in (value, best)]
        return sign + years(float(abs(shown[0] - shown[1])), lang)
    return sign + str(abs(value - best))


def is_given(stage: StageResult) -> bool:
    """Whether a stage's result was given (read from a file), not optimised by this command.

    Reports then say "given" rather than "time limit reached".
    """
    return stage.given


def solved_stages(outcome: RunOutcome) -> list[tuple[str, StageResult]]:
    """(``selection``/``teams``/``plan``, stage) for each stage present, in order."""
    stages = [("selection", outcome.selection), ("teams", outcome.teams), ("plan", outcome.plan)]
    return [(name, result.stage) for name, result in stages if result is not None]


def optimality_proven(outcome: RunOutcome) -> bool:
    """Whether every stage optimised by this command was proven optimal."""
    return all(
        stage.status == Status.OPTIMAL for _, stage in solved_stages(outcome) if not is_given(stage)
    )


def proven_key(outcome: RunOutcome) -> str:
    """The catalogue key saying whether the result is proven optimal: "proven" when every
    stage was optimised here and proven; "proven_optimised" when those optimised here were
    proven but another was given (a selection read from a file, teams edited by hand: no
    proof of them); else "not_proven"."""
    if not optimality_proven(outcome):
        return "not_proven"
    given = any(is_given(stage) for _, stage in solved_stages(outcome))
    return "proven_optimised" if given else "proven"


def commission_map(instance: Instance) -> dict[str, Commission]:
    """Commission id → commission."""
    return {c.id: c for c in instance.commissions}


def balanced_attributes(outcome: RunOutcome) -> tuple[str, ...]:
    """Attributes balanced under the settings in force (contract §4 default: those present)."""
    if outcome.settings.teams.balance is not None:
        return outcome.settings.teams.balance
    present = {"background", *outcome.instance.student_columns}
    return tuple(a for a in BALANCEABLE if a in present)


def attribute_value(student: Student, attribute: str) -> AttrValue | None:
    """A student's value for a balanced attribute; ``None`` when not recorded."""
    return balance_value(student, attribute)


def _rankers() -> Any:
    from matcher.verify.teams import choice_rank, written_rank

    return choice_rank, written_rank


def members(outcome: RunOutcome) -> list[Member]:
    """Every assigned student, in the order of students.csv."""
    return list(_once("members", outcome, _members))


def _members(outcome: RunOutcome) -> list[Member]:
    if outcome.teams is None:
        return []
    choice_rank, written_rank = _rankers()
    # A set built once: ranking against the tuple would rebuild it for every student.
    selected = frozenset(outcome.teams.commission_ids)
    rows = []
    locked = outcome.instance.locked
    for student in outcome.instance.students:
        commission_id = outcome.teams.assignment.get(student.id)
        if commission_id is None:
            continue
        rank = choice_rank(student, commission_id, selected) if student.choices else None
        pinned = student.pinned == commission_id and student.id not in locked
        written = written_rank(student, commission_id)
        rows.append(Member(student, commission_id, written, rank, pinned))
    return rows


#: Columns of teams.csv and of the workbook's Students sheet (contract §3, §8).
TEAMS_COLUMNS = (
    "student_id",
    "name",
    "commission_id",
    "institution",
    "choice_rank",
    "background",
    "vae",
    "employed",
    "gender",
    "choices",
)


def supervisor_words(outcome: RunOutcome, *, id_first: bool = False) -> dict[str, str]:
    """Each supervisor of the cohort, withdrawn ones too, as a what-if's changes name them:
    « Isabelle Roland (A3) », or « A3 (Isabelle Roland) » on the terminal (``id_first``, as
    the ids typed there; probe s36f: ids alone)."""
    named = {}
    for s in outcome.instance.supervisors or ():
        name = s.display_name
        both = f"{s.id} ({name})" if id_first else f"{name} ({s.id})"
        named[s.id] = s.id if name == s.id else both
    return named


def known_flags(instance: Instance) -> frozenset[str]:
    """The yes/no attributes the cohort gives (``vae``, ``employed``): a column students.csv
    lacks is unknown, written empty rather than "no" as gender is (probes s35a, s35e: « en
    emploi : non » beside a student's employer, students.csv having no such column)."""
    return frozenset(
        name
        for name in ("vae", "employed")
        if name in instance.student_columns or any(getattr(s, name) for s in instance.students)
    )


def team_rows(outcome: RunOutcome, flag: Callable[[bool], str]) -> list[list[Any]]:
    """One row per student in students.csv order, in ``TEAMS_COLUMNS`` order.

    ``flag`` words the yes/no columns (``yes``/``no`` in CSV, the language's in the workbook);
    an empty ``choice_rank`` means the student did not list their team, or gave no choices.
    A student without a team (a result edited by hand, re-rendered by ``report``) keeps
    their row, its ``commission_id`` empty, for the director to fill in.
    """
    if outcome.teams is None:
        return []
    commissions = commission_map(outcome.instance)
    member_of = {member.student.id: member for member in members(outcome)}
    known = known_flags(outcome.instance)
    rows = []
    for student in outcome.instance.students:
        member = member_of.get(student.id)
        commission_id = member.commission_id if member is not None else ""
        commission = commissions.get(commission_id)
        written = member.choice_rank if member is not None else None
        rows.append(
            [
                student.id,
                student.name,
                commission_id,
                commission.institution if commission is not None else "",
                "" if written is None else written,
                student.background,
                flag(student.vae) if "vae" in known else "",
                flag(student.employed) if "employed" in known else "",
                student.gender or "",
                ";".join(student.as_written),
            ]
        )
    return rows


def members_by_team(outcome: RunOutcome) -> dict[str, list[Member]]:
    """Commission id → its members in students.csv order; every team present, even empty."""
    if outcome.teams is None:
        return {}
    teams: dict[str, list[Member]] = {cid: [] for cid in outcome.teams.commission_ids}
    for member in members(outcome):
        teams.setdefault(member.commission_id, []).append(member)
    return teams


def composition(outcome: RunOutcome) -> Composition:
    """Counts per team of each value of each balanced attribute, with floor/ceil targets."""
    found = _once("composition", outcome, _composition)
    counts = {cid: dict(values) for cid, values in found.counts.items()}
    return Composition(found.columns, dict(found.targets), counts)


def _composition(outcome: RunOutcome) -> Composition:
    # The targets of contract §5, as ``balance_violations`` counts them: N_v over the whole
    # cohort, K the selected commissions. A result edited by hand may leave a student
    # without a team or put some in a commission not selected (probe s27: the targets were
    # taken from the students placed and every team shown, 10 teams for 8 selected).
    assert outcome.teams is not None
    teams = members_by_team(outcome)
    num_teams = max(len(outcome.teams.commission_ids), 1)
    cohort: Counter[tuple[str, AttrValue]] = Counter()
    counts: dict[str, dict[tuple[str, AttrValue], int]] = {cid: {} for cid in teams}
    attributes = balanced_attributes(outcome)
    for column, holders in students_by_value(attributes, outcome.instance.students).items():
        cohort[column] = len(holders)
    for commission_id, team in teams.items():
        for member in team:
            for attribute in attributes:
                value = attribute_value(member.student, attribute)
                if value is None:
                    continue
                column = (attribute, value)
                counts[commission_id][column] = counts[commission_id].get(column, 0) + 1

    def order(column: tuple[str, AttrValue]) -> tuple[int, int, str]:
        attribute, value = column
        # Flags show "yes" before "no"; categories by decreasing size then name.
        if isinstance(value, bool):
            return (attributes.index(attribute), 0 if value else 1, "")
        return (attributes.index(attribute), -cohort[column], value)

    columns = tuple(sorted(cohort, key=order))
    targets = {c: fair_share(cohort[c], num_teams) for c in columns}
    return Composition(columns, targets, counts)


def rank_histogram(team_members: list[Member]) -> dict[int | None, int]:
    """Written choice rank → students placed there; ``None`` → placed on an unlisted one.

    Students with choices only; every rank from 1 to the largest reached appears, and the
    unlisted count last when there are any.
    """
    with_choices = [m for m in team_members if m.student.choices]
    ranks = Counter(m.choice_rank for m in with_choices if m.choice_rank is not None)
    histogram: dict[int | None, int] = {
        rank: ranks.get(rank, 0) for rank in range(1, max(ranks, default=0) + 1)
    }
    unlisted = sum(m.unlisted for m in with_choices)
    if unlisted:
        histogram[None] = unlisted
    return histogram


def metrics(outcome: RunOutcome) -> dict[str, dict[str, Any]]:
    """Metrics of contract §3 for the stages present, from the independent validators."""
    found = _once("metrics", outcome, _metrics)
    return {stage: dict(values) for stage, values in found.items()}


def _metrics(outcome: RunOutcome) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    if outcome.selection is not None and outcome.selection.stage.solved:
        from matcher.verify.selection import selection_metrics

        result["selection"] = dict(
            selection_metrics(outcome.instance, list(outcome.selection.selected_ids))
        )
    if outcome.teams is not None and outcome.teams.stage.solved:
        from matcher.verify.teams import team_metrics

        result["teams"] = dict(
            team_metrics(
                outcome.instance, list(outcome.teams.commission_ids), outcome.teams.assignment
            )
        )
    return result


def edit_verdict(name: str, value: int, solver: int) -> str:
    """``edited_worse``/``edited_better``/``edited_same``: a priority's value now against the
    solver's, in the priority's sense (:mod:`matcher.stages`: the selection's ``sectors``,
    the plan's ``expertise``… are maximised)."""
    if value == solver:
        return "edited_same"
    maximised = any(name in stage.names and stage.priority(name).sense == "max" for stage in STAGES)
    return "edited_better" if (value > solver) == maximised else "edited_worse"


def edit_heading(priorities: Sequence[tuple[str, str, int, int | None]]) -> str | None:
    """The heading of the priorities beside the solver's values (``Edited.priorities``):
    ``section_edit_cost``, or ``section_edit_same`` when every value the solve recorded is
    unchanged (probe s31f: « Ce que la modification a coûté » of a result untouched; a
    priority the solve never recorded, a selection given to assign or whatif, counts as
    none); ``None`` when the solve recorded none."""
    recorded = [(value, solver) for *_, value, solver in priorities if solver is not None]
    if not recorded:
        return None
    same = all(value == solver for value, solver in recorded)
    return "section_edit_same" if same else "section_edit_cost"


# -- explanations (contract §9) --------------------------------------------------------------


def swap_pair_rows(outcome: RunOutcome) -> list[dict[str, Any]]:
    """summary.json ``metrics.teams.swap_pairs``: pairs of students who both wrote the
    other's team better than their own and whose swap keeps every rule, each with the
    first priority the swap would worsen (``"none"``: it worsens nothing)."""
    from dataclasses import asdict

    return [asdict(pair) for pair in _once("swap_pairs", outcome, _swap_pairs)]


def _swap_pairs(outcome: RunOutcome) -> list[Any]:
    from matcher.fairness import swap_pairs

    if outcome.teams is None or not outcome.teams.stage.solved:
        return []
    teams = outcome.teams
    return swap_pairs(
        outcome.instance, teams.commission_ids, teams.assignment, teams_before(outcome)
    )


def teams_before(outcome: RunOutcome) -> dict[str, str] | None:
    """A what-if's result: each student's team before it, where that team still exists
    (under its reserve's id when one took it over), for ``moves`` (contract §6); None
    otherwise (a result re-rendered keeps only the record of earlier what-ifs)."""
    changes = outcome.changes
    if changes is None or changes.recorded_only or outcome.teams is None:
        return None
    return teams_before_changes(outcome.teams.assignment, changes, outcome.teams.commission_ids)


def teams_before_changes(
    assignment: Mapping[str, str], changes: Changes, commission_ids: Sequence[str]
) -> dict[str, str]:
    """``teams_before`` from a what-if's teams and its changes (``rows``: changes.csv)."""
    from matcher.whatif import previous_teams_after

    before = assignment_before(assignment, changes.rows)
    # As the what-if counted its moves (``matcher.whatif._teams_after``).
    return previous_teams_after(
        before, assignment, changes.withdrawn_commissions, changes.replaced, kept=commission_ids
    )


def assignment_before(
    assignment: Mapping[str, str], rows: Sequence[tuple[str, str, str]]
) -> dict[str, str]:
    """Each student's commission before a what-if, from its teams (``assignment``) and who
    went where (changes.csv's ``rows``: an empty ``from`` for an arrival)."""
    before = dict(assignment)
    for student_id, old, _ in rows:
        if old:
            before[student_id] = old
        else:
            before.pop(student_id, None)
    return before


def rank_distribution(outcome: RunOutcome) -> dict[str, int]:
    """Students per written position of their team ("1", "2", …, "unlisted", "no_choices")."""
    from matcher.fairness import rank_distribution as distribution

    if outcome.teams is None:
        return {}
    return distribution(outcome.instance, outcome.teams.assignment)
