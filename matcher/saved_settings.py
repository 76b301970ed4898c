"""The settings written with a result (the workbench's save; ``report`` and ``whatif``
carry them): the file's name, and the key of summary.json that names it, so that a
settings.toml left beside a later command's outputs, or one the director keeps there, is
not taken for the result's (``cli.saved.saved_settings``)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SAVED_SETTINGS_FILE", "SETTINGS_SAVED", "saved_settings"]

SAVED_SETTINGS_FILE = "settings.toml"
SETTINGS_SAVED = "settings_saved"


def saved_settings(result: Path) -> Path | None:
    """The settings.toml saved with the result ``result`` (a folder, or its result.xlsx),
    if there is one: its summary.json names it (``SETTINGS_SAVED``). One the director keeps
    there, or one left beside the outputs of a later command, is not the result's (probe
    s34g: it was removed by any command writing there, even given as its --settings)."""
    import json

    from matcher.errors import InputError
    from matcher.loading.file_bytes import read_file_bytes

    folder = result.parent if result.suffix.lower() == ".xlsx" else result
    found = folder / SAVED_SETTINGS_FILE
    try:
        # Never blocking on a FIFO nor reading a device (probe s37a: a summary.json that
        # was a FIFO hung every command reading a result, one linked to /dev/zero filled
        # the memory); such a file is refused naming it when the result is read.
        summary = json.loads(read_file_bytes(folder / "summary.json").decode("utf-8"))
    except (InputError, OSError, ValueError, RecursionError):  # said when read
        return None
    named = isinstance(summary, dict) and summary.get(SETTINGS_SAVED) == SAVED_SETTINGS_FILE
    # Anything there, a folder or a link to nowhere too, is read and refused naming it
    # (contract "Faults": never taken as absent; probe s35d: the sizes saved were dropped).
    return found if named and os.path.lexists(found) else None
