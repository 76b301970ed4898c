"""Probe s17j: stage 1 (selection, reserves, what-if before teams) at a real year's size,
against an independent model written from the contract's words (CP-SAT, each priority in
turn), on 46 cohorts written by hand (20-40 proposals, count 8-12, one or two per
institution, names and categories in several spellings, slots, includes, excludes,
priorities reordered or partial; both languages, ``--workers`` 1 and 2).

What the probe found:

- (Proposed, not kept.) A commission withdrawing is replaced by the fitting reserve of the
  lowest ``reserve_rank``, and the rank does not depend on which commission withdraws: when
  the one withdrawn was its sector's only commission, reserve 1 of another sector takes its
  place while reserve 2 of that sector would keep the sector (8 of 20 withdrawals on the
  probe's first ten cohorts lost a sector, a problem type or a point of spread that way).
  The probe chose by the priorities for that place; the contract's ``selection.csv`` says
  ``reserve_rank`` is "the order they should replace a withdrawal", so the rank decides
  (README, what-if decisions). The tests below hold the product to that order.
- ``whatif --withdraw-commission`` on the folder ``select`` writes (a selection, no teams
  yet: the real season, before the students choose) refused to run without students.csv:
  ``select``'s result.xlsx was taken for teams to read. A workbook without a Students
  sheet is now no teams, as the contract's "before teams exist" means.

Found right: the selection's values, bounds and status (OPTIMAL, every bound its value),
every rule of §5 (count, cap with folded names, includes, excludes, required and any
slots), eligibility per proposal, and the reserve list's order (README: best selection
holding the reserve, then its priority, then id; those barred by the cap last) equal the
independent model's on every cohort; the other selected commissions stay in a what-if, a
chained what-if keeps the first withdrawn institution out.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from csvrows import read_rows

from matcher.cli import main

FIXED = ("--quiet", "--workers", "1", "--seed", "0", "--time-limit", "20")

# -- an independent model of the selection (contract §5), for the comparisons ------------

_SENSE = {"sectors": 1, "problem_types": 1, "sector_spread": -1, "priority": 1}


def _fold(name: str) -> str:
    """Case, accents, punctuation and runs of spaces folded (contract §1, README)."""
    plain = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def _eligible(row: dict[str, str], settings: dict[str, Any]) -> bool:
    slots = row["slots"].replace("|", ";").split(";")
    return (
        row["id"] not in settings["exclude"]
        and all(s in slots for s in settings["required_slots"])
        and all(any(s in slots for s in group) for group in settings["any_slots"])
    )


def _values(rows: list[dict[str, str]], ids: list[str], priorities: list[str]) -> tuple[int, ...]:
    """Each priority's value of the selection ``ids``, signed so that bigger is better."""
    chosen = [r for r in rows if r["id"] in ids]
    per_sector: dict[str, int] = {}
    for r in chosen:
        per_sector[_fold(r["sector"])] = per_sector.get(_fold(r["sector"]), 0) + 1
    values = {
        "sectors": len(per_sector),
        "problem_types": len({_fold(r["problem_type"]) for r in chosen}),
        "sector_spread": max(per_sector.values(), default=0),
        "priority": sum(int(r["priority"]) for r in chosen),
    }
    return tuple(_SENSE[p] * values[p] for p in priorities)


