"""Bad input: every problem located (file, spreadsheet row, column) and reported together."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.errors import InputError, Problem
from matcher.loading import load_instance

COMMISSIONS = "id,institution,sector,problem_type\nC1,A,s1,p1\nC2,B,s2,p2\n"
STUDENTS = "id,background,choices,pinned\nS1,AS,C1;C2,\nS2,ED,C2,\n"
PAIRS = "student_a,student_b,relation\nS1,S2,apart\n"


def _instance(tmp_path: Path, **overrides: str | bytes) -> Path:
    """A valid small instance with some files replaced (``commissions_csv=...``)."""
    files: dict[str, str | bytes] = {
        "commissions.csv": COMMISSIONS,
        "students.csv": STUDENTS,
        "pairs.csv": PAIRS,
    }
    for key, text in overrides.items():
        files[key.replace("_csv", ".csv").replace("_toml", ".toml")] = text
    folder = tmp_path / "instance"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_instance(folder)
    return caught.value.problems


def test_valid_base_instance(tmp_path: Path) -> None:
    assert len(load_instance(_instance(tmp_path)).students) == 2


# (files to override, expected file, row, column, words in the message)
CASES = {
    "duplicate id": (
        {"commissions_csv": COMMISSIONS + "C1,C,s3,p3\n"},
        "commissions.csv",
        4,
        "id",
        "duplicate id 'C1'",
    ),
    "duplicate student": (
        {"students_csv": STUDENTS + "S2,AS,,\n"},
        "students.csv",
        4,
        "id",
        "duplicate id 'S2'",
    ),
    "unknown choice": (
        {"students_csv": "id,background,choices\nS1,AS,C1;C7\nS2,AS,\n"},
        "students.csv",
        2,
        "choices",
        "'C7' is not a proposal id",
    ),
    "unknown numbered choice": (
        {"students_csv": "id,background,Choix 1,Choix 2\nS1,AS,C1,C7\nS2,AS,,\n"},
        "students.csv",
        2,
        "Choix 2",
        "'C7'",
    ),
    "unknown pin": (
        {"students_csv": "id,background,pinned\nS1,AS,C9\nS2,AS,\n"},
        "students.csv",
        2,
        "pinned",
        "'C9' is not a proposal id",
    ),
    "unknown pair student": (
        {"pairs_csv": "student_a,student_b,relation\nS1,S7,together\n"},
        "pairs.csv",
        2,
        "student_b",
        "'S7' is not a student id",
    ),
    "pair with themself": (
        {"pairs_csv": "student_a,student_b,relation\nS1,S1,apart\n"},
        "pairs.csv",
        2,
        "student_b",
        "paired with themself",
    ),
    "bad relation": (
        {"pairs_csv": "student_a,student_b,relation\nS1,S2,friends\n"},
        "pairs.csv",
        2,
        "relation",
        "expected apart",
    ),
    "missing required column": (
        {"commissions_csv": "id,institution,problem_type\nC1,A,p\nC2,B,p\n"},
        "commissions.csv",
        1,
        None,
        "missing required column 'sector'",
    ),
    "missing student column": (
        {"students_csv": "id,name\nS1,Anne\nS2,Bob\n"},
        "students.csv",
        1,
        None,
        "missing required column 'background'",
    ),
    "wrong type boolean": (
        {"students_csv": "id,background,vae\nS1,AS,peut-être\nS2,AS,non\n"},
        "students.csv",
        2,
        "vae",
        "not a yes/no value",
    ),
    "wrong type number": (
        {"commissions_csv": "id,institution,sector,problem_type,priority\nC1,A,s,p,high\n"},
        "commissions.csv",
        2,
        "priority",
        "not a whole number",
    ),
    "negative experience": (
        {"students_csv": "id,background,experience_years\nS1,AS,-3\nS2,AS,2\n"},
        "students.csv",
        2,
        "experience_years",
        "negative",
    ),
    "negative priority": (
        {"commissions_csv": "id,institution,sector,problem_type,priority\nC1,A,s,p,-1\n"},
        "commissions.csv",
        2,
        "priority",
        "expected an integer ≥ 0",
    ),
    "priority too large": (
        {"commissions_csv": "id,institution,sector,problem_type,priority\nC1,A,s,p,1e12\n"},
        "commissions.csv",
        2,
        "priority",
        "too large",
    ),
    "sizes reversed": (
        {"commissions_csv": "id,institution,sector,problem_type,min_size,max_size\nC1,A,s,p,7,5\n"},
        "commissions.csv",
        2,
        "min_size",
        "exceeds",
    ),
    "empty required cell": (
        {"commissions_csv": "id,institution,sector,problem_type\nC1,,s,p\n"},
        "commissions.csv",
        2,
        "institution",
        "empty cell",
    ),
    "empty file": ({"students_csv": ""}, "students.csv", None, None, "empty"),
    "blank lines only": ({"pairs_csv": "\n\n  \n"}, "pairs.csv", None, None, "empty"),
    "header only": (
        {"commissions_csv": "id,institution,sector,problem_type\n"},
        "commissions.csv",
        None,
        None,
        "no proposals",
    ),
    "binary garbage": (
        {"students_csv": bytes(range(256)) * 8},
        "students.csv",
        None,
        None,
        "not a text file",
    ),
    "workbook renamed csv": (
        {"students_csv": b"PK\x03\x04" + b"\x00" * 100},
        "students.csv",
        None,
        None,
        "workbook",
    ),
    # The header line is 4 cells wide (no spreadsheet padded it): the row's cells were
    # shifted, not typed beside the table; the problem names the first one beyond (s21l).
    "ragged row": (
        {"commissions_csv": COMMISSIONS + "C3,C,s3,p3,extra,cells\n"},
        "commissions.csv",
        4,
        "E",
        "header has 4 columns",
    ),
    "two columns for one meaning": (
        {"students_csv": "id,formation,background\nS1,AS,AS\nS2,AS,AS\n"},
        "students.csv",
        1,
        "background",
        "both mean 'background'",
    ),
    "unknown settings key": (
        {"settings_toml": "[selection]\ncount = 1\nmax_per_instituton = 2\n"},
        "settings.toml",
        None,
        "selection.max_per_instituton",
        "unknown setting",
    ),
    "unknown settings section": (
        {"settings_toml": "[solveur]\nseed = 1\n"},
        "settings.toml",
        None,
        "solveur",
        "unknown section",
    ),
    "settings wrong type": (
        {"settings_toml": "[selection]\ncount = '10'\n"},
        "settings.toml",
        None,
        "selection.count",
        '"10" is not accepted: expected a whole number',
    ),
    "settings bad priority": (
        {"settings_toml": "[teams]\npriorities = ['balance', 'fun']\n"},
        "settings.toml",
        None,
        "teams.priorities",
        '"fun" is not accepted: expected one of worst_choice, balance, choices, experience',
    ),
    "settings not toml": (
        {"settings_toml": "[selection\ncount = 1\n"},
        "settings.toml",
        1,
        None,
        "not valid TOML",
    ),
    "settings include unknown": (
        {"settings_toml": "[selection]\ninclude = ['C1', 'C8']\n"},
        "settings.toml",
        None,
        "selection.include",
        "'C8'",
    ),
    "settings exclude unknown": (
        {"settings_toml": "[selection]\nexclude = ['Z']\n"},
        "settings.toml",
        None,
        "selection.exclude",
        "'Z'",
    ),
    "settings balance unknown": (
        {"settings_toml": "[teams]\nbalance = ['age']\n"},
        "settings.toml",
        None,
        "teams.balance",
        "cannot be balanced",
    ),
    "settings any_slots not grouped": (
        {"settings_toml": "[selection]\nany_slots = ['oral-1', 'oral-2']\n"},
        "settings.toml",
        None,
        "selection.any_slots",
        "list of groups",
    ),
    "settings priority twice": (
        {"settings_toml": "[teams]\npriorities = ['balance', 'balance']\n"},
        "settings.toml",
        None,
        "teams.priorities",
        "more than once",
    ),
    "settings no_isolation malformed": (
        {"settings_toml": "[teams]\nno_isolation = ['vae']\n"},
        "settings.toml",
        None,
        "teams.no_isolation",
        "attribute=value",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_located(tmp_path: Path, case: str) -> None:
    overrides, file, row, column, words = CASES[case]
    problems = _problems(_instance(tmp_path, **overrides))
    matching = [p for p in problems if p.file == file and words in str(p.message)]
    assert matching, problems
    problem = matching[0]
    assert problem.row == row
    assert problem.column == column


def test_every_problem_reported_together(tmp_path: Path) -> None:
    folder = _instance(
        tmp_path,
        commissions_csv=COMMISSIONS + "C2,C,s3,p3\n",
        students_csv="id,background,vae,choices\nS1,AS,perhaps,C1\nS2,,no,C9\nS3,AS,no,C2\n",
        pairs_csv="student_a,student_b,relation\nS1,S8,apart\n",
        settings_toml="[selection]\ncolor = 'blue'\n",
    )
    problems = _problems(folder)
    found = {(p.file, p.row, p.column) for p in problems}
    assert ("commissions.csv", 4, "id") in found  # duplicate C2
    assert ("students.csv", 2, "vae") in found  # bad boolean
    assert ("students.csv", 3, "background") in found  # empty required cell
    assert ("pairs.csv", 2, "student_b") in found  # unknown student
    assert ("settings.toml", None, "selection.color") in found  # unknown key
    # S2's row is broken but its choice C9 is still checked against commissions.csv.
    assert ("students.csv", 3, "choices") in found


def test_no_such_instance(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        load_instance(tmp_path / "nowhere")


def test_a_csv_file_is_not_an_instance(tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text(STUDENTS)
    with pytest.raises(InputError, match="an instance is a folder"):
        load_instance(path)


def test_broken_workbook(tmp_path: Path) -> None:
    path = tmp_path / "cohort.xlsx"
    path.write_bytes(b"this is not a workbook")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        load_instance(path)


def test_two_files_for_students(tmp_path: Path) -> None:
    folder = _instance(tmp_path)
    (folder / "étudiants.csv").write_text(STUDENTS, encoding="utf-8")
    with pytest.raises(InputError, match="two files hold the students"):
        load_instance(folder)


def test_cli_exit_2_with_locations_and_no_traceback(tmp_path: Path) -> None:
    folder = _instance(
        tmp_path,
        students_csv="id,background,choices\nS1,AS,C1;C7\nS2,AS,\n",
        settings_toml="[selection]\nbogus = 1\n",
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    assert "students.csv, row 2, column 'choices'" in result.output
    assert "settings.toml, key 'selection.bogus'" in result.output
    assert "Traceback" not in result.output


def test_cli_garbage_exit_2(tmp_path: Path) -> None:
    folder = _instance(tmp_path, commissions_csv=bytes(range(256)))
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 2
    assert "commissions.csv" in result.output and "Traceback" not in result.output


def test_bad_input_writes_nothing(tmp_path: Path) -> None:
    folder = _instance(tmp_path, commissions_csv=COMMISSIONS + "C1,C,s3,p3\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["select", str(folder), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert not out.exists() or not any(out.iterdir())
