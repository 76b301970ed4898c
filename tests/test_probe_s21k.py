"""Probe s21k: report.html printed from Chromium and result.xlsx printed (contract §3, §8).

The report is looked at as Chromium lays it out for paper (print media, A4): chart legends,
the calendar's supervisors' names, folded sections, the composition table's headings, the
team cards per page. The cohort is the demo with long backgrounds and long supervisors'
names, as some programmes write them.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from matcher.cli import main

DEMO = Path(__file__).resolve().parent.parent / "instances" / "demo"

LONG_BACKGROUNDS = {
    "assistant social": "bachelier assistant social en travail social de groupe",
    "éducateur": "éducateur spécialisé en accompagnement psycho-éducatif",
}
LONG_SURNAME = " de Limburg Stirum-Vandenberghe"
#: An A4 page between the stylesheet's margins (186 x 273 mm) in CSS pixels.
PRINTED = (703, 1031)


def _rewrite(path: Path, change: Callable[[dict[str, str]], None]) -> None:
    """Each row of the CSV file ``path`` changed in place by ``change``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        change(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def long_names_cohort(folder: Path) -> Path:
    """The demo with two long backgrounds and long supervisors' names."""
    cohort = folder / "long"
    shutil.copytree(DEMO, cohort)
    _rewrite(
        cohort / "students.csv",
        lambda r: r.update(background=LONG_BACKGROUNDS.get(r["background"], r["background"])),
    )
    _rewrite(cohort / "supervisors.csv", lambda r: r.update(name=r["name"] + LONG_SURNAME))
    return cohort


@pytest.fixture(scope="module")
def long_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`matcher run` on the long-names cohort (a plan too), once for the module."""
    folder = tmp_path_factory.mktemp("s21k")
    out = folder / "run"
    args = ["run", str(long_names_cohort(folder)), "--out", str(out), "--quiet"]
    result = CliRunner().invoke(main, [*args, "--workers", "1", "--time-limit", "20"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def printed(browser: Any, long_result: Path) -> Iterator[Any]:
    """The long-names report in a tab as Chromium lays it out for print: the width of an A4
    page between the stylesheet's 12 mm margins (186 mm, 703 px)."""
    page = browser.new_page(viewport={"width": PRINTED[0], "height": PRINTED[1]})
    page.emulate_media(media="print")
    page.goto((long_result / "report.html").as_uri())
    yield page
    page.close()


#: The boxes of every chart's texts, in the page's pixels: [{chart, svg box, texts}].
_TEXT_BOXES = """
() => [...document.querySelectorAll('svg')].map((svg, chart) => {
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  return {chart, left: box.left, right: box.right, top: box.top, bottom: box.bottom, texts};
})
"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Two boxes overlap (by more than a pixel each way)."""
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def test_printed_chart_legends_overlap_nothing(printed: Any) -> None:
    """Defect 1: the legend placed its labels every 190 px whatever their length: a long
    background ran into the next label (and out of the chart)."""
    charts = printed.evaluate(_TEXT_BOXES)
    legends = 0
    for chart in charts:
        texts = chart["texts"]
        names = [t for t in texts if any(n in t["text"] for n in LONG_BACKGROUNDS.values())]
        if not names:
            continue
        legends += 1
        for index, text in enumerate(texts):
            assert chart["left"] - 1 <= text["left"] and text["right"] <= chart["right"] + 1, text
            for other in texts[index + 1 :]:
                assert not _overlap(text, other), (text, other)
    assert legends >= 1


def test_printed_timeline_shows_supervisors_names_whole(printed: Any) -> None:
    """Defect 2: the names' column was 170 px whatever the names: a long name was cut by the
    chart's left edge (« Limburg Stirum-Vandenberghe » without its first name)."""
    charts = printed.evaluate(_TEXT_BOXES)
    timelines = [c for c in charts if any(LONG_SURNAME.strip() in t["text"] for t in c["texts"])]
    assert timelines
    for chart in timelines:
        names = [t for t in chart["texts"] if LONG_SURNAME.split()[-1] in t["text"]]
        for name in names:
            assert chart["left"] - 1 <= name["left"], name
            assert not re.search(r"…$", name["text"]), name
        # Each supervisor's whole name is there (on one or two lines).
        shown = " ".join(n["text"] for n in names)
        for first in ("Thomas Dubois", "Céline El Amrani", "Nathalie Delvaux"):
            assert first in shown


def test_printed_settings_are_unfolded(printed: Any) -> None:
    """Defect 3: the settings, a folded <details> on screen, printed folded: only the line
    « ▸ Settings in force » reached the paper."""
    settings = printed.locator("details pre")
    assert settings.count() == 1
    assert settings.is_visible()
    box = settings.bounding_box()
    assert box is not None and box["height"] > 100
    assert "time_limit = " in settings.inner_text()  # as settings.toml writes it (s38e)


def test_settings_stay_folded_on_screen(browser: Any, long_result: Path) -> None:
    """The screen keeps them folded (a click opens them)."""
    page = browser.new_page()
    page.goto((long_result / "report.html").as_uri())
    assert not page.locator("details pre").is_visible()
    page.close()


#: The words of the composition table's headings cut across two lines: [heading, word].
_CUT_WORDS = """
() => {
  const cut = [];
  for (const th of document.querySelectorAll('.scroll th')) {
    const text = th.firstChild.nodeType === 3 ? th.firstChild : th.querySelector('.words, span');
    const node = text.nodeType === 3 ? text : text.firstChild;
    const value = node.textContent;
    let at = 0;
    for (const word of value.split(' ')) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) cut.push([value, word]);
      at += word.length + 1;
    }
  }
  return cut;
}
"""


def test_printed_composition_headings_keep_their_words_whole(printed: Any) -> None:
    """Defect 4: every heading of the printed composition table could break anywhere: «
    Si ze », « G RH », « Employ ed: yes » where the whole words fitted on the page."""
    assert printed.locator(".scroll th").count() >= 10
    assert printed.evaluate(_CUT_WORDS) == []
    # And the table still fits the page's width (nothing cut at its edge).
    width = printed.evaluate("() => document.querySelector('.scroll table').scrollWidth")
    room = printed.evaluate("() => document.querySelector('.scroll').clientWidth")
    assert width <= room


def test_many_backgrounds_still_fit_a_printed_page() -> None:
    """Twenty long backgrounds cannot all keep their words whole on A4: the longest words
    give way first, the short headings stay whole."""
    from matcher.outputs.report.teams import _whole_words

    headings = ["Team", "Size", *[f"psychopédagogie{i} appliquée" for i in range(20)], "GRH"]
    whole = _whole_words(headings)
    assert whole[0] and whole[1] and whole[-1]
    assert not all(whole[2:-1])
    assert all(_whole_words(["Équipe", "Taille", "éducateur", "GRH", "VAE : oui"]))


def test_printed_team_cards_share_a_page(printed: Any) -> None:
    """Defect 5: a team card took more than half a page (wide padding, chips and rows), so
    with cards never cut each took a page of its own: the team of six with the longest
    backgrounds now takes less than 40 % of a page, two or more share one."""
    heights = printed.evaluate(
        "() => [...document.querySelectorAll('section.team')]"
        ".map(s => s.getBoundingClientRect().height)"
    )
    assert len(heights) == 10
    assert max(heights) < 0.4 * PRINTED[1], heights


def test_printed_report_page_count(printed: Any) -> None:
    """The long-names demo report printed on A4: 19 pages before, 16 now (its team cards,
    each over half a page, took a page each)."""
    pdf = printed.pdf(prefer_css_page_size=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 8 <= pages <= 16, pages


# -- result.xlsx printed -----------------------------------------------------------------


def _sheet(result: Path, title: str) -> Any:
    import openpyxl

    return openpyxl.load_workbook(result / "result.xlsx")[title]


def _column(sheet: Any, heading: str) -> int:
    """The 1-based column of ``heading`` in the sheet's first row."""
    return [cell.value for cell in sheet[1]].index(heading) + 1


@pytest.mark.parametrize(
    ("title", "headings"),
    [("Students", ("institution", "background")), ("Schedule", ("Institution",))],
)
def test_workbook_wraps_long_institutions(
    long_result: Path, title: str, headings: tuple[str, ...]
) -> None:
    """Defect 6: the Students and Schedule sheets were as wide as their longest institution
    (« Service d'aide aux migrants L'Escale (Tournai) », 46 characters; backgrounds of 55),
    and, printed one page wide, every column shrank: they wrap at 40 characters now, the
    column fitted to them, each such row as tall as its lines."""
    from openpyxl.utils import get_column_letter

    sheet = _sheet(long_result, title)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    for heading in headings:
        column = _column(sheet, heading)
        width = sheet.column_dimensions[get_column_letter(column)].width
        assert width <= 43, (heading, width)
        cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
        long_cells = [cell for cell in cells if len(str(cell.value or "")) > 40]
        assert long_cells, heading
        for cell in long_cells:
            assert cell.alignment.wrap_text, (heading, cell.value)
            assert sheet.row_dimensions[cell.row].height >= 30


LONG_INSTITUTION = (
    "Service d'aide aux migrants L'Escale, antenne tournaisienne du réseau provincial "
    "d'accueil et d'accompagnement des personnes exilées (Tournai)"
)


def test_team_sheet_printed_heading_cut_at_a_whole_word(tmp_path: Path) -> None:
    """Defect 7: each printed page of a team's sheet says which team it is, cut at 120
    characters (Excel's header limit): a long institution was cut within a word
    (« … d'accueil et d'accompagneme »); it is cut after a whole word, with « … »."""
    from dataclasses import replace

    import openpyxl
    from test_writers_sample import sample_outcome

    from matcher.outputs.workbook import write_workbook

    outcome = sample_outcome()
    commissions = [
        c.model_copy(update={"institution": LONG_INSTITUTION}) if c.id == "C1" else c
        for c in outcome.instance.commissions
    ]
    instance = outcome.instance.model_copy(update={"commissions": commissions})
    outcome = replace(outcome, instance=instance)
    write_workbook(tmp_path / "result.xlsx", outcome, "fr")
    book = openpyxl.load_workbook(tmp_path / "result.xlsx")
    headers = {sheet.title: sheet.oddHeader.left.text for sheet in book.worksheets}
    heading = next(text for title, text in headers.items() if title.startswith("C1 "))
    assert heading.startswith("Équipe C1 — Service d'aide aux migrants")
    assert heading.endswith("…") and len(heading) <= 120
    words = f"Équipe C1 — {LONG_INSTITUTION}".split()
    assert heading[:-1].split() == words[: len(heading[:-1].split())]
    # A heading that fits is whole, without « … ».
    assert [text for text in headers.values() if text.endswith("…")] == [heading]


def test_team_sheets_wrap_long_backgrounds_and_labels(long_result: Path) -> None:
    """Probe: a team's sheet had column A (ids, then the composition's labels « Background:
    éducateur spécialisé en accompagnement psycho-éducatif ») 60 characters wide and the
    backgrounds unwrapped: printed one page wide, the sheet shrank. Both wrap at 40 now."""
    import openpyxl

    book = openpyxl.load_workbook(long_result / "result.xlsx")
    sheet = next(s for s in book.worksheets if s.title.startswith("C01 "))
    assert sheet.column_dimensions["A"].width <= 43
    assert sheet.column_dimensions["C"].width <= 43
    long_cells = [
        cell
        for column in ("A", "C")
        for cell in sheet[column][1:]
        if len(str(cell.value or "")) > 40
    ]
    assert len(long_cells) >= 3
    assert all(cell.alignment.wrap_text for cell in long_cells)


def test_explanations_sheet_wraps_the_priority(long_result: Path) -> None:
    """Probe: the Explanations sheet's priority column was 60 characters wide (« the sum of
    choice ranks (among selected choices) ») beside a wrapped explanation of 60: printed one
    page wide, its text was at 60 % of its size. The priority wraps at 30 now."""
    sheet = _sheet(long_result, "Explanations")
    column = _column(sheet, "Priority")
    assert sheet.column_dimensions["G"].width <= 33 and column == 7
    long_cells = [c for c in sheet["G"][1:] if len(str(c.value or "")) > 30]
    assert long_cells and all(c.alignment.wrap_text for c in long_cells)


def test_french_composition_headings_do_not_break_before_a_colon() -> None:
    """Probe: printed in French, « En emploi : oui » broke as « En emploi / : oui » (a
    line starting with the colon): the space French puts before it does not break now."""
    from test_writers_sample import sample_outcome

    from matcher.outputs.report import render_report

    page = render_report(sample_outcome(), "fr")
    table = page[page.index('<div class="scroll">') :]
    headings = re.findall(r"<th[^>]*>(.*?)</th>", table[: table.index("</thead>")])
    with_colon = [h for h in headings if ":" in h]
    assert with_colon, headings
    assert all("\u00a0:" in h and " :" not in h for h in with_colon), with_colon


def test_printed_settings_take_a_page_at_most(printed: Any) -> None:
    """Probe: unfolded, the settings' JSON (a line per value) took two printed pages of a
    200-student report; in three columns they take one (a third of the length). As TOML
    since session 38 (a line per key, 30-odd lines), still in columns."""
    settings = printed.locator("details pre")
    lines = settings.inner_text().count("\n") + 1
    box = settings.bounding_box()
    assert box is not None and lines > 30
    line_height = printed.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('details pre')).lineHeight)"
    )
    # In columns: well under its height in one (a printed A4 page is ~1,000 px tall).
    assert box["height"] < lines * line_height / 1.8, (box, lines, line_height)
    assert box["height"] < 500, box


