"""The inline SVG charts of report.html: one composition chart per balanced attribute
(background, VAE, employment, gender, …), experience per team against its fair share, the
choice-rank histogram, and the timeline of a day of visits or orals (stage 3).

Pure functions of the data they draw (no script, no font): the page stays self-contained and
two runs with the same input give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TypeVar

from matcher.labels import Lang, decimal, label
from matcher.outputs import views
from matcher.text import shown_escaped

_T = TypeVar("_T")

#: Colour-blind-friendly palette (Okabe–Ito, then Tableau) for chart categories.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
    "#8C564B",
    "#17BECF",
    "#9467BD",
    "#BCBD22",
)


def category_colour(index: int) -> str:
    """The colour of a chart's ``index``-th category: :data:`PALETTE`'s, then hues turned
    by the golden angle, darker and lighter by turns, so that no two categories share one
    (probe s40i: 14 backgrounds, the 13th drawn in the 1st's blue)."""
    if index < len(PALETTE):
        return PALETTE[index]
    import colorsys

    hue = (index * 0.381966) % 1.0
    lightness = 0.38 if index % 2 else 0.62
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, 0.65)
    return "#{:02X}{:02X}{:02X}".format(*(round(255 * c) for c in (red, green, blue)))


def _value_text(value: views.AttrValue, lang: Lang) -> str:
    """A category as written, a flag as yes/no in the language."""
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    return value


def svg_composition(
    composition: views.Composition,
    sizes: dict[str, int],
    lang: Lang,
    attribute: str = "background",
    title: str | None = None,
) -> str:
    """Horizontal stacked bars: one per team, one segment per value of ``attribute``."""
    columns = [c for c in composition.columns if c[0] == attribute]
    teams = list(composition.counts)
    if not columns or not teams:
        return ""
    title = title if title is not None else label("chart_composition", lang)
    # Flags: "yes" in a strong colour, "no" in grey, so the balanced value stands out.
    if all(isinstance(c[1], bool) for c in columns):
        colours = {c: (PALETTE[0] if c[1] else "#C9D1DA") for c in columns}
    else:
        colours = {c: category_colour(i) for i, c in enumerate(columns)}
    largest = max(max(sizes.values(), default=1), 1)
    left, bar_h, gap, width = label_column(teams), 20, 8, 560
    top = 10
    legend_y = top + len(teams) * (bar_h + gap) + 14
    # The legend laid out from the labels' widths: a long background never runs into the
    # next one or out of the chart (on paper as on screen).
    legend, legend_h = _legend(
        [(colours[c], _value_text(c[1], lang)) for c in columns], 10, legend_y, left + width + 20
    )
    height = legend_y + legend_h
    unit = width / largest
    parts = [
        _svg_start(left + width + 40, height, title),
    ]
    for row, commission_id in enumerate(teams):
        y = top + row * (bar_h + gap)
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h - 5}" text-anchor="end" font-size="12">'
            f"{_e(_cut(commission_id, left - 12, 12))}</text>"
        )
        x = float(left)
        for column in columns:
            count = composition.counts[commission_id].get(column, 0)
            if not count:
                continue
            w = count * unit
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{colours[column]}" stroke="#fff" stroke-width="1">'
                f"<title>{_e(commission_id)} · {_e(_value_text(column[1], lang))}"
                f"{label('colon', lang)}{count}</title></rect>"
            )
            if w >= 14:
                ink = "#1f2933" if colours[column] == "#C9D1DA" else "#fff"
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h - 5}" text-anchor="middle" '
                    f'font-size="11" fill="{ink}">{count}</text>'
                )
            x += w
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + bar_h - 5}" font-size="11" fill="#5b6775">'
            f"{sizes.get(commission_id, 0)}</text>"
        )
    parts.extend(legend)
    parts.append("</svg>")
    return "".join(parts)


