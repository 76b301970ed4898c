"""Files that are there but cannot be read, control characters, huge cells, formulas
without a value, together-groups no team can hold (issue 12, items 1, 8 and 11; contract §2,
"Faults and hostile input").

Each case is invalid input (exit 2) naming the file, never taken as absent: a rule file
dropped silently would let a run answer without its rules. FIFOs are only ever met in
subprocesses (with a timeout), so that a regression that opens one blocking fails rather
than hangs the suite.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.errors import InputError
from matcher.loading import MAX_CELL_CHARS, load_instance, read_csv, read_workbook
from matcher.loading.file_bytes import read_file_bytes
from matcher.loading.tables import table_from_cells
from matcher.text import printable

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"
ESCAPE = "\x1b[2J\x1b]0;title\x07"


def _demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


def _limit_memory() -> None:
    """At most 2 GB of address space: reading /dev/zero fails instead of filling memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31))


def _matcher(*args: str, limited: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m matcher`` with a timeout: a FIFO opened blocking fails the test."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "matcher", *args],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limit_memory if limited else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("matcher blocked (a FIFO opened for reading?)")


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args])
    return result.exit_code, result.output


# -- read_file_bytes: every way a file can be there and unreadable ---------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.mkdir(), "this is a folder"),
        (lambda p: p.symlink_to(p.parent / "nowhere.csv"), "a link to"),
        (lambda p: p.symlink_to(p), "leads back to itself"),
        (lambda p: p.symlink_to(p.parent), "this is a folder"),
    ],
    ids=["folder", "dangling-link", "looping-link", "link-to-folder"],
)
def test_a_file_there_but_unreadable_is_named_with_the_reason(
    tmp_path: Path, make: object, words: str
) -> None:
    """Each kind of unreadable file: InputError naming the file and why, never "absent"."""
    path = tmp_path / "students.csv"
    make(path)  # type: ignore[operator]
    with pytest.raises(InputError) as caught:
        read_file_bytes(path)
    message = str(caught.value)
    assert message.startswith("students.csv: cannot be read: ")
    assert words in message


def test_a_device_is_refused_unread(tmp_path: Path) -> None:
    """students.csv a link to /dev/zero (endless): exit 2 naming it, nothing read. In a
    subprocess with its memory limited, so that a regression fails instead of filling
    the machine's memory."""
    demo = _demo(tmp_path)
    (demo / "students.csv").unlink()
    (demo / "students.csv").symlink_to("/dev/zero")
    done = _matcher("validate", str(demo), limited=True)
    assert done.returncode == 2, done.stderr
    assert "students.csv: cannot be read: this is a device, a pipe or a socket" in done.stderr


