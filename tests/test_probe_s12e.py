"""What a probe of the workbench found in session 12 (e): words a director would misread.

1. After a run that proved nothing (cancelled, or stopped by its time limit: FEASIBLE), the
   priorities panel called the kept value the optimum (« 851 / 851 » with a bound of 658);
   it says « meilleur trouvé 851 (borne 658) », and the saved outputs do not claim a proof
   either.
2. A solve's diagnosis shown in the page gives the page's remedy (« Toujours retenir »),
   not settings.toml's keys (the command line keeps them).

Each case through the page's own routes (Flask's test client), as the browser asks them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from webrun import cancelled_workbench, locks_cohort, solved_workbench

import matcher.web.engine as engine
from matcher.results import ObjectiveResult, RunOutcome, StageResult, Status, TeamResult

DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _priorities(html: str) -> str:
    """The board's priorities panel, as read."""
    return _plain(html.split('class="priorities-now"')[1].split("</div>")[0])


def _line(html: str, name: str) -> str:
    found = re.search(rf'<li data-priority="{name}"[^>]*>(.*?)</li>', html, re.S)
    assert found is not None, name
    return _plain(found.group(1)).strip()


# --- 1. "Optimum" after an unproven run ----------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_cancelled_runs_values_are_best_found_not_optimum(tmp_path: Path, lang: str) -> None:
    """The demo's run cancelled in its team stage (FEASIBLE, e.g. worst choice 3 with bound
    2): each priority's line from the first unproven one reads « 3 / meilleur trouvé 3
    (borne 2) », the panel's heading says so. Before: « 3 / 3 » under « maintenant /
    optimum / écart ». (Since session 13 the start keeps the demo's together pairs and
    the first teams reported may already have the optimal worst choice: the priorities
    before the first unproven one keep the optimum.)"""
    app, bench = cancelled_workbench(DEMO, tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.teams is not None
    stage = bench.outcome.teams.stage
    assert stage.status == Status.FEASIBLE
    client = app.test_client()
    client.post(f"/lang/{lang}")
    html = client.get("/").get_data(as_text=True)
    best_found, bound = ("meilleur trouvé", "borne") if lang == "fr" else ("best found", "bound")
    # A value is proven when it and every priority before it reached their bounds.
    settled = 0
    while settled < len(stage.objectives) and stage.objectives[settled].proven:
        settled += 1
    assert settled < len(stage.objectives), stage.objectives  # cancelled: something unproven
    for objective in stage.objectives[:settled]:
        assert best_found not in _line(html, objective.name)
    for objective in stage.objectives[settled:]:
        line = _line(html, objective.name)
        assert best_found in line and f"({bound} " in line, line
    first = stage.objectives[settled]
    said = _line(html, first.name)
    assert said.endswith(f"/ {best_found} {first.value} ({bound} {first.bound})"), said
    heading = _priorities(html).split(":")[0]
    assert best_found in heading, heading
    # Students moved from the teams kept: the board itself, nothing claimed beyond it.
    assert best_found not in _line(html, "moves")


def test_a_proven_run_still_shows_the_optimum(tmp_path: Path) -> None:
    """A run proven optimal keeps « maintenant / optimum / écart » and « 1 / 1 »."""
    client, bench = solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    assert bench.outcome is not None and bench.outcome.teams is not None
    assert bench.outcome.teams.stage.status == Status.OPTIMAL
    html = client.get("/").get_data(as_text=True)
    assert "meilleur trouvé" not in _priorities(html)
    assert "maintenant / optimum / écart" in _priorities(html)


def _stopped_reoptimise(outcome: RunOutcome, moves: int, bound: int) -> RunOutcome:
    """``outcome`` as a re-optimise stopped by its time limit returns it: its teams
    unchanged, ``moves`` first with ``bound`` (not proven)."""
    teams = outcome.teams
    assert teams is not None
    first = ObjectiveResult("moves", moves, bound, "min")
    stage = StageResult(Status.FEASIBLE, 1.0, (first, *teams.stage.objectives))
    return replace(outcome, teams=TeamResult(stage, teams.commission_ids, teams.assignment))


def test_a_reoptimise_not_proven_does_not_say_fewest_possible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """S6 dragged onto C1 and locked, then re-optimised by a solve stopped by its time limit
    (its moves 1, bound 0): the line says « meilleur trouvé 1 (borne 0) » and no longer «
    le moins possible avec vos verrous ». Before: « 1 / 1 », the fewest possible."""
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort"), tmp_path / "out")
    client.post("/move", data={"student": "S6", "team": "C1"})
    client.post("/pin", data={"student": "S6"})
    real = engine.reoptimise

    def stopped(*args: object) -> RunOutcome:
        result = real(*args)  # type: ignore[arg-type]
        return _stopped_reoptimise(result, 1, 0)

    monkeypatch.setattr(engine, "reoptimise", stopped)
    html = client.post("/reoptimise").get_data(as_text=True)
    line = _line(html, "moves")
    assert "le moins possible" not in line, line
    assert line.endswith("1 / meilleur trouvé 1 (borne 0)"), line


# --- 1b. The saved outputs of an unproven or edited result ------------------------------------


def _report_text(path: Path) -> str:
    return _report_text_of(path.read_text(encoding="utf-8"))


def _workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    return " ".join(c for c in cells if c not in ("None", ""))


def test_a_cancelled_run_saved_says_stopped_not_time_limit(tmp_path: Path) -> None:
    """The demo's run cancelled, then saved: report.html's and result.xlsx's summary say the
    search was stopped, the best found by then. Before: « La limite de temps a été atteinte
    : un bon résultat … », a limit the director never reached (the header said
    « interrompu »)."""
    app, _ = cancelled_workbench(DEMO, tmp_path / "out")
    client = app.test_client()
    client.get("/")
    assert client.post("/save").status_code == 200
    for said in (
        _report_text(tmp_path / "out" / "report.html"),
        _workbook_text(tmp_path / "out" / "result.xlsx"),
    ):
        assert "La recherche a été arrêtée avant sa fin" in said
        assert "limite de temps" not in said


def test_an_edited_board_saved_claims_no_proof_of_its_teams(tmp_path: Path) -> None:
    """A proven run, one student dragged to another team, saved: the teams are the
    director's, given. Before, report.html said « Aucun meilleur résultat n'existe pour ces
    priorités : le solveur l'a prouvé » and « optimalité prouvée », and its technical table
    gave each team priority a bound equal to its value, « Prouvée : oui »; now the proof is
    said of the stages optimised (selection) and the teams have no bound, « donnée »."""
    out = tmp_path / "out"
    client, _ = solved_workbench(locks_cohort(tmp_path / "cohort"), out)
    client.post("/move", data={"student": "S6", "team": "C1"})
    assert client.post("/save").status_code == 200
    said = _report_text(out / "report.html")
    assert "le solveur l'a prouvé" not in said
    assert "optimalité prouvée pour les étapes optimisées ici" in said
    assert "Prouvé le meilleur possible par le solveur : sélection ; repris tel quel" in said
    technical = said.split("Priorités atteintes")[1].split("Indicateurs")[0]
    teams = technical.split(" équipes ")[1]
    assert " oui" not in teams and "donnée (non optimisée ici)" in teams, technical
    book = _workbook_text(out / "result.xlsx")
    assert "le solveur l'a prouvé" not in book and "repris tel quel" in book


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_selection_not_proven_is_not_said_best_possible(tmp_path: Path, lang: str) -> None:
    """A selection stopped before its proof (sectors 8, bound 9): report.html's « Pourquoi
    ces commandes » said « chacune est la meilleure possible » (each the best possible); it
    says the search stopped before proving it, and gives the value found with its bound."""
    from matcher.outputs.report.page import render_report
    from matcher.results import SelectionResult

    _, bench = cancelled_workbench(DEMO, tmp_path / "out")
    outcome = bench.outcome
    assert outcome is not None and outcome.selection is not None
    first, *rest = outcome.selection.stage.objectives
    stopped = StageResult(Status.FEASIBLE, 1.0, (replace(first, bound=first.value + 1), *rest))
    outcome = replace(outcome, selection=SelectionResult(stopped, outcome.selection.rows))
    said = _report_text_of(render_report(outcome, lang))  # type: ignore[arg-type]
    why = said.split("Pourquoi ces commandes" if lang == "fr" else "Why these commissions")[1]
    best = "la meilleure possible compte tenu" if lang == "fr" else "best possible given"
    assert best not in why
    found = "meilleur trouvé ; borne" if lang == "fr" else "best found; bound"
    assert f"{first.value} ({found} {first.value + 1})" in why, why[:400]


def _report_text_of(html: str) -> str:
    return _plain(re.sub(r"<(style|script).*?</\1>", "", html, flags=re.S))


# --- 2. A diagnosis in the page gives the page's remedy ---------------------------------------


def _solve_error(folder: Path, out: Path, lang: str) -> str:
    """The run's error as the page shows it, after a run asked as the page asks it."""
    from matcher.web import create_app

    app = create_app(folder, out, lang, explain=False)
    client = app.test_client()
    client.post("/run")
    bench = app.extensions["workbench"]
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    client.get("/progress")
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'data-role="solve-error">(.*?)</p>', html, re.S)
    assert found is not None, _plain(html)
    return _plain(found.group(1))


