"""Benchmark outputs: results.csv, results.json, results.md (tables, ratios, targets), plot.png."""

from __future__ import annotations

import csv
import json
import statistics
from pathlib import Path
from typing import Any

#: Columns of results.csv, in order (kept in step with run.py's rows).
FIELDS = (
    "case",
    "kind",
    "students",
    "teams",
    "method",
    "status",
    "exit_code",
    "wall_s",
    "solve_s",
    "peak_mb",
    "time_limit",
    "selection_status",
    "selection_time_s",
    "teams_status",
    "teams_time_s",
    "objectives",
    "unproven",
    "gap",
    "worst_choice",
    "balance_violations",
    "choices",
    "experience",
    "first_choice_share",
    "top3_share",
    "rule_violations",
    "scorer",
    "scorer_disagrees",
    "load",
    "note",
)

#: One colour per method, the same in both panels of the plot.
METHOD_COLOURS = {
    "matcher": "tab:blue",
    "random": "tab:grey",
    "greedy": "tab:orange",
    "highs": "tab:red",
    "tf": "tab:purple",
}

METHOD_LABELS = {
    "matcher": "matcher (CP-SAT, ours)",
    "random": "random valid",
    "greedy": "greedy choice-first",
    "highs": "HiGHS MIP",
    "tf": "HBS team-formation",
}


def write_all(out: Path, rows: list[dict[str, Any]], facts: dict[str, Any], *, plot: bool) -> None:
    """Every output file from the rows measured so far."""
    write_csv(out / "results.csv", rows)
    (out / "results.json").write_text(
        json.dumps({"machine": facts, "rows": rows}, indent=1, default=str), encoding="utf-8"
    )
    plotted = write_plot(out / "plot.png", rows) if plot else False
    (out / "results.md").write_text(markdown(rows, facts, plotted), encoding="utf-8")


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({key: "" if row.get(key) is None else row.get(key) for key in FIELDS})


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _ratio(numerator: Any, denominator: Any) -> str:
    """``numerator / denominator`` as ``×r``; '–' when either is missing or zero."""
    try:
        top, bottom = float(numerator), float(denominator)
    except (TypeError, ValueError):
        return "–"
    if bottom <= 0 or top < 0:
        return "–"
    ratio = top / bottom
    return f"×{ratio:.3g}"


def _delta(value: Any, reference: Any) -> str:
    """An integer metric with its difference to ours, e.g. ``12 (+9)``."""
    if value is None or value == "":
        return "–"
    if reference is None or reference == "":
        return _fmt(value)
    diff = float(value) - float(reference)
    sign = "+" if diff > 0 else ""
    shown = int(diff) if float(diff).is_integer() else round(diff, 3)
    return f"{_fmt(value)} ({sign}{shown})"


def _overhead(row: dict[str, Any]) -> str:
    """Wall time not spent in the solver: start-up, loading, diagnosis, writing outputs."""
    try:
        return f"{float(row['wall_s']) - float(row['solve_s']):.2f}"
    except (KeyError, TypeError, ValueError):
        return "–"


def _table(header: list[str], lines: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(line) + " |" for line in lines]
    return out


def _cases(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(row["case"] for row in rows))


def _ours(rows: list[dict[str, Any]], case: str) -> dict[str, Any]:
    return next((r for r in rows if r["case"] == case and r["method"] == "matcher"), {})


def _spread(values: list[float]) -> str:
    """``min / median / max`` of some timings."""
    ordered = sorted(values)
    return f"{ordered[0]:.2f} / {statistics.median(ordered):.2f} / {ordered[-1]:.2f}"