def svg_experience(
    totals: dict[str, float], fair: dict[str, float], lang: Lang, largest: float = 0.0
) -> str:
    """Horizontal bars: each team's total years of experience, its fair share (team size ×
    the cohort's mean) marked by a dark line; ``largest``: the scale's end, when the chart
    is one part of several that must share it (else the largest value drawn)."""
    teams = list(totals)
    if not teams:
        return ""
    largest = max([*totals.values(), *fair.values(), 1.0, largest])
    left, bar_h, gap, width = label_column(teams), 18, 8, 520
    top = 10
    height = top + len(teams) * (bar_h + gap) + 10
    unit = width / largest
    parts = [
        _svg_start(left + width + 60, height, label("chart_experience", lang)),
    ]
    for row, commission_id in enumerate(teams):
        y = top + row * (bar_h + gap)
        total = totals[commission_id]
        w = total * unit
        mark = left + fair.get(commission_id, 0.0) * unit
        years = decimal(total, lang, None)  # 12,5 in French
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h - 4}" text-anchor="end" font-size="12">'
            f"{_e(_cut(commission_id, left - 12, 12))}</text>"
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[2]}">'
            f"<title>{_e(commission_id)}{label('colon', lang)}{years}</title></rect>"
            f'<line x1="{mark:.1f}" y1="{y - 2}" x2="{mark:.1f}" y2="{y + bar_h + 2}" '
            f'stroke="#1f2933" stroke-width="2"/>'
            f'<text x="{left + max(w, mark - left) + 8:.1f}" y="{y + bar_h - 4}" font-size="11" '
            f'fill="#5b6775">{years}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_histogram(histogram: dict[int | None, int], lang: Lang) -> str:
    """Vertical bars: number of students per written choice, unlisted (``None``) last."""
    if not histogram:
        return ""
    ranks = list(histogram)
    largest = max(max(histogram.values()), 1)
    bar_w, gap, plot_h, left, top = 46, 14, 150, 40, 18
    width = left + len(ranks) * (bar_w + gap) + 10
    height = top + plot_h + 44
    parts = [
        _svg_start(width, height, label("chart_choices", lang)),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}" '
        f'stroke="#8894a2"/>',
    ]
    for index, rank in enumerate(ranks):
        count = histogram[rank]
        h = plot_h * count / largest
        x = left + index * (bar_w + gap) + gap / 2
        y = top + plot_h - h
        if rank is None:
            # Named under its bar, not « — » (probe s40i: said only by a tooltip, which
            # no printed page shows).
            colour, name = PALETTE[5], label("not_listed", lang)
            tick = name
        else:
            colour = PALETTE[2] if rank == 1 else (PALETTE[0] if rank <= 3 else PALETTE[4])
            name, tick = label("rank_n", lang, n=rank), str(rank)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w}" height="{h:.1f}" fill="{colour}">'
            f"<title>{_e(name)}{label('colon', lang)}{count}</title></rect>"
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="12">{count}</text>'
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="12">{_e(tick)}</text>'
        )
    parts.append(
        f'<text x="{left + (width - left) / 2:.1f}" y="{height - 6}" text-anchor="middle" '
        f'font-size="12" fill="#5b6775">{_e(label("rank_axis", lang))}</text>'
        f'<text x="12" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-size="12" '
        f'fill="#5b6775" transform="rotate(-90 12 {top + plot_h / 2:.1f})">'
        f"{_e(label('students_axis', lang))}</text></svg>"
    )
    return "".join(parts)


def _e(value: object) -> str:
    """``value`` as text safe inside HTML elements and attribute values (control
    characters shown escaped)."""
    return escape(shown_escaped(str(value)), quote=True)


#: Widths of the narrow and wide letters, in ems of a sans-serif font (Arial, Helvetica,
#: Roboto, Segoe UI: what a browser picks for the page's font list); others are 0.56 em.
_NARROW = dict.fromkeys("fijlrtI!.,:;'|() ", 0.3)
_WIDE = dict.fromkeys("mwMW", 0.85) | dict.fromkeys("ABCDEFGHKNOPQRSUVXYZ&%@", 0.68)


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size`` px (a little more rather than less)."""
    return size * sum(_NARROW.get(c, _WIDE.get(c, 0.56)) for c in text)


def wrapped(text: str, room: float, size: float, most: int) -> list[str]:
    """``text`` in at most ``most`` lines of at most ``room`` px, broken at spaces; a word
    wider than a line, or what the last line cannot hold, is cut with "…"."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_cut(line, room, size) for line in lines]


