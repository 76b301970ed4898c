"""What the terminal shows: throttled progress during long solves, a summary table at the end.

Progress goes to stderr so that stdout holds only the summary (and can be piped); the front
end decides whether to show either (the CLI: not with ``--quiet``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

import click

from matcher.labels import (
    Lang,
    decimal,
    label,
    listing,
    metric_label,
    metric_value,
    priority_label,
    worded,
    years,
)
from matcher.outputs import views
from matcher.results import RunOutcome, ScheduleRow
from matcher.stages import STAGES


def _number(value: float, lang: Lang) -> str:
    """A solver value as people write it: integers without a decimal point, else two
    decimals (a decimal comma in French)."""
    if value == int(value):
        return str(int(value))
    return decimal(value, lang, 2)


#: The most seconds left a progress line says (a day); beyond, it says none.
_SAID_LEFT = 86_400.0


class _Lines:
    """What both progress printers share: where and in which language they print, how
    often, after how long, and the command's deadline each line counts down to."""

    def __init__(
        self,
        stream: TextIO | None,
        interval: float,
        clock: Callable[[], float],
        delay: float,
        lang: Lang,
        deadline: float | None,
    ) -> None:
        self._stream = stream
        self._lang = lang
        self._interval = interval
        self._delay = delay
        self._clock = clock
        self._deadline = deadline

    def _say(self, line: str, now: float) -> None:
        """``line``, with the time the command has left at most when it has a deadline."""
        if self._deadline is not None:
            left = max(self._deadline - now, 0.0)
            # Not beyond a day: ``--time-limit 1e308`` printed its 309 digits (probe s32b).
            if left <= _SAID_LEFT:
                line += label("progress_left", self._lang, left=f"{left:.0f}")
        _print(line, self._stream)


