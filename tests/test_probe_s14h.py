"""Probe s14h: report.html and result.xlsx as a French-speaking programme director reads and
prints them (hand-made cohorts: 60 students with supervisors, dates, pairs, pins and students
without choices; a result edited by hand into five broken rules through ``matcher report``; a
what-if withdrawing a commission and a student and adding two), rendered in Chromium to
screenshots and A4 PDF, and the workbooks converted to PDF by LibreOffice.

What it found wrong, each fixed and tested below:

- report.html printed on A4 had no page margins, the stage 3 timelines (1010 px wide SVG) and
  the composition table (one column per profile) were wider than the page, so Chromium shrank
  the whole report; a chart's heading was left alone at the foot of a page; the pink of
  off-target cells and broken rules did not print. The page now sets ``@page`` A4 with
  margins, scales charts to the page, keeps headings with what follows, tightens tables on
  paper and prints the colours that carry meaning;
- the stage 3 cards named their figures as the settings table does (« équipes avec un·e
  accompagnateur·rice expert·e (max) »), unlike every other figure: now in plain words;
- printed, the composition table (which scrolls on screen) was cut at the page's edge: with
  nine backgrounds its « En emploi » and « Genre » columns were missing from the paper; it is
  now printed whole, in smaller type, its headings breaking where they must;
- the navigation line listed the team links under "Équipe :" (one team) instead of "Équipes :";
- result.xlsx in French showed shares as "7%" (Excel's built-in format): now "7 %";
- its Summary sheet cut the names of the longer figures at 36 characters (« placés sur un de
  leurs trois premiers choix écrits », « équipes avec un·e accompagnateur·rice expert·e »):
  column A is now fitted to its longest name; its plain sentences ran from column B across
  ten empty columns, so LibreOffice printed the sheet fourteen columns wide in tiny type:
  they now wrap within column B (60 characters), their rows as tall as their lines; the
  Selection sheet (titles, reasons: 270 characters wide) and the Explanations sheet (sentences
  of up to 150 characters, cut at the page's edge) printed the same way: their long columns
  now wrap too, each row of several lines read from its top;
- its « Ce que la modification a coûté » part wrote the priorities' counts as text (left
  aligned, flagged "number stored as text"): whole counts are now numbers;
- its Schedule sheet (Calendrier) gave the days as ISO text (``2026-10-09``) where the report
  says « vendredi 9 octobre 2026 »: they are now dates, shown in words in the workbook's
  language and sortable as dates;
- its Explanations sheet (one row per wish, 150 rows for 60 students) had no filter;
- a printed team sheet said nothing of which team it was (sheet names are not printed, and
  are cut at 31 characters): every printed page now carries the sheet's full name (« Équipe
  C08 — Centre de santé mentale Le Méridien ») and its number;
- in report.html each student's explanation was only in a 150-row table at the end, with
  nothing leading there from the student's row in their team's card: the rank of a student
  who has one now links to their first explanation row; its swap pairs named students by
  name only, so two homonyms read « Léa Lambert (C03) et Léa Lambert (C02) »: a name two
  students share now comes with the id (« E032 Léa Lambert (C03) »);
- a what-if's changes (who went where) were in changes.csv and the report but not in the
  workbook, which had only the number of moves: a Changes sheet (Changements) lists them; and
  the report's changes table left the name of a withdrawn student empty: it now names them;
- a what-if with ``--no-replace`` said « 0 étudiants déplacés » above six students who changed
  team, and nowhere in the report or workbook that the commission withdrew unreplaced: both
  now list the commissions « Retirées, non remplacées », and a note says what a move counts.

Checked and right: the broken rules come first (report, workbook's first sheet, terminal);
French decimals, percents and long dates in the report; legends and axis names of every
chart; headings, anchors and the navigation line; landscape A4, one page wide, header row
repeated and frozen on every sheet; autofilter and drop-down on the Students sheet.

Left alone: the Students sheet's headers are teams.csv's own (``student_id``, ``choice_rank``)
in French too (README: an edited copy reads back like teams.csv); ``report`` does not explain
placements (README); a broken rule is listed first but not marked on the team card where it
is broken (the rules are sentences, not data the card could point at).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from cohortfiles import invoke, write_cohort
from openpyxl import load_workbook

COMMISSIONS = """Code;Organisme;Secteur;Problématique;Créneaux;Localité;Priorité
C01;CPAS de Namur;CPAS;Évaluation;"visite;oral_jeudi";Namur;2
C02;AMO Le Cercle;Aide à la jeunesse;Diagnostic;"visite;oral_jeudi";Liège;0
C03;Le Pélican asbl;Santé mentale;Recherche-action;"visite;oral_jeudi";Namur;1
"""
STUDENTS = """Matricule;Prénom;Nom;Formation initiale;VAE;Choix 1;Choix 2
E01;Amélie;Dupont;Assistant social;non;C01;C02
E02;Bastien;Lambert;Éducateur;oui;C02;C01
E03;Chloé;Janssens;GRH;non;C03;C01
E04;Dylan;Peeters;Assistant social;non;C01;C03
E05;Émilie;Maes;Éducateur;oui;C01;C03
E06;Fatima;El Amrani;GRH;non;;
E07;Grégoire;Dubois;Infirmier;non;C01;C02
E08;Hélène;Martin;Infirmier;non;C01;C02
"""
SUPERVISORS = """Identifiant;Nom;Secteurs
P1;Marie Closset;CPAS
P2;Jean-Luc Renard;Santé mentale
"""
SETTINGS = """[selection]
count = 2
[calendar]
visit_slot = "visite"
oral_slots = ["oral_jeudi"]
dates = { visite = "9/10/2026", oral_jeudi = "15/04/2027" }
[solver]
time_limit = 10
"""


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("s14h") / "cohorte"
    return write_cohort(
        folder,
        {
            "commissions.csv": COMMISSIONS,
            "students.csv": STUDENTS,
            "accompagnateurs.csv": SUPERVISORS,
            "settings.toml": SETTINGS,
        },
    )


@pytest.fixture(scope="module")
def runs(cohort: Path) -> dict[str, Path]:
    """``matcher run`` of the cohort in French and in English."""
    out = {}
    for lang in ("fr", "en"):
        target = cohort.parent / f"out-{lang}"
        code, output = invoke(["run", str(cohort), "--out", str(target), "--lang", lang])
        assert code == 0, output
        out[lang] = target
    return out


def _style(html: str) -> str:
    match = re.search(r"<style>(.*?)</style>", html, re.S)
    assert match
    return match.group(1)


# Contract §3: "report.html | one self-contained file (no network), readable by a person".
def test_report_prints_on_a4_with_charts_fitted_and_colours_kept(runs: dict[str, Path]) -> None:
    html = (runs["fr"] / "report.html").read_text(encoding="utf-8")
    css = _style(html)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4[^}]*margin:", css)
    assert re.search(r"(^|\n|\})\s*svg\s*\{[^}]*max-width:\s*100%[^}]*height:\s*auto", css)
    printed = css[css.index("@media print") :]
    assert "h2, h3 { break-after: avoid; }" in printed
    assert "break-inside: avoid" in printed and "print-color-adjust: exact" in printed
    # The timelines of stage 3 are the widest drawings: they are there, with a viewBox to scale.
    assert re.search(r'<svg [^>]*width="1010"[^>]*viewBox="0 0 1010 ', html)


# Contract §7: "In French, everything a person reads is French" (the navigation line too).
@pytest.mark.parametrize(("lang", "words"), [("fr", "Équipes :"), ("en", "Teams:")])
def test_navigation_line_names_the_teams_in_the_plural(
    runs: dict[str, Path], lang: str, words: str
) -> None:
    html = (runs[lang] / "report.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="toc">(.*?)</nav>', html, re.S)
    assert nav and f"<br>{words}" in nav.group(1)


# Contract §7: "In French, everything a person reads is French" (33 %, not 33%).
@pytest.mark.parametrize(
    ("lang", "sheet", "shown"), [("fr", "Résumé", "0 %"), ("en", "Summary", "0%")]
)
def test_workbook_shares_are_percents_as_the_language_writes_them(
    runs: dict[str, Path], lang: str, sheet: str, shown: str
) -> None:
    book = load_workbook(runs[lang] / "result.xlsx")
    formats = {
        c.number_format
        for row in book[sheet].iter_rows()
        for c in row
        if isinstance(c.value, float) and 0 <= c.value <= 1 and c.column == 2
    }
    assert formats == {shown}


# Contract §8: "the workbook prints legibly (landscape, headers repeated, columns fitted)".
@pytest.mark.parametrize(("lang", "sheet"), [("fr", "Résumé"), ("en", "Summary")])
def test_summary_sheet_names_every_figure_in_full(
    runs: dict[str, Path], lang: str, sheet: str
) -> None:
    ws = load_workbook(runs[lang] / "result.xlsx")[sheet]
    longest = max(
        len(str(row[0].value))
        for row in ws.iter_rows()
        if row[0].value and row[1].value not in (None, "")  # a name with its value beside it
    )
    assert longest > 36  # « placés sur un de leurs trois premiers choix écrits »
    assert ws.column_dimensions["A"].width >= longest + 1


# Contract §11: schedule "and sections in the report and the workbook"; §7 French words.
@pytest.mark.parametrize(
    ("lang", "sheet", "code"), [("fr", "Calendrier", "[$-80C]"), ("en", "Schedule", "[$-809]")]
)
def test_schedule_sheet_days_are_dates_shown_in_words(
    runs: dict[str, Path], lang: str, sheet: str, code: str
) -> None:
    ws = load_workbook(runs[lang] / "result.xlsx")[sheet]
    header = [c.value for c in ws[1]]
    column = header.index("Date") + 1
    days = [ws.cell(row, column) for row in range(2, ws.max_row + 1)]
    assert {c.value for c in days} == {datetime(2026, 10, 9), datetime(2027, 4, 15)}
    assert {c.number_format for c in days} == {f"{code}dddd d mmmm yyyy"}
    assert {c.alignment.horizontal for c in days} == {"left"}  # not run into "09:00"
    letter = days[0].column_letter
    assert ws.column_dimensions[letter].width >= len("mercredi 30 septembre 2026")


# Contract §9: "the report and the workbook show each student's explanation".
def test_explanations_sheet_is_filterable(runs: dict[str, Path]) -> None:
    ws = load_workbook(runs["fr"] / "result.xlsx")["Explications"]
    rows = [r for r in ws.iter_rows(values_only=True)]
    last = next(i for i, r in enumerate(rows) if not any(v not in (None, "") for v in r))
    assert ws.auto_filter.ref == f"A1:K{last}"


# Contract §6: "DIR2 receives the usual outputs plus changes.csv"; §3 result.xlsx and report.html
# readable by a person: who went where, a withdrawn student named.
@pytest.mark.parametrize(
    ("lang", "sheet", "withdrawn", "new"),
    [("fr", "Changements", "retiré", "nouveau"), ("en", "Changes", "withdrawn", "new")],
)
def test_whatif_changes_show_in_the_workbook_and_name_who_left(
    cohort: Path, runs: dict[str, Path], lang: str, sheet: str, withdrawn: str, new: str
) -> None:
    arrivals = write_cohort(
        cohort.parent / f"arrivals-{lang}",
        {"arrivals.csv": "Matricule;Nom;Formation initiale\nE09;Zoé Marchal;GRH\n"},
    )
    result = runs[lang]
    teams = (result / "teams.csv").read_text(encoding="utf-8-sig").splitlines()
    leaving = next(line.split(",")[0] for line in teams[1:] if line.startswith("E03,"))
    target = cohort.parent / f"whatif-{lang}"
    code, output = invoke(
        [
            "whatif", str(cohort), "--from", str(result), "--out", str(target),
            "--withdraw-student", leaving, "--add-students", str(arrivals / "arrivals.csv"),
            "--lang", lang,
        ]
    )  # fmt: skip
    assert code == 0, output
    book = load_workbook(target / "result.xlsx")
    assert book.sheetnames[1] == sheet  # right after the summary
    rows = list(book[sheet].iter_rows(values_only=True))
    assert rows[1][:2] == ("E03", "Chloé Janssens") and rows[1][3] == withdrawn
    assert any(r[:3] == ("E09", "Zoé Marchal", new) for r in rows)
    assert book[sheet].auto_filter.ref
    html = (target / "report.html").read_text(encoding="utf-8")
    assert "<td>E03</td><td>Chloé Janssens</td>" in html


# Contract §8: "the workbook prints legibly (landscape, headers repeated, columns fitted)": the
# plain sentences of the Summary sheet wrap in column B instead of running across the page
# (which made LibreOffice print the sheet fourteen columns wide, in tiny type).
@pytest.mark.parametrize(("lang", "sheet"), [("fr", "Résumé"), ("en", "Summary")])
def test_summary_sheet_sentences_wrap_within_the_printed_columns(
    runs: dict[str, Path], lang: str, sheet: str
) -> None:
    ws = load_workbook(runs[lang] / "result.xlsx")[sheet]
    assert ws.column_dimensions["B"].width <= 61
    long = [row[1] for row in ws.iter_rows() if len(str(row[1].value or "")) > 60]
    assert long  # « Sur les 7 étudiants qui ont donné des choix, … »
    for cell in long:
        assert cell.alignment.wrap_text, cell.value
        assert (ws.row_dimensions[cell.row].height or 15) >= 30, cell.value


# Contract §9: "the report and the workbook show each student's explanation": from their row in
# their team's card, a student's rank leads to their explanation, further down the page.
def test_member_rows_link_to_the_students_explanation(runs: dict[str, Path]) -> None:
    html = (runs["fr"] / "report.html").read_text(encoding="utf-8")
    explained = set(re.findall(r'<span id="why-([^"]+)"></span>', html))
    assert explained  # five wrote C01 first, a team of four: one at least is explained
    linked = set(re.findall(r'<a href="#why-([^"]+)" title="Pourquoi pas un meilleur', html))
    assert linked == explained
    members = html[html.index('<h2 id="members">') : html.index('<h2 id="explanations">')]
    assert all(f'href="#why-{sid}"' in members for sid in explained)


# Contract §9: swap pairs are "listed in the report, each with the priority the swap would
# worsen": two students sharing a name are told apart by their id.
def test_swap_pairs_tell_apart_students_of_the_same_name(tmp_path: Path) -> None:
    cohort = write_cohort(
        tmp_path / "homonymes",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C01,CPAS de Namur,CPAS,Évaluation\nC03,Le Pélican,Santé mentale,Diagnostic\n",
            "students.csv": "id,name,background,choices\n"
            "A1,Léa Lambert,éducateur,C03;C01\nA2,Léa Lambert,éducateur,C03;C01\n"
            "B1,Marc Petit,GRH,C01;C03\nB2,Paul Simon,GRH,C01;C03\n",
            "settings.toml": '[selection]\ncount = 2\n[teams]\nbalance = ["background"]\n'
            'priorities = ["balance", "worst_choice", "choices"]\n',
        },
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "out"), "--lang", "fr"])
    assert code == 0, output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    swaps = html[html.index("Paires qui préfèrent") :]
    swaps = swaps[: swaps.index("</ul>")]
    assert re.search(r"<li>A[12] Léa Lambert \(C01\) et (Marc Petit|Paul Simon) \(C03\) : ", swaps)


# Contract §8: "the workbook prints legibly (… columns fitted)": the selection's reasons and the
# explanations (sentences of up to 150 characters) wrap within their columns rather than being
# cut at the page's edge; a row of several lines reads from its top.
@pytest.mark.parametrize(
    ("sheet", "column", "width"), [("Sélection", "I", 36), ("Explications", "K", 60)]
)
def test_long_sentences_wrap_in_the_selection_and_explanations_sheets(
    runs: dict[str, Path], sheet: str, column: str, width: int
) -> None:
    ws = load_workbook(runs["fr"] / "result.xlsx")[sheet]
    assert ws.column_dimensions[column].width <= width + 1
    long = [c for c in ws[column][1:] if len(str(c.value or "")) > width]
    assert long
    for cell in long:
        assert cell.alignment.wrap_text and (ws.row_dimensions[cell.row].height or 15) >= 30
        assert {c.alignment.vertical for c in ws[cell.row]} == {"top"}


# Contract §8: "the workbook prints legibly": a printed page of a team's sheet said nothing of
# which team it is (a spreadsheet does not print sheet names, cut at 31 characters anyway);
# every page now carries the sheet's full name and its number.
def test_printed_pages_say_which_sheet_and_team_they_are(tmp_path: Path) -> None:
    cohort = write_cohort(
        tmp_path / "entete",
        {
            "commissions.csv": "id,institution,sector,problem_type\n"
            "C01,Centre de santé mentale Le Méridien & Co,Santé mentale,Évaluation\n"
            "C02,CPAS de Namur,CPAS,Diagnostic\n",
            "students.csv": "id,name,background\nS1,Ana,GRH\nS2,Bob,GRH\nS3,Cléo,GRH\nS4,Dan,GRH\n",
            "settings.toml": "[selection]\ncount = 2\n",
        },
    )
    code, output = invoke(["run", str(cohort), "--out", str(tmp_path / "out"), "--lang", "fr"])
    assert code == 0, output
    book = load_workbook(tmp_path / "out" / "result.xlsx")
    team = book["C01 Centre de santé mentale Le"]
    assert team.oddHeader.left.text == "Équipe C01 — Centre de santé mentale Le Méridien && Co"
    assert book["Résumé"].oddHeader.left.text == "Résumé"
    for sheet in book.worksheets:
        assert sheet.oddHeader.right.text == "&P / &N"


# Contract §6: "With --no-replace, or when no reserve fits, its students join the remaining
# teams"; "the first priority is moves: the number of students who were in a team that still
# exists and whose team changes". The report said "0 students moved" above six students who
# changed team, and nowhere that the commission withdrew unreplaced.
@pytest.mark.parametrize(
    ("lang", "heading", "sheet"),
    [
        ("fr", "Retirées, non remplacées", "Changements"),
        ("en", "Withdrawn, not replaced", "Changes"),
    ],
)
def test_whatif_without_replacement_says_so_and_what_moves_count(
    cohort: Path, runs: dict[str, Path], lang: str, heading: str, sheet: str
) -> None:
    target = cohort.parent / f"no-replace-{lang}"
    code, output = invoke(
        [
            "whatif", str(cohort), "--from", str(runs[lang]), "--out", str(target),
            "--withdraw-commission", "C03", "--no-replace", "--lang", lang,
        ]
    )  # fmt: skip
    assert code == 0, output
    html = (target / "report.html").read_text(encoding="utf-8")
    changes = html[html.index('<h2 id="changes">') : html.index('<h2 id="selection">')]
    assert f"<h3>{heading}</h3><ul><li>C03</li></ul>" in changes
    assert "une équipe qui existe encore" in changes or "a team that still exists" in changes
    rows = list(load_workbook(target / "result.xlsx")[sheet].iter_rows(values_only=True))
    assert (heading, "C03") in [r[:2] for r in rows]


# Contract §8: "The solver's values, when DIR holds a summary.json, appear beside the edited
# ones, so the cost of an edit shows": in the workbook they were numbers stored as text
# (left-aligned, flagged by spreadsheets); whole counts are numbers, years stay in words.
def test_edit_cost_counts_are_numbers_in_the_workbook(cohort: Path, runs: dict[str, Path]) -> None:
    target = cohort.parent / "report-again"
    code, output = invoke(
        ["report", str(cohort), "--result", str(runs["fr"]), "--out", str(target), "--lang", "fr"]
    )
    assert code == 0, output
    rows = list(load_workbook(target / "result.xlsx")["Résumé"].iter_rows(values_only=True))
    # Unchanged since the solve: headed « Chaque priorité à côté du solveur » (session 31).
    start = next(i for i, r in enumerate(rows) if r[0] == "Chaque priorité à côté du solveur")
    costs = rows[start + 2 : start + 2 + 4]  # the selection's four priorities
    assert all(isinstance(r[1], int) and isinstance(r[2], int) for r in costs), costs


# Contract §7/§11: the report's stage 3 figures are "readable by a person": its cards named
# each priority as the settings table does ("… (max)", "… (min)"), unlike every other figure
# of the page; they are now in plain words, the exact names kept for the technical details.
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plan_cards_name_their_figures_in_plain_words(runs: dict[str, Path], lang: str) -> None:
    html = (runs[lang] / "report.html").read_text(encoding="utf-8")
    plan = html[html.index('<h2 id="plan">') : html.index('<h2 id="technical">')]
    cards = re.findall(r'<div class="k">([^<]*)</div>', plan)
    assert len(cards) == 3
    assert not any(c.endswith(("(max)", "(min)")) for c in cards), cards


# Contract §3: report.html "readable by a person" on paper too: the composition table (a column
# per profile) scrolls on screen, and a scrolling box printed cut it at the page's edge (nine
# backgrounds: the "En emploi" and "Genre" columns were missing from the printed report).
def test_wide_tables_are_printed_whole(runs: dict[str, Path]) -> None:
    html = (runs["fr"] / "report.html").read_text(encoding="utf-8")
    assert '<div class="scroll"><table>' in html  # the composition table
    printed = _style(html)[_style(html).index("@media print") :]
    assert ".scroll { overflow: visible; }" in printed
    assert ".scroll th { overflow-wrap: anywhere; }" in printed
