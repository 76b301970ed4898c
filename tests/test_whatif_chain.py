"""What-if results describe their own cohort: `check` passes on them and what-ifs chain.

Each what-if records in summary.json the withdrawals and arrivals since the original result;
``check`` and ``whatif --from`` rebuild the cohort from them (``cohort_of_result``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from csvrows import team_of

from matcher.cli import main
from matcher.errors import InputError
from matcher.loading import load_instance
from matcher.whatif import cohort_of_result

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
FIXED = ("--quiet", "--workers", "1", "--seed", "0")


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, *FIXED])
    return result.exit_code, result.stderr


def _whatif(source: Path, out: Path, *changes: str) -> None:
    code, err = _invoke("whatif", str(DEMO), "--from", str(source), "--out", str(out), *changes)
    assert code == 0, err


def _check(result: Path) -> tuple[int, str]:
    return _invoke("check", str(DEMO), "--result", str(result))


def _changes(result: Path) -> dict[str, Any]:
    summary = json.loads((result / "summary.json").read_text(encoding="utf-8"))
    changes: dict[str, Any] = summary["changes"]
    return changes


@pytest.fixture(scope="module")
def original(demo_result: Path) -> Path:
    """The demo cohort solved once (both stages): the session's shared run, read only."""
    return demo_result


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for this module's what-if results."""
    return tmp_path_factory.mktemp("chain")


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One late student, with only the required column besides the id."""
    path = tmp_path_factory.mktemp("late") / "late.csv"
    path.write_text("id,background\nLATE1,GRH\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dissolved(original: Path, work: Path) -> Path:
    """C01 withdraws without replacement and S005 leaves."""
    out = work / "w1"
    _whatif(
        original, out, "--withdraw-commission", "C01", "--no-replace", "--withdraw-student", "S005"
    )
    return out


@pytest.fixture(scope="module")
def arrived(original: Path, late: Path, work: Path) -> Path:
    """LATE1 arrives."""
    out = work / "w2"
    _whatif(original, out, "--add-students", str(late))
    return out


def test_an_unreplaced_withdrawal_passes_check_with_one_commission_fewer(dissolved: Path) -> None:
    changes = _changes(dissolved)
    assert changes["unreplaced"] == ["C01"]
    assert changes["withdrawn_students"] == ["S005"]
    summary = json.loads((dissolved / "summary.json").read_text(encoding="utf-8"))
    # The demo asks for 10 commissions; C01 left unreplaced, so 9 are in force.
    assert summary["settings"]["selection"]["count"] == 9
    assert len(summary["selection"]["selected"]) == 9
    assert _check(dissolved) == (0, "")


def test_an_arrival_passes_check(arrived: Path) -> None:
    assert [s["id"] for s in _changes(arrived)["added_students"]] == ["LATE1"]
    assert "LATE1" in team_of(arrived)
    assert _check(arrived) == (0, "")


def test_a_chained_whatif_keeps_earlier_withdrawals(dissolved: Path) -> None:
    out = dissolved.parent / "w3"
    _whatif(dissolved, out, "--withdraw-student", "S010")
    teams = team_of(out)
    assert "S005" not in teams and "S010" not in teams
    # S005 left in the previous what-if: not an arrival now.
    changed = (out / "changes.csv").read_text(encoding="utf-8-sig")
    assert "S005" not in changed
    changes = _changes(out)
    assert changes["withdrawn_students"] == ["S005", "S010"]
    assert changes["unreplaced"] == ["C01"]
    assert _check(out) == (0, "")


def test_a_chained_whatif_keeps_earlier_arrivals(arrived: Path) -> None:
    out = arrived.parent / "w4"
    _whatif(arrived, out, "--withdraw-student", "S010")
    assert "LATE1" in team_of(out)
    assert [s["id"] for s in _changes(out)["added_students"]] == ["LATE1"]
    assert _check(out) == (0, "")


def test_a_student_cannot_withdraw_twice(dissolved: Path) -> None:
    out = dissolved.parent / "twice"
    code, err = _invoke(
        "whatif", str(DEMO), "--from", str(dissolved), "--out", str(out),
        "--withdraw-student", "S005",
    )  # fmt: skip
    assert code == 2
    assert "S005" in err and "already withdrew" in err
    assert not out.exists()


def test_three_chained_whatifs_end_in_a_result_that_passes_check(
    original: Path, late: Path, work: Path
) -> None:
    first = work / "c1"
    _whatif(original, first, "--withdraw-commission", "C01")
    second = work / "c2"
    _whatif(first, second, "--add-students", str(late), "--withdraw-student", "S005")
    selected = json.loads((second / "summary.json").read_text(encoding="utf-8"))["selection"]
    last_commission = selected["selected"][-1]
    third = work / "c3"
    _whatif(
        second,
        third,
        "--withdraw-student",
        "LATE1",
        "--withdraw-commission",
        last_commission,
        "--no-replace",
    )
    changes = _changes(third)
    # An arrival who leaves again simply disappears from the record.
    assert "added_students" not in changes
    assert changes["withdrawn_students"] == ["S005"]
    assert changes["withdrawn_commissions"] == ["C01", last_commission]
    assert changes["unreplaced"] == [last_commission]
    assert changes["replaced"] == {}
    teams = team_of(third)
    assert "LATE1" not in teams and "S005" not in teams
    assert len(set(teams.values())) == 9
    assert _check(third) == (0, "")


def test_a_result_without_recorded_changes_is_the_instance_itself(
    original: Path, tmp_path: Path
) -> None:
    instance = load_instance(DEMO)
    assert cohort_of_result(instance, original)[0] == instance
    assert cohort_of_result(instance, tmp_path)[0] == instance
    # A damaged one is refused naming it (session 28: never taken as absent, contract §2).
    (tmp_path / "summary.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"summary\.json"):
        cohort_of_result(instance, tmp_path)


def test_the_cohort_of_a_whatif_result(dissolved: Path) -> None:
    instance = load_instance(DEMO)
    cohort, recorded = cohort_of_result(instance, dissolved)
    assert recorded.unreplaced == ("C01",)
    assert cohort.settings.selection.count == instance.settings.selection.count - 1
    assert "S005" not in {s.id for s in cohort.students}
    assert len(cohort.students) == len(instance.students) - 1
    assert all(s.pinned != "C01" for s in cohort.students)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"moves": 0, "withdrawn_students": "S005"}, "changes.withdrawn_students"),
        ({"moves": 0, "withdrawn_students": ["S999"]}, "changes.withdrawn_students"),
        ({"moves": 0, "added_students": [{"id": "X1"}]}, "changes.added_students"),
        ({"moves": 0, "added_students": [{"id": "S001", "background": "GRH"}]}, "added_students"),
        ({"moves": 0, "withdrawn_commissions": [], "unreplaced": ["C01"]}, "changes.unreplaced"),
        ({"moves": -1}, "changes.moves"),
        ([], "changes"),
    ],
)
def test_unreadable_recorded_changes_are_invalid_input(
    original: Path, tmp_path: Path, changes: object, key: str
) -> None:
    result = tmp_path / "result"
    result.mkdir()
    for name in ("selection.csv", "teams.csv"):
        (result / name).write_bytes((original / name).read_bytes())
    (result / "summary.json").write_text(json.dumps({"changes": changes}), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        cohort_of_result(load_instance(DEMO), result)
    assert "summary.json" in str(raised.value) and key in str(raised.value)
    code, err = _check(result)
    assert code == 2
    assert "summary.json" in err and key in err and "Traceback" not in err