@pytest.mark.parametrize(
    ("lang", "page", "cli"),
    [
        ("fr", "mais « Nombre de commandes à retenir » vaut 2", "mais count vaut 2"),
        ("en", "but “Commissions to select” is 2", "but count is 2"),
    ],
)
def test_a_pin_on_a_commission_not_selected_gives_the_pages_remedy(
    tmp_path: Path, lang: str, page: str, cli: str
) -> None:
    """Students pinned to C1, C2 and C3 where two are selected: no selection holds every
    pin (the selection then keeps C1 and C2, of higher priority), no teams. The page said
    « ajoutez C3 à [selection] include et relancez la sélection », settings.toml's words; it
    names its own field, « Toujours retenir ». The command line keeps settings.toml's key.
    (A pin on an excluded proposal is said as excluded since: test_selection_needs.py.)
    Since session 14 (s14j) the remedy is no longer "add C3 to include", which would only
    leave out another pin: three pins need three commissions where two are selected, said
    in the page's words (« Nombre de commandes à retenir ») and the command line's (count)."""
    from click.testing import CliRunner

    from matcher.cli import main

    folder = locks_cohort(tmp_path / "cohort", pins={"S1": "C3", "S2": "C1", "S6": "C2"})
    (folder / "settings.toml").write_text("[selection]\ncount = 2\n", encoding="utf-8")
    said = _solve_error(folder, tmp_path / "out", lang)
    assert page in said and "[selection]" not in said, said
    run = CliRunner().invoke(
        main, ["run", str(folder), "--out", str(tmp_path / "cli"), "--lang", lang]
    )
    assert cli in run.output, run.output


