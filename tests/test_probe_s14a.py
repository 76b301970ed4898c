"""What a probe of language leaks (contract §7) found in session 14 (a).

Every command (validate, select, assign, run, whatif with each change, check of an edited
result, report, explain, plan, generate, the error paths, every ``--help``) was run on four
hand-written cohorts (English headers with supervisors.csv, pairs, a pin, no_isolation, a
proposal's own sizes and dates; French headers, ``;`` and Windows-1252, dates as slots,
``Choix 1…3``, accompagnateurs.csv; invalid input; infeasible teams, selection and plan) in
``--lang fr``, ``--lang en``, ``MATCHER_LANG=en`` with ``LANG=fr_BE.UTF-8`` and
``LC_ALL=fr_FR.UTF-8`` alone; every text a person reads was collected (terminal, the
report's visible text and its title/alt/aria-label/placeholder attributes, every cell,
sheet name and comment of the workbook, calendar.ics's SUMMARY/DESCRIPTION/LOCATION, the
``reason`` columns) and searched for words of the other language and internal names.

1. A result written in one language and re-rendered in the other (``report``, ``whatif
   --from``, ``check``, ``plan``): the reason of a proposal selected because students are
   pinned to it ("selected (S07 is pinned to it)") and of one left out because it could
   host no team ("left out: it could host no team of this cohort (…)") stayed in the
   language of the run, in selection.csv, the report and the workbook, though the README
   says matcher's own reasons are worded again in the reader's language. Both are read
   back as matcher's sentences now.
2. The same unrecognised reasons broke the selection as edited: a proposal that could host
   no team became "reserve 1" on the next ``report`` (a reserve that can replace no
   withdrawal), and a pinned proposal unselected by hand kept "selected (S07 is pinned to
   it)" as the reason of a reserve. The first is no reserve now, the second "reserve N:
   unselected by hand".
3. The workbook's Schedule sheet (Calendrier) wrote each date as the ISO text
   "2026-10-09", in French too, where the report says « vendredi 9 octobre 2026 »: the
   dates are spreadsheet dates now, shown 09/10/2026 in French.
4. report.html's team cards quoted the commission's title between French quotes « … » in
   English too.
5. ``check`` of an edited schedule (and the settings error of two slots on one day) said
   its days as ISO text ("la visite de C01 est datée du 2026-10-10, mais [calendar] dates
   donne le 2026-10-09"): said as the report says a day now.
6. The fix of 1 first imported matcher.conflicts at the top of matcher.loading.reasons:
   ``matcher explain`` died of a circular import (a traceback) until it moved.

The harness is ``read_texts`` + ``leaks`` and the last test, which runs every command in
the four language modes and finds no word of the other language (the cohort's own words,
file names, options and summary.json's keys aside).
"""

from __future__ import annotations

import csv
import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort
from openpyxl import load_workbook

# --- the harness: every text a person reads in an output folder -------------------------


