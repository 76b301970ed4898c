"""Screenshots of the French report for the README (``docs/*.png``).

Usage: ``python docs/make_screenshots.py REPORT_HTML OUT_DIR`` with headless Chromium at
/usr/bin/chromium. Each screenshot shows the page header and one part of the report (from
one section heading to the next one named), so that it stays legible at README width.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

#: (file name, first section, section where it stops or "" for the end, window height).
PARTS = (
    ("report-fr-summary.png", "broken", "selection", 900),
    ("report-fr-brief.png", "summary_plain", "selection", 420),
    ("report-fr-composition.png", "composition", "choices", 2000),
    ("report-fr-choices.png", "choices", "members", 640),
)


def excerpt(html: str, start: str, stop: str) -> str | None:
    """The page with only the sections from ``start`` to before ``stop`` in its body."""
    begin = html.find(f'<h2 id="{start}">')
    if begin < 0:
        return None
    end = html.find(f'<h2 id="{stop}">', begin) if stop else html.find("</main>")
    header_end = html.find("</header>") + len("</header>")
    return html[:header_end] + html[begin:end] + "</main></body></html>"


def main() -> None:
    report, out = Path(sys.argv[1]), Path(sys.argv[2])
    html = report.read_text(encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, start, stop, height in PARTS:
            part = excerpt(html, start, stop)
            if part is None:
                continue
            page = Path(tmp) / f"{name}.html"
            page.write_text(re.sub(r"<nav.*?</nav>", "", part, flags=re.S), encoding="utf-8")
            subprocess.run(
                [
                    "/usr/bin/chromium",
                    "--headless",
                    "--no-sandbox",
                    "--hide-scrollbars",
                    f"--screenshot={out / name}",
                    f"--window-size=1100,{height}",
                    page.as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            print(out / name)


if __name__ == "__main__":
    main()
