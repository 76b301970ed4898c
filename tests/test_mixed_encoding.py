"""CSV files that mix encodings (an acceptance probe, session 24): a UTF-8 students.csv with
one cell pasted from a Windows-1252 file, and bytes that no encoding defines. Before, the
whole file was read as Windows-1252 without a word (every UTF-8 "é" became "Ã©")."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.cli import main
from matcher.loading.tables import read_csv

ROOT = Path(__file__).resolve().parents[1]

NAMES = ["Léa Dupré", "François Hébert", "Chloé Mercier", "Noël Bréhier", "Zoë Lefèvre"]


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_a_cell_pasted_in_windows_1252_is_read_as_written(tmp_path: Path) -> None:
    # Four rows in UTF-8, the fifth name in Windows-1252: every name read right, and a
    # warning that the file mixes encodings.
    lines = [b"id,name,background"]
    for k, name in enumerate(NAMES):
        encoding = "cp1252" if k == 4 else "utf-8"
        lines.append(f"S{k},".encode() + name.encode(encoding) + ",éducateur".encode())
    table = read_csv(_write(tmp_path / "students.csv", lines))
    assert [row[1] for _, row in table.rows] == NAMES
    assert [w.message.key for w in table.warnings] == ["warn_mixed_encoding"]  # type: ignore[union-attr]


def test_a_windows_1252_file_is_read_without_a_warning(tmp_path: Path) -> None:
    lines = [b"id,name,background"]
    lines += [f"S{k},{name},éducateur".encode("cp1252") for k, name in enumerate(NAMES)]
    table = read_csv(_write(tmp_path / "students.csv", lines))
    assert [row[1] for _, row in table.rows] == NAMES
    assert table.warnings == ()


@pytest.mark.parametrize("seed", range(30))
def test_mixed_files_read_back_every_cell(tmp_path: Path, seed: int) -> None:
    # Random French names, in UTF-8 but for a few rows in Windows-1252 (fewer rows than
    # the UTF-8 ones): every cell reads back as written.
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzéèêëàâçôîïûùœ"
    names = [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 10))).capitalize()
        for _ in range(rng.randint(6, 30))
    ]
    pasted = set(rng.sample(range(len(names)), max(1, len(names) // 4)))
    lines = [b"id,name"] + [
        f"S{k},".encode() + name.encode("cp1252" if k in pasted else "utf-8")
        for k, name in enumerate(names)
    ]
    table = read_csv(_write(tmp_path / "students.csv", lines))
    if any(any(ord(ch) > 127 for ch in names[k]) for k in pasted):
        assert [row[1] for _, row in table.rows] == names


@pytest.mark.parametrize(
    ("lang", "file_warning", "cell_warning"),
    [
        (
            "en",
            "students.csv: the file mixes encodings (UTF-8 and Windows-1252)",
            "students.csv, row 3, column 'name': a character that could not be read is "
            "shown as \ufffd",
        ),
        (
            "fr",
            "students.csv : le fichier mêle des encodages (UTF-8 et Windows-1252)",
            "students.csv, ligne 3, colonne « name » : un caractère illisible est remplacé "
            "par \ufffd",
        ),
    ],
)
def test_an_undefined_byte_is_named_by_its_cell(
    tmp_path: Path, lang: str, file_warning: str, cell_warning: str
) -> None:
    # Byte 0x81 is defined by no encoding a spreadsheet writes: the cell keeps "\ufffd" in
    # its place and is named (file, row, column); the run goes on (exit 0).
    cohort = tmp_path / "cohort"
    shutil.copytree(ROOT / "instances" / "demo", cohort)
    students = cohort / "students.csv"
    lines = students.read_bytes().split(b"\n")
    header = lines[0].decode("utf-8-sig").split(",")
    assert header[1] == "name"
    cells = lines[2].split(b",")
    cells[1] = cells[1][:2] + b"\x81" + cells[1][2:]
    lines[2] = b",".join(cells)
    students.write_bytes(b"\n".join(lines))
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", lang])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert file_warning in said
    assert cell_warning in said
