"""The workbench's session state: one per process, in memory, one solve at a time."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import matcher.web.engine as engine
from matcher.app import Overrides
from matcher.errors import Problem
from matcher.labels import Lang, Text
from matcher.results import RunOutcome
from matcher.schemas import Instance, Settings

#: What the page says: a catalogue sentence, a message worded when shown, or "" (nothing).
Message = str | Text


def files_signature(path: Path, settings: Path | None = None) -> tuple[tuple[str, str], ...]:
    """What tells whether the cohort's files changed on disk: the name and a digest of the
    content of each file reading it takes (``loading.sources.cohort_files``), and of the
    ``--settings`` file; a file touched, or edited and put back, is unchanged, one the
    cohort does not read (a note, a spreadsheet's lock file) is not looked at."""
    import hashlib

    from matcher.loading.sources import cohort_files

    found = []
    for entry in [*cohort_files(path), *([settings] if settings is not None else [])]:
        try:
            digest = hashlib.sha256(entry.read_bytes()).hexdigest()
        except OSError:
            continue
        found.append((entry.name, digest))
    return tuple(found)


@dataclass(frozen=True)
class MovesBase:
    """The board "students moved" counts against, and the fewest moves it allows: the
    solved teams (a run's or a what-if's: 0), or the board a re-optimise started from (the
    moves it minimised: its own count)."""

    board: dict[str, str]
    least: int = 0
    reoptimised: bool = False
    #: The re-optimise's bound on the moves when it did not prove ``least`` the fewest
    #: (stopped by its time limit); ``None``: proven (or nothing solved: the board itself).
    bound: int | None = None


@dataclass
class _Result:
    """A result shown, as the director left it: its board history, locks and plan."""

    outcome: RunOutcome
    plan_error: Message
    withdrawn: tuple[str, ...]
    history: list[dict[str, str]]
    cursor: int
    pins: dict[str, str]
    bases: list[MovesBase]


@dataclass
class Workbench:
    """Everything the director has open: cohort, result, board history, locks, what-if."""

    out_dir: Path
    lang: Lang = "en"
    #: The instance given on the command line (reloadable), if any.
    given_path: Path | None = None
    #: Folder holding the instance in use (the given one, or our copy of the uploads).
    instance_dir: Path | None = None
    #: The given instance's files as they were when opened (``files_signature``).
    files_seen: tuple[tuple[str, str], ...] | None = None
    instance: Instance | None = None
    #: The settings of the instance's files (before any edit in the page): saving tells
    #: the director when the result was made under others.
    file_settings: Settings | None = None
    problems: list[Problem] = field(default_factory=list)
    #: Where the page shows them: ``open`` (files, settings), ``whatif`` (an arrivals file)
    #: or ``save`` (the output folder), never as problems of the cohort's files elsewhere.
    problems_at: str = "open"
    #: Worded when shown (``Text``): a language switch rewords it.
    message: Message = ""
    #: Where the page shows it, once: the part the director acted in (``say``).
    message_at: str = ""
    #: The language was switched: the page shown next rewords the message, not its end.
    reworded: bool = False
    outcome: RunOutcome | None = None
    #: Board history: assignments (student id → commission id); ``cursor`` is the current one.
    history: list[dict[str, str]] = field(default_factory=list)
    cursor: int = -1
    #: Per board of the history, what its "students moved" counts against.
    bases: list[MovesBase] = field(default_factory=list)
    #: Locked students (the values are kept for history; ``locked`` gives their team now).
    pins: dict[str, str] = field(default_factory=dict)
    #: The results before the what-ifs accepted (undo goes back to them, each as it was
    #: left), and those undone (redo).
    earlier: list[_Result] = field(default_factory=list)
    later: list[_Result] = field(default_factory=list)
    #: A what-if computed but not yet accepted.
    pending: RunOutcome | None = None
    progress: engine.Progress | None = None
    worker: threading.Thread | None = None
    solve_error: Message = ""
    lock: threading.RLock = field(default_factory=threading.RLock)
    #: Student and commission ids marked broken on the board last shown (a move answers
    #: with the columns whose marks change).
    shown_broken: set[str] = field(default_factory=set)
    #: Why the result shown has no plan (stage 3), in the page's words; "" when it has one
    #: or the cohort has no supervisors.csv.
    plan_error: Message = ""
    #: The same for the what-if not yet accepted.
    pending_plan_error: Message = ""
    #: Supervisors withdrawn (what-ifs accepted) from the result shown, and from the what-if
    #: not yet accepted: every later plan of this result (a re-plan, a what-if, the save's)
    #: goes without them, as ``matcher whatif`` from a result that withdrew them.
    withdrawn: tuple[str, ...] = ()
    pending_withdrawn: tuple[str, ...] = ()
    #: The board and the locks the what-if not yet accepted was computed from: accepting it
    #: once the director moved or locked someone since would undo that silently (probe s25).
    pending_from: tuple[object, dict[str, str]] | None = None
    #: After a run, explain every wish as a further (cancellable) step, as ``matcher run``
    #: does: the why panel then answers at once.
    explain_after_run: bool = True
    #: ``matcher serve --settings`` and its ``--time-limit --seed --workers``: every cohort
    #: opened (given or uploaded) is read with them, as the other commands read theirs.
    settings_file: Path | None = None
    overrides: Overrides | None = None

    #: The temporary folder of the cohort uploaded (``engine.load_uploads``), removed when
    #: another cohort is opened and when the workbench stops (``close``).
    upload_root: Path | None = None

    #: The folder of the cohort whose result was saved last into --out: its files are
    #: offered for download while that cohort is open, not another's.
    saved_for: Path | None = None
    #: What the board saved last was (``page.board_signature``): its files are offered as
    #: the last saved board's once the board shown is another (undo, a move, a what-if).
    saved_board: tuple[object, ...] | None = None
    #: The cohort checked last for rules that cannot hold whatever the selection, and
    #: those rules (``page.cannot_hold``).
    cannot_hold: tuple[object, list[Text]] | None = None
    #: Whether those rules are all stage 3's (supervisors, calendar).
    cannot_hold_plan_only: bool = False
    #: The cohort's warnings as ``matcher validate`` lists them (``page.cannot_hold``).
    cohort_warnings: tuple[str | Text, ...] = ()

    #: The board's revision: one more at each change of the cohort (or its settings), the
    #: teams, the plan or the board shown, each made by a tab of the page (its own id, sent
    #: by the page) or by the run's worker (``None``). A tab that has not seen every change
    #: since the revision it shows is refused (two tabs on one workbench: ``routes.guards``).
    #: It starts at the time the workbench started (milliseconds): a page left open across
    #: a restart shows a revision of the server before, never one of this one's (probe
    #: s35c: both counted from 0, its moves and Save acted on a board it did not show).
    revision: int = field(default_factory=lambda: time.time_ns() // 1_000_000)
    revised_by: dict[int, str | None] = field(default_factory=dict)
    _first: int = 0
    #: The cohort, teams, plan and board of the last revision (compared by identity).
    _seen: tuple[object, ...] = ()

    def __post_init__(self) -> None:
        self._first = self.revision

    def note_changes(self, tab: str | None) -> None:
        """A new revision if the teams, the plan or the board shown changed since the last
        one, made by ``tab`` (call under ``lock``)."""
        teams = self.outcome.teams if self.outcome is not None else None
        plan = self.outcome.plan if self.outcome is not None else None
        board = self.history[self.cursor] if self.history else None
        # The cohort too (opened, its settings applied): a tab showing another one's form
        # would apply it to this one.
        now = (self.instance, teams, plan, board)
        if len(now) != len(self._seen) or any(
            a is not b for a, b in zip(now, self._seen, strict=True)
        ):
            self._seen = now
            self.revision += 1
            self.revised_by[self.revision] = tab

    def restarted_since(self, seen: int) -> bool:
        """Whether a page showing revision ``seen`` was made by a workbench before this one
        (stopped and started again while the page stayed open)."""
        return seen < self._first

    def stale(self, seen: int, tab: str) -> bool:
        """Whether a page showing revision ``seen`` in ``tab`` missed a change made
        elsewhere (another tab, or the run), or is of a workbench started before this one."""
        if seen > self.revision or (seen not in self.revised_by and seen != self._first):
            return True
        return any(by != tab for r, by in self.revised_by.items() if seen < r <= self.revision)

    def files_changed(self) -> bool:
        """Whether the given cohort's files changed on disk since it was opened (probe
        s34d: a run went on with the files as opened, without a word)."""
        seen, folder = self.files_seen, self.instance_dir
        if seen is None or folder is None:
            return False
        now = files_signature(folder, self.settings_file)
        if now == seen:
            return False
        if self._reads_alike(folder):
            # Saved again unchanged (Excel's Ctrl-S, an autosave: the bytes of a workbook
            # differ, its cells not): nothing to read again (probe s35c: Save was refused).
            self.files_seen = now
            return False
        return True

    def _reads_alike(self, folder: Path) -> bool:
        """Whether the files in ``folder`` read now as the cohort open was read: the same
        proposals, students, pairs, supervisors and settings (its warnings aside: a file
        open in a spreadsheet is said, not read)."""
        if self.instance is None:
            return False
        try:
            now = engine.load_folder(folder, self.settings_file, self.overrides)
        except Exception:  # unreadable now, half written: changed, read again to be told
            return False
        if now.settings != self.file_settings:
            return False
        kept = {"settings": self.file_settings, "warnings": ()}
        return now.model_copy(update=kept) == self.instance.model_copy(update=kept)

    def say(self, message: Message, where: str) -> None:
        """A message shown once, in the part of the page where the director acted:
        ``open``, ``settings``, ``selection``, ``run``, ``board`` or ``whatif``."""
        self.message, self.message_at = message, where

    def drop_upload(self) -> None:
        """Remove the temporary folder of the cohort uploaded, if any."""
        if self.upload_root is not None:
            engine.drop_upload(self.upload_root)
            self.upload_root = None

    def close(self, wait: float = 10.0) -> None:
        """The workbench stops: a run still going is cancelled and waited for (at most
        ``wait`` seconds: a process ending while the solver runs in a thread is aborted by
        the solver's library, "terminate called…"), and nothing of the session is left in
        the temporary folder (no lock taken: at exit, a solve's thread may be anywhere)."""
        progress, worker = self.progress, self.worker
        deadline = time.monotonic() + wait
        while progress is not None and worker is not None and worker.is_alive():
            if time.monotonic() > deadline:
                break
            progress.cancel()  # again: a search starting meanwhile stops too
            worker.join(timeout=0.1)
        self.drop_upload()

    @property
    def assignment(self) -> dict[str, str]:
        """The board shown now."""
        return self.history[self.cursor] if self.history else {}

    @property
    def locked(self) -> dict[str, str]:
        """Locked students → their team on the board shown now. A lock keeps a student where
        the director has them: dragged elsewhere (or moved by undo/redo), the lock goes
        with them, never a rule broken by the director's own move."""
        board = self.assignment
        return {s: board[s] for s in self.pins if s in board}

    @property
    def solving(self) -> bool:
        """Whether a solve is running in the worker."""
        return self.worker is not None and self.worker.is_alive()

    def open_cohort(self, instance: Instance, folder: Path, upload: Path | None = None) -> None:
        """A cohort opened (given or uploaded, held in ``folder``; ``upload``: the
        temporary folder of ours holding the uploaded copies): whatever was shown of the
        one before (board, locks, what-if, run's progress, messages) is dropped, and so is
        the temporary folder of the cohort uploaded before."""
        self.drop_upload()
        self.upload_root = upload
        self.instance, self.instance_dir = instance, folder
        seen = files_signature(folder, self.settings_file) if upload is None else None
        self.files_seen = seen
        self.file_settings = instance.settings
        self.problems = []
        self.outcome, self.history, self.cursor, self.bases = None, [], -1, []
        self.pins, self.pending = {}, None
        self.earlier, self.later = [], []
        self.progress, self.solve_error, self.message = None, "", ""
        self.plan_error = self.pending_plan_error = ""

    def start_board(
        self,
        outcome: RunOutcome,
        plan_error: Message = "",
        withdrawn: tuple[str, ...] = (),
        *,
        undoable: bool = False,
    ) -> None:
        """A new result: its teams become the board, history and locks start afresh;
        ``plan_error`` says why it has no plan (when the cohort has supervisors);
        ``withdrawn``: the supervisors it goes without (a what-if's; a run has them all).
        ``undoable`` (a what-if accepted, a run): undo at its first board goes back to the
        result before, as it was left (hand moves and locks); otherwise the results before
        are forgotten."""
        if undoable and self.outcome is not None and self.history:
            # The boards undone before this result are no redo of the result left: Redo
            # after Undo back to it brings this result again, not a move undone before it
            # (probe s28c: Redo replayed a move undone before the what-if accepted).
            del self.history[self.cursor + 1 :]
            del self.bases[self.cursor + 1 :]
            self.earlier.append(self._result())
        else:
            self.earlier.clear()
        self.later.clear()
        self.outcome = outcome
        self.plan_error = plan_error
        self.withdrawn = withdrawn
        self.history = [dict(outcome.teams.assignment)] if outcome.teams else []
        self.bases = [MovesBase(self.history[0])] if self.history else []
        self.cursor = len(self.history) - 1
        self.pins = {}
        self.pending = None
        if self.message_at in ("board", "run"):
            # About the board before (a change refused during the run), or the run's words
            # about the board it replaced, stale once a what-if replaces it (probe s28f: « Annuler
            # ramène le tableau… » shown on); a run says its own after this.
            self.message = ""
        elif self.message == Text("web_open_busy"):
            self.message = ""  # files refused while the run computed this board: it is over

    def hand_changed(self) -> int:
        """How many students of the board shown the director moved (from the teams of the
        result shown) or locked: what a new result replacing the board puts aside."""
        solved = self.outcome.teams.assignment if self.outcome and self.outcome.teams else {}
        return sum(
            1
            for s, team in self.assignment.items()
            if s in self.pins or solved.get(s, team) != team
        )

    def add_explanations(self, outcome: RunOutcome, explained: RunOutcome) -> None:
        """A run's explanations (``explained``'s, computed after its board was shown) given
        to its result wherever it is now: shown, or in the history (undone to the board
        before the run, or left by a what-if accepted); nowhere when another cohort was
        opened."""
        explanations = explained.explanations
        if self.outcome is not None and self.outcome.teams is outcome.teams:
            self.outcome = replace(self.outcome, explanations=explanations)
            return
        for result in (*self.earlier, *self.later):
            if result.outcome.teams is outcome.teams:
                result.outcome = replace(result.outcome, explanations=explanations)
                return

    def _result(self) -> _Result:
        return _Result(
            self.outcome,  # type: ignore[arg-type]
            self.plan_error,
            self.withdrawn,
            self.history,
            self.cursor,
            dict(self.pins),
            self.bases,
        )

    def _restore(self, result: _Result) -> None:
        self.outcome, self.plan_error, self.withdrawn = (
            result.outcome,
            result.plan_error,
            result.withdrawn,
        )
        self.history, self.cursor, self.pins = result.history, result.cursor, result.pins
        self.bases = result.bases
        self.pending = None
        if self.message_at == "run":
            self.message = ""  # about the run's result left (e.g. the board it replaced)

    def pending_is_stale(self) -> bool:
        """Whether the board or its locks changed since the what-if not yet accepted was
        computed."""
        if self.pending_from is None:
            return False
        board, locks = self.pending_from
        return board is not (self.history[self.cursor] if self.history else None) or (
            locks != self.locked
        )

    @property
    def can_undo(self) -> bool:
        """A board before this one: a move, or the result before a what-if accepted."""
        return self.cursor > 0 or bool(self.earlier)

    @property
    def can_redo(self) -> bool:
        """A board undone: a move, or a what-if accepted."""
        return self.cursor < len(self.history) - 1 or bool(self.later)

    def undo(self) -> bool:
        """One step back; ``True`` when it went back across a what-if accepted (the result
        shown changed, not only its board)."""
        if self.cursor > 0:
            self.cursor -= 1
            return False
        if not self.earlier:
            return False
        self.later.append(self._result())
        self._restore(self.earlier.pop())
        return True

    def redo(self) -> bool:
        """One step forward; ``True`` when it went forward across a what-if accepted."""
        if self.cursor < len(self.history) - 1:
            self.cursor += 1
            return False
        if not self.later:
            return False
        self.earlier.append(self._result())
        self._restore(self.later.pop())
        return True

    @property
    def moves_base(self) -> MovesBase:
        """What "students moved" counts against on the board shown now."""
        if 0 <= self.cursor < len(self.bases):
            return self.bases[self.cursor]
        return MovesBase(self.assignment)

    def push(self, assignment: dict[str, str], base: MovesBase | None = None) -> None:
        """A new board state after a move (drops the redo tail, what-ifs undone included);
        its moves count against ``base`` (a re-optimise's), else as the board's before."""
        self.later.clear()
        base = base if base is not None else self.moves_base
        del self.history[self.cursor + 1 :]
        del self.bases[self.cursor + 1 :]
        self.history.append(assignment)
        self.bases.append(base)
        self.cursor = len(self.history) - 1
