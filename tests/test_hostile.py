"""Hostile-input campaign: malformed variants of the demo, each refused cleanly.

Every variant copies ``instances/demo`` to a temporary folder, breaks one thing (truncated
files, wrong types, unknown ids, huge cells, binary garbage, BOM variants, empty files,
duplicate headers, settings out of range, unknown keys, unreadable files …) and runs
``matcher run`` in-process (CliRunner; a few as subprocesses). Each must exit 2 (invalid
input) or 3 (no solution / rules broken) as listed — never 1 — name the file (and row or
column where there is one), write nothing, and show no traceback.

Issue 12, items 1, 8 and 11 add their own variants: files there but unreadable (folders,
links to nowhere or to themselves, FIFOs, devices, under French names too) are refused,
never taken as absent; control characters are dropped (exit 0, nothing raw in any output);
cells over the limit and together-groups no team can hold are refused.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Variant:
    """One malformed instance: how to make it and what the refusal must say."""

    name: str
    mutate: Mutation
    file: str
    codes: tuple[int, ...] = (2,)
    #: Further words the message must hold (a row, a column, a key).
    words: tuple[str, ...] = ()
    #: Words the message must not hold (an unreadable file is not "missing").
    forbidden: tuple[str, ...] = ()
    #: Run as a subprocess with limited memory (FIFOs block, devices never end).
    isolated: bool = False


# -- mutation helpers ----------------------------------------------------------------------


def _text(folder: Path, file: str) -> str:
    return (folder / file).read_text(encoding="utf-8")


def _write(folder: Path, file: str, text: str, encoding: str = "utf-8") -> None:
    (folder / file).write_bytes(text.encode(encoding))


def _edit(file: str, edit: Callable[[str], str]) -> Mutation:
    def mutate(folder: Path) -> None:
        _write(folder, file, edit(_text(folder, file)))

    return mutate


def _raw(file: str, data: bytes) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).write_bytes(data)

    return mutate


def _cell(file: str, row: int, column: str, value: str) -> Mutation:
    """Set one cell (spreadsheet row: header is row 1) of a plain CSV file."""

    def edit(text: str) -> str:
        lines = text.splitlines()
        header = lines[0].split(",")
        cells = lines[row - 1].split(",")
        cells[header.index(column)] = value
        lines[row - 1] = ",".join(cells)
        return "\n".join(lines) + "\n"

    return _edit(file, edit)


def _lines(file: str, edit: Callable[[list[str]], list[str]]) -> Mutation:
    return _edit(file, lambda text: "\n".join(edit(text.splitlines())) + "\n")


def _settings(replace_from: str, replace_to: str) -> Mutation:
    return _edit("settings.toml", lambda text: text.replace(replace_from, replace_to))


def _append_settings(extra: str) -> Mutation:
    return _edit("settings.toml", lambda text: text + extra)


def _solver(line: str) -> Mutation:
    return _append_settings(f"\n[solver]\n{line}\n")


def _folder(file: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).mkdir()

    return mutate


def _dangling(file: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to(folder / "nowhere.csv")

    return mutate


def _looping(file: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to(folder / file)

    return mutate


def _fifo(file: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        os.mkfifo(folder / file)

    return mutate


def _device(file: str, device: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to(device)

    return mutate


def _link_to_folder(file: str) -> Mutation:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()
        (folder / "elsewhere").mkdir()
        (folder / file).symlink_to(folder / "elsewhere")

    return mutate


def _renamed(file: str, name: str, then: Callable[[str], Mutation]) -> Mutation:
    """The file under another accepted name (``étudiants.csv``), then broken."""

    def mutate(folder: Path) -> None:
        (folder / file).rename(folder / name)
        then(name)(folder)

    return mutate


def _together_chain(size: int) -> Mutation:
    def mutate(folder: Path) -> None:
        ids = [f"S{n:03d}" for n in range(1, size + 1)]
        rows = [f"{a},{b},together" for a, b in itertools.pairwise(ids)]
        _write(folder, "pairs.csv", "student_a,student_b,relation\n" + "\n".join(rows) + "\n")

    return mutate


def _quoted_cell(file: str, row: int, column: str, value: str) -> Mutation:
    """Set one cell to a quoted value (which may hold delimiters and line breaks)."""
    return _cell(file, row, column, '"' + value.replace('"', '""') + '"')


def _drop_column(file: str, column: str) -> Mutation:
    def edit(lines: list[str]) -> list[str]:
        index = lines[0].split(",").index(column)
        return [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]

    return _lines(file, edit)


def _duplicate_header(file: str, column: str) -> Mutation:
    def edit(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        header[-1] = column
        return [",".join(header), *lines[1:]]

    return _lines(file, edit)


GARBAGE = bytes(range(256)) * 8
CSV_FILES = ("commissions.csv", "students.csv", "pairs.csv")


def _cp1252_half(file: str) -> Mutation:
    """Half the file in UTF-8, a row in cp1252 bytes that are not UTF-8."""

    def mutate(folder: Path) -> None:
        data = (folder / file).read_bytes()
        (folder / file).write_bytes(data + "Zoé,Ça\n".encode("cp1252"))

    return mutate


def _generic(file: str) -> list[Variant]:
    """The mutations every CSV file gets."""
    stem = file.removesuffix(".csv")
    first_column = {"commissions.csv": "id", "students.csv": "id", "pairs.csv": "student_a"}[file]
    return [
        Variant(f"{stem}-empty", _raw(file, b""), file),
        Variant(f"{stem}-binary", _raw(file, GARBAGE), file),
        # Tolerated by the loaders (exit 0 allowed), but never written raw (item 8).
        Variant(
            f"{stem}-nul-bytes",
            _edit(file, lambda t: t.replace(",", ",\x00", 3)),
            file,
            codes=(0, 2),
        ),
        Variant(
            f"{stem}-utf16-truncated",
            lambda f: _write(f, file, _text(f, file)[:-40], "utf-16"),
            file,
            codes=(0, 2),
        ),
        Variant(
            f"{stem}-double-bom", _edit(file, lambda t: "\ufeff\ufeff" + t), file, codes=(0, 2)
        ),
        Variant(
            f"{stem}-bom-mid-header",
            _edit(file, lambda t: t.replace(",", ",\ufeff", 1)),
            file,
            codes=(0, 2),
        ),
        Variant(f"{stem}-duplicate-header", _duplicate_header(file, first_column), file),
        Variant(f"{stem}-missing-column", _drop_column(file, first_column), file),
        Variant(
            f"{stem}-unclosed-quote", _lines(file, lambda ls: [*ls[:2], '"' + ls[2], *ls[3:]]), file
        ),
        Variant(
            f"{stem}-extra-cell",
            _lines(file, lambda ls: [*ls[:2], ls[2] + ",x,y", *ls[3:]]),
            file,
            words=("row 3",),
        ),
        Variant(
            f"{stem}-truncated-row", _edit(file, lambda t: t[: t.rindex(",")]), file, codes=(0, 2)
        ),
        Variant(f"{stem}-cp1252-in-utf8", _cp1252_half(file), file),
        Variant(f"{stem}-folder", _folder(file), file, forbidden=("missing",)),
        Variant(f"{stem}-dangling-link", _dangling(file), file, forbidden=("missing",)),
        Variant(f"{stem}-looping-link", _looping(file), file, forbidden=("missing",)),
        Variant(f"{stem}-fifo", _fifo(file), file, forbidden=("missing",), isolated=True),
        Variant(
            f"{stem}-huge-cell",
            _cell(file, 2, first_column, "x" * 1_000_000),
            file,
            words=("row 2", first_column, "10000"),
        ),
        # Issue 12: more files there but unreadable, control characters, cells too large.
        Variant(
            f"{stem}-dev-zero",
            _device(file, "/dev/zero"),
            file,
            words=("device",),
            forbidden=("missing",),
            isolated=True,
        ),
        Variant(f"{stem}-link-to-folder", _link_to_folder(file), file, words=("folder",)),
        Variant(
            f"{stem}-escape-in-cell",
            # Dropped, the id is the demo's again: exit 0 (even in a file as small as
            # pairs.csv: stray controls do not make it binary).
            _cell(file, 2, first_column, "\x07" + first_cell(file) + "\x00\x9b\x1b"),
            file,
            codes=(0,),
        ),
        Variant(
            f"{stem}-cell-over-limit",
            _cell(file, 3, first_column, "y" * 10_001),
            file,
            words=("row 3", first_column, "10001", "10000"),
        ),
    ]


def first_cell(file: str) -> str:
    """The first data cell of a demo file (its row 2, first column)."""
    return (DEMO / file).read_text(encoding="utf-8").splitlines()[1].split(",")[0]


def _all_variants() -> list[Variant]:
    variants: list[Variant] = []
    for file in CSV_FILES:
        variants += _generic(file)
    c, s, p, t = "commissions.csv", "students.csv", "pairs.csv", "settings.toml"
    variants += [
        # Wrong types and unknown ids, with their row and column.
        Variant("commission-priority-word", _cell(c, 3, "priority", "high"), c,
                words=("row 3", "priority")),
        Variant("commission-priority-negative", _cell(c, 4, "priority", "-2"), c,
                words=("row 4", "priority")),
        Variant("commission-duplicate-id", _cell(c, 3, "id", "C01"), c, words=("C01",)),
        Variant("commission-empty-id", _cell(c, 5, "id", ""), c, words=("row 5",)),
        Variant("commission-empty-institution", _cell(c, 5, "institution", ""), c,
                words=("row 5", "institution")),
        Variant("student-vae-word", _cell(s, 4, "vae", "maybe"), s, words=("row 4", "vae")),
        Variant("student-experience-text", _cell(s, 5, "experience_years", "abc"), s,
                words=("row 5", "experience_years")),
        Variant("student-experience-negative", _cell(s, 5, "experience_years", "-3"), s,
                words=("row 5", "experience_years")),
        Variant("student-unknown-choice", _cell(s, 2, "choices", "C99;C01"), s,
                words=("row 2", "C99")),
        Variant("student-duplicate-id", _cell(s, 3, "id", "S001"), s, words=("S001",)),
        Variant("student-empty-background", _cell(s, 6, "background", ""), s,
                words=("row 6", "background")),
        Variant("pair-unknown-student", _cell(p, 2, "student_a", "S999"), p,
                words=("row 2", "S999")),
        Variant("pair-bad-relation", _cell(p, 2, "relation", "maybe"), p,
                words=("row 2", "relation")),
        Variant("pair-self", _lines(p, lambda ls: [*ls, "S001,S001,apart"]), p),
        # settings.toml: syntax, types, ranges, unknown keys.
        Variant("settings-empty-garbage", _raw(t, GARBAGE), t),
        Variant("settings-syntax", _append_settings("\n[teams\nmin_size = 2\n"), t),
        Variant("settings-count-word", _settings("count = 10", 'count = "ten"'), t,
                words=("selection.count",)),
        Variant("settings-count-zero", _settings("count = 10", "count = 0"), t,
                words=("selection.count",)),
        Variant("settings-count-huge", _settings("count = 10", "count = 9223372036854775807"), t,
                words=("selection.count", "25 proposals")),
        Variant("settings-count-over-proposals", _settings("count = 10", "count = 26"), t,
                words=("selection.count", "25 proposals")),
        Variant("settings-unknown-key", _settings("count = 10", "count = 10\ncolour = 3"), t,
                words=("colour",)),
        Variant("settings-unknown-section", _append_settings("\n[extras]\nx = 1\n"), t,
                words=("extras",)),
        Variant("settings-unknown-priority", _append_settings(
            '\n[teams]\npriorities = ["happiness"]\n'), t, words=("happiness",)),
        Variant("settings-max-per-institution-zero", _settings(
            "count = 10", "count = 10\nmax_per_institution = 0"), t,
            words=("max_per_institution",)),
        Variant("settings-seed-too-big", _solver("seed = 2147483648"), t, words=("solver.seed",)),
        Variant("settings-seed-negative", _solver("seed = -1"), t, words=("solver.seed",)),
        Variant("settings-workers-huge", _solver("workers = 1000000"), t,
                words=("solver.workers",)),
        Variant("settings-time-limit-nan", _solver("time_limit = nan"), t,
                words=("solver.time_limit",)),
        Variant("settings-time-limit-inf", _solver("time_limit = inf"), t,
                words=("solver.time_limit",)),
        Variant("settings-time-limit-zero", _solver("time_limit = 0"), t,
                words=("solver.time_limit",)),
        Variant("settings-time-limit-negative", _solver("time_limit = -1"), t,
                words=("solver.time_limit",)),
        Variant("settings-time-limit-text", _solver('time_limit = "long"'), t,
                words=("solver.time_limit",)),
        Variant("settings-min-above-max", _append_settings(
            "\n[teams]\nmin_size = 9\nmax_size = 3\n"), t, codes=(2, 3)),
        Variant("settings-required-slots-type", _settings(
            'required_slots = ["presentation-2026-10-01"',
            'required_slots = [1, "presentation-2026-10-01"'), t,
            words=("required_slots",)),
        Variant("settings-folder", _folder(t), t),
        Variant("settings-dangling-link", _dangling(t), t),
        # Issue 12, item 1: a settings file that cannot be read drops no rule.
        Variant("settings-looping-link", _looping(t), t, words=("itself",)),
        Variant("settings-fifo", _fifo(t), t, isolated=True),
        Variant("settings-dev-null", _device(t, "/dev/null"), t, words=("device",),
                isolated=True),
        Variant("settings-uppercase-folder", _renamed(t, "SETTINGS.TOML", _folder), "SETTINGS.TOML",
                words=("folder",)),
        Variant("students-french-name-folder", _renamed(s, "étudiants.csv", _folder),
                "étudiants.csv", words=("folder",), forbidden=("students: none",)),
        Variant("pairs-french-name-dangling", _renamed(p, "binômes.csv", _dangling),
                "binômes.csv", words=("a link to",)),
        Variant("commissions-french-name-fifo", _renamed(c, "propositions.csv", _fifo),
                "propositions.csv", isolated=True),
        # Issue 12, item 8: control characters dropped, nothing raw written or printed.
        Variant("student-name-escape-title", _cell(s, 2, "name", "Eve\x1b[2J\x1b]0;title\x07"), s,
                codes=(0,)),
        Variant("student-name-c1-csi", _cell(s, 4, "name", "Bob\x9b31m"), s, codes=(0,)),
        Variant("student-header-bell", _edit(s, lambda t: t.replace("name", "na\x07me", 1)), s,
                codes=(0,)),
        Variant("commission-title-bell", _cell(c, 3, "title", "Titre\x07\x07"), c, codes=(0,)),
        Variant("pair-id-nul", _cell(p, 2, "student_a", "S0\x0028"), p, codes=(0, 2)),
        Variant("student-name-lone-cr", _quoted_cell(s, 5, "name", "Ann\rX"), s, codes=(0,)),
        # Issue 12, item 11: cells too large (quoted, over lines), groups no team holds.
        Variant("commission-title-quoted-huge", _quoted_cell(c, 3, "title", "a,b\n" * 50_000), c,
                words=("row 3", "title", "199999")),
        Variant("pair-relation-huge", _cell(p, 2, "relation", "z" * 20_000), p,
                words=("row 2", "relation")),
        Variant("together-group-too-large", _together_chain(7), p, codes=(3,),
                words=("together-group", "S001", "S007", "6")),
        # Rules that cannot hold: exit 3 naming what conflicts.
        Variant("include-ineligible", _settings("count = 10", 'count = 10\ninclude = ["C03"]'),
                t, codes=(3,), words=("C03", "include")),
        Variant("teams-too-large", _append_settings("\n[teams]\nmin_size = 9\nmax_size = 9\n"),
                t, codes=(3,), words=("team sizes", "at least 9")),
    ]  # fmt: skip
    return variants


VARIANTS = _all_variants()

#: Counters over the campaign, printed by the last test (the report's tally).
TALLY = {"tried": 0, "exit_0": 0, "exit_2": 0, "exit_3": 0, "exit_1": 0, "wrote_on_failure": 0}
TALLY_OTHER = "other"


def _prepare(tmp_path: Path, variant: Variant) -> tuple[Path, Path]:
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    variant.mutate(instance)
    return instance, tmp_path / "out"


def _staging(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".matcher-")]


def _judge(variant: Variant, code: int, output: str, tmp_path: Path, out: Path) -> None:
    TALLY["tried"] += 1
    key = {0: "exit_0", 1: "exit_1", 2: "exit_2", 3: "exit_3"}.get(code, TALLY_OTHER)
    TALLY[key] = TALLY.get(key, 0) + 1
    wrote = code != 0 and (out.exists() or bool(_staging(tmp_path)))
    TALLY["wrote_on_failure"] += wrote
    assert code in variant.codes, output
    assert "Traceback" not in output and "internal error" not in output, output
    raw = "\x00\x07\x1b\x9b"
    assert not any(ch in output for ch in raw), output
    if code == 0:
        # Tolerated input: whatever was written holds no raw control character.
        for path in [*out.glob("*.csv"), out / "report.html", out / "summary.json"]:
            text = path.read_text(encoding="utf-8")
            assert not any(ch in text for ch in raw), path.name
            assert "\\u001b" not in text and "\\u0007" not in text, path.name
        return
    assert not wrote
    if code == 2:
        # Invalid input names its file; no solution (3) names the rules in conflict.
        assert variant.file in output, output
    for word in variant.words:
        assert word in output, (word, output)
    for word in variant.forbidden:
        assert word not in output, (word, output)


def _limit_memory() -> None:
    """At most 4 GB of address space: a regression reading /dev/zero fails, no more."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2**32, 2**32))


