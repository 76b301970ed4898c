"""Start-up cost of ``matcher``: CP-SAT without pandas, and heavy imports only where used."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (imports are per process) and return its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cp_model_imports_without_pandas_and_solves() -> None:
    out = _run_python(
        """
        import sys
        from models.cpsat import cp_model, pandas_free
        assert pandas_free
        assert "pandas" not in sys.modules
        # Tiny model: x + y <= 3 with x, y in 0..2, maximise 2x + y: x = 2, y = 1 gives 5.
        model = cp_model.CpModel()
        x = model.new_int_var(0, 2, "x")
        y = model.new_int_var(0, 2, "y")
        model.add(x + y <= 3)
        model.maximize(2 * x + y)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        print(round(solver.objective_value))
        """
    )
    assert out.split() == ["5"]


def test_real_pandas_after_the_placeholder() -> None:
    out = _run_python(
        """
        from models.cpsat import cp_model
        import pandas as pd
        # The real pandas, not the placeholder used while cp_model was imported.
        assert hasattr(pd, "DataFrame") and pd.__file__
        print(pd.DataFrame({"a": [1, 2]})["a"].sum())
        # cp_model's pandas helpers reach the real pandas too.
        model = cp_model.CpModel()
        xs = model.new_int_var_series("x", pd.Index(range(3)), 0, 4)
        model.add(xs.sum() <= 7)
        model.maximize(xs.sum())
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        print(int(solver.values(xs).sum()))
        """
    )
    assert out.split() == ["3", "7"]


def test_pandas_loaded_first_is_kept() -> None:
    out = _run_python(
        """
        import pandas
        from models.cpsat import cp_model, pandas_free
        assert not pandas_free
        assert cp_model.pd is pandas
        print("ok")
        """
    )
    assert out.split() == ["ok"]


def test_plain_import_when_the_placeholder_does_not_suffice() -> None:
    # A future OR-Tools touching more of pandas at import: the plain import takes over.
    out = _run_python(
        """
        import sys, types
        import importlib.util
        spec = importlib.util.find_spec("models.cpsat")
        source = spec.loader.get_source("models.cpsat").replace(
            'placeholder.Series = type("Series", (), {})', "pass"
        )
        assert "placeholder.Series" not in source
        module = types.ModuleType("models.cpsat")
        sys.modules["models.cpsat"] = module
        exec(compile(source, "cpsat_without_series", "exec"), module.__dict__)
        assert not module.pandas_free
        assert module.cp_model.pd is sys.modules["pandas"]
        assert hasattr(module.cp_model.pd, "DataFrame")
        print("ok")
        """
    )
    assert out.split() == ["ok"]


def test_engines_share_the_pandas_free_cp_model() -> None:
    # matcher.teams imports models.solve (hence the placeholder) before models.teams's own
    # plain import of cp_model, which then finds the module already loaded.
    out = _run_python(
        """
        import sys
        import matcher.teams  # alone: the order inside matcher.teams suffices
        import matcher.selection
        print("pandas" in sys.modules)
        """
    )
    assert out.split() == ["False"]


def _modules_after(args: list[str]) -> list[str]:
    """Which heavy modules a ``matcher`` command loaded (run in a fresh interpreter)."""
    out = _run_python(
        f"""
        import sys
        from matcher.cli import main
        try:
            main({args!r})
        except SystemExit as done:
            assert not done.code, done.code
        heavy = (
            "pandas", "openpyxl", "matcher.generate", "pydantic", "ortools", "numpy.ma",
            "importlib.metadata",
        )
        print("loaded:", *(m for m in heavy if m in sys.modules))
        """
    )
    return out.splitlines()[-1].split()[1:]


def test_run_loads_neither_pandas_nor_openpyxl(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[1] / "instances" / "demo"
    args = ["run", str(demo), "--out", str(tmp_path / "out"), "--quiet"]
    # pydantic imports importlib.metadata (its plugin loader); numpy.ma is not needed
    # (np.unique loads it: ~10 ms).
    assert _modules_after(args) == ["pydantic", "ortools", "importlib.metadata"]
    assert (tmp_path / "out" / "result.xlsx").exists()


def test_version_loads_no_engine() -> None:
    """``--version`` reads matcher.__version__: no engine, not even importlib.metadata."""
    assert _modules_after(["--version"]) == []


def test_version_is_the_installed_metadata() -> None:
    """The version written in matcher/__init__.py is the one pip installed (pyproject
    reads it from there)."""
    out = _run_python(
        """
        from importlib.metadata import version
        import matcher
        print(matcher.__version__ == version("matcher"))
        """
    )
    assert out.split() == ["True"]
