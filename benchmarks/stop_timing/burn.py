# ruff: noqa  (a measurement harness kept as it was run in session 8)
# A CPU burner: N busy processes until killed (pids in /tmp/stop-w/burn.pids).
import multiprocessing
import os
import sys


def spin():
    x = 0
    while True:
        x += 1
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    procs = [multiprocessing.Process(target=spin, daemon=True) for _ in range(n)]
    for p in procs: p.start()
    with open("/tmp/stop-w/burn.pids", "w") as f:
        f.write(" ".join(str(p.pid) for p in procs) + f" {os.getpid()}\n")
    for p in procs: p.join()
