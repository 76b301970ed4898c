"""explanations.csv against an independent model of stage 2 (contract §9, session 16 probe h).

The project's own tests compare ``explain`` with a brute force on 5-9 students; this script
checks it where brute force cannot go (40-100 students, 8-12 teams). It builds its OWN
CP-SAT model of stage 2 from the contract (§5) and the README's "Rules and priorities":
sizes floor/ceil(N/K) (``[teams] min_size``/``max_size`` when set) narrowed by a
commission's own columns, conflicts of interest, pins, ``apart``/``together`` pairs,
``no_isolation``; ``worst_choice``, ``balance``, ``choices`` and ``experience`` (max over
teams of |N·E_t − n_t·E| in tenths of years, a missing value the mean of the known ones,
both rounded half up). Nothing of ``models/`` or ``matcher.teams`` is used: only
``matcher.loading`` reads the instance and the result.

For a wish (student s, team t) of a row of explanations.csv: fix s in t; for each priority
in the settings' order, minimise it with the earlier ones held at most at the result's
values (the README's rule, which for a proven optimum is plain lexicographic
minimisation): the first whose minimum exceeds the result's value is ``costs`` with that
``value_if``; none is ``free``; no assignment is ``impossible``. ``displaced``: with the
priorities before the costly one at most at their values, the costly one at most at
``value_if`` and each later one minimised in turn (everyone else re-optimised, contract §9;
since session 30, before which the later ones were left free) (``free``: every priority at
most at its value), the fewest OTHER students whose team changes. The result's own values
are recomputed and compared with ``summary.json`` too, and the set of wishes explained with
the one §9 asks for.

Run (a result written by ``matcher run``, or edited by hand)::

    nice -n 19 python benchmarks/explain_independent.py INSTANCE RESULT_DIR \\
        [--sample 40] [--seed 0] [--time-limit 60] [--workers 2] [--settings FILE]

It prints one line per disagreement and a count line ``cohort wishes agree unknown``;
exit status 1 when anything disagrees. A row whose own solve is not proven within
``--time-limit`` is counted ``unknown`` (neither side is judged).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ortools.sat.python import cp_model

from matcher.loading import load_instance, read_selection, read_teams
from matcher.loading.cells import condition_attribute, parse_condition, value_meets
from matcher.schemas import Instance, Student
from matcher.text import fold_name


def _tenths(years: float) -> int:
    return int(Decimal(str(years)).scaleb(1).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Cohort:
    """Stage 2 in indices, built from the files alone."""

    students: list[str]
    teams: list[str]
    low: list[int]
    high: list[int]
    forbidden: list[set[int]]
    pinned: dict[int, int]
    apart: list[tuple[int, int]]
    together: list[tuple[int, int]]
    isolation: list[list[int]]
    ranks: list[list[int] | None]
    groups: list[tuple[list[int], int, int]]
    experience: list[int]
    priorities: tuple[str, ...]
    extra: dict[str, object] = field(default_factory=dict)


def _field(student: Student, attribute: str) -> bool | str | None:
    value = getattr(student, attribute, None)
    return value if isinstance(value, (bool, str)) or value is None else str(value)


def cohort(instance: Instance, selected: list[str]) -> Cohort:
    """The cohort of ``instance`` on the teams ``selected`` (in that order)."""
    studs = list(instance.students)
    num, k = len(studs), len(selected)
    tset = instance.settings.teams
    low0 = num // k if tset.min_size is None else tset.min_size
    high0 = -(-num // k) if tset.max_size is None else tset.max_size
    by_id = {c.id: c for c in instance.commissions}
    low, high = [], []
    for cid in selected:
        c = by_id[cid]
        low.append(max(low0, c.min_size) if c.min_size is not None else low0)
        high.append(min(high0, c.max_size) if c.max_size is not None else high0)
    index = {s.id: i for i, s in enumerate(studs)}
    tindex = {cid: t for t, cid in enumerate(selected)}
    forbidden: list[set[int]] = []
    for s in studs:
        bad: set[int] = set()
        if tset.conflict_of_interest and s.employers():
            bad = {t for t, cid in enumerate(selected)
                   if fold_name(by_id[cid].institution) in s.employers()}
        forbidden.append(bad)
    pinned = {index[s.id]: tindex.get(s.pinned, -1) for s in studs if s.pinned}
    apart = [(index[p.student_a], index[p.student_b]) for p in instance.pairs
             if p.relation == "apart"]
    together = [(index[p.student_a], index[p.student_b]) for p in instance.pairs
                if p.relation == "together"]
    isolation = []
    for condition in tset.no_isolation:
        parsed = parse_condition(condition)
        assert parsed is not None
        attribute = condition_attribute(parsed[0])
        isolation.append([i for i, s in enumerate(studs)
                          if value_meets(_field(s, attribute), parsed[1])])
    ranks: list[list[int] | None] = []
    for s in studs:
        if not s.choices:
            ranks.append(None)
            continue
        listed: list[int] = []
        for choice in s.choices:
            if choice in tindex and tindex[choice] not in listed:
                listed.append(tindex[choice])
        row = [len(listed) + 1] * k
        for position, t in enumerate(listed):
            row[t] = position + 1
        ranks.append(row)
    groups = []
    for attribute in instance.balanced_attributes():
        values: dict[object, list[int]] = {}
        for i, s in enumerate(studs):
            value = _field(s, attribute)
            if value is not None:
                values.setdefault(value, []).append(i)
        for members in values.values():
            groups.append((members, len(members) // k, -(-len(members) // k)))
    known = [_tenths(s.experience_years) for s in studs if s.experience_years is not None]
    mean = (sum(known) + len(known) // 2) // len(known) if known else 0
    experience = [mean if s.experience_years is None else _tenths(s.experience_years)
                  for s in studs]
    if not known:
        experience = [0] * num
    return Cohort([s.id for s in studs], list(selected), low, high, forbidden, pinned,
                  apart, together, isolation, ranks, groups, experience, tset.priorities)


def values_of(c: Cohort, team_of: list[int]) -> dict[str, int]:
    """The four priorities of an assignment (student index → team index)."""
    num, k = len(c.students), len(c.teams)
    worst = max((r[team_of[i]] for i, r in enumerate(c.ranks) if r), default=0)
    total = sum(r[team_of[i]] for i, r in enumerate(c.ranks) if r)
    balance = 0
    for members, lo, hi in c.groups:
        for t in range(k):
            n = sum(1 for i in members if team_of[i] == t)
            balance += max(0, n - hi, lo - n)
    etotal = sum(c.experience)
    gap = 0
    for t in range(k):
        et = sum(c.experience[i] for i in range(num) if team_of[i] == t)
        nt = sum(1 for i in range(num) if team_of[i] == t)
        gap = max(gap, abs(num * et - nt * etotal))
    return {"worst_choice": worst, "balance": balance, "choices": total, "experience": gap}


class Model:
    """One CP-SAT model of the rules and the four priorities (built afresh per solve)."""

    def __init__(self, c: Cohort) -> None:
        self.c = c
        m = self.m = cp_model.CpModel()
        num, k = len(c.students), len(c.teams)
        self.x = [[m.NewBoolVar(f"x{i}_{t}") for t in range(k)] for i in range(num)]
        x = self.x
        for i in range(num):
            m.AddExactlyOne(x[i])
            for t in c.forbidden[i]:
                m.Add(x[i][t] == 0)
        for t in range(k):
            m.AddLinearConstraint(sum(x[i][t] for i in range(num)), c.low[t], c.high[t])
        for i, t in c.pinned.items():
            m.Add(x[i][t] == 1)
        for a, b in c.apart:
            for t in range(k):
                m.AddBoolOr([x[a][t].Not(), x[b][t].Not()])
        for a, b in c.together:
            for t in range(k):
                m.Add(x[a][t] == x[b][t])
        for members in c.isolation:
            for t in range(k):
                some = m.NewBoolVar("")
                count = sum(x[i][t] for i in members)
                m.Add(count >= 2).OnlyEnforceIf(some)
                m.Add(count == 0).OnlyEnforceIf(some.Not())
        self.expr: dict[str, cp_model.LinearExprT] = {}
        maxrank = max((max(r) for r in c.ranks if r), default=0)
        worst = m.NewIntVar(0, maxrank, "worst")
        for i, r in enumerate(c.ranks):
            if r:
                m.Add(worst >= sum(r[t] * x[i][t] for t in range(k)))
        self.expr["worst_choice"] = worst
        self.expr["choices"] = sum(r[t] * x[i][t] for i, r in enumerate(c.ranks) if r
                                   for t in range(k))
        devs = []
        for members, lo, hi in c.groups:
            for t in range(k):
                d = m.NewIntVar(0, num, "")
                n = sum(x[i][t] for i in members)
                m.Add(d >= n - hi)
                m.Add(d >= lo - n)
                devs.append(d)
        self.expr["balance"] = sum(devs)
        etotal = sum(c.experience)
        bound = num * max(etotal, 1) * 2
        gap = m.NewIntVar(0, bound, "gap")
        for t in range(k):
            diff = sum((num * c.experience[i] - etotal) * x[i][t] for i in range(num))
            m.Add(gap >= diff)
            m.Add(gap >= -diff)
        self.expr["experience"] = gap

    def minimise(self, target: cp_model.LinearExprT, hint: list[int] | None,
                 time_limit: float, workers: int) -> int | str | None:
        """The minimum of ``target`` (None: infeasible; "unknown": not proven)."""
        self.m.Minimize(target)
        if hint is not None:
            self.m.ClearHints()
            for i, t0 in enumerate(hint):
                for t in range(len(self.c.teams)):
                    self.m.AddHint(self.x[i][t], t == t0)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = workers
        status = solver.Solve(self.m)
        if status == cp_model.INFEASIBLE:
            return None
        if status != cp_model.OPTIMAL:
            return "unknown"
        self.last = [next(t for t in range(len(self.c.teams)) if solver.Value(self.x[i][t]))
                     for i in range(len(self.c.students))]
        return round(solver.ObjectiveValue())


def verdict(c: Cohort, team_of: list[int], values: dict[str, int], student: int, team: int,
            time_limit: float = 60.0, workers: int = 1) -> dict[str, object]:
    """The independent answer for one wish: verdict, priority, value, value_if, displaced."""
    caps: list[tuple[str, int]] = []
    hint = list(team_of)
    hint[student] = team
    answer: dict[str, object] = {"verdict": "free", "priority": "", "value": "",
                                 "value_if": ""}
    worse = False  # once a priority got worse, the later ones are re-optimised (§9)
    for name in c.priorities:
        model = Model(c)
        model.m.Add(model.x[student][team] == 1)
        for capped, cap in caps:
            model.m.Add(model.expr[capped] <= cap)
        if worse:
            best = model.minimise(model.expr[name], hint, time_limit, workers)
            if best is None or best == "unknown":
                return {"verdict": "unknown"}
            hint = model.last
            assert isinstance(best, int)
            caps.append((name, best))
            continue
        within = Model(c)  # first: can it keep its value? (a feasibility question)
        within.m.Add(within.x[student][team] == 1)
        for capped, cap in [*caps, (name, values[name])]:
            within.m.Add(within.expr[capped] <= cap)
        kept = within.minimise(0, hint, time_limit, workers)
        if kept == "unknown":
            return {"verdict": "unknown"}
        if kept is not None:
            hint = within.last
            caps.append((name, values[name]))
            continue
        best = model.minimise(model.expr[name], hint, time_limit, workers)
        if best is None:
            return {"verdict": "impossible" if not caps else "ERROR-infeasible-capped"}
        if best == "unknown":
            return {"verdict": "unknown"}
        hint = model.last
        assert isinstance(best, int)
        if best > values[name]:
            answer = {"verdict": "costs", "priority": name, "value": values[name],
                      "value_if": best}
            caps.append((name, best))
            worse = True
            continue
        caps.append((name, values[name]))
    model = Model(c)
    model.m.Add(model.x[student][team] == 1)
    for capped, cap in caps:
        model.m.Add(model.expr[capped] <= cap)
    moved = sum(1 - model.x[i][team_of[i]] for i in range(len(c.students)) if i != student)
    fewest = model.minimise(moved, hint, time_limit, workers)
    if fewest is None or fewest == "unknown":
        return {"verdict": "unknown"}
    answer["displaced"] = fewest
    return answer


def keeps(c: Cohort, team_of: list[int]) -> bool:
    """Whether an assignment keeps every rule of stage 2."""
    k = len(c.teams)
    sizes = [team_of.count(t) for t in range(k)]
    return (all(c.low[t] <= sizes[t] <= c.high[t] for t in range(k))
            and all(team_of[i] not in bad for i, bad in enumerate(c.forbidden))
            and all(team_of[i] == t for i, t in c.pinned.items())
            and all(team_of[a] != team_of[b] for a, b in c.apart)
            and all(team_of[a] == team_of[b] for a, b in c.together)
            and all(sum(1 for i in members if team_of[i] == t) != 1
                    for members in c.isolation for t in range(k)))


def swap_pairs(c: Cohort, team_of: list[int]) -> list[tuple[str, str, str, int, int]]:
    """Pairs who both ranked the other's team better and whose swap keeps every rule, with
    the first priority the swap worsens (``"none"``, value and value_if equal, if none)."""
    values = values_of(c, team_of)
    found = []
    for a, ra in enumerate(c.ranks):
        for b, rb in enumerate(c.ranks):
            if a >= b or not ra or not rb or team_of[a] == team_of[b]:
                continue
            if ra[team_of[b]] >= ra[team_of[a]] or rb[team_of[a]] >= rb[team_of[b]]:
                continue
            swapped = list(team_of)
            swapped[a], swapped[b] = team_of[b], team_of[a]
            if not keeps(c, swapped):
                continue
            after = values_of(c, swapped)
            worse = [name for name in c.priorities if after[name] > values[name]]
            name = worse[0] if worse else "none"
            found.append((c.students[a], c.students[b], name, values.get(name, 0),
                          after.get(name, 0)))
    return found


def wishes(c: Cohort, team_of: list[int]) -> set[tuple[str, str]]:
    """The (student, wanted team) pairs §9 asks about: choices better than where they are."""
    out = set()
    for i, r in enumerate(c.ranks):
        if r:
            for t in range(len(c.teams)):
                if r[t] < r[team_of[i]]:
                    out.add((c.students[i], c.teams[t]))
    return out


def load(instance_path: Path, result: Path, settings: Path | None = None,
         ) -> tuple[Cohort, list[int], list[dict[str, str]], dict[str, object]]:
    """The cohort, the result's assignment, its explanations.csv rows and summary.json."""
    instance = load_instance(instance_path, settings_path=settings, require=("students",))
    _, rows = read_selection(result / "selection.csv", instance)
    selected = [row.id for row in rows if row.selected]
    c = cohort(instance, selected)
    teams = read_teams(result / "teams.csv", instance)
    team_of = [c.teams.index(teams[sid]) for sid in c.students]
    path = result / "explanations.csv"
    explained = list(csv.DictReader(path.open(encoding="utf-8-sig"))) if path.exists() else []
    summary_path = result / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    return c, team_of, explained, summary


