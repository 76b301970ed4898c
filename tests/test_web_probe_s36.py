"""Session 36's findings on the workbench, through Flask's test client."""

from __future__ import annotations

import json
from pathlib import Path

from test_web_probe_s34 import _two_vae_wanting_c1
from webrun import solved_workbench


def test_a_result_reopened_moved_and_saved_keeps_the_solvers_values(tmp_path: Path) -> None:
    """Probe s36b: a saved result reopened (« Reprendre le résultat enregistré »), a student
    moved, saved: the page showed the sum of ranks « 9 / 8 (+1) », but summary.json had
    ``"priorities": []`` (the reopened stages, read from files, hold no objectives), so
    ``check`` and ``report`` showed no solver's value, the edit's cost lost (contract §8).
    Saved now with the values ``check`` read beside the board's."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    out = tmp_path / "out"
    client, bench = solved_workbench(cohort, out)
    assert client.post("/save").status_code == 200
    solved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    choices = next(o["value"] for o in solved["teams"]["objectives"] if o["name"] == "choices")
    client.post("/open/result")
    # One of S3-S6 on their first choice C2 moved to their second, C1 (sizes are not kept:
    # a board saved broken still records what its priorities cost).
    moved = next(s for s in ("S3", "S4", "S5", "S6") if bench.assignment[s] == "C2")
    assert client.post("/move", data={"student": moved, "team": "C1"}).status_code == 200
    assert client.post("/save").status_code == 200
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = {(p["stage"], p["name"]): (p["value"], p["solver"]) for p in saved["priorities"]}
    # One rank more in all.
    assert rows["teams", "choices"] == (choices + 1, choices), rows
    assert rows["teams", "worst_choice"][1] is not None
    assert ("selection", "sectors") in rows


def test_rules_of_the_plan_alone_do_not_say_no_run_can_succeed(tmp_path: Path) -> None:
    """Probe s36c: one supervisor taking one team for two teams: the page said on opening
    « Aucun calcul ne peut aboutir avec la cohorte telle quelle », then Run answered
    « Résolu : optimal » with the teams (the workbench forms them without a plan). It now
    says the plan cannot be made, and that the teams can."""
    import html as markup

    from matcher.web.app import create_app

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    (cohort / "supervisors.csv").write_text("id,name,max_teams\nA1,Anne,1\n", encoding="utf-8")
    client = create_app(cohort, tmp_path / "out", "fr", explain=False).test_client()
    page = " ".join(markup.unescape(client.get("/").get_data(as_text=True)).split())
    assert "Aucun calcul ne peut aboutir" not in page
    assert (
        "Le planning des accompagnateur·rice·s et du calendrier ne peut pas aboutir avec la "
        "cohorte telle quelle : 1 règle ne peut pas tenir"
    ) in page
    assert "les équipes peuvent être formées, sans planning" in page


def test_the_whatif_commission_list_names_each_institution(tmp_path: Path) -> None:
    """Probe s36c: « Retirer une commande » listed the ids alone (C1, C2), where the student
    and supervisor lists give names."""
    import html as markup

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, _ = solved_workbench(cohort, tmp_path / "out")
    page = markup.unescape(client.get("/").get_data(as_text=True))
    assert '<option value="C1">C1 CPAS de Namur</option>' in page
    assert '<option value="C2">C2 AMO Le Cercle</option>' in page


def test_settings_applied_is_said_once(tmp_path: Path) -> None:
    """Probe s36c: « Paramètres appliqués. » stayed beside Apply on every page shown after
    (reloads, other tabs, later moves), also in a tab whose own Apply was refused since."""
    import html as markup

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    assert bench.instance is not None
    form = {"count": "2", "time_limit": "20"}
    answer = markup.unescape(client.post("/settings", data=form).get_data(as_text=True))
    assert "Paramètres appliqués." in answer, answer
    page = markup.unescape(client.get("/").get_data(as_text=True))
    assert "Paramètres appliqués." not in page


def test_a_commission_nobody_may_supervise_is_said_as_the_plan_that_cannot_be_made(
    tmp_path: Path,
) -> None:
    """Probe s36g: three proposals for three teams (all selected), every supervisor tied to
    one's institution: the page still said « Aucun calcul ne peut aboutir », then Run's
    teams were « Résolu : optimal »; the plan alone cannot be made."""
    import html as markup

    from matcher.web.app import create_app

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,CPAS de Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,jeunesse,diagnostic\nC3,Maison du Cœur,handicap,étude\n",
        encoding="utf-8",
    )
    rows = "\n".join(f"S{i},AS,C{1 + i % 3}" for i in range(1, 7))
    (cohort / "students.csv").write_text(f"id,background,choices\n{rows}\n", encoding="utf-8")
    (cohort / "settings.toml").write_text("[selection]\ncount = 3\n", encoding="utf-8")
    (cohort / "supervisors.csv").write_text(
        "id,name,max_teams,ties\nA1,Anne,3,Maison du Coeur\nA2,Bob,3,maison du cœur\n",
        encoding="utf-8",
    )
    client = create_app(cohort, tmp_path / "out", "fr", explain=False).test_client()
    page = " ".join(markup.unescape(client.get("/").get_data(as_text=True)).split())
    assert "personne ne peut accompagner C3" in page
    assert "Aucun calcul ne peut aboutir" not in page
    assert "Le planning des accompagnateur·rice·s et du calendrier ne peut pas aboutir" in page


def test_the_run_status_says_no_plan_was_made(tmp_path: Path) -> None:
    """Probe s36i: with supervisors who cannot take every team, Run's status said « Résolu :
    optimal » alone, the plan's failure only in its section further down (not announced)."""
    import html as markup

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    (cohort / "supervisors.csv").write_text("id,name,max_teams\nA1,Anne,1\n", encoding="utf-8")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    assert bench.plan_error
    page = " ".join(markup.unescape(client.get("/").get_data(as_text=True)).split())
    assert "aucun planning des accompagnateur·rice·s et du calendrier (voir cette section)" in page
    assert 'role="alert" data-role="plan-problem"' in page