class ProgressPrinter(_Lines):
    """A ``models.solve.ProgressCallback`` printing at most one line per ``interval`` seconds.

    Nothing is shown during the first ``delay`` seconds of a stage, so quick solves stay
    silent. After that, the first improvement of each priority is shown, so every priority
    of a long lexicographic search appears; later ones only when ``interval`` has passed.

    Parameters
    ----------
    stream
        Where to print (default: stderr at the time of the call).
    interval
        Minimum seconds between two lines for one priority.
    delay
        Seconds of solving (``elapsed``) before anything is printed.
    clock
        Time source (tests inject a fake one); ``time.perf_counter`` by default, the clock
        ``deadline`` is read on.
    deadline
        When the command's time limit runs out (on ``clock``): each line then says how long
        is left at most.
    students
        The cohort's size: the experience priority is then shown in years, as the summary
        shows it (``views.objective_text``), not as the solver's integer (39320 beside a
        summary's "19.7 years").
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        interval: float = 0.5,
        clock: Callable[[], float] = time.perf_counter,
        delay: float = 1.0,
        lang: Lang = "en",
        deadline: float | None = None,
        students: int | None = None,
    ) -> None:
        super().__init__(stream, interval, clock, delay, lang, deadline)
        self._students = students
        self._last_name: str | None = None
        self._last_time = float("-inf")

    def __call__(self, name: str, best: float, bound: float, elapsed: float) -> None:
        if elapsed < self._delay:
            return
        now = self._clock()
        if name == self._last_name and now - self._last_time < self._interval:
            return
        self._last_name = name
        self._last_time = now
        # The priority in words in both languages, as the summary table names it (probe s26:
        # English lines said "worst_choice", the settings key).
        shown = priority_label(name, self._lang)
        line = label(
            "progress_line",
            self._lang,
            stage=_stage_of(name, self._lang),
            name=f"{shown:<14}",
            best=f"{self._value(name, best):>6}",
            bound=f"{self._value(name, bound):>6}",
            elapsed=f"{decimal(elapsed, self._lang, 1):>6}",
        )
        self._say(line, now)

    def _value(self, name: str, value: float) -> str:
        if name == "experience" and self._students:
            return views.objective_text(name, round(value), self._students, self._lang)
        return _number(value, self._lang)


class QuestionsPrinter(_Lines):
    """The explanations' progress (``explain``'s ``on_answer``: questions answered, questions)
    on stderr: nothing during the first ``delay`` seconds (60 students are explained in about
    a second), then at most one line every ``interval`` seconds, none once all are answered
    (the summary follows). 200 students' explanations take up to the time limit.
    """

    def __init__(
        self,
        lang: Lang = "en",
        deadline: float | None = None,
        stream: TextIO | None = None,
        interval: float = 5.0,
        delay: float = 2.0,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(stream, interval, clock, delay, lang, deadline)
        self._start: float | None = None
        self._last = float("-inf")

    def __call__(self, answered: int, total: int) -> None:
        now = self._clock()
        if self._start is None:
            self._start = now
        elapsed = now - self._start
        if elapsed < self._delay or now - self._last < self._interval or answered >= total:
            return
        self._last = now
        line = label(
            "progress_questions",
            self._lang,
            answered=answered + 1,
            total=total,
            elapsed=decimal(elapsed, self._lang, 1),
        )
        self._say(line, now)


def _print(line: str, stream: TextIO | None) -> None:
    """``line`` on ``stream``, else on stderr as every other line of the command is printed
    (``click.echo``): nothing when stderr was closed as the command began (``print`` then
    wrote to stdout, into the summary), UTF-8 where the terminal claims ASCII (``print``
    wrote ``\\xe9quipes`` beside a summary in accents)."""
    if stream is None:
        click.echo(line, err=True)
    else:
        print(line, file=stream, flush=True)


def _stage_of(priority: str, lang: Lang) -> str:
    """The readable name of the stage whose priority is ``priority`` (a what-if's
    ``moves`` is the teams')."""
    for stage in STAGES:
        if priority in stage.names:
            return label(stage.label_key, lang)
    return ""


def metric_lines(metrics: Mapping[str, Mapping[str, Any]], lang: Lang) -> list[str]:
    """Metrics as an aligned list: a heading per stage, then one ``label  value`` per line."""
    lines = []
    names = [metric_label(k, lang) for values in metrics.values() for k in values]
    width = max((len(n) for n in names), default=0)
    for stage, values in metrics.items():
        lines.append(f"{label('section_metrics', lang)} — {label('stage_' + stage, lang)}")
        for key, value in values.items():
            shown = metric_value(key, value, lang)
            lines.append(f"  {metric_label(key, lang):<{width}}  {shown}")
    return lines


def summary_lines(outcome: RunOutcome, lang: Lang = "en") -> list[str]:
    """The end-of-run table: stage, status, time, each priority's value and bound, metrics."""
    header = [label(k, lang) for k in ("stage", "status", "time", "priority", "value", "bound")]
    rows: list[list[str]] = []
    students = len(outcome.instance.students)
    stages = [
        (stage.label_key, result.stage)
        for stage in STAGES
        if (result := getattr(outcome, stage.name)) is not None
    ]
    for key, stage in stages:
        if views.is_given(stage):
            status = label("status_given", lang)
        elif lang == "en":
            status = str(stage.status)  # the contract's status word, as always in English
        else:
            status = label(views.status_key(outcome, stage), lang)
        first = [label(key, lang), status, f"{decimal(stage.time_s, lang, 1)} s"]
        if not stage.objectives:
            rows.append([*first, "", "", ""])
        for index, objective in enumerate(stage.objectives):
            lead = first if index == 0 else ["", "", ""]
            value, bound = (
                views.objective_text(objective.name, v, students, lang)
                for v in (objective.value, objective.bound)
            )
            rows.append([*lead, priority_label(objective.name, lang), value, bound])
    if not any(stage.objectives for _, stage in stages):
        # A result given (`report`, `check`): no priority was optimised here, and three
        # empty columns read as values missing (probe s33e); the edit's cost follows.
        header, rows = header[:3], [row[:3] for row in rows]
    lines = [f"{label('summary_heading', lang)} — {outcome.instance.name}"]
    if rows:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        numeric = {4, 5}

        def fmt(row: list[str]) -> str:
            cells = [
                cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                for i, cell in enumerate(row)
            ]
            return "  ".join(cells).rstrip()

        lines.append(fmt(header))
        lines.append("  ".join("-" * w for w in widths))
        lines.extend(fmt(row) for row in rows)
        if any(not views.is_given(stage) for _, stage in stages):
            lines.append(label(views.proven_key(outcome), lang))
    lines.extend(metric_lines(views.metrics(outcome), lang))
    if outcome.changes is not None and not outcome.changes.recorded_only:
        colon = label("colon", lang)
        # Before teams exist (a what-if on `select`'s folder) nobody can have moved: the
        # count is left out, summary.json keeps its 0.
        said = [f"{label('moves', lang)}{colon}{outcome.changes.moves}"] if outcome.teams else []
        replaced = [f"{old} → {new}" for old, new in outcome.changes.replaced.items()]
        if replaced:  # named once, the replacements after it (probe s26: once per pair)
            said.append(f"{label('replaced', lang)}{colon}{', '.join(replaced)}")
        # Where the students who arrived were placed (probe s29h: only in changes.csv).
        arrived = [f"{sid} → {to}" for sid, before, to in outcome.changes.rows if not before and to]
        if arrived:
            shown = worded(listing(arrived, most=8, last=None), lang)
            said.append(f"{label('arrived_placed', lang)}{colon}{shown}")
        if said:
            lines.append(" · ".join(said))
    if outcome.plan is not None and outcome.plan.withdrawn:
        # Who left, each named (the teams' changes below give ids only).
        named = views.supervisor_words(outcome, id_first=True)
        gone = ", ".join(named.get(i, i) for i in outcome.plan.withdrawn)
        lines.append(label("plan_withdrawn", lang, ids=gone))
    if outcome.plan is not None and outcome.plan.reassigned:
        colon = label("colon", lang)
        named = views.supervisor_words(outcome, id_first=True)
        moved = ", ".join(
            f"{c} {named.get(was, was)} → {named.get(now, now)}"
            for c, was, now in outcome.plan.reassigned
        )
        lines.append(f"{label('web_supervisor_changes', lang)}{colon}{moved}")
    if outcome.plan is not None and outcome.plan.moved:
        colon = label("colon", lang)
        # At most 8 on the terminal (summary.json and the report list them all).
        every = [moved_event(old, now, lang) for old, now in outcome.plan.moved]
        events = worded(listing(every, most=8, joiner="semicolon"), lang)
        lines.append(f"{label('plan_moved_events', lang)}{colon}{events}")
    return lines


def moved_event(old: ScheduleRow, now: ScheduleRow, lang: Lang) -> str:
    """A visit or oral a what-if moved, e.g. "the visit of C08, 19/11/2026: 09:00–10:30 →
    11:15–12:45", its day (its slot when undated) said on each side when it changed (probe
    s38c: the slot's label, where the plan's table beside it shows the day)."""
    from matcher.text import slot_key

    event = label(f"pv_{now.event}_of", lang, team=now.commission_id)
    if old.institution != now.institution:
        # A reserve's team took over a withdrawn commission's times (``taken_over``): its
        # times before were that team's, said so (probe s28f: they read as the reserve's).
        key = f"pv_{now.event}_of_instead"
        event = label(key, lang, team=now.commission_id, institution=old.institution)
    if slot_key(old.slot) == slot_key(now.slot):
        before, after = f"{old.start}–{old.end}", f"{now.start}–{now.end}"
        return label(
            "plan_moved_same_slot", lang, event=event, slot=now.day, before=before, now=after
        )
    before, after = (f"{r.day} {r.start}–{r.end}" for r in (old, now))
    return label("plan_moved_other_slot", lang, event=event, before=before, now=after)


def priority_lines(
    rows: Sequence[tuple[str, str, int, int | None]], lang: Lang, students: int
) -> list[str]:
    """A table of priorities as a result reaches them, beside the solver's own values.

    Each row is (stage key ``selection``/``teams``, priority name, value, solver's value or
    ``None`` when unknown); the solver column is shown only when some value is known. Values
    read as the end-of-run table shows them (:func:`views.objective_text`: the experience
    priority in years for the cohort's ``students``, not the solver's integer).
    """
    with_solver = any(row[3] is not None for row in rows)
    header = [label("stage", lang), label("priority", lang), label("value", lang)]
    if with_solver:
        header.append(label("solver_value", lang))
    table = []
    previous = ""
    for stage, name, value, solver in rows:
        now = views.objective_text(name, value, students, lang)
        shown = "" if solver is None else views.objective_text(name, solver, students, lang)
        if name == "experience" and students and solver is not None:
            # Two gaps one decimal shows alike (probe s31g: « 0,1 an | 0,1 an »).
            digits = views.digits_apart(value, solver, students)
            now, shown = (years(v / (10 * students), lang, digits) for v in (value, solver))
        cells = [
            label("stage_" + stage, lang) if stage != previous else "",
            priority_label(name, lang),
            now,
        ]
        if with_solver:
            cells.append(shown)
        table.append(cells)
        previous = stage
    if not table:
        return []
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i >= 2 else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()

    return [fmt(header), "  ".join("-" * w for w in widths), *(fmt(r) for r in table)]
