# ruff: noqa  (a measurement harness kept as it was run in session 8)
# Markdown table of a results-*.jsonl, with CPU seconds from each run's trace.
import json
import re
import sys
from pathlib import Path

rows = [json.loads(l) for l in open(sys.argv[1])]
print("| signal(s) at | phase hit | signal at (s) | → search end: wall s / CPU s after the stop | → exit: wall s / CPU s | exit | files | summary | check | staging left |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |")
for r in rows:
    ev = []
    for l in (Path(r["dir"]) / "trace.log").read_text().splitlines():
        t, rest = l.split(" ", 1)
        m = re.search(r"\(cpu ([0-9.]+)\)", rest)
        ev.append((float(t), rest.split(" [")[0].split(" (cpu")[0], float(m.group(1)) if m else None))
    t0 = ev[0][0]
    # CPU when the watcher took the first Ctrl-C (logged); none for SIGTERM.
    cpu_at = next((c for t, e, c in ev if e == "stop-requested"), None)
    end_cpu = next((c for t, e, c in ev if e in ("begin write_outputs", "begin explain_step") and r["signal_at"] is not None and t - t0 >= r["signal_at"]), None)
    exit_cpu = next((c for t, e, c in ev if e.startswith("exit")), None)
    se = "–" if r["to_search_end"] is None else f"{r['to_search_end']:.2f} / {end_cpu - cpu_at:.2f}" if end_cpu is not None and cpu_at is not None else f"{r['to_search_end']:.2f}"
    ex = f"{r['to_exit']:.2f}" + (f" / {exit_cpu - cpu_at:.2f}" if exit_cpu is not None and cpu_at is not None else "")
    s = r["summary"]
    summ = "–" if not s else ("interrupted" if s.get("interrupted") else "not interrupted") + f", teams {s.get('teams')}, plan {s.get('plan')}"
    print(f"| {r['signals']} at {r['event'].replace('begin ', '')} +{r['offset']:g} s | {r['phase_at_signal']} | {r['signal_at']} | {se} | {ex} | {r['exit']} | {r['files']} | {summ} | {r['check'] if r['check'] is not None else '–'} | {'none' if not r['staging'] else ','.join(r['staging'])} |")