def historical_summary(rows: list[dict[str, Any]]) -> list[str]:
    """One line per method over every historical cohort: status, times, ratios, quality."""
    cases = [r["case"] for r in rows if r["method"] == "matcher" and r.get("kind") == "historical"]
    if not cases:
        return []
    lines = []
    for method, label in METHOD_LABELS.items():
        mine = [r for r in rows if r["method"] == method and r["case"] in cases]
        if not mine:
            continue
        solved = [r for r in mine if r.get("worst_choice") not in (None, "")]
        ratios = []
        for row in solved:
            ours = _ours(rows, row["case"])
            try:
                ratio = float(row["solve_s"]) / float(ours["teams_time_s"])
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                continue
            if ratio > 0:
                ratios.append(ratio)

        def mean(key: str, pool: list[dict[str, Any]] = solved) -> str:
            values = [float(r[key]) for r in pool if r.get(key) not in (None, "")]
            return f"{statistics.fmean(values):.2f}" if values else "–"

        walls = [float(r["wall_s"]) for r in mine if r.get("wall_s") not in (None, "")]
        optimal = sum(1 for r in mine if r.get("status") == "OPTIMAL")
        breaches = sum(int(r["rule_violations"] or 0) for r in solved)
        same = sum(
            1
            for r in solved
            if all(
                str(r.get(k)) == str(_ours(rows, r["case"]).get(k))
                for k in ("worst_choice", "balance_violations", "choices")
            )
        )
        lines.append(
            [
                label,
                f"{len(solved)}/{len(cases)}",
                f"{optimal}" if method in ("matcher", "highs", "tf") else "–",
                f"{statistics.median(walls):.2f}" if walls else "–",
                "1"
                if method == "matcher" or not ratios
                else f"×{statistics.geometric_mean(ratios):.3g}",
                mean("worst_choice"),
                mean("balance_violations"),
                mean("choices"),
                mean("first_choice_share"),
                str(breaches),
                "–" if method == "matcher" else f"{same}/{len(solved)}",
            ]
        )
    return _table(
        [
            "method",
            "solved",
            "proven optimal",
            "median wall s",
            "solve ÷ ours (geometric mean)",
            "mean worst choice",
            "mean balance",
            "mean choices",
            "mean 1st share",
            "rule breaches (total)",
            "same first three priorities as ours",
        ],
        lines,
    )


def targets(rows: list[dict[str, Any]]) -> list[str]:
    """Verdicts on the team-formation issue's targets, with the numbers behind them."""
    lines = []
    small = [
        r
        for r in rows
        if r["method"] == "matcher" and r.get("students") and int(r["students"]) <= 75
    ]
    if not small:
        lines.append(
            "- 60-student cohort, every stage proven optimal, `matcher run` < 1 s: not measured."
        )
    else:
        proven = [
            r
            for r in small
            if r.get("selection_status") == "OPTIMAL" and r.get("teams_status") == "OPTIMAL"
        ]
        walls = [float(r["wall_s"]) for r in small if r.get("wall_s") not in (None, "")]
        solves = [float(r["solve_s"]) for r in small if r.get("solve_s") not in (None, "")]
        fast = [w for w in walls if w < 1.0]
        met = len(proven) == len(small) and len(fast) == len(small)
        line = (
            f"- Cohorts of about 60 students ({len(small)}: "
            f"{', '.join(r['case'] for r in small)}), every stage proven optimal and "
            f"`matcher run` under 1 s wall: **{'met' if met else 'missed'}**. Proven optimal: "
            f"{len(proven)}/{len(small)}; under 1 s wall: {len(fast)}/{len(small)}"
        )
        line += f"; solver under 1 s: {sum(1 for v in solves if v < 1.0)}/{len(small)}"
        if walls:
            line += f"; wall min/median/max {_spread(walls)} s"
        if solves:
            line += f"; solver time (both stages) min/median/max {_spread(solves)} s"
        lines.append(line + ".")
        for row in small:
            if row not in proven:
                lines.append(
                    f"  - {row['case']}: selection {row.get('selection_status')}, teams "
                    f"{row.get('teams_status')}"
                    + (
                        f", first unproven {row['unproven']} (gap {row['gap']})"
                        if row.get("unproven")
                        else ""
                    )
                    + (f"; {row['note']}" if row.get("note") else "")
                )
    target = [r for r in rows if r["method"] == "matcher" and r.get("kind") == "target"]
    if not target:
        lines.append(
            "- 1,000 students / 100 commissions with choices, proven optimal within 60 s: "
            "not measured."
        )
    for row in target:
        all_proven = (
            row.get("selection_status") == "OPTIMAL" and row.get("teams_status") == "OPTIMAL"
        )
        in_time = row.get("solve_s") is not None and float(row["solve_s"]) <= 60.0
        verdict = "**met**" if all_proven and in_time else "**missed**"
        detail = (
            f"selection {row.get('selection_status')}, teams {row.get('teams_status')} "
            f"in {_fmt(row.get('solve_s'))} s of solver time (wall {_fmt(row.get('wall_s'))} s)"
        )
        if row.get("unproven"):
            detail += f"; first unproven priority {row['unproven']}, relative gap {row['gap']}"
        if row.get("note"):
            detail += f"; {row['note']}"
        lines.append(
            f"- {row['case']}: 1,000 students / {row.get('teams') or '?'} commissions "
            f"proven optimal within 60 s: {verdict} — {detail}."
        )
    return lines