def compare(instance_path: Path, result: Path, sample: int = 0, seed: int = 0,
            time_limit: float = 60.0, workers: int = 1, out=sys.stdout,
            settings: Path | None = None) -> tuple[int, int, int, list[str]]:
    """Compare every (or ``sample``) row(s); returns (compared, agree, unknown, problems)."""
    c, team_of, rows, summary = load(instance_path, result, settings)
    values = values_of(c, team_of)
    problems: list[str] = []
    recorded = {o["name"]: o["value"] for o in summary.get("teams", {}).get("objectives", [])}
    for name, value in recorded.items():
        if name in values and values[name] != value:
            problems.append(f"summary {name}: recorded {value}, recomputed {values[name]}")
    listed = summary.get("metrics", {}).get("teams", {}).get("swap_pairs")
    if listed is not None:
        theirs = sorted((*sorted((p["student_a"], p["student_b"])), p["priority"],
                         p.get("value"), p.get("value_if")) for p in listed)
        mine = sorted(swap_pairs(c, team_of))
        if [t[:3] for t in theirs] != [m[:3] for m in mine] or any(
                t[2] != "none" and t[3:] != m[3:] for t, m in zip(theirs, mine, strict=False)):
            problems.append(f"swap_pairs: matcher {theirs} independent {mine}")
    asked = wishes(c, team_of)
    rows_wishes = {(r["student_id"], r["wanted"]) for r in rows}
    if rows and rows_wishes != asked:
        problems.append(f"wishes: missing {sorted(asked - rows_wishes)[:5]}, "
                        f"extra {sorted(rows_wishes - asked)[:5]}")
    if sample and len(rows) > sample:
        rows = random.Random(seed).sample(rows, sample)
    agree = unknown = 0
    for row in rows:
        if row["verdict"] == "unknown":
            unknown += 1
            continue
        i, t = c.students.index(row["student_id"]), c.teams.index(row["wanted"])
        mine = verdict(c, team_of, values, i, t, time_limit, workers)
        if mine["verdict"] == "unknown":
            print(f"  {row['student_id']}->{row['wanted']}: not proven", file=sys.stderr)
            unknown += 1
            continue
        theirs = {"verdict": row["verdict"]}
        if row["verdict"] != "impossible":
            theirs.update(priority=row["priority"], value=row["value"],
                          value_if=row["value_if"], displaced=row["displaced"])
        mine_s = {key: str(value) for key, value in mine.items()}
        print(f"  {row['student_id']}->{row['wanted']}: {mine_s}", file=sys.stderr, flush=True)
        if mine_s == theirs:
            agree += 1
        else:
            problems.append(f"{row['student_id']}->{row['wanted']}: matcher {theirs} "
                            f"independent {mine_s}")
            print(problems[-1], file=out, flush=True)
    return len(rows), agree, unknown, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--settings", type=Path, help="as matcher's --settings")
    args = parser.parse_args()
    compared, agree, unknown, problems = compare(
        args.instance, args.result, args.sample, args.seed, args.time_limit, args.workers,
        settings=args.settings)
    for problem in problems:
        print(problem)
    print(f"{args.instance.name} wishes={compared} agree={agree} unknown={unknown} "
          f"problems={len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
