"""What-if re-solves (matcher.whatif.apply_changes) on tiny cohorts with proven minimal moves.

Each folder of ``instances/tiny/whatif-*`` holds the cohort, the previous result
(``previous/``) and a README proving the minimal number of moves; the tests assert that
number, the replacements, and that every rule holds, never one particular assignment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.errors import InputError, UsageError
from matcher.labels import Text
from matcher.loading import load_instance, read_arrivals, read_selection, read_teams
from matcher.results import RunOutcome, SelectionRow, Status
from matcher.schemas import Instance, Student
from matcher.verify.selection import selection_violations
from matcher.verify.teams import team_objectives, team_violations
from matcher.whatif import WhatIf, apply_changes, moves_against, previous_teams_after
from models.solve import SolveParams

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"
PARAMS = SolveParams(time_limit=10.0, seed=0, workers=1)


def _load(name: str) -> tuple[Instance, tuple[SelectionRow, ...], dict[str, str] | None]:
    folder = TINY / name
    instance = load_instance(folder)
    commissions, rows = read_selection(folder / "previous" / "selection.csv", instance)
    instance = instance.model_copy(update={"commissions": commissions})
    teams_file = folder / "previous" / "teams.csv"
    previous = read_teams(teams_file, instance) if teams_file.is_file() else None
    return instance, rows, previous


def _whatif(
    name: str,
    *,
    commissions: tuple[str, ...] = (),
    students: tuple[str, ...] = (),
    arrivals: bool = False,
    replace: bool = True,
) -> tuple[RunOutcome, dict[str, str] | None]:
    instance, rows, previous = _load(name)
    added: tuple[Student, ...] = ()
    if arrivals:
        added = read_arrivals(TINY / name / "changes" / "arrivals.csv", instance)
    changes = WhatIf(commissions, students, added, replace)
    return apply_changes(instance, rows, previous, changes, PARAMS), previous


def _assert_valid(outcome: RunOutcome, previous: dict[str, str]) -> int:
    """Every rule holds, the solver's moves equal the validator's; returns the moves."""
    assert outcome.teams is not None and outcome.changes is not None
    assert outcome.teams.stage.status == Status.OPTIMAL
    ids = outcome.teams.commission_ids
    assert [str(v) for v in team_violations(outcome.instance, ids, outcome.teams.assignment)] == []
    assert outcome.selection is not None
    withdrawn = [r.id for r in outcome.selection.rows if str(r.reason) == "withdrawn"]
    previous_after = previous_teams_after(
        previous, outcome.teams.assignment, withdrawn, outcome.changes.replaced
    )
    objectives = team_objectives(outcome.instance, ids, outcome.teams.assignment, previous_after)
    for result in outcome.teams.stage.objectives:
        assert result.value == objectives[result.name], result.name
    assert outcome.teams.stage.objectives[0].name == "moves"
    assert outcome.changes.moves == objectives["moves"]
    return outcome.changes.moves


def _selected(outcome: RunOutcome) -> list[str]:
    assert outcome.selection is not None
    return list(outcome.selection.selected_ids)


def _reserves(outcome: RunOutcome) -> list[str]:
    assert outcome.selection is not None
    return list(outcome.selection.reserve_ids)


# -- before teams --------------------------------------------------------------------------


def test_withdrawal_before_teams_takes_the_best_reserve() -> None:
    outcome, previous = _whatif("whatif-before", commissions=("C1",))
    assert previous is None and outcome.teams is None
    assert outcome.changes is not None
    assert outcome.changes.replaced == {"C1": "C4"}
    assert outcome.changes.moves == 0 and outcome.changes.rows == ()
    assert _selected(outcome) == ["C2", "C3", "C4"]
    # C6 (reserve 2 before) is CPAS de Beta, which C2 holds to the cap: it can replace no
    # withdrawal, so the renumbered list puts it after C5.
    assert _reserves(outcome) == ["C5", "C6"]
    assert outcome.selection is not None
    rows = {r.id: r for r in outcome.selection.rows}
    assert str(rows["C1"].reason) == "withdrawn" and rows["C1"].reserve_rank is None
    assert str(rows["C4"].reason) == "replaces C1"
    assert rows["C5"].reserve_rank == 1 and str(rows["C5"].reason).startswith("reserve 1")
    assert str(rows["C6"].reason) == "reserve 2: institution already selected (CPAS de Beta)"
    assert [str(v) for v in selection_violations(outcome.instance, _selected(outcome))] == []


def test_withdrawals_before_teams_respect_the_institution_cap() -> None:
    # C6 (reserve 2) belongs to CPAS de Beta, already selected with C2: C5 replaces C3.
    outcome, _ = _whatif("whatif-before", commissions=("C1", "C3"))
    assert outcome.changes is not None
    assert outcome.changes.replaced == {"C1": "C4", "C3": "C5"}
    assert [str(v) for v in selection_violations(outcome.instance, _selected(outcome))] == []


def test_no_replace_before_teams_keeps_k_minus_one_and_warns() -> None:
    outcome, _ = _whatif("whatif-before", commissions=("C1",), replace=False)
    assert _selected(outcome) == ["C2", "C3"]
    assert _reserves(outcome) == ["C4", "C5", "C6"]
    assert any("C1 withdrew and is not replaced" in w for w in map(str, outcome.instance.warnings))


def test_no_replace_warning_names_no_front_end_flag() -> None:
    """The application words "no replacement" in plain words, in English and French: the CLI
    has a flag for it and the workbench a checkbox, and neither is the application's to name
    (as ``RequestError`` leaves the names of a request's parts to the front end)."""
    outcome, _ = _whatif("whatif-before", commissions=("C1",), replace=False)
    (note,) = [w for w in outcome.instance.warnings if "not replaced" in str(w)]
    assert isinstance(note, Text)
    english, french = note.words("en"), note.words("fr")
    assert "C1 withdrew and is not replaced: no replacement was asked;" in english
    assert "aucun remplacement n'a été demandé" in french
    assert "--" not in english and "--" not in french


def test_student_changes_before_teams_are_refused() -> None:
    with pytest.raises(UsageError, match=r"no teams\.csv"):
        _whatif("whatif-before", students=("S1",))


# -- after teams ---------------------------------------------------------------------------


def test_withdrawal_after_teams_keeps_the_team_whole() -> None:
    # README: C4 conflicts with S1, C6 breaks the institution cap, C5 fits; 0 moves.
    outcome, previous = _whatif("whatif-after", commissions=("C1",))
    assert previous is not None and outcome.changes is not None
    assert outcome.changes.replaced == {"C1": "C5"}
    assert _assert_valid(outcome, previous) == 0
    assert outcome.teams is not None
    assert {s for s, c in outcome.teams.assignment.items() if c == "C5"} == {"S1", "S2"}
    assert set(outcome.changes.rows) == {("S1", "C1", "C5"), ("S2", "C1", "C5")}


def test_no_replace_dissolves_the_team_with_one_forced_move() -> None:
    # README: K = 2 teams of exactly 3; the together pair S1-S2 fills one of them, so one of
    # its two previous members must move: minimal moves 1.
    outcome, previous = _whatif("whatif-after", commissions=("C1",), replace=False)
    assert previous is not None and outcome.changes is not None
    assert outcome.changes.replaced == {}
    assert _selected(outcome) == ["C2", "C3"]
    assert _assert_valid(outcome, previous) == 1
    rows = {student: (source, target) for student, source, target in outcome.changes.rows}
    assert rows["S1"][0] == "C1" and rows["S2"][0] == "C1"
    assert len(rows) == 3


def test_no_reserve_fits_dissolves_the_team() -> None:
    # README: every reserve fails (conflict, cap, max_size 1); minimal moves 1.
    outcome, previous = _whatif("whatif-no-reserve", commissions=("C1",))
    assert previous is not None and outcome.changes is not None
    assert outcome.changes.replaced == {}
    assert _assert_valid(outcome, previous) == 1
    (note,) = [w for w in map(str, outcome.instance.warnings) if "C1 withdrew" in w]
    assert "C4: S1 works for Maison Delta" in note
    assert "C5: takes at most 1" in note


def test_student_withdrawal_forces_exactly_one_move() -> None:
    # README: N drops to 6, teams of exactly 2; C1 (3 students) must give one: moves 1.
    outcome, previous = _whatif("whatif-student-withdraws", students=("S4",))
    assert previous is not None and outcome.changes is not None
    assert _assert_valid(outcome, previous) == 1
    assert ("S4", "C2", "") in outcome.changes.rows
    assert outcome.teams is not None and "S4" not in outcome.teams.assignment


def test_arrivals_pinned_to_a_full_team_force_one_move() -> None:
    # README: A1 pinned to C1 (at most 2): S1 and S2 cannot both stay: moves 1.
    outcome, previous = _whatif("whatif-arrivals", arrivals=True)
    assert previous is not None and outcome.changes is not None
    assert _assert_valid(outcome, previous) == 1
    assert outcome.teams is not None and outcome.teams.assignment["A1"] == "C1"
    arrivals = {row for row in outcome.changes.rows if row[1] == ""}
    assert {row[0] for row in arrivals} == {"A1", "A2"}


def test_several_changes_at_once() -> None:
    # README: C5 takes C1's team, S6 leaves, A1 (employed by C3's institution) arrives;
    # C3 needs a second student that only C2 can give: moves 1.
    outcome, previous = _whatif(
        "whatif-several", commissions=("C1",), students=("S6",), arrivals=True
    )
    assert previous is not None and outcome.changes is not None
    assert outcome.changes.replaced == {"C1": "C5"}
    assert _assert_valid(outcome, previous) == 1
    assert outcome.teams is not None and outcome.teams.assignment["A1"] != "C3"


def test_a_pin_to_a_withdrawn_commission_is_released() -> None:
    instance, rows, previous = _load("whatif-after")
    pinned = [
        s.model_copy(update={"pinned": "C1"}) if s.id == "S2" else s for s in instance.students
    ]
    instance = instance.model_copy(update={"students": tuple(pinned)})
    outcome = apply_changes(instance, rows, previous, WhatIf(("C1",), replace=False), PARAMS)
    assert outcome.teams is not None and outcome.teams.stage.solved
    assert any(
        "pins to a withdrawn commission are released" in w
        for w in map(str, outcome.instance.warnings)
    )


# -- refusals and failures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (WhatIf(), "no change given"),
        (WhatIf(("C9",)), "not a proposal"),
        (WhatIf(("C4",)), "not selected"),
        (WhatIf((), ("S99",)), "not a student"),
        (WhatIf(add_students=(Student(id="S1", background="GRH"),)), "already taken"),
    ],
)
def test_changes_naming_unknown_ids_are_refused(changes: WhatIf, message: str) -> None:
    instance, rows, previous = _load("whatif-after")
    with pytest.raises(UsageError, match=message):
        apply_changes(instance, rows, previous, changes, PARAMS)