def markdown(rows: list[dict[str, Any]], facts: dict[str, Any], plotted: bool) -> str:
    """results.md: our runs, peers side by side with ratios, targets."""
    md = [
        f"# Benchmark results, {facts.get('date_utc', '')}",
        "",
        f"Machine: {facts.get('cpu_count')} cores ({facts.get('cpu_model', '?')}), "
        f"{facts.get('memory_gib', '?')} GiB; Python {facts.get('python')}; matcher "
        f"{facts.get('matcher')} (commit {facts.get('git_commit', '?')}); OR-Tools "
        f"{facts.get('ortools')}; workers {facts.get('workers')}, seed {facts.get('seed')}.",
        f"Command: `{facts.get('command', '')}`; total wall {facts.get('total_wall_s', '?')} s.",
        "Timings are noisy: the 2 cores were shared with other work while this ran. "
        f"Start-up floor (best of three `matcher --version`): {facts.get('startup_s', '?')} s.",
        "",
        "## Our runs (`matcher run`, both stages)",
        "",
        "Objectives are `name=value/bound` in priority order (selection then teams); "
        "the gap is that of the first priority not proven optimal.",
        "",
    ]
    lines = []
    for case in _cases(rows):
        row = _ours(rows, case)
        if not row:
            continue
        gap = (
            "proven"
            if row.get("unproven") == "" and row.get("gap") == 0.0
            else (
                f"{row.get('unproven') or '?'} {_fmt(row.get('gap'), 3)}"
                if row.get("gap") is not None
                else "–"
            )
        )
        lines.append(
            [
                case,
                _fmt(row.get("students")),
                _fmt(row.get("teams")),
                f"{_fmt(row.get('selection_status'))} ({_fmt(row.get('selection_time_s'))} s)",
                f"{_fmt(row.get('teams_status'))} ({_fmt(row.get('teams_time_s'))} s)",
                _fmt(row.get("objectives")),
                gap,
                _fmt(row.get("wall_s")),
                _overhead(row),
                _fmt(row.get("peak_mb"), 0),
                f"{_fmt(row.get('time_limit'), 0)}",
                _fmt(row.get("load")),
                _fmt(row.get("exit_code")),
            ]
        )
    md += _table(
        [
            "case",
            "N",
            "K",
            "selection",
            "teams",
            "objectives",
            "gap",
            "wall s",
            "outside solver s",
            "peak MiB",
            "limit s",
            "load",
            "exit",
        ],
        lines,
    )
    md += [
        "",
        "## Historical cohorts: summary per method",
        "",
        *historical_summary(rows),
        "",
        "## Same cohorts, same selected commissions: peers side by side",
        "",
        "All teams scored by the engine's validator (`matcher.verify.teams`). `solve ÷ ours` is "
        "the method's solving time over our teams stage's; quality columns show the difference "
        "to our teams in brackets (lower is better for all but the shares).",
        "",
    ]
    for case in _cases(rows):
        ours = _ours(rows, case)
        case_rows = [r for r in rows if r["case"] == case]
        lines = []
        for row in case_rows:
            is_ours = row["method"] == "matcher"
            ref = {} if is_ours else ours
            lines.append(
                [
                    METHOD_LABELS.get(row["method"], row["method"]),
                    _fmt(row.get("status")),
                    _fmt(row.get("wall_s")),
                    _fmt(row.get("teams_time_s") if is_ours else row.get("solve_s"), 3),
                    "1" if is_ours else _ratio(row.get("solve_s"), ours.get("teams_time_s")),
                    _delta(row.get("worst_choice"), ref.get("worst_choice")),
                    _delta(row.get("balance_violations"), ref.get("balance_violations")),
                    _delta(row.get("choices"), ref.get("choices")),
                    _delta(row.get("experience"), ref.get("experience")),
                    _fmt(row.get("first_choice_share")),
                    _fmt(row.get("top3_share")),
                    _fmt(row.get("rule_violations")),
                    _fmt(row.get("note")) if row.get("note") else "",
                ]
            )
        n = ours.get("students", "?")
        k = ours.get("teams", "?")
        md += [f"### {case} ({n} students, {k} teams)", ""]
        md += _table(
            [
                "method",
                "status",
                "wall s",
                "solve s",
                "solve ÷ ours",
                "worst choice",
                "balance",
                "choices",
                "experience",
                "1st share",
                "top-3",
                "rule breaches",
                "note",
            ],
            lines,
        )
        md.append("")
    md += ["## Targets (team-formation issue)", "", *targets(rows), ""]
    if plotted:
        md += ["## Plot", "", "![time and gap against N](plot.png)", ""]
    return "\n".join(md)


