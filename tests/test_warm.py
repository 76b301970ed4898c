"""matcher.warm: the writers' libraries imported in a background thread while the stages
solve (issue 17: the demo's run, on a two-core machine, writes sooner)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import matcher.warm as warm_module
from matcher.cli.common import warm_writers
from matcher.loading import load_instance

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _recorded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []

    def import_module(name: str) -> object:
        names.append(name)
        if name == "broken":
            raise ImportError(name)
        return object()

    monkeypatch.setattr(warm_module.importlib, "import_module", import_module)
    return names


def test_each_module_is_imported_in_another_thread_a_failure_left_to_the_writer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every module is tried, in order, off the main thread; one that fails to import does
    not stop the others and raises nothing here (the writer imports it again and says why)."""
    names = _recorded(monkeypatch)
    monkeypatch.delenv("MATCHER_NO_WARM", raising=False)
    thread = warm_module.warm("first", "broken", "last")
    assert isinstance(thread, threading.Thread) and thread is not threading.current_thread()
    thread.join(10)
    assert names == ["first", "broken", "last"]
    assert thread.daemon  # never keeps a finished command waiting


def test_the_writers_libraries_icalendar_only_with_supervisors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo has supervisors.csv: calendar.ics will be written, so icalendar too; without
    supervisors only XlsxWriter. MATCHER_NO_WARM turns it off."""
    names = _recorded(monkeypatch)
    monkeypatch.delenv("MATCHER_NO_WARM", raising=False)
    instance = load_instance(DEMO)
    thread = warm_writers(instance)
    assert isinstance(thread, threading.Thread)
    thread.join(10)
    assert names == ["xlsxwriter", "icalendar"]
    names.clear()
    thread = warm_writers(instance.model_copy(update={"supervisors": None}))
    assert isinstance(thread, threading.Thread)
    thread.join(10)
    assert names == ["xlsxwriter"]
    monkeypatch.setenv("MATCHER_NO_WARM", "1")
    assert warm_module.warm("first") is None