LONG_IDS = ("AMO-Arc-en-ciel-Ottignies-2026", "C2")


def test_chart_team_ids_are_never_cut_by_the_left_edge(browser: Any) -> None:
    """Probe: the composition and experience charts gave the teams' ids 90 px whatever
    their length: « AMO-Arc-en-ciel-Ottignies-2026 » lost its start at the chart's left
    edge (on paper as on screen). The column fits the longest id now."""
    from matcher.outputs.charts import svg_composition, svg_experience
    from matcher.outputs.views import Composition

    column = ("background", "AS")
    composition = Composition(
        columns=(column,), targets={column: (1, 2)}, counts={i: {column: 2} for i in LONG_IDS}
    )
    sizes = dict.fromkeys(LONG_IDS, 2)
    charts = svg_composition(composition, sizes, "en") + svg_experience(
        dict.fromkeys(LONG_IDS, 12.0), dict.fromkeys(LONG_IDS, 10.0), "en"
    )
    page = browser.new_page(viewport={"width": PRINTED[0], "height": PRINTED[1]})
    page.set_content(f"<style>svg {{ max-width: 100%; height: auto; }}</style>{charts}")
    boxes = page.evaluate(_TEXT_BOXES)
    page.close()
    assert len(boxes) == 2
    for chart in boxes:
        ids = [t for t in chart["texts"] if t["text"] == LONG_IDS[0]]
        assert ids, chart["texts"]
        assert all(chart["left"] - 1 <= t["left"] for t in ids), ids


