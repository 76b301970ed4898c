"""report.html: well-formed, self-contained, escaped, labelled in the chosen language."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_writers_sample import sample_outcome, sample_outcome_with_experience

from matcher.labels import LANGS, Lang, all_keys, label
from matcher.outputs import views
from matcher.outputs.report import render_report
from matcher.results import RunOutcome

#: Elements that never have a closing tag in HTML.
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line"}


class _Page(HTMLParser):
    """Collects the tag structure, text, attributes and ids of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id" and value:
                self.ids.append(value)
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2:
            self.h2[-1] += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_is_well_formed_and_self_contained(lang: Lang) -> None:
    html = render_report(sample_outcome(with_changes=True), lang)
    page = _parse(html)
    assert page.errors == []
    assert page.stack == []
    assert html.startswith("<!DOCTYPE html>")
    # Nothing fetched: no script, external stylesheet, image, font or URL.
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    for tag, name, value in page.attrs:
        if name == "src" or (name == "href" and not (value or "").startswith("#")):
            pytest.fail(f"{tag} {name}={value} would be fetched")
        if name == "href":
            assert (value or "#")[1:] in page.ids, f"link to a missing anchor {value}"
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", html)
    assert len(page.ids) == len(set(page.ids))


def test_every_data_value_is_escaped() -> None:
    html = render_report(sample_outcome(), "en")
    assert "<b>Dupont</b>" not in html
    assert "Zoé &lt;b&gt;Dupont&lt;/b&gt;" in html
    assert "AMO &lt;Le Pont&gt; &amp; Co" in html
    text = "".join(_parse(html).text)
    assert "Zoé <b>Dupont</b>" in text
    assert 'Pourquoi les jeunes "décrochent"-ils ?' in text


def test_the_page_shows_selection_teams_composition_choices_and_charts() -> None:
    outcome = sample_outcome()
    page = _parse(render_report(outcome, "en"))
    text = " ".join(page.text)
    for key in (
        "section_summary_plain",
        "section_selection",
        "section_composition",
        "section_choices",
        "section_members",
        "section_technical",
    ):
        assert label(key, "en") in page.h2
    assert label("section_changes", "en") not in page.h2
    # The exact priorities (value, bound) are in the technical part, not a main section.
    assert label("section_priorities", "en") not in page.h2
    assert label("section_priorities", "en") in text
    # One composition chart per balanced attribute present, experience per team when known,
    # and the choice-rank histogram.
    attributes = {attribute for attribute, _ in views.composition(outcome).columns}
    experience = any(s.experience_years is not None for s in outcome.instance.students)
    assert page.tags.count("svg") == len(attributes) + int(experience) + 1
    assert len(attributes) >= 2
    assert outcome.teams is not None
    for commission_id in outcome.teams.commission_ids:
        assert f"team-{commission_id}" in page.ids
    for student in outcome.instance.students:
        assert student.display_name in text
    # Reserve and reason of a proposal not selected.
    assert "institution already selected" in text and "not available: visit" in text
    # Status badges and the proof: teams stopped at the time limit.
    assert label("not_proven", "en") in text
    # 6 of 8 students with choices got their first choice.
    assert "75%" in text


def test_the_whatif_section_lists_moves_and_replacements() -> None:
    page = _parse(render_report(sample_outcome(with_changes=True), "en"))
    assert label("section_changes", "en") in page.h2
    text = " ".join(page.text)
    assert "Tom Jacobs" in text and label("arrived", "en") in text
    assert "C4 → " in text


def test_french_labels_replace_english_ones() -> None:
    outcome: RunOutcome = sample_outcome(with_changes=True)
    english = " ".join(_parse(render_report(outcome, "en")).h2)
    french_page = _parse(render_report(outcome, "fr"))
    french = " ".join(french_page.h2)
    assert label("section_teams", "fr") in french and label("section_teams", "en") not in french
    assert 'lang="fr"' in render_report(outcome, "fr")
    assert english != french
    assert "oui" in french_page.text


def test_french_report_puts_a_space_before_colons() -> None:
    """French typography in the report: status badges ("sélection : optimal") and
    composition chips ("VAE : oui") keep a space before the colon; English keeps none."""
    outcome: RunOutcome = sample_outcome(with_changes=True)
    page = re.sub(r"(?s)<(style|script)\b.*?</\1>", "", render_report(outcome, "fr"))
    # The fixture's own reason for C5 is a plain English string: not a label.
    # Tags removed without a space, so that "<strong>x</strong>: 8" shows its colon as read.
    french = re.sub(r"<[^>]*>", "", page).replace("not available: visit", "")
    french = french.replace("students.csv, row 9: no choices", "")  # the fixture's warning
    assert re.search(r"\w: ", french) is None, re.findall(r".{20}\w: .{10}", french)[:3]
    assert f"{label('stage_selection', 'fr')} : " in french
    english = " ".join(_parse(render_report(outcome, "en")).text)
    assert f"{label('stage_selection', 'en')}: " in english


