"""Stage 3 without times: an exact, much smaller formulation when travel gaps nest.

When ``same_town_minutes <= travel_minutes`` and every institution lies in one town, the
gaps obey the triangle inequality (one institution 0 ≤ one town ≤ elsewhere) and, for the
events one supervisor attends on one slot:

- the least travel between consecutive events, over every order, is
  ``travel · (T − 1) + same_town · (I − T)`` with ``T`` towns and ``I`` institutions among
  them: every order changes town at least ``T − 1`` times and institution at least
  ``I − 1`` times, a town change costing at least a same-town one; grouping the events by
  town, then by institution, reaches it;
- they fit in the slot's window if and only if ``n · length`` plus that least travel is at
  most the window's length: a chain in that order fits then, consecutive gaps being the
  binding ones under the triangle inequality; no order fits otherwise.

So the model only chooses supervisors and oral slots, counts the towns and institutions
each supervisor meets on each slot, and times are set afterwards by that grouped order.
No interval, no disjunction, no travel arc: on 100 teams × 40 supervisors it has about a
tenth of the variables of ``models.plan.PlanModel``. It is exact for every priority but
``event_moves`` (a what-if's, which needs times): ``solve_plan`` uses it, at every size,
when ``groupable`` says so.
"""

from __future__ import annotations

import numpy as np

from models.cpsat import cp_model
from models.plan_data import PRIORITIES, VISIT_SLOT, Plan, PlanData
from models.solve import Objective, Solution

__all__ = ["GROUPED_PARAMETERS", "GroupedPlanModel", "groupable", "grouped_times"]

#: CP-SAT parameters for this model: its counts of towns and institutions are tied to the
#: supervisors by implications, which only the full LP relaxation (level 2) sees; at level
#: 1 the travel bound stayed at 0 and, with the model with times below 30 teams, no cohort
#: of 20 to 60 teams had its travel proven in 30 s; at level 2 all but one of 15 were, in
#: 0.3-10 s (benchmarks/results/2026-12-02/session10/plan-lp.md).
GROUPED_PARAMETERS: dict[str, object] = {"linearization_level": 2}


def groupable(data: PlanData) -> bool:
    """Whether the grouped formulation is exact for ``data`` (see the module docstring)."""
    if "event_moves" in data.priorities:
        return False
    if data.same_town_minutes > data.travel_minutes:
        return False
    town_of: dict[int, int] = {}
    for t in range(data.num_teams):
        if town_of.setdefault(int(data.institution[t]), int(data.town[t])) != data.town[t]:
            return False
    return True


def grouped_times(data: PlanData, supervisor: tuple[int, ...], oral_slot: tuple[int, ...]) -> Plan:
    """The plan with every event timed: per supervisor and slot, events grouped by town then
    institution (then team), each as early as the window and the travel allow."""
    visit = [0] * data.num_teams
    oral = [0] * data.num_teams
    groups: dict[tuple[int, int], list[int]] = {}
    for t in range(data.num_teams):
        groups.setdefault((supervisor[t], VISIT_SLOT), []).append(t)
        groups.setdefault((supervisor[t], 1 + oral_slot[t]), []).append(t)
    for (_, slot), teams in groups.items():
        starts = visit if slot == VISIT_SLOT else oral
        length = data.visit_minutes if slot == VISIT_SLOT else data.oral_minutes
        begin = data.visit_window[0] if slot == VISIT_SLOT else data.oral_window[0]
        previous = None
        for t in sorted(teams, key=lambda t: (int(data.town[t]), int(data.institution[t]), t)):
            starts[t] = (
                begin if previous is None else starts[previous] + length + data.gap(previous, t)
            )
            previous = t
    return Plan(tuple(supervisor), tuple(visit), tuple(oral_slot), tuple(oral))