def test_teams_saved_without_a_plan_say_so_in_the_files(tmp_path: Path) -> None:
    """Probe s36i: teams saved by the workbench without the plan supervisors.csv asks for
    (one supervisor for two teams): summary.json, the report and the workbook said nothing
    of it. A warning says so now, with why."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    (cohort / "supervisors.csv").write_text("id,name,max_teams\nA1,Anne,1\n", encoding="utf-8")
    out = tmp_path / "out"
    client, _ = solved_workbench(cohort, out)
    assert client.post("/save").status_code == 200
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any(
        w.startswith("enregistré sans le planning des accompagnateur·rice·s et du calendrier :")
        for w in summary["warnings"]
    ), summary.get("warnings")
    assert "enregistré sans le planning" in (out / "report.html").read_text(encoding="utf-8")


def test_the_page_lists_the_warnings_validate_lists(tmp_path: Path) -> None:
    """Probe s36i: the page listed 4 warnings where ``matcher validate`` lists 6, the two
    about proposals with no oral slot, which the selection leaves out, missing."""
    import html as markup

    from matcher.web.app import create_app

    cohort = Path(__file__).parent / "data" / "probe-s36i-orals"
    client = create_app(cohort, tmp_path / "out", "fr", explain=False).test_client()
    page = " ".join(markup.unescape(client.get("/").get_data(as_text=True)).split())
    assert "Avertissements (6)" in page
    assert "P03 n'a aucun des créneaux de soutenance" in page


def test_a_move_is_said_in_the_live_region(tmp_path: Path) -> None:
    """Probe s36c: a card moved with the keyboard was announced « the board changed » only:
    neither the team it went to nor the size rule now broken. The move's answer says both
    in the board's message (role status); the page shown again does not repeat it."""
    import html as markup

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    moved = next(s for s in ("S3", "S4", "S5", "S6") if bench.assignment[s] == "C2")
    answer = client.post("/move", data={"student": moved, "team": "C1"}).get_data(as_text=True)
    said = " ".join(markup.unescape(answer).split())
    assert 'id="board-message" role="status"' in said
    assert f"{moved} passe de C2 à C1 : 2 règles enfreintes." in said, said
    page = markup.unescape(client.get("/").get_data(as_text=True))
    assert "passe de C2 à C1" not in page


def test_save_plans_again_under_calendar_settings_applied_after_a_failed_plan(
    tmp_path: Path,
) -> None:
    """Probe s36j: no plan (one supervisor, two visits of 90 minutes in a morning of 120),
    then visits of 30 minutes applied, then Save: saved without a plan, with the settings it
    had failed under, though one exists now. Save plans again first, as after a plan that
    had succeeded."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    (cohort / "supervisors.csv").write_text("id,name,max_teams\nA1,Anne,2\n", encoding="utf-8")
    settings = cohort / "settings.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '[calendar]\nvisit_window = ["09:00", "11:00"]\nvisit_minutes = 90\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    client, bench = solved_workbench(cohort, out)
    assert bench.plan_error
    assert client.post("/settings", data={"visit_minutes": "30"}).status_code == 200
    assert bench.instance is not None and bench.instance.settings.calendar.visit_minutes == 30
    assert client.post("/save").status_code == 200
    assert (out / "supervision.csv").is_file()
    assert "visit_minutes = 30" in (out / "settings.toml").read_text(encoding="utf-8")