def _visible_html(page: str) -> str:
    """The text of a page as a person reads it: no style or script, tags gone, and the
    attributes that are read aloud or shown on hover."""
    page = re.sub(r"(?is)<(style|script)[^>]*>.*?</\1>", " ", page)
    attributes = re.findall(r'(?:title|alt|aria-label|placeholder)="([^"]*)"', page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", "\n", page) + "\n" + "\n".join(attributes))


def read_texts(folder: Path) -> dict[str, str]:
    """Everything a person reads in a result folder, by file: report.html's visible text,
    the workbook's sheet names, cells and comments, calendar.ics's SUMMARY, DESCRIPTION and
    LOCATION, and the ``reason`` columns of selection.csv and explanations.csv."""
    texts: dict[str, str] = {}
    if (folder / "report.html").exists():
        texts["report.html"] = _visible_html((folder / "report.html").read_text("utf-8"))
    if (folder / "result.xlsx").exists():
        book = load_workbook(folder / "result.xlsx")
        cells = []
        for sheet in book.worksheets:
            cells.append(sheet.title)
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        cells.append(str(cell.value))
                    if cell.comment is not None:
                        cells.append(cell.comment.text)
        texts["result.xlsx"] = "\n".join(cells)
    if (folder / "calendar.ics").exists():
        lines = (folder / "calendar.ics").read_text("utf-8").splitlines()
        wanted = ("SUMMARY", "DESCRIPTION", "LOCATION")
        texts["calendar.ics"] = "\n".join(
            line for line in lines if line.split(":")[0].split(";")[0] in wanted
        )
    for name in ("selection.csv", "explanations.csv"):
        if (folder / name).exists():
            rows = csv.DictReader((folder / name).read_text("utf-8-sig").splitlines())
            texts[name] = "\n".join(row["reason"] for row in rows)
    return texts


#: Words of matcher's English sentences that French never uses.
ENGLISH = re.compile(
    r"\b(the|selected|reserve|pinned|left out|could host|team sizes|asks for|students?|"
    r"choice|unselected|by hand|and|with|not)\b"
)
#: Words of matcher's French sentences that English never uses.
FRENCH = re.compile(
    r"\b(retenue|réserve|imposée?s?|écartée|accueillir|équipes?|étudiants?|choix|"
    r"retirée|à la main|et|avec|pas)\b"
)


#: summary.json's keys that are one English word, shown as such in the technical details.
SUMMARY_KEYS = {"students", "count", "selection", "teams", "plan"}


def leaks(texts: dict[str, str], lang: str, data: str = "") -> list[str]:
    """Lines of ``texts`` holding a word of the other language, the cohort's own words
    (``data``: its names, titles…, which are kept as written) blanked out first. A line
    that is only a key of summary.json or settings.toml (the report's technical details
    show each beside its name, as the README says) is no sentence."""
    pattern = ENGLISH if lang == "fr" else FRENCH
    found = []
    for name, body in texts.items():
        for line in body.splitlines():
            if line.strip() in SUMMARY_KEYS or re.fullmatch(r"\s*[a-z]+(_[a-z0-9]+)+\s*", line):
                continue
            # File names, options and commands are the contract's words in both languages.
            bare = re.sub(
                r"[\w.-]+\.(csv|toml|json|html|xlsx|ics|md)\b|--[a-z-]+|\[[a-z]+\]", " ", line
            )
            for word in data.split("|"):
                if word:
                    bare = bare.replace(word, " ")
            # French quotes are French too; English quotes in French ('x' is a value).
            quotes = "«»" if lang == "en" else "“”"
            if pattern.search(bare) or any(mark in bare for mark in quotes):
                found.append(f"{name}: {line.strip()}")
    return found


def reasons(folder: Path) -> dict[str, tuple[str, str, str]]:
    """selection.csv: id → (selected, reserve_rank, reason)."""
    rows = csv.DictReader((folder / "selection.csv").read_text("utf-8-sig").splitlines())
    return {row["id"]: (row["selected"], row["reserve_rank"], row["reason"]) for row in rows}


# --- the cohorts ------------------------------------------------------------------------

COMMISSIONS = """\
id,institution,sector,problem_type,title,slots,priority,min_size,max_size,town
C01,CPAS de Namur,CPAS,évaluation,Evaluate home help,visit;oral_thu;oral_fri,2,,,Namur
C02,AMO Le Cercle (Liège),jeunesse,diagnostic,Street work,visit;oral_thu,1,,{c02_max},Liège
C03,Maison médicale Espérance,santé,faisabilité,A shelter,visit;oral_fri,0,,,Namur
C04,cpas de  namur,CPAS,diagnostic,Diagnose the intake,visit;oral_thu,3,,,Namur
C05,Service Handicap Plus,handicap,évaluation,Evaluate respite care,oral_thu,5,,,Mons
C06,Lire et Écrire,alphabétisation,recherche-action,Research,visit;oral_thu;oral_fri,0,,,
"""
STUDENTS = """\
id,name,background,vae,employed,employer,gender,experience_years,choices,pinned
S01,Anne Dupont,assistant social,yes,yes,AMO Le Cercle,F,5,C02;C01;C03,
S02,Bruno Martin,éducateur,no,no,,M,0,C01;C02,
S03,Chloé Leroy,GRH,yes,no,,F,2,C03;C06,{s03_pin}
S04,David Petit,infirmier,no,yes,CPAS de Namur,M,7,C03;C02,
S05,Emma Laurent,assistant social,no,no,,F,1,C05;C01,
S06,Farid Benali,éducateur,yes,no,,M,3,C06;C01;C02,
S07,Gaëlle Simon,assistant social,no,no,,F,0.5,,C01
S08,Hugo Lambert,GRH,no,yes,Lire et Écrire,M,4,C01;C03;C06,
S09,Inès Dubois,infirmier,no,no,,F,0,C02;C06,
S10,Jules Mertens,éducateur,no,no,,M,10,C06;C03,
S11,Karima Haddad,assistant social,yes,no,,F,2,C01,{s11_pin}
S12,Louis Renard,GRH,no,no,,M,1,C02;C03;C01,
"""
SETTINGS = """\
[selection]
count = 3
required_slots = ["visit"]
any_slots = [["oral_thu", "oral_fri"]]

[teams]
no_isolation = ["vae=yes"]
"""
#: The cohort's own words, kept as written whatever the language.
DATA = (
    "CPAS de Namur|AMO Le Cercle (Liège)|Maison médicale Espérance|Lire et Écrire|"
    "Evaluate home help|Street work|A shelter|"
    "Diagnose the intake|Research|Service Handicap Plus"
)


def cohort(folder: Path, *, c02_max: str = "5", s03_pin: str = "", s11_pin: str = "") -> Path:
    """Twelve students, six proposals (three to select, one not eligible, two of one
    institution), a student pinned to C01, no_isolation; variants by the arguments."""
    return write_cohort(
        folder,
        {
            "commissions.csv": COMMISSIONS.format(c02_max=c02_max),
            "students.csv": STUDENTS.format(s03_pin=s03_pin, s11_pin=s11_pin),
            "settings.toml": SETTINGS,
        },
    )


# --- 1. matcher's reasons worded again in the reader's language --------------------------


@pytest.mark.parametrize(("wrote", "reads"), [("en", "fr"), ("fr", "en")])
def test_a_pinned_proposal_reason_is_worded_again_in_the_reader_language(
    tmp_path: Path, wrote: str, reads: str
) -> None:
    # Contract §7: "In French, everything a person reads is French: ... selection reasons
    # (in the report, the workbook and the `reason` column)". README: "A reason that is one
    # of matcher's own sentences, in English or French, is worded again in the language of
    # the command reading it".
    instance = cohort(tmp_path / "in", s03_pin="C01", s11_pin="C01")
    assert invoke(["run", str(instance), "--out", str(tmp_path / "run"), "--lang", wrote])[0] == 0
    pinned = {
        "en": "selected (S03, S07 and S11 are pinned to it)",
        "fr": "retenue (S03, S07 et S11 y sont imposé·e·s)",
    }
    assert reasons(tmp_path / "run")["C01"][2] == pinned[wrote]
    code, _ = invoke(
        [
            "report",
            str(instance),
            "--result",
            str(tmp_path / "run"),
            "--out",
            str(tmp_path / "again"),
            "--lang",
            reads,
        ]
    )
    assert code == 0
    assert reasons(tmp_path / "again")["C01"] == ("yes", "", pinned[reads])
    assert leaks(read_texts(tmp_path / "again"), reads, DATA) == []


@pytest.mark.parametrize(("wrote", "reads"), [("en", "fr"), ("fr", "en")])
def test_a_proposal_that_could_host_no_team_keeps_its_reason_as_the_last_reserve(
    tmp_path: Path, wrote: str, reads: str
) -> None:
    # Contract §7 (selection reasons in the language in force) and §3: "`reserve_rank`
    # 1, 2, … for eligible proposals not selected, in the order they should replace a
    # withdrawal": C02 (at most 2 students where every team holds 4) is eligible, so it
    # has a rank, the last, its reason saying why it can take no team (probe s25: it had
    # none, which contradicted §3).
    instance = cohort(tmp_path / "in", c02_max="2")
    assert invoke(["run", str(instance), "--out", str(tmp_path / "run"), "--lang", wrote])[0] == 0
    left_out = {
        "en": "reserve 2: it could host no team of this cohort (team sizes: C02 asks for "
        "at most 2 students, but every team holds 4)",
        "fr": "réserve 2 : elle ne pourrait accueillir aucune équipe de cette cohorte (tailles "
        "d'équipe : C02 demande au plus 2 étudiants, mais chaque équipe en compte 4)",
    }
    assert reasons(tmp_path / "run")["C02"] == ("no", "2", left_out[wrote])
    for lang in (wrote, reads):
        again = tmp_path / f"again-{lang}"
        code, _ = invoke(
            [
                "report",
                str(instance),
                "--result",
                str(tmp_path / "run"),
                "--out",
                str(again),
                "--lang",
                lang,
            ]
        )
        assert code == 0
        assert reasons(again)["C02"] == ("no", "2", left_out[lang])
        assert reasons(again)["C04"][:2] == ("no", "1")
    assert leaks(read_texts(tmp_path / f"again-{reads}"), reads, DATA) == []


def test_a_pinned_proposal_unselected_by_hand_becomes_a_reserve_unselected_by_hand(
    tmp_path: Path,
) -> None:
    # README (editing a result): "one unselected by hand becomes the last reserve
    # ("unselected by hand")"; contract §3: `reason` a short sentence, which must not say
    # "selected" of a proposal left out.
    instance = cohort(tmp_path / "in")
    assert invoke(["run", str(instance), "--out", str(tmp_path / "run"), "--lang", "en"])[0] == 0
    edited = tmp_path / "edited"
    edited.mkdir()
    rows = list(
        csv.DictReader((tmp_path / "run" / "selection.csv").read_text("utf-8-sig").splitlines())
    )
    assert rows[0]["reason"] == "selected (S07 is pinned to it)"
    reserve = next(row for row in rows if row["reserve_rank"] == "1")
    rows[0]["selected"], reserve["selected"], reserve["reserve_rank"] = "no", "yes", ""
    with (edited / "selection.csv").open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, _ = invoke(
        [
            "report",
            str(instance),
            "--result",
            str(edited),
            "--out",
            str(tmp_path / "again"),
            "--lang",
            "en",
        ]
    )
    # The pin of S07 on C01 is broken by the edit: report writes the outputs and exits 3
    # (session 14, s14j; it said the result kept every rule).
    assert code == 3
    selected, rank, reason = reasons(tmp_path / "again")["C01"]
    assert (selected, reason) == ("no", f"reserve {rank}: unselected by hand")


# --- 3. the workbook's calendar says its dates as the reader writes them ------------------


SUPERVISORS = """\
id,name,max_teams,sectors,ties,unavailable
A1,Marie Claes,2,CPAS;santé,AMO Le Cercle (Liège),
A2,Paul Wouters,,jeunesse;alphabétisation,,oral_fri
A3,Sophie Janssens,1,,,
"""
CALENDAR = """
[calendar]
visit_slot = "visit"
oral_slots = ["oral_thu", "oral_fri"]
dates = { visit = "2026-10-09", oral_thu = "2027-04-15", oral_fri = "2027-04-16" }
"""


# Shown in words in the reader's language (probe s14h: « vendredi 9 octobre 2026 », as the
# report says it), sorted and filtered as dates.
@pytest.mark.parametrize(
    ("lang", "shown"),
    [("fr", "[$-80C]dddd d mmmm yyyy"), ("en", "[$-809]dddd d mmmm yyyy")],
)
def test_the_workbook_calendar_dates_are_dates_shown_the_reader_way(
    tmp_path: Path, lang: str, shown: str
) -> None:
    # Contract §7: "In French, everything a person reads is French: ... the workbook"; the
    # report says "vendredi 9 octobre 2026" where the Calendrier sheet said the ISO text
    # "2026-10-09" (a text, not a date a spreadsheet sorts). §7: dates are "day first, as
    # written in Belgium".
    instance = cohort(tmp_path / "in")
    (instance / "supervisors.csv").write_text(SUPERVISORS, encoding="utf-8")
    with (instance / "settings.toml").open("a", encoding="utf-8") as file:
        file.write(CALENDAR)
    assert invoke(["run", str(instance), "--out", str(tmp_path / "run"), "--lang", lang])[0] == 0
    book = load_workbook(tmp_path / "run" / "result.xlsx")
    sheet = book[{"fr": "Calendrier", "en": "Schedule"}[lang]]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Date") + 1
    days = [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]
    assert all(isinstance(cell.value, datetime) for cell in days)
    assert {cell.value.date().isoformat() for cell in days} >= {"2026-10-09", "2027-04-15"}
    assert {cell.number_format for cell in days} == {shown}
    # schedule.csv keeps the contract's ISO dates.
    assert "2026-10-09" in (tmp_path / "run" / "schedule.csv").read_text("utf-8-sig")


# --- the fix of 1 and its imports ---------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    ["explain", "check", "report", "whatif", "plan", "run", "assign", "select", "validate"],
)
def test_every_command_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    # Contract §2: "Never a Python traceback"; "`1` only for an internal error". Reading
    # back a reason that names a size rule first imported matcher.conflicts at the top of
    # matcher.loading.reasons: `matcher explain` (which imports matcher.verify first) then
    # died of a circular import before doing anything.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", f"import matcher.cli.{module}"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# --- 4. the title of a commission between the reader's quotes ------------------------------


