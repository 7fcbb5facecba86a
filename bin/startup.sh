# Sourced by bin/shoal: the JVM flags that make start-up fast, kept next to the jar.
#   JDK 25 and newer: an AOT cache (JEP 483/514/515) of loaded and linked classes and resolved lambdas,
#     made by a training run (1,000 rules run by the `makeflow` tool) before the first run that needs it.
#   JDK 21-24: a dynamic class-data archive that the JVM makes at the end of the first run.
# Either is remade when the jar (or, for the AOT cache, the JDK) is newer than it. Neither makes a run fail or
# print anything: a cache the JVM cannot use is ignored (-Xlog:...=off), a failed training leaves a marker
# (so it is not retried on every run; its log is beside it) and the run falls back to the class-data archive.

# The worker (bin/work_queue_worker) gets the same treatment, trained by shoal_train_worker_aot.

# Sets SHOAL_START_FLAGS for running JAR with the JDK SHOAL_JAVA_HOME (feature version SHOAL_JAVA_MAJOR);
# BASE... are the JVM flags every run uses (the training run must use the same ones).
shoal_start_flags() {
  local jar=$1 dir
  shift
  dir=${jar%/*}
  SHOAL_START_FLAGS=()
  [ -w "$dir" ] || return 0
  if [ "${SHOAL_JAVA_MAJOR:-0}" -ge 25 ]; then
    # One cache per JDK: each JDK checks that a cache is its own, and two JDKs would remake each other's.
    local cache f
    local home=${SHOAL_JAVA_HOME%/}
    cache="$dir/shoal-${home##*/}.aot"
    for f in "$cache" "$cache.failed"; do
      if [ -f "$f" ] && { [ "$jar" -nt "$f" ] || [ "$SHOAL_JAVA_HOME/release" -nt "$f" ]; }; then rm -f "$f"; fi
    done
    if [ ! -f "$cache" ] && [ ! -f "$cache.failed" ]; then
      # The caller may name its own training (bin/work_queue_worker: shoal_train_worker_aot).
      "${SHOAL_AOT_TRAIN:-shoal_train_aot}" "$jar" "$cache" "$@"
    fi
    if [ -f "$cache" ]; then
      SHOAL_START_FLAGS=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
      return 0
    fi
  fi
  local jsa="$dir/shoal.jsa"
  # The JVM does not remake an archive whose jar changed: remove it, the next run makes a new one.
  if [ -f "$jsa" ] && [ "$jar" -nt "$jsa" ]; then rm -f "$jsa"; fi
  SHOAL_START_FLAGS=(-XX:SharedArchiveFile="$jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)
}

# Makes CACHE by running JAR's makeflow on a workflow of 1,000 rules in a scratch directory (~3 s, once per
# jar; a run that size records which methods get hot, and the JVM compiles them early in later runs);
# on failure writes CACHE.failed with the training's output. Concurrent trainings each write their own file
# and rename it into place, so a reader never sees half a cache.
shoal_train_aot() {
  local jar=$1 cache=$2 work k
  shift 2
  work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-aot.XXXXXX") || return 0
  # shellcheck disable=SC2064  # expand now: the paths are local to this function
  trap "rm -rf '$work' '$cache.$$' '$cache.$$.config'" EXIT
  # Independent rules, then one rule that reads them all: dispatch, completion, dependants, the log.
  {
    for ((k = 0; k < 1000; k++)); do printf 'out.%d:\n\techo %d > out.%d\n\n' "$k" "$k" "$k"; done
    printf 'all:'
    for ((k = 0; k < 1000; k++)); do printf ' out.%d' "$k"; done
    printf '\n\tcat out.* > all\n'
  } >"$work/Makeflow"
  if (cd "$work" && "$SHOAL_JAVA_HOME/bin/java" "$@" -XX:AOTCacheOutput="$cache.$$" \
    -Dshoal.tool=makeflow -jar "$jar" -T local -j 2 Makeflow) >"$work/training.log" 2>&1 \
    && [ -s "$cache.$$" ]; then
    # A jar rebuilt during the training makes this cache one the JVM refuses: keep it only if not.
    if [ ! "$jar" -nt "$work/Makeflow" ]; then mv -f "$cache.$$" "$cache"; fi
  else
    mv -f "$work/training.log" "$cache.failed"
  fi
  rm -rf "$work" "$cache.$$" "$cache.$$.config"
  trap - EXIT
}

# The worker's training (SHOAL_AOT_TRAIN=shoal_train_worker_aot): JAR serves, with -XX:AOTCacheOutput,
# a workflow of 40 rules with 5 small inputs each run by Shoal's manager (SHOAL_MANAGER_JAR: makeflow -T wq)
# in a scratch directory: connection, puts into the cache, tasks, gets (~3 s, once per jar). Without the
# manager's jar (a worker shipped alone) nothing is trained: the class-data archive serves instead.
shoal_train_worker_aot() {
  local jar=$1 cache=$2 work k j port mf ok=0
  shift 2
  [ -f "${SHOAL_MANAGER_JAR:-}" ] || return 0
  # One training at a time (a factory starts many workers at once): the others run without the cache.
  # A lock left by a killed training is stale after 10 minutes.
  if ! mkdir "$cache.training" 2>/dev/null; then
    [ -n "$(find "$cache.training" -maxdepth 0 -mmin +10 2>/dev/null)" ] || return 0
    rm -rf "$cache.training"
    mkdir "$cache.training" 2>/dev/null || return 0
  fi
  work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-aot.XXXXXX") || { rmdir "$cache.training"; return 0; }
  # shellcheck disable=SC2064  # expand now: the paths are local to this function
  trap "rm -rf '$work' '$cache.$$' '$cache.$$.config' '$cache.training'" EXIT
  for ((k = 0; k < 40; k++)); do
    for ((j = 0; j < 5; j++)); do head -c $((k * 512 + j + 1)) /dev/zero >"$work/in.$k.$j"; done
    printf 'sum.%d: in.%d.0 in.%d.1 in.%d.2 in.%d.3 in.%d.4\n\tcat in.%d.* | wc -c > sum.%d\n\n' \
      "$k" "$k" "$k" "$k" "$k" "$k" "$k" "$k"
  done >"$work/Makeflow.body"
  printf 'CORES=1\nMEMORY=10\nDISK=10\n' | cat - "$work/Makeflow.body" >"$work/Makeflow"
  (cd "$work" && exec timeout 60 "$SHOAL_JAVA_HOME/bin/java" -Dshoal.tool=makeflow -jar "$SHOAL_MANAGER_JAR" \
    -T wq -p 0 -Z "$work/port" Makeflow) >"$work/training.log" 2>&1 &
  mf=$!
  for ((k = 0; k < 3000; k++)); do
    [ -s "$work/port" ] && break
    kill -0 "$mf" 2>/dev/null || break
    sleep 0.01
  done
  if [ -s "$work/port" ]; then
    port=$(tr -dc 0-9 <"$work/port")
    mkdir -p "$work/w"
    timeout 60 "$SHOAL_JAVA_HOME/bin/java" "$@" -XX:AOTCacheOutput="$cache.$$" -jar "$jar" --single-shot \
      -s "$work/w" 127.0.0.1 "$port" >>"$work/training.log" 2>&1 && ok=1
  fi
  wait "$mf" || ok=0
  if [ "$ok" = 1 ] && [ -s "$cache.$$" ]; then
    if [ ! "$jar" -nt "$work/Makeflow" ]; then mv -f "$cache.$$" "$cache"; fi
  else
    kill "$mf" 2>/dev/null
    mv -f "$work/training.log" "$cache.failed"
  fi
  rm -rf "$work" "$cache.$$" "$cache.$$.config" "$cache.training"
  trap - EXIT
}
