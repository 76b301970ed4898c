"""report.html: one self-contained page a programme director can read offline and print.

Inline CSS and inline SVG charts only: no script, no font, no image fetched from anywhere.
Every piece of data is escaped; every label comes from ``matcher.labels`` in the chosen
language. The page is a pure function of the outcome (no date, no solver time: those live in
summary.json), so two runs with the same input, seed and workers give the same bytes.

``page`` puts the sections in order; each section has its module (``changes``,
``selection``, ``teams``, ``choices``, ``members``), built from the pieces of ``markup``.
"""

from matcher.outputs.report.page import render_report

__all__ = ["render_report"]