def _variant_params() -> list[object]:
    return [pytest.param(variant, id=variant.name) for variant in VARIANTS]


@pytest.mark.parametrize("variant", _variant_params())
def test_malformed_input_is_refused_cleanly(tmp_path: Path, variant: Variant) -> None:
    """``matcher run`` on the variant: the listed exit code, the file (row, column) named,
    nothing written, no traceback."""
    instance, out = _prepare(tmp_path, variant)
    if variant.isolated:
        # A FIFO blocks whoever opens it for reading, /dev/zero never ends: in a
        # subprocess, with a timeout and limited memory.
        try:
            done = subprocess.run(
                [sys.executable, "-m", "matcher", "run", str(instance), "--out", str(out)],
                capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail("matcher blocked on a FIFO")
        _judge(variant, done.returncode, done.stdout + done.stderr, tmp_path, out)
        return
    result = CliRunner().invoke(
        main, ["run", str(instance), "--out", str(out), "--quiet", "--time-limit", "20"]
    )
    _judge(variant, result.exit_code, result.output, tmp_path, out)


@pytest.mark.parametrize("variant", ["students-binary", "settings-syntax", "pairs-empty"])
def test_malformed_input_as_a_subprocess(tmp_path: Path, variant: str) -> None:
    """A few variants through the real entry point: exit 2, no traceback, nothing written."""
    chosen = next(v for v in VARIANTS if v.name == variant)
    instance, out = _prepare(tmp_path, chosen)
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "run", str(instance), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    _judge(chosen, done.returncode, done.stderr, tmp_path, out)


def test_control_characters_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    """A student name holding an escape sequence (clear screen, window title) is never
    printed raw, nor written raw into teams.csv (issue 12, item 8)."""
    if os.environ.get("MATCHER_HOSTILE_TALLY"):
        print("\ntally:", TALLY)
    instance = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    _cell("students.csv", 2, "name", "Eve\x1b[2J\x1b]0;title\x07")(instance)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(instance), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    written = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "Eve" in written
    assert "\x1b" not in result.output and "\x1b" not in written