class GroupedPlanModel:
    """CP-SAT model of stage 3 with counts of towns and institutions instead of times."""

    def __init__(self, data: PlanData) -> None:
        self.data = data
        m = self.model = cp_model.CpModel()
        K, S, num_orals = data.num_teams, data.num_supervisors, data.num_orals
        self.pairs = [
            (t, s)
            for t in range(K)
            for s in range(S)
            if data.allowed[t, s] and not data.unavailable[s, VISIT_SLOT]
        ]
        self.x = {(t, s): m.new_bool_var(f"x[{t},{s}]") for t, s in self.pairs}
        self.y = {
            (t, o): m.new_bool_var(f"y[{t},{o}]")
            for t in range(K)
            for o in range(num_orals)
            if data.oral_allowed[t, o]
        }
        self.of_team: list[list[int]] = [[] for _ in range(K)]
        self.of_supervisor: list[list[int]] = [[] for _ in range(S)]
        for t, s in self.pairs:
            self.of_team[t].append(s)
            self.of_supervisor[s].append(t)
        for t in range(K):
            m.add_exactly_one(self.x[t, s] for s in self.of_team[t])
            m.add_exactly_one(self.y[t, o] for o in range(num_orals) if (t, o) in self.y)
        for s in range(S):
            members = self.of_supervisor[s]
            if len(members) > data.capacity[s]:
                m.add(sum(self.x[t, s] for t in members) <= int(data.capacity[s]))
        gaps = data.gaps()
        off_diagonal = gaps[~np.eye(K, dtype=bool)]
        #: The smallest gap between two teams' events (0 when two share an institution).
        self.least_gap = int(off_diagonal.min()) if off_diagonal.size else 0
        self.travel_terms: list[cp_model.LinearExprT] = []
        #: Per (supervisor, slot): the literals of who they meet, for a complete hint:
        #: (team, attends) pairs, (institution literal, its teams), (town literal, its
        #: institutions' literals), and ``here``.
        self.meets: list[
            tuple[
                int,
                int,
                dict[int, cp_model.IntVar],
                dict[int, cp_model.IntVar],
                dict[int, tuple[cp_model.IntVar, list[int]]],
                cp_model.IntVar,
            ]
        ] = []
        for slot in range(1 + num_orals):
            self._slot(slot)

    def _slot(self, slot: int) -> None:
        """Who attends what on ``slot``, the towns and institutions met, and the window."""
        data, m = self.data, self.model
        if slot == VISIT_SLOT:
            length = data.visit_minutes
            begin, end = data.visit_window
        else:
            length = data.oral_minutes
            begin, end = data.oral_window
        for s in range(data.num_supervisors):
            attends: dict[int, cp_model.IntVar] = {}
            for t in self.of_supervisor[s]:
                if slot == VISIT_SLOT:
                    attends[t] = self.x[t, s]
                    continue
                o = slot - 1
                if (t, o) not in self.y:
                    continue
                if data.unavailable[s, slot]:
                    m.add_bool_or([self.x[t, s].Not(), self.y[t, o].Not()])
                    continue
                both = m.new_bool_var(f"attends[{t},{s},{slot}]")
                m.add_implication(both, self.x[t, s])
                m.add_implication(both, self.y[t, o])
                m.add_bool_or([both, self.x[t, s].Not(), self.y[t, o].Not()])
                attends[t] = both
            if not attends:
                continue
            institutions: dict[int, list[int]] = {}
            towns: dict[int, list[int]] = {}
            for t in attends:
                institutions.setdefault(int(data.institution[t]), []).append(t)
            for i, teams in institutions.items():
                towns.setdefault(int(data.town[teams[0]]), []).append(i)
            # Only the directions that matter: an event meets its institution and town (the
            # window and the travel push the counts down); a town counts only with one of
            # its institutions and ``here`` only with a town, so that no count can make the
            # travel negative.
            met_inst = {}
            for i, teams in institutions.items():
                met = m.new_bool_var(f"inst[{s},{slot},{i}]")
                for t in teams:
                    m.add_implication(attends[t], met)
                met_inst[i] = met
            met_towns = []
            town_of: dict[int, tuple[cp_model.IntVar, list[int]]] = {}
            for k, insts in towns.items():
                met = m.new_bool_var(f"town[{s},{slot},{k}]")
                for i in insts:
                    m.add_implication(met_inst[i], met)
                m.add(met <= sum(met_inst[i] for i in insts))
                met_towns.append(met)
                town_of[k] = (met, insts)
            here = m.new_bool_var(f"here[{s},{slot}]")
            self.meets.append((s, slot, attends, met_inst, town_of, here))
            m.add(here <= sum(met_towns))
            num_towns = sum(met_towns)
            num_inst = sum(met_inst.values())
            travel = data.travel_minutes * (num_towns - here) + data.same_town_minutes * (
                num_inst - num_towns
            )
            events = sum(attends.values())
            m.add(length * events + travel <= end - begin)
            # Redundant, for the search: the most events the window holds at the least gap.
            most = (end - begin + self.least_gap) // (length + self.least_gap)
            if len(attends) > most:
                m.add(events <= most)
            self.travel_terms.append(travel)

    # -- priorities ---------------------------------------------------------------------

    def build(self, name: str) -> Objective:
        """The objective of priority ``name``."""
        data = self.data
        if name == "expertise":
            expr: cp_model.LinearExprT = sum(
                self.x[t, s] for t, s in self.pairs if data.expert[t, s]
            )
        elif name == "load":
            lower = -(-data.num_teams // max(data.num_supervisors, 1))
            busiest = self.model.new_int_var(lower, max(data.num_teams, lower), "busiest")
            for s in range(data.num_supervisors):
                if self.of_supervisor[s]:
                    self.model.add(busiest >= sum(self.x[t, s] for t in self.of_supervisor[s]))
            expr = busiest
        elif name == "travel":
            expr = sum(self.travel_terms)
        elif name == "supervisor_changes":
            before = data.previous
            terms: list[cp_model.LinearExprT] = []
            if before is not None:
                for t in range(data.num_teams):
                    s = before.supervisor[t]
                    if s >= 0:
                        keep = self.x.get((t, s))
                        terms.append(1 if keep is None else 1 - keep)
            expr = sum(terms)
        else:
            raise KeyError(name)
        return Objective(name, expr, PRIORITIES[name])

    def hint(self, plan: Plan) -> None:
        """Suggest a plan to start the search from, every variable of the rules given (a
        partial hint on 138 teams × 87 supervisors was not completed in 60 s)."""
        data = self.data
        for (t, s), var in self.x.items():
            self.model.add_hint(var, int(plan.supervisor[t] == s))
        for (t, o), var in self.y.items():
            self.model.add_hint(var, int(plan.oral_slot[t] == o))
        for s, slot, attends, met_inst, town_of, here in self.meets:
            present = {
                t
                for t in attends
                if plan.supervisor[t] == s and (slot == VISIT_SLOT or plan.oral_slot[t] == slot - 1)
            }
            if slot != VISIT_SLOT:
                for t, var in attends.items():
                    self.model.add_hint(var, int(t in present))
            inst_met = {int(data.institution[t]) for t in present}
            for i, var in met_inst.items():
                self.model.add_hint(var, int(i in inst_met))
            for met, insts in town_of.values():
                self.model.add_hint(met, int(any(i in inst_met for i in insts)))
            self.model.add_hint(here, int(bool(present)))

    def decode(self, solution: Solution) -> Plan:
        """The plan of a solution, timed by ``grouped_times``."""
        data = self.data
        K = data.num_teams
        supervisor = tuple(
            next(s for s in self.of_team[t] if solution.bool(self.x[t, s])) for t in range(K)
        )
        oral_slot = tuple(
            next(
                o for o in range(data.num_orals) if (t, o) in self.y and solution.bool(self.y[t, o])
            )
            for t in range(K)
        )
        return grouped_times(data, supervisor, oral_slot)
