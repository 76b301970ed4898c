"""Session 31's probes: what they found, each a test that failed before its fix."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_probe_s27 import _demo_run

from matcher.cli import main
from matcher.loading.cells import parse_number

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"


def _cohort(folder: Path, students: str, commissions: str, settings: str = "") -> Path:
    """A cohort of these rows; every student of background ``as``, every proposal of one
    sector and problem type (the columns they lack)."""
    folder.mkdir(parents=True)
    head, *rows = students.splitlines()
    students = "\n".join([f"{head},background", *(f"{r},as" for r in rows)]) + "\n"
    head, *rows = commissions.splitlines()
    commissions = "\n".join([f"{head},sector,problem_type", *(f"{r},s,p" for r in rows)]) + "\n"
    (folder / "students.csv").write_text(students, encoding="utf-8")
    (folder / "commissions.csv").write_text(commissions, encoding="utf-8")
    if settings:
        (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1 5", None),  # probe s31b: read 15
        ("3 5", None),  # meant as 3,5, read 35 years
        ("1 00", None),
        ("1000 000", None),
        ("1 000", 1000.0),
        ("12 500", 12500.0),
        ("1\u202f000", 1000.0),  # narrow no-break space (French LibreOffice, macOS): was refused
        ("1\u2009000,5", 1000.5),  # thin space: was refused
        ("1\u00a0000", 1000.0),
        ("-1 000", -1000.0),
        (" 7 ", 7.0),
        ("3,5", 3.5),
    ],
)
def test_a_space_inside_a_number_only_sets_thousands_apart(cell: str, value: float | None) -> None:
    """Probe s31b: every space inside a number was deleted (``1 5`` read 15, without a word),
    while the narrow and thin spaces French software writes between thousands were refused."""
    assert parse_number(cell) == value


def test_digits_split_by_a_space_are_refused_saying_why(tmp_path: Path) -> None:
    """Probe s31b: ``1 5`` years of experience ran as 15 years, a priority ``1 0`` as 10."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,experience_years,choices\nS1,Ana,1 5,C1\nS2,Bob,2,C2\n",
        "id,institution,priority\nC1,I1,1 0\nC2,I2,1\n",
        "[selection]\ncount = 2\n",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 2, result.output
    said = result.output
    assert "students.csv, ligne 2, colonne « experience_years » : « 1 5 » n'est pas" in said
    assert "commissions.csv, ligne 2, colonne « priority » : « 1 0 » n'est pas" in said
    assert "ne sépare que les milliers (1 000)" in result.output
    assert not out.exists()
    # 1 000 with a narrow no-break space is a thousand: valid (then too large for years)
    (inst / "commissions.csv").write_text(
        "id,institution,priority,sector,problem_type\nC1,I1,1,s,p\nC2,I2,1,s,p\n"
    )
    (inst / "students.csv").write_text(
        "id,name,experience_years,choices,background\nS1,Ana,1\u202f000,C1,as\nS2,Bob,2,C2,as\n",
        encoding="utf-8",
    )
    checked = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert checked.exit_code == 0, checked.output


def test_ids_differing_by_a_space_are_warned_and_a_reference_names_the_one(
    tmp_path: Path,
) -> None:
    """Probe s31b: ``C 02`` beside ``C02`` had no warning (the README promised one for ids
    differing only by case, accents or spaces); a choice ``C 03`` for the one id ``C03``
    was refused."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,choices\nS1,Ana,C 03;C02\nS2,Bob,C02\nS3,Cid,C 02\nS4,Dan,C03\n",
        "id,institution\nC 02,I1\nC02,I2\nC03,I3\n",
        "[selection]\ncount = 3\n",
    )
    result = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "id 'C02' differs from 'C 02' (row 2) only by case, accents or spaces" in result.output
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig", newline="") as handle:
        rank = {r["student_id"]: r["choice_rank"] for r in csv.DictReader(handle)}
    # S1 wrote C03 first, as ``C 03``: on it, at rank 1; S3's ``C 02`` is that id, not C02
    assert rank["S1"] == "1" and rank["S3"] == "1"


def test_a_team_holding_one_student_is_said_in_the_singular(tmp_path: Path) -> None:
    """Probe s31c: « C2 accueille au plus 1 étudiants et 1 y est imposé » ("holds at most
    1 students")."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,choices,pinned\nS1,Ana,C2;C1,C2\nS2,Bob,C2;C1,\nS3,Cid,C1,\n",
        "id,institution,max_size\nC1,I1,\nC2,I2,1\n",
        "[selection]\ncount = 2\n",
    )
    for lang, said in (
        # The pinned student named since probe s38h (« et 1 y est imposé »).
        ("fr", "C2 accueille au plus 1 étudiant et Ana y est imposé·e"),
        ("en", "C2 holds at most 1 student and Ana is pinned to it"),
    ):
        out = tmp_path / f"out-{lang}"
        ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", lang])
        assert ran.exit_code == 0, ran.output
        with (out / "explanations.csv").open(encoding="utf-8-sig", newline="") as handle:
            reasons = [r["reason"] for r in csv.DictReader(handle) if r["student_id"] == "S2"]
        assert len(reasons) == 1 and said in reasons[0], reasons


