"""`matcher serve` takes the common options that mean something for it (contract §2):
`--settings`, `--time-limit`, `--seed` and `--workers` apply to every cohort opened in the
page, given on the command line or uploaded, as the other commands apply them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from matcher.app import Overrides
from matcher.cli import main
from matcher.web import create_app
from matcher.web.state import Workbench

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _settings(tmp_path: Path) -> Path:
    # count 9 where the demo's settings.toml keeps the default 10; time_limit 7.
    path = tmp_path / "mine.toml"
    path.write_text("[selection]\ncount = 9\n\n[solver]\ntime_limit = 7\n", encoding="utf-8")
    return path


def test_the_given_cohort_is_read_with_the_settings_and_overrides(tmp_path: Path) -> None:
    app = create_app(
        DEMO,
        tmp_path / "out",
        "fr",
        settings_file=_settings(tmp_path),
        overrides=Overrides(seed=5, workers=2),
    )
    bench: Workbench = app.extensions["workbench"]
    assert bench.instance is not None, bench.problems
    settings = bench.instance.settings
    assert settings.selection.count == 9 and settings.solver.time_limit == 7
    assert (settings.solver.seed, settings.solver.workers) == (5, 2)


def test_an_uploaded_cohort_too(tmp_path: Path) -> None:
    app = create_app(
        None, tmp_path / "out", "fr", settings_file=_settings(tmp_path), overrides=Overrides(seed=3)
    )
    bench: Workbench = app.extensions["workbench"]
    client = app.test_client()
    files = {
        name: (open(DEMO / name, "rb"), name)  # noqa: SIM115 (closed by the client)
        for name in ("commissions.csv", "students.csv")
    }
    data = {"files": list(files.values())}
    response = client.post("/upload", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert bench.instance is not None, bench.problems
    assert bench.instance.settings.selection.count == 9
    assert bench.instance.settings.solver.seed == 3


def test_serve_refuses_options_out_of_range_as_usage_errors(tmp_path: Path) -> None:
    """The common options' checks hold for serve too: exit 2, nothing started."""
    for option, value in (("--seed", "-1"), ("--workers", "0"), ("--time-limit", "nan")):
        result = CliRunner().invoke(
            main, ["serve", str(DEMO), "--out", str(tmp_path / "out"), "--no-open", option, value]
        )
        assert result.exit_code == 2, (option, result.output)
