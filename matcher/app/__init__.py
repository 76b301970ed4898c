"""The application API: what matcher does, called alike by the CLI and the web workbench.

Front ends parse their input, call these plain functions, and render the result objects
they return; they hold no rules. Every function works on the cohort (an ``Instance`` with
its settings in force, from ``load``) and returns a result object:

======================  =========================================================
``load``                read and check an instance, apply the solver overrides
``validate``            describe a valid instance (counts, eligibility, team sizes)
``sizes_cannot_hold``   why the team sizes cannot hold the students (the page's check)
``included_cannot_hold`` the proposals forced in that no selection can hold (the same)
``select``              stage 1: the commissions (``RunOutcome``)
``assign``              stage 2: the teams of the commissions selected in a file
``run``                 both stages (and stage 3 with supervisors), one time budget
``plan``                stage 3 for an existing result: supervisors and the calendar
``whatif``              re-solve a result after withdrawals and arrivals
``check``               broken rules, metrics and priorities of a result (folder or
                        result.xlsx, possibly edited by hand)
``report``              the outputs of such a result as it now stands, rules broken or not
``report_checked``      ``report`` and what ``check`` says of it, from one reading
``explain_step``        explanations of a fresh result (run, assign, whatif)
``explain``             explanations of a result (``matcher explain``)
``no_wish``             why a student has no wish to explain (both front ends' words)
``write_outputs``       the output folder, completely or not at all
``writing_reserve``     seconds a command keeps back for writing its outputs
======================  =========================================================

Invalid input raises ``InputError``, an impossible request ``UsageError``/``RequestError``
(worded by the front end), a stage without solution ``SolveFailed`` (its status says
infeasible or out of time). Nothing here prints or exits, and nothing is shared between
calls, so a worker thread may call any function. The engines (OR-Tools, numpy) are
imported inside the functions that solve: loading the API costs what the CLI costs.

The package's modules: ``common`` (``SolveFailed``, ``Overrides``, ``load``,
``solve_params``), ``describe`` (``validate``), ``solve`` (``select``, ``assign``, ``run``,
``plan``), ``changes`` (``whatif``), ``checking`` (``check``, ``report``), ``explanations``
(``explain_step``, ``explain``), ``board`` (a result held in memory, the workbench) and
``board_plan`` (stage 3 of such a result: ``plan_board``, ``plan_matches``, ``keep_teams``).
Front ends import the package (``from matcher import app``), never a module of it.
"""

from __future__ import annotations

from matcher.app.board import (
    BoardCheck,
    apply_settings,
    check_assignment,
    choice_ranks,
    explain_student,
    given_selection_broken,
    given_teams,
    reoptimise,
    saved_board,
    settings_after,
    whatif_board,
    written_ranks,
)
from matcher.app.board_plan import keep_teams, plan_board, plan_matches
from matcher.app.changes import WhatIfResult, whatif
from matcher.app.checking import CheckReport, check, report, report_checked
from matcher.app.common import Overrides, SolveFailed, load, solve_params
from matcher.app.describe import Description, sizes_cannot_hold, validate
from matcher.app.explanations import EXPLAIN_MAX_STUDENTS, ExplainResult, explain, explain_step
from matcher.app.solve import assign, plan, run, select, writing_reserve
from matcher.eligibility import included_cannot_hold
from matcher.explanation import no_wish
from matcher.outputs.out_folder import check_out_dir
from matcher.outputs.writers import write_outputs
from models.interrupt import StopToken, stopping

__all__ = [
    "EXPLAIN_MAX_STUDENTS",
    "CheckReport",
    "Description",
    "ExplainResult",
    "Overrides",
    "SolveFailed",
    "WhatIfResult",
    "assign",
    "check",
    "check_out_dir",
    "explain",
    "explain_step",
    "included_cannot_hold",
    "load",
    "plan",
    "report",
    "report_checked",
    "run",
    "select",
    "sizes_cannot_hold",
    "solve_params",
    "validate",
    "whatif",
    "write_outputs",
    "writing_reserve",
]

__all__ += [
    "BoardCheck",
    "StopToken",
    "apply_settings",
    "check_assignment",
    "choice_ranks",
    "explain_student",
    "given_selection_broken",
    "given_teams",
    "keep_teams",
    "no_wish",
    "plan_board",
    "plan_matches",
    "reoptimise",
    "saved_board",
    "settings_after",
    "stopping",
    "whatif_board",
    "written_ranks",
]