def test_an_out_that_is_a_file_is_said_in_the_directors_words(tmp_path: Path) -> None:
    """Probe s31b: in English, ``--out students.csv`` answered in click's own words,
    "Directory 'x/students.csv' is a file.", unlike every other message about a path."""
    inst = tmp_path / "demo"
    shutil.copytree(DEMO, inst)
    target = inst / "students.csv"
    result = CliRunner().invoke(main, ["run", str(inst), "--out", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert f"'{target}' is a file: a folder is expected." in result.output
    assert "Directory" not in result.output


def test_an_employer_written_with_et_is_the_institution_written_with_an_ampersand(
    tmp_path: Path,
) -> None:
    """Probe s31a: an employer « ASBL Handicap et Société » was not the institution « ASBL
    Handicap & Société »: its student, together with one pinned there, was placed on that
    commission (exit 0, no conflict counted). ``&``, ``et`` and ``and`` are one word."""
    inst = _cohort(
        tmp_path / "c",
        "id,name,employer,pinned\nS1,Ana,ASBL Handicap et Société,\nS2,Bob,,C1\n"
        "S3,Cid,,\nS4,Dan,,\n",
        "id,institution\nC1,ASBL Handicap & Société\nC2,Other and Co\n",
        "[selection]\ncount = 2\n",
    )
    (inst / "pairs.csv").write_text("student_a,student_b,relation\nS1,S2,together\n")
    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 3, ran.output
    assert "ASBL Handicap & Société" in ran.output and not out.exists()
    # and the other way round: « Other & Co » is the institution « Other and Co »
    (inst / "pairs.csv").unlink()
    (inst / "students.csv").write_text(
        "id,name,employer,choices,background\nS1,Ana,Other & Co,C2,as\nS2,Bob,,,as\n"
        "S3,Cid,,,as\nS4,Dan,,,as\n",
        encoding="utf-8",
    )
    ran = CliRunner().invoke(main, ["run", str(inst), "--out", str(out), "--lang", "en"])
    assert ran.exit_code == 0, ran.output
    with (out / "teams.csv").open(encoding="utf-8-sig", newline="") as handle:
        team = {r["student_id"]: r["commission_id"] for r in csv.DictReader(handle)}
    assert team["S1"] == "C1"  # off their employer's commission, their only choice


def _refused_whatif(tmp_path: Path) -> tuple[object, object]:
    """A cohort run in the workbench (French), then a what-if it refuses: C1 withdrawn
    without replacement leaves 2 teams of at most 2 for 6 students. (client, workbench)"""
    inst = _cohort(
        tmp_path / "c",
        "id,name\n" + "".join(f"S{i},N{i}\n" for i in range(1, 7)),
        "id,institution,max_size\nC1,I1,2\nC2,I2,2\nC3,I3,2\n",
        "[selection]\ncount = 3\n",
    )
    client, bench = _demo_run(tmp_path / "out", "fr", inst)
    said = client.post("/whatif", data={"commission": "C1", "no_replace": "1"}).get_data(
        as_text=True
    )
    assert "Cette simulation est impossible : aucun résultat ne respecte les règles :" in said
    return client, bench


def test_a_refused_whatif_is_said_as_refused_and_once(tmp_path: Path) -> None:
    """Probe s31a: a what-if refused showed only the rules (« C1 s'est retirée et n'est
    pas remplacée … »), as if it had been done, and the message stayed: after moves, a
    save, a reload, in a new tab. It is said as a refusal, and once: gone from the next page
    shown, and after another request done."""
    client: Any
    client, _ = _refused_whatif(tmp_path)
    first = client.get("/").get_data(as_text=True)
    assert "Cette simulation est impossible" in first  # the page reloaded shows it once
    assert "Cette simulation est impossible" not in client.get("/").get_data(as_text=True)
    client, _ = _refused_whatif(tmp_path / "again")
    web: Any = client
    assert web.post("/move", data={"student": "S1", "team": "C2"}).status_code == 200
    assert "Cette simulation est impossible" not in web.get("/").get_data(as_text=True)


def test_a_refused_whatif_outlives_what_is_no_action_of_the_director(tmp_path: Path) -> None:
    """Probe s31d: the progress the page fetches every 400 ms (explanations computing), the
    settings form's live check and a change of language took the refusal away: gone 56 ms
    after it came. They are no action of the director's: it stays, reworded in English."""
    client: Any
    client, _ = _refused_whatif(tmp_path)
    assert client.get("/progress?board=1&live=1").status_code < 400
    assert client.post("/settings/check", data={"count": "3"}).status_code < 400
    assert client.post("/lang/en").status_code < 400
    shown = client.get("/").get_data(as_text=True)
    assert "This what-if cannot be done: no result keeps the rules:" in shown
    # and back (probe s31g: gone after the second switch, the page shown counted as done)
    assert client.post("/lang/fr").status_code < 400
    shown = client.get("/").get_data(as_text=True)
    assert "Cette simulation est impossible" in shown


def test_a_reserve_taking_at_most_one_student_is_said_in_the_singular() -> None:
    """Probe s31d: « C5 : accepte au plus 1 étudiants, l'équipe en compte 2 »."""
    from matcher.labels import counted, worded

    said = counted("w_refuse_large", 1, id="C5", size=2)
    assert worded(said, "fr") == "C5 : accepte au plus 1 étudiant, l'équipe en compte 2"
    assert worded(said, "en") == "C5: takes at most 1 student, the team has 2"
    assert "1 étudiant," in worded(counted("w_refuse_small", 1, id="C5", size=0), "fr")


@pytest.mark.parametrize("cell", ["1_5", "1_000", "1\u20022"])
def test_no_other_digit_grouping_is_read(cell: str) -> None:
    """Probe s31d: ``1_5`` read 15 (Python's own grouping); an en space between digits is
    refused saying a space only sets thousands apart."""
    from matcher.loading.cells import spaced_digits

    assert parse_number(cell) is None
    assert spaced_digits(cell) == (" " in cell.replace("\u2002", " "))


def test_report_of_a_result_as_it_came_is_explained_and_not_called_edited(
    tmp_path: Path,
) -> None:
    """Probe s31f: ``matcher report`` of the untouched output of ``run`` opened « Règles
    enfreintes », then « Ce résultat a été modifié à la main », every priority « inchangé »,
    and wrote no explanation. Now « Règles vérifiées », every priority at the solver's value,
    and the explanations ``run`` wrote."""
    first, again = tmp_path / "first", tmp_path / "again"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(first), "--lang", "fr"])
    assert ran.exit_code == 0, ran.output
    args = ["report", str(DEMO), "--result", str(first), "--out", str(again), "--lang", "fr"]
    made = CliRunner().invoke(main, args)
    assert made.exit_code == 0, made.output
    page = (again / "report.html").read_text(encoding="utf-8")
    assert "Règles enfreintes" not in page and "modifié à la main" not in page
    assert "Règles vérifiées" in page and "chaque priorité a la valeur atteinte" in page
    assert "Ce que la modification a coûté" not in page and "Chaque priorité à côté" in page
    assert (again / "explanations.csv").read_bytes() == (first / "explanations.csv").read_bytes()


