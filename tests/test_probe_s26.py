"""Acceptance probe, session 26: what the probes found, each a test that failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from csvrows import read_rows, team_of, write_rows

from matcher.cli import main


@pytest.mark.parametrize(
    ("lang", "card", "bar"),
    [
        (
            "fr",
            "2 membres · 6 années d&#x27;expérience (dont 1 membre à l&#x27;expérience inconnue,"
            " compté à la moyenne de la cohorte, 4 ans)",
            "C1 : 6",
        ),
        (
            "en",
            "2 members · 6 years of experience (including 1 member whose experience is unknown,"
            " counted at the cohort&#x27;s mean of 4 years)",
            "C1: 6",
        ),
    ],
)
def test_a_team_card_counts_an_unknown_experience_as_the_chart_does(
    tmp_path: Path, lang: str, card: str, bar: str
) -> None:
    """S3's experience is blank. The experience priority and the report's chart count it as
    the mean of the known ones, (2 + 4 + 6) / 3 = 4, so C1 (S1 and S3, both pinned there)
    has 2 + 4 = 6 years in the chart; its card said 2 ("16" against "19,2" in the probe).
    It now says the chart's total and why."""
    cohort = tmp_path / "c"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,q\n"
    )
    (cohort / "students.csv").write_text(
        "id,background,experience_years,pinned\nS1,AS,2,C1\nS2,AS,4,C2\nS3,AS,,C1\nS4,AS,6,C2\n"
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 2\n")
    args = ["run", str(cohort), "--out", str(tmp_path / "r"), "--lang", lang, "--quiet"]
    ran = CliRunner().invoke(main, args)
    assert ran.exit_code == 0, ran.output
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert card in report
    assert f"<title>{bar}</title>" in report
    # C2's card knows every member's experience: 4 + 6, nothing more said.
    assert re.search(r"2 (membres|members) · 10 (années|years) [^<(]*</div>", report)


def _group_cohort(tmp_path: Path, employer_of_s3: str) -> Path:
    """Three proposals for three teams (one selection only); S1, S2 and S3 together, S1
    working for A and S2 for B, S3 for ``employer_of_s3``."""
    cohort = tmp_path / f"g-{employer_of_s3 or 'none'}"
    cohort.mkdir()
    (cohort / "commissions.csv").write_text(
        "id,institution,sector,problem_type\nC1,A,s,p\nC2,B,t,q\nC3,C,u,r\n"
    )
    students = "id,background,employer\nS1,AS,A\nS2,AS,B\n" + f"S3,AS,{employer_of_s3}\n"
    students += "".join(f"S{i},ED,\n" for i in range(4, 10))
    (cohort / "students.csv").write_text(students)
    (cohort / "pairs.csv").write_text(
        "student_a,student_b,relation\nS1,S2,together\nS2,S3,together\n"
    )
    (cohort / "settings.toml").write_text("[selection]\ncount = 3\n")
    return cohort


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "fr",
            "groupe à réunir S1, S2 et S3 : chaque commande retenue est l'employeur de l'un d'eux",
        ),
        (
            "en",
            "together-group S1, S2 and S3: every selected commission is the employer of one of"
            " them",
        ),
    ],
)
def test_validate_says_a_together_group_every_possible_commission_employs(
    tmp_path: Path, lang: str, said: str
) -> None:
    """Three proposals and count = 3: every selection holds C1, C2 and C3, and each is the
    employer of one of S1, S2, S3, who must be together: no team can take them. `run`
    answered 3 with this sentence; `validate` said "input is valid" (probe s26). The twin
    where S3 works nowhere is valid: C3 takes the group."""
    ran = CliRunner().invoke(main, ["validate", str(_group_cohort(tmp_path, "C")), "--lang", lang])
    assert ran.exit_code == 3, ran.output
    assert said in ran.stderr
    twin = CliRunner().invoke(main, ["validate", str(_group_cohort(tmp_path, "")), "--lang", lang])
    assert twin.exit_code == 0, twin.output
    assert said not in twin.output