def test_every_label_has_both_languages() -> None:
    for key in all_keys():
        assert label(key, "en").strip() and label(key, "fr").strip(), key


def test_a_selection_only_report_has_no_team_sections() -> None:
    full = sample_outcome()
    page = _parse(render_report(RunOutcome(full.instance, full.settings, full.selection), "fr"))
    assert page.errors == [] and page.stack == []
    assert label("section_selection", "fr") in page.h2
    assert label("section_teams", "fr") not in page.h2
    assert "svg" not in page.tags


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(str.strip), st.text(max_size=30))
def test_any_names_keep_the_page_well_formed(institution: str, name: str) -> None:
    from matcher.text import shown_escaped

    full = sample_outcome(with_changes=True)
    commissions = tuple(
        c.model_copy(update={"institution": institution}) if c.id == "C2" else c
        for c in full.instance.commissions
    )
    students = tuple(
        s.model_copy(update={"name": name}) if s.id == "S1" else s for s in full.instance.students
    )
    instance = full.instance.model_copy(update={"commissions": commissions, "students": students})
    outcome = RunOutcome(instance, full.settings, full.selection, full.teams, full.changes)
    page = _parse(render_report(outcome, "en"))
    assert page.errors == [] and page.stack == []
    assert "script" not in page.tags
    text = "".join(page.text)
    # Control characters are shown escaped (contract §2); a carriage return too.
    assert shown_escaped(institution) in text


def test_a_given_selection_is_not_reported_as_stopped_by_the_time_limit() -> None:
    import dataclasses

    from matcher.results import StageResult, Status

    full = sample_outcome()
    assert full.selection is not None and full.teams is not None
    given = dataclasses.replace(full.selection, stage=StageResult.from_file())
    optimal_teams = dataclasses.replace(
        full.teams, stage=dataclasses.replace(full.teams.stage, status=Status.OPTIMAL)
    )
    outcome = RunOutcome(full.instance, full.settings, given, optimal_teams)
    text = " ".join(_parse(render_report(outcome, "en")).text)
    assert label("status_given", "en") in text
    assert label("status_FEASIBLE", "en") not in text
    assert label("proven", "en") in text and label("not_proven", "en") not in text


def test_matcher_run_writes_a_french_report(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from test_writers_sample import write_instance

    from matcher.cli import main

    instance = write_instance(tmp_path / "instance")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["run", str(instance), "--out", str(out), "--lang", "fr", "--quiet", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    page = _parse(html)
    assert page.errors == [] and page.stack == []
    assert label("section_members", "fr") in page.h2
    assert label("proven", "fr") in " ".join(page.text)
    for commission_id in ("C1", "C2", "C3"):
        assert f"team-{commission_id}" in page.ids


@pytest.mark.parametrize("lang", LANGS)
def test_the_technical_figures_are_named_in_the_readers_language(lang: Lang) -> None:
    """Contract §7: in French everything a person reads is French. The technical part
    listed every figure under its summary.json key only (``worst_choice``,
    ``first_choice_share``…), an English table in a French report. Each figure now has
    its label (the words the terminal and the workbook already use) with the key beside
    it as a name in a file, in ``<code>``; no key stands alone in a cell."""
    from matcher.labels import has_label, metric_label

    outcome: RunOutcome = sample_outcome()
    page = render_report(outcome, lang)
    figures = views.metrics(outcome)
    assert figures.get("teams"), "the fixture has teams"
    for values in figures.values():
        for key in values:
            named = metric_label(key, lang)
            assert has_label(f"m_{key}"), f"{key} has no label"
            assert named == key or f"<td>{key}</td>" not in page
            assert re.search(
                rf"<td>{re.escape(escape(named, quote=True))}</td><td><code>{key}</code></td>",
                page,
            ), key


@pytest.mark.parametrize("lang", LANGS)
def test_the_experience_priority_is_shown_in_years(lang: Lang) -> None:
    """The priorities table showed the experience priority as the solver's integer (6450)
    where the terminal says years (its value is the gap from the fair share times 10·N,
    README): value and bound in years, the same text as the terminal's summary."""

    from matcher.labels import priority_label, years
    from matcher.outputs.progress import summary_lines

    outcome = sample_outcome_with_experience()
    students = len(outcome.instance.students)
    page = render_report(outcome, lang)
    value, bound = years(6450 / (10 * students), lang), years(6000 / (10 * students), lang)
    named = escape(priority_label("experience", lang))
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if named in row]
    assert len(rows) == 1
    assert escape(value) in rows[0] and escape(bound) in rows[0], rows[0]
    assert ">6450<" not in page and ">6000<" not in page
    terminal = "\n".join(summary_lines(outcome, lang))
    assert value in terminal and bound in terminal
