#!/usr/bin/env bash
# 1,000 trivial rules through -T wq with 2 cctools workers (1 core each): Shoal vs cctools makeflow.
# Usage: bench/wq-trivial.sh [runs]   — prints each wall time and the median per tool.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
rules=1000
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
one() { # tool dir
  local tool=$1 d=$2
  rm -rf "$d"; mkdir -p "$d"
  for i in $(seq 1 $rules); do printf 'out.%d:\n\techo %d > out.%d\n\n' "$i" "$i" "$i"; done > "$d/Makeflow"
  local start end w1 w2 mf
  start=$(date +%s.%N)
  if [ "$tool" = shoal ]; then
    "$here/bin/makeflow" -X "$d" -T wq -Z port --no-progress > "$d/mf.out" 2>&1 & mf=$!
  else
    (cd "$d" && makeflow -T wq -Z port > mf.out 2>&1) & mf=$!
  fi
  while [ ! -s "$d/port" ]; do sleep 0.01; done
  work_queue_worker -t 30 --cores 1 -s "$d" localhost "$(cat "$d/port")" > /dev/null 2>&1 & w1=$!
  work_queue_worker -t 30 --cores 1 -s "$d" localhost "$(cat "$d/port")" > /dev/null 2>&1 & w2=$!
  wait $mf
  end=$(date +%s.%N)
  kill $w1 $w2 2>/dev/null || true; wait $w1 $w2 2>/dev/null || true
  [ "$(ls "$d"/out.* | wc -l)" = $rules ] || { echo "$tool: missing outputs" >&2; exit 1; }
  echo "$end - $start" | bc
}
for tool in shoal cctools; do
  times=()
  for r in $(seq 1 "$runs"); do t=$(one $tool "$work/$tool-$r"); times+=("$t"); echo "$tool run $r: $t s"; done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$tool median: $med s ($(echo "$rules / $med" | bc) rules/s)"
done
