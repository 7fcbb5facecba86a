package dev.shoal.wq.manager;

/**
 * Checks on names that cross the wire. Pure.
 *
 * <p>A sandbox name must be relative and free of {@code ..} segments (the worker refuses others). A
 * name in a {@code get} reply must be the cache name asked for or a path below it, again without
 * {@code ..}, empty or {@code .} segments: anything else could write outside the workflow
 * directory.
 */
final class SafeNames {
  private SafeNames() {}

  /** True when {@code name} may be used inside a task sandbox. */
  static boolean sandboxName(String name) {
    return !name.isEmpty() && !name.startsWith("/") && segmentsOk(name, true);
  }

  /**
   * The path of {@code name} below {@code asked}: {@code ""} for {@code asked} itself, {@code
   * "a/b"} for {@code asked + "/a/b"}; {@code null} when {@code name} is anything else.
   */
  static String below(String asked, String name) {
    if (name.equals(asked)) {
      return "";
    }
    if (!name.startsWith(asked + "/")) {
      return null;
    }
    String rest = name.substring(asked.length() + 1);
    return !rest.isEmpty() && segmentsOk(rest, false) ? rest : null;
  }

  private static boolean segmentsOk(String path, boolean allowDot) {
    for (String s : path.split("/", -1)) {
      if (s.equals("..") || s.indexOf('\0') >= 0) {
        return false;
      }
      if (!allowDot && (s.isEmpty() || s.equals("."))) {
        return false;
      }
    }
    return true;
  }
}