def test_two_different_experience_gaps_are_never_shown_alike() -> None:
    """Probe s31f: « 3,4 | 3,4 | meilleur » for gaps of 1290 and 1310 (38 students)."""
    from matcher.outputs.plain import compared_words

    _, now, before = compared_words("experience", 1290, 1310, 38, "fr")
    assert (now, before) == ("3,39", "3,45")
    assert compared_words("experience", 1290, 1290, 38, "fr")[1:] == ("3,4", "3,4")


def test_utf8_rows_appended_to_a_windows_1252_file_are_read_as_written() -> None:
    """Probe s31e: a supervisors.csv saved by Excel (Windows-1252), a UTF-8 row appended:
    the warning said each part is read as written, yet « Fanny GÃ©rard » reached the
    calendar and the report."""
    from matcher.loading.tables import _decoded

    legacy = "id;name\r\nA5;Élise Fontaine\r\nA7;Hélène Lefèvre\r\n"
    data = legacy.encode("cp1252") + "A6;Fanny Gérard\r\n".encode()
    decoded, warning = _decoded(data, "supervisors.csv")
    assert decoded == legacy + "A6;Fanny Gérard\r\n"
    assert warning is not None  # still said: the file mixes encodings
    # Probe s31g: one cell of UTF-8 inside a line of Windows-1252 (the employer that makes
    # a conflict of interest), and lines ended by CR alone (Excel for Mac).
    line = "A8;Noé;".encode("cp1252") + "Lire et Écrire".encode() + b"\r"
    decoded, _ = _decoded(data + line, "supervisors.csv")
    assert decoded.endswith("A6;Fanny Gérard\r\nA8;Noé;Lire et Écrire\r")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_failure_with_no_rule_named_ends_its_sentence(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Probe s31e: « … augmentez --time-limit : » and nothing after it, when the search for
    a plan ended without naming a rule."""
    from matcher.app.common import SolveFailed
    from matcher.cli.common import guarded
    from matcher.results import StageResult, Status

    @guarded
    def command(**_: object) -> None:
        raise SolveFailed("plan", StageResult(Status.UNKNOWN, 2.8))

    with pytest.raises(SystemExit) as ended:
        command(lang=lang)
    assert ended.value.code == 4
    said = capsys.readouterr().err.strip()
    assert said.endswith("--time-limit."), said


def test_a_students_cell_merged_over_rows_is_refused_naming_it(tmp_path: Path) -> None:
    """Probe s31f: a team cell of the Students sheet merged over two students' rows moved
    the second one, without a word (read as an instance file reads a merged cell, the value
    on each row). Refused: exit 2 naming the sheet, row, column and the merged cells."""
    import openpyxl

    out = tmp_path / "out"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    book = openpyxl.load_workbook(out / "result.xlsx")
    sheet = book["Students"]
    header = [c.value for c in sheet[1]]
    letter = openpyxl.utils.get_column_letter(header.index("commission_id") + 1)
    sheet.merge_cells(f"{letter}3:{letter}4")
    book.save(out / "result.xlsx")
    args = ["check", str(DEMO), "--result", str(out / "result.xlsx"), "--lang", "en"]
    checked = CliRunner().invoke(main, args)
    assert checked.exit_code == 2, checked.output
    assert f"result.xlsx (Students), row 3, column 'commission_id': cells {letter}3:{letter}4" in (
        checked.output
    )
    # merged across a row's columns too (probe s31g: « S001 has no team », the merge unsaid)
    book = openpyxl.load_workbook(out / "result.xlsx")
    book["Students"].unmerge_cells(f"{letter}3:{letter}4")
    book["Students"].merge_cells("B5:" + letter + "5")
    book.save(out / "result.xlsx")
    checked = CliRunner().invoke(main, args)
    assert checked.exit_code == 2 and f"cells B5:{letter}5 are merged" in checked.output


def test_a_time_written_in_the_calendar_dates_is_refused_naming_the_key(tmp_path: Path) -> None:
    """Probe s31e: ``dates = { visite = "26/10/2026 14:00" }`` planned the visits at 9:00,
    the time dropped without a word. A day is expected there: the time is refused, naming
    the key (a date cell's midnight is a day)."""
    inst = tmp_path / "demo"
    shutil.copytree(DEMO, inst)
    settings = inst / "settings.toml"
    written = settings.read_text(encoding="utf-8")
    settings.write_text(written.replace('= "2026-11-19"', '= "19/11/2026 14:00"'), "utf-8")
    checked = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert checked.exit_code == 2, checked.output
    assert "calendar.dates.visit-2026-11-19" in checked.output
    assert "the time 14:00 would not be used" in checked.output
    settings.write_text(written.replace('= "2026-11-19"', '= "19/11/2026 00:00"'), "utf-8")
    checked = CliRunner().invoke(main, ["validate", str(inst), "--lang", "en"])
    assert checked.exit_code == 0, checked.output


def test_every_ampersand_is_et() -> None:
    """Probe s31d: a fullwidth ``＆`` was not read ``et`` as ``&`` is."""
    from matcher.text import category_key, name_words

    assert category_key("Handicap ＆ Société") == category_key("handicap et societe")
    assert name_words("R＆D") == name_words("R and D") == ("r", "d")
    # and as before, without it (probe s31i): « Santé & social » is « Santé social »
    assert category_key("Santé & social") == category_key("Santé social")
    assert category_key("R&D") != category_key("RD")


def test_report_of_an_untouched_whatif_is_not_called_edited(tmp_path: Path) -> None:
    """Probe s31g: a what-if's result (its selection given, no value recorded for it)
    re-rendered untouched read « modifié à la main et respecte toutes les règles »."""
    first, after, again = tmp_path / "first", tmp_path / "after", tmp_path / "again"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(first), "--no-explain"])
    assert ran.exit_code == 0, ran.output
    args = ["whatif", str(DEMO), "--from", str(first), "--out", str(after), "--no-explain"]
    made = CliRunner().invoke(main, [*args, "--withdraw-student", "S010"])
    assert made.exit_code == 0, made.output
    args = ["report", str(DEMO), "--result", str(after), "--out", str(again), "--no-explain"]
    done = CliRunner().invoke(main, [*args, "--lang", "fr"])
    assert done.exit_code == 0, done.output
    page = (again / "report.html").read_text(encoding="utf-8")
    assert "modifié à la main" not in page and "chaque priorité a la valeur atteinte" in page