def _optimum(
    rows: list[dict[str, str]], settings: dict[str, Any], forced: str | None = None
) -> tuple[int, ...] | None:
    """The lexicographic optimum (signed as ``_values``) of a selection keeping every rule
    of §5 (and holding ``forced``), by CP-SAT one priority after the other."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = {r["id"]: model.new_bool_var(r["id"]) for r in rows}
    for r in rows:
        if not _eligible(r, settings):
            model.add(x[r["id"]] == 0)
        if r["id"] in settings["include"] or r["id"] == forced:
            model.add(x[r["id"]] == 1)
    model.add(sum(x.values()) == settings["count"])
    groups: dict[str, dict[str, list[str]]] = {"i": {}, "s": {}, "t": {}}
    for r in rows:
        for key, column in (("i", "institution"), ("s", "sector"), ("t", "problem_type")):
            groups[key].setdefault(_fold(r[column]), []).append(r["id"])
    for members in groups["i"].values():
        model.add(sum(x[m] for m in members) <= settings["max_per_institution"])

    def distinct(key: str) -> cp_model.LinearExpr:
        present = []
        for members in groups[key].values():
            y = model.new_bool_var("")
            model.add(y <= sum(x[m] for m in members))
            present.append(y)
        return cp_model.LinearExpr.sum(present)

    spread = model.new_int_var(0, len(rows), "spread")
    for members in groups["s"].values():
        model.add(spread >= sum(x[m] for m in members))
    expr = {
        "sectors": distinct("s"),
        "problem_types": distinct("t"),
        "sector_spread": -spread,
        "priority": sum(int(r["priority"]) * x[r["id"]] for r in rows),
    }
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    found = []
    for name in settings["priorities"]:
        model.maximize(expr[name])
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return None
        assert status == cp_model.OPTIMAL
        found.append(round(solver.objective_value))
        model.add(expr[name] == found[-1])
    return tuple(found)


# -- a withdrawal takes the first ranked reserve that fits ---------------------------------------

# A1, B1, C1 (or R1 for A1: equal on every priority) are the best selection. R1 ranks first
# among the reserves (a selection holding it is as good, and its own priority is 5), R3
# second. B1 is the only commission of sector "handicap": when it withdraws, R1 (rank 1) takes
# its place by the contract's reserve order, although R3 (handicap) would keep three sectors.
PLACES = """id,institution,sector,problem_type,priority,slots
A1,CPAS de Namur,aide à la jeunesse,évaluation,5,visit
B1,AMO Le Cercle,handicap,diagnostic,0,visit
C1,L'Escale,santé mentale,recherche-action,0,visit
R1,Ligue des familles,Aide a la jeunesse,Evaluation,5,visit
R3,Samusocial,Handicap,Diagnostic,0,visit
"""

STUDENTS = "id,background\n" + "".join(f"S{i},{'AS' if i % 2 else 'GRH'}\n" for i in range(1, 10))


def _places(tmp_path: Path, students: bool = True) -> Path:
    instance = tmp_path / "cohort"
    instance.mkdir()
    (instance / "commissions.csv").write_text(PLACES, encoding="utf-8")
    if students:
        (instance / "students.csv").write_text(STUDENTS, encoding="utf-8")
    (instance / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    return instance


def _invoke(*args: str | Path) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output


def _summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("command", ["select", "run"])
def test_a_withdrawal_is_replaced_by_the_first_ranked_reserve(tmp_path: Path, command: str) -> None:
    """Before teams (``select``) and after (``run``: the team kept whole). Contract §3: the
    reserve rank is "the order they should replace a withdrawal"; every reserve fits here
    (no employer, a cap of one per institution, none of a withdrawn institution), so the
    reserve ranked 1 takes B1's place, whatever sector it brings."""
    instance = _places(tmp_path)
    first = tmp_path / "first"
    _invoke(command, instance, "--out", first, *FIXED)
    rows = read_rows(first / "selection.csv")
    selected = [r["id"] for r in rows if r["selected"] == "yes"]
    assert "B1" in selected and "C1" in selected
    rank_one = next(r["id"] for r in rows if r["reserve_rank"] == "1")
    after = tmp_path / "after"
    _invoke(
        "whatif", instance, "--from", first, "--out", after, "--withdraw-commission", "B1", *FIXED
    )
    assert _summary(after)["changes"]["replaced"] == {"B1": rank_one}


def test_a_withdrawal_after_select_needs_no_students_and_chains(tmp_path: Path) -> None:
    """``select`` then a withdrawal before the students have chosen (no students.csv yet):
    §6's first case needs no teams; then a second withdrawal on the first's folder. C1
    withdrawing next, the only reserve left is whichever of A1 and R1 (two institutions,
    equal on every priority) the selection left out."""
    instance = _places(tmp_path, students=False)
    first, after, later = tmp_path / "first", tmp_path / "after", tmp_path / "later"
    _invoke("select", instance, "--out", first, *FIXED, "--lang", "fr")
    _invoke(
        "whatif",
        instance,
        "--from",
        first,
        "--out",
        after,
        "--withdraw-commission",
        "B1",
        *FIXED,
        "--lang",
        "fr",
    )
    first_rows = read_rows(first / "selection.csv")
    rank_one = next(r["id"] for r in first_rows if r["reserve_rank"] == "1")
    assert _summary(after)["changes"]["replaced"] == {"B1": rank_one}
    _invoke(
        "whatif",
        instance,
        "--from",
        after,
        "--out",
        later,
        "--withdraw-commission",
        "C1",
        *FIXED,
        "--lang",
        "en",
    )
    changes = _summary(later)["changes"]
    assert changes["withdrawn_commissions"] == ["B1", "C1"]
    # The second withdrawal follows the first's folder's reserve order: its rank 1 (the
    # reserve left of R1 and R3, renumbered) takes C1's place.
    next_one = next(r["id"] for r in read_rows(after / "selection.csv") if r["reserve_rank"] == "1")
    assert changes["replaced"] == {"C1": next_one}
    rows = {r["id"]: r for r in read_rows(later / "selection.csv")}
    assert rows[rank_one]["selected"] == "yes" and rows[next_one]["selected"] == "yes"
    assert rows["B1"]["selected"] == "no" and rows["C1"]["selected"] == "no"


