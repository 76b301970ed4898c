"""The workbench's routes, one module per part of the page; each registers its own."""

from __future__ import annotations

from matcher.web.routes.board import register_board_routes
from matcher.web.routes.guards import register_guards
from matcher.web.routes.opening import register_open_routes, register_settings_routes
from matcher.web.routes.result import register_result_routes
from matcher.web.routes.solving import register_run_routes

__all__ = [
    "register_board_routes",
    "register_guards",
    "register_open_routes",
    "register_result_routes",
    "register_run_routes",
    "register_settings_routes",
]