def test_no_permission_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the user may not read (simulated: the suite may run as root, who reads all)."""
    path = tmp_path / "pairs.csv"
    path.write_text("student_a,student_b,relation\n", encoding="utf-8")
    real_open = os.open

    def refuse(target: object, *args: object, **kwargs: object) -> int:
        if Path(str(target)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match=r"pairs\.csv: cannot be read: permission denied"):
        read_csv(path)


def test_absent_and_regular_files(tmp_path: Path) -> None:
    """The twin of the above: an absent file is "no such file", a regular one is read."""
    with pytest.raises(InputError, match=r"nowhere\.csv: no such file"):
        read_file_bytes(tmp_path / "nowhere.csv")
    (tmp_path / "ok.csv").write_bytes(b"a,b\n1,2\n")
    assert read_file_bytes(tmp_path / "ok.csv") == b"a,b\n1,2\n"


def test_fifos_are_refused_unopened(tmp_path: Path) -> None:
    """A FIFO as students.csv, settings.toml, --settings, an instance workbook or the
    instance itself: exit 2 naming it, at once (nothing ever writes into the FIFOs)."""
    demo = _demo(tmp_path)
    (demo / "settings.toml").unlink()
    os.mkfifo(demo / "settings.toml")
    done = _matcher("validate", str(demo))
    assert done.returncode == 2, done.stderr
    assert "settings.toml: cannot be read: this is a device, a pipe" in done.stderr
    other = _demo(tmp_path / "other")
    os.mkfifo(tmp_path / "extra.toml")
    done = _matcher("validate", str(other), "--settings", str(tmp_path / "extra.toml"))
    assert done.returncode == 2 and "extra.toml: cannot be read" in done.stderr, done.stderr
    os.mkfifo(tmp_path / "cohort.xlsx")
    done = _matcher("validate", str(tmp_path / "cohort.xlsx"))
    assert done.returncode == 2 and "cohort.xlsx: cannot be read" in done.stderr, done.stderr
    os.mkfifo(tmp_path / "cohort")
    done = _matcher("validate", str(tmp_path / "cohort"))
    assert done.returncode == 2 and "an instance is a folder" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_missing_students_lists_the_names_accepted(tmp_path: Path) -> None:
    """A required table absent: the names accepted for it, and that a sheet would do."""
    demo = _demo(tmp_path)
    (demo / "students.csv").unlink()
    code, output = _invoke("run", str(demo), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 2
    assert "missing file students.csv (accepted names: students.csv, étudiants.csv" in output
    assert "sheet" in output


def test_a_folder_named_like_a_french_file_is_not_absent(tmp_path: Path) -> None:
    """``étudiants.csv`` as a folder (the French name) is the students table, unreadable."""
    demo = _demo(tmp_path)
    (demo / "students.csv").unlink()
    (demo / "Étudiants.csv").mkdir()
    code, output = _invoke("validate", str(demo))
    assert code == 2
    assert "Étudiants.csv: cannot be read: this is a folder" in output
    assert "students: none" not in output


# -- a result folder's files, --selection, --add-students, supervisors.csv --------------------


@pytest.fixture(scope="module")
def result(demo_result: Path) -> Path:
    """A result of the demo (select and teams): the session's shared run, read only."""
    return demo_result


def _copy(result: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(result, tmp_path / "result"))


@pytest.mark.parametrize("name", ["teams.csv", "selection.csv", "summary.json"])
def test_check_refuses_an_unreadable_result_file(result: Path, tmp_path: Path, name: str) -> None:
    """``check`` on a result whose file is a folder: exit 2 naming it (before: teams.csv
    and selection.csv were skipped as absent and the result said to hold every rule)."""
    copy = _copy(result, tmp_path)
    (copy / name).unlink()
    (copy / name).mkdir()
    code, output = _invoke("check", str(DEMO), "--result", str(copy))
    assert code == 2, output
    assert f"{name}: cannot be read: this is a folder" in output


def test_whatif_refuses_a_dangling_selection_and_a_fifo_of_arrivals(
    result: Path, tmp_path: Path
) -> None:
    """``whatif`` whose --from selection.csv leads nowhere, then whose --add-students is
    a FIFO: exit 2 naming the file each time."""
    copy = _copy(result, tmp_path)
    (copy / "selection.csv").unlink()
    (copy / "selection.csv").symlink_to(tmp_path / "gone.csv")
    args = ["whatif", str(DEMO), "--from", str(copy), "--out", str(tmp_path / "out")]
    code, output = _invoke(*args, "--withdraw-student", "S001")
    assert code == 2 and "selection.csv: cannot be read: a link to" in output, output
    os.mkfifo(tmp_path / "arrivals.csv")
    good = _copy(result, tmp_path / "good")
    done = _matcher(
        "whatif", str(DEMO), "--from", str(good), "--out", str(tmp_path / "out2"),
        "--add-students", str(tmp_path / "arrivals.csv"),
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "arrivals.csv: cannot be read" in done.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "out2").exists()


