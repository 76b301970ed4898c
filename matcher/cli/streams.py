"""The terminal's streams when they can no longer be written (a reader gone, a full disk)."""

from __future__ import annotations

import contextlib
import os
from typing import TextIO

__all__ = ["silence"]


def silence(*streams: TextIO) -> None:
    """Point each stream's file descriptor at /dev/null: the interpreter's last flush of
    it, which would fail again (a closed pipe, ``2>/dev/full``), goes nowhere."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in streams:
            os.dup2(devnull, stream.fileno())