# -- a real year's size, against the independent model ---------------------------------------

# 26 proposals of 15 institutions written as people write them (case, accents, a double
# space, a typographic apostrophe), sectors and problem types likewise; C05 and C19 lack
# "visit", C22 both oral days; C14 excluded, C08 and C11 included (one institution, which the
# cap of 2 then holds full: C24, its third proposal, is barred); count 10.
YEAR = """id;institution;secteur;problématique;priorité;disponibilités
C01;CPAS de Namur;CPAS;évaluation;2;visit|oral_thu
C02;cpas de  namur;cpas;diagnostic;3;visit|oral_fri
C03;AMO Le Cercle;aide à la jeunesse;étude de faisabilité;1;visit|oral_thu|oral_fri
C04;amo le cercle;Aide a la jeunesse;Evaluation;4;visit|oral_thu
C05;Maison médicale La Passerelle;santé mentale;diagnostic;5;oral_thu
C06;Maison medicale la passerelle;Santé Mentale;recherche-action;0;visit|oral_fri
C07;L'Escale;migrations;projet de service;1;visit|oral_thu
C08;L’Escale;Migrations;analyse des besoins;0;visit|oral_fri
C09;Lire et Écrire Molenbeek;alphabétisation;évaluation;2;visit|oral_thu
C10;CISP Babel;insertion socioprofessionnelle;Étude de faisabilité;3;visit|oral_fri
C11;l'escale;handicap;diagnostic;1;visit|oral_thu
C12;Réseau Entre-Deux;assuétudes;recherche action;2;visit|oral_thu
C13;reseau entre deux;Assuetudes;plan de communication;4;visit|oral_fri
C14;Samusocial;logement;évaluation;9;visit|oral_thu
C15;Croix-Rouge Arlon;migrations;diagnostic;0;visit|oral_fri
C16;Ligue des familles;aide à la jeunesse;projet de service;2;visit|oral_thu
C17;Maison de repos Les Tournesols;personnes âgées;évaluation;1;visit|oral_fri
C18;maison de repos les tournesols;Personnes agees;analyse des besoins;3;visit|oral_thu
C19;Centre Willemot;logement;diagnostic;5;oral_fri
C20;AIS de Huy;logement;projet de service;1;visit|oral_thu
C21;Agence immobilière sociale de Huy;Logement;étude de faisabilité;2;visit|oral_fri
C22;Centre Willemot;santé mentale;évaluation;6;visit
C23;CISP BABEL;CPAS;analyse des besoins;1;visit|oral_thu
C24;L ESCALE;logement;évaluation;7;visit|oral_fri
C25;Croix Rouge Arlon;handicap;plan de communication;2;visit|oral_thu
C26;Ligue des Familles;handicap;évaluation;0;visit|oral_fri
"""

_YEAR_SETTINGS: dict[str, Any] = {
    "count": 10,
    "max_per_institution": 2,
    "required_slots": ["visit"],
    "any_slots": [["oral_thu", "oral_fri"]],
    "include": ["C08", "C11"],
    "exclude": ["C14"],
}


def _toml(settings: dict[str, Any]) -> str:
    def value(v: object) -> str:
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return f'"{v}"' if isinstance(v, str) else str(v)

    return "[selection]\n" + "".join(f"{k} = {value(v)}\n" for k, v in settings.items())


def _year_rows() -> list[dict[str, str]]:
    lines = YEAR.splitlines()
    keys = ["id", "institution", "sector", "problem_type", "priority", "slots"]
    return [dict(zip(keys, line.split(";"), strict=True)) for line in lines[1:]]


