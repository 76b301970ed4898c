"""Output folder: files of contract §3, atomic writes, stale outputs, byte-identical reruns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from csvrows import read_rows
from test_writers_sample import sample_outcome

from matcher.errors import UsageError
from matcher.outputs import writers
from matcher.outputs.writers import OUTPUT_FILES, summary_dict, write_outputs
from matcher.results import RunOutcome


def _write(out: Path, outcome: RunOutcome | None = None, lang: str = "en") -> list[Path]:
    return write_outputs(
        out, outcome or sample_outcome(), instance_dir=out.parent / "instance", lang=lang
    )  # type: ignore[arg-type]


def test_every_output_of_a_full_run_is_written(tmp_path: Path) -> None:
    written = _write(tmp_path / "out")
    names = {p.name for p in written}
    assert names == {"selection.csv", "teams.csv", "summary.json", "report.html", "result.xlsx"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)
    # No staging folder is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_teams_csv_has_one_row_per_student_in_file_order(tmp_path: Path) -> None:
    _write(tmp_path / "out")
    rows = read_rows(tmp_path / "out" / "teams.csv")
    outcome = sample_outcome()
    assert [r["student_id"] for r in rows] == [s.id for s in outcome.instance.students]
    assert list(rows[0]) == [
        "student_id",
        "name",
        "commission_id",
        "institution",
        "choice_rank",
        "background",
        "vae",
        "employed",
        "gender",
        "choices",
    ]
    by_id = {r["student_id"]: r for r in rows}
    assert by_id["S1"]["vae"] == "yes" and by_id["S2"]["vae"] == "no"
    assert by_id["S8"]["gender"] == ""  # no gender recorded
    assert by_id["S6"]["choice_rank"] == ""  # no choices
    # S7 chose C3, C1, C2 and sits in C2: third among selected choices.
    assert by_id["S7"]["choice_rank"] == "3"
    # S8 wrote C5 (not selected), then C1, and sits in C1: the second choice they wrote
    # (the solver's available rank would say 1, which overstates what they got).
    assert by_id["S8"]["choice_rank"] == "2"
    assert by_id["S8"]["choices"] == "C5;C1"
    assert by_id["S6"]["choices"] == ""
    assert by_id["S3"]["institution"] == "AMO <Le Pont> & Co"


def test_selection_csv_follows_the_contract(tmp_path: Path) -> None:
    _write(tmp_path / "out")
    rows = read_rows(tmp_path / "out" / "selection.csv")
    assert list(rows[0]) == [
        "id",
        "institution",
        "sector",
        "problem_type",
        "eligible",
        "selected",
        "reserve_rank",
        "reason",
    ]
    assert [r["selected"] for r in rows] == ["yes", "yes", "yes", "no", "no"]
    assert [r["reserve_rank"] for r in rows] == ["", "", "", "1", ""]


def test_summary_json_holds_the_contract_keys(tmp_path: Path) -> None:
    _write(tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    for key in ("matcher_version", "instance", "seed", "settings", "selection", "teams"):
        assert key in summary
    assert summary["selection"]["status"] == "OPTIMAL"
    assert summary["teams"]["status"] == "FEASIBLE"
    assert summary["teams"]["objectives"][0] == {
        "name": "worst_choice",
        "value": 3,
        "bound": 2,
        "sense": "min",
    }
    assert set(summary["metrics"]["selection"]) >= {
        "count",
        "distinct_sectors",
        "distinct_problem_types",
        "max_per_sector",
    }
    assert set(summary["metrics"]["teams"]) >= {
        "students",
        "size_min",
        "size_max",
        "balance_violations",
        "worst_choice",
        "first_choice_share",
        "top3_share",
        "conflicts_of_interest",
        "pair_violations",
    }
    # Settings in force, defaults resolved: balanced attributes present, sizes floor/ceil(9/3).
    teams = summary["settings"]["teams"]
    assert teams["balance"] == ["background", "vae", "employed", "gender"]
    assert (teams["min_size"], teams["max_size"]) == (3, 3)
    assert summary["settings"]["solver"]["time_limit"] == 60
    assert {"python", "ortools", "pandas"} <= set(summary["versions"])
    assert "changes" not in summary


def test_metrics_come_from_the_validators(tmp_path: Path) -> None:
    summary = summary_dict(sample_outcome())
    teams = summary["metrics"]["teams"]
    # 9 students, 8 with choices. Written positions of their teams: S1-S5 first (5), S7 3rd,
    # S8 2nd (their first, C5, was not selected), S9 3rd -> 5/8 on the first written choice,
    # 6/8 (S8 too) on the best selected one, all 8 within their first three and listed.
    assert teams["first_choice_share"] == pytest.approx(0.625)
    assert teams["best_available_share"] == pytest.approx(0.75)
    assert teams["top3_share"] == pytest.approx(1.0)
    assert teams["listed_share"] == pytest.approx(1.0)
    assert teams["unlisted"] == 0
    assert teams["first_choice_unavailable"] == 1
    # The solver's available ranks: S7 and S9 at 3 (S8's C1 is its best selected: 1).
    assert teams["worst_choice"] == 3
    assert summary["metrics"]["selection"]["count"] == 3


def test_whatif_writes_changes(tmp_path: Path) -> None:
    _write(tmp_path / "out", sample_outcome(with_changes=True))
    rows = read_rows(tmp_path / "out" / "changes.csv")
    assert rows == [
        {"student_id": "S6", "from_commission": "C1", "to_commission": "C3"},
        {"student_id": "S9", "from_commission": "", "to_commission": "C3"},
    ]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"] == {"moves": 1, "replaced": {"C4": "C3"}}


def test_a_selection_only_run_removes_stale_team_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(out, sample_outcome(with_changes=True))
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    full = sample_outcome()
    _write(out, RunOutcome(full.instance, full.settings, full.selection))
    names = sorted(p.name for p in out.iterdir())
    assert names == ["notes.txt", "report.html", "result.xlsx", "selection.csv", "summary.json"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "teams" not in summary and "teams" not in summary["metrics"]


def test_out_may_not_be_the_instance_folder(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    with pytest.raises(UsageError, match="instance folder"):
        write_outputs(instance, sample_outcome(), instance_dir=instance)
    workbook = tmp_path / "cohort.xlsx"
    workbook.write_bytes(b"")
    with pytest.raises(UsageError):
        write_outputs(tmp_path, sample_outcome(), instance_dir=workbook)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.xlsx", "instance"]


def test_a_failing_writer_leaves_the_folder_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _write(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(path: Path, outcome: RunOutcome, lang: str) -> None:
        raise RuntimeError("disk full")

    original = writers._writers

    def with_broken(outcome: RunOutcome, *earlier: Path) -> dict[str, writers.Writer]:
        table = original(outcome, *earlier)
        table["result.xlsx"] = broken
        return table

    monkeypatch.setattr(writers, "_writers", with_broken)
    with pytest.raises(RuntimeError):
        _write(out, sample_outcome(with_changes=True))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_reruns_are_byte_identical_but_for_solver_times(tmp_path: Path) -> None:
    for lang in ("en", "fr"):
        first, second = tmp_path / f"a{lang}", tmp_path / f"b{lang}"
        _write(first, sample_outcome(with_changes=True), lang)
        _write(second, sample_outcome(with_changes=True), lang)
        assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())
        for name in OUTPUT_FILES:
            # explanations.csv is written only for an outcome that was explained.
            assert (first / name).exists() == (second / name).exists(), name
            if (first / name).exists():
                assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_solver_times_appear_only_in_summary_json(tmp_path: Path) -> None:
    import dataclasses

    outcome = sample_outcome()
    assert outcome.teams is not None
    slower = dataclasses.replace(
        outcome,
        teams=dataclasses.replace(
            outcome.teams, stage=dataclasses.replace(outcome.teams.stage, time_s=42.0)
        ),
    )
    _write(tmp_path / "a", outcome)
    _write(tmp_path / "b", slower)
    for name in ("selection.csv", "teams.csv", "report.html", "result.xlsx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert json.loads((tmp_path / "b" / "summary.json").read_text())["teams"]["time_s"] == 42.0


def test_out_may_not_be_the_previous_result_of_a_whatif(tmp_path: Path) -> None:
    previous = tmp_path / "previous"
    _write(previous)
    before = {p.name: p.read_bytes() for p in previous.iterdir()}
    with pytest.raises(UsageError, match="--from"):
        write_outputs(
            previous,
            sample_outcome(with_changes=True),
            instance_dir=tmp_path / "instance",
            inputs=[("--from", tmp_path / "." / "previous")],
        )
    assert {p.name: p.read_bytes() for p in previous.iterdir()} == before


def test_a_new_out_folder_appears_complete(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "new"
    written = _write(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    assert out.stat().st_mode & 0o700 == 0o700
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["new"]
