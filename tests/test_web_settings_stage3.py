"""The settings form edits stage 3 too (contract §11 ``[supervision]`` and ``[calendar]``),
with the words settings.toml's refusals have; "Plan again" takes them without a new run.

The cohort: two commissions in two towns, six students, two supervisors; no slots column,
so every oral slot is open to every team.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from matcher import app as api
from matcher.errors import InputError
from matcher.labels import worded
from matcher.web import create_app
from matcher.web.state import Workbench


def _cohort(folder: Path, settings: str = "") -> Path:
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id;institution;secteur;problématique;localité\n"
        "C1;CPAS de Namur;CPAS;évaluation;Namur\n"
        "C2;AMO Le Cercle;aide à la jeunesse;diagnostic;Liège\n",
        encoding="utf-8",
    )
    rows = [f"S{i};AS;C1;C2" for i in range(1, 4)] + [f"S{i};ES;C2;C1" for i in range(4, 7)]
    (folder / "students.csv").write_text(
        "matricule;formation;choix 1;choix 2\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "accompagnateurs.csv").write_text(
        "identifiant;nom;secteurs\nA1;Anne Dupont;CPAS\nA2;Marc Leroy;aide à la jeunesse\n",
        encoding="utf-8",
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[solver]\ntime_limit = 20\n" + settings, encoding="utf-8"
    )
    return folder


def _problem_beside(html: str, field: str) -> str:
    found = re.search(rf'id="problem-{field}"[^>]*>(.*?)</span>', html, re.S)
    assert found is not None, html
    return unescape(found.group(1)).strip()


def _toml_refusal(tmp_path: Path, name: str, settings: str) -> str:
    """What ``matcher`` says (in French) of these settings written in settings.toml."""
    with pytest.raises(InputError) as refused:
        api.load(_cohort(tmp_path / name, settings))
    (problem,) = refused.value.problems
    return worded(problem.message, "fr")


def test_the_form_shows_and_checks_the_stage3_settings(tmp_path: Path) -> None:
    """The form holds every key of [supervision] and [calendar], in French; a window that
    ends before it starts is refused beside its field with settings.toml's own sentence."""
    app = create_app(_cohort(tmp_path / "cohort"), tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    html = client.get("/").get_data(as_text=True)
    for name in (
        "max_teams",
        "plan_priority",
        "visit_slot",
        "visit_window",
        "visit_minutes",
        "oral_slots",
        "oral_window",
        "oral_minutes",
        "travel_minutes",
        "same_town_minutes",
        "dates",
    ):
        assert f'name="{name}"' in html, name
    # A run plans stage 3 too: the button does not say "both stages".
    assert "Lancer : sélection, équipes, accompagnement et calendrier" in html
    assert "Soutenances entre" in html and "Durée d'une visite (minutes)" in unescape(html)
    answer = client.post(
        "/settings/check", data={"oral_window": ["17:00", "09:00"]}
    ).get_data(as_text=True)
    expected = _toml_refusal(tmp_path, "window", '[calendar]\noral_window = ["17:00", "09:00"]\n')
    assert _problem_beside(answer, "oral_window") == expected
    # A date that is no day of the calendar: beside the dates, as settings.toml says it,
    # after the slot whose line it is.
    answer = client.post("/settings/check", data={"dates": "visit = 31/02/2027"}).get_data(
        as_text=True
    )
    expected = _toml_refusal(tmp_path, "dates", '[calendar]\ndates = { visit = "31/02/2027" }\n')
    assert _problem_beside(answer, "dates") == f"visit : {expected}"
    # "Most teams per supervisor" emptied: its default, 0 (as even as possible), as its
    # label says, not "« » is not a whole number".
    answer = client.post("/settings/check", data={"max_teams": ""}).get_data(as_text=True)
    assert _problem_beside(answer, "max_teams") == ""


def test_stage3_settings_applied_then_planned_again(tmp_path: Path) -> None:
    """Applied in the page, the calendar is the one planned: orals of 30 minutes from
    10:00, dated, after "Plan again" without a new run (stage 3 does not change teams)."""
    app = create_app(_cohort(tmp_path / "cohort"), tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None and bench.outcome.plan is not None, bench.plan_error
    html = client.post(
        "/settings",
        data={
            "oral_window": ["10:00", "12:00"],
            "oral_minutes": "30",
            "dates": "oral_thu = 15/04/2027\noral_fri = 16/04/2027",
            "plan_priority_list": "1",
            "plan_priority": ["load", "expertise", "travel"],
        },
    ).get_data(as_text=True)
    assert "Paramètres appliqués" in html, html
    calendar = bench.instance.settings.calendar  # type: ignore[union-attr]
    assert calendar.oral_minutes == 30 and calendar.dates["oral_thu"] == "2027-04-15"
    assert bench.instance.settings.supervision.priorities == ("load", "expertise", "travel")  # type: ignore[union-attr]
    client.post("/plan")
    plan = bench.outcome.plan
    assert plan is not None, bench.plan_error
    orals = [r for r in plan.schedule if r.event == "oral"]
    assert orals and all(r.start >= "10:00" and r.end <= "12:00" for r in orals)
    assert all(r.date in ("2027-04-15", "2027-04-16") for r in orals)
    assert bench.outcome.settings.calendar.oral_minutes == 30


def _warnings(html: str) -> str:
    found = re.search(r"<details><summary>.*?</details>", html, re.S)
    return unescape(found.group(0)) if found else ""


def test_warnings_follow_the_settings_applied(tmp_path: Path) -> None:
    """The cohort dates no slot: opened, the page warns that calendar.ics will omit them.
    The director dates every slot in the page: that warning goes. A date given to a
    misspelt slot (oral_thurs) then warns, as settings.toml's would (before, the warnings
    of the files' settings stayed whatever was applied)."""
    app = create_app(_cohort(tmp_path / "cohort"), tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    undated = "ne donne pas de date aux créneaux"
    assert undated in _warnings(client.get("/").get_data(as_text=True))
    dates = "visit = 19/11/2026\noral_thu = 15/04/2027\noral_fri = 16/04/2027"
    html = client.post("/settings", data={"dates": dates}).get_data(as_text=True)
    assert "Paramètres appliqués" in html and undated not in _warnings(html)
    html = client.post("/settings", data={"dates": dates + "\noral_thurs = 15/04/2027"})
    said = _warnings(html.get_data(as_text=True))
    assert "oral_thurs" in said and undated not in said


def test_the_plans_diagnosis_follows_the_page_language(tmp_path: Path) -> None:
    """C2 can attend no oral slot (its slots column has only the visit): no plan keeps the
    rules, and the page says why. Run in French, the page switched to English says it in
    English (before, the sentences stayed French after "No plan of supervisors…")."""
    folder = _cohort(tmp_path / "cohort")
    (folder / "commissions.csv").write_text(
        "id;institution;secteur;problématique;localité;disponibilités\n"
        'C1;CPAS de Namur;CPAS;évaluation;Namur;"visit;oral_thu"\n'
        "C2;AMO Le Cercle;aide à la jeunesse;diagnostic;Liège;visit\n",
        encoding="utf-8",
    )
    app = create_app(folder, tmp_path / "out", "fr", explain=False)
    client = app.test_client()
    bench: Workbench = app.extensions["workbench"]
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None and bench.outcome.plan is None

    def problem() -> str:
        html = client.get("/").get_data(as_text=True)
        found = re.search(r'data-role="plan-problem"[^>]*>(.*?)</', html, re.S)
        assert found is not None, html
        return unescape(found.group(1))

    assert "C2 (AMO Le Cercle) n'a aucun des créneaux de soutenance" in problem()
    client.post("/lang/en")
    said = problem()
    assert "C2 (AMO Le Cercle) has none of the oral slots" in said, said
    assert "n'a aucun" not in said
