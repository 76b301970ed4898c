"""What a result becomes: the output folder (CSV, summary.json, report.html, result.xlsx) and
the terminal lines. Reads result objects; never solves."""
