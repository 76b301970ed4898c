#!/bin/bash
# matrix at 10,000 students; $1 = label; PYTHONPATH chooses the tree
source /work/venvs/stop/bin/activate
cd ${STOP_W:-/tmp/stop-w}
OUT=results-$1.jsonl
run() { python sig.py c10k 120 "$@" -- --quiet >> $OUT; }
run "begin load" 1 INT
run "begin selection" 3 INT
run "begin teams" 1 INT
run "begin teams" 15 INT
run "begin plan" 0.5 INT
run "begin write:report.html" 0.2 INT
run "begin write:result.xlsx" 1 INT
run "begin teams" 15 INT,INT
run "begin write:result.xlsx" 1 INT,INT
run "begin teams" 15 TERM
run "begin write:result.xlsx" 1 TERM