def test_an_english_report_quotes_a_commission_title_the_english_way(tmp_path: Path) -> None:
    # Contract §7: "In English likewise" (everything a person reads is English); each team
    # card of report.html said its commission's title between French quotes, « Street
    # work », in English too.
    instance = cohort(tmp_path / "in")
    assert invoke(["run", str(instance), "--out", str(tmp_path / "en"), "--lang", "en"])[0] == 0
    assert invoke(["run", str(instance), "--out", str(tmp_path / "fr"), "--lang", "fr"])[0] == 0
    english = read_texts(tmp_path / "en")
    assert 'jeunesse · diagnostic · "Street work" · 4 members' in english["report.html"]
    assert leaks(english, "en", DATA) == []
    french = read_texts(tmp_path / "fr")
    assert "jeunesse · diagnostic · « Street work » · 4 membres" in french["report.html"]
    assert leaks(french, "fr", DATA) == []


# --- 5. a day in a message said as the report says it --------------------------------------


@pytest.mark.parametrize(
    ("lang", "visit", "oral"),
    [
        (
            "fr",
            "la visite de C01 est datée du samedi 10 octobre 2026, mais [calendar] dates "
            "donne le vendredi 9 octobre 2026 pour visit",
            "n'a pas de date, mais [calendar] dates donne le jeudi 15 avril 2027 pour oral_thu",
        ),
        (
            "en",
            "the visit of C01 is dated Saturday 10 October 2026, but [calendar] dates gives "
            "Friday 9 October 2026 for visit",
            "has no date, but [calendar] dates gives Thursday 15 April 2027 for oral_thu",
        ),
    ],
)
def test_check_of_an_edited_schedule_says_its_days_as_the_report_does(
    tmp_path: Path, lang: str, visit: str, oral: str
) -> None:
    # Contract §7: "In French, everything a person reads is French"; the report and the
    # workbench say a day « vendredi 9 octobre 2026 », but `check` said "la visite de C01
    # est datée du 2026-10-10, mais [calendar] dates donne le 2026-10-09 pour visit".
    instance = cohort(tmp_path / "in")
    (instance / "supervisors.csv").write_text(SUPERVISORS, encoding="utf-8")
    with (instance / "settings.toml").open("a", encoding="utf-8") as file:
        file.write(CALENDAR)
    result = tmp_path / "run"
    assert invoke(["run", str(instance), "--out", str(result), "--lang", lang])[0] == 0
    (result / "result.xlsx").unlink()
    schedule = result / "schedule.csv"
    rows = list(csv.DictReader(schedule.read_text("utf-8-sig").splitlines()))
    first_visit = next(row for row in rows if row["commission_id"] == "C01")
    first_visit["date"] = "10/10/2026"  # as a director types it
    oral_thu = next(row for row in rows if row["slot"] == "oral_thu")
    oral_thu["date"] = ""
    with schedule.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, output = invoke(["check", str(instance), "--result", str(result), "--lang", lang])
    assert code == 3
    assert visit in output
    assert oral in output
    assert "2026-10" not in output and "2027-04" not in output


