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

from matcher.labels import Lang, decimal, label
from matcher.outputs import views
from matcher.text import shown_escaped

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
    "#7F7F7F",
    "#BCBD22",
)


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
        colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(columns)}
    largest = max(max(sizes.values(), default=1), 1)
    left, bar_h, gap, width = 90, 20, 8, 560
    legend_rows = (len(columns) + 2) // 3
    top = 10
    height = top + len(teams) * (bar_h + gap) + 26 + legend_rows * 20
    unit = width / largest
    parts = [
        _svg_start(left + width + 40, height, title),
    ]
    for row, commission_id in enumerate(teams):
        y = top + row * (bar_h + gap)
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h - 5}" text-anchor="end" font-size="12">'
            f"{_e(commission_id)}</text>"
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
    legend_y = top + len(teams) * (bar_h + gap) + 14
    for index, column in enumerate(columns):
        lx = left + (index % 3) * 190
        ly = legend_y + (index // 3) * 20
        parts.append(
            f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colours[column]}"/>'
            f'<text x="{lx + 17}" y="{ly}" font-size="12">'
            f"{_e(_value_text(column[1], lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_experience(totals: dict[str, float], fair: dict[str, float], lang: Lang) -> str:
    """Horizontal bars: each team's total years of experience, its fair share (team size ×
    the cohort's mean) marked by a dark line."""
    teams = list(totals)
    if not teams:
        return ""
    largest = max([*totals.values(), *fair.values(), 1.0])
    left, bar_h, gap, width = 90, 18, 8, 520
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
            f"{_e(commission_id)}</text>"
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
            colour, name, tick = PALETTE[5], label("not_listed", lang), "—"
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
    left, width, row_h, top = 170, 820, 34, 26
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
        parts.append(
            f'<text x="{left - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="12">{_e(row.name)}</text>'
        )
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
