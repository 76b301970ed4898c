#!/bin/bash
# explanations' added wall time at 60 students: matcher run with and without --no-explain, best of 2
for c in /work/main/instances/demo /work/main/instances/historical/*; do
  n=$(basename $c); best_no=999; best_yes=999
  for r in 1 2; do
    for mode in no yes; do
      flag=""; [ $mode = no ] && flag="--no-explain"
      rm -rf out; s=$(date +%s.%N); matcher run $c --out out --quiet $flag; e=$(date +%s.%N)
      w=$(python3 -c "print(round($e-$s,2))")
      if [ $mode = no ]; then best_no=$(python3 -c "print(min($best_no,$w))"); else best_yes=$(python3 -c "print(min($best_yes,$w))"); fi
    done
  done
  rows=$(python3 -c "import csv;r=list(csv.DictReader(open('out/explanations.csv',encoding='utf-8-sig')));print(len(r), sum(x['verdict']=='unknown' for x in r))")
  echo "$n without=$best_no with=$best_yes added=$(python3 -c "print(round($best_yes-$best_no,2))") rows_unknown=$rows load=$(cut -d' ' -f1 /proc/loadavg)"
done
