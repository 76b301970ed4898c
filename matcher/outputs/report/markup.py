"""The HTML pieces every section of report.html is built from: escaping, tables, figure cards,
section headings, and the page's stylesheet."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from matcher.labels import Lang, label, metric_label, metric_value
from matcher.text import shown_escaped


@cache
def stylesheet() -> str:
    """The CSS of the page: the package asset ``assets/report.css``, inlined."""
    return resources.files("matcher.outputs").joinpath("assets/report.css").read_text("utf-8")


def esc(value: object) -> str:
    """``value`` as text escaped for HTML (quotes included), control characters shown
    escaped (``\\x1b``): none reaches the page raw (contract §2)."""
    return escape(shown_escaped(str(value)), quote=True)


def yes_no(flag: bool, lang: Lang) -> str:
    """The word "yes" or "no" in ``lang``."""
    return label("yes" if flag else "no", lang)


#: A table cell: escaped HTML, or (escaped HTML, extra CSS class).
Cell = str | tuple[str, str]


def table(
    headers: Sequence[tuple[str, bool]],
    rows: Iterable[Sequence[Cell]],
    row_classes: Iterable[str] | None = None,
) -> str:
    """An HTML table; headers are (label, numeric) and cells are already-escaped HTML."""
    head = "".join(
        f'<th scope="col" class="num">{h}</th>' if num else f'<th scope="col">{h}</th>'
        for h, num in headers
    )
    body = []
    classes = list(row_classes) if row_classes is not None else None
    # The opening tag of a plain cell of each column, computed once per table.
    plain = ['<td class="num">' if num else "<td>" for _, num in headers]
    for index, row in enumerate(rows):
        cls = f' class="{classes[index]}"' if classes and classes[index] else ""
        cells = []
        for cell, (_, num), opening in zip(row, headers, plain, strict=True):
            if isinstance(cell, tuple):
                html, extra = cell
                css = f"num {extra}" if num and extra else ("num" if num else extra)
                cells.append(f'<td class="{css}">{html}</td>' if css else f"<td>{html}</td>")
            else:
                cells.append(f"{opening}{cell}</td>")
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def h2(section: str, lang: Lang) -> str:
    """A section heading with its anchor."""
    return f'<h2 id="{section}">{esc(label("section_" + section, lang))}</h2>'


def cards(items: Sequence[tuple[str, str]]) -> str:
    """A row of figure cards, each a (label, value) pair."""
    html = "".join(
        f'<div class="card"><div class="v">{esc(v)}</div><div class="k">{esc(k)}</div></div>'
        for k, v in items
    )
    return f'<div class="cards">{html}</div>'


def metric_cards(values: dict[str, Any], lang: Lang) -> str:
    """One card per metric, labelled in ``lang``."""
    return cards([(metric_label(k, lang), metric_value(k, v, lang)) for k, v in values.items()])