DEMO = Path(__file__).resolve().parents[1] / "instances" / "demo"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_cannot_force_in_a_proposal_that_cannot_be_selected(
    tmp_path: Path, lang: str
) -> None:
    """The demo's C03 is not available on the presentation evening. Its row's status was
    empty and its "always" button enabled: pressing it said "settings changed: run again",
    and only the run failed (probe s26). The row now says it is not eligible and the button
    is disabled, saying why; C01 (eligible) keeps its button."""
    from html import unescape

    from matcher.labels import label
    from matcher.web import create_app

    app = create_app(DEMO, tmp_path / "out", lang, explain=False)
    client = app.test_client()
    assert client.post("/run").status_code == 200
    bench = app.extensions["workbench"]
    bench.worker.join(timeout=300)
    html = unescape(client.get("/").get_data(as_text=True))
    row = re.search(r'<tr class="[^"]*" data-commission="C03">.*?</tr>', html, re.S)
    assert row is not None
    assert f"<td>{label('web_not_eligible', lang)}</td>" in row.group(0)
    button = re.search(r'<button data-action="include"[^>]*>', row.group(0))
    assert button is not None and " disabled title=" in button.group(0)
    assert label("web_force_include_ineligible", lang, id="C03") in button.group(0)
    assert ("presentation" in button.group(0)) or ("présentation" in button.group(0))
    eligible = re.search(r'data-commission="C01">.*?</tr>', html, re.S)
    assert eligible is not None
    include = re.search(r'<button data-action="include"[^>]*>', eligible.group(0))
    assert include is not None and " disabled" not in include.group(0)


