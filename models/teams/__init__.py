"""Stage 2 as CP-SAT: one team per student, balanced, close to everyone's choices.

The data arrive as indices and numpy arrays; nothing here knows files, ids or names.

- ``data``: ``TeamData`` (the problem in indices), ``StudentGroup``, ``TeamSolveResult``.
- ``student_types``: interchangeable students merged into counted types, and pools.
- ``model``: ``TeamModel``, one method per rule and one per priority.
- ``flows``: the start assignment and per-attribute balance flows (min-cost flows).
- ``bounds``: proven lower bounds on balance and choices from those flows, and on
  balance from what together groups and pins force.
- ``local_search``: pair repair and swaps for balance and ranks.
- ``balance_anneal``: simulated annealing for balance within the worst choice.
- ``team_lns``: large neighbourhoods for balance, a few teams re-solved by CP-SAT.
- ``rebalance``: the balance stage's incumbent from those heuristics (large models).
- ``incumbent``: better incumbents between stages, completed into CP-SAT hints.
- ``search``: one priority searched in turns between CP-SAT settings.
- ``evaluate``: an assignment's priorities and hard rules, from the arrays alone.
- ``solve``: ``solve_teams``, the driver over the per-priority table ``STAGES``.
- ``diagnose``: ``explain_teams``, the rules that cannot hold together.
"""

from models.teams.bounds import attribute_lower_bounds, balance_lower_bound, choices_lower_bound
from models.teams.data import (
    TEAM_PRIORITIES,
    RuleRef,
    StudentGroup,
    TeamData,
    TeamSolveResult,
)
from models.teams.diagnose import explain_teams
from models.teams.evaluate import keeps_hard_rules, lexicographic_best, objective_values
from models.teams.evaluate import within_ranks as _within
from models.teams.incumbent import balance_flow_rounds as _balance_flow_rounds
from models.teams.model import TeamModel
from models.teams.search import solve_in_turns as _solve_in_turns
from models.teams.solve import STAGES, StagePlan, solve_teams

__all__ = [
    "STAGES",
    "TEAM_PRIORITIES",
    "RuleRef",
    "StagePlan",
    "StudentGroup",
    "TeamData",
    "TeamModel",
    "TeamSolveResult",
    "_balance_flow_rounds",
    "_solve_in_turns",
    "_within",
    "attribute_lower_bounds",
    "balance_lower_bound",
    "choices_lower_bound",
    "explain_teams",
    "keeps_hard_rules",
    "lexicographic_best",
    "objective_values",
    "solve_teams",
]
