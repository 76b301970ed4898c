"""With supervisors.csv, the selection keeps only selections a supervision plan exists for
(``matcher.selection_plan``): a hand-made case, the case where none has one, and a
brute-force twin on small cohorts (every selection enumerated, every plan enumerated)."""

from __future__ import annotations

import csv
import itertools
import json
import random
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort

import models.plan_feasible as plan_feasible
from matcher.loading import load_instance
from matcher.planning import build_plan_data
from matcher.selection import select_commissions
from models.plan_feasible import plan_exists
from models.solve import SolveParams, make_solver

# One supervisor, a visit morning of 180 minutes, visits of 80: two visits fit in one town
# (80 + 15 + 80 = 175), not in two (80 + 45 + 80 = 205).
TIGHT_MORNING = """[selection]
count = 2
[calendar]
visit_window = ["09:00", "12:00"]
visit_minutes = 80
"""

COMMISSIONS = """id,institution,sector,problem_type,town
P1,CPAS de Namur,CPAS,diagnostic,Namur
P2,AMO Liège,jeunesse,évaluation,Liège
P3,Maison Namur,CPAS,diagnostic,Namur
"""

STUDENTS = """id,background,choices
S1,AS,P1;P2
S2,AS,P2;P1
S3,educ,P3
S4,educ,P1
"""