def write_plot(path: Path, rows: list[dict[str, Any]]) -> bool:
    """Wall time (log-log) and gap (log N) against cohort size; False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    series = [r for r in rows if r.get("kind") == "generated" and r.get("wall_s") not in (None, "")]
    if not series:
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for method, label in METHOD_LABELS.items():
        colour = METHOD_COLOURS[method]
        points = sorted(
            (
                int(r["students"]),
                # Heuristics run in process: their own time; a floor keeps 0 on a log axis.
                max(1e-4, float(r["solve_s"] if method in ("random", "greedy") else r["wall_s"])),
            )
            for r in series
            if r["method"] == method and r.get("status") not in ("SKIPPED", "ERROR")
        )
        if points:
            left.plot(*zip(*points, strict=True), marker="o", color=colour, label=label)
        gaps = sorted(
            (int(r["students"]), 100 * float(r["gap"]))
            for r in series
            if r["method"] == method and r.get("gap") not in (None, "")
        )
        if gaps:
            if method == "tf":
                label += " (its own objective)"
            right.plot(*zip(*gaps, strict=True), marker="o", color=colour, label=label)
    limits = sorted(
        {(int(r["students"]), float(r["time_limit"])) for r in series if r.get("time_limit")}
    )
    if limits:
        left.plot(*zip(*limits, strict=True), linestyle="--", color="grey", label="time limit")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("students N (K ≈ N/6 commissions)")
    left.set_ylabel("wall time, s (heuristics: in-process time)")
    left.set_title("Time against N")
    left.grid(True, which="both", alpha=0.3)
    if left.get_legend_handles_labels()[0]:
        left.legend(fontsize=8)
    right.set_xscale("log")
    right.set_xlabel("students N")
    right.set_ylabel("relative gap of first unproven priority, %")
    right.set_title("Optimality gap against N (0 = proven)")
    right.grid(True, which="both", alpha=0.3)
    if right.get_legend_handles_labels()[0]:
        right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