def test_the_terminal_tells_two_experience_gaps_apart() -> None:
    """Probe s31g: « 0,1 an | 0,1 an » on the terminal for gaps of 0,12 and 0,08 year."""
    from matcher.outputs.progress import priority_lines

    lines = priority_lines([("teams", "experience", 48, 32)], "fr", 40)
    assert "0,12 an" in lines[-1] and "0,08 an" in lines[-1]


def test_report_explains_within_its_own_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe s31g: ``report --time-limit 1`` explained for 31 s (« 57 s left »): its
    options were accepted and dropped, the budget taken from the result's recorded limit."""
    from matcher import app

    first = tmp_path / "first"
    ran = CliRunner().invoke(main, ["run", str(DEMO), "--out", str(first), "--no-explain"])
    assert ran.exit_code == 0, ran.output
    budgets: list[float] = []
    explain = app.explain

    def spied(*args: Any, **kwargs: Any) -> Any:
        budgets.append(kwargs["budget"])
        return explain(*args, **kwargs)

    monkeypatch.setattr(app, "explain", spied)
    args = ["report", str(DEMO), "--result", str(first), "--out", str(tmp_path / "again")]
    done = CliRunner().invoke(main, [*args, "--time-limit", "1", "--quiet"])
    assert done.exit_code == 0, done.output
    assert len(budgets) == 1 and budgets[0] <= 1.0


def test_a_windows_1252_file_is_not_read_as_utf8_by_chance() -> None:
    """Probe s31i: in a file of Windows-1252, ``É`` then a no-break space (« RENÉ DUPONT »)
    is also a character of UTF-8 (``ɠ``), and « lié » with the no-break space before ``»``
    another: read so, they garbled names that session 30's build read right. Only the
    characters such a text never holds by chance (``é`` as ``Ã©``) are read as UTF-8."""
    from matcher.loading.tables import _decoded

    legacy = "id;name\r\n" + "S1;Hélène Lefèvre\r\n" * 5 + "S2;RENÉ\u00a0DUPONT;« lié\u00a0»\r\n"
    decoded, warning = _decoded(legacy.encode("cp1252"), "students.csv")
    assert decoded == legacy and warning is None