def test_arrivals_with_clashing_ids_or_unknown_choices_are_invalid(tmp_path: Path) -> None:
    instance, _, _ = _load("whatif-after")
    path = tmp_path / "late.csv"
    path.write_text(
        "id,background,choices,pinned\nS1,éducateur,C1,\nA9,éducateur,C1;C77,C88\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        read_arrivals(path, instance)
    problems = [str(p) for p in caught.value.problems]
    assert any("row 2" in p and "'id'" in p and "already a student" in p for p in problems)
    assert any("row 3" in p and "C77" in p for p in problems)
    assert any("row 3" in p and "C88" in p for p in problems)


def test_arrivals_take_the_cohorts_spelling(tmp_path: Path) -> None:
    instance, _, _ = _load("whatif-after")
    path = tmp_path / "late.csv"
    path.write_text("id,background,gender\nA1,Assistant  Social,f\n", encoding="utf-8")
    (arrival,) = read_arrivals(path, instance)
    assert arrival.background == "assistant social" and arrival.gender == "F"


def test_infeasible_after_the_change_is_reported_with_a_diagnosis() -> None:
    # Three arrivals pinned to C1, which takes at most 2 students: no assignment exists.
    instance, rows, previous = _load("whatif-arrivals")
    arrivals = tuple(Student(id=f"A{k}", background="éducateur", pinned="C1") for k in range(1, 4))
    outcome = apply_changes(instance, rows, previous, WhatIf(add_students=arrivals), PARAMS)
    assert outcome.teams is not None and outcome.teams.stage.status == Status.INFEASIBLE
    assert outcome.teams.stage.diagnosis
    assert outcome.changes is None


def test_moves_twin_counts_only_students_of_surviving_teams() -> None:
    previous = {"S1": "C1", "S2": "C1", "S3": "C2", "S4": "C3"}
    after = previous_teams_after(previous, ["S1", "S2", "S3", "A1"], ["C1", "C3"], {"C1": "C5"})
    # S4 withdrew (absent), C3 dissolved, C1's team lives on as C5, A1 is new.
    assert after == {"S1": "C5", "S2": "C5", "S3": "C2"}
    assert moves_against({"S1": "C5", "S2": "C2", "S3": "C2", "A1": "C5"}, after) == 1


# -- an institution withdraws with its commission (issue 12, item 12) ---------------------


def test_a_withdrawn_institution_is_not_replaced_by_its_other_proposal_before_teams() -> None:
    """C2 and C6 are both CPAS de Beta: when C2 withdraws, Beta withdraws, so reserve 2 (C6)
    may not replace it although the institution cap would allow it; C5 (reserve 3) does."""
    outcome, _ = _whatif("whatif-before", commissions=("C1", "C2"))
    assert outcome.changes is not None
    assert outcome.changes.replaced == {"C1": "C4", "C2": "C5"}
    assert "C6" not in _selected(outcome)


def test_a_withdrawn_institution_is_not_replaced_by_its_other_proposal_after_teams() -> None:
    """The same after teams: C6 (CPAS de Beta, like the withdrawn C2) never replaces C1 or C2;
    C4 conflicts with S1 of C1's team (README), so C5 takes C1's team and C4 takes C2's."""
    outcome, previous = _whatif("whatif-after", commissions=("C1", "C2"))
    assert previous is not None and outcome.changes is not None
    assert "C6" not in outcome.changes.replaced.values()
    assert outcome.changes.replaced == {"C1": "C5", "C2": "C4"}
    _assert_valid(outcome, previous)