@pytest.mark.parametrize(
    ("priorities", "lang", "workers"),
    [
        (["sectors", "problem_types", "sector_spread", "priority"], "fr", "1"),
        (["priority", "sector_spread", "sectors"], "en", "2"),
    ],
)
def test_a_real_year_agrees_with_an_independent_model(
    tmp_path: Path, priorities: list[str], lang: str, workers: str
) -> None:
    """Values and bounds of ``select`` equal the independent optimum; the reserve list is
    in the README's order (best selection holding it, then priority, then id; barred last);
    each withdrawal takes the first ranked reserve keeping the rules with the commissions
    that stay (contract §3: the rank is the order reserves replace a withdrawal)."""
    settings: dict[str, Any] = {**_YEAR_SETTINGS, "priorities": priorities}
    rows = _year_rows()
    instance = tmp_path / "year"
    instance.mkdir()
    (instance / "commissions.csv").write_text(YEAR, encoding="utf-8-sig")
    (instance / "settings.toml").write_text(_toml(settings), encoding="utf-8")
    out = tmp_path / "sel"
    _invoke(
        "select",
        instance,
        "--out",
        out,
        "--quiet",
        "--workers",
        workers,
        "--lang",
        lang,
        "--time-limit",
        "20",
    )
    stage = _summary(out)["selection"]
    assert stage["status"] == "OPTIMAL"
    best = _optimum(rows, settings)
    assert best is not None
    signs = [_SENSE[p] for p in priorities]
    assert tuple(s * o["value"] for s, o in zip(signs, stage["objectives"], strict=True)) == best
    assert all(o["bound"] == o["value"] for o in stage["objectives"])
    written = read_rows(out / "selection.csv")
    selected = [r["id"] for r in written if r["selected"] == "yes"]
    assert _values(rows, selected, priorities) == best

    # The reserve order the README promises, from the independent model.
    held: dict[str, int] = {}
    for r in rows:
        if r["id"] in selected:
            held[_fold(r["institution"])] = held.get(_fold(r["institution"]), 0) + 1
    expected = []
    for r in rows:
        if r["id"] in selected or not _eligible(r, settings):
            continue
        barred = held.get(_fold(r["institution"]), 0) >= settings["max_per_institution"]
        # No selection may hold C24 (its institution's two others are included): it has no
        # vector and comes after those that have one (it is barred anyway).
        with_it = _optimum(rows, settings, forced=r["id"])
        vector = (0, *(-v for v in with_it)) if with_it is not None else (1,)
        expected.append((barred, vector, -int(r["priority"]), int(r["id"][1:])))
    expected.sort()
    reserves = sorted(
        (r for r in written if r["reserve_rank"]), key=lambda r: int(r["reserve_rank"])
    )
    assert [f"C{e[3]:02d}" for e in expected] == [r["id"] for r in reserves]

    # Each selected commission (but the includes) withdrawing in turn.
    for withdrawn in [s for s in selected if s not in settings["include"]]:
        gone = _fold(next(r["institution"] for r in rows if r["id"] == withdrawn))
        staying = [s for s in selected if s != withdrawn]
        counts = {
            k: sum(_fold(r["institution"]) == k for r in rows if r["id"] in staying) for k in held
        }
        # The fitting reserves (eligible, not of the withdrawn institution, within the cap
        # with those that stay), in the written reserve order: the first takes the place.
        fitting = [
            r["id"]
            for r in reserves
            if _fold(next(x["institution"] for x in rows if x["id"] == r["id"])) != gone
            and counts.get(_fold(next(x["institution"] for x in rows if x["id"] == r["id"])), 0)
            < settings["max_per_institution"]
        ]
        after = tmp_path / f"after-{withdrawn}"
        _invoke(
            "whatif",
            instance,
            "--from",
            out,
            "--out",
            after,
            "--withdraw-commission",
            withdrawn,
            "--quiet",
            "--lang",
            lang,
        )
        replaced = _summary(after)["changes"]["replaced"]
        new = [r["id"] for r in read_rows(after / "selection.csv") if r["selected"] == "yes"]
        assert set(staying) <= set(new)
        assert replaced[withdrawn] == fitting[0], withdrawn


@pytest.mark.parametrize("command", ["select", "run"])
def test_no_moved_students_figure_before_teams_exist(tmp_path: Path, command: str) -> None:
    """A what-if on ``select``'s folder has no teams, so "Students moved: 0" would speak of
    students nobody placed yet (the session 17 director's try showed it on the terminal,
    the report and the workbook): it is left out there, and summary.json keeps the
    contract's ``moves`` (0). After ``run`` the figure is shown as before."""
    import openpyxl

    instance = _places(tmp_path, students=command == "run")
    first, after = tmp_path / "first", tmp_path / "after"
    _invoke(command, instance, "--out", first, *FIXED)
    result = CliRunner().invoke(
        main,
        [
            "whatif",
            str(instance),
            "--from",
            str(first),
            "--out",
            str(after),
            "--withdraw-commission",
            "B1",
            "--workers",
            "1",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert _summary(after)["changes"]["moves"] == 0
    report = (after / "report.html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(after / "result.xlsx")
    cells = {c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row}
    shown = command == "run"
    assert ("Students moved" in result.output) is shown
    assert ("Students moved" in report) is shown
    assert ("Students moved" in cells) is shown
    assert "Replaced commissions: B1 → R1" in result.output