def test_a_day_of_many_supervisors_prints_as_timelines_a_page_high(browser: Any) -> None:
    """Probe: a day's timeline was one chart whatever the number of supervisors: with 60
    (a cohort of 500), 2,074 px high, a printed page cut it through a row and its next page
    had no hours. It is now split in even parts of at most 25 rows, each with its hours and
    shorter than a page."""
    from matcher.outputs.charts import TimelineEvent, TimelineRow, svg_timeline
    from matcher.outputs.plan_view import _page_chunks

    rows = [
        TimelineRow(f"Superviseur {i}", (TimelineEvent(540, 630, f"C{i}", f"C{i}", i),))
        for i in range(60)
    ]
    chunks = _page_chunks(rows)
    assert [len(c) for c in chunks] == [20, 20, 20]
    assert [r for c in chunks for r in c] == rows
    assert [len(c) for c in _page_chunks(rows[:25])] == [25]
    assert [len(c) for c in _page_chunks(rows[:26])] == [13, 13]
    assert _page_chunks([]) == []
    charts = "".join(svg_timeline(c, (540, 780), "t", str) for c in chunks)
    page = browser.new_page(viewport={"width": PRINTED[0], "height": PRINTED[1]})
    page.set_content(f"<style>svg {{ max-width: 100%; height: auto; }}</style>{charts}")
    boxes = page.evaluate(_TEXT_BOXES)
    page.close()
    assert len(boxes) == 3
    for chart in boxes:
        assert chart["bottom"] - chart["top"] < PRINTED[1] * 0.75
        assert any(t["text"] == "09:00" for t in chart["texts"])


