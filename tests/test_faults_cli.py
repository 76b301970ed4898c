"""Faults and hostile use of the command line (contract §2, "Faults and hostile input").

Out-of-range options and settings, hand-edited selections that break the selection rules,
unwritable or half-broken output folders, stale staging folders, closed pipes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "instances" / "tiny"
DEMO = ROOT / "instances" / "demo"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- out-of-range numbers (item 6) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "accepted"),
    [
        ("--seed", "2147483648", "0<=x<=2147483647"),
        ("--seed", "-1", "0<=x<=2147483647"),
        ("--workers", "65", "1<=x<=64"),
        ("--workers", "1000000", "1<=x<=64"),
        ("--workers", "0", "1<=x<=64"),
        ("--time-limit", "nan", "positive finite number"),
        ("--time-limit", "inf", "positive finite number"),
        ("--time-limit", "0", "positive finite number"),
        ("--time-limit", "-1", "positive finite number"),
        # Probe s37a: 1e16 seconds and more overflowed the solvers' limits (exit 1).
        ("--time-limit", "1e20", "more seconds than the longest time limit, 1000000"),
    ],
)
def test_out_of_range_options_are_usage_errors(
    tmp_path: Path, option: str, value: str, accepted: str
) -> None:
    """Each value outside the accepted range exits 2 naming the option and the range."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(TINY / "teams-choices"), "--out", str(out), option, value, "--quiet"]
    )
    assert result.exit_code == 2, result.output
    assert option in result.output and accepted in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("seed = 2147483648", "expected a number ≤ 2147483647"),
        ("workers = 1000000", "expected a number ≤ 64"),
        ("time_limit = nan", "finite number"),
        ("time_limit = inf", "finite number"),
        ("time_limit = 0", "expected a number > 0"),
        ("time_limit = -1", "expected a number > 0"),
        ("time_limit = 1e300", "expected a number ≤ 1000000"),
    ],
)
def test_out_of_range_solver_settings_are_invalid_input(
    tmp_path: Path, line: str, words: str
) -> None:
    """settings.toml [solver] out of range: exit 2 naming the file, the key and the range."""
    settings = tmp_path / "settings.toml"
    settings.write_text(f"[solver]\n{line}\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = _invoke(
        "run", str(TINY / "teams-choices"), "--settings", str(settings), "--out", str(out)
    )
    assert code == 2, err
    key = line.split(" = ")[0]
    assert f"settings.toml, key 'solver.{key}'" in err and words in err
    assert not out.exists()


@pytest.mark.parametrize("count", ["26", "9223372036854775807"])
def test_count_above_the_proposals_is_invalid_input(tmp_path: Path, count: str) -> None:
    """The demo has 25 proposals: count 26 or 2^63-1 exit 2 naming the key and the 25."""
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    settings = instance / "settings.toml"
    text = settings.read_text(encoding="utf-8").replace("count = 10", f"count = {count}")
    settings.write_text(text, encoding="utf-8")
    for command in (["validate", str(instance)], ["run", str(instance), "--out", "x"]):
        code, err = _invoke(*command)
        assert code == 2, err
        assert "key 'selection.count'" in err
        assert f"count is {count} but only 25 proposals were received" in err
    assert not (tmp_path / "x").exists()


def _eight_proposals(folder: Path) -> Path:
    """A cohort of 8 proposals and 16 students, no settings.toml: the default count (10)
    cannot be met."""
    folder.mkdir()
    rows = [f"C{i},Institution {i},S{i % 3},P{i % 2}" for i in range(1, 9)]
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    students = [f"S{i},AS,C{i % 8 + 1}" for i in range(1, 17)]
    (folder / "students.csv").write_text(
        "id,background,choices\n" + "\n".join(students) + "\n", encoding="utf-8"
    )
    return folder


def test_the_default_count_above_the_proposals_is_a_usage_error(tmp_path: Path) -> None:
    """Contract, faults: "a count larger than the proposals" is a usage error (2), the
    default count too (was: validate warned, select/run answered 3). The message says the
    10 is the default and what to write; nothing is written."""
    instance = _eight_proposals(tmp_path / "few")
    for command in (
        ["validate", str(instance)],
        ["select", str(instance), "--out", str(tmp_path / "x")],
        ["run", str(instance), "--out", str(tmp_path / "x")],
    ):
        code, err = _invoke(*command)
        assert code == 2, err
        assert "settings.toml, key 'selection.count': count is 10 (the default" in err
        assert "only 8 proposals were received (commissions.csv)" in err
        assert "write a count from 1 to 8 under [selection] in settings.toml" in err
    assert not (tmp_path / "x").exists()
    (instance / "settings.toml").write_text("[selection]\ncount = 8\n", encoding="utf-8")
    assert _invoke("validate", str(instance))[0] == 0


