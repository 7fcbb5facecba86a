#!/usr/bin/env bash
# One master/worker run for the benchmarks: starts MAKEFLOW -T wq on a free port, NWORKERS workers of WORKER
# against it, waits for the makeflow to end, stops the workers. The benchmark driver times the whole script and
# kills its session on timeout.
# Usage: wq_run.sh MAKEFLOW WORKER NWORKERS "WORKER OPTIONS" MAKEFLOW-ARGS...
set -u
makeflow=$1 worker=$2 n=$3 wopts=$4
shift 4
portfile=$(mktemp -u "$PWD/.port.XXXXXX")
"$makeflow" -T wq -p 0 -Z "$portfile" "$@" &
mf=$!
# The port file appears once the manager listens; the manager gives no other signal.
for _ in $(seq 1 3000); do
  [ -s "$portfile" ] && break
  kill -0 "$mf" 2>/dev/null || break
  sleep 0.01
done
if [ ! -s "$portfile" ]; then echo "wq_run: $makeflow wrote no port file" >&2; wait "$mf"; exit 3; fi
port=$(tr -dc 0-9 <"$portfile")
pids=()
for i in $(seq 1 "$n"); do
  mkdir -p "w$i"
  # shellcheck disable=SC2086
  "$worker" $wopts -s "$PWD/w$i" 127.0.0.1 "$port" >"w$i.log" 2>&1 &
  pids+=($!)
done
wait "$mf"; rc=$?
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
wait 2>/dev/null
exit "$rc"