def test_includes_beyond_the_count_are_said_in_the_pages_words(tmp_path: Path) -> None:
    """Three proposals forced in, two to select: the page says « 3 commandes sont dans
    « Toujours retenir » … », not « … sont dans include … »."""
    folder = locks_cohort(tmp_path / "cohort")
    (folder / "settings.toml").write_text(
        '[selection]\ncount = 2\ninclude = ["C1", "C2", "C3"]\n', encoding="utf-8"
    )
    said = _solve_error(folder, tmp_path / "out", "fr")
    assert "3 commandes sont dans « Toujours retenir » (C1, C2 et C3)" in said, said
    assert " include " not in said


def test_the_pages_wordings_keep_the_messages_values() -> None:
    """Every page wording fills the same values as the catalogue's sentence it replaces, in
    both languages (a value dropped or misspelt would go unseen until a director hit it)."""
    from string import Formatter

    from matcher.labels import _LABELS, _PAGE_LABELS

    def fields(pattern: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(pattern) if name}

    for key, (english, french) in _PAGE_LABELS.items():
        assert key in _LABELS, key
        expected = fields(_LABELS[key][0])
        assert fields(english) == expected == fields(french), key
        assert "[selection]" not in english + french and "[teams]" not in english + french


def test_stage_3_warnings_name_the_pages_fields_in_the_page() -> None:
    """The stage-3 sentences that named settings.toml's keys in the page (« [calendar] dates
    ne donne pas de date… », « [supervision] max_teams », « changez [calendar] oral_slots »)
    name the settings form's fields there; the command line keeps the keys."""
    from matcher.labels import counted, text

    missing = counted("sup_dates_missing", 1, slots="oral_thu")
    assert missing.words("fr", page=True).startswith("« Jour de chaque créneau » ne donne pas")
    assert missing.words("fr").startswith("[calendar] dates ne donne pas")
    unmatched = text("sup_date_unmatched", slot="oral", slots="visit", date="1/10/2026")
    assert "[calendar]" not in unmatched.words("en", page=True)
    capacity = text("plan_capacity_setting", name="Anne", count=2, s="s", file="x.csv")
    assert "« Équipes au plus par accompagnateur·rice »" in capacity.words("fr", page=True)
    assert "[supervision] max_teams" in capacity.words("fr")
    oral = text(
        "plan_oral_none", team="C1", institution="AMO", slots="oral_thu", column="Créneaux",
        file="commandes.csv",
    )  # fmt: skip
    assert "changez « Créneaux des soutenances » dans les paramètres" in oral.words(
        "fr", page=True
    )
