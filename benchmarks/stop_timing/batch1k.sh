#!/bin/bash
# before/after matrix at 1,000 students; $1 = label (jsonl name)
source /work/venvs/stop/bin/activate
cd ${STOP_W:-/tmp/stop-w}
OUT=results-$1.jsonl
run() { python sig.py c1k 60 "$@" -- --quiet >> $OUT; }
run "begin load" 0.02 INT
run "begin selection" 0.05 INT
run "begin teams" 0.3 INT
run "begin teams" 10 INT
run "begin teams" 40 INT
run "begin teams" 20 INT
run "begin plan" 0 INT
run "begin write:calendar.ics" 0 INT
run "begin write:result.xlsx" 0.1 INT
run "begin teams" 10 INT,INT
run "begin plan" 0 INT,INT
run "begin write:result.xlsx" 0.1 INT,INT
run "begin load" 0.02 TERM
run "begin teams" 10 TERM
run "begin plan" 0 TERM
run "begin write:result.xlsx" 0.1 TERM
