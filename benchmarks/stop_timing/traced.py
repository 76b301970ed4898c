# ruff: noqa  (a measurement harness kept as it was run in session 8)
"""`matcher` with its phases logged to a file (time.time() per line), for signal timing.

    python traced.py LOG matcher-args...
"""
import os
import sys
import time

LOG = sys.argv[1]
del sys.argv[1]
sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "matcher")
_fd = os.open(LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)


def note(what: str) -> None:
    os.write(_fd, f"{time.time():.4f} {what} (cpu {time.process_time():.2f})\n".encode())


note("imports")
import signal  # noqa: E402

# Threads started by the imports below must not take the signals (matcher blocks them
# before its own heavy imports, inside the command).
if os.environ.get("TRACE_BLOCK"):  # the code before session 8 (sigtimedwait watcher)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGUSR1})
import matcher.app  # noqa: E402
import matcher.cli  # noqa: E402

note("imported")


def wrap(module, name, label=None):
    original = getattr(module, name)
    label = label or name

    def wrapped(*a, **k):
        extra = ""
        for x in list(a) + list(k.values()):
            if type(x).__name__ == "SolveParams":
                extra = f" [limit {x.time_limit:.2f} work {x.work_limit}]"
        note(f"begin {label}{extra}")
        try:
            return original(*a, **k)
        finally:
            note(f"end {label}")

    setattr(module, name, wrapped)


wrap(matcher.app, "load")
wrap(matcher.app, "write_outputs")
wrap(matcher.app, "explain_step")
import matcher.outputs.writers as W  # noqa: E402
import matcher.planning
import matcher.selection  # noqa: E402
import matcher.teams
import models.interrupt  # noqa: E402

wrap(matcher.selection, "select_commissions", "selection")
wrap(matcher.teams, "form_teams", "teams")
wrap(matcher.planning, "plan_teams", "plan")
_req = models.interrupt.request_stop


def request_stop():
    note("stop-requested")
    _req()


models.interrupt.request_stop = request_stop
_writers = W._writers


def writers(outcome):
    out = {}
    for n, w in _writers(outcome).items():
        def one(p, o, l, _w=w, _n=n):
            note(f"begin write:{_n}")
            _w(p, o, l)
            note(f"end write:{_n}")
        out[n] = one
    return out


W._writers = writers
# team-stage sub-phases, when present
try:
    import models.teams.solve as TS
    for fn in ("solve_teams",):
        if hasattr(TS, fn):
            wrap(TS, fn, "engine:" + fn)
except Exception:
    pass
_exit = os._exit


def exiting(code):
    note(f"exit {code}")
    _exit(code)


os._exit = exiting
matcher.cli.console()
