"""Session 30's probes: what they found, each a test that failed before its fix."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from click.testing import CliRunner
from test_probe_s27 import _tab

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _explained(folder: Path) -> dict[str, list[tuple[str, str, str, str, str]]]:
    """explanations.csv's answers per student: (wanted, verdict, priority, value, value_if)."""
    found: dict[str, list[tuple[str, str, str, str, str]]] = {}
    with (folder / "explanations.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            answer = (row["wanted"], row["verdict"], row["priority"], row["value"], row["value_if"])
            found.setdefault(row["student_id"], []).append(answer)
    return found


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def test_a_saved_whatif_reopened_is_explained_as_its_explanations_csv(tmp_path: Path) -> None:
    """Probe s30c: a what-if's result saved, then reopened in the workbench: its « pourquoi »
    said « ne coûte rien et améliore même la somme des rangs, de 67 à 65 » where the
    result's explanations.csv and ``matcher explain --result`` said « costs, moves, 0 → 2 »
    (the page had dropped the what-if: its moves were no longer the first priority). The
    reopened what-if keeps its moves first, as the files explain it, and saving it again
    keeps its changes.csv."""
    from matcher import app
    from matcher.web import create_app

    first, after = tmp_path / "first", tmp_path / "after"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(first), "--quiet"])
    assert ran.exit_code == 0, ran.output
    gone = next(csv.DictReader((first / "teams.csv").open(encoding="utf-8-sig")))["commission_id"]
    made = CliRunner().invoke(
        main,
        [
            *("whatif", str(DEMO), "--from", str(first), "--out", str(after), "--quiet"),
            *("--withdraw-commission", gone, "--no-replace"),
        ],
    )
    assert made.exit_code == 0, made.output
    changes = (after / "changes.csv").read_bytes()
    assert changes.count(b"\n") > 2  # the what-if moved students: its moves count
    files = _explained(after)
    web = create_app(DEMO, after, "en", explain=False)
    client = web.test_client()
    client.get("/")
    bench = web.extensions["workbench"]
    assert client.post("/open/result", headers=_tab(bench)).status_code == 200
    outcome = bench.outcome
    assert outcome.teams is not None
    for student in sorted(files)[:8]:
        page = app.explain_student(outcome, dict(bench.assignment), student, budget=20.0)
        said = [
            (e.wanted, e.verdict, e.priority or "", _cell(e.value), _cell(e.value_if)) for e in page
        ]
        assert said == files[student], student
    # and as the page words it: the file's own sentence
    student = sorted(files)[0]
    with (after / "explanations.csv").open(encoding="utf-8-sig", newline="") as handle:
        reason = next(r["reason"] for r in csv.DictReader(handle) if r["student_id"] == student)
    why = client.get(f"/explain/{student}", headers=_tab(bench)).get_data(as_text=True)
    assert reason.split(" (")[0].replace("'", "&#39;") in re.sub(r"\s+", " ", why)
    assert client.post("/save", headers=_tab(bench)).status_code == 200
    assert (after / "changes.csv").read_bytes() == changes


def test_settings_refused_name_every_field_at_once(tmp_path: Path) -> None:
    """Probe s30c: count 40 (25 proposals), « vae=peut-être » and a time limit « abc »
    applied together: only « abc » was said (the schema's refusal stopped the checks
    against the files), the other two appeared once it was fixed, although the page says
    each problem is shown beside its field."""
    from test_probe_s28 import _workbench

    client, bench = _workbench(DEMO, tmp_path / "out", "fr", run=False)
    form = {"count": "40", "no_isolation": "vae=peut-être", "time_limit": "abc"}
    answer = client.post("/settings", data=form, headers=_tab(bench)).get_data(as_text=True)
    assert "il faut un nombre" in answer  # abc
    assert "« peut-être » n&#39;est pas une valeur oui/non : il faut oui/non" in answer
    assert "seulement 25 commandes" in answer
    # nothing applied
    assert bench.instance is not None and bench.instance.settings.selection.count == 10


def _run_demo(out: Path) -> None:
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--no-explain", "--quiet"])
    assert ran.exit_code == 0, ran.output


