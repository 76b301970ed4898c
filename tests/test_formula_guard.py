"""The formula guard round trip (contract §8): matcher writes a cell starting with ``=``,
``+``, ``-``, ``@``, tab or CR with a leading ``'``, and every reader strips it back.

A student named ``=Dupont`` shows as ``'=Dupont`` in teams.csv; ``check``, ``report`` and
``whatif --from`` read the result back, and rows of teams.csv pasted into an instance's
students.csv (or an ``--add-students`` file) give the name ``=Dupont`` again, never
``'=Dupont`` (nor ``''=Dupont`` once written again).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from csvrows import read_rows

from matcher import app
from matcher.cli import main
from matcher.loading import read_csv_text, read_students

TINY = Path(__file__).resolve().parents[1] / "instances" / "tiny"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--quiet", "--workers", "1", "--seed", "1"])
    return result.exit_code, result.output


def _hostile_instance(folder: Path) -> Path:
    """teams-choices (6 students, 2 commissions) with formula-like names for S1 and S2."""
    shutil.copytree(TINY / "teams-choices", folder)
    students = folder / "students.csv"
    content = students.read_text(encoding="utf-8")
    content = content.replace("Alice Martin", "=Dupont").replace("Bruno Peeters", "-Marie")
    students.write_text(content, encoding="utf-8")
    return folder


def test_read_csv_strips_the_guard_matcher_writes() -> None:
    """Each guarded start comes back without its ``'``; a ``'`` before anything else is data
    (an apostrophe a person typed) and stays."""
    text = "id,name\nS1,'=Dupont\nS2,'-Marie\nS3,'+32\nS4,'@x\nS5,'\tTab\nS6,'Quote\nS7,O'Neil\n"
    names = [cells[1] for _, cells in read_csv_text(text, "students.csv").rows]
    # '\tTab: the guard goes, then the tab, as any cell is trimmed.
    assert names == ["=Dupont", "-Marie", "+32", "@x", "Tab", "'Quote", "O'Neil"]


def test_a_formula_like_name_round_trips_through_every_reader(tmp_path: Path) -> None:
    """run guards the names; check, report and whatif read the result back and write the
    names guarded once; teams.csv rows pasted into an instance give the names unguarded."""
    instance = _hostile_instance(tmp_path / "instance")
    result = tmp_path / "result"
    code, output = _invoke("run", str(instance), "--out", str(result), "--no-explain")
    assert code == 0, output
    names = {row["student_id"]: row["name"] for row in read_rows(result / "teams.csv")}
    assert names["S1"] == "'=Dupont" and names["S2"] == "'-Marie"

    # check reads the result back: it is the solver's own, so it breaks no rule (exit 0).
    code, output = _invoke("check", str(instance), "--result", str(result))
    assert code == 0, output

    # report re-renders it: the names are guarded once, not twice.
    rendered = tmp_path / "rendered"
    code, output = _invoke("report", str(instance), "--result", str(result), "--out", str(rendered))
    assert code == 0, output
    names = {row["student_id"]: row["name"] for row in read_rows(rendered / "teams.csv")}
    assert names["S1"] == "'=Dupont" and names["S2"] == "'-Marie"

    # whatif --from reads the teams back and keeps the other students where they were.
    after = tmp_path / "after"
    code, output = _invoke(
        "whatif", str(instance), "--from", str(result), "--out", str(after),
        "--withdraw-student", "S3", "--no-explain",
    )  # fmt: skip
    assert code == 0, output
    names = {row["student_id"]: row["name"] for row in read_rows(after / "teams.csv")}
    assert names["S1"] == "'=Dupont" and names["S2"] == "'-Marie"


def test_result_rows_pasted_into_students_csv_give_the_names_back(tmp_path: Path) -> None:
    """A director builds students.csv from teams.csv's rows (the guards come along): the
    instance's students are named ``=Dupont`` and ``-Marie``, not ``'=Dupont``."""
    instance = _hostile_instance(tmp_path / "instance")
    result = tmp_path / "result"
    code, output = _invoke("run", str(instance), "--out", str(result), "--no-explain")
    assert code == 0, output
    pasted = read_rows(result / "teams.csv")
    lines = ["id,name,background,vae,gender,choices"]
    lines += [
        ",".join((r["student_id"], r["name"], r["background"], r["vae"], r["gender"], r["choices"]))
        for r in pasted
    ]
    (instance / "students.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = app.load(instance)
    names = {s.id: s.name for s in loaded.students}
    assert names["S1"] == "=Dupont" and names["S2"] == "-Marie"


def test_add_students_file_with_guarded_names(tmp_path: Path) -> None:
    """An ``--add-students`` file made of guarded rows adds a student named ``-Zoé``, whom
    the what-if's teams.csv writes guarded once (``'-Zoé``; unstripped, the name would be
    ``'-Zoé`` and written as it is, so the file alone cannot tell: the reader is asked)."""
    instance = _hostile_instance(tmp_path / "instance")
    result = tmp_path / "result"
    code, output = _invoke("run", str(instance), "--out", str(result), "--no-explain")
    assert code == 0, output
    arrivals = tmp_path / "arrivals.csv"
    arrivals.write_text(
        "id,name,background,vae,gender,choices\nS9,'-Zoé,éducateur,no,F,C1;C2\n",
        encoding="utf-8",
    )
    after = tmp_path / "after"
    code, output = _invoke(
        "whatif", str(instance), "--from", str(result), "--out", str(after),
        "--add-students", str(arrivals), "--no-explain",
    )  # fmt: skip
    assert code == 0, output
    names = {row["student_id"]: row["name"] for row in read_rows(after / "teams.csv")}
    assert names["S9"] == "'-Zoé"
    # What the what-if read: the arrival is named -Zoé (the file's ``'`` was a guard).
    assert [s.name for s in read_students(arrivals)] == ["-Zoé"]
