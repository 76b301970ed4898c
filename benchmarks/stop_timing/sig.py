# ruff: noqa  (a measurement harness kept as it was run in session 8)
"""Send signals to a traced `matcher run` at a phase, measure what follows.

    python sig.py COHORT LIMIT EVENT OFFSET SIGNALS [GAP] [-- extra matcher args]

EVENT: a line of the trace log ("begin teams", "begin write:result.xlsx", ...); OFFSET: seconds
after it; SIGNALS: INT | INT,INT | TERM | none; GAP: seconds between two signals (default 0.3).
Prints one JSON line.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
PY = sys.executable
MATCHER = str(Path(PY).parent / "matcher")

args = sys.argv[1:]
extra: list[str] = []
if "--" in args:
    i = args.index("--")
    args, extra = args[:i], args[i + 1:]
cohort, limit, event, offset, sigs = args[:5]
gap = float(args[5]) if len(args) > 5 else 0.3
tag = f"{Path(cohort).name}-{event.replace(' ', '_').replace(':', '_')}-{offset}-{sigs}-{os.getpid()}"
base = Path(f"/tmp/stop-w/runs/{tag}")
base.mkdir(parents=True, exist_ok=True)
log = base / "trace.log"
out = base / "out"
cmd = [PY, str(HERE / "traced.py"), str(log), "run", cohort, "--out", str(out),
       "--time-limit", limit, "--lang", "en", *extra]
err = open(base / "stderr", "w")
t_start = time.time()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)


def events():
    try:
        return [(float(l.split(" ", 1)[0]), l.split(" ", 1)[1].split(" [")[0].split(" (cpu")[0].strip())
                for l in log.read_text().splitlines() if " " in l]
    except FileNotFoundError:
        return []


t_sig = None
sent = []
if sigs != "none":
    seen = None
    while proc.poll() is None and seen is None:
        for t, e in events():
            if e == event:
                seen = t
                break
        else:
            time.sleep(0.01)
    if seen is not None:
        while time.time() < seen + float(offset) and proc.poll() is None:
            time.sleep(0.005)
        for k, name in enumerate(sigs.split(",")):
            if proc.poll() is not None:
                break
            if k:
                time.sleep(gap)
            sent.append(time.time())
            proc.send_signal(getattr(signal, "SIG" + name))
        t_sig = sent[0] if sent else None
code = proc.wait()
t_exit = time.time()
ev = events()
t0 = ev[0][0] if ev else t_start
phase_at_signal = None
search_end = None
if t_sig is not None:
    began = [e for t, e in ev if t <= t_sig and e.startswith("begin")]
    ended = {e[4:] for t, e in ev if t <= t_sig and e.startswith("end")}
    open_ = [b[6:] for b in began if b[6:] not in ended]
    phase_at_signal = open_[-1] if open_ else (began[-1][6:] + " (ended)" if began else "start-up")
    for t, e in ev:
        if t >= t_sig and e in ("begin write_outputs", "begin explain_step"):
            search_end = t - t_sig
            break
files = sorted(p.name for p in out.iterdir()) if out.exists() else []
staging = [p.name for p in base.iterdir() if p.name.startswith(".matcher-")]
summary = {}
if (out / "summary.json").exists():
    s = json.loads((out / "summary.json").read_text())
    summary = {"interrupted": s.get("interrupted", False),
               **{k: s[k]["status"] for k in ("selection", "teams", "plan") if k in s}}
check = None
if files:
    c = subprocess.run([MATCHER, "check", cohort, "--result", str(out), "--quiet", "--lang", "en",
                        "--time-limit", "5"], capture_output=True, text=True)
    check = c.returncode
stderr = (base / "stderr").read_text().strip().splitlines()
row = {
    "cohort": Path(cohort).name, "limit": limit, "event": event, "offset": float(offset),
    "signals": sigs, "phase_at_signal": phase_at_signal,
    "signal_at": None if t_sig is None else round(t_sig - t0, 2),
    "to_search_end": None if search_end is None else round(search_end, 2),
    "to_exit": None if t_sig is None else round(t_exit - t_sig, 2),
    "wall": round(t_exit - t_start, 2), "exit": code, "files": len(files),
    "summary": summary, "check": check, "staging": staging,
    "stderr": [l for l in stderr if "best " not in l][-3:],
    "dir": str(base),
}
print(json.dumps(row, ensure_ascii=False), flush=True)
