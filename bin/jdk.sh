# Sourced by the launchers: sets SHOAL_JAVA_HOME to a JDK >= 21 and SHOAL_JAVA_MAJOR to its feature version,
# or says how to get one.
# Looks at $JAVA_HOME, then `java` on PATH, then the newest JDK in /usr/lib/jvm/*, /opt/*jdk*, /opt/java/*.
# The version is read from the JDK's `release` file with shell built-ins: this runs at every start of a
# tool, and each process it started would cost 1-2 ms.

# Sets SHOAL_JAVA_MAJOR to the feature version of the JDK at $1 (empty when it cannot tell).
shoal_java_major() {
  local line
  SHOAL_JAVA_MAJOR=
  if [ -r "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*) line=${line#JAVA_VERSION=}; line=${line#\"}; SHOAL_JAVA_MAJOR=${line%%[!0-9]*}; break ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$SHOAL_JAVA_MAJOR" ] && [ -x "$1/bin/java" ]; then
    SHOAL_JAVA_MAJOR=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
}

# True when $1 is a JDK 21 or newer; sets SHOAL_JAVA_MAJOR.
shoal_is_jdk() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  shoal_java_major "$1"
  [ -n "$SHOAL_JAVA_MAJOR" ] && [ "$SHOAL_JAVA_MAJOR" -ge 21 ]
}

shoal_find_jdk() {
  local c best='' best_major=0
  if [ -n "${JAVA_HOME:-}" ] && shoal_is_jdk "${JAVA_HOME%/}"; then
    SHOAL_JAVA_HOME=${JAVA_HOME%/}; return 0
  fi
  if c=$(command -v java) && c=$(readlink -f "$c") && shoal_is_jdk "${c%/bin/java}"; then
    SHOAL_JAVA_HOME=${c%/bin/java}; return 0
  fi
  for c in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    if shoal_is_jdk "$c" && [ "$SHOAL_JAVA_MAJOR" -gt "$best_major" ]; then best=$c; best_major=$SHOAL_JAVA_MAJOR; fi
  done
  if [ -n "$best" ]; then SHOAL_JAVA_HOME=$best; SHOAL_JAVA_MAJOR=$best_major; return 0; fi
  echo "shoal: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt) — install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME" >&2
  return 1
}
