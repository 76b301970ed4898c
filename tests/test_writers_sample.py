"""A small hand-made run outcome shared by the output tests (writers, report, workbook, check).

Built from schema objects only, so output tests do not depend on the solvers. The data
include characters that must be escaped in HTML (``<``, ``&``, quotes) and French accents.
"""

from __future__ import annotations

import csv
from pathlib import Path

from matcher.results import (
    Changes,
    ObjectiveResult,
    RunOutcome,
    SelectionResult,
    SelectionRow,
    StageResult,
    Status,
    TeamResult,
)
from matcher.schemas import Commission, Instance, Settings, Student

COMMISSIONS = (
    Commission(id="C1", institution="CPAS de Namur", sector="CPAS", problem_type="évaluation"),
    Commission(
        id="C2",
        institution="AMO <Le Pont> & Co",
        sector="aide à la jeunesse",
        problem_type="diagnostic",
        title='Pourquoi les jeunes "décrochent"-ils ?',
    ),
    Commission(
        id="C3", institution="Maison/Handicap [Liège]", sector="handicap", problem_type="étude"
    ),
    Commission(id="C4", institution="CPAS de Mons", sector="CPAS", problem_type="diagnostic"),
    Commission(id="C5", institution="Croix-Rouge", sector="santé", problem_type="évaluation"),
)

STUDENTS = (
    Student(
        id="S1",
        name="Zoé <b>Dupont</b>",
        background="assistant social",
        vae=True,
        employed=True,
        gender="F",
        choices=("C1", "C2", "C3"),
    ),
    Student(id="S2", name="Marc Lenoir", background="éducateur", gender="M", choices=("C1", "C3")),
    Student(
        id="S3", name="Inès Haddad", background="assistant social", gender="F", choices=("C2",)
    ),
    Student(
        id="S4", name="Paul Martin", background="GRH", vae=True, gender="M", choices=("C2", "C1")
    ),
    Student(
        id="S5",
        name="Léa Petit",
        background="éducateur",
        employed=True,
        gender="F",
        choices=("C3", "C2"),
    ),
    Student(id="S6", name="Tom Jacobs", background="assistant social", gender="M"),
    Student(id="S7", name="", background="infirmier", gender="F", choices=("C3", "C1", "C2")),
    Student(
        id="S8", name="Nora Benali", background="éducateur", employed=True, choices=("C5", "C1")
    ),
    Student(
        id="S9",
        name="Hugo Lambert",
        background="assistant social",
        vae=True,
        gender="M",
        choices=("C1", "C2", "C3"),
    ),
)

#: S7 and S8 have a rank > 1; S6 has no choices.
ASSIGNMENT = {
    "S1": "C1",
    "S2": "C1",
    "S3": "C2",
    "S4": "C2",
    "S5": "C3",
    "S6": "C3",
    "S7": "C2",
    "S8": "C1",
    "S9": "C3",
}


def sample_instance() -> Instance:
    """Five proposals, nine students, every optional student column present."""
    return Instance(
        name="sample",
        commissions=COMMISSIONS,
        students=STUDENTS,
        student_columns=frozenset({"name", "vae", "employed", "gender", "choices"}),
        warnings=("students.csv, row 9: no choices for S6",),
    )


def sample_outcome_with_experience() -> RunOutcome:
    """``sample_outcome`` whose teams stage ends with the experience priority at 6450
    (bound 6000): the solver's integer, 6450 / (10 · 9) = 71.7 years on these nine students."""
    from dataclasses import replace

    outcome = sample_outcome()
    assert outcome.teams is not None
    gap = ObjectiveResult("experience", 6450, 6000, "min")
    stage = replace(outcome.teams.stage, objectives=[*outcome.teams.stage.objectives, gap])
    return replace(outcome, teams=replace(outcome.teams, stage=stage))


def sample_outcome(*, with_changes: bool = False) -> RunOutcome:
    """A solved run: C1, C2, C3 selected, C4 in reserve, C5 not available."""
    instance = sample_instance()
    selection = SelectionResult(
        stage=StageResult(
            Status.OPTIMAL,
            0.05,
            (
                ObjectiveResult("sectors", 3, 3, "max"),
                ObjectiveResult("problem_types", 3, 3, "max"),
            ),
        ),
        rows=(
            SelectionRow("C1", True, True, None, "selected"),
            SelectionRow("C2", True, True, None, "selected"),
            SelectionRow("C3", True, True, None, "selected"),
            SelectionRow("C4", True, False, 1, "institution already selected"),
            SelectionRow("C5", False, False, None, "not available: visit"),
        ),
    )
    teams = TeamResult(
        stage=StageResult(
            Status.FEASIBLE,
            1.25,
            (
                ObjectiveResult("worst_choice", 3, 2, "min"),
                ObjectiveResult("balance", 2, 0, "min"),
            ),
        ),
        commission_ids=("C1", "C2", "C3"),
        assignment=dict(ASSIGNMENT),
    )
    changes = None
    if with_changes:
        changes = Changes(
            moves=1, replaced={"C4": "C3"}, rows=(("S6", "C1", "C3"), ("S9", "", "C3"))
        )
    return RunOutcome(instance, Settings(), selection, teams, changes)


def write_instance(folder: Path) -> Path:
    """Write the sample as an instance folder (CSV files and a settings.toml selecting 3)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "commissions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "institution", "sector", "problem_type", "title"])
        for c in COMMISSIONS:
            writer.writerow([c.id, c.institution, c.sector, c.problem_type, c.title])
    with (folder / "students.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "background", "vae", "employed", "gender", "choices"])
        for s in STUDENTS:
            flags = ["yes" if s.vae else "no", "yes" if s.employed else "no"]
            writer.writerow(
                [s.id, s.name, s.background, *flags, s.gender or "", ";".join(s.choices)]
            )
    (folder / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    return folder


def test_sample_assigns_every_student_to_a_selected_commission() -> None:
    outcome = sample_outcome()
    assert outcome.teams is not None and outcome.selection is not None
    assert set(outcome.teams.assignment) == {s.id for s in outcome.instance.students}
    assert set(outcome.teams.assignment.values()) <= set(outcome.selection.selected_ids)