# --- the harness itself: every command, every language mode, no word of the other ------


ARRIVALS = """\
id,name,background,vae,employed,employer,gender,experience_years,choices
S13,Nadia Ouali,éducateur,no,no,,F,1,C03;C06
S14,Olivier Collard,infirmier,yes,no,,M,6,C01
"""
INVALID = {
    "commissions.csv": "id,institution,sector,problem_type,priority\n"
    "C01,CPAS de Namur,CPAS,évaluation,2\nC02,AMO Le Cercle,jeunesse,diagnostic,haut\n",
    "students.csv": "id,name,background,vae,experience_years,choices\n"
    "S01,Anne,AS,peut-être,2,C01;C1O\nS02,Bruno,AS,no,-3,C02\n",
    "settings.toml": '[selection]\ncount = 1\ncolour = "blue"\n[teams]\nmin_size = "deux"\n',
}
MODES = {
    "--lang fr": ("fr", ["--lang", "fr"], {}),
    "--lang en": ("en", ["--lang", "en"], {}),
    "MATCHER_LANG=en, LANG=fr_BE": ("en", [], {"MATCHER_LANG": "en", "LANG": "fr_BE.UTF-8"}),
    "LC_ALL=fr_FR alone": ("fr", [], {"LC_ALL": "fr_FR.UTF-8"}),
}


