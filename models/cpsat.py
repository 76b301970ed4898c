"""CP-SAT's Python API (``cp_model``), imported without loading pandas.

``ortools.sat.python.cp_model`` imports pandas at module level, for its ``*_series``
helpers and for annotations such as ``Union[pd.Index, pd.Series]`` evaluated at import.
pandas takes ~0.26 s to import: a quarter of the one-second budget of ``matcher run`` on a
60-student cohort, for helpers no formulation here calls.

So, when pandas is not loaded yet, a placeholder module named ``pandas`` (holding empty
``Index`` and ``Series`` classes) stands in for it during that one import and is removed
from ``sys.modules`` right after: a later ``import pandas`` anywhere loads the real one.
``cp_model``'s own reference to pandas is then a proxy that imports the real pandas on
first use, so the pandas helpers still work for whoever calls them. If anything goes
wrong (a future OR-Tools touching more of pandas at import), the plain import runs.

Every formulation imports ``cp_model`` from here: ``from models.cpsat import cp_model``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["cp_model", "pandas_free"]

_CP_MODEL = "ortools.sat.python.cp_model"


class _LazyPandas(types.ModuleType):
    """Stands for pandas inside ``cp_model``: imports the real pandas on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("pandas"), name)


def _placeholder_pandas() -> types.ModuleType:
    """A module named pandas with just what ``cp_model`` evaluates at import."""
    placeholder = types.ModuleType("pandas", "Placeholder while cp_model is imported.")
    placeholder.Index = type("Index", (), {})  # type: ignore[attr-defined]
    placeholder.Series = type("Series", (), {})  # type: ignore[attr-defined]
    return placeholder


def _import_without_pandas() -> bool:
    """Import ``cp_model`` with the placeholder; whether it was used (else plain import)."""
    if _CP_MODEL in sys.modules or "pandas" in sys.modules:
        importlib.import_module(_CP_MODEL)
        return False
    placeholder = _placeholder_pandas()
    sys.modules["pandas"] = placeholder
    try:
        module = importlib.import_module(_CP_MODEL)
        module.pd = _LazyPandas("pandas")  # type: ignore[attr-defined]
    except Exception:
        # Half-imported: forget it and import it the ordinary way below.
        sys.modules.pop(_CP_MODEL, None)
        return False
    finally:
        if sys.modules.get("pandas") is placeholder:
            del sys.modules["pandas"]
    return True


#: Whether this process imported cp_model without pandas (False: pandas was already
#: loaded, or the placeholder did not suffice and the plain import ran).
pandas_free = _import_without_pandas()

from ortools.sat.python import cp_model  # noqa: E402  (after the import above, on purpose)
