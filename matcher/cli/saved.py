"""The settings.toml the workbench saves beside a result (contract §10: ``check INSTANCE
--result DIR`` accepts what the director saved): read by ``check``, ``report``,
``explain`` and ``whatif --from`` unless ``--settings`` is given, and carried into the
outputs of ``report`` and ``whatif``."""

from __future__ import annotations

from pathlib import Path

from matcher.saved_settings import saved_settings

__all__ = ["saved_settings", "settings_carried"]


def settings_carried(given: Path | None, result: Path) -> dict[str, str]:
    """The settings.toml taken from beside ``result`` (``CommonOptions.load``) unless
    ``--settings`` (``given``) was, written with the outputs made from it (``report``,
    ``whatif``): they go on being read under it (probes s34f, s34h: ``check`` of a report
    of a saved board refused it)."""
    from matcher.loading.file_bytes import read_file_bytes

    saved = None if given is not None else saved_settings(result)
    # Never blocking on a FIFO (it is refused naming it where the settings are read).
    return {} if saved is None else {"settings.toml": read_file_bytes(saved).decode("utf-8")}
