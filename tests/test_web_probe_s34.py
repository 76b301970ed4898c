"""Session 34's findings on the workbench, through Flask's test client: the solver's values
saved beside a board are those of its teams under the team settings applied since the run.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from webrun import solved_workbench


def _two_vae_wanting_c1(folder: Path) -> Path:
    """Two commissions of three; S1 and S2 (the only VAE) want C1 first, S3-S6 want C2 first.
    No attribute balanced: the run puts S1 and S2 together on C1 (their first choice; any
    other team costs them a rank), so the VAE are 2 and 0 where balancing them wants 1 each.
    """
    folder.mkdir()
    (folder / "commissions.csv").write_text(
        "id,institution,sector,problem_type\n"
        "C1,CPAS de Namur,CPAS,évaluation\n"
        "C2,AMO Le Cercle,aide à la jeunesse,diagnostic\n",
        encoding="utf-8",
    )
    rows = ["S1,AS,oui,C1;C2", "S2,AS,oui,C1;C2"]
    rows += [f"S{i},AS,,C2;C1" for i in range(3, 7)]
    (folder / "students.csv").write_text(
        "id,background,vae,choices\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    (folder / "settings.toml").write_text(
        "[selection]\ncount = 2\n[teams]\nbalance = []\npriorities = "
        '["worst_choice", "choices", "experience"]\n[solver]\ntime_limit = 20\n',
        encoding="utf-8",
    )
    return folder


def test_the_solvers_values_saved_are_its_teams_under_the_settings_applied(
    tmp_path: Path,
) -> None:
    """VAE balanced and « balance » put first after the run, the board saved as it is: the
    saved priorities list balance first (the order in force), the board's value and the
    solver's alike (the same teams), and not 0 (probe s33: the solver's values kept were
    those under the settings before: balance missing, the order of the run's)."""
    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    assert bench.assignment["S1"] == bench.assignment["S2"] == "C1"
    order = ["balance", "worst_choice", "choices", "experience"]
    client.post("/settings", data={"balance_vae": "on", "priority": order})
    assert bench.instance is not None
    assert bench.instance.settings.teams.priorities[0] == "balance", "form not applied"
    client.post("/save")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    teams = [row for row in summary["priorities"] if row["stage"] == "teams"]
    assert [row["name"] for row in teams] == ["balance", "worst_choice", "choices", "experience"]
    balance = teams[0]
    assert balance["value"] == balance["solver"] > 0, teams


def test_check_accepts_a_board_saved_under_settings_applied_in_the_page(tmp_path: Path) -> None:
    """Sizes applied in the page, the board re-optimised under them and saved: ``matcher
    check INSTANCE --result DIR`` accepts it as it is (contract §10), the settings saved
    beside it said taken (probe s34d: exit 3 without ``--settings DIR/settings.toml``). A
    command writing into that folder then leaves no stale settings.toml behind."""
    import subprocess
    import sys

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    client.post("/settings", data={"min_size": "2", "max_size": "4"})
    # S6 moved to C1 by hand: 4 and 2, within the sizes applied, not the files' 3 and 3.
    client.post("/move", data={"student": "S6", "team": "C1"})
    assert list(bench.assignment.values()).count("C1") == 4
    client.post("/save")
    out = tmp_path / "out"
    assert (out / "settings.toml").is_file()

    def matcher(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "matcher", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)

    checked = matcher("check", str(cohort), "--result", str(out), "--lang", "fr")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "paramètres : ceux enregistrés avec le résultat" in checked.stderr, checked.stderr
    ran = matcher("run", str(cohort), "--out", str(out), "--quiet", "--no-explain")
    assert ran.returncode == 0, ran.stderr
    # Left there (a file of the folder matcher does not write now is never removed: probe
    # s34g), but not the new result's: its summary.json does not name it.
    checked = matcher("check", str(cohort), "--result", str(out), "--lang", "fr")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ceux enregistrés avec le résultat" not in checked.stderr, checked.stderr


def test_a_settings_file_of_the_directors_own_in_out_is_kept(tmp_path: Path) -> None:
    """Probe s34g: ``run --settings out/settings.toml --out out`` removed its own input."""
    from click.testing import CliRunner

    from matcher.cli import main

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "settings.toml"
    mine.write_text("[selection]\ncount = 2\n[teams]\nbalance = []\n", encoding="utf-8")
    args = ["run", str(cohort), "--out", str(out), "--settings", str(mine), "--quiet"]
    ran = CliRunner().invoke(main, [*args, "--no-explain"])
    assert ran.exit_code == 0, ran.output
    assert mine.read_text(encoding="utf-8").startswith("[selection]")


