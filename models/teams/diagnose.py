"""Why no assignment exists: the rule instances that cannot all hold together."""

from __future__ import annotations

from models.cpsat import cp_model
from models.solve import SolveParams, explain_infeasibility
from models.teams.data import RuleRef, TeamData
from models.teams.model import TeamModel

#: Beyond this many rule instances of the conflicting kinds, they are named as kinds:
#: filtering them one by one would take too long.
_MAX_INSTANCES = 80


def explain_teams(data: TeamData, params: SolveParams) -> list[RuleRef] | None:
    """Rule instances that cannot all hold, as few as found (None if the search gave up).

    Two passes keep this fast: first rule kinds as a whole (sizes, conflicts, pins, …),
    then, inside the kinds that conflict, the individual teams, students or pairs. A kind
    is named as a whole, with index -1, when its instances are too many or the second
    pass gives up.
    """
    core_kinds = _conflicting_kinds(data, params)
    if core_kinds is None:
        return None
    # A fresh model where only the conflicting kinds stay, each instance switchable.
    team_model = TeamModel(data, diagnose=True)
    model = team_model.model
    families = {}
    for ref, literal in team_model.families.items():
        if ref[0] in core_kinds:
            families[f"{ref[0]}:{ref[1]}"] = literal
        else:
            model.add(literal == 0)
    if len(families) > _MAX_INSTANCES:
        return [(kind, -1) for kind in core_kinds]
    core = explain_infeasibility(model, families, params)
    if core is None:
        return [(kind, -1) for kind in core_kinds]
    return [(name.split(":")[0], int(name.split(":")[1])) for name in core]


def _conflicting_kinds(data: TeamData, params: SolveParams) -> list[str] | None:
    """Rule kinds that cannot all hold, each switched as a whole (None if the search gave up)."""
    team_model = TeamModel(data, diagnose=True)
    refs = list(team_model.families)
    model = team_model.model
    kind_vars: dict[str, cp_model.IntVar] = {}
    for kind in sorted({kind for kind, _ in refs}):
        kind_var = model.new_bool_var(f"kind[{kind}]")
        for ref in refs:
            if ref[0] == kind:
                model.add(team_model.families[ref] == kind_var)
        kind_vars[kind] = kind_var
    return explain_infeasibility(model, kind_vars, params)