def even_parts(items: Sequence[_T], most: int) -> list[list[_T]]:
    """``items`` in as few even parts of at most ``most`` as they need (none: no part): a
    chart of one row or bar per item, drawn as several charts that each print on a page."""
    if not items:
        return []
    parts = -(-len(items) // most)
    size = -(-len(items) // parts)
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def label_column(names: Sequence[str]) -> int:
    """The width of a chart's column of team names (ids at 12 px): 90 px, wider for long
    ids up to 240 px (a longer one is cut with "…"): never cut by the chart's left edge."""
    longest = max((text_width(name, 12) for name in names), default=0)
    return int(min(max(longest + 16, 90), 240))


def _cut(line: str, room: float, size: float) -> str:
    """``line`` cut with "…" to what ``room`` px hold."""
    if text_width(line, size) <= room:
        return line
    while line and text_width(line + "…", size) > room:
        line = line[:-1]
    return line.rstrip() + "…"


def _lines(x: float, y: float, lines: Sequence[str], size: int, attributes: str = "") -> str:
    """An SVG text of ``lines`` one under the other, the first's baseline at ``y``."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size + 2}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{attributes}>{spans}</text>'


def _legend(
    items: Sequence[tuple[str, str]], x0: float, y0: float, room: float
) -> tuple[list[str], float]:
    """A legend of (colour, text) items in equal columns as wide as the widest item, as
    many as ``room`` px hold (a text wider than the whole room on up to three lines):
    its SVG parts, the first row's baseline at ``y0``, and the height it takes."""
    swatch, size = 17, 12
    widest = max(text_width(text, size) for _, text in items) + swatch + 16
    per_row = max(1, min(len(items), int(room // widest)))
    column = min(room / per_row, max(widest, 190))
    parts: list[str] = []
    y = y0
    for start in range(0, len(items), per_row):
        row = items[start : start + per_row]
        texts = [wrapped(text, column - swatch - 8, size, 3) for _, text in row]
        for index, ((colour, _), lines) in enumerate(zip(row, texts, strict=True)):
            lx = x0 + index * column
            parts.append(
                f'<rect x="{lx:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{colour}"/>'
                + _lines(lx + swatch, y, lines, size)
            )
        y += max(len(lines) for lines in texts) * (size + 2) + 6
    return parts, y - y0


# -- Stage 3: the timeline of a day ----------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    """One box of a timeline: minutes since midnight, its label and hover text."""

    start: int
    end: int
    text: str
    detail: str
    #: Index into ``PALETTE`` (one colour per team, the same for its visit and its oral).
    colour: int = 0
    #: Minutes the supervisor needs to travel here from their previous event (0: none).
    travel_before: int = 0


@dataclass(frozen=True)
class TimelineRow:
    """One supervisor's events on one day, in start order."""

    name: str
    events: tuple[TimelineEvent, ...]


def _svg_start(width: float, height: float, title: str) -> str:
    """The opening of a self-contained SVG chart and its accessible title."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{_e(title)}</title>'
    )


def svg_timeline(
    rows: Sequence[TimelineRow],
    window: tuple[int, int],
    title: str,
    travel_note: Callable[[int], str],
) -> str:
    """A day at a glance: one row per supervisor, x = time of day, a box per event.

    The travel each supervisor needs before an event is drawn as a hatched band ending
    where that travel must have ended (``travel_before`` minutes before the box, on the
    gap left by the previous event), so that the gaps between boxes read as travel;
    ``travel_note(minutes)`` is the band's tooltip, worded in the report's language.
    """
    if not rows:
        return ""
    begin, end = window
    # The names' column as wide as the longest name needs (170 to 300 px); a longer name
    # on two lines, cut with "…" beyond them: never cut by the chart's edge.
    longest = max(text_width(row.name, 12) for row in rows)
    left, width, row_h, top = int(min(max(longest + 16, 170), 300)), 820, 34, 26
    span = max(end - begin, 1)
    height = top + len(rows) * row_h + 8

    def x_of(minutes: int) -> float:
        return left + (minutes - begin) * width / span

    parts = [
        _svg_start(left + width + 20, height, title),
        '<defs><pattern id="travel" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f6f9"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#8894a2" stroke-width="2"/></pattern></defs>',
    ]
    first_hour = -(-begin // 60) * 60
    for hour in range(first_hour, end + 1, 60):
        x = x_of(hour)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}" '
            f'stroke="#d8dee6"/><text x="{x:.1f}" y="{top - 10}" text-anchor="middle" '
            f'font-size="11" fill="#5b6775">{hour // 60:02d}:{hour % 60:02d}</text>'
        )
    for index, row in enumerate(rows):
        y = top + index * row_h
        if index % 2 == 0:
            parts.append(
                f'<rect x="0" y="{y}" width="{left + width + 20}" height="{row_h}" fill="#f9fafb"/>'
            )
        lines = wrapped(row.name, left - 16, 12, 2)
        baseline = y + row_h / 2 + 4 - 7 * (len(lines) - 1)
        parts.append(_lines(left - 8, baseline, lines, 12, ' text-anchor="end"'))
        for event in row.events:
            if event.travel_before:
                x0 = x_of(event.start - event.travel_before)
                x1 = x_of(event.start)
                parts.append(
                    f'<rect x="{x0:.1f}" y="{y + 11}" width="{x1 - x0:.1f}" height="12" '
                    f'fill="url(#travel)" stroke="#8894a2" stroke-width="0.5">'
                    f"<title>{_e(travel_note(event.travel_before))}</title></rect>"
                )
            x0, x1 = x_of(event.start), x_of(event.end)
            colour = PALETTE[event.colour % len(PALETTE)]
            ink = "#1d2733" if colour in ("#F0E442", "#E69F00", "#56B4E9", "#BCBD22") else "#fff"
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="{row_h - 8}" '
                f'rx="4" fill="{colour}"><title>{_e(event.detail)}</title></rect>'
            )
            # The label, cut to what the box holds (about 6.2 px per character at 11 px).
            room = int((x1 - x0 - 8) / 6.2)
            text = event.text if len(event.text) <= room else event.text[: max(room - 1, 0)] + "…"
            if room >= 3:
                parts.append(
                    f'<text x="{x0 + 5:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="11" '
                    f'fill="{ink}">{_e(text)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