def _edited(result: Path, folder: Path) -> Path:
    """``result``'s teams.csv with its first four students moved to one team (sizes, a
    conflict of interest, a pair and an isolation broken), as a director could."""
    folder.mkdir()
    rows = list(csv.DictReader((result / "teams.csv").read_text("utf-8-sig").splitlines()))
    for row in rows[:4]:
        row["commission_id"] = "C02"
    with (folder / "teams.csv").open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / "selection.csv").write_bytes((result / "selection.csv").read_bytes())
    return folder


@pytest.mark.parametrize("mode", list(MODES))
def test_every_command_speaks_only_the_language_in_force(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Contract §7: "Language: `--lang`, else the environment variable `MATCHER_LANG`, else
    # `fr` when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) starts with `fr`, else `en`.
    # In French, **everything** a person reads is French ... In English likewise";
    # "`summary.json` records "lang"".
    lang, flags, environment = MODES[mode]
    for variable in ("MATCHER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    instance = cohort(tmp_path / "in")
    (instance / "supervisors.csv").write_text(SUPERVISORS, encoding="utf-8")
    (instance / "pairs.csv").write_text(
        "student_a,student_b,relation\nS02,S12,apart\nS09,S10,together\n", encoding="utf-8"
    )
    with (instance / "settings.toml").open("a", encoding="utf-8") as file:
        file.write(CALENDAR)
    (tmp_path / "arrivals.csv").write_text(ARRIVALS, encoding="utf-8")
    invalid = write_cohort(tmp_path / "invalid", INVALID)
    home, out = str(instance), tmp_path / "out"
    said: dict[str, str] = {}
    written: list[Path] = []

    def matcher(name: str, expected: int, *args: str | Path, folder: bool = False) -> None:
        code, output = invoke([str(a) for a in args] + flags)
        # -1: solved (0) or no teams for the rules (3, the conflict explained).
        assert code == expected or (expected == -1 and code in (0, 3)), (name, output)
        said[name] = output
        if folder:
            written.append(Path(args[args.index("--out") + 1]))

    matcher("validate", 0, "validate", home)
    matcher("select", 0, "select", home, "--out", out / "sel", folder=True)
    selection = out / "sel" / "selection.csv"
    matcher("assign", 0, "assign", home, "--selection", selection, "--out", out / "a", folder=True)
    matcher("run", 0, "run", home, "--out", out / "run", folder=True)
    run = out / "run"
    selected = [c for c, (yes, _, _) in reasons(run).items() if yes == "yes"]
    whatif = ("whatif", home, "--from", run, "--out")
    matcher("withdraw", 0, *whatif, out / "w1", "--withdraw-commission", selected[0], folder=True)
    no_replace = ("--withdraw-commission", selected[-1], "--no-replace")
    matcher("no-replace", -1, *whatif, out / "w2", *no_replace)
    matcher("student", 0, *whatif, out / "w3", "--withdraw-student", "S02", folder=True)
    arrivals = tmp_path / "arrivals.csv"
    matcher("arrivals", 0, *whatif, out / "w4", "--add-students", arrivals, folder=True)
    matcher("supervisor", 0, *whatif, out / "w5", "--withdraw-supervisor", "A3", folder=True)
    before = ("whatif", home, "--from", out / "sel", "--out", out / "w6")
    matcher("before teams", 0, *before, "--withdraw-commission", selected[0], folder=True)
    edited = _edited(run, tmp_path / "edited")
    matcher("check broken", 3, "check", home, "--result", edited)
    matcher("check", 0, "check", home, "--result", run)
    matcher("report broken", 3, "report", home, "--result", edited, "--out", out / "r", folder=True)
    matcher("explain", 0, "explain", home, "--result", run, "--out", out / "ex", folder=True)
    matcher("plan", 0, "plan", home, "--result", run, "--out", out / "plan", folder=True)
    matcher("generate", 0, "generate", "--seed", "3", "--students", "20", "--out", out / "gen")
    matcher("invalid", 2, "run", str(invalid), "--out", out / "no")
    matcher("seed", 2, "run", home, "--out", out / "no", "--seed", "-1")
    matcher("unknown id", 2, *whatif, out / "no", "--withdraw-commission", "C1O")
    for command in ("", "validate", "select", "assign", "run", "whatif", "check"):
        matcher(f"help {command}", 0, *([command] if command else []), "--help")
    for command in ("generate", "report", "explain", "serve", "plan"):
        matcher(f"help {command}", 0, command, "--help")
    texts = {f"terminal: {name}": output for name, output in said.items()}
    for folder in written:
        for name, body in read_texts(folder).items():
            texts[f"{folder.name}/{name}"] = body
        if (folder / "summary.json").exists():
            assert f'"lang": "{lang}"' in (folder / "summary.json").read_text("utf-8")
    cohort_words = DATA + "|" + str(tmp_path) + "|" + "|".join(ARRIVALS.split(","))
    assert leaks(texts, lang, cohort_words) == []