def test_the_workbench_opens_a_cohort_below_the_default_count(tmp_path: Path) -> None:
    """The workbench's settings form holds the count: the cohort opens (with the warning)
    so that the director can write it there; a written count above is refused there."""
    from matcher.app.board import apply_settings
    from matcher.errors import InputError
    from matcher.web.engine import load_folder

    instance = load_folder(_eight_proposals(tmp_path / "few"))
    assert len(instance.commissions) == 8
    assert apply_settings(instance, {"selection.count": 8}).settings.selection.count == 8
    with pytest.raises(InputError):
        apply_settings(instance, {"selection.count": 9})


# -- a given selection that breaks the selection rules (item 9) ----------------------------


def _edited_selection(tmp_path: Path, selected: set[str]) -> Path:
    """whatif-before's previous selection.csv with exactly ``selected`` marked selected."""
    source = TINY / "whatif-before" / "previous" / "selection.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[5] = "yes" if cells[0] in selected else "no"
        out.append(",".join(cells))
    folder = tmp_path / "edited"
    folder.mkdir(exist_ok=True)
    (folder / "selection.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("selected", "exclude", "broken"),
    [
        # C6 is CPAS de Beta like C2: two of one institution, and 4 where count is 3.
        (
            {"C1", "C2", "C3", "C6"},
            None,
            [
                "4 proposals are selected; exactly 3 are required",
                "2 proposals of CPAS de Beta are selected (C2, C6); at most 1 per institution",
            ],
        ),
        ({"C1", "C2"}, None, ["2 proposals are selected; exactly 3 are required"]),
        ({"C1", "C2", "C4"}, "C4", ["C4 is selected but is excluded"]),
    ],
)
def test_assign_refuses_a_selection_breaking_the_rules(
    tmp_path: Path, selected: set[str], exclude: str | None, broken: list[str]
) -> None:
    """assign exits 3 listing each broken rule as check words it, and writes nothing."""
    instance = Path(shutil.copytree(TINY / "whatif-before", tmp_path / "cohort"))
    if exclude is not None:
        text = (instance / "settings.toml").read_text(encoding="utf-8")
        text = text.replace("count = 3", f'count = 3\nexclude = ["{exclude}"]')
        (instance / "settings.toml").write_text(text, encoding="utf-8")
    folder = _edited_selection(tmp_path, selected)
    out = tmp_path / "out"
    code, err = _invoke(
        "assign", str(instance), "--selection", str(folder / "selection.csv"), "--out", str(out)
    )
    assert code == 3, err
    assert "breaks" in err and "selection rule" in err
    for sentence in broken:
        assert sentence in err
    assert not out.exists()
    # check on the same folder reports the same sentences.
    code, check_err = _invoke("check", str(instance), "--result", str(folder), "--quiet")
    assert code == 3
    for sentence in broken:
        assert sentence in check_err


def test_whatif_refuses_a_previous_selection_breaking_the_rules(tmp_path: Path) -> None:
    """whatif from a hand-edited selection with two of CPAS de Beta exits 3, writes nothing."""
    instance = Path(shutil.copytree(TINY / "whatif-before", tmp_path / "cohort"))
    folder = _edited_selection(tmp_path, {"C1", "C2", "C6"})
    out = tmp_path / "out"
    code, err = _invoke(
        "whatif", str(instance), "--from", str(folder), "--out", str(out),
        "--withdraw-commission", "C1",
    )  # fmt: skip
    assert code == 3, err
    assert "2 proposals of CPAS de Beta are selected (C2, C6)" in err
    assert not out.exists()


# -- writing results (items 3, 4, 5) -------------------------------------------------------


def _run(instance: Path, out: Path) -> tuple[int, str]:
    return _invoke("run", str(instance), "--out", str(out), "--quiet")


