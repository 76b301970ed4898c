#!/bin/bash
# Explanations' added wall time at 200 students, workers 1 and 2 (session 29).
# Folder holding g1 g2 g3 g5 (matcher generate --seed N --students 200) and skewed200
# (python benchmarks/shapes.py --shape skewed --students 200 --seed 0 --out skewed200).
cd "${1:-/tmp/s29}"
for c in g1 g2 g3 g5 skewed200; do
  for w in 1 2; do
    for mode in noexplain explain; do
      rm -rf m/out
      flag=""; [ $mode = noexplain ] && flag="--no-explain"
      s=$(date +%s.%N)
      matcher run $c --out m/out --workers $w --quiet $flag
      rc=$?
      e=$(date +%s.%N)
      unk=""
      if [ -f m/out/explanations.csv ]; then
        unk=$(python3 -c "import csv;r=list(csv.DictReader(open('m/out/explanations.csv',encoding='utf-8-sig')));print(len(r), sum(x['verdict']=='unknown' for x in r))")
      fi
      echo "$c w=$w $mode rc=$rc wall=$(python3 -c "print(round($e-$s,2))") rows_unknown=$unk load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
