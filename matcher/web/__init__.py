"""The directors' workbench in the browser (``matcher serve``, contract §10).

Imported only by ``matcher serve``: the other commands never load Flask.
"""

from __future__ import annotations

from matcher.web.app import create_app

__all__ = ["create_app"]