def test_replacing_a_result_whose_teams_csv_became_a_folder(tmp_path: Path) -> None:
    """The issue's case: teams.csv replaced by a folder in an earlier result. The new run
    replaces the folder as a whole: every output file is the new run's, nothing mixed."""
    out = tmp_path / "mid"
    assert _run(TINY / "teams-choices", out)[0] == 0
    (out / "teams.csv").unlink()
    (out / "teams.csv" / "x").mkdir(parents=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, err = _run(TINY / "whatif-before", out)
    assert code == 0, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["instance"] == "whatif-before"
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "Alice Dubois" in teams  # a student of whatif-before
    selection = (out / "selection.csv").read_text(encoding="utf-8-sig")
    assert "CPAS de Beta" in selection
    # What the person put there stays; no staging folder is left beside it.
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matcher-")] == []


def test_a_failed_replacement_leaves_the_old_result_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer failing midway: the old result is left byte for byte, no staging folder
    survives, and the message does not claim an internal error wrote nothing falsely."""
    out = tmp_path / "mid"
    assert _run(TINY / "teams-choices", out)[0] == 0
    before = _hashes(out)

    def broken(path: Path, outcome: object, lang: object) -> None:
        raise OSError(28, "No space left on device")

    import matcher.outputs.writers as writers

    original = writers._writers

    def with_broken_report(outcome: object, *earlier: object) -> dict[str, object]:
        table = dict(original(outcome, *earlier))  # type: ignore[arg-type]
        table["report.html"] = broken
        return table

    monkeypatch.setattr(writers, "_writers", with_broken_report)
    code, err = _run(TINY / "whatif-before", out)
    assert code == 2, err
    # The system's reason in the reader's words (errors.os_reason), not its English text.
    assert "the disk is full" in err and "nothing was written" in err
    assert _hashes(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".matcher-")] == []


def test_stale_staging_of_a_dead_process_is_removed(tmp_path: Path) -> None:
    """A staging folder named for a process that no longer runs, older than this run, is
    removed by the next run; one of a living process is left alone."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".matcher-{dead.stdout.strip()}-abcd1234"
    (stale / "teams.csv").parent.mkdir()
    (stale / "teams.csv").write_text("half", encoding="utf-8")
    living = tmp_path / f".matcher-{os.getppid()}-efgh5678"
    living.mkdir()
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(living, (old, old))
    assert _run(TINY / "teams-choices", tmp_path / "out")[0] == 0
    assert not stale.exists()
    assert living.exists()


@pytest.mark.parametrize("where", ["/proc/matcher-out", "file"])
def test_an_unwritable_out_is_a_usage_error_naming_it(tmp_path: Path, where: str) -> None:
    """--out under /proc, or under a plain file: exit 2 naming the folder, before solving."""
    if where == "file":
        (tmp_path / "file").write_text("x", encoding="utf-8")
        out = tmp_path / "file" / "out"
    else:
        out = Path(where)
    code, err = _run(TINY / "teams-choices", out)
    assert code == 2, err
    assert f"--out {out}" in err and "cannot be written" in err
    assert "internal error" not in err


def test_an_existing_out_that_takes_no_file_is_refused_before_explaining(
    tmp_path: Path, demo_result: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`explain --out DIR` where DIR exists but takes no file (read-only, as for a user
    other than root): exit 2 naming it, before any wish is explained. Before, explain
    worked to the end and then failed with exit 1 (PermissionError, internal error); the
    commands that replace DIR failed only after their search. Root writes anywhere, so the
    refusal of DIR is simulated where the probe asks it for a new folder."""
    import tempfile

    import matcher.app

    out = tmp_path / "read-only"
    out.mkdir()
    mkdtemp = tempfile.mkdtemp

    def refusing(*args: object, dir: object = None, **kwargs: object) -> str:
        if dir is not None and Path(str(dir)).resolve() == out.resolve():
            raise PermissionError(13, "Permission denied", str(dir))
        return mkdtemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload, no-any-return]

    explained: list[object] = []
    monkeypatch.setattr(tempfile, "mkdtemp", refusing)
    monkeypatch.setattr(matcher.app, "explain", lambda *a, **k: explained.append(a))
    code, err = _invoke(
        "explain", str(DEMO), "--result", str(demo_result), "--out", str(out), "--lang", "en"
    )
    assert code == 2, err
    assert f"--out {out} cannot be written (permission denied)" in err
    assert not explained


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_a_usage_error(tmp_path: Path) -> None:
    """--out inside a read-only folder: exit 2 naming the folder."""
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        code, err = _run(TINY / "teams-choices", parent / "out")
    finally:
        parent.chmod(0o755)
    assert code == 2, err
    assert f"--out {parent / 'out'}" in err


# -- a closed output pipe (item 7) ---------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_closed_pipe_ends_quietly(tmp_path: Path, command: str) -> None:
    """`matcher validate demo | head -1` (and run): the reader closes the pipe after one
    line; matcher ends with 0 or the SIGPIPE convention, never an internal error."""
    args = [sys.executable, "-m", "matcher", command, str(DEMO)]
    # The pipe may close before or while matcher writes: a few tries (fewer for run).
    for attempt in range(4 if command == "validate" else 2):
        args_now = [*args, "--out", str(tmp_path / f"out{attempt}")] if command == "run" else args
        process = subprocess.Popen(args_now, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait()
        assert code in (0, 141, -13), err
        assert "internal error" not in err and "Traceback" not in err


def _rules_cannot_hold(tmp_path: Path) -> Path:
    """A cohort whose together-group (4 students) is larger than its teams (3)."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,q\n", encoding="utf-8"
    )
    (cohort / "students.csv").write_text(
        "id,background\n" + "".join(f"S{i},AS\n" for i in range(1, 7)), encoding="utf-8"
    )
    (cohort / "pairs.csv").write_text(
        "student_a,student_b,relation\nS1,S2,together\nS2,S3,together\nS3,S4,together\n",
        encoding="utf-8",
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    return cohort


def test_a_closed_pipe_keeps_the_rules_said_and_the_status(tmp_path: Path) -> None:
    """Probe s37a: `matcher validate … 2>err | head -1` on a cohort whose rules cannot hold
    ended 141 with err empty (8 runs of 10): stdout's reader gone stopped the command before
    its message. The lines for stdout go nowhere; stderr says the rules, exit 3. The pipe
    here is closed before matcher writes, every run alike."""
    cohort = _rules_cannot_hold(tmp_path)
    read, write = os.pipe()
    os.close(read)
    try:
        ran = subprocess.run(
            [sys.executable, "-m", "matcher", "validate", str(cohort), "--lang", "en"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert ran.returncode == 3, ran.stderr
    assert "together-group S1, S2, S3 and S4 (4 students) is larger" in ran.stderr


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_closed_pipe_for_both_streams_keeps_the_status(
    tmp_path: Path, demo_result: Path, command: str
) -> None:
    """Probe s38e: `matcher check … 2>&1 | head -12` ended 141 in 3 runs of 6, where
    `check` exits 3: stderr went to the closed pipe too, and its first line stopped the
    command. Both streams' lines go nowhere now, the status is the contract's. The pipe is
    closed before matcher writes, every run alike."""
    if command == "validate":
        args, expected = ["validate", str(_rules_cannot_hold(tmp_path))], 3
    else:
        result = Path(shutil.copytree(demo_result, tmp_path / "res"))
        teams = result / "teams.csv"
        rows = list(csv.reader(teams.open(encoding="utf-8-sig")))
        column = rows[0].index("commission_id")
        sizes = Counter(row[column] for row in rows[1:])
        ordered = sorted(sizes, key=sizes.__getitem__)
        # One student of the smallest team moved to the largest (60 students in ten teams
        # of 6: two of them): both out of the bounds, a broken rule.
        next(row for row in rows[1:] if row[column] == ordered[0])[column] = ordered[-1]
        with teams.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        args, expected = ["check", str(DEMO), "--result", str(result)], 3
    read, write = os.pipe()
    os.close(read)
    try:
        ran = subprocess.run(
            [sys.executable, "-m", "matcher", *args, "--lang", "fr"],
            stdout=write,
            stderr=write,
            timeout=120,
        )
    finally:
        os.close(write)
    assert ran.returncode == expected


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "/no/such/instance"],  # a usage error: click's own message
        ["run", str(DEMO), "--seed", "-1"],
        ["validate", str(TINY / "teams-choices"), "--settings", "/no/such.toml"],
    ],
)
def test_an_unwritable_stderr_keeps_the_exit_status(args: list[str]) -> None:
    """stderr on a full disk (`2>/dev/full`): the message cannot be written, the status
    still says what happened: 2, never 1 (an internal error; probe s27)."""
    with open("/dev/full", "w") as full:
        code = subprocess.run(
            [sys.executable, "-m", "matcher", *args], stdout=subprocess.DEVNULL, stderr=full
        ).returncode
    assert code == 2


# -- serve: start-up options --------------------------------------------------------------


def test_serve_on_a_port_in_use_or_an_unknown_host_is_a_usage_error(tmp_path: Path) -> None:
    """`serve --port P` while another program listens on P, or `--host` naming no address:
    exit 2 with the reason in the language in force. Before, werkzeug printed its own
    English lines ("Address already in use", "Name or service not known") and exited 1,
    the code of an internal error."""
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = str(taken.getsockname()[1])
    try:
        args = ["serve", str(DEMO), "--out", str(tmp_path / "out"), "--no-open"]
        code, err = _invoke(*args, "--port", port, "--lang", "fr")
        assert code == 2, err
        assert f"impossible d'écouter sur 127.0.0.1:{port}" in err
        assert "un autre programme utilise déjà ce port" in err
        code, err = _invoke(*args, "--host", "no-such-host.invalid", "--lang", "en")
        assert code == 2, err
        assert "no such address or host name" in err
    finally:
        taken.close()
    assert not (tmp_path / "out").exists()