def _cohort(tmp_path: Path, supervisors: str | None) -> Path:
    files = {"commissions.csv": COMMISSIONS, "students.csv": STUDENTS}
    files["settings.toml"] = TIGHT_MORNING
    if supervisors is not None:
        files["supervisors.csv"] = supervisors
    return write_cohort(tmp_path / "cohort", files)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_run_selects_the_proposals_a_supervisor_can_visit_in_one_morning(
    tmp_path: Path, lang: str
) -> None:
    # P1 + P2 cover two sectors, but Anne alone cannot visit Namur and Liège in 180
    # minutes; P1 + P3 (one sector, both in Namur) is the best selection with a plan.
    # Before, `run` selected P1 + P2 and ended at stage 3 with exit 3.
    cohort = _cohort(tmp_path, "id,name\nA,Anne\n")
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", lang])
    assert code == 0, output
    rows = (out / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    selected = sorted(r.split(",")[0] for r in rows[1:] if r.split(",")[5] == "yes")
    assert selected == ["P1", "P3"]
    p2 = next(r for r in rows if r.startswith("P2,"))
    said = "planning des accompagnateurs" if lang == "fr" else "supervision plan"
    assert said in p2
    schedule = (out / "schedule.csv").read_text(encoding="utf-8-sig")
    assert "Liège" not in schedule


def test_without_supervisors_the_priorities_alone_choose(tmp_path: Path) -> None:
    # The same cohort without supervisors.csv: two sectors beat one (§5), P1 + P2.
    cohort = _cohort(tmp_path, None)
    out = tmp_path / "out"
    code, output = invoke(["select", str(cohort), "--out", str(out)])
    assert code == 0, output
    rows = (out / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sorted(r.split(",")[0] for r in rows[1:] if r.split(",")[5] == "yes") == ["P1", "P2"]


def test_when_no_selection_has_a_plan_stage_3_says_why(tmp_path: Path) -> None:
    # Anne is away on the visit morning: no selection has a plan, the best one stays and
    # `run` ends with exit 3 naming her absence, as before.
    cohort = _cohort(tmp_path, "id,name,unavailable\nA,Anne,visit\n")
    out = tmp_path / "out"
    code, output = invoke(["run", str(cohort), "--out", str(out), "--lang", "en"])
    assert code == 3, output
    assert "Anne" in output
    assert not out.exists()


# --- brute-force twin ----------------------------------------------------------------------

VISIT_WINDOW, VISIT, SAME_TOWN, TRAVEL = 180, 80, 15, 45
TOWNS = ["Namur", "Liège", "Mons", ""]


def _gap(a: str, b: str) -> int:
    return SAME_TOWN if a and a == b else TRAVEL


def _visits_fit(towns: list[str]) -> bool:
    """Some order of these visits fits the morning with the travel between them."""
    if not towns:
        return True
    return any(
        VISIT * len(order) + sum(_gap(x, y) for x, y in itertools.pairwise(order)) <= VISIT_WINDOW
        for order in itertools.permutations(towns)
    )


def _plannable(towns: list[str], usable: list[bool], capacity: int) -> bool:
    """Every assignment of the teams to the supervisors tried. Orals (60 minutes in a day of
    480, at most ``capacity`` <= 3 each) always fit a supervisor free on one oral day."""
    for owner in itertools.product(range(len(usable)), repeat=len(towns)):
        if any(not usable[s] for s in owner):
            continue
        if any(owner.count(s) > capacity for s in range(len(usable))):
            continue
        per = [[towns[t] for t in range(len(towns)) if owner[t] == s] for s in range(len(usable))]
        if all(_visits_fit(v) for v in per):
            return True
    return False


def _vector(rows: list[tuple[str, str, str, int]]) -> tuple[int, ...]:
    """§5's priorities as a key where larger is better."""
    sectors = [r[0] for r in rows]
    spread = max(sectors.count(s) for s in sectors)
    return (len(set(sectors)), len({r[1] for r in rows}), -spread, sum(r[3] for r in rows))


def _random_cohort(rng: random.Random) -> tuple[dict[str, str], list, list[bool], int]:
    n = rng.randint(5, 7)
    props = [
        (rng.choice("XYZ"), rng.choice("ab"), rng.choice(TOWNS), rng.randint(0, 2))
        for _ in range(n)
    ]
    lines = ["id,institution,sector,problem_type,town,priority"]
    lines += [f"P{i},Inst {i},{s},{t},{town},{prio}" for i, (s, t, town, prio) in enumerate(props)]
    supervisors = ["id,name,unavailable,max_teams"]
    usable = []
    for s in range(rng.choice([2, 2, 2, 3])):
        away = rng.choice(["", "", "", "", "", "", "", "oral_thu", "visit", "oral_thu;oral_fri"])
        supervisors.append(f"A{s},Sup {s},{away},2")
        usable.append(away not in ("visit", "oral_thu;oral_fri"))
    count = 3
    files = {
        "commissions.csv": "\n".join(lines) + "\n",
        "supervisors.csv": "\n".join(supervisors) + "\n",
        "settings.toml": TIGHT_MORNING.replace("count = 2", f"count = {count}"),
    }
    return files, props, usable, 2


@pytest.mark.parametrize("seed", range(40))
def test_selection_equals_the_best_plannable_selection_enumerated(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    files, props, usable, capacity = _random_cohort(rng)
    instance = load_instance(write_cohort(tmp_path / "c", files))
    result = select_commissions(instance, SolveParams(time_limit=20))
    chosen = tuple(i for i, row in enumerate(result.rows) if row.selected)
    subsets = list(itertools.combinations(range(len(props)), 3))
    plannable = [c for c in subsets if _plannable([props[i][2] for i in c], usable, capacity)]
    # No selection with a plan: the best selection stays (stage 3 says why).
    pool = plannable or subsets
    best = max(_vector([props[i] for i in c]) for c in pool)
    assert _vector([props[i] for i in chosen]) == best
    assert (chosen in plannable) == bool(plannable)


@pytest.mark.parametrize("seed", range(12))
def test_plan_exists_quick_try_and_presolved_solve_agree_with_enumeration(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every 3-team set of a random cohort: the quick try (no presolve, QUICK_WORK units,
    # then the solve with presolve if it decides nothing) and the solve with presolve alone
    # both say what the enumeration says (``_plannable``).
    rng = random.Random(seed)
    files, props, usable, capacity = _random_cohort(rng)
    instance = load_instance(write_cohort(tmp_path / "c", files))
    ids = [c.id for c in instance.commissions]
    params = SolveParams(time_limit=20)
    for subset in itertools.combinations(range(len(props)), 3):
        plan, _ = build_plan_data(instance, [ids[i] for i in subset], instance.supervisors or ())
        expected = _plannable([props[i][2] for i in subset], usable, capacity)
        assert plan_exists(plan, params, 2.0, quick=True) is expected, subset
        assert plan_exists(plan, params, 2.0, quick=False) is expected, subset


def test_a_plannable_selection_is_decided_by_the_quick_try_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # P1 + P3 in Namur fit Anne's morning: one solve, without presolve, within QUICK_WORK
    # units, decides it (the solve with presolve is not made).
    instance = load_instance(_cohort(tmp_path, "id,name\nA,Anne\n"))
    plan, _ = build_plan_data(instance, ["P1", "P3"], instance.supervisors or ())
    made: list[tuple[object, float]] = []
    real = make_solver

    def spy(params: SolveParams, time_limit: float, work: float | None = None) -> object:
        made.append((params.cp_sat_parameters.get("cp_model_presolve"), work or 0.0))
        return real(params, time_limit, work)

    monkeypatch.setattr("models.plan_feasible.make_solver", spy)
    assert plan_exists(plan, SolveParams(time_limit=20), 2.0) is True
    assert made == [(False, plan_feasible.QUICK_WORK)]


def test_whatif_replaces_a_withdrawal_by_a_reserve_a_plan_exists_with(tmp_path: Path) -> None:
    # Anne alone; two visits fit her morning only in one town (as above). P1 and P2 (Namur,
    # priorities 5 + 5) are selected; P3 and P5 (Liège, 4 + 4) rank first among the
    # reserves (they make a selection with a plan together, two sectors, sum 8), then P4
    # (Namur, P1's sector, priority 0: with P2, sum 5). P2 withdraws after teams: P3 or P5
    # beside P1 leaves Anne Namur and Liège on one morning, so P4 replaces it. Before, P3
    # replaced it and the what-if ended at stage 3 with exit 3.
    commissions = (
        "id,institution,sector,problem_type,town,priority\n"
        "P1,CPAS de Namur,s1,x,Namur,5\nP2,Maison Namur,s2,x,Namur,5\n"
        "P3,AMO Liège,s3,x,Liège,4\nP4,Relais Namur,s1,x,Namur,0\n"
        "P5,Espace Liège,s4,x,Liège,4\n"
    )
    students = "id,background,choices\nS1,AS,P1\nS2,AS,P2\nS3,educ,P1\nS4,educ,P2\n"
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": commissions,
            "students.csv": students,
            "supervisors.csv": "id,name\nA,Anne\n",
            "settings.toml": TIGHT_MORNING,
        },
    )
    first, second = tmp_path / "r", tmp_path / "w"
    code, output = invoke(["run", str(cohort), "--out", str(first), "--no-explain"])
    assert code == 0, output
    rows = (first / "selection.csv").read_text(encoding="utf-8-sig").splitlines()
    ranks = {r.split(",")[0]: r.split(",")[6] for r in rows[1:]}
    assert (ranks["P3"], ranks["P5"], ranks["P4"]) == ("1", "2", "3"), rows
    args = ["whatif", str(cohort), "--from", str(first), "--out", str(second)]
    code, output = invoke([*args, "--withdraw-commission", "P2", "--lang", "fr"])
    assert code == 0, output
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert summary["changes"]["replaced"] == {"P2": "P4"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_plan_counts_the_visits_the_towns_allow(tmp_path: Path, lang: str) -> None:
    # Four teams, two in Namur, one in Liège, one in Mons; Anne and Bruno (two teams each):
    # a 180-minute morning holds two 80-minute visits only 15 minutes apart (one town), so
    # one of them can make two visits (the Namur pair), the other one: 3 for 4 teams. The
    # diagnosis said "at most 4 together: 2 each", which adds up to no conflict; it now
    # counts one each and the one close pair.
    commissions = (
        "id,institution,sector,problem_type,town\n"
        "P1,CPAS de Namur,s1,x,Namur\nP2,AMO Liège,s2,x,Liège\nP3,Relais Mons,s3,x,Mons\n"
        "P4,Maison Namur,s4,x,Namur\n"
    )
    students = "id,background\n" + "".join(f"S{i},AS\n" for i in range(8))
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": commissions,
            "students.csv": students,
            "supervisors.csv": "id,name,max_teams\nA,Anne,2\nB,Bruno,2\n",
            "settings.toml": TIGHT_MORNING.replace("count = 2", "count = 4"),
        },
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "o"), "--lang", lang])
    assert code == 3, output
    said = {
        "en": "can make at most 3 together: one each, and a second only beside a team of the "
        "same town",
        "fr": "peuvent en faire au plus 3 ensemble : une chacun·e, et une deuxième seulement "
        "auprès d'une équipe de la même localité",
    }[lang]
    assert said in output.replace("\n", " "), output
    assert ": 1\n" in output, output  # its last clause (the warnings follow)