def _rewrite(path: Path, change: dict[str, dict[str, str]], key: str) -> None:
    """``path`` (a CSV file matcher wrote) with the rows whose ``key`` is in ``change``
    updated, as a director would in a spreadsheet."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(change.get(row[key], {}))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_workbook_that_lost_its_students_sheet_is_refused(tmp_path: Path) -> None:
    """Probe s30a: result.xlsx without its Étudiants sheet (deleted, or renamed with its
    commission_id header retyped), no teams.csv beside it, was read as a selection alone:
    ``check`` said every rule holds and ``report`` dropped every team, nothing said. The
    team sheets (and summary.json) say the result has teams: refused, exit 2, saying where
    the teams are read from."""
    import openpyxl

    out = tmp_path / "r"
    _run_demo(out)
    (out / "teams.csv").unlink()
    book = openpyxl.load_workbook(out / "result.xlsx")
    del book[next(name for name in book.sheetnames if name in ("Students", "Étudiants"))]
    book.save(out / "result.xlsx")
    checked = CliRunner().invoke(main, ["check", str(DEMO), "--result", str(out), "--lang", "fr"])
    assert checked.exit_code == 2, checked.output
    assert "aucune feuille Étudiants avec une colonne commission_id" in checked.output
    report = tmp_path / "o"
    made = CliRunner().invoke(
        main, ["report", str(DEMO), "--result", str(out), "--out", str(report)]
    )
    assert made.exit_code == 2 and not report.exists()


def test_a_reserve_is_not_said_barred_by_an_institution_unselected_by_hand(
    tmp_path: Path,
) -> None:
    """Probe s30a: C02 (Agence immobilière sociale de Huy) unselected by hand for C06, its
    students moved there: ``report`` still said of C13, of the same institution, « reserve
    N: institution already selected (Agence immobilière sociale de Huy) »: untrue."""
    out, report = tmp_path / "r", tmp_path / "o"
    _run_demo(out)
    with (out / "selection.csv").open(encoding="utf-8-sig") as handle:
        before = {row["id"]: row for row in csv.DictReader(handle)}
    assert before["C02"]["selected"] == "yes" and "institution already" in before["C13"]["reason"]
    _rewrite(out / "selection.csv", {"C02": {"selected": "no"}, "C06": {"selected": "yes"}}, "id")
    with (out / "teams.csv").open(encoding="utf-8-sig") as handle:
        moved = {r["student_id"] for r in csv.DictReader(handle) if r["commission_id"] == "C02"}
    _rewrite(out / "teams.csv", {s: {"commission_id": "C06"} for s in moved}, "student_id")
    made = CliRunner().invoke(
        main, ["report", str(DEMO), "--result", str(out), "--out", str(report)]
    )
    assert made.exit_code in (0, 3), made.output
    with (report / "selection.csv").open(encoding="utf-8-sig") as handle:
        after = {row["id"]: row for row in csv.DictReader(handle)}
    assert "institution already" not in after["C13"]["reason"]
    assert "its institution is no longer selected" in after["C13"]["reason"]


def test_a_student_on_their_employers_unselected_commission_is_a_conflict(tmp_path: Path) -> None:
    """Probe s30a: S032 (employed by the Agence immobilière sociale de Charleroi) moved by
    hand to C19, that institution's proposal, not selected: only « not a selected team » was
    said, ``conflicts_of_interest`` 0. Both rules are broken."""
    import json

    out, report = tmp_path / "r", tmp_path / "o"
    _run_demo(out)
    _rewrite(out / "teams.csv", {"S032": {"commission_id": "C19"}}, "student_id")
    made = CliRunner().invoke(
        main, ["report", str(DEMO), "--result", str(out), "--out", str(report)]
    )
    assert made.exit_code == 3, made.output
    assert "whose institution is their employer" in made.output
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["teams"]["conflicts_of_interest"] == 1


def test_the_whatif_table_of_supervisors_names_them(tmp_path: Path) -> None:
    """Probe s30c: « C09 | A02 | A01 »: the supervisors who leave and take over a team were
    shown by id alone, where the page names them everywhere else."""
    from webrun import locks_cohort, solved_workbench

    cohort = locks_cohort(tmp_path / "cohort", plan=True)
    client, bench = solved_workbench(cohort, tmp_path / "out", lang="fr")
    assert bench.outcome is not None and bench.outcome.plan is not None
    leaving = bench.outcome.plan.supervision[0][1]
    names = {s.id: s.display_name for s in bench.outcome.plan.supervisors}
    html = client.post("/whatif", data={"supervisor": leaving}).get_data(as_text=True)
    table = re.search(r'data-role="supervisor-changes".*?</table>', html, re.S)
    assert table is not None
    cells = re.findall(r"<td>([^<]*)</td>", table.group(0))
    assert f"{leaving} {names[leaving]}" in cells
    assert any(c.startswith(tuple(names)) and c.split(" ", 1)[1] for c in cells[2::3])


def test_a_withdrawn_commission_says_so_in_the_selection_table(tmp_path: Path) -> None:
    """Probe s30c: after a what-if withdrew C13, its « État » cell was empty (only its
    reason said « retirée »)."""
    from webrun import locks_cohort, solved_workbench

    cohort = locks_cohort(tmp_path / "cohort")
    client, _ = solved_workbench(cohort, tmp_path / "out", lang="fr")
    client.post("/whatif", data={"commission": "C1"})
    client.post("/whatif/accept")
    html = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr class="[^"]*" data-commission="C1">.*?</tr>', html, re.S)
    assert row is not None and "<td>Retirée</td>" in row.group(0)


def test_the_gap_to_the_optimum_reads_as_the_two_values(tmp_path: Path) -> None:
    """Probe s30c: « 24,6 ans / 24,3 ans (+0,4 an) »: the gap was rounded on its own, and a
    better value was written with a hyphen, « (-1) ». The gap is the two values' as shown,
    signed with a plus or a true minus sign."""
    from matcher.outputs.views import objective_gap_text

    # 60 students: the experience measure over 600; 14760 → 24.6 years, 14580 → 24.3.
    assert objective_gap_text("experience", 14760, 14580, 60, "fr") == "+0,3 an"
    assert objective_gap_text("experience", 14580, 14760, 60, "en") == "\u22120.3 years"
    assert objective_gap_text("choices", 80, 81, 60, "fr") == "\u22121"
    assert objective_gap_text("balance", 5, 3, 60, "fr") == "+2"


def test_loading_words_of_probe_s30(tmp_path: Path) -> None:
    """Probes s30a/c/e: the reader of teams.csv takes « Commande » (the tool's own word for
    a commission); a settings file of another name is told how to be named; the students
    none of whose choices was selected are named as every other line names them."""
    from matcher.errors import InputError
    from matcher.explanation import nothing_to_explain
    from matcher.labels import worded
    from matcher.loading.columns import TEAM_COLUMNS
    from matcher.schemas import Student
    from matcher.web import engine

    assert "commande" in TEAM_COLUMNS["commission_id"]
    try:
        engine.load_uploads([("reglages.toml", b"[teams]\n")])
    except InputError as error:
        said = worded(error.problems[0].message, "fr")
    assert said.startswith("les paramètres sont lus dans un fichier nommé settings.toml")
    students = [
        Student(id="S1", name="Ana Diaz", background="AS", choices=("C3",)),
        Student(id="S2", background="AS"),
    ]
    assert "aucun des choix d'Ana Diaz [S1]" in nothing_to_explain(students, {"C1"}, "fr")


def _demo_copy(tmp_path: Path) -> Path:
    import shutil

    cohort = tmp_path / "cohort"
    shutil.copytree(DEMO, cohort)
    return cohort


def test_a_no_isolation_condition_listed_twice_is_refused(tmp_path: Path) -> None:
    """Probe s30b: the same condition 3,000 times (30 KB) ran 23 s past ``--time-limit 5``
    (a constraint per copy), 10,000 times 186 s. Each condition once, as each priority:
    « vae=yes » and « VAE=oui » are one."""
    cohort = _demo_copy(tmp_path)
    with (cohort / "settings.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[teams]\nno_isolation = ["vae=yes", "gender=F", "VAE=oui"]\n')
    result = CliRunner().invoke(main, ["validate", str(cohort), "--lang", "fr"])
    assert result.exit_code == 2, result.output
    # every spelling named (probe s30g: only the first was)
    assert "conditions données plus d'une fois : vae=yes, VAE=oui ; chacune compte une fois" in (
        result.output
    )


def test_a_column_one_slip_away_is_said_unread(tmp_path: Path) -> None:
    """Probe s30b: « employeer » for ``employer``: the conflict-of-interest rule dropped
    without a word (validate 0, run placed a student on their employer's commission)."""
    cohort = _demo_copy(tmp_path)
    path = cohort / "students.csv"
    header, rest = path.read_text(encoding="utf-8-sig").split("\n", 1)
    path.write_text(header.replace("employer", "employeer") + "\n" + rest, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(cohort)])
    assert result.exit_code == 0, result.output
    assert "students.csv: the column 'employeer' is not read: did you mean 'employer'?" in (
        result.output
    )
    clean = CliRunner().invoke(main, ["validate", str(DEMO)])
    assert "is not read: did you mean" not in clean.output
    # two letters swapped in a short name (probe s30g: « vea » dropped the VAE balance)
    path.write_text(header.replace(",vae,", ",vea,") + "\n" + rest, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(cohort)])
    assert "the column 'vea' is not read: did you mean 'vae'?" in result.output


