# Sourced by the launchers: sets SHOAL_JAVA_HOME to a JDK >= 21 and SHOAL_JAVA_MAJOR to its feature
# version, or says how to get one.
# Looks at $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* and /opt/*jdk* (newest first).
# The version is read from the JDK's `release` file, so finding a JDK starts no process.
shoal_java_major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -z "$v" ] && [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$v"
}
shoal_find_jdk() {
  local c v candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)"); candidates+=("${c%/bin/java}")
  fi
  for c in $(ls -d /usr/lib/jvm/* /opt/*jdk* /opt/java/* 2>/dev/null | sort -rV); do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(shoal_java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then SHOAL_JAVA_HOME="$c"; SHOAL_JAVA_MAJOR="$v"; return 0; fi
  done
  echo "shoal: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt) — install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME" >&2
  return 1
}