def test_a_short_morning_selects_enough_teams_in_one_town(tmp_path: Path) -> None:
    # The demo with its seven supervisors and a 09:00-12:00 visit morning of 80-minute
    # visits: each supervisor visits one institution, or two of one town, so the ten teams
    # need three pairs of one town. The cuts alone tried ten selections (then 200) without
    # finding one, and `run` ended at stage 3 with exit 3; the selection now keeps that
    # necessary condition (SelectionData.close_pairs) and finds a plannable one.
    import shutil

    cohort = tmp_path / "demo"
    shutil.copytree(Path(__file__).parent.parent / "instances" / "demo", cohort)
    settings = (cohort / "settings.toml").read_text(encoding="utf-8")
    settings = settings.replace(
        'visit_slot = "visit-2026-11-19"',
        'visit_slot = "visit-2026-11-19"\nvisit_window = ["09:00", "12:00"]\nvisit_minutes = 80',
    )
    (cohort / "settings.toml").write_text(settings, encoding="utf-8")
    out = tmp_path / "out"
    assert invoke(["validate", str(cohort), "--quiet"])[0] == 0  # the towns offer the pairs
    code, output = invoke(["run", str(cohort), "--out", str(out), "--no-explain", "--quiet"])
    assert code == 0, output
    assert invoke(["check", str(cohort), "--result", str(out), "--quiet"])[0] == 0
    rows = (out / "schedule.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    towns = [r.split(",")[3] for r in rows if r.startswith("visit,")]
    assert sum(towns.count(t) // 2 for t in set(towns)) >= 3, towns
    # Each reserve's reason is its best selection with a plan: none "could improve the
    # selection (the time limit stopped the search)", which a swap without a plan, better
    # than the proven selection, made the reasons say (director try, session 15).
    reasons = (out / "selection.csv").read_text(encoding="utf-8-sig")
    assert "could improve" not in reasons and "reserve 1:" in reasons, reasons


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_validate_says_the_towns_offer_too_few_pairs(tmp_path: Path, lang: str) -> None:
    # Three teams in three towns, Anne and Bruno free on the short morning: one visit each,
    # two only in one town, so the third team needs a pair of one town, and the eligible
    # proposals offer none, whatever the selection. `validate` said the input was valid
    # where `run` answers 3 at stage 3.
    commissions = (
        "id,institution,sector,problem_type,town\n"
        "P1,CPAS de Namur,s1,x,Namur\nP2,AMO Liège,s2,x,Liège\nP3,Relais Mons,s3,x,Mons\n"
    )
    cohort = write_cohort(
        tmp_path / "c",
        {
            "commissions.csv": commissions,
            "students.csv": "id,background\n" + "".join(f"S{i},AS\n" for i in range(6)),
            "supervisors.csv": "id,name,max_teams\nA,Anne,2\nB,Bruno,2\n",
            "settings.toml": TIGHT_MORNING.replace("count = 2", "count = 3"),
        },
    )
    code, output = invoke(["validate", str(cohort), "--lang", lang])
    assert code == 3, output
    said = {
        "en": "pairs of teams of one town the supervisors free that morning need: 1; the most "
        "the eligible proposals offer (two institutions of one town make a pair): 0",
        "fr": "paires d'équipes d'une même localité nécessaires aux accompagnateur·rice·s "
        "libres ce matin-là : 1 ; au plus ce qu'en offrent les commandes éligibles (deux "
        "institutions d'une même localité forment une paire) : 0",
    }[lang]
    assert said in output.replace("\n", " "), output
    assert invoke(["run", str(cohort), "--out", str(tmp_path / "o")])[0] == 3


@pytest.mark.parametrize("seed", range(12))
def test_whatif_replacement_equals_the_first_plannable_reserve_enumerated(
    tmp_path: Path, seed: int
) -> None:
    # Brute-force twin of `whatif --withdraw-commission` with supervisors.csv: the reserve
    # taking the withdrawn team's place is the best ranked one (selection.csv's
    # reserve_rank; every institution distinct, no employer, so every reserve fits the
    # team) with which a plan exists, the plan enumerated as above; none when no reserve
    # leaves one.
    rng = random.Random(1000 + seed)
    files, props, usable, capacity = _random_cohort(rng)
    files["students.csv"] = "id,background\n" + "".join(f"S{i},AS\n" for i in range(6))
    cohort = write_cohort(tmp_path / "c", files)
    first = tmp_path / "r"
    code, output = invoke(["run", str(cohort), "--out", str(first), "--no-explain"])
    if code != 0:  # no selection has a plan: nothing to withdraw from
        assert code == 3, output
        return
    text = (first / "selection.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    selected = [int(r["id"][1:]) for r in rows if r["selected"] == "yes"]
    reserves = sorted((int(r["reserve_rank"]), int(r["id"][1:])) for r in rows if r["reserve_rank"])
    withdrawn = selected[0]
    kept = selected[1:]
    expected = next(
        (
            f"P{p}"
            for _, p in reserves
            if _plannable([props[i][2] for i in (*kept, p)], usable, capacity)
        ),
        None,
    )
    second = tmp_path / "w"
    args = ["whatif", str(cohort), "--from", str(first), "--out", str(second)]
    code, output = invoke([*args, "--withdraw-commission", f"P{withdrawn}", "--no-explain"])
    assert code == 0, output
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    replaced = summary["changes"]["replaced"]
    assert replaced == ({f"P{withdrawn}": expected} if expected else {}), (rows, output)