def test_pairs_take_inclusive_headers(tmp_path: Path) -> None:
    """Probe s30g: pairs.csv headed « Étudiant·e A;Étudiant·e B;Lien » was refused as
    missing its columns, while students.csv takes « Employé·e »."""
    cohort = _demo_copy(tmp_path)
    (cohort / "pairs.csv").write_text(
        "Étudiant·e A;Étudiant·e B;Lien\nS001;S002;séparer\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(cohort)])
    assert result.exit_code == 0, result.output


def test_whatif_from_a_workbook_writes_beside_it(tmp_path: Path) -> None:
    """Probe s30b: ``whatif --from docs/result.xlsx --out docs/whatif1`` was refused (« lies
    inside the --from folder ») although the workbook is never modified; ``report --result
    docs/result.xlsx --out docs/rep`` was accepted. The folder itself stays refused."""
    import shutil

    out, docs = tmp_path / "r", tmp_path / "docs"
    _run_demo(out)
    docs.mkdir()
    shutil.copy(out / "result.xlsx", docs / "result.xlsx")
    base = ["whatif", str(DEMO), "--from", str(docs / "result.xlsx"), "--quiet"]
    made = CliRunner().invoke(main, [*base, "--out", str(docs / "w"), "--withdraw-student", "S001"])
    assert made.exit_code == 0, made.output
    assert (docs / "w" / "teams.csv").is_file()
    refused = CliRunner().invoke(main, [*base, "--out", str(docs), "--withdraw-student", "S001"])
    assert refused.exit_code == 2