def test_charts_of_many_teams_print_in_parts_on_one_scale() -> None:
    """Probe: the composition and experience charts drew every team in one chart: 50 teams
    (a cohort of 300) made a chart taller than a printed page, cut through a bar, its
    legend on the next page. They are drawn in even parts of at most 33 teams, each with
    its legend, all on one scale (a team of 6 as long in every part)."""
    from test_writers_sample import sample_outcome

    from matcher.outputs.charts import even_parts, svg_experience
    from matcher.outputs.report.teams import CHART_TEAMS, _composition_charts
    from matcher.outputs.views import Composition

    ids = [f"C{i:02d}" for i in range(50)]
    assert [len(p) for p in even_parts(ids, CHART_TEAMS)] == [25, 25]
    column = ("background", "AS")
    composition = Composition(
        columns=(column,), targets={column: (6, 6)}, counts={i: {column: 6} for i in ids}
    )
    sizes = dict.fromkeys(ids, 6) | {"C00": 9}  # the widest team is in the first part
    html = _composition_charts(sample_outcome(), composition, sizes, "en")
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 2
    heights = [float(re.findall(r'height="([\d.]+)"', svg)[0]) for svg in svgs]
    assert max(heights) < PRINTED[1] * 0.9
    # The bar of a team of 6 is as long in both parts (the scale of the widest team).
    widths = [re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"', svg) for svg in svgs]
    assert widths[0][1] == widths[1][0]
    # The experience chart's parts share their scale the same way.
    parts = [
        svg_experience({"A": 10.0}, {"A": 10.0}, "en", 40.0),
        svg_experience({"B": 10.0}, {"B": 10.0}, "en", 40.0),
    ]
    bars = [re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"', svg) for svg in parts]
    assert bars[0] == bars[1] and float(bars[0][0]) < 200


def test_explanations_sheet_rank_labels_are_whole(long_result: Path) -> None:
    """Probe: below the explanations, « not among their written choices » and « no choices
    given » sat in the ids' column (12 wide), cut by the count beside them. They wrap."""
    sheet = _sheet(long_result, "Explanations")
    width = sheet.column_dimensions["A"].width
    labels = [c for c in sheet["A"] if str(c.value or "").startswith(("not among", "no choices"))]
    assert labels
    for cell in labels:
        assert len(cell.value) > width - 2
        assert cell.alignment.wrap_text
        lines = sheet.row_dimensions[cell.row].height / 15
        assert lines * (width - 2) >= len(cell.value), (cell.value, width, lines)
