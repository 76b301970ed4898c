#!/bin/bash
# over.sh LABEL COHORT LIMIT [burn] : one traced run, its phases and wall, into over-LABEL.txt
source /work/venvs/stop/bin/activate
cd ${STOP_W:-/tmp/stop-w}
label=$1; cohort=$2; limit=$3; burn=$4
log=${STOP_W:-/tmp/stop-w}/over-$label.log; rm -f $log; out=/tmp/stop-w/over-out-$label; rm -rf $out
if [ "$burn" = burn ]; then python burn.py 2 & sleep 1; fi
l0=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -f "%e s wall %U+%S cpu %M KB" -o over-$label.time python traced.py $log run $cohort --out $out --time-limit $limit --no-explain --quiet --lang en
code=$?
l1=$(cut -d' ' -f1 /proc/loadavg)
if [ "$burn" = burn ]; then kill $(cat ${STOP_W:-/tmp/stop-w}/burn.pids); fi
{ echo "== $label $cohort limit $limit $burn exit $code load $l0 -> $l1 $(date -u +%H:%M)"; cat over-$label.time
awk 'NR==1{t0=$1} {printf "%7.2f %s\n", $1-t0, substr($0, index($0," ")+1)}' $log | grep -v "write:.*csv\|end write:"
python -c "
import json; s=json.load(open('$out/summary.json'))
for k in ('selection','teams','plan'): print(k, s[k]['status'], s[k]['time_s'], [(o['name'],o['value'],o['bound']) for o in s[k]['objectives']])" ; } > over-$label.txt 2>&1
cat over-$label.txt