def _tab(bench: object) -> dict[str, str]:
    return {"X-Matcher-Board": str(bench.revision), "X-Matcher-Tab": "t"}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def demo_saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`matcher run` of the demo, then S011 moved by hand in teams.csv to another team."""
    out = tmp_path_factory.mktemp("s26") / "out"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output
    rows = read_rows(out / "teams.csv")
    teams = sorted({r["commission_id"] for r in rows})
    for row in rows:
        if row["student_id"] == "S011":
            row["commission_id"] = next(t for t in teams if t != row["commission_id"])
    write_rows(out / "teams.csv", rows)
    return out


def test_uploaded_teams_beside_the_cohort_are_the_board(demo_saved: Path, tmp_path: Path) -> None:
    """teams.csv and selection.csv uploaded with the cohort's files were taken and ignored
    without a word (probe s26). They are now the board, checked as `matcher check` checks
    them: S011 where the edited file puts them, the size rule it breaks listed."""
    import io

    from matcher.web import create_app

    app = create_app(None, tmp_path / "web-out", "en", explain=False)
    client = app.test_client()
    names = ["commissions.csv", "students.csv", "settings.toml"]
    files = [(io.BytesIO((DEMO / n).read_bytes()), n) for n in names]
    files += [
        (io.BytesIO((demo_saved / n).read_bytes()), n) for n in ("teams.csv", "selection.csv")
    ]
    answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 200
    bench = app.extensions["workbench"]
    assert bench.assignment == team_of(demo_saved)
    html = answer.get_data(as_text=True)
    assert "The result uploaded with the cohort" in html
    assert "students" in re.search(r'data-role="broken-rules".*?</div>', html, re.S).group(0)


def test_a_result_of_another_cohort_is_refused_and_the_board_kept(
    demo_saved: Path, tmp_path: Path
) -> None:
    """The --out of another cohort: its teams name students this cohort does not have. The
    problems are listed (file, row, column) and the board shown stays as it was."""
    from matcher.web import create_app

    other = tmp_path / "other"
    other.mkdir()
    (other / "teams.csv").write_text("student_id,commission_id\nX1,C01\n", encoding="utf-8")
    (other / "selection.csv").write_bytes((demo_saved / "selection.csv").read_bytes())
    app = create_app(DEMO, other, "fr", explain=False)
    client = app.test_client()
    bench = app.extensions["workbench"]
    # Not offered since probe s38c (none of its students is this cohort's), said so; the
    # route itself still refuses it.
    shown = client.get("/").get_data(as_text=True)
    assert 'data-action="open-result"' not in shown
    assert "le résultat d&#39;une autre cohorte" in shown or "le résultat d'une autre" in shown
    answer = client.post("/open/result", headers=_tab(bench))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and bench.outcome is None
    assert "n&#39;a pas été repris" in html or "n'a pas été repris" in html
    assert "X1" in html and "teams.csv" in html


def test_a_cohort_without_students_is_the_selection_alone(tmp_path: Path) -> None:
    """Spring: the proposals are in, the students not yet. The page refused the cohort
    ("students.csv absent: this operation needs it", no Run button; probe s26). It now
    opens it, says a run is the selection alone, chooses the commissions as `matcher
    select` does (the same selection.csv), and saves select's outputs, which `matcher check`
    accepts without students.csv."""
    import shutil

    from matcher.web import create_app

    spring = tmp_path / "spring"
    spring.mkdir()
    for name in ("commissions.csv", "settings.toml"):
        shutil.copy(DEMO / name, spring / name)
    out = tmp_path / "out"
    app = create_app(spring, out, "en", explain=True)
    client = app.test_client()
    bench = app.extensions["workbench"]
    html = client.get("/").get_data(as_text=True)
    assert 'data-role="no-students"' in html and "Choose the commissions" in html
    assert client.post("/run").status_code == 200
    bench.worker.join(timeout=300)
    assert bench.solve_error == "" and bench.outcome.teams is None
    html = client.get("/").get_data(as_text=True)
    assert html.count("data-commission=") == 25 and 'data-action="save"' in html
    saved = client.post("/save", headers=_tab(bench))
    assert saved.status_code == 200 and 'data-role="saved"' in saved.get_data(as_text=True)
    assert not (out / "teams.csv").exists()
    cli = tmp_path / "cli"
    ran = CliRunner().invoke(main, ["select", str(spring), "--out", str(cli), "--quiet"])
    assert ran.exit_code == 0, ran.output
    assert (out / "selection.csv").read_bytes() == (cli / "selection.csv").read_bytes()
    checked = CliRunner().invoke(main, ["check", str(spring), "--result", str(out)])
    assert checked.exit_code == 0, checked.output


def test_workbook_cells_decode_the_escapes_excel_writes() -> None:
    """A workbook's XML stores a carriage return as ``_x000D_`` and ESC as ``_x001B_``;
    Excel and LibreOffice read them back as the characters. matcher kept them as text: a
    choices cell on Windows line endings read « 102_x000D_ » (exit 2 for every choice), and
    an ESC reached the outputs as « _x001b_[31m » without the control-character warning
    (probe s26). ``_x005F_`` is an underscore: ``_x005F_x000D_`` is the text ``_x000D_``."""
    from matcher.loading.workbooks import workbook_cell_text

    assert workbook_cell_text("102_x000D_\n113") == "102\r\n113"
    assert workbook_cell_text("_x001B_[31mRouge") == "\x1b[31mRouge"
    assert workbook_cell_text("_x005F_x000D_") == "_x000D_"
    assert workbook_cell_text("a_x00zz_b") == "a_x00zz_b"


def test_a_workbook_choices_cell_on_windows_line_endings_reads_as_its_csv_twin(
    tmp_path: Path,
) -> None:
    """The same cohort as a workbook whose choices cell holds one choice per line with
    Windows line endings (stored ``_x000D_``) and an ESC in a name: validated as the CSV
    folder is (exit 0), the ESC dropped with a warning naming the cell."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "commissions"
    sheet.append(["id", "institution", "sector", "problem_type"])
    sheet.append(["C1", "A", "s", "p"])
    sheet.append(["C2", "B", "t", "q"])
    students = book.create_sheet("students")
    students.append(["id", "name", "background", "choices"])
    students.append(["S1", "_x001B_[31mRouge", "AS", "C2_x000D_\nC1"])
    students.append(["S2", "Vert", "AS", "C1_x000D_\nC2"])
    book.create_sheet("settings_notes")
    path = tmp_path / "cohorte.xlsx"
    book.save(path)
    (tmp_path / "cohorte.settings.toml").write_text("[selection]\ncount = 2\n")
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    assert "_x000D_" not in ran.output and "_x001B_" not in ran.output
    assert "caractères de contrôle retirés" in ran.stderr + ran.output
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(path), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    teams = (out / "teams.csv").read_text(encoding="utf-8-sig")
    assert "S1,Rouge,C2" in teams and ",C2;C1" in teams  # the escape sequence dropped whole


@pytest.mark.parametrize(("title", "warned"), [("Paramètres", True), ("notes", False)])
def test_a_settings_sheet_in_the_workbook_is_said_not_read(
    tmp_path: Path, title: str, warned: bool
) -> None:
    """A director puts count = 1 in a « Paramètres » sheet of the cohort's workbook. Settings
    come from cohorte.settings.toml beside it; the sheet was ignored without a word, and
    validate went on with count 2 (probe s26). Its rules are not read still, but a warning
    says so and where they belong; another extra sheet says nothing."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "commissions"
    sheet.append(["id", "institution", "sector", "problem_type"])
    sheet.append(["C1", "A", "s", "p"])
    sheet.append(["C2", "B", "t", "q"])
    students = book.create_sheet("students")
    students.append(["id", "background"])
    students.append(["S1", "AS"])
    students.append(["S2", "AS"])
    extra = book.create_sheet(title)
    extra.append(["count", 1])
    path = tmp_path / "cohorte.xlsx"
    book.save(path)
    (tmp_path / "cohorte.settings.toml").write_text("[selection]\ncount = 2\n")
    ran = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    said = (
        "la feuille « Paramètres » de cohorte.xlsx n'est pas lue : les paramètres d'un classeur"
        " viennent de cohorte.settings.toml à côté de lui"
    )
    assert (said in ran.output + ran.stderr) is warned


def test_a_result_left_missing_by_a_killed_run_is_put_back_by_the_command_reading_it(
    tmp_path: Path, demo_saved: Path
) -> None:
    """A run killed (``kill -9``) between moving the earlier output folder aside and moving
    its new one in leaves ``.matcher-<pid>-old-…/previous`` and no folder. Only a run
    writing beside it put it back; `check --result` said the folder did not exist (probe
    s26, the kill injected with strace). The command reading it now puts it back first."""
    import shutil
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id no longer alive
    holder = tmp_path / f".matcher-{dead.pid}-old-abc"
    holder.mkdir()
    shutil.copytree(demo_saved, holder / "previous")
    (holder / "name").write_text("res", encoding="utf-8")
    result = tmp_path / "res"
    ran = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(result), "--quiet"])
    assert ran.exit_code == 3, ran.output  # S011 moved by hand: the size rule broken
    assert (result / "teams.csv").read_bytes() == (demo_saved / "teams.csv").read_bytes()
    assert not holder.exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["matcher", "--lang", "fr", "run", "x"], "erreur : arrêté ; rien n'a été écrit"),
        (["matcher", "run", "x", "--lang=fr"], "erreur : arrêté ; rien n'a été écrit"),
        (["matcher", "--lang", "en", "run", "x"], "error: terminated; nothing was written"),
    ],
)
def test_a_sigterm_while_starting_speaks_the_command_lines_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """SIGTERM in the first second of `matcher --lang fr run …` said "error: terminated;
    nothing was written" in English (the environment's language), a Ctrl-C at the same
    moment French (probe s26). The start-up handler now reads --lang from the command
    line, as the command will."""
    import signal

    from matcher.cli import early

    monkeypatch.setattr("sys.argv", argv)
    monkeypatch.setenv("MATCHER_LANG", "fr" if "en" in argv else "en")
    early._say_stopped(signal.SIGTERM)
    assert capsys.readouterr().err.strip() == said


@pytest.mark.parametrize(
    ("lang", "looping", "dangling"),
    [
        ("fr", "« w.xlsx » est illisible : un lien qui renvoie à lui-même",
         "« d.xlsx » est illisible : un lien vers nulle-part.xlsx, qui n'existe pas"),
        ("en", "'w.xlsx' cannot be read: a link that leads back to itself",
         "'d.xlsx' cannot be read: a link to nulle-part.xlsx, which does not exist"),
    ],
)  # fmt: skip
def test_an_instance_that_is_a_broken_link_is_said_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, looping: str, dangling: str
) -> None:
    """A workbook instance that is a link to itself, or to nothing, was said not to exist
    (exit 2 all the same); a file of a folder in that state is said unreadable with why,
    as the contract asks (probe s26). The instance now is too."""
    monkeypatch.chdir(tmp_path)
    Path("w.xlsx").symlink_to("w.xlsx")
    Path("d.xlsx").symlink_to("nulle-part.xlsx")
    for name, said in (("w.xlsx", looping), ("d.xlsx", dangling)):
        ran = CliRunner().invoke(main, ["--lang", lang, "validate", name])
        assert ran.exit_code == 2
        assert said in ran.output + ran.stderr


def test_the_teams_of_a_selection_saved_in_spring_are_formed_as_assign_forms_them(
    tmp_path: Path,
) -> None:
    """Spring: the commissions chosen in the page without students, saved. Autumn: the
    whole cohort opened on that folder; its selection reopened; « Former les équipes de
    cette sélection » gives the teams `matcher assign --selection` gives (the same seed and
    limits: the same teams), one per selected commission. Without it the page could only
    select again (the contract's `assign` had no counterpart in the workbench)."""
    import shutil

    from matcher.web import create_app

    spring = tmp_path / "spring"
    spring.mkdir()
    for name in ("commissions.csv", "settings.toml"):
        shutil.copy(DEMO / name, spring / name)
    out = tmp_path / "out"
    app = create_app(spring, out, "fr", explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    client.post("/run")
    bench.worker.join(timeout=300)
    assert client.post("/save", headers=_tab(bench)).status_code == 200

    app = create_app(DEMO, out, "fr", explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    client.get("/")
    opened = client.post("/open/result", headers=_tab(bench)).get_data(as_text=True)
    assert "Former les équipes de cette sélection" in opened
    assert 'data-action="assign"' in client.get("/").get_data(as_text=True)
    assert client.post("/assign", headers=_tab(bench)).status_code == 200
    bench.worker.join(timeout=300)
    assert bench.solve_error == ""
    cli = tmp_path / "cli"
    args = ["assign", str(DEMO), "--selection", str(out / "selection.csv"), "--out", str(cli)]
    ran = CliRunner().invoke(main, [*args, "--quiet", "--no-explain"])
    assert ran.exit_code == 0, ran.output
    assert bench.assignment == team_of(cli)


def test_a_saved_selection_that_breaks_a_rule_says_so_and_forms_no_teams(
    tmp_path: Path, demo_saved: Path
) -> None:
    """The twin of the test above: selection.csv edited by hand to select C03, which is
    not available on the presentation evening. Reopened, the page says the rule it
    breaks; asked for its teams, it answers as `matcher assign` does (exit 3 there), in
    the page's words (not the temporary file the selection was given in), and no board."""
    from html import unescape

    from matcher.web import create_app

    out = tmp_path / "out"
    out.mkdir()
    rows = read_rows(demo_saved / "selection.csv")
    for row in rows:
        row["selected"] = {"C03": "yes", "C01": "no"}.get(row["id"], row["selected"])
    write_rows(out / "selection.csv", rows)
    app = create_app(DEMO, out, "en", explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    client.get("/")
    said = "This selection breaks 1 selection rule: C03 is selected but is not available"
    opened = client.post("/open/result", headers=_tab(bench)).get_data(as_text=True)
    rule = "C03 is selected but is not available: presentation-2026-10-01"
    assert f"The result breaks 1 rule, as matcher check lists it: {rule}" in unescape(opened)
    assert client.post("/assign", headers=_tab(bench)).status_code == 200
    bench.worker.join(timeout=300)
    html = client.get("/").get_data(as_text=True)
    error = re.search(r'data-role="solve-error">(.*?)</p>', html, re.S)
    assert error is not None and said in unescape(error.group(1))
    assert str(tmp_path) not in error.group(1) and "matcher-assign" not in error.group(1)
    assert bench.outcome.teams is None


def _reopened(out: Path, lang: str = "en") -> tuple[object, object, str]:
    """The demo's workbench on ``out``, its saved result reopened: (client, bench, the
    answer's text unescaped)."""
    from html import unescape

    from matcher.web import create_app

    app = create_app(DEMO, out, lang, explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    client.get("/")
    answer = client.post("/open/result", headers=_tab(bench))
    return client, bench, unescape(answer.get_data(as_text=True))


def test_a_reopened_result_says_what_check_says_and_shows_every_student(
    tmp_path: Path, demo_saved: Path
) -> None:
    """Second workbench probe (s26), on results edited by hand:
    - S011 placed in C03, a commission not selected: their card was on no column (58 of
      60 cards), so they could not be dragged back; now in a column of their own, marked;
    - result.xlsx placing S012 elsewhere than teams.csv: `check` warns that teams.csv is
      used, the page said nothing; now said with the opening;
    - the status said "time limit reached" of a result read from a file, and the priorities'
      optimum was blank; now "given" and the solver's values recorded with it."""
    import shutil

    from openpyxl import load_workbook

    out = tmp_path / "out"
    shutil.copytree(demo_saved, out)
    rows = read_rows(out / "teams.csv")
    for row in rows:
        if row["student_id"] == "S011":
            row["commission_id"] = "C03"
    write_rows(out / "teams.csv", rows)
    book = load_workbook(out / "result.xlsx")
    sheet = book["Students"]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == "S012":
            cells[2].value = "C25" if cells[2].value != "C25" else "C24"
    book.save(out / "result.xlsx")
    client, _, opened = _reopened(out)
    assert "S011 is in C03, which is not a selected team" in opened
    assert "teams.csv and result.xlsx give different teams" in opened
    html = client.get("/").get_data(as_text=True)  # type: ignore[attr-defined]
    assert html.count("data-student=") == 60
    assert re.search(r'data-team="C03"', html) and 'data-student="S011"' in html
    status = re.search(r'data-role="status"[^>]*>(.*?)</p>', html, re.S)
    assert status is not None and "given (not optimised here)" in status.group(1)
    summary = __import__("json").loads((demo_saved / "summary.json").read_text())
    recorded = {o["name"]: o["value"] for o in summary["teams"]["objectives"]}
    shown = re.search(r'data-priority="choices" data-value="\d+" data-optimum="(\d+)"', html)
    assert shown is not None and int(shown.group(1)) == recorded["choices"]


def test_always_follows_the_settings_in_force_and_the_offer_stays_after_a_run(
    tmp_path: Path, demo_saved: Path
) -> None:
    """C06 is available on every date of the demo but not on « oral-2027-05-21 ». Once that
    date is required in the settings, its « toujours » button is disabled with the reason,
    though the last run found it eligible (probe s26: enabled, and the next run failed).
    The offer to reopen the saved result, hidden while a run computed the board, is back
    as soon as the board is shown (it came back only on reload)."""
    import shutil

    from matcher.web import create_app

    out = tmp_path / "out"
    shutil.copytree(demo_saved, out)
    app = create_app(DEMO, out, "en", explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    client.post("/run")
    bench.worker.join(timeout=300)
    html = client.get("/").get_data(as_text=True)
    assert 'data-action="open-result"' in html
    required = [*bench.instance.settings.selection.required_slots, "oral-2027-05-21"]
    bench.instance = bench.instance.model_copy(
        update={
            "settings": bench.instance.settings.model_copy(
                update={
                    "selection": bench.instance.settings.selection.model_copy(
                        update={"required_slots": tuple(required)}
                    )
                }
            )
        }
    )
    html = client.get("/").get_data(as_text=True)
    row = re.search(r'data-commission="C06">.*?</tr>', html, re.S)
    assert row is not None
    button = re.search(r'<button data-action="include"[^>]*>', row.group(0))
    assert button is not None and " disabled title=" in button.group(0)


def test_a_spring_selection_uploaded_without_students_is_shown(tmp_path: Path) -> None:
    """commissions.csv, settings.toml and the spring's selection.csv uploaded, no students
    yet: refused for the missing students.csv (probe s26), since selection.csv was taken
    for a file that might be it. It is the selection shown now; the cohort line does not
    name a students.csv that was never uploaded."""
    import io
    import shutil

    from matcher.web import create_app

    spring = tmp_path / "spring"
    spring.mkdir()
    for name in ("commissions.csv", "settings.toml"):
        shutil.copy(DEMO / name, spring / name)
    ran = CliRunner().invoke(main, ["select", str(spring), "--out", str(tmp_path / "sel")])
    assert ran.exit_code == 0, ran.output
    app = create_app(None, tmp_path / "out", "en", explain=False)
    client, bench = app.test_client(), app.extensions["workbench"]
    files = [
        (io.BytesIO((spring / n).read_bytes()), n) for n in ("commissions.csv", "settings.toml")
    ]
    files.append((io.BytesIO((tmp_path / "sel" / "selection.csv").read_bytes()), "selection.csv"))
    html = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    text = html.get_data(as_text=True)
    assert bench.instance is not None and bench.outcome.selection is not None
    assert "The selection uploaded with the cohort" in text
    line = re.search(r'data-role="instance">.*?</p>', text, re.S)
    assert line is not None and "students.csv" not in line.group(0)


def test_a_supervisor_withdrawn_after_a_whatif_keeps_the_teams_solver_values(
    tmp_path: Path,
) -> None:
    """Season probe (s26): after a what-if (S020 withdrawn: the teams' stage records
    ``moves`` then the priorities), withdrawing a supervisor leaves the teams as they are,
    but its summary.json called them "given" (FEASIBLE, no objectives), so a later hand
    edit's report had no solver's values to show its cost. The priorities are carried as
    ``plan`` carries them (``moves``, which counts against the result before, is not)."""
    import json

    supervisor = (DEMO / "supervisors.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    supervisor = supervisor.split(",")[0]
    first, second = tmp_path / "w1", tmp_path / "w2"
    common = ["--no-explain", "--quiet"]
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(tmp_path / "r"), *common])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(tmp_path / "r"), "--out", str(first)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-student", "S020", *common])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(first), "--out", str(second)]
    ran = CliRunner().invoke(main, [*args, "--withdraw-supervisor", supervisor, *common])
    assert ran.exit_code == 0, ran.output
    before = json.loads((first / "summary.json").read_text())["teams"]
    after = json.loads((second / "summary.json").read_text())["teams"]
    assert before["objectives"][0]["name"] == "moves"
    assert not after.get("given") and after["status"] == before["status"]
    assert after["objectives"] == [o for o in before["objectives"] if o["name"] != "moves"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Replaced commissions: C1 → C4, C2 → C5"),
        ("fr", "Commandes remplacées : C1 → C4, C2 → C5"),
    ],
)
def test_two_replacements_are_named_once_on_the_terminal(lang: str, said: str) -> None:
    """Two commissions withdrawn and replaced at once: the terminal said "Replaced
    commissions: K06 → K12 · Replaced commissions: K23 → K10" (probe s26)."""
    from dataclasses import replace

    from test_writers_sample import sample_outcome

    from matcher.outputs.progress import summary_lines

    outcome = sample_outcome(with_changes=True)
    assert outcome.changes is not None
    changes = replace(outcome.changes, replaced={"C1": "C4", "C2": "C5"}, recorded_only=False)
    lines = summary_lines(replace(outcome, changes=changes), lang)
    assert any(said in line for line in lines), lines
    assert sum(line.count(said.split(":")[0].split(" :")[0]) for line in lines) == 1


def test_a_reopened_selection_breaking_a_rule_is_listed_refused_by_whatif_and_saved(
    tmp_path: Path, demo_saved: Path
) -> None:
    """Third workbench probe (s26): selection.csv edited by hand to select C07 beside C04
    (one institution, at most one). `check` lists the rule; the board said "every rule is
    kept", a what-if was accepted (`matcher whatif --from` answers 3), and the saved
    summary.json had no broken rules. Now the board lists it, the what-if is refused with
    it, and a save records it."""
    import json
    import shutil
    from html import unescape

    out = tmp_path / "out"
    shutil.copytree(demo_saved, out)
    (out / "result.xlsx").unlink()
    rows = read_rows(out / "selection.csv")
    for row in rows:
        if row["id"] == "C07":
            row["selected"] = "yes"
    write_rows(out / "selection.csv", rows)
    rule = "2 proposals of AMO Arc-en-ciel (Ottignies) are selected (C04, C07)"
    client, bench, opened = _reopened(out)
    assert rule in opened
    board = unescape(client.get("/").get_data(as_text=True))  # type: ignore[attr-defined]
    listed = re.search(r'data-role="broken-rules".*?</div>', board, re.S)
    assert listed is not None and rule in listed.group(0)
    answer = client.post("/whatif", data={"student": "S020"}, headers=_tab(bench))  # type: ignore[attr-defined]
    assert rule in unescape(answer.get_data(as_text=True))
    assert bench.pending is None  # type: ignore[attr-defined]
    student = "S012"
    team = bench.assignment[student]  # type: ignore[attr-defined]
    other = next(t for t in sorted(set(bench.assignment.values())) if t != team)  # type: ignore[attr-defined]
    client.post("/move", data={"student": student, "team": other}, headers=_tab(bench))  # type: ignore[attr-defined]
    assert client.post("/save", headers=_tab(bench)).status_code == 200  # type: ignore[attr-defined]
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert any(rule in line for line in saved["broken_rules"])


def test_what_check_says_of_a_reopened_result_follows_the_language_switch(
    tmp_path: Path, demo_saved: Path
) -> None:
    """Third workbench probe (s26): after « Reprendre » in English then the switch to
    French, the sentence's frame was French but the rules and warnings stayed English
    (worded once, at the opening). They are worded when shown now."""
    import shutil
    from html import unescape

    out = tmp_path / "out"
    shutil.copytree(demo_saved, out)
    client, bench, opened = _reopened(out, "en")
    assert "The result breaks" in opened and "team C" in opened
    client.post("/lang/fr", headers=_tab(bench))  # type: ignore[attr-defined]
    page = unescape(client.get("/").get_data(as_text=True))  # type: ignore[attr-defined]
    message = re.search(r'data-role="message">(.*?)</p>', page, re.S)
    assert message is not None
    assert "Le résultat enfreint" in message.group(1) and "l'équipe C" in message.group(1)
    assert "team C" not in message.group(1)


def test_the_sentences_said_on_opening_a_result_each_start_with_a_capital() -> None:
    """The warnings of reading a result are worded as `check` prints them on a line of
    their own (« l'instance a supervisors.csv … »); after a full stop in the page they read
    as a sentence cut short (probe s26). A file name keeps its case."""
    from matcher.web.routes.opening import _sentences

    parts = ["Résultat repris.", "l'instance a supervisors.csv", "teams.csv : sur 2 lignes"]
    assert _sentences(parts) == (
        "Résultat repris. L'instance a supervisors.csv. teams.csv : sur 2 lignes."
    )
