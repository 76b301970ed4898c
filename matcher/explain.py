"""Explanations (contract §9): why each student is not on a better choice, and what it would cost.

For a student with choices who is not on the best of their selected choices, every team
they ranked better (by available rank, contract §5) than their own is a *wish*, answered
exactly:

- ``impossible``: a hard rule forbids it whatever the others do. Cheap pre-checks first
  (conflict of interest, their own pin, a together partner pinned elsewhere or barred
  there, an apart partner pinned there, the team full with its pinned members and the
  student's together group, a no_isolation condition that cannot hold with them there);
  if none fires, a solve with the placement fixed that finds no
  assignment at all also proves it.
- ``free``: a result as good places them there. One solve fixes the placement, caps
  every priority at its current value and minimises ``moves`` (students whose team
  changes, from the current result): feasible means free, and says who moves.
- ``costs``: otherwise, with the placement fixed and everyone re-optimised (the settings'
  priorities in order, stage by stage, each under the caps of those before it), the first
  priority that must get worse goes from ``value`` to ``value_if`` (on a result edited by
  hand, not optimal, an earlier one made better never pays for a later one made worse).
  ``displaced`` is the fewest other students moved among the results so re-optimised: the
  priorities before it at most at their values, that one at ``value_if``, each later one
  minimised in turn (since session 30; before, the later priorities were left as they fell,
  which counted fewer movers than any full re-solve, probe s30e).
- ``unknown``: a solve needed for the verdict was not proven optimal within the time limit.

Every wish is first tried without CP-SAT (``models.wish_chains.cheap_answer``: the student
moved in alone, swapped, or a chain of up to three moves; ``free`` at once when at most one
other student moves with no priority worse), then on every assignment with the wish and one
other student moved anywhere (``models.wish_witness.Neighbourhood``: ``free`` with the
fewest movers, exact since that level is complete; and, once a solve proves a stage worse,
``costs`` one above its value with the fewest movers); these checks have a solve's time
limit as counted work (``unknown`` beyond it). The others are answered on ONE CP-SAT model
per cohort (``models.team_wish.WishSession``: one ``TeamData`` with the current result as
``previous`` and the settings' priorities then ``moves``), with the wished placement and
the priorities' caps (and, on a proven optimum, floors) as assumptions, starting from the
best chain found, or from an assignment an earlier wish's solve returned that places the
student there and keeps more leading priorities at their values (its stages skipped:
``WishSession.known``). ``displaced`` counts every student other than the wished one
whose team differs (a together partner following them counts). When several assignments
tie on the fewest movers, the one named is CP-SAT's, or the neighbourhood's first in its
order of enumeration (``models.wish_witness``): the verdict, ``value_if`` and
``displaced`` never depend on it (the one CP-SAT names may depend on the wishes answered
before in the same process, through those starts). With ``workers`` > 1 each process
builds its own model once and takes the next wish when done (no starts from earlier
wishes there). Swap pairs and the rank distribution are in ``matcher.fairness``; one
explanation and its words (the ``explain_*`` labels of ``matcher.labels``) in
``matcher.explanation``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from matcher.explain_pool import in_workers, usable_cores
from matcher.explain_rules import Cohort, pre_check
from matcher.explanation import Explanation, Verdict
from matcher.fairness import written_rank
from matcher.rules import together_groups
from matcher.schemas import Instance
from matcher.teams import team_data
from models.interrupt import Stopped, abandonable, searching, should_stop
from models.outcome import SolveParams
from models.teams import TeamData, objective_values

if TYPE_CHECKING:
    from models.team_wish import WishSession

#: Seconds below which a wish's solves are not started (``budget``): ``unknown``.
_MIN_SOLVE_TIME = 0.05
#: A what-if's moves in the models (``moves`` there counts the students displaced).
WHATIF_MOVES = "whatif_moves"


def _wishes(
    instance: Instance, ranks: np.ndarray, current: np.ndarray, who: set[int] | None
) -> list[tuple[int, int]]:
    """(student index, team index) of every wish, students in file order, best rank first."""
    wishes = []
    for i, _student in enumerate(instance.students):
        if who is not None and i not in who:
            continue
        here = int(ranks[i, current[i]])
        if here <= 1:
            continue
        better = [t for t in range(ranks.shape[1]) if 0 < ranks[i, t] < here]
        wishes += [(i, t) for t in sorted(better, key=lambda t: int(ranks[i, t]))]
    return wishes


def explain(
    instance: Instance,
    commission_ids: Sequence[str],
    assignment: Mapping[str, str],
    params: SolveParams,
    *,
    students: Iterable[str] | None = None,
    workers: int = 1,
    optimal: bool = False,
    budget: float | None = None,
    on_answer: Callable[[int, int], None] | None = None,
    before: Mapping[str, str] | None = None,
) -> list[Explanation]:
    """Every wish of the students (all, or those of ``students``) answered; see module doc.

    Parameters
    ----------
    instance
        The cohort (settings in force).
    commission_ids
        The selected commissions (the teams), as passed to ``form_teams``.
    assignment
        The result to explain: student id → commission id; it must keep every rule.
    params
        Time limit per solve (each wish takes one or two solves), seed, CP-SAT workers.
    students
        Ids of the students to explain (default: every student).
    workers
        Processes answering wishes in parallel (1: in this process).
    optimal
        The assignment is a proven lexicographic optimum of these priorities (``form_teams``
        with status OPTIMAL, not edited since): each stage may stop at the first solution
        keeping its value (``models.team_wish.WishSession``). Same verdicts, fewer and
        shorter solves; never set it for an edited or unproven result.
    budget
        Seconds for all the wishes (None: no limit but ``params.time_limit`` per solve).
        A wish whose solves would start after it, or whose solve it cuts short, is
        ``unknown``; a solve may overrun it by a fraction of a second (model loading).
    on_answer
        Called with (questions answered, questions) after each question, those a rule
        settles at once counted from the start (a front end's progress).
    before
        A what-if's result: each student's team before it, where that team still exists
        (``matcher.whatif.previous_teams_after``). Its ``moves`` (contract §6) is then the
        first priority, named ``moves`` in the explanations.

    Raises
    ------
    ValueError
        When the assignment misses a student or names a commission not in
        ``commission_ids``.
    """
    ids = tuple(commission_ids)
    index = {cid: t for t, cid in enumerate(ids)}
    missing = [s.id for s in instance.students if assignment.get(s.id) not in index]
    if missing:
        raise ValueError(f"no selected team for {', '.join(missing[:5])}")
    # From here a Ctrl-C keeps the verdicts settled so far (the rest ``unknown``), even
    # before the first CP-SAT solve (``models.interrupt``).
    searching()
    cohort, data = _prepare(instance, ids, assignment, before)
    who = None
    if students is not None:
        position = {s.id: i for i, s in enumerate(instance.students)}
        who = {position[s] for s in students if s in position}
    wishes = _wishes(instance, data.ranks, cohort.current, who)
    answers: dict[tuple[int, int], _Answer] = {}
    to_solve = []
    deadline = None if budget is None else time.monotonic() + budget
    ordered = tuple((p, cohort.values[p]) for p in cohort.priorities)
    for i, t in wishes:
        rule = pre_check(cohort, data, i, t)
        if rule is not None:
            answers[(i, t)] = _Answer("impossible", rule=rule)
        else:
            to_solve.append((i, t))
    told = None if on_answer is None else (on_answer, len(answers), len(wishes))
    if on_answer is not None:
        on_answer(len(answers), len(wishes))
    left = _best_first(to_solve)
    answers.update(
        _answer_all(data, cohort.current, ordered, left, params, optimal, deadline, workers, told)
    )
    return [_explanation(cohort, data, (i, t), answers[(i, t)], params) for i, t in wishes]


def _best_first(wishes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``wishes`` (each student's in rank order) with every student's best wish first, then
    every second-best, and so on, file order within each: when the time runs out (``run``
    explains within what its time limit leaves; 200 students need more), the wishes left
    ``unknown`` are the least wanted ones, not every wish of the last students."""
    seen: dict[int, int] = {}
    depth = []
    for i, _ in wishes:
        depth.append(seen.get(i, 0))
        seen[i] = depth[-1] + 1
    return [wish for _, _, wish in sorted(zip(depth, range(len(wishes)), wishes, strict=True))]


def _answer_all(
    data: TeamData,
    current: np.ndarray,
    values: tuple[tuple[str, int], ...],
    wishes: list[tuple[int, int]],
    params: SolveParams,
    optimal: bool,
    deadline: float | None,
    workers: int,
    told: tuple[Callable[[int, int], None], int, int] | None = None,
) -> dict[tuple[int, int], _Answer]:
    """The wishes the pre-checks left, answered in this process or ``workers`` processes;
    ``told`` = (``explain``'s ``on_answer``, questions settled before, questions) is called
    after each one."""
    if min(workers, usable_cores()) <= 1 or len(wishes) <= 1:
        answerer = _Answerer(data, current, values, params, optimal, deadline)
        answers: Iterable[_Answer] = (answerer.answer(i, t) for i, t in wishes)
    else:
        # Each process builds its own model once (``_start_worker``) and takes the next
        # wish as soon as it is done with one: wishes differ a lot in cost (0.03 to 6 s of
        # CPU on 200 students), so fixed halves would leave one process idle at the end.
        # No shared witnesses there (``WishSession.share``): which wishes a process
        # answers first depends on timing, so its named movers would too. In order: a
        # count that lags behind a slow wish, never ahead of the answers.
        initargs = (data, current, values, params, optimal, deadline, False)
        answers = in_workers(
            _answer_in_worker, wishes, min(workers, len(wishes)), _start_worker, initargs
        )
    found: list[_Answer] = []
    for answer in answers:
        found.append(answer)
        if told is not None and not should_stop():
            # After a stop the count ends where it was (the wishes left are unknown).
            told[0](told[1] + len(found), told[2])
    # Those a stop left unanswered (``in_workers`` ends early) are not settled.
    found.extend(_Answer("unknown") for _ in wishes[len(found) :])
    return dict(zip(wishes, found, strict=True))


def _prepare(
    instance: Instance,
    ids: tuple[str, ...],
    assignment: Mapping[str, str],
    before: Mapping[str, str] | None = None,
) -> tuple[Cohort, TeamData]:
    """The cohort's shared facts and its TeamData (current result as ``previous``;
    ``before``, a what-if's result: its moves first, as ``whatif_moves``)."""
    index = {cid: t for t, cid in enumerate(ids)}
    data = team_data(instance, ids, previous=assignment, base=before)
    priorities = tuple(p for p in data.priorities if p != "moves")
    if before is not None:
        priorities = (WHATIF_MOVES, *priorities)
    data = replace(data, priorities=(*priorities, "moves"))
    current = np.array([index[assignment[s.id]] for s in instance.students], dtype=np.int64)

    values = objective_values(data, current)
    pins = data.pinned_or_none().copy()
    group_of: list[tuple[int, ...]] = [(i,) for i in range(data.num_students)]
    position = {s.id: i for i, s in enumerate(instance.students)}
    for ids_of_group in together_groups(instance):
        members = tuple(position[sid] for sid in ids_of_group)
        for i in members:
            group_of[i] = members
    effective = pins.copy()
    for i, group in enumerate(group_of):
        pinned = [int(pins[j]) for j in group if pins[j] >= 0]
        if pinned and effective[i] < 0:
            effective[i] = pinned[0]
    apart: dict[int, list[int]] = {}
    for a, b in data.apart:
        apart.setdefault(a, []).append(b)
        apart.setdefault(b, []).append(a)
    cohort = Cohort(
        instance,
        ids,
        current,
        priorities,
        {p: values[p] for p in priorities},
        pins,
        group_of,
        effective,
        apart,
    )
    return cohort, data


@dataclass(frozen=True)
class _Answer:
    """A wish answered in indices (picklable, for worker processes)."""

    verdict: Verdict
    priority: str | None = None
    value_if: int | None = None
    team_of: np.ndarray | None = None
    rule: tuple[str, tuple[tuple[str, str], ...]] | None = None
    #: ``unknown``: the cohort is too large for the solver's model (``session_fits``).
    too_large: bool = False
    #: ``unknown``: the checks without CP-SAT did not fit in the time limit (``_answer``).
    checks_over: bool = False


class _Answerer:
    """Answers the wishes the pre-checks did not settle, one by one, on one model
    (``WishSession``, built when the first wish needs a solve).

    Each wish is first tried without CP-SAT: ``cheap_answer`` (a move or a swap that keeps
    every rule and priority is ``free`` at once, even with no time left), then the
    assignments one other move away (``models.wish_witness.Neighbourhood``: the fewest
    movers, exact); a solve that proves a stage worse may then be answered from the
    neighbourhood too (``_worse_by_one``). On a proven optimum, with ``share``, an
    assignment an earlier solve returned may start the solves instead of the move chain
    (``WishSession.known``).
    """

    def __init__(
        self,
        data: TeamData,
        current: np.ndarray,
        values: tuple[tuple[str, int], ...],
        params: SolveParams,
        optimal: bool = False,
        deadline: float | None = None,
        share: bool = True,
    ) -> None:
        self.data = data
        self.share = share
        self.current = current
        self.values = values
        self.quiet = replace(params, progress=None)
        self.optimal = optimal
        self.deadline = deadline
        self.session: WishSession | None = None

    def answer(self, i: int, t: int) -> _Answer:
        if should_stop():
            # Ctrl-C: the wishes left are not settled (each solve, given no time, still
            # loaded the model: 25 s for 76 wishes of 200 students before session 8).
            return _Answer("unknown")
        try:
            with abandonable():
                return self._answer(i, t)
        except Stopped:
            # Ctrl-C during a model's build or the evaluation of move chains (up to 6 s
            # on 1,000 students before): dropped, the wish is not settled.
            return _Answer("unknown")

    def _spent(self) -> bool:
        """The budget is over (``deadline`` passed)."""
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _answer(self, i: int, t: int) -> _Answer:
        from models.budget import Budget, BudgetSpent
        from models.team_wish import WishAnswer, WishSession, session_fits, worse_by_one
        from models.wish_chains import cheap_answer
        from models.wish_witness import Neighbourhood

        data, current, values = self.data, self.current, self.values
        # Past the budget even the checks without CP-SAT are not started: a few ms a wish,
        # they took 1.3 s past a 1.7 s budget on the 290 wishes of 200 students.
        if self._spent():
            return _Answer("unknown")
        # The checks without CP-SAT: a solve's limit, counted (10,000 students: 179 s).
        checks = Budget.start(self.quiet.work(), self.quiet.time_limit)
        try:
            answer, hint, settled = cheap_answer(data, values, current, i, t, checks)
            near = None
            if answer is None and self._spent():
                return _Answer("unknown")
            if answer is None:
                # Every assignment one other move away, and some two away (exact fewest).
                near = Neighbourhood(data, values, current, i, t, budget=checks)
                found = near.free()
                near.budget = None  # the solves' time limit is their own
                if found is not None:
                    answer = WishAnswer("free", team_of=found[1])
        except BudgetSpent:
            return _Answer("unknown", checks_over=True)
        if answer is None:
            left = None if self.deadline is None else self.deadline - time.monotonic()
            if left is not None and left <= _MIN_SOLVE_TIME:
                return _Answer("unknown")
            if self.session is None and not session_fits(data):
                return _Answer("unknown", too_large=True)  # 10,000 students: 24 GB, killed
            if self.session is None:
                self.session = WishSession(
                    data, values, current, optimal=self.optimal, share=self.share
                )
            known = None if self.session.known is None else self.session.known.best(i, t)
            if known is not None and self.optimal and known[0] > settled:
                settled, hint = known
            quiet = self.quiet
            # Every solve of this wish within the budget, not each given what was left.
            limited = (
                quiet
                if left is None
                else replace(quiet, time_limit=min(quiet.time_limit, left), deadline=self.deadline)
            )
            answer = self.session.answer(
                i,
                t,
                limited,
                settled=settled if self.optimal else 0,
                hint=hint,
                worse=None if near is None or not self.optimal else worse_by_one(near, values),
            )
        rule = ("rule_no_assignment", ()) if answer.verdict == "impossible" else None
        return _Answer(
            answer.verdict,  # type: ignore[arg-type]
            priority=answer.priority,
            value_if=answer.value_if,
            team_of=answer.team_of,
            rule=rule,
        )


#: This worker process's answerer (``_answer_all`` with ``workers`` > 1).
_IN_WORKER: list[_Answerer] = []


def _start_worker(*args: object) -> None:
    _IN_WORKER[:] = [_Answerer(*args)]  # type: ignore[arg-type]


def _answer_in_worker(wish: tuple[int, int]) -> _Answer:
    return _IN_WORKER[0].answer(*wish)


def _explanation(
    cohort: Cohort, data: TeamData, wish: tuple[int, int], answer: _Answer, params: SolveParams
) -> Explanation:
    from matcher.explain_detail import cost_detail, improvement

    i, t = wish
    students = cohort.instance.students
    ids = cohort.commission_ids
    student = students[i]
    wanted = ids[t]
    moved: tuple[tuple[str, str, str, str], ...] = ()
    detail: tuple[tuple[str, str], ...] = ()
    if answer.team_of is not None:
        detail = cost_detail(
            cohort.instance,
            ids,
            cohort.current,
            answer.team_of,
            data.ranks,
            i,
            answer.priority,
            answer.value_if,
        )
        named = cohort.named
        moved = tuple(
            (students[j].id, named[students[j].id], ids[int(cohort.current[j])], ids[int(team)])
            for j, team in enumerate(answer.team_of)
            if j != i and team != cohort.current[j]
        )
    return Explanation(
        student_id=student.id,
        student_name=student.display_name,
        commission_id=ids[int(cohort.current[i])],
        wanted=wanted,
        wanted_rank=written_rank(student, wanted) or 0,
        verdict=answer.verdict,
        priority=_named(answer.priority),
        value=None if answer.priority is None else cohort.values[answer.priority],
        value_if=answer.value_if,
        displaced=None if answer.team_of is None else len(moved),
        moved=moved,
        detail=detail,
        rule=answer.rule,
        better=_better_named(
            improvement(data, cohort.values, answer.team_of, answer.verdict, answer.priority)
        ),
        time_limit=params.time_limit if answer.verdict == "unknown" else None,
        interrupted=answer.verdict == "unknown" and should_stop() and not answer.too_large,
        too_large=(len(students), len(ids)) if answer.too_large else None,
        checks_over=answer.checks_over,
        num_students=len(students),
    )


def _named(priority: str | None) -> str | None:
    """A priority as the contract names it: a what-if's moves is ``moves``."""
    return "moves" if priority == WHATIF_MOVES else priority


def _better_named(
    better: tuple[str, int, int] | None,
) -> tuple[str, int, int] | None:
    return None if better is None else (str(_named(better[0])), better[1], better[2])
