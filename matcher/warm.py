"""The writers' libraries imported on the idle core while the stages solve (issue 17).

With one worker CP-SAT searches on one core and releases the interpreter while it does; the
other core is idle. ``icalendar`` (calendar.ics) and ``XlsxWriter`` (result.xlsx) take a
tenth of a second to import on the demo, as much as its team stage: imported in a thread
started once the cohort is read, they are there when the outputs are written. Only those
third-party libraries, which import nothing of matcher's (so no import of the main thread
can wait on them in a cycle); a failure is left to the writer, which imports them again
and says what is wrong.
"""

from __future__ import annotations

import importlib
import os
import threading

__all__ = ["warm"]


def warm(*modules: str) -> None:
    """Import ``modules`` in a background (daemon) thread."""
    if os.environ.get("MATCHER_NO_WARM"):
        return

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:
                continue

    threading.Thread(target=load, name="matcher-warm", daemon=True).start()