def test_assign_refuses_a_fifo_selection(result: Path, tmp_path: Path) -> None:
    """``assign --selection`` naming a FIFO: exit 2 naming it, nothing written."""
    os.mkfifo(tmp_path / "selection.csv")
    done = _matcher(
        "assign", str(DEMO), "--selection", str(tmp_path / "selection.csv"),
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert done.returncode == 2 and "selection.csv: cannot be read" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_result_workbook_that_is_a_fifo_is_refused_as_unreadable(tmp_path: Path) -> None:
    """``--result edited.xlsx`` naming a FIFO: 'cannot be read', not searched as a folder
    (before: "edited.xlsx holds neither selection.csv nor teams.csv", which sends the
    director looking for files in something that is no folder)."""
    os.mkfifo(tmp_path / "edited.xlsx")
    done = _matcher("check", str(DEMO), "--result", str(tmp_path / "edited.xlsx"))
    assert done.returncode == 2, done.stderr
    assert "edited.xlsx: cannot be read: this is a device, a pipe" in done.stderr


def test_plan_refuses_a_supervisors_folder(result: Path, tmp_path: Path) -> None:
    """supervisors.csv as a folder: exit 2 naming it (before: "has no supervisors.csv")."""
    demo = _demo(tmp_path)
    (demo / "supervisors.csv").unlink(missing_ok=True)  # the demo ships one: a folder instead
    (demo / "supervisors.csv").mkdir()
    code, output = _invoke(
        "plan", str(demo), "--result", str(result), "--out", str(tmp_path / "plan")
    )
    assert code == 2, output
    assert "supervisors.csv: cannot be read: this is a folder" in output


# -- control characters --------------------------------------------------------------------


def test_control_characters_are_dropped_with_a_warning_naming_the_cell() -> None:
    """Escape, bell, NUL and C1 characters dropped; tab and line feeds kept; ``\\r\\n`` made
    ``\\n``; one warning per cell (file, row, column), the sixth and later cells counted."""
    records = [
        (1, ["id", "na\x07me"]),
        (2, ["S1", "Eve" + ESCAPE]),
        (3, ["S\x002", "a\tb\r\nc"]),
        (4, ["S3", "\x9bx"]),
    ]
    table = table_from_cells("students.csv", records)
    assert table.header == ("id", "name")
    assert table.rows == (
        (2, ("S1", "Eve")),  # the escape sequences dropped whole, not their printable tails
        (3, ("S2", "a\tb\nc")),
        (4, ("S3", "x")),
    )
    warnings = [str(w) for w in table.warnings]
    assert warnings == [
        "students.csv, row 1, column 'name': control characters removed from the cell "
        "(\\x07): check its text",
        "students.csv, row 2, column 'name': control characters removed from the cell "
        "(\\x1b, \\x07): check its text",
        "students.csv, row 3, column 'id': control characters removed from the cell "
        "(\\x00): check its text",
        "students.csv, row 4, column 'name': control characters removed from the cell "
        "(\\x9b): check its text",
    ]
    many = table_from_cells("s.csv", [(1, ["a"])] + [(n, [f"x{n}\x1b"]) for n in range(2, 10)])
    assert len(many.warnings) == 6
    assert str(many.warnings[-1]) == "s.csv: control characters removed from 3 more cells"


def test_controls_in_every_cell_of_a_small_file_are_dropped_not_binary(tmp_path: Path) -> None:
    """pairs.csv (two rows) with a NUL and a bell in every cell: text whose controls are
    dropped with a warning naming each cell (contract §2), exit 0. Before, its 12 control
    bytes in 82 made it "binary content" (more than 4 and more than 1 in 200), refused as a
    whole with exit 2; a photo renamed pairs.csv still is."""
    demo = _demo(tmp_path)
    cells = [["student_a", "student_b", "relation"], ["S028", "S059", "apart"]]
    cells += [["S013", "S058", "together"]]
    dirty = [[f"\x00{c}\x07" if r else c for c in row] for r, row in enumerate(cells)]
    (demo / "pairs.csv").write_text("".join(",".join(row) + "\n" for row in dirty))
    done = _matcher("validate", str(demo), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "pairs.csv, row 2, column 'student_a': control characters removed" in done.stdout
    assert "\x07" not in done.stdout + done.stderr and "\x00" not in done.stdout + done.stderr
    (demo / "pairs.csv").write_bytes(bytes(range(256)) * 4)
    done = _matcher("validate", str(demo), "--lang", "en")
    assert done.returncode == 2 and "pairs.csv: this is not a text file" in done.stderr


def test_printable_escapes_every_control_character() -> None:
    """The terminal helper: ESC, BEL, CR, LF and C1 shown escaped, tab kept."""
    assert printable("a\x1b[2Jb\x07\r\n\x9b\tc") == "a\\x1b[2Jb\\x07\\x0d\\x0a\\x9b\tc"


def test_an_escape_sequence_in_a_name_reaches_no_output_raw(tmp_path: Path) -> None:
    """A name holding an escape sequence: validate warns naming the cell; run lists the
    warning in summary.json; no raw control character in stdout, stderr, teams.csv,
    report.html or result.xlsx."""
    demo = _demo(tmp_path)
    lines = (demo / "students.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "Eve" + ESCAPE
    lines[1] = ",".join(cells)
    (demo / "students.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _matcher("validate", str(demo))
    assert done.returncode == 0, done.stderr
    assert "students.csv, row 2, column 'name': control characters removed" in done.stdout
    out = tmp_path / "out"
    done = _matcher("run", str(demo), "--out", str(out), "--time-limit", "20")
    assert done.returncode == 0, done.stderr
    for text in (done.stdout, done.stderr):
        assert not any(ch in text for ch in "\x1b\x07")
    for name in ("teams.csv", "report.html", "summary.json", "selection.csv"):
        written = (out / name).read_text(encoding="utf-8")
        assert not any(ch in written for ch in "\x1b\x07"), name
        assert "\\u001b" not in written, name
    teams = (out / "teams.csv").read_text(encoding="utf-8")
    assert "Eve" in teams and "[2J" not in teams and "title" not in teams
    with zipfile.ZipFile(out / "result.xlsx") as book:
        for member in book.namelist():
            data = book.read(member)
            assert b"\x1b" not in data and b"_x001B_" not in data, member
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any("control characters removed" in w for w in summary["warnings"])


def test_ids_from_the_command_line_are_escaped_in_messages(result: Path, tmp_path: Path) -> None:
    """An id typed on the command line is echoed escaped in the error message."""
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(result), "--out", str(tmp_path / "out"),
        "--withdraw-student", "S9" + ESCAPE,
    )  # fmt: skip
    assert code == 2, output
    assert "\x1b" not in output and "\x07" not in output
    assert "S9\\x1b[2J" in output


# -- cells too large, formulas without a value -----------------------------------------------


def test_a_huge_cell_is_refused_with_row_column_and_limit(tmp_path: Path) -> None:
    """A 1 MB cell (over the csv module's own limit): row, column and the limit; a cell of
    exactly the limit is read."""
    path = tmp_path / "students.csv"
    path.write_text(f"id,name\nS1,{'x' * 1_000_000}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_csv(path)
    assert str(caught.value) == (
        "students.csv, row 2, column 'name': the cell holds 1000000 characters, more than "
        f"the {MAX_CELL_CHARS} a cell may hold (a whole text pasted into one cell?)"
    )
    path.write_text(f'id,name\nS1,"{"y" * (MAX_CELL_CHARS - 1)}\n"\n', encoding="utf-8")
    assert read_csv(path).rows[0][1][1] == "y" * (MAX_CELL_CHARS - 1)


def test_a_formula_without_a_saved_value_is_refused(tmp_path: Path) -> None:
    """openpyxl writes formulas without values: the sheet read as a table names the cell;
    a formula saved with its value (as Excel and XlsxWriter do) is read as that value."""
    import openpyxl
    import xlsxwriter

    unsaved = tmp_path / "unsaved.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "students"
    sheet.append(["id", "background", "experience_years"])
    sheet.append(["S1", "social", "=1+1"])
    book.save(unsaved)
    with pytest.raises(InputError) as caught:
        load_instance(unsaved)
    assert str(caught.value) == (
        "unsaved.xlsx [students], row 2, column 'experience_years': formula without a saved "
        "value: open and save the file in Excel/LibreOffice, or paste values"
    )
    saved = tmp_path / "saved.xlsx"
    with xlsxwriter.Workbook(saved) as writer:
        page = writer.add_worksheet("students")
        page.write_row(0, 0, ["id", "background", "experience_years"])
        page.write_row(1, 0, ["S1", "social"])
        page.write_formula(1, 2, "=1+1", None, 2)
    assert read_workbook(saved)["students"][1] == (2, ["S1", "social", "2"])
    assert load_instance(saved).students[0].experience_years == 2


# -- together-groups larger than any team: validate says so ---------------------------------


def _chain(demo: Path, size: int) -> None:
    """pairs.csv ties the first ``size`` students together, one chain."""
    ids = [f"S{n:03d}" for n in range(1, size + 1)]
    rows = [f"{a},{b},together" for a, b in itertools.pairwise(ids)]
    (demo / "pairs.csv").write_text(
        "student_a,student_b,relation\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )


def test_validate_flags_a_together_group_larger_than_the_largest_team(tmp_path: Path) -> None:
    """60 students in 10 teams: teams of 6. Seven students tied together can be in no
    team (exit 3, naming them and the size); six can (exit 0)."""
    demo = _demo(tmp_path)
    _chain(demo, 7)
    code, output = _invoke("validate", str(demo))
    assert code == 3, output
    assert "together-group S001, S002, S003, S004, S005, S006 and S007 (7 students)" in output
    assert "largest team (6 students)" in output
    _chain(demo, 6)
    code, output = _invoke("validate", str(demo))
    assert code == 0, output


def test_a_file_name_with_an_escape_reaches_the_report_escaped(
    result: Path, tmp_path: Path
) -> None:
    """An arrivals file whose own name holds an escape sequence and a bell: its warnings,
    listed in report.html, show the name with the controls escaped (before: raw ESC and
    BEL in the page, which the terminal's `cat report.html` or a text viewer obeyed)."""
    arrivals = tmp_path / f"arrivals{ESCAPE}.csv"
    arrivals.write_text("id,name,background\nS900,Zo\x07e,GRH\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(result), "--out", str(out),
        "--add-students", str(arrivals), "--lang", "en",
    )  # fmt: skip
    assert code == 0, output
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "arrivals\\x1b[2J" in report  # the warning naming the file, escaped
    assert not any(ch in report for ch in "\x1b\x07\x00")


def test_arrivals_with_control_characters_are_warned_about(result: Path, tmp_path: Path) -> None:
    """``whatif --add-students`` whose file holds an escape sequence: the arrival is read
    without it, the terminal warns naming the cell, and nothing raw is printed."""
    arrivals = tmp_path / "arrivals.csv"
    arrivals.write_text(
        "id,name,background,choices\nS900,New\x1b[2J Name,assistant social,C01\n",
        encoding="utf-8",
    )
    code, output = _invoke(
        "whatif", str(DEMO), "--from", str(result), "--out", str(tmp_path / "out"),
        "--add-students", str(arrivals),
    )  # fmt: skip
    assert code == 0, output
    assert "arrivals.csv, row 2, column 'name': control characters removed" in output
    assert "\x1b" not in output
    teams = (tmp_path / "out" / "teams.csv").read_text(encoding="utf-8")
    assert "S900" in teams and "\x1b" not in teams