def test_a_save_while_the_explanations_run_says_so(tmp_path: Path) -> None:
    """Probe s34d: saved while the run's explanations were still being answered, the page
    said « not explained (a result reopened, a what-if accepted …) », none of which held."""
    from matcher.labels import label
    from matcher.web import engine

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    progress = engine.Progress(stage="explanations", board_ready=True)
    answering = threading.Event()
    # As while the run's worker answers the questions, the board shown being the run's.
    bench.progress, bench.worker = progress, threading.Thread(target=answering.wait)
    bench.worker.start()
    try:
        html = client.post("/save").get_data(as_text=True)
    finally:
        answering.set()
        bench.worker.join()
    assert label("web_saved_explaining", "fr") in html.replace("&#39;", "'"), html


def test_a_run_after_the_files_changed_on_disk_says_to_read_them_again(tmp_path: Path) -> None:
    """Probe s34d: students.csv edited on disk while the page was open, « Run » solved the
    cohort as opened, and the result saved failed ``check``. Now the run is not started and
    the page says why; read again, the run goes on."""
    import os

    from matcher.labels import label

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    students = cohort / "students.csv"
    students.write_text(students.read_text(encoding="utf-8") + "S7,AS,,C2;C1\n", "utf-8")
    status = students.stat()
    os.utime(students, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    html = client.post("/run").get_data(as_text=True)
    assert bench.worker is not None and not bench.solving
    assert "Relire les fichiers de la cohorte" in html.replace("&#39;", "'"), html
    assert label("web_files_changed", "fr")[:40] in html.replace("&#39;", "'"), html
    client.post("/open")  # « Relire les fichiers de la cohorte »
    assert bench.instance is not None and len(bench.instance.students) == 7
    client.post("/run")
    assert bench.worker is not None
    bench.worker.join(timeout=300)
    assert bench.outcome is not None and "S7" in bench.outcome.teams.assignment  # type: ignore[union-attr]


def test_save_whatif_plan_and_reoptimise_wait_for_files_changed_on_disk(tmp_path: Path) -> None:
    """Probes s34f, s34h: only Run noticed files changed on disk; Save, a what-if and
    Re-optimise went on with the files as opened, and ``check`` refused what was saved.
    A file touched, or a note added beside the tables, is no change."""
    import os

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, bench = solved_workbench(cohort, tmp_path / "out")
    students = cohort / "students.csv"
    status = students.stat()
    os.utime(students, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))  # touched
    (cohort / "notes du directeur.txt").write_text("à voir\n", encoding="utf-8")
    assert not bench.files_changed()
    students.write_text(students.read_text(encoding="utf-8") + "S7,AS,,C2;C1\n", "utf-8")
    assert bench.files_changed()
    html = client.post("/save").get_data(as_text=True)
    assert 'data-role="files-changed"' in html and not (tmp_path / "out").exists(), html
    html = client.post("/whatif", data={"withdraw_student": "S3"}).get_data(as_text=True)
    assert "Relire les fichiers de la cohorte" in html.replace("&#39;", "'"), html
    assert bench.pending is None
    html = client.post("/reoptimise").get_data(as_text=True)
    assert "Relire les fichiers de la cohorte" in html.replace("&#39;", "'"), html


def test_the_settings_file_given_to_serve_is_watched(tmp_path: Path) -> None:
    """Probe s34h: the --settings file edited on disk was not noticed; the run took it as
    first read."""
    from matcher.web.state import files_signature

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    given = tmp_path / "ext.toml"
    given.write_text("[selection]\ncount = 2\n", encoding="utf-8")
    before = files_signature(cohort, given)
    given.write_text("[selection]\ncount = 1\n", encoding="utf-8")
    assert files_signature(cohort, given) != before


def test_report_and_whatif_carry_the_settings_saved_beside_the_result(tmp_path: Path) -> None:
    """Probes s34f, s34h: ``report`` of a board saved under sizes applied in the page took
    them but wrote no settings.toml, so ``check`` of its folder refused it; ``whatif
    --from`` did not read them and « repaired » the team the page allowed."""
    import subprocess
    import sys

    cohort = _two_vae_wanting_c1(tmp_path / "cohort")
    client, _ = solved_workbench(cohort, tmp_path / "out")
    client.post("/settings", data={"min_size": "2", "max_size": "4"})
    client.post("/move", data={"student": "S6", "team": "C1"})
    client.post("/save")
    out = tmp_path / "out"

    def matcher(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "matcher", *args, "--lang", "fr"]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)

    reported = matcher("report", str(cohort), "--result", str(out), "--out", str(tmp_path / "r"))
    assert reported.returncode == 0, reported.stderr
    assert (tmp_path / "r" / "settings.toml").is_file()
    checked = matcher("check", str(cohort), "--result", str(tmp_path / "r"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    args = ["--from", str(out), "--out", str(tmp_path / "w"), "--withdraw-student", "S2"]
    moved = matcher("whatif", str(cohort), *args, "--no-explain")
    assert moved.returncode == 0, moved.stderr
    assert "enfreint" not in moved.stderr, moved.stderr  # the team of 4 is within 2–4
    assert (tmp_path / "w" / "settings.toml").is_file()
